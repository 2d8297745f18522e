"""Gold readers: the formats researchers annotate in, read into one shape.

brat standoff (as in PolNeAR), JSONL with the output tables' fields, CoNLL BIO and spaCy
``DocBin`` all become :class:`GoldDoc`; a malformed file raises :class:`GoldFormatError`
naming the file and line, so a typo in a gold file is found before any score is trusted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from glob import escape
from pathlib import Path

Range = tuple[int, int]


class GoldFormatError(ValueError):
    """Malformed gold data; the message names the file and line."""


@dataclass(frozen=True, order=True)
class Entity:
    start: int
    end: int
    label: str

    @property
    def size(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Quote:
    """A gold or predicted quote; gold content may be discontinuous (several ranges)."""

    content: tuple[Range, ...]
    speaker: tuple[Range, ...] = ()
    cue: str = ""
    kind: str = ""


@dataclass
class GoldDoc:
    doc_id: str
    text: str
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


def _fail(path: Path, line: int | None, message: str) -> GoldFormatError:
    where = f"{path}:{line}" if line is not None else str(path)
    return GoldFormatError(f"{where}: {message}")


def _check_range(path: Path, line: int, text: str, start: int, end: int) -> Range:
    if not 0 <= start <= end:
        raise _fail(path, line, f"bad offsets {start}-{end}")
    if end > len(text):
        raise _fail(path, line, f"offsets {start}-{end} past the end of the text ({len(text)})")
    return start, end


def read_brat(folder: str | Path) -> list[GoldDoc]:
    """PolNeAR-style brat standoff: ``text/*.txt`` + ``attributions/<name>_<annotator>.ann``.

    A flat folder of ``name.txt`` + ``name.ann`` works too. The first annotation file per
    text is used; texts without one are not evaluated. Each ``Attribution`` event gives one
    gold quote: its ``Content*`` ranges, ``Source`` ranges and ``Cue`` text.
    """
    folder = Path(folder)
    text_dir = folder / "text" if (folder / "text").is_dir() else folder
    ann_dir = folder / "attributions" if (folder / "attributions").is_dir() else folder
    if not folder.is_dir():
        raise _fail(folder, None, "not a folder of brat .txt/.ann files")
    docs = []
    for txt in sorted(text_dir.glob("*.txt")):
        anns = [p for p in [ann_dir / f"{txt.stem}.ann"] if p.is_file()]
        anns += sorted(ann_dir.glob(f"{escape(txt.stem)}_*.ann"))
        if anns:
            text = txt.read_text(encoding="utf-8")
            docs.append(GoldDoc(txt.stem, text, quotes=_read_ann(anns[0], text)))
    if not docs:
        raise _fail(folder, None, "no .txt file with a matching .ann file")
    return docs


_ANN_ID = re.compile(r"[A-Z]\d+\t")


def _read_ann(path: Path, text: str) -> list[Quote]:
    spans: dict[str, tuple[str, tuple[Range, ...]]] = {}
    events: list[tuple[int, str]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        # a line with no ``ID<TAB>`` continues the text field of a span that crosses a line
        # break (``T38\tContent 1866 1890;1921 1979\t3.`` then ``The number of ...``)
        if _ANN_ID.match(line) is None:
            continue
        if line.startswith("T"):
            fields = line.split("\t")
            head = fields[1].split(" ", 1) if len(fields) > 1 else []
            if len(head) != 2:
                raise _fail(path, n, "text-bound annotation needs 'ID<TAB>Type start end'")
            ranges = []
            for frag in head[1].split(";"):
                bounds = frag.split()
                if len(bounds) != 2 or not all(b.isdigit() for b in bounds):
                    raise _fail(path, n, f"bad offsets {head[1]!r}")
                ranges.append(_check_range(path, n, text, int(bounds[0]), int(bounds[1])))
            spans[fields[0]] = (head[0], tuple(sorted(ranges)))
        elif line.startswith("E"):
            events.append((n, line))
    quotes = []
    for n, line in events:
        args = line.split("\t")[1].split() if "\t" in line else []
        content: list[Range] = []
        speaker: list[Range] = []
        cue = []
        for arg in args[1:]:
            role, _, ref = arg.partition(":")
            if ref not in spans:
                raise _fail(path, n, f"event argument {arg!r} refers to no annotation")
            ranges = spans[ref][1]
            if role.startswith("Content"):
                content += ranges
            elif role.startswith("Source"):
                speaker += ranges
            elif role.startswith("Cue"):
                cue += [text[s:e] for s, e in ranges]
        if content:
            quotes.append(Quote(tuple(sorted(content)), tuple(sorted(speaker)), " ".join(cue)))
    return quotes


def read_jsonl(path: str | Path) -> list[GoldDoc]:
    """One document per line: ``id``/``doc_id``, ``text``, ``mentions`` and/or ``quotes``.

    Mentions and quotes carry the columns of the ``mentions`` and ``quotes`` output tables
    (``start_char``, ``end_char``, ``label``; ``speaker_start``, ``speaker_end``, ``cue``,
    ``kind``), so a corrected output table is a gold file.
    """
    path = Path(path)
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            raise _fail(path, n, f"invalid JSON ({err.msg})") from err
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            raise _fail(path, n, "each line must be an object with a 'text' string")
        text = rec["text"]
        doc_id = str(rec.get("doc_id", rec.get("id", f"{path.stem}:{n}")))
        try:
            entities = [
                Entity(
                    *_check_range(path, n, text, int(m["start_char"]), int(m["end_char"])),
                    str(m["label"]),
                )
                for m in rec.get("mentions") or []
            ]
            quotes = [_jsonl_quote(path, n, text, q) for q in rec.get("quotes") or []]
        except (KeyError, TypeError, ValueError) as err:
            if isinstance(err, GoldFormatError):
                raise
            raise _fail(path, n, f"bad mention or quote ({type(err).__name__}: {err})") from err
        docs.append(GoldDoc(doc_id, text, entities, quotes))
    return docs


def _jsonl_quote(path: Path, n: int, text: str, q: dict) -> Quote:
    content = _check_range(path, n, text, int(q["start_char"]), int(q["end_char"]))
    speaker: tuple[Range, ...] = ()
    if q.get("speaker_start") not in (None, "") and q.get("speaker_end") not in (None, ""):
        ss, se = int(q["speaker_start"]), int(q["speaker_end"])
        speaker = (_check_range(path, n, text, ss, se),)
    return Quote((content,), speaker, str(q.get("cue") or ""), str(q.get("kind") or ""))


def read_conll(path: str | Path) -> list[GoldDoc]:
    """Token-per-line BIO (token first, tag last; blank line between sentences).

    Each sentence becomes one document whose text is its tokens joined by single spaces,
    so entity offsets are known exactly. Every line must have the same number of columns.
    """
    path = Path(path)
    docs: list[GoldDoc] = []
    tokens: list[tuple[str, str]] = []
    first = 0
    width = None

    def flush() -> None:
        if tokens:
            docs.append(_conll_doc(f"{path.name}:{first}", tokens))
            tokens.clear()

    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        cols = line.split()
        if not cols:
            flush()
            continue
        if cols[0] == "-DOCSTART-":
            continue
        width = width or len(cols)
        if len(cols) != width or width < 2:
            raise _fail(
                path, n, f"expected {max(width, 2)} columns (token ... tag), got {len(cols)}"
            )
        tag = cols[-1]
        if tag != "O" and not re.fullmatch(r"[BIES]-\S+", tag):
            raise _fail(path, n, f"bad tag {tag!r} (expected O, B-label or I-label)")
        if not tokens:
            first = n
        tokens.append((cols[0], tag))
    flush()
    return docs


def _conll_doc(doc_id: str, tokens: list[tuple[str, str]]) -> GoldDoc:
    entities = []
    pos = 0
    current: list = []  # [start, end, label]
    for word, tag in tokens:
        prefix, _, label = tag.partition("-")
        if current and (prefix in ("O", "B", "S") or label != current[2]):
            entities.append(Entity(*current))
            current = []
        if prefix != "O":
            if current:
                current[1] = pos + len(word)
            else:
                current = [pos, pos + len(word), label]
        if prefix in ("E", "S") and current:
            entities.append(Entity(*current))
            current = []
        pos += len(word) + 1
    if current:
        entities.append(Entity(*current))
    return GoldDoc(doc_id, " ".join(w for w, _ in tokens), entities)


def read_docbin(path: str | Path) -> list[GoldDoc]:
    """A spaCy ``DocBin`` (``.spacy``): gold entities from ``doc.ents``."""
    import spacy
    from spacy.tokens import DocBin

    path = Path(path)
    try:
        docs = list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))
    except Exception as err:  # msgpack/zlib errors: the file is not a DocBin
        raise _fail(path, None, f"not a spaCy DocBin ({type(err).__name__})") from err
    return [
        GoldDoc(
            f"{path.stem}:{i}", d.text, [Entity(e.start_char, e.end_char, e.label_) for e in d.ents]
        )
        for i, d in enumerate(docs)
    ]


READERS: dict[str, Callable[[Path], list[GoldDoc]]] = {
    "brat": read_brat,
    "jsonl": read_jsonl,
    "conll": read_conll,
    "spacy": read_docbin,
}


def read_gold(path: str | Path, fmt: str) -> list[GoldDoc]:
    """Read gold documents in format ``fmt`` (brat, jsonl, conll, spacy)."""
    path = Path(path)
    if not path.exists():
        raise _fail(path, None, "no such file or folder")
    if fmt not in READERS:
        raise GoldFormatError(f"unknown gold format {fmt!r}; use one of {', '.join(READERS)}")
    if fmt != "brat" and path.is_dir():
        raise _fail(path, None, f"is a folder; --format {fmt} reads one file")
    try:
        return READERS[fmt](path)
    except UnicodeDecodeError as err:
        raise _fail(path, None, "not UTF-8 text") from err


def parse_label_map(spec: str | None) -> dict[str, str] | None:
    """``person=PERSON,country=STATE`` -> ``{"person": "PERSON", "country": "STATE"}``."""
    if not spec:
        return None
    pairs = [p.strip() for p in spec.split(",") if p.strip()]
    bad = [p for p in pairs if p.count("=") != 1 or not all(x.strip() for x in p.split("="))]
    if bad:
        raise ValueError(f"bad label map entry {bad[0]!r}; expected gold=PIPELINE pairs")
    return {k.strip(): v.strip() for k, v in (p.split("=") for p in pairs)}
