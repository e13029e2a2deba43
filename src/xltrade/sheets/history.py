"""The hidden history sheet as written: the last weeks' key figures and grades, one
column a week (read back by :mod:`xltrade.rules.history`)."""

from __future__ import annotations

from xltrade.rules.history import HISTORY_SHEET, KEEP_REPORTS, History, pack_grades
from xltrade.rules.summary import PreviousReport, WeeklySummary
from xltrade.sheets.patch import Block, SheetPatch


def history_patch(history: History, summary: WeeklySummary) -> SheetPatch:
    """The hidden history sheet with this report recorded (replacing an earlier run for
    the same week) and only the last :data:`KEEP_REPORTS` weeks kept."""
    current = PreviousReport(summary.week_start,
                             {k: float(v) for k, v in summary.figures.items()}, summary.grades)
    history = {**history, summary.week_start: current}
    weeks = sorted(history)[-KEEP_REPORTS:]
    figure_names: dict[str, None] = {}
    for w in weeks:
        figure_names.update(dict.fromkeys(history[w].figures))
    packed = {w: pack_grades(history[w].grades) for w in weeks}
    rows: list[list[object]] = [["key", *(w.isoformat() for w in weeks)]]
    rows += [[f"f:{name}", *(history[w].figures.get(name) for w in weeks)]
             for name in figure_names]
    for i in range(max((len(c) for c in packed.values()), default=0)):
        # Text, even where a company name starts with "=".
        rows.append([f"g#{i + 1}", *(packed[w][i] if i < len(packed[w]) else None
                                     for w in weeks)])
    patch = SheetPatch(HISTORY_SHEET, rebuild=True, hidden=True)
    patch.blocks.append(Block(1, 1, rows))
    return patch
