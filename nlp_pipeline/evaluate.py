"""Score the pipeline against gold annotations: one definition of every metric.

Researchers must check a tool on their own annotated sample before they trust it, so the
readers here accept the formats they annotate in (brat standoff as in PolNeAR, JSONL with
the output tables' fields, CoNLL BIO, spaCy ``DocBin``), and the scorers are the only place
where precision, recall, F1, quote overlap and speaker accuracy are defined. The
``nlp-pipeline evaluate`` commands and the accuracy benchmarks both call them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from glob import escape
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from spacy.tokens import Doc, Span

from .loading import DEFAULT_MODEL, ModelNotFoundError, load

Range = tuple[int, int]
# double marks, guillemets and the opening single mark (a closing ’ is usually an apostrophe)
QUOTE_MARKS = frozenset('"“”„‟«»‹›‘')
DEFAULT_OVERLAP = 0.3
STRICT_OVERLAP = 0.8
# the bare base model's NER labels as actor labels, for baselines
BASE_NER_MAP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "STATE"}
# verbs of speaking (lemmas) for the "cue is a speech verb" subset: a fixed list, independent
# of the pipeline's own cue lexicon, so the subset does not move when the extractor is tuned
_SPEECH_VERBS = """say tell add note explain warn urge insist claim deny confirm announce
    write tweet post vow pledge call state declare argue ask reply respond answer comment remark
    report acknowledge admit assert contend complain predict promise recall repeat stress emphasize
    emphasise testify mention describe quip joke shout yell exclaim whisper boast concede
    counter speak talk chant suggest echo tout threaten caution advise demand propose recount
    reiterate allege maintain conclude proclaim retort scoff lament"""
SPEECH_VERBS = frozenset(_SPEECH_VERBS.split())
_IRREGULAR = {
    "said": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "says": "say",
}
_CONTEXT = 60


class GoldFormatError(ValueError):
    """Malformed gold data; the message names the file and line."""


class EvaluationError(RuntimeError):
    """The evaluation cannot run (for example the pipeline has no quote component)."""


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


# ---------------------------------------------------------------------------- readers


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


def _read_ann(path: Path, text: str) -> list[Quote]:
    spans: dict[str, tuple[str, tuple[Range, ...]]] = {}
    events: list[tuple[int, str]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
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


# ---------------------------------------------------------------------------- predictions


def predicted_entities(
    doc: Doc, spans_key: str = "actors", label_map: dict[str, str] | None = None
) -> list[Entity]:
    """Mentions from ``doc.spans[spans_key]`` (or ``doc.ents`` for ``"ents"``), relabelled."""
    spans: Iterable[Span] = doc.ents if spans_key == "ents" else doc.spans.get(spans_key, [])
    out = []
    for span in spans:
        label = label_map.get(span.label_) if label_map else span.label_
        if label:
            out.append(Entity(span.start_char, span.end_char, label))
    return out


def quote_from_row(row: dict) -> Quote:
    """A ``quotes`` table row (or ``doc._.quotes`` item) as a :class:`Quote`."""
    ss, se = row.get("speaker_start"), row.get("speaker_end")
    speaker = ((int(ss), int(se)),) if ss not in (None, "") and se not in (None, "") else ()
    content = ((int(row["start_char"]), int(row["end_char"])),)
    return Quote(content, speaker, str(row.get("cue") or ""), str(row.get("kind") or ""))


def predicted_quotes(doc: Doc) -> list[Quote]:
    """The quote component's rows in ``doc._.quotes``."""
    if not Doc.has_extension("quotes"):
        raise EvaluationError("the pipeline has no quote component (no doc._.quotes)")
    return [quote_from_row(r) for r in doc._.quotes or []]


# ---------------------------------------------------------------------------- scores


@dataclass
class Ratio:
    num: int = 0
    den: int = 0

    @property
    def value(self) -> float:
        return self.num / self.den if self.den else 0.0

    def add(self, hit: bool) -> None:
        self.num += int(hit)
        self.den += 1

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.num}/{self.den})" if self.den else "-"


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - _CONTEXT) : start]
    right = text[end : end + _CONTEXT]
    return " ".join(f"{left}[[{text[start:end]}]]{right}".split())


