"""Importing workbooks into a project: all files in one transaction, one batch per file, undo."""
from __future__ import annotations

import gc
import json
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from clusterlab import mappings, matrices, roles, schema, state, store, validate, validate_governance, values
from clusterlab.contract import LOAD_ORDER
from clusterlab.errors import Conflict, NotFound, RefusedFile
from clusterlab.flags import INFO, WARNING, Flag
from clusterlab.i18n import t
from clusterlab.linking import Actors
from clusterlab.reader import Workbook, read_workbook
from clusterlab.records import Records
from clusterlab.text import name_key
from clusterlab.validate import Context

MATRIX_TABLES = schema.MATRIX_TABLES  # MACTOR's matrix cells, counted in `loaded` too
REPORTED_TABLES = schema.CSV_TABLES + MATRIX_TABLES  # the project's data: `loaded` counts its rows per table
READERS = 2  # workbooks read at once
ROW_GROUP_ROWS = 122_880  # DuckDB's row group size

@dataclass
class ImportReport:
    """What an import did: counts per table, created actors, every flag; or why it refused."""

    refused: bool = False
    message_key: str = "import.loaded"
    params: dict = field(default_factory=dict)
    loaded: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REPORTED_TABLES, 0))
    created_actors: list[str] = field(default_factory=list)
    completed_actors: list[str] = field(default_factory=list)  # created from mentions, then listed
    flags: list[Flag] = field(default_factory=list)
    batch_ids: list[int] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    analysis: dict[str, int] = field(default_factory=dict)  # rows of analysis restored, per table
    sheets: list[dict] = field(default_factory=list)  # each sheet read: file, sheet, table, header row, rows

    def message(self, lang: str = "en") -> str:
        text = t(self.message_key, lang, **self.params)
        phase_iii = {k: self.loaded.get(k, 0) + self.analysis.get(k, 0) for k in ("objectives", *MATRIX_TABLES)}
        if any(phase_iii.values()) and not self.refused:  # the matrices' cells from their sheets or the hidden one
            text += " " + t("import.mactor", lang, **phase_iii)
        if self.completed_actors and not self.refused:
            text += " " + t("import.completed", lang, n=len(self.completed_actors))
        if self.analysis and not self.refused:
            text += " " + t("import.analysis", lang,  # the matrices' cells said above
                            rows=sum(n for k, n in self.analysis.items() if k not in MATRIX_TABLES))
        return text

    def as_dict(self, lang: str = "en") -> dict:
        """The stable JSON shape of `import --json`."""
        return {"refused": self.refused, "message": self.message(lang), "loaded": self.loaded,
                "created_actors": self.created_actors, "completed_actors": self.completed_actors,
                "batches": self.batch_ids,
                "skipped_files": self.skipped_files, "analysis": self.analysis, "sheets": self.sheets,
                "flags": [f.as_dict(lang) for f in self.flags]}


def _context(cur: duckdb.DuckDBPyConnection, pid: int, book: Workbook | None = None) -> Context:
    """What validating `book` needs to know of the project: its actors (with their attributes when
    the book lists actors), interview ids and rows, action ids."""
    lists_actors = book is None or any(s.table == "actors" for s in book.sheets)
    attributes = ", ".join(validate.ACTOR_ATTRIBUTES if lists_actors else ("NULL",) * len(validate.ACTOR_ATTRIBUTES))
    actors = cur.execute(f"SELECT actor_id, name_key, created_from, name, {attributes} FROM actors "
                         "WHERE project_id = ?", [pid]).fetchall()
    by_key: dict[str, str] = {}
    for actor_id, key, _, name, *_ in actors:
        # A store written before keys kept every script holds `cooperative` for `Coopérative النور`:
        # a name that is not ASCII gets its key again.
        by_key.setdefault(key if name.isascii() else name_key(name), actor_id)
    interviews = cur.execute("SELECT i.actor_id, i.date, i.source_sheet, i.source_row, i.interview_id, b.file_name "
                             "FROM interviews i LEFT JOIN batches b USING (batch_id) WHERE i.project_id = ?",
                             [pid]).fetchall()
    return Context(
        Actors(names={a: name for a, _, _, name, *_ in actors}, by_key=by_key,
               attributes={a: dict(zip(validate.ACTOR_ATTRIBUTES, rest)) for a, _, _, _, *rest in actors},
               referenced={a for a, _, created_from, *_ in actors if created_from == "reference"}),
        interview_rows={(a, d, sheet, row): (iid, file) for a, d, sheet, row, iid, file in interviews},
        interview_ids={r[0] for r in cur.execute("SELECT interview_id FROM interviews WHERE project_id = ?",
                                                 [pid]).fetchall()},
        action_ids={r[0] for r in cur.execute("SELECT action_id FROM actions WHERE project_id = ?", [pid]).fetchall()},
        objectives=_objective_keys(cur, pid), governance=_governance(cur, pid))


