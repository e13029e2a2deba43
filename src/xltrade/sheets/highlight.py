"""Native conditional formatting on the customer table (spec §5).

Formula rules on the next follow-up column and ``TODAY()`` keep working in any
spreadsheet program with no Python. Rules xltrade wrote before are recognised by
their formula shape and replaced, so re-running never stacks duplicates.
"""

from __future__ import annotations

import re

from xltrade.sheets.patch import Rule
from xltrade.sheets.refs import column_letter

_COL = r"\$[A-Z]{1,3}\d+"
OWN_FORMULAS = (
    re.compile(rf"^AND\(ISNUMBER\({_COL}\),{_COL}<TODAY\(\)\)$"),
    re.compile(rf"^AND\(ISNUMBER\({_COL}\),{_COL}=TODAY\(\)\)$"),
    re.compile(rf'^{_COL}="[ABCD]"$'),
)
GRADE_COLOURS = {"A": "C6EFCE", "B": "DDEBF7", "C": "FFF2CC", "D": "E7E6E6"}
OVERDUE = ("FFC7CE", "9C0006")
DUE_TODAY = ("FFEB9C", "9C5700")


def is_own_formula(formula: str) -> bool:
    return any(p.match(formula.lstrip("=")) for p in OWN_FORMULAS)


def highlight_rules(first_row: int, last_row: int, last_column: int, next_column: int,
                    grade_column: int) -> list[Rule]:
    """Grade cells coloured A green, B blue, C yellow, D grey; whole rows red when
    overdue and amber when due today. Earlier rules win where they overlap."""
    last_row = max(last_row, first_row)
    nxt = f"${column_letter(next_column)}{first_row}"
    grade = f"${column_letter(grade_column)}{first_row}"
    letter = column_letter(grade_column)
    grade_range = f"{letter}{first_row}:{letter}{last_row}"
    table_range = f"A{first_row}:{column_letter(last_column)}{last_row}"
    rules = [Rule(grade_range, f'{grade}="{g}"', colour) for g, colour in GRADE_COLOURS.items()]
    rules.append(Rule(table_range, f"AND(ISNUMBER({nxt}),{nxt}<TODAY())", *OVERDUE))
    rules.append(Rule(table_range, f"AND(ISNUMBER({nxt}),{nxt}=TODAY())", *DUE_TODAY))
    return rules
