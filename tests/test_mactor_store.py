"""Phase III's data: objectives, influences (MID) and positions (MAO) loaded from real workbooks with every bad
cell located, written in the app (proposed or confirmed), exported as CSV, carried by the project workbook."""
from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from clusterlab import analysis, exporter, importer, mactor, store, strategy
from clusterlab.errors import InvalidInput, NotFound
from tests.conftest import file_only
from tests.mactor_data import MAO_VALUES, MID_VALUES, loaded, workbook
from tests.workbooks import write_xlsx

IDS = ["A1", "A2", "A3", "A4"]


def _expected_mid() -> pd.DataFrame:
    mid = pd.DataFrame(0.0, index=IDS, columns=IDS)
    for (a, b), v in MID_VALUES.items():
        mid.loc[a, b] = v
    return mid


def _expected_mao() -> pd.DataFrame:
    mao = pd.DataFrame(0.0, index=IDS, columns=["O1", "O2", "O3"])
    for (a, o), v in MAO_VALUES.items():
        mao.loc[a, o] = v
    return mao


def test_the_sheets_load_whole_by_id_and_by_name(con, tmp_path):
    pid = loaded(con, tmp_path)
    a = analysis.of(con, pid)
    assert a.objectives[["objective_id", "objective", "stake"]].values.tolist() == [
        ["O1", "Stabiliser le prix du lait", "Prix"], ["O2", "Chaîne du froid", "Qualité"],
        ["O3", "Crédit aux éleveurs", "Financement"]]
    assert a.mactor_actor_ids == IDS
    assert a.mid.to_numpy().tolist() == _expected_mid().to_numpy().tolist()
    assert a.mao2.to_numpy().tolist() == _expected_mao().to_numpy().tolist()
    assert set(a.mid_sources.to_numpy().ravel()) == {"confirmed", ""}
    expected = mactor.balance(_expected_mid())
    assert a.mactor_actors["r_star"].tolist() == pytest.approx(expected["r_star"].tolist(), abs=1e-6)
    assert a.mactor_actors["name"].tolist() == ["Coopérative Nour", "Laiterie Sud", "Ministère de l'Agriculture",
                                                "Banque Agricole"]


def test_the_import_reports_what_it_loaded(con, tmp_path):
    report = importer.import_files(con, [workbook(tmp_path / "m.xlsx")], "p")
    assert report.loaded["objectives"] == 3
    assert report.loaded["influences"] == len(MID_VALUES) + 3  # the zeros typed count as said: 0 is a value
    assert report.loaded["positions"] == 12
    assert "3 objectives" in report.message("en") and "3 objectifs" in report.message("fr")
    assert [(s["sheet"], s["table"]) for s in report.sheets] == [
        ("Acteurs", "actors"), ("Objectifs", "objectives"), ("MID", "influences"), ("MAO", "positions")]


def _flags(report) -> list[tuple]:
    return [(f.sheet, f.row, f.column, f.value, f.key) for f in report.flags]


