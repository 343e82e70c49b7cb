"""Turning the rows of a contract sheet into store records, flagging every cell that is wrong.

A bad row is flagged and left out; a bad cell is flagged and left empty; the rest is loaded.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from clusterlab import values
from clusterlab.contract import ACTORS, LIST_FIELDS, TABLES
from clusterlab.flags import ERROR, INFO, WARNING, Flag
from clusterlab.linking import Actors, Ids
from clusterlab.reader import OTHER, Sheet
from clusterlab.records import Records, new_records, problem_record, relation_record
from clusterlab.text import name_key

MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell

TOTAL_WORDS = frozenset({"total", "totaux", "total general", "sous total", "grand total", "somme", "sum"})


@dataclass
class Context:
    """What one import knows while it runs: the project's actors and ids, and what it adds."""

    actors: Actors
    interview_ids: set[str]
    action_ids: set[str]
    records: dict[str, Records] = field(default_factory=new_records)
    flags: list[Flag] = field(default_factory=list)
    created_actors: list[str] = field(default_factory=list)
    interview_rows: dict[tuple, tuple] = field(default_factory=dict)  # (actor, date, sheet, row) -> (id, file)
    completions: list[tuple[str, dict]] = field(default_factory=list)  # (actor, attributes a list gives it)
    objectives: dict[str, str] = field(default_factory=dict)  # the project's objectives: id and wording keys -> id
    # the project's governance (validate_governance.py): bodies (id -> start) and their names' keys, meetings
    # (id -> date) and their titles' keys, decision ids, (body, actor) pairs of members
    governance: dict = field(default_factory=lambda: {"bodies": {}, "body_names": {}, "meetings": {},
                                                      "meeting_titles": {}, "decisions": set(), "members": set()})

    def __post_init__(self) -> None:
        self.interview_id_gen = Ids("I", self.interview_ids)
        self.action_id_gen = Ids("ACT", self.action_ids)
        self._splits: dict[object, list[str]] = {}
        self._scales: dict[object, tuple] = {}
        self._dates: dict[object, tuple] = {}

    # -- small cached helpers ------------------------------------------------
    def split(self, cell: object) -> list[str]:
        items = self._splits.get(cell)
        if items is None:
            items = self._splits[cell] = values.split_list(cell)
        return items

    def scale(self, cell: object) -> tuple:
        try:
            return self._scales[cell]
        except KeyError:
            result = self._scales[cell] = values.parse_scale(cell)
            return result
        except TypeError:
            return values.parse_scale(cell)

    def date(self, cell: object) -> tuple:
        try:
            return self._dates[cell]
        except KeyError:
            result = self._dates[cell] = values.parse_date(cell)
            return result

    def flag(self, sheet: Sheet, row: int | None, column: str | None, value: object, key: str,
             level: str = WARNING, **params: object) -> None:
        self.flags.append(Flag(sheet.file, sheet.name, row, column, value, key, level, params))

    # -- actors ----------------------------------------------------------------
    def resolve_actor(self, sheet: Sheet, row: int, column: str, ref_id: str | None, name: str | None,
                      create: bool = True, id_column: str | None = None) -> str | None:
        """The actor an id or a name stands for (`linking.Actors.link`), its remark flagged at the id's
        column or the name's; an unknown name creates the actor (reported)."""
        link = self.actors.link(ref_id, name, create)
        if link.created:
            self._record_actor(link.actor_id, name, "reference", {})
            self.created_actors.append(name)
        if link.remark:
            self.flag(sheet, row, (id_column or column) if link.on_id else column, link.value, link.remark,
                      link.level, **link.params)
        return link.actor_id

    def add_actor(self, actor_id: str, name: str, attributes: dict) -> None:
        """An actor of an actor list, new to the project."""
        self.actors.add(actor_id, name, dict(attributes))
        self._record_actor(actor_id, name, "list", attributes)

    def _record_actor(self, actor_id: str, name: str, created_from: str, attributes: dict) -> None:
        self.records["actors"].add(actor_id=actor_id, name=name, name_key=self.actors.key(name),
                                   created_from=created_from, **attributes)


# -- cells ----------------------------------------------------------------------

