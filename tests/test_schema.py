"""The declaration of the store's tables (schema.py) and the migrations that create them never drift
apart, and a released migration is never edited."""
import dataclasses
import hashlib
import io

import duckdb
import pandas as pd
from openpyxl import load_workbook

from clusterlab import contract, demo, exporter, importer, schema, state, store
from tests.conftest import file_only
from tests.test_export import _analyse
from tests.workbooks import write_xlsx

# The sha256 of each released migration's text, in order. A new migration is appended with its own.
RELEASED = [
    "deaec6f6fd857a455f00c920c66e465fc8283ba85095094bed17f17fc38de858",  # 1: the foundation
    "235032b29ea10a0db5e41ed585ca385fa7119ee41a8b79e6f6e20fb68a4ba550",  # 2: settings
    "de43a128874fd1ffd80b4028b87a3394d5a8dd7627fc200432e03cda9cfdb260",  # 3: leader overrides
    "f4bc47cb62ecd5ac3bb961099a3c601418b0258ebfdb6ed3b883566c2ed7c065",  # 4: themes, typed items, cross options
    "bddbee84372b26c8e5564443ab9f251394e5e789bd7c22aee009b2b20ff41fd2",  # 5: pairwise, short list
    "c52d26cd0f28c5788d4d589b8d7ba4793e4291aa0a39fa941cb673e973b954ee",  # 6: votes
    "178e6145196037762cc42fdfc5e010cdd81425ffa59e0bf132e00334238949cf",  # 7: perimeters
    "36090d97e1b6ba6ec03f20b28b4608eb5f870e77e78085493b663c6e52fc18a9",  # 8: the action plan, milestones
    "f3773c75dd17e1290b42e002ab406501a2697cd23aac9d4a77fe19e1473c4abb",  # 9: the analysis with its batch
    "c9ef5d17589e92ef8ebfff3146a8ac7109bcb4e264f445613eab84b47f0e3e0a",  # 10: actor completions
    "c2a8fffb86f79f4f858c3d1d3f2d48f56d40dce49062670792b62f1dee155816",  # 11: changes, project settings
    "7f44cf4f21d730229eb3cd07c7706625e5d61ef9529d08ea2dc1d5ece9a932bd",  # 12: the import's located report
    "69ded327e29bd7d8953e3d1edd07f99e18e859fa2b921007224a7e9274192e77",  # 13: items from the room
    "8492133e3c98d71a32d8066e91997b6d496a9d594e51e24ee6ab62f10ff015db",  # 14: roles: users, tokens, changes.role
    "4cc3cb46ce939f981ba89e5a9cf928b77d7e4777a99236727dbba9372c4342bd",  # 15: MACTOR objectives, influences, positions
    "0806af0b22cb386b1cef706b9a9df91d6e875e7f3f88ec37cc4ad09a69a7f84b",  # 16: governance; milestones become meetings
    "3be5a57b2f22717968f8541d45b52b3df7923ea89ed85e64cb8f774ca3810a46",  # 17: joint projects, verdicts, actions.project
    "176ac6db56cdf4980fa9335e450c6773e48e835720e804052c0021e4b61ccda1",  # 18: a long-form problem's sheet and row
]


def _fingerprint(sql: str) -> str:
    return hashlib.sha256(sql.encode("utf-8")).hexdigest()


def _store_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    rows = con.execute("SELECT table_name, column_name, data_type FROM information_schema.columns "
                       "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position").fetchall()
    found: dict[str, list[tuple[str, str]]] = {}
    for table, column, type_ in rows:
        found.setdefault(table, []).append((column, type_))
    return found


def _declared_columns() -> dict[str, list[tuple[str, str]]]:
    return {t.name: [(c.name, c.type) for c in t.columns] for t in schema.TABLES}


@file_only  # DuckDB's types; PostgreSQL's: test_postgres.py
def test_a_migrated_store_has_exactly_the_declared_tables_columns_and_types(con):
    found, declared = _store_columns(con), _declared_columns()
    assert sorted(found) == sorted(declared)
    for table in declared:
        assert found[table] == declared[table], table


@file_only  # DuckDB's types
def test_the_comparison_sees_a_column_the_declaration_lacks(con):
    con.execute("ALTER TABLE actors ADD COLUMN email VARCHAR")
    found, declared = _store_columns(con), _declared_columns()
    assert found["actors"] == declared["actors"] + [("email", "VARCHAR")]


def test_no_released_migration_is_edited_and_each_new_one_is_fingerprinted():
    fingerprints = [_fingerprint(sql) for sql in store.MIGRATIONS]
    for version, (released, now) in enumerate(zip(RELEASED, fingerprints), start=1):
        assert now == released, f"migration {version} was released: add a new migration instead of editing it"
    assert len(fingerprints) >= len(RELEASED), "a released migration was removed"
    new = [f'"{f}",  # {v}' for v, f in enumerate(fingerprints, start=1) if v > len(RELEASED)]
    assert not new, "append the fingerprints of the new migrations to RELEASED: " + " ".join(new)


def test_an_edited_migration_changes_its_fingerprint():
    edited = store.MIGRATIONS[0].replace("name VARCHAR NOT NULL UNIQUE", "name VARCHAR NOT NULL")
    assert edited != store.MIGRATIONS[0] and _fingerprint(edited) != RELEASED[0]