def test_every_bad_cell_is_located_and_the_rest_loads(con, tmp_path):
    mid = [["", "A1", "A2", "A3", "A4", "Zorro"],
           ["A1", 0, 2, "beaucoup", 0, 1],      # row 2: a text in D
           ["A2", 5, 0, 0, 1, 1],               # row 3: 5 is out of range in B
           ["A3", 3, 3, 0, 2.5, None],          # row 4: 2.5 is not a whole number in E
           ["Fantôme", 1, 1, 1, 1, 1],          # row 5: an unknown actor
           ["Coopérative Nour", 4, 4, 4, 4, 4],  # row 6: A1 again, by its name
           ["A4", 1, 2, -1, 0, None]]           # row 7: −1 is out of range in D
    mao = [["", "O1", "Chaîne du froid", "O3", "O9"],
           ["A1", 3, "+2", -5, 1],              # row 2: −5 out of range in D; "+2" is a number
           ["A2", -2, "pour", 0, 1]]            # row 3: a text in C
    report = importer.import_files(con, [workbook(tmp_path / "bad.xlsx", MID=mid, MAO=mao)], "p")
    assert not report.refused
    flags = _flags(report)
    assert ("MID", 1, "F", "Zorro", "matrix_unknown_actor") in flags
    assert ("MID", 2, "D", "beaucoup", "matrix_text") in flags
    assert ("MID", 3, "B", 5, "matrix_range") in flags
    assert ("MID", 4, "E", 2.5, "matrix_range") in flags
    assert ("MID", 5, "A", "Fantôme", "matrix_unknown_actor") in flags
    assert ("MID", 6, "A", "Coopérative Nour", "matrix_listed_twice") in flags
    assert ("MID", 7, "D", -1, "matrix_range") in flags
    assert ("MAO", 1, "E", "O9", "matrix_unknown_objective") in flags
    assert ("MAO", 2, "D", -5, "matrix_range") in flags
    assert ("MAO", 3, "C", "pour", "matrix_text") in flags
    assert len(flags) == 10
    pid = store.project_id(con, "p")
    cells = {(a, b): v for a, b, v in con.execute(
        "SELECT from_actor_id, to_actor_id, value FROM influences WHERE project_id = ?", [pid]).fetchall()}
    assert cells == {("A1", "A2"): 2, ("A1", "A4"): 0, ("A2", "A3"): 0, ("A2", "A4"): 1,
                     ("A3", "A1"): 3, ("A3", "A2"): 3, ("A4", "A1"): 1, ("A4", "A2"): 2}
    positions = {(a, o): v for a, o, v in con.execute(
        "SELECT actor_id, objective_id, value FROM positions WHERE project_id = ?", [pid]).fetchall()}
    assert positions == {("A1", "O1"): 3, ("A1", "O2"): 2, ("A2", "O1"): -2, ("A2", "O3"): 0}
    assert all(f.message("fr") and f.message("en") for f in report.flags)


def test_a_mid_that_is_not_square_is_flagged_and_its_common_cells_load(con, tmp_path):
    mid = [["", "A1", "A2", "A3"], ["A1", 0, 2, 1], ["A2", 1, 0, 0], ["A4", 1, 2, 0]]
    report = importer.import_files(con, [workbook(tmp_path / "sq.xlsx", MID=mid, MAO=None)], "p")
    square = [f for f in report.flags if f.key == "matrix_not_square"]
    assert len(square) == 1 and square[0].row == 1
    assert "Ministère de l'Agriculture" in square[0].message() and "Banque Agricole" in square[0].message()
    assert report.loaded["influences"] == 7  # A4 on A1, A2, A3 included: each is said of two actors


def test_a_matrix_with_no_usable_cell_refuses_its_sheet_only(con, tmp_path):
    mid = [["", "X", "Y"], ["X", 0, 1], ["Y", 1, 0]]
    report = importer.import_files(con, [workbook(tmp_path / "u.xlsx", MID=mid)], "p")
    assert not report.refused
    unusable = [f for f in report.flags if f.key == "matrix_unusable"]
    assert [(f.sheet, f.level) for f in unusable] == [("MID", "error")]
    assert "MID" in unusable[0].message("en") and "refusée" in unusable[0].message("fr")
    assert report.loaded["influences"] == 0 and report.loaded["positions"] == 12


def _located(report) -> list[tuple]:
    return [(f.file, f.sheet, f.row, f.column, f.key) for f in report.flags]


def test_a_mao_row_of_an_unknown_actor_is_flagged_and_the_other_rows_load(con, tmp_path):
    mao = [["MAO", "O1", "O2", "O3"],
           ["A1", 3, 2, -1],
           ["Zorro", 1, 1, 1],                  # row 3: no such actor
           ["A2", -2, 3, 0]]
    report = importer.import_files(con, [workbook(tmp_path / "u.xlsx", MAO=mao)], "p")
    assert not report.refused
    assert _located(report) == [("u.xlsx", "MAO", 3, "A", "matrix_unknown_actor")]
    assert "Zorro" in report.flags[0].message("en") and "Zorro" in report.flags[0].message("fr")
    positions = {(a, o): v for a, o, v in con.execute("SELECT actor_id, objective_id, value FROM positions").fetchall()}
    assert positions == {("A1", "O1"): 3, ("A1", "O2"): 2, ("A1", "O3"): -1, ("A2", "O1"): -2, ("A2", "O2"): 3,
                         ("A2", "O3"): 0}


