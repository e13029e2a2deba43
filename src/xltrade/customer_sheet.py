"""Reading the customer sheet from an openpyxl workbook and writing the computed
columns back (spec §2.1, §2.3). Only xltrade's own columns are ever written."""

from __future__ import annotations

import pandas as pd
from openpyxl.cell.cell import Cell
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
    field_of = {column: f for f, column in layout.columns.items()}
    start = layout.header_row + 1
    found: dict[str, dict[int, object]] = {f: {} for f in layout.columns}
    last = start - 1
    # Walking the cell store reads only cells that exist; iter_rows would create every
    # empty cell in the rectangle first.
    for (row, column), cell in ws._cells.items():
        f = field_of.get(column)
        if f is None or row < start:
            continue
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        found[f][row] = value
        last = max(last, row)
    rows = list(range(start, last + 1))
    values = {f: [cells.get(r) for r in rows] for f, cells in found.items()}
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
    rows = [int(r) for r in table.index]
    nxt = result["next_followup"]
    overdue = result["days_overdue"]
    values: dict[str, list[object]] = {
        "grade": list(result["grade"]),
        "grade_reason": list(result["grade_reason"]),
        "next_followup": [None if pd.isna(v) else v.date() for v in nxt],
        "due": list(result["due_text"]),
        "days_overdue": [None if v != v else int(v) for v in overdue],
        "suggestion": list(result["suggestion"]),
    }
    store = ws._cells
    for field, column_values in values.items():
        column = columns[field]
        fmt = COMPUTED_FORMATS.get(field)
        for row, value in zip(rows, column_values, strict=True):
            cell = store.get((row, column))
            if cell is None:
                # A new cell straight into the store: ws.cell() costs a third more here.
                cell = store[(row, column)] = Cell(ws, row=row, column=column)
            cell.value = value  # type: ignore[assignment]
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            elif fmt and value is not None:
                cell.number_format = fmt
    customer_rows = set(rows)
    stale = [r for r in range(layout.header_row + 1, ws.max_row + 1) if r not in customer_rows]
    for row in stale:
        for column in columns.values():
            stale_cell = ws._cells.get((row, column))
            if stale_cell is not None and stale_cell.value is not None:
                stale_cell.value = None


def replace_sheet(wb: Workbook, names: tuple[str, ...], title: str,
                  position: int | None = None) -> Worksheet:
    """A fresh empty sheet in place of any sheet called one of ``names``. It keeps the
    old sheet's code name, so a macro workbook's document module still matches."""
    code_name = None
    for name in names:
        if name in wb.sheetnames:
            old = wb[name]
            code_name = code_name or old.sheet_properties.codeName
            if position is None:
                position = wb.sheetnames.index(name)
            del wb[name]
    ws = wb.create_sheet(title, position)
    if code_name:
        ws.sheet_properties.codeName = code_name
    return ws


def find_sheet(wb: Workbook, names: tuple[str, ...]) -> Worksheet | None:
    """The first worksheet whose name matches one of ``names`` after normalisation."""
    wanted = {normalize_label(n) for n in names}
    for ws in wb.worksheets:
        if normalize_label(ws.title) in wanted:
            return ws
    return None