def _governance(cur: duckdb.DuckDBPyConnection, pid: int) -> dict:
    """The project's bodies, meetings, decisions and members, for the governance sheets to refer to."""
    bodies = cur.execute("SELECT body_id, name, start FROM bodies WHERE project_id = ?", [pid]).fetchall()
    held = cur.execute("SELECT meeting_id, title, date FROM meetings WHERE project_id = ? ORDER BY date, meeting_id",
                       [pid]).fetchall()
    titles: dict[str, str] = {}
    for meeting_id, title, _ in held:
        titles.setdefault(name_key(title), meeting_id)
    return {"bodies": {b: start for b, _, start in bodies}, "body_names": {name_key(n): b for b, n, _ in bodies},
            "meetings": {m: when for m, _, when in held}, "meeting_titles": titles,
            "decisions": {r[0] for r in cur.execute("SELECT decision_id FROM decisions WHERE project_id = ?",
                                                    [pid]).fetchall()},
            "members": {(b, a) for b, a in cur.execute("SELECT body_id, actor_id FROM members WHERE project_id = ?",
                                                       [pid]).fetchall()}}


def _objective_keys(cur: duckdb.DuckDBPyConnection, pid: int) -> dict[str, str]:
    """The project's objectives by id (`i:` folded id) and by wording (`t:` name key), for the MAO sheets."""
    keys: dict[str, str] = {}
    for objective_id, objective in cur.execute("SELECT objective_id, objective FROM objectives WHERE project_id = ?",
                                               [pid]).fetchall():
        keys["i:" + objective_id.casefold()] = objective_id
        keys.setdefault("t:" + name_key(objective), objective_id)
    return keys


def _insert(cur: duckdb.DuckDBPyConnection, table: str, records: Records, pid: int, batch_id: int) -> int:
    """Insert what `records` still holds; the number of rows it added in all (sink included)."""
    if len(records) > records.sunk:
        _insert_arrow(cur, table, records.to_arrow(), pid, batch_id)
    return len(records)


def _insert_arrow(cur: duckdb.DuckDBPyConnection, table: str, rows: pa.Table, pid: int, batch_id: int) -> None:
    # One Arrow batch per DuckDB row group: its threads then compress the row groups side by side.
    staging = pa.Table.from_batches(rows.combine_chunks().to_batches(max_chunksize=ROW_GROUP_ROWS))
    cols = ", ".join(f'"{c}"' for c in rows.column_names)
    name = f"staging_{threading.get_ident()}"
    cur.register(name, staging)
    try:
        cur.execute(f'INSERT INTO {table} (project_id, batch_id, {cols}) SELECT ?, ?, {cols} FROM {name}',
                    [pid, batch_id])
    finally:
        cur.unregister(name)


class _Writer:
    """Inserts full chunks of records on a thread of its own, in order, while the validation of the
    next columns goes on: DuckDB compresses and writes without holding the GIL. It has the
    cursor to itself from the first `write` until `close`."""

    def __init__(self, cur: duckdb.DuckDBPyConnection, pid: int, batch_id: int) -> None:
        self.cur, self.pid, self.batch_id = cur, pid, batch_id
        self.pool = ThreadPoolExecutor(1)
        self.jobs: list[Future] = []

    def sink(self, table: str) -> Callable[[pa.Table], None]:
        return lambda rows: self.jobs.append(
            self.pool.submit(_insert_arrow, self.cur, table, rows, self.pid, self.batch_id))

    def close(self) -> None:
        """Wait for every insert; the first that failed raises here."""
        self.pool.shutdown(wait=True)
        for job in self.jobs:
            job.result()


def _already_loaded(cur: duckdb.DuckDBPyConnection, pid: int, sha256: str) -> bool:
    return cur.execute("SELECT count(*) FROM batches WHERE project_id = ? AND sha256 = ? AND undone_at IS NULL",
                       [pid, sha256]).fetchone()[0] > 0


