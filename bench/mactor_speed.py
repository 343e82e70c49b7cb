"""MACTOR's computations on 60 actors × 40 objectives (issue 14: computed and drawn in under 1 s).

Usage: python bench/mactor_speed.py [--repeat N]

Times clusterlab.mactor on random matrices (MID 0–4, 2MAO −4…+4, seeded): MIDI and the balance of power,
3MAO, the mobilisation of each objective, the convergences and divergences of the 1,770 pairs for 1MAO,
2MAO and 3MAO; then the page's figures built from them (clusterlab.mactor_charts: the influence–dependence
plane, the r* bars, the 3MAO map, the mobilisation bars, the convergence and divergence graphs), and those
figures serialised as Streamlit sends them to the browser (`to_json`). A report: exit code 0.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clusterlab import mactor, mactor_charts  # noqa: E402

ACTORS, OBJECTIVES = 60, 40


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
        print(f"  {name:<20} median {statistics.median(values) * 1000:6.0f} ms, max {max(values) * 1000:6.0f} ms")
    drawn = sum(len(pairs) // 2 for pairs in (computed["pairs"]["caa2"], computed["pairs"]["daa2"]))
    print(f"  ({len(figures)} figures; the two graphs draw about {drawn} links, those above the median)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
