"""Governance and participation (issue 16): bodies and members, meetings (the plan's milestones migrated to them),
attendance, check-in from phones (one per device, 60 at once lose nothing), decisions and their follow-up, and
who is on board: the funnel, the trust barometer and the drifting actors on a small case computed by hand."""
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import duckdb
import pandas as pd
import pytest

from clusterlab import adhesion, analysis, bodies, checkin, decisions, meetings, perimeter, plan, store, users, votes
from clusterlab.errors import Conflict, Forbidden, InvalidInput, NotFound
from clusterlab.roles import FACILITATOR, OBSERVER, PARTICIPANT, Identity

ACTORS = [("A1", "Alpha", "producteur", "production", "+222 1"), ("A2", "Beta", "coopérative", "collecte", None),
          ("A3", "Gamma", "producteur", "production", None), ("A4", "Delta", "transformateur", "transformation", None)]


def _revision(con, pid):
    return store.revision(con, pid)


@pytest.fixture
def small(con):
    """Four actors, two interviews, two meetings with attendance, a body, an action, relations (one a conflict)."""
    pid = store.project_id(con, "p")
    for actor_id, name, category, stage, contact in ACTORS:
        con.execute("INSERT INTO actors (project_id, actor_id, name, name_key, category, stage, contact) "
                    "VALUES (?, ?, ?, lower(?), ?, ?, ?)", [pid, actor_id, name, name, category, stage, contact])
    con.execute("INSERT INTO interviews (project_id, interview_id, actor_id, date, willingness) VALUES "
                "(?, 'I1', 'A1', '2026-01-10', 5), (?, 'I2', 'A2', '2026-03-01', 3)", [pid, pid])
    con.execute("INSERT INTO relations (project_id, source, target, type) VALUES (?, 'A1', 'A2', 'client'), "
                "(?, 'A2', 'A3', 'fournisseur'), (?, 'A3', 'A4', 'conflit foncier'), (?, 'A1', 'A4', NULL)",
                [pid] * 4)
    body = bodies.add(con, pid, "CP", "Comité de pilotage", "Orienter le pôle", date(2026, 1, 1))
    bodies.add_member(con, pid, body, "A1", "chair", "Mme Alpha")
    m1 = meetings.add(con, pid, "AP", "Atelier 1", date(2026, 2, 1), "Rosso")
    m2 = meetings.add(con, pid, "CP", "CP 1", date(2026, 4, 1), "Nouakchott", "Périmètre", body)
    for meeting, actor, status in ((m1, "A1", "present"), (m1, "A2", "present"), (m1, "A3", "absent"),
                                   (m2, "A1", "present"), (m2, "A2", "excused"), (m2, "A3", "absent")):
        meetings.record_attendance(con, pid, meeting, actor, status)
    plan.add(con, pid, {"title": "Collecte groupée", "owner": "Alpha", "status": "planned"})
    decisions.record(con, pid, m2, "Valider la liste retenue", "shortlist")
    return pid, body, m1, m2


def test_the_funnel_counts_each_actor_at_its_furthest_stage(con, small):
    pid, *_ = small
    a = analysis.of(con, pid)
    paths = a.adhesion.set_index("actor_id")["reached"].to_dict()
    assert paths == {"A1": "carries_action", "A2": "attended", "A3": "invited", "A4": "identified"}
    funnel = a.adhesion_funnel.set_index("adhesion_stage")
    assert funnel["actors"].tolist() == [4, 3, 3, 3, 2, 1, 1]
    assert funnel["at_stage"].tolist() == [4, 3, 2, 3, 2, 1, 1]  # Gamma was invited, never interviewed
    assert funnel.loc["attended", "share"] == 0.5
    by_category = adhesion.funnel(a.adhesion, "category").set_index("adhesion_stage")
    assert by_category.loc["attended"].to_dict() == {"coopérative": 1, "producteur": 1, "transformateur": 0}


def test_the_barometer_and_each_component_by_hand(con, small):
    pid, *_ = small
    b = analysis.of(con, pid).trust_barometer
    # at the workshop (1 Feb): willingness (5-1)/4 = 1; 2 present of 3 invited; no meeting decided yet;
    # of Alpha and Beta who came, Alpha carries an action; 1 conflict among 4 links
    first = b.iloc[0][list(adhesion.COMPONENTS)].tolist()
    assert first == pytest.approx([1.0, 2 / 3, 0.0, 0.5, 0.75])
    assert b.iloc[0]["trust"] == pytest.approx((1 + 2 / 3 + 0 + 0.5 + 0.75) / 5, abs=1e-6)
    # at the CP (1 Apr): willingness mean 4 → 0.75; 3 present of 6; one of two meetings decided
    second = b.iloc[1][list(adhesion.COMPONENTS)].tolist()
    assert second == pytest.approx([0.75, 0.5, 0.5, 0.5, 0.75])
    assert b.iloc[1]["trust"] == pytest.approx(0.6)


