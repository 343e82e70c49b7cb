"""Action plan: actions tied to the common problems, phases 0–IV, meetings, calendar, budget, follow-up."""
import plotly.express as px
import streamlit as st

from clusterlab import palette, plan
from clusterlab.ui import chart, context, escape_markdown, open_tab, table, tr
from clusterlab.ui.plan import action_form, gantt

ctx = context()
today = ctx.analysis.today
st.title(tr("plan.title"))
df, inv, marks = ctx.analysis.actions, ctx.analysis.inventory, ctx.analysis.meetings
shortlisted = ctx.analysis.shortlist["problem"].tolist()

a, b, c = st.columns(3)
a.metric(tr("plan.progress_budget"), f"{plan.progress(df):.0f} %")
b.metric(tr("plan.progress_count"), f"{plan.progress(df, 'count'):.0f} %")
c.metric(tr("plan.late_blocked"), int((df["late"] | (df["status_key"] == "blocked")).sum()))


def calendar_tab() -> None:
    drawn = st.container()  # the calendar first, its filters under it
    with st.expander(tr("plan.calendar_filters"), icon=":material/filter_list:"):
        f1, f2, f3, f4 = st.columns(4)
        any_of, status_name = tr("widget.choose_many"), (lambda s: tr("plan.status_" + s))
        shown = plan.filtered(
            df, f1.multiselect(tr("field.phase"), sorted(df["phase"].dropna().unique()), key="g_phase",
                               placeholder=any_of),
            f2.multiselect(tr("field.owner"), sorted(df["owner"].dropna().unique()), key="g_owner", placeholder=any_of),
            f3.multiselect(tr("field.status"), sorted(df["status_key"].unique()), key="g_status", placeholder=any_of,
                           format_func=status_name),
            f4.multiselect(tr("field.problem"), sorted(df["problem"].dropna().unique()), key="g_problem",
                           placeholder=any_of))
    if len(shown):
        with drawn:
            chart(gantt(shown, marks, today), shown[["action_id", "title", "phase", "start", "end", "status", "late"]],
                  "action_calendar", "gantt")


def budget_tab() -> None:
    for by in ("phase", "funding_source", "funding_key", "problem"):
        totals = plan.budget(df, by)
        amounts = {"planned": tr("plan.planned"), "obtained": tr("plan.obtained")}
        drawn = totals.rename(columns=amounts)
        if by == "funding_key":
            drawn[by] = drawn[by].map(lambda k: tr("plan.funding_" + k) if k != "—" else k)
        fig = px.bar(drawn, x=by, y=list(amounts.values()), barmode="group",
                     color_discrete_map=palette.colour_map(palette.AMOUNT, amounts.get),
                     title=tr("plan.budget_by_" + by), labels={"value": tr("field.budget"), by: "", "variable": ""})
        fig.update_traces(marker_line={"width": 1, "color": "#333333"})
        chart(fig, totals, f"budget_by_{by}", f"budget_{by}")


def follow_tab() -> None:
    first = plan.follow_up(df)
    table(first[["action_id", "title", "phase", "owner", "end", "status", "progress", "late"]], "action_follow_up",
          "follow")
    missing = plan.unanswered(shortlisted, df)
    st.subheader(tr("plan.unanswered", n=len(missing)))
    st.markdown("\n".join(f"- {escape_markdown(p)}" for p in missing) or tr("plan.all_answered"))


def edit_tab() -> None:
    action_form(df, sorted(inv["name"]), shortlisted or sorted(df["problem"].dropna().unique()))
    table(df.drop(columns=["status_key", "funding_key"]), "action_plan", "plan")


def meetings_tab() -> None:
    """The meetings on the calendar (the method's AP, CP, SN…): held and planned on the governance page."""
    st.page_link("app_pages/governance.py", label=tr("governance.open_page"), icon=":material/groups_3:")
    table(marks[["meeting_id", "date", "kind", "title", "place", "body", "present", "decisions"]], "meetings",
          "meetings")


TABS = {
    "calendar": calendar_tab,
    "budget": budget_tab,
    "follow": follow_tab,
    "edit": edit_tab,
    "meetings": meetings_tab,
}
open_tab("plan_tab", TABS, "plan.tab_")
