"""Meetings (issue 16): each with its kind (a participatory workshop AP, a steering committee CP, the national
seminar SN, the technical cell TC, other), date, place, agenda, the body it belongs to, minutes, and who attended
(actors present, excused or absent; people with their organisation). The plan's milestones became meetings."""
from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from clusterlab import audit, roles, store
from clusterlab.bodies import next_id
from clusterlab.errors import InvalidInput, NotFound

KINDS = ("AP", "CP", "SN", "TC", "OTHER")
STATUSES = ("present", "excused", "absent")
SOURCES = ("typed", "checkin", "sheet")
KIND_WORDS = {"ap": "AP", "atelier": "AP", "atelier participatif": "AP", "workshop": "AP",
              "participatory workshop": "AP", "cp": "CP", "comite de pilotage": "CP", "steering committee": "CP",
              "sn": "SN", "seminaire": "SN", "seminaire national": "SN", "national seminar": "SN", "tc": "TC",
              "cellule technique": "TC", "technical cell": "TC", "other": "OTHER", "autre": "OTHER"}
STATUS_WORDS = {"present": "present", "presente": "present", "p": "present", "x": "present", "oui": "present",
                "yes": "present", "signe": "present", "signed": "present", "excuse": "excused", "excusee": "excused",
                "excused": "excused", "e": "excused", "absent": "absent", "absente": "absent", "a": "absent",
                "non": "absent", "no": "absent"}
FIELDS = ("kind", "title", "date", "place", "agenda", "body_id", "minutes")


def check(cur: duckdb.DuckDBPyConnection, pid: int, kind: str, title: str, when: date | None,
          body_id: str | None) -> None:
    """Refuse an unknown kind, no title, no date, a body the project does not hold, a date before the body exists."""
    if kind not in KINDS:
        raise InvalidInput("meetings.unknown_kind", kind=kind, kinds=", ".join(KINDS))
    if not (title or "").strip():
        raise InvalidInput("meetings.no_title")
    if when is None:
        raise InvalidInput("meetings.no_date")
    if body_id:
        row = cur.execute("SELECT start, name FROM bodies WHERE project_id = ? AND body_id = ?",
                          [pid, body_id]).fetchone()
        if row is None:
            raise NotFound("bodies.not_found", body_id=body_id)
        if row[0] is not None and when < row[0]:
            raise InvalidInput("meetings.before_body", body=row[1], start=row[0].isoformat())


def add(con: duckdb.DuckDBPyConnection, pid: int, kind: str, title: str, when: date | None, place: str = "",
        agenda: str = "", body_id: str | None = None, who: object = None) -> str:
    """A new meeting; returns its id (`MTG0001`)."""
    with store.transaction(con, pid, "meeting.add", {"kind": kind, "title": (title or "").strip()}, who) as cur:
        check(cur, pid, kind, title, when, body_id)
        meeting_id = next_id(cur, "meetings", "meeting_id", pid, "MTG")
        cur.execute("INSERT INTO meetings (project_id, meeting_id, kind, title, date, place, agenda, body_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [pid, meeting_id, kind, title.strip(), when, (place or "").strip() or None,
                     (agenda or "").strip() or None, body_id or None])
    return meeting_id


def set_minutes(con: duckdb.DuckDBPyConnection, pid: int, meeting_id: str, minutes: str, who: object = None) -> None:
    detail: dict = {"meeting_id": meeting_id}
    with store.transaction(con, pid, "meeting.minutes", detail, who) as cur:
        before = cur.execute("SELECT minutes FROM meetings WHERE project_id = ? AND meeting_id = ?",
                             [pid, meeting_id]).fetchone()
        detail[audit.CHANGED] = audit.differences({"minutes": before[0] if before else None},
                                                  {"minutes": (minutes or "").strip() or None})
        if not cur.execute("UPDATE meetings SET minutes = ? WHERE project_id = ? AND meeting_id = ?",
                           [(minutes or "").strip() or None, pid, meeting_id]).fetchone()[0]:
            raise NotFound("meetings.not_found", meeting_id=meeting_id)


def delete(con: duckdb.DuckDBPyConnection, pid: int, meeting_id: str, who: object = None) -> None:
    """Delete a meeting with its attendance, check-ins and decisions (the analyst's)."""
    with store.transaction(con, pid, "meeting.delete", {"meeting_id": meeting_id}, who) as cur:
        if not cur.execute("DELETE FROM meetings WHERE project_id = ? AND meeting_id = ?",
                           [pid, meeting_id]).fetchone()[0]:
            raise NotFound("meetings.not_found", meeting_id=meeting_id)
        for table in ("attendance", "checkins", "decisions"):
            cur.execute(f"DELETE FROM {table} WHERE project_id = ? AND meeting_id = ?", [pid, meeting_id])


