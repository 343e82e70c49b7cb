"""Roles through AppTest: signing in, an observer who reads and cannot save, a participant who reaches the ballot
only, the refusal to open beyond localhost without an analyst code, and the audit page in both languages."""
import pandas as pd
import pytest
from streamlit import config
from streamlit.util import calc_hash

from clusterlab import audit, plan, store, users, votes
from clusterlab.i18n import t as tr_
from clusterlab.ui.pages import pages_for
from clusterlab.ui.plain import escape_markdown
from tests.apptest import app, every_tab, page, raw_keys, show_tab, shown_names
from tests.conftest import ROOT

pytestmark = pytest.mark.apptest

PROBLEMS = ["Prix du lait instable", "Manque de chaîne du froid"]


def _with(demo_db, *people):
    con = store.connect(demo_db)
    for name, role, code in people:
        users.add(con, name, role, code)
    return con


def _not_in_navigation(at, file):
    """The page is not in this session's navigation: its address cannot open it."""
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(file)


def _sign_in(at, name, code):
    at.text_input(key="signin_name").set_value(name)
    at.text_input(key="signin_code").set_value(code)
    at.button[0].click()
    return at.run()


def _every_page_and_tab(at):
    """Open each page of the navigation but those of the analyst (import, audit) and of participants (the
    ballot), and each of its tabs: none may raise."""
    for file in sorted(str(f.relative_to(ROOT)) for f in (ROOT / "app_pages").glob("*.py")):
        if file in ("app_pages/import_data.py", "app_pages/audit.py", "app_pages/vote.py"):
            continue
        at = page(at, file)
        assert not at.exception, file
        for label in every_tab(at, file):
            assert not at.exception, (file, label)
    return at


def test_people_sign_in_with_their_own_code_and_a_facilitator_has_no_import(demo_db):
    _with(demo_db, ("Nadia", "facilitator", "code de nadia"), ("Karim", "analyst", "code de karim")).close()
    at = app({"lang": "en"}).run()
    assert at.title[0].value == "clusterlab" and not at.metric, "nothing shows before signing in"
    _sign_in(at, "Nadia", "code de karim")
    assert [e.value for e in at.error] == ["Wrong name or code."]
    _sign_in(at, "Nadia", "code de nadia")
    assert at.title[0].value == "Cluster project: demo"
    assert "Nadia · facilitator" in [c.value for c in at.sidebar.caption]
    _not_in_navigation(at, "app_pages/import_data.py")
    _not_in_navigation(at, "app_pages/audit.py")


def test_a_facilitator_opens_every_page_and_tab_of_its_navigation_without_a_refusal(demo_db):
    _with(demo_db, ("Nadia", "facilitator", "code de nadia")).close()
    at = _sign_in(app({"lang": "en"}).run(), "Nadia", "code de nadia")
    at = _every_page_and_tab(at)


def test_repeated_wrong_codes_wait_before_the_code_is_even_checked(demo_db):
    _with(demo_db, ("Karim", "analyst", "code de karim")).close()
    at = app({"lang": "en"}).run()
    for _ in range(users.THROTTLE.free):
        _sign_in(at, "Karim", "devine")
    _sign_in(at, "Karim", "code de karim")
    assert at.error and "try again in" in at.error[0].value, "the right code must wait too once failures pile up"
    assert not at.metric


def test_an_observer_link_reads_every_page_and_saves_nothing(demo_db):
    con = _with(demo_db, ("Karim", "analyst", "code de karim"))
    token = users.issue(con, "observer", ["demo"], "comité de pilotage")
    pid = store.project_id(con, "demo")
    before = store.revision(con, pid)
    con.close()
    at = app({"lang": "en", "access": token}).run()
    assert at.title[0].value == "Cluster project: demo"
    assert "access" not in at.query_params, "the token leaves the address at once"
    assert [i.value for i in at.info if "observer" in i.value] == ["You read as an observer: nothing can be saved."]
    at = show_tab(page(at, "app_pages/problems.py"), "problems_tab", "problems.tab_votes")
    assert not at.exception
    opening = [b for b in at.button if b.label == "Open the vote"]
    assert opening and opening[0].disabled, "the vote's opening is disabled"
    at = _every_page_and_tab(at)
    for scope in ("leaders", "cluster"):  # looking at the leaders' SWOT is remembered, but not an observer's look
        at = page(at, "app_pages/swot.py")
        at.segmented_control(key="swot_scope").set_value(scope).run()
        assert not at.exception, scope
    _not_in_navigation(at, "app_pages/import_data.py")
    con = store.connect(demo_db)
    assert store.revision(con, pid) == before
    con.close()


