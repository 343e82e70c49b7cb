"""Helpers of the real-browser tests: a real streamlit server on a demo store, the system Chromium,
every selector in one place, and waiting for Streamlit's runs instead of sleeping.

Streamlit's test ids move between versions: when a selector breaks, fix it here only (class `S`)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, WebSocket, expect

from tests.stores import demo_store

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--no-first-run", "--disable-sync", "--disable-quic"]
HEALTH_TIMEOUT_S = 60
RUN_TIMEOUT_MS = 30_000  # one script run; the first run of a server imports pandas, plotly… (≈ 3 s here)
# What a page draws after its run is over (plotly's charts, the grids) follows the browser, not the server: on a
# loaded machine it takes longer than Playwright's default 5 s. Every `expect` waits as long as a run may take.
expect.set_options(timeout=RUN_TIMEOUT_MS)
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
RESULTS = ROOT / "test-results"  # git-ignored


class S:
    """Selectors. A widget created with `key="x"` carries the CSS class `st-key-x`: prefer those."""

    IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    TITLE = "h1"
    SIDEBAR = '[data-testid="stSidebar"]'
    SIDEBAR_COLLAPSED = '[data-testid="stSidebar"][data-collapsed="true"]'
    NAV_LINK = '[data-testid="stSidebarNavLink"]'
    NAV_LABEL = '[data-testid="stSidebarNavLink"] [data-testid="stMarkdownContainer"]'  # without the icon's name
    UPLOAD_INPUT = '[data-testid="stFileUploader"] input[type="file"]'
    EXPANDER = '[data-testid="stExpander"]'
    EXPANDER_LABEL = '[data-testid="stExpander"] summary'
    INFO = '[data-testid="stAlertContentInfo"]'
    SUCCESS = '[data-testid="stAlertContentSuccess"]'
    EXCEPTION = '[data-testid="stException"]'
    DATAFRAME_ID = "stDataFrame"
    DATAFRAME = f'[data-testid="{DATAFRAME_ID}"]'  # st.dataframe and st.data_editor: a glide-data-grid
    GRID_SCROLLER = ".dvn-scroller"  # the layer over the grid's canvas that receives the mouse
    GRID_CANVAS = '[data-testid="data-grid-canvas"]'
    # glide-data-grid keeps an accessible copy of the grid inside its canvas (fallback content): not
    # drawn, but in the DOM once the grid has had focus, with the selection as aria-selected.
    GRID_CELL = 'td[role="gridcell"]'
    GRID_HEADER = 'th[role="columnheader"]'
    GRID_ROW = 'tbody tr[role="row"]'
    GRID_EDITOR = "#portal .gdg-style"  # the overlay editor glide opens over a cell
    OPTION = '[role="option"]'  # an option of an open drop-down (its menu is portalled out of the editor)
    MAIN_MARKDOWN_P = '[data-testid="stMain"] [data-testid="stMarkdown"] [data-testid="stMarkdownContainer"] p'
    METRIC_VALUE = '[data-testid="stMetricValue"]'
    MAIN = '[data-testid="stMain"]'  # the block that scrolls
    CHART = '[data-testid="stPlotlyChart"]'
    CHART_TITLE = '[data-testid="stPlotlyChart"] .gtitle'
    BAR_VALUE = "text.bartext"  # plotly's text on a bar
    BARS = ".cl-bars"  # counts as bars in HTML (clusterlab/ui/bars.py)
    BARS_TITLE = ".cl-bars-title"
    BARS_VALUE = ".cl-bar-value"
    BARS_LABEL = ".cl-bar-label"

    @staticmethod
    def key(widget_key: str) -> str:
        return f".st-key-{widget_key}"

    @staticmethod
    def in_form(widget_key: str) -> str:
        """A widget of a clusterlab form (clusterlab.ui.forms), whatever the form's generation (`key-<n>`)."""
        return f'.st-key-{widget_key}, [class*="st-key-{widget_key}-"]'

    @staticmethod
    def grid_cell(col: int, row: int) -> str:
        """A data cell of the accessible copy, by 0-based column and row (header excluded)."""
        return f'[data-testid="glide-cell-{col}-{row}"]'


