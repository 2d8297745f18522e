"""Relations between actors: affiliated_with, acts_on, quotes and co_occurs.

Reads what earlier components left on the Doc (``doc.spans["actors"]``, ``doc.spans["coref"]``,
``doc._.affiliations``, ``doc._.quotes``) and the dependency parse; writes
``doc._.relations``, a list of plain dicts (the ``relations`` table minus ``doc_id`` and
``date``). Every row keeps the character span of its evidence. Relations are only read
inside one clause: the verb's own subject and objects, never a neighbouring clause's.
Each ``acts_on`` row gets a PLOVER ``event_type`` (and from it a ``polarity``) from the
lexicon ``data/plover_events.json``, and a ``modality`` that says whether the text states
it as fact: users of event data filter on it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator

import numpy as np
from spacy.attrs import DEP, LEMMA, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.parts_of_speech import NOUN, VERB
from spacy.tokens import Doc, Span, Token

from .cleaning import in_ranges
from .gazetteer import Gazetteer, SharedGazetteer, pipeline_gazetteer
from .util import DataComponent

MODALITIES = ("asserted", "negated", "hedged", "future", "reported")
LEXICON_FILE = "plover_events.json"
# prepositions whose object is acted on (`talks with Seoul`, `sanctions on Iran`); `at`
# and `on` only for some acts (see _Context.open_preps)
_OBJ_PREPS = {"to", "with", "against", "on", "upon", "toward", "towards", "at", "for", "from"}
# `talks on Ukraine`, `agreed on a plan`: a topic after these acts (and untyped ones)
_TOPIC_ACTS = {"", "CONSULT", "AGREE", "COOPERATE"}
# `the U.S. invasion of Iraq`: an event noun's `of` names its target
_NOUN_PREPS = (_OBJ_PREPS - {"at"}) | {"of"}
_AFF_PREPS = {"of", "for", "at", "from"}
# a verb under these gives its complement a negation (`failed to meet`)
_NEGATING_HEADS = {"fail"}
_OBJECT_CONTROL = {
    *("urge", "ask", "force", "persuade", "press", "push", "call", "tell", "order"),
    *("pressure", "encourage", "invite"),
}
_RELATIVE = {"which", "who", "that", "whom"}
_POSS = {"'s", "’s", "'"}
# roles whose compound names their subject, not their employer (`an Iran analyst`)
# `both countries`, `the two leaders`, `the prime ministers`: a plural that names the two
# actors of its kind mentioned last (head lemma -> the label they carry, "" for any)
_PLURAL_HEADS = {
    "country": "STATE",
    "nation": "STATE",
    "government": "STATE",
    "leader": "PERSON",
    "minister": "PERSON",
    "president": "PERSON",
    "side": "",
}
_PLURAL_DETS = {"both", "the", "two"}
# `the militants`, `the rebels`: definite members of an armed group are the organisation
# mentioned last (`the rebel group` itself actor_coref resolves)
_MEMBER_HEADS = {"militant", "rebel", "insurgent", "jihadist", "extremist", "terrorist", "fighter"}
_INCLUDING = {"including"}
_WE = {"we", "our", "us"}
_ENVOYS = {"ambassador", "envoy", "diplomat"}
_ENVOY_SANCTIONS = {"withdraw", "recall", "expel"}
_GROUP_KINDS = {"rebel", "militant", "terror", "terrorist", "armed", "extremist", "jihadist"}
_PLURAL_WINDOW = 3  # sentences searched back for the two actors
# `Mogadishu announced it was cutting ties`: a pronoun subject of the reported clause is the
# reporting subject when that is no person
_CLAUSE_PRONOUNS = {"it", "they"}
_TOPIC_ROLES = {"analyst", "expert", "researcher", "scholar", "specialist", "correspondent"}


class RelationExtractor(DataComponent):
    """Turn actor mentions and the parse into relation rows."""

    data_files = (LEXICON_FILE,)

    default_name = "relation_extractor"
    # settings: the pipeline's gazetteer (config key ``gazetteer``), the actors' spans key,
    # and whether actors in one sentence get a ``co_occurs`` row
    share: Callable[[Language], SharedGazetteer] = staticmethod(pipeline_gazetteer)
    actors_key: str = "actors"
    co_occurs: bool = True

    def setup(self, nlp: Language) -> None:
        self.shared = self.share(nlp)
        self.initialize()

    @property
    def gazetteer(self) -> Gazetteer:
        """The pipeline's gazetteer: loaded and saved by the actor tagger."""
        return self.shared.gazetteer

    # -- data ------------------------------------------------------------
    def set_data(self, files: dict) -> None:
        super().set_data(files)
        self.lexicon = files[LEXICON_FILE]
        self._index()

    def _index(self) -> None:
        lex = self.lexicon
        self.type_of = {w: t for t, words in lex["event_types"].items() for w in words}
        self.polarity_of_type = {t: p for p, types in lex["polarity"].items() for t in types}
        # (sections added with issue 14: a lexicon saved before them still loads)
        self.relational = lex.get("relational_nouns", {}).get("nouns", {})
        self.transparent = set(lex.get("transparent_nouns", {}).get("nouns", []))
        self.abstract = tuple(lex.get("abstract_suffixes", {}).get("suffixes", []))
        self.event_nouns = set(self.type_of) | set(lex["untyped_events"]) | set(self.relational)
        self.light = set(lex["light_verbs"])
        self.negated_as = {w: t for t, words in lex["negated_as"].items() for w in words}
        self.complement_heads = {
            w: t for t, words in lex["complement_heads"].items() for w in words
        }
        self.symmetric = set(lex["symmetric"])
        self.skip = set(lex["not_acts_on"])
        self.state_bodies = set(lex["state_bodies"])
        self.place_objects = set(lex["place_objects"]["verbs"])
        self.demands = set(lex["demands"])
        self.membership = lex["membership"]["verbs"]
        self.membership_preps = {v: set(p) for v, p in lex["membership"]["preps"].items()}
        self.causative = _OBJECT_CONTROL | set(lex["causative"]["verbs"])
        self.toward_roles = set(lex["toward_roles"]["roles"])
        self.static = set(lex["static_verbs"]["verbs"])
        self.untyped_polarity = {
            w: p
            for p, words in lex.get("untyped_polarity", {}).items()
            if p != "_why"
            for w in words
        }
        strings = self.vocab.strings
        self.hashes = {
            name: np.array([strings.add(w) for w in words], dtype="uint64")
            for name, words in (
                ("state_bodies", self.state_bodies),
                ("event_nouns", self.event_nouns),
            )
        }
        self.cues = {k: set(v) for k, v in lex["modality"].items()}

    # -- extraction ------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        ctx = _Context(doc, self)
        ctx.affiliations()
        ctx.acts_on()
        ctx.quotes()
        if self.co_occurs:
            ctx.co_occurrences()
        doc._.relations = ctx.rows
        return doc


