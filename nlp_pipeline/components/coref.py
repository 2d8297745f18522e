"""Actor coreference: which named actor a pronoun, role noun or title stands for.

The ``actor_coref`` component runs after ``actor_tagger`` and reads its mentions
(``doc.spans["actors"]``, ``doc._.affiliations``). It walks the document once, keeping the
actors mentioned so far with a salience (subject before object, fading by sentence, the
current speaker of a run of quotes), and resolves

- ``he``/``him``/``his``/``she``/``her`` to the most salient person of the same gender
  (gender from titles and kinship nouns, first names, then the pronouns already resolved
  to that person); a state or organisation is never ``he``/``she``, nor is the speaker of
  a quotation (named, or a he or she resolved before) a ``he`` inside it, nor a name in a
  phrase opening the sentence with no subject of its own the subject pronoun after it
  (``Placed in the care of Dr. Bailey, he``); a person named as someone's relative (``his
  daughter Rulan Chao Pian``) whom the tagger linked to one named before is someone else;
- the subject of a reported clause to the one reporting (``Smith said he would resign``,
  ``North Korea stated it would attack``, ``Google said they would fix it``);
- ``it said`` to the most salient state or organisation; a subject ``it``/``they`` to
  the state or organisation it goes on with: the subject of the clause above it
  (``Beijing hinted that it could retaliate``), for ``they`` of a clause opening its
  sentence (``If the Taliban are sincere, they must stop``), or, opening its sentence, of
  the sentence before; ``its``/``their``/``itself`` to the subject of its own clause
  (``NASA tweeted its support``), of the clause it is reported in (``Mogadishu argues its
  border``) or, in a gerund after an object, to the object (``praised ECOWAS for
  activating its force``). ``it`` is a state or a singular organisation, ``they`` and
  ``their`` a plural one (by the verbs it agrees with: ``the Taliban have``); none where
  a thing of its number or another actor is named between them, an event (``If the
  Senate passes it, it means``) or a pleonastic ``it``; other ``it``/``they`` stay
  unresolved;
- ``the minister``, ``the rookie defenceman``, ``the Israeli leader``, ``Solo's mayor``,
  ``the company`` to the one actor that holds that role or type in the document (from
  titles before a name, appositions (a person's only with a person's noun as head),
  affiliations, the last word of an organisation's name, or its head noun with the
  description's modifiers: ``the court``; ``the minister of defence`` is also the
  ``defence minister``); two people (or two bodies of one type) holding it: the one twice
  as much in focus, else unresolved (``the chief justice`` is no ``justice``, ``the court`` no
  person, ``the state`` no organisation); ``the group``/``the organization`` to the
  organisation well ahead in salience, else to the one so typed; ``the country`` to the
  state well ahead in focus, and ``the government`` too, where a demonym earlier in its
  sentence counts for the state it names (``support for Chinese claims ..., where the
  government contests``); ``the NATO military alliance`` to the organisation named in it;
- ``the boy``, ``the old man``, ``the 34-year-old`` (sex or age alone), and as a clause's
  subject ``the billionaire businessman`` (a person's noun that is no post) or ``the Arizona
  Republican`` (a party's member) to the person well ahead in focus who agrees, not one the
  description's own clause binds;
- ``his firm``, ``her party`` to the one organisation of that kind the story affiliates
  the person with;
- ``his father``, ``her brother`` to the one relative of the person ``his``/``her`` is that
  the story states (``his brother, George Whitman,``, ``Daniel was a son of Johann``,
  ``born to Gerald and Sherri Padalecki``), with the converse (a son's father);
- ``the Kenyan government``, ``the government of Pakistan``, ``the Trump administration``
  to the state, ``The China Newsweek magazine`` to the outlet (one actor named on the body);
- an untagged ``Nunes`` after ``Amanda Nunes`` to that person, and the last word of a name
  the tagger cut short (``Ursula von der`` ``Leyen``).

Results go to ``doc.spans["coref"]`` (label and ``kb_id_`` = the actor's), which the quote
and relation extractors read; anything unsure stays unresolved.

The walk is split by concept: ``coref_mentions`` (the actors mentioned so far and their
salience), ``coref_speakers`` (the speaker of each quotation, people who speak unnamed),
``coref_pronouns`` (pronoun agreement and binding, first-name genders), ``coref_roles``
(titles and appositions, role nouns to their one holder, a state's government) and
``coref_kin`` (who is whose relative, and ``his father`` to that one); this
module holds the component, its data and the walk's order. The word lists are
``data/coref.json``, saved with the pipeline.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from .coref_kin import Kin
from .coref_mentions import Entity, phrase_top
from .coref_pronouns import Pronouns, agreement
from .coref_roles import Roles
from .evidence import TITLES, first_name_gender
from .util import DataComponent, hash_table, isin, read_data, role_head

SPANS_KEY = "coref"
DATA_FILE = "coref.json"
ROLES_FILE = "roles.json"
COUNTRIES_FILE = "countries.json"


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
        """The word lists and role nouns in ``path``; the role nouns, gendered titles and
        demonyms of the tagger's files are copied in (a saved pipeline holds them in its own
        file)."""
        data = read_data(path, [DATA_FILE])[DATA_FILE]
        if "roles" not in data:
            roles = json.loads((path / ROLES_FILE).read_text(encoding="utf-8"))
            data["roles"] = roles["roles"]
            data["gender_titles"] = roles["gender_titles"]
            # nameparser's titles a description may end in (``the novelist``, ``the rabbi``)
            titles = {t for t in TITLES if t.isalpha()} - set(roles["not_titles"])
            data["titles"] = sorted(titles)
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
        self.anonymity_cues = set(data["anonymity_cues"])
        self.pleonastic_verbs = set(data["pleonastic_verbs"])
        self.kinship = set(data["kinship_nouns"]) & set(self.gendered)
        self.kin_converse: dict[str, list[str]] = data["kin_converse"]
        self.parent_nouns = {self.gendered[w]: w for w in data["parent_nouns"]}
        heads = {role_head(r.split()) for r in data["roles"]}  # ``secretary of state``: not state
        self.person_nouns = heads | set(data["person_nouns"])
        self.people_nouns = set(data["people_nouns"])
        self.person_nouns |= set(self.gendered) | set(self.synonyms) | self.people_nouns
        self.title_nouns = set(data.get("titles", ()))
        self.state_nouns = set(data["state_nouns"])
        self.led_nouns = set(data["led_nouns"])
        self.outlet_nouns = set(data["outlet_nouns"])
        self.state_types = set(data["state_types"])
        self.not_types = self.state_types | self.state_nouns | {"state"}
        self.aliases = {tuple(k.split()): v for k, v in data["role_aliases"].items()}
        self.generic_orgs = {(w,) for w in data["generic_orgs"]}
        self.business_types = set(data["business_types"])
        self.leaders = {tuple(r.split()) for r in data["leaders"]}
        self.any_leader = {(w,) for w in data["any_leader"]}
        self.owner_heads = {(w,) for w in data["owner_heads"]}
        self.past_words = set(data["past_words"])
        self.ranks = set(data["ranks"])
        self.abbreviations: dict[str, str] = data["title_abbreviations"]
        self.demonyms: dict[str, str] = data["demonyms"]
        self.role_nouns = {tuple(self.role_words(r.split())) for r in data["roles"]}
        self.post_heads = {role_head(r) for r in self.role_nouns}  # ``chief``, ``minister``
        self.role_heads = self.post_heads | set(self.org_types)
        self.posts = self.role_heads - self.ranks  # a person's posts: no rank, no garbled title
        strings = self.vocab.strings
        self._pronoun_hashes = hash_table(strings, self.pronouns)
        self._person_noun_hashes = hash_table(strings, self.person_nouns)
        self._body_noun_hashes = hash_table(strings, self.state_nouns | self.outlet_nouns)
        self._the = strings.add("the")

    def role_words(self, words: list[str]) -> list[str]:
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


class _DocCoref(Roles, Pronouns, Kin):
    """One document's walk: what it says about each actor, then each mention in order."""

    def __init__(self, doc: Doc, ext: ActorCoref) -> None:
        super().__init__(doc, ext)
        self._read_quotations()

    def _collect(self) -> None:
        """What the document says about each actor: roles, states, gender, label."""
        names = self.doc._.actors or {}
        self.short = self._short_names()
        self.places = {w: a for w, a in self.short.items() if names[a]["label"] != "PERSON"}
        glued: dict[str, bool] = {}  # a one-word "person" always right after an organisation
        label = {s.kb_id_: s.label_ for s in self.actors}
        for span in self.actors:
            org = label.get(self.actor_at.get(span.start - 1, "")) == "ORG"
            glued[span.kb_id_] = glued.get(span.kb_id_, True) and len(span) == 1 and org
        for span in self.actors:
            kin = self._kinship(span)
            if kin and span.kb_id_ in self.entities:
                # ``Chao ... His first daughter Rulan Chao Pian``: a relative the tagger linked
                # to one named before (a shared surname) is someone else, of the kin's gender
                self.relatives[span.start] = f"_kin:{span.start}"
                self.entities[f"_kin:{span.start}"] = Entity("PERSON", self.ext.gendered[kin])
                continue
            ent = self.entities.setdefault(span.kb_id_, Entity(span.label_))
            words = self._title_before(span) + self._apposition(span)
            for w in words:
                if self._may_hold(span.label_, w):
                    ent.roles.add(tuple(self.ext.role_words(w)))
            if span.label_ == "PERSON":
                before = self.doc[span.start - 1].lower_ if span.start else ""
                for w in [before, *(x for ws in words for x in ws)]:
                    g = self.ext.titles.get(w) or self.ext.gendered.get(w)
                    if g and not ent.gender:
                        ent.gender = g
            elif span.label_ == "ORG":
                # its last word or its head: ``Acme Inc.``, ``International Court of Justice``
                root = span.root
                words = {self.doc[span.end - 1].text, root.text}
                for noun, heads in self.ext.org_types.items():
                    if words & heads:
                        ent.roles.add((noun,))
                # ``the society`` for the ``Linguistic Society of America``: a name's head
                # noun is its type (not ``the state`` for ``Islamic State``)
                if len(span) > 1 and root.is_title and root.lower_ not in self.ext.not_types:
                    self.types.setdefault(root.lower_, set()).add(span.kb_id_)
        votes: dict[str, Counter] = {}  # an organisation's number, by the verbs it agrees with
        for span in self.actors:
            if span.label_ == "ORG":
                shown = agreement(span.root) if phrase_top(span.root) == span.root else ""
                votes.setdefault(span.kb_id_, Counter())[shown] += 1
        for actor, vote in votes.items():
            if vote["p"] != vote["s"]:
                self.entities[actor].number = "p" if vote["p"] > vote["s"] else "s"
        for aff in self.doc._.affiliations or []:
            ent = self.entities.get(aff["source_id"])
            if ent is not None:
                ent.states.add(aff["target_id"])
            if ent is not None and aff["role"]:
                ent.roles.add(tuple(self.ext.role_words(aff["role"].split())))
        aliases = self.ext.aliases
        for ent in self.entities.values():  # a foreign minister is also the top diplomat
            also = [a for r in ent.roles for a in aliases.get(r) or aliases.get(r[-1:], ())]
            ent.roles |= {tuple(a.split()) for a in also}
        for actor, ent in self.entities.items():
            if ent.label == "PERSON" and glued.get(actor):
                ent.label = "ORG"  # ``IS Sahel``: the rest of the organisation's name
        # role nouns of the language, and those this document gives its actors (defenceman)
        roles = {r for e in self.entities.values() for r in e.roles if r}
        self.heads = self.ext.role_heads | {role_head(r) for r in roles}
        self.heads |= set(self.types)
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

    def run(self) -> list[Span]:
        """Each mention, pronoun and role noun in document order; the resolved spans."""
        self._collect()
        self._body_nouns()
        doc = self.doc
        lower = self.lower
        pron = isin(lower, self.ext._pronoun_hashes) & ~self.covered[: len(doc)]
        the = np.zeros(len(doc), dtype=bool)
        the[1:] = lower[:-1] == self.ext._the
        anaphors = set(np.flatnonzero(pron).tolist()) | set(np.flatnonzero(the).tolist())
        short = self.short
        orth = doc.to_array(ORTH)
        named = isin(orth, hash_table(doc.vocab.strings, short)) & ~self.covered[: len(doc)]
        by_start = {s.start: s for s in self.actors}
        unnamed = self._unnamed_speakers()
        events = anaphors | set(by_start) | set(np.flatnonzero(named).tolist()) | unnamed
        states = {s.start: s.kb_id_ for s in self.out}  # ``the Kenyan government``
        for i in sorted(events | set(states)):
            span = by_start.get(i)
            if i in states:  # a state that speaks through its government is a mention of it
                self._mention(doc[i], states[i])
            elif span is not None and span.start in self.relatives:
                self._mention(span.root, self.relatives[span.start])
            elif span is not None:
                self._mention(span.root, span.kb_id_)
                if span.label_ == "PERSON":
                    self._kin_said(span)
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
                if i in self.pronoun_actor and doc[i].tag_ == "PRP$":  # ``his father``
                    self._relative(self.pronoun_actor[i], doc[i], i)
                    self._body_of(self.pronoun_actor[i], doc[i])  # ``her party``
            elif not self.covered[i]:
                if the[i]:
                    self._role_noun(i)
                if i in unnamed and not any(s.start <= i < s.end for s in self.out):
                    self._unnamed(doc[i])
        return sorted(self.out, key=lambda s: s.start)

    def _kinship(self, span: Span) -> str:
        """The kinship noun a person's name is given with as someone's relative (``her
        father Mohammed Hadid``, ``his first daughter Rulan Chao Pian``), else ``""``."""
        if span.label_ != "PERSON":
            return ""
        # a noun compounded into the name, or the one the name is in apposition to
        doc, kin = self.doc, self.ext.kinship
        near = [doc[i] for i in range(max(0, span.start - 3), span.start) if doc[i].lower_ in kin]
        near = [t for t in near if span.start <= t.head.i < span.end]
        if span.root.dep_ in ("appos", "compound") and span.root.head.lower_ in kin:
            near.append(span.root.head)
        for tok in near:
            if any(c.dep_ == "poss" for c in tok.children):
                return tok.lower_
        return ""


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
