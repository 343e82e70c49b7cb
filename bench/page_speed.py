"""Rerun time of every page with Streamlit's AppTest, on the demo project and on the large set.

Usage: python bench/page_speed.py [--runs N] [--skip-large]

For each store (the demo project; the 20,000-actor / 50,000-interview workbooks of
make_large.py imported once), each page is opened, then rerun N times (default 10) in the same
session, as a user's click reruns it; the median rerun time is reported against the target
(150 ms on the demo, 1 s on the large set). Figures go to stdout and bench/out/page_speed.json.
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

from clusterlab import demo, importer, store  # noqa: E402
from clusterlab.ui.pages import PAGES  # noqa: E402

TARGETS_MS = {"demo": 150, "large": 1000}


def prepare(kind: str, folder: Path) -> Path:
    path = folder / f"{kind}.duckdb"
    con = store.connect(path)
    if kind == "demo":
        demo.load(con)
    else:
        import make_large

        actors, interviews = make_large.main(OUT)
        report = importer.import_files(con, [actors, interviews], "demo")
        assert not report.refused and report.loaded["interviews"] == 50_000
        store.set_setting(con, "project", "demo")
    con.close()
    return path


def time_pages(db: Path, runs: int) -> dict[str, dict]:
    os.environ["CLUSTERLAB_DB"] = str(db)
    results = {}
    for spec in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.query_params["lang"] = "fr"
        at.run()
        if spec.file != PAGES[0].file:
            at.switch_page(spec.file).run()
        if at.exception:
            raise RuntimeError(f"{spec.file}: {at.exception[0].message}")
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - start) * 1000)
        results[spec.url_path or "overview"] = {"median_ms": round(statistics.median(times), 1),
                                                "max_ms": round(max(times), 1), "runs": runs}
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    report = {}
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("demo",) if args.skip_large else ("demo", "large"):
            report[kind] = time_pages(prepare(kind, Path(tmp)), args.runs)
    print(f"{'store':<8}{'page':<14}{'median ms':>12}{'max ms':>10}  target")
    for kind, pages in report.items():
        for name, r in pages.items():
            verdict = "PASS" if r["median_ms"] <= TARGETS_MS[kind] else "FAIL"
            print(f"{kind:<8}{name:<14}{r['median_ms']:>12}{r['max_ms']:>10}  {TARGETS_MS[kind]} ms {verdict}")
    (OUT / "page_speed.json").write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
