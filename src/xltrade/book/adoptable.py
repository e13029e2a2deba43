"""What adopting a team's workbook (as a ribbon or an xlwings Lite workbook) needs to
know of it, read the way a run reads it."""

from __future__ import annotations

from dataclasses import dataclass

from xltrade.book.package import Book
from xltrade.book.read import SheetReader
from xltrade.book.run import file_sheets
from xltrade.rules.layout import Layout
from xltrade.rules.texts import Lang
from xltrade.sheets.values import find_layout, settings_of


@dataclass(frozen=True)
class TeamBook:
    """What adopting a team's workbook needs to know of it: its sheets' names, where
    its customers are, whether it has Settings, and its language."""

    sheet_names: list[str]
    layout: Layout
    has_settings: bool
    lang: Lang


def read_team(book: Book) -> TeamBook:
    """The team's workbook read as a run reads it (its size checked already)."""
    reader = SheetReader(book.path, book)
    try:
        sheets = file_sheets(book, reader)
        settings, _, has_settings = settings_of(sheets)
        layout = find_layout(sheets, settings)
    finally:
        reader.close()
    lang: Lang = settings.language or ("zh" if layout.chinese else "en")
    return TeamBook([s.name for s in sheets], layout, has_settings, lang)