def text_cell(ctx: Context, sheet: Sheet, row: int, col: int, value: object) -> str | None:
    """A text cell, trimmed; overlong text is cut at Excel's limit, formula-like text flagged."""
    text = values.clean_text(value)
    if text is None:
        return None
    if len(text) > MAX_CELL_CHARS:
        ctx.flag(sheet, row, sheet.headers[col], text, "too_long", WARNING, n=len(text), max=MAX_CELL_CHARS)
        text = text[:MAX_CELL_CHARS]
    if text[0] == "=":
        ctx.flag(sheet, row, sheet.headers[col], text, "formula_text", INFO)
    return text


def _get(row: list[object], col: int | None) -> object:
    return None if col is None else row[col]


def _parsed(ctx: Context, sheet: Sheet, row: int, col: int | None, raw: object, parser) -> object:
    """The parsed value of a cell; a cell the parser rejects is flagged and left empty."""
    if col is None:
        return None
    value, problem = parser(raw)
    if problem:
        ctx.flag(sheet, row, sheet.headers[col], raw, problem, INFO if problem in values.NOTICES else WARNING)
    return value


def _other_columns(sheet: Sheet) -> list[int]:
    return [i for i, m in enumerate(sheet.mapping) if m == OTHER]


def _keep_extras(ctx: Context, sheet: Sheet, table: str, record_id: str, row: list, excel_row: int,
                 others: list[int]) -> None:
    for col in others:
        text = text_cell(ctx, sheet, excel_row, col, row[col])
        if text is not None:
            ctx.records["extra_fields"].add(table_name=table, record_id=record_id, name=sheet.headers[col], value=text)


# -- fields read by their kind ---------------------------------------------------------

# How a cell of each kind of field is read, as (value, problem); text is read by `text_cell`, scales
# and dates by the context's cached parsers.
PARSERS: dict[str, Callable[[object], tuple]] = {
    "latitude": lambda v: values.parse_bounded(v, -90, 90, "latitude_range"),
    "longitude": lambda v: values.parse_bounded(v, -180, 180, "longitude_range"),
    "count": values.parse_count, "money": values.parse_number, "percent": values.parse_number,
    "phase": values.parse_phase,
}

Reader = tuple[str, int | None, Callable[[object], tuple] | None]  # field, its column, its parser (None: text)


def _readers(ctx: Context, sheet: Sheet, skip: tuple[str, ...]) -> list[Reader]:
    """How to read each field of the sheet's table that its validator has no rule of its own for
    (`skip`): by the field's kind. A column of dates written month first is read so."""
    readers = []
    for f in TABLES[sheet.table].fields:
        if f.name in skip:
            continue
        col = sheet.column(f.name)
        if f.kind == "text":
            parser = None
        elif f.kind == "scale":
            parser = ctx.scale
        elif f.kind == "date":
            us = col is not None and values.month_first(sheet.cells(col))
            parser = (lambda v: values.parse_date(v, month_first=True)) if us else ctx.date
        else:
            parser = PARSERS[f.kind]
        readers.append((f.name, col, parser))
    return readers


def _read(ctx: Context, sheet: Sheet, readers: list[Reader], row: list, r: int) -> dict[str, object]:
    """The fields one row gives, each cell read by its kind (and flagged when it is wrong)."""
    given = {}
    for name, col, parser in readers:
        if col is None:
            given[name] = None
        elif parser is None:
            given[name] = text_cell(ctx, sheet, r, col, row[col])
        else:
            given[name] = _parsed(ctx, sheet, r, col, row[col], parser)
    return given


def _read_columns(ctx: Context, sheet: Sheet, readers: list[Reader], kept: list[int], take: np.ndarray | None,
                  rows: list[int]) -> dict[str, pa.Array | None]:
    """The fields of the kept rows, a column at a time, typed for the sheet's store table."""
    types = ctx.records[sheet.table].types
    given: dict[str, pa.Array | None] = {}
    for name, col, parser in readers:
        if col is None:
            given[name] = None
        elif parser is None:
            given[name] = _column_text(ctx, sheet, col, take, rows)
        else:
            given[name] = _parsed_column(ctx, sheet, col, kept, parser, types[name])
    return given


# -- one function per table ----------------------------------------------------------

