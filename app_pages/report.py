"""The positioning study: the report the steering committee reads, written from the same analysis as the
pages, in French or English (chosen apart from the interface's language), its chapters chosen, previewed in
the page, downloaded as Word or as HTML to print."""
import streamlit as st

from clusterlab import report
from clusterlab.i18n import LANGUAGES, t
from clusterlab.ui import context, tr

ctx = context()
st.title(tr("report.page_title"))
st.markdown(tr("report.page_intro"))

languages = {code: tr(f"language.{code}") for code in LANGUAGES}  # labels made now, in this session's language
lang = st.segmented_control(tr("report.language"), LANGUAGES, default=ctx.lang, required=True, key="report_lang",
                            format_func=languages.get)
names = [*report.CHAPTERS, *report.ANNEXES]
chosen = st.multiselect(tr("report.chapters"), names, default=names, key="report_chapters",
                        format_func=lambda key: t(f"report.{key}", lang), help=tr("report.chapters_help"),
                        placeholder=tr("widget.choose_many"))
kinds = {fmt: tr(f"report.format_{fmt}") for fmt in report.FORMATS}
formats = st.pills(tr("report.formats"), report.FORMATS, selection_mode="multi", default=list(report.FORMATS),
                   key="report_formats", format_func=kinds.get)


def study() -> report.Document:
    """The chapters chosen of the study: written on the first download or preview of this revision and language
    (a few seconds), then shared by the sessions (report.prepared); opening the page writes nothing."""
    return report.prepared.of(ctx.analysis, lang).only(chosen)


if not chosen:
    st.info(tr("report.no_chapter"))
else:
    if not formats:
        st.info(tr("report.no_format"))
    for fmt in formats:
        st.download_button(tr(f"report.download_{fmt}"), key=f"report_{fmt}", on_click="ignore",
                           data=lambda fmt=fmt: report.render(study(), fmt), mime=report.MIME[fmt],
                           file_name=report.file_name(ctx.project, lang, fmt), icon=":material/description:")
    if st.toggle(tr("report.preview"), key="report_preview"):
        with st.spinner(tr("report.preparing")):
            doc = study()
            shown = report.render(doc, "html").decode("utf-8")
        st.caption(tr("report.page_note", fingerprint=doc.stamp.fingerprint))
        st.iframe(shown, height=720)
