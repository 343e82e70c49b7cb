"""Who may do what (roles.py): every writing function called under every role, refused in the core
(nothing written, a translated Forbidden) or recorded with who made it and under which role."""
import subprocess
import sys
from datetime import date

import pytest

from clusterlab import (
    bodies,
    checkin,
    copying,
    decisions,
    importer,
    leaders,
    mappings,
    meetings,
    overview,
    perimeter,
    plan,
    portfolio,
    problems,
    roles,
    settings,
    store,
    strategy,
    swot,
    themes,
    users,
    votes,
)
from clusterlab.errors import Forbidden, InvalidInput
from clusterlab.reader import Sheet
from clusterlab.roles import ANALYST, FACILITATOR, OBSERVER, PARTICIPANT, Identity
from tests.conftest import ON_POSTGRES, ROOT
from tests.workbooks import write_xlsx

ACTION = {"title": "Collecte groupée", "status": "planned"}


def _ready(con, pid):
    """What the writes below need, made by the local analyst: an action, a theme pair, an option,
    a scenario, a vote."""
    action_id = plan.add(con, pid, dict(ACTION))
    keys = themes.items(con, pid, ("strengths",))["wording_key"].unique().tolist()
    a = themes.create(con, pid, "strengths", "Atouts A", keys[:1])
    b = themes.create(con, pid, "strengths", "Atouts B", keys[1:2])
    option = swot.add_option(con, pid, "SO", "a", "b", "Vente groupée")
    scenario = perimeter.save(con, pid, perimeter.Scenario(name="Tout"))
    perimeter.validate(con, pid, scenario, "Nadia", "retenu")
    problem = problems.items(con, pid)["theme"].iloc[0] if "theme" in problems.items(con, pid) else "Prix"
    vote_id = votes.open_vote(con, pid, "Priorités", [problem, "Autre"], 3)
    doomed = plan.add(con, pid, dict(ACTION))
    objective = strategy.add_objective(con, pid, "Marque collective")
    doomed_objective = strategy.add_objective(con, pid, "À retirer")
    body = bodies.add(con, pid, "CP", "Comité de pilotage", start=date(2026, 1, 1))
    bodies.add_member(con, pid, body, "A002", "member")
    doomed_body = bodies.add(con, pid, "WG", "Groupe à dissoudre")
    meeting = meetings.add(con, pid, "CP", "CP 1", date(2026, 5, 1), body_id=body)
    doomed_meeting = meetings.add(con, pid, "AP", "Atelier annulé", date(2026, 6, 1))
    meetings.record_attendance(con, pid, meeting, None, "present", "Saïd", "Ferme inconnue")
    typed = int(meetings.attendance(con, pid)["attendance_id"].iloc[0])
    decision = decisions.record(con, pid, meeting, "Relancer les banques")
    checkin.open_checkin(con, pid, meeting)
    portfolio.create(con, pid, "Projet à retirer")
    return {"action": action_id, "doomed": doomed, "objective": objective, "doomed_objective": doomed_objective,
            "keys": keys, "a": a, "b": b, "option": option, "scenario": scenario,
            "problem": problem, "vote": vote_id, "body": body, "doomed_body": doomed_body, "meeting": meeting,
            "doomed_meeting": doomed_meeting, "typed": typed, "decision": decision}


SHEET = Sheet("acteurs.xlsx", "Acteurs", "actors", 1, ["Nom", "Catégorie"], ["name", "category"], [], [])


def _store_file(con, tmp_path):
    """The file of `con`'s store (a copy's target), and a small store to copy from."""
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    source = store.connect(tmp_path / "source.duckdb")
    store.project_id(source, "copié")
    source.close()
    return {"store": path, "source": tmp_path / "source.duckdb"}


