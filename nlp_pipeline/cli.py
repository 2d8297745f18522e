"""The ``nlp-pipeline`` command: analyse a corpus, look at one article, rebuild the graph.

Data goes to stdout; progress, summaries and diagnostics go to stderr. Every failure is
one line: exit code 1 for runtime errors, 2 for usage errors, never a traceback.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from . import evaluate as ev
from .loading import DEFAULT_MODEL, ModelNotFoundError


def _no_bool_metavar() -> None:
    """Help shows a flag as ``--resume/--no-resume``, not followed by ``<bool>``."""
    option = getattr(getattr(typer, "core", None), "TyperOption", None)
    shown = getattr(option, "display_type_rich", None)
    if shown is None or getattr(shown, "_nlp_pipeline", False):
        return

    def display_type_rich(self, ctx):
        if getattr(self, "is_flag", False) and self.metavar is None:
            return None
        return shown(self, ctx)

    display_type_rich._nlp_pipeline = True  # type: ignore[attr-defined]
    option.display_type_rich = display_type_rich


_no_bool_metavar()

app = typer.Typer(
    name="nlp-pipeline",
    help="Who is in the news, who said what, and who does what to whom.\n\n"
    "Example: nlp-pipeline analyze corpora/voa/voa_stories.jsonl --out out/voa",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)
out_console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)
# a table written to a pipe or file is as wide as its rows: nothing cut or folded
PIPE_WIDTH = 100_000


class CliError(Exception):
    """A failure the user can fix; ``code`` is the exit status (1 runtime, 2 usage)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


class TableFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class ShowFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class GraphFormat(StrEnum):
    gexf = "gexf"
    graphml = "graphml"
    json = "json"


class StdinFormat(StrEnum):
    auto = "auto"
    jsonl = "jsonl"
    text = "text"
    html = "html"


ModelOpt = Annotated[str, typer.Option("--model", "-m", help="Base spaCy model name or path.")]
FileArg = Annotated[
    str | None,
    typer.Argument(
        help="A .txt or .html file, or - (stdin; the default when it is not a terminal). "
        'Literal text goes in --text "...".',
        show_default=False,
    ),
]
TextOpt = Annotated[
    str | None, typer.Option("--text", "-t", help="Analyse this text instead of a file.")
]
ShowOpt = Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        from . import __version__

        try:
            number = version("nlp-pipeline")
        except PackageNotFoundError:  # pragma: no cover - run from a source tree
            number = __version__
        out_console.print(f"nlp-pipeline {number}", markup=False, highlight=False)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Who is in the news, who said what, and who does what to whom."""


def _fail(err: BaseException) -> None:
    """Print one line for ``err`` and exit with its code."""
    from .run.corpus import CorpusError
    from .run.output import OutputError, one_line

    if isinstance(err, CliError):
        code, msg = err.code, str(err)
    elif isinstance(err, CorpusError | OutputError):
        code, msg = 2, str(err)
    elif isinstance(err, ModelNotFoundError | FileNotFoundError):
        code, msg = 1, str(err)
    elif isinstance(err, KeyboardInterrupt):
        code, msg = 130, "interrupted; finished shards are kept, rerun with --resume"
    else:
        code, msg = 1, one_line(err)
    err_console.print(f"nlp-pipeline: error: {msg}", markup=False, highlight=False)
    raise typer.Exit(code)


def _load(model: str, gpu: bool = False):
    import spacy

    from .loading import load

    if gpu and not spacy.prefer_gpu():
        err_console.print("nlp-pipeline: no GPU available, running on CPU", highlight=False)
    return load(model)


# the options of analyze
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
    from .run.output import Run

    try:
        options = dict(model=model, fmt=fmt.value, resume=resume, overwrite=overwrite)
        options.update(limit=limit, graph=graph, stdin_format=stdin_format.value)
        run = Run(corpus, out, batch_size=batch_size, batch_chars=batch_chars, **options)
        n_process = _check_engine(engine, scheduler, gpu, n_process)
        nlp = _load(model, gpu) if engine is Engine.local else None  # Dask workers load their own
        with _progress(quiet, lambda: run.total) as advance:
            if engine is Engine.local:
                from .run.engine import run_local

                run.on_doc = advance  # document by document
                summary = run_local(run, nlp, n_process)
            else:
                from .run.dask import run_dask

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
        from .run.dask import DaskMissingError, require_dask

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


def _read_input(file: str | None, text: str | None):
    """The one document of ``quotes``/``actors``: a file, stdin, or ``--text``."""
    from .run.corpus import Record, bytes_record, check_text, file_record
    from .run.inputs import looks_like_html

    if file is not None and text is not None:
        raise CliError("give a FILE or --text, not both", 2)
    if text is not None:
        rec = check_text(Record(0, "0", text=text))
    elif file is None and sys.stdin.isatty():
        raise CliError('give a FILE, - for stdin, or --text "..."', 2)
    elif file in (None, "-"):
        data = sys.stdin.buffer.read()
        rec = bytes_record(Record(0, "0"), data, html=looks_like_html(data[:4096]))
    else:
        path = Path(file)
        if not path.exists():
            raise CliError(f"file not found: {file} (for literal text use --text)", 2)
        if path.is_dir():
            raise CliError(f"{file} is a folder; give one file (analyze reads folders)", 2)
        rec = file_record(path, "0")
        if rec.status == "error":
            raise CliError(f"{file}: {rec.error}")
    if rec.status != "ok":
        raise CliError("no text to analyse", 2)
    return rec


def _one_doc(file: str | None, text: str | None, model: str) -> dict:
    """The contract's tables (DataFrames) of the one document of ``quotes``/``actors``."""
    from .tables import doc_tables, frames

    rec = _read_input(file, text)
    return frames(doc_tables(_load(model)(rec.text), rec.doc_id, title=rec.title, date=rec.date))


