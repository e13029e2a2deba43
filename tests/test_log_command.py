"""``xltrade log``: a follow-up recorded from the command line appends to the log (made
on first use, with its dropdowns), updates the customer's counts, refreshes the
computed cells, keeps the team's log columns, and refuses names it cannot pin down."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import zip_parts
from package_checks import consistency_problems, problems
from xltrade.book.read import SheetReader
from xltrade.book.run import run

TODAY = "2026-11-18"
HEADERS = ["客户名称", "业务员", "跟进阶段", "最近跟进", "跟进次数", "未回复次数", "客户最后回复",
           "跟进方式"]
CUSTOMERS = [
    ["Acme Ltd", "张伟", "已报价", dt.date(2026, 11, 1), 2, 2, dt.date(2026, 10, 20), "邮件"],
    ["Acme Holdings", "李娜", "新询盘", dt.date(2026, 11, 5), 1, 0, None, "邮件"],
    ["Berlin Haus", "李娜", "已报价", dt.date(2026, 10, 1), 5, 1, None, "电话"],
]


def xltrade(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xltrade", *args, "--today", TODAY],
                          capture_output=True, text=True, timeout=120)


def values(path: Path, sheet: str) -> list[list[object]]:
    reader = SheetReader(path)
    try:
        return reader.rows(sheet)
    finally:
        reader.close()


def customer(path: Path, name: str) -> dict[str, object]:
    rows = values(path, "客户表")
    header = rows[0]
    return next(dict(zip(header, r, strict=False)) for r in rows if r[0] == name)


@pytest.fixture
def team(make_workbook) -> Path:
    return make_workbook(HEADERS, CUSTOMERS)


def test_the_first_follow_up_makes_the_log_and_updates_the_customer(team: Path) -> None:
    done = xltrade("log", str(team), "--customer", "acme ltd", "--medium", "电话",
                   "--topic", "价格更新", "--contact", "Ms. Wang", "--note", "要新价目表",
                   "--json")
    assert done.returncode == 0, done.stderr
    row = json.loads(done.stdout)
    assert row == {"sheet": "跟进记录", "row": 2, "date": TODAY, "company": "Acme Ltd",
                   "owner": "张伟", "medium": "phone", "topic": "price", "contact": "Ms. Wang",
                   "replied": False, "note": "要新价目表"}
    log = values(team, "跟进记录")
    assert log[0] == ["日期", "客户名称", "业务员", "跟进方式", "话题", "联系人", "客户已回复",
                      "备注"]
    assert log[1] == [dt.date(2026, 11, 18), "Acme Ltd", "张伟", "电话", "价格更新", "Ms. Wang",
                      "否", "要新价目表"]
    acme = customer(team, "Acme Ltd")
    assert acme["最近跟进"] == dt.date(2026, 11, 18)
    assert (acme["跟进次数"], acme["未回复次数"]) == (3, 3)
    # The computed cells were refreshed: three unanswered tries, and the log says phone
    # was the last medium: switch to WhatsApp.
    assert "改用WhatsApp" in str(acme["跟进建议"])
    parts = zip_parts(team)
    sheet = next(data for name, data in parts.items() if name.startswith("xl/worksheets/")
                 and "客户已回复".encode() in data)
    assert sheet.count(b'type="list"') == 3 and "微信".encode() in sheet
    assert consistency_problems(parts) == []
    assert problems([team]) == {team.name: set()}


def test_a_reply_resets_the_count_and_dates_the_reply(team: Path) -> None:
    assert xltrade("log", str(team), "--customer", "Berlin Haus").returncode == 0
    done = xltrade("log", str(team), "--customer", "Berlin Haus", "--replied",
                   "--medium", "WhatsApp")
    assert done.returncode == 0, done.stderr
    assert "第 3 行" in done.stdout
    berlin = customer(team, "Berlin Haus")
    assert (berlin["跟进次数"], berlin["未回复次数"]) == (7, 0)
    assert berlin["客户最后回复"] == dt.date(2026, 11, 18)
    assert values(team, "跟进记录")[2][6] == "是"


@pytest.mark.parametrize(("name", "says"), [
    # The team's sheet is in Chinese, so the message is too.
    ("Acme", "是不是：Acme Ltd (row 2); Acme Holdings (row 3)？"),
    ("Nobody", "没有叫 'Nobody' 的客户"),
])
def test_a_name_that_is_not_one_customer_is_refused_with_candidates(
        team: Path, name: str, says: str) -> None:
    before = team.read_bytes()
    done = xltrade("log", str(team), "--customer", name)
    assert done.returncode == 1 and says in done.stderr
    assert done.stderr.count("\n") == 1 and team.read_bytes() == before


def test_an_unknown_medium_is_refused_naming_the_known_ones(team: Path) -> None:
    done = xltrade("log", str(team), "--customer", "Acme Ltd", "--medium", "飞鸽传书")
    assert done.returncode == 1 and "微信/WeChat" in done.stderr


def test_the_teams_own_log_keeps_its_columns(team: Path) -> None:
    wb = openpyxl.load_workbook(team)
    ws = wb.create_sheet("Follow-ups")
    ws.append(["Note", "Company", "Date", "Replied"])  # their order, fewer columns
    ws.append(["first call", "Acme Ltd", dt.date(2026, 11, 10), "No"])
    wb.save(team)
    done = xltrade("log", str(team), "--customer", "Acme Ltd", "--note", "second call")
    assert done.returncode == 0, done.stderr
    assert values(team, "Follow-ups")[2] == ["second call", "Acme Ltd", dt.date(2026, 11, 18),
                                             "否"]


def test_the_log_survives_fifty_reports_unchanged(team: Path) -> None:
    assert xltrade("log", str(team), "--customer", "Acme Ltd", "--topic", "展会").returncode == 0
    part = next(n for n, d in zip_parts(team).items()
                if n.startswith("xl/worksheets/") and "客户已回复".encode() in d)
    before = zip_parts(team)[part]
    day = dt.date(2026, 11, 18)
    for week in range(50):
        run(team, today=day + dt.timedelta(days=7 * week), report=True)
    after = zip_parts(team)
    assert after[part] == before
    assert re.search(rb"<row r=\"2\"", after[part]) and not re.search(rb"<row r=\"3\"",
                                                                       after[part])


def test_the_suggested_topic_and_medium_are_prefilled(team: Path) -> None:
    """Without --topic or --medium the row takes what the customer's suggested action
    names: here a topic (a silent quote's first step, and a rotating topic once the
    customer has replied), and the medium the customer is usually reached by."""
    run(team, today=dt.date(2026, 11, 18))
    suggestion = customer(team, "Berlin Haus")["跟进建议"]
    assert str(suggestion).startswith("报价后未回复（第 1/5 步）自查")
    done = xltrade("log", str(team), "--customer", "Berlin Haus", "--json")
    assert done.returncode == 0, done.stderr
    row = json.loads(done.stdout)
    assert row["topic"] == "self_check"
    assert row["medium"] == "phone"  # Berlin Haus's 跟进方式 is 电话
    replied = xltrade("log", str(team), "--customer", "Berlin Haus", "--topic", "其他",
                      "--replied")
    assert replied.returncode == 0, replied.stderr
    suggestion = str(customer(team, "Berlin Haus")["跟进建议"]).split("；")[0]
    row = json.loads(xltrade("log", str(team), "--customer", "Berlin Haus", "--json").stdout)
    topics = ["补充完善报价", "价格更新", "新产品推荐", "公司动态", "展会邀请",
              "来访邀请（参观工厂）"]
    codes = ["offer", "price", "product", "news", "fair", "visit"]
    assert row["topic"] == codes[topics.index(suggestion)]
    # A switch-medium suggestion names the medium to use (a new inquiry: no checklist).
    for _ in range(3):
        xltrade("log", str(team), "--customer", "Acme Holdings", "--medium", "邮件")
    switch = customer(team, "Acme Holdings")["跟进建议"]
    assert "改用" in str(switch)
    row = json.loads(xltrade("log", str(team), "--customer", "Acme Holdings",
                             "--json").stdout)
    assert row["medium"] != "email" and row["medium"] is not None


def test_the_settings_sheet_maps_the_logs_own_headers(team: Path) -> None:
    """A log under headers of the team's own is read, and appended to, once 设置 says
    which field each header is; without the mapping it is not a log xltrade knows."""
    wb = openpyxl.load_workbook(team)
    ws = wb.create_sheet("跟进记录")
    ws.append(["联系时间", "客户名称", "沟通渠道", "内容摘要"])
    ws.append([dt.date(2026, 11, 10), "Acme Ltd", "WhatsApp", "样品寄出"])
    wb.save(team)
    refused = xltrade("log", str(team), "--customer", "Acme Ltd")
    assert refused.returncode == 1 and "没有 日期 和 客户名称 表头" in refused.stderr

    wb = openpyxl.load_workbook(team)
    settings = wb.create_sheet("设置")
    settings.append(["设置"])
    settings.append(["项目", "值", "说明"])
    settings.append(["跟进记录列映射", "日期=联系时间；跟进方式=沟通渠道；备注=内容摘要"])
    wb.save(team)
    done = xltrade("log", str(team), "--customer", "Acme Ltd", "--medium", "电话",
                   "--note", "问价格", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["row"] == 3
    assert values(team, "跟进记录")[2] == [dt.date(2026, 11, 18), "Acme Ltd", "电话", "问价格"]
    # The rules read the mapped log: WhatsApp then phone, the next medium is email...
    # and the last contact is the log's.
    assert customer(team, "Acme Ltd")["最近跟进"] == dt.date(2026, 11, 18)
    assert "改用邮件" in str(customer(team, "Acme Ltd")["跟进建议"])


def test_the_new_log_is_a_table_that_takes_in_each_recording(team: Path) -> None:
    """A table with a free name and id next to the team's own tables; every recording
    appended under it becomes one of its rows."""
    from openpyxl.worksheet.table import Table

    wb = openpyxl.load_workbook(team)
    ws = wb["客户表"]
    ws.add_table(Table(displayName="跟进记录表", ref=f"A1:H{len(CUSTOMERS) + 1}"))
    wb.save(team)
    for name in ("Acme Ltd", "Berlin Haus"):
        assert xltrade("log", str(team), "--customer", name).returncode == 0
    wb = openpyxl.load_workbook(team)
    (table,) = wb["跟进记录"].tables.values()
    assert (table.displayName, table.ref, table.autoFilter.ref) == ("跟进记录表2", "A1:H3",
                                                                   "A1:H3")
    assert [c.name for c in table.tableColumns] == values(team, "跟进记录")[0]
    (theirs,) = wb["客户表"].tables.values()
    assert theirs.ref == f"A1:H{len(CUSTOMERS) + 1}"  # not below the row appended
    ids = [re.search(rb'\bid="(\d+)"', data).group(1)
           for name, data in zip_parts(team).items() if name.startswith("xl/tables/")]
    assert sorted(ids) == [b"1", b"2"]
    assert problems([team]) == {team.name: set()}


def test_the_teams_own_log_table_grows_with_the_rows_appended(team: Path) -> None:
    from openpyxl.worksheet.table import Table

    wb = openpyxl.load_workbook(team)
    ws = wb.create_sheet("Follow-ups")
    ws.append(["Date", "Company", "Note"])
    ws.append([dt.date(2026, 11, 10), "Acme Ltd", "first call"])
    ws.add_table(Table(displayName="Calls", ref="A1:C2"))
    wb.save(team)
    assert xltrade("log", str(team), "--customer", "Acme Ltd", "--note", "again").returncode == 0
    (table,) = openpyxl.load_workbook(team)["Follow-ups"].tables.values()
    assert table.ref == "A1:C3"
    assert values(team, "Follow-ups")[2] == [dt.date(2026, 11, 18), "Acme Ltd", "again"]
