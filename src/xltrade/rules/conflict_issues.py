"""撞单 inside one customer sheet (spec §9): a buyer that two salespeople both hold in
a shared team sheet is named in the sheet's data issues, so the team sees it before
the manager's team view does.

Pure: the typed customer table in, data issues out. The matching is
:func:`~xltrade.rules.conflicts.find_conflicts`, the team view's own.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from xltrade.rules.buyer_keys import email_domains, forget_keys, phone_keys
from xltrade.rules.conflicts import Conflict, Holder, find_conflicts
from xltrade.rules.data_issues import DataIssue, Phrase
from xltrade.rules.layout import Layout

#: The column each kind of match is reported under.
_COLUMN = {"name": "company", "email_domain": "email", "phone": "phone"}
#: Other rows an issue names before it only counts the rest.
SHOWN_OTHERS = 5


def sheet_conflicts(table: pd.DataFrame, sheet: str) -> list[Conflict]:
    """The 撞单 among one sheet's customer rows (``file`` is the sheet's name, ``row``
    its sheet row). A sheet with fewer than two salespeople has none."""
    owners = table["owner"].dropna().map(lambda o: str(o).strip().casefold())
    if owners[owners != ""].nunique() < 2:
        return []
    frame = pd.DataFrame({
        "company": table["company"].to_numpy(dtype=object),
        "owner": table["owner"].to_numpy(dtype=object),
        "file": sheet,
        "row": table.index.to_numpy(),
        **{name: table[name].to_numpy() for name in ("email", "phone", "country",
                                                     "first_contact") if name in table},
    })
    try:
        return find_conflicts(frame)
    finally:
        forget_keys()


def with_conflicts(issues: Sequence[DataIssue], table: pd.DataFrame,
                   layout: Layout) -> list[DataIssue]:
    """``issues`` with one 撞单 issue per conflict among ``table``'s rows, in row order.

    The issue is on the conflict's first sheet row, under the column that matched
    (company, email or phone), and names the other rows, their salespeople, why they
    are one buyer and who recorded it first. A duplicate-name issue (§6) says less
    than the 撞单 that holds its whole group of rows, and is dropped.
    """
    conflicts = sheet_conflicts(table, layout.sheet)
    if not conflicts:
        return list(issues)
    explained = _explained_duplicates(conflicts, table)
    kept = [i for i in issues if not (i.problem == "issue.duplicate" and i.row in explained)]
    # The cells a message quotes, by sheet row: looked up in dicts, not row by row in
    # the table, for a sheet may hold thousands of conflicts.
    rows = table.index.tolist()
    cells = {name: dict(zip(rows, table[name].tolist(), strict=True))
             for name in ("company", "email", "phone", "country") if name in table}
    added = [_issue(c, cells, layout) for c in conflicts]
    return sorted([*kept, *added], key=lambda issue: issue.row)


def _explained_duplicates(conflicts: list[Conflict], table: pd.DataFrame) -> set[int]:
    """Rows whose duplicate names (same normalised company, as §6 reports them) all lie
    inside one conflict found by name."""
    named = [frozenset(h.row for h in c.customers) for c in conflicts if c.why == "name"]
    if not named:
        return set()
    groups: dict[str, set[int]] = {}
    for row, key in zip(table.index.tolist(), table["company_key"].tolist(), strict=True):
        groups.setdefault(key, set()).add(int(row))
    in_named: dict[int, list[frozenset[int]]] = {}
    for members in named:
        for row in members:
            in_named.setdefault(row, []).append(members)
    return {row for rows in groups.values() if len(rows) > 1
            for row in rows if any(rows <= members for members in in_named.get(row, ()))}


Cells = dict[str, dict[int, object]]


def _issue(conflict: Conflict, cells: Cells, layout: Layout) -> DataIssue:
    holders = sorted(conflict.customers, key=lambda h: h.row)
    this, others = holders[0], holders[1:]
    column = _COLUMN[conflict.why]
    value = cells[column][this.row] if column in cells else this.company
    first = conflict.first
    named = [Phrase("conflict.other", (("row", h.row), ("company", h.company),
                                       ("owner", h.owner))) for h in others[:SHOWN_OTHERS]]
    if len(others) > SHOWN_OTHERS:
        named.append(Phrase("conflict.more", (("n", len(others) - SHOWN_OTHERS),)))
    params: dict[str, object] = {
        "owner": this.owner,
        "others": tuple(named),
        "why": Phrase(f"conflict.why.{conflict.why}",
                      (("match", _shared_key(conflict, cells)),)),
        "first": (Phrase("conflict.first", (("owner", first.owner),
                                            ("date", first.first_contact.isoformat())))
                  if first is not None and first.first_contact is not None
                  else Phrase("conflict.first_unknown")),
    }
    return DataIssue(layout.sheet, this.row, layout.header_of(column), value,
                     "issue.conflict", params)


def _shared_key(conflict: Conflict, cells: Cells) -> str:
    """The email domain or phone number the rows share (blank for a name)."""
    if conflict.why == "name":
        return ""
    keys = [_keys(h, conflict.why, cells) for h in conflict.customers]
    shared = set.intersection(*keys) if keys else set()
    return min(shared) if shared else ""


def _keys(holder: Holder, why: str, cells: Cells) -> set[str]:
    def cell(name: str) -> object:
        return cells[name][holder.row] if name in cells else None

    if why == "email_domain":
        return email_domains(cell("email"))
    return phone_keys(cell("phone"), cell("country"))
