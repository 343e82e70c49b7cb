"""The demo shows the whole method: every step done once, as a team would have left it, made by its script
with clusterlab's own functions, and every page of the app opens on something."""
import base64
import json
import re
import subprocess
import sys
from itertools import chain

import numpy as np
import pytest

from clusterlab import analysis, demo, needs, perimeter, plan, problems, store, swot, themes, votes
from clusterlab.contract import SWOT_FIELDS
from clusterlab.i18n import t
from tests.apptest import PAGES, app, every_tab, page, show_tab, texts
from tests.conftest import ROOT, file_only


def test_the_demo_carries_every_step_once(demo_con):
    con, pid = demo_con, store.project_id(demo_con, "demo")
    coded = themes.coding(con, pid)
    assert set(coded["field"]) == set(SWOT_FIELDS) | set(needs.FIELDS), "themes coded in every quadrant and field"
    crisis = coded[coded["label"] == "Crise économique"]["wording_key"].tolist()
    assert sorted(crisis) == ["crise economique", "crise economique devaluation livre"], "grouped by hand"
    room = con.execute("SELECT actor_id, author FROM items WHERE project_id = ? AND author IS NOT NULL",
                       [pid]).fetchall()
    assert len(room) == 2 and all(a is None and author for a, author in room), "items from the room"
    options = swot.options(con, pid)
    sent = options.dropna(subset=["action_id"])
    assert sorted(options["combination"]) == ["SO", "ST", "WO", "WT"] and len(sent) == 1
    action = plan.actions(con, pid).set_index("action_id").loc[sent["action_id"].iloc[0]]
    assert action["title"] == sent["option"].iloc[0] and action["funding_key"] == "requested"
    short = problems.shortlist(con, pid)
    assert len(short) == 4 and short["reason"].str.len().gt(10).all(), "a short list with its reasons"
    assert len(problems.comparisons(con, pid)) == 4
    assert len(perimeter.scenarios(con, pid)) == 2
    validated = perimeter.validated(con, pid)
    assert [s.name for s in perimeter.scenarios(con, pid) if s.scenario_id == validated] == [
        "Noyau Zahlé – Békaa-Ouest"]
    [vote_id] = votes.votes(con, pid)["vote_id"].tolist()
    assert not votes.vote(con, vote_id)["is_open"] and votes.participants(con, vote_id) == 14
    assert votes.results(con, vote_id)["dots"].sum() == 14 * 5
    chosen = con.execute("SELECT actor_id, is_leader FROM leader_overrides WHERE project_id = ? ORDER BY 1",
                         [pid]).fetchall()
    assert chosen == [("A005", True), ("A038", False)]
    a = analysis.of(con, pid)
    assert a.meetings["kind"].tolist() == ["AP", "TC", "AP", "CP", "SN"]
    assert a.bodies[["kind", "members"]].values.tolist() == [["CP", 6], ["TC", 4]]
    cp = a.meetings.set_index("kind").loc["CP"]
    assert (cp["present"], cp["excused"], cp["decisions"]) == (5, 1, 4)
    ap2 = a.attendance[a.attendance["title"].str.startswith("AP2")]
    assert (ap2["source"] == "checkin").sum() == 14 and ap2["to_reconcile"].sum() == 1
    [validating] = a.decisions[a.decisions["kind"] == "perimeter"]["target"].tolist()
    assert int(validating) == validated  # the CP's decision validated the perimeter in force
    assert set(a.drifting["actor_id"]) == {"A019", "A045", "A046"}


def test_the_demo_carries_the_portfolio_step_once(demo_con):
    """Needs and offers coded, three candidate projects scored, one retained and sent to the plan."""
    con, pid = demo_con, store.project_id(demo_con, "demo")
    a = analysis.of(con, pid)
    pairs = set(zip(a.needs_matches["expectation"], a.needs_matches["capacity"], strict=True))
    assert ("Accès au financement", "Financement") in pairs and ("Formation et conseil technique",
                                                                  "Formation et conseil technique") in pairs
    projects = a.projects.set_index("title")
    assert projects["verdict"].to_dict() == {"Centre de collecte réfrigéré": "retained",
                                             "Contrôle de la qualité du lait": "to_mature",
                                             "Marque collective et vente directe": "dropped"}
    assert projects["reason"].str.len().gt(10).all() and (projects["decided_by"] == "Cellule technique").all()
    assert projects["funding"].notna().all() and projects["months"].notna().all()
    retained = a.actions[a.actions["project"] == projects.at["Centre de collecte réfrigéré", "project_id"]]
    assert len(retained) == 3 and retained["budget"].sum() == 240_000.0
    assert retained["owner"].eq("Coopérative El Amal").all() and retained["start"].notna().all()
    rolled = a.plan_by_project.set_index("title")
    assert rolled.at["Centre de collecte réfrigéré", "planned"] == 240_000.0


