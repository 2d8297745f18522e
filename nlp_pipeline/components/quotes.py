"""Quote extraction and speaker attribution: who said what, in which words.

The component, its data and its rows. The work is done by one document's context, built up
in layers: quotation marks paired on the raw text (:mod:`.quote_marks`), the speakers of
cues and of quotations with no cue (:mod:`.quote_speakers`), and the speech cues of
``data/speech_cues.json``, counted only where the parse gives them a speaker and a content
(:mod:`.quote_cues`).

Output, plain data that survives ``DocBin`` and ``n_process>1``: ``doc.spans["quotes"]``
(content spans, label = kind) and ``doc._.quotes`` (rows of the ``quotes`` table without
``doc_id``).
"""

from __future__ import annotations

import re

import numpy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.symbols import VERB
from spacy.tokens import Doc, Span

from .quote_cues import Cues
from .quote_marks import Quote, outermost
from .util import DataComponent, doc_text, hash_table, isin

SPANS_KEY = "quotes"
CUES_FILE = "speech_cues.json"


class QuoteExtractor(DataComponent):
    """Find direct, mixed and indirect quotes and attribute them to speakers."""

    default_name = "quote_extractor"
    data_files = (CUES_FILE,)
    # settings: the actors' spans key, the fewest words of a quote without marks, and whether
    # a quote must state a proposition (the project's gold) or may be a request, a vow or a
    # question (PolNeAR's attributions)
    actors_key: str = "actors"
    min_words: int = 4
    propositions_only: bool = False

    # -- data ------------------------------------------------------------------
    def set_data(self, files: dict) -> None:
        super().set_data(files)
        cues = files[CUES_FILE]
        self.verbs = set(cues["verbs"])
        self.infinitive_verbs = set(cues["infinitive_verbs"]["words"])
        self.commit_verbs = set(cues["commit_verbs"]["words"])
        self.hearer_verbs = set(cues["hearer_verbs"]["words"])
        self.object_verbs = set(cues["object_verbs"])
        lemmas = self.verbs | self.object_verbs
        self.cue_hashes = hash_table(self.vocab.strings, lemmas)
        self.non_speakers = set(cues["non_speakers"])
        self.matcher = PhraseMatcher(self.vocab, attr="LOWER")
        self.matcher.add("PHRASE", [self.make_doc(p) for p in cues["phrases"]])
        self.matcher.add("ACCORDING", [self.make_doc(p) for p in cues["according"]])
        self.particle_verbs = set(cues["particle_verbs"]["words"])
        self.it_speaks = set(cues["it_speaks"]["words"])
        self.title_minor_words = set(cues["title_minor_words"]["words"])
        # a sentence end, not the period of an abbreviation (``N.C.``, ``Mr.``)
        not_after = "".join(f"(?<!{re.escape(a)})" for a in cues["abbreviations"]["words"])
        self.sentence_end = re.compile(rf"[!?;]|(?<![A-Z]){not_after}\.")

    # -- extraction ------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        parsed = len(doc) and doc.has_annotation("DEP")
        quotes = _DocQuotes(doc, text, self).run() if parsed else []
        spans = [doc.char_span(q.start, q.end, alignment_mode="expand") for q in quotes]
        kept = [(q, s) for q, s in zip(quotes, spans, strict=True) if s is not None]
        doc.spans[SPANS_KEY] = [
            Span(doc, s.start, s.end, label=q.kind, kb_id=q.speaker_id) for q, s in kept
        ]
        doc._.quotes = [_row(doc, text, n, q) for n, (q, _) in enumerate(kept, 1)]
        return doc


class _DocQuotes(Cues):
    """The work for one document: cue verbs first, then the quotations left over."""

    def run(self) -> list[Quote]:
        found: list[Quote] = []
        cue_heads: set[int] = set()
        lemma_pos = self.lemma_pos
        is_cue = isin(lemma_pos[:, 0], self.ext.cue_hashes) & (lemma_pos[:, 1] == VERB)
        for i in numpy.flatnonzero(is_cue).tolist():
            tok = self.doc[i]
            if self.in_quote[i] < 0:
                got = self._from_cue(tok)
                if got:
                    found += got
                    cue_heads.add(tok.i)
        found += self._according(cue_heads, found)
        found += self._name_colon(found)
        found = self._continuations(found)
        self._after_nested(found)
        return outermost([q for q in found if q.end > q.start and not self._boiler(q.start, q.end)])

    def _after_nested(self, found: list[Quote]) -> None:
        """``Although Mauritius has said that X, Y, say analysts``: a content that opens with
        a clause of speech hung on its main verb (another quote's speaker, cue and content)
        is said only from after that quote."""
        doc, text = self.doc, self.text
        for inner in found:
            if inner.cue is None or inner.speaker is None:
                continue
            verb = doc[inner.cue[1] - 1]
            tag = doc[min(inner.cue[0], inner.speaker[0])].idx
            if tag >= inner.start or verb.dep_ != "advcl" or verb.head.idx < inner.end:
                continue
            for outer in found:
                opens = outer.start <= tag and len(text[outer.start : tag].split()) <= 1
                rest = re.search(r"\w", text[inner.end : outer.end]) if opens else None
                if rest is not None and outer is not inner:
                    outer.start = inner.end + rest.start()


def _row(doc: Doc, text: str, n: int, q: Quote) -> dict:
    """A ``quotes`` table row (minus ``doc_id``): plain str/int/None values only."""
    actors = doc._.actors or {}
    actor = actors.get(q.speaker_id, {})
    cue = doc[q.cue[0] : q.cue[1]] if q.cue else None
    speaker = doc[q.speaker[0] : q.speaker[1]] if q.speaker else None
    return {
        "quote_id": f"q{n}",
        "start_char": q.start,
        "end_char": q.end,
        "text": text[q.start : q.end],
        "kind": q.kind,
        "cue": cue.text if cue else "",
        "cue_start": cue.start_char if cue else None,
        "cue_end": cue.end_char if cue else None,
        "speaker_text": speaker.text if speaker else "",
        "speaker_start": speaker.start_char if speaker else None,
        "speaker_end": speaker.end_char if speaker else None,
        "speaker_id": q.speaker_id if actor else "",
        "speaker_name": actor.get("name", ""),
        "speaker_label": actor.get("label", ""),
    }


@Language.factory(
    "quote_extractor",
    default_config={"actors_key": "actors", "min_words": 4, "propositions_only": False},
    requires=["token.dep", "token.lemma", "doc.spans"],
    assigns=["doc.spans", "doc._.quotes"],
)
def make_quote_extractor(
    nlp: Language, name: str, actors_key: str, min_words: int, propositions_only: bool
) -> QuoteExtractor:
    return QuoteExtractor(
        nlp, name, actors_key=actors_key, min_words=min_words, propositions_only=propositions_only
    )
