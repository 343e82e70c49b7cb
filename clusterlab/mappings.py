"""Column mappings the user chose on the import page, remembered for the next file with the same headers."""
from __future__ import annotations

import json

import duckdb

from clusterlab import store
from clusterlab.contract import TABLES
from clusterlab.reader import IGNORE, OTHER, Sheet
from clusterlab.roles import Identity


def choices(table: str) -> list[str]:
    """What a column of a `table` sheet may be mapped to."""
    return [*TABLES[table].field_names, OTHER, IGNORE]


def saved(con: duckdb.DuckDBPyConnection, sheet: Sheet) -> list[str] | None:
    row = con.execute("SELECT mapping FROM column_mappings WHERE headers_key = ?", [sheet.headers_key]).fetchone()
    if not row:
        return None
    mapping = json.loads(row[0])
    allowed = set(choices(sheet.table))
    return mapping if len(mapping) == len(sheet.headers) and set(mapping) <= allowed else None


def save(con: duckdb.DuckDBPyConnection, sheet: Sheet, mapping: list[str], who: Identity | str | None = None) -> None:
    """Remember `mapping` for this layout of headers (store-wide: the analyst's, as the import is), recorded as
    `mapping.save`."""
    with store.transaction(con, None, "mapping.save", {"table": sheet.table, "headers": len(sheet.headers),
                                                       "mapping": mapping}, who) as cur:
        cur.execute("INSERT OR REPLACE INTO column_mappings (headers_key, table_name, mapping, saved_at) "
                    "VALUES (?, ?, ?, current_timestamp)", [sheet.headers_key, sheet.table, json.dumps(mapping)])


def problems(sheet_table: str, mapping: list[str]) -> list[str]:
    """Message keys for a mapping that cannot be used: a required field missing, a field twice."""
    table = TABLES[sheet_table]
    found = [m for m in mapping if m not in (OTHER, IGNORE)]
    out = []
    for group in table.required:
        if not any(f in found for f in group):
            out.append("mapping.missing:" + " | ".join(group))
    for f in sorted({f for f in found if found.count(f) > 1 and table.field(f).kind != "list"}):
        out.append("mapping.twice:" + f)  # a list field may take several columns: "Force 1 | Force 2"
    return out


def apply_saved(con: duckdb.DuckDBPyConnection, sheet: Sheet) -> bool:
    """Use the remembered mapping for this layout of headers, if any; True when one was applied."""
    mapping = saved(con, sheet)
    if mapping is None or problems(sheet.table, mapping):
        return False
    sheet.apply_mapping(mapping)
    return True
