"""The app in a real Chromium against a real streamlit server on a demo store (helpers in tests/browser.py).

Every test opens its pages in fresh browser contexts; every page's requests are recorded and the test fails
if one of them leaves the machine (see `app_factory`)."""
from __future__ import annotations

import json
import re

import duckdb
import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from clusterlab.i18n import t
from clusterlab.reader import IGNORE
from clusterlab.ui.pages import PAGES
from tests.browser import RESULTS, S, Server, off_machine
from tests.workbooks import GRID, write_xlsx

pytestmark = pytest.mark.browser

LOADED = re.compile(r"(?:Loaded|Would load) (?P<actors>\d+) actors, (?P<interviews>\d+) interviews, "
                    r"(?P<items>\d+) list items, "
                    r"(?P<answers>\d+) answers, (?P<relations>\d+) relations and (?P<actions>\d+) actions; "
                    r"(?P<remarks>\d+) remarks")
PREVIEW = {"actors": 3, "interviews": 3, "items": 9, "relations": 0, "actions": 0, "remarks": 4}  # GRID, new project


@pytest.fixture(scope="session")
def server(tmp_path_factory, browser_type_launch_args):
    """One real server for the tests that only read the demo project."""
    with Server(tmp_path_factory.mktemp("server")) as running:
        yield running


@pytest.fixture
def own_server(tmp_path, browser_type_launch_args):
    """A server of the test's own, on its own store: for a first request to a new server, or a test that writes."""
    started: list[Server] = []

    def start(name: str = "own", raw: bool = False) -> Server:
        started.append(Server(tmp_path / name, raw=raw).start())
        return started[-1]

    yield start
    for running in started:
        running.stop()


def nav_titles(lang: str) -> list[str]:
    """The navigation the app declares (clusterlab.ui.pages), in `lang`: new pages join it by themselves."""
    return [t(spec.title, lang) for spec in PAGES if not spec.hidden]


def font_px(page, selector: str, at_least: float) -> float:
    """The computed font size of the first `selector`, once it is at least `at_least` px (the page may still
    be applying the run's style); fails with the size seen."""
    size = "sel => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize)"
    expect(page.locator(selector).first).to_be_visible()  # the idle marker may come before the last elements
    try:
        page.wait_for_function(f"([sel, min]) => ({size})(sel) >= min", arg=[selector, at_least], timeout=5000)
    except PlaywrightTimeout:
        pytest.fail(f"{selector}: {page.evaluate(size, selector)} px, less than {at_least} px")
    return page.evaluate(size, selector)


def loaded_counts(message: str) -> dict[str, int]:
    found = LOADED.search(message)
    assert found, f"no counts in {message!r}"
    return {k: int(v) for k, v in found.groupdict().items()}


@pytest.mark.parametrize(("path", "title", "current"), [
    ("/?lang=en", "Cluster project: demo", "Overview"),
    ("/import?lang=en", "Import data", "Import data"),
    ("/interviews?lang=en", "Interview explorer", "Interview explorer"),
])
def test_a_deep_link_as_first_request_to_a_new_server_shows_the_page_in_its_frame(own_server, new_app, path, title,
                                                                                  current):
    srv = own_server()
    app = new_app(srv.url).open(path, title)
    page = app.page
    expect(page.locator(S.EXCEPTION)).to_have_count(0)
    assert nav_titles("en")[:3] == ["Overview", "Import data", "Interview explorer"]
    expect(app.nav_labels()).to_have_text(nav_titles("en"))
    expect(app.nav_link(current)).to_have_attribute("aria-current", "page")
    expect(app.project_selector()).to_have_value("demo")
    expect(app.sidebar().locator(S.key("lang_choice"))).to_contain_text("English")
    assert "Traceback" not in srv.log()


