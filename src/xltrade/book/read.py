"""Reading cell values out of a workbook file without building an object model.

python-calamine reads the sheet XML natively: a formula cell counts as its cached
value (never as its formula text), date-formatted numbers come back as dates. Values
are then made to look as the rest of xltrade expects: blanks ``None``, whole
numbers ``int``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TypeGuard, cast

from python_calamine import CalamineWorkbook

from xltrade.book.package import Book, Rel
from xltrade.book.workbook_xml import WorkbookXml
from xltrade.errors import NotAWorkbook
from xltrade.rules.texts import both
from xltrade.sheets.refs import column_index, column_letter

Rows = list[list[object]]
#: The most cells a sheet may span (rows x columns to its farthest cell): the reader
#: holds the whole rectangle, and a single cell at XFD1048576 would ask for 17 billion.
MAX_CELLS = 20_000_000
#: A cell that may hold something (its tag not closed at once): where it is. An empty
#: formatted cell (``<c r="AMJ1048576" s="1"/>``) and a formatted empty row, which
#: LibreOffice and gnumeric write to the sheet's last row, hold nothing the reader
#: keeps, so they do not count.
_FILLED_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr\s*=\s*["\']([A-Z]{1,3})(\d{1,7})["\']'
                          rb'[^>]*(?<!/)>')
#: Bytes kept from one piece to the next, so a cell's tag cut between two is seen whole.
_OVERLAP = 512


def sheet_extent(chunks: Iterable[bytes]) -> tuple[int, int]:
    """The farthest row and column of a cell that may hold a value, in a sheet's XML."""
    far_row = far_column = 0
    tail = b""
    for chunk in chunks:
        data = tail + chunk
        for letters, row in _FILLED_CELL.findall(data):
            far_row = max(far_row, int(row))
            far_column = max(far_column, column_index(letters.decode()))
        tail = data[-_OVERLAP:]
    return far_row, far_column


WORKSHEET_TYPE = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                  "worksheet")


def listed_sheets(book: Book) -> list[tuple[str, Rel | None]]:
    """Each sheet the workbook part lists, by name, with the relationship it names
    (``None`` where there is none)."""
    rels = {r.id: r for r in book.rels(book.workbook_part)}
    return [(entry.name, rels.get(entry.rel_id))
            for entry in WorkbookXml(book.read(book.workbook_part)).sheets()]


def _has_part(rel: Rel | None, book: Book) -> TypeGuard[Rel]:
    return rel is not None and not rel.external and book.exists(rel.part)


def unreadable_sheets(book: Book) -> set[str]:
    """Sheets listed in the workbook that are not worksheets with a part behind them:
    macro and dialog sheets, sheets whose relationship or part is missing."""
    return {name for name, rel in listed_sheets(book)
            if not _has_part(rel, book) or rel.type != WORKSHEET_TYPE}


def _without_unreadable_sheets(path: Path) -> io.BytesIO | None:
    """The package with only the sheets that are worksheets with a part behind them
    listed in its workbook part, for the cell reader; ``None`` when all are such."""
    try:
        book = Book(path)
    except NotAWorkbook:
        return None
    with book:
        unreadable = unreadable_sheets(book)
        if not unreadable:
            return None
        listed = WorkbookXml(book.read(book.workbook_part)).without_sheets(unreadable)
        copy = io.BytesIO()
        with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
            for part in book.archive.entries:
                out.writestr(part.name, listed if part.name == book.workbook_part
                             else book.archive.read(part.name))
    copy.seek(0)
    return copy


def check_extents(book: Book) -> None:
    """Refuse, before any sheet is read, a sheet whose cells reach far past any table."""
    for name, rel in listed_sheets(book):
        if _has_part(rel, book):
            check_extent(name, book.chunks(rel.part), book.path)


def check_extent(sheet: str, chunks: Iterable[bytes], where: Path) -> None:
    rows, columns = sheet_extent(chunks)
    if rows * max(columns, 1) > MAX_CELLS:
        raise NotAWorkbook(
            f"{where}: sheet '{sheet}' reaches cell {column_letter(max(columns, 1))}{rows}, "
            "far beyond any table: delete the rows and columns past your data (Ctrl+End "
            "shows where Excel thinks the sheet ends), save, and run again")


class SheetReader:
    """Cell values of a workbook's sheets, row by row from A1.

    Sheets the cell reader cannot open but Excel can (an Excel 4.0 macro sheet, a
    dialog sheet, a sheet whose relationship or part is missing) are read around: the
    reader gets a copy of the package without them, and they are not among ``names``.
    The workbook itself is never changed for it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._book = CalamineWorkbook.from_path(str(path))
        except Exception as exc:  # calamine raises its own error types for damaged files
            readable = _without_unreadable_sheets(path)
            if readable is None:
                raise NotAWorkbook(*both("error.unreadable", path=path, detail=exc)) from exc
            try:
                self._book = CalamineWorkbook.from_filelike(readable)
            except Exception:
                raise NotAWorkbook(*both("error.unreadable", path=path,
                                         detail=exc)) from exc
        self.names = list(self._book.sheet_names)

    def rows(self, sheet: str) -> Rows:
        try:
            raw = cast(list[list[object]], self._book.get_sheet_by_name(sheet).to_python(
                skip_empty_area=False))
        except Exception as exc:
            with Book(self.path) as book:
                if sheet in unreadable_sheets(book):
                    return []  # no cells to read (its part is missing): kept as it is
            raise NotAWorkbook(f"{self.path}: sheet '{sheet}' cannot be read ({exc})") from exc
        for i, row in enumerate(raw):  # in place: a large sheet is not held twice
            raw[i] = [None if v == "" else int(v) if v.__class__ is float and v.is_integer()
                      and -2**53 < v < 2**53 else v for v in row]
        return raw

    def close(self) -> None:
        self._book.close()