def test_an_actor_absent_twice_in_a_row_is_drifting(con, small):
    pid, *_ = small
    drifting = analysis.of(con, pid).drifting
    assert drifting[["actor_id", "invited", "attended", "missed_in_a_row"]].values.tolist() == [["A3", 2, 0, 2]]
    assert pd.isna(drifting["last_present"].iloc[0])


def test_a_meeting_shows_who_came_and_what_was_decided(con, small):
    pid, body, m1, m2 = small
    held = analysis.of(con, pid).meetings.set_index("meeting_id")
    assert held.loc[m2, ["body", "present", "excused", "absent", "decisions"]].tolist() == [
        "Comité de pilotage", 1, 1, 1, 1]
    listed = analysis.of(con, pid).bodies
    assert listed[["body_id", "members", "meetings"]].values.tolist() == [[body, 1, 1]]


def test_bad_input_is_refused_and_nothing_is_written(con, small):
    pid, body, m1, m2 = small
    before = _revision(con, pid)
    with pytest.raises(InvalidInput) as early:
        meetings.add(con, pid, "CP", "CP 0", date(2025, 12, 1), body_id=body)
    assert early.value.key == "meetings.before_body" and "2026-01-01" in early.value.message("en")
    with pytest.raises(InvalidInput) as stranger:
        bodies.add_member(con, pid, body, "A99", "member")
    assert stranger.value.key == "governance.not_actor"
    with pytest.raises(Conflict):
        bodies.add_member(con, pid, body, "A1", "member")  # a member already
    with pytest.raises(NotFound) as missing:
        decisions.record(con, pid, m2, "Lancer l'action", "action", "ACT0099")
    assert missing.value.key == "decisions.no_action"
    with pytest.raises(plan.InvalidAction):  # a new action whose owner is no actor: no decision either
        decisions.record(con, pid, m2, "Former les jeunes", "action", owner="Inconnu")
    with pytest.raises(NotFound):
        decisions.record(con, pid, "MTG0404", "Rien", "note")
    with pytest.raises(InvalidInput):
        meetings.record_attendance(con, pid, m1, "A99", "present")
    assert _revision(con, pid) == before
    assert len(decisions.decisions(con, pid)) == 1 and len(plan.actions(con, pid)) == 1
    assert len(meetings.meetings(con, pid)) == 2


def test_a_decision_creates_an_action_or_validates_the_perimeter_linked_to_its_meeting(con, small):
    pid, body, m1, m2 = small
    made = decisions.record(con, pid, m2, "Former les jeunes éleveurs", "action", owner="Beta", due=date(2026, 9, 1))
    action = plan.actions(con, pid).set_index("title").loc["Former les jeunes éleveurs"]
    assert action["owner"] == "Beta" and str(action["end"])[:10] == "2026-09-01"
    assert decisions.decisions(con, pid).set_index("decision_id").loc[made, "target"] == action["action_id"]
    before = int(plan.actions(con, pid).set_index("action_id").loc["ACT0001", "version"])
    decisions.record(con, pid, m2, "Reporter la collecte groupée", "action", "ACT0001", "Beta", date(2026, 12, 31))
    updated = plan.actions(con, pid).set_index("action_id").loc["ACT0001"]  # the decision updated the action
    assert updated["owner"] == "Beta" and str(updated["end"])[:10] == "2026-12-31" and updated["version"] == before + 1
    scenario = perimeter.save(con, pid, perimeter.Scenario(name="Lait de Rosso"))
    decisions.record(con, pid, m2, "Le périmètre est validé", "perimeter", str(scenario))
    assert perimeter.validated(con, pid) == scenario
    assert "CP 1" in perimeter.history(con, pid)["note"].iloc[-1]
    validations = analysis.of(con, pid).validations.set_index("kind")
    assert validations.loc["perimeter", "meeting"] == "CP 1" and "shortlist" in validations.index


