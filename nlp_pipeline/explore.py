"""The notebook API: results as pandas DataFrames, the actor graph, and displaCy views.

Everything returns the tables of the data contract (:mod:`nlp_pipeline.tables`), so what
a notebook computes from ``analyze_texts`` and from ``load_results`` of an ``analyze`` run
is interchangeable::

    from nlp_pipeline import explore
    tables = explore.analyze_text("Chinese President Xi Jinping said ...")
    tables["quotes"]                            # one row per quote
    explore.render(explore.pipeline()(text))    # actors and quotes highlighted
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import spacy
from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import is_in_jupyter

from . import graph
from . import tables as T
from .loading import DEFAULT_MODEL, load
from .run.corpus import Record, read_corpus
from .run.engine import process_records
from .run.output import load_tables

# Registered for every displaCy view through the ``spacy_displacy_colors`` entry point;
# the actor labels have the graph's colours (Gephi, :func:`draw_graph`).
DISPLACY_COLORS: dict[str, str] = {
    **graph.COLORS,
    "QUOTE": "#c8f0c0",
    "SPEAKER": "#ff9e9e",
    "CUE": "#e0e0e0",
}
STYLES = ("actors", "quotes", "all")


@lru_cache(maxsize=4)
def pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The full pipeline, loaded once per model and kernel (the default of ``nlp=``)."""
    return load(model)


def doc_frames(doc: Doc, doc_id: str = "0", *, title: str = "", date: str = "") -> dict:
    """The contract's tables for one processed Doc (e.g. the one you render)."""
    return T.frames(T.doc_tables(doc, doc_id, title=title, date=date))


def _analyze_records(records: list, nlp: Language | None, batch_size: int) -> dict:
    # the same code path as ``nlp-pipeline analyze`` (long texts chunked, bad ones flagged)
    return T.frames(process_records(nlp or pipeline(), records, batch_size=batch_size))


def analyze_texts(
    items: Iterable[str | dict], nlp: Language | None = None, *, batch_size: int = 16
) -> dict[str, pd.DataFrame]:
    """Analyse texts, or ``{id, text, title, date}`` records, into the contract's tables.

    Returns ``documents``, ``mentions``, ``actors``, ``quotes`` and ``relations`` with the
    columns of the files ``nlp-pipeline analyze`` writes; texts without an id are numbered
    from 0. ``nlp`` defaults to :func:`pipeline` (the default model, loaded once).
    """
    records = []
    for i, item in enumerate(items):
        rec = {"text": item} if isinstance(item, str) else item
        doc_id = rec.get("id", rec.get("doc_id", i))
        fields = {k: str(rec.get(k) or "") for k in ("title", "date", "url")}
        records.append(Record(i, str(doc_id), text=rec["text"], **fields))
    return _analyze_records(records, nlp, batch_size)


def analyze_text(text: str, nlp: Language | None = None) -> dict[str, pd.DataFrame]:
    """Analyse one text (doc_id ``0``) into the contract's tables."""
    return analyze_texts([text], nlp)


def analyze_corpus(
    corpus: str | Path,
    nlp: Language | None = None,
    *,
    limit: int | None = None,
    batch_size: int = 16,
) -> dict[str, pd.DataFrame]:
    """Analyse (the first ``limit`` documents of) a corpus in memory, as ``analyze`` would.

    ``corpus`` is any input ``nlp-pipeline analyze`` reads (``.jsonl``, ``.csv``, ``.txt``
    or a folder of them); for big corpora run the CLI and :func:`load_results` instead.
    """
    return _analyze_records(list(islice(read_corpus(corpus), limit)), nlp, batch_size)


def load_results(out_dir: str | Path) -> dict[str, pd.DataFrame]:
    """The tables of an ``nlp-pipeline analyze --out OUT_DIR`` run (CSV or Parquet)."""
    return load_tables(out_dir)


# --- questions a notebook asks of the tables -------------------------------------------