def test_an_actor_or_an_objective_listed_twice_across_the_header_keeps_its_first_column(con, tmp_path):
    mid = [["MID", "A1", "A2", "Coopérative Nour", "A3"],  # D1: A1 again, by its name
           ["A1", 0, 2, 4, 1],
           ["A2", 1, 0, 4, 0],
           ["A3", 3, 3, 4, 0]]
    mao = [["MAO", "O1", "Chaîne du froid", "o1", "O3"],  # D1: O1 again, whatever the case
           ["A1", 3, 2, 4, -1],
           ["A2", -2, 3, 4, 0]]
    report = importer.import_files(con, [workbook(tmp_path / "twice.xlsx", MID=mid, MAO=mao)], "p")
    assert not report.refused
    assert _located(report) == [("twice.xlsx", "MID", 1, "D", "matrix_listed_twice"),
                                ("twice.xlsx", "MAO", 1, "D", "matrix_listed_twice")]
    assert [f.params["first"] for f in report.flags] == ["B", "B"]  # where the one kept stands
    assert all("B" in f.message(lang) for f in report.flags for lang in ("en", "fr"))
    influences = {(a, b): v for a, b, v in con.execute(
        "SELECT from_actor_id, to_actor_id, value FROM influences").fetchall()}
    assert influences == {("A1", "A2"): 2, ("A1", "A3"): 1, ("A2", "A1"): 1, ("A2", "A3"): 0, ("A3", "A1"): 3,
                          ("A3", "A2"): 3}  # no 4: the second column is left out
    positions = {(a, o): v for a, o, v in con.execute("SELECT actor_id, objective_id, value FROM positions").fetchall()}
    assert positions == {("A1", "O1"): 3, ("A1", "O2"): 2, ("A1", "O3"): -1, ("A2", "O1"): -2, ("A2", "O2"): 3,
                         ("A2", "O3"): 0}


def test_a_mao_with_no_usable_cell_refuses_its_sheet_only(con, tmp_path):
    mao = [["MAO", "O8", "O9"], ["A1", 1, 2], ["A2", -1, 0]]  # no objective of the project across the header
    report = importer.import_files(con, [workbook(tmp_path / "u.xlsx", MAO=mao)], "p")
    assert not report.refused
    assert _located(report) == [("u.xlsx", "MAO", 1, "B", "matrix_unknown_objective"),
                                ("u.xlsx", "MAO", 1, "C", "matrix_unknown_objective"),
                                ("u.xlsx", "MAO", None, None, "matrix_unusable")]
    unusable = report.flags[-1]
    assert unusable.level == "error" and "MAO" in unusable.message("en") and "refusée" in unusable.message("fr")
    assert report.loaded["positions"] == 0 and report.loaded["influences"] == len(MID_VALUES) + 3
    assert report.loaded["objectives"] == 3


def test_a_text_a_fraction_and_a_value_out_of_range_in_the_mao_are_located_and_the_rest_loads(con, tmp_path):
    mao = [["MAO", "O1", "O2", "O3"],
           ["A1", "contre", 2, -1],             # B2: a text
           ["A2", -2, 3.5, "−3"],               # C3: not a whole number; "−3" (a typed minus) is a number
           ["A3", 5, 2, 2],                     # B4: above +4
           ["A4", 0, -1, -7]]                   # D5: below −4
    report = importer.import_files(con, [workbook(tmp_path / "v.xlsx", MAO=mao)], "p")
    assert not report.refused
    assert _located(report) == [("v.xlsx", "MAO", 2, "B", "matrix_text"), ("v.xlsx", "MAO", 3, "C", "matrix_range"),
                                ("v.xlsx", "MAO", 4, "B", "matrix_range"), ("v.xlsx", "MAO", 5, "D", "matrix_range")]
    assert [f.value for f in report.flags] == ["contre", 3.5, 5, -7]
    assert "-4" in report.flags[1].message("en") and "4" in report.flags[1].message("fr")
    positions = {(a, o): v for a, o, v in con.execute("SELECT actor_id, objective_id, value FROM positions").fetchall()}
    assert positions == {("A1", "O2"): 2, ("A1", "O3"): -1, ("A2", "O1"): -2, ("A2", "O3"): -3, ("A3", "O2"): 2,
                         ("A3", "O3"): 2, ("A4", "O1"): 0, ("A4", "O2"): -1}


