"""Honest guidance through AppTest: the overview's steps agree with the pages (the leaders page's count, the
leaders' SWOT one click away and counted once looked at), the seed's phase names in both languages."""
import re

import pytest

from clusterlab import analysis, leaders, store
from tests.apptest import app, page, show_tab

pytestmark = pytest.mark.apptest


def _step(at, text: str) -> str:
    return next(m.value for m in at.markdown if "material/" in m.value and text in m.value)


def test_the_overview_counts_the_leaders_the_leaders_page_shows(demo_db):
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    expected = len(analysis.of(con, pid).leaders)
    con.close()
    assert expected > 0, "the demo's score names leaders"
    at = app({"lang": "en"}).run()
    step = _step(at, "Leader actors identified")
    assert "check_circle" in step and step.endswith(f"({expected})")
    at = show_tab(page(at, "app_pages/actors.py"), "actors_tab", "actors.tab_leaders")
    scores = next(d.value for d in at.dataframe if "score" in d.value.columns and "leader" in d.value.columns)
    assert int(scores["leader"].sum()) == expected
    assert f"{expected} of them leaders" in " ".join(c.value for c in at.caption)


def test_a_leader_unmarked_by_hand_leaves_the_overview_with_the_same_count_as_the_page(demo_db):
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    first = sorted(analysis.of(con, pid).leaders)[0]
    leaders.set_override(con, pid, first, False, "not active any more")
    expected = len(analysis.of(con, pid).leaders)
    con.close()
    at = app({"lang": "en"}).run()
    assert _step(at, "Leader actors identified").endswith(f"({expected})")


def test_the_leaders_swot_is_one_click_from_the_swot_page_and_counts_once_looked_at(demo_db):
    at = app({"lang": "en"}).run()
    assert "radio_button_unchecked" in _step(at, "SWOT of the leaders looked at or coded")
    at = page(at, "app_pages/swot.py")
    at.segmented_control(key="swot_scope").set_value("leaders").run()
    assert not at.exception
    caption = next(c.value for c in at.caption if c.value.startswith("SWOT of:"))
    n = int(re.search(r"\((\d+) actors\)", caption).group(1))
    con = store.connect(demo_db)
    assert n == len(analysis.of(con, store.project_id(con, "demo")).leaders)
    con.close()
    at = page(at, "app_pages/overview.py")
    step = _step(at, "SWOT of the leaders looked at or coded")
    assert "check_circle" in step and re.search(r"\(\d+ themes\)$", step)


def test_the_phases_are_the_seeds_in_both_languages(demo_db):
    fr = app({"lang": "fr"}).run()
    shown = [m.value for m in fr.markdown]
    assert "**Phase I — La plateforme opérationnelle**" in shown
    assert "**Phase IV — Appui à la mise en place du cluster**" in shown
    en = app({"lang": "en"}).run()
    assert "**Phase IV — Support for setting up the cluster**" in [m.value for m in en.markdown]
