"""Running xltrade on a workbook file: load, read, compute, write, save.

This is the headless path used by the command line; every rule it applies comes
from the pure core (:mod:`xltrade.engine`, :mod:`xltrade.summary`).
"""

from __future__ import annotations

import datetime as dt
import gc
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from xltrade.apply_openpyxl import apply
from xltrade.customer_sheet import customer_patch, read_raw, top_rows
from xltrade.data_issues import DataIssue
from xltrade.engine import evaluate
from xltrade.errors import NoCustomerSheet, NotAWorkbook, XltradeError
from xltrade.guard import (
    check_not_locked,
    loss_warnings,
    missing_after_save,
    refuse,
    save_atomic,
    unkeepable_parts,
)
from xltrade.history import (
    HISTORY_SHEET,
    History,
    history_patch,
    previous_report,
    read_history,
)
from xltrade.layout import Layout, locate
from xltrade.package import Package
from xltrade.patch import SheetPatch
from xltrade.report_sheet import REPORT_NAMES, report_patch
from xltrade.schedule import week_of
from xltrade.settings import Settings
from xltrade.settings_sheet import SETTINGS_NAMES, load_settings, settings_patch
from xltrade.summary import WeeklySummary, summarize
from xltrade.table import RawRows, build_table
from xltrade.texts import Lang

#: Sheets xltrade rebuilds on every run; what they hold is its own.
OWN_SHEETS = frozenset({*REPORT_NAMES, HISTORY_SHEET})
#: Sheets never taken for the customer sheet.
NOT_CUSTOMER_SHEETS = frozenset({*OWN_SHEETS, *SETTINGS_NAMES, "xlwings.conf"})
MACRO_SUFFIXES = (".xlsm", ".xltm")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")

Progress = Callable[[str], None]


NO_CUSTOMER_SHEET = ("no customer sheet found: no sheet has a header row (in its first 10 "
                     "rows) with a company column such as 客户名称 or Company")


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


def _quiet(_: str) -> None:
    return None


def open_workbook(path: Path, progress: Progress = _quiet) -> tuple[Workbook, Package, bool]:
    """Load a workbook after checking it exists, is a package, and that saving it would
    keep everything outside xltrade's own sheets."""
    if not path.exists():
        raise NotAWorkbook(f"{path}: no such file")
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise NotAWorkbook(f"{path}: not an Excel workbook (.xlsx or .xlsm expected)")
    try:
        package = Package(str(path))
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise NotAWorkbook(f"{path}: not an Excel workbook ({exc})") from exc
    if package.workbook_part is None:
        raise NotAWorkbook(f"{path}: not an Excel workbook (no workbook part)")
    keep_vba = path.suffix.lower() in MACRO_SUFFIXES
    refuse(str(path), unkeepable_parts(package, OWN_SHEETS, keep_vba))
    progress("load")
    try:
        with loss_warnings() as lost:
            wb = openpyxl.load_workbook(path, keep_vba=keep_vba, keep_links=True,
                                        rich_text=has_rich_text(path))
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise NotAWorkbook(f"{path}: cannot be read as a workbook ({exc})") from exc
    refuse(str(path), lost)
    return wb, package, keep_vba


def has_rich_text(path: Path) -> bool:
    """Whether any text in the workbook mixes fonts within a cell (runs). Reading those
    as rich text keeps their formatting; skipping it elsewhere keeps loading fast."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") and (name.startswith("xl/worksheets/")
                                          or name.endswith("sharedStrings.xml")):
                data = archive.read(name)
                if b"<r>" in data or b"<x:r>" in data:
                    return True
    return False


def find_customer_sheet(wb: Workbook, settings: Settings) -> Layout:
    """The customer sheet's layout; the one named in Settings when it has a header row."""
    sheets = ((ws.title, top_rows(ws)) for ws in wb.worksheets)
    layout = locate(sheets, settings.customer_sheet or "", settings.column_map,
                    NOT_CUSTOMER_SHEETS)
    if layout is None:
        raise NoCustomerSheet(NO_CUSTOMER_SHEET)
    return layout


