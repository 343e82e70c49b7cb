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
from clusterlab.contract import LIST_FIELDS
from clusterlab.reader import IGNORE, OTHER, Sheet
from clusterlab.text import acronyms, loose_key, name_key

MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
SINK_ROWS = 122_880  # DuckDB's row group: what `Records` hands to its sink at once

ERROR, WARNING, INFO = "error", "warning", "info"
TOTAL_WORDS = frozenset({"total", "totaux", "total general", "sous total", "grand total", "somme", "sum"})

# Store column types for the Arrow tables an import inserts; every other column is text.
ARROW_TYPES = {
    "latitude": pa.float64(), "longitude": pa.float64(), "size": pa.int64(), "influence": pa.int8(),
    "interest": pa.int8(), "date": pa.date32(), "willingness": pa.int8(), "capacity_to_participate": pa.int8(),
    "source_row": pa.int32(), "position": pa.int32(), "severity": pa.int8(), "strength": pa.int8(),
    "start": pa.date32(), "end": pa.date32(), "budget": pa.float64(), "progress": pa.float64(),
    "indicator_target": pa.float64(), "indicator_value": pa.float64(),
}


@dataclass
class Flag:
    """One located remark on the input: the row is left out (error), a cell is left empty or cut, or
    a link is in doubt (warning: to check), or something was done the user should know (info)."""

    file: str
    sheet: str
    row: int | None
    column: str | None
    value: object
    key: str
    level: str = WARNING
    params: dict = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        from clusterlab.i18n import t

        return t("flag." + self.key, lang, value=_short(self.value), column=self.column or "", **self.params)

    def as_dict(self, lang: str = "en") -> dict:
        value = self.value if isinstance(self.value, (int, float, str, type(None))) else str(self.value)
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column,
                "value": _short(value),
                "level": self.level, "code": self.key, "message": self.message(lang)}


