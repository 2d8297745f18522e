"""The actor graph, built from the tables (never from Docs).

Because the graph is rebuilt from the ``relations`` and ``actors`` tables, saved results
give the same graph without re-parsing. Two views:

- :func:`multigraph`: a ``networkx.MultiDiGraph`` with one edge per relation row;
- :func:`weighted_graph`: a ``DiGraph`` with one edge per ordered actor pair (``co_occurs``
  pairs are unordered and stored once), aggregated by :mod:`.edges`.

Nodes carry ``name, label, country, n_mentions, n_docs`` and, in the weighted graph, the
``spells`` (article days) they appear in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import networkx as nx
import numpy as np
import pandas as pd

from ..schema import COLUMNS, INT_COLUMNS, SEP, actor_country, actor_label, frame
from .edges import aggregate_edges, as_days, day_spells

NODE_COLUMNS = ["actor_id", "name", "label", "country", "n_mentions", "n_docs"]
# what a relation row keeps as multigraph edge data (the names belong to the nodes)
EDGE_COLUMNS = [
    c
    for c in COLUMNS["relations"]
    if c not in ("source_id", "target_id", "source_name", "target_name")
]


def filter_relations(
    relations: pd.DataFrame,
    *,
    types: Iterable[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    modality: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Rows of the given relation types dated within ``[start, end]`` (ISO days, inclusive).

    A date filter drops undated rows. ``modality`` (``"asserted"`` or several) keeps only
    the ``acts_on`` rows stated that way, so the graph shows what happened; the other
    relation types have no modality and stay.
    """
    rows = relations
    if types is not None:
        rows = rows[rows["relation"].isin(list(types))]
    if modality is not None:
        if "modality" not in rows.columns:
            raise ValueError("these relations have no modality column; re-run analyze")
        wanted = [modality] if isinstance(modality, str) else list(modality)
        rows = rows[(rows["relation"] != "acts_on") | rows["modality"].isin(wanted)]
    if start or end:
        day = as_days(rows["date"])
        keep = day.notna()
        if start:
            keep &= day >= pd.Timestamp(start)
        if end:
            keep &= day <= pd.Timestamp(end)
        rows = rows[keep]
    return rows


class ActorLookupError(ValueError):
    """A name that names no actor, or more than one (the message lists them)."""


def find_actor(actors: pd.DataFrame, query: str, *, shown: int = 6) -> str:
    """The id of the one actor ``query`` names in the ``actors`` table.

    ``query`` is an actor id (any case: ``state:prk``), a name or alias (any case: ``North
    Korea``), or words found whole in one actor's name or aliases (``Trump``). Raises
    :class:`ActorLookupError`, whose one-line message lists the candidates, when it names
    none or several.
    """
    wanted = " ".join(query.split()).casefold()
    if not wanted:
        raise ActorLookupError("an empty actor name")
    ids = actors["actor_id"].astype(str)
    exact_id = actors[ids.str.casefold() == wanted]
    if len(exact_id) == 1:
        return str(exact_id["actor_id"].iloc[0])
    names = [
        {n.casefold() for n in [str(name), *str(aliases).split(SEP)] if n}
        for name, aliases in zip(actors["name"], actors["aliases"], strict=True)
    ]
    hits = actors[[wanted in n for n in names]]
    if hits.empty:
        words = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)")
        hits = actors[[any(words.search(x) for x in n) for n in names]]
    if len(hits) == 1:
        return str(hits["actor_id"].iloc[0])
    if hits.empty:
        raise ActorLookupError(f"no actor is named {query!r}; give an actor id or a name")
    mentions = pd.to_numeric(hits["n_mentions"], errors="coerce").fillna(0)
    ranked = hits.assign(_m=mentions).sort_values(["_m", "actor_id"], ascending=[False, True])
    listed = [f"{i} ({n})" for i, n in zip(ranked["actor_id"], ranked["name"], strict=True)]
    more = f", and {len(listed) - shown} more" if len(listed) > shown else ""
    raise ActorLookupError(
        f"{query!r} names {len(listed)} actors: {', '.join(listed[:shown])}{more}; "
        "give one of these ids"
    )