def evaluate_sheet(raw: RawRows, settings: Settings, settings_issues: list[DataIssue],
                   has_settings: bool, today: dt.date) -> Outcome:
    """Run the rules over the customer rows read from any workbook."""
    lang: Lang = settings.language or ("zh" if raw.layout.chinese else "en")
    table, row_issues = build_table(raw, settings, today)
    result = evaluate(table, settings, today, lang)
    return Outcome(None, raw.layout, lang, settings, table, result,
                   settings_issues + row_issues, has_settings=has_settings)


def run(path: Path, *, out: Path | None = None, today: dt.date | None = None,
        report: bool = False, week: dt.date | None = None,
        progress: Progress = _quiet) -> Outcome:
    """Refresh the computed columns and highlighting (and, with ``report``, the weekly
    report and history) of the workbook at ``path``, saving to ``out`` or in place."""
    # A workbook is millions of small objects that live until the save; the cycle
    # collector would walk them again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(path, out=out, today=today, report=report, week=week, progress=progress)
    finally:
        if collecting:
            gc.enable()


def _run(path: Path, *, out: Path | None, today: dt.date | None, report: bool,
         week: dt.date | None, progress: Progress) -> Outcome:
    today = today or dt.date.today()
    target = out or path
    _check_target(path, target)
    check_not_locked(target)
    wb, package, _ = open_workbook(path, progress)
    progress("compute")
    settings, settings_issues, has_settings = load_settings(wb)
    layout = find_customer_sheet(wb, settings)
    raw = read_raw(wb[layout.sheet], layout)
    outcome = evaluate_sheet(raw, settings, settings_issues, has_settings, today)
    outcome.path = target
    progress("write")
    for patch in plan(outcome, sheet_names=wb.sheetnames,
                      customer_last_row=wb[layout.sheet].max_row, history=read_history(wb),
                      today=today, report=report, week=week, workbook_name=path.name):
        apply(wb, patch)
    progress("save")

    def verify(tmp: str) -> None:
        refuse(str(path), missing_after_save(package, Package(tmp), OWN_SHEETS))

    try:
        save_atomic(wb.save, target, verify)
    finally:
        if wb.vba_archive is not None:
            # openpyxl's in-memory copy of the macro parts: close it while its buffer
            # is still alive, rather than leave it to the collector.
            wb.vba_archive.close()
    return outcome


def plan(outcome: Outcome, *, sheet_names: list[str], customer_last_row: int,
         history: History, today: dt.date, report: bool, week: dt.date | None,
         workbook_name: str) -> list[SheetPatch]:
    """Everything a run writes, sheet by sheet. With ``report`` it also builds the weekly
    summary (kept on ``outcome``) against the previous report in ``history``."""
    layout = outcome.layout
    out = [customer_patch(layout, outcome.lang, outcome.table, outcome.result,
                          customer_last_row)]
    if not outcome.has_settings:
        out.append(settings_patch(outcome.lang, today))
    if report:
        week_start, _ = week_of(week or today)
        outcome.summary = summarize(outcome.table, outcome.result, outcome.issues,
                                    outcome.settings, today, week_start,
                                    previous_report(history, week_start), outcome.lang)
        position = sheet_names.index(layout.sheet) + 1
        out.append(report_patch(outcome.summary, workbook_name, position))
        out.append(history_patch(history, outcome.summary))
    return out


def _check_target(source: Path, target: Path) -> None:
    src_macro = source.suffix.lower() in MACRO_SUFFIXES
    dst_macro = target.suffix.lower() in MACRO_SUFFIXES
    if src_macro != dst_macro:
        raise XltradeError(
            f"{target}: the output must keep the input's kind ({source.suffix}); "
            "give --out the same extension")
    if target.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise XltradeError(f"{target}: the output must be an .xlsx or .xlsm file")
