"""``xltrade mail``: the weekly report emailed to the manager, or an .eml draft."""

from __future__ import annotations

import argparse
from pathlib import Path

from xltrade.cli.common import Commands, date_arg, not_the_input
from xltrade.errors import XltradeError
from xltrade.rules.texts import say


def add(commands: Commands) -> None:
    send = commands.add_parser(
        "mail", help="email the weekly report to the manager (SMTP or an .eml draft)",
        description="Report on a copy of WORKBOOK (the file is not changed) and email the "
                    "macro-free copy with the week's key figures, over SMTP or as an .eml "
                    "draft to review (X-Unsent). Recipients, subject and method default "
                    "from the Settings sheet; the SMTP password comes from "
                    "XLTRADE_SMTP_PASSWORD or the system keyring. "
                    "Example: xltrade mail Customers.xlsm --to boss@example.com "
                    "--smtp smtp.example.com:587 --starttls --user me@example.com")
    send.add_argument("workbook", type=Path, metavar="WORKBOOK")
    send.add_argument("--to", metavar="ADDR[,ADDR...]", help="the manager's address(es)")
    send.add_argument("--smtp", metavar="HOST:PORT", help="send through this SMTP server")
    send.add_argument("--starttls", action="store_true", help="encrypt with STARTTLS")
    send.add_argument("--user", metavar="NAME", help="log in to the SMTP server as NAME")
    send.add_argument("--from", dest="sender", metavar="ADDR",
                      help="the sender (default: --user when it is an address)")
    send.add_argument("--eml", type=Path, metavar="PATH", help="write a draft instead")
    send.add_argument("--today", type=date_arg, metavar="YYYY-MM-DD",
                      help="report as of this date (default: today)")
    send.add_argument("--week", type=date_arg, metavar="YYYY-MM-DD",
                      help="report on the week holding this date (default: this week)")
    send.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xltrade import mail

    if args.eml is not None:
        not_the_input(args.eml, args.workbook, "--eml")
    report = mail.prepare(args.workbook, today=args.today, week=args.week)
    settings = report.settings
    to = mail.addresses(args.to or list(settings.manager_emails))
    if not to:
        raise XltradeError("no recipient: give --to, or fill in the manager email in Settings")
    server = args.smtp or (settings.smtp_server if settings.mail_method == "smtp" else "")
    user = args.user or (settings.smtp_user if server == settings.smtp_server else None)
    sender = args.sender or (user if user and "@" in user else None)
    if args.eml or not server:
        path = args.eml or args.workbook.with_name(report.attachment_name[:-5] + ".eml")
        msg = mail.message(report, to, mail.addresses(sender)[0] if sender else None)
        print(say("cli.drafted", report.lang, path=mail.write_eml(msg, path)))
        return 0
    if not sender:
        raise XltradeError("no sender: give --from (or --user as an email address)")
    msg = mail.message(report, to, mail.addresses(sender)[0])
    starttls = args.starttls or (not args.smtp and server.endswith(":587"))
    mail.send(msg, server, starttls=starttls, user=user)
    print(say("cli.mailed", report.lang, to=", ".join(to)))
    return 0
