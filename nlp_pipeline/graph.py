"""The actor graph, built from the tables (never from Docs) and exported for Gephi.

Because the graph is rebuilt from the ``relations`` and ``actors`` tables, saved results
give the same graph without re-parsing. Two views:

- :func:`multigraph`: a ``networkx.MultiDiGraph`` with one edge per relation row;
- :func:`weighted_graph`: a ``DiGraph`` with one edge per ordered actor pair (``co_occurs``
  pairs are unordered and stored once), aggregated with pandas so a million rows stay fast.

Nodes carry ``name, label, country, n_mentions, n_docs``; collapsed edges carry ``relation``
(the most frequent type), ``relations``, ``weight`` and ``weight_<type>``, ``predicates``,
``roles``, ``event_types``, ``modalities``, ``n_cooperation``, ``n_conflict`` (negated acts
left out), ``polarity`` (-1 conflict .. +1 cooperation),
``n_docs``, ``first_date``, ``last_date`` and ``spells`` (article dates as day ranges).

:func:`write_gexf` streams GEXF 1.2 itself: every attribute one declared type, empty values
omitted, ``viz`` colour by label and size by mentions, dates as spells for Gephi's timeline.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import networkx as nx
import numpy as np
import pandas as pd

from .run.writer import atomic_open

RELATIONS = ("affiliated_with", "acts_on", "quotes", "co_occurs")
SEP = "|"
MAX_PREDICATES = 5
COLORS = {"PERSON": (31, 119, 180), "STATE": (214, 39, 40), "ORG": (44, 160, 44)}
OTHER_COLOR = (127, 127, 127)
_LABEL_OF_PREFIX = {"person": "PERSON", "state": "STATE", "org": "ORG"}
_ROW_ATTRS = (
    *("relation", "predicate", "polarity", "modality", "event_type", "role"),
    *("date", "doc_id", "quote_id"),
)
_ROW_INTS = ("start_char", "end_char")
# XML 1.0 cannot carry these at all; &, <, >, " and kept whitespace are escaped instead
_XML = {c: None for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000)]}
_XML |= {0xFFFE: None, 0xFFFF: None, ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
_XML |= {ord('"'): "&quot;", ord("\t"): "&#9;", ord("\n"): "&#10;", ord("\r"): "&#13;"}
_ILLEGAL = {k: v for k, v in _XML.items() if v is None}


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (control characters, surrogates)."""
    return text.translate(_ILLEGAL)


# -- from the tables -------------------------------------------------------------------
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
        day = _days(rows["date"])
        keep = day.notna()
        if start:
            keep &= day >= pd.Timestamp(start)
        if end:
            keep &= day <= pd.Timestamp(end)
        rows = rows[keep]
    return rows


def _days(dates: pd.Series) -> pd.Series:
    """Dates of any common format as day timestamps (NaT when empty or unreadable)."""
    codes, unique = pd.factorize(pd.Series(dates, copy=False), use_na_sentinel=True)
    parsed = []
    for value in unique.tolist():
        try:
            stamp = pd.Timestamp(value) if value else pd.NaT
        except (ValueError, TypeError, OverflowError):
            stamp = pd.NaT
        day = np.datetime64("NaT") if pd.isna(stamp) else stamp.tz_localize(None).normalize()
        parsed.append(np.datetime64(day, "ns"))
    table = np.array([*parsed, np.datetime64("NaT")], dtype="datetime64[ns]")
    return pd.Series(table[codes], index=dates.index)


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
    """One row per actor: the ``actors`` table plus actors only named in relations."""
    cols = ["actor_id", "name", "label", "country", "n_mentions", "n_docs"]
    known = (
        actors[cols].copy()
        if actors is not None and not actors.empty
        else pd.DataFrame(columns=cols)
    )
    ends = pd.concat(
        [
            relations[["source_id", "source_name"]].set_axis(["actor_id", "name"], axis=1),
            relations[["target_id", "target_name"]].set_axis(["actor_id", "name"], axis=1),
        ]
    )
    ends = ends[(ends["actor_id"] != "") & ~ends["actor_id"].isin(known["actor_id"])]
    extra = ends.drop_duplicates("actor_id").copy()
    parts = [i.partition(":") for i in extra["actor_id"]]
    extra["label"] = [_LABEL_OF_PREFIX.get(p, "") for p, _, _ in parts]
    extra["country"] = [rest if p == "state" else "" for p, _, rest in parts]
    extra["n_mentions"] = 0
    extra["n_docs"] = 0
    out = pd.concat([known, extra], ignore_index=True) if len(extra) else known
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
    cols = [c for c in (*_ROW_ATTRS, *_ROW_INTS) if c in relations.columns]
    columns = (relations[c].tolist() for c in ("source_id", "target_id", *cols))
    for source, target, *values in zip(*columns, strict=True):
        data = {
            c: (int(v) if c in _ROW_INTS else str(v))
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
    days = np.concatenate([_days(rows["date"]).to_numpy("datetime64[D]")] * 2)
    spells = _day_spells(ends, days)
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


def _empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def _degree(rows: pd.DataFrame, ids: pd.Series) -> pd.Series:
    counts = pd.concat([rows["source_id"], rows["target_id"]]).value_counts()
    return ids.map(counts).fillna(0).astype("int64").to_numpy()


def _day_spells(keys: np.ndarray, days: np.ndarray) -> dict:
    """Key -> spells: the distinct days of each key merged into runs of consecutive days."""
    dated = ~np.isnat(days)
    if not dated.any():
        return {}
    codes, uniques = pd.factorize(keys[dated])
    day = days[dated].astype("datetime64[D]").astype(np.int64)
    first_day, width = day.min(), int(day.max() - day.min()) + 2
    pairs = np.unique(codes.astype(np.int64) * width + (day - first_day))  # sorted key, day
    key, day = pairs // width, pairs % width
    new = np.ones(len(pairs), dtype=bool)
    new[1:] = (key[1:] != key[:-1]) | (day[1:] - day[:-1] > 1)
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:], len(pairs)) - 1
    # few distinct days: format each once and share the strings
    distinct, inverse = np.unique(np.concatenate([day[starts], day[ends]]), return_inverse=True)
    text = np.array((distinct + first_day).astype("datetime64[D]").astype(str).tolist(), object)
    spans = list(zip(*np.split(text[inverse], 2), strict=True))
    run_key = key[starts]
    bounds = np.flatnonzero(np.diff(run_key)) + 1
    lo = [0, *bounds.tolist()]
    hi = [*bounds.tolist(), len(run_key)]
    owners = uniques.take(run_key[lo]).tolist() if len(lo) else []
    return {k: spans[a:b] for k, a, b in zip(owners, lo, hi, strict=True)}


