"""The store on a PostgreSQL server: its address, its password, and DuckDB opened on it.

`connect(url)` opens DuckDB with the PostgreSQL database as its main catalog (DuckDB's `postgres`
extension, shipped offline by the package `duckdb-extension-postgres`): every cursor then runs DuckDB's
SQL on tables that live in PostgreSQL, in the PostgreSQL schema `main` (DuckDB's default schema name),
so that the rest of clusterlab does not know which store it runs on.

Where DuckDB's extension falls short, PostgreSQL is spoken natively through the extension's
`postgres_execute`/`postgres_query`, in the same transaction (`native`, `native_query`):
- migrations (the extension cannot create a sequence nor alter a column): `store.migrate`;
- a serial column's next numbers (the extension refuses INSERT … RETURNING and does not see PostgreSQL's
  sequences): `store.insert_row`, `store.fresh_ids`, `store.advance` (copying.py).
No other driver is needed (psycopg is not used). One more difference to mind: through the extension, the
new row of an upsert (INSERT OR REPLACE / OR IGNORE / ON CONFLICT) gets no column DEFAULT: such an
INSERT writes every defaulted column itself (users.add).

The password comes from the URL, or CLUSTERLAB_DB_PASSWORD, or `.streamlit/secrets.toml` (`db_password`), or
libpq's own PGPASSWORD / ~/.pgpass. It is never shown: messages name the server by `shown(url)` (no password),
and `redact` takes it out of any text of DuckDB's or PostgreSQL's (the extension's own messages quote the
address it was given, password included), whose exceptions are not chained to ours.
"""
from __future__ import annotations

import getpass
import os
import re
import shutil
import tempfile
import tomllib
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import duckdb

from clusterlab.errors import StoreError

SCHEMES = ("postgresql", "postgres")
SCHEMA = "main"  # DuckDB's default schema: the app's tables, in PostgreSQL
POOL = 16  # PostgreSQL connections per process (the extension's default, 4, makes sessions wait)


def is_url(target: object) -> bool:
    """True for `postgresql://…` (or `postgres://…`)."""
    return isinstance(target, str) and urlsplit(target).scheme.lower() in SCHEMES and "://" in target


def looks_like_server(target: object) -> bool:
    """A text meant as a server's address that is not one we take (`host=… dbname=…`, `user@host:5432/db`,
    `postgresql:/db`, `mysql://…`): it must not silently become a DuckDB file of that name."""
    text = str(target)
    if is_url(text):
        return False
    if "://" in text or re.match(r"^(postgres(ql)?|pg):", text, re.I):
        return True
    if re.search(r"\b(host|dbname|user)=", text):
        return True
    return bool(re.match(r"^[\w.-]+@[\w.-]+(:\d+)?(/\w*)?$", text))


