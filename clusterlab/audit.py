"""Who did what: every write recorded in `changes` (store.record_change), with its project's name, for the
audit page, its CSV and the project workbook. Codes and tokens are never in it (users.py records names,
roles and labels only)."""
from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime

import duckdb
import pandas as pd

COLUMNS = ("change_id", "changed_at", "project", "who", "role", "action", "detail")
SHORT = 60  # the characters of a text kept in "what changed": enough to recognise it, not a copy of it
LIST = 10  # the items of a list kept
CHANGED = "changed"  # the detail's key of the fields changed: {field: [before, after]}


def short(value: object) -> object:
    """A value as "what changed" keeps it: a text cut at SHORT characters (…), a date as ISO, an empty one None."""
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()[:10] if isinstance(value, date) and not isinstance(value, datetime) else str(value)
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, str) and len(value) > SHORT:
        return value[:SHORT - 1] + "…"
    if isinstance(value, list | tuple):
        return [short(v) for v in value[:LIST]] + (["…"] if len(value) > LIST else [])
    return value


def differences(before: dict, after: dict, same: Callable[[object, object], bool] | None = None
                ) -> dict[str, list]:
    """The fields of `after` whose value differs from `before`'s, each as [before, after] (short values)."""
    same = same or (lambda a, b: short(a) == short(b))
    return {k: [short(before.get(k)), short(v)] for k, v in after.items() if not same(before.get(k), v)}


def readable(detail: str) -> str:
    """A change's detail as the audit page shows it: each field changed as `field: before → after`, then the rest."""
    try:
        said = json.loads(detail)
    except (TypeError, ValueError):
        return detail
    if not isinstance(said, dict) or not isinstance(said.get(CHANGED), dict):
        return detail
    changed = [f"{k}: {_said(b)} → {_said(a)}" for k, (b, a) in said[CHANGED].items()]
    rest = [f"{k}: {_said(v)}" for k, v in said.items() if k != CHANGED]
    return "; ".join(rest + changed)


def _said(value: object) -> str:
    return "—" if value is None or value == "" else value if isinstance(value, str) else json.dumps(
        value, ensure_ascii=False)


def changes(con: duckdb.DuckDBPyConnection, pid: int | None = None) -> pd.DataFrame:
    """Every change, newest first (those of project `pid` only, when given; store-wide ones have no project)."""
    sql = """SELECT c.change_id, c.changed_at, p.name AS project, c.who, c.role, c.action, c.detail
             FROM changes c LEFT JOIN projects p USING (project_id)"""
    args: list = []
    if pid is not None:
        sql += " WHERE c.project_id = ?"
        args.append(pid)
    return con.cursor().execute(sql + " ORDER BY c.change_id DESC", args).df()


def filtered(df: pd.DataFrame, who: list[str] | None = None, actions: list[str] | None = None,
             project: str | None = None, since: date | None = None, until: date | None = None) -> pd.DataFrame:
    """The changes made by `who`, of `actions`, in `project`, between `since` and `until` (both days included);
    an empty or missing filter keeps everything."""
    keep = pd.Series(True, index=df.index)
    if who:
        keep &= df["who"].isin(who)
    if actions:
        keep &= df["action"].isin(actions)
    if project:
        keep &= df["project"] == project
    day = pd.to_datetime(df["changed_at"]).dt.date
    if since:
        keep &= day >= since
    if until:
        keep &= day <= until
    return df[keep].reset_index(drop=True)