def test_every_table_an_undo_clears_carries_the_batch_and_comes_back_from_the_project_workbook():
    for table in schema.TABLES:
        if table.undo:
            assert "batch_id" in table.column_names, table.name
            assert table.workbook or table.having(schema.STATE), f"{table.name}: a project workbook would lose it"


def test_the_state_sheet_carries_every_table_with_state_columns():
    assert {t.name for t in state.STATE_TABLES} == {t.name for t in schema.TABLES if t.having(schema.STATE)}
    assert state.TABLES_BY_NAME["items"].columns == ("actor_id", "field", "position", "text", "severity", "author",
                                                     "added_at")
    assert not state.TABLES_BY_NAME["voters"].has_project and state.TABLES_BY_NAME["votes"].has_project


def test_an_undo_leaves_no_row_of_its_import_anywhere(con, tmp_path):
    demo.load(con, "original")
    pid = store.project_id(con, "original")
    _analyse(con, pid)
    path = tmp_path / "project.xlsx"
    path.write_bytes(exporter.project_workbook(con, pid))
    batch = importer.import_files(con, [path], "copy").batch_ids[0]
    batched = [t.name for t in schema.TABLES if "batch_id" in t.column_names and t.name != "batches"]

    def rows_of_the_import() -> dict[str, int]:
        return {t: con.execute(f"SELECT count(*) FROM {t} WHERE batch_id = ?", [batch]).fetchone()[0]
                for t in batched}

    loaded = rows_of_the_import()
    assert all(loaded[t] for t in ("actors", "interviews", "items", "answers", "relations", "actions", "themes",
                                   "theme_wordings", "cross_options", "leader_overrides", "pairwise", "shortlist",
                                   "perimeters", "perimeter_validations", "bodies", "members", "meetings", "attendance",
                                   "decisions", "votes", "voters", "ballots"))
    importer.undo(con, batch)
    assert rows_of_the_import() == dict.fromkeys(batched, 0)


# The store type each kind of contract field is kept as.
KIND_TYPES = {"id": schema.VARCHAR, "text": schema.VARCHAR, "phase": schema.VARCHAR, "scale": schema.TINYINT,
              "date": schema.DATE, "latitude": schema.DOUBLE, "longitude": schema.DOUBLE, "count": schema.BIGINT,
              "money": schema.DOUBLE, "percent": schema.DOUBLE}


def test_every_field_of_a_sheet_is_a_store_column_the_import_writes_with_the_type_of_its_kind():
    sheets = {"actors": (), "actions": (), "relations": (),
              "interviews": ("name", *contract.LIST_FIELDS)}  # the name links to an actor; lists become items
    for sheet, elsewhere in sheets.items():
        declared = schema.BY_NAME[sheet]
        for f in contract.TABLES[sheet].fields:
            if f.name not in elsewhere:
                assert f.name in declared.having(schema.IMPORT), f"{sheet}.{f.name} is not stored"
                assert declared.types[f.name] == KIND_TYPES[f.kind], f"{sheet}.{f.name}"


def test_a_column_added_to_a_sheet_takes_its_declaration_a_migration_and_its_field(tmp_path, monkeypatch):
    """What schema.py's docstring promises, done here in memory: the import stores the new column, the
    CSV and the project workbook carry it, and the workbook loads it back."""
    def widen(table, column):
        return dataclasses.replace(table, columns=(*table.columns, column))

    actions = widen(schema.BY_NAME["actions"], schema.Column("location", schema.VARCHAR, schema.IMPORT | schema.CSV))
    monkeypatch.setattr(schema, "TABLES", tuple(actions if t.name == "actions" else t for t in schema.TABLES))
    monkeypatch.setitem(schema.BY_NAME, "actions", actions)
    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS, "ALTER TABLE actions ADD COLUMN location VARCHAR;"])
    monkeypatch.setattr(store, "SCHEMA_VERSION", len(store.MIGRATIONS))
    sheet = contract.TABLES["actions"]
    monkeypatch.setitem(contract.TABLES, "actions", dataclasses.replace(
        sheet, fields=(*sheet.fields, contract.Field("location", "text", ("lieu", "location"), "Lieu"))))

    con = store.connect(tmp_path / "wider.duckdb")
    assert _store_columns(con) == _declared_columns()
    rows = [["Titre", "Lieu", "Budget"], ["Centre de collecte", "Zahlé", 1000], ["Formation", None, 50]]
    importer.import_files(con, [write_xlsx(tmp_path / "plan.xlsx", {"Plan d'actions": rows})], "p")
    pid = store.project_id(con, "p")
    stored = "SELECT title, location FROM actions WHERE project_id = ? ORDER BY title"
    assert con.execute(stored, [pid]).fetchall() == [("Centre de collecte", "Zahlé"), ("Formation", None)]
    csv = exporter.table(con, pid, "actions")
    assert csv.columns[-1] == "location" and csv["location"].iloc[0] == "Zahlé" and pd.isna(csv["location"].iloc[1])
    data = exporter.project_workbook(con, pid, "fr")
    assert "Lieu" in [c.value for c in load_workbook(io.BytesIO(data))["Plan d'actions"][1]]
    path = tmp_path / "project.xlsx"
    path.write_bytes(data)
    importer.import_files(con, [path], "copy")
    assert con.execute(stored, [store.project_id(con, "copy")]).fetchall() == con.execute(stored, [pid]).fetchall()
    con.close()
