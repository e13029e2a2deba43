"""Excel tables (ListObjects) in the package: the part for a table xltrade makes, and a
table taking in a row appended just under it, as Excel does when a row is typed there.

A table's name and id are unique in the workbook; its headers are the header cells'
text exactly, or Excel repairs the file.
"""

from __future__ import annotations

import re

from xltrade.book.cellxml import escape_attr
from xltrade.book.styles import MAIN_NS
from xltrade.sheets.patch import Table
from xltrade.sheets.refs import column_index, ref, split_ref

TABLE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table"
TABLE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"

_ROOT = re.compile(rb"<(?:\w+:)?table\b([^>]*)>")
_REF = re.compile(rb'(<(?:\w+:)?(?:table|autoFilter)\b[^>]*?\bref=")([A-Z]+\d+):([A-Z]+)(\d+)(")')


def _attr(attrs: bytes, name: bytes) -> bytes | None:
    m = re.search(rb"\b" + name + rb'="([^"]*)"', attrs)
    return m.group(1) if m else None


def table_identity(xml: bytes) -> tuple[int, str] | None:
    """A table part's id and name (``None`` for a part that is not a table)."""
    m = _ROOT.search(xml[:4096])
    if m is None:
        return None
    number = _attr(m.group(1), b"id")
    name = _attr(m.group(1), b"displayName") or _attr(m.group(1), b"name") or b""
    return (int(number) if number and number.isdigit() else 0,
            name.decode("utf-8", "replace"))


def table_xml(table: Table, table_id: int, name: str) -> bytes:
    """The table part for ``table``: header row first, filter buttons, banded rows."""
    columns = "".join(f'<tableColumn id="{i}" name="{escape_attr(c)}"/>'
                      for i, c in enumerate(table.columns, start=1))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<table xmlns="{MAIN_NS}" id="{table_id}" name="{escape_attr(name)}" '
        f'displayName="{escape_attr(name)}" ref="{table.ref}" totalsRowShown="0">'
        f'<autoFilter ref="{table.ref}"/>'
        f'<tableColumns count="{len(table.columns)}">{columns}</tableColumns>'
        f'<tableStyleInfo name="{escape_attr(table.style)}" showFirstColumn="0" '
        'showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>'
        "</table>"
    ).encode()


def grown(xml: bytes, row: int) -> bytes | None:
    """The table part with its range (and its filter's) reaching ``row``, when the table
    ends on the row just above and has no totals row; ``None`` otherwise."""
    root = _ROOT.search(xml[:4096])
    if root is None:
        return None
    totals = _attr(root.group(1), b"totalsRowCount")
    if totals not in (None, b"0"):
        return None
    table_ref = _attr(root.group(1), b"ref")
    if table_ref is None or b":" not in table_ref:
        return None
    last_row, _ = split_ref(table_ref.split(b":")[1].decode())
    if last_row != row - 1:
        return None

    def extend(m: re.Match[bytes]) -> bytes:
        end = ref(row, column_index(m.group(3).decode())).encode()
        return m.group(1) + m.group(2) + b":" + end + m.group(5)

    return _REF.sub(extend, xml)
