"""The weekly summary for the manager (spec §6), as plain data.

:func:`summarize` is pure: the customer table, its results, the data issues and the
previous report's figures and grades in; a :class:`WeeklySummary` out. The report
sheet and the ``--json`` output are both drawn from it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from xltrade.rules.data_issues import DataIssue
from xltrade.rules.grading import silence_text
from xltrade.rules.log import Log, LogEntry
from xltrade.rules.pool import pool_soon
from xltrade.rules.settings import Settings
from xltrade.rules.suggestion import join_parts
from xltrade.rules.texts import Lang, say
from xltrade.rules.vocabulary import GRADES

#: Most urgent first: the customers who buy, then those in negotiation, then the rest.
URGENCY = {"A": 0, "B": 1, "C": 2, "D": 3}
FIGURES: tuple[str, ...] = (
    "customers", "excluded", "grade_A", "grade_B", "grade_C", "grade_D", "new_this_week",
    "followed_up_this_week", "touches_this_week", "touched_more_than_once",
    "replied_this_week", "overdue", "overdue_A", "overdue_B", "overdue_C", "overdue_D",
    "due_today", "due_rest_of_week", "due_next_week",
)
#: The figures the manager's mail gives, in this order.
MAIL_FIGURES = ("customers", "grade_A", "grade_B", "grade_C", "grade_D", "new_this_week",
                "followed_up_this_week", "replied_this_week", "overdue", "due_today",
                "due_rest_of_week", "due_next_week")
#: A subject longer than this is cut: mail programs show less anyway.
SUBJECT_LIMIT = 200


def mail_subject(template: str | None, lang: Lang, week_start: dt.date) -> str:
    """The manager's mail's subject from the template in 设置 (or the default):
    ``{week}`` is replaced by the report week (2026-W47), literally; nothing else in the
    template is interpreted."""
    year, week, _ = week_start.isocalendar()
    text = (template or say("mail.subject", lang))[:SUBJECT_LIMIT].replace(
        "{week}", f"{year}-W{week:02d}")
    return " ".join(text.split())[:SUBJECT_LIMIT]


@dataclass
class PreviousReport:
    """What the history sheet remembers of one report: its week, figures and grades."""

    week_start: dt.date
    figures: dict[str, float]
    grades: dict[str, str]


@dataclass
class WeeklySummary:
    as_of: dt.date
    week_start: dt.date
    week_end: dt.date
    figures: dict[str, int]
    owners: list[dict[str, object]]
    overdue: list[dict[str, object]]
    at_risk: list[dict[str, object]]
    plan: list[dict[str, object]]
    followups_per_day: list[int]
    grades: dict[str, str]
    grade_changes: list[dict[str, object]] | None
    issues: list[DataIssue]
    previous: PreviousReport | None = None
    lang: Lang = "zh"
    #: Follow-ups this week by medium code, from the log (empty without one).
    media: dict[str, int] = field(default_factory=dict)
    #: Customers going to the pool (公海, §9) within a week, fewest days left first.
    pool_soon: list[dict[str, object]] = field(default_factory=list)
    #: The pool days per grade they were found with, for the report to say.
    pool_days: dict[str, int] = field(default_factory=dict)

    @property
    def logged(self) -> bool:
        """Whether the week was read from a follow-up log (its figures are there)."""
        return "touches_this_week" in self.figures

    def change(self, name: str) -> int | None:
        if self.previous is None or name not in self.previous.figures:
            return None
        return self.figures[name] - int(self.previous.figures[name])

    def to_json(self) -> dict[str, object]:
        """The weekly JSON of spec §6, keys exactly as listed there."""
        f = self.figures
        return {
            "as_of": self.as_of.isoformat(),
            "week": {"start": self.week_start.isoformat(), "end": self.week_end.isoformat()},
            "customers": f["customers"],
            "excluded": f["excluded"],
            "by_grade": {g: f[f"grade_{g}"] for g in GRADES},
            "new_this_week": f["new_this_week"],
            "followed_up_this_week": f["followed_up_this_week"],
            "replied_this_week": f["replied_this_week"],
            "overdue": f["overdue"],
            "overdue_by_grade": {g: f[f"overdue_{g}"] for g in GRADES},
            "due_today": f["due_today"],
            "due_rest_of_week": f["due_rest_of_week"],
            "due_next_week": f["due_next_week"],
            "owners": [{**{k: o[k] for k in ("owner", "customers", *GRADES,
                                             "followed_up_this_week", "overdue")},
                        **({"followups_this_week": o["touches_this_week"]}
                           if self.logged else {})}
                       for o in self.owners],
            "grade_changes": [{"customer": c["customer"], "from": c["from"], "to": c["to"]}
                              for c in self.grade_changes or []],
            "at_risk": [{"customer": r["customer"], "reason": r["reason"]}
                        for r in self.at_risk],
            "pool_soon": [{k: r[k] for k in ("customer", "owner", "grade",
                                             "days_without_followup", "days_left")}
                          for r in self.pool_soon],
            "issues": [i.as_json(self.lang) for i in self.issues],
            **self._log_json(),
        }

    def _log_json(self) -> dict[str, object]:
        """The keys §8 adds when the week was read from a follow-up log."""
        if not self.logged:
            return {}
        f = self.figures
        return {
            "followups_this_week": f["touches_this_week"],
            "customers_touched_this_week": f["customers_touched_this_week"],
            "replies_this_week": f["replies_this_week"],
            "media_this_week": dict(self.media),
        }


def in_window(dates: pd.Series, start: dt.date, end: dt.date) -> np.ndarray:
    """Which dates fall from ``start`` to ``end`` (both included); blanks never do."""
    values = dates.to_numpy(dtype="datetime64[D]")
    return np.asarray((values >= np.datetime64(start, "D")) & (values <= np.datetime64(end, "D")))


def grade_keys(table: pd.DataFrame) -> list[str]:
    """A stable key per customer for the history: the normalised company, with
    ``#2``, ``#3`` for repeated names."""
    seen: Counter[str] = Counter()
    keys = []
    for key in table["company_key"]:
        seen[key] += 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


