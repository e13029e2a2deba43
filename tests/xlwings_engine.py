"""An xlwings engine over openpyxl, so xlwings code runs on Linux in tests.

xlwings lets code register an engine (``xw.engines.add``); this one keeps a workbook
in an openpyxl object and implements the part of xlwings' engine interface that
xltrade's Excel layer uses, behaving as Excel does where it matters: text written
with a leading apostrophe stays text, text starting with ``=`` becomes a formula,
a blank written clears the cell, conditional formats and charts are recorded.
It uses xlwings internals, which is why xlwings is pinned exactly.

With ``lite`` it behaves as xlwings Lite's engine does where that differs: no ``.api``,
no clipboard or screen updating, conditional formats read only with ``await``, column
widths set in points, a new sheet added last and made active, dropdowns through
``data_validation``, hyperlinks through ``add_hyperlink``.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import openpyxl
import xlwings as xw
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table as OpenpyxlTable
from openpyxl.worksheet.table import TableStyleInfo

NAME = "openpyxl-test"
LITE_NAME = "openpyxl-lite-test"


def _not_in_lite(what: str) -> NotImplementedError:
    return NotImplementedError(f"{what} is not supported in xlwings Lite")


def points_to_characters(points: float) -> float:
    """Excel's column width in characters for a width in points (7-pixel characters
    plus 5 pixels of padding), as Excel stores a width Lite sets."""
    return round((points / 0.75 - 5) / 7, 2) if points else 0.0


def _rgb(color: Any) -> str:
    if isinstance(color, str):
        return "FF" + color.lstrip("#").upper()
    if isinstance(color, tuple):
        return "FF" + "".join(f"{c:02X}" for c in color)
    raise TypeError(color)


class Engine:
    name = NAME
    type = "desktop"

    def __init__(self, lite: bool = False) -> None:
        self.lite = lite
        if lite:
            self.name = LITE_NAME
        self.apps = Apps(self)

    @staticmethod
    def prepare_xl_data_element(x: Any, options: Any) -> Any:
        if x is None:
            return ""
        if isinstance(x, float) and x != x:
            return ""
        if isinstance(x, dt.datetime):
            return x.replace(tzinfo=None)
        if isinstance(x, dt.date):
            return dt.datetime.combine(x, dt.time())
        return x

    @staticmethod
    def clean_value_data(data: Any, datetime_builder: Any, empty_as: Any,
                         number_builder: Any, err_to_str: Any) -> Any:
        return [[empty_as if c is None or c == "" else c for c in row] for row in data]


class Apps:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._apps: list[App] = []

    def keys(self) -> list[int]:
        return list(range(1, len(self._apps) + 1))

    def add(self, **kwargs: Any) -> App:
        app = App(self.engine)
        self._apps.append(app)
        return app

    def __iter__(self) -> Any:
        # xlwings takes the first app as the active one: the newest, as in Excel.
        return iter(reversed(self._apps))

    def __len__(self) -> int:
        return len(self._apps)

    def __getitem__(self, key: int) -> App:
        return self._apps[key - 1]


class App:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.books = Books(self)
        self.lite = engine.lite
        self.alerts: list[tuple[str, str]] = []
        self._screen_updating = True
        self.display_alerts = True
        self.selection: Any = None
        self.pid = id(self)
        self.version = "16.0"
        self.visible = True
        self.clipboard: Range | None = None
        self._cut_copy_mode: Any = False

    @property
    def screen_updating(self) -> bool:
        if self.lite:
            raise _not_in_lite("App.screen_updating")
        return self._screen_updating

    @screen_updating.setter
    def screen_updating(self, value: bool) -> None:
        if self.lite:
            raise _not_in_lite("App.screen_updating")
        self._screen_updating = value

    @property
    def cut_copy_mode(self) -> Any:
        if self.lite:
            raise _not_in_lite("App.cut_copy_mode")
        return self._cut_copy_mode

    @cut_copy_mode.setter
    def cut_copy_mode(self, value: Any) -> None:
        if self.lite:
            raise _not_in_lite("App.cut_copy_mode")
        self._cut_copy_mode = value

    def alert(self, prompt: str, title: str, buttons: Any, mode: Any, callback: Any) -> str:
        self.alerts.append((title, prompt))
        return "ok"

    def activate(self, steal_focus: bool = False) -> None:
        """Bringing Excel to the front: nothing to do without a screen."""


class Books:
    def __init__(self, app: App) -> None:
        self.app = app
        self._books: list[Book] = []

    def open(self, fullname: str, **kwargs: Any) -> Book:
        book = Book(self.app, openpyxl.load_workbook(fullname, keep_vba=True), str(fullname))
        self._books.append(book)
        return book

    def __call__(self, key: Any) -> Book:
        return self._books[key - 1] if isinstance(key, int) else next(
            b for b in self._books if b.name == key)

    def __len__(self) -> int:
        return len(self._books)

    def __iter__(self) -> Any:
        return iter(self._books)

    @property
    def active(self) -> Book:
        return self._books[-1]


class Book:
    def __init__(self, app: App, wb: Workbook, fullname: str) -> None:
        self.app = app
        self.wb = wb
        self.fullname = fullname
        self.name = fullname.replace("\\", "/").rsplit("/", 1)[-1]
        self.sheets = Sheets(self)
        self.names = Names(self)

    def save(self, path: str | None = None, password: Any = None) -> None:
        self.wb.save(path or self.fullname)

    def activate(self) -> None:
        return None


class Names:
    """Workbook-level defined names, as openpyxl keeps them."""

    def __init__(self, book: Book) -> None:
        self.book = book

    @property
    def api(self) -> Names:
        return self

    def snapshot(self) -> list[tuple[str, Name]]:
        return [(n, Name(self.book, n)) for n in self.book.wb.defined_names]

    def __call__(self, name: Any) -> Name:
        if isinstance(name, int):
            return self.snapshot()[name - 1][1]
        if not self.contains(name):
            raise KeyError(name)
        return Name(self.book, self._key(name))

    def _key(self, name: str) -> str:
        return next(n for n in self.book.wb.defined_names if n.lower() == name.lower())

    def contains(self, name: str) -> bool:
        return any(n.lower() == name.lower() for n in self.book.wb.defined_names)

    def add(self, name: str, refers_to: str) -> Name:
        self.book.wb.defined_names[name] = DefinedName(name, attr_text=refers_to.lstrip("="))
        return Name(self.book, name)


class Name:
    def __init__(self, book: Book, name: str) -> None:
        self.book = book
        self.name = name

    @property
    def api(self) -> Name:
        return self

    @property
    def Visible(self) -> bool:  # Excel's object model, as the COM api has it
        return not self.book.wb.defined_names[self.name].hidden

    @Visible.setter
    def Visible(self, value: bool) -> None:
        self.book.wb.defined_names[self.name].hidden = not value

    @property
    def refers_to(self) -> str:
        return "=" + str(self.book.wb.defined_names[self.name].attr_text)

    @refers_to.setter
    def refers_to(self, value: str) -> None:
        self.book.wb.defined_names[self.name].attr_text = value.lstrip("=")

    def delete(self) -> None:
        del self.book.wb.defined_names[self.name]


class Sheets:
    def __init__(self, book: Book) -> None:
        self.book = book

    def __call__(self, key: Any) -> Sheet:
        if isinstance(key, int):
            return Sheet(self.book, self.book.wb.worksheets[key - 1])
        return Sheet(self.book, self.book.wb[key])

    def __len__(self) -> int:
        return len(self.book.wb.worksheets)

    def __iter__(self) -> Any:
        return iter(Sheet(self.book, ws) for ws in self.book.wb.worksheets)

    def __contains__(self, name: str) -> bool:
        return name in self.book.wb.sheetnames

    @property
    def active(self) -> Sheet:
        return Sheet(self.book, self.book.wb.active)

    def add(self, before: Sheet | None = None, after: Sheet | None = None, name: Any = None
            ) -> Sheet:
        wb = self.book.wb
        if before is not None:
            index = wb.worksheets.index(before.ws)
        elif after is not None:
            index = wb.worksheets.index(after.ws) + 1
        elif self.book.app.lite:
            index = len(wb.worksheets)  # Lite adds a sheet last, Excel before the active
        else:
            index = wb.worksheets.index(wb.active)
        added = wb.create_sheet(title=name, index=index)
        if self.book.app.lite:
            wb.active = index  # and Lite makes it the active sheet
        return Sheet(self.book, added)


class Sheet:
    def __init__(self, book: Book, ws: Any) -> None:
        self.book = book
        self.ws = ws

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sheet) and other.ws is self.ws

    @property
    def name(self) -> str:
        return self.ws.title

    @name.setter
    def name(self, value: str) -> None:
        self.ws.title = value

    @property
    def index(self) -> int:
        return self.book.wb.worksheets.index(self.ws) + 1

    @property
    def visible(self) -> bool:
        return self.ws.sheet_state == "visible"

    @visible.setter
    def visible(self, value: bool) -> None:
        self.ws.sheet_state = "visible" if value else "hidden"

    def range(self, cell1: Any, cell2: Any = None) -> Range:
        first = _coords(cell1)
        last = _coords(cell2) if cell2 is not None else None
        if last is None:
            return Range(self, *first)
        return Range(self, first[0], first[1], last[2], last[3])

    @property
    def cells(self) -> Range:
        return Range(self, 1, 1, 1048576, 16384)

    @property
    def used_range(self) -> Range:
        ws = self.ws
        return Range(self, 1, 1, max(ws.max_row, 1), max(ws.max_column, 1))

    @property
    def charts(self) -> Charts:
        return Charts(self)

    @property
    def tables(self) -> Tables:
        return Tables(self)

    def activate(self) -> None:
        self.book.wb.active = self.book.wb.worksheets.index(self.ws)

    def delete(self) -> None:
        del self.book.wb[self.ws.title]


def _coords(cell: Any) -> tuple[int, int, int, int]:
    if isinstance(cell, Range):
        return cell.row1, cell.col1, cell.row2, cell.col2
    if isinstance(cell, tuple):
        return cell[0], cell[1], cell[0], cell[1]
    if isinstance(cell, str):
        min_col, min_row, max_col, max_row = range_boundaries(cell.replace("$", ""))
        return min_row, min_col, max_row or min_row, max_col or min_col
    raise TypeError(cell)


class Range:
    max_cells_per_read = None
    max_cells_per_write = None

    @property
    def api(self) -> Any:
        if self.sheet_impl.book.app.lite:
            # Lite's engine has no object model behind a range: its "api" is the
            # range's values as the script received them.
            ws = self.sheet_impl.ws
            return tuple(tuple(ws.cell(row=r, column=c).value
                               for c in range(self.col1, self.col2 + 1))
                         for r in range(self.row1, self.row2 + 1))
        return self  # xlwings only checks that there is a native object

    @property
    def Validation(self) -> Validation:  # Excel's object model, as the COM api has it
        return Validation(self)

    @property
    def data_validation(self) -> DataValidationImpl:
        return DataValidationImpl(self)

    def add_hyperlink(self, address: str, text_to_display: str | None = None,
                      screen_tip: str | None = None) -> None:
        cell = self.sheet_impl.ws.cell(row=self.row1, column=self.col1)
        cell.value = text_to_display or address
        cell.hyperlink = address

    def __init__(self, sheet: Sheet, row1: int, col1: int, row2: int | None = None,
                 col2: int | None = None) -> None:
        self.sheet_impl = sheet
        self.row1, self.col1 = row1, col1
        self.row2, self.col2 = row2 or row1, col2 or col1
        self.options: dict[str, Any] = {}

    @property
    def sheet(self) -> Sheet:
        return self.sheet_impl

    @property
    def row(self) -> int:
        return self.row1

    @property
    def column(self) -> int:
        return self.col1

    @property
    def shape(self) -> tuple[int, int]:
        return self.row2 - self.row1 + 1, self.col2 - self.col1 + 1

    def __len__(self) -> int:
        rows, columns = self.shape
        return rows * columns

    def __call__(self, row: int, column: int | None = None) -> Range:
        if column is None:
            columns = self.shape[1]
            row, column = (row - 1) // columns + 1, (row - 1) % columns + 1
        return Range(self.sheet_impl, self.row1 + row - 1, self.col1 + column - 1)

    @property
    def coords(self) -> tuple[Any, int, int, int, int]:
        return (self.sheet_impl.name, self.row1, self.col1, *self.shape)

    def get_address(self, *args: Any, **kwargs: Any) -> str:
        return self.address

    @property
    def address(self) -> str:
        first = f"${get_column_letter(self.col1)}${self.row1}"
        last = f"${get_column_letter(self.col2)}${self.row2}"
        return first if first == last else f"{first}:{last}"

    def _cells(self) -> Any:
        ws = self.sheet_impl.ws
        for r in range(self.row1, self.row2 + 1):
            for c in range(self.col1, self.col2 + 1):
                yield ws.cell(row=r, column=c)

    @property
    def raw_value(self) -> Any:
        ws = self.sheet_impl.ws
        rows = [[ws.cell(row=r, column=c).value for c in range(self.col1, self.col2 + 1)]
                for r in range(self.row1, self.row2 + 1)]
        return rows[0][0] if self.shape == (1, 1) else rows

    @raw_value.setter
    def raw_value(self, data: Any) -> None:
        if not isinstance(data, list | tuple):
            data = [[data] * self.shape[1]] * self.shape[0]
        ws = self.sheet_impl.ws
        for r, row in enumerate(data):
            for c, value in enumerate(row):
                cell = ws.cell(row=self.row1 + r, column=self.col1 + c)
                if value == "" or value is None:
                    cell.value = None
                elif isinstance(value, str) and value.startswith("'"):
                    cell.value = value[1:]  # Excel's prefix: the rest is text
                    cell.data_type = "s"
                else:
                    cell.value = value  # "=..." becomes a formula, as in Excel

    @property
    def number_format(self) -> str:
        return self.sheet_impl.ws.cell(row=self.row1, column=self.col1).number_format

    @number_format.setter
    def number_format(self, value: str) -> None:
        for cell in self._cells():
            cell.number_format = value

    @property
    def font(self) -> RangeFont:
        return RangeFont(self)

    @property
    def color(self) -> Any:
        return None

    @color.setter
    def color(self, value: Any) -> None:
        fill = PatternFill(fill_type="solid", start_color=_rgb(value), end_color=_rgb(value))
        for cell in self._cells():
            cell.fill = fill

    @property
    def wrap_text(self) -> bool:
        return bool(self.sheet_impl.ws.cell(row=self.row1, column=self.col1)
                    .alignment.wrap_text)

    @wrap_text.setter
    def wrap_text(self, value: bool) -> None:
        for cell in self._cells():
            cell.alignment = Alignment(wrap_text=value, vertical="top")

    @property
    def column_width(self) -> float:
        return self.sheet_impl.ws.column_dimensions[get_column_letter(self.col1)].width

    @column_width.setter
    def column_width(self, value: float) -> None:
        if self.sheet_impl.book.app.lite:
            value = points_to_characters(value)
        for column in range(self.col1, self.col2 + 1):
            dimension = self.sheet_impl.ws.column_dimensions[get_column_letter(column)]
            dimension.width = value
            dimension.hidden = value == 0  # as in Excel: no width hides the column

    @property
    def width(self) -> float:
        """Points, as Excel measures a column of N characters: about 7 pixels each."""
        if self.sheet_impl.book.app.lite:
            raise _not_in_lite("reading Range.width")
        dims = self.sheet_impl.ws.column_dimensions
        return sum((dims[get_column_letter(c)].width or 8.43) * 5.25
                   for c in range(self.col1, self.col2 + 1))

    @property
    def height(self) -> float:
        dims = self.sheet_impl.ws.row_dimensions
        return sum(dims[r].height or 15.0 for r in range(self.row1, self.row2 + 1))

    @property
    def row_height(self) -> float:
        return self.sheet_impl.ws.row_dimensions[self.row1].height or 15.0

    @row_height.setter
    def row_height(self, value: float) -> None:
        for row in range(self.row1, self.row2 + 1):
            self.sheet_impl.ws.row_dimensions[row].height = value

    @property
    def conditional_formats(self) -> ConditionalFormats:
        return ConditionalFormats(self, loaded=not self.sheet_impl.book.app.lite)

    async def get_conditional_formats(self) -> ConditionalFormats:
        return ConditionalFormats(self)

    def select(self) -> None:
        self.sheet_impl.book.app.selection = self

    def copy(self, destination: Any = None) -> None:
        if destination is not None:  # values and looks, the source tiled over the target
            source = self.sheet_impl.ws.cell(row=self.row1, column=self.col1)
            assert self.shape == (1, 1), "only one cell is copied to a range"
            for cell in destination._cells():
                cell.value = source.value
                cell._style = copy.copy(source._style)
            return
        if self.sheet_impl.book.app.lite:
            raise _not_in_lite("copying to the clipboard")
        self.sheet_impl.book.app.clipboard = self

    def paste(self, paste: str | None = None, operation: Any = None,
              skip_blanks: bool = False, transpose: bool = False) -> None:
        """Formats only, as Excel's Paste Special > Formats, from the clipboard's first
        cell to every cell here."""
        if self.sheet_impl.book.app.lite:
            raise _not_in_lite("Range.paste")
        source = self.sheet_impl.book.app.clipboard
        assert paste == "formats" and source is not None and source.shape == (1, 1)
        look = source.sheet_impl.ws.cell(row=source.row1, column=source.col1)._style
        for cell in self._cells():
            cell._style = copy.copy(look)


class RangeFont:
    def __init__(self, rng: Range) -> None:
        self.rng = rng

    def _set(self, **changes: Any) -> None:
        for cell in self.rng._cells():
            font = cell.font
            cell.font = Font(bold=changes.get("bold", font.bold),
                             size=changes.get("size", font.size),
                             color=changes.get("color", font.color))

    @property
    def bold(self) -> bool:
        return bool(next(self.rng._cells()).font.bold)

    @bold.setter
    def bold(self, value: bool) -> None:
        self._set(bold=value)

    @property
    def size(self) -> float:
        return float(next(self.rng._cells()).font.size)

    @size.setter
    def size(self, value: float) -> None:
        self._set(size=value)

    @property
    def color(self) -> Any:
        return None

    @color.setter
    def color(self, value: Any) -> None:
        self._set(color=_rgb(value))


class ConditionalFormat:
    def __init__(self, ws: Any, cf: Any, rule: Any) -> None:
        self.ws, self.cf, self.rule = ws, cf, rule

    @property
    def type(self) -> str:
        # xlwings' name for a formula rule (Excel's xlExpression)
        return "custom" if self.rule.type == "expression" else "unknown"

    @property
    def formula(self) -> str | None:
        return "=" + self.rule.formula[0] if self.rule.formula else None

    def delete(self) -> None:
        rules = self.ws.conditional_formatting._cf_rules[self.cf]
        rules.remove(self.rule)
        if not rules:
            del self.ws.conditional_formatting._cf_rules[self.cf]


class ConditionalFormats:
    def __init__(self, rng: Range, loaded: bool = True) -> None:
        self.rng = rng
        self.loaded = loaded

    def _loaded(self) -> list[ConditionalFormat]:
        if not self.loaded:
            raise _not_in_lite("reading conditional formats without await")
        return self._rules()

    def _rules(self) -> list[ConditionalFormat]:
        ws = self.rng.sheet_impl.ws
        out = [ConditionalFormat(ws, cf, rule)
               for cf, rules in ws.conditional_formatting._cf_rules.items() for rule in rules]
        return sorted(out, key=lambda f: f.rule.priority)

    def __len__(self) -> int:
        return len(self._loaded())

    def __iter__(self) -> Any:
        return iter(self._loaded())

    def add_custom(self, spec: dict[str, Any]) -> ConditionalFormat:
        """Excel puts the new rule at the top: it gets priority 1, the others move down."""
        ws = self.rng.sheet_impl.ws
        fill = _rgb(spec["fill_color"]) if spec.get("fill_color") else None
        rule = FormulaRule(
            formula=[spec["formula"].lstrip("=")],
            fill=PatternFill(fill_type="solid", start_color=fill, end_color=fill,
                             bgColor=fill) if fill else None,
            font=Font(color=_rgb(spec["font_color"])) if spec.get("font_color") else None)
        for existing in self._rules():
            existing.rule.priority += 1
        rule.priority = 1
        target = self.rng.address.replace("$", "")
        ws.conditional_formatting.add(target, rule)
        rule.priority = 1
        return ConditionalFormat(ws, next(cf for cf in ws.conditional_formatting._cf_rules
                                          if str(cf.sqref) == target), rule)


class DataValidationImpl:
    """xlwings' ``Range.data_validation`` (0.37.5), as far as a list dropdown goes."""

    def __init__(self, rng: Range) -> None:
        self.rng = rng

    def set_list(self, source: Any, in_cell_dropdown: Any = None) -> None:
        assert isinstance(source, list), "a list of xltrade's words"
        validation = Validation(self.rng)
        validation.Delete()
        validation.Add(Type=3, AlertStyle=1, Operator=1, Formula1=",".join(source))