def test_a_closed_or_unknown_link_opens_nothing(demo_db):
    con = _with(demo_db, ("Karim", "analyst", "code de karim"))
    vote_id = votes.open_vote(con, store.project_id(con, "demo"), "AP", PROBLEMS, 3)
    token = votes.token(con, vote_id)
    votes.set_open(con, vote_id, False)
    con.close()
    for bad in (token, "not-a-token"):
        at = app({"lang": "en", "vote": str(vote_id), "t": bad}).run()
        assert [e.value for e in at.error] == [
            "This link is closed or unknown. Ask the facilitator for the vote's current link."]
        assert not at.metric and not at.get("number_input")


def test_a_participant_reaches_the_ballot_only_and_votes_once(demo_db):
    con = _with(demo_db, ("Karim", "analyst", "code de karim"))
    pid = store.project_id(con, "demo")
    vote_id = votes.open_vote(con, pid, "AP 2", PROBLEMS, 3)
    token = votes.token(con, vote_id)
    con.close()
    at = app({"lang": "en", "vote": str(vote_id), "t": token}).run()
    assert not at.exception
    assert at.title[0].value == "Vote", at.title
    assert not at.sidebar.children or not any(at.sidebar.get(k) for k in ("selectbox", "button", "toggle"))
    at.number_input(key="dot_0").set_value(2)
    next(b for b in at.button if b.label == "Send my vote").click().run()
    assert [s.value for s in at.success] == ["You have already voted in this vote: thank you."]
    for elsewhere in ("app_pages/import_data.py", "app_pages/overview.py", "app_pages/plan.py", "app_pages/audit.py"):
        _not_in_navigation(at, elsewhere)
    at.query_params["vote"] = "999"
    at.run()
    assert at.title[0].value == "Vote" and [s.value for s in at.success] == [
        "You have already voted in this vote: thank you."], "another vote's number shows this one's ballot"
    con = store.connect(demo_db)
    assert votes.results(con, vote_id)["dots"].tolist() == [2, 0]
    who = con.execute("SELECT who, role FROM changes WHERE action = 'vote.ballot'").fetchall()
    con.close()
    assert who == [("participant", "participant")]


def test_beyond_localhost_without_an_analyst_code_nothing_opens(demo_db):
    config.set_option("server.address", "0.0.0.0")
    try:
        at = app({"lang": "en"}).run()
        assert at.error and "listens beyond this machine" in at.error[0].value and not at.metric
        _with(demo_db, ("Karim", "analyst", "code de karim")).close()
        at = app({"lang": "en"}).run()
        assert at.get("text_input") and not at.error, "with an analyst code: the sign-in form"
    finally:
        config.set_option("server.address", "127.0.0.1")


@pytest.mark.parametrize("lang, title, every", [("en", "Who did what", "Every project"),
                                                  ("fr", "Qui a fait quoi", "Tous les projets")])
def test_the_audit_page_lists_filters_and_exports_the_changes(demo_db, lang, title, every):
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    plan.add(con, pid, {"title": "Collecte groupée", "status": "planned"}, "Nadia")
    plan.add(con, pid, {"title": "Stock commun", "status": "planned"}, "Omar")
    con.close()
    at = page(app({"lang": lang}).run(), "app_pages/audit.py")
    assert not at.exception
    assert at.title[0].value == title
    assert at.selectbox(key="audit_project").options[0] == every
    headers = [text for where, text in shown_names(at) if where == "table header"]
    assert headers == [tr_(f"audit.{c}", lang) for c in audit.COLUMNS], "every header in the page's language"
    assert not raw_keys(at)
    shown = at.dataframe[0].value
    assert {"Nadia", "Omar", "local"} <= set(shown["who"])
    at.multiselect(key="audit_who").set_value(["Nadia"]).run()
    shown = at.dataframe[0].value
    assert shown["who"].tolist() == ["Nadia"] and shown["action"].tolist() == ["action.add"]
    assert "Collecte groupée" in shown["detail"].iloc[0]
    at.multiselect(key="audit_who").set_value([]).run()
    at.multiselect(key="audit_action").set_value(["import"]).run()
    assert at.dataframe[0].value["action"].tolist() == ["import"]
    assert not [c for c in at.caption if "audit." in c.value], "no raw catalogue key on screen"


def test_the_project_workbook_carries_who_did_what(demo_con):
    from io import BytesIO

    from clusterlab import exporter
    pid = store.project_id(demo_con, "demo")
    plan.add(demo_con, pid, {"title": "Collecte groupée", "status": "planned"}, "Nadia")
    users.add(demo_con, "Karim", "analyst", "code très secret")
    sheets = pd.read_excel(BytesIO(exporter.project_workbook(demo_con, pid, "fr")), sheet_name=None, engine="calamine")
    changes = sheets["Qui a fait quoi"]
    assert "Nadia" in changes["who"].tolist()
    assert len(changes) == len(audit.changes(demo_con, pid)), "the project's changes only"
    assert not any("code très secret" in str(v) for df in sheets.values() for v in df.to_numpy().ravel())


