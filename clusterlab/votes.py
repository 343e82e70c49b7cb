"""Dot votes from the room: the facilitator opens a vote on chosen problems, each participant
spreads a fixed number of dots once, the result is read live. Safe for many voters at once: each
ballot is one transaction on its own cursor, and a second ballot of the same participant is refused
by the store itself (the voters table's key)."""
from __future__ import annotations

import json
from urllib.parse import urlsplit

import duckdb
import pandas as pd

from clusterlab import roles, store, users
from clusterlab.errors import Conflict, InvalidInput, NotFound


def open_vote(con: duckdb.DuckDBPyConnection, pid: int, title: str, problems: list[str], dots: int,
              who: object = None) -> int:
    """Open a vote; its link's token (users.py) is made with it, valid while the vote is open."""
    if not problems:
        raise InvalidInput("votes.no_problems")
    if dots < 1:
        raise InvalidInput("votes.no_dots")
    with store.transaction(con, pid, "vote.open", {"title": title.strip(), "problems": len(problems)}, who) as cur:
        vote_id = store.insert_row(cur, "votes", {"project_id": pid, "title": title.strip() or "—",
                                                  "problems": json.dumps(problems, ensure_ascii=False), "dots": dots},
                                   "vote_id")
        users.vote_token(cur, vote_id)
        return vote_id


def new_link(con: duckdb.DuckDBPyConnection, vote_id: int, who: object = None) -> str:
    """Revoke the vote's link and make a new one (a link that went further than the room)."""
    pid = vote(con, vote_id, who)["project_id"]
    with store.transaction(con, pid, "vote.new_link", {"vote_id": vote_id}, who) as cur:
        cur.execute("UPDATE tokens SET revoked_at = current_timestamp WHERE kind = 'vote' AND vote_id = ? "
                    "AND revoked_at IS NULL", [vote_id])
        return users.vote_token(cur, vote_id)


def token(con: duckdb.DuckDBPyConnection, vote_id: int, who: object = None) -> str:
    """The token of the vote's link (a vote opened before links carried one gets one now)."""
    return users.current_vote_token(con, vote_id) or new_link(con, vote_id, who)


def vote(con: duckdb.DuckDBPyConnection, vote_id: int, who: object = None) -> dict:
    """The vote numbered `vote_id`; Forbidden when it belongs to a project the person acting may not read (an
    observer or a facilitator given other projects), or is not a participant's own vote (roles.require_read)."""
    row = con.cursor().execute("SELECT vote_id, project_id, title, problems, dots, is_open, created_at FROM votes "
                               "WHERE vote_id = ?", [vote_id]).fetchone()
    if row is None:
        raise NotFound("vote.not_found", vote_id=vote_id)
    roles.require_read(who, row[1], {"vote_id": row[0]})
    keys = ("vote_id", "project_id", "title", "problems", "dots", "is_open", "created_at")
    out = dict(zip(keys, row, strict=True))
    out["problems"] = json.loads(out["problems"])
    return out


def votes(con: duckdb.DuckDBPyConnection, pid: int) -> pd.DataFrame:
    return con.cursor().execute("""SELECT v.vote_id, v.title, v.dots, v.is_open, v.created_at,
                                          (SELECT count(*) FROM voters p WHERE p.vote_id = v.vote_id) AS participants
                                   FROM votes v WHERE project_id = ? ORDER BY vote_id DESC""", [pid]).df()


def set_open(con: duckdb.DuckDBPyConnection, vote_id: int, is_open: bool, who: object = None) -> None:
    """Close a vote (it refuses ballots) or reopen it."""
    pid = vote(con, vote_id, who)["project_id"]
    with store.transaction(con, pid, "vote.reopen" if is_open else "vote.close", {"vote_id": vote_id}, who) as cur:
        cur.execute("UPDATE votes SET is_open = ? WHERE vote_id = ?", [is_open, vote_id])


