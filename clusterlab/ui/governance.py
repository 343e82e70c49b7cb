"""Widgets of governance and participation: the bodies and their members, a meeting (attendance, check-in from
phones with its link, QR code and live count, minutes, decisions), the decisions' follow-up, who is on board."""
from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from clusterlab import address, adhesion, bodies, checkin, decisions, meetings
from clusterlab.errors import ClusterlabError
from clusterlab.ui import forms
from clusterlab.ui.frame import context, tr
from clusterlab.ui.votes import LIVE_EVERY, qr_png, voter_token
from clusterlab.ui.widgets import chart, escape_markdown, saved, table


def _labels(values: tuple[str, ...], prefix: str, lower: bool = False):
    """A widget's `format_func` showing each value by its catalogue label (a dict's lookup: AppTest calls it
    outside the session's run)."""
    return {v: tr(prefix + (v.lower() if lower else v)) for v in values}.get


# How each governance table shows its coded values and its `kind` column on screen (the CSV keeps the codes).
_WORDS = {"bodies": {"kind": ("body_kind.", True)}, "members": {"role": ("member_role.", False)},
          "meetings": {"kind": ("meeting_kind.", True)},
          "attendance": {"status": ("attendance.", False), "source": ("source.", False)},
          "decisions": {"kind": ("decision_kind.", False), "status": ("decision_status.", False)},
          "adhesion": {"reached": ("adhesion.", False), "adhesion_stage": ("adhesion.", False)}}
_KIND_LABEL = {"bodies": "governance.body_kind", "meetings": "governance.meeting_kind",
               "decisions": "governance.decision_kind"}


def shown(df: pd.DataFrame, what: str, name: str, key: str) -> None:
    """A governance table (`what`: bodies, members, meetings, attendance, decisions, adhesion) with its CSV: codes
    shown as words, days as days."""
    days = {c: df[c].dt.date for c in df.columns if pd.api.types.is_datetime64_any_dtype(df[c])
            and c != "checked_at"}
    values = {c: (lambda v, p=p, low=low: tr(p + (v.lower() if low else v))) for c, (p, low) in _WORDS[what].items()}
    labels = {"kind": tr(_KIND_LABEL[what])} if what in _KIND_LABEL else None
    table(df.assign(**days), name, key, labels=labels, values=values)


def _actor_names() -> dict[str, str]:
    names = context().analysis.names
    return dict(sorted(names.items(), key=lambda kv: kv[1]))


def body_form() -> None:
    ctx = context()
    form = forms.Form("body")
    with st.form(form.name):
        a, b = st.columns(2)
        kind = a.selectbox(tr("governance.body_kind"), list(bodies.KINDS), key=form.key("body_kind"),
                           format_func=_labels(bodies.KINDS, "body_kind.", lower=True), placeholder=tr("widget.choose"))
        name = b.text_input(tr("field.name"), key=form.key("body_name"))
        mandate = st.text_area(tr("governance.mandate"), key=form.key("body_mandate"))
        c, d = st.columns(2)
        start = c.date_input(tr("field.start"), value=None, key=form.key("body_start"))
        end = d.date_input(tr("field.end"), value=None, key=form.key("body_end"))
        if form.submit(tr("governance.add_body")):
            form.save(lambda: bodies.add(ctx.con, ctx.pid, kind, name, mandate, start, end, ctx.who),
                      lambda body_id: tr("governance.body_added", body=body_id, name=name.strip()))


def member_form(listed: pd.DataFrame) -> None:
    ctx = context()
    names = _actor_names()
    form = forms.Form("member")
    with st.form(form.name):
        a, b, c = st.columns(3)
        body_names = dict(zip(listed["body_id"], listed["name"], strict=True))
        body_id = a.selectbox(tr("governance.body"), list(body_names), format_func=body_names.get,
                              key=form.key("member_body"), placeholder=tr("widget.choose"))
        actor_id = b.selectbox(tr("field.actor"), list(names), format_func=names.get, key=form.key("member_actor"),
                               index=None, placeholder=tr("widget.choose"))
        role = c.selectbox(tr("governance.member_role"), list(bodies.MEMBER_ROLES), key=form.key("member_role"),
                           index=1, format_func=_labels(bodies.MEMBER_ROLES, "member_role."),
                           placeholder=tr("widget.choose"))
        person = st.text_input(tr("governance.person"), key=form.key("member_person"))
        if form.submit(tr("governance.add_member")):
            if not body_id or not actor_id:
                forms.refuse(tr("governance.choose_body_actor"))
            else:
                form.save(lambda: bodies.add_member(ctx.con, ctx.pid, body_id, actor_id, role, person, ctx.who),
                          tr("governance.member_added", actor=names.get(actor_id, actor_id)))