def _print_table(table: Table) -> None:
    """A rich table to stdout: fitted to a terminal; full width to a pipe or a file."""
    if out_console.is_terminal:
        out_console.print(table)
    else:
        Console(file=sys.stdout, width=PIPE_WIDTH, soft_wrap=True).print(table)


def _show(df, fmt: ShowFormat, title: str, wide: tuple[str, ...] = ()) -> None:
    if fmt is ShowFormat.csv:
        sys.stdout.write(df.to_csv(index=False))
    elif fmt is ShowFormat.json:
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        fit = out_console.is_terminal
        table = Table(title=title)
        for col in df.columns:
            if fit:
                table.add_column(col, overflow="fold", ratio=3 if col in wide else 1)
            else:
                table.add_column(col, no_wrap=True)
        for row in df.itertuples(index=False):
            table.add_row(*(str(v) for v in row))
        _print_table(table)


def _one_doc_command(
    name: str, columns: list[str], summary: str, epilog: str, wide: tuple[str, ...] = ()
) -> Callable[..., None]:
    """Register the command ``name``: print that table of one article (in a terminal
    table, only ``columns``). ``quotes`` and ``actors`` take the same arguments."""

    @app.command(name, help=summary, epilog="Examples:\n\n" + epilog)
    def command(
        file: FileArg = None,
        text: TextOpt = None,
        model: ModelOpt = DEFAULT_MODEL,
        fmt: ShowOpt = ShowFormat.table,
    ) -> None:
        try:
            df = _one_doc(file, text, model)[name]
            if fmt is ShowFormat.table:
                df = df[columns]
            _show(df, fmt, f"{len(df)} {name}", wide=wide)
        except (Exception, KeyboardInterrupt) as err:
            _fail(err)

    return command


