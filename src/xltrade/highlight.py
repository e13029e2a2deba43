"""Native conditional formatting on the customer table (spec §5).

Formula rules on the next follow-up column and ``TODAY()`` keep working in any
spreadsheet program with no Python. Rules xltrade wrote before are recognised by
their formula shape and replaced, so re-running never stacks duplicates.
"""

from __future__ import annotations

import re

from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import FormulaRule
from openpyxl.formatting.rule import Rule as OpenpyxlRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from xltrade.patch import Rule

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


def is_own_rule(rule: OpenpyxlRule) -> bool:
    return bool(rule.formula) and all(is_own_formula(str(f)) for f in rule.formula)


def highlight_rules(first_row: int, last_row: int, last_column: int, next_column: int,
                    grade_column: int) -> list[Rule]:
    """Grade cells coloured A green, B blue, C yellow, D grey; whole rows red when
    overdue and amber when due today. Earlier rules win where they overlap."""
    last_row = max(last_row, first_row)
    nxt = f"${get_column_letter(next_column)}{first_row}"
    grade = f"${get_column_letter(grade_column)}{first_row}"
    letter = get_column_letter(grade_column)
    grade_range = f"{letter}{first_row}:{letter}{last_row}"
    table_range = f"A{first_row}:{get_column_letter(last_column)}{last_row}"
    rules = [Rule(grade_range, f'{grade}="{g}"', colour) for g, colour in GRADE_COLOURS.items()]
    rules.append(Rule(table_range, f"AND(ISNUMBER({nxt}),{nxt}<TODAY())", *OVERDUE))
    rules.append(Rule(table_range, f"AND(ISNUMBER({nxt}),{nxt}=TODAY())", *DUE_TODAY))
    return rules


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


def add_rule(ws: Worksheet, rule: Rule) -> None:
    fill = PatternFill(fill_type="solid", start_color=f"FF{rule.fill}",
                       end_color=f"FF{rule.fill}", bgColor=f"FF{rule.fill}")
    font = Font(color=f"FF{rule.font_color}") if rule.font_color else None
    ws.conditional_formatting.add(rule.range,
                                  FormulaRule(formula=[rule.formula], fill=fill, font=font))
