"""The notebook API: tables like ``analyze`` writes, saved results, displaCy markup."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from spacy import displacy
from spacy.util import registry

from nlp_pipeline import explore
from nlp_pipeline.run import engine as runner
from nlp_pipeline.tables import COLUMNS, TABLES

TEXT = (
    "Chinese Foreign Ministry spokesperson Wang Wenbin said on Monday that China "
    '"firmly opposes" the new sanctions announced by the United States. '
    '"Washington should stop interfering in China\'s internal affairs," Wang told reporters.\n\n'
    "U.S. Secretary of State Antony Blinken said the measures would remain in place. "
    "The European Union urged both sides to return to talks."
)
STORIES = [
    {"id": "a1", "date": "2024-03-04", "title": "Sanctions", "text": TEXT},
    {
        "id": "a2",
        "date": "2024-05-20",
        "title": "Summit",
        "text": "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing. "
        '"Our partnership is not directed against anyone," Putin told reporters.',
    },
    {
        "id": "a3",
        "date": "2024-05-28",
        "title": "Talks",
        "text": "South Korea and Japan agreed to resume talks with China, "
        "South Korean Foreign Minister Cho Tae-yul said on Tuesday.",
    },
]


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(TEXT)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "stories.jsonl"
    path.write_text("\n".join(json.dumps(s) for s in STORIES) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tables(nlp, corpus):
    return explore.analyze_corpus(corpus, nlp)


def _marks(html: str) -> dict[str, tuple[str, str]]:
    """displaCy ``ent`` marks: highlighted text -> (background colour, label text)."""
    found = re.findall(
        r'<mark class="entity" style="background: ([^;]+);[^>]*>\s*(.*?)\s*'
        r"<span[^>]*>(.*?)</span>\s*</mark>",
        html,
        flags=re.DOTALL,
    )
    return {
        text: (color, " ".join(re.sub("<[^>]+>", " ", lab).split())) for color, text, lab in found
    }


def test_analyze_text_gives_the_contract_tables(nlp):
    tables = explore.analyze_text(TEXT, nlp)
    assert list(tables) == list(TABLES)
    for name, df in tables.items():
        assert list(df.columns[: len(COLUMNS[name])]) == COLUMNS[name]
    actors = tables["actors"].set_index("actor_id")
    assert actors.loc["person:wang-wenbin", "label"] == "PERSON"
    assert actors.loc["state:CHN", "label"] == "STATE"
    quotes = tables["quotes"]
    assert "Washington should stop interfering" in " ".join(quotes["text"])
    assert (quotes["speaker_id"] == "person:wang-wenbin").sum() >= 2


def test_colors_come_through_the_entry_point(nlp):
    assert registry.displacy_colors.get_all()["nlp_pipeline"] == explore.DISPLACY_COLORS
    colors = {explore.DISPLACY_COLORS[k] for k in ("PERSON", "STATE", "ORG")}
    assert len(colors) == 3
    # plain displaCy, without our render(), picks the colour up too
    state = nlp.make_doc("Pyongyang fired a missile.")
    state.ents = [state.char_span(0, 9, label="STATE")]
    assert explore.DISPLACY_COLORS["STATE"] in displacy.render(state, style="ent", jupyter=False)


def test_render_actors(doc):
    marks = _marks(explore.render(doc, style="actors", jupyter=False))
    colors = explore.DISPLACY_COLORS
    assert marks["Wang Wenbin"] == (colors["PERSON"], "PERSON person:wang-wenbin")
    assert marks["China"] == (colors["STATE"], "STATE state:CHN")
    assert marks["European Union"][0] == colors["ORG"]
    assert not any("QUOTE" in label for _, label in marks.values())


def test_render_quotes_with_speakers(doc):
    marks = _marks(explore.render(doc, style="quotes", jupyter=False))
    colors = explore.DISPLACY_COLORS
    color, label = next(v for k, v in marks.items() if k.startswith("Washington should"))
    assert color == colors["QUOTE"] and label.startswith("QUOTE q") and label.endswith("direct")
    quote_id = label.split()[1]
    # the speaker as written, labelled with the resolved actor and the quote it speaks
    assert marks["Wang"] == (colors["SPEAKER"], f"SPEAKER Wang Wenbin ({quote_id})")
    assert marks["told"] == (colors["CUE"], "CUE")
    assert not any(label.startswith("PERSON") for _, label in marks.values())


def test_render_all_stacks_actors_and_quotes(doc):
    html = explore.render(doc, jupyter=False)
    assert 'class="spans"' in html
    for label in ("PERSON", "STATE", "ORG", "QUOTE", "SPEAKER", "CUE"):
        assert f"{label}" in html and explore.DISPLACY_COLORS[label] in html


def test_render_from_saved_rows_matches_the_doc(doc):
    rows = explore.doc_frames(doc)
    for style in explore.STYLES:
        from_rows = explore.render(
            doc.text, style, mentions=rows["mentions"], quotes=rows["quotes"], jupyter=False
        )
        assert from_rows == explore.render(doc, style, jupyter=False)


def test_render_in_a_notebook_returns_html(doc):
    shown = explore.render(doc, style="actors", jupyter=True)
    assert 'class="entity"' in shown._repr_html_()


def test_render_rejects_unknown_style(doc):
    with pytest.raises(ValueError, match="style"):
        explore.render(doc, style="dep")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_load_results_round_trip(nlp, corpus, tables, tmp_path, fmt):
    runner.analyze(corpus, tmp_path / "out", nlp=nlp, fmt=fmt, graph=False)
    assert (tmp_path / "out" / f"quotes.{fmt}").is_file()
    loaded = explore.load_results(tmp_path / "out")
    assert list(loaded) == list(TABLES)
    for name in TABLES:
        pd.testing.assert_frame_equal(
            loaded[name].reset_index(drop=True),
            tables[name][loaded[name].columns].reset_index(drop=True),
            check_dtype=False,
        )


def test_load_results_of_an_empty_folder(tmp_path):
    with pytest.raises(FileNotFoundError):
        explore.load_results(tmp_path)


def test_questions_on_the_tables(tables):
    top = explore.top_actors(tables, n=3)
    assert len(top) == 3 and top["n_mentions"].is_monotonic_decreasing
    assert explore.top_actors(tables, label="PERSON")["label"].eq("PERSON").all()
    wang = explore.quotes_by(tables, "person:wang-wenbin")
    assert len(wang) >= 2 and set(wang["doc_id"]) == {"a1"}
    assert explore.quotes_by(tables, "putin")["doc_id"].tolist() == ["a2"]
    states = explore.relation_counts(tables, label="STATE")
    ids = tables["actors"].set_index("name")["label"]
    assert len(states) and states["source_name"].map(ids).eq("STATE").all()


def test_mentions_over_time(tables):
    monthly = explore.mentions_over_time(tables, ["state:CHN"], freq="MS")
    assert list(monthly.columns) == ["China"]
    # March and May 2024 have stories; April none (0 mentions, or a gap per story)
    assert list(monthly.index.strftime("%Y-%m")) == ["2024-03", "2024-04", "2024-05"]
    assert monthly.loc["2024-04-01", "China"] == 0
    assert monthly["China"].sum() == ((tables["mentions"]["actor_id"] == "state:CHN").sum())
    per_doc = explore.mentions_over_time(tables, ["state:CHN"], freq="MS", per_doc=True)
    assert pd.isna(per_doc.loc["2024-04-01", "China"])
    assert per_doc.loc["2024-05-01", "China"] == monthly.loc["2024-05-01", "China"] / 2


def test_graph_wrappers(tables, tmp_path):
    g = explore.actor_graph(tables, types=["acts_on", "quotes", "affiliated_with"])
    assert "person:wang-wenbin" in g and g.nodes["state:CHN"]["label"] == "STATE"
    ego = explore.actor_graph(tables, ego="person:vladimir-putin")
    assert "person:vladimir-putin" in ego and "person:wang-wenbin" not in ego
    path = explore.export_gexf(g, tmp_path / "g.gexf")
    assert "<gexf" in path.read_text(encoding="utf-8")
    ax = explore.draw_graph(g)
    assert len(ax.collections) == 1 and len(ax.patches) == g.number_of_edges()