quotes = _one_doc_command(
    "quotes",
    ["quote_id", "kind", "speaker_text", "speaker_id", "cue", "text"],
    "Print the quotes of one article, with speaker, cue and kind.",
    "    nlp-pipeline quotes article.txt\n\n"
    "    nlp-pipeline quotes page.html   # a scraped page: its main text\n\n"
    "    nlp-pipeline quotes --text 'Kim said on Monday: \"We will not give up.\"'\n\n"
    "    cat article.txt | nlp-pipeline quotes - --format csv > quotes.csv",
    wide=("text",),
)
actors = _one_doc_command(
    "actors",
    ["actor_id", "name", "label", "country", "n_mentions", "n_quotes", "aliases"],
    "Print the actors of one article with their label, country and mention count.",
    "    nlp-pipeline actors article.txt\n\n"
    "    nlp-pipeline actors --text 'North Korean leader Kim Jong Un met Chinese officials.'\n\n"
    "    nlp-pipeline actors article.txt --format json",
)


GRAPH_SUFFIXES = {".gexf": "gexf", ".graphml": "graphml", ".json": "json"}


def _iso_option(name: str, value: str | None) -> str | None:
    """An ISO 8601 date (or date and time) option, or a usage error."""
    if value is None:
        return None
    try:
        (datetime if "T" in value or " " in value.strip() else date).fromisoformat(value.strip())
    except ValueError:
        raise CliError(
            f"invalid value for '{name}': {value!r} is not an ISO 8601 date (YYYY-MM-DD)", 2
        ) from None
    return value.strip()


def _graph_target(
    out: Path, output: str | None, fmt: GraphFormat | None
) -> tuple[Path | None, str]:
    """Where the graph goes (None: stdout) and in which format."""
    from .run.output import FORMATS, OUTPUT_TABLES

    if output is None and sys.stdout.isatty():
        raise CliError("give -o FILE (or -o - to print the graph on this terminal)", 2)
    if output in (None, "-"):
        return None, (fmt or GraphFormat.gexf).value
    path = Path(output)
    if fmt is None:
        suffix = path.suffix.lower()
        if suffix not in GRAPH_SUFFIXES:
            raise CliError(
                f"cannot tell the graph format from {output!r}; name it .gexf, .graphml or "
                ".json, or give --format",
                2,
            )
        fmt = GraphFormat(GRAPH_SUFFIXES[suffix])
    saved = {"graph.gexf", "_shards", *(f"{t}.{f}" for t in OUTPUT_TABLES for f in FORMATS)}
    if path.resolve().parent == out.resolve() and path.name in saved:
        raise CliError(f"{output} belongs to the analyze run in {out}; choose another file", 2)
    if path.is_dir():
        raise CliError(f"{output} is a folder; give a file name", 2)
    return path, fmt.value


GraphOutArg = Annotated[
    Path, typer.Argument(help="An analyze output folder (read, never written).")
]
GraphFileOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="File to write; - or none: stdout (when it is not a terminal).",
        show_default=False,
    ),
]
GraphFormatOpt = Annotated[
    GraphFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Graph format [default: from the -o suffix, else gexf].",
        show_default=False,
    ),
]
RelationOpt = Annotated[
    list[str] | None,
    typer.Option("--relation", "-r", help="Keep only these relation types (repeatable)."),
]
CoOccursOpt = Annotated[
    bool, typer.Option("--co-occurs/--no-co-occurs", help="Keep the weak co_occurs ties.")
]
SinceOpt = Annotated[str | None, typer.Option(help="Only relations dated on/after (ISO 8601).")]
UntilOpt = Annotated[str | None, typer.Option(help="Only relations dated on/before (ISO 8601).")]
MinWeightOpt = Annotated[int, typer.Option(min=1, help="Drop lighter edges.")]
TopOpt = Annotated[int | None, typer.Option(min=1, help="Keep the N most mentioned actors.")]
EgoOpt = Annotated[
    str | None,
    typer.Option(help="Keep actors near this one: an actor id or an unambiguous name."),
]
RadiusOpt = Annotated[int, typer.Option(min=1, help="Steps from --ego.")]
MultiOpt = Annotated[
    bool, typer.Option("--multi", help="One edge per relation row (not collapsed).")
]
AssertedOpt = Annotated[
    bool,
    typer.Option(
        "--asserted-only",
        help="acts_on edges from events stated as happened (not negated, hedged, future "
        "or reported).",
    ),
]


