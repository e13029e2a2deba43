"""The follow-up log (跟进记录 / Follow-ups): one row per follow-up actually made, and
what the rules learn from it.

The log is the team's data: xltrade reads it, never rewrites it. Read here into a
table of (sheet row, date, customer key, medium, topic, replied), with a data issue
for each row naming no known customer, a future date, an unknown medium or topic.
From it, per customer: the last contact, the unanswered tries since the last reply,
the last topics and media. When the workbook has no log, nothing changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from xltrade.rules.data_issues import DataIssue
from xltrade.rules.normalize import normalize_label
from xltrade.rules.parsing import parse_date

LOG_SHEET_NAMES = ("跟进记录", "Follow-ups")
LOG_FIELDS = ("date", "company", "owner", "medium", "topic", "contact", "replied", "note")
#: Field -> (Chinese header, English header, other headers the log is read under).
LOG_HEADERS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "date": ("日期", "Date", ("跟进日期", "联系日期", "date contacted")),
    "company": ("客户名称", "Company", ("客户", "公司", "公司名称", "customer")),
    "owner": ("业务员", "Salesperson", ("负责人", "跟进人", "owner", "sales")),
    "medium": ("跟进方式", "Medium", ("方式", "渠道", "channel", "method")),
    "topic": ("话题", "Topic", ("跟进内容", "主题", "内容", "subject")),
    "contact": ("联系人", "Contact", ("对接人", "contact person")),
    "replied": ("客户已回复", "Replied", ("已回复", "回复", "reply", "answered")),
    "note": ("备注", "Note", ("说明", "notes", "remark")),
}
#: Medium code -> (Chinese, English, aliases).
MEDIA: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "email": ("邮件", "Email", ("邮箱", "电子邮件", "e-mail", "mail", "开发信", "edm")),
    "phone": ("电话", "Phone", ("打电话", "call", "tel", "telephone", "电话沟通")),
    "whatsapp": ("WhatsApp", "WhatsApp", ("whats app", "wa")),
    "wechat": ("微信", "WeChat", ("weixin", "wx")),
    "visit": ("拜访", "Visit", ("上门", "面谈", "meeting", "见面")),
    "fair": ("展会", "Trade show", ("展会见面", "expo", "exhibition", "fair")),
    "other": ("其他", "Other", ("其它", "others")),
}
#: What to try after unanswered tries, in this order, skipping what was just used.
MEDIUM_ORDER = ("phone", "whatsapp", "email", "wechat", "visit")
#: Topic code -> (Chinese, English, aliases); topic.0 .. topic.5 of the suggestions.
TOPICS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "offer": ("补充完善报价", "Revised offer", ("报价", "补充报价", "offer", "quotation")),
    "price": ("价格更新", "Price update", ("价格", "调价", "price")),
    "product": ("新产品推荐", "New product", ("新品", "新产品", "产品更新", "product")),
    "news": ("公司动态", "Company news", ("动态", "新闻", "news")),
    "fair": ("展会邀请", "Trade-show invitation", ("展会", "trade show", "fair")),
    "visit": ("来访邀请", "Factory visit", ("来访", "参观工厂", "visit")),
    "greeting": ("节日问候", "Holiday greeting", ("问候", "节日", "greeting")),
    # The checklist for a quote that went silent (:mod:`xltrade.rules.silent_quote`).
    "self_check": ("自查报价", "Offer self-check", ("自查", "self check", "check offer")),
    "delivery": ("确认送达", "Delivery check", ("送达", "垃圾邮件", "spam check", "delivery")),
    "away": ("出差或考验", "Away or testing", ("出差", "考验", "travelling", "away")),
    "other_contact": ("换联系人", "Another contact", ("新联系人", "other contact",
                                                   "another contact", "new contact")),
    "other": ("其他", "Other", ("其它", "others")),
}
#: The rotating topics of the suggestions, in their order (spec §4.3 item 6).
ROTATION = ("offer", "price", "product", "news", "fair", "visit")
YES = frozenset(normalize_label(w) for w in ("是", "已回复", "回复", "yes", "y", "true", "1", "✓"))
NO = frozenset(normalize_label(w) for w in ("否", "未回复", "没回复", "no", "n", "false", "0"))


def is_log_sheet(name: str) -> bool:
    """Whether a sheet is the follow-up log, by its name in either language."""
    return normalize_label(name) in _LOG_NAMES


def _lookup(table: dict[str, tuple[str, str, tuple[str, ...]]]) -> dict[str, str]:
    return {normalize_label(word): code for code, (zh, en, more) in table.items()
            for word in (code, zh, en, *more)}


_LOG_NAMES = frozenset(normalize_label(n) for n in LOG_SHEET_NAMES)
MEDIUM_LOOKUP = _lookup(MEDIA)
TOPIC_LOOKUP = _lookup(TOPICS)
LOG_HEADER_LOOKUP = _lookup(LOG_HEADERS)


@dataclass(frozen=True)
class LogEntry:
    row: int
    day: dt.date
    key: str
    medium: str | None
    topic: str | None
    replied: bool
    #: Who made the follow-up, as the log says (blank: the customer's salesperson).
    owner: str | None = None


@dataclass
class CustomerLog:
    """What the log says about one customer, its entries oldest first."""

    entries: list[LogEntry] = field(default_factory=list)

    @property
    def last_contact(self) -> dt.date | None:
        return max((e.day for e in self.entries), default=None)

    def unanswered(self) -> int:
        """Tries since the customer last replied (or since the first, if never)."""
        count = 0
        for entry in reversed(self.entries):
            if entry.replied:
                break
            count += 1
        return count

    def last_topics(self, n: int = 2) -> list[str]:
        return [e.topic for e in self.entries if e.topic][-n:]

    def last_media(self, n: int = 3) -> list[str]:
        return [e.medium for e in self.entries if e.medium][-n:]


@dataclass
class Log:
    """The log read, per customer key, with the data issues found."""

    customers: dict[str, CustomerLog] = field(default_factory=dict)
    issues: list[DataIssue] = field(default_factory=list)

    def of(self, key: str) -> CustomerLog | None:
        return self.customers.get(key)


def read_log(sheet: str, rows: Sequence[Sequence[object]], known: set[str],
             today: dt.date, column_map: dict[str, str] | None = None) -> Log | None:
    """The log in ``rows`` (a header row among the first ten, then one follow-up a row),
    for customers whose normalised names are in ``known``; ``None`` when the sheet has
    no log header (a date and a company column). ``column_map`` (field -> header, from
    the Settings sheet) names headers of the team's own."""
    log = Log()
    header_at, columns = _header(rows, column_map)
    if not columns:
        return None
    headers = {f: str(rows[header_at][c]) for f, c in columns.items()}
    # Names, answers and words repeat down a log: each is normalised once.
    keys: dict[str, str] = {}
    yes_cache: set[str] = set()
    no_cache: set[str] = set()
    width = max(columns.values()) + 1
    at = {name: columns.get(name, width) for name in LOG_FIELDS}  # width: a blank pad
    for offset, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        cells = [*row, *([None] * (width + 1 - len(row)))] if len(row) <= width else row
        company = cells[at["company"]]
        if company is None or not str(company).strip():
            continue
        key = keys.get(company) if company.__class__ is str else None
        if key is None:
            key = normalize_label(company)
            if company.__class__ is str:
                keys[company] = key
        raw_day = cells[at["date"]]
        day, problem = raw_day, None
        if raw_day.__class__ is not dt.date:  # the reader gives dates as dates already
            day, problem = parse_date(raw_day, today)
        if problem or not isinstance(day, dt.date):
            log.issues.append(DataIssue(sheet, offset, headers["date"], raw_day,
                                        problem or "issue.log_no_date"))
            continue
        if day > today:
            log.issues.append(DataIssue(sheet, offset, headers["date"], day,
                                        "issue.future_date"))
            continue
        if key not in known:
            log.issues.append(DataIssue(sheet, offset, headers["company"], company,
                                        "issue.log_unknown_customer"))
            continue
        medium = _word(cells[at["medium"]], MEDIUM_LOOKUP, "medium", sheet, offset, headers, log)
        topic = _word(cells[at["topic"]], TOPIC_LOOKUP, "topic", sheet, offset, headers, log)
        answer = cells[at["replied"]]
        replied = answer in yes_cache if answer.__class__ is str else False
        if answer.__class__ is str and answer not in yes_cache and answer not in no_cache:
            (yes_cache if normalize_label(answer) in YES else no_cache).add(answer)
            replied = answer in yes_cache
        elif answer is not None and answer.__class__ is not str:
            replied = normalize_label(answer) in YES
        who = cells[at["owner"]]
        owner = str(who).strip() or None if who is not None else None
        log.customers.setdefault(key, CustomerLog()).entries.append(
            LogEntry(offset, day, key, medium, topic, replied, owner))
    for customer in log.customers.values():
        customer.entries.sort(key=lambda e: (e.day, e.row))
    return log


