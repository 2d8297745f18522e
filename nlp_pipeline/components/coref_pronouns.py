"""Pronouns for :mod:`coref`: ``he``/``she``/``it``/``its``/``they`` to the most salient actor that
agrees, never one its own clause binds (``Kim met Putin and thanked him``)."""

from __future__ import annotations

from spacy.tokens import Token

from .coref_mentions import SUBJECTS, Mentions, phrase_top, subject_of

_OBJECTS = {"dobj", "dative", "pobj", "attr", "oprd"}
_CLIMB = {"conj", "advcl", "xcomp", "acl", "pobj", "dobj", "prep"}
# the clauses a subject pronoun goes on from the subject of the clause they hang from
_CONTINUED = {"conj", "advcl", "ccomp", "relcl"}
_OWNED = {"prep", "pobj", "pcomp", "dobj", "attr", "conj", "xcomp", "appos", "oprd"}
_NOMINAL = {"NOUN", "PROPN", "PRON"}
_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "dative", "pobj", "attr", "oprd", "appos", "conj"}
# a noun naming a time or an amount is no antecedent of ``it`` (``on Monday``, ``in 2010``)
_NOT_THINGS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}


class Pronouns(Mentions):
    """Resolve each pronoun to the most salient actor of its gender."""

    def _pronoun(self, tok: Token) -> None:
        gender = self.ext.pronouns[tok.lower_]
        speaking = tok.dep_ in SUBJECTS and tok.head.lemma_ in self.ext.speech_verbs
        if gender in ("n", "o") and tok.dep_ == "nsubjpass":
            speaking = False  # ``because it was written by a woman``: what is said
        owner = tok.lower_ in ("its", "their", "itself")
        reporter = self._reporter(tok)
        if gender == "o" and speaking:
            return  # ``they said``: most often people the text does not name
        if gender in ("n", "o") and not (speaking or owner or reporter):
            return  # ``it`` rarely stands for an actor unless it speaks
        window = 1 if gender in ("n", "o") else self.ext.max_sentences
        if owner:  # ``NASA tweeted via its account``: the subject of its clause
            window = 0
        excluded = self._bound(tok) | self._fronted(tok)
        if gender in ("m", "f") and tok.i in self.quoted_by:
            excluded.add(self.quoted_by[tok.i])  # the speaker says "I", not "he"
        elif gender in ("m", "f") and self.quoted_by_pronoun.get(tok.i) in self.pronoun_actor:
            excluded.add(self.pronoun_actor[self.quoted_by_pronoun[tok.i]])
        if speaking and gender in ("m", "f"):
            # ``"... affecting Mr. Berisha," he said``, ``He said, "Andy Warhol was ...``:
            # not one the quotation just before or after its tag names
            for j in range(tok.i - 3, tok.i + 5):
                excluded |= self.named_in.get(j, set())
        scores = self._salience(tok.i, window, excluded, gender)
        if reporter in scores:  # ``Smith said he would resign``: the one reporting
            scores = {reporter: scores[reporter]}
        elif gender in ("n", "o") and not (speaking or owner):
            return
        elif owner:
            subjects = self._clause_subjects(tok)
            if tok.lower_ == "their":
                subjects = {a for a in subjects if self._number(a, True)}
            subjects = subjects or {self._owner(tok)}
            scores = {a: v for a, v in scores.items() if a in subjects}
        elif gender in ("m", "f") and (_reflexive(tok) or tok.dep_ == "poss"):
            # ``Bernoulli plagiarized Daniel's ideas in his own book``, ``he saw himself``: the
            # subject of its clause, when one agrees; ``he was taking his family``: the he
            subjects = self._clause_subjects(tok, pronoun=not _reflexive(tok))
            bound = {a: v for a, v in scores.items() if a in subjects}
            scores = bound or scores
        if not scores:
            return
        # ties go to the most recent (dicts keep the order of insertion: most recent first)
        actor = max(scores, key=scores.__getitem__)
        if speaking and self.speaker in scores:
            actor = self.speaker  # ``"...," he told VOA``: the run of quotes goes on
        elif speaking and gender in ("m", "f"):
            # ``Valls spoke out against Trump's influence ... "...," he warned``: the one the
            # story was just about as a subject, not a name repeated around it (on PolNeAR
            # train, none of 31 changes wrong on articles it was not written from)
            actor = self._last_subject(tok, scores) or actor
        ent = self.entities[actor]
        if gender in ("m", "f") and not ent.gender:
            ent.gender = gender
        if gender in ("m", "f"):
            self.pronoun_actor[tok.i] = actor
        self._resolved(tok.i, tok.i + 1, actor)

    def _last_subject(self, tok: Token, scores: dict[str, float]) -> str:
        """The agreeing person last named alone as the subject of a clause no one reports,
        in the sentence of ``tok`` or as the subject of the main clause of the one before."""
        for m in reversed(self.history):
            if m.i >= tok.i:
                continue
            gap = self.sent[tok.i] - m.sent
            if gap > 1:
                break
            name = self.doc[m.i]
            if m.quoted != bool(self.in_quote[tok.i]) or m.actor not in scores:
                continue
            if m.actor.startswith("_") or _modifier(name) or name.dep_ == "conj":
                continue
            verb = subject_of(name)
            if verb is None or any(c.dep_ == "conj" for c in phrase_top(name).children):
                continue
            if any(a.lemma_ in self.ext.speech_verbs for a in verb.ancestors):
                continue
            main = verb
            while main.dep_ == "conj":
                main = main.head
            if gap and main.dep_ != "ROOT":
                continue
            if self._owned_by(name, self.ext.pronouns[tok.lower_]):
                return ""  # ``Her mother, Jane Eng, was born ... "...," she said``: either
            return m.actor
        return ""

    def _owned_by(self, name: Token, gender: str) -> bool:
        """Whether a name's phrase has an owner of ``gender`` (``her mother, Jane Eng``):
        the one it is told through is as likely the he or she that follows."""
        phrase, top = [name], phrase_top(name)
        while phrase[-1] != top:
            phrase.append(phrase[-1].head)
        owners = (c for t in phrase for c in t.children if c.dep_ == "poss")
        return any(self.ext.pronouns.get(c.lower_) == gender for c in owners)

    def _reporter(self, tok: Token) -> str:
        """The actor reporting the clause ``tok`` is the subject of: ``Smith said he would
        resign``, ``North Korea stated it would attack``, ``Devocht, who had told Montalvo
        he would help``; for an ``it``/``they`` no person reports, the state or organisation
        it goes on with (:meth:`_continued`)."""
        verb, ext = tok.head, self.ext
        pleonastic = verb.pos_ == "AUX" or verb.lemma_ in ext.pleonastic_verbs
        if tok.dep_ not in SUBJECTS or (tok.lower_ == "it" and pleonastic):
            return ""  # ``Microsoft announced that it is time to ...``: of no one
        neuter = tok.lower_ in ("it", "they")
        if verb.dep_ == "ccomp" and verb.head.lemma_ in ext.speech_verbs:
            actor = self._subject_actor(verb.head, tok.i)
            if not neuter or (actor and actor not in self.people):
                return actor
        return self._continued(tok) if neuter else ""

    def _continued(self, tok: Token) -> str:
        """The state or organisation a subject ``it``/``they`` goes on with: the subject of
        the nearest clause above its own with one before it (``Russia felt threatened, and
        they responded``, ``Beijing hinted that it could retaliate``); for ``they``, of a
        clause opening its sentence (``If the Taliban are sincere, they must stop``; ``If
        the Senate passes it, it means``: the event); opening its sentence, of the sentence
        before (``UAAR launched a petition. It is also urging ...``). None for an ``it`` of
        no verb (``made it hard to``)."""
        if tok.head.pos_ != "VERB":
            return ""
        path = [tok.head]
        while path[-1].dep_ in _CONTINUED and path[-1].head.i != path[-1].i:
            # (a relative clause goes on from the clause of the noun it describes)
            up = path[-1].head
            path.append(up.head if path[-1].dep_ == "relcl" else up)
            if any(c.dep_ in SUBJECTS and c.i < tok.i for c in path[-1].children):
                return self._agreeing_subject(path[-1], tok)
        for clause in (c for v in path for c in v.children) if tok.lower_ == "they" else ():
            before = clause.right_edge.i < tok.i
            if (
                clause.dep_ == "advcl"
                and before
                and any(c.dep_ in SUBJECTS for c in clause.children)
            ):
                return self._agreeing_subject(clause, tok)
        sent = tok.sent
        if sent.start == 0 or any(t.pos_ in _NOMINAL for t in self.doc[sent.start : tok.i]):
            return ""
        return self._agreeing_subject(self.doc[sent.start - 1].sent.root, tok)

    def _owner(self, tok: Token) -> str:
        """The state or organisation an ``its``/``their`` is when its clause has no subject
        that agrees: in the subject of a reported clause, the one reporting (``Mogadishu
        argues its border should be extended``); else the subject of the clause that its
        own, with no subject, hangs from (``Turkey could find itself excluded from exercises
        with its partners``); where an object is the one that acts, that one (``praised
        ECOWAS for activating its force``, not ``urged Google to update its maps``)."""
        node = tok.head if tok.dep_ == "poss" else tok
        if node.dep_ in SUBJECTS:  # (``found itself excluded``: the subject of ``found``)
            verb = node.head
            return self._agreeing_subject(verb.head, tok) if verb.dep_ == "ccomp" else ""
        clause = gerund = False
        while _owned(node) and node.head.i != node.i:
            clause |= node.dep_ in ("xcomp", "advcl")
            gerund |= node.dep_ == "pcomp"
            node = node.head
            subjects = [c.dep_ for c in node.children if c.dep_ in SUBJECTS]
            if node.pos_ in ("VERB", "AUX") and subjects:
                objects = [c for c in node.children if _addressee(c) and c.i < tok.i]
                objects = [c for c in objects if not c.lower_.endswith("self")]
                if gerund and [c.dep_ for c in objects] == ["dobj"]:
                    # ``praised ECOWAS for activating its force``: the object's
                    return self._agreeing(self._phrase_actor(objects[0]), objects[0], node, tok)
                if objects:
                    return ""
                if clause and subjects != ["nsubj"]:
                    return ""  # ``NATO was formed to contain its ambitions``: the Soviets'
                return self._agreeing_subject(node, tok)
        return ""

    def _agreeing_subject(self, host: Token, tok: Token) -> str:
        """The actor that is the one subject of ``host`` before the pronoun ``tok``, if it
        agrees in number (``it``, ``its``: a state or a singular organisation; ``they``,
        ``their``: a plural one) and no thing of its number nor another actor is named
        between them, outside the subject's own phrase."""
        actor = self._subject_actor(host, tok.i)
        subject = next((c for c in host.children if c.dep_ in SUBJECTS and c.i < tok.i), tok)
        return self._agreeing(actor, subject, host, tok)

    def _agreeing(self, actor: str, named: Token, host: Token, tok: Token) -> str:
        """``actor``, named as the phrase ``named`` of the clause ``host``, if it agrees in
        number with ``tok`` and no thing of its number nor another actor is named in
        ``host`` before ``tok`` outside that phrase."""
        plural = tok.lower_ in ("they", "their")
        if not actor or not self._number(actor, plural):
            return ""
        if self.in_quote[named.i] != self.in_quote[tok.i]:
            return ""
        # a thing anywhere in its clause, or in what it reports (``the incident ..., BFM TV
        # reported. It occurred``)
        for t in self.doc[host.left_edge.i : tok.i]:
            if named.left_edge.i <= t.i <= named.right_edge.i:
                continue
            other = self.actor_tok.get(t.i)
            if other is not None and other != actor and t.dep_ != "compound":
                return ""  # ``Kenya ... Somalia ... it``: either
            if other is None and t.dep_ in _ARGUMENTS and _number(t) == ("p" if plural else "s"):
                return ""  # ``Apple launched a phone. It ...``: the phone it may be
        return actor

    def _subject_actor(self, verb: Token, before: int) -> str:
        """The actor that is the one subject of ``verb`` before ``before``; a group of
        subjects (``Kim and Lee said they``) is none."""
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS and c.i < before]
        if len(subjects) != 1 or any(c.dep_ == "conj" for c in subjects[0].children):
            return ""
        subject = subjects[0]
        if subject.tag_ == "WP" and verb.dep_ == "relcl":  # ``who``: the one it describes
            subject = verb.head
        return self._phrase_actor(subject)

    def _phrase_actor(self, top: Token) -> str:
        """The actor named as the phrase ``top`` heads, not by a name modifying a noun
        (``RT journalists said they``)."""
        for m in reversed(self.history):
            if m.i < top.left_edge.i:
                break
            name = self.doc[m.i]
            if m.i <= top.right_edge.i and phrase_top(name) == top and not _modifier(name):
                return m.actor
        return ""

    def _clause_subjects(self, tok: Token, pronoun: bool = False) -> set[str]:
        """Actors mentioned before ``tok`` as the subject of its clause's verb, or of the verb
        that one shares its subject with (``NASA met them and tweeted its support``); not
        the subject of a clause inside it (``the phone Samsung launched lost its battery``)
        nor a name modifying a noun (``a Samsung phone lost its battery``)."""
        verb = _verb(tok)
        while verb.dep_ in ("conj", "xcomp") and not any(c.dep_ in SUBJECTS for c in verb.children):
            if verb.dep_ == "xcomp" and any(_addressee(c) for c in verb.head.children):
                break  # ``China urged Google to update its maps``: the object's (and so
                # ``called on Russia to withdraw its troops``)
            verb = verb.head
        out = set()
        for m in reversed(self.history):
            if m.i < verb.left_edge.i:
                break
            name, top = self.doc[m.i], phrase_top(self.doc[m.i])
            if pronoun and name.pos_ != "PRON":
                continue
            if m.i < tok.i and top.dep_ in SUBJECTS and top.head == verb and not _modifier(name):
                out.add(m.actor)
        return out

    def _fronted(self, tok: Token) -> set[str]:
        """Actors named, not as a subject, in a participle or prepositional phrase that opens
        the sentence of a subject pronoun and has no subject of its own: the pronoun is its
        understood subject (``Placed in the care of Dr. Bailey, he was encouraged``, ``After
        meeting Obama, he left``); ``After police arrested Smith, he`` may be Smith,
        ``After his return, he`` is his."""
        if tok.dep_ not in SUBJECTS:
            return set()
        doc, start = self.doc, tok.i
        while start and self.sent[start - 1] == self.sent[tok.i]:
            start -= 1
        first = next((t for t in doc[start : tok.i] if t.dep_ not in ("cc", "punct")), tok)
        if first.i >= tok.i or first.tag_ not in ("VBN", "VBG", "IN"):
            return set()
        out = set()
        for m in reversed(self.history):
            if m.i < first.i:
                break
            name = doc[m.i]
            if m.i > tok.i or name.pos_ == "PRON" or name.dep_ == "poss":
                continue
            phrase = [t for t in (name, *name.ancestors) if t.i < tok.i]
            if not any(c.dep_ in SUBJECTS for t in phrase for c in t.children):
                out.add(m.actor)
        return out

    def _bound(self, tok: Token) -> set[str]:
        """Actors a non-reflexive object pronoun cannot be: the subject of its own verb
        (``Kim met Putin and thanked him``, ``Kim wrote to Xi thanking him``); nor is a
        possessive in an apposition the one it is said of."""
        if tok.dep_ == "poss" and tok.head.dep_ == "appos":  # ``Firefox, its rival``: not Firefox
            host = tok.head.head.i
            return {m.actor for m in self.history if phrase_top(self.doc[m.i]).i == host}
        if tok.dep_ not in _OBJECTS or tok.lower_.endswith("self"):
            return set()
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        # ``Kim ... thanking him``, ``Kim wrote a letter to Xi congratulating him``: a verb
        # with no subject of its own has the subject of the clause it hangs from
        for _ in range(4):
            if any(c.dep_ in SUBJECTS for c in verb.children) or verb.dep_ not in _CLIMB:
                break
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        if verb.tag_ == "VBG" and verb.dep_ in (*_CLIMB, "ccomp"):
            # a participle's parsed subject is often a noun of the clause above (``Kim made
            # the comments ... congratulating him``): the clause above binds too
            subjects += [c for c in verb.head.children if c.dep_ in SUBJECTS]
        # the subject, not a possessive in it: ``Her professor, Koolhaas, described her``
        tops = {s.i for s in subjects}
        return {m.actor for m in self.history if phrase_top(self.doc[m.i]).i in tops}


