"""Writing xltrade's cells into the rows of a sheet's XML, row by row.

Rows are copied as they are except for the cells xltrade owns, which are replaced or
inserted in column order; a row's other cells keep their bytes. :mod:`sheet_splice`
feeds the rows in, window by window, and edits what surrounds them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from html import unescape

from xltrade.book.cellxml import cell, column_index, column_letter, escape
from xltrade.book.sheet_render import look_of
from xltrade.book.styles import Look, StyleBook
from xltrade.errors import XltradeError
from xltrade.rules.cells import PLAIN_TYPES, plain
from xltrade.sheets.patch import Block, Formula

# Attributes as XML allows them: either quote, space around "=", any order. The sheet
# is known to be plain outside its rows (xml_form), but rows are read tag by tag.
_ATTRS = {name: re.compile(rb"(?<![\w:.-])" + name + rb"""\s*=\s*(?:"([^"]*)"|'([^']*)')""")
          for name in (b"r", b"s", b"spans", b"min", b"max")}
#: A start tag's attributes, quoted values taken whole (they may hold ">").
_TAG_REST = rb"""(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*?)(/?)>"""
_LETTERS = re.compile(rb"[A-Z]+")
_SPANS = re.compile(rb"(\d{1,5}):(\d{1,5})")
#: Values written as they are (others are made plain first).
_AS_IS = PLAIN_TYPES | {Formula}
#: Distinct computed cells remembered as XML; past this, cells are written one by one.
_CELL_CACHE = 50_000
#: Stands for a formula's text while its cell's XML is made once (no formula is this).
_MARK = "xltrade-formula"


def _letters_before(column: int) -> bytes:
    """A pattern for the column letters left of ``column`` (none for column A)."""
    edge = column_letter(column).encode()
    ways = [rb"[A-Z]{1,%d}" % (len(edge) - 1)] if len(edge) > 1 else []
    for i, letter in enumerate(edge):
        if letter > ord("A"):
            ways.append(edge[:i] + b"[A-%c]" % (letter - 1) + b"[A-Z]" * (len(edge) - i - 1))
    return b"|".join(ways) or rb"(?!)"


def attr(attrs: bytes, name: bytes) -> bytes | None:
    m = _ATTRS[name].search(attrs)
    if m is None:
        return None
    value = m.group(1) if m.group(1) is not None else m.group(2)
    return unescape(value.decode("utf-8", "replace")).encode() if b"&" in value else value


def number_of(value: bytes | None) -> int | None:
    """An attribute's whole number, ``None`` when it is absent or not one."""
    return int(value) if value and value.isdigit() and len(value) < 10 else None


