"""The positioning study's chapters, each built from the project's analysis and present only when its data
exist. Every figure of the report is read from `Analysis` (the same views the pages and the CSV export read);
this module only chooses, sorts, shortens and writes them out for the report's language."""
from __future__ import annotations

from datetime import date

import pandas as pd

from clusterlab import adhesion, overview, perimeter, settings, swot
from clusterlab.analysis import Analysis
from clusterlab.contract import STAGES
from clusterlab.i18n import t
from clusterlab.report import figures, stamp
from clusterlab.report.document import Block, Chapter, Document, Figure, Paragraph, Table
from clusterlab.report.numbers import MISSING, day, number, percent

SHORT = 10  # rows of a table in a chapter; the full table goes to the annex
QUADRANTS = ("strengths", "weaknesses", "opportunities", "threats")
PHASES = ("0", "I", "II", "III", "IV")
EVIDENCE_WORDS = 6  # quotations per theme or problem in the annex
SWOT_FIGURE_THEMES = 5  # themes of each quadrant in the SWOT's figure
# The study's chapters and annexes, in their order, by key (the key of their title: report.<key>); those with no
# data are left out of a study (the chapter "progress" names them).
CHAPTERS = ("method", "progress", "actors", "swot", "problems", "perimeter", "strategy", "portfolio", "plan",
            "governance", "quality")
ANNEXES = ("annex_tables", "annex_evidence")


def build(a: Analysis, lang: str, today: date | None = None) -> Document:
    """The whole study of the analysed project, in `lang` (independent of the interface's language)."""
    name = a.con.cursor().execute("SELECT name FROM projects WHERE project_id = ?", [a.pid]).fetchone()[0]
    written = today or a.today
    annex: list[Table] = []  # the full tables of those the chapters shorten
    method = _method(a, lang, annex)
    built = {"actors": _actors(a, lang), "swot": _swot(a, lang, annex), "problems": _problems(a, lang),
             "perimeter": _perimeter(a, lang), "strategy": _strategy(a, lang), "portfolio": _portfolio(a, lang),
             "plan": _plan(a, lang), "governance": _governance(a, lang, annex)}
    missing = [key for key, chapter in built.items() if chapter is None]
    chapters = _keyed([("method", method), ("progress", _progress(a, lang, missing)), *built.items(),
                       ("quality", _quality(a, lang))])
    annexes = _keyed([("annex_tables", _full_tables(a, lang, annex)), ("annex_evidence", _evidence(a, lang))])
    return Document(t("report.title", lang), t("report.subtitle", lang, project=name, date=day(written, lang)),
                    lang, chapters, annexes, stamp.of(a, name, written))


def _keyed(made: list[tuple[str, Chapter | None]]) -> list[Chapter]:
    """The chapters that have data, each with its key (the key of its title: report.<key>)."""
    kept = []
    for key, chapter in made:
        if chapter is not None:
            chapter.key = key
            kept.append(chapter)
    return kept


# -- helpers ------------------------------------------------------------------------------------------

def _col(name: str, lang: str) -> str:
    """A column's heading: the contract's field name when it is one, else the report's own."""
    for key in (f"report.col.{name}", f"field.{name}"):
        text = t(key, lang)
        if text != key:
            return text
    return name


def _table(frame: pd.DataFrame, title: str, source: str, lang: str, formats: dict[str, tuple[str, int]],
           key: str = "") -> Table:
    """`frame` written out: each column in `formats` as ("number"|"percent"|"day"|"text"|"yes", decimals),
    the others as text; headings translated."""
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        kind, decimals = formats.get(column, ("text", 0))
        values = frame[column]
        if kind == "number":
            out[column] = [number(v, lang, decimals) for v in values]
        elif kind == "percent":
            out[column] = [percent(v, lang, decimals) for v in values]
        elif kind == "day":
            out[column] = [day(v, lang) for v in values]
        elif kind == "yes":
            out[column] = [t("report.yes" if bool(v) else "report.no", lang) if pd.notna(v) else MISSING
                           for v in values]
        else:
            out[column] = [MISSING if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in values]
    out.columns = [_col(c, lang) for c in frame.columns]
    return Table(title, out.reset_index(drop=True), source, key)


def _source(lang: str, *what: str) -> str:
    return t("report.source", lang, what=", ".join(what))


