"""What a run says about the columns it read, so that nothing is silently wrong
(spec §2.1): a field that changes grades or dates and was not found, columns that
look like it, headers that could be two fields, mappings that name no column.

Each is a :class:`~xltrade.rules.data_issues.DataIssue` on the header row, so it is
printed on every run and listed in the 周报's data issues like any other.
"""

from __future__ import annotations

from xltrade.rules.data_issues import DataIssue
from xltrade.rules.headers import NEVER_SILENT
from xltrade.rules.layout import Layout
from xltrade.rules.texts import Lang
from xltrade.rules.vocabulary import FIELD_NAMES

_KINDS = {"first_contact": "date", "last_contact": "date", "last_reply": "date",
          "last_order": "date", "planned": "date", "stage": "stage", "orders": "count"}


def field_name(name: str, lang: Lang) -> str:
    zh, en = FIELD_NAMES[name]
    return zh if lang == "zh" else en


def column_issues(layout: Layout, lang: Lang) -> list[DataIssue]:
    """The issues of ``layout``'s reading, in the workbook language ``lang``."""
    recognition, sheet, row = layout.recognition, layout.sheet, layout.header_row
    out: list[DataIssue] = []
    for name, header in layout.unmatched_map.items():
        out.append(DataIssue(sheet, row, header, None, "issue.map_no_column",
                             {"field": field_name(name, lang), "header": header}))
    for name, columns in recognition.ambiguous.items():
        headers = "」「".join(layout.headers[c] for c in columns) if lang == "zh" else \
            "', '".join(layout.headers[c] for c in columns)
        key = "issue.ambiguous_company" if name == "company" else "issue.ambiguous_field"
        out.append(DataIssue(sheet, row, layout.headers[columns[0]], None, key,
                             {"field": field_name(name, lang), "headers": headers}))
    for column, names in recognition.two_fields.items():
        header = layout.headers[column]
        out.append(DataIssue(sheet, row, header, None, "issue.two_fields", {
            "first": field_name(names[0], lang), "second": field_name(names[1], lang),
            "header": header}))
    hinted = set()
    for column, name in sorted(recognition.lookalikes.items()):
        header = layout.headers[column]
        hinted.add(name)
        out.append(DataIssue(sheet, row, header, None, f"issue.lookalike.{_KINDS[name]}",
                             {"field": field_name(name, lang), "header": header}))
    missing = [f for f in NEVER_SILENT if f not in layout.columns and f not in hinted
               and f not in recognition.ambiguous]
    if missing:
        joined = ("、" if lang == "zh" else ", ").join(field_name(f, lang) for f in missing)
        out.append(DataIssue(sheet, row, "", None, "issue.fields_missing", {"fields": joined}))
    return out
