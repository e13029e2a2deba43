"""The weekly report sheet (周报 / Weekly Report), drawn from a :class:`WeeklySummary`.

Plain values, native formatting and native charts only, so the manager can read it
anywhere: a phone, WPS, LibreOffice, or Excel with macros blocked. It prints on A4
landscape, one page wide, with page breaks between sections.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from xltrade.rules.data_issues import grouped
from xltrade.rules.pool import SOON_DAYS
from xltrade.rules.summary import FIGURES, WeeklySummary
from xltrade.rules.texts import TEXTS, Lang, say
from xltrade.rules.vocabulary import GRADES, POOL_GRADES
from xltrade.sheets.patch import (
    LINE_POINTS,
    Block,
    Chart,
    PrintSetup,
    Rule,
    SheetPatch,
    Style,
)
from xltrade.sheets.refs import column_index, column_letter

REPORT_NAMES = TEXTS["report.sheet"]
#: The most rows each list shows; the customer sheet's red rows and --json have all.
LIMITS = {"overdue": 15, "at_risk": 10, "pool_soon": 10, "plan": 15, "grade_changes": 10,
          "issues": 10}
CHART_COLUMN = 10  # J: the data the charts draw from, outside the printed area
#: One grid for every list: A customer, B salesperson, C grade, D date, E days,
#: F reason, G suggestion, H sheet row; figures and counts use B onwards.
WIDTHS = {"A": 30, "B": 12, "C": 9, "D": 12, "E": 12, "F": 36, "G": 52, "H": 7,
          "J": 0, "K": 0}
#: Days in the lists keep a space's distance from the reason text beside them.
DAYS_FORMAT = "0_W"
PRINTED = "A1:{column}{last}"
#: Rows of 15 points on one printed page: A4 landscape less margins, at the scale that
#: fits the grid's width (measured on LibreOffice's PDF, with a margin).
PAGE_ROWS = 46
#: Figures whose rise is bad news: their change is red when it goes up.
WORSE_WHEN_UP = frozenset({"excluded", "overdue", *(f"overdue_{g}" for g in GRADES)})
CHANGE_FORMAT = '"▲ "0;"▼ "0;"–"'
GOOD, BAD = ("C6EFCE", "006100"), ("FFC7CE", "9C0006")


class _Writer:
    """Adds sections one under another to a patch, tracking the next free row and
    where printed pages should break."""

    def __init__(self, patch: SheetPatch, lang: Lang) -> None:
        self.patch = patch
        self.lang = lang
        self.row = 1
        self.sections: list[int] = []

    def line(self, values: Sequence[object], style: Style | None = None) -> None:
        self.patch.line(self.row, list(values), style)
        self.row += 1

    def section(self, key: str) -> None:
        self.row += 1
        self.sections.append(self.row)
        self.patch.put(self.row, 1, say(key, self.lang), style="section")
        self.row += 1

    def header(self, keys: Sequence[str | None], numeric: Sequence[int] = ()) -> None:
        """Column titles; those over numbers (1-based ``numeric`` columns) align right."""
        self.titles([say(key, self.lang) if key else None for key in keys], numeric)

    def titles(self, labels: Sequence[str | None], numeric: Sequence[int] = ()) -> None:
        """A row of column titles, wrapped in their column where one is too long (an
        English title in a column sized for its figures), never cut off."""
        for column, label in enumerate(labels, start=1):
            self.patch.put(self.row, column, label,
                           style="table_header_right" if column in numeric
                           else "table_header")
        self.patch.fit_row(self.row, labels, _widths(len(labels)))
        self.row += 1

    def none(self, key: str = "report.none") -> None:
        self.line([say(key, self.lang)])

    def more(self, key: str, shown: int, total: int) -> None:
        """The line under a list cut short: how many more, and where they are."""
        if total > shown:
            self.line([say(key, self.lang, n=total - shown)])

    def wrapped(self, values: Sequence[object]) -> None:
        """A list row: long text wraps and the row grows to show it, every cell at the
        top so a row reads across."""
        row = self.row
        self.patch.blocks.append(Block(row, 1, [list(values)], style="wrap"))
        self.patch.fit_row(row, values, _widths(len(values)))
        self.row += 1


def _widths(count: int) -> list[float]:
    """The grid's widths of the first ``count`` columns."""
    return [WIDTHS[column_letter(c)] for c in range(1, count + 1)]


