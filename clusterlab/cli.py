"""The command line: `python -m clusterlab import | export | demo | undo | users | tokens`, a thin layer over
the library. It acts as the analyst (roles.py), under the name of the system's user.

What it prints shows control characters written out (`\\x1b`), never acted on by the terminal; its
output piped into `head` ends quietly."""
from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sys
from pathlib import Path

from clusterlab import address, analysis, copying, demo, exporter, importer, report, roles, settings, store, users
from clusterlab.errors import ClusterlabError, InvalidInput
from clusterlab.i18n import normalise_language, t
from clusterlab.reader import shown_name
from clusterlab.text import visible_controls

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
    common.add_argument("--db", help="database file, or postgresql://user@host:port/dbname "
                                        "(default: $CLUSTERLAB_DB or data/clusterlab.duckdb)")
    common.add_argument("--project", help=f"project name (default: {store.DEFAULT_PROJECT}; undo: the import's own)")
    common.add_argument("--lang", choices=("fr", "en"), default=None, help="language of messages")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("import", parents=[common], help="load workbooks into a project")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--json", action="store_true", help="print one JSON object")

    p = sub.add_parser("export", parents=[common], help="write every table and view")
    p.add_argument("--out", required=True, type=Path, help="output folder")
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    p.add_argument("--excel-fr", action="store_true", help="CSV separated by ';', UTF-8 with BOM")

    p = sub.add_parser("report", parents=[common], help="write the positioning study (--lang: its language)")
    p.add_argument("--out", required=True, type=Path, help="output folder")
    p.add_argument("--format", choices=report.FORMATS, nargs="+", default=["docx"],
                   help="docx, html, or both (the study is built once for both)")
    p.add_argument("--chapters", help="only these chapters, comma-separated keys (method, actors, swot, problems, "
                                      "perimeter, strategy, portfolio, plan, governance, quality, annex_tables, "
                                      "annex_evidence); default: every chapter that has data")

    p = sub.add_parser("demo", parents=[common], help="load the demo project")

    p = sub.add_parser("init", parents=[common], help="create the store; load the demo project if it is empty")
    p.add_argument("--address", help="the address the app will listen on: beyond localhost, refuse without an "
                                     "analyst code (`make run ADDRESS=…`)")

    p = sub.add_parser("undo", parents=[common], help="undo one import (of --project, when given)")
    p.add_argument("batch", type=int, help="the import number (see `history`)")

    sub.add_parser("history", parents=[common], help="list the project's imports")

    p = sub.add_parser("copy", help="copy whole projects from one store to another (a DuckDB file or a "
                                    "postgresql:// URL), in one transaction")
    p.add_argument("--from", dest="source", required=True, help="the store copied from")
    p.add_argument("--to", dest="target", required=True, help="the store copied to (created when missing)")
    p.add_argument("--project", nargs="+", dest="projects", metavar="NAME", help="the projects (default: all)")
    p.add_argument("--replace", action="store_true", help="replace a project the target already has")
    p.add_argument("--lang", choices=("fr", "en"), default=None, help="language of messages")

    p = sub.add_parser("settings", parents=[common], help="list or change the project's analysis settings")
    p.add_argument("--set", nargs="+", metavar="KEY=VALUE", default=[], help="change one or several settings")
    p.add_argument("--json", action="store_true", help="print one JSON object")

    p = sub.add_parser("users", parents=[common], help="who signs in with their own code (roles)")
    people = p.add_subparsers(dest="users_command", required=True)
    q = people.add_parser("add", parents=[common], help="add a person, or give them a new code or role")
    q.add_argument("name")
    q.add_argument("--role", required=True, choices=users.SIGNING_ROLES)
    q.add_argument("--projects", nargs="+", metavar="PROJECT", help="the only projects they see (default: all)")
    q.add_argument("--code-from-env", metavar="VAR", help="read the code from this environment variable "
                                                          "(default: asked twice, not shown)")
    people.add_parser("list", parents=[common], help="who may sign in, and as what")
    q = people.add_parser("remove", parents=[common], help="a person who may no longer sign in")
    q.add_argument("name")

    p = sub.add_parser("tokens", parents=[common], help="observers' links (a vote's link comes with the vote)")
    links = p.add_subparsers(dest="tokens_command", required=True)
    q = links.add_parser("issue", parents=[common], help="a new observer link, printed once")
    q.add_argument("--projects", nargs="+", metavar="PROJECT", help="the only projects it opens (default: all)")
    q.add_argument("--label", help="who it is for (shown in the audit)")
    links.add_parser("list", parents=[common], help="the links, by id (never the token itself)")
    q = links.add_parser("revoke", parents=[common], help="a link that opens nothing any more")
    q.add_argument("id", help="the link's id (see `tokens list`), at least its first 6 characters")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang = args.lang or _default_lang()
    if args.command == "copy":
        return cmd_copy(args, lang)
    try:
        con = store.connect(args.db)
    except ClusterlabError as exc:
        say(exc.message(lang), error=True)
        return EXIT_ERROR
    try:
        code = COMMANDS[args.command](con, args, lang)
        sys.stdout.flush()  # here, so that a reader gone away (`| head`) is met below
        return code
    except ClusterlabError as exc:
        say(exc.message(lang), error=True)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader of the output closed it (`| head`): the work is done, nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's last flush then goes nowhere
        return EXIT_OK
    finally:
        con.close()


