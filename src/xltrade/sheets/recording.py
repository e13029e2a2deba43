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
from dataclasses import dataclass, field, replace

from xltrade.errors import XltradeError
from xltrade.rules.layout import Layout
from xltrade.rules.log import (
    LOG_FIELDS,
    MEDIA,
    MEDIUM_LOOKUP,
    TOPIC_LOOKUP,
    TOPICS,
    is_log_sheet,
    log_columns,
)
from xltrade.rules.normalize import normalize_label
from xltrade.rules.parsing import parse_count, parse_date
from xltrade.rules.suggestion import topic_of
from xltrade.rules.texts import Lang, both
from xltrade.sheets.log_sheet import (
    ADDED_WIDTHS,
    Entry,
    append_patch,
    customer_update_patch,
    new_log_patch,
    team_header,
)
from xltrade.sheets.patch import Block, SheetPatch
from xltrade.sheets.values import (
    SheetLike,
    SheetValues,
    find_layout,
    last_used_column,
    settings_of,
)

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
    return topic_of(suggestion, lang)


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


@dataclass
class _Customer:
    """The customer sheet's values, and the row of the customer a recording is about."""

    layout: Layout
    lang: Lang
    index: int
    rows: list[list[object]]
    row: int
    #: The Settings sheet's headers for the log's fields (field -> header).
    log_map: dict[str, str]

    @property
    def cells(self) -> list[object]:
        return self.rows[self.row - 1]

    def value(self, name: str) -> object:
        column = self.layout.columns.get(name)
        cells = self.cells
        return cells[column - 1] if column and column - 1 < len(cells) else None

    def change(self, sheets: list[SheetLike], changes: dict[str, object]) -> SheetPatch:
        """Write ``changes`` into the values the rules see next; the patch writing them.
        A field without a column gets one at the right end of the table."""
        missing = tuple(name for name in ADDED_WIDTHS if name not in self.layout.columns)
        if missing:
            self._add_columns(missing)
        cells = self.cells
        for name, new in changes.items():
            column = self.layout.columns[name]
            cells.extend([None] * (column - len(cells)))
            cells[column - 1] = new
        sheets[self.index] = SheetValues(self.layout.sheet, self.rows,
                                         sheets[self.index].marks)
        return customer_update_patch(self.layout, self.row, changes, self.lang, missing)

    def _add_columns(self, names: tuple[str, ...]) -> None:
        """New columns past the headers and any cell of the team's to their right; the
        headers go into the values too, so the rules find the columns at once."""
        layout = self.layout
        top = self.rows[layout.header_row - 1:]
        after = max(layout.last_header_column, last_used_column(top, layout))
        columns = dict(layout.columns)
        header = self.rows[layout.header_row - 1]
        for offset, name in enumerate(names, start=1):
            columns[name] = after + offset
            header.extend([None] * (after + offset - len(header)))
            header[after + offset - 1] = team_header(name, self.lang)
        self.layout = replace(layout, columns=columns)


def _customer(sheets: list[SheetLike], follow_up: FollowUp, where: str) -> _Customer:
    """The customer named, or the one on the row the salesperson stands on."""
    settings, _, _ = settings_of(sheets)
    layout = find_layout(sheets, settings)
    lang: Lang = settings.language or ("zh" if layout.chinese else "en")
    index = next(i for i, s in enumerate(sheets) if s.name == layout.sheet)
    rows = [list(r) for r in sheets[index].rows]
    column = layout.columns["company"]
    if follow_up.row is None:
        row = _find(rows, layout.header_row, column, follow_up.name or "", where)
    else:
        row = follow_up.row
        if follow_up.sheet not in (None, layout.sheet) or row <= layout.header_row or \
                row > len(rows) or not str(rows[row - 1][column - 1] or "").strip():
            raise XltradeError(*both("error.record.click_row", where=where,
                                     sheet=layout.sheet))
    return _Customer(layout, lang, index, rows, row, settings.log_column_map)