def test_late_decisions_come_first(con, small):
    pid, body, m1, m2 = small
    decisions.record(con, pid, m1, "Envoyer le compte rendu", owner="Beta", due=date(2026, 2, 15))
    late = decisions.record(con, pid, m2, "Saisir la banque", owner="Alpha", due=date(2026, 3, 1))
    done = decisions.record(con, pid, m2, "Réserver la salle", due=date(2026, 1, 1))
    decisions.set_status(con, pid, done, "done")
    follow = analysis.of(con, pid, today=date(2026, 6, 1)).decisions
    assert follow["text"].tolist()[:2] == ["Envoyer le compte rendu", "Saisir la banque"]
    assert follow.set_index("decision_id").loc[late, "late"] and not follow.set_index("decision_id").loc[done, "late"]
    with pytest.raises(InvalidInput):
        decisions.set_status(con, pid, late, "maybe")


def test_deleting_a_meeting_or_a_body_is_the_analysts(con, small):
    pid, body, m1, m2 = small
    facilitator = Identity("Nadia", FACILITATOR)
    with pytest.raises(Forbidden):
        meetings.delete(con, pid, m2, facilitator)
    with pytest.raises(Forbidden):
        bodies.delete(con, pid, body, facilitator)
    meetings.delete(con, pid, m2)
    assert len(meetings.attendance(con, pid)) == 3 and len(decisions.decisions(con, pid)) == 0
    bodies.delete(con, pid, body)
    assert bodies.members(con, pid).empty


# -- check-in from phones -----------------------------------------------------------------------------------

def test_sixty_phones_checking_in_at_once_lose_nothing(con, small):
    pid, body, m1, m2 = small
    meeting = meetings.add(con, pid, "SN", "Séminaire national", date(2026, 6, 1))
    checkin.open_checkin(con, pid, meeting)

    def sign(i: int) -> str:
        try:
            if i % 4:  # most pick their organisation, some type a new one
                checkin.sign(con, pid, meeting, f"phone-{i:02d}", ACTORS[i % 4][0], person=f"P{i}")
            else:
                checkin.sign(con, pid, meeting, f"phone-{i:02d}", None, f"Coopérative {i}", f"P{i}")
            return "ok"
        except Conflict as exc:
            return exc.key

    with ThreadPoolExecutor(60) as pool:
        outcomes = list(pool.map(sign, range(60)))
    with ThreadPoolExecutor(10) as pool:  # and ten of them signing again at once
        again = list(pool.map(sign, range(10)))
    assert outcomes == ["ok"] * 60 and again == ["checkin.already"] * 10
    assert checkin.count(con, pid, meeting) == 60
    came = meetings.attendance(con, pid)
    came = came[came["meeting_id"] == meeting]
    assert len(came) == 60 and (came["status"] == "present").all() and (came["source"] == "checkin").all()
    assert int(came["to_reconcile"].sum()) == 15  # the organisations typed, for the analyst to reconcile


def test_a_closed_check_in_refuses_and_its_link_opens_nothing(con, small):
    pid, body, m1, m2 = small
    token = checkin.open_checkin(con, pid, m2)
    assert checkin.open_checkin(con, pid, m2) == token  # opened again: the same link
    who = users.from_token(con, token)
    assert who.role == PARTICIPANT and who.meeting_id == m2 and who.projects == frozenset({pid})
    checkin.sign(con, pid, m2, "phone-1", "A4", who=who)
    with pytest.raises(Conflict) as twice:
        checkin.sign(con, pid, m2, "phone-1", "A3", who=who)
    assert twice.value.key == "checkin.already"
    checkin.close_checkin(con, pid, m2)
    assert users.from_token(con, token) is None
    with pytest.raises(Conflict) as late:
        checkin.sign(con, pid, m2, "phone-2", "A3")
    assert late.value.key == "checkin.closed"
    assert checkin.count(con, pid, m2) == 1


def test_a_check_in_link_signs_at_its_own_meeting_only(con, small):
    pid, body, m1, m2 = small
    who = users.from_token(con, checkin.open_checkin(con, pid, m2))
    checkin.open_checkin(con, pid, m1)
    with pytest.raises(Forbidden):
        checkin.sign(con, pid, m1, "phone-9", "A1", who=who)
    vote_id = votes.open_vote(con, pid, "Priorités", ["Prix"], 2)
    with pytest.raises(Forbidden):  # a check-in's link is no ballot
        votes.cast(con, vote_id, "phone-9", {"Prix": 1}, who)
    voter = users.from_token(con, votes.token(con, vote_id))
    with pytest.raises(Forbidden):  # nor a vote's link a check-in
        checkin.sign(con, pid, m2, "phone-9", "A1", who=voter)
    with pytest.raises(Forbidden):
        checkin.sign(con, pid, m2, "phone-9", "A1", who=Identity("Obs", OBSERVER))
    assert checkin.count(con, pid, m2) == 0