def test_upload_a_messy_grid_change_a_mapping_and_load(own_server, new_app, tmp_path):
    grid = write_xlsx(tmp_path / "grille_terrain.xlsx", {"Grille d'entretien": GRID})
    srv = own_server()
    app = new_app(srv.url).open("/import?lang=en", "Import data")
    page = app.page

    with app.rerun():
        app.key("import_project").locator("input").fill("terrain")
        page.keyboard.press("Enter")
    with app.rerun():
        page.locator(S.UPLOAD_INPUT).set_input_files(grid)
    expect(page.locator(S.EXPANDER_LABEL)).to_contain_text(
        "Sheet “Grille d'entretien” → Interviews (header on row 3, 3 rows)")
    expect(app.info()).to_contain_text("Would load 3 actors, 3 interviews")
    assert loaded_counts(app.info().inner_text()) == {**PREVIEW, "answers": 2}

    # The mapping editor is a glide-data-grid: a canvas, no cell to click by text. glide keeps an accessible copy
    # of the grid (a <table> inside the canvas, cells `glide-cell-<col>-<row>`, aria-selected on the selection)
    # once the grid has had focus. So: click the first data cell (column "Column in the file", read-only) to
    # focus the grid, find the row of "Canal de vente" in that copy, move to it with the arrow keys, check
    # the selected cell is its "Read as" cell, press Enter to open the cell's drop-down (a react-select), type
    # the option to filter the list down to it, and Enter to choose it. The editor sends the edit, the page
    # saves the mapping and reruns.
    editor = page.locator(S.EXPANDER).filter(has_text="Grille d'entretien").locator(S.DATAFRAME)
    target = app.select_cell(editor, "Read as", "Canal de vente")
    assert editor.locator(S.GRID_HEADER).all_inner_texts() == ["Column in the file", "Examples", "Read as"]
    expect(target).to_have_text("other question")
    page.keyboard.press("Enter")
    expect(page.locator(S.GRID_EDITOR)).to_be_visible()
    page.keyboard.type("ignore")
    expect(page.locator(S.OPTION)).to_have_text(["ignore"])  # the only option left: Enter takes it
    with app.rerun():
        page.keyboard.press("Enter")
    expect(app.info()).to_contain_text("0 answers")
    assert loaded_counts(app.info().inner_text()) == {**PREVIEW, "answers": 0}, "the ignored column gives no answers"
    mapping = {r["Column in the file"]: r["Read as"] for r in app.grid_rows(editor)}  # the editor, drawn anew
    assert mapping["Canal de vente"] == "ignore" and mapping["Volonté de collaborer"] == "willingness"

    load = app.key("load").locator("button")
    expect(load).to_have_text("Load into “terrain”")
    with app.rerun():
        load.click()
    expect(app.success()).to_contain_text("Loaded 3 actors")
    assert loaded_counts(app.success().inner_text()) == {**PREVIEW, "answers": 0}
    expect(app.project_selector()).to_have_value("terrain")
    history = app.grid_rows(app.table("history"))
    assert [(h["File"], h["Interviews"], h["Answers"], h["Undone at"]) for h in history] == [
        ("grille_terrain.xlsx", "3", "0", "")], "the history of the new project: this import only"
    expect(app.key("undo_pick").get_by_role("combobox")).to_have_value(re.compile(r"#\d+ — grille_terrain.xlsx"))

    srv.stop()  # the server holds the store for writing: read it once the server is gone
    con = duckdb.connect(str(srv.db), read_only=True)
    try:
        pid = con.execute("SELECT project_id FROM projects WHERE name = 'terrain'").fetchone()[0]
        counts = {t: con.execute(f"SELECT count(*) FROM {t} WHERE project_id = ?", [pid]).fetchone()[0]
                  for t in ("actors", "interviews", "answers")}
        assert counts == {"actors": 3, "interviews": 3, "answers": 0}
        files = con.execute("SELECT file_name FROM batches WHERE project_id = ?", [pid]).fetchall()
        assert files == [("grille_terrain.xlsx",)]
        saved = [json.loads(m) for (m,) in con.execute("SELECT mapping FROM column_mappings").fetchall()]
        assert saved == [["name", "date", "interviewer", "strengths", "problems", "partners", "willingness",
                          IGNORE]], "the changed mapping is remembered for the next file with these headers"
    finally:
        con.close()