@pytest.mark.parametrize("emptied", ["whole", "below the header"])
def test_an_emptied_matrix_sheet_of_the_project_workbook_is_said_and_the_hidden_sheet_brings_it_back(
        demo_con, tmp_path, emptied):
    pid = store.project_id(demo_con, "demo")
    path = tmp_path / "project.xlsx"
    path.write_bytes(exporter.project_workbook(demo_con, pid, "en"))
    book = load_workbook(path)
    sheet = book["Influences"]
    sheet.delete_rows(1 if emptied == "whole" else 2, sheet.max_row)
    book.save(path)
    report = importer.import_files(demo_con, [path], "copy")
    assert not report.refused
    matrix = [f for f in report.flags if f.key.startswith("matrix")]
    assert [(f.file, f.sheet, f.row, f.column, f.key) for f in matrix] == [
        ("project.xlsx", "Influences", None, None, "matrix_unusable_from_state"),
        ("project.xlsx", "Positions", None, None, "matrix_from_state")]
    said = matrix[0]
    assert said.level == "warning" and "Influences" in said.message("en") and "cachée" in said.message("fr")
    pd.testing.assert_frame_equal(analysis.of(demo_con, pid).mid,
                                  analysis.of(demo_con, store.project_id(demo_con, "copy")).mid)


def test_an_emptied_matrix_sheet_of_a_plain_workbook_is_refused_with_its_name(con, tmp_path):
    report = importer.import_files(con, [workbook(tmp_path / "e.xlsx", MID=[["MID", "A1", "A2"]])], "p")
    assert not report.refused
    assert _located(report) == [("e.xlsx", "MID", None, None, "matrix_unusable")]
    assert report.loaded["influences"] == 0 and report.loaded["positions"] == 12


def test_a_workbook_with_only_a_matrix_loads_it(con, tmp_path):
    loaded(con, tmp_path)
    only = write_xlsx(tmp_path / "only.xlsx", {"Influences": [["", "A1", "A2"], ["A1", 0, 4], ["A2", 3, 0]]})
    report = importer.import_files(con, [only], "p")
    assert not report.refused and report.loaded["influences"] == 2
    a = analysis.of(con, store.project_id(con, "p"))
    assert a.mid.loc["A1", "A2"] == 4 and a.mid.loc["A2", "A1"] == 3


def test_nothing_is_half_written_when_an_import_is_refused(con, tmp_path):
    good = workbook(tmp_path / "good.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    report = importer.import_files(con, [good, broken], "p")
    assert report.refused
    assert con.execute("SELECT count(*) FROM objectives").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM influences").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM positions").fetchone()[0] == 0


def test_undoing_an_import_brings_back_what_the_cells_held(con, tmp_path):
    pid = loaded(con, tmp_path)
    again = write_xlsx(tmp_path / "again.xlsx", {"MID": [["", "A1", "A2"], ["A1", 0, 4], ["A2", 0, 0]]})
    batch = importer.import_files(con, [again], "p").batch_ids[0]
    assert analysis.of(con, pid).mid.loc["A1", "A2"] == 4
    importer.undo(con, batch)
    assert analysis.of(con, pid).mid.loc["A1", "A2"] == 2


def test_cells_written_in_the_app_confirmed_beat_proposed(con, tmp_path):
    pid = loaded(con, tmp_path)
    strategy.set_influences(con, pid, [("A2", "A3", 3)], strategy.PROPOSED, evidence={("A2", "A3"): "commercial (4)"})
    a = analysis.of(con, pid)
    assert a.mid.loc["A2", "A3"] == 0 and a.mid_sources.loc["A2", "A3"] == "confirmed"  # the sheet said 0
    strategy.set_influences(con, pid, [("A1", "A4", 2)], strategy.PROPOSED)
    con.execute("DELETE FROM influences WHERE from_actor_id = 'A1' AND to_actor_id = 'A4' AND source = 'confirmed'")
    con.execute("INSERT INTO changes (project_id, action) VALUES (?, 'test')", [pid])
    a = analysis.of(con, pid)
    assert a.mid.loc["A1", "A4"] == 2 and a.mid_sources.loc["A1", "A4"] == "proposed"
    assert strategy.confirm(con, pid, "influences", who="Facilitatrice") == 1
    a = analysis.of(con, pid)
    assert a.mid_sources.loc["A1", "A4"] == "confirmed" and a.mid.loc["A1", "A4"] == 2
    strategy.set_influences(con, pid, [("A1", "A4", 1)], who="Facilitatrice")
    assert analysis.of(con, pid).mid.loc["A1", "A4"] == 1
    actions = [r[0] for r in con.execute("SELECT action FROM changes WHERE project_id = ? ORDER BY change_id",
                                         [pid]).fetchall()]
    assert actions[-4:] == ["influence.propose", "test", "influence.set", "influence.set"]


