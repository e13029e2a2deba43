"""What the xlwings Lite scripts do: the same runs as the ribbon macros, in the
workbook Lite hands each script (``book``), written back through the Lite host.

``main.py`` in the workbook defines the ``@script`` functions (with their sheet
buttons) and awaits these. Lite reads conditional formats only asynchronously, so each
run fetches them first; it has no SMTP and no files of the computer, so the manager's
mail is a ``mailto:`` link to click, with the workbook itself (macro-free) to attach.
Whatever goes wrong is one message; the details go to Lite's output pane.
"""

from __future__ import annotations

import datetime as dt
import traceback
import urllib.parse
from typing import Any

from xltrade.errors import XltradeError
from xltrade.excel.apply import Host
from xltrade.excel.workbook_run import (
    Plan,
    WriteFailed,
    book_lang,
    record_in,
    run_book,
    tell_done,
)
from xltrade.rules.summary import MAIL_FIGURES, mail_subject
from xltrade.rules.texts import say
from xltrade.sheets.lite_sheet import CUSTOMER_CELL, LITE_SHEET
from xltrade.sheets.planning import Outcome
from xltrade.sheets.recording import FollowUp, Recorded, plan_record, plan_reply

#: Where the manager's mail link goes on the report sheet (beside its title).
MAIL_LINK_CELL = "D1"
#: Longest mail body a mailto: link carries (mail programs cut longer links).
MAILTO_LIMIT = 1800


async def lite_host(book: Any) -> Host:
    """The Lite host, with every sheet's conditional formats fetched."""
    formats = {sheet.name: list(await sheet.cells.get_conditional_formats())
               for sheet in book.sheets}
    return Host(lite=True, formats=formats)


async def refresh(book: Any, today: dt.date | None = None) -> None:
    """刷新: grades, follow-up dates, due status, suggestions, highlighting."""
    try:
        outcome = run_book(book, today=today, host=await lite_host(book))
    except Exception as exc:  # every failure becomes a message
        _failed(book, exc)
        return
    tell_done(book, outcome, say("excel.refreshed", outcome.lang, n=len(outcome.table)))


async def weekly_report(book: Any, today: dt.date | None = None) -> None:
    """生成周报: refresh, then rebuild the weekly report sheet."""
    try:
        outcome = run_book(book, today=today, report=True, host=await lite_host(book))
    except Exception as exc:
        _failed(book, exc)
        return
    assert outcome.summary is not None
    week = f"{outcome.summary.week_start} ~ {outcome.summary.week_end}"
    tell_done(book, outcome, say("excel.reported", outcome.lang, week=week))


async def email_manager(book: Any, today: dt.date | None = None) -> None:
    """发给经理: the weekly report, and a link on it that opens the mail to the manager."""
    try:
        outcome = run_book(book, today=today, report=True, host=await lite_host(book))
        lang = outcome.lang
        to = list(outcome.settings.manager_emails)
        if not to:
            book.app.alert(say("excel.no_manager", lang), title="xltrade")
            return
        summary = outcome.summary
        assert summary is not None
        report = book.sheets[say("report.sheet", lang)]
        report[MAIL_LINK_CELL].add_hyperlink(mailto(to, outcome), say("lite.mail_link", lang))
    except Exception as exc:
        _failed(book, exc)
        return
    book.app.alert(say("lite.mail_ready", lang, cell=MAIL_LINK_CELL), title="xltrade")


def mailto(to: list[str], outcome: Outcome) -> str:
    """A ``mailto:`` link with the subject and the week's key figures. Made from the
    settings' addresses and the report's own words and numbers only."""
    summary = outcome.summary
    assert summary is not None
    lang = outcome.lang
    subject = mail_subject(outcome.settings.email_subject, lang, summary.week_start)
    lines = [say("mail.greeting", lang), ""]
    lines += [f"{say(f'fig.{name}', lang)}: {summary.figures[name]}"
              for name in MAIL_FIGURES if name in summary.figures]
    body = "\n".join(lines)[:MAILTO_LIMIT]
    query = urllib.parse.urlencode({"subject": subject, "body": body},
                                   quote_via=urllib.parse.quote)
    return "mailto:" + ",".join(urllib.parse.quote(a, safe="@") for a in to) + "?" + query


async def record_followup(book: Any, today: dt.date | None = None) -> None:
    """记录跟进: the customer named on the button sheet (or of the selected row)
    followed up today."""
    await _record(book, plan_record, "lite.recorded", today)


async def customer_replied(book: Any, today: dt.date | None = None) -> None:
    """客户已回复: the customer named on the button sheet (or of the selected row)
    replied today."""
    await _record(book, plan_reply, "lite.replied_done", today)


async def _record(book: Any, plan: Plan, done_key: str, today: dt.date | None) -> None:
    day = today or dt.date.today()
    try:
        follow_up = _follow_up(book)
        done: Recorded = record_in(book, plan, follow_up, day, await lite_host(book))
    except Exception as exc:
        _failed(book, exc)
        return
    company = done.entry.company if done.entry is not None else ""
    book.app.alert(say(done_key, book_lang(book), company=company, day=day.isoformat()),
                   title="xltrade")


def _follow_up(book: Any) -> FollowUp:
    """The customer a recording is for: the one typed on the button sheet when the
    button was clicked there, else the selected row."""
    selection = book.app.selection
    on_buttons = selection is None or selection.sheet.name == LITE_SHEET
    if not on_buttons:
        return FollowUp(row=selection.row, sheet=selection.sheet.name)
    typed = book.sheets[LITE_SHEET][CUSTOMER_CELL].value
    if isinstance(typed, float) and typed.is_integer():
        return FollowUp(row=int(typed))
    if isinstance(typed, int):
        return FollowUp(row=typed)
    if isinstance(typed, str) and typed.strip():
        text = typed.strip()
        return FollowUp(row=int(text)) if text.isdigit() else FollowUp(name=text)
    raise XltradeError(say("lite.no_customer", "en", label=say("lite.customer", "en")),
                       say("lite.no_customer", "zh", label=say("lite.customer", "zh")))


def _failed(book: Any, exc: BaseException) -> None:
    """One message in the workbook's language; the traceback to Lite's output pane."""
    lang = book_lang(book)
    if isinstance(exc, XltradeError):
        text = exc.text(lang)
    else:
        text = f"{type(exc).__name__}: {exc}"
        traceback.print_exc()
    key = "lite.failed_writing" if isinstance(exc, WriteFailed) else "lite.failed"
    book.app.alert(say(key, lang, reason=text), title="xltrade")
