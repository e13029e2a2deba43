"""Native conditional formatting on the customer table (spec §5).

Formula rules on the next follow-up column and ``TODAY()`` keep working in any
spreadsheet program with no Python. Rules xltrade wrote before are recognised by
their formula shape and replaced, so re-running never stacks duplicates.
"""

from __future__ import annotations

import re

from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import FormulaRule, Rule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

_COL = r"\$[A-Z]{1,3}\d+"
OWN_FORMULAS = (
    re.compile(rf"^AND\(ISNUMBER\({_COL}\),{_COL}<TODAY\(\)\)$"),
    re.compile(rf"^AND\(ISNUMBER\({_COL}\),{_COL}=TODAY\(\)\)$"),
    re.compile(rf'^{_COL}="[ABCD]"$'),
)
GRADE_COLOURS = {"A": "FFC6EFCE", "B": "FFDDEBF7", "C": "FFFFF2CC", "D": "FFE7E6E6"}
OVERDUE = ("FFFFC7CE", "FF9C0006")
DUE_TODAY = ("FFFFEB9C", "FF9C5700")


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour, bgColor=colour)


def is_own_rule(rule: Rule) -> bool:
    return bool(rule.formula) and all(
        any(p.match(str(f)) for p in OWN_FORMULAS) for f in rule.formula)


def remove_own_rules(ws: Worksheet) -> None:
    """Drop the rules xltrade added earlier, keep everyone else's with their priority."""
    old = ws.conditional_formatting
    kept = ConditionalFormattingList()
    for cf, rules in old._cf_rules.items():  # type: ignore[attr-defined]
        for rule in rules:
            if not is_own_rule(rule):
                kept._cf_rules.setdefault(cf, []).append(rule)  # type: ignore[attr-defined]
                kept.max_priority = max(kept.max_priority, rule.priority or 0)
    ws.conditional_formatting = kept


def apply_highlighting(ws: Worksheet, first_row: int, last_row: int, last_column: int,
                       next_column: int, grade_column: int) -> None:
    """Colour grade cells, and whole rows that are overdue (red) or due today (amber)."""
    remove_own_rules(ws)
    last_row = max(last_row, first_row)
    nxt = f"${get_column_letter(next_column)}{first_row}"
    grade = f"${get_column_letter(grade_column)}{first_row}"
    grade_range = f"{get_column_letter(grade_column)}{first_row}:" \
                  f"{get_column_letter(grade_column)}{last_row}"
    table_range = f"A{first_row}:{get_column_letter(last_column)}{last_row}"
    for letter, colour in GRADE_COLOURS.items():
        ws.conditional_formatting.add(
            grade_range, FormulaRule(formula=[f'{grade}="{letter}"'], fill=_fill(colour)))
    ws.conditional_formatting.add(table_range, FormulaRule(
        formula=[f"AND(ISNUMBER({nxt}),{nxt}<TODAY())"], fill=_fill(OVERDUE[0]),
        font=Font(color=OVERDUE[1])))
    ws.conditional_formatting.add(table_range, FormulaRule(
        formula=[f"AND(ISNUMBER({nxt}),{nxt}=TODAY())"], fill=_fill(DUE_TODAY[0]),
        font=Font(color=DUE_TODAY[1])))