@pytest.mark.parametrize("cells", [[("A1", "A2", 5)], [("A1", "A2", "x")], [("A1", "A1", 2)],
                                   [("A1", "A2", 1), ("A2", "A1", -1)]])
def test_a_bad_cell_written_in_the_app_writes_nothing(con, tmp_path, cells):
    pid = loaded(con, tmp_path)
    before = con.execute("SELECT count(*) FROM influences").fetchone()[0]
    with pytest.raises(InvalidInput):
        strategy.set_influences(con, pid, cells)
    assert con.execute("SELECT count(*) FROM influences").fetchone()[0] == before


def test_positions_refuse_an_unknown_objective_and_a_value_out_of_range(con, tmp_path):
    pid = loaded(con, tmp_path)
    with pytest.raises(NotFound):
        strategy.set_positions(con, pid, [("A1", "O9", 1)])
    with pytest.raises(InvalidInput):
        strategy.set_positions(con, pid, [("A1", "O1", -5)])
    with pytest.raises(NotFound):
        strategy.set_positions(con, pid, [("A1", "O1", 1), ("Z9", "O1", 1)])
    with pytest.raises(NotFound):
        strategy.set_influences(con, pid, [("A1", "Z9", 1)])
    assert con.execute("SELECT count(*) FROM positions WHERE value = 1").fetchone()[0] == 0
    strategy.set_positions(con, pid, [("A1", "O1", -4)])
    assert analysis.of(con, pid).mao2.loc["A1", "O1"] == -4


def test_objectives_are_added_edited_and_deleted_with_their_positions(con, tmp_path):
    pid = loaded(con, tmp_path)
    new = strategy.add_objective(con, pid, "  Label de qualité ", "Qualité", who="CT")
    assert new == "OBJ0001"
    with pytest.raises(InvalidInput):
        strategy.add_objective(con, pid, "   ")
    strategy.update_objective(con, pid, new, objective="Label AOP", description="fromages")
    strategy.set_positions(con, pid, [("A2", new, 3)])
    a = analysis.of(con, pid)
    assert a.objectives.set_index("objective_id").loc[new, ["objective", "stake", "description", "origin"]].tolist() \
        == ["Label AOP", "Qualité", "fromages", "typed"]
    assert a.mao2.loc["A2", new] == 3
    strategy.delete_objective(con, pid, new)
    assert new not in analysis.of(con, pid).mao2.columns
    assert con.execute("SELECT count(*) FROM positions WHERE objective_id = ?", [new]).fetchone()[0] == 0
    with pytest.raises(NotFound):
        strategy.delete_objective(con, pid, new)


@file_only  # writes with DuckDB's INSERT … RETURNING
def test_short_listed_problems_and_options_become_objectives_once(con, tmp_path):
    pid = loaded(con, tmp_path)
    first = strategy.objectives_from_problems(con, pid, ["Prix du lait instable", "Chaîne du froid"])
    assert len(first) == 1  # "Chaîne du froid" is an objective already
    assert strategy.objectives_from_problems(con, pid, ["prix du lait INSTABLE"]) == []
    option = con.execute("INSERT INTO cross_options (project_id, combination, theme_a, theme_b, option) "
                         "VALUES (?, 'SO', 'a', 'b', 'Marque collective') RETURNING option_id", [pid]).fetchone()[0]
    made = strategy.objectives_from_options(con, pid, [option])
    rows = analysis.of(con, pid).objectives.set_index("objective_id")
    assert rows.loc[first[0], "origin"] == "problem"
    assert rows.loc[made[0], ["objective", "stake", "origin"]].tolist() == ["Marque collective", "SO", "option"]


