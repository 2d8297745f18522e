"""Vectorised stand-ins for spaCy's ``attribute_ruler`` and ``lemmatizer``, with identical
output.

The English pipelines' attribute ruler maps fine-grained tags to POS and morphology
with ~180 single-token rules. spaCy runs them through the general ``Matcher``, which costs
about 15% of ``en_core_web_sm``'s time; the same rules, tried only where a token's tag
allows them and remembered per token signature, cost about 1%. The rule lemmatizer walks
every token in Python and caches only the inflected ones (every singular noun is checked
again each time); its lemma is a function of the word, its POS and its morphology, so one
lookup per distinct triple gives the same lemmas for a tenth of the time. That budget pays
for this project's components.

:func:`speed_up_attributes` swaps both components in a loaded pipeline; rules the fast path
cannot express (none in the English models) keep the original component.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

from .util import DataComponent

_MATCH_ATTRS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_COLUMNS = list(_MATCH_ATTRS)
_OUT_COLUMN = {POS: 0, MORPH: 1, LEMMA: 2}
_CACHE_LIMIT = 100_000  # token signatures remembered; bounded so memory stays flat


class _Unsupported(ValueError):
    """A rule the vectorised path cannot express."""


class FastAttributeRuler(DataComponent):
    """Apply attribute-ruler rules with array operations."""

    default_name = "attribute_ruler"
    data_files = ("patterns.json",)

    def setup(self, nlp: Language) -> None:
        self._regex_cache: dict[tuple[str, int], bool] = {}
        self.initialize()  # no rules until the base model's are taken

    def set_patterns(self, patterns: Iterable[dict]) -> None:
        """Take the rules of an ``AttributeRuler`` (its ``patterns`` property)."""
        self.patterns = list(patterns)
        self.rules = [self._compile(p) for p in self.patterns]
        self._multi = [
            r
            for r, (compiled, _, _) in enumerate(self.rules)
            if any(len(tokens) > 1 for tokens in compiled)
        ]
        # the one-token rules a tag allows: most rules name the tag they map
        any_tag: list[int] = []
        by_tag: dict[int, list[int]] = {}
        for r, (compiled, _, _) in enumerate(self.rules):
            tags = _tags_allowed([tokens[0] for tokens in compiled if len(tokens) == 1])
            if tags is None:
                any_tag.append(r)
            for tag in tags or ():
                by_tag.setdefault(tag, []).append(r)
        self._any_tag = any_tag
        self._by_tag = {tag: sorted({*rules, *any_tag}) for tag, rules in by_tag.items()}
        self._forget()

    def _forget(self) -> None:
        """Empty the per-signature memory: token signature -> its row in the tables below,
        which hold what the one-token rules firing there set (``_set``: which of POS,
        MORPH, LEMMA; ``_value``: to what), so a document is written with array operations."""
        self._cache: dict[tuple, int] = {}
        self._hits: list[tuple[int, ...]] = []
        self._slow: list[tuple[tuple[int, int], ...]] = []  # TAG and DEP writes, in order
        self._set = np.zeros((0, 3), dtype=bool)
        self._value = np.zeros((0, 3), dtype=np.uint64)
        self._filled = 0  # signatures entered in the tables

    @property
    def data(self) -> dict[str, list[dict]]:
        return {"patterns.json": self.patterns}

    def set_data(self, data: dict[str, list[dict]]) -> None:
        self.set_patterns(data["patterns.json"])

    def initialize(
        self, get_examples=None, *, nlp: Language | None = None, patterns: Iterable[dict] = ()
    ) -> None:
        self.set_patterns(patterns)

    def _compile(self, rule: dict) -> tuple[list, int, dict]:
        strings = self.vocab.strings
        compiled = []
        for pattern in rule["patterns"]:
            tokens = []
            for spec in pattern:
                tests = []
                for key, value in spec.items():
                    if key not in _MATCH_ATTRS:
                        raise _Unsupported(key)
                    col = _COLUMNS.index(key)
                    if isinstance(value, bool):
                        tests.append((col, "eq", int(value)))
                    elif isinstance(value, str):
                        tests.append((col, "eq", strings.add(value)))
                    elif isinstance(value, dict) and set(value) <= {"IN", "NOT_IN", "REGEX"}:
                        for op, arg in value.items():
                            if op == "REGEX":
                                tests.append((col, "regex", re.compile(arg)))
                            else:
                                tests.append((col, op, frozenset(strings.add(v) for v in arg)))
                    else:
                        raise _Unsupported(f"{key}: {value!r}")
                tokens.append(tests)
            compiled.append(tokens)
        attrs = {}
        for key, value in rule["attrs"].items():
            if key == "POS":
                attrs[POS] = POS_IDS[value]
            elif key == "MORPH":
                attrs[MORPH] = self.vocab.morphology.add(value)
            elif key in ("LEMMA", "TAG", "DEP"):
                attrs[{"LEMMA": LEMMA, "TAG": TAG, "DEP": DEP}[key]] = strings.add(value)
            else:
                raise _Unsupported(key)
        return compiled, rule.get("index", 0), attrs

    def _matches(self, tests: list, row: tuple) -> bool:
        strings = self.vocab.strings
        for col, op, arg in tests:
            value = row[col]
            if op == "eq":
                ok = value == arg
            elif op == "IN":
                ok = value in arg
            elif op == "NOT_IN":
                ok = value not in arg
            else:
                ok = self._regex(arg, value, strings)
            if not ok:
                return False
        return True

    def _regex(self, pattern: re.Pattern, value: int, strings) -> bool:
        key = (pattern.pattern, value)
        if key not in self._regex_cache:
            self._regex_cache[key] = bool(pattern.search(strings[value]))
        return self._regex_cache[key]

    def _signature(self, row: tuple) -> int:
        """The row of the one-token rules' effects on a token with these attributes."""
        sig = self._cache.get(row)
        if sig is None:
            rules = self._by_tag.get(row[0], self._any_tag)
            hits = tuple(
                r
                for r in rules
                if any(len(t) == 1 and self._matches(t[0], row) for t in self.rules[r][0])
            )
            sig = self._cache[row] = len(self._hits)
            self._hits.append(hits)
            self._slow.append(self._effects(hits)[1])
        return sig

    def _effects(self, hits: Iterable[int]) -> tuple[dict[int, int], tuple[tuple[int, int], ...]]:
        """What the rules ``hits`` set, applied in turn: POS/MORPH/LEMMA column -> value (the
        last rule's), and the TAG and DEP writes in order."""
        columns: dict[int, int] = {}
        slow = []
        for r in hits:
            for attr, value in self.rules[r][2].items():
                column = _OUT_COLUMN.get(attr)
                if column is None:
                    slow.append((attr, value))
                else:
                    columns[column] = value
        return columns, tuple(slow)

    def _tables(self) -> None:
        """Fill ``_set``/``_value`` for the signatures met since the last document (grown by
        doubling, so a long run copies them a few times, not once per document)."""
        if len(self._hits) > len(self._set):
            size = max(2 * len(self._set), len(self._hits), 1024)
            for name in ("_set", "_value"):
                old = getattr(self, name)
                grown = np.zeros((size, 3), dtype=old.dtype)
                grown[: len(old)] = old
                setattr(self, name, grown)
        for sig in range(self._filled, len(self._hits)):
            for column, value in self._effects(self._hits[sig])[0].items():
                self._set[sig, column] = True
                self._value[sig, column] = value
        self._filled = len(self._hits)

    def _multi_hits(self, arr: np.ndarray, rows: list[tuple]) -> dict[int, list[int]]:
        """Token index -> indices of the multi-token rules that set it."""
        out: dict[int, list[int]] = {}
        n = len(rows)
        for r in self._multi:
            compiled, index, _ = self.rules[r]
            for tokens in compiled:
                width = len(tokens)
                if width == 1:
                    continue
                first = np.ones(n - width + 1, dtype=bool) if n >= width else None
                for k, tests in enumerate(tokens):  # cheap array pre-filter, token by token
                    for col, op, arg in tests:
                        if first is not None and op in ("eq", "IN"):
                            values = arr[k : n - width + 1 + k, col]
                            first &= values == arg if op == "eq" else np.isin(values, list(arg))
                starts = np.flatnonzero(first).tolist() if first is not None else []
                for start in starts:
                    if all(self._matches(t, rows[start + k]) for k, t in enumerate(tokens)):
                        out.setdefault(start + (index if index >= 0 else width + index), []).append(
                            r
                        )
        return out

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0 or not self.rules:
            return doc
        arr = doc.to_array([_MATCH_ATTRS[c] for c in _COLUMNS]).reshape(n, len(_COLUMNS))
        rows = list(map(tuple, arr.tolist()))
        before = doc.to_array([POS, MORPH, LEMMA]).reshape(n, 3)
        multi = self._multi_hits(arr, rows) if self._multi else {}
        if len(self._cache) > _CACHE_LIMIT:
            self._forget()
        sigs = [self._signature(row) for row in rows]
        self._tables()
        out = np.where(self._set[sigs], self._value[sigs], before)
        slow = [
            (i, attr, value)
            for i, sig in enumerate(sigs)
            if self._slow[sig] and i not in multi
            for attr, value in self._slow[sig]
        ]
        for i, rules in multi.items():  # (rare: one-token and multi-token rules, in order)
            columns, writes = self._effects(sorted({*self._hits[sigs[i]], *rules}))
            out[i] = before[i]
            for column, value in columns.items():
                out[i, column] = value
            slow += [(i, attr, value) for attr, value in writes]
        doc.from_array([POS, MORPH, LEMMA], out)
        for i, attr, value in slow:
            if attr == TAG:
                doc[i].tag = value
            else:
                doc[i].dep = value
        return doc


