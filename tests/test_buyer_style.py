"""The buyer's style (客户性格 / Buyer style): a column read by meaning under the
team's own header, each style adding its approach to the suggestion, a complaint's
steps coming first, and an unknown style a data issue naming sheet, row, column and
value."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import suggestions
from xltrade.rules.buyer_style import BUYER_STYLES, read_buyer_style
from xltrade.rules.headers import read_header

TODAY = "2026-11-18"
STYLE_CELLS = {"analytical": "分析型", "haggler": "讨价还价型", "hesitant": "犹豫不决",
               "complaining": "抱怨型", "expert": "Expert", "friendly": "友好型客户"}
APPROACH_STARTS = {"analytical": "分析型：给数据和证据", "haggler": "砍价型：先讲价值再谈价",
                   "hesitant": "犹豫型：只给一两个选项", "expert": "专家型：尊重其专业",
                   "friendly": "友好型：热情礼貌"}
COMPLAINT = "处理投诉：①听完并复述问题"


def xltrade(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xltrade", *args, "--today", TODAY],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("header", ["客户性格", "客戶性格", "性格", "客户性格类型", "买家风格",
                                    "Buyer style", "Customer personality", "buyer_style",
                                    "沟通风格（客户）"])
def test_the_column_is_recognised_by_meaning(header: str) -> None:
    assert max(read_header(header), key=read_header(header).__getitem__) == "buyer_style"


def test_the_buyer_type_column_is_still_the_inquiry_type() -> None:
    assert "buyer_style" not in read_header("客户类型")
    assert "buyer_style" not in read_header("买家类型")


def test_every_style_is_read_from_its_names() -> None:
    from xltrade.rules.buyer_style import STYLES
    for code in BUYER_STYLES:
        zh, en, more = STYLES[code]
        assert {read_buyer_style(w) for w in (zh, en, *more)} == {code}, code
    assert read_buyer_style("分析型 砍价型") is None  # two styles: not guessed


@pytest.fixture
def book(make_workbook) -> Path:
    headers = ["客户名称", "国家", "跟进阶段", "最近跟进", "客户最后回复", "未回复次数", "备注",
               "客户性格"]
    rows = [[f"Style {code}", "中国", "已回复", dt.date(2026, 11, 2), dt.date(2026, 11, 2), 0,
             None, cell] for code, cell in STYLE_CELLS.items()]
    rows += [
        ["Plain Co", "中国", "已回复", dt.date(2026, 11, 2), dt.date(2026, 11, 2), 0, None, None],
        ["Odd Style", "中国", "已回复", dt.date(2026, 11, 2), dt.date(2026, 11, 2), 0, None,
         "火爆型"],
        ["Complaint Note", "中国", "已成交", dt.date(2026, 11, 2), dt.date(2026, 11, 2), 0,
         "客户投诉包装破损", "友好型"],
        ["Complaint Stage", "中国", "投诉", dt.date(2026, 11, 2), dt.date(2026, 11, 2), 0, None,
         None],
    ]
    return make_workbook(headers, rows)


def test_each_style_changes_the_suggestion(book: Path) -> None:
    done = xltrade("refresh", str(book))
    assert done.returncode == 0, done.stderr
    got = suggestions(book)
    plain = got["Plain Co"]
    assert plain and "；" not in plain  # a topic alone
    for code, start in APPROACH_STARTS.items():
        text = got[f"Style {code}"]
        assert text != plain and f"；{start}" in text, code
    # A complaining buyer gets the complaint's steps first, then the action.
    assert got["Style complaining"].startswith(COMPLAINT)
    assert got["Style complaining"].endswith(plain)
    assert len({got[f"Style {c}"] for c in STYLE_CELLS} | {plain}) == len(STYLE_CELLS) + 1


def test_a_complaint_in_the_notes_or_stage_comes_first(book: Path) -> None:
    done = xltrade("refresh", str(book), "--json")
    assert done.returncode == 0, done.stderr
    got = suggestions(book)
    assert got["Complaint Note"].startswith(COMPLAINT)
    assert "友好型：热情礼貌" in got["Complaint Note"]  # the style still says its line
    assert got["Complaint Stage"].startswith(COMPLAINT)
    # 投诉 in the stage column is a complaint, not an unreadable stage.
    grades = {c["company"]: c for c in json.loads(done.stdout)}
    assert grades["Complaint Note"]["grade"] == "A"


def test_an_unknown_style_is_a_data_issue(book: Path) -> None:
    done = xltrade("report", str(book), "--json")
    assert done.returncode == 0, done.stderr
    issues = json.loads(done.stdout)["issues"]
    odd = [i for i in issues if i["value"] == "火爆型"]
    assert odd == [{"row": 9, "column": "客户性格", "value": "火爆型",
                    "problem": odd[0]["problem"]}]
    assert "客户性格" in odd[0]["problem"]
    assert not [i for i in issues if i["value"] == "投诉"]
    # Nothing is guessed for it: the suggestion is the plain one.
    got = suggestions(book)
    assert got["Odd Style"] == got["Plain Co"]
    assert "火爆型" in done.stderr and "客户表" in done.stderr