def test_the_csv_exports_carry_the_figures_as_the_issue_names_them(con, tmp_path):
    pid = loaded(con, tmp_path)
    frames = exporter.tables(analysis.of(con, pid))
    assert list(frames["objectives"].columns) == [
        "objective_id", "objective", "stake", "description", "mobilisation_for_mao2", "mobilisation_against_mao2",
        "mobilisation_for_mao3", "mobilisation_against_mao3"]
    assert list(frames["mactor_actors"].columns) == ["actor_id", "name", "influence", "dependence", "retroaction",
                                                     "r", "r_star", "quadrant"]
    for name in ("mactor_mid", "mactor_midi"):
        assert list(frames[name].columns) == ["from_actor_id", "to_actor_id", "value"]
    assert list(frames["mactor_positions"].columns) == ["actor_id", "objective_id", "mao2", "mao3"]
    assert list(frames["mactor_pairs"].columns) == ["actor_a", "actor_b", "caa1", "caa2", "caa3", "daa1", "daa2",
                                                    "daa3"]
    mid = frames["mactor_mid"].set_index(["from_actor_id", "to_actor_id"])["value"]
    assert len(mid) == 12 and all(mid[k] == v for k, v in MID_VALUES.items())
    midi = mactor.midi(_expected_mid())
    got = frames["mactor_midi"].set_index(["from_actor_id", "to_actor_id"])["value"]
    assert all(got[(a, b)] == midi.loc[a, b] for a in IDS for b in IDS)
    mob = frames["objectives"].set_index("objective_id")
    assert mob.loc["O1", "mobilisation_for_mao2"] == 5 and mob.loc["O1", "mobilisation_against_mao2"] == -2
    r_star = mactor.balance(_expected_mid()).set_index("actor_id")["r_star"]
    three = mactor.mobilisation(mactor.mao3(_expected_mao(), r_star)).set_index("objective_id")
    assert mob["mobilisation_for_mao3"].tolist() == pytest.approx(three["for"].tolist(), abs=1e-6)
    pairs = mactor.pairs(_expected_mao(), r_star)
    assert frames["mactor_pairs"][["caa1", "caa2", "daa1", "daa2"]].values.tolist() == \
        pairs[["caa1", "caa2", "daa1", "daa2"]].values.tolist()
    paths = exporter.write_csv(frames, tmp_path / "out")
    assert {"objectives.csv", "mactor_actors.csv", "mactor_midi.csv", "mactor_mid.csv", "mactor_positions.csv",
            "mactor_pairs.csv"} <= {p.name for p in paths}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_project_workbook_carries_objectives_mid_and_mao_and_loads_back(con, tmp_path, lang):
    pid = loaded(con, tmp_path, "original")
    strategy.set_influences(con, pid, [("A2", "A3", 3)], strategy.PROPOSED, evidence={("A2", "A3"): "commercial"})
    strategy.set_positions(con, pid, [("A4", "O1", 1)], who="CT", evidence={("A4", "O1"): "atelier"})
    strategy.choose_actors(con, pid, ["A4", "A1", "A2"])
    data = exporter.project_workbook(con, pid, lang)
    book = load_workbook(io.BytesIO(data))
    assert {"Influences", "Positions", "Objectifs" if lang == "fr" else "Objectives"} <= set(book.sheetnames)
    mid = book["Influences"]
    assert [c.value for c in mid[1]] == ["MID", "A1", "A2", "A4"]  # the actors chosen
    assert [c.value for c in mid[4]] == ["A4", 1, 2, None]
    path = tmp_path / "project.xlsx"
    path.write_bytes(data)
    report = importer.import_files(con, [path], "copy")
    assert not report.refused
    assert {f.key for f in report.flags} == {"matrix_from_state"}
    copy = store.project_id(con, "copy")
    left, right = analysis.of(con, pid), analysis.of(con, copy)
    assert left.mactor_actor_ids == right.mactor_actor_ids == ["A1", "A2", "A4"]
    for name in ("objectives", "mactor_actors", "mactor_pairs"):
        pd.testing.assert_frame_equal(exporter.tables(left)[name], exporter.tables(right)[name], obj=name)
    pd.testing.assert_frame_equal(left.mid_sources, right.mid_sources)
    pd.testing.assert_frame_equal(left.mao_sources, right.mao_sources)
    kept = strategy.standing(strategy.position_cells(con, copy), ("actor_id", "objective_id"))
    assert kept.set_index(["actor_id", "objective_id"]).loc[("A4", "O1"), ["value", "evidence", "who"]].tolist() \
        == [1, "atelier", "CT"]


