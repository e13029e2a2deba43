"""The hidden history sheet: each report's key figures and grades per customer,
so the next report can show changes (spec §6).

Layout: row 1 holds ``key`` then one report week (its Monday, ISO text) per column.
Rows ``f:<figure>`` hold the key figures. Rows ``g#1``, ``g#2``, ... hold the grades
as text, one ``company<TAB>grade`` line per customer, packed into as few cells as a
cell's limit allows: normalised company names never hold a tab or a line break.
The last :data:`KEEP_REPORTS` report weeks are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from xltrade.rules.summary import PreviousReport

HISTORY_SHEET = "xltrade_history"
KEEP_REPORTS = 4
CELL_TEXT_LIMIT = 30_000  # Excel allows 32,767 characters in a cell

History = dict[dt.date, PreviousReport]


def pack_grades(grades: dict[str, str]) -> list[str]:
    """``company<TAB>grade`` lines in chunks that each fit in one cell."""
    chunks: list[str] = []
    lines: list[str] = []
    size = 0
    for key, grade in grades.items():
        line = f"{key}\t{grade}"
        if lines and size + len(line) + 1 > CELL_TEXT_LIMIT:
            chunks.append("\n".join(lines))
            lines, size = [], 0
        lines.append(line)
        size += len(line) + 1
    if lines:
        chunks.append("\n".join(lines))
    return chunks


def unpack_grades(chunks: list[str]) -> dict[str, str]:
    grades: dict[str, str] = {}
    for chunk in chunks:
        for line in chunk.split("\n"):
            key, sep, grade = line.rpartition("\t")
            if sep:
                grades[key] = grade
    return grades


def history_from_rows(values: Iterable[Sequence[object]]) -> History:
    """The history held in the sheet's rows, read from A1."""
    rows = iter(values)
    header = next(rows, None)
    if not header:
        return {}
    weeks: list[dt.date | None] = []
    for text in header[1:]:
        try:
            weeks.append(dt.date.fromisoformat(str(text)))
        except ValueError:
            weeks.append(None)
    figures: dict[dt.date, dict[str, float]] = {w: {} for w in weeks if w}
    chunks: dict[dt.date, list[str]] = {w: [] for w in weeks if w}
    for cells in rows:
        key = cells[0]
        if not isinstance(key, str):
            continue
        for week, value in zip(weeks, cells[1:], strict=False):
            if week is None or value is None:
                continue
            if key.startswith("f:") and isinstance(value, int | float):
                figures[week][key[2:]] = float(value)
            elif key.startswith("g#"):
                chunks[week].append(str(value))
    return {w: PreviousReport(w, figures[w], unpack_grades(chunks[w])) for w in figures}


def previous_report(history: History, week_start: dt.date) -> PreviousReport | None:
    """The latest report of a week before ``week_start``."""
    earlier = [w for w in history if w < week_start]
    if not earlier:
        return None
    return history[max(earlier)]
