"""Turning raw customer rows into a typed table, with a data issue for every cell
that could not be read (spec §2.1, §2.4).

Pure: it takes the cell values column by column and returns a pandas DataFrame
indexed by sheet row number, plus the issues.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from operator import itemgetter

import numpy as np
import pandas as pd

from xltrade.rules.buyer_style import read_buyer_style, says_complaint, without_complaint
from xltrade.rules.countries import country_code
from xltrade.rules.data_issues import DataIssue
from xltrade.rules.layout import Layout
from xltrade.rules.local_time import zone_named
from xltrade.rules.normalize import normalize_label
from xltrade.rules.parsing import (
    Parsed,
    parse_count,
    parse_date,
    parse_grade,
    parse_text,
)
from xltrade.rules.settings import Settings
from xltrade.rules.stages import read_buyer_type, stage_of
from xltrade.rules.vocabulary import (
    COUNT_FIELDS,
    DATE_FIELDS,
    INPUT_FIELDS,
    PAST_DATE_FIELDS,
    TOTAL_MARKERS,
)

Rows = Sequence[Sequence[object]]

#: Free-text fields the rules read (email and phone to find one buyer held twice, §9);
#: the others (contact, notes, ...) stay in the sheet.
USED_TEXT_FIELDS: tuple[str, ...] = ("company", "owner", "country", "medium", "email", "phone",
                                     "city")


@dataclass
class RawRows:
    """Cell values as read, one list per recognised field, aligned with ``rows``."""

    layout: Layout
    rows: list[int]
    values: dict[str, list[object]]


def texts(values: Sequence[object], index: pd.Index | None = None) -> pd.Series:
    """A column of text with blanks as ``None``. pandas 3 would store a list of strings
    as its string type, where a blank becomes NaN and prints as ``nan``."""
    return pd.Series(list(values), index=index, dtype=object)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def raw_rows(rows: Rows, layout: Layout) -> RawRows:
    """The recognised columns below the header, down to the last row with a value in
    one of them (as the file reader does)."""
    body = rows[layout.header_row:]
    values: dict[str, list[object]] = {}
    for f, c in layout.columns.items():
        if all(len(row) >= c for row in body):
            values[f] = list(map(itemgetter(c - 1), body))
        else:
            values[f] = [row[c - 1] if c - 1 < len(row) else None for row in body]
    last = 0
    for column in values.values():
        for i in range(len(column) - 1, last - 1, -1):
            if not _blank(column[i]):
                last = i + 1
                break
    start = layout.header_row + 1
    return RawRows(layout=layout, rows=list(range(start, start + last)),
                   values={f: [None if isinstance(v, str) and not v.strip() else v
                               for v in column[:last]]
                           for f, column in values.items()})


def select_rows(raw: RawRows) -> tuple[list[int], list[DataIssue], list[str]]:
    """Indexes of the customer rows: blank rows and totals rows are skipped silently,
    rows with values but no company are skipped with a data issue. Also each kept
    row's company as a key (:func:`normalize_label` of its text)."""
    fields = list(raw.values)
    companies = raw.values.get("company", [None] * len(raw.rows))
    keep: list[int] = []
    keys: list[str] = []
    issues: list[DataIssue] = []
    for i, row in enumerate(raw.rows):
        company = companies[i]
        if _blank(company):
            filled = next((f for f in fields if not _blank(raw.values[f][i])), None)
            if filled is not None:
                issues.append(DataIssue(raw.layout.sheet, row, raw.layout.header_of("company"),
                                        None, "issue.no_company"))
            continue
        key = normalize_label(parse_text(company))
        if key in TOTAL_MARKERS:
            continue
        keep.append(i)
        keys.append(key)
    return keep, issues, keys


def _parse_column(name: str, values: Sequence[object], rows: Sequence[int], raw: RawRows,
                  parse: Callable[[object], Parsed], issues: list[DataIssue]) -> list[object]:
    header = raw.layout.header_of(name)
    out: list[object] = []
    # A column repeats its values (stages, dates, counts): each is parsed once.
    seen: dict[tuple[type, object], Parsed] = {}
    for value, row in zip(values, rows, strict=True):
        key = (value.__class__, value)
        try:
            parsed, problem = seen[key]
        except KeyError:
            parsed, problem = seen[key] = parse(value)
        except TypeError:  # an unhashable value, parsed as it comes
            parsed, problem = parse(value)
        if problem:
            issues.append(DataIssue(raw.layout.sheet, row, header, value, problem))
        out.append(parsed)
    return out


_UNIX_DAY = dt.date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min


def _dates(values: list[object]) -> np.ndarray:
    # Day numbers, then a view as dates: numpy converts date objects one by one slowly.
    return np.array([v.toordinal() - _UNIX_DAY if isinstance(v, dt.date) else _NAT
                     for v in values], dtype=np.int64).view("datetime64[D]")


