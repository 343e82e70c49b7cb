"""The command line, run as a user runs it."""
import json
import os
import re
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


def test_commands_on_a_project_that_does_not_exist_list_the_projects(tmp_path):
    db = str(tmp_path / "c.duckdb")
    assert run("import", str(write_xlsx(tmp_path / "a.xlsx", {"Acteurs": ACTORS})), "--db", db,
               "--project", "bekaa").returncode == 0
    for command in (["export", "--out", str(tmp_path / "out")], ["history"], ["undo", "1"]):
        result = run(*command, "--db", db, "--project", "nope", "--lang", "en")
        assert result.returncode == 1, command
        assert result.stderr == "There is no project named “nope”. Projects: bekaa.\n", command
        assert result.stdout == ""
    assert not (tmp_path / "out").exists()
    assert "a.xlsx" in run("history", "--db", db, "--project", "bekaa").stdout  # the undo undid nothing


def test_an_import_into_a_new_project_says_it_created_it(tmp_path):
    db = str(tmp_path / "c.duckdb")
    first = run("import", str(write_xlsx(tmp_path / "a.xlsx", {"Acteurs": ACTORS})), "--db", db,
                "--project", "Bekaa 2026", "--lang", "en")
    assert first.returncode == 0 and first.stdout.splitlines()[0] == "Project “Bekaa 2026” created."
    grid = run("import", str(write_xlsx(tmp_path / "g.xlsx", {"Grille": GRID})), "--db", db,
               "--project", "Bekaa 2026", "--lang", "fr")
    assert grid.returncode == 0 and "créé" not in grid.stdout.splitlines()[0]
    as_json = [json.loads(run("import", str(write_xlsx(tmp_path / f"{p}.xlsx", {"Acteurs": ACTORS})), "--db", db,
                              "--project", p, "--json").stdout)["project_created"] for p in ("Bekaa 2026", "Akkar")]
    assert as_json == [False, True]


def test_undo_refuses_an_import_of_another_project(tmp_path):
    db = str(tmp_path / "c.duckdb")
    for project in ("a", "b"):
        path = write_xlsx(tmp_path / f"{project}.xlsx", {"Acteurs": ACTORS})
        assert run("import", str(path), "--db", db, "--project", project).returncode == 0
    refused = run("undo", "1", "--db", db, "--project", "b", "--lang", "en")
    assert refused.returncode == 1
    assert refused.stderr == "Import 1 belongs to project “a”, not to “b”: nothing was undone.\n"
    assert "L'import 1 appartient au projet « a »" in run("undo", "1", "--db", db, "--project", "b",
                                                          "--lang", "fr").stderr
    assert len(pd.read_csv(_export(tmp_path, db, "a") / "actors.csv")) == 3
    done = run("undo", "1", "--db", db, "--project", "a", "--lang", "en")
    assert done.returncode == 0 and done.stdout == "Import 1 undone: 3 rows removed.\n"
    assert len(pd.read_csv(_export(tmp_path, db, "a") / "actors.csv")) == 0


def _export(tmp_path, db: str, project: str):
    out = tmp_path / f"out_{project}"
    assert run("export", "--db", db, "--project", project, "--out", str(out)).returncode == 0
    return out


def test_output_piped_into_head_ends_quietly(tmp_path):
    rows = [["ID", "Nom", "Latitude"]] + [[f"A{i}", f"Acteur {i}", 900] for i in range(3000)]
    path = write_xlsx(tmp_path / "a.xlsx", {"Acteurs": rows})  # 3,000 flagged latitudes: 300 kB of report
    command = [sys.executable, "-m", "clusterlab", "import", str(path), "--db", str(tmp_path / "c.duckdb")]
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    producer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    head = subprocess.Popen(["head", "-n", "1"], stdin=producer.stdout, stdout=subprocess.PIPE)
    producer.stdout.close()  # head alone reads it: when head is done, the producer's writes fail
    first, _ = head.communicate(timeout=120)
    errors = producer.stderr.read()
    assert producer.wait(timeout=120) == 0
    assert first.decode().startswith("Project “demo” created.") or first.decode().startswith("Loaded 3000 actors")
    assert errors == b""


def test_control_characters_are_printed_written_out(tmp_path):
    grid = write_xlsx(tmp_path / "g.xlsx", {"Entretiens": [["Acteur", "Forces"], ["MARK", "Savoir-faire"]]})
    from tests.badfiles import replace_in_parts

    replace_in_parts(grid, {"MARK": "Coop _x001B_[2J_x001B_[31mRouge _x009B_6n"})
    db = str(tmp_path / "c.duckdb")
    text = run("import", str(grid), "--db", db, "--lang", "en")
    assert text.returncode == 0
    assert "Actors created: Coop \\x1b[2J\\x1b[31mRouge \\x9b6n" in text.stdout.splitlines()
    as_json = run("import", str(write_xlsx(tmp_path / "h.xlsx", {"Entretiens": [["Acteur"], ["x"]]})), str(grid),
                  "--db", db, "--project", "p", "--json")
    assert json.loads(as_json.stdout)["created_actors"] == ["x", "Coop \x1b[2J\x1b[31mRouge \x9b6n"]
    for result in (text, as_json):
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", result.stdout + result.stderr)


def test_a_workbook_whose_name_is_not_utf8_loads(tmp_path):
    path = bytes(tmp_path) + b"/\xe9quipe \xe0 Zahl\xe9.xlsx"  # Latin-1 bytes, as an old archive leaves them
    os.rename(write_xlsx(tmp_path / "a.xlsx", {"Acteurs": ACTORS}), path)
    result = subprocess.run([sys.executable, "-m", "clusterlab", "import", path, "--db", str(tmp_path / "c.duckdb"),
                             "--json"], capture_output=True, cwd=ROOT, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["loaded"]["actors"] == 3
    assert report["sheets"][0]["file"] == "\ufffdquipe \ufffd Zahl\ufffd.xlsx"


def test_a_full_disk_says_so(tmp_path, monkeypatch, capsys):
    import errno
    from pathlib import Path

    from clusterlab import cli

    db = str(tmp_path / "c.duckdb")
    assert cli.main(["import", str(write_xlsx(tmp_path / "a.xlsx", {"Acteurs": ACTORS})), "--db", db]) == 0

    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    capsys.readouterr()
    for lang, fmt, said in (("en", "csv", "No space left on the disk: "), ("fr", "xlsx", "Plus d'espace libre")):
        assert cli.main(["export", "--db", db, "--out", str(tmp_path / "out"), "--format", fmt, "--lang", lang]) == 1
        err = capsys.readouterr().err
        assert err.startswith(said) and str(tmp_path / "out") in err, err