class Targets:
    """The cells a patch writes, row by row, worked out from its blocks when a row is
    reached: 100k rows of computed cells are never all expanded at once."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = [b for b in blocks if b.values]
        edges = sorted({e for b in self.blocks for e in (b.row, b.row + len(b.values))})
        self._edges = edges
        # Blocks covering each band of rows between two edges, in patch order (later
        # blocks win where they overlap).
        self._bands = [[b for b in self.blocks if b.row <= low < b.row + len(b.values)]
                       for low in edges[:-1]]
        self.rows = [r for low, high, band in zip(edges, edges[1:], self._bands, strict=False)
                     if band for r in range(low, high)]
        self.columns = sorted({b.column + c for b in self.blocks
                               for c in range(max(len(v) for v in b.values))})

    def row(self, number: int) -> dict[int, tuple[object, Block]]:
        cells: dict[int, tuple[object, Block]] = {}
        band = bisect.bisect_right(self._edges, number) - 1
        if not 0 <= band < len(self._bands):
            return cells
        for block in self._bands[band]:
            for c, raw in enumerate(block.values[number - block.row]):
                cells[block.column + c] = (raw if raw.__class__ in _AS_IS else plain(raw), block)
        return cells

    def last_filled(self) -> int | None:
        """The last row where the patch writes a value (not only blanks)."""
        last = None
        for block in self.blocks:
            for i in range(len(block.values) - 1, -1, -1):
                if any(plain(v) is not None for v in block.values[i]):
                    row = block.row + i
                    last = row if last is None else max(last, row)
                    break
        return last


class RowSplicer:
    def __init__(self, prefix: bytes, targets: Targets,
                 styles: StyleBook, date1904: bool) -> None:
        self.p = prefix
        self.ps = self.p.decode()
        self.targets = targets
        self.pending = targets.rows
        self.next_pending = 0
        self.number = 0
        self.styles = styles
        self.date1904 = date1904
        self.dropped_formula = False
        p = re.escape(self.p)
        self.row_re = re.compile(rb"<" + p + rb"row" + _TAG_REST)
        self.cell_re = re.compile(rb"<" + p + rb"c" + _TAG_REST)
        self.row_end = b"</" + self.p + b"row>"
        self.row_start = b"<" + self.p + b"row"
        self.cell_end = b"</" + self.p + b"c>"
        self.min_col = min(targets.columns, default=1)
        self.max_col = max(targets.columns, default=1)
        self.letters = {c: column_letter(c).encode() for c in targets.columns}
        self.width = len(self.letters)  # columns the whole patch writes
        self._left_of: dict[int, re.Pattern[bytes]] = {}
        # The row's first cell, once every cell is known to be written as Excel does.
        self.first_cell = re.compile(rb"<" + p + rb'c r="([A-Z]+)')
        self.any_like = any(b.like for b in targets.blocks)
        self.ext = b"<" + self.p + b"extLst"
        self._styles: dict[tuple[int, str, int], int] = {}
        self._cells: dict[tuple[object, ...], bytes] = {}
        self.cell_open = b"<" + self.p + b'c r="'
        self._formulas: dict[tuple[object, ...], tuple[bytes, bytes]] = {}
        self.formula_open, self.formula_close = b"<" + self.p + b"f>", b"</" + self.p + b"f>"
        self.formula_mark = self.formula_open + _MARK.encode() + self.formula_close

    def _new_cell(self, row: int | bytes, col: int, value: object, block: Block,
                  base: int) -> bytes:
        # Most computed values repeat (grades, due states, dates): each distinct one is
        # turned into XML once, and only its reference changes from cell to cell.
        if value.__class__ is Formula:
            return self._formula_cell(row, col, value, block, base)
        key = (id(block), base, value.__class__, value)
        try:
            tail = self._cells.get(key)
            cacheable = True
        except TypeError:  # an unhashable value: written without the cache
            tail, cacheable = None, False
        if tail is None:
            text = cell(1, 1, value, self._style(block, value, base), self.ps,
                        self.date1904).encode("utf-8")
            tail = text[len(self.cell_open) + 2:] if text else b""
            if cacheable and len(self._cells) < _CELL_CACHE:
                self._cells[key] = tail
        if not tail:
            return b""
        number = row if isinstance(row, bytes) else str(row).encode()
        return self.cell_open + self.letters[col] + number + tail

    def _style(self, block: Block, value: object, base: int) -> int:
        kind = "none" if value is None else "date" if isinstance(value, dt.date) else "value"
        style_key = (id(block), kind, base)
        style = self._styles.get(style_key)
        if style is None:
            look = look_of(block.style, block.number_format, value)
            style = self._styles[style_key] = (base if look == Look()
                                               else self.styles.xf(look, base))
        return style

    def _formula_cell(self, row: int | bytes, col: int, formula: Formula, block: Block,
                      base: int) -> bytes:
        """A formula cell: its text differs from row to row (it names the row), its
        style and cached value mostly do not, so only the text is escaped each time."""
        key = (id(block), base, formula.cached.__class__, formula.cached)
        parts = self._formulas.get(key)
        if parts is None:
            text = cell(1, 1, Formula(_MARK, formula.cached), self._style(block, formula, base),
                        self.ps, self.date1904).encode("utf-8")
            head, _, tail = text[len(self.cell_open) + 2:].partition(self.formula_mark)
            parts = head + self.formula_open, self.formula_close + tail
            if len(self._formulas) < _CELL_CACHE:
                self._formulas[key] = parts
        number = row if isinstance(row, bytes) else str(row).encode()
        return (self.cell_open + self.letters[col] + number + parts[0]
                + escape(formula.text).encode("utf-8") + parts[1])

    def _appended(self, number: int, inner: bytes, wanted: dict[int, tuple[object, Block]]
                  ) -> tuple[bytes, int, int] | None:
        """The fast way for the usual row: every cell has its reference and all of
        xltrade's columns lie to the right of the team's cells."""
        if self.any_like and any(block.like for _, block in wanted.values()):
            return None  # a cell styled like another: the row is read cell by cell
        # This row's own columns: a patch may write further left in a few rows only.
        first_wanted = self.min_col if len(wanted) == self.width else min(wanted)
        if self._not_left_of(first_wanted).search(inner):
            return None
        row = str(number).encode()  # once for the row's cells
        new = b"".join([self._new_cell(row, c, v, b, 0) for c, (v, b) in sorted(wanted.items())])
        at = inner.find(self.ext)
        at = len(inner) if at < 0 else at
        found = self.first_cell.search(inner)
        first = column_index(found.group(1).decode()) if found else first_wanted
        return inner[:at] + new + inner[at:], min(first, first_wanted), max(wanted)

    def _not_left_of(self, column: int) -> re.Pattern[bytes]:
        """A cell start tag that is not, as Excel writes one, left of ``column``: one
        search of the row tells whether xltrade's cells can go at its end."""
        found = self._left_of.get(column)
        if found is None:
            found = self._left_of[column] = re.compile(
                rb"<" + re.escape(self.p) + rb'c(?=[\s>/])(?! r="(?:'
                + _letters_before(column) + rb')\d)')
        return found

    def _row_cells(self, number: int, inner: bytes) -> tuple[bytes, int, int]:
        """The row's content with xltrade's cells written, and its column span."""
        wanted = self.targets.row(number)
        quick = self._appended(number, inner, wanted)
        if quick is not None:
            return quick
        pieces: list[tuple[int, bytes]] = []
        pos = 0
        col = 0
        tail = b""
        while True:
            m = self.cell_re.search(inner, pos)
            if m is None:
                tail = inner[pos:]
                break
            if m.group(2):
                end = m.end()
            else:
                close = inner.find(self.cell_end, m.end())
                end = len(inner) if close < 0 else close + len(self.cell_end)
            attrs = m.group(1)
            r = attr(attrs, b"r")
            if r is not None:
                letters = _LETTERS.match(r.upper())
                col = column_index(letters.group().decode()) if letters else col + 1
                text = inner[m.start():end]
            else:
                col += 1
                text = (inner[m.start():m.start() + 2 + len(self.p)]
                        + f' r="{column_letter(col)}{number}"'.encode() + inner[
                            m.start() + 2 + len(self.p):end])
            pieces.append((col, text))
            pos = end
        out: list[tuple[int, bytes]] = []
        done = set()
        looks = {col: s for col, text in pieces
                 if (s := number_of(attr(self._start_tag(text), b"s")))}
        for col, text in pieces:
            if col in wanted:
                value, block = wanted[col]
                base = number_of(attr(self._start_tag(text), b"s")) or 0
                if b"<" + self.p + b"f" in text and not isinstance(value, Formula):
                    self.dropped_formula = True
                new = self._new_cell(number, col, value, block, base)
                if new:
                    out.append((col, new))
                elif base:
                    out.append((col, f'<{self.ps}c r="{column_letter(col)}{number}" '
                                     f's="{base}"/>'.encode()))
                done.add(col)
            else:
                out.append((col, text))
        for col, (value, block) in wanted.items():
            if col not in done:
                base = looks.get(block.like, 0) if block.like else 0
                new = self._new_cell(number, col, value, block, base)
                if new:
                    out.append((col, new))
        out.sort(key=lambda item: item[0])
        cols = [c for c, _ in out] or [1]
        return b"".join(t for _, t in out) + tail, min(cols), max(cols)

    def _start_tag(self, text: bytes) -> bytes:
        m = self.cell_re.match(text)
        return m.group(1) if m else b""

    def _row(self, number: int, attrs: bytes, inner: bytes, numbered: bool) -> bytes:
        """The row with xltrade's cells; ``numbered``: its tag says its number."""
        cells, low, high = self._row_cells(number, inner)
        if not numbered:
            attrs = f' r="{number}"'.encode() + attrs
        spans = _ATTRS[b"spans"].search(attrs) if b"spans" in attrs else None
        bounds = _SPANS.fullmatch(spans.group(1) or b"") if spans else None
        if spans and bounds:
            a, b = int(bounds.group(1)), int(bounds.group(2))
            attrs = (attrs[:spans.start()] + f'spans="{min(a, low)}:{max(b, high)}"'.encode()
                     + attrs[spans.end():])
        return b"<" + self.p + b"row" + attrs + b">" + cells + self.row_end

    def _new_row(self, number: int) -> bytes:
        cells, _, _ = self._row_cells(number, b"")
        if not cells:
            return b""
        return (b"<" + self.p + f'row r="{number}">'.encode() + cells + self.row_end)

    def rows(self, body: bytes, stop: int) -> Iterator[bytes]:
        """The whole rows in ``body[:stop]`` with xltrade's cells, as chunks; new rows go
        in before the first existing row below them. Called window after window."""
        pending = self.pending
        i = self.next_pending
        if self._passes_over(body, stop, pending[i] if i < len(pending) else None):
            yield body[:stop]
            return
        pos = copied = 0
        number = self.number
        while True:
            m = self.row_re.search(body, pos, stop)
            if m is None:
                break
            attrs = m.group(1)
            r = attr(attrs, b"r")
            if r is None:
                number += 1
            elif (given := number_of(r)) is None:
                raise XltradeError(f"a row is numbered {r.decode('utf-8', 'replace')!r}, not "
                                   "with a whole number")
            else:
                number = given
            if m.group(2):
                end = m.end()
                inner = b""
            else:
                close = body.find(self.row_end, m.end(), stop)
                if close < 0:
                    raise XltradeError("the customer sheet's XML is damaged (a row is not "
                                       "closed)")
                end = close + len(self.row_end)
                inner = body[m.end():close]
            while i < len(pending) and pending[i] < number:
                yield body[copied:m.start()]
                copied = m.start()
                yield self._new_row(pending[i])
                i += 1
            if i < len(pending) and pending[i] == number:
                yield body[copied:m.start()]
                yield self._row(number, attrs, inner, r is not None)
                copied = end
                i += 1
            elif r is None:
                yield body[copied:m.start()]
                yield (body[m.start():m.start() + 4 + len(self.p)]
                       + f' r="{number}"'.encode() + body[m.start() + 4 + len(self.p):end])
                copied = end
            pos = end
        yield body[copied:stop]
        self.next_pending, self.number = i, number

    def _passes_over(self, body: bytes, stop: int, wanted: int | None) -> bool:
        """Whether the window's rows all lie above the next row to write (or none is
        left): then they pass unread, and a row appended under a long log costs no scan
        of the log. Needs the window's last row to say its number."""
        last = body.rfind(self.row_start, 0, stop)
        if last < 0:
            return wanted is None
        m = self.row_re.match(body, last)
        r = number_of(attr(m.group(1), b"r")) if m else None
        if r is None:
            return False
        if wanted is not None and r >= wanted:
            return False
        self.number = r
        return True

    def rows_after(self) -> Iterator[bytes]:
        """New rows below the sheet's last row."""
        for number in self.pending[self.next_pending:]:
            yield self._new_row(number)
        self.next_pending = len(self.pending)