def _word(value: object, lookup: dict[str, str], name: str, sheet: str, row: int,
          headers: dict[str, str], log: Log) -> str | None:
    if value is None or not str(value).strip():
        return None
    code = lookup.get(value) if value.__class__ is str else None  # as typed, often exact
    if code is None:
        code = lookup.get(normalize_label(value))
    if code is None:
        log.issues.append(DataIssue(sheet, row, headers[name], value, f"issue.log_bad_{name}"))
    return code


def log_columns(rows: Sequence[Sequence[object]], column_map: dict[str, str] | None = None
                ) -> tuple[int, dict[str, int]]:
    """The log's header row (0-based) among the first ten and its fields' 0-based
    columns; no columns when the sheet has no log header."""
    return _header(rows, column_map)


def _header(rows: Sequence[Sequence[object]], column_map: dict[str, str] | None = None
            ) -> tuple[int, dict[str, int]]:
    """The header row (0-based) among the first ten and its fields' 0-based columns;
    headers named in ``column_map`` take precedence over the aliases."""
    lookup = dict(LOG_HEADER_LOOKUP)
    for name, text in (column_map or {}).items():
        lookup[normalize_label(text)] = name
    for at, cells in enumerate(rows[:10]):
        found: dict[str, int] = {}
        for c, value in enumerate(cells):
            code = lookup.get(normalize_label(value)) if value is not None else None
            if code is not None and code not in found:
                found[code] = c
        if {"date", "company"} <= set(found):
            return at, found
    return 0, {}


