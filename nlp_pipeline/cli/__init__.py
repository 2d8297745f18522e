"""The ``nlp-pipeline`` command: analyse a corpus, look at one article, rebuild the graph.

Data goes to stdout; progress, summaries and diagnostics go to stderr. Every failure is
one line: exit code 1 for runtime errors, 2 for usage errors, never a traceback.

This module holds what every command shares (the typer ``app``, the consoles, ``_fail``
and ``_load``); each command lives in its own module, imported at the end to register it.
The command modules import spaCy, pandas and the pipeline only inside the commands.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..loading import ModelNotFoundError


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


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        from .. import __version__

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
    from ..run.corpus import CorpusError
    from ..run.output import OutputError, one_line

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

    from ..loading import load

    if gpu and not spacy.prefer_gpu():
        err_console.print("nlp-pipeline: no GPU available, running on CPU", highlight=False)
    return load(model)


def _print_table(table: Table) -> None:
    """A rich table to stdout: fitted to a terminal; full width to a pipe or a file."""
    if out_console.is_terminal:
        out_console.print(table)
    else:
        Console(file=sys.stdout, width=PIPE_WIDTH, soft_wrap=True).print(table)


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
            from ..run.output import one_line

            msg, code = one_line(err), 1
        err_console.print(f"nlp-pipeline: error: {msg}", markup=False, highlight=False)
        sys.exit(code)
    sys.exit(code if isinstance(code, int) else 0)


# the commands, in the order --help lists them
from . import analyze, show, graph, models, evaluate  # noqa: E402, F401, I001
