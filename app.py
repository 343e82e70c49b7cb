"""clusterlab: the frame (language, workshop mode, who this session is, project) and the pages this person may
open, grouped by the method's phases. A participant's session holds the ballot only (or, from a check-in's link, the
check-in), with no navigation."""
import streamlit as st

from clusterlab.roles import PARTICIPANT
from clusterlab.ui import frame, tr
from clusterlab.ui.forms import flash
from clusterlab.ui.frame import LAND_ON, store_guard
from clusterlab.ui.pages import ROOM_PAGES, page_file, pages_for
from clusterlab.ui.warmup import warm_up

ctx = frame()
flash()  # what the last save saved, said once

# A database server that stops answering is said, and the page tried again (frame.py).
with store_guard(ctx.lang):
    if ctx.who.role == PARTICIPANT:
        own = "checkin" if ctx.who.meeting_id else "vote"
        spec = next(spec for spec in pages_for(PARTICIPANT) if spec.url_path == own)
        ballot = st.Page(spec.file, title=tr(spec.title), icon=spec.icon, url_path=spec.url_path)
        # The root address (the default page, whose own address Streamlit ignores) leads to the ballot (check-in) too.
        st.navigation([st.Page(lambda: st.switch_page(ballot), title=tr(spec.title), url_path="home", default=True),
                       ballot], position="hidden").run()
    else:
        sections: dict[str, list] = {}
        for i, spec in enumerate(pages_for(ctx.who.role)):
            sections.setdefault(tr(spec.section), []).append(
                st.Page(spec.file, title=tr(spec.title), icon=spec.icon, default=i == 0,
                        url_path=spec.url_path or None, visibility="hidden" if spec.hidden else "visible"))
        chosen = st.navigation(sections, expanded=True)  # every page listed: past 12, Streamlit would fold the rest
        landing = st.session_state.pop(LAND_ON, None)  # the page asked for before signing in
        if landing and landing != chosen.url_path and any(p.url_path == landing for p in pages_for(ctx.who.role)):
            st.switch_page(page_file(landing))
        if chosen.url_path not in ROOM_PAGES:  # a phone on a ballot or a check-in is not sent plotly's 4.7 MB
            warm_up()
        chosen.run()
