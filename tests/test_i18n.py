"""French and English: the same keys, the same placeholders, no raw key on any page."""
import re
import string

import pytest

from clusterlab.i18n import catalogue, normalise_language, t
from tests.apptest import PAGES, app, every_tab, raw_keys


def test_catalogues_have_the_same_keys():
    assert set(catalogue("fr")) == set(catalogue("en"))


def test_catalogues_have_the_same_placeholders():
    def fields(text):
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    fr, en = catalogue("fr"), catalogue("en")
    assert {k: fields(v) for k, v in fr.items()} == {k: fields(v) for k, v in en.items()}


def test_every_key_used_in_the_code_is_in_the_catalogue():
    from tests.conftest import ROOT

    used = set()
    for path in [*ROOT.glob("app_pages/*.py"), *ROOT.glob("clusterlab/**/*.py"), ROOT / "app.py"]:
        for m in re.finditer(r"""\btr?\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text(encoding="utf-8")):
            if not m.group(1).endswith(("_", ".")):  # a prefix completed at run time
                used.add(m.group(1))
    assert used and used <= set(catalogue("en")), used - set(catalogue("en"))


def test_language_codes():
    assert normalise_language("fr-FR") == "fr" and normalise_language("en_GB") == "en"
    assert normalise_language("ar-LB") == "fr" and normalise_language(None) == "fr"
    assert t("page.overview", "en") == "Overview" and t("page.overview", "fr") == "Vue d'ensemble"


@pytest.mark.apptest
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_a_raw_key(page, lang, demo_db):
    at = app({"lang": lang}).run()
    if page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception
    assert raw_keys(at) == []
    for tab in every_tab(at, page):
        assert not at.exception, tab
        assert raw_keys(at) == [], tab


def test_a_count_of_one_takes_the_singular_and_french_zero_too():
    assert t("rows.actors", "en", n=1) == "1 actor" and t("rows.actors", "en", n=0) == "0 actors"
    assert t("rows.actors", "en", n=2) == "2 actors"
    assert t("rows.actors", "fr", n=0) == "0 acteur" and t("rows.actors", "fr", n=1) == "1 acteur"
    assert t("rows.actors", "fr", n=3) == "3 acteurs"
    import numpy as np
    assert t("swot.of", "en", who="Leaders", n=np.int64(1)) == "SWOT of: Leaders (1 actor)", "a count from pandas"
    assert t("step.detail", "en", n=1) == "(1)", "a key with no singular form keeps its one text"


def test_every_singular_form_has_its_plural_key():
    assert all(k.removesuffix(".one") in catalogue("en") for k in catalogue("en") if k.endswith(".one"))
