"""The positioning study (clusterlab/report): built from the project's analysis, written as Word and as
self-contained HTML, in French or English; its key tables read back equal the CSV export."""
from __future__ import annotations

import importlib
import io
import re

import docx
import pandas as pd
import pytest
from docx.table import Table as DocxTable

from clusterlab import analysis, exporter, importer, overview, perimeter, problems, report, store
from clusterlab.i18n import t
from clusterlab.report import numbers
from clusterlab.report.document import Paragraph
from clusterlab.report.document import Table as DocTable
from tests.workbooks import write_xlsx


@pytest.fixture
def demo(demo_con):
    return analysis.of(demo_con, store.project_id(demo_con, "demo"))


@pytest.fixture(scope="module")
def studies(tmp_path_factory):
    """The demo's study in each language, built once for the tests that only read it (the demo's store is the
    same for every test: tests.stores)."""
    from tests.stores import demo_store

    con = store.connect(demo_store(tmp_path_factory.mktemp("study") / "demo.duckdb"))
    a = analysis.of(con, store.project_id(con, "demo"))
    yield {lang: report.build(a, lang) for lang in ("fr", "en")}
    con.close()


def docx_tables(data: bytes) -> dict[str, pd.DataFrame]:
    """Each table of a Word file under the heading just before it, as text cells with the header row as columns."""
    word = docx.Document(io.BytesIO(data))
    found, heading = {}, None
    for block in word.iter_inner_content():  # paragraphs and tables, in the document's order
        if isinstance(block, DocxTable):
            rows = [[cell.text for cell in row.cells] for row in block.rows]
            found[heading] = pd.DataFrame(rows[1:], columns=rows[0])
        elif block.style.name.startswith("Heading") and block.text:
            heading = block.text
    return found