def report_patch(summary: WeeklySummary, workbook_name: str, position: int) -> SheetPatch:
    """The report sheet, rebuilt from scratch; a new one goes to ``position``."""
    lang = summary.lang
    patch = SheetPatch(say("report.sheet", lang), names=REPORT_NAMES, rebuild=True,
                       position=position)
    w = _Writer(patch, lang)
    _heading(w, summary, workbook_name)
    figures_row = _figures(w, summary)
    _owners(w, summary)
    _overdue(w, summary)
    _at_risk(w, summary)
    _pool_soon(w, summary)
    _plan(w, summary)
    _changes(w, summary)
    _issues(w, summary)
    _charts(patch, summary, figures_row)
    # The charts' data (J:K) is hidden: the charts still draw it.
    patch.widths = {column_index(letter): width for letter, width in WIDTHS.items()}
    iso_year, iso_week, _ = summary.week_start.isocalendar()
    patch.print_setup = PrintSetup(
        title_rows=(1, 1),
        area=PRINTED.format(column="H", last=max(w.row - 1, 1)),
        footer_left=say("report.footer", lang, week=f"{iso_year}-W{iso_week:02d}"),
        footer_right=say("report.page", lang), breaks=_page_breaks(w, patch))
    return patch


def _page_breaks(w: _Writer, patch: SheetPatch) -> tuple[int, ...]:
    """Breaks before sections that would otherwise start near a page's foot or be cut
    in two, when they fit on a page of their own."""
    def height(first: int, last: int) -> float:
        return sum(patch.heights.get(r, LINE_POINTS) for r in range(first, last)) / LINE_POINTS

    bounds = [*w.sections, w.row]
    breaks = []
    used = height(1, bounds[0])
    for start, end in itertools.pairwise(bounds):
        size = height(start, end)
        if used + size > PAGE_ROWS and (size <= PAGE_ROWS or PAGE_ROWS - used < 8):
            breaks.append(start - 1)  # the blank row above the section title
            used = 0
        used = (used + size) % PAGE_ROWS if size > PAGE_ROWS else used + size
    return tuple(b for b in breaks if b > 1)


def _heading(w: _Writer, s: WeeklySummary, workbook_name: str) -> None:
    w.patch.put(1, 1, say("report.title", w.lang), style="title")
    w.row = 2
    iso_year, iso_week, _ = s.week_start.isocalendar()
    w.line([say("report.workbook", w.lang), workbook_name])
    w.line([say("report.week", w.lang),
            f"{s.week_start.isoformat()} ~ {s.week_end.isoformat()} ({iso_year}-W{iso_week:02d})"])
    w.line([say("report.as_of", w.lang), s.as_of])
    w.line([say("report.generated", w.lang, day=s.as_of.isoformat())])
    w.line([say("report.rebuilt", w.lang)])


def _figures(w: _Writer, s: WeeklySummary) -> int:
    """Key figures with the change since the previous report; the row they start on."""
    w.section("report.key_figures")
    first = w.row
    w.header(("report.figure", "report.this_week", "report.previous", "report.change"),
             numeric=(2, 3, 4))
    for name in (n for n in FIGURES if n in s.figures):
        previous = None if s.previous is None else s.previous.figures.get(name)
        change = s.change(name)
        row = w.row
        w.line([say(f"fig.{name}", w.lang), s.figures[name],
                None if previous is None else int(previous)])
        w.patch.put(row, 4, change, number_format=CHANGE_FORMAT)
        up, down = (BAD, GOOD) if name in WORSE_WHEN_UP else (GOOD, BAD)
        for test, (fill, font) in ((">0", up), ("<0", down)):
            rules = w.patch.rules if w.patch.rules is not None else []
            rules.append(Rule(f"D{row}", f"AND(ISNUMBER(D{row}),D{row}{test})", fill, font))
            w.patch.rules = rules
    if s.media:
        w.line([say("report.media", w.lang), "  ".join(
            f"{say(f'medium.{code}', w.lang)} {count}" for code, count in s.media.items())])
    return first