def meeting_form(listed: pd.DataFrame) -> None:
    ctx = context()
    form = forms.Form("meeting")
    body_names = {"": "—"} | dict(zip(listed["body_id"], listed["name"], strict=True))
    with st.form(form.name):
        a, b, c = st.columns(3)
        kind = a.selectbox(tr("governance.meeting_kind"), list(meetings.KINDS), key=form.key("meeting_kind"),
                           format_func=_labels(meetings.KINDS, "meeting_kind.", lower=True),
                           placeholder=tr("widget.choose"))
        title = b.text_input(tr("field.title"), key=form.key("meeting_title"))
        when = c.date_input(tr("field.date"), key=form.key("meeting_date"))
        d, e = st.columns(2)
        place = d.text_input(tr("governance.place"), key=form.key("meeting_place"))
        body_id = e.selectbox(tr("governance.body"), list(body_names), format_func=body_names.get,
                              key=form.key("meeting_body"), placeholder=tr("widget.choose"))
        agenda = st.text_area(tr("governance.agenda"), key=form.key("meeting_agenda"))
        if form.submit(tr("governance.add_meeting")):
            form.save(lambda: meetings.add(ctx.con, ctx.pid, kind, title, when, place, agenda, body_id or None,
                                           ctx.who),
                      lambda meeting_id: tr("governance.meeting_added", meeting=meeting_id, title=title.strip()))


def chosen_meeting(listed: pd.DataFrame) -> str | None:
    """The meeting the page shows: the latest held by default (the next one when none was held yet)."""
    if listed.empty:
        return None
    dates = pd.to_datetime(listed["date"])
    names = {m: f"{d:%Y-%m-%d} · {k} · {t}" for m, d, k, t in
             zip(listed["meeting_id"], dates, listed["kind"], listed["title"], strict=True)}
    order = list(names)[::-1]
    held = listed.loc[(dates <= pd.Timestamp(context().analysis.today)).to_numpy(), "meeting_id"]
    return st.selectbox(tr("governance.meeting_shown"), order, format_func=names.get, key="meeting_shown",
                        index=order.index(held.iloc[-1]) if len(held) else 0,
                        placeholder=tr("widget.choose"))


def checkin_panel(meeting_id: str) -> None:
    """The facilitator's check-in: open it (its link and QR code, made here), the count rising live, close it."""
    ctx = context()
    current = meetings.meeting(ctx.con, ctx.pid, meeting_id, ctx.who)
    if not current["checkin_open"]:
        if st.button(tr("checkin.open"), key="open_checkin", icon=":material/qr_code_2:", type="primary",
                     disabled=not ctx.who.may("checkin.open")):
            saved(lambda: checkin.open_checkin(ctx.con, ctx.pid, meeting_id, ctx.who))
        live_count(meeting_id)
        return
    listen = st.get_option("server.address")
    if address.local_only(listen):
        st.warning(tr("votes.local_only", address=listen))
    token = checkin.token(ctx.con, ctx.pid, meeting_id)
    link = checkin.link(st.context.url or "http://127.0.0.1:8501/", meeting_id,
                        address.room_host(listen, address.lan_address()), token)
    left, right = st.columns([1, 2])
    left.image(qr_png(link), caption=link, width=320 if ctx.workshop else 260)
    with right:
        st.markdown(f"**{tr('checkin.link')}** `{link}`")
        if st.button(tr("checkin.close"), key="close_checkin", icon=":material/lock:",
                     disabled=not ctx.who.may("checkin.close")):
            saved(lambda: checkin.close_checkin(ctx.con, ctx.pid, meeting_id, ctx.who))
        if ctx.who.may("checkin.new_link") and st.button(tr("votes.new_link"), key="new_checkin_link",
                                                     icon=":material/link_off:"):
            saved(lambda: checkin.new_link(ctx.con, ctx.pid, meeting_id, ctx.who))
        live_count(meeting_id)


@st.fragment(run_every=LIVE_EVERY)
def live_count(meeting_id: str) -> None:
    """How many phones checked in, redrawn every few seconds without rerunning the page."""
    ctx = context()
    with st.container(key="checkin_count"):
        st.metric(tr("checkin.count"), checkin.count(ctx.con, ctx.pid, meeting_id))


