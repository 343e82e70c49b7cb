"""A participant's check-in at a meeting, opened from the link or QR code the facilitator shows."""
import streamlit as st

from clusterlab.errors import ClusterlabError, Forbidden
from clusterlab.ui import context, escape_markdown, tr
from clusterlab.ui.governance import checkin_form

ctx = context()
st.title(tr("checkin.title"))
asked = ctx.who.meeting_id or st.query_params.get("meeting")  # a participant: their meeting only
if not asked:
    st.info(tr("checkin.no_meeting"))
else:
    try:
        checkin_form(str(asked))  # a meeting of the session's own project only (meetings.meeting checks the reader)
    except Forbidden as exc:
        st.error(escape_markdown(exc.message(ctx.lang)), icon=":material/block:")
    except ClusterlabError as exc:
        st.error(escape_markdown(exc.message(ctx.lang)))
