"""`python -m clusterlab report`: both formats from one build, some chapters only, an unknown chapter refused."""
from __future__ import annotations

import re

import docx

from clusterlab import cli
from clusterlab.i18n import t
from tests.stores import demo_store


def test_both_formats_of_the_chosen_chapters_in_one_run(tmp_path, capsys):
    db = str(demo_store(tmp_path / "s.duckdb"))
    out = tmp_path / "out"
    code = cli.main(["report", "--db", db, "--out", str(out), "--format", "docx", "html", "--lang", "en",
                     "--chapters", "problems, plan"])
    assert code == cli.EXIT_OK, capsys.readouterr().err
    written = capsys.readouterr().out.split()
    assert written == [str(out / "positioning_study_demo_en.docx"), str(out / "positioning_study_demo_en.html")]
    wanted = [t("report.problems", "en"), t("report.plan", "en")]
    word = docx.Document(written[0])
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"] == wanted
    page = (out / "positioning_study_demo_en.html").read_text(encoding="utf-8")
    assert re.findall(r"<section[^>]*><h2>([^<]*)</h2>", page) == wanted
    fingerprint = re.search(r'<meta name="clusterlab.fingerprint" content="([0-9a-f]+)">', page).group(1)
    assert f"fingerprint={fingerprint}" in word.core_properties.keywords, "one build, one stamp"


def test_an_unknown_chapter_is_refused_with_the_study_s_chapters(tmp_path, capsys):
    db = str(demo_store(tmp_path / "s.duckdb"))
    code = cli.main(["report", "--db", db, "--out", str(tmp_path / "out"), "--lang", "fr", "--chapters", "swot,budget"])
    assert code == cli.EXIT_ERROR
    said = capsys.readouterr().err
    assert "budget" in said and "annex_evidence" in said and "Pas de tel chapitre" in said
    assert not (tmp_path / "out").exists()
