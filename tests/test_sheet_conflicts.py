"""撞单 inside one sheet (spec §9): a buyer two salespeople both hold is a data issue of
the sheet, naming both rows, both salespeople, why they match and who was first; the
look-alikes, one salesperson's own duplicates and unowned rows are not."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from conftest import TODAY, days, evaluate_records
from xltrade.book.run import run
from xltrade.cli import main
from xltrade.rules.conflict_issues import sheet_conflicts, with_conflicts
from xltrade.rules.layout import Layout

HEADERS = ["客户名称", "业务员", "邮箱", "电话", "国家", "询盘日期", "最近跟进"]
TEAM = [
    # Rows 2 and 3: one buyer by name, written two ways; 李娜 recorded it first.
    ["ABC Trading Co., Ltd.", "张伟", None, None, "美国", days(-20), days(-3)],
    ["abc trading company limited", "李娜", None, None, "美国", days(-40), days(-5)],
    # Rows 4 and 5: one buyer by the email domain, under two names.
    ["Berlin Haus GmbH", "张伟", "hans@berlinhaus.de", None, "德国", None, days(-2)],
    ["BH Einkauf", "王芳", "einkauf@berlinhaus.de; boss@gmail.com", None, "德国", None,
     days(-2)],
    # Rows 6 and 7: one buyer by phone, written nationally and internationally.
    ["Cairo Sourcing", "李娜", None, "(212) 555-0100", "美国", days(-9), days(-1)],
    ["Delta Buying Office", "王芳", None, "+1 212 555 0100", "美国", days(-9), days(-1)],
    # Look-alikes that must stay apart: similar names, free mail, one owner twice, no owner.
    ["Global Trading", "张伟", "a@gmail.com", None, "美国", None, days(-1)],
    ["Global Trade Partners", "李娜", "b@gmail.com", None, "美国", None, days(-1)],
    ["Echo Imports", "王芳", None, None, "美国", None, days(-1)],
    ["Echo Imports", "王芳", None, None, "美国", None, days(-1)],
    ["Foxtrot Ltd", "张伟", None, None, "美国", None, days(-1)],
    ["Foxtrot Ltd", None, None, None, "美国", None, days(-1)],
]


@pytest.fixture
def team(make_workbook) -> Path:
    return make_workbook(HEADERS, TEAM)


def conflict_issues(issues: list) -> dict[int, object]:
    return {i.row: i for i in issues if i.problem == "issue.conflict"}


def test_one_buyer_under_two_salespeople_is_one_issue_per_conflict(team: Path) -> None:
    outcome = run(team, today=TODAY)
    by_name = conflict_issues(outcome.issues)[2]
    assert (by_name.sheet, by_name.column, by_name.value) == ("客户表", "客户名称",
                                                             "ABC Trading Co., Ltd.")
    assert by_name.problem_text("zh") == (
        "撞单：本行（张伟）与第 3 行 abc trading company limited（李娜）是同一买家（同名）；"
        f"李娜 先录入（询盘日期 {days(-40).isoformat()}）")
    assert by_name.problem_text("en") == (
        "conflict: this row (张伟) and row 3 abc trading company limited (李娜) are the same "
        f"buyer (same name); 李娜 recorded it first (inquiry date {days(-40).isoformat()})")


def test_a_duplicate_name_is_said_once_as_撞单_and_kept_for_one_salesperson(
        team: Path) -> None:
    issues = run(team, today=TODAY).issues
    duplicates = sorted(i.row for i in issues if i.problem == "issue.duplicate")
    # Echo Imports twice by 王芳: a duplicate. Foxtrot Ltd once unowned: a duplicate, as
    # nobody holds the second row. ABC (rows 2, 3) is the 撞单 and nothing else.
    assert duplicates == [10, 11, 12, 13]


def test_the_report_and_the_json_name_the_撞单(team: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(team), "--today", TODAY.isoformat(), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    conflicts = [i for i in data["issues"] if i["problem"].startswith("撞单")]
    assert (conflicts[0]["row"], conflicts[0]["column"]) == (2, "客户名称")
    ws = openpyxl.load_workbook(team)["周报"]
    problems = [c.value for c in ws["G"] if isinstance(c.value, str)]
    assert sum(p.startswith("撞单：本行") for p in problems) == len(conflicts)
    assert "客户表!2" in [c.value for c in ws["A"]]


def test_one_salesperson_has_no_撞单(make_workbook) -> None:
    rows = [[r[0], "张伟", *r[2:]] for r in TEAM]
    outcome = run(make_workbook(HEADERS, rows), today=TODAY)
    assert conflict_issues(outcome.issues) == {}
    # Its own duplicates stay duplicates; ABC written two ways is not one name to §6.
    assert sorted(i.row for i in outcome.issues if i.problem == "issue.duplicate") == [
        10, 11, 12, 13]


def test_a_sheet_with_only_names_and_owners(make_workbook) -> None:
    path = make_workbook(["Company", "Owner"], [["Acme LLC", "Ann"], ["ACME, L.L.C.", "Bob"],
                                                ["Acme Holdings", "Cat"]], title="Customers")
    outcome = run(path, today=TODAY)
    (issue,) = conflict_issues(outcome.issues).values()
    assert issue.row == 2 and issue.column == "Company"
    assert issue.problem_text(outcome.lang) == (
        "conflict: this row (Ann) and row 3 ACME, L.L.C. (Bob) are the same buyer (same "
        "name); no inquiry date tells who recorded it first")


def test_a_buyer_many_hold_names_five_rows_and_counts_the_rest() -> None:
    records = [{"company": "Acme Ltd", "owner": f"S{i}", "first_contact": days(-i)}
               for i in range(8)]
    table, _, issues = evaluate_records(records)
    layout = Layout(sheet="Customers", header_row=1, columns={"company": 1, "owner": 2},
                    headers={1: "Company", 2: "Owner"})
    (issue,) = [i for i in with_conflicts(issues, table, layout)
                if i.problem == "issue.conflict"]
    text = issue.problem_text("en")
    assert text.startswith("conflict: this row (S0) and row 3 Acme Ltd (S1); row 4 ")
    assert "row 7 Acme Ltd (S5); 2 more rows are the same buyer" in text
    assert text.endswith(f"S7 recorded it first (inquiry date {days(-7).isoformat()})")
    assert "另 2 行是同一买家" in issue.problem_text("zh")


def test_a_table_of_one_owner_is_not_searched() -> None:
    table, _, _ = evaluate_records([{"company": "Acme", "owner": " Ann"},
                                    {"company": "Acme", "owner": "ann"},
                                    {"company": "Acme", "owner": None}])
    assert sheet_conflicts(table, "Customers") == []


def test_a_date_of_first_contact_is_read_as_the_sheet_reads_it() -> None:
    """The first holder is found from the table's dates (datetime64), not text."""
    table, _, _ = evaluate_records([
        {"company": "Acme", "owner": "Ann", "first_contact": dt.date(2026, 5, 1)},
        {"company": "Acme", "owner": "Bob", "first_contact": "2026年3月2日"}])
    (conflict,) = sheet_conflicts(table, "Customers")
    assert conflict.first is not None and conflict.first.owner == "Bob"
    assert conflict.first.first_contact == dt.date(2026, 3, 2)


def test_an_email_domain_or_a_phone_number_links_rows_too(team: Path) -> None:
    found = conflict_issues(run(team, today=TODAY).issues)
    assert sorted(found) == [2, 4, 6]
    by_email, by_phone = found[4], found[6]
    assert (by_email.column, by_email.value) == ("邮箱", "hans@berlinhaus.de")
    assert by_email.problem_text("zh") == (
        "撞单：本行（张伟）与第 5 行 BH Einkauf（王芳）是同一买家（同邮箱域名 berlinhaus.de）；"
        "没有询盘日期，无法判断谁先录入")
    assert (by_phone.column, by_phone.value) == ("电话", "(212) 555-0100")
    assert "（同电话 +12125550100）" in by_phone.problem_text("zh")
    assert "(same phone number +12125550100)" in by_phone.problem_text("en")

