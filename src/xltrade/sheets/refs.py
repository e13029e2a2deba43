"""A1 references: column letters and numbers, as Excel writes them."""

from __future__ import annotations

import re
from functools import cache

MAX_COLUMN = 16_384  # XFD
MAX_ROW = 1_048_576


@cache
def column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@cache
def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def split_ref(ref: str) -> tuple[int, int]:
    """(row, column) of an A1 reference."""
    m = re.match(r"\$?([A-Z]{1,3})\$?(\d+)$", ref.upper())
    if m is None:
        raise ValueError(ref)
    return int(m.group(2)), column_index(m.group(1))


def ref(row: int, column: int) -> str:
    return f"{column_letter(column)}{row}"
