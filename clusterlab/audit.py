"""Who did what: every write recorded in `changes` (store.record_change), with its project's name, for the
audit page, its CSV and the project workbook. Codes and tokens are never in it (users.py records names,
roles and labels only)."""
from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

COLUMNS = ("change_id", "changed_at", "project", "who", "role", "action", "detail")


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
