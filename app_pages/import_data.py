"""Import: upload workbooks, check how their columns map, see the validation report, load (a file loaded
before replaced or added, once confirmed); the history with each import's report and its undo; the
project's workbook and CSV files to download."""
import streamlit as st

from clusterlab.template import template_workbook
from clusterlab.ui import context, escape_markdown, tr
from clusterlab.ui.importing import export_panel, history_panel, load_panel, mapped, mapping_editor, read_uploads

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
        load_panel(ready, project)
    elif refused:
        st.warning(tr("import.nothing_loaded"))

if "last_import" in st.session_state:
    st.success(escape_markdown(st.session_state.pop("last_import")), icon=":material/check_circle:")

st.subheader(tr("import.history"))
history_panel()

st.subheader(tr("import.export"))
export_panel()