def read_all(files: list[str | Path | tuple[str | Path, str]]) -> list[Workbook]:
    """Read every file, several at once; the first that cannot be used raises RefusedFile."""
    with _no_cyclic_gc(), ThreadPoolExecutor(READERS) as pool:
        return [future.result() for future in _start_reading(pool, files)]


def _start_reading(pool: ThreadPoolExecutor, files: list) -> list[Future]:
    """Start reading each file on the pool: calamine parses without holding the GIL, so two
    workbooks are parsed side by side, and a grid is parsed while the actor list loads."""
    pool.submit(values.warm_up)
    futures = []
    for item in files:
        path, name = item if isinstance(item, tuple) else (item, None)
        futures.append(pool.submit(read_workbook, path, name))
    return futures


def _actor_lists_first(books: Iterable[Workbook]) -> Iterator[Workbook]:
    """The books in their order, those with an actor list first, so that the grids of the same
    import link to them. A book is taken as soon as it is there: an actor list loads while the
    files after it are still being read."""
    later = []
    for book in books:
        if any(s.table == "actors" for s in book.sheets):
            yield book
        else:
            later.append(book)
    yield from later


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause Python's cycle collector: an import makes millions of short-lived cells and rows, no
    cycles, and each full collection would walk them all (about 15 % of a large import)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_workbooks(con: duckdb.DuckDBPyConnection, books: Iterable[Workbook], project: str,
                   dry_run: bool = False, saved_mappings: bool = False, consume: bool = False,
                   replacing: Iterable[int] = (), who: roles.Identity | str | None = None) -> ImportReport:
    """Load read workbooks into `project` in one transaction: all of them, or nothing.
    A dry run does the same work and rolls it back. `books` may be a generator that reads them;
    a RefusedFile it raises rolls everything back. With `saved_mappings`, the column mappings
    the user saved for a layout of headers are applied first; with `consume`, each book's cells
    are dropped once validated (the books cannot be loaded again). The imports `replacing` (earlier
    versions of the files, see `earlier_imports`) are undone first, in the same transaction. Only an analyst
    imports (roles.py): `who` is checked before anything is read."""
    report = ImportReport()
    replacing = list(dict.fromkeys(int(b) for b in replacing))
    if not dry_run:
        who = roles.require(who, "import")
    try:
        with _no_cyclic_gc(), store.transaction(con) as cur:
            pid = store.project_id(cur, project)
            for batch_id in sorted(replacing, reverse=True):  # the latest first: it may use an earlier one's actors
                _undoable(cur, batch_id, pid)
                _remove(cur, batch_id)
            seen: set[str] = set()
            for book in _actor_lists_first(books):
                if book.sha256 in seen or _already_loaded(cur, pid, book.sha256):
                    report.skipped_files.append(book.file)
                    continue
                seen.add(book.sha256)
                if saved_mappings:
                    for sheet in book.sheets:
                        mappings.apply_saved(cur, sheet)
                _load_book(cur, pid, book, report, consume)
            if dry_run:
                raise _DryRun
            if report.batch_ids or replacing:
                store.record_change(cur, pid, "import", {"batches": report.batch_ids, "loaded": report.loaded,
                                                         **({"replaced": replacing} if replacing else {})}, who)
    except _DryRun:
        pass  # everything was done, and rolled back
    report.params = {**report.loaded, "flags": len(report.flags), "skipped": len(report.skipped_files)}
    if not report.batch_ids and report.skipped_files:
        report.message_key = "import.already_loaded"
        report.params["files"] = ", ".join(report.skipped_files)
    return report


class _DryRun(Exception):
    """Raised at the end of a dry run, so that its transaction rolls back."""