def _writers(con, pid, r, tmp_path):
    """Each write of the library, by the action it records, as a call under `who`."""
    def version():
        return int(con.execute("SELECT version FROM actions WHERE project_id = ? AND action_id = ?",
                               [pid, r["action"]]).fetchone()[0])

    def upload(who):
        path = write_xlsx(tmp_path / f"acteurs_{who.role}.xlsx",
                          {"Acteurs": [["Nom", "Catégorie"], [f"Ferme {who.role}", "Producteur"]]})
        return importer.import_files(con, [path], "demo", who=who)

    def undo(who):
        batch = con.execute("SELECT max(batch_id) FROM batches WHERE undone_at IS NULL AND project_id = ?",
                            [pid]).fetchone()[0]
        return importer.undo(con, batch, who=who)

    return {
        "action.add": lambda who: plan.add(con, pid, dict(ACTION), who),
        "action.update": lambda who: plan.update(con, pid, r["action"], {**ACTION, "status": "done"}, version(), who),
        "action.delete": lambda who: plan.delete(con, pid, r["doomed"], 1, who),
        "body.add": lambda who: bodies.add(con, pid, "TC", f"Cellule {who.role}", who=who),
        "body.add_member": lambda who: bodies.add_member(con, pid, r["body"], "A001", "chair", who=who),
        "body.remove_member": lambda who: bodies.remove_member(con, pid, r["body"], "A002", who),
        "body.delete": lambda who: bodies.delete(con, pid, r["doomed_body"], who),
        "meeting.add": lambda who: meetings.add(con, pid, "AP", f"Atelier {who.role}", date(2026, 7, 1), who=who),
        "meeting.minutes": lambda who: meetings.set_minutes(con, pid, r["meeting"], "Compte rendu", who),
        "meeting.delete": lambda who: meetings.delete(con, pid, r["doomed_meeting"], who),
        "attendance.record": lambda who: meetings.record_attendance(con, pid, r["meeting"], "A003", "excused",
                                                                    who=who),
        "attendance.reconcile": lambda who: meetings.reconcile(con, pid, r["typed"], "A004", who),
        "checkin.open": lambda who: checkin.open_checkin(con, pid, r["meeting"], who),
        "checkin.sign": lambda who: checkin.sign(con, pid, r["meeting"], f"d-{who.role}", "A005",
                                                 who=_at_meeting(who, r)),
        "checkin.close": lambda who: checkin.close_checkin(con, pid, r["meeting"], who),
        "checkin.new_link": lambda who: checkin.new_link(con, pid, r["meeting"], who),
        "decision.record": lambda who: decisions.record(con, pid, r["meeting"], f"Décision {who.role}", who=who),
        "decision.status": lambda who: decisions.set_status(con, pid, r["decision"], "done", who),
        "swot.add_item": lambda who: swot.add_item(con, pid, "A001", "threats", "Taxe", "Rania", who=who),
        "swot.add_option": lambda who: swot.add_option(con, pid, "WT", "a", "b", "Stock commun", who=who),
        "swot.send_to_plan": lambda who: swot.send_to_plan(con, pid, r["option"], who),
        "swot.leaders_seen": lambda who: overview.see_leaders_swot(con, pid, who),
        "themes.create": lambda who: themes.create(con, pid, "strengths", "Atouts C", r["keys"][2:3], who),
        "themes.rename": lambda who: themes.rename(con, pid, r["a"], "Atouts A2", who),
        "themes.merge": lambda who: themes.merge(con, pid, r["a"], [r["b"]], who),
        "themes.split": lambda who: themes.split(con, pid, "strengths", r["keys"][:1], who),
        "themes.group": lambda who: themes.group(con, pid, "strengths", r["keys"][3:5], into=r["a"], who=who),
        "leader.choose": lambda who: leaders.set_override(con, pid, "A001", True, "porteur", who),
        "leader.clear": lambda who: leaders.clear_override(con, pid, "A001", who),
        "problems.compare": lambda who: problems.compare(con, pid, "Prix", "Eau", "Prix", who),
        "shortlist.retain": lambda who: problems.retain(con, pid, "Prix", "urgent", who),
        "shortlist.drop": lambda who: problems.drop(con, pid, "Prix", who),
        "perimeter.save": lambda who: perimeter.save(con, pid, perimeter.Scenario(name="Lait"), who),
        "perimeter.validate": lambda who: perimeter.validate(con, pid, r["scenario"], "Nadia", "ok", identity=who),
        "perimeter.reopen": lambda who: perimeter.reopen(con, pid, "Nadia", "revoir", identity=who),
        "settings": lambda who: settings.save(con, pid, {"problems.k": 4}, who),
        "objective.add": lambda who: strategy.add_objective(con, pid, f"Objectif {who.role}", who=who),
        "objective.update": lambda who: strategy.update_objective(con, pid, r["objective"], who, stake="Marché"),
        "objective.delete": lambda who: strategy.delete_objective(con, pid, r["doomed_objective"], who),
        "objective.from_problems": lambda who: strategy.objectives_from_problems(con, pid, ["Prix"], who),
        "objective.from_options": lambda who: strategy.objectives_from_options(con, pid, [r["option"]], who),
        "influence.set": lambda who: strategy.set_influences(con, pid, [("A001", "A002", 3)], who=who),
        "influence.propose": lambda who: strategy.set_influences(con, pid, [("A001", "A003", 1)], strategy.PROPOSED,
                                                                 who),
        "position.set": lambda who: strategy.set_positions(con, pid, [("A001", r["objective"], 2)], who=who),
        "position.propose": lambda who: strategy.set_positions(con, pid, [("A002", r["objective"], -1)],
                                                               strategy.PROPOSED, who),
        "portfolio.create": lambda who: portfolio.create(con, pid, f"Projet {who.role}", who=who),
        "portfolio.update": lambda who: portfolio.update(con, pid, "PRJ02", who, carrier="A042"),
        "portfolio.score": lambda who: portfolio.score(con, pid, "PRJ02", 3, 6, 50000.0, who),
        "portfolio.verdict": lambda who: portfolio.decide(con, pid, "PRJ02", "retained", "prêt", who),
        "portfolio.send_to_plan": lambda who: portfolio.send_to_plan(con, pid, "PRJ01", ["a", "b", "c"],
                                                                     date(2027, 1, 4), [], who),
        "portfolio.delete": lambda who: portfolio.delete(con, pid, "PRJ04", who),
        "vote.open": lambda who: votes.open_vote(con, pid, "Encore", [r["problem"]], 2, who),
        "vote.close": lambda who: votes.set_open(con, r["vote"], False, who),
        "vote.reopen": lambda who: votes.set_open(con, r["vote"], True, who),
        "vote.new_link": lambda who: votes.new_link(con, r["vote"], who),
        "vote.ballot": lambda who: votes.cast(con, r["vote"], f"p-{who.role}", {r["problem"]: 1}, who),
        "settings.default_project": lambda who: store.set_setting(con, "project", "demo", who),
        "import": upload,
        "undo": undo,
        "mapping.save": lambda who: mappings.save(con, SHEET, ["name", "category"], who),
        "project.copy": lambda who: copying.copy(r["source"], r["store"], ["copié"], who=who),
        "users.add": lambda who: users.add(con, f"nadia-{who.role}", FACILITATOR, "un code assez long", who=who),
        "users.remove": lambda who: users.remove(con, "kept", who),
        "tokens.issue": lambda who: users.issue(con, "observer", ["demo"], "comité", who),
        "tokens.revoke": lambda who: users.revoke(con, _open_observer_link(con), who),
    }


