"""How far a sheet's cells reach, read from its XML before any cell reader holds it.

The cell reader holds a sheet as a whole rectangle, to its farthest cell: a single
cell at XFD1048576 would ask for 17 billion. :func:`sheet_extent` finds the farthest
row and column of a cell that may hold a value; :func:`extent_bound` finds, faster, a
bound for it in a sheet written the way Excel writes cells, so most sheets never need
the exact reading.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from operator import itemgetter

from xltrade.sheets.refs import column_index

#: The most cells a sheet may span (rows x columns to its farthest cell).
MAX_CELLS = 20_000_000
#: A cell that may hold something (its tag not closed at once): where it is. An empty
#: formatted cell (``<c r="AMJ1048576" s="1"/>``) and a formatted empty row, which
#: LibreOffice and gnumeric write to the sheet's last row, hold nothing the reader
#: keeps, so they do not count.
_FILLED_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr\s*=\s*["\']([A-Z]{1,3})(\d{1,7})["\']'
                          rb'[^>]*(?<!/)>')
#: The same, as Excel writes every cell: its reference first, in double quotes.
_PLAIN_FILLED_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"[^>]*(?<!/)>')
#: Bytes kept from one piece to the next, so a cell's tag cut between two is seen whole.
_OVERLAP = 512
_FIRST, _SECOND = itemgetter(0), itemgetter(1)

# Each pattern below starts with a literal, which the regular expression engine looks
# for first: a piece of a megabyte is searched in a few milliseconds.
_UNPLAIN_CELL = re.compile(rb'<c(?:[\t\n\r>/]| (?!r="))')
#: How much of a piece's end may hold a cell's start tag cut short.
_CUT = 8
_PREFIXED_CELL = re.compile(rb':c[\s>/]')
#: A cell past column Z, filled or not: its letters.
_LONG_LETTERS = re.compile(rb'<c r="([A-Z]{2,3})\d')
_FILLED_ANY = re.compile(rb'<c r="[A-Z]{1,3}\d{1,7}"[^>]*(?<!/)>')
_ROW_NUMBER = re.compile(rb'<row r="(\d{1,7})"[^>]*(?<!/)>')


def sheet_extent(chunks: Iterable[bytes]) -> tuple[int, int]:
    """The farthest row and column of a cell that may hold a value, in a sheet's XML."""
    far_row = far_column = 0
    tail = b""
    for chunk in chunks:
        data = tail + chunk
        # Most sheets write every cell as Excel does, which a plainer pattern reads
        # faster; a piece with any other cell is read with the general one.
        pattern = _PLAIN_FILLED_CELL if _cells_plain(data) else _FILLED_CELL
        found = pattern.findall(data)
        if found:
            # Once per piece, not per cell: letters compare by length, then as text.
            # A row's cells share its number: each number is read once.
            far_row = max(far_row, max(map(int, set(map(_SECOND, found)))))
            widest = max(set(map(_FIRST, found)), key=lambda ref: (len(ref), ref))
            far_column = max(far_column, column_index(widest.decode()))
        tail = data[-_OVERLAP:]
    return far_row, far_column


def extent_bound(chunks: Iterable[bytes]) -> tuple[int, int] | None:
    """Rows and columns at least as far as :func:`sheet_extent`'s, found without
    reading every cell's reference: the rows are the highest row number the sheet's
    rows claim, checked by looking for a cell past it; the columns are the widest
    cell's past Z, 26 otherwise. ``None`` where a piece writes a cell otherwise than
    Excel does, or has one past its rows or column ZZ: only the exact reading can say
    (empty formatted cells, for one, do not count there)."""
    far_row = far_column = 0
    tail = b""
    for chunk in chunks:
        data = tail + chunk
        if not _cells_plain(data):
            return None
        numbers = _ROW_NUMBER.findall(data)
        if numbers:
            far_row = max(far_row, max(map(int, numbers)))
        if _cell_past(far_row).search(data):
            return None
        letters = _LONG_LETTERS.findall(data)
        if letters:
            widest = max(letters, key=len)
            if len(widest) > 2:
                return None
            far_column = max(far_column, column_index(max(letters).decode()))
        elif far_column < 26 and _FILLED_ANY.search(data):
            far_column = 26
        tail = data[-_OVERLAP:]
    if _UNPLAIN_CELL.search(tail):
        return None
    return far_row, far_column


def _cells_plain(data: bytes) -> bool:
    """Whether every cell tag in a piece is written as Excel writes one: no prefix,
    its reference first, in double quotes. A tag cut at the piece's end is judged with
    the next piece, which starts with this one's end."""
    unplain = _UNPLAIN_CELL.search(data)
    return not ((unplain and unplain.start() < len(data) - _CUT)
                or _PREFIXED_CELL.search(data))


@functools.lru_cache(maxsize=256)
def _cell_past(row: int) -> re.Pattern[bytes]:
    """A cell, as Excel writes one, whose row number is above ``row``."""
    return re.compile(rb'<c r="[A-Z]{1,3}(?:' + _above(row) + rb')"')


def _above(number: int) -> bytes:
    """A pattern for the numbers of up to seven digits above ``number``. A number with
    leading zeros counts as above when it has more digits: the bound stays safe."""
    digits = str(number).encode() if number > 0 else b""
    width = len(digits)
    ways = [rb"\d{%d,7}" % (width + 1)] if width < 7 else []
    for i in range(width):
        digit = digits[i] - ord("0")
        if digit < 9:
            ways.append(digits[:i] + b"[%d-9]" % (digit + 1) + rb"\d" * (width - i - 1))
    return b"|".join(ways) or rb"(?!)"
