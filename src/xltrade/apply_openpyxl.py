"""Writing a :class:`~xltrade.patch.SheetPatch` into an openpyxl workbook (the command
line's path)."""

from __future__ import annotations

import datetime as dt

from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from xltrade.cells import plain
from xltrade.customer_sheet import replace_sheet
from xltrade.highlight import add_rule, remove_own_rules
from xltrade.patch import DATE_FORMAT, STYLES, Block, Chart, SheetPatch

_FONTS: dict[str, Font] = {}
_FILLS: dict[str, PatternFill] = {}
_WRAP = Alignment(wrap_text=True, vertical="top")


def _font(spec: dict[str, object]) -> Font:
    key = repr(sorted(spec.items()))
    if key not in _FONTS:
        color = spec.get("font_color")
        _FONTS[key] = Font(bold=bool(spec.get("bold")), size=spec.get("size"),  # type: ignore
                           color=f"FF{color}" if color else None)
    return _FONTS[key]


def _fill(color: str) -> PatternFill:
    if color not in _FILLS:
        _FILLS[color] = PatternFill(fill_type="solid", start_color=f"FF{color}",
                                    end_color=f"FF{color}")
    return _FILLS[color]


def _write_block(ws: Worksheet, block: Block) -> None:
    store = ws._cells
    spec = STYLES.get(block.style or "", {})
    has_font = any(k in spec for k in ("bold", "size", "font_color"))
    for r, row_values in enumerate(block.values):
        for c, raw in enumerate(row_values):
            key = (block.row + r, block.column + c)
            value = plain(raw)
            cell = store.get(key)
            if cell is None:
                if value is None and not spec:
                    continue  # clearing a cell that was never there
                cell = store[key] = Cell(ws, row=key[0], column=key[1])
            cell.value = value  # type: ignore[assignment]
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text, whatever it starts with
            if block.number_format and value is not None:
                cell.number_format = block.number_format
            elif isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            if has_font:
                cell.font = _font(spec)
            if "fill" in spec:
                cell.fill = _fill(str(spec["fill"]))
            if spec.get("wrap"):
                cell.alignment = _WRAP


def _add_chart(ws: Worksheet, chart: Chart) -> None:
    bar = BarChart()
    bar.title = chart.title
    bar.legend = None
    min_col, min_row, _, max_row = (int(n or 0) for n in range_boundaries(chart.values))
    cat_col, cat_min, _, cat_max = (int(n or 0) for n in range_boundaries(chart.categories))
    bar.add_data(Reference(ws, min_col=min_col, min_row=min_row, max_row=max_row),
                 titles_from_data=True)
    bar.set_categories(Reference(ws, min_col=cat_col, min_row=cat_min, max_row=cat_max))
    bar.width, bar.height = chart.width_cm, chart.height_cm
    ws.add_chart(bar, chart.anchor)


def apply(wb: Workbook, patch: SheetPatch) -> Worksheet:
    """Write ``patch`` into ``wb``; the sheet it wrote."""
    names = patch.names or (patch.name,)
    if patch.rebuild:
        ws = replace_sheet(wb, names, patch.name, patch.position)
    else:
        found = next((wb[n] for n in names if n in wb.sheetnames), None)
        if found is None:
            if not patch.create:
                raise KeyError(f"no sheet {patch.name!r}")
            found = wb.create_sheet(patch.name, patch.position)
        ws = found
    for block in patch.blocks:
        _write_block(ws, block)
    for column, width in patch.widths.items():
        ws.column_dimensions[get_column_letter(column)].width = width
    if patch.rules is not None:
        remove_own_rules(ws)
        for rule in patch.rules:
            add_rule(ws, rule)
    for chart in patch.charts:
        _add_chart(ws, chart)
    if patch.hidden:
        ws.sheet_state = "hidden"
    return ws
