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
from nlp_pipeline.run.chunks import split_text
from nlp_pipeline.run.corpus import Record
from nlp_pipeline.run.engine import analyze, process_records
from nlp_pipeline.run.output import SHARD_DIR, OutputError, load_tables

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


# ---------------------------------------------------------------- issue 15

VOA = Path(__file__).resolve().parents[1] / "corpora" / "voa" / "voa_stories.jsonl"
PAGE = DATA / "news_page.html"
SCRAPED = """Friday Jan 12, 2024

Ukraine asks allies for air defense ahead of winter

2024 Jan 10, 08:30, KYIV, Ukraine
Ukrainian President Volodymyr Zelenskyy speaks at a news conference in Kyiv. Photo: Reuters

Ukrainian President Volodymyr Zelenskyy on Wednesday urged Western allies to speed up deliveries of air defense systems before the winter.

"We need them now, not in spring," Zelenskyy told reporters in the capital, adding that Russia had fired more missiles.

(c) 2024 Portal Media. All rights reserved."""


def test_batches_are_bounded_by_characters_not_documents(nlp, monkeypatch):
    from nlp_pipeline.run.chunks import Unit as _Unit
    from nlp_pipeline.run.chunks import make_batches

    units = [_Unit(i, "d", "", "", 0, "x" * n, True) for i, n in enumerate([90, 90, 30, 250, 10])]
    sizes = [[len(u.text) for u in b] for b in make_batches(units, 32, 200)]
    assert sizes == [[90, 90], [30], [250], [10]]  # a unit longer than the bound goes alone
    assert [len(b) for b in make_batches(units, 2, 10_000)] == [2, 2, 1]
    # one long single-line document: its chunks go to nlp.pipe a few at a time
    sentence = "Japan and South Korea agreed on Tuesday to resume talks with China. "
    text = sentence * 120  # ~8,000 characters, no line break
    seen: list[int] = []
    pipe = nlp.pipe

    def spy(texts, **kwargs):
        texts = list(texts)
        seen.append(sum(len(t) for t, _ in texts))
        return pipe(texts, **kwargs)

    monkeypatch.setattr(nlp, "pipe", spy)
    rows = process_records(nlp, [Record(0, "long", text=text)], max_chars=1000, batch_chars=2500)
    assert len(seen) >= 4 and max(seen) <= 2500
    monkeypatch.undo()
    whole = process_records(nlp, [Record(0, "long", text=text)], max_chars=1000)
    assert rows == whole  # how chunks are batched changes no row
    for row in rows["mentions"]:
        assert text[row["start_char"] : row["end_char"]] == row["text"]


def _corpus_records() -> list[dict]:
    recs = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()]
    if VOA.is_file():
        voa = [json.loads(line) for line in VOA.read_text(encoding="utf-8").splitlines()[:6]]
        recs += [{"id": r["id"], "text": r["text"], "date": r["published"]} for r in voa]
    long_text = "\n\n".join(r["text"] for r in recs[:6])  # chunked below (max_chars)
    return [*recs, {"id": "long", "text": long_text, "date": "2025-03-10"}]


def _sorted_rows(df: pd.DataFrame) -> list[tuple]:
    return sorted(tuple(str(v) for v in row) for row in df.itertuples(index=False))


def test_tables_do_not_depend_on_processes_batches_or_order(nlp, tmp_path):
    import random

    recs = _corpus_records()
    runs = [
        (recs, {"n_process": 1, "batch_size": 32}),
        (random.Random(1).sample(recs, len(recs)), {"n_process": 2, "batch_size": 3}),
        (random.Random(2).sample(recs, len(recs)), {"n_process": 1, "batch_size": 1}),
        (recs[::-1], {"n_process": 1, "batch_size": 8, "batch_chars": 5000, "shard_size": 2}),
    ]
    results = []
    for i, (order, options) in enumerate(runs):
        corpus = tmp_path / f"corpus{i}.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in order), encoding="utf-8")
        analyze(corpus, tmp_path / f"out{i}", nlp=nlp, graph=False, max_chars=3000, **options)
        results.append(load_tables(tmp_path / f"out{i}"))
    first = results[0]
    assert len(first["documents"]) == len(recs) and (first["documents"]["n_chars"] > 3000).any()
    for other in results[1:]:
        for name in tables.TABLES:
            assert _sorted_rows(other[name]) == _sorted_rows(first[name]), name


