"""撞单 (conflicts, spec §9): the same buyer held by two salespeople, found by company
name, email domain or phone number.

Pure: customer rows in, :class:`Conflict` out. Rows are grouped by exact normalised
keys (a dict from key to rows, :mod:`xltrade.rules.buyer_keys`), never compared pair
by pair, so a team's 100,000 customers take one pass.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from xltrade.rules.buyer_keys import (
    cell_text,
    company_key,
    email_domains,
    is_free_mail,
    phone_keys,
    plain_value,
    registrable_domain,
)
from xltrade.rules.normalize import normalize_label
from xltrade.rules.parsing import parse_date

__all__ = ["WHYS", "Conflict", "Holder", "Why", "as_json", "company_key", "email_domains",
           "find_conflicts", "is_free_mail", "phone_keys", "registrable_domain"]

Why = Literal["name", "email_domain", "phone"]
#: Strongest first: rows linked by several keys are reported under the first.
WHYS: tuple[Why, ...] = ("name", "email_domain", "phone")
REQUIRED_COLUMNS = ("company", "owner", "file", "row")


# --- Conflicts ---------------------------------------------------------------------

@dataclass(frozen=True)
class Holder:
    """One salesperson's row for the buyer: its company text as written, and where it is."""

    company: str
    owner: str
    file: str
    row: int
    first_contact: dt.date | None


@dataclass(frozen=True)
class Conflict:
    """One buyer held by two or more salespeople. ``customers`` run from who recorded
    the buyer first (earliest first contact; unknown dates last; then file and row)."""

    customers: tuple[Holder, ...]
    why: Why

    @property
    def first(self) -> Holder | None:
        """Who recorded the buyer first; ``None`` when no row has a first-contact date."""
        head = self.customers[0]
        return head if head.first_contact is not None else None

    @property
    def owners(self) -> tuple[str, ...]:
        """The salespeople involved, each once, in the order of :attr:`customers`."""
        return tuple(dict.fromkeys(h.owner for h in self.customers))


def as_json(conflict: Conflict) -> dict[str, object]:
    """A conflict in the shape of the team view's ``--json`` ``conflicts`` list."""
    return {
        "customers": [
            {"company": h.company, "owner": h.owner, "file": h.file, "row": h.row,
             "first_contact": h.first_contact.isoformat() if h.first_contact else None}
            for h in conflict.customers],
        "why": conflict.why,
    }


def find_conflicts(customers: pd.DataFrame) -> list[Conflict]:
    """The 撞单 among customer rows from one or several salespeople's files.

    Columns ``company``, ``owner``, ``file``, ``row`` are needed; ``email``, ``phone``,
    ``country``, ``first_contact`` are used when present. Rows sharing a key (company
    name, email domain, phone number) whose owners differ (case and spaces aside) are one
    conflict listing every row with that key, so three salespeople on one buyer are one
    conflict. Rows without an owner are never in a conflict: nobody holds them. Rows
    of one owner only are a duplicate, not 撞单. A group of rows already reported under
    a stronger key (name, then email domain, then phone) is not reported again.

    :raises ValueError: naming the required columns the table lacks.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in customers.columns]
    if missing:
        raise ValueError("the customer table lacks the column(s) " + ", ".join(missing))
    n = len(customers)
    columns: dict[str, list[object]] = {
        c: customers[c].tolist() if c in customers.columns else [None] * n
        for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)}
    # A team has a few salespeople, each named on many rows: each name is read once.
    named: dict[object, str] = {}
    owners = [named[o] if o in named else named.setdefault(o, normalize_label(cell_text(o)))
              for o in columns["owner"]]
    groups = [(why, rows) for why in WHYS for rows in _groups(columns, owners, why)]
    reported: list[frozenset[int]] = []
    by_row: dict[int, list[int]] = defaultdict(list)
    conflicts: list[tuple[int, Conflict]] = []
    holders: dict[int, Holder] = {}
    for why, rows in groups:
        members = frozenset(rows)
        if any(members <= reported[g] for g in by_row[rows[0]]):
            continue
        for i in rows:
            by_row[i].append(len(reported))
        reported.append(members)
        for i in rows:
            if i not in holders:
                holders[i] = _holder({c: columns[c][i] for c in columns})
        ordered = sorted((holders[i] for i in rows), key=_recorded_order)
        conflicts.append((min(rows), Conflict(tuple(ordered), why)))
    return [c for _, c in sorted(conflicts, key=lambda item: item[0])]


#: Used when the table has them; ``company_key`` saves normalising names again when
#: the caller has done it already (:func:`company_key` of ``company``).
OPTIONAL_COLUMNS = ("email", "phone", "country", "first_contact", "company_key")


def _groups(columns: Mapping[str, list[object]], owners: list[str], why: Why
            ) -> list[tuple[int, ...]]:
    """Rows sharing one key of this kind and held by two or more owners; largest first,
    so a group inside a larger one of the same kind is seen after it."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, owner in enumerate(owners):
        if owner:
            for key in _keys(columns, i, why):
                index[key].append(i)
    found = [tuple(rows) for rows in index.values()
             if len(rows) > 1 and len({owners[i] for i in rows}) > 1]
    return sorted(found, key=lambda rows: (-len(rows), rows[0]))


def _keys(columns: Mapping[str, list[object]], i: int, why: Why) -> set[str]:
    if why == "name":
        given = columns["company_key"][i]
        key = given if isinstance(given, str) else company_key(columns["company"][i])
        return {key} if key else set()
    if why == "email_domain":
        return email_domains(columns["email"][i])
    return phone_keys(columns["phone"][i], columns["country"][i])


def _holder(record: Mapping[str, object]) -> Holder:
    # A text date is read the way the sheet reads it; one that cannot be read is unknown.
    first_date, _ = parse_date(plain_value(record.get("first_contact")))
    return Holder(
        company=cell_text(record.get("company")),
        owner=cell_text(record.get("owner")),
        file=cell_text(record.get("file")),
        row=int(row) if (row := cell_text(record.get("row"))).isdigit() else 0,
        first_contact=first_date if isinstance(first_date, dt.date) else None,
    )


def _recorded_order(h: Holder) -> tuple[bool, dt.date, str, int]:
    return (h.first_contact is None, h.first_contact or dt.date.max, h.file, h.row)
