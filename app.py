"""clusterlab: the frame (language, workshop mode, project) and the pages, grouped by the method's phases."""
import streamlit as st

from clusterlab.ui import frame, tr
from clusterlab.ui.forms import flash
from clusterlab.ui.pages import PAGES

frame()
flash()  # what the last save saved, said once

sections: dict[str, list] = {}
for i, spec in enumerate(PAGES):
    sections.setdefault(tr(spec.section), []).append(
        st.Page(spec.file, title=tr(spec.title), icon=spec.icon, default=i == 0,
                url_path=spec.url_path or None, visibility="hidden" if spec.hidden else "visible"))
st.navigation(sections).run()