#: Below this share of customers in common, a previous report was of another list.
SAME_CUSTOMERS = 0.5


def same_customers(before: dict[str, str], keys: list[str]) -> bool:
    """Whether a previous report was about (mostly) these customers: a sheet moved into
    a workbook that reported on other customers is not compared with their history."""
    if not before or not keys:
        return True
    common = len(set(before) & set(keys))
    return common >= SAME_CUSTOMERS * min(len(before), len(keys))


def summarize(table: pd.DataFrame, result: pd.DataFrame, issues: list[DataIssue],
              settings: Settings, today: dt.date, week_start: dt.date,
              previous: PreviousReport | None, lang: Lang, log: Log | None = None
              ) -> WeeklySummary:
    """Build the weekly summary. ``week_start`` is the Monday of the report week. With
    the follow-up ``log``, activity counts every follow-up made, not only the last."""
    week_end = week_start + dt.timedelta(days=6)
    next_start, next_end = week_start + dt.timedelta(days=7), week_start + dt.timedelta(days=13)
    active = ~result["excluded"].to_numpy(dtype=bool)
    grades = result["grade"].to_numpy(dtype=object)
    due = result["due"].to_numpy(dtype=object)
    followed = in_window(table["last_contact"], week_start, week_end)
    next_week = in_window(result["next_followup"], next_start, next_end)

    figures: dict[str, int] = {
        "customers": len(table),
        "excluded": int((~active).sum()),
        "new_this_week": int(in_window(table["first_contact"], week_start, week_end).sum()),
        "followed_up_this_week": int(followed.sum()),
        "replied_this_week": int(in_window(table["last_reply"], week_start, week_end).sum()),
        "overdue": int((due == "overdue").sum()),
        "due_today": int((due == "today").sum()),
        "due_rest_of_week": int((due == "this_week").sum()),
        "due_next_week": int(next_week.sum()),
    }
    for g in GRADES:
        figures[f"grade_{g}"] = int((active & (grades == g)).sum())
        figures[f"overdue_{g}"] = int(((due == "overdue") & (grades == g)).sum())

    frame = pd.DataFrame({
        "row": table.index.to_numpy(), "customer": table["company"].to_numpy(dtype=object),
        "key": table["company_key"].to_numpy(dtype=object),
        "owner": table["owner"].to_numpy(dtype=object), "grade": grades, "active": active,
        "due": due, "followed": followed, "next": result["next_followup"].to_numpy(),
        "days_overdue": result["days_overdue"].to_numpy(),
        # The lists say what to do; the plan adds when the buyer is at work.
        "suggestion": result["suggestion_brief"].to_numpy(dtype=object),
        "hours": result["local_hours"].to_numpy(dtype=object),
        "reason": result["reason"].to_numpy(dtype=object),
        "grade_reason": result["grade_reason"].to_numpy(dtype=object),
        "silent_after": result["silent_after"].to_numpy(dtype=object),
        "silence": result["silence_days"].to_numpy(),
        "unanswered": table["unanswered"].to_numpy(),
    })
    per_day = _per_weekday(table["last_contact"], followed)
    media: dict[str, int] = {}
    by_owner: Counter[str] | None = None
    if log is not None:
        touches = [e for c in log.customers.values() for e in c.entries
                   if week_start <= e.day <= week_end]
        figures["touches_this_week"] = len(touches)
        figures["touched_more_than_once"] = sum(
            1 for n in Counter(e.key for e in touches).values() if n > 1)
        figures["customers_touched_this_week"] = len({e.key for e in touches})
        figures["replies_this_week"] = sum(1 for e in touches if e.replied)
        per_day = [sum(1 for e in touches if e.day.weekday() == d) for d in range(7)]
        media = dict(Counter(e.medium or "other" for e in touches).most_common())
        by_owner = _touches_by_owner(touches, frame)
    keys = grade_keys(table)
    current_grades = dict(zip(keys, grades, strict=True))
    if previous is not None and not same_customers(previous.grades, keys):
        previous = None
    return WeeklySummary(
        as_of=today, week_start=week_start, week_end=week_end, figures=figures,
        owners=_owners(frame, by_owner), overdue=_overdue(frame),
        at_risk=_at_risk(frame, settings, lang), plan=_plan(frame, next_week, lang),
        pool_soon=_pool_soon(frame, pool_soon(table, result, settings, today), lang),
        pool_days=dict(settings.pool_days),
        followups_per_day=per_day, media=media,
        grades=current_grades,
        grade_changes=_changes(keys, frame, previous),
        issues=issues, previous=previous, lang=lang,
    )


