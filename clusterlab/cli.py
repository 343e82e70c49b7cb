"""The command line: `python -m clusterlab import | export | demo | undo`, a thin layer over the library."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from clusterlab import analysis, demo, exporter, importer, settings, store
from clusterlab.errors import ClusterlabError
from clusterlab.i18n import normalise_language, t

EXIT_OK, EXIT_ERROR, EXIT_REFUSED = 0, 1, 2


def _default_lang() -> str:
    """CLUSTERLAB_LANG, else French when the system speaks French, else English."""
    chosen = os.environ.get("CLUSTERLAB_LANG")
    if chosen:
        return normalise_language(chosen)
    return "fr" if (os.environ.get("LANG") or "").lower().startswith("fr") else "en"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m clusterlab",
                                     description="clusterlab: load, export, settings, demo.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="database file (default: $CLUSTERLAB_DB or data/clusterlab.duckdb)")
    common.add_argument("--project", default=store.DEFAULT_PROJECT, help="project name (default: demo)")
    common.add_argument("--lang", choices=("fr", "en"), default=None, help="language of messages")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("import", parents=[common], help="load workbooks into a project")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--json", action="store_true", help="print one JSON object")

    p = sub.add_parser("export", parents=[common], help="write every table and view")
    p.add_argument("--out", required=True, type=Path, help="output folder")
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    p.add_argument("--excel-fr", action="store_true", help="CSV separated by ';', UTF-8 with BOM")

    p = sub.add_parser("demo", parents=[common], help="load the demo project")

    sub.add_parser("init", parents=[common], help="create the store; load the demo project if it is empty")

    p = sub.add_parser("undo", parents=[common], help="undo one import")
    p.add_argument("batch", type=int, help="the import number (see `history`)")

    sub.add_parser("history", parents=[common], help="list the project's imports")

    p = sub.add_parser("settings", parents=[common], help="list or change the project's analysis settings")
    p.add_argument("--set", nargs="+", metavar="KEY=VALUE", default=[], help="change one or several settings")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang = args.lang or _default_lang()
    try:
        con = store.connect(args.db)
    except ClusterlabError as exc:
        print(exc.message(lang), file=sys.stderr)
        return EXIT_ERROR
    try:
        return COMMANDS[args.command](con, args, lang)
    except ClusterlabError as exc:
        print(exc.message(lang), file=sys.stderr)
        return EXIT_ERROR
    finally:
        con.close()


def cmd_import(con, args, lang: str) -> int:
    report = importer.import_files(con, list(args.files), args.project)
    if args.json:
        print(json.dumps(report.as_dict(lang), ensure_ascii=False, default=str, indent=1))
    else:
        print(report.message(lang), file=sys.stderr if report.refused else sys.stdout)
        for flag in report.flags:
            parts = [flag.file, flag.sheet, f"{t('cli.row', lang)} {flag.row}" if flag.row else "", flag.column or ""]
            where = " › ".join(p for p in parts if p)  # a flag on a whole sheet or file has no row or column
            print(f"  [{t('level.' + flag.level, lang)}] {where}: {flag.message(lang)}")
        if report.created_actors:
            print(t("cli.created", lang, names=", ".join(report.created_actors)))
    return EXIT_REFUSED if report.refused else EXIT_OK


def cmd_export(con, args, lang: str) -> int:
    pid = store.project_id(con.cursor(), args.project, create=False)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.format == "xlsx":
        path = args.out / f"{args.project}.xlsx"
        path.write_bytes(exporter.project_workbook(con, pid, lang))
        paths = [path]
    else:
        paths = exporter.write_csv(exporter.tables(analysis.of(con, pid)), args.out, french_excel=args.excel_fr)
    for path in paths:
        print(path)
    return EXIT_OK


def cmd_demo(con, args, lang: str) -> int:
    report = demo.load(con, args.project)
    print(report.message(lang))
    return EXIT_REFUSED if report.refused else EXIT_OK


def cmd_init(con, args, lang: str) -> int:
    if store.is_empty(con):
        return cmd_demo(con, args, lang)
    print(t("cli.ready", lang, path=args.db or store.default_db_path()))
    return EXIT_OK


def cmd_undo(con, args, lang: str) -> int:
    removed = importer.undo(con, args.batch)
    print(t("cli.undone", lang, batch=args.batch, rows=sum(removed.values())))
    return EXIT_OK


def cmd_history(con, args, lang: str) -> int:
    pid = store.project_id(con.cursor(), args.project, create=False)
    print(store.batches(con, pid).to_string(index=False))
    return EXIT_OK


def cmd_settings(con, args, lang: str) -> int:
    """List the settings with their values and defaults; with --set, check and save the changes first
    (all of them, or none when one is refused)."""
    pid = store.project_id(con.cursor(), args.project, create=False)
    if args.set:
        changes = settings.save(con, pid, settings.parse_assignments(args.set))
        if not args.json:
            print(t("cli.settings_saved", lang, changes=", ".join(f"{k}={v}" for k, v in changes.items())))
    values = settings.read(con, pid)
    if args.json:
        print(json.dumps({"project": args.project, "settings": values, "defaults": settings.DEFAULTS},
                         ensure_ascii=False, indent=1))
    else:
        print(settings.table(values).to_string(index=False))
    return EXIT_OK


COMMANDS = {"import": cmd_import, "export": cmd_export, "demo": cmd_demo, "init": cmd_init, "undo": cmd_undo,
            "history": cmd_history, "settings": cmd_settings}
