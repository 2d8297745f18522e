"""Actor coreference: which named actor a pronoun, role noun or title stands for.

The ``actor_coref`` component runs after ``actor_tagger`` and reads its mentions
(``doc.spans["actors"]``, ``doc._.affiliations``). It walks the document once, keeping the
actors mentioned so far with a salience (subject before object, fading by sentence, the
current speaker of a run of quotes), and resolves

- ``he``/``him``/``his``/``she``/``her`` to the most salient person of the same gender
  (gender from titles and kinship nouns, first names, then the pronouns already resolved
  to that person); a state or organisation is never ``he``/``she``, nor is the speaker of
  a quotation a ``he`` inside it;
- ``it said`` to the most salient state or organisation, ``its`` to a state or
  organisation that is the subject of its own clause (``NASA tweeted its support``);
- ``the minister``, ``the rookie defenceman``, ``the Israeli leader``, ``Solo's mayor``,
  ``the company`` to the one actor that holds that role or type in the document (from
  titles before a name, appositions, affiliations, the last word of an organisation's
  name); two candidates: unresolved; ``the group``/``the organization`` to the organisation
  well ahead in salience, else to the one so typed;
- ``the Kenyan government``, ``the C.A.R. military`` to the state;
- an untagged ``Nunes`` after ``Amanda Nunes`` to that person, and the last word of a name
  the tagger cut short (``Ursula von der`` ``Leyen``).

Results go to ``doc.spans["coref"]`` (label and ``kb_id_`` = the actor's), which the quote
and relation extractors read; anything unsure stays unresolved.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.attrs import LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .quotes import find_quotations
from .util import DataComponent

SPANS_KEY = "coref"
DATA_FILE = "coref.json"
ROLES_FILE = "roles.json"
COUNTRIES_FILE = "countries.json"
# the actor tagger's test for a name that speaks (``_speaking_name``)
SAYING = {
    "say",
    "add",
    "warn",
    "state",
    "announce",
    "claim",
    "deny",
    "insist",
    "accuse",
    "urge",
    "report",
    "confirm",
    "tell",
    "write",
    "argue",
    "vow",
    "pledge",
}
_SUBJECTS = {"nsubj", "nsubjpass"}
# deps that keep a word inside the phrase of its head (``Mary Nicholson and her husband Tom``)
_PHRASE_DEPS = {"compound", "appos", "conj", "flat"}
_OBJECTS = {"dobj", "dative", "pobj", "attr", "oprd"}
_CLIMB = {"conj", "advcl", "xcomp", "acl", "pobj", "dobj", "prep"}
_NOT_TITLE_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# salience, tuned on GUM train: a mention's weight halves with each sentence; the actors
# mentioned most gain a little (the topic of the story); a speech verb's pronoun subject
# leans to the current speaker
DECAY = 0.5
TOPIC = 0.02
SPEAKER = 0.3
QUOTED = 0.3  # a name inside a quotation, for a pronoun outside it
FOCUS = 1.5  # how far ahead the organisation in focus must be for ``the group``
# a person's further mentions in one sentence count half (``the young professional in his
# 30s who ... his taste``: one sentence about him, not three); tuned on GUM train
REPEAT = 0.5


@dataclass
class _Entity:
    label: str
    gender: str = ""  # "m", "f", "" unknown; states and organisations stay ""
    roles: set[tuple[str, ...]] = field(default_factory=set)  # ("prime", "minister")
    states: set[str] = field(default_factory=set)  # affiliated with


@dataclass
class _Mention:
    i: int  # token
    sent: int
    actor: str
    weight: float  # grammatical salience: subject 1, object less
    quoted: bool  # inside a quotation: counts less for a pronoun outside one


class ActorCoref(DataComponent):
    """Resolve pronouns, role nouns and titles to the document's named actors."""

    data_files = (DATA_FILE,)

    default_name = "actor_coref"
    # settings: the actors' spans key, how far back a pronoun looks, first-name genders
    actors_key: str = "actors"
    max_sentences: int = 8
    first_names: bool = True

    # -- data ------------------------------------------------------------
    def read(self, path: Path) -> dict:
        """The word lists and role nouns in ``path``; the role nouns and demonyms of the
        tagger's files are copied in (a saved pipeline holds them in its own file)."""
        data = json.loads((path / DATA_FILE).read_text(encoding="utf-8"))
        if "roles" not in data:
            data["roles"] = json.loads((path / ROLES_FILE).read_text(encoding="utf-8"))["roles"]
        if "demonyms" not in data:
            countries = json.loads((path / COUNTRIES_FILE).read_text(encoding="utf-8"))
            data["demonyms"] = {
                d: "state:" + c["id"] for c in countries for d in c["demonyms"] if d[:1].isupper()
            }
        return {DATA_FILE: data}

    def set_data(self, files: dict) -> None:
        super().set_data(files)
        data = files[DATA_FILE]
        self.pronouns: dict[str, str] = data["pronouns"]
        self.titles: dict[str, str] = data["gender_titles"]
        self.gendered: dict[str, str] = data["gendered_nouns"]
        self.synonyms: dict[str, str] = data["role_synonyms"]
        self.org_types: dict[str, set[str]] = {k: set(v) for k, v in data["org_types"].items()}
        self.org_heads = set().union(*self.org_types.values())
        self.speech_verbs = set(data["speech_verbs"])
        self.person_nouns = {r.split()[-1] for r in data["roles"]} | set(data["person_nouns"])
        self.person_nouns |= set(self.gendered) | set(self.synonyms)
        self.state_nouns = set(data["state_nouns"])
        self.generic_orgs = {(w,) for w in data["generic_orgs"]}
        self.leaders = {tuple(r.split()) for r in data["leaders"]}
        self.demonyms: dict[str, str] = data["demonyms"]
        self.role_nouns = {tuple(self._role_words(r.split())) for r in data["roles"]}
        self.role_heads = {r[-1] for r in self.role_nouns} | set(self.org_types)
        strings = self.vocab.strings
        self._pronoun_hashes = np.array([strings.add(w) for w in self.pronouns], dtype="uint64")
        self._the = strings.add("the")

    def _role_words(self, words: list[str]) -> list[str]:
        """``spokeswoman`` and ``spokesman`` are one role, ``spokesperson``."""
        text = " ".join(words)
        if text in self.synonyms:
            return self.synonyms[text].split()
        return [*words[:-1], self.synonyms.get(words[-1], words[-1])] if words else []

    # -- resolution ------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if len(doc) and doc.has_annotation("DEP") and self.actors_key in doc.spans:
            doc.spans[SPANS_KEY] = _DocCoref(doc, self).run()
        else:
            doc.spans[SPANS_KEY] = []
        return doc


