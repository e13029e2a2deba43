"""What xltrade writes into a workbook, as plain data: blocks of values with a style,
column widths, conditional-formatting rules and charts, sheet by sheet.

The rules produce a :class:`SheetPatch` for each sheet they touch; an applier writes
it: :mod:`xltrade.book.writer` into a workbook file, :mod:`xltrade.excel.apply` into the
workbook open in Excel. One description, two writers: the command line and the ribbon
buttons give the same workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: Named looks for xltrade's own cells; each applier knows how to draw them.
Style = Literal["computed_header", "title", "section", "table_header", "bold", "wrap"]
STYLES: dict[str, dict[str, object]] = {
    "computed_header": {"bold": True, "font_color": "FFFFFF", "fill": "1F6F78"},
    "title": {"bold": True, "size": 16, "font_color": "1F4E78"},
    "section": {"bold": True, "size": 12, "font_color": "1F4E78"},
    "table_header": {"bold": True, "fill": "DDEBF7"},
    "bold": {"bold": True},
    "wrap": {"wrap": True},
}
DATE_FORMAT = "yyyy-mm-dd"


@dataclass
class Block:
    """Values for a rectangle whose top-left cell is (row, column), 1-based. ``None``
    clears a cell. Text is always written as text, never as a formula."""

    row: int
    column: int
    values: list[list[object]]
    number_format: str | None = None
    style: Style | None = None


@dataclass(frozen=True)
class Rule:
    """A formula-based conditional format. ``formula`` is relative to the range's
    top-left cell, without the leading ``=``."""

    range: str
    formula: str
    fill: str
    font_color: str | None = None


@dataclass(frozen=True)
class Chart:
    """A clustered column chart of ``values`` (title cell first) over ``categories``."""

    anchor: str
    title: str
    values: str
    categories: str
    width_cm: int = 12
    height_cm: int = 7


@dataclass
class SheetPatch:
    """Everything written to one sheet.

    ``rebuild``: the sheet (under any of ``names``) is replaced by a new empty one called
    ``name``, at ``position`` when it is new. Otherwise the sheet is updated in place and
    created only when ``create`` is set. ``rules`` replaces xltrade's own conditional
    formats on the sheet when not ``None``."""

    name: str
    names: tuple[str, ...] = ()
    rebuild: bool = False
    create: bool = False
    position: int | None = None
    hidden: bool = False
    blocks: list[Block] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)
    rules: list[Rule] | None = None
    charts: list[Chart] = field(default_factory=list)

    def put(self, row: int, column: int, value: object, number_format: str | None = None,
            style: Style | None = None) -> None:
        self.blocks.append(Block(row, column, [[value]], number_format, style))

    def line(self, row: int, values: list[object], style: Style | None = None) -> None:
        self.blocks.append(Block(row, 1, [list(values)], None, style))