def actors(ctx: Context, sheet: Sheet) -> None:
    c = {f: sheet.column(f) for f in ("actor_id", "name")}
    readers = _readers(ctx, sheet, ("actor_id", "name"))  # the attributes: ACTOR_ATTRIBUTES
    others = _other_columns(sheet)
    seen_ids: dict[str, int] = {}  # id as typed, digits of any script alike (DU-٠٠٧ is DU-007) -> its first row
    seen_keys: set[str] = set()
    for row, r in zip(sheet.rows, sheet.row_numbers):
        name = text_cell(ctx, sheet, r, c["name"], row[c["name"]])
        ref = values.clean_text(_get(row, c["actor_id"]))
        if name is None or not ctx.actors.key(name):
            ctx.flag(sheet, r, sheet.headers[c["name"]], name, "no_name", ERROR)
            continue
        key = ctx.actors.key(name)
        if ref is not None and values.western_digits(ref) in seen_ids:
            ctx.flag(sheet, r, sheet.headers[c["actor_id"]], ref, "duplicate_id", ERROR,
                     first=seen_ids[values.western_digits(ref)], second=r)
            continue
        if ref is None and key in seen_keys:
            ctx.flag(sheet, r, sheet.headers[c["name"]], name, "duplicate_name", ERROR)
            continue
        attributes = _read(ctx, sheet, readers, row, r)
        existing, homonym = ctx.actors.listed(ref, name, attributes)
        if homonym:  # another cooperative of the same name, in another place, under its own ID
            ctx.flag(sheet, r, sheet.headers[c["name"]], name, "homonym", WARNING)
        if existing is not None:
            seen_ids.setdefault(values.western_digits(existing), r)
            seen_keys.add(key)
            if existing in ctx.actors.referenced:  # created from a mention: the list completes it
                ctx.actors.referenced.discard(existing)
                ctx.completions.append((existing, attributes))
                ctx.flag(sheet, r, sheet.headers[c["name"]], name, "actor_completed", INFO, actor_id=existing)
                _keep_extras(ctx, sheet, "actors", existing, row, r, others)
            else:
                ctx.flag(sheet, r, sheet.headers[c["name"]], name, "actor_exists", INFO, actor_id=existing)
                _flag_differences(ctx, sheet, r, c, name, existing, attributes)
            continue
        if ref is None:
            ref = ctx.actors.ids.new()
        ctx.actors.ids.taken.add(ref)
        seen_ids.setdefault(values.western_digits(ref), r)
        seen_keys.add(key)
        ctx.add_actor(ref, name, attributes)
        _keep_extras(ctx, sheet, "actors", ref, row, r, others)


def _flag_differences(ctx: Context, sheet: Sheet, r: int, c: dict, name: str, actor_id: str, given: dict) -> None:
    """An actor-list row that says otherwise than the project of an actor it already holds."""
    held = ctx.actors.attributes.get(actor_id, {})
    changes = [f"{f}: {held[f]} → {v}" for f, v in given.items() if v is not None and held.get(f) is not None
               and str(held[f]) != str(v)]
    if changes:
        ctx.flag(sheet, r, sheet.headers[c["name"]], name, "actor_differs", WARNING, changes="; ".join(changes))


# What an actor list says of an actor beyond its id and name (store columns of the same names).
ACTOR_ATTRIBUTES = tuple(f.name for f in ACTORS.fields if f.name not in ("actor_id", "name"))


