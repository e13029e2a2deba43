"""The ``xltrade`` command line: a thin shell over :mod:`xltrade.workbook`.

Exit status: 0 on success (data issues are reported, not fatal), 2 on a usage
error, 1 on a failure, with a one-line reason on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from xltrade import __version__
from xltrade.data_issues import DataIssue
from xltrade.engine import per_customer_json
from xltrade.errors import XltradeError
from xltrade.texts import Lang, say

MAX_ISSUE_LINES = 50
PROGRESS_MIN_BYTES = 300_000  # about 3,000 customers: a run of a second or more
PHASES = ("load", "compute", "write", "save")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD expected): {text!r}") from None


class ProgressBar:
    """Phases of a run as a bar on stderr, shown only for large files on a terminal."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled

    def __call__(self, phase: str) -> None:
        if not self.enabled:
            return
        done = PHASES.index(phase) if phase in PHASES else 0
        bar = "#" * (done * 5) + "-" * ((len(PHASES) - done) * 5)
        self.stream.write(f"\r[{bar}] {phase}...   ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 40 + "\r")
            self.stream.flush()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xltrade",
        description="Grade customers, schedule follow-ups and build the weekly report "
                    "in the team's Excel customer sheet.")
    parser.add_argument("--version", action="version", version=f"xltrade {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    refresh = commands.add_parser(
        "refresh", help="write grades, next follow-up dates, due status and suggestions",
        description="Write the computed columns (grade, reason, next follow-up, due, days "
                    "overdue, suggested action) and the overdue highlighting into the "
                    "customer sheet. Example: xltrade refresh Customers.xlsx")
    _common(refresh)
    refresh.add_argument("--json", action="store_true",
                         help="print the per-customer results as JSON on stdout")

    report = commands.add_parser(
        "report", help="refresh, then rebuild the weekly report sheet for the manager",
        description="Refresh the customer sheet, then rebuild the weekly report sheet "
                    "(key figures, per salesperson, overdue and at-risk lists, next week's "
                    "plan, grade changes, data issues, charts). "
                    "Example: xltrade report Customers.xlsx")
    _common(report)
    report.add_argument("--week", type=_date, metavar="YYYY-MM-DD",
                        help="report on the Monday-Sunday week holding this date "
                             "(default: this week)")
    report.add_argument("--json", action="store_true",
                        help="print the weekly summary as JSON on stdout")

    sample = commands.add_parser(
        "sample", help="write a realistic sample team sheet to try xltrade on",
        description="Write a sample customer sheet of an export team (about 60 customers, "
                    "three salespeople, some messy cells), dated around TODAY. "
                    "Example: xltrade sample 客户跟进表.xlsx")
    sample.add_argument("path", type=Path, metavar="PATH", help="the .xlsx or .xlsm to write")
    sample.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                        help="the date the sample is written around (default: today)")
    sample.add_argument("--rows", type=int, default=0, metavar="N",
                        help="make N customers instead of the hand-written sample")
    build = commands.add_parser(
        "build", help="build the macro-enabled sample workbook with the xltrade ribbon",
        description="Build the macro-enabled workbook from the sources in the package: the "
                    "sample team sheet, Settings, Help, the VBA project (xlwings and the "
                    "ribbon macros) and the ribbon. Example: xltrade build")
    build.add_argument("--out", type=Path, default=Path("workbook/Customers.xlsm"),
                       metavar="PATH", help="where to write it (default: %(default)s)")

    adopt = commands.add_parser(
        "adopt", help="turn a team's existing workbook into the macro-enabled one",
        description="Copy a team's .xlsx or .xlsm into a macro-enabled workbook with the "
                    "xltrade ribbon, keeping every cell, style and sheet of theirs. "
                    "Example: xltrade adopt 客户表.xlsx --out Customers.xlsm")
    adopt.add_argument("source", type=Path, metavar="TEAM.xlsx", help="the team's workbook")
    adopt.add_argument("--out", type=Path, required=True, metavar="PATH",
                       help="the .xlsm to write")

    snapshot = commands.add_parser(
        "snapshot", help="make a macro-free .xlsx copy for the manager",
        description="Copy a workbook without its VBA project and ribbon, every other part "
                    "(values, formatting, highlighting, charts) byte for byte, so it opens "
                    "anywhere: a phone, WPS, LibreOffice, Excel with macros blocked. "
                    "Example: xltrade snapshot Customers.xlsm --out 周报.xlsx")
    snapshot.add_argument("workbook", type=Path, metavar="WORKBOOK")
    snapshot.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")

    send = commands.add_parser(
        "mail", help="email the weekly report to the manager (SMTP or an .eml draft)",
        description="Report on a copy of WORKBOOK (the file is not changed) and email the "
                    "macro-free copy with the week's key figures, over SMTP or as an .eml "
                    "draft to review (X-Unsent). Recipients, subject and method default "
                    "from the Settings sheet; the SMTP password comes from "
                    "XLTRADE_SMTP_PASSWORD or the system keyring. "
                    "Example: xltrade mail Customers.xlsm --to boss@example.com "
                    "--smtp smtp.example.com:587 --starttls --user me@example.com")
    send.add_argument("workbook", type=Path, metavar="WORKBOOK")
    send.add_argument("--to", metavar="ADDR[,ADDR...]", help="the manager's address(es)")
    send.add_argument("--smtp", metavar="HOST:PORT", help="send through this SMTP server")
    send.add_argument("--starttls", action="store_true", help="encrypt with STARTTLS")
    send.add_argument("--user", metavar="NAME", help="log in to the SMTP server as NAME")
    send.add_argument("--from", dest="sender", metavar="ADDR",
                      help="the sender (default: --user when it is an address)")
    send.add_argument("--eml", type=Path, metavar="PATH", help="write a draft instead")
    send.add_argument("--today", type=_date, metavar="YYYY-MM-DD")
    send.add_argument("--week", type=_date, metavar="YYYY-MM-DD")

    install = commands.add_parser(
        "install", help="set up this computer's Excel to run xltrade (once per user)",
        description="Write this Python into your own xlwings config (Windows: "
                    "%USERPROFILE%\\.xlwings\\xlwings.conf; macOS: Excel's container) and, "
                    "on macOS, let Excel run it. The shared workbook is not touched. "
                    "Example: xltrade install")
    install.add_argument("--platform", choices=("win32", "darwin"), default=sys.platform,
                         help=argparse.SUPPRESS)
    install.add_argument("--home", type=Path, help=argparse.SUPPRESS)

    doctor = commands.add_parser(
        "doctor", help="check Python, xlwings, this computer's config and a workbook",
        description="Check that this computer can run the xltrade buttons and that a "
                    "workbook's embedded xlwings module matches the installed xlwings. "
                    "Example: xltrade doctor workbook/Customers.xlsm")
    doctor.add_argument("workbook", type=Path, nargs="?", metavar="WORKBOOK",
                        help="a macro workbook to check as well")
    doctor.add_argument("--platform", choices=("win32", "darwin", "linux"),
                        default=sys.platform, help=argparse.SUPPRESS)
    doctor.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    return parser


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workbook", type=Path, metavar="WORKBOOK",
                        help="the team's .xlsx or .xlsm customer workbook")
    parser.add_argument("--out", type=Path, metavar="PATH",
                        help="write to this file instead of updating WORKBOOK in place")
    parser.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                        help="compute as of this date (default: today)")


