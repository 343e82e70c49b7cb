"""The running indicator: a run longer than half a second says so at the top right, in the session's
language; nothing shows in a run's first half second, so a quick run shows nothing (base.css, frame.page_style)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import Server

pytestmark = pytest.mark.browser

INDICATOR = """() => { const s = getComputedStyle(document.querySelector('[data-testid="stApp"]'), '::after');
                       return {content: s.content, opacity: s.opacity}; }"""
SHOWN = """() => { const s = getComputedStyle(document.querySelector('[data-testid="stApp"]'), '::after');
                   return s.content !== 'none' && s.opacity === '1'; }"""  # no content: no indicator at all
# When each run started (the app's script state turning to "running", seen by a MutationObserver at once) and,
# for each run, how long after its start the indicator first showed (window.delays, in ms; sampled at every
# frame, so a late frame can only make a delay look longer, never shorter).
SAMPLER = """() => { window.delays = []; let started = null, seen = false;
    const app = document.querySelector('[data-testid="stApp"]');
    new MutationObserver(() => {
        if (app.dataset.testScriptState === 'running') { if (started === null) { started = performance.now();
                                                                                 seen = false; } }
        else started = null;
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    const f = () => {
        const s = getComputedStyle(app, '::after');
        if (started !== null && !seen && s.content !== 'none' && parseFloat(s.opacity) > 0) {
            window.delays.push(performance.now() - started); seen = true; }
        requestAnimationFrame(f); };
    requestAnimationFrame(f); }"""
HALF_SECOND_MS = 500
SLACK_MS = 20  # timers and the observer's microtask


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with Server(tmp_path_factory.mktemp("running"), script="tests/apps/slow_run.py") as running:
        yield running


@pytest.mark.parametrize("lang, label", [("en", "Working…"), ("fr", "Calcul en cours…")])
def test_a_long_run_shows_the_indicator_and_a_quick_one_does_not(server, new_app, lang, label):
    app = new_app(server.url).open(f"/?lang={lang}", "running")
    app.page.evaluate(SAMPLER)
    with app.rerun():
        app.key("quick").get_by_role("button").click()
    expect(app.page.get_by_text("runs: 2")).to_be_visible()

    with app.rerun():
        app.key("slow").get_by_role("button").click()
        app.page.wait_for_function(SHOWN)
        shown = app.page.evaluate(INDICATOR)
        assert shown["content"] == f'"{label}"'
    assert app.page.evaluate(INDICATOR)["content"] == "none", "the indicator stays after the run"
    delays = app.page.evaluate("window.delays")
    assert delays, "the two-second run never showed the indicator"
    # the quick run showed nothing unless it lasted over half a second (a loaded machine); none showed sooner
    assert all(d >= HALF_SECOND_MS - SLACK_MS for d in delays), delays
