"""The running indicator: a run longer than half a second says so at the top right, in the session's
language; a quick run shows nothing (base.css, frame.page_style)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import Server, app_factory

pytestmark = pytest.mark.browser

INDICATOR = """() => { const s = getComputedStyle(document.querySelector('[data-testid="stApp"]'), '::after');
                       return {content: s.content, opacity: s.opacity}; }"""
SHOWN = """() => getComputedStyle(document.querySelector('[data-testid="stApp"]'), '::after').opacity === '1'"""
# Samples the indicator at every frame: the highest opacity it reached since the sampler started.
SAMPLER = """() => { window.peak = 0; const f = () => {
    const s = getComputedStyle(document.querySelector('[data-testid="stApp"]'), '::after');
    if (s.content !== 'none') window.peak = Math.max(window.peak, parseFloat(s.opacity));
    requestAnimationFrame(f); }; requestAnimationFrame(f); }"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with Server(tmp_path_factory.mktemp("running"), script="tests/apps/slow_run.py") as running:
        yield running


@pytest.fixture
def new_app(browser):
    new, check = app_factory(browser)
    yield new
    check()


@pytest.mark.parametrize("lang, label", [("en", "Working…"), ("fr", "Calcul en cours…")])
def test_a_long_run_shows_the_indicator_and_a_quick_one_does_not(server, new_app, lang, label):
    app = new_app(server.url).open(f"/?lang={lang}", "running")
    app.page.evaluate(SAMPLER)
    with app.rerun():
        app.key("quick").get_by_role("button").click()
    expect(app.page.get_by_text("runs: 2")).to_be_visible()
    assert app.page.evaluate("window.peak") == 0, "a quick run showed the indicator"

    with app.rerun():
        app.key("slow").get_by_role("button").click()
        app.page.wait_for_function(SHOWN)
        shown = app.page.evaluate(INDICATOR)
        assert shown["content"] == f'"{label}"'
    assert app.page.evaluate(INDICATOR)["content"] == "none", "the indicator stays after the run"
