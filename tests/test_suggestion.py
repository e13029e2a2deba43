"""Suggested actions, first that applies (spec §4.3)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import days, one
from xltrade.rules.countries import country_code
from xltrade.rules.settings import Settings


@pytest.mark.parametrize(("unanswered", "start"), [
    (8, "Hand over to a colleague"), (12, "Hand over to a colleague"),
    (5, "Write to another person"), (7, "Write to another person"),
    (3, "Switch medium"), (4, "Switch medium"),
])
def test_unanswered_ladder(unanswered: int, start: str) -> None:
    got = one({"unanswered": unanswered, "orders": 1, "last_order": days(-500)})
    assert got["suggestion"].startswith(start)


def test_switching_medium_names_the_other_medium() -> None:
    assert "phone or WhatsApp" in one({"unanswered": 3, "medium": "邮件"})["suggestion"]
    assert "email" in one({"unanswered": 3, "medium": "WhatsApp"})["suggestion"]
    assert "别放弃" in one({"unanswered": 3}, lang="zh")["suggestion"]


def test_thresholds_come_from_settings() -> None:
    strict = Settings(unanswered_medium=2, unanswered_contact=4, unanswered_handover=6)
    assert one({"unanswered": 2}, settings=strict)["suggestion"].startswith("Switch medium")
    assert one({"unanswered": 6}, settings=strict)["suggestion"].startswith("Hand over")


def test_dormant_customer_is_reactivated() -> None:
    got = one({"orders": 2, "last_order": days(-400)})
    assert got["suggestion"] == "Reactivate: last order 400 days ago"
    assert not one({"orders": 2, "last_order": days(-300)})["suggestion"].startswith("React")
    assert one({"orders": 2, "last_order": days(-300)},
               settings=Settings(dormant_a_days=200))["suggestion"].startswith("Reactivate")


@pytest.mark.parametrize("country", ["美国", "USA", "United States", "US", "usa"])
def test_holiday_greeting_within_14_days(country: str) -> None:
    # Next follow-up on 2026-11-18 (today); Thanksgiving is 2026-11-26.
    got = one({"country": country, "first_contact": days(0)})
    # The action first; the buyer's working hours follow it.
    action, hours = got["suggestion"].split("; ", 1)
    assert action == "Holiday greeting: Thanksgiving Day (2026-11-26)"
    assert hours.startswith("their 9:00–17:00 = 22:00–6:00 next day Beijing")


def test_no_greeting_when_the_holiday_is_further_than_14_days() -> None:
    got = one({"country": "US", "planned": dt.date(2026, 12, 1)})  # Christmas: 24 days on
    assert not got["suggestion"].startswith("Holiday")


def test_topics_rotate_with_the_follow_up_count() -> None:
    topics = [one({"followups": n, "first_contact": days(0), "country": "火星"})["suggestion"]
              for n in range(7)]
    assert len(set(topics[:6])) == 6 and topics[6] == topics[0]


def test_excluded_rows_get_no_suggestion() -> None:
    assert one({"stage": "invalid", "unanswered": 9})["suggestion"] == ""


@pytest.mark.parametrize(("name", "code"), [
    ("德国", "DE"), ("Germany", "DE"), ("DEU", "DE"), ("de", "DE"), ("英国", "GB"),
    ("United Kingdom", "GB"), ("UAE", "AE"), ("阿联酋", "AE"), ("South Korea", "KR"),
    ("火星", None)])
def test_country_names(name: str, code: str | None) -> None:
    assert country_code(name) == code


#: The top destinations of Chinese exports, by the holidays package's codes.
MARKETS = ("US", "DE", "JP", "KR", "GB", "FR", "IT", "ES", "NL", "RU", "IN", "BR", "MX", "CA", "AU",
           "AE", "SA", "TR", "VN", "TH", "MY", "ID", "PH", "SG", "PL", "NG", "ZA", "EG", "CL", "AR")


def test_holidays_of_the_main_markets_have_chinese_names_in_a_chinese_workbook() -> None:
    from xltrade.rules.countries import public_holidays

    english = []
    for code in MARKETS:
        for _, name in public_holidays(code, (2026, 2027), "zh"):
            if any("a" <= ch.lower() <= "z" for ch in name):
                english.append((code, name))
    # One-off events the table cannot know ahead stay in English; no regular holiday does.
    assert len(english) <= 2, english
    us = dict(public_holidays("US", (2026,), "zh"))
    assert us[dt.date(2026, 11, 26)] == "感恩节" and us[dt.date(2026, 12, 25)] == "圣诞节"
    th = dict(public_holidays("TH", (2026,), "en"))
    assert "Bhumibol" in th[dt.date(2026, 12, 5)]  # English workbooks keep English names


def test_the_greeting_suggestion_names_the_holiday_in_the_workbook_language() -> None:
    # Quoted and answered since: a greeting (a quote gone silent gets its checklist).
    row = {"stage": "已报价", "country": "美国", "last_contact": dt.date(2026, 11, 16),
           "last_reply": dt.date(2026, 11, 17)}
    zh = one(row, lang="zh", today=dt.date(2026, 11, 18))["suggestion"]
    en = one(row, lang="en", today=dt.date(2026, 11, 18))["suggestion"]
    assert "感恩节" in zh and "Thanksgiving" in en
