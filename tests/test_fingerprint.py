"""The study's stamp (issue 17, item 6): a data fingerprint that is the same for the same files, settings and
records, and changes when one of them does, on the cover and in the file's own properties."""
from __future__ import annotations

import io
from datetime import date, datetime

import docx
import pytest

import clusterlab
from clusterlab import analysis, demo, fingerprint, importer, leaders, problems, report, settings, store
from clusterlab.i18n import t
from clusterlab.report import stamp

DAY = date(2026, 3, 14)


def stamp_of(con, name: str = "demo"):
    """The stamp a study of the project written on DAY carries (report.build takes it from stamp.of; the tests of
    the cover and the properties below read it from the written files)."""
    return stamp.of(analysis.of(con, store.project_id(con, name), DAY), name, DAY)


def test_the_same_data_and_settings_give_the_same_fingerprint(demo_con, con):
    """The demo loaded into another store, at another moment (new import times, new check-in times), and
    two studies of the same store: one fingerprint."""
    demo.load(con)
    first, again, elsewhere = stamp_of(demo_con), stamp_of(demo_con), stamp_of(con)
    assert first.fingerprint == again.fingerprint == elsewhere.fingerprint
    assert first.sha256 == elsewhere.sha256 and len(first.sha256) == 64
    assert first.parts == elsewhere.parts and first.files == 4
    # the files part is the imported files' own sha256, as the batches record them
    shas = sorted(r[0] for r in demo_con.execute("SELECT sha256 FROM batches").fetchall())
    assert fingerprint.of(demo_con, store.project_id(demo_con, "demo")).files == \
        fingerprint._sha("\n".join(shas).encode())


def test_a_weight_changed_changes_it_and_set_back_restores_it(demo_con):
    pid = store.project_id(demo_con, "demo")
    before = stamp_of(demo_con)
    revision = store.revision(demo_con, pid)
    settings.save(demo_con, pid, {"problems.weight_actors": 0.5})
    changed = stamp_of(demo_con)
    assert changed.fingerprint != before.fingerprint
    assert changed.parts["settings"] != before.parts["settings"]
    assert changed.parts["files"] == before.parts["files"] and changed.parts["records"] == before.parts["records"]
    settings.save(demo_con, pid, {"problems.weight_actors": 0.35})  # the default, now stored
    assert stamp_of(demo_con).fingerprint == before.fingerprint
    assert store.revision(demo_con, pid) == revision + 2, "the revision counts changes; the fingerprint does not"


def test_what_is_typed_in_the_app_changes_it(demo_con):
    pid = store.project_id(demo_con, "demo")
    before = stamp_of(demo_con)
    leaders.set_override(demo_con, pid, "A005", True, "named by the steering committee")
    named = stamp_of(demo_con)
    assert named.parts["records"] != before.parts["records"] and named.fingerprint != before.fingerprint
    assert named.parts["settings"] == before.parts["settings"]
    problems.retain(demo_con, pid, "Prix du lait instable", "shared by all")
    assert stamp_of(demo_con).fingerprint not in (before.fingerprint, named.fingerprint)


def test_an_import_undone_changes_the_files_part(demo_con):
    pid = store.project_id(demo_con, "demo")
    before = stamp_of(demo_con)
    batch = demo_con.execute("SELECT max(batch_id) FROM batches WHERE project_id = ?", [pid]).fetchone()[0]
    importer.undo(demo_con, batch)
    after = stamp_of(demo_con)
    assert after.files == before.files - 1 and after.parts["files"] != before.parts["files"]


def test_every_table_of_the_store_is_counted_or_left_out_with_a_reason(con):
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                        "WHERE table_schema = 'main'").fetchall()}
    assert tables == set(fingerprint.RECORDS) | set(fingerprint.LEFT_OUT), \
        "a new table: count it in fingerprint.RECORDS, or say in LEFT_OUT why not"
    assert not set(fingerprint.RECORDS) & set(fingerprint.LEFT_OUT)


def test_the_settings_part_is_canonical():
    values = dict(settings.DEFAULTS)
    shuffled = dict(reversed(list(values.items())))
    assert fingerprint.settings_hash(values) == fingerprint.settings_hash(shuffled)
    assert fingerprint.settings_hash({**values, "problems.k": 4}) != fingerprint.settings_hash(values)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_cover_and_the_file_properties_carry_the_stamp(demo_con, lang):
    a = analysis.of(demo_con, store.project_id(demo_con, "demo"), DAY)
    doc = report.build(a, lang)
    mark = doc.stamp
    assert mark == stamp_of(demo_con), "the study carries the stamp the tests above compare"
    assert mark.project == "demo" and mark.written == DAY and mark.version == clusterlab.__version__
    word = docx.Document(io.BytesIO(report.render(doc, "docx")))
    props = word.core_properties
    assert props.title == t("report.title", lang) and props.subject == doc.subtitle
    assert "demo" in props.subject
    assert props.author == "clusterlab" and props.last_modified_by == "clusterlab"
    assert f"fingerprint={mark.fingerprint}" in props.keywords and f"clusterlab={mark.version}" in props.keywords
    assert mark.fingerprint in props.comments and props.identifier == f"sha256:{mark.sha256}"
    assert props.created.replace(tzinfo=None) == props.modified.replace(tzinfo=None) == datetime(2026, 3, 14)
    cover = [p.text for p in word.paragraphs[:6]]
    assert cover[0] == t("report.title", lang) and cover[1] == doc.subtitle
    assert cover[2] == t("report.stamp", lang, fingerprint=mark.fingerprint, version=mark.version)
    assert all(part in cover[3] for part in mark.parts.values())

    page = report.render(doc, "html").decode("utf-8")
    assert f'<meta name="clusterlab.fingerprint" content="{mark.fingerprint}">' in page
    assert f'<meta name="clusterlab.fingerprint.sha256" content="{mark.sha256}">' in page
    assert '<meta name="author" content="clusterlab">' in page
    assert '<meta name="dcterms.created" content="2026-03-14">' in page
    assert f'<meta name="generator" content="clusterlab {mark.version}">' in page
    assert f'<p class="stamp">{t("report.stamp", lang, fingerprint=mark.fingerprint, version=mark.version)}</p>' \
        in page


def test_the_stamp_lines_name_every_part(demo_con):
    mark = stamp_of(demo_con)
    lines = stamp.lines(mark, "en")
    assert mark.fingerprint in lines[0] and all(v in lines[1] for v in mark.parts.values())
    assert "(4)" in lines[1]


def test_the_version_is_the_one_the_package_declares():
    assert clusterlab.__version__.count(".") == 2 and all(p.isdigit() for p in clusterlab.__version__.split("."))


def test_an_empty_project_has_a_fingerprint_too(con):
    pid = store.project_id(con, store.DEFAULT_PROJECT, create=True)
    found = fingerprint.of(con, pid)
    assert found.n_files == 0 and len(found.short) == fingerprint.SHORT
    doc = report.build(analysis.of(con, pid, DAY), "en")
    assert doc.stamp.fingerprint == found.short and doc.stamp.files == 0
