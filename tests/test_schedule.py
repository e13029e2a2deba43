"""Next follow-up dates (§4.1), due status and days overdue (§4.2)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from conftest import TODAY, days, one
from xltrade.rules.settings import Settings


def nxt(record: dict[str, object], **kw: object) -> dt.date | None:
    value = one(record, **kw)["next_followup"]
    return None if pd.isna(value) else pd.Timestamp(value).date()


def test_planned_date_is_used_as_typed_even_on_a_weekend() -> None:
    saturday = dt.date(2026, 11, 28)
    assert nxt({"planned": saturday, "last_contact": days(-1), "orders": 1}) == saturday


def test_last_contact_plus_the_grade_cadence() -> None:
    monday = dt.date(2026, 11, 16)
    assert nxt({"orders": 1, "last_contact": monday}) == monday + dt.timedelta(days=14)  # A
    assert nxt({"stage": "quoted", "last_contact": monday, "last_reply": monday}) == \
        monday + dt.timedelta(days=7)  # B
    assert nxt({"stage": "replied", "last_contact": monday}) == \
        monday + dt.timedelta(days=21)  # C
    assert nxt({"last_contact": monday}) == monday + dt.timedelta(days=28)  # D


def test_unanswered_inquiry_is_due_at_once_from_first_contact() -> None:
    assert nxt({"first_contact": days(-2)}) == days(-2)


def test_no_dates_means_today() -> None:
    assert nxt({}) == TODAY


def test_weekend_moves_to_monday() -> None:
    friday = dt.date(2026, 11, 13)
    # D: Friday + 28 days is a Friday; C (21) too; use first_contact on a Saturday.
    assert nxt({"first_contact": dt.date(2026, 11, 14)}) == dt.date(2026, 11, 16)
    assert nxt({"stage": "quoted", "last_contact": dt.date(2026, 11, 7),
                "last_reply": friday}) == dt.date(2026, 11, 16)  # Sat 14th -> Mon


def test_holidays_and_weekend_days_come_from_settings() -> None:
    monday = dt.date(2026, 11, 16)
    holiday = Settings(holidays=frozenset({monday, monday + dt.timedelta(days=1)}))
    assert nxt({"first_contact": dt.date(2026, 11, 14)}, settings=holiday) == \
        dt.date(2026, 11, 18)
    friday_weekend = Settings(weekend=(4, 5))  # Fri and Sat off, Sunday working
    assert nxt({"first_contact": dt.date(2026, 11, 13)}, settings=friday_weekend) == \
        dt.date(2026, 11, 15)


def test_cadences_come_from_settings() -> None:
    monday = dt.date(2026, 11, 16)
    fast = Settings(cadence={"A": 3, "B": 7, "C": 21, "D": 28})
    assert nxt({"orders": 1, "last_contact": monday}, settings=fast) == dt.date(2026, 11, 19)


@pytest.mark.parametrize(("record", "due", "overdue_days"), [
    ({"first_contact": days(-5)}, "overdue", 5),
    ({"first_contact": days(-1)}, "overdue", 1),
    ({"first_contact": TODAY}, "today", 0),
    ({"planned": dt.date(2026, 11, 20)}, "this_week", 0),         # Friday
    ({"first_contact": days(3)}, "today", 0),  # a future date is blank: due now
    ({"planned": dt.date(2026, 11, 22)}, "this_week", 0),         # Sunday, planned
    ({"planned": dt.date(2026, 11, 23)}, "later", 0),             # next Monday
    ({"stage": "invalid"}, "excluded", None),
])
def test_due_status_and_days_overdue(record: dict[str, object], due: str,
                                     overdue_days: int | None) -> None:
    got = one(record)
    assert got["due"] == due
    if overdue_days is None:
        assert pd.isna(got["days_overdue"])
    else:
        assert got["days_overdue"] == overdue_days


def test_due_labels_follow_the_language() -> None:
    assert one({"first_contact": days(-3)}, lang="zh")["due_text"] == "已逾期"
    assert one({"first_contact": days(-3)}, lang="en")["due_text"] == "Overdue"