def _open_observer_link(con):
    listed = users.tokens(con)
    return listed[(listed["kind"] == "observer") & listed["revoked_at"].isna()]["id"].iloc[0]


def _at_meeting(who, r):
    """A participant checks in from the check-in's link (its meeting's), not from a vote's."""
    if who.role != PARTICIPANT:
        return who
    return Identity(who.name, PARTICIPANT, who.projects, meeting_id=r["meeting"])


def _identity(role, pid, vote_id):
    return Identity(f"Someone ({role})", role, frozenset({pid}) if role in (OBSERVER, PARTICIPANT) else None,
                    vote_id if role == PARTICIPANT else None)


def test_every_write_of_the_library_is_named_in_the_vocabulary(demo_con, tmp_path):
    pid = store.project_id(demo_con, "demo", create=False)
    writers = _writers(demo_con, pid, {}, tmp_path)
    assert set(writers) == set(roles.ACTIONS), "a write without a role, or a role without a write"


@pytest.mark.parametrize("role", roles.ROLES)
def test_each_writing_function_under_each_role(demo_con, tmp_path, role):
    con = demo_con
    pid = store.project_id(con, "demo", create=False)
    ready = {**_ready(con, pid), **_store_file(con, tmp_path)}
    users.add(con, "kept", OBSERVER, "un autre code long")
    users.issue(con, "observer", None, "à révoquer")
    who = _identity(role, pid, ready["vote"])
    for action, write in _writers(con, pid, ready, tmp_path).items():
        if action == "project.copy" and ON_POSTGRES:
            continue  # its target is the store's file (`_store_file`)
        before = con.execute("SELECT max(change_id) FROM changes").fetchone()[0]
        if roles.allowed(role, action):
            write(who)
            last = con.execute("SELECT who, role, action FROM changes ORDER BY change_id DESC LIMIT 1").fetchone()
            assert last == (who.name, role, action), action
        else:
            with pytest.raises(Forbidden) as refused:
                write(who)
                pytest.fail(f"{action} was not refused")
            assert con.execute("SELECT max(change_id) FROM changes").fetchone()[0] == before, f"{action} wrote"
            assert refused.value.key.startswith("roles."), action
            assert refused.value.message("fr") != refused.value.message("en")


