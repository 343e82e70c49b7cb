"""What the room sees, in a real Chromium at 1920×1080 against a real server on the demo: the Gantt's legend keeps
its colours in both modes and after an edit, workshop mode's chart text is large, and the content a facilitator
projects (the four SWOT quadrants, the ranking, the vote's QR code) fits the first screen."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from clusterlab import analysis, palette, store
from tests.browser import S, Server, app_factory

pytestmark = pytest.mark.browser

PLAN = "Action plan, calendar and budget"
PROJECTOR = {"width": 1920, "height": 1080}
STATUS_NAMES = {"planned": "Planned", "in_progress": "In progress", "done": "Done", "late": "Late",
                "blocked": "Blocked", "cancelled": "Cancelled", "candidate": "Candidate (not yet in the plan)"}
# Each legend entry as drawn: its text and its swatch's colour. A patterned swatch is filled with a <pattern>
# that holds the pattern's strokes only: its colour is the trace's, as plotly drew it (`_fullData`).
LEGEND = """chart => {
    const plot = chart.querySelector('.js-plotly-plot');
    const drawn = Object.fromEntries(plot._fullData.map(t => [t.name, t.marker.color]));
    return [...chart.querySelectorAll('.legend .traces')].map(entry => {
        const name = entry.querySelector('.legendtext').textContent;
        const fill = getComputedStyle(entry.querySelector('.legendpoints path')).fill;
        return [name, fill.startsWith('url(') ? drawn[name] : fill];
    });
}"""
TEXT_PX = "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"


def rgb(colour: str) -> str:
    """`#rrggbb` (or a computed `rgb(r, g, b)`) as the browser writes a computed colour."""
    if colour.startswith("rgb("):
        return colour
    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


@pytest.fixture(scope="module")
def server(tmp_path_factory, browser_type_launch_args):
    """One server on the demo, with a vote open (for its QR code)."""
    running = Server(tmp_path_factory.mktemp("look"))
    running.open_vote("AP 3", ["Manque de chaîne du froid"], 3)
    with running:
        yield running


def gantt_legend(app) -> dict[str, str]:
    """The Gantt's legend once drawn, by status name."""
    chart = app.page.locator(S.CHART).first
    expect(chart.locator(".legend .traces").first).to_be_visible()
    return {name: rgb(colour) for name, colour in chart.evaluate(LEGEND)}


def drawn_states(db, done: str | None = None) -> list[str]:
    """The statuses the demo's Gantt shows (late ones as late), in the palette's order; `done`: as if that
    action were done."""
    con = store.connect(db)
    try:
        actions = analysis.of(con, store.project_id(con, "demo")).actions
    finally:
        con.close()
    states = actions["status_key"].where(~actions["late"].astype(bool), "late")
    if done:
        states = states.where(actions["action_id"] != done, "done")
    return [STATUS_NAMES[s] for s in palette.STATUS if s in set(states)]


def test_the_gantt_legend_keeps_its_colours_in_both_modes_and_after_an_edit(tmp_path, browser):
    server = Server(tmp_path / "gantt")
    before, after_edit = drawn_states(server.db), drawn_states(server.db, done="ACT0010")
    assert "Blocked" in before and "Blocked" not in after_edit  # ACT0010 is the demo's only blocked action
    new, check = app_factory(browser)
    with server:
        normal = gantt_legend(new(server.url, viewport=PROJECTOR).open("/plan?lang=en", PLAN))
        workshop = gantt_legend(new(server.url, viewport=PROJECTOR).open("/plan?mode=workshop&lang=en", PLAN))
        expected = {STATUS_NAMES[s]: rgb(c) for s, c in palette.STATUS.items()}
        assert list(normal) == before  # in a fixed order, whatever comes first on the calendar
        assert normal == workshop == {name: expected[name] for name in normal}

        app = new(server.url, viewport=PROJECTOR).open("/plan?lang=en", PLAN)  # the only blocked action is done
        app.open_tab("Add or edit")
        app.choose("plan_pick", "ACT0010 — Centre de collecte collectif réfrigéré de Qab Elias")
        status = app.key("act_ACT0010_v1_status")
        status.get_by_role("combobox").click()
        app.page.keyboard.type("Done")
        expect(app.page.get_by_role("option", name="Done", exact=True)).to_be_visible()
        app.page.keyboard.press("Enter")
        expect(status.get_by_role("combobox")).to_have_value("Done")
        with app.rerun():
            app.page.get_by_role("button", name="Save the action").click()
        expect(app.page.get_by_text("Action ACT0010 saved", exact=False)).to_be_visible()
        app.open_tab("Calendar")
        after = gantt_legend(app)
        assert list(after) == after_edit  # blocked is gone, shifting nothing
        assert after == {name: normal.get(name, expected[name]) for name in after}
        again = gantt_legend(new(server.url, viewport=PROJECTOR).open("/plan?mode=workshop&lang=en", PLAN))
        assert again == after
    check()