def _graph_rows(
    relation: list[str] | None, co_occurs: bool, since: str | None, until: str | None
) -> tuple[list[str] | None, str | None, str | None]:
    """The relation types and the date range the graph options select, checked."""
    from .schema import RELATIONS

    for value in relation or []:
        if value not in RELATIONS:
            raise CliError(
                f"invalid value for '--relation': {value!r} (choose from {', '.join(RELATIONS)})",
                2,
            )
    start, end = _iso_option("--since", since), _iso_option("--until", until)
    if start and end and start[:10] > end[:10]:
        raise CliError(f"--since {start} is after --until {end}", 2)
    types = list(relation) if relation else None
    if not co_occurs:
        types = [t for t in (types or RELATIONS) if t != "co_occurs"]
    return types, start, end


def _ego_graph(relations, actors, ego: str | None, **filters):
    """The weighted graph around ``ego`` (a name or id); empty when the filters drop it."""
    from networkx import DiGraph

    from . import graph as G

    ego_id = None
    if ego is not None:
        try:
            ego_id = G.find_actor(actors, ego)
        except G.ActorLookupError as err:
            raise CliError(f"--ego: {err}", 2) from None
    try:
        return G.weighted_graph(relations, actors, ego=ego_id, **filters)
    except ValueError as err:
        if ego_id is None or repr(ego_id) not in str(err):
            raise
        return DiGraph()  # the filters left the ego actor out


@app.command(
    epilog="Examples:\n\n"
    "    nlp-pipeline graph out/voa -o voa.graphml\n\n"
    "    nlp-pipeline graph out/voa -o quotes.json --relation quotes --relation acts_on\n\n"
    "    nlp-pipeline graph out/voa -o strong.gexf --min-weight 2 --top 50 --no-co-occurs\n\n"
    "    nlp-pipeline graph out/voa -o events.gexf --relation acts_on --asserted-only\n\n"
    "    nlp-pipeline graph out/voa -o prk.gexf --ego 'North Korea' --since 2025-01-01\n\n"
    "    nlp-pipeline graph out/voa --ego Trump --format json | jq '.nodes | length'"
)
def graph(
    out: GraphOutArg,
    output: GraphFileOpt = None,
    fmt: GraphFormatOpt = None,
    relation: RelationOpt = None,
    co_occurs: CoOccursOpt = True,
    since: SinceOpt = None,
    until: UntilOpt = None,
    min_weight: MinWeightOpt = 1,
    top: TopOpt = None,
    ego: EgoOpt = None,
    radius: RadiusOpt = 1,
    multi: MultiOpt = False,
    asserted_only: AssertedOpt = False,
) -> None:
    """Rebuild the actor graph from saved tables (no re-parsing), filter it and export it.

    The run's own OUT/graph.gexf is never touched: the graph goes to -o FILE or stdout.
    """
    from . import graph as G
    from .run.output import find_table
    from .tables import read_table

    try:
        if not out.is_dir():
            raise CliError(f"{out} is not a folder; give an analyze output folder", 2)
        types, start, end = _graph_rows(relation, co_occurs, since, until)
        if radius != 1 and ego is None:
            raise CliError("--radius needs --ego", 2)
        if multi and (ego is not None or top is not None or min_weight != 1):
            raise CliError("--multi keeps every row: it takes no --ego, --top or --min-weight", 2)
        target, graph_format = _graph_target(out, output, fmt)
        rows = {"types": types, "start": start, "end": end}
        rows["modality"] = "asserted" if asserted_only else None
        relations = read_table(find_table(out, "relations"))
        actors = read_table(find_table(out, "actors"))
        if multi:
            built = G.multigraph(G.filter_relations(relations, **rows), actors)
        else:
            built = _ego_graph(
                relations, actors, ego, min_weight=min_weight, top_n=top, radius=radius, **rows
            )
        if built.number_of_edges() == 0:
            err_console.print(
                f"nlp-pipeline: warning: empty graph ({built.number_of_nodes()} actors, "
                "no relations) with these filters",
                markup=False,
                highlight=False,
            )
        _write_graph(built, target, graph_format)
    except (Exception, KeyboardInterrupt) as err:
        _fail(err)
    if target is not None:
        out_console.print(str(target), markup=False, highlight=False)


