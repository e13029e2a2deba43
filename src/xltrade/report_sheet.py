"""The weekly report sheet (周报 / Weekly Report), drawn from a :class:`WeeklySummary`.

Plain values, native formatting and native charts only, so the manager can read it
anywhere: a phone, WPS, LibreOffice, or Excel with macros blocked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from openpyxl.chart import BarChart, Reference
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from xltrade.cells import BOLD, SECTION_FONT, TABLE_HEADER_FILL, TITLE_FONT, put
from xltrade.customer_sheet import replace_sheet
from xltrade.summary import FIGURES, WeeklySummary
from xltrade.texts import TEXTS, Lang, say
from xltrade.vocabulary import GRADES

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
    """Writes sections one under another, keeping track of the next free row."""

    def __init__(self, ws: Worksheet, lang: Lang) -> None:
        self.ws = ws
        self.lang = lang
        self.row = 1

    def line(self, values: Sequence[object], bold: bool = False, header: bool = False) -> None:
        for column, value in enumerate(values, start=1):
            cell = put(self.ws, self.row, column, value)
            if bold or header:
                cell.font = BOLD
            if header:
                cell.fill = TABLE_HEADER_FILL
        self.row += 1

    def section(self, key: str) -> None:
        self.row += 1
        put(self.ws, self.row, 1, say(key, self.lang)).font = SECTION_FONT
        self.row += 1

    def header(self, keys: Sequence[str]) -> None:
        self.line([say(k, self.lang) for k in keys], header=True)

    def none(self, key: str = "report.none") -> None:
        self.line([say(key, self.lang)])

    def more(self, shown: int, total: int) -> None:
        if total > shown:
            self.line([say("report.more", self.lang, n=total - shown)])


def render_report(wb: Workbook, summary: WeeklySummary, workbook_name: str,
                  position: int) -> Worksheet:
    """Replace the report sheet (in either language) with a fresh one; a new one goes
    to ``position``."""
    lang = summary.lang
    existing = any(name in wb.sheetnames for name in REPORT_NAMES)
    ws = replace_sheet(wb, REPORT_NAMES, say("report.sheet", lang),
                       None if existing else position)
    w = _Writer(ws, lang)
    _heading(w, summary, workbook_name)
    _figures(w, summary)
    _owners(w, summary)
    _overdue(w, summary)
    _at_risk(w, summary)
    _plan(w, summary)
    _changes(w, summary)
    _issues(w, summary)
    _charts(ws, summary)
    for letter, width in WIDTHS.items():
        ws.column_dimensions[letter].width = width
    ws.sheet_view.showGridLines = False
    return ws


def _heading(w: _Writer, s: WeeklySummary, workbook_name: str) -> None:
    put(w.ws, 1, 1, say("report.title", w.lang)).font = TITLE_FONT
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
            say("report.followed_up", w.lang), say("report.overdue", w.lang)], header=True)
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
            w.line([f"{say(f'weekday.{day.weekday()}', w.lang)} {day.isoformat()}"], bold=True)
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
    w.line([say("report.row", w.lang), say("report.column", w.lang), None, None, None,
            say("report.value", w.lang), say("report.problem", w.lang)], header=True)
    if not s.issues:
        w.none()
    for issue in s.issues[:LIST_LIMIT]:
        w.line([f"{issue.sheet}!{issue.row}", issue.column, None, None, None,
                issue.value_text(), issue.problem_text(w.lang)])
    w.more(LIST_LIMIT, len(s.issues))


def _charts(ws: Worksheet, s: WeeklySummary) -> None:
    lang = s.lang
    col = CHART_COLUMN
    put(ws, 2, col, say("report.grade", lang)).font = BOLD
    put(ws, 2, col + 1, say("report.count", lang)).font = BOLD
    for i, g in enumerate(GRADES, start=3):
        put(ws, i, col, g)
        put(ws, i, col + 1, s.figures[f"grade_{g}"])
    grades = BarChart()
    grades.title = say("report.chart_grades", lang)
    grades.legend = None
    grades.add_data(Reference(ws, min_col=col + 1, min_row=2, max_row=6), titles_from_data=True)
    grades.set_categories(Reference(ws, min_col=col, min_row=3, max_row=6))
    grades.height, grades.width = 7, 12
    ws.add_chart(grades, "M2")

    put(ws, 9, col, say("report.day", lang)).font = BOLD
    put(ws, 9, col + 1, say("report.count", lang)).font = BOLD
    for d, count in enumerate(s.followups_per_day):
        put(ws, 10 + d, col, say(f"weekday.{d}", lang))
        put(ws, 10 + d, col + 1, count)
    days = BarChart()
    days.title = say("report.chart_days", lang)
    days.legend = None
    days.add_data(Reference(ws, min_col=col + 1, min_row=9, max_row=16), titles_from_data=True)
    days.set_categories(Reference(ws, min_col=col, min_row=10, max_row=16))
    days.height, days.width = 7, 12
    ws.add_chart(days, "M17")


def _date(value: object) -> object:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value
