"""Reading single cell values: dates, counts and grades (spec §2.4); stages and buyer
types are read by meaning in :mod:`xltrade.rules.stages`.

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

_TIME = (r"(?:[ T]+\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?"
         r"|\s*(?:上午|下午|晚上|早上|中午)?\s*\d{1,2}\s*[点时](?:\s*\d{1,2}\s*分?)?)?")
_YMD = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})" + _TIME + r"$", re.I)
_YMD_CN = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?" + _TIME + r"$", re.I)
_YMD_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})" + _TIME + r"$", re.I)
_YEAR_LAST = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})" + _TIME + r"$", re.I)
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
#: Month and day without a year: 11月3日, 10月28号, 11.12, 11/3.
_MD_CN = re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?" + _TIME + r"$", re.I)
_MD = re.compile(r"^(\d{1,2})\s*[./-]\s*(\d{1,2})" + _TIME + r"$", re.I)
#: Two-digit years: 26年11月3日, 26-11-3 (the year first when the last part is one digit).
_YMD_CN_SHORT = re.compile(r"^(\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?" + _TIME + r"$")
_YMD_SHORT = re.compile(r"^(\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d)" + _TIME + r"$")
_YEAR_LAST_SHORT = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{2})" + _TIME + r"$")
#: A weekday beside the date (周二 11/3, 2026.11.3 周二, （星期二）): a check on the date.
_CN_WEEKDAY = re.compile(r"[（(]?\s*(?:周|星期|礼拜)([一二三四五六日天])\s*[）)]?")
_CN_DAYS = "一二三四五六日"
_CN_NUMBER = re.compile(r"^([一二三四五六七八九十]+)月([一二三四五六七八九十]+)[日号]$")
_MONTHS = {name: i for i, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for name in names}
_MONTH = r"([a-z]{3,9})\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(\d{4}|\d{2})"
_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
#: English month names: Nov 3, 2026 · 3-Nov-2026 · November 3rd 2026 · 2026-Nov-03, and
#: the same without a year (Nov 3, 3 Nov).
_ENGLISH = (
    ("mdy", re.compile(rf"^{_MONTH}[\s-]*{_DAY}(?:\s*,\s*|[\s-]+){_YEAR}" + _TIME + "$", re.I)),
    ("dmy", re.compile(rf"^{_DAY}(?:\s+|\s*-\s*|\s*/\s*){_MONTH}(?:\s*,\s*|[\s/-]+){_YEAR}"
                       + _TIME + "$", re.I)),
    ("ymd", re.compile(rf"^(\d{{4}})[\s/-]+{_MONTH}[\s/-]+{_DAY}" + _TIME + "$", re.I)),
    ("md", re.compile(rf"^{_MONTH}[\s-]*{_DAY}" + _TIME + "$", re.I)),
    ("dm", re.compile(rf"^{_DAY}(?:\s+|\s*-\s*){_MONTH}" + _TIME + "$", re.I)),
)
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


def _year_less(month: int, day: int, today: dt.date | None, planned: bool) -> Parsed:
    """A month and day in the year that makes sense: in a column of the past the latest
    such date not after ``today``, in the planned column the first not before it."""
    if today is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None, "issue.bad_date"
    step = 1 if planned else -1
    for offset in range(9):  # 29 February comes back within eight years
        got = _make_date(today.year + step * offset, month, day)
        if got is not None and (got >= today if planned else got <= today):
            return got, None
    return None, "issue.bad_date"


def _cn_number(text: str) -> int:
    """一 .. 三十一 as a number."""
    digits = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
    if "十" not in text:
        return digits.get(text, 0)
    tens, _, ones = text.partition("十")
    return digits.get(tens, 1) * 10 + digits.get(ones, 0)


def _full_year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _english(text: str, today: dt.date | None, planned: bool) -> Parsed | None:
    """Dates with an English month name, or ``None`` when the text has none."""
    text = _WEEKDAY.sub("", text)
    for order, pattern in _ENGLISH:
        match = pattern.match(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups()[:len(order)], strict=True))
        month = _MONTHS.get(parts["m"].lower())
        if month is None:
            continue
        day = int(parts["d"])
        if "y" not in parts:
            return _year_less(month, day, today, planned)
        got = _make_date(_full_year(parts["y"]), month, day)
        return (got, None) if got else (None, "issue.bad_date")
    return None


def parse_date(value: object, today: dt.date | None = None, planned: bool = False) -> Parsed:
    """Read a date cell: real dates, Excel serial numbers and the text forms of §2.4.
    Month and day without a year need ``today``: the latest such date not after it, or
    with ``planned`` the first not before it.

    >>> parse_date("2026年11月3日")
    (datetime.date(2026, 11, 3), None)
    >>> parse_date("3/4/2026")
    (None, 'issue.ambiguous_date')
    >>> parse_date("11月3日", today=dt.date(2026, 1, 10))
    (datetime.date(2025, 11, 3), None)
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
    weekday = _CN_WEEKDAY.search(text)
    if weekday and (text.startswith(weekday.group(0)) or text.endswith(weekday.group(0))):
        text = (text[:weekday.start()] + text[weekday.end():]).strip()
        day, problem = parse_date(text, today, planned)
        if isinstance(day, dt.date) and day.weekday() != _CN_DAYS.index(
                weekday.group(1).replace("天", "日")):
            return None, "issue.ambiguous_date"  # the weekday says another day
        return day, problem
    chinese = _CN_NUMBER.match(text)
    if chinese:
        return _year_less(_cn_number(chinese.group(1)), _cn_number(chinese.group(2)), today,
                          planned)
    for pattern in (_YMD_CN_SHORT, _YMD_SHORT):
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            got = _make_date(2000 + year, month, day)
            return (got, None) if got else (None, "issue.bad_date")
    for pattern in (_YMD, _YMD_CN, _YMD_COMPACT):
        match = pattern.match(text)
        if match:
            got = _make_date(*(int(g) for g in match.groups()))
            return (got, None) if got else (None, "issue.bad_date")
    match = _YEAR_LAST.match(text) or _YEAR_LAST_SHORT.match(text)
    if match:
        first, second, year = (int(g) for g in match.groups())
        year += 2000 if year < 100 else 0
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
    for pattern in (_MD_CN, _MD):
        match = pattern.match(text)
        if match:
            first, second = (int(g) for g in match.groups())
            if pattern is _MD and first > 12 >= second:  # 28/10: the day comes first
                first, second = second, first
            return _year_less(first, second, today, planned)
    english = _english(text, today, planned)
    if english is not None:
        return english
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


def parse_text(value: object) -> str | None:
    """Cell text for free-text fields; numbers keep their written form (``123`` not ``123.0``)."""
    if value.__class__ is str:  # most cells, and the quickest answer
        return value.strip() or None
    if _is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value).strip()
