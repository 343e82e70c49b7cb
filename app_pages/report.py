"""The positioning study: the report the steering committee reads, written from the same analysis as the
pages, in French or English (chosen apart from the interface's language), its chapters chosen, previewed in
the page, downloaded as Word or as HTML to print."""
import streamlit as st

from clusterlab import report
from clusterlab.i18n import LANGUAGES
from clusterlab.ui import context, tr

ctx = context()
st.title(tr("report.page_title"))
st.markdown(tr("report.page_intro"))

languages = {code: tr(f"language.{code}") for code in LANGUAGES}  # labels made now, in this session's language
lang = st.segmented_control(tr("report.language"), LANGUAGES, default=ctx.lang, required=True, key="report_lang",
                            format_func=languages.get)
with st.spinner(tr("report.preparing")):
    whole = report.prepared.of(ctx.analysis, lang)  # once per revision and language, shared by the sessions
titles = {c.key: c.title for c in whole.chapters + whole.annexes}
chosen = st.multiselect(tr("report.chapters"), list(titles), default=list(titles), format_func=titles.get,
                        key="report_chapters", help=tr("report.chapters_help"))
kinds = {fmt: tr(f"report.format_{fmt}") for fmt in report.FORMATS}
formats = st.pills(tr("report.formats"), report.FORMATS, selection_mode="multi", default=list(report.FORMATS),
                   key="report_formats", format_func=kinds.get)
if not chosen:
    st.info(tr("report.no_chapter"))
else:
    doc = whole.only(chosen)
    if not formats:
        st.info(tr("report.no_format"))
    for fmt in formats:
        st.download_button(tr(f"report.download_{fmt}"), key=f"report_{fmt}", on_click="ignore",
                           data=lambda fmt=fmt: report.render(doc, fmt), mime=report.MIME[fmt],
                           file_name=report.file_name(ctx.project, lang, fmt), icon=":material/description:")
    st.caption(tr("report.page_note", fingerprint=whole.stamp.fingerprint))
    with st.expander(tr("report.preview"), expanded=True):
        st.iframe(report.render(doc, "html").decode("utf-8"), height=720)
