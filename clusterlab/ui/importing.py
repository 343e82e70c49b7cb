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

from clusterlab import contract, importer, mappings
from clusterlab.errors import RefusedFile
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
    con = context().con
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
        mappings.save(con, sheet, chosen)
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
