"""The rows an import writes, gathered per store table before they are inserted: the columns and
types of each buffer are those `schema.py` gives the table's IMPORT columns."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from clusterlab import schema

SINK_ROWS = 122_880  # DuckDB's row group: what `Records` hands to its sink at once

# The Arrow type of each store type.
ARROW = {schema.VARCHAR: pa.string(), schema.BOOLEAN: pa.bool_(), schema.TINYINT: pa.int8(),
         schema.INTEGER: pa.int32(), schema.BIGINT: pa.int64(), schema.DOUBLE: pa.float64(),
         schema.DATE: pa.date32(), schema.TIMESTAMP: pa.timestamp("us")}


class Records:
    """Rows for one store table: added one at a time, or as whole Arrow tables (`chunks`).

    With a `sink`, chunks are handed to it as soon as they fill a DuckDB row group, so that the
    importer writes them while the next columns are validated."""

    def __init__(self, types: dict[str, pa.DataType]) -> None:
        self.types = types  # column name: its Arrow type, in the store's order
        self.columns = tuple(types)
        self.data: dict[str, list] = {c: [] for c in self.columns}
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
                v = pa.nulls(n, self.types[c]) if v is None else pa.array([v] * n)
            table[c] = pc.cast(v, self.types[c])
        self.chunks.append(pa.table(table))
        held = sum(t.num_rows for t in self.chunks)
        if self.sink is not None and held >= SINK_ROWS:
            rows, full = pa.concat_tables(self.chunks), held - held % SINK_ROWS  # whole row groups only
            self.chunks = [rows.slice(full)]
            self.sunk += full
            self.sink(rows.slice(0, full))

    def to_arrow(self) -> pa.Table:
        """Every row not yet handed to the sink, as one Arrow table typed for the store."""
        rows = pa.table({c: pa.array(self.data[c], type=self.types[c]) for c in self.columns})
        return pa.concat_tables([rows, *self.chunks]) if self.chunks else rows

    def __len__(self) -> int:
        return len(self.data[self.columns[0]]) + sum(t.num_rows for t in self.chunks) + self.sunk


def new_records() -> dict[str, Records]:
    """An empty buffer for each table an import writes, in the order of their declaration."""
    return {t.name: Records({c.name: ARROW[c.type] for c in t.columns if schema.IMPORT in c.roles})
            for t in schema.TABLES if t.having(schema.IMPORT)}


def problem_record(actor_id: str, position: int) -> str:
    """The key a long-form problem's other columns are kept under (extra_fields.record_id)."""
    return f"{actor_id}#{position}"


def relation_record(source: str, target: str, kind: str | None) -> str:
    """The key a relation's other columns are kept under (extra_fields.record_id)."""
    return f"{source}>{target}>{kind or ''}"