def interviews(ctx: Context, sheet: Sheet) -> None:
    """One interview per row. The grid is handled a column at a time, as Arrow arrays: only the
    identity of each row (interview id, actor) is decided row by row."""
    c = {f: sheet.column(f) for f in ("interview_id", "actor_id", "name", "date")}
    names, refs, given_ids = (_texts(sheet, c[f]) for f in ("name", "actor_id", "interview_id"))
    ref_col = sheet.headers[c["name"] if c["name"] is not None else c["actor_id"]]
    id_col = sheet.headers[c["actor_id"]] if c["actor_id"] is not None else None
    seen: set[str] = set()
    resolved: dict[tuple, str] = {}
    kept: list[int] = []  # indexes of the loaded rows in sheet.rows
    interview_ids: list[str] = []
    actor_ids: list[str] = []
    date_cells = sheet.cells(c["date"]) if c["date"] is not None else None
    earlier: dict[tuple, list[int]] = {}  # (actor, date) -> indexes of the rows that had them
    for index, r in enumerate(sheet.row_numbers):
        name, ref, interview_id = names[index], refs[index], given_ids[index]
        if name is None and ref is None:
            ctx.flag(sheet, r, ref_col, None, "no_actor", ERROR)
            continue
        if name is not None and (";" in name or "\n" in name):  # a focus group: "GDA Mateur; Coop El Amal"
            first_named = next(iter(values.split_list(name)), name)
            ctx.flag(sheet, r, ref_col, name, "several_actors", WARNING, first=first_named)
            name = first_named
        same = earlier.setdefault((name, ref, date_cells[index] if date_cells else None), [])
        twin = next((j for j in same if sheet.rows[j] == sheet.rows[index]), None)
        same.append(index)
        if twin is not None:  # the same row pasted twice
            ctx.flag(sheet, r, ref_col, name or ref, "duplicate_row", WARNING, first=sheet.row_numbers[twin])
            continue
        if interview_id is not None:
            if interview_id in seen:
                ctx.flag(sheet, r, sheet.headers[c["interview_id"]], interview_id, "duplicate_interview", ERROR)
                continue
            if interview_id in ctx.interview_ids:
                ctx.flag(sheet, r, sheet.headers[c["interview_id"]], interview_id, "interview_exists", INFO)
                continue
        actor_id = resolved.get((ref, name))
        if actor_id is None:
            actor_id = ctx.resolve_actor(sheet, r, ref_col, ref, name, id_column=id_col)
            if actor_id is None:
                continue
            resolved[(ref, name)] = actor_id
        if interview_id is None:
            interview_id = ctx.interview_id_gen.new()
        ctx.interview_ids.add(interview_id)
        seen.add(interview_id)
        kept.append(index)
        interview_ids.append(interview_id)
        actor_ids.append(actor_id)
    if not kept:
        return
    take = None if len(kept) == len(sheet.rows) else np.array(kept, np.int64)
    rows = [sheet.row_numbers[i] for i in kept]
    ids, actors_ = pa.array(interview_ids, pa.string()), pa.array(actor_ids, pa.string())
    readers = _readers(ctx, sheet, ("interview_id", "actor_id", "name", *LIST_FIELDS))
    # the date first: with the actor, it tells an interview the project already holds
    given = _read_columns(ctx, sheet, [x for x in readers if x[0] == "date"], kept, take, rows)
    if ctx.interview_rows:
        _flag_interviews_again(ctx, sheet, actor_ids, given["date"], rows)
    given |= _read_columns(ctx, sheet, [x for x in readers if x[0] != "date"], kept, take, rows)
    ctx.records["interviews"].add_chunk(
        interview_id=ids, actor_id=actors_, source_file=sheet.file, source_sheet=sheet.name,
        source_row=pa.array(rows, pa.int32()), **given)
    for fieldname in LIST_FIELDS:
        cols = sheet.columns(fieldname)
        if cols:
            _list_items(ctx, sheet, cols, fieldname, take, rows, ids, actors_)
    for col in _other_columns(sheet):
        answers = _column_text(ctx, sheet, col, take, rows)
        present = pc.is_valid(answers)
        ctx.records["answers"].add_chunk(interview_id=pc.filter(ids, present), question=sheet.headers[col],
                                         answer=pc.filter(answers, present))


def _flag_interviews_again(ctx: Context, sheet: Sheet, actor_ids: list[str], dates: pa.Array | None,
                           rows: list[int]) -> None:
    """Rows that are interviews the project already holds (same actor, date, sheet and row): an
    edited copy of a grid loaded before. They load again; the flag says which import to undo."""
    days = dates.to_pylist() if dates is not None else [None] * len(rows)
    for actor_id, day, r in zip(actor_ids, days, rows):
        found = ctx.interview_rows.get((actor_id, day, sheet.name, r))
        if found:
            ctx.flag(sheet, r, None, found[0], "interview_again", WARNING, file=found[1] or "")


def _texts(sheet: Sheet, col: int | None) -> list[str | None]:
    """A column as trimmed text, empty cells None (as `values.clean_text` gives them)."""
    if col is None:
        return [None] * len(sheet.rows)
    text = pc.utf8_trim_whitespace(values.as_text_array(sheet.cells(col)))
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text).to_pylist()


