"""Recording a follow-up in a workbook file (``xltrade log``): a row appended to the
follow-up log, the customer's last contact and counts updated, and the computed
columns refreshed, in one save.

The customer is named as typed; one that matches no row, or several, is an error that
lists the candidates. The log keeps the team's column order: each field goes under
its header.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from xltrade.book.run import run
from xltrade.errors import XltradeError
from xltrade.rules.log import (
    LOG_FIELDS,
    LOG_SHEET_NAMES,
    MEDIA,
    MEDIUM_LOOKUP,
    TOPIC_LOOKUP,
    TOPICS,
    log_columns,
)
from xltrade.rules.normalize import normalize_label
from xltrade.rules.parsing import parse_count, parse_date
from xltrade.sheets.log_sheet import Entry, append_patch, customer_update_patch, new_log_patch
from xltrade.sheets.patch import SheetPatch
from xltrade.sheets.planning import Outcome
from xltrade.sheets.values import SheetLike, SheetValues, find_layout, settings_of

#: Candidates listed when a name matches no customer or several.
CANDIDATES = 8


@dataclass
class Recorded:
    entry: Entry | None = None
    log_sheet: str = ""
    log_row: int = 0
    outcome: Outcome | None = None
    changed: dict[str, object] = field(default_factory=dict)


def record(path: Path, customer: str, *, day: dt.date | None = None,
           medium: str | None = None, topic: str | None = None, contact: str | None = None,
           replied: bool = False, note: str | None = None,
           today: dt.date | None = None) -> Recorded:
    """Record one follow-up with ``customer`` in the workbook at ``path`` (in place)."""
    today = today or dt.date.today()
    day = day or today
    if day > today:
        raise XltradeError(f"{day}: a follow-up cannot be recorded in the future")
    medium_code = _code(medium, MEDIUM_LOOKUP, MEDIA, "medium")
    topic_code = _code(topic, TOPIC_LOOKUP, TOPICS, "topic")
    done = Recorded()

    def edit(sheets: list[SheetLike]) -> tuple[list[SheetLike], list[SheetPatch]]:
        settings, _, _ = settings_of(sheets)
        layout = find_layout(sheets, settings)
        lang = settings.language or ("zh" if layout.chinese else "en")
        index = next(i for i, s in enumerate(sheets) if s.name == layout.sheet)
        rows = [list(r) for r in sheets[index].rows]
        row = _find(rows, layout.header_row, layout.columns["company"], customer, path)
        cells = rows[row - 1]

        def value(name: str) -> object:
            column = layout.columns.get(name)
            return cells[column - 1] if column and column - 1 < len(cells) else None

        company = str(value("company")).strip()
        owner = value("owner")
        entry = Entry(day, company, None if owner is None else str(owner), medium_code,
                      topic_code, contact, replied, note)
        changes: dict[str, object] = {}
        last, _ = parse_date(value("last_contact"))
        if not isinstance(last, dt.date) or day >= last:
            changes["last_contact"] = day
        count, _ = parse_count(value("followups"))
        changes["followups"] = (count if isinstance(count, int) else 0) + 1
        unanswered, _ = parse_count(value("unanswered"))
        changes["unanswered"] = 0 if replied else (
            unanswered if isinstance(unanswered, int) else 0) + 1
        if replied:
            changes["last_reply"] = day
        for name, new in changes.items():
            column = layout.columns.get(name)
            if column:
                cells.extend([None] * (column - len(cells)))
                cells[column - 1] = new
        sheets[index] = SheetValues(layout.sheet, rows)
        patches = [customer_update_patch(layout, row, changes)]

        wanted = {normalize_label(n) for n in LOG_SHEET_NAMES}
        at = next((i for i, s in enumerate(sheets) if normalize_label(s.name) in wanted), None)
        if at is None:
            patch = new_log_patch(lang, entry)
            sheets.append(SheetValues(patch.name, [list(b.values[0]) for b in patch.blocks]))
            done.log_sheet, done.log_row = patch.name, 2
        else:
            log_rows = [list(r) for r in sheets[at].rows]
            _, columns = log_columns(log_rows)
            if not {"date", "company"} <= set(columns):
                raise XltradeError(f"{path}: sheet '{sheets[at].name}' has no 日期/Date and "
                                   "客户名称/Company header; add them to its first row")
            patch = append_patch(sheets[at].name, len(log_rows) + 1, entry, lang, columns)
            written: list[object] = [None] * (max(columns.values()) + 1)
            for name, cell in zip(LOG_FIELDS, entry.cells(lang), strict=True):
                if name in columns:
                    written[columns[name]] = cell
            log_rows.append(written)
            sheets[at] = SheetValues(sheets[at].name, log_rows)
            done.log_sheet, done.log_row = sheets[at].name, len(log_rows)
        done.entry, done.changed = entry, changes
        return sheets, [*patches, patch]

    done.outcome = run(path, today=today, edit=edit)
    return done


def _code(text: str | None, lookup: dict[str, str],
          table: dict[str, tuple[str, str, tuple[str, ...]]], what: str) -> str | None:
    if text is None or not text.strip():
        return None
    code = lookup.get(normalize_label(text))
    if code is None:
        known = ", ".join(f"{zh}/{en}" for zh, en, _ in table.values())
        raise XltradeError(f"{text!r}: not a {what} xltrade knows ({known})")
    return code


def _find(rows: list[list[object]], header_row: int, column: int, name: str,
          path: Path) -> int:
    """The sheet row of the one customer called ``name``; an error listing candidates
    when none or several are."""
    wanted = normalize_label(name)
    named = [(number, str(cells[column - 1]).strip())
             for number, cells in enumerate(rows[header_row:], start=header_row + 1)
             if column - 1 < len(cells) and cells[column - 1] not in (None, "")]
    exact = [(n, c) for n, c in named if normalize_label(c) == wanted]
    if len(exact) == 1:
        return exact[0][0]
    similar = exact or [(n, c) for n, c in named if wanted and wanted in normalize_label(c)]
    listed = "; ".join(f"{c} (row {n})" for n, c in similar[:CANDIDATES])
    more = f" and {len(similar) - CANDIDATES} more" if len(similar) > CANDIDATES else ""
    if exact:
        raise XltradeError(f"{path}: {len(exact)} customers are called {name!r}: {listed}; "
                           "make their names differ first")
    if similar:
        raise XltradeError(f"{path}: no customer is called {name!r}; did you mean: "
                           f"{listed}{more}?")
    raise XltradeError(f"{path}: no customer is called {name!r}")
