"""The action plan (issue 8, library): actions checked before they are stored, edits that never
silently overwrite another person's, budget totals and follow-up (its calendar's meetings: meetings.py)."""
from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from clusterlab import audit, store
from clusterlab.contract import FUNDING_WORDS, PHASES, STATUS_WORDS
from clusterlab.errors import ClusterlabError, Conflict
from clusterlab.i18n import t
from clusterlab.text import name_key

FIELDS = ("title", "description", "problem", "phase", "owner", "partners", "start", "end", "budget",
          "funding_source", "funding_status", "status", "progress", "indicator", "indicator_target",
          "indicator_value", "project")
COLUMNS = ", ".join(f'"{k}"' for k in FIELDS)  # quoted: "end" is an SQL word


class InvalidAction(ClusterlabError):
    """An action refused before it is stored; `problems` lists every reason (message keys)."""

    title_key = "error.refused_title"

    def __init__(self, problems: list[str]) -> None:
        super().__init__("plan.invalid")
        self.problems = problems

    def message(self, lang: str = "en") -> str:
        return t("plan.invalid", lang, reasons=", ".join(t(p, lang) for p in self.problems))


def status_key(text: object) -> str | None:
    return STATUS_WORDS.get(name_key(text)) if text is not None else None


def check(values: dict, actor_names: set[str]) -> list[str]:
    """Every reason an action cannot be stored: no title, end before start, a negative budget, a
    progress outside 0–100, an owner who is not an actor of the project, an unknown phase."""
    problems = []
    if not str(values.get("title") or "").strip():
        problems.append("plan.no_title")
    start, end = values.get("start"), values.get("end")
    if start and end and end < start:
        problems.append("plan.end_before_start")
    if values.get("budget") is not None and values["budget"] < 0:
        problems.append("plan.negative_budget")
    if values.get("progress") is not None and not 0 <= values["progress"] <= 100:
        problems.append("plan.progress_range")
    owner = values.get("owner")
    if owner and name_key(owner) not in {name_key(n) for n in actor_names}:
        problems.append("plan.unknown_owner")
    if values.get("phase") not in (None, *PHASES):
        problems.append("plan.phase_invalid")
    return problems


def _actor_names(con: duckdb.DuckDBPyConnection, pid: int) -> set[str]:
    return {r[0] for r in con.cursor().execute("SELECT name FROM actors WHERE project_id = ?", [pid]).fetchall()}


def add(con: duckdb.DuckDBPyConnection, pid: int, values: dict, who: str | None = None) -> str:
    """Store a new action (checked first); returns its id."""
    problems = check(values, _actor_names(con, pid))
    if problems:
        raise InvalidAction(problems)
    with store.transaction(con, pid, "action.add", {"title": values.get("title")}, who) as cur:
        taken = {r[0] for r in cur.execute("SELECT action_id FROM actions WHERE project_id = ?", [pid]).fetchall()}
        n = len(taken) + 1
        while f"ACT{n:04d}" in taken:
            n += 1
        action_id = f"ACT{n:04d}"
        given = {k: values.get(k) for k in FIELDS}
        cur.execute(f'INSERT INTO actions (project_id, action_id, {COLUMNS}) '
                    f'VALUES (?, ?, {", ".join("?" * len(FIELDS))})', [pid, action_id, *given.values()])
    return action_id


def update(con: duckdb.DuckDBPyConnection, pid: int, action_id: str, values: dict, version: int,
           who: str | None = None) -> int:
    """Change an action read at `version`. When someone changed it since, nothing is written and
    Conflict says which fields differ, with both values. Returns the new version."""
    problems = check(values, _actor_names(con, pid))
    if problems:
        raise InvalidAction(problems)
    return store.again_when_busy(lambda: _update(con, pid, action_id, values, int(version), who))


def _update(con: duckdb.DuckDBPyConnection, pid: int, action_id: str, values: dict, version: int,
            who: str | None) -> int:
    detail: dict = {"action_id": action_id}  # and, once read, what changed: {field: [before, after]}
    with store.transaction(con, pid, "action.update", detail, who) as cur:
        stored = cur.execute(f"SELECT version, {COLUMNS} FROM actions WHERE project_id = ? AND action_id = ?",
                             [pid, action_id]).fetchone()
        if stored is None:
            raise Conflict("plan.gone", action_id=action_id)
        theirs = dict(zip(FIELDS, stored[1:], strict=True))
        if stored[0] != version:
            changed = [f"{k}: {theirs[k]!r} / {values.get(k)!r}" for k in FIELDS if not _same(theirs[k], values.get(k))]
            raise Conflict("plan.changed", action_id=action_id, changes="; ".join(changed))
        detail[audit.CHANGED] = audit.differences(theirs, {k: values.get(k) for k in FIELDS}, _same)
        assignments = ", ".join(f'"{k}" = ?' for k in FIELDS)
        cur.execute(f"UPDATE actions SET {assignments}, version = version + 1 WHERE project_id = ? AND action_id = ?",
                    [*(values.get(k) for k in FIELDS), pid, action_id])
    return version + 1


