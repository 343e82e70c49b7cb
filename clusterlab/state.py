"""The analysis a project holds beyond its data (theme coding, leader choices, cross-matrix
options, comparisons, the short list, perimeter scenarios, votes, items typed in
the room, the page settings), carried by the project workbook's `clusterlab` sheet so that the
workbook loads back to the same project.

The sheet has one row per stored row: the table's name and the row as a JSON object. It is
written hidden; people read the report sheets, this one is for the import.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime

import duckdb
import pandas as pd

from clusterlab import schema, settings, store

STATE_SHEET = "clusterlab"
HEADER = ("table", "record")


@dataclass(frozen=True)
class StateTable:
    """How the sheet carries one table: its columns are those `schema.py` marks STATE."""

    name: str
    serial: str | None = None  # an id the store numbers; renumbered on restore
    refers: dict[str, str] = field(default_factory=dict)  # column -> table whose serial it holds
    where: str = "project_id = $pid"

    @property
    def columns(self) -> tuple[str, ...]:  # as written: no project_id, no batch_id
        return schema.BY_NAME[self.name].having(schema.STATE)

    @property
    def has_project(self) -> bool:
        return "project_id" in schema.BY_NAME[self.name].column_names


_LATEST = ("project_id = $pid AND seq IN (SELECT max(seq) FROM {table} WHERE project_id = $pid "
           "GROUP BY {cell}, source)")
_OF_THE_PROJECTS_VOTES = "vote_id IN (SELECT vote_id FROM votes WHERE project_id = $pid)"
STATE_TABLES = (
    StateTable("themes", serial="theme_id"),
    StateTable("theme_wordings", refers={"theme_id": "themes"}),
    StateTable("cross_options", serial="option_id"),
    StateTable("leader_overrides"),
    StateTable("pairwise"),
    StateTable("shortlist"),
    StateTable("perimeters", serial="scenario_id"),
    StateTable("perimeter_validations", refers={"scenario_id": "perimeters"}),
    StateTable("votes", serial="vote_id"),
    StateTable("voters", refers={"vote_id": "votes"}, where=_OF_THE_PROJECTS_VOTES),
    StateTable("ballots", refers={"vote_id": "votes"}, where=_OF_THE_PROJECTS_VOTES),
    # SWOT items typed in the room: the contract's sheets carry interviews' items and problems only
    StateTable("items", where="project_id = $pid AND interview_id IS NULL AND field <> 'problems'"),
    # MACTOR's matrices: the cell of each source that stands (its latest row), with its evidence
    StateTable("influences", where=_LATEST.format(table="influences", cell="from_actor_id, to_actor_id")),
    StateTable("positions", where=_LATEST.format(table="positions", cell="actor_id, objective_id")),
    # the portfolio of joint projects and every verdict on them, in order (portfolio.py)
    StateTable("joint_projects"),
    StateTable("project_verdicts"),
)
TABLES_BY_NAME = {t.name: t for t in STATE_TABLES}
# A voter is a browser's cookie (ui/votes.py): the workbook carries a one-way hash of it, never the cookie itself
# (whoever holds the workbook could otherwise vote as that browser). The hash keeps one ballot per voter on the
# way back; a hash read back is carried as it is, so that exporting again gives the same workbook.
ONE_WAY = {"voters": ("participant",), "ballots": ("participant",)}
HASHED = "sha256:"
LEGACY_MILESTONES = "milestones"  # carried by workbooks written before milestones became meetings (migration 16)
# Restored with the import's batch, so that its undo takes them away again.
BATCHED_TABLES = tuple(t.name for t in STATE_TABLES if t.name != "items")


def _plain(value: object) -> object:
    if isinstance(value, (datetime, pd.Timestamp)):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def one_way(value: object) -> object:
    """A voter's cookie as the workbook carries it: its SHA-256 (a cookie holds no colon, a hash carried back
    stays as it is)."""
    if not isinstance(value, str) or value.startswith(HASHED):
        return value
    return HASHED + hashlib.sha256(value.encode()).hexdigest()


def frame(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """The project's analysis as the `clusterlab` sheet: one row per stored row."""
    cur = con.cursor()
    rows: list[tuple[str, str]] = []
    for table in STATE_TABLES:
        cols = ", ".join(f'"{c}"' for c in table.columns)
        result = cur.execute(f"SELECT {cols} FROM {table.name} WHERE {table.where} ORDER BY {cols}", {"pid": pid})
        for values in result.fetchall():
            record = {c: _plain(v) for c, v in zip(table.columns, values)}
            for column in ONE_WAY.get(table.name, ()):
                record[column] = one_way(record[column])
            rows.append((table.name, json.dumps(record, ensure_ascii=False, sort_keys=True)))
    for key, value in cur.execute("SELECT key, value FROM project_settings WHERE project_id = ? ORDER BY key",
                                  [pid]).fetchall():
        rows.append(("settings", json.dumps({"key": key, "value": json.loads(value)}, ensure_ascii=False)))
    return pd.DataFrame(rows, columns=list(HEADER))


@dataclass
class StateRow:
    row: int  # as Excel numbers it
    table: str
    record: dict


