"""How long the room waits, measured in a real browser on the demo project.

Usage: python bench/browser_speed.py [--sessions N] [--workshop]

A real `streamlit run app.py` on a copy of the demo store, Debian's Chromium driven by Playwright
(tests/browser.py: the same server, selectors and waits as the browser tests). Measured:

- **first page, cold server**: the first session after the server started (it imports pandas,
  plotly… and computes the project's analysis);
- **first page, fresh session**: N new browser contexts (no cookie, no cache: a phone's first visit)
  opening the app's address, from `goto` until the run is over and the page is drawn (`DRAWN`: no element
  still waiting for its script, every chart with its SVG);
- **first page, new tab**: N new tabs of a browser that opened the app once before (a new session
  each; the browser keeps Streamlit's script files, which are served as immutable for a year);
- **ballot on a phone**: N new phone-size contexts (no cache) opening a vote's link, as its QR code
  carries it, until the ballot is shown;
- **click**: in one session, a click on each page of the navigation and then on each tab of that
  page, from the click until the run it started is over (the server says so on the websocket) and
  the page is drawn; the first click comes right after the first page is drawn, as a hurried person's would;
- **first click after reading**: N fresh sessions, each clicking the action plan (charts and tables) after
  `--read` seconds on the first page.

Targets (issue 20): a click within 1 s, a fresh session's first page within 2 s. Figures go to
stdout and bench/out/browser_speed.json. A report, not a test: the exit code is 0 whatever the
figures, 1 when a measurement could not be taken.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.browser import LAUNCH_ARGS, App, S, Server, require_chromium  # noqa: E402

SCREEN = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
TARGET_CLICK_S = 1.0
TARGET_FIRST_S = 2.0
# Drawn: no element still waiting for its code (Streamlit loads each kind of element's script on first use and
# shows a skeleton meanwhile: with no chart in the page yet, "every chart has its SVG" would hold at once), no
# element left from the run before, and every chart with its SVG (plotly draws after the run is over).
DRAWN = """() => !document.querySelector(
                    '[data-testid="stSkeleton"], [data-testid="stAppSkeleton"], [data-stale="true"]')
                 && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                    .every(c => c.querySelector('.main-svg'))"""


def drawn(page: Page) -> None:
    """Wait until the page is drawn: every element's script loaded, nothing stale, every chart with its SVG."""
    page.wait_for_function(DRAWN, timeout=30_000)


def first_page(browser, base: str, query: str = "", context=None, path: str = "/", viewport: dict = SCREEN
               ) -> float:
    """A new session's first page: in a new browser context (no cache: a phone's first visit), or in a new
    tab of `context` (a browser that has opened the app before keeps its script files)."""
    fresh = context is None
    context = context or browser.new_context(viewport=viewport)
    page = context.new_page()
    app = App(page, base)
    page.on("websocket", app.on_websocket)
    start = time.perf_counter()
    page.goto(base + path + query)
    page.locator(S.TITLE).first.wait_for()
    app.wait_idle()
    drawn(page)
    took = time.perf_counter() - start
    page.close()
    if fresh:
        context.close()
    return took


def first_pages_cached(browser, base: str, query: str, sessions: int) -> list[float]:
    """N new tabs of one browser that opened the app once before: a new session each, the cache kept."""
    context = browser.new_context(viewport=SCREEN)
    first_page(browser, base, query, context)  # fills the browser's cache
    took = [first_page(browser, base, query, context) for _ in range(sessions)]
    context.close()
    return took


def ballot_path(server: Server) -> str:
    """The address of a vote's ballot, as its QR code carries it (opened in the store before the server starts)."""
    from clusterlab import store, votes

    vote_id = server.open_vote("AP", ["Prix du lait instable", "Manque de chaîne du froid"], 3)
    con = store.connect(server.db)
    try:
        return f"/vote?vote={vote_id}&t={votes.token(con, vote_id)}"
    finally:
        con.close()


def session(browser, base: str, query: str) -> tuple:
    """A fresh session (a new browser context) on its first page, drawn: (context, page, app)."""
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    app = App(page, base)
    page.on("websocket", app.on_websocket)
    page.goto(base + "/" + query)
    page.locator(S.TITLE).first.wait_for()
    app.wait_idle()
    drawn(page)
    return context, page, app


