"""The nlp-pipeline command, in process (CliRunner) and as a real subprocess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from typer.testing import CliRunner

from nlp_pipeline import cli, tables
from nlp_pipeline.runner import SHARD_DIR, analyze, load_tables

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT / "tests" / "data" / "news_sample.jsonl"
VOA = ROOT / "corpora" / "voa" / "voa_stories.jsonl"
SCRIPT = Path(sys.executable).with_name("nlp-pipeline")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "nlp_pipeline.cli"]
runner = CliRunner()


@pytest.fixture(autouse=True)
def shared_pipeline(nlp, monkeypatch):
    """In-process commands reuse the session's pipeline instead of loading their own."""
    monkeypatch.setattr(cli, "_load", lambda model, gpu=False: nlp)


def run_cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [*COMMAND, *map(str, args)], capture_output=True, text=True, env=env, cwd=ROOT, **kwargs
    )


def news_records() -> list[dict]:
    return [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()]


def test_analyze_writes_the_five_tables_and_the_graph(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(cli.app, ["analyze", str(NEWS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = result.stdout.split()
    for name in tables.TABLES:
        assert str(out / f"{name}.csv") in written
    assert str(out / "graph.gexf") in written
    assert "<gexf" in (out / "graph.gexf").read_text(encoding="utf-8")[:500]
    assert "documents" in result.stderr and "words/s" in result.stderr  # summary on stderr
    got = load_tables(out)
    assert list(got["documents"]["doc_id"]) == [r["id"] for r in news_records()]
    quotes = got["quotes"]
    lula = quotes[quotes["text"].str.contains("The Amazon cannot wait")]
    assert (lula["kind"].item(), lula["speaker_id"].item()) == (
        "direct",
        "person:luiz-inacio-lula-da-silva",
    )
    assert {"state:PRK", "state:KOR", "org:nato"} <= set(got["actors"]["actor_id"])
    # the graph command rebuilds from these tables without parsing again
    result = runner.invoke(cli.app, ["graph", str(out), "--format", "json", "--no-co-occurs"])
    assert result.exit_code == 0, result.output
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert any(n["id"] == "state:PRK" for n in graph["nodes"])
    assert all(e.get("relation") != "co_occurs" for e in graph["edges"])


def test_bad_input_gives_error_rows_and_keeps_every_good_document(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    good = {r["id"]: r["text"] for r in news_records()[:3]}
    for i, (doc_id, text) in enumerate(good.items()):
        (corpus / ("sub" if i else ".") / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    (corpus / "empty.txt").write_text("")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (corpus / "latin1.txt").write_bytes("Peña Nieto said Mexico would act.".encode("latin-1"))
    out = tmp_path / "out"
    result = runner.invoke(cli.app, ["analyze", str(corpus), "--out", str(out), "--no-graph"])
    assert result.exit_code == 0, result.output
    got = load_tables(out)
    docs = got["documents"].set_index("doc_id")
    assert docs.loc["empty", "status"] == "skipped"
    assert docs.loc["image", "status"] == "error" and "binary" in docs.loc["image", "error"]
    assert docs.loc["latin1", "status"] == "ok" and "UTF-8" in docs.loc["latin1", "error"]
    good_ids = {("sub/" + k if i else k) for i, k in enumerate(good)}
    assert good_ids <= set(got["mentions"]["doc_id"])
    assert set(docs.loc[sorted(good_ids), "status"]) == {"ok"}
    assert "errors" in result.stderr

    bad = tmp_path / "bad.jsonl"
    lines = [json.dumps({"id": r["id"], "text": r["text"]}) for r in news_records()[:2]]
    lines[1:1] = ["{oops", json.dumps({"id": "nt", "title": "no text"}), lines[0]]
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli.app, ["analyze", str(bad), "--out", str(tmp_path / "o2"), "-q"])
    assert result.exit_code == 0, result.output
    got = load_tables(tmp_path / "o2")
    docs = got["documents"]
    assert list(zip(docs["doc_id"], docs["status"], strict=True)) == [
        ("kor-001", "ok"),
        ("bad.jsonl:2", "error"),
        ("nt", "error"),
        ("kor-001", "skipped"),
        ("chn-002", "ok"),
    ]
    assert all(e.count("\n") == 0 for e in docs["error"])
    assert set(got["mentions"]["doc_id"]) == {"kor-001", "chn-002"}
    assert result.stderr == ""  # --quiet: nothing on stderr

    no_text = tmp_path / "no_text.csv"
    no_text.write_text("id,body\n1,Chile and Peru\n", encoding="utf-8")
    result = runner.invoke(cli.app, ["analyze", str(no_text), "--out", str(tmp_path / "o3")])
    assert result.exit_code == 0
    docs = load_tables(tmp_path / "o3")["documents"]
    assert docs["status"].tolist() == ["error"] and "no 'text' column" in docs["error"][0]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["analyze", "no/such/corpus.jsonl", "--out", "{tmp}/o"], 2, "corpus not found"),
        (["analyze", str(NEWS), "--out", "{tmp}/full"], 2, "is not empty"),
        (["analyze", str(NEWS), "--out", "{tmp}/o", "--resume", "--overwrite"], 2, "exclude"),
        (["analyze", str(NEWS), "--out", "{tmp}/o", "--n-process", "0"], 2, "n-process"),
        (["graph", "{tmp}/nothing"], 2, "is not a folder"),
        (["quotes", ""], 2, "no text"),
    ],
)
def test_usage_errors_are_one_line(tmp_path, args, code, message):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.csv").write_text("x")
    result = runner.invoke(cli.app, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == code
    assert message in result.output and "Traceback" not in result.output


def test_help_of_every_command_has_examples():
    for command in ("analyze", "quotes", "actors", "graph", "info", "assemble"):
        result = runner.invoke(cli.app, [command, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0 and "Examples" in result.output, command


def test_quotes_and_actors_of_one_text():
    text = (
        "Chinese Foreign Ministry spokesperson Wang Wenbin said on Monday that Beijing would "
        'respond. "Taiwan is an inseparable part of China," Wang said.'
    )
    result = runner.invoke(cli.app, ["quotes", text, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = pd.read_csv(pd.io.common.StringIO(result.stdout), dtype=str, keep_default_na=False)
    direct = rows[rows["kind"] == "direct"]
    assert direct["speaker_id"].tolist() == ["person:wang-wenbin"]
    assert direct["text"].str.contains("inseparable part of China").all()
    result = runner.invoke(cli.app, ["actors", text, "--format", "json"])
    assert result.exit_code == 0, result.output
    actors = {a["actor_id"]: a for a in json.loads(result.stdout)}
    assert actors["person:wang-wenbin"]["n_mentions"] >= 2
    assert actors["state:CHN"]["label"] == "STATE"
    result = runner.invoke(cli.app, ["info"], env={"COLUMNS": "200"})
    assert result.exit_code == 0 and "actor_tagger" in result.stdout and "spacy" in result.stdout


def test_subprocess_end_to_end_on_the_sample_corpora(tmp_path):
    done = run_cli("analyze", NEWS, "--out", tmp_path / "news", "--format", "parquet")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "documents" in done.stderr
    got = load_tables(tmp_path / "news")
    assert (tmp_path / "news" / "relations.parquet").is_file()
    assert set(got["documents"]["status"]) == {"ok"} and len(got["mentions"]) > 50
    if VOA.is_file():
        done = run_cli("analyze", VOA, "--out", tmp_path / "voa", "--limit", "3", "-q")
        assert done.returncode == 0, done.stderr
        docs = load_tables(tmp_path / "voa")["documents"]
        assert len(docs) == 3 and set(docs["status"]) == {"ok"} and (docs["n_mentions"] > 0).all()
        assert all(docs["url"].str.startswith("https://www.voanews.com/"))


def test_subprocess_errors_have_exit_codes_and_no_traceback(tmp_path):
    done = run_cli("analyze", NEWS, "--out", tmp_path / "o", "--model", "en_core_web_nope")
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "pip install" in done.stderr
    done = run_cli("analyze", NEWS, "--bogus")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0


def test_sigkill_midway_then_resume_equals_an_uninterrupted_run(nlp, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i in range(6):
            for rec in news_records():
                f.write(json.dumps({**rec, "id": f"{rec['id']}-{i}"}) + "\n")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [*COMMAND, "analyze", str(corpus), "--out", str(out), "--batch-size", "1", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 120
    while len(list((out / SHARD_DIR).glob("shard-*"))) < 2 and proc.poll() is None:
        assert time.monotonic() < deadline, "analyze wrote no shards"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert not (out / "documents.csv").exists()
    done = run_cli("analyze", corpus, "--out", out, "--batch-size", "1", "--resume", "-q")
    assert done.returncode == 0, done.stderr
    analyze(corpus, tmp_path / "ref", nlp=nlp, batch_size=1)
    got, want = load_tables(out), load_tables(tmp_path / "ref")
    assert len(got["documents"]) == 48
    for name in tables.TABLES:
        assert_frame_equal(got[name], want[name], obj=name)
    assert (out / "graph.gexf").read_bytes() == (tmp_path / "ref" / "graph.gexf").read_bytes()