def meeting(con: duckdb.DuckDBPyConnection, pid: int, meeting_id: str, who: object = None) -> dict:
    """Meeting `meeting_id` of project `pid`; Forbidden when the person acting may not read that project, or it is
    not a participant's own meeting (roles.require_read)."""
    roles.require_read(who, pid, {"meeting_id": meeting_id})
    row = con.cursor().execute(f"SELECT meeting_id, {', '.join(FIELDS)}, checkin_open FROM meetings "
                               "WHERE project_id = ? AND meeting_id = ?", [pid, meeting_id]).fetchone()
    if row is None:
        raise NotFound("meetings.not_found", meeting_id=meeting_id)
    return dict(zip(("meeting_id", *FIELDS, "checkin_open"), row, strict=True))


def meetings(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """Every meeting by date, with its body's name and its counts: present, excused, absent, decisions."""
    return con.cursor().execute("""
        SELECT g.meeting_id, g.date, g.kind, g.title, g.place, g.body_id, b.name AS body, g.agenda, g.minutes,
               g.checkin_open,
               (SELECT count(*) FROM attendance t WHERE t.project_id = g.project_id AND t.meeting_id = g.meeting_id
                AND t.status = 'present') AS present,
               (SELECT count(*) FROM attendance t WHERE t.project_id = g.project_id AND t.meeting_id = g.meeting_id
                AND t.status = 'excused') AS excused,
               (SELECT count(*) FROM attendance t WHERE t.project_id = g.project_id AND t.meeting_id = g.meeting_id
                AND t.status = 'absent') AS absent,
               (SELECT count(*) FROM decisions d WHERE d.project_id = g.project_id AND d.meeting_id = g.meeting_id)
                   AS decisions
        FROM meetings g LEFT JOIN bodies b ON b.project_id = g.project_id AND b.body_id = g.body_id
        WHERE g.project_id = ? ORDER BY g.date, g.meeting_id""", [pid]).df()


def record_attendance(con: duckdb.DuckDBPyConnection, pid: int, meeting_id: str, actor_id: str | None,
                      status: str = "present", person: str = "", organisation: str = "",
                      who: object = None) -> None:
    """Record an actor (or an organisation not yet an actor) at a meeting: present, excused or absent."""
    if status not in STATUSES:
        raise InvalidInput("meetings.unknown_status", status=status, statuses=", ".join(STATUSES))
    if not actor_id and not (organisation or "").strip():
        raise InvalidInput("checkin.no_organisation")
    with store.transaction(con, pid, "attendance.record", {"meeting_id": meeting_id, "actor_id": actor_id},
                           who) as cur:
        _exists(cur, pid, meeting_id)
        if actor_id and not cur.execute("SELECT count(*) FROM actors WHERE project_id = ? AND actor_id = ?",
                                        [pid, actor_id]).fetchone()[0]:
            raise InvalidInput("governance.not_actor", actor=actor_id)
        cur.execute("INSERT INTO attendance (project_id, meeting_id, actor_id, organisation, person, status, source) "
                    "VALUES (?, ?, ?, ?, ?, ?, 'typed')", [pid, meeting_id, actor_id or None,
                                                          (organisation or "").strip() or None,
                                                          (person or "").strip() or None, status])


def _exists(cur: duckdb.DuckDBPyConnection, pid: int, meeting_id: str) -> None:
    if not cur.execute("SELECT count(*) FROM meetings WHERE project_id = ? AND meeting_id = ?",
                       [pid, meeting_id]).fetchone()[0]:
        raise NotFound("meetings.not_found", meeting_id=meeting_id)


def reconcile(con: duckdb.DuckDBPyConnection, pid: int, attendance_id: int, actor_id: str, who: object = None) -> None:
    """Link an organisation typed at check-in to the actor it is (the analyst's)."""
    with store.transaction(con, pid, "attendance.reconcile", {"attendance_id": attendance_id, "actor_id": actor_id},
                           who) as cur:
        if not cur.execute("SELECT count(*) FROM actors WHERE project_id = ? AND actor_id = ?",
                           [pid, actor_id]).fetchone()[0]:
            raise InvalidInput("governance.not_actor", actor=actor_id)
        if not cur.execute("UPDATE attendance SET actor_id = ? WHERE project_id = ? AND attendance_id = ?",
                           [actor_id, pid, int(attendance_id)]).fetchone()[0]:
            raise NotFound("meetings.no_attendance", attendance_id=attendance_id)


def attendance(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """Every attendance line with its meeting (date, kind, title) and actor's name; `to_reconcile` when an
    organisation was typed that is no actor yet."""
    df = con.cursor().execute("""
        SELECT t.attendance_id, t.meeting_id, g.date, g.kind, g.title, t.actor_id, a.name AS actor,
               t.organisation, t.person, t.status, t.source, t.checked_at
        FROM attendance t JOIN meetings g ON g.project_id = t.project_id AND g.meeting_id = t.meeting_id
        LEFT JOIN actors a ON a.project_id = t.project_id AND a.actor_id = t.actor_id
        WHERE t.project_id = ? ORDER BY g.date, t.meeting_id, a.name NULLS LAST, t.organisation, t.attendance_id""",
                              [pid]).df()
    df["to_reconcile"] = df["actor_id"].isna()
    return df
