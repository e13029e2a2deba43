"""Buyer keys of whole columns, for the 撞单 check over every row of a large sheet.

:mod:`xltrade.rules.buyer_keys` reads one cell at a time, whatever it holds. Most
cells hold one email address or one number written with its country code, in plain
ASCII: those are keyed here in one loop, straight from the text; every other cell goes
to the general reader, so both give the same keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from xltrade.rules.buyer_keys import (
    EMAIL_SPLIT,
    NOT_DIGIT,
    domain_key,
    email_domains,
    international_key,
    phone_keys,
)

#: Row positions and keys side by side; a row with several keys is listed once each.
Pairs = tuple[list[int], list[str]]

#: A whole cell that is one international number: no separator of two numbers, no
#: "(0)" trunk prefix (the general reader drops that), nothing after the digits.
_ONE_INTERNATIONAL = re.compile(r"\+[\d ().\-]*")


#: What a plain cell's reading says when the cell is not plain: the general reader.
_NOT_PLAIN = object()


def _plain_phone(text: str) -> object:
    if text[:1] == "+" and text.isascii() and "(0)" not in text \
            and _ONE_INTERNATIONAL.fullmatch(text):
        return international_key(NOT_DIGIT.sub("", text))
    return _NOT_PLAIN


def _plain_email(text: str) -> object:
    if text.isascii() and text.count("@") == 1 and not EMAIL_SPLIT.search(text):
        return domain_key(text.rsplit("@", 1)[1].strip(".").lower())
    return _NOT_PLAIN


def _pairs(cells: Sequence[object], rows: Sequence[int], plain: Callable[[str], object],
           general: Callable[[int], set[str]]) -> Pairs:
    """Each row's keys: ``plain`` for a text cell it can read (its key or ``None``),
    ``general`` (given the row) for the rest."""
    held: list[int] = []
    keys: list[str] = []
    for i in rows:
        cell = cells[i]
        key = plain(cell.strip()) if type(cell) is str else _NOT_PLAIN
        if key is _NOT_PLAIN:
            for found in general(i):
                held.append(i)
                keys.append(found)
        elif isinstance(key, str):
            held.append(i)
            keys.append(key)
    return held, keys


def phone_pairs(cells: Sequence[object], countries: Sequence[object],
                rows: Sequence[int]) -> Pairs:
    """The phone keys of ``rows`` (positions in ``cells``), as
    :func:`~xltrade.rules.buyer_keys.phone_keys` gives them."""
    return _pairs(cells, rows, _plain_phone, lambda i: phone_keys(cells[i], countries[i]))


def email_pairs(cells: Sequence[object], rows: Sequence[int]) -> Pairs:
    """The company email domains of ``rows``, as
    :func:`~xltrade.rules.buyer_keys.email_domains` gives them."""
    return _pairs(cells, rows, _plain_email, lambda i: email_domains(cells[i]))
