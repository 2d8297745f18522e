"""Who acts on whom through the parse: one document's actor mentions and the arguments of
a verb or event noun (`China, which aids X`, `accused Israel of attacking Syria`).

``Mentions`` is the base of the relation extractor's document context (the ends named by
description are ``relation_ends``); the word lists it reads come from
``data/relations.json``.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span, Token

from .cleaning import in_ranges
from .coref import SPANS_KEY as COREF_KEY
from .util import doc_text, hash_table

# grammar, not knowledge: prepositions whose object is acted on (`talks with Seoul`,
# `sanctions on Iran`); `at` and `on` only for some acts (see EventReading.open_preps)
OBJ_PREPS = {"to", "with", "against", "on", "upon", "toward", "towards", "at", "for", "from"}
# `the U.S. invasion of Iraq`: an event noun's `of` names its target
NOUN_PREPS = (OBJ_PREPS - {"at"}) | {"of"}
AFF_PREPS = {"of", "for", "at", "from"}
RELATIVE = {"which", "who", "that", "whom"}
PLACE_PREPS = {"in", "at"}
BORDERS = {"border", "frontier", "boundary"}
# a verb's subject reacts to an event named after these, it does not do it
REACTING = {"over", "about", "amid", "after", "following", "despite", "regarding", "concerning"}
POSS = {"'s", "’s", "'"}
# `sanctions in place on X`, `a ban in force against X`: the act holds, on them
IN_FORCE = {"place", "force"}
INCLUDING = {"including"}
# the one a request is made of, after its preposition (`call on`, `appeal to`, `plead with`)
ADDRESSED = {"on", "upon", "to", "with"}
# past participles of the doing verbs (light verbs and posts) not made with `-ed`
IRREGULAR = {"led": "lead", "run": "run", "held": "hold", "made": "make", "sent": "send"}


class Mentions:
    """One document's mentions, indexed by token, and the rows found so far."""

    def __init__(self, doc: Doc, ext: Any):
        self.doc = doc
        self.g = ext.gazetteer
        self.ext = ext
        self.boiler = doc._.boilerplate
        self.actors = doc._.actors or {}
        # (first persons in quotes are this extractor's own, read anew: ``first_persons``)
        mine = ext.i | ext.we
        coref = [s for s in doc.spans.get(COREF_KEY, []) if s.text.lower() not in mine]
        self.coref = coref
        self.resolved = set(coref)  # coreference's spans, for membership tests
        spans = list(doc.spans.get(ext.actors_key, [])) + coref
        self.mentions = sorted(
            (
                s
                for s in spans
                if not in_ranges(self.boiler, s.start_char, s.end_char) and not speaker_label(s)
            ),
            key=lambda s: s.start,
        )
        self.by_token: dict[int, Span] = {}
        for span in self.mentions:
            for i in range(span.start, span.end):
                self.by_token[i] = span
        self.described: dict[int, list[Span]] = {}
        quotes = doc._.quotes if Doc.has_extension("quotes") else None
        self.quote_list = [q for q in quotes or [] if q.get("quote_id")]
        self.rows: list[dict] = []
        self.seen: set[tuple] = set()

    def add_mentions(self, spans: list[Span]) -> None:
        """Mentions resolved here, read as coreference's are."""
        self.mentions = sorted([*self.mentions, *spans], key=lambda s: s.start)
        self.resolved.update(spans)
        for span in spans:
            for i in range(span.start, span.end):
                self.by_token[i] = span

    def actor(self, tok: Token) -> Span | None:
        return self.by_token.get(tok.i)

    @property
    def text(self) -> str:
        return doc_text(self.doc)

    def demonyms(self) -> np.ndarray:
        """The gazetteer's demonyms as string hashes (computed once per pipeline)."""
        hashes = self.ext.hashes
        if "demonyms" not in hashes:
            hashes["demonyms"] = hash_table(self.doc.vocab.strings, self.g.demonyms)
        return hashes["demonyms"]

    def actors_at(self, tok: Token) -> list[Span]:
        """The actors a token names, with its conjuncts (`China and Russia`)."""
        found = []
        for t in (tok, *conjuncts(tok)):
            if t.i in self.described:
                found += self.described[t.i]
                continue
            body = self.body_of(t)
            if body:
                found += body
                continue
            span = self.actor(t)
            if span is not None:
                found.append(span)
            elif named := self.apposed(t):
                found += named
            elif t.tag_ == "NNS" and t.lemma_.lower() in self.ext.offices:
                found += self.state_body(t) or self.office_of(t)
            elif t.lemma_.lower() in self.ext.state_bodies:
                found += self.state_body(t)
            elif t.lemma_.lower() in self.ext.member_heads:  # `Hamas militants`: the group
                mods = (self.actor(c) for c in t.children if c.dep_ in ("compound", "nmod"))
                found += [m for m in mods if m is not None and m.label_ != "STATE"]
            else:  # `rights groups, including the ACLU,`: the named members act
                found += [a for p in prep_objects(t, INCLUDING) for a in self.actors_at(p)]
        # `Somali government soldiers`: one actor named twice is one end
        return list({a.kb_id_: a for a in reversed(found)}.values())[::-1]

    def apposed(self, tok: Token) -> list[Span]:
        """`China's foreign minister, Wang Yi,`: the apposed name; `three members of the U.S.
        Senate — Chuck Grassley, Jeanne Shaheen and Jim Risch —`: the names, each, where the
        noun counts them (not a list the parse read as apposed: `the media, Rupert Murdoch,
        Fox News`)."""
        appos = next((c for c in tok.children if c.dep_ == "appos" and self.actor(c)), None)
        if appos is None:
            return []
        names = (appos, *conjuncts(appos))
        counts = self.ext.plural_counts
        counted = (counts.get(c.lower_) for c in tok.children if c.dep_ in ("nummod", "det"))
        if len(names) not in counted:
            names = (appos,)
        return [a for a in (self.actor(t) for t in names) if a is not None]

    def body_of(self, tok: Token) -> list[Span]:
        """`the government of Pakistan`, `forces of Khalifa Haftar`: whom a body acts for,
        named in its preposition (before what coreference made of the head; `the Government
        of National Accord` is a name, no body)."""
        if tok.lemma_.lower() not in self.ext.bodies_of:
            return []
        named = self.actor(tok)
        preps = self.ext.body_preps
        return [a for p in prep_objects(tok, preps) for a in self.actors_at(p) if a is not named]

    def office_of(self, tok: Token) -> list[Span]:
        """`officials from the EU`, `ministers in the EU, Belgium, Germany`: the bodies
        office-holders with none named on them serve, in their preposition."""
        preps = self.ext.office_preps
        return [a for p in prep_objects(tok, preps) for a in self.actors_at(p)]

    def state_body(self, tok: Token) -> list[Span]:
        """`Kenyan troops`, `Cameroon and C.A.R. officials`, `NATO troops`: the states (or
        organisation) they act for."""
        found = []
        for mod in tok.children:
            if mod.dep_ not in ("amod", "compound", "nmod", "poss"):
                continue
            for m in (mod, *mod.conjuncts):
                span = self.actor(m)
                if span is not None and span.label_ in ("STATE", "ORG"):  # (`NATO troops`)
                    found.append(span)
                else:
                    found += self.demonym(m)
        return found

    def demonym(self, tok: Token) -> list[Span]:
        """`Chinese`, as the state it names, on the token."""
        state = self.g.demonyms.get(tok.text)
        return (
            [Span(self.doc, tok.i, tok.i + 1, label="STATE", kb_id="state:" + state)]
            if state
            else []
        )

    @cached_property
    def states_named(self) -> set[str]:
        """The states the story names."""
        return {m.kb_id_ for m in self.mentions if m.label_ == "STATE"}

    def place(self, tok: Token) -> Token:
        """Where an end stands in its clause: one named on a body stands where the body
        does (`held talks with Russian officials`, `a meeting with representatives from X`:
        the end is the object of `with`; not `signed it with Chinese backing`), and so do
        its conjuncts (`officials in the EU, Belgium and Germany`)."""
        tok = first_conjunct(tok)
        if tok.dep_ in ("amod", "compound", "nmod", "poss"):
            body = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ in ("of", "from", "in"):
            body = tok.head.head
            if tok.head.lower_ == "in" and body.lemma_.lower() not in self.ext.offices:
                return tok
        else:
            return tok
        named = body.lemma_.lower() in self.ext.bodies and self.actor(body) is None
        return body if named else tok

    def subjects(self, verb: Token) -> list[Span]:
        return [a for t in arguments(verb, self.ext.causative)[0] for a in self.actors_at(t)]

    def partners(self, verb: Token, agents: list[Token]) -> list[Span]:
        """`France, along with Egypt, faced off against Turkey`, `X, together with Y,`: acting
        with the subject, written before the verb (after it, `with` may name the target)."""
        found = []
        for tok in (verb, *agents):
            for prep in tok.children:
                if prep.i > verb.i or prep.dep_ != "prep":
                    continue
                if prep.lower_ == "along":
                    found += [a for p in prep_objects(prep, {"with"}) for a in self.actors_at(p)]
                elif prep.lower_ == "with" and any(c.lower_ == "together" for c in prep.children):
                    found += [
                        a for p in prep.children if p.dep_ == "pobj" for a in self.actors_at(p)
                    ]
        return found

    def owners(
        self, noun: Token, deps: tuple[str, ...] = ("poss", "compound", "amod")
    ) -> list[Span]:
        """`Kim's message`, `UN sanctions`, `Egyptian ties with Greece`: actors modifying a
        noun (on an event, a demonym stands for its state; a `Syrian man` is no state)."""
        event = noun.lemma_.lower() in self.ext.event_nouns
        mods = (c for c in noun.children if c.dep_ in deps)
        return [
            a
            for c in mods
            for a in self.actors_at(c) or (self.demonym(c) if event and c.dep_ == "amod" else [])
        ]

    def holder(self, noun: Token) -> tuple[list[Span], Token | None]:
        """Who an event noun belongs to, and the verb whose clause states it.

        Its owners or the agent of a participle on it (`a coup led by X`, `attacks carried
        out by X`), else the subject of the verb it hangs off (`Kim made the comments in a
        message to Xi`).
        """
        owners = self.owners(noun) or self.by(noun)
        if owners:
            return owners, None
        head = noun.head.head if noun.dep_ == "pobj" else noun.head
        if self._reported_talks(noun):
            # `Pakistan said that discussions with the IMF are progressing`: the sayer's
            # talks (not `Syria said airstrikes on Damascus killed 5`: a hostile act's
            # reporter is often its victim)
            return self.subjects(head.head), head
        if noun.dep_ not in ("pobj", "dobj", "attr") or head.pos_ != "VERB":
            return [], None
        mutual = noun.lemma_.lower() in self.ext.symmetric
        if noun.dep_ == "pobj" and noun.head.lower_ in REACTING and not mutual:
            # `wept over the crackdown against X`: not the weeper's (`after talks with X`
            # has the subject as a party)
            return [], None
        agents, patients = arguments(head, self.ext.causative)
        if not agents and noun.dep_ == "pobj" and mutual:
            agents = patients  # `India has been locked in a border standoff with China`
        return [a for t in agents for a in self.actors_at(t)], head

    def counted(self, noun: Token) -> Token:
        """`issued a series of warnings demanding that X`, `a string of decisions that`: a
        counted act stands in its clause where the noun counting it does."""
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in self.ext.transparent:
            return head.head
        return noun

    def _reported_talks(self, noun: Token) -> bool:
        """A mutual act as the subject of a reported clause (`X said talks with Y are
        progressing`; not `X said talks with Y must continue`, a wish)."""
        clause = noun.head
        return (
            noun.dep_ == "nsubj"
            and noun.lemma_.lower() in self.ext.symmetric
            and clause.dep_ == "ccomp"
            and clause.head.lemma_.lower() in self.ext.cues["reported_heads"]
            and not any(c.tag_ == "MD" for c in clause.children)
        )

    def by(self, noun: Token) -> list[Span]:
        """The agents of an event noun: `the invasion of Ukraine by Russia`, `the invasion
        of Lebanon led by Israel`, `attacks carried out by X`, `the withdrawal of U.S.
        troops`)."""
        # (a doer's participle, `led by`, `carried out by`; not `a meeting requested by X`)
        led = (
            c
            for c in noun.children
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in self.ext.doing
        )
        found = prep_objects(noun, {"by"})
        found += [p for c in led for a in c.children if a.dep_ == "agent" for p in a.children]
        if self.ext.type_of.get(noun.lemma_.lower()) in self.ext.moving_types:
            # `the withdrawal of U.S. and NATO troops from Afghanistan`: the troops' owners
            bodies = prep_objects(noun, {"of"})
            found += [p for p in bodies if p.lemma_.lower() in self.ext.state_bodies]
        # `the Washington-led war`, `U.S.-imposed sanctions`: that agent, before a hyphen
        prefixed = [a for c in noun.children if c.dep_ == "amod" for a in self.prefixed(c)]
        return [a for p in found if p.dep_ == "pobj" for a in self.actors_at(p)] + prefixed

    def prefixed(self, mod: Token) -> list[Span]:
        """`Washington-led`, `U.S.-led`: the actor a doer's participle names before its
        hyphen (the parse splits `Washington - led`, the tokenizer keeps `U.S.-led` whole)."""
        doc, doing = self.doc, self.ext.doing
        if mod.lemma_.lower() in doing and mod.i > 1 and doc[mod.i - 1].text == "-":
            named = doc[mod.i - 2]
            return self.actors_at(named) if named.head == mod else []
        found = self.fused_actor(mod)
        if found is None or not participle(mod.text.rpartition("-")[2], doing):
            return []
        return [found]

    def fused_actor(self, tok: Token) -> Span | None:
        """The state or organisation a hyphened prefix names inside one token (`U.S.` of
        `U.S.-backed`), not inside a name of its own."""
        prefix, _, rest = tok.text.rpartition("-")
        if not prefix or len(rest) < 3 or tok.i in self.by_token:
            return None
        state = self.g.state_id(prefix)
        actor_id = "state:" + state if state else self.g.org_names.get(prefix)
        if not actor_id:
            return None
        label = "STATE" if state else "ORG"
        return Span(self.doc, tok.i, tok.i + 1, label=label, kb_id=actor_id)

    def doers(self, noun: Token) -> list[Span]:
        """Whose act a noun is: `Russia's invasion`, `the invasion led by Israel`."""
        return self.owners(noun, ("poss",)) + self.by(noun)

    def holders(self, tok: Token, event_type: str, goods: bool = False) -> list[Span]:
        """`a joint Kenya-U.S. military base`, `tariffs on Chinese cars`: the states holding
        an attacked place or taxed goods; ``goods``: bought goods (`buy Russian aircraft`,
        `the purchase of Russia's S-400`), whose state sells them."""
        if event_type not in ("ASSAULT", "SANCTION") and not goods:
            return []
        deps = ("compound", "nmod", "amod", "poss") if goods else ("compound", "nmod", "amod")
        mods = [c for c in tok.children if c.dep_ in deps]
        mods += [g for c in mods for g in c.children if g.dep_ in deps]
        mods += [x for c in mods for x in c.conjuncts]  # (`German and Italian vehicles`)
        found = [self.actor(c) for c in mods]
        if event_type == "SANCTION":  # (not `fired at Palestinian protesters`)
            found += [a for c in mods for a in self.demonym(c)]
        elif goods:  # (`bought Swiss cheese` in a story without Switzerland names a style)
            found += [a for c in mods for a in self.demonym(c) if a.kb_id_ in self.states_named]
        states = {a.kb_id_: a for a in found if a is not None and a.label_ == "STATE"}
        return list(states.values())

    def acted_on(self, pobj: Token, event_type: str, goods: bool = False) -> list[Span]:
        """The actors a preposition's object names: itself, the states holding it, or, for
        a known act, its possessor (`the offensive against Assad's leadership`, `tariffs on
        China's EVs`; not `refused to cave to Beijing's demands`)."""
        found = self.actors_at(pobj) or self.holders(pobj, event_type, goods)
        found = found or (self.owners(pobj, ("poss",)) if event_type else [])
        return found or self.asked_about(pobj, event_type)

    def asked_about(self, pobj: Token, event_type: str) -> list[Span]:
        """`called for the release of Lai`, as `called for Lai's release`: the one an act
        asked for is done to (its `of`) is the one the request is about (only a request's:
        `protested against the detention of X` is no protest against X)."""
        if event_type != "REQUEST" or pobj.lemma_.lower() not in self.ext.event_nouns:
            return []
        return [a for p in prep_objects(pobj, {"of"}) for a in self.actors_at(p)]


