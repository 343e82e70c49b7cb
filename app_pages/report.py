"""The positioning study: the report the steering committee reads, written from the same analysis as the
pages, in French or English (chosen apart from the interface's language), as Word or as HTML to print."""
import streamlit as st

from clusterlab import report
from clusterlab.i18n import LANGUAGES
from clusterlab.ui import context, tr

ctx = context()
st.title(tr("report.page_title"))
st.markdown(tr("report.page_intro"))

lang = st.segmented_control(tr("report.language"), LANGUAGES, default=ctx.lang, required=True, key="report_lang",
                            format_func=lambda code: tr(f"language.{code}"))
for fmt in report.FORMATS:
    st.download_button(tr(f"report.download_{fmt}"), key=f"report_{fmt}", on_click="ignore",
                       data=lambda fmt=fmt: report.render(report.build(ctx.analysis, lang), fmt),
                       file_name=report.file_name(ctx.project, lang, fmt), icon=":material/description:",
                       mime={"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                             "html": "text/html"}[fmt])
st.caption(tr("report.page_note", revision=ctx.analysis.revision))
