"""The manager's team view (spec §9), as plain data: the salespeople's files merged.

Pure: each file's customers, evaluated under its own settings, in; a :class:`TeamView`
out. The team workbook and the ``--json`` output are both drawn from it.

How files are merged:

- a file whose customers (salesperson and company) are mostly in a file saved later
  is an older copy of it, and is skipped, naming the newer one;
- otherwise the same customer (same salesperson, same company) arriving in two files
  counts once, from the file saved last;
- figures are counted from the merged rows; follow-ups made come from the files'
  follow-up logs, and a salesperson without a log counts the customers followed up;
- the team's change since last week is the sum of each file's own (its history sheet).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from xltrade.rules.conflicts import Conflict, as_json, company_key, find_conflicts
from xltrade.rules.pool import pool_list
from xltrade.rules.settings import Settings
from xltrade.rules.summary import URGENCY, WeeklySummary, in_window, iso_dates
from xltrade.rules.texts import Lang, say
from xltrade.rules.vocabulary import GRADES

#: A file is an older copy of a later one when this share of its customers is there.
SAME_FILE = 0.5
#: The figures per salesperson, in the order the sheet and ``--json`` give them.
OWNER_FIGURES: tuple[str, ...] = (
    "customers", *GRADES, "new_this_week", "followed_up_this_week", "followups_this_week",
    "replied_this_week", "overdue", "overdue_A", "overdue_B")
#: Figures whose change since last week is known from each file's own history.
CHANGED = {"customers": "customers", "new_this_week": "new_this_week",
           "followed_up_this_week": "followed_up_this_week",
           "replied_this_week": "replied_this_week", "overdue": "overdue",
           "overdue_A": "overdue_A", "overdue_B": "overdue_B",
           **{g: f"grade_{g}" for g in GRADES}}
_BETTER = {g: i for i, g in enumerate(GRADES)}  # A is 0: a smaller number is better


@dataclass
class FileView:
    """One salesperson's file, evaluated as of the team's day under its own settings."""

    name: str
    table: pd.DataFrame
    result: pd.DataFrame
    summary: WeeklySummary
    settings: Settings
    lang: Lang
    #: When the workbook was last saved (as it records it); the file's own time breaks
    #: a tie, as two saves in one second show one time.
    saved_at: tuple[dt.datetime, dt.datetime]
    #: The Monday of the week of the file's last weekly report, from its history.
    last_week: dt.date | None = None


@dataclass
class TeamView:
    as_of: dt.date
    week_start: dt.date
    week_end: dt.date
    files: list[dict[str, object]]
    skipped: list[dict[str, object]]
    owners: list[dict[str, object]]
    total: dict[str, object]
    overdue: list[dict[str, object]]
    promotions: list[dict[str, object]]
    conflicts: list[Conflict]
    pool: list[dict[str, object]]
    archive: pd.DataFrame
    lang: Lang = "zh"
    #: Whether any file has a follow-up log (then follow-ups made are counted from it).
    logged: bool = False
    media: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """The team JSON of spec §9."""
        return {
            "as_of": self.as_of.isoformat(),
            "week": {"start": self.week_start.isoformat(), "end": self.week_end.isoformat()},
            "files": self.files,
            "skipped": self.skipped,
            "owners": [{k: o[k] for k in ("owner", *OWNER_FIGURES)} for o in self.owners],
            "conflicts": [as_json(c) for c in self.conflicts],
            "pool": [{k: p[k] for k in ("company", "owner", "grade", "days_without_followup",
                                        "file", "row")} for p in self.pool],
        }


def iso_week(monday: dt.date | None) -> str | None:
    if monday is None:
        return None
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _owner_key(owner: object) -> str:
    return "" if owner is None or owner != owner else str(owner).strip().casefold()


def _frame(view: FileView, newness: int) -> pd.DataFrame:
    """The file's customers, one row each, with what the team view reads."""
    t, r = view.table, view.result
    n = len(t)
    empty = pd.Series([None] * n, index=t.index, dtype=object)
    companies = t["company"].to_numpy(dtype=object)
    keys = [company_key(c) for c in companies]
    return pd.DataFrame({
        "file": view.name, "row": t.index.to_numpy(), "company": companies,
        "company_key": keys,
        # The same customer: the buyer key, or the name as the sheet's own key has it.
        "key": [k or str(own) for k, own in zip(keys, t["company_key"], strict=True)],
        "owner": [None if o is None or o != o else str(o).strip() or None
                  for o in t["owner"].to_numpy(dtype=object)],
        "country": t["country"].to_numpy(dtype=object),
        "email": t.get("email", empty).to_numpy(dtype=object),
        "phone": t.get("phone", empty).to_numpy(dtype=object),
        "stage": t["stage"].to_numpy(dtype=object),
        "first_contact": t["first_contact"].to_numpy(),
        "last_contact": t["last_contact"].to_numpy(),
        "last_reply": t["last_reply"].to_numpy(),
        "grade": r["grade"].to_numpy(dtype=object),
        "active": ~r["excluded"].to_numpy(dtype=bool),
        "due": r["due"].to_numpy(dtype=object), "next": r["next_followup"].to_numpy(),
        "days_overdue": r["days_overdue"].to_numpy(),
        "suggestion": r["suggestion"].to_numpy(dtype=object),
        "newness": newness,
    })


