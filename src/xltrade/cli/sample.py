"""``xltrade sample``: a realistic team sheet to try xltrade on."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from xltrade.cli.common import Commands, date_arg
from xltrade.rules.texts import say


def add(commands: Commands) -> None:
    sample = commands.add_parser(
        "sample", help="write a realistic sample team sheet to try xltrade on",
        description="Write a sample customer sheet of an export team (about 60 customers, "
                    "three salespeople, some messy cells), dated around TODAY. "
                    "Example: xltrade sample 客户跟进表.xlsx")
    sample.add_argument("path", type=Path, metavar="PATH", help="the .xlsx to write")
    sample.add_argument("--force", action="store_true",
                        help="replace PATH when it exists (it is never replaced otherwise)")
    sample.add_argument("--today", type=date_arg, metavar="YYYY-MM-DD",
                        help="the date the sample is written around (default: today)")
    sample.add_argument("--rows", type=int, default=0, metavar="N",
                        help="make N customers instead of the hand-written sample")
    sample.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xltrade.sample import write_sample

    path = write_sample(args.path, today=args.today or dt.date.today(), rows=args.rows,
                        force=args.force)
    print(say("cli.sample", "zh", path=path))
    return 0
