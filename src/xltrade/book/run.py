"""Running xltrade on a workbook file: read values, compute, patch the package, save.

This is the headless path used by the command line. Values are read without an
object model (:mod:`xltrade.book.read`); the patches are the same the ribbon buttons
write, applied to the package by :mod:`xltrade.book.writer`, so every part xltrade
does not own stays byte for byte.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path

from xltrade.book.guard import (
    check_not_locked,
    file_state,
    real_path,
    save_atomic,
    workbook_lock,
)
from xltrade.book.package import Book
from xltrade.book.read import SheetReader, check_extents
from xltrade.book.workbook_xml import WorkbookXml
from xltrade.book.writer import BookWriter
from xltrade.errors import NoCustomerSheet, XltradeError
from xltrade.rules.layout import TOP_ROWS
from xltrade.rules.texts import both
from xltrade.sheets.marks import read_marks
from xltrade.sheets.patch import SheetPatch, merged
from xltrade.sheets.planning import NOT_CUSTOMER_SHEETS, OWN_SHEETS, Outcome
from xltrade.sheets.values import SheetLike, run_values

__all__ = ["NOT_CUSTOMER_SHEETS", "OWN_SHEETS", "Outcome", "run"]

MACRO_SUFFIXES = (".xlsm", ".xltm")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")

Progress = Callable[[str], None]
#: Values in, values out and patches to write besides the rules' own.
Edit = Callable[[list[SheetLike]], tuple[list[SheetLike], list[SheetPatch]]]


def _quiet(_: str) -> None:
    return None


class FileSheet:
    """A sheet of a workbook file whose values are read when first needed: most sheets
    are only looked at for a header row."""

    def __init__(self, reader: SheetReader, name: str,
                 marks: dict[str, int] | None = None) -> None:
        self.name = name
        self.marks = marks
        self._reader = reader
        self._rows: list[list[object]] | None = None

    @property
    def rows(self) -> list[list[object]]:
        if self._rows is None:
            self._rows = self._reader.rows(self.name)
        return self._rows

    def top(self) -> list[list[object]]:
        # The reader parses a whole sheet whatever it is asked for: keep what it read.
        return self.rows[:TOP_ROWS]

    def forget(self) -> None:
        """Let go of the values read; asked again, they are read again."""
        self._rows = None


def file_sheets(book: Book, reader: SheetReader) -> list[SheetLike]:
    """The workbook's sheets, read when needed, with xltrade's marks on them."""
    marks = read_marks(WorkbookXml(book.read_plain(book.workbook_part)).global_names())
    return [FileSheet(reader, name, marks.get(name) if marks else None)
            for name in reader.names]


def run(path: Path, *, out: Path | None = None, today: dt.date | None = None,
        report: bool = False, week: dt.date | None = None,
        progress: Progress = _quiet, edit: Edit | None = None,
        column_map: Mapping[str, str] | None = None) -> Outcome:
    """Refresh the computed columns and highlighting (and, with ``report``, the weekly
    report and history) of the workbook at ``path``, saving to ``out`` or in place.
    ``edit`` changes the values read before the rules run, and adds patches of its own
    (how a follow-up is recorded); ``column_map`` adds column mappings to Settings'."""
    path = Path(path)
    today = today or dt.date.today()
    target = Path(out) if out else path
    check_not_locked(target)
    # In place, one run at a time: a second run waits, then reads the first's result.
    in_place = out is None and path.is_file()
    with workbook_lock(real_path(path)) if in_place else contextlib.nullcontext():
        outcome = _run(path, target, today, report, week, progress, edit, column_map)
    outcome.path = target
    return outcome


def _run(path: Path, target: Path, today: dt.date, report: bool, week: dt.date | None,
         progress: Progress, edit: Edit | None,
         column_map: Mapping[str, str] | None = None) -> Outcome:
    progress("load")
    with Book(path) as book:
        _check_target(path, target)
        state = file_state(path)
        check_extents(book)
        reader = SheetReader(path, book)
        try:
            progress("compute")
            sheets: list[SheetLike] = file_sheets(book, reader)
            extra: list[SheetPatch] = []
            if edit is not None:
                sheets, extra = edit(sheets)
            try:
                outcome, patches = run_values(sheets, today=today, report=report, week=week,
                                              workbook_name=path.name, column_map=column_map)
            except NoCustomerSheet as exc:
                raise NoCustomerSheet(f"{path}: {exc}") from None
        finally:
            reader.close()
        progress("write")
        writer = BookWriter(book)
        for patch in merged([*extra, *patches]):
            writer.apply(patch)
        writer.finish()
        progress("save")
        save_atomic(book.save, target, unchanged=lambda: file_state(path) == state)
    return outcome


def _check_target(source: Path, target: Path) -> None:
    src_macro = source.suffix.lower() in MACRO_SUFFIXES
    dst_macro = target.suffix.lower() in MACRO_SUFFIXES
    if source.suffix.lower() in WORKBOOK_SUFFIXES and src_macro != dst_macro:
        raise XltradeError(*both("error.same_kind", path=target, suffix=source.suffix))
    if target.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise XltradeError(*both("error.out_suffix", path=target))
