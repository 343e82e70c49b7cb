"""Data in any script: actors, places and list items written in Arabic, Greek, Cyrillic or Turkish
are kept, linked, coded into themes, ranked and exported like Latin text."""
import random
import unicodedata

import pandas as pd
import pytest

from clusterlab import analysis, exporter, importer, store
from clusterlab.linking import id_key
from clusterlab.text import fold, header_key, loose_key, name_key, tokens
from clusterlab.themes import wording_key
from clusterlab.values import parse_date, parse_number, parse_scale, split_severity
from tests.workbooks import write_xlsx

NOUR, AMAL, AMAL_MILK = "Coopérative النور", "Coopérative الأمل", "تعاونية الأمل للحليب"
GREEK, CYRILLIC, TURKISH = "Συνεταιρισμός Αθηνά", "Молочный кооператив Заря", "İzmir Süt Kooperatifi Işık"
EL_AMAL = "Coopérative El Amal"  # the Latin transliteration of AMAL: another actor, no id links them
FEED, WATER, MARKETING = "ارتفاع أسعار الأعلاف", "نقص المياه", "صعوبة التسويق"
GREEN_FEED, GREEN_FEED_AGAIN = "قلة الأعلاف الخضراء", "قله الاعلاف الخضراء"  # hamza and taa marbuta dropped

ACTORS = [
    ["ID", "Nom", "Catégorie", "Région", "Influence", "Intérêt"],
    ["DU-٠٠١", NOUR, "تعاونية", "البقاع", "٤", "٣"],
    ["DU-٠٠٢", AMAL, "coopérative", "Zahlé", "٥", "٢"],
    ["DU-٠٠٣", AMAL_MILK, "تعاونية", "البقاع", 3, "٥"],
    ["DU-٠٠٤", GREEK, "συνεταιρισμός", "Αττική", 2, 2],
    ["DU-٠٠٥", CYRILLIC, "кооператив", "Тверь", 1, 4],
    ["DU-٠٠٦", TURKISH, "kooperatif", "İzmir", 4, 4],
    ["DU-٠٠٧", EL_AMAL, "coopérative", "Zahlé", 3, 3],
]
GRID = [
    ["N° acteur", "Acteur", "Date", "Forces", "Problèmes", "Volonté de collaborer"],
    [None, NOUR, "١٢/٠٣/٢٠٢٦", "جودة الحليب؛ خبرة طويلة", f"{FEED} (٥)\n{WATER} (٣)", "٤"],
    [None, "coopérative الامل", "٢٠٢٦-٠٣-١٤", "جودة الحليب", f"{GREEN_FEED} (٤)", "٥"],
    [None, "تعاونيّة الأمل للحليب", None, "خبرة طويلة", f"{MARKETING} (٢)؛ {GREEN_FEED_AGAIN}", 3],
    ["DU-4", None, None, "Καλή ποιότητα", None, None],
    [None, "МОЛОЧНЫЙ КООПЕРАТИВ ЗАРЯ", None, "Хорошее молоко", None, 2],
    [None, "İZMİR SÜT KOOPERATİFİ IŞIK", None, "İyi süt", None, 4],
    [None, "Cooperative el amal", None, "Savoir-faire", None, 3],
]
LISTED = [(f"DU-{d}", name) for d, name in zip("٠٠١ ٠٠٢ ٠٠٣ ٠٠٤ ٠٠٥ ٠٠٦ ٠٠٧".split(),
                                                    [NOUR, AMAL, AMAL_MILK, GREEK, CYRILLIC, TURKISH, EL_AMAL])]


@pytest.fixture
def loaded(con, tmp_path):
    """The workbook above, imported into project `scripts`; its report and project id."""
    path = write_xlsx(tmp_path / "أعضاء التعاونيات.xlsx", {"Acteurs": ACTORS, "Entretiens": GRID})
    report = importer.import_files(con, [path], "scripts")
    assert not report.refused, report.message()
    return report, store.project_id(con, "scripts", create=False)


def actor_names(con, pid) -> list[tuple[str, str]]:
    return con.execute("SELECT actor_id, name FROM actors WHERE project_id = ? ORDER BY actor_id", [pid]).fetchall()