def _short(value: object, limit: int = 80) -> object:
    """A value as a flag shows it: long text cut, whole floats without `.0`."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and len(value) > limit:
        return value[:limit] + "…"
    return value


class Records:
    """Rows for one store table: added one at a time, or as whole Arrow tables (`chunks`).

    With a `sink`, chunks are handed to it as soon as they fill a DuckDB row group, so that the
    importer writes them while the next columns are validated."""

    def __init__(self, columns: tuple[str, ...]) -> None:
        self.columns = columns
        self.data: dict[str, list] = {c: [] for c in columns}
        self.chunks: list[pa.Table] = []
        self.sink: Callable[[pa.Table], None] | None = None
        self.sunk = 0  # rows handed to the sink

    def add(self, **row: object) -> None:
        for c in self.columns:
            self.data[c].append(row.get(c))

    def add_chunk(self, **columns: object) -> None:
        """Add many rows at once: each column an array, or one value for every row."""
        n = max(len(v) for v in columns.values() if isinstance(v, (pa.Array, pa.ChunkedArray, np.ndarray)))
        table = {}
        for c in self.columns:
            v = columns.get(c)
            if not isinstance(v, (pa.Array, pa.ChunkedArray, np.ndarray)):
                v = pa.nulls(n, ARROW_TYPES.get(c, pa.string())) if v is None else pa.array([v] * n)
            table[c] = pc.cast(v, ARROW_TYPES.get(c, pa.string()))
        self.chunks.append(pa.table(table))
        held = sum(t.num_rows for t in self.chunks)
        if self.sink is not None and held >= SINK_ROWS:
            rows, full = pa.concat_tables(self.chunks), held - held % SINK_ROWS  # whole row groups only
            self.chunks = [rows.slice(full)]
            self.sunk += full
            self.sink(rows.slice(0, full))

    def to_arrow(self) -> pa.Table:
        """Every row not yet handed to the sink, as one Arrow table typed for the store."""
        rows = pa.table({c: pa.array(self.data[c], type=ARROW_TYPES.get(c, pa.string())) for c in self.columns})
        return pa.concat_tables([rows, *self.chunks]) if self.chunks else rows

    def __len__(self) -> int:
        return len(self.data[self.columns[0]]) + sum(t.num_rows for t in self.chunks) + self.sunk


def new_records() -> dict[str, Records]:
    return {
        "actors": Records(("actor_id", "name", "name_key", "category", "stage", "locality", "region", "latitude",
                           "longitude", "size", "influence", "interest", "contact", "created_from")),
        "interviews": Records(("interview_id", "actor_id", "date", "interviewer", "willingness",
                               "capacity_to_participate", "source_file", "source_sheet", "source_row")),
        "items": Records(("interview_id", "actor_id", "field", "position", "text", "severity", "linked_actor_id")),
        "answers": Records(("interview_id", "question", "answer")),
        "relations": Records(("source", "target", "type", "strength")),
        "actions": Records(("action_id", "title", "description", "problem", "phase", "owner", "partners", "start",
                            "end", "budget", "funding_source", "status", "progress", "funding_status", "indicator",
                            "indicator_target", "indicator_value")),
        "extra_fields": Records(("table_name", "record_id", "name", "value")),
    }


def id_key(ref: str) -> str:
    """An id as typed, for comparison: no case, no spaces or dashes, no leading zeros on its number
    (`01` is `1`, `A-004` and `a 4` are `A004`), digits of any script (`٠٧` is `7`), letters of any script."""
    folded = re.sub(r"[\s\-_./]+", "", values.western_digits(ref.strip()).casefold())
    return re.sub(r"(?<![0-9])0+(?=[0-9])", "", folded)


_ID_LIKE = re.compile(r"^\s*[A-Za-z]{0,4}[-_ ]?\d{1,6}\s*$")  # "A1", "A-002", "17": an id, not a name


class Ids:
    """Unused ids with a prefix: A0001, A0002… skipping those taken."""

    def __init__(self, prefix: str, taken: set[str]) -> None:
        self.prefix, self.taken, self.next = prefix, taken, 1

    def new(self) -> str:
        while (candidate := f"{self.prefix}{self.next:04d}") in self.taken:
            self.next += 1
        self.taken.add(candidate)
        return candidate


@dataclass
class Context:
    """What one import knows while it runs: the project's actors and ids, and what it adds."""

    actor_by_id: dict[str, str]  # actor_id -> actor_id (ids as typed)
    actor_by_key: dict[str, str]  # name_key -> actor_id
    interview_ids: set[str]
    action_ids: set[str]
    records: dict[str, Records] = field(default_factory=new_records)
    flags: list[Flag] = field(default_factory=list)
    created_actors: list[str] = field(default_factory=list)
    referenced: set[str] = field(default_factory=set)  # actors created from a mention, not yet listed
    actor_names: dict[str, str] = field(default_factory=dict)  # actor_id -> name
    actor_attributes: dict[str, dict] = field(default_factory=dict)  # actor_id -> what the project holds of it
    interview_rows: dict[tuple, tuple] = field(default_factory=dict)  # (actor, date, sheet, row) -> (id, file)
    completions: list[tuple[str, dict]] = field(default_factory=list)  # (actor, attributes a list gives it)

    def __post_init__(self) -> None:
        self.actor_ids = Ids("A", set(self.actor_by_id))
        self.interview_id_gen = Ids("I", self.interview_ids)
        self.action_id_gen = Ids("ACT", self.action_ids)
        self._keys: dict[str, str] = {}
        self._ids_folded = {id_key(a): a for a in self.actor_by_id}  # `a001` finds `A001`, `01` finds `1`
        self._loose: dict[str, str | None] | None = None  # loose_key and acronyms -> actor (None: ambiguous)
        self._loose_size = 0
        self._splits: dict[object, list[str]] = {}
        self._scales: dict[object, tuple] = {}
        self._dates: dict[object, tuple] = {}

    # -- small cached helpers ------------------------------------------------
    def key(self, name: str) -> str:
        k = self._keys.get(name)
        if k is None:
            k = self._keys[name] = name_key(name)
        return k

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
    def loosely(self, name: str) -> str | None:
        """The one actor a name stands for once legal forms, brackets and abbreviations are set
        aside, or that it abbreviates (`BNA`); None when there is none, or more than one."""
        if self._loose is None or self._loose_size != len(self.actor_names):
            self._loose, self._loose_size = {}, len(self.actor_names)
            for actor_id, listed in self.actor_names.items():
                for k in {loose_key(listed), *acronyms(listed)} - {""}:
                    self._loose[k] = actor_id if self._loose.get(k, actor_id) == actor_id else None
        return self._loose.get(loose_key(name))

    def by_id(self, ref: str) -> str | None:
        """The actor whose id this is, whatever its case or leading zeros (`a001`, `01`)."""
        return ref if ref in self.actor_by_id else self._ids_folded.get(id_key(ref))

    def resolve_actor(self, sheet: Sheet, row: int, column: str, ref_id: str | None, name: str | None,
                      create: bool = True, id_column: str | None = None) -> str | None:
        """The actor an id or a name stands for; an unknown name creates the actor (reported).

        When a row's id and name point at two different actors, the name wins and the row is
        flagged: grids often number their rows in a column headed "ID"."""
        same_cell = ref_id is not None and ref_id == name
        found_by_id = self.by_id(ref_id) if ref_id is not None else None
        found_by_name = None
        if name is not None:
            found_by_name = self.actor_by_key.get(self.key(name)) or (None if same_cell else self.by_id(name))
        if found_by_id and found_by_name and found_by_id != found_by_name and not same_cell:
            if self.key(self.actor_names.get(found_by_id, "")) == self.key(name):
                return found_by_id  # two actors of the same name: the id tells them apart
            self.flag(sheet, row, id_column or column, ref_id, "id_name_conflict", WARNING, name=name,
                      listed=self.actor_names.get(found_by_id, found_by_id))
            return found_by_name
        if found_by_name and ref_id is not None and not found_by_id and not same_cell:
            self.flag(sheet, row, id_column or column, ref_id, "id_unknown_name_used", INFO, name=name)
        if found_by_id or found_by_name:
            return found_by_id or found_by_name
        if name is None and ref_id is not None and self.key(ref_id) in self.actor_by_key:
            return self.actor_by_key[self.key(ref_id)]  # an id column holding a name
        if name is not None and (loose := self.loosely(name)):
            self.flag(sheet, row, column, name, "linked_loosely", INFO, listed=self.actor_names.get(loose, loose))
            return loose
        if not create:
            return None
        if name is None or (same_cell and _ID_LIKE.match(name)):
            self.flag(sheet, row, id_column or column, ref_id, "unknown_actor_id", ERROR)
            return None
        if not self.key(name):
            self.flag(sheet, row, column, name, "no_actor", ERROR)
            return None
        usable = ref_id is not None and not same_cell and ref_id not in self.actor_ids.taken
        actor_id = ref_id if usable else self.actor_ids.new()
        self.actor_ids.taken.add(actor_id)
        self.add_actor(actor_id, name, created_from="reference")
        self.created_actors.append(name)
        self.flag(sheet, row, column, name, "actor_created", INFO, actor_id=actor_id)
        return actor_id

    def add_actor(self, actor_id: str, name: str, created_from: str = "list", **attrs: object) -> None:
        self.actor_by_id[actor_id] = actor_id
        self.actor_names[actor_id] = name
        self.actor_attributes[actor_id] = {f: attrs.get(f) for f in ACTOR_ATTRIBUTES}
        self._ids_folded.setdefault(id_key(actor_id), actor_id)
        self.actor_by_key.setdefault(self.key(name), actor_id)
        self.records["actors"].add(actor_id=actor_id, name=name, name_key=self.key(name),
                                   created_from=created_from, **attrs)


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


