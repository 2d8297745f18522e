"""Reading an act against the event lexicon (``data/plover_events.json``): its PLOVER
type, whether it is mutual, whether it is denied, its modality (asserted, hedged, future,
reported) and which prepositions can name the one acted on."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from spacy.tokens import Span, Token

from .relation_args import first_conjunct, prep_objects

# `n’t` after a curly apostrophe, which the parser tags an adverb or object, not a negation
CONTRACTED = frozenset({"n't", "n’t"})
NEGATORS = frozenset({"never", "not"})


class EventReading:
    """Event type, modality and negation of an act: a mixin of the document context, whose
    ``ext`` is the extractor holding the lexicon."""

    ext: Any
    g: Any  # (the gazetteer: its role nouns)
    owners: Callable[..., list[Span]]  # (from ``relation_args.Mentions``)
    place: Callable[[Token], Token]
    outlet: Callable[[Span], bool]  # (from ``relation_acts.Acts``)

    def event_type(
        self,
        lemma: str,
        obj: Token | None,
        pred: Token | None = None,
        ends: tuple[Span, Span] | None = None,
        contest: bool = False,
    ) -> str:
        """The verb's PLOVER category, or its object noun's after a light verb; a noun is
        looked up with its compound first (`trade war`). A verb that ends or weakens the act
        its object names reverses it (`weakened ties` is SANCTION, `ended the war` RETREAT).
        ``contest``: the act is a contest of rivals (``competed``, which the caller reads once
        for the row)."""
        ext = self.ext
        if self.envoys(lemma, obj):  # PLOVER: reducing diplomatic ties is SANCTION
            return "SANCTION"
        if pred is not None and self.judged(pred, obj):
            return ext.judging_type  # (before phrases: `called in Berlin X's remarks ...`)
        named = self.name_type(pred, ends[1]) if pred is not None and ends else None
        if named is not None:
            return named  # (before phrases: `called him a liar for insisting ...`)
        types = ext.type_of
        noun = compound_lemma(obj, types) if obj is not None else ""
        if lemma in ext.reversing and noun:
            if lemma in ext.completing and noun in ext.occasions:
                return types.get(noun, "")  # `ended his visit to China`: it took place
            return self.reversal(noun)
        if contest:
            return ""  # `defeated Sanders in the primary`: an election, not a fight
        if pred is not None and pred.pos_ == "VERB":
            # phrasal verbs and idioms first: `crack down`, `call for`, `shake hands`,
            # `express commitment`, `take X to court`
            phrased = phrase_type(pred, lemma, types)
            if phrased:
                return phrased
            if lemma in ext.noun_senses:
                return ""  # `deal with X` handles X; `a deal` is the agreement
            if not ext.untyped_polarity.keys().isdisjoint(phrases(pred, lemma)):
                return ""  # `poses a threat to X`: no threat made
        if ends and pred is not None:
            if self.dismissed(lemma, pred, ends[1]):
                return ext.dismissing[lemma]  # `fired Comey`: no shot fired
            if self.phoned(lemma, pred, ends[1]):
                return ext.calling[lemma]  # `Biden called Xi`
        kind = self._object_type(lemma, noun, pred)
        if kind is not None:
            return self.in_words(noun, kind, ends)  # (`directed their fire at Trump`)
        if pred is not None and pred.pos_ == "NOUN":
            if pred.dep_ == "dobj" and pred.head.lemma_.lower() in ext.reversing:
                # `settle our dispute`, not a third party's (`weaken Egyptian ties`)
                owners = self.owners(pred, ("poss", "amod"))
                if all(o.root.pos_ == "PRON" for o in owners):
                    return self.reversal(compound_lemma(pred, types))
            if self.ended(pred):
                return self.reversal(compound_lemma(pred, types))
            lemma = compound_lemma(pred, types)
            phrased = phrase_type(pred, lemma, types)
            if phrased:  # `calls for talks`, `rally against`
                return phrased
        if pred is not None and pred.pos_ == "VERB":
            tools = (types.get(t.lemma_.lower()) for t in prep_objects(pred, {"with"}))
            if "SANCTION" in tools:  # `hit Mexico with a new levy`
                return "SANCTION"
        if (
            lemma in ext.sending
            and pred is not None
            and ends
            and not self.goods(pred, obj, ends[1])
        ):
            return ""  # `delivered a speech`, `sent Manafort to assure`: no aid
        kind = types.get(lemma, "")
        agent = self.agent_act(pred) if ext.polarity_of_type.get(kind) == "conflict" else ""
        if ext.polarity_of_type.get(agent) == "conflict":
            return agent  # `Trump's tariffs targeting Canada` are no assault
        if ends and kind == "RETREAT" and ends[1].label_ == "ORG":
            return ext.leaving.get(lemma, kind)  # `withdrew from ECOWAS` ends a membership
        return self.in_words(lemma, kind, ends)

    def in_words(self, word: str, kind: str, ends: tuple[Span, Span] | None) -> str:
        """`Sanders attacked Cruz`, `Clinton directed her fire at Trump`, `ads attacking Trump`
        by a PAC: an attack between persons or political bodies, by its verb or its object
        noun, is made in words."""
        if ends and word in self.ext.verbal and all(map(self.speaks, ends)):
            return self.ext.verbal[word]
        return kind

    def speaks(self, end: Span) -> bool:
        """A person, or a body that fights with words: a party, a campaign, a PAC, an outlet
        (`the GOP`, `the Club for Growth`), not a state nor an armed group."""
        if end.label_ == "PERSON":
            return True
        named = {t.lower_ for t in end} | set(end.kb_id_.partition(":")[2].split("-"))
        return end.label_ == "ORG" and (bool(named & self.ext.verbal_bodies) or self.outlet(end))

    def dismissed(self, lemma: str, pred: Token, target: Span) -> bool:
        """`Trump fired Comey`, `the minister he sacked`: a person removed from a post (not
        `fired at X`, `fired missiles at X`, `dismissed X as a liar`)."""
        if lemma not in self.ext.dismissing or target.label_ != "PERSON":
            return False
        end = first_conjunct(target.root)
        aimed = end.dep_ == "pobj" and end.head.head == pred  # (`fired at X`)
        if end.dep_ == "poss":
            return False  # `dismissed Obama's actions`: what they did, not their post
        # (`dismissed X as a liar` judges; `fired X as campaign manager` removes from a post:
        # a role, bare)
        called = prep_objects(pred, {"as"})
        judged = any(not (t.lower_ in self.g.role_nouns or bare(t)) for t in called)
        return not (aimed or judged)

    def phoned(self, lemma: str, pred: Token, target: Span) -> bool:
        """`Biden called Xi`: the one called is the bare object (not `called X a liar`,
        `calling Trump his friend`, `called X to offer support`, `called on X`)."""
        if lemma not in self.ext.calling or first_conjunct(target.root) not in pred.children:
            return False
        said = ("oprd", "xcomp", "ccomp", "dative", "prt")
        named = ("appos", "dobj", "attr", "npadvmod", "oprd")  # (the name it is called)
        return (
            target.root.dep_ == "dobj"
            and not any(c.dep_ in said for c in pred.children)
            and not any(g.dep_ in named for g in target.root.children)
        )

    def competed(self, lemma: str, pred: Token, ends: tuple[Span, Span]) -> bool:
        """`Clinton defeated Sanders`, `the party beat the opposition in the election`, `Trump
        will face off against Clinton`: a contest of rivals, whoever they are, when both are
        persons or the verb names it;
        `challenging McCain for the seat`: a person challenged as a rival, not on a topic
        (`challenge Trump on immigration`) nor in what they hold (`challenged his eligibility`);
        a blow between persons or political bodies in a sentence naming a contest
        (`Clinton dealt a blow to Sanders in the New York primary`)."""
        ext = self.ext
        persons = all(e.label_ == "PERSON" for e in ends)
        if lemma in ext.blows or ext.blows.intersection(phrases(pred, lemma)):
            named = any(t.lemma_.lower() in ext.contests for t in pred.sent)
            return named and all(map(self.speaks, ends))  # (`topple Clinton` in a primary)
        if lemma in ext.rivaling:
            end = self.place(ends[1].root)
            rival = end.dep_ == "dobj" and end.head == pred
            return persons and rival and not prep_objects(pred, {"on", "over"})
        if lemma not in ext.competing and not ext.competing.intersection(phrases(pred, lemma)):
            return False  # (`face off against Clinton`: a phrase)
        where = prep_objects(pred, {"in", "at"})
        return persons or any(t.lemma_.lower() in ext.contests for t in where)

    def standing(self, lemma: str, obj: Token | None, pred: Token) -> bool:
        """Relations that hold rather than change (`has close ties with Iran`, `Egyptian
        ties with Greece`): a state, of no PLOVER type; not relations a clause or a
        participle changes (`relations will be better`, `had elevated ties`)."""
        ext = self.ext
        noun = pred if obj is None else obj
        if (
            noun.lemma_.lower() not in ext.standing
            or self.ended(noun)
            or any(
                # (a participle, which the parser often tags an adjective: `improved ties`)
                c.dep_ == "amod" and (c.tag_ == "VBN" or c.lower_.endswith("ed"))
                for c in noun.children
            )
        ):
            return False
        if obj is not None:
            return lemma in ext.holding
        return pred.pos_ == "NOUN" and pred.dep_ != "nsubj"

    def ended(self, noun: Token) -> bool:
        """`the end of the Turkish-U.S. relationship`, `the suspension of aid to Kyiv`: an
        act named as what a noun of ending ends."""
        head = noun.head
        return (
            noun.dep_ == "pobj"
            and head.lower_ == "of"
            and head.head.lemma_.lower() in self.ext.ending
        )

    def _object_type(self, lemma: str, noun: str, pred: Token | None) -> str | None:
        """The act its object names, where the verb's meaning is in the object: after a
        light verb (`hold talks`, `held the Malabar Joint Maritime Exercise`) or a verb the
        lexicon does not know; None where the verb decides."""
        ext = self.ext
        types = ext.type_of
        if noun in types and (
            lemma in ext.light or (lemma not in types and lemma not in ext.untyped_polarity)
        ):
            return types[noun]  # (`deter China's aggression` is no assault)
        if lemma in ext.light and noun in ext.event_nouns:
            return ""  # `send a message to X` is no aid
        if lemma in ext.light and not noun and pred is not None:
            named = (c.lemma_.lower() for c in pred.children if c.dep_ == "dobj")
            found = next((n for n in named if n in types), "")
            if found:
                return types[found]
        return None

    def judged(self, verb: Token, noun: Token | None) -> bool:
        """`called Ford's comments "egregious"`, `called Pakistan's assertions "baseless"`:
        a verb of judging with its object and what the object is called."""
        if noun is None or noun.dep_ != "dobj" or verb.lemma_.lower() not in self.ext.judging:
            return False
        called = [c for c in noun.children if c.i > noun.i and c.pos_ == "ADJ"]
        return bool(called) or any(c.dep_ == "oprd" for c in verb.children)

    def name_type(self, verb: Token, target: Span) -> str | None:
        """`called Sanders a pathological liar`: ACCUSE, `calls Xi a dear friend`: SUPPORT,
        by the words of blame or praise in what a verb of judging calls the one acted on;
        "" for a name of neither or both, None where the verb calls it nothing."""
        end = self.place(target.root)  # (`called the Chinese government strong`)
        if verb.lemma_.lower() not in self.ext.judging or end.head != verb or end.dep_ != "dobj":
            return None
        names = [c for c in verb.children if c.dep_ == "oprd" and c.i > end.i]
        names += [c for c in end.children if c.dep_ == "appos" and c.i > end.i]
        if not names:
            return None
        words = {t.lemma_.lower() for n in names for t in n.subtree}
        kinds = {self.ext.judging_names[w] for w in words if w in self.ext.judging_names}
        return kinds.pop() if len(kinds) == 1 else ""

    def goods(self, verb: Token, thing: Token | None, target: Span) -> bool:
        """`sent weapons to Ukraine`, `sent $300 million`: what a verb of sending sends is
        goods, not words (`sent a memo`, `a chunk of the emails`) nor the one acted on or a
        pronoun (`sent Manafort to assure`, `sent them to college`)."""
        said = self.ext.said_things
        sent = [thing] if thing is not None else [c for c in verb.children if c.dep_ == "dobj"]
        return any(
            t.pos_ in ("NOUN", "PROPN", "NUM")
            and not target.start <= t.i < target.end
            and t.lemma_.lower() not in said
            and not any(o.lemma_.lower() in said for o in prep_objects(t, {"of"}))
            for t in sent
        )

    def agent_act(self, pred: Token | None) -> str:
        """The type of an act that is itself the doer (`Trump's tariffs targeting Canada`:
        the tariffs), "" if the doer is no act."""
        if pred is None or pred.pos_ != "VERB":
            return ""
        doers = [c for c in pred.children if c.dep_ == "nsubj"]
        if pred.dep_ == "acl" and pred.tag_ == "VBG":
            doers.append(pred.head)
        for doer in doers:
            kind = self.ext.type_of.get(doer.lemma_.lower(), "")
            if kind and doer.pos_ == "NOUN":
                return kind
        return ""

    def reversal(self, noun: str) -> str:
        """The act of ending or weakening the one a noun names (`weakened ties`: SANCTION;
        `ended the war`: RETREAT; `settle our dispute`: AGREE); "" for any other noun."""
        ext = self.ext
        if noun in ext.type_of:
            return ext.reversed_type.get(ext.type_of[noun], "")
        return ext.settled if ext.untyped_polarity.get(noun) == "conflict" else ""

    def polarity(self, event_type: str, lemma: str, pred: Token, obj: Token | None) -> str:
        """Cooperation or conflict: the type's side; a demand is conflict, a plea neither;
        an untyped act's from its own list (`territorial disputes`, `drag its feet`), not
        a noun's as a verb of another sense (`ties` are cooperation, `tied Clinton` not)."""
        ext = self.ext
        said = obj.lemma_.lower() if obj is not None else ""
        if event_type == "REQUEST":
            return "conflict" if {lemma, said} & ext.demands else ""
        if event_type:
            return ext.polarity_of_type.get(event_type, "")
        other_sense = pred.pos_ == "VERB" and lemma in ext.noun_senses
        keys = (*phrases(pred, lemma), said, "" if other_sense else lemma)
        return next((ext.untyped_polarity[k] for k in keys if k in ext.untyped_polarity), "")

    def hostile(self, lemma: str) -> bool:
        """A conflict act, typed (`condemn`) or not (`counter`, `challenge`)."""
        ext = self.ext
        kind = ext.type_of.get(lemma, "")
        return (ext.polarity_of_type.get(kind) or ext.untyped_polarity.get(lemma)) == "conflict"

    def complement_of(self, anchor: Token, pred: Token) -> Token | None:
        """The verb whose complement the act is, where that verb is the act (`threatened to
        close or suspend U.S. operations`: the threat; `refused to meet`: the refusal), not
        for an event noun further down (`refused to attend a hearing over a dispute`)."""
        if pred.i != anchor.i and pred.head.i != anchor.i:
            return None
        node = anchor
        while node.dep_ == "conj" and node.head is not node:
            node = node.head  # `close or suspend`: the first of the conjoined acts
        head = node.head
        if node.dep_ == "xcomp" and head.lemma_.lower() in self.ext.complement_heads:
            return head
        return None

    def modality(self, tok: Token, event: Token | None = None, aim: bool = False) -> str:
        """hedged, future, reported or asserted, from the clause and those above it.

        Climbs from the event's verb through complements (`is expected to attack`,
        `said X attacked`, `accused X of attacking`, `a bid to topple`), and from an event
        noun to the verb of its unfolding (`cooperation could resume`); the strongest cue
        wins: reported, then hedged, then future. ``event``: the act's own word, when ``tok``
        is the verb stating it, climbed from too (`discussed a planned summit`, `called for
        talks with Syria`); ``aim``: the act is the object of a verb of aiming (`is eyeing
        an agreement`, `sought talks`).
        """
        found = {"future"} if aim else set()
        for start in {tok, tok if event is None else event}:
            found |= self._climb(start)
        return next((m for m in ("reported", "hedged", "future") if m in found), "asserted")

    def _climb(self, start: Token) -> set[str]:
        """The modality cues of a word and of the heads it climbs to."""
        cues = self.ext.cues
        found: set[str] = set()
        node = start
        doubted: set[str] = set()  # (the hedge of a clause is not its reason's)
        for _ in range(8):
            found |= self._cues(node) - doubted
            dep, head = node.dep_, node.head
            if head is node or not self._climbs(node, node is start):
                break
            word = head.lemma_.lower()
            # `said X attacked`, `accused X of attacking`, `media report that X will`
            reporting = dep == "ccomp" or node.lower_ == "of" or said_that(node)
            if reporting and word in cues["reported_heads"]:
                found.add("reported")
            if dep == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in cues["reason_marks"] for c in node.children
            ):
                doubted = {"hedged"}  # `will likely develop slowly as they want to maintain`
            if word in cues["hedged_heads"]:
                found |= {"hedged"} - doubted
            elif dep in ("xcomp", "acl", "pcomp", "prep") and (
                word in cues["future_heads"] or self.ext.type_of.get(word) == "REQUEST"
            ):
                found.add("future")  # `plans to`, `the threat of war`, `called for talks`
            node = head
        return found

    def _climbs(self, node: Token, first: bool) -> bool:
        """Whether a word's modality is its head's: a complement, a conjunct, an
        infinitive on a noun (`a bid to topple`, not `remarks calling X strong`); the event
        noun itself through its preposition (`the threat of war`) or as the subject of a
        verb of unfolding (`cooperation could resume`, not `the ties will loosen the pact`)."""
        dep = node.dep_
        if dep in ("xcomp", "ccomp", "advcl", "conj", "pcomp", "prep"):
            return True
        if dep == "acl":
            return said_that(node) or any(
                c.dep_ == "aux" and c.lower_ == "to" for c in node.children
            )
        if not first or node.pos_ != "NOUN":
            return False
        if dep in ("nsubj", "nsubjpass"):
            return node.head.lemma_.lower() in self.ext.cues["unfolding_verbs"]
        return dep == "pobj"

    def _cues(self, node: Token) -> set[str]:
        """Modality cues among one word's dependents: `will`, `could`, `reportedly`, `it is
        unclear`, `if`, `a possible attack`, `the planned summit`."""
        cues, found = self.ext.cues, set()
        for c in node.children:
            word, dep = c.lower_, c.dep_
            if dep in ("aux", "auxpass"):
                if word in cues["future_aux"]:
                    found.add("future")
                elif word in cues["hedged_aux"]:
                    found.add("hedged")
            elif dep == "advmod" and word in cues["hedged_adverbs"]:
                found.add("hedged")
            elif dep in ("acomp", "attr") and c.lemma_.lower() in cues["hedged_heads"]:
                found.add("hedged")  # `it is unclear when ...`
            elif dep == "mark" and word in cues["hedged_marks"]:
                found.add("hedged")  # `if hit by sanctions`
            elif dep == "amod" and word in cues["hedged_modifiers"]:
                found.add("hedged")
            elif dep == "amod" and word in cues["future_modifiers"]:
                found.add("future")
        return found

    def negated(self, verb: Token) -> bool:
        """`did not condemn`, `never attacked`, `failed to meet`, `refrained from
        commenting`, `Obama's failure to sell`."""
        # (`didn’t condemn`: the parser may hang a curly `n’t` on the auxiliary)
        auxes = [g for c in verb.children if c.dep_ in ("aux", "auxpass") for g in c.children]
        if any(denies(c) for c in (*verb.children, *auxes)):
            return True
        head = verb.head
        if verb.dep_ == "pcomp" and head.dep_ == "prep":
            head = head.head  # `refrained from commenting`
        elif verb.dep_ not in ("xcomp", "acl"):
            return False
        if head is verb:
            return False
        negating = self.ext.cues["negating_heads"]  # (`failed to meet`, `refrained from`)
        if verb.dep_ == "acl":  # `the failure to sell`
            return head.lemma_.lower() in negating
        return head.lemma_.lower() in negating or any(denies(c) for c in head.children)

    def avoided(self, pred: Token, lemma: str, obj: Token | None) -> bool:
        """`avoided direct criticism of Trump`, `held his fire on Carson`: an act named as
        the object of a verb (or phrase) of holding back did not happen."""
        negating = self.ext.cues["negating_heads"]
        if obj is not None:
            return lemma in negating or not negating.isdisjoint(phrases(pred, lemma))
        verb = pred.head
        return pred.dep_ == "dobj" and verb.lemma_.lower() in negating and verb.pos_ == "VERB"

    def envoys(self, lemma: str, noun: Token | None) -> bool:
        """Envoys recalled or expelled (`withdrew ambassadors`): a diplomatic sanction."""
        return (
            lemma in self.ext.envoy_sanctions
            and noun is not None
            and noun.lemma_.lower() in self.ext.envoys
        )

    def _symmetric(self, lemma: str, noun: Token | None) -> bool:
        """A mutual act: `sign`, `meet`, or a light verb's `talks` (not `request talks`)."""
        ext = self.ext
        if noun is None or lemma not in ext.light:
            return lemma in ext.symmetric
        return noun.lemma_.lower() in ext.symmetric

    def open_preps(self, preps: set[str], event_type: str, goods: bool = False) -> set[str]:
        """The prepositions that can name the one acted on, for this act.

        `at` names a place (`met at the UN`) unless the act is hostile (`fired at`); `on` a
        topic or a place after talk and untyped acts (`talks on Ukraine`, `posted on X`, but
        `sanctions on Iran`, `call on`, `conferred an honor on`); `for` the one helped or
        asked for, `from` the one left or, for ``goods`` bought, the seller.
        """
        if self.ext.polarity_of_type.get(event_type) != "conflict":
            preps = preps - {"at"}
        if event_type in self.ext.topic_acts:
            preps = preps - {"on", "upon"}
        if event_type not in ("SUPPORT", "AID", "REQUEST"):
            # `support for Kyiv`, `called for Lai's release`; not `voted for X`
            preps = preps - {"for"}
        if goods:
            preps = preps | {"from"}  # `import from Cameroon`
        elif event_type != "RETREAT":
            preps = preps - {"from"}  # `pulled troops from Afghanistan`
        return preps