def test_workshop_mode_draws_chart_text_large_at_1080p(server, new_app):
    def sizes(mode: str) -> dict[str, list[float]]:
        chart = new_app(server.url, viewport=PROJECTOR).open(f"/plan?{mode}lang=en", PLAN).page.locator(S.CHART).first
        expect(chart.locator(".legend .traces").first).to_be_visible()
        return {part: chart.locator(selector).evaluate_all(TEXT_PX)
                for part, selector in (("ticks", ".xtick text, .ytick text"), ("legend", ".legendtext"))}

    normal, workshop = sizes(""), sizes("mode=workshop&")
    for part in ("ticks", "legend"):
        assert workshop[part] and min(workshop[part]) >= 22, (part, workshop[part])
        assert max(normal[part]) < min(workshop[part]), (part, normal[part])

    ranking = new_app(server.url, viewport=PROJECTOR).open("/problems?mode=workshop&lang=en",
                                                           "Problems to treat in common").page.locator(S.CHART).first
    expect(ranking.locator(S.BAR_VALUE).first).to_be_visible()
    values = ranking.locator(S.BAR_VALUE).evaluate_all(TEXT_PX)
    assert len(values) == 10 and min(values) >= 22
    assert min(ranking.locator(".ytick text").evaluate_all(TEXT_PX)) >= 22
    title = ranking.locator(".gtitle").evaluate_all(TEXT_PX)
    assert title and title[0] > 22
    box = ranking.bounding_box()
    assert box["y"] + box["height"] <= PROJECTOR["height"], f"the ranking ends at {box['y'] + box['height']} px"


def test_the_four_swot_quadrants_fit_the_first_screen_of_a_projector(server, new_app):
    app = new_app(server.url, viewport=PROJECTOR).open("/swot?mode=workshop&lang=en", "SWOT diagnosis and cross matrix")
    for field in ("strengths", "weaknesses", "opportunities", "threats"):
        box = app.key(f"quadrant_{field}")
        expect(box.locator("li").first).to_be_visible()
        edge = box.bounding_box()
        assert edge["y"] + edge["height"] <= PROJECTOR["height"], f"{field} ends at {edge['y'] + edge['height']} px"
        expect(box).to_have_css("border-left-color", rgb(palette.SWOT[field]))  # its colour, as on every page


def test_the_vote_qr_code_is_on_the_first_screen(server, new_app):
    app = new_app(server.url, viewport=PROJECTOR).open("/problems?mode=workshop&lang=en", "Problems to treat in common")
    app.open_tab("Votes from the room")
    qr = app.page.locator('[data-testid="stImage"] img').first
    expect(qr).to_be_visible()
    app.next_frames()
    box = qr.bounding_box()
    assert box["width"] >= 300 and box["y"] + box["height"] <= PROJECTOR["height"], box


def test_the_network_names_few_actors_in_large_type(server, new_app):
    app = new_app(server.url, viewport=PROJECTOR).open("/actors?mode=workshop&lang=en", "Key actors and leaders")
    app.open_tab("Network")
    chart = app.page.locator(S.CHART).first
    expect(chart.locator(".textpoint text").first).to_be_visible()
    names = [n for n in chart.locator(".textpoint text").evaluate_all("els => els.map(e => e.textContent)") if n]
    assert 10 <= len(names) <= 20 and "Coopérative El Amal" in names  # of 53 actors
    assert min(chart.locator(".textpoint text").evaluate_all(TEXT_PX)) >= 18


def test_workshop_mode_enlarges_tables_and_inputs_within_the_page(server, new_app):
    def follow_up(mode: str):
        app = new_app(server.url, viewport=PROJECTOR).open(f"/plan?{mode}lang=en", PLAN)
        app.open_tab("Follow-up")
        grid = app.table("follow")
        expect(grid).to_be_visible()
        app.next_frames()
        tab = app.page.get_by_role("tab", name="Follow-up").locator("p")
        header = grid.locator(f"{S.GRID_CANVAS} + canvas")  # the grid's header, drawn on its own canvas
        return (app, grid.bounding_box(), header.bounding_box()["height"],
                float(tab.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")))

    _, _, normal_header, normal_tab = follow_up("")
    app, big, big_header, big_tab = follow_up("mode=workshop&")
    main = app.page.locator(S.MAIN).bounding_box()
    assert big["x"] + big["width"] <= main["x"] + main["width"]  # the zoomed grid stays within the page
    assert big_header >= 1.25 * normal_header  # cells and headers drawn 1.3 times larger
    assert big_tab >= 1.25 * normal_tab and big_tab >= 26
    app.open_tab("Add or edit")
    title = app.in_form("act_new_title").locator("input")
    expect(title).to_be_visible()
    assert title.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 24