def _tags_allowed(patterns: list[list]) -> set[int] | None:
    """The tags a one-token rule can fire on, or None where any tag can match."""
    allowed: set[int] = set()
    for tests in patterns:
        tags = [arg for col, op, arg in tests if col == 0 and op in ("eq", "IN")]
        if not tags:
            return None
        allowed |= {tags[0]} if isinstance(tags[0], int) else set(tags[0])
    return allowed


class FastLemmatizer:
    """spaCy's lemmatizer, called once per distinct (word, POS, morphology) of a batch.

    It wraps the base model's own lemmatizer (its tables, mode and serialisation), so the
    lemmas are that lemmatizer's, token for token.
    """

    def __init__(self, lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        # (the lemma's text, not its hash: inside ``nlp.memory_zone()`` a new string lives
        # only as long as the zone, so each document adds its lemmas to the store again)
        self._cache: dict[tuple[int, int, int], str] = {}

    def __getattr__(self, name: str):  # mode, lookups, overwrite, to_disk, from_disk, ...
        if name == "lemmatizer":  # (an instance being unpickled has none yet)
            raise AttributeError(name)
        return getattr(self.lemmatizer, name)

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """``nlp.pipe`` calls this (the wrapped lemmatizer's own ``pipe``, reached through
        ``__getattr__``, would lemmatize every token the slow way)."""
        error_handler = self.get_error_handler()
        for doc in docs:
            try:
                yield self(doc)
            except Exception as err:
                error_handler(self.name, self, [doc], err)

    def __call__(self, doc: Doc) -> Doc:
        inner = self.lemmatizer
        if not len(doc):
            return doc
        if not inner._validated:
            return inner(doc)  # (the original raises its own error on missing tables)
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = arr[:, 3].copy()
        todo = range(len(doc)) if inner.overwrite else np.flatnonzero(lemmas == 0).tolist()
        keys = list(map(tuple, arr[:, :3].tolist()))
        cache, strings = self._cache, doc.vocab.strings
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        for i in todo:
            lemma = cache.get(keys[i])
            if lemma is None:
                lemma = cache[keys[i]] = inner.lemmatize(doc[i])[0]
            lemmas[i] = strings.add(lemma)
        doc.from_array([LEMMA], lemmas)
        return doc


def speed_up_attributes(nlp: Language) -> bool:
    """Replace ``attribute_ruler`` and ``lemmatizer`` in ``nlp`` by the vectorised versions;
    True if either was replaced."""
    done = False
    if "lemmatizer" in nlp.pipe_names and not isinstance(
        nlp.get_pipe("lemmatizer"), FastLemmatizer
    ):
        slow = nlp.get_pipe("lemmatizer")
        fast = nlp.replace_pipe(
            "lemmatizer",
            "fast_lemmatizer",
            config={"mode": slow.mode, "overwrite": slow.overwrite},
        )
        fast.lemmatizer = slow  # (its loaded tables)
        done = True
    if "attribute_ruler" not in nlp.pipe_names:
        return done
    ruler = nlp.get_pipe("attribute_ruler")
    if isinstance(ruler, FastAttributeRuler):
        return done
    fast = FastAttributeRuler(nlp, "attribute_ruler")
    try:
        fast.set_patterns(ruler.patterns)
    except _Unsupported:
        return done
    nlp.replace_pipe("attribute_ruler", "fast_attribute_ruler").set_patterns(fast.patterns)
    return True


@Language.factory("fast_attribute_ruler")
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp, name)


@Language.factory("fast_lemmatizer", default_config={"mode": "rule", "overwrite": False})
def make_fast_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> FastLemmatizer:
    """The language's own ``lemmatizer`` factory, wrapped."""
    config = {"mode": mode, "overwrite": overwrite}
    return FastLemmatizer(nlp.create_pipe("lemmatizer", name=name, config=config))
