"""A project's data fingerprint: what a report was written from, in a few hex digits that change when the data
or the settings change and come back when they come back (unlike the revision, a count of changes).

Three parts, each a sha256:
- files: the imported files still loaded (not undone), by their own sha256 (`batches.sha256`), sorted;
- settings: the analysis settings in effect (every setting's effective value, defaults included), as
  canonical JSON;
- records: the project's rows in the tables the app writes (what was typed, and imported rows as edited
  since), each row as canonical JSON without its project and import batch, the rows sorted.
The fingerprint is the sha256 of the three, shortened to SHORT hex digits (each part too, when shown)."""
from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from dataclasses import dataclass

import duckdb

from clusterlab import settings

SHORT = 12

# The tables of a project's data that the app or an import writes, and how to find the project's rows.
RECORDS: dict[str, str] = {
    table: "project_id = ?" for table in (
        "actors", "relations", "interviews", "items", "answers", "extra_fields", "actions", "themes",
        "theme_wordings", "cross_options", "leader_overrides", "pairwise", "shortlist", "perimeters",
        "perimeter_validations", "objectives", "influences", "positions", "bodies", "members", "meetings",
        "attendance", "decisions", "joint_projects", "project_verdicts", "votes")
} | {
    "voters": "vote_id IN (SELECT vote_id FROM votes WHERE project_id = ?)",
    "ballots": "vote_id IN (SELECT vote_id FROM votes WHERE project_id = ?)",
}
# Tables of the store left out, and why (a test checks that every table is in one list or the other).
LEFT_OUT = {
    "batches": "the files part",
    "project_settings": "the settings part",
    "actor_completions": "an import's bookkeeping, to undo it",
    "changes": "the log of who changed what and when",
    "checkins": "the devices that checked in (the attendance they wrote is counted)",
    "projects": "the project's name and creation",
    "schema_version": "the store's, not the project's",
    "settings": "the store's, not the project's",
    "column_mappings": "the store's, not the project's",
    "tokens": "who may sign in, not data",
    "users": "who may sign in, not data",
}
IGNORED_COLUMNS = ("project_id", "batch_id")  # which project and which import: not what the data say
# Stamps the store writes with the moment of the write, an import's included: the same file imported twice
# would otherwise give two fingerprints. (The attendance's status, person and source are counted.)
WRITE_TIMES = {"attendance": ("checked_at",)}


@dataclass(frozen=True)
class Fingerprint:
    files: str
    settings: str
    records: str
    n_files: int

    @property
    def full(self) -> str:
        """The sha256 of the three parts."""
        return _sha(f"files:{self.files}\nsettings:{self.settings}\nrecords:{self.records}".encode())

    @property
    def short(self) -> str:
        return self.full[:SHORT]

    def parts(self) -> dict[str, str]:
        """Each part shortened, by name (files, settings, records)."""
        return {"files": self.files[:SHORT], "settings": self.settings[:SHORT], "records": self.records[:SHORT]}


def of(con: duckdb.DuckDBPyConnection, pid: int, values: dict | None = None) -> Fingerprint:
    """The fingerprint of project `pid` as it stands; `values`: its settings when the caller has read them."""
    cur = con.cursor()
    shas = sorted(r[0] for r in cur.execute(
        "SELECT sha256 FROM batches WHERE project_id = ? AND undone_at IS NULL", [pid]).fetchall())
    return Fingerprint(files=_sha("\n".join(shas).encode()),
                       settings=settings_hash(settings.read(con, pid) if values is None else values),
                       records=records_hash(con, pid), n_files=len(shas))


def settings_hash(values: dict) -> str:
    """The sha256 of the settings' effective values as canonical JSON (sorted keys, no spaces)."""
    return _sha(_canonical(values).encode())


def records_hash(con: duckdb.DuckDBPyConnection, pid: int) -> str:
    """The sha256 of the project's rows in RECORDS, table by table in name order, each table's rows sorted."""
    digest = hashlib.sha256()
    cur = con.cursor()
    for table in sorted(RECORDS):
        result = cur.execute(f'SELECT * FROM "{table}" WHERE {RECORDS[table]}', [pid])
        names = [d[0] for d in result.description]
        left_out = (*IGNORED_COLUMNS, *WRITE_TIMES.get(table, ()))
        rows = sorted(_canonical({n: v for n, v in zip(names, row, strict=True) if n not in left_out})
                      for row in result.fetchall())
        digest.update(f"{table}\n".encode())
        for row in rows:
            digest.update(row.encode())
            digest.update(b"\n")
    return digest.hexdigest()


def _canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain)


def _plain(value: object) -> object:
    """JSON for what json does not write itself: dates and times in ISO form, decimals as text, bytes in hex."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray):
        return value.hex()
    return str(value)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
