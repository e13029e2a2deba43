"""Reading the customer sheet from an openpyxl workbook and writing the computed
columns back (spec §2.1, §2.3). Only xltrade's own columns are ever written."""

from __future__ import annotations

import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from xltrade.cells import COMPUTED_HEADER_FILL, COMPUTED_HEADER_FONT, put
from xltrade.layout import HEADER_SCAN_ROWS, Layout, choose_sheet, find_header, header_lookup
from xltrade.normalize import normalize_label
from xltrade.settings import Settings
from xltrade.table import RawRows
from xltrade.texts import Lang
from xltrade.vocabulary import COMPUTED_FIELDS, COMPUTED_HEADERS

COMPUTED_WIDTHS = {"grade": 10, "grade_reason": 26, "next_followup": 13, "due": 10,
                   "days_overdue": 10, "suggestion": 36}
COMPUTED_FORMATS = {"next_followup": "yyyy-mm-dd", "days_overdue": "0"}


def detect_layout(wb: Workbook, settings: Settings, skip: set[str]) -> Layout | None:
    """The customer sheet's layout: the sheet named in Settings, else the best candidate."""
    lookup = header_lookup(settings.column_map)
    candidates = []
    for ws in wb.worksheets:
        if ws.title in skip:
            continue
        if settings.customer_sheet and ws.title != settings.customer_sheet:
            continue
        top = ws.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS, values_only=True)
        layout = find_header(ws.title, top, lookup)
        if layout:
            candidates.append(layout)
    return choose_sheet(candidates)


def read_raw(ws: Worksheet, layout: Layout) -> RawRows:
    """Cell values of every recognised column from below the header to the last row
    that has a value in one of them."""
    fields = list(layout.columns)
    indexes = [layout.columns[f] - 1 for f in fields]
    width = max(indexes) + 1
    rows: list[int] = []
    values: dict[str, list[object]] = {f: [] for f in fields}
    last_filled = 0
    start = layout.header_row + 1
    for offset, cells in enumerate(ws.iter_rows(min_row=start, max_row=ws.max_row,
                                                max_col=width, values_only=True)):
        picked = [cells[i] if i < len(cells) else None for i in indexes]
        rows.append(start + offset)
        for f, v in zip(fields, picked, strict=True):
            values[f].append(v)
        if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in picked):
            last_filled = offset + 1
    rows = rows[:last_filled]
    values = {f: v[:last_filled] for f, v in values.items()}
    return RawRows(layout=layout, rows=rows, values=values)


def ensure_computed_columns(ws: Worksheet, layout: Layout, lang: Lang) -> dict[str, int]:
    """Computed field -> column, appending missing columns at the right end of the table.
    Headers are (re)written in the workbook language with the machine-made style."""
    columns = dict(layout.computed)
    next_free = layout.last_header_column + 1
    for field in COMPUTED_FIELDS:
        if field not in columns:
            columns[field] = next_free
            next_free += 1
            ws.column_dimensions[get_column_letter(columns[field])].width = \
                COMPUTED_WIDTHS[field]
        zh, en = COMPUTED_HEADERS[field]
        cell = put(ws, layout.header_row, columns[field], zh if lang == "zh" else en)
        cell.fill = COMPUTED_HEADER_FILL
        cell.font = COMPUTED_HEADER_FONT
    return columns


def write_computed(ws: Worksheet, layout: Layout, columns: dict[str, int],
                   table: pd.DataFrame, result: pd.DataFrame) -> None:
    """Write the computed values of every customer row; clear them from rows that are
    no longer customers (blank, totals, removed) so nothing stale is left."""
    values = {
        "grade": result["grade"],
        "grade_reason": result["grade_reason"],
        "next_followup": result["next_followup"],
        "due": result["due_text"],
        "days_overdue": result["days_overdue"],
        "suggestion": result["suggestion"],
    }
    for field, series in values.items():
        column = columns[field]
        fmt = COMPUTED_FORMATS.get(field)
        for row, value in zip(table.index, series.to_numpy(dtype=object), strict=True):
            put(ws, int(row), column, value, fmt)
    customer_rows = set(int(r) for r in table.index)
    own_columns = set(columns.values())
    for (row, column), cell in list(ws._cells.items()):
        if (column in own_columns and row > layout.header_row and row not in customer_rows
                and cell.value is not None):
            cell.value = None


def find_sheet(wb: Workbook, names: tuple[str, ...]) -> Worksheet | None:
    """The first worksheet whose name matches one of ``names`` after normalisation."""
    wanted = {normalize_label(n) for n in names}
    for ws in wb.worksheets:
        if normalize_label(ws.title) in wanted:
            return ws
    return None
