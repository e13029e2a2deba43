"""Writing xltrade's cells into a sheet that belongs to the team, by splicing its XML.

The sheet streams through: rows go to :mod:`row_splice` window by window; the rest
of the sheet (other cells with their styles and
cached values, row attributes, merged cells, validations, hyperlinks, page set-up,
drawings, extensions) is left exactly as it was. Only the ``<dimension>``, xltrade's
own conditional formats, the autofilter range and the widths of columns xltrade
adds are edited.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from xltrade.book.cellxml import MAX_COLUMN, column_letter, split_ref
from xltrade.book.row_splice import RowSplicer, Targets, attr
from xltrade.book.sheet_render import cf_xml, footer_xml, page_setup_xml
from xltrade.book.styles import StyleBook
from xltrade.book.xml_form import NotPlain, tags_plain
from xltrade.errors import XltradeError
from xltrade.sheets.highlight import is_own_formula
from xltrade.sheets.patch import PrintSetup, SheetPatch

#: Elements that follow conditionalFormatting in a worksheet, in schema order.
_AFTER_CF = ("dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup",
             "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches",
             "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF",
             "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts",
             "extLst")


@dataclass
class SpliceResult:
    """The spliced sheet as chunks made while they are read, and what the writer must
    know besides: ``dropped_formula`` is final once ``data`` has been read through."""

    data: Iterator[bytes]
    splicer: RowSplicer
    autofilter: str | None = None  # the new autofilter range, when it changed
    printing_added: bool = False  # page set-up added to a sheet that had none

    @property
    def dropped_formula(self) -> bool:
        return self.splicer.dropped_formula


def _element_re(p: bytes, tag: str) -> re.Pattern[bytes]:
    t = re.escape(p + tag.encode())
    return re.compile(rb"<" + t + rb"\b[^>]*?(?:/>|>.*?</" + t + rb">)", re.S)


def _remove_own_rules(tail: bytes, p: bytes) -> bytes:
    cf_re = _element_re(p, "conditionalFormatting")
    rule_re = _element_re(p, "cfRule")
    formula_re = re.compile(rb"<" + re.escape(p) + rb"formula>(.*?)</" + re.escape(p)
                            + rb"formula>", re.S)

    def own(rule: bytes) -> bool:
        formulas = formula_re.findall(rule)
        return bool(formulas) and all(
            is_own_formula(f.decode("utf-8").replace("&lt;", "<").replace("&gt;", ">")
                           .replace("&quot;", '"').replace("&amp;", "&"))
            for f in formulas)

    def edit(m: re.Match[bytes]) -> bytes:
        element = m.group(0)
        rules = rule_re.findall(element)
        kept = [r for r in rules if not own(r)]
        if len(kept) == len(rules):
            return element
        if not kept:
            return b""
        for r in rules:
            if r not in kept:
                element = element.replace(r, b"", 1)
        return element

    return cf_re.sub(edit, tail)


#: A tag, its attribute values quoted as they may hold ">".
_TAG = re.compile(rb"""<(/?)([\w:.-]+)(?:[^>"']|"[^"]*"|'[^']*')*?(/?)>""")


def _top_level(tail: bytes) -> list[tuple[bytes, int, int]]:
    """The worksheet's own elements in ``tail`` (local name, start, end), not those
    nested inside them (a cfRule's extLst is not the sheet's extLst)."""
    found: list[tuple[bytes, int, int]] = []
    depth = 0
    start = 0
    for m in _TAG.finditer(tail):
        if m.group(0).startswith((b"<?", b"<!")):
            continue
        name = m.group(2).rpartition(b":")[2]
        if m.group(1):  # a closing tag
            depth -= 1
            if depth == 0:
                found.append((name, start, m.end()))
            if depth < 0:  # </worksheet>
                break
        elif m.group(3):  # self-closing
            if depth == 0:
                found.append((name, m.start(), m.end()))
        else:
            if depth == 0:
                start = m.start()
            depth += 1
    return found


def _insert_before(tail: bytes, p: bytes, names: tuple[str, ...], text: bytes,
                   after: str | None = None) -> bytes:
    """Put ``text`` after the last ``after`` element, else before the first of ``names``,
    else before the closing tag; only the worksheet's own elements count."""
    elements = _top_level(tail)
    if after:
        last = [end for name, _, end in elements if name == after.encode()]
        if last:
            return tail[:last[-1]] + text + tail[last[-1]:]
    wanted = {n.encode() for n in names}
    at = next((start for name, start, _ in elements if name in wanted),
              tail.rfind(b"</" + p + b"worksheet>"))
    return tail[:at] + text + tail[at:]


def _grow(area: bytes, low_row: int, low_col: int, high_row: int, high_col: int
          ) -> str | None:
    """The range ``area`` grown to take in the given rows and columns; ``None`` when
    ``area`` is not a range of cells (it is then left as it is)."""
    first, _, last = area.decode("utf-8", "replace").partition(":")
    try:
        r1, c1 = split_ref(first)
        r2, c2 = split_ref(last or first)
    except ValueError:
        return None
    if max(c1, c2) > MAX_COLUMN:
        return None
    return (f"{column_letter(min(c1, low_col))}{min(r1, low_row)}:"
            f"{column_letter(max(c2, high_col))}{max(r2, high_row)}")


def _last_row_start(body: bytes, start_tag: bytes) -> int:
    at = len(body)
    while (at := body.rfind(start_tag, 0, at)) >= 0:
        if body[at + len(start_tag):at + len(start_tag) + 1] in (b" ", b">", b"/", b"\t",
                                                                 b"\r", b"\n"):
            return at
    return -1


def _head(source: Iterator[bytes]) -> tuple[bytes, re.Match[bytes]]:
    """What comes before the rows, read until the ``<sheetData>`` opener is whole."""
    data = b""
    while True:
        root = re.search(rb"<(\w+:)?worksheet\b", data)
        if root is not None:
            p = re.escape(root.group(1) or b"")
            m = re.search(rb"<" + p + rb"sheetData\b[^>]*?(/?)>", data, re.S)
            if m is not None:
                return data, m
        more = next(source, None)
        if more is None:
            what = "worksheet element" if root is None else "sheetData"
            raise XltradeError(f"the customer sheet's XML has no {what}")
        data += more


def splice(chunks: Iterable[bytes], patch: SheetPatch, styles: StyleBook, *,
           header_row: int, date1904: bool = False) -> SpliceResult:
    """The sheet XML read from ``chunks`` with ``patch`` (cells, rules, widths) written
    into it, as chunks made while they are read: the sheet is never held whole."""
    targets = Targets(patch.blocks)
    source = iter(chunks)
    data, m = _head(source)
    root = re.search(rb"<(\w+:)?worksheet\b", data)
    p = (root.group(1) if root else None) or b""
    splicer = RowSplicer(p, targets, styles, date1904)
    if splicer.max_col > MAX_COLUMN:
        raise XltradeError("the computed columns would fall past the last column (XFD): "
                           "make room at the right of the customer table")
    head = data[:m.start()]
    if not tags_plain(data[:m.end()]):
        raise NotPlain
    first_row = min(targets.rows, default=header_row)
    last_row = max(targets.rows, default=header_row)
    # <dimension> covers the cells written.
    dim = re.search(rb"<" + re.escape(p) + rb'dimension\b[^>]*?ref="([^"]*)"', head)
    area = _grow(dim.group(1), first_row, splicer.min_col, last_row,
                 splicer.max_col) if dim else None
    if dim and area:
        head = head[:dim.start(1)] + area.encode() + head[dim.end(1):]
    if patch.widths:
        head = _add_widths(head, p, patch.widths)
    result = SpliceResult(iter(()), splicer)
    result.data = _spliced(result, head, data[m.start():m.end()], data[m.end():], bool(m.group(1)),
                           source, patch, header_row)
    return result


def _spliced(result: SpliceResult, head: bytes, opener: bytes, rest: bytes, empty: bool,
             source: Iterator[bytes], patch: SheetPatch, header_row: int) -> Iterator[bytes]:
    splicer = result.splicer
    p = splicer.p
    close_tag = b"</" + p + b"sheetData>"
    yield head
    if empty:  # <sheetData/>: only new rows
        yield b"<" + p + b"sheetData>"
        tail = rest
    else:
        yield opener
        body = rest
        while True:
            end = body.find(close_tag)
            if end >= 0:
                yield from splicer.rows(body, end)
                tail = body[end + len(close_tag):]
                break
            # Rows do not nest: every row before the last one begun is whole.
            stop = _last_row_start(body, splicer.row_start)
            if stop > 0:
                yield from splicer.rows(body, stop)
                body = body[stop:]
            more = next(source, None)
            if more is None:
                raise XltradeError("the customer sheet's XML is damaged (its rows are not "
                                   "closed)")
            body += more
    yield from splicer.rows_after()
    yield close_tag
    yield _edit_tail(tail + b"".join(source), result, patch, header_row)


def _edit_tail(tail: bytes, result: SpliceResult, patch: SheetPatch, header_row: int
               ) -> bytes:
    """What follows the rows: xltrade's rules replaced, the autofilter grown."""
    splicer = result.splicer
    p = splicer.p
    if not tags_plain(tail):
        raise NotPlain
    if patch.rules is not None:
        tail = _remove_own_rules(tail, p)
        priorities = [int(x) for x in re.findall(rb'\bpriority="(\d{1,9})"', tail)]
        rules = cf_xml(patch.rules, splicer.styles, max(priorities, default=0) + 1, splicer.ps)
        tail = _insert_before(tail, p, _AFTER_CF, rules.encode("utf-8"),
                              after="conditionalFormatting")
    af = re.search(rb"<" + re.escape(p) + rb'autoFilter\b[^>]*?ref="([^"]*)"', tail)
    if af:
        try:
            top, _ = split_ref(af.group(1).decode().partition(":")[0])
        except ValueError:
            top = 0  # not a range: left as it is
        filled = splicer.targets.last_filled() or top
        if top == header_row:
            grown = _grow(af.group(1), top, 1, filled, splicer.max_col)
            if grown is not None and grown != af.group(1).decode():
                tail = tail[:af.start(1)] + grown.encode() + tail[af.end(1):]
                result.autofilter = grown
    if patch.print_setup is not None and not re.search(
            rb"<" + re.escape(p) + rb"pageSetup\b", tail):
        tail = _add_printing(tail, p, patch.print_setup)
        result.printing_added = True
    return tail


#: Elements that follow pageSetup / headerFooter in a worksheet, in schema order.
_AFTER_PAGE_SETUP = _AFTER_CF[_AFTER_CF.index("headerFooter"):]
_AFTER_FOOTER = _AFTER_CF[_AFTER_CF.index("rowBreaks"):]


def _add_printing(tail: bytes, p: bytes, setup: PrintSetup) -> bytes:
    """Page set-up (and a footer, when the sheet has none) for a sheet the team never
    set up for printing; a team's own set-up is never touched."""
    ps = p.decode()
    tail = _insert_before(tail, p, _AFTER_PAGE_SETUP, page_setup_xml(setup, ps).encode())
    if not re.search(rb"<" + re.escape(p) + rb"headerFooter\b", tail):
        tail = _insert_before(tail, p, _AFTER_FOOTER, footer_xml(setup, ps).encode("utf-8"))
    return tail


def fit_to_page(head: bytes, p: bytes) -> bytes:
    """``sheetPr`` told to fit the printout to the page width (pageSetUpPr is its last
    child), created when the sheet has none."""
    q = re.escape(p)
    pr = re.search(rb"<" + q + rb"sheetPr\b([^>]*?)(/?)>", head)
    flag = b"<" + p + b'pageSetUpPr fitToPage="1"/>'
    if pr is None:
        root = re.search(rb"<" + q + rb"worksheet\b[^>]*>", head)
        assert root is not None
        return head[:root.end()] + b"<" + p + b"sheetPr>" + flag + b"</" + p + b"sheetPr>" + \
            head[root.end():]
    if pr.group(2):
        return head[:pr.start()] + b"<" + p + b"sheetPr" + pr.group(1) + b">" + flag + \
            b"</" + p + b"sheetPr>" + head[pr.end():]
    close = head.index(b"</" + p + b"sheetPr>", pr.end())
    existing = re.compile(rb"<" + q + rb"pageSetUpPr\b([^>]*?)/>")
    found = existing.search(head, pr.end(), close)
    if found is None:
        return head[:close] + flag + head[close:]
    # Present but not fitting (as some writers leave it empty): fit it.
    attrs = re.sub(rb'\s*fitToPage="[^"]*"', b"", found.group(1))
    return (head[:found.start()] + b"<" + p + b"pageSetUpPr" + attrs + b' fitToPage="1"/>'
            + head[found.end():])


def _add_widths(head: bytes, p: bytes, widths: dict[int, float]) -> bytes:
    """Widths for columns no <col> entry covers yet; the team's column formats win."""
    cols = _element_re(p, "cols").search(head)
    col_re = re.compile(rb"<" + re.escape(p) + rb"col\b[^>]*?/>")
    entries = col_re.findall(cols.group(0)) if cols else []
    spans = []
    for e in entries:
        lo, hi = attr(e, b"min"), attr(e, b"max")
        if lo and hi and lo.isdigit() and hi.isdigit():
            spans.append((int(lo), int(hi), e))
        elif lo or hi:
            return head  # a column entry that is not numbered: the widths stay as they are
    new = [(c, c, f'<{p.decode()}col min="{c}" max="{c}" width="{w:g}" customWidth="1"/>'
            .encode()) for c, w in widths.items()
           if not any(lo <= c <= hi for lo, hi, _ in spans)]
    if not new:
        return head
    merged = sorted(spans + new, key=lambda s: s[0])
    element = b"<" + p + b"cols>" + b"".join(e for _, _, e in merged) + b"</" + p + b"cols>"
    if cols:
        return head[:cols.start()] + element + head[cols.end():]
    return head + element
