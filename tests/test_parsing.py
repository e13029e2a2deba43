"""Reading cell values: the date, count and grade forms of spec §2.4."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xltrade.rules.normalize import normalize_label
from xltrade.rules.parsing import parse_count, parse_date, parse_grade

NOV3 = dt.date(2026, 11, 3)


@pytest.mark.parametrize("value", [
    dt.datetime(2026, 11, 3, 9, 30), NOV3, 46329, 46329.75, "46329",
    "2026-11-03", "2026/11/3", "2026.11.3", "2026年11月3日", "20261103", 20261103,
    "2026-11-03 14:05", "2026/11/3 14:05:09", "2026年11月3日 9:00", "20261103 08:00",
    "2026-11-03T14:05:00", " 2026-11-3 ", "２０２６－１１－０３",
])
def test_date_forms(value: object) -> None:
    assert parse_date(value) == (NOV3, None)


@pytest.mark.parametrize(("text", "expected"), [
    ("13/11/2026", dt.date(2026, 11, 13)),    # day first: 13 cannot be a month
    ("11/13/2026", dt.date(2026, 11, 13)),    # month first: 13 cannot be a month
    ("25.12.2026", dt.date(2026, 12, 25)),
    ("5/5/2026", dt.date(2026, 5, 5)),        # same either way: not a guess
    ("13/11/2026 10:30", dt.date(2026, 11, 13)),
])
def test_year_last_dates(text: str, expected: dt.date) -> None:
    assert parse_date(text) == (expected, None)


@pytest.mark.parametrize("text", ["3/11/2026", "11/3/2026", "1.2.2026", "12/1/2026 08:00"])
def test_year_last_with_both_parts_twelve_or_less_is_ambiguous(text: str) -> None:
    assert parse_date(text) == (None, "issue.ambiguous_date")


@pytest.mark.parametrize("value", ["tomorrow", "2026-13-01", "2026-02-30", "32/13/2026",
                                   19999, 80001, True, "下周", "2026-11", dt.time(9, 0)])
def test_unreadable_dates(value: object) -> None:
    assert parse_date(value) == (None, "issue.bad_date")


@pytest.mark.parametrize("value", [None, "", "   "])
def test_blank_dates_are_not_issues(value: object) -> None:
    assert parse_date(value) == (None, None)


@pytest.mark.parametrize(("value", "expected"), [
    (3, 3), (3.0, 3), ("3", 3), ("3次", 3), ("3 times", 3), (" 12 ", 12), (0, 0), ("０", 0)])
def test_counts(value: object, expected: int) -> None:
    assert parse_count(value) == (expected, None)


@pytest.mark.parametrize(("value", "problem"), [
    (-1, "issue.negative_count"), ("-2", "issue.negative_count"), ("abc", "issue.bad_count"),
    (2.5, "issue.bad_count"), ("2.5次", "issue.bad_count"), ("三次", "issue.bad_count"),
    (True, "issue.bad_count")])
def test_bad_counts(value: object, problem: str) -> None:
    assert parse_count(value) == (None, problem)


@pytest.mark.parametrize(("value", "expected"), [
    ("A", "A"), ("b", "B"), ("C类", "C"), ("d级", "D"), ("A级客户", "A"), ("B-class", "B"),
    ("c class", "C"), ("Ａ", "A")])
def test_grades(value: str, expected: str) -> None:
    assert parse_grade(value) == (expected, None)


@pytest.mark.parametrize("value", ["E", "AB", "优", "A+", 1])
def test_bad_grades(value: object) -> None:
    assert parse_grade(value) == (None, "issue.bad_grade")


@given(st.text())
def test_normalizing_twice_equals_once(text: str) -> None:
    once = normalize_label(text)
    assert normalize_label(once) == once


@given(st.dates(min_value=dt.date(1955, 1, 1), max_value=dt.date(2118, 12, 31)))
def test_iso_and_chinese_text_dates_round_trip(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == (day, None)
    assert parse_date(f"{day.year}年{day.month}月{day.day}日") == (day, None)
    assert parse_date(f"{day.year}/{day.month}/{day.day}") == (day, None)
