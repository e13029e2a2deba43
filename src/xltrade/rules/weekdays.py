"""Weekdays as a team writes them in Settings (六,日 / Sat,Sun / 6,7) and as xltrade
writes them back. Monday is 0, as in :meth:`datetime.date.weekday`."""

from __future__ import annotations

import re
from collections.abc import Iterable

from xltrade.rules.normalize import normalize_label
from xltrade.rules.texts import Lang

_WEEKDAY_WORDS: dict[str, int] = {}
for _i, _words in enumerate((
    ("1", "mon", "monday", "周一", "星期一", "一"),
    ("2", "tue", "tuesday", "周二", "星期二", "二"),
    ("3", "wed", "wednesday", "周三", "星期三", "三"),
    ("4", "thu", "thursday", "周四", "星期四", "四"),
    ("5", "fri", "friday", "周五", "星期五", "五"),
    ("6", "sat", "saturday", "周六", "星期六", "六"),
    ("7", "sun", "sunday", "周日", "星期日", "星期天", "周天", "日", "天"),
)):
    for _w in _words:
        _WEEKDAY_WORDS[_w] = _i
_WEEKDAY_NAMES = {"zh": "一二三四五六日", "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
_SPLIT = re.compile(r"[,，、;；/\s]+")


def weekday_names(days: Iterable[int], lang: Lang) -> str:
    """``六,日`` or ``Sat,Sun``: the days as Settings shows them."""
    names = _WEEKDAY_NAMES[lang]
    return ",".join(names[d] for d in sorted(days))


def read_weekend(text: str) -> tuple[int, ...] | None:
    """The weekend days a Settings value names; ``()`` for 无/none; ``None`` when a word
    is no weekday or all seven days are named."""
    norm = normalize_label(text)
    if norm in ("无", "none", "no", "-"):
        return ()
    days = set()
    for token in _SPLIT.split(norm):
        if not token:
            continue
        day = _WEEKDAY_WORDS.get(token)
        if day is None:
            return None
        days.add(day)
    if len(days) == 7:
        return None
    return tuple(sorted(days))