class Validation:
    """Range.Validation of Excel's object model, as far as a list dropdown goes."""

    def __init__(self, rng: Range) -> None:
        self.rng = rng

    def _target(self) -> str:
        return self.rng.address.replace("$", "")

    def Delete(self) -> None:
        dvs = self.rng.sheet_impl.ws.data_validations
        dvs.dataValidation = [dv for dv in dvs.dataValidation
                              if str(dv.sqref) != self._target()]

    def Add(self, Type: int, AlertStyle: int, Operator: int,
            Formula1: str) -> None:
        assert (Type, AlertStyle, Operator) == (3, 1, 1), "a list dropdown, stop on error"
        dv = DataValidation(type="list", formula1=f'"{Formula1}"', allow_blank=True)
        dv.add(self._target())
        self.rng.sheet_impl.ws.add_data_validation(dv)


class Tables:
    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet

    def _all(self) -> list[Table]:
        return [Table(self.sheet, t) for t in self.sheet.ws.tables.values()]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Any:
        return iter(self._all())

    def add(self, source: Any, name: str | None, source_type: Any, link_source: Any,
            has_headers: bool, destination: Any, table_style_name: str) -> Table:
        """Excel refuses a name another table has; xltrade must pick a free one."""
        taken = {t.name.lower() for ws in self.sheet.book.wb.worksheets
                 for t in ws.tables.values()}
        assert has_headers and name and name.lower() not in taken
        rng = source.impl
        table = OpenpyxlTable(displayName=name, ref=rng.address.replace("$", ""))
        table.tableStyleInfo = TableStyleInfo(name=table_style_name, showRowStripes=True)
        self.sheet.ws.add_table(table)
        return Table(self.sheet, table)


