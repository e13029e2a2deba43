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
    install.add_argument("--platform", choices=("win32", "darwin"), default=sys.platform,
                         help=argparse.SUPPRESS)
    install.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    install.set_defaults(run=run)
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
    doctor.set_defaults(run=run_doctor)


def run(args: argparse.Namespace) -> int:
    from xltrade.excel.install import install

    for line in install(args.platform, args.home):
        print(line)
    return 0


def run_doctor(args: argparse.Namespace) -> int:
    from xltrade.excel.install import doctor

    checks = doctor(args.workbook, args.platform, args.home)
    for check in checks:
        print(f"{'ok ' if check.ok else 'NO '} {check.name}: {check.detail}")
    return 0 if all(c.ok for c in checks) else 1
