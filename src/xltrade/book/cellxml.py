"""Cells as SpreadsheetML text: references, values and their XML.

Text is always written as an inline string, so it can never be read back as a
formula, whatever it starts with, and the shared-string table stays untouched; a
formula is only ever xltrade's own (:class:`~xltrade.sheets.patch.Formula`).
"""

from __future__ import annotations

import datetime as dt
import math
import re

from xltrade.sheets.patch import Formula
from xltrade.sheets.refs import MAX_COLUMN, MAX_ROW, column_index, column_letter, ref, split_ref

#: Characters XML 1.0 does not allow, which :func:`escape` removes.
_ILLEGAL_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff"
_ILLEGAL = re.compile(f"[{_ILLEGAL_CHARS}]")
#: What :func:`escape` removes or replaces.
_SPECIAL = re.compile(f"[{_ILLEGAL_CHARS}&<>\r]")
_EPOCH = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)

__all__ = ["MAX_COLUMN", "MAX_ROW", "cell", "column_index", "column_letter", "escape",
           "escape_attr", "ref", "serial", "split_ref"]


def escape(text: str) -> str:
    if _SPECIAL.search(text) is None:
        return text  # most text: one scan, no copies
    text = _ILLEGAL.sub("", text)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def escape_attr(text: str) -> str:
    return escape(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def serial(value: dt.date, date1904: bool = False) -> float | int:
    """Excel's number for a date or a date and time."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    delta = moment - (_EPOCH_1904 if date1904 else _EPOCH)
    days = delta.days + delta.seconds / 86400
    return int(days) if days == int(days) else days


def cell(row: int, column: int, value: object, style: int = 0, prefix: str = "",
         date1904: bool = False) -> str:
    """One ``<c>`` element; ``""`` for a blank cell without a style."""
    r = ref(row, column)
    s = f' s="{style}"' if style else ""
    p = prefix
    if value is None or value == "":
        return f'<{p}c r="{r}"{s}/>' if style else ""
    if isinstance(value, Formula):
        return formula_cell(r, s, value, p)
    if isinstance(value, bool):
        return f'<{p}c r="{r}"{s} t="b"><{p}v>{int(value)}</{p}v></{p}c>'
    if isinstance(value, dt.date):
        return f'<{p}c r="{r}"{s}><{p}v>{serial(value, date1904)}</{p}v></{p}c>'
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return f'<{p}c r="{r}"{s}/>' if style else ""
        number = repr(int(value)) if isinstance(value, int) else repr(float(value))
        return f'<{p}c r="{r}"{s}><{p}v>{number}</{p}v></{p}c>'
    text = escape(str(value))
    return (f'<{p}c r="{r}"{s} t="inlineStr"><{p}is><{p}t xml:space="preserve">{text}'
            f"</{p}t></{p}is></{p}c>")


def formula_cell(r: str, s: str, formula: Formula, p: str) -> str:
    """A formula with its cached value: a number, or text (``t="str"``)."""
    f = f"<{p}f>{escape(formula.text)}</{p}f>"
    cached = formula.cached
    if isinstance(cached, int) and not isinstance(cached, bool):
        return f'<{p}c r="{r}"{s}>{f}<{p}v>{cached}</{p}v></{p}c>'
    text = escape("" if cached is None else str(cached))
    return f'<{p}c r="{r}"{s} t="str">{f}<{p}v>{text}</{p}v></{p}c>'