def older_copies(views: list[FileView]) -> dict[str, str]:
    """Files that are older copies of another (file -> the newer one)."""
    pairs = {v.name: set(zip(map(_owner_key, v.table["owner"]), v.table["company_key"],
                             strict=True)) for v in views}
    older: dict[str, str] = {}
    ordered = sorted(views, key=lambda v: v.saved_at, reverse=True)
    for i, view in enumerate(ordered):
        mine = pairs[view.name]
        for newer in ordered[:i]:
            if newer.name in older or not mine:
                continue
            if len(mine & pairs[newer.name]) >= SAME_FILE * len(mine):
                older[view.name] = newer.name
                break
    return older


def merge(views: list[FileView], skipped: list[dict[str, object]], today: dt.date,
          week_start: dt.date, lang: Lang) -> TeamView:
    """The team view of ``views`` (each already evaluated as of ``today``);
    ``skipped`` are the files that could not be read, with their reasons."""
    skipped = list(skipped)
    older = older_copies(views)
    for name, newer in older.items():
        skipped.append({"path": name, "reason": say("team.older_copy", lang, newer=newer)})
    views = [v for v in views if v.name not in older]
    week_end = week_start + dt.timedelta(days=6)
    newness = {v.name: i for i, v in enumerate(sorted(views, key=lambda v: v.saved_at))}
    frames = [_frame(v, newness[v.name]) for v in views]
    merged = pd.concat(frames, ignore_index=True) if frames else _frame_empty()
    merged["owner_key"] = merged["owner"].map(_owner_key)
    merged = merged.sort_values("newness", ascending=False, kind="stable")
    merged = merged.drop_duplicates(["owner_key", "key"], keep="first")
    merged = merged.sort_values(["file", "row"], kind="stable").reset_index(drop=True)
    kept = set(zip(merged["file"], merged["row"], strict=True))
    owners, total = _owner_figures(merged, views, week_start, week_end)
    return TeamView(
        as_of=today, week_start=week_start, week_end=week_end,
        files=[_file_entry(v, merged) for v in views], skipped=skipped,
        owners=owners, total=total, overdue=_overdue(merged),
        promotions=_promotions(views, kept),
        conflicts=find_conflicts(merged),
        pool=sorted((p for v in views for p in _pool(v) if (v.name, p["row"]) in kept),
                    key=lambda p: -int(str(p["days_without_followup"]))),
        archive=merged, lang=lang,
        logged=any(v.summary.logged for v in views),
        media=dict(sum((Counter(v.summary.media) for v in views), Counter()).most_common()))


def _frame_empty() -> pd.DataFrame:
    columns = ("file", "row", "company", "company_key", "key", "owner", "country", "email",
               "phone", "stage", "first_contact", "last_contact", "last_reply", "grade",
               "active", "due", "next", "days_overdue", "suggestion", "newness")
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})


def _file_entry(view: FileView, merged: pd.DataFrame) -> dict[str, object]:
    mine = merged[merged["file"] == view.name]
    owners = sorted({o for o in mine["owner"] if o}, key=str)
    return {"path": view.name, "owners": owners, "customers": len(mine),
            "week": iso_week(view.last_week)}


