"""Reading the Settings sheet rows (spec §7): every key, bad values, defaults."""

from __future__ import annotations

import datetime as dt

from conftest import one
from xltrade.rules.settings import Settings, default_rows, read_settings


def rows(*pairs: tuple[object, object]) -> list[tuple[int, object, object]]:
    return [(i, label, value) for i, (label, value) in enumerate(pairs, start=3)]


def test_every_key_is_read_in_chinese_or_english() -> None:
    settings, issues = read_settings(rows(
        ("语言", "en"), ("Customer sheet", "Leads"), ("A级跟进间隔（天）", 10),
        ("Cadence D (days)", "35 天"), ("B silence days", 45), ("老客户激活天数", 300),
        ("未回复：换跟进方式", 2), ("Unanswered: new contact", 4), ("未回复：换同事跟进", 6),
        ("周末", "五,六"), ("节假日", dt.datetime(2026, 12, 24)),
        ("Holiday", "2026-12-31, 2027/1/2"), ("阶段别名", "打样=sample; 试单=ordered"),
        ("列映射", "company=客户全称"), ("经理邮箱", "boss@example.com, vp@example.com"),
        ("邮件主题", "{week} 周报"), ("Mail method", "SMTP"),
    ), "设置")
    assert issues == []
    assert settings.language == "en" and settings.customer_sheet == "Leads"
    assert settings.cadence == {"A": 10, "B": 7, "C": 21, "D": 35}
    assert (settings.b_silence_days, settings.dormant_a_days) == (45, 300)
    assert (settings.unanswered_medium, settings.unanswered_contact,
            settings.unanswered_handover) == (2, 4, 6)
    assert settings.weekend == (4, 5)
    assert settings.holidays == {dt.date(2026, 12, 24), dt.date(2026, 12, 31),
                                 dt.date(2027, 1, 2)}
    assert settings.stage_aliases == {"打样": "sample", "试单": "ordered"}
    assert settings.column_map == {"company": "客户全称"}
    assert settings.manager_emails == ("boss@example.com", "vp@example.com")
    assert settings.mail_method == "smtp"


def test_bad_values_are_reported_and_defaults_kept() -> None:
    settings, issues = read_settings(rows(
        ("语言", "法语"), ("A级跟进间隔（天）", 0), ("周末", "周八"), ("节假日", "明天"),
        ("阶段别名", "打样"), ("经理邮箱", "not-an-address"), ("发送方式", "fax"),
        ("未回复：换跟进方式", 9), ("颜色", "red"),
    ), "设置")
    assert settings == Settings()
    problems = [(i.row, i.column, i.problem) for i in issues]
    assert (3, "语言", "issue.bad_setting") in problems
    assert (4, "A级跟进间隔（天）", "issue.bad_setting") in problems
    assert (11, "颜色", "issue.unknown_setting") in problems
    assert (10, "未回复：换跟进方式", "issue.bad_setting") in problems
    assert len(issues) == 9


def test_stage_aliases_from_settings_are_used_for_grading() -> None:
    settings, _ = read_settings(rows(("阶段别名", "打样=sample")), "设置")
    assert one({"stage": "打样"}, settings=settings)["grade"] == "B"
    assert one({"stage": "打样"})["grade"] == "D"  # unknown without the alias


def test_default_rows_read_back_as_the_defaults() -> None:
    for lang in ("zh", "en"):
        written = default_rows(lang, dt.date(2026, 11, 18))  # type: ignore[arg-type]
        settings, issues = read_settings(
            [(i, label, value) for i, (label, value, _) in enumerate(written)], "设置")
        assert issues == []
        assert settings.cadence == Settings().cadence and settings.weekend == (5, 6)
        assert dt.date(2026, 10, 1) in settings.holidays  # National Day
        assert settings.language == lang
