"""The governance sheets of a workbook (bodies, members, meetings, attendance, decisions) turned into store
records, every wrong cell flagged: a member who is no actor, a meeting or a body the project does not hold, a
decision pointing at a missing action are left out; an attendee whose organisation is no actor is kept, to be
reconciled (its name linked as the interviews' are, or reported)."""
from __future__ import annotations

from datetime import date

from clusterlab import bodies, decisions, meetings, values
from clusterlab.flags import ERROR, INFO, WARNING
from clusterlab.linking import Ids
from clusterlab.reader import Sheet
from clusterlab.text import name_key
from clusterlab.validate import Context, _get, _read, _readers, text_cell


def _word(words: dict[str, str], typed: str | None, default: str | None) -> str | None:
    return words.get(name_key(typed), default) if typed else default


def _body(ctx: Context, typed: str | None) -> str | None:
    """The body a cell names: its id, else its name."""
    if not typed:
        return None
    held = ctx.governance["bodies"]
    return typed if typed in held else ctx.governance["body_names"].get(name_key(typed))


def _meeting(ctx: Context, typed: str | None) -> str | None:
    if not typed:
        return None
    held = ctx.governance["meetings"]
    return typed if typed in held else ctx.governance["meeting_titles"].get(name_key(typed))


def bodies_sheet(ctx: Context, sheet: Sheet) -> None:
    c = {f: sheet.column(f) for f in ("body_id", "name", "kind")}
    readers = _readers(ctx, sheet, ("body_id", "name", "kind"))
    held = ctx.governance["bodies"]
    ids = Ids("BOD", set(held))
    for row, r in zip(sheet.rows, sheet.row_numbers):
        name = text_cell(ctx, sheet, r, c["name"], row[c["name"]])
        if name is None:
            ctx.flag(sheet, r, sheet.headers[c["name"]], None, "no_body_name", ERROR)
            continue
        body_id = values.clean_text(_get(row, c["body_id"]))
        if (body_id and body_id in held) or name_key(name) in ctx.governance["body_names"]:
            ctx.flag(sheet, r, sheet.headers[c["name"]], name, "body_exists", INFO)
            continue
        body_id = body_id or ids.new()
        ids.taken.add(body_id)
        typed = values.clean_text(_get(row, c["kind"]))
        kind = typed if typed in bodies.KINDS else _word(bodies.KIND_WORDS, typed, "OTHER")
        given = _read(ctx, sheet, readers, row, r)
        held[body_id] = given.get("start")
        ctx.governance["body_names"][name_key(name)] = body_id
        ctx.records["bodies"].add(body_id=body_id, name=name, kind=kind, **given)


def members_sheet(ctx: Context, sheet: Sheet) -> None:
    c = {f: sheet.column(f) for f in ("body_id", "actor", "person", "role")}
    seen = ctx.governance["members"]
    for row, r in zip(sheet.rows, sheet.row_numbers):
        typed_body = values.clean_text(row[c["body_id"]])
        body_id = _body(ctx, typed_body)
        if body_id is None:
            ctx.flag(sheet, r, sheet.headers[c["body_id"]], typed_body, "unknown_body", ERROR)
            continue
        typed = text_cell(ctx, sheet, r, c["actor"], row[c["actor"]])
        actor_id = ctx.resolve_actor(sheet, r, sheet.headers[c["actor"]], None, typed, create=False) if typed else None
        if actor_id is None:
            ctx.flag(sheet, r, sheet.headers[c["actor"]], typed, "member_not_actor", ERROR)
            continue
        if (body_id, actor_id) in seen:
            ctx.flag(sheet, r, sheet.headers[c["actor"]], typed, "member_exists", INFO)
            continue
        seen.add((body_id, actor_id))
        role_typed = values.clean_text(_get(row, c["role"]))
        role = _word(bodies.ROLE_WORDS, role_typed, "member")
        if role_typed and name_key(role_typed) not in bodies.ROLE_WORDS:
            ctx.flag(sheet, r, sheet.headers[c["role"]], role_typed, "unknown_member_role", WARNING)
        person = text_cell(ctx, sheet, r, c["person"], row[c["person"]]) if c["person"] is not None else None
        ctx.records["members"].add(body_id=body_id, actor_id=actor_id, person=person, role=role)


