"""The customer sheet is spliced as a stream: however the XML arrives in pieces (a tag
cut in two, a row longer than a piece, rows without references, empty rows), the
result is the same as from one piece, and it is the sheet with xltrade's cells."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xltrade.book.row_splice import RowSplicer, Targets
from xltrade.book.sheet_splice import splice
from xltrade.book.styles import StyleBook
from xltrade.errors import XltradeError
from xltrade.sheets.patch import Block, Rule, SheetPatch
from xltrade.sheets.refs import column_letter

STYLES = (b'<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="http://schemas.'
          b'openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts>'
          b'<fills count="2"><fill/><fill/></fills><borders count="1"><border/></borders>'
          b'<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf/></cellXfs>'
          b"</styleSheet>")


def sheet(prefix: str = "") -> bytes:
    p = f"{prefix}:" if prefix else ""
    ns = f' xmlns{":" + prefix if prefix else ""}="http://schemas.openxmlformats.org/' \
         'spreadsheetml/2006/main"'
    rows = [f'<{p}row r="1"><{p}c r="A1" t="inlineStr"><{p}is><{p}t>客户名称</{p}t></{p}is>'
            f"</{p}c></{p}row>"]
    for r in range(2, 60):
        if r % 7 == 0:
            rows.append(f'<{p}row r="{r}"/>')  # an empty row, self-closing
        elif r % 5 == 0:  # no references at all, as some writers do
            rows.append(f"<{p}row><{p}c><{p}v>{r}</{p}v></{p}c><{p}c><{p}v>1</{p}v></{p}c>"
                        f"</{p}row>")
        else:
            long = "x" * (r * 40)  # rows of every length, some longer than a piece
            rows.append(f'<{p}row r="{r}" spans="1:2"><{p}c r="A{r}" t="inlineStr"><{p}is>'
                        f"<{p}t>{long}</{p}t></{p}is></{p}c><{p}c r=\"B{r}\"><{p}f>1+1</{p}f>"
                        f"<{p}v>2</{p}v></{p}c></{p}row>")
    return (f'<?xml version="1.0"?>\n<{p}worksheet{ns}><{p}dimension ref="A1:B59"/>'
            f"<{p}sheetData>{''.join(rows)}</{p}sheetData>"
            f'<{p}autoFilter ref="A1:B59"/><{p}pageMargins left="0.7" right="0.7" top="0.75" '
            f'bottom="0.75" header="0.3" footer="0.3"/></{p}worksheet>').encode()


def patch() -> SheetPatch:
    rows = 64  # past the sheet's last row: new rows at the end
    values: list[list[object]] = [[f"G{r}", dt.date(2026, 11, r % 28 + 1) if r % 3 else None]
                                  for r in range(2, 2 + rows)]
    header = Block(1, 4, [["等级", "下次跟进"]], style="computed_header")
    return SheetPatch("客户表", blocks=[header, Block(2, 4, values, "yyyy-mm-dd")],
                      widths={4: 10, 5: 12},
                      rules=[Rule("A2:E65", "$E2<TODAY()", "FFC7CE")])


def spliced(data: bytes, size: int) -> bytes:
    pieces = [data[i:i + size] for i in range(0, len(data), size)]
    result = splice(pieces, patch(), StyleBook(STYLES), header_row=1)
    return b"".join(result.data)


@pytest.mark.parametrize("prefix", ["", "x"])
@pytest.mark.parametrize("size", [1, 7, 100, 4096])
def test_pieces_of_any_size_give_the_same_sheet(prefix: str, size: int) -> None:
    data = sheet(prefix)
    whole = spliced(data, len(data))
    assert spliced(data, size) == whole


def test_the_spliced_sheet_has_every_row_once_and_the_new_cells() -> None:
    out = spliced(sheet(), 100).decode()
    numbers = [int(n) for n in re.findall(r'<row r="(\d+)"', out)]
    assert numbers == sorted(set(numbers)) and numbers[0] == 1 and numbers[-1] == 65
    assert out.count("<f>1+1</f><v>2</v>") == len(re.findall(r"<f>", sheet().decode()))
    for r in (2, 30, 59, 65):
        assert re.search(rf'<c r="D{r}" s="\d+" t="inlineStr"><is><t xml:space="preserve">'
                         rf"G{r}</t></is></c>", out), r
    # A row without references gets them, the new cells after the team's.
    assert '<row r="5"><c r="A5"><v>5</v></c><c r="B5"><v>1</v></c><c r="D5"' in out
    assert '<autoFilter ref="A1:E65"/>' in out and '<dimension ref="A1:E65"/>' in out
    assert "<conditionalFormatting" in out and "customWidth" in out


@pytest.mark.parametrize("cut", [b"</sheetData>", b"</row>"])
def test_a_sheet_cut_short_is_refused_not_written(cut: bytes) -> None:
    data = sheet()
    truncated = data[:data.rfind(cut)]
    with pytest.raises(XltradeError, match="damaged"):
        spliced(truncated, 64)


def test_page_setup_goes_between_the_sheets_own_elements_not_into_a_rule() -> None:
    """A data bar's rule carries its own extLst: the page set-up xltrade adds to a sheet
    without one belongs before the sheet's extLst, never inside the rule."""
    from xltrade.sheets.patch import PrintSetup

    rule_ext = ('<conditionalFormatting sqref="A2:A9"><cfRule type="dataBar" priority="1">'
                '<dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar>'
                '<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}"><id x="1">'
                "{00000000-0000-0000-0000-000000000001}</id></ext></extLst></cfRule>"
                "</conditionalFormatting>")
    data = sheet().replace(b'<autoFilter ref="A1:B59"/>',
                           b'<autoFilter ref="A1:B59"/>' + rule_ext.encode())
    data = data.replace(b"</worksheet>", b'<extLst><ext uri="{x}"/></extLst></worksheet>')
    edited = patch()
    edited.print_setup = PrintSetup(footer_right="&P")
    out = b"".join(splice([data], edited, StyleBook(STYLES), header_row=1).data).decode()
    rule = out[out.index('<cfRule type="dataBar"'):out.index("</cfRule>")]
    assert "pageSetup" not in rule and "headerFooter" not in rule
    assert out.index("<pageMargins") < out.index("<pageSetup") < out.index("<headerFooter") \
        < out.rindex("<extLst>")


