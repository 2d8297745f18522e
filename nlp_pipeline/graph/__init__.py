"""The actor graph: built from the tables (:mod:`.build`, :mod:`.edges`), written for
Gephi and other tools (:mod:`.export`)."""

from ..schema import RELATIONS, SEP
from .build import (
    ActorLookupError,
    filter_relations,
    find_actor,
    multigraph,
    nodes_table,
    weighted_graph,
)
from .edges import MAX_PREDICATES, aggregate_edges
from .export import (
    COLORS,
    OTHER_COLOR,
    WRITERS,
    export,
    read_json,
    rgb,
    write_gexf,
    write_graphml,
    write_json,
    xml_safe,
)

__all__ = [
    "COLORS",
    "MAX_PREDICATES",
    "OTHER_COLOR",
    "RELATIONS",
    "SEP",
    "WRITERS",
    "ActorLookupError",
    "aggregate_edges",
    "export",
    "filter_relations",
    "find_actor",
    "multigraph",
    "nodes_table",
    "read_json",
    "rgb",
    "weighted_graph",
    "write_gexf",
    "write_graphml",
    "write_json",
    "xml_safe",
]