def test_download_the_csv_of_the_actors_by_stage_bars(server, new_app, tmp_path):
    app = new_app(server.url).open("/?lang=en", "Cluster project: demo")
    stage_csv = app.key("csv_bars_by_stage").get_by_role("button", name="CSV", exact=True)  # the stage bars'
    expect(stage_csv).to_be_visible()
    with app.page.expect_download() as download:
        stage_csv.click()
    assert download.value.suggested_filename == "actors_by_stage.csv"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    by_stage = pd.read_csv(saved)
    assert list(by_stage.columns) == ["stage", "actors"]
    assert by_stage["actors"].sum() == 53
    assert by_stage.set_index("stage").loc["production", "actors"] == 13
    values = app.page.locator(S.BARS).first.locator(S.BARS_VALUE)
    expect(values.first).to_be_visible()
    assert sorted(int(v) for v in values.all_text_contents()) == sorted(by_stage["actors"]), \
        "the CSV is the bars' data, the actors without a stage included"


def test_the_first_page_starts_no_chart_library_and_loads_it_once_quiet(server, new_app):
    """The overview draws its bars in HTML; once it is drawn and quiet, the browser loads the scripts of the
    tables and the charts (ui/warmup.py), so the next page's start at once."""
    app = new_app(server.url).open("/?lang=en", "Cluster project: demo")
    page = app.page
    expect(page.locator(S.BARS)).to_have_count(2)
    expect(page.locator(S.CHART)).to_have_count(0)
    loaded = """names => names.every(n => performance.getEntriesByType('resource')
                                           .some(e => e.name.split('/').pop().startsWith(n + '.')))"""
    page.wait_for_function(loaded, arg=["DataFrame", "PlotlyChart"])
    expect(page.locator(S.CHART)).to_have_count(0)  # loaded, not drawn: the page is unchanged
    with app.rerun():
        app.nav_link("Action plan").click()
    expect(page.locator(S.CHART).first.locator(".main-svg").first).to_be_attached()
    fetched = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name.split('/').pop())")
    assert sum(name.startswith("PlotlyChart.") for name in fetched) == 1, "one plotly for the page and the warm-up"


def test_switching_language_sticks_across_pages(server, new_app):
    app = new_app(server.url).open("/?lang=en", "Cluster project: demo")
    french = app.key("lang_choice").get_by_role("radio", name="Français")  # a segmented control: radio buttons
    with app.rerun():
        french.click()
    app.wait_title("Projet de cluster : demo")
    expect(french).to_be_checked()
    expect(app.key("lang_choice").get_by_role("radio", name="English")).not_to_be_checked()
    expect(app.nav_labels()).to_have_text(nav_titles("fr"))
    assert "Importer des données" in nav_titles("fr")
    with app.rerun():
        app.nav_link("Importer des données").click()
    app.wait_title("Importer des données")
    expect(app.page).to_have_url(re.compile(r"/import\?(.*&)?lang=fr(&|$)"))


def test_workshop_mode_is_readable_on_a_1080p_projector(server, new_app):
    app = new_app(server.url, viewport={"width": 1920, "height": 1080}).open("/?mode=workshop&lang=fr",
                                                                          "Projet de cluster : demo")
    page = app.page
    assert font_px(page, S.TITLE, at_least=40)
    assert font_px(page, S.MAIN_MARKDOWN_P, at_least=24)  # the method's steps, the first text under the title
    assert font_px(page, S.METRIC_VALUE, at_least=40)
    assert font_px(page, S.BARS_TITLE, at_least=26)
    assert font_px(page, S.BARS_VALUE, at_least=24)
    expect(page.locator(S.SIDEBAR_COLLAPSED)).to_have_count(1)  # the whole width for the content
    expect(page.locator(S.BARS)).to_have_count(2)
    expect(page.get_by_role("heading", name="Qualité des données")).to_be_visible()

    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=RESULTS / "workshop_overview_first_screen.png")  # what the room sees on arrival
    # Streamlit scrolls inside its main block, not the document: a full-page screenshot needs a viewport as tall
    # as that block's content.
    height = page.evaluate("sel => document.querySelector(sel).scrollHeight", S.MAIN)
    page.set_viewport_size({"width": 1920, "height": height})
    app.next_frames()
    page.screenshot(path=RESULTS / "workshop_overview.png", full_page=True)


