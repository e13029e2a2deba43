"""Applying :class:`~xltrade.sheets.patch.SheetPatch` es to a workbook package: the command
line's writer.

xltrade's own sheets are drawn as new parts (or replace the parts they had); the
team's sheet is spliced (:mod:`xltrade.book.sheet_splice`). ``workbook.xml``, its
relationships, ``[Content_Types].xml``, ``styles.xml`` and ``docProps/app.xml`` are
edited in place. Every other part is left alone, byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from xltrade.book.charts import (
    CHART_REL,
    CHART_TYPE,
    DRAWING_REL,
    DRAWING_TYPE,
    chart_xml,
    drawing_xml,
)
from xltrade.book.package import Book, parse_xml, rels_name
from xltrade.book.shapes import HYPERLINK_REL, button_anchor, link_target
from xltrade.book.sheet_render import print_titles, render_sheet
from xltrade.book.sheet_splice import SpliceResult, fit_to_page, splice
from xltrade.book.styles import StyleBook
from xltrade.book.tables import (
    TABLE_REL,
    TABLE_TYPE,
    grown,
    table_identity,
    table_xml,
)
from xltrade.book.workbook_xml import WorkbookXml, app_titles
from xltrade.book.xml_form import NotPlain, checked, rewrite
from xltrade.errors import NotAWorkbook, XltradeError
from xltrade.rules.texts import both
from xltrade.sheets.patch import SheetPatch

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
WORKSHEET_REL = _REL + "worksheet"
STYLES_REL = _REL + "styles"
CALC_CHAIN_REL = _REL + "calcChain"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STYLES_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
APP_PART = "docProps/app.xml"


class BookWriter:
    """Patches being written into one package; :meth:`finish` stores the edited parts."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.missing_styles_rel = False
        self.workbook = WorkbookXml(book.read_plain(book.workbook_part))
        self.sheet_names_before = [s.name for s in self.workbook.sheets()]
        styles_part = self._rel_part(STYLES_REL) or self._orphan_styles()
        self.styles_part = styles_part or book.free_name("xl/styles{}.xml")
        self.styles = StyleBook(book.read_plain(styles_part) if styles_part else None,
                                f"{book.path}: {self.styles_part}",
                                cell_formats=0 if styles_part else self._styles_named())
        self.drop_calc_chain = False

    def _orphan_styles(self) -> str | None:
        """A styles part no relationship names, as a package that lost the relationship
        has: taken as the workbook's (openpyxl and LibreOffice find it by its content
        type), edited in place, and named by a relationship again in :meth:`finish`."""
        part = "xl/styles.xml"
        if self.book.exists(part) and self.book.content_type(part) == STYLES_TYPE:
            self.missing_styles_rel = True
            return part
        return None

    def _styles_named(self) -> int:
        """How many cell formats the sheets' cells name (for a workbook without styles)."""
        highest = -1
        for _, rel in self.book.walk():
            if rel.type == WORKSHEET_REL and self.book.exists(rel.part):
                for chunk in self.book.chunks(rel.part):
                    for found in re.findall(rb"""\ss\s*=\s*["'](\d{1,5})["']""", chunk):
                        highest = max(highest, int(found))
        return highest + 1

    def _rel_part(self, rel_type: str) -> str | None:
        rel = next((r for r in self.book.rels(self.book.workbook_part)
                    if r.type == rel_type and not r.external), None)
        return rel.part if rel and self.book.exists(rel.part) else None

    def sheet_part(self, name: str) -> str | None:
        entry = next((s for s in self.workbook.sheets() if s.name == name), None)
        if entry is None:
            return None
        rel = next((r for r in self.book.rels(self.book.workbook_part)
                    if r.id == entry.rel_id), None)
        return rel.part if rel and not rel.external and self.book.exists(rel.part) else None

    def sheet_names(self) -> list[str]:
        return [s.name for s in self.workbook.sheets()]

    # --- patches
    def apply(self, patch: SheetPatch) -> None:
        names = patch.names or (patch.name,)
        existing = next((s.name for s in self.workbook.sheets() if s.name in names), None)
        if existing is not None and not patch.rebuild:
            self._splice(existing, patch)
        elif existing is not None:
            self._replace(existing, patch)
        elif patch.rebuild or patch.create:
            self._add(patch)
        else:
            raise KeyError(f"no sheet {patch.name!r}")

    def _splice(self, name: str, patch: SheetPatch) -> None:
        part = self.sheet_part(name)
        if part is None:
            raise XltradeError(f"sheet '{name}' has no worksheet part")
        header_row = min((b.row for b in patch.blocks), default=1)

        def spliced(source: Iterator[bytes]) -> SpliceResult:
            result = splice(checked(source, ""), patch, self.styles, header_row=header_row,
                            date1904=self.workbook.date1904)
            self.book.write(part, result.data)
            return result

        try:
            try:
                result = spliced(self.book.chunks(part))
            except NotPlain:  # nothing was stored: the part is read again, rewritten
                result = spliced(rewrite(self.book.chunks(part), ""))
        except NotPlain:
            raise XltradeError(*both("error.xml_form", path=self.book.path,
                                     sheet=name)) from None
        except NotAWorkbook:
            raise
        except XltradeError as exc:
            raise XltradeError(f"{self.book.path}: sheet '{name}': {exc}") from exc
        if result.printing_added:
            # The page set-up went in at the end of the sheet; fitting it to the page
            # width is a flag at its start, which had already streamed past.
            prefix = result.splicer.p
            self.book.write(part, _head_edited(self.book.chunks(part),
                                               lambda head: fit_to_page(head, prefix)))
            self._print_names(patch, replace=False)
        quoted_name = "'" + name.replace("'", "''") + "'"
        for mark, cell in patch.marks.items():
            self.workbook.set_defined_name(mark, None, f"{quoted_name}!{cell}", hidden=True)
        self.drop_calc_chain |= result.dropped_formula
        if patch.grow_tables_to:
            self._grow_tables(part, patch.grow_tables_to)
        if result.autofilter:
            index = self.sheet_names().index(name)
            self.workbook.set_filter_range(index, name, result.autofilter)

    def _draw(self, part: str, patch: SheetPatch) -> str | None:
        """The drawing with the patch's charts, related from sheet ``part``; its rel id."""
        if not patch.charts and not patch.buttons:
            return None
        drawing = self.book.free_name("xl/drawings/drawing{}.xml")
        self.book.write(drawing, b"")  # reserve the name
        placed = []
        for chart in patch.charts:
            chart_part = self.book.free_name("xl/charts/chart{}.xml")
            self.book.write(chart_part, chart_xml(patch.name, chart))
            self.book.set_override(chart_part, CHART_TYPE)
            placed.append((chart, self.book.add_rel(drawing, CHART_REL, chart_part)))
        buttons = tuple(
            button_anchor(button, self.book.add_rel(
                drawing, HYPERLINK_REL, link_target(patch.name, button.cell), external=True),
                len(placed) + n + 2)
            for n, button in enumerate(patch.buttons))
        self.book.write(drawing, drawing_xml(placed, buttons))
        self.book.set_override(drawing, DRAWING_TYPE)
        return self.book.add_rel(part, DRAWING_REL, drawing)

    def _table(self, part: str, patch: SheetPatch) -> str | None:
        """The table part of a new sheet, related from ``part``; its rel id."""
        if patch.table is None:
            return None
        ids, names = set(), set(self.workbook.defined_names())
        for _, rel in self.book.walk():
            if rel.type == TABLE_REL and not rel.external and self.book.exists(rel.part):
                found = table_identity(self.book.read(rel.part))
                if found:
                    ids.add(found[0])
                    names.add(found[1])
        table_part = self.book.free_name("xl/tables/table{}.xml")
        self.book.write(table_part, table_xml(patch.table, max(ids, default=0) + 1,
                                              patch.table.free_name(names)))
        self.book.set_override(table_part, TABLE_TYPE)
        return self.book.add_rel(part, TABLE_REL, table_part)

    def _grow_tables(self, part: str, row: int) -> None:
        for rel in self.book.rels(part):
            if rel.type == TABLE_REL and not rel.external and self.book.exists(rel.part):
                new = grown(self.book.read_plain(rel.part), row)
                if new is not None:
                    self.book.write(rel.part, new)

    def _replace(self, name: str, patch: SheetPatch) -> None:
        part = self.sheet_part(name)
        if part is None:
            raise XltradeError(f"sheet '{name}' has no worksheet part")
        old = self.book.read(part)
        code = re.search(rb"""<(?:\w+:)?sheetPr\b[^>]*?codeName\s*=\s*["']([^"']*)""", old)
        for owned in self.book.owned_parts(part)[1:]:
            self.book.delete(owned)
            self.book.remove_override(owned)
            self.book.delete(rels_name(owned))
        self.book.delete(rels_name(part))
        rel = self._draw(part, patch)
        self.book.write(part, render_sheet(patch, self.styles,
                                           code_name=code.group(1).decode() if code else None,
                                           drawing_rel=rel, date1904=self.workbook.date1904))
        self.workbook.set_sheet(name, new_name=patch.name, hidden=patch.hidden)
        self._print_names(patch)

    def _add(self, patch: SheetPatch) -> None:
        part = self.book.free_name("xl/worksheets/sheet{}.xml")
        self.book.write(part, b"")
        rel = self._draw(part, patch)
        table_rel = self._table(part, patch)
        self.book.write(part, render_sheet(patch, self.styles, drawing_rel=rel,
                                           table_rel=table_rel,
                                           date1904=self.workbook.date1904))
        self.book.set_override(part, WORKSHEET_TYPE)
        rel_id = self.book.add_rel(self.book.workbook_part, WORKSHEET_REL, part)
        self.workbook.add_sheet(patch.name, rel_id, patch.position, patch.hidden)
        self._print_names(patch)

    def _print_names(self, patch: SheetPatch, replace: bool = True) -> None:
        """The print area and repeated title rows, as Excel keeps them: sheet-local names
        (without ``replace``, a team's own stay)."""
        setup = patch.print_setup
        if setup is None:
            return
        index = self.sheet_names().index(patch.name)
        quoted = "'" + patch.name.replace("'", "''") + "'"
        if setup.area:
            first, _, last = setup.area.partition(":")
            self.workbook.set_defined_name("_xlnm.Print_Area", index,
                                           f"{quoted}!{_absolute(first)}:{_absolute(last)}",
                                           replace=replace)
        titles = print_titles(patch.name, setup)
        if titles:
            self.workbook.set_defined_name("_xlnm.Print_Titles", index, titles,
                                           replace=replace)

    def set_sheet_code_name(self, name: str, code_name: str) -> None:
        """Give a sheet its VBA code name on ``sheetPr``."""
        part = self.sheet_part(name)
        if part is None:
            return
        self.book.write(part, with_code_name(self.book.read_plain(part), code_name))

    # --- finishing
    def finish(self) -> None:
        """Store the edited workbook, styles, calculation chain and app properties."""
        book = self.book
        if self.styles.changed:
            if not book.exists(self.styles_part):
                book.set_override(self.styles_part, STYLES_TYPE)
                book.add_rel(book.workbook_part, STYLES_REL, self.styles_part)
            elif self.missing_styles_rel:
                book.add_rel(book.workbook_part, STYLES_REL, self.styles_part)
            book.write(self.styles_part, self.styles.to_bytes())
        if self.drop_calc_chain:
            # Excel rebuilds the chain; one naming a cell that lost its formula is an error.
            chain = next((r for r in book.rels(book.workbook_part)
                          if r.type == CALC_CHAIN_REL), None)
            if chain is not None:
                book.delete(chain.part)
                book.remove_override(chain.part)
                book.remove_rel(book.workbook_part, chain.id)
        book.write(book.workbook_part, self.workbook.to_bytes())
        after = self.sheet_names()
        if after != self.sheet_names_before and book.exists(APP_PART):
            data = book.read_plain(APP_PART)
            parse_xml(data, f"{book.path}: {APP_PART}")
            book.write(APP_PART, app_titles(data, self.sheet_names_before, after))


