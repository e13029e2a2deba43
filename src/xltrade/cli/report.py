"""``xltrade refresh`` and ``xltrade report``: the computed columns, and the weekly report."""

from __future__ import annotations

import argparse
import json
import sys

from xltrade.cli.common import (
    Commands,
    ProgressBar,
    date_arg,
    not_the_input,
    print_issues,
    workbook_args,
)
from xltrade.rules.engine import per_customer_json
from xltrade.rules.texts import say

PROGRESS_MIN_BYTES = 300_000  # about 3,000 customers: a run of a second or more


def add(commands: Commands) -> None:
    refresh = commands.add_parser(
        "refresh", help="write grades, next follow-up dates, due status and suggestions",
        description="Write the computed columns (grade, reason, next follow-up, due, days "
                    "overdue, suggested action) and the overdue highlighting into the "
                    "customer sheet. Example: xltrade refresh Customers.xlsx")
    workbook_args(refresh)
    refresh.add_argument("--json", action="store_true",
                         help="print the per-customer results as JSON on stdout")

    report = commands.add_parser(
        "report", help="refresh, then rebuild the weekly report sheet for the manager",
        description="Refresh the customer sheet, then rebuild the weekly report sheet "
                    "(key figures, per salesperson, overdue and at-risk lists, next week's "
                    "plan, grade changes, data issues, charts). "
                    "Example: xltrade report Customers.xlsx")
    workbook_args(report)
    report.add_argument("--week", type=date_arg, metavar="YYYY-MM-DD",
                        help="report on the Monday-Sunday week holding this date "
                             "(default: this week)")
    report.add_argument("--json", action="store_true",
                        help="print the weekly summary as JSON on stdout")
    refresh.set_defaults(run=run)
    report.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xltrade.book.run import run as run_file

    if args.out is not None:
        not_the_input(args.out, args.workbook, "--out")
    size = args.workbook.stat().st_size if args.workbook.exists() else 0
    bar = ProgressBar(sys.stderr, sys.stderr.isatty() and size >= PROGRESS_MIN_BYTES)
    try:
        outcome = run_file(args.workbook, out=args.out, today=args.today,
                      report=args.command == "report", week=getattr(args, "week", None),
                      progress=bar, column_map={k: v for m in args.map for k, v in m.items()})
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
    print_issues(outcome.issues, lang, sys.stderr, in_report=outcome.summary is not None)
    return 0
