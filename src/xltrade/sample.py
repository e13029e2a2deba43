"""A realistic sample customer sheet of an export team, dated around a given day.

Used by the README's first run, the tests and the benchmarks. The hand-written
rows exercise every grading and scheduling rule and the usual messy cells; more
rows, when asked for, are drawn from a seeded random generator.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import random
import sys
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from xltrade.book.guard import write_atomic
from xltrade.errors import XltradeError
from xltrade.rules.buyer_style import STYLES
from xltrade.rules.texts import both

HEADERS = ("序号", "客户名称", "联系人", "邮箱", "电话", "国家", "业务员", "询盘来源", "买家类型",
           "跟进阶段", "询盘日期", "最近跟进", "客户最后回复", "订单数", "最近下单", "跟进次数",
           "未回复次数", "跟进方式", "手动等级", "计划跟进日期", "主要产品", "备注", "客户性格")
FIELDS = ("id", "company", "contact", "email", "phone", "country", "owner", "source", "type",
          "stage", "first", "last", "reply", "orders", "last_order", "followups", "unanswered",
          "medium", "manual", "planned", "product", "notes", "style")
OWNERS = ("张伟", "李娜", "王芳")
HEADER_ROW = 3
#: Generated rows added after the hand-written ones, for a sheet of about 60 customers.
EXTRA_SAMPLE_ROWS = 20

# (company, country, owner, type, stage, first, last, reply, orders, last_order,
#  followups, unanswered, medium, manual, planned, notes): day numbers are offsets
# from today (negative = past); strings are typed as they are, messy on purpose.
Row = tuple[object, ...]
HAND_ROWS: tuple[Row, ...] = (
    ("Acme Trading LLC", "美国", 0, "真实买家", "返单", -400, -16, -20, 5, -40, 12, 0, "邮件",
     None, None, "老客户，季度返单"),
    ("Berlin Haus GmbH", "德国", 1, "采购商", "已下单", -200, -3, -5, "2次", -30, 8, 0,
     "WhatsApp", None, None, None),
    ("Lagos Import Co.", "尼日利亚", 2, None, None, -500, -20, -410, None, -420, 15, 1, "邮件",
     None, None, "一年多没下单了"),
    ("Osaka Kogyo", "日本", 0, None, "成交", -90, -15, -15, None, None, 6, 0, "邮件", None,
     None, None),
    ("Dubai Star General Trading", "阿联酋", 1, "真实买家", "已报价", -30, -6, -7, 0, None, 4, 0,
     "WhatsApp", None, None, "询价 20GP"),
    ("Sao Paulo Distribuidora", "巴西", 2, None, "寄样", -40, -9, -12, None, None, 5, 1, "邮件",
     None, None, "样品已签收"),
    ("Melbourne Supplies Pty", "澳大利亚", 0, None, "PI", -25, -2, -2, None, None, 6, 0,
     "电话", None, None, "PI 已发，等付款"),
    ("Toronto Home Goods", "加拿大", 1, "寻找卖家", "新询盘", -1, None, None, None, None, 0, 0,
     None, None, None, "阿里询盘，要求 24 小时内回复"),
    ("Mumbai Sourcing Pvt", "印度", 2, "真实买家", None, -4, -4, None, None, None, 1, 1, "邮件",
     None, None, None),
    ("Warsaw Trade Sp. z o.o.", "波兰", 0, None, "已报价", -120, -70, -90, None, None, 9, 4,
     "邮件", None, None, "报价后就没消息了"),
    ("Riyadh Build Materials", "沙特阿拉伯", 1, None, "谈判中", -150, -65, -75, None, None, 7, 2,
     "邮件", None, None, None),
    ("Madrid Deco SL", "西班牙", 2, None, "已回复", -35, -22, -22, None, None, 3, 0, "邮件",
     None, None, None),
    ("Lyon Maison SARL", "法国", 0, None, None, -60, -25, -30, None, None, 4, 0, "邮件", None,
     None, "回复过一次，说明年再看"),
    ("Hanoi New Start Co.", "越南", 1, "新手", "已联系", -20, -10, None, None, None, 2, 2, "邮件",
     None, None, "刚开始做这个产品"),
    ("Seoul Price Check Inc.", "韩国", 2, "比价", "已联系", -45, -30, None, None, None, 3, 1,
     "邮件", None, None, None),
    ("Cairo Sample Hunters", "埃及", 0, "要样品", "已联系", -15, -8, None, None, None, 2, 1,
     "邮件", None, None, "只要免费样品"),
    ("Istanbul Cold Lead", "土耳其", 1, None, "已发开发信", -50, -29, None, None, None, 2, 2,
     "邮件", None, None, None),
    ("Shenzhen Copycat Ltd", "中国", 2, "同行", "已联系", -10, -5, None, None, None, 1, 0,
     "邮件", None, None, "同行打听价格"),
    ("Spam Inquiry 001", "美国", 0, None, "垃圾询盘", -3, None, None, None, None, 0, 0, None,
     None, None, None),
    ("Chicago Lost Deal Inc.", "美国", 1, None, "丢单", -300, -40, -100, None, None, 10, 3,
     "邮件", None, None, "价格没谈拢"),
    ("Milano Design Srl", "意大利", 2, None, "已联系", -70, -20, None, None, None, 9, 9, "邮件",
     None, None, "连续 9 次没回复"),
    ("Amsterdam Flowers BV", "荷兰", 0, None, "已联系", -60, -12, None, None, None, 6, 6, "电话",
     None, None, None),
    ("Bangkok Living Co.", "泰国", 1, None, "已联系", -40, -18, None, None, None, 4, "3次",
     "邮件", None, None, None),
    ("Kuala Lumpur Mart", "马来西亚", 2, None, "已报价", -20, -8, -9, None, None, 3, 0, "邮件",
     "A类", None, "老板指定重点跟"),
    ("Jakarta Hardware", "印度尼西亚", 0, None, "已回复", -30, -12, -13, None, None, 3, 0,
     "邮件", None, 5, "约好下周视频"),
    ("Singapore Office Pte", "新加坡", 1, "真实买家", "已回复", -9, -2, -3, None, None, 2, 0,
     "WhatsApp", None, None, None),
    ("Manila Retail Corp", "菲律宾", 2, None, None, None, None, None, None, None, None, None, None,
     None, None, "名片上的客户，还没联系"),
    ("Mexico Ferreteria SA", "墨西哥", 0, None, "新询盘", -2, None, None, None, None, 0, 0, None,
     None, None, None),
    ("=SUM(1,2) Ltd", "UK", 1, None, "已联系", -18, -9, None, None, None, 2, 1, "email", None,
     None, "公司名像公式"),
    ("Athens Marine", "Greece", 2, None, "已回复", "MESSY:ymd_slash:-40", "MESSY:ymd_dot:-11",
     "MESSY:cn:-12", None, None, 3, 0, "邮件", None, None, "日期是文本"),
    ("Lima Agro SAC", "PE", 0, None, "已联系", "MESSY:compact:-33", "MESSY:serial:-20", None,
     None, None, 2, 1, "邮件", None, None, None),
    ("Bogota Import", "COL", 1, None, "已联系", "MESSY:dmy:-26", "MESSY:ambiguous", None, None,
     None, 2, 1, "邮件", None, None, "最近跟进日期写成了 3/4"),
    ("Nairobi Traders", "肯尼亚", 2, None, "已回复", -44, "MESSY:future", -20, None, None, 3,
     0, "邮件", None, None, "最近跟进写成了未来日期"),
    ("Casablanca Souk", "摩洛哥", 0, None, "考虑中", -33, -14, None, "abc", None, "-2", None,
     "邮件", "E", None, "阶段、订单数、次数、等级都填错了"),
    ("Acme Trading LLC", "美国", 1, None, "已联系", -12, -6, None, None, None, 1, 1, "邮件",
     None, None, "和第一行重名"),
    ("Oslo Nordic AS", "挪威", 2, None, "已回复", -50, -28, -28, None, None, 4, 0, "邮件", None,
     None, None),
    ("Kyiv Build LLC", "乌克兰", 0, "真实买家", "已报价", -20, -14, -15, None, None, 3, 0,
     "邮件", None, None, None),
    ("Moscow Tech OOO", "俄罗斯", 1, None, "已联系", -14, -7, None, None, None, 1, 1, "邮件",
     None, None, None),
    ("Santiago Hogar SpA", "Chile", 2, None, "已联系", -25, -21, None, None, None, 2, 2, "邮件",
     None, None, None),
    ("Mars Colony Supplies", "火星", 0, None, "已联系", -21, -11, None, None, None, 1, 1, "邮件",
     None, None, "国家写错了"),
)
#: The buyer styles the hand-written customers have (客户性格, a column the team added
#: last, with a dropdown); one is typed as no style is named, as people do.
STYLE_NAMES = tuple(zh for zh, _, _ in STYLES.values())
HAND_STYLES = {"Berlin Haus GmbH": "分析型", "Dubai Star General Trading": "砍价型",
               "Toronto Home Goods": "犹豫型", "Chicago Lost Deal Inc.": "抱怨型",
               "Osaka Kogyo": "专家型", "Jakarta Hardware": "友好型",
               "Seoul Price Check Inc.": "砍价", "Lima Agro SAC": "急性子"}
PRODUCTS = ("LED 灯具", "户外家具", "厨房用品", "五金工具", "纺织品", "包装材料")
MORE_COMPANIES = ("Global", "Pacific", "Atlas", "Nova", "Prime", "Summit", "Crown", "Delta",
                  "Vertex", "Orion", "Zenith", "Apex")
MORE_KINDS = ("Trading", "Imports", "Supply", "Industries", "Retail", "Distribution")
MORE_COUNTRIES = ("美国", "德国", "英国", "法国", "澳大利亚", "巴西", "印度", "日本", "阿联酋",
                  "墨西哥", "加拿大", "西班牙")
MORE_STAGES = (None, "新询盘", "已联系", "已回复", "已报价", "寄样", "谈判中", "成交", "丢单")


def _messy(spec: str, today: dt.date) -> object:
    _, kind, *rest = spec.split(":")
    if kind == "ambiguous":
        return "3/4/" + str(today.year)
    if kind == "future":
        day = today + dt.timedelta(days=30)
        return f"{day.year}-{day.month:02d}-{day.day:02d}"
    day = today + dt.timedelta(days=int(rest[0]))
    if kind == "ymd_slash":
        return f"{day.year}/{day.month}/{day.day}"
    if kind == "ymd_dot":
        return f"{day.year}.{day.month}.{day.day}"
    if kind == "cn":
        return f"{day.year}年{day.month}月{day.day}日"
    if kind == "compact":
        return f"{day.year}{day.month:02d}{day.day:02d}"
    if kind == "serial":
        return (day - dt.date(1899, 12, 30)).days
    if kind == "dmy":
        # Day over 12, so day and month cannot be confused.
        day = day.replace(day=max(day.day, 13))
        return f"{day.day}/{day.month}/{day.year} 10:30"
    raise ValueError(spec)


def _day(value: object, today: dt.date) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return today + dt.timedelta(days=value)
    if isinstance(value, str) and value.startswith("MESSY:"):
        return _messy(value, today)
    return value


def hand_rows(today: dt.date) -> list[dict[str, object]]:
    rows = []
    for i, (company, country, owner, kind, stage, first, last, reply, orders, last_order,
            followups, unanswered, medium, manual, planned, notes) in enumerate(HAND_ROWS):
        slug = "".join(ch for ch in str(company).lower() if ch.isalnum())[:12] or "customer"
        rows.append({
            "company": company, "contact": ("Mr. ", "Ms. ")[i % 2] + slug[:6].title(),
            "email": f"buyer@{slug}.com", "phone": f"+{(i * 7919) % 90 + 1} 555 {1000 + i}",
            "country": country, "owner": OWNERS[int(owner)],  # type: ignore[call-overload]
            "source": ("阿里巴巴", "展会", "官网", "谷歌开发", "客户介绍")[i % 5], "type": kind,
            "stage": stage, "first": _day(first, today), "last": _day(last, today),
            "reply": _day(reply, today), "orders": orders,
            "last_order": _day(last_order, today), "followups": followups,
            "unanswered": unanswered, "medium": medium, "manual": manual,
            "planned": _day(planned, today), "product": PRODUCTS[i % len(PRODUCTS)],
            "notes": notes, "style": HAND_STYLES.get(str(company)),
        })
    return rows


def random_rows(count: int, today: dt.date, seed: int = 7) -> list[dict[str, object]]:
    """``count`` plausible customers, the same for the same seed and day."""
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for i in range(count):
        stage = rng.choice(MORE_STAGES)
        first = today - dt.timedelta(days=rng.randint(0, 400))
        age = (today - first).days
        last = None
        if rng.random() < 0.85:
            last = today - dt.timedelta(days=rng.randint(0, min(age, 40)))
        reply = None
        if last is not None and rng.random() < 0.5:
            reply = last - dt.timedelta(days=rng.randint(0, min(90, (last - first).days)))
        ordered = stage == "成交" or rng.random() < 0.1
        name = f"{rng.choice(MORE_COMPANIES)} {rng.choice(MORE_KINDS)} {i + 1:05d}"
        rows.append({
            "company": name, "contact": f"Buyer {i + 1}", "email": f"buyer{i + 1}@example.com",
            # One number a buyer, as in a real sheet (555 numbers are fictional).
            "phone": f"+1 {201 + i // 10000 % 700} 555 {i % 10000:04d}",
            "country": rng.choice(MORE_COUNTRIES),
            "owner": rng.choice(OWNERS), "source": rng.choice(("阿里巴巴", "展会", "官网")),
            "type": rng.choice((None, None, "真实买家", "新手", "比价", "要样品")),
            "stage": stage, "first": first, "last": last, "reply": reply,
            "orders": rng.randint(1, 9) if ordered else None,
            "last_order": (last or first) if ordered else None,
            "followups": rng.randint(0, 12), "unanswered": rng.choice((0, 0, 0, 1, 2, 3, 5, 8)),
            "medium": rng.choice(("邮件", "WhatsApp", "电话")), "manual": None, "planned": None,
            "product": rng.choice(PRODUCTS), "notes": None,
            # From the row's number, not the generator: the other columns stay as they were.
            "style": (None, None, None, *STYLE_NAMES)[i % (3 + len(STYLE_NAMES))],
        })
    return rows


def write_sample(path: Path, today: dt.date, rows: int = 0, *, force: bool = False) -> Path:
    """Write the sample workbook: the hand-written sheet, or ``rows`` generated customers.
    An existing file is never replaced unless ``force``: it may be a team's workbook."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise XltradeError(f"{path}: the sample is a plain workbook: give a name ending in "
                           ".xlsx (xltrade build makes the macro workbook)")
    if (path.exists() or path.is_symlink()) and not force:
        raise XltradeError(*both("error.exists", path=path))
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "客户表"
    ws.sheet_view.tabSelected = True  # as Excel saves it: the open sheet is selected
    customers = random_rows(rows, today) if rows else hand_rows(today) + random_rows(
        EXTRA_SAMPLE_ROWS, today)
    title = ws.cell(row=1, column=1, value=f"{today.year} 年外贸客户跟进表")
    title.font = Font(bold=True, size=14)
    title.alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    header_fill = PatternFill(fill_type="solid", start_color="FFFCE4D6", end_color="FFFCE4D6")
    for column, text in enumerate(HEADERS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=column, value=text)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        ws.column_dimensions[get_column_letter(column)].width = 14
    ws.column_dimensions["B"].width = 28
    row = HEADER_ROW + 1
    for number, customer in enumerate(customers, start=1):
        if not rows and number in (12, 25):
            row += 1  # a blank row inside the table, as people leave them
        for column, field in enumerate(FIELDS, start=1):
            value = number if field == "id" else customer[field]
            cell = ws.cell(row=row, column=column, value=value)  # type: ignore[call-overload]
            if isinstance(value, str):
                cell.data_type = "s"  # "=SUM(1,2) Ltd" is a company, not a formula
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
        row += 1
    if not rows:
        ws.cell(row=row, column=3, value="Mr. Nobody")  # a row with values but no company
        ws.cell(row=row, column=22, value="名片，公司名待补")
        ws.cell(row=row + 1, column=2, value="合计")
        ws.cell(row=row + 1, column=14, value=f"=SUM(N{HEADER_ROW + 1}:N{row - 1})")
    style = get_column_letter(FIELDS.index("style") + 1)
    choices = DataValidation(type="list", formula1='"' + ",".join(STYLE_NAMES) + '"',
                             allow_blank=True, errorStyle="warning")
    choices.add(f"{style}{HEADER_ROW + 1}:{style}{max(row - 1, HEADER_ROW + 1)}")
    ws.add_data_validation(choices)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(HEADERS))}{row - 1}"
    notes = wb.create_sheet("产品目录")
    notes.append(["产品", "起订量", "交期（天）"])
    for product in PRODUCTS:
        notes.append([product, 500, 30])
    write_atomic(path, _saved(wb, path))
    return path


def _saved(wb: openpyxl.Workbook, path: Path) -> bytes:
    """The workbook's bytes. openpyxl spools sheets through temporary files: on a full
    disk that fails inside it, and its half-run writers complain again when collected."""
    buffer = io.BytesIO()
    failure: str | None = None
    previous = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        try:
            wb.save(buffer)
        except Exception as exc:  # whatever openpyxl or lxml raise for a failed write
            failure = str(exc)
        gc.collect()  # the failed writers finish here, quietly
    finally:
        sys.unraisablehook = previous
    if failure is not None:
        raise XltradeError(f"{path}: could not be written ({failure}); free some disk "
                           "space, or write to another folder")
    return buffer.getvalue()
