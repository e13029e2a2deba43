"""跟进提醒 and 逾期天数 as formulas over the row's 下次跟进 and ``TODAY()``.

The next follow-up date needs the rules, so it is the run's value; whether that date is
overdue, today or this week is only a comparison with today, so the sheet works it out
itself whenever it is opened, in any spreadsheet program, and its words, its colours
(:mod:`xltrade.sheets.highlight`) and its days always agree. Each formula carries the
run's value for programs that show what was saved.
"""

from __future__ import annotations

import functools

from xltrade.rules.texts import Lang, say
from xltrade.sheets.patch import Formula
from xltrade.sheets.refs import column_letter


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


#: The computed fields whose cells are formulas.
LIVE_FIELDS = frozenset({"due", "days_overdue"})
#: Where a formula template takes its row number: a character no label holds.
_ROW = "\x00"


def due_formula(row: int, next_column: int, lang: Lang, cached: str | None) -> Formula:
    """已逾期 / 今天 / 本周 / 已安排 from the date, 不跟进 where there is none (the rules
    leave an excluded customer without a date). The week ends on Sunday, as in §4.2."""
    return Formula(_due_template(next_column, lang).replace(_ROW, str(row)), cached)


@functools.lru_cache(maxsize=16)
def _due_template(next_column: int, lang: Lang) -> str:
    # Built once a run: only the row number changes from one customer to the next.
    nxt = f"{column_letter(next_column)}{_ROW}"
    label = {code: _quoted(say(f"due.{code}", lang))
             for code in ("overdue", "today", "this_week", "later", "excluded")}
    sunday = "TODAY()+7-WEEKDAY(TODAY(),2)"
    return (f"IF(ISNUMBER({nxt}),IF({nxt}<TODAY(),{label['overdue']},"
            f"IF({nxt}=TODAY(),{label['today']},"
            f"IF({nxt}<={sunday},{label['this_week']},{label['later']}))),"
            f"{label['excluded']})")


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
    return Formula(_days_template(next_column).replace(_ROW, str(row)), cached)


@functools.lru_cache(maxsize=16)
def _days_template(next_column: int) -> str:
    nxt = f"{column_letter(next_column)}{_ROW}"
    return f'IF(ISNUMBER({nxt}),MAX(0,TODAY()-{nxt}),"")'
