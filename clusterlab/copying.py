"""Moving whole projects between stores: a DuckDB file and a PostgreSQL database, either way
(`python -m clusterlab copy --from SOURCE --to TARGET [--project NAME]`).

A project is every row of every table that has its `project_id`, and of the tables keyed by one of its
votes (`vote_id`: voters, ballots, the vote's link tokens): its data, its analysis, its settings, its
imports and its history of changes. The tables that belong to no project (store-wide settings, column
mappings, people who sign in) stay where they are. The numbers the store gives (projects, imports, themes,
votes…: the serial columns, `store.serials`) are kept when the target has none of them (the copy then
exports identically, and the target's serial moves past them); when some are taken there, the copied rows
take new ones, in the same order, and every column that names another table's number (`batch_id`,
`theme_id`, `vote_id`, `scenario_id`…) follows. The target's schema tells which tables and columns there
are, so a new table travels without a change here.

Everything is written in one transaction of the target: a failure leaves it as it was.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from clusterlab import postgres, roles, store
from clusterlab.errors import Conflict, NotFound, StoreError

SOURCE = "copy_source"  # the source's name, attached to the target's connection


@dataclass
class Copied:
    projects: list[str]
    rows: int


def copy(source: str | Path, target: str | Path, names: list[str] | None = None, replace: bool = False,
         who: roles.Identity | str | None = None) -> Copied:
    """Copy projects `names` (default: every project) of store `source` into store `target` (the analyst's:
    each copied project's history gains the line of its copy)."""
    roles.require(who, "project.copy")  # before either store is opened: nothing read, nothing made
    if str(source) == str(target):
        raise Conflict("copy.same_store")
    src = store.connect(source)  # brought to this version's schema, then read through the target's connection
    try:
        present = store.projects(src)
    finally:
        src.close()
    names = names or present
    missing = [n for n in names if n not in present]
    if missing:
        raise NotFound("store.no_project", name=missing[0], projects=", ".join(present) or "—")
    new_file = not postgres.is_url(str(target)) and not Path(target).exists()
    con = store.connect(target)
    try:
        _attach(con, source)
        with store.transaction(con) as cur:
            there = [n for n in names if n in store.projects(cur)]
            if there and not replace:
                raise Conflict("copy.exists", names=", ".join(there), target=store.shown(target))
            rows = 0
            for name in names:
                if name in there:
                    _delete(cur, store.project_id(cur, name, create=False))
                rows += _copy_project(cur, name)
                store.record_change(cur, store.project_id(cur, name, create=False), "project.copy",
                                    {"from": store.shown(source)}, who)
    except BaseException:
        con.close()
        if new_file:  # a file the copy made: as it was is not there
            for made in (Path(target), Path(f"{target}.wal")):
                made.unlink(missing_ok=True)
        raise
    con.close()
    return Copied(names, rows)


def _attach(con: duckdb.DuckDBPyConnection, source: str | Path) -> None:
    if postgres.is_url(str(source)):
        if not postgres.is_postgres(con):  # a DuckDB file's connection: it loads the extension itself
            con.execute(f"LOAD '{postgres.extension_path()}'")
        con.execute(f"ATTACH {postgres.literal(postgres.with_password(str(source)))} AS {SOURCE} "
                    "(TYPE postgres, READ_ONLY)")
        return
    try:
        con.execute(f"ATTACH {postgres.literal(str(source))} AS {SOURCE} (READ_ONLY)")
    except duckdb.Error as exc:
        if "lock" in str(exc).lower():
            raise StoreError("store.locked", path=str(source)) from exc
        raise StoreError("store.unreadable", path=str(source), reason=str(exc).splitlines()[0]) from exc


def _tables(cur: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """The target's tables and their columns, in order (schema_version aside)."""
    rows = cur.execute("SELECT table_name, column_name FROM information_schema.columns WHERE table_catalog = "
                       "current_database() AND table_schema = current_schema() ORDER BY table_name, ordinal_position"
                       ).fetchall()
    tables: dict[str, list[str]] = {}
    for table, column in rows:
        tables.setdefault(table, []).append(column)
    tables.pop("schema_version", None)
    return tables


def _whose(columns: list[str], table: str, db: str) -> str | None:
    """How a table's rows (`s`) belong to project `$1` of database `db`: by its project_id, by one of its
    votes, or not at all (None: a store-wide table)."""
    of_its_votes = f"s.vote_id IN (SELECT vote_id FROM {db}.votes WHERE project_id = $1)"
    if "vote_id" in columns and table != "votes":  # a vote's link carries no project_id, a meeting's does
        return f"(s.project_id = $1 OR {of_its_votes})" if "project_id" in columns else of_its_votes
    if "project_id" in columns:
        return "s.project_id = $1"
    return None


def _here(cur: duckdb.DuckDBPyConnection) -> str:
    return ".".join(cur.execute("SELECT current_database(), current_schema()").fetchone())


def _delete(cur: duckdb.DuckDBPyConnection, pid: int) -> None:
    """Take project `pid` out of the target (`--replace`), within the copy's transaction."""
    here = _here(cur)
    for table, columns in sorted(_tables(cur).items(), key=lambda t: t[0] == "votes"):  # votes last: others use them
        where = _whose(columns, table, here)
        if where:
            cur.execute(f"DELETE FROM {table} s WHERE {where}", [pid])


def _copy_project(cur: duckdb.DuckDBPyConnection, name: str) -> int:
    """Project `name` of the source into the target, renumbered; the rows written."""
    db = f"{SOURCE}.main"
    pid = cur.execute(f"SELECT project_id FROM {db}.projects WHERE name = ?", [name]).fetchone()[0]
    tables, serials = _tables(cur), store.serials(cur)
    for table, (column, _) in serials.items():  # new numbers for the project's serial rows, in the same order
        old = [r[0] for r in cur.execute(f"SELECT s.{column} FROM {db}.{table} s WHERE "
                                         f"{_whose(tables[table], table, db)} ORDER BY 1", [pid]).fetchall()]
        taken = cur.execute(f"SELECT count(*) FROM {table} WHERE {column} IN (SELECT s.{column} FROM {db}.{table} s "
                            f"WHERE {_whose(tables[table], table, db)})", [pid]).fetchone()[0]
        if old and not taken:  # the numbers are free here: kept (the copy exports identically), the serial moved on
            new = old
            store.advance(cur, table, max(old))
        else:
            new = store.fresh_ids(cur, table, len(old))
        cur.execute(f"CREATE OR REPLACE TEMP TABLE copy_{table} (old BIGINT, new BIGINT)")
        if old:
            cur.executemany(f"INSERT INTO temp.main.copy_{table} VALUES (?, ?)", list(zip(old, new)))
    by_column: dict[str, list[str]] = {}
    for table, (column, _) in serials.items():
        by_column.setdefault(column, []).append(table)
    owner = {column: owners[0] for column, owners in by_column.items() if len(owners) == 1}  # batch_id → batches
    rows = 0
    for table, columns in tables.items():
        where = _whose(columns, table, db)
        if where is None:
            continue
        own = serials.get(table, ("",))[0]
        selected, joins = [], []
        for i, column in enumerate(columns):
            mapped = table if column == own else owner.get(column)
            if mapped:
                joins.append(f'LEFT JOIN temp.main.copy_{mapped} m{i} ON m{i}.old = s."{column}"')
                selected.append(f"m{i}.new")
            else:
                selected.append(f's."{column}"')
        quoted = ", ".join(f'"{c}"' for c in columns)
        rows += cur.execute(f"INSERT INTO {table} ({quoted}) SELECT {', '.join(selected)} FROM {db}.{table} s "
                            f"{' '.join(joins)} WHERE {where}", [pid]).fetchone()[0]
    return rows
