"""xltrade's marks on its own columns: a hidden workbook name on each computed column's
header cell (``_xltrade_grade`` -> ``'客户表'!$Q$3``). Excel moves a name with its cell,
so xltrade knows its columns wherever the team moves them, and never takes a column
of the team's for its own by its header text."""

from __future__ import annotations

import re
from collections.abc import Mapping

from xltrade.rules.vocabulary import COMPUTED_HEADERS
from xltrade.sheets.refs import column_index

#: xltrade marks each computed column's header cell with a hidden name: ``_xltrade_grade``.
MARK_PREFIX = "_xltrade_"
_REFERENCE = re.compile(r"^=?\s*(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?\d+$")


def mark_name(field_name: str) -> str:
    return MARK_PREFIX + field_name


def read_marks(names: Mapping[str, str]) -> dict[str, dict[str, int]]:
    """xltrade's marks among a workbook's names (name -> what it refers to), by sheet:
    field -> column. A mark whose cell was deleted (``#REF!``) is gone."""
    out: dict[str, dict[str, int]] = {}
    for name, refers in names.items():
        field_name = name.lower().removeprefix("'").rpartition("!")[2]
        if not field_name.startswith(MARK_PREFIX):
            continue
        field_name = field_name[len(MARK_PREFIX):]
        match = _REFERENCE.match(refers.strip())
        if field_name not in COMPUTED_HEADERS or not match:
            continue
        sheet = (match.group(1) or "").replace("''", "'") or (match.group(2) or "").strip()
        out.setdefault(sheet, {})[field_name] = column_index(match.group(3).upper())
    return out
