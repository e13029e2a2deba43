"""The Settings sheet: read from its rows, or created with the defaults."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from xltrade.rules.data_issues import DataIssue
from xltrade.rules.settings import Settings, default_rows, read_settings
from xltrade.rules.texts import TEXTS, Lang, say
from xltrade.sheets.patch import Block, SheetPatch

SETTINGS_NAMES = TEXTS["settings.sheet"]
FIRST_ROW = 3


def settings_from_rows(sheet: str, rows: Iterable[Sequence[object]]
                       ) -> tuple[Settings, list[DataIssue]]:
    """Settings from the sheet's rows as (label, value, ...), starting at its first
    settings row."""
    numbered = ((number, cells[0] if cells else None, cells[1] if len(cells) > 1 else None)
                for number, cells in enumerate(rows, start=FIRST_ROW))
    return read_settings(numbered, sheet)


def settings_patch(lang: Lang, today: dt.date) -> SheetPatch:
    """A new Settings sheet with every key and its default, so people can see them."""
    patch = SheetPatch(say("settings.sheet", lang), create=True)
    patch.put(1, 1, say("settings.title", lang), style="title")
    patch.line(2, [say(k, lang) for k in ("settings.key", "settings.value", "settings.note")],
               style="table_header")
    rows = default_rows(lang, today)
    patch.blocks.append(Block(FIRST_ROW, 1, [[label, value] for label, value, _ in rows]))
    patch.blocks.append(Block(FIRST_ROW, 3, [[note] for _, _, note in rows], style="wrap"))
    patch.widths = {1: 24, 2: 22, 3: 48}
    return patch
