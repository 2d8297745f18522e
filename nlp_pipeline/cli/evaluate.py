"""``nlp-pipeline evaluate quotes|entities``: score the pipeline on the user's gold data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import cli  # cli._load is looked up at each call, so tests can swap the pipeline
from .. import evaluate as ev
from ..loading import DEFAULT_MODEL, ModelNotFoundError
from . import CliError, _fail, app
from .options import EntityFormat, ModelOpt, QuoteFormat

evaluate_app = typer.Typer(
    help="Score the pipeline on your own gold data (precision, recall, F1).",
    no_args_is_help=True,
)
app.add_typer(evaluate_app, name="evaluate")
ErrorsOpt = Annotated[
    Path | None, typer.Option("--errors", help="Write every error (FP, FN) to this CSV file.")
]
EvalLimitOpt = Annotated[int | None, typer.Option("--limit", min=1, help="First N documents only.")]
# both commands print the table on stdout and counts, warnings and errors on stderr


def _predict(gold: Path, fmt: str, model: str, limit: int | None):
    """The gold documents, the pipeline's Docs for them and its failures, or exit 1."""
    try:
        golds = ev.read_gold(gold, fmt)[:limit]
        docs, failures = ev.run(cli._load(model), golds)
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
