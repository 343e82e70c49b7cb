"""The cluster's bodies (issue 16): the steering committee (CP), the technical cell, the animation team, working
groups, the governance system, training and communication (phase IV), any other the analyst adds; each with its
mandate, its dates and its members (actors of the project, each with a role)."""
from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from clusterlab import store
from clusterlab.errors import Conflict, InvalidInput, NotFound

# CP steering committee, TC technical cell, AT animation team, WG working group, GOV governance system,
# TRAIN training programme, COMM communication, OTHER
KINDS = ("CP", "TC", "AT", "WG", "GOV", "TRAIN", "COMM", "OTHER")
MEMBER_ROLES = ("chair", "member", "observer", "secretary")
# Words a sheet types for a kind or a role (folded: no accents, lower case).
KIND_WORDS = {"cp": "CP", "comite de pilotage": "CP", "steering committee": "CP", "tc": "TC",
              "cellule technique": "TC", "technical cell": "TC", "at": "AT", "equipe d animation": "AT",
              "animation team": "AT", "wg": "WG", "groupe de travail": "WG", "working group": "WG",
              "gov": "GOV", "systeme de gouvernance": "GOV", "governance system": "GOV", "gouvernance": "GOV",
              "train": "TRAIN", "formation": "TRAIN", "programme de formation": "TRAIN", "training": "TRAIN",
              "comm": "COMM", "communication": "COMM", "other": "OTHER", "autre": "OTHER"}
ROLE_WORDS = {"chair": "chair", "president": "chair", "presidente": "chair", "member": "member", "membre": "member",
              "observer": "observer", "observateur": "observer", "observatrice": "observer", "secretary": "secretary",
              "secretaire": "secretary", "rapporteur": "secretary"}


def next_id(cur: duckdb.DuckDBPyConnection, table: str, column: str, pid: int, prefix: str) -> str:
    """The next free id `PREFIX0001` of `table` in project `pid`, read within the caller's transaction."""
    taken = {r[0] for r in cur.execute(f"SELECT {column} FROM {table} WHERE project_id = ?", [pid]).fetchall()}
    n = len(taken) + 1
    while f"{prefix}{n:04d}" in taken:
        n += 1
    return f"{prefix}{n:04d}"


def add(con: duckdb.DuckDBPyConnection, pid: int, kind: str, name: str, mandate: str = "",
        start: date | None = None, end: date | None = None, who: object = None) -> str:
    """A new body; returns its id. Refused: an unknown kind, no name, an end before the start."""
    if kind not in KINDS:
        raise InvalidInput("bodies.unknown_kind", kind=kind, kinds=", ".join(KINDS))
    if not (name or "").strip():
        raise InvalidInput("bodies.no_name")
    if start and end and end < start:
        raise InvalidInput("bodies.end_before_start")
    with store.transaction(con, pid, "body.add", {"kind": kind, "name": name.strip()}, who) as cur:
        body_id = next_id(cur, "bodies", "body_id", pid, "BOD")
        cur.execute('INSERT INTO bodies (project_id, body_id, kind, name, mandate, start, "end") '
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [pid, body_id, kind, name.strip(), (mandate or "").strip() or None, start, end])
    return body_id


def body(con: duckdb.DuckDBPyConnection, pid: int, body_id: str) -> dict:
    row = con.cursor().execute('SELECT body_id, kind, name, mandate, start, "end" FROM bodies '
                               "WHERE project_id = ? AND body_id = ?", [pid, body_id]).fetchone()
    if row is None:
        raise NotFound("bodies.not_found", body_id=body_id)
    return dict(zip(("body_id", "kind", "name", "mandate", "start", "end"), row, strict=True))


def delete(con: duckdb.DuckDBPyConnection, pid: int, body_id: str, who: object = None) -> None:
    """Delete a body and its members (the analyst's); its meetings stay, belonging to no body."""
    with store.transaction(con, pid, "body.delete", {"body_id": body_id}, who) as cur:
        if not cur.execute("DELETE FROM bodies WHERE project_id = ? AND body_id = ?", [pid, body_id]).fetchone()[0]:
            raise NotFound("bodies.not_found", body_id=body_id)
        cur.execute("DELETE FROM members WHERE project_id = ? AND body_id = ?", [pid, body_id])
        cur.execute("UPDATE meetings SET body_id = NULL WHERE project_id = ? AND body_id = ?", [pid, body_id])


def add_member(con: duckdb.DuckDBPyConnection, pid: int, body_id: str, actor_id: str, role: str = "member",
               person: str = "", who: object = None) -> None:
    """Make an actor of the project a member of a body. Refused: a body or an actor the project does not hold,
    an unknown role, an actor already a member."""
    if role not in MEMBER_ROLES:
        raise InvalidInput("bodies.unknown_role", role=role, roles=", ".join(MEMBER_ROLES))
    with store.transaction(con, pid, "body.add_member", {"body_id": body_id, "actor_id": actor_id}, who) as cur:
        if not cur.execute("SELECT count(*) FROM bodies WHERE project_id = ? AND body_id = ?",
                           [pid, body_id]).fetchone()[0]:
            raise NotFound("bodies.not_found", body_id=body_id)
        if not cur.execute("SELECT count(*) FROM actors WHERE project_id = ? AND actor_id = ?",
                           [pid, actor_id]).fetchone()[0]:
            raise InvalidInput("governance.not_actor", actor=actor_id)
        if cur.execute("SELECT count(*) FROM members WHERE project_id = ? AND body_id = ? AND actor_id = ?",
                       [pid, body_id, actor_id]).fetchone()[0]:
            raise Conflict("bodies.already_member", actor=actor_id)
        cur.execute("INSERT INTO members (project_id, body_id, actor_id, person, role) VALUES (?, ?, ?, ?, ?)",
                    [pid, body_id, actor_id, (person or "").strip() or None, role])


def remove_member(con: duckdb.DuckDBPyConnection, pid: int, body_id: str, actor_id: str, who: object = None) -> None:
    with store.transaction(con, pid, "body.remove_member", {"body_id": body_id, "actor_id": actor_id}, who) as cur:
        if not cur.execute("DELETE FROM members WHERE project_id = ? AND body_id = ? AND actor_id = ?",
                           [pid, body_id, actor_id]).fetchone()[0]:
            raise NotFound("bodies.no_member", actor=actor_id)


def bodies(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """Every body with its number of members and of meetings."""
    return con.cursor().execute("""
        SELECT b.body_id, b.kind, b.name, b.mandate, b.start, b."end",
               (SELECT count(*) FROM members m WHERE m.project_id = b.project_id AND m.body_id = b.body_id) AS members,
               (SELECT count(*) FROM meetings g WHERE g.project_id = b.project_id AND g.body_id = b.body_id)
                   AS meetings
        FROM bodies b WHERE b.project_id = ? ORDER BY b.body_id""", [pid]).df()


def members(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """Every member: the body, the actor (its name, category and stage), the person and the role."""
    return con.cursor().execute("""
        SELECT m.body_id, b.name AS body, m.actor_id, a.name AS actor, a.category, a.stage, m.person, m.role
        FROM members m JOIN bodies b ON b.project_id = m.project_id AND b.body_id = m.body_id
        LEFT JOIN actors a ON a.project_id = m.project_id AND a.actor_id = m.actor_id
        WHERE m.project_id = ? ORDER BY m.body_id, m.role, a.name""", [pid]).df()
