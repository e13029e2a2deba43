"""The suggested action for each customer's next follow-up (spec §4.3).

First that applies: hand over, new contact, switch medium (by unanswered count),
reactivate a dormant customer, greet before a public holiday of the customer's
country, else a topic that rotates with the follow-up count.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from xltrade.rules.countries import public_holidays
from xltrade.rules.grading import days_since
from xltrade.rules.log import MEDIA, Log, next_medium, next_topic
from xltrade.rules.normalize import normalize_label
from xltrade.rules.settings import Settings
from xltrade.rules.texts import Lang, say

GREETING_WINDOW_DAYS = 14
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
        for i, pos, day, ok in zip(idx, found, days, known, strict=True):
            if ok and pos < len(h_dates) and (
                    h_dates[pos] - day).astype(int) <= GREETING_WINDOW_DAYS:
                result[int(i)] = calendar[int(pos)]
    return result


def suggest(frame: pd.DataFrame, graded: pd.DataFrame, scheduled: pd.DataFrame,
            settings: Settings, today: dt.date, lang: Lang, log: Log | None = None
            ) -> list[str]:
    """One suggested action per row (blank for excluded rows). With the follow-up log,
    the medium to switch to is one not used in the last three tries, and the topic is
    never one of the last two logged."""
    unanswered = frame["unanswered"].to_numpy(dtype=float)
    followups = frame["followups"].to_numpy(dtype=float)
    order_age = days_since(frame["last_order"], today)
    greetings = holiday_greetings(frame, scheduled["next_followup"], today, lang)
    out = []
    logs = [log.of(key) if log else None for key in frame["company_key"].tolist()]
    rows = zip(graded["excluded"], graded["grade"], unanswered, followups, order_age,
               frame["medium"], greetings, logs, strict=True)
    for excluded, grade_, n, count, age, medium, greeting, logged in rows:
        if excluded:
            out.append("")
        elif n >= settings.unanswered_handover:
            out.append(say("suggest.handover", lang, n=int(n)))
        elif n >= settings.unanswered_contact:
            out.append(say("suggest.new_contact", lang, n=int(n)))
        elif n >= settings.unanswered_medium:
            fresh = next_medium(logged)
            if fresh is not None:
                zh, en, _ = MEDIA[fresh]
                advice = say("suggest.switch_medium.to", lang, medium=zh if lang == "zh" else en)
            else:
                kind = "email" if normalize_label(medium or "email") in EMAIL_MEDIUMS \
                    else "other"
                advice = say(f"suggest.switch_medium.{kind}", lang)
            out.append(say("suggest.switch_medium", lang, n=int(n), medium=advice))
        elif grade_ == "A" and age > settings.dormant_a_days:
            out.append(say("suggest.reactivate", lang, days=int(age)))
        elif greeting is not None:
            out.append(say("suggest.greeting", lang, holiday=greeting[1],
                           date=greeting[0].isoformat()))
        else:
            out.append(say(f"topic.{next_topic(count, logged)}", lang))
    return out
