"""The Dask engine: same tables as one process, nothing lost when a worker dies."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from typer.testing import CliRunner

from nlp_pipeline import cli, tables
from nlp_pipeline.loading import ModelNotFoundError
from nlp_pipeline.run import dask as distributed
from nlp_pipeline.run.engine import analyze
from nlp_pipeline.run.output import SHARD_DIR, load_tables

NEWS = Path(__file__).resolve().parent / "data" / "news_sample.jsonl"


@pytest.fixture(scope="module")
def scheduler():
    """A local cluster as the issue asks: processes, 2 workers, 1 thread each."""
    dd = pytest.importorskip("distributed")
    with dd.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def reference(nlp, tmp_path_factory) -> dict[str, pd.DataFrame]:
    out = tmp_path_factory.mktemp("reference")
    analyze(NEWS, out, nlp=nlp, batch_size=2)
    return {**load_tables(out), "graph": (out / "graph.gexf").read_text(encoding="utf-8")}


def assert_same(out: Path, reference: dict) -> None:
    got = load_tables(out)
    for name in tables.TABLES:
        assert_frame_equal(got[name], reference[name], obj=name)
    assert got["documents"]["doc_id"].is_unique


def test_dask_run_gives_the_single_process_tables_and_graph(scheduler, reference, tmp_path):
    summary = distributed.analyze(NEWS, tmp_path, scheduler=scheduler, partition_size=3)
    assert (summary.documents, summary.ok, summary.processed) == (8, 8, 8)
    assert len(list((tmp_path / SHARD_DIR).glob("shard-*.msgpack"))) == 3
    assert_same(tmp_path, reference)
    assert (tmp_path / "graph.gexf").read_text(encoding="utf-8") == reference["graph"]


def test_worker_killed_mid_partition_loses_nothing(scheduler, reference, tmp_path, monkeypatch):
    marker = tmp_path / "killed"

    def dies_once(records, model, batching):
        from nlp_pipeline.run.dask import run_partition  # the worker's own, unpatched

        if any(r.doc_id == "chn-002" for r in records) and not marker.exists():
            marker.write_text(str(os.getpid()))
            os._exit(1)  # the worker process dies in the middle of its partition
        return run_partition(records, model, batching)

    monkeypatch.setattr(distributed, "run_partition", dies_once)
    out = tmp_path / "out"
    summary = distributed.analyze(NEWS, out, scheduler=scheduler, partition_size=2, graph=False)
    assert marker.exists()  # a worker did die
    assert summary.documents == summary.ok == 8
    assert_same(out, reference)


def test_failing_partition_is_retried_then_reported_and_resume_completes(
    scheduler, reference, tmp_path, monkeypatch
):
    attempts = tmp_path / "attempts"
    attempts.mkdir()
    real = distributed.run_partition

    def always_fails(records, model, batching):
        from nlp_pipeline.run.dask import run_partition

        if any(r.doc_id == "chn-002" for r in records):
            (attempts / uuid.uuid4().hex).touch()
            raise RuntimeError("disk full on worker")
        return run_partition(records, model, batching)

    monkeypatch.setattr(distributed, "run_partition", always_fails)
    out = tmp_path / "out"
    with pytest.raises(distributed.PartitionError, match=r"records 1-2 .*disk full") as err:
        distributed.analyze(NEWS, out, scheduler=scheduler, partition_size=2, retries=1)
    assert "--resume" in str(err.value)
    assert len(list(attempts.iterdir())) == 2  # the first try and one retry
    assert not (out / "documents.csv").exists()  # no tables that lack documents
    monkeypatch.setattr(distributed, "run_partition", real)
    summary = distributed.analyze(
        NEWS, out, scheduler=scheduler, partition_size=2, resume=True, graph=False
    )
    assert summary.processed == 2  # only the failed partition is redone
    assert_same(out, reference)


def test_cli_engine_dask(scheduler, reference, tmp_path):
    out = tmp_path / "out"
    args = ["analyze", str(NEWS), "--out", str(out), "--engine", "dask", "--scheduler", scheduler]
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == 0, result.output
    assert str(out / "actors.csv") in result.stdout.split()
    assert_same(out, reference)


def test_cli_without_dask_names_the_extra(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    args = ["analyze", str(NEWS), "--out", str(tmp_path / "o"), "--engine", "dask"]
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "nlp-pipeline: error: the Dask engine needs dask.distributed: "
        "pip install 'nlp-pipeline[dask]'"
    ]


def test_missing_model_on_the_workers_fails_before_out_is_written(scheduler, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ModelNotFoundError, match="no_such_model"):
        distributed.analyze(NEWS, out, model="no_such_model", scheduler=scheduler)
    assert not out.exists()