def _overlaps(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class EntityResult:
    scores: dict[str, PRF]  # per label, plus "ALL" (micro-average)
    errors: list[dict]


def score_entities(
    golds: Sequence[GoldDoc],
    preds: Sequence[Iterable[Entity]],
    label_map: dict[str, str] | None = None,
    *,
    ignore_nested: bool = True,
) -> EntityResult:
    """Exact span + label P/R/F1 per label and micro-averaged over all labels (``ALL``).

    With ``label_map`` gold labels are mapped and gold labels outside it ignored, and only
    predictions whose label is one of the map's targets count. Flat gold cannot mark a
    mention nested in a longer name of an ignored label (``United Kingdom`` in ``2001 United
    Kingdom general election``), so with ``ignore_nested`` a prediction strictly inside such
    a gold span is not scored. Errors keep the overlapping counterpart (whatever its label)
    as a note, to tell label errors from boundary errors.
    """
    labels = set(label_map.values()) if label_map else None
    scores: dict[str, PRF] = {lab: PRF() for lab in sorted(labels or [])}
    errors: list[dict] = []
    for gold_doc, doc_preds in zip(golds, preds, strict=True):
        raw_pred = set(doc_preds)
        gold = {
            Entity(e.start, e.end, label_map[e.label] if label_map else e.label)
            for e in gold_doc.entities
            if not label_map or e.label in label_map
        }
        ignored = [e for e in gold_doc.entities if label_map and e.label not in label_map]
        pred = {
            e
            for e in raw_pred
            if (labels is None or e.label in labels)
            and not (ignore_nested and any(_nested(e, o) for o in ignored))
        }
        for ent, kind, others in (
            *((e, "tp", ()) for e in gold & pred),
            *((e, "fp", gold_doc.entities) for e in pred - gold),
            *((e, "fn", raw_pred) for e in gold - pred),
        ):
            prf = scores.setdefault(ent.label, PRF())
            setattr(prf, kind, getattr(prf, kind) + 1)
            if kind != "tp":
                errors.append(_entity_error(gold_doc, ent, kind, others))
    total = PRF(*(sum(getattr(s, k) for s in scores.values()) for k in ("tp", "fp", "fn")))
    scores = dict(sorted(scores.items())) | {"ALL": total}
    return EntityResult(scores, errors)


def _nested(inner: Entity, outer: Entity) -> bool:
    """``inner`` lies within ``outer`` and is shorter."""
    return outer.start <= inner.start and inner.end <= outer.end and inner.size < outer.size


def _entity_error(gold_doc: GoldDoc, ent: Entity, kind: str, others: Iterable[Entity]) -> dict:
    text = gold_doc.text
    near = sorted(o for o in others if _overlaps((o.start, o.end), (ent.start, ent.end)))
    side = "gold" if kind == "fp" else "predicted"
    return {
        "doc_id": gold_doc.doc_id,
        "error": kind,
        "label": ent.label,
        "start_char": ent.start,
        "end_char": ent.end,
        "text": text[ent.start : ent.end],
        "note": "; ".join(f"{side} {text[o.start : o.end]!r} {o.label}" for o in near),
        "context": _context(text, ent.start, ent.end),
    }


def _chars(ranges: Iterable[Range]) -> set[int]:
    return {i for s, e in ranges for i in range(s, e)}


def coverage(gold: Quote, pred: Quote) -> float:
    """Share of the gold content's characters that the predicted content covers."""
    gold_chars = _chars(gold.content)
    return len(gold_chars & _chars(pred.content)) / len(gold_chars) if gold_chars else 0.0


def match_quotes(gold: Sequence[Quote], pred: Sequence[Quote], threshold: float) -> dict[int, int]:
    """One-to-one matching {gold index: pred index} of maximum size.

    A pair is allowed when the prediction covers at least ``threshold`` of the gold content;
    among maximum matchings, each gold quote first tries its best-covering prediction.
    """
    options = []
    for g in gold:
        covs = [(coverage(g, p), j) for j, p in enumerate(pred)]
        options.append(
            [j for c, j in sorted(covs, key=lambda x: (-x[0], x[1])) if c >= threshold and c > 0]
        )
    owner: dict[int, int] = {}  # pred -> gold

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def has_quote_mark(text: str, quote: Quote) -> bool:
    """The content holds a quotation mark (or starts/ends right at one)."""
    start, end = quote.content[0][0], quote.content[-1][1]
    edges = text[max(0, start - 1) : start] + text[end : end + 1]
    return any(c in QUOTE_MARKS for c in edges + "".join(text[s:e] for s, e in quote.content))


def _lemma_candidates(word: str) -> set[str]:
    out = {word, _IRREGULAR.get(word, word)}
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)] + repl
            out.add(stem)
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.add(stem[:-1])  # admitted -> admit
    return out


