"""``nlp-pipeline info`` and ``assemble``: the pipeline in use, and saving it for spacy.load()."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from .. import cli  # cli._load is looked up at each call, so tests can swap the pipeline
from ..loading import DEFAULT_MODEL
from . import _fail, _print_table, app, out_console
from .options import ModelOpt


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

    from ..loading import resolve_model

    try:
        target = resolve_model(model)
        spec = None if Path(target).exists() else importlib.util.find_spec(target)
        where = str(Path(spec.origin).parent) if spec and spec.origin else str(Path(target))
        nlp = cli._load(model)
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
    from ..loading import assemble as build

    try:
        path = build(model, out)
    except (Exception, KeyboardInterrupt) as err:
        _fail(err)
    out_console.print(str(path), markup=False, highlight=False)