# -- one function per table ----------------------------------------------------------

def actors(ctx: Context, sheet: Sheet) -> None:
    c = {f: sheet.column(f) for f in ("actor_id", "name", "category", "stage", "locality", "region", "latitude",
                                       "longitude", "size", "influence", "interest", "contact")}
    others = _other_columns(sheet)
    seen_ids: dict[str, int] = {}  # id as typed, digits of any script alike (DU-٠٠٧ is DU-007) -> its first row
    seen_keys: set[str] = set()
    for row, r in zip(sheet.rows, sheet.row_numbers):
        name = text_cell(ctx, sheet, r, c["name"], row[c["name"]])
        ref = values.clean_text(_get(row, c["actor_id"]))
        if name is None or not ctx.key(name):
            ctx.flag(sheet, r, sheet.headers[c["name"]], name, "no_name", ERROR)
            continue
        key = ctx.key(name)
        if ref is not None and values.western_digits(ref) in seen_ids:
            ctx.flag(sheet, r, sheet.headers[c["actor_id"]], ref, "duplicate_id", ERROR,
                     first=seen_ids[values.western_digits(ref)], second=r)
            continue
        if ref is None and key in seen_keys:
            ctx.flag(sheet, r, sheet.headers[c["name"]], name, "duplicate_name", ERROR)
            continue
        existing = ref if ref is not None and ref in ctx.actor_by_id else ctx.actor_by_key.get(key)
        attributes = _actor_attributes(ctx, sheet, c, row, r)
        if existing is not None and ref is not None and existing != ref and _elsewhere(ctx, existing, attributes):
            ctx.flag(sheet, r, sheet.headers[c["name"]], name, "homonym", WARNING)
            existing = None  # another cooperative of the same name, in another place, under its own ID
        if existing is not None:
            seen_ids.setdefault(values.western_digits(existing), r)
            seen_keys.add(key)
            if existing in ctx.referenced:  # created from a mention: the list completes it
                ctx.referenced.discard(existing)
                ctx.completions.append((existing, attributes))
                ctx.flag(sheet, r, sheet.headers[c["name"]], name, "actor_completed", INFO, actor_id=existing)
                _keep_extras(ctx, sheet, "actors", existing, row, r, others)
            else:
                ctx.flag(sheet, r, sheet.headers[c["name"]], name, "actor_exists", INFO, actor_id=existing)
                _flag_differences(ctx, sheet, r, c, name, existing, attributes)
            continue
        if ref is None:
            ref = ctx.actor_ids.new()
        ctx.actor_ids.taken.add(ref)
        seen_ids.setdefault(values.western_digits(ref), r)
        seen_keys.add(key)
        ctx.add_actor(ref, name, **attributes)
        _keep_extras(ctx, sheet, "actors", ref, row, r, others)