def after_reading(browser, base: str, query: str, sessions: int, read: float) -> list[float]:
    """N fresh sessions, each reading its first page for `read` seconds, then clicking the action plan (charts
    and tables: the scripts the first page did not need): the time from the click to the drawn page."""
    took = []
    for _ in range(sessions):
        context, page, app = session(browser, base, query)
        page.wait_for_timeout(read * 1000)  # a person reading the first page, not a wait for the app
        start = time.perf_counter()
        with app.rerun():
            page.locator(f'{S.NAV_LINK}[href$="/plan"]').click()
        drawn(page)
        took.append(time.perf_counter() - start)
        context.close()
    return took


def clicks(browser, base: str, query: str = "") -> list[dict]:
    """Each page of the navigation, then each of its tabs: the time from the click to a drawn page."""
    context, page, app = session(browser, base, query)
    labels = app.nav_labels().all_inner_texts()
    rows = []
    for label in labels:
        start = time.perf_counter()
        with app.rerun():
            app.nav_link(label).click()
        drawn(page)
        rows.append({"page": label, "tab": "", "seconds": time.perf_counter() - start})
        for tab in page.get_by_role("tab").all_inner_texts()[1:]:  # the first tab is open already
            start = time.perf_counter()
            with app.rerun():
                page.get_by_role("tab", name=tab).click()
            drawn(page)
            rows.append({"page": label, "tab": tab, "seconds": time.perf_counter() - start})
    context.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=5, help="fresh sessions opened (default 5)")
    parser.add_argument("--workshop", action="store_true", help="in workshop mode (?mode=workshop)")
    parser.add_argument("--read", type=float, default=1.5, help="seconds on the first page before the first click")
    args = parser.parse_args()
    require_chromium()
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        server = Server(Path(tmp))
        ballot = ballot_path(server)
        server.start()
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=LAUNCH_ARGS)
        query = "?mode=workshop" if args.workshop else ""
        cold = first_page(browser, server.url, query)
        fresh = [first_page(browser, server.url, query) for _ in range(args.sessions)]
        cached = first_pages_cached(browser, server.url, query, args.sessions)
        phones = [first_page(browser, server.url, "", path=ballot, viewport=PHONE) for _ in range(args.sessions)]
        read = after_reading(browser, server.url, query, args.sessions, args.read)
        click_rows = clicks(browser, server.url, query)
        browser.close()
        server.stop()
    result = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "system": platform.platform()},
        "workshop": args.workshop,
        "first_page_cold_server_s": cold,
        "first_page_fresh_session_s": fresh,
        "first_page_new_tab_cached_s": cached,
        "ballot_on_a_new_phone_s": phones,
        "first_click_after_reading_s": read,
        "read_s": args.read,
        "clicks": click_rows,
    }
    (OUT / "browser_speed.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")

    print(f"first page, cold server     {cold:6.2f} s")
    print(f"first page, fresh session   median {statistics.median(fresh):5.2f} s, max {max(fresh):5.2f} s "
          f"({len(fresh)} sessions; target {TARGET_FIRST_S} s: "
          f"{'PASS' if max(fresh) <= TARGET_FIRST_S else 'FAIL'})")
    print(f"first page, new tab (cache) median {statistics.median(cached):5.2f} s, max {max(cached):5.2f} s "
          f"({len(cached)} sessions; target {TARGET_FIRST_S} s: "
          f"{'PASS' if max(cached) <= TARGET_FIRST_S else 'FAIL'})")
    print(f"ballot, a phone's first visit median {statistics.median(phones):5.2f} s, max {max(phones):5.2f} s "
          f"({len(phones)} phones; target {TARGET_FIRST_S} s: {'PASS' if max(phones) <= TARGET_FIRST_S else 'FAIL'})")
    print(f"first click after {args.read:.1f} s of reading (the plan) median {statistics.median(read):5.2f} s, "
          f"max {max(read):5.2f} s (target {TARGET_CLICK_S} s: {'PASS' if max(read) <= TARGET_CLICK_S else 'FAIL'})")
    print(f"\n{'page':<28} {'tab':<32} {'s':>6}")
    for row in click_rows:
        flag = "" if row["seconds"] <= TARGET_CLICK_S else "  > 1 s"
        print(f"{row['page']:<28} {row['tab']:<32} {row['seconds']:6.2f}{flag}")
    seconds = [r["seconds"] for r in click_rows]
    print(f"\nclicks: {len(seconds)}, median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s "
          f"(target {TARGET_CLICK_S} s: {'PASS' if max(seconds) <= TARGET_CLICK_S else 'FAIL'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
