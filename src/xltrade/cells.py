"""Writing single cells safely, and the styles xltrade puts on its own cells."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "yyyy-mm-dd"
#: Machine-made header cells: dark teal with white bold text, unlike anything typed.
COMPUTED_HEADER_FILL = PatternFill(fill_type="solid", start_color="FF1F6F78",
                                   end_color="FF1F6F78")
COMPUTED_HEADER_FONT = Font(bold=True, color="FFFFFFFF")
SECTION_FONT = Font(bold=True, size=12, color="FF1F4E78")
TITLE_FONT = Font(bold=True, size=16, color="FF1F4E78")
TABLE_HEADER_FILL = PatternFill(fill_type="solid", start_color="FFDDEBF7", end_color="FFDDEBF7")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def plain(value: object) -> object:
    """A Python value openpyxl writes as-is: dates as dates, NaN/NaT as blank."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime().date()
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def put(ws: Worksheet, row: int, column: int, value: object,
        number_format: str | None = None) -> Cell:
    """Write one value. Text always stays text, so ``=SUM(1,2) Ltd`` never becomes a
    formula and ``#N/A`` never becomes an error."""
    cell = ws.cell(row=row, column=column)
    assert isinstance(cell, Cell), f"{ws.title}!{cell.coordinate} is inside a merged range"
    value = plain(value)
    cell.value = value  # type: ignore[assignment]
    if isinstance(value, str):
        cell.data_type = "s"
    if isinstance(value, dt.date):
        cell.number_format = number_format or DATE_FORMAT
    elif number_format:
        cell.number_format = number_format
    return cell