def _elsewhere(ctx: Context, actor_id: str, attributes: dict) -> bool:
    """True when a row gives a region or locality other than the one the actor has."""
    held = ctx.actor_attributes.get(actor_id, {})
    return any(attributes.get(f) and held.get(f) and name_key(attributes[f]) != name_key(held[f])
               for f in ("region", "locality"))


def _flag_differences(ctx: Context, sheet: Sheet, r: int, c: dict, name: str, actor_id: str, given: dict) -> None:
    """An actor-list row that says otherwise than the project of an actor it already holds."""
    held = ctx.actor_attributes.get(actor_id, {})
    changes = [f"{f}: {held[f]} → {v}" for f, v in given.items() if v is not None and held.get(f) is not None
               and str(held[f]) != str(v)]
    if changes:
        ctx.flag(sheet, r, sheet.headers[c["name"]], name, "actor_differs", WARNING, changes="; ".join(changes))


ACTOR_ATTRIBUTES = ("category", "stage", "locality", "region", "contact", "latitude", "longitude", "size",
                    "influence", "interest")


def _actor_attributes(ctx: Context, sheet: Sheet, c: dict, row: list, r: int) -> dict[str, object]:
    """The attributes an actor-list row gives, each cell checked (and flagged) by its parser."""

    def text(f: str) -> str | None:
        return text_cell(ctx, sheet, r, c[f], row[c[f]]) if c[f] is not None else None

    def parsed(f: str, parser) -> object:
        return _parsed(ctx, sheet, r, c[f], _get(row, c[f]), parser)

    return dict(
        category=text("category"), stage=text("stage"), locality=text("locality"), region=text("region"),
        contact=text("contact"),
        latitude=parsed("latitude", lambda v: values.parse_bounded(v, -90, 90, "latitude_range")),
        longitude=parsed("longitude", lambda v: values.parse_bounded(v, -180, 180, "longitude_range")),
        size=parsed("size", values.parse_count),
        influence=parsed("influence", ctx.scale), interest=parsed("interest", ctx.scale))


