"""Finding the customer sheet, its header row and its columns (spec §2.1).

Works on any object that gives rows of cell values, so the same detection serves
openpyxl worksheets, live Excel ranges and plain lists in tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from xltrade.rules.normalize import has_cjk, normalize_label
from xltrade.rules.vocabulary import COMPUTED_LOOKUP, HEADER_LOOKUP

HEADER_SCAN_ROWS = 10
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

    def header_of(self, field_name: str) -> str:
        column = self.columns.get(field_name) or self.computed.get(field_name)
        return self.headers.get(column, field_name) if column else field_name


def header_lookup(column_map: dict[str, str]) -> dict[str, str]:
    """Alias lookup with the Settings column mapping taking precedence."""
    lookup = dict(HEADER_LOOKUP)
    for field_name, header in column_map.items():
        lookup[normalize_label(header)] = field_name
    return lookup


def match_headers(cells: Sequence[object], lookup: dict[str, str]) -> dict[str, int]:
    """Input fields found in one row: field -> 1-based column (first column wins)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells, start=1):
        if cell is None:
            continue
        field_name = lookup.get(normalize_label(cell))
        if field_name and field_name not in found and field_name not in COMPUTED_LOOKUP.values():
            found[field_name] = index
    return found


def find_header(sheet: str, top_rows: Iterable[Sequence[object]],
                lookup: dict[str, str]) -> Layout | None:
    """The row among the first ten with the most recognised headers, if it has a company."""
    best: tuple[int, int, dict[str, int], Sequence[object]] | None = None
    for row_number, cells in enumerate(top_rows, start=1):
        if row_number > HEADER_SCAN_ROWS:
            break
        found = match_headers(cells, lookup)
        if found and (best is None or len(found) > best[0]):
            best = (len(found), row_number, found, cells)
    if best is None or "company" not in best[2]:
        return None
    _, row_number, found, cells = best
    headers = {i: str(c).strip() for i, c in enumerate(cells, start=1)
               if c is not None and str(c).strip()}
    computed = {}
    for column, text in headers.items():
        computed_field = COMPUTED_LOOKUP.get(normalize_label(text))
        if computed_field and computed_field not in computed:
            computed[computed_field] = column
    recognised = [headers[c] for c in found.values()]
    return Layout(
        sheet=sheet, header_row=row_number, columns=found, computed=computed, headers=headers,
        last_header_column=max(headers) if headers else 0,
        chinese=any(has_cjk(h) for h in recognised),
    )


def choose_sheet(candidates: list[Layout]) -> Layout | None:
    """Prefer sheets named 客户 / 客户表 / Customers, else the first candidate."""
    for layout in candidates:
        if normalize_label(layout.sheet) in PREFERRED_SHEETS:
            return layout
    return candidates[0] if candidates else None


def locate(sheets: Iterable[tuple[str, Sequence[Sequence[object]]]], customer_sheet: str,
           column_map: dict[str, str], skip: Iterable[str]) -> Layout | None:
    """The customer sheet among ``(name, top rows)`` pairs: the one named in Settings
    when it has a header row, else the best candidate (spec §2.1)."""
    sheets = [(name, rows) for name, rows in sheets if name not in set(skip)]
    lookup = header_lookup(column_map)
    for wanted in ((customer_sheet, "") if customer_sheet else ("",)):
        candidates = [layout for name, rows in sheets
                      if not wanted or name == wanted
                      if (layout := find_header(name, rows, lookup)) is not None]
        chosen = choose_sheet(candidates)
        if chosen is not None:
            return chosen
    return None
