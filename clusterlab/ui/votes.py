"""Widgets of the votes: the facilitator's panel (open, link and QR code, live result, close) and
the participant's ballot."""
from __future__ import annotations

import io
import re
import secrets

import plotly.express as px
import segno
import streamlit as st

from clusterlab import address, votes
from clusterlab.errors import ClusterlabError
from clusterlab.ui import forms
from clusterlab.ui.frame import context, tr
from clusterlab.ui.widgets import chart, escape_markdown, table

LIVE_EVERY = "2s"


VOTER_COOKIE = "clusterlab_voter"
TOKEN = re.compile(r"[A-Za-z0-9_-]{8,64}")
YEAR_S = 365 * 24 * 3600


def qr_png(text: str) -> bytes:
    """A QR code made here, offline."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def facilitator(common: list[str], everything: list[str]) -> None:
    """The vote shown (its QR code, link and live result) first, so that the room sees it on the first screen;
    then the list of votes and the form to open a new one (folded while a vote is open)."""
    ctx = context()
    listed = votes.votes(ctx.con, ctx.pid)
    if not listed.empty:
        shown_vote(listed)
    with st.expander(tr("votes.new"), icon=":material/how_to_vote:", expanded=not listed["is_open"].any()):
        open_form(common, everything)
    if not listed.empty:
        table(listed, "votes", "votes")


def open_form(common: list[str], everything: list[str]) -> None:
    """Open a vote on chosen problems: it becomes the vote shown."""
    ctx = context()
    form = forms.Form("open_vote")
    with st.form(form.name):
        title = st.text_input(tr("votes.title"), key=form.key("vote_title"))
        chosen = st.multiselect(tr("votes.problems"), everything, default=common[:8], key=form.key("vote_problems"),
                                placeholder=tr("widget.choose_many"))
        dots = st.number_input(tr("votes.dots"), min_value=1, max_value=20, value=3, key=form.key("vote_dots"))
        if form.submit(tr("votes.open"), type="primary"):

            def open_and_show() -> int:
                opened = votes.open_vote(ctx.con, ctx.pid, title, chosen, int(dots), ctx.who)
                st.session_state["vote_to_show"] = opened  # the selector above is drawn: it takes it next run
                return opened

            if not title.strip():  # the room's phones show it: a vote is named
                forms.refuse(tr("votes.no_title"))
            else:
                form.save(open_and_show, lambda vote_id: tr("votes.opened", n=vote_id, title=title.strip()))


def shown_vote(listed) -> None:
    """The chosen vote: its QR code and link (an address the room's phones reach), close or reopen, live result."""
    ctx = context()
    names = {int(v): f"#{int(v)} — {t}" for v, t in zip(listed["vote_id"], listed["title"], strict=True)}
    if st.session_state.get("vote_to_show") in names:
        st.session_state["vote_shown"] = st.session_state.pop("vote_to_show")
    shown = st.selectbox(tr("votes.shown"), list(names), format_func=names.get, key="vote_shown",
                         placeholder=tr("widget.choose"))
    current = votes.vote(ctx.con, shown, ctx.who)
    listen = st.get_option("server.address")
    if address.local_only(listen):
        st.warning(tr("votes.local_only", address=listen))
    try:
        token = votes.token(ctx.con, shown, ctx.who)
    except ClusterlabError:  # an observer cannot make the link of an older vote
        token = None
    link = votes.link(st.context.url or "http://127.0.0.1:8501/", shown,
                      address.room_host(listen, address.lan_address()), token)
    left, right = st.columns([1, 2])
    left.image(qr_png(link), caption=link, width=320 if ctx.workshop else 260)
    with right:
        st.markdown(f"**{tr('votes.link')}** `{link}`")
        if current["is_open"]:
            if st.button(tr("votes.close"), key="close_vote", icon=":material/lock:",
                         disabled=not ctx.who.may("vote.close")):
                votes.set_open(ctx.con, shown, False, ctx.who)
                st.rerun()
        elif st.button(tr("votes.reopen"), key="reopen_vote", icon=":material/lock_open:",
                       disabled=not ctx.who.may("vote.reopen")):
            votes.set_open(ctx.con, shown, True, ctx.who)
            st.rerun()
        if ctx.who.may("vote.new_link") and st.button(tr("votes.new_link"), key="new_vote_link",
                                                      icon=":material/link_off:"):
            votes.new_link(ctx.con, shown, ctx.who)
            st.rerun()
        live_result(shown)


@st.fragment(run_every=LIVE_EVERY)
def live_result(vote_id: int) -> None:
    """The result as it comes in, redrawn every few seconds without rerunning the page."""
    ctx = context()
    result = votes.results(ctx.con, vote_id, ctx.who)
    st.caption(tr("votes.participants", n=votes.participants(ctx.con, vote_id)))
    fig = px.bar(result.iloc[::-1], x="dots", y="problem", orientation="h", text="dots",
                 labels={"dots": tr("votes.dots_axis"), "problem": ""})
    chart(fig, result, f"vote_{vote_id}_result", f"vote_result_{vote_id}")


def ballot(vote_id: int) -> None:
    """A participant's ballot: spread the dots, then send them once."""
    ctx = context()
    current = votes.vote(ctx.con, vote_id, ctx.who)
    participant = voter_token()
    st.subheader(escape_markdown(current["title"]))
    if not current["is_open"]:
        st.warning(tr("vote.closed"))
        return
    if votes.has_voted(ctx.con, vote_id, participant):
        st.success(tr("vote.already"))
        return
    st.caption(tr("votes.spread", dots=current["dots"]))
    with st.form("ballot"):
        given = {problem: st.number_input(escape_markdown(problem), min_value=0, max_value=current["dots"], value=0,
                                          step=1, key=f"dot_{i}") for i, problem in enumerate(current["problems"])}
        if st.form_submit_button(tr("votes.send"), type="primary"):
            try:
                votes.cast(ctx.con, vote_id, participant, given, ctx.who)
                st.rerun()
            except ClusterlabError as exc:
                st.error(escape_markdown(exc.message(ctx.lang)))


def voter_token() -> str:
    """This browser's voter: the token in its cookie, read when the page's session began (a second tab of the
    same browser is the same voter); else a new token, kept for this session and written to the cookie."""
    token = st.context.cookies.get(VOTER_COOKIE)
    if isinstance(token, str) and TOKEN.fullmatch(token):
        return token
    token = st.session_state.setdefault("voter_token", secrets.token_urlsafe(12))
    st.html(f"<script>document.cookie = '{VOTER_COOKIE}={token}; path=/; max-age={YEAR_S}; SameSite=Lax';</script>",
            unsafe_allow_javascript=True)
    return token