def aggregate_edges(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per (source, target): weights, predicates, polarity, dates and spells."""
    cols = [
        "source_id",
        "target_id",
        "relation",
        "relations",
        "weight",
        *(f"weight_{r}" for r in RELATIONS),
        "predicates",
        "roles",
        "event_types",
        "modalities",
        "n_cooperation",
        "n_conflict",
        "polarity",
        "n_docs",
        "first_date",
        "last_date",
        "spells",
    ]
    rows = rows[(rows["source_id"] != "") & (rows["target_id"] != "")]
    rows = rows[rows["source_id"] != rows["target_id"]]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    src = rows["source_id"].to_numpy(dtype=object)
    tgt = rows["target_id"].to_numpy(dtype=object)
    rel = rows["relation"].to_numpy(dtype=object)
    swap = (rel == "co_occurs") & (src > tgt)
    src, tgt = np.where(swap, tgt, src), np.where(swap, src, tgt)
    s_code, s_ids = pd.factorize(src)
    t_code, t_ids = pd.factorize(tgt)
    e, pair = pd.factorize(s_code.astype(np.int64) * len(t_ids) + t_code)
    n = len(pair)
    out = pd.DataFrame(
        {"source_id": s_ids[pair // len(t_ids)], "target_id": t_ids[pair % len(t_ids)]}
    )
    out["weight"] = np.bincount(e, minlength=n)
    rel_code = pd.Categorical(rel, categories=RELATIONS).codes
    per_type = np.zeros((n, len(RELATIONS)), dtype=np.int64)
    np.add.at(per_type, (e[rel_code >= 0], rel_code[rel_code >= 0]), 1)
    for i, r in enumerate(RELATIONS):
        out[f"weight_{r}"] = per_type[:, i]
    names = np.array(RELATIONS, dtype=object)
    # the dominant type; co-occurrence only where nothing stronger links the pair
    strong = per_type.copy()
    strong[:, -1] = np.where(per_type[:, :-1].sum(axis=1) > 0, -1, per_type[:, -1])
    out["relation"] = names[strong.argmax(axis=1)]
    present = per_type > 0
    out["relations"] = [SEP.join(names[m]) for m in present]
    pol = rows["polarity"].to_numpy(dtype=object)
    mod = _column(rows, "modality")
    pol = np.where(mod == "negated", "", pol)  # an act that did not happen has no side
    coop = np.bincount(e, weights=pol == "cooperation", minlength=n).astype(np.int64)
    conf = np.bincount(e, weights=pol == "conflict", minlength=n).astype(np.int64)
    out["n_cooperation"], out["n_conflict"] = coop, conf
    out["polarity"] = np.divide(coop - conf, coop + conf, out=np.zeros(n), where=coop + conf > 0)
    out["predicates"] = _top_joined(e, rows["predicate"].to_numpy(dtype=object), n)
    out["roles"] = _top_joined(e, rows["role"].to_numpy(dtype=object), n)
    out["event_types"] = _top_joined(e, _column(rows, "event_type"), n)
    out["modalities"] = _top_joined(e, mod, n)
    docs = pd.DataFrame({"e": e, "doc": rows["doc_id"].to_numpy(dtype=object)}).drop_duplicates()
    out["n_docs"] = np.bincount(docs["e"].to_numpy(), minlength=n)
    by_edge = _day_spells(e, _days(rows["date"]).to_numpy("datetime64[D]"))
    spells = [by_edge.get(k, []) for k in range(n)]
    out["spells"] = spells
    out["first_date"] = [sp[0][0] if sp else "" for sp in spells]
    out["last_date"] = [sp[-1][1] if sp else "" for sp in spells]
    return out[cols]


def _column(rows: pd.DataFrame, name: str) -> np.ndarray:
    """A column as objects; ``""`` throughout when tables from older runs lack it."""
    if name in rows.columns:
        return rows[name].fillna("").to_numpy(dtype=object)
    return np.full(len(rows), "", dtype=object)


def _top_joined(e: np.ndarray, values: np.ndarray, n: int) -> list[str]:
    """The most frequent non-empty values per edge, joined with ``|``."""
    frame = pd.DataFrame({"e": e, "v": values})
    frame = frame[frame["v"].notna() & (frame["v"] != "")]
    parts: list[list[str]] = [[] for _ in range(n)]
    if not frame.empty:
        counts = frame.groupby(["e", "v"], sort=False).size().reset_index(name="c")
        counts = counts.sort_values(["e", "c", "v"], ascending=[True, False, True])
        top = counts.groupby("e", sort=False).head(MAX_PREDICATES)
        for k, text in zip(top["e"].tolist(), top["v"].tolist(), strict=True):
            parts[k].append(text)
    return [SEP.join(p) for p in parts]


# -- export ------------------------------------------------------------------------------
@contextmanager
def _atomic(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """Write to a temporary file next to ``path`` and rename it into place when done
    (:mod:`nlp_pipeline.run.writer`: the user's umask, like every output file)."""
    with atomic_open(path, mode, encoding="utf-8", newline="\n") as handle:
        yield handle


def _scalar(value: object) -> object:
    """A GEXF/GraphML-legal value: lists joined, numpy scalars unboxed, strings XML-safe."""
    if isinstance(value, list | tuple | set):
        return SEP.join(str(v) for v in value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, str):
        return xml_safe(value)
    return value


_GEXF_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_NEEDS_ESCAPE = re.compile('[&<>"\\x00-\\x1f\\ud800-\\udfff\\ufffe\\uffff]')
_NS = "http://www.gexf.net/1.2draft"
_HEADER = f"""<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="{_NS}" xmlns:viz="{_NS}/viz" version="1.2"
      xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
      xsi:schemaLocation="{_NS} {_NS}/gexf.xsd">
<meta><creator>nlp_pipeline</creator><description>news actors and relations</description></meta>
"""


def _text(value: object) -> str:
    text = value if type(value) is str else str(_scalar(value))
    return text.translate(_XML) if _NEEDS_ESCAPE.search(text) else text


def _declare(items: Iterable[dict], skip: set[str]) -> list[tuple[str, str, type]]:
    """(title, id, type) per attribute; one seen with mixed types is declared a string."""
    seen: dict[str, set[type]] = {}
    for key, typ in {(k, type(v)) for data in items for k, v in data.items()}:
        seen.setdefault(key, set()).add(typ)
    declared = []
    for key in sorted(set(seen) - skip):
        types = {_kind(t) for t in seen[key] if t is not type(None)}
        declared.append((key, str(len(declared)), types.pop() if len(types) == 1 else str))
    return declared


def _kind(t: type) -> type:
    if issubclass(t, bool | np.bool_):
        return bool
    if issubclass(t, int | np.integer):
        return int
    return float if issubclass(t, float | np.floating) else str


def _attvalues(data: dict, declared: list[tuple[str, str, type]]) -> str:
    parts = []
    for key, aid, kind in declared:
        value = data.get(key)
        if value is None or value == "" or value == []:
            continue
        if kind is str:
            value = _text(value)
        elif kind is bool:
            value = "true" if value else "false"
        elif kind is float:
            if value != value:  # NaN: no value
                continue
            value = repr(float(value))
        else:
            value = str(int(value))
        parts.append(f'<attvalue for="{aid}" value="{value}"/>')
    return f"<attvalues>{''.join(parts)}</attvalues>" if parts else ""


def _spell_xml(spells: list | None) -> str:
    if not spells:
        return ""
    return "<spells>" + "".join(f'<spell start="{a}" end="{b}"/>' for a, b in spells) + "</spells>"


def _size(n_mentions: int, most: int) -> float:
    return round(4.0 + 46.0 * math.sqrt(n_mentions / most), 3) if most > 0 else 4.0


def write_gexf(graph: nx.Graph, path: str | Path) -> Path:
    """GEXF 1.2 for Gephi: node label = actor name, ``type`` = actor label, viz, spells.

    Attributes are declared once with one type each; empty values are left out (Gephi's
    null), names are escaped and cleared of characters XML cannot carry.
    """
    # networkx reads a node's GEXF label back as "label"; the actor label goes to "type"
    nodes = [(n, {**d, "type": d.get("label", "")}) for n, d in graph.nodes(data=True)]
    node_attrs = _declare((d for _, d in nodes), {"name", "label", "spells"})
    edge_attrs = _declare((d for _, _, d in graph.edges(data=True)), {"weight", "spells"})
    dynamic = any(d.get("spells") for _, d in nodes) or any(
        d.get("spells") for _, _, d in graph.edges(data=True)
    )
    most = max((int(d.get("n_mentions", 0) or 0) for _, d in nodes), default=0)
    kind = "directed" if graph.is_directed() else "undirected"
    mode = 'mode="dynamic" timeformat="date"' if dynamic else 'mode="static"'
    with _atomic(path) as out:
        out.write(_HEADER + f'<graph defaultedgetype="{kind}" {mode}>\n')
        for cls, declared in (("node", node_attrs), ("edge", edge_attrs)):
            out.write(f'<attributes class="{cls}" mode="static">\n')
            for title, aid, typ in declared:
                out.write(
                    f'<attribute id="{aid}" title="{_text(title)}" type="{_GEXF_TYPES[typ]}"/>\n'
                )
            out.write("</attributes>\n")
        out.write("<nodes>\n")
        for node, data in nodes:
            r, g, b = COLORS.get(str(data.get("label", "")), OTHER_COLOR)
            size = _size(int(data.get("n_mentions", 0) or 0), most)
            out.write(
                f'<node id="{_text(node)}" label="{_text(data.get("name") or node)}">'
                f"{_attvalues(data, node_attrs)}{_spell_xml(data.get('spells'))}"
                f'<viz:color r="{r}" g="{g}" b="{b}" a="1.0"/><viz:size value="{size}"/></node>\n'
            )
        out.write("</nodes>\n<edges>\n")
        for i, (u, v, data) in enumerate(graph.edges(data=True)):
            out.write(
                f'<edge id="{i}" source="{_text(u)}" target="{_text(v)}" '
                f'weight="{float(data.get("weight", 1.0))!r}">'
                f"{_attvalues(data, edge_attrs)}{_spell_xml(data.get('spells'))}</edge>\n"
            )
        out.write("</edges>\n</graph>\n</gexf>\n")
    return Path(path)


def _flat(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes are all scalars (spells as ``start/end|...``), none empty."""
    flat = graph.__class__()

    def clean(data: dict) -> dict:
        out = {}
        for key, value in data.items():
            if key == "spells" and value:
                value = SEP.join(f"{s}/{e}" for s, e in value)
            if not _empty(value):
                out[key] = _scalar(value)
        return out

    flat.add_nodes_from((xml_safe(str(n)), clean(d)) for n, d in graph.nodes(data=True))
    flat.add_edges_from(
        (xml_safe(str(u)), xml_safe(str(v)), clean(d)) for u, v, d in graph.edges(data=True)
    )
    return flat


def write_graphml(graph: nx.Graph, path: str | Path) -> Path:
    """GraphML with scalar attributes (lists and spells joined with ``|``)."""
    with _atomic(path, "w") as out:
        out.write("\n".join(nx.generate_graphml(_flat(graph))) + "\n")
    return Path(path)


def write_json(graph: nx.Graph, path: str | Path) -> Path:
    """networkx node-link JSON (``nodes`` and ``edges``), readable by d3 and ``read_json``."""
    data = nx.node_link_data(graph, edges="edges")
    with _atomic(path) as out:
        json.dump(data, out, ensure_ascii=False, default=_scalar)
    return Path(path)


def read_json(path: str | Path) -> nx.Graph:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return nx.node_link_graph(data, edges="edges")


WRITERS = {"gexf": write_gexf, "graphml": write_graphml, "json": write_json}


def export(graph: nx.Graph, out_dir: str | Path, formats: Iterable[str] = ("gexf",)) -> list[Path]:
    """Write ``graph.<format>`` for each format into ``out_dir``."""
    return [WRITERS[f](graph, Path(out_dir) / f"graph.{f}") for f in formats]
