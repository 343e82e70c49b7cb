"""The overview's bars in plain HTML (ui/bars.py) and the browser's warm-up of element scripts (ui/warmup.py)."""
import re

import pandas as pd
import pytest

from clusterlab.ui import warmup
from clusterlab.ui.bars import bars_html
from tests.apptest import app, page


def test_each_bar_is_as_long_as_its_share_of_the_largest_and_says_its_count():
    counts = pd.DataFrame({"stage": ["production", "collecte", None], "actors": [12, 3, 6]})
    html = bars_html(counts, "stage", "actors", "Actors by stage")
    assert re.findall(r'width:([\d.]+)%', html) == ["100.0", "25.0", "50.0"]
    assert re.findall(r'cl-bar-value">(\d+)<', html) == ["12", "3", "6"]
    assert re.findall(r'cl-bar-label">([^<]*)<', html) == ["production", "collecte", "—"]  # no stage: a dash
    assert 'aria-label="Actors by stage"' in html


def test_labels_are_data_never_html_and_any_script_is_kept():
    hostile = '<img src=x onerror=alert(1)> **bold** [a](http://example.com) تعاونية النور'
    html = bars_html(pd.DataFrame({"category": [hostile], "actors": [1]}), "category", "actors", 'Title "<b>"')
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "تعاونية النور" in html and "**bold**" in html
    assert 'aria-label="Title &quot;&lt;b&gt;&quot;"' in html


def test_no_count_draws_no_bar():
    assert 'class="cl-bar"' not in bars_html(pd.DataFrame({"stage": [], "actors": []}), "stage", "actors", "T")


def test_the_warm_up_finds_this_streamlits_table_and_chart_scripts():
    """A Streamlit upgrade that renames them would silently end the warm-up: this says so."""
    found = warmup.scripts()
    assert [name.split(".")[0] for name in found] == list(warmup.LATER)
    assert all(name.endswith(".js") for name in found)
    assert "__SCRIPTS__" in warmup.SCRIPT.read_text(encoding="utf-8")


def _warms_up(at) -> bool:
    return any("clusterlabWarmedUp" in (e.proto.body or "") for e in at.get("html"))


@pytest.mark.apptest
def test_every_page_but_the_rooms_warms_the_browser_up(demo_db):
    """A ballot or a check-in is opened on a phone: it is not sent plotly's 4.7 MB for pages it will not open."""
    at = app({"lang": "en"}).run()
    assert not at.exception and _warms_up(at)  # the overview
    for file in ("app_pages/vote.py", "app_pages/checkin.py"):
        at = page(at, file)
        assert not at.exception and not _warms_up(at), file
    assert _warms_up(page(at, "app_pages/plan.py"))
