"""The hidden history sheet: each report's key figures and grades per customer,
so the next report can show changes (spec §6).

Layout: row 1 holds ``key`` then one report week (its Monday, ISO text) per column;
each further row is a figure (``f:name``) or a customer's grade (``g:company``).
The last :data:`KEEP_REPORTS` report weeks are kept.
"""

from __future__ import annotations

import datetime as dt

from openpyxl.workbook.workbook import Workbook

from xltrade.summary import PreviousReport, WeeklySummary

HISTORY_SHEET = "xltrade_history"
KEEP_REPORTS = 4

History = dict[dt.date, dict[str, object]]


def read_history(wb: Workbook) -> History:
    """Report week -> {key: value} from the history sheet (empty when there is none)."""
    if HISTORY_SHEET not in wb.sheetnames:
        return {}
    rows = wb[HISTORY_SHEET].iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        return {}
    weeks: list[dt.date | None] = []
    for text in header[1:]:
        try:
            weeks.append(dt.date.fromisoformat(str(text)))
        except ValueError:
            weeks.append(None)
    history: History = {w: {} for w in weeks if w is not None}
    for cells in rows:
        key = cells[0]
        if not isinstance(key, str):
            continue
        for week, value in zip(weeks, cells[1:], strict=False):
            if week is not None and value is not None:
                history[week][key] = value
    return history


def previous_report(history: History, week_start: dt.date) -> PreviousReport | None:
    """The latest report of a week before ``week_start``."""
    earlier = [w for w in history if w < week_start]
    if not earlier:
        return None
    week = max(earlier)
    values = history[week]
    figures = {k[2:]: float(v) for k, v in values.items()
               if k.startswith("f:") and isinstance(v, int | float)}
    grades = {k[2:]: str(v) for k, v in values.items() if k.startswith("g:")}
    return PreviousReport(week_start=week, figures=figures, grades=grades)


def write_history(wb: Workbook, history: History, summary: WeeklySummary) -> None:
    """Record this report (replacing an earlier run for the same week) and rewrite the
    hidden sheet."""
    current: dict[str, object] = {f"f:{k}": v for k, v in summary.figures.items()}
    current.update({f"g:{k}": v for k, v in summary.grades.items()})
    history = {**history, summary.week_start: current}
    weeks = sorted(history)[-KEEP_REPORTS:]
    keys: dict[str, None] = {}
    for week in weeks:
        keys.update(dict.fromkeys(history[week]))
    if HISTORY_SHEET in wb.sheetnames:
        del wb[HISTORY_SHEET]
    ws = wb.create_sheet(HISTORY_SHEET)
    ws.sheet_state = "hidden"
    ws.append(["key", *(w.isoformat() for w in weeks)])
    # Keys start with "f:" or "g:", so a company named like a formula stays text.
    for key in keys:
        ws.append([key, *(history[w].get(key) for w in weeks)])