def with_code_name(sheet_xml: bytes, code_name: str) -> bytes:
    """The worksheet XML with ``code_name`` on its ``sheetPr`` (added when missing)."""
    root = re.search(rb"<(\w+:)?worksheet\b[^>]*>", sheet_xml)
    if root is None:
        return sheet_xml
    p = root.group(1) or b""
    pr = re.search(rb"<" + re.escape(p) + rb"sheetPr\b[^>]*?/?>", sheet_xml)
    name = code_name.encode("ascii")
    if pr is None:
        at = root.end()
        return sheet_xml[:at] + b"<" + p + b'sheetPr codeName="' + name + b'"/>' + sheet_xml[at:]
    element = re.sub(rb'\scodeName="[^"]*"', b"", pr.group(0))
    element = element.replace(b"<" + p + b"sheetPr", b"<" + p + b'sheetPr codeName="' + name
                              + b'"', 1)
    return sheet_xml[:pr.start()] + element + sheet_xml[pr.end():]


def _absolute(ref: str) -> str:
    """``$A$1`` for ``A1``."""
    return "$" + re.sub(r"(\d+)", r"$\1", ref)


def _head_edited(chunks: Iterator[bytes], edit: Callable[[bytes], bytes]) -> Iterator[bytes]:
    """The chunks with ``edit`` applied to everything before ``<sheetData``."""
    head = b""
    for chunk in chunks:
        head += chunk
        at = head.find(b"sheetData")
        if at >= 0:
            yield edit(head[:at]) + head[at:]
            break
    else:
        yield edit(head)
        return
    yield from chunks
