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

from clusterlab import (
    actors,
    adhesion,
    bodies,
    coherence,
    decisions,
    leaders,
    mactor,
    meetings,
    needs,
    network,
    perimeter,
    plan,
    portfolio,
    problems,
    proposals,
    references,
    settings,
    store,
    strategy,
    swot,
)
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

    # -- governance and participation (issue 16) ---------------------------------------------------------
    @property
    def bodies(self) -> pd.DataFrame:
        """Every body with its number of members and meetings."""
        return self._once("bodies", lambda: bodies.bodies(self.con, self.pid))

    @property
    def members(self) -> pd.DataFrame:
        return self._once("members", lambda: bodies.members(self.con, self.pid))

    @property
    def meetings(self) -> pd.DataFrame:
        """Every meeting by date (the plan's calendar marks them), with its attendance and decisions counted."""
        return self._once("meetings", lambda: meetings.meetings(self.con, self.pid))

    @property
    def attendance(self) -> pd.DataFrame:
        return self._once("attendance", lambda: meetings.attendance(self.con, self.pid))

    @property
    def decisions(self) -> pd.DataFrame:
        """Every decision, late ones first (decisions.follow_up)."""
        return self._once("decisions", lambda: decisions.follow_up(decisions.decisions(self.con, self.pid),
                                                                    self.today))

    @property
    def validations(self) -> pd.DataFrame:
        """The last validation of each kind recorded at a meeting (perimeter, short list, objectives, portfolio)."""
        return self._once("validations", lambda: decisions.validations(self.decisions))

    @property
    def adhesion(self) -> pd.DataFrame:
        """Each actor's path, identified to carrying an action, and the furthest stage it reached."""
        return self._once("adhesion", lambda: adhesion.paths(self.inventory, self.attendance, self.members,
                                                             self.actions))

    @property
    def adhesion_funnel(self) -> pd.DataFrame:
        return self._once("adhesion_funnel", lambda: adhesion.funnel(self.adhesion))

    @property
    def trust_barometer(self) -> pd.DataFrame:
        """The trust barometer at each meeting held so far (adhesion.barometer)."""
        def build() -> pd.DataFrame:
            said = self.con.cursor().execute("SELECT actor_id, date, willingness FROM interviews WHERE project_id = ?",
                                             [self.pid]).df()
            held = self.meetings[pd.to_datetime(self.meetings["date"]) <= pd.Timestamp(self.today)]
            return adhesion.barometer(held, self.attendance, said, self.decisions, self.adhesion, self.links)
        return self._once("trust_barometer", build)

    @property
    def drifting(self) -> pd.DataFrame:
        """The actors drifting away: invited, and absent their last two meetings or more."""
        return self._once("drifting", lambda: adhesion.drifting(self.attendance, self.names))

    # -- phase III: the strategic analysis of actors (MACTOR) ----------------------------------------
    @property
    def objectives(self) -> pd.DataFrame:
        return self._once("objectives", lambda: strategy.objectives(self.con, self.pid))

    @property
    def influence_cells(self) -> pd.DataFrame:
        """Every influence cell's standing row of each source (proposed, confirmed)."""
        return self._once("influence_cells", lambda: strategy.influence_cells(self.con, self.pid))

    @property
    def position_cells(self) -> pd.DataFrame:
        return self._once("position_cells", lambda: strategy.position_cells(self.con, self.pid))

    @property
    def perimeter_members(self) -> set[str]:
        """The actors of the validated perimeter (none when no perimeter is validated)."""
        def build() -> set[str]:
            chosen = next((s for s in self.scenarios if s.scenario_id == self.validated_scenario), None)
            return perimeter.members(self.inventory, chosen) if chosen is not None else set()
        return self._once("perimeter_members", build)

    @property
    def mactor_actor_ids(self) -> list[str]:
        """The actors of the analysis: the analyst's choice; else those the matrices hold; else the leaders and
        the validated perimeter's actors (10 to 30, strategy.default_actors)."""
        def build() -> list[str]:
            known = list(self.inventory["actor_id"])
            chosen = strategy.chosen_actors(self.con, self.pid)
            if chosen:
                return sorted(a for a in chosen if a in set(known))
            held = set(self.influence_cells.get("from_actor_id", [])) | set(self.influence_cells.get(
                "to_actor_id", [])) | set(self.position_cells.get("actor_id", []))
            if held:
                return sorted(a for a in known if a in held)
            return sorted(strategy.default_actors(self.actor_metrics, self.perimeter_members))
        return self._once("mactor_actor_ids", build)

    @property
    def influences_held(self) -> pd.DataFrame:
        """One row per influence cell: its confirmed value, else its proposed one (strategy.standing)."""
        return self._once("influences_held", lambda: strategy.standing(self.influence_cells,
                                                                       ("from_actor_id", "to_actor_id")))

    @property
    def positions_held(self) -> pd.DataFrame:
        return self._once("positions_held", lambda: strategy.standing(self.position_cells,
                                                                      ("actor_id", "objective_id")))

    def _matrix(self, held: pd.DataFrame, cell: tuple[str, str], rows: list[str], columns: list[str],
                what: str) -> pd.DataFrame:
        empty = 0.0 if what == "value" else ""
        if not len(held):
            return pd.DataFrame(empty, index=pd.Index(rows, name=cell[0]), columns=pd.Index(columns, name=cell[1]),
                                dtype=float if what == "value" else object)
        wide = held.pivot(index=cell[0], columns=cell[1], values=what).reindex(index=rows, columns=columns)
        wide = wide.astype(float) if what == "value" else wide.astype(object)
        return wide.where(wide.notna(), empty).rename_axis(index=cell[0], columns=cell[1])

    @property
    def mid(self) -> pd.DataFrame:
        """The direct influences among the analysis' actors (confirmed, else proposed, else 0)."""
        ids = self.mactor_actor_ids
        return self._once("mid", lambda: self._matrix(self.influences_held, ("from_actor_id", "to_actor_id"),
                                                      ids, ids, "value"))

    @property
    def mid_sources(self) -> pd.DataFrame:
        """For each cell of `mid`: confirmed, proposed or empty (nothing said)."""
        ids = self.mactor_actor_ids
        return self._once("mid_sources", lambda: self._matrix(self.influences_held, ("from_actor_id", "to_actor_id"),
                                                              ids, ids, "source"))

    @property
    def midi(self) -> pd.DataFrame:
        return self._once("midi", lambda: mactor.midi(self.mid))

    @property
    def balance(self) -> pd.DataFrame:
        """mactor.balance of the MID, unrounded: what 3MAO weighs the positions with."""
        return self._once("balance", lambda: mactor.balance(self.mid))

    @property
    def mactor_actors(self) -> pd.DataFrame:
        """Per actor: influence M, dependence D, retroaction, r, r*, quadrant: `mactor_actors.csv`."""
        def build() -> pd.DataFrame:
            table = self.balance.copy()
            table.insert(1, "name", table["actor_id"].map(self.names))
            return _rounded(table)
        return self._once("mactor_actors", build)

    @property
    def r_star(self) -> pd.Series:
        return self._once("r_star", lambda: self.balance.set_index("actor_id")["r_star"])

    @property
    def mao2(self) -> pd.DataFrame:
        """The positions of the analysis' actors on the objectives (confirmed, else proposed, else 0)."""
        return self._once("mao2", lambda: self._matrix(self.positions_held, ("actor_id", "objective_id"),
                                                       self.mactor_actor_ids, list(self.objectives["objective_id"]),
                                                       "value"))

    @property
    def mao_sources(self) -> pd.DataFrame:
        return self._once("mao_sources", lambda: self._matrix(self.positions_held, ("actor_id", "objective_id"),
                                                              self.mactor_actor_ids,
                                                              list(self.objectives["objective_id"]), "source"))

    @property
    def mao3(self) -> pd.DataFrame:
        return self._once("mao3", lambda: mactor.mao3(self.mao2, self.r_star))

    @property
    def mobilisation(self) -> pd.DataFrame:
        """Per objective: its wording and stake, the sums for and against of 2MAO and 3MAO: `objectives.csv`."""
        def build() -> pd.DataFrame:
            two = mactor.mobilisation(self.mao2).astype({"objective_id": object}).rename(
                columns={"for": "mobilisation_for_mao2", "against": "mobilisation_against_mao2"})
            three = mactor.mobilisation(self.mao3).astype({"objective_id": object}).rename(
                columns={"for": "mobilisation_for_mao3", "against": "mobilisation_against_mao3"})
            table = self.objectives[["objective_id", "objective", "stake", "description"]]
            return _rounded(table.merge(two, on="objective_id", how="left").merge(three, on="objective_id",
                                                                                 how="left"))
        return self._once("mobilisation", build)

    @property
    def mactor_pairs(self) -> pd.DataFrame:
        """Every pair of actors: convergences caa1–3 and divergences daa1–3: `mactor_pairs.csv`."""
        return self._once("mactor_pairs", lambda: _rounded(mactor.pairs(self.mao2, self.r_star)))

    @property
    def mid_proposal(self) -> pd.DataFrame:
        """The influences the project's relations and influence scores suggest (proposals.influences)."""
        return self._once("mid_proposal", lambda: proposals.influences(self.links, self.inventory,
                                                                       self.mactor_actor_ids))

    @property
    def mao_proposal(self) -> pd.DataFrame:
        """The positions the interviews suggest, with who said what (proposals.positions)."""
        def build() -> pd.DataFrame:
            said = self.con.cursor().execute("""SELECT i.actor_id, a.name AS actor, i.field, i.text FROM items i
                JOIN actors a USING (project_id, actor_id) WHERE i.project_id = ?
                AND i.field IN ('priorities', 'projects', 'expectations', 'problems')
                ORDER BY i.actor_id, i.field, i.position""", [self.pid]).df()
            return proposals.positions(said, self.objectives, self.mactor_actor_ids)
        return self._once("mao_proposal", build)

    @property
    def mactor_tables(self) -> dict[str, pd.DataFrame]:
        """MID, MIDI and the positions in long form, computed once (`mactor_long`)."""
        return self._once("mactor_long", self.mactor_long)

    def mactor_long(self) -> dict[str, pd.DataFrame]:
        """MID, MIDI and the positions in long form (`mactor_mid.csv`, `mactor_midi.csv`, `mactor_positions.csv`)."""
        def long(wide: pd.DataFrame, a: str, b: str, name: str, diagonal: bool) -> pd.DataFrame:
            if wide.empty:
                return pd.DataFrame({a: pd.Series(dtype=object), b: pd.Series(dtype=object),
                                     name: pd.Series(dtype=float)})
            out = wide.rename_axis(index=a, columns=b).stack().rename(name).reset_index()
            return out if diagonal else out[out[a] != out[b]].reset_index(drop=True)
        positions = long(self.mao2, "actor_id", "objective_id", "mao2", True)
        positions["mao3"] = long(self.mao3, "actor_id", "objective_id", "mao3", True)["mao3"].to_numpy()
        return {"mactor_midi": _rounded(long(self.midi, "from_actor_id", "to_actor_id", "value", True)),
                "mactor_mid": long(self.mid, "from_actor_id", "to_actor_id", "value", False),
                "mactor_positions": _rounded(positions)}

    # -- phase III: what actors want and can bring, the portfolio of joint projects ------------------
    @property
    def need_items(self) -> pd.DataFrame:
        """Every priority, project, capacity and expectation said, with its theme (needs.py)."""
        return self._once("need_items", lambda: needs.items(self.con, self.pid))

    @property
    def needs_offers(self) -> pd.DataFrame:
        """Per field and theme: actors, mentions, weight by influence: `needs_offers.csv`."""
        influence = self.inventory.set_index("actor_id")["influence"].astype(float)
        return self._once("needs_offers", lambda: _rounded(needs.counts(self.need_items, influence)))

    def needs_weighted(self, by: str) -> pd.DataFrame:
        """`needs_offers` weighted by `by`: actors (each counts 1), influence or leader score."""
        if by == "influence":
            return self.needs_offers
        weights = None if by == "actors" else self.actor_metrics.set_index("actor_id")["score"].astype(float)
        return self._once(f"needs_weighted_{by}", lambda: _rounded(needs.counts(self.need_items, weights)))

    @property
    def needs_matches(self) -> pd.DataFrame:
        """Needs × offers: expectation themes paired with the capacity themes named alike (needs.matches)."""
        return self._once("needs_matches", lambda: needs.matches(self.need_items, self.names))

    @property
    def candidate_projects(self) -> pd.DataFrame:
        """The candidate joint projects as stored, with their standing verdict (portfolio.stored)."""
        return self._once("candidate_projects", lambda: portfolio.stored(self.con, self.pid))

    @property
    def project_proposals(self) -> pd.DataFrame:
        """Project ideas enough actors carry, in no candidate project yet (portfolio.proposals)."""
        return self._once("project_proposals", lambda: portfolio.proposals(
            self.need_items, self.candidate_projects, int(self.settings["portfolio.min_actors"])))

    @property
    def projects(self) -> pd.DataFrame:
        """Every candidate project, its actors, grid, score, verdict and plan: `projects.csv`."""
        return self._once("projects", lambda: _rounded(portfolio.table(
            self.candidate_projects, self.need_items, self.inventory, self.leaders, set(self.shortlist["problem"]),
            self.actions, self.settings)))

    @property
    def verdicts(self) -> pd.DataFrame:
        return self._once("verdicts", lambda: portfolio.verdict_history(self.con, self.pid))

    @property
    def plan_by_project(self) -> pd.DataFrame:
        """The plan rolled up to its joint projects: actions, budget, progress, calendar."""
        return self._once("plan_by_project", lambda: portfolio.by_project(
            self.actions, dict(zip(self.candidate_projects["joint_id"], self.candidate_projects["title"],
                                   strict=True))))

    @property
    def coherence(self) -> pd.DataFrame:
        """Option → problem → objective → project → actions → budget, and its breaks: `coherence.csv`."""
        return self._once("coherence", lambda: coherence.chain(
            self.projects, self.candidate_projects, self.objectives, self.actions,
            self.shortlist["problem"].tolist(), self.leaders))

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
            "adhesion": self.adhesion,
            "adhesion_funnel": self.adhesion_funnel,
            "trust_barometer": self.trust_barometer,
            "drifting_actors": self.drifting,
            "decision_follow_up": self.decisions,
            "settings": settings.table(self.settings),
            "objectives": self.mobilisation,
            "mactor_actors": self.mactor_actors,
            **self.mactor_tables,
            "mactor_pairs": self.mactor_pairs,
            "needs_offers": self.needs_offers,
            "projects": self.projects,
            "coherence": self.coherence,
        }


def _rounded(df: pd.DataFrame) -> pd.DataFrame:
    floats = [c for c in df.columns if pd.api.types.is_float_dtype(df[c])]
    return df.round({c: PRECISION for c in floats}) if floats else df


_cache: OrderedDict[tuple, Analysis] = OrderedDict()
_cache_lock = threading.Lock()


def of(con: duckdb.DuckDBPyConnection, pid: int, today: date | None = None, revision: int | None = None) -> Analysis:
    """The analysis of project `pid` as it stands now, shared by every caller until the next change.

    Keyed by the connection object (the cache holds it, so its id cannot be reused meanwhile), the
    project, its revision (read here unless the caller just read it: store.glance) and the day (lateness
    depends on it)."""
    today = today or date.today()
    key = (id(con), pid, store.revision(con, pid) if revision is None else revision, today)
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
