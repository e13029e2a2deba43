"""The weekly report sheet, its charts and history, and the weekly JSON (spec §6)."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import TODAY, days
from xltrade.book.run import run
from xltrade.rules.history import HISTORY_SHEET
from xltrade.sample import write_sample

WEEKLY_KEYS = ["as_of", "week", "customers", "excluded", "by_grade", "new_this_week",
               "followed_up_this_week", "replied_this_week", "overdue", "overdue_by_grade",
               "due_today", "due_rest_of_week", "due_next_week", "owners", "grade_changes",
               "at_risk", "pool_soon", "issues"]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return write_sample(tmp_path / "客户跟进表.xlsx", today=TODAY)


def test_weekly_json_keys_and_figures_agree_with_the_rows(sample: Path) -> None:
    outcome = run(sample, today=TODAY, report=True)
    assert outcome.summary is not None
    data = json.loads(json.dumps(outcome.summary.to_json()))
    assert list(data) == WEEKLY_KEYS
    assert data["week"] == {"start": "2026-11-16", "end": "2026-11-22"}
    assert data["as_of"] == "2026-11-18"
    result, table = outcome.result, outcome.table
    assert data["customers"] == len(table) == 60
    assert data["excluded"] == int(result["excluded"].sum()) == 2
    assert sum(data["by_grade"].values()) == data["customers"] - data["excluded"]
    assert data["overdue"] == int((result["due"] == "overdue").sum())
    assert sum(data["overdue_by_grade"].values()) == data["overdue"]
    assert data["due_today"] == int((result["due"] == "today").sum())
    assert data["due_rest_of_week"] == int((result["due"] == "this_week").sum())
    assert data["new_this_week"] == int(table["first_contact"].between(
        "2026-11-16", "2026-11-22").sum())
    assert sum(o["customers"] for o in data["owners"]) == 60
    assert {o["owner"] for o in data["owners"]} == {"张伟", "李娜", "王芳"}
    assert set(data["owners"][0]) == {"owner", "customers", "A", "B", "C", "D",
                                      "followed_up_this_week", "overdue"}
    assert data["grade_changes"] == []
    risky = {r["customer"]: r["reason"] for r in data["at_risk"]}
    assert risky["Warsaw Trade Sp. z o.o."] == "silent_demoted"
    assert risky["Milano Design Srl"] == "unanswered"
    assert {"row", "column", "value", "problem"} == set(data["issues"][0])
    assert {"row": 37, "column": "最近跟进", "value": "3/4/2026",
            "problem": "日期有歧义（日/月无法区分），按空白处理"} in data["issues"]


def test_overdue_list_is_most_urgent_first(sample: Path) -> None:
    """Grade A, B, C, D, then the longest overdue first; every row with its reason."""
    outcome = run(sample, today=TODAY, report=True)
    assert outcome.summary is not None
    overdue = outcome.summary.overdue
    keys = [("ABCD".index(str(r["grade"])), -int(r["days_overdue"])) for r in overdue]
    assert keys == sorted(keys) and len(keys) == outcome.summary.figures["overdue"]
    assert {r["grade"] for r in overdue[:3]} == {"A"} and overdue[-1]["grade"] == "D"
    for listed in (overdue, outcome.summary.plan, outcome.summary.at_risk):
        assert listed and all(r["reason_text"] for r in listed)


def test_next_week_plan_holds_exactly_the_customers_due_next_week(sample: Path) -> None:
    outcome = run(sample, today=TODAY, report=True)
    assert outcome.summary is not None
    plan = outcome.summary.plan
    assert len(plan) == outcome.summary.figures["due_next_week"] > 0
    assert all("2026-11-23" <= str(r["next"]) <= "2026-11-29" for r in plan)


def test_report_sheet_has_every_section_and_native_charts(sample: Path) -> None:
    run(sample, today=TODAY, report=True)
    wb = openpyxl.load_workbook(sample)
    assert wb.sheetnames[:3] == ["客户表", "周报", "产品目录"]
    ws = wb["周报"]
    column_a = [c.value for c in ws["A"]]
    for heading in ("客户跟进周报", "关键数据", "按业务员", "逾期客户（最紧急在前）", "风险客户",
                    "下周计划", "等级变化（与上次报告相比）", "数据问题"):
        assert heading in column_a
    assert "没有上次报告，下次运行后显示变化" in column_a
    assert ws["B4"].value == dt.datetime(2026, 11, 18)
    with zipfile.ZipFile(sample) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 2
        xml = b"".join(archive.read(n) for n in charts)
    assert xml.count(b"<c:barChart>") == 2
    assert "客户等级分布".encode() in xml and "本周每日跟进".encode() in xml
    assert wb[HISTORY_SHEET].sheet_state == "hidden"


def test_english_workbook_gets_an_english_report(make_workbook) -> None:
    path = make_workbook(["Company", "Stage", "Last contact", "Owner"],
                         [["Acme", "quoted", days(-10), "Ann"], ["Beta", "new", None, "Bob"]],
                         title="Customers")
    run(path, today=TODAY, report=True)
    wb = openpyxl.load_workbook(path)
    assert "Weekly Report" in wb.sheetnames and "Settings" in wb.sheetnames
    assert wb["Weekly Report"]["A1"].value == "Customer follow-up weekly report"


def test_grade_changes_and_figure_changes_against_the_previous_week(sample: Path) -> None:
    run(sample, today=TODAY, report=True)
    wb = openpyxl.load_workbook(sample)
    ws = wb["客户表"]
    # Next week: Berlin Haus gets lost, and a new B inquiry arrives.
    berlin = next(r for r in range(4, 70) if ws.cell(row=r, column=2).value == "Berlin Haus GmbH")
    ws.cell(row=berlin, column=10).value = "丢单"
    wb.save(sample)
    next_week = TODAY + dt.timedelta(days=7)
    outcome = run(sample, today=next_week, report=True)
    summary = outcome.summary
    assert summary is not None and summary.previous is not None
    assert summary.previous.week_start == dt.date(2026, 11, 16)
    assert {"customer": "Berlin Haus GmbH", "from": "A", "to": "D"} in summary.grade_changes
    assert summary.change("grade_A") == summary.figures["grade_A"] - int(
        summary.previous.figures["grade_A"])
    # Re-running in the same week replaces this week's record, not the previous one.
    again = run(sample, today=next_week, report=True).summary
    assert again is not None and again.previous is not None
    assert again.previous.week_start == dt.date(2026, 11, 16)
    assert again.grade_changes == summary.grade_changes
    history = openpyxl.load_workbook(sample)[HISTORY_SHEET]
    assert [c.value for c in history[1]] == ["key", "2026-11-16", "2026-11-23"]


def test_week_option_reports_on_another_week(sample: Path) -> None:
    outcome = run(sample, today=TODAY, report=True, week=dt.date(2026, 11, 11))
    assert outcome.summary is not None
    assert (outcome.summary.week_start, outcome.summary.week_end) == (
        dt.date(2026, 11, 9), dt.date(2026, 11, 15))


def test_another_teams_customers_are_not_compared_with_the_samples_history(
        tmp_path: Path) -> None:
    """A team's own sheet moved into Customers.xlsm (docs/excel.md §5): the first 周报
    has no 上次 and no grade changes, since the history is of the sample's customers."""
    import shutil

    from xltrade.build import build_workbook

    built = build_workbook(tmp_path / "Customers.xlsm")
    same = shutil.copy(built, tmp_path / "same.xlsm")
    wb = openpyxl.load_workbook(built, keep_vba=True)
    ws = wb["客户表"]
    for row in range(4, ws.max_row + 1):
        if ws.cell(row=row, column=2).value:
            ws.cell(row=row, column=2).value = f"Other Team Customer {row}"
    moved = tmp_path / "moved.xlsm"
    wb.save(moved)
    later = TODAY + dt.timedelta(days=7)
    summary = run(moved, today=later, report=True).summary
    assert summary is not None and summary.previous is None
    assert summary.grade_changes is None and summary.change("customers") is None
    kept = run(Path(same), today=later, report=True).summary
    assert kept is not None and kept.previous is not None  # the same customers: compared