def nodes_table(relations: pd.DataFrame, actors: pd.DataFrame | None) -> pd.DataFrame:
    """One row per actor: the ``actors`` table plus actors only named in relations.

    Those (a state named only by a demonym) take label and country from their id, by the
    rule the tables use (``state:GB-SCT`` is in ``GBR``).
    """
    known = frame("actors", []) if actors is None or actors.empty else actors
    known = known[NODE_COLUMNS]
    ends = pd.concat(
        [
            relations[["source_id", "source_name"]].set_axis(["actor_id", "name"], axis=1),
            relations[["target_id", "target_name"]].set_axis(["actor_id", "name"], axis=1),
        ]
    )
    ends = ends[(ends["actor_id"] != "") & ~ends["actor_id"].isin(known["actor_id"])]
    extra = ends.drop_duplicates("actor_id")
    ids = extra["actor_id"].tolist()
    extra = extra.assign(
        label=[actor_label(i) for i in ids],
        country=[actor_country(i) for i in ids],
        n_mentions=0,
        n_docs=0,
    )
    out = pd.concat([known, extra], ignore_index=True) if len(extra) else known.copy()
    for col in ("n_mentions", "n_docs"):
        out[col] = pd.to_numeric(out[col], errors="coerce").fillna(0).astype("int64")
    for col in ("name", "label", "country"):
        out[col] = out[col].astype("object").where(out[col].notna(), "").astype(str)
    out["name"] = out["name"].where(out["name"] != "", out["actor_id"])
    return out.reset_index(drop=True)


def _node_attrs(nodes: pd.DataFrame) -> Iterator[tuple[str, dict]]:
    cols = ("name", "label", "country", "n_mentions", "n_docs")
    for row in zip(*(nodes[c].tolist() for c in ("actor_id", *cols)), strict=True):
        values = zip(cols, row[1:], strict=True)
        yield row[0], {c: (int(v) if c.startswith("n_") else v) for c, v in values}


def multigraph(relations: pd.DataFrame, actors: pd.DataFrame | None = None) -> nx.MultiDiGraph:
    """One edge per relation row, keeping its evidence (doc, offsets, quote, date)."""
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(_node_attrs(nodes_table(relations, actors)))
    cols = [c for c in EDGE_COLUMNS if c in relations.columns]
    columns = (relations[c].tolist() for c in ("source_id", "target_id", *cols))
    for source, target, *values in zip(*columns, strict=True):
        data = {
            c: (int(v) if c in INT_COLUMNS else str(v))
            for c, v in zip(cols, values, strict=True)
            if not pd.isna(v)
        }
        graph.add_edge(source, target, **data)
    return graph


def weighted_graph(
    relations: pd.DataFrame,
    actors: pd.DataFrame | None = None,
    *,
    types: Iterable[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    min_weight: int = 1,
    top_n: int | None = None,
    ego: str | None = None,
    radius: int = 1,
    isolates: bool = True,
    modality: str | Iterable[str] | None = None,
) -> nx.DiGraph:
    """The collapsed, weighted graph; every filter is optional.

    ``types``/``start``/``end``/``modality`` select rows (``modality="asserted"``: events
    stated as happened only); ``top_n`` keeps the most mentioned actors;
    ``min_weight`` drops lighter edges; ``ego`` keeps the actors within ``radius`` steps of
    one actor (either direction). ``isolates=False`` drops actors left without edges.
    """
    rows = filter_relations(relations, types=types, start=start, end=end, modality=modality)
    nodes = nodes_table(relations, actors)
    if top_n is not None:
        by = nodes.assign(_deg=_degree(rows, nodes["actor_id"]))
        top = by.sort_values(["n_mentions", "_deg", "actor_id"], ascending=[False, False, True])
        nodes = nodes[nodes["actor_id"].isin(top["actor_id"].head(top_n))]
        keep = nodes["actor_id"]
        rows = rows[rows["source_id"].isin(keep) & rows["target_id"].isin(keep)]
    edges = aggregate_edges(rows)
    if min_weight > 1:
        edges = edges[edges["weight"] >= min_weight]
    graph = nx.DiGraph()
    ends = np.concatenate([rows["source_id"].to_numpy(object), rows["target_id"].to_numpy(object)])
    days = np.concatenate([as_days(rows["date"]).to_numpy("datetime64[D]")] * 2)
    spells = day_spells(ends, days)
    for actor_id, data in _node_attrs(nodes):
        if actor_id in spells:
            data["spells"] = spells[actor_id]
        graph.add_node(actor_id, **data)
    attrs = [c for c in edges.columns if c not in ("source_id", "target_id")]
    columns = zip(*(edges[a].tolist() for a in attrs), strict=True)
    records = [dict(zip(attrs, v, strict=True)) for v in columns]
    for data in records:
        if not data["spells"]:
            del data["spells"]  # undated: present for the whole timeline
    graph.add_edges_from(
        zip(edges["source_id"].tolist(), edges["target_id"].tolist(), records, strict=True)
    )
    if ego is not None:
        if ego not in graph:
            raise ValueError(f"no actor {ego!r} in the graph (after the filters)")
        graph = nx.ego_graph(graph, ego, radius=radius, undirected=True)
    if not isolates or min_weight > 1 or types is not None or start or end or modality:
        graph.remove_nodes_from([n for n, d in graph.degree() if d == 0 and n != ego])
    return graph


def _degree(rows: pd.DataFrame, ids: pd.Series) -> pd.Series:
    counts = pd.concat([rows["source_id"], rows["target_id"]]).value_counts()
    return ids.map(counts).fillna(0).astype("int64").to_numpy()