def top_actors(
    tables: dict[str, pd.DataFrame] | pd.DataFrame,
    by: str = "n_mentions",
    label: str | None = None,
    n: int = 10,
    *,
    graph: nx.DiGraph | None = None,
) -> pd.DataFrame:
    """The ``n`` actors with most ``by`` (``n_mentions``, ``n_quotes``, ``n_docs``).

    ``tables`` is the dict of tables or just the ``actors`` table. Given a ``graph``, adds
    ``out_weight``, ``in_weight`` and ``weighted_degree`` (edge weights, out, in and both),
    which ``by`` can then rank.
    """
    actors = tables["actors"] if isinstance(tables, dict) else tables
    if label:
        actors = actors[actors["label"] == label]
    if graph is not None:
        ids = actors["actor_id"]
        out = ids.map(dict(graph.out_degree(weight="weight"))).fillna(0)
        into = ids.map(dict(graph.in_degree(weight="weight"))).fillna(0)
        actors = actors.assign(out_weight=out, in_weight=into, weighted_degree=out + into)
    return actors.sort_values([by, "actor_id"], ascending=[False, True]).head(n)


def quotes_by(tables: dict[str, pd.DataFrame], speaker: str) -> pd.DataFrame:
    """Quotes whose resolved speaker is ``speaker`` (an actor id, or part of a name)."""
    quotes = tables["quotes"]
    hit = (quotes["speaker_id"] == speaker) | quotes["speaker_name"].str.contains(
        speaker, case=False, regex=False
    )
    return quotes[hit]


def mentions_over_time(
    tables: dict[str, pd.DataFrame],
    actors: Iterable[str] | None = None,
    freq: str = "MS",
    *,
    per_doc: bool = False,
) -> pd.DataFrame:
    """Mentions per period (rows) and actor name (columns), by article date.

    ``actors`` are actor ids (default: the five most mentioned); ``freq`` a pandas period
    (``D``, ``W``, ``MS``, ``QS``). ``per_doc`` divides by the number of dated articles in
    the period (empty where there are none), so uneven sampling does not pass for news
    attention. Articles without a readable date are left out.
    """
    ids = list(actors) if actors is not None else list(top_actors(tables, n=5)["actor_id"])
    documents = tables["documents"]
    dates = pd.to_datetime(documents["date"], errors="coerce", utc=True, format="mixed")
    docs = pd.DataFrame({"doc_id": documents["doc_id"], "date": dates.dt.tz_localize(None)})
    docs = docs.dropna()
    names = tables["actors"].set_index("actor_id")["name"]
    m = tables["mentions"]
    m = m[m["actor_id"].isin(ids)].merge(docs, on="doc_id")
    if m.empty:
        return pd.DataFrame(index=pd.DatetimeIndex([], name="date"))
    m["actor"] = m["actor_id"].map(names).fillna(m["actor_id"])
    counts = m.groupby([pd.Grouper(key="date", freq=freq), "actor"]).size()
    counts = counts.unstack("actor", fill_value=0).asfreq(freq, fill_value=0)
    if per_doc:
        n_docs = docs.groupby(pd.Grouper(key="date", freq=freq)).size()
        counts = counts.div(n_docs.reindex(counts.index).replace(0, np.nan), axis=0)
    return counts


def relation_counts(
    tables: dict[str, pd.DataFrame],
    label: str | None = None,
    relation: str | None = None,
    *,
    matrix: bool = False,
) -> pd.DataFrame:
    """How often each (source, relation, target) occurs, most frequent first.

    ``label`` keeps relations whose both ends are actors of that label (``STATE``);
    ``relation`` keeps one relation type (``quotes``: who speaks of whom in quotes).
    ``matrix=True`` gives a source x target table of counts instead.
    """
    rel = tables["relations"]
    if relation:
        rel = rel[rel["relation"] == relation]
    if label:
        ids = set(tables["actors"].loc[tables["actors"]["label"] == label, "actor_id"])
        rel = rel[rel["source_id"].isin(ids) & rel["target_id"].isin(ids)]
    if matrix:
        return rel.pivot_table(
            index="source_name", columns="target_name", values="doc_id", aggfunc="size"
        ).fillna(0)
    cols = ["source_name", "relation", "target_name"]
    counts = rel.groupby(cols).agg(
        n=("doc_id", "size"),
        n_docs=("doc_id", "nunique"),
        predicates=("predicate", lambda p: ", ".join(sorted({x for x in p if x})[:5])),
    )
    ranked = counts.reset_index().sort_values(["n", *cols], ascending=[False, True, True, True])
    return ranked.reset_index(drop=True)


# --- the actor graph (built by :mod:`nlp_pipeline.graph`) -----------------------------