def _parsed_column(ctx: Context, sheet: Sheet, col: int | None, kept: list[int], parser, type_: pa.DataType
                   ) -> pa.Array | None:
    """The parsed values of a column for the kept rows; a cell the parser rejects is flagged and left empty."""
    if col is None:
        return None
    cells = sheet.cells(col)
    parsed = []
    for i in kept:
        value, problem = parser(cells[i])
        if problem:
            ctx.flag(sheet, sheet.row_numbers[i], sheet.headers[col], cells[i], problem,
                     INFO if problem in values.NOTICES else WARNING)
        parsed.append(value)
    return pa.array(parsed, type_)


def _column_text(ctx: Context, sheet: Sheet, col: int, take: np.ndarray | None, rows: list[int]) -> pa.Array:
    """A column of cells as trimmed text (empty: null), for the rows at `take` (None: all of them);
    overlong cells cut, formula-like text flagged. `rows` are the Excel numbers of those rows."""
    text = values.as_text_array(sheet.cells(col))
    if take is not None:
        text = text.take(take)
    text = pc.utf8_trim_whitespace(text)
    text = pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
    too_long = pc.fill_null(pc.greater(pc.utf8_length(text), MAX_CELL_CHARS), False)
    if pc.any(too_long).as_py():
        for i in np.flatnonzero(too_long.to_numpy(zero_copy_only=False)):
            ctx.flag(sheet, rows[i], sheet.headers[col], text[i].as_py(), "too_long", WARNING,
                     n=len(text[i].as_py()), max=MAX_CELL_CHARS)
        text = pc.utf8_slice_codeunits(text, 0, MAX_CELL_CHARS)
    _flag_formulas(ctx, sheet, col, text, rows)
    return text


def _flag_formulas(ctx: Context, sheet: Sheet, col: int, text: pa.Array, rows, parents=None) -> None:
    formula = pc.fill_null(pc.starts_with(text, "="), False)
    if pc.any(formula).as_py():
        for i in np.flatnonzero(formula.to_numpy(zero_copy_only=False)):
            row = rows[parents[i]] if parents is not None else rows[i]
            ctx.flag(sheet, row, sheet.headers[col], text[i].as_py(), "formula_text", INFO)


def _list_items(ctx: Context, sheet: Sheet, cols: list[int], fieldname: str, take: np.ndarray | None,
                rows: list[int], ids: pa.Array, actor_ids: pa.Array) -> None:
    """Split a list field's column (or columns, one item each, in their order) into items;
    problems lose their `(n)` severity, partners link to actors."""
    texts = [_column_text(ctx, sheet, col, take, rows) for col in cols]
    col = cols[0]  # flags on the items name the field's first column
    joined = texts[0] if len(texts) == 1 else pc.binary_join_element_wise(*texts, "\n", null_handling="skip")
    items = values.split_column(joined)
    parent = items.column("parent").to_numpy()
    text = items.column("text").combine_chunks()
    severity = linked = None
    if fieldname == "problems":
        text, severity, bad = values.severity_column(text)
        for i in np.flatnonzero(bad):
            ctx.flag(sheet, rows[parent[i]], sheet.headers[col], text[i].as_py(), "severity_range")
    elif fieldname == "partners":
        linked = pa.array(_partners(ctx, sheet, col, text.to_pylist(), [rows[p] for p in parent]), pa.string())
    ctx.records["items"].add_chunk(
        interview_id=ids.take(parent), actor_id=actor_ids.take(parent), field=fieldname,
        position=items.column("position"), text=text, severity=severity, linked_actor_id=linked)


def _partners(ctx: Context, sheet: Sheet, col: int, partners: list[str], rows: list[int]) -> list[str | None]:
    """The actor each partner names, None (and reported) for those not in the project."""
    known: dict[str, str | None] = {}
    found = []
    for partner, r in zip(partners, rows):
        if partner not in known:
            known[partner] = ctx.resolve_actor(sheet, r, sheet.headers[col], None, partner, create=False)
        if known[partner] is None:
            ctx.flag(sheet, r, sheet.headers[col], partner, "partner_unknown", INFO)
        found.append(known[partner])
    return found


