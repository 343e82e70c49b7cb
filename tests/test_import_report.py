"""What the history keeps and gives back: each import's located report (stored with its batch, read again in
either language), the rows an undo or a replacing load would remove, and the project's downloads (the
workbook the app offers loads back into the same project; the .zip holds the CLI's CSV files)."""
import io
import zipfile

import pandas as pd
import pytest

from clusterlab import analysis, demo, exporter, importer, store
from clusterlab.errors import Conflict
from tests.workbooks import ACTORS, GRID, write_xlsx


def test_the_located_report_is_stored_with_its_import_and_read_back_the_same(con, tmp_path):
    files = [write_xlsx(tmp_path / "acteurs.xlsx", {"Acteurs": ACTORS}),
             write_xlsx(tmp_path / "grille.xlsx", {"Grille d'entretien": GRID})]
    report = importer.import_files(con, files, "p")
    assert len(report.flags) > 0 and len(report.batch_ids) == 2
    kept = [importer.stored_report(con, b) for b in report.batch_ids]
    for lang in ("en", "fr"):
        assert [f.as_dict(lang) for r in kept for f in r.flags] == [f.as_dict(lang) for f in report.flags]
    assert [s for r in kept for s in r.sheets] == report.sheets
    assert sum(r.loaded["interviews"] for r in kept) == report.loaded["interviews"] == 3
    assert {f.file for f in kept[1].flags} <= {"grille.xlsx"}, "each import keeps its own file's remarks"
    importer.undo(con, report.batch_ids[1])
    again = importer.stored_report(con, report.batch_ids[1])
    assert [f.as_dict("fr") for f in again.flags] == [f.as_dict("fr") for f in kept[1].flags], "kept after an undo"


def test_an_import_from_before_reports_were_kept_says_so(con, tmp_path):
    report = importer.import_files(con, [write_xlsx(tmp_path / "a.xlsx", {"Acteurs": ACTORS})], "p")
    con.execute("UPDATE batches SET report = NULL")
    old = importer.stored_report(con, report.batch_ids[0])
    assert old.message_key == "import.report_not_kept" and old.flags == [] and old.loaded["actors"] == len(ACTORS) - 1


def test_hostile_values_in_a_report_round_trip(con, tmp_path):
    rows = [["Nom", "Influence"], ["=HYPERLINK(\"http://x\")", "énorme"], ["تعاونية النور", 9]]
    report = importer.import_files(con, [write_xlsx(tmp_path / "h.xlsx", {"Acteurs": rows})], "p")
    kept = importer.stored_report(con, report.batch_ids[0])
    assert [f.as_dict("en") for f in kept.flags] == [f.as_dict("en") for f in report.flags]
    assert any(f.value == "énorme" for f in kept.flags)


def test_the_rows_an_undo_removes_are_said_before_and_removed_after(demo_con):
    pid = store.project_id(demo_con, "demo")
    batches = store.batches(demo_con, pid).set_index("file_name")["batch_id"]
    grid = int(batches["entretiens.xlsx"])
    said = importer.batch_rows(demo_con, grid)
    assert list(said)[:2] == ["actors", "interviews"] and said["interviews"] == 30
    removed = importer.undo(demo_con, grid)
    assert {t: n for t, n in removed.items() if n} == said
    assert importer.batch_rows(demo_con, grid) == {}