def csv_export(a, folder) -> dict[str, pd.DataFrame]:
    paths = exporter.write_csv(exporter.tables(a), folder)
    return {p.stem: pd.read_csv(p) for p in paths}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_docx_annex_tables_equal_the_csv_export(studies, demo, tmp_path, lang):
    written = report.render(studies[lang], "docx")
    tables = docx_tables(written)
    exported = csv_export(demo, tmp_path)

    ranking = tables[t("report.annex_problem_ranking", lang)]
    csv = exported["problem_ranking"]
    assert ranking[t("field.problem", lang)].tolist() == csv["problem"].tolist()
    for column, decimals in (("actors", 0), ("mentions", 0), ("mean_severity", 2), ("score", 4), ("borda", 1)):
        shown = [numbers.parse(v, lang) for v in ranking[t(f"report.col.{column}", lang)]]
        expected = csv[column].round(decimals).tolist()
        assert shown == pytest.approx(expected, abs=10 ** -decimals / 2, nan_ok=True), column

    metrics = tables[t("report.annex_actor_metrics", lang)]
    csv = exported["actor_metrics"]
    assert metrics[t("field.actor_id", lang)].tolist() == csv["actor_id"].tolist()
    assert [numbers.parse(v, lang) for v in metrics[t("report.col.score", lang)]] == pytest.approx(
        csv["score"].round(4).tolist(), abs=5e-5)
    assert (metrics[t("report.col.leader", lang)] == t("report.yes", lang)).sum() == csv["leader"].sum()

    balance = tables[t("report.balance_table", lang)]  # phase III: the strongest actors, as mactor_actors.csv
    csv = exported["mactor_actors"].sort_values(["r_star", "name"], ascending=[False, True]).head(len(balance))
    assert balance[t("field.name", lang)].tolist() == csv["name"].tolist()
    assert [numbers.parse(v, lang) for v in balance[t("report.col.r_star", lang)]] == pytest.approx(
        csv["r_star"].round(2).tolist(), abs=0.005)
    mobilisation = tables[t("report.mobilisation", lang)]
    csv = exported["objectives"]
    assert mobilisation[t("field.objective", lang)].tolist() == csv["objective"].tolist()
    assert [numbers.parse(v, lang) for v in mobilisation[t("report.col.mobilisation_against_mao3", lang)]] == \
        pytest.approx(csv["mobilisation_against_mao3"].round(1).tolist(), abs=0.05)

    plan = tables[t("report.annex_action_plan", lang)]
    csv = exported["action_plan"]
    assert plan[t("field.action_id", lang)].tolist() == csv["action_id"].tolist()
    assert sum(numbers.parse(v, lang) for v in plan[t("field.budget", lang)]) == pytest.approx(csv["budget"].sum())

    projects = tables[t("report.projects", lang)]  # phase III's portfolio: the candidate projects, as projects.csv
    csv = exported["projects"].sort_values(["score", "title"], ascending=[False, True])
    assert projects[t("field.title", lang)].tolist() == csv["title"].tolist()
    assert [numbers.parse(v, lang) for v in projects[t("report.col.score", lang)]] == pytest.approx(
        csv["score"].round(2).tolist(), abs=0.005)
    assert [numbers.parse(v, lang) for v in projects[t("report.col.actors", lang)]] == csv["actors"].tolist()
    # governance: the calendar of meetings, who is on board, the trust barometer, as their CSV files
    calendar = tables[t("report.calendar", lang)]
    assert calendar[t("field.title", lang)].tolist() == exported["meetings"]["title"].tolist()
    funnel = tables[t("report.funnel", lang)]
    assert [numbers.parse(v, lang) for v in funnel[t("report.col.actors", lang)]] == \
        exported["adhesion_funnel"]["actors"].tolist()
    barometer = tables[t("report.barometer", lang)]
    assert [numbers.parse(v, lang) for v in barometer[t("report.col.trust", lang)]] == pytest.approx(
        exported["trust_barometer"]["trust"].round(2).tolist(), abs=0.005)

    # the SWOT: each quadrant's leading themes, as swot_summary.csv sorted by actors, mentions, theme
    csv = exported["swot_summary"]
    for quadrant in ("strengths", "weaknesses", "opportunities", "threats"):
        shown = tables[t(f"field.{quadrant}", lang)]
        expected = csv[csv["quadrant"] == quadrant].sort_values(
            ["actors", "mentions", "theme"], ascending=[False, False, True]).head(len(shown))
        assert len(shown) == min(10, (csv["quadrant"] == quadrant).sum())
        assert shown[t("report.col.theme", lang)].tolist() == expected["theme"].tolist(), quadrant
        for column in ("actors", "mentions"):
            assert [numbers.parse(v, lang) for v in shown[t(f"report.col.{column}", lang)]] == \
                expected[column].tolist(), (quadrant, column)
    # the cross matrix's options, as cross_options.csv by combination
    options = tables[t("report.options", lang)]
    csv = exported["cross_options"].sort_values(["combination", "theme_a", "theme_b", "option_id"])
    assert options[t("report.col.option", lang)].tolist() == csv["option"].tolist()
    assert options[t("report.col.combination", lang)].tolist() == csv["combination"].tolist()
    # the short list, as shortlist.csv
    shortlist = tables[t("report.shortlist", lang)]
    assert shortlist[t("field.problem", lang)].tolist() == exported["shortlist"]["problem"].tolist()
    assert shortlist[t("report.col.reason", lang)].tolist() == exported["shortlist"]["reason"].fillna("—").tolist()
    # the agreement of the ranking methods: what problem_ranking.csv gives
    agreement = tables[t("report.agreement", lang)]
    expected = problems.agreements(exported["problem_ranking"])
    assert agreement[t("report.col.a", lang)].tolist() == [t(f"problems.method_{m}", lang) for m in expected["a"]]
    assert agreement[t("report.col.b", lang)].tolist() == [t(f"problems.method_{m}", lang) for m in expected["b"]]
    assert [numbers.parse(v, lang) for v in agreement[t("report.col.n", lang)]] == expected["n"].tolist()
    assert [numbers.parse(v, lang) for v in agreement[t("report.col.kendall_tau", lang)]] == pytest.approx(
        expected["kendall_tau"].round(2).tolist(), abs=0.005, nan_ok=True)
    # the perimeter scenarios and what each holds, as perimeters.csv
    scenarios = tables[t("report.annex_perimeters", lang)]
    assert scenarios[t("field.name", lang)].tolist() == exported["perimeters"]["name"].tolist()


