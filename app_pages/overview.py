"""Overview: where the cluster project stands, its key figures, and what to do next."""
import streamlit as st

from clusterlab import overview
from clusterlab.ui import context, escape_markdown, table, tr
from clusterlab.ui.bars import count_bars
from clusterlab.ui.pages import page_file

ctx = context()
steps = overview.steps(ctx.con, ctx.pid)
figures = overview.key_figures(ctx.con, ctx.pid)

st.title(tr("overview.title", project=escape_markdown(ctx.project)))

st.subheader(tr("overview.progress"))
for phase in overview.PHASES:
    here = [s for s in steps if s.phase == phase]
    if here:
        st.markdown(f"**{tr('phase', phase=phase)} — {tr('phase.' + phase.lower())}**")
    for step in here:
        mark = ":material/check_circle:" if step.done else ":material/radio_button_unchecked:"
        detail = tr("step.detail_swot" if step.key == "swot" else "step.detail", n=step.detail)
        validated = f" — {tr('step.validated_at', meeting=escape_markdown(step.validated))}" if step.validated else ""
        st.markdown(f"{mark} {tr('step.' + step.key)}" + (f" {detail}" if step.done else "") + validated)
upcoming = overview.next_step(steps)
if upcoming is not None:
    if upcoming.page and page_file(upcoming.page):
        st.page_link(page_file(upcoming.page), label=tr("overview.next", step=tr("step." + upcoming.key)),
                     icon=":material/arrow_forward:")
    else:
        st.info(tr("overview.next_later", step=tr("step." + upcoming.key)))

st.subheader(tr("overview.figures"))
a, b, c = st.columns(3)
a.metric(tr("figure.actors"), figures["actors"])
b.metric(tr("figure.interviews"), figures["interviews"])
c.metric(tr("figure.interviewed"), f"{figures['interviewed_share']:.0%}",
         help=tr("figure.interviewed_help", n=figures["interviewed"], total=figures["actors"]))

left, right = st.columns(2)  # bars in plain HTML: the first screen starts no chart library (ui/bars.py)
for column, field in ((left, "stage"), (right, "category")):
    with column:
        count_bars(overview.actors_by(ctx.analysis.inventory, field), field, "actors", tr(f"overview.by_{field}"),
                   f"actors_by_{field}", f"by_{field}")

st.subheader(tr("overview.quality"))
warnings = overview.quality_warnings(ctx.con, ctx.pid)
for key, rows in warnings.items():
    st.markdown((":material/warning:" if len(rows) else ":material/check:") + " " + tr(f"quality.{key}", n=len(rows)))
# One list at a time, on demand: four tables drawn at once held a fresh session's browser a second after its first page.
lists = {key: tr(f"quality.{key}_short") for key, rows in warnings.items() if len(rows)}
shown = st.pills(tr("overview.quality_show"), list(lists), key="quality_shown", format_func=lists.get)
if shown:
    table(warnings[shown], f"quality_{shown}", f"quality_{shown}")