class _Context:
    """One document's mentions and the rows found so far."""

    def __init__(self, doc: Doc, ext: RelationExtractor):
        self.doc = doc
        self.g = ext.gazetteer
        self.ext = ext
        self.boiler = doc._.boilerplate
        self.actors = doc._.actors or {}
        spans = list(doc.spans.get(ext.actors_key, [])) + list(doc.spans.get("coref", []))
        self.mentions = sorted(
            (s for s in spans if not in_ranges(self.boiler, s.start_char, s.end_char)),
            key=lambda s: s.start,
        )
        self.by_token: dict[int, Span] = {}
        for span in self.mentions:
            for i in range(span.start, span.end):
                self.by_token[i] = span
        self.described: dict[int, list[Span]] = {}
        if doc.has_annotation("DEP"):
            self._describe()
        quotes = doc._.quotes if Doc.has_extension("quotes") else None
        self.quote_list = [q for q in quotes or [] if q.get("quote_id")]
        self.rows: list[dict] = []
        self.seen: set[tuple] = set()

    # -- rows ------------------------------------------------------------
    def name(self, actor_id: str, fallback: str = "") -> str:
        if actor_id in self.actors:
            return self.actors[actor_id]["name"]
        if actor_id.startswith("state:"):
            return self.g.state_name_of.get(actor_id[6:], fallback)
        org = self.g.org_by_id.get(actor_id)
        return org["name"] if org else fallback

    def add(
        self,
        source: str,
        relation: str,
        target: str,
        start: int,
        end: int,
        *,
        predicate: str = "",
        polarity: str = "",
        role: str = "",
        modality: str = "",
        event_type: str = "",
        quote_id: str | None = None,
        key: tuple = (),
    ) -> None:
        if not source or not target or source == target:
            return
        if in_ranges(self.boiler, start, end):
            return
        key = (source, relation, target, *(key or (start, end)))
        if key in self.seen or (relation == "affiliated_with" and self._overlaps(key, start, end)):
            return
        self.seen.add(key)
        if quote_id is None:
            quote_id = self.quote_at(start)
        self.rows.append(
            {
                "source_id": source,
                "source_name": self.name(source),
                "relation": relation,
                "target_id": target,
                "target_name": self.name(target),
                "predicate": predicate,
                "start_char": start,
                "end_char": end,
                "quote_id": quote_id,
                "polarity": polarity,
                "modality": modality,
                "event_type": event_type,
                "role": role,
            }
        )

    def quote_at(self, char: int) -> str:
        """The id of the quote holding a character, or ``""``."""
        inside = (q for q in self.quote_list if q["start_char"] <= char < q["end_char"])
        return next((q["quote_id"] for q in inside), "")

    def _overlaps(self, key: tuple, start: int, end: int) -> bool:
        """The same affiliation already read from overlapping words (title and apposition)."""
        return any(
            (r["source_id"], r["relation"], r["target_id"]) == key[:3]
            and r["start_char"] < end
            and start < r["end_char"]
            for r in self.rows
        )

    def actor(self, tok: Token) -> Span | None:
        return self.by_token.get(tok.i)

    def _describe(self) -> None:
        """Ends named by description: `both countries` (the last two states mentioned) and
        `it` or `they` as the subject of a reported clause (`Mogadishu announced it was
        cutting ties`: the reporting subject, when that is no person)."""
        starts = [m.start for m in self.mentions]
        for tok in self.doc:
            if tok.i in self.by_token:
                continue
            lemma = tok.lemma_.lower()
            if tok.tag_ == "NNS" and lemma in _PLURAL_HEADS:
                dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet", "nummod")}
                if dets & _PLURAL_DETS:
                    pair = self._last_of(tok, starts, _PLURAL_HEADS[lemma], 2)
                    if pair:
                        self.described[tok.i] = pair
            elif self._group_description(tok, lemma):
                found = self._last_of(tok, starts, "ORG", 1)
                if found:
                    self.described[tok.i] = found
            elif tok.lower_ in _CLAUSE_PRONOUNS and tok.dep_ == "nsubj":
                clause = tok.head
                if clause.dep_ != "ccomp" or clause.head.pos_ != "VERB":
                    continue
                said = [self.actor(c) for c in clause.head.children if c.dep_ == "nsubj"]
                said = [a for a in said if a is not None and a.label_ != "PERSON"]
                if len(said) == 1:
                    self.described[tok.i] = said

    @staticmethod
    def _group_description(tok: Token, lemma: str) -> bool:
        """`the militants`, `the armed rebels` (not `militants`, `the Syrian rebels`)."""
        if tok.tag_ != "NNS" or lemma not in _MEMBER_HEADS:
            return False
        if not any(c.lower_ == "the" for c in tok.children):
            return False
        mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nmod")}
        return mods <= _GROUP_KINDS

    def _we(self) -> None:
        """`we`, `our`, `us` in a quote: the speaker's state or organisation (the speaker
        itself when not a person, else the one state or organisation it is affiliated with
        in this text)."""
        for q in self.quote_list:
            speaker = q.get("speaker_id") or ""
            if not speaker.startswith("person:"):
                sides = {speaker} if speaker else set()
            else:
                sides = {
                    r["target_id"]
                    for r in self.rows
                    if r["relation"] == "affiliated_with" and r["source_id"] == speaker
                }
            if len(sides) != 1:
                continue
            side = sides.pop()
            label = "STATE" if side.startswith("state:") else "ORG"
            for tok in self.doc.char_span(q["start_char"], q["end_char"], "expand") or []:
                if tok.lower_ in _WE and tok.i not in self.by_token:
                    self.described[tok.i] = [
                        Span(self.doc, tok.i, tok.i + 1, label=label, kb_id=side)
                    ]

    def _last_of(self, tok: Token, starts: list[int], label: str, n: int) -> list[Span]:
        """The ``n`` distinct actors of a kind mentioned last before a token, in its sentence
        or the few before it, as spans on the token; none unless there are ``n``."""
        first = tok.sent.start
        for _ in range(_PLURAL_WINDOW - 1):
            if first == 0:
                break
            first = self.doc[first - 1].sent.start
        found: dict[str, Span] = {}
        for m in reversed(self.mentions[: bisect_right(starts, tok.i - 1)]):
            if m.start < first or len(found) == n:
                break
            if (not label or m.label_ == label) and m.kb_id_ and m.kb_id_ not in found:
                found[m.kb_id_] = m
        if len(found) < n:
            return []
        return [
            Span(self.doc, tok.i, tok.i + 1, label=m.label_, kb_id=m.kb_id_) for m in found.values()
        ]

    def demonyms(self) -> np.ndarray:
        """The gazetteer's demonyms as string hashes (computed once per pipeline)."""
        hashes = self.ext.hashes
        if "demonyms" not in hashes:
            strings = self.doc.vocab.strings
            hashes["demonyms"] = np.array([strings.add(w) for w in self.g.demonyms], dtype="uint64")
        return hashes["demonyms"]

    def actors_at(self, tok: Token) -> list[Span]:
        """The actors a token names, with its conjuncts (`China and Russia`)."""
        found = []
        for t in (tok, *tok.conjuncts):
            if t.i in self.described:
                found += self.described[t.i]
                continue
            span = self.actor(t)
            if span is None:  # `China's foreign minister, Wang Yi,`: the apposed name
                named = (self.actor(c) for c in t.children if c.dep_ == "appos")
                span = next((a for a in named if a is not None), None)
            if span is not None:
                found.append(span)
            elif t.lemma_.lower() in self.ext.state_bodies:
                found += self.state_body(t)
            elif t.lemma_.lower() in _MEMBER_HEADS:  # `Hamas militants`: the group
                mods = (self.actor(c) for c in t.children if c.dep_ in ("compound", "nmod"))
                found += [m for m in mods if m is not None and m.label_ != "STATE"]
            else:  # `rights groups, including the ACLU,`: the named members act
                found += [a for p in _prep_objects(t, _INCLUDING) for a in self.actors_at(p)]
        # `Somali government soldiers`: one actor named twice is one end
        return list({a.kb_id_: a for a in reversed(found)}.values())[::-1]

    def state_body(self, tok: Token) -> list[Span]:
        """`Kenyan troops`, `Cameroon and C.A.R. officials`: the states they act for."""
        found = []
        for mod in tok.children:
            if mod.dep_ not in ("amod", "compound", "nmod", "poss"):
                continue
            for m in (mod, *mod.conjuncts):
                span = self.actor(m)
                if span is not None and span.label_ == "STATE":
                    found.append(span)
                else:
                    found += self.demonym(m)
        return found

    # -- affiliated_with -------------------------------------------------
    def affiliations(self) -> None:
        """Titles and demonyms from the tagger, plus possessives, compounds and appositions."""
        g = self.g
        for aff in self.doc._.affiliations or []:
            if not aff["role"] and self._own_name(aff):
                continue  # `German Marshall Fund`, `U.S. Central Command`: a name, not a tie
            if self._counterpart(aff["start_char"]):
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
            if root.dep_ == "compound" and holder.label_ == "ORG":
                continue
            between = [t for t in self.doc[span.end : holder.start] if t.lower_ not in _POSS]
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
        for span in self.mentions:
            self._nationality(span)
            self._of(span)

    def _counterpart(self, char: int) -> bool:
        """A state named after `for` or `to` is a counterpart, not an employer, even when the
        parse makes it part of the name after it (`U.N. Coordinator for Myanmar Andrew
        Kirkwood`)."""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None or not span.start or self.doc[span.start - 1].lower_ not in ("for", "to"):
            return False
        state = self.actor(span[0])
        return state is not None and state.label_ == "STATE" and state.start == span.start

    def _of(self, person: Span) -> None:
        """`Mareike Ohlberg of the German Marshall Fund`: a person of a named body."""
        if person.label_ != "PERSON" or person[0].pos_ == "PRON":
            return
        for pobj in _prep_objects(person.root, {"of"}):
            for owner in self.actors_at(pobj):
                if owner.label_ != "PERSON":
                    start, end = person.start_char, owner.end_char
                    self.add(person.kb_id_, "affiliated_with", owner.kb_id_, start, end)

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
        ):
            return  # (`Indian reluctance Richard Weitz`: no role)
        while i > 0 and person.start - i < 4 and doc[i].is_lower and doc[i].is_alpha:
            i -= 1
        for first in (i - 1, i):  # two-word demonyms first (`South African`)
            state = self.g.demonyms.get(doc[max(first, 0) : i + 1].text)
            if state and first >= 0:
                role = " ".join(t.lower_ for t in doc[i + 1 : person.start])
                start, end = doc[first].idx, person.end_char
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
            before = self.doc.text[aff["start_char"] : m.start_char]
            if m.label_ == "ORG" and not any(p in before for p in _POSS):
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
            parent = any(t.lower_ == "parent" for t in noun.lefts)  # `ICE's parent agency, DHS`
            for owner in self.owners(noun, ("poss",)):
                if owner.label_ != "PERSON":
                    start = min(person.start_char, owner.start_char)
                    end = max(person.end_char, owner.end_char, noun.idx + len(noun))
                    ends = (owner, person) if parent else (person, owner)
                    self.add(ends[0].kb_id_, "affiliated_with", ends[1].kb_id_, start, end)
            return
        if person.label_ != "PERSON":
            return
        g = self.g
        words = [t for t in noun.lefts if t.dep_ in ("amod", "compound") and not self.actor(t)]
        role = " ".join(t.lower_ for t in [*words, noun])
        while role and role not in g.role_nouns:
            role = role.partition(" ")[2]
        plain = not any(t.dep_ == "compound" for t in noun.lefts)  # not `navy contingent`
        if not role and plain and any(t.text in g.demonyms for t in noun.lefts):
            role = noun.lower_  # `an Afghan writer`: nationality with any role noun
        if not role:
            return
        targets: list[tuple[str, int, int]] = []
        for child in noun.children:
            if child.dep_ == "compound" and role.split()[-1] in _TOPIC_ROLES:
                continue  # `an Iran analyst` studies Iran
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                owner = self.actor(child)
                if owner is not None and owner.label_ != "PERSON":
                    targets.append((owner.kb_id_, child.idx, child.idx + len(child)))
                elif child.text in g.demonyms:
                    targets.append(("state:" + g.demonyms[child.text], child.idx, child.idx))
            elif child.dep_ == "prep" and child.lower_ in _AFF_PREPS:
                if child.lower_ == "for" and role.split()[-1] in self.ext.toward_roles:
                    continue
                for obj in child.children:
                    for owner in self.actors_at(obj) if obj.dep_ == "pobj" else []:
                        if owner.label_ != "PERSON":
                            targets.append((owner.kb_id_, owner.start_char, owner.end_char))
        for target, s, e in targets:
            start = min(s, person.start_char, noun.idx)
            end = max(e, person.end_char, noun.idx + len(noun))
            self.add(person.kb_id_, "affiliated_with", target, start, end, role=role)

    # -- acts_on ---------------------------------------------------------
    def acts_on(self) -> None:
        """Verbs, then event nouns, of the sentences that name two actors or state bodies
        (read from the token arrays: most tokens are never looked at)."""
        doc = self.doc
        if not len(doc) or not doc.has_annotation("DEP"):
            return
        self._we()
        pos, lemma, orth, starts = doc.to_array([POS, LEMMA, ORTH, SENT_START]).T
        sent = np.cumsum(starts == 1)
        # state bodies and demonyms (`Kenyan troops`, `tariffs on Chinese cars`) may be ends
        bodies = np.isin(lemma, self.ext.hashes["state_bodies"]) | np.isin(orth, self.demonyms())
        described = [sent[i] for i, found in self.described.items() for _ in found]
        ends = np.array(
            [*(sent[m.start] for m in self.mentions), *described, *sent[bodies]], dtype=int
        )
        live = np.bincount(ends, minlength=sent.max() + 1)[sent] >= 2
        # a word of an actor's name is no act (`Kadir Has University`, `Alliance of Democracies`)
        live[list(self.by_token)] = False
        for i in np.flatnonzero(live & (pos == VERB)).tolist():
            self._verb(doc[i])
        nouns = live & (pos == NOUN) & np.isin(lemma, self.ext.hashes["event_nouns"])
        for i in np.flatnonzero(nouns).tolist():
            self._nominal(doc[i])

    def _verb(self, verb: Token) -> None:
        if verb.dep_ == "amod" and verb.tag_ == "VBN":
            self._backed(verb)
            return
        agents, patients = _arguments(verb)
        sources = [a for t in agents for a in self.actors_at(t)]
        if not sources and verb.dep_ == "acl" and self.actor(verb.head) is None:
            # `a letter to Xi congratulating him`: the letter's writer congratulates
            sources = self.holder(verb.head)[0]
        if not sources:  # `the Taliban's ban would not stop her`: the ban's owner acts
            acts = (t for t in agents if t.lemma_.lower() in self.ext.event_nouns)
            sources = [a for t in acts for a in self.owners(t, ("poss",))]
        if not sources:
            return
        lemma = verb.lemma_.lower()
        if lemma in self.ext.skip and lemma not in self.ext.membership:
            return  # (`headed to Beijing` is motion, `headed the party` a post)
        targets, noun = self._targets(verb, lemma, patients)
        for pobj in _prep_objects(verb, self.ext.membership_preps.get(lemma, set())):
            for target in self.actors_at(pobj):  # `began working at the State Department`
                for source in sources:
                    self._member(source, target, verb)
        # (three or more acting together is a multilateral act, not a clique of pairs)
        together = len(sources) == 2 and len(agents) == 1 and _subject(verb)
        if not targets and together and self._symmetric(lemma, noun):
            # `Turkey and Sweden signed an agreement`: each with the other (not `X and Y
            # called a meeting to discuss Z`, nor two subjects of a misparse)
            targets = [(a, noun) for a in sources]
        elif not targets and len(sources) > 1 and _envoys(lemma, noun):
            # `both countries withdrew ambassadors`, `the two expelled diplomats`: each
            # from the other
            targets = [(a, noun) for a in sources]
        for target, obj in targets:
            for source in sources:
                if lemma in self.ext.membership:
                    if target.root.dep_ == "dobj" and target.label_ != "PERSON":
                        self._member(source, target, verb)
                elif lemma not in self.ext.skip:
                    self._acts(source, target, verb, lemma, obj)

    def _targets(
        self, verb: Token, lemma: str, patients: list[Token]
    ) -> tuple[list[tuple[Span, Token | None]], Token | None]:
        """(target, object noun or None) pairs of a verb, and its object noun.

        `provide assistance to X` keeps `assistance` for the predicate.
        """
        ext = self.ext
        targets: list[tuple[Span, Token | None]] = [
            (a, None) for t in patients for a in self.actors_at(t)
        ]
        obj_nouns = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        if verb.dep_ == "relcl":  # `Mexico, which he also hit`
            obj_nouns = [verb.head if o.lower_ in _RELATIVE else o for o in obj_nouns]
        for obj in obj_nouns:
            for t in (obj, *obj.conjuncts):
                # `carried out a series of airstrikes against IS`: the airstrikes
                t = next(iter(_prep_objects(t, {"of"})), t) if t.lemma_ in ext.transparent else t
                found = self.actors_at(t)
                if not found:  # `attacked a joint Kenya-U.S. base`
                    found = self.holders(t, ext.type_of.get(lemma, ""))
                if found:
                    targets += [(a, None) for a in found]
                elif t.pos_ == "NOUN" and t.lemma_.lower() not in ext.skip:
                    kind = self.event_type(lemma, t, verb)
                    # `discussed North Korea's transfer of arms to Russia`: another's act
                    owners = {a.kb_id_ for a in self.owners(t, ("poss",))}
                    owned = bool(owners - {a.kb_id_ for a in self.subjects(verb)})
                    # `ordered the arrest of Dodik`: an act's `of` names the one it is done to
                    act = t.lemma_.lower() in ext.event_nouns
                    preps = _OBJ_PREPS | {"of"} if act else _OBJ_PREPS
                    preps = set() if owned else self.open_preps(preps, kind)
                    for pobj in _prep_objects(t, preps):
                        found = self.acted_on(pobj, kind)
                        targets += [(a, t) for a in found]
                    hostile = ext.polarity_of_type.get(ext.type_of.get(lemma, "")) == "conflict"
                    if lemma not in ext.light and (act or hostile):
                        # `condemned Russia's invasion`, `to counter Beijing's clout`: the
                        # owner is acted on
                        targets += [(a, t) for a in self.owners(t, ("poss",))]
        if not obj_nouns and (lemma in ext.causative or ext.type_of.get(lemma) == "REQUEST"):
            # `India helped Mauritius build an airstrip`, `demanded that Ottawa drop ...`: the
            # one helped or asked is the subject below
            for comp in verb.children:
                if comp.dep_ in ("ccomp", "xcomp"):
                    subj = (c for c in comp.children if c.dep_ == "nsubj")
                    targets += [(a, None) for t in subj for a in self.actors_at(t)]
        noun = next((o for o in obj_nouns if o.pos_ == "NOUN" and not self.actors_at(o)), None)
        preps = _OBJ_PREPS - {"to"} if lemma in ext.place_objects else _OBJ_PREPS
        if lemma in ext.static and (noun is None or noun.lemma_.lower() not in ext.event_nouns):
            preps = set()  # `shares borders with Sudan`, `has photos of X`
        kind = self.event_type(lemma, noun, verb)
        preps = self.open_preps(preps, kind)
        for pobj in _prep_objects(verb, preps - ext.membership_preps.get(lemma, set())):
            found = self.acted_on(pobj, kind)
            targets += [(a, noun) for a in found]
        return targets, noun

    def open_preps(self, preps: set[str], event_type: str) -> set[str]:
        """The prepositions that can name the one acted on, for this act.

        `at` names a place (`met at the UN`) unless the act is hostile (`fired at`); `on` a
        topic or a place after talk and untyped acts (`talks on Ukraine`, `posted on X`, but
        `sanctions on Iran`, `call on`, `conferred an honor on`); `for` the one helped,
        `from` the one left.
        """
        if self.ext.polarity_of_type.get(event_type) != "conflict":
            preps = preps - {"at"}
        if event_type in _TOPIC_ACTS:
            preps = preps - {"on", "upon"}
        if event_type not in ("SUPPORT", "AID"):
            preps = preps - {"for"}  # `support for Kyiv`, `voted for X`
        if event_type != "RETREAT":
            preps = preps - {"from"}  # `pulled troops from Afghanistan`
        return preps

    def acted_on(self, pobj: Token, event_type: str) -> list[Span]:
        """The actors a preposition's object names: itself, the states holding it, or, for
        a known act, its possessor (`the offensive against Assad's leadership`, `tariffs on
        China's EVs`; not `refused to cave to Beijing's demands`)."""
        found = self.actors_at(pobj) or self.holders(pobj, event_type)
        return found or (self.owners(pobj, ("poss",)) if event_type else [])

    def holders(self, tok: Token, event_type: str) -> list[Span]:
        """`a joint Kenya-U.S. military base`, `tariffs on Chinese cars`: the states holding
        an attacked place or taxed goods."""
        if event_type not in ("ASSAULT", "SANCTION"):
            return []
        deps = ("compound", "nmod", "amod")
        mods = [c for c in tok.children if c.dep_ in deps]
        mods += [g for c in mods for g in c.children if g.dep_ in deps]
        found = [self.actor(c) for c in mods]
        if event_type == "SANCTION":  # (`fired at Palestinian protesters` is no act on a state)
            found += [a for c in mods for a in self.demonym(c)]
        states = {a.kb_id_: a for a in found if a is not None and a.label_ == "STATE"}
        return list(states.values())

    def demonym(self, tok: Token) -> list[Span]:
        """`Chinese`, as the state it names, on the token."""
        state = self.g.demonyms.get(tok.text)
        return (
            [Span(self.doc, tok.i, tok.i + 1, label="STATE", kb_id="state:" + state)]
            if state
            else []
        )

    def _member(self, source: Span, target: Span, verb: Token) -> None:
        """`Maimane, who headed the Democratic Alliance`: a post held is an affiliation."""
        if source.label_ == "STATE" or _negated(verb):
            return
        start = min(source.start_char, target.start_char, verb.idx)
        end = max(source.end_char, target.end_char, verb.idx + len(verb))
        role = self.ext.membership.get(verb.lemma_.lower(), "")
        self.add(source.kb_id_, "affiliated_with", target.kb_id_, start, end, role=role)

    def _backed(self, verb: Token) -> None:
        """`U.S.-backed forces`, `Iran-funded militias`: the prefixed actor acts on the head."""
        lemma = verb.lemma_.lower()
        if lemma not in self.ext.type_of:
            return  # `Somalia-based al-Shabab` is no act
        mods = (c for c in verb.children if c.dep_ in ("npadvmod", "compound", "nmod"))
        sources = [a for c in mods for a in self.actors_at(c)]
        for target in self.actors_at(verb.head) if sources else []:
            for source in sources:
                self._acts(source, target, verb, lemma, None)

    def _nominal(self, noun: Token) -> None:
        """Event nouns: `a message to Xi`, `UN sanctions against Iran`, `Russia's invasion
        of Ukraine`, `the invasion of Ukraine by Russia`, `a deal between X and Y`."""
        if noun.lemma_.lower() in self.ext.relational:
            self._relational(noun)
            return
        if noun.lower_ in self.g.role_nouns:
            return  # `the U.S. envoy to Syria` is a role, not an event
        lemma = noun.lemma_.lower()
        if lemma in self.ext.skip:
            return
        if lemma in self.ext.symmetric:
            # `a deal between X and Y`, `the U.S.-Japan alliance` (two parties only)
            sides = [a for p in _prep_objects(noun, {"between"}) for a in self.actors_at(p)]
            mods = [c for c in noun.children if c.dep_ in ("compound", "nmod", "amod")]
            mods += [g for c in mods for g in c.children if g.dep_ in ("compound", "nmod")]
            named = list({a.kb_id_: a for c in mods for a in self.actors_at(c)}.values())
            sides = sides or (named if len(named) == 2 else [])
            if len(sides) == 2:
                clause = self.holder(noun)[1]
                self._acts(sides[0], sides[1], noun, lemma, None, clause=clause, mutual=True)
        by = [a for p in _prep_objects(noun, {"by"}) for a in self.actors_at(p)]
        preps = _NOUN_PREPS if by or self.owners(noun) else _NOUN_PREPS - {"of"}
        kind = self.event_type(lemma, None, noun)
        preps = self.open_preps(preps, kind)
        targets = [a for p in _prep_objects(noun, preps) for a in self.acted_on(p, kind)]
        if not targets:
            return
        if by:
            sources, verb = by, None
        elif noun.dep_ == "dobj" and self.subjects(noun.head):
            # `held talks with Seoul`, `requested WTO consultations with the U.S.`: the
            # verb's reading covers it; only a possessor is the act's own agent
            sources, verb = self.owners(noun, ("poss",)), None
        else:
            sources, verb = self.holder(noun)
        for source in sources:
            for target in targets:
                self._acts(source, target, noun, lemma, None, clause=verb)

    def _relational(self, noun: Token) -> None:
        """`X, a close ally of Y`, `X is an ally of Y`, `another Egyptian ally, X`, `Y's
        lawyer, X`: the one the noun names acts on its counterpart; `X and Y are allies`
        each on the other."""
        holders = [a for c in noun.children if c.dep_ == "appos" for a in self.actors_at(c)]
        if not holders and noun.dep_ == "appos":
            holders = self.actors_at(noun.head)
        elif not holders and noun.dep_ == "attr":
            holders = self.subjects(noun.head)
        others = [a for p in _prep_objects(noun, {"of", "to", "for"}) for a in self.actors_at(p)]
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

    def subjects(self, verb: Token) -> list[Span]:
        return [a for t in _arguments(verb)[0] for a in self.actors_at(t)]

    def owners(
        self, noun: Token, deps: tuple[str, ...] = ("poss", "compound", "amod")
    ) -> list[Span]:
        """`Kim's message`, `UN sanctions`: actors modifying a noun."""
        mods = (c for c in noun.children if c.dep_ in deps)
        return [a for c in mods for a in self.actors_at(c)]

    def holder(self, noun: Token) -> tuple[list[Span], Token | None]:
        """Who an event noun belongs to, and the verb whose clause states it.

        Its owners, else the subject of the verb it hangs off (`Kim made the comments in a
        message to Xi`).
        """
        owners = self.owners(noun)
        if owners:
            return owners, None
        head = noun.head.head if noun.dep_ == "pobj" else noun.head
        if noun.dep_ in ("pobj", "dobj", "attr") and head.pos_ == "VERB":
            return self.subjects(head), head
        return [], None

    def _symmetric(self, lemma: str, noun: Token | None) -> bool:
        """A mutual act: `sign`, `meet`, or a light verb's `talks` (not `request talks`)."""
        ext = self.ext
        if noun is None or lemma not in ext.light:
            return lemma in ext.symmetric
        return noun.lemma_.lower() in ext.symmetric

    def _acts(
        self,
        source: Span,
        target: Span,
        pred: Token,
        lemma: str,
        obj: Token | None,
        *,
        clause: Token | None = None,
        mutual: bool | None = None,
    ) -> None:
        """One acts_on row (two for a mutual act): its predicate, type and modality.

        ``clause`` is the verb that states an event noun (`sent a message to Xi`); ``mutual``
        says whether the act runs both ways (None: as the predicate and its ends say).
        """
        ext = self.ext
        particles = [c.lower_ for c in pred.children if c.dep_ == "prt"]
        said = " ".join([lemma, *particles])  # `crack down` keeps its particle
        predicate = said if obj is None else f"{said} {obj.lower_}"
        event_type = self.event_type(lemma, obj, pred)
        anchor = clause or pred
        negated = _negated(anchor)
        head = anchor.head.lemma_.lower()
        if anchor.dep_ == "xcomp" and head in ext.complement_heads:
            # `threatened to impose tariffs`, `refused to meet`: the act is the threat
            event_type, predicate = ext.complement_heads[head], f"{head} to {predicate}"
            anchor = anchor.head
            negated = _negated(anchor)
        if negated:
            predicate = "not " + predicate
            if lemma in ext.negated_as:  # `does not recognize Taiwan` is itself an act
                event_type, negated = ext.negated_as[lemma], False
        if negated:  # wherever it is stated, a denied act did not happen
            modality = "negated"
        elif self.quote_at(anchor.idx):
            modality = "reported"
        else:
            modality = self.modality(anchor)
        start = min(source.start_char, target.start_char, pred.idx)
        end = max(source.end_char, target.end_char, pred.idx + len(pred))
        if mutual is None:
            mutual = self._symmetric(lemma, obj) and (
                _with_object(target.root) or target.kb_id_ in self._coordinated(source)
            )
        pairs = [(source, target), (target, source)] if mutual else [(source, target)]
        polarity = ext.polarity_of_type.get(event_type, "")
        if not event_type:  # `territorial disputes`, `ripping off X`
            polarity = ext.untyped_polarity.get(said, ext.untyped_polarity.get(lemma, ""))
        if event_type == "REQUEST" and {lemma, obj and obj.lemma_.lower()} & ext.demands:
            polarity = "conflict"  # a demand, not a plea
        for s, t in pairs:
            self.add(
                s.kb_id_,
                "acts_on",
                t.kb_id_,
                start,
                end,
                predicate=predicate,
                polarity=polarity,
                modality=modality,
                event_type=event_type,
                key=(t.start, pred.i),
            )

    def _coordinated(self, span: Span) -> set[str]:
        return {a.kb_id_ for a in self.actors_at(span.root)}

    def event_type(self, lemma: str, obj: Token | None, pred: Token | None = None) -> str:
        """The verb's PLOVER category, or its object noun's after a light verb; a noun is
        looked up with its compound first (`trade war`)."""
        if _envoys(lemma, obj):  # PLOVER: reducing diplomatic ties is SANCTION
            return "SANCTION"
        types = self.ext.type_of
        noun = _compound_lemma(obj, types) if obj is not None else ""
        if noun in types and (lemma in self.ext.light or lemma not in types):
            return types[noun]
        if lemma in self.ext.light and noun in self.ext.event_nouns:
            return ""  # `send a message to X` is no aid
        if pred is not None and pred.pos_ == "NOUN":
            lemma = _compound_lemma(pred, types)
        if pred is not None and pred.pos_ == "VERB":
            # phrasal verbs and idioms first: `crack down`, `call on`, `take X to court`
            for key in _phrases(pred, lemma):
                if key in types:
                    return types[key]
            tools = (types.get(t.lemma_.lower()) for t in _prep_objects(pred, {"with"}))
            if "SANCTION" in tools:  # `hit Mexico with a new levy`
                return "SANCTION"
        return types.get(lemma, "")

    def modality(self, tok: Token) -> str:
        """hedged, future, reported or asserted, from the clause and those above it.

        Climbs from the event's verb through complements (`is expected to attack`,
        `said X attacked`, `accused X of attacking`); the strongest cue wins: reported,
        then hedged, then future.
        """
        cues = self.ext.cues
        found = set()
        node = tok
        for _ in range(8):
            for c in node.children:
                word = c.lower_
                if c.dep_ in ("aux", "auxpass"):
                    if word in cues["future_aux"]:
                        found.add("future")
                    elif word in cues["hedged_aux"]:
                        found.add("hedged")
                elif c.dep_ == "advmod" and word in cues["hedged_adverbs"]:
                    found.add("hedged")
                elif c.dep_ in ("acomp", "attr") and c.lemma_.lower() in cues["hedged_heads"]:
                    found.add("hedged")  # `it is unclear when ...`
            dep, head = node.dep_, node.head
            if head is node or dep not in ("xcomp", "ccomp", "advcl", "conj", "pcomp", "prep"):
                break
            word = head.lemma_.lower()
            if dep in ("ccomp", "pcomp", "prep") and word in cues["reported_heads"]:
                found.add("reported")
            if word in cues["hedged_heads"]:
                found.add("hedged")
            elif dep == "xcomp" and word in cues["future_heads"]:
                found.add("future")
            node = head
        return next((m for m in ("reported", "hedged", "future") if m in found), "asserted")

    # -- quotes ----------------------------------------------------------
    def quotes(self) -> None:
        """The speaker of each quote -> every other actor mentioned inside it."""
        for q in self.quote_list:
            speaker = q.get("speaker_id") or ""
            if not speaker:
                continue
            for span in self.mentions:
                if q["start_char"] <= span.start_char and span.end_char <= q["end_char"]:
                    self.add(
                        speaker,
                        "quotes",
                        span.kb_id_,
                        span.start_char,
                        span.end_char,
                        predicate=q.get("cue") or "",
                        quote_id=q["quote_id"],
                        key=(q["quote_id"],),
                    )

    # -- co_occurs -------------------------------------------------------
    def co_occurrences(self) -> None:
        """Distinct actors of one sentence, in order of first mention (a weak tie)."""
        sents = list(_sentences(self.doc))
        starts = [sent.start for sent in sents]
        ids: dict[int, list[str]] = {}
        for span in self.mentions:
            found = ids.setdefault(bisect_right(starts, span.start) - 1, [])
            if span.kb_id_ not in found:
                found.append(span.kb_id_)
        for n, found in ids.items():
            for i, source in enumerate(found):
                for target in found[i + 1 :]:
                    self.add(source, "co_occurs", target, sents[n].start_char, sents[n].end_char)


