"""The frame: the store connection, language, workshop mode, who this session is (roles), project selector."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from clusterlab import address, analysis, demo, postgres, roles, store, users
from clusterlab.analysis import Analysis
from clusterlab.errors import ClusterlabError, Forbidden, StoreError
from clusterlab.i18n import LANGUAGES, normalise_language, t
from clusterlab.roles import ANALYST, OBSERVER, PARTICIPANT, Identity
from clusterlab.ui.plain import escape_markdown

WORKSHOP_CSS = Path(__file__).with_name("workshop.css").read_text(encoding="utf-8")
BASE_CSS = Path(__file__).with_name("base.css").read_text(encoding="utf-8")


@dataclass
class Context:
    """What every page needs: the connection, the project, its analysis and how to speak.

    `con` is the process's connection: core functions take their own cursor from it. `analysis`
    is the project's analysis at the revision this run started from (analysis.py)."""

    con: duckdb.DuckDBPyConnection
    project: str
    pid: int
    lang: str
    workshop: bool
    analysis: Analysis
    who: Identity = roles.LOCAL


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    """One connection per process and database file; pages take a cursor per unit of work."""
    con = store.connect(path)
    demo.ensure(con)
    return con


def tr(key: str, **params: object) -> str:
    """The text for `key` in the language of this session."""
    return t(key, st.session_state.get("lang", "fr"), **params)


def page_style(lang: str, workshop: bool) -> str:
    """The app's own style sheet: always the base, the workshop's when projected, and the running label's
    text in the session's language (base.css shows it when a run lasts longer than half a second)."""
    running = t("frame.running", lang).replace("\\", "").replace('"', "")
    return (f'<style>:root {{ --clusterlab-running: "{running}"; }}\n'
            f"{BASE_CSS}{WORKSHOP_CSS if workshop else ''}</style>")


def context() -> Context:
    return st.session_state["_context"]


def _from_url(name: str, allowed: tuple[str, ...]) -> str | None:
    """A query parameter, only when it differs from what the app itself last wrote there:
    a link or a bookmark then wins, while the app's own echo does not undo a choice made since."""
    value = st.query_params.get(name)
    if value in allowed and value != st.session_state.get(f"_url_{name}"):
        st.session_state[f"_url_{name}"] = value
        return value
    return None


def _language() -> str:
    """?lang= wins, then this session's choice, then the browser's language."""
    asked = _from_url("lang", LANGUAGES)
    if asked:
        st.session_state["lang"] = asked
    if "lang" not in st.session_state:
        st.session_state["lang"] = normalise_language(st.context.locale)
    return st.session_state["lang"]


def _workshop() -> bool:
    mode = _from_url("mode", ("workshop", "normal"))
    if mode:
        st.session_state["workshop"] = mode == "workshop"
    return st.session_state.setdefault("workshop", False)


def _access_code() -> str | None:
    """The shared code of earlier versions (CLUSTERLAB_ACCESS_CODE or the secrets' access_code): it opens
    as the analyst."""
    code = os.environ.get("CLUSTERLAB_ACCESS_CODE")
    if code:
        return code
    try:
        return st.secrets.get("access_code")
    except Exception:  # no secrets file: no code
        return None


IDENTITY = "_identity"
LAND_ON = "_land_on"  # the page whose address was opened before signing in: app.py goes there after
VOTE_TOKEN = "t"  # the query parameter of a vote's link
ACCESS_TOKEN = "access"  # the query parameter of an observer's link


def _session_identity() -> Identity | None:
    """The identity of the session running this code (for roles.acting), None outside a script run."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    try:
        return st.session_state.get(IDENTITY)
    except Exception:  # no session (bare mode)
        return None


roles.use_session(_session_identity)


def _client_address() -> str | None:
    ip = st.context.ip_address
    return ip if isinstance(ip, str) else None


def _refuse(lang: str, key: str, **params: object) -> None:
    st.title("clusterlab")
    st.error(t(key, lang, **params), icon=":material/block:")
    st.stop()


SOURCE = "_identity_source"  # how this session entered: ("user", name), ("token", token), ("legacy",), ("local",)


def _still(con: duckdb.DuckDBPyConnection, identity: Identity | None, legacy: str | None, seen: store.Glance
           ) -> Identity | None:
    """The session's identity checked again at each run against the store as it is now: a person removed, a
    link revoked, a vote closed or codes configured since (for a local session) end it."""
    if identity is None:
        return None
    source = st.session_state.get(SOURCE, ("local",))
    if source[0] == "user":
        return users.identity_of(con, source[1])
    if source[0] == "token":
        return users.from_token(con, source[1])
    if source[0] == "legacy":
        return identity if legacy else None
    return identity if not legacy and not seen.users else None


def _from_links(con: duckdb.DuckDBPyConnection, lang: str, identity: Identity | None) -> Identity | None:
    """A vote's link (`?t=`) opens its ballot as a participant, for a session not signed in otherwise; an
    observer's link (`?access=`) opens as an observer, and leaves the address at once."""
    token = st.query_params.get(VOTE_TOKEN)
    if token and (identity is None or identity.role == PARTICIPANT):
        opened = users.from_token(con, token)
        if opened is None or opened.role != PARTICIPANT:
            _refuse(lang, "signin.bad_link")
        st.session_state[SOURCE] = ("token", token)
        identity = opened
    access = st.query_params.get(ACCESS_TOKEN)
    if access:
        del st.query_params[ACCESS_TOKEN]  # never left in the address bar, a bookmark or the history
        opened = users.from_token(con, access)
        if opened is None or opened.role != OBSERVER:
            _refuse(lang, "signin.bad_link")
        if identity is None or identity.role == PARTICIPANT:
            st.session_state[SOURCE] = ("token", access)
            identity = opened
    return identity


