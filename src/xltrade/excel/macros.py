"""The macros behind the ribbon buttons, run by xlwings' RunPython.

They read the workbook open in Excel through ``xw.Book.caller()``, hand its values to
the same core as the command line, and write the same patches back. Whatever goes
wrong reaches the salesperson as one clear message box, never a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import traceback
from pathlib import Path

import xlwings as xw

from xltrade import mail
from xltrade.book.run import Outcome
from xltrade.errors import XltradeError
from xltrade.excel.outlook import OUTBOX, open_file, outlook_draft
from xltrade.excel.workbook_run import (
    Plan,
    WriteFailed,
    book_lang,
    read_book,
    record_in,
    run_book,
    tell_done,
)
from xltrade.rules.texts import say
from xltrade.sheets.recording import FollowUp, plan_record, plan_reply

LOG = Path.home() / ".xltrade" / "last-error.txt"
__all__ = ["WriteFailed", "customer_replied", "email_manager", "read_book", "record_followup",
           "refresh", "run_book", "weekly_report"]


def _done(book: xw.Book, outcome: Outcome, key: str, **values: object) -> None:
    tell_done(book, outcome, say(key, outcome.lang, **values))


def _failed(book: xw.Book, exc: BaseException) -> None:
    """One message in the workbook's language; the traceback goes to a file, not on
    screen."""
    lang = book_lang(book)
    if isinstance(exc, XltradeError):
        text = exc.text(lang)
    else:
        text = f"{type(exc).__name__}: {exc}"
        with contextlib.suppress(OSError):
            LOG.parent.mkdir(parents=True, exist_ok=True)
            LOG.write_text(traceback.format_exc(), encoding="utf-8")
    key = "excel.failed_writing" if isinstance(exc, WriteFailed) else "excel.failed"
    book.app.alert(say(key, lang, reason=text, log=LOG), title="xltrade")


def refresh() -> None:
    """Ribbon button: grades, follow-up dates, due status, suggestions, highlighting."""
    book = xw.Book.caller()
    try:
        outcome = run_book(book)
    except Exception as exc:  # every failure becomes a message box
        _failed(book, exc)
        return
    _done(book, outcome, "excel.refreshed", n=len(outcome.table))


def email_manager() -> None:
    """Ribbon button: report, save, and show the manager's email as a draft (Outlook on
    Windows, else an .eml in the default mail program) with the macro-free copy."""
    book = xw.Book.caller()
    try:
        outcome = run_book(book, report=True)
        book.save()
        to = list(outcome.settings.manager_emails)
        if not to:
            book.app.alert(say("excel.no_manager", outcome.lang), title="xltrade")
            return
        report = mail.report_from(outcome, Path(book.fullname))
        where = draft_for_manager(report, to, outcome.settings.mail_method)
    except Exception as exc:
        _failed(book, exc)
        return
    book.app.alert(say("excel.drafted", outcome.lang, where=where), title="xltrade")


def draft_for_manager(report: mail.Report, to: list[str], method: str) -> str:
    """Make the draft; where it was shown (Outlook, or the .eml file's path)."""
    OUTBOX.mkdir(parents=True, exist_ok=True)
    attachment = OUTBOX / report.attachment_name
    attachment.write_bytes(report.attachment)
    msg = mail.message(report, to, sender=None)
    if method == "outlook" and outlook_draft(mail.subject(report), to, mail.html_body(report),
                                             attachment):
        return "Outlook"
    eml = mail.write_eml(msg, OUTBOX / (attachment.stem + ".eml"))
    open_file(eml)
    return str(eml)


def record_followup() -> None:
    """Ribbon button 记录跟进: the customer of the active cell's row followed up today: a
    log row (prefilled; the note cell selected to type in), their counts, their
    computed cells."""
    _record(plan_record, select_note=True)


def customer_replied() -> None:
    """Ribbon button 客户已回复: the customer of the active cell's row replied today."""
    _record(plan_reply, select_note=False)


def _record(plan: Plan, *, select_note: bool) -> None:
    book = xw.Book.caller()
    try:
        selection = book.app.selection
        if selection is None:
            raise XltradeError("click a cell in a customer's row first")
        follow_up = FollowUp(row=selection.row, sheet=selection.sheet.name)
        done = record_in(book, plan, follow_up, dt.date.today())
        if select_note and done.log_sheet and "note" in done.log_columns:
            log = book.sheets[done.log_sheet]
            log.activate()
            log.range((done.log_row, done.log_columns["note"] + 1)).select()
    except Exception as exc:
        _failed(book, exc)


def weekly_report() -> None:
    """Ribbon button: refresh, then rebuild the weekly report sheet."""
    book = xw.Book.caller()
    try:
        outcome = run_book(book, report=True)
    except Exception as exc:
        _failed(book, exc)
        return
    summary = outcome.summary
    assert summary is not None
    _done(book, outcome, "excel.reported", week=f"{summary.week_start} ~ {summary.week_end}")