# --- Chromium ---------------------------------------------------------------------------------------------------

def require_chromium() -> str:
    """The system Chromium, or skip — except on CI (CI set), which installs it: there, fail."""
    if CHROMIUM.exists():
        return str(CHROMIUM)
    reason = f"{CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI is set, so this is a failure, not a skip", pytrace=False)
    pytest.skip(reason)


def launch_args() -> dict:
    """Chromium's launch options (pytest-playwright adds headless, or --headed / --slowmo from its options)."""
    return {"executable_path": require_chromium(), "args": LAUNCH_ARGS}


# --- The server -------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m streamlit run app.py` (or another `script` of the checkout) on a free port, on its own store
    file; stopped by its own handle."""

    def __init__(self, workdir: Path, script: str = "app.py", raw: bool = False):
        workdir.mkdir(parents=True, exist_ok=True)
        self.db = demo_store(workdir / "app.duckdb", raw)  # raw: the demo's data, none of its analysis
        self.log_path = workdir / "streamlit.log"
        self.script = script
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> Server:
        if self.proc is not None and self.proc.poll() is None:
            return self  # serving already (`with server.start()` would otherwise start a second, never stopped)
        env = {**os.environ, "CLUSTERLAB_DB": str(self.db)}
        env.pop("CLUSTERLAB_ACCESS_CODE", None)  # a code in the developer's shell would gate every page
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", self.script, "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + HEALTH_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.stop()
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.read().decode().strip() == "ok":
                        return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit not healthy after {HEALTH_TIMEOUT_S} s:\n{self.log()}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if getattr(self, "_log", None):
            self._log.close()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""

    def open_vote(self, title: str, problems: list[str], dots: int) -> int:
        """Open a vote in the server's store before it starts (the store is one process's at a time)."""
        from clusterlab import store, votes

        con = store.connect(self.db)
        try:
            return votes.open_vote(con, store.project_id(con, "demo"), title, problems, dots)
        finally:
            con.close()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# --- Pages ------------------------------------------------------------------------------------------------------

STREAM_PATH = "/_stcore/stream"  # the websocket a page talks to its session through


def run_finished(payload: str | bytes) -> bool:
    """Whether a message from the server says a script run is over (not one cut short for a rerun, which
    another run follows). Read with Streamlit's own protobuf classes, so it follows the installed version."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    if isinstance(payload, str):
        return False
    msg = ForwardMsg()
    try:
        msg.ParseFromString(payload)
    except Exception:  # not a ForwardMsg: not the end of a run
        return False
    return (msg.WhichOneof("type") == "script_finished"
            and msg.script_finished != ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN)


def off_machine(urls: list[str]) -> list[str]:
    """The URLs that would leave the machine (data: and blob: stay in the browser)."""
    bad = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        if parts.hostname not in LOCAL_HOSTS:
            bad.append(url)
    return bad