def test_a_session_ends_when_its_person_is_removed_or_its_vote_closes(demo_db):
    con = _with(demo_db, ("Nadia", "facilitator", "code de nadia"), ("Karim", "analyst", "code de karim"))
    vote_id = votes.open_vote(con, store.project_id(con, "demo"), "AP", PROBLEMS, 3)
    token = votes.token(con, vote_id)
    con.close()
    at = _sign_in(app({"lang": "en"}).run(), "Nadia", "code de nadia")
    assert at.title[0].value == "Cluster project: demo"
    phone = app({"lang": "en", "vote": str(vote_id), "t": token}).run()
    assert phone.title[0].value == "Vote"
    con = store.connect(demo_db)
    users.remove(con, "Nadia")
    votes.set_open(con, vote_id, False)
    con.close()
    at.run()
    assert at.title[0].value == "clusterlab" and at.get("text_input") and not at.metric
    phone.run()
    assert [e.value for e in phone.error] == [
        "This link is closed or unknown. Ask the facilitator for the vote's current link."]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_observer_of_one_project_cannot_open_another_projects_vote_by_its_number(demo_db, lang):
    con = _with(demo_db, ("Karim", "analyst", "code de karim"))
    other = store.project_id(con, "autre")
    hidden = votes.open_vote(con, other, "Secret de l'autre projet", ["Problème caché"], 3)
    token = users.issue(con, "observer", ["demo"], "comité")
    con.close()
    at = app({"lang": lang, "access": token}).run()
    at.query_params["vote"] = str(hidden)
    at = page(at, "app_pages/vote.py")
    assert not at.exception
    assert [e.value for e in at.error] == [escape_markdown(tr_("roles.read_other_project", lang))]
    shown = " ".join(text for _, text in shown_names(at)) + " ".join(m.value for m in at.markdown)
    assert "Secret" not in shown and "caché" not in shown and not at.get("number_input"), "nothing of the vote shows"
    assert not at.subheader


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_audit_page_shows_what_an_edit_changed_before_and_after(demo_db, lang):
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    action_id = plan.add(con, pid, {"title": "Collecte groupée", "status": "planned"}, "Nadia")
    plan.update(con, pid, action_id, {"title": "Collecte groupée", "status": "done"}, 1, "Omar")
    con.close()
    at = page(app({"lang": lang}).run(), "app_pages/audit.py")
    at.multiselect(key="audit_action").set_value(["action.update"]).run()
    shown = at.dataframe[0].value
    assert shown["who"].tolist() == ["Omar"]
    assert shown["detail"].tolist() == [f"action_id: {action_id}; status: planned → done"]


def _crafted(at, url_path):
    """Run the page whose hash a crafted rerun message names: what a real client sends is the hash of the page's
    url_path (st.Page), whatever the navigation holds. (AppTest.switch_page refuses a page the navigation does not
    register before the app even runs: it would not exercise the server's own fallback.)"""
    at._page_hash = calc_hash(url_path)
    return at.run()


def _writable(at):
    """What the main area offers to save: enabled buttons (form submits included) and editable grids."""
    return ([f"button {b.key}" for b in at.main.button if not b.disabled]
            + [f"grid {g.key}" for g in at.main.get("data_editor") if not g.proto.disabled])


def test_a_crafted_page_hash_runs_no_page_the_session_may_not_open(demo_db):
    from pathlib import Path

    con = _with(demo_db, ("Karim", "analyst", "code de karim"))
    vote_id = votes.open_vote(con, store.project_id(con, "demo"), "AP", PROBLEMS, 3)
    vote_token = votes.token(con, vote_id)
    token = users.issue(con, "observer", ["demo"], "comité")
    con.close()
    phone = app({"lang": "en", "vote": str(vote_id), "t": vote_token}).run()
    for url_path in ("import", "audit", "plan", "governance", "overview"):
        phone = _crafted(phone, url_path)
        assert not phone.exception and phone.title[0].value == "Vote", url_path
        assert not phone.get("file_uploader") and phone.get("number_input"), "the ballot, and nothing else"
    at = app({"lang": "en", "access": token}).run()
    for url_path in ("import", "audit"):
        at = _crafted(at, url_path)
        assert not at.exception and at.title[0].value == "Cluster project: demo", "the observer's first page instead"
        assert not at.get("file_uploader") and not [t for t in at.title if t.value in ("Import data", "Who did what")]
    for spec in pages_for("observer"):
        at = _crafted(at, spec.url_path or "overview")
        assert not at.exception, spec.url_path
        assert not _writable(at), (spec.url_path, _writable(at))
        for label in [tab.label for tab in at.tabs]:
            at.session_state[f"{Path(spec.file).stem}_tab"] = label
            at.run()
            assert not _writable(at), (spec.url_path, label, _writable(at))
