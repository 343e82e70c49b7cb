"""The positioning study as a document: built from the project's analysis (the one the pages and the CSV
export read), written as an editable Word file or one self-contained HTML file that prints to PDF.

    doc = report.build(analysis.of(con, pid), lang="fr")
    report.write(doc, "etude.docx")        # or .html
    report.write(doc.only(["actors", "plan"]), "etude.html")  # some chapters (their keys: doc.keys())
"""
from clusterlab.report import prepared
from clusterlab.report.build import ANNEXES, CHAPTERS, build
from clusterlab.report.document import Document
from clusterlab.report.write import FORMATS, MIME, file_name, render, write

__all__ = ["ANNEXES", "CHAPTERS", "build", "Document", "FORMATS", "MIME", "file_name", "prepared", "render", "write"]
