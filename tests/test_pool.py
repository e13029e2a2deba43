"""公海 (spec §9): B, C and D customers nobody followed up for their grade's pool days,
those a week short of it, and the 公海天数 setting read from a real 设置 sheet."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from conftest import TODAY, days, evaluate_records, raw_rows
from xltrade.book.read import SheetReader
from xltrade.book.run import run
from xltrade.rules.engine import evaluate
from xltrade.rules.log import read_log
from xltrade.rules.pool import days_without_followup, pool_list, pool_soon
from xltrade.rules.settings import Settings
from xltrade.rules.table import build_table

#: A stage that gives each grade (§3.4).
STAGE = {"A": "ordered", "B": "quoted", "C": "replied", "D": "contacted"}


def customer(name: str, grade: str = "C", last: int | None = None,
             first: int | None = None, **more: object) -> dict[str, object]:
    """A customer of ``grade`` last followed up ``last`` days ago, first met ``first``
    days ago (None: blank)."""
    return {"company": name, "owner": "Ann", "stage": STAGE[grade],
            "last_contact": None if last is None else days(-last),
            "first_contact": None if first is None else days(-first), **more}


def listed(records: list[dict[str, object]], settings: Settings | None = None
           ) -> tuple[dict[object, int], dict[object, int]]:
    """(company -> days without follow-up) in the pool, (company -> days left) soon."""
    settings = settings or Settings()
    table, result, _ = evaluate_records(records, settings)
    pooled = pool_list(table, result, settings, TODAY)
    soon = pool_soon(table, result, settings, TODAY)
    return ({p["company"]: p["days_without_followup"] for p in pooled},  # type: ignore[misc]
            {p["company"]: p["days_left"] for p in soon})  # type: ignore[misc]


def test_the_edges_of_the_pool_and_of_the_week_before_it() -> None:
    pooled, soon = listed([customer(f"C{n}", last=n) for n in (0, 22, 23, 29, 30, 31, 400)])
    assert pooled == {"C30": 30, "C31": 31, "C400": 400}
    assert soon == {"C23": 7, "C29": 1}


def test_pool_days_are_per_grade() -> None:
    settings = Settings(pool_days={"B": 10, "C": 30, "D": 60})
    records = [customer(f"{g}{n}", g, last=n) for g in "BCD" for n in (3, 9, 10, 29, 30, 59, 60)]
    pooled, soon = listed(records, settings)
    assert sorted(pooled) == ["B10", "B29", "B30", "B59", "B60", "C30", "C59", "C60", "D60"]
    assert soon == {"B3": 7, "B9": 1, "C29": 1, "D59": 1}


def test_a_customers_and_excluded_rows_are_never_listed() -> None:
    pooled, soon = listed([
        customer("Buyer", "A", last=400), customer("Buyer soon", "A", last=27),
        customer("Spam", "D", last=400, stage="无效"),
        customer("Spy", "D", last=27, inquiry_type="同行"),
        customer("Kept", "D", last=400)])
    assert pooled == {"Kept": 400} and soon == {}


def test_a_grade_set_by_hand_decides() -> None:
    pooled, _ = listed([customer("Made A", "D", last=90, grade_override="A"),
                        customer("Made B", "A", last=90, grade_override="B")])
    assert pooled == {"Made B": 90}


def test_never_followed_up_counts_from_the_inquiry_and_no_date_is_never_listed() -> None:
    pooled, soon = listed([customer("Inquired long ago", first=45),
                           customer("Inquired lately", first=25),
                           customer("Followed up since", last=2, first=45),
                           customer("No dates"),
                           customer("Unreadable", last=None, first=None,
                                    last_contact="3/4/2026")])
    assert pooled == {"Inquired long ago": 45} and soon == {"Inquired lately": 5}


def test_records_name_row_owner_and_grade_most_neglected_first() -> None:
    settings = Settings()
    table, result, _ = evaluate_records([
        customer("Quiet", "C", last=35), customer("Quieter", "D", last=90, owner=None),
        customer("Also quiet", "B", last=35, owner="Bob"), customer("Soon D", "D", last=25),
        customer("Soon B", "B", last=25), customer("Sooner", "C", last=28)], settings)
    assert pool_list(table, result, settings, TODAY) == [
        {"row": 3, "company": "Quieter", "owner": None, "grade": "D",
         "days_without_followup": 90},
        {"row": 2, "company": "Quiet", "owner": "Ann", "grade": "C",
         "days_without_followup": 35},
        {"row": 4, "company": "Also quiet", "owner": "Bob", "grade": "B",
         "days_without_followup": 35}]
    # Fewest days left first; on a tie the customer in negotiation (B) first.
    assert [(p["company"], p["days_left"]) for p in pool_soon(table, result, settings, TODAY)
            ] == [("Sooner", 2), ("Soon B", 5), ("Soon D", 5)]


def test_a_follow_up_in_the_log_takes_a_customer_out_of_the_pool() -> None:
    records = [customer("Acme Ltd", last=40), customer("Berlin Haus", last=40)]
    table, _ = build_table(raw_rows(records), Settings(), TODAY)
    log = read_log("跟进记录", [["日期", "客户名称", "跟进方式"], [days(-5), "Acme Ltd", "邮件"]],
                   set(table["company_key"]), TODAY)
    result = evaluate(table, Settings(), TODAY, "en", log)
    assert [p["company"] for p in pool_list(table, result, Settings(), TODAY)] == [
        "Berlin Haus"]


def test_a_hundred_thousand_customers_at_once() -> None:
    grades = list("ABCD") * 25_000
    n = len(grades)
    table = pd.DataFrame({
        "company": [f"Co {i}" for i in range(n)], "owner": "Ann",
        "last_contact": pd.to_datetime([TODAY - dt.timedelta(days=i % 60) for i in range(n)]),
        "first_contact": pd.NaT,
    }, index=pd.Index(range(2, n + 2), name="row"))
    result = pd.DataFrame({"grade": grades, "excluded": False}, index=table.index)
    start = time.perf_counter()
    pooled = pool_list(table, result, Settings(), TODAY)
    soon = pool_soon(table, result, Settings(), TODAY)
    assert time.perf_counter() - start < 2
    # Days run 0..59 over and over: 30..59 are in the pool, 23..29 soon; A never.
    assert len(pooled) == sum(1 for i, g in enumerate(grades) if g != "A" and i % 60 >= 30)
    assert len(soon) == sum(1 for i, g in enumerate(grades) if g != "A" and 23 <= i % 60 < 30)
    assert pooled[0]["days_without_followup"] == 59 and soon[0]["days_left"] == 1
    assert days_without_followup(table, TODAY)[:3].tolist() == [0, 1, 2]


# --- The setting, on a real 设置 sheet ----------------------------------------------

def settings_rows(path: Path) -> dict[object, object]:
    reader = SheetReader(path)
    try:
        return {r[0]: r[1] for r in reader.rows("设置") if r}
    finally:
        reader.close()


CUSTOMERS = (["客户名称", "业务员", "跟进阶段", "最近跟进"],
             [["Acme Ltd", "张伟", "已报价", days(-12)],
              ["Berlin Haus", "张伟", "已回复", days(-28)],
              ["Cairo Co", "李娜", "已联系", days(-50)]])


def test_a_new_settings_sheet_lists_the_pool_days(make_workbook) -> None:
    path = make_workbook(*CUSTOMERS)
    outcome = run(path, today=TODAY)
    assert outcome.settings.pool_days == {"B": 30, "C": 30, "D": 30}
    written = settings_rows(path)
    assert [written[f"{g}级公海天数"] for g in "BCD"] == [30, 30, 30]
    assert "A级公海天数" not in written


def test_the_pool_days_are_read_from_the_settings_sheet(make_workbook) -> None:
    path = make_workbook(*CUSTOMERS)
    wb = openpyxl.load_workbook(path)
    sheet = wb.create_sheet("设置")
    sheet.append(["设置项", "值"])
    sheet.append(["xltrade 设置"])
    for row in (["B级公海天数", 10], ["Pool days D", "45 天"], ["C级公海天数", "一个月"],
                ["语言", "zh"]):
        sheet.append(row)
    wb.save(path)
    outcome = run(path, today=TODAY, report=True)
    assert outcome.settings.pool_days == {"B": 10, "C": 30, "D": 45}
    (bad,) = [i for i in outcome.issues if i.sheet == "设置"]
    assert (bad.column, bad.value, bad.problem) == ("C级公海天数", "一个月",
                                                   "issue.setting_range")
    assert outcome.summary is not None
    assert [(r["customer"], r["days_left"]) for r in outcome.summary.pool_soon] == [
        ("Berlin Haus", 2)]


def test_a_settings_sheet_from_before_the_pool_days_reads_the_defaults(make_workbook) -> None:
    path = make_workbook(*CUSTOMERS)
    wb = openpyxl.load_workbook(path)
    sheet = wb.create_sheet("设置")
    sheet.append(["设置项", "值"])
    sheet.append(["xltrade 设置"])
    sheet.append(["A级跟进间隔（天）", 10])
    wb.save(path)
    outcome = run(path, today=TODAY)
    assert outcome.settings.pool_days == Settings().pool_days
    assert outcome.settings.cadence["A"] == 10
    assert not [i for i in outcome.issues if i.sheet == "设置"]
    assert "B级公海天数" not in settings_rows(path)  # the team's sheet is left as it is


@pytest.mark.parametrize("value", [0, -3, 3651, "abc", 2.5])
def test_a_bad_pool_days_value_is_reported_and_the_default_used(value: object) -> None:
    from xltrade.rules.settings import read_settings

    settings, issues = read_settings([(5, "D级公海天数", value)], "设置")
    assert settings.pool_days == {"B": 30, "C": 30, "D": 30}
    (issue,) = issues
    assert (issue.row, issue.problem, issue.params["default"]) == (5, "issue.setting_range", 30)
