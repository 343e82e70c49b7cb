"""The relations network: explicit relations and interview partners as one graph, its
centralities, and a stable layout.

Relations typed as a conflict, an opposition or a rivalry are negative ties (`signed`): they are
kept, drawn and counted apart, but they do not enter the graph whose centralities measure who
connects the cluster (a conflict does not make an actor more central)."""
from __future__ import annotations

import random
import threading
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING

import duckdb
import networkx as nx
import numpy as np
import pandas as pd

from clusterlab.text import name_key

if TYPE_CHECKING:
    import igraph as ig

# Betweenness and closeness take a search from every actor: exact while actors × (actors + ties) stays
# under EXACT_WORK, else estimated from a fixed sample of actors (betweenness: Brandes' sources, scaled up;
# closeness: the mean distance to sampled pivots, Eppstein and Wang) costing about SAMPLED_WORK.
# 2,000 actors and 10,000 ties are exact; 20,000 actors and 100,000 ties use 160 sources.
EXACT_WORK = 50_000_000
SAMPLED_WORK = 20_000_000
LAYOUT_STEPS = 300  # force-directed steps up to LAYOUT_FULL actors, fewer above (each step costs more)
LAYOUT_FULL = 3_000
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
    g.add_weighted_edges_from((s, t, int(n)) for (s, t), n in counted.items())
    return g


def metrics(g: nx.DiGraph) -> pd.DataFrame:
    """Degree in and out, betweenness, closeness and eigenvector centrality per actor (the last
    three on the undirected graph, normalised as networkx does). Computed with igraph (C)."""
    nodes = list(g.nodes)
    if not nodes:
        return pd.DataFrame(columns=["actor_id", "degree_in", "degree_out", "degree", "betweenness", "closeness",
                                     "eigenvector"])
    u = _undirected(g, nodes)
    n = u.vcount()
    work = n * (n + u.ecount())
    sample = None if work <= EXACT_WORK else _sample(n, max(50, SAMPLED_WORK // (n + u.ecount())))
    return pd.DataFrame({
        "actor_id": nodes,
        "degree_in": [g.in_degree(a) for a in nodes],
        "degree_out": [g.out_degree(a) for a in nodes],
        "degree": u.degree(),
        "betweenness": _betweenness(u, sample),
        "closeness": _closeness(u, sample),
        "eigenvector": _eigenvector(u),
    })


def _undirected(g: nx.DiGraph, nodes: list[str]) -> ig.Graph:
    """The actors in the order of `nodes`, with one tie per linked pair whatever its direction."""
    import igraph as ig  # here, not at the top: igraph imports matplotlib's pyplot (0.4 s of a command's start)

    index = {a: i for i, a in enumerate(nodes)}
    ends = np.array([(index[s], index[t]) for s, t in g.edges if s != t], dtype=np.int64).reshape(-1, 2)
    pairs = np.unique(np.sort(ends, axis=1), axis=0)
    return ig.Graph(n=len(index), edges=pairs.tolist(), directed=False)


def _sample(n: int, k: int) -> list[int]:
    """k actors drawn with a fixed seed: the same graph always gives the same estimate."""
    return sorted(np.random.default_rng(SEED).choice(n, size=min(n, k), replace=False).tolist())


def _betweenness(u: ig.Graph, sample: list[int] | None) -> np.ndarray:
    """Betweenness normalised by the (n−1)(n−2)/2 pairs; from `sample` sources, scaled up, when given."""
    n = u.vcount()
    if n < 3:
        return np.zeros(n)
    raw = np.array(u.betweenness(directed=False) if sample is None else u.betweenness(directed=False, sources=sample))
    if sample is not None:
        raw = raw * n / len(sample)
    return raw / ((n - 1) * (n - 2) / 2)


def _closeness(u: ig.Graph, sample: list[int] | None) -> np.ndarray:
    """Closeness within each actor's component, scaled by the component's share of the others
    (networkx's Wasserman–Faust variant): (r−1)/Σd · (r−1)/(n−1), r the actors it reaches."""
    n = u.vcount()
    if n < 2:
        return np.zeros(n)
    reached = np.array(u.connected_components().sizes())[u.connected_components().membership] - 1
    if sample is None:
        mean_distance = 1 / np.nan_to_num(np.array(u.closeness(normalized=True), dtype=float), nan=np.inf)
    else:
        d = np.array(u.distances(source=sample), dtype=np.float32)
        d[~np.isfinite(d)] = np.nan
        d[d == 0] = np.nan  # a pivot's distance to itself says nothing of the others
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # an actor no pivot reaches: no mean, closeness 0
            mean_distance = np.nanmean(d, axis=0).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(reached > 0, 1 / mean_distance * reached / (n - 1), 0.0)
    return np.nan_to_num(out, nan=0.0)


def _eigenvector(u: ig.Graph) -> np.ndarray:
    """Eigenvector centrality per connected component (it is undefined across components),
    scaled by the component's share of the nodes so that small islands do not outrank the core."""
    n = u.vcount()
    out = np.zeros(n)
    for component in u.connected_components():
        if len(component) < 3:
            continue
        values = np.abs(np.array(u.subgraph(component).eigenvector_centrality(scale=True)))
        top = values.max() or 1.0
        out[component] = values / top * len(component) / n
    return out


_layout_lock = threading.Lock()


def layout(g: nx.DiGraph) -> pd.DataFrame:
    """Node positions (x, y in -1..1), force-directed (Fruchterman–Reingold, igraph) from seeded
    starting points: the same graph always gives the same picture."""
    if not len(g):
        return pd.DataFrame(columns=["actor_id", "x", "y"])
    nodes = sorted(g.nodes)
    u = _undirected(g, nodes)
    # starting points spread as igraph spreads its own (over √n): its grid then keeps each step cheap
    start = (np.random.default_rng(SEED).uniform(-1, 1, size=(len(nodes), 2)) * np.sqrt(len(nodes))).tolist()
    import igraph as ig  # imported where needed: see _undirected

    with _layout_lock:  # igraph draws from one process-wide generator: seeded here, for this layout only
        ig.set_random_number_generator(random.Random(SEED))
        try:
            steps = LAYOUT_STEPS if len(nodes) <= LAYOUT_FULL else max(30, LAYOUT_STEPS * LAYOUT_FULL // len(nodes))
            xy = np.array(u.layout_fruchterman_reingold(seed=start, niter=steps).coords if u.ecount() else start)
        finally:
            ig.set_random_number_generator(random)
    span = np.abs(xy - xy.mean(axis=0)).max() or 1.0
    xy = (xy - xy.mean(axis=0)) / span
    return pd.DataFrame({"actor_id": nodes, "x": xy[:, 0].round(6), "y": xy[:, 1].round(6)})


def neighbourhood(g: nx.DiGraph, actor_id: str, depth: int = 1) -> set[str]:
    """The actor and every actor within `depth` links of it, in either direction."""
    if actor_id not in g:
        return set()
    return set(nx.single_source_shortest_path_length(g.to_undirected(), actor_id, cutoff=depth))
