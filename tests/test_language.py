"""The interface in one language: every page of the demo, in French, names its tables' columns, its charts'
axes, legends and traces, and its widgets in French: no contract field name (`actor_id`, `degree_in`,
`strengths`…) and none of Streamlit's own English defaults ("Choose an option", "No results"). The CSV
files keep the field names: they are an interface (tested in test_export.py)."""
from itertools import chain

import pytest

from clusterlab import analysis, contract, leaders, perimeter, problems, store, swot, votes
from clusterlab.i18n import t
from tests.apptest import PAGES, STREAMLIT_DEFAULTS, app, every_tab, page, shown_names, texts

pytestmark = pytest.mark.apptest


def field_names(con, pid) -> set[str]:
    """The names a user must never read: the contract's fields, the derived views' columns, the list fields."""
    names = {f for table in contract.TABLES.values() for f in table.field_names}
    for view in analysis.of(con, pid).views().values():
        names |= {str(c) for c in view.columns}
    names |= {"strengths", "weaknesses", "opportunities", "threats", "mentions", "problem_a", "problem_b", "winner",
              "kendall_tau", "distinct_answers", "interview_id", "question", "answer", "dots", "participants"}
    return {n for n in names if "_" in n or n.isascii() and n.islower() and len(n) > 2}


@pytest.fixture
def busy_demo(demo_db):
    """The demo with something in every corner: scenarios, a vote with a ballot, a short list, a pair compared,
    a leader chosen by hand, a strategic option; so that every conditional table is drawn."""
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    perimeter.save(con, pid, perimeter.Scenario("Zahlé", regions=["Zahlé"]))
    perimeter.save(con, pid, perimeter.Scenario("Amont", stages=["production", "collecte"]))
    vote_id = votes.open_vote(con, pid, "AP 2", ["Prix du lait instable", "Manque de chaîne du froid"], 3)
    votes.cast(con, vote_id, "p1", {"Prix du lait instable": 2})
    problems.retain(con, pid, "Prix du lait instable", "partout")
    problems.compare(con, pid, "Prix du lait instable", "Manque de chaîne du froid", "Prix du lait instable")
    leaders.set_override(con, pid, "A005", True, "groupe des femmes")
    summary = swot.matrix(swot.items(con, pid))
    first = summary.groupby("field")["theme"].first()
    swot.add_option(con, pid, "SO", first["strengths"], first["opportunities"], "Une option", "CT")
    forbidden = field_names(con, pid)
    con.close()
    return vote_id, forbidden


@pytest.mark.parametrize("file", PAGES)
def test_every_page_speaks_french_only(busy_demo, file):
    vote_id, forbidden = busy_demo
    at = app({"lang": "fr", "vote": str(vote_id)}).run()
    if file != PAGES[0]:
        page(at, file)
    else:  # the overview shows a data-quality list on demand: its table's headers speak French too
        at.pills(key="quality_shown").set_value("unlinked_partners").run()
    assert not at.exception
    tables = 0
    for tab in chain([""], every_tab(at, file)):  # only the open tab runs: each in turn
        assert not at.exception, tab
        tables += len(at.dataframe)
        named = shown_names(at)
        raw = sorted({(where, text) for where, text in named if text in forbidden})
        assert raw == [], f"field names on screen ({tab}): {raw}"
        blank = sorted({where for where, text in named if where.endswith("placeholder") and not text.strip()})
        assert blank == [], f"a selectbox or multiselect left with Streamlit's English placeholder ({tab})"
        english = sorted({text for text in texts(at) for default in STREAMLIT_DEFAULTS if default in text})
        assert english == [], tab
    if file.endswith("vote.py"):
        assert at.get("number_input"), "the ballot is drawn"
    elif file.endswith("checkin.py"):
        assert [i.value for i in at.info] == [t("checkin.no_meeting", "fr")], "no meeting's link: it says so"
    else:
        assert tables or file.endswith(("import_data.py", "report.py")), "the page shows its tables"