def _long(frame: pd.DataFrame, title: str, source: str, lang: str, formats: dict[str, tuple[str, int]], key: str,
          annex: list[Table] | None, annex_title: str, order: str, short: pd.DataFrame | None = None) -> list[Block]:
    """A table sorted by the caller, whole in its chapter when it is short (SHORT rows at most); else its first rows
    (or `short`), a note saying how many the annex holds, where and in what order (`order`, a catalogue key), and
    the whole table in the annex (appended to `annex`; None: the annex holds it already, under `annex_title`). The
    whole table carries the `key`."""
    if len(frame) <= SHORT:
        return [_table(frame, title, source, lang, formats, key)]
    shown = frame.head(SHORT) if short is None else short
    if annex is not None:
        annex.append(_table(frame, annex_title, source, lang, formats, key))
    note = t("report.more_in_annex", lang, shown=number(len(shown), lang), n=number(len(frame), lang),
             order=t(order, lang), annex=annex_title)
    return [_table(shown, title, source, lang, formats), Paragraph(note, "note")]


# -- chapters -----------------------------------------------------------------------------------------

def _method(a: Analysis, lang: str, annex: list[Table]) -> Chapter:
    chapter = Chapter(t("report.method", lang))
    chapter.add(Paragraph(t("report.method_intro", lang)))
    chapter.add(*(Paragraph(t(f"report.phase_{p}", lang), "note") for p in PHASES))
    if len(a.bodies):
        chapter.add(Paragraph(t("report.bodies_intro", lang, n=number(len(a.bodies), lang))))
        bodies = a.bodies.sort_values(["meetings", "members", "name"], ascending=[False, False, True])
        chapter.add(*_long(bodies[["name", "kind", "mandate", "start", "members", "meetings"]],
                           t("report.bodies", lang), _source(lang, "bodies.csv", "members.csv"), lang,
                           {"start": ("day", 0), "members": ("number", 0), "meetings": ("number", 0)}, "bodies",
                           annex, t("report.annex_bodies", lang), "report.order_bodies"))
    if len(a.meetings):
        held = a.meetings[["date", "kind", "title", "place", "body", "present", "decisions"]]
        chapter.add(*_long(held, t("report.calendar", lang), _source(lang, "meetings.csv"), lang,
                           {"date": ("day", 0), "present": ("number", 0), "decisions": ("number", 0)}, "meetings",
                           annex, t("report.annex_meetings", lang), "report.order_meetings",
                           _around(held, "date", a.today)))
    return chapter