def _print_issues(issues: Sequence[DataIssue], lang: Lang, stream: TextIO) -> None:
    if not issues:
        return
    stream.write(say("cli.issues", lang, n=len(issues)) + "\n")
    for issue in issues[:MAX_ISSUE_LINES]:
        stream.write("  " + issue.message(lang) + "\n")
    if len(issues) > MAX_ISSUE_LINES:
        stream.write(f"  ... (+{len(issues) - MAX_ISSUE_LINES})\n")


def _run(args: argparse.Namespace) -> int:
    from xltrade.workbook import run

    size = args.workbook.stat().st_size if args.workbook.exists() else 0
    bar = ProgressBar(sys.stderr, sys.stderr.isatty() and size >= PROGRESS_MIN_BYTES)
    try:
        outcome = run(args.workbook, out=args.out, today=args.today,
                      report=args.command == "report", week=getattr(args, "week", None),
                      progress=bar)
    finally:
        bar.close()
    lang = outcome.lang
    if args.json:
        if outcome.summary is not None:
            data: object = outcome.summary.to_json()
        else:
            data = per_customer_json(outcome.table, outcome.result)
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        if outcome.summary is not None:
            week = f"{outcome.summary.week_start} ~ {outcome.summary.week_end}"
            print(say("cli.done_report", lang, week=week, path=outcome.path))
        else:
            print(say("cli.done_refresh", lang, n=len(outcome.table), path=outcome.path))
    _print_issues(outcome.issues, lang, sys.stderr)
    return 0