def _counts(group: pd.DataFrame, start: dt.date, end: dt.date) -> dict[str, int]:
    active = group["active"].to_numpy(dtype=bool)
    grade = group["grade"].to_numpy(dtype=object)
    late = group["due"].to_numpy(dtype=object) == "overdue"
    return {
        "customers": len(group),
        **{g: int((active & (grade == g)).sum()) for g in GRADES},
        "new_this_week": int(in_window(group["first_contact"], start, end).sum()),
        "followed_up_this_week": int(in_window(group["last_contact"], start, end).sum()),
        "replied_this_week": int(in_window(group["last_reply"], start, end).sum()),
        "overdue": int(late.sum()),
        "overdue_A": int((late & (grade == "A")).sum()),
        "overdue_B": int((late & (grade == "B")).sum()),
    }


def _owner_figures(merged: pd.DataFrame, views: list[FileView], start: dt.date,
                   end: dt.date) -> tuple[list[dict[str, object]], dict[str, object]]:
    """One line per salesperson, and the team's total with its change since last week
    where the files' histories tell it."""
    touches: Counter[str] = Counter()
    logged: set[str] = set()
    changes: Counter[str] = Counter()
    known: set[str] = set()
    for view in views:
        s = view.summary
        if s.logged:
            for o in s.owners:
                key = _owner_key(o["owner"])
                touches[key] += int(str(o.get("touches_this_week", 0)))
                logged.add(key)
        for name, figure in CHANGED.items():
            change = s.change(figure)
            if change is not None:
                changes[name] += change
                known.add(name)
    owners = []
    names = merged["owner"].fillna("").map(str)
    for key, group in merged.groupby(merged["owner_key"], sort=True):
        line: dict[str, object] = {"owner": names[group.index[0]] or None,
                                   **_counts(group, start, end)}
        line["followups_this_week"] = (touches[key] if key in logged
                                       else line["followed_up_this_week"])
        owners.append(line)
    total: dict[str, object] = {"owner": None, **_counts(merged, start, end)}
    total["followups_this_week"] = sum(int(str(o["followups_this_week"])) for o in owners)
    total["change"] = {n: changes[n] for n in known}
    return owners, total


def _records(rows: pd.DataFrame) -> list[dict[str, object]]:
    late = [None if d != d else int(d) for d in rows["days_overdue"].to_numpy(dtype=float)]
    return [{"company": c, "owner": o, "grade": g, "next": n, "days_overdue": d,
             "suggestion": s, "file": f, "row": int(r)}
            for c, o, g, n, d, s, f, r in zip(
                rows["company"], rows["owner"], rows["grade"], iso_dates(rows["next"].to_numpy()),
                late, rows["suggestion"], rows["file"], rows["row"], strict=True)]


def _overdue(merged: pd.DataFrame) -> list[dict[str, object]]:
    """Overdue A and B customers across the team, A first, the longest overdue first."""
    late = merged[(merged["due"] == "overdue") & merged["grade"].isin(["A", "B"])].copy()
    late["urgency"] = late["grade"].map(URGENCY)
    late = late.sort_values(["urgency", "days_overdue", "file", "row"],
                            ascending=[True, False, True, True])
    return _records(late)


def _promotions(views: list[FileView], kept: set[tuple[str, int]]
                ) -> list[dict[str, object]]:
    """Customers whose grade went up since each file's last report."""
    out = []
    for view in views:
        rows: dict[object, int] = {}
        for row, company in zip(view.table.index, view.table["company"], strict=True):
            rows.setdefault(company, int(row))
        owners = dict(zip(view.table.index, view.table["owner"], strict=True))
        for change in view.summary.grade_changes or []:
            before, after = str(change["from"]), str(change["to"])
            row = rows.get(change["customer"])
            if row is None or (view.name, row) not in kept:
                continue
            if _BETTER.get(after, 9) < _BETTER.get(before, 9):
                out.append({"company": change["customer"], "owner": owners.get(row),
                            "from": before, "to": after, "file": view.name, "row": row})
    return sorted(out, key=lambda p: (_BETTER.get(str(p["to"]), 9), str(p["company"])))


def _pool(view: FileView) -> list[dict[str, object]]:
    listed = pool_list(view.table, view.result, view.settings, view.summary.as_of)
    return [{**p, "file": view.name} for p in listed]
