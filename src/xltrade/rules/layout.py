"""Finding the customer sheet, its header row and its columns (spec §2.1).

Works on any object that gives rows of cell values, so the same detection serves
openpyxl worksheets, live Excel ranges and plain lists in tests. Columns are read by
meaning (:mod:`xltrade.rules.headers`), with the rows under the header as evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from xltrade.rules.headers import (
    SAMPLE_ROWS,
    Recognition,
    header_score,
    read_header,
    recognise,
)
from xltrade.rules.log import MEDIUM_LOOKUP
from xltrade.rules.normalize import has_cjk, normalize_label
from xltrade.rules.vocabulary import COMPUTED_HEADERS, COMPUTED_LOOKUP

HEADER_SCAN_ROWS = 10
#: The rows a sheet is looked at for: where the header may be, and values under it.
TOP_ROWS = HEADER_SCAN_ROWS + SAMPLE_ROWS
PREFERRED_SHEETS = frozenset(normalize_label(n) for n in ("客户", "客户表", "Customers"))
@dataclass
class Layout:
    """Where the customer table sits in its sheet. Columns are 1-based, as in Excel."""

    sheet: str
    header_row: int
    columns: dict[str, int]
    computed: dict[str, int] = field(default_factory=dict)
    headers: dict[int, str] = field(default_factory=dict)
    last_header_column: int = 0
    chinese: bool = False
    #: What could not be decided, for the messages that say so.
    recognition: Recognition = field(default_factory=Recognition)
    #: Settings mappings (field -> header) whose header the row does not have.
    unmatched_map: dict[str, str] = field(default_factory=dict)

    def header_of(self, field_name: str) -> str:
        column = self.columns.get(field_name) or self.computed.get(field_name)
        return self.headers.get(column, field_name) if column else field_name


def own_columns(headers: Mapping[int, str], marks: Mapping[str, int] | None) -> dict[str, int]:
    """xltrade's computed columns: those its marks name. A workbook from before the
    marks counts the run of all six computed headers, side by side in their order,
    as its own; a lone 客户等级 is the team's."""
    if marks is not None:
        return {f: c for f, c in marks.items() if c in headers}
    found = {COMPUTED_LOOKUP.get(normalize_label(t)): c for c, t in headers.items()}
    columns = [found.get(f) for f in COMPUTED_HEADERS]
    if all(columns) and columns == list(range(columns[0] or 0, (columns[0] or 0) + 6)):
        return {f: c for f, c in zip(COMPUTED_HEADERS, columns, strict=True) if c}
    return {}


def _headers(cells: Sequence[object]) -> dict[int, str]:
    return {i: str(c).strip() for i, c in enumerate(cells, start=1)
            if c is not None and str(c).strip()}


def _fixed(headers: Mapping[int, str], column_map: Mapping[str, str]
           ) -> tuple[dict[str, int], dict[str, str]]:
    by_text: dict[str, int] = {}
    for column, text in headers.items():
        by_text.setdefault(normalize_label(text), column)
    fixed: dict[str, int] = {}
    unmatched: dict[str, str] = {}
    for name, header in column_map.items():
        found = by_text.get(normalize_label(header))
        if found is None:
            unmatched[name] = header
        else:
            fixed[name] = found
    return fixed, unmatched


def _person_as_company(recognition: Recognition, headers: Mapping[int, str]) -> None:
    """No company column, but the customer's name (客户姓名, Name): the sheet's
    customers are people, and that column names them."""
    column = recognition.columns.get("contact")
    if column is not None and read_header(headers[column]).get("company", 0) >= 1:
        recognition.columns["company"] = recognition.columns.pop("contact")


def find_header(sheet: str, rows: Sequence[Sequence[object]],
                column_map: Mapping[str, str] | None = None, today: dt.date | None = None,
                marks: Mapping[str, int] | None = None) -> Layout | None:
    """The row among the first ten that reads most like a header row, if one of its
    columns is the company; ``rows`` from the top of the sheet, with as many rows under
    it as there are to look at (:data:`TOP_ROWS`)."""
    column_map = column_map or {}
    best: tuple[int, int] | None = None
    for row_number, cells in enumerate(rows[:HEADER_SCAN_ROWS], start=1):
        score, company = header_score(cells, column_map)
        if company and (best is None or score > best[0]):
            best = (score, row_number)
    if best is None:
        return None
    row_number = best[1]
    headers = _headers(rows[row_number - 1])
    computed = own_columns(headers, marks)
    fixed, unmatched = _fixed(headers, column_map)
    body = rows[row_number:row_number + SAMPLE_ROWS]
    values = {c: [r[c - 1] if c - 1 < len(r) else None for r in body] for c in headers}
    recognition = recognise(headers, values, today or dt.date.today(), MEDIUM_LOOKUP, fixed,
                            frozenset(computed.values()))
    if "company" not in recognition.columns:
        _person_as_company(recognition, headers)
    if "company" not in recognition.columns:
        return None
    found = recognition.columns
    recognised = [headers[c] for c in found.values()]
    return Layout(
        sheet=sheet, header_row=row_number, columns=dict(found), computed=computed,
        headers=headers, last_header_column=max(headers) if headers else 0,
        chinese=any(has_cjk(h) for h in recognised), recognition=recognition,
        unmatched_map=unmatched,
    )


def choose_sheet(candidates: list[Layout]) -> Layout | None:
    """Prefer sheets named 客户 / 客户表 / Customers, else the first candidate."""
    for layout in candidates:
        if normalize_label(layout.sheet) in PREFERRED_SHEETS:
            return layout
    return candidates[0] if candidates else None


def locate(sheets: Iterable[tuple[str, Sequence[Sequence[object]]]], customer_sheet: str,
           column_map: dict[str, str], skip: Iterable[str], today: dt.date | None = None,
           marks: Mapping[str, Mapping[str, int]] | None = None) -> Layout | None:
    """The customer sheet among ``(name, top rows)`` pairs: the one named in Settings
    when it has a header row, else the best candidate (spec §2.1). ``marks`` gives, by
    sheet, the columns xltrade marked as its own."""
    skipped = set(skip)
    sheets = [(name, rows) for name, rows in sheets if name not in skipped]
    marks = marks or {}
    for wanted in ((customer_sheet, "") if customer_sheet else ("",)):
        candidates = [layout for name, rows in sheets
                      if not wanted or name == wanted
                      if (layout := find_header(name, rows, column_map, today,
                                                marks.get(name))) is not None]
        chosen = choose_sheet(candidates)
        if chosen is not None:
            return chosen
    return None
