"""Who is speaking, for :mod:`coref`: the named speaker of each quotation (a he or she
inside it is someone else), the speaker of a tag the parser misread, and people who speak
unnamed (``the business owner said``) or described (``the mother of three said``)."""

from __future__ import annotations

import numpy as np
from spacy.tokens import Span, Token

from .coref_mentions import SUBJECTS, Entity, Mentions
from .quote_marks import find_quotations
from .util import doc_text, isin


class Speakers(Mentions):
    """The speakers of the document's quotations and its unnamed speaking people."""

    def _read_quotations(self) -> None:
        """Where the quotations are, the actors each names and its tagged speaker."""
        doc, ext = self.doc, self.ext
        for region in find_quotations(doc_text(doc)):
            span = doc.char_span(*region.content, alignment_mode="contract")
            if span is not None:
                self.in_quote[span.start : span.end] = True
                inside = range(span.start, span.end)
                named = {self.actor_tok[i] for i in inside if i in self.actor_tok}
                self.named_in.update(dict.fromkeys(inside, named))
                speaker = self._tag_speaker(span, ext.speech_verbs)
                for i in range(span.start, span.end) if speaker else ():
                    self.quoted_by[i] = speaker

    def _tag_speaker(self, span: Span, verbs: set[str]) -> str:
        """The named subject of the speech tag right after a quotation or before it in its
        sentence (``"...," Stan said``, ``Stan said, "..."``): a he or she inside it is
        someone else."""
        doc = self.doc
        near = list(range(span.end, min(span.end + 4, len(doc))))
        # before, back through its sentence: ``Stan remarked to The Brooklyn Paper, "..."``
        for i in range(span.start - 1, max(-1, span.start - 13), -1):
            if self.sent[i] != self.sent[span.start - 1] or self.in_quote[i]:
                break
            near.append(i)
        for i in near:
            tok = doc[i]
            if tok.lemma_ in verbs and tok.pos_ == "VERB" and not self.in_quote[i]:
                for c in tok.children:
                    if c.dep_ in SUBJECTS and c.i in self.actor_tok:
                        return self.actor_tok[c.i]
                    if c.dep_ in SUBJECTS and c.lower_ in ("he", "she"):
                        # ``he wrote, "He has been my ..."``: whoever that he is, not this He
                        inside = range(span.start, span.end)
                        self.quoted_by_pronoun.update(dict.fromkeys(inside, c.i))
                        return ""
        return self._laid_out(span.end + 1, verbs)

    def _laid_out(self, start: int, verbs: set[str]) -> str:
        """A tag the parser misread (``”Guterres’ spokesman, Stephane Dujarric, told``, read
        as the quotation's object): the last person named, not as an owner, between the
        quotation and its speech verb, or the first one after it (``”, said Smith``). The
        name is then a subject and the current speaker (``tagged``)."""
        doc, names, verb = self.doc, [], -1
        for i in range(start, min(start + 12, len(doc))):
            if self.in_quote[i] or self.sent[i] != self.sent[start - 1] or doc[i].text in ".;":
                break
            tok = doc[i]
            owner = i + 1 < len(doc) and doc[i + 1].text in ("'s", "’s", "’", "'")
            if verb < 0 and tok.lemma_ in verbs and tok.pos_ == "VERB":
                verb = i
                if names:
                    break
            elif self.actor_at.get(i) in self.people and not owner:
                names.append(i)
                if verb >= 0:
                    break
        if verb < 0 or not names:
            return ""
        self.tagged[names[-1]] = self.actor_at[names[-1]]
        return self.actor_at[names[-1]]

    def _unnamed_speakers(self) -> set[int]:
        """``An owner of a printing press ... told VOA``, ``the business owner said``: a
        person who speaks unnamed; a ``he said`` after it is that person, not a named one."""
        doc = self.doc
        hashes = self.ext._person_noun_hashes  # (hashed once, in set_data)
        hits = np.flatnonzero(isin(self.lower, hashes) & ~self.covered[: len(doc)])
        return {
            i
            for i in hits.tolist()
            if doc[i].tag_ == "NN"
            and (
                (doc[i].dep_ in SUBJECTS and doc[i].head.lemma_ in self.ext.speech_verbs)
                or _introduced(doc[i])
            )
            # ``A police spokesman, Benjamin Hundeyin, said``: named after all
            and not any(c.dep_ == "appos" and self.covered[c.i] for c in doc[i].children)
        }

    def _unnamed(self, tok: Token) -> None:
        named = self._named_next(tok)
        if named:
            self._resolved(tok.left_edge.i, tok.i + 1, named)
            return
        actor = f"_unnamed:{tok.i}"
        gender = self.ext.gendered.get(tok.lower_, "")
        # ``A senior official said ... The official added``: the one so introduced; ``the
        # governor`` no one named is no introduction, and holds no role for later ones
        role = tuple(self.ext.role_words([tok.lower_]))
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
        self.entities[actor] = Entity("PERSON", gender, set() if definite else {role})
        self._mention(tok, actor)

    def _named_next(self, tok: Token) -> str:
        """``A self-described member of a crime group told a court ... Khalid Mehdiyev told
        jurors``: a described speaker, then a person named bare (no title, no apposition)
        for the first time as the subject opening the next sentence, is that person."""
        if tok.dep_ not in SUBJECTS or tok.head.lemma_ not in self.ext.speech_verbs:
            return ""
        nxt = self.sent[tok.i] + 1
        span = next((s for s in self.actors if self.sent[s.start] >= nxt), None)
        if span is None or self.sent[span.start] != nxt or not self.doc[span.start].is_sent_start:
            return ""
        bare = span.end < len(self.doc) and self.doc[span.end].text != ","
        if span.label_ != "PERSON" or not bare or span.root.dep_ not in SUBJECTS:
            return ""
        earlier = any(s.kb_id_ == span.kb_id_ and s.start < span.start for s in self.actors)
        return "" if earlier else span.kb_id_

    def _described(self, i: int, head: str, words: tuple[str, ...], state) -> list[str]:
        """``"...," the former French foreign minister told``: a person described who
        speaks is the current speaker, when it does not contradict what the story says of
        them. Any other is no one's here: the most salient person of the sentence before
        was the wrong one twice in three on PolNeAR; ``the mother of three`` is left to
        ``_in_focus``, which asks that person to be well ahead."""
        tok = self.doc[i]
        if tok.dep_ not in SUBJECTS or tok.head.lemma_ not in self.ext.speech_verbs:
            return []
        if self.in_quote[i]:  # ``"That's what the judge said," he said``: its ``I`` speaks
            return []
        gender = self._sex_of(tok, head)
        # the current speaker holds as far as a pronoun looks (``recent``)
        recent = self._salience(i, self.ext.max_sentences, set(), gender or "p")
        titled = head in self.ext.role_heads
        speaker = self.entities[self.speaker] if self.speaker in recent else None
        if speaker and speaker.label == "PERSON" and self._may_be(speaker, words, state, titled):
            return [self.speaker]
        return []

    def _someone_else(self, tok: Token) -> bool:
        """A described speaker who is not the current one, nor the person in focus: the
        one answering (``"That would be you?" Borger asked. "..." the senator said``), one
        named in apposition (``the assailant, John McGraw, told``), or one brought in with
        something new (``the organizer of a pro-Trump rally said``): 6 wrong names on
        PolNeAR train, no right one. So too a passive subject (``The charge ... is
        explained``: no speaker) and one unnamed on purpose (``the source said``, ``the
        woman, who did not want to be quoted by name``, or so said of someone speaking
        since the current speaker)."""
        if tok.dep_ not in SUBJECTS or tok.head.lemma_ not in self.ext.speech_verbs:
            return False
        if self.asked or any(c.dep_ == "appos" for c in tok.children):
            return True
        if tok.dep_ == "nsubjpass" or self._anonymous(tok):
            return True
        of = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
        return any(c.dep_ == "det" and c.lower_ in ("a", "an") for o in of for c in o.children)

    def _anonymous(self, tok: Token) -> bool:
        """Whether a word of anonymity (``source``, ``named``, ``anonymity``) comes in the
        described speaker's sentence or the one before, after the current speaker's last
        mention, outside quotations."""
        doc, start = self.doc, tok.sent.start
        before = doc[start - 1].sent.start if start else start
        last = max((m.i for m in self.history if m.actor == self.speaker), default=tok.i)
        cues = self.ext.anonymity_cues
        span = doc[max(before, min(last + 1, tok.i)) : tok.sent.end]
        return any(t.lemma_.lower() in cues and not self.in_quote[t.i] for t in span)

    def _sex_of(self, tok: Token, head: str) -> str:
        """A described person's sex: by the noun (``the woman``), else, for a speaker, by
        the first he or she that is a subject after it in its speech verb's clause (``The
        57-year-old scientist says she doesn't ...``)."""
        if head in self.ext.gendered or tok.dep_ not in SUBJECTS:
            return self.ext.gendered.get(head, "")
        if tok.head.lemma_ not in self.ext.speech_verbs:
            return ""
        after = (t for t in tok.head.subtree if t.i > tok.i and not self.in_quote[t.i])
        pronoun = next((t for t in after if t.dep_ in SUBJECTS and t.lower_ in ("he", "she")), None)
        return self.ext.pronouns[pronoun.lower_] if pronoun is not None else ""

    def _may_be(self, ent: Entity, words: tuple[str, ...], state, titled: bool) -> bool:
        """Whether a person may be described so: no state of theirs other than ``state``,
        and for a title, no post of their own (``former`` ones are past, a rank is no post)."""
        states = {s for s in ent.states if s.startswith("state:")}
        if state and states and state not in states:
            return False
        past = bool(words) and words[0] in self.ext.past_words
        posts = [r for r in ent.roles if r and r[-1] in self.ext.posts]
        return not titled or past or not posts


def _introduced(tok: Token) -> bool:
    """``VOA spoke to a resident of Goma``, ``One man in the crowd interrupted``: a person
    brought in unnamed, not a role said of someone (``Smith is a teacher``, ``worked as a
    nurse``, ``Bush, a former governor and a candidate, said``: the second of two roles in
    apposition too)."""
    det = any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one") for c in tok.children)
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    role = tok.dep_ in ("attr", "appos", "oprd") or tok.head.lower_ == "as"
    return det and not role
