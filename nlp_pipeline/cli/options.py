"""The choices the commands take, and the ``--model`` option they all share."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


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


QuoteFormat = StrEnum("QuoteFormat", ["brat", "jsonl"])
EntityFormat = StrEnum("EntityFormat", ["conll", "jsonl", "spacy"])

ModelOpt = Annotated[str, typer.Option("--model", "-m", help="Base spaCy model name or path.")]
