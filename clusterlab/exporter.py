"""Exporting a project: every table as CSV (two flavours) and the whole project as one workbook
in the contract's format, which imports back into the same project."""
from __future__ import annotations

import errno
import io
import re
import zipfile
from pathlib import Path

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from clusterlab import analysis, audit, records, schema, state
from clusterlab.analysis import Analysis
from clusterlab.contract import (
    GOVERNANCE_TABLES,
    LIST_FIELDS,
    MATRIX_SHEET_FR,
    REPORT_SHEETS,
    TABLES,
    field_label,
    sheet_label,
)
from clusterlab.errors import ExportError
from clusterlab.text import visible_controls
from clusterlab.values import FORMULA_START

CSV_TABLES = schema.CSV_TABLES


def _query(name: str) -> str:
    """The rows of a data table as its CSV gives them: the columns `schema.py` marks CSV, in order."""
    declared = schema.BY_NAME[name]
    columns = ", ".join(f'"{c}"' for c in declared.having(schema.CSV))
    return f"SELECT {columns} FROM {name} WHERE project_id = ? ORDER BY {declared.csv_order}"


def table(con: duckdb.DuckDBPyConnection, pid: int, name: str) -> pd.DataFrame:
    """One store table of a project, with the contract's English field names as columns."""
    return con.cursor().execute(_query(name), [pid]).df()


def tables(a: Analysis) -> dict[str, pd.DataFrame]:
    """Every table of the project with the contract's field names, then every derived view of its analysis."""
    return {**{name: table(a.con, a.pid, name) for name in CSV_TABLES}, **a.views()}


