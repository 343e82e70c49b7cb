"""Decisions taken at meetings and their follow-up (issue 16): each with its owner, due date and status. A
decision can create or name an action of the plan, validate the perimeter (recorded in the perimeter's history,
linked to the meeting), the short list, an objective set or a portfolio; the overview reads these validations."""
from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from clusterlab import plan, store
from clusterlab.bodies import next_id
from clusterlab.errors import InvalidInput, NotFound
from clusterlab.meetings import _exists
from clusterlab.text import name_key

KINDS = ("note", "action", "perimeter", "shortlist", "objectives", "portfolio")
VALIDATIONS = ("perimeter", "shortlist", "objectives", "portfolio")  # a decision of these kinds validates
STATUSES = ("open", "done", "dropped")
KIND_WORDS = {"note": "note", "constat": "note", "action": "action", "perimeter": "perimeter",
              "perimetre": "perimeter", "shortlist": "shortlist", "liste retenue": "shortlist",
              "short list": "shortlist", "objectives": "objectives", "objectifs": "objectives",
              "portfolio": "portfolio", "portefeuille": "portfolio"}
STATUS_WORDS = {"open": "open", "ouverte": "open", "ouvert": "open", "en cours": "open", "a faire": "open",
                "done": "done", "fait": "done", "faite": "done", "realisee": "done", "realise": "done",
                "terminee": "done", "dropped": "dropped", "abandonnee": "dropped", "abandonne": "dropped",
                "annulee": "dropped"}


def record(con: duckdb.DuckDBPyConnection, pid: int, meeting_id: str, text: str, kind: str = "note",
           target: str | None = None, owner: str = "", due: date | None = None, who: object = None) -> str:
    """Record a decision of a meeting; returns its id. An `action` decision updates an action of the plan (`target`:
    its end becomes the due date, its owner the decision's when that is an actor) or, with none, creates it (the
    decision's text its title, its owner and due date the action's); a `perimeter`
    decision validates the scenario `target`. Refused whole: an unknown kind, no text, a meeting, an action or a
    scenario the project does not hold."""
    if kind not in KINDS:
        raise InvalidInput("decisions.unknown_kind", kind=kind, kinds=", ".join(KINDS))
    if not (text or "").strip():
        raise InvalidInput("decisions.no_text")
    text, owner, target = text.strip(), (owner or "").strip() or None, (str(target).strip() if target else None)
    with store.transaction(con, pid, "decision.record", {"meeting_id": meeting_id, "kind": kind}, who) as cur:
        _exists(cur, pid, meeting_id)
        title = cur.execute("SELECT title FROM meetings WHERE project_id = ? AND meeting_id = ?",
                            [pid, meeting_id]).fetchone()[0]
        if kind == "action":
            target = _action(cur, pid, target, text, owner, due)
        elif kind == "perimeter":
            _validate_perimeter(cur, pid, target, f"{text} ({meeting_id} — {title})", owner)
        decision_id = next_id(cur, "decisions", "decision_id", pid, "DEC")
        cur.execute("INSERT INTO decisions (project_id, decision_id, meeting_id, text, kind, target, owner, due, "
                    "status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open')",
                    [pid, decision_id, meeting_id, text, kind, target, owner, due])
    return decision_id


def _action(cur: duckdb.DuckDBPyConnection, pid: int, target: str | None, text: str, owner: str | None,
            due: date | None) -> str:
    names = {r[0] for r in cur.execute("SELECT name FROM actors WHERE project_id = ?", [pid]).fetchall()}
    if target:
        row = cur.execute('SELECT start FROM actions WHERE project_id = ? AND action_id = ?', [pid, target]).fetchone()
        if row is None:
            raise NotFound("decisions.no_action", action_id=target)
        if due and row[0] and due < row[0]:
            raise plan.InvalidAction(["plan.end_before_start"])
        actor = owner if owner and name_key(owner) in {name_key(n) for n in names} else None
        if due or actor:
            cur.execute('UPDATE actions SET "end" = coalesce(?, "end"), owner = coalesce(?, owner), '
                        "version = version + 1 WHERE project_id = ? AND action_id = ?", [due, actor, pid, target])
        return target
    values = {"title": text, "owner": owner, "end": due, "status": "planned"}
    problems = plan.check(values, names)
    if problems:
        raise plan.InvalidAction(problems)
    action_id = next_id(cur, "actions", "action_id", pid, "ACT")
    cur.execute('INSERT INTO actions (project_id, action_id, title, owner, "end", status) VALUES (?, ?, ?, ?, ?, ?)',
                [pid, action_id, text, owner, due, "planned"])
    return action_id


def _validate_perimeter(cur: duckdb.DuckDBPyConnection, pid: int, target: str | None, note: str,
                        owner: str | None) -> None:
    scenario = int(target) if target and target.isdigit() else None
    if scenario is None or not cur.execute("SELECT count(*) FROM perimeters WHERE project_id = ? AND scenario_id = ?",
                                           [pid, scenario]).fetchone()[0]:
        raise NotFound("decisions.no_scenario", scenario=target or "—")
    cur.execute("INSERT INTO perimeter_validations (project_id, scenario_id, event, who, note) "
                "VALUES (?, ?, 'validated', ?, ?)", [pid, scenario, owner, note])


def set_status(con: duckdb.DuckDBPyConnection, pid: int, decision_id: str, status: str, who: object = None) -> None:
    if status not in STATUSES:
        raise InvalidInput("decisions.unknown_status", status=status, statuses=", ".join(STATUSES))
    with store.transaction(con, pid, "decision.status", {"decision_id": decision_id, "status": status}, who) as cur:
        if not cur.execute("UPDATE decisions SET status = ? WHERE project_id = ? AND decision_id = ?",
                           [status, pid, decision_id]).fetchone()[0]:
            raise NotFound("decisions.not_found", decision_id=decision_id)


def decisions(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """Every decision with its meeting (date, kind, title)."""
    return con.cursor().execute("""
        SELECT d.decision_id, d.meeting_id, g.date, g.kind AS meeting_kind, g.title AS meeting, d.text, d.kind,
               d.target, d.owner, d.due, d.status
        FROM decisions d JOIN meetings g ON g.project_id = d.project_id AND g.meeting_id = d.meeting_id
        WHERE d.project_id = ? ORDER BY g.date, d.decision_id""", [pid]).df()


def follow_up(df: pd.DataFrame, today: date) -> pd.DataFrame:
    """Every decision with `late` (open past its due date): late ones first (the oldest due first), then the open
    ones by due date, then the rest."""
    due = pd.to_datetime(df["due"])
    out = df.assign(late=(df["status"] == "open") & due.notna() & (due < pd.Timestamp(today)))
    order = out.assign(_late=~out["late"], _open=out["status"] != "open", _due=due)
    return order.sort_values(["_late", "_open", "_due", "decision_id"], na_position="last",
                             ignore_index=True).drop(columns=["_late", "_open", "_due"])


def validations(df: pd.DataFrame) -> pd.DataFrame:
    """The validations recorded at meetings: the last of each kind (perimeter, short list, objectives, portfolio),
    with its meeting and date."""
    kept = df[df["kind"].isin(VALIDATIONS) & (df["status"] != "dropped")]
    return kept.sort_values(["date", "decision_id"]).drop_duplicates("kind", keep="last").reset_index(drop=True)