def _load_book(cur: duckdb.DuckDBPyConnection, pid: int, book: Workbook, report: ImportReport,
               consume: bool = False) -> None:
    """Validate one workbook's sheets and insert what they give, as one batch."""
    ctx = _context(cur, pid, book)
    report.sheets += [{"file": book.file, "sheet": s.name, "table": s.table, "header_row": s.header_row,
                       "rows": len(s.rows)} for s in book.sheets]  # read before `consume` releases the rows
    report.sheets += [{"file": book.file, "sheet": m.name, "table": m.kind, "header_row": None,
                       "rows": len(m.rows)} for m in book.matrices]
    ctx.flags += [Flag(book.file, n.sheet, n.row, n.column, n.value, n.key, n.level, n.params) for n in book.notes]
    earlier = cur.execute("SELECT batch_id, strftime(imported_at, '%Y-%m-%d %H:%M') FROM batches "
                          "WHERE project_id = ? AND file_name = ? AND undone_at IS NULL ORDER BY batch_id DESC",
                          [pid, book.file]).fetchone()
    if earlier:  # a new version of a file: its rows would come in twice
        ctx.flags.append(Flag(book.file, "", None, None, book.file, "file_loaded_before", WARNING,
                              {"batch": earlier[0], "when": earlier[1]}))
    batch_id = store.insert_row(cur, "batches", {"project_id": pid, "file_name": book.file, "sha256": book.sha256},
                                "batch_id")
    writer = _Writer(cur, pid, batch_id)
    for table, records in ctx.records.items():
        records.sink = writer.sink(table)
    try:
        for table in LOAD_ORDER:
            for sheet in book.sheets:
                if sheet.table == table:
                    (validate.VALIDATORS.get(table) or validate_governance.VALIDATORS[table])(ctx, sheet)
        pending = []  # the matrix sheets' cells, written after the hidden sheet's (they stand over them)
        for matrix in book.matrices:
            pending.append((matrix.kind, matrices.load(ctx, matrix, matrices.carried(book.state, matrix.kind))))
        if consume:
            for sheet in book.sheets:
                sheet.release()  # freed while the writer drains its queue
    finally:
        writer.close()
    counts = {table: _insert(cur, table, records, pid, batch_id) for table, records in ctx.records.items()}
    _complete_actors(cur, pid, ctx.completions, batch_id)
    analysis = _restore_analysis(cur, pid, book, batch_id, ctx)
    for kind, cells in pending:
        counts[kind] += matrices.write(cur, pid, batch_id, kind, cells)
    read = len(book.sheets) + len(book.matrices)
    sheets = report.sheets[-read:] if read else []
    cur.execute("UPDATE batches SET counts = ?, flags = ?, report = ? WHERE batch_id = ?",
                [json.dumps({**counts, **analysis}), len(ctx.flags), stored_report_text(sheets, ctx.flags), batch_id])
    for table in REPORTED_TABLES:
        report.loaded[table] += counts[table]
    for table, n in analysis.items():
        report.analysis[table] = report.analysis.get(table, 0) + n
    report.created_actors += ctx.created_actors
    report.completed_actors += [f.value for f in ctx.flags if f.key == "actor_completed"]
    report.flags += ctx.flags
    report.batch_ids.append(batch_id)


def _complete_actors(cur: duckdb.DuckDBPyConnection, pid: int, completions: list[tuple[str, dict]],
                     batch_id: int) -> None:
    """Fill in actors first created from a mention with what an actor list says of them; what they
    were before is kept with the batch, for its undo."""
    columns = validate.ACTOR_ATTRIBUTES
    for actor_id, attributes in completions:
        before = cur.execute(f"SELECT {', '.join(columns)}, created_from FROM actors "
                             "WHERE project_id = ? AND actor_id = ?", [pid, actor_id]).fetchone()
        previous = dict(zip((*columns, "created_from"), before))
        cur.execute("INSERT INTO actor_completions (project_id, batch_id, actor_id, previous) VALUES (?, ?, ?, ?)",
                    [pid, batch_id, actor_id, json.dumps(previous, ensure_ascii=False)])
        sets = ", ".join(f"{c} = coalesce(?, {c})" for c in columns)
        cur.execute(f"UPDATE actors SET {sets}, created_from = 'list' WHERE project_id = ? AND actor_id = ?",
                    [attributes.get(c) for c in columns] + [pid, actor_id])


def _restore_analysis(cur: duckdb.DuckDBPyConnection, pid: int, book: Workbook, batch_id: int,
                      ctx: Context) -> dict[str, int]:
    """The analysis a project workbook carries (its `clusterlab` sheet), written into the project."""
    for row, column, value in book.state_errors:
        ctx.flags.append(Flag(book.file, state.STATE_SHEET, row, column, value, "state_row_invalid"))
    if not book.state:
        return {}
    written, kept = state.restore(cur, pid, book.state, batch_id)
    for table in kept:
        ctx.flags.append(Flag(book.file, state.STATE_SHEET, None, None, table, "state_kept", INFO))
    return written


