"""Running xltrade over a workbook given as cell values: what Excel hands Python
through xlwings. Pure: sheets are lists of rows read from A1.

The same rules and the same patches as the command line; only the reading differs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from xltrade.errors import NoCustomerSheet
from xltrade.rules.data_issues import DataIssue
from xltrade.rules.history import HISTORY_SHEET, history_from_rows, previous_report
from xltrade.rules.layout import HEADER_SCAN_ROWS, TOP_ROWS, Layout, locate
from xltrade.rules.log import is_log_sheet
from xltrade.rules.normalize import lang_of, normalize_label
from xltrade.rules.schedule import week_of
from xltrade.rules.settings import Settings, default_settings
from xltrade.rules.summary import PreviousReport, summarize
from xltrade.rules.table import raw_rows
from xltrade.rules.texts import say
from xltrade.sheets.patch import SheetPatch
from xltrade.sheets.planning import (
    NOT_CUSTOMER_SHEETS,
    Outcome,
    evaluate_sheet,
    plan,
)
from xltrade.sheets.settings import FIRST_ROW, SETTINGS_NAMES, settings_from_rows

Rows = Sequence[Sequence[object]]


class SheetLike(Protocol):
    """A sheet's name and its values, row by row from A1, read when asked."""

    name: str
    #: xltrade's computed columns as its marks name them (field -> column), ``None``
    #: when the workbook has no marks.
    marks: dict[str, int] | None

    @property
    def rows(self) -> list[list[object]]: ...

    def top(self) -> list[list[object]]: ...

    def forget(self) -> None:
        """Let go of the values once the run has what it needs of them."""


@dataclass
class SheetValues:
    """One sheet's name and its cell values, row by row from A1."""

    name: str
    rows: list[list[object]]
    marks: dict[str, int] | None = None

    def top(self) -> list[list[object]]:
        """The rows where a header row may be, and the values under it."""
        return self.rows[:TOP_ROWS]

    def forget(self) -> None:
        """Nothing: the values are the caller's, who may still need them."""


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def settings_of(sheets: Sequence[SheetLike], today: dt.date | None = None
                ) -> tuple[Settings, list[DataIssue], bool]:
    """The workbook's settings, whether it has a Settings sheet, and what was wrong in it;
    without one, the defaults that sheet would be written with (holidays of ``today``'s
    year and the next)."""
    day = today or dt.date.today()
    wanted = {normalize_label(n) for n in SETTINGS_NAMES}
    sheet = next((s for s in sheets if normalize_label(s.name) in wanted), None)
    if sheet is None:
        return default_settings(day), [], False
    settings, issues = settings_from_rows(sheet.name, sheet.rows[FIRST_ROW - 1:], day)
    return settings, issues, True


def find_layout(sheets: Sequence[SheetLike], settings: Settings,
                today: dt.date | None = None) -> Layout:
    """The customer sheet, found as the file reader finds it."""
    layout = locate(((s.name, s.top()) for s in sheets),
                    settings.customer_sheet or "", settings.column_map, NOT_CUSTOMER_SHEETS,
                    today, {s.name: s.marks for s in sheets if s.marks is not None})
    if layout is None:
        raise NoCustomerSheet(no_customer_sheet(sheets))
    return layout


def _seen(sheet: SheetLike) -> tuple[int, list[str]]:
    """The row of a sheet's top that looks most like a header row, and its texts."""
    best: tuple[int, list[str]] = (1, [])
    for number, row in enumerate(sheet.top()[:HEADER_SCAN_ROWS], start=1):
        texts = [str(c).strip() for c in row if isinstance(c, str) and c.strip()]
        if len(texts) > len(best[1]):
            best = (number, texts)
    return best


