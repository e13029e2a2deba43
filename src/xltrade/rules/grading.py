"""Grading every customer A/B/C/D with a reason code (spec §3.4).

Rules are applied to the whole table at once; the first rule that matches a row
decides it. Silence demotion then moves long-silent B rows to C.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from xltrade.rules.settings import Settings
from xltrade.rules.texts import Lang, say

#: Reason codes in rule order, with the grade each gives (excluded rows show D).
RULES: tuple[tuple[str, str], ...] = (
    ("manual", ""),
    ("excluded", "D"),
    ("lost", "D"),
    ("ordered", "A"),
    ("negotiating", "B"),
    ("hot_inquiry", "B"),
    ("two_way", "C"),
    ("nurture", "C"),
)
FALLBACK = ("no_two_way", "D")
REASON_CODES: tuple[str, ...] = (*(code for code, _ in RULES), FALLBACK[0], "silent_demoted")


def days_since(dates: pd.Series, today: dt.date) -> np.ndarray:
    """Whole days from each date to today (NaN where blank)."""
    day = np.datetime64(today, "D")
    values = dates.to_numpy(dtype="datetime64[D]")
    return (day - values).astype("timedelta64[D]").astype(float)


def grade(frame: pd.DataFrame, settings: Settings, today: dt.date) -> pd.DataFrame:
    """Grade, reason code, excluded flag and silence days for every row of ``frame``."""
    stage = frame["stage"]
    buyer = frame["inquiry_type"]
    override = frame["grade_override"]
    conditions = [
        override.notna(),
        stage.eq("invalid") | buyer.eq("spy"),
        stage.eq("lost"),
        frame["orders"].ge(1) | frame["last_order"].notna() | stage.eq("ordered"),
        stage.isin(("quoted", "sample", "negotiating")),
        buyer.eq("buyer") & (stage.isna() | stage.isin(("new", "contacted", "replied"))),
        stage.eq("replied") | frame["last_reply"].notna(),
        buyer.isin(("newcomer", "researcher")),
    ]
    conditions = [np.asarray(c, dtype=bool) for c in conditions]
    reason = np.select(conditions, [code for code, _ in RULES], default=FALLBACK[0])
    grades = np.select(conditions[1:], [g for _, g in RULES[1:]], default=FALLBACK[1])
    grades = np.where(conditions[0], override.to_numpy(dtype=object), grades)

    reference = frame["last_reply"].where(frame["last_reply"].notna(), frame["first_contact"])
    silence = days_since(reference, today)
    with np.errstate(invalid="ignore"):
        demote = (np.isin(reason, ("negotiating", "hot_inquiry"))
                  & (silence > settings.b_silence_days))
    # What went silent, for the reason text: the customer after our quote, after their
    # own inquiry, or never a word since the inquiry.
    replied = frame["last_reply"].notna().to_numpy()
    kind = np.where(reason == "negotiating", "quote", "inquiry")
    silent_after = np.where(demote, np.where(replied, kind, "never"), "").astype(object)
    silent_after[~demote] = None
    reason = np.where(demote, "silent_demoted", reason)
    grades = np.where(demote, "C", grades)
    return pd.DataFrame(
        {"grade": pd.Series(grades, index=frame.index, dtype=object),
         "reason": pd.Series(reason, index=frame.index, dtype=object),
         "excluded": reason == "excluded", "silence_days": silence,
         "silent_after": pd.Series(silent_after, index=frame.index, dtype=object)},
        index=frame.index)


def reason_texts(frame: pd.DataFrame, graded: pd.DataFrame, lang: Lang) -> list[str]:
    """One line per row explaining its grade, in the workbook language."""
    texts = []
    columns = (graded["reason"], graded["grade"], frame["stage"], frame["inquiry_type"],
               frame["orders"], frame["last_order"], frame["last_reply"],
               graded["silence_days"], graded["silent_after"])
    for row in zip(*(c.to_numpy() for c in columns), strict=True):
        texts.append(_reason_text(*row, lang=lang))
    return texts


def silence_text(silent_after: str | None, silence: float, lang: Lang) -> str:
    """Why a B went quiet, with the days counted from the customer's last reply (or,
    when they never replied, from their inquiry)."""
    return say(f"reason.silent.{silent_after or 'quote'}", lang, days=int(silence))


def _iso(value: object) -> str:
    return pd.Timestamp(value).date().isoformat()


def _reason_text(reason: str, grade_: str, stage: str | None, buyer: str | None,
                 orders: float, last_order: object, last_reply: object, silence: float,
                 silent_after: str | None, *, lang: Lang) -> str:
    if reason == "manual":
        return say("reason.manual", lang, grade=grade_)
    if reason == "excluded":
        return say("reason.excluded.invalid" if stage == "invalid" else "reason.excluded.spy",
                   lang)
    if reason == "ordered":
        if orders == orders and orders >= 1:
            return say("reason.ordered.orders", lang, orders=int(orders))
        if not pd.isna(last_order):
            return say("reason.ordered.last_order", lang, date=_iso(last_order))
        return say("reason.ordered.stage", lang)
    if reason == "negotiating":
        return say("reason.negotiating", lang, stage=say(f"stage.{stage}", lang))
    if reason == "two_way":
        if not pd.isna(last_reply):
            return say("reason.two_way.reply", lang, date=_iso(last_reply))
        return say("reason.two_way.stage", lang)
    if reason == "nurture":
        return say("reason.nurture", lang, type=say(f"buyer_type.{buyer}", lang))
    if reason == "no_two_way" and buyer == "sample_seeker":
        return say("reason.no_two_way.sample_seeker", lang)
    if reason == "silent_demoted":
        return silence_text(silent_after, silence, lang)
    return say(f"reason.{reason}", lang)
