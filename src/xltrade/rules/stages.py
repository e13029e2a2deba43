"""Reading a stage (spec §3.2) or a buyer type (§3.3) by meaning, as teams type them:
样品已寄出, Sample sent, Proposal Sent, Closed Won, 已付定金, 價格談判中, 已報價.

The spec's own words match exactly; other text is read as concepts
(:mod:`xltrade.rules.lexicon`). Text that names one stage is that stage; text that
names none, names two (样品报价), or denies one (未报价) is not read.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from xltrade.rules.lexicon import Lexicon
from xltrade.rules.normalize import fold, normalize_label
from xltrade.rules.vocabulary import BUYER_TYPE_LOOKUP, STAGE_LOOKUP

#: Stage -> words that say it (folded). ``""`` is filler; ``NOT`` denies what follows;
#: ``TEMP`` (hot, cold) describes a lead's temperature, not where it stands. The weak
#: concepts stand for a stage only when the text says nothing stronger: ``LEAD``
#: (new: Junk Lead is invalid), ``WAIT`` and ``NOREPLY`` (contacted: 报价未回复 is
#: quoted), ``TALK`` (replied: 合同沟通中 is negotiating).
STAGE_WORDS: dict[str, tuple[str, ...]] = {
    "": ("已", "中", "了", "的", "客户", "阶段", "状态", "等", "待", "正在", "进行", "进行中", "已经",
         "stage", "status", "the", "a", "an", "to", "is", "has", "been", "was", "in", "of",
         "and", "with", "by", "customer", "client", "deal", "opportunity", "step", "on",
         "一般", "采购代理", "收到"),
    "NOT": ("未", "没", "没有", "不", "无", "非", "尚未", "还没", "not", "no", "non", "never",
            "without", "yet"),
    "TEMP": ("hot", "warm", "cold", "热", "冷"),
    "LEAD": ("lead", "leads", "询盘", "线索"),
    "WAIT": ("等回复", "待回复", "等待回复", "等客户回复", "等消息", "awaiting reply", "awaiting response",
             "waiting for reply", "waiting for response", "pending reply", "pending response"),
    "NOREPLY": ("未回复", "无回复", "没回复", "不回复", "暂无回应", "无回应", "未回应", "no reply",
                "no response", "no answer", "unresponsive"),
    "TALK": ("沟通", "沟通中", "交流", "交流中"),
    "new": ("新", "潜在", "潜在客户", "新询盘", "新客户", "新线索", "新询价", "询价", "来询", "新建", "未处理", "待开发",
            "初次开发", "已查官网", "查官网", "已找到邮箱", "开发信草稿", "new", "inquiry", "enquiry",
            "new lead", "new inquiry", "prospect", "prospecting", "subscriber", "rfq", "incoming",
            "raw lead", "mql", "marketing qualified lead", "unworked", "lead in",
            "new business", "not contacted", "open not contacted", "prequalified",
            "pre qualified", "qualified lead", "untouched"),
    "contacted": ("已联系", "联系", "已联络", "联络", "已发开发信", "开发信", "已跟进", "已发邮件", "发邮件",
                  "联系中", "新接触", "初次接触", "初步接触", "已发产品目录", "发目录", "客户开发", "回复客户",
                  "回覆客户", "已回复客户", "contacted", "emailed", "attempted to contact",
                  "attempted", "attempting contact", "reached out", "called", "left message",
                  "left voicemail", "outreach", "contact made", "first contact", "1st contact",
                  "initial communication", "initial contact", "catalog sent",
                  "catalogue sent"),
    "replied": ("已回复", "有回复", "回复", "有意向", "意向", "意向客户", "感兴趣", "需求确认", "确定需求",
                "需求分析", "已回", "回覆", "洽谈", "洽谈中", "接洽", "接洽客户", "面谈", "面谈客户", "深入跟进",
                "初步兴趣", "报价前", "待报价", "方案沟通", "待推荐产品", "待确认图纸", "敲定会议", "已敲定会议",
                "replied", "responded", "in contact", "connected", "engaged", "interested",
                "qualified", "qualified to buy", "qualification", "qualify", "develop",
                "sales qualified lead", "sql", "meeting scheduled", "appointment scheduled",
                "presentation scheduled", "needs analysis", "needs defined", "discovery",
                "demo", "demo scheduled", "in discussion", "talking", "value proposition",
                "id decision makers", "identify decision makers", "perception analysis",
                "evaluation", "reply received", "response received", "meeting",
                "appointment", "proposal requested", "quote requested",
                "additional information requested", "information requested"),
    "quoted": ("已报价", "报价", "报价中", "报价已发", "已发报价", "报价单", "发报价", "报了价", "报价了",
               "方案", "方案提交", "已做方案", "quoted", "quotation", "quote", "quote sent", "offer",
               "offer sent", "proposal", "proposal sent", "proposal made", "price quote",
               "quotation sent", "quoting", "proposal price quote", "pricing sent",
               "price sent", "proposition", "propose", "sent proposition"),
    "sample": ("样品", "寄样", "已寄样", "样品中", "打样", "样品已寄出", "样品确认", "样单", "寄样品", "送样",
               "样品寄出", "补样", "需补样", "sample", "samples", "sampling", "sample sent",
               "samples sent", "sample approved", "sample approval", "prototype",
               "sample requested", "sample stage", "sample order"),
    "negotiating": ("谈判", "谈判中", "议价", "在谈", "pi", "已发pi", "发pi", "形式发票", "价格谈判中",
                    "议价中", "合同", "待签约", "待签合同", "谈价", "砍价", "还价", "商务谈判", "验厂",
                    "待验厂", "已验厂", "准客户", "口头确认", "待下单", "negotiating", "negotiation",
                    "negotiations", "proforma", "proforma invoice", "in negotiation",
                    "negotiations started", "contract sent", "contract",
                    "decision maker bought in", "negotiation review", "commit", "verbal",
                    "pending contract", "bargaining", "price negotiation", "terms",
                    "waiting signature", "awaiting signature", "pending signature"),
    "ordered": ("成交", "已成交", "已下单", "下单", "返单", "老客户", "已付定金", "付定金", "定金", "已付款",
                "付款", "已发货", "发货", "合作中", "已合作", "合作", "签约", "已签约", "已签合同", "赢单",
                "订单", "复购", "签单", "已签单", "生产中", "做货", "做货中", "验货", "验货中", "出货", "已出货",
                "发货未收款", "已发货未收款", "完结", "已完结", "收款", "已收款", "销售成功", "成功客户",
                "忠诚客户", "试单", "试单已下", "收到po", "付订", "已付订", "ordered", "won",
                "deal won", "repeat order", "closed won", "paid", "deposit paid",
                "deposit received", "order placed", "order", "shipped", "active customer",
                "existing customer", "closed win", "win", "purchased", "repeat customer",
                "trial order", "done deal", "payment received", "payment recived",
                "po received", "in production", "po"),
    "lost": ("丢单", "流失", "暂停", "搁置", "失败", "没戏", "放弃", "沉睡", "休眠", "已丢失", "输单",
             "丢失", "沉默", "未成交", "暂不匹配", "失效", "已失效", "lost", "dormant", "on hold",
             "closed lost", "bad timing", "inactive", "churned", "not interested",
             "no longer interested", "lost deal", "paused", "stalled", "nurture",
             "recycled", "contact in future", "cannot contact", "canceled", "cancelled",
             "postponed", "rejected", "dead", "not converted", "closed not converted"),
    "invalid": ("无效", "黑名单", "垃圾询盘", "垃圾", "骗子", "虚假", "无效询盘", "不跟进", "不合格", "不符",
                "不符客户", "invalid", "spam", "blacklist", "blacklisted", "do not contact",
                "unqualified", "junk", "fake", "disqualified", "not a fit", "bad data",
                "duplicate", "not qualified"),
}

BUYER_WORDS: dict[str, tuple[str, ...]] = {
    "": ("型", "类", "客户", "买家", "的", "者", "type", "the", "a", "an", "采购代理"),
    "NOT": ("非", "不是", "not", "no"),
    "buyer": ("寻找卖家", "真实买家", "真买家", "采购商", "采购", "实单", "真实", "终端采购", "买家采购", "精准询盘",
              "buyer", "real buyer", "sourcing", "purchasing", "serious buyer", "genuine buyer",
              "actual buyer", "ready to buy", "ready buyer", "real importer"),
    "newcomer": ("准备入市", "新手", "新入行", "入市", "初入行", "创业", "newcomer", "market entry",
                 "new to market", "beginner", "start up", "startup", "new importer"),
    "researcher": ("信息收集", "比价", "询价比价", "了解行情", "收集信息", "随便问问", "调研", "学生调研",
                   "researcher", "information gathering", "price comparison",
                   "comparing prices", "price checker", "market research", "info gathering",
                   "researching", "tire kicker", "price shopper", "window shopper"),
    "sample_seeker": ("索要样品", "索取样品", "免费索取样品", "要样品", "要样", "索样", "白拿样品", "免费样品",
                      "sample seeker",
                      "sample hunter", "free sample", "free samples", "sample only"),
    "spy": ("窃取情报", "同行", "竞争对手", "竞品", "探价", "套价", "套价者", "间谍", "spy", "competitor",
            "competition", "price fishing", "copycat"),
}

_WEAK = {"LEAD": "new", "WAIT": "contacted", "NOREPLY": "contacted", "TALK": "replied"}
_STAGES = Lexicon(STAGE_WORDS)
_BUYERS = Lexicon(BUYER_WORDS)


def _by_meaning(text: str, lexicon: Lexicon) -> tuple[str | None, str | None]:
    """``(code, None)`` for one meaning, ``(None, "two")`` for two, ``(None, None)``."""
    reading = lexicon.read(fold(text))
    concepts = reading.concepts
    if "NOT" in concepts or "TEMP" in concepts:
        return None, None
    codes = [c for c in concepts if c not in _WEAK]
    if not codes:
        weak = {_WEAK[c] for c in concepts if c in _WEAK}
        return (weak.pop(), None) if len(weak) == 1 else (None, None)
    distinct = set(codes)
    if len(distinct) > 1:
        return None, "two"
    return codes[0], None


@lru_cache(maxsize=4096)
def _stage(text: str) -> tuple[str | None, str | None]:
    exact = STAGE_LOOKUP.get(normalize_label(text)) or STAGE_LOOKUP.get(fold(text))
    if exact:
        return exact, None
    return _by_meaning(text, _STAGES)


def stage_of(text: object, extra: Mapping[str, str] | None = None
             ) -> tuple[str | None, str | None]:
    """The stage a cell names and the problem key when it names none or two.

    >>> stage_of("樣品已寄出")
    ('sample', None)
    >>> stage_of("样品报价")
    (None, 'issue.two_stages')
    """
    if text is None or not str(text).strip():
        return None, None
    if extra and normalize_label(text) in extra:
        return extra[normalize_label(text)], None
    code, problem = _stage(str(text).strip())
    if code:
        return code, None
    return None, "issue.two_stages" if problem == "two" else "issue.bad_stage"


def read_stage(text: object) -> str | None:
    """The stage a cell names, or ``None``."""
    return stage_of(text)[0]


@lru_cache(maxsize=4096)
def _buyer(text: str) -> str | None:
    exact = BUYER_TYPE_LOOKUP.get(normalize_label(text)) or BUYER_TYPE_LOOKUP.get(fold(text))
    return exact or _by_meaning(text, _BUYERS)[0]


def read_buyer_type(text: object) -> str | None:
    """The buyer type (§3.3) a cell names, or ``None``.

    >>> read_buyer_type("真實買家")
    'buyer'
    """
    if text is None or not str(text).strip():
        return None
    return _buyer(str(text).strip())
