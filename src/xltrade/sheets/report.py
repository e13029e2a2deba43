"""The weekly report sheet (周报 / Weekly Report), drawn from a :class:`WeeklySummary`.

Plain values, native formatting and native charts only, so the manager can read it
anywhere: a phone, WPS, LibreOffice, or Excel with macros blocked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from xltrade.rules.summary import FIGURES, WeeklySummary
from xltrade.rules.texts import TEXTS, Lang, say
from xltrade.rules.vocabulary import GRADES
from xltrade.sheets.patch import Block, Chart, SheetPatch, Style
from xltrade.sheets.refs import column_index, column_letter

REPORT_NAMES = TEXTS["report.sheet"]
#: Longest list shown in the sheet; the customer sheet's red rows show the rest.
LIST_LIMIT = 500
CHART_COLUMN = 10  # J: the data the charts draw from
#: One grid for every list: A customer, B salesperson, C grade, D date, E days,
#: F reason, G suggestion, H sheet row; figures and counts use B onwards.
WIDTHS = {"A": 28, "B": 12, "C": 8, "D": 12, "E": 10, "F": 28, "G": 44, "H": 8,
          "J": 10, "K": 8}
LIST_HEADER = ("report.company", "report.owner", "report.grade", "report.next",
               "report.days_overdue", "report.reason", "report.suggestion", "report.row")


class _Writer:
    """Adds sections one under another to a patch, tracking the next free row."""

    def __init__(self, patch: SheetPatch, lang: Lang) -> None:
        self.patch = patch
        self.lang = lang
        self.row = 1

    def line(self, values: Sequence[object], style: Style | None = None) -> None:
        self.patch.line(self.row, list(values), style)
        self.row += 1

    def section(self, key: str) -> None:
        self.row += 1
        self.patch.put(self.row, 1, say(key, self.lang), style="section")
        self.row += 1

    def header(self, keys: Sequence[str | None]) -> None:
        self.line([say(k, self.lang) if k else None for k in keys], style="table_header")

    def none(self, key: str = "report.none") -> None:
        self.line([say(key, self.lang)])

    def more(self, shown: int, total: int) -> None:
        if total > shown:
            self.line([say("report.more", self.lang, n=total - shown)])


def report_patch(summary: WeeklySummary, workbook_name: str, position: int) -> SheetPatch:
    """The report sheet, rebuilt from scratch; a new one goes to ``position``."""
    lang = summary.lang
    patch = SheetPatch(say("report.sheet", lang), names=REPORT_NAMES, rebuild=True,
                       position=position)
    w = _Writer(patch, lang)
    _heading(w, summary, workbook_name)
    _figures(w, summary)
    _owners(w, summary)
    _overdue(w, summary)
    _at_risk(w, summary)
    _plan(w, summary)
    _changes(w, summary)
    _issues(w, summary)
    _charts(patch, summary)
    patch.widths = {column_index(letter): width for letter, width in WIDTHS.items()}
    return patch


def _heading(w: _Writer, s: WeeklySummary, workbook_name: str) -> None:
    w.patch.put(1, 1, say("report.title", w.lang), style="title")
    w.row = 2
    iso_year, iso_week, _ = s.week_start.isocalendar()
    w.line([say("report.workbook", w.lang), workbook_name])
    w.line([say("report.week", w.lang),
            f"{s.week_start.isoformat()} ~ {s.week_end.isoformat()} ({iso_year}-W{iso_week:02d})"])
    w.line([say("report.as_of", w.lang), s.as_of])
    w.line([say("report.generated", w.lang)])


def _figures(w: _Writer, s: WeeklySummary) -> None:
    w.section("report.key_figures")
    w.header(("report.figure", "report.this_week", "report.previous", "report.change"))
    for name in FIGURES:
        previous = None if s.previous is None else s.previous.figures.get(name)
        change = s.change(name)
        w.line([say(f"fig.{name}", w.lang), s.figures[name],
                None if previous is None else int(previous),
                None if change is None else change])


def _owners(w: _Writer, s: WeeklySummary) -> None:
    w.section("report.owners")
    w.line([say("report.owner", w.lang), say("report.customers", w.lang), *GRADES,
            say("report.followed_up", w.lang), say("report.overdue", w.lang)],
           style="table_header")
    for o in s.owners:
        w.line([o["owner"] or say("report.no_owner", w.lang), o["customers"],
                *(o[g] for g in GRADES), o["followed_up_this_week"], o["overdue"]])


def _customer_line(w: _Writer, r: dict[str, object], days: object = None,
                   reason: object = None) -> None:
    w.line([r["customer"], r["owner"], r["grade"], _date(r["next"]), days, reason,
            r["suggestion"], r["row"]])


def _overdue(w: _Writer, s: WeeklySummary) -> None:
    w.section("report.overdue_list")
    w.header(LIST_HEADER)
    if not s.overdue:
        w.none()
    for r in s.overdue[:LIST_LIMIT]:
        _customer_line(w, r, days=r["days_overdue"])
    w.more(LIST_LIMIT, len(s.overdue))


def _at_risk(w: _Writer, s: WeeklySummary) -> None:
    w.section("report.at_risk")
    w.header(LIST_HEADER)
    if not s.at_risk:
        w.none()
    for r in s.at_risk[:LIST_LIMIT]:
        _customer_line(w, r, reason=r["reason_text"])
    w.more(LIST_LIMIT, len(s.at_risk))


def _plan(w: _Writer, s: WeeklySummary) -> None:
    """Customers due next week, under a line for each day."""
    w.section("report.plan")
    w.header(LIST_HEADER)
    if not s.plan:
        w.none()
    previous_day = None
    for r in s.plan[:LIST_LIMIT]:
        day = _date(r["next"])
        if day != previous_day and isinstance(day, dt.date):
            w.line([f"{say(f'weekday.{day.weekday()}', w.lang)} {day.isoformat()}"],
                   style="bold")
            previous_day = day
        _customer_line(w, r)
    w.more(LIST_LIMIT, len(s.plan))


def _changes(w: _Writer, s: WeeklySummary) -> None:
    w.section("report.grade_changes")
    if s.grade_changes is None:
        w.none("report.no_previous")
        return
    w.header(("report.company", "report.from", "report.to"))
    if not s.grade_changes:
        w.none()
    for c in s.grade_changes[:LIST_LIMIT]:
        w.line([c["customer"], c["from"], c["to"]])
    w.more(LIST_LIMIT, len(s.grade_changes))


def _issues(w: _Writer, s: WeeklySummary) -> None:
    w.section("report.issues")
    w.header(("report.row", "report.column", None, None, None, "report.value",
              "report.problem"))
    if not s.issues:
        w.none()
    for issue in s.issues[:LIST_LIMIT]:
        w.line([f"{issue.sheet}!{issue.row}", issue.column, None, None, None,
                issue.value_text(), issue.problem_text(w.lang)])
    w.more(LIST_LIMIT, len(s.issues))


def _charts(patch: SheetPatch, s: WeeklySummary) -> None:
    """The two charts' data beside the report (column J) and the charts next to it."""
    lang = s.lang
    col = CHART_COLUMN
    letter, count = column_letter(col), column_letter(col + 1)
    patch.blocks.append(Block(2, col, [[say("report.grade", lang), say("report.count", lang)]],
                              style="bold"))
    patch.blocks.append(Block(3, col, [[g, s.figures[f"grade_{g}"]] for g in GRADES]))
    patch.charts.append(Chart("M2", say("report.chart_grades", lang), f"{count}2:{count}6",
                              f"{letter}3:{letter}6"))
    patch.blocks.append(Block(9, col, [[say("report.day", lang), say("report.count", lang)]],
                              style="bold"))
    patch.blocks.append(Block(10, col, [[say(f"weekday.{d}", lang), number]
                                        for d, number in enumerate(s.followups_per_day)]))
    patch.charts.append(Chart("M17", say("report.chart_days", lang), f"{count}9:{count}16",
                              f"{letter}10:{letter}16"))


def _date(value: object) -> object:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value
