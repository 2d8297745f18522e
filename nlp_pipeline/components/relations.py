"""Relations between actors: affiliated_with, acts_on, quotes and co_occurs.

Reads what earlier components left on the Doc (``doc.spans["actors"]``, ``doc.spans["coref"]``,
``doc._.affiliations``, ``doc._.quotes``) and the dependency parse; writes
``doc._.relations``, a list of plain dicts (the ``relations`` table minus ``doc_id`` and
``date``), and adds the first persons of quotes it resolves to ``doc.spans["coref"]``.
Every row keeps the character span of its evidence. Relations are only read inside one
clause: the verb's own subject and objects, never a neighbouring clause's.
Each ``acts_on`` row gets a PLOVER ``event_type`` (and from it a ``polarity``) from the
lexicon ``data/plover_events.json``, and a ``modality`` that says whether the text states
it as fact: users of event data filter on it.

The reading is split by concept: ``relation_args`` (mentions and who acts on whom through
the parse), ``relation_ends`` (ends named by description), ``events`` (the event lexicon:
type, modality, negation), ``relation_links`` (affiliations, posts, allies and lawyers) and
``relation_acts`` (``acts_on``); this module holds the component, its data and the rows.
The word lists are ``data/plover_events.json`` and ``data/relations.json``, saved with the
pipeline.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from .cleaning import in_ranges
from .coref import SPANS_KEY as COREF_KEY
from .gazetteer import Gazetteer, SharedGazetteer, pipeline_gazetteer
from .relation_acts import Acts
from .util import DataComponent, hash_table

MODALITIES = ("asserted", "negated", "hedged", "future", "reported")
LEXICON_FILE = "plover_events.json"
WORDS_FILE = "relations.json"


class RelationExtractor(DataComponent):
    """Turn actor mentions and the parse into relation rows."""

    data_files = (LEXICON_FILE, WORDS_FILE)

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
        self.words = files[WORDS_FILE]
        self._index()

    def _index(self) -> None:
        self._index_words()
        self._index_lexicon()

    def _index_words(self) -> None:
        """Lookups from ``relations.json``: which words name the ends of a relation."""
        rel = self.words
        self.plural_heads = rel["plural_heads"]["heads"]
        self.plural_dets = set(rel["plural_heads"]["determiners"])
        self.plural_window = rel["plural_heads"]["window"]
        self.plural_counts = rel["plural_heads"].get("counts", {})
        self.singular_heads = rel["singular_heads"].get("heads", {})
        self.singular_window = rel["singular_heads"].get("window", 0)
        self.owned_heads = rel["owned_heads"].get("heads", {})
        self.owned_not_named = set(rel["owned_heads"].get("not_named", []))
        sides = rel["side_heads"]
        self.side_heads, self.side_types, self.side_kinds = (
            set(sides.get(k, [])) for k in ("heads", "types", "kinds")
        )
        self.member_heads = set(rel["member_heads"]["heads"])
        self.group_kinds = set(rel["member_heads"]["group_kinds"])
        self.clause_pronouns = set(rel["clause_pronouns"]["words"])
        self.we = set(rel["we"]["words"])
        self.i = set(rel["we"]["singular"])
        self.outlets = set(rel["outlets"].get("ids", []))
        self.outlet_nouns = set(rel["outlets"].get("nouns", []))
        self.outlet_names = set(rel["outlets"].get("names", []))
        self.outlet_whole_names = set(rel["outlets"].get("whole_names", []))
        self.envoys = set(rel["envoys"]["nouns"])
        self.envoy_sanctions = set(rel["envoys"]["sanctions"])
        self.topic_roles = set(rel["topic_roles"]["roles"])
        self.topic_acts = set(rel["topic_acts"]["types"])
        self.object_control = set(rel["object_control"]["verbs"])
        self.siding = set(rel["siding"]["verbs"])
        bodies = rel["bodies_of"]
        self.bodies_of, self.body_preps = (set(bodies.get(k, [])) for k in ("nouns", "preps"))
        offices = rel.get("office_holders", {})
        self.offices, self.office_preps = (set(offices.get(k, [])) for k in ("nouns", "preps"))

    def _index_lexicon(self) -> None:
        """Lookups from the event lexicon: types, polarity, modality cues and word classes."""
        lex = self.lexicon
        self.type_of = {w: t for t, words in lex["event_types"].items() for w in words}
        self.polarity_of_type = {t: p for p, types in lex["polarity"].items() for t in types}
        # (a section missing from a saved lexicon is the package's: DataComponent fills it;
        # a key added to a section since is read with a default)
        self.relational = lex["relational_nouns"].get("nouns", {})
        self.transparent = set(lex["transparent_nouns"].get("nouns", []))
        self.abstract = tuple(lex["abstract_suffixes"].get("suffixes", []))
        buying = lex["buying"]
        self.buying = set(buying.get("verbs", [])) | set(buying.get("nouns", []))
        self.flows = set(buying.get("flows", []))
        self.event_nouns = (
            set(self.type_of)
            | set(lex["untyped_events"])
            | set(self.relational)
            | set(buying.get("nouns", []))
        )
        self.light = set(lex["light_verbs"])
        self.negated_as = {w: t for t, words in lex["negated_as"].items() for w in words}
        self.complement_heads = {
            w: t for t, words in lex["complement_heads"].items() for w in words
        }
        self.symmetric = set(lex["symmetric"])
        self.skip = set(lex["not_acts_on"])
        # the verbs of its idioms (`hit trail`): only their phrases need reading
        self.idiom_heads = {w.split()[0] for w in self.skip if " " in w}
        self.state_bodies = set(lex["state_bodies"])
        self.place_objects = set(lex["place_objects"]["verbs"])
        self.demands = set(lex["demands"])
        self.membership = lex["membership"]["verbs"]
        self.membership_preps = {v: set(p) for v, p in lex["membership"]["preps"].items()}
        # (a request's addressee does what is asked: `implored Kenya to act`)
        requests = {w for w, t in self.type_of.items() if t == "REQUEST" and " " not in w}
        self.causative = self.object_control | set(lex["causative"]["verbs"]) | requests
        self.toward_roles = set(lex["toward_roles"]["roles"])
        self.posted_roles = set(lex["toward_roles"].get("posted", []))
        self.static = set(lex["static_verbs"]["verbs"])
        standing = lex["standing_relations"]
        self.standing = set(standing.get("nouns", []))
        self.holding = set(standing.get("verbs", []))
        self.untyped_polarity = {
            w: p for p, words in lex["untyped_polarity"].items() if p != "_why" for w in words
        }
        turning, power = lex["turning"], lex["power_over"]
        self.turning = set(turning.get("phrases", []))
        self.turning_polarity = turning.get("polarity", "")
        # `Ankara's shift toward Moscow`, `Ankara's trump card over Washington`: noun ->
        # (the prepositions naming the other, the row's polarity)
        self.toward = {
            n: (set(turning.get("preps", [])), self.turning_polarity)
            for n in turning.get("nouns", [])
        }
        hold = (set(power.get("preps", [])), power.get("polarity", ""))
        self.toward.update((n, hold) for n in power.get("nouns", []))
        strings = self.vocab.strings
        self.hashes = {
            name: hash_table(strings, words)
            for name, words in (
                ("state_bodies", self.state_bodies),
                ("event_nouns", self.event_nouns),
                (
                    "descriptions",
                    {*self.plural_heads, *self.singular_heads, *self.member_heads}
                    | set(self.owned_heads)
                    | self.side_heads
                    | self.clause_pronouns,
                ),
                ("first_persons", self.i | self.we),
                ("toward", set(self.toward)),
            )
        }
        self.cues = {k: set(v) for k, v in lex["modality"].items()}
        # (cues added after issue 14's first round: a lexicon saved before them still loads)
        added = ("hedged_marks", "hedged_modifiers", "future_modifiers", "negating_heads")
        for key in (*added, "unfolding_verbs"):
            self.cues.setdefault(key, set())
        reversing = lex["reversing"]
        self.reversing = set(reversing.get("verbs", []))
        self.reversed_type = reversing.get("types", {})
        self.ending = set(reversing.get("nouns", []))
        self.settled = reversing.get("untyped_conflict", "")
        completed = reversing.get("completed", {})
        self.completing = set(completed.get("verbs", []))
        self.occasions = set(completed.get("nouns", []))
        leaving = lex["leaving"]
        self.leaving = {verb: leaving["type"] for verb in leaving.get("verbs", [])}
        self.receiving = set(lex["receiving"].get("verbs", []))
        self.sending = set(lex["sending"].get("verbs", []))
        self.said_things = set(lex["sending"].get("words", []))
        self.resisting = set(lex["receiving"].get("resisting", []))
        self.moving_types = set(lex["moving"].get("types", []))
        self.stances = lex["stances"].get("adjectives", {})
        self.judging = set(lex["judging"].get("verbs", []))
        self.judging_type = lex["judging"].get("type", "")
        self.judging_names = {
            w: t for t, words in lex["judging"].get("names", {}).items() for w in words
        }
        # words whose reading gives their section's one type (`attacked Cruz` in words,
        # `fired Comey`, `called Xi`)
        self.verbal, self.dismissing, self.calling = (
            {word: lex[name]["type"] for word in lex[name].get(key, [])}
            for name, key in (
                ("verbal_acts", "words"),
                ("dismissing", "verbs"),
                ("calling", "verbs"),
            )
        )
        self.verbal_bodies = set(lex["verbal_acts"].get("bodies", []))
        self.competing = set(lex["competing"].get("verbs", []))
        self.contests = set(lex["competing"].get("contests", []))
        self.rivaling = set(lex["competing"].get("rivals", []))
        self.blows = set(lex["competing"].get("blows", []))
        self.noun_senses = set(lex["noun_senses"].get("words", []))
        # unions read once per verb or noun, built here rather than on each read
        self.doings = self.event_nouns | self.skip
        self.owning = self.light | self.cues["reported_heads"]
        self.doing = self.light | set(self.membership)
        self.carrying = self.light | self.reversing
        # (nouns an end may be named on)
        self.bodies = self.state_bodies | self.bodies_of | self.offices
        # nouns naming people or groups, never a thing done (`allies that back Y`)
        self.people_nouns = (
            self.bodies
            | self.member_heads
            | set(self.plural_heads)
            | set(self.singular_heads)
            | self.side_heads
            | set(self.owned_heads)
            | set(self.relational)
        )

    # -- extraction ------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        ctx = _Context(doc, self)
        ctx.affiliations()
        # (a speaker's `we` is known once the speaker's posts are: coreference runs before
        # the quotes and their speakers, and reads no affiliations of this extractor's)
        # (rewritten only when it changes: new first persons, or an earlier run's dropped)
        first = ctx.first_persons()
        if first or len(ctx.coref) != len(doc.spans.get(COREF_KEY, [])):
            doc.spans[COREF_KEY] = sorted(ctx.coref + first, key=lambda s: s.start)
        ctx.acts_on()
        ctx.quotes()
        if self.co_occurs:
            ctx.co_occurrences()
        doc._.relations = ctx.rows
        return doc


class _Context(Acts):
    """One document's mentions and the rows found so far (the readers are its bases)."""

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
        if relation == "affiliated_with" and (
            target.startswith("person:") or self.posted_to(source, target, start, end, role)
        ):
            return  # (one works for a state or a body: `worked for Mrs. Clinton` is no tie)
        if relation != "co_occurs" and (self.site(source) or self.site(target)):
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

    def site(self, actor_id: str) -> bool:
        """An ORG named as a site (`Liuheng Island`, `Lasalle Detention Facility`) is a
        place: `China's Liuheng Island` is location, not affiliation, and no act's end."""
        if not actor_id.startswith("org:"):
            return False
        words = self.name(actor_id).split()
        return bool(words) and words[-1].lower() in self.g.words["site_nouns"]

    def quote_holding(self, char: int) -> dict | None:
        """The quote row holding a character, if any."""
        return next((q for q in self.quote_list if q["start_char"] <= char < q["end_char"]), None)

    def quote_at(self, char: int) -> str:
        """The id of the quote holding a character, or ``""``."""
        q = self.quote_holding(char)
        return q["quote_id"] if q else ""

    def requested(self, q: dict) -> bool:
        """A quote that is a request (`urged Beijing to use its influence`): what it asks
        for is yet to happen, not reported as done."""
        if not q.get("cue_end"):
            return False
        cue = self.doc.char_span(q["cue_start"], q["cue_end"], alignment_mode="expand")
        return cue is not None and self.ext.type_of.get(cue[-1].lemma_.lower()) == "REQUEST"

    def _overlaps(self, key: tuple, start: int, end: int) -> bool:
        """The same affiliation already read from overlapping words (title and apposition)."""
        return any(
            (r["source_id"], r["relation"], r["target_id"]) == key[:3]
            and r["start_char"] < end
            and start < r["end_char"]
            for r in self.rows
        )

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
        sents = list(sentences(self.doc))
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


def sentences(doc: Doc) -> Iterator[Span]:
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        yield from doc.sents
    else:
        yield doc[:]


@Language.factory(
    "relation_extractor",
    default_config={
        "gazetteer": {"@misc": "nlp_pipeline.pipeline_gazetteer.v1"},
        "actors_key": "actors",
        "co_occurs": True,
    },
    requires=["doc.spans", "token.dep", "token.lemma"],
    assigns=["doc._.relations", "doc.spans"],
)
def make_relation_extractor(
    nlp: Language,
    name: str,
    gazetteer: Callable[[Language], SharedGazetteer],
    actors_key: str,
    co_occurs: bool,
) -> RelationExtractor:
    return RelationExtractor(nlp, name, share=gazetteer, actors_key=actors_key, co_occurs=co_occurs)
