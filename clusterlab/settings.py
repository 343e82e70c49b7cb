"""The analysis settings of a project, declared once: each with its default, its bounds and its help.

Pages, the command line (`python -m clusterlab settings`), the CSV exports and the project workbook
all read them through `read` and change them through `save`, so they can never disagree. Keys are
`section.name`; the label and help of a setting are the catalogue keys `setting.<key>` and
`setting.<key>.help`. To add a setting: declare it in SETTINGS, add its two catalogue entries."""
from __future__ import annotations

import json
from dataclasses import dataclass

import duckdb
import pandas as pd

from clusterlab import store
from clusterlab.errors import InvalidInput
from clusterlab.text import name_key

CENTRALITIES = ("degree", "betweenness", "closeness", "eigenvector")


class InvalidSetting(InvalidInput):
    """A setting that does not exist, or a value outside what it accepts: nothing is saved."""


@dataclass(frozen=True)
class Setting:
    key: str
    default: float | int | str | bool
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(".", 1)[1]

    def check(self, value: object) -> float | int | str | bool:
        """The value in the setting's own type, or InvalidSetting saying why not."""
        kind = type(self.default)
        try:
            if kind is bool:
                value = _boolean(value)
            elif kind is int:
                number = float(str(value).strip().replace(",", ".")) if isinstance(value, str) else float(value)
                if not number.is_integer():
                    raise ValueError(value)
                value = int(number)
            elif kind is float:
                value = float(str(value).strip().replace(",", ".")) if isinstance(value, str) else float(value)
                if value != value:  # NaN
                    raise ValueError(value)
            else:
                value = str(value).strip()
        except (TypeError, ValueError):
            raise InvalidSetting("settings.bad_type", setting=self.key, value=value, kind=kind.__name__) from None
        if self.choices and value not in self.choices:
            raise InvalidSetting("settings.bad_choice", setting=self.key, value=value, choices=", ".join(self.choices))
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            raise InvalidSetting("settings.out_of_range", setting=self.key, value=value, minimum=self.minimum,
                                 maximum=self.maximum)
        return value


def _boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    words = {"true": True, "yes": True, "oui": True, "1": True, "false": False, "no": False, "non": False, "0": False}
    text = str(value).strip().lower()
    if text not in words:
        raise ValueError(value)
    return words[text]


LEADER_COMPONENTS = ("influence", "interest", "centrality", "size", "willingness", "capacity_to_participate")
PROBLEM_WEIGHTS = ("actors", "severity", "breadth", "leaders")

SETTINGS: tuple[Setting, ...] = (
    # the leader score: the weight of each component, the threshold, the centrality it uses
    Setting("leaders.weight_influence", 0.25, 0.0, 1.0),
    Setting("leaders.weight_interest", 0.15, 0.0, 1.0),
    Setting("leaders.weight_centrality", 0.20, 0.0, 1.0),
    Setting("leaders.weight_size", 0.10, 0.0, 1.0),
    Setting("leaders.weight_willingness", 0.15, 0.0, 1.0),
    Setting("leaders.weight_capacity_to_participate", 0.15, 0.0, 1.0),
    Setting("leaders.threshold", 0.6, 0.0, 1.0),
    Setting("leaders.centrality", "betweenness", choices=CENTRALITIES),
    # below this share of the weights known, the score declares no leader ("not enough data")
    Setting("leaders.min_completeness", 0.6, 0.0, 1.0),
    # the influence × interest grid's split points
    Setting("grid.split_influence", 3.5, 1.0, 5.0),
    Setting("grid.split_interest", 3.5, 1.0, 5.0),
    # common problems: cited by at least k actors across at least m stages; the weighted score's weights
    Setting("problems.k", 3, 1, 1000),
    Setting("problems.m", 2, 1, 7),
    Setting("problems.weight_actors", 0.35, 0.0, 1.0),
    Setting("problems.weight_severity", 0.25, 0.0, 1.0),
    Setting("problems.weight_breadth", 0.20, 0.0, 1.0),
    Setting("problems.weight_leaders", 0.20, 0.0, 1.0),
    # whether support institutions count as a stage in "across m stages" (the method counts value-chain stages)
    Setting("problems.count_support", False),
    # relation types that are negative ties (conflict, opposition, rivalry): `;`-separated words, see negative_types
    Setting("relations.negative_types", "conflit; conflictuel; opposition; opposé; rivalité; rival; concurrence; "
                                        "concurrent; tension; litige; différend; négatif; conflict; rivalry; dispute; "
                                        "competition; negative"),
    # phase III (MACTOR): the actors the analysis takes, `;`-separated ids; empty: the default choice (strategy.py)
    Setting("mactor.actors", ""),
    # phase III's portfolio (portfolio.py): the operability grid's weights, where each count criterion has full
    # marks, the horizon of the time to a first result, and how many actors make a project idea a candidate
    Setting("portfolio.weight_relevance", 0.25, 0.0, 1.0),
    Setting("portfolio.weight_coherence", 0.10, 0.0, 1.0),
    Setting("portfolio.weight_actors", 0.15, 0.0, 1.0),
    Setting("portfolio.weight_leader", 0.15, 0.0, 1.0),
    Setting("portfolio.weight_capacity", 0.10, 0.0, 1.0),
    Setting("portfolio.weight_funding", 0.15, 0.0, 1.0),
    Setting("portfolio.weight_time", 0.10, 0.0, 1.0),
    Setting("portfolio.full_problems", 2, 1, 20),
    Setting("portfolio.full_options", 2, 1, 20),
    Setting("portfolio.full_actors", 3.0, 0.2, 100.0),
    Setting("portfolio.horizon_months", 24, 1, 240),
    Setting("portfolio.min_actors", 2, 1, 100),
)
BY_KEY = {s.key: s for s in SETTINGS}
DEFAULTS = {s.key: s.default for s in SETTINGS}


