"""Sending the weekly report to the manager: the message, SMTP and ``.eml`` drafts.

The message carries the week's key figures as a small HTML table (with a plain-text
twin) and the macro-free snapshot of the freshly reported workbook. Passwords come
from the environment or the system keyring, never from the workbook.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import smtplib
import socket
import ssl
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from functools import partial
from pathlib import Path

from xltrade.book.guard import write_atomic
from xltrade.book.run import Outcome, run
from xltrade.book.snapshot import macro_free
from xltrade.errors import XltradeError
from xltrade.rules.settings import Settings, is_address
from xltrade.rules.summary import (
    FIGURES,
    MAIL_FIGURES,
    WeeklySummary,
    mail_subject,
)
from xltrade.rules.summary import SUBJECT_LIMIT as SUBJECT_LIMIT  # the mail's, kept here
from xltrade.rules.texts import Lang, both, say
from xltrade.rules.vocabulary import GRADES

PASSWORD_VARIABLE = "XLTRADE_SMTP_PASSWORD"
KEYRING_SERVICE = "xltrade-smtp"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class MailError(XltradeError):
    """The message could not be sent or written."""


@dataclass
class Report:
    """What goes to the manager: the summary, the snapshot and how to name it."""

    summary: WeeklySummary
    settings: Settings
    lang: Lang
    attachment: bytes
    attachment_name: str

    @property
    def week_label(self) -> str:
        year, week, _ = self.summary.week_start.isocalendar()
        return f"{year}-W{week:02d}"


def addresses(text: str | Sequence[str]) -> list[str]:
    """Addresses from ``a@x.com,b@y.com`` (commas or semicolons; spaces too between
    whole addresses); a bad one is an error naming it as typed."""
    parts = re.split(r"[,;，；]+", text) if isinstance(text, str) else list(text)
    found: list[str] = []
    bad: list[str] = []
    for part in (p.strip() for p in parts if p and p.strip()):
        words = part.split()
        if all(is_address(w) for w in words):
            found.extend(words)
        else:
            bad.append(f"'{part}'")
    if bad:
        raise MailError(*both("error.not_address", value=", ".join(bad)))
    return found


def prepare(workbook: Path, today: dt.date | None = None, week: dt.date | None = None
            ) -> Report:
    """Report on a copy of ``workbook`` (the file itself is not changed) and make the
    macro-free snapshot of that copy."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / workbook.name
        try:
            if workbook.is_file():
                shutil.copy(workbook, copy)
            outcome = run(copy if workbook.is_file() else workbook, today=today, report=True,
                          week=week)
            return report_from(outcome, copy)
        except XltradeError as exc:
            # Name the user's file, not the copy.
            mine, yours = str(copy), str(workbook)
            raise type(exc)(str(exc).replace(mine, yours),
                            exc.zh.replace(mine, yours) if exc.zh else None) from exc


def report_from(outcome: Outcome, workbook: Path) -> Report:
    """The mail's content from a reported run and the workbook file it wrote."""
    assert outcome.summary is not None
    report = Report(outcome.summary, outcome.settings, outcome.lang, macro_free(workbook), "")
    prefix = "周报" if outcome.lang == "zh" else "Weekly-Report"
    report.attachment_name = f"{prefix}-{report.week_label}.xlsx"
    return report


def subject(report: Report) -> str:
    """The subject from the template in 设置 (:func:`~xltrade.rules.summary.mail_subject`)."""
    return mail_subject(report.settings.email_subject, report.lang, report.summary.week_start)


#: Overdue customers of these grades are named in the mail, the most urgent first.
MAIL_GRADES = ("A", "B")
MAIL_OVERDUE = 10
#: Of the key figures, those whose rise is bad news.
WORSE_WHEN_UP = frozenset({"overdue"})


def _rows(report: Report) -> list[tuple[str, int, int | None]]:
    s = report.summary
    return [(say(f"fig.{name}", report.lang), s.figures[name], s.change(name))
            for name in MAIL_FIGURES if name in FIGURES]


def _change(value: int | None) -> str:
    if value is None or value == 0:
        return "" if value is None else "–"
    return f"▲{value}" if value > 0 else f"▼{-value}"


def _owner_table(report: Report) -> tuple[list[str], list[list[object]]]:
    lang = report.lang
    head = [say("report.owner", lang), say("report.customers", lang), *GRADES,
            say("report.followed_up", lang), say("report.overdue", lang)]
    rows: list[list[object]] = [
        [o["owner"] or say("report.no_owner", lang), o["customers"], *(o[g] for g in GRADES),
         o["followed_up_this_week"], o["overdue"]] for o in report.summary.owners]
    return head, rows