class _DocCoref:
    """One document's walk: entities, the salience history and the resolved spans."""

    def __init__(self, doc: Doc, ext: ActorCoref) -> None:
        self.doc, self.ext = doc, ext
        starts = doc.to_array(SENT_START) if doc.has_annotation("SENT_START") else None
        self.sent = np.cumsum(starts == 1).tolist() if starts is not None else [0] * len(doc)
        self.actors = sorted(doc.spans[ext.actors_key], key=lambda s: s.start)
        self.covered = np.zeros(len(doc) + 1, dtype=bool)
        self.actor_at: dict[int, str] = {}  # last token of a mention -> its actor
        self.actor_tok: dict[int, str] = {}  # each token of a mention -> its actor
        for s in self.actors:
            self.covered[s.start : s.end] = True
            self.actor_at[s.end - 1] = s.kb_id_
            self.actor_tok.update(dict.fromkeys(range(s.start, s.end), s.kb_id_))
        self.in_quote = np.zeros(len(doc), dtype=bool)
        self.quoted_by: dict[int, str] = {}  # token in a quotation -> the named speaker
        self.people = {s.kb_id_ for s in self.actors if s.label_ == "PERSON"}
        self.tagged: dict[int, str] = {}  # a speaker's name in a misread tag -> its actor
        self.named_in: dict[int, set[str]] = {}  # token in a quotation -> actors named in it
        for region in find_quotations(doc.text):
            span = doc.char_span(*region.content, alignment_mode="contract")
            if span is not None:
                self.in_quote[span.start : span.end] = True
                inside = range(span.start, span.end)
                named = {self.actor_tok[i] for i in inside if i in self.actor_tok}
                self.named_in.update(dict.fromkeys(inside, named))
                speaker = self._tag_speaker(span, ext.speech_verbs)
                for i in range(span.start, span.end) if speaker else ():
                    self.quoted_by[i] = speaker
        self.entities: dict[str, _Entity] = {}
        self.history: list[_Mention] = []
        self.counts: dict[str, int] = {}
        self.speaker = ""  # the actor of the latest speech verb's subject
        self.out: list[Span] = []
        self.done: set[int] = set()  # tokens resolved before the walk

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
                    if c.dep_ in _SUBJECTS and c.i in self.actor_tok:
                        return self.actor_tok[c.i]
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

    # -- what the document says about each actor ----------------------------
    def _collect(self) -> None:
        names = (self.doc._.actors or {}) if self.doc.has_extension("actors") else {}
        self.short = self._short_names()
        self.places = {w: a for w, a in self.short.items() if names[a]["label"] != "PERSON"}
        glued: dict[str, bool] = {}  # a one-word "person" always right after an organisation
        label = {s.kb_id_: s.label_ for s in self.actors}
        for span in self.actors:
            org = label.get(self.actor_at.get(span.start - 1, "")) == "ORG"
            glued[span.kb_id_] = glued.get(span.kb_id_, True) and len(span) == 1 and org
        for span in self.actors:
            ent = self.entities.setdefault(span.kb_id_, _Entity(span.label_))
            words = self._title_before(span) + self._apposition(span)
            for w in words:
                ent.roles.add(tuple(self.ext._role_words(w)))
            if span.label_ == "PERSON":
                before = self.doc[span.start - 1].lower_ if span.start else ""
                for w in [before, *(x for ws in words for x in ws)]:
                    g = self.ext.titles.get(w) or self.ext.gendered.get(w)
                    if g and not ent.gender:
                        ent.gender = g
            elif span.label_ == "ORG":
                last = self.doc[span.end - 1].text
                for noun, heads in self.ext.org_types.items():
                    if last in heads:
                        ent.roles.add((noun,))
        affiliations = self.doc._.affiliations if self.doc.has_extension("affiliations") else None
        for aff in affiliations or []:
            ent = self.entities.get(aff["source_id"])
            if ent is not None:
                ent.states.add(aff["target_id"])
            if ent is not None and aff["role"]:
                ent.roles.add(tuple(self.ext._role_words(aff["role"].split())))
        for actor, ent in self.entities.items():
            if ent.label == "PERSON" and glued[actor]:
                ent.label = "ORG"  # ``IS Sahel``: the rest of the organisation's name
        # role nouns of the language, and those this document gives its actors (defenceman)
        self.heads = self.ext.role_heads | {r[-1] for e in self.entities.values() for r in e.roles}
        if self.ext.first_names:
            for actor, ent in self.entities.items():
                name = names.get(actor, {}).get("name", "").split()
                # an "organisation" named by a first name and a surname is a person the NER
                # misread (``Amanda Nunes``): it may be he or she, never it
                # (``Cornell University`` is not: a word of it names a kind of organisation)
                misread = len(name) in (2, 3) and not any(w in self.ext.org_heads for w in name)
                person = ent.label == "PERSON" or (ent.label == "ORG" and misread)
                if person and not ent.gender and name:
                    ent.gender = first_name_gender(name[0])

    def _title_before(self, span: Span) -> list[list[str]]:
        """``Defence Minister Richard Marles``, ``rookie defenceman Caleb Jones``: the nouns
        written right before a name, up to a determiner, a possessive or another actor."""
        doc, i = self.doc, span.start - 1
        places = self.places
        while i >= 0 and span.start - i <= 5 and not self.covered[i] and doc[i].text not in places:
            tok = doc[i]
            joins = tok.text == "-" and i > 0 and doc[i - 1].is_alpha  # Secretary-General
            if not joins and (not _role_word(tok) or tok.ent_type_ in _NOT_TITLE_ENTS):
                break
            i -= 1
        words = doc[i + 1 : span.start].text.lower().split()
        # ``the militant group Hamas`` / ``her husband Tom``: the head noun is the last word
        if not words or doc[span.start - 1].pos_ not in ("NOUN", "PROPN"):
            return []
        # ``U.N. Secretary-General``, ``Chinese President``: whose title it is
        if i >= 0 and i in self.actor_at:
            self.entities[span.kb_id_].states.add(self.actor_at[i])
        elif i >= 0 and doc[i].text in places:  # ``Solo Mayor Hadi``, Solo untagged here
            self.entities[span.kb_id_].states.add(places[doc[i].text])
        elif i >= 0 and doc[i].text in self.ext.demonyms:
            self.entities[span.kb_id_].states.add(self.ext.demonyms[doc[i].text])
        return [words]

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
        verbs = [root.head] if person and root.dep_ in _SUBJECTS else []
        verbs += [c for c in root.children if person and c.dep_ == "relcl"]
        for verb in verbs:
            if verb.lemma_ == "be":
                heads += [c for c in verb.children if c.dep_ == "attr" and c.i >= span.end]
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
            owner = start - 2 if self.doc[start - 1].tag_ == "POS" else start - 1
            if owner >= 0 and owner in self.actor_at and self.actor_at[owner] != span.kb_id_:
                self.entities[span.kb_id_].states.add(self.actor_at[owner])
        return out

    # -- the walk --------------------------------------------------------
    def run(self) -> list[Span]:
        self._collect()
        self._state_nouns()
        doc = self.doc
        lower = doc.to_array(LOWER)
        pron = np.isin(lower, self.ext._pronoun_hashes) & ~self.covered[: len(doc)]
        the = np.zeros(len(doc), dtype=bool)
        the[1:] = lower[:-1] == self.ext._the
        anaphors = set(np.flatnonzero(pron).tolist()) | set(np.flatnonzero(the).tolist())
        short = self.short
        orth = doc.to_array(ORTH)
        named = np.isin(orth, [doc.vocab.strings.add(w) for w in short]) & ~self.covered[: len(doc)]
        by_start = {s.start: s for s in self.actors}
        unnamed = self._unnamed_speakers()
        events = anaphors | set(by_start) | set(np.flatnonzero(named).tolist()) | unnamed
        states = {s.start: s.kb_id_ for s in self.out}  # ``the Kenyan government``
        for i in sorted(events | set(states)):
            span = by_start.get(i)
            if i in states:  # a state that speaks through its government is a mention of it
                self._mention(doc[i], states[i])
            elif span is not None:
                self._mention(span.root, span.kb_id_)
                if the[i] and span.label_ != "PERSON":
                    self._role_noun(span.end, owner=span.kb_id_, det=i - 1)
                elif span.label_ != "PERSON" and self._possessive(span.end):
                    # ``Solo's mayor``, ``China's foreign minister``: the one holding it there
                    self._role_noun(span.end + 1, owner=span.kb_id_, det=span.end + 1)
            elif named[i]:
                actor = short[doc[i].text]
                alone = not any(
                    0 <= j < len(doc) and doc[j].pos_ == "PROPN" for j in (i - 1, i + 1)
                )
                if doc[i].pos_ == "PROPN" and alone and actor in self.counts:
                    if self.entities[actor].label == "PERSON":
                        self._resolved(i, i + 1, actor)
                    elif self._possessive(i + 1):  # ``Solo's mayor``, Solo untagged here
                        self._role_noun(i + 2, owner=actor, det=i + 2)
            elif pron[i]:
                self._pronoun(doc[i])
            elif not self.covered[i]:
                if the[i]:
                    self._role_noun(i)
                if i in unnamed and not (self.out and self.out[-1].end > i):
                    self._unnamed(doc[i])
        self._names_cut_short()
        return sorted(self.out, key=lambda s: s.start)

    def _short_names(self) -> dict[str, str]:
        """Each word of a person's full name (``Nunes`` of ``Amanda Nunes``) that belongs to
        no other actor: an untagged later ``Nunes`` is that person; and the one-word name of
        a state or body, whose untagged possessive may own a role (``Solo's mayor``)."""
        names = (self.doc._.actors or {}) if self.doc.has_extension("actors") else {}
        owner: dict[str, str] = {}
        for actor, rec in names.items():
            words = rec["name"].split() if rec["label"] == "PERSON" else []
            if rec["label"] != "PERSON" and " " not in rec["name"]:
                words = [rec["name"], rec["name"]]  # a one-word place or body, for ``Solo's``
            for w in words if len(words) > 1 else []:
                if w[:1].isupper() and w.isalpha() and len(w) > 2:
                    owner[w] = actor if owner.get(w, actor) == actor else ""
        return {w: a for w, a in owner.items() if a}

    def _unnamed_speakers(self) -> set[int]:
        """``An owner of a printing press ... told VOA``, ``the business owner said``: a
        person who speaks unnamed; a ``he said`` after it is that person, not a named one."""
        doc = self.doc
        hashes = [doc.vocab.strings.add(w) for w in self.ext.person_nouns]
        hits = np.flatnonzero(np.isin(doc.to_array(LOWER), hashes) & ~self.covered[: len(doc)])
        return {
            i
            for i in hits.tolist()
            if doc[i].tag_ == "NN"
            and (
                (doc[i].dep_ in _SUBJECTS and doc[i].head.lemma_ in self.ext.speech_verbs)
                or _introduced(doc[i])
            )
            # ``A police spokesman, Benjamin Hundeyin, said``: named after all
            and not any(c.dep_ == "appos" and self.covered[c.i] for c in doc[i].children)
        }

    def _unnamed(self, tok: Token) -> None:
        actor = f"_unnamed:{tok.i}"
        gender = self.ext.gendered.get(tok.lower_, "")
        # ``A senior official said ... The official added``: the one so introduced
        role = tuple(self.ext._role_words([tok.lower_]))
        self.entities[actor] = _Entity("PERSON", gender, {role})
        self._mention(tok, actor)

    def _mention(self, root: Token, actor: str) -> None:
        quoted = bool(self.in_quote[root.i])
        tagged = self.tagged.get(root.i) == actor
        weight = 1.0 if tagged else _weight(root)
        self.history.append(_Mention(root.i, self.sent[root.i], actor, weight, quoted))
        self.counts[actor] = self.counts.get(actor, 0) + 1
        top = _phrase_top(root)
        if tagged:
            self.speaker = actor
        elif top.dep_ in _SUBJECTS and not quoted:
            # the current speaker holds until another person is the subject of a clause
            if top.head.lemma_ in self.ext.speech_verbs:
                self.speaker = actor
            elif actor != self.speaker and self.entities[actor].label == "PERSON":
                self.speaker = ""

    def _resolved(self, start: int, end: int, actor: str) -> None:
        if actor.startswith("_"):  # an unnamed person: the chain goes on, with no id
            self._mention(self.doc[end - 1], actor)
            return
        ent = self.entities[actor]
        self.out.append(Span(self.doc, start, end, label=ent.label, kb_id=actor))
        self._mention(self.doc[end - 1], actor)

    # -- pronouns ----------------------------------------------------------
    def _pronoun(self, tok: Token) -> None:
        gender = self.ext.pronouns[tok.lower_]
        speaking = tok.dep_ in _SUBJECTS and tok.head.lemma_ in self.ext.speech_verbs
        if gender == "n" and not (speaking or tok.lower_ == "its"):
            return  # ``it`` rarely stands for an actor unless it speaks
        window = 1 if gender == "n" else self.ext.max_sentences
        if tok.lower_ == "its":  # ``NASA tweeted via its account``: the subject of its clause
            window = 0
        excluded = self._bound(tok)
        if gender in ("m", "f") and tok.i in self.quoted_by:
            excluded.add(self.quoted_by[tok.i])  # the speaker says "I", not "he"
        if speaking and gender in ("m", "f"):
            # ``"... affecting Mr. Berisha," he said``: not one the quotation names
            for j in range(tok.i - 3, tok.i + 4):
                excluded |= self.named_in.get(j, set())
        scores = self._salience(tok.i, window, excluded, speaking, gender)
        if tok.lower_ == "its":
            subjects = self._clause_subjects(tok)
            scores = {a: v for a, v in scores.items() if a in subjects}
        elif gender in ("m", "f") and _reflexive(tok):
            # ``Bernoulli plagiarized Daniel's ideas in his own book``, ``he saw himself``: the
            # subject of its clause, when one agrees
            subjects = self._clause_subjects(tok)
            bound = {a: v for a, v in scores.items() if a in subjects}
            scores = bound or scores
        if not scores:
            return
        # ties go to the most recent (dicts keep the order of insertion: most recent first)
        actor = max(scores, key=scores.__getitem__)
        if speaking and self.speaker in scores:
            actor = self.speaker  # ``"...," he told VOA``: the run of quotes goes on
        ent = self.entities[actor]
        if gender != "n" and not ent.gender:
            ent.gender = gender
        self._resolved(tok.i, tok.i + 1, actor)

    def _clause_subjects(self, tok: Token) -> set[str]:
        """Actors mentioned as a subject in the clause of ``tok``, before it."""
        clause = _clause(tok)
        out = set()
        for m in reversed(self.history):
            if m.i < clause.start:
                break
            if m.weight == 1.0 and m.i in clause:
                out.add(m.actor)
        return out

    def _salience(
        self, i: int, window: int, excluded: set[str], speaking: bool, gender: str
    ) -> dict[str, float]:
        """Actors of agreeing ``gender`` (``n``: states and organisations, ``o``:
        organisations) mentioned in the last ``window`` sentences, by salience."""
        quoted = self.in_quote[i]
        scores: dict[str, float] = {}
        # a state or organisation counts once a sentence, by its best mention: a state named
        # again and again as a place (``in north and east Syria ... Syria's territory``) is
        # not the one that speaks; a person's further mentions add ``REPEAT`` of theirs
        best: dict[tuple[str, int], float] = {}
        repeat = 0.0 if gender in ("n", "o") else REPEAT
        for m in reversed(self.history):
            gap = self.sent[i] - m.sent
            if gap > window:
                break
            if m.actor in excluded:
                continue
            ent = self.entities[m.actor]
            if not _agrees(ent, gender):
                continue
            weight = (QUOTED if m.quoted and not quoted else m.weight) * DECAY**gap
            key = (m.actor, m.sent)
            low, high = sorted((weight, best.get(key, 0.0)))
            scores[m.actor] = scores.get(m.actor, 0.0) + high - best.get(key, 0.0) + repeat * low
            best[key] = high
        for actor in scores:
            scores[actor] += TOPIC * self.counts.get(actor, 0)
        if speaking and self.speaker in scores:
            scores[self.speaker] += SPEAKER
        return scores

    def _bound(self, tok: Token) -> set[str]:
        """Actors a non-reflexive object pronoun cannot be: the subject of its own verb
        (``Kim met Putin and thanked him``, ``Kim wrote to Xi thanking him``)."""
        if tok.dep_ not in _OBJECTS or tok.lower_.endswith("self"):
            return set()
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        # ``Kim ... thanking him``, ``Kim wrote a letter to Xi congratulating him``: a verb
        # with no subject of its own has the subject of the clause it hangs from
        for _ in range(4):
            if any(c.dep_ in _SUBJECTS for c in verb.children) or verb.dep_ not in _CLIMB:
                break
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
        if verb.tag_ == "VBG" and verb.dep_ in (*_CLIMB, "ccomp"):
            # a participle's parsed subject is often a noun of the clause above (``Kim made
            # the comments ... congratulating him``): the clause above binds too
            subjects += [c for c in verb.head.children if c.dep_ in _SUBJECTS]
        return {m.actor for m in self.history for s in subjects if s.left_edge.i <= m.i <= s.i}

    # -- role nouns and titles -------------------------------------------------
    def _role_noun(self, i: int, owner: str = "", det: int = -1) -> None:
        """``the prime minister``: the one actor holding that role; ``the company``: the one
        organisation of that type; ``the U.N. chief`` (``owner``, the actor before the noun,
        with the ``the`` at ``det``): the one holding it there."""
        doc, first = self.doc, i
        # ``the 45-year-old``, ``the 66-year-old leader``
        age = doc[i : i + 5].text.endswith("-year-old") and doc[i].like_num
        end = _role_end(doc, i + 5, self.covered) if age else _role_end(doc, i, self.covered)
        head = self.ext._role_words([doc[end - 1].lower_])[-1] if end > i else ""
        if age and end == i + 5:
            head = "year-old"
        elif age:
            i += 5
        if end == i or not (age or head in self.heads or head in self.ext.person_nouns):
            return
        if (end < len(doc) and doc[end].pos_ == "PROPN") or doc[end - 1].tag_ in ("NNS", "NNPS"):
            return  # ``the minister Abbas ...`` is a title; ``the ministers`` are many
        if any(k in self.done for k in range(i, end)):
            return  # ``the Kenyan government``: the state already
        words = tuple(self.ext._role_words(doc[i:end].text.lower().split()))
        state = owner or (self.ext.demonyms.get(doc[i].text) if end - i > 1 else None)
        seen = self._seen(i)
        if state and not owner:  # ``the Israeli leader``: a leader affiliated with Israel
            words = words[1:]
        if words == ("leader",) or (state and words in (("chief",), ("head",))):
            words = ()  # the one leading (it), whatever the title
        holders = [
            actor
            for actor, ent in self.entities.items()
            if actor in seen
            and (not state or state in ent.states)
            and any(
                _same_role(words, r, self.ext) if words else r in self.ext.leaders
                for r in ent.roles
            )
        ]
        if words[-1:] in self.ext.generic_orgs:
            # ``the group``, ``the organization``: the organisation in focus, when one is
            # well ahead of the next (``Data from Dog Meat Free Indonesia ... according to
            # the organization``, not the World Health Organization two sentences up); else
            # the one named so (``the company`` for ``Acme Inc.``); two so named: unresolved
            scores = self._salience(i, self.ext.max_sentences, set(), False, "o")
            ranked = [*sorted(scores.values(), reverse=True), 0.0, 0.0]
            if len(holders) < 2 and ranked[0] > FOCUS * ranked[1]:
                holders = [max(scores, key=scores.__getitem__)]
        if not holders and not state and head not in self.ext.role_heads:
            holders = self._described(end - 1, head)
        if len(holders) == 1 and not self._said_of(doc[end - 1], holders[0]):
            self._resolved(det if det >= 0 else first - 1, end, holders[0])

    def _said_of(self, tok: Token, actor: str) -> bool:
        """``Xi Jinping, China's president,``, ``Miller is the spokesperson``: the role noun
        is the name's own apposition or predicate, no second mention."""
        if tok.dep_ == "appos":
            return self.actor_tok.get(_phrase_top(tok).i) == actor
        subjects = [c for c in tok.head.children if c.dep_ in _SUBJECTS]
        if tok.head.dep_ == "relcl":  # ``Mahama, who is the president``
            subjects.append(tok.head.head)
        return tok.dep_ == "attr" and any(self.actor_tok.get(c.i) == actor for c in subjects)

    def _described(self, i: int, head: str) -> list[str]:
        """``"We have nothing left," the mother of three said``: a person described, not
        titled nor introduced unnamed, who speaks is the current speaker, else the person in
        focus since the sentence before."""
        tok = self.doc[i]
        if tok.dep_ not in _SUBJECTS or tok.head.lemma_ not in self.ext.speech_verbs:
            return []
        gender = self.ext.gendered.get(head, "")
        scores: dict[str, float] = {}
        for g in [gender] if gender else ["m", "f"]:
            scores.update(self._salience(i, 1, set(), True, g))
        people = {a: v for a, v in scores.items() if self.entities[a].label == "PERSON"}
        if self.speaker in people:
            return [self.speaker]
        return [max(people, key=people.__getitem__)] if people else []

    def _possessive(self, i: int) -> bool:
        return i + 1 < len(self.doc) and self.doc[i].tag_ == "POS" and not self.covered[i + 1]

    def _seen(self, i: int) -> set[str]:
        return {m.actor for m in self.history if m.i < i}

    def _names_cut_short(self) -> None:
        """``Ursula von der Leyen`` tagged as ``Ursula von der``: the proper noun the name
        is a compound of is part of that person."""
        for span in self.actors:
            root = span.root
            nxt = root.head
            if (
                span.label_ == "PERSON"
                and root.dep_ == "compound"
                and nxt.i == span.end
                and nxt.pos_ == "PROPN"
                and not self.covered[nxt.i]
            ):
                self.out.append(Span(self.doc, nxt.i, nxt.i + 1, "PERSON", kb_id=span.kb_id_))

    def _state_nouns(self) -> None:
        """``The C.A.R. military says``, ``Kenya's government``, ``Somali authorities``: a
        state's government, forces or authorities speak for the state."""
        doc = self.doc
        state_end = {s.end: s.kb_id_ for s in self.actors if s.label_ == "STATE"}
        hashes = [doc.vocab.strings.add(w) for w in self.ext.state_nouns]
        hits = np.isin(doc.to_array(LOWER), hashes) & ~self.covered[: len(doc)]
        for i in np.flatnonzero(hits).tolist():
            tok = doc[i]
            j = i - 1
            if j >= 0 and doc[j].tag_ == "POS":
                j -= 1
            state = state_end.get(j + 1) or self.ext.demonyms.get(doc[j].text if j >= 0 else "")
            if state and state in self.entities:
                self.entities[state].roles.add((tok.lower_,))
                self.out.append(Span(doc, tok.i, tok.i + 1, "STATE", kb_id=state))
                self.done.add(tok.i)