def _number(tok: Token) -> str:
    """``s`` for a singular common or proper noun, ``p`` for a plural one, else ``""``."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in _NOT_THINGS:
        return ""
    return "p" if tok.tag_ in ("NNS", "NNPS") else "s"


def agreement(top: Token) -> str:
    """The number the verb of a subject shows: ``p`` (``the Taliban have``, ``were``), ``s``
    (``Hamas says``, ``was``), else ``""``; a group of subjects shows none."""
    if top.dep_ not in SUBJECTS or any(c.dep_ == "conj" for c in top.children):
        return ""
    verb = top.head
    for t in [*(c for c in verb.children if c.dep_ in ("aux", "auxpass")), verb]:
        if t.tag_ == "VBP" or t.lower_ == "were":
            return "p"
        if t.tag_ == "VBZ" or t.lower_ == "was":
            return "s"
    return ""


def _owned(tok: Token) -> bool:
    """A word an ``its`` goes up through to the subject of its clause: a phrase of the
    clause, or an infinitive of purpose (``turned to laws to bolster its interests``), not
    another clause (``The phone Samsung launched lost its battery``)."""
    to = tok.dep_ == "advcl" and any(c.tag_ == "TO" for c in tok.children)
    return tok.dep_ in _OWNED or to


def _verb(tok: Token) -> Token:
    """The verb of the clause ``tok`` is in."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:  # a root: its own head
        verb = verb.head
    return verb


def _addressee(tok: Token) -> bool:
    """The object of a verb, or the one a request is made of (``called on Russia``)."""
    if tok.dep_ == "dobj":
        return True
    on = tok.dep_ == "prep" and tok.lower_ in ("on", "upon")
    return on and any(c.dep_ == "pobj" for c in tok.children)


def _modifier(name: Token) -> bool:
    """A name modifying a common noun (``RT journalists``) is not what the phrase is."""
    return name.dep_ == "compound" and name.head.pos_ == "NOUN"


def _reflexive(tok: Token) -> bool:
    """``himself``, ``his own``: bound by the subject of its own clause."""
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    return tok.lower_.endswith("self") or (nxt is not None and nxt.lower_ == "own")