def say(text: object, error: bool = False) -> None:
    """Print for a person: control characters written out, a file name that is not UTF-8 shown with �."""
    print(visible_controls(shown_name(str(text))), file=sys.stderr if error else sys.stdout)


_C1 = re.compile("[\x7f-\x9f]")  # json.dumps escapes C0 controls, not DEL and C1 (CSI \x9b)


def say_json(data: object) -> None:
    text = json.dumps(data, ensure_ascii=False, default=str, indent=1)
    print(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def project(args) -> str:
    return args.project or store.DEFAULT_PROJECT


def who() -> roles.Identity:
    """The command line acts as the analyst, under the system user's name."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "cli"
    return roles.Identity(name or "cli", roles.ANALYST)


def cmd_import(con, args, lang: str) -> int:
    new = project(args) not in store.projects(con)
    loaded = importer.import_files(con, list(args.files), project(args), who())
    created = new and not loaded.refused and project(args) in store.projects(con)
    if args.json:
        say_json({**loaded.as_dict(lang), "project_created": created})
        return EXIT_REFUSED if loaded.refused else EXIT_OK
    if created:
        say(t("cli.project_created", lang, name=project(args)))
    say(loaded.message(lang), error=loaded.refused)
    for flag in loaded.flags:
        parts = [flag.file, flag.sheet, f"{t('cli.row', lang)} {flag.row}" if flag.row else "", flag.column or ""]
        where = " › ".join(p for p in parts if p)  # a flag on a whole sheet or file has no row or column
        say(f"  [{t('level.' + flag.level, lang)}] {where}: {flag.message(lang)}")
    if loaded.created_actors:
        say(t("cli.created", lang, names=", ".join(loaded.created_actors)))
    return EXIT_REFUSED if loaded.refused else EXIT_OK


def cmd_export(con, args, lang: str) -> int:
    pid = store.project_id(con.cursor(), project(args), create=False)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.format == "xlsx":
        path = args.out / f"{project(args)}.xlsx"
        exporter.write_file(path, exporter.project_workbook(con, pid, lang))
        paths = [path]
    else:
        paths = exporter.write_csv(exporter.tables(analysis.of(con, pid)), args.out, french_excel=args.excel_fr)
    for path in paths:
        say(path)
    return EXIT_OK


def cmd_report(con, args, lang: str) -> int:
    pid = store.project_id(con.cursor(), project(args), create=False)
    doc = report.build(analysis.of(con, pid), lang)
    if args.chapters:
        wanted = [key.strip() for key in args.chapters.split(",") if key.strip()]
        unknown = [key for key in wanted if key not in doc.keys()]
        if unknown or not wanted:
            raise InvalidInput("report.unknown_chapters", unknown=", ".join(unknown) or "—", keys=", ".join(doc.keys()))
        doc = doc.only(wanted)
    for fmt in dict.fromkeys(args.format):
        say(report.write(doc, args.out / report.file_name(project(args), lang, fmt)))
    return EXIT_OK


def cmd_demo(con, args, lang: str) -> int:
    loaded = demo.load(con, project(args))
    say(loaded.message(lang))
    return EXIT_REFUSED if loaded.refused else EXIT_OK


def cmd_init(con, args, lang: str) -> int:
    if args.address is not None and not address.local_only(args.address) and not (
            os.environ.get("CLUSTERLAB_ACCESS_CODE") or users.has_analyst(con)):
        say(t("signin.refused_network", lang, address=args.address or "0.0.0.0"), error=True)
        return EXIT_REFUSED
    if store.is_empty(con):
        return cmd_demo(con, args, lang)
    say(t("cli.ready", lang, path=store.shown(args.db or store.default_db_path())))
    return EXIT_OK


def cmd_undo(con, args, lang: str) -> int:
    pid = store.project_id(con, args.project, create=False) if args.project else None
    removed = importer.undo(con, args.batch, pid, who())
    say(t("cli.undone", lang, batch=args.batch, rows=sum(removed.values())))
    return EXIT_OK


def cmd_copy(args, lang: str) -> int:
    """Two stores rather than one: it opens them itself."""
    try:
        done = copying.copy(args.source, args.target, args.projects, args.replace, who())
    except ClusterlabError as exc:
        say(exc.message(lang), error=True)
        return EXIT_ERROR
    say(t("cli.copied", lang, projects=", ".join(done.projects), rows=done.rows, target=store.shown(args.target)))
    return EXIT_OK


def cmd_history(con, args, lang: str) -> int:
    pid = store.project_id(con.cursor(), project(args), create=False)
    say(store.batches(con, pid).to_string(index=False))
    return EXIT_OK


def cmd_settings(con, args, lang: str) -> int:
    """List the settings with their values and defaults; with --set, check and save the changes first
    (all of them, or none when one is refused)."""
    pid = store.project_id(con.cursor(), project(args), create=False)
    if args.set:
        changes = settings.save(con, pid, settings.parse_assignments(args.set), who())
        if not args.json:
            say(t("cli.settings_saved", lang, changes=", ".join(f"{k}={v}" for k, v in changes.items())))
    values = settings.read(con, pid)
    if args.json:
        say_json({"project": project(args), "settings": values, "defaults": settings.DEFAULTS})
    else:
        say(settings.table(values).to_string(index=False))
    return EXIT_OK


def _code(args, lang: str) -> str:
    if args.code_from_env:
        code = os.environ.get(args.code_from_env)
        if code is None:
            raise InvalidInput("users.no_env", var=args.code_from_env)
        return code
    code = getpass.getpass(t("users.code_prompt", lang, name=args.name))
    if getpass.getpass(t("users.code_again", lang)) != code:
        raise InvalidInput("users.codes_differ")
    return code


def cmd_users(con, args, lang: str) -> int:
    if args.users_command == "add":
        users.add(con, args.name, args.role, _code(args, lang), args.projects, who())
        say(t("users.added", lang, name=args.name, role=t(f"role.{args.role}", lang)))
    elif args.users_command == "remove":
        users.remove(con, args.name, who())
        say(t("users.removed", lang, name=args.name))
    else:
        listed = users.people(con)
        say(listed.to_string(index=False) if len(listed) else t("users.none", lang))
    return EXIT_OK


def cmd_tokens(con, args, lang: str) -> int:
    if args.tokens_command == "issue":
        say(t("tokens.issued", lang, token=users.issue(con, "observer", args.projects, args.label, who())))
    elif args.tokens_command == "revoke":
        users.revoke(con, args.id, who())
        say(t("tokens.revoked", lang, id=args.id))
    else:
        say(users.tokens(con).to_string(index=False))
    return EXIT_OK


COMMANDS = {"import": cmd_import, "export": cmd_export, "demo": cmd_demo, "init": cmd_init, "undo": cmd_undo,
            "history": cmd_history, "settings": cmd_settings, "report": cmd_report, "users": cmd_users,
            "tokens": cmd_tokens}
