"""撞单 (spec §9): one buyer held by two salespeople, found by company name, email
domain or phone number, and the look-alikes that must stay apart."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xltrade.rules.conflicts import (
    Conflict,
    as_json,
    company_key,
    email_domains,
    find_conflicts,
    phone_keys,
)

COLUMNS = ("company", "owner", "email", "phone", "country", "first_contact", "file", "row")


def table(*rows: dict[str, object]) -> pd.DataFrame:
    """Customer rows as the team view reads them; each row its own sheet row in a.xlsx
    unless it says otherwise, missing cells blank."""
    filled = [{"file": "a.xlsx", "row": i, **r} for i, r in enumerate(rows, start=2)]
    return pd.DataFrame(filled, columns=list(COLUMNS))


def rows_of(conflict: Conflict) -> list[tuple[str, int]]:
    return [(h.file, h.row) for h in conflict.customers]


# --- Company names -----------------------------------------------------------------

@pytest.mark.parametrize(("one", "other"), [
    ("ABC Trading Co., Ltd.", "abc trading co ltd"),
    ("ABC Trading Co., Ltd.", "ＡＢＣ Trading Company Limited"),
    ("ABC TRADING CO.,LTD", "ABC Trading Co.Ltd."),
    ("Acme, L.L.C.", "ACME LLC"),
    ("The Acme Corporation", "Acme Corp."),
    ("Jones & Co.", "Jones and Company"),
    ("Procter & Gamble", "Procter and Gamble Co"),
    ("Nestlé S.A.", "NESTLE SA"),
    ("Müller GmbH", "Muller G.m.b.H."),
    ("Acme Pty Ltd", "ACME PTY. LTD."),
    ("Sinar Jaya Sdn. Bhd.", "SINAR JAYA SDN BHD"),
    ("Grupo Bimbo, S.A.B. de C.V.", "Grupo Bimbo SAB de CV"),
    ("Polmex Sp. z o.o.", "POLMEX SP Z OO"),
    ("ООО «Ромашка»", "Ромашка ООО"),
    ("PT Astra International Tbk", "Astra International"),
    ("深圳市华为技术有限公司", "深圳市华为技术有限公司 "),
    ("深圳市华为技术有限公司", "深圳市华为技术有限责任公司"),
    ("海尔智家股份有限公司", "海尔智家公司"),
    ("株式会社トヨタ", "トヨタ株式会社"),
    ("ＡＢＣ（ＨＫ）Ｌｉｍｉｔｅｄ", "ABC (HK) Limited"),
    ("ABC Trading", "ABCTrading"),
    # Names as public company registers write them, against how a salesperson types them.
    ("APPLE INC", "Apple Inc."),
    ("Alibaba Group Holding Limited", "ALIBABA GROUP HOLDING LTD"),
    ("Samsung Electronics Co., Ltd.", "SAMSUNG ELECTRONICS CO LTD"),
    ("Toyota Motor Corporation", "TOYOTA MOTOR CORP"),
    ("Robert Bosch Gesellschaft mit beschränkter Haftung", "Robert Bosch GmbH"),
    ("Siemens Aktiengesellschaft", "Siemens AG"),
    ("PTT Public Company Limited", "PTT PCL"),
])
def test_one_company_written_two_ways_is_one_key(one: str, other: str) -> None:
    assert company_key(one) == company_key(other) != ""


@pytest.mark.parametrize(("one", "other"), [
    ("Global Trading Co", "Global Trade Partners"),
    ("Global Trading Co", "Global Industries Co"),
    ("ABC Trading Co., Ltd.", "ABC Industries Co., Ltd."),
    ("ABC Trading (Shenzhen) Co., Ltd.", "ABC Trading Co., Ltd."),
    ("General Motors Company", "General Mills, Inc."),
    ("Apple Inc.", "Apple Hospitality REIT, Inc."),
    ("Bosch", "Robert Bosch GmbH"),
    # A city prefix is kept: one name in two cities may be two firms.
    ("深圳市华为技术有限公司", "华为技术有限公司"),
    ("华为技术有限公司", "华为集团有限公司"),
])
def test_look_alike_companies_stay_apart(one: str, other: str) -> None:
    assert company_key(one) != company_key(other)


@pytest.mark.parametrize("name", [
    "", "   ", None, float("nan"), pd.NA, "Co., Ltd.", "Company Limited", "有限公司", "A",
    "X Ltd", "-", "公司",
])
def test_a_name_of_nothing_but_legal_forms_or_one_letter_never_matches(name: object) -> None:
    assert company_key(name) == ""


def test_company_key_reads_any_cell_value() -> None:
    assert company_key(20260301) == "20260301"
    assert company_key(123456.0) == "123456"
    assert company_key(dt.date(2026, 3, 1)) == "20260301"


# --- Email domains -----------------------------------------------------------------

def test_each_address_in_a_cell_counts_and_free_mail_never_does() -> None:
    cell = "tom@acme.com; ann@gmail.com, Bob <bob@Globex.DE> / li@qq.com\nx@initech.com.cn"
    assert email_domains(cell) == {"acme.com", "globex.de", "initech.com.cn"}


@pytest.mark.parametrize(("cell", "domain"), [
    ("tom@sales.acme.com", "acme.com"),
    ("tom@acme.com", "acme.com"),
    ("tom@mail.acme.co.uk", "acme.co.uk"),
    ("tom@acme.com.au", "acme.com.au"),
    ("mailto:tom@acme.com.", "acme.com"),
    ("张三＠ＡＣＭＥ．ＣＯＭ", "acme.com"),
])
def test_a_subdomain_is_its_registered_domain(cell: str, domain: str) -> None:
    assert email_domains(cell) == {domain}


@pytest.mark.parametrize("cell", [
    "a@gmail.com", "a@googlemail.com", "a@yahoo.com", "a@yahoo.co.uk", "a@hotmail.fr",
    "a@outlook.com", "a@live.com", "a@icloud.com", "a@gmx.de", "a@yandex.ru", "a@mail.ru",
    "a@qq.com", "a@vip.qq.com", "a@163.com", "a@vip.163.com", "a@126.com", "a@sina.com",
    "a@foxmail.com", "a@aliyun.com", "a@naver.com", "a@rediffmail.com", "a@proton.me",
    "buyer1@example.com", "a@sales.example.org", "a@shop.test", "a@acme.invalid",
    "not an address", "a@b", "a@.com", "", None, float("nan"), 12345,
])
def test_free_mail_and_non_addresses_give_no_domain(cell: object) -> None:
    assert email_domains(cell) == set()


# --- Phone numbers -----------------------------------------------------------------

@pytest.mark.parametrize(("cell", "country"), [
    ("(212) 555-0100", "美国"),
    ("(212) 555-0100", "USA"),
    ("212.555.0100", "United States"),
    ("+1 212 555 0100", None),
    ("+1 (212) 555-0100", "德国"),
    ("001 212 555 0100", None),
    ("Tel: +1-212-555-0100 ext. 12", None),
    (12125550100.0, "US"),
    (12125550100, None),
])
def test_national_and_international_forms_are_one_number(cell: object,
                                                         country: object) -> None:
    assert phone_keys(cell, country) == {"+12125550100"}


def test_a_number_stored_as_a_float_reads_without_its_point_zero() -> None:
    assert phone_keys(8613800138000.0) == {"+8613800138000"}
    assert phone_keys(13800138000.0, "中国") == {"+8613800138000"}
    assert phone_keys(np.float64(8613800138000.0), "China") == {"+8613800138000"}
    # The buyer's Chinese mobile in a row whose country is the USA.
    assert phone_keys(8613800138000.0, "美国") == {"+8613800138000"}


def test_several_numbers_in_one_cell_each_count() -> None:
    cell = "+86 138 0013 8000 / 0086 139 1234 5678; +1 212 555 0100\n+49 30 1234567"
    assert phone_keys(cell, "中国") == {
        "+8613800138000", "+8613912345678", "+12125550100", "+49301234567"}


@pytest.mark.parametrize(("cell", "country"), [
    ("123456", "US"),           # too short
    ("5550100", None),          # no country to read it by, not international
    ("2125550100", None),       # a US number without its country: not guessed
    ("0000000000", "US"),       # a placeholder
    ("n/a", "US"),
    ("+1 212", None),
    ("", "US"), (None, "US"), (float("nan"), "US"), (pd.NA, None),
    (dt.date(2026, 3, 1), "US"), (True, None),
])
def test_what_is_not_a_number_gives_none(cell: object, country: object) -> None:
    assert phone_keys(cell, country) == set()


# --- Conflicts ---------------------------------------------------------------------

def test_two_salespeople_on_one_company_are_one_conflict() -> None:
    customers = table(
        {"company": "ABC Trading Co., Ltd.", "owner": "王芳"},
        {"company": "Other Buyer", "owner": "王芳"},
        {"company": "abc trading co ltd", "owner": "Tom", "file": "b.xlsx", "row": 7},
    )
    [conflict] = find_conflicts(customers)
    assert conflict.why == "name"
    assert rows_of(conflict) == [("a.xlsx", 2), ("b.xlsx", 7)]
    assert conflict.owners == ("王芳", "Tom")
    assert [h.company for h in conflict.customers] == ["ABC Trading Co., Ltd.",
                                                       "abc trading co ltd"]


def test_look_alikes_and_free_mail_buyers_are_no_conflict() -> None:
    customers = table(
        {"company": "Global Trading Co", "owner": "王芳"},
        {"company": "Global Trade Partners", "owner": "Tom"},
        {"company": "Buyer One", "owner": "王芳", "email": "one@gmail.com"},
        {"company": "Buyer Two", "owner": "Tom", "email": "two@gmail.com"},
        {"company": "买家甲", "owner": "王芳", "email": "12345@qq.com"},
        {"company": "买家乙", "owner": "Tom", "email": "67890@qq.com"},
    )
    assert find_conflicts(customers) == []


def test_one_owners_duplicate_rows_are_not_a_conflict() -> None:
    customers = table(
        {"company": "ABC Trading Co., Ltd.", "owner": "Tom", "email": "a@abc.com"},
        {"company": "ABC Trading Company", "owner": " tom ", "email": "b@abc.com",
         "file": "b.xlsx"},
    )
    assert find_conflicts(customers) == []


def test_three_salespeople_on_one_buyer_are_one_group() -> None:
    customers = table(
        {"company": "Globex GmbH", "owner": "Tom"},
        {"company": "GLOBEX", "owner": "王芳"},
        {"company": "Globex G.m.b.H.", "owner": "Lisa"},
        {"company": "Globex", "owner": "Tom", "file": "b.xlsx", "row": 9},
    )
    [conflict] = find_conflicts(customers)
    assert len(conflict.customers) == 4
    assert set(conflict.owners) == {"Tom", "王芳", "Lisa"}


def test_the_first_holder_is_who_recorded_the_buyer_first() -> None:
    customers = table(
        {"company": "Acme", "owner": "A", "first_contact": None},
        {"company": "Acme", "owner": "B", "first_contact": dt.date(2026, 5, 1)},
        {"company": "Acme", "owner": "C", "first_contact": dt.date(2026, 3, 1)},
        {"company": "Acme", "owner": "D", "first_contact": dt.date(2026, 3, 1),
         "file": "0.xlsx", "row": 40},
        {"company": "Acme", "owner": "E", "first_contact": pd.Timestamp("2026-04-01")},
        {"company": "Acme", "owner": "F", "first_contact": "2026年2月1日"},
    )
    [conflict] = find_conflicts(customers)
    assert [h.owner for h in conflict.customers] == ["F", "D", "C", "E", "B", "A"]
    assert conflict.first is not None and conflict.first.owner == "F"
    assert conflict.first.first_contact == dt.date(2026, 2, 1)


def test_without_dates_nobody_is_named_first() -> None:
    customers = table({"company": "Acme", "owner": "B", "row": 9},
                      {"company": "Acme", "owner": "A", "row": 3})
    [conflict] = find_conflicts(customers)
    assert conflict.first is None
    assert [h.row for h in conflict.customers] == [3, 9]


def test_linked_by_email_domain_or_phone_only() -> None:
    customers = table(
        {"company": "Initech", "owner": "Tom", "email": "bill@initech.com"},
        {"company": "Initech Software Inc", "owner": "王芳",
         "email": "peter@sales.initech.com; peter@gmail.com"},
        {"company": "Umbrella", "owner": "Tom", "phone": "(212) 555-0199", "country": "美国"},
        {"company": "安布雷拉", "owner": "王芳", "phone": 12125550199.0, "country": "USA"},
    )
    by_name = {c.customers[0].company: c for c in find_conflicts(customers)}
    assert by_name["Initech"].why == "email_domain"
    assert by_name["Umbrella"].why == "phone"
    assert rows_of(by_name["Umbrella"]) == [("a.xlsx", 4), ("a.xlsx", 5)]


def test_rows_linked_by_several_keys_are_reported_once_under_the_strongest() -> None:
    customers = table(
        {"company": "Acme Ltd", "owner": "Tom", "email": "a@acme.com", "phone": "+1 212 555 0100"},
        {"company": "ACME", "owner": "王芳", "email": "b@acme.com", "phone": "2125550100",
         "country": "US"},
    )
    [conflict] = find_conflicts(customers)
    assert conflict.why == "name"


def test_a_wider_group_on_a_weaker_key_is_reported_too() -> None:
    customers = table(
        {"company": "Acme Ltd", "owner": "Tom", "email": "a@acme.com"},
        {"company": "ACME", "owner": "王芳", "email": "b@acme.com"},
        {"company": "Acme Europe", "owner": "Lisa", "email": "c@acme.com"},
    )
    conflicts = find_conflicts(customers)
    assert [(c.why, len(c.customers)) for c in conflicts] == [("name", 2), ("email_domain", 3)]


def test_an_owners_own_rows_join_a_conflict_with_another_owner() -> None:
    customers = table({"company": "Acme", "owner": "Tom"},
                      {"company": "Acme", "owner": "Tom", "file": "b.xlsx"},
                      {"company": "Acme", "owner": "Lisa"})
    [conflict] = find_conflicts(customers)
    assert len(conflict.customers) == 3


def test_a_row_without_owner_is_in_no_conflict() -> None:
    customers = table({"company": "Acme", "owner": None}, {"company": "Acme", "owner": " "},
                      {"company": "Acme", "owner": "Tom"})
    assert find_conflicts(customers) == []


def test_blank_and_odd_cells_never_crash() -> None:
    customers = pd.DataFrame({
        "company": ["Acme", np.nan, 12345, dt.date(2026, 1, 1), "Acme", None],
        "owner": ["Tom", "Tom", "Lisa", np.nan, 7, "Lisa"],
        "email": [np.nan, None, 3.5, dt.datetime(2026, 1, 1), "", pd.NA],
        "phone": [np.nan, 8613800138000.0, True, dt.date(2026, 1, 1), None, "+86 138 0013 8000"],
        "country": [np.nan, 86, None, "Narnia", dt.date(2026, 1, 1), pd.NA],
        "first_contact": [pd.NaT, np.nan, "not a date", 45000, None, dt.datetime(2026, 1, 1, 9)],
        "file": ["a.xlsx"] * 6,
        "row": np.arange(2, 8),
    })
    conflicts = find_conflicts(customers)
    assert sorted((c.why, tuple(h.row for h in c.customers)) for c in conflicts) == [
        ("name", (2, 6)), ("phone", (7, 3))]


def test_optional_columns_may_be_absent_and_required_ones_are_named() -> None:
    bare = pd.DataFrame({"company": ["Acme", "ACME Inc"], "owner": ["Tom", "Lisa"],
                         "file": ["a.xlsx", "b.xlsx"], "row": [2, 2]})
    assert len(find_conflicts(bare)) == 1
    with pytest.raises(ValueError, match="owner, row"):
        find_conflicts(bare.drop(columns=["owner", "row"]))


def test_as_json_has_the_shape_of_the_team_view() -> None:
    customers = table(
        {"company": "Acme Ltd", "owner": "Tom", "first_contact": dt.date(2026, 3, 1)},
        {"company": "ACME", "owner": "王芳", "file": "b.xlsx", "row": 5},
    )
    [conflict] = find_conflicts(customers)
    assert as_json(conflict) == {
        "customers": [
            {"company": "Acme Ltd", "owner": "Tom", "file": "a.xlsx", "row": 2,
             "first_contact": "2026-03-01"},
            {"company": "ACME", "owner": "王芳", "file": "b.xlsx", "row": 5,
             "first_contact": None},
        ],
        "why": "name",
    }


def test_twenty_thousand_customers_in_one_pass() -> None:
    rng = random.Random(7)
    syllables = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "de", "pa", "zo", "ku"]
    owners = [f"sales{i}" for i in range(12)]
    records = []
    for i in range(20_000):
        name = "".join(rng.choices(syllables, k=5)).title()
        records.append({
            "company": f"{name} Trading Co., Ltd.", "owner": rng.choice(owners),
            "email": f"info@{name.lower()}.com", "phone": f"+1 212 {i // 10000 + 2}{i:06d}",
            "country": "US", "first_contact": None, "file": "team.xlsx", "row": i + 2})
    # Planted: one buyer by name, another by its phone written nationally.
    records.append({**records[10], "company": records[10]["company"].upper(),
                    "owner": "planted", "row": 90_000})
    records.append({**records[20], "company": "Unrelated", "email": None,
                    "phone": f"(212) 200-00{20:02d}", "owner": "planted", "row": 90_001})
    conflicts = find_conflicts(pd.DataFrame(records))
    planted = {c.why for c in conflicts if "planted" in c.owners}
    assert planted == {"name", "phone"}
    for conflict in conflicts:
        assert len({h.owner for h in conflict.customers}) > 1


# --- Properties ----------------------------------------------------------------------

_cells = st.one_of(
    st.none(), st.just(np.nan), st.text(max_size=30), st.integers(), st.floats(),
    st.dates(), st.sampled_from(["Acme Ltd", "ACME", "a@acme.com", "a@gmail.com",
                                 "+1 212 555 0100", "(212) 555-0100", "美国", "US"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.fixed_dictionaries({
    "company": st.one_of(_cells, st.sampled_from(["Acme", "ACME Co.", "Globex", "Initech"])),
    "owner": st.sampled_from(["Tom", "tom", "Lisa", "王芳", "", None]),
    "email": _cells, "phone": _cells, "country": _cells, "first_contact": _cells,
}), max_size=12))
def test_every_conflict_crosses_owners_and_every_shared_name_is_reported(
        rows: list[dict[str, object]]) -> None:
    customers = table(*rows)
    conflicts = find_conflicts(customers)
    for conflict in conflicts:
        owners = {str(h.owner).strip().casefold() for h in conflict.customers}
        assert len(owners) > 1 and "" not in owners
        assert len(set(rows_of(conflict))) == len(conflict.customers)
    # Completeness for names: rows of two owners sharing a key sit in one conflict.
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows, start=2):
        owner = str(row["owner"] or "").strip().casefold()
        if owner and company_key(row["company"]):
            by_key[company_key(row["company"])].append(i)
    named = [{h.row for h in c.customers} for c in conflicts if c.why == "name"]
    for key_rows in by_key.values():
        owners = {str(rows[i - 2]["owner"]).strip().casefold() for i in key_rows}
        assert (len(owners) > 1) == (set(key_rows) in named)


@settings(deadline=None)
@given(_cells)
def test_the_keys_read_any_cell_without_raising(cell: object) -> None:
    company_key(cell)
    email_domains(cell)
    phone_keys(cell, cell)
