"""From customer rows to what a run writes: evaluate the rules, then plan the sheet
patches (customer columns, Settings when missing, the weekly report and history).

Shared by every writer: the package writer of the command line and the xlwings
writer of the ribbon buttons get the same patches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from xltrade.rules.column_issues import column_issues
from xltrade.rules.conflict_issues import with_conflicts
from xltrade.rules.data_issues import DataIssue
from xltrade.rules.engine import evaluate
from xltrade.rules.history import HISTORY_SHEET, History, previous_report
from xltrade.rules.layout import Layout
from xltrade.rules.log import LOG_SHEET_NAMES, Log, read_log
from xltrade.rules.schedule import week_of
from xltrade.rules.settings import Settings
from xltrade.rules.summary import WeeklySummary, summarize
from xltrade.rules.table import RawRows, build_table
from xltrade.rules.texts import Lang
from xltrade.sheets.customer import customer_patch
from xltrade.sheets.history import history_patch
from xltrade.sheets.lite_sheet import LITE_SHEET
from xltrade.sheets.patch import SheetPatch
from xltrade.sheets.report import REPORT_NAMES, report_patch
from xltrade.sheets.settings import SETTINGS_NAMES, settings_patch

#: Sheets xltrade rebuilds on every run; what they hold is its own.
OWN_SHEETS = frozenset({*REPORT_NAMES, HISTORY_SHEET})
#: Sheets never taken for the customer sheet.
NOT_CUSTOMER_SHEETS = frozenset({*OWN_SHEETS, *SETTINGS_NAMES, *LOG_SHEET_NAMES,
                                 "xlwings.conf", LITE_SHEET})


@dataclass
class Outcome:
    """What a run computed and wrote."""

    path: Path | None
    layout: Layout
    lang: Lang
    settings: Settings
    table: pd.DataFrame
    result: pd.DataFrame
    issues: list[DataIssue]
    has_settings: bool = True
    summary: WeeklySummary | None = None
    log: Log | None = None


def evaluate_sheet(raw: RawRows, settings: Settings, settings_issues: list[DataIssue],
                   has_settings: bool, today: dt.date,
                   log_sheet: tuple[str, Sequence[Sequence[object]]] | None = None) -> Outcome:
    """Run the rules over the customer rows read from any workbook, and over its
    follow-up log ``(sheet name, rows)`` when it has one."""
    lang: Lang = settings.language or ("zh" if raw.layout.chinese else "en")
    table, row_issues = build_table(raw, settings, today)
    row_issues = column_issues(raw.layout, lang) + with_conflicts(row_issues, table, raw.layout)
    log = None
    if log_sheet is not None:
        log = read_log(log_sheet[0], log_sheet[1], set(table["company_key"]), today,
                       settings.log_column_map)
        row_issues = row_issues + (log.issues if log else [])
    result = evaluate(table, settings, today, lang, log)
    return Outcome(None, raw.layout, lang, settings, table, result,
                   settings_issues + row_issues, has_settings=has_settings, log=log)


def plan(outcome: Outcome, *, sheet_names: list[str], customer_last_row: int,
         history: History, today: dt.date, report: bool, week: dt.date | None,
         workbook_name: str, customer_last_column: int = 0) -> list[SheetPatch]:
    """Everything a run writes, sheet by sheet. With ``report`` it also builds the weekly
    summary (kept on ``outcome``) against the previous report in ``history``."""
    layout = outcome.layout
    out = [customer_patch(layout, outcome.lang, outcome.table, outcome.result,
                          customer_last_row, customer_last_column)]
    if not outcome.has_settings:
        out.append(settings_patch(outcome.lang, today, layout))
    if report:
        week_start, _ = week_of(week or today)
        outcome.summary = summarize(outcome.table, outcome.result, outcome.issues,
                                    outcome.settings, today, week_start,
                                    previous_report(history, week_start), outcome.lang,
                                    outcome.log)
        position = sheet_names.index(layout.sheet) + 1
        out.append(report_patch(outcome.summary, workbook_name, position))
        out.append(history_patch(history, outcome.summary))
    return out
