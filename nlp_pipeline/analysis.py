"""Small notebook helpers over the tables and the actor graph: who matters, who talks of whom.

Everything takes the contract's DataFrames or a graph from :mod:`nlp_pipeline.graph` and
returns a DataFrame, a dict or a matplotlib Axes (matplotlib is imported only by
:func:`draw`; install the ``notebooks`` extra for it).
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd

from .graph import COLORS, OTHER_COLOR


def top_actors(
    actors: pd.DataFrame, graph: nx.DiGraph | None = None, n: int = 20, by: str = "n_mentions"
) -> pd.DataFrame:
    """The ``n`` top actors by ``n_mentions`` or, given a graph, by ``weighted_degree``.

    With a graph, adds ``weighted_degree`` (sum of edge weights, in and out), ``out_weight``
    and ``in_weight``.
    """
    out = actors[["actor_id", "name", "label", "country", "n_mentions", "n_docs"]].copy()
    if graph is not None:
        ids = out["actor_id"]
        out["out_weight"] = ids.map(dict(graph.out_degree(weight="weight"))).fillna(0)
        out["in_weight"] = ids.map(dict(graph.in_degree(weight="weight"))).fillna(0)
        out["weighted_degree"] = out["out_weight"] + out["in_weight"]
    return out.sort_values([by, "actor_id"], ascending=[False, True]).head(n).reset_index(drop=True)


def who_relates_to_whom(
    relations: pd.DataFrame, relation: str = "quotes", *, matrix: bool = False
) -> pd.DataFrame:
    """Counts of ``source -> target`` for one relation type (``quotes``: who speaks of whom).

    Long form (``source_name, target_name, n, n_docs``, most frequent first) or, with
    ``matrix=True``, a source x target table of counts.
    """
    rows = relations[relations["relation"] == relation]
    pairs = (
        rows.groupby(["source_name", "target_name"])
        .agg(n=("doc_id", "size"), n_docs=("doc_id", "nunique"))
        .reset_index()
        .sort_values(["n", "source_name", "target_name"], ascending=[False, True, True])
        .reset_index(drop=True)
    )
    if matrix:
        return pairs.pivot(index="source_name", columns="target_name", values="n").fillna(0)
    return pairs


def who_quotes_whom(relations: pd.DataFrame, *, matrix: bool = False) -> pd.DataFrame:
    """Speakers and the actors they mention in their quotes."""
    return who_relates_to_whom(relations, "quotes", matrix=matrix)


def communities(
    graph: nx.Graph, *, weight: str = "weight", resolution: float = 1.0, seed: int = 0
) -> dict[str, int]:
    """Louvain communities (on the undirected view), numbered largest first.

    Also stores the number as the node attribute ``community`` so it exports to Gephi.
    """
    found = nx.community.louvain_communities(
        graph.to_undirected(as_view=True), weight=weight, resolution=resolution, seed=seed
    )
    ranked = sorted(found, key=lambda c: (-len(c), min(c)))
    member = {node: i for i, group in enumerate(ranked) for node in group}
    nx.set_node_attributes(graph, member, "community")
    return member


def draw(graph: nx.Graph, ax: Any = None, *, n: int = 30, seed: int = 0) -> Any:
    """A quick look: the ``n`` most mentioned actors, coloured by label, sized by mentions."""
    import matplotlib.pyplot as plt

    keep = sorted(graph.nodes, key=lambda v: -graph.nodes[v].get("n_mentions", 0))[:n]
    sub = graph.subgraph(keep)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 8))
    pos = nx.spring_layout(sub, weight="weight", seed=seed)
    most = max((d.get("n_mentions", 0) for _, d in sub.nodes(data=True)), default=0) or 1
    colors = [
        tuple(c / 255 for c in COLORS.get(d.get("label", ""), OTHER_COLOR))
        for _, d in sub.nodes(data=True)
    ]
    sizes = [100 + 900 * d.get("n_mentions", 0) / most for _, d in sub.nodes(data=True)]
    widths = [0.5 + min(d.get("weight", 1), 10) / 2 for _, _, d in sub.edges(data=True)]
    nx.draw_networkx_edges(sub, pos, ax=ax, width=widths, alpha=0.4, arrows=True)
    nx.draw_networkx_nodes(sub, pos, ax=ax, node_color=colors, node_size=sizes)
    labels = {v: d.get("name", v) for v, d in sub.nodes(data=True)}
    nx.draw_networkx_labels(sub, pos, labels=labels, ax=ax, font_size=8)
    ax.set_axis_off()
    return ax
