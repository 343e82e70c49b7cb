"""The store: opening it, its schema and migrations, projects and import batches.

The store is a DuckDB file (the default), or a PostgreSQL database (`postgresql://user@host:port/dbname`,
postgres.py) that DuckDB opens as its main catalog: the same DuckDB SQL runs on both.
One connection per process; each unit of work takes its own `con.cursor()`.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb

from clusterlab import postgres, roles, schema
from clusterlab.errors import Conflict, NotFound, StoreError

DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "clusterlab.duckdb"
DEFAULT_PROJECT = "demo"
T = TypeVar("T")

# Every data table carries project_id and batch_id (the import that added the row; NULL when typed in the app).
MIGRATIONS: list[str] = [
    # 1: the foundation
    """
    CREATE SEQUENCE project_seq START 1;
    CREATE TABLE projects (
        project_id INTEGER PRIMARY KEY DEFAULT nextval('project_seq'),
        name VARCHAR NOT NULL UNIQUE,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    CREATE SEQUENCE batch_seq START 1;
    CREATE TABLE batches (
        batch_id INTEGER PRIMARY KEY DEFAULT nextval('batch_seq'),
        project_id INTEGER NOT NULL,
        file_name VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        imported_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        counts VARCHAR,
        flags INTEGER,
        undone_at TIMESTAMP
    );
    CREATE TABLE actors (
        project_id INTEGER NOT NULL,
        actor_id VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        name_key VARCHAR NOT NULL,
        category VARCHAR, stage VARCHAR, locality VARCHAR, region VARCHAR,
        latitude DOUBLE, longitude DOUBLE, size BIGINT,
        influence TINYINT, interest TINYINT,
        contact VARCHAR,
        created_from VARCHAR NOT NULL DEFAULT 'list',
        batch_id INTEGER,
        PRIMARY KEY (project_id, actor_id)
    );
    CREATE TABLE interviews (
        project_id INTEGER NOT NULL,
        interview_id VARCHAR NOT NULL,
        actor_id VARCHAR NOT NULL,
        date DATE,
        interviewer VARCHAR,
        willingness TINYINT,
        capacity_to_participate TINYINT,
        source_file VARCHAR, source_sheet VARCHAR, source_row INTEGER,
        batch_id INTEGER,
        PRIMARY KEY (project_id, interview_id)
    );
    CREATE TABLE items (
        project_id INTEGER NOT NULL,
        interview_id VARCHAR,
        actor_id VARCHAR NOT NULL,
        field VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        severity TINYINT,
        linked_actor_id VARCHAR,
        batch_id INTEGER
    );
    CREATE TABLE answers (
        project_id INTEGER NOT NULL,
        interview_id VARCHAR NOT NULL,
        question VARCHAR NOT NULL,
        answer VARCHAR NOT NULL,
        batch_id INTEGER
    );
    CREATE TABLE relations (
        project_id INTEGER NOT NULL,
        source VARCHAR NOT NULL,
        target VARCHAR NOT NULL,
        type VARCHAR,
        strength TINYINT,
        batch_id INTEGER
    );
    CREATE TABLE actions (
        project_id INTEGER NOT NULL,
        action_id VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        description VARCHAR, problem VARCHAR, phase VARCHAR, owner VARCHAR, partners VARCHAR,
        start DATE, "end" DATE,
        budget DOUBLE, funding_source VARCHAR, status VARCHAR, progress DOUBLE,
        batch_id INTEGER,
        PRIMARY KEY (project_id, action_id)
    );
    CREATE TABLE extra_fields (
        project_id INTEGER NOT NULL,
        table_name VARCHAR NOT NULL,
        record_id VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        value VARCHAR NOT NULL,
        batch_id INTEGER
    );
    CREATE TABLE column_mappings (
        headers_key VARCHAR PRIMARY KEY,
        table_name VARCHAR,
        mapping VARCHAR NOT NULL,
        saved_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    """,
    # 2: what the user chooses in the app (current project, language…), kept across restarts
    """
    CREATE TABLE settings (
        key VARCHAR PRIMARY KEY,
        value VARCHAR,
        saved_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    """,
    # 3: leaders the analyst marks or unmarks by hand, with a reason; the choice wins over the score
    """
    CREATE TABLE leader_overrides (
        project_id INTEGER NOT NULL,
        actor_id VARCHAR NOT NULL,
        is_leader BOOLEAN NOT NULL,
        reason VARCHAR,
        decided_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        PRIMARY KEY (project_id, actor_id)
    );
    """,
    # 4: themes that group the wordings of SWOT items and problems (one coding for every view),
    # items typed in the app (author, date), and the cross matrix's strategic options
    """
    ALTER TABLE items ADD COLUMN author VARCHAR;
    ALTER TABLE items ADD COLUMN added_at TIMESTAMP;
    CREATE SEQUENCE theme_seq START 1;
    CREATE TABLE themes (
        theme_id INTEGER PRIMARY KEY DEFAULT nextval('theme_seq'),
        project_id INTEGER NOT NULL,
        field VARCHAR NOT NULL,
        label VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    CREATE TABLE theme_wordings (
        project_id INTEGER NOT NULL,
        field VARCHAR NOT NULL,
        wording_key VARCHAR NOT NULL,
        theme_id INTEGER NOT NULL,
        PRIMARY KEY (project_id, field, wording_key)
    );
    CREATE SEQUENCE option_seq START 1;
    CREATE TABLE cross_options (
        option_id INTEGER PRIMARY KEY DEFAULT nextval('option_seq'),
        project_id INTEGER NOT NULL,
        combination VARCHAR NOT NULL,
        theme_a VARCHAR NOT NULL,
        theme_b VARCHAR NOT NULL,
        option VARCHAR NOT NULL,
        author VARCHAR,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        action_id VARCHAR
    );
    """,
    # 5: common problems: the room's pairwise comparisons and the short list retained
    """
    CREATE TABLE pairwise (
        project_id INTEGER NOT NULL,
        problem_a VARCHAR NOT NULL,
        problem_b VARCHAR NOT NULL,
        winner VARCHAR NOT NULL,
        decided_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        PRIMARY KEY (project_id, problem_a, problem_b)
    );
    CREATE TABLE shortlist (
        project_id INTEGER NOT NULL,
        problem VARCHAR NOT NULL,
        reason VARCHAR,
        decided_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        PRIMARY KEY (project_id, problem)
    );
    """,
    # 6: dot votes from the room: a vote on chosen problems, each participant once
    """
    CREATE SEQUENCE vote_seq START 1;
    CREATE TABLE votes (
        vote_id INTEGER PRIMARY KEY DEFAULT nextval('vote_seq'),
        project_id INTEGER NOT NULL,
        title VARCHAR NOT NULL,
        problems VARCHAR NOT NULL,
        dots INTEGER NOT NULL,
        is_open BOOLEAN NOT NULL DEFAULT true,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    CREATE TABLE voters (
        vote_id INTEGER NOT NULL,
        participant VARCHAR NOT NULL,
        voted_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        PRIMARY KEY (vote_id, participant)
    );
    CREATE TABLE ballots (
        vote_id INTEGER NOT NULL,
        participant VARCHAR NOT NULL,
        problem VARCHAR NOT NULL,
        dots INTEGER NOT NULL
    );
    """,
    # 7: perimeter scenarios of the field of action, and their validation history
    """
    CREATE SEQUENCE scenario_seq START 1;
    CREATE TABLE perimeters (
        scenario_id INTEGER PRIMARY KEY DEFAULT nextval('scenario_seq'),
        project_id INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        author VARCHAR,
        rationale VARCHAR,
        choice VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    CREATE TABLE perimeter_validations (
        project_id INTEGER NOT NULL,
        scenario_id INTEGER NOT NULL,
        event VARCHAR NOT NULL,
        who VARCHAR,
        note VARCHAR,
        decided_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    """,
    # 8: the action plan as the programme manager edits it: funding status, an indicator, a version
    # per row (two people editing never silently overwrite each other), and the method's milestones
    """
    ALTER TABLE actions ADD COLUMN funding_status VARCHAR;
    ALTER TABLE actions ADD COLUMN indicator VARCHAR;
    ALTER TABLE actions ADD COLUMN indicator_target DOUBLE;
    ALTER TABLE actions ADD COLUMN indicator_value DOUBLE;
    ALTER TABLE actions ADD COLUMN version INTEGER DEFAULT 1;
    CREATE SEQUENCE milestone_seq START 1;
    CREATE TABLE milestones (
        milestone_id INTEGER PRIMARY KEY DEFAULT nextval('milestone_seq'),
        project_id INTEGER NOT NULL,
        kind VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        date DATE NOT NULL,
        decisions VARCHAR
    );
    """,
    # 9: the analysis comes back from a project workbook (state.py) with the import's batch, so that
    # undoing the import takes it away again
    """
    ALTER TABLE themes ADD COLUMN batch_id INTEGER;
    ALTER TABLE theme_wordings ADD COLUMN batch_id INTEGER;
    ALTER TABLE cross_options ADD COLUMN batch_id INTEGER;
    ALTER TABLE leader_overrides ADD COLUMN batch_id INTEGER;
    ALTER TABLE pairwise ADD COLUMN batch_id INTEGER;
    ALTER TABLE shortlist ADD COLUMN batch_id INTEGER;
    ALTER TABLE perimeters ADD COLUMN batch_id INTEGER;
    ALTER TABLE perimeter_validations ADD COLUMN batch_id INTEGER;
    ALTER TABLE milestones ADD COLUMN batch_id INTEGER;
    ALTER TABLE votes ADD COLUMN batch_id INTEGER;
    ALTER TABLE voters ADD COLUMN batch_id INTEGER;
    ALTER TABLE ballots ADD COLUMN batch_id INTEGER;
    """,
    # 10: an actor list that comes after the grids fills in the actors they created from mentions;
    # what each actor was before is kept, so that undoing the list puts it back
    """
    CREATE TABLE actor_completions (
        project_id INTEGER NOT NULL,
        batch_id INTEGER NOT NULL,
        actor_id VARCHAR NOT NULL,
        previous VARCHAR NOT NULL
    );
    """,
    # 11: every write leaves a line in `changes` (who, when, what): the project's revision is its
    # last change, so that what is derived from the project is recomputed after any edit, not only
    # after an import. Per-project analysis settings get a table of their own (settings.py).
    """
    CREATE SEQUENCE change_seq START 1;
    CREATE TABLE changes (
        change_id BIGINT PRIMARY KEY DEFAULT nextval('change_seq'),
        project_id INTEGER,
        changed_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        who VARCHAR,
        action VARCHAR NOT NULL,
        detail VARCHAR
    );
    CREATE TABLE project_settings (
        project_id INTEGER NOT NULL,
        key VARCHAR NOT NULL,
        value VARCHAR NOT NULL,
        saved_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        batch_id INTEGER,
        PRIMARY KEY (project_id, key)
    );
    INSERT INTO changes (project_id, action)
        SELECT project_id, 'migration' FROM projects;
    INSERT INTO project_settings (project_id, key, value)
        SELECT CAST(split_part(s.key, ':', 2) AS INTEGER), m.new_key, CAST(json_extract(s.value, m.path) AS VARCHAR)
        FROM settings s JOIN (VALUES
            ('leaders', '$.weights.influence', 'leaders.weight_influence'),
            ('leaders', '$.weights.interest', 'leaders.weight_interest'),
            ('leaders', '$.weights.centrality', 'leaders.weight_centrality'),
            ('leaders', '$.weights.size', 'leaders.weight_size'),
            ('leaders', '$.weights.willingness', 'leaders.weight_willingness'),
            ('leaders', '$.weights.capacity_to_participate', 'leaders.weight_capacity_to_participate'),
            ('leaders', '$.threshold', 'leaders.threshold'),
            ('leaders', '$.centrality', 'leaders.centrality'),
            ('grid', '$.influence', 'grid.split_influence'),
            ('grid', '$.interest', 'grid.split_interest'),
            ('problems', '$.k', 'problems.k'),
            ('problems', '$.m', 'problems.m'),
            ('problems', '$.weights.actors', 'problems.weight_actors'),
            ('problems', '$.weights.severity', 'problems.weight_severity'),
            ('problems', '$.weights.breadth', 'problems.weight_breadth'),
            ('problems', '$.weights.leaders', 'problems.weight_leaders')
        ) m(prefix, path, new_key) ON split_part(s.key, ':', 1) = m.prefix
        WHERE regexp_matches(s.key, '^(leaders|grid|problems):[0-9]+$') AND json_valid(s.value)
          AND json_extract(s.value, m.path) IS NOT NULL;
    DELETE FROM settings WHERE regexp_matches(key, '^(leaders|grid|problems):[0-9]+$');
    """,
    # 12: each import keeps its located report (the sheets read, every flag), to be read again from the history
    """
    ALTER TABLE batches ADD COLUMN report VARCHAR;
    """,
    # 13: an item typed in the room is "from the room", said by its author, not by an actor: its
    # actor is optional
    """
    ALTER TABLE items ALTER COLUMN actor_id DROP NOT NULL;
    """,
    # 14: who may do what (roles.py, users.py): each change records the role it was made under; the people
    # who sign in with their own code (hashed), the tokens of links (observers, a vote's participants)
    """
    ALTER TABLE changes ADD COLUMN role VARCHAR;
    CREATE TABLE users (
        name VARCHAR PRIMARY KEY,
        role VARCHAR NOT NULL,
        code_hash VARCHAR NOT NULL,
        projects VARCHAR,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    CREATE TABLE tokens (
        token_hash VARCHAR PRIMARY KEY,
        kind VARCHAR NOT NULL,
        vote_id INTEGER,
        projects VARCHAR,
        shown VARCHAR,
        label VARCHAR,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        revoked_at TIMESTAMP
    );
    """,
    # 15: phase III's strategic analysis of actors (MACTOR): the objectives, the direct influences between
    # actors (MID, 0–4) and the actors' positions on the objectives (2MAO, −4…+4). A cell is written, never
    # overwritten: its latest row (`seq`) of each source stands, a confirmed one before a proposed one,
    # so that undoing an import brings back what the cell held before it.
    """
    CREATE TABLE objectives (
        project_id INTEGER NOT NULL,
        objective_id VARCHAR NOT NULL,
        objective VARCHAR NOT NULL,
        stake VARCHAR,
        description VARCHAR,
        origin VARCHAR NOT NULL DEFAULT 'typed',
        batch_id INTEGER,
        PRIMARY KEY (project_id, objective_id)
    );
    CREATE SEQUENCE mactor_seq START 1;
    CREATE TABLE influences (
        project_id INTEGER NOT NULL,
        from_actor_id VARCHAR NOT NULL,
        to_actor_id VARCHAR NOT NULL,
        value TINYINT NOT NULL,
        source VARCHAR NOT NULL,
        evidence VARCHAR,
        who VARCHAR,
        decided_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        seq BIGINT NOT NULL DEFAULT nextval('mactor_seq'),
        batch_id INTEGER
    );
    CREATE TABLE positions (
        project_id INTEGER NOT NULL,
        actor_id VARCHAR NOT NULL,
        objective_id VARCHAR NOT NULL,
        value TINYINT NOT NULL,
        source VARCHAR NOT NULL,
        evidence VARCHAR,
        who VARCHAR,
        decided_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        seq BIGINT NOT NULL DEFAULT nextval('mactor_seq'),
        batch_id INTEGER
    );
    """,
    # 16: governance and participation (bodies.py, meetings.py, checkin.py): the bodies and their members, the
    # meetings (the plan's milestones become meetings, their text of decisions a decision each), who attended,
    # the phones' check-ins (one per device), the decisions; a check-in link's token names its meeting
    """
    CREATE TABLE bodies (
        project_id INTEGER NOT NULL,
        body_id VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        mandate VARCHAR,
        start DATE,
        "end" DATE,
        batch_id INTEGER,
        PRIMARY KEY (project_id, body_id)
    );
    CREATE TABLE members (
        project_id INTEGER NOT NULL,
        body_id VARCHAR NOT NULL,
        actor_id VARCHAR NOT NULL,
        person VARCHAR,
        role VARCHAR NOT NULL,
        batch_id INTEGER,
        PRIMARY KEY (project_id, body_id, actor_id)
    );
    CREATE TABLE meetings (
        project_id INTEGER NOT NULL,
        meeting_id VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        date DATE NOT NULL,
        place VARCHAR,
        agenda VARCHAR,
        body_id VARCHAR,
        minutes VARCHAR,
        checkin_open BOOLEAN NOT NULL DEFAULT false,
        batch_id INTEGER,
        PRIMARY KEY (project_id, meeting_id)
    );
    CREATE SEQUENCE attendance_seq START 1;
    CREATE TABLE attendance (
        attendance_id INTEGER PRIMARY KEY DEFAULT nextval('attendance_seq'),
        project_id INTEGER NOT NULL,
        meeting_id VARCHAR NOT NULL,
        actor_id VARCHAR,
        organisation VARCHAR,
        person VARCHAR,
        status VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        checked_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        batch_id INTEGER
    );
    CREATE TABLE checkins (
        project_id INTEGER NOT NULL,
        meeting_id VARCHAR NOT NULL,
        device VARCHAR NOT NULL,
        checked_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        PRIMARY KEY (project_id, meeting_id, device)
    );
    CREATE TABLE decisions (
        project_id INTEGER NOT NULL,
        decision_id VARCHAR NOT NULL,
        meeting_id VARCHAR NOT NULL,
        text VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        target VARCHAR,
        owner VARCHAR,
        due DATE,
        status VARCHAR NOT NULL,
        batch_id INTEGER,
        PRIMARY KEY (project_id, decision_id)
    );
    ALTER TABLE tokens ADD COLUMN project_id INTEGER;
    ALTER TABLE tokens ADD COLUMN meeting_id VARCHAR;
    INSERT INTO meetings (project_id, meeting_id, kind, title, date, batch_id)
        SELECT project_id, 'MTG' || lpad(CAST(n AS VARCHAR), 4, '0'), kind, title, date, batch_id
        FROM (SELECT *, row_number() OVER (PARTITION BY project_id ORDER BY date, milestone_id) AS n
              FROM milestones) m;
    INSERT INTO decisions (project_id, decision_id, meeting_id, text, kind, status, batch_id)
        SELECT project_id,
               'DEC' || lpad(CAST(row_number() OVER (PARTITION BY project_id ORDER BY n) AS VARCHAR), 4, '0'),
               'MTG' || lpad(CAST(n AS VARCHAR), 4, '0'), trim(decisions), 'note', 'open', batch_id
        FROM (SELECT *, row_number() OVER (PARTITION BY project_id ORDER BY date, milestone_id) AS n
              FROM milestones) m
        WHERE decisions IS NOT NULL AND trim(decisions) <> '';
    DROP TABLE milestones;
    DROP SEQUENCE milestone_seq;
    """,
    # 17: phase III's portfolio of joint projects (portfolio.py): the candidate projects, each with the themes of the
    # interviews' `projects` it gathers, the actors added by hand, its carrier, the problems, options and objectives
    # it answers (JSON lists) and what the room scores by hand (funding prospects 0–4, months to a first result,
    # budget); the verdicts, written, never overwritten (the latest stands); the plan's actions name their project
    """
    ALTER TABLE actions ADD COLUMN project VARCHAR;
    CREATE TABLE joint_projects (
        project_id INTEGER NOT NULL,
        joint_id VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        description VARCHAR,
        themes VARCHAR,
        actors VARCHAR,
        carrier VARCHAR,
        problems VARCHAR,
        options VARCHAR,
        objectives VARCHAR,
        funding INTEGER,
        months INTEGER,
        budget DOUBLE,
        created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        batch_id INTEGER,
        PRIMARY KEY (project_id, joint_id)
    );
    CREATE SEQUENCE verdict_seq START 1;
    CREATE TABLE project_verdicts (
        project_id INTEGER NOT NULL,
        joint_id VARCHAR NOT NULL,
        verdict VARCHAR NOT NULL,
        reason VARCHAR,
        who VARCHAR,
        decided_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        verdict_seq BIGINT NOT NULL DEFAULT nextval('verdict_seq'),
        batch_id INTEGER
    );
    """,
    # 18: a problem of the long form (a Problems sheet, one per row) keeps the sheet and the Excel row it came from,
    # as an interview does (an interview's items are found by their interview): the study's evidence cites them
    """
    ALTER TABLE items ADD COLUMN source_sheet VARCHAR;
    ALTER TABLE items ADD COLUMN source_row INTEGER;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

# On PostgreSQL a migration is run natively by PostgreSQL (DuckDB's extension can neither create a sequence
# nor alter a column): its DuckDB text, with DuckDB's type names translated (`postgres_sql`), unless its
# text uses what PostgreSQL lacks (json_extract, regexp_matches…): then its PostgreSQL text is given here,
# by migration number (1-based), and the DuckDB text stays as released.
POSTGRES_MIGRATIONS: dict[int, str] = {
    # 11 without its move of the old `leaders:N` settings into project_settings (json_extract): those
    # settings predate the PostgreSQL store, none of which ever held one; their deletion is kept.
    11: """
    CREATE SEQUENCE change_seq START 1;
    CREATE TABLE changes (
        change_id BIGINT PRIMARY KEY DEFAULT nextval('change_seq'),
        project_id INTEGER,
        changed_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        who VARCHAR,
        action VARCHAR NOT NULL,
        detail VARCHAR
    );
    CREATE TABLE project_settings (
        project_id INTEGER NOT NULL,
        key VARCHAR NOT NULL,
        value VARCHAR NOT NULL,
        saved_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
        batch_id INTEGER,
        PRIMARY KEY (project_id, key)
    );
    INSERT INTO changes (project_id, action)
        SELECT project_id, 'migration' FROM projects;
    DELETE FROM settings WHERE key ~ '^(leaders|grid|problems):[0-9]+$';
    """,
}

# DuckDB's type names that PostgreSQL spells otherwise (DuckDB reads a SMALLINT back for a TINYINT).
_POSTGRES_TYPES = [(re.compile(r"\bTINYINT\b"), "SMALLINT"),
                   (re.compile(r"\bDOUBLE\b(?!\s+PRECISION)"), "DOUBLE PRECISION"),
                   (re.compile(r"\bBLOB\b"), "BYTEA")]


def postgres_sql(version: int) -> str:
    """Migration `version` (1-based) as PostgreSQL runs it."""
    if version in POSTGRES_MIGRATIONS:
        return POSTGRES_MIGRATIONS[version]
    sql = MIGRATIONS[version - 1]
    for pattern, name in _POSTGRES_TYPES:
        sql = pattern.sub(name, sql)
    return sql

# The tables an import writes to, that its undo clears (schema.py: the tables marked `undo`), the
# analysis a project workbook carries (state.py) before the data.
DATA_TABLES = schema.UNDO_TABLES


def default_db_path() -> Path | str:
    """CLUSTERLAB_DB (a file's path or a PostgreSQL URL), else `db` in .streamlit/secrets.toml, else
    data/clusterlab.duckdb."""
    chosen = os.environ.get("CLUSTERLAB_DB") or postgres.secret("db")
    if chosen and postgres.is_url(chosen):
        return chosen
    return Path(chosen or DEFAULT_DB)


def shown(target: str | Path) -> str:
    """The store's name as messages show it: a file's path, or a server's address without its password."""
    return postgres.shown(target) if postgres.is_url(target) else str(target)


def connect(path: str | Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if need be) the store and bring its schema up to date: a DuckDB file, or the
    PostgreSQL database of a `postgresql://` URL."""
    target = path if path else default_db_path()
    if postgres.is_url(str(target)):
        con = postgres.connect(str(target))
        try:
            migrate(con)
        except BaseException:
            con.close()
            raise
        return con
    if postgres.looks_like_server(target):
        raise StoreError("store.not_a_url", path=postgres.shown(str(target)))
    path = Path(target)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreError("store.locked", path=str(path)) from exc
        raise StoreError("store.unreadable", path=str(path), reason=str(exc).splitlines()[0]) from exc
    except duckdb.Error as exc:
        raise StoreError("store.unreadable", path=str(path), reason=str(exc).splitlines()[0]) from exc
    if not read_only:
        migrate(con)
    return con


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    con = con.cursor()
    exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version' "
                         "AND table_catalog = current_database() AND table_schema = current_schema()").fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def _has_schema_version(cur: duckdb.DuckDBPyConnection) -> bool:
    return bool(cur.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version' AND "
                            "table_catalog = current_database() AND table_schema = current_schema()").fetchone()[0])


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply the migrations this store lacks, each in its own transaction; return the version."""
    cur = con.cursor()
    on_postgres = postgres.is_postgres(cur)
    try:
        cur.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    "applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)")
    except duckdb.Error:
        if not on_postgres:
            raise
        cur.execute("CALL pg_clear_cache()")  # another instance, starting at the same moment, made it
        if not schema_version(cur) and not _has_schema_version(cur):
            raise
    current = schema_version(cur)
    if current > SCHEMA_VERSION:
        raise StoreError("store.too_new", found=current, known=SCHEMA_VERSION)
    for version in range(current + 1, SCHEMA_VERSION + 1):
        if on_postgres:
            _migrate_postgres(con, version)
            continue
        with transaction(con) as tx:
            tx.execute(MIGRATIONS[version - 1])
            tx.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
    return SCHEMA_VERSION


def _migrate_postgres(con: duckdb.DuckDBPyConnection, version: int) -> None:
    """Migration `version` natively on PostgreSQL, unless another instance, starting at the same time,
    applied it first (the lock makes the second wait, and then it finds the version there)."""
    try:
        with transaction(con) as tx:
            postgres.native(tx, "LOCK TABLE schema_version IN EXCLUSIVE MODE")
            if postgres.native_query(tx, f"SELECT count(*) FROM {postgres.SCHEMA}.schema_version "
                                         f"WHERE version = {version}")[0][0]:
                return
            postgres.native(tx, postgres_sql(version) + f"; INSERT INTO schema_version (version) VALUES ({version})")
    except StoreError:
        con.execute("CALL pg_clear_cache()")
        if schema_version(con) < version:  # not applied by another instance meanwhile: a real failure
            raise
    finally:
        con.execute("CALL pg_clear_cache()")


# -- units of work ------------------------------------------------------------------------------

@contextmanager
def transaction(con: duckdb.DuckDBPyConnection, pid: int | None = None, action: str | None = None,
                detail: object = None, who: roles.Identity | str | None = None
                ) -> Iterator[duckdb.DuckDBPyConnection]:
    """One unit of work on its own cursor: committed whole, or rolled back whole.

    With `action`, the write is first checked against the role of who makes it (roles.py: Forbidden,
    before anything is written), then recorded in `changes` for project `pid`, which moves the project's
    revision: every page and export recomputes what it derives from the project. A DuckDB (or PostgreSQL)
    error comes out as one of clusterlab's own (Conflict for a key or a concurrent write, else StoreError)."""
    if action:
        who = roles.require(who, action, pid, detail)
    cur = con.cursor()
    failure = None
    try:
        cur.execute("BEGIN TRANSACTION")
        try:
            yield cur
            if action:
                record_change(cur, pid, action, detail, who)
            cur.execute("COMMIT")
        except BaseException:
            try:
                cur.execute("ROLLBACK")
            except duckdb.Error:
                pass  # the failed statement or commit already ended the transaction
            raise
    except duckdb.Error as exc:
        failure = store_error(exc)
    finally:
        cur.close()
    if failure is not None:
        raise failure  # outside the except clause: not chained to a message that may quote a server's password


# What PostgreSQL says (through DuckDB's extension, as a plain duckdb.Error) when two writes meet.
_PG_CONFLICT = ("could not serialize access", "deadlock detected")
_PG_CONSTRAINT = ("violates unique constraint", "violates not-null constraint", "violates foreign key constraint",
                  "violates check constraint")


def store_error(exc: duckdb.Error) -> Conflict | StoreError:
    """clusterlab's error for a failed write."""
    text = str(exc).lower()
    if isinstance(exc, duckdb.ConstraintException) or any(w in text for w in _PG_CONSTRAINT):
        return Conflict("store.constraint", reason=_first_line(exc))
    if isinstance(exc, duckdb.TransactionException) or any(w in text for w in _PG_CONFLICT):
        return Conflict("store.busy", reason=_first_line(exc))
    if isinstance(exc, duckdb.IOException) and "no space left" in text:
        return StoreError("store.disk_full")
    translated = postgres.translate(exc)
    if translated.key == "store.unavailable":  # the server went away: nothing was written
        return translated
    return StoreError("store.write_failed", reason=_first_line(exc))


def _first_line(exc: BaseException) -> str:
    return postgres.redact((str(exc).splitlines() or [""])[0])


def record_change(cur: duckdb.DuckDBPyConnection, pid: int | None, action: str, detail: object = None,
                  who: roles.Identity | str | None = None) -> None:
    """A line in the project's history of changes (who by name and role), within the caller's transaction;
    Forbidden when who makes it may not."""
    identity = roles.require(who, action, pid, detail)
    text = detail if detail is None or isinstance(detail, str) else json.dumps(detail, ensure_ascii=False,
                                                                              default=str, sort_keys=True)
    cur.execute("INSERT INTO changes (project_id, who, role, action, detail) VALUES (?, ?, ?, ?, ?)",
                [pid, identity.name, identity.role, action, text])


def serials(cur: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """The store's serial columns: table → (column, the expression of its next value), from the columns'
    DEFAULT nextval(…) (on PostgreSQL as PostgreSQL writes it: `nextval('main.x_seq'::regclass)`)."""
    key = "postgres" if postgres.is_postgres(cur) else "duckdb"
    if key not in _SERIALS:
        if key == "postgres":
            rows = postgres.native_query(cur, "SELECT table_name, column_name, column_default FROM information_schema"
                                              f".columns WHERE table_schema = '{postgres.SCHEMA}' "
                                              "AND column_default LIKE 'nextval(%'")
        else:
            rows = cur.execute("SELECT table_name, column_name, column_default FROM information_schema.columns WHERE "
                               "table_catalog = current_database() AND column_default LIKE 'nextval(%'").fetchall()
        _SERIALS[key] = {table: (column, default) for table, column, default in rows}
    return _SERIALS[key]


_SERIALS: dict[str, dict[str, tuple[str, str]]] = {}


def fresh_ids(cur: duckdb.DuckDBPyConnection, table: str, n: int) -> list[int]:
    """`n` new values of `table`'s serial column, increasing (on PostgreSQL natively: DuckDB does not see
    PostgreSQL's sequences)."""
    if n == 0:
        return []
    default = serials(cur)[table][1]
    if postgres.is_postgres(cur):
        rows = postgres.native_query(cur, f"SELECT {default} FROM generate_series(1, {int(n)})")
    else:
        rows = cur.execute(f"SELECT {default} FROM range({int(n)})").fetchall()
    return sorted(r[0] for r in rows)


def advance(cur: duckdb.DuckDBPyConnection, table: str, beyond: int) -> None:
    """Move `table`'s serial past `beyond` (rows written with numbers of their own: `copying`)."""
    default = serials(cur)[table][1]
    if postgres.is_postgres(cur):
        sequence = default.replace("nextval(", "(", 1)  # ('main.x_seq'::regclass)
        postgres.native_query(cur, f"SELECT setval({sequence}, greatest({int(beyond)}, nextval({sequence})))")
        return
    drawn = cur.execute(f"SELECT {default}").fetchone()[0]  # DuckDB has no setval: draw up to `beyond`
    if drawn < beyond:
        cur.execute(f"SELECT max({default}) FROM range({int(beyond - drawn)})").fetchall()


def insert_row(cur: duckdb.DuckDBPyConnection, table: str, values: dict[str, object], serial: str) -> int:
    """Insert one row into `table` and return the value its `serial` column (DEFAULT nextval) gave it.

    DuckDB says it with INSERT … RETURNING, which DuckDB's postgres extension refuses; on PostgreSQL the
    next value of the column's sequence is taken first, then written with the row: safe across instances,
    in a transaction or not."""
    columns = list(values)
    params = list(values.values())
    if postgres.is_postgres(cur):
        new_id = fresh_ids(cur, table, 1)[0]
        quoted = ", ".join(f'"{c}"' for c in [serial, *columns])
        cur.execute(f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' for _ in range(len(columns) + 1))})",
                    [new_id, *params])
        return new_id
    quoted = ", ".join(f'"{c}"' for c in columns)
    return cur.execute(f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' for _ in columns)}) "
                       f"RETURNING {serial}", params).fetchone()[0]


def project_id(con: duckdb.DuckDBPyConnection, name: str, create: bool = True) -> int:
    """The id of project `name`, created when missing (unless `create` is False). Runs on `con` as it is:
    a transaction's cursor, or a cursor of one's own."""
    row = con.execute("SELECT project_id FROM projects WHERE name = ?", [name]).fetchone()
    if row:
        return row[0]
    if not create:
        raise NotFound("store.no_project", name=name, projects=", ".join(projects(con)) or "—")
    return insert_row(con, "projects", {"name": name}, "project_id")


def workspace(con: duckdb.DuckDBPyConnection, wanted: str | None) -> tuple[list[str], str, int]:
    """What a page opens on: the projects, the one to show (`wanted` when it exists, else the first,
    else a new empty demo project) and its id. Safe from any thread: it works on a cursor of its own."""
    ids = dict(con.cursor().execute("SELECT name, project_id FROM projects ORDER BY project_id").fetchall())
    if not ids:  # one query, not two: each is a round trip to a database server
        with transaction(con) as tx:
            return [DEFAULT_PROJECT], DEFAULT_PROJECT, project_id(tx, DEFAULT_PROJECT)
    names = list(ids)
    project = wanted if wanted in ids else names[0]
    return names, project, ids[project]


@dataclass(frozen=True)
class Glance:
    """What every page run reads of the store before the page itself, taken in one query: on a database
    server, each query is a round trip (about 3 ms), and a light page's rerun takes 10–25 ms."""

    users: int  # people who sign in with a code
    analysts: int
    default_project: str | None  # the analyst's setting: the project new sessions open on
    projects: dict[str, int]  # name → id, in the order they were made
    revisions: dict[int, int]  # id → the project's revision (see `revision`)


def glance(con: duckdb.DuckDBPyConnection) -> Glance:
    rows = con.cursor().execute("""
        SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM users WHERE role = ?),
               (SELECT value FROM settings WHERE key = 'project'), p.name, p.project_id,
               (SELECT count(*) FROM changes c WHERE c.project_id = p.project_id)
        FROM (SELECT 1) AS one LEFT JOIN projects p ON true ORDER BY p.project_id""", [roles.ANALYST]).fetchall()
    listed = [r for r in rows if r[4] is not None]
    return Glance(rows[0][0], rows[0][1], rows[0][2], {r[3]: r[4] for r in listed}, {r[4]: r[5] for r in listed})


def get_setting(con: duckdb.DuckDBPyConnection, key: str, default: str | None = None) -> str | None:
    row = con.cursor().execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(con: duckdb.DuckDBPyConnection, key: str, value: str | None,
                who: roles.Identity | str | None = None) -> None:
    """A store-wide setting (the default project of new sessions): the analyst's."""
    with transaction(con, None, f"settings.default_{key}", {key: value}, who) as cur:
        cur.execute("INSERT OR REPLACE INTO settings (key, value, saved_at) VALUES (?, ?, current_timestamp)",
                    [key, value])


def revision(con: duckdb.DuckDBPyConnection, pid: int) -> int:
    """How many changes the project has had: moves with every write (import, undo, edit, setting, vote,
    coding), so it keys whatever is derived from the project. The count, not the last change's number:
    two writes of two instances may commit in the other order than they drew their numbers, and the
    later commit of a smaller number would not move a maximum (an instance would keep a stale analysis)."""
    return con.cursor().execute("SELECT count(*) FROM changes WHERE project_id = ?", [pid]).fetchone()[0]


def again_when_busy(work: Callable[[], T], attempts: int = 3) -> T:
    """`work()`, done again when a write of another session or instance met it (Conflict "store.busy"):
    it then reads what that write left and decides anew (plan.update then refuses with both values)."""
    for attempt in range(attempts):
        try:
            return work()
        except Conflict as exc:
            if exc.key != "store.busy" or attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def projects(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.cursor().execute("SELECT name FROM projects ORDER BY project_id").fetchall()]


def is_empty(con: duckdb.DuckDBPyConnection) -> bool:
    """True when no project holds any actor."""
    return con.cursor().execute("SELECT count(*) FROM actors").fetchone()[0] == 0


def counts(con: duckdb.DuckDBPyConnection, pid: int) -> dict[str, int]:
    """Rows per data table in project `pid`."""
    cur = con.cursor()
    return {table: cur.execute(f"SELECT count(*) FROM {table} WHERE project_id = ?", [pid]).fetchone()[0]
            for table in schema.CSV_TABLES + schema.MATRIX_TABLES}


HISTORY_ALWAYS = ("actors", "interviews", "items", "answers", "relations", "actions")  # the lists of every study


def batches(con: duckdb.DuckDBPyConnection, pid: int, loaded_only: bool = False):
    """The project's import history, newest first, as a DataFrame: rows per data table of each import
    (with `loaded_only`, the method's lists and the other tables only when some import wrote to them)."""
    counted = ", ".join(f"CAST(json_extract(counts, '$.{t}') AS INTEGER) AS {t}"
                        for t in schema.CSV_TABLES)
    history = con.cursor().execute(f"SELECT batch_id, file_name, imported_at, {counted}, flags, undone_at, sha256 "
                                   "FROM batches WHERE project_id = ? ORDER BY batch_id DESC", [pid]).df()
    if loaded_only:
        empty = [t for t in schema.CSV_TABLES if t not in HISTORY_ALWAYS and not history[t].fillna(0).any()]
        history = history.drop(columns=empty)
    return history