def test_what_each_role_may_do():
    assert all(roles.allowed(ANALYST, a) for a in roles.ACTIONS)
    assert not any(roles.allowed(OBSERVER, a) for a in roles.ACTIONS)
    assert [a for a in roles.ACTIONS if roles.allowed(PARTICIPANT, a)] == ["checkin.sign", "vote.ballot"]
    for refused in ("import", "undo", "action.delete", "users.add", "tokens.issue", "settings.default_project",
                    "meeting.delete", "body.delete", "attendance.reconcile"):
        assert not roles.allowed(FACILITATOR, refused), refused
    for workshop in ("vote.open", "vote.close", "swot.add_item", "swot.add_option", "perimeter.validate",
                     "shortlist.retain", "leader.choose", "action.add", "checkin.open", "checkin.close",
                     "decision.record", "meeting.add", "body.add_member"):
        assert roles.allowed(FACILITATOR, workshop), workshop
    assert not roles.allowed(FACILITATOR, "some.future_action"), "a write not declared is the analyst's"


def test_a_participant_votes_only_in_its_own_vote(demo_con):
    pid = store.project_id(demo_con, "demo", create=False)
    mine = votes.open_vote(demo_con, pid, "A", ["Prix", "Eau"], 2)
    other = votes.open_vote(demo_con, pid, "B", ["Prix", "Eau"], 2)
    who = users.from_token(demo_con, votes.token(demo_con, mine))
    assert who.role == PARTICIPANT and who.vote_id == mine
    with pytest.raises(Forbidden):
        votes.cast(demo_con, other, "x", {"Prix": 1}, who)
    votes.cast(demo_con, mine, "x", {"Prix": 1}, who)
    assert votes.participants(demo_con, mine) == 1 and votes.participants(demo_con, other) == 0


def test_an_observer_of_one_project_may_not_write_another(demo_con):
    pid = store.project_id(demo_con, "demo", create=False)
    other = store.project_id(demo_con, "autre")
    facilitator = Identity("Leila", FACILITATOR, frozenset({other}))
    with pytest.raises(Forbidden) as refused:
        plan.add(demo_con, pid, dict(ACTION), facilitator)
    assert refused.value.key == "roles.other_project"
    plan.add(demo_con, other, dict(ACTION), facilitator)


def test_a_write_with_no_identity_is_the_local_analysts(demo_con):
    pid = store.project_id(demo_con, "demo", create=False)
    plan.add(demo_con, pid, dict(ACTION))
    plan.add(demo_con, pid, dict(ACTION), "Nadia")
    rows = demo_con.execute("SELECT who, role FROM changes WHERE action = 'action.add' ORDER BY change_id").fetchall()
    assert rows == [("local", ANALYST), ("Nadia", ANALYST)]


def test_the_session_identity_wins_over_what_a_caller_passed(demo_con, monkeypatch):
    pid = store.project_id(demo_con, "demo", create=False)
    monkeypatch.setattr(roles, "_session_lookup", lambda: Identity("Omar", OBSERVER))
    with pytest.raises(Forbidden):
        plan.add(demo_con, pid, dict(ACTION), "someone claiming to be the analyst")
    with pytest.raises(Forbidden):
        plan.add(demo_con, pid, dict(ACTION))