def _enter(con: duckdb.DuckDBPyConnection, lang: str, seen: store.Glance) -> Identity:
    """Who this session is. On localhost with no one configured: the analyst, as always. Beyond localhost
    with no analyst code: nothing opens. Else a link's token, or a name and a code."""
    listen = st.get_option("server.address")
    legacy = _access_code()
    if not address.local_only(listen) and not (legacy or seen.analysts):
        _refuse(lang, "signin.refused_network", address=listen or "0.0.0.0")
    was = st.session_state.get(IDENTITY)
    identity = _still(con, was, legacy, seen)
    if was is not None and was.role == PARTICIPANT and identity is None:
        _refuse(lang, "signin.bad_link")  # the vote closed or its link was revoked: nothing else opens
    identity = _from_links(con, lang, identity)
    if identity is None and not legacy and not seen.users:
        identity = roles.LOCAL
        st.session_state[SOURCE] = ("local",)
    if identity is None:
        st.session_state.pop(IDENTITY, None)
        _sign_in(con, lang, legacy)
    st.session_state[IDENTITY] = identity
    return identity


def _sign_in(con: duckdb.DuckDBPyConnection, lang: str, legacy: str | None) -> None:
    """The sign-in form (a name and a code); a wrong code is refused, and repeated ones wait (users.py)."""
    st.title("clusterlab")
    with st.form("signin", clear_on_submit=True):
        name = st.text_input(t("signin.name", lang), key="signin_name")
        code = st.text_input(t("signin.code", lang), type="password", key="signin_code")
        if st.form_submit_button(t("signin.enter", lang)):
            try:
                st.session_state[IDENTITY] = who = users.sign_in(con, name, code, _client_address(), legacy)
                known = users.identity_of(con, who.name) is not None
                st.session_state[SOURCE] = ("user", who.name) if known else ("legacy",)
                st.session_state[LAND_ON] = urlsplit(st.context.url or "").path.strip("/").split("/")[-1]
                st.rerun()
            except Forbidden as exc:
                st.error(exc.message(lang))
    st.stop()


def _keep_in_url(lang: str, workshop: bool) -> None:
    """The language and the mode stay in the address, so a bookmark or a page change keeps them."""
    st.session_state["_url_lang"] = lang
    if st.query_params.get("lang") != lang:
        st.query_params["lang"] = lang
    mode = "workshop" if workshop else "normal"
    st.session_state["_url_mode"] = mode
    if workshop and st.query_params.get("mode") != mode:
        st.query_params["mode"] = mode
    elif not workshop and "mode" in st.query_params:
        del st.query_params["mode"]


def _chosen(widget_key: str, state_key: str) -> None:
    st.session_state[state_key] = st.session_state[widget_key]