@dataclass
class App:
    """A page of the app in a fresh browser context, with what it asked of the network."""

    page: Page
    base: str
    requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    stream: WebSocket | None = None

    def on_websocket(self, ws: WebSocket) -> None:
        self.requests.append(ws.url)
        if urlsplit(ws.url).path.endswith(STREAM_PATH):
            self.stream = ws

    def open(self, path: str, title: str) -> App:
        """Load `path` and wait until its run is over and it shows `title`."""
        self.page.goto(self.base + path)
        self.wait_title(title)
        return self

    def wait_title(self, title: str) -> None:
        """The page shows `title` and its run is over. Elements may still be drawn just after the idle marker
        (the page buffers them briefly): `expect` what you read next."""
        expect(self.page.locator(S.TITLE).first).to_have_text(title, timeout=RUN_TIMEOUT_MS)
        self.wait_idle()

    def wait_idle(self) -> None:
        expect(self.page.locator(S.IDLE)).to_be_visible(timeout=RUN_TIMEOUT_MS)

    @contextmanager
    def rerun(self) -> Iterator[None]:
        """Around an action that makes Streamlit run the script again: wait until the server says that a run
        started by the action is over, then for the idle marker. (The marker alone is not enough: a quick run may
        never show `running` in the page, its states being rendered together.) Then `expect` the new state
        before reading it: the page may still be drawing the run's last messages."""
        assert self.stream is not None, "no websocket to the app: open a page first"
        with self.stream.expect_event("framereceived", predicate=run_finished, timeout=RUN_TIMEOUT_MS):
            yield
        self.wait_idle()

    def open_tab(self, label: str) -> None:
        """Click a tab: only the open tab's content runs (clusterlab.ui.open_tab), so wait for the rerun."""
        with self.rerun():
            self.page.get_by_role("tab", name=label).click()

    def next_frames(self, n: int = 2) -> None:
        """Let the page lay out and paint again (after a resize, say): wait for `n` animation frames."""
        self.page.evaluate("n => new Promise(done => { const f = k => k ? requestAnimationFrame(() => f(k - 1)) "
                           ": done(); f(n); })", n)

    def key(self, widget_key: str) -> Locator:
        return self.page.locator(S.key(widget_key))

    def in_form(self, widget_key: str) -> Locator:
        return self.page.locator(S.in_form(widget_key))

    def choose(self, widget_key: str, option: str) -> None:
        """Pick `option` in a selectbox as a person does at the keyboard: type it to narrow the menu down to
        it, take it with Enter, and wait for the rerun. (A click may miss: a long menu opened near the
        bottom of the window can lie outside it, under a grid drawn late.)"""
        wanted = self.page.get_by_role("option", name=option, exact=True)
        shown: list[str] = []
        for _ in range(4):  # a menu opened while the page still lays out (a chart drawn late) may close again
            self.key(widget_key).get_by_role("combobox").click()
            self.page.keyboard.press("ControlOrMeta+a")  # what a closed menu kept of an earlier try goes
            self.page.keyboard.type(option)
            try:
                expect(wanted).to_be_attached(timeout=5_000)
            except AssertionError:  # the menu closed under the typing: open it again
                self.page.keyboard.press("Escape")
                continue
            shown = self.page.get_by_role("option").all_inner_texts()  # narrowed: the first one has the focus
            if option in shown:
                break
            self.page.keyboard.press("Escape")
        else:
            raise AssertionError(f"{option!r} never stayed in the menu of {widget_key}")
        for _ in range(shown.index(option)):
            self.page.keyboard.press("ArrowDown")
        expect(wanted).to_have_attribute("data-focused", "true")
        with self.rerun():
            self.page.keyboard.press("Enter")
        expect(self.key(widget_key).get_by_role("combobox")).to_have_value(option)

    def add_in_form(self, widget_key: str, option: str) -> None:
        """Add `option` to a multiselect inside a form (no rerun until the form is sent): type it, click
        it, close the menu."""
        self.in_form(widget_key).get_by_role("combobox").click()
        self.page.keyboard.type(option)
        self.page.get_by_role("option", name=option, exact=True).click()
        self.page.keyboard.press("Escape")
        expect(self.in_form(widget_key)).to_contain_text(option)

    def download_csv(self, table_key: str, folder: Path) -> Path:
        """Click the CSV button of clusterlab's `table(…, key=table_key)` and save the file in `folder`."""
        with self.page.expect_download() as download:
            self.key(f"csv_{table_key}").get_by_role("button", name="CSV", exact=True).click()
        saved = folder / download.value.suggested_filename
        download.value.save_as(saved)
        return saved

    def sidebar(self) -> Locator:
        return self.page.locator(S.SIDEBAR)

    def nav_labels(self) -> Locator:
        return self.page.locator(S.NAV_LABEL)

    def nav_link(self, label: str) -> Locator:
        return self.page.locator(S.NAV_LINK).and_(self.page.get_by_role("link", name=label, exact=True))

    def table(self, key: str) -> Locator:
        """The grid of clusterlab's `table(df, name, key)`: st.dataframe takes no CSS class from its key, but
        the CSV button after it does (`csv_<key>`)."""
        return self.key(f"csv_{key}").locator(f"xpath=preceding::*[@data-testid='{S.DATAFRAME_ID}'][1]")

    def focus_grid(self, grid: Locator) -> None:
        """Click the first data cell of a glide grid (st.dataframe, st.data_editor): it takes the focus and the
        selection, and fills its accessible copy (`S.GRID_CELL`), which tests can read."""
        first = grid.locator(S.grid_cell(0, 0))
        for _ in range(3):  # a grid still laying out (drawn anew by the run, or a chart above it drawn late) may
            # take the click somewhere else: click again once it has settled
            header = grid.locator(f"{S.GRID_CANVAS} + canvas").bounding_box()["height"]  # the header's own canvas
            grid.locator(S.GRID_SCROLLER).click(position={"x": 20, "y": header + 10})
            try:
                expect(first).to_have_attribute("aria-selected", "true", timeout=5_000)
                return
            except AssertionError:
                self.next_frames()
        expect(first).to_have_attribute("aria-selected", "true")

    def select_cell(self, grid: Locator, column: str, row: str) -> Locator:
        """Select, at the keyboard, the cell of a glide grid under header `column` in the row whose first cell
        reads `row`; returns that cell (selected), ready for Enter or typing."""
        self.focus_grid(grid)
        x = grid.locator(S.GRID_HEADER).all_inner_texts().index(column)
        y = grid.locator(f'{S.GRID_CELL}[aria-colindex="1"]').all_inner_texts().index(row)
        for _ in range(x):
            self.page.keyboard.press("ArrowRight")
        for _ in range(y):
            self.page.keyboard.press("ArrowDown")
        cell = grid.locator(S.grid_cell(x, y))
        expect(cell).to_have_attribute("aria-selected", "true")
        return cell

    def grid_rows(self, grid: Locator) -> list[dict[str, str]]:
        """The rows of a glide grid as drawn (only the rows and columns in view), by column header."""
        self.focus_grid(grid)
        headers = grid.locator(S.GRID_HEADER).all_inner_texts()
        rows = grid.locator(S.GRID_ROW).all()
        return [dict(zip(headers, row.locator(S.GRID_CELL).all_inner_texts(), strict=True)) for row in rows]

    def project_selector(self) -> Locator:
        """The sidebar's project selector: a combobox whose value is the current project."""
        return self.sidebar().locator(S.key("project_choice")).get_by_role("combobox")

    def info(self) -> Locator:
        return self.page.locator(S.INFO)

    def success(self) -> Locator:
        return self.page.locator(S.SUCCESS)


