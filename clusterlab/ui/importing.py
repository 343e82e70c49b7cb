"""Widgets of the import page: reading uploads, the column-mapping editor, the validation report."""
from __future__ import annotations

import copy
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from clusterlab import analysis, contract, exporter, importer, mappings, store
from clusterlab.errors import ClusterlabError, RefusedFile
from clusterlab.reader import IGNORE, OTHER, Sheet, Workbook, read_workbook
from clusterlab.ui.frame import context, tr
from clusterlab.ui.widgets import escape_markdown, table


@st.cache_data(max_entries=16, show_spinner=False)
def _read(sha: str, name: str, data: bytes) -> Workbook:
    """Read an upload from a private folder (owner-only: 0700, the file 0600), removed as soon as the
    workbook is read: what is loaded later comes from memory, and nothing of it stays on the disk."""
    folder = Path(tempfile.mkdtemp(prefix="clusterlab-upload-"))
    try:
        path = folder / (Path(name).name or "upload.xlsx")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return read_workbook(path, name)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def read_uploads(files) -> tuple[list[Workbook], list[RefusedFile]]:
    """The uploaded files read as workbooks; those that cannot be used, as errors."""
    books, refused = [], []
    for upload in files:
        data = upload.getvalue()
        try:
            books.append(_read(hashlib.sha256(data).hexdigest(), upload.name, data))
        except RefusedFile as exc:
            refused.append(exc)
    return books, refused


def field_label(table_name: str, choice: str) -> str:
    if choice == OTHER:
        return tr("mapping.other" if table_name == "interviews" else "mapping.extra")
    if choice == IGNORE:
        return tr("mapping.ignore")
    return f"{contract.field_label(table_name, choice, 'fr')} ({choice})" if context().lang == "fr" else choice


def _examples(sheet: Sheet, col: int, n: int = 3) -> str:
    found = []
    for row in sheet.rows:
        value = row[col]
        if value is not None and str(value).strip():
            found.append(str(value).strip().replace("\n", " ⏎ ")[:40])
        if len(found) == n:
            break
    return " · ".join(found)


def mapping_editor(sheet: Sheet) -> list[str]:
    """An editable table: each column of the sheet and the field it maps to. A change is saved at once
    (remembered for the next file with the same headers)."""
    ctx = context()
    con = ctx.con
    current = mappings.saved(con, sheet) or list(sheet.mapping)
    labels = {choice: field_label(sheet.table, choice) for choice in mappings.choices(sheet.table)}
    back = {label: choice for choice, label in labels.items()}
    shown = pd.DataFrame({"column": sheet.headers, "examples": [_examples(sheet, i) for i in range(len(sheet.headers))],
                          "field": [labels[m] for m in current]})
    revision_key = f"mapping_revision_{sheet.headers_key}"
    revision = st.session_state.setdefault(revision_key, 0)
    edited = st.data_editor(
        shown, hide_index=True, disabled=["column", "examples"], key=f"mapping_{hash(sheet.headers_key)}_{revision}",
        column_config={"column": st.column_config.TextColumn(tr("mapping.column")),
                       "examples": st.column_config.TextColumn(tr("mapping.examples")),
                       "field": st.column_config.SelectboxColumn(tr("mapping.field"), options=list(labels.values()),
                                                                 required=True)})
    chosen = [back.get(label, OTHER) for label in edited["field"]]
    if chosen != current:
        mappings.save(con, sheet, chosen, ctx.who)
        st.session_state[revision_key] = revision + 1
        st.rerun()
    for problem in mappings.problems(sheet.table, current):
        key, _, detail = problem.partition(":")
        st.error(escape_markdown(tr(key, fields=detail)))
    return current


def mapped(book: Workbook, chosen: dict[str, list[str]]) -> Workbook:
    """A copy of `book` with the chosen mapping applied to each sheet."""
    out = copy.copy(book)
    out.sheets = []
    for sheet in book.sheets:
        sheet = copy.copy(sheet)
        sheet.apply_mapping(chosen[sheet.headers_key])
        out.sheets.append(sheet)
    return out