def _write_graph(built, target: Path | None, graph_format: str) -> None:
    from .graph import WRITERS

    if target is not None:
        WRITERS[graph_format](built, target)
        return
    with tempfile.TemporaryDirectory() as tmp:
        data = WRITERS[graph_format](built, Path(tmp) / f"graph.{graph_format}").read_bytes()
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


@app.command(
    epilog="Examples:\n\n    nlp-pipeline info\n\n    nlp-pipeline info --model en_core_web_md"
)
def info(
    model: ModelOpt = DEFAULT_MODEL,
) -> None:
    """Print versions, the base model in use and where it was found, and the components."""
    import importlib.util
    import platform
    from importlib.metadata import version

    from .loading import resolve_model

    try:
        target = resolve_model(model)
        spec = None if Path(target).exists() else importlib.util.find_spec(target)
        where = str(Path(spec.origin).parent) if spec and spec.origin else str(Path(target))
        nlp = _load(model)
        table = Table(show_header=False, title="nlp-pipeline info")
        for package in ("nlp-pipeline", "spacy", "pandas", "networkx", "typer"):
            table.add_row(package, version(package))
        table.add_row("python", platform.python_version())
        table.add_row("model", f"{model} -> {target} {nlp.meta.get('version', '')}")
        table.add_row("model path", where)
        table.add_row("components", ", ".join(nlp.pipe_names))
        _print_table(table)
    except (Exception, KeyboardInterrupt) as err:
        _fail(err)


@app.command(
    epilog="Examples:\n\n"
    "    nlp-pipeline assemble --model en_core_web_sm --out models/nlp_pipeline_sm\n\n"
    "    python -c \"import spacy; spacy.load('models/nlp_pipeline_sm')\""
)
def assemble(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to save the pipeline into.")],
    model: ModelOpt = DEFAULT_MODEL,
) -> None:
    """Save the full pipeline (base model + components) for spacy.load()."""
    from .loading import assemble as build

    try:
        path = build(model, out)
    except (Exception, KeyboardInterrupt) as err:
        _fail(err)
    out_console.print(str(path), markup=False, highlight=False)


# ---------------------------------------------------------------------------- evaluate

evaluate_app = typer.Typer(
    help="Score the pipeline on your own gold data (precision, recall, F1).",
    no_args_is_help=True,
)
app.add_typer(evaluate_app, name="evaluate")
QuoteFormat = StrEnum("QuoteFormat", ["brat", "jsonl"])
EntityFormat = StrEnum("EntityFormat", ["conll", "jsonl", "spacy"])
ErrorsOpt = Annotated[
    Path | None, typer.Option("--errors", help="Write every error (FP, FN) to this CSV file.")
]
EvalLimitOpt = Annotated[int | None, typer.Option("--limit", min=1, help="First N documents only.")]
# both commands print the table on stdout and counts, warnings and errors on stderr


