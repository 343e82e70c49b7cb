"""The app's pages, declared once: app.py builds the navigation from this list, and links use it."""
from __future__ import annotations

from typing import NamedTuple


class PageSpec(NamedTuple):
    section: str  # catalogue key of the navigation section (a phase of the method)
    file: str
    title: str  # catalogue key
    icon: str
    url_path: str  # "" for the home page, served at the root address
    hidden: bool = False  # reached by a link, not listed in the navigation


PAGES = (
    PageSpec("nav.data", "app_pages/overview.py", "page.overview", ":material/home:", ""),
    PageSpec("nav.data", "app_pages/import_data.py", "page.import", ":material/upload_file:", "import"),
    PageSpec("nav.data", "app_pages/interviews.py", "page.interviews", ":material/forum:", "interviews"),
    PageSpec("nav.diagnosis", "app_pages/actors.py", "page.actors", ":material/hub:", "actors"),
    PageSpec("nav.diagnosis", "app_pages/swot.py", "page.swot", ":material/grid_view:", "swot"),
    PageSpec("nav.problems", "app_pages/problems.py", "page.problems", ":material/priority_high:", "problems"),
    PageSpec("nav.problems", "app_pages/perimeter.py", "page.perimeter", ":material/crop_free:", "perimeter"),
    PageSpec("nav.strategy", "app_pages/strategy.py", "page.strategy", ":material/groups:", "strategy"),
    PageSpec("nav.plan", "app_pages/plan.py", "page.plan", ":material/event_note:", "plan"),
    PageSpec("nav.problems", "app_pages/vote.py", "page.vote", ":material/how_to_vote:", "vote", hidden=True),
)


def page_file(url_path: str) -> str | None:
    return next((p.file for p in PAGES if p.url_path == url_path), None)