def speaker_label(span: Span) -> bool:
    """`VOA: Putin recently visited China`: a speaker's label opening a line of an
    interview, no part of the sentence."""
    doc = span.doc
    if span.end == len(doc) or doc[span.end].text != ":":
        return False
    return span.start == 0 or doc[span.start - 1].is_space or span.start == span[0].sent.start


def arguments(verb: Token, control: set[str], depth: int = 0) -> tuple[list[Token], list[Token]]:
    """(agents, patients) of a verb; a verb without a subject borrows its governor's
    (``control``: verbs whose object does what they ask or let, `urged Iran to stop`,
    `helped Kenya fight`)."""
    kids = list(verb.children)
    agents = [c for c in kids if c.dep_ in ("nsubj", "csubj")]
    patients = [c for c in kids if c.dep_ == "nsubjpass"]
    by = [c for c in kids if c.dep_ == "agent"]
    agents += [p for c in by for p in c.children if p.dep_ == "pobj"]
    if verb.dep_ == "relcl":
        # `China, which aids X`: the relative pronoun stands for the noun modified
        agents = [antecedent(verb) if t.lower_ in RELATIVE else t for t in agents]
        patients = [antecedent(verb) if t.lower_ in RELATIVE else t for t in patients]
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and agents and not patients:
        patients = [verb.head]  # `soldiers, supported by the U.S. military`
    if agents or patients or depth > 3:
        return agents, patients
    head = verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # `sanctions imposed by the US`: only the agent matters, the head is no actor
        return agents, patients
    if verb.dep_ == "acl":
        return [head], []
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.dep_ == "acomp":
        # `Suga will be interested in encouraging X`: the one said to be so does it
        agents, patients = arguments(head.head.head, control, depth + 1)
        return agents or patients, []
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        # `accused Israel of attacking Syria`, `condemned Thailand for sending Uyghurs`,
        # `Israel was accused of attacking`: the accused is the one said to act
        accused = [c for c in head.head.children if c.dep_ in ("dobj", "nsubjpass")]
        if head.lower_ == "of" or (head.lower_ == "for" and accused):
            return accused, []
        # `visited India after meeting Biden`: the visitor meets (`the visit is aimed at
        # boosting ties`: the visit does)
        agents, patients = arguments(head.head, control, depth + 1)
        return agents or patients, []
    infinitive = verb.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )
    if (verb.dep_ in ("xcomp", "ccomp") or infinitive) and head.lemma_.lower() in control:
        # `urged Iran to stop`, `helped Kenya fight al-Shabab`, `Iran was urged to stop`,
        # `called on Russia to withdraw`, `appealed to Germany to send`: the one urged,
        # asked or helped acts, not the one asking
        # (an infinitive the parse hangs as an adverbial clause is a purpose after an object,
        # `called Putin to offer support`, not after an addressee, `appealed to Germany to`)
        asked = [] if infinitive else [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        asked = asked or prep_objects(head, ADDRESSED)
        if asked:
            return asked, []
    if verb.dep_ == "xcomp" and head.dep_ == "acomp":
        # `Japan is ready to support India`, `eager to help`: the one said to be so does it
        agents, patients = arguments(head.head, control, depth + 1)
        return agents or patients, []
    if verb.dep_ in ("xcomp", "conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "advcl" and verb.tag_ == "VBN":
            return [], []
        borrowed, passive = arguments(head, control, depth + 1)
        if verb.dep_ == "xcomp" and not borrowed:
            borrowed = passive  # `China is expected to send aid`: China sends
        if any(c.dep_ == "auxpass" for c in verb.children):
            return [], borrowed  # `appeared ... and was invited to X`: acted on, not acting
        return borrowed, []
    return [], []


def antecedent(clause: Token) -> Token:
    """What a relative clause's pronoun stands for: the noun it modifies, or the subject
    that noun describes (`HTS is a group that is designated by the U.S.`, `Kenya, a
    country that ...`); a restrictive `that` or `which` never describes a person already
    named, so the parse attaching it to one means the name right before it (`Al-Sharaa,
    leader of HTS that spearheaded the offensive`: HTS did)."""
    noun = clause.head
    done_to = any(c.dep_ == "dobj" and c.lower_ in RELATIVE for c in clause.children)
    if done_to and noun.dep_ == "pobj" and noun.head.lower_ in PLACE_PREPS:
        # `ground troops in Syria, which no candidate has championed`, `her server while at
        # the State Department, which she mishandled`: what is done to a `which` after a place
        # is most often done to what is there, not to the place (`Gabon, which imports`)
        return noun.head
    named = noun.head if noun.dep_ == "appos" else noun
    pronoun = next((c for c in clause.children if c.lower_ in ("that", "which")), None)
    if pronoun is not None and named.pos_ == "PROPN" and named.ent_type_ == "PERSON":
        before = clause.doc[pronoun.i - 1]
        if before.pos_ == "PROPN" and before.i > noun.i and before.ent_iob_ != "O":
            return before
    if noun.dep_ == "appos":
        return noun.head
    if noun.dep_ == "attr":
        subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
        return subjects[0] if subjects else noun
    return noun


def has_subject(verb: Token) -> bool:
    """The verb's subject is its own, or that of the verb it completes (`X and Y agreed to
    meet`), not borrowed from a verb it serves (`requested by X and Y to discuss`)."""
    if verb.dep_ in ("xcomp", "conj"):
        verb = verb.head
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def first_conjunct(tok: Token) -> Token:
    """`Modi and Duterte`, `his counterpart, X`: the conjunct or apposition that the parse
    attaches to the clause."""
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    return tok


def with_object(tok: Token) -> bool:
    """`talks with Seoul (and Tokyo)`, `with his counterpart, X`: X is the object of `with`."""
    tok = first_conjunct(tok)
    return tok.dep_ == "pobj" and tok.head.lower_ in ("with", "between")


def conjuncts(tok: Token) -> tuple[Token, ...]:
    """A token's conjuncts, less a gloss (`the activation of a standby force on the
    sidelines of a meeting of the Economic Community of West African States, or ECOWAS`:
    `, or X` after a phrase with no other conjunct renames it, it adds no second party)."""
    found = tok.conjuncts
    if len(found) == 1 and found[0].i > tok.i:
        first = found[0].left_edge.i
        if first > 1 and tok.doc[first - 1].lower_ == "or" and tok.doc[first - 2].text == ",":
            return ()
    return found


def is_border(tok: Token) -> bool:
    return tok.lemma_.lower() in BORDERS and tok.dep_ == "pobj"


def participle(word: str, known: set[str] | dict) -> str:
    """The verb of a past participle written inside a token (`backed`, `imposed`, `led`),
    if ``known`` lists it; "" otherwise."""
    word = word.lower()
    if not word.endswith("ed") and word not in IRREGULAR:
        return ""
    return next((w for w in (IRREGULAR.get(word), word[:-2], word[:-1]) if w in known), "")


def prep_objects(tok: Token, preps: set[str]) -> list[Token]:
    """Objects of ``tok``'s prepositions; not one right after a place's `border` (`flush out
    militants from the forest on the border with Somalia`: where, whatever the parse attached
    it to; `reopen its borders with China` is an act on them); through `in place` and `in
    force`, which say the act holds (`kept tariffs in place on Mexico`)."""
    kids = [c for c in tok.children if c.dep_ in ("prep", "dative")]  # (walked once)
    found = [
        obj
        for prep in kids
        if prep.lower_ in preps
        if not (prep.i > 0 and is_border(prep.doc[prep.i - 1]))
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]
    for prep in kids:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            held = (o for o in prep.children if o.dep_ == "pobj" and o.lower_ in IN_FORCE)
            found += [obj for h in held for obj in prep_objects(h, preps)]
    return found
