"""The Streamlit layer: the frame every page lives in, and the widgets pages share.
The only part of clusterlab that imports Streamlit."""
from clusterlab.ui.frame import Context, context, frame, tr
from clusterlab.ui.widgets import chart, download_csv, escape_markdown, open_tab, table

__all__ = ["Context", "context", "frame", "tr", "chart", "download_csv", "escape_markdown", "open_tab", "table"]