def import_files(con: duckdb.DuckDBPyConnection, files: list, project: str = store.DEFAULT_PROJECT,
                 who: roles.Identity | str | None = None) -> ImportReport:
    """Read and load files; a file that cannot be used refuses the whole import, and the store is untouched.

    The files are read on a pool while the first ones load. Column mappings the user saved for a
    layout of headers are applied.
    """
    with _no_cyclic_gc(), ThreadPoolExecutor(READERS) as pool:
        futures = _start_reading(pool, files)
        try:
            return load_workbooks(con, (future.result() for future in futures), project, saved_mappings=True,
                                  consume=True, who=who)
        except RefusedFile as exc:
            for future in futures:
                future.cancel()
            return ImportReport(refused=True, message_key=exc.key, params=exc.params)


def preview(con: duckdb.DuckDBPyConnection, books: list[Workbook], project: str,
            replacing: Iterable[int] = ()) -> ImportReport:
    """What loading `books` would do (counts and flags), without writing anything."""
    return load_workbooks(con, books, project, dry_run=True, replacing=replacing)


def undo(con: duckdb.DuckDBPyConnection, batch_id: int, project: int | None = None,
         who: roles.Identity | str | None = None) -> dict[str, int]:
    """Remove exactly what one import added; refused while other data uses its actors, and, with
    `project`, when the import belongs to another project. Only an analyst undoes (roles.py); the change
    says who made the import."""
    who = roles.require(who, "undo")
    pid, file_name = _undoable(con.cursor(), batch_id, project)
    detail = {"batch": batch_id, "file": file_name, "imported_by": imported_by(con, batch_id)}
    with store.transaction(con, pid, "undo", detail, who) as tx:
        return _remove(tx, batch_id)


def _undoable(cur: duckdb.DuckDBPyConnection, batch_id: int, project: int | None = None) -> tuple[int, str]:
    """The project and file of an import that may be undone; else why not (NotFound, Conflict)."""
    row = cur.execute("SELECT project_id, file_name, undone_at FROM batches WHERE batch_id = ?", [batch_id]).fetchone()
    if row is None or row[2] is not None:
        raise NotFound("undo.no_batch", batch_id=batch_id)
    pid, file_name, _ = row
    if project is not None and project != pid:
        names = dict(cur.execute("SELECT project_id, name FROM projects WHERE project_id IN (?, ?)",
                                 [pid, project]).fetchall())
        raise NotFound("undo.other_project", batch_id=batch_id, owner=names.get(pid), project=names.get(project))
    users = cur.execute("""
        WITH mine AS (SELECT actor_id FROM actors WHERE project_id = $pid AND batch_id = $b)
        SELECT DISTINCT b.file_name FROM (
            SELECT batch_id FROM interviews WHERE project_id = $pid AND actor_id IN (SELECT actor_id FROM mine)
            UNION ALL SELECT batch_id FROM items WHERE project_id = $pid
                AND (actor_id IN (SELECT actor_id FROM mine) OR linked_actor_id IN (SELECT actor_id FROM mine))
            UNION ALL SELECT batch_id FROM relations WHERE project_id = $pid
                AND (source IN (SELECT actor_id FROM mine) OR target IN (SELECT actor_id FROM mine))
            UNION ALL SELECT batch_id FROM actor_completions WHERE project_id = $pid
                AND actor_id IN (SELECT actor_id FROM mine)
        ) u LEFT JOIN batches b USING (batch_id)
        WHERE u.batch_id IS DISTINCT FROM $b""", {"pid": pid, "b": batch_id}).fetchall()
    if users:
        raise Conflict("undo.in_use", file=file_name, others=", ".join(str(u[0] or "app") for u in users))
    return pid, file_name


def _remove(tx: duckdb.DuckDBPyConnection, batch_id: int) -> dict[str, int]:
    """Every row of one import taken away, within the caller's transaction; the rows removed per table."""
    removed = {}
    _uncomplete_actors(tx, batch_id)
    for table in store.DATA_TABLES:
        removed[table] = tx.execute(f"DELETE FROM {table} WHERE batch_id = ?", [batch_id]).fetchone()[0]
    tx.execute("UPDATE batches SET undone_at = current_timestamp WHERE batch_id = ?", [batch_id])
    return removed


