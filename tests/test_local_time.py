"""The buyer's working hours in the salesperson's time (客户当地时间): read from the
tz database on the follow-up day itself, so daylight saving is right on either side
of a change (the US, the EU, Australia), in the suggestion and in the 周报's plan."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import suggestions

HEADERS = ["客户名称", "国家", "城市", "时区", "跟进阶段", "计划跟进日期"]


def xltrade(*args: str, today: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xltrade", *args, "--today", today],
                          capture_output=True, text=True, timeout=120)


#: (company, country, city, time zone cell, follow-up day, the window in Beijing time)
CASES = [
    # New York: summer time ends Sunday 2026-11-01.
    ("NY before", "美国", None, None, dt.date(2026, 10, 30), "北京 21:00–次日 5:00"),
    ("NY after", "美国", None, None, dt.date(2026, 11, 2), "北京 22:00–次日 6:00"),
    # Berlin: summer time ends Sunday 2026-10-25.
    ("Berlin before", "德国", None, None, dt.date(2026, 10, 23), "北京 15:00–23:00"),
    ("Berlin after", "德国", None, None, dt.date(2026, 10, 26), "北京 16:00–次日 0:00"),
    # Sydney: summer time starts Sunday 2026-10-04 (the clocks go the other way).
    ("Sydney before", "澳大利亚", None, None, dt.date(2026, 10, 2), "北京 7:00–15:00"),
    ("Sydney after", "澳大利亚", None, None, dt.date(2026, 10, 5), "北京 6:00–14:00"),
    # Brisbane keeps no summer time: the same window either side.
    ("Brisbane after", "澳大利亚", "Brisbane", None, dt.date(2026, 10, 5), "北京 7:00–15:00"),
    # The time zone column wins; a city names its zone within the country.
    ("Chicago", "美国", None, "America/Chicago", dt.date(2026, 11, 2),
     "北京 23:00–次日 7:00"),
    ("LA", "美国", "洛杉矶", None, dt.date(2026, 10, 30), "北京 次日 0:00–次日 8:00"),
    ("Lagos", "尼日利亚", None, None, dt.date(2026, 11, 2), "北京 16:00–次日 0:00"),
]


@pytest.fixture
def book(make_workbook) -> Path:
    rows = [[name, country, city, zone, "已回复", day]
            for name, country, city, zone, day, _ in CASES]
    rows.append(["Shanghai Local", "中国", None, None, "已回复", dt.date(2026, 11, 2)])
    rows.append(["Bad Zone", "美国", None, "UTC-5", "已回复", dt.date(2026, 11, 2)])
    return make_workbook(HEADERS, rows)


def test_windows_follow_daylight_saving_on_the_follow_up_day(book: Path) -> None:
    done = xltrade("refresh", str(book), today="2026-10-01")
    assert done.returncode == 0, done.stderr
    got = suggestions(book)
    for name, _, _, _, _, window in CASES:
        assert f"对方 9:00–17:00 = {window}" in got[name], (name, got[name])
    # A country of several zones says which one was taken; a named zone or city does not.
    assert "美国多时区，按纽约" in got["NY before"]
    assert "多时区" not in got["Chicago"] and "多时区" not in got["LA"]
    assert "多时区" not in got["Berlin after"]
    # A buyer in our own time gets no window.
    assert "对方 9:00" not in got["Shanghai Local"]


def test_an_unknown_time_zone_is_a_data_issue_and_the_country_is_used(book: Path) -> None:
    done = xltrade("refresh", str(book), today="2026-10-01")
    assert "UTC-5" in done.stderr and "无法识别的时区" in done.stderr
    assert "对方 9:00–17:00 = 北京 22:00–次日 6:00" in suggestions(book)["Bad Zone"]


def test_the_salespeoples_zone_comes_from_settings(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    settings = wb.create_sheet("设置")
    settings.append(["设置"])
    settings.append(["设置项", "值", "说明"])
    settings.append(["我方时区", "Europe/Berlin"])
    wb.save(book)
    done = xltrade("refresh", str(book), today="2026-10-01")
    assert done.returncode == 0, done.stderr
    got = suggestions(book)
    # New York from Berlin, on 2026-10-30: Berlin has left summer time, New York not yet.
    assert "对方 9:00–17:00 = 柏林 14:00–22:00" in got["NY before"]
    assert "= 柏林 15:00–23:00" in got["NY after"]
    assert "对方 9:00" not in got["Berlin after"]


def test_the_plan_lists_next_weeks_customers_with_their_window(make_workbook) -> None:
    book = make_workbook(HEADERS, [
        ["Sydney Co", "Australia", None, None, "已回复", dt.date(2026, 10, 5)],
        ["Berlin Co", "Germany", None, None, "已回复", dt.date(2026, 10, 6)],
    ])
    done = xltrade("report", str(book), today="2026-10-01")
    assert done.returncode == 0, done.stderr
    wb = openpyxl.load_workbook(book)
    report = wb["Weekly Report"] if "Weekly Report" in wb.sheetnames else wb["周报"]
    cells = [str(c.value) for row in report.iter_rows() for c in row if c.value]
    plan = cells.index(next(c for c in cells if c in ("下周计划", "Next week's plan")))
    listed = cells[plan:]
    sydney = next(c for c in listed if "9:00–17:00" in c and "6:00–14:00" in c)
    berlin = next(c for c in listed if "9:00–17:00" in c and "15:00–23:00" in c)
    assert sydney and berlin
