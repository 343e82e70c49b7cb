"""The relations network: explicit relations and interview partners as one graph, its
centralities, and a stable layout.

Relations typed as a conflict, an opposition or a rivalry are negative ties (`signed`): they are
kept, drawn and counted apart, but they do not enter the graph whose centralities measure who
connects the cluster (a conflict does not make an actor more central)."""
from __future__ import annotations

from collections.abc import Iterable

import duckdb
import networkx as nx
import numpy as np
import pandas as pd

from clusterlab.text import name_key

EXACT_BETWEENNESS_UP_TO = 500  # above, betweenness is estimated from a fixed sample of sources,
SAMPLE_WORK = 2_000_000  # as many as keep (nodes + edges) × sources under this, between 20 and 300

CLOSENESS_UP_TO = 5_000  # above, closeness (a search from every actor) is too slow: left empty
SPRING_UP_TO = 3_000  # above, the layout is spectral (fast) rather than force-directed
SEED = 20261127


def edges(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """Every link between two actors, with where it came from: `relation` (a Relations sheet)
    or `interview` (a partner named in an interview)."""
    return con.cursor().execute("""
        SELECT source, target, type, strength, 'relation' AS origin FROM relations WHERE project_id = $p
        UNION ALL
        SELECT actor_id, linked_actor_id, NULL, NULL, 'interview' FROM items
        WHERE project_id = $p AND field = 'partners' AND linked_actor_id IS NOT NULL AND linked_actor_id <> actor_id
        ORDER BY 1, 2, 5, 3""", {"p": pid}).df()


def signed(links: pd.DataFrame, negative_words: Iterable[str]) -> pd.DataFrame:
    """The links with a `negative` column: True when a word of the link's type, folded, begins with
    one of `negative_words` (folded: `conflit` matches `Conflits` and `relation conflictuelle` matches
    `conflictuel`). Links without a type, such as interview partners, are positive."""
    words = tuple(name_key(w) for w in negative_words if name_key(w))
    types = links["type"].dropna().unique()
    bad = {t for t in types if any(part.startswith(words) for part in name_key(t).split())} if words else set()
    return links.assign(negative=links["type"].isin(bad).astype(bool))


def positive(links: pd.DataFrame) -> pd.DataFrame:
    """The links that are not negative ties (all of them when the links are not signed)."""
    return links[~links["negative"]] if "negative" in links else links


def negative(links: pd.DataFrame) -> pd.DataFrame:
    """The negative ties (none when the links are not signed)."""
    return links[links["negative"]] if "negative" in links else links.iloc[0:0]


def conflicts(links: pd.DataFrame) -> pd.Series:
    """Per actor, the number of actors it has a negative tie with (either direction, counted once)."""
    bad = negative(links)
    pairs = pd.concat([bad[["source", "target"]], bad[["target", "source"]].set_axis(["source", "target"], axis=1)])
    pairs = pairs[pairs["source"] != pairs["target"]].drop_duplicates()
    return pairs.groupby("source")["target"].nunique().rename("conflicts")


def conflict_pairs(links: pd.DataFrame, inside: set[str]) -> int:
    """How many pairs of actors, both in `inside`, have a negative tie (either direction, counted once)."""
    bad = negative(links)
    bad = bad[bad["source"].isin(inside) & bad["target"].isin(inside) & (bad["source"] != bad["target"])]
    return len({frozenset(pair) for pair in zip(bad["source"], bad["target"], strict=True)})


def filter_edges(df: pd.DataFrame, types: list[str] | None = None, min_strength: int | None = None,
                 origins: list[str] | None = None) -> pd.DataFrame:
    """Links of the chosen types and origins, at least `min_strength` strong (links without a
    strength, such as interview partners, are kept unless a minimum above 1 is asked)."""
    out = df
    if types:
        out = out[out["type"].isin(types) | (out["origin"] == "interview")]
    if origins:
        out = out[out["origin"].isin(origins)]
    if min_strength and min_strength > 1:
        out = out[out["strength"].fillna(0) >= min_strength]
    return out


def graph(actor_ids: list[str], links: pd.DataFrame) -> nx.DiGraph:
    """A directed graph over `actor_ids`; several links between two actors make one edge whose
    weight is their number. Nodes and edges are added in sorted order, so the same data always
    gives the same graph."""
    g = nx.DiGraph()
    g.add_nodes_from(sorted(actor_ids))
    known = set(actor_ids)
    pairs = links[links["source"].isin(known) & links["target"].isin(known)]
    counted = pairs.groupby(["source", "target"]).size().sort_index()
    for (source, target), n in counted.items():
        g.add_edge(source, target, weight=int(n))
    return g


def metrics(g: nx.DiGraph) -> pd.DataFrame:
    """Degree in and out, betweenness, closeness and eigenvector centrality per actor
    (the last three on the undirected graph, normalised as networkx does)."""
    nodes = list(g.nodes)
    if not nodes:
        return pd.DataFrame(columns=["actor_id", "degree_in", "degree_out", "degree", "betweenness", "closeness",
                                     "eigenvector"])
    u = g.to_undirected()
    size = u.number_of_nodes() + u.number_of_edges()
    k = None if len(u) <= EXACT_BETWEENNESS_UP_TO else max(20, min(300, SAMPLE_WORK // size))
    betweenness = nx.betweenness_centrality(u, k=k, seed=SEED)
    closeness = nx.closeness_centrality(u) if len(u) <= CLOSENESS_UP_TO else dict.fromkeys(u, float("nan"))
    eigenvector = _eigenvector(u)
    return pd.DataFrame({
        "actor_id": nodes,
        "degree_in": [g.in_degree(n) for n in nodes],
        "degree_out": [g.out_degree(n) for n in nodes],
        "degree": [u.degree(n) for n in nodes],
        "betweenness": [betweenness[n] for n in nodes],
        "closeness": [closeness[n] for n in nodes],
        "eigenvector": [eigenvector.get(n, 0.0) for n in nodes],
    })


def _eigenvector(u: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality per connected component (it is undefined across components),
    scaled by the component's share of the nodes so that small islands do not outrank the core."""
    out: dict[str, float] = {}
    for component in nx.connected_components(u):
        if len(component) < 3:
            out.update(dict.fromkeys(component, 0.0))
            continue
        sub = u.subgraph(component)
        values = nx.eigenvector_centrality_numpy(sub)
        top = max(values.values()) or 1.0
        share = len(component) / len(u)
        out.update({n: abs(v) / top * share for n, v in values.items()})
    return out


def layout(g: nx.DiGraph) -> pd.DataFrame:
    """Node positions (x, y in -1..1): the same graph always gives the same picture."""
    if not len(g):
        return pd.DataFrame(columns=["actor_id", "x", "y"])
    u = g.to_undirected()
    if len(u) > SPRING_UP_TO:
        pos = nx.spectral_layout(u) if u.number_of_edges() else nx.circular_layout(u)
    else:
        iterations = 50 if len(u) <= 500 else 15
        pos = nx.spring_layout(u, seed=SEED, iterations=iterations, k=1.5 / np.sqrt(len(u)))
    xy = np.array([pos[n] for n in u.nodes]) if len(u) else np.zeros((0, 2))
    return pd.DataFrame({"actor_id": list(u.nodes), "x": xy[:, 0].round(6), "y": xy[:, 1].round(6)})


def neighbourhood(g: nx.DiGraph, actor_id: str, depth: int = 1) -> set[str]:
    """The actor and every actor within `depth` links of it, in either direction."""
    if actor_id not in g:
        return set()
    return set(nx.single_source_shortest_path_length(g.to_undirected(), actor_id, cutoff=depth))
