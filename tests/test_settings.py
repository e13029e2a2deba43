"""Reading the Settings sheet rows (spec §7): every key, bad values, defaults."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from conftest import TODAY, one
from xltrade.cli import main
from xltrade.rules.settings import Settings, default_rows, default_settings, read_settings
from xltrade.rules.texts import say
from xltrade.sample import write_sample


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
    assert (4, "A级跟进间隔（天）", "issue.setting_range") in problems
    assert (11, "颜色", "issue.unknown_setting") in problems
    assert (10, "未回复：换跟进方式", "issue.bad_setting") in problems
    assert len(issues) == 9


def test_stage_aliases_from_settings_are_used_for_grading() -> None:
    settings, _ = read_settings(rows(("阶段别名", "ZX-9=sample")), "设置")
    assert one({"stage": "ZX-9"}, settings=settings)["grade"] == "B"
    assert one({"stage": "ZX-9"})["grade"] == "D"  # unknown without the alias


def test_default_rows_read_back_as_the_defaults() -> None:
    for lang in ("zh", "en"):
        written = default_rows(lang, dt.date(2026, 11, 18))  # type: ignore[arg-type]
        settings, issues = read_settings(
            [(i, label, value) for i, (label, value, _) in enumerate(written)], "设置")
        assert issues == []
        assert settings.cadence == Settings().cadence and settings.weekend == (5, 6)
        assert dt.date(2026, 10, 1) in settings.holidays  # National Day
        assert settings.language == lang


@pytest.mark.parametrize(("label", "value"), [
    ("A级跟进间隔（天）", "1e18"), ("A级跟进间隔（天）", 1e300), ("Cadence B (days)", 366),
    ("B silence days", 2_900_000), ("老客户激活天数", -5), ("未回复：换跟进方式", 10**9),
    ("Cadence C (days)", "0")])
def test_numbers_outside_their_bounds_are_reported_and_defaults_used(label: str,
                                                                     value: object) -> None:
    settings, issues = read_settings(rows((label, value)), "设置")
    assert settings == Settings()
    (issue,) = issues
    assert issue.problem == "issue.setting_range" and issue.row == 3
    high = issue.params["high"]
    assert isinstance(high, int) and BOUNDS_TEXT in issue.message("en").replace(str(high), "N")


BOUNDS_TEXT = "from 1 to N"


def test_the_bounds_hold_end_to_end() -> None:
    """The largest cadence from the farthest allowed day still gives a date."""
    settings, issues = read_settings(rows(("Cadence A (days)", 365),
                                          ("Cadence D (days)", 365)), "设置")
    assert issues == []
    row = one({"stage": "成交", "last_contact": dt.date(2199, 12, 31)}, settings=settings,
              today=dt.date(2199, 12, 31))
    assert row["next_followup"].year == 2200


def test_two_fields_mapped_to_one_column_are_both_dropped_and_reported() -> None:
    settings, issues = read_settings(rows(("列映射", "company=客户; owner=客户"),
                                          ("Column mapping", "country=Land")), "设置")
    assert settings.column_map == {"country": "Land"}
    assert sorted(i.value for i in issues) == ["company=客户", "owner=客户"]
    assert {i.problem for i in issues} == {"issue.mapping_clash"}


@pytest.mark.parametrize("label", ["SMTP password", "SMTP 密码", "邮箱密码", "pwd", "Passwort"])
def test_a_password_row_is_never_echoed(label: str) -> None:
    _, issues = read_settings(rows((label, "hunter2-秘密")), "设置")
    if "passwort" in label.lower():  # not a word xltrade knows: an unknown setting
        assert issues[0].problem == "issue.unknown_setting"
        return
    (issue,) = issues
    assert issue.problem == "issue.password_in_settings"
    for lang in ("zh", "en"):
        assert "hunter2" not in issue.message(lang) and "秘密" not in issue.message(lang)
    assert "keyring" in issue.message("en")


@pytest.mark.parametrize("address", [
    "Boss<evil@attacker.example>", "boss@example.com>", '"Boss" <b@x.co>', "a@b", "a b@c.co",
    "boss@example..com", "boss@-example.com", "x" * 250 + "@example.com"])
def test_an_address_is_one_plain_address_on_both_paths(address: str) -> None:
    """Settings (what the ribbon mails to) and the command line's --to agree."""
    from xltrade import mail

    settings, issues = read_settings(rows(("经理邮箱", address)), "设置")
    assert settings.manager_emails == () and issues[0].problem == "issue.bad_setting"
    with pytest.raises(mail.MailError):
        mail.addresses(address)
    assert mail.addresses("boss@example.com") == ["boss@example.com"]


def test_the_log_column_mapping_names_log_fields_in_either_language() -> None:
    settings, issues = read_settings(rows(
        ("跟进记录列映射", "日期=联系时间；medium=沟通渠道; Note=内容摘要"),), "设置")
    assert issues == []
    assert settings.log_column_map == {"date": "联系时间", "medium": "沟通渠道",
                                       "note": "内容摘要"}
    # A field the log does not have, and two fields under one header: reported, unused.
    settings, issues = read_settings(rows(("Log column mapping", "price=Preis"),), "设置")
    assert settings.log_column_map == {} and [i.problem for i in issues] == [
        "issue.bad_setting"]
    settings, issues = read_settings(rows(
        ("跟进记录列映射", "日期=时间; 备注=时间; 话题=主题"),), "设置")
    assert settings.log_column_map == {"topic": "主题"}
    assert [i.problem for i in issues] == ["issue.mapping_clash"] * 2


def test_the_defaults_are_what_the_written_settings_say() -> None:
    today = dt.date(2026, 11, 18)
    written = default_rows("zh", today)
    from_sheet, _ = read_settings(
        [(i, label, value) for i, (label, value, _) in enumerate(written)], "设置")
    # The subject written is the one mail uses when none is set.
    assert from_sheet.email_subject == say("mail.subject", "zh")
    assert default_settings(today) == replace(from_sheet, language=None, email_subject="")


def next_dates(path: Path) -> dict[str, object]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = [list(r) for r in book["客户表"].iter_rows(values_only=True)]
    book.close()
    header = rows[2]
    company, due = header.index("客户名称"), header.index("下次跟进")
    return {str(r[company]): r[due] for r in rows[3:] if r[company]}


def test_the_first_run_and_every_later_one_give_the_same_dates(tmp_path: Path) -> None:
    """Without 设置 the first refresh writes one; the runs after it read it. Both must
    know China's National Day: a customer due on 2026-10-05 is asked on 10-08."""
    book = write_sample(tmp_path / "team.xlsx", today=TODAY)
    runs = []
    for _ in range(3):
        assert main(["refresh", str(book), "--today", TODAY.isoformat()]) == 0
        runs.append(next_dates(book))
    assert runs[0] == runs[1] == runs[2]
    for name in ("Riyadh Build Materials", "Nairobi Traders"):
        assert runs[0][name] == dt.datetime(2026, 10, 8), name