def actor_graph(tables: dict[str, pd.DataFrame], **filters: Any) -> nx.DiGraph:
    """The weighted actor graph of the tables; see :func:`nlp_pipeline.graph.weighted_graph`.

    Filters: ``types`` (relation types), ``start``/``end`` (ISO dates), ``min_weight``,
    ``top_n`` (most mentioned actors), ``ego`` and ``radius`` (one actor's neighbourhood),
    ``isolates``.
    """
    return graph.weighted_graph(tables["relations"], tables["actors"], **filters)


def export_gexf(g: nx.Graph, path: str | Path) -> Path:
    """Write ``g`` as GEXF for Gephi (colours, sizes, timeline spells)."""
    return graph.write_gexf(g, path)


def communities(
    g: nx.Graph, *, weight: str = "weight", resolution: float = 1.0, seed: int = 0
) -> dict[str, int]:
    """Louvain communities (on the undirected view), numbered largest first.

    Also stores the number as the node attribute ``community`` so it exports to Gephi.
    """
    found = nx.community.louvain_communities(
        g.to_undirected(as_view=True), weight=weight, resolution=resolution, seed=seed
    )
    ranked = sorted(found, key=lambda c: (-len(c), min(c)))
    member = {node: i for i, group in enumerate(ranked) for node in group}
    nx.set_node_attributes(g, member, "community")
    return member