def _same(a: object, b: object) -> bool:
    """Equal, counting every kind of empty (None, NaN, NaT) as one."""
    if pd.isna(a) and pd.isna(b):
        return True
    if isinstance(a, date) or isinstance(b, date):
        return pd.Timestamp(a) == pd.Timestamp(b) if not (pd.isna(a) or pd.isna(b)) else False
    return a == b


def delete(con: duckdb.DuckDBPyConnection, pid: int, action_id: str, version: int, who: str | None = None) -> None:
    """Delete an action read at `version`; refused when someone changed it since."""
    def work() -> None:
        with store.transaction(con, pid, "action.delete", {"action_id": action_id}, who) as cur:
            deleted = cur.execute("DELETE FROM actions WHERE project_id = ? AND action_id = ? AND version = ?",
                                  [pid, action_id, int(version)]).fetchone()[0]
            if not deleted:
                raise Conflict("plan.changed", action_id=action_id, changes="—")
    store.again_when_busy(work)


def actions(con: duckdb.DuckDBPyConnection, pid: int, today: date | None = None) -> pd.DataFrame:
    """Every action with its canonical status and funding status, and whether it is late (past its
    end and neither done nor cancelled)."""
    today = today or date.today()
    df = con.cursor().execute(f"SELECT action_id, version, {COLUMNS} FROM actions WHERE project_id = ? "
                              "ORDER BY start NULLS LAST, action_id", [pid]).df()
    df["status_key"] = df["status"].map(status_key).fillna("planned")
    df["funding_key"] = df["funding_status"].map(lambda t: FUNDING_WORDS.get(name_key(t)) if t else None)
    ends = pd.to_datetime(df["end"])
    df["late"] = ends.notna() & (ends < pd.Timestamp(today)) & ~df["status_key"].isin(["done", "cancelled"])
    return df


def budget(df: pd.DataFrame, by: str) -> pd.DataFrame:
    """Budget by `phase`, `funding_source`, `funding_key`, `problem` or `project`: planned (all actions) and
    obtained (funding obtained), with the number of actions."""
    data = df.assign(obtained=df["budget"].where(df["funding_key"] == "obtained", 0.0).fillna(0.0),
                     planned=df["budget"].fillna(0.0))
    out = data.groupby(data[by].fillna("—"), sort=True).agg(actions=("action_id", "size"), planned=("planned", "sum"),
                                                           obtained=("obtained", "sum")).reset_index()
    return out.rename(columns={by: by})


def progress(df: pd.DataFrame, weight: str = "budget") -> float:
    """The plan's progress in %, weighted by budget (or each action counting once); cancelled actions left out."""
    live = df[df["status_key"] != "cancelled"]
    done = live["progress"].fillna(live["status_key"].map({"done": 100.0}).fillna(0.0))
    weights = live["budget"].fillna(0.0) if weight == "budget" else pd.Series(1.0, index=live.index)
    return round(float((done * weights).sum() / weights.sum()), 1) if weights.sum() else 0.0


def unanswered(shortlisted: list[str], df: pd.DataFrame) -> list[str]:
    """Short-listed problems that no action answers (matched whatever the case, accents or spacing)."""
    answered = {name_key(p) for p in df["problem"].dropna()}
    return [p for p in shortlisted if name_key(p) not in answered]


def filtered(df: pd.DataFrame, phases: list[str] | None = None, owners: list[str] | None = None,
             statuses: list[str] | None = None, problems: list[str] | None = None,
             projects: list[str] | None = None) -> pd.DataFrame:
    """The actions of the chosen phases, owners, statuses (canonical), problems and joint projects; empty means all."""
    keep = pd.Series(True, index=df.index)
    for column, chosen in (("phase", phases), ("owner", owners), ("status_key", statuses), ("problem", problems),
                           ("project", projects)):
        if chosen:
            keep &= df[column].isin(chosen)
    return df[keep]


def follow_up(df: pd.DataFrame) -> pd.DataFrame:
    """Late actions first, then blocked ones, then the rest by end date."""
    order = df.assign(_late=~df["late"], _blocked=df["status_key"] != "blocked")
    return order.sort_values(["_late", "_blocked", "end"], na_position="last").drop(columns=["_late", "_blocked"])
