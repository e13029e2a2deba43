"""What recording a follow-up writes: a row appended to the follow-up log (the sheet
created with its header and dropdowns on first use), and the customer's last contact,
follow-up and unanswered counts updated in their row. Nothing else in the team's
sheets changes; nothing is written but on the salesperson's request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xltrade.rules.layout import Layout
from xltrade.rules.log import LOG_FIELDS, LOG_HEADERS, LOG_SHEET_NAMES, MEDIA, TOPICS
from xltrade.rules.texts import Lang, say
from xltrade.rules.vocabulary import FIELD_ALIASES
from xltrade.sheets.patch import DATE_FORMAT, Block, PrintSetup, SheetPatch, Table, Validation
from xltrade.sheets.refs import column_letter

WIDTHS = {"date": 13, "company": 28, "owner": 10, "medium": 11, "topic": 14, "contact": 14,
          "replied": 10, "note": 40}
#: How far down the dropdowns reach on a new log: a team's years of follow-ups.
VALIDATED_ROWS = 5000
YES_NO = {"zh": ("是", "否"), "en": ("Yes", "No")}
#: The name of the log's table (formulas may say 跟进记录表[日期]).
TABLE_NAMES = {"zh": "跟进记录表", "en": "FollowUpLog"}
#: The customer columns recording keeps up to date, added where the team's sheet has
#: none (all at once, so the buttons and the command line add them alike), and their
#: widths.
ADDED_WIDTHS = {"last_contact": 12, "last_reply": 13, "followups": 10, "unanswered": 11}


@dataclass(frozen=True)
class Entry:
    """One follow-up as it is written in the log (texts in the workbook language)."""

    day: dt.date
    company: str
    owner: str | None
    medium: str | None
    topic: str | None
    contact: str | None
    replied: bool
    note: str | None

    def cells(self, lang: Lang) -> list[object]:
        yes, no = YES_NO[lang]
        return [self.day, self.company, self.owner, _label(MEDIA, self.medium, lang),
                _label(TOPICS, self.topic, lang), self.contact, yes if self.replied else no,
                self.note]

    def to_json(self, row: int) -> dict[str, object]:
        return {"row": row, "date": self.day.isoformat(), "company": self.company,
                "owner": self.owner, "medium": self.medium, "topic": self.topic,
                "contact": self.contact, "replied": self.replied, "note": self.note}


def _label(table: dict[str, tuple[str, str, tuple[str, ...]]], code: str | None,
           lang: Lang) -> str | None:
    if code is None:
        return None
    zh, en, _ = table[code]
    return zh if lang == "zh" else en


def log_name(lang: Lang) -> str:
    return LOG_SHEET_NAMES[0] if lang == "zh" else LOG_SHEET_NAMES[1]


def header(lang: Lang) -> list[object]:
    return [LOG_HEADERS[f][0] if lang == "zh" else LOG_HEADERS[f][1] for f in LOG_FIELDS]


def new_log_patch(lang: Lang, entry: Entry) -> SheetPatch:
    """The log sheet on first use: its header, the first entry, and dropdowns for the
    medium, the topic and whether the customer replied."""
    patch = SheetPatch(log_name(lang), create=True)
    headers = header(lang)
    # The table's style draws the header row; the cells carry no look of their own.
    patch.blocks.append(Block(1, 1, [headers]))
    patch.blocks.append(Block(2, 1, [entry.cells(lang)]))
    patch.table = Table(TABLE_NAMES[lang], f"A1:{column_letter(len(headers))}2",
                        tuple(str(h) for h in headers))
    patch.widths = {i: WIDTHS[f] for i, f in enumerate(LOG_FIELDS, start=1)}
    # Printed: landscape, one page wide, the header row on every page.
    patch.print_setup = PrintSetup(title_rows=(1, 1), footer_left=patch.name,
                                   footer_right=say("report.page", lang))
    last = VALIDATED_ROWS + 1
    choices = {
        "medium": [_label(MEDIA, code, lang) or "" for code in MEDIA],
        "topic": [_label(TOPICS, code, lang) or "" for code in TOPICS],
        "replied": list(YES_NO[lang]),
    }
    for name, options in choices.items():
        column = "ABCDEFGH"[LOG_FIELDS.index(name)]
        patch.validations.append(Validation(f"{column}2:{column}{last}", tuple(options)))
    return patch


def append_patch(sheet: str, row: int, entry: Entry, lang: Lang,
                 columns: dict[str, int]) -> SheetPatch:
    """The entry written as row ``row`` of an existing log sheet, each field under its
    header (``columns``: field -> 0-based column); fields the log has no column for are
    left out."""
    patch = SheetPatch(sheet, grow_tables_to=row)
    for name, value in zip(LOG_FIELDS, entry.cells(lang), strict=True):
        if name in columns and value is not None:
            patch.blocks.append(_one_cell(row, columns[name] + 1, value))
    return patch


def _one_cell(row: int, column: int, value: object) -> Block:
    """One value, a date shown as a date."""
    return Block(row, column, [[value]], DATE_FORMAT if isinstance(value, dt.date) else None)


def team_header(name: str, lang: Lang) -> str:
    """The header a customer field gets when xltrade adds its column: the first
    Chinese or the first English one it is read under."""
    aliases = FIELD_ALIASES[name]
    if lang == "zh":
        return aliases[0]
    return next(a for a in aliases if a.isascii())


def customer_update_patch(layout: Layout, row: int, values: dict[str, object],
                          lang: Lang = "zh", added: tuple[str, ...] = ()) -> SheetPatch:
    """The customer's own cells a recorded follow-up changes (last contact, follow-ups,
    unanswered, last reply), in the layout's columns. The ``added`` columns, new to the
    team's sheet, get their headers, styled like the team's company header."""
    patch = SheetPatch(layout.sheet)
    company = layout.columns["company"]
    for name in added:
        patch.blocks.append(Block(layout.header_row, layout.columns[name],
                                  [[team_header(name, lang)]], like=company))
        patch.widths[layout.columns[name]] = ADDED_WIDTHS[name]
    for name, value in values.items():
        column = layout.columns.get(name)
        if column is not None:
            patch.blocks.append(_one_cell(row, column, value))
    return patch