def _clause(tok: Token) -> range:
    """Token positions of the clause ``tok`` is in: its verb's subtree."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:  # a root: its own head
        verb = verb.head
    return range(verb.left_edge.i, verb.right_edge.i + 1)


def _introduced(tok: Token) -> bool:
    """``VOA spoke to a resident of Goma``: a person brought in unnamed, not a role said of
    someone (``Smith is a teacher``, ``worked as a nurse``)."""
    det = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)
    role = tok.dep_ in ("attr", "appos", "oprd") or tok.head.lower_ == "as"
    return det and not role


def _reflexive(tok: Token) -> bool:
    """``himself``, ``his own``: bound by the subject of its own clause."""
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    return tok.lower_.endswith("self") or (nxt is not None and nxt.lower_ == "own")


def _agrees(ent: _Entity, gender: str) -> bool:
    """``n``: a state or organisation; ``o``: an organisation; ``m``/``f``: a person of that
    or unknown gender, or an organisation with a person's first name (a misread name)."""
    if gender == "n":
        return ent.label != "PERSON" and not ent.gender
    if gender == "o":
        return ent.label == "ORG" and not ent.gender
    if ent.label == "PERSON":
        return ent.gender in ("", gender)
    return ent.label == "ORG" and ent.gender == gender


def _role_word(tok: Token) -> bool:
    return tok.is_alpha and tok.pos_ in ("NOUN", "PROPN", "ADJ")


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
    """``the minister`` fits a ``defence minister``; ``the prime minister`` does not, but
    ``the rookie defenceman`` fits a ``defenceman``."""
    if not role or mention[-1] != role[-1]:
        return False
    if role[-len(mention) :] == mention:
        return True
    if mention[-len(role) :] != role:
        return False
    extra = mention[: len(mention) - len(role)]
    return not any(tuple([*extra[k:], *role]) in ext.role_nouns for k in range(len(extra)))


