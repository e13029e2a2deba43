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

import numpy as np
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
from xltrade.rules.key_columns import Pairs, email_pairs, phone_pairs
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
    # Only the columns keys are made of are read for every row; the rest for the
    # rows in a conflict, when there is one.
    columns: dict[str, list[object]] = {
        c: customers[c].tolist() if c in customers.columns else [None] * n
        for c in ("owner", *KEY_COLUMNS)}
    # A team has a few salespeople, each named on many rows: each name is read once.
    named: dict[object, str] = {}
    owners = [named[o] if o in named else named.setdefault(o, normalize_label(cell_text(o)))
              for o in columns["owner"]]
    groups = [(why, rows) for why in WHYS for rows in _groups(columns, owners, why)]
    reported: list[frozenset[int]] = []
    by_row: dict[int, list[int]] = defaultdict(list)
    conflicts: list[tuple[int, Conflict]] = []
    holders = _holders(customers, {i for _, rows in groups for i in rows})
    for why, rows in groups:
        members = frozenset(rows)
        if any(members <= reported[g] for g in by_row[rows[0]]):
            continue
        for i in rows:
            by_row[i].append(len(reported))
        reported.append(members)
        ordered = sorted((holders[i] for i in rows), key=_recorded_order)
        conflicts.append((min(rows), Conflict(tuple(ordered), why)))
    return [c for _, c in sorted(conflicts, key=lambda item: item[0])]


#: Used when the table has them; ``company_key`` saves normalising names again when
#: the caller has done it already (:func:`company_key` of ``company``).
OPTIONAL_COLUMNS = ("email", "phone", "country", "first_contact", "company_key")
#: What the keys are made of.
KEY_COLUMNS = ("company", "company_key", "email", "phone", "country")


def _holders(customers: pd.DataFrame, rows: set[int]) -> dict[int, Holder]:
    """The holders of the given row positions, read from those rows only."""
    if not rows:
        return {}
    positions = sorted(rows)
    taken = customers.iloc[positions]
    names = [c for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if c in customers.columns]
    values = [taken[c].tolist() for c in names]
    return {i: _holder(dict(zip(names, record, strict=True)))
            for i, record in zip(positions, zip(*values, strict=True), strict=True)}


def _groups(columns: Mapping[str, list[object]], owners: list[str], why: Why
            ) -> list[tuple[int, ...]]:
    """Rows sharing one key of this kind and held by two or more owners; largest first,
    so a group inside a larger one of the same kind is seen after it."""
    rows, keys = _keyed(columns, owners, why)
    # Most keys are one row's own: found at once by pandas, only the rest are grouped.
    shared = pd.Series(keys, dtype=object).duplicated(keep=False).to_numpy()
    index: dict[str, list[int]] = defaultdict(list)
    for j in np.flatnonzero(shared).tolist():
        index[keys[j]].append(rows[j])
    found = [tuple(rows) for rows in index.values() if len({owners[i] for i in rows}) > 1]
    return sorted(found, key=lambda rows: (-len(rows), rows[0]))


def _keyed(columns: Mapping[str, list[object]], owners: list[str], why: Why
           ) -> Pairs:
    """Each key of this kind of each owned row, as (row positions, keys) side by side;
    a row with several keys is in ``rows`` once for each."""
    held = [i for i, owner in enumerate(owners) if owner]
    if why == "name":
        given, company = columns["company_key"], columns["company"]
        keys = [key if isinstance(key := given[i], str) else company_key(company[i])
                for i in held]
        return [i for i, key in zip(held, keys, strict=True) if key], [k for k in keys if k]
    if why == "email_domain":
        return email_pairs(columns["email"], held)
    return phone_pairs(columns["phone"], columns["country"], held)


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
