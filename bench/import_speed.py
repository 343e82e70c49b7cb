"""Speed and memory of the import, against python-calamine alone and pandas.read_excel.

Usage:
    python bench/import_speed.py [--repeat N] [--skip-openpyxl]   the benchmark (`make bench`)
    python bench/import_speed.py --profile                        where the import's time goes

Every measurement runs in a fresh subprocess of this script (`--worker METHOD`), so that its peak
RSS (getrusage ru_maxrss) is its own and no cache is shared between methods. Only the parsing or
import call is timed, not the interpreter start nor the module imports; the RSS of a subprocess
that only imports the same modules is reported as the baseline. The fast methods run N times,
interleaved, and the median time is reported with the highest peak RSS of the N runs;
pandas + openpyxl runs once. Figures go to stdout and to bench/out/import_speed.json.

The exit code is 0 whatever the figures (this is a report, not a test); it is 1 only when a
measurement could not be taken, e.g. the import refused the files or loaded the wrong counts.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
sys.path.insert(0, str(ROOT))  # clusterlab is not installed: run from a checkout
sys.path.insert(0, str(BENCH))

N_ACTORS, N_INTERVIEWS = 20_000, 50_000
TARGET_RATIO = 1.5  # import time / python-calamine alone
TARGET_RSS_MB = 1024  # import peak RSS
WORKER_TIMEOUT_S = 1800

METHODS = {  # name: (label, modules its subprocess imports before the clock starts)
    "calamine": ("python-calamine alone", ["python_calamine"]),
    "pandas_calamine": ("pandas.read_excel, calamine", ["pandas", "python_calamine"]),
    "pandas_openpyxl": ("pandas.read_excel, openpyxl", ["pandas", "openpyxl"]),
    "import": ("clusterlab import_files", ["clusterlab.store", "clusterlab.importer"]),
    "floor": ("floor: parse side by side + store", ["clusterlab.store", "clusterlab.importer"]),
}
FAST = ["calamine", "pandas_calamine", "import", "floor"]
STORED = ("actors", "interviews", "items", "answers")


# --------------------------------------------------------------------------- in the subprocess

def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 2**20 if sys.platform == "darwin" else kb / 2**10  # bytes on macOS, KiB on Linux


def run_calamine(files: list[str]) -> dict:
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    rows = [CalamineWorkbook.from_path(f).get_sheet_by_index(0).to_python() for f in files]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_rss_mb": peak_rss_mb(), "rows": [len(r) for r in rows]}


def run_pandas(files: list[str], engine: str) -> dict:
    import pandas as pd

    start = time.perf_counter()
    frames = [pd.read_excel(f, engine=engine, sheet_name=None, header=None) for f in files]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "peak_rss_mb": peak_rss_mb(),
            "shapes": [[list(df.shape) for df in book.values()] for book in frames]}


def _check(report, con) -> dict:
    if report.refused:
        raise SystemExit(f"the import refused the files: {report.message()}")
    if report.loaded["actors"] != N_ACTORS or report.loaded["interviews"] != N_INTERVIEWS:
        raise SystemExit(f"the import loaded {report.loaded}, not {N_ACTORS} actors and {N_INTERVIEWS} interviews")
    stored = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("actors", "interviews")}
    if stored != {"actors": N_ACTORS, "interviews": N_INTERVIEWS}:
        raise SystemExit(f"the store holds {stored} after the import")
    return {"loaded": report.loaded, "flags": len(report.flags)}


def run_import(files: list[str]) -> dict:
    from clusterlab import importer, store

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        con = store.connect(Path(tmp) / "bench.duckdb")
        connect_s = time.perf_counter() - start
        start = time.perf_counter()
        report = importer.import_files(con, files, "bench")
        seconds = time.perf_counter() - start
        rss = peak_rss_mb()
        checked = _check(report, con)
        start = time.perf_counter()
        con.close()
        close_s = time.perf_counter() - start
        db_mb = (Path(tmp) / "bench.duckdb").stat().st_size / 2**20
    return {"seconds": seconds, "peak_rss_mb": rss, "connect_s": connect_s, "close_s": close_s,
            "db_mb": db_mb, **checked}


def run_floor(files: list[str]) -> dict:
    """The least any import into this store can take on this machine: calamine parses the files
    side by side (as the import does), then the rows the import stores, prepared beforehand and
    not timed, are inserted into a fresh DuckDB file in one transaction, in whole row groups.
    Nothing in between: no header search, validation, splitting or conversion."""
    from concurrent.futures import ThreadPoolExecutor

    import pyarrow as pa
    from python_calamine import CalamineWorkbook

    from clusterlab import importer, store

    def parse(f: str) -> list:
        return CalamineWorkbook.from_path(f).get_sheet_by_index(0).to_python()

    with tempfile.TemporaryDirectory() as tmp:
        prep = store.connect(Path(tmp) / "prep.duckdb")
        _check(importer.import_files(prep, files, "bench"), prep)
        stored = {t: prep.execute(f"SELECT * FROM {t}").to_arrow_table() for t in STORED}
        prep.close()
        con = store.connect(Path(tmp) / "floor.duckdb")
        start = time.perf_counter()
        with ThreadPoolExecutor(len(files)) as pool:
            rows = list(pool.map(parse, files))
        cur = con.cursor()
        cur.execute("BEGIN TRANSACTION")
        for table, data in stored.items():
            cur.register("staging", pa.Table.from_batches(
                data.combine_chunks().to_batches(max_chunksize=importer.ROW_GROUP_ROWS)))
            cur.execute(f"INSERT INTO {table} SELECT * FROM staging")
            cur.unregister("staging")
        cur.execute("COMMIT")
        seconds = time.perf_counter() - start
        con.close()
    return {"seconds": seconds, "peak_rss_mb": peak_rss_mb(), "rows": [len(r) for r in rows]}


def run_phases(files: list[str]) -> dict:
    """The import, with when each step ran and on which thread, by wrapping the functions it calls."""
    import threading

    from clusterlab import importer, reader, store, validate

    origin = time.perf_counter()
    steps: list[tuple[float, float, str, str]] = []

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                thread = "main" if threading.current_thread() is threading.main_thread() else "pool"
                label = name(*args) if callable(name) else name
                steps.append((start - origin, time.perf_counter() - origin, thread, label))
        return wrapper

    def book_name(path, *_):
        return f"read {Path(path).name} (calamine, header, rows)"

    importer.read_workbook = timed(book_name, importer.read_workbook)
    reader.read_sheet = timed(lambda file, name, *_: f"  header and rows of {name}", reader.read_sheet)
    importer._context = timed("context queries", importer._context)
    for table, fn in list(validate.VALIDATORS.items()):
        validate.VALIDATORS[table] = timed(lambda ctx, sheet, table=table: f"validate {sheet.file} ({table})", fn)
    importer._insert_arrow = timed(lambda cur, table, rows, *_: f"insert {rows.num_rows:,} {table}",
                                   importer._insert_arrow)

    with tempfile.TemporaryDirectory() as tmp:
        con = store.connect(Path(tmp) / "bench.duckdb")
        origin = time.perf_counter()
        report = importer.import_files(con, files, "bench")
        seconds = time.perf_counter() - origin
        _check(report, con)
        con.close()
    return {"seconds": seconds, "peak_rss_mb": peak_rss_mb(), "steps": sorted(steps)}


def run_profile(files: list[str], stats_path: str) -> dict:
    import cProfile

    from clusterlab import importer, store

    with tempfile.TemporaryDirectory() as tmp:
        con = store.connect(Path(tmp) / "bench.duckdb")
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.enable()
        report = importer.import_files(con, files, "bench")
        profile.disable()
        seconds = time.perf_counter() - start
        _check(report, con)
        con.close()
    profile.dump_stats(stats_path)
    return {"seconds": seconds, "peak_rss_mb": peak_rss_mb()}


def worker(method: str, files: list[str], stats_path: str | None) -> None:
    baseline = method.startswith("baseline:")
    name = method.removeprefix("baseline:")
    for module in METHODS.get(name, METHODS["import"])[1]:
        __import__(module)
    if baseline:
        result = {"seconds": 0.0, "peak_rss_mb": peak_rss_mb()}
    elif name == "calamine":
        result = run_calamine(files)
    elif name == "pandas_calamine":
        result = run_pandas(files, "calamine")
    elif name == "pandas_openpyxl":
        result = run_pandas(files, "openpyxl")
    elif name == "import":
        result = run_import(files)
    elif name == "floor":
        result = run_floor(files)
    elif name == "phases":
        result = run_phases(files)
    elif name == "profile":
        result = run_profile(files, stats_path)
    else:
        raise SystemExit(f"unknown method {method}")
    print(json.dumps(result))


# --------------------------------------------------------------------------- in the parent

class MeasurementFailed(Exception):
    pass


def measure(method: str, files: list[Path], stats_path: Path | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", method, *map(str, files)]
    if stats_path:
        cmd += ["--stats", str(stats_path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=WORKER_TIMEOUT_S, cwd=ROOT)
    if proc.returncode != 0:
        raise MeasurementFailed(f"{method}: exit {proc.returncode}\n{proc.stderr.strip()}\n{proc.stdout.strip()}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def machine() -> dict:
    info = {"nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "python": platform.python_version(), "platform": platform.platform()}
    try:
        meminfo = Path("/proc/meminfo").read_text()
        kb = int(next(line for line in meminfo.splitlines() if line.startswith("MemTotal")).split()[1])
        info["memory_mb"] = kb // 1024
        cpuinfo = Path("/proc/cpuinfo").read_text()
        info["cpu"] = next(line.split(":", 1)[1].strip() for line in cpuinfo.splitlines()
                           if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    info["packages"] = {}
    for package in ("python-calamine", "pandas", "openpyxl", "duckdb", "pyarrow", "numpy"):
        try:
            info["packages"][package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info["packages"][package] = None
    return info


def ensure_files() -> list[Path]:
    import make_large

    actors, interviews = OUT / "large_actors.xlsx", OUT / "large_interviews.xlsx"
    if not (actors.exists() and interviews.exists()):
        print("generating the benchmark workbooks (about 20 s)…", flush=True)
        actors, interviews = make_large.main(OUT)
    return [actors, interviews]


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def benchmark(repeat: int, skip_openpyxl: bool) -> int:
    files = ensure_files()
    info = machine()
    print(f"machine: {info['nproc']} CPU ({info.get('cpu', '?')}), {info.get('memory_mb', '?')} MB, "
          f"Python {info['python']}")
    print("files: " + ", ".join(f"{f.name} ({f.stat().st_size / 2**20:.1f} MB)" for f in files))
    methods = FAST + ([] if skip_openpyxl else ["pandas_openpyxl"])
    results: dict[str, dict] = {m: {"label": METHODS[m][0], "runs": []} for m in methods}
    try:
        for m in methods:
            results[m]["baseline_rss_mb"] = round(measure(f"baseline:{m}", files)["peak_rss_mb"], 1)
        for i in range(repeat):
            for m in FAST:  # interleaved, so a slow spell of the machine hits every method alike
                run = measure(m, files)
                results[m]["runs"].append(run)
                print(f"  run {i + 1}/{repeat} {m:16} {run['seconds']:7.2f} s  {run['peak_rss_mb']:7.1f} MB",
                      flush=True)
        if not skip_openpyxl:
            print("  pandas + openpyxl, once (slow)…", flush=True)
            run = measure("pandas_openpyxl", files)
            results["pandas_openpyxl"]["runs"].append(run)
            print(f"  run 1/1 pandas_openpyxl  {run['seconds']:7.2f} s  {run['peak_rss_mb']:7.1f} MB")
    except (MeasurementFailed, subprocess.TimeoutExpired) as exc:
        print(f"\nMEASUREMENT FAILED: {exc}", file=sys.stderr)
        return 1

    for r in results.values():
        r["median_s"] = round(statistics.median(run["seconds"] for run in r["runs"]), 3)
        r["peak_rss_mb"] = round(max(run["peak_rss_mb"] for run in r["runs"]), 1)
        r["increment_mb"] = round(r["peak_rss_mb"] - r["baseline_rss_mb"], 1)
    imp = results["import"]
    imp["connect_s"] = round(statistics.median(run["connect_s"] for run in imp["runs"]), 3)
    imp["close_s"] = round(statistics.median(run["close_s"] for run in imp["runs"]), 3)
    imp["median_with_close_s"] = round(statistics.median(run["seconds"] + run["close_s"] for run in imp["runs"]), 3)
    openpyxl_s = results["pandas_openpyxl"]["median_s"] if "pandas_openpyxl" in results else None
    ratios = {"import/calamine": ratio(imp["median_s"], results["calamine"]["median_s"]),
              "import/pandas_calamine": ratio(imp["median_s"], results["pandas_calamine"]["median_s"]),
              "import/pandas_openpyxl": ratio(imp["median_s"], openpyxl_s),
              "import_with_close/calamine": ratio(imp["median_with_close_s"], results["calamine"]["median_s"]),
              "floor/calamine": ratio(results["floor"]["median_s"], results["calamine"]["median_s"]),
              "import/floor": ratio(imp["median_s"], results["floor"]["median_s"])}
    targets = {"ratio_to_calamine": {"target": f"<= {TARGET_RATIO}", "value": ratios["import/calamine"],
                                     "pass": ratios["import/calamine"] <= TARGET_RATIO},
               "import_peak_rss_mb": {"target": f"< {TARGET_RSS_MB}", "value": imp["peak_rss_mb"],
                                      "pass": imp["peak_rss_mb"] < TARGET_RSS_MB}}

    print(f"\n{'method':32} {'runs':>4} {'median s':>9} {'peak RSS MB':>12} {'baseline MB':>12} {'increment MB':>13}")
    for r in results.values():
        print(f"{r['label']:32} {len(r['runs']):>4} {r['median_s']:>9.2f} {r['peak_rss_mb']:>12.1f} "
              f"{r['baseline_rss_mb']:>12.1f} {r['increment_mb']:>13.1f}")
    print(f"(import: store.connect {imp['connect_s']:.2f} s and con.close {imp['close_s']:.2f} s, the checkpoint, "
          f"are not in its time; with con.close, {imp['median_with_close_s']:.2f} s.\n"
          f" It loaded {imp['runs'][0]['loaded']}, {imp['runs'][0]['flags']} flags.)")
    print("\nratios of the import's median time:")
    for name, value in ratios.items():
        print(f"  {name:26} {'skipped' if value is None else f'{value:.2f}×'}")
    print("\ntargets:")
    print(f"  import / calamine alone <= {TARGET_RATIO}:  {ratios['import/calamine']:.2f}  "
          f"{'PASS' if targets['ratio_to_calamine']['pass'] else 'FAIL'}")
    print(f"  import peak RSS < {TARGET_RSS_MB} MB:     {imp['peak_rss_mb']:.0f} MB  "
          f"{'PASS' if targets['import_peak_rss_mb']['pass'] else 'FAIL'}")
    print(f"\nthe floor (calamine side by side, then only the inserts of the rows the import stores) takes "
          f"{ratios['floor/calamine']:.2f}× calamine alone\n(its peak RSS includes the untimed preparation).")
    if ratios["floor/calamine"] > TARGET_RATIO:
        print(f"The {TARGET_RATIO}× target is below this floor: no import into this DuckDB file can meet it "
              f"on this machine.")

    OUT.mkdir(parents=True, exist_ok=True)
    doc = {"date": datetime.now().isoformat(timespec="seconds"), "machine": info, "repeat": repeat,
           "files": {f.name: f.stat().st_size for f in files}, "results": results, "ratios": ratios,
           "targets": targets}
    (OUT / "import_speed.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False))
    print(f"\nwritten: {(OUT / 'import_speed.json').relative_to(ROOT)}")
    return 0


def profile() -> int:
    import pstats

    files = ensure_files()
    stats_path = OUT / "import_profile.pstats"
    try:
        phases = measure("phases", files)
        profiled = measure("profile", files, stats_path)
    except (MeasurementFailed, subprocess.TimeoutExpired) as exc:
        print(f"MEASUREMENT FAILED: {exc}", file=sys.stderr)
        return 1
    print(f"when each step of the import ran ({phases['seconds']:.2f} s in all, peak RSS "
          f"{phases['peak_rss_mb']:.0f} MB; 'pool' is a reading or writing thread, steps under 10 ms left out):")
    print(f"  {'from s':>7} {'to s':>6} {'took s':>6}  {'thread':6}  step")
    for start, end, thread, label in phases["steps"]:
        if end - start >= 0.01:
            print(f"  {start:7.2f} {end:6.2f} {end - start:6.2f}  {thread:6}  {label}")
    print(f"\ncProfile of the same import ({profiled['seconds']:.2f} s under the profiler; "
          f"stats in {stats_path.relative_to(ROOT)}), top 15 by tottime:")
    pstats.Stats(str(stats_path)).strip_dirs().sort_stats("tottime").print_stats(15)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each fast measurement (median reported)")
    parser.add_argument("--skip-openpyxl", action="store_true", help="leave out pandas + openpyxl (slow)")
    parser.add_argument("--profile", action="store_true", help="time the import's steps and cProfile it, instead")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--stats", help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.files, args.stats)
        return 0
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return profile() if args.profile else benchmark(args.repeat, args.skip_openpyxl)


if __name__ == "__main__":
    sys.exit(main())
