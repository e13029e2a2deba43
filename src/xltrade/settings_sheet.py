"""The Settings sheet in the workbook: read it, or create it with the defaults."""

from __future__ import annotations

import datetime as dt

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from xltrade.cells import BOLD, TABLE_HEADER_FILL, TITLE_FONT, WRAP, put
from xltrade.customer_sheet import find_sheet
from xltrade.data_issues import DataIssue
from xltrade.settings import Settings, default_rows, read_settings
from xltrade.texts import TEXTS, Lang, say

SETTINGS_NAMES = TEXTS["settings.sheet"]
FIRST_ROW = 3


def find_settings_sheet(wb: Workbook) -> Worksheet | None:
    return find_sheet(wb, SETTINGS_NAMES)


def load_settings(wb: Workbook) -> tuple[Settings, list[DataIssue], bool]:
    """Settings from the sheet (defaults when there is none) and whether it exists."""
    ws = find_settings_sheet(wb)
    if ws is None:
        return Settings(), [], False
    rows = ((row, cells[0], cells[1] if len(cells) > 1 else None)
            for row, cells in enumerate(
                ws.iter_rows(min_row=FIRST_ROW, max_col=2, values_only=True), start=FIRST_ROW))
    settings, issues = read_settings(rows, ws.title)
    return settings, issues, True


def create_settings_sheet(wb: Workbook, lang: Lang, today: dt.date) -> Worksheet:
    """Add the Settings sheet with every key and its default, so people can see them."""
    ws = wb.create_sheet(say("settings.sheet", lang))
    put(ws, 1, 1, say("settings.title", lang)).font = TITLE_FONT
    for column, key in enumerate(("settings.key", "settings.value", "settings.note"), start=1):
        cell = put(ws, 2, column, say(key, lang))
        cell.font = BOLD
        cell.fill = TABLE_HEADER_FILL
    for row, (label, value, note) in enumerate(default_rows(lang, today), start=FIRST_ROW):
        put(ws, row, 1, label)
        put(ws, row, 2, value)
        put(ws, row, 3, note).alignment = WRAP
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["C"].width = 48
    ws.freeze_panes = "A3"
    return ws