def flags_report(report: importer.ImportReport, key: str) -> None:
    """The validation report as a filterable table, with its CSV."""
    lang = context().lang
    flags = pd.DataFrame([f.as_dict(lang) for f in report.flags],
                         columns=["level", "file", "sheet", "row", "column", "value", "message", "code"])
    if flags.empty:
        st.success(tr("import.no_flags"))
        return
    flags["value"] = flags["value"].astype("string")
    a, b, c = st.columns(3)
    level_labels = {v: tr("level." + v) for v in sorted(flags["level"].unique())}
    levels = a.multiselect(tr("import.filter_level"), list(level_labels), format_func=level_labels.get,
                           key=f"lvl_{key}", placeholder=tr("widget.choose_many"))
    sheets = b.multiselect(tr("import.filter_sheet"), sorted(flags["sheet"].unique()), key=f"sh_{key}",
                           placeholder=tr("widget.choose_many"))
    search = c.text_input(tr("import.filter_text"), key=f"q_{key}")
    shown = flags
    if levels:
        shown = shown[shown["level"].isin(levels)]
    if sheets:
        shown = shown[shown["sheet"].isin(sheets)]
    if search:
        hay = shown["message"].str.cat(shown[["column", "value"]].astype("string").fillna(""), sep=" ")
        shown = shown[hay.str.contains(search, case=False, regex=False)]
    st.caption(tr("import.flags_shown", n=len(shown), total=len(flags)))
    table(shown, "validation_report", f"flags_{key}", labels={c: tr("flags." + c) for c in shown.columns})


def rows_text(rows: dict[str, int]) -> str:
    """Rows per table, in words: "53 actors, 30 interviews, 410 list items"."""
    return ", ".join(tr("rows." + table, n=n) for table, n in rows.items() if n) or tr("rows.none")


def _ask(key: str, question: str, yes: str) -> bool:
    """A confirmation asked in the page, under what it would change: True once when confirmed. The
    question goes away with either answer, so a second click on "yes" (a double click, a resent
    message) is the click of a button that no longer exists."""
    with st.container(border=True):
        st.warning(escape_markdown(question), icon=":material/help:")
        a, b = st.columns(2)
        if a.button(yes, key=f"{key}_yes", type="primary"):
            st.session_state.pop(key, None)
            return True
        if b.button(tr("import.cancel"), key=f"{key}_no"):
            st.session_state.pop(key, None)
            st.rerun()
    return False


def load_panel(books: list[Workbook], project: str) -> None:
    """What loading would do, and the load: a file loaded before is replaced (its earlier import undone
    in the same write) or added alongside, as chosen, and only once confirmed, the rows removed and
    added said first."""
    ctx = context()
    earlier = importer.earlier_imports(ctx.con, books, project)
    replacing: list[int] = []
    if earlier:
        named = ", ".join(f"#{b} {escape_markdown(f)}" for b, f in earlier.items())
        modes = {"replace": tr("import.mode_replace", imports=named), "add": tr("import.mode_add")}
        mode = st.radio(tr("import.loaded_before", imports=named), list(modes), format_func=modes.get,
                        key="import_mode")
        replacing = list(earlier) if mode == "replace" else []
    try:
        preview = importer.preview(ctx.con, books, project, replacing)
    except ClusterlabError as exc:
        st.error(escape_markdown(exc.message(ctx.lang)))
        return
    removed = {}
    for batch in replacing:
        for name, n in importer.batch_rows(ctx.con, batch).items():
            removed[name] = removed.get(name, 0) + n
    st.subheader(tr("import.preview"))
    st.info(escape_markdown(tr("import.would_load", **preview.params)))
    if replacing:
        st.warning(escape_markdown(tr("import.would_remove", rows=rows_text(removed))), icon=":material/sync:")
    flags_report(preview, "preview")
    asked = "|".join(sorted(b.sha256 for b in books)) + f"|{project}|{replacing}"
    if st.button(tr("import.load", project=project), type="primary", key="load"):
        if not earlier:
            _load(books, project, [])
        st.session_state["load_asked"] = asked
    if earlier and st.session_state.get("load_asked") == asked:
        added = rows_text({**preview.loaded, **preview.analysis})
        question = (tr("import.replace_confirm", removed=rows_text(removed), added=added) if replacing
                    else tr("import.add_confirm", added=added))
        if _ask("load_asked", question, tr("import.replace_yes" if replacing else "import.add_yes")):
            _load(books, project, replacing)


