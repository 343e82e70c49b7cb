"""Check-in from phones (issue 16), as the votes do it: the facilitator opens the attendance of a meeting, its
link (a token, users.py) and QR code are shown, each participant picks their organisation (or types a new one,
which the analyst reconciles) and signs in once from their device. Safe for a room checking in at once: each
check-in is one transaction on its own cursor, and a second one from the same device is refused by the store
itself (the checkins table's key)."""
from __future__ import annotations

from urllib.parse import quote, urlsplit

import duckdb
import pandas as pd

from clusterlab import store, users
from clusterlab.errors import Conflict, InvalidInput
from clusterlab.meetings import meeting


def open_checkin(con: duckdb.DuckDBPyConnection, pid: int, meeting_id: str, who: object = None) -> str:
    """Open the meeting's check-in; returns its link's token (a new one when none is valid)."""
    meeting(con, pid, meeting_id, who)
    with store.transaction(con, pid, "checkin.open", {"meeting_id": meeting_id}, who) as cur:
        cur.execute("UPDATE meetings SET checkin_open = true WHERE project_id = ? AND meeting_id = ?",
                    [pid, meeting_id])
        token = users.current_checkin_token(cur, pid, meeting_id)
        return token or users.checkin_token(cur, pid, meeting_id)


def close_checkin(con: duckdb.DuckDBPyConnection, pid: int, meeting_id: str, who: object = None) -> None:
    """Close the check-in: its link opens nothing any more, and a late check-in is refused."""
    meeting(con, pid, meeting_id, who)
    with store.transaction(con, pid, "checkin.close", {"meeting_id": meeting_id}, who) as cur:
        cur.execute("UPDATE meetings SET checkin_open = false WHERE project_id = ? AND meeting_id = ?",
                    [pid, meeting_id])


def new_link(con: duckdb.DuckDBPyConnection, pid: int, meeting_id: str, who: object = None) -> str:
    """Revoke the check-in's link and make a new one (a link that went further than the room)."""
    meeting(con, pid, meeting_id, who)
    with store.transaction(con, pid, "checkin.new_link", {"meeting_id": meeting_id}, who) as cur:
        cur.execute("UPDATE tokens SET revoked_at = current_timestamp WHERE kind = 'checkin' AND project_id = ? "
                    "AND meeting_id = ? AND revoked_at IS NULL", [pid, meeting_id])
        return users.checkin_token(cur, pid, meeting_id)


def token(con: duckdb.DuckDBPyConnection, pid: int, meeting_id: str) -> str | None:
    return users.current_checkin_token(con.cursor(), pid, meeting_id)


def sign(con: duckdb.DuckDBPyConnection, pid: int, meeting_id: str, device: str, actor_id: str | None = None,
         organisation: str = "", person: str = "", who: object = None) -> None:
    """Check one device in: an actor picked from the list, or an organisation typed (to reconcile). Refused: the
    check-in closed, this device already in, no organisation, an actor the project does not hold."""
    organisation = (organisation or "").strip()
    if not actor_id and not organisation:
        raise InvalidInput("checkin.no_organisation")
    if not device:
        raise InvalidInput("checkin.no_device")
    try:
        with store.transaction(con, pid, "checkin.sign", {"meeting_id": meeting_id}, who) as cur:
            row = cur.execute("SELECT checkin_open FROM meetings WHERE project_id = ? AND meeting_id = ?",
                              [pid, meeting_id]).fetchone()
            if row is None or not row[0]:
                raise Conflict("checkin.closed")
            if actor_id and not cur.execute("SELECT count(*) FROM actors WHERE project_id = ? AND actor_id = ?",
                                            [pid, actor_id]).fetchone()[0]:
                raise InvalidInput("governance.not_actor", actor=actor_id)
            # the device first: a second check-in of the same device stops at the checkins table's key
            cur.execute("INSERT INTO checkins (project_id, meeting_id, device) VALUES (?, ?, ?)",
                        [pid, meeting_id, device])
            cur.execute("INSERT INTO attendance (project_id, meeting_id, actor_id, organisation, person, status, "
                        "source) VALUES (?, ?, ?, ?, ?, 'present', 'checkin')",
                        [pid, meeting_id, actor_id or None, None if actor_id else organisation,
                         (person or "").strip() or None])
    except Conflict as exc:
        if exc.key == "store.constraint":
            raise Conflict("checkin.already") from exc
        raise


def has_checked_in(con: duckdb.DuckDBPyConnection, pid: int, meeting_id: str, device: str) -> bool:
    return con.cursor().execute("SELECT count(*) FROM checkins WHERE project_id = ? AND meeting_id = ? AND device = ?",
                                [pid, meeting_id, device]).fetchone()[0] > 0


def count(con: duckdb.DuckDBPyConnection, pid: int, meeting_id: str) -> int:
    """How many devices checked in."""
    return con.cursor().execute("SELECT count(*) FROM checkins WHERE project_id = ? AND meeting_id = ?",
                                [pid, meeting_id]).fetchone()[0]


def organisations(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    """The organisations a participant picks from: the project's actors by name."""
    return con.cursor().execute("SELECT actor_id, name FROM actors WHERE project_id = ? ORDER BY name", [pid]).df()


def link(page_url: str, meeting_id: str, host: str | None = None, token: str | None = None) -> str:
    """The address participants open (as votes.link): this server's, with the room's network address in place of
    a loopback name, on the check-in page, with the meeting and its token."""
    parts = urlsplit(page_url)
    netloc = parts.netloc
    if host and parts.hostname in ("127.0.0.1", "localhost", "::1"):
        netloc = host + (f":{parts.port}" if parts.port else "")
    return f"{parts.scheme}://{netloc}/checkin?meeting={quote(meeting_id)}" + (f"&t={token}" if token else "")
