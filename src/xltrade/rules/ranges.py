"""The rules over a block of cell values (a list of rows), as Excel hands a range to
a UDF or a macro: find the header row, read the customers, run the engine.

Pure: no Excel objects, so the UDFs and macros are tested without Excel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from xltrade.rules.data_issues import DataIssue
from xltrade.rules.engine import computed_values, evaluate
from xltrade.rules.layout import TOP_ROWS, Layout, find_header
from xltrade.rules.parsing import parse_date
from xltrade.rules.settings import Settings, default_settings, read_settings
from xltrade.rules.table import build_table, raw_rows
from xltrade.rules.texts import Lang
from xltrade.rules.vocabulary import COMPUTED_HEADERS

Rows = Sequence[Sequence[object]]


@dataclass
class RangeResult:
    """What the engine made of a block of rows. Row numbers are 1-based in the block."""

    layout: Layout
    lang: Lang
    table: pd.DataFrame
    result: pd.DataFrame
    issues: list[DataIssue]
    height: int


def as_rows(values: object) -> list[list[object]]:
    """Cell values as a list of rows, whatever shape Excel gave (one cell, a row, ...)."""
    if not isinstance(values, list | tuple):
        return [[values]]
    if values and not isinstance(values[0], list | tuple):
        return [list(values)]
    return [list(row) for row in values]


def settings_from_rows(values: object, today: dt.date, sheet: str = "Settings"
                       ) -> Settings | None:
    """Settings from a two-column block (label, value), as on the Settings sheet; None
    for no block (the defaults, which depend on the day)."""
    if values is None:
        return None
    rows = [(i, row[0] if row else None, row[1] if len(row) > 1 else None)
            for i, row in enumerate(as_rows(values), start=1)]
    return read_settings(rows, sheet, today)[0]


def to_date(value: object) -> dt.date:
    """A date from a cell (a date, an Excel serial number or date text); today if blank."""
    if value is None or value == "":
        return dt.date.today()
    day, problem = parse_date(value)
    if problem or not isinstance(day, dt.date):
        raise ValueError(f"not a date: {value!r}")
    return day


def run_rows(values: object, today: dt.date, settings: Settings | None = None,
             sheet: str = "") -> RangeResult:
    """Run the rules over a block whose first ten rows hold the header row."""
    settings = settings or default_settings(today)
    rows = as_rows(values)
    layout = find_header(sheet, rows[:TOP_ROWS], settings.column_map, today)
    if layout is None:
        raise ValueError("no header row with a company column (客户名称 / Company) in the range")
    lang: Lang = settings.language or ("zh" if layout.chinese else "en")
    table, issues = build_table(raw_rows(rows, layout), settings, today)
    result = evaluate(table, settings, today, lang)
    return RangeResult(layout, lang, table, result, issues, len(rows))


def computed_column(outcome: RangeResult, field: str) -> list[list[object]]:
    """One value per row of the block: blank above the header, the column's title on
    the header row, the computed value on customer rows, blank elsewhere."""
    zh, en = COMPUTED_HEADERS[field]
    out: list[list[object]] = [[""] for _ in range(outcome.height)]
    out[outcome.layout.header_row - 1] = [zh if outcome.lang == "zh" else en]
    values = computed_values(outcome.result)[field]
    for row, value in zip(outcome.table.index, values, strict=True):
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time())  # Excel's own date type
        out[int(row) - 1] = ["" if value is None else value]
    return out
