"""The actor graph from the tables, its filters, and GEXF / GraphML / JSON that read back."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import networkx as nx
import pandas as pd
import pytest

from nlp_pipeline import explore
from nlp_pipeline import graph as G
from nlp_pipeline.schema import actor_country
from nlp_pipeline.tables import frame

GEXF = "{http://www.gexf.net/1.2draft}"
VIZ = "http://www.gexf.net/1.2draft/viz"


def rel(doc, date, source, relation, target, predicate="", polarity="", role="", quote="", **more):
    names = {
        "person:kim-jong-un": "Kim Jong Un",
        "person:xi-jinping": "Xi Jinping",
        "person:wang-wenbin": "Wang Wenbin",
        "state:PRK": "North Korea",
        "state:CHN": "China",
        "state:USA": "United States",
        "org:kcna": "Korean Central News Agency",
    }
    return {
        "doc_id": doc,
        "source_id": source,
        "source_name": names.get(source, source),
        "relation": relation,
        "target_id": target,
        "target_name": names.get(target, target),
        "predicate": predicate,
        "start_char": 0,
        "end_char": 10,
        "quote_id": quote,
        "polarity": polarity,
        "role": role,
        "date": date,
        **more,
    }


KIM, XI, WANG = "person:kim-jong-un", "person:xi-jinping", "person:wang-wenbin"
PRK, CHN, USA = "state:PRK", "state:CHN", "state:USA"

RELATIONS = frame(
    "relations",
    [
        rel("a1", "2021-07-01", KIM, "affiliated_with", PRK, role="leader"),
        rel("a1", "2021-07-01", KIM, "acts_on", XI, "congratulate", "cooperation"),
        rel("a1", "2021-07-01", KIM, "acts_on", XI, "message"),
        rel("a1", "2021-07-01", KIM, "quotes", CHN, "said", quote="q1"),
        rel("a1", "2021-07-01", XI, "co_occurs", KIM),
        rel("a2", "2021-07-02", KIM, "co_occurs", XI),
        rel("a2", "2021-07-02", KIM, "acts_on", XI, "congratulate", "cooperation"),
        rel("a3", "2021-07-09", KIM, "acts_on", USA, "condemn", "conflict"),
        rel("a3", "2021-07-09", KIM, "acts_on", USA, "warn", "conflict"),
        rel("a4", "2021-07-10T08:00:00", KIM, "acts_on", USA, "meet", "cooperation"),
        rel("a4", "", WANG, "quotes", PRK, "said", quote="q2"),
        rel("a4", "", CHN, "acts_on", PRK, "provide assistance", "cooperation"),
        rel("a5", "2021-08-01", CHN, "co_occurs", USA),
    ],
)
ACTORS = frame(
    "actors",
    [
        {"actor_id": KIM, "name": "Kim Jong Un", "label": "PERSON", "country": "PRK",
         "aliases": "Kim|Kim Jong Un", "n_mentions": 20, "n_docs": 4, "n_quotes": 3},
        {"actor_id": XI, "name": "Xi Jinping", "label": "PERSON", "country": "CHN",
         "aliases": "Xi Jinping", "n_mentions": 6, "n_docs": 2, "n_quotes": 0},
        {"actor_id": CHN, "name": "China", "label": "STATE", "country": "CHN",
         "aliases": "China", "n_mentions": 9, "n_docs": 3, "n_quotes": 0},
        {"actor_id": USA, "name": "United States", "label": "STATE", "country": "USA",
         "aliases": "US", "n_mentions": 3, "n_docs": 2, "n_quotes": 0},
        {"actor_id": WANG, "name": "Wang Wenbin", "label": "PERSON", "country": "",
         "aliases": "Wang", "n_mentions": 2, "n_docs": 1, "n_quotes": 1},
        {"actor_id": "org:kcna", "name": "Korean Central News Agency", "label": "ORG",
         "country": "PRK", "aliases": "KCNA", "n_mentions": 1, "n_docs": 1, "n_quotes": 0},
    ],
)  # fmt: skip


@pytest.fixture(scope="module")
def weighted():
    return G.weighted_graph(RELATIONS, ACTORS)


# events stated in every modality: only the asserted one happened
MODAL = frame(
    "relations",
    [
        rel("m1", "2024-01-01", KIM, "affiliated_with", PRK, role="leader"),
        rel("m1", "2024-01-01", KIM, "quotes", USA, "said", quote="q1"),
        *(
            rel("m1", "2024-01-01", KIM, "acts_on", USA, pred, pol, modality=m, event_type=t)
            for pred, pol, m, t in [
                ("attack", "conflict", "asserted", "ASSAULT"),
                ("not attack", "conflict", "negated", "ASSAULT"),
                ("attack", "conflict", "hedged", "ASSAULT"),
                ("meet", "cooperation", "future", "CONSULT"),
                ("help", "cooperation", "reported", "AID"),
            ]
        ),
        rel("m1", "2024-01-01", XI, "acts_on", USA, "meet", "cooperation", modality="hedged"),
    ],
)


def test_modality_filter_keeps_asserted_events_and_other_relation_types():
    rows = G.filter_relations(MODAL, modality="asserted")
    acts = rows[rows["relation"] == "acts_on"]
    assert list(acts["modality"]) == ["asserted"]
    assert {"affiliated_with", "quotes"} <= set(rows["relation"])
    graph = G.weighted_graph(MODAL, ACTORS, modality="asserted")
    assert graph.edges[KIM, USA]["weight_acts_on"] == 1
    assert (XI, USA) not in graph.edges and XI not in graph  # no asserted event left
    both = G.filter_relations(MODAL, modality=["asserted", "reported"])
    assert set(both.loc[both["relation"] == "acts_on", "modality"]) == {"asserted", "reported"}
    with pytest.raises(ValueError, match="modality"):
        G.filter_relations(MODAL.drop(columns="modality"), modality="asserted")


def test_edges_keep_modality_and_event_type():
    multi = G.multigraph(MODAL, ACTORS)
    kept = {(d["modality"], d["event_type"]) for d in multi.get_edge_data(KIM, USA).values()}
    assert ("negated", "ASSAULT") in kept and ("reported", "AID") in kept
    edge = G.weighted_graph(MODAL, ACTORS).edges[KIM, USA]
    assert edge["event_types"].split("|")[0] == "ASSAULT"
    assert set(edge["modalities"].split("|")) == set(G.filter_relations(MODAL)["modality"]) - {""}
    # the negated attack is no conflict: 2 conflict (asserted, hedged), 2 cooperation
    assert (edge["n_conflict"], edge["n_cooperation"], edge["polarity"]) == (2, 2, 0.0)


def test_tables_from_before_modality_still_make_a_graph():
    old = RELATIONS.drop(columns=["modality", "event_type"])
    edge = G.weighted_graph(old, ACTORS).edges[KIM, USA]
    assert (edge["modalities"], edge["event_types"], edge["n_conflict"]) == ("", "", 2)


def test_graph_command_asserted_only(tmp_path):
    from typer.testing import CliRunner

    from nlp_pipeline import cli
    from nlp_pipeline.tables import write_table

    write_table(MODAL, tmp_path / "relations.csv")
    write_table(ACTORS, tmp_path / "actors.csv")
    for flags, n_acts in (([], 6), (["--asserted-only"], 1)):
        out = tmp_path / "graph.json"
        args = ["graph", str(tmp_path), "-o", str(out), "--multi", *flags]
        result = CliRunner().invoke(cli.app, args)
        assert result.exit_code == 0, result.output
        edges = G.read_json(out).edges(data=True)
        assert sum(d["relation"] == "acts_on" for _, _, d in edges) == n_acts


# -- building --------------------------------------------------------------------------------
def test_multigraph_has_one_edge_per_row_with_its_evidence():
    multi = G.multigraph(RELATIONS, ACTORS)
    assert isinstance(multi, nx.MultiDiGraph)
    assert multi.number_of_edges() == len(RELATIONS)
    edges = multi.get_edge_data(KIM, XI)
    assert sorted(d["predicate"] for d in edges.values()) == [
        "",
        "congratulate",
        "congratulate",
        "message",
    ]
    assert {d["doc_id"] for d in edges.values()} == {"a1", "a2"}
    assert all(isinstance(d["start_char"], int) for d in edges.values())


def test_nodes_come_from_the_actors_table_plus_actors_only_in_relations(weighted):
    assert weighted.nodes[KIM] == {
        "name": "Kim Jong Un",
        "label": "PERSON",
        "country": "PRK",
        "n_mentions": 20,
        "n_docs": 4,
        "spells": [("2021-07-01", "2021-07-02"), ("2021-07-09", "2021-07-10")],
    }
    # North Korea is only a relation target here (as from a demonym): still a typed node
    prk = weighted.nodes[PRK]
    assert (prk["name"], prk["label"], prk["country"], prk["n_mentions"]) == (
        "North Korea",
        "STATE",
        "PRK",
        0,
    )
    assert "org:kcna" in weighted  # an actor without relations stays, unless filtered


def test_states_only_in_relations_take_the_country_the_tables_give():
    # the same rule as the tables' country column (tests/test_actors.py: Scotland is GBR)
    states = ["state:GB-SCT", "state:ottoman-empire", PRK]
    rows = frame("relations", [rel("s1", "", WANG, "acts_on", s, "visit") for s in states])
    nodes = G.nodes_table(rows, None).set_index("actor_id")
    assert nodes.loc[states, "country"].tolist() == ["GBR", "", "PRK"]
    assert set(nodes.loc[states, "label"]) == {"STATE"} and nodes.loc[WANG, "label"] == "PERSON"
    assert [actor_country(s) for s in states] == ["GBR", "", "PRK"]


def test_collapsed_edges_weights_predicates_polarity_and_dates(weighted):
    kim_xi = weighted.edges[KIM, XI]
    # co_occurs rows in both directions join the one unordered pair
    assert not weighted.has_edge(XI, KIM)
    assert kim_xi["weight"] == 5
    assert (kim_xi["weight_acts_on"], kim_xi["weight_co_occurs"], kim_xi["weight_quotes"]) == (
        3,
        2,
        0,
    )
    assert kim_xi["relation"] == "acts_on"  # the strongest type, not the weak co_occurs
    assert kim_xi["relations"] == "acts_on|co_occurs"
    assert kim_xi["predicates"] == "congratulate|message"  # most frequent first
    assert (kim_xi["first_date"], kim_xi["last_date"]) == ("2021-07-01", "2021-07-02")
    assert kim_xi["spells"] == [("2021-07-01", "2021-07-02")]  # consecutive days merge
    assert kim_xi["n_docs"] == 2

    kim_usa = weighted.edges[KIM, USA]
    assert (kim_usa["n_conflict"], kim_usa["n_cooperation"]) == (2, 1)
    assert kim_usa["polarity"] == pytest.approx(-1 / 3)
    assert kim_usa["spells"] == [("2021-07-09", "2021-07-10")]  # a timestamp counts as its day

    undated = weighted.edges[CHN, PRK]
    assert "spells" not in undated and undated["first_date"] == ""
    assert weighted.edges[KIM, PRK]["roles"] == "leader"


def test_filters():
    only_acts = G.weighted_graph(RELATIONS, ACTORS, types=["acts_on"])
    assert {d["relation"] for _, _, d in only_acts.edges(data=True)} == {"acts_on"}
    assert "org:kcna" not in only_acts  # filters drop actors left without edges

    heavy = G.weighted_graph(RELATIONS, ACTORS, min_weight=3)
    assert set(heavy.edges) == {(KIM, XI), (KIM, USA)}

    july_first_week = G.weighted_graph(RELATIONS, ACTORS, start="2021-07-02", end="2021-07-09")
    assert set(july_first_week.edges) == {(KIM, XI), (KIM, USA)}
    assert july_first_week.edges[KIM, XI]["weight"] == 2
    assert july_first_week.edges[KIM, USA]["weight"] == 2  # 07-10 is out

    top = G.weighted_graph(RELATIONS, ACTORS, top_n=3)
    assert set(top) == {KIM, CHN, XI}

    ego = G.weighted_graph(RELATIONS, ACTORS, ego=USA)
    assert set(ego) == {USA, KIM, CHN}
    assert set(G.weighted_graph(RELATIONS, ACTORS, ego=USA, radius=2)) >= {XI, PRK}
    with pytest.raises(ValueError, match="state:XXX"):
        G.weighted_graph(RELATIONS, ACTORS, ego="state:XXX")


def test_empty_tables_give_an_empty_graph(tmp_path):
    empty = G.weighted_graph(frame("relations", []), frame("actors", []))
    assert empty.number_of_nodes() == 0
    G.write_gexf(empty, tmp_path / "g.gexf")
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == 0


# -- export and read back ----------------------------------------------------------------------
def test_gexf_reads_back_with_the_same_nodes_edges_and_attributes(weighted, tmp_path):
    path = G.write_gexf(weighted, tmp_path / "graph.gexf")
    back = nx.read_gexf(path)
    assert set(back.nodes) == set(weighted.nodes)
    assert set(back.edges) == set(weighted.edges)
    for node, data in weighted.nodes(data=True):
        got = back.nodes[node]
        assert got["label"] == data["name"] and got["type"] == data["label"]
        for key in ("n_mentions", "n_docs"):
            assert got[key] == data[key] and type(got[key]) is int
        assert got.get("country", "") == data["country"]
        assert got.get("spells", []) == data.get("spells", [])
        assert got["viz"]["color"]["r"] == G.rgb(data["label"])[0]
    assert back.nodes[KIM]["viz"]["size"] > back.nodes[XI]["viz"]["size"]
    for u, v, data in weighted.edges(data=True):
        got = back.edges[u, v]
        for key, value in data.items():
            if value == "":
                assert key not in got  # empty values are left out, never written empty
            elif isinstance(value, float):
                assert got[key] == pytest.approx(value)
            else:
                assert got[key] == value, key


def test_gexf_is_what_gephi_needs(weighted, tmp_path):
    path = G.write_gexf(weighted, tmp_path / "graph.gexf")
    raw = path.read_text(encoding="utf-8")
    assert f'xmlns:viz="{VIZ}"' in raw
    root = ET.parse(path).getroot()
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.2"
    graph = root.find(f"{GEXF}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    day = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    casts = {
        "long": int,
        "double": float,
        "string": str,
        "boolean": lambda v: v in ("true", "false"),
    }
    for cls in ("node", "edge"):
        declared = {
            a.get("id"): (a.get("title"), a.get("type"))
            for a in graph.find(f"{GEXF}attributes[@class='{cls}']")
        }
        titles = [t for t, _ in declared.values()]
        assert len(titles) == len(set(titles))
        assert all(kind in casts for _, kind in declared.values())
        elements = graph.find(f"{GEXF}{cls}s")
        ids = [el.get("id") for el in elements]
        assert len(ids) == len(set(ids)) == len(elements)
        for el in elements:
            for att in el.iter(f"{GEXF}attvalue"):
                title, kind = declared[att.get("for")]
                value = att.get("value")
                assert value not in ("", "None", "nan"), (title, value)
                casts[kind](value)  # raises if the value is not of the declared type
            for spell in el.iter(f"{GEXF}spell"):
                start, end = spell.get("start"), spell.get("end")
                assert day.match(start) and day.match(end) and start <= end
    node_ids = {n.get("id") for n in graph.find(f"{GEXF}nodes")}
    for edge in graph.find(f"{GEXF}edges"):
        assert edge.get("source") in node_ids and edge.get("target") in node_ids
        assert float(edge.get("weight")) >= 1
    for node in graph.find(f"{GEXF}nodes"):
        assert node.find(f"{{{VIZ}}}color") is not None and node.find(f"{{{VIZ}}}size") is not None


def test_mixed_type_attributes_are_declared_once_as_strings(tmp_path):
    g = nx.DiGraph()
    g.add_node("a", name="A", label="ORG", rank=1)
    g.add_node("b", name="B", label="ORG", rank="first")
    g.add_node("c", name="C", label="ORG", rank=None, tags=["x", "y"])
    path = G.write_gexf(g, tmp_path / "mixed.gexf")
    back = nx.read_gexf(path)
    assert (back.nodes["a"]["rank"], back.nodes["b"]["rank"]) == ("1", "first")
    assert "rank" not in back.nodes["c"] and back.nodes["c"]["tags"] == "x|y"
    assert 'mode="static"' in path.read_text(encoding="utf-8")


SPECIAL = "AT&T <Holdings> \"Q\" 'x' ]]> \u00e9\u4e2d"


def special_graph() -> tuple[nx.DiGraph, str]:
    tricky = "org:a&b<c>"
    relations = frame(
        "relations",
        [
            rel("d1", "2022-01-03", tricky, "acts_on", CHN, "sign\tdeal\nnow", "cooperation"),
            rel("d1", "2022-01-03", "org:ctrl", "quotes", tricky, "said"),
        ],
    )
    actors = frame(
        "actors",
        [
            {"actor_id": tricky, "name": SPECIAL, "label": "ORG", "n_mentions": 2, "n_docs": 1},
            {"actor_id": "org:ctrl", "name": "Bell\x07Co\x00\x1f Ltd", "label": "ORG",
             "n_mentions": 1, "n_docs": 1},
        ],
    )  # fmt: skip
    return G.weighted_graph(relations, actors), tricky


def test_xml_special_and_control_characters_export_and_read_back(tmp_path):
    g, tricky = special_graph()
    gexf = nx.read_gexf(G.write_gexf(g, tmp_path / "g.gexf"))
    assert gexf.nodes[tricky]["label"] == SPECIAL
    assert gexf.nodes["org:ctrl"]["label"] == "BellCo Ltd"  # XML cannot carry those characters
    assert gexf.edges[tricky, CHN]["predicates"] == "sign\tdeal\nnow"  # whitespace kept

    graphml = nx.read_graphml(G.write_graphml(g, tmp_path / "g.graphml"))
    assert graphml.nodes[tricky]["name"] == SPECIAL
    assert graphml.nodes["org:ctrl"]["name"] == "BellCo Ltd"

    back = G.read_json(G.write_json(g, tmp_path / "g.json"))
    assert back.nodes[tricky]["name"] == SPECIAL

    # lone surrogates (from broken decoding upstream) cannot be encoded at all: dropped
    g.nodes[tricky]["name"] = "Half\ud800Pair"
    assert nx.read_gexf(G.write_gexf(g, tmp_path / "s.gexf")).nodes[tricky]["label"] == "HalfPair"


def test_graphml_and_json_read_back_with_the_same_attributes(weighted, tmp_path):
    graphml = nx.read_graphml(G.write_graphml(weighted, tmp_path / "g.graphml"))
    assert set(graphml.edges) == set(weighted.edges)
    assert graphml.nodes[KIM]["n_mentions"] == 20 and graphml.nodes[KIM]["label"] == "PERSON"
    assert graphml.nodes[KIM]["spells"] == "2021-07-01/2021-07-02|2021-07-09/2021-07-10"
    for u, v, data in weighted.edges(data=True):
        for key, value in data.items():
            if key != "spells" and value != "":
                assert graphml.edges[u, v][key] == pytest.approx(value), key

    back = G.read_json(G.write_json(weighted, tmp_path / "g.json"))
    assert set(back.edges) == set(weighted.edges)
    assert back.nodes[KIM]["spells"] == [list(s) for s in weighted.nodes[KIM]["spells"]]
    assert back.edges[KIM, XI]["weight"] == 5


def test_export_writes_every_requested_format_atomically(weighted, tmp_path):
    paths = G.export(weighted, tmp_path / "out", ["gexf", "graphml", "json"])
    assert [p.name for p in paths] == ["graph.gexf", "graph.graphml", "graph.json"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)


def test_multigraph_exports_to_gexf(tmp_path):
    multi = G.multigraph(RELATIONS, ACTORS)
    back = nx.read_gexf(G.write_gexf(multi, tmp_path / "multi.gexf"))
    assert back.number_of_edges() == len(RELATIONS)


# -- notebook helpers on the graph (nlp_pipeline.explore) ---------------------------------------
def test_top_actors_by_mentions_and_by_weighted_degree(weighted):
    by_mentions = explore.top_actors(ACTORS, n=2)
    assert list(by_mentions["actor_id"]) == [KIM, CHN]
    assert list(explore.top_actors({"actors": ACTORS}, label="STATE")["actor_id"]) == [CHN, USA]
    by_degree = explore.top_actors(ACTORS, "weighted_degree", n=3, graph=weighted)
    assert by_degree["actor_id"].iloc[0] == KIM
    assert by_degree["weighted_degree"].iloc[0] == sum(
        d["weight"] for _, _, d in weighted.edges(KIM, data=True)
    ) + sum(d["weight"] for _, _, d in weighted.in_edges(KIM, data=True))


def test_who_quotes_whom():
    tables = {"relations": RELATIONS, "actors": ACTORS}
    pairs = explore.relation_counts(tables, relation="quotes")
    assert pairs.drop(columns="predicates").to_dict("records") == [
        {"source_name": "Kim Jong Un", "relation": "quotes", "target_name": "China", "n": 1,
         "n_docs": 1},
        {"source_name": "Wang Wenbin", "relation": "quotes", "target_name": "North Korea",
         "n": 1, "n_docs": 1},
    ]  # fmt: skip
    matrix = explore.relation_counts(tables, relation="quotes", matrix=True)
    assert matrix.loc["Kim Jong Un", "China"] == 1 and matrix.loc["Kim Jong Un", "North Korea"] == 0
    every = explore.relation_counts(tables, matrix=True)  # rows as written, all types
    assert every.loc["Kim Jong Un", "Xi Jinping"] == 4
    assert every.loc["Xi Jinping", "Kim Jong Un"] == 1


def test_louvain_communities_split_two_cliques():
    rows = [
        rel("d", "2022-01-01", f"org:{a}", "acts_on", f"org:{b}", "meet")
        for group in (("a", "b", "c"), ("x", "y", "z"))
        for a in group
        for b in group
        if a != b
    ] + [rel("d", "2022-01-01", "org:c", "co_occurs", "org:x")]
    g = G.weighted_graph(frame("relations", rows), None)
    member = explore.communities(g)
    assert member["org:a"] == member["org:b"] == member["org:c"]
    assert member["org:x"] == member["org:y"] == member["org:z"] != member["org:a"]
    assert g.nodes["org:a"]["community"] == member["org:a"]


def test_draw_names_the_most_mentioned_actors(weighted):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    ax = explore.draw_graph(weighted, labels=4)
    assert len(ax.collections) >= 1
    assert {t.get_text() for t in ax.texts} == {
        "Kim Jong Un",
        "China",
        "Xi Jinping",
        "United States",
    }


def test_frame_round_trip_keeps_the_graph(tmp_path, weighted):
    from nlp_pipeline.tables import read_table, write_table

    write_table(RELATIONS, tmp_path / "relations.csv")
    write_table(ACTORS, tmp_path / "actors.csv")
    again = G.weighted_graph(
        read_table(tmp_path / "relations.csv"), read_table(tmp_path / "actors.csv")
    )
    assert nx.utils.graphs_equal(again, weighted)
    assert isinstance(read_table(tmp_path / "relations.csv"), pd.DataFrame)