def cast(con: duckdb.DuckDBPyConnection, vote_id: int, participant: str, dots: dict[str, int],
         who: object = None) -> None:
    """Record one participant's dots; refused when the vote is closed, when the dots exceed the
    allowance or go to a problem not in the vote, or when this participant has voted already."""
    current = vote(con, vote_id, who)
    if not current["is_open"]:
        raise Conflict("vote.closed")
    spent = {p: int(n) for p, n in dots.items() if int(n) > 0}
    if any(n < 0 for n in dots.values()) or sum(spent.values()) > current["dots"]:
        raise Conflict("vote.too_many", dots=current["dots"])
    if set(spent) - set(current["problems"]):
        raise Conflict("vote.unknown_problem")
    try:
        with store.transaction(con, current["project_id"], "vote.ballot", {"vote_id": vote_id}, who) as cur:
            cur.execute("INSERT INTO voters (vote_id, participant) VALUES (?, ?)", [vote_id, participant])
            if spent:
                cur.executemany("INSERT INTO ballots (vote_id, participant, problem, dots) VALUES (?, ?, ?, ?)",
                                [[vote_id, participant, p, n] for p, n in spent.items()])
    except Conflict as exc:
        if exc.key == "store.constraint":
            raise Conflict("vote.already") from exc
        raise


def results(con: duckdb.DuckDBPyConnection, vote_id: int, who: object = None) -> pd.DataFrame:
    """Dots per problem of the vote (every problem listed, none dropped) and how many participants gave them."""
    current = vote(con, vote_id, who)
    got = con.cursor().execute("SELECT problem, sum(dots) AS dots, count(*) AS participants FROM ballots "
                               "WHERE vote_id = ? GROUP BY problem", [vote_id]).df().set_index("problem")
    out = pd.DataFrame({"problem": current["problems"]})
    out["dots"] = out["problem"].map(got["dots"]).fillna(0).astype(int)
    out["participants"] = out["problem"].map(got["participants"]).fillna(0).astype(int)
    return out.sort_values(["dots", "problem"], ascending=[False, True], ignore_index=True)


def has_voted(con: duckdb.DuckDBPyConnection, vote_id: int, participant: str) -> bool:
    """Whether this participant (a browser's token) has cast a ballot in this vote."""
    return con.cursor().execute("SELECT count(*) FROM voters WHERE vote_id = ? AND participant = ?",
                                [vote_id, participant]).fetchone()[0] > 0


def participants(con: duckdb.DuckDBPyConnection, vote_id: int) -> int:
    return con.cursor().execute("SELECT count(*) FROM voters WHERE vote_id = ?", [vote_id]).fetchone()[0]


def link(page_url: str, vote_id: int, host: str | None = None, token: str | None = None) -> str:
    """The address participants open: this server's, with `host` (the laptop's address on the
    room's network) in place of a loopback name, on the vote page, with the vote's token."""
    parts = urlsplit(page_url)
    netloc = parts.netloc
    if host and parts.hostname in ("127.0.0.1", "localhost", "::1"):
        netloc = host + (f":{parts.port}" if parts.port else "")
    return f"{parts.scheme}://{netloc}/vote?vote={vote_id}" + (f"&t={token}" if token else "")


def named_problems(con: duckdb.DuckDBPyConnection, pid: int) -> set[str]:
    """Every problem the project's votes were opened on."""
    rows = con.cursor().execute("SELECT problems FROM votes WHERE project_id = ?", [pid]).fetchall()
    return {p for (text,) in rows for p in json.loads(text)}


def totals(con: duckdb.DuckDBPyConnection, pid: int) -> pd.Series:
    """Dots per problem over every vote of the project."""
    df = con.cursor().execute("""SELECT b.problem, sum(b.dots) AS dots FROM ballots b JOIN votes v USING (vote_id)
                                 WHERE v.project_id = ? GROUP BY b.problem""", [pid]).df()
    return df.set_index("problem")["dots"].astype(float)