def no_customer_sheet(sheets: Sequence[SheetLike]) -> str:
    """The one line refusing a workbook with no company column: the sheets and header
    rows looked at, and the fix, in the workbook's language."""
    looked = [(s.name, *_seen(s)) for s in sheets if s.name not in NOT_CUSTOMER_SHEETS]
    lang = lang_of(text for name, _, texts in looked for text in (name, *texts))
    parts = []
    for name, row, texts in looked[:5]:
        shown = ("、" if lang == "zh" else ", ").join(texts[:6]) + ("…" if len(texts) > 6 else "")
        parts.append(say("error.no_company.sheet", lang, sheet=name, row=row,
                         headers=shown or say("error.no_company.empty", lang)))
    example = next((texts[0] for _, _, texts in looked if texts), "…")
    return say("error.no_company", lang, seen=("；" if lang == "zh" else "; ").join(parts),
               example=example)


def run_values(sheets: Sequence[SheetLike], *, today: dt.date, report: bool,
               week: dt.date | None, workbook_name: str,
               column_map: Mapping[str, str] | None = None) -> tuple[Outcome, list[SheetPatch]]:
    """The outcome and the patches for a workbook given as values; ``column_map`` adds
    mappings (field -> header) to those of Settings, as the command line's ``--map``."""
    settings, settings_issues, has_settings = settings_of(sheets, today)
    if column_map:
        settings = replace(settings, column_map={**settings.column_map, **column_map})
    layout = find_layout(sheets, settings, today)
    customer = next(s for s in sheets if s.name == layout.sheet)
    raw = raw_rows(customer.rows, layout)
    last_row = len(customer.rows)
    last_column = last_used_column(customer.rows[layout.header_row - 1:], layout)
    # The rules need only the recognised columns (raw): the sheet's other cells need
    # not stay through them (a fifth of the peak memory at 100,000 customers).
    customer.forget()
    logged = next((s for s in sheets if is_log_sheet(s.name)), None)
    outcome = evaluate_sheet(raw, settings, settings_issues, has_settings, today,
                             (logged.name, logged.rows) if logged else None)
    del raw
    history_sheet = next((s for s in sheets if s.name == HISTORY_SHEET), None)
    history = history_from_rows(history_sheet.rows) if history_sheet else {}
    patches = plan(outcome, sheet_names=[s.name for s in sheets],
                   customer_last_row=last_row, history=history, today=today,
                   report=report, week=week, workbook_name=workbook_name,
                   customer_last_column=last_column)
    return outcome, patches


def evaluate_values(sheets: Sequence[SheetLike], *, today: dt.date,
                    week: dt.date | None = None) -> tuple[Outcome, PreviousReport | None]:
    """The outcome of a workbook given as values, with its weekly summary, writing
    nothing: what the manager's team view reads from each salesperson's file. Also the
    file's last report in its history, whatever its week (``None`` without one)."""
    settings, settings_issues, has_settings = settings_of(sheets, today)
    layout = find_layout(sheets, settings, today)
    customer = next(s for s in sheets if s.name == layout.sheet)
    logged = next((s for s in sheets if is_log_sheet(s.name)), None)
    outcome = evaluate_sheet(raw_rows(customer.rows, layout), settings, settings_issues,
                             has_settings, today,
                             (logged.name, logged.rows) if logged else None)
    history_sheet = next((s for s in sheets if s.name == HISTORY_SHEET), None)
    history = history_from_rows(history_sheet.rows) if history_sheet else {}
    week_start, _ = week_of(week or today)
    outcome.summary = summarize(outcome.table, outcome.result, outcome.issues,
                                outcome.settings, today, week_start,
                                previous_report(history, week_start), outcome.lang,
                                outcome.log)
    last = history[max(history)] if history else None
    return outcome, last


def last_used_column(rows: Rows, layout: Layout) -> int:
    """The rightmost column holding a value of the team's, from the header row down
    (xltrade's own computed columns aside)."""
    own = set(layout.computed.values())
    last = 0
    for row in rows:
        for index in range(len(row), last, -1):
            if index not in own and not _blank(row[index - 1]):
                last = index
                break
    return last