def draw_graph(g: nx.Graph, *, ax: Any = None, labels: int = 30, seed: int = 7) -> Any:
    """Draw ``g`` with matplotlib; returns the Axes.

    Nodes are coloured by label as in the displaCy views and sized by mentions; edges are
    as wide as their weight, green for cooperation, red for conflict. The ``labels`` most
    mentioned actors are named.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(10, 8))
    ax.set_axis_off()
    if not len(g):
        ax.set_title("(no actors to draw)")
        return ax
    # ARF spreads hubs and small components evenly; spring scales better for big graphs
    u = g.to_undirected()
    pos = nx.arf_layout(u, seed=seed) if len(g) <= 300 else nx.spring_layout(u, seed=seed)
    mentions = {n: int(d.get("n_mentions", 0) or 0) for n, d in g.nodes(data=True)}
    most = max(max(mentions.values()), 1)
    weights = [float(d.get("weight", 1)) for _, _, d in g.edges(data=True)]
    heaviest = max(weights, default=1.0)
    sizes = [80 + 1500 * (mentions[n] / most) ** 0.5 for n in g]
    polarity = {-1: "#d62728", 0: "#b0b0b0", 1: "#2ca02c"}
    nx.draw_networkx_edges(
        g,
        pos,
        ax=ax,
        width=[0.5 + 4 * w / heaviest for w in weights],
        edge_color=[
            polarity[int(np.sign(d.get("polarity", 0) or 0))] for _, _, d in g.edges(data=True)
        ],
        alpha=0.6,
        arrows=g.is_directed(),
        arrowsize=8,
        node_size=sizes,
    )
    nx.draw_networkx_nodes(
        g,
        pos,
        ax=ax,
        node_color=[graph.COLORS.get(g.nodes[n].get("label", ""), graph.OTHER_COLOR) for n in g],
        node_size=sizes,
        edgecolors="#555555",
        linewidths=0.5,
    )
    named = sorted(g, key=lambda n: -mentions[n])[:labels]
    nx.draw_networkx_labels(
        g, pos, ax=ax, labels={n: g.nodes[n].get("name", n) for n in named}, font_size=9
    )
    handles = [
        plt.Line2D([], [], marker="o", ls="", color=color, label=label, markersize=9)
        for label, color in graph.COLORS.items()
    ]
    ax.legend(handles=handles, loc="lower left", frameon=False)
    return ax


# --- displaCy ---------------------------------------------------------------------------


def _doc_rows(doc: Doc) -> tuple[list[dict], list[dict]]:
    rows = T.doc_tables(doc, "doc")
    return rows["mentions"], rows["quotes"]


def _as_rows(rows: pd.DataFrame | list[dict] | None) -> list[dict]:
    if rows is None:
        return []
    return rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)


def _non_overlapping(ents: list[dict]) -> list[dict]:
    """Longest first, then left to right: what the ``ent`` style can draw."""
    kept: list[dict] = []
    for ent in sorted(ents, key=lambda e: (e["start"] - e["end"], e["start"])):
        if all(ent["end"] <= k["start"] or ent["start"] >= k["end"] for k in kept):
            kept.append(ent)
    return sorted(kept, key=lambda e: e["start"])


def _offset(value: Any) -> int | None:
    return None if value is None or pd.isna(value) or value == "" else int(value)


def _marks(mentions: list[dict], quotes: list[dict], style: str) -> list[dict]:
    """Character ranges to highlight, one per range and label.

    Actors carry their id; quotes their id and kind; a speaker the resolved name (or
    ``unresolved``) and the ids of the quotes it speaks, so a speaker of two quotes is
    drawn once. In the stacked ``all`` view actor ids are left out to keep labels short.
    """
    notes: dict[tuple[int, int, str], list[str]] = {}

    def add(start: Any, end: Any, label: str, note: str) -> None:
        start, end = _offset(start), _offset(end)
        if start is not None and end is not None and end > start:
            notes.setdefault((start, end, label), []).append(note)

    if style in ("actors", "all"):
        for m in mentions:
            add(m["start_char"], m["end_char"], m["label"], "" if style == "all" else m["actor_id"])
    if style in ("quotes", "all"):
        for q in quotes:
            qid = q["quote_id"]
            add(
                q["start_char"],
                q["end_char"],
                "QUOTE",
                qid if style == "all" else f"{qid} {q['kind']}",
            )
            add(q["speaker_start"], q["speaker_end"], "SPEAKER", qid)
            add(q["cue_start"], q["cue_end"], "CUE", "")
    speakers = {
        (_offset(q["speaker_start"]), _offset(q["speaker_end"])): q["speaker_name"] or "unresolved"
        for q in quotes
    }
    marks = []
    for (start, end, label), parts in notes.items():
        note = ", ".join(dict.fromkeys(p for p in parts if p))
        if label == "SPEAKER":
            who = speakers[start, end]
            note = who if style == "all" else f"{who} ({note})"
        marks.append({"start": start, "end": end, "label": label, "kb_id": note})
    return marks


@lru_cache(maxsize=1)
def _tokenizer() -> Language:
    return spacy.blank("en")


def _span_view(doc: Doc, marks: list[dict], title: str | None) -> dict:
    """The manual ``span``-style input: overlapping marks as token ranges."""
    spans = []
    for mark in marks:
        span = doc.char_span(mark["start"], mark["end"], alignment_mode="expand")
        if span is not None and len(span):
            spans.append({**mark, "start_token": span.start, "end_token": span.end})
    return {"text": doc.text, "tokens": [t.text for t in doc], "spans": spans, "title": title}


def render(
    doc: Doc | str,
    style: str = "all",
    *,
    mentions: pd.DataFrame | list[dict] | None = None,
    quotes: pd.DataFrame | list[dict] | None = None,
    title: str | None = None,
    jupyter: bool | None = None,
    page: bool = False,
) -> Any:
    """Highlight actors (PERSON, STATE, ORG) and quotes with speakers and cues.

    ``doc`` is a processed Doc, or a document's raw text together with its ``mentions``
    and ``quotes`` rows (e.g. filtered from :func:`load_results`). ``style``: ``actors``
    and ``quotes`` use displaCy's ``ent`` style (one layer, readable prose); ``all`` uses
    the ``span`` style, which stacks overlapping layers. In a notebook the result is
    displayed as HTML; elsewhere (or with ``jupyter=False``) it is the HTML string.
    """
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, not {style!r}")
    if isinstance(doc, Doc):
        m_rows, q_rows = _doc_rows(doc)
        title = title or ((doc._.meta or {}).get("title") if doc.has_extension("meta") else None)
    else:
        doc, m_rows, q_rows = _tokenizer().make_doc(doc), _as_rows(mentions), _as_rows(quotes)
    marks = _marks(m_rows, q_rows, style)
    if style == "all":
        parsed, kind = _span_view(doc, marks, title), "span"
    else:
        parsed = {"text": doc.text, "ents": _non_overlapping(marks), "title": title}
        kind = "ent"
    html = displacy.render(parsed, style=kind, manual=True, jupyter=False, page=page)
    if jupyter or (jupyter is None and is_in_jupyter()):
        from IPython.display import HTML

        return HTML(f'<span class="tex2jax_ignore">{html}</span>')
    return html