def test_numbers_are_written_for_the_language():
    assert numbers.number(1234.5, "fr", 1) == "1\u202f234,5"
    assert numbers.number(1234.5, "en", 1) == "1,234.5"
    assert numbers.percent(0.126, "fr") == "13\u202f%"
    assert numbers.percent(0.126, "en") == "13%"
    assert numbers.number(float("nan"), "fr") == numbers.MISSING
    assert numbers.parse("1\u202f234,5", "fr") == 1234.5 and numbers.parse("1,234.5", "en") == 1234.5


def test_the_chapters_follow_the_method_and_only_those_with_data(studies, demo):
    doc = studies["fr"]
    assert [c.title for c in doc.chapters] == [t(f"report.{k}", "fr") for k in (
        "method", "progress", "actors", "swot", "problems", "perimeter", "strategy", "portfolio", "plan", "governance",
        "quality")]
    progress = _texts(doc, t("report.progress", "fr"))
    assert t("report.chapters_all", "fr") in progress  # every chapter has its data
    # the steps as the overview lists them: the study and the overview page agree
    steps = overview.steps(demo.con, demo.pid)
    for step in steps:
        assert sum(t(f"step.{step.key}", "fr") in line for line in progress) == 1, step.key
    missing = progress[progress.index(t("report.steps_missing", "fr")) + 1:] if not all(s.done for s in steps) else []
    assert [line for line in missing if "Phase" in line] == [
        f"{t('phase', 'fr', phase=s.phase)} — {t(f'step.{s.key}', 'fr')}" for s in steps if not s.done]


def _texts(doc, title: str) -> list[str]:
    chapter = next(c for c in doc.chapters if c.title == title)
    return [b.text for b in chapter.blocks if isinstance(b, Paragraph)]


def test_an_empty_project_gives_a_short_study_naming_what_is_missing(con, tmp_path):
    empty = analysis.of(con, store.project_id(con, store.DEFAULT_PROJECT, create=True))
    doc = report.build(empty, "en")
    assert [c.title for c in doc.chapters] == [t(f"report.{k}", "en") for k in ("method", "progress", "quality")]
    assert doc.annexes == []
    progress = _texts(doc, t("report.progress", "en"))
    assert t("report.steps_done", "en") not in progress  # nothing done
    for step in overview.steps(con, empty.pid):  # every step of the overview named as not done yet
        assert f"{t('phase', 'en', phase=step.phase)} — {t(f'step.{step.key}', 'en')}" in progress
    for key in ("actors", "swot", "problems", "perimeter", "strategy", "portfolio", "plan", "governance"):
        assert f"{t(f'report.{key}', 'en')} — {t(f'report.missing_{key}', 'en')}" in progress, key
    # no table of zeros: the checks of the data are not run on no data
    assert not [b for c in doc.chapters for b in c.blocks if isinstance(b, DocTable)]
    for fmt in report.FORMATS:  # and it is written without an error
        assert report.write(doc, tmp_path / f"empty.{fmt}").stat().st_size > 1000


