"""Every rule of spec §3.4, first match wins, and silence demotion."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import days, evaluate_records, one
from xltrade.rules.grading import REASON_CODES
from xltrade.rules.settings import Settings


@pytest.mark.parametrize(("record", "grade", "reason"), [
    ({"grade_override": "b级", "stage": "invalid"}, "B", "manual"),
    ({"stage": "无效"}, "D", "excluded"),
    ({"stage": "已报价", "inquiry_type": "同行"}, "D", "excluded"),
    ({"stage": "丢单", "orders": 3}, "D", "lost"),
    ({"orders": "2次"}, "A", "ordered"),
    ({"last_order": days(-30)}, "A", "ordered"),
    ({"stage": "返单"}, "A", "ordered"),
    ({"stage": "已报价", "last_reply": days(-3)}, "B", "negotiating"),
    ({"stage": "寄样"}, "B", "negotiating"),
    ({"stage": "PI"}, "B", "negotiating"),
    ({"inquiry_type": "真实买家", "stage": "新询盘", "first_contact": days(-1)}, "B",
     "hot_inquiry"),
    ({"inquiry_type": "buyer"}, "B", "hot_inquiry"),
    ({"inquiry_type": "采购商", "stage": "已回复"}, "B", "hot_inquiry"),
    ({"stage": "已回复"}, "C", "two_way"),
    ({"stage": "已联系", "last_reply": days(-10)}, "C", "two_way"),
    ({"inquiry_type": "新手"}, "C", "nurture"),
    ({"inquiry_type": "比价", "stage": "已联系"}, "C", "nurture"),
    ({"stage": "已发开发信"}, "D", "no_two_way"),
    ({"inquiry_type": "要样品", "stage": "已联系"}, "D", "no_two_way"),
    ({}, "D", "no_two_way"),
])
def test_rules(record: dict[str, object], grade: str, reason: str) -> None:
    got = one(record)
    assert (got["grade"], got["reason"]) == (grade, reason)


def test_excluded_rows_show_d_and_are_not_scheduled() -> None:
    got = one({"stage": "spam", "last_contact": days(-3)})
    assert got["excluded"] and got["grade"] == "D"
    assert got["due"] == "excluded" and got["next_followup"] != got["next_followup"]


def test_silent_b_becomes_c_after_the_silence_days() -> None:
    quiet = one({"stage": "已报价", "last_reply": days(-61)})
    assert (quiet["grade"], quiet["reason"]) == ("C", "silent_demoted")
    assert quiet["grade_reason"] == "Quoted, then silent 61 days since their last reply"
    on_the_edge = one({"stage": "已报价", "last_reply": days(-60)})
    assert (on_the_edge["grade"], on_the_edge["reason"]) == ("B", "negotiating")


@pytest.mark.parametrize(("record", "zh", "en"), [
    ({"stage": "已报价", "last_reply": days(-90), "first_contact": days(-400)},
     "报价后沉默 90 天（自客户上次回复）", "Quoted, then silent 90 days since their last reply"),
    ({"inquiry_type": "真实买家", "last_reply": days(-75), "first_contact": days(-185)},
     "询盘后沉默 75 天（自客户上次回复）", "Inquired, then silent 75 days since their last reply"),
    ({"inquiry_type": "真实买家", "first_contact": days(-185)},
     "询盘 185 天来客户从未回复", "No reply in the 185 days since the inquiry"),
    ({"stage": "样品", "first_contact": days(-70)},
     "询盘 70 天来客户从未回复", "No reply in the 70 days since the inquiry"),
])
def test_the_three_silences_say_what_went_quiet(record: dict[str, object], zh: str,
                                                en: str) -> None:
    """A new inquiry never quoted is not 'silent after the quote', and days count from
    the customer's last reply, or from the inquiry when they never replied."""
    for lang, text in (("zh", zh), ("en", en)):
        got = one(record, lang=lang)
        assert (got["grade"], got["reason"], got["grade_reason"]) == ("C", "silent_demoted",
                                                                      text)


def test_silence_falls_back_to_first_contact_and_else_never_demotes() -> None:
    assert one({"inquiry_type": "buyer", "first_contact": days(-90)})["reason"] == \
        "silent_demoted"
    assert one({"inquiry_type": "buyer"})["reason"] == "hot_inquiry"


def test_silence_days_come_from_settings() -> None:
    record = {"stage": "quoted", "last_reply": days(-20)}
    assert one(record)["grade"] == "B"
    assert one(record, settings=Settings(b_silence_days=15))["grade"] == "C"


def test_reason_texts_follow_the_language() -> None:
    _, zh, _ = evaluate_records([{"company": "X", "orders": 3}], lang="zh")
    _, en, _ = evaluate_records([{"company": "X", "orders": 3}], lang="en")
    assert zh.iloc[0]["grade_reason"] == "已下单 3 次"
    assert en.iloc[0]["grade_reason"] == "3 order(s) so far"


STAGES = st.sampled_from([None, "新询盘", "已联系", "已回复", "已报价", "寄样", "谈判中", "成交",
                          "丢单", "无效", "nonsense"])
TYPES = st.sampled_from([None, "真实买家", "新手", "比价", "要样品", "同行", "?"])
DATES = st.one_of(st.none(), st.integers(-400, 0).map(days))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.fixed_dictionaries({
    "stage": STAGES, "inquiry_type": TYPES, "last_reply": DATES, "first_contact": DATES,
    "last_order": DATES, "orders": st.one_of(st.none(), st.integers(0, 5)),
    "grade_override": st.sampled_from([None, "A", "d级", "Z"]),
}), min_size=1, max_size=20))
def test_every_row_gets_exactly_one_grade_and_reason(records: list[dict[str, object]]) -> None:
    records = [{"company": f"C{i}", **r} for i, r in enumerate(records)]
    table, result, _ = evaluate_records(records)
    assert len(result) == len(table) == len(records)
    assert set(result["reason"]) <= set(REASON_CODES)
    assert set(result["grade"]) <= {"A", "B", "C", "D"}
    assert result["grade_reason"].map(bool).all()
