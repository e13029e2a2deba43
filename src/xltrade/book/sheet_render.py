"""A whole worksheet part drawn from a :class:`~xltrade.sheets.patch.SheetPatch`: how
xltrade's own sheets (周报, 设置, the history, the xlwings config, help) are written."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from xltrade.book.cellxml import cell, column_letter, escape, escape_attr, ref
from xltrade.book.styles import MAIN_NS, Look, StyleBook
from xltrade.rules.cells import PLAIN_TYPES, plain
from xltrade.sheets.patch import (
    DATE_FORMAT,
    STYLES,
    Block,
    PrintSetup,
    Rule,
    SheetPatch,
    Validation,
)

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def look_of(style: str | None, number_format: str | None, value: object) -> Look:
    """The cell format a block's style and number format ask for."""
    spec = STYLES.get(style or "", {})
    size = spec.get("size")
    if number_format is None and isinstance(value, dt.date):
        number_format = DATE_FORMAT
    return Look(bold=bool(spec.get("bold")),
                size=float(size) if isinstance(size, int | float) else None,
                font_color=str(spec["font_color"]) if "font_color" in spec else None,
                fill=str(spec["fill"]) if "fill" in spec else None,
                number_format=number_format if value is not None else None,
                wrap=bool(spec.get("wrap")),
                align=str(spec["align"]) if "align" in spec else None)


def block_cells(blocks: Iterable[Block]) -> dict[int, dict[int, tuple[object, Block]]]:
    """Row -> column -> (value, block): later blocks win where blocks overlap."""
    rows: dict[int, dict[int, tuple[object, Block]]] = {}
    for block in blocks:
        for r, values in enumerate(block.values):
            row = rows.setdefault(block.row + r, {})
            for c, raw in enumerate(values):
                row[block.column + c] = (raw if raw.__class__ in PLAIN_TYPES else plain(raw), block)
    return rows


def cf_xml(rules: list[Rule], styles: StyleBook, first_priority: int, prefix: str = "") -> str:
    """Conditional formats, one element per rule, with priorities from ``first_priority``."""
    p = prefix
    out = []
    for n, rule in enumerate(rules):
        dxf = styles.dxf(rule.fill, rule.font_color)
        formula = escape_attr(rule.formula)
        out.append(f'<{p}conditionalFormatting sqref="{rule.range}">'
                   f'<{p}cfRule type="expression" dxfId="{dxf}" priority="{first_priority + n}">'
                   f"<{p}formula>{formula}</{p}formula></{p}cfRule>"
                   f"</{p}conditionalFormatting>")
    return "".join(out)


def validations_xml(validations: list[Validation]) -> str:
    """Dropdown lists; each list is written inline, quoted, its items comma-separated."""
    items = []
    for v in validations:
        listed = ",".join(c.replace('"', "") for c in v.choices)
        items.append(f'<dataValidation type="list" allowBlank="1" showErrorMessage="1" '
                     f'sqref="{v.range}"><formula1>{escape(chr(34) + listed + chr(34))}'
                     f"</formula1></dataValidation>")
    return f'<dataValidations count="{len(items)}">{"".join(items)}</dataValidations>'


def print_titles(sheet: str, setup: PrintSetup) -> str | None:
    """The repeated columns and rows as Excel writes them: ``'S'!$A:$B,'S'!$1:$3``;
    ``None`` for a sheet without a name (Excel rejects ``''!$1:$3``)."""
    if not sheet:
        return None
    quoted = "'" + sheet.replace("'", "''") + "'"
    parts = []
    if setup.title_columns:
        first, last = setup.title_columns
        parts.append(f"{quoted}!${column_letter(first)}:${column_letter(last)}")
    if setup.title_rows:
        top, bottom = setup.title_rows
        parts.append(f"{quoted}!${top}:${bottom}")
    return ",".join(parts) or None


def print_xml(setup: PrintSetup, prefix: str = "") -> str:
    """pageSetup, headerFooter and rowBreaks, in schema order, for a sheet's printing."""
    p = prefix
    out = page_setup_xml(setup, p) + footer_xml(setup, p)
    if setup.breaks:
        breaks = "".join(f'<{p}brk id="{row - 1}" max="16383" man="1"/>'
                         for row in setup.breaks)
        out += (f'<{p}rowBreaks count="{len(setup.breaks)}" manualBreakCount='
                f'"{len(setup.breaks)}">{breaks}</{p}rowBreaks>')
    return out


def page_setup_xml(setup: PrintSetup, prefix: str = "") -> str:
    """A4 in the setup's orientation, so many pages wide when it fits to the width."""
    fit = f' fitToWidth="{setup.pages_wide}" fitToHeight="0"' if setup.fit_width else ""
    orientation = "landscape" if setup.landscape else "portrait"
    return f'<{prefix}pageSetup paperSize="9" orientation="{orientation}"{fit}/>'


