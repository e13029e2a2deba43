"""The team workbook's sheets (spec §9), drawn from a :class:`TeamView`: 团队周报 with
the figures of every salesperson side by side, 撞单, 公海 and 全部客户.

Plain values, native formatting and native charts only: the manager reads it on a
phone, in WPS or LibreOffice. Each sheet prints A4 landscape, one page wide.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

import pandas as pd

from xltrade.rules.normalize import has_cjk
from xltrade.rules.summary import iso_dates
from xltrade.rules.team import OWNER_FIGURES, TeamView, iso_week
from xltrade.rules.texts import Lang, say
from xltrade.rules.vocabulary import STAGE_ALIASES
from xltrade.sheets.patch import (
    DATE_FORMAT,
    Block,
    Chart,
    PrintSetup,
    Rule,
    SheetPatch,
    Table,
)
from xltrade.sheets.refs import column_letter
from xltrade.sheets.report import CHANGE_FORMAT, DAYS_FORMAT, axis_step, listed_date

#: The most rows each list of the report shows; the other sheets have them all.
LIMITS = {"overdue": 15, "promotions": 15}
#: Columns of the figures grid: the figure's name, then one per salesperson.
FIGURE_WIDTH = 11
#: The lists' columns: customer, salesperson, grade, date, days (or from, to).
LIST_WIDTHS = (30, 12, 11, 12, 11)
#: Rows of 15 points on a printed page (A4 landscape, fit to the grid's width), less
#: a margin for rows that wrap.
PAGE_ROWS = 40
#: Rows the two charts take under the figures (7 cm at 15 points a row).
CHART_ROWS = 16
GOOD, BAD = ("C6EFCE", "006100"), ("FFC7CE", "9C0006")
WORSE_WHEN_UP = frozenset({"overdue", "overdue_A", "overdue_B"})


class _Sheet:
    """Lines added one under another, tracking the next free row."""

    def __init__(self, patch: SheetPatch, lang: Lang) -> None:
        self.patch, self.lang, self.row = patch, lang, 1

    def line(self, values: Sequence[object], style: str | None = None) -> int:
        row = self.row
        self.patch.blocks.append(Block(row, 1, [list(values)], style=style))  # type: ignore[arg-type]
        self.row += 1
        return row

    def section(self, key: str, **values: object) -> None:
        self.row += 1
        self.patch.put(self.row, 1, say(key, self.lang, **values), style="section")
        self.row += 1

    def titles(self, keys: Sequence[str | None], numeric: Sequence[int] = ()) -> None:
        for column, key in enumerate(keys, start=1):
            self.patch.put(self.row, column, say(key, self.lang) if key else None,
                           style="table_header_right" if column in numeric else "table_header")
        self.row += 1


def team_patches(view: TeamView) -> list[SheetPatch]:
    """The four sheets, in the order the manager reads them."""
    return [report_patch(view), conflicts_patch(view), pool_patch(view), archive_patch(view)]


def report_patch(view: TeamView) -> SheetPatch:
    lang = view.lang
    patch = SheetPatch(say("team.sheet", lang), names=(say("team.sheet", lang),),
                       rebuild=True, position=0)
    s = _Sheet(patch, lang)
    patch.put(1, 1, say("team.title", lang), style="title")
    s.row = 2
    week = iso_week(view.week_start)
    s.line([say("team.week", lang), f"{view.week_start} ~ {view.week_end} ({week})"])
    s.line([say("team.as_of", lang), view.as_of])
    patch.put(s.row - 1, 2, view.as_of, number_format=DATE_FORMAT)
    s.line([say("team.generated", lang, day=view.as_of.isoformat(), n=len(view.files))])
    blocks = [s.row]  # where each block that should not be cut by a page starts
    _files(s, view, week)
    blocks.append(s.row)
    _figures(s, view)
    chart_row = s.row + 1
    if view.owners:
        blocks.append(s.row)
        s.row += CHART_ROWS
    blocks.append(s.row)
    _overdue(s, view)
    blocks.append(s.row)
    _promotions(s, view)
    blocks.append(s.row)
    s.section("team.conflicts_line", n=len(view.conflicts))
    s.row -= 1
    s.section("team.pool_line", n=len(view.pool))
    width = max(len(view.owners) + 3, len(LIST_WIDTHS), 9)
    patch.widths = {1: LIST_WIDTHS[0], 2: 16, **{c: FIGURE_WIDTH for c in range(3, width + 1)}}
    for column, w in enumerate(LIST_WIDTHS[1:], start=2):
        patch.widths[column] = max(patch.widths[column], w)
    _charts(patch, view, chart_row, width)
    patch.print_setup = PrintSetup(
        title_rows=(1, 1), area=f"A1:{column_letter(width)}{max(s.row - 1, 1)}",
        footer_left=say("team.footer", lang, week=week), footer_right=say("report.page", lang),
        breaks=page_breaks([*blocks, s.row]))
    return patch


def page_breaks(bounds: list[int]) -> tuple[int, ...]:
    """Breaks (after a row) so that no block between two bounds that fits on a page is
    cut in two by one."""
    breaks: list[int] = []
    top = 1
    for start, end in itertools.pairwise(bounds):
        if end - top > PAGE_ROWS and end - start <= PAGE_ROWS and start > top:
            breaks.append(start)
            top = start + 1
    return tuple(breaks)


def _files(s: _Sheet, view: TeamView, week: str | None) -> None:
    s.section("team.files")
    s.titles(("team.file", "team.owners", "team.customers", "team.last_report"), numeric=(3,))
    for f in view.files:
        last = f["week"]
        shown = say("team.no_report", s.lang) if last is None else \
            str(last) if last == week else say("team.other_week", s.lang, week=last)
        s.line([f["path"], "、".join(map(str, f["owners"])) if s.lang == "zh"  # type: ignore[call-overload]
                else ", ".join(map(str, f["owners"])), f["customers"], shown])  # type: ignore[call-overload]
    for skipped in view.skipped:
        s.line([say("team.skipped", s.lang, path=skipped["path"], reason=skipped["reason"])])


def _figures(s: _Sheet, view: TeamView) -> None:
    """Figures down, salespeople across, then the team total and its change."""
    lang = s.lang
    s.section("team.figures")
    names = [str(o["owner"] or say("report.no_owner", lang)) for o in view.owners]
    labels = [say("team.figure", lang), *names, say("team.total", lang), say("team.change", lang)]
    for at, label in enumerate(labels, start=1):
        s.patch.put(s.row, at, label, style="table_header" if at == 1 else "table_header_right")
    s.row += 1
    total_col = len(names) + 2
    change = view.total.get("change") or {}
    assert isinstance(change, dict)
    for name in OWNER_FIGURES:
        row = s.line([say(f"team.fig.{name}", lang), *(o[name] for o in view.owners),
                      view.total[name]])
        s.patch.put(row, total_col, view.total[name], style="bold")
        if name in change:
            column = column_letter(total_col + 1)
            s.patch.put(row, total_col + 1, change[name], number_format=CHANGE_FORMAT)
            up, down = (BAD, GOOD) if name in WORSE_WHEN_UP else (GOOD, BAD)
            rules = s.patch.rules if s.patch.rules is not None else []
            for test, (fill, font) in ((">0", up), ("<0", down)):
                rules.append(Rule(f"{column}{row}",
                                  f"AND(ISNUMBER({column}{row}),{column}{row}{test})", fill, font))
            s.patch.rules = rules
    s.line([say("team.followups_note", lang)])
    if view.media:
        s.line([say("report.media", lang), "  ".join(
            f"{say(f'medium.{code}', lang)} {count}" for code, count in view.media.items())])


def _list_titles(s: _Sheet, days_key: str) -> None:
    s.titles(("report.company", "report.owner", "report.grade", "report.next", days_key),
             numeric=(5,))


def _overdue(s: _Sheet, view: TeamView) -> None:
    s.section("team.overdue_list")
    _list_titles(s, "report.days_overdue")
    if not view.overdue:
        s.line([say("report.none", s.lang)])
    for r in view.overdue[:LIMITS["overdue"]]:
        row = s.line([r["company"], r["owner"], r["grade"], None, r["days_overdue"]])
        s.patch.put(row, 4, listed_date(r["next"]), number_format=DATE_FORMAT)
    if len(view.overdue) > LIMITS["overdue"]:
        s.line([say("team.more", s.lang, n=len(view.overdue) - LIMITS["overdue"])])


def _promotions(s: _Sheet, view: TeamView) -> None:
    s.section("team.promotions")
    s.titles(("report.company", "report.owner", "team.from", "team.to"))
    if not view.promotions:
        s.line([say("report.none", s.lang)])
    for p in view.promotions[:LIMITS["promotions"]]:
        s.line([p["company"], p["owner"], p["from"], p["to"]])
    if len(view.promotions) > LIMITS["promotions"]:
        s.line([say("team.more", s.lang, n=len(view.promotions) - LIMITS["promotions"])])


def _charts(patch: SheetPatch, view: TeamView, first: int, width: int) -> None:
    """Overdue and follow-ups per salesperson; their data in hidden columns past the
    printed area."""
    lang = view.lang
    col = width + 2
    name, overdue, touches = (column_letter(c) for c in (col, col + 1, col + 2))
    rows: list[list[object]] = [[str(o["owner"] or say("report.no_owner", lang)), o["overdue"],
             o["followups_this_week"]] for o in view.owners]
    patch.blocks.append(Block(1, col, [[say("report.owner", lang),
                                        say("team.chart_overdue", lang),
                                        say("team.chart_followups", lang)], *rows], style=None))
    for c in (col, col + 1, col + 2):
        patch.widths[c] = 0
    if not rows:
        return
    last = len(rows) + 1
    at = first
    end = at + CHART_ROWS - 1
    patch.charts.append(Chart(f"A{at}", say("team.chart_overdue", lang),
                              f"{overdue}1:{overdue}{last}",
                              f"{name}2:{name}{last}", end=f"E{end}",
                              step=axis_step([int(str(r[1])) for r in rows])))
    patch.charts.append(Chart(f"E{at}", say("team.chart_followups", lang),
                              f"{touches}1:{touches}{last}", f"{name}2:{name}{last}",
                              end=f"{column_letter(width + 1)}{end}",
                              step=axis_step([int(str(r[2])) for r in rows])))


def _list_sheet(view: TeamView, names: tuple[str, str, str], titles: Sequence[str],
                numeric: Sequence[int], rows: list[list[object]], widths: Sequence[float],
                position: int, dates: Sequence[int] = (), days: Sequence[int] = ()
                ) -> SheetPatch:
    """A sheet of one list: ``names`` are the keys of its name, title and note; its
    column titles repeat on every printed page."""
    lang = view.lang
    sheet, title, note = names
    patch = SheetPatch(say(sheet, lang), rebuild=True, position=position)
    s = _Sheet(patch, lang)
    patch.put(1, 1, say(title, lang), style="title")
    s.row = 2
    s.line([say(note, lang)])
    s.row += 1
    header = s.row
    s.titles(titles, numeric=numeric)
    _rows(s, rows, dates=dates, days=days)
    if not rows:
        s.line([say("report.none", lang)])
    patch.widths = dict(enumerate(widths, start=1))
    patch.print_setup = PrintSetup(
        title_rows=(header, header),
        area=f"A1:{column_letter(len(widths))}{max(s.row - 1, header)}",
        footer_right=say("report.page", lang))
    return patch


def conflicts_patch(view: TeamView) -> SheetPatch:
    rows: list[list[object]] = [
        [number, say(f"team.why.{conflict.why}", view.lang), h.company, h.owner, h.file,
         h.row, h.first_contact, "✓" if h is conflict.first else None]
        for number, conflict in enumerate(view.conflicts, start=1) for h in conflict.customers]
    return _list_sheet(
        view, ("team.conflicts_sheet", "team.conflicts_title", "team.conflicts_note"),
        ("team.group", "team.why", "report.company", "report.owner", "team.file", "team.row",
         "team.first_contact", "team.first"), (1, 6), rows, (7, 14, 32, 12, 28, 8, 13, 10),
        position=1, dates=(7,))


def _rows(s: _Sheet, rows: list[list[object]], dates: Sequence[int] = (),
          days: Sequence[int] = ()) -> None:
    """Many lines at once, as one block (its cells are drawn once per distinct value);
    the columns ``dates`` (1-based) as dates, ``days`` as counts kept a space away from
    the text beside them."""
    if not rows:
        return
    s.patch.blocks.append(Block(s.row, 1, rows))
    for columns, number_format in ((dates, DATE_FORMAT), (days, DAYS_FORMAT)):
        for column in columns:
            s.patch.blocks.append(Block(s.row, column, [[r[column - 1]] for r in rows],
                                        number_format=number_format))
    s.row += len(rows)


def pool_patch(view: TeamView) -> SheetPatch:
    rows: list[list[object]] = [
        [p["company"], p["owner"], p["grade"], p["days_without_followup"], p["file"], p["row"]]
        for p in view.pool]
    return _list_sheet(
        view, ("team.pool_sheet", "team.pool_title", "team.pool_note"),
        ("report.company", "report.owner", "report.grade", "team.days_without", "team.file",
         "team.row"), (4, 6), rows, (32, 12, 8, 14, 28, 7), position=2, days=(4, 6))


ARCHIVE_KEYS = ("report.owner", "report.company", "team.country", "report.grade",
                "team.stage", "team.last_contact", "team.next", "team.days_overdue",
                "team.file", "team.row", "team.suggestion")


def archive_patch(view: TeamView) -> SheetPatch:
    """Every customer with its salesperson and source file: the manager's archive, as
    a table with filter buttons."""
    lang = view.lang
    patch = SheetPatch(say("team.archive_sheet", lang), rebuild=True, position=3)
    headers = [say(k, lang) for k in ARCHIVE_KEYS]
    patch.blocks.append(Block(1, 1, [list[object](headers)], style="table_header"))
    a = view.archive.sort_values(["owner_key", "grade", "company"], na_position="last",
                                 kind="stable") if len(view.archive) else view.archive
    # Days overdue only where a customer is: 0 would read as "due today".
    late = [int(d) if d == d and d > 0 else None
            for d in a["days_overdue"].to_numpy(dtype=float)]
    rows: list[list[object]] = [
        [o, c, k, g, _stage(st, lang), last, nxt, d, f, int(r), sug]
        for o, c, k, g, st, last, nxt, d, sug, f, r in zip(
            a["owner"].tolist(), a["company"].tolist(), a["country"].tolist(),
            a["grade"].tolist(), a["stage"].tolist(), _days(a["last_contact"]),
            _days(a["next"]), late, a["suggestion"].tolist(), a["file"].tolist(),
            a["row"].tolist(), strict=True)]
    s = _Sheet(patch, lang)
    s.row = 2
    _rows(s, rows, dates=(6, 7), days=(8, 10))
    last = max(len(rows) + 1, 2)
    patch.table = Table("全部客户" if lang == "zh" else "AllCustomers",
                        f"A1:{column_letter(len(headers))}{last}", tuple(headers))
    # The suggestion last: its long text runs on to the right rather than under a column.
    patch.widths = dict(enumerate((12, 32, 12, 7, 10, 12, 12, 10, 20, 7, 80), start=1))
    patch.print_setup = PrintSetup(title_rows=(1, 1), footer_right=say("report.page", lang))
    return patch


def _stage(code: object, lang: Lang) -> str | None:
    """A stage as the team writes it: the first of its words in the language."""
    words = STAGE_ALIASES.get(code, ()) if isinstance(code, str) else ()
    chinese = lang == "zh"
    return next((w for w in words if has_cjk(w) == chinese), None)


def _days(values: pd.Series) -> list[dt.date | None]:
    """Dates as ``datetime.date``, blanks as ``None``."""
    return [None if d is None else dt.date.fromisoformat(d)
            for d in iso_dates(values.to_numpy())]
