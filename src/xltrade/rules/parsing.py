"""Reading single cell values: dates, counts, grades, stages and buyer types (spec §2.4).

Each parser returns ``(value, problem)``: ``problem`` is ``None`` when the cell was
read (blank cells read as ``None`` with no problem) and otherwise a key of
:mod:`xltrade.rules.texts` naming what was wrong. Parsers never raise on user input.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from xltrade.rules.normalize import normalize_label

Parsed = tuple[object, str | None]

EXCEL_EPOCH = dt.date(1899, 12, 30)
SERIAL_MIN, SERIAL_MAX = 20000, 80000

_TIME = r"(?:[ T]+\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?)?"
_YMD = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})" + _TIME + r"$", re.I)
_YMD_CN = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?" + _TIME + r"$", re.I)
_YMD_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})" + _TIME + r"$", re.I)
_YEAR_LAST = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})" + _TIME + r"$", re.I)
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_COUNT = re.compile(r"^([+-]?\d+)(?![.,]\d|[eE][+-]?\d)")  # not 1.5, 1,000 or 1e18
_GRADE = re.compile(r"^([a-d])\s*(?:类|级客户|级|-?\s*class)?$")


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _serial_to_date(number: float) -> dt.date | None:
    if SERIAL_MIN <= number <= SERIAL_MAX:
        return EXCEL_EPOCH + dt.timedelta(days=int(number))
    return None


def parse_date(value: object) -> Parsed:
    """Read a date cell: real dates, Excel serial numbers and the text forms of §2.4.

    >>> parse_date("2026年11月3日")
    (datetime.date(2026, 11, 3), None)
    >>> parse_date("3/4/2026")
    (None, 'issue.ambiguous_date')
    """
    if _is_blank(value):
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, bool):
        return None, "issue.bad_date"
    if isinstance(value, int | float):
        if isinstance(value, int) and 19000101 <= value <= 29991231:
            compact = _YMD_COMPACT.match(str(value))
            if compact:
                got = _make_date(*(int(g) for g in compact.groups()))
                return (got, None) if got else (None, "issue.bad_date")
        got = _serial_to_date(float(value))
        return (got, None) if got else (None, "issue.bad_date")
    if isinstance(value, dt.time | dt.timedelta):
        return None, "issue.bad_date"
    text = unicodedata.normalize("NFKC", str(value)).strip()
    for pattern in (_YMD, _YMD_CN, _YMD_COMPACT):
        match = pattern.match(text)
        if match:
            got = _make_date(*(int(g) for g in match.groups()))
            return (got, None) if got else (None, "issue.bad_date")
    match = _YEAR_LAST.match(text)
    if match:
        first, second, year = (int(g) for g in match.groups())
        if first > 12 and second <= 12:
            got = _make_date(year, second, first)
        elif second > 12 and first <= 12:
            got = _make_date(year, first, second)
        elif first == second:
            # 3/3/2026 reads the same either way: nothing is being guessed.
            got = _make_date(year, first, second)
        elif first <= 12 and second <= 12:
            return None, "issue.ambiguous_date"
        else:
            got = None
        return (got, None) if got else (None, "issue.bad_date")
    if _SERIAL.match(text):
        got = _serial_to_date(float(text))
        return (got, None) if got else (None, "issue.bad_date")
    return None, "issue.bad_date"


def parse_count(value: object) -> Parsed:
    """Read a count: an integer, or text that starts with one (``3``, ``3次``, ``3 times``).

    >>> parse_count("3次")
    (3, None)
    """
    if _is_blank(value):
        return None, None
    if isinstance(value, bool):
        return None, "issue.bad_count"
    if isinstance(value, int):
        return (value, None) if value >= 0 else (None, "issue.negative_count")
    if isinstance(value, float):
        if value != value or not value.is_integer():
            return None, "issue.bad_count"
        return (int(value), None) if value >= 0 else (None, "issue.negative_count")
    if not isinstance(value, str):
        return None, "issue.bad_count"
    text = unicodedata.normalize("NFKC", value).strip()
    match = _COUNT.match(text)
    if not match:
        return None, "issue.bad_count"
    number = int(match.group(1))
    return (number, None) if number >= 0 else (None, "issue.negative_count")


def parse_grade(value: object) -> Parsed:
    """Read a hand-set grade: ``A``..``D`` in any case, optionally with 类/级/级客户/-class.

    >>> parse_grade("b级")
    ('B', None)
    """
    if _is_blank(value):
        return None, None
    match = _GRADE.match(normalize_label(value))
    if not match:
        return None, "issue.bad_grade"
    return match.group(1).upper(), None


def parse_choice(value: object, lookup: dict[str, str], problem: str) -> Parsed:
    """Read a vocabulary word (stage, buyer type) by exact match after normalisation."""
    if _is_blank(value):
        return None, None
    code = lookup.get(normalize_label(value))
    return (code, None) if code else (None, problem)


def parse_text(value: object) -> str | None:
    """Cell text for free-text fields; numbers keep their written form (``123`` not ``123.0``)."""
    if _is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value).strip()