def _overdue_table(report: Report) -> tuple[list[str], list[list[object]], int]:
    """The most urgent overdue A and B customers, and how many more there are."""
    lang = report.lang
    urgent = [r for r in report.summary.overdue if r["grade"] in MAIL_GRADES]
    head = [say("report.company", lang), say("report.owner", lang), say("report.grade", lang),
            say("report.days_overdue", lang), say("report.suggestion", lang)]
    rows: list[list[object]] = [[r["customer"], r["owner"] or "", r["grade"],
                                 r["days_overdue"], r["suggestion"]]
                                for r in urgent[:MAIL_OVERDUE]]
    return head, rows, max(0, len(urgent) - MAIL_OVERDUE)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _text_table(head: Sequence[object], rows: Sequence[Sequence[object]]) -> list[str]:
    """Columns padded by display width (a CJK character is two), numbers on the right."""
    cells = [[("" if v is None else str(v)) for v in row] for row in [head, *rows]]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(head))]
    numeric = [all(isinstance(row[i], int) for row in rows) and bool(rows)
               for i in range(len(head))]
    lines = []
    for row in cells:
        parts = [(" " * (w - _width(v)) + v) if num else (v + " " * (w - _width(v)))
                 for v, w, num in zip(row, widths, numeric, strict=True)]
        lines.append("  ".join(parts).rstrip())
    return lines


def text_body(report: Report) -> str:
    s, lang = report.summary, report.lang
    intro = say("mail.intro", lang, start=s.week_start, end=s.week_end,
                name=report.attachment_name)
    lines = [say("mail.greeting", lang), intro, ""]
    lines += _text_table([say("report.figure", lang), say("report.this_week", lang),
                          say("report.change", lang)],
                         [[label, value, _change(change)] for label, value, change in
                          _rows(report)])
    head, rows = _owner_table(report)
    lines += ["", say("report.owners", lang), *_text_table(head, rows)]
    head, rows, more = _overdue_table(report)
    lines += ["", say("mail.urgent", lang)]
    lines += _text_table(head, rows) if rows else [say("report.none", lang)]
    if more:
        lines.append(say("mail.more", lang, n=more))
    lines += ["", say("mail.footer", lang)]
    return "\n".join(lines) + "\n"


_CELL = "padding:4px 8px;border-bottom:1px solid #ddd"
_HEAD = "padding:4px 8px;background:#DDEBF7;text-align:{align}"
_TABLE = "border-collapse:collapse;font-size:14px;margin:4px 0 16px 0"


def _html_table(head: Sequence[object], rows: Sequence[Sequence[object]],
                colours: Sequence[Sequence[str]] | None = None) -> str:
    numeric = [bool(rows) and all(isinstance(row[i], int) for row in rows)
               for i in range(len(head))]
    top = "".join(f"<th style='{_HEAD.format(align='right' if num else 'left')}'>"
                  f"{html.escape(str(h))}</th>" for h, num in zip(head, numeric, strict=True))
    body = []
    for r, row in enumerate(rows):
        cells = []
        for i, value in enumerate(row):
            colour = colours[r][i] if colours else ""
            style = _CELL + (";text-align:right" if numeric[i] else "") + (
                f";color:{colour}" if colour else "")
            text = "" if value is None else str(value)
            cells.append(f"<td style='{style}'>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table style='{_TABLE}'><tr>{top}</tr>{''.join(body)}</table>"


def _figure_colour(name: str, change: int | None) -> str:
    if not change:
        return ""
    good = (change > 0) != (name in WORSE_WHEN_UP)
    return "#006100" if good else "#9C0006"


def html_body(report: Report) -> str:
    """The same as the text body, as HTML that reads on a phone: every value escaped."""
    s, lang = report.summary, report.lang
    names = [n for n in MAIL_FIGURES if n in FIGURES]
    figures = _html_table(
        [say("report.figure", lang), say("report.this_week", lang), say("report.change", lang)],
        [[label, value, _change(change)] for label, value, change in _rows(report)],
        [["", "", _figure_colour(n, s.change(n))] for n in names])
    owner_head, owner_rows = _owner_table(report)
    urgent_head, urgent_rows, more = _overdue_table(report)
    urgent = (_html_table(urgent_head, urgent_rows) if urgent_rows else
              f"<p>{html.escape(say('report.none', lang))}</p>")
    if more:
        urgent += f"<p style='color:#666'>{html.escape(say('mail.more', lang, n=more))}</p>"
    intro = say("mail.intro", lang, start=s.week_start, end=s.week_end,
                name=report.attachment_name)
    section = "<h3 style='margin:12px 0 4px 0;color:#1F4E78'>{}</h3>"
    return (f"<html><head><meta name='viewport' content='width=device-width'></head>"
            f"<body style='font-family:sans-serif'>"
            f"<p>{html.escape(say('mail.greeting', lang))}</p><p>{html.escape(intro)}</p>"
            f"{figures}"
            f"{section.format(html.escape(say('report.owners', lang)))}"
            f"{_html_table(owner_head, owner_rows)}"
            f"{section.format(html.escape(say('mail.urgent', lang)))}{urgent}"
            f"<p style='color:#666'>{html.escape(say('mail.footer', lang))}</p>"
            f"</body></html>")


def message(report: Report, to: Sequence[str], sender: str | None) -> EmailMessage:
    """The whole message: subject, plain text, HTML, and the snapshot attached. A draft
    may leave the sender out: the mail program fills it in."""
    msg = EmailMessage()
    msg["Subject"] = subject(report)
    if sender:
        msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="xltrade.local")
    msg.set_content(text_body(report))
    msg.add_alternative(html_body(report), subtype="html")
    msg.add_attachment(report.attachment, maintype="application",
                       subtype=XLSX.split("/", 1)[1], filename=report.attachment_name)
    return msg


