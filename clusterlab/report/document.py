"""What a report is made of, whatever it is written to: chapters of paragraphs, tables and figures."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date

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
    key: str = ""  # which chapter of the method it is (build.CHAPTERS), to choose chapters by

    def add(self, *blocks: Block | None) -> Chapter:
        self.blocks.extend(b for b in blocks if b is not None)
        return self


@dataclass(frozen=True)
class Stamp:
    """What the report was written from: the project, the day, the data fingerprint (fingerprint.py: the
    imported files, the settings, the records) and the app's version."""

    project: str
    written: date
    fingerprint: str  # short
    sha256: str  # the whole fingerprint
    parts: dict[str, str]  # files, settings, records: each part, short
    files: int  # how many imported files are loaded
    version: str


@dataclass
class Document:
    title: str
    subtitle: str
    lang: str
    chapters: list[Chapter]
    annexes: list[Chapter]
    stamp: Stamp | None = None

    def keys(self) -> list[str]:
        """The keys of its chapters and annexes, in order."""
        return [c.key for c in self.chapters + self.annexes]

    def only(self, keys: Collection[str]) -> Document:
        """The same document with only the chapters and annexes of `keys` (the cover and stamp kept)."""
        return replace(self, chapters=[c for c in self.chapters if c.key in keys],
                       annexes=[c for c in self.annexes if c.key in keys])

    def tables(self) -> dict[str, Table]:
        """Every keyed table of the document, by key."""
        return {b.key: b for c in self.chapters + self.annexes for b in c.blocks if isinstance(b, Table) and b.key}
