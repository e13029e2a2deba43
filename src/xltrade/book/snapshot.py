"""A macro-free copy of a workbook for the manager, made at the package level.

The VBA project, the ribbon, xlwings Lite's code and their relationships are dropped
and the workbook's content type switched to a plain workbook, and it opens on the
weekly report; every other part (sheets with their cached values, styles, conditional
formats, charts) is copied byte for byte, but for the selected tab in the sheets' views.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from xltrade.book.guard import write_atomic
from xltrade.book.package import Book, rels_name
from xltrade.book.workbook_xml import WorkbookXml
from xltrade.errors import NotAWorkbook
from xltrade.sheets.report import REPORT_NAMES

PLAIN = {
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml":
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml":
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
}
#: Relationships to what only runs with macros or add-ins: the VBA project, its
#: signatures, the ribbon (Office 2007 and 2010 forms) and the task panes of add-ins
#: such as xlwings Lite, with the code they keep.
MACRO_RELS = (
    "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes",
    "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
    "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility",
    "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility",
    "http://schemas.microsoft.com/office/2006/relationships/vbaProjectSignature",
    "http://schemas.microsoft.com/office/2014/relationships/vbaProjectSignatureAgile",
    "http://schemas.microsoft.com/office/2020/07/relationships/vbaProjectSignatureV3",
)
VBA_TYPES = ("application/vnd.ms-office.vbaProject",
             "application/vnd.ms-office.vbaProjectSignature",
             "application/vnd.ms-office.vbaProjectSignatureAgile",
             "application/vnd.ms-office.vbaProjectSignatureV3")


def macro_free(workbook: Path) -> bytes:
    """The package of ``workbook`` without its VBA project and ribbon, every other part
    unchanged."""
    with Book(workbook) as book:
        for source, rel in list(book.walk()):
            if rel.type not in MACRO_RELS:
                continue
            for part in book.owned_parts(rel.part):
                book.delete(part)
                book.delete(rels_name(part))
                book.remove_override(part)
            book.remove_rel(source, rel.id)
        kind = book.content_type(book.workbook_part)
        if kind in PLAIN:
            book.set_override(book.workbook_part, PLAIN[kind])
        for vba in VBA_TYPES:
            book.remove_default(vba)
        _open_on_report(book)
        buffer = io.BytesIO()
        book.save(buffer)
    return buffer.getvalue()


_TAB_SELECTED = re.compile(rb'\stabSelected="(?:1|true)"')


def _open_on_report(book: Book) -> None:
    """The manager's copy opens on 周报, its tab the one selected."""
    workbook = WorkbookXml(book.read_plain(book.workbook_part))
    sheets = workbook.sheets()
    index = next((i for i, s in enumerate(sheets) if s.name in REPORT_NAMES), None)
    if index is None:
        return
    parts = {r.id: r.part for r in book.rels(book.workbook_part) if not r.external}
    for i, entry in enumerate(sheets):
        part = parts.get(entry.rel_id)
        if part is None or not book.exists(part):
            continue
        data = book.read(part)
        edited = _TAB_SELECTED.sub(b"", data)
        if i == index:
            edited = re.sub(rb"<((?:\w+:)?sheetView)\b", rb'<\1 tabSelected="1"', edited,
                            count=1)
        if edited != data:
            book.write(part, edited)
    workbook.set_active_tab(index)
    book.write(book.workbook_part, workbook.to_bytes())


def snapshot(workbook: Path, out: Path) -> Path:
    """Write the macro-free copy of ``workbook`` to ``out`` (an .xlsx)."""
    if out.suffix.lower() != ".xlsx":
        raise NotAWorkbook(f"{out}: the manager's copy must be an .xlsx file")
    write_atomic(out, macro_free(workbook))
    return out