def test_an_organisation_typed_at_check_in_is_reconciled_by_the_analyst(con, small):
    pid, body, m1, m2 = small
    checkin.open_checkin(con, pid, m2)
    checkin.sign(con, pid, m2, "phone-1", None, "  Coop. Delta ", "Sidi")
    line = meetings.attendance(con, pid).query("to_reconcile").iloc[0]
    assert line["organisation"] == "Coop. Delta"
    with pytest.raises(Forbidden):
        meetings.reconcile(con, pid, int(line["attendance_id"]), "A4", Identity("Nadia", FACILITATOR))
    meetings.reconcile(con, pid, int(line["attendance_id"]), "A4")
    assert not meetings.attendance(con, pid)["to_reconcile"].any()
    assert analysis.of(con, pid).adhesion.set_index("actor_id").loc["A4", "attended"]


def test_the_check_in_link_carries_the_room_address():
    link = checkin.link("http://localhost:8501/governance", "MTG0002", "192.168.1.20", "tok")
    assert link == "http://192.168.1.20:8501/checkin?meeting=MTG0002&t=tok"


# -- milestones became meetings -------------------------------------------------------------------------------

def test_the_migration_turns_each_milestone_into_a_meeting(tmp_path, monkeypatch):
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    released = list(store.MIGRATIONS)
    before = released.index(next(m for m in released if "CREATE TABLE bodies" in m))
    monkeypatch.setattr(store, "MIGRATIONS", released[:before])
    monkeypatch.setattr(store, "SCHEMA_VERSION", before)
    store.migrate(con)
    con.execute("INSERT INTO projects (name) VALUES ('a'), ('b')")
    con.execute("INSERT INTO milestones (project_id, kind, title, date, decisions) VALUES "
                "(1, 'CP', 'Comité 1', '2026-05-01', 'Périmètre validé'), (1, 'AP', 'Atelier 1', '2026-03-01', NULL), "
                "(2, 'SN', 'Séminaire', '2026-01-01', '  '), (1, 'AP', 'Atelier 2', '2026-04-01', 'Liste retenue')")
    monkeypatch.setattr(store, "MIGRATIONS", released)
    monkeypatch.setattr(store, "SCHEMA_VERSION", len(released))
    store.migrate(con)
    assert con.execute("SELECT project_id, meeting_id, kind, title, CAST(date AS VARCHAR) FROM meetings "
                       "ORDER BY project_id, meeting_id").fetchall() == [
        (1, "MTG0001", "AP", "Atelier 1", "2026-03-01"), (1, "MTG0002", "AP", "Atelier 2", "2026-04-01"),
        (1, "MTG0003", "CP", "Comité 1", "2026-05-01"), (2, "MTG0001", "SN", "Séminaire", "2026-01-01")]
    assert con.execute("SELECT decision_id, meeting_id, text, kind, status FROM decisions ORDER BY 1").fetchall() == [
        ("DEC0001", "MTG0002", "Liste retenue", "note", "open"), ("DEC0002", "MTG0003", "Périmètre validé", "note",
                                                                  "open")]
    assert not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'milestones'"
                           ).fetchone()[0]
    con.close()


def test_the_overviews_steps_read_the_validations_recorded_at_meetings(con, small):
    from clusterlab import overview

    pid, body, m1, m2 = small
    steps = {s.key: s for s in overview.steps(con, pid)}
    assert steps["bodies"].done and steps["bodies"].phase == "0"
    # no problem was short-listed on the problems page, but the CP validated the short list
    assert steps["problems"].done and steps["problems"].validated == "2026-04-01 · CP 1"
    assert not steps["perimeter"].done and steps["perimeter"].validated is None
    scenario = perimeter.save(con, pid, perimeter.Scenario(name="Tout"))
    decisions.record(con, pid, m2, "Périmètre validé", "perimeter", str(scenario))
    assert {s.key: s for s in overview.steps(con, pid)}["perimeter"].validated == "2026-04-01 · CP 1"
