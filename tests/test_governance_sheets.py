"""The governance sheets of the workbook contract (issue 16): bodies, members, meetings, an attendance sheet typed
from a paper list (names linked as interviews are, unknown ones reported and kept to reconcile), decisions; bad
rows left out and flagged; the template carries the sheets; the project workbook loads back to the same rows."""
import io
from datetime import date

from openpyxl import load_workbook

from clusterlab import bodies, decisions, importer, meetings, store, template
from tests.workbooks import ACTORS, write_xlsx

BODIES = [["ID", "Type", "Nom", "Mandat", "Début"],
          ["CP1", "Comité de pilotage", "Comité de pilotage", "Orienter", "01/03/2026"],
          [None, "cellule technique", "Cellule technique", "Préparer les ateliers", "15/03/2026"]]
MEMBERS = [["Instance", "Acteur", "Personne", "Rôle"],
           ["CP1", "Coopérative El Amal", "Elie", "Président"],
           ["Cellule technique", "A2", "Hala", "membre"],
           ["CP1", "Ferme Inconnue", "X", "membre"],  # no actor of the project: left out
           ["Comité des sages", "A3", "Y", "membre"]]  # no such body: left out
MEETINGS = [["ID", "Type", "Titre", "Date", "Lieu", "Instance"],
            ["M1", "CP", "CP 1", "20/04/2026", "Zahlé", "CP1"],
            ["M0", "CP", "CP 0", "01/02/2026", "Zahlé", "CP1"],  # before its body: flagged, kept
            [None, "atelier", "Atelier 1", "10/04/2026", "Rosso", None]]
PAPER = [["Feuille de présence — CP 1"], [None],
         ["Réunion", "Nom", "Organisation", "Présence"],
         ["CP 1", "Elie Sfeir", "cooperative el amal", "x"],  # the meeting by its title, the actor by a variant
         ["CP 1", "Hala Nasr", "Laiterie du Nord", "excusé"],
         ["CP 1", "Sidi Ould", "Coopérative de Kfarzabad", "P"],  # no actor: kept to reconcile, reported
         ["CP 9", "Personne", "Ferme Saadé", "x"]]  # no such meeting: left out
DECISIONS = [["Réunion", "Décision", "Type", "Porte sur", "Responsable", "Échéance", "Statut"],
             ["M1", "Valider la liste retenue", "liste retenue", None, "CP", None, "réalisée"],
             ["M1", "Lancer l'action fantôme", "action", "ACT0999", "CP", None, None],  # no such action
             ["Atelier 1", "Relancer la banque", None, None, "Rania", "30/05/2026", "en cours"]]


def test_a_paper_attendance_sheet_links_names_and_reports_the_unknown(con, tmp_path):
    path = write_xlsx(tmp_path / "gouvernance.xlsx", {"Acteurs": ACTORS, "Instances": BODIES, "Membres": MEMBERS,
                                                       "Réunions": MEETINGS, "Présences": PAPER,
                                                       "Décisions": DECISIONS})
    report = importer.import_files(con, [path], "p")
    assert not report.refused
    pid = store.project_id(con, "p")
    flags = {(f.sheet, f.key, f.value) for f in report.flags}
    assert ("Membres", "member_not_actor", "Ferme Inconnue") in flags
    assert ("Membres", "unknown_body", "Comité des sages") in flags
    assert ("Réunions", "meeting_before_body", "2026-02-01") in flags
    assert ("Présences", "attendee_unknown", "Coopérative de Kfarzabad") in flags
    assert ("Présences", "unknown_meeting", "CP 9") in flags
    assert ("Décisions", "decision_unknown_action", "ACT0999") in flags
    assert bodies.bodies(con, pid)[["body_id", "kind", "name"]].values.tolist() == [
        ["BOD0001", "TC", "Cellule technique"], ["CP1", "CP", "Comité de pilotage"]]
    assert bodies.members(con, pid)[["body_id", "actor_id", "role"]].values.tolist() == [
        ["BOD0001", "A2", "member"], ["CP1", "A1", "chair"]]
    assert meetings.meetings(con, pid)[["meeting_id", "kind", "title", "body_id"]].fillna("").values.tolist() == [
        ["M0", "CP", "CP 0", "CP1"], ["MTG0001", "AP", "Atelier 1", ""], ["M1", "CP", "CP 1", "CP1"]]
    came = meetings.attendance(con, pid)[["meeting_id", "actor_id", "organisation", "person", "status", "source"]]
    assert came.fillna("").values.tolist() == [
        ["M1", "A1", "", "Elie Sfeir", "present", "sheet"], ["M1", "A2", "", "Hala Nasr", "excused", "sheet"],
        ["M1", "", "Coopérative de Kfarzabad", "Sidi Ould", "present", "sheet"]]
    made = decisions.decisions(con, pid)
    assert made[["meeting_id", "text", "kind", "status"]].values.tolist() == [
        ["MTG0001", "Relancer la banque", "note", "open"], ["M1", "Valider la liste retenue", "shortlist", "done"]]
    assert str(made["due"].iloc[0])[:10] == "2026-05-30"
    importer.undo(con, report.batch_ids[0])  # the import's undo takes its governance away
    assert meetings.meetings(con, pid).empty and meetings.attendance(con, pid).empty


def test_governance_sheets_are_read_only_under_their_names(con, tmp_path):
    """A sheet of names and organisations under another name is not taken for an attendance list."""
    path = write_xlsx(tmp_path / "liste.xlsx", {"Acteurs": ACTORS, "Feuil2": PAPER[2:]})
    report = importer.import_files(con, [path], "p")
    assert [s["table"] for s in report.sheets] == ["actors"]
    assert meetings.attendance(con, store.project_id(con, "p")).empty


def test_the_template_carries_the_governance_sheets_in_both_languages():
    for lang, names in (("fr", ["Instances", "Membres", "Réunions", "Présences", "Décisions"]),
                        ("en", ["Bodies", "Members", "Meetings", "Attendance", "Decisions"])):
        book = load_workbook(io.BytesIO(template.template_workbook(lang)))
        assert set(names) <= set(book.sheetnames), lang
    headers = [c.value for c in load_workbook(io.BytesIO(template.template_workbook("fr")))["Présences"][1]]
    assert headers == ["Réunion", "Organisation", "Nom", "Présence", "Source"]


def test_the_project_workbook_brings_the_governance_back(demo_con, tmp_path):
    from clusterlab import checkin, exporter

    pid = store.project_id(demo_con, "demo")
    checkin.open_checkin(demo_con, pid, "MTG0005")
    checkin.sign(demo_con, pid, "MTG0005", "phone-1", None, "Ferme =1+1", "Nour")  # hostile, kept as typed
    path = tmp_path / "projet.xlsx"
    path.write_bytes(exporter.project_workbook(demo_con, pid, "fr"))
    importer.import_files(demo_con, [path], "copie")
    copy = store.project_id(demo_con, "copie")
    for name in ("bodies", "members", "meetings", "attendance", "decisions"):
        assert exporter.table(demo_con, pid, name).equals(exporter.table(demo_con, copy, name)), name
    assert date(2026, 9, 15) in set(meetings.meetings(demo_con, copy)["date"].dt.date)
