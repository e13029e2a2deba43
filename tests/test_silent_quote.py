"""The quote that went silent: each ``xltrade log`` records the suggested checklist step
as the log's topic, and the next suggestion is the next step, in order, never one
already made; a reply ends the walk."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from xltrade.book.read import SheetReader

TODAY = "2026-11-18"
HEADERS = ["客户名称", "国家", "跟进阶段", "最近跟进", "客户最后回复", "跟进次数", "未回复次数",
           "跟进方式"]
STEPS = ["self_check", "price", "delivery", "away", "other_contact"]
LEADS = ["报价后未回复（第 1/5 步）自查", "报价后未回复（第 2/5 步）价格更新",
         "报价后未回复（第 3/5 步）确认送达", "报价后未回复（第 4/5 步）对方可能出差或在考验你",
         "报价后未回复（第 5/5 步）换联系人"]
NEW_CONTACT = "换联系人：写给该公司的其他人（已连续 6 次"
TOPIC_NAMES = ["自查报价", "价格更新", "确认送达", "出差或考验", "换联系人"]


def xltrade(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xltrade", *args, "--today", TODAY],
                          capture_output=True, text=True, timeout=120)


def rows(path: Path, sheet: str) -> list[list[object]]:
    reader = SheetReader(path)
    try:
        return reader.rows(sheet)
    finally:
        reader.close()


def suggestion(path: Path, name: str) -> str:
    table = rows(path, "客户表")
    column = table[0].index("跟进建议")
    return str(next(r[column] for r in table if r[0] == name))


@pytest.fixture
def book(make_workbook) -> Path:
    return make_workbook(HEADERS, [
        # Quoted on 11-02, one unanswered try: the quote itself.
        ["Quiet Quote GmbH", "中国", "已报价", dt.date(2026, 11, 2), dt.date(2026, 10, 28), 3, 1,
         "邮件"],
        # Quoted, and the customer answered since: no checklist.
        ["Talking Co", "中国", "已报价", dt.date(2026, 11, 2), dt.date(2026, 11, 3), 3, 0, "邮件"],
        ["Fresh Lead", "中国", "新询盘", dt.date(2026, 11, 2), None, 1, 1, "邮件"],
    ])


def test_the_checklist_is_walked_in_order_over_successive_logs(book: Path) -> None:
    assert xltrade("refresh", str(book)).returncode == 0
    for n, (step, lead, name) in enumerate(zip(STEPS, LEADS, TOPIC_NAMES, strict=True)):
        assert suggestion(book, "Quiet Quote GmbH").startswith(lead), n
        done = xltrade("log", str(book), "--customer", "Quiet Quote GmbH", "--json")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["topic"] == step
        assert rows(book, "跟进记录")[n + 1][4] == name  # the log's topic column
    # Every step made, six unanswered tries: the usual ladder (another contact at 5).
    assert suggestion(book, "Quiet Quote GmbH").startswith(NEW_CONTACT)
    # The others never got the checklist.
    assert "报价后未回复" not in suggestion(book, "Talking Co")
    assert "报价后未回复" not in suggestion(book, "Fresh Lead")


def test_a_step_logged_by_hand_is_not_suggested_again(book: Path) -> None:
    """The salesperson checked delivery first: the walk skips it later."""
    done = xltrade("log", str(book), "--customer", "Quiet Quote GmbH", "--topic", "确认送达",
                   "--medium", "电话")
    assert done.returncode == 0, done.stderr
    assert suggestion(book, "Quiet Quote GmbH").startswith(LEADS[0])
    for expected in (LEADS[0], LEADS[1], LEADS[3], LEADS[4]):
        assert suggestion(book, "Quiet Quote GmbH").startswith(expected)
        assert xltrade("log", str(book), "--customer", "Quiet Quote GmbH").returncode == 0
    topics = [r[4] for r in rows(book, "跟进记录")[1:]]
    assert topics == ["确认送达", "自查报价", "价格更新", "出差或考验", "换联系人"]


def test_a_reply_ends_the_walk(book: Path) -> None:
    xltrade("log", str(book), "--customer", "Quiet Quote GmbH")
    assert suggestion(book, "Quiet Quote GmbH").startswith(LEADS[1])
    done = xltrade("log", str(book), "--customer", "Quiet Quote GmbH", "--topic", "其他",
                   "--replied")
    assert done.returncode == 0, done.stderr
    assert "报价后未回复" not in suggestion(book, "Quiet Quote GmbH")


def test_without_a_log_the_unanswered_tries_count_the_steps(make_workbook) -> None:
    book = make_workbook(HEADERS, [
        [f"Quote {n}", "中国", stage, dt.date(2026, 11, 2), None, 5, n, "邮件"]
        for n, stage in zip(range(1, 7), ["已报价", "寄样", "谈判中", "已报价", "PI", "已报价"],
                            strict=True)
    ])
    assert xltrade("refresh", str(book)).returncode == 0
    for n, lead in enumerate(LEADS, start=1):
        assert suggestion(book, f"Quote {n}").startswith(lead)
    assert suggestion(book, "Quote 6").startswith(NEW_CONTACT)