def _around(frame: pd.DataFrame, column: str, today: date) -> pd.DataFrame:
    """SHORT rows of a frame sorted by date around `today`: the latest past ones and the next ones."""
    past = int((pd.to_datetime(frame[column]) <= pd.Timestamp(today)).sum())
    start = max(0, min(past - SHORT // 2, len(frame) - SHORT))
    return frame.iloc[start:start + SHORT]


def _progress(a: Analysis, lang: str, missing: list[str]) -> Chapter:
    """Where the project stands: the method's steps done and not yet done, as the overview page lists them
    (overview.steps), and the chapters this study lacks for want of their data."""
    chapter = Chapter(t("report.progress", lang))
    chapter.add(Paragraph(t("report.progress_intro", lang)))
    steps = overview.steps(a.con, a.pid)
    for done, heading in ((True, "report.steps_done"), (False, "report.steps_missing")):
        here = [s for s in steps if s.done == done]
        if here:
            chapter.add(Paragraph(t(heading, lang, n=len(here))))
            chapter.add(*(Paragraph(_step(s, lang), "note") for s in here))
    if missing:
        chapter.add(Paragraph(t("report.chapters_missing", lang, n=len(missing))))
        chapter.add(*(Paragraph(f"{t(f'report.{key}', lang)} — {t(f'report.missing_{key}', lang)}", "note")
                      for key in missing))
    else:
        chapter.add(Paragraph(t("report.chapters_all", lang)))
    return chapter


def _step(step: overview.Step, lang: str) -> str:
    """A step as the overview page writes it: its phase, its name, the figure behind it, the meeting that
    validated it."""
    text = f"{t('phase', lang, phase=step.phase)} — {t(f'step.{step.key}', lang)}"
    if step.done:
        text += " " + t("step.detail_swot" if step.key == "swot" else "step.detail", lang, n=step.detail)
    if step.validated:
        text += f" — {t('step.validated_at', lang, meeting=step.validated)}"
    return text


def _actors(a: Analysis, lang: str) -> Chapter | None:
    inventory = a.inventory
    if not len(inventory):
        return None
    chapter = Chapter(t("report.actors", lang))
    figures_ = overview.key_figures(a.con, a.pid)
    chapter.add(Paragraph(t("report.actors_intro", lang, actors=number(figures_["actors"], lang),
                            interviews=number(figures_["interviews"], lang),
                            interviewed=percent(figures_["interviewed_share"], lang),
                            relations=number(len(a.links), lang), leaders=number(len(a.leaders), lang))))
    by_stage = inventory["stage_key"].value_counts()
    order = [s for s in STAGES if s in by_stage.index]
    labels = [inventory.loc[inventory["stage_key"] == s, "stage"].iloc[0] for s in order]
    if order:
        chapter.add(Figure(t("report.by_stage", lang), figures.bars(
            labels, [int(by_stage[s]) for s in order], t("report.by_stage", lang), t("report.unit_actors", lang),
            _source(lang, "actors.csv"), lang), _source(lang, "actors.csv")))
    by_category = overview.actors_by(inventory, "category").rename(columns={"category": "category"})
    chapter.add(_table(by_category, t("report.by_category", lang), _source(lang, "actors.csv"), lang,
                       {"actors": ("number", 0)}))
    if len(a.links):
        names = dict(zip(inventory["actor_id"], inventory["name"], strict=False))
        stages = inventory.set_index("actor_id")["stage"]
        chapter.add(Figure(t("report.network", lang), figures.network(
            a.layout, a.links, stages, labels, set(a.leaders), names, t("report.network", lang),
            _source(lang, "relations.csv")), _source(lang, "relations.csv")))
    leaders = a.actor_metrics[a.actor_metrics["leader"]].head(SHORT * 2)
    if len(leaders):
        chapter.add(Paragraph(t("report.leaders_why", lang)))
        chapter.add(_table(leaders[["rank", "name", "score", "influence", "interest", "centrality", "reason"]],
                           t("report.leaders", lang), _source(lang, "actor_metrics.csv"), lang,
                           {"rank": ("number", 0), "score": ("number", 2), "influence": ("number", 2),
                            "interest": ("number", 2), "centrality": ("number", 2)}, "leaders"))
    return chapter


def _swot(a: Analysis, lang: str, annex: list[Table]) -> Chapter | None:
    summary = a.swot_summary
    if not len(summary):
        return None
    chapter = Chapter(t("report.swot", lang))
    chapter.add(Paragraph(t("report.swot_intro", lang)))
    chapter.add(_swot_figure(summary, lang))
    chapter.add(*_quadrant_tables(summary, "", lang))
    if a.leaders:
        leaders = swot.matrix(a.swot_items, set(a.leaders))
        if len(leaders):
            chapter.add(Paragraph(t("report.swot_leaders", lang, n=number(len(a.leaders), lang))))
            chapter.add(*_quadrant_tables(leaders.rename(columns={"field": "quadrant"}),
                                          t("report.of_the_leaders", lang), lang, SHORT // 2))
    if len(a.cross_options):
        options = a.cross_options.sort_values(["combination", "theme_a", "theme_b", "option_id"])
        chapter.add(*_long(options[["combination", "theme_a", "theme_b", "option"]], t("report.options", lang),
                           _source(lang, "cross_options.csv"), lang, {}, "cross_options", annex,
                           t("report.annex_cross_options", lang), "report.order_options"))
    return chapter


def _swot_figure(summary: pd.DataFrame, lang: str) -> Figure:
    """The four quadrants side by side: each its leading themes by the actors who named them."""
    panels = {}
    for quadrant in QUADRANTS:
        top = summary[summary["quadrant"] == quadrant].sort_values(
            ["actors", "mentions", "theme"], ascending=[False, False, True]).head(SWOT_FIGURE_THEMES)
        panels[t(f"field.{quadrant}", lang)] = (top["theme"].tolist(), top["actors"].tolist())
    title = t("report.swot_figure", lang, n=SWOT_FIGURE_THEMES)
    source = _source(lang, "swot_summary.csv")
    return Figure(title, figures.quadrants(panels, title, t("report.unit_actors_citing", lang), source, lang), source)


def _quadrant_tables(summary: pd.DataFrame, suffix: str, lang: str, rows: int = SHORT) -> list[Table]:
    """The leading themes of each quadrant: by actors citing, then mentions, then name."""
    tables = []
    for quadrant in QUADRANTS:
        top = summary[summary["quadrant"] == quadrant].sort_values(["actors", "mentions", "theme"],
                                                                 ascending=[False, False, True]).head(rows)
        if len(top):
            tables.append(_table(top[["theme", "actors", "mentions"]], t(f"field.{quadrant}", lang) + suffix,
                                 _source(lang, "swot_summary.csv"), lang,
                                 {"actors": ("number", 0), "mentions": ("number", 0)}))
    return tables


def _problems(a: Analysis, lang: str) -> Chapter | None:
    ranked = a.problem_ranking
    if not len(ranked):
        return None
    chapter = Chapter(t("report.problems", lang))
    common = ranked[ranked["common"]]
    chapter.add(Paragraph(t("report.problems_intro", lang, problems=number(len(ranked), lang),
                            common=number(len(common), lang))))
    top = (common if len(common) else ranked).head(SHORT)
    chapter.add(Figure(t("report.problems_score", lang), figures.bars(
        top["problem"].tolist(), top["score"].tolist(), t("report.problems_score", lang), t("report.unit_score", lang),
        _source(lang, "problem_ranking.csv"), lang, decimals=2), _source(lang, "problem_ranking.csv")))
    chapter.add(_table(top[["problem", "actors", "share", "mean_severity", "score", "rank_score", "rank_borda",
                            "rank_votes", "rank_pairwise"]],
                       t("report.problems_methods", lang), _source(lang, "problem_ranking.csv"), lang,
                       {"actors": ("number", 0), "share": ("percent", 0), "mean_severity": ("number", 1),
                        "score": ("number", 2), "rank_score": ("number", 0), "rank_borda": ("number", 0),
                        "rank_votes": ("number", 0), "rank_pairwise": ("number", 0)}))
    agreement = a.ranking_agreement
    if len(agreement):
        chapter.add(Paragraph(t("report.agreement_intro", lang)))
        chapter.add(_table(_agreement_words(agreement, lang), t("report.agreement", lang),
                           _source(lang, "problem_ranking.csv"), lang,
                           {"n": ("number", 0), "ties": ("number", 0), "kendall_tau": ("number", 2)},
                           "ranking_agreement"))
    if len(a.shortlist):
        chapter.add(_table(a.shortlist[["problem", "reason", "decided_at"]], t("report.shortlist", lang),
                           _source(lang, "shortlist.csv"), lang, {"decided_at": ("day", 0)}, "shortlist"))
    return chapter


def _agreement_words(agreement: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The agreement table with its methods and what it is measured over in words."""
    return agreement.assign(a=[t(f"problems.method_{m}", lang) for m in agreement["a"]],
                            b=[t(f"problems.method_{m}", lang) for m in agreement["b"]],
                            over=[t(f"problems.over_{o}", lang) for o in agreement["over"]])


def _perimeter(a: Analysis, lang: str) -> Chapter | None:
    """The scenarios compared on what the perimeter page measures (perimeter.coverage), the one validated first;
    what each holds is in the annex."""
    scenarios = a.perimeters
    if not len(scenarios):
        return None
    chapter = Chapter(t("report.perimeter", lang))
    validated = scenarios[scenarios["validated"].astype(bool)]
    if len(validated):
        chapter.add(Paragraph(t("report.perimeter_validated", lang, name=validated["name"].iloc[0])))
    chapter.add(Paragraph(t("report.scenarios_intro", lang, n=number(len(scenarios), lang))))
    chapter.add(_table(scenarios_compared(a), t("report.scenarios", lang),
                       _source(lang, "perimeters.csv", "relations.csv"), lang,
                       {"validated": ("yes", 0), "actors_in": ("number", 0), "share_in": ("percent", 0),
                        "leaders_in": ("number", 0), "stages_in": ("number", 0), "common_covered": ("percent", 0),
                        "citations_covered": ("percent", 0), "conflicts_in": ("number", 0)}))
    chapter.add(Paragraph(t("report.scenarios_held", lang, annex=t("report.annex_perimeters", lang)), "note"))
    return chapter


def scenarios_compared(a: Analysis) -> pd.DataFrame:
    """One row per scenario: validated or not, the actors inside (number and share), the leaders, the value-chain
    stages, the common problems and the citations it covers, the conflicts inside; the validated one first, then
    by the common problems covered."""
    validated = dict(zip(a.perimeters["scenario_id"], a.perimeters["validated"].astype(bool), strict=True))
    rows = []
    for s in a.scenarios:
        f = perimeter.coverage(s, a.inventory, **a.coverage_inputs)
        rows.append({"name": s.name, "validated": validated.get(s.scenario_id, False), "actors_in": f["actors_in"],
                     "share_in": f["share_in"], "leaders_in": f["leaders_in"], "stages_in": len(f["stages"]),
                     "common_covered": f["common_covered"], "citations_covered": f["citations_covered"],
                     "conflicts_in": f["conflicts_in"]})
    frame = pd.DataFrame(rows, columns=["name", "validated", "actors_in", "share_in", "leaders_in", "stages_in",
                                        "common_covered", "citations_covered", "conflicts_in"])
    return frame.sort_values(["validated", "common_covered", "actors_in", "name"],
                             ascending=[False, False, False, True], ignore_index=True)


def _strategy(a: Analysis, lang: str) -> Chapter | None:
    """Phase III: the balance of power between the actors, the objectives that rally or split them, the
    strongest alliances and conflicts (MACTOR, on the confirmed and proposed matrices the page shows)."""
    balance = a.mactor_actors
    if not len(balance) or not len(a.objectives):
        return None
    chapter = Chapter(t("report.strategy", lang))
    chapter.add(Paragraph(t("report.strategy_intro", lang, actors=number(len(balance), lang),
                            objectives=number(len(a.objectives), lang))))
    top = balance.sort_values(["r_star", "name"], ascending=[False, True]).head(SHORT)
    chapter.add(Figure(t("report.balance", lang), figures.bars(
        top["name"].tolist(), top["r_star"].tolist(), t("report.balance", lang), t("report.unit_r_star", lang),
        _source(lang, "mactor_actors.csv"), lang, decimals=2), _source(lang, "mactor_actors.csv")))
    chapter.add(_table(top[["name", "influence", "dependence", "r_star", "quadrant"]].assign(
        quadrant=[t(f"report.mactor_{q}", lang) for q in top["quadrant"]]),
        t("report.balance_table", lang), _source(lang, "mactor_actors.csv"), lang,
        {"influence": ("number", 0), "dependence": ("number", 0), "r_star": ("number", 2)}, "mactor_actors"))
    objectives = a.mobilisation
    chapter.add(_table(objectives[["objective", "stake", "mobilisation_for_mao3", "mobilisation_against_mao3"]],
                       t("report.mobilisation", lang), _source(lang, "objectives.csv"), lang,
                       {"mobilisation_for_mao3": ("number", 1), "mobilisation_against_mao3": ("number", 1)},
                       "objectives"))
    names = a.names
    pairs = a.mactor_pairs
    for column, title in (("caa2", "report.alliances"), ("daa2", "report.conflicts")):
        strongest = pairs[pairs[column] > 0].sort_values(column, ascending=False).head(5)
        if len(strongest):
            chapter.add(_table(pd.DataFrame({"actor_a": strongest["actor_a"].map(names),
                                             "actor_b": strongest["actor_b"].map(names),
                                             column: strongest[column]}),
                               t(title, lang), _source(lang, "mactor_pairs.csv"), lang, {column: ("number", 1)}))
    return chapter


def _portfolio(a: Analysis, lang: str) -> Chapter | None:
    """Phase III: what the actors expect and can bring, the candidate joint projects on the operability grid,
    their verdicts, and the breaks in the coherence chain (the portfolio page's views)."""
    projects = a.projects
    if not len(projects):
        return None
    chapter = Chapter(t("report.portfolio", lang))
    verdicts = projects["verdict"].fillna("none")
    chapter.add(Paragraph(t("report.portfolio_intro", lang, projects=number(len(projects), lang),
                            retained=number(int((verdicts == "retained").sum()), lang),
                            actions=number(int(projects["plan_actions"].sum()), lang),
                            budget=number(float(projects["plan_budget"].sum()), lang))))
    offers = a.needs_offers
    for field in ("expectations", "capacities"):
        top = offers[offers["field"] == field].head(SHORT)
        if len(top):
            chapter.add(_table(top[["theme", "actors", "mentions", "weight"]],
                               f"{t('report.needs_of', lang)} — {t(f'field.{field}', lang)}",
                               _source(lang, "needs_offers.csv"), lang,
                               {"actors": ("number", 0), "mentions": ("number", 0), "weight": ("number", 1)}))
    if len(a.needs_matches):
        chapter.add(_table(a.needs_matches[["expectation", "expecting_actors", "capacity", "offering_actors"]].head(
            SHORT), t("report.needs_offers", lang), _source(lang, "needs_offers.csv"), lang, {}))
    ranked = projects.sort_values(["score", "title"], ascending=[False, True])
    drawn = ranked[["title", "feasibility", "impact", "actors"]].assign(
        verdict=[t(f"portfolio.verdict_{v}", lang) for v in ranked["verdict"].fillna("none")])
    chapter.add(Figure(t("report.portfolio_chart", lang), figures.portfolio(
        drawn, t("report.portfolio_chart", lang), t("portfolio.feasibility", lang), t("portfolio.impact", lang),
        _source(lang, "projects.csv"), lang), _source(lang, "projects.csv")))
    chapter.add(_table(ranked[["title", "actors", "carrier", "score", "impact", "feasibility"]].assign(
        verdict=[t(f"portfolio.verdict_{v}", lang) for v in ranked["verdict"].fillna("none")]),
        t("report.projects", lang), _source(lang, "projects.csv"), lang,
        {"actors": ("number", 0), "score": ("number", 2), "impact": ("number", 2), "feasibility": ("number", 2)},
        "projects"))
    breaks = a.coherence[a.coherence["kind"] == "break"]
    if len(breaks):
        chapter.add(_table(pd.DataFrame({
            "issue": [t(f"coherence.issue_{i}", lang) for i in breaks["issue"]],
            "what": [p if isinstance(p, str) else q for p, q in zip(breaks["project"], breaks["problem"],
                                                                    strict=True)]}),
            t("report.coherence_breaks", lang), _source(lang, "coherence.csv"), lang, {}))
    return chapter


def _plan(a: Analysis, lang: str) -> Chapter | None:
    actions = a.actions
    if not len(actions):
        return None
    chapter = Chapter(t("report.plan", lang))
    total = actions["budget"].sum()
    done = (actions["status_key"] == "done").sum()
    late = actions["late"].fillna(False).astype(bool).sum()
    chapter.add(Paragraph(t("report.plan_intro", lang, actions=number(len(actions), lang),
                            budget=number(total, lang), done=number(done, lang), late=number(late, lang))))
    by_phase = actions.groupby(actions["phase"].fillna(MISSING).astype(str))["budget"].sum()
    by_phase = by_phase.reindex([p for p in (*PHASES, MISSING) if p in by_phase.index])
    chapter.add(Figure(t("report.budget_by_phase", lang), figures.bars(
        [t("phase", lang, phase=p) for p in by_phase.index], by_phase.tolist(), t("report.budget_by_phase", lang),
        t("report.unit_budget", lang), _source(lang, "action_plan.csv"), lang), _source(lang, "action_plan.csv")))
    by_source = (actions.groupby(actions["funding_source"].fillna(MISSING))["budget"].agg(["sum", "count"])
                 .sort_values("sum", ascending=False).reset_index()
                 .rename(columns={"sum": "budget", "count": "actions"}))
    chapter.add(_table(by_source, t("report.budget_by_source", lang), _source(lang, "action_plan.csv"), lang,
                       {"budget": ("number", 0), "actions": ("number", 0)}))
    by_status = (actions.groupby(actions["status"].fillna(MISSING))
                 .agg(actions=("action_id", "count"), budget=("budget", "sum"), progress=("progress", "mean"))
                 .sort_values("actions", ascending=False).reset_index())
    chapter.add(_table(by_status, t("report.by_status", lang), _source(lang, "action_plan.csv"), lang,
                       {"actions": ("number", 0), "budget": ("number", 0), "progress": ("number", 0)}))
    calendar = actions.assign(done=actions["status_key"] == "done").sort_values(["done", "start", "action_id"])[
        ["title", "phase", "owner", "start", "end", "budget", "status", "progress"]]
    chapter.add(*_long(calendar, t("report.calendar_actions", lang), _source(lang, "action_plan.csv"), lang,
                       {"start": ("day", 0), "end": ("day", 0), "budget": ("number", 0), "progress": ("number", 0)},
                       "", None, t("report.annex_action_plan", lang), "report.order_actions"))
    return chapter


def _governance(a: Analysis, lang: str, annex: list[Table]) -> Chapter | None:
    """Governance and participation: who came, what was decided and what became of it, who is on board."""
    held = a.meetings
    if not len(held):
        return None
    chapter = Chapter(t("report.governance", lang))
    came = a.attendance
    rate = (came["status"] == "present").mean() if len(came) else float("nan")
    decided = a.decisions
    chapter.add(Paragraph(t("report.governance_intro", lang, meetings=number(len(held), lang),
                            attendance=percent(rate, lang), decisions=number(len(decided), lang),
                            late=number(int(decided["late"].sum()), lang),
                            attended=number(int(a.adhesion["attended"].sum()), lang),
                            actors=number(len(a.adhesion), lang))))
    funnel = a.adhesion_funnel
    chapter.add(Figure(t("report.funnel", lang), figures.bars(
        [t(f"adhesion.{s}", lang) for s in funnel["adhesion_stage"]], funnel["actors"].tolist(),
        t("report.funnel", lang), t("report.unit_actors", lang), _source(lang, "adhesion_funnel.csv"), lang),
        _source(lang, "adhesion_funnel.csv")))
    chapter.add(_table(funnel.assign(adhesion_stage=[t(f"adhesion.{s}", lang) for s in funnel["adhesion_stage"]]),
                       t("report.funnel", lang), _source(lang, "adhesion_funnel.csv"), lang,
                       {"actors": ("number", 0), "share": ("percent", 0), "at_stage": ("number", 0)},
                       "adhesion_funnel"))
    if len(a.trust_barometer):
        chapter.add(Paragraph(t("report.barometer_intro", lang)))
        barometer = a.trust_barometer.drop(columns="meeting_id")
        chapter.add(*_long(barometer, t("report.barometer", lang), _source(lang, "trust_barometer.csv"), lang,
                           {"date": ("day", 0), **{c: ("number", 2) for c in (*adhesion.COMPONENTS, "trust")}},
                           "trust_barometer", annex, t("report.annex_barometer", lang), "report.order_barometer",
                           barometer.tail(SHORT)))
    if len(decided):  # the late ones first (decisions.follow_up)
        chapter.add(*_long(decided[["date", "meeting", "text", "owner", "due", "status", "late"]],
                           t("report.decisions", lang), _source(lang, "decision_follow_up.csv"), lang,
                           {"date": ("day", 0), "due": ("day", 0), "late": ("yes", 0)}, "decision_follow_up", annex,
                           t("report.annex_decisions", lang), "report.order_decisions"))
    if len(a.drifting):
        drifting = a.drifting.sort_values(["missed_in_a_row", "name"], ascending=[False, True])
        chapter.add(*_long(drifting[["name", "invited", "attended", "last_present", "missed_in_a_row"]],
                           t("report.drifting", lang), _source(lang, "drifting_actors.csv"), lang,
                           {"invited": ("number", 0), "attended": ("number", 0), "last_present": ("day", 0),
                            "missed_in_a_row": ("number", 0)}, "drifting_actors", annex,
                           t("report.annex_drifting", lang), "report.order_drifting"))
    return chapter


def _quality(a: Analysis, lang: str) -> Chapter:
    """What the data lack (only the checks that found something: the overview's warnings) and the settings."""
    chapter = Chapter(t("report.quality", lang))
    if len(a.inventory):  # with no actor, every check finds nothing: where the project stands says what is missing
        warnings = {k: len(v) for k, v in overview.quality_warnings(a.con, a.pid).items() if len(v)}
        if warnings:
            rows = pd.DataFrame({"warning": [t(f"quality.{k}", lang, n=number(n, lang)) for k, n in warnings.items()]})
            chapter.add(_table(rows, t("report.quality_warnings", lang), _source(lang, "actors.csv", "items.csv"),
                               lang, {}))
        else:
            chapter.add(Paragraph(t("report.quality_none", lang)))
    changed = settings.table(a.settings)
    changed = changed[changed["value"].astype(str) != changed["default"].astype(str)]
    chapter.add(Paragraph(t("report.settings_changed" if len(changed) else "report.settings_default", lang)))
    if len(changed):
        chapter.add(_table(changed, t("report.settings", lang), _source(lang, "settings.csv"), lang, {}))
    return chapter


# -- annexes ------------------------------------------------------------------------------------------

def _full_tables(a: Analysis, lang: str, shortened: list[Table]) -> Chapter | None:
    """The full tables: every actor, problem and action, the scenarios and what each holds, and the whole of each
    table a chapter shortened (`shortened`)."""
    chapter = Chapter(t("report.annex_tables", lang))
    if len(a.actor_metrics):
        chapter.add(_table(a.actor_metrics[["rank", "actor_id", "name", "leader", "score", "completeness"]],
                           t("report.annex_actor_metrics", lang), _source(lang, "actor_metrics.csv"), lang,
                           {"rank": ("number", 0), "leader": ("yes", 0), "score": ("number", 4),
                            "completeness": ("percent", 0)}, "actor_metrics"))
    if len(a.problem_ranking):
        chapter.add(_table(a.problem_ranking[["problem", "actors", "mentions", "mean_severity", "score", "borda",
                                              "votes", "pairwise_wins"]],
                           t("report.annex_problem_ranking", lang), _source(lang, "problem_ranking.csv"), lang,
                           {"actors": ("number", 0), "mentions": ("number", 0), "mean_severity": ("number", 2),
                            "score": ("number", 4), "borda": ("number", 1), "votes": ("number", 0),
                            "pairwise_wins": ("number", 1)}, "problem_ranking"))
    if len(a.actions):
        chapter.add(_table(a.actions[["action_id", "title", "phase", "owner", "start", "end", "budget",
                                      "funding_source", "status", "progress"]],
                           t("report.annex_action_plan", lang), _source(lang, "action_plan.csv"), lang,
                           {"start": ("day", 0), "end": ("day", 0), "budget": ("number", 2), "progress": ("number", 0)},
                           "action_plan"))
    scenarios = a.perimeters
    if len(scenarios):
        columns = [c for c in ("name", "validated", "stages", "regions", "localities", "categories", "problems",
                               "added", "removed", "rationale") if c in scenarios.columns]
        chapter.add(_table(scenarios[columns], t("report.annex_perimeters", lang), _source(lang, "perimeters.csv"),
                           lang, {"validated": ("yes", 0)}, "perimeters"))
    chapter.add(*shortened)
    return chapter if chapter.blocks else None


def _evidence(a: Analysis, lang: str) -> Chapter | None:
    """Who said it: for each SWOT theme the chapter shows and each retained problem, the actors and their words,
    with the file, sheet and Excel row each comes from."""
    sources = _sources(a)
    chapter = Chapter(t("report.annex_evidence", lang))
    chapter.add(Paragraph(t("report.evidence_intro", lang)))
    swot = a.swot_items
    summary = a.swot_summary
    for quadrant in QUADRANTS:
        themes = summary[summary["quadrant"] == quadrant].sort_values(
            ["actors", "mentions", "theme"], ascending=[False, False, True]).head(SHORT)["theme"]  # the chapter's
        for theme in themes:
            said = swot[(swot["field"] == quadrant) & (swot["theme"] == theme)]
            chapter.add(_quotes(said, f"{t(f'field.{quadrant}', lang)} — {theme}", sources, lang))
    ranked = a.problem_ranking
    retained = a.shortlist["problem"].tolist() if len(a.shortlist) else ranked.loc[ranked["common"], "problem"].tolist()
    items = a.problem_items
    for problem in retained:
        chapter.add(_quotes(items[items["problem"] == problem], f"{t('field.problem', lang)} — {problem}", sources,
                            lang))
    return chapter if len(chapter.blocks) > 1 else None


KEY = ["interview_id", "actor_id", "field", "text"]  # what ties an item of the views to its row of `items`


def _sources(a: Analysis) -> pd.DataFrame:
    """Where each item comes from: an interview's item, its interview's file, sheet and row; a problem of the long
    form, its own sheet and row in its imported file; an item typed in the room, its author."""
    found = a.con.cursor().execute("""
        SELECT i.interview_id, i.actor_id, i.field, i.text, i.author, i.position,
               coalesce(v.source_file, b.file_name) AS source_file,
               coalesce(v.source_sheet, i.source_sheet) AS source_sheet,
               coalesce(v.source_row, i.source_row) AS source_row
        FROM items i LEFT JOIN interviews v ON v.project_id = i.project_id AND v.interview_id = i.interview_id
        LEFT JOIN batches b ON b.batch_id = i.batch_id
        WHERE i.project_id = ?
        ORDER BY i.interview_id NULLS LAST, i.actor_id, i.field, source_row, i.position""", [a.pid]).df()
    return found.assign(**{k: found[k].astype(object).where(found[k].notna(), "") for k in KEY})


def _quotes(said: pd.DataFrame, title: str, sources: pd.DataFrame, lang: str) -> Table | None:
    """The first words said of a theme or problem, each with where it comes from (`_sources`): an item is joined to
    its own source (its interview, or its own row of the long form), each quotation listed once."""
    if not len(said):
        return None
    said = said[["actor", *KEY]].assign(**{k: said[k].astype(object).where(said[k].notna(), "") for k in KEY})
    rows = said.drop_duplicates(KEY).merge(sources, on=KEY, how="left")
    room = t("report.from_the_room", lang)
    typed = rows["author"].notna() & (rows["interview_id"] == "") & rows["source_sheet"].isna()
    frame = pd.DataFrame({
        "actor": rows["actor"].where(rows["actor"].notna(), room),
        "words": rows["text"],
        "source_file": rows["source_file"].where(~typed, room).fillna(MISSING),
        "source_sheet": rows["source_sheet"].where(~typed, room).fillna(MISSING),
        "source_row": [room if by_hand else number(v, lang) if pd.notna(v) else MISSING
                       for v, by_hand in zip(rows["source_row"], typed, strict=True)],
    }).drop_duplicates().head(EVIDENCE_WORDS)
    return _table(frame, title, _source(lang, "items.csv", "interviews.csv"), lang, {})
