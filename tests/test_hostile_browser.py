"""Data is shown as data, in a real Chromium: a workbook whose names, items, problems, relation types and action
titles carry markdown, HTML and image syntax is loaded, the main pages and a ballot on those problems are opened,
and every text shows literally, with no formatting, no link, no image, and no request leaving the machine."""
from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from clusterlab import importer, meetings, perimeter, store, votes
from clusterlab.i18n import t
from tests.browser import S, Server, launch_args
from tests.workbooks import write_xlsx

pytestmark = pytest.mark.browser

BOLD, LINK, IMAGE, HTML_IMAGE, TAG = ("**bold**", "[link](http://example.com)", "![x](http://example.com/x.png)",
                                      "<img src=http://example.com/y.png>", "<b>b</b>")
HOSTILE = (BOLD, LINK, IMAGE, HTML_IMAGE, TAG)
NAMES = [f"Coop {BOLD}", f"Laiterie {LINK}", f"Ferme {IMAGE}", f"Banque {HTML_IMAGE}", f"ONG {TAG}"]
PROBLEMS = [f"Prix {BOLD}", f"Froid {LINK}", f"Route {IMAGE}", f"Eau {HTML_IMAGE}", f"Crédit {TAG}"]
SCENARIO = f"Zone {BOLD} {HTML_IMAGE}"
VOTE = f"Vote {BOLD} {LINK}"


def hostile_workbook(path):
    stages = ["production", "collecte", "production", "appui", "transformation"]
    return write_xlsx(path, {
        "Acteurs": [["ID", "Nom", "Catégorie", "Maillon", "Région", "Influence", "Intérêt", "Effectif"],
                    *[[f"H{i}", name, f"coop {TAG}", stage, f"Région {BOLD}", 4, 4, 10 * (i + 1)]
                      for i, (name, stage) in enumerate(zip(NAMES, stages, strict=True))]],
        "Entretiens": [["Acteur", "Date", "Forces", "Problèmes", "Volonté de collaborer"],
                       *[[name, "2026-03-01", f"Force {BOLD}; Atout {LINK}; Savoir {IMAGE}", "; ".join(PROBLEMS), 4]
                         for name in NAMES]],
        "Relations": [["Source", "Cible", "Type"], ["H0", "H1", "collaboration"], ["H1", "H2", f"conflit {TAG}"],
                      ["H2", "H4", "commercial"], ["H3", "H0", f"information {LINK}"]],
        "Actions": [["Titre", "Problème", "Phase", "Responsable", "Début", "Fin", "Budget"],
                    *[[f"Action {p}", p, "I", NAMES[0], "2026-01-01", "2026-06-30", 1000] for p in PROBLEMS]],
    })


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options, on Debian's Chromium (as in test_browser.py)."""
    return {**browser_type_launch_args, **launch_args()}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, browser_type_launch_args):
    """A server on a store whose current project is the hostile workbook, with a validated perimeter, a meeting
    and an open vote on its problems (one ballot cast); yields the server and the vote's id."""
    folder = tmp_path_factory.mktemp("hostile")
    server = Server(folder)  # the demo store: the hostile project is added beside it and chosen
    con = store.connect(server.db)
    importer.import_files(con, [hostile_workbook(folder / "hostile.xlsx")], "hostile")
    pid = store.project_id(con, "hostile")
    store.set_setting(con, "project", "hostile")
    scenario = perimeter.save(con, pid, perimeter.Scenario(SCENARIO, stages=["production", "collecte"]))
    perimeter.validate(con, pid, scenario, f"CP {LINK}", f"note {IMAGE}")
    meetings.add(con, pid, "AP", f"Atelier {TAG} {LINK}", date(2026, 3, 15))
    vote_id = votes.open_vote(con, pid, VOTE, PROBLEMS, 3)
    votes.cast(con, vote_id, "first", {PROBLEMS[0]: 2, PROBLEMS[4]: 1})
    con.close()
    with server as running:  # __enter__ starts it (start() then `with` would start a second one)
        yield running, vote_id


def watched(new_app, base: str):
    """A page whose every request to example.com is recorded and refused (app_factory's check fails on it too)."""
    app = new_app(base)
    asked: list[str] = []

    def refuse(route):
        asked.append(route.request.url)
        route.abort()

    app.page.context.route(lambda url: "example.com" in url, refuse)
    return app, asked


