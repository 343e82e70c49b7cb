"""Remarks on the input, each located (file, sheet, Excel row, column): what an import reports."""
from __future__ import annotations

from dataclasses import dataclass, field

from clusterlab.i18n import t

ERROR, WARNING, INFO = "error", "warning", "info"


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
