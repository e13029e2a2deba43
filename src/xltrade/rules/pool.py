"""公海 (neglected customers, spec §9): B, C and D customers nobody has followed up for
their grade's pool days, as foreign-trade CRMs hand such customers back to a public
pool; and those a week short of it, so their salesperson acts before the manager does.

Pure and vectorised: the customer table (``rules/table.py``) and its results
(``rules/engine.py``) in, plain records out, most urgent first.

Days without a follow-up are counted from the last follow-up (``last_contact``, which
the follow-up log has already brought up to date); a customer never followed up counts
from the inquiry (``first_contact``), as an unanswered inquiry is due at once (§4.1); a
customer with neither date cannot be counted and is never listed. A customers (who
buy) and excluded rows (invalid inquiries, competitors) are never listed.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from xltrade.rules.settings import Settings
from xltrade.rules.vocabulary import POOL_GRADES

#: Days before the pool that the salesperson's own report warns (即将进入公海).
SOON_DAYS = 7
#: In the soon list, on a tie of days left: the customer in negotiation first.
_GRADE_ORDER = {g: i for i, g in enumerate(POOL_GRADES)}


def days_without_followup(table: pd.DataFrame, today: dt.date) -> np.ndarray:
    """Whole days since each customer's last follow-up, else since the inquiry; NaN
    where the row has neither date."""
    last = table["last_contact"].to_numpy(dtype="datetime64[D]")
    first = table["first_contact"].to_numpy(dtype="datetime64[D]")
    since = np.where(np.isnat(last), first, last)
    days = (np.datetime64(today, "D") - since).astype("int64").astype(float)
    days[np.isnat(since)] = np.nan
    return days


def _candidates(table: pd.DataFrame, result: pd.DataFrame, settings: Settings,
                today: dt.date) -> pd.DataFrame:
    """Rows that can go to the pool (active, grade B/C/D, a date to count from), with
    their days without follow-up and their grade's pool days."""
    grades = result["grade"].to_numpy(dtype=object)
    limits = pd.Series(grades, dtype=object).map(
        {g: settings.pool_days[g] for g in POOL_GRADES if g in settings.pool_days}
    ).to_numpy(dtype=float)
    days = days_without_followup(table, today)
    active = ~result["excluded"].to_numpy(dtype=bool)
    keep = active & ~np.isnan(limits) & ~np.isnan(days)

    def text(values: np.ndarray) -> pd.Series:
        # Kept as objects: pandas would make a text column's blanks NaN.
        return pd.Series(values[keep], dtype=object)

    return pd.DataFrame({
        "row": table.index.to_numpy()[keep],
        "company": text(table["company"].to_numpy(dtype=object)),
        "owner": text(table["owner"].to_numpy(dtype=object)),
        "grade": text(grades),
        "days": days[keep].astype(np.int64),
        "limit": limits[keep].astype(np.int64),
    })


def _records(frame: pd.DataFrame, days_left: bool = False) -> list[dict[str, object]]:
    records: list[dict[str, object]] = [
        {"row": int(row), "company": company, "owner": owner, "grade": grade,
         "days_without_followup": int(days)}
        for row, company, owner, grade, days in zip(
            frame["row"].tolist(), frame["company"].tolist(), frame["owner"].tolist(),
            frame["grade"].tolist(), frame["days"].tolist(), strict=True)]
    if days_left:
        for record, left in zip(records, (frame["limit"] - frame["days"]).tolist(),
                                strict=True):
            record["days_left"] = int(left)
    return records


def pool_list(table: pd.DataFrame, result: pd.DataFrame, settings: Settings,
              today: dt.date) -> list[dict[str, object]]:
    """The customers in the pool: active, grade B, C or D, and without a follow-up for
    at least their grade's :attr:`Settings.pool_days`. Most neglected first (then by
    sheet row).

    :returns: ``{"row", "company", "owner", "grade", "days_without_followup"}`` each;
        ``row`` is the sheet row, ``owner`` ``None`` where blank.
    """
    frame = _candidates(table, result, settings, today)
    pooled = frame[frame["days"] >= frame["limit"]]
    pooled = pooled.sort_values(["days", "row"], ascending=[False, True])
    return _records(pooled)


def pool_soon(table: pd.DataFrame, result: pd.DataFrame, settings: Settings,
              today: dt.date) -> list[dict[str, object]]:
    """The customers going to the pool within :data:`SOON_DAYS` days (pool days − 7 ≤
    days without follow-up < pool days): the salesperson's 即将进入公海. Fewest days
    left first, then grade B, C, D, then sheet row.

    :returns: the records of :func:`pool_list`, each with ``days_left`` (1 to 7).
    """
    frame = _candidates(table, result, settings, today)
    soon = frame[(frame["days"] < frame["limit"])
                 & (frame["days"] >= frame["limit"] - SOON_DAYS)].copy()
    soon["left"] = soon["limit"] - soon["days"]
    soon["order"] = soon["grade"].map(_GRADE_ORDER)
    soon = soon.sort_values(["left", "order", "row"])
    return _records(soon, days_left=True)
