"""Role nouns and titles for :mod:`coref`: the titles and appositions each actor is given
(``Defence Minister Richard Marles``, ``Jacinda Ardern, the prime minister,``), and
``the minister``, ``the company``, ``Solo's mayor``, ``the Kenyan government`` to the one
actor that holds that role or type."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Doc, Span, Token

from .coref_mentions import SUBJECTS, grammatical_weight, phrase_top
from .coref_speakers import Speakers
from .util import isin, role_head

if TYPE_CHECKING:
    from .coref import ActorCoref

_TITLE_PREPS = ("of", "to", "for")
# a noun that names a person by its ending: defenceman, co-founder, defector, strategist
_AGENT_ENDINGS = ("man", "woman", "er", "or", "ist", "ian", "ant", "ent", "ee", "ess")
_NOT_TITLE_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
FOCUS = 1.5  # how far ahead the organisation in focus must be for ``the group``
TYPED_FOCUS = 2.0  # and the one of two so typed (``the agency`` of two agencies)


class Roles(Speakers):
    """The roles each actor holds, and the role nouns that name the one holding it."""

    def _title_before(self, span: Span) -> list[list[str]]:
        """``Defence Minister Richard Marles``, ``rookie defenceman Caleb Jones``: the nouns
        written right before a name, up to a determiner, a possessive or another actor."""
        doc, places = self.doc, self.places
        i = end = _rank_start(doc, span.start, self.covered)  # ``Army spokesman Col. Ali``
        i -= 1
        while i >= 0 and end - i <= 5 and not self.covered[i] and doc[i].text not in places:
            tok = doc[i]
            joins = tok.text == "-" and i > 0 and doc[i - 1].is_alpha  # Secretary-General
            if not joins and (not _role_word(tok) or tok.ent_type_ in _NOT_TITLE_ENTS):
                break
            i -= 1
        words = doc[i + 1 : end].text.lower().split()
        out = []
        if words and i >= 1 and doc[i].lower_ == "and" and doc[i - 1].pos_ == "NOUN":
            # ``journalist and activist Masih Alinejad``: each title is hers
            j = i - 1
            while j >= 0 and i - j <= 3 and not self.covered[j] and _role_word(doc[j]):
                j -= 1
            if j < i - 1:
                out.append(doc[j + 1 : i].text.lower().split())
                i = j
        titled = self._title_of(end) if span.label_ == "PERSON" else None
        if titled:  # ``Secretary of State Marco Rubio``: the title ends in its object
            i, words, at = titled
            self.entities[span.kb_id_].states.update(at)
        # ``New Jersey Gov. Chris Christie``, ``Sen. Bernie Sanders``: abbreviated titles
        short = [self.ext.abbreviations.get(t.lower_, "") for t in doc[end : span.start]]
        out += [w.split() for w in short if w]
        # ``the militant group Hamas`` / ``her husband Tom``: the head noun is the last word
        if words and (titled or doc[end - 1].pos_ in ("NOUN", "PROPN")):
            out.append(words)
        if not out:
            return []
        # ``U.N. Secretary-General``, ``Chinese President``: whose title it is
        if i >= 0 and i in self.actor_at:
            self.entities[span.kb_id_].states.update(self._owners_at(i))
        elif i >= 0 and doc[i].text in places:  # ``Solo Mayor Hadi``, Solo untagged here
            self.entities[span.kb_id_].states.add(places[doc[i].text])
        elif i >= 0 and doc[i].text in self.ext.demonyms:
            self.entities[span.kb_id_].states.add(self.ext.demonyms[doc[i].text])
        elif doc[i + 1].text in self.ext.demonyms:  # ``Kenyan runner Eliud Kipchoge``
            self.entities[span.kb_id_].states.add(self.ext.demonyms[doc[i + 1].text])
        return out

    def _may_hold(self, label: str, words: list[str]) -> bool:
        """Whether a title or apposition the parse gives an actor is a role it may be named
        by again: for a person, a person's noun of the lists or one shaped as a person's
        (``rookie defenceman``, ``co-founder``); not ``Gilmore Girls, the role``, ``Warhol
        ... the image``, which would make ``the role`` that person. An organisation's own
        kind stays (``CamboJA, an independent media association``)."""
        ext = self.ext
        head = role_head(ext.role_words(words)).split("-")[-1]  # ``director-general``
        if label != "PERSON" or head in ext.person_nouns or head in ext.title_nouns:
            return True
        return head in ext.role_heads or head.endswith(_AGENT_ENDINGS)

    def _title_of(self, end: int) -> tuple[int, list[str], set[str]] | None:
        """``Secretary of State Marco Rubio``, ``Minister of Foreign Affairs Ahmed Attaf``,
        ``U.S. Ambassador to the United Nations Linda Thomas-Greenfield``: a title whose
        object (capitalised words, or an actor, the title is held for) sits between
        it and the name at ``end``. The token before the title, the role as news words it
        (``secretary of state``, ``defense secretary``, ``foreign affairs minister``) and
        the actors the object names."""
        doc, covered = self.doc, self.covered
        k = end - 1  # back over the object, to the preposition
        while k > 0 and end - k < 6 and doc[k].lower_ not in _TITLE_PREPS:
            if not (covered[k] or doc[k].is_title or doc[k].lower_ == "the"):
                return None
            if self.actor_tok.get(k) in self.people:  # a name the tagger cut in two
                return None
            k -= 1
        named = [t for t in doc[k + 1 : end] if t.lower_ != "the"]
        if k < 1 or not named or doc[k].lower_ not in _TITLE_PREPS or covered[k - 1]:
            return None
        head = self.ext.role_words([doc[k - 1].lower_])[-1]  # ``Ambassador``: an envoy
        if not (doc[k - 1].is_title and head in self.ext.role_heads):
            return None
        start = k - 1  # the title's words before the preposition (``Deputy Secretary``)
        while start > 0 and k - start < 3 and not covered[start - 1]:
            if not (doc[start - 1].is_title and _role_word(doc[start - 1])):
                break
            start -= 1
        title = [t.lower_ for t in doc[start:k]]
        obj = [t.lower_ for t in doc[k + 1 : end] if not covered[t.i] and t.lower_ != "the"]
        # ``of``/``for`` the body or state; an ambassador ``to`` a state is only posted there
        at = {self.actor_tok[j] for j in range(k + 1, end) if j in self.actor_tok}
        at = set() if doc[k].lower_ == "to" else at
        return start - 1, self._titled(title, doc[k].lower_, obj), at

    def _titled(self, title: list[str], prep: str, obj: list[str]) -> list[str]:
        """A title and its object as news words it: ``secretary of state`` (a role noun so),
        ``foreign affairs minister``."""
        if tuple([title[-1], prep, *obj]) in self.ext.role_nouns:
            return [*title, prep, *obj]
        return [*title[:-1], *obj, title[-1]]

    def _apposition(self, span: Span) -> list[list[str]]:
        """The role nouns said of a name: ``Jacinda Ardern, the prime minister,``, ``the
        spokesman for the State Department, Matthew Miller,``, ``Miller is the spokesperson``;
        an actor right before the role (``the U.N. deputy secretary-general``) is whose."""
        root, mine = span.root, span.kb_id_
        # not one with a name of its own: ``Berisha, his wife, Liri Berisha, his son, ...``
        heads = [
            c
            for c in root.children
            if c.dep_ == "appos"
            and c.i >= span.end
            and all(g.dep_ != "appos" or self.actor_tok.get(g.i, mine) == mine for g in c.children)
        ]
        person = span.label_ == "PERSON"  # ``The head of ..., UNICEF,``: its head misparsed
        if person and root.dep_ == "appos" and root.head.i < span.start:
            heads.append(root.head)
        # ``Miller is the spokesperson``, ``Mahama, who is the president of Ghana,``
        verbs = [root.head] if person and root.dep_ in SUBJECTS else []
        verbs += [c for c in root.children if person and c.dep_ == "relcl"]
        for verb in verbs:
            if verb.lemma_ == "be":
                heads += [c for c in verb.children if c.dep_ == "attr" and c.i >= span.end]
        # ``Pakistan's permanent representative to the United Nations, Munir Akram,``: the
        # name read as the apposition of the body the role is at
        body = root.head
        if person and root.dep_ == "appos" and body.dep_ == "pobj" and body.i in self.actor_tok:
            heads += [h for h in [body.head.head] if h.dep_ != "pobj" and h.i < body.i]
        out = []
        for head in heads:
            if head.pos_ != "NOUN" or head.tag_ == "NNS":
                continue
            start = head.i
            while start > 0 and not self.covered[start - 1]:
                prev = self.doc[start - 1]
                joins = prev.text == "-" and start > 1 and self.doc[start - 2].is_alpha
                if not (joins or _role_word(prev)) or prev.ent_type_ in _NOT_TITLE_ENTS:
                    break
                start -= 1
            end = max(_role_end(self.doc, start, self.covered), head.i + 1)
            out.append(self.doc[start:end].text.lower().split())
            # ``the minister of defence``: also the ``defence minister``
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
                obj = [t for t in prep.subtree if t.i > prep.i and t.lower_ != "the"]
                if 0 < len(obj) <= 3 and all(_role_word(t) and t.is_lower for t in obj):
                    own = self.doc[start : head.i + 1]  # not ``Algerian``: whose, not what
                    title = [t.lower_ for t in own if t.text not in self.ext.demonyms]
                    out.append(self._titled(title, "of", [t.lower_ for t in obj]))
            owner = start - 2 if self.doc[start - 1].tag_ == "POS" else start - 1
            owners = {*self._owners_at(owner), *self._owners_after(head)} - {span.kb_id_}
            self.entities[span.kb_id_].states.update(owners)
        return out

    def _owners_at(self, i: int) -> list[str]:
        """The actor whose mention ends at ``i``, and the one owning it or before its role
        words (``Pakistan's U.N. envoy``, ``U.S. deputy U.N. ambassador``): the role is
        held there and for them."""
        if i not in self.actor_at:
            return []
        out, j = [self.actor_at[i]], i
        while j > 0 and self.actor_tok.get(j - 1) == out[0]:
            j -= 1
        if j >= 2 and self.doc[j - 1].tag_ == "POS":
            j -= 1
        while j > 1 and i - j < 4 and _role_word(self.doc[j - 1]) and not self.covered[j - 1]:
            j -= 1
        if j >= 1 and j - 1 in self.actor_at:
            out.append(self.actor_at[j - 1])
        return out

    def _owners_after(self, head: Token) -> set[str]:
        """``the spokesperson for Pakistan's Ministry of Foreign Affairs``, ``director general
        of the Pakistani military's media wing``: the actors (and demonyms) a role is of."""
        out = set()
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "at", "to"):
                continue
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                for t in (obj, *obj.children):
                    if t.i in self.actor_tok and (t is obj or t.dep_ in ("poss", "appos")):
                        out.add(self.actor_tok[t.i])
                    elif t.dep_ in ("amod", "poss") and t.text in self.ext.demonyms:
                        out.add(self.ext.demonyms[t.text])
        return out

    def _role_noun(self, i: int, owner: str = "", det: int = -1) -> None:
        """``the prime minister``: the one actor holding that role; ``the company``: the one
        organisation of that type; ``the U.N. chief`` (``owner``, the actor before the noun,
        with the ``the`` at ``det``): the one holding it there."""
        doc, first = self.doc, i
        role_end = _role_end(doc, i, self.covered)
        alone = role_end == i + 1  # not ``the military spokesperson``
        if not owner and alone and doc[i].lower_ in self.ext.state_nouns and i not in self.done:
            self._state_in_focus(i, i + 1)
            return
        if not owner and doc[role_end - 1].lower_ in self.ext.state_types:
            # ``the country``, ``the North African nation``: no demonym of some state in it
            if not any(doc[k].text in self.ext.demonyms for k in range(i, role_end)):
                self._state_in_focus(i, role_end, typed=True)
            return
        if not owner and alone and doc[i].text in self.ext.demonyms:
            self._national(i)
            return
        own = self.entities[owner] if owner and role_end > i else None
        if own and own.label == "ORG" and (doc[role_end - 1].lower_,) in own.roles:
            # ``the NATO military alliance``: the name modifies what it is itself
            done = role_end - 1 in self.done  # (``The China Newsweek magazine``: read as a body)
            if doc[role_end - 1].tag_ == "NN" and role_end not in self.actor_tok and not done:
                self._resolved(det, role_end, owner)
            return
        # ``the 45-year-old``, ``the 66-year-old leader``
        age = i < len(doc) and doc[i].like_num and doc[i : i + 5].text.endswith("-year-old")
        end = _role_end(doc, i + 5, self.covered) if age else role_end
        head = self.ext.role_words([doc[end - 1].lower_])[-1] if end > i else ""
        if age and end == i + 5:
            head = "year-old"
        elif age:
            i += 5
        known = head in self.heads or head in self.ext.person_nouns or head in self.ext.title_nouns
        known = known or _member(doc[end - 1], self.ext.demonyms)
        if end == i or not (age or known):
            return
        if (end < len(doc) and doc[end].pos_ == "PROPN") or doc[end - 1].tag_ in ("NNS", "NNPS"):
            return  # ``the minister Abbas ...`` is a title; ``the ministers`` are many
        if any(k in self.done for k in range(i, end)):
            return  # ``the Kenyan government``: the state already
        words = tuple(self.ext.role_words(doc[i:end].text.lower().split()))
        state = owner or (self.ext.demonyms.get(doc[i].text) if end - i > 1 else None)
        seen = self._seen(i)
        if state and not owner:  # ``the Israeli leader``: a leader affiliated with Israel
            words = words[1:]
        # ``The head of Doctors Without Borders``, ``The head of the U.N. children's program,
        # UNICEF,`` (the body read as the head's apposition): its holder, if the story has one
        of = self._owners_after(doc[end - 1]) | self._bodies_apposed(doc[end - 1])
        body = of.pop() if len(of) == 1 and not state else ""
        lead = words in self.ext.any_leader or words in self.ext.owner_heads
        holders = self._holders_of(i, () if lead else words, body, seen) if body else []
        if not holders:
            body = ""
            if lead and (state or words in self.ext.any_leader):
                words = ()  # the one leading (it), whatever the title
            holders = self._holders_of(i, words, state, seen)
        holders = self._organisation(i, words, holders, seen)
        own = self._own_name(doc[end - 1])
        if own:  # ``Pakistan's permanent representative to the United Nations, Munir Akram``
            holders = [own]
        kind = self._kind(head)  # ``the court`` is no justice, ``the party`` no member of it
        holders = [a for a in holders if not kind or self._is(a, kind)]
        if len(holders) > 1 and self.speaker in holders:
            holders = [self.speaker]  # ``Marles said ... The minister added``: the run goes on
        elif len(holders) > 1:  # of two presidents, the one well ahead in focus
            holders = self._ahead(first, holders)
        people = kind in ("PERSON", "")  # the fallbacks below find people
        if not holders and people:
            holders = [a for a in [self._named_next(doc[end - 1])] if a]
        other = self._someone_else(doc[end - 1])  # (neither fallback then names one)
        if not holders and not owner and people and not other:
            holders = self._described(end - 1, head, words, state)
        # ``the old man``; a capitalised one names a thing (``the Budweiser Man of the Match``);
        # ``the billionaire businessman began``: a person's noun that is no post, as the subject
        plain = age or self._epithet(doc[end - 1], head)
        if not holders and not owner and plain and not other:
            holders = self._in_focus(doc[end - 1], head)
        if len(holders) == 1 and not self._said_of(doc[end - 1], holders[0]):
            self._resolved(det if det >= 0 else first - 1, end, holders[0])
            if body and holders[0] in self.people:  # ``the head of MSF`` again: the same one
                self.entities[holders[0]].states.add(body)

    def _body_of(self, owner: str, tok: Token) -> None:
        """``Cooper said her party``, ``his ministry`` (``tok`` the possessive, ``owner``
        the person it is): the one organisation of that kind the story affiliates the
        person with, or the one untyped organisation when it is their only one."""
        doc, k = self.doc, tok.i + 1
        ent = self.entities.get(owner)
        if ent is None or ent.label != "PERSON" or k >= len(doc) or self.covered[k]:
            return
        noun = doc[k].lower_
        if doc[k].tag_ != "NN" or self._kind(noun) != "ORG":
            return
        if k + 1 < len(doc) and doc[k + 1].pos_ in ("NOUN", "PROPN"):
            return  # ``his party leadership``: not the party
        bodies = [a for a in ent.states if a in self.entities and self.entities[a].label == "ORG"]
        typed = [a for a in bodies if (noun,) in self.entities[a].roles]
        typed += [a for a in bodies if a in self.types.get(noun, ()) and a not in typed]
        kinds = {(w,) for w in self.ext.org_types}
        if not typed and len(bodies) == 1 and not self.entities[bodies[0]].roles & kinds:
            typed = bodies
        if len(typed) == 1:
            self.out.append(Span(doc, tok.i, k + 1, label="ORG", kb_id=typed[0]))

    def _kind(self, head: str) -> str:
        """Who a description may be: ``ORG`` for a kind of organisation (``the court``, ``the
        society`` for the ``Linguistic Society of America``; or a state's army), ``STATE``
        for ``the state``, ``PERSON`` for a person's noun of this project's lists (``the
        judge``; not nameparser's ``publisher``, a firm too), else ``""``."""
        ext = self.ext
        if head in ext.org_types or (head,) in ext.generic_orgs or head in self.types:
            return "ORG"
        if head in ext.not_types:  # ``state Senate leader``: no type of the Senate
            return "STATE"
        return "PERSON" if head in ext.person_nouns else ""

    def _is(self, actor: str, kind: str) -> bool:
        label = self.entities[actor].label
        return label == kind or (kind == "ORG" and label == "STATE")

    def _organisation(self, i: int, words: tuple, holders: list[str], seen: set) -> list[str]:
        """An organisation's description among the role holders found: ``the poultry
        farmers group`` (the one so named), ``the society`` (the one whose name's head it
        is), ``the group``/``the organization`` (the one in focus)."""
        generic = self.ext.generic_orgs
        named = self._named_by(words[:-1], seen) if words[-1:] in generic else []
        if len(named) == 1:
            return named
        if not holders and words and words[-1] in self.types and words[-1:] not in generic:
            # ``the society``: the one seen whose name's head it is, and holds its modifiers
            named = self._named_by(words[:-1], seen & self.types[words[-1]], True)
            return named if len(named) == 1 else []
        if words[-1:] not in generic:
            return holders
        # ``the group``, ``the organization``: the organisation in focus, when one is well
        # ahead of the next (``Data from Dog Meat Free Indonesia ... according to the
        # organization``, not the World Health Organization two sentences up); else the one
        # named so (``the company`` for ``Acme Inc.``); two so named: the one twice as much
        # in focus (``the agency`` just after the International Energy Agency, not the
        # Renewable Energy Agency paragraphs up), else unresolved
        if self._untagged_subject(i):
            return []
        scores = self._salience(i, self.ext.max_sentences, set(), "o")
        if words[-1] in self.ext.business_types:  # ``the company`` is no university
            scores = {a: v for a, v in scores.items() if self._may_be_business(a)}
        ranked = [*sorted(scores.values(), reverse=True), 0.0, 0.0]
        typed = sorted(((scores.get(a, 0.0), a) for a in holders), reverse=True)
        if len(holders) < 2 and ranked[0] > FOCUS * ranked[1]:
            return [max(scores, key=scores.__getitem__)]
        if len(holders) > 1 and typed[0][0] > TYPED_FOCUS * typed[1][0]:
            return [typed[0][1]]
        return holders

    def _may_be_business(self, actor: str) -> bool:
        """Whether an organisation may be ``the company`` or ``the network``: of a business's
        kind, or of no kind its name or an apposition tells."""
        kinds = self.ext.org_types
        own = {r[0] for r in self.entities[actor].roles if len(r) == 1 and r[0] in kinds}
        own |= {k for k in kinds if actor in self.types.get(k, ())}
        return not own or bool(own & self.ext.business_types)

    def _untagged_subject(self, i: int) -> bool:
        """Whether a name with no actor id and no person's or place's entity type is the
        subject of a clause in ``i``'s sentence or the one before, ahead of ``i``
        (``Wealth-X keeps its finances a secret ... The company says``): ``the company`` may
        be that one, untagged, and a wrong name is worse than none."""
        doc = self.doc
        start = doc[i].sent.start if self.sent[i] == 0 else doc[doc[i].sent.start - 1].sent.start
        return any(
            t.pos_ == "PROPN"
            and t.dep_ in SUBJECTS
            and t.ent_type_ in ("", "ORG")
            and not self.covered[t.i]
            for t in doc[start:i]
        )

    def _epithet(self, tok: Token, head: str) -> bool:
        """Whether a description may name the person in focus by what they are: by sex or
        age (``the old man``), or, as its clause's subject, by a person's noun that is no
        post (``the businessman``, ``the author``; not ``the president``, held by one)."""
        ext = self.ext
        if tok.dep_ in SUBJECTS and _member(tok, ext.demonyms):
            return True  # ``the Wisconsin Republican says``: a party's member
        if not tok.is_lower or head in ext.people_nouns:
            return tok.is_lower
        noun = head in ext.person_nouns or head in ext.title_nouns
        return noun and head not in ext.role_heads and tok.dep_ in SUBJECTS

    def _in_focus(self, tok: Token, head: str) -> list[str]:
        """``the boy``, ``the old man``, ``the 34-year-old``: a person described by sex or
        age alone is the one well ahead in focus who agrees, not one its own clause binds
        (``Pachomius exiled the ambitious young man``)."""
        gender = self._sex_of(tok, head) or "p"
        scores = self._salience(tok.i, self.ext.max_sentences, self._bound(tok), gender)
        people = {a: v for a, v in scores.items() if self.entities[a].label == "PERSON"}
        ranked = [*sorted(people.values(), reverse=True), 0.0, 0.0]
        return [max(people, key=people.__getitem__)] if ranked[0] > FOCUS * ranked[1] else []

    def _ahead(self, i: int, holders: list[str]) -> list[str]:
        """Of several people holding a role, the one twice as much in focus as the next
        (``the president`` of a story about Ghani that names Biden once); of several bodies
        of a type, so too, by the salience of states and organisations (``the court`` of a
        story about the Supreme Court that names an appeals court once); else all."""
        bodies = not any(self.entities[a].label == "PERSON" for a in holders)
        scores = self._salience(i, self.ext.max_sentences, set(), "n" if bodies else "p")
        ranked = sorted(((scores.get(a, 0.0), a) for a in holders), reverse=True)
        return [ranked[0][1]] if ranked[0][0] > TYPED_FOCUS * ranked[1][0] else holders

    def _national(self, i: int) -> None:
        """``Kenyan runner Eliud Kipchoge ... The Kenyan said``: the one person seen of that
        state; a demonym that also names a people (``the Chinese``, ``the French``) none."""
        tok = self.doc[i]
        if tok.text.endswith(("ese", "ch", "sh", "s")):
            return
        state = self.ext.demonyms[tok.text]
        people = [
            a
            for a in self._seen(i)
            if self.entities[a].label == "PERSON" and state in self.entities[a].states
        ]
        if len(people) == 1:
            self._resolved(i - 1, i + 1, people[0])

    def _holders_of(self, i: int, words: tuple[str, ...], state, seen: set[str]) -> list[str]:
        """The holders of ``words`` (of ``state``) seen so far; with a state and none of it,
        the one seen with exactly these words and no affiliation (``foreign ministry
        spokesperson Abdul Qahar Balkhi`` ... ``the Taliban foreign ministry spokesperson``),
        else one named later (``Kenya's president said ...`` in the lead); a role with
        modifiers (``the military spokesperson``) may be one named later with all of them."""
        holders = self._holders(words, state, seen, True)
        exact = len(words) > 1
        if not holders and state and exact:
            holders = [
                a
                for a in self._holders(words, "", seen, True)
                if words in self.entities[a].roles and not self.entities[a].states
            ]
        later = set(self.entities) - seen
        if not holders and state:  # of several, the one named in the next sentence
            holders = self._holders(words, state, later, False)
            near = [a for a in holders if self.sent[self._first(a)] <= self.sent[i] + 1]
            holders = holders if len(holders) == 1 else near
        elif not holders and exact:
            holders = [
                a for a in self._holders(words, "", later, False) if words in self.entities[a].roles
            ]
        return holders

    def _first(self, actor: str) -> int:
        return min(s.start for s in self.actors if s.kb_id_ == actor)

    def _holders(self, words: tuple[str, ...], state, among: set[str], known: bool) -> list[str]:
        """The actors ``among`` holding the role ``words`` (empty: leading), affiliated with
        ``state``; not ``known`` (a name yet to come): a person of no other state."""
        return [
            actor
            for actor, ent in self.entities.items()
            if actor in among
            and (not state or state in ent.states or not (known or ent.states))
            and (known or ent.label == "PERSON")
            and any(
                _same_role(words, r, self.ext) if words else r in self.ext.leaders
                for r in ent.roles
            )
        ]

    def _named_by(self, words: tuple[str, ...], seen: set[str], bare: bool = False) -> list[str]:
        """``the poultry farmers group`` for the ``Association of Poultry Farmers``: the
        organisations whose name holds every word before the noun (``bare``: or none)."""
        names = self.doc._.actors or {}
        if not words and not bare:
            return []
        return [
            actor
            for actor in seen
            if self.entities[actor].label == "ORG"
            and set(words) <= set(names.get(actor, {}).get("name", "").lower().split())
        ]

    def _said_of(self, tok: Token, actor: str) -> bool:
        """``Xi Jinping, China's president,``, ``China's president, Xi Jinping,``, ``Miller
        is the spokesperson``: the role noun is the name's own apposition or predicate, no
        second mention."""
        if tok.dep_ == "appos":
            return self.actor_tok.get(phrase_top(tok).i) == actor
        if any(c.dep_ == "appos" and self.actor_tok.get(c.i) == actor for c in tok.children):
            return True
        subjects = [c for c in tok.head.children if c.dep_ in SUBJECTS]
        if tok.head.dep_ == "relcl":  # ``Mahama, who is the president``
            subjects.append(tok.head.head)
        return tok.dep_ == "attr" and any(self.actor_tok.get(c.i) == actor for c in subjects)

    def _bodies_apposed(self, tok: Token) -> set[str]:
        names = [
            self.actor_tok[c.i] for c in tok.children if c.dep_ == "appos" and c.i in self.actor_tok
        ]
        return {a for a in names if a not in self.people}

    def _own_name(self, tok: Token) -> str:
        """The person named in apposition to the body a role is at (``the representative to
        the United Nations, Munir Akram,``, parsed as the body's apposition)."""
        for prep in (c for c in tok.children if c.dep_ == "prep"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                for name in (c for c in obj.children if c.dep_ == "appos"):
                    if self.actor_tok.get(name.i) in self.people:
                        return self.actor_tok[name.i]
        return ""

    def _state_in_focus(self, i: int, end: int, typed: bool = False) -> None:
        """``The government said``, ``the country``, no state named before it: the state
        well ahead in focus (``Haiti has struggled ... The government said``). ``the
        country`` (``typed``) is none named as a modifier in its sentence (``U.S. troops
        left the country``), and the state of a person in focus counts for it (``Iraqi
        Prime Minister Sudani said the country's ...``)."""
        scores = self._salience(i, self.ext.max_sentences, set(), "n")
        states = {a: v for a, v in scores.items() if self.entities[a].label == "STATE"}
        for state, weight in [] if typed else self._demonyms_before(i):
            states[state] = states.get(state, 0.0) + weight
        if typed:
            for a, v in self._salience(i, self.ext.max_sentences, set(), "p").items():
                own = [s for s in self.entities[a].states if s.startswith("state:")]
                named = len(own) == 1 and own[0] in self.entities  # tagged in the story
                if named and self.entities[a].label == "PERSON":
                    states[own[0]] = states.get(own[0], 0.0) + v
            for m in self.history:
                if m.sent == self.sent[i] and self.doc[m.i].dep_ in ("compound", "amod", "nmod"):
                    states.pop(m.actor, None)
        ranked = [*sorted(states.values(), reverse=True), 0.0, 0.0]
        if ranked[0] > FOCUS * ranked[1]:
            self._resolved(i - 1, end, max(states, key=states.__getitem__))

    def _demonyms_before(self, i: int) -> list[tuple[str, float]]:
        """States a demonym names earlier in ``i``'s sentence (`support for Chinese claims
        in the sea, where the government contests`, `fighting Kenyan troops, when the
        government sent soldiers`), each weighted as its noun's phrase: the walk keeps only
        names, but the sentence is as much about the state a demonym names (one the story
        names elsewhere; not in a name: `the Chinese Council of ...`)."""
        doc = self.doc
        start = doc[i].sent.start
        return [
            (self.ext.demonyms[t.text], grammatical_weight(t.head))
            for t in doc[start : max(start, i - 1)]
            if t.text in self.ext.demonyms
            and not self.covered[t.i]
            and t.dep_ in ("amod", "compound", "nmod")
            and self.ext.demonyms[t.text] in self.entities
        ]

    def _body_nouns(self) -> None:
        """``The C.A.R. military says``, ``Kenya's government``, ``the government of
        Pakistan``, ``the Trump administration``, ``The China Newsweek magazine``: a body
        named for one actor speaks and acts for it (see ``_named_on``)."""
        doc = self.doc
        hits = isin(self.lower, self.ext._body_noun_hashes) & ~self.covered[: len(doc)]
        for i in np.flatnonzero(hits).tolist():
            named = self._named_on(doc[i])
            if len(named) == 1:
                actor = named.pop()
                self.entities[actor].roles.add((doc[i].lower_,))
                self.out.append(Span(doc, i, i + 1, self.entities[actor].label, kb_id=actor))
                self.done.add(i)

    def _named_on(self, tok: Token) -> set[str]:
        """The actors a body noun is named for: the name, possessor or demonym right before
        it with its conjuncts (``Moroccan and Spanish authorities``: two), else the one
        after ``of`` or ``in``; a leader's name on a government is the leader's one state
        (``Sharif's administration``); an outlet is only the organisation on it."""
        doc, ext, noun = self.doc, self.ext, tok.lower_
        j = tok.i - 1 if tok.i and doc[tok.i - 1].tag_ != "POS" else tok.i - 2
        left = [doc[j], *doc[j].conjuncts] if j >= 0 else []
        named = [self.actor_tok.get(t.i) or ext.demonyms.get(t.text) for t in left]
        if not any(named) and noun in ext.state_nouns:
            objs = [
                o
                for p in tok.children
                if p.dep_ == "prep" and p.lower_ in ("of", "in")
                for o in p.children
                if o.dep_ == "pobj"
            ]
            named = [self.actor_tok.get(t.i) for o in objs for t in (o, *o.conjuncts)]
        out = set()
        for actor in filter(None, named):
            ent = self.entities.get(actor)
            if ent is None:
                return set()  # a demonym of a state the story does not name
            if ent.label == "PERSON" and noun in ext.led_nouns:
                states = {s for s in ent.states if s.startswith("state:") and s in self.entities}
                out.add(states.pop() if len(states) == 1 else "")
            elif ent.label == "STATE" and noun in ext.state_nouns:
                out.add(actor)  # (``Somali government soldiers``: the state's, too)
            elif ent.label == "ORG" and tok.dep_ not in ("compound", "amod"):
                out.add(actor)  # (not ``the NATO military alliance``: what it modifies is)
            else:
                out.add("")
        return set() if "" in out else out


def _member(tok: Token, demonyms: dict[str, str]) -> bool:
    """``Republican``, ``Democrat``: a noun the NER reads as a group's name (NORP) that is
    no demonym names a member of it."""
    return tok.ent_type_ == "NORP" and tok.tag_ == "NNP" and tok.text not in demonyms


def _role_word(tok: Token) -> bool:
    return tok.is_alpha and tok.pos_ in ("NOUN", "PROPN", "ADJ")


def _rank_start(doc: Doc, i: int, covered) -> int:
    """Start of the abbreviated ranks right before ``i`` (``Lt. Col.``, ``Gen.``): a title
    before them is the name's own."""
    while i >= 1 and not covered[i - 1]:
        tok = doc[i - 1]
        if tok.text == "." and i >= 2 and doc[i - 2].is_title and len(doc[i - 2]) <= 4:
            i -= 2
        elif tok.text.endswith(".") and tok.text[:-1].istitle() and len(tok) <= 5:
            i -= 1
        else:
            return i
    return i


def _role_end(doc: Doc, i: int, covered) -> int:
    """End of the role noun phrase starting at ``i`` (``prime minister``,
    ``secretary-general``): up to four words, hyphen-joined words as one."""
    end = i
    while end < len(doc) and end - i < 6 and not covered[end]:
        tok = doc[end]
        joins = tok.text == "-" and end > i and end + 1 < len(doc) and doc[end + 1].is_alpha
        if not joins and not _role_word(tok):
            break
        end += 1
    return end


def _same_role(mention: tuple[str, ...], role: tuple[str, ...], ext: ActorCoref) -> bool:
    """``the minister`` fits a ``defence minister``; ``the prime minister`` does not, nor
    ``the chief justice`` a ``justice`` (a post's word before it), but ``the rookie
    defenceman`` fits a ``defenceman``; ``the deputy minister`` fits a
    ``deputy foreign minister`` (first and last words, the rest left out); ``the
    secretary`` fits a ``secretary of state`` (a title's head is before its ``of``)."""
    if "of" in role[1:] and "of" not in mention:
        role = role[: role.index("of")]
    if not role or mention[-1] != role[-1]:
        return False
    if role[-len(mention) :] == mention:
        return True
    if len(mention) > 1 and mention[0] == role[0] and set(mention) <= set(role):
        return True
    if mention[-len(role) :] != role:
        return False
    extra = mention[: len(mention) - len(role)]
    if any(w in ext.post_heads for w in extra):  # ``the chief justice`` is no ``justice``
        return False
    return not any(tuple([*extra[k:], *role]) in ext.role_nouns for k in range(len(extra)))
