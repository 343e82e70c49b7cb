"""The theme-coding widget: the UI of clusterlab/themes.py, one editor for SWOT items and problems alike.
Proposals to accept, and the themes to rename, merge or split; every change stored at once."""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from clusterlab import themes
from clusterlab.contract import SWOT_FIELDS
from clusterlab.ui import forms
from clusterlab.ui.frame import context, tr
from clusterlab.ui.widgets import escape_markdown, saved, table


def coding_editor(coded: pd.DataFrame, fields: tuple[str, ...] = SWOT_FIELDS, chooser: str = "swot.quadrant") -> None:
    """Proposals to accept, and the themes to rename, merge or split; every change stored at once.
    The same editor codes SWOT items, problems, and what actors want and can bring (`chooser`: the catalogue key
    of the label of the field's choice)."""
    ctx = context()
    labels = {f: tr("field." + f) for f in fields if f in set(coded["field"])}
    if not labels:
        st.info(tr("swot.nothing"))
        return
    field = next(iter(labels))
    if len(labels) > 1:
        field = st.segmented_control(tr(chooser), list(labels), format_func=labels.get, key="code_field",
                                     default=field) or field
    here = coded[coded["field"] == field]
    st.subheader(tr("swot.proposals"))
    proposed = themes.proposals(here)
    if proposed.empty:
        st.caption(tr("swot.no_proposals"))
    for number, rows in proposed.groupby("group", sort=True):
        with st.container(border=True):
            st.markdown("\n".join(f"- {escape_markdown(t)} ({tr('swot.n_actors', n=n)})"
                                  for t, n in zip(rows["text"], rows["actors"], strict=True)))
            a, b = st.columns([3, 1], vertical_alignment="bottom")
            label = a.text_input(tr("swot.theme_label"), value=rows["text"].iloc[0], key=f"label_{field}_{number}")
            if b.button(tr("swot.accept"), key=f"accept_{field}_{number}", disabled=not ctx.who.may("themes.create")):
                saved(lambda: themes.create(ctx.con, ctx.pid, field, label, rows["wording_key"].tolist(), ctx.who))
    st.subheader(tr("swot.themes"))
    words = themes.wordings(here)
    table(words, f"wordings_{field}", f"wordings_{field}")
    coded_themes = themes.themes(ctx.con, ctx.pid, field)
    names = dict(zip(coded_themes["theme_id"], coded_themes["label"], strict=True))
    group_by_hand(field, words, names)
    if coded_themes.empty:
        return
    rename_col, merge_col, split_col = st.columns(3)
    renaming, merging, splitting = (forms.Form(f"{kind}_{field}") for kind in ("rename", "merge", "split"))
    with rename_col.form(renaming.name):
        theme_id = st.selectbox(tr("swot.theme"), list(names), format_func=names.get,
                                key=renaming.key(f"rename_pick_{field}"), placeholder=tr("widget.choose"))
        label = st.text_input(tr("swot.new_label"), key=renaming.key(f"rename_label_{field}"))
        if renaming.submit(tr("swot.rename")):
            renaming.save(lambda: themes.rename(ctx.con, ctx.pid, theme_id, label, ctx.who),
                          tr("swot.renamed", old=names.get(theme_id, ""), new=label.strip()))
    with merge_col.form(merging.name):
        into = st.selectbox(tr("swot.merge_into"), list(names), format_func=names.get,
                            key=merging.key(f"merge_into_{field}"), placeholder=tr("widget.choose"))
        others = st.multiselect(tr("swot.merge_others"), list(names), format_func=names.get,
                                key=merging.key(f"merge_others_{field}"), placeholder=tr("widget.choose_many"))
        if merging.submit(tr("swot.merge")):
            if not [o for o in others if o != into]:
                forms.refuse(tr("swot.merge_nothing"))
            else:
                merging.save(lambda: themes.merge(ctx.con, ctx.pid, into, others, ctx.who),
                             tr("swot.merged", n=len(others), theme=names.get(into, "")))
    with split_col.form(splitting.name):
        in_themes = words[words["theme_id"].notna()]
        keyed = dict(zip(in_themes["wording_key"], in_themes["text"], strict=True))
        out = st.multiselect(tr("swot.split_out"), list(keyed), format_func=keyed.get,
                             key=splitting.key(f"split_pick_{field}"), placeholder=tr("widget.choose_many"))
        if splitting.submit(tr("swot.split")):
            if not out:
                forms.refuse(tr("swot.split_nothing"))
            else:
                splitting.save(lambda: themes.split(ctx.con, ctx.pid, field, out, ctx.who),
                               tr("swot.split_done", n=len(out)))


NEW_THEME = 0  # the "into" choice that makes a new theme


def group_by_hand(field: str, words: pd.DataFrame, names: dict[int, str]) -> None:
    """Any wordings, found by a search and picked by hand, grouped into a new theme or an existing one."""
    ctx = context()
    st.subheader(tr("swot.group_by_hand"))
    query = st.text_input(tr("swot.search"), key=f"group_search_{field}", placeholder=tr("swot.search_hint"))
    found = themes.search(words, query)
    shown = {k: f"{t} ({tr('swot.n_actors', n=n)})" + (f" — {names[th]}" if th in names else "")
             for k, t, n, th in zip(found["wording_key"], found["text"], found["actors"], found["theme_id"],
                                    strict=True)}
    st.caption(tr("swot.search_found", n=len(found), total=len(words)))
    form = forms.Form(f"group_{field}")
    with st.form(form.name):
        # the list follows the search: a new search, a new list (its key carries the search)
        searched = hashlib.sha1(query.strip().encode("utf-8")).hexdigest()[:8] if query.strip() else "all"
        picked = st.multiselect(tr("swot.group_pick"), list(shown), format_func=shown.get,
                                key=form.key(f"group_pick_{field}_{searched}"), placeholder=tr("widget.choose_many"))
        targets = {NEW_THEME: tr("swot.group_new"), **names}
        a, b = st.columns(2)
        into = a.selectbox(tr("swot.group_into"), list(targets), format_func=targets.get,
                           key=form.key(f"group_into_{field}"), placeholder=tr("widget.choose"))
        label = b.text_input(tr("swot.theme_label"), key=form.key(f"group_label_{field}"),
                             help=tr("swot.group_label_help"))
        if form.submit(tr("swot.group"), type="primary"):
            if not picked:
                forms.refuse(tr("swot.group_nothing"))
            elif into == NEW_THEME and not label.strip():
                forms.refuse(tr("themes.empty_label"))
            else:
                target = None if into == NEW_THEME else int(into)
                form.save(lambda: themes.group(ctx.con, ctx.pid, field, picked, label, target, ctx.who),
                          tr("swot.grouped", n=len(picked),
                             theme=label.strip() if target is None else names.get(target, "")))
