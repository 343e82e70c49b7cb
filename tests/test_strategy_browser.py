"""Phase III's page in a real Chromium: the room types an influence into the MID grid, saves it, and the balance
of power follows (tests/browser.py's helpers)."""
from __future__ import annotations

import duckdb
import pytest
from playwright.sync_api import expect

from clusterlab import importer, store
from tests.browser import RESULTS, S, Server
from tests.mactor_data import workbook

pytestmark = pytest.mark.browser


@pytest.fixture
def mactor_server(tmp_path, browser_type_launch_args):
    """A server on the raw demo store holding the small MACTOR workbook (loaded before it starts: one writer)."""
    srv = Server(tmp_path / "mactor", raw=True)  # the demo without its own phase III
    con = store.connect(srv.db)
    report = importer.import_files(con, [workbook(tmp_path / "mactor.xlsx")], "demo")
    con.close()
    assert not report.refused
    srv.start()
    yield srv
    srv.stop()


def test_the_room_types_an_influence_into_the_grid_and_saves_it(mactor_server, new_app):
    app = new_app(mactor_server.url).open("/strategy?lang=en", "Strategic analysis of actors (MACTOR)")
    page = app.page
    expect(page.locator(S.EXCEPTION)).to_have_count(0)
    app.open_tab("Influences (MID)")
    grid = page.locator(S.DATAFRAME).first
    target = app.select_cell(grid, "Banque Agricole", "Coopérative Nour")
    headers = grid.locator(S.GRID_HEADER).all_inner_texts()
    expect(target).to_have_text("0")  # the sheet said 0: Coopérative Nour has no influence on the bank
    page.keyboard.type("3")  # typing on a selected cell opens its editor with what is typed
    typed = page.locator(S.GRID_EDITOR).locator("input, textarea").first
    expect(typed).to_have_value("3")
    expect(typed).to_be_focused()
    # Save straight from the open editor: the click outside the grid hands the edit to the form at once. (After
    # Enter, Streamlit passes the grid's edits to the form 150 ms later: a click on Save sooner sends the form
    # without them, and the page then says that no cell changed; a test's click is that quick.)
    with app.rerun():
        page.get_by_role("button", name="Save the grid (confirmed)").click()
    expect(page.get_by_text("1 cell saved (confirmed).")).to_be_visible()
    expect(page.locator(S.EXCEPTION)).to_have_count(0)
    drawn = app.grid_rows(page.locator(S.DATAFRAME).first)  # the grid drawn anew from the store
    first = headers[0]
    assert {r[first]: r["Banque Agricole"] for r in drawn}["Coopérative Nour"] == "3"
    assert {r[first]: r["Coopérative Nour"] for r in drawn}["Coopérative Nour"] == ""  # the diagonal: not counted
    page.screenshot(path=str(RESULTS / "strategy_mid_grid.png"))
    mactor_server.stop()  # the server holds the store for writing: read it once the server is gone
    con = duckdb.connect(str(mactor_server.db), read_only=True)
    try:
        cells = con.execute("""SELECT value, source FROM influences WHERE from_actor_id = 'A1'
                               AND to_actor_id = 'A4' ORDER BY seq""").fetchall()
        assert cells == [(0, "confirmed"), (3, "confirmed")]
        changed = con.execute("SELECT count(*) FROM influences").fetchone()[0]
        assert changed == 13, "one cell written: the one typed"
    finally:
        con.close()
