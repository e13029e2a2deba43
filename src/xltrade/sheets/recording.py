"""Recording a follow-up, as data: given a workbook's values and the customer (by
name, or by the sheet row the salesperson stands on), the values the rules should see
next and the patches to write: the log row (the log made on first use), the customer's
last contact and counts. The command line (``xltrade log``) and the 记录跟进 button
apply the same plan.

A name that matches no customer, or several, is an error that lists the candidates.
The log keeps the team's column order: each field goes under its header.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from xltrade.errors import XltradeError
from xltrade.rules.log import (
    LOG_FIELDS,
    LOG_SHEET_NAMES,
    MEDIA,
    MEDIUM_LOOKUP,
    ROTATION,
    TOPIC_LOOKUP,
    TOPICS,
    log_columns,
)
from xltrade.rules.normalize import normalize_label
from xltrade.rules.parsing import parse_count, parse_date
from xltrade.rules.texts import Lang, say
from xltrade.sheets.log_sheet import Entry, append_patch, customer_update_patch, new_log_patch
from xltrade.sheets.patch import Block, SheetPatch
from xltrade.sheets.values import SheetLike, SheetValues, find_layout, settings_of

#: Candidates listed when a name matches no customer or several.
CANDIDATES = 8


@dataclass
class Recorded:
    """What a recording wrote: the entry, where it went, the customer cells changed."""

    entry: Entry | None = None
    log_sheet: str = ""
    log_row: int = 0
    log_columns: dict[str, int] = field(default_factory=dict)
    changed: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class FollowUp:
    """A follow-up to record: with the customer ``name``, or the one on sheet ``row``."""

    name: str | None = None
    row: int | None = None
    day: dt.date | None = None
    medium: str | None = None
    topic: str | None = None
    contact: str | None = None
    replied: bool = False
    note: str | None = None
    #: The sheet the salesperson stands on, when ``row`` comes from the active cell.
    sheet: str | None = None


def suggested_topic(suggestion: object, lang: Lang) -> str | None:
    """The topic the row's suggested action names (what the salesperson was told to
    write about), if it names one."""
    text = str(suggestion or "")
    for i, code in enumerate(ROTATION):
        if text == say(f"topic.{i}", lang):
            return code
    greeting = say("suggest.greeting", lang, holiday="", date="").split("（")[0].split("(")[0]
    return "greeting" if greeting and text.startswith(greeting.strip()) else None


def suggested_medium(suggestion: object) -> str | None:
    """The medium a "switch medium" suggestion names ("改用微信", "try WeChat")."""
    m = re.search(r"(?:改用|try )([^（(，,/或]+?)(?:（|\(|$|，|,|/|或| or )",
                  str(suggestion or ""))
    return MEDIUM_LOOKUP.get(normalize_label(m.group(1))) if m else None


def code_of(text: str | None, kind: str) -> str | None:
    """The medium or topic code of what a user typed; an error naming the known ones."""
    if kind == "medium":
        return _code(text, MEDIUM_LOOKUP, MEDIA, kind)
    return _code(text, TOPIC_LOOKUP, TOPICS, kind)


def plan_record(sheets: list[SheetLike], follow_up: FollowUp, today: dt.date, where: str
                ) -> tuple[list[SheetLike], list[SheetPatch], Recorded]:
    """The sheets' values with the follow-up recorded, the patches writing it, and what
    was recorded. ``where`` names the workbook in errors."""
    day = follow_up.day or today
    if day > today:
        raise XltradeError(f"{day}: a follow-up cannot be recorded in the future")
    medium_code = code_of(follow_up.medium, "medium")
    topic_code = code_of(follow_up.topic, "topic")
    done = Recorded()
    sheets = list(sheets)
    settings, _, _ = settings_of(sheets)
    layout = find_layout(sheets, settings)
    lang = settings.language or ("zh" if layout.chinese else "en")
    index = next(i for i, s in enumerate(sheets) if s.name == layout.sheet)
    rows = [list(r) for r in sheets[index].rows]
    company_column = layout.columns["company"]
    if follow_up.row is not None:
        row = follow_up.row
        if follow_up.sheet not in (None, layout.sheet):
            raise XltradeError(f"{where}: click a cell in a customer's row on the sheet "
                               f"'{layout.sheet}' first")
        if row <= layout.header_row or row > len(rows) or not str(
                rows[row - 1][company_column - 1] or "").strip():
            raise XltradeError(f"{where}: row {row} of '{layout.sheet}' holds no customer; "
                               "click a cell in a customer's row first")
    else:
        row = _find(rows, layout.header_row, company_column, follow_up.name or "", where)
    cells = rows[row - 1]

    def value(name: str) -> object:
        column = layout.columns.get(name)
        return cells[column - 1] if column and column - 1 < len(cells) else None

    owner = value("owner")
    suggestion = cells[layout.computed["suggestion"] - 1] if layout.computed.get(
        "suggestion", len(cells) + 1) <= len(cells) else None
    if topic_code is None:
        topic_code = suggested_topic(suggestion, lang)
    if medium_code is None:
        medium_code = suggested_medium(suggestion) or MEDIUM_LOOKUP.get(
            normalize_label(value("medium") or ""))
    entry = Entry(day, str(value("company")).strip(), None if owner is None else str(owner),
                  medium_code, topic_code, follow_up.contact, follow_up.replied,
                  follow_up.note)
    changes: dict[str, object] = {}
    last, _ = parse_date(value("last_contact"))
    if not isinstance(last, dt.date) or day >= last:
        changes["last_contact"] = day
    count, _ = parse_count(value("followups"))
    changes["followups"] = (count if isinstance(count, int) else 0) + 1
    unanswered, _ = parse_count(value("unanswered"))
    changes["unanswered"] = 0 if follow_up.replied else (
        unanswered if isinstance(unanswered, int) else 0) + 1
    if follow_up.replied:
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
        done.log_columns = {name: i for i, name in enumerate(LOG_FIELDS)}
    else:
        log_rows = [list(r) for r in sheets[at].rows]
        _, columns = log_columns(log_rows)
        if not {"date", "company"} <= set(columns):
            raise XltradeError(f"{where}: sheet '{sheets[at].name}' has no 日期/Date and "
                               "客户名称/Company header; add them to its first row")
        patch = append_patch(sheets[at].name, len(log_rows) + 1, entry, lang, columns)
        written: list[object] = [None] * (max(columns.values()) + 1)
        for name, cell in zip(LOG_FIELDS, entry.cells(lang), strict=True):
            if name in columns:
                written[columns[name]] = cell
        log_rows.append(written)
        sheets[at] = SheetValues(sheets[at].name, log_rows)
        done.log_sheet, done.log_row, done.log_columns = sheets[at].name, len(log_rows), columns
    done.entry, done.changed = entry, changes
    return sheets, [*patches, patch], done


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
          where: str) -> int:
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
        raise XltradeError(f"{where}: {len(exact)} customers are called {name!r}: {listed}; "
                           "make their names differ first")
    if similar:
        raise XltradeError(f"{where}: no customer is called {name!r}; did you mean: "
                           f"{listed}{more}?")
    raise XltradeError(f"{where}: no customer is called {name!r}")


def plan_reply(sheets: list[SheetLike], follow_up: FollowUp, today: dt.date, where: str
               ) -> tuple[list[SheetLike], list[SheetPatch], Recorded]:
    """The customer replied: their latest log row says so, their last reply is today and
    their unanswered tries are none."""
    sheets = list(sheets)
    settings, _, _ = settings_of(sheets)
    layout = find_layout(sheets, settings)
    lang = settings.language or ("zh" if layout.chinese else "en")
    index = next(i for i, s in enumerate(sheets) if s.name == layout.sheet)
    rows = [list(r) for r in sheets[index].rows]
    column = layout.columns["company"]
    row = follow_up.row if follow_up.row is not None else _find(
        rows, layout.header_row, column, follow_up.name or "", where)
    if follow_up.sheet not in (None, layout.sheet) or row <= layout.header_row or \
            row > len(rows) or not str(rows[row - 1][column - 1] or "").strip():
        raise XltradeError(f"{where}: click a cell in a customer's row on the sheet "
                           f"'{layout.sheet}' first")
    cells = rows[row - 1]
    changes: dict[str, object] = {"last_reply": today, "unanswered": 0}
    for name, new in changes.items():
        c = layout.columns.get(name)
        if c:
            cells.extend([None] * (c - len(cells)))
            cells[c - 1] = new
    sheets[index] = SheetValues(layout.sheet, rows)
    patches = [customer_update_patch(layout, row, changes)]
    done = Recorded(changed=changes)
    wanted = {normalize_label(n) for n in LOG_SHEET_NAMES}
    at = next((i for i, s in enumerate(sheets) if normalize_label(s.name) in wanted), None)
    key = normalize_label(cells[column - 1])
    if at is not None:
        log_rows = [list(r) for r in sheets[at].rows]
        header_at, columns = log_columns(log_rows)
        if {"company", "replied"} <= set(columns):
            mine = [n for n, r in enumerate(log_rows[header_at + 1:], start=header_at + 2)
                    if columns["company"] < len(r)
                    and normalize_label(r[columns["company"]] or "") == key]
            if mine:
                last = mine[-1]
                yes = "是" if lang == "zh" else "Yes"
                log_rows[last - 1].extend([None] * (columns["replied"] + 1
                                                    - len(log_rows[last - 1])))
                log_rows[last - 1][columns["replied"]] = yes
                sheets[at] = SheetValues(sheets[at].name, log_rows)
                patches.append(SheetPatch(sheets[at].name, blocks=[
                    Block(last, columns["replied"] + 1, [[yes]])]))
                done.log_sheet, done.log_row = sheets[at].name, last
    return sheets, patches, done
