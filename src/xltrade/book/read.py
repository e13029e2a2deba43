"""Reading cell values out of a workbook file without building an object model.

python-calamine reads the sheet XML natively: a formula cell counts as its cached
value (never as its formula text), date-formatted numbers come back as dates. Values
are then made to look as the rest of xltrade expects: blanks ``None``, whole
numbers ``int``.
"""

from __future__ import annotations

import contextlib
import functools
import io
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeGuard, cast

from python_calamine import CalamineWorkbook

from xltrade.book.extent import MAX_CELLS, extent_bound, sheet_extent
from xltrade.book.package import Book, Rel
from xltrade.book.workbook_xml import WorkbookXml
from xltrade.book.xml_form import is_plain, is_utf8, plain
from xltrade.errors import NotAWorkbook, XltradeError
from xltrade.rules.texts import both
from xltrade.sheets.refs import column_letter

Rows = list[list[object]]


WORKSHEET_TYPE = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                  "worksheet")


def listed_sheets(book: Book) -> list[tuple[str, Rel | None]]:
    """Each sheet the workbook part lists, by name, with the relationship it names
    (``None`` where there is none)."""
    rels = {r.id: r for r in book.rels(book.workbook_part)}
    return [(entry.name, rels.get(entry.rel_id))
            for entry in WorkbookXml(book.read_plain(book.workbook_part)).sheets()]


def _has_part(rel: Rel | None, book: Book) -> TypeGuard[Rel]:
    return rel is not None and not rel.external and book.exists(rel.part)


def unreadable_sheets(book: Book) -> set[str]:
    """Sheets listed in the workbook that are not worksheets with a part behind them:
    macro and dialog sheets, sheets whose relationship or part is missing."""
    return {name for name, rel in listed_sheets(book)
            if not _has_part(rel, book) or rel.type != WORKSHEET_TYPE}


def _plain_copy(path: Path) -> io.BytesIO | None:
    """A copy of the package for the cell reader, made when it cannot read the file as
    it is: every XML part that can be put in plain form is (UTF-16, character
    references, ... become what the reader expects), and only the sheets that are
    worksheets with a part behind them are listed. ``None`` when the file is no
    package. The workbook itself is never changed for it."""
    try:
        book = Book(path)
    except NotAWorkbook:
        return None
    with book:
        unreadable = unreadable_sheets(book)
        copy = io.BytesIO()
        # Stored, not deflated: the copy lives only while it is read.
        with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as out:
            for part in book.archive.entries:
                data = book.archive.read(part.name)
                if part.name.endswith((".xml", ".rels")) or part.name == book.workbook_part:
                    with contextlib.suppress(XltradeError):  # damaged: left for the reader
                        data = plain(data, "")
                if part.name == book.workbook_part and unreadable:
                    data = WorkbookXml(data).without_sheets(unreadable)
                out.writestr(part.name, data)
    copy.seek(0)
    return copy


def _reads_as_it_is(path: Path, book: Book | None = None) -> bool:
    """Whether the parts that say how cells read (the workbook's date system, the
    styles that make a number a date) are plain: the cell reader takes them
    literally, and a character reference there would silently turn dates to numbers."""
    with contextlib.suppress(XltradeError), (
            contextlib.nullcontext(book) if book is not None else Book(path)) as book:
        rels = [r for r in book.rels(book.workbook_part) if book.exists(r.part)]
        parts = [book.workbook_part, *(r.part for r in rels if r.type.endswith("/styles"))]
        if not all(is_plain(book.read(part)) for part in parts):
            return False
        # A sheet in another encoding reads as empty, without an error.
        return all(is_utf8(next(book.chunks(r.part), b"")[:200]) for r in rels
                   if r.type == WORKSHEET_TYPE)
    return True  # a file that cannot be opened: the reader says why


def check_extents(book: Book) -> None:
    """Refuse, before any sheet is read, a sheet whose cells reach far past any table."""
    for name, rel in listed_sheets(book):
        if _has_part(rel, book):
            check_extent(name, functools.partial(book.chunks, rel.part), book.path)


def check_extent(sheet: str, chunks: Callable[[], Iterable[bytes]], where: Path) -> None:
    """``chunks`` gives the sheet's XML, once for a quick bound and, where the bound
    is too far to tell, once more for the exact extent."""
    bound = extent_bound(chunks())
    if bound is not None and bound[0] * max(bound[1], 1) <= MAX_CELLS:
        return
    rows, columns = sheet_extent(chunks())
    if rows * max(columns, 1) > MAX_CELLS:
        raise NotAWorkbook(
            f"{where}: sheet '{sheet}' reaches cell {column_letter(max(columns, 1))}{rows}, "
            "far beyond any table: delete the rows and columns past your data (Ctrl+End "
            "shows where Excel thinks the sheet ends), save, and run again")


class SheetReader:
    """Cell values of a workbook's sheets, row by row from A1.

    A package the cell reader cannot read as it is (a sheet in UTF-16, character
    references where it expects plain text, an Excel 4.0 macro sheet, a dialog sheet,
    a sheet whose relationship or part is missing) is read from :func:`_plain_copy`:
    its XML in plain form, the sheets that are no worksheets left out of ``names``.
    The workbook itself is never changed for it."""

    def __init__(self, path: Path, book: Book | None = None) -> None:
        """``book``: the same file, when the caller has it open already."""
        self.path = path
        self._copied = False
        try:
            if not _reads_as_it_is(path, book):
                raise ValueError("parts not in plain form")
            self._book = CalamineWorkbook.from_path(str(path))
        except Exception as exc:  # calamine raises its own error types for damaged files
            self._read_copy(exc)
        self.names = list(self._book.sheet_names)

    def _read_copy(self, exc: Exception) -> None:
        """Read from :func:`_plain_copy` from now on; refuse when there is none."""
        readable = _plain_copy(self.path)
        if readable is None:
            raise NotAWorkbook(*both("error.unreadable", path=self.path, detail=exc)) from exc
        try:
            self._book = CalamineWorkbook.from_filelike(readable)
        except Exception:
            raise NotAWorkbook(*both("error.unreadable", path=self.path, detail=exc)) from exc
        self._copied = True

    def rows(self, sheet: str) -> Rows:
        try:
            raw = self._raw(sheet)
        except Exception as exc:
            with Book(self.path) as book:
                if sheet in unreadable_sheets(book):
                    return []  # no cells to read (its part is missing): kept as it is
            raise NotAWorkbook(f"{self.path}: sheet '{sheet}' cannot be read ({exc})") from exc
        for i, row in enumerate(raw):  # in place: a large sheet is not held twice
            raw[i] = [None if v == "" else int(v) if v.__class__ is float and v.is_integer()
                      and -2**53 < v < 2**53 else v for v in row]
        return raw

    def _raw(self, sheet: str) -> Rows:
        try:
            return cast(Rows, self._book.get_sheet_by_name(sheet).to_python(
                skip_empty_area=False))
        except Exception as exc:
            if self._copied:
                raise
            self._book.close()
            self._read_copy(exc)  # the sheet may read in plain form
            return cast(Rows, self._book.get_sheet_by_name(sheet).to_python(
                skip_empty_area=False))

    def close(self) -> None:
        self._book.close()