def _log_index(sheets: list[SheetLike]) -> int | None:
    """Where the follow-up log is among the sheets, if the workbook has one."""
    return next((i for i, s in enumerate(sheets) if is_log_sheet(s.name)), None)


def plan_record(sheets: list[SheetLike], follow_up: FollowUp, today: dt.date, where: str
                ) -> tuple[list[SheetLike], list[SheetPatch], Recorded]:
    """The sheets' values with the follow-up recorded, the patches writing it, and what
    was recorded. ``where`` names the workbook in errors."""
    day = follow_up.day or today
    if day > today:
        raise XltradeError(*both("error.record.future", day=day))
    medium_code = code_of(follow_up.medium, "medium")
    topic_code = code_of(follow_up.topic, "topic")
    done = Recorded()
    sheets = list(sheets)
    who = _customer(sheets, follow_up, where)
    lang, layout, cells = who.lang, who.layout, who.cells
    owner = who.value("owner")
    suggestion = cells[layout.computed["suggestion"] - 1] if layout.computed.get(
        "suggestion", len(cells) + 1) <= len(cells) else None
    if topic_code is None:
        topic_code = suggested_topic(suggestion, lang)
    if medium_code is None:
        medium_code = suggested_medium(suggestion) or MEDIUM_LOOKUP.get(
            normalize_label(who.value("medium") or ""))
    entry = Entry(day, str(who.value("company")).strip(),
                  None if owner is None else str(owner), medium_code, topic_code,
                  follow_up.contact, follow_up.replied, follow_up.note)
    changes: dict[str, object] = {}
    last, _ = parse_date(who.value("last_contact"))
    if not isinstance(last, dt.date) or day >= last:
        changes["last_contact"] = day
    count, _ = parse_count(who.value("followups"))
    changes["followups"] = (count if isinstance(count, int) else 0) + 1
    unanswered, _ = parse_count(who.value("unanswered"))
    changes["unanswered"] = 0 if follow_up.replied else (
        unanswered if isinstance(unanswered, int) else 0) + 1
    if follow_up.replied:
        changes["last_reply"] = day
    patches = [who.change(sheets, changes)]

    at = _log_index(sheets)
    if at is None:
        patch = new_log_patch(lang, entry)
        sheets.append(SheetValues(patch.name, [list(b.values[0]) for b in patch.blocks]))
        done.log_sheet, done.log_row = patch.name, 2
        done.log_columns = {name: i for i, name in enumerate(LOG_FIELDS)}
    else:
        log_rows = [list(r) for r in sheets[at].rows]
        _, columns = log_columns(log_rows, who.log_map)
        if not {"date", "company"} <= set(columns):
            raise XltradeError(*both("error.record.log_headers", where=where,
                                     sheet=sheets[at].name))
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
        raise XltradeError(*both(f"error.record.unknown_{what}", text=text, known=known))
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
        raise XltradeError(*both("error.record.same_name", where=where, n=len(exact),
                                 name=name, listed=listed))
    if similar:
        raise XltradeError(*both("error.record.did_you_mean", where=where, name=name,
                                 listed=f"{listed}{more}"))
    raise XltradeError(*both("error.record.no_customer", where=where, name=name))


def plan_reply(sheets: list[SheetLike], follow_up: FollowUp, today: dt.date, where: str
               ) -> tuple[list[SheetLike], list[SheetPatch], Recorded]:
    """The customer replied: their latest log row says so, their last reply is today and
    their unanswered tries are none."""
    sheets = list(sheets)
    who = _customer(sheets, follow_up, where)
    lang, column = who.lang, who.layout.columns["company"]
    key = normalize_label(who.cells[column - 1])
    changes: dict[str, object] = {"last_reply": today, "unanswered": 0}
    patches = [who.change(sheets, changes)]
    done = Recorded(changed=changes)
    at = _log_index(sheets)
    if at is not None:
        log_rows = [list(r) for r in sheets[at].rows]
        header_at, columns = log_columns(log_rows, who.log_map)
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