_CELLS = st.lists(st.tuples(st.integers(1, 60), st.sampled_from(
    ['<c r="{ref}"><v>1</v></c>', '<c r="{ref}" s="1"/>', '<c s="1" r="{ref}"><v>2</v></c>',
     '<c r="{ref}" t="inlineStr"><is><t>a &lt;c r="Z9"&gt;</t></is></c>', "<c><v>3</v></c>",
     '<c\tr="{ref}"><v>4</v></c>'])), max_size=8)


@given(_CELLS, st.integers(1, 3), st.booleans())
@settings(max_examples=400, deadline=None)
def test_the_quick_way_for_a_row_writes_what_the_cell_by_cell_way_does(
        cells: list[tuple[int, str]], width: int, in_order: bool) -> None:
    # Rows as teams' files hold them: cells in or out of order, some past xltrade's
    # columns, some without a reference or with attributes in another order.
    if in_order:
        cells = sorted(cells)
    inner = "".join(cell.format(ref=f"{column_letter(c)}7") for c, cell in cells).encode()
    block = Block(7, 30, [[f"v{i}" for i in range(width)]])
    splicer = RowSplicer(b"", Targets([block]), StyleBook(STYLES), False)
    quick = splicer._row_cells(7, inner)
    splicer._appended = lambda *_: None  # type: ignore[method-assign]
    slow = splicer._row_cells(7, inner)
    if in_order:
        assert slow == quick
    else:  # the quick way keeps the team's cells where they are; the other sorts them
        cell = re.compile(rb"<c[^>]*/>|<c[\s>].*?</c>")
        assert sorted(cell.findall(slow[0])) == sorted(cell.findall(quick[0]))
