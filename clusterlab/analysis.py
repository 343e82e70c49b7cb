"""One analysis per project revision: every derived view computed at most once, and shared by the
pages, the CSV exports, the project workbook and the report, so that they can never disagree.

`of(con, pid)` gives the analysis of the project as it stands: the project's revision (its last
recorded change, see store.transaction) keys a small per-process cache, so a page rerun after no
change costs one query, and any write (import, edit, setting, vote, coding) makes the next rerun
of every session see a new analysis. Views are computed lazily, each at most once, under a lock:
sessions asking for the same view at the same moment wait for one computation."""
from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Any

import duckdb
import networkx as nx
import pandas as pd

from clusterlab import actors, leaders, network, perimeter, plan, problems, references, settings, store, swot
from clusterlab import themes as theme_coding
from clusterlab import votes as dot_votes

PRECISION = 6  # decimals kept of every computed figure (scores, centralities, shares) in views and exports
CACHED_ANALYSES = 8


class Analysis:
    """The derived views of project `pid` at one revision. Read them as attributes."""

    def __init__(self, con: duckdb.DuckDBPyConnection, pid: int, revision: int, today: date) -> None:
        self.con, self.pid, self.revision, self.today = con, pid, revision, today
        self.computed: Counter[str] = Counter()  # how many times each view was built (once, or a bug)
        self._views: dict[str, Any] = {}
        self._lock = threading.RLock()

    def _once(self, name: str, build: Callable[[], Any]) -> Any:
        with self._lock:
            if name not in self._views:
                self.computed[name] += 1
                self._views[name] = build()
            return self._views[name]

    # -- settings and actors ------------------------------------------------------------------------
    @property
    def settings(self) -> dict[str, Any]:
        return self._once("settings", lambda: settings.read(self.con, self.pid))

    @property
    def inventory(self) -> pd.DataFrame:
        """Every actor with its canonical stage, tidy spellings, interviews, willingness and capacity."""
        return self._once("inventory", lambda: actors.inventory(self.con, self.pid))

    @property
    def names(self) -> dict[str, str]:
        return self._once("names", lambda: dict(zip(self.inventory["actor_id"], self.inventory["name"], strict=True)))

    @property
    def links(self) -> pd.DataFrame:
        """Every link, relations and interview partners, with `negative` for conflicts, oppositions, rivalries."""
        return self._once("links", lambda: network.signed(network.edges(self.con, self.pid),
                                                          settings.negative_types(self.settings)))

    @property
    def graph(self) -> nx.DiGraph:
        """The positive ties only: a conflict makes nobody more central."""
        return self._once("graph", lambda: network.graph(self.inventory["actor_id"].tolist(),
                                                         network.positive(self.links)))

    @property
    def conflicts(self) -> pd.Series:
        """Per actor id, the number of actors it has a negative tie with."""
        return self._once("conflicts", lambda: network.conflicts(self.links))

    @property
    def metrics(self) -> pd.DataFrame:
        return self._once("metrics", lambda: _rounded(network.metrics(self.graph)))

    @property
    def layout(self) -> pd.DataFrame:
        return self._once("layout", lambda: network.layout(self.graph))

    @property
    def leader_overrides(self) -> pd.DataFrame:
        return self._once("leader_overrides", lambda: leaders.overrides(self.con, self.pid))

    @property
    def actor_metrics(self) -> pd.DataFrame:
        """Centralities, leader-score components, score, choice by hand, leader: `actor_metrics.csv`."""
        return self._once("actor_metrics", lambda: _rounded(leaders.actor_metrics(
            self.inventory, self.metrics, self.leader_overrides, self.settings, self.conflicts, len(self.links) > 0)))

    @property
    def leader_counts(self) -> dict[str, int]:
        """How many leaders each centrality would give (the page warns when the choice matters much)."""
        return self._once("leader_counts", lambda: leaders.leader_counts(
            self.inventory, self.metrics, self.leader_overrides, self.settings, len(self.links) > 0))

    @property
    def leaders(self) -> set[str]:
        return self._once("leaders", lambda: set(self.actor_metrics.loc[self.actor_metrics["leader"], "actor_id"]))

    # -- SWOT ---------------------------------------------------------------------------------------
    @property
    def swot_items(self) -> pd.DataFrame:
        return self._once("swot_items", lambda: swot.items(self.con, self.pid))

    @property
    def swot_summary(self) -> pd.DataFrame:
        return self._once("swot_summary", lambda: _rounded(swot.summary(self.swot_items, self.inventory)))

    @property
    def cross_options(self) -> pd.DataFrame:
        return self._once("cross_options", lambda: swot.options(self.con, self.pid))

    @property
    def coding(self) -> pd.DataFrame:
        return self._once("coding", lambda: theme_coding.coding(self.con, self.pid))

    # -- common problems ----------------------------------------------------------------------------
    @property
    def problem_items(self) -> pd.DataFrame:
        return self._once("problem_items", lambda: problems.items(self.con, self.pid))

    @property
    def comparisons(self) -> dict[tuple[str, str], str]:
        return self._once("comparisons", lambda: problems.comparisons(self.con, self.pid))

    @property
    def vote_totals(self) -> pd.Series:
        return self._once("vote_totals", lambda: dot_votes.totals(self.con, self.pid))

    @property
    def shortlist(self) -> pd.DataFrame:
        return self._once("shortlist", lambda: problems.shortlist(self.con, self.pid))

    @property
    def problem_ranking(self) -> pd.DataFrame:
        """Indicators, common or not, score and rank by each method, short-listed: `problem_ranking.csv`."""
        return self._once("problem_ranking", lambda: _rounded(problems.ranking(
            self.problem_items, self.inventory, self.leaders, self.comparisons, self.vote_totals,
            set(self.shortlist["problem"]), self.settings)))

    @property
    def ranking_agreement(self) -> pd.DataFrame:
        return self._once("ranking_agreement", lambda: problems.agreements(self.problem_ranking))

    @property
    def ranking_stability(self) -> pd.DataFrame:
        return self._once("ranking_stability", lambda: problems.stability(
            self.problem_ranking, settings.problem_weights(self.settings)))

    @property
    def common_problems(self) -> set[str]:
        ranked = self.problem_ranking
        return set(ranked.loc[ranked["common"], "problem"])

    @property
    def lost_references(self) -> pd.DataFrame:
        """What still names a problem that no longer exists (see references.py)."""
        return self._once("lost_references", lambda: references.lost(
            set(self.problem_ranking["problem"]), self.comparisons, set(self.shortlist["problem"]),
            dot_votes.named_problems(self.con, self.pid), {p for s in self.scenarios for p in s.problems}))

    # -- field of action ----------------------------------------------------------------------------
    @property
    def scenarios(self) -> list[perimeter.Scenario]:
        return self._once("scenarios", lambda: perimeter.scenarios(self.con, self.pid))

    @property
    def validated_scenario(self) -> int | None:
        return self._once("validated_scenario", lambda: perimeter.validated(self.con, self.pid))

    @property
    def perimeters(self) -> pd.DataFrame:
        return self._once("perimeters", lambda: perimeter.table(self.scenarios, self.validated_scenario))

    @property
    def perimeter_history(self) -> pd.DataFrame:
        return self._once("perimeter_history", lambda: perimeter.history(self.con, self.pid))

    @property
    def coverage_inputs(self) -> dict[str, Any]:
        """What a perimeter's coverage is measured against (perimeter.coverage's keyword arguments)."""
        return {"links": self.links, "said": self.problem_items[["actor_id", "problem"]], "leaders": self.leaders,
                "common": self.common_problems, "retained": set(self.shortlist["problem"])}

    # -- action plan --------------------------------------------------------------------------------
    @property
    def actions(self) -> pd.DataFrame:
        """Every action with its canonical status and funding status, and whether it is late today."""
        return self._once("actions", lambda: plan.actions(self.con, self.pid, self.today))

    @property
    def milestones(self) -> pd.DataFrame:
        return self._once("milestones", lambda: plan.milestones(self.con, self.pid))

    # -- everything, for the exports ----------------------------------------------------------------
    def views(self) -> dict[str, pd.DataFrame]:
        """The derived views exported as CSV, by file name (without `.csv`), in a stable order."""
        return {
            "actor_metrics": self.actor_metrics,
            "leader_overrides": self.leader_overrides,
            "swot_summary": self.swot_summary,
            "cross_options": self.cross_options,
            "themes": self.coding,
            "problem_ranking": self.problem_ranking,
            "shortlist": self.shortlist,
            "perimeters": self.perimeters,
            "perimeter_history": self.perimeter_history,
            "action_plan": self.actions,
            "milestones": self.milestones,
            "settings": settings.table(self.settings),
        }


def _rounded(df: pd.DataFrame) -> pd.DataFrame:
    floats = [c for c in df.columns if pd.api.types.is_float_dtype(df[c])]
    return df.round({c: PRECISION for c in floats}) if floats else df


_cache: OrderedDict[tuple, Analysis] = OrderedDict()
_cache_lock = threading.Lock()


def of(con: duckdb.DuckDBPyConnection, pid: int, today: date | None = None) -> Analysis:
    """The analysis of project `pid` as it stands now, shared by every caller until the next change.

    Keyed by the connection object (the cache holds it, so its id cannot be reused meanwhile), the
    project, its revision and the day (lateness depends on it)."""
    today = today or date.today()
    key = (id(con), pid, store.revision(con, pid), today)
    with _cache_lock:
        found = _cache.get(key)
        if found is not None and found.con is con:
            _cache.move_to_end(key)
            return found
        made = Analysis(con, pid, key[2], today)
        _cache[key] = made
        while len(_cache) > CACHED_ANALYSES:
            _cache.popitem(last=False)
        return made


def forget(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the cached analyses of a connection about to be closed."""
    with _cache_lock:
        for key in [k for k, a in _cache.items() if a.con is con]:
            del _cache[key]