def _load(books: list[Workbook], project: str, replacing: list[int]) -> None:
    ctx = context()
    try:
        report = importer.load_workbooks(ctx.con, books, project, replacing=replacing, who=ctx.who)
    except ClusterlabError as exc:
        st.error(escape_markdown(exc.message(ctx.lang)))
        return
    store.set_setting(ctx.con, "project", project, ctx.who)
    st.session_state["project"] = project
    st.session_state["last_import"] = report.message(ctx.lang)
    if report.batch_ids:
        st.session_state["report_pick"] = report.batch_ids[-1]  # its report, shown in the history
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
    st.rerun()


def history_panel() -> None:
    """The project's imports: each one's located report (kept with it, with its CSV), and the undo of
    one, asked for confirmation with the rows it removes."""
    ctx = context()
    history = store.batches(ctx.con, ctx.pid, loaded_only=True)  # no column of zeros for a table never loaded
    table(history, "import_history", "history", labels={c: tr("history." + c) for c in history.columns})
    if history.empty:
        return
    files = dict(zip(history["batch_id"], history["file_name"], strict=True))
    if st.session_state.get("report_pick") not in files:
        st.session_state["report_pick"] = int(history["batch_id"].iloc[0])
    picked = st.selectbox(tr("import.report_pick"), list(files), key="report_pick",
                          format_func=lambda b: f"#{b} — {files[b]}", placeholder=tr("widget.choose"))
    with st.container(border=True, key="import_report"):
        heading = escape_markdown(tr("import.report_of", batch=picked, file=files[picked]))
        st.markdown(f":material/fact_check: **{heading}**")
        report = importer.stored_report(ctx.con, int(picked), ctx.pid)
        if report.message_key == "import.report_not_kept":
            st.caption(tr("import.report_not_kept"))
        else:
            st.caption(escape_markdown(tr("import.report_counts", rows=rows_text(report.loaded),
                                          flags=len(report.flags))))
            if report.flags:
                flags_report(report, f"batch_{picked}")
    active = history[history["undone_at"].isna()]
    if active.empty:
        return
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    batch = left.selectbox(tr("import.undo_pick"), active["batch_id"].tolist(), key="undo_pick",
                           placeholder=tr("widget.choose"), format_func=lambda b: f"#{b} — {files[b]}")
    if right.button(tr("import.undo"), key="undo", icon=":material/undo:") and batch is not None:
        st.session_state["undo_asked"] = int(batch)
    asked = st.session_state.get("undo_asked")
    if asked in set(active["batch_id"]):
        question = tr("import.undo_confirm", batch=asked, file=files[asked],
                      rows=rows_text(importer.batch_rows(ctx.con, asked)))
        if _ask("undo_asked", question, tr("import.undo_yes", batch=asked)):
            by = importer.imported_by(ctx.con, int(asked))
            try:
                importer.undo(ctx.con, int(asked), who=ctx.who)
            except ClusterlabError as exc:
                st.error(escape_markdown(exc.message(ctx.lang)))
                return
            st.session_state["last_import"] = (tr("import.undone_by", batch=asked, who=by) if by
                                               else tr("import.undone", batch=asked))
            st.rerun()


def export_panel() -> None:
    """The project workbook and every CSV file, downloaded from the app itself (built on the app's own
    connection when clicked: the command line's export needs the app stopped)."""
    ctx = context()
    stem = exporter.file_stem(ctx.project)
    st.caption(tr("import.export_intro"))
    row = st.container(horizontal=True)
    row.download_button(tr("import.export_workbook"),
                        data=lambda: exporter.project_workbook(ctx.con, ctx.pid, ctx.lang),
                        file_name=f"{stem}.xlsx", on_click="ignore", icon=":material/table_view:", key="export_xlsx",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    row.download_button(tr("import.export_csv"),
                        data=lambda: exporter.csv_zip(exporter.tables(analysis.of(ctx.con, ctx.pid))),
                        file_name=f"{stem}_csv.zip", on_click="ignore", icon=":material/folder_zip:",
                        key="export_csv", mime="application/zip")
    row.download_button(tr("import.export_csv_fr"),
                        data=lambda: exporter.csv_zip(exporter.tables(analysis.of(ctx.con, ctx.pid)), True),
                        file_name=f"{stem}_csv_excel-fr.zip", on_click="ignore", icon=":material/folder_zip:",
                        key="export_csv_fr", mime="application/zip")
