"""The spec's vocabulary: input fields and their header aliases (§2.2), computed
columns (§2.3), pipeline stages (§3.2) and buyer types (§3.3).

Everything here is data; matching is exact after :func:`normalize_label`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from xltrade.rules.normalize import normalize_label

#: Input fields and the header texts that name them (spec §2.2).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("客户编号", "编号", "序号", "ID", "Customer ID", "No."),
    "company": ("客户名称", "公司名称", "客户", "公司", "客户公司", "Company", "Customer",
                "Customer name", "Company name"),
    "contact": ("联系人", "联系人姓名", "Contact", "Contact person"),
    "email": ("邮箱", "电子邮箱", "邮件", "Email", "E-mail"),
    "phone": ("电话", "手机", "联系电话", "WhatsApp", "Phone", "Tel", "Mobile"),
    "country": ("国家", "国家/地区", "地区", "Country", "Region"),
    "owner": ("业务员", "负责人", "跟进人", "Owner", "Salesperson", "Sales rep"),
    "source": ("来源", "询盘来源", "客户来源", "Source", "Lead source"),
    "inquiry_type": ("买家类型", "询盘类型", "客户类型", "Buyer type", "Inquiry type"),
    "stage": ("阶段", "状态", "客户状态", "跟进阶段", "Stage", "Status"),
    "first_contact": ("询盘日期", "首次联系", "建档日期", "首次联系日期", "Inquiry date",
                      "First contact", "Created"),
    "last_contact": ("最近跟进", "最近跟进日期", "上次跟进", "最后联系日期", "最近联系",
                     "Last contact", "Last follow-up"),
    "last_reply": ("客户最后回复", "最近回复", "最后回复日期", "Last reply"),
    "orders": ("订单数", "成交次数", "下单次数", "Orders", "Order count"),
    "last_order": ("最近下单", "最后下单日期", "最近订单日期", "Last order", "Last order date"),
    "followups": ("跟进次数", "Follow-ups", "Follow-up count"),
    "unanswered": ("未回复次数", "连续未回复", "Unanswered", "Unanswered follow-ups"),
    "medium": ("跟进方式", "联系方式", "Medium", "Channel"),
    "grade_override": ("手动等级", "指定等级", "Grade override", "Manual grade"),
    "planned": ("计划跟进日期", "指定跟进日期", "Planned follow-up", "Planned date"),
    "notes": ("备注", "Notes", "Remarks"),
    "buyer_style": ("客户性格", "性格", "客户风格", "沟通风格", "Buyer style", "Customer style",
                    "Personality"),
    "time_zone": ("时区", "客户时区", "Time zone", "Timezone"),
    "city": ("城市", "所在城市", "City"),
}

#: The team's own grade column: read, shown beside xltrade's grade, and taken as the
#: grade override when Settings say so (never written by xltrade).
TEAM_GRADE_ALIASES: tuple[str, ...] = ("客户等级", "等级", "客户级别", "级别", "客户分级", "Grade",
                                       "Customer grade", "Rating", "Customer level", "Level")
#: How a field is named in Settings and messages (either name is read back).
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "id": ("客户编号", "ID"), "company": ("客户名称", "Company"), "contact": ("联系人", "Contact"),
    "email": ("邮箱", "Email"), "phone": ("电话", "Phone"), "country": ("国家", "Country"),
    "owner": ("业务员", "Owner"), "source": ("询盘来源", "Source"),
    "inquiry_type": ("买家类型", "Buyer type"), "stage": ("跟进阶段", "Stage"),
    "first_contact": ("询盘日期", "Inquiry date"), "last_contact": ("最近跟进", "Last contact"),
    "last_reply": ("客户最后回复", "Last reply"), "orders": ("订单数", "Orders"),
    "last_order": ("最近下单", "Last order"), "followups": ("跟进次数", "Follow-ups"),
    "unanswered": ("未回复次数", "Unanswered"), "medium": ("跟进方式", "Medium"),
    "grade_override": ("手动等级", "Grade override"),
    "planned": ("计划跟进日期", "Planned follow-up"), "notes": ("备注", "Notes"),
    "team_grade": ("团队等级", "Team grade"),
    "buyer_style": ("客户性格", "Buyer style"), "time_zone": ("时区", "Time zone"),
    "city": ("城市", "City"),
}

INPUT_FIELDS: tuple[str, ...] = tuple(FIELD_ALIASES)
DATE_FIELDS: tuple[str, ...] = ("first_contact", "last_contact", "last_reply", "last_order",
                                "planned")
#: Date fields that describe the past: a date after today there is a data issue (§2.4).
PAST_DATE_FIELDS: tuple[str, ...] = ("first_contact", "last_contact", "last_reply", "last_order")
COUNT_FIELDS: tuple[str, ...] = ("orders", "followups", "unanswered")
TEXT_FIELDS: tuple[str, ...] = ("id", "company", "contact", "email", "phone", "country", "owner",
                                "source", "medium", "notes")

#: Computed columns in the order they are appended (§2.3): field -> (zh, en).
COMPUTED_HEADERS: dict[str, tuple[str, str]] = {
    "grade": ("客户等级", "Grade"),
    "grade_reason": ("等级依据", "Grade reason"),
    "next_followup": ("下次跟进", "Next follow-up"),
    "due": ("跟进提醒", "Due"),
    "days_overdue": ("逾期天数", "Days overdue"),
    "suggestion": ("跟进建议", "Suggested action"),
}
COMPUTED_FIELDS: tuple[str, ...] = tuple(COMPUTED_HEADERS)

STAGE_ALIASES: dict[str, tuple[str, ...]] = {
    "new": ("新询盘", "询盘", "新客户", "新", "new", "inquiry", "enquiry", "lead", "new inquiry"),
    "contacted": ("已联系", "已发开发信", "开发信", "已跟进", "未回复", "contacted", "emailed",
                  "no reply"),
    "replied": ("已回复", "有回复", "回复", "沟通中", "replied", "responded", "in contact"),
    "quoted": ("已报价", "报价", "报价中", "quoted", "quotation", "quote sent", "offer sent"),
    "sample": ("样品", "寄样", "已寄样", "样品中", "sample", "samples", "sampling"),
    "negotiating": ("谈判", "谈判中", "议价", "在谈", "PI", "已发PI", "形式发票", "negotiating",
                    "negotiation", "proforma"),
    "ordered": ("成交", "已成交", "已下单", "下单", "返单", "老客户", "ordered", "won", "deal",
                "repeat order"),
    "lost": ("丢单", "流失", "暂停", "搁置", "lost", "dormant", "on hold"),
    "invalid": ("无效", "黑名单", "垃圾询盘", "invalid", "spam", "blacklist", "do not contact"),
}
STAGES: tuple[str, ...] = tuple(STAGE_ALIASES)

BUYER_TYPE_ALIASES: dict[str, tuple[str, ...]] = {
    "buyer": ("寻找卖家", "寻找卖家型", "真实买家", "采购商", "buyer", "real buyer", "sourcing"),
    "newcomer": ("准备入市", "准备入市型", "新手", "newcomer", "market entry"),
    "researcher": ("信息收集", "信息收集型", "比价", "researcher", "information gathering",
                   "price comparison"),
    "sample_seeker": ("索要样品", "索要样品型", "要样品", "sample seeker", "sample hunter"),
    "spy": ("窃取情报", "窃取情报型", "同行", "竞争对手", "spy", "competitor"),
}
BUYER_TYPES: tuple[str, ...] = tuple(BUYER_TYPE_ALIASES)

GRADES: tuple[str, ...] = ("A", "B", "C", "D")
#: The grades that go to the public pool (公海, §9) when neglected: never A, the
#: customers who buy.
POOL_GRADES: tuple[str, ...] = ("B", "C", "D")

#: Company cells that mark a totals row, skipped (§2.1).
TOTAL_MARKERS: frozenset[str] = frozenset(
    normalize_label(t) for t in ("合计", "总计", "小计", "Total"))


def build_lookup(table: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Map every normalised alias to its canonical code. Codes match themselves too."""
    lookup: dict[str, str] = {}
    for code, aliases in table.items():
        lookup[normalize_label(code)] = code
        for alias in aliases:
            lookup[normalize_label(alias)] = code
    return lookup


COMPUTED_LOOKUP: dict[str, str] = {
    normalize_label(header): field
    for field, headers in COMPUTED_HEADERS.items()
    for header in headers
}
STAGE_LOOKUP: dict[str, str] = build_lookup(STAGE_ALIASES)
BUYER_TYPE_LOOKUP: dict[str, str] = build_lookup(BUYER_TYPE_ALIASES)
