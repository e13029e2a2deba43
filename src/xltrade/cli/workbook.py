"""``xltrade workbook``: the macro workbook that comes with xltrade, written where the
salesperson wants it (the same file as the repository's workbook/Customers.xlsm)."""

from __future__ import annotations

import argparse
from pathlib import Path

from xltrade.cli.common import Commands, force_arg, lite_args, never_replace
from xltrade.errors import XltradeError
from xltrade.rules.texts import say


def add(commands: Commands) -> None:
    workbook = commands.add_parser(
        "workbook", help="write the xltrade workbook (Customers.xlsm, with the ribbon)",
        description="Write the workbook that comes with xltrade: a sample team sheet, "
                    "Settings, Help and the xltrade ribbon tab. Open it in Excel, replace "
                    "the sample customers with yours (or use xltrade adopt on your own "
                    "sheet). With --lite, a plain .xlsx whose buttons run in xlwings Lite "
                    "(nothing to install). Example: xltrade workbook --out Customers.xlsm")
    workbook.add_argument("--out", type=Path, default=None, metavar="PATH",
                          help="where to write it (default: Customers.xlsm, or "
                               "Customers.xlsx with --lite)")
    lite_args(workbook)
    force_arg(workbook)
    workbook.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xltrade.build import build_workbook
    from xltrade.lite_build import build_lite_workbook

    if args.lite:
        out = args.out or Path("Customers.xlsx")
        if out.suffix.lower() != ".xlsx":
            raise XltradeError(f"{out}: the xlwings Lite workbook has no macros, so its name "
                               "must end in .xlsx")
        never_replace(out, args.force)
        out.parent.mkdir(parents=True, exist_ok=True)
        built = build_lite_workbook(out, source=args.code_from)
        print(say("cli.lite_workbook", "zh", path=built))
        return 0
    out = args.out or Path("Customers.xlsm")
    if out.suffix.lower() != ".xlsm":
        raise XltradeError(f"{out}: the workbook has macros, so its name must end in .xlsm")
    never_replace(out, args.force)
    out.parent.mkdir(parents=True, exist_ok=True)
    print(say("cli.workbook", "zh", path=build_workbook(out)))
    return 0