def is_speech_cue(cue: str) -> bool:
    """The cue contains a verb of speaking (``said``, ``has told``, ``arguing``)."""
    return any(_lemma_candidates(w) & SPEECH_VERBS for w in re.findall(r"[a-z]+", cue.lower()))


def quote_kind(text: str, quote: Quote) -> str:
    """The quote's kind as written, or derived from its content's quotation marks."""
    if quote.kind:
        return quote.kind
    if not has_quote_mark(text, quote):
        return "indirect"
    content = " ".join(text[s:e] for s, e in quote.content).strip(" \n\t.,;:!?—–-")
    start, end = quote.content[0][0], quote.content[-1][1]
    opens = content[:1] in QUOTE_MARKS or text[max(0, start - 1) : start] in QUOTE_MARKS
    closes = content[-1:] in QUOTE_MARKS or text[end : end + 1] in QUOTE_MARKS
    return "direct" if opens and closes else "mixed"


@dataclass
class QuoteScores:
    threshold: float
    precision: Ratio
    recall: Ratio
    speaker: Ratio  # matched gold quotes that have a source: predicted speaker overlaps it
    recall_by: dict[str, Ratio]  # gold subsets: quote_mark, speech_cue, kind=...
    precision_by: dict[str, Ratio]  # predicted kinds

    @property
    def f1(self) -> float:
        p, r = self.precision.value, self.recall.value
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class QuoteResult:
    scores: dict[float, QuoteScores]
    errors: list[dict]  # at the first threshold


def score_quotes(
    golds: Sequence[GoldDoc],
    preds: Sequence[Sequence[Quote]],
    thresholds: Sequence[float] = (DEFAULT_OVERLAP, STRICT_OVERLAP),
) -> QuoteResult:
    """Quote precision/recall at each content-overlap threshold, one-to-one.

    Precision is over all predictions; recall over all gold quotes and over the subsets
    ``quote_mark`` (content holds a quotation mark), ``speech_cue`` (cue is a speech verb)
    and ``kind=<kind>``; speaker accuracy over matched gold quotes that have a speaker.
    """
    results = {}
    errors: list[dict] = []
    for t_index, threshold in enumerate(thresholds):
        sc = QuoteScores(threshold, Ratio(), Ratio(), Ratio(), {}, {})
        for name in ("quote_mark", "speech_cue", "kind=direct", "kind=mixed", "kind=indirect"):
            sc.recall_by[name] = Ratio()
        for gold_doc, doc_preds in zip(golds, preds, strict=True):
            text = gold_doc.text
            matches = match_quotes(gold_doc.quotes, doc_preds, threshold)
            matched_preds = set(matches.values())
            for j, p in enumerate(doc_preds):
                sc.precision.add(j in matched_preds)
                sc.precision_by.setdefault(f"kind={p.kind or '?'}", Ratio()).add(j in matched_preds)
                if t_index == 0 and j not in matched_preds:
                    errors.append(_quote_error(gold_doc, p, "fp"))
            for i, g in enumerate(gold_doc.quotes):
                hit = i in matches
                sc.recall.add(hit)
                subsets = [f"kind={quote_kind(text, g)}"]
                subsets += ["quote_mark"] * has_quote_mark(text, g)
                subsets += ["speech_cue"] * is_speech_cue(g.cue)
                for name in subsets:
                    sc.recall_by.setdefault(name, Ratio()).add(hit)
                if hit and g.speaker:
                    p = doc_preds[matches[i]]
                    right = any(_overlaps(a, b) for a in g.speaker for b in p.speaker)
                    sc.speaker.add(right)
                    if t_index == 0 and not right:
                        errors.append(_quote_error(gold_doc, g, "speaker", p))
                elif t_index == 0 and not hit:
                    errors.append(_quote_error(gold_doc, g, "fn"))
        results[threshold] = sc
    return QuoteResult(results, errors)


