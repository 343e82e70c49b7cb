"""Analysis settings: declared once, read and saved by one pair of functions, used by the pages, the
CSV exports, the perimeter figures and the project workbook alike, and reachable from the command line."""
import json
import subprocess
import sys

import pandas as pd
import pytest

from clusterlab import analysis, exporter, importer, settings, store
from clusterlab.errors import InvalidInput
from tests.apptest import app, page
from tests.conftest import ROOT
from tests.stores import demo_store


def test_every_setting_has_a_default_within_its_bounds_and_a_label_in_both_languages():
    from clusterlab.i18n import catalogue

    for s in settings.SETTINGS:
        assert s.check(s.default) == s.default
        assert "." in s.key and s.section in ("leaders", "grid", "problems", "relations", "mactor", "portfolio")
        for lang in ("fr", "en"):
            assert f"setting.{s.key}" in catalogue(lang) and f"setting.{s.key}.help" in catalogue(lang)


def test_values_are_checked_before_anything_is_saved(con):
    pid = store.project_id(con, "p")
    with pytest.raises(InvalidInput) as refused:
        settings.save(con, pid, {"problems.k": 2, "problems.m": 9})
    assert "problems.m" in refused.value.message("en") and "1–7" in refused.value.message("en")
    assert settings.read(con, pid)["problems.k"] == 3, "one refused value refuses them all"
    with pytest.raises(InvalidInput):
        settings.save(con, pid, {"leaders.centrality": "popularity"})
    with pytest.raises(InvalidInput):
        settings.save(con, pid, {"problems.kk": 1})
    assert settings.save(con, pid, {"problems.k": "4", "leaders.threshold": "0,55"}) == {
        "problems.k": 4, "leaders.threshold": 0.55}
    assert settings.read(con, pid)["problems.k"] == 4


@pytest.mark.apptest
def test_k_and_m_set_on_the_page_agree_with_the_csv_the_perimeter_and_the_workbook(demo_db, tmp_path):
    """The regression of the issue: k = 1, m = 1 on the page gave 58 common problems there and 7 in
    problem_ranking.csv, the perimeter page and the workbook. (Since "across m stages" counts stages of the
    value chain only, 48: the 11 problems cited by support institutions or actors of unknown stage alone
    cross no stage.)"""
    at = page(app({"lang": "en"}).run(), "app_pages/problems.py")
    at.number_input(key="setting_problems.k").set_value(1).run()
    at.slider(key="setting_problems.m").set_value(1).run()
    assert not at.exception
    assert "48 of 59 problems are common (at least 1 actors across 1 stages)." in [c.value for c in at.caption]

    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    assert settings.read(con, pid)["problems.k"] == 1 and settings.read(con, pid)["problems.m"] == 1
    exporter.write_csv(exporter.tables(analysis.of(con, pid)), tmp_path / "csv")
    ranking = pd.read_csv(tmp_path / "csv" / "problem_ranking.csv")
    assert int(ranking["common"].sum()) == 48
    written = pd.read_csv(tmp_path / "csv" / "settings.csv").set_index("key")
    assert written.at["problems.k", "value"] == "1" and written.at["problems.k", "default"] == "3"

    from clusterlab import perimeter

    everyone = perimeter.Scenario("All", added=list(analysis.of(con, pid).inventory["actor_id"]))
    figures = perimeter.coverage(everyone, analysis.of(con, pid).inventory, **analysis.of(con, pid).coverage_inputs)
    assert len(analysis.of(con, pid).coverage_inputs["common"]) == 48 and figures["common_covered"] == 1.0

    book = tmp_path / "project.xlsx"
    book.write_bytes(exporter.project_workbook(con, pid))
    importer.import_files(con, [book], "copy")
    copy = store.project_id(con, "copy")
    assert settings.read(con, copy)["problems.k"] == 1
    assert int(analysis.of(con, copy).problem_ranking["common"].sum()) == 48
    con.close()


def test_a_workbook_of_the_first_versions_brings_its_settings_back():
    legacy = [("problems", json.dumps({"weights": {"actors": 0.5}, "k": 2, "m": 1})),
              ("leaders", json.dumps({"threshold": 0.4, "centrality": "degree"})),
              ("grid", {"influence": 2.5}), ("problems.k", 9), ("nonsense", 1), ("problems.m", 99)]
    assert settings.carried(legacy) == {"problems.weight_actors": 0.5, "problems.k": 9, "problems.m": 1,
                                        "leaders.threshold": 0.4, "leaders.centrality": "degree",
                                        "grid.split_influence": 2.5}


def test_a_store_of_the_first_versions_keeps_its_settings(tmp_path):
    """Migration 11 moves the settings stored as one JSON object per section to one row per key."""
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL "
                "DEFAULT current_timestamp)")
    for version, sql in enumerate(store.MIGRATIONS[:10], start=1):
        con.execute(sql)
        con.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
    con.execute("INSERT INTO projects (name) VALUES ('old')")
    con.execute("INSERT INTO settings (key, value) VALUES ('problems:1', ?), ('grid:1', ?), ('project', 'old')",
                [json.dumps({"weights": {"severity": 0.5}, "k": 5, "m": 3}), json.dumps({"interest": 4.0})])
    con.close()
    con = store.connect(path)
    values = settings.read(con, 1)
    assert (values["problems.k"], values["problems.m"], values["problems.weight_severity"]) == (5, 3, 0.5)
    assert values["grid.split_interest"] == 4.0 and values["grid.split_influence"] == 3.5
    assert store.get_setting(con, "project") == "old", "what is not a project's setting stays"
    con.close()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clusterlab", *args], cwd=ROOT, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "CLUSTERLAB_LANG": "en"})


def test_the_command_line_lists_and_changes_the_settings(tmp_path):
    db = str(demo_store(tmp_path / "cli.duckdb"))
    listed = json.loads(_cli("settings", "--db", db, "--json").stdout)
    assert listed["settings"]["problems.k"] == 3 and listed["defaults"]["problems.m"] == 2
    done = _cli("settings", "--db", db, "--set", "problems.k=1", "problems.m=1")
    assert done.returncode == 0 and "problems.k=1" in done.stdout
    assert "problems.k" in done.stdout and "  1 " in done.stdout
    refused = _cli("settings", "--db", db, "--set", "problems.k=2", "leaders.threshold=7")
    assert refused.returncode == 1 and "leaders.threshold" in refused.stderr and "Traceback" not in refused.stderr
    assert json.loads(_cli("settings", "--db", db, "--json").stdout)["settings"]["problems.k"] == 1
    assert _cli("settings", "--db", db, "--set", "problems.k").returncode == 1
    out = tmp_path / "csv"
    assert _cli("export", "--db", db, "--out", str(out)).returncode == 0
    assert int(pd.read_csv(out / "problem_ranking.csv")["common"].sum()) == 48
