"""``xltrade build``: the macro workbook built from the sources in the package."""

from __future__ import annotations

import argparse
from pathlib import Path

from xltrade.cli.common import Commands, force_arg, lite_args, never_replace
from xltrade.rules.texts import say


def add(commands: Commands) -> None:
    build = commands.add_parser(
        "build", help="build the macro-enabled sample workbook with the xltrade ribbon",
        description="Build the macro-enabled workbook from the sources in the package: the "
                    "sample team sheet, Settings, Help, the VBA project (xlwings and the "
                    "ribbon macros) and the ribbon. Example: xltrade build --force (to replace "
                    "the repository's workbook after changing the sources)")
    build.add_argument("--out", type=Path, default=None, metavar="PATH",
                       help="where to write it (default: workbook/Customers.xlsm, or "
                            "workbook/Customers-Lite.xlsx with --lite)")
    lite_args(build)
    force_arg(build)
    build.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xltrade.build import build_workbook
    from xltrade.lite_build import build_lite_workbook

    out: Path = args.out or Path("workbook/Customers-Lite.xlsx" if args.lite
                                 else "workbook/Customers.xlsm")
    never_replace(out, args.force)
    out.parent.mkdir(parents=True, exist_ok=True)
    built = build_lite_workbook(out, source=args.code_from) if args.lite else build_workbook(out)
    print(say("cli.lite_workbook" if args.lite else "cli.built", "zh", path=built))
    return 0
