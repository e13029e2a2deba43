"""The computed columns of the customer sheet as a patch (spec §2.3): headers, one
value per customer row, highlighting. Only xltrade's own columns are ever written."""

from __future__ import annotations

import math

import pandas as pd

from xltrade.rules.engine import computed_values
from xltrade.rules.layout import Layout
from xltrade.rules.normalize import normalize_label
from xltrade.rules.texts import Lang, say
from xltrade.rules.vocabulary import COMPUTED_FIELDS, COMPUTED_HEADERS
from xltrade.sheets.highlight import highlight_rules
from xltrade.sheets.live_status import LIVE_FIELDS, live_value
from xltrade.sheets.marks import mark_name
from xltrade.sheets.patch import Block, PrintSetup, SheetPatch, text_width
from xltrade.sheets.refs import column_letter

COMPUTED_WIDTHS = {"grade": 10, "grade_reason": 26, "next_followup": 13, "due": 10,
                   "days_overdue": 10, "suggestion": 36}
#: The widest the reason column is made (longer reasons are rare and spill no further).
REASON_WIDEST = 50
COMPUTED_FORMATS = {"next_followup": "yyyy-mm-dd", "days_overdue": "0"}


def computed_columns(layout: Layout, last_used_column: int = 0
                     ) -> tuple[dict[str, int], list[str]]:
    """Computed field -> column: where the header row already has it, else appended at
    the right end of the table in spec order, past any cell of the team's to the right
    of the headers. Also the fields that are new."""
    columns = dict(layout.computed)
    added = []
    next_free = max(layout.last_header_column, last_used_column) + 1
    for field in COMPUTED_FIELDS:
        if field not in columns:
            columns[field] = next_free
            added.append(field)
            next_free += 1
    return columns, added


def computed_header(layout: Layout, field: str, lang: Lang) -> str:
    """The computed column's header; marked as xltrade's when the team has a column of
    that name (their own 客户等级 beside xltrade's)."""
    zh, en = COMPUTED_HEADERS[field]
    header = zh if lang == "zh" else en
    own = set(layout.computed.values())
    teams = {normalize_label(text) for column, text in layout.headers.items()
             if column not in own}
    if normalize_label(header) in teams:
        return say("computed.beside_team", lang, header=header)
    return header


def customer_patch(layout: Layout, lang: Lang, table: pd.DataFrame, result: pd.DataFrame,
                   sheet_last_row: int, last_used_column: int = 0) -> SheetPatch:
    """The computed columns (headers in the workbook language with the machine-made
    style, one value per customer row, blanks where a row is no longer a customer) and
    the highlighting rules. 跟进提醒 and 逾期天数 are live formulas over 下次跟进
    (:mod:`xltrade.sheets.live_status`)."""
    columns, added = computed_columns(layout, last_used_column)
    patch = SheetPatch(layout.sheet)
    for field in COMPUTED_FIELDS:
        patch.put(layout.header_row, columns[field], computed_header(layout, field, lang),
                  style="computed_header")
        patch.marks[mark_name(field)] = f"${column_letter(columns[field])}${layout.header_row}"
    for field in added:
        patch.widths[columns[field]] = COMPUTED_WIDTHS[field]
    if "grade_reason" in added:
        # Wide enough for the longest reason written, so none is cut by 下次跟进.
        longest = max((text_width(r) for r in result["grade_reason"]), default=0)
        patch.widths[columns["grade_reason"]] = min(max(longest + 2, 16), REASON_WIDEST)
    first = layout.header_row + 1
    last_customer = int(table.index.max()) if len(table) else first
    last = max(last_customer, sheet_last_row, first)
    rows = [int(row) for row in table.index]
    for field, values in computed_values(result).items():
        column_values: list[list[object]] = [[None] for _ in range(first, last + 1)]
        live = field in LIVE_FIELDS
        for row, value in zip(rows, values, strict=True):
            column_values[row - first][0] = (live_value(field, row, columns["next_followup"],
                                                        lang, value) if live else value)
        patch.blocks.append(Block(first, columns[field], column_values,
                                  COMPUTED_FORMATS.get(field)))
    # The whole row lights up, team columns past xltrade's included.
    patch.rules = highlight_rules(first, last_customer, max(*columns.values(), last_used_column),
                                  columns["next_followup"], columns["grade"])
    # Used only when the team never set the sheet up for printing.
    patch.print_setup = customer_printing(layout, columns, last_used_column, lang, last)
    return patch


#: Width (in characters) one landscape A4 page takes at a scale still easy to read
#: (about two thirds), and the width assumed for a team column.
PAGE_WIDTH = 200
TEAM_COLUMN_WIDTH = 10


def customer_printing(layout: Layout, columns: dict[str, int], last_used_column: int,
                      lang: Lang, last_row: int | None = None) -> PrintSetup:
    """What a person would choose for a wide customer table: landscape, as many pages
    across as keep the text readable, rows running on down, the header rows and (on
    pages after the first across) the customer's name repeated. Only the table is
    printed (``last_row`` down): a long suggestion running on past the last column
    would otherwise widen the page and shrink every word."""
    last = max(*columns.values(), last_used_column)
    own = {column: COMPUTED_WIDTHS[field] for field, column in columns.items()}
    width = sum(own.get(c, TEAM_COLUMN_WIDTH) for c in range(1, last + 1))
    pages = max(1, math.ceil(width / PAGE_WIDTH))
    company = layout.columns.get("company", 0)
    area = f"A1:{column_letter(last)}{last_row}" if last_row else None
    return PrintSetup(title_rows=(1, layout.header_row), pages_wide=pages, area=area,
                      title_columns=(1, company) if pages > 1 and 0 < company <= 3 else None,
                      footer_left=layout.sheet, footer_right=say("report.page", lang))
