"""The words that carry a header's meaning, and how they combine into fields
(spec §2.1, §2.2). Data only: :mod:`xltrade.rules.headers` does the reading.

A header is read as concepts (``LAST`` ``FOLLOW`` ``DATE`` for 最后跟进日期 and for
Last Follow-up Date alike); a recipe names the concepts a field needs and those it
may carry besides. Anything else in the header means it is about something else.
Words are folded (:func:`xltrade.rules.normalize.fold`): simplified, lower case.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Concept -> words and phrases. ``""`` is filler: read, and meaning nothing.
WORDS: dict[str, tuple[str, ...]] = {
    "": ("的", "之", "所在", "在", "本", "该", "及", "和", "与", "或", "表", "栏", "项", "当前",
         "目前", "具体", "其", "客户的", "of", "the", "a", "an", "to", "by", "for", "in", "with",
         "and", "or", "is", "yyyy", "mm", "dd", "yyyy mm dd", "e", "s", "current", "main"),
    "COMPANY": ("客户", "公司", "企业", "单位", "买家", "买方", "采购商", "客商", "商家", "厂商",
                "机构", "组织", "进口商", "厂家", "客户公司", "company", "customer", "client",
                "account", "organization", "organisation", "org", "buyer", "business", "firm",
                "enterprise", "importer", "corporation", "company account"),
    "NAME": ("名称", "名字", "名", "全称", "简称", "抬头", "name", "full company name"),
    "PERSON": ("联系人", "联络人", "连络人", "对接人", "称呼", "采购员", "联系人姓名", "contact person",
               "contact name", "first name", "given name", "person", "attn", "attention",
               "buyer name", "primary contact", "key contact", "decision maker"),
    #: A person's name: with 客户 it is the customer's, a company or a person by context.
    "PERSON_NAME": ("姓名", "full name"),
    "PERSON_LAST": ("last name", "surname", "family name", "姓氏", "姓"),
    "CONTACT": ("contact",),
    "EMAIL": ("邮箱", "电邮", "电子邮件", "电子邮箱", "邮件", "邮箱地址", "邮件地址", "email",
              "e-mail", "e mail", "mail", "email address", "e-mail address", "e mail address",
              "mail address"),
    "PHONE": ("电话", "手机", "座机", "手机号", "电话号码", "手机号码", "联系电话", "号码", "电话号",
              "whatsapp", "whats app", "phone", "tel", "telephone", "mobile", "cell",
              "cellphone", "phone number", "contact number", "mobile number", "mobile phone",
              "phone no", "tel no", "whatsapp number", "work phone"),
    #: A messaging handle: beside a phone word it is the phone (电话/微信), alone nobody's.
    "WECHAT": ("微信", "wechat", "we chat", "weixin", "skype"),
    "CONTACT_INFO": ("联系方式", "联系信息", "联络方式", "联系资料", "contact info",
                     "contact information", "contact details", "contact detail"),
    "COUNTRY": ("国家", "地区", "国别", "区域", "国家地区", "所在国", "市场", "洲", "大洲",
                "country", "region", "nation", "market", "territory", "country region"),
    "OWNER": ("业务员", "业务", "负责人", "跟进人", "跟单员", "跟单", "销售", "销售员", "所属",
              "归属", "经手人", "责任人", "客户经理", "业务经理", "销售代表", "外贸员", "对接业务员",
              "跟进业务员", "所属业务员", "业务负责人", "跟进者", "人员", "电销员", "电销", "归属人",
              "所属人", "owner", "salesperson",
              "sales person", "sales rep", "sales representative", "rep", "salesman",
              "saleswoman", "sales", "account manager", "account executive", "assigned to",
              "assignee", "assigned", "responsible", "handled by", "representative",
              "sales owner", "bd", "account owner", "contact owner", "lead owner",
              "deal owner", "sales manager", "staff"),
    "SOURCE": ("来源", "源", "出处", "获客", "获取途径", "来源渠道", "source", "lead source", "origin",
               "referral", "referred by", "original source", "source of lead"),
    "CHANNEL_ZH": ("渠道", "平台", "途径"),
    "CHANNEL_EN": ("channel",),
    "TYPE": ("类型", "类别", "分类", "性质", "种类", "属性", "type", "category", "kind",
             "classification", "segment"),
    "INQUIRY": ("询盘", "询价", "来询", "线索", "商机", "询单", "inquiry", "enquiry", "lead", "rfq",
                "inquire"),
    "STAGE": ("阶段", "状态", "进度", "进展", "状况", "环节", "销售阶段", "销售状态", "销售进度",
              "开发阶段", "开发状态", "开发进度", "stage", "status", "pipeline", "progress",
              "phase", "lifecycle stage", "pipeline stage", "sales stage", "sales status"),
    "DEAL": ("deal", "opportunity", "项目"),
    "FIRST": ("首次", "第一次", "初次", "首询", "first", "initial", "original", "1st"),
    "CREATED": ("建档", "创建", "录入", "登记", "新增", "添加", "加入", "入库", "建立", "开发", "导入",
                "收到", "接收", "来询", "created", "create", "creation", "added", "entered",
                "registered", "date added", "date created", "created on", "created at",
                "since", "add", "received", "imported"),
    "LAST": ("最近", "最后", "上次", "上一次", "最新", "末次", "最近一次", "最后一次", "近期",
             "last", "latest", "recent", "most recent", "previous", "prior", "lastest"),
    "NEXT": ("下次", "下一次", "下回", "计划", "预计", "预约", "拟", "待", "安排", "next", "planned",
             "plan", "scheduled", "upcoming", "due", "target"),
    "FOLLOW": ("跟进", "跟踪", "追踪", "联系", "联络", "连络", "沟通", "拜访", "回访", "接触", "触达",
               "交流", "洽谈", "碰面", "见面", "面谈", "follow up", "followup", "follow",
               "follow-up", "contacted", "touch", "touched", "activity", "outreach",
               "communication", "interaction", "touchpoint", "sales activity", "engagement"),
    "REPLY": ("回复", "答复", "回信", "回应", "响应", "回覆", "回邮", "reply", "replied",
              "response", "responded", "answer", "answered", "heard back", "heard from",
              "customer response"),
    "DATE": ("日期", "日", "年月日", "日子", "date", "day", "on", "when", "dt", "at"),
    #: A time of day or a moment: a date field's second choice (Lead Time beside Lead Date).
    "TIME": ("时间", "时间点", "时刻", "time", "datetime", "timestamp"),
    "COUNT": ("次数", "数量", "数目", "个数", "笔数", "总数", "次", "数", "count", "number", "num",
              "no of", "number of", "times", "qty", "quantity", "#", "cnt", "how many"),
    "TOTAL": ("总", "累计", "合计", "总计", "total", "cumulative", "lifetime"),
    "ORDER": ("订单", "下单", "成交", "采购", "购买", "交易", "返单", "成单", "签单", "订货",
              "order", "purchase", "purchased", "won deal", "repeat order"),
    "UNANSWERED": ("未回复", "未回", "无回复", "没回复", "不回复", "连续未回复", "未答复", "未回应",
                   "无响应", "unanswered", "no reply", "no response", "unreplied",
                   "without reply", "no answer", "not replied", "unresponded"),
    "MEDIUM": ("方式", "手段", "工具", "medium", "method", "via", "mode", "means",
               "contact method", "contact type", "follow-up method"),
    "GRADE": ("等级", "级别", "分级", "评级", "星级", "重要性", "重要程度", "优先级", "级", "档次",
              "grade", "level", "rating", "rank", "tier", "priority", "class"),
    "MANUAL": ("手动", "手工", "指定", "人工", "覆盖", "自定", "manual", "override", "manually",
               "forced", "fixed", "set by hand"),
    "NOTES": ("备注", "说明", "记录", "内容", "详情", "描述", "情况", "摘要", "小结", "纪要", "要点",
              "反馈", "详细", "注释", "批注", "备忘", "结果", "note", "remark", "comment",
              "description", "memo", "detail", "summary", "log", "feedback", "history",
              "result", "outcome"),
    "STYLE": ("性格", "风格", "个性", "脾气", "沟通风格", "谈判风格", "style", "personality",
              "temperament", "buyer style", "communication style"),
    "TIMEZONE": ("时区", "timezone", "time zone", "tz"),
    "CITY": ("城市", "所在城市", "city", "town"),
    "TAG": ("标签", "tag", "label"),
    "ID": ("编号", "序号", "代码", "编码", "号", "序", "客户号", "客户代码", "id", "no", "code",
           "ref", "reference", "record id", "sn", "serial", "serial no", "s n", "nr"),
    "REMIND": ("提醒", "到期", "reminder", "remind", "due date", "follow-up due", "alert"),
    "BLOCK": ("产品", "品名", "货物", "型号", "规格", "地址", "省", "省份", "网站", "网址", "官网",
              "主页", "行业", "职位", "职务", "职称", "岗位", "金额", "价格", "单价", "预算", "报价", "货值",
              "总额", "数额", "利润", "传真", "微信号", "qq", "qq号", "领英", "修改", "更新", "编辑",
              "付款", "支付", "发货", "物流", "概率", "规模", "员工", "人数", "需求", "样品", "展会",
              "目标", "创建人", "创建者", "录入人", "审核", "结案", "团队", "部门", "市场活动", "下一步",
              "分钟", "小时", "时长", "锁定", "名单", "清单", "列表", "一览", "一览表", "汇总", "统计", "登记表",
              "跟进表", "管理表", "信息表", "明细", "报表",
              "信用", "生日", "性别", "年龄", "附件", "图片", "照片", "邮编", "税号", "银行", "账号",
              "币种", "汇率", "邮寄", "快递", "运费", "港口", "装运", "成本", "营业额", "年营业额",
              "product", "item", "sku", "model", "address", "street", "state", "zip",
              "postal", "postcode", "website", "url", "web", "homepage", "domain", "linkedin",
              "facebook", "twitter", "instagram", "skype", "industry", "sector",
              "job", "title", "position", "role", "department", "amount", "value", "revenue",
              "price", "budget", "cost", "currency", "fax", "modified", "updated", "update",
              "edited", "edit", "payment", "paid", "shipping", "shipped", "delivery", "invoice",
              "probability", "size", "employee", "score",
              "annual", "birthday", "gender", "age", "attachment", "vat", "tax", "bank",
              "close", "closed", "expected", "forecast", "campaign", "marketing", "page",
              "pageview", "session", "visit", "opt", "opt out", "unsubscribed", "bounced",
              "province", "sample", "trade show", "exhibition", "fair", "interest",
              "requirement", "quote", "quotation", "proposal", "created by", "modified by",
              "sequence", "form", "conversion", "became", "ip", "browser", "lost reason",
              "reason", "won", "lost", "duration", "subject", "volume", "weight", "creator",
              "next step", "next steps", "next action", "action item", "to do", "todo",
              "minute", "minutes", "hour", "hours", "days since", "team", "group", "wechat id",
              "qq", "list", "tracker", "report", "sheet", "overview"),
}


@dataclass(frozen=True)
class Recipe:
    """A field read from a header: every group of ``needs`` has a concept in the
    header, and nothing in it falls outside ``needs`` and ``may``. Tiers: 3 a clear
    reading, 1-2 a weak one, 0 only with the column's values to back it; a half step
    down ranks a reading below another of the same field (a time below a date)."""

    field: str
    needs: tuple[frozenset[str], ...]
    may: frozenset[str] = frozenset()
    tier: float = 3


def _r(field: str, needs: str, may: str = "", tier: float = 3) -> Recipe:
    """``needs`` is groups separated by spaces, alternatives by ``|``: ``"LAST FOLLOW|CONTACT"``."""
    return Recipe(field, tuple(frozenset(g.split("|")) for g in needs.split()),
                  frozenset(may.split()), tier)


_DAY = "DATE TIME"
_ANY_DAY = "DATE|TIME"
#: Strongest first within a field; the reader keeps each field's best tier.
RECIPES: tuple[Recipe, ...] = (
    _r("company", "COMPANY", "NAME", 3),
    _r("company", "COMPANY PERSON_NAME", "", 2),
    _r("company", "NAME", "", 1),
    _r("contact", "PERSON", "COMPANY NAME CONTACT PERSON_NAME", 3),
    _r("contact", "PERSON_NAME", "", 3),
    _r("contact", "CONTACT", "NAME COMPANY", 3),
    _r("contact", "COMPANY PERSON_NAME", "", 2.5),
    _r("contact", "INQUIRY NAME", "COMPANY", 2),
    _r("contact", "NAME CONTACT_INFO", "", 2),
    _r("contact", "PERSON_LAST", "COMPANY NAME CONTACT", 1),
    _r("contact", "NAME", "", 1),
    _r("email", "EMAIL", "COMPANY PERSON CONTACT PHONE", 3),
    _r("phone", "PHONE", "COMPANY PERSON CONTACT ID COUNT EMAIL WECHAT", 3),
    _r("phone", "CONTACT_INFO", "COMPANY PERSON", 2),
    _r("email", "CONTACT_INFO", "COMPANY PERSON", 1),
    _r("country", "COUNTRY", "COMPANY NAME", 3),
    _r("owner", "OWNER", "COMPANY CONTACT DEAL INQUIRY NAME FOLLOW PERSON PERSON_NAME", 3),
    _r("source", "SOURCE", "COMPANY INQUIRY CHANNEL_ZH CHANNEL_EN TYPE", 3),
    _r("source", "CHANNEL_ZH|CHANNEL_EN INQUIRY|COMPANY", "", 3),
    _r("source", "CHANNEL_ZH", "", 2),
    _r("source", "CHANNEL_EN", "", 1),
    _r("inquiry_type", "TYPE COMPANY|INQUIRY", "COMPANY INQUIRY", 3),
    _r("inquiry_type", "TYPE", "", 0),
    _r("stage", "STAGE", "COMPANY FOLLOW DEAL INQUIRY CONTACT", 3),
    _r("stage", "STAGE ORDER", "COMPANY", 2.5),
    _r("first_contact", "CREATED", f"{_DAY} COMPANY INQUIRY CONTACT FIRST", 3),
    _r("first_contact", f"INQUIRY {_ANY_DAY}", "COMPANY FIRST DATE TIME", 3),
    _r("first_contact", "FIRST", f"FOLLOW CONTACT {_DAY} INQUIRY COMPANY CREATED", 2.5),
    _r("first_contact", "DATE|TIME", _DAY, 0),
    _r("last_contact", "LAST FOLLOW|CONTACT", f"{_DAY} COMPANY FOLLOW CONTACT", 3),
    _r("last_contact", f"FOLLOW|CONTACT {_ANY_DAY}", "COMPANY FOLLOW DATE TIME", 0),
    _r("last_contact", "FOLLOW", "", 0),
    _r("last_reply", "REPLY LAST", f"{_DAY} COMPANY", 3),
    _r("last_reply", f"REPLY {_ANY_DAY}", "COMPANY DATE TIME", 2),
    _r("orders", "ORDER COUNT", "COMPANY TOTAL", 3),
    _r("orders", "ORDER TOTAL", "COMPANY", 2),
    _r("orders", "ORDER", "", 0),
    _r("last_order", "ORDER LAST|DATE|TIME", f"LAST {_DAY} COMPANY", 3),
    _r("followups", "FOLLOW|CONTACT COUNT", "COMPANY TOTAL FOLLOW", 3),
    _r("followups", "FOLLOW TOTAL", "COMPANY", 2),
    _r("unanswered", "UNANSWERED", "COUNT FOLLOW COMPANY TOTAL", 3),
    _r("medium", "MEDIUM", "FOLLOW CONTACT COMPANY LAST", 3),
    _r("medium", "CHANNEL_ZH|CHANNEL_EN FOLLOW|CONTACT", "LAST", 3),
    _r("medium", "CHANNEL_EN", "", 2),
    _r("medium", "CHANNEL_ZH", "", 1),
    _r("medium", "CONTACT_INFO", "COMPANY", 2),
    _r("grade_override", "GRADE MANUAL", "COMPANY", 3),
    _r("team_grade", "GRADE", "COMPANY INQUIRY TAG", 3),
    _r("team_grade", "TYPE", "COMPANY", 0),
    _r("planned", f"NEXT FOLLOW|CONTACT|{_ANY_DAY}|REMIND",
       f"{_DAY} COMPANY FOLLOW CONTACT", 3),
    _r("planned", "REMIND", f"{_DAY} FOLLOW CONTACT", 2),
    _r("planned", f"FOLLOW|CONTACT {_ANY_DAY}", "COMPANY FOLLOW DATE TIME", 0),
    _r("notes", "NOTES", "FOLLOW CONTACT COMPANY LAST REPLY INQUIRY", 3),
    _r("id", "ID", "COMPANY INQUIRY", 3),
    _r("buyer_style", "STYLE", "COMPANY TYPE PERSON", 3),
    _r("time_zone", "TIMEZONE", "COMPANY", 3),
    _r("city", "CITY", "COMPANY", 3),
)
