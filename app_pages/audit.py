"""Who did what: every write, with who made it, when, in which project and what changed; filtered, as CSV."""
import streamlit as st

from clusterlab import audit
from clusterlab.ui import context, table, tr

ctx = context()
st.title(tr("audit.title"))
st.caption(tr("audit.intro"))
every = audit.changes(ctx.con)
projects = sorted(every["project"].dropna().unique().tolist())
left, middle, right, dates = st.columns(4)
project = left.selectbox(tr("audit.project"), [None, *projects], key="audit_project",
                         format_func=lambda p: tr("audit.every_project") if p is None else p,
                         placeholder=tr("widget.choose"))
who = middle.multiselect(tr("audit.who"), sorted(every["who"].dropna().unique()), key="audit_who",
                         placeholder=tr("widget.choose_many"))
actions = right.multiselect(tr("audit.action"), sorted(every["action"].unique()), key="audit_action",
                            placeholder=tr("widget.choose_many"))
between = dates.date_input(tr("audit.dates"), value=(), key="audit_dates")
since, until = (list(between) + [None, None])[:2] if isinstance(between, tuple | list) else (between, between)
shown = audit.filtered(every, who, actions, project, since, until)
st.caption(tr("audit.count", n=len(shown)))
table(shown, "changes", "audit", labels={c: tr(f"audit.{c}") for c in audit.COLUMNS},
      values={"role": lambda r: tr(f"role.{r}"), "detail": audit.readable})  # field: before → after; the CSV as stored
