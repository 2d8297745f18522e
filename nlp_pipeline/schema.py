"""The output data contract (DESIGN section 5): every table's columns, in order, and types.

Components, the table writers (CSV, Parquet), the graph and the notebook API all read
columns and types from here, so a column is named and typed in one place.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

COLUMNS: dict[str, list[str]] = {
    "documents": [
        "doc_id", "title", "date", "n_chars", "n_words", "n_mentions", "n_quotes",
        "n_relations", "status", "error",
    ],
    "mentions": ["doc_id", "start_char", "end_char", "text", "label", "actor_id", "mention_type"],
    "actors": [
        "actor_id", "name", "label", "country", "aliases", "n_mentions", "n_docs", "n_quotes",
    ],
    "quotes": [
        "doc_id", "quote_id", "start_char", "end_char", "text", "kind", "cue", "cue_start",
        "cue_end", "speaker_text", "speaker_start", "speaker_end", "speaker_id", "speaker_name",
        "speaker_label",
    ],
    "relations": [
        "doc_id", "source_id", "source_name", "relation", "target_id", "target_name",
        "predicate", "start_char", "end_char", "quote_id", "polarity", "modality", "event_type",
        "role", "date",
    ],
    # per-document actor records, the input of the corpus-wide ``actors`` table
    "doc_actors": ["doc_id", "actor_id", "name", "label", "country", "aliases"],
    # the text each offset points into, where it is not the input as read (HTML pages)
    "texts": ["doc_id", "origin", "text"],
}  # fmt: skip
# the tables ``analyze`` writes, and those whose rows each document contributes
TABLES = ("documents", "mentions", "actors", "quotes", "relations")
ROW_TABLES = ("documents", "mentions", "doc_actors", "quotes", "relations")
# character offsets into the document text (shifted when a long text is cut into chunks)
OFFSET_COLUMNS = ("start_char", "end_char", "cue_start", "cue_end", "speaker_start", "speaker_end")
COUNT_COLUMNS = ("n_chars", "n_words", "n_mentions", "n_quotes", "n_relations", "n_docs")
# nullable integers (an unresolved speaker has no offsets); every other column is a string
INT_COLUMNS = frozenset(OFFSET_COLUMNS + COUNT_COLUMNS)
# joins several values in one cell: actor aliases, an edge's predicates or relation types
SEP = "|"
ALIAS_SEP = SEP

RELATIONS = ("affiliated_with", "acts_on", "quotes", "co_occurs")
_LABEL_OF_PREFIX = {"person": "PERSON", "state": "STATE", "org": "ORG"}


def frame(name: str, rows: Iterable[dict]) -> pd.DataFrame:
    """Rows as a typed DataFrame: the contract's columns first, extra columns after.

    Integer columns are ``Int64`` (missing stays missing); the others are strings, with
    empty cells as ``""``, never ``None`` or ``nan``.
    """
    df = pd.DataFrame(list(rows))
    cols = COLUMNS[name]
    for col in cols:
        if col not in df.columns:
            df[col] = pd.Series(dtype="Int64" if col in INT_COLUMNS else "object")
    df = df[cols + [c for c in df.columns if c not in cols]]
    for col in df.columns:
        if col in INT_COLUMNS:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
        else:
            df[col] = df[col].astype("object").where(df[col].notna(), "")
    return df


def country_code(state: str) -> str:
    """ISO alpha-3 for the ``country`` column: ``GB-SCT`` is in GBR; a former polity
    without an ISO code (``ottoman-empire``) has none."""
    if len(state) == 3 and state.isupper():
        return state
    return {"GB": "GBR"}.get(state.split("-")[0], "")


def actor_label(actor_id: str) -> str:
    """The label an actor id's prefix gives (``state:PRK`` -> ``STATE``), else ``""``."""
    return _LABEL_OF_PREFIX.get(actor_id.partition(":")[0], "")


def actor_country(actor_id: str) -> str:
    """The ``country`` a state's id gives (``state:GB-SCT`` -> ``GBR``); ``""`` otherwise."""
    prefix, _, code = actor_id.partition(":")
    return country_code(code) if prefix == "state" else ""
