"""``xltrade build``: the macro workbook built from the sources in the package."""

from __future__ import annotations

import argparse
from pathlib import Path

from xltrade.cli.common import Commands, force_arg, never_replace
from xltrade.rules.texts import say


def add(commands: Commands) -> None:
    build = commands.add_parser(
        "build", help="build the macro-enabled sample workbook with the xltrade ribbon",
        description="Build the macro-enabled workbook from the sources in the package: the "
                    "sample team sheet, Settings, Help, the VBA project (xlwings and the "
                    "ribbon macros) and the ribbon. Example: xltrade build --force (to replace "
                    "the repository's workbook after changing the sources)")
    build.add_argument("--out", type=Path, default=Path("workbook/Customers.xlsm"),
                       metavar="PATH", help="where to write it (default: %(default)s)")
    force_arg(build)
    build.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xltrade.build import build_workbook

    never_replace(args.out, args.force)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    print(say("cli.built", "zh", path=build_workbook(args.out)))
    return 0
