"""MACTOR's computations on 60 actors × 40 objectives (issue 14: computed and drawn in under 1 s).

Usage: python bench/mactor_speed.py [--repeat N]

Times clusterlab.mactor on random matrices (MID 0–4, 2MAO −4…+4, seeded): MIDI and the balance of power,
3MAO, the mobilisation of each objective, the convergences and divergences of the 1,770 pairs for 1MAO,
2MAO and 3MAO; then the page's figures built from them (clusterlab.mactor_charts: the influence–dependence
plane, the r* bars, the 3MAO map, the mobilisation bars, the convergence and divergence graphs), and those
figures serialised as Streamlit sends them to the browser (`to_json`). Last, the same through a store: the
page's path (the cells read from DuckDB, the matrices built, every MACTOR view of `analysis.of`, the figures).
Each path says PASS or FAIL against the issue's 1 s (its slowest run). A report, not a test: the exit code is 0
whatever the figures, 1 when a measurement could not be taken (the computation or the store gave other shapes
than 60 actors, 40 objectives and 1,770 pairs).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clusterlab import analysis, mactor, mactor_charts, store, strategy  # noqa: E402

ACTORS, OBJECTIVES = 60, 40
TARGET_S = 1.0  # issue 14: computed and drawn in under 1 s


def matrices(seed: int = 14) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    actors = [f"A{i:02d}" for i in range(ACTORS)]
    objectives = [f"O{j:02d}" for j in range(OBJECTIVES)]
    mid = pd.DataFrame(rng.integers(0, 5, (ACTORS, ACTORS)), index=actors, columns=actors)
    mao2 = pd.DataFrame(rng.integers(-4, 5, (ACTORS, OBJECTIVES)), index=actors, columns=objectives)
    return mid, mao2


def compute(mid: pd.DataFrame, mao2: pd.DataFrame) -> dict:
    balance = mactor.balance(mid)
    r_star = balance.set_index("actor_id")["r_star"]
    mao3 = mactor.mao3(mao2, r_star)
    two, three = mactor.mobilisation(mao2), mactor.mobilisation(mao3)
    mobilisation = pd.DataFrame({"objective_id": two["objective_id"], "objective": two["objective_id"],
                                 "mobilisation_for_mao2": two["for"], "mobilisation_against_mao2": two["against"],
                                 "mobilisation_for_mao3": three["for"], "mobilisation_against_mao3": three["against"]})
    return {"balance": balance.assign(name=balance["actor_id"]), "mao3": mao3, "mobilisation": mobilisation,
            "pairs": mactor.pairs(mao2, r_star)}


def draw(computed: dict, lang: str = "fr") -> list:
    """The figures of the page's tabs (built, not drawn): what one facilitator's walk through the tabs builds."""
    actors = computed["balance"]
    names = dict(zip(actors["actor_id"], actors["name"]))
    ids = list(actors["actor_id"])
    objectives = dict(zip(computed["mobilisation"]["objective_id"], computed["mobilisation"]["objective"]))
    pairs = computed["pairs"]
    return [mactor_charts.plane(actors, lang), mactor_charts.balance_bars(actors, lang),
            mactor_charts.objective_map(computed["mao3"], names, objectives, lang),
            mactor_charts.mobilisation_bars(computed["mobilisation"], "mao3", lang),
            mactor_charts.pair_graph(pairs, "caa2", float(pairs["caa2"].median()), names, lang, ids),
            mactor_charts.pair_graph(pairs, "daa2", float(pairs["daa2"].median()), names, lang, ids)]


def stored(folder: Path, mid: pd.DataFrame, mao2: pd.DataFrame) -> tuple:
    """A store holding the matrices as confirmed cells (the actors and objectives they name)."""
    con = store.connect(folder / "mactor.duckdb")
    pid = store.project_id(con, "bench")
    with store.transaction(con, pid, "bench") as cur:
        cur.executemany("INSERT INTO actors (project_id, actor_id, name, name_key) VALUES (?, ?, ?, ?)",
                        [[pid, a, f"Actor {a}", f"actor {a.lower()}"] for a in mid.index])
        cur.executemany("INSERT INTO objectives (project_id, objective_id, objective) VALUES (?, ?, ?)",
                        [[pid, o, f"Objective {o}"] for o in mao2.columns])
    strategy.set_influences(con, pid, [(a, b, int(mid.loc[a, b])) for a in mid.index for b in mid.columns if a != b])
    strategy.set_positions(con, pid, [(a, o, int(mao2.loc[a, o])) for a in mao2.index for o in mao2.columns])
    return con, pid


def through_the_store(con, pid: int, lang: str = "fr") -> list:
    """What the page computes and builds on a new revision: every MACTOR view, then its figures."""
    analysis.forget(con)
    a = analysis.of(con, pid)
    for view in ("mactor_actors", "mao3", "mobilisation", "mactor_pairs", "mactor_tables", "mid_sources",
                 "mao_sources"):
        getattr(a, view)
    titles = dict(zip(a.objectives["objective_id"], a.objectives["objective"]))
    pairs, ids = a.mactor_pairs, a.mactor_actor_ids
    return [mactor_charts.plane(a.mactor_actors, lang), mactor_charts.balance_bars(a.mactor_actors, lang),
            mactor_charts.objective_map(a.mao3, a.names, titles, lang),
            mactor_charts.mobilisation_bars(a.mobilisation, "mao3", lang),
            mactor_charts.pair_graph(pairs, "caa2", float(pairs["caa2"].median()), a.names, lang, ids),
            mactor_charts.pair_graph(pairs, "daa2", float(pairs["daa2"].median()), a.names, lang, ids)]


def verdict(seconds: list[float]) -> str:
    """PASS or FAIL against the target, by the slowest run."""
    return f"target {TARGET_S:g} s: {'PASS' if max(seconds) < TARGET_S else 'FAIL'}"


def measured(computed: dict, figures: list, pairs_seen: int, actors_seen: int) -> bool:
    """Whether what was timed is the whole case: 60 actors, 40 objectives, every pair, six figures."""
    pairs = ACTORS * (ACTORS - 1) // 2
    return (len(computed["balance"]) == ACTORS and computed["mao3"].shape == (ACTORS, OBJECTIVES)
            and len(computed["pairs"]) == pairs == pairs_seen and actors_seen == ACTORS and len(figures) == 6)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    mid, mao2 = matrices()
    times: dict[str, list[float]] = {"computed": [], "figures built": [], "figures serialised": [], "total": []}
    for _ in range(args.repeat):
        start = time.perf_counter()
        computed = compute(mid, mao2)
        middle = time.perf_counter()
        figures = draw(computed)
        built = time.perf_counter()
        for fig in figures:
            fig.to_json()
        end = time.perf_counter()
        for name, took in (("computed", middle - start), ("figures built", built - middle),
                           ("figures serialised", end - built), ("total", end - start)):
            times[name].append(took)
    print(f"MACTOR, {ACTORS} actors × {OBJECTIVES} objectives, {args.repeat} runs (target: computed and drawn < 1 s):")
    for name, values in times.items():
        print(f"  {name:<20} median {statistics.median(values) * 1000:6.0f} ms, max {max(values) * 1000:6.0f} ms"
              + (f" ({verdict(values)})" if name == "total" else ""))
    with tempfile.TemporaryDirectory() as folder:
        con, pid = stored(Path(folder), mid, mao2)
        paths = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            through_the_store(con, pid)
            paths.append(time.perf_counter() - start)
        a = analysis.of(con, pid)
        pairs_seen, actors_seen = len(a.mactor_pairs), len(a.mactor_actors)
        con.close()
    print(f"  {'through the store':<20} median {statistics.median(paths) * 1000:6.0f} ms, "
          f"max {max(paths) * 1000:6.0f} ms ({verdict(paths)}; cells read, matrices built, every view and figure)")
    pairs = computed["pairs"]
    drawn = sum(int(((pairs[c] >= pairs[c].median()) & (pairs[c] > 0)).sum()) for c in ("caa2", "daa2"))
    print(f"  ({len(figures)} figures; the two graphs draw {drawn} links of {2 * len(pairs)}, those from the median)")
    if not measured(computed, figures, pairs_seen, actors_seen):
        print("Not measured: the case computed is not 60 actors × 40 objectives with every pair and six figures.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
