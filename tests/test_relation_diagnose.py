"""``benchmarks/relation_accuracy.py --diagnose``: how the end a sentence lacks is named."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location(
    "relation_accuracy", ROOT / "benchmarks" / "relation_accuracy.py"
)
relation_accuracy = importlib.util.module_from_spec(spec)
spec.loader.exec_module(relation_accuracy)


def _found(nlp, text: str) -> dict:
    doc = nlp(text)
    mentions = [
        (s.start_char, s.end_char, {s.kb_id_})
        for key in ("actors", "coref")
        for s in doc.spans.get(key, [])
    ]
    sents = [(s.start_char, s.end_char) for s in doc.sents]
    return {"mentions": mentions, "sents": sents, "cues": relation_accuracy.end_cues(nlp, doc)}


def _gold(text: str, evidence: str, source: str, target: str) -> dict:
    start = text.index(evidence)
    return {
        "source": source,
        "target": target,
        "start_char": start,
        "end_char": start + len(evidence),
    }


def test_missing_state_named_by_its_demonym(nlp):
    text = "Turkey bought Russian missiles. Trump blocked the Turkish sale."
    gold = _gold(text, "Trump blocked the Turkish sale", "person:donald-trump", "state:TUR")
    assert relation_accuracy.how_named(gold, _found(nlp, text)) == "demonym"


def test_missing_person_named_by_an_unresolved_pronoun(nlp):
    text = "Senator Jim Risch met Marco Rubio. Later they wrote in a letter to Rubio."
    gold = _gold(text, "they wrote in a letter to Rubio", "person:jim-risch", "person:marco-rubio")
    assert relation_accuracy.how_named(gold, _found(nlp, text)) == "pronoun"


def test_missing_person_named_by_a_pronoun_resolved_to_another(nlp):
    text = (
        "Marco Rubio criticized Milorad Dodik on Monday. "
        "He said Bosnia must protect its state institutions."
    )
    evidence = "He said Bosnia must protect its state institutions."
    gold = _gold(text, evidence, "person:milorad-dodik", "state:BIH")
    found = _found(nlp, text)
    assert relation_accuracy.how_named(gold, found) == "misresolved"


def test_polarity_of_the_same_event_is_scored_apart():
    """A row matched to a gold row of the same pair but another event (its evidence elsewhere)
    counts for precision, not for the same-event polarity figure."""
    text = "Mali disputed ECOWAS claims. Later, ECOWAS kept trade ties with Mali."
    dispute = _gold(text, "Mali disputed ECOWAS claims", "state:MLI", "org:ecowas")
    gold = {"relation": "acts_on", "polarity": "conflict", "event_type": "", "modality": ""}
    row = {**gold, "polarity": "cooperation", "raw": ("state:MLI", "org:ecowas")}
    story = {"split": "dev", "relations": [{**dispute, **gold}]}
    kept = _gold(text, "ECOWAS kept trade ties with Mali", "state:MLI", "org:ecowas")
    on_dispute = {**dispute, **row, "polarity": "conflict"}
    figures = relation_accuracy.score([story, story], [[{**kept, **row}], [on_dispute]])
    dev = figures["dev|acts_on"]
    assert (dev["match"], dev["polarity"]) == (2, 1)
    assert (dev["match_ev"], dev["polarity_ev"]) == (1, 1)


def test_affiliation_with_a_state_named_only_by_its_demonym_is_counted_apart():
    """A person tied to a state the story names only by a demonym is a row the gold cannot
    hold (both ends must be named there): counted apart, still a false positive in P."""
    text = "Spanish Prime Minister Pedro Sanchez met Emmanuel Macron. France hosted him."
    row = {"relation": "affiliated_with", "start_char": 0, "end_char": 36}
    spain = {**row, "source": "person:pedro-sanchez", "target": "state:ESP"}
    spain["raw"] = ("person:pedro-sanchez", "state:ESP")
    france = {**spain, "target": "state:FRA", "raw": ("person:pedro-sanchez", "state:FRA")}
    story = {"split": "dev", "text": text, "relations": []}
    story["mentions"] = [{"actor_id": "state:FRA"}, {"actor_id": "person:pedro-sanchez"}]
    dev = relation_accuracy.score([story], [[spain, france]])["dev|affiliated_with"]
    assert (dev["pred"], dev["match"], dev["demonym_only"]) == (2, 0, 1)