def attendance_form(meeting_id: str) -> None:
    ctx = context()
    names = _actor_names()
    form = forms.Form("attendance")
    with st.form(form.name):
        a, b, c = st.columns(3)
        actor_id = a.selectbox(tr("field.actor"), list(names), format_func=names.get, index=None,
                               key=form.key("att_actor"), placeholder=tr("widget.choose"))
        person = b.text_input(tr("governance.person"), key=form.key("att_person"))
        status = c.selectbox(tr("governance.status"), list(meetings.STATUSES), key=form.key("att_status"),
                             format_func=_labels(meetings.STATUSES, "attendance."), placeholder=tr("widget.choose"))
        if form.submit(tr("governance.record_attendance")):
            if not actor_id:
                forms.refuse(tr("governance.choose_actor"))
            else:
                form.save(lambda: meetings.record_attendance(ctx.con, ctx.pid, meeting_id, actor_id, status, person,
                                                             who=ctx.who),
                          tr("governance.attendance_recorded", actor=names.get(actor_id, actor_id)))


def reconcile_form(present: pd.DataFrame) -> None:
    """Organisations typed at check-in, linked by the analyst to the actor each is."""
    ctx = context()
    typed = present[present["to_reconcile"]]
    if typed.empty or not ctx.who.may("attendance.reconcile"):
        return
    names = _actor_names()
    st.caption(tr("governance.to_reconcile", n=len(typed)))
    form = forms.Form("reconcile")
    with st.form(form.name):
        lines = {int(i): f"{o} — {p or ''}" for i, o, p in
                 zip(typed["attendance_id"], typed["organisation"], typed["person"], strict=True)}
        a, b = st.columns(2)
        line = a.selectbox(tr("governance.typed_organisation"), list(lines), format_func=lines.get,
                           key=form.key("rec_line"), placeholder=tr("widget.choose"))
        actor_id = b.selectbox(tr("field.actor"), list(names), format_func=names.get, index=None,
                               key=form.key("rec_actor"), placeholder=tr("widget.choose"))
        if form.submit(tr("governance.reconcile")) and actor_id:
            form.save(lambda: meetings.reconcile(ctx.con, ctx.pid, line, actor_id, ctx.who),
                      tr("governance.reconciled", actor=names.get(actor_id, actor_id)))


def minutes_form(meeting_id: str, minutes: str | None) -> None:
    ctx = context()
    form = forms.Form("minutes")
    with st.form(form.name):
        text = st.text_area(tr("governance.minutes"), value=minutes or "", key=form.key(f"minutes_{meeting_id}"))
        if form.submit(tr("governance.save_minutes")):
            form.save(lambda: meetings.set_minutes(ctx.con, ctx.pid, meeting_id, text, ctx.who),
                      tr("governance.minutes_saved"))


def decision_form(meeting_id: str) -> None:
    ctx = context()
    a = ctx.analysis
    form = forms.Form("decision")
    with st.form(form.name):
        text = st.text_area(tr("governance.decision_text"), key=form.key("dec_text"))
        c1, c2 = st.columns(2)
        kind = c1.selectbox(tr("governance.decision_kind"), list(decisions.KINDS), key=form.key("dec_kind"),
                            format_func=_labels(decisions.KINDS, "decision_kind."), placeholder=tr("widget.choose"))
        targets = {"": tr("governance.no_target")}
        targets |= {f"a:{i}": f"{i} — {t}" for i, t in zip(a.actions["action_id"], a.actions["title"], strict=True)}
        targets |= {f"s:{s.scenario_id}": tr("governance.scenario", name=s.name) for s in a.scenarios}
        target = c2.selectbox(tr("governance.decision_target"), list(targets), format_func=targets.get,
                              key=form.key("dec_target"), placeholder=tr("widget.choose"))
        c3, c4 = st.columns(2)
        owner = c3.text_input(tr("field.owner"), key=form.key("dec_owner"))
        due = c4.date_input(tr("governance.due"), value=None, key=form.key("dec_due"))
        if form.submit(tr("governance.record_decision")):
            form.save(lambda: decisions.record(ctx.con, ctx.pid, meeting_id, text, kind, target[2:] or None, owner,
                                               due, ctx.who),
                      lambda decision_id: tr("governance.decision_recorded", decision=decision_id))


