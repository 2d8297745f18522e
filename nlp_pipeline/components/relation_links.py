"""Ties of belonging read by the relation extractor: ``affiliated_with`` rows from the
actor tagger's titles and demonyms, possessives, compounds, appositions, a nationality
before a name, `X of Y` and posts held (`who headed the Democratic Alliance`), and the
relational nouns (`an ally of Y`, `Y's lawyer, X`) that give ``acts_on`` rows."""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP
from spacy.tokens import Span, Token

from .affiliations import heritage, origin
from .events import EventReading
from .relation_args import AFF_PREPS, POSS, prep_objects
from .relation_ends import Descriptions

# where one works, whatever the post (`a senior fellow at X`, `a consultant with X`)
WORKPLACE = {"at", "with"}


class Links(Descriptions, EventReading):
    """Affiliations, posts held and relational nouns (allies, lawyers) of one document."""

    def affiliations(self) -> None:
        """Titles and demonyms from the tagger, plus possessives, compounds and appositions."""
        g = self.g
        for aff in self.doc._.affiliations or []:
            if not aff["role"] and self._own_name(aff):
                continue  # `German Marshall Fund`, `U.S. Central Command`: a name, not a tie
            if self._counterpart(aff["start_char"]) or self._party_title(aff):
                continue
            self.add(
                aff["source_id"],
                "affiliated_with",
                aff["target_id"],
                aff["start_char"],
                aff["end_char"],
                role=aff["role"],
                key=(aff["start_char"],),
            )
        for span in self.mentions:
            if span.label_ not in ("STATE", "ORG") or span[0].pos_ == "PRON":
                continue
            root = span.root
            holder = self.actor(root.head)
            # `China's Xi`, `NKorea's Kim`: owner -> the head it modifies (`US Treasury` is a
            # name, not a statement of the tie)
            if root.dep_ not in ("poss", "compound") or holder is None or holder is span:
                continue
            if self._counterpart(span.start_char):
                continue
            between = [t for t in self.doc[span.end : holder.start] if t.lower_ not in POSS]
            if root.dep_ == "compound" and (holder.label_ == "ORG" or not between):
                continue  # (`into the U.S. Sheinbaum sent`: two names side by side, no tie)
            role = " ".join(t.lower_ for t in between).replace(" - ", "-")  # `Secretary-General`
            if (
                holder.label_ != "STATE"
                and not g.is_igo(holder.kb_id_)
                and holder.root.dep_ not in ("compound", "amod")
                and holder.start >= span.end
                and all(t.is_alpha or t.text == "-" for t in between)
                and (not role or role in g.role_nouns)
            ):
                self.add(
                    holder.kb_id_,
                    "affiliated_with",
                    span.kb_id_,
                    span.start_char,
                    holder.end_char,
                    role=role,
                    key=(span.start_char,),
                )
        if self.doc.has_annotation("DEP"):
            deps = self.doc.to_array(DEP)
            for i in np.flatnonzero(deps == self.doc.vocab.strings["appos"]).tolist():
                self._apposition(self.doc[i])
            for i in np.flatnonzero(deps == self.doc.vocab.strings["attr"]).tolist():
                self._copula(self.doc[i])
            for i in np.flatnonzero(deps == self.doc.vocab.strings["prep"]).tolist():
                verb = self.doc[i].head  # `X, who is originally from Taiwan`
                if self.doc[i].lower_ == "from" and verb.lemma_ == "be" and not self.negated(verb):
                    for person in self.subjects(verb):
                        if person.label_ == "PERSON":
                            self._origin(person, verb)
        for span in self.mentions:
            self._nationality(span)
            self._of(span)
            if span.label_ == "PERSON" and span[0].pos_ != "PRON":
                self._origin(span, span.root)

    def _party_title(self, aff: dict) -> bool:
        """`Italy's Northern League leader X`: proper nouns between a state's possessive and
        the role noun, none a role word (`Italy's Deputy Prime Minister`), name the body the
        post is in, which the state owns, not the post (the tagger keeps the state as the
        person's country)."""
        g, doc = self.g, self.doc
        title = doc.char_span(aff["start_char"], aff["end_char"], alignment_mode="expand")
        if title is None or not aff["role"] or not aff["target_id"].startswith("state:"):
            return False
        owner = self.actor(title[0])
        if owner is None or owner.end >= title.end or doc[owner.end].tag_ != "POS":
            return False
        words = [t for t in doc[owner.end + 1 : title.end] if self.actor(t) is None]
        for i in range(len(words)):
            if " ".join(t.lower_ for t in words[i:]) in g.role_nouns:
                named = words[:i]
                return bool(named) and all(
                    t.pos_ == "PROPN" and t.lower_ not in g.role_nouns | g.role_modifiers
                    for t in named
                )
        return False

    def _counterpart(self, char: int) -> bool:
        """A state named after `for` or `to` is a counterpart, not an employer, even when the
        parse makes it part of the name after it (`U.N. Coordinator for Myanmar Andrew
        Kirkwood`)."""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None or not span.start or self.doc[span.start - 1].lower_ not in ("for", "to"):
            return False
        state = self.actor(span[0])
        return state is not None and state.label_ == "STATE" and state.start == span.start

    def posted_to(self, source: str, target: str, start: int, end: int, role: str) -> bool:
        """An intergovernmental body is where a state's envoy is posted, not whom he
        serves (`British Deputy U.N. Ambassador X`, `X, U.S. deputy U.N. ambassador`; an
        ambassador there is a state's, its state unwritten: `UN Ambassador John Bolton`),
        and no state's own body (`U.S. deputy U.N.` is no tie of the U.N. to the U.S.)."""
        g = self.g
        if target.startswith("state:"):
            return g.is_igo(source)
        if not g.is_igo(target) or not role or role.split()[-1] not in self.ext.toward_roles:
            return False
        if role.split()[-1] in self.ext.posted_roles:
            return True  # `UN Ambassador John Bolton` is his state's, not the U.N.'s
        for m in self.mentions:
            if m.kb_id_ != target or not start <= m.start_char < end:
                continue
            # back over a word or two of the role (`Deputy`, `permanent`) to a state
            for tok in reversed(self.doc[max(m.start - 3, 0) : m.start]):
                state = self.actor(tok)
                if (state is not None and state.label_ == "STATE") or self.demonym(tok):
                    return True
                if state is not None or not tok.is_alpha:
                    break
        return False

    def _of(self, person: Span) -> None:
        """`Mareike Ohlberg of the German Marshall Fund`: a person of a named body."""
        if person.label_ != "PERSON" or person[0].pos_ == "PRON":
            return
        for pobj in prep_objects(person.root, {"of"}):
            for owner in self.actors_at(pobj):
                if owner.label_ != "PERSON":
                    described = person in self.resolved
                    holder = self._named_after(owner) if described else None
                    source = holder or person
                    start, end = person.start_char, max(owner.end_char, source.end_char)
                    self.add(source.kb_id_, "affiliated_with", owner.kb_id_, start, end)

    def _named_after(self, owner: Span) -> Span | None:
        """`the leader of the BBOG movement, Florence Ozor`: the name after the comma holds
        the post, whoever an earlier sentence led coreference to."""
        doc, i = self.doc, owner.end
        while i < len(doc) and i - owner.end < 4 and doc[i].text not in (",", ".", ";"):
            i += 1
        name = self.actor(doc[i + 1]) if i + 1 < len(doc) and doc[i].text == "," else None
        if name is None or name.label_ != "PERSON" or name in self.resolved:
            return None
        return name if name.start == i + 1 else None

    def _nationality(self, person: Span) -> None:
        """`Afghan writer X`, `South African opposition politician X`, `the Venezuelan street
        gang X`: a demonym and role nouns before a name state the tie, whatever the role (the
        tagger's own titles need a known role noun)."""
        if person.label_ == "STATE" or person[0].pos_ == "PRON" or person.start == 0:
            return
        doc, i = self.doc, person.start - 1
        if (
            doc[i].pos_ != "NOUN"
            or not doc[i].is_lower
            or doc[i].lower_.endswith(self.ext.abstract)
            or (doc[i].tag_ == "NNS" and not person.root.conjuncts)
        ):
            return  # (`Indian reluctance Richard Weitz`, `Syrian refugees Obama wants`: no role)
        while i > 0 and person.start - i < 4 and doc[i].is_lower and doc[i].is_alpha:
            i -= 1
        for first in (i - 1, i):  # two-word demonyms first (`South African`)
            state = self.g.demonyms.get(doc[max(first, 0) : i + 1].text)
            if state and first >= 0:
                # `Iranian American journalist X` is from Iran; `African American activist X`
                state, said = origin(doc[first], state, self.g.demonyms)
                if not state:
                    return
                role = " ".join(t.lower_ for t in doc[i + 1 : person.start])
                start, end = said.idx, person.end_char
                self.add(person.kb_id_, "affiliated_with", "state:" + state, start, end, role=role)
                return

    def _own_name(self, aff: dict) -> bool:
        """The evidence of an affiliation lies inside a mention of its source, or is a state
        name written straight before it (`U.S. Homeland Security`; `China's Foreign
        Ministry` states the tie with its possessive)."""
        for m in self.mentions:
            if m.kb_id_ != aff["source_id"] or aff["end_char"] > m.end_char:
                continue
            if m.start_char <= aff["start_char"]:
                return True
            before = self.text[aff["start_char"] : m.start_char]
            if m.label_ == "ORG" and not any(p in before for p in POSS):
                return True
        return False

    def _apposition(self, tok: Token) -> None:
        """`Xi Jinping, China's president,` and `China's president, Xi Jinping,`."""
        if tok.dep_ != "appos":
            return
        person, noun = self.actor(tok.head), tok
        if person is None:
            person, noun = self.actor(tok), tok.head
        if person is None or self.actor(noun) is not None:
            return
        if person.label_ == "ORG":  # `EUFOR, the European Union's peacekeeping force`
            # `ICE's parent agency, DHS`, `Carrier's parent, United Technologies`
            parent = any(t.lower_ == "parent" for t in (noun, *noun.lefts))
            for owner in self.owners(noun, ("poss",)):
                if owner.label_ != "PERSON":
                    start = min(person.start_char, owner.start_char)
                    end = max(person.end_char, owner.end_char, noun.idx + len(noun))
                    ends = (owner, person) if parent else (person, owner)
                    self.add(ends[0].kb_id_, "affiliated_with", ends[1].kb_id_, start, end)
            return
        if person.label_ != "PERSON":
            return
        for post in (noun, *noun.conjuncts):  # `a lawmaker and former majority leader in X`
            self._post(person, post)

    def _copula(self, noun: Token) -> None:
        """`X is a Chinese businessman`, `X is now an analyst at Y`: a post stated with `be`
        reads as one apposed."""
        verb = noun.head
        if verb.lemma_ != "be" or self.negated(verb) or self.actor(noun) is not None:
            return
        if any(c.lower_ == "to" for c in verb.children if c.dep_ == "aux"):
            return  # `destined to be`, `I want her to be president of X`: a post not (yet) held
        if "hedged" in self._climb(verb):
            return  # `he would be the nation's first Jewish president`
        for person in self.subjects(verb):
            if person.label_ == "PERSON":
                for post in (noun, *noun.conjuncts):
                    self._post(person, post)

    def _origin(self, person: Span, head: Token) -> None:
        """`Maria Ressa from the Philippines`, `X, who is originally from Taiwan`: where a
        person is from is a nationality (role ``""``); a body one is from employs one."""
        for owner in (a for p in prep_objects(head, {"from"}) for a in self.actors_at(p)):
            if owner.label_ != "PERSON":
                self._tie(person, owner.kb_id_, owner.start_char, owner.end_char)

    def _tie(self, person: Span, target: str, start: int, end: int, role: str = "") -> None:
        """An affiliation of ``person`` whose evidence runs from the person over
        ``start``-``end`` (the words that state it)."""
        start, end = min(start, person.start_char), max(end, person.end_char)
        self.add(person.kb_id_, "affiliated_with", target, start, end, role=role)

    def _post(self, person: Span, noun: Token) -> None:
        """A person's post named by an apposed noun: its owners before it (`China's
        president`, `an Afghan writer`) and after it (`head of X`, `a fellow at X`). A role
        noun the gazetteer does not know states only a nationality or the body one works at
        or with (`an American college student`, `a senior fellow at X`; not `a critic of
        X`, `a Kremlin critic`)."""
        g = self.g
        if any(c.lower_ == "ethnic" for c in noun.children):
            return  # `an ethnic Somali`: an ethnicity, not a nationality
        if noun.text in g.demonyms and not any(c.dep_ == "prep" for c in noun.children):
            # `X, an American`, `X, who is Azerbaijani`: a nationality, no role
            # (`X, the Afghan-American`: from Afghanistan; `an African American`: no state)
            state, said = origin(noun, g.demonyms[noun.text], g.demonyms)
            if state:
                self._tie(person, "state:" + state, said.idx, noun.idx + len(noun))
            return
        nations = [(t, state) for t in noun.children for state in [self.nation(t)] if state]
        named = {i for t, _ in nations for i in (t.i - 1, t.i)}  # `North Korean`
        words = [
            t
            for t in noun.lefts
            if t.dep_ in ("amod", "compound") and not self.actor(t) and t.i not in named
        ]
        written = role = " ".join(t.lower_ for t in [*words, noun])
        while role and role not in g.role_nouns:
            role = role.partition(" ")[2]
        known = bool(role)
        if not known and noun.pos_ == "NOUN" and noun.is_lower:
            role = written
        if not role:
            return
        topic = role.split()[-1] in self.ext.topic_roles  # `a North Korean expert`
        targets = [("state:" + state, t.idx, t.idx) for t, state in nations if not topic]
        for child in self._post_children(noun):
            if child.dep_ == "compound" and topic:
                continue  # `an Iran analyst` studies Iran
            if known and child.dep_ in ("poss", "compound", "amod", "nmod"):
                owner = self.actor(child)
                if (
                    owner is not None
                    and owner.label_ != "PERSON"
                    and not self._body_between(owner, noun)
                ):
                    targets.append((owner.kb_id_, child.idx, child.idx + len(child)))
            elif child.dep_ == "prep" and child.lower_ in (AFF_PREPS if known else WORKPLACE):
                if child.lower_ == "for" and role.split()[-1] in self.ext.toward_roles:
                    continue
                for obj in child.children:
                    for owner in self.employers(obj) if obj.dep_ == "pobj" else []:
                        targets.append((owner.kb_id_, owner.start_char, owner.end_char))
            elif known and child.dep_ == "prep" and child.lower_ == "in":
                for obj in child.children:  # `majority leader in Kenya's National Assembly`
                    for owner in self.employers(obj) if obj.dep_ == "pobj" else []:
                        if self._body(owner):
                            targets.append((owner.kb_id_, owner.start_char, owner.end_char))
        for target, s, e in targets:
            self._tie(person, target, min(s, noun.idx), max(e, noun.idx + len(noun)), role=role)

    @staticmethod
    def _post_children(noun: Token) -> list[Token]:
        """A role noun's modifiers; a preposition the parse hangs on the first of two
        conjoined posts after the second is the second's too (`a businessman and founder of
        Apple Daily`; the first post's row, when it has one, is read first and kept)."""
        own = list(noun.children)
        if noun.dep_ == "conj":
            own += [c for c in noun.head.children if c.dep_ == "prep" and c.i > noun.i]
        return own

    def _body(self, span: Span) -> bool:
        """A body one holds a post `in` (`a lawmaker in the National Assembly`, `an adviser
        in the White House`): an organisation the gazetteer knows or named as one (its last
        word a body's); not a state (`a judge in Zimbabwe` is a place) nor a field (`a
        professor in Modern Chinese Studies`)."""
        g = self.g
        return span.label_ == "ORG" and (span.kb_id_ in g.org_by_id or span[-1].text in g.org_heads)

    def _body_between(self, owner: Span, noun: Token) -> bool:
        """A state's possessive with a body named before the role noun owns the body, not
        the post (`France's National Front party leader`, as `the leader of Afghanistan's
        Taliban insurgency`): the state is the body's."""
        if owner.label_ != "STATE" or owner.root.dep_ != "poss":
            return False
        return any(
            a.label_ == "ORG" for t in self.doc[owner.end : noun.i] for a in [self.actor(t)] if a
        )

    def nation(self, tok: Token) -> str | None:
        """The state a demonym modifier names, two-word ones included (`North Korean`)."""
        if tok.dep_ not in ("amod", "compound", "nmod") or self.actor(tok) is not None:
            return None
        pair = self.doc[tok.i - 1 : tok.i + 1].text if tok.i else ""
        if pair in self.g.demonyms:
            tok = self.doc[tok.i - 1]
        elif tok.text not in self.g.demonyms:
            return None
        if heritage(tok) is not None:
            return None  # `the only African American candidate`
        return self.g.demonyms.get(pair) or self.g.demonyms.get(tok.text)

    def employers(self, obj: Token) -> list[Span]:
        """The states and bodies a preposition's object names; a state written after a
        body's name is that body's office there (`a spokesperson for UNHCR Kenya`), and one
        who works at a body's unit works for the body too (`director of Cornell
        University's Emerging Markets Institute`)."""
        found = []
        for owner in self.actors_at(obj):
            if owner.label_ == "STATE" and owner.root.i == obj.i:
                body = (self.actor(c) for c in obj.children if c.dep_ == "compound")
                owner = next((b for b in body if b is not None and b.label_ == "ORG"), owner)
            if owner.label_ == "PERSON":
                continue
            found.append(owner)
            if owner.label_ == "ORG":
                units = (c for c in owner.root.children if c.dep_ == "poss")
                found += [a for c in units for a in self.actors_at(c) if a.label_ == "ORG"]
        return found

    def _member(self, source: Span, target: Span, verb: Token) -> None:
        """`Maimane, who headed the Democratic Alliance`: a post held is an affiliation."""
        if source.label_ == "STATE" or self.negated(verb):
            return
        start = min(source.start_char, target.start_char, verb.idx)
        end = max(source.end_char, target.end_char, verb.idx + len(verb))
        role = self.ext.membership.get(verb.lemma_.lower(), "")
        self.add(source.kb_id_, "affiliated_with", target.kb_id_, start, end, role=role)

    def _relational(self, noun: Token) -> None:
        """`X, a close ally of Y`, `X is an ally of Y`, `another Egyptian ally, X`, `Y's
        lawyer, X`: the one the noun names acts on its counterpart; `X and Y are allies`
        each on the other."""
        holders = [a for c in noun.children if c.dep_ == "appos" for a in self.actors_at(c)]
        role = noun  # `X, president of Y and a close ally of Z`: the first conjunct's place
        while role.dep_ == "conj" and role.head is not role:
            role = role.head
        if not holders and role.dep_ == "appos":
            holders = self.actors_at(role.head)
        elif not holders and role.dep_ == "attr":
            holders = self.subjects(role.head)
        others = [a for p in prep_objects(noun, {"of", "to", "for"}) for a in self.actors_at(p)]
        for c in noun.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod"):
                others += self.actors_at(c) or self.demonym(c)
        # `X and Y are allies` (not `X and Y are allies of Z`, Z no actor)
        alone = not any(c.dep_ in ("prep", "poss") for c in noun.children)
        mutual = alone and not others and noun.tag_ == "NNS" and len(holders) == 2
        if mutual:
            holders, others = holders[:1], holders[1:]
        said = self.ext.relational[noun.lemma_.lower()]
        for source in holders:
            for target in others:
                self._acts(source, target, noun, said, None, mutual=mutual or None)