def test_undoing_an_import_says_who_made_it(demo_con, tmp_path):
    path = write_xlsx(tmp_path / "acteurs.xlsx", {"Acteurs": [["Nom", "Catégorie"], ["Ferme Z", "Producteur"]]})
    report = importer.import_files(demo_con, [path], "demo", who=Identity("Nadia", ANALYST))
    batch = report.batch_ids[0]
    assert importer.imported_by(demo_con, batch) == "Nadia"
    importer.undo(demo_con, batch, who=Identity("Karim", ANALYST))
    who, detail = demo_con.execute("SELECT who, detail FROM changes WHERE action = 'undo'").fetchone()
    assert who == "Karim" and '"imported_by": "Nadia"' in detail


def test_codes_are_stored_hashed_and_checked(con):
    users.add(con, "Nadia", FACILITATOR, "un code assez long", ["demo"])
    stored = con.execute("SELECT code_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2id$") and "un code assez long" not in stored
    assert users.check_code(con, "Nadia", "un code assez long").role == FACILITATOR
    assert users.check_code(con, "Nadia", "un code assez lonG") is None
    assert users.check_code(con, "Personne", "un code assez long") is None
    with pytest.raises(InvalidInput):
        users.add(con, "Court", FACILITATOR, "court")
    with pytest.raises(InvalidInput):
        users.add(con, "Passant", PARTICIPANT, "un code assez long")


def test_wrong_codes_slow_down_per_address_and_per_account_and_are_logged_without_the_code(con, caplog):
    now = [1000.0]
    throttle = users.Throttle(free=2, cap=60, clock=lambda: now[0])
    users.add(con, "Karim", ANALYST, "code de karim")
    for _ in range(2):
        with pytest.raises(Forbidden):
            users.sign_in(con, "Karim", "devine-moi", "10.0.0.7", throttle=throttle)
    with pytest.raises(Forbidden) as waiting:
        users.sign_in(con, "Karim", "code de karim", "10.0.0.7", throttle=throttle)
    assert waiting.value.key == "signin.wait", "the right code waits too: it is not even checked"
    with pytest.raises(Forbidden) as other_address:
        users.sign_in(con, "Karim", "code de karim", "10.0.0.8", throttle=throttle)
    assert other_address.value.key == "signin.wait", "the account is slowed from any address"
    with pytest.raises(Forbidden) as other_account:
        users.sign_in(con, "Leila", "code de karim", "10.0.0.7", throttle=throttle)
    assert other_account.value.key == "signin.wait", "the address is slowed for any account"
    now[0] += throttle.delay(2) + 0.01
    assert users.sign_in(con, "Karim", "code de karim", "10.0.0.7", throttle=throttle).role == ANALYST
    assert throttle.wait("account:karim", "address:10.0.0.7") == 0, "a success clears both"
    assert [throttle.delay(n) for n in range(1, 9)] == [0, 1, 2, 4, 8, 16, 32, 60]
    logged = " ".join(r.getMessage() for r in caplog.records if r.name == "clusterlab.signin")
    assert "Karim" in logged and "10.0.0.7" in logged and "devine-moi" not in logged and "code de karim" not in logged


def test_an_observer_token_opens_its_projects_until_revoked(con):
    demo = store.project_id(con, "demo")
    store.project_id(con, "autre")
    token = users.issue(con, "observer", ["demo"], "comité")
    who = users.from_token(con, token)
    assert who.role == OBSERVER and who.projects == frozenset({demo})
    assert token not in users.tokens(con).to_string() and token not in str(
        con.execute("SELECT * FROM tokens").fetchall()), "the token itself is not stored"
    users.revoke(con, users.tokens(con)["id"].iloc[0])
    assert users.from_token(con, token) is None