def _owners(w: _Writer, s: WeeklySummary) -> None:
    """One line per salesperson on the report's grid: customers, overdue, followed up
    (and follow-ups made, with a log), then the grade mix as one text that says which
    customers are in no grade (不跟进), so the figures add up."""
    w.section("report.owners")
    logged = s.logged
    labels = [say("report.owner", w.lang), say("report.customers", w.lang),
              say("report.overdue", w.lang), say("report.followed_up", w.lang),
              say("report.touches", w.lang) if logged else None,
              say("report.grade_mix", w.lang)]
    w.titles(labels, numeric=(2, 3, 4, 5) if logged else (2, 3, 4))
    for o in s.owners:
        w.line([o["owner"] or say("report.no_owner", w.lang), o["customers"], o["overdue"],
                o["followed_up_this_week"], o["touches_this_week"] if logged else None,
                grade_mix(o, w.lang)])


def grade_mix(owner: dict[str, object], lang: Lang) -> str:
    """``A 5 · B 3 · C 7 · D 7 · 不跟进 1``: the excluded only when there are some."""
    parts = [f"{g} {owner[g]}" for g in GRADES]
    excluded = owner.get("excluded", 0)
    if excluded:
        parts.append(f"{say('due.excluded', lang)} {excluded}")
    return " · ".join(parts)


LIST_HEADER = ("report.company", "report.owner", "report.grade", "report.next",
               "report.days_overdue", "report.reason", "report.suggestion", "report.row")
#: The list columns holding numbers: days (E) and sheet row (H).
LIST_NUMBERS = (5, 8)


def _customer_line(w: _Writer, r: dict[str, object], days: object) -> None:
    row = w.row
    w.wrapped([r["customer"], r["owner"], r["grade"], listed_date(r["next"]), days,
               r.get("reason_text"), r["suggestion"], r["row"]])
    w.patch.put(row, 5, days, style="wrap", number_format=DAYS_FORMAT)


def _list_header(w: _Writer, days_key: str) -> None:
    keys = list(LIST_HEADER)
    keys[4] = days_key
    w.header(keys, numeric=LIST_NUMBERS)


def _customers(w: _Writer, title: str, records: list[dict[str, object]], limit: int,
               days: str, by_day: bool = False, more: str = "report.more_customers",
               note: str | None = None) -> None:
    """A list of customers, the first ``limit`` of them; ``days`` names the days column
    ("days_overdue", "days_silent" or "days_without_followup"); ``by_day`` puts a line
    before each new date; ``note`` is a line under the title saying what the list is."""
    w.section(title)
    if note:
        w.line([note])
    _list_header(w, f"report.{days}")
    if not records:
        w.none()
    previous_day = None
    for r in records[:limit]:
        day = listed_date(r["next"])
        if by_day and day != previous_day and isinstance(day, dt.date):
            w.line([f"{say(f'weekday.{day.weekday()}', w.lang)} {day.isoformat()}"],
                   style="bold")
            previous_day = day
        _customer_line(w, r, r[days])
    w.more(more, limit, len(records))


def _overdue(w: _Writer, s: WeeklySummary) -> None:
    _customers(w, "report.overdue_list", s.overdue, LIMITS["overdue"], "days_overdue",
               more="report.more_overdue")


def _at_risk(w: _Writer, s: WeeklySummary) -> None:
    _customers(w, "report.at_risk", s.at_risk, LIMITS["at_risk"], "days_silent")