def _predict(gold: Path, fmt: str, model: str, limit: int | None):
    """The gold documents, the pipeline's Docs for them and its failures, or exit 1."""
    try:
        golds = ev.read_gold(gold, fmt)[:limit]
        docs, failures = ev.run(_load(model), golds)
    except (ev.GoldFormatError, ModelNotFoundError) as err:
        _fail(CliError(str(err)))
    ev.report_failures(failures)
    return golds, docs


def _write_errors(errors: list[dict], path: Path | None) -> None:
    if path:
        written = ev.write_errors(errors, path)
        typer.echo(f"{len(errors)} errors written to {written}", err=True)


@evaluate_app.command("quotes")
def evaluate_quotes(
    gold: Annotated[Path, typer.Argument(help="Gold folder (brat) or file (jsonl).")],
    fmt: Annotated[QuoteFormat, typer.Option("--format", help="Gold format.")] = QuoteFormat.brat,
    model: ModelOpt = DEFAULT_MODEL,
    overlap: Annotated[
        float,
        typer.Option("--overlap", min=0.0, max=1.0, help="Share of gold content to cover."),
    ] = ev.DEFAULT_OVERLAP,
    errors: ErrorsOpt = None,
    limit: EvalLimitOpt = None,
) -> None:
    """Quote precision, recall and speaker accuracy by content overlap."""
    golds, docs = _predict(gold, fmt.value, model, limit)
    try:
        preds = [ev.predicted_quotes(d) for d in docs]
    except ev.EvaluationError as err:
        _fail(CliError(str(err)))
    thresholds = [overlap] + [ev.STRICT_OVERLAP] * (overlap != ev.STRICT_OVERLAP)
    result = ev.score_quotes(golds, preds, thresholds)
    n_gold = sum(len(g.quotes) for g in golds)
    typer.echo(
        f"{len(golds)} documents, {n_gold} gold quotes, {sum(map(len, preds))} predicted", err=True
    )
    typer.echo(ev.quote_table({"pipeline": result}))
    _write_errors(result.errors, errors)


@evaluate_app.command("entities")
def evaluate_entities(
    gold: Annotated[Path, typer.Argument(help="Gold file.")],
    fmt: Annotated[
        EntityFormat, typer.Option("--format", help="Gold format.")
    ] = EntityFormat.conll,
    label_map: Annotated[
        str | None,
        typer.Option(
            "--label-map",
            help="gold=PIPELINE label pairs (person=PERSON,country=STATE); "
            "gold labels outside the map are ignored.",
        ),
    ] = None,
    model: ModelOpt = DEFAULT_MODEL,
    errors: ErrorsOpt = None,
    limit: EvalLimitOpt = None,
) -> None:
    """Actor mention P/R/F1 by exact span and label."""
    try:
        mapping = ev.parse_label_map(label_map)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--label-map") from None
    golds, docs = _predict(gold, fmt.value, model, limit)
    result = ev.score_entities(golds, [ev.predicted_entities(d) for d in docs], mapping)
    typer.echo(f"{len(golds)} documents", err=True)
    typer.echo(ev.entity_table({"pipeline": result}))
    _write_errors(result.errors, errors)


def main() -> None:
    """Console-script entry: parser errors also become one line (exit 2), never a traceback."""
    try:
        code = app(standalone_mode=False)
    except typer.Exit as err:
        sys.exit(err.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err_console.print("nlp-pipeline: interrupted", highlight=False)
        sys.exit(130)
    except Exception as err:  # click's usage errors carry exit_code 2; anything else is 1
        if hasattr(err, "format_message") and hasattr(err, "exit_code"):
            ctx = getattr(err, "ctx", None)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            msg, code = err.format_message(), err.exit_code
            if not msg.strip():  # bare `nlp-pipeline`: the help was printed already
                sys.exit(code)
            msg += hint
        else:
            from .run.output import one_line

            msg, code = one_line(err), 1
        err_console.print(f"nlp-pipeline: error: {msg}", markup=False, highlight=False)
        sys.exit(code)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