def test_a_project_without_phase_iii_or_governance_lists_them_as_not_done(raw_demo_db):
    """The demo's raw workbooks: actors, interviews, problems and a plan; no short list, perimeter, objectives,
    portfolio or meetings."""
    con = store.connect(raw_demo_db)
    a = analysis.of(con, store.project_id(con, "demo"))
    doc = report.build(a, "en")
    assert [c.title for c in doc.chapters] == [t(f"report.{k}", "en") for k in (
        "method", "progress", "actors", "swot", "problems", "plan", "quality")]
    progress = _texts(doc, t("report.progress", "en"))
    absent = progress[progress.index(t("report.chapters_missing", "en")) + 1:]
    assert absent == [f"{t(f'report.{k}', 'en')} — {t(f'report.missing_{k}', 'en')}"
                      for k in ("perimeter", "strategy", "portfolio", "governance")]
    done = progress[progress.index(t("report.steps_done", "en")) + 1:progress.index(t("report.steps_missing", "en"))]
    assert [line.split(" (")[0] for line in done] == [
        f"{t('phase', 'en', phase=p)} — {t(f'step.{k}', 'en')}"
        for p, k in (("I", "actors"), ("I", "interviews"), ("I", "leaders"), ("IV", "plan"))]
    not_done = progress[progress.index(t("report.steps_missing", "en")) + 1:progress.index(
        t("report.chapters_missing", "en"))]
    assert {line.split(" — ")[1] for line in not_done} == {t(f"step.{k}", "en") for k in (
        "bodies", "swot", "problems", "perimeter", "objectives", "portfolio")}
    # the data lack something here: only the checks that found something, each with its count
    quality = next(c for c in doc.chapters if c.title == t("report.quality", "en"))
    warnings = next(b.frame for b in quality.blocks if isinstance(b, DocTable))
    found = {k: len(v) for k, v in overview.quality_warnings(con, a.pid).items() if len(v)}
    assert warnings.iloc[:, 0].tolist() == [t(f"quality.{k}", "en", n=n) for k, n in found.items()]
    con.close()


def test_the_language_of_the_report_is_its_own(studies, demo):
    french, english = studies["fr"], studies["en"]
    assert french.title == "Étude de positionnement du cluster" and english.title == "Positioning study of the cluster"
    # the data keep the language they were typed in: the same problem in both reports
    assert (french.tables()["problem_ranking"].frame.iloc[0, 0] == english.tables()["problem_ranking"].frame.iloc[0, 0]
            == demo.problem_ranking["problem"].iloc[0])