class Table:
    def __init__(self, sheet: Sheet, table: Any) -> None:
        self.sheet, self.table = sheet, table

    @property
    def name(self) -> str:
        return str(self.table.displayName)

    @property
    def range(self) -> Range:
        min_col, min_row, max_col, max_row = range_boundaries(self.table.ref)
        return Range(self.sheet, min_row, min_col, max_row, max_col)

    def resize(self, rng: Any) -> None:
        self.table.ref = rng.impl.address.replace("$", "")
        if self.table.autoFilter is not None:
            self.table.autoFilter.ref = self.table.ref


class Charts:
    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet

    def add(self, left: float, top: float, width: float, height: float, *,
            chart_type: str | None, source: Range | None, plot_by: Any, name: Any,
            anchor: Any, style: Any) -> Chart:
        """A clustered column chart of ``source``: categories in its first column,
        values in the second, series title in the first row."""
        assert chart_type == "column_clustered" and source is not None
        bar = BarChart()
        ws = self.sheet.ws
        bar.add_data(Reference(ws, min_col=source.col2, min_row=source.row1,
                               max_row=source.row2), titles_from_data=True)
        bar.set_categories(Reference(ws, min_col=source.col1, min_row=source.row1 + 1,
                                     max_row=source.row2))
        bar.width, bar.height = round(width / 28.3465), round(height / 28.3465)
        ws.add_chart(bar, anchor.impl.address.replace("$", ""))
        return Chart(bar, self.sheet.book.app.lite)