def _phrase_top(tok: Token) -> Token:
    """The head of the phrase a name sits in: ``Tom`` in ``Mary and her husband Tom`` ->
    ``Mary``."""
    while tok.dep_ in _PHRASE_DEPS and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _weight(tok: Token) -> float:
    dep = _phrase_top(tok).dep_
    if dep in _SUBJECTS:
        return 1.0
    if dep in ("dobj", "dative"):
        return 0.6
    return 0.5


@functools.cache
def _detector():
    import gender_guesser.detector as gender_guesser

    return gender_guesser.Detector(case_sensitive=False)


@functools.cache
def first_name_gender(name: str) -> str:
    """``m``/``f`` for a first name the offline list is sure of, else ``""``."""
    if not name[:1].isupper() or not name.isalpha():
        return ""
    return {"male": "m", "female": "f"}.get(_detector().get_gender(name), "")


@Language.factory(
    "actor_coref",
    default_config={"actors_key": "actors", "max_sentences": 8, "first_names": True},
    requires=["doc.spans", "token.dep"],
    assigns=["doc.spans"],
)
def make_actor_coref(
    nlp: Language, name: str, actors_key: str, max_sentences: int, first_names: bool
) -> ActorCoref:
    return ActorCoref(
        nlp, name, actors_key=actors_key, max_sentences=max_sentences, first_names=first_names
    )
