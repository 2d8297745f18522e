"""``acts_on`` rows: verbs and event nouns of the sentences that name two actors, their
sources and targets through the parse, and mutual acts (`Turkey and Sweden signed an
agreement`, `a deal between X and Y`)."""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, LEMMA, ORTH, POS, SENT_START
from spacy.parts_of_speech import ADJ, NOUN, VERB
from spacy.tokens import Span, Token

from .events import phrases
from .relation_args import (
    NOUN_PREPS,
    OBJ_PREPS,
    RELATIVE,
    antecedent,
    arguments,
    conjuncts,
    first_conjunct,
    has_subject,
    participle,
    prep_objects,
    with_object,
)
from .relation_links import Links
from .util import isin

# personal pronouns for people handed over (`turned them over to China`)
PEOPLE = {"him", "her", "me", "us"}
# what an agreement reached is about (`agreed with X on a deal`, `to a ceasefire`)
SIDING_CONTENT = {"on", "upon", "to", "over", "about"}


class Acts(Links):
    """Who does what to whom in one document."""

    def acts_on(self) -> None:
        """Verbs, then event nouns, of the sentences that name two actors or state bodies
        (read from the token arrays: most tokens are never looked at)."""
        doc = self.doc
        if not len(doc) or not doc.has_annotation("DEP"):
            return
        self.describe()  # (after the affiliations: who holds a state post)
        ties = (r for r in self.rows if r["relation"] == "affiliated_with")
        self.members = {(r["source_id"], r["target_id"]) for r in ties}
        pos, lemma, orth, starts, dep = doc.to_array([POS, LEMMA, ORTH, SENT_START, DEP]).T
        sent = np.cumsum(starts == 1)
        # state bodies and demonyms (`Kenyan troops`, `tariffs on Chinese cars`) may be ends
        bodies = isin(lemma, self.ext.hashes["state_bodies"]) | isin(orth, self.demonyms())
        described = [sent[i] for i, found in self.described.items() for _ in found]
        # `U.S.-backed forces`, `the U.S.-led coalition`: the tokenizer keeps the name on the
        # participle, an end of its own
        amods = np.flatnonzero(dep == doc.vocab.strings["amod"]).tolist()
        fused = [i for i in amods if self.fused_actor(doc[i]) is not None]
        ends = np.array(
            [*(sent[m.start] for m in self.mentions), *described, *sent[bodies], *sent[fused]],
            dtype=int,
        )
        live = np.bincount(ends, minlength=sent.max() + 1)[sent] >= 2
        # a word of an actor's name is no act (`Kadir Has University`, `Alliance of Democracies`)
        live[list(self.by_token)] = False
        for i in np.flatnonzero(live & (pos == VERB)).tolist():
            self._verb(doc[i])
        nouns = live & (pos == NOUN) & isin(lemma, self.ext.hashes["event_nouns"])
        for i in np.flatnonzero(nouns).tolist():
            self._nominal(doc[i])
        # `critical of the British government`: adjectives of stance
        for i in np.flatnonzero(live & (pos == ADJ)).tolist():
            if doc[i].lemma_.lower() in self.ext.stances:
                self._stance(doc[i])
        # `China's punitive measures against Australia`: `against` makes any noun an act
        against = np.flatnonzero(live & (orth == doc.vocab.strings["against"])).tolist()
        for i in against:
            noun = doc[i].head
            if noun.pos_ == "NOUN" and not nouns[noun.i] and doc[i].dep_ == "prep":
                self._against(noun)
        # `Ankara's shift toward Moscow`, `Ankara's trump card over Washington`
        toward = live & (pos == NOUN) & isin(lemma, self.ext.hashes["toward"])
        for i in np.flatnonzero(toward).tolist():
            self._toward(doc[i])
        for i in fused:
            self._fused(doc[i])

    def _verb(self, verb: Token) -> None:
        if verb.dep_ == "amod" and verb.tag_ == "VBN":
            self._backed(verb)
            return
        agents, patients = arguments(verb, self.ext.causative)
        sources = [a for t in agents for a in self.actors_at(t)]
        sources += self.partners(verb, agents) if sources else []
        if not sources and verb.dep_ == "acl" and self.actor(verb.head) is None:
            # `a letter to Xi congratulating him`, `announced plans to attack`: the writer
            # or announcer acts (not the one who would `blunt any efforts to impose
            # sanctions`: only a light or reporting verb's subject owns the noun)
            owners, clause = self.holder(self.counted(verb.head))
            if clause is None or clause.lemma_.lower() in self.ext.owning:
                sources = owners
        if not sources:  # `the Taliban's ban would not stop her`: the ban's owner acts,
            # and a journey's what it includes (`Suga's travels will include meeting Modi`)
            doings = self.ext.doings
            acts = (t for t in agents if t.pos_ == "NOUN" and t.lemma_.lower() in doings)
            sources = [a for t in acts for a in self.doers(t)]
        if not sources:
            sources = self.relative_act(agents)
        if not sources:
            return
        lemma = verb.lemma_.lower()
        turned_to = self.turned_to(verb, lemma)
        if lemma in self.ext.skip and lemma not in self.ext.membership and not turned_to:
            return  # (`headed to Beijing` is motion, `headed the party` a post)
        if lemma in self.ext.idiom_heads and not self.ext.skip.isdisjoint(phrases(verb, lemma)):
            return  # idioms: `hit the campaign trail with X` is no blow
        # (`France faced off against Turkey`: the subject acts)
        if lemma in self.ext.receiving and not any(c.dep_ == "prt" for c in verb.children):
            self._received(verb, lemma, sources)
            return
        targets, noun = self._targets(verb, lemma, patients)
        if turned_to and not targets:  # `turn to Russia's SU 35`: to the one offering it
            targets = [(a, None) for t in turned_to for a in self.owners(t, ("poss",))]
        stance = self.ext.turning_polarity if turned_to else None
        for pobj in prep_objects(verb, self.ext.membership_preps.get(lemma, set())):
            for target in self.actors_at(pobj):  # `began working at the State Department`
                if target.label_ == "STATE" and pobj.head.lower_ == "in":
                    continue  # `had served in Vietnam`: a place, not a post
                for source in sources:
                    self._member(source, target, verb)
        # (three or more acting together is a multilateral act, not a clique of pairs)
        together = len(sources) == 2 and len(agents) == 1 and has_subject(verb)
        together = together and not self.addressed(verb, lemma)
        if not targets and together and (self._symmetric(lemma, noun) or self.their_tie(noun)):
            # `Turkey and Sweden signed an agreement`: each with the other (not `X and Y
            # called a meeting to discuss Z`, nor two subjects of a misparse)
            targets = [(a, noun) for a in sources]
        elif not targets and len(sources) > 1 and self.envoys(lemma, noun):
            # `both countries withdrew ambassadors`, `the two expelled diplomats`: each
            # from the other
            targets = [(a, noun) for a in sources]
        passive = any(c.dep_ == "agent" for c in verb.children)
        for target, obj in targets:
            for source in sources:
                if lemma in self.ext.membership and not (
                    self._event_noun(obj) or with_object(target.root)
                ):
                    # `X leads Y`, `Y, led by X`, `Y was founded by X`
                    held = target.root.dep_ == "dobj" or passive
                    if held and target.label_ != "PERSON":
                        self._member(source, target, verb)
                elif turned_to or lemma not in self.ext.skip:
                    self._acts(source, target, verb, lemma, obj, polarity=stance)

    def addressed(self, verb: Token, lemma: str) -> bool:
        """`Perez and Castro both spoke to the audience`, `Sanders and Trump are speaking to
        her`: two who talk or meet with a third party do so side by side, not with each other
        (not `talked with each other`)."""
        if self.ext.type_of.get(lemma) != "CONSULT":
            return False
        others = prep_objects(verb, {"to", "with"})
        return any(o.lower_ not in ("other", "another") for o in others)

    def relative_act(self, agents: list[Token]) -> list[Span]:
        """`Trump issued a string of decisions that roiled relations with Canada`: a thing
        done, the subject of a relative clause, is the act of the subject of the light or
        reporting verb stating it (not `X criticised decisions that hurt Y`, nor people:
        `X has allies that back Y`; nor a noun's owner: `the Clinton family magic that made
        Bill Clinton`, `House members who endorsed Trump`)."""
        ext, found = self.ext, []
        for noun in agents:
            if noun.pos_ != "NOUN" or noun.ent_type_ or not self._relative_head(noun):
                continue
            if noun.lemma_.lower() in ext.people_nouns or noun.lower_ in self.g.role_nouns:
                continue
            owners, clause = self.holder(self.counted(noun))
            if clause is not None and clause.lemma_.lower() in ext.owning:
                found += owners
        return found

    @staticmethod
    def _relative_head(noun: Token) -> bool:
        """A noun a relative clause describes through its subject pronoun (`decisions that`)."""
        clauses = (c for c in noun.children if c.dep_ == "relcl")
        return any(s.dep_ == "nsubj" and s.lower_ in RELATIVE for c in clauses for s in c.children)

    def turned_to(self, verb: Token, lemma: str) -> list[Token]:
        """`could turn to Moscow`, `Taiwan looks to Washington for support`: the objects of a
        verb of turning toward another, with no object of its own (not `turned a blind eye
        to`, `turn the nomination over to`); none for one of seeming (`looks to me like a
        kid`)."""
        kids = list(verb.children)
        seeming = ("acomp", "attr", "oprd", "dobj", "prt")
        if any(c.dep_ in seeming or c.lower_ == "like" for c in kids):
            return []
        if any(m.lower_ == "like" for c in kids if c.dep_ == "advcl" for m in c.children):
            return []
        preps = (c for c in kids if c.dep_ == "prep" and f"{lemma} {c.lower_}" in self.ext.turning)
        return [o for p in preps for o in p.children if o.dep_ == "pobj"]

    def _targets(
        self, verb: Token, lemma: str, patients: list[Token]
    ) -> tuple[list[tuple[Span, Token | None]], Token | None]:
        """(target, object noun or None) pairs of a verb, and its object noun.

        `provide assistance to X` keeps `assistance` for the predicate.
        """
        ext = self.ext
        mine = self._carried(verb)
        targets: list[tuple[Span, Token | None]] = [
            (a, None) for t in patients for a in self.actors_at(t)
        ]
        # (`called Canada "one of the highest tariffing nations"`: parsed as a predicate)
        obj_nouns = [
            c
            for c in verb.children
            if c.dep_ in ("dobj", "dative") or (c.dep_ == "oprd" and self.actor(c))
        ]
        if verb.dep_ == "relcl":  # `Mexico, which he also hit`
            obj_nouns = [antecedent(verb) if o.lower_ in RELATIVE else o for o in obj_nouns]
            obj_nouns = obj_nouns or self.gapped(verb)
        for obj in obj_nouns:
            for t in (obj, *conjuncts(obj)):
                # `carried out a series of airstrikes against IS`: the airstrikes
                t = next(iter(prep_objects(t, {"of"})), t) if t.lemma_ in ext.transparent else t
                # (having someone is no act on them: `has photos of X and Y`, misparsed)
                found = [] if lemma in ext.static else self.actors_at(t)
                if not found:  # `attacked a joint Kenya-U.S. base`
                    found = self.holders(t, ext.type_of.get(lemma, ""), lemma in ext.buying)
                if found:
                    targets += [(a, None) for a in found]
                elif t.pos_ == "NOUN" and t.lemma_.lower() not in ext.skip:
                    # (`pledged support for Somalia`: the noun's own act opens its `for`)
                    kind = ext.type_of.get(t.lemma_.lower()) or self.event_type(lemma, t, verb)
                    # `discussed North Korea's transfer of arms to Russia`: another's act
                    # and `praised his first summit with Kim`: the summit's own row says it
                    # (unless the verb carries the subject's own: `settled its dispute with X`)
                    owned = any(a.kb_id_ not in mine for a in self.doers(t))
                    # `ordered the arrest of Dodik`: an act's `of` names the one it is done to,
                    # and so does a hostile verb's (`condemned the brutality of the military`)
                    act = t.lemma_.lower() in ext.event_nouns
                    hostile = self.hostile(lemma)
                    preps = OBJ_PREPS | {"of"} if act or hostile else OBJ_PREPS
                    # `grant me access to Afghanistan`: given to `me`, the rest is place
                    given = any(o.dep_ == "dative" and o.pos_ != "ADP" for o in obj_nouns)
                    preps = set() if owned else self.open_preps(preps, kind)
                    preps = preps - {"to", "for"} if given else preps
                    for pobj in prep_objects(t, preps):
                        found = self.acted_on(pobj, kind)
                        targets += [(a, t) for a in found]
                    # (`discuss upgrading India's ties with X`, `defended Pyongyang and
                    # Moscow's treaty`: the owner of a tie is a party to it, not the one a
                    # friendly verb acts on)
                    tie = t.lemma_.lower() in ext.symmetric and not hostile
                    if lemma not in ext.doing and (act or hostile) and not tie:
                        # `condemned Russia's invasion`, `to counter Beijing's clout`: the
                        # owner is acted on; in words, a demonym's state on its doings
                        # (`opposes Chinese investment`, not `criticised the Japanese
                        # economy`; `killed Palestinian civilians` is no act on a state)
                        doing = act or t.lower_.endswith(ext.abstract)
                        words = doing and hostile and ext.type_of.get(lemma) != "ASSAULT"
                        targets += [(a, t) for a in self.judged_owners(t, words)]
                    elif self.judged(verb, t):  # `called Pakistan's assertions "baseless"`
                        targets += [(a, t) for a in self.judged_owners(t)]
        if not obj_nouns and (
            lemma in ext.causative or ext.type_of.get(lemma) in ("REQUEST", "ACCUSE")
        ):
            # `India helped Mauritius build an airstrip`, `demanded that Ottawa drop ...`: the
            # one helped or asked is the subject below, and so is the one accused
            # (`Washington alleges the Taliban has not lived up to its commitment`)
            targets += [(a, None) for a in self.clause_subjects(verb, ("ccomp", "xcomp"))]
        noun = next((o for o in obj_nouns if o.pos_ == "NOUN" and not self.actors_at(o)), None)
        preps = OBJ_PREPS - {"to"} if lemma in ext.place_objects else OBJ_PREPS
        if lemma in ext.static and (noun is None or noun.lemma_.lower() not in ext.event_nouns):
            preps = set()  # `shares borders with Sudan`, `has photos of X`
        kind = self.event_type(lemma, noun, verb)
        goods = lemma in ext.buying
        preps = self.open_preps(preps, kind, goods)
        people = self.people_moved(verb)
        taxed = (o for t in (verb, *obj_nouns) for o in prep_objects(t, {"on"}))
        flowing = any(o.lemma_.lower() in ext.flows for o in taxed)
        for pobj in prep_objects(verb, preps - ext.membership_preps.get(lemma, set())):
            if pobj.head.i and self.doc[pobj.head.i - 1].text == ",":
                continue  # `highlighted the violations, with X, at the event`: circumstance
            if flowing and pobj.head.lower_ == "to":
                continue  # `tariffs on Canadian exports to the U.S.`: where the goods go
            found = self.acted_on(pobj, kind, goods)
            if people and pobj.head.lower_ == "to":
                found = [a for a in found if a.label_ != "STATE"]  # where they are taken
            targets += [(a, noun) for a in found]
        return targets, noun

    def clause_subjects(self, head: Token, deps: tuple[str, ...]) -> list[Span]:
        """The actors a complement clause of a verb or noun of asking or accusing is about:
        its subject (`demanded that Ottawa drop`, `Trump's accusation that Obama founded
        ISIS`; not `made North Korea a signature issue`: no clause)."""
        comps = (c for c in head.children if c.dep_ in deps and c.pos_ in ("VERB", "AUX"))
        subjects = (s for c in comps for s in c.children if s.dep_ == "nsubj")
        return [a for t in subjects for a in self.actors_at(t)]

    def gapped(self, verb: Token) -> list[Token]:
        """`the sanctions Washington has imposed on Moscow`, `the threat Sanders poses to
        Clinton`: a relative clause with no pronoun, a subject of its own and no object has
        the act it describes for its object (not `the week Trump spoke at the UN`, `the
        network he envisaged`, `the country he went to`, nor `the wall Trump wants to
        build`: the object of another verb)."""
        noun, kids = verb.head, list(verb.children)
        if noun.lemma_.lower() not in self.ext.event_nouns:
            return []
        if self.doc[verb.left_edge.i - 1].text == ",":
            return []  # `cutting off funds for X, a new poll finds`: a parenthetical, no relative
        if not any(c.dep_ == "nsubj" for c in kids):
            return []
        taken = ("dobj", "dative", "nsubjpass", "auxpass", "xcomp", "ccomp", "oprd")
        if any(c.dep_ in taken or c.lower_ in RELATIVE or c.tag_ == "WRB" for c in kids):
            return []
        stranded = any(c.dep_ == "prep" and not list(c.children) for c in kids)
        return [] if stranded else [noun]  # (`the deal he backed out of`: the noun is its object)

    def people_moved(self, verb: Token) -> bool:
        """`turned 40 of them over to China`, `handed him over to`, `extradited Ng to`: a verb
        whose direct object is people takes them to a state, a place and no act on it."""
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            counted = False
            while obj.pos_ in ("NUM", "DET", "PRON") and prep_objects(obj, {"of"}):
                obj, counted = prep_objects(obj, {"of"})[0], True  # `40 of them`
            named = self.actor(obj)
            if named is not None:
                if named.label_ == "PERSON":
                    return True
                continue
            # (`donate them to China`: things; counted, `them` are most often people)
            them = counted and obj.lower_ == "them"
            if them or obj.lower_ in PEOPLE or obj.lower_ in self.g.role_nouns:
                return True
        return False

    def judged_owners(self, noun: Token, demonyms: bool = True) -> list[Span]:
        """`Ford's comments`, `Chinese subsidies`: whose words or deeds are judged."""
        doers = self.doers(noun)
        if doers or not demonyms:
            return doers
        return [a for c in noun.children if c.dep_ == "amod" for a in self.demonym(c)]

    def _received(self, verb: Token, lemma: str, receivers: list[Span]) -> None:
        """`Pakistan has received 23 bailout packages from the IMF`, `Iran faces sanctions
        imposed by the U.S.`: the giver or doer (after `from`, `at the hands of`, or the act
        noun's own) acts on the one who receives or undergoes, with the act its object
        names."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        heads = (verb, *objects)
        found = [p for t in heads for p in prep_objects(t, {"from"})]
        hands = [h for t in heads for h in prep_objects(t, {"at"}) if h.lower_ == "hands"]
        found += [p for h in hands for p in prep_objects(h, {"of"})]
        givers = [a for p in found for a in self.actors_at(p)]
        givers += [a for o in objects for a in self.by(o)]
        obj = next((o for o in objects if o.pos_ == "NOUN"), None)
        for giver in givers:
            for receiver in receivers:
                self._acts(giver, receiver, verb, lemma, obj)

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

    def _fused(self, tok: Token) -> None:
        """`U.S.-backed SDF`, `UN-funded programmes`: one token whose prefix names a state
        or organisation and whose suffix is a typed act in its `-ed` form."""
        lemma = participle(tok.text.rpartition("-")[2], self.ext.type_of)
        source = self.fused_actor(tok) if lemma else None
        if source is None:
            return
        for target in self.actors_at(tok.head):
            self._acts(source, target, tok, lemma, None)

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
            # `a deal between X and Y`, `the U.S.-Japan alliance`, `Turkish-American
            # cooperation` (two parties only; a demonym names its state)
            sides = [a for p in prep_objects(noun, {"between"}) for a in self.actors_at(p)]
            mods = [c for c in noun.children if c.dep_ in ("compound", "nmod", "amod")]
            mods += [
                g
                for c in mods
                for g in c.children
                if g.dep_ in ("compound", "nmod") or hyphened(g, c)
            ]
            named = {a.kb_id_: a for c in mods for a in self.actors_at(c) or self.demonym(c)}
            named = list(named.values())
            sides = sides or (named if len(named) == 2 else [])
            if len(sides) == 2:
                clause = self.holder(noun)[1]
                self._acts(sides[0], sides[1], noun, lemma, None, clause=clause, mutual=True)
        by = self.by(noun)
        if noun.dep_ == "dobj":  # (`the U.S. launched a U.S.-led invasion`: the verb's row)
            by = [a for a in by if a.kb_id_ not in self._carried(noun.head)]
        # (`of` names the one acted on after a doer, not the troops moved by one)
        moved = self.ext.type_of.get(lemma) in self.ext.moving_types
        preps = NOUN_PREPS if (by or self.owners(noun)) and not moved else NOUN_PREPS - {"of"}
        kind = self.event_type(lemma, None, noun)
        goods = lemma in self.ext.buying
        preps = self.open_preps(preps, kind, goods)
        targets = [a for p in prep_objects(noun, preps) for a in self.acted_on(p, kind, goods)]
        if kind in ("REQUEST", "ACCUSE") and (by or self.owners(noun)):
            # `Trump's accusation that Obama founded ISIS` (an owner's: not `Clinton responded
            # to accusations that X`, which are not hers)
            targets += self.clause_subjects(noun, ("acl", "ccomp"))
        if not targets:
            self._resisted(noun, lemma, by)
            return
        # an owner's act runs one way (`Kenya's dispute with Somalia`, `his summit with Kim`)
        mutual: bool | None = False
        if by:
            sources, verb, mutual = by, None, None
        elif noun.dep_ == "dobj" and self.subjects(noun.head):
            # `held talks with Seoul`, `requested WTO consultations with the U.S.`: the
            # verb's reading covers it; only a possessor (`weaken Egyptian ties with Greece`: a
            # demonym too) is the act's own agent
            mine = self._carried(noun.head)
            sources = [a for a in self.owners(noun, ("poss", "amod")) if a.kb_id_ not in mine]
            verb = None
        else:
            sources, verb = self.holder(noun)
            mutual = False if verb is None else None
        for source in sources:
            for target in targets:
                self._acts(source, target, noun, lemma, None, clause=verb, mutual=mutual)

    def _resisted(self, noun: Token, lemma: str, by: list[Span]) -> None:
        """`Khan rejected Trump's offer`, `the caucus reacts to Sanders' call`, `cave in to
        Pyongyang's pressure`: an act its doer aims at no one named is aimed at the one who
        resists, answers or yields to it (the subject of the verb it is the object of)."""
        if lemma in self.ext.symmetric:
            return  # (`reject the Puerto Rico debt deal`: no act of one party on the other)
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ in ("to", "with"):
            verb = verb.head  # (`caved in to`, `responded to`, `complied with`)
        elif noun.dep_ != "dobj":
            return
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.ext.resisting:
            return
        # (`did not respond to VOA's request for comment`: an interview is no event)
        sources = [a for a in by or self.owners(noun) if not self.outlet(a)]
        targets = self.reactors(verb) if sources else []
        for source in sources:
            for target in targets:
                if target.kb_id_ != source.kb_id_:
                    self._acts(source, target, noun, lemma, None, mutual=False)

    def reactors(self, verb: Token) -> list[Span]:
        """The subject of a verb, or of the clause it completes (`the U.S. is likely to ...
        cave in`, `the department failed to respond`); not the one who asks it (`asked by
        Stephanopoulos to respond, Carson said`: Carson responds)."""
        for _ in range(6):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                return [a for t in subjects for a in self.actors_at(t)]
            if verb.dep_ not in ("xcomp", "conj", "advcl", "acomp") or verb.head is verb:
                return []
            verb = verb.head
        return []

    def _stance(self, adj: Token) -> None:
        """`While highly critical of the British government, he`, `making India supportive of
        security cooperation with Japan`: the one an adjective of stance describes acts on
        the object of its preposition (or on the parties of the act it names)."""
        said, preps = self.ext.stances[adj.lemma_.lower()]
        own = [c for c in adj.children if c.dep_ == "nsubj"]
        if own:
            sources = [a for t in own for a in self.actors_at(t)]
        elif adj.dep_ == "acomp":  # `X is critical of Y`
            sources = self.subjects(adj.head)
        elif adj.dep_ == "amod" and adj.head.dep_ == "prep":  # `While critical of Y, X`
            sources = self.subjects(adj.head.head)
        else:
            return
        kind = self.ext.type_of.get(said, "")
        targets = []
        for pobj in prep_objects(adj, set(preps)):
            found = self.acted_on(pobj, kind)
            if not found and pobj.lemma_.lower() in self.ext.event_nouns:
                # `supportive of security cooperation with Japan`: its other party
                found = [
                    a
                    for p in prep_objects(pobj, {"with", "to", "against"})
                    for a in self.actors_at(p)
                ]
            targets += found
        for source in sources:
            for target in targets:
                self._acts(source, target, adj, said, None, mutual=False)

    def _against(self, noun: Token) -> None:
        """`China's punitive measures against Australia`, `vote on measures against Turkey`:
        a noun the lexicon does not know, aimed `against` an actor, is a hostile act of its
        holder (its owner, or the subject of the verb it hangs off); not a role (`the case
        against him` is an act, `a candidate against X` a role) nor an actor's own word."""
        if noun.lower_ in self.g.role_nouns or noun.i in self.by_token:
            return
        lemma = noun.lemma_.lower()
        if lemma in self.ext.skip or lemma in self.ext.member_heads:
            return
        targets = [a for p in prep_objects(noun, {"against"}) for a in self.actors_at(p)]
        sources, verb = self.holder(noun) if targets else ([], None)
        kids = list(noun.children)
        if any(c.dep_ == "poss" and (verb is not None or c.pos_ == "PRON") for c in kids):
            return  # `its battle against Beijing`: a looser reading trusts named owners only
        if any(c.dep_ == "det" and c.lower_ in ("any", "no") for c in kids):
            return  # `was considering any punitive action against Dodik`: none taken yet
        if verb is not None and noun.dep_ == "pobj" and noun.head.lower_ in ("for", "of"):
            return  # `deny use of its soil for terrorist activities against X`: a purpose
        for source in sources:
            for target in targets:
                self._acts(source, target, noun, lemma, None, clause=verb, mutual=False)

    def _toward(self, noun: Token) -> None:
        """`Ankara's shift toward Moscow`, `China has leverage over Pakistan`: a stance or hold
        of the noun's holder (its owner, or the subject of the verb it hangs off) toward the
        one its preposition names."""
        lemma = noun.lemma_.lower()
        preps, polarity = self.ext.toward[lemma]
        targets = [a for p in prep_objects(noun, preps) for a in self.actors_at(p)]
        sources, verb = self.holder(noun) if targets else ([], None)
        for source in sources:
            for target in targets:
                self._acts(source, target, noun, lemma, None, clause=verb, polarity=polarity)

    def outlet(self, actor: Span) -> bool:
        """A news outlet: a known one, one of its services (`told VOA's Bosnian Service`), one
        the text calls so (`told Indonesian newspaper Kompas`, `the Reuters news agency`), or
        one whose name says so (`told France Television`, `the Christian Broadcasting
        Network`)."""
        root = actor.root
        owners = (self.actor(c) for c in root.children if c.dep_ == "poss")
        if {actor.kb_id_, *(o.kb_id_ for o in owners if o is not None)} & self.ext.outlets:
            return True
        near = [c for c in root.children if c.dep_ in ("compound", "appos")]
        near += [root.head] if root.dep_ in ("compound", "appos") else []
        near += [c for t in near for c in t.children if c.dep_ == "compound"]
        words = {t.lemma_.lower() for t in near}
        named = self.actors.get(actor.kb_id_, {}).get("name") or actor.text
        if not self.ext.outlet_nouns.isdisjoint(words | set(named.lower().split())):
            return True
        # a known outlet, or a service its name begins (`told VOA Mandarin`, `BBC Persian`)
        tokens = actor.text.split()
        names = {named, *(" ".join(tokens[:k]) for k in range(1, len(tokens) + 1))}
        if any(self.g.org_names.get(n) in self.ext.outlets for n in names):
            return True
        # (a short name that is a common word only whole: `the Post`, not `the Post Office`)
        whole = {n.lower().removeprefix("the ") for n in (named, actor.text)}
        begun = {n.lower().removeprefix("the ") for n in names} - self.ext.outlet_whole_names
        return bool((whole | begun) & self.ext.outlet_names) and actor.label_ == "ORG"

    def medium(self, actor: Span) -> bool:
        """`On Twitter, Cruz called Pelosi "reckless"`, `criticized Pelosi on MSNBC's "Morning
        Joe"`: an outlet a verb's act is done on or in (or whose show it is) is where the act
        is said, not an end of it (`imposed sanctions on RT` still acts on RT: the noun's),
        and so is one a thing is put on (`released a video on Instagram`); nor is it the doer
        of what is posted there (`a video on Instagram attacking Trump`, parsed with
        Instagram the subject of `attacking`)."""
        root = actor.root
        if root.dep_ == "poss":
            root = root.head
        root = first_conjunct(root)
        prep = root.head
        if root.dep_ == "nsubj" and prep.dep_ == "pcomp":
            prep, where = prep.head, True
        else:
            done = prep.head.pos_ in ("VERB", "AUX")
            put = prep.head.pos_ == "NOUN" and prep.head.lemma_.lower() not in self.ext.event_nouns
            where = root.dep_ == "pobj" and (done or put)
        return where and prep.lower_ in ("on", "in", "via") and self.outlet(actor)

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
        polarity: str | None = None,
    ) -> None:
        """One acts_on row (two for a mutual act): its predicate, type and modality.

        ``clause`` is the verb that states an event noun (`sent a message to Xi`); ``mutual``
        says whether the act runs both ways (None: as the predicate and its ends say);
        ``polarity`` is that of a stance the lexicon gives (None: read from the act).
        """
        ext = self.ext
        if lemma in ext.leaving and source.label_ == "PERSON" and target.label_ == "STATE":
            # `Mech Dara left Cambodia`: a person leaving a country moves, like `fled`
            # (`will not leave Australia alone` still acts on it)
            kids = list(pred.children)
            objects = [c for c in kids if c.dep_ == "dobj"]
            moved = objects and all(target.start <= c.i < target.end for c in objects)
            if moved and not any(c.dep_ in ("oprd", "advmod", "acomp") for c in kids):
                return
        particles = [c.lower_ for c in pred.children if c.dep_ == "prt"]
        said = " ".join([lemma, *particles])  # `crack down` keeps its particle
        predicate = said if obj is None else f"{said} {obj.lower_}"
        contest = self.competed(lemma, pred, (source, target))
        event_type = self.event_type(lemma, obj, pred, (source, target), contest)
        if self.standing(lemma, obj, pred):
            event_type = ""
        anchor = clause or pred
        negated = self.negated(anchor)
        frame = self.complement_of(anchor, pred)
        if frame is not None:
            # `threatened to impose tariffs`, `refused to meet`: the act is the threat
            head = frame.lemma_.lower()
            event_type, predicate = ext.complement_heads[head], f"{head} to {predicate}"
            anchor = frame
            negated = self.negated(anchor)
        if negated:
            predicate = "not " + predicate
            if lemma in ext.negated_as:  # `does not recognize Taiwan` is itself an act
                event_type, negated = ext.negated_as[lemma], False
        if negated or self.avoided(pred, lemma, obj):
            modality = "negated"  # wherever it is stated, a denied act did not happen
        elif (quote := self.quote_holding(anchor.idx)) and not self.requested(quote):
            modality = "reported"
        else:
            aim = obj is not None and anchor.i == pred.i and lemma in ext.cues["future_heads"]
            aim = aim and not self.judged(pred, obj)  # (`called X's remarks "insulting"`)
            event = pred if frame is None else None  # (the threat happened, not its content)
            modality = self.modality(anchor, event, aim)
        start = min(source.start_char, target.start_char, pred.idx)
        end = max(source.end_char, target.end_char, pred.idx + len(pred))
        if mutual is None:
            # (`met with X`, `X and Y signed`, and a mutual verb's object: `meeting Modi`)
            at = self.place(target.root)
            met = obj is None and pred.pos_ == "VERB" and first_conjunct(at).dep_ == "dobj"
            # (`X has good relations with Y`: a state, one way; `X and Y have ties`: both)
            partner = with_object(at) and lemma not in ext.static and not self.siding(pred)
            handled = pred.pos_ == "VERB" and lemma in ext.noun_senses  # (`dealt with X`)
            mutual = (
                not handled
                and self._symmetric(lemma, obj)
                and (met or partner or target.kb_id_ in self._coordinated(source))
            )
        pairs = [(source, target), (target, source)] if mutual else [(source, target)]
        if event_type in ("", "CONSULT") and (self.outlet(source) or self.outlet(target)):
            return  # `VOA spoke with Armitage`, `told VOA`: an interview is no event
        if self.medium(target) or self.medium(source):
            return  # `attacked Pelosi on Twitter`: said there, not done to it
        if polarity is None or event_type:
            polarity = self.polarity(event_type, lemma, pred, obj)
        contest = contest and not event_type
        if contest:
            polarity = ""  # `challenging Macron` for his post: an election is no conflict
        root = first_conjunct(target.root)
        if (
            not (event_type or polarity or contest)
            and root.dep_ == "pobj"
            and root.head.lower_ == "against"
        ):
            polarity = "conflict"  # `weapons Russia has used against Ukraine`: done against it
        if not (event_type or polarity) and (source.kb_id_, target.kb_id_) in self.members:
            # `Trump has been reassigning U.S. officials`: a neutral untyped act of an official
            # or national on their own state is the state's business, not an act on it (a
            # hostile one still is: `Alinejad, a vocal critic of Tehran`, `Dodik ...
            # challenging Bosnia and Herzegovina's state institutions`)
            return
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

    def their_tie(self, noun: Token | None) -> bool:
        """`India and Mauritius have upgraded their ties`: a bond two subjects hold together,
        whatever the verb does to it, is between them."""
        return (
            noun is not None
            and noun.lemma_.lower() in self.ext.symmetric
            and any(c.dep_ == "poss" and c.lower_ == "their" for c in noun.children)
        )

    def siding(self, verb: Token) -> bool:
        """`Ted Cruz is now agreeing with me`, `if the BIA agrees with the government`: taking
        another's side runs one way; an agreement reached says what on (`agreed with Japan to
        hold talks`, `agreed with Seoul on a deal`) and is mutual."""
        if verb.lemma_.lower() not in self.ext.siding:
            return False
        content = ("xcomp", "ccomp", "dobj")
        return not any(
            c.dep_ in content or (c.dep_ == "prep" and c.lower_ in SIDING_CONTENT)
            for c in verb.rights
        )

    def _carried(self, verb: Token) -> set[str]:
        """The subjects of a verb that carries its object's act (`settled its dispute with
        Kenya`, `held its talks with X`): their own possessive makes it no other's act."""
        if verb.lemma_.lower() not in self.ext.carrying:
            return set()
        return {a.kb_id_ for a in self.subjects(verb)}

    def _event_noun(self, tok: Token | None) -> bool:
        """`led the offensive against Assad`: a post's verb with an act for its object."""
        return tok is not None and tok.lemma_.lower() in self.ext.event_nouns

    def _coordinated(self, span: Span) -> set[str]:
        return {a.kb_id_ for a in self.actors_at(span.root)}


def hyphened(first: Token, second: Token) -> bool:
    """`U.S.-Turkish`, `Turkish-American`: two words joined by a hyphen (one compound
    modifier, whatever dependency the parse gave its first half)."""
    doc = first.doc
    return first.i + 2 == second.i and doc[first.i + 1].text == "-"
