"""Reading MACTOR's matrix sheets: `Influences`/`MID` (actors × actors, 0–4) and `Positions`/`MAO` (actors ×
objectives, −4…+4), actors down the first column and across (or objectives across) the header row, by id or name.

Every wrong cell is flagged where Excel shows it (row number, column letter) and left out; the rest loads:
a value out of range or a text, an unknown actor or objective (its row or column left out), an actor listed
twice (the second left out), a MID whose rows and columns do not list the same actors. A sheet with no usable
cell is refused whole, with a message. Total rows and columns (`Total`, `Influence`, `Dépendance`) are skipped."""
from __future__ import annotations

from clusterlab import values
from clusterlab.flags import ERROR, INFO, WARNING
from clusterlab.mactor import MAO_RANGE, MID_RANGE
from clusterlab.reader import Matrix
from clusterlab.text import name_key
from clusterlab.validate import TOTAL_WORDS, Context

HEADER_SCAN_ROWS = 30
TOTAL_LABELS = TOTAL_WORDS | {"influence", "influences", "dependance", "dependence", "dependances", "mi", "di",
                              "ii", "somme des influences", "somme des dependances", "total influence",
                              "total dependance", "mobilisation"}
MINUS_SIGNS = str.maketrans({"−": "-", "–": "-", "—": "-", ",": "."})