def _sidebar(con: duckdb.DuckDBPyConnection, lang: str, who: Identity, seen: store.Glance) -> tuple[str, int]:
    """Project selector, language and workshop switch; returns the chosen project and its id.

    Each widget shows the truth and writes to it when changed. The project is this session's own
    choice, started from the default project of new sessions (the analyst's setting): one person's
    choice moves no other screen."""
    wanted = st.session_state.get("project") or seen.default_project
    names, current, pid = _workspace(con, wanted, who, seen)
    st.session_state["project"] = current
    st.session_state["project_choice"] = current
    st.session_state["lang_choice"] = lang
    st.session_state["workshop_choice"] = st.session_state["workshop"]

    def choose_project() -> None:
        st.session_state["project"] = st.session_state["project_choice"]

    with st.sidebar:
        st.selectbox(t("frame.project", lang), names, key="project_choice", on_change=choose_project,
                     placeholder=t("widget.choose", lang))
        if who.role == ANALYST and current != seen.default_project:
            st.button(t("frame.make_default", lang), key="make_default", icon=":material/push_pin:",
                      on_click=store.set_setting, args=(con, "project", current, who))
        names_of = {code: t(f"language.{code}", lang) for code in LANGUAGES}
        st.segmented_control(t("frame.language", lang), LANGUAGES, key="lang_choice", required=True,
                             format_func=names_of.get, on_change=_chosen, args=("lang_choice", "lang"))
        st.toggle(t("frame.workshop", lang), key="workshop_choice", help=t("frame.workshop_help", lang),
                  on_change=_chosen, args=("workshop_choice", "workshop"))
        if who is not roles.LOCAL:
            st.caption(t("signin.as", lang, name=escape_markdown(who.name), role=t(f"role.{who.role}", lang)))
            if st.button(t("signin.out", lang), key="sign_out", icon=":material/logout:"):
                st.session_state.pop(IDENTITY, None)
                st.rerun()
    if who.role == OBSERVER:
        st.info(t("signin.read_only", lang), icon=":material/visibility:")
    return current, pid


def _workspace(con: duckdb.DuckDBPyConnection, wanted: str | None, who: Identity, seen: store.Glance
               ) -> tuple[list[str], str, int]:
    """The projects this person may open, the one to show and its id (store.workspace for everyone else,
    which makes the first project of an empty store)."""
    ids = seen.projects
    if who.projects is None:
        if not ids:
            return store.workspace(con, wanted)
        current = wanted if wanted in ids else next(iter(ids))
        return list(ids), current, ids[current]
    names = [name for name, pid in ids.items() if pid in who.projects]
    if not names:
        _refuse(st.session_state.get("lang", "fr"), "signin.no_project")
    current = wanted if wanted in names else names[0]
    return names, current, ids[current]


def _participant(who: Identity, seen: store.Glance) -> tuple[str, int]:
    """A participant's project: their vote's, and nothing to choose."""
    pid = next(iter(who.projects))
    return next(name for name, i in seen.projects.items() if i == pid), pid


def frame() -> Context:
    """Set up the page: to be called by app.py before the navigation runs."""
    lang = _language()
    workshop = _workshop()
    st.set_page_config(page_title="clusterlab", page_icon="🐄", layout="wide",
                       initial_sidebar_state="collapsed" if workshop else "auto")
    st.html(page_style(lang, workshop))
    with store_guard(lang):
        try:
            con = _connection(str(store.default_db_path()))
        except ClusterlabError as exc:
            if exc.key == "store.unavailable":
                raise
            st.error(f"**{exc.title(lang)}** — {escape_markdown(exc.message(lang))}")
            st.stop()
        seen = store.glance(con)  # what the frame reads of the store, in one round trip
        who = _enter(con, lang, seen)
        project, pid = _participant(who, seen) if who.role == PARTICIPANT else _sidebar(con, lang, who, seen)
        _keep_in_url(lang, workshop)
        ctx = Context(con, project, pid, lang, workshop, analysis.of(con, pid, revision=seen.revisions.get(pid)), who)
    st.session_state["_context"] = ctx
    return ctx


RETRY_SECONDS = 3  # while the database server does not answer, how often the page tries again


@contextmanager
def store_guard(lang: str) -> Iterator[None]:
    """Around a run's reads and writes: a database server that stopped answering (restarting, the network)
    is said plainly ("store unavailable, retrying"), never as a traceback, and the page runs again by itself
    as soon as the server answers: the process's connection recovers on its own (postgres.py)."""
    try:
        yield
    except duckdb.Error as exc:
        said = postgres.translate(exc, str(store.default_db_path()))
        if said.key != "store.unavailable":
            raise
        _wait_for_store(said, lang)
    except StoreError as exc:
        if exc.key != "store.unavailable":
            raise
        _wait_for_store(exc, lang)


def _wait_for_store(exc: StoreError, lang: str) -> None:
    if not exc.params.get("address"):
        exc = StoreError("store.unavailable", address=store.shown(store.default_db_path()))
    st.warning(f"**{exc.title(lang)}** — {escape_markdown(exc.message(lang))}", icon=":material/sync:")

    @st.fragment(run_every=RETRY_SECONDS)
    def retry() -> None:
        if _reachable():
            st.rerun(scope="app")

    retry()
    st.stop()


def _reachable() -> bool:
    try:
        _connection(str(store.default_db_path())).cursor().execute("SELECT count(*) FROM schema_version").fetchone()
        return True
    except (duckdb.Error, ClusterlabError):
        return False
