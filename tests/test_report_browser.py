"""The study's HTML printed to PDF in a real Chromium (issue 17, item 8): opened from the file alone, nothing
asked of the network, each chapter from the top of a page, images within the page, a page count that fits."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser

from clusterlab import analysis, report, store
from clusterlab.report.document import Figure

pytestmark = pytest.mark.browser

LOCAL_SCHEMES = ("file", "data", "about", "blob")
PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")  # a page object (not the /Pages tree)
PRINTED = """() => {
    const sections = [...document.querySelectorAll('section')];
    const body = document.body.getBoundingClientRect().width;
    const images = [...document.querySelectorAll('figure img')];
    const rows = [...document.querySelectorAll('tr')];
    return {
        breaks: sections.map(s => getComputedStyle(s).breakBefore),
        headings: [...document.querySelectorAll('h2, h3')].map(h => getComputedStyle(h).breakAfter),
        rows: [...new Set(rows.map(r => getComputedStyle(r).breakInside))],
        heads: [...new Set([...document.querySelectorAll('thead')].map(h => getComputedStyle(h).display))],
        images: images.map(i => [i.getBoundingClientRect().width, i.naturalWidth, i.complete]),
        body,
    };
}"""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_demo_s_study_prints_to_pdf_offline_with_a_reasonable_page_count(demo_con, browser: Browser, tmp_path,
                                                                             lang):
    doc = report.build(analysis.of(demo_con, store.project_id(demo_con, "demo")), lang)
    path = report.write(doc, tmp_path / report.file_name("demo", lang, "html"))
    context = browser.new_context()
    asked: list[str] = []
    context.route("**/*", lambda route: (asked.append(route.request.url),
                                         route.continue_() if route.request.url.split(":", 1)[0] in LOCAL_SCHEMES
                                         else route.abort()))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    pdf = page.pdf(format="A4", print_background=True)
    context.close()

    assert [u for u in asked if u.split(":", 1)[0] not in LOCAL_SCHEMES] == [], "a request left the machine"
    assert asked[0] == path.as_uri() and not errors
    sections = len(doc.chapters) + len(doc.annexes)
    assert printed["breaks"] == ["page"] * sections, "each chapter from the top of a page"
    assert set(printed["headings"]) == {"avoid"}, "a heading is kept with what follows it"
    assert printed["rows"] == ["avoid"] and printed["heads"] == ["table-header-group"], \
        "a row is never cut in two; the header row is repeated on each page of a long table"
    figures = [b for c in doc.chapters + doc.annexes for b in c.blocks if isinstance(b, Figure)]
    assert len(printed["images"]) == len(figures) >= 7, "every figure of the study is printed"
    for width, natural, complete in printed["images"]:
        assert complete and natural > 1000 and 0 < width <= printed["body"] + 0.5, "an image within the page"

    assert pdf.startswith(b"%PDF-")
    pages = len(PAGE.findall(pdf))
    assert pages == max(int(n) for n in re.findall(rb"/Count\s+(\d+)", pdf)), "the page tree counts as many"
    # the cover, then each chapter and annex on pages of its own; the demo's study is some thirty pages
    assert sections + 1 <= pages <= 4 * (sections + 1), pages
    (tmp_path / f"study_{lang}.pdf").write_bytes(pdf)
