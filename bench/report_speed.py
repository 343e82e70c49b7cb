"""The positioning study of the demo, both formats (issue 17: the analysis plus the Word and the HTML files in
under 10 s).

Usage: python bench/report_speed.py [--repeat N] [--profile]

In-process, for each language: every analysis dropped (`analysis.forget`), then the analysis of the demo, the
study built from it (`report.build`: every view it reads, its figures drawn), written as .docx and as .html —
timed apart and together, wall clock and this process's CPU time; the first run of the process (matplotlib's
first figure, fonts loaded) apart from the median of the next N. Then the command line as an analyst runs it,
`python -m clusterlab report --format docx html --lang L` (one build, both files), wall clock of the whole
process (interpreter, imports, store opened), median of N. `--profile`: where one in-process run's time goes
(cProfile, by cumulative time). The machine's load average is printed before and after: the machine is
shared, and a loaded one stretches wall-clock times (CPU times much less).
A report, not a test: exit code 0 whatever the figures; 1 only when a study could not be written.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clusterlab import analysis, demo, report, store  # noqa: E402

TARGET_S = 10.0
LANGS = ("fr", "en")


def one_run(con, pid: int, lang: str) -> dict[str, float]:
    """One study from a cold analysis: each step's wall time, and the whole run's CPU time."""
    analysis.forget(con)
    cpu, t0 = time.process_time(), time.perf_counter()
    a = analysis.of(con, pid)
    doc = report.build(a, lang)
    t1 = time.perf_counter()
    word = report.render(doc, "docx")
    t2 = time.perf_counter()
    page = report.render(doc, "html")
    t3 = time.perf_counter()
    if len(word) < 100_000 or len(page) < 100_000:
        raise SystemExit(f"the {lang} study is too small: {len(word)} bytes of docx, {len(page)} of html")
    return {"build": t1 - t0, "docx": t2 - t1, "html": t3 - t2, "total": t3 - t0, "cpu": time.process_time() - cpu}


def cli_run(db: Path, out: Path, lang: str) -> tuple[float, float]:
    """One command line's wall time and CPU time (user + system, its own)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "clusterlab", "report", "--db", str(db), "--project", "demo",
                           "--out", str(out), "--format", "docx", "html", "--lang", lang],
                          capture_output=True, text=True, cwd=ROOT)
    took = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0 or len(done.stdout.split()) != 2:
        raise SystemExit(f"the command line failed: {done.stderr}")
    return took, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="clusterlab-report-bench-"))
    db = folder / "demo.duckdb"
    con = store.connect(db)
    demo.load(con)
    pid = store.project_id(con, "demo")
    print(f"load average before: {load()} (2 cores)")

    if args.profile:
        one_run(con, pid, "fr")  # the first figure and fonts apart
        profile = cProfile.Profile()
        profile.enable()
        one_run(con, pid, "fr")
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
        return 0

    print(f"\nin-process: analysis + build + docx + html, median of {args.repeat} runs after the first")
    print(f"{'lang':<5}{'first':>8}{'build':>8}{'docx':>8}{'html':>8}{'total':>8}{'cpu':>8}")
    totals = []
    for lang in LANGS:
        first = one_run(con, pid, lang)
        runs = [one_run(con, pid, lang) for _ in range(args.repeat)]
        median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        totals.append(median["total"])
        print(f"{lang:<5}{first['total']:>7.2f}s" + "".join(f"{median[k]:>7.2f}s" for k in
                                                           ("build", "docx", "html", "total", "cpu")))
    con.close()
    analysis.forget(con)

    print(f"\ncommand line: python -m clusterlab report --format docx html, whole process, median of {args.repeat}")
    clis = []
    for lang in LANGS:
        runs = [cli_run(db, folder / "out", lang) for _ in range(args.repeat)]
        times = [wall for wall, _ in runs]
        clis.append(statistics.median(times))
        print(f"{lang:<5}{clis[-1]:>7.2f}s  (min {min(times):.2f} s, max {max(times):.2f} s; "
              f"cpu {statistics.median(c for _, c in runs):.2f} s)")
    print(f"\nload average after: {load()}")
    worst = max(totals + clis)
    print(f"target: both formats in under {TARGET_S:.0f} s: {'met' if worst < TARGET_S else 'NOT MET'} "
          f"(slowest median {worst:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
