"""Doc -> table rows, rows -> the contract's tables (columns and types: :mod:`.schema`).

Components store plain dicts on the Doc (``doc._.quotes``, ``doc._.relations``); this
module only adds ``doc_id`` and the document's date, and aggregates the ``actors`` table.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from spacy.tokens import Doc

from .components.util import doc_text
from .run.writer import atomic_path
from .schema import ALIAS_SEP, COLUMNS, ROW_TABLES, TABLES, actor_country, frame


def document_row(
    doc_id: str,
    *,
    doc: Doc | None = None,
    title: str = "",
    date: str = "",
    text: str = "",
    status: str = "ok",
    error: str = "",
) -> dict:
    """The ``documents`` row; ``doc`` is None for skipped and failed documents."""
    row = {
        "doc_id": doc_id,
        "title": title or "",
        "date": date or "",
        "n_chars": len(text),
        "n_words": len(text.split()),
        "n_mentions": 0,
        "n_quotes": 0,
        "n_relations": 0,
        "status": status,
        "error": error,
    }
    if doc is not None:
        meta = doc._.meta or {}
        row["title"] = row["title"] or meta.get("title") or ""
        row["date"] = row["date"] or meta.get("date") or ""
        row["n_mentions"] = sum(len(doc.spans.get(key, [])) for key in ("actors", "coref"))
        row["n_quotes"] = len(doc._.quotes or []) if doc.has_extension("quotes") else 0
        row["n_relations"] = len(doc._.relations or []) if doc.has_extension("relations") else 0
    return row


def mention_rows(doc: Doc, doc_id: str) -> list[dict]:
    """Named mentions from ``doc.spans["actors"]`` plus resolved pronouns and role nouns."""
    rows = []
    for key in ("actors", "coref"):
        for span in doc.spans.get(key, []):
            # coreference also links untagged short names (``Nunes`` of ``Amanda Nunes``)
            pos = span[0].pos_
            kind = (
                "name"
                if key == "actors" or pos == "PROPN"
                else ("pronoun" if pos == "PRON" else "nominal")
            )
            rows.append(
                {
                    "doc_id": doc_id,
                    "start_char": span.start_char,
                    "end_char": span.end_char,
                    "text": span.text,
                    "label": span.label_,
                    "actor_id": span.kb_id_,
                    "mention_type": kind,
                }
            )
    rows.sort(key=lambda r: (r["start_char"], r["end_char"]))
    return rows


def doc_tables(doc: Doc, doc_id: str, *, title: str = "", date: str = "") -> dict[str, list]:
    """All rows one processed document contributes, keyed by table name."""
    tables: dict[str, list] = {
        "documents": [document_row(doc_id, title=title, date=date, text=doc_text(doc), doc=doc)],
        "mentions": mention_rows(doc, doc_id),
        "doc_actors": [
            {
                "doc_id": doc_id,
                "actor_id": actor_id,
                "name": rec["name"],
                "label": rec["label"],
                "country": rec["country"],
                "aliases": ALIAS_SEP.join(rec["aliases"]),
            }
            for actor_id, rec in (doc._.actors or {}).items()
        ],
        "quotes": [],
        "relations": [],
    }
    doc_date = tables["documents"][0]["date"]
    if doc.has_extension("quotes"):
        tables["quotes"] = [{"doc_id": doc_id, **q} for q in doc._.quotes or []]
    if doc.has_extension("relations"):
        tables["relations"] = [
            {"doc_id": doc_id, "date": doc_date, **r} for r in doc._.relations or []
        ]
    _countries_from_affiliations(tables["doc_actors"], tables["relations"])
    return tables


def _countries_from_affiliations(actors: list[dict], relations: list[dict]) -> None:
    """An actor without a country takes the first state it is affiliated with."""
    states = {}
    for rel in relations:
        if rel["relation"] == "affiliated_with" and rel["target_id"].startswith("state:"):
            states.setdefault(rel["source_id"], actor_country(rel["target_id"]))
    for rec in actors:
        if not rec["country"]:
            rec["country"] = states.get(rec["actor_id"], "")


def aggregate_actors(
    doc_actors: pd.DataFrame, mentions: pd.DataFrame, quotes: pd.DataFrame
) -> pd.DataFrame:
    """The corpus-wide ``actors`` table from per-document records."""
    if doc_actors.empty:
        return frame("actors", [])
    n_mentions = mentions.groupby("actor_id").size() if not mentions.empty else pd.Series()
    n_quotes = (
        quotes[quotes["speaker_id"] != ""].groupby("speaker_id").size()
        if not quotes.empty
        else pd.Series()
    )
    rows = []
    for actor_id, group in doc_actors.groupby("actor_id", sort=True):
        aliases = sorted({a for s in group["aliases"] for a in str(s).split(ALIAS_SEP) if a})
        countries = [c for c in group["country"] if c]
        rows.append(
            {
                "actor_id": actor_id,
                "name": max(group["name"], key=lambda n: (len(n.split()), len(n))),
                "label": group["label"].mode().iloc[0],
                # the most frequent; a tie goes to the first seen, never to set order
                "country": max(dict.fromkeys(countries), key=countries.count) if countries else "",
                "aliases": ALIAS_SEP.join(aliases),
                "n_mentions": int(n_mentions.get(actor_id, 0)),
                "n_docs": group["doc_id"].nunique(),
                "n_quotes": int(n_quotes.get(actor_id, 0)),
            }
        )
    return frame("actors", rows).sort_values(
        ["n_mentions", "actor_id"], ascending=[False, True], ignore_index=True
    )


def frames(rows: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    """Row lists (``documents``, ``mentions``, ``doc_actors``, ...) as the five tables."""
    typed = {name: frame(name, rows.get(name, [])) for name in ROW_TABLES}
    typed["actors"] = aggregate_actors(typed.pop("doc_actors"), typed["mentions"], typed["quotes"])
    return {name: typed[name] for name in TABLES}


def write_table(df: pd.DataFrame, path: str | Path, fmt: str = "csv") -> Path:
    """Write atomically (temporary file, then rename) as CSV or Parquet."""
    path = Path(path)
    with atomic_path(path) as tmp:  # the user's umask, like every output file
        if fmt == "parquet":
            df.to_parquet(tmp, index=False)
        else:
            df.to_csv(tmp, index=False)
    return path


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a table written by :func:`write_table`, empty cells as empty strings."""
    path = Path(path)
    if path.suffix == ".parquet":
        df = pd.read_parquet(path)
    else:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    name = path.stem
    return frame(name, df.to_dict("records")) if name in COLUMNS else df