def test_a_votes_link_closes_with_the_vote_and_a_new_link_revokes_the_old(con):
    pid = store.project_id(con, "demo")
    vote_id = votes.open_vote(con, pid, "AP", ["Prix"], 2)
    first = votes.token(con, vote_id)
    assert votes.link("http://127.0.0.1:8501/", vote_id, "192.168.1.20", first) == (
        f"http://192.168.1.20:8501/vote?vote={vote_id}&t={first}")
    votes.set_open(con, vote_id, False)
    assert users.from_token(con, first) is None, "closed with the vote"
    votes.set_open(con, vote_id, True)
    assert users.from_token(con, first).vote_id == vote_id
    second = votes.new_link(con, vote_id)
    assert users.from_token(con, first) is None and users.from_token(con, second).vote_id == vote_id


def test_uploads_are_read_from_a_private_folder_and_removed(monkeypatch, tmp_path):
    from clusterlab.ui import importing

    seen = {}

    def read(path, name):
        seen["mode"], seen["folder"] = path.stat().st_mode & 0o777, path.parent.stat().st_mode & 0o777
        seen["path"] = path
        return "book"

    monkeypatch.setattr(importing, "read_workbook", read)
    assert importing._read.__wrapped__("sha", "grille.xlsx", b"data") == "book"
    assert (seen["mode"], seen["folder"]) == (0o600, 0o700)
    assert not seen["path"].exists() and not seen["path"].parent.exists(), "removed once read"


def test_the_command_line_adds_lists_and_removes_people_and_refuses_to_serve_the_network_without_an_analyst(
        tmp_path):
    from tests.test_cli import run

    db = str(tmp_path / "c.duckdb")
    assert run("init", "--db", db, "--address", "0.0.0.0", "--lang", "en").returncode == 2
    added = subprocess.run([sys.executable, "-m", "clusterlab", "users", "add", "Nadia", "--role", "analyst",
                            "--code-from-env", "CODE", "--db", db, "--lang", "en"], capture_output=True, text=True,
                           cwd=ROOT, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "CODE": "le code de nadia"})
    assert added.returncode == 0 and "Nadia signs in as analyst." in added.stdout, added.stderr
    listed = run("users", "list", "--db", db)
    assert "Nadia" in listed.stdout and "argon2" not in listed.stdout and "le code" not in listed.stdout
    assert run("init", "--db", db, "--address", "0.0.0.0", "--lang", "en").returncode == 0
    issued = run("tokens", "issue", "--projects", "demo", "--db", db, "--lang", "en")
    token = issued.stdout.strip().rsplit("?access=", 1)[1]
    assert token not in run("tokens", "list", "--db", db).stdout
    assert run("users", "remove", "Nadia", "--db", db).returncode == 0
    assert run("users", "remove", "Nadia", "--db", db).returncode == 1


def test_a_vote_or_a_meeting_of_a_project_not_given_is_refused_before_it_is_read(demo_con, monkeypatch):
    demo = store.project_id(demo_con, "demo", create=False)
    other = store.project_id(demo_con, "autre")
    hidden = votes.open_vote(demo_con, other, "Secret de l'autre projet", ["Problème caché"], 3)
    mine = votes.open_vote(demo_con, demo, "Priorités", ["Prix"], 3)
    meeting = meetings.add(demo_con, other, "CP", "Comité caché", date(2026, 5, 1))
    for who in (Identity("Omar", OBSERVER, frozenset({demo})), Identity("Leila", FACILITATOR, frozenset({demo}))):
        for read in (lambda: votes.vote(demo_con, hidden, who), lambda: votes.results(demo_con, hidden, who),
                     lambda: meetings.meeting(demo_con, other, meeting, who)):
            with pytest.raises(Forbidden) as refused:
                read()
            assert refused.value.key == "roles.read_other_project", who
            assert "Secret" not in refused.value.message("en") and refused.value.message("fr") != refused.value.message(
                "en")
        assert votes.vote(demo_con, mine, who)["title"] == "Priorités", "their own project's vote reads"
    with pytest.raises(Forbidden):
        votes.set_open(demo_con, hidden, False, Identity("Leila", FACILITATOR, frozenset({demo})))
    participant = users.from_token(demo_con, votes.token(demo_con, mine))
    with pytest.raises(Forbidden) as refused:
        votes.vote(demo_con, votes.open_vote(demo_con, demo, "Autre vote", ["Prix"], 2), participant)
    assert refused.value.key == "roles.read_other_vote", "a participant reads its own vote only"
    assert votes.vote(demo_con, mine, participant)["vote_id"] == mine
    assert votes.vote(demo_con, hidden)["title"] == "Secret de l'autre projet", "the local analyst reads everything"
    monkeypatch.setattr(roles, "_session_lookup", lambda: Identity("Omar", OBSERVER, frozenset({demo})))
    with pytest.raises(Forbidden):
        votes.vote(demo_con, hidden)  # a page that forgets to pass who: the session's identity still decides