def shown(url: str) -> str:
    """The address without its password, as messages and logs may show it."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{quote(user)}:***@{netloc}" if user else f"***@{netloc}"))


def secret(name: str) -> str | None:
    """A value of `.streamlit/secrets.toml` (the project's, then the user's), without Streamlit."""
    for folder in (Path.cwd() / ".streamlit", Path.home() / ".streamlit"):
        path = folder / "secrets.toml"
        try:
            value = tomllib.loads(path.read_text(encoding="utf-8")).get(name)
        except (OSError, tomllib.TOMLDecodeError):
            continue
        if value:
            return str(value)
    return None


def with_password(url: str) -> str:
    """The URL DuckDB connects with: the password of the URL, else CLUSTERLAB_DB_PASSWORD, else the secrets'
    `db_password`, else none (libpq then reads PGPASSWORD or ~/.pgpass itself)."""
    parts = urlsplit(url)
    if parts.password is not None:
        return url
    password = os.environ.get("CLUSTERLAB_DB_PASSWORD") or secret("db_password")
    if not password:
        return url
    user = quote(parts.username or os.environ.get("PGUSER") or getpass.getuser(), safe="")
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{user}:{quote(password, safe='')}@{host}"))


def redact(text: str) -> str:
    """`text` with any password hidden: of a URL (`user:secret@`), of a keyword string (`password=secret`)."""
    text = re.sub(r"(://[^/\s:@]*:)[^@\s]*@", r"\1***@", text)
    text = re.sub(r"(password\s*=\s*)\S+", r"\1***", text, flags=re.I)
    for name in ("CLUSTERLAB_DB_PASSWORD", "PGPASSWORD"):
        secret = os.environ.get(name)
        if secret:
            text = text.replace(secret, "***").replace(quote(secret, safe=""), "***")
    return text


def extension_directory() -> Path:
    """A DuckDB extension directory holding the packaged postgres extension under the name DuckDB loads it
    by (`postgres_scanner`; the package's `postgres.duckdb_extension` lacks the entry point DuckDB expects
    for that name). Copied once per user and DuckDB version."""
    import duckdb_extension_postgres

    version = f"v{duckdb.__version__}"
    source = Path(duckdb_extension_postgres.__file__).parent / "extensions" / version / "postgres.duckdb_extension"
    if not source.exists():
        raise StoreError("store.pg_extension", version=duckdb.__version__)
    platform = duckdb.connect().execute("PRAGMA platform").fetchone()[0]
    caches = [Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "clusterlab",
              Path(tempfile.gettempdir()) / f"clusterlab-{os.getuid()}"]  # a home one may not write to
    for cache in caches:
        root = cache / "duckdb_extensions"
        target = root / version / platform / "postgres_scanner.duckdb_extension"
        try:
            if not target.exists() or target.stat().st_size != source.stat().st_size:
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = target.with_suffix(f".{os.getpid()}.part")
                shutil.copyfile(source, partial)
                partial.replace(target)  # atomic: another process never loads half a file
            return root
        except OSError:
            continue
    raise StoreError("store.pg_extension", version=duckdb.__version__)


def extension_path() -> Path:
    """The extension's file, for a connection opened otherwise (a DuckDB file's) to LOAD."""
    root = extension_directory()
    return next(root.glob(f"v{duckdb.__version__}/*/postgres_scanner.duckdb_extension"))


def connect(url: str) -> duckdb.DuckDBPyConnection:
    """DuckDB on the PostgreSQL database at `url`, its schema `main` created when missing."""
    # Ours is raised outside the except clauses, not chained to DuckDB's message: it holds the password.
    failure = None
    try:
        con = duckdb.connect(f"postgres:{with_password(url)}", config={
            "extension_directory": str(extension_directory()), "autoinstall_known_extensions": False,
            "autoload_known_extensions": True})
    except duckdb.Error as exc:
        failure = translate(exc, url)
    if failure:
        raise failure
    try:
        con.execute(f"SET GLOBAL pg_pool_max_connections = {POOL}")
        con.execute(f"SET GLOBAL pg_connection_limit = {POOL}")
        if not _has_schema(con):
            try:
                native(con, f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
            except duckdb.Error:
                # Two instances creating it at the same moment: PostgreSQL's IF NOT EXISTS does not stop the
                # second one's duplicate key (seen in CI). The schema is there: the other instance made it.
                if not _has_schema(con):
                    raise
            con.execute("CALL pg_clear_cache()")
    except duckdb.Error as exc:
        con.close()
        failure = translate(exc, url)
    if failure:
        raise failure
    return con


def is_postgres(con: duckdb.DuckDBPyConnection) -> bool:
    """True when `con` (a connection or a cursor) runs on PostgreSQL."""
    return con.execute("SELECT type FROM duckdb_databases() WHERE database_name = current_database()"
                       ).fetchone()[0] == "postgres"


def literal(text: str) -> str:
    """`text` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _has_schema(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute("SELECT count(*) FROM postgres_query(current_database(), "
                            f"'SELECT 1 FROM pg_namespace WHERE nspname = ''{SCHEMA}''')").fetchone()[0])


def native(cur: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Run `sql` in PostgreSQL's own dialect, in `cur`'s transaction, with the app's schema first in the path.
    Call `pg_clear_cache()` after a change of tables, so that DuckDB sees it."""
    cur.execute(f"CALL postgres_execute(current_database(), {literal(f'SET LOCAL search_path TO {SCHEMA}; ' + sql)})")


def native_query(cur: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    """The rows of a query in PostgreSQL's own dialect, in `cur`'s transaction."""
    return cur.execute(f"SELECT * FROM postgres_query(current_database(), {literal(sql)})").fetchall()


# PostgreSQL's words for what goes wrong, and what clusterlab says (errors.py; locales' store.*).
_UNAVAILABLE = ("connection refused", "could not connect", "server closed the connection", "terminating connection",
                "connection to server", "no connection to the server", "the database system is starting up",
                "the database system is shutting down", "ssl syscall", "broken pipe", "timeout expired",
                "connection pool", "eof detected")


def translate(exc: BaseException, url: str | None = None) -> StoreError:
    """clusterlab's error for a failure to reach or use the server (never with the password)."""
    text = str(exc)
    low = text.lower()
    where = shown(url) if url else ""
    if "password authentication failed" in low or "no password supplied" in low or "role" in low and \
            "does not exist" in low or "pg_hba.conf" in low:
        return StoreError("store.pg_auth", address=where)
    if "database" in low and "does not exist" in low:
        return StoreError("store.pg_no_database", address=where)
    if "could not translate host name" in low or "name or service not known" in low:
        return StoreError("store.pg_unreachable", address=where)
    if any(word in low for word in _UNAVAILABLE):
        return StoreError("store.unavailable", address=where)
    if "permission denied" in low:
        return StoreError("store.pg_denied", address=where, reason=_clean(text))
    return StoreError("store.unreadable", path=where, reason=_clean(text))


def _clean(text: str) -> str:
    """The first line of a message, any password it might carry hidden."""
    return redact((text.splitlines() or [""])[0])