def letter(index: int) -> str:
    """The Excel letter of a column index (0 is A)."""
    out, index = "", index + 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _label(value: object) -> str | None:
    if _empty(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return values.clean_text(str(value))


def _number(value: object) -> float | None:
    """A cell's number: a number, or a text that is one (`+2`, `−3`, `2,0`); None for other text."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip().translate(MINUS_SIGNS))
    except ValueError:
        return None


def _header_index(rows: list[list[object]]) -> int | None:
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if sum(not _empty(c) for c in row[1:]) >= 1 and any(
                not _empty(r[0] if r else None) for r in rows[index + 1:index + 2]):
            return index
    return None


def read(ctx: Context, matrix: Matrix) -> list[tuple[str, str, int, str]]:
    """Flag the sheet's wrong cells; its good ones as (row actor, column actor or objective, value, where)."""
    def flag(row: int | None, col: int | None, value: object, key: str, level: str = WARNING, **params) -> None:
        ctx.flag(matrix, row, letter(col) if col is not None else None, value, key, level, **params)

    bounds = MID_RANGE if matrix.kind == "influences" else MAO_RANGE
    rows = matrix.rows
    top = _header_index(rows)
    if top is None:
        return []  # no header row (an emptied sheet): no usable cell, said by `load`
    header = rows[top]

    def across(col: int, label: str) -> str | None:
        if matrix.kind == "influences":
            return ctx.actors.link(label, label, create=False).actor_id
        return ctx.objectives.get("i:" + label.casefold()) or ctx.objectives.get("t:" + name_key(label))

    columns: dict[int, str] = {}
    seen_across: dict[str, int] = {}
    for col in range(1, len(header)):
        label = _label(header[col])
        if label is None:
            continue
        if name_key(label) in TOTAL_LABELS:
            continue
        found = across(col, label)
        if found is None:
            flag(top + 1, col, label, "matrix_unknown_actor" if matrix.kind == "influences"
                 else "matrix_unknown_objective", ERROR)
        elif found in seen_across:
            flag(top + 1, col, label, "matrix_listed_twice", ERROR, first=letter(seen_across[found]))
        else:
            seen_across[found] = col
            columns[col] = found
    down: dict[int, str] = {}
    seen_down: dict[str, int] = {}
    for index in range(top + 1, len(rows)):
        row = rows[index]
        label = _label(row[0] if row else None)
        if label is None:
            if any(not _empty(c) for c in row[1:]):
                flag(index + 1, 0, None, "matrix_no_actor", ERROR)
            continue
        if name_key(label) in TOTAL_LABELS:
            continue
        found = ctx.actors.link(label, label, create=False).actor_id
        if found is None:
            flag(index + 1, 0, label, "matrix_unknown_actor", ERROR)
        elif found in seen_down:
            flag(index + 1, 0, label, "matrix_listed_twice", ERROR, first=seen_down[found] + 1)
        else:
            seen_down[found] = index
            down[index] = found
    if matrix.kind == "influences" and set(seen_down) != set(seen_across) and seen_down and seen_across:
        names = sorted(ctx.actors.names.get(a, a) for a in set(seen_down) ^ set(seen_across))
        flag(top + 1, None, matrix.name, "matrix_not_square", WARNING, actors=", ".join(names))
    cells: list[tuple[str, str, int, str]] = []
    for index, actor in down.items():
        row = rows[index]
        for col, other in columns.items():
            raw = row[col] if col < len(row) else None
            if _empty(raw):
                continue
            if matrix.kind == "influences" and actor == other:
                continue  # the diagonal: an actor's influence on itself is not counted
            number = _number(raw)
            if number is None:
                flag(index + 1, col, raw, "matrix_text", WARNING)
                continue
            if not number.is_integer() or not bounds[0] <= number <= bounds[1]:
                flag(index + 1, col, raw, "matrix_range", WARNING, minimum=bounds[0], maximum=bounds[1])
                continue
            cells.append((actor, other, int(number), f"{matrix.name}!{letter(col)}{index + 1}"))
    return cells


CELLS = {"influences": ("from_actor_id", "to_actor_id"), "positions": ("actor_id", "objective_id")}


def carried(state: list, kind: str) -> dict[tuple[str, str], int]:
    """What a project workbook's hidden sheet says each cell of a matrix holds: its confirmed value, else its
    proposed one."""
    a, b = CELLS[kind]
    held: dict[tuple[str, str], tuple[int, int]] = {}
    for row in state:
        if row.table != kind:
            continue
        record = row.record
        rank = 0 if record.get("source") == "confirmed" else 1
        key = (record.get(a), record.get(b))
        if key not in held or rank < held[key][1]:
            held[key] = (record.get("value"), rank)
    return {key: value for key, (value, _) in held.items()}


def load(ctx: Context, matrix: Matrix, held: dict[tuple[str, str], int]) -> list[tuple]:
    """The cells of a matrix sheet to write: all its good ones; in a project workbook (`held`, what its hidden sheet
    carries of the matrix), only those changed by hand. A sheet with no usable cell is refused, said at its name; in
    a project workbook the hidden sheet's cells come back all the same, and the message says so."""
    cells = read(ctx, matrix)
    if not cells:
        key, level = ("matrix_unusable_from_state", WARNING) if held else ("matrix_unusable", ERROR)
        ctx.flag(matrix, None, None, matrix.name, key, level)
        return []
    return edits(ctx, matrix, cells, held) if held else cells


def edits(ctx: Context, matrix: Matrix, cells: list[tuple], held: dict[tuple[str, str], int]) -> list[tuple]:
    """The cells of a project workbook's matrix sheet changed by hand since it was written (the hidden sheet
    carries the rest, with their sources): only those load, as confirmed cells."""
    changed = [c for c in cells if held.get((c[0], c[1])) != c[2]]
    ctx.flag(matrix, None, None, matrix.name, "matrix_from_state", INFO, n=len(changed))
    return changed


def write(cur, pid: int, batch_id: int, kind: str, cells: list[tuple]) -> int:
    """Insert a matrix sheet's cells as confirmed ones of the import's batch (within its transaction), after the
    hidden sheet's: they stand over what it restored."""
    if not cells:
        return 0
    a, b = CELLS[kind]
    cur.executemany(f"INSERT INTO {kind} (project_id, {a}, {b}, value, source, evidence, batch_id) "
                    "VALUES (?, ?, ?, ?, 'confirmed', ?, ?)",
                    [[pid, x, y, value, where, batch_id] for x, y, value, where in cells])
    return len(cells)
