"""The store's tables, declared once: each column with its type and its roles, each table with its own.

The migrations (`store.MIGRATIONS`) create the tables; everything else reads them from here: the
import's record buffers and their Arrow types (`records.py`), the CSV export (`exporter.py`), what
an undo clears (`store.DATA_TABLES`), what the project workbook's hidden sheet carries (`state.py`).
`tests/test_schema.py` checks that a freshly migrated store has exactly these tables, columns (in
this order) and types, and that no released migration is ever edited.

Column roles:
- IMPORT: in the import's record buffer for the table: an import writes it;
- CSV: a column of the table's CSV export (`actors.csv`…), in the order declared here; the names
  are the contract's English field names, a public interface;
- STATE: carried by the hidden `clusterlab` sheet of the project workbook (`state.py`).
Table roles: `undo` (an import's rows carry its batch_id, and undoing the import deletes them),
`workbook` (the contract's sheets of the project workbook carry its rows), `csv_order` (the order
of the rows of its CSV export).

To add a column, say a `location` to the actions of the contract (`tests/test_schema.py` does just that):
1. declare it here, at the end of its table (a migration appends it):
   `Column("location", VARCHAR, IMPORT | CSV)`;
2. append a migration to `store.MIGRATIONS`, `ALTER TABLE actions ADD COLUMN location VARCHAR;`, and its
   fingerprint to `RELEASED` in `tests/test_schema.py` (the test prints it);
3. when a workbook's sheet gives it, declare the sheet's field in `contract.py`: its kind, the words
   that name it and its French label.
The import reads it by its kind and stores it; the CSV export and the project workbook carry it, and
the workbook loads it back. Nothing else changes, unless the field needs a rule of its own (`validate.py`).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Flag

# Types as DuckDB's information_schema names them.
VARCHAR, BOOLEAN, TINYINT, INTEGER, BIGINT, DOUBLE = "VARCHAR", "BOOLEAN", "TINYINT", "INTEGER", "BIGINT", "DOUBLE"
DATE, TIMESTAMP = "DATE", "TIMESTAMP"


class Role(Flag):
    """What a column is for, beyond being stored (see the module's docstring)."""

    NONE = 0
    IMPORT = 1
    CSV = 2
    STATE = 4


NONE, IMPORT, CSV, STATE = Role.NONE, Role.IMPORT, Role.CSV, Role.STATE


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    roles: Role = NONE


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    undo: bool = False  # rows carry the batch_id of the import that added them; its undo deletes them
    workbook: bool = False  # the contract's sheets of the project workbook carry its rows
    csv_order: str = ""  # ORDER BY of its CSV export

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def having(self, role: Role) -> tuple[str, ...]:
        """The names of the columns that have `role`, in their order."""
        return tuple(c.name for c in self.columns if role in c.roles)

    @property
    def types(self) -> dict[str, str]:
        return {c.name: c.type for c in self.columns}


def _project() -> Column:
    return Column("project_id", INTEGER)


def _batch() -> Column:
    return Column("batch_id", INTEGER)


TABLES: tuple[Table, ...] = (
    Table("schema_version", (Column("version", INTEGER), Column("applied_at", TIMESTAMP))),
    # 1: the foundation
    Table("projects", (_project(), Column("name", VARCHAR), Column("created_at", TIMESTAMP))),
    Table("batches", (
        _batch(), _project(), Column("file_name", VARCHAR), Column("sha256", VARCHAR),
        Column("imported_at", TIMESTAMP), Column("counts", VARCHAR), Column("flags", INTEGER),
        Column("undone_at", TIMESTAMP), Column("report", VARCHAR))),
    Table("actors", (
        _project(),
        Column("actor_id", VARCHAR, IMPORT | CSV),
        Column("name", VARCHAR, IMPORT | CSV),
        Column("name_key", VARCHAR, IMPORT),
        Column("category", VARCHAR, IMPORT | CSV),
        Column("stage", VARCHAR, IMPORT | CSV),
        Column("locality", VARCHAR, IMPORT | CSV),
        Column("region", VARCHAR, IMPORT | CSV),
        Column("latitude", DOUBLE, IMPORT | CSV),
        Column("longitude", DOUBLE, IMPORT | CSV),
        Column("size", BIGINT, IMPORT | CSV),
        Column("influence", TINYINT, IMPORT | CSV),
        Column("interest", TINYINT, IMPORT | CSV),
        Column("contact", VARCHAR, IMPORT | CSV),
        Column("created_from", VARCHAR, IMPORT),  # 'list', or 'reference': created from a mention
        _batch(),
    ), undo=True, workbook=True, csv_order="actor_id"),
    Table("interviews", (
        _project(),
        Column("interview_id", VARCHAR, IMPORT | CSV),
        Column("actor_id", VARCHAR, IMPORT | CSV),
        Column("date", DATE, IMPORT | CSV),
        Column("interviewer", VARCHAR, IMPORT | CSV),
        Column("willingness", TINYINT, IMPORT | CSV),
        Column("capacity_to_participate", TINYINT, IMPORT | CSV),
        Column("source_file", VARCHAR, IMPORT),
        Column("source_sheet", VARCHAR, IMPORT),
        Column("source_row", INTEGER, IMPORT),
        _batch(),
    ), undo=True, workbook=True, csv_order="interview_id"),
    # One row per list item of an interview; a problem of the long form and an item typed in the
    # room have no interview.
    Table("items", (
        _project(),
        Column("interview_id", VARCHAR, IMPORT | CSV),
        Column("actor_id", VARCHAR, IMPORT | CSV | STATE),  # 13: none for an item from the room
        Column("field", VARCHAR, IMPORT | CSV | STATE),
        Column("position", INTEGER, IMPORT | STATE),
        Column("text", VARCHAR, IMPORT | CSV | STATE),
        Column("severity", TINYINT, IMPORT | CSV | STATE),
        Column("linked_actor_id", VARCHAR, IMPORT),  # the actor a partner names
        _batch(),
        Column("author", VARCHAR, STATE),  # 4: items typed in the room (13: who said it, from the room)
        Column("added_at", TIMESTAMP, STATE),
        Column("source_sheet", VARCHAR, IMPORT),  # 18: a problem of the long form: its sheet and Excel row
        Column("source_row", INTEGER, IMPORT),  # (an interview's items: their interview's)
    ), undo=True, workbook=True, csv_order="interview_id NULLS LAST, actor_id, field, position"),
    Table("answers", (
        _project(),
        Column("interview_id", VARCHAR, IMPORT | CSV),
        Column("question", VARCHAR, IMPORT | CSV),
        Column("answer", VARCHAR, IMPORT | CSV),
        _batch(),
    ), undo=True, workbook=True, csv_order="interview_id, question"),
    Table("relations", (
        _project(),
        Column("source", VARCHAR, IMPORT | CSV),
        Column("target", VARCHAR, IMPORT | CSV),
        Column("type", VARCHAR, IMPORT | CSV),
        Column("strength", TINYINT, IMPORT | CSV),
        _batch(),
    ), undo=True, workbook=True, csv_order="source, target, type NULLS FIRST, strength NULLS FIRST"),
    Table("actions", (
        _project(),
        Column("action_id", VARCHAR, IMPORT | CSV),
        Column("title", VARCHAR, IMPORT | CSV),
        Column("description", VARCHAR, IMPORT | CSV),
        Column("problem", VARCHAR, IMPORT | CSV),
        Column("phase", VARCHAR, IMPORT | CSV),
        Column("owner", VARCHAR, IMPORT | CSV),
        Column("partners", VARCHAR, IMPORT | CSV),
        Column("start", DATE, IMPORT | CSV),
        Column("end", DATE, IMPORT | CSV),
        Column("budget", DOUBLE, IMPORT | CSV),
        Column("funding_source", VARCHAR, IMPORT | CSV),
        Column("status", VARCHAR, IMPORT | CSV),
        Column("progress", DOUBLE, IMPORT | CSV),
        _batch(),
        Column("funding_status", VARCHAR, IMPORT | CSV),  # 8: the plan as the programme manager edits it
        Column("indicator", VARCHAR, IMPORT | CSV),
        Column("indicator_target", DOUBLE, IMPORT | CSV),
        Column("indicator_value", DOUBLE, IMPORT | CSV),
        Column("version", INTEGER),  # moves with every edit: two people never overwrite each other silently
        Column("project", VARCHAR, IMPORT | CSV),  # 17: the joint project it belongs to (portfolio.py)
    ), undo=True, workbook=True, csv_order="action_id"),
    # The other columns of a sheet, kept: record_id is the row's actor, action, problem or relation
    # (`records.problem_record`, `records.relation_record`).
    Table("extra_fields", (
        _project(),
        Column("table_name", VARCHAR, IMPORT),
        Column("record_id", VARCHAR, IMPORT),
        Column("name", VARCHAR, IMPORT),
        Column("value", VARCHAR, IMPORT),
        _batch(),
    ), undo=True, workbook=True),
    Table("column_mappings", (Column("headers_key", VARCHAR), Column("table_name", VARCHAR),
                              Column("mapping", VARCHAR), Column("saved_at", TIMESTAMP))),
    # 2: what the user chooses in the app, kept across restarts
    Table("settings", (Column("key", VARCHAR), Column("value", VARCHAR), Column("saved_at", TIMESTAMP))),
    # 3 and later: the analysis, carried by the project workbook's hidden sheet
    Table("leader_overrides", (
        _project(),
        Column("actor_id", VARCHAR, STATE),
        Column("is_leader", BOOLEAN, STATE),
        Column("reason", VARCHAR, STATE),
        Column("decided_at", TIMESTAMP, STATE),
        _batch(),
    ), undo=True),
    Table("themes", (
        Column("theme_id", INTEGER, STATE),
        _project(),
        Column("field", VARCHAR, STATE),
        Column("label", VARCHAR, STATE),
        Column("created_at", TIMESTAMP, STATE),
        _batch(),
    ), undo=True),
    Table("theme_wordings", (
        _project(),
        Column("field", VARCHAR, STATE),
        Column("wording_key", VARCHAR, STATE),
        Column("theme_id", INTEGER, STATE),
        _batch(),
    ), undo=True),
    Table("cross_options", (
        Column("option_id", INTEGER, STATE),
        _project(),
        Column("combination", VARCHAR, STATE),
        Column("theme_a", VARCHAR, STATE),
        Column("theme_b", VARCHAR, STATE),
        Column("option", VARCHAR, STATE),
        Column("author", VARCHAR, STATE),
        Column("created_at", TIMESTAMP, STATE),
        Column("action_id", VARCHAR, STATE),
        _batch(),
    ), undo=True),
    Table("pairwise", (
        _project(),
        Column("problem_a", VARCHAR, STATE),
        Column("problem_b", VARCHAR, STATE),
        Column("winner", VARCHAR, STATE),
        Column("decided_at", TIMESTAMP, STATE),
        _batch(),
    ), undo=True),
    Table("shortlist", (
        _project(),
        Column("problem", VARCHAR, STATE),
        Column("reason", VARCHAR, STATE),
        Column("decided_at", TIMESTAMP, STATE),
        _batch(),
    ), undo=True),
    Table("votes", (
        Column("vote_id", INTEGER, STATE),
        _project(),
        Column("title", VARCHAR, STATE),
        Column("problems", VARCHAR, STATE),
        Column("dots", INTEGER, STATE),
        Column("is_open", BOOLEAN, STATE),
        Column("created_at", TIMESTAMP, STATE),
        _batch(),
    ), undo=True),
    Table("voters", (
        Column("vote_id", INTEGER, STATE),
        Column("participant", VARCHAR, STATE),
        Column("voted_at", TIMESTAMP, STATE),
        _batch(),
    ), undo=True),
    Table("ballots", (
        Column("vote_id", INTEGER, STATE),
        Column("participant", VARCHAR, STATE),
        Column("problem", VARCHAR, STATE),
        Column("dots", INTEGER, STATE),
        _batch(),
    ), undo=True),
    Table("perimeters", (
        Column("scenario_id", INTEGER, STATE),
        _project(),
        Column("name", VARCHAR, STATE),
        Column("author", VARCHAR, STATE),
        Column("rationale", VARCHAR, STATE),
        Column("choice", VARCHAR, STATE),
        Column("created_at", TIMESTAMP, STATE),
        _batch(),
    ), undo=True),
    Table("perimeter_validations", (
        _project(),
        Column("scenario_id", INTEGER, STATE),
        Column("event", VARCHAR, STATE),
        Column("who", VARCHAR, STATE),
        Column("note", VARCHAR, STATE),
        Column("decided_at", TIMESTAMP, STATE),
        _batch(),
    ), undo=True),
    # 10: what an actor list filled in on actors created from mentions, for its undo (importer.py)
    Table("actor_completions", (_project(), _batch(), Column("actor_id", VARCHAR), Column("previous", VARCHAR))),
    # 11: every write, the project's revision; per-project analysis settings
    Table("changes", (
        Column("change_id", BIGINT), Column("project_id", INTEGER), Column("changed_at", TIMESTAMP),
        Column("who", VARCHAR), Column("action", VARCHAR), Column("detail", VARCHAR), Column("role", VARCHAR))),
    Table("project_settings", (
        _project(), Column("key", VARCHAR), Column("value", VARCHAR), Column("saved_at", TIMESTAMP), _batch())),
    # 14: who signs in (codes hashed) and the tokens of links (roles.py, users.py); never exported
    Table("users", (Column("name", VARCHAR), Column("role", VARCHAR), Column("code_hash", VARCHAR),
                    Column("projects", VARCHAR), Column("created_at", TIMESTAMP))),
    Table("tokens", (Column("token_hash", VARCHAR), Column("kind", VARCHAR), Column("vote_id", INTEGER),
                     Column("projects", VARCHAR), Column("shown", VARCHAR), Column("label", VARCHAR),
                     Column("created_at", TIMESTAMP), Column("revoked_at", TIMESTAMP),
                     Column("project_id", INTEGER), Column("meeting_id", VARCHAR))),  # 16: a check-in's link
    # 15: phase III (MACTOR): objectives (the contract's `Objectives` sheet), influences and positions (the
    # `MID` and `MAO` matrix sheets; the hidden sheet carries them with their source and evidence)
    Table("objectives", (
        _project(),
        Column("objective_id", VARCHAR, IMPORT | CSV),
        Column("objective", VARCHAR, IMPORT | CSV),
        Column("stake", VARCHAR, IMPORT | CSV),
        Column("description", VARCHAR, IMPORT | CSV),
        Column("origin", VARCHAR, IMPORT),  # typed, sheet, problem, option
        _batch(),
    ), undo=True, workbook=True, csv_order="objective_id"),
    Table("influences", (
        _project(),
        Column("from_actor_id", VARCHAR, IMPORT | STATE),
        Column("to_actor_id", VARCHAR, IMPORT | STATE),
        Column("value", TINYINT, IMPORT | STATE),
        Column("source", VARCHAR, IMPORT | STATE),  # proposed, confirmed
        Column("evidence", VARCHAR, IMPORT | STATE),
        Column("who", VARCHAR, STATE),
        Column("decided_at", TIMESTAMP, STATE),
        Column("seq", BIGINT),
        _batch(),
    ), undo=True),
    Table("positions", (
        _project(),
        Column("actor_id", VARCHAR, IMPORT | STATE),
        Column("objective_id", VARCHAR, IMPORT | STATE),
        Column("value", TINYINT, IMPORT | STATE),
        Column("source", VARCHAR, IMPORT | STATE),
        Column("evidence", VARCHAR, IMPORT | STATE),
        Column("who", VARCHAR, STATE),
        Column("decided_at", TIMESTAMP, STATE),
        Column("seq", BIGINT),
        _batch(),
    ), undo=True),
    # 16: governance and participation: bodies and their members, meetings (the plan's milestones became
    # meetings), attendance (typed, from a sheet, or checked in from a phone: one device once), decisions
    Table("bodies", (
        _project(),
        Column("body_id", VARCHAR, IMPORT | CSV),
        Column("kind", VARCHAR, IMPORT | CSV),  # CP, TC, AT, WG, GOV, OTHER (bodies.KINDS)
        Column("name", VARCHAR, IMPORT | CSV),
        Column("mandate", VARCHAR, IMPORT | CSV),
        Column("start", DATE, IMPORT | CSV),
        Column("end", DATE, IMPORT | CSV),
        _batch(),
    ), undo=True, workbook=True, csv_order="body_id"),
    Table("members", (
        _project(),
        Column("body_id", VARCHAR, IMPORT | CSV),
        Column("actor_id", VARCHAR, IMPORT | CSV),
        Column("person", VARCHAR, IMPORT | CSV),
        Column("role", VARCHAR, IMPORT | CSV),  # chair, member, observer, secretary
        _batch(),
    ), undo=True, workbook=True, csv_order="body_id, actor_id"),
    Table("meetings", (
        _project(),
        Column("meeting_id", VARCHAR, IMPORT | CSV),
        Column("kind", VARCHAR, IMPORT | CSV),  # AP, CP, SN, TC, OTHER (meetings.KINDS)
        Column("title", VARCHAR, IMPORT | CSV),
        Column("date", DATE, IMPORT | CSV),
        Column("place", VARCHAR, IMPORT | CSV),
        Column("agenda", VARCHAR, IMPORT | CSV),
        Column("body_id", VARCHAR, IMPORT | CSV),
        Column("minutes", VARCHAR, IMPORT | CSV),
        Column("checkin_open", BOOLEAN),
        _batch(),
    ), undo=True, workbook=True, csv_order="date, meeting_id"),
    Table("attendance", (
        Column("attendance_id", INTEGER),
        _project(),
        Column("meeting_id", VARCHAR, IMPORT | CSV),
        Column("actor_id", VARCHAR, IMPORT | CSV),  # none for an organisation typed on a phone, to reconcile
        Column("organisation", VARCHAR, IMPORT | CSV),
        Column("person", VARCHAR, IMPORT | CSV),
        Column("status", VARCHAR, IMPORT | CSV),  # present, excused, absent
        Column("source", VARCHAR, IMPORT | CSV),  # typed, checkin, sheet
        Column("checked_at", TIMESTAMP),
        _batch(),
    ), undo=True, workbook=True, csv_order="meeting_id, actor_id NULLS LAST, organisation, person, attendance_id"),
    Table("checkins", (_project(), Column("meeting_id", VARCHAR), Column("device", VARCHAR),
                       Column("checked_at", TIMESTAMP))),
    Table("decisions", (
        _project(),
        Column("decision_id", VARCHAR, IMPORT | CSV),
        Column("meeting_id", VARCHAR, IMPORT | CSV),
        Column("text", VARCHAR, IMPORT | CSV),
        Column("kind", VARCHAR, IMPORT | CSV),  # note, action, perimeter, shortlist, objectives, portfolio
        Column("target", VARCHAR, IMPORT | CSV),  # the action's id, the perimeter scenario's id
        Column("owner", VARCHAR, IMPORT | CSV),
        Column("due", DATE, IMPORT | CSV),
        Column("status", VARCHAR, IMPORT | CSV),  # open, done, dropped
        _batch(),
    ), undo=True, workbook=True, csv_order="decision_id"),
    # 17: phase III's portfolio of joint projects (portfolio.py); the hidden sheet carries them
    Table("joint_projects", (
        _project(),
        Column("joint_id", VARCHAR, STATE),
        Column("title", VARCHAR, STATE),
        Column("description", VARCHAR, STATE),
        Column("themes", VARCHAR, STATE),
        Column("actors", VARCHAR, STATE),
        Column("carrier", VARCHAR, STATE),
        Column("problems", VARCHAR, STATE),
        Column("options", VARCHAR, STATE),
        Column("objectives", VARCHAR, STATE),
        Column("funding", INTEGER, STATE),
        Column("months", INTEGER, STATE),
        Column("budget", DOUBLE, STATE),
        Column("created_at", TIMESTAMP, STATE),
        _batch(),
    ), undo=True),
    Table("project_verdicts", (
        _project(),
        Column("joint_id", VARCHAR, STATE),
        Column("verdict", VARCHAR, STATE),
        Column("reason", VARCHAR, STATE),
        Column("who", VARCHAR, STATE),
        Column("decided_at", TIMESTAMP, STATE),
        Column("verdict_seq", BIGINT),  # the order verdicts were given in (the latest stands)
        _batch(),
    ), undo=True),
)
BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}

# The project's data, one CSV file each (`export --format csv`), and the rows an import reports it loaded.
CSV_TABLES = tuple(t.name for t in TABLES if t.having(CSV))
# MACTOR's matrix cells: no CSV of their own (the matrices' views are), but counted with the project's data.
MATRIX_TABLES = ("influences", "positions")
# The tables an import writes to, that its undo clears: in the reverse order of their declaration,
# so that the analysis goes before the data it refers to.
UNDO_TABLES = tuple(t.name for t in reversed(TABLES) if t.undo)