def test_the_html_is_one_self_contained_file(studies):
    page = report.render(studies["fr"], "html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "something is fetched from elsewhere"
    assert "@import" not in page and "url(" not in page
    assert page.count("data:image/png;base64,") == 8  # stages, network, SWOT, problems, balance of power,
    # portfolio, budget, funnel
    assert "@page" in page and "break-before: page" in page


def test_the_evidence_names_the_file_sheet_and_row(studies, demo):
    doc = studies["en"]
    evidence = next(c for c in doc.annexes if c.title == t("report.annex_evidence", "en"))
    quotes = [b for b in evidence.blocks if hasattr(b, "frame")]
    assert quotes, "no quotation at all"
    cur = demo.con.cursor()
    interviews = cur.execute("SELECT source_file, source_sheet, source_row FROM interviews WHERE project_id = ?",
                             [demo.pid]).df()
    known = {(f, s, str(r)) for f, s, r in interviews.itertuples(index=False)}
    # a problem of the long form (the Problems sheet) has no interview: its own sheet and row in its file
    long_form = cur.execute("""SELECT b.file_name, i.source_sheet, i.source_row, i.text FROM items i
        JOIN batches b USING (batch_id) WHERE i.project_id = ? AND i.interview_id IS NULL AND i.field = 'problems'""",
                            [demo.pid]).df()
    assert long_form["source_row"].notna().all() and len(long_form) > 10
    known |= {(f, s, str(r)) for f, s, r, _ in long_form.itertuples(index=False)}
    room = t("report.from_the_room", "en")
    known.add((room, room, room))  # an item typed in a workshop
    for quote in quotes:  # every quotation with its file, sheet and row, none twice
        frame = quote.frame
        cited = list(zip(frame[t("report.col.source_file", "en")], frame[t("report.col.source_sheet", "en")],
                         frame[t("report.col.source_row", "en")], strict=True))
        assert set(cited) <= known, quote.title
        said = list(zip(frame[t("field.actor", "en")], frame[t("report.col.words", "en")], cited, strict=True))
        assert len(said) == len(set(said)), quote.title
    rows = pd.concat([q.frame for q in quotes])
    assert numbers.MISSING not in set(rows[t("report.col.source_row", "en")]) | set(
        rows[t("report.col.source_sheet", "en")])
    # Ferme Haddad said "Manque de chaîne du froid" at interview and in the Problems sheet: each cited once, from
    # its own source (once merged on the words, the long-form one took the interview's sheet and row)
    cold = next(q.frame for q in quotes if q.title == f"{t('field.problem', 'en')} — Manque de chaîne du froid")
    haddad = cold[cold[t("field.actor", "en")] == "Ferme Haddad"]
    sheet = long_form.loc[long_form["text"] == "Manque de chaîne du froid", "source_sheet"].iloc[0]
    assert sorted(haddad[t("report.col.source_sheet", "en")]) == sorted(["Grille d'entretien", sheet])
    # each theme of the SWOT chapter and each problem retained (the demo's short list) has its quotations
    chapter = next(c for c in doc.chapters if c.title == t("report.swot", "en"))
    strengths = next(b.frame for b in chapter.blocks if getattr(b, "title", "") == t("field.strengths", "en"))
    assert {f"{t('field.strengths', 'en')} — {theme}" for theme in strengths[t("report.col.theme", "en")]} <= \
        {q.title for q in quotes}
    retained = demo.shortlist["problem"]
    assert len(retained) == 4
    assert {f"{t('field.problem', 'en')} — {p}" for p in retained} <= {q.title for q in quotes}


def test_a_problem_of_the_long_form_keeps_its_sheet_and_row(con, tmp_path):
    path = write_xlsx(tmp_path / "p.xlsx", {
        "Acteurs": [["ID", "Nom", "Catégorie", "Maillon"], ["A1", "Coop A", "coop", "production"]],
        "Problèmes": [["Acteur", "Problème", "Gravité"], ["Coop A", "Routes", 3], [None, None, None],
                      ["Coop A", "Crédit", 2]]})
    importer.import_files(con, [path], "long")
    rows = con.execute("SELECT text, source_sheet, source_row FROM items ORDER BY source_row").fetchall()
    assert rows == [("Routes", "Problèmes", 2), ("Crédit", "Problèmes", 4)]


def test_each_quotation_is_cited_from_its_own_source(con, tmp_path):
    """The same words said at interview, in a Problems sheet and typed in the room: three quotations, each from
    where it was said (once joined on the words, all three took the interview's sheet and row)."""
    from clusterlab import swot

    path = write_xlsx(tmp_path / "p.xlsx", {
        "Acteurs": [["ID", "Nom", "Catégorie", "Maillon"], ["A1", "Coop A", "coop", "production"]],
        "Entretiens": [["Acteur", "Forces", "Problèmes"], ["Coop A", "Savoir-faire", "Routes"]],
        "Problèmes": [["Acteur", "Problème"], ["Coop A", "Routes"]]})
    importer.import_files(con, [path], "sources")
    pid = store.project_id(con, "sources")
    swot.add_item(con, pid, "A1", "strengths", "Savoir-faire", "Atelier 1")
    problems.retain(con, pid, "Routes", "a retained problem has its quotations")
    doc = report.build(analysis.of(con, pid), "en")
    evidence = next(c for c in doc.annexes if c.title == t("report.annex_evidence", "en"))
    quotes = {b.title: b.frame for b in evidence.blocks if isinstance(b, DocTable)}
    columns = [t(f"report.col.{c}", "en") for c in ("source_file", "source_sheet", "source_row")]
    room = t("report.from_the_room", "en")
    strengths = quotes[f"{t('field.strengths', 'en')} — Savoir-faire"]
    assert sorted(map(tuple, strengths[columns].to_numpy().tolist())) == sorted([
        ("p.xlsx", "Entretiens", "2"), (room, room, room)])
    problem = quotes[f"{t('field.problem', 'en')} — Routes"]
    assert sorted(map(tuple, problem[columns].to_numpy().tolist())) == [
        ("p.xlsx", "Entretiens", "2"), ("p.xlsx", "Problèmes", "2")]


def test_long_tables_are_short_in_their_chapter_and_whole_in_the_annex(demo, monkeypatch):
    building = importlib.import_module("clusterlab.report.build")  # the module, not the function `report.build`
    monkeypatch.setattr(building, "SHORT", 2)
    doc = report.build(demo, "en")
    annex = next(c for c in doc.annexes if c.title == t("report.annex_tables", "en"))
    whole = {b.key: b for b in annex.blocks if isinstance(b, DocTable)}
    blocks = [b for c in doc.chapters for b in c.blocks]
    for key, view, title, annex_title in (
            ("meetings", demo.meetings, "report.calendar", "report.annex_meetings"),
            ("cross_options", demo.cross_options, "report.options", "report.annex_cross_options"),
            ("decision_follow_up", demo.decisions, "report.decisions", "report.annex_decisions"),
            ("trust_barometer", demo.trust_barometer, "report.barometer", "report.annex_barometer"),
            ("drifting_actors", demo.drifting, "report.drifting", "report.annex_drifting"),
            ("action_plan", demo.actions, "report.calendar_actions", "report.annex_action_plan")):
        assert len(view) > 2, key
        assert whole[key].title == t(annex_title, "en") and len(whole[key].frame) == len(view), key
        at = next(i for i, b in enumerate(blocks) if isinstance(b, DocTable) and b.title == t(title, "en"))
        assert len(blocks[at].frame) == 2 and not blocks[at].key, key  # the key names the whole table
        note = blocks[at + 1]
        assert isinstance(note, Paragraph) and f"2 rows of {len(view)}" in note.text, key
        assert t(annex_title, "en") in note.text, key
        assert doc.tables()[key] is whole[key]
    # the meetings around the day the study is written: a run of the calendar, the last one held in it
    full = whole["meetings"].frame[t("field.title", "en")].tolist()
    at = next(i for i, b in enumerate(blocks) if isinstance(b, DocTable) and b.title == t("report.calendar", "en"))
    shown = blocks[at].frame[t("field.title", "en")].tolist()
    start = full.index(shown[0])
    assert full[start:start + 2] == shown
    held = demo.meetings.loc[pd.to_datetime(demo.meetings["date"]) <= pd.Timestamp(demo.today), "title"].tolist()
    if held:
        assert held[-1] in shown
    # those who missed the most meetings in a row first
    at = next(i for i, b in enumerate(blocks) if isinstance(b, DocTable) and b.title == t("report.drifting", "en"))
    missed = [int(v) for v in blocks[at].frame[t("report.col.missed_in_a_row", "en")]]
    assert missed == sorted(demo.drifting["missed_in_a_row"], reverse=True)[:2]
    # with the tables short enough, nothing goes to the annex twice
    monkeypatch.setattr(building, "SHORT", 100)
    keys = [b.key for c in report.build(demo, "en").annexes for b in c.blocks if isinstance(b, DocTable) and b.key]
    assert keys == ["actor_metrics", "problem_ranking", "action_plan", "perimeters"]


def test_the_scenarios_are_compared_on_the_perimeter_page_s_figures(studies, demo):
    doc = studies["en"]
    chapter = next(c for c in doc.chapters if c.title == t("report.perimeter", "en"))
    compared = next(b.frame for b in chapter.blocks if isinstance(b, DocTable))
    page = perimeter.compare(demo.scenarios, demo.inventory, **demo.coverage_inputs)  # the page's comparison
    validated = demo.perimeters.loc[demo.perimeters["validated"].astype(bool), "name"].iloc[0]
    assert compared[t("field.name", "en")].iloc[0] == validated  # the validated one first
    assert compared[t("report.col.validated", "en")].tolist()[0] == t("report.yes", "en")
    for _, row in compared.iterrows():
        figures = page[row[t("field.name", "en")]]
        for column in ("actors_in", "leaders_in", "conflicts_in"):
            assert numbers.parse(row[t(f"report.col.{column}", "en")], "en") == figures[column], column
        assert numbers.parse(row[t("report.col.common_covered", "en")], "en") == pytest.approx(
            figures["common_covered"] * 100, abs=0.5)
        assert numbers.parse(row[t("report.col.stages_in", "en")], "en") == len(figures["stages"].split(", "))


def test_hostile_text_is_written_as_text(con, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", {"Acteurs": [["ID", "Nom", "Catégorie", "Maillon"],
                                                       ["A1", "<script>alert(1)</script>", "coop", "production"],
                                                       ["A2", "تعاونية الحليب", "coop", "production"]]})
    importer.import_files(con, [path], "hostile")
    a = analysis.of(con, store.project_id(con, "hostile"))
    page = report.render(report.build(a, "en"), "html").decode("utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "تعاونية الحليب" in page
    tables = docx_tables(report.render(report.build(a, "fr"), "docx"))
    names = tables[t("report.annex_actor_metrics", "fr")][t("field.name", "fr")].tolist()
    assert "تعاونية الحليب" in names and "<script>alert(1)</script>" in names


def test_the_command_line_writes_the_study_in_each_format_and_language(tmp_path):
    """`python -m clusterlab report --out DIR --format docx|html --lang fr|en`, as product.md states it."""
    import subprocess
    import sys

    from tests.conftest import ROOT
    from tests.stores import demo_store

    db = str(demo_store(tmp_path / "s.duckdb"))
    for fmt, lang, name in (("docx", "fr", "etude_de_positionnement_demo_fr.docx"),
                            ("html", "en", "positioning_study_demo_en.html")):
        done = subprocess.run([sys.executable, "-m", "clusterlab", "report", "--db", db, "--project", "demo",
                               "--out", str(tmp_path / "out"), "--format", fmt, "--lang", lang],
                              capture_output=True, text=True, cwd=ROOT,
                              env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
        assert done.returncode == 0, done.stderr
        written = tmp_path / "out" / name
        assert done.stdout.strip() == str(written)
        assert written.stat().st_size > 100_000  # the figures are in
    page = (tmp_path / "out" / "positioning_study_demo_en.html").read_text(encoding="utf-8")
    assert "Positioning study of the cluster" in page
    assert docx.Document(str(tmp_path / "out" / "etude_de_positionnement_demo_fr.docx")).paragraphs[0].text == \
        "Étude de positionnement du cluster"


@pytest.mark.apptest
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_report_page_offers_both_files_in_the_study_s_own_language(demo_db, lang):
    from tests.apptest import app, page

    at = page(app({"lang": lang}).run(), "app_pages/report.py")
    assert not at.exception
    assert at.title[0].value == t("report.page_title", lang)
    chosen = at.button_group(key="report_lang")
    assert chosen.value == lang, "the study starts in the interface's language"
    other = "en" if lang == "fr" else "fr"
    chosen.set_value(other).run()
    assert not at.exception and at.button_group(key="report_lang").value == other
    buttons = [b for b in at.get("download_button")]
    assert len(buttons) == 2
    names = {b.proto.label: b.proto for b in buttons}
    assert set(names) == {t("report.download_docx", lang), t("report.download_html", lang)}


def test_the_swot_of_the_leaders_is_the_page_s(studies, demo):
    """The leaders' quadrants are the SWOT page's leaders group: swot.matrix over the leaders."""
    from clusterlab import swot

    doc = studies["en"]
    chapter = next(c for c in doc.chapters if c.title == t("report.swot", "en"))
    title = t("field.strengths", "en") + t("report.of_the_leaders", "en")
    shown = next(b.frame for b in chapter.blocks if getattr(b, "title", "") == title)
    expected = swot.matrix(demo.swot_items, set(demo.leaders))
    expected = expected[expected["field"] == "strengths"].sort_values(
        ["actors", "mentions", "theme"], ascending=[False, False, True]).head(5)
    assert shown[t("report.col.theme", "en")].tolist() == expected["theme"].tolist()
    assert shown[t("report.col.actors", "en")].astype(int).tolist() == expected["actors"].tolist()