def assert_plain(page) -> None:
    """No element the hostile text could have made: no link or image to example.com, no bold made of it."""
    made = page.locator("a[href*='example.com']:not([href^='#']), [src*='example.com']")
    assert made.evaluate_all("els => els.map(e => e.outerHTML)") == [], page.url
    for tag in ("strong", "b", "em"):
        expect(page.locator(tag).filter(has_text=re.compile(r"^\s*bold\s*$"))).to_have_count(0)
    expect(page.locator("b").filter(has_text=re.compile(r"^\s*b\s*$"))).to_have_count(0)


def literal(text: str) -> re.Pattern:
    """`text` exactly as the page shows it: an invisible word joiner may follow `http`, `www` or `@`, which keeps
    markdown from linking a bare address (clusterlab/ui/plain.py)."""
    pattern = re.escape(text)
    for word in ("http", "www", "@"):
        pattern = pattern.replace(word, word + "\u2060?")
    return re.compile(f"^{pattern}$")


def chart_texts(page) -> str:
    return " ".join(page.locator(f"{S.CHART} svg text").all_text_contents())


def test_hostile_text_shows_literally_and_nothing_is_fetched(hostile, new_app):
    server, vote_id = hostile
    app, asked = watched(new_app, server.url)
    page = app.page

    app.open("/?lang=en", "Cluster project: hostile")
    expect(page.locator(S.BARS_LABEL).filter(has_text=f"coop {TAG}").first).to_be_visible()  # bars in HTML
    assert_plain(page)

    app.open("/actors?lang=en", t("actors.title", "en"))
    first = min(NAMES)  # the profile shown first: the first name in order
    expect(page.locator("h3").filter(has_text="Banque")).to_have_text(literal(first))
    expect(page.get_by_text(f"coop {TAG} · appui · Région {BOLD}", exact=True)).to_be_visible()
    app.open_tab("Network")
    network = page.get_by_role("tabpanel", name="Network").locator(S.CHART)
    expect(network.locator("svg text").filter(has_text=NAMES[4]).first).to_be_visible()
    drawn = " ".join(network.locator("svg text").all_text_contents())
    assert all(name in drawn for name in NAMES), drawn  # every name as typed, tags and brackets included
    assert_plain(page)

    app.open("/interviews?lang=en", t("interviews.title", "en"))
    main = page.locator(S.MAIN)
    for text in (f"Force {BOLD}", f"Atout {LINK}", f"Savoir {IMAGE}", *PROBLEMS):
        expect(main.get_by_text(literal(text)).first).to_be_visible()
    assert_plain(page)

    app.open("/swot?lang=en", t("swot.title", "en"))
    for text in (f"Force {BOLD}", f"Atout {LINK}", f"Savoir {IMAGE}"):
        expect(page.locator(S.MAIN).get_by_text(literal(text)).first).to_be_visible()
    assert_plain(page)

    app.open("/problems?lang=en", t("problems.title", "en"))
    expect(page.locator(S.CHART).first).to_be_visible()
    ranked = chart_texts(page)
    assert all(problem in ranked for problem in PROBLEMS), ranked
    assert_plain(page)

    app.open("/perimeter?lang=en", t("perimeter.title", "en"))
    expect(page.get_by_text(literal(f"Validated perimeter in force: {SCENARIO}"))).to_be_visible()
    app.open_tab("Compare")
    comparison = app.table("comparison")
    expect(comparison).to_be_visible()
    rows = {r["Figure"]: r for r in app.grid_rows(comparison)}  # headers and figures in the chosen language
    # production and collection: H0, H1, H2, and the conflict between H1 and H2
    assert rows["Actors inside"][SCENARIO] == "3" and rows["Conflicts inside (pairs of actors)"][SCENARIO] == "1"
    assert_plain(page)

    app.open("/plan?lang=en", t("plan.title", "en"))
    expect(page.locator(S.CHART).first).to_be_visible()
    calendar = chart_texts(page)
    assert all(f"I · Action {problem}" in calendar for problem in PROBLEMS), calendar
    assert f"AP: Atelier {TAG} {LINK}" in calendar
    assert_plain(page)

    app.open(f"/vote?vote={vote_id}&lang=en", "Vote")
    expect(page.locator("h3").filter(has_text="Vote ")).to_have_text(literal(VOTE))
    for i, problem in enumerate(PROBLEMS):
        expect(app.key(f"dot_{i}").locator("label")).to_have_text(literal(problem))
    assert_plain(page)

    assert asked == [], f"requests for example.com: {asked}"
