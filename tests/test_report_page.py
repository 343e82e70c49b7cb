"""The report page (issue 17, item 7): the study's language, its chapters (those with data, all by default),
its formats, a preview of the HTML in the page and the downloads, which hold only the chapters chosen."""
from __future__ import annotations

import html
import io
import re

import docx
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from clusterlab import analysis, report, store
from clusterlab.i18n import t
from tests.apptest import app, page

pytestmark = pytest.mark.apptest


@pytest.fixture
def downloads(monkeypatch) -> dict:
    """The download buttons' deferred data (the page makes each file on click), by file id."""
    made: dict = {}
    add = MediaFileManager.add_deferred

    def keep(self, data_callable, *args, **kwargs):
        file_id = add(self, data_callable, *args, **kwargs)
        made[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", keep)
    return made


def downloaded(at, downloads: dict, fmt: str, lang: str) -> bytes:
    """What the page's download button for `fmt` gives (its label in the interface's language `lang`)."""
    button = next(b for b in at.get("download_button") if b.proto.label == t(f"report.download_{fmt}", lang))
    return downloads[button.proto.deferred_file_id]()


def docx_chapters(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.style.name == "Heading 1"]


def html_chapters(data: str) -> list[str]:
    return [html.unescape(title) for title in re.findall(r"<section[^>]*><h2>([^<]*)</h2>", data)]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_chapters_chosen_are_the_only_ones_in_the_preview_and_the_downloads(demo_db, downloads, lang,
                                                                               monkeypatch):
    asked = []
    monkeypatch.setattr(report.prepared, "of", lambda a, lang, of=report.prepared.of: asked.append(lang) or of(a, lang))
    at = page(app({"lang": lang}).run(), "app_pages/report.py")
    assert not at.exception
    con = store.connect(demo_db)
    try:
        whole = report.build(analysis.of(con, store.project_id(con, "demo")), lang)
    finally:
        con.close()
    chapters = at.multiselect(key="report_chapters")
    every = [*report.CHAPTERS, *report.ANNEXES]
    assert chapters.options == [t(f"report.{key}", lang) for key in every] and chapters.value == every
    assert whole.keys() == [key for key in every if key in whole.keys()], "the study's chapters, in that order"
    assert not at.get("iframe") and asked == [], "opening the page writes no study"
    at.toggle(key="report_preview").set_value(True).run()
    assert not at.exception
    assert at.get("iframe"), "the study is previewed in the page"
    assert html_chapters(at.get("iframe")[0].proto.srcdoc) == [c.title for c in whole.chapters + whole.annexes], \
        "the chapters with data"

    chapters.set_value(["actors", "plan", "annex_evidence"]).run()
    assert not at.exception
    wanted = [t("report.actors", lang), t("report.plan", lang), t("report.annex_evidence", lang)]
    assert html_chapters(at.get("iframe")[0].proto.srcdoc) == wanted
    assert docx_chapters(downloaded(at, downloads, "docx", lang)) == wanted
    written = downloaded(at, downloads, "html", lang).decode("utf-8")
    assert html_chapters(written) == wanted
    assert whole.stamp.fingerprint in written, "the cover and its stamp stay"
    assert t("report.swot", lang) not in written and t("report.method", lang) not in written

    at.pills(key="report_formats").set_value(["html"]).run()
    assert [b.proto.label for b in at.get("download_button")] == [t("report.download_html", lang)]
    at.multiselect(key="report_chapters").set_value([]).run()
    assert not at.exception and not at.get("download_button") and not at.get("iframe")
    assert at.info[0].value == t("report.no_chapter", lang)


def test_the_study_s_language_is_chosen_apart_from_the_interface_s(demo_db, downloads):
    at = page(app({"lang": "fr"}).run(), "app_pages/report.py")
    at.toggle(key="report_preview").set_value(True)
    at.button_group(key="report_lang").set_value("en").run()
    assert not at.exception
    assert at.multiselect(key="report_chapters").options[0] == t("report.method", "en")
    assert at.multiselect(key="report_chapters").label == t("report.chapters", "fr")
    assert html_chapters(at.get("iframe")[0].proto.srcdoc)[0] == t("report.method", "en")
    assert docx_chapters(downloaded(at, downloads, "docx", "fr"))[0] == t("report.method", "en")
