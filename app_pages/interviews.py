"""Interview explorer: one actor's profile, and the answers to every other question."""
import pandas as pd
import plotly.express as px
import streamlit as st

from clusterlab import explorer
from clusterlab.ui import chart, context, escape_markdown, open_tab, table, tr
from clusterlab.ui.actors import colours

ctx = context()
st.title(tr("interviews.title"))



def profile_tab() -> None:
    everyone = explorer.actors(ctx.con, ctx.pid)
    interviewed = st.toggle(tr("interviews.only_interviewed"), value=True, key="only_interviewed")
    shown = explorer.actors(ctx.con, ctx.pid, interviewed_only=True) if interviewed else everyone
    if shown.empty:
        st.info(tr("interviews.none"))
    else:
        names = dict(zip(shown["actor_id"], shown["name"], strict=True))
        actor_id = st.selectbox(tr("interviews.actor"), list(names), format_func=names.get, key="actor_pick",
                                placeholder=tr("widget.choose"))
        actor = explorer.actor(ctx.con, ctx.pid, actor_id)
        st.subheader(escape_markdown(actor["name"]))
        st.caption(" · ".join(escape_markdown(actor[f]) for f in ("category", "stage", "locality", "region")
                              if not pd.isna(actor.get(f))))
        table(explorer.interviews(ctx.con, ctx.pid, actor_id), f"interviews_{actor_id}", "actor_interviews")
        said = explorer.items(ctx.con, ctx.pid, actor_id)
        for field, rows in said.groupby("field", observed=True, sort=True):
            st.markdown(f"**{tr('field.' + field)}**")
            st.markdown("\n".join(f"- {escape_markdown(text)}" + ("" if pd.isna(sev) else f" ({int(sev)})")
                                  for text, sev in zip(rows["text"], rows["severity"], strict=True)))
        with st.expander(tr("interviews.items_table")):
            table(said.assign(field=said["field"].astype(str)), f"items_{actor_id}", "actor_items")
        answers = explorer.answers(ctx.con, ctx.pid, actor_id)
        if len(answers):
            st.markdown(f"**{tr('interviews.other_answers')}**")
            table(answers, f"answers_{actor_id}", "actor_answers")


def questions_tab() -> None:
    questions = explorer.questions(ctx.con, ctx.pid)
    if questions.empty:
        st.info(tr("interviews.no_questions"))
    else:
        question = st.selectbox(tr("interviews.question"), questions["question"].tolist(), key="question_pick",
                                placeholder=tr("widget.choose"))
        labels = {f: tr("field." + f) for f in explorer.CROSS_BY}
        by = st.segmented_control(tr("interviews.cross_by"), list(labels), key="cross_by", format_func=labels.get)
        counts = explorer.answer_counts(ctx.con, ctx.pid, question, by, ctx.analysis.inventory)
        fig = px.bar(counts, x="interviews", y="answer", color=by, orientation="h", text="interviews", title=question,
                     color_discrete_map=colours(ctx.analysis.inventory[by]) if by else None,  # as on the actors page
                     labels={"interviews": tr("figure.interviews"), "answer": tr("interviews.answer")}
                     | ({by: tr("field." + by)} if by else {}))
        fig.update_yaxes(categoryorder="total ascending")
        chart(fig, counts, "answer_counts", "answers", csv=False)
        table(counts, "answer_counts", "answer_counts")
        table(questions, "other_questions", "questions")  # every question, under the one shown


TABS = {"profile": profile_tab, "questions": questions_tab}
open_tab("interviews_tab", TABS, "interviews.")