def interviews(ctx: Context, sheet: Sheet) -> None:
    """One interview per row. The grid is handled a column at a time, as Arrow arrays: only the
    identity of each row (interview id, actor) is decided row by row."""
    c = {f: sheet.column(f) for f in ("interview_id", "actor_id", "name", "date", "interviewer", "willingness",
                                       "capacity_to_participate")}
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
    us_dates = c["date"] is not None and values.month_first(sheet.cells(c["date"]))
    dates = _parsed_column(ctx, sheet, c["date"], kept,
                           (lambda v: values.parse_date(v, month_first=True)) if us_dates else ctx.date, pa.date32())
    if ctx.interview_rows:
        _flag_interviews_again(ctx, sheet, actor_ids, dates, rows)
    ctx.records["interviews"].add_chunk(
        interview_id=ids, actor_id=actors_,
        date=dates,
        interviewer=_column_text(ctx, sheet, c["interviewer"], take, rows) if c["interviewer"] is not None else None,
        willingness=_parsed_column(ctx, sheet, c["willingness"], kept, ctx.scale, pa.int8()),
        capacity_to_participate=_parsed_column(ctx, sheet, c["capacity_to_participate"], kept, ctx.scale, pa.int8()),
        source_file=sheet.file, source_sheet=sheet.name, source_row=pa.array(rows, pa.int32()))
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


def problem_record(actor_id: str, position: int) -> str:
    """The key a long-form problem's other columns are kept under (extra_fields.record_id)."""
    return f"{actor_id}#{position}"


def relation_record(source: str, target: str, kind: str | None) -> str:
    """The key a relation's other columns are kept under (extra_fields.record_id)."""
    return f"{source}>{target}>{kind or ''}"


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
                                 severity=severity if severity is not None else bracketed)
        _keep_extras(ctx, sheet, "problems", problem_record(actor_id, positions[actor_id]), row, r, others)


def relations(ctx: Context, sheet: Sheet) -> None:
    """One relation per row; a cell naming several actors ("A; B") gives one relation to each."""
    c = {f: sheet.column(f) for f in ("source", "target", "type", "strength")}
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
        kind = text_cell(ctx, sheet, r, c["type"], row[c["type"]]) if c["type"] is not None else None
        strength = _parsed(ctx, sheet, r, c["strength"], _get(row, c["strength"]), ctx.scale)
        for source in ends[0]:
            for target in ends[1]:
                if source is None or target is None:
                    continue
                if source == target:
                    ctx.flag(sheet, r, sheet.headers[c["target"]], row[c["target"]], "self_relation", ERROR)
                    continue
                ctx.records["relations"].add(source=source, target=target, type=kind, strength=strength)
                _keep_extras(ctx, sheet, "relations", relation_record(source, target, kind), row, r, others)


def actions(ctx: Context, sheet: Sheet) -> None:
    c = {f: sheet.column(f) for f in ("action_id", "title", "description", "problem", "phase", "owner", "partners",
                                       "start", "end", "budget", "funding_source", "status", "progress",
                                       "funding_status", "indicator", "indicator_target", "indicator_value")}
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

        def text(f: str) -> str | None:
            return text_cell(ctx, sheet, r, c[f], row[c[f]]) if c[f] is not None else None

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
        ctx.records["actions"].add(
            action_id=action_id, title=title, description=text("description"), problem=text("problem"),
            phase=parsed("phase", values.parse_phase), owner=text("owner"), partners=text("partners"),
            start=start, end=end, budget=budget, funding_source=text("funding_source"), status=text("status"),
            progress=progress, funding_status=text("funding_status"), indicator=text("indicator"),
            indicator_target=parsed("indicator_target", values.parse_number),
            indicator_value=parsed("indicator_value", values.parse_number))
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


VALIDATORS = {"actors": actors, "interviews": interviews, "problems": problems, "relations": relations,
              "actions": actions}


def apply_mapping(sheet: Sheet, mapping: list[str]) -> None:
    """Use the user's mapping for a sheet: a field, OTHER or IGNORE per column."""
    if len(mapping) != len(sheet.headers):
        return
    sheet.mapping = list(mapping)
    keep = [i for i, m in enumerate(mapping) if m != IGNORE]
    if len(keep) != len(mapping):
        sheet.headers = [sheet.headers[i] for i in keep]
        sheet.mapping = [sheet.mapping[i] for i in keep]
        sheet.rows = [[row[i] for i in keep] for row in sheet.rows]
        sheet._columns = None
