"""Running xltrade over a workbook given as cell values: what Excel hands Python
through xlwings. Pure: sheets are lists of rows read from A1.

The same rules and the same patches as the command line; only the reading differs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Protocol

from xltrade.data_issues import DataIssue
from xltrade.errors import NoCustomerSheet
from xltrade.history import HISTORY_SHEET, history_from_rows
from xltrade.layout import HEADER_SCAN_ROWS, Layout, locate
from xltrade.normalize import normalize_label
from xltrade.patch import SheetPatch
from xltrade.planning import NO_CUSTOMER_SHEET, NOT_CUSTOMER_SHEETS, Outcome, evaluate_sheet, plan
from xltrade.settings import Settings
from xltrade.settings_sheet import FIRST_ROW, SETTINGS_NAMES, settings_from_rows
from xltrade.table import RawRows

Rows = Sequence[Sequence[object]]


class SheetLike(Protocol):
    """A sheet's name and its values, row by row from A1, read when asked."""

    name: str

    @property
    def rows(self) -> list[list[object]]: ...

    def top(self) -> list[list[object]]: ...


@dataclass
class SheetValues:
    """One sheet's name and its cell values, row by row from A1."""

    name: str
    rows: list[list[object]]

    def top(self) -> list[list[object]]:
        """The rows where a header row may be."""
        return self.rows[:HEADER_SCAN_ROWS]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def raw_rows(rows: Rows, layout: Layout) -> RawRows:
    """The recognised columns below the header, down to the last row with a value in
    one of them (as the file reader does)."""
    body = rows[layout.header_row:]
    values: dict[str, list[object]] = {}
    for f, c in layout.columns.items():
        if all(len(row) >= c for row in body):
            values[f] = list(map(itemgetter(c - 1), body))
        else:
            values[f] = [row[c - 1] if c - 1 < len(row) else None for row in body]
    last = 0
    for column in values.values():
        for i in range(len(column) - 1, last - 1, -1):
            if not _blank(column[i]):
                last = i + 1
                break
    start = layout.header_row + 1
    return RawRows(layout=layout, rows=list(range(start, start + last)),
                   values={f: [None if isinstance(v, str) and not v.strip() else v
                               for v in column[:last]]
                           for f, column in values.items()})


def settings_of(sheets: Sequence[SheetLike]) -> tuple[Settings, list[DataIssue], bool]:
    wanted = {normalize_label(n) for n in SETTINGS_NAMES}
    sheet = next((s for s in sheets if normalize_label(s.name) in wanted), None)
    if sheet is None:
        return Settings(), [], False
    settings, issues = settings_from_rows(sheet.name, sheet.rows[FIRST_ROW - 1:])
    return settings, issues, True


def find_layout(sheets: Sequence[SheetLike], settings: Settings) -> Layout:
    """The customer sheet, found as the file reader finds it."""
    layout = locate(((s.name, s.top()) for s in sheets),
                    settings.customer_sheet or "", settings.column_map, NOT_CUSTOMER_SHEETS)
    if layout is None:
        raise NoCustomerSheet(NO_CUSTOMER_SHEET)
    return layout


def run_values(sheets: Sequence[SheetLike], *, today: dt.date, report: bool,
               week: dt.date | None, workbook_name: str) -> tuple[Outcome, list[SheetPatch]]:
    """The outcome and the patches for a workbook given as values."""
    settings, settings_issues, has_settings = settings_of(sheets)
    layout = find_layout(sheets, settings)
    customer = next(s for s in sheets if s.name == layout.sheet)
    raw = raw_rows(customer.rows, layout)
    outcome = evaluate_sheet(raw, settings, settings_issues, has_settings, today)
    history_sheet = next((s for s in sheets if s.name == HISTORY_SHEET), None)
    history = history_from_rows(history_sheet.rows) if history_sheet else {}
    patches = plan(outcome, sheet_names=[s.name for s in sheets],
                   customer_last_row=len(customer.rows), history=history, today=today,
                   report=report, week=week, workbook_name=workbook_name,
                   customer_last_column=last_used_column(customer.rows[layout.header_row - 1:],
                                                         layout))
    return outcome, patches


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
