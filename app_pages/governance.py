"""Governance and participation: the bodies and who sits in them, the meetings (who came, what was decided),
what became of each decision, and who is on board — stage by stage — and who is drifting away."""
import streamlit as st

from clusterlab.ui import chart, context, escape_markdown, open_tab, tr
from clusterlab.ui import governance as gov

ctx = context()
a = ctx.analysis
st.title(tr("governance.title"))
st.caption(tr("governance.story"))
listed, held, decided = a.bodies, a.meetings, a.decisions
m1, m2, m3, m4 = st.columns(4)
m1.metric(tr("governance.bodies"), len(listed))
m2.metric(tr("governance.meetings"), len(held))
m3.metric(tr("governance.late_decisions"), int(decided["late"].sum()))
m4.metric(tr("governance.on_board"), int(a.adhesion["attended"].sum()))


def bodies_tab() -> None:
    st.subheader(tr("governance.bodies_title"))
    gov.shown(listed, "bodies", "bodies", "bodies")
    if len(listed):
        gov.shown(a.members, "members", "members", "members")
    with st.expander(tr("governance.new_body"), icon=":material/add:", expanded=listed.empty):
        gov.body_form()
    if len(listed):
        with st.expander(tr("governance.new_member"), icon=":material/person_add:"):
            gov.member_form(listed)


def meetings_tab() -> None:
    st.subheader(tr("governance.meetings_title"))
    gov.shown(held.drop(columns=["body_id", "agenda", "minutes", "checkin_open"]), "meetings", "meetings", "meetings")
    with st.expander(tr("governance.new_meeting"), icon=":material/event:", expanded=held.empty):
        gov.meeting_form(listed)
    shown = gov.chosen_meeting(held)
    if shown is None:
        return
    current = held[held["meeting_id"] == shown].iloc[0]
    if isinstance(current["agenda"], str):
        st.markdown(f"**{tr('governance.agenda')}** — {escape_markdown(current['agenda'])}")
    st.markdown(f"#### {tr('governance.who_came')}")
    gov.checkin_panel(shown)
    came = a.attendance[a.attendance["meeting_id"] == shown]
    if len(came):
        gov.shown(came[["actor", "organisation", "person", "status", "source"]], "attendance", f"attendance_{shown}",
                  "attendance")
    else:
        st.caption(tr("governance.nobody_yet"))
    gov.reconcile_form(came)
    with st.expander(tr("governance.record_attendance"), icon=":material/how_to_reg:"):
        gov.attendance_form(shown)
    st.markdown(f"#### {tr('governance.what_was_decided')}")
    taken = decided[decided["meeting_id"] == shown]
    if len(taken):
        gov.shown(taken[["decision_id", "text", "kind", "target", "owner", "due", "status"]], "decisions",
                  f"decisions_{shown}", "meeting_decisions")
    else:
        st.caption(tr("governance.nothing_decided"))
    with st.expander(tr("governance.record_decision"), icon=":material/gavel:"):
        gov.decision_form(shown)
    with st.expander(tr("governance.minutes"), icon=":material/description:"):
        gov.minutes_form(shown, current["minutes"] if isinstance(current["minutes"], str) else None)


def follow_tab() -> None:
    st.subheader(tr("governance.follow_title"))
    gov.shown(decided[["decision_id", "date", "meeting", "text", "kind", "owner", "due", "status", "late"]],
              "decisions", "decision_follow_up", "follow")
    gov.status_form(decided)


def adhesion_tab() -> None:
    st.subheader(tr("governance.adhesion_title"))
    chart(gov.funnel_figure(a.adhesion_funnel), a.adhesion_funnel, "adhesion_funnel", "funnel")
    st.caption(gov.funnel_caption(a.adhesion_funnel))
    groups = {"stage": tr("field.stage"), "category": tr("field.category")}
    by = st.segmented_control(tr("governance.funnel_by"), list(groups), default="stage", key="funnel_by",
                              format_func=groups.get)
    gov.funnel_by(a.adhesion, by or "stage")
    st.subheader(tr("governance.barometer_title"))
    st.caption(tr("governance.barometer_help"))
    if len(a.trust_barometer):
        chart(gov.barometer_figure(a.trust_barometer), a.trust_barometer, "trust_barometer", "barometer")
    st.subheader(tr("governance.drifting_title", n=len(a.drifting)))
    gov.shown(a.drifting, "adhesion", "drifting_actors", "drifting")
    gov.shown(a.adhesion.drop(columns=["step"]), "adhesion", "adhesion", "paths")


TABS = {"bodies": bodies_tab, "meetings": meetings_tab, "follow": follow_tab, "adhesion": adhesion_tab}
open_tab("governance_tab", TABS, "governance.tab_")
