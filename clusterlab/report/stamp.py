"""The study's stamp: project, day, data fingerprint and app version, on its cover and in the file's own
properties (Word's core properties, the HTML's <meta> tags), so that a reader can tell two studies written
from the same data and settings (the same fingerprint) from two that were not."""
from __future__ import annotations

from datetime import date

from clusterlab import __version__, fingerprint
from clusterlab.analysis import Analysis
from clusterlab.i18n import t
from clusterlab.report.document import Stamp
from clusterlab.report.numbers import number


def of(a: Analysis, project: str, written: date) -> Stamp:
    """The stamp of a study of `a` written on `written`: the settings part from the analysis's own settings."""
    found = fingerprint.of(a.con, a.pid, a.settings)
    return Stamp(project, written, found.short, found.full, found.parts(), found.n_files, __version__)


def lines(stamp: Stamp, lang: str) -> list[str]:
    """The stamp as the cover shows it, in the study's language."""
    return [t("report.stamp", lang, fingerprint=stamp.fingerprint, version=stamp.version),
            t("report.stamp_parts", lang, n=number(stamp.files, lang), **stamp.parts),
            t("report.stamp_note", lang)]


def keywords(stamp: Stamp) -> str:
    """The stamp for a machine: `key=value` pairs, the same in every language."""
    return "; ".join([f"fingerprint={stamp.fingerprint}", *(f"{k}={v}" for k, v in stamp.parts.items()),
                      f"clusterlab={stamp.version}"])


def meta(stamp: Stamp) -> dict[str, str]:
    """The HTML's <meta> tags, name → content."""
    return {"author": "clusterlab", "generator": f"clusterlab {stamp.version}",
            "dcterms.created": stamp.written.isoformat(),
            "keywords": keywords(stamp), "clusterlab.project": stamp.project,
            "clusterlab.fingerprint": stamp.fingerprint, "clusterlab.fingerprint.sha256": stamp.sha256,
            **{f"clusterlab.fingerprint.{k}": v for k, v in stamp.parts.items()},
            "clusterlab.version": stamp.version}