def meetings_sheet(ctx: Context, sheet: Sheet) -> None:
    c = {f: sheet.column(f) for f in ("meeting_id", "title", "date", "kind", "body_id")}
    readers = _readers(ctx, sheet, ("meeting_id", "title", "date", "kind", "body_id"))
    held = ctx.governance["meetings"]
    ids = Ids("MTG", set(held))
    for row, r in zip(sheet.rows, sheet.row_numbers):
        title = text_cell(ctx, sheet, r, c["title"], row[c["title"]])
        if title is None:
            ctx.flag(sheet, r, sheet.headers[c["title"]], None, "no_meeting_title", ERROR)
            continue
        when, problem = ctx.date(row[c["date"]])
        if when is None:
            ctx.flag(sheet, r, sheet.headers[c["date"]], row[c["date"]], problem or "no_meeting_date", ERROR)
            continue
        meeting_id = values.clean_text(_get(row, c["meeting_id"]))
        if meeting_id and meeting_id in held:
            ctx.flag(sheet, r, sheet.headers[c["meeting_id"]], meeting_id, "meeting_exists", INFO)
            continue
        meeting_id = meeting_id or ids.new()
        ids.taken.add(meeting_id)
        typed = values.clean_text(_get(row, c["kind"]))
        kind = typed if typed in meetings.KINDS else _word(meetings.KIND_WORDS, typed, "OTHER")
        typed_body = values.clean_text(_get(row, c["body_id"]))
        body_id = _body(ctx, typed_body)
        if typed_body and body_id is None:
            ctx.flag(sheet, r, sheet.headers[c["body_id"]], typed_body, "unknown_body_kept_out", WARNING)
        start = ctx.governance["bodies"].get(body_id) if body_id else None
        if isinstance(start, date) and when < start:
            ctx.flag(sheet, r, sheet.headers[c["date"]], str(when), "meeting_before_body", WARNING,
                     start=str(start))
        held[meeting_id] = when
        ctx.governance["meeting_titles"].setdefault(name_key(title), meeting_id)
        ctx.records["meetings"].add(meeting_id=meeting_id, title=title, date=when, kind=kind, body_id=body_id,
                                    **_read(ctx, sheet, readers, row, r))


def attendance_sheet(ctx: Context, sheet: Sheet) -> None:
    """A list of who came, typed from paper: each organisation linked to its actor as interviews are; an
    organisation no actor has is kept (to reconcile) and reported."""
    c = {f: sheet.column(f) for f in ("meeting_id", "actor", "person", "status", "source")}
    for row, r in zip(sheet.rows, sheet.row_numbers):
        typed_meeting = values.clean_text(row[c["meeting_id"]])
        meeting_id = _meeting(ctx, typed_meeting)
        if meeting_id is None:
            ctx.flag(sheet, r, sheet.headers[c["meeting_id"]], typed_meeting, "unknown_meeting", ERROR)
            continue
        typed = text_cell(ctx, sheet, r, c["actor"], row[c["actor"]]) if c["actor"] is not None else None
        person = text_cell(ctx, sheet, r, c["person"], row[c["person"]]) if c["person"] is not None else None
        if typed is None and person is None:
            continue
        actor_id = ctx.resolve_actor(sheet, r, sheet.headers[c["actor"]], None, typed, create=False) if typed else None
        if typed and actor_id is None:
            ctx.flag(sheet, r, sheet.headers[c["actor"]], typed, "attendee_unknown", WARNING)
        status_typed = values.clean_text(_get(row, c["status"]))
        status = _word(meetings.STATUS_WORDS, status_typed, "present")
        if status_typed and name_key(status_typed) not in meetings.STATUS_WORDS:
            ctx.flag(sheet, r, sheet.headers[c["status"]], status_typed, "attendance_status_read_present", INFO)
        source = values.clean_text(_get(row, c["source"]))  # a project workbook's: typed, checkin
        ctx.records["attendance"].add(meeting_id=meeting_id, actor_id=actor_id,
                                      organisation=None if actor_id else typed, person=person, status=status,
                                      source=source if source in meetings.SOURCES else "sheet")


def decisions_sheet(ctx: Context, sheet: Sheet) -> None:
    c = {f: sheet.column(f) for f in ("decision_id", "meeting_id", "text", "kind", "target", "status")}
    readers = _readers(ctx, sheet, tuple(c))
    taken = ctx.governance["decisions"]
    ids = Ids("DEC", set(taken))
    for row, r in zip(sheet.rows, sheet.row_numbers):
        typed_meeting = values.clean_text(row[c["meeting_id"]])
        meeting_id = _meeting(ctx, typed_meeting)
        if meeting_id is None:
            ctx.flag(sheet, r, sheet.headers[c["meeting_id"]], typed_meeting, "unknown_meeting", ERROR)
            continue
        text = text_cell(ctx, sheet, r, c["text"], row[c["text"]])
        if text is None:
            ctx.flag(sheet, r, sheet.headers[c["text"]], None, "no_decision_text", ERROR)
            continue
        decision_id = values.clean_text(_get(row, c["decision_id"]))
        if decision_id and decision_id in taken:
            ctx.flag(sheet, r, sheet.headers[c["decision_id"]], decision_id, "decision_exists", INFO)
            continue
        typed = values.clean_text(_get(row, c["kind"]))
        kind = _word(decisions.KIND_WORDS, typed, "note")
        target = values.clean_text(_get(row, c["target"]))
        if kind == "action" and target and target not in ctx.action_ids:
            ctx.flag(sheet, r, sheet.headers[c["target"]] if c["target"] is not None else None, target,
                     "decision_unknown_action", ERROR)
            continue
        decision_id = decision_id or ids.new()
        taken.add(decision_id)
        status = _word(decisions.STATUS_WORDS, values.clean_text(_get(row, c["status"])), "open")
        ctx.records["decisions"].add(decision_id=decision_id, meeting_id=meeting_id, text=text, kind=kind,
                                     target=target, status=status, **_read(ctx, sheet, readers, row, r))


VALIDATORS = {"bodies": bodies_sheet, "members": members_sheet, "meetings": meetings_sheet,
              "attendance": attendance_sheet, "decisions": decisions_sheet}
