"""``xltrade log``: record a follow-up with a customer, as the 记录跟进 button does."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from xltrade.cli.common import Commands, date_arg, print_issues
from xltrade.rules.texts import say


def add(commands: Commands) -> None:
    log = commands.add_parser(
        "log", help="record a follow-up with a customer in the follow-up log",
        description="Append a follow-up to the workbook's follow-up log (跟进记录, created "
                    "on first use), update the customer's last contact, follow-up and "
                    "unanswered counts, and refresh the computed columns. "
                    "Example: xltrade log Customers.xlsx --customer \"Acme Trading LLC\" "
                    "--medium 电话 --topic 价格更新 --note \"asked for the new price list\"")
    log.add_argument("workbook", type=Path, metavar="WORKBOOK")
    log.add_argument("--customer", required=True, metavar="NAME",
                     help="the customer's name as in the customer sheet")
    log.add_argument("--date", type=date_arg, metavar="YYYY-MM-DD",
                     help="when the follow-up was made (default: today)")
    log.add_argument("--medium", metavar="M", help="邮件/电话/WhatsApp/微信/拜访/展会/其他")
    log.add_argument("--topic", metavar="T", help="补充完善报价/价格更新/新产品推荐/公司动态/"
                                                  "展会邀请/来访邀请/节日问候/其他")
    log.add_argument("--contact", metavar="C", help="the person you wrote to or spoke with")
    log.add_argument("--replied", action="store_true", help="the customer replied")
    log.add_argument("--note", metavar="TEXT")
    log.add_argument("--today", type=date_arg, metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    log.add_argument("--json", action="store_true", help="print the appended row as JSON")
    log.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xltrade.book.record import record
    from xltrade.sheets.recording import FollowUp

    done, outcome = record(args.workbook, FollowUp(
        name=args.customer, day=args.date, medium=args.medium, topic=args.topic,
        contact=args.contact, replied=args.replied, note=args.note), today=args.today)
    assert done.entry is not None
    lang = outcome.lang
    if args.json:
        json.dump({"sheet": done.log_sheet, **done.entry.to_json(done.log_row)}, sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(say("cli.logged", lang, customer=done.entry.company, sheet=done.log_sheet,
                  row=done.log_row))
    # The customer sheet's own issues belong to its report; the log's are news here.
    print_issues([i for i in outcome.issues if i.sheet == done.log_sheet], lang,
                 sys.stderr)
    return 0