def app_factory(browser: Browser) -> tuple[Callable[..., App], Callable[[], None]]:
    """`new(base, **context_args)` opens a page in a fresh context, on the server at `base`; `check()` closes
    them all and fails if a page asked anything of a host other than this machine, or raised an uncaught error."""
    made: list[tuple] = []

    def new(base: str, **context_args) -> App:
        context = browser.new_context(**{"viewport": {"width": 1400, "height": 1000}, "accept_downloads": True,
                                         **context_args})
        page = context.new_page()
        page.set_default_timeout(RUN_TIMEOUT_MS)
        app = App(page, base)
        context.on("request", lambda r: app.requests.append(r.url))
        page.on("websocket", app.on_websocket)
        page.on("pageerror", lambda e: app.page_errors.append(str(e)))
        made.append((context, app))
        return app

    def check() -> None:
        problems = []
        for context, app in made:
            context.close()
            bad = off_machine(app.requests)
            if bad:
                problems.append(f"requests off the machine: {sorted(set(bad))}")
            if not any(u.startswith(app.base) for u in app.requests):
                problems.append("no request recorded at all: the request hook is broken")
            if app.page_errors:
                problems.append(f"uncaught errors in the page: {app.page_errors}")
        if problems:
            pytest.fail("\n".join(problems), pytrace=False)

    return new, check