def _quote_error(gold_doc: GoldDoc, q: Quote, kind: str, pred: Quote | None = None) -> dict:
    text = gold_doc.text
    start, end = q.content[0][0], q.content[-1][1]
    speaker = " ".join(text[s:e] for s, e in q.speaker)
    note = f"gold speaker {speaker!r}" if kind != "fp" else f"speaker {speaker!r}"
    if pred is not None:
        note += f"; predicted speaker {' '.join(text[s:e] for s, e in pred.speaker)!r}"
    return {
        "doc_id": gold_doc.doc_id,
        "error": kind,
        "kind": quote_kind(text, q),
        "start_char": start,
        "end_char": end,
        "text": " … ".join(text[s:e] for s, e in q.content),
        "cue": q.cue,
        "note": note,
        "context": _context(text, start, end),
    }


# ---------------------------------------------------------------------------- running


def run(nlp, golds: Sequence[GoldDoc], batch_size: int = 16) -> tuple[list[Doc], list[str]]:
    """The pipeline's Docs for the gold texts, in order, and one line per failed document.

    A document the pipeline crashes on is scored as having no predictions (the failure is
    itself a finding), so one bad document does not hide the scores of the others.
    """
    docs: list[Doc] = []
    failures: list[str] = []
    for i in range(0, len(golds), batch_size):
        batch = golds[i : i + batch_size]
        try:
            docs += list(nlp.pipe((g.text for g in batch), batch_size=batch_size))
        except Exception:
            for g in batch:
                try:
                    docs.append(nlp(g.text))
                except Exception as err:
                    cause = err.__cause__ or err  # spaCy wraps a component's KeyError
                    failures.append(f"{g.doc_id}: {type(cause).__name__}: {cause}")
                    docs.append(nlp.make_doc(g.text))
    return docs, failures


def write_errors(errors: list[dict], path: str | Path) -> Path:
    """Every false positive / false negative as CSV (or Parquet by suffix), atomically."""
    from .tables import write_table

    path = Path(path)
    return write_table(
        pd.DataFrame(errors), path, "parquet" if path.suffix == ".parquet" else "csv"
    )


def entity_table(results: dict[str, EntityResult]) -> str:
    """P/R/F1 per label, one column group per system, side by side."""
    labels = list(dict.fromkeys(lab for r in results.values() for lab in r.scores))
    labels = [lab for lab in labels if lab != "ALL"] + ["ALL"]
    head = f"{'label':<8} {'gold':>6}" + "".join(f" | {name[:22]:^22}" for name in results)
    sub = f"{'':<8} {'':>6}" + " | {:>6} {:>6} {:>6}".format("P", "R", "F1") * len(results)
    lines = [head, sub, "-" * len(sub)]
    for lab in labels:
        some = next(r.scores[lab] for r in results.values() if lab in r.scores)
        row = f"{lab:<8} {some.tp + some.fn:>6}"
        for r in results.values():
            s = r.scores.get(lab, PRF())
            row += f" | {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        lines.append(row)
    return "\n".join(lines)


def quote_table(results: dict[str, QuoteResult]) -> str:
    """Quote metrics (rows) for each system and overlap threshold (columns)."""
    cols = [(name, t, sc) for name, r in results.items() for t, sc in r.scores.items()]
    rows: list[tuple[str, Callable[[QuoteScores], str]]] = [
        ("precision (all predictions)", lambda s: str(s.precision)),
        ("recall (a) quote mark", lambda s: str(s.recall_by["quote_mark"])),
        ("recall (b) speech-verb cue", lambda s: str(s.recall_by["speech_cue"])),
        ("recall (c) all", lambda s: str(s.recall)),
        ("F1 (all)", lambda s: f"{s.f1:.3f}"),
        ("speaker accuracy (matched)", lambda s: str(s.speaker)),
    ]
    kinds = sorted({k for *_, sc in cols for k in sc.recall_by if k.startswith("kind=")})
    rows += [(f"recall {k}", lambda s, k=k: str(s.recall_by.get(k, Ratio()))) for k in kinds]
    pkinds = sorted({k for *_, sc in cols for k in sc.precision_by})
    rows += [(f"precision {k}", lambda s, k=k: str(s.precision_by.get(k, Ratio()))) for k in pkinds]
    width = 22
    lines = [f"{'metric':<30}" + "".join(f" | {f'{n[:14]} @{t:g}':>{width}}" for n, t, _ in cols)]
    lines.append("-" * len(lines[0]))
    for label, fmt in rows:
        lines.append(f"{label:<30}" + "".join(f" | {fmt(sc):>{width}}" for *_, sc in cols))
    return "\n".join(lines)