def build_table(raw: RawRows, settings: Settings, today: dt.date
                ) -> tuple[pd.DataFrame, list[DataIssue]]:
    """The typed customer table and the data issues found while reading it.

    Columns: text fields as ``object`` (``None`` when blank), ``stage`` and
    ``inquiry_type`` as codes, dates as ``datetime64``, counts as ``float`` (NaN blank),
    ``grade_override`` as ``A``..``D``, plus ``company_key`` and ``country_code``.
    """
    keep, issues, company_keys = select_rows(raw)
    rows = [raw.rows[i] for i in keep]
    n = len(rows)
    columns: dict[str, object] = {}
    for name in (*INPUT_FIELDS, "team_grade"):
        source = raw.values.get(name)
        values = [source[i] for i in keep] if source is not None else [None] * n
        if name in DATE_FIELDS:
            parsed = _parse_column(name, values, rows, raw,
                                   partial(parse_date, today=today, planned=name == "planned"),
                                   issues)
            if name in PAST_DATE_FIELDS:
                _drop_future(parsed, values, rows, raw, name, today, issues)
            columns[name] = _dates(parsed)
        elif name in COUNT_FIELDS:
            parsed = _parse_column(name, values, rows, raw, parse_count, issues)
            columns[name] = np.array([np.nan if v is None else v for v in parsed], dtype=float)
        elif name == "stage":
            columns[name] = _parse_column(
                name, values, rows, raw, lambda v: _stage(v, settings.stage_aliases), issues)
            columns["stage_complaint"] = [says_complaint(v) for v in values]
        elif name == "buyer_style":
            columns[name] = _parse_column(name, values, rows, raw, _style, issues)
        elif name == "time_zone":
            columns[name] = _parse_column(name, values, rows, raw, _zone, issues)
        elif name == "inquiry_type":
            columns[name] = _parse_column(name, values, rows, raw, _buyer_type, issues)
        elif name in ("grade_override", "team_grade"):
            grades = _parse_column(name, values, rows, raw, parse_grade, issues)
            if name == "team_grade" and settings.team_grade_wins:
                # The team's own grade, where it has one, is the grade set by hand.
                manual = columns["grade_override"]
                assert isinstance(manual, list)
                columns["grade_override"] = [t if t is not None else o
                                             for t, o in zip(grades, manual, strict=True)]
            columns[name] = grades
        elif name in USED_TEXT_FIELDS:
            columns[name] = [parse_text(v) for v in values]
        elif name == "notes":  # read only for a complaint: the notes stay the team's
            columns["notes_complaint"] = [says_complaint(v) for v in values]
    index = pd.Index(rows, name="row")
    frame = pd.DataFrame({name: texts(values, index) if isinstance(values, list) else values
                          for name, values in columns.items()}, index=index)
    frame["complaint"] = [bool(s) or bool(n) for s, n in zip(
        frame["stage_complaint"], frame["notes_complaint"], strict=True)]
    frame["company_key"] = texts(company_keys, index)
    frame["country_code"] = texts(_countries(frame, raw, issues), index)
    issues.extend(_duplicates(frame, raw))
    issues.sort(key=lambda issue: issue.row)
    return frame, issues


def _stage(value: object, aliases: dict[str, str]) -> Parsed:
    """The stage; a complaint word beside it (成交-投诉) is not a stage of its own, and a
    cell saying only 投诉 names no stage without being wrong."""
    if says_complaint(value):
        rest = without_complaint(value)
        return stage_of(rest, aliases) if rest else (None, None)
    return stage_of(value, aliases)


def _style(value: object) -> Parsed:
    if value is None or not str(value).strip():
        return None, None
    code = read_buyer_style(value)
    return (code, None) if code else (None, "issue.bad_buyer_style")


def _zone(value: object) -> Parsed:
    if value is None or not str(value).strip():
        return None, None
    zone = zone_named(str(value))
    return (zone, None) if zone else (None, "issue.bad_time_zone")


def _buyer_type(value: object) -> Parsed:
    if value is None or not str(value).strip():
        return None, None
    code = read_buyer_type(value)
    return (code, None) if code else (None, "issue.bad_buyer_type")


def _drop_future(parsed: list[object], values: Sequence[object], rows: Sequence[int],
                 raw: RawRows, name: str, today: dt.date, issues: list[DataIssue]) -> None:
    header = raw.layout.header_of(name)
    for i, day in enumerate(parsed):
        if isinstance(day, dt.date) and day > today:
            issues.append(DataIssue(raw.layout.sheet, rows[i], header, values[i],
                                    "issue.future_date"))
            parsed[i] = None


def _countries(frame: pd.DataFrame, raw: RawRows, issues: list[DataIssue]) -> list[str | None]:
    codes: list[str | None] = []
    header = raw.layout.header_of("country")
    for row, name in zip(frame.index, frame["country"], strict=True):
        code = country_code(name) if name else None
        if name and code is None:
            issues.append(DataIssue(raw.layout.sheet, int(row), header, name,
                                    "issue.unknown_country"))
        codes.append(code)
    return codes


def _duplicates(frame: pd.DataFrame, raw: RawRows) -> list[DataIssue]:
    by_key: dict[str, list[int]] = defaultdict(list)
    for row, key in zip(frame.index, frame["company_key"], strict=True):
        by_key[key].append(int(row))
    issues = []
    header = raw.layout.header_of("company")
    for rows in by_key.values():
        if len(rows) < 2:
            continue
        for row in rows:
            others = ", ".join(str(r) for r in rows if r != row)
            issues.append(DataIssue(raw.layout.sheet, row, header, frame.at[row, "company"],
                                    "issue.duplicate", {"rows": others}))
    return issues