def test_the_old_shared_code_opens_as_the_analyst_under_a_name_marked_unverified(con):
    users.add(con, "Nadia", FACILITATOR, "un code assez long")
    who = users.check_code(con, "Omar", "bekaa-2026", legacy_code="bekaa-2026")
    assert who == Identity("Omar (shared code)", ANALYST)
    assert users.check_code(con, "", "bekaa-2026", legacy_code="bekaa-2026").name == "analyst (shared code)"
    assert users.check_code(con, "Omar", "bekaa-2027", legacy_code="bekaa-2026") is None
    assert users.check_code(con, "Omar", "bekaa-202", legacy_code="bekaa-2026") is None
    assert users.check_code(con, "Nadia", "bekaa-2026", legacy_code="bekaa-2026") is None, (
        "an account's name opens with its own code only")
    pid = store.project_id(con, "demo")
    plan.add(con, pid, dict(ACTION), who)
    assert con.execute("SELECT who, role FROM changes WHERE action = 'action.add'").fetchone() == (
        "Omar (shared code)", ANALYST)
    with pytest.raises(InvalidInput) as refused:
        users.add(con, "Omar (shared code)", ANALYST, "un code assez long")
    assert refused.value.key == "users.reserved_name"


def test_what_changed_is_recorded_with_the_values_before_and_after(demo_con):
    import json

    from clusterlab import audit

    con = demo_con
    pid = store.project_id(con, "demo", create=False)

    def last(action):
        return json.loads(con.execute("SELECT detail FROM changes WHERE action = ? ORDER BY change_id DESC LIMIT 1",
                                      [action]).fetchone()[0])

    action_id = plan.add(con, pid, dict(ACTION))
    long_title = "Collecte groupée du lait de toutes les fermes de la Bekaa, deux fois par jour, en camion"
    plan.update(con, pid, action_id, {**ACTION, "title": long_title, "status": "done", "budget": 1200.0}, 1)
    said = last("action.update")
    assert said["action_id"] == action_id
    assert said["changed"] == {"title": ["Collecte groupée", long_title[:audit.SHORT - 1] + "…"],
                               "status": ["planned", "done"], "budget": [None, 1200.0]}, "only the fields changed"
    portfolio.update(con, pid, "PRJ02", carrier="A042", title="Lait de qualité", actors=["A042", "A001"])
    changed = last("portfolio.update")["changed"]
    assert changed["title"] == ["Contrôle de la qualité du lait", "Lait de qualité"]
    assert "carrier" not in changed, "the carrier was A042 already"
    assert changed["actors"][1] == ["A042", "A001"] and changed["actors"][0] != changed["actors"][1]
    meeting = meetings.add(con, pid, "CP", "CP 9", date(2026, 5, 1))
    meetings.set_minutes(con, pid, meeting, "Premier compte rendu")
    meetings.set_minutes(con, pid, meeting, "Compte rendu corrigé")
    assert last("meeting.minutes")["changed"] == {"minutes": ["Premier compte rendu", "Compte rendu corrigé"]}
    scenario = perimeter.save(con, pid, perimeter.Scenario(name="Tout", regions=["Zahlé"]))
    perimeter.save(con, pid, perimeter.Scenario(name="Tout", regions=["Zahlé", "Baalbek"], scenario_id=scenario))
    assert last("perimeter.save")["changed"] == {"regions": [["Zahlé"], ["Zahlé", "Baalbek"]]}
    shown = audit.readable(json.dumps({"action_id": "ACT1", "changed": {"status": ["planned", "done"],
                                                                         "owner": [None, "Nadia"]}}))
    assert shown == "action_id: ACT1; status: planned → done; owner: — → Nadia"
    assert audit.readable("not json") == "not json"
