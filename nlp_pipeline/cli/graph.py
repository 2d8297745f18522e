"""``nlp-pipeline graph``: the actor graph rebuilt from saved tables, filtered, exported."""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from . import CliError, _fail, app, err_console, out_console
from .options import GraphFormat

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
    from ..run.output import FORMATS, OUTPUT_TABLES

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
MinWeightOpt = Annotated[int, typer.Option(min=1, help="Drop lighter edges.")]
TopOpt = Annotated[int | None, typer.Option(min=1, help="Keep the N most mentioned actors.")]
EgoOpt = Annotated[
    str | None,
    typer.Option(help="Keep actors near this one: an actor id or an unambiguous name."),
]
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
    from ..schema import RELATIONS

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

    from .. import graph as G

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
    since: Annotated[
        str | None, typer.Option(help="Only relations dated on/after (ISO 8601).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only relations dated on/before (ISO 8601).")
    ] = None,
    min_weight: MinWeightOpt = 1,
    top: TopOpt = None,
    ego: EgoOpt = None,
    radius: Annotated[int, typer.Option(min=1, help="Steps from --ego.")] = 1,
    multi: MultiOpt = False,
    asserted_only: AssertedOpt = False,
) -> None:
    """Rebuild the actor graph from saved tables (no re-parsing), filter it and export it.

    The run's own OUT/graph.gexf is never touched: the graph goes to -o FILE or stdout.
    """
    from .. import graph as G
    from ..run.output import find_table
    from ..tables import read_table

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
    from ..graph import WRITERS

    if target is not None:
        WRITERS[graph_format](built, target)
        return
    with tempfile.TemporaryDirectory() as tmp:
        data = WRITERS[graph_format](built, Path(tmp) / f"graph.{graph_format}").read_bytes()
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
