"""``xltrade install`` and ``xltrade doctor``: this computer's set-up for the buttons,
and its check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xltrade.cli.common import Commands


def add(commands: Commands) -> None:
    install = commands.add_parser(
        "install", help="set up this computer's Excel to run xltrade (once per user)",
        description="Write this Python into your own xlwings config (Windows: "
                    "%USERPROFILE%\\.xlwings\\xlwings.conf; macOS: Excel's container) and, "
                    "on macOS, let Excel run it. The shared workbook is not touched. "
                    "Example: xltrade install")
    install.add_argument("--shortcuts", action="store_true",
                         help="also add Send to > xltrade 生成周报 / 邮件发给经理 / 团队汇总 "
                              "(Windows; on macOS the same as Finder Quick Actions): the "
                              "report and the mail without macros, for WPS or a workbook "
                              "whose macros are blocked, and the manager's team workbook "
                              "from the files selected")
    install.add_argument("--platform", choices=("win32", "darwin"), default=sys.platform,
                         help=argparse.SUPPRESS)
    install.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    install.set_defaults(run=run)
    doctor = commands.add_parser(
        "doctor", help="check Python, xlwings, this computer's config and a workbook",
        description="Check that this computer can run the xltrade buttons and that a "
                    "workbook's embedded xlwings module matches the installed xlwings. "
                    "Example: xltrade doctor workbook/Customers.xlsm")
    doctor.add_argument("workbook", nargs="?", metavar="WORKBOOK",
                        help="a macro workbook to check as well (its path as Excel shows it)")
    doctor.add_argument("--fix", action="store_true",
                        help="remove the internet mark (Mark of the Web) from WORKBOOK "
                             "after asking, so Excel runs its macros")
    doctor.add_argument("--lang", choices=("zh", "en"),
                        help="the language of the fixes (default: the workbook's)")
    doctor.add_argument("--platform", choices=("win32", "darwin", "linux"),
                        default=sys.platform, help=argparse.SUPPRESS)
    doctor.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    doctor.set_defaults(run=run_doctor)


def run(args: argparse.Namespace) -> int:
    from xltrade.excel.install import install

    for line in install(args.platform, args.home, args.shortcuts):
        print(line)
    return 0


def run_doctor(args: argparse.Namespace) -> int:
    from xltrade.excel.doctor import doctor, doctor_language, unblock
    from xltrade.excel.machine import LocalMachine

    machine = LocalMachine(platform=args.platform, home=args.home or Path.home())
    lang = args.lang or doctor_language(args.workbook)
    if args.fix and args.workbook:
        done = unblock(Path(args.workbook), machine, lang)
        if done:
            print(done)
    checks = doctor(args.workbook, machine, lang)
    for check in checks:
        print(check.line(lang))
    return 0 if all(c.ok or not c.blocking for c in checks) else 1