def test_the_chart_data_is_hidden_and_days_to_come_have_no_bar(sample: Path) -> None:
    """The charts draw from hidden columns J:K (and are told to draw hidden cells); a
    report made on Wednesday shows no 0 for Thursday to Sunday."""
    run(sample, today=TODAY, report=True)
    ws = openpyxl.load_workbook(sample)["周报"]
    assert ws.column_dimensions["J"].hidden and ws.column_dimensions["K"].hidden
    days_shown = [ws.cell(row=r, column=11).value for r in range(10, 17)]
    assert TODAY.weekday() == 2
    assert all(isinstance(v, int) for v in days_shown[:3]) and days_shown[3:] == [None] * 4
    charts = [data for name, data in zip_parts_of(sample).items()
              if name.startswith("xl/charts/chart")]
    assert len(charts) == 2 and all(b'<c:plotVisOnly val="0"/>' in c for c in charts)


def test_the_reason_column_is_as_wide_as_the_longest_reason(sample: Path) -> None:
    from xltrade.sheets.patch import text_width

    run(sample, today=TODAY)
    ws = openpyxl.load_workbook(sample)["客户表"]
    reasons = [c.value for c in ws["Y"][3:] if c.value]
    assert ws["Y3"].value == "等级依据"
    assert ws.column_dimensions["Y"].width >= max(text_width(r) for r in reasons)