def test_dates_are_iso_dateline_beats_header_and_source_beats_both(nlp, tmp_path):
    corpus = tmp_path / "c.jsonl"
    header_only = SCRAPED.replace("2024 Jan 10, 08:30, KYIV, Ukraine\n", "")
    rows = [
        {"id": "dateline", "text": SCRAPED},
        {"id": "header", "text": header_only},
        {"id": "source", "text": SCRAPED, "published": "Jan 9, 2024"},
        {"id": "none", "text": "Ukraine and Russia talked.\nThe talks ended."},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    analyze(corpus, tmp_path / "out", nlp=nlp)
    got = load_tables(tmp_path / "out")
    dates = dict(zip(got["documents"]["doc_id"], got["documents"]["date"], strict=True))
    assert dates == {
        "dateline": "2024-01-10T08:30",
        "header": "2024-01-12",
        "source": "2024-01-09",
        "none": "",
    }
    rel = got["relations"]
    assert set(rel.loc[rel["doc_id"] == "dateline", "date"]) == {"2024-01-10T08:30"}
    gexf = (tmp_path / "out" / "graph.gexf").read_text(encoding="utf-8")
    # the GEXF time spells follow: runs of ISO days
    assert '<spell start="2024-01-09" end="2024-01-10"/>' in gexf
    assert '<spell start="2024-01-12" end="2024-01-12"/>' in gexf


def test_scraped_article_date_is_its_dateline(scraped_doc):
    from nlp_pipeline.tables import doc_tables

    [row] = doc_tables(scraped_doc, "scraped")["documents"]
    assert row["date"] == "2023-02-27T07:40"  # not the portal header's Mar 18, 2023
    assert row["title"] == "NKorea's Ri pledges closer Russia ties as grain shortage bites"


def test_html_and_latin1_inputs_keep_every_offset_through_texts(nlp, tmp_path):
    from nlp_pipeline.run.output import load_texts

    corpus = tmp_path / "pages"
    corpus.mkdir()
    (corpus / "page.html").write_bytes(PAGE.read_bytes())
    latin = "François Hollande said on Monday that France would help Mali, Paris said."
    (corpus / "latin1.txt").write_bytes(latin.encode("latin-1"))
    (corpus / "plain.txt").write_text("Japan and China met in Tokyo.", encoding="utf-8")
    analyze(corpus, tmp_path / "out", nlp=nlp, fmt="parquet")
    got = load_tables(tmp_path / "out")
    docs = got["documents"].set_index("doc_id")
    assert docs.loc["page", "title"] == "Japan and South Korea agree to resume defense talks"
    assert docs.loc["page", "date"] == "2024-03-05T09:30+00:00"
    assert docs.loc["page", "url"] == "https://herald.example/world/japan-korea-talks"
    assert set(docs["status"]) == {"ok"} and set(docs["error"]) == {""}
    texts = load_texts(tmp_path / "out")
    assert set(texts) == {"page", "latin1"}  # plain UTF-8 input is its own text
    assert texts["latin1"] == latin and "Subscribe" not in texts["page"]
    texts["plain"] = "Japan and China met in Tokyo."
    for name in ("mentions", "quotes"):
        for row in got[name].itertuples():
            assert texts[row.doc_id][row.start_char : row.end_char] == row.text
    assert "person:francois-hollande" in set(got["actors"]["actor_id"])
    assert {"person:minoru-kihara", "state:JPN"} <= set(got["mentions"]["actor_id"])
    origin = pd.read_parquet(tmp_path / "out" / "texts.parquet").set_index("doc_id")["origin"]
    assert origin.to_dict() == {"page": "html", "latin1": "cp1252"}


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_every_output_file_honours_the_umask(nlp, tmp_path, umask, mode):
    import os
    import stat

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.html").write_bytes(PAGE.read_bytes())
    old = os.umask(umask)
    try:
        analyze(corpus, tmp_path / "out", nlp=nlp)
    finally:
        os.umask(old)
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"actors.csv", "graph.gexf", "texts.csv", "run.json", "shard-000001.msgpack"} <= names
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == dict.fromkeys(names, mode)
    assert not [p for p in (tmp_path / "out").rglob(".*.tmp")]


