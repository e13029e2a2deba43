"""Keys of whole columns are the keys of each cell: the one-loop reading of plain cells
(one address, one number with its country code) never disagrees with the general
reader, whatever else a cell holds."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from xltrade.rules.buyer_keys import email_domains, phone_keys
from xltrade.rules.key_columns import email_pairs, phone_pairs

PHONES: list[object] = [
    "+1 201 555 0100", " +86 138 0013 8000 ", "+44 (0)20 7946 0018", "+44 020 7946 0018",
    "+86 0755 8888 1234", "+49-171-1234567", "+1 (212) 555-0100", "+1.212.555.0100",
    "+1 212 555 0100 ext 12", "+1 212 555 0100\t", "+1 212 555 0100\n+1 212 555 0101",
    "+1 212 555 0100 / +86 138 0013 8000", "0086 138 0013 8000", "(212) 555-0100",
    "+", "+0 123 4567", "+999 1234567", "+1 000 000 0000", "＋86 138 0013 8000",
    "+86 138 0013 8000、+86 139 0013 8000", 12125550100.0, 8613800138000, None,
    math.nan, "", "tel: +1 212 555 0100", "+1 212 555 0100x12", "+44 7911 123456",
]
COUNTRIES: list[object] = ["美国", "中国", "UK", "德国", None, "Nowhere", "CN", "英国"]
EMAILS: list[object] = [
    "tom@acme.com", " Tom@Sales.ACME.com ", "ann@gmail.com", "buyer1@example.com",
    "a@b@acme.com", "tom@acme.com; ann@acme.co.uk", "Tom <tom@acme.com>", "tom@acme.com.",
    "tom@acme", "tom@-acme.com", "tom@acme_x.com", "tom@ａｃｍｅ.com", "tom@acme.co.uk",
    "tom@mail.acme.com.cn", "no address", "@acme.com", "tom@", "tom@acme.com,", None,
    math.nan, 42, "tom@xn--fiqs8s.com", "tom@yahoo.co.uk", "tom@acme.com/ann@acme.com",
]


def _cell_by_cell_phones(cells: list[object], countries: list[object]) -> list[tuple[int, str]]:
    return [(i, key) for i, cell in enumerate(cells)
            for key in sorted(phone_keys(cell, countries[i]))]


def _cell_by_cell_emails(cells: list[object]) -> list[tuple[int, str]]:
    return [(i, key) for i, cell in enumerate(cells) for key in sorted(email_domains(cell))]


def _sorted_pairs(rows: list[int], keys: list[str]) -> list[tuple[int, str]]:
    return sorted(zip(rows, keys, strict=True))


def test_phone_column_keys_are_each_cells_keys() -> None:
    cells = PHONES * len(COUNTRIES)
    countries = [c for c in COUNTRIES for _ in PHONES]
    rows, keys = phone_pairs(cells, countries, range(len(cells)))
    assert _sorted_pairs(rows, keys) == _cell_by_cell_phones(cells, countries)
    # The plain cells do give keys: the fast reading is in use, not only the general one.
    assert rows.count(0) == 1 and keys[0] == "+12015550100"


def test_email_column_keys_are_each_cells_keys() -> None:
    rows, keys = email_pairs(EMAILS, range(len(EMAILS)))
    assert _sorted_pairs(rows, keys) == _cell_by_cell_emails(EMAILS)
    assert ("acme.com" in keys) and ("gmail.com" not in keys)


def test_only_the_rows_asked_for_are_keyed() -> None:
    rows, keys = email_pairs(EMAILS, [0, 1])
    assert rows == [0, 1] and keys == ["acme.com", "acme.com"]


_PHONE_TEXT = st.text(alphabet="+0123456789 ()-.x/;\t\n、０１８", max_size=24)
_EMAIL_TEXT = st.text(alphabet="ab.@-_ ;,<>ｃÉ", max_size=20)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PHONE_TEXT, max_size=6), st.sampled_from(COUNTRIES))
def test_any_phone_text_keys_alike(cells: list[object], country: object) -> None:
    countries = [country] * len(cells)
    rows, keys = phone_pairs(cells, countries, range(len(cells)))
    assert _sorted_pairs(rows, keys) == _cell_by_cell_phones(cells, countries)


@settings(max_examples=400, deadline=None)
@given(st.lists(_EMAIL_TEXT.map(lambda s: s + "@acme.com" if "@" not in s else s),
                max_size=6))
def test_any_email_text_keys_alike(cells: list[object]) -> None:
    rows, keys = email_pairs(cells, range(len(cells)))
    assert _sorted_pairs(rows, keys) == _cell_by_cell_emails(cells)
