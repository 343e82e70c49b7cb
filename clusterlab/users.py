"""The people who sign in with their own code, the tokens that links carry, and the slowing of wrong codes.

Codes are stored as argon2id hashes (argon2-cffi); a token (a link's) is long and random, stored as its
SHA-256, and shown again only for a vote's participants (it is on the projector anyway). A wrong code
is refused, and the failures of one address or one account in a row slow the next attempts down
(`Throttle`); each is logged with the account and the address, never with the code typed."""
from __future__ import annotations

import functools
import hashlib
import hmac
import json
import logging
import secrets
import threading
import time
from collections.abc import Callable

import duckdb
import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from clusterlab import store
from clusterlab.errors import Conflict, Forbidden, InvalidInput, NotFound
from clusterlab.roles import ANALYST, FACILITATOR, OBSERVER, PARTICIPANT, Identity

log = logging.getLogger("clusterlab.signin")
HASHER = PasswordHasher()
MIN_CODE = 8
SIGNING_ROLES = (ANALYST, FACILITATOR, OBSERVER)  # participants come by a vote's or a check-in's link, with no code
TOKEN_KINDS = ("observer", "vote", "checkin")
SHARED = " (shared code)"  # marks, in `changes.who`, a name typed with the old shared code: nothing verifies it


@functools.cache
def _dummy() -> str:
    """A hash no code matches, made once (on the first wrong name, not at import): a wrong name costs the same
    time as a wrong code."""
    return HASHER.hash("not a code anyone has")


def _names(projects: list[str] | None) -> str | None:
    return json.dumps(sorted(set(projects)), ensure_ascii=False) if projects else None


def _project_ids(con: duckdb.DuckDBPyConnection, names: str | None) -> frozenset[int] | None:
    if not names:
        return None
    wanted = set(json.loads(names))
    rows = con.cursor().execute("SELECT project_id, name FROM projects").fetchall()
    return frozenset(pid for pid, name in rows if name in wanted)


# -- people ---------------------------------------------------------------------------------------

def add(con: duckdb.DuckDBPyConnection, name: str, role: str, code: str, projects: list[str] | None = None,
        who: Identity | str | None = None) -> None:
    """Add a person who signs in with `code` (or give an existing one a new code and role); `projects`
    limits what they see (None: every project)."""
    name = (name or "").strip()
    if not name:
        raise InvalidInput("users.no_name")
    if name.endswith(SHARED.strip()):
        raise InvalidInput("users.reserved_name", suffix=SHARED.strip())
    if role not in SIGNING_ROLES:
        raise InvalidInput("users.bad_role", role=role, roles=", ".join(SIGNING_ROLES))
    if len(code or "") < MIN_CODE:
        raise InvalidInput("users.short_code", n=MIN_CODE)
    hashed = HASHER.hash(code)
    with store.transaction(con, None, "users.add", {"name": name, "role": role, "projects": projects}, who) as cur:
        # created_at written, not left to its DEFAULT: on PostgreSQL an upsert's new row gets no default
        # (pg-notes); a person given a new code keeps the date they were added.
        cur.execute("INSERT INTO users (name, role, code_hash, projects, created_at) "
                    "VALUES (?, ?, ?, ?, current_timestamp) ON CONFLICT (name) DO UPDATE SET role = excluded.role, "
                    "code_hash = excluded.code_hash, projects = excluded.projects",
                    [name, role, hashed, _names(projects)])


def remove(con: duckdb.DuckDBPyConnection, name: str, who: Identity | str | None = None) -> None:
    with store.transaction(con, None, "users.remove", {"name": name}, who) as cur:
        if not cur.execute("DELETE FROM users WHERE name = ?", [name]).fetchone()[0]:
            raise NotFound("users.not_found", name=name)


