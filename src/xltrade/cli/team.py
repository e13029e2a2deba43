"""``xltrade team``: the manager's team workbook from the salespeople's files.

Exit status 0 when at least one file was read (those skipped are named on stderr with
their reasons), 1 when none could be.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from xltrade.cli.common import Commands, date_arg, same_file
from xltrade.errors import XltradeError
from xltrade.rules.texts import both, say

TEAM_SUFFIXES = (".xlsx",)


def add(commands: Commands) -> None:
    team = commands.add_parser(
        "team", help="merge the salespeople's workbooks into one team workbook",
        description="Read the salespeople's workbooks (or the macro-free copies they mail; "
                    "a folder stands for the workbooks in it) and write one team workbook: "
                    "团队周报 with every salesperson's figures, 撞单 (one buyer held by two "
                    "salespeople), 公海 (customers nobody has followed up) and 全部客户. "
                    "Example: xltrade team 张伟.xlsx 李娜.xlsx --out 团队周报.xlsx")
    team.add_argument("files", type=Path, nargs="+", metavar="FILE_OR_FOLDER")
    team.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx",
                      help="the team workbook to write (never one of the files read)")
    team.add_argument("--today", type=date_arg, metavar="YYYY-MM-DD",
                      help="count as if today were this day")
    team.add_argument("--week", type=date_arg, metavar="YYYY-MM-DD",
                      help="report the week holding this day (default: this week)")
    team.add_argument("--lang", choices=("zh", "en"),
                      help="the team workbook's language (default: most files' language)")
    team.add_argument("--json", action="store_true",
                      help="print the team view as JSON on stdout")
    team.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xltrade.book.team_book import team_view, workbook_files, write_team_workbook

    out: Path = args.out
    if out.suffix.lower() not in TEAM_SUFFIXES:
        raise XltradeError(f"{out}: the team workbook is a plain workbook: give a name "
                           "ending in .xlsx")
    files = workbook_files(args.files)
    if not files:
        raise XltradeError(*both("cli.team_empty", paths=" ".join(map(str, args.files))))
    if any(same_file(out, f) for f in files):
        raise XltradeError(*both("cli.team_out_is_input", out=out))
    view = team_view(files, args.today or dt.date.today(), args.week, args.lang)
    lang = view.lang
    for skipped in view.skipped:
        print(say("cli.team_skipped", lang, path=skipped["path"], reason=skipped["reason"]),
              file=sys.stderr)
    if not view.files:
        print(say("cli.team_none", lang, n=len(files)), file=sys.stderr)
        return 1
    write_team_workbook(view, out)
    if args.json:
        json.dump(view.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(say("cli.team", lang, path=out, files=len(view.files),
                  customers=len(view.archive), conflicts=len(view.conflicts),
                  pool=len(view.pool)))
    return 0