def phrase_type(tok: Token, lemma: str, types: dict[str, str]) -> str:
    """The type of the first of the word's phrases the lexicon lists, else ``""``."""
    return next((types[k] for k in phrases(tok, lemma) if k in types), "")


def phrases(verb: Token, lemma: str) -> Iterator[str]:
    """`crack down`, `call on`, `take to court`, `shake hands`: a verb (or event noun) with
    its particle, preposition or object noun (`the pact the U.S. negotiated`: the noun the
    clause describes)."""
    if verb.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in verb.children):
        yield f"{lemma} {verb.head.lemma_.lower()}"
    for c in verb.children:
        if c.dep_ == "prt":
            yield f"{lemma} {c.lower_}"
        elif c.dep_ == "dobj":  # `shake hands`, `point the finger`, `drag its feet`
            yield f"{lemma} {c.lemma_.lower()}"
        elif c.dep_ == "prep":
            pobjs = [o for o in c.children if o.dep_ == "pobj"]
            if any(o.ent_type_ in ("DATE", "TIME") for o in pobjs):
                continue  # `called Xi on Tuesday` is no `call on`
            yield from (f"{lemma} {c.lower_} {o.lemma_.lower()}" for o in pobjs)
            yield f"{lemma} {c.lower_}"


def compound_lemma(noun: Token, known: dict) -> str:
    """`trade war`, `economic war` where the lexicon has it, else the noun's lemma."""
    lemma = noun.lemma_.lower()
    for c in noun.children:
        if c.dep_ in ("compound", "amod") and f"{c.lemma_.lower()} {lemma}" in known:
            return f"{c.lemma_.lower()} {lemma}"
    return lemma


def bare(noun: Token) -> bool:
    """A noun with no determiner: `as campaign manager` names a post, `as a liar` a kind."""
    return noun.pos_ == "NOUN" and not any(c.dep_ == "det" for c in noun.children)


def denies(tok: Token) -> bool:
    """A negation among a verb's dependents: `not`, `never`; `aren’t`, whose curly `n’t`
    the parser reads as an adverb or an object; `no longer`, whose `no` hangs on `longer`."""
    if tok.dep_ == "neg" or tok.lower_ in CONTRACTED:
        return True
    if tok.dep_ != "advmod":
        return False
    return tok.lower_ in NEGATORS or (
        tok.lower_ == "longer" and any(c.dep_ == "neg" for c in tok.children)
    )


def said_that(clause: Token) -> bool:
    """A `that` clause on a noun (`media report that Britain will cede`, parsed with
    `report` a noun): what the noun says."""
    return clause.dep_ == "acl" and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
    )
