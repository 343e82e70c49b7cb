"""What a report is made of, whatever it is written to: chapters of paragraphs, tables and figures."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"  # body, note, quote


@dataclass(frozen=True)
class Table:
    """A table as the reader sees it: every cell already written out for the report's language. `key` names
    the analysis view it shows (e.g. "problem_ranking"), so that a test can find it in the written file."""

    title: str
    frame: pd.DataFrame
    source: str
    key: str = ""


@dataclass(frozen=True)
class Figure:
    title: str
    png: bytes
    source: str
    width_cm: float = 16.0


Block = Paragraph | Table | Figure


@dataclass
class Chapter:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block | None) -> Chapter:
        self.blocks.extend(b for b in blocks if b is not None)
        return self


@dataclass
class Document:
    title: str
    subtitle: str
    lang: str
    chapters: list[Chapter]
    annexes: list[Chapter]

    def tables(self) -> dict[str, Table]:
        """Every keyed table of the document, by key."""
        return {b.key: b for c in self.chapters + self.annexes for b in c.blocks if isinstance(b, Table) and b.key}
