"""The size guard's quick bound never says less than the exact extent, and the guard
still refuses a far cell however the sheet is written."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from xltrade.book.extent import _above, extent_bound, sheet_extent
from xltrade.sheets.refs import column_letter

SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns='
              b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = b"</sheetData></worksheet>"


def _cell(row: int, column: int, filled: bool) -> bytes:
    ref = f"{column_letter(column)}{row}".encode()
    return b'<c r="%s" s="1"><v>1</v></c>' % ref if filled else b'<c r="%s" s="1"/>' % ref


def _pieces(data: bytes, size: int) -> list[bytes]:
    return [data[i:i + size] for i in range(0, len(data), size)] or [b""]


@given(st.lists(st.tuples(st.integers(1, 1_048_576), st.integers(1, 16_384), st.booleans(),
                          st.integers(1, 1_048_576)), max_size=40),
       st.integers(64, 4096))
@settings(max_examples=300, deadline=None)
def test_the_bound_is_never_below_the_exact_extent(cells: list[tuple[int, int, bool, int]],
                                                   size: int) -> None:
    # Cells in any order, each in a row element whose number may not be its own.
    body = b"".join(b'<row r="%d">' % claimed + _cell(row, column, filled) + b"</row>"
                    for row, column, filled, claimed in cells)
    data = SHEET_HEAD + body + SHEET_TAIL
    exact = sheet_extent(_pieces(data, size))
    bound = extent_bound(_pieces(data, size))
    assert bound is None or (bound[0] >= exact[0] and bound[1] >= exact[1])


def test_excel_written_rows_give_a_close_bound() -> None:
    rows = b"".join(b'<row r="%d" spans="1:28">' % r
                    + b"".join(_cell(r, c, True) for c in range(1, 29)) + b"</row>"
                    for r in range(1, 3001))
    data = SHEET_HEAD + rows + SHEET_TAIL
    assert sheet_extent(_pieces(data, 1 << 16)) == (3000, 28)
    assert extent_bound(_pieces(data, 1 << 16)) == (3000, 28)
    narrow = re.sub(rb'<c r="A[A-Z]\d+" s="1"><v>1</v></c>', b"", data)
    assert extent_bound([narrow]) == (3000, 26)


def test_a_far_cell_in_a_near_row_is_not_missed() -> None:
    data = SHEET_HEAD + b'<row r="1"><c r="B1048576"><v>1</v></c></row>' + SHEET_TAIL
    assert sheet_extent([data]) == (1_048_576, 2)
    bound = extent_bound([data])
    assert bound is None or bound[0] >= 1_048_576


def test_cells_written_otherwise_leave_it_to_the_exact_reading() -> None:
    for cell in (b"<c r='A1'><v>1</v></c>", b'<x:c r="A1"><v>1</v></x:c>',
                 b'<c s="1" r="A1"><v>1</v></c>', b'<c  r="A1"><v>1</v></c>',
                 b'<c r="AAA1"><v>1</v></c>'):
        assert extent_bound([SHEET_HEAD + b'<row r="1">' + cell + b"</row>" + SHEET_TAIL]) \
            is None, cell


@given(st.integers(0, 9_999_999), st.integers(1, 9_999_999))
@settings(max_examples=2000, deadline=None)
def test_above_matches_exactly_the_larger_numbers(number: int, other: int) -> None:
    pattern = re.compile(b"(?:" + _above(number) + b")")
    assert (pattern.fullmatch(str(other).encode()) is not None) == (other > number)
