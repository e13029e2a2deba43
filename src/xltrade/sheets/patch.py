"""What xltrade writes into a workbook, as plain data: blocks of values with a style,
column widths, conditional-formatting rules and charts, sheet by sheet.

The rules produce a :class:`SheetPatch` for each sheet they touch; an applier writes
it: :mod:`xltrade.book.writer` into a workbook file, :mod:`xltrade.excel.apply` into the
workbook open in Excel. One description, two writers: the command line and the ribbon
buttons give the same workbook.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

#: Named looks for xltrade's own cells; each applier knows how to draw them.
Style = Literal["computed_header", "title", "section", "table_header", "table_header_right",
                "bold", "wrap", "wrap_left", "input"]
STYLES: dict[str, dict[str, object]] = {
    "computed_header": {"bold": True, "font_color": "FFFFFF", "fill": "1F6F78"},
    "title": {"bold": True, "size": 16, "font_color": "1F4E78"},
    "section": {"bold": True, "size": 12, "font_color": "1F4E78"},
    # A title longer than its column wraps rather than being cut off.
    "table_header": {"bold": True, "fill": "DDEBF7", "wrap": True},
    # Over a column of numbers: the header lines up with the figures under it.
    "table_header_right": {"bold": True, "fill": "DDEBF7", "align": "right", "wrap": True},
    "bold": {"bold": True},
    "wrap": {"wrap": True},
    # A column of numbers and words side by side with text: all start at the left.
    "wrap_left": {"wrap": True, "align": "left"},
    # A cell for the salesperson to type in.
    "input": {"fill": "FFF2CC", "bold": True},
}
DATE_FORMAT = "yyyy-mm-dd"
#: The height of a row holding a title (16 pt text).
TITLE_POINTS = 24


@dataclass(frozen=True)
class Formula:
    """A formula xltrade writes (without the leading ``=``), with the value it has on
    the day of the run, so a program that does not calculate still shows it. Made from
    column letters and xltrade's own words only, never from a cell's contents."""

    text: str
    cached: str | int | None


@dataclass
class Block:
    """Values for a rectangle whose top-left cell is (row, column), 1-based. ``None``
    clears a cell. Text is always written as text, never as a formula: a formula is a
    :class:`Formula`."""

    row: int
    column: int
    values: list[list[object]]
    number_format: str | None = None
    style: Style | None = None
    #: Look like the cell of this column in the same row (a team header xltrade adds
    #: takes the team's header style); ``style`` is drawn over it.
    like: int | None = None


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
    #: The cell the chart's bottom-right corner reaches (exclusive), when it must cover
    #: exactly some columns; otherwise the size in cm decides.
    end: str | None = None
    #: Between value-axis labels: a whole number, so counts never show as 2.5.
    step: int = 1


@dataclass(frozen=True)
class Button:
    """A sheet button: a rounded shape called ``name`` over the cells from ``anchor`` to
    ``end`` (not included), showing ``text``, linked to the cell ``cell`` under it.
    xlwings Lite runs the script tied to ``[name]Sheet!cell`` when the link is followed;
    ``name`` and ``cell`` are xltrade's own words, never a cell's text."""

    name: str
    text: str
    anchor: str
    end: str
    cell: str


@dataclass(frozen=True)
class Validation:
    """A dropdown: the cells of ``range`` take one of ``choices``."""

    range: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """An Excel table (a ListObject) over ``ref``, its first row the headers: banded
    rows, filter buttons, and it grows as rows are typed under it."""

    name: str
    ref: str
    columns: tuple[str, ...]
    style: str = "TableStyleMedium2"

    def free_name(self, taken: set[str]) -> str:
        """The name, or name2, name3... when another table or defined name has it
        (they share one namespace, case-blind)."""
        lowered = {t.lower() for t in taken}
        name, n = self.name, 1
        while name.lower() in lowered:
            n += 1
            name = f"{self.name}{n}"
        return name


@dataclass(frozen=True)
class PrintSetup:
    """How a sheet prints: A4, ``landscape``, ``pages_wide`` pages across when
    ``fit_width`` (rows run on over as many pages as they need), the rows
    ``title_rows`` and the columns ``title_columns`` (first, last) repeated on every
    page, only ``area`` printed, a footer (left and right parts; ``&P`` and ``&N`` are
    the page and page count), and page breaks before the rows in ``breaks``."""

    landscape: bool = True
    fit_width: bool = True
    pages_wide: int = 1
    title_rows: tuple[int, int] | None = None
    title_columns: tuple[int, int] | None = None
    area: str | None = None
    footer_left: str = ""
    footer_right: str = ""
    breaks: tuple[int, ...] = ()


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
    #: Sheet buttons, drawn only on a sheet xltrade creates.
    buttons: list[Button] = field(default_factory=list)
    #: Row heights in points, for rows whose wrapped text needs more than one line.
    heights: dict[int, float] = field(default_factory=dict)
    print_setup: PrintSetup | None = None
    #: Dropdowns, written only on a sheet xltrade creates.
    validations: list[Validation] = field(default_factory=list)
    #: The table over a sheet xltrade creates.
    table: Table | None = None
    #: A row appended under the sheet's rows: a table whose last row is just above it
    #: takes it in, as Excel does when a row is typed under a table.
    grow_tables_to: int | None = None
    #: Hidden workbook names marking cells of this sheet as xltrade's (name -> ``$Q$3``):
    #: Excel moves them with the cells, so xltrade knows its columns wherever they go.
    marks: dict[str, str] = field(default_factory=dict)

    def put(self, row: int, column: int, value: object, number_format: str | None = None,
            style: Style | None = None) -> None:
        self.blocks.append(Block(row, column, [[value]], number_format, style))
        if style == "title":
            # A row does not grow for a large font in every program: make room for it.
            self.heights.setdefault(row, TITLE_POINTS)

    def line(self, row: int, values: list[object], style: Style | None = None) -> None:
        self.blocks.append(Block(row, 1, [list(values)], None, style))

    def fit_row(self, row: int, values: Sequence[object], widths: Sequence[float]) -> None:
        """Make ``row`` tall enough for its wrapped ``values``, each in the column
        ``widths`` gives it (rows do not grow for wrapped text on their own in Excel)."""
        lines = max((text_lines(v, w) for v, w in zip(values, widths, strict=True)),
                    default=1)
        if lines > 1:
            self.heights[row] = LINE_POINTS * lines


def merged(patches: list[SheetPatch]) -> list[SheetPatch]:
    """The patches with those updating the same sheet in place joined into one, so a
    writer passes over each sheet once (later blocks still win where blocks overlap)."""
    out: list[SheetPatch] = []
    joined: dict[str, SheetPatch] = {}
    for patch in patches:
        if (patch.rebuild or patch.create or patch.charts or patch.buttons or patch.validations
                or patch.table or patch.grow_tables_to):
            out.append(patch)
            continue
        first = joined.get(patch.name)
        if first is None:
            joined[patch.name] = patch
            out.append(patch)
            continue
        first.blocks.extend(patch.blocks)
        first.widths.update(patch.widths)
        first.marks.update(patch.marks)
        first.heights.update(patch.heights)
        if patch.rules is not None:
            first.rules = patch.rules
        first.print_setup = patch.print_setup or first.print_setup
    return out


#: Points per line of 11-point text, and the first line's allowance.
LINE_POINTS = 15.0


#: Words as lines wrap them: a CJK character alone, else a run of non-blanks with the
#: blanks after it.
_WORDS = re.compile(r"[\u2e80-\U0010ffff]\s*|[^\s\u2e80-\U0010ffff]+\s*|\s+")


def _units(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def text_width(value: object) -> int:
    """How many characters wide ``value`` is on one line (a CJK character counts two)."""
    return 0 if value is None else _units(str(value))


def text_lines(value: object, width: float) -> int:
    """How many lines ``value`` takes wrapped in a column ``width`` characters wide: a
    CJK character takes two, every line break starts a line. An estimate that errs
    tall, since Excel, WPS and LibreOffice measure a little differently."""
    if value is None:
        return 1
    room = max(width - 2, 1)
    lines = 0
    for paragraph in str(value).split("\n"):
        # Words wrap whole (a CJK character is a word of its own); a word longer than
        # the line is cut where it must be.
        count, used = 1, 0.0
        for word in _WORDS.findall(paragraph):
            body = word.rstrip()
            size = _units(body)
            if used and used + size > room:
                count, used = count + 1, 0
            if size > room:
                count += math.ceil(size / room) - 1
                used = size % room or room
            else:
                used += size
            used += len(word) - len(body)
        lines += count
    return lines