def imported_by(con: duckdb.DuckDBPyConnection, batch_id: int) -> str | None:
    """Who made import `batch_id` (its line in `changes`), None when not recorded."""
    row = con.cursor().execute("""SELECT who FROM changes WHERE action = 'import'
                                  AND list_contains(CAST(json_extract(detail, '$.batches') AS INTEGER[]), ?)
                                  ORDER BY change_id DESC LIMIT 1""", [batch_id]).fetchone()
    return row[0] if row else None


def _uncomplete_actors(cur: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    """Put back the actors an actor list had filled in as they were before it."""
    completed = cur.execute("SELECT project_id, actor_id, previous FROM actor_completions WHERE batch_id = ?",
                            [batch_id]).fetchall()
    for pid, actor_id, previous in completed:
        before = {c: v for c, v in json.loads(previous).items() if c in (*validate.ACTOR_ATTRIBUTES, "created_from")}
        sets = ", ".join(f"{c} = ?" for c in before)
        cur.execute(f"UPDATE actors SET {sets} WHERE project_id = ? AND actor_id = ?",
                    [*before.values(), pid, actor_id])
    cur.execute("DELETE FROM actor_completions WHERE batch_id = ?", [batch_id])


# -- the located report kept with each import, read again from the history ----------------------

def stored_report_text(sheets: list[dict], flags: list[Flag]) -> str:
    """What `batches.report` holds: the sheets read and every flag, in no language (the history says
    them in the language of the day)."""
    return json.dumps({"sheets": sheets, "flags": [
        {"file": f.file, "sheet": f.sheet, "row": f.row, "column": f.column, "value": _plain(f.value), "key": f.key,
         "level": f.level, "params": f.params} for f in flags]}, ensure_ascii=False, default=str)


def _plain(value: object) -> object:
    return value if isinstance(value, (int, float, str, bool, type(None))) else str(value)


def stored_report(con: duckdb.DuckDBPyConnection, batch_id: int, project: int | None = None) -> ImportReport:
    """The located report of one import of the history, as it was shown after loading (its counts, the
    sheets read, every flag). An import made before reports were kept has no flag to give: `refused` is
    False and `message_key` says so."""
    row = con.cursor().execute("SELECT project_id, counts, report FROM batches WHERE batch_id = ?",
                               [batch_id]).fetchone()
    if row is None or (project is not None and row[0] != project):
        raise NotFound("undo.no_batch", batch_id=batch_id)
    _, counts, text = row
    report = ImportReport(batch_ids=[batch_id])
    loaded = json.loads(counts) if counts else {}
    report.loaded = {table: int(loaded.get(table, 0)) for table in REPORTED_TABLES}
    report.analysis = {t: int(n) for t, n in loaded.items() if t not in REPORTED_TABLES and n}
    if text is None:
        report.message_key = "import.report_not_kept"
        return report
    stored = json.loads(text)
    report.sheets = stored.get("sheets", [])
    report.flags = [Flag(f["file"], f["sheet"], f["row"], f["column"], f["value"], f["key"], f["level"],
                         f.get("params") or {}) for f in stored.get("flags", [])]
    report.params = {**report.loaded, "flags": len(report.flags), "skipped": 0}
    return report


def batch_rows(con: duckdb.DuckDBPyConnection, batch_id: int) -> dict[str, int]:
    """The rows one import holds now, per table (tables without any left out): what its undo removes."""
    cur = con.cursor()
    found = {table: cur.execute(f"SELECT count(*) FROM {table} WHERE batch_id = ?", [batch_id]).fetchone()[0]
             for table in reversed(store.DATA_TABLES)}  # in the order of their declaration: actors first
    return {table: n for table, n in found.items() if n}


def earlier_imports(con: duckdb.DuckDBPyConnection, books: list[Workbook], project: str) -> dict[int, str]:
    """The imports still in force in `project` of a file named as one of `books`: loading these books
    again brings their rows in a second time, unless the earlier import is replaced (`load_workbooks`'s
    `replacing`). By batch id, the file's name."""
    cur = con.cursor()
    row = cur.execute("SELECT project_id FROM projects WHERE name = ?", [project]).fetchone()
    if row is None or not books:
        return {}
    names = sorted({b.file for b in books})
    return dict(cur.execute(f"SELECT batch_id, file_name FROM batches WHERE project_id = ? AND undone_at IS NULL "
                            f"AND file_name IN ({', '.join('?' * len(names))}) ORDER BY batch_id",
                            [row[0], *names]).fetchall())
