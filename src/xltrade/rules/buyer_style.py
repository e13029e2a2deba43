"""The buyer's style (客户性格 / Buyer style): how this buyer likes to be dealt with,
and whether the row tells of a complaint.

Six styles from the practice texts on negotiating with different buyers: analytical,
price haggler, hesitant, complaining, expert, friendly. A cell is read by meaning, as
stages are (分析型, 分析, Analytical buyer, 讨价还价型 ...); text that names no style,
or two, is not read (a data issue for the table). A complaint is told by the style
抱怨型, or by a complaint word in the stage or the notes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from xltrade.rules.lexicon import Lexicon
from xltrade.rules.normalize import fold, normalize_label
from xltrade.rules.vocabulary import build_lookup

#: Style -> (Chinese name, English name, other words that say it). The names are the
#: dropdown's choices; any of them is read back.
STYLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "analytical": ("分析型", "Analytical", (
        "分析", "理性", "理性型", "严谨", "严谨型", "逻辑型", "刨根问底", "analytic", "analyst",
        "detail oriented", "data driven", "logical")),
    "haggler": ("砍价型", "Price haggler", (
        "砍价", "讨价还价", "讨价还价型", "价格敏感", "价格敏感型", "压价", "压价型", "议价型", "还价型",
        "haggler", "haggling", "price haggling", "price sensitive", "price driven",
        "bargainer", "bargain hunter", "price focused")),
    "hesitant": ("犹豫型", "Hesitant", (
        "犹豫", "犹豫不决", "犹豫不决型", "优柔寡断", "拖延", "拖延型", "难做决定", "indecisive",
        "undecided", "slow to decide", "procrastinator")),
    "complaining": ("抱怨型", "Complaining", (
        "抱怨", "爱抱怨", "投诉型", "挑剔", "挑剔型", "不满", "complainer", "complaint",
        "complains", "demanding", "unhappy")),
    "expert": ("专家型", "Expert", (
        "专家", "内行", "内行型", "行家", "懂行", "专业型", "无所不知", "无所不知型", "技术型",
        "know it all", "knowledgeable", "professional", "technical", "specialist")),
    "friendly": ("友好型", "Friendly", (
        "友好", "友善", "随和", "随和型", "好沟通", "开朗", "开明型", "心胸开阔", "心胸开阔型", "热情",
        "easygoing", "easy going", "open minded", "warm", "cooperative", "open")),
}
BUYER_STYLES: tuple[str, ...] = tuple(STYLES)
#: Words read and meaning nothing in a style cell: 分析型客户, Analytical buyer.
_FILLER = ("型", "类", "客户", "买家", "的", "者", "性格", "风格", "type", "style", "buyer",
           "customer", "client", "the", "a", "an", "very", "很", "比较", "较")
#: Words that tell of a complaint in the stage or the notes.
COMPLAINT_WORDS: tuple[str, ...] = ("投诉", "客诉", "索赔", "抱怨", "complain")

_EXACT = build_lookup({code: (zh, en, *more) for code, (zh, en, more) in STYLES.items()})
_LEXICON = Lexicon({"": _FILLER, **{code: tuple(fold(w) for w in (zh, en, *more))
                                    for code, (zh, en, more) in STYLES.items()}})


@lru_cache(maxsize=1024)
def _style(text: str) -> str | None:
    exact = _EXACT.get(normalize_label(text)) or _EXACT.get(fold(text))
    if exact:
        return exact
    reading = _LEXICON.read(fold(text))
    found = set(reading.concepts)
    if len(found) != 1 or reading.unknown_words or reading.unknown_chars:
        return None
    return found.pop()


def read_buyer_style(value: object) -> str | None:
    """The style a cell names, or ``None`` (blank, unknown or two styles).

    >>> read_buyer_style("讨价还价型客户")
    'haggler'
    >>> read_buyer_style("Analytical buyer")
    'analytical'
    """
    if value is None or not str(value).strip():
        return None
    return _style(str(value).strip())


def style_name(code: str, lang: str) -> str:
    """The style as the dropdown shows it: 分析型, Analytical."""
    zh, en, _ = STYLES[code]
    return zh if lang == "zh" else en


#: A character any complaint word starts with, in any of its written forms: a cell
#: without one says no complaint, and is not folded (a sheet of notes, all different).
_MAYBE_COMPLAINT = re.compile("[投客索抱cCｃＣ\uf900-\ufaff]")


def says_complaint(*texts: object) -> bool:
    """Whether any of ``texts`` (the stage, the notes) tells of a complaint."""
    for text in texts:
        if text is None or (isinstance(text, float) and text != text):
            continue
        cell = str(text)
        if not _MAYBE_COMPLAINT.search(cell):
            continue
        folded = fold(cell)
        if any(word in folded for word in COMPLAINT_WORDS):
            return True
    return False


def without_complaint(text: object) -> str:
    """The stage cell with its complaint words taken out: 成交（客户投诉） reads as 成交."""
    folded = fold(str(text))
    for word in COMPLAINT_WORDS:
        folded = folded.replace(word, " ")
    return folded.strip(" ()（）,，;；-_/:：")
