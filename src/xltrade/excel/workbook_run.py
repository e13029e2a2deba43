"""The rules run on the workbook open in Excel: its values read, the same core as the
command line, the patches written back. Shared by the ribbon macros (classic xlwings)
and the xlwings Lite scripts; whatever differs between the two is the applier's
:class:`~xltrade.excel.apply.Host`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator

import xlwings as xw

from xltrade.excel.apply import CLASSIC, Host, apply
from xltrade.rules.normalize import lang_of
from xltrade.rules.texts import Lang, say
from xltrade.sheets.marks import read_marks
from xltrade.sheets.patch import SheetPatch
from xltrade.sheets.planning import Outcome
from xltrade.sheets.recording import FollowUp, Recorded
from xltrade.sheets.values import SheetLike, SheetValues, run_values

Plan = Callable[[list[SheetLike], FollowUp, dt.date, str],
                tuple[list[SheetLike], list[SheetPatch], Recorded]]


class WriteFailed(Exception):
    """Writing into the open workbook stopped part way."""


def read_book(book: xw.Book) -> list[SheetValues]:
    """Every sheet's values from A1 to the end of its used range, with xltrade's marks."""
    marks = read_marks({n.name: n.refers_to or "" for n in book.names})
    sheets = []
    for sheet in book.sheets:
        last = sheet.used_range.last_cell
        values = sheet.range((1, 1), (last.row, last.column)).options(ndim=2).value
        sheets.append(SheetValues(sheet.name, [list(row) for row in values],
                                  marks.get(sheet.name) if marks else None))
    return sheets


def write_patches(book: xw.Book, patches: list[SheetPatch], host: Host = CLASSIC) -> None:
    """Write ``patches`` in order; a failure names the sheet it stopped on."""
    with _quiet(book, host):
        for patch in patches:
            try:
                apply(book, patch, host)
            except Exception as exc:
                raise WriteFailed(f"{patch.name}: {exc}") from exc


def run_book(book: xw.Book, *, today: dt.date | None = None, report: bool = False,
             week: dt.date | None = None, host: Host = CLASSIC) -> Outcome:
    """Refresh (and, with ``report``, report on) the open workbook. Everything is read
    and computed before the first write."""
    outcome, patches = run_values(read_book(book), today=today or dt.date.today(),
                                  report=report, week=week, workbook_name=book.name)
    write_patches(book, patches, host)
    return outcome


def record_in(book: xw.Book, plan: Plan, follow_up: FollowUp, today: dt.date,
              host: Host = CLASSIC) -> Recorded:
    """Record a follow-up (or a reply) in the open workbook, and refresh it."""
    sheets, extra, done = plan(list(read_book(book)), follow_up, today, book.name)
    _, patches = run_values(sheets, today=today, report=False, week=None,
                            workbook_name=book.name)
    write_patches(book, [*extra, *patches], host)
    return done


def book_lang(book: xw.Book) -> Lang:
    """The workbook's language before its rules are read: Chinese when a sheet's name,
    or the first row of the first sheet, is."""
    try:
        texts = [s.name for s in book.sheets]
        first = book.sheets[0].range((1, 1), (10, 30)).value or []
        texts += [str(c) for row in first for c in (row if isinstance(row, list) else [row])
                  if c]
    except Exception:
        return "zh"
    return lang_of(texts)


def tell_done(book: xw.Book, outcome: Outcome, text: str) -> None:
    """What a run did, in one message, with the count of data issues it found."""
    lines = [text]
    if outcome.issues:
        lines.append(say("excel.issues", outcome.lang, n=len(outcome.issues)))
    book.app.alert("\n".join(lines), title="xltrade")


@contextlib.contextmanager
def _quiet(book: xw.Book, host: Host) -> Iterator[None]:
    """Screen updates off while writing (xlwings Lite writes everything at once after
    the script, with none to turn off), and back to the sheet the user was on."""
    app = book.app
    active = book.sheets.active
    updating = None if host.lite else app.screen_updating
    if updating is not None:
        app.screen_updating = False
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            active.activate()
        if updating is not None:
            app.screen_updating = updating
