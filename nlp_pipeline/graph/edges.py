"""Relation rows collapsed into one weighted edge per actor pair, and dates as spells.

An edge carries ``relation`` (the most frequent type), ``relations``, ``weight`` and
``weight_<type>``, ``predicates``, ``roles``, ``event_types``, ``modalities``,
``n_cooperation``, ``n_conflict`` (negated acts left out), ``polarity`` (-1 conflict ..
+1 cooperation), ``n_docs``, ``first_date``, ``last_date`` and ``spells`` (article dates
as day ranges). Everything is vectorised with numpy and pandas so a million rows stay fast.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import RELATIONS, SEP

MAX_PREDICATES = 5


def as_days(dates: pd.Series) -> pd.Series:
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


def day_spells(keys: np.ndarray, days: np.ndarray) -> dict:
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
    by_edge = day_spells(e, as_days(rows["date"]).to_numpy("datetime64[D]"))
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
