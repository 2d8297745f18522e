"""The graph written for Gephi (GEXF 1.2), GraphML and node-link JSON.

:func:`write_gexf` streams GEXF itself: every attribute one declared type, empty values
omitted, ``viz`` colour by label and size by mentions, dates as spells for Gephi's timeline.
GraphML and JSON carry the same attributes, lists joined with ``|``.
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

from ..run.writer import atomic_open
from ..schema import SEP

# the one colour per actor label: Gephi's nodes, the notebook's drawings and displaCy views
COLORS = {"PERSON": "#c9b6ff", "STATE": "#8fd3ff", "ORG": "#ffd27a"}
OTHER_COLOR = "#dddddd"
# XML 1.0 cannot carry these at all; &, <, >, " and kept whitespace are escaped instead
_XML = {c: None for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000)]}
_XML |= {0xFFFE: None, 0xFFFF: None, ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
_XML |= {ord('"'): "&quot;", ord("\t"): "&#9;", ord("\n"): "&#10;", ord("\r"): "&#13;"}
_ILLEGAL = {k: v for k, v in _XML.items() if v is None}


def rgb(label: str) -> tuple[int, int, int]:
    """The label's colour as 0-255 red, green, blue (Gephi's ``viz:color``)."""
    color = COLORS.get(label, OTHER_COLOR)
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (control characters, surrogates)."""
    return text.translate(_ILLEGAL)


def _empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


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
            r, g, b = rgb(str(data.get("label", "")))
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
