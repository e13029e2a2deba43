"""Reading cell values out of a workbook file without building an object model.

python-calamine reads the sheet XML natively: a formula cell counts as its cached
value (never as its formula text), date-formatted numbers come back as dates. Values
are then made to look as the rest of xltrade expects: blanks ``None``, whole
numbers ``int``.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from python_calamine import CalamineWorkbook

from xltrade.errors import NotAWorkbook

Rows = list[list[object]]


class SheetReader:
    """Cell values of a workbook's sheets, row by row from A1."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._book = CalamineWorkbook.from_path(str(path))
        except Exception as exc:  # calamine raises its own error types for damaged files
            raise NotAWorkbook(f"{path}: cannot be read ({exc}); open it in Excel and save "
                               "it again") from exc
        self.names = list(self._book.sheet_names)

    def rows(self, sheet: str) -> Rows:
        try:
            raw = cast(list[list[object]], self._book.get_sheet_by_name(sheet).to_python(
                skip_empty_area=False))
        except Exception as exc:
            raise NotAWorkbook(f"{self.path}: sheet '{sheet}' cannot be read ({exc})") from exc
        for i, row in enumerate(raw):  # in place: a large sheet is not held twice
            raw[i] = [None if v == "" else int(v) if v.__class__ is float and v.is_integer()
                      and -2**53 < v < 2**53 else v for v in row]
        return raw

    def close(self) -> None:
        self._book.close()