def _sentences(doc: Doc) -> Iterator[Span]:
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        yield from doc.sents
    else:
        yield doc[:]


def _arguments(verb: Token, depth: int = 0) -> tuple[list[Token], list[Token]]:
    """(agents, patients) of a verb; a verb without a subject borrows its governor's."""
    kids = list(verb.children)
    agents = [c for c in kids if c.dep_ in ("nsubj", "csubj")]
    patients = [c for c in kids if c.dep_ == "nsubjpass"]
    by = [c for c in kids if c.dep_ == "agent"]
    agents += [p for c in by for p in c.children if p.dep_ == "pobj"]
    if verb.dep_ == "relcl":
        # `China, which aids X`: the relative pronoun stands for the noun modified
        agents = [verb.head if t.lower_ in _RELATIVE else t for t in agents]
        patients = [verb.head if t.lower_ in _RELATIVE else t for t in patients]
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
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        # `accused Israel of attacking Syria`, `condemned Thailand for sending Uyghurs`,
        # `Israel was accused of attacking`: the accused is the one said to act
        accused = [c for c in head.head.children if c.dep_ in ("dobj", "nsubjpass")]
        if head.lower_ == "of" or (head.lower_ == "for" and accused):
            return accused, []
        # `visited India after meeting Biden`: the visitor meets (`the visit is aimed at
        # boosting ties`: the visit does)
        agents, patients = _arguments(head.head, depth + 1)
        return agents or patients, []
    if verb.dep_ in ("xcomp", "conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "xcomp" and head.lemma_.lower() in _OBJECT_CONTROL:
            objects = [c for c in head.children if c.dep_ == "dobj"]
            if objects:
                return objects, []
        if verb.dep_ == "advcl" and verb.tag_ == "VBN":
            return [], []
        borrowed, passive = _arguments(head, depth + 1)
        if verb.dep_ == "xcomp" and not borrowed:
            borrowed = passive  # `China is expected to send aid`: China sends
        if any(c.dep_ == "auxpass" for c in verb.children):
            return [], borrowed  # `appeared ... and was invited to X`: acted on, not acting
        return borrowed, []
    return [], []


def _subject(verb: Token) -> bool:
    """The verb's subject is its own, or that of the verb it completes (`X and Y agreed to
    meet`), not borrowed from a verb it serves (`requested by X and Y to discuss`)."""
    if verb.dep_ in ("xcomp", "conj"):
        verb = verb.head
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _phrases(verb: Token, lemma: str) -> Iterator[str]:
    """`crack down`, `call on`, `take to court`: a verb with its particle or preposition."""
    for c in verb.children:
        if c.dep_ == "prt":
            yield f"{lemma} {c.lower_}"
        elif c.dep_ == "prep":
            objects = [o.lemma_.lower() for o in c.children if o.dep_ == "pobj"]
            yield from (f"{lemma} {c.lower_} {o}" for o in objects)
            yield f"{lemma} {c.lower_}"


def _compound_lemma(noun: Token, known: dict) -> str:
    """`trade war`, `economic war` where the lexicon has it, else the noun's lemma."""
    lemma = noun.lemma_.lower()
    for c in noun.children:
        if c.dep_ in ("compound", "amod") and f"{c.lemma_.lower()} {lemma}" in known:
            return f"{c.lemma_.lower()} {lemma}"
    return lemma


def _envoys(lemma: str, noun: Token | None) -> bool:
    """Envoys recalled or expelled (`withdrew ambassadors`): a diplomatic sanction."""
    return lemma in _ENVOY_SANCTIONS and noun is not None and noun.lemma_.lower() in _ENVOYS


def _with_object(tok: Token) -> bool:
    """`talks with Seoul (and Tokyo)`, `with his counterpart, X`: X is the object of `with`."""
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in ("with", "between")


def _prep_objects(tok: Token, preps: set[str]) -> list[Token]:
    return [
        obj
        for prep in tok.children
        if prep.dep_ in ("prep", "dative") and prep.lower_ in preps
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def _negated(verb: Token) -> bool:
    """`did not condemn`, `never attacked`, `failed to meet`."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head
    if verb.dep_ == "xcomp" and head is not verb:
        return head.lemma_.lower() in _NEGATING_HEADS or any(c.dep_ == "neg" for c in head.children)
    return False


@Language.factory(
    "relation_extractor",
    default_config={
        "gazetteer": {"@misc": "nlp_pipeline.pipeline_gazetteer.v1"},
        "actors_key": "actors",
        "co_occurs": True,
    },
    requires=["doc.spans", "token.dep", "token.lemma"],
    assigns=["doc._.relations"],
)
def make_relation_extractor(
    nlp: Language,
    name: str,
    gazetteer: Callable[[Language], SharedGazetteer],
    actors_key: str,
    co_occurs: bool,
) -> RelationExtractor:
    return RelationExtractor(nlp, name, share=gazetteer, actors_key=actors_key, co_occurs=co_occurs)
