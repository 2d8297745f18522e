"""Matching and scores: the one definition of every metric.

Precision, recall, F1, quote overlap and speaker accuracy are defined here and nowhere
else; the ``nlp-pipeline evaluate`` commands and the accuracy benchmarks both call them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .readers import Entity, GoldDoc, Quote, Range

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


class EvaluationError(RuntimeError):
    """The evaluation cannot run (for example the pipeline has no quote component)."""


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