class Chart:
    def __init__(self, bar: BarChart, lite: bool = False) -> None:
        self.bar = bar
        self.lite = lite
        self.legend = Legend(bar)

    @property
    def api(self) -> tuple[Any, ChartApi]:
        """(ChartObject, Chart) as on Windows; only the Chart is modelled."""
        if self.lite:
            raise _not_in_lite("Chart.api")
        return None, ChartApi(self.bar)

    @property
    def title(self) -> str | None:
        return None

    @title.setter
    def title(self, value: str) -> None:
        self.bar.title = value


class ChartApi:
    """Excel's Chart object: whether it draws hidden cells."""

    def __init__(self, bar: BarChart) -> None:
        self.__dict__["bar"] = bar

    def __setattr__(self, name: str, value: Any) -> None:
        assert name == "PlotVisibleOnly", name
        self.bar.visible_cells_only = bool(value)


class Legend:
    def __init__(self, bar: BarChart) -> None:
        self.bar = bar

    @property
    def visible(self) -> bool:
        return self.bar.legend is not None

    @visible.setter
    def visible(self, value: bool) -> None:
        if not value:
            self.bar.legend = None


def register(lite: bool = False) -> xw.Engine:
    """Register the engine (once; the Lite one apart) and make it active."""
    for engine in xw.engines:
        if engine.name == (LITE_NAME if lite else NAME):
            engine.activate()
            return engine
    engine = xw.Engine(impl=Engine(lite))
    xw.engines.add(engine)
    engine.activate()
    return engine