def test_actor_ties_do_not_depend_on_document_order(tmp_path):
    """Two names of one length and two countries seen once each: the same actor row
    whichever document comes first (before: first row seen, and set order for the country,
    which changes with PYTHONHASHSEED)."""
    from nlp_pipeline.run.output import merge_shards
    from nlp_pipeline.run.output import write_shard as _write_shard

    def shard_rows(doc_id: str, name: str, country: str) -> dict[str, list[dict]]:
        rows: dict[str, list[dict]] = {t: [] for t in tables.COLUMNS if t != "actors"}
        rows["documents"] = [tables.document_row(doc_id, text="x")]
        rows["doc_actors"] = [
            {
                "doc_id": doc_id,
                "actor_id": "person:kim",
                "name": name,
                "label": "PERSON",
                "country": country,
                "aliases": name,
            }
        ]
        return rows

    docs = [("d1", "Kim Yo Jong", "PRK"), ("d2", "Kim Yo Jung", "KOR")]
    got = []
    for k, order in enumerate([docs, docs[::-1]]):
        out = tmp_path / f"out{k}"
        for seq, (doc_id, name, country) in enumerate(order):
            shard = out / SHARD_DIR / f"shard-{seq + 1:06d}.msgpack"
            _write_shard(shard, [Record(seq, doc_id)], shard_rows(doc_id, name, country))
        merge_shards(out, "csv")
        got.append(load_tables(out)["actors"])
    assert_frame_equal(got[0], got[1])
    assert got[0][["name", "country"]].values.tolist() == [["Kim Yo Jong", "PRK"]]  # d1's


def test_killed_run_keeps_its_shards_and_resume_checks_out_once(reference, tmp_path, monkeypatch):
    """A run killed by SIGKILL right after its first shard: ``analyze --resume`` keeps that
    shard as it is, removes the half-written file the kill left, redoes only the rest, and
    checks OUT once for the whole run."""
    import os
    import subprocess
    import sys

    from typer.testing import CliRunner

    from nlp_pipeline import cli
    from nlp_pipeline.run import output

    out = tmp_path / "out"
    killed = (
        "import os, signal, sys\n"
        "from nlp_pipeline.run.engine import analyze\n"
        "def die(docs, words):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "analyze(sys.argv[1], sys.argv[2], batch_size=1, graph=False, on_progress=die)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-c", killed, str(NEWS), str(out)], env=env)
    assert done.returncode == -9
    [first] = (out / SHARD_DIR).glob("shard-*.msgpack")
    kept = first.read_bytes(), first.stat().st_mtime_ns
    half = out / SHARD_DIR / ".shard-000002.msgpack.0badf00d.tmp"
    half.write_bytes(b"\x82\xa4done")  # what a kill in the middle of a write leaves
    checks = []
    real = output.check_out

    def counted(*args, **kwargs):
        checks.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(output, "check_out", counted)
    args = ["analyze", str(NEWS), "--out", str(out), "--resume", "--no-graph", "-b", "1"]
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    assert len(checks) == 1
    assert (first.read_bytes(), first.stat().st_mtime_ns) == kept
    assert not half.exists()
    assert sorted(p.name for p in (out / SHARD_DIR).glob("shard-*")) == [
        "shard-000001.msgpack",
        "shard-000002.msgpack",
    ]
    assert_same_tables(load_tables(out), reference)
