"""Reading the customer sheet from an openpyxl workbook and writing the computed
columns back (spec §2.1, §2.3). Only xltrade's own columns are ever written."""

from __future__ import annotations

import pandas as pd
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from xltrade.engine import computed_values
from xltrade.highlight import highlight_rules
from xltrade.layout import HEADER_SCAN_ROWS, Layout
from xltrade.normalize import normalize_label
from xltrade.patch import Block, SheetPatch
from xltrade.table import RawRows
from xltrade.texts import Lang
from xltrade.vocabulary import COMPUTED_FIELDS, COMPUTED_HEADERS

COMPUTED_WIDTHS = {"grade": 10, "grade_reason": 26, "next_followup": 13, "due": 10,
                   "days_overdue": 10, "suggestion": 36}
COMPUTED_FORMATS = {"next_followup": "yyyy-mm-dd", "days_overdue": "0"}


def top_rows(ws: Worksheet) -> list[tuple[object, ...]]:
    """The first rows of a sheet, where its header row must be."""
    return list(ws.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS, values_only=True))


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


def computed_columns(layout: Layout) -> tuple[dict[str, int], list[str]]:
    """Computed field -> column: where the header row already has it, else appended at
    the right end of the table in spec order. Also the fields that are new."""
    columns = dict(layout.computed)
    added = []
    next_free = layout.last_header_column + 1
    for field in COMPUTED_FIELDS:
        if field not in columns:
            columns[field] = next_free
            added.append(field)
            next_free += 1
    return columns, added


def customer_patch(layout: Layout, lang: Lang, table: pd.DataFrame, result: pd.DataFrame,
                   sheet_last_row: int) -> SheetPatch:
    """The computed columns (headers in the workbook language with the machine-made
    style, one value per customer row, blanks where a row is no longer a customer) and
    the highlighting rules."""
    columns, added = computed_columns(layout)
    patch = SheetPatch(layout.sheet)
    for field in COMPUTED_FIELDS:
        zh, en = COMPUTED_HEADERS[field]
        patch.put(layout.header_row, columns[field], zh if lang == "zh" else en,
                  style="computed_header")
    for field in added:
        patch.widths[columns[field]] = COMPUTED_WIDTHS[field]
    first = layout.header_row + 1
    last_customer = int(table.index.max()) if len(table) else first
    last = max(last_customer, sheet_last_row, first)
    for field, values in computed_values(result).items():
        column_values: list[list[object]] = [[None] for _ in range(first, last + 1)]
        for row, value in zip(table.index, values, strict=True):
            column_values[int(row) - first][0] = value
        patch.blocks.append(Block(first, columns[field], column_values,
                                  COMPUTED_FORMATS.get(field)))
    patch.rules = highlight_rules(first, last_customer, max(columns.values()),
                                  columns["next_followup"], columns["grade"])
    return patch


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
