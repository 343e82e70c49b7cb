"""Phase III, the portfolio of joint projects: what actors expect and can bring, candidate joint projects
scored on the operability grid, the verdicts, the retained projects sent to the plan, the coherence chain."""
import streamlit as st

from clusterlab import needs
from clusterlab.ui import chart, context, open_tab, table, tr
from clusterlab.ui.portfolio import (
    criteria_table,
    grid_settings,
    matches_view,
    needs_view,
    new_project_form,
    pick_project,
    portfolio_chart,
    project_editor,
    proposals_view,
    score_form,
    send_form,
    verdict_label,
)
from clusterlab.ui.themes import coding_editor

ctx = context()
a = ctx.analysis
st.title(tr("portfolio.title"))
st.caption(tr("portfolio.intro"))
VERDICTS = {"verdict": verdict_label}


def needs_tab() -> None:
    needs_view(a)
    st.subheader(tr("needs.matches"))
    matches_view(a)


def coding_tab() -> None:
    coding_editor(a.need_items, needs.FIELDS, "needs.field")


def candidates_tab() -> None:
    proposals_view(a)
    st.subheader(tr("portfolio.new"))
    new_project_form(a)
    picked = pick_project(a, "edit_project")
    if picked:
        project_editor(a, picked)
    table(a.projects[["project_id", "title", "actors", "actor_names", "leaders", "carrier", "willingness",
                      "capacity_to_participate", "problems", "options", "objectives", "verdict"]],
          "projects", "candidates", values=VERDICTS)


def grid_tab() -> None:
    grid_settings()
    st.caption(tr("portfolio.grid_caption"))
    criteria_table(a)
    picked = pick_project(a, "score_project")
    if picked:
        score_form(a, picked)
    st.subheader(tr("portfolio.history"))
    table(a.verdicts, "project_verdicts", "verdicts", values=VERDICTS)


def portfolio_tab() -> None:
    if len(a.projects):
        chart(portfolio_chart(a.projects), a.projects[["project_id", "title", "impact", "feasibility", "actors",
                                                       "verdict"]], "portfolio", "portfolio_chart", csv=False)
    table(a.projects, "projects", "portfolio_table", values=VERDICTS)
    st.subheader(tr("portfolio.send_title"))
    send_form(a)
    st.subheader(tr("portfolio.in_plan"))
    table(a.plan_by_project, "plan_by_project", "plan_by_project")


def chain_tab() -> None:
    chained = a.coherence
    breaks = chained[chained["kind"] == "break"]
    st.metric(tr("coherence.breaks"), len(breaks))
    issues = {"issue": lambda v: tr("coherence.issue_" + v), "kind": lambda v: tr("coherence.kind_" + v),
              **VERDICTS}
    table(chained, "coherence", "coherence", values=issues)


TABS = {
    "needs": needs_tab,
    "coding": coding_tab,
    "candidates": candidates_tab,
    "grid": grid_tab,
    "portfolio": portfolio_tab,
    "chain": chain_tab,
}
open_tab("portfolio_tab", TABS, "portfolio.tab_")
