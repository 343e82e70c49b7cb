"""The governance page and the phones' check-in through AppTest: the story in both languages and in workshop mode,
a meeting added once, the facilitator's check-in with its QR code, a phone checking in once, a decision recorded."""
import pytest

from clusterlab import checkin, decisions, meetings, store
from clusterlab.i18n import t
from tests.apptest import app, page, raw_keys, show_tab

pytestmark = pytest.mark.apptest
GOVERNANCE = "app_pages/governance.py"


def open_governance(tab: str = "bodies", lang: str = "en", mode: str | None = None):
    query = {"lang": lang} | ({"mode": mode} if mode else {})
    return show_tab(page(app(query).run(), GOVERNANCE), "governance_tab", f"governance.tab_{tab}", lang)


@pytest.mark.parametrize(("lang", "mode"), [("fr", None), ("en", None), ("fr", "workshop")])
def test_the_page_tells_who_came_what_was_decided_and_who_is_on_board(demo_db, lang, mode):
    at = open_governance("bodies", lang, mode)
    assert not at.exception and raw_keys(at) == []
    assert {m.label: m.value for m in at.metric}[("Instances" if lang == "fr" else "Bodies")] == "2"
    bodies = at.dataframe[0].value
    assert bodies["members"].tolist() == [6, 4]
    at = show_tab(at, "governance_tab", "governance.tab_meetings", lang)
    assert not at.exception and raw_keys(at) == []
    at.selectbox(key="meeting_shown").set_value("MTG0004").run()  # the CP
    came = at.dataframe[1].value  # as shown: the statuses in the page's language
    assert sorted(came["status"]) == sorted([t("attendance.excused", lang)] + [t("attendance.present", lang)] * 5)
    decided = at.dataframe[2].value
    assert t("decision_kind.perimeter", lang) in decided["kind"].tolist()
    at = show_tab(at, "governance_tab", "governance.tab_follow", lang)
    follow = at.dataframe[0].value
    assert follow["late"].iloc[0] and not at.exception  # the late ones first
    at = show_tab(at, "governance_tab", "governance.tab_adhesion", lang)
    assert not at.exception and raw_keys(at) == []
    assert len(at.get("plotly_chart")) == 3  # the funnel, the funnel by stage, the barometer
    on_board = int({m.label: m.value for m in at.metric}[t("governance.on_board", lang)])
    said = next(c.value for c in at.caption if c.value.startswith(t("governance.funnel_help", lang, at="")[:20]))
    assert f"{t('adhesion.attended', lang)} {on_board}" in said, "the funnel's caption gives the metric's count"
    drifting = at.dataframe[0].value
    assert set(drifting["actor_id"]) == {"A019", "A045", "A046"}


def test_a_meeting_added_twice_on_a_double_click_is_saved_once(raw_demo_db):  # before any meeting was held
    at = open_governance("meetings")
    at.text_input(key="meeting_title").set_value("Comité de pilotage 1")
    at.selectbox(key="meeting_kind").set_value("CP")
    for _ in range(2):  # clicked twice in two runs
        next(b for b in at.button if b.label == "Add the meeting").click()
        at.run()
    assert not at.exception
    con = store.connect(raw_demo_db)
    held = meetings.meetings(con, store.project_id(con, "demo"))
    con.close()
    assert held[["kind", "title"]].values.tolist() == [["CP", "Comité de pilotage 1"]]


def test_the_facilitator_opens_the_check_in_and_the_room_sees_its_qr_code(demo_db):
    at = open_governance("meetings")
    at.selectbox(key="meeting_shown").set_value("MTG0005").run()  # the national seminar, ahead
    next(b for b in at.button if b.label == "Open the check-in").click()
    at.run()
    assert not at.exception
    assert at.get("image"), "the QR code is drawn"
    assert {m.label: m.value for m in at.metric}["Checked in"] == "0"
    assert any("/checkin?meeting=MTG0005&t=" in m.value for m in at.markdown)
    con = store.connect(demo_db)
    assert meetings.meeting(con, store.project_id(con, "demo"), "MTG0005")["checkin_open"]
    con.close()


def test_a_phone_checks_in_once_from_the_link_and_a_closed_check_in_opens_nothing(demo_db):
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    token = checkin.open_checkin(con, pid, "MTG0005")
    con.close()
    at = app({"lang": "en", "meeting": "MTG0005", "t": token}).run()  # the QR code's link: the check-in only
    assert not at.exception
    assert [t.value for t in at.title] == ["Check-in"] and not at.sidebar.selectbox
    at.selectbox(key="checkin_actor").set_value("A013")
    at.text_input(key="checkin_person").set_value("Elie Sfeir")
    next(b for b in at.button if b.label == "Check in").click()
    at.run()
    assert [s.value for s in at.success] == ["You are checked in. Thank you!"]
    at.run()  # this phone again: checked in, nothing more to send
    assert not [b for b in at.button if b.label == "Check in"] and at.success
    con = store.connect(demo_db)
    assert checkin.count(con, pid, "MTG0005") == 1
    checkin.close_checkin(con, pid, "MTG0005")
    con.close()
    late = app({"lang": "en", "meeting": "MTG0005", "t": token}).run()
    assert not late.get("selectbox") and late.error  # the link opens nothing any more


def test_a_phone_types_an_organisation_the_list_lacks(demo_db):
    con = store.connect(demo_db)
    pid = store.project_id(con, "demo")
    token = checkin.open_checkin(con, pid, "MTG0005")
    con.close()
    at = app({"lang": "fr", "meeting": "MTG0005", "t": token}).run()
    at.text_input(key="checkin_other").set_value("Ferme <b>nouvelle</b>")
    next(b for b in at.button if b.label == "Émarger").click()
    at.run()
    assert [s.value for s in at.success] == ["Vous avez émargé. Merci !"]
    con = store.connect(demo_db)
    typed = meetings.attendance(con, pid).query("meeting_id == 'MTG0005'")
    con.close()
    assert typed[["organisation", "to_reconcile"]].values.tolist() == [["Ferme <b>nouvelle</b>", True]]


def test_a_decision_is_recorded_at_the_meeting_shown(demo_db):
    at = open_governance("meetings")
    at.selectbox(key="meeting_shown").set_value("MTG0004").run()
    at.text_area(key="dec_text").set_value("Inviter la Banque au CP2")
    at.text_input(key="dec_owner").set_value("Cellule technique")
    next(b for b in at.button if b.label == "Record a decision").click()
    at.run()
    assert not at.exception
    con = store.connect(demo_db)
    made = decisions.decisions(con, store.project_id(con, "demo")).set_index("text").loc["Inviter la Banque au CP2"]
    con.close()
    assert made["meeting_id"] == "MTG0004" and made["owner"] == "Cellule technique"