# ---------------------------------------------------------------------------- CLI

evaluate_app = typer.Typer(
    help="Score the pipeline on your own gold data (precision, recall, F1).",
    no_args_is_help=True,
)


class QuoteFormat(StrEnum):
    brat = "brat"
    jsonl = "jsonl"


class EntityFormat(StrEnum):
    conll = "conll"
    jsonl = "jsonl"
    spacy = "spacy"


def report_failures(failures: list[str]) -> None:
    """Say on stderr how many documents the pipeline crashed on (scored as no predictions)."""
    if failures:
        typer.echo(
            f"warning: the pipeline failed on {len(failures)} document(s), scored as no "
            f"predictions; first: {failures[0]}",
            err=True,
        )


def _fail_cli(err: Exception) -> typer.Exit:
    typer.echo(f"nlp-pipeline: error: {err}", err=True)
    return typer.Exit(1)


ErrorsOpt = Annotated[
    Path | None, typer.Option("--errors", help="Write every error (FP, FN) to this CSV file.")
]
LimitOpt = Annotated[int | None, typer.Option("--limit", min=1, help="First N documents only.")]
ModelOpt = Annotated[str, typer.Option("--model", help="Base spaCy model name or path.")]
# both commands print the table on stdout and counts, warnings and errors on stderr


@evaluate_app.command("quotes")
def evaluate_quotes_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold folder (brat) or file (jsonl).")],
    fmt: Annotated[QuoteFormat, typer.Option("--format", help="Gold format.")] = QuoteFormat.brat,
    model: ModelOpt = DEFAULT_MODEL,
    overlap: Annotated[
        float,
        typer.Option("--overlap", min=0.0, max=1.0, help="Share of gold content to cover."),
    ] = DEFAULT_OVERLAP,
    errors: ErrorsOpt = None,
    limit: LimitOpt = None,
) -> None:
    """Quote precision, recall and speaker accuracy by content overlap."""
    try:
        golds = read_gold(gold, fmt.value)[:limit]
        nlp = load(model)
        docs, failures = run(nlp, golds)
        preds = [predicted_quotes(d) for d in docs]
    except (GoldFormatError, EvaluationError, ModelNotFoundError) as err:
        raise _fail_cli(err) from None
    report_failures(failures)
    thresholds = [overlap] + [STRICT_OVERLAP] * (overlap != STRICT_OVERLAP)
    result = score_quotes(golds, preds, thresholds)
    n_gold = sum(len(g.quotes) for g in golds)
    typer.echo(
        f"{len(golds)} documents, {n_gold} gold quotes, {sum(map(len, preds))} predicted", err=True
    )
    typer.echo(quote_table({"pipeline": result}))
    if errors:
        path = write_errors(result.errors, errors)
        typer.echo(f"{len(result.errors)} errors written to {path}", err=True)


@evaluate_app.command("entities")
def evaluate_entities_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold file.")],
    fmt: Annotated[EntityFormat, typer.Option("--format", help="Gold format.")] = (
        EntityFormat.conll
    ),
    label_map: Annotated[
        str | None,
        typer.Option(
            "--label-map",
            help="gold=PIPELINE label pairs (person=PERSON,country=STATE); "
            "gold labels outside the map are ignored.",
        ),
    ] = None,
    model: ModelOpt = DEFAULT_MODEL,
    errors: ErrorsOpt = None,
    limit: LimitOpt = None,
) -> None:
    """Actor mention P/R/F1 by exact span and label."""
    try:
        mapping = parse_label_map(label_map)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--label-map") from None
    try:
        golds = read_gold(gold, fmt.value)[:limit]
        nlp = load(model)
        docs, failures = run(nlp, golds)
    except (GoldFormatError, ModelNotFoundError) as err:
        raise _fail_cli(err) from None
    report_failures(failures)
    preds = [predicted_entities(d) for d in docs]
    result = score_entities(golds, preds, mapping)
    typer.echo(f"{len(golds)} documents", err=True)
    typer.echo(entity_table({"pipeline": result}))
    if errors:
        path = write_errors(result.errors, errors)
        typer.echo(f"{len(result.errors)} errors written to {path}", err=True)