def footer_xml(setup: PrintSetup, prefix: str = "") -> str:
    """The footer (left and right parts), or nothing when the setup has none."""
    if not (setup.footer_left or setup.footer_right):
        return ""
    p = prefix
    footer = f"&L{_footer_text(setup.footer_left)}&R{_footer_text(setup.footer_right)}"
    return (f"<{p}headerFooter><{p}oddFooter>{escape(footer)}</{p}oddFooter>"
            f"</{p}headerFooter>")


def _footer_text(text: str) -> str:
    # "&" starts a footer code; the codes xltrade uses (&P, &N) pass, a lone & doubles.
    return re.sub(r"&(?![PN])", "&&", text)


def cols_xml(widths: dict[int, float], prefix: str = "") -> str:
    if not widths:
        return ""
    p = prefix
    # A width of 0 hides the column, as it does in Excel.
    hidden = ' hidden="1"'
    cols = "".join(f'<{p}col min="{c}" max="{c}" width="{w:g}"{hidden if w == 0 else ""}'
                   ' customWidth="1"/>' for c, w in sorted(widths.items()))
    return f"<{p}cols>{cols}</{p}cols>"


#: Distinct cells remembered as XML while a sheet is drawn.
_TAILS = 50_000


def render_sheet(patch: SheetPatch, styles: StyleBook, *, code_name: str | None = None,
                 drawing_rel: str | None = None, table_rel: str | None = None,
                 date1904: bool = False) -> bytes:
    """The worksheet XML for ``patch`` drawn on an empty sheet."""
    rows = block_cells(patch.blocks)
    body = []
    max_row = max_col = 1
    # Most values repeat down a column (a salesperson, a grade, a date): each distinct
    # cell of a block is turned into XML once, and only its reference changes.
    tails: dict[tuple[int, type, object], str] = {}
    looks: dict[tuple[int, bool, bool], int] = {}
    letters: dict[int, str] = {}
    for r in sorted(rows):
        cells = []
        row_cells = rows[r]
        last = 0
        for c in sorted(row_cells):
            value, block = row_cells[c]
            try:
                key = (id(block), value.__class__, value)
                tail = tails.get(key)
            except TypeError:  # an unhashable value: drawn without the cache
                key, tail = None, None
            if tail is None:
                kind = (id(block), value is None, isinstance(value, dt.date))
                style = looks.get(kind)
                if style is None:
                    look = look_of(block.style, block.number_format, value)
                    style = looks[kind] = styles.xf(look) if look != Look() else 0
                text = cell(1, 1, value, style, date1904=date1904)
                tail = text[len('<c r="A1"'):] if text else ""
                if key is not None and len(tails) < _TAILS:
                    tails[key] = tail
            if tail:
                letter = letters.get(c) or letters.setdefault(c, column_letter(c))
                cells.append(f'<c r="{letter}{r}"{tail}')
                last = c
        if cells:
            max_row, max_col = r, max(max_col, last)
            height = patch.heights.get(r)
            tall = f' ht="{height:g}" customHeight="1"' if height else ""
            body.append(f'<row r="{r}"{tall}>{"".join(cells)}</row>')
    setup = patch.print_setup
    pr_attrs = f' codeName="{escape_attr(code_name)}"' if code_name else ""
    fit = '<pageSetUpPr fitToPage="1"/>' if setup and setup.fit_width else ""
    pr = (f"<sheetPr{pr_attrs}>{fit}</sheetPr>" if fit else
          f"<sheetPr{pr_attrs}/>" if pr_attrs else "")
    dimension = f'<dimension ref="A1:{ref(max_row, max_col)}"/>' if body else \
        '<dimension ref="A1"/>'
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{R_NS}">', pr, dimension,
        '<sheetViews><sheetView workbookViewId="0"/></sheetViews>',
        '<sheetFormatPr defaultRowHeight="15"/>',
        cols_xml(patch.widths),
        "<sheetData>", "".join(body), "</sheetData>",
    ]
    if patch.rules:
        parts.append(cf_xml(patch.rules, styles, 1))
    if patch.validations:
        parts.append(validations_xml(patch.validations))
    parts.append('<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" '
                 'footer="0.3"/>' if setup else
                 '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
                 'footer="0.3"/>')
    if setup:
        parts.append(print_xml(setup))
    if drawing_rel:
        parts.append(f'<drawing r:id="{drawing_rel}"/>')
    if table_rel:
        parts.append(f'<tableParts count="1"><tablePart r:id="{table_rel}"/></tableParts>')
    parts.append("</worksheet>")
    return "".join(parts).encode("utf-8")

