"""Common problems: indicators per problem, rankings side by side, comparisons made in the room,
and the short list of problems to be treated in common."""
import pandas as pd
import plotly.express as px
import streamlit as st

from clusterlab import palette, problems
from clusterlab.ui import chart, context, forms, open_tab, table, tr
from clusterlab.ui.problems import ranking_settings
from clusterlab.ui.themes import coding_editor
from clusterlab.ui.votes import facilitator

ctx = context()
analysis = ctx.analysis
st.title(tr("problems.title"))
ranking_settings()
ranked = analysis.problem_ranking
st.caption(tr("problems.common_caption", n=int(ranked["common"].sum()), total=len(ranked),
              k=analysis.settings["problems.k"], m=analysis.settings["problems.m"]))
if len(analysis.lost_references):
    with st.expander(tr("problems.lost", n=len(analysis.lost_references)), icon=":material/link_off:"):
        table(analysis.lost_references, "lost_references", "lost")


def ranking_tab() -> None:
    top = ranked.head(10 if ctx.workshop else 15)  # on a projector, the ranking fits the first screen
    common = {"common": tr("problems.common"), "not_common": tr("problems.not_common")}
    fig = px.bar(top.iloc[::-1], x="score", y="problem", orientation="h", text="actors",
                 color=top.iloc[::-1]["common"].map({True: common["common"], False: common["not_common"]}),
                 color_discrete_map=palette.colour_map(palette.COMMON, common.get),
                 category_orders={"color": list(common.values())}, title=tr("problems.by_score"),
                 labels={"score": tr("leaders.score"), "problem": "", "color": "", "actors": tr("column.actors")})
    fig.update_traces(marker_line={"width": 1, "color": "#333333"})
    chart(fig, top, "problem_ranking_top", "ranking_chart")
    table(ranked, "problem_ranking", "ranking")
    side = ranked[["problem", "rank_score", "rank_borda", "rank_votes", "rank_pairwise", "actors", "mean_severity",
                   "borda", "votes", "pairwise_wins"]]
    st.subheader(tr("problems.side_by_side"))
    table(side, "rankings_side_by_side", "side")
    st.subheader(tr("problems.agreement"))
    agreement = analysis.ranking_agreement
    st.caption(tr("problems.agreement_caption_" + (agreement["over"].iloc[0] if len(agreement) else "common")))
    method = {c: (lambda v: tr("problems.method_" + v)) for c in ("a", "b")}
    table(agreement, "ranking_agreement", "agreement", values=method | {"over": lambda v: tr("problems.over_" + v)})
    st.subheader(tr("problems.stability"))
    table(analysis.ranking_stability, "ranking_stability", "stability")


def votes_tab() -> None:
    facilitator(ranked.loc[ranked["common"], "problem"].tolist(), ranked["problem"].tolist())


def pairs_tab() -> None:
    shown = ranked.loc[ranked["common"], "problem"].tolist() or ranked["problem"].head(10).tolist()
    form = forms.Form("pair")
    with st.form(form.name):
        a, b = st.columns(2)
        first = a.selectbox(tr("problems.first"), shown, index=None, key=form.key("pair_a"),
                            placeholder=tr("widget.choose"))
        second = b.selectbox(tr("problems.second"), shown, index=None, key=form.key("pair_b"),
                             placeholder=tr("widget.choose"))
        verdicts = {"a": tr("problems.first_wins"), "b": tr("problems.second_wins"), "draw": tr("problems.draw")}
        verdict = st.radio(tr("problems.matters_more"), list(verdicts), format_func=verdicts.get, horizontal=True,
                           key=form.key("pair_verdict"))
        if form.submit(tr("problems.save_pair"), type="primary"):
            if not first or not second or first == second:
                forms.refuse(tr("problems.same_pair"))
            else:
                form.save(lambda: problems.compare(ctx.con, ctx.pid, first, second,
                                                   {"a": first, "b": second, "draw": "draw"}[verdict], ctx.who),
                          tr("problems.pair_saved", a=first, b=second, verdict=verdicts[verdict]))
    pairs = pd.DataFrame([{"problem_a": p, "problem_b": q, "winner": w}
                          for (p, q), w in analysis.comparisons.items()],
                         columns=["problem_a", "problem_b", "winner"])
    table(pairs, "pairwise_comparisons", "pairs")


def coding_tab() -> None:
    coding_editor(analysis.problem_items.rename(columns={"problem": "theme"}), ("problems",))


def short_tab() -> None:
    form = forms.Form("retain")
    with st.form(form.name):
        problem = st.selectbox(tr("problems.problem"), ranked["problem"].tolist(), index=None,
                               key=form.key("retain_pick"),
                               placeholder=tr("widget.choose"))
        reason = st.text_input(tr("leaders.reason"), key=form.key("retain_reason"))
        if form.submit(tr("problems.retain"), type="primary"):
            if not problem:
                forms.refuse(tr("problems.no_problem_picked"))
            else:
                form.save(lambda: problems.retain(ctx.con, ctx.pid, problem, reason, ctx.who),
                          tr("problems.retained", problem=problem))
    retained = analysis.shortlist
    table(retained, "shortlist", "shortlist")
    if len(retained):
        a, b = st.columns([3, 1], vertical_alignment="bottom")
        gone = a.selectbox(tr("problems.drop_pick"), retained["problem"].tolist(), key="drop_pick",
                           placeholder=tr("widget.choose"))
        if b.button(tr("problems.drop"), key="drop", disabled=not ctx.who.may("shortlist.drop")):
            problems.drop(ctx.con, ctx.pid, gone, ctx.who)
            st.rerun()


TABS = {
    "ranking": ranking_tab,
    "votes": votes_tab,
    "pairs": pairs_tab,
    "coding": coding_tab,
    "short": short_tab,
}
open_tab("problems_tab", TABS, "problems.tab_")