def _touches_by_owner(touches: list[LogEntry], frame: pd.DataFrame) -> Counter[str]:
    """Follow-ups made this week per salesperson: the one the log row names, or else
    the customer's own salesperson."""
    owner_of: dict[str, str] = {}
    for key, owner in zip(frame["key"], frame["owner"], strict=True):
        owner_of.setdefault(key, "" if owner is None or owner != owner else str(owner).strip())
    return Counter(e.owner if e.owner else owner_of.get(e.key, "") for e in touches)


def _owners(frame: pd.DataFrame, touches: Counter[str] | None = None
            ) -> list[dict[str, object]]:
    """One line per salesperson; with a log, their follow-ups made this week too (and
    a line for whoever made follow-ups but owns no customer)."""
    owners = []
    key = frame["owner"].fillna("").map(lambda o: str(o).strip())
    for name, group in frame.groupby(key, sort=True):
        active = group[group["active"]]
        owners.append({
            "owner": name or None,
            "customers": len(group),
            **{g: int((active["grade"] == g).sum()) for g in GRADES},
            "excluded": len(group) - len(active),
            "followed_up_this_week": int(group["followed"].sum()),
            "overdue": int((group["due"] == "overdue").sum()),
        })
    if touches is not None:
        listed = {o["owner"] or "" for o in owners}
        for name in sorted(set(touches) - listed):
            owners.append({"owner": name or None, "customers": 0, **dict.fromkeys(GRADES, 0),
                           "excluded": 0, "followed_up_this_week": 0, "overdue": 0})
        for o in owners:
            o["touches_this_week"] = touches.get(str(o["owner"] or ""), 0)
    return owners