def _pool_soon(w: _Writer, s: WeeklySummary) -> None:
    """Customers a week or less from the manager's pool (公海): follow them up first."""
    limits = [s.pool_days[g] for g in POOL_GRADES if g in s.pool_days]
    days = (str(limits[0]) if len(set(limits)) == 1 else
            ", ".join(f"{g} {s.pool_days[g]}" for g in POOL_GRADES if g in s.pool_days))
    _customers(w, "report.pool_soon", s.pool_soon, LIMITS["pool_soon"],
               "days_without_followup", more="report.more_pool",
               note=say("report.pool_soon_note", w.lang, days=days, soon=SOON_DAYS))


def _plan(w: _Writer, s: WeeklySummary) -> None:
    """Customers due next week, under a line for each day."""
    _customers(w, "report.plan", s.plan, LIMITS["plan"], "days_silent", by_day=True)


def _changes(w: _Writer, s: WeeklySummary) -> None:
    w.section("report.grade_changes")
    if s.grade_changes is None:
        w.none("report.no_previous")
        return
    w.header(("report.company", "report.from", "report.to"))
    if not s.grade_changes:
        w.none()
    for c in s.grade_changes[:LIMITS["grade_changes"]]:
        w.line([c["customer"], c["from"], c["to"]])
    w.more("report.more_changes", LIMITS["grade_changes"], len(s.grade_changes))


def _issues(w: _Writer, s: WeeklySummary) -> None:
    """Data issues: where (sheet!row), which column, the value, what is wrong."""
    w.section("report.issues")
    w.header(("report.row", "report.column", None, None, None, "report.value",
              "report.problem"))
    if not s.issues:
        w.none()
    groups = grouped(s.issues)
    for group in groups[:LIMITS["issues"]]:
        issue = group.first
        w.wrapped([f"{issue.sheet}!{group.rows_text(w.lang)}", issue.column, None, None, None,
                   issue.value_text(), issue.problem_text(w.lang)])
    w.more("report.more_issues", LIMITS["issues"], len(groups))


def _charts(patch: SheetPatch, s: WeeklySummary, figures_row: int) -> None:
    """The two charts' data outside the printed area in hidden columns (J:K), the charts
    beside the key figures (F to H)."""
    lang = s.lang
    col = CHART_COLUMN
    letter, count = column_letter(col), column_letter(col + 1)
    patch.blocks.append(Block(2, col, [[say("report.grade", lang), say("report.count", lang)]],
                              style="bold"))
    patch.blocks.append(Block(3, col, [[g, s.figures[f"grade_{g}"]] for g in GRADES]))
    patch.blocks.append(Block(9, col, [[say("report.day", lang), say("report.count", lang)]],
                              style="bold"))
    # Days still to come have no bar, rather than a 0 that reads as a day without work.
    to_come = (s.as_of - s.week_start).days
    patch.blocks.append(Block(10, col, [[say(f"weekday.{d}", lang),
                                         number if d <= to_come else None]
                                        for d, number in enumerate(s.followups_per_day)]))
    patch.charts.append(Chart(f"F{figures_row}", say("report.chart_grades", lang),
                              f"{count}2:{count}6", f"{letter}3:{letter}6",
                              end=f"I{figures_row + 9}",
                              step=axis_step([s.figures[f"grade_{g}"] for g in GRADES])))
    patch.charts.append(Chart(f"F{figures_row + 10}", say("report.chart_days", lang),
                              f"{count}9:{count}16", f"{letter}10:{letter}16",
                              end=f"I{figures_row + 19}", step=axis_step(s.followups_per_day)))


def axis_step(values: Sequence[int]) -> int:
    """A whole step giving at most six labels on a count axis: 1, 2, 5, 10, 20, 50..."""
    top = max(values, default=0)
    step = 1
    while top / step > 6:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2
    return step


def listed_date(value: object) -> object:
    """A list's date as a date: the summaries give it as ISO text."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value
