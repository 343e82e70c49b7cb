"""clusterlab: the frame (language, workshop mode, who this session is, project) and the pages this person may
open, grouped by the method's phases. A participant's session holds the ballot only, with no navigation."""
import streamlit as st

from clusterlab.roles import PARTICIPANT
from clusterlab.ui import frame, tr
from clusterlab.ui.forms import flash
from clusterlab.ui.pages import pages_for

ctx = frame()
flash()  # what the last save saved, said once

if ctx.who.role == PARTICIPANT:
    ballot = next(spec for spec in pages_for(PARTICIPANT))
    st.navigation([st.Page(ballot.file, title=tr(ballot.title), icon=ballot.icon, url_path=ballot.url_path,
                           default=True)], position="hidden").run()
else:
    sections: dict[str, list] = {}
    for i, spec in enumerate(pages_for(ctx.who.role)):
        sections.setdefault(tr(spec.section), []).append(
            st.Page(spec.file, title=tr(spec.title), icon=spec.icon, default=i == 0,
                    url_path=spec.url_path or None, visibility="hidden" if spec.hidden else "visible"))
    st.navigation(sections).run()