def iso_dates(values: np.ndarray) -> list[str | None]:
    """ISO text for each date, ``None`` where blank."""
    days = np.asarray(values).astype("datetime64[D]")
    text = np.datetime_as_string(days, unit="D")
    return [None if t == "NaT" else str(t) for t in text]


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    overdue = [None if d != d else int(d) for d in frame["days_overdue"].to_numpy()]
    silent = [None if d != d else int(d) for d in frame["silence"].to_numpy(dtype=float)]
    return [{"row": int(row), "customer": customer, "owner": owner, "grade": grade,
             "next": nxt, "days_overdue": late, "days_silent": quiet,
             "reason_text": reason, "suggestion": suggestion}
            for row, customer, owner, grade, nxt, late, quiet, reason, suggestion in zip(
                frame["row"].tolist(), frame["customer"].tolist(), frame["owner"].tolist(),
                frame["grade"].tolist(), iso_dates(frame["next"].to_numpy()), overdue, silent,
                frame["grade_reason"].tolist(), frame["suggestion"].tolist(), strict=True)]


def _overdue(frame: pd.DataFrame) -> list[dict[str, object]]:
    late = frame[frame["due"] == "overdue"].copy()
    late["urgency"] = late["grade"].map(URGENCY)
    late = late.sort_values(["urgency", "days_overdue", "row"], ascending=[True, False, True])
    return _records(late)


def _at_risk(frame: pd.DataFrame, settings: Settings, lang: Lang) -> list[dict[str, object]]:
    demoted = frame["reason"] == "silent_demoted"
    unanswered = frame["unanswered"] >= settings.unanswered_medium
    risky = frame[(demoted | unanswered) & frame["active"]]
    records = _records(risky)
    for record, reason, after, silence, count in zip(
            records, risky["reason"], risky["silent_after"], risky["silence"],
            risky["unanswered"], strict=True):
        if reason == "silent_demoted":
            record["reason"] = "silent_demoted"
            record["reason_text"] = say("risk.demoted", lang,
                                        reason=silence_text(after, silence, lang))
        else:
            record["reason"] = "unanswered"
            record["reason_text"] = say("risk.unanswered", lang, n=int(count))
    return records


def _pool_soon(frame: pd.DataFrame, soon: list[dict[str, object]], lang: Lang
               ) -> list[dict[str, object]]:
    """The customers of :func:`~xltrade.rules.pool.pool_soon` as the report's lists
    have them, with their days without follow-up and days left, and the days left as
    the reason."""
    listed = frame.set_index("row", drop=False).loc[[r["row"] for r in soon]]
    records = _records(listed)
    for record, found in zip(records, soon, strict=True):
        left = int(found["days_left"])  # type: ignore[call-overload]
        record["owner"] = found["owner"]  # None when blank, as the JSON has it
        record["days_without_followup"] = found["days_without_followup"]
        record["days_left"] = left
        record["reason_text"] = say("pool.days_left", lang, n=left)
    return records


def _plan(frame: pd.DataFrame, next_week: np.ndarray, lang: Lang
          ) -> list[dict[str, object]]:
    """Next week's customers by day, each with the buyer's working hours in our time on
    that day."""
    planned = frame[next_week].copy()
    planned["urgency"] = planned["grade"].map(URGENCY)
    planned = planned.sort_values(["next", "urgency", "row"])
    planned["suggestion"] = [join_parts([action, hours], lang) for action, hours in zip(
        planned["suggestion"], planned["hours"], strict=True)]
    return _records(planned)


def _per_weekday(last_contact: pd.Series, followed: np.ndarray) -> list[int]:
    days = last_contact.to_numpy(dtype="datetime64[D]")[followed]
    weekday = (days.astype("datetime64[D]").view("int64") - 4) % 7  # 1970-01-05 was a Monday
    return [int((weekday == d).sum()) for d in range(7)]


def _changes(keys: list[str], frame: pd.DataFrame, previous: PreviousReport | None
             ) -> list[dict[str, object]] | None:
    if previous is None:
        return None
    changes = []
    for key, customer, grade_ in zip(keys, frame["customer"], frame["grade"], strict=True):
        before = previous.grades.get(key)
        if before is not None and before != grade_:
            changes.append({"customer": customer, "from": before, "to": grade_})
    return changes
