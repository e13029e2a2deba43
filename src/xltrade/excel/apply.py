"""Writing a :class:`~xltrade.sheets.patch.SheetPatch` into the workbook open in Excel,
through xlwings: the ribbon buttons' path (classic xlwings) and the sheet buttons' path
(xlwings Lite). Only moves data: what to write was decided by the core, exactly as for
the command line.

The two xlwings share one API; where Lite cannot do what desktop Excel does (no
``.api``, no clipboard, formats read only asynchronously, column widths in points)
the :class:`Host` says so and the nearest write Lite has is used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import xlwings as xw

from xltrade.sheets.highlight import is_own_formula
from xltrade.sheets.patch import (
    DATE_FORMAT,
    STYLES,
    Block,
    Chart,
    Formula,
    SheetPatch,
    Validation,
)
from xltrade.sheets.refs import split_ref

POINTS_PER_CM = 28.3465


@dataclass(frozen=True)
class Host:
    """The Excel the code runs in. ``lite``: xlwings Lite, with ``formats`` the
    conditional formats of each sheet (by name), fetched before writing since Lite
    reads them only asynchronously."""

    lite: bool = False
    formats: Mapping[str, Any] = field(default_factory=dict)


CLASSIC = Host()
#: Lite's columns of a width Excel shows as 0 characters: the charts' data, which Lite
#: cannot tell a chart to draw from hidden cells, stays visible at this width instead.
LITE_DATA_WIDTH = 8.0


def points(characters: float) -> float:
    """A column width in characters (of the default 11-point font, 7 pixels each, plus
    5 pixels of padding) as points, the unit xlwings Lite sets widths in."""
    return round((characters * 7 + 5) * 0.75, 2) if characters else 0.0
#: Text Excel would read as something else when written to a cell: a formula, a
#: number, a date, a boolean. Written with a leading apostrophe, it stays text.
#: Leading blanks (tab, CR, line feed, full-width space) do not stop a formula in every
#: program that reads the cell later, and full-width signs are read as the ASCII ones.
_REREAD = re.compile(r"^[\s\u3000]*[=+\-@'＝＋－＠]|^\s*[\d.,]+%?\s*$|"
                     r"^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?|^(true|false)$", re.I)


def cell_value(value: object) -> object:
    """A value as handed to Excel: text that Excel would re-read keeps an apostrophe,
    dates become datetimes, blanks ``None``."""
    if isinstance(value, Formula):
        return "=" + value.text
    if isinstance(value, str):
        return "'" + value if _REREAD.search(value) else value
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, float) and value != value:
        return None
    return value


def _hex(color: object) -> str:
    return f"#{color}"


def _write_block(sheet: xw.Sheet, block: Block, host: Host) -> None:
    height = len(block.values)
    width = max((len(r) for r in block.values), default=0)
    if not height or not width:
        return
    rows = [[cell_value(v) for v in row] + [None] * (width - len(row)) for row in block.values]
    target = sheet.range((block.row, block.column),
                         (block.row + height - 1, block.column + width - 1))
    if block.like and host.lite:
        # Lite has no clipboard: the team's header cell is copied whole, then its text
        # is written over.
        sheet.range((block.row, block.like)).copy(target)
    elif block.like:
        # The team's look for a header xltrade adds: formats only, values stay theirs.
        sheet.range((block.row, block.like)).copy()
        target.paste(paste="formats")
        sheet.book.app.cut_copy_mode = False
    target.value = rows
    if block.number_format:
        target.number_format = block.number_format
    else:
        for r, row in enumerate(block.values):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    sheet.range((block.row + r, block.column + c)).number_format = DATE_FORMAT
    spec = STYLES.get(block.style or "", {})
    if spec.get("bold"):
        target.font.bold = True
    if "size" in spec:
        target.font.size = float(spec["size"])  # type: ignore[arg-type]
    if "font_color" in spec:
        target.font.color = _hex(spec["font_color"])
    if "fill" in spec:
        target.color = _hex(spec["fill"])
    if spec.get("wrap"):
        target.wrap_text = True


def _replace_rules(sheet: xw.Sheet, patch: SheetPatch, host: Host) -> None:
    formats = host.formats.get(sheet.name, ()) if host.lite else \
        sheet.cells.conditional_formats
    for old in [r for r in formats if r.type == "custom"
                and is_own_formula(r.formula or "")]:
        old.delete()
    assert patch.rules is not None
    # Excel puts a new rule at the top, so adding in reverse keeps the patch's order.
    for rule in reversed(patch.rules):
        target = sheet.range(rule.range)
        if not host.lite:
            # Relative references in a rule are read from the active cell (Lite reads
            # them from the range's first cell, as the rule means).
            target[0, 0].select()
        target.conditional_formats.add_custom(
            "=" + rule.formula, fill_color=_hex(rule.fill),
            font_color=_hex(rule.font_color) if rule.font_color else None)


def _add_chart(sheet: xw.Sheet, chart: Chart, host: Host) -> None:
    source = sheet.range(_source(chart))
    width, height = chart.width_cm * POINTS_PER_CM, chart.height_cm * POINTS_PER_CM
    if chart.end and not host.lite:  # cover exactly the cells up to the end cell
        end_row, end_col = split_ref(chart.end)
        covered = sheet.range(chart.anchor, (end_row - 1, end_col - 1))
        width, height = covered.width, covered.height
    added = sheet.charts.add(anchor=sheet.range(chart.anchor), chart_type="column_clustered",
                             source=source, width=width, height=height)
    added.title = chart.title
    added.legend.visible = False
    if not host.lite:
        _draw_hidden_cells(added)


def _draw_hidden_cells(chart: xw.Chart) -> None:
    """The charts' data sits in hidden columns, which Excel leaves out unless told."""
    api = chart.api[1]
    if sys.platform == "darwin":
        api.plot_visible_only.set(False)
    else:
        api.PlotVisibleOnly = False


