"""Writing a report: an editable Word document (python-docx) or one self-contained HTML file (images inlined,
no script, no font or style sheet from elsewhere) that prints cleanly to PDF from any browser."""
from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path

from docx import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from clusterlab.exporter import write_file
from clusterlab.i18n import t
from clusterlab.report.document import Document, Figure, Paragraph, Table

FORMATS = ("docx", "html")


def render(doc: Document, fmt: str) -> bytes:
    """The report's bytes in `fmt` ("docx" or "html")."""
    if fmt == "docx":
        return _docx(doc)
    if fmt == "html":
        return _html(doc).encode("utf-8")
    raise ValueError(f"unknown report format {fmt!r}")


def file_name(project: str, lang: str, fmt: str) -> str:
    """The study's file name: the project's name kept to letters, digits, dashes and underscores (any script)."""
    safe = re.sub(r"[^\w-]+", "_", project, flags=re.UNICODE).strip("_") or "project"
    return f"{t('report.file', lang)}_{safe}_{lang}.{fmt}"


def write(doc: Document, path: str | Path) -> Path:
    """Write the report to `path`, its format from the suffix (.docx or .html)."""
    path = Path(path)
    write_file(path, render(doc, path.suffix.lstrip(".").lower()))
    return path


# -- Word ---------------------------------------------------------------------------------------------

def _docx(doc: Document) -> bytes:
    word = WordDocument()
    _language(word, doc.lang)
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    word.styles["Normal"].font.size = Pt(10)
    word.core_properties.title = doc.title
    word.core_properties.subject = doc.subtitle
    word.add_heading(doc.title, level=0)
    word.add_paragraph(doc.subtitle)
    for i, chapter in enumerate(doc.chapters + doc.annexes):
        if i:
            word.add_page_break()
        word.add_heading(chapter.title, level=1)
        for block in chapter.blocks:
            if isinstance(block, Paragraph):
                paragraph = word.add_paragraph(block.text)
                if block.style == "note":
                    paragraph.paragraph_format.left_indent = Cm(0.5)
            elif isinstance(block, Figure):
                word.add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))  # its title and source drawn in
            elif isinstance(block, Table):
                _docx_table(word, block)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _docx_table(word, block: Table) -> None:
    word.add_heading(block.title, level=3)
    frame = block.frame
    table = word.add_table(rows=1, cols=len(frame.columns))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, frame.columns, strict=True):
        cell.text = str(heading)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_header(table.rows[0])
    for row in frame.itertuples(index=False):
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(8)
    word.add_paragraph(block.source, style="Caption")


def _repeat_header(row) -> None:
    """The header row is repeated at the top of each page a long table runs over."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _language(word, lang: str) -> None:
    """The document's proofing language, so that Word checks the spelling in the right one."""
    tag = {"fr": "fr-FR", "en": "en-GB"}.get(lang, lang)
    rpr = word.styles["Normal"].element.get_or_add_rPr()
    element = OxmlElement("w:lang")
    element.set(qn("w:val"), tag)
    rpr.append(element)


# -- HTML ---------------------------------------------------------------------------------------------

STYLE = """
@page { size: A4; margin: 2cm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; color: #111;
       max-width: 17cm; margin: 2rem auto; line-height: 1.45; }
h1 { font-size: 22pt; margin-bottom: 0.2rem; } h2 { font-size: 15pt; margin-top: 2rem; border-bottom: 1px solid #444; }
h3 { font-size: 11pt; margin: 1.2rem 0 0.3rem; }
p.note { margin-left: 1rem; color: #333; } p.subtitle { color: #444; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 0.3rem 0; }
th, td { border: 1px solid #777; padding: 2px 5px; vertical-align: top; text-align: start; }
th { background: #e6e6e6; } thead { display: table-header-group; }
figure { margin: 0.8rem 0; } figure img { width: 100%; }
.source, figcaption { font-size: 8pt; color: #555; }
section { break-before: page; } section:first-of-type { break-before: auto; }
tr, img { break-inside: avoid; }
"""


def _html(doc: Document) -> str:
    e = html.escape
    parts = [f'<!DOCTYPE html>\n<html lang="{e(doc.lang)}"><head><meta charset="utf-8">',
             f"<title>{e(doc.title)}</title><style>{STYLE}</style></head><body>",
             f"<h1>{e(doc.title)}</h1><p class=\"subtitle\">{e(doc.subtitle)}</p>"]
    for chapter in doc.chapters + doc.annexes:
        parts.append(f"<section><h2>{e(chapter.title)}</h2>")
        for block in chapter.blocks:
            if isinstance(block, Paragraph):
                parts.append(f'<p class="{e(block.style)}">{e(block.text)}</p>')
            elif isinstance(block, Figure):
                data = base64.b64encode(block.png).decode("ascii")
                parts.append(f'<figure><img alt="{e(block.title)} — {e(block.source)}" '
                             f'src="data:image/png;base64,{data}"></figure>')  # its title and source drawn in
            elif isinstance(block, Table):
                key = f' data-key="{e(block.key)}"' if block.key else ""
                head = "".join(f"<th>{e(str(c))}</th>" for c in block.frame.columns)
                body = "".join("<tr>" + "".join(f'<td dir="auto">{e(str(v))}</td>' for v in row) + "</tr>"
                               for row in block.frame.itertuples(index=False))
                parts.append(f"<h3>{e(block.title)}</h3><table{key}><thead><tr>{head}</tr></thead>"
                             f'<tbody>{body}</tbody></table><p class="source">{e(block.source)}</p>')
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)