def test_a_matrix_typed_by_hand_without_the_hidden_sheet_loads_from_its_cells(con, tmp_path):
    pid = loaded(con, tmp_path, "original")
    frames = exporter.workbook_frames(con, pid, "en")
    frames.pop("clusterlab")
    path = tmp_path / "plain.xlsx"
    exporter.write_workbook(frames, path)
    report = importer.import_files(con, [path], "copy")
    assert report.loaded["influences"] == len(MID_VALUES) + 3 and report.loaded["positions"] == 12
    pd.testing.assert_frame_equal(analysis.of(con, pid).mid, analysis.of(con, store.project_id(con, "copy")).mid)


def test_the_grid_saves_only_the_cells_the_room_changed():
    from clusterlab.ui.strategy import changed_cells

    before = pd.DataFrame([[float("nan"), 2.0, float("nan")], [1.0, float("nan"), 0.0], [3.0, 3.0, float("nan")]],
                          index=["Coop", "Laiterie", "Ministère"], columns=["A1", "A2", "A3"])
    after = before.copy()
    after.iloc[0, 1] = 4.0           # changed
    after.iloc[0, 2] = 1.0           # was empty: now said
    after.iloc[1, 1] = 3.0           # the diagonal: never counted
    after.iloc[2, 0] = float("nan")  # cleared: left as it was
    assert changed_cells(before, after, ["A1", "A2", "A3"], "influences") == [("A1", "A2", 4.0), ("A1", "A3", 1.0)]
    positions = changed_cells(before, after, ["A1", "A2", "A3"], "positions")
    assert ("A2", "A2", 3.0) in positions


def test_a_sheet_named_positions_that_lists_actors_is_read_as_the_actor_list(con, tmp_path):
    gps = [["ID", "Nom", "Latitude", "Longitude"], ["A9", "Ferme du Col", 33.8, 35.9]]
    report = importer.import_files(con, [write_xlsx(tmp_path / "gps.xlsx", {"Positions": gps})], "p")
    assert not report.refused and report.loaded["actors"] == 1 and report.loaded["positions"] == 0
    assert [(s["sheet"], s["table"]) for s in report.sheets] == [("Positions", "actors")]


def test_cells_changed_by_hand_in_the_project_workbook_load_as_confirmed_over_the_hidden_sheet(con, tmp_path):
    pid = loaded(con, tmp_path, "original")
    strategy.set_influences(con, pid, [("A2", "A3", 3)], strategy.PROPOSED, evidence={("A2", "A3"): "commercial"})
    path = tmp_path / "project.xlsx"
    path.write_bytes(exporter.project_workbook(con, pid, "fr"))
    book = load_workbook(path)
    sheet = book["Influences"]
    assert [c.value for c in sheet[2]] == ["A1", None, 2, 1, 0]
    sheet["C2"] = 4  # A1 on A2: 2 → 4, typed in Excel
    book.save(path)
    report = importer.import_files(con, [path], "copy")
    assert [(f.key, f.value, f.params) for f in report.flags] == [("matrix_from_state", "Influences", {"n": 1}),
                                                                  ("matrix_from_state", "Positions", {"n": 0})]
    assert report.loaded["influences"] == 1
    a = analysis.of(con, store.project_id(con, "copy"))
    assert a.mid.loc["A1", "A2"] == 4 and a.mid_sources.loc["A1", "A2"] == "confirmed"
    restored = a.influence_cells.set_index(["from_actor_id", "to_actor_id", "source"])["value"]
    assert restored[("A2", "A3", "proposed")] == 3 and restored[("A2", "A3", "confirmed")] == 0  # both come back
    left = analysis.of(con, pid).mid.drop(index="A1")
    pd.testing.assert_frame_equal(left, a.mid.drop(index="A1"))
