"""``nlp-pipeline analyze``: a corpus into the contract's tables, with a progress bar."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from .. import cli  # cli._load is looked up at each call, so tests can swap the pipeline
from ..loading import DEFAULT_MODEL
from . import CliError, _fail, app, err_console, out_console
from .options import Engine, ModelOpt, StdinFormat, TableFormat

CorpusArg = Annotated[
    str,
    typer.Argument(
        help="A .txt or .html file, a folder of them, a .jsonl or .csv file (a 'text' "
        "or 'html' field), or - (stdin: JSONL, or else one text or HTML document)."
    ),
]
OutOpt = Annotated[
    Path, typer.Option("--out", "-o", help="Output folder for the tables and graph.")
]
TableFormatOpt = Annotated[TableFormat, typer.Option("--format", "-f", help="Table format.")]
NProcessOpt = Annotated[int, typer.Option("--n-process", "-n", min=1, help="Worker processes.")]
BatchSizeOpt = Annotated[
    int | None,
    typer.Option(
        "--batch-size",
        "-b",
        min=1,
        help="Most documents (or chunks) per nlp.pipe batch "
        "[default: 32; 8 for transformer pipelines].",
    ),
]
BatchCharsOpt = Annotated[
    int | None,
    typer.Option(
        "--batch-chars",
        min=1000,
        help="Most characters per nlp.pipe batch; bounds memory whatever the "
        "document sizes [default: 200,000].",
    ),
]
GpuOpt = Annotated[bool, typer.Option("--gpu/--no-gpu", help="Use a GPU if one is available.")]
GraphOpt = Annotated[bool, typer.Option("--graph/--no-graph", help="Write OUT/graph.gexf.")]
ResumeOpt = Annotated[
    bool, typer.Option("--resume/--no-resume", help="Continue an interrupted run in OUT.")
]
OverwriteOpt = Annotated[
    bool, typer.Option("--overwrite/--no-overwrite", help="Replace a previous run in OUT.")
]
LimitOpt = Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N documents.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")]
EngineOpt = Annotated[
    Engine, typer.Option("--engine", help="local processes, or a Dask cluster (needs [dask]).")
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option("--scheduler", help="Dask scheduler address; default: a local cluster."),
]
WorkersOpt = Annotated[
    int, typer.Option("--workers", min=1, help="Workers of the local Dask cluster.")
]
StdinFormatOpt = Annotated[
    StdinFormat,
    typer.Option(
        "--stdin-format",
        help="What - reads: auto (JSONL when the first line is a JSON object, else one "
        "document, HTML or text), jsonl, text or html.",
    ),
]


@app.command(
    epilog="Examples:\n\n"
    "    nlp-pipeline analyze corpora/voa/voa_stories.jsonl --out out/voa\n\n"
    "    nlp-pipeline analyze articles/ --out out/art --format parquet --n-process 2\n\n"
    "    cat docs.jsonl | nlp-pipeline analyze - --out out/stdin --quiet\n\n"
    "    cat article.txt | nlp-pipeline analyze - --out out/one   # one plain-text document\n\n"
    "    nlp-pipeline analyze pages/ --out out/pages   # scraped .html pages: main text only\n\n"
    "    nlp-pipeline analyze big.jsonl --out out/big --resume   # after a crash or Ctrl-C\n\n"
    "    nlp-pipeline analyze big.jsonl --out out/big --engine dask --scheduler tcp://host:8786"
)
def analyze(
    corpus: CorpusArg,
    out: OutOpt,
    model: ModelOpt = DEFAULT_MODEL,
    fmt: TableFormatOpt = TableFormat.csv,
    n_process: NProcessOpt = 1,
    batch_size: BatchSizeOpt = None,
    batch_chars: BatchCharsOpt = None,
    gpu: GpuOpt = False,
    graph: GraphOpt = True,
    resume: ResumeOpt = False,
    overwrite: OverwriteOpt = False,
    limit: LimitOpt = None,
    quiet: QuietOpt = False,
    engine: EngineOpt = Engine.local,
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = 2,
    stdin_format: StdinFormatOpt = StdinFormat.auto,
) -> None:
    """Analyse a corpus into the documents, mentions, actors, quotes and relations tables."""
    from ..run.output import Run

    try:
        options = dict(model=model, fmt=fmt.value, resume=resume, overwrite=overwrite)
        options.update(limit=limit, graph=graph, stdin_format=stdin_format.value)
        run = Run(corpus, out, batch_size=batch_size, batch_chars=batch_chars, **options)
        n_process = _check_engine(engine, scheduler, gpu, n_process)
        nlp = (
            cli._load(model, gpu) if engine is Engine.local else None
        )  # Dask workers load their own
        with _progress(quiet, lambda: run.total) as advance:
            if engine is Engine.local:
                from ..run.engine import run_local

                run.on_doc = advance  # document by document
                summary = run_local(run, nlp, n_process)
            else:
                from ..run.dask import run_dask

                run.on_progress = advance  # partition by partition
                summary = run_dask(run, scheduler, workers)
    except (Exception, KeyboardInterrupt) as err:
        _fail(err)
    for path in summary.files:
        out_console.print(str(path), markup=False, highlight=False)
    if not quiet:
        _print_summary(summary)
    if summary.graph_error:
        err_console.print(f"nlp-pipeline: error: {summary.graph_error}", markup=False)
        raise typer.Exit(1)


def _check_engine(engine: Engine, scheduler: str | None, gpu: bool, n_process: int) -> int:
    """Refuse engine options that do not fit together; the processes to use."""
    if engine is Engine.dask:
        from ..run.dask import DaskMissingError, require_dask

        try:
            require_dask()
        except DaskMissingError as err:
            raise CliError(str(err)) from err
        if gpu or n_process > 1:
            err_console.print("nlp-pipeline: with --engine dask, --gpu and --n-process are ignored")
    elif scheduler:
        raise CliError("--scheduler needs --engine dask", 2)
    if gpu and n_process > 1:
        err_console.print("nlp-pipeline: --gpu runs one process; ignoring --n-process")
        return 1
    return n_process


class _progress:
    """A rich progress bar on stderr, or nothing when quiet or not on a terminal; entered,
    it gives the ``advance(docs, words)`` callback (None when there is no bar)."""

    def __init__(self, quiet: bool, total) -> None:
        self.enabled = not quiet and err_console.is_terminal
        self.total = total  # called only when there is a bar: counting reads the corpus

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("docs"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[wps]} words/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=err_console,
            transient=True,
        )
        self.progress.__enter__()
        self.task = self.progress.add_task("analyze", total=self.total(), words=0, wps="-")
        return self.advance

    def advance(self, docs: int, words: int) -> None:
        t = self.progress.tasks[0]
        words_done = t.fields["words"] + words
        rate = words_done / t.elapsed if t.elapsed else 0.0
        self.progress.update(self.task, advance=docs, words=words_done, wps=f"{rate:,.0f}")

    def __exit__(self, *exc) -> None:
        if self.enabled:
            self.progress.__exit__(*exc)


def _print_summary(summary) -> None:
    table = Table(title="nlp-pipeline analyze", show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    errors = f"{summary.errors} (+{summary.skipped} skipped)" if summary.skipped else summary.errors
    for key, value in (
        ("output", summary.out),
        ("documents", summary.documents),
        ("actors", summary.actors),
        ("quotes", summary.quotes),
        ("relations", summary.relations),
        ("errors", errors),
        ("words/s", f"{summary.words_per_s:,.0f}"),
        ("seconds", f"{summary.seconds:.1f}"),
    ):
        table.add_row(key, str(value))
    err_console.print(table)
