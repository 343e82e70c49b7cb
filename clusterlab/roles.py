"""Who may do what: the four roles, the vocabulary of writes, and the check every write goes through.

Every write names its action when it calls `store.transaction` (which records it in `changes`); the
transaction asks `require` first, so a refusal is enforced in the core, whatever a page shows.
A call with no identity (the command line, a script, the app on localhost with nothing configured)
acts as the analyst: local use stays simple.

Inside the app, the session's own identity is authoritative: `ui/frame.py` registers a lookup
(`use_session`) that returns it, and `acting` prefers it to whatever a caller passed."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from clusterlab.errors import Forbidden

ANALYST, FACILITATOR, OBSERVER, PARTICIPANT = "analyst", "facilitator", "observer", "participant"
ROLES = (ANALYST, FACILITATOR, OBSERVER, PARTICIPANT)

# The writes, each with the roles that may make it; the analyst may make every write, a write not
# listed here included (a new action is the analyst's until it is given to others here).
_WORKSHOP = (ANALYST, FACILITATOR)
ACTIONS: dict[str, tuple[str, ...]] = {
    # data
    "import": (ANALYST,),
    "undo": (ANALYST,),
    "mapping.save": (ANALYST,),  # the columns of a sheet remembered for the next import (store-wide)
    # the action plan
    "action.add": _WORKSHOP,
    "action.update": _WORKSHOP,
    "action.delete": (ANALYST,),
    # governance: bodies, meetings, attendance, check-in from phones, decisions (bodies.py, meetings.py…)
    "body.add": _WORKSHOP,
    "body.delete": (ANALYST,),
    "body.add_member": _WORKSHOP,
    "body.remove_member": _WORKSHOP,
    "meeting.add": _WORKSHOP,
    "meeting.minutes": _WORKSHOP,
    "meeting.delete": (ANALYST,),
    "attendance.record": _WORKSHOP,
    "attendance.reconcile": (ANALYST,),
    "checkin.open": _WORKSHOP,
    "checkin.close": _WORKSHOP,
    "checkin.new_link": _WORKSHOP,
    "checkin.sign": (ANALYST, FACILITATOR, PARTICIPANT),
    "decision.record": _WORKSHOP,
    "decision.status": _WORKSHOP,
    # SWOT, themes, cross options
    "swot.add_item": _WORKSHOP,
    "swot.add_option": _WORKSHOP,
    "swot.send_to_plan": _WORKSHOP,
    "swot.leaders_seen": _WORKSHOP,
    "themes.create": _WORKSHOP,
    "themes.rename": _WORKSHOP,
    "themes.merge": _WORKSHOP,
    "themes.split": _WORKSHOP,
    "themes.group": _WORKSHOP,
    # decisions
    "leader.choose": _WORKSHOP,
    "leader.clear": _WORKSHOP,
    "problems.compare": _WORKSHOP,
    "shortlist.retain": _WORKSHOP,
    "shortlist.drop": _WORKSHOP,
    "perimeter.save": _WORKSHOP,
    "perimeter.validate": _WORKSHOP,
    "perimeter.reopen": _WORKSHOP,
    "settings": _WORKSHOP,
    # phase III: objectives and the MACTOR grids a workshop fills live
    "objective.add": _WORKSHOP,
    "objective.update": _WORKSHOP,
    "objective.delete": (ANALYST,),
    "objective.from_problems": _WORKSHOP,
    "objective.from_options": _WORKSHOP,
    "influence.set": _WORKSHOP,
    "influence.propose": _WORKSHOP,
    "position.set": _WORKSHOP,
    "position.propose": _WORKSHOP,
    # phase III: the portfolio of joint projects (a workshop scores and decides; deleting is the analyst's)
    "portfolio.create": _WORKSHOP,
    "portfolio.update": _WORKSHOP,
    "portfolio.score": _WORKSHOP,
    "portfolio.verdict": _WORKSHOP,
    "portfolio.send_to_plan": _WORKSHOP,
    "portfolio.delete": (ANALYST,),
    # votes
    "vote.open": _WORKSHOP,
    "vote.close": _WORKSHOP,
    "vote.reopen": _WORKSHOP,
    "vote.new_link": _WORKSHOP,
    "vote.ballot": (ANALYST, FACILITATOR, PARTICIPANT),
    # the store itself: who signs in, the default project
    "settings.default_project": (ANALYST,),
    "users.add": (ANALYST,),
    "users.remove": (ANALYST,),
    "tokens.issue": (ANALYST,),
    "tokens.revoke": (ANALYST,),
    # the command line's copy of projects between stores (copying.py): the analyst's, checked before the target
    # is even opened, and recorded in each copied project's history
    "project.copy": (ANALYST,),
}


@dataclass(frozen=True)
class Identity:
    """Who acts: a name (what `changes.who` shows), a role, and what the role is limited to:
    `projects` (the project ids an observer or a facilitator was given; None for all), `vote_id`
    (the one vote a participant's link opens) or `meeting_id` (the one meeting whose check-in it opens)."""

    name: str
    role: str
    projects: frozenset[int] | None = None
    vote_id: int | None = None
    meeting_id: str | None = None

    def may(self, action: str) -> bool:
        return allowed(self.role, action)

    def sees(self, pid: int) -> bool:
        return self.projects is None or pid in self.projects


LOCAL = Identity("local", ANALYST)

_session_lookup: Callable[[], Identity | None] | None = None


def use_session(lookup: Callable[[], Identity | None]) -> None:
    """Register how to find the identity of the session running this code (the app's frame does)."""
    global _session_lookup
    _session_lookup = lookup


def acting(who: Identity | str | None) -> Identity:
    """The identity a write runs under: the app session's when there is one, else `who` (a bare name
    is a local analyst's, as the command line's), else the local analyst."""
    if _session_lookup is not None:
        session = _session_lookup()
        if session is not None:
            return session
    if isinstance(who, Identity):
        return who
    if isinstance(who, str) and who.strip():
        return Identity(who.strip(), ANALYST)
    return LOCAL


def allowed(role: str, action: str) -> bool:
    if role == ANALYST:
        return True
    return role in ACTIONS.get(action, ())


def require(who: Identity | str | None, action: str, pid: int | None = None,
            detail: object = None) -> Identity:
    """The identity acting, when it may make write `action` on project `pid`; else Forbidden.
    A participant may only cast the ballot of its own vote (`detail["vote_id"]`), or check in at its own
    meeting (`detail["meeting_id"]`)."""
    identity = acting(who)
    if not identity.may(action):
        raise Forbidden("roles.forbidden", role=identity.role, action=action)
    if pid is not None and not identity.sees(pid):
        raise Forbidden("roles.other_project", role=identity.role, action=action)
    if identity.vote_id is not None:
        asked = detail.get("vote_id") if isinstance(detail, dict) else None
        if asked != identity.vote_id:
            raise Forbidden("roles.other_vote", role=identity.role, action=action)
    if identity.meeting_id is not None:
        asked = detail.get("meeting_id") if isinstance(detail, dict) else None
        if asked != identity.meeting_id:
            raise Forbidden("roles.other_vote", role=identity.role, action=action)
    return identity


def require_read(who: Identity | str | None, pid: int, detail: object = None) -> Identity:
    """The identity acting, when it may read a record of project `pid` that a page opened by its number (a vote,
    a meeting: `?vote=`, `?meeting=`); else Forbidden, before anything of it is shown. A participant reads only
    its own vote (`detail["vote_id"]`) or meeting (`detail["meeting_id"]`)."""
    identity = acting(who)
    if not identity.sees(pid):
        raise Forbidden("roles.read_other_project", role=identity.role)
    asked = detail if isinstance(detail, dict) else {}
    if identity.vote_id is not None and asked.get("vote_id") != identity.vote_id:
        raise Forbidden("roles.read_other_vote", role=identity.role)
    if identity.meeting_id is not None and asked.get("meeting_id") != identity.meeting_id:
        raise Forbidden("roles.read_other_vote", role=identity.role)
    return identity
