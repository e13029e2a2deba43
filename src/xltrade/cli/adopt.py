"""``xltrade adopt``: a team's own workbook made into the macro workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from xltrade.cli.common import Commands, force_arg, lite_args, never_replace, not_the_input
from xltrade.errors import XltradeError
from xltrade.rules.texts import say


def add(commands: Commands) -> None:
    adopt = commands.add_parser(
        "adopt", help="turn a team's existing workbook into the macro-enabled one",
        description="Copy a team's .xlsx or .xlsm into a macro-enabled workbook with the "
                    "xltrade ribbon, keeping every cell, style and sheet of theirs. "
                    "Example: xltrade adopt 客户表.xlsx --out Customers.xlsm")
    adopt.add_argument("source", type=Path, metavar="TEAM.xlsx", help="the team's workbook")
    adopt.add_argument("--out", type=Path, required=True, metavar="PATH",
                       help="the .xlsm to write (with --lite: .xlsx, or .xlsm when the "
                            "team's workbook has macros of its own)")
    lite_args(adopt)
    force_arg(adopt)
    adopt.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xltrade.build import adopt_workbook
    from xltrade.lite_build import adopt_lite

    if args.lite:
        not_the_input(args.out, args.source, "--out")
        never_replace(args.out, args.force)
        print(say("cli.lite_workbook", "zh",
                  path=adopt_lite(args.source, args.out, source=args.code_from)))
        return 0
    if args.out.suffix.lower() != ".xlsm":
        raise XltradeError(f"{args.out}: the output must be an .xlsm file")
    not_the_input(args.out, args.source, "--out")
    never_replace(args.out, args.force)
    print(say("cli.adopted", "zh", path=adopt_workbook(args.source, args.out)))
    return 0
