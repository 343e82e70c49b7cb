"""Rerun time of every page with Streamlit's AppTest, on the demo project and on the large set.

Usage: python bench/page_speed.py [--runs N] [--skip-large]

For each store (the demo project; the 20,000-actor / 50,000-interview workbooks of
make_large.py imported once; a network of 2,000 actors and 10,000 relations), each page is
opened cold (the session started on the overview, then every analysis cached in the process
dropped, then the page opened: its first render computes what it shows), then rerun N times
(default 10) in the same session, as a user's click reruns it. Targets: median rerun 150 ms on
the demo, 1 s on the large set and the network; first render of the actors page 1.5 s on the
network, 3 s on the large set. Figures go to stdout and bench/out/page_speed.json.
A report, not a test: the exit code is 0 whatever the figures.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from streamlit.testing.v1 import AppTest  # noqa: E402

from clusterlab import analysis, demo, importer, store  # noqa: E402
from clusterlab.ui.pages import PAGES  # noqa: E402

TARGETS_MS = {"demo": 150, "large": 1000, "network": 1000}  # median rerun of every page
FIRST_TARGETS_MS = {"network": 1500, "large": 3000}  # first render of the actors page, cold
NETWORK_ACTORS, NETWORK_RELATIONS = 2_000, 10_000


def write_network(path: Path) -> Path:
    """2,000 actors across every stage and 10,000 relations, mostly between neighbouring stages."""
    import random

    from openpyxl import Workbook

    rng = random.Random(2000)
    stages = ["intrants", "production", "collecte", "transformation", "distribution", "consommation", "appui"]
    wb = Workbook(write_only=True)
    actors = wb.create_sheet("Acteurs")
    actors.append(["ID", "Nom", "Catégorie", "Maillon", "Région", "Effectif", "Influence", "Intérêt"])
    stage_of = {}
    for i in range(NETWORK_ACTORS):
        stage_of[i] = rng.randrange(len(stages))
        actors.append([f"N{i:04d}", f"Acteur réseau {i:04d}", f"catégorie {i % 9}", stages[stage_of[i]],
                       f"Région {i % 6}", rng.randint(1, 300), rng.randint(1, 5), rng.randint(1, 5)])
    relations = wb.create_sheet("Relations")
    relations.append(["Source", "Cible", "Type", "Force"])
    by_stage = {s: [i for i in stage_of if stage_of[i] == s] for s in range(len(stages))}
    for _ in range(NETWORK_RELATIONS):
        a = rng.randrange(NETWORK_ACTORS)
        near = min(len(stages) - 1, max(0, stage_of[a] + rng.choice([-1, 1, 1, 0])))
        b = rng.choice(by_stage[near])
        if a != b:
            relations.append([f"N{a:04d}", f"N{b:04d}", rng.choice(["commercial", "information", "collaboration"]),
                              rng.randint(1, 5)])
    wb.save(path)
    return path


def prepare(kind: str, folder: Path) -> Path:
    path = folder / f"{kind}.duckdb"
    con = store.connect(path)
    if kind == "demo":
        demo.load(con)
    elif kind == "network":
        report = importer.import_files(con, [write_network(folder / "network.xlsx")], "demo")
        assert not report.refused and report.loaded["actors"] == NETWORK_ACTORS
        store.set_setting(con, "project", "demo")
    else:
        import make_large

        actors, interviews = make_large.main(OUT)
        report = importer.import_files(con, [actors, interviews], "demo")
        assert not report.refused and report.loaded["interviews"] == 50_000
        store.set_setting(con, "project", "demo")
    con.close()
    return path


def time_pages(db: Path, runs: int, only: str | None = None) -> dict[str, dict]:
    os.environ["CLUSTERLAB_DB"] = str(db)
    results = {}
    for spec in PAGES:
        if only and spec.url_path != only:
            continue
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.query_params["lang"] = "fr"
        at.run()
        analysis._cache.clear()  # cold: nothing of the project computed yet (the app runs in this process)
        first = time.perf_counter()
        if spec.file != PAGES[0].file:
            at.switch_page(spec.file)
        at.run()
        if at.exception:
            raise RuntimeError(f"{spec.file}: {at.exception[0].message}")
        first_ms = (time.perf_counter() - first) * 1000
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - start) * 1000)
        results[spec.url_path or "overview"] = {"median_ms": round(statistics.median(times), 1),
                                                "max_ms": round(max(times), 1), "first_ms": round(first_ms),
                                                "runs": runs}
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    report = {}
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("demo", "network") if args.skip_large else ("demo", "large", "network"):
            report[kind] = time_pages(prepare(kind, Path(tmp)), args.runs, "actors" if kind == "network" else None)
    print(f"{'store':<9}{'page':<12}{'median ms':>10}{'max ms':>9}{'first ms':>10}  targets")
    for kind, pages in report.items():
        for name, r in pages.items():
            verdict = "PASS" if r["median_ms"] <= TARGETS_MS[kind] else "FAIL"
            line = (f"{kind:<9}{name:<12}{r['median_ms']:>10}{r['max_ms']:>9}{r['first_ms']:>10}  "
                    f"rerun {TARGETS_MS[kind]} ms {verdict}")
            if name == "actors" and kind in FIRST_TARGETS_MS:
                first_ok = "PASS" if r["first_ms"] <= FIRST_TARGETS_MS[kind] else "FAIL"
                line += f", first {FIRST_TARGETS_MS[kind]} ms {first_ok}"
            print(line)
    (OUT / "page_speed.json").write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
