"""The fast paths of an import (files read side by side, whole columns converted at once, rows
written on a thread while validation goes on) give the same store as the plain ones, and fail
as cleanly."""
import gc
from datetime import date

import pytest

from clusterlab import importer, records, store, values
from tests.workbooks import ACTORS, GRID, write_xlsx

TABLES = ("actors", "interviews", "items", "answers")


@pytest.fixture
def files(tmp_path):
    return (write_xlsx(tmp_path / "acteurs.xlsx", {"Acteurs": ACTORS}),
            write_xlsx(tmp_path / "grille.xlsx", {"Grille d'entretien": GRID}))


def _contents(con) -> dict[str, list[tuple]]:
    return {t: con.execute(f"SELECT * EXCLUDE (batch_id) FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


@pytest.mark.parametrize("cells", [
    ["Coopérative El Amal", "", "  Prix du lait (5) ", "Ferme Saadé 🐄", "x" * 5000, "œuvre; ß"],
    ["a"], [""], ["", ""],
])
def test_a_column_of_text_converts_in_one_piece_to_the_same_strings(cells):
    assert values._joined_text_array(cells) is not None
    assert values.as_text_array(cells).to_pylist() == cells


@pytest.mark.parametrize("cells, expected", [
    (["a", None], ["a", None]),
    (["a", 4.0, date(2026, 3, 4)], ["a", "4", "2026-03-04"]),
    (["a\x00b", "c"], ["a\x00b", "c"]),
    ([], []),
])
def test_a_column_that_is_not_all_text_is_converted_cell_by_cell(cells, expected):
    assert values._joined_text_array(cells) is None
    assert values.as_text_array(cells).to_pylist() == expected


def test_rows_written_on_the_writer_thread_give_the_same_store(files, tmp_path, monkeypatch):
    plain = store.connect(tmp_path / "plain.duckdb")
    importer.import_files(plain, list(files), "p")
    expected = _contents(plain)
    plain.close()

    written = []
    insert = importer._insert_arrow
    monkeypatch.setattr(records, "SINK_ROWS", 2)  # a row group of 2 rows: the writer takes most of the grid
    monkeypatch.setattr(importer, "_insert_arrow", lambda cur, table, rows, *a: (
        written.append((table, rows.num_rows)), insert(cur, table, rows, *a)))
    con = store.connect(tmp_path / "sunk.duckdb")
    report = importer.import_files(con, list(files), "p")

    assert _contents(con) == expected
    assert report.loaded == store.counts(con, store.project_id(con, "p")) | {"relations": 0, "actions": 0}
    item_writes = [n for table, n in written if table == "items"]
    assert len(item_writes) > 1 and all(n % 2 == 0 for n in item_writes[:-1])
    assert sum(item_writes) == len(expected["items"]) == 9
    con.close()


def test_a_write_failing_on_the_writer_thread_rolls_everything_back(con, files, monkeypatch):
    monkeypatch.setattr(records, "SINK_ROWS", 2)
    insert = importer._insert_arrow

    def failing(cur, table, rows, *args):
        if table == "items":
            raise RuntimeError("disk full")
        insert(cur, table, rows, *args)

    monkeypatch.setattr(importer, "_insert_arrow", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        importer.import_files(con, list(files), "p")
    assert con.execute("SELECT count(*) FROM actors").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM batches").fetchone()[0] == 0

    monkeypatch.setattr(importer, "_insert_arrow", insert)
    assert importer.import_files(con, list(files), "p").loaded["items"] == 9, "the store is usable again"


def test_an_actor_list_loaded_before_a_later_file_is_refused_is_rolled_back(con, files, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(files[1].read_bytes()[:500])
    report = importer.import_files(con, [files[0], broken], "p")
    assert report.refused and "broken.xlsx" in report.message("en")
    assert con.execute("SELECT count(*) FROM actors").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM batches").fetchone()[0] == 0


def test_the_cycle_collector_is_on_again_after_an_import(con, files, tmp_path):
    assert gc.isenabled()
    importer.import_files(con, list(files), "p")
    assert gc.isenabled()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    assert importer.import_files(con, [broken], "p").refused
    assert gc.isenabled()


def test_files_read_side_by_side_come_back_in_their_order(files):
    books = importer.read_all([files[1], files[0]])
    assert [b.file for b in books] == ["grille.xlsx", "acteurs.xlsx"]


def test_a_preview_keeps_the_cells_for_the_load_and_import_files_drops_them(con, files, monkeypatch):
    books = importer.read_all(list(files))
    assert importer.preview(con, books, "p").loaded["items"] == 9
    assert importer.load_workbooks(con, books, "p").loaded["items"] == 9, "the same books load after a preview"

    released = []
    monkeypatch.setattr("clusterlab.reader.Sheet.release", lambda sheet: released.append(sheet.name))
    importer.import_files(con, list(files), "q")
    assert released == ["Acteurs", "Grille d'entretien"]