def setting(key: str) -> Setting:
    if key not in BY_KEY:
        raise InvalidSetting("settings.unknown", setting=key, keys=", ".join(BY_KEY))
    return BY_KEY[key]


def read(con: duckdb.DuckDBPyConnection, pid: int) -> dict[str, float | int | str | bool]:
    """Every setting of the project: the stored value, else the default."""
    rows = con.cursor().execute("SELECT key, value FROM project_settings WHERE project_id = ?", [pid]).fetchall()
    values = dict(DEFAULTS)
    for key, text in rows:
        if key in BY_KEY:
            try:
                values[key] = BY_KEY[key].check(json.loads(text))
            except (ValueError, InvalidSetting):
                pass  # a value this version no longer accepts: the default stands
    return values


def save(con: duckdb.DuckDBPyConnection, pid: int, changes: dict[str, object], who: str | None = None) -> dict:
    """Check every change, then store them all in one recorded write (or none, when one is refused).
    A value equal to the default is stored too: the analyst chose it. Returns the checked values."""
    checked = {key: setting(key).check(value) for key, value in changes.items()}
    if not checked:
        return checked
    with store.transaction(con, pid, "settings", checked, who) as cur:
        for key, value in checked.items():
            cur.execute("INSERT OR REPLACE INTO project_settings (project_id, key, value, saved_at) "
                        "VALUES (?, ?, ?, current_timestamp)", [pid, key, json.dumps(value)])
    return checked


def reset(con: duckdb.DuckDBPyConnection, pid: int, section: str, who: str | None = None) -> None:
    """Back to the defaults for every setting of `section` (leaders, grid, problems…)."""
    save(con, pid, {s.key: s.default for s in SETTINGS if s.section == section}, who)


def parse_assignments(texts: list[str]) -> dict[str, object]:
    """`KEY=VALUE` strings (as the command line takes them), checked."""
    out: dict[str, object] = {}
    for text in texts:
        key, sep, value = text.partition("=")
        if not sep:
            raise InvalidSetting("settings.not_assignment", text=text)
        out[key.strip()] = setting(key.strip()).check(value)
    return out


def table(values: dict[str, object]) -> pd.DataFrame:
    """The settings as rows: key, value, default (for the command line and the CSV export)."""
    return pd.DataFrame([{"key": s.key, "value": values[s.key], "default": s.default} for s in SETTINGS],
                        columns=["key", "value", "default"]).astype({"value": object, "default": object})


# Settings as project workbooks of the first versions carry them: one JSON object per section.
LEGACY = {
    "leaders": {("weights", c): f"leaders.weight_{c}" for c in LEADER_COMPONENTS}
    | {("threshold",): "leaders.threshold", ("centrality",): "leaders.centrality"},
    "grid": {("influence",): "grid.split_influence", ("interest",): "grid.split_interest"},
    "problems": {("weights", w): f"problems.weight_{w}" for w in PROBLEM_WEIGHTS}
    | {("k",): "problems.k", ("m",): "problems.m"},
}


def carried(pairs: list[tuple[object, object]]) -> dict[str, object]:
    """The settings a project workbook carries, as (key, value) pairs, checked; unknown keys and
    refused values are left out. Reads both today's keys and the first versions' sections."""
    found: list[tuple[str, object]] = []
    for key, value in pairs:
        if key in LEGACY:
            try:
                section = json.loads(value) if isinstance(value, str) else value
            except ValueError:
                continue
            for path, new_key in LEGACY[key].items():
                part = section
                for step in path:
                    part = part.get(step) if isinstance(part, dict) else None
                if part is not None:
                    found.append((new_key, part))
        elif key in BY_KEY:
            found.append((key, value))
    out: dict[str, object] = {}
    for key, value in found:
        try:
            out[key] = BY_KEY[key].check(value)
        except InvalidSetting:
            continue
    return out


# -- what each analysis takes from them ------------------------------------------------------------

def leader_weights(values: dict) -> dict[str, float]:
    return {c: float(values[f"leaders.weight_{c}"]) for c in LEADER_COMPONENTS}


def problem_weights(values: dict) -> dict[str, float]:
    return {w: float(values[f"problems.weight_{w}"]) for w in PROBLEM_WEIGHTS}


def negative_types(values: dict) -> tuple[str, ...]:
    """The words that make a relation type negative, folded like every key (`Rivalité` is `rivalite`)."""
    words = (name_key(word) for word in str(values["relations.negative_types"]).split(";"))
    return tuple(dict.fromkeys(w for w in words if w))