def people(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Who may sign in, without their codes."""
    return con.cursor().execute("SELECT name, role, projects, created_at FROM users ORDER BY name").df()


def any_user(con: duckdb.DuckDBPyConnection) -> bool:
    return con.cursor().execute("SELECT count(*) FROM users").fetchone()[0] > 0


def has_analyst(con: duckdb.DuckDBPyConnection) -> bool:
    return con.cursor().execute("SELECT count(*) FROM users WHERE role = ?", [ANALYST]).fetchone()[0] > 0


def check_code(con: duckdb.DuckDBPyConnection, name: str, code: str, legacy_code: str | None = None
               ) -> Identity | None:
    """The identity of `name` when `code` is theirs, else None. The shared access code of earlier versions
    (CLUSTERLAB_ACCESS_CODE), when set, still opens as the analyst, for a name that is no one's account: compared in
    constant time (of their hashes: not even the length shows), and named "NAME (shared code)", so that the history
    of changes never shows a name typed with it as if it were a verified account."""
    row = con.cursor().execute("SELECT role, code_hash, projects FROM users WHERE name = ?",
                               [name.strip()]).fetchone()
    if row is None:
        try:
            HASHER.verify(_dummy(), code)
        except VerificationError:
            pass
        if legacy_code and hmac.compare_digest(hashlib.sha256(code.encode()).digest(),
                                               hashlib.sha256(legacy_code.encode()).digest()):
            return Identity((name.strip() or ANALYST) + SHARED, ANALYST)
        return None
    role, hashed, projects = row
    try:
        HASHER.verify(hashed, code)
    except (VerificationError, InvalidHashError):
        return None
    return Identity(name.strip(), role, _project_ids(con, projects))


def identity_of(con: duckdb.DuckDBPyConnection, name: str) -> Identity | None:
    """The identity of `name` as the store has it now (None once removed): a session signed in earlier
    follows a change of role or projects, and ends when the person is removed."""
    row = con.cursor().execute("SELECT role, projects FROM users WHERE name = ?", [name]).fetchone()
    return None if row is None else Identity(name, row[0], _project_ids(con, row[1]))


# -- tokens ---------------------------------------------------------------------------------------

def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(con: duckdb.DuckDBPyConnection, kind: str = "observer", projects: list[str] | None = None,
          label: str | None = None, who: Identity | str | None = None) -> str:
    """A new observer token (shown once: give its link, `?access=TOKEN`); revocable."""
    if kind != "observer":
        raise InvalidInput("tokens.bad_kind", kind=kind)
    token = secrets.token_urlsafe(24)
    with store.transaction(con, None, "tokens.issue", {"kind": kind, "label": label, "projects": projects},
                           who) as cur:
        cur.execute("INSERT INTO tokens (token_hash, kind, projects, label) VALUES (?, ?, ?, ?)",
                    [_hash(token), kind, _names(projects), label])
    return token


def vote_token(cur: duckdb.DuckDBPyConnection, vote_id: int) -> str:
    """A new token for vote `vote_id`, written on `cur` within the caller's transaction (its write is the
    vote's: `vote.open` or `vote.new_link`)."""
    token = secrets.token_urlsafe(12)
    cur.execute("INSERT INTO tokens (token_hash, kind, vote_id, shown) VALUES (?, 'vote', ?, ?)",
                [_hash(token), vote_id, token])
    return token


def current_vote_token(con: duckdb.DuckDBPyConnection, vote_id: int) -> str | None:
    row = con.cursor().execute("SELECT shown FROM tokens WHERE kind = 'vote' AND vote_id = ? AND revoked_at IS NULL "
                               "ORDER BY created_at DESC LIMIT 1", [vote_id]).fetchone()
    return row[0] if row else None


def checkin_token(cur: duckdb.DuckDBPyConnection, pid: int, meeting_id: str) -> str:
    """A new token for the check-in of a meeting, written on `cur` within the caller's transaction (its write is
    the check-in's: `checkin.open`)."""
    token = secrets.token_urlsafe(12)
    cur.execute("INSERT INTO tokens (token_hash, kind, project_id, meeting_id, shown) VALUES (?, 'checkin', ?, ?, ?)",
                [_hash(token), pid, meeting_id, token])
    return token


def current_checkin_token(cur: duckdb.DuckDBPyConnection, pid: int, meeting_id: str) -> str | None:
    row = cur.execute("SELECT shown FROM tokens WHERE kind = 'checkin' AND project_id = ? AND meeting_id = ? "
                      "AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1", [pid, meeting_id]).fetchone()
    return row[0] if row else None


def tokens(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The tokens, by a short id (the start of their hash), never the token itself."""
    return con.cursor().execute("SELECT left(token_hash, 10) AS id, kind, vote_id, projects, label, created_at, "
                                "revoked_at FROM tokens ORDER BY created_at").df()


def revoke(con: duckdb.DuckDBPyConnection, short_id: str, who: Identity | str | None = None) -> None:
    """Revoke the token whose id (`tokens`) is `short_id`: its link opens nothing any more."""
    if len(short_id or "") < 6:
        raise InvalidInput("tokens.short_id")
    with store.transaction(con, None, "tokens.revoke", {"id": short_id}, who) as cur:
        done = cur.execute("SELECT count(*) FROM tokens WHERE starts_with(token_hash, ?) AND revoked_at IS NULL",
                           [short_id]).fetchone()[0]
        if done != 1:
            raise NotFound("tokens.not_found", id=short_id) if not done else Conflict("tokens.ambiguous", id=short_id)
        cur.execute("UPDATE tokens SET revoked_at = current_timestamp WHERE starts_with(token_hash, ?) "
                    "AND revoked_at IS NULL", [short_id])


def from_token(con: duckdb.DuckDBPyConnection, token: str | None) -> Identity | None:
    """Who a link's token opens as: a participant of its open vote or of its meeting's open check-in, an observer
    of its projects; None when the token is unknown, revoked, or its vote or check-in closed."""
    if not token or len(token) > 200:
        return None
    cur = con.cursor()
    row = cur.execute("SELECT kind, vote_id, projects, label, project_id, meeting_id FROM tokens "
                      "WHERE token_hash = ? AND revoked_at IS NULL", [_hash(token)]).fetchone()
    if row is None:
        return None
    kind, vote_id, projects, label, pid, meeting_id = row
    if kind == "checkin":
        meeting = cur.execute("SELECT checkin_open FROM meetings WHERE project_id = ? AND meeting_id = ?",
                              [pid, meeting_id]).fetchone()
        if meeting is None or not meeting[0]:
            return None
        return Identity(PARTICIPANT, PARTICIPANT, frozenset({pid}), meeting_id=meeting_id)
    if kind == "vote":
        vote = cur.execute("SELECT project_id, is_open FROM votes WHERE vote_id = ?", [vote_id]).fetchone()
        if vote is None or not vote[1]:
            return None
        return Identity(PARTICIPANT, PARTICIPANT, frozenset({vote[0]}), vote_id)
    return Identity(label or OBSERVER, OBSERVER, _project_ids(con, projects))


# -- wrong codes slow down -------------------------------------------------------------------------

class Throttle:
    """Failed sign-ins in a row, per key (an address, an account): after `free` failures, each further
    attempt of that key waits twice as long as the one before (1 s, 2 s, 4 s… up to `cap`). A success
    clears the account and the address. Held in the app's process: a restart forgets it."""

    def __init__(self, free: int = 3, cap: float = 900.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.free, self.cap, self.clock = free, cap, clock
        self._failures: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def delay(self, failures: int) -> float:
        return 0.0 if failures < self.free else min(2.0 ** (failures - self.free), self.cap)

    def wait(self, *keys: str) -> float:
        """Seconds before any of `keys` may try again (0 when they may now)."""
        now = self.clock()
        with self._lock:
            return max([0.0] + [until - now for n, until in (self._failures.get(k, (0, 0.0)) for k in keys)])

    def failed(self, *keys: str) -> int:
        """Count one more failure of each key; returns the most failures in a row among them."""
        now = self.clock()
        with self._lock:
            if len(self._failures) > 100_000:  # forget the oldest rather than grow without end
                self._failures = dict(sorted(self._failures.items(), key=lambda kv: kv[1][1])[-50_000:])
            most = 0
            for key in keys:
                n = self._failures.get(key, (0, 0.0))[0] + 1
                self._failures[key] = (n, now + self.delay(n))
                most = max(most, n)
            return most

    def clear(self) -> None:
        with self._lock:
            self._failures.clear()

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)


THROTTLE = Throttle()


def sign_in(con: duckdb.DuckDBPyConnection, name: str, code: str, address: str | None,
            legacy_code: str | None = None, throttle: Throttle = THROTTLE) -> Identity:
    """The identity of who typed `name` and `code` from `address`; Forbidden when the code is wrong or
    when this address or account must wait after failures (then the code is not even checked)."""
    keys = (f"address:{address or '?'}", f"account:{name.strip().casefold()}")
    waiting = throttle.wait(*keys)
    if waiting > 0:
        log.warning("sign-in refused (waiting %.0f s): account %r from %s", waiting, name.strip(), address)
        raise Forbidden("signin.wait", seconds=int(waiting) + 1)
    identity = check_code(con, name, code or "", legacy_code)
    if identity is None:
        n = throttle.failed(*keys)
        log.warning("sign-in failed: account %r from %s (%d in a row)", name.strip(), address, n)
        raise Forbidden("signin.wrong")
    throttle.succeeded(*keys)
    return identity
