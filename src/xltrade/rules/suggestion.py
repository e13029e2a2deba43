"""The suggested action for each customer's next follow-up (spec §4.3).

First that applies: hand over, the next step of a silent quote's checklist, new
contact, switch medium (by unanswered count), reactivate a dormant customer, greet
before a public holiday of the customer's country, else a topic that rotates with the
follow-up count. Around it, what this buyer needs: a complaint's steps first, then
the action, the buyer style's approach, and the buyer's working hours in our time.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np
import pandas as pd

from xltrade.rules.countries import country_name, public_holidays
from xltrade.rules.grading import days_since
from xltrade.rules.local_time import buyer_zone, window, window_text
from xltrade.rules.log import (
    MEDIA,
    ROTATION,
    TOPICS,
    CustomerLog,
    Log,
    next_medium,
    next_topic,
)
from xltrade.rules.normalize import normalize_label
from xltrade.rules.settings import Settings
from xltrade.rules.silent_quote import CHECKLIST, checklist_step
from xltrade.rules.texts import Lang, say

GREETING_WINDOW_DAYS = 14
#: Between the parts of a suggestion: the complaint's steps, the action, the approach,
#: the buyer's hours.
SEPARATORS: dict[str, str] = {"zh": "；", "en": "; "}
EMAIL_MEDIUMS = frozenset(normalize_label(m) for m in (
    "邮件", "邮箱", "电子邮件", "email", "e-mail", "mail", "开发信", "edm"))


def holiday_greetings(frame: pd.DataFrame, nxt: pd.Series, today: dt.date, lang: Lang
                      ) -> list[tuple[dt.date, str] | None]:
    """For each row, the first public holiday of its country from the next follow-up
    date (today, when that is already past) to 14 days after it, or ``None``."""
    result: list[tuple[dt.date, str] | None] = [None] * len(frame)
    dates = np.maximum(nxt.to_numpy(dtype="datetime64[D]"), np.datetime64(today, "D"))
    codes = frame["country_code"].to_numpy(dtype=object)
    positions = pd.Series(range(len(frame)))
    for code, index in positions.groupby(codes, dropna=True).groups.items():
        idx = np.asarray(index)
        days = dates[idx]
        known = ~np.isnat(days)
        if not known.any():
            continue
        years = days[known].astype("datetime64[Y]").astype(int) + 1970
        span = tuple(range(int(years.min()), int(years.max()) + 2))
        try:
            calendar = public_holidays(str(code), span, lang)
        except NotImplementedError:
            continue
        if not calendar:
            continue
        h_dates = np.array([d for d, _ in calendar], dtype="datetime64[D]")
        found = np.searchsorted(h_dates, days, side="left")
        ahead = known & (found < len(h_dates))
        near = np.zeros(len(days), dtype=bool)
        near[ahead] = (h_dates[found[ahead]] - days[ahead]).astype(int) <= GREETING_WINDOW_DAYS
        for i, pos in zip(idx[near].tolist(), found[near].tolist(), strict=True):
            result[i] = calendar[pos]
    return result


def suggest(frame: pd.DataFrame, graded: pd.DataFrame, scheduled: pd.DataFrame,
            settings: Settings, today: dt.date, lang: Lang, log: Log | None = None
            ) -> tuple[list[str], list[str], list[str]]:
    """One suggested action per row (blank for excluded rows), and its short form (the
    complaint's steps and the action) and the buyer's hours alone, for the report's
    lists. The suggestion holds a complaint's steps
    first, then the action, the buyer style's approach and the buyer's working hours in
    our time. With the follow-up log, the medium to switch to is one not used in the
    last three tries, the topic never one of the last two logged, and a silent quote's
    checklist steps are those not yet logged."""
    unanswered = frame["unanswered"].to_numpy(dtype=float)
    followups = frame["followups"].to_numpy(dtype=float)
    order_age = days_since(frame["last_order"], today)
    greetings = holiday_greetings(frame, scheduled["next_followup"], today, lang)
    contact = frame["last_contact"].to_numpy(dtype="datetime64[D]")
    reply = frame["last_reply"].to_numpy(dtype="datetime64[D]")
    days = _days(scheduled["next_followup"].to_numpy(dtype="datetime64[D]"), today)
    logs = [log.of(key) if log else None for key in frame["company_key"].tolist()]
    buyers = _buyer_cells(frame)
    mediums = frame["medium"].tolist()
    separator = SEPARATORS[lang]
    seen: dict[str, str] = {}
    out: list[str] = []
    brief: list[str] = []
    hours: list[str] = []
    for i, (excluded, grade_, stage) in enumerate(zip(
            graded["excluded"], graded["grade"], frame["stage"], strict=True)):
        if excluded:
            out.append("")
            brief.append("")
            hours.append("")
            continue
        n, logged = unanswered[i], logs[i]
        step = checklist_step(stage, n, contact[i], reply[i], logged)
        if n >= settings.unanswered_handover:
            action = say("suggest.handover", lang, n=int(n))
        elif step is not None:
            action = _checklist(step, logged, lang)
        elif n >= settings.unanswered_contact:
            action = say("suggest.new_contact", lang, n=int(n))
        elif n >= settings.unanswered_medium:
            action = _switch_medium(n, mediums[i], logged, lang)
        elif grade_ == "A" and order_age[i] > settings.dormant_a_days:
            action = say("suggest.reactivate", lang, days=int(order_age[i]))
        elif greetings[i] is not None:
            day, name = greetings[i]  # type: ignore[misc]
            action = say("suggest.greeting", lang, holiday=name, date=day.isoformat())
        else:
            action = say(f"topic.{next_topic(followups[i], logged)}", lang)
        style, complaint, code, zone_cell, city = buyers[i]
        # Most rows: no style, no complaint, only the action and the buyer's hours.
        before = about_buyer(style, complaint, lang) if complaint or style else []
        where = (code, zone_cell, city, days[i], settings.time_zone, lang)
        window = local_hours(*where)
        parts = [*before, action, *(approach(style, lang) if style else ())]
        text = separator.join([*parts, window] if window else parts)
        # Many rows read alike (one topic, one country, one day): each text kept once.
        out.append(seen.setdefault(text, text))
        # The report's lists name a checklist step by its topic: 报价后未回复（第 2/5 步）价格更新.
        short = action
        if step is not None and action.startswith(_step_lead(step, lang)):
            zh, en, _ = TOPICS[step]
            short = _step_lead(step, lang) + (zh if lang == "zh" else en)
        brief.append(separator.join([*before, short]) if before else short)
        hours.append(local_hours(*where, note=False) if window else "")
    return out, brief, hours


def _checklist(step: str, logged: CustomerLog | None, lang: Lang) -> str:
    """A silent quote's step, after the words saying which; checking delivery names a
    medium not tried lately."""
    lead = _step_lead(step, lang)
    if step != "delivery":
        return lead + say(f"silent.{step}", lang)
    fresh = next_medium(logged)
    medium = (MEDIA[fresh][0 if lang == "zh" else 1] if fresh is not None
              else say("silent.delivery.any", lang))
    return lead + say("silent.delivery", lang, medium=medium)


@lru_cache(maxsize=64)
def _step_lead(step: str, lang: Lang) -> str:
    return say("silent.step", lang, n=CHECKLIST.index(step) + 1, of=len(CHECKLIST))


def topic_of(suggestion: object, lang: Lang) -> str | None:
    """The log topic a suggestion names (what the salesperson was told to write about):
    a silent quote's step, a rotating topic or a holiday greeting; ``None`` for others."""
    text = str(suggestion or "")
    for n, step in enumerate(CHECKLIST, start=1):
        if say("silent.step", lang, n=n, of=len(CHECKLIST)) in text:
            return step
    greeting = say("suggest.greeting", lang, holiday="", date="").split("（")[0].split("(")[0]
    for part in text.split(SEPARATORS[lang]):
        for i, code in enumerate(ROTATION):
            if part == say(f"topic.{i}", lang):
                return code
        if greeting.strip() and part.startswith(greeting.strip()):
            return "greeting"
    return None


def _switch_medium(n: float, medium: object, logged: CustomerLog | None, lang: Lang) -> str:
    fresh = next_medium(logged)
    if fresh is not None:
        zh, en, _ = MEDIA[fresh]
        advice = say("suggest.switch_medium.to", lang, medium=zh if lang == "zh" else en)
    else:
        kind = "email" if normalize_label(medium or "email") in EMAIL_MEDIUMS else "other"
        advice = say(f"suggest.switch_medium.{kind}", lang)
    return say("suggest.switch_medium", lang, n=int(n), medium=advice)


def _days(next_followup: np.ndarray, today: dt.date) -> list[dt.date]:
    """Each follow-up's day: its date, or today when that is past or unknown (all
    converted at once: a sheet may hold 100,000)."""
    now = np.datetime64(today, "D")
    known = np.where(np.isnat(next_followup), now, next_followup)
    return list(np.maximum(known, now).astype(object))


BuyerCells = tuple[object, bool, "str | None", "str | None", "str | None"]


def _buyer_cells(frame: pd.DataFrame) -> list[BuyerCells]:
    """Each row's buyer style, complaint, country code, time zone and city cells, read
    once per column rather than row by row."""
    n = len(frame)

    def column(name: str) -> list[object]:
        return frame[name].tolist() if name in frame else [None] * n

    def texts(name: str) -> list[str | None]:
        # Blank cells (None, NaN) as None: one key each for the cache below.
        return [v if isinstance(v, str) and v else None for v in column(name)]

    return list(zip(column("buyer_style"), [bool(c) for c in column("complaint")],
                    texts("country_code"), texts("time_zone"), texts("city"), strict=True))


def about_buyer(style: object, complaint: bool, lang: Lang) -> list[str]:
    """What goes before the action: a complaint's steps (told by the stage or notes, or
    a complaining buyer). The style's approach goes after it: see :func:`approach`."""
    return [say("complaint.steps", lang)] if complaint or style == "complaining" else []


def approach(style: object, lang: Lang) -> list[str]:
    """The buyer style's one line (a complaining buyer has the complaint's steps)."""
    return [say(f"approach.{style}", lang)] if style and style != "complaining" else []


@lru_cache(maxsize=4096)
def local_hours(code: str | None, zone_cell: str | None, city: str | None, day: dt.date,
                ours: str, lang: Lang, note: bool = True) -> str:
    """The buyer's working hours on the follow-up day in our time; blank for a buyer in
    our own time, or one whose time the row does not tell. ``note``: say which zone was
    taken for a country of several (the report's plan leaves that to the sheet). A
    sheet has a few countries and days: each is worked out once."""
    zone = buyer_zone(code, zone_cell, city)
    found = window(day, zone.zone, ours) if zone else None
    if zone is None or found is None:
        return ""
    return window_text(found, zone, ours, lang, country_name(code, lang) if code else None,
                       note)


def join_parts(parts: list[str], lang: Lang) -> str:
    """The suggestion's parts in one cell: 。-like breaks a salesperson reads as steps."""
    return SEPARATORS[lang].join(p for p in parts if p)
