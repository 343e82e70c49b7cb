"""Writing a report: an editable Word document (python-docx) or one self-contained HTML file (images inlined,
no script, no font or style sheet from elsewhere) that prints cleanly to PDF from any browser."""
from __future__ import annotations

import base64
import html
import io
import re
from datetime import datetime, time
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from docx import Document as WordDocument
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt

from clusterlab.exporter import write_file
from clusterlab.i18n import t
from clusterlab.report import stamp
from clusterlab.report.document import Document, Figure, Paragraph, Table

FORMATS = ("docx", "html")
MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "html": "text/html"}


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
    _properties(word, doc)
    styles = _Styles(word)
    styles.paragraph(doc.title, "Title")
    word.add_paragraph(doc.subtitle)
    if doc.stamp:
        for line in stamp.lines(doc.stamp, doc.lang):
            _small(word.add_paragraph(), line)
    for chapter in doc.chapters + doc.annexes:
        word.add_page_break()  # the cover on a page of its own, each chapter from the top of a page
        styles.paragraph(chapter.title, "Heading 1")
        for block in chapter.blocks:
            if isinstance(block, Paragraph):
                paragraph = word.add_paragraph(block.text)
                if block.style == "note":
                    paragraph.paragraph_format.left_indent = Cm(0.5)
            elif isinstance(block, Figure):
                word.add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))  # its title and source drawn in
            elif isinstance(block, Table):
                _docx_table(word, styles, block)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


class _Styles:
    """The document's styles by name, each looked up once: python-docx looks a style up anew (through every
    style of the document) at each paragraph or table given one by name, most of the time a study takes."""

    def __init__(self, word) -> None:
        self.word = word
        self._ids: dict[str, str] = {}

    def id(self, name: str) -> str:
        if name not in self._ids:
            self._ids[name] = self.word.styles[name].style_id
        return self._ids[name]

    def paragraph(self, text: str, name: str):
        paragraph = self.word.add_paragraph(text)
        paragraph._p.style = self.id(name)
        return paragraph


def _properties(word, doc: Document) -> None:
    """The file's own properties (File > Info in Word): title, subject, author, and the stamp; created and
    modified on the report's day (python-docx's template would say 2013)."""
    props = word.core_properties
    props.title = _fit(doc.title)
    props.subject = _fit(doc.subtitle)
    props.author = props.last_modified_by = "clusterlab"
    props.language = _TAGS.get(doc.lang, doc.lang)
    props.revision = 1
    if doc.stamp:
        props.keywords = _fit(stamp.keywords(doc.stamp))
        props.comments = _fit("\n".join(stamp.lines(doc.stamp, doc.lang)[:2]))
        props.identifier = f"sha256:{doc.stamp.sha256}"
        props.version = doc.stamp.version
        props.created = props.modified = datetime.combine(doc.stamp.written, time())


def _fit(text: str, limit: int = 255) -> str:
    """A property's text within the 255 characters python-docx (and Word's dialog) allow."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _small(paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(8.5)


def _docx_table(word, styles: _Styles, block: Table) -> None:
    """A table with its heading, its header row repeated on each page, 8-point text and its source under it.
    Its rows are written as XML and parsed at once: python-docx's cell by cell API takes seconds for the annexes."""
    styles.paragraph(block.title, "Heading 3")
    frame = block.frame
    columns = len(frame.columns)
    table = word.add_table(rows=0, cols=columns)
    table._tbl.tblPr.style = styles.id("Table Grid")
    section = word.sections[-1]
    width = (section.page_width - section.left_margin - section.right_margin) // max(columns, 1)
    rows = [_row([str(c) for c in frame.columns], Emu(width).twips, header=True)]
    rows += [_row([str(v) for v in values], Emu(width).twips) for values in frame.itertuples(index=False)]
    table._tbl.extend(list(parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(rows)}</w:tbl>")))
    styles.paragraph(block.source, "Caption")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _row(texts: list[str], twips: int, header: bool = False) -> str:
    """A table row's XML: 8-point text (bold in the header row, which is repeated at the top of each page),
    line breaks and tabs as Word's own, characters XML cannot hold left out."""
    cells = []
    for text in texts:
        text = _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
        body = (xml_escape(text).replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
                .replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">'))
        cells.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips}"/></w:tcPr><w:p><w:r><w:rPr>'
                     f'{"<w:b/>" if header else ""}<w:sz w:val="16"/></w:rPr>'
                     f'<w:t xml:space="preserve">{body}</w:t></w:r></w:p></w:tc>')
    head = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{head}{''.join(cells)}</w:tr>"


_TAGS = {"fr": "fr-FR", "en": "en-GB"}


def _language(word, lang: str) -> None:
    """The document's proofing language, so that Word checks the spelling in the right one."""
    tag = _TAGS.get(lang, lang)
    rpr = word.styles["Normal"].element.get_or_add_rPr()
    element = OxmlElement("w:lang")
    element.set(qn("w:val"), tag)
    rpr.append(element)


# -- HTML ---------------------------------------------------------------------------------------------

STYLE = """
@page { size: A4; margin: 2cm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; color: #111;
       max-width: 17cm; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 22pt; margin-bottom: 0.2rem; } h2 { font-size: 15pt; margin-top: 2rem; border-bottom: 1px solid #444; }
h3 { font-size: 11pt; margin: 1.2rem 0 0.3rem; }
p.note { margin-left: 1rem; color: #333; } p.subtitle { color: #444; }
header.cover p.stamp { font-size: 8.5pt; color: #444; margin: 0.2rem 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 0.3rem 0; }
th, td { border: 1px solid #777; padding: 2px 5px; vertical-align: top; text-align: start; overflow-wrap: anywhere; }
th { background: #e6e6e6; } thead { display: table-header-group; }
figure { margin: 0.8rem 0; } figure img { display: block; max-width: 100%; height: auto; }
.source, figcaption { font-size: 8pt; color: #555; }
section { break-before: page; }
h2, h3 { break-after: avoid; } p.source { break-before: avoid; }
tr, figure, img { break-inside: avoid; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _html(doc: Document) -> str:
    e = html.escape
    meta = stamp.meta(doc.stamp) if doc.stamp else {"author": "clusterlab"}
    meta["description"] = doc.subtitle
    parts = [f'<!DOCTYPE html>\n<html lang="{e(doc.lang)}"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             *(f'<meta name="{e(name)}" content="{e(content)}">' for name, content in meta.items()),
             f"<title>{e(doc.title)}</title><style>{STYLE}</style></head><body>",
             f'<header class="cover"><h1>{e(doc.title)}</h1><p class="subtitle">{e(doc.subtitle)}</p>',
             *(f'<p class="stamp">{e(line)}</p>' for line in (stamp.lines(doc.stamp, doc.lang) if doc.stamp else ())),
             "</header>"]
    for chapter in doc.chapters + doc.annexes:
        key = f' data-chapter="{e(chapter.key)}"' if chapter.key else ""
        parts.append(f"<section{key}><h2>{e(chapter.title)}</h2>")
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
