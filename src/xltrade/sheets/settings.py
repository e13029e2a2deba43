"""The Settings sheet: read from its rows, or created with the defaults."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from xltrade.rules.data_issues import DataIssue
from xltrade.rules.layout import Layout
from xltrade.rules.settings import Settings, default_rows, read_settings
from xltrade.rules.texts import TEXTS, Lang, say
from xltrade.rules.vocabulary import FIELD_NAMES
from xltrade.sheets.patch import Block, PrintSetup, SheetPatch

SETTINGS_NAMES = TEXTS["settings.sheet"]
FIRST_ROW = 3


def settings_from_rows(sheet: str, rows: Iterable[Sequence[object]],
                       today: dt.date | None = None) -> tuple[Settings, list[DataIssue]]:
    """Settings from the sheet's rows as (label, value, ...), starting at its first
    settings row; ``today`` dates the default holidays of a sheet that lists none."""
    numbered = ((number, cells[0] if cells else None, cells[1] if len(cells) > 1 else None)
                for number, cells in enumerate(rows, start=FIRST_ROW))
    return read_settings(numbered, sheet, today)


def recognised_mapping(layout: Layout) -> list[tuple[str, str]]:
    """``(field, header)`` for every column the layout reads, in the spec's field order."""
    order = {name: i for i, name in enumerate(FIELD_NAMES)}
    return [(name, layout.headers[column]) for name, column in
            sorted(layout.columns.items(), key=lambda item: order.get(item[0], 99))]


#: Setting, value, note: together one portrait A4 page wide.
WIDTHS = {1: 24, 2: 22, 3: 44}


def settings_patch(lang: Lang, today: dt.date, layout: Layout | None = None) -> SheetPatch:
    """A new Settings sheet with every key and its default, so people can see them, and
    the columns recognised in ``layout`` as the column mapping they can correct."""
    patch = SheetPatch(say("settings.sheet", lang), create=True)
    patch.put(1, 1, say("settings.title", lang), style="title")
    patch.line(2, [say(k, lang) for k in ("settings.key", "settings.value", "settings.note")],
               style="table_header")
    rows = default_rows(lang, today, recognised_mapping(layout) if layout else ())
    # Every cell at the top of its row, so a long note reads beside its setting.
    patch.blocks.append(Block(FIRST_ROW, 1, [[label] for label, _, _ in rows], style="wrap"))
    patch.blocks.append(Block(FIRST_ROW, 2, [[value] for _, value, _ in rows],
                              style="wrap_left"))
    patch.blocks.append(Block(FIRST_ROW, 3, [[note] for _, _, note in rows], style="wrap"))
    patch.widths = dict(WIDTHS)
    for row, cells in enumerate(rows, start=FIRST_ROW):
        patch.fit_row(row, cells, list(WIDTHS.values()))
    # Printed: one portrait page wide, names, values and notes side by side.
    patch.print_setup = PrintSetup(landscape=False, title_rows=(2, 2),
                                   footer_left=patch.name, footer_right=say("report.page", lang))
    return patch