def test_workshop_bar_values_read_horizontally(server, new_app):
    app = new_app(server.url, viewport={"width": 1920, "height": 1080}).open("/problems?mode=workshop&lang=fr",
                                                                          "Problèmes à traiter en commun")
    assert font_px(app.page, S.CHART_TITLE, at_least=26)  # plotly draws its own text: the chart's layout font
    values = app.page.locator(S.CHART).first.locator(S.BAR_VALUE)
    expect(values.first).to_be_visible()
    turned = values.evaluate_all("els => els.filter(e => /rotate\\((?!0[ ,)])/.test(e.getAttribute('transform') || ''))"
                                 ".map(e => e.textContent)")
    assert turned == [], f"bar values drawn sideways: {turned}"


def test_the_off_machine_check_tells_local_from_remote():
    assert off_machine(["http://127.0.0.1:8501/", "ws://localhost:8501/_stcore/stream", "data:image/png;base64,x",
                        "blob:http://127.0.0.1:8501/1f"]) == []
    assert off_machine(["https://fonts.googleapis.com/css", "http://127.0.0.2/", "https://localhost.evil.com/x"]) \
        == ["https://fonts.googleapis.com/css", "http://127.0.0.2/", "https://localhost.evil.com/x"]


def test_actors_page_filter_pick_an_actor_and_download_the_metrics(server, new_app, tmp_path):
    app = new_app(server.url).open("/actors?lang=en", "Key actors and leaders")
    page = app.page
    expect(page.get_by_text("53 of 53 actors shown, 6 of them leaders.")).to_be_visible()
    page.get_by_text("Filters (every view follows them)").click()
    yes = app.key("f_leader").get_by_role("radio", name="Yes")  # a segmented control: radio buttons
    expect(yes).to_be_visible()  # the expander has opened: a click during its opening may be lost
    expect(yes).to_be_enabled()
    with app.rerun():
        yes.click()
    expect(page.get_by_text("6 of 53 actors shown, 6 of them leaders.")).to_be_visible()
    app.open_tab("Network")
    page.get_by_text("Settings of the network").click()  # the network first, its settings folded under it
    expect(app.key("net_focus")).to_be_visible()
    app.choose("net_focus", "Coopérative El Amal")
    expect(app.key("net_focus").get_by_role("combobox")).to_have_value("Coopérative El Amal")
    saved = app.download_csv("metrics", tmp_path)
    assert saved.name == "actor_metrics.csv"
    metrics = pd.read_csv(saved)
    assert list(metrics.columns) == ["actor_id", "name", "degree_in", "degree_out", "degree", "conflicts",
                                     "betweenness", "closeness", "eigenvector"]
    assert len(metrics) == 6 and "Coopérative El Amal" in set(metrics["name"])
    el_amal = metrics.set_index("name").loc["Coopérative El Amal"]
    assert (el_amal["degree"], el_amal["conflicts"]) == (11, 1)  # its one conflict is no tie of the network