def test_obtained_funding_is_not_zero(demo_con):
    df = plan.actions(demo_con, store.project_id(demo_con, "demo"))
    by_status = plan.budget(df, "funding_key").set_index("funding_key")
    assert set(by_status.index) == {"obtained", "requested", "planned", "refused"}
    assert by_status.at["obtained", "obtained"] == 192_000.0 and by_status["obtained"].sum() == 192_000.0
    assert plan.budget(df, "phase")["obtained"].sum() == 192_000.0


def test_the_analysis_comes_from_the_same_functions_users_run_and_the_files_are_its_output(tmp_path):
    """The committed demo workbooks are exactly what the script writes (and the script is deterministic)."""
    subprocess.run([sys.executable, str(ROOT / "data" / "demo" / "build_demo.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for name in demo.DEMO_FILES:
        assert (tmp_path / name).read_bytes() == (demo.DEMO_DIR / name).read_bytes(), f"{name}: rebuild the demo"


def test_the_analysis_file_brings_nothing_twice(con):
    report = demo.load(con)
    assert not report.refused and report.loaded["actors"] == 53 and report.loaded["actions"] == 16
    assert not [f for f in report.flags if f.key.endswith("_exists") or f.key == "state_kept"]
    assert report.analysis["votes"] == 1 and report.analysis["items"] == 2
    counts = store.counts(con, store.project_id(con, "demo"))
    said = re.search(r"Phase III: (\d+) objectives, (\d+) influence cells and (\d+) position cells", report.message())
    assert said and [int(n) for n in said.groups()] == [counts["objectives"], counts["influences"],
                                                        counts["positions"]], "the load says the matrices' cells"
    again = demo.load(con)
    assert again.batch_ids == [] and len(again.skipped_files) == len(demo.DEMO_FILES)
    counts = store.counts(con, store.project_id(con, "demo"))
    assert counts["items"] == 687 and counts["actions"] == 16


@file_only  # compares dtypes with a file's: a TINYINT is int16 on PostgreSQL
def test_undoing_the_analysis_leaves_the_demo_as_the_field_team_brought_it(con, tmp_path):
    from clusterlab import exporter, importer

    demo.load(con)
    pid = store.project_id(con, "demo")
    [analysed] = [b for b, f in con.execute("SELECT batch_id, file_name FROM batches").fetchall()
                  if f == demo.ANALYSIS_FILE]
    importer.undo(con, analysed, pid)
    raw = store.connect(tmp_path / "raw.duckdb")
    importer.import_files(raw, demo.raw_files())
    mine, theirs = (exporter.tables(analysis.of(c, store.project_id(c, "demo"))) for c in (con, raw))
    raw.close()
    for name in mine:
        assert mine[name].equals(theirs[name]), name


EMPTY = ("swot.nothing", "swot.no_options", "interviews.none")


@pytest.mark.apptest
@pytest.mark.parametrize("file", [f for f in PAGES if f != "app_pages/vote.py"])  # the phones' page, by its link
def test_every_page_and_tab_of_the_demo_shows_something(demo_db, file):
    at = page(app({"lang": "en"}).run(), file)
    empty = [t(key, "en") for key in EMPTY]
    no_rows = t("table.no_rows", "en", columns="").split("(")[0]
    for tab in chain([""], every_tab(at, file)):  # each tab open in turn, checked while it is open
        assert not at.exception, (file, tab)
        shown = texts(at)
        assert not [s for s in shown if s in empty or s.startswith(no_rows)], (file, tab)


def _values(y) -> np.ndarray:
    """A trace's values as plotly sends them: a list, or a typed array (dtype and base64 bytes)."""
    if isinstance(y, dict):
        return np.frombuffer(base64.b64decode(y["bdata"]), dtype=y["dtype"])
    return np.array([v or 0 for v in y], dtype=float)


@pytest.mark.apptest
def test_the_plan_page_shows_obtained_funding(demo_db):
    at = show_tab(page(app({"lang": "en"}).run(), "app_pages/plan.py"), "plan_tab", "plan.tab_budget")
    obtained = [_values(trace["y"]).sum() for chart in at.get("plotly_chart")
                for trace in json.loads(chart.proto.spec)["data"] if trace.get("name") == "Obtained"]
    assert len(obtained) == 5 and all(total == 192_000 for total in obtained)  # by phase, source, status, problem,
    # joint project


def test_the_readme_figures_about_the_demo_are_true(demo_con):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    a = analysis.of(demo_con, store.project_id(demo_con, "demo"))
    counts = store.counts(demo_con, store.project_id(demo_con, "demo"))
    for said in (f"{len(a.inventory)} actors", f"{counts['interviews']} interviews", f"{counts['items']} items",
                 f"{len(a.leaders)} leaders"):
        assert said in readme, said