def test_every_actor_is_kept_and_every_interview_goes_to_its_own_actor(con, loaded):
    report, pid = loaded
    assert actor_names(con, pid) == LISTED
    assert report.created_actors == []
    assert report.loaded["interviews"] == 7
    assert [f.key for f in report.flags if f.level == "error"] == []
    linked = con.execute("""SELECT i.source_row, a.name, i.date, i.willingness FROM interviews i
                            JOIN actors a USING (project_id, actor_id) WHERE i.project_id = ? ORDER BY i.source_row""",
                         [pid]).fetchall()
    assert [(row, name) for row, name, *_ in linked] == [
        (2, NOUR), (3, AMAL), (4, AMAL_MILK), (5, GREEK), (6, CYRILLIC), (7, TURKISH), (8, EL_AMAL)]
    assert [str(d) for _, _, d, _ in linked[:2]] == ["2026-03-12", "2026-03-14"]
    assert [w for *_, w in linked] == [4, 5, 3, None, 2, 4, 3]
    scores = con.execute("SELECT influence, interest FROM actors WHERE project_id = ? ORDER BY actor_id LIMIT 3",
                         [pid]).fetchall()
    assert scores == [(4, 3), (5, 2), (3, 5)]


def test_categories_and_regions_in_other_scripts_are_grouped_apart(con, loaded):
    from clusterlab import actors

    _, pid = loaded
    inventory = actors.inventory(con, pid).set_index("name")
    assert inventory.loc[[NOUR, AMAL_MILK, GREEK, CYRILLIC, TURKISH], "category"].tolist() == [
        "تعاونية", "تعاونية", "συνεταιρισμός", "кооператив", "kooperatif"]
    assert inventory.loc[[NOUR, GREEK, CYRILLIC], "region"].tolist() == ["البقاع", "Αττική", "Тверь"]


def test_arabic_problems_are_ranked_apart_and_spellings_of_one_merge(con, loaded):
    _, pid = loaded
    severities = con.execute("SELECT text, severity FROM items WHERE project_id = ? AND field = 'problems' "
                             "ORDER BY interview_id, position", [pid]).fetchall()
    assert severities == [(FEED, 5), (WATER, 3), (GREEN_FEED, 4), (MARKETING, 2), (GREEN_FEED_AGAIN, None)]
    ranked = analysis.of(con, pid).problem_ranking.set_index("problem")
    assert len(ranked) == 4
    assert {FEED, WATER, MARKETING} < set(ranked.index)
    merged = (set(ranked.index) - {FEED, WATER, MARKETING}).pop()
    assert merged in (GREEN_FEED, GREEN_FEED_AGAIN)
    assert ranked.loc[merged, "actors"] == 2 and ranked.loc[merged, "mentions"] == 2
    assert ranked.loc[FEED, ["actors", "max_severity"]].tolist() == [1, 5]
    assert ranked.loc[merged, "rank_score"] == 1  # two actors cite it: first


def test_swot_summary_counts_arabic_greek_cyrillic_and_turkish_strengths(con, loaded):
    _, pid = loaded
    strengths = analysis.of(con, pid).swot_summary.query("quadrant == 'strengths'").set_index("theme")
    assert set(strengths.index) == {"جودة الحليب", "خبرة طويلة", "Καλή ποιότητα", "Хорошее молоко", "İyi süt",
                                    "Savoir-faire"}
    assert strengths.loc["جودة الحليب", "actors"] == 2 and strengths.loc["خبرة طويلة", "actors"] == 2


def test_csv_export_keeps_every_script(con, loaded, tmp_path):
    _, pid = loaded
    paths = exporter.write_csv(exporter.tables(analysis.of(con, pid)), tmp_path / "csv")
    assert {p.name for p in paths} >= {"actors.csv", "items.csv", "problem_ranking.csv", "swot_summary.csv"}
    actors = pd.read_csv(tmp_path / "csv" / "actors.csv", dtype=str)
    assert list(zip(actors["actor_id"], actors["name"])) == LISTED
    assert actors["region"].tolist() == ["البقاع", "Zahlé", "البقاع", "Αττική", "Тверь", "İzmir", "Zahlé"]
    ranking = pd.read_csv(tmp_path / "csv" / "problem_ranking.csv")
    assert {FEED, WATER, MARKETING} < set(ranking["problem"])
    french = exporter.to_csv(exporter.table(con, pid, "actors"), french_excel=True)
    assert french.startswith(b"\xef\xbb\xbf") and NOUR.encode() in french


def test_the_project_workbook_brings_back_the_same_actors(con, loaded, tmp_path):
    _, pid = loaded
    path = tmp_path / "project.xlsx"
    path.write_bytes(exporter.project_workbook(con, pid))
    report = importer.import_files(con, [path], "copy")
    assert not report.refused, report.message()
    copy = store.project_id(con, "copy", create=False)
    assert actor_names(con, copy) == LISTED
    assert report.created_actors == []
    linked = "SELECT a.name, count(*) FROM interviews i JOIN actors a USING (project_id, actor_id) " \
             "WHERE i.project_id = ? GROUP BY a.name ORDER BY a.name"
    assert con.execute(linked, [copy]).fetchall() == con.execute(linked, [pid]).fetchall()
    items = "SELECT field, text, severity FROM items WHERE project_id = ? ORDER BY ALL"
    assert con.execute(items, [copy]).fetchall() == con.execute(items, [pid]).fetchall()


