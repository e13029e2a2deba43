"""The follow-up log read by the rules: a small log, its expectations worked out by
hand. The topic never repeats the last two logged, the medium rotates away from the
last three tries, last contact and unanswered tries come from the log when it is
newer, and every bad log row is a data issue. Without a log nothing changes."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from conftest import raw_rows, zip_parts
from xltrade.book.run import run
from xltrade.rules.engine import evaluate
from xltrade.rules.log import read_log
from xltrade.rules.settings import Settings
from xltrade.rules.table import build_table

TODAY = dt.date(2026, 11, 18)
HEADER = ["日期", "客户名称", "跟进方式", "话题", "客户已回复", "备注"]
#: Acme and Berlin are inquiries from real buyers (B), not quotes: a quote gone silent
#: walks its own checklist instead of the topics (tests/test_silent_quote.py).
CUSTOMERS = [
    {"company": "Acme Ltd", "stage": "已联系", "inquiry_type": "真实买家",
     "last_contact": dt.date(2026, 11, 1), "unanswered": 0, "followups": 2, "medium": "邮件"},
    {"company": "Berlin Haus", "stage": "已联系", "inquiry_type": "真实买家",
     "last_contact": dt.date(2026, 10, 20), "unanswered": 1, "followups": 4, "medium": "邮件"},
    {"company": "Cairo Co", "stage": "已报价", "last_contact": dt.date(2026, 11, 10),
     "unanswered": 0, "followups": 1, "medium": "电话"},
]
LOG = [
    HEADER,
    [dt.date(2026, 11, 5), "Acme Ltd", "邮件", "价格更新", "否", None],
    [dt.date(2026, 11, 10), "ACME LTD ", "电话", "新品", "否", "asked about the 5W model"],
    [dt.date(2026, 10, 25), "Berlin Haus", "Email", "报价", "否", None],
    [dt.date(2026, 10, 28), "Berlin Haus", "WhatsApp", "公司动态", "", None],
    [dt.date(2026, 11, 2), "Berlin Haus", "电话", None, "否", None],
    [dt.date(2026, 11, 3), "Nobody Trading", "邮件", "价格更新", "否", None],
    [dt.date(2026, 12, 1), "Acme Ltd", "邮件", "价格更新", "否", None],
    [dt.date(2026, 11, 4), "Cairo Co", "飞鸽传书", "闲聊", "否", None],
    [None, "Cairo Co", "邮件", "价格更新", "否", None],
]


def evaluated(log_rows: list[list[object]] | None, lang: str = "zh"
              ) -> tuple[pd.DataFrame, pd.DataFrame, list]:
    table, _ = build_table(raw_rows(CUSTOMERS), Settings(), TODAY)
    log = read_log("跟进记录", log_rows, set(table["company_key"]), TODAY) if log_rows else None
    assert log is not None or not log_rows
    result = evaluate(table, Settings(), TODAY, lang, log)  # type: ignore[arg-type]
    return table, result.set_index(table["company"]), log.issues if log else []


def test_without_a_log_nothing_changes() -> None:
    table, _ = build_table(raw_rows(CUSTOMERS), Settings(), TODAY)
    before = evaluate(table.copy(), Settings(), TODAY, "zh")
    _, result, _ = evaluated(None)
    assert result.reset_index(drop=True).equals(before.reset_index(drop=True))


def test_last_contact_and_unanswered_come_from_a_newer_log() -> None:
    table, _, _ = evaluated(LOG)
    acme, berlin, cairo = (table.iloc[i] for i in range(3))
    # Acme: the log's 11-10 is newer than the sheet's 11-01; two tries, no reply.
    assert pd.Timestamp(acme["last_contact"]).date() == dt.date(2026, 11, 10)
    assert acme["unanswered"] == 2
    # Berlin: three tries logged after the sheet's 10-20, none answered.
    assert pd.Timestamp(berlin["last_contact"]).date() == dt.date(2026, 11, 2)
    assert berlin["unanswered"] == 3
    # Cairo: its only valid log row is older than the sheet: the sheet stands.
    assert pd.Timestamp(cairo["last_contact"]).date() == dt.date(2026, 11, 10)
    assert cairo["unanswered"] == 0


def test_a_reply_in_the_log_resets_the_count_and_dates_the_reply() -> None:
    replied = [*LOG, [dt.date(2026, 11, 12), "Acme Ltd", "电话", "公司动态", "是", None]]
    table, result, _ = evaluated(replied)
    acme = table.iloc[0]
    assert acme["unanswered"] == 0
    assert pd.Timestamp(acme["last_reply"]).date() == dt.date(2026, 11, 12)
    assert pd.Timestamp(acme["last_contact"]).date() == dt.date(2026, 11, 12)
    assert result.loc["Acme Ltd", "grade"] == "B"


def test_the_topic_is_never_one_of_the_last_two_logged() -> None:
    # Acme has 2 follow-ups: the rotation would say 新产品推荐 (topic 2); the log's last
    # two topics are 价格更新 and 新产品推荐, so the next free one is 公司动态.
    _, result, _ = evaluated(LOG)
    assert result.loc["Acme Ltd", "suggestion"] == "公司动态"
    _, plain, _ = evaluated(None)
    assert plain.loc["Acme Ltd", "suggestion"] == "新产品推荐"


def test_after_unanswered_tries_the_medium_is_one_not_used_lately() -> None:
    # Berlin's last three tries: email, WhatsApp, phone; three unanswered: switch to
    # the first medium not among them, WeChat, and say so.
    _, zh, _ = evaluated(LOG)
    expected = "换跟进方式：改用微信（已连续 3 次未回复，别放弃）"
    assert zh.loc["Berlin Haus", "suggestion"] == expected
    _, en, _ = evaluated(LOG, lang="en")
    assert "try WeChat" in en.loc["Berlin Haus", "suggestion"]


def test_every_bad_log_row_is_a_data_issue() -> None:
    _, _, issues = evaluated(LOG)
    found = {(i.row, i.column, i.problem) for i in issues}
    assert found == {
        (7, "客户名称", "issue.log_unknown_customer"),
        (8, "日期", "issue.future_date"),
        (9, "跟进方式", "issue.log_bad_medium"),
        (9, "话题", "issue.log_bad_topic"),
        (10, "日期", "issue.log_no_date"),
    }


def test_a_log_sheet_in_the_workbook_is_read_and_never_taken_for_customers(
        make_workbook, tmp_path) -> None:
    import openpyxl

    headers = ["客户名称", "跟进阶段", "买家类型", "最近跟进", "未回复次数", "跟进次数", "跟进方式"]
    rows = [[c["company"], c["stage"], c.get("inquiry_type"), c["last_contact"],
             c["unanswered"], c["followups"], c["medium"]] for c in CUSTOMERS]
    path = make_workbook(headers, rows)
    wb = openpyxl.load_workbook(path)
    log = wb.create_sheet("跟进记录", 0)  # first, and with more known headers than customers
    for row in LOG:
        log.append(row)
    wb.save(path)
    before = zip_parts(path)
    log_part = "xl/worksheets/sheet1.xml"  # the first sheet
    assert before["xl/workbook.xml"].index("跟进记录".encode()) < \
        before["xl/workbook.xml"].index("客户表".encode())
    outcome = run(path, today=TODAY, report=True)
    assert outcome.layout.sheet == "客户表"
    assert outcome.result.set_index(outcome.table["company"]).loc["Berlin Haus",
                                                                  "suggestion"].startswith(
        "换跟进方式：改用微信")
    assert {i.problem for i in outcome.issues if i.sheet == "跟进记录"} >= {
        "issue.log_unknown_customer", "issue.log_bad_medium"}
    assert zip_parts(path)[log_part] == before[log_part]  # the team's log, byte for byte


WEEK = [  # the report week of TODAY: Monday 2026-11-16 to Sunday 2026-11-22
    [dt.date(2026, 11, 16), "Acme Ltd", "邮件", "公司动态", "否", None],
    [dt.date(2026, 11, 17), "Acme Ltd", "电话", "展会邀请", "否", None],
    [dt.date(2026, 11, 17), "Berlin Haus", "WhatsApp", "来访邀请", "是", None],
]


def log_workbook(make_workbook, rows: list[list[object]]):
    import openpyxl

    headers = ["客户名称", "跟进阶段", "最近跟进", "未回复次数", "跟进次数", "跟进方式", "业务员"]
    customers = [[c["company"], c["stage"], c["last_contact"], c["unanswered"],
                  c["followups"], c["medium"], "张伟"] for c in CUSTOMERS]
    path = make_workbook(headers, customers)
    wb = openpyxl.load_workbook(path)
    sheet = wb.create_sheet("跟进记录")
    for row in rows:
        sheet.append(row)
    wb.save(path)
    return path


def test_the_weekly_report_counts_every_logged_follow_up(make_workbook) -> None:
    path = log_workbook(make_workbook, [*LOG, *WEEK])
    summary = run(path, today=TODAY, report=True).summary
    assert summary is not None
    f = summary.figures
    # By hand: three touches this week, Acme twice; two customers; Berlin replied.
    assert (f["touches_this_week"], f["touched_more_than_once"]) == (3, 1)
    assert f["followed_up_this_week"] == 2 and f["replied_this_week"] == 1
    assert summary.followups_per_day == [1, 2, 0, 0, 0, 0, 0]
    assert summary.media == {"email": 1, "phone": 1, "whatsapp": 1}
    (owner,) = summary.owners
    assert owner["followed_up_this_week"] == 2
    # The history keeps them: next week's report shows the change.
    later = [*LOG, *WEEK, [dt.date(2026, 11, 24), "Cairo Co", "邮件", "价格更新", "否", None]]
    path2 = log_workbook(make_workbook, later)
    run(path2, today=TODAY, report=True)
    next_week = run(path2, today=TODAY + dt.timedelta(days=7), report=True).summary
    assert next_week is not None
    assert next_week.figures["touches_this_week"] == 1
    assert next_week.change("touches_this_week") == -2


def test_the_report_json_has_the_log_keys_of_the_spec(make_workbook) -> None:
    """§8: followups_this_week, customers_touched_this_week, replies_this_week,
    media_this_week, and followups_this_week per owner, through the command line."""
    import json
    import subprocess
    import sys

    path = log_workbook(make_workbook, [*LOG, *WEEK])
    done = subprocess.run([sys.executable, "-m", "xltrade", "report", str(path), "--today",
                           TODAY.isoformat(), "--json"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    # By hand: three log rows this week (Acme twice, Berlin once, Berlin replied).
    assert data["followups_this_week"] == 3
    assert data["customers_touched_this_week"] == 2
    assert data["replies_this_week"] == 1
    assert data["media_this_week"] == {"email": 1, "phone": 1, "whatsapp": 1}
    (owner,) = data["owners"]
    assert owner["followups_this_week"] == 3
    plain = log_workbook(make_workbook, [])
    done = subprocess.run([sys.executable, "-m", "xltrade", "report", str(plain), "--today",
                           TODAY.isoformat(), "--json"], capture_output=True, text=True,
                          timeout=120)
    data = json.loads(done.stdout)
    assert "followups_this_week" not in data and "followups_this_week" not in data["owners"][0]


def test_without_a_log_the_report_shows_no_log_figures(make_workbook) -> None:
    """No log sheet, or one without a date and company header: as before the log."""
    for rows in ([], [["随便写的", "笔记"], ["x", "y"]]):
        path = log_workbook(make_workbook, rows)
        summary = run(path, today=TODAY, report=True).summary
        assert summary is not None
        assert "touches_this_week" not in summary.figures and summary.media == {}


def test_follow_ups_made_are_counted_per_salesperson(make_workbook) -> None:
    """Who made a follow-up is the log row's salesperson, or else the customer's; a
    colleague who made follow-ups but owns no customer gets a line of their own."""
    import openpyxl

    header = ["日期", "客户名称", "业务员", "跟进方式"]
    rows = [header,
            [dt.date(2026, 11, 16), "Acme Ltd", None, "邮件"],          # 张伟, the owner
            [dt.date(2026, 11, 17), "Acme Ltd", "李娜", "电话"],        # a colleague
            [dt.date(2026, 11, 18), "Berlin Haus", " 张伟 ", "邮件"],   # spaces do not count
            [dt.date(2026, 11, 9), "Berlin Haus", "李娜", "邮件"]]      # last week
    path = log_workbook(make_workbook, rows)
    summary = run(path, today=TODAY, report=True).summary
    assert summary is not None
    by_name = {o["owner"]: o for o in summary.owners}
    assert by_name["张伟"]["touches_this_week"] == 2
    assert by_name["李娜"]["touches_this_week"] == 1
    assert by_name["李娜"]["customers"] == 0
    # The report sheet shows the column, after followed up.
    sheet = openpyxl.load_workbook(path)["周报"]
    lines = [list(row) for row in sheet.iter_rows(values_only=True)]
    at = next(i for i, r in enumerate(lines) if r[0] == "业务员")
    assert lines[at][2:5] == ["逾期", "本周跟进", "跟进次数"]
    assert {r[0]: r[4] for r in lines[at + 1:at + 3]} == {"张伟": 2, "李娜": 1}


def test_without_a_log_the_salesperson_table_has_no_follow_ups_made_column(
        make_workbook) -> None:
    path = log_workbook(make_workbook, [])
    summary = run(path, today=TODAY, report=True).summary
    assert summary is not None
    assert all("touches_this_week" not in o for o in summary.owners)


def test_with_a_log_the_printed_report_takes_in_the_follow_ups_made_column(
        make_workbook) -> None:
    """The salesperson table's follow-ups-made column (E) is inside the printed area."""
    import openpyxl

    header = ["日期", "客户名称", "跟进方式"]
    path = log_workbook(make_workbook, [header, [dt.date(2026, 11, 16), "Acme Ltd", "邮件"]])
    run(path, today=TODAY, report=True)
    sheet = openpyxl.load_workbook(path)["周报"]
    assert str(sheet.print_area).startswith("'周报'!$A$1:$H$")
    titles = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "业务员")
    assert titles[4] == "跟进次数"
