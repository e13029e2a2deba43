"""Next follow-up dates, due status and days overdue (spec §4.1, §4.2).

Working days come from numpy's business-day calendar, built from the Settings
weekend days and holiday list.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from xltrade.rules.settings import Settings

DUE_CODES: tuple[str, ...] = ("overdue", "today", "this_week", "later", "excluded")


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def calendar(settings: Settings) -> np.busdaycalendar:
    return np.busdaycalendar(weekmask=settings.weekmask(),
                             holidays=sorted(settings.holidays))


def next_working_day(dates: np.ndarray, settings: Settings) -> np.ndarray:
    """Each date, or the first working day after it; NaT stays NaT."""
    out = dates.astype("datetime64[D]").copy()
    known = ~np.isnat(out)
    if settings.weekmask() == "0000000":
        return out
    out[known] = np.busday_offset(out[known], 0, roll="forward", busdaycal=calendar(settings))
    return out


def schedule(frame: pd.DataFrame, graded: pd.DataFrame, settings: Settings,
             today: dt.date) -> pd.DataFrame:
    """``next_followup`` (datetime64, NaT for excluded), ``due`` code and ``days_overdue``."""
    day = np.datetime64(today, "D")
    cadence = graded["grade"].map(settings.cadence).to_numpy(dtype=float)
    planned = frame["planned"].to_numpy(dtype="datetime64[D]")
    last = frame["last_contact"].to_numpy(dtype="datetime64[D]")
    first = frame["first_contact"].to_numpy(dtype="datetime64[D]")

    steps = np.where(np.isnat(last), np.datetime64("NaT", "D"),
                     last + np.nan_to_num(cadence).astype("timedelta64[D]"))
    computed = np.where(~np.isnat(steps), steps, np.where(~np.isnat(first), first, day))
    computed = next_working_day(computed, settings)
    nxt = np.where(~np.isnat(planned), planned, computed)
    excluded = graded["excluded"].to_numpy(dtype=bool)
    nxt = np.where(excluded, np.datetime64("NaT", "D"), nxt)

    _, sunday = week_of(today)
    end_of_week = np.datetime64(sunday, "D")
    due = np.select(
        [excluded, nxt < day, nxt == day, nxt <= end_of_week],
        ["excluded", "overdue", "today", "this_week"], default="later")
    overdue_days = (day - nxt).astype("timedelta64[D]").astype(float)
    days_overdue = np.where(due == "overdue", overdue_days, 0.0)
    days_overdue = np.where(excluded, np.nan, days_overdue)
    return pd.DataFrame(
        {"next_followup": nxt.astype("datetime64[s]"), "due": due.astype(object),
         "days_overdue": days_overdue},
        index=frame.index)
