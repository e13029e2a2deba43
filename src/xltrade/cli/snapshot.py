"""``xltrade snapshot``: the macro-free copy for the manager."""

from __future__ import annotations

import argparse
from pathlib import Path

from xltrade.cli.common import Commands, not_the_input
from xltrade.rules.texts import say


def add(commands: Commands) -> None:
    snapshot = commands.add_parser(
        "snapshot", help="make a macro-free .xlsx copy for the manager",
        description="Copy a workbook without its VBA project and ribbon, every other part "
                    "(values, formatting, highlighting, charts) byte for byte, so it opens "
                    "anywhere: a phone, WPS, LibreOffice, Excel with macros blocked. "
                    "Example: xltrade snapshot Customers.xlsm --out 周报.xlsx")
    snapshot.add_argument("workbook", type=Path, metavar="WORKBOOK")
    snapshot.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
    snapshot.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xltrade.book.snapshot import snapshot

    not_the_input(args.out, args.workbook, "--out")
    print(say("cli.snapshot", "zh", path=snapshot(args.workbook, args.out)))
    return 0
