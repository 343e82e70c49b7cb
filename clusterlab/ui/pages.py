"""The app's pages, declared once: app.py builds the navigation from this list, and links use it."""
from __future__ import annotations

from typing import NamedTuple

from clusterlab.roles import ANALYST, FACILITATOR, OBSERVER, PARTICIPANT

READERS = (ANALYST, FACILITATOR, OBSERVER)

class PageSpec(NamedTuple):
    section: str  # catalogue key of the navigation section (a phase of the method)
    file: str
    title: str  # catalogue key
    icon: str
    url_path: str  # "" for the home page, served at the root address
    hidden: bool = False  # reached by a link, not listed in the navigation
    roles: tuple[str, ...] = READERS  # who may open it (a participant: the ballot or the check-in only)


PAGES = (
    PageSpec("nav.data", "app_pages/overview.py", "page.overview", ":material/home:", ""),
    PageSpec("nav.data", "app_pages/import_data.py", "page.import", ":material/upload_file:", "import",
             roles=(ANALYST,)),
    PageSpec("nav.data", "app_pages/interviews.py", "page.interviews", ":material/forum:", "interviews"),
    PageSpec("nav.data", "app_pages/audit.py", "page.audit", ":material/history:", "audit", roles=(ANALYST,)),
    PageSpec("nav.diagnosis", "app_pages/actors.py", "page.actors", ":material/hub:", "actors"),
    PageSpec("nav.diagnosis", "app_pages/swot.py", "page.swot", ":material/grid_view:", "swot"),
    PageSpec("nav.problems", "app_pages/problems.py", "page.problems", ":material/priority_high:", "problems"),
    PageSpec("nav.problems", "app_pages/perimeter.py", "page.perimeter", ":material/crop_free:", "perimeter"),
    PageSpec("nav.strategy", "app_pages/strategy.py", "page.strategy", ":material/groups:", "strategy"),
    PageSpec("nav.strategy", "app_pages/portfolio.py", "page.portfolio", ":material/workspaces:", "portfolio"),
    PageSpec("nav.plan", "app_pages/plan.py", "page.plan", ":material/event_note:", "plan"),
    PageSpec("nav.plan", "app_pages/governance.py", "page.governance", ":material/groups_3:", "governance"),
    PageSpec("nav.study", "app_pages/report.py", "page.report", ":material/description:", "report"),
    PageSpec("nav.problems", "app_pages/vote.py", "page.vote", ":material/how_to_vote:", "vote", hidden=True,
             roles=(*READERS, PARTICIPANT)),
    PageSpec("nav.plan", "app_pages/checkin.py", "page.checkin", ":material/how_to_reg:", "checkin", hidden=True,
             roles=(*READERS, PARTICIPANT)),
)


# The pages a participant's phone opens from a link: a ballot or a check-in, which need neither charts nor tables.
ROOM_PAGES = tuple(p.url_path for p in PAGES if PARTICIPANT in p.roles)


def pages_for(role: str) -> tuple[PageSpec, ...]:
    """The pages a role may open: the navigation holds only these, so any other address lands on the first."""
    return tuple(p for p in PAGES if role in p.roles)


def page_file(url_path: str) -> str | None:
    return next((p.file for p in PAGES if p.url_path == url_path), None)