def parse_rows(rows: list[list[object]]) -> tuple[list[StateRow], list[tuple[int, str, object]]]:
    """The rows of a `clusterlab` sheet (header first) and the bad ones: (Excel row, column, value)."""
    good: list[StateRow] = []
    bad: list[tuple[int, str, object]] = []
    for index, cells in enumerate(rows[1:], start=2):
        table, text = (list(cells) + [None, None])[:2]
        if not table and not text:
            continue
        if table not in TABLES_BY_NAME and table not in ("settings", LEGACY_MILESTONES):
            bad.append((index, HEADER[0], table))
            continue
        try:
            record = json.loads(text) if isinstance(text, str) else None
        except ValueError:
            record = None
        if not isinstance(record, dict):
            bad.append((index, HEADER[1], text))
            continue
        good.append(StateRow(index, table, record))
    return good, bad


def _present(cur: duckdb.DuckDBPyConnection, table: StateTable, pid: int) -> bool:
    return cur.execute(f"SELECT count(*) FROM {table.name} WHERE {table.where}", {"pid": pid}).fetchone()[0] > 0


def restore(cur: duckdb.DuckDBPyConnection, pid: int, rows: list[StateRow], batch_id: int) -> tuple[dict, list]:
    """Write the analysis rows into project `pid`, within the caller's transaction.

    A table the project already holds analysis in keeps its own (and so do the tables that
    refer to it). Returns the rows written per table, and the tables kept."""
    by_table: dict[str, list[dict]] = {}
    for row in rows:
        by_table.setdefault(row.table, []).append(row.record)
    written: dict[str, int] = {}
    kept: list[str] = []
    renumbered: dict[str, dict[int, int]] = {}
    for table in STATE_TABLES:
        records = by_table.get(table.name)
        if not records:
            continue
        if any(p in kept or p not in renumbered for p in table.refers.values()) or _present(cur, table, pid):
            kept.append(table.name)
            continue
        written[table.name] = _insert(cur, table, records, pid, batch_id, renumbered)
    if by_table.get(LEGACY_MILESTONES):
        n = _milestones(cur, pid, by_table[LEGACY_MILESTONES], batch_id)
        (written.__setitem__("meetings", n) if n else kept.append("meetings"))
    carried = settings.carried([(r.get("key"), r.get("value")) for r in by_table.get("settings", [])])
    for key, value in carried.items():
        if cur.execute("SELECT count(*) FROM project_settings WHERE project_id = ? AND key = ?",
                       [pid, key]).fetchone()[0]:
            kept.append(f"settings:{key}")
            continue
        cur.execute("INSERT INTO project_settings (project_id, key, value) VALUES (?, ?, ?)",
                    [pid, key, json.dumps(value)])
        written["settings"] = written.get("settings", 0) + 1
    return written, kept


def _insert(cur: duckdb.DuckDBPyConnection, table: StateTable, records: list[dict], pid: int, batch_id: int,
            renumbered: dict[str, dict[int, int]]) -> int:
    columns = [c for c in table.columns if c != table.serial]
    names = (["project_id"] if table.has_project else []) + columns + ["batch_id"]
    quoted = ", ".join(f'"{n}"' for n in names)
    sql = f"INSERT INTO {table.name} ({quoted}) VALUES ({', '.join('?' for _ in names)})"
    if table.serial:
        renumbered[table.name] = {}
    written = 0
    for record in records:
        values = [renumbered[table.refers[c]].get(record.get(c)) if c in table.refers else record.get(c)
                  for c in columns]
        if any(values[columns.index(c)] is None for c in table.refers):
            continue  # it refers to a row the sheet does not hold
        row = ([pid] if table.has_project else []) + values + [batch_id]
        if table.serial:
            renumbered[table.name][record.get(table.serial)] = store.insert_row(cur, table.name, dict(zip(names, row)),
                                                                                table.serial)
        else:
            cur.execute(sql, row)
        written += 1
    return written


def _milestones(cur: duckdb.DuckDBPyConnection, pid: int, records: list[dict], batch_id: int) -> int:
    """The milestones of a workbook written before they became meetings, as meetings (their text of decisions
    a decision each), as migration 16 turned those of the store; none when the project holds meetings."""
    if cur.execute("SELECT count(*) FROM meetings WHERE project_id = ?", [pid]).fetchone()[0]:
        return 0
    ordered = sorted((r for r in records if r.get("kind") and r.get("title") and r.get("date")),
                     key=lambda r: (str(r["date"]), r.get("milestone_id") or 0))
    decided = 0
    for n, record in enumerate(ordered, start=1):
        meeting_id = f"MTG{n:04d}"
        cur.execute("INSERT INTO meetings (project_id, meeting_id, kind, title, date, batch_id) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [pid, meeting_id, record["kind"], record["title"], record["date"], batch_id])
        text = str(record.get("decisions") or "").strip()
        if text:
            decided += 1
            cur.execute("INSERT INTO decisions (project_id, decision_id, meeting_id, text, kind, status, batch_id) "
                        "VALUES (?, ?, ?, ?, 'note', 'open', ?)",
                        [pid, f"DEC{decided:04d}", meeting_id, text, batch_id])
    return len(ordered)
