"""The store on PostgreSQL against the DuckDB file: page reruns, the large import, a room voting through two instances.

Usage: python bench/postgres.py [--runs N] [--skip-large] [--url postgresql://…]

Without --url, a throw-away PostgreSQL server is started (Debian's package, tests/pgserver.py: initdb in a
temporary folder, a free port on 127.0.0.1; fsync on, as a real server). Three measurements:
1. every page's warm rerun (AppTest, the same session rerun N times, default 10), on the demo project, on a
   DuckDB file and on PostgreSQL: target, the median on PostgreSQL within 1.5x the file's, page by page;
2. the import of the 20,000-actor / 50,000-interview workbooks (make_large.py) into a fresh store of each
   kind: the time and the ratio PostgreSQL / file (no target set by the issue: reported);
3. 60 participants voting at once through two app instances (two processes, 30 participants each, each
   participant a thread of its process): target, every ballot counted, none lost, within 10 s.
Figures go to stdout and bench/out/postgres.json. A report, not a test: the exit code is 0 whatever the
figures, 1 only when a measurement could not be taken (a lost ballot, an import refused).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from clusterlab import demo, importer, store, votes  # noqa: E402

RERUN_RATIO, VOTE_SECONDS, PARTICIPANTS = 1.5, 10.0, 60
PROBLEMS = ["Prix du lait instable", "Manque de chaîne du froid", "Accès difficile au crédit"]


def pages(file_db: Path, url: str, runs: int) -> dict:
    import page_speed

    for db in (file_db, url):
        con = store.connect(db)
        demo.load(con)
        con.close()
    on_file = page_speed.time_pages(file_db, runs)
    on_server = page_speed.time_pages(url, runs)
    return {page: {"file_ms": on_file[page]["median_ms"], "postgres_ms": on_server[page]["median_ms"],
                   "ratio": round(on_server[page]["median_ms"] / on_file[page]["median_ms"], 2)}
            for page in on_file}


def large_import(file_db: Path, url: str) -> dict:
    import import_speed

    files = import_speed.ensure_files()
    found = {}
    for kind, db in (("file", file_db), ("postgres", url)):
        con = store.connect(db)
        start = time.perf_counter()
        report = importer.import_files(con, files, "large")
        found[f"{kind}_s"] = round(time.perf_counter() - start, 1)
        if report.refused or report.loaded["interviews"] != 50_000:
            raise RuntimeError(f"the import into the {kind} store did not load the benchmark")
        con.close()
    found["ratio"] = round(found["postgres_s"] / found["file_s"], 2)
    return found


def voter(url: str, vote_id: int, first: int, n: int) -> None:
    """One app instance (`--voter`): n participants voting at once, each a thread, once `go` is read."""
    con = store.connect(url)
    votes.vote(con, vote_id)  # warm: connected, the catalogue read
    print("ready", flush=True)
    sys.stdin.readline()

    def ballot(i: int) -> float:
        start = time.perf_counter()
        votes.cast(con, vote_id, f"participant {i:02d}", {PROBLEMS[i % 3]: 2, PROBLEMS[(i + 1) % 3]: 1})
        return time.perf_counter() - start

    with ThreadPoolExecutor(n) as pool:
        took = list(pool.map(ballot, range(first, first + n)))
    print(json.dumps(took), flush=True)
    con.close()


def room(url: str) -> dict:
    con = store.connect(url)
    vote_id = votes.open_vote(con, store.project_id(con, "room"), "AP 2", PROBLEMS, dots=3)
    half = PARTICIPANTS // 2
    instances = [subprocess.Popen([sys.executable, __file__, "--voter", url, str(vote_id), str(i * half), str(half)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for i in range(2)]
    for p in instances:
        assert p.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    for p in instances:
        p.stdin.write("go\n")
        p.stdin.flush()
    took = [t for p in instances for t in json.loads(p.stdout.readline())]
    wall = time.perf_counter() - start
    for p in instances:
        p.wait()
    counted = votes.participants(con, vote_id)
    dots = int(votes.results(con, vote_id)["dots"].sum())
    con.close()
    if counted != PARTICIPANTS or dots != 3 * PARTICIPANTS:
        raise RuntimeError(f"ballots lost: {counted} participants, {dots} dots")
    return {"participants": counted, "dots": dots, "wall_s": round(wall, 2),
            "ballot_median_ms": round(statistics.median(took) * 1000), "ballot_max_ms": round(max(took) * 1000)}


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--voter":
        voter(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--url", help="an empty PostgreSQL database to use (default: a throw-away server)")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    from tests import pgserver

    server = None if args.url else pgserver.start(durable=True)
    report: dict = {}
    try:
        def fresh() -> str:
            return args.url if args.url else server.url(server.new_database())

        with tempfile.TemporaryDirectory() as tmp:
            report["pages"] = pages(Path(tmp) / "demo.duckdb", fresh(), args.runs)
            if not args.skip_large:
                report["import"] = large_import(Path(tmp) / "large.duckdb", fresh())
        report["room"] = room(fresh())
    finally:
        if server:
            pgserver.remove(server)
    print(f"{'page':<12}{'file ms':>9}{'pg ms':>8}{'ratio':>7}  target {RERUN_RATIO}x")
    for name, r in report["pages"].items():
        print(f"{name:<12}{r['file_ms']:>9}{r['postgres_ms']:>8}{r['ratio']:>7}  "
              f"{'PASS' if r['ratio'] <= RERUN_RATIO else 'FAIL'}")
    if "import" in report:
        r = report["import"]
        print(f"import 20,000 actors / 50,000 interviews: file {r['file_s']} s, PostgreSQL {r['postgres_s']} s "
              f"(x{r['ratio']})")
    r = report["room"]
    print(f"{r['participants']} participants through two instances: {r['wall_s']} s (ballot median "
          f"{r['ballot_median_ms']} ms, max {r['ballot_max_ms']} ms), none lost; target {VOTE_SECONDS} s "
          f"{'PASS' if r['wall_s'] <= VOTE_SECONDS else 'FAIL'}")
    (OUT / "postgres.json").write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