def neutralise(value: object) -> object:
    """Text made harmless to the spreadsheet or terminal that shows it: control characters written
    out (`\\x1b`), and text a spreadsheet would run as a formula with a leading apostrophe."""
    if not isinstance(value, str):
        return value
    value = visible_controls(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def _neutralised(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` whose text cells and column headers (other questions, extra fields) are neutralised."""
    df = df.copy()
    for col in df.columns:
        if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):
            df[col] = df[col].map(neutralise, na_action="ignore")
    df.columns = [neutralise(c) for c in df.columns]
    return df


def to_csv(df: pd.DataFrame, french_excel: bool = False) -> bytes:
    """CSV bytes: comma-separated UTF-8, or `;`-separated UTF-8 with BOM and decimal commas
    for French Excel. Formula-like text is neutralised in both."""
    buffer = io.StringIO()
    if french_excel:
        _neutralised(df).to_csv(buffer, index=False, sep=";", decimal=",")
        return buffer.getvalue().encode("utf-8-sig")
    _neutralised(df).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


def write_csv(frames: dict[str, pd.DataFrame], out_dir: str | Path, french_excel: bool = False) -> list[Path]:
    """One CSV file per table, named after it."""
    out = Path(out_dir)
    paths = []
    for name, df in frames.items():
        path = out / f"{name}.csv"
        write_file(path, to_csv(df, french_excel))
        paths.append(path)
    return paths


def csv_zip(frames: dict[str, pd.DataFrame], french_excel: bool = False) -> bytes:
    """Every table as its CSV file (named as `write_csv` names it) in one .zip, as bytes: what the app
    offers to download, the same files the command line writes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, df in frames.items():
            archive.writestr(f"{name}.csv", to_csv(df, french_excel))
    return buffer.getvalue()


def file_stem(name: str) -> str:
    """A project's name as a file name: letters and digits of any script kept, anything else `_`."""
    return re.sub(r"[^\w-]+", "_", str(name)).strip("_.") or "project"


def write_file(path: str | Path, data: bytes) -> None:
    """Write an export, its folder created; a full disk (no half-written file left) or a folder one
    may not write to raises ExportError."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            path.unlink(missing_ok=True)  # what was written of it
            raise ExportError("export.no_space", path=str(path)) from exc
        raise ExportError("export.write_failed", path=str(path), reason=exc.strerror or str(exc)) from exc


# -- the project workbook ---------------------------------------------------------------

def _item_text(text: str, severity: object) -> str:
    return f"{text} ({int(severity)})" if pd.notna(severity) else text


def workbook_frames(con: duckdb.DuckDBPyConnection, pid: int, lang: str = "en") -> dict[str, pd.DataFrame]:
    """The project as the contract's sheets: one DataFrame per sheet, headers in `lang`."""
    cur = con.cursor()
    frames: dict[str, pd.DataFrame] = {}

    actors = table(con, pid, "actors")
    actors = _with_extras(cur, pid, "actors", actors, "actor_id")
    frames[sheet_label("actors", lang)] = actors.rename(columns=lambda c: _renamed("actors", c, lang))

    interviews = cur.execute("""SELECT i.interview_id, i.actor_id, a.name, i.date, i.interviewer,
                                       i.willingness, i.capacity_to_participate
                                FROM interviews i JOIN actors a USING (project_id, actor_id)
                                WHERE i.project_id = ? ORDER BY i.interview_id""", [pid]).df()
    items = cur.execute("""SELECT interview_id, field, text, severity FROM items
                           WHERE project_id = ? AND interview_id IS NOT NULL
                           ORDER BY interview_id, field, position""", [pid]).df()
    if len(items):
        items["cell"] = [_item_text(t, s) for t, s in zip(items["text"], items["severity"])]
        lists = items.groupby(["interview_id", "field"], sort=False)["cell"].agg("\n".join).unstack("field")
    else:
        lists = pd.DataFrame(index=pd.Index([], name="interview_id"))
    lists = lists.reindex(columns=list(LIST_FIELDS))
    interviews = interviews.merge(lists, left_on="interview_id", right_index=True, how="left")
    answers = cur.execute("SELECT interview_id, question, answer FROM answers WHERE project_id = ?", [pid]).df()
    if len(answers):
        order = list(dict.fromkeys(answers["question"]))
        wide = answers.pivot_table(index="interview_id", columns="question", values="answer", aggfunc="first")
        interviews = interviews.merge(wide[order], left_on="interview_id", right_index=True, how="left")
    columns = ["interview_id", "actor_id", "name", "date", "interviewer", *LIST_FIELDS, "willingness",
               "capacity_to_participate"]
    interviews = interviews[columns + [c for c in interviews.columns if c not in columns]]
    frames[sheet_label("interviews", lang)] = interviews.rename(columns=lambda c: _renamed("interviews", c, lang))

    problems = cur.execute("""SELECT actor_id AS actor, text AS problem, severity,
                                     actor_id || '#' || position AS record FROM items
                              WHERE project_id = ? AND interview_id IS NULL AND field = 'problems'
                              ORDER BY actor_id, position""", [pid]).df()
    problems = _with_extras(cur, pid, "problems", problems, "record").drop(columns="record")
    frames[sheet_label("problems", lang)] = problems.rename(columns=lambda c: _renamed("problems", c, lang))
    relations = table(con, pid, "relations")
    relations["record"] = [records.relation_record(s, t, k if isinstance(k, str) else None)
                           for s, t, k in zip(relations["source"], relations["target"], relations["type"])]
    relations = _with_extras(cur, pid, "relations", relations, "record").drop(columns="record")
    frames[sheet_label("relations", lang)] = relations.rename(columns=lambda c: _renamed("relations", c, lang))
    actions = _with_extras(cur, pid, "actions", table(con, pid, "actions"), "action_id")
    frames[sheet_label("actions", lang)] = actions.rename(columns=lambda c: _renamed("actions", c, lang))
    a = analysis.of(con, pid)
    frames.update(mactor_frames(a, lang))
    frames.update(governance_frames(con, pid, lang))
    # The analysis, for reports: sheets no import reads back (contract.REPORT_SHEETS).
    reported = {"perimeters": a.perimeters, "shortlist": a.shortlist, "cross_options": a.cross_options,
                "leader_overrides": a.leader_overrides}
    reported["changes"] = audit.changes(con, pid)  # who did what (audit.py): never a code or a token
    for name, df in reported.items():
        if len(df):
            frames[REPORT_SHEETS[name][1 if lang == "fr" else 0]] = df
    # The analysis again, for the import: what makes the workbook load back to the same project.
    carried = state.frame(con, pid)
    if len(carried):
        frames[state.STATE_SHEET] = carried
    return frames


def mactor_frames(a: Analysis, lang: str = "en") -> dict[str, pd.DataFrame]:
    """Phase III's sheets: the objectives (the contract's long form) and, when the project holds cells, the MID
    and MAO matrices by actor id (an empty cell: nothing said). The hidden sheet carries their cells with their
    source, so that the import reads them from there."""
    frames: dict[str, pd.DataFrame] = {}
    objectives = table(a.con, a.pid, "objectives")
    if len(objectives):
        frames[sheet_label("objectives", lang)] = objectives.rename(columns=lambda c: _renamed("objectives", c, lang))
    for kind, values, sources in (("influences", a.mid, a.mid_sources), ("positions", a.mao2, a.mao_sources)):
        if not (sources != "").to_numpy().any():
            continue
        wide = values.where(sources != "").astype(object)
        wide = wide.where(wide.notna(), None)
        wide.insert(0, "MID" if kind == "influences" else "MAO", list(wide.index))
        frames[MATRIX_SHEET_FR[kind]] = wide.reset_index(drop=True)
    return frames


def governance_frames(con: duckdb.DuckDBPyConnection, pid: int, lang: str = "en") -> dict[str, pd.DataFrame]:
    """The governance sheets of the contract (bodies, members, meetings, attendance, decisions), those the project
    holds rows in; a member or an attendee by its actor's id (an organisation typed, not yet an actor, as typed)."""
    frames: dict[str, pd.DataFrame] = {}
    for name in GOVERNANCE_TABLES:
        df = table(con, pid, name)
        if not len(df):
            continue
        if name == "attendance":
            df = df.assign(actor=df["actor_id"].where(df["actor_id"].notna(), df["organisation"]))
        elif name == "members":
            df = df.rename(columns={"actor_id": "actor"})
        df = df[list(TABLES[name].field_names)]
        frames[sheet_label(name, lang)] = df.rename(columns=lambda c, n=name: _renamed(n, c, lang))
    return frames


def _renamed(table_name: str, column: str, lang: str) -> str:
    if column in TABLES[table_name].field_names:
        return field_label(table_name, column, lang)
    return column


def _with_extras(cur, pid: int, table_name: str, df: pd.DataFrame, key: str) -> pd.DataFrame:
    extras = cur.execute("SELECT record_id, name, value FROM extra_fields WHERE project_id = ? AND table_name = ?",
                         [pid, table_name]).df()
    if not len(extras):
        return df
    order = list(dict.fromkeys(extras["name"]))
    wide = extras.pivot_table(index="record_id", columns="name", values="value", aggfunc="first")[order]
    return df.merge(wide, left_on=key, right_index=True, how="left")


def write_workbook(frames: dict[str, pd.DataFrame], path: str | Path | io.BytesIO) -> None:
    """Write sheets with openpyxl; text, headers included, is always stored as text (never as a
    formula), formula-like text is marked with Excel's quote prefix rather than altered, and
    control characters are written out (`\\x1b`: XML cannot hold them, and nothing should act on them)."""
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for name, df in frames.items():
        ws = wb.create_sheet(name[:31])
        if name == state.STATE_SHEET:
            ws.sheet_state = "hidden"  # for the import, not for reading
        header = []
        for col in df.columns:
            cell = _cell(ws, str(col))
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for record in df.itertuples(index=False, name=None):
            ws.append([_cell(ws, v) for v in record])
    wb.save(path)


def _cell(ws, value: object) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date() if value == value.normalize() else value.to_pydatetime()
    if isinstance(value, str):
        value = visible_controls(value)
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True
        return cell
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def project_workbook(con: duckdb.DuckDBPyConnection, pid: int, lang: str = "en") -> bytes:
    """The whole project as one .xlsx, as bytes."""
    buffer = io.BytesIO()
    write_workbook(workbook_frames(con, pid, lang), buffer)
    return buffer.getvalue()
