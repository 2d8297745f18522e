"""Helpers shared by the components: slugs, the package data folder, and data serialisation."""

from __future__ import annotations

import json
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import srsly
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.util import ensure_path

from .extensions import install_extensions

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# each document's text, built once: ``Doc.text`` joins a new Token per word on every read,
# and a document's text never changes (retokenizing keeps it)
_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, read from the tokens once per document and shared by the components."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` (``0 <= start``, ``end <= len(doc)``) cut from the document's
    text: no Span and no Token per word are built for it."""
    if start >= end:
        return ""
    last = doc[end - 1]
    return doc_text(doc)[doc[start].idx : last.idx + len(last)]


def role_head(words: list[str] | tuple[str, ...]) -> str:
    """The head noun of a role: its last word, or the one before its ``of``."""
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]


def hash_table(strings: StringStore, words: Iterable[str]) -> np.ndarray:
    """The sorted string hashes of ``words``, the table :func:`isin` searches (built once,
    where the words are loaded, not on every document)."""
    return np.unique(np.array([strings.add(w) for w in words], dtype=np.uint64))


def isin(values: np.ndarray, table: np.ndarray) -> np.ndarray:
    """``np.isin`` for string hashes (``uint64``) in a :func:`hash_table`, by binary search:
    several times faster than ``np.isin`` on arrays of a document's length."""
    if not len(table):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(table, values)
    at[at == len(table)] = 0
    return table[at] == values


def slugify(text: str) -> str:
    """ASCII slug for canonical ids: ``Kim Jong Un`` -> ``kim-jong-un``. An apostrophe, straight
    or curly, joins its words (``O'Brien`` and ``O’Brien`` -> ``obrien``), so one spelling of a
    name is one id whichever quotation marks a source types."""
    text = re.sub(r"['\u2018\u2019\u02bc`]", "", text)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def read_data(path: str | Path, names: Iterable[str]) -> dict[str, Any]:
    """File name -> parsed JSON for ``names`` in ``path``. A file missing there, or a
    section missing from it (a pipeline saved before they existed), is the package's."""
    path = ensure_path(path)
    if path.resolve() == DATA_DIR:
        return {name: json.loads((DATA_DIR / name).read_text("utf-8")) for name in names}
    saved = {name: path / name for name in names if (path / name).exists()}
    return with_package_data({n: json.loads(p.read_text("utf-8")) for n, p in saved.items()}, names)


def with_package_data(data: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """Saved data files with the package's files and sections they lack filled in."""
    out = {}
    for name in names:
        package = DATA_DIR / name
        default = json.loads(package.read_text("utf-8")) if package.exists() else {}
        own = data.get(name, default)
        both_dicts = isinstance(own, dict) and isinstance(default, dict)
        out[name] = {**default, **own} if both_dicts else own
    return out


class DataComponent:
    """A component whose state is a few JSON data files, in the manner of spaCy's
    ``SpanRuler``: the package's files are read at construction (so ``nlp.add_pipe`` just
    works), ``initialize(data_path=...)`` reads another folder's, and the pipeline saves them
    with ``to_disk``/``to_bytes``. Nothing is read lazily while documents are processed.

    Subclasses name their files in ``data_files`` and build their lookups in
    ``set_data``. Their settings (the factory's config) are class attributes holding the
    defaults, so no component repeats a constructor: ``QuoteExtractor(nlp, min_words=3)``.
    """

    data_files: tuple[str, ...] = ()
    default_name = ""

    def __init__(self, nlp: Language, name: str = "", **settings: Any) -> None:
        install_extensions()
        self.vocab = nlp.vocab
        self.make_doc = nlp.make_doc
        self.name = name or self.default_name
        for key, value in settings.items():
            if key.startswith("_") or not hasattr(type(self), key):
                raise TypeError(f"{type(self).__name__} has no setting {key!r}")
            setattr(self, key, value)
        self.setup(nlp)

    def setup(self, nlp: Language) -> None:
        """Build the component once its settings are set: read the package's data."""
        self.initialize()

    @property
    def data(self) -> dict[str, Any]:
        """File name -> JSON content: what is saved."""
        return self._data

    def set_data(self, data: dict[str, Any]) -> None:
        self._data = data

    def read(self, path: Path) -> dict[str, Any]:
        """The data files in ``path`` (a folder with the package's or a saved pipeline's)."""
        return read_data(path, self.data_files)

    def initialize(
        self,
        get_examples: Callable[[], Iterable] | None = None,
        *,
        nlp: Language | None = None,
        data_path: str | Path | None = None,
    ) -> None:
        """Read the data files: the package's unless ``data_path`` names a folder."""
        self.set_data(self.read(ensure_path(data_path or DATA_DIR)))

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, content in self.data.items():
            (path / name).write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DataComponent:
        self.set_data(self.read(ensure_path(path)))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps(self.data)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> DataComponent:
        self.set_data(with_package_data(srsly.msgpack_loads(data), self.data_files))
        return self