def zip_parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


#: The sample's customers within 7 days of the pool (30 days without a follow-up), by
#: hand: fewest days left first, then B before C before D. Bogota Import's last contact
#: (3/4/2026) is ambiguous, so it counts from its inquiry on 10-23; Nova Retail 00012
#: (23 days) is an A customer and never goes to the pool; Madrid Deco SL has 8 days left.
POOL_SOON = [
    ("Istanbul Cold Lead", "李娜", "D", 29, 1, 21),
    ("Oslo Nordic AS", "王芳", "C", 28, 2, 41),
    ("Bogota Import", "李娜", "D", 26, 4, 37),
    ("Atlas Imports 00018", "张伟", "B", 25, 5, 63),
    ("Lyon Maison SARL", "张伟", "C", 25, 5, 17),
    ("Nova Trading 00011", "李娜", "D", 25, 5, 56),
]


def test_customers_going_to_the_pool_soon_are_in_the_report_and_the_json(
        sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from xltrade.cli import main

    assert main(["report", str(sample), "--today", TODAY.isoformat(), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pool_soon"] == [
        {"customer": c, "owner": o, "grade": g, "days_without_followup": d, "days_left": left}
        for c, o, g, d, left, _ in POOL_SOON]
    ws = openpyxl.load_workbook(sample)["周报"]
    column_a = [c.value for c in ws["A"]]
    title = column_a.index("即将进入公海") + 1
    assert column_a.index("风险客户") + 1 < title < column_a.index("下周计划") + 1
    note = ws.cell(row=title + 1, column=1).value
    assert "30 天" in note and "7 天内" in note
    assert ws.cell(row=title + 2, column=5).value == "未跟进天数"
    listed = [[ws.cell(row=r, column=c).value for c in (1, 2, 3, 5, 6, 8)]
              for r in range(title + 3, title + 3 + len(POOL_SOON))]
    assert listed == [[c, o, g, d, f"{left} 天后进入公海", row]
                      for c, o, g, d, left, row in POOL_SOON]
    assert ws.cell(row=title + 3 + len(POOL_SOON), column=1).value is None