# -- the keys -----------------------------------------------------------------------------------

def test_keys_fold_only_what_does_not_change_meaning():
    assert name_key(NOUR) == "cooperative النور" and name_key(NOUR) != name_key(AMAL)
    assert name_key("أإآٱ ى ة ـالأمــل") == name_key("اااا ي ه الامل")
    assert name_key("تَعَاوُنِيَّةٌ") == name_key("تعاونية")  # harakat and shadda
    assert name_key("ΣΥΝΕΤΑΙΡΙΣΜΌΣ") == name_key("Συνεταιρισμός")
    assert name_key("Кооператив Йошкар") == "кооператив йошкар"  # й is not и
    assert name_key("İZMİR IŞIK") == name_key("İzmir Işık") == "izmir isik"
    assert name_key(AMAL) != name_key(EL_AMAL)  # no transliteration
    assert name_key("e\u0301te\u0301") == name_key("été") == "ete"  # composed or not
    assert name_key("Coop ٣") == name_key("coop 3")
    assert fold("Main d’œuvre") == "main d'oeuvre"


def test_headers_wordings_loose_keys_and_ids_keep_every_script():
    assert header_key("نقاط القوة") == "نقاطالقوه" and tokens("Грамотный_персонал") == ("грамотный", "персонал")
    assert wording_key("ارتفاع أسعار الأعلاف") == wording_key("ارتفاع اسعار الاعلاف") != wording_key(WATER)
    assert loose_key("شركة النور (البقاع)") == "شركه النور"
    assert id_key("DU-٠٠٧") == id_key("du 7") == id_key("DU-007")
    assert id_key("ب-٠١") == id_key("ب1") != id_key("ت1")


def test_arabic_indic_and_persian_digits_are_digits():
    assert parse_scale("٥") == (5, None) and parse_scale("۴") == (4, None)
    assert split_severity(f"{FEED} (٥)") == (FEED, 5, None)
    assert split_severity("x (٩)")[2] == "severity_range"
    assert parse_number("١٢٬٠٠٠ ل.ل.") == (12000.0, None) and parse_number("٣٫٥") == (3.5, None)
    assert str(parse_date("١٢/٠٣/٢٠٢٦")[0]) == "2026-03-12"


# -- a property: a name with a letter or a digit has a key, and keys are stable ----------------

ALPHABETS = {
    "latin": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèêëàâäîïôöùûüçœæßÉÈÀÇŒÆøØłđ",
    "arabic": "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآٱىةؤئ",
    "arabic_marks": "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670ـ",
    "greek": "αβγδεζηθικλμνξοπρστυφχψωςάέήίόύώΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ",
    "cyrillic": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "hebrew": "אבגדהוזחטיכלמנסעפצקרשת\u05b0\u05b4\u05b8\u05bc",
    "turkish": "İıŞşĞğÇçÖöÜü",
    "cjk_devanagari_thai": "中文農業合作社भारतक्षेत्रสหกรณ์",
    "digits": "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹",
    "combining": "\u0300\u0301\u0302\u0308\u0327\u0307\u0306",
    "punctuation": " .,;:-_'’\"()[]/\\&+*=@#%!?«»—–•\t\n\u00a0\u200b",
    "compatibility": "ﬁﬂⅣ²½ºª№ＡＢＣ１２ﻻﺍﺏ",
}
POOL = "".join(ALPHABETS.values())


def has_letter_or_digit(text: str) -> bool:
    return any(c.isalnum() for c in unicodedata.normalize("NFKC", text)
               if unicodedata.category(c)[0] in "LN" and c not in "ـ")


def test_keys_of_generated_names_are_never_empty_and_idempotent():
    rng = random.Random(20261202)
    checked = 0
    for _ in range(5000):
        alphabets = rng.sample(list(ALPHABETS.values()), rng.randint(1, 4))
        name = "".join(rng.choice(rng.choice(alphabets)) for _ in range(rng.randint(1, 24)))
        key = name_key(name)
        if has_letter_or_digit(name):
            checked += 1
            assert key, f"empty key for {name!r}"
        assert key == key.strip() and "  " not in key
        assert name_key(key) == key, f"{name!r}: {key!r} then {name_key(key)!r}"
        assert fold(fold(name)) == fold(name), repr(name)
        assert loose_key(loose_key(name)) == loose_key(name), repr(name)
    assert checked > 4000
    for char in POOL:  # every character alone
        assert name_key(name_key(char)) == name_key(char)
        if has_letter_or_digit(char):
            assert name_key(char), repr(char)
        elif char in ALPHABETS["punctuation"] + ALPHABETS["combining"] + ALPHABETS["arabic_marks"]:
            assert name_key(char) == "", repr(char)


