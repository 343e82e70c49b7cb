"""The participants' ballot, opened from the link or QR code the facilitator shows."""
import streamlit as st

from clusterlab.errors import ClusterlabError, Forbidden
from clusterlab.ui import context, escape_markdown, tr
from clusterlab.ui.votes import ballot

ctx = context()
st.title(tr("votes.ballot_title"))
asked = str(ctx.who.vote_id) if ctx.who.vote_id else st.query_params.get("vote")  # a participant: their vote only
if ctx.who.vote_id and st.query_params.get("vote") not in (None, asked):
    st.caption(tr("signin.ballot_only"))
if not asked or not asked.isdigit():
    st.info(tr("votes.no_vote"))
else:
    try:
        ballot(int(asked))  # a vote of a project this person was not given is refused before anything of it shows
    except Forbidden as exc:
        st.error(escape_markdown(exc.message(ctx.lang)), icon=":material/block:")
    except ClusterlabError as exc:
        st.error(escape_markdown(exc.message(ctx.lang)))
