"""Writing the study's tables into Word: what a cell may hold (line breaks, tabs, characters XML cannot hold,
markup) comes back as text, the header row bold and repeated on each page."""
from __future__ import annotations

import io

import docx
import pandas as pd
from docx.table import Table as DocxTable

from clusterlab import report
from clusterlab.report.document import Chapter, Document, Table


def test_a_cell_keeps_its_line_breaks_and_tabs_and_loses_only_what_xml_cannot_hold():
    frame = pd.DataFrame({"name": ["two\nlines", "a\ttab", "esc\x1bape", "<b>&amp;</b>", "", "تعاونية"],
                          "n": ["1", "2", "3", "4", "5", "6"]})
    doc = Document("T", "S", "en", [Chapter("C", [Table("The table", frame, "source", "k")], "c")], [])
    word = docx.Document(io.BytesIO(report.render(doc, "docx")))
    table = next(b for b in word.iter_inner_content() if isinstance(b, DocxTable))
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["name", "n"]
    assert [r[0] for r in rows[1:]] == ["two\nlines", "a\ttab", "escape", "<b>&amp;</b>", "", "تعاونية"]
    header = table.rows[0]
    assert header._tr.trPr.xpath("./w:tblHeader"), "the header row is repeated on each page"
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    assert {run.font.size.pt for row in table.rows for cell in row.cells for run in cell.paragraphs[0].runs} == {8}
    assert table.style.name == "Table Grid"
    assert [p.text for p in word.paragraphs if p.style.name == "Caption"] == ["source"]