def write_eml(msg: EmailMessage, path: Path) -> Path:
    """A draft that mail programs open for editing, not as a received message."""
    if Path(path).suffix.lower() != ".eml":
        raise MailError(f"{path}: a draft is an .eml file: give a name ending in .eml")
    msg["X-Unsent"] = "1"
    write_atomic(path, bytes(msg))
    return path


def password_for(user: str) -> str:
    """The SMTP password: from XLTRADE_SMTP_PASSWORD, else the system keyring."""
    value = os.environ.get(PASSWORD_VARIABLE)
    if value:
        return value
    try:
        import keyring
    except ImportError:
        keyring = None  # type: ignore[assignment]
    if keyring is not None:
        try:
            stored = keyring.get_password(KEYRING_SERVICE, user)
        except Exception:  # no usable keyring backend on this system
            stored = None
        if stored:
            return stored
    raise MailError(f"no password for {user}: set {PASSWORD_VARIABLE}, or store it with "
                    f"'keyring set {KEYRING_SERVICE} {user}'")


def parse_server(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":") if ":" in text else (text, "", "25")
    try:
        return host, int(port)
    except ValueError:
        raise MailError(f"not a server: {text!r} (host:port expected)") from None


#: The port of SMTP over TLS from the first byte (RFC 8314); other ports use STARTTLS.
IMPLICIT_TLS_PORT = 465


def send(msg: EmailMessage, server: str, *, starttls: bool = False, user: str | None = None,
         context: ssl.SSLContext | None = None, timeout: float = 30) -> None:
    """Send over SMTP, with a one-line error for each way it can fail. A login happens
    only over TLS: port 465, or STARTTLS, which is used whenever the server offers it;
    a server that offers neither gets no password."""
    host, port = parse_server(server)
    context = context or ssl.create_default_context()
    try:
        connect = (partial(smtplib.SMTP_SSL, context=context) if port == IMPLICIT_TLS_PORT
                   else smtplib.SMTP)
        with connect(host, port, timeout=timeout) as smtp:
            encrypted = port == IMPLICIT_TLS_PORT
            if not encrypted and (starttls or user):
                smtp.ehlo()
                if smtp.has_extn("starttls"):
                    smtp.starttls(context=context)
                    encrypted = True
                elif starttls:
                    raise MailError(f"{host}:{port} does not offer STARTTLS")
            if user:
                if not encrypted:
                    # Refused before the password is read, let alone sent.
                    raise MailError(
                        f"{host}:{port} offers no encryption: the password for {user} "
                        f"would go in clear. Use the server's TLS port ({IMPLICIT_TLS_PORT}"
                        ", or 587 with STARTTLS).")
                smtp.login(user, password_for(user))
            smtp.send_message(msg)
    except ConnectionRefusedError:
        raise MailError(f"{host}:{port} refused the connection") from None
    except TimeoutError:
        raise MailError(f"{host}:{port} did not answer in {timeout:g} s") from None
    except socket.gaierror:
        raise MailError(f"{host}: no such mail server") from None
    except smtplib.SMTPAuthenticationError:
        raise MailError(f"{host}:{port} did not accept the user name and password "
                        f"for {user}") from None
    except smtplib.SMTPRecipientsRefused as exc:
        refused = ", ".join(sorted(exc.recipients))
        raise MailError(f"{host}:{port} refused the recipient(s): {refused}") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise MailError(f"{host}:{port} does not support this: {exc}") from None
    except ssl.SSLError as exc:
        raise MailError(f"{host}:{port}: secure connection failed ({exc.reason})") from None
    except smtplib.SMTPException as exc:
        raise MailError(f"{host}:{port}: {exc}") from None
