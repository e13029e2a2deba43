"""跟进提醒 and 逾期天数 as formulas over the row's 下次跟进 and ``TODAY()``.

The next follow-up date needs the rules, so it is the run's value; whether that date is
overdue, today or this week is only a comparison with today, so the sheet works it out
itself whenever it is opened, in any spreadsheet program, and its words, its colours
(:mod:`xltrade.sheets.highlight`) and its days always agree. Each formula carries the
run's value for programs that show what was saved.
"""

from __future__ import annotations

from xltrade.rules.texts import Lang, say
from xltrade.sheets.patch import Formula
from xltrade.sheets.refs import column_letter


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def due_formula(row: int, next_column: int, lang: Lang, cached: str | None) -> Formula:
    """已逾期 / 今天 / 本周 / 已安排 from the date, 不跟进 where there is none (the rules
    leave an excluded customer without a date). The week ends on Sunday, as in §4.2."""
    nxt = f"{column_letter(next_column)}{row}"
    label = {code: _quoted(say(f"due.{code}", lang))
             for code in ("overdue", "today", "this_week", "later", "excluded")}
    sunday = "TODAY()+7-WEEKDAY(TODAY(),2)"
    text = (f"IF(ISNUMBER({nxt}),IF({nxt}<TODAY(),{label['overdue']},"
            f"IF({nxt}=TODAY(),{label['today']},"
            f"IF({nxt}<={sunday},{label['this_week']},{label['later']}))),"
            f"{label['excluded']})")
    return Formula(text, cached)


def live_value(field: str, row: int, next_column: int, lang: Lang, value: object) -> object:
    """What a computed column's cell holds: a formula for 跟进提醒 and 逾期天数 (with
    the run's ``value`` cached), the run's value for every other field."""
    if field == "due":
        return due_formula(row, next_column, lang, value)  # type: ignore[arg-type]
    if field == "days_overdue":
        return days_overdue_formula(row, next_column, value)  # type: ignore[arg-type]
    return value


def days_overdue_formula(row: int, next_column: int, cached: int | None) -> Formula:
    """Whole days past the date, 0 when not overdue, blank where there is no date."""
    nxt = f"{column_letter(next_column)}{row}"
    return Formula(f'IF(ISNUMBER({nxt}),MAX(0,TODAY()-{nxt}),"")', cached)
