"""Python UDFs for Excel on Windows, one call per column over the whole customer table.

Enter one in the header cell of an empty column, giving it the table from its header
row down, e.g. ``=xltrade_grade(A3:V63)``: it returns the column's title and one
value per row, lined up with the table. The Settings sheet's two columns may be
given as ``settings`` (``=xltrade_grade(A3:V63,,设置!A3:B80)``).

This module only moves values between Excel and :mod:`xltrade.rules.ranges`. Workbooks
import it as ``xltrade.udfs`` (see that module).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import xlwings as xw

from xltrade.rules.ranges import computed_column, run_rows, settings_from_rows, to_date


@dataclass(frozen=True)
class UdfSpec:
    """How a UDF is declared to xlwings: its argument options."""

    function: Callable[..., Any]
    args: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.function.__name__


def _column(table: object, field_name: str, today: object, settings: object) -> Any:
    day = to_date(today)
    outcome = run_rows(table, day, settings_from_rows(settings, day))
    return computed_column(outcome, field_name)


def xltrade_grade(table: object, today: object = None, settings: object = None) -> Any:
    """Grade (A-D) of every customer in TABLE, the customer table from its header row down."""
    return _column(table, "grade", today, settings)


def xltrade_next_followup(table: object, today: object = None, settings: object = None) -> Any:
    """Next follow-up date of every customer in TABLE, from its header row down."""
    return _column(table, "next_followup", today, settings)


def xltrade_due(table: object, today: object = None, settings: object = None) -> Any:
    """Due status (overdue, today, this week, ...) of every customer in TABLE."""
    return _column(table, "due", today, settings)


__all__ = ["UDFS", "UdfSpec", "xltrade_due", "xltrade_grade", "xltrade_next_followup"]
TABLE = {"ndim": 2}
UDFS: tuple[UdfSpec, ...] = tuple(
    UdfSpec(f, {"table": TABLE, "settings": TABLE})
    for f in (xltrade_due, xltrade_grade, xltrade_next_followup))


def _declare() -> None:
    """Apply xlwings' decorators (they do something only on Windows)."""
    for spec in UDFS:
        declared = spec.function
        for name, options in spec.args.items():
            declared = xw.arg(name, **options)(declared)
        globals()[spec.name] = xw.func(declared)


_declare()