def problems(ctx: Context, sheet: Sheet) -> None:
    """One problem per row, with the actor citing it (the long form); other columns are kept."""
    c = {f: sheet.column(f) for f in ("actor", "problem", "severity")}
    others = _other_columns(sheet)
    positions: dict[str, int] = {}
    for row, r in zip(sheet.rows, sheet.row_numbers):
        text = text_cell(ctx, sheet, r, c["problem"], row[c["problem"]])
        who = values.clean_text(row[c["actor"]])
        if text is None:
            ctx.flag(sheet, r, sheet.headers[c["problem"]], None, "no_problem", ERROR)
            continue
        if who is None:
            ctx.flag(sheet, r, sheet.headers[c["actor"]], None, "no_actor", ERROR)
            continue
        actor_id = ctx.resolve_actor(sheet, r, sheet.headers[c["actor"]], who, who)
        if actor_id is None:
            continue
        severity = _parsed(ctx, sheet, r, c["severity"], _get(row, c["severity"]), ctx.scale)
        text, bracketed, problem = values.split_severity(text)
        if problem:
            ctx.flag(sheet, r, sheet.headers[c["problem"]], text, problem)
        positions[actor_id] = positions.get(actor_id, 0) + 1
        ctx.records["items"].add(interview_id=None, actor_id=actor_id, field="problems",
                                 position=positions[actor_id], text=text,
                                 severity=severity if severity is not None else bracketed,
                                 source_sheet=sheet.name, source_row=r)
        _keep_extras(ctx, sheet, "problems", problem_record(actor_id, positions[actor_id]), row, r, others)


def relations(ctx: Context, sheet: Sheet) -> None:
    """One relation per row; a cell naming several actors ("A; B") gives one relation to each."""
    c = {f: sheet.column(f) for f in ("source", "target")}
    readers = _readers(ctx, sheet, ("source", "target"))
    others = _other_columns(sheet)
    for row, r in zip(sheet.rows, sheet.row_numbers):
        ends: list[list[str | None]] = []
        for f in ("source", "target"):
            who = values.clean_text(row[c[f]])
            if who is None:
                ctx.flag(sheet, r, sheet.headers[c[f]], None, "no_actor", ERROR)
                break
            names = ctx.split(who) if any(sep in who for sep in ";\n") else [who]
            ends.append([ctx.resolve_actor(sheet, r, sheet.headers[c[f]], n, n) for n in names])
        if len(ends) < 2:
            continue
        given = _read(ctx, sheet, readers, row, r)
        kind = given["type"]
        for source in ends[0]:
            for target in ends[1]:
                if source is None or target is None:
                    continue
                if source == target:
                    ctx.flag(sheet, r, sheet.headers[c["target"]], row[c["target"]], "self_relation", ERROR)
                    continue
                ctx.records["relations"].add(source=source, target=target, **given)
                _keep_extras(ctx, sheet, "relations", relation_record(source, target, kind), row, r, others)


def actions(ctx: Context, sheet: Sheet) -> None:
    special = ("action_id", "title", "start", "end", "budget", "progress")
    c = {f: sheet.column(f) for f in special}
    readers = _readers(ctx, sheet, special)
    others = _other_columns(sheet)
    fractions = _progress_as_fractions(sheet, c["progress"])
    us = {f: c[f] is not None and values.month_first(sheet.cells(c[f])) for f in ("start", "end")}
    start_date = (lambda v: values.parse_date(v, month_first=True)) if us["start"] else ctx.date
    end_date = (lambda v: values.parse_date(v, end=True, month_first=True)) if us["end"] else values.parse_end_date
    unit = _budget_unit(sheet.headers[c["budget"]]) if c["budget"] is not None else 1
    if unit != 1:
        ctx.flag(sheet, sheet.header_row, sheet.headers[c["budget"]], unit, "budget_unit", INFO)
    seen: dict[str, int] = {}  # action id -> its first Excel row
    for row, r in zip(sheet.rows, sheet.row_numbers):
        title = text_cell(ctx, sheet, r, c["title"], row[c["title"]])
        if title is None:
            ctx.flag(sheet, r, sheet.headers[c["title"]], None, "no_title", ERROR)
            continue
        if name_key(title) in TOTAL_WORDS:
            ctx.flag(sheet, r, sheet.headers[c["title"]], title, "total_row", INFO)
            continue
        action_id = values.clean_text(_get(row, c["action_id"]))
        if action_id is not None:
            if action_id in seen:
                ctx.flag(sheet, r, sheet.headers[c["action_id"]], action_id, "duplicate_id", ERROR,
                         first=seen[action_id], second=r)
                continue
            if action_id in ctx.action_ids:
                ctx.flag(sheet, r, sheet.headers[c["action_id"]], action_id, "action_exists", INFO)
                continue
        action_id = action_id or ctx.action_id_gen.new()
        ctx.action_ids.add(action_id)
        seen[action_id] = r

        def parsed(f: str, parser) -> object:
            return _parsed(ctx, sheet, r, c[f], _get(row, c[f]), parser)

        start, end = parsed("start", start_date), parsed("end", end_date)
        if start and end and end < start:
            ctx.flag(sheet, r, sheet.headers[c["end"]], str(end), "end_before_start", WARNING, start=str(start))
        budget = parsed("budget", values.parse_number)
        budget = budget * unit if budget is not None else None
        if budget is not None and budget < 0:
            ctx.flag(sheet, r, sheet.headers[c["budget"]], budget, "negative_budget")
            budget = None
        progress = parsed("progress", values.parse_number)
        if progress is not None:
            typed_as_number = isinstance(row[c["progress"]], (int, float))  # "50 %" typed as text is 50
            progress = progress * 100 if fractions and typed_as_number and progress <= 1 else progress
            if not 0 <= progress <= 100:
                ctx.flag(sheet, r, sheet.headers[c["progress"]], row[c["progress"]], "progress_range")
                progress = None
        ctx.records["actions"].add(action_id=action_id, title=title, start=start, end=end, budget=budget,
                                   progress=progress, **_read(ctx, sheet, readers, row, r))
        _keep_extras(ctx, sheet, "actions", action_id, row, r, others)