def test_a_duplicate_id_is_reported_with_both_rows_whatever_its_digits(con, tmp_path):
    rows = [["ID", "Nom"]] + [[f"DU-{n:03d}", f"Acteur {n}"] for n in range(1, 15)]  # DU-007 on Excel row 8
    rows[14] = ["DU-٠٠٧", "تعاونية النور"]  # Excel row 15: the same id in Arabic-Indic digits
    path = write_xlsx(tmp_path / "liste.xlsx", {"Acteurs": rows})
    report = importer.import_files(con, [path], "dup")
    duplicates = [f for f in report.flags if f.key == "duplicate_id"]
    assert [(f.row, f.value, f.params) for f in duplicates] == [(15, "DU-٠٠٧", {"first": 8, "second": 15})]
    assert duplicates[0].message("en") == "The ID DU-٠٠٧ is on rows 8 and 15: row 15 is left out."
    assert "lignes 8 et 15" in duplicates[0].message("fr")
    assert store.counts(con, store.project_id(con, "dup", create=False))["actors"] == 13


def test_a_store_keyed_before_every_script_was_kept_links_by_the_new_keys(con, tmp_path):
    """Actors stored with the old keys (`cooperative` for `Coopérative النور`) do not swallow an
    interview of `Coopérative الأمل`."""
    importer.import_files(con, [write_xlsx(tmp_path / "a.xlsx", {"Acteurs": [["Nom"], [NOUR]]})], "old")
    pid = store.project_id(con, "old", create=False)
    con.execute("UPDATE actors SET name_key = 'cooperative' WHERE project_id = ?", [pid])
    grid = write_xlsx(tmp_path / "g.xlsx", {"Entretiens": [["Acteur", "Forces"], [AMAL, "جودة"], [NOUR, "خبرة"]]})
    report = importer.import_files(con, [grid], "old")
    assert report.created_actors == [AMAL]
    linked = con.execute("SELECT a.name, i.text FROM items i JOIN actors a USING (project_id, actor_id) "
                         "WHERE i.project_id = ? ORDER BY i.text", [pid]).fetchall()
    assert sorted(linked) == sorted([(NOUR, "خبرة"), (AMAL, "جودة")])


@pytest.mark.apptest
def test_every_page_and_tab_shows_the_actors_written_in_every_script(tmp_path, monkeypatch):
    """The Lebanese grid through every page of the app, in French: no failure, and the names as typed."""
    from tests.apptest import app, every_tab, texts
    from tests.apptest import page as open_page

    db = tmp_path / "app.duckdb"
    con = store.connect(db)
    importer.import_files(con, [write_xlsx(tmp_path / "grille.xlsx", {"Acteurs": ACTORS, "Entretiens": GRID})],
                          "scripts")
    store.set_setting(con, "project", "scripts")
    con.close()
    monkeypatch.setenv("CLUSTERLAB_DB", str(db))
    seen: set[str] = set()
    for file in ("app_pages/overview.py", "app_pages/interviews.py", "app_pages/actors.py", "app_pages/swot.py",
                 "app_pages/problems.py", "app_pages/perimeter.py", "app_pages/plan.py"):
        at = app({"lang": "fr"}).run()
        if not file.endswith("overview.py"):
            open_page(at, file)
        assert not at.exception, file
        shown = " ".join(texts(at)) + " ".join(str(d.value.to_dict()) for d in at.dataframe)
        for tab in every_tab(at, file):
            assert not at.exception, (file, tab)
            shown += " ".join(texts(at)) + " ".join(str(d.value.to_dict()) for d in at.dataframe)
            shown += " ".join(c.proto.spec for c in at.get("plotly_chart"))
        seen |= {name for _, name in LISTED if name in shown or name.encode("unicode_escape").decode() in shown}
        seen |= {p for p in (FEED, WATER, MARKETING) if p in shown or p.encode("unicode_escape").decode() in shown}
    assert seen >= {NOUR, AMAL, AMAL_MILK, GREEK, CYRILLIC, TURKISH, EL_AMAL, FEED, WATER, MARKETING}
