"""The field-of-action page through AppTest: two scenarios built, compared, one validated then re-opened."""
import pytest

from clusterlab import perimeter, store
from tests.apptest import app, as_shown, in_form, page, show_tab

pytestmark = pytest.mark.apptest


def build(at, name, **choices):
    in_form(at, "text_input", "sc_name").set_value(name)
    for key, value in choices.items():
        in_form(at, "multiselect", key).set_value(value)
    next(b for b in at.button if b.label == "Save the scenario").click()
    return at.run()


def test_build_compare_validate_and_reopen(raw_demo_db):  # the demo's data, before this step was done
    at = page(app({"lang": "en"}).run(), "app_pages/perimeter.py")
    build(at, "Zahlé", sc_regions=["Zahlé"])
    assert [as_shown(t.value) for t in at.toast] == ["Scenario saved: Zahlé"]
    assert in_form(at, "multiselect", "sc_regions").value == []  # the next scenario starts empty
    build(at, "Production and collection", sc_stages=["production", "collecte"])
    assert not at.exception
    show_tab(at, "perimeter_tab", "perimeter.tab_compare")
    compared = next(d.value for d in at.dataframe if "figure" in d.value.columns)
    row = compared.set_index("figure").loc["Actors inside"]  # the figure as the page names it
    assert row.tolist() == ["30", "19"]
    assert len(at.get("plotly_chart")) == 2
    show_tab(at, "perimeter_tab", "perimeter.tab_validate")
    in_form(at, "selectbox", "sc_validate").set_value(1)
    in_form(at, "text_input", "sc_who").set_value("CP 1")
    next(b for b in at.button if b.label == "Validate").click()
    at.run()
    assert [s.value for s in at.success] == ["Validated perimeter in force: Zahlé"]
    overview = app({"lang": "en"}).run()
    assert any("check_circle" in m.value and "Field of action validated" in m.value for m in overview.markdown)
    at.button(key="sc_reopen").click().run()
    con = store.connect(raw_demo_db)
    pid = store.project_id(con, "demo")
    assert perimeter.validated(con, pid) is None
    assert perimeter.history(con, pid)["event"].tolist() == ["validated", "reopened"]
    con.close()


def test_the_comparison_reports_conflicts_inside_and_states_the_coverage_formula(demo_db):
    at = page(app({"lang": "en"}).run(), "app_pages/perimeter.py")
    build(at, "Everyone")
    build(at, "Processing", sc_stages=["transformation"])
    show_tab(at, "perimeter_tab", "perimeter.tab_compare")
    compared = next(d.value for d in at.dataframe if "figure" in d.value.columns).set_index("figure")
    # the demo's 5 conflicts are all between actors of the valley: all inside "Everyone", none among processors
    assert compared.loc["Conflicts inside (pairs of actors)"].tolist() == ["5", "0"]
    assert compared.loc["Common problems covered (mean share of their citing actors)"].tolist()[0] == "1.0"
    assert any("mean, over the common problems, of the share of the actors citing each that are inside" in c.value
               for c in at.caption)


def test_a_scenario_starts_empty_or_from_an_explicit_copy_and_is_saved_once(raw_demo_db):  # before any scenario
    at = page(app({"lang": "en"}).run(), "app_pages/perimeter.py")
    build(at, "Zahlé", sc_regions=["Zahlé"], sc_stages=["production"])
    next(b for b in at.button if b.label == "Save the scenario").click()  # clicked again, nothing typed: refused
    at.run()
    assert any("name" in e.value for e in at.error)
    in_form(at, "selectbox", "sc_origin").set_value(1).run()  # a copy of "Zahlé", chosen
    assert in_form(at, "multiselect", "sc_regions").value == ["Zahlé"]
    assert in_form(at, "multiselect", "sc_stages").value == ["production"]
    build(at, "Zahlé, all stages", sc_stages=[])
    con = store.connect(raw_demo_db)
    saved = perimeter.scenarios(con, store.project_id(con, "demo"))
    con.close()
    assert [(s.name, s.regions, s.stages) for s in saved] == [("Zahlé", ["Zahlé"], ["production"]),
                                                             ("Zahlé, all stages", ["Zahlé"], [])]
