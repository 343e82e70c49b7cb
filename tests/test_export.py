"""Exports: CSV in two flavours, formula-like text neutralised, and the project workbook that
imports back into an identical project."""
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from clusterlab import analysis, demo, exporter, importer, state, store
from tests.workbooks import ACTORS, GRID, write_xlsx


def test_csv_flavours():
    df = pd.DataFrame({"name": ["Coopérative El Amal"], "latitude": [33.85]})
    assert exporter.to_csv(df) == "name,latitude\nCoopérative El Amal,33.85\n".encode()
    french = exporter.to_csv(df, french_excel=True)
    assert french.startswith(b"\xef\xbb\xbf")
    assert french.decode("utf-8-sig") == "name;latitude\nCoopérative El Amal;33,85\n"


@pytest.mark.parametrize("text", ["=1+1", "+33 1 23", "-2", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_formula_like_text_is_neutralised_in_csv(text):
    df = pd.DataFrame({"contact": [text], "n": [-2]})
    for data in (exporter.to_csv(df), exporter.to_csv(df, french_excel=True)):
        assert ("'" + text).encode() in data
        assert data.decode("utf-8-sig").rstrip("\n").endswith("-2"), "numbers are not text and stay as they are"


def test_project_workbook_keeps_formula_like_text_as_text(con, tmp_path):
    rows = [["Nom", "Contact"], ["=HYPERLINK(\"http://x\",\"y\")", "+961 8 123 456"]]
    importer.import_files(con, [write_xlsx(tmp_path / "f.xlsx", {"Acteurs": rows})], "p")
    data = exporter.project_workbook(con, store.project_id(con, "p"))
    ws = load_workbook(io.BytesIO(data))["Actors"]
    name, contact = ws["B2"], ws["L2"]
    assert (name.value, name.data_type) == ("=HYPERLINK(\"http://x\",\"y\")", "s")
    assert name.quotePrefix and contact.value == "+961 8 123 456"


def _same_project(con, a: str, b: str, only: tuple[str, ...] | None = None) -> None:
    """The two projects' tables are the same, but for the ids the store numbers (a loaded option,
    scenario, theme or milestone gets a new one)."""
    left = exporter.tables(analysis.of(con, store.project_id(con, a)))
    right = exporter.tables(analysis.of(con, store.project_id(con, b)))
    serials = {t.serial for t in state.STATE_TABLES if t.serial}
    for name in only or left:
        pd.testing.assert_frame_equal(left[name].drop(columns=serials, errors="ignore"),
                                      right[name].drop(columns=serials, errors="ignore"), obj=name)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_demo_project_round_trips_through_its_workbook(con, tmp_path, lang):
    demo.load(con, "original")
    path = tmp_path / f"project_{lang}.xlsx"
    path.write_bytes(exporter.project_workbook(con, store.project_id(con, "original"), lang))
    report = importer.import_files(con, [path], "copy")
    assert not report.refused and report.created_actors == []
    assert report.loaded["interviews"] == 30
    _same_project(con, "original", "copy")


def test_extra_columns_round_trip(con, tmp_path):
    actors = [row + [extra] for row, extra in zip(ACTORS, ["Remarques", "leader local", None, "bio"])]
    importer.import_files(con, [write_xlsx(tmp_path / "a.xlsx", {"Acteurs": actors}),
                                write_xlsx(tmp_path / "g.xlsx", {"Grille": GRID})], "original")
    path = tmp_path / "project.xlsx"
    path.write_bytes(exporter.project_workbook(con, store.project_id(con, "original")))
    importer.import_files(con, [path], "copy")
    _same_project(con, "original", "copy")
    extras = con.execute("SELECT p.name, e.record_id, e.name, e.value FROM extra_fields e JOIN projects p "
                         "USING (project_id) ORDER BY 1, 2").fetchall()
    assert extras == [("copy", "A1", "Remarques", "leader local"), ("copy", "A3", "Remarques", "bio"),
                      ("original", "A1", "Remarques", "leader local"), ("original", "A3", "Remarques", "bio")]


def test_csv_export_has_one_file_per_table_with_contract_columns(con, tmp_path):
    demo.load(con)
    paths = exporter.write_csv(exporter.tables(analysis.of(con, store.project_id(con, "demo"))), tmp_path / "out")
    assert sorted(p.name for p in paths) == ["action_plan.csv", "actions.csv", "actor_metrics.csv", "actors.csv",
                                             "adhesion.csv", "adhesion_funnel.csv", "answers.csv",
                                             "attendance.csv", "bodies.csv", "coherence.csv", "cross_options.csv",
                                             "decision_follow_up.csv", "decisions.csv", "drifting_actors.csv",
                                             "interviews.csv", "items.csv", "leader_overrides.csv",
                                             "mactor_actors.csv", "mactor_mid.csv", "mactor_midi.csv",
                                             "mactor_pairs.csv", "mactor_positions.csv", "meetings.csv",
                                             "members.csv", "needs_offers.csv", "objectives.csv",
                                             "perimeter_history.csv", "perimeters.csv", "problem_ranking.csv",
                                             "projects.csv", "relations.csv", "settings.csv", "shortlist.csv",
                                             "swot_summary.csv", "themes.csv", "trust_barometer.csv"]
    items = pd.read_csv(tmp_path / "out" / "items.csv")
    assert list(items.columns) == ["interview_id", "actor_id", "field", "text", "severity"]
    assert set(items["field"]) == {"strengths", "weaknesses", "opportunities", "threats", "problems",
                                   "priorities", "projects", "capacities", "expectations", "partners"}


def _analyse(con, pid: int) -> None:
    """Some of everything an analyst does in the app, on the demo project."""
    from datetime import date

    from clusterlab import (
        bodies,
        checkin,
        decisions,
        leaders,
        meetings,
        perimeter,
        problems,
        settings,
        swot,
        themes,
        votes,
    )

    leaders.set_override(con, pid, "A005", True, "by hand")
    settings.save(con, pid, {"leaders.threshold": 0.42, "problems.k": 1})
    coded = themes.items(con, pid, ("weaknesses",))
    keys = sorted(set(coded["wording_key"]))[:3]
    theme = themes.create(con, pid, "weaknesses", "Faiblesses regroupées", keys)
    themes.rename(con, pid, theme, "Faiblesses de la filière")
    option = swot.add_option(con, pid, "SO", "Proximité des marchés", "Projet de cluster laitier", "Vente groupée")
    swot.send_to_plan(con, pid, option)
    swot.add_item(con, pid, "A001", "threats", "Nouvelle taxe à l'import", "Rania")
    swot.add_item(con, pid, None, "opportunities", "Cantines scolaires", "Karim (salle)")  # from the room
    problems.compare(con, pid, "Prix du lait instable", "Manque de chaîne du froid", "Prix du lait instable")
    problems.retain(con, pid, "Prix du lait instable", "shared by all")
    scenario = perimeter.save(con, pid, perimeter.Scenario("Zahlé", regions=["Zahlé"], rationale="pilot"))
    perimeter.validate(con, pid, scenario, "Comité", "retenu")
    body = bodies.add(con, pid, "CP", "Comité de pilotage", "Orienter le pôle", date(2026, 1, 10))
    bodies.add_member(con, pid, body, "A001", "chair", "Mme Haddad")
    meeting = meetings.add(con, pid, "AP", "Atelier de lancement", date(2026, 3, 2), "Zahlé", "Feuille de route", body)
    meetings.record_attendance(con, pid, meeting, "A002", "excused", "Karim")
    checkin.open_checkin(con, pid, meeting)
    checkin.sign(con, pid, meeting, "phone-1", None, "Coopérative nouvelle", "Rania")
    decisions.record(con, pid, meeting, "Feuille de route adoptée", owner="Nadia", due=date(2026, 4, 1))
    vote = votes.open_vote(con, pid, "Problèmes", ["Prix du lait instable", "Manque de chaîne du froid"], 3)
    votes.cast(con, vote, "p1", {"Prix du lait instable": 2, "Manque de chaîne du froid": 1})


def _analysis(con, pid: int) -> dict:
    """The analysis of a project as plain values, its ids left out (they are the store's own)."""
    from clusterlab import votes

    def rows(sql):
        return con.execute(sql, [pid]).fetchall()

    vote_ids = [r[0] for r in rows("SELECT vote_id FROM votes WHERE project_id = ?")]
    return {
        "themes": rows("SELECT t.field, t.label, w.wording_key FROM themes t JOIN theme_wordings w "
                       "USING (project_id, theme_id) WHERE project_id = ? ORDER BY ALL"),
        "options": rows("SELECT combination, theme_a, theme_b, option, action_id FROM cross_options "
                        "WHERE project_id = ? ORDER BY ALL"),
        "leaders": rows("SELECT actor_id, is_leader, reason FROM leader_overrides WHERE project_id = ?"),
        "pairwise": rows("SELECT problem_a, problem_b, winner FROM pairwise WHERE project_id = ?"),
        "shortlist": rows("SELECT problem, reason FROM shortlist WHERE project_id = ?"),
        "scenarios": rows("SELECT p.name, p.choice, v.event, v.who, v.note FROM perimeters p JOIN "
                          "perimeter_validations v USING (project_id, scenario_id) WHERE project_id = ?"),
        "meetings": rows("SELECT meeting_id, kind, title, date, place, agenda, body_id FROM meetings "
                         "WHERE project_id = ? ORDER BY ALL"),
        "attendance": rows("SELECT meeting_id, actor_id, organisation, person, status, source FROM attendance "
                           "WHERE project_id = ? ORDER BY ALL"),
        "decisions": rows("SELECT decision_id, meeting_id, text, kind, owner, due, status FROM decisions "
                          "WHERE project_id = ? ORDER BY ALL"),
        "members": rows("SELECT body_id, actor_id, person, role FROM members WHERE project_id = ? ORDER BY ALL"),
        "votes": [(votes.vote(con, v)["title"], votes.results(con, v).to_dict("records")) for v in vote_ids],
        "typed": rows("SELECT actor_id, field, text, author, added_at FROM items "
                      "WHERE project_id = ? AND author IS NOT NULL ORDER BY ALL"),
        "settings": rows("SELECT key, value FROM project_settings WHERE project_id = ? ORDER BY key"),
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_analysis_comes_back_from_the_project_workbook(con, tmp_path, lang):
    demo.load(con, "original")
    pid = store.project_id(con, "original")
    _analyse(con, pid)
    expected = _analysis(con, pid)
    assert all(expected.values()), "every kind of analysis is there to be carried"
    path = tmp_path / f"project_{lang}.xlsx"
    path.write_bytes(exporter.project_workbook(con, pid, lang))
    assert load_workbook(path)["clusterlab"].sheet_state == "hidden"

    report = importer.import_files(con, [path], "copy")
    assert not report.refused, report.message("en")
    copy = store.project_id(con, "copy")
    assert _analysis(con, copy) == expected
    assert (None, "opportunities", "Cantines scolaires", "Karim (salle)") in [r[:4] for r in expected["typed"]]
    room = analysis.of(con, copy).swot_summary.set_index(["quadrant", "theme"]).loc[
        ("opportunities", "Cantines scolaires")]
    assert room[["actors", "mentions", "room"]].tolist() == [0, 1, 1]
    made = {t: con.execute(f"SELECT count(*) FROM {t} WHERE project_id = ?", [pid]).fetchone()[0]
            for t in ("themes", "votes")}
    assert made == {"themes": 45, "votes": 2}, "the demo's own analysis (SWOT 13, needs and offers 28), and _analyse's"
    assert report.analysis["themes"] == made["themes"] and report.analysis["votes"] == made["votes"]
    _same_project(con, "original", "copy", only=exporter.CSV_TABLES)
    views = ("actor_metrics", "swot_summary", "problem_ranking", "shortlist", "action_plan", "leader_overrides",
             "needs_offers", "projects", "coherence")
    _same_project(con, "original", "copy", only=views)

    importer.undo(con, report.batch_ids[0])
    assert not any(_analysis(con, copy)[k] for k in ("themes", "options", "leaders", "scenarios", "votes"))


def _analysed_workbook(con, tmp_path):
    """The demo project, analysed, exported as its workbook."""
    demo.load(con, "original")
    pid = store.project_id(con, "original")
    _analyse(con, pid)
    path = tmp_path / "project.xlsx"
    path.write_bytes(exporter.project_workbook(con, pid))
    return path


def test_a_project_keeps_its_own_analysis_when_a_workbook_brings_another(con, tmp_path):
    from clusterlab import leaders, problems

    path = _analysed_workbook(con, tmp_path)
    importer.import_files(con, demo.raw_files(), "mine")  # the demo's data, none of its analysis
    mine = store.project_id(con, "mine")
    problems.retain(con, mine, "Manque de chaîne du froid", "ours")
    report = importer.import_files(con, [path], "mine")
    assert problems.shortlist(con, mine)["problem"].tolist() == ["Manque de chaîne du froid"]
    kept = [f.value for f in report.flags if f.key == "state_kept"]
    assert kept == ["shortlist"]
    assert leaders.overrides(con, mine)["actor_id"].tolist() == ["A005", "A038"], "what the project lacked comes in"


def test_a_damaged_analysis_row_is_flagged_and_the_rest_loads(con, tmp_path):
    path = _analysed_workbook(con, tmp_path)
    wb = load_workbook(path)
    ws = wb["clusterlab"]
    ws["B2"] = "{not json"
    ws["A3"] = "no_such_table"
    wb.save(path)
    report = importer.import_files(con, [path], "copy")
    bad = [(f.sheet, f.row, f.column) for f in report.flags if f.key == "state_row_invalid"]
    assert bad == [("clusterlab", 2, "record"), ("clusterlab", 3, "table")]
    assert not report.refused and report.loaded["interviews"] == 30


def test_voters_cookies_and_links_tokens_never_leave_in_an_export(con, tmp_path):
    import io
    import zipfile

    from clusterlab import checkin, meetings, votes

    demo.load(con, "original")
    pid = store.project_id(con, "original")
    _analyse(con, pid)
    vote = int(votes.votes(con, pid)["vote_id"].iloc[0])
    cookie, device = "Zq8cookieVOTER123", "Zq8cookieDEVICE456"
    votes.cast(con, vote, cookie, {"Prix du lait instable": 1})
    meeting = meetings.meetings(con, pid)["meeting_id"].iloc[0]
    checkin.open_checkin(con, pid, meeting)
    checkin.sign(con, pid, meeting, device, "A001")
    secrets = [cookie, device, votes.token(con, vote), checkin.token(con, pid, meeting)]
    assert all(secrets), secrets

    book = exporter.project_workbook(con, pid)
    wb = load_workbook(io.BytesIO(book))
    cells = " ".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row)
    csvs = zipfile.ZipFile(io.BytesIO(exporter.csv_zip(exporter.tables(analysis.of(con, pid)))))
    text = cells + " ".join(csvs.read(name).decode("utf-8") for name in csvs.namelist())
    assert not [s for s in secrets if s in text], "a cookie or a link's token in an export"
    assert state.one_way(cookie) in cells, "the voter is carried by a one-way hash of its cookie"

    path = tmp_path / "project.xlsx"
    path.write_bytes(book)
    importer.import_files(con, [path], "copy")
    copy = store.project_id(con, "copy")
    def voters(project):
        return con.execute("SELECT title, participant FROM voters JOIN votes USING (vote_id) WHERE project_id = ? "
                           "ORDER BY ALL", [project]).fetchall()

    assert voters(copy) == sorted((title, state.one_way(p)) for title, p in voters(pid)), "one ballot per voter"
    assert ("Problèmes", state.one_way(cookie)) in voters(copy)
    copied = int(votes.votes(con, copy).query("title == 'Problèmes'")["vote_id"].iloc[0])
    assert votes.results(con, copied)["dots"].tolist() == [3, 1]
    again = state.frame(con, copy)
    assert again[again["table"] == "voters"]["record"].str.contains(state.one_way(cookie)).any(), (
        "exported again, the same hash: a hash is not hashed twice")
