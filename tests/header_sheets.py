"""Sheets for the recognition tests: realistic values for each field, so that a header
set from the corpus can be filled as a team would fill it, and the canonical sheet with
the same data under the spec's own headers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl

DATA = Path(__file__).parent / "data"
TODAY = dt.date(2026, 11, 18)
ROWS = 14

COMPANIES = ("Acme Trading LLC", "Berlin Haus GmbH", "上海远景贸易有限公司", "Osaka Kogyo Co., Ltd.",
             "Dubai Star General Trading", "Lagos Import Co.", "Toronto Home Goods Inc.",
             "Sao Paulo Distribuidora Ltda", "Melbourne Supplies Pty", "Warsaw Trade Sp. z o.o.",
             "Mumbai Sourcing Pvt Ltd", "Riyadh Build Materials", "Lima Andes SAC",
             "Hanoi Craft Company")
PEOPLE = ("John Smith", "Anna Müller", "王磊", "Kenji Sato", "Ahmed Ali", "Chidi Okafor")
STAGES = ("已报价", "样品已寄出", "Closed Won", "新询盘", "已联系", "价格谈判中", "已回复", None,
          "Proposal Sent", "丢单", "已報價", "无效", "In Negotiation", "寄样")
TYPES = ("真实买家", "信息收集型", None, "比价", "采购商", None, "准备入市", "同行")
MEDIA = ("邮件", "电话", "WhatsApp", "邮件", "微信")


def past(i: int, spread: int = 9) -> dt.date:
    return TODAY - dt.timedelta(days=3 + (i * spread) % 80)


def value(field: str, i: int) -> object:
    """Row ``i``'s value of ``field``, varied so that every rule has work to do."""
    if field == "company":
        return COMPANIES[i % len(COMPANIES)]
    if field == "contact":
        return PEOPLE[i % len(PEOPLE)]
    if field == "email":
        return f"buyer{i}@example{i % 3}.com"
    if field == "phone":
        return f"+1 415 555 01{i:02d}"
    if field == "country":
        return ("美国", "Germany", "中国", "日本", "UAE", "Nigeria")[i % 6]
    if field == "owner":
        return ("张伟", "李娜", "王芳")[i % 3]
    if field == "source":
        return ("Alibaba", "展会", "Google", "Made-in-China")[i % 4]
    if field == "inquiry_type":
        return TYPES[i % len(TYPES)]
    if field == "stage":
        return STAGES[i % len(STAGES)]
    if field == "first_contact":
        return past(i, 17) - dt.timedelta(days=60)
    if field == "last_contact":
        return past(i, 7)
    if field == "last_reply":
        return None if i % 4 == 3 else past(i, 11) - dt.timedelta(days=5)
    if field == "orders":
        return (0, 2, None, 1, 0, 5)[i % 6]
    if field == "last_order":
        return None if i % 3 else past(i, 13) - dt.timedelta(days=200)
    if field == "followups":
        return i % 9
    if field == "unanswered":
        return (0, 1, 3, 5, 0, 8, 2)[i % 7]
    if field == "medium":
        return MEDIA[i % len(MEDIA)]
    if field in ("grade_override", "team_grade"):
        return ("A", None, "B", None, "C", None, "D")[i % 7] if field == "team_grade" else (
            "B" if i == 5 else None)
    if field == "planned":
        return TODAY + dt.timedelta(days=2 + i % 20) if i % 5 == 0 else None
    if field == "notes":
        return ("报价后没消息", "要求 24 小时内回复", "Asked for FOB price", None)[i % 4]
    if field == "id":
        return i + 1
    return f"{field} {i}"


def neutral(i: int) -> str:
    """A value for a column that is none of the fields: plain words."""
    return ("see file", "n/a", "widget X-1", "tbc", "other")[i % 5]


def corpus() -> list[dict]:
    return json.loads((DATA / "headers" / "corpus.json").read_text(encoding="utf-8"))


def column_values(header_set: dict) -> dict[int, list[object]]:
    """Values under each header of a corpus set: the field's values for the headers a
    person maps (an alternate of a field that is mapped takes the same values), plain
    words under the rest."""
    expected, alternates = header_set["expected"], header_set.get("alternates", {})
    mapped = set(expected.values())
    out = {}
    for column, header in enumerate(header_set["headers"], start=1):
        field = expected.get(header) or (alternates.get(header)
                                         if alternates.get(header) in mapped else None)
        out[column] = [value(field, i) if field else neutral(i) for i in range(ROWS)]
    return out


def write_sheet(path: Path, headers: list[str], columns: dict[int, list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户表"
    ws.append(headers)
    for i in range(ROWS):
        ws.append([columns[c][i] for c in range(1, len(headers) + 1)])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    wb.save(path)
    return path
