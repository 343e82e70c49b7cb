"""The command line, run as a user runs it."""
import json
import subprocess
import sys

import pandas as pd

from tests.conftest import ROOT
from tests.workbooks import ACTORS, GRID, write_xlsx


def run(*args: str):
    return subprocess.run([sys.executable, "-m", "clusterlab", *args], capture_output=True, text=True, cwd=ROOT,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})


def test_import_json_reports_counts_created_actors_and_located_flags(tmp_path):
    db = str(tmp_path / "c.duckdb")
    actors = write_xlsx(tmp_path / "acteurs.xlsx", {"Acteurs": ACTORS + [["A9", "Mauvais", None, None, None, 99]]})
    grid = write_xlsx(tmp_path / "grille.xlsx", {"Grille d'entretien": GRID})
    result = run("import", str(actors), str(grid), "--db", db, "--project", "bekaa", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["refused"] is False
    assert report["loaded"]["actors"] == 5 and report["loaded"]["interviews"] == 3
    assert report["created_actors"] == ["Fromagerie Inconnue"]
    assert report["sheets"] == [
        {"file": "acteurs.xlsx", "sheet": "Acteurs", "table": "actors", "header_row": 1, "rows": 4},
        {"file": "grille.xlsx", "sheet": "Grille d'entretien", "table": "interviews", "header_row": 3, "rows": 3}]
    bad = [f for f in report["flags"] if f["column"] == "Latitude"]
    assert bad == [{"file": "acteurs.xlsx", "sheet": "Acteurs", "row": 5, "column": "Latitude", "value": 99,
                    "level": "warning", "code": "latitude_range",
                    "message": "99 is not a latitude (−90 to 90): cell left empty."}]


def test_refused_file_exits_2_and_touches_nothing(tmp_path):
    db = str(tmp_path / "c.duckdb")
    assert run("import", str(write_xlsx(tmp_path / "a.xlsx", {"Acteurs": ACTORS})), "--db", db).returncode == 0
    junk = tmp_path / "notes.xlsx"
    junk.write_text("name,category\nx,y\n")
    result = run("import", str(junk), "--db", db, "--json", "--lang", "fr")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["refused"] is True and "notes.xlsx" in report["message"]
    assert "classeur Excel" in report["message"]
    out = tmp_path / "out"
    assert run("export", "--db", db, "--out", str(out)).returncode == 0
    assert len(pd.read_csv(out / "actors.csv")) == 3


def test_demo_then_export_both_formats(tmp_path):
    db = str(tmp_path / "c.duckdb")
    assert run("demo", "--db", db).returncode == 0
    again = run("demo", "--db", db)
    assert again.returncode == 0 and "already loaded" in again.stdout
    assert run("export", "--db", db, "--out", str(tmp_path / "csv"), "--excel-fr").returncode == 0
    raw = (tmp_path / "csv" / "actors.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.splitlines()[0]
    assert run("export", "--db", db, "--out", str(tmp_path / "x"), "--format", "xlsx").returncode == 0
    assert (tmp_path / "x" / "demo.xlsx").stat().st_size > 10_000


def test_export_of_an_unknown_project_says_so(tmp_path):
    result = run("export", "--db", str(tmp_path / "c.duckdb"), "--project", "nope", "--out", str(tmp_path))
    assert result.returncode == 1 and "nope" in result.stderr


def test_a_cut_cell_is_said_to_be_cut_not_left_empty(tmp_path):
    from tests import badfiles

    result = run("import", str(badfiles.long_cells(tmp_path)), "--db", str(tmp_path / "c.duckdb"), "--lang", "en")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "Localité" in line]
    assert lines == ["  [to check] long_cells.xlsx › Acteurs › row 2 › Localité: The cell holds 40000 characters, "
                     "more than Excel's 32767: cut at 32767."]
