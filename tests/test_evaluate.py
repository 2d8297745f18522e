"""The scorer on hand-built gold/prediction pairs, the gold readers, and `nlp-pipeline evaluate`."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import DocBin
from typer.testing import CliRunner

from nlp_pipeline.evaluate import (
    BASE_NER_MAP,
    Entity,
    GoldDoc,
    GoldFormatError,
    Quote,
    coverage,
    is_speech_cue,
    match_quotes,
    parse_label_map,
    predicted_entities,
    quote_from_row,
    quote_kind,
    read_brat,
    read_conll,
    read_docbin,
    read_gold,
    read_jsonl,
    score_entities,
    score_quotes,
)

TEXT = (
    "Chinese Foreign Ministry spokesperson Wang Wenbin said on Monday that Beijing "
    "would not accept the sanctions. Washington rejected the claim."
)
WANG = Entity(38, 49, "PERSON")  # "Wang Wenbin"


def test_hand_built_offsets_are_right():
    assert TEXT[WANG.start : WANG.end] == "Wang Wenbin"
    assert TEXT[70:77] == "Beijing"
    assert TEXT[110:120] == "Washington"


# ---------------------------------------------------------------- entity scorer


def test_entities_exact_span_and_label():
    gold = [GoldDoc("d", TEXT, [WANG, Entity(70, 77, "STATE")])]
    pred = [[WANG, Entity(70, 77, "ORG"), Entity(110, 120, "STATE")]]
    s = score_entities(gold, pred).scores
    assert (s["PERSON"].tp, s["PERSON"].fp, s["PERSON"].fn) == (1, 0, 0)
    assert (s["STATE"].tp, s["STATE"].fp, s["STATE"].fn) == (0, 1, 1)  # wrong label, extra
    assert (s["ORG"].tp, s["ORG"].fp) == (0, 1)
    assert s["ALL"].precision == pytest.approx(1 / 3)
    assert s["ALL"].recall == pytest.approx(1 / 2)
    assert s["ALL"].f1 == pytest.approx(0.4)


def test_entities_partial_overlap_is_a_false_positive_and_a_false_negative():
    gold = [GoldDoc("d", TEXT, [WANG])]
    result = score_entities(gold, [[Entity(38, 42, "PERSON")]])  # "Wang" only
    s = result.scores["PERSON"]
    assert (s.tp, s.fp, s.fn) == (0, 1, 1)
    fp = next(e for e in result.errors if e["error"] == "fp")
    assert fp["text"] == "Wang"
    assert "Wang Wenbin" in fp["note"]
    assert "[[Wang]]" in fp["context"]


def test_entities_labels_outside_the_map_are_ignored():
    mapping = parse_label_map("politician=PERSON,country=STATE")
    gold = [GoldDoc("d", TEXT, [Entity(38, 49, "politician"), Entity(0, 24, "organisation")])]
    # an ORG prediction is outside the map's targets; the gold organisation is unmapped
    pred = [[WANG, Entity(0, 24, "ORG"), Entity(70, 77, "GPE")]]
    s = score_entities(gold, pred, mapping).scores
    assert set(s) == {"PERSON", "STATE", "ALL"}
    assert (s["ALL"].tp, s["ALL"].fp, s["ALL"].fn) == (1, 0, 0)


def test_entities_nested_in_an_unmapped_gold_name_are_not_scored():
    text = "He won the 2001 United Kingdom general election easily."
    gold = [GoldDoc("d", text, [Entity(11, 47, "election")])]
    pred = [[Entity(16, 30, "STATE")]]
    mapping = {"country": "STATE"}
    assert score_entities(gold, pred, mapping).scores["STATE"].fp == 0
    assert score_entities(gold, pred, mapping, ignore_nested=False).scores["STATE"].fp == 1


def test_entities_empty_sets():
    s = score_entities([GoldDoc("d", TEXT)], [[]]).scores["ALL"]
    assert (s.tp, s.fp, s.fn, s.precision, s.recall, s.f1) == (0, 0, 0, 0.0, 0.0, 0.0)
    assert score_entities([], []).scores["ALL"].f1 == 0.0
    with pytest.raises(ValueError):
        score_entities([GoldDoc("d", TEXT)], [])  # predictions must align with gold


def test_parse_label_map():
    assert parse_label_map("person=PERSON, country=STATE") == {
        "person": "PERSON",
        "country": "STATE",
    }
    assert parse_label_map("") is None
    with pytest.raises(ValueError, match="person:PERSON"):
        parse_label_map("person:PERSON")


# ---------------------------------------------------------------- quote scorer

QTEXT = (
    '"We will never accept this," Wang said at a briefing. '
    "He added that China had filed a protest with the embassy."
)
#  content of the direct quote: 1..27 (without the marks); speaker "Wang" 29..33
DIRECT = Quote(((1, 27),), ((29, 33),), "said")
INDIRECT = Quote(((68, 110),), ((54, 56),), "added")


def test_quote_offsets_are_right():
    assert QTEXT[1:27] == "We will never accept this,"
    assert QTEXT[68:110] == "China had filed a protest with the embassy"
    assert QTEXT[54:56] == "He"


def test_coverage_partial_and_discontinuous():
    assert coverage(DIRECT, Quote(((0, 28),))) == 1.0
    assert coverage(DIRECT, Quote(((1, 11),))) == pytest.approx(10 / 26)
    gold = Quote(((0, 10), (20, 30)))
    assert coverage(gold, Quote(((5, 25),))) == pytest.approx(10 / 20)
    assert coverage(gold, Quote(((10, 20),))) == 0.0


def test_match_threshold():
    partial = Quote(((1, 11),))  # 38% of the gold content
    assert match_quotes([DIRECT], [partial], 0.3) == {0: 0}
    assert match_quotes([DIRECT], [partial], 0.8) == {}


def test_match_is_one_to_one_and_maximal():
    a, b = Quote(((0, 10),)), Quote(((10, 20),))
    wide = Quote(((0, 20),))  # covers both golds
    assert len(match_quotes([a, b], [wide], 0.3)) == 1
    # b can only go to `wide`; `a` must then take `only_a` for both to be matched
    only_a = Quote(((0, 10),))
    assert match_quotes([a, b], [wide, only_a], 0.3) == {0: 1, 1: 0}
    # two predictions on one gold quote: one match, the other is a false positive
    assert len(match_quotes([a], [Quote(((0, 6),)), Quote(((4, 10),))], 0.3)) == 1


def test_score_quotes_precision_recall_speaker_and_subsets():
    gold = [GoldDoc("d", QTEXT, quotes=[DIRECT, INDIRECT])]
    pred = [
        [
            Quote(((0, 28),), ((29, 33),), "said", "direct"),  # right, right speaker
            Quote(((63, 111),), ((29, 33),), "added", "indirect"),  # right, wrong speaker
            Quote(((38, 52),), (), "", "indirect"),  # false positive
        ]
    ]
    result = score_quotes(gold, pred, (0.3, 0.8))
    sc = result.scores[0.3]
    assert (sc.precision.num, sc.precision.den) == (2, 3)
    assert (sc.recall.num, sc.recall.den) == (2, 2)
    assert (sc.speaker.num, sc.speaker.den) == (1, 2)
    assert (sc.recall_by["quote_mark"].num, sc.recall_by["quote_mark"].den) == (1, 1)
    assert sc.recall_by["speech_cue"].den == 2
    assert sc.recall_by["kind=direct"].den == 1 and sc.recall_by["kind=indirect"].den == 1
    assert sc.precision_by["kind=indirect"].den == 2
    assert sc.f1 == pytest.approx(0.8)
    kinds = sorted(e["error"] for e in result.errors)
    assert kinds == ["fp", "speaker"]


def test_score_quotes_gold_without_speaker_is_not_in_speaker_accuracy():
    gold = [GoldDoc("d", QTEXT, quotes=[Quote(((1, 27),))])]
    sc = score_quotes(gold, [[Quote(((1, 27),), ((29, 33),))]]).scores[0.3]
    assert sc.recall.value == 1.0
    assert sc.speaker.den == 0


def test_score_quotes_empty_sets():
    sc = score_quotes([GoldDoc("d", QTEXT)], [[]]).scores[0.3]
    assert (sc.precision.den, sc.recall.den, sc.f1) == (0, 0, 0.0)
    missed = score_quotes([GoldDoc("d", QTEXT, quotes=[DIRECT])], [[]])
    assert missed.scores[0.3].recall.value == 0.0
    assert [e["error"] for e in missed.errors] == ["fn"]


def test_speech_cue_subset():
    assert is_speech_cue("said")
    assert is_speech_cue("has told")
    assert is_speech_cue("admitted")
    assert is_speech_cue("Arguing")
    assert not is_speech_cue("according to")
    assert not is_speech_cue("polls show")
    assert not is_speech_cue("")


def test_quote_kind_from_marks():
    assert quote_kind(QTEXT, DIRECT) == "direct"  # marks just outside the content
    assert quote_kind(QTEXT, INDIRECT) == "indirect"
    text = 'He said a "crucial" lapse had caused it.'
    assert quote_kind(text, Quote(((8, 40),))) == "mixed"
    assert quote_kind(text, Quote(((8, 40),), kind="direct")) == "direct"


def test_quote_from_row_without_speaker():
    row = {"start_char": 3, "end_char": 9, "speaker_start": None, "speaker_end": None}
    assert quote_from_row(row) == Quote(((3, 9),), ())


# ---------------------------------------------------------------- readers


def _brat(tmp_path, ann: str, text: str = QTEXT):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "wang.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "wang_a1.ann").write_text(ann, encoding="utf-8")
    (tmp_path / "attributions" / "wang_b2.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_read_brat_first_annotator_discontinuous_and_no_source(tmp_path):
    ann = (
        "T1\tSource 29 33\tWang\n"
        "T2\tCue 34 38\tsaid\n"
        "T3\tContent 1 14;15 27\tWe will never accept this,\n"
        "T4\tAttribution 34 38\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tCue 57 62\tadded\n"
        "T6\tContent 68 110\tChina had filed\n"
        "T7\tAttribution-no-source 57 62\tadded\n"
        "E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n"
        "#1\tAnnotatorNotes T1\ta note\n"
    )
    (doc,) = read_brat(_brat(tmp_path, ann))
    assert doc.doc_id == "wang"
    first, second = doc.quotes
    assert first == Quote(((1, 14), (15, 27)), ((29, 33),), "said")
    assert second.speaker == () and second.cue == "added"


def test_read_brat_text_field_across_a_line_break(tmp_path):
    # PolNeAR's ann files copy a span's text, line breaks included: the next line is text
    ann = (
        "T1\tSource 29 33\tWang\n"
        "T3\tContent 1 14;15 27\tWe will\n"
        "The rest of the content,\n"
        "E1\tAttribution:T3 Content:T3 Source:T1\n"
    )
    (doc,) = read_brat(_brat(tmp_path, ann))
    assert doc.quotes == [Quote(((1, 14), (15, 27)), ((29, 33),), "")]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("T1\tSource 29 x3\tWang", "bad offsets"),
        ("T1\tSource 33 29\tWang", "bad offsets 33-29"),
        ("T1\tSource 29 900\tWang", "past the end of the text"),
        ("T1\tSource\tWang", "needs"),
    ],
)
def test_read_brat_malformed_names_file_and_line(tmp_path, line, message):
    folder = _brat(tmp_path, "T2\tCue 34 38\tsaid\n" + line + "\n")
    with pytest.raises(GoldFormatError, match=message) as err:
        read_brat(folder)
    assert "wang_a1.ann:2:" in str(err.value)


def test_read_brat_dangling_event_argument(tmp_path):
    folder = _brat(tmp_path, "T2\tCue 34 38\tsaid\nE1\tAttribution:T9 Cue:T2 Content:T7\n")
    with pytest.raises(GoldFormatError, match=r"wang_a1\.ann:2: .*Content:T7"):
        read_brat(folder)


CONLL = "Wang\tB-politician\nWenbin\tI-politician\nvisited\tO\nthe\tO\nUnited\tB-country\n"
CONLL += "States\tI-country\n.\tO\n\nNATO\tB-organisation\nmet\tO\n"


def test_read_conll_offsets(tmp_path):
    path = tmp_path / "dev.txt"
    path.write_text(CONLL, encoding="utf-8")
    first, second = read_conll(path)
    assert first.text == "Wang Wenbin visited the United States ."
    assert [(first.text[e.start : e.end], e.label) for e in first.entities] == [
        ("Wang Wenbin", "politician"),
        ("United States", "country"),
    ]
    assert second.doc_id == "dev.txt:9"
    assert [(second.text[e.start : e.end], e.label) for e in second.entities] == [
        ("NATO", "organisation")
    ]


@pytest.mark.parametrize(
    ("bad", "message"),
    [("Wenbin I-politician extra", "expected 2 columns"), ("Wenbin\tX-person", "bad tag")],
)
def test_read_conll_malformed_names_file_and_line(tmp_path, bad, message):
    path = tmp_path / "dev.txt"
    path.write_text(CONLL.replace("Wenbin\tI-politician", bad), encoding="utf-8")
    with pytest.raises(GoldFormatError, match=message) as err:
        read_conll(path)
    assert str(err.value).startswith(f"{path}:2:")


def test_read_jsonl_and_its_errors(tmp_path):
    rec = {
        "id": "wang-1",
        "text": QTEXT,
        "mentions": [{"start_char": 29, "end_char": 33, "label": "PERSON"}],
        "quotes": [
            {"start_char": 1, "end_char": 27, "speaker_start": 29, "speaker_end": 33},
            {"start_char": 68, "end_char": 110, "speaker_start": "", "kind": "indirect"},
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(rec) + "\n\n", encoding="utf-8")
    (doc,) = read_jsonl(path)
    assert doc.doc_id == "wang-1"
    assert doc.entities == [Entity(29, 33, "PERSON")]
    assert doc.quotes == [
        Quote(((1, 27),), ((29, 33),)),
        Quote(((68, 110),), (), "", "indirect"),
    ]
    rec["mentions"][0]["end_char"] = 9999
    path.write_text(json.dumps(rec) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"gold\.jsonl:1: offsets 29-9999 past the end"):
        read_jsonl(path)
    path.write_text('{"text": "ok"}\n{not json\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"gold\.jsonl:2: invalid JSON"):
        read_jsonl(path)
    path.write_text('{"text": "ok", "mentions": [{"start_char": 0}]}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"gold\.jsonl:1: bad mention"):
        read_jsonl(path)


def test_read_docbin(tmp_path):
    nlp = spacy.blank("en")
    doc = nlp("Wang Wenbin visited Washington on Monday.")
    doc.ents = [doc.char_span(0, 11, label="PERSON"), doc.char_span(20, 30, label="GPE")]
    DocBin(docs=[doc]).to_disk(tmp_path / "gold.spacy")
    (gold,) = read_docbin(tmp_path / "gold.spacy")
    assert gold.entities == [Entity(0, 11, "PERSON"), Entity(20, 30, "GPE")]
    (tmp_path / "bad.spacy").write_bytes(b"not a docbin")
    with pytest.raises(GoldFormatError, match=r"bad\.spacy: not a spaCy DocBin"):
        read_docbin(tmp_path / "bad.spacy")


def test_read_gold_checks_path_and_format(tmp_path):
    with pytest.raises(GoldFormatError, match="no such file"):
        read_gold(tmp_path / "missing.txt", "conll")
    with pytest.raises(GoldFormatError, match="unknown gold format"):
        read_gold(tmp_path, "xml")
    with pytest.raises(GoldFormatError, match="is a folder"):
        read_gold(tmp_path, "conll")


# ---------------------------------------------------------------- predictions and CLI


def test_base_ner_map_for_the_bare_model():
    doc = spacy.blank("en")("German Chancellor Olaf Scholz met NATO officials in Washington.")
    doc.ents = [
        doc.char_span(0, 6, label="NORP"),
        doc.char_span(18, 29, label="PERSON"),
        doc.char_span(34, 38, label="ORG"),
        doc.char_span(52, 62, label="GPE"),
    ]
    assert predicted_entities(doc, "ents", BASE_NER_MAP) == [
        Entity(18, 29, "PERSON"),
        Entity(34, 38, "ORG"),
        Entity(52, 62, "STATE"),
    ]
    doc.spans["actors"] = [doc.char_span(52, 62, label="STATE")]
    assert predicted_entities(doc) == [Entity(52, 62, "STATE")]


@pytest.fixture(scope="module")
def cli():
    from nlp_pipeline.cli import app

    return app


def test_cli_entities_on_jsonl_gold(cli, tmp_path):
    rec = {
        "id": "a1",
        "text": TEXT,
        "mentions": [
            {"start_char": 38, "end_char": 49, "label": "PERSON"},
            {"start_char": 70, "end_char": 77, "label": "STATE"},
            {"start_char": 110, "end_char": 120, "label": "STATE"},
        ],
    }
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    errors = tmp_path / "errors.csv"
    result = CliRunner().invoke(
        cli, ["evaluate", "entities", str(gold), "--format", "jsonl", "--errors", str(errors)]
    )
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    assert rows["PERSON"].split()[1] == "1"  # gold count
    assert "ALL" in rows
    assert errors.read_text(encoding="utf-8").startswith("doc_id,error,label")


def test_cli_quotes_on_jsonl_gold(cli, tmp_path):
    rec = {
        "id": "q1",
        "text": QTEXT,
        "quotes": [{"start_char": 1, "end_char": 27, "speaker_start": 29, "speaker_end": 33}],
    }
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", "quotes", str(gold), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert "recall (c) all" in result.stdout
    assert "@0.3" in result.stdout and "@0.8" in result.stdout


def test_cli_malformed_gold_is_one_line_exit_1(cli, tmp_path):
    path = tmp_path / "dev.txt"
    path.write_text("Wang\tB-person\nWenbin I-person x\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", "entities", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"nlp-pipeline: error: {path}:2: expected 2 columns (token ... tag), got 3"
    )


def test_cli_bad_label_map_is_a_usage_error(cli, tmp_path):
    path = tmp_path / "dev.txt"
    path.write_text(CONLL, encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", "entities", str(path), "--label-map", "x"])
    assert result.exit_code == 2


def test_cli_evaluate_help_lists_its_commands(cli):
    result = CliRunner().invoke(cli, ["evaluate", "--help"])
    assert result.exit_code == 0, result.output
    assert "Quote precision, recall and speaker accuracy" in result.stdout
    assert "Actor mention P/R/F1 by exact span and label" in result.stdout