def _budget_unit(header: str) -> float:
    """What a budget header says its figures count in: "Budget (en millions de FCFA)" is 1,000,000."""
    words, raw = name_key(header).split(), header.lower()
    if {"million", "millions", "mio"} & set(words) or re.search(r"\(\s*m(?![a-z])", raw):
        return 1e6
    if {"milliers", "millier", "thousands", "keur", "kusd"} & set(words) or re.search(r"\(\s*(?:k(?![a-z])|000)", raw):
        return 1e3
    return 1


def _progress_as_fractions(sheet: Sheet, col: int | None) -> bool:
    """True when every progress number is between 0 and 1: Excel percentage cells (50 % is 0.5,
    100 % is 1). Text such as "50 %" does not count; it is read as it is written."""
    if col is None:
        return False
    numbers = [v for v in (row[col] for row in sheet.rows) if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if any(0 < v < 1 for v in numbers):  # 0.5 is 50 %: nobody reports half a percent of progress
        return True
    return bool(numbers) and all(0 <= v <= 1 for v in numbers) and any(v > 0 for v in numbers)


def objectives(ctx: Context, sheet: Sheet) -> None:
    """One objective per row; its id is kept (a new one given when it has none); an objective the project
    holds already (same id, or same wording) is left as it is."""
    c = {f: sheet.column(f) for f in ("objective_id", "objective")}
    readers = _readers(ctx, sheet, ("objective_id", "objective"))
    ids = Ids("OBJ", set(ctx.objectives.values()))
    seen: dict[str, int] = {}
    for row, r in zip(sheet.rows, sheet.row_numbers):
        text = text_cell(ctx, sheet, r, c["objective"], row[c["objective"]])
        if text is None:
            ctx.flag(sheet, r, sheet.headers[c["objective"]], None, "no_objective", ERROR)
            continue
        objective_id = values.clean_text(_get(row, c["objective_id"]))
        if objective_id is not None and objective_id in seen:
            ctx.flag(sheet, r, sheet.headers[c["objective_id"]], objective_id, "duplicate_id", ERROR,
                     first=seen[objective_id], second=r)
            continue
        if (objective_id is not None and objective_id in ctx.objectives.values()) or \
                ("t:" + name_key(text)) in ctx.objectives:
            ctx.flag(sheet, r, sheet.headers[c["objective"]], text, "objective_exists", INFO)
            continue
        objective_id = objective_id or ids.new()
        ids.taken.add(objective_id)
        seen[objective_id] = r
        ctx.objectives["i:" + objective_id.casefold()] = objective_id
        ctx.objectives["t:" + name_key(text)] = objective_id
        ctx.records["objectives"].add(objective_id=objective_id, objective=text, origin="sheet",
                                      **_read(ctx, sheet, readers, row, r))


VALIDATORS = {"actors": actors, "interviews": interviews, "problems": problems, "relations": relations,
              "actions": actions, "objectives": objectives}