def apply_log(table: pd.DataFrame, log: Log) -> None:
    """Where the log knows of a later contact than the sheet, take the last contact and
    the unanswered tries from it, and a later reply too."""
    contact = table["last_contact"].to_numpy(dtype="datetime64[D]").copy()
    reply = table["last_reply"].to_numpy(dtype="datetime64[D]").copy()
    unanswered = table["unanswered"].to_numpy(dtype=float).copy()
    for i, key in enumerate(table["company_key"].tolist()):
        customer = log.of(key)
        if customer is None or not customer.entries:
            continue
        last = np.datetime64(customer.last_contact, "D")
        if np.isnat(contact[i]) or last > contact[i]:
            contact[i] = last
            unanswered[i] = customer.unanswered()
        replies = [e.day for e in customer.entries if e.replied]
        if replies and (np.isnat(reply[i]) or np.datetime64(max(replies), "D") > reply[i]):
            reply[i] = np.datetime64(max(replies), "D")
    table["last_contact"] = contact
    table["last_reply"] = reply
    table["unanswered"] = unanswered


def next_topic(count: float, log: CustomerLog | None) -> int:
    """The rotating topic for a customer: by follow-up count, but never one of the last
    two topics logged for them."""
    index = int(count) % len(ROTATION) if count == count else 0
    recent = set(log.last_topics(2)) if log else set()
    for step in range(len(ROTATION)):
        if ROTATION[(index + step) % len(ROTATION)] not in recent:
            return (index + step) % len(ROTATION)
    return index


def next_medium(log: CustomerLog | None) -> str | None:
    """A medium not used in the last three logged tries, or ``None`` without a log."""
    if log is None or not log.entries:
        return None
    recent = set(log.last_media(3))
    return next((m for m in MEDIUM_ORDER if m not in recent), None)
