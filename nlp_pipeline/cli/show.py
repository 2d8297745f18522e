"""``nlp-pipeline quotes`` and ``actors``: one table of one article, to read or to pipe."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from .. import cli  # cli._load is looked up at each call, so tests can swap the pipeline
from ..loading import DEFAULT_MODEL
from . import CliError, _fail, _print_table, app, out_console
from .options import ModelOpt, ShowFormat

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


def _read_input(file: str | None, text: str | None):
    """The one document of ``quotes``/``actors``: a file, stdin, or ``--text``."""
    from ..run.corpus import Record, bytes_record, check_text, file_record
    from ..run.inputs import looks_like_html

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
    from ..tables import doc_tables, frames

    rec = _read_input(file, text)
    return frames(
        doc_tables(cli._load(model)(rec.text), rec.doc_id, title=rec.title, date=rec.date)
    )


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
