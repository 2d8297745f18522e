"""The corpus runner: contract tables, chunked long documents, resume, bad documents."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from spacy.language import Language

from nlp_pipeline import tables
from nlp_pipeline.corpus import Record
from nlp_pipeline.runner import (
    SHARD_DIR,
    OutputError,
    analyze,
    load_tables,
    process_records,
    split_text,
)

DATA = Path(__file__).resolve().parent / "data"
NEWS = DATA / "news_sample.jsonl"


def _texts() -> dict[str, str]:
    return {
        str(r["id"]): r["text"]
        for r in map(json.loads, NEWS.read_text(encoding="utf-8").splitlines())
    }


@pytest.fixture(scope="module")
def reference(nlp, tmp_path_factory) -> dict[str, pd.DataFrame]:
    """One uninterrupted single-process run over the sample corpus."""
    out = tmp_path_factory.mktemp("reference")
    analyze(NEWS, out, nlp=nlp, batch_size=2, graph=False)
    return load_tables(out)


def assert_same_tables(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for name in tables.TABLES:
        assert_frame_equal(a[name], b[name], obj=name)


def test_tables_follow_the_contract(reference):
    for name in tables.TABLES:
        assert list(reference[name].columns[: len(tables.COLUMNS[name])]) == tables.COLUMNS[name]
    docs = reference["documents"]
    assert list(docs["doc_id"]) == list(_texts())  # corpus order
    assert set(docs["status"]) == {"ok"} and set(docs["error"]) == {""}
    assert docs.loc[docs["doc_id"] == "chn-002", "title"].item() == "China warns Taiwan over drills"
    assert docs.loc[docs["doc_id"] == "chn-002", "url"].item() == "https://example.org/chn-002"
    # every row points back to the exact characters it came from
    texts = _texts()
    for row in reference["mentions"].itertuples():
        assert texts[row.doc_id][row.start_char : row.end_char] == row.text
    for row in reference["quotes"].itertuples():
        assert texts[row.doc_id][row.start_char : row.end_char] == row.text
    counts = reference["mentions"].groupby("doc_id").size()
    assert (docs.set_index("doc_id")["n_mentions"] == counts.reindex(docs["doc_id"])).all()
    actors = reference["actors"].set_index("actor_id")
    assert actors.loc["state:PRK", "label"] == "STATE"
    assert actors.loc["state:USA", "n_docs"] >= 3
    assert actors.loc["person:wang-wenbin", "n_quotes"] >= 1
    wang = reference["quotes"][reference["quotes"]["speaker_id"] == "person:wang-wenbin"]
    assert wang["text"].str.contains("inseparable part of China").any()
    for df in reference.values():  # empty cells, never the strings None/nan
        assert not df.astype(str).isin(["None", "nan", "<NA>"]).to_numpy().any()


def test_two_processes_give_the_same_tables(nlp, reference, tmp_path):
    analyze(NEWS, tmp_path, nlp=nlp, n_process=2, batch_size=2, graph=False)
    assert_same_tables(load_tables(tmp_path), reference)


def test_interrupted_run_resumes_to_the_same_tables(nlp, reference, tmp_path):
    calls = []

    def crash_after_first_shard(docs: int, words: int) -> None:
        calls.append(docs)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        analyze(
            NEWS, tmp_path, nlp=nlp, batch_size=1, graph=False, on_progress=crash_after_first_shard
        )
    assert calls == [4] and len(list((tmp_path / SHARD_DIR).glob("shard-*"))) == 1
    assert not (tmp_path / "documents.csv").exists()
    with pytest.raises(OutputError, match="not empty"):
        analyze(NEWS, tmp_path, nlp=nlp, graph=False)
    summary = analyze(NEWS, tmp_path, nlp=nlp, batch_size=1, graph=False, resume=True)
    assert summary.processed == 4 and summary.documents == 8  # only the unfinished half redone
    assert_same_tables(load_tables(tmp_path), reference)


def test_parquet_holds_the_same_rows(nlp, reference, tmp_path):
    analyze(NEWS, tmp_path, nlp=nlp, fmt="parquet", graph=False, limit=3)
    got = load_tables(tmp_path)
    assert (tmp_path / "mentions.parquet").is_file()
    head = reference["documents"]["doc_id"].head(3)
    for name in ("documents", "mentions", "quotes", "relations"):
        want = reference[name][reference[name]["doc_id"].isin(head)].reset_index(drop=True)
        assert_frame_equal(got[name], want, obj=name)


def test_out_must_be_empty_unless_resume_or_overwrite(nlp, tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(OutputError, match="not empty"):
        analyze(NEWS, tmp_path, nlp=nlp, graph=False, limit=1)
    with pytest.raises(OutputError, match="did not write"):  # never deletes a user's files
        analyze(NEWS, tmp_path, nlp=nlp, graph=False, limit=1, overwrite=True)
    assert (tmp_path / "keep.txt").read_text() == "mine"
    (tmp_path / "keep.txt").unlink()
    analyze(NEWS, tmp_path, nlp=nlp, graph=False, limit=1)
    summary = analyze(NEWS, tmp_path, nlp=nlp, graph=False, limit=2, overwrite=True)
    assert (summary.processed, summary.documents) == (2, 2)


def test_split_text_prefers_paragraph_breaks():
    text = "\n\n".join(f"Paragraph {i} says Japan and Korea met in Tokyo." for i in range(40))
    spans = split_text(text, 300)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    assert all(e - s <= 300 for s, e in spans)
    assert all(text[s:e].endswith("\n\n") for s, e in spans[:-1])
    assert split_text("no breaks " * 50, 100)[0] == (0, 100)


def test_long_document_is_chunked_with_offsets_mapped_back(nlp):
    para = (
        "Chinese Foreign Ministry spokesperson Wang Wenbin said Beijing opposed the drills. "
        '"We urge Washington to stop," Wang told reporters.'
    )
    text = "\n\n".join([para] * 12)
    rec = Record(0, "long", text=text, date="2025-01-01")
    rows = process_records(nlp, [rec], max_chars=500)
    whole = process_records(nlp, [rec], max_chars=len(text))
    [doc_row] = rows["documents"]
    assert (doc_row["status"], doc_row["n_chars"]) == ("ok", len(text))
    assert doc_row["n_mentions"] == len(rows["mentions"]) > 12
    for row in rows["mentions"] + rows["quotes"]:
        assert text[row["start_char"] : row["end_char"]] == row["text"]
    assert max(r["start_char"] for r in rows["mentions"]) > len(text) - len(para)
    # independent paragraphs: chunking finds the same mentions as one pass
    key = ("start_char", "end_char", "actor_id")
    assert {tuple(r[k] for k in key) for r in rows["mentions"]} == {
        tuple(r[k] for k in key) for r in whole["mentions"]
    }
    quote_ids = [q["quote_id"] for q in rows["quotes"]]
    assert quote_ids == [f"q{i}" for i in range(1, len(whole["quotes"]) + 1)]
    assert {q["quote_id"] for q in rows["quotes"]} >= {
        r["quote_id"] for r in rows["relations"] if r["quote_id"]
    }
    assert len({r["actor_id"] for r in rows["doc_actors"]}) == len(rows["doc_actors"])


@Language.component("test_explode_on_marker")
def _explode(doc):
    if "EXPLODE" in doc.text:
        raise RuntimeError("boom on a bad document\nsecond line")
    return doc


def test_failing_document_gets_an_error_row_and_the_batch_survives(nlp):
    texts = list(_texts().values())[:3]
    recs = [Record(i, f"d{i}", text=t) for i, t in enumerate(texts)]
    recs.insert(1, Record(9, "bad", text="Japan said EXPLODE on Monday."))
    recs.append(Record(10, "dup", status="skipped", error="duplicate id: first seen as record 1"))
    nlp.add_pipe("test_explode_on_marker", last=True)
    try:
        rows = process_records(nlp, recs, batch_size=8)
    finally:
        nlp.remove_pipe("test_explode_on_marker")
    status = {r["doc_id"]: (r["status"], r["error"]) for r in rows["documents"]}
    assert [r["doc_id"] for r in rows["documents"]] == ["d0", "bad", "d1", "d2", "dup"]
    assert status["bad"] == ("error", "RuntimeError: boom on a bad document")
    assert status["dup"][0] == "skipped"
    assert {r["doc_id"] for r in rows["mentions"]} == {"d0", "d1", "d2"}