def _source(chart: Chart) -> str:
    """The categories and values with their title row, as one block (J2:K6)."""
    first = chart.values.split(":")[0]
    last = chart.values.split(":")[1]
    category_column = re.match(r"[A-Z]+", chart.categories)
    assert category_column is not None
    return f"{category_column.group()}{re.sub(r'[A-Z]+', '', first)}:{last}"


#: Excel's constants for a dropdown: xlValidateList, xlValidAlertStop, xlBetween.
_LIST, _STOP, _BETWEEN = 3, 1, 1


def _add_validation(sheet: xw.Sheet, validation: Validation, host: Host) -> None:
    """A dropdown, through Excel's object model (xlwings Lite has a call of its own).
    The choices are xltrade's words, never a cell's text. Excel for Mac's scripting
    bridge has no such call: there the log is made without dropdowns, which
    ``xltrade log`` or a typed list add."""
    if host.lite:
        sheet.range(validation.range).data_validation.set_list(list(validation.choices))
        return
    if sys.platform == "darwin":
        return
    target = sheet.range(validation.range).api.Validation
    target.Delete()
    target.Add(Type=_LIST, AlertStyle=_STOP, Operator=_BETWEEN,
               Formula1=",".join(validation.choices))


def _grow_tables(sheet: xw.Sheet, row: int) -> None:
    """A table ending just above the appended row takes it in (Excel may already have
    done so when the row was written)."""
    for table in sheet.tables:
        whole = table.range
        if whole.last_cell.row == row - 1:
            table.resize(sheet.range((whole.row, whole.column), (row, whole.last_cell.column)))


def _sheet_named(book: xw.Book, names: tuple[str, ...]) -> xw.Sheet | None:
    return next((s for s in book.sheets if s.name in names), None)


def apply(book: xw.Book, patch: SheetPatch, host: Host = CLASSIC) -> xw.Sheet:
    """Write ``patch`` into ``book``; the sheet it wrote."""
    names = patch.names or (patch.name,)
    sheet = _sheet_named(book, names)
    position = patch.position
    if patch.rebuild and sheet is not None:
        position = sheet.index - 1
        sheet.delete()
        sheet = None
    if sheet is None:
        if not (patch.rebuild or patch.create):
            raise KeyError(f"no sheet {patch.name!r}")
        sheet = _add_sheet(book, patch.name, position)
    for block in patch.blocks:
        _write_block(sheet, block, host)
    for column, width in patch.widths.items():
        sheet.range((1, column)).column_width = (
            points(width or LITE_DATA_WIDTH) if host.lite else width)
    for row, height in patch.heights.items():
        sheet.range((row, 1)).row_height = height
    if patch.rules is not None:
        _replace_rules(sheet, patch, host)
    for chart in patch.charts:
        _add_chart(sheet, chart, host)
    for validation in patch.validations:
        _add_validation(sheet, validation, host)
    if patch.table is not None:
        taken = {t.name for s in sheet.book.sheets for t in s.tables}
        sheet.tables.add(source=sheet.range(patch.table.ref), name=patch.table.free_name(taken),
                         table_style_name=patch.table.style)
    if patch.grow_tables_to:
        _grow_tables(sheet, patch.grow_tables_to)
    _mark(book, sheet, patch.marks)
    if patch.hidden:
        sheet.visible = False
    return sheet


def _mark(book: xw.Book, sheet: xw.Sheet, marks: dict[str, str]) -> None:
    """xltrade's hidden workbook names over its own cells."""
    quoted = "'" + sheet.name.replace("'", "''") + "'"
    for name, cell in marks.items():
        refers = f"={quoted}!{cell}"
        if book.names.contains(name):
            book.names[name].refers_to = refers
        else:
            added = book.names.add(name, refers)
            with contextlib.suppress(Exception):  # only Windows' object model has it
                added.api.Visible = False


def _add_sheet(book: xw.Book, name: str, position: int | None) -> xw.Sheet:
    sheets: Any = book.sheets
    if position is not None and position < len(sheets):
        return sheets.add(name, before=sheets[position])
    return sheets.add(name, after=sheets[len(sheets) - 1])
