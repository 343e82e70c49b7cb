"""MACTOR's computations on 60 actors × 40 objectives (issue 14: computed and drawn in under 1 s).

Usage: python bench/mactor_speed.py [--repeat N]

Times clusterlab.mactor on random matrices (MID 0–4, 2MAO −4…+4, seeded): MIDI and the balance of power,
3MAO, the mobilisation of each objective, the convergences and divergences of the 1,770 pairs for 1MAO,
2MAO and 3MAO. The drawing is not measured yet (the page is to come). A report: exit code 0.
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

from clusterlab import mactor  # noqa: E402

ACTORS, OBJECTIVES = 60, 40


def matrices(seed: int = 14) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    actors = [f"A{i:02d}" for i in range(ACTORS)]
    objectives = [f"O{j:02d}" for j in range(OBJECTIVES)]
    mid = pd.DataFrame(rng.integers(0, 5, (ACTORS, ACTORS)), index=actors, columns=actors)
    mao2 = pd.DataFrame(rng.integers(-4, 5, (ACTORS, OBJECTIVES)), index=actors, columns=objectives)
    return mid, mao2


def compute(mid: pd.DataFrame, mao2: pd.DataFrame) -> None:
    balance = mactor.balance(mid)
    r_star = balance.set_index("actor_id")["r_star"]
    mactor.mobilisation(mactor.mao3(mao2, r_star))
    mactor.mobilisation(mao2)
    mactor.pairs(mao2, r_star)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    mid, mao2 = matrices()
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        compute(mid, mao2)
        times.append(time.perf_counter() - start)
    print(f"MACTOR, {ACTORS} actors × {OBJECTIVES} objectives: median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms over {args.repeat} runs (target: computed and drawn < 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