def test_swot_matrix_pick_a_theme_and_see_who_said_it(server, new_app, tmp_path):
    app = new_app(server.url).open("/swot?lang=en", "SWOT diagnosis and cross matrix")
    page = app.page
    expect(page.get_by_text("SWOT of: The whole cluster (53 actors)")).to_be_visible()
    expect(page.get_by_text("Crise économique", exact=True).first).to_be_visible()  # in the threats quadrant
    app.choose("explore", "Threats — Crise économique")
    expect(app.key("explore").get_by_role("combobox")).to_have_value("Threats — Crise économique")
    expect(app.table("who_said").locator(S.grid_cell(0, 0))).to_be_attached()
    said = pd.read_csv(app.download_csv("who_said", tmp_path))  # the table's data, as the room takes it away
    assert len(said) == 15 and set(said["text"]) == {"Crise économique", "Crise économique et dévaluation de la livre"}
    assert {"Coopérative Al Nour", "Ferme Al Marj"} <= set(said["actor"])


def test_two_participants_vote_and_the_facilitator_sees_both(own_server, new_app):
    running = own_server("votes")
    facilitator = new_app(running.url).open("/problems?lang=en", "Problems to treat in common")
    facilitator.open_tab("Votes from the room")
    facilitator.key("vote_title").locator("input").fill("AP 2")
    with facilitator.rerun():
        facilitator.page.get_by_role("button", name="Open the vote", exact=True).click()
    expect(facilitator.page.get_by_text("Participants so far: 0")).to_be_visible()
    link = facilitator.page.locator("code", has_text="/vote?vote=").first.inner_text()
    for dots in ((2, 1), (0, 3)):  # two people, each in a browser of their own, with the link (its token too)
        voter = new_app(running.url).open(f"/vote?{link.split('/vote?', 1)[1]}&lang=en", "Vote")
        for i, n in enumerate(dots):
            voter.key(f"dot_{i}").locator("input").fill(str(n))
        with voter.rerun():
            voter.page.get_by_role("button", name="Send my vote").click()
        expect(voter.page.get_by_text("You have already voted in this vote: thank you.")).to_be_visible()
    # the facilitator's result refreshes by itself every few seconds
    expect(facilitator.page.get_by_text("Participants so far: 2")).to_be_visible(timeout=15_000)


def test_build_two_perimeters_compare_them_and_validate_one(own_server, new_app):
    app = new_app(own_server("perimeter", raw=True).url).open(  # before the demo's own scenarios
        "/perimeter?lang=en", "Field of action: perimeter scenarios")
    page = app.page
    for name, key, option in (("Zahlé", "sc_regions", "Zahlé"), ("Zahlé producers", "sc_stages", "production")):
        if name == "Zahlé producers":  # a new scenario starts empty: this one is an explicit copy of the first
            app.choose("sc_origin-1", "A copy of “Zahlé”")
        app.in_form("sc_name").locator("input").fill(name)
        app.add_in_form(key, option)
        with app.rerun():
            page.get_by_role("button", name="Save the scenario").click()
    app.open_tab("Compare")
    comparison = app.table("comparison")
    expect(comparison).to_be_visible()
    rows = {r["Figure"]: r for r in app.grid_rows(comparison)}  # headers and figures named on screen
    assert (rows["Actors inside"]["Zahlé"], rows["Actors inside"]["Zahlé producers"]) == ("30", "3")
    app.open_tab("Validate")
    app.key("sc_who").locator("input").fill("CP 1")
    with app.rerun():
        page.get_by_role("button", name="Validate", exact=True).click()
    expect(page.get_by_text("Validated perimeter in force: Zahlé", exact=True)).to_be_visible()


def test_add_an_action_see_it_in_the_calendar_and_download_the_plan(own_server, new_app, tmp_path):
    app = new_app(own_server("plan").url).open("/plan?lang=en", "Action plan, calendar and budget")
    page = app.page
    app.open_tab("Add or edit")
    app.key("act_new_title").locator("input").fill("Atelier lait cru")
    with app.rerun():
        page.get_by_role("button", name="Save the action").click()
    app.open_tab("Calendar")
    expect(page.locator(S.CHART).first).to_contain_text("I · Atelier lait cru")
    app.open_tab("Add or edit")
    saved = app.download_csv("plan", tmp_path)
    assert "Atelier lait cru" in set(pd.read_csv(saved)["title"])
