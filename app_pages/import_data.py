"""Import: upload workbooks, check how their columns map, see the validation report, load, undo."""
import streamlit as st

from clusterlab import importer, store
from clusterlab.errors import ClusterlabError
from clusterlab.template import template_workbook
from clusterlab.ui import context, escape_markdown, table, tr
from clusterlab.ui.importing import flags_report, mapped, mapping_editor, read_uploads

MAX_UPLOAD_MB = 50
ctx = context()

st.title(tr("import.title"))
st.caption(tr("import.intro"))
st.download_button(tr("import.template"), data=lambda: template_workbook(ctx.lang),
                   file_name=tr("import.template_file"), on_click="ignore", icon=":material/table_view:",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

project = st.text_input(tr("import.project"), value=ctx.project, key="import_project").strip() or ctx.project
round_ = st.session_state.setdefault("upload_round", 0)
uploads = st.file_uploader(tr("import.files", mb=MAX_UPLOAD_MB), type=["xlsx", "xlsm", "xls", "ods"],
                           accept_multiple_files=True, max_upload_size=MAX_UPLOAD_MB, key=f"upload_{round_}")

if uploads:
    books, refused = read_uploads(uploads)
    for error in refused:
        st.error(escape_markdown(error.message(ctx.lang)), icon=":material/block:")
    chosen = {}
    for book in books:
        st.subheader(escape_markdown(book.file))
        if book.ignored_sheets:
            st.caption(tr("import.ignored_sheets", sheets=escape_markdown(", ".join(book.ignored_sheets))))
        for sheet in book.sheets:
            with st.expander(tr("import.sheet", sheet=escape_markdown(sheet.name), table=tr("table." + sheet.table),
                                row=sheet.header_row, n=len(sheet.rows)), expanded=True):
                chosen[sheet.headers_key] = mapping_editor(sheet)
    ready = [mapped(book, chosen) for book in books]
    if ready and not refused:
        preview = importer.preview(ctx.con, ready, project)
        st.subheader(tr("import.preview"))
        st.info(escape_markdown(tr("import.would_load", **preview.params)))
        flags_report(preview, "preview")
        if st.button(tr("import.load", project=project), type="primary", key="load"):
            report = importer.load_workbooks(ctx.con, ready, project, who=ctx.who)
            store.set_setting(ctx.con, "project", project, ctx.who)
            st.session_state["project"] = project
            st.session_state["last_import"] = report.message(ctx.lang)
            st.session_state["upload_round"] = round_ + 1
            st.rerun()
    elif refused:
        st.warning(tr("import.nothing_loaded"))

if "last_import" in st.session_state:
    st.success(escape_markdown(st.session_state.pop("last_import")), icon=":material/check_circle:")

st.subheader(tr("import.history"))
history = store.batches(ctx.con, ctx.pid)
table(history, "import_history", "history", labels={c: tr("history." + c) for c in history.columns})
active = history[history["undone_at"].isna()]
if len(active):
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    batch = left.selectbox(tr("import.undo_pick"), active["batch_id"].tolist(), key="undo_pick",
                           placeholder=tr("widget.choose"),
                           format_func=lambda b: f"#{b} — {active.set_index('batch_id').loc[b, 'file_name']}")
    if right.button(tr("import.undo"), key="undo", icon=":material/undo:"):
        try:
            by = importer.imported_by(ctx.con, int(batch))
            importer.undo(ctx.con, int(batch), who=ctx.who)
            st.session_state["last_import"] = (tr("import.undone_by", batch=batch, who=by) if by
                                               else tr("import.undone", batch=batch))
            st.rerun()
        except ClusterlabError as exc:
            st.error(escape_markdown(exc.message(ctx.lang)))