def _sample(args: argparse.Namespace) -> int:
    from xltrade.sample import write_sample

    path = write_sample(args.path, today=args.today or dt.date.today(), rows=args.rows)
    print(say("cli.sample", "zh", path=path))
    return 0


def _build(args: argparse.Namespace) -> int:
    from xltrade.build import build_workbook

    args.out.parent.mkdir(parents=True, exist_ok=True)
    print(say("cli.built", "zh", path=build_workbook(args.out)))
    return 0


def _adopt(args: argparse.Namespace) -> int:
    from xltrade.build import adopt_workbook

    if args.out.suffix.lower() != ".xlsm":
        raise XltradeError(f"{args.out}: the output must be an .xlsm file")
    if args.out.resolve() == args.source.resolve():
        raise XltradeError(f"{args.out}: write to a new file; the team's workbook stays as it is")
    print(say("cli.adopted", "zh", path=adopt_workbook(args.source, args.out)))
    return 0


def _snapshot(args: argparse.Namespace) -> int:
    from xltrade.snapshot import snapshot

    print(say("cli.snapshot", "zh", path=snapshot(args.workbook, args.out)))
    return 0


def _mail(args: argparse.Namespace) -> int:
    from xltrade import mail

    report = mail.prepare(args.workbook, today=args.today, week=args.week)
    settings = report.settings
    to = mail.addresses(args.to or list(settings.manager_emails))
    if not to:
        raise XltradeError("no recipient: give --to, or fill in the manager email in Settings")
    server = args.smtp or (settings.smtp_server if settings.mail_method == "smtp" else "")
    user = args.user or (settings.smtp_user if server == settings.smtp_server else None)
    sender = args.sender or (user if user and "@" in user else None)
    if args.eml or not server:
        path = args.eml or args.workbook.with_name(report.attachment_name[:-5] + ".eml")
        msg = mail.message(report, to, mail.addresses(sender)[0] if sender else None)
        print(say("cli.drafted", report.lang, path=mail.write_eml(msg, path)))
        return 0
    if not sender:
        raise XltradeError("no sender: give --from (or --user as an email address)")
    msg = mail.message(report, to, mail.addresses(sender)[0])
    starttls = args.starttls or (not args.smtp and server.endswith(":587"))
    mail.send(msg, server, starttls=starttls, user=user)
    print(say("cli.mailed", report.lang, to=", ".join(to)))
    return 0


def _install(args: argparse.Namespace) -> int:
    from xltrade.install import install

    for line in install(args.platform, args.home):
        print(line)
    return 0


def _doctor(args: argparse.Namespace) -> int:
    from xltrade.install import doctor

    checks = doctor(args.workbook, args.platform, args.home)
    for check in checks:
        print(f"{'ok ' if check.ok else 'NO '} {check.name}: {check.detail}")
    return 0 if all(c.ok for c in checks) else 1


COMMANDS = {"sample": _sample, "build": _build, "adopt": _adopt, "refresh": _run,
            "report": _run, "install": _install, "doctor": _doctor, "snapshot": _snapshot,
            "mail": _mail}


def _few_collections() -> None:
    """A command reads a sheet into many small objects that all live to the end of the
    run; the cycle collector would walk them again and again for nothing. It still
    runs, only far less often."""
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)


def console() -> int:
    """The ``xltrade`` program: :func:`main` in a process of its own."""
    _few_collections()
    return main()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except XltradeError as exc:
        print(f"xltrade: {exc}", file=sys.stderr)
        return 1
    except PermissionError as exc:
        print(f"xltrade: {exc.filename}: permission denied (is it open in Excel?)",
              file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"xltrade: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