def status_form(listed: pd.DataFrame) -> None:
    """Mark a decision done or dropped (or open again)."""
    ctx = context()
    if listed.empty:
        return
    form = forms.Form("decision_status")
    with st.form(form.name):
        a, b = st.columns([3, 1])
        texts = {d: f"{d} — {t}" for d, t in zip(listed["decision_id"], listed["text"], strict=True)}
        decision_id = a.selectbox(tr("governance.decision"), list(texts), format_func=texts.get,
                                  key=form.key("dec_choice"), placeholder=tr("widget.choose"))
        status = b.selectbox(tr("governance.status"), list(decisions.STATUSES), key=form.key("dec_status"),
                             index=1, format_func=_labels(decisions.STATUSES, "decision_status."),
                             placeholder=tr("widget.choose"))
        if form.submit(tr("governance.set_status")):
            form.save(lambda: decisions.set_status(ctx.con, ctx.pid, decision_id, status, ctx.who),
                      tr("governance.status_saved", decision=decision_id))


def funnel_figure(funnel: pd.DataFrame) -> go.Figure:
    labelled = funnel.assign(label=funnel["adhesion_stage"].map(lambda s: tr("adhesion." + s)))
    return go.Figure(go.Funnel(y=labelled["label"], x=labelled["actors"], textinfo="value+percent initial",
                               marker={"color": "#2b6cb0", "line": {"width": 1, "color": "#333333"}}))


def funnel_caption(funnel: pd.DataFrame) -> str:
    """What a bar counts, and the actors the data show at each step itself (the metric above counts those)."""
    at = ", ".join(f"{tr('adhesion.' + s)} {n}" for s, n in zip(funnel["adhesion_stage"], funnel["at_stage"],
                                                                 strict=True))
    return tr("governance.funnel_help", at=at)


def funnel_by(path: pd.DataFrame, by: str) -> None:
    wide = adhesion.funnel(path, by)
    long = wide.melt(id_vars="adhesion_stage", var_name=by, value_name="actors")
    long["label"] = long["adhesion_stage"].map(lambda s: tr("adhesion." + s))
    fig = px.bar(long, x="actors", y="label", color=by, orientation="h", barmode="group",
                 labels={"actors": tr("adhesion.actors"), "label": "", by: tr("field." + by)})
    fig.update_yaxes(autorange="reversed")
    chart(fig, wide, f"adhesion_by_{by}", f"adhesion_{by}")


def barometer_figure(barometer: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    dates = pd.to_datetime(barometer["date"])
    for component in adhesion.COMPONENTS:
        fig.add_trace(go.Scatter(x=dates, y=barometer[component], name=tr("barometer." + component),
                                 mode="lines+markers", line={"width": 1, "dash": "dot"}))
    fig.add_trace(go.Scatter(x=dates, y=barometer["trust"], name=tr("barometer.trust"), mode="lines+markers",
                             line={"width": 4, "color": "#000000"}))
    fig.update_yaxes(range=[0, 1.05], title=tr("barometer.axis"))
    return fig


def checkin_form(meeting_id: str) -> None:
    """A participant's check-in: pick the organisation (or type a new one), a name, sign in once."""
    ctx = context()
    current = meetings.meeting(ctx.con, ctx.pid, meeting_id, ctx.who)
    device = voter_token()
    st.subheader(escape_markdown(current["title"]))
    if not current["checkin_open"]:
        st.warning(tr("checkin.closed"))
        return
    if checkin.has_checked_in(ctx.con, ctx.pid, meeting_id, device):
        st.success(tr("checkin.done"))
        return
    listed = checkin.organisations(ctx.con, ctx.pid)
    names = dict(zip(listed["actor_id"], listed["name"], strict=True))
    with st.form("checkin"):
        actor_id = st.selectbox(tr("checkin.organisation"), list(names), format_func=names.get, index=None,
                                key="checkin_actor", placeholder=tr("widget.choose"))
        other = st.text_input(tr("checkin.other_organisation"), key="checkin_other")
        person = st.text_input(tr("checkin.person"), key="checkin_person")
        if st.form_submit_button(tr("checkin.sign"), type="primary"):
            try:
                checkin.sign(ctx.con, ctx.pid, meeting_id, device, None if other.strip() else actor_id, other,
                             person, ctx.who)
                st.rerun()
            except ClusterlabError as exc:
                st.error(escape_markdown(exc.message(ctx.lang)))