def test_a_replacing_load_undoes_the_earlier_import_in_the_same_write_or_nothing(con, tmp_path):
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    first = write_xlsx(tmp_path / "v1" / "grille.xlsx", {"Grille d'entretien": GRID})
    second = write_xlsx(tmp_path / "v2" / "grille.xlsx", {"Grille d'entretien": GRID[:-1]})
    batch = importer.import_files(con, [first], "p").batch_ids[0]
    pid = store.project_id(con, "p")
    books = importer.read_all([second])
    assert importer.earlier_imports(con, books, "p") == {batch: "grille.xlsx"}
    preview = importer.preview(con, books, "p", replacing=[batch])
    assert not any(f.key == "file_loaded_before" for f in preview.flags) and importer.batch_rows(con, batch)
    report = importer.load_workbooks(con, books, "p", replacing=[batch])
    assert store.counts(con, pid)["interviews"] == 2 and importer.batch_rows(con, batch) == {}
    assert importer.earlier_imports(con, books, "p") == {report.batch_ids[0]: "grille.xlsx"}
    # an import others depend on cannot be replaced: nothing is written
    actors = importer.import_files(con, [write_xlsx(tmp_path / "acteurs.xlsx", {"Acteurs": ACTORS})], "p")
    importer.import_files(con, [write_xlsx(tmp_path / "g2.xlsx", {"Grille d'entretien": GRID})], "p")
    before = store.counts(con, pid), store.revision(con, pid)
    renamed = importer.read_all([write_xlsx(tmp_path / "v2" / "acteurs.xlsx", {"Acteurs": ACTORS[:2]})])
    with pytest.raises(Conflict):
        importer.load_workbooks(con, renamed, "p", replacing=actors.batch_ids)
    assert (store.counts(con, pid), store.revision(con, pid)) == before


def test_the_downloaded_workbook_loads_back_into_the_same_project(demo_con, tmp_path):
    pid = store.project_id(demo_con, "demo")
    path = tmp_path / f"{exporter.file_stem('demo')}.xlsx"
    path.write_bytes(exporter.project_workbook(demo_con, pid, "fr"))  # what the app's button gives
    report = importer.import_files(demo_con, [path], "copie")
    assert not report.refused
    copy = store.project_id(demo_con, "copie")
    assert store.counts(demo_con, copy) == store.counts(demo_con, pid)
    assert len(analysis.of(demo_con, copy).leaders) == len(analysis.of(demo_con, pid).leaders)


def test_the_downloaded_zip_holds_the_csv_files_the_command_line_writes(demo_con, tmp_path):
    pid = store.project_id(demo_con, "demo")
    frames = exporter.tables(analysis.of(demo_con, pid))
    for french in (False, True):
        archive = zipfile.ZipFile(io.BytesIO(exporter.csv_zip(frames, french)))
        written = exporter.write_csv(frames, tmp_path / str(french), french_excel=french)
        assert sorted(archive.namelist()) == sorted(p.name for p in written)
        for p in written:
            assert archive.read(p.name) == p.read_bytes()
    actors = pd.read_csv(io.BytesIO(zipfile.ZipFile(io.BytesIO(exporter.csv_zip(frames))).read("actors.csv")))
    assert len(actors) == store.counts(demo_con, pid)["actors"]


def test_a_project_name_as_a_file_name_keeps_its_letters():
    assert exporter.file_stem("Bekaa lait 2026") == "Bekaa_lait_2026"
    assert exporter.file_stem("../../etc/passwd") == "etc_passwd"
    assert exporter.file_stem("تعاونية الأمل") == "تعاونية_الأمل"
    assert exporter.file_stem("///") == "project"


def test_demo_history_reports_are_kept(demo_con):
    pid = store.project_id(demo_con, "demo")
    reports = {f: importer.stored_report(demo_con, int(b))
               for f, b in zip(*store.batches(demo_con, pid)[["file_name", "batch_id"]].T.values, strict=True)}
    assert set(reports) == set(demo.DEMO_FILES)
    assert all(r.message_key == "import.loaded" for r in reports.values())


def test_the_whole_demo_loaded_again_replaces_its_three_imports_the_latest_first(demo_con):
    pid = store.project_id(demo_con, "demo")
    before = store.counts(demo_con, pid)
    books = importer.read_all(demo.files())
    earlier = importer.earlier_imports(demo_con, books, "demo")
    assert sorted(earlier.values()) == sorted(demo.DEMO_FILES)
    with pytest.raises(Conflict):  # the actor list alone cannot go: the interviews use its actors
        importer.load_workbooks(demo_con, books[:1], "demo", replacing=[min(earlier)])
    report = importer.load_workbooks(demo_con, books, "demo", replacing=list(earlier))
    assert not report.skipped_files and len(report.batch_ids) == 3
    assert store.counts(demo_con, pid) == before
    assert set(importer.earlier_imports(demo_con, books, "demo")) == set(report.batch_ids)
