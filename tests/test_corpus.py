"""Workbooks with everything real teams have in them (charts, pictures, shapes, form
buttons, comments, x14 data bars and sparklines, tables, defined names, header images,
dynamic arrays, macros, custom XML, LibreOffice's way of saving), run through
``report`` twice. Each time: every part xltrade does not own is byte for byte the
original, the customer sheet is the original plus xltrade's cells, rules, filter and
dimension, the team's cached formula values are all there, the file passes the
ECMA-376 schema check and LibreOffice opens it.

The files are made by XlsxWriter (whose files mirror Excel's own structure) and by
LibreOffice saving them again, never by hand-picking happy files.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import xlsxwriter

from conftest import TODAY, add_parts, need
from package_checks import (
    EDITABLE,
    MAIN,
    ROOT,
    check_kept,
    consistency_problems,
    problems,
    zip_parts,
)
from xltrade.book.run import run

HEADERS = ["客户名称", "跟进阶段", "最近跟进", "订单数", "业务员", "合计"]
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
       b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00"
       b"\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")

Builder = Callable[[xlsxwriter.Workbook, "xlsxwriter.worksheet.Worksheet", Path], None]


def customer_sheet(book: xlsxwriter.Workbook) -> xlsxwriter.worksheet.Worksheet:
    """The team's customer sheet: a title, the header row, customers with a formula
    column whose cached values must survive."""
    ws = book.add_worksheet("客户表")
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    bold = book.add_format({"bold": True, "bg_color": "#FCE4D6"})
    ws.write_string(0, 0, "外贸客户跟进表")
    for c, h in enumerate(HEADERS):
        ws.write_string(1, c, h, bold)
    stages = ["已报价", "新询盘", "成交", "已回复", "样品"]
    for i in range(12):
        r = i + 2
        ws.write_string(r, 0, f"客户{i + 1:02d} Trading")
        ws.write_string(r, 1, stages[i % len(stages)])
        ws.write_datetime(r, 2, dt.datetime(2026, 10, 1) + dt.timedelta(days=3 * i), date)
        ws.write_number(r, 3, i % 3)
        ws.write_string(r, 4, ["张伟", "李娜"][i % 2])
        ws.write_formula(r, 5, f"=D{r + 1}*100", None, (i % 3) * 100)
    ws.write_formula(14, 0, '="合计"', None, "合计")
    ws.write_formula(14, 5, "=SUM(F3:F14)", None, 1200)
    ws.autofilter(1, 0, 13, len(HEADERS) - 1)
    ws.freeze_panes(2, 1)
    ws.set_column(0, 0, 22)
    return ws


def _charts_pictures_shapes(book, ws, folder: Path) -> None:
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": "=客户表!$D$3:$D$14", "name": "订单"})
    ws.insert_chart("J2", chart)
    image = folder / "logo.png"
    image.write_bytes(PNG)
    ws.insert_image("J20", str(image))
    ws.insert_textbox("J30", "重点客户：本周联系", {"width": 200, "height": 60})


def _buttons_comments(book, ws, folder: Path) -> None:
    ws.write_comment("A3", "老客户，注意返单", {"author": "张伟", "font_name": "Arial",
                                           "font_size": 12, "color": "#FFCC99"})
    ws.write_comment("B5", "报价已发 <FOB>", {"author": "李娜"})
    ws.insert_button("J2", {"macro": "RunReport", "caption": "生成周报"})


def _data_bars_sparklines(book, ws, folder: Path) -> None:
    ws.conditional_format("D3:D14", {"type": "data_bar", "bar_solid": True,
                                     "data_bar_2010": True})
    ws.conditional_format("F3:F14", {"type": "icon_set",
                                     "icon_style": "3_traffic_lights"})
    ws.conditional_format("A3:A14", {"type": "text", "criteria": "containing",
                                     "value": "Trading", "format": book.add_format(
                                         {"font_color": "#9C0006"})})
    ws.add_sparkline("G3", {"range": "客户表!D3:F3"})


def _tables_names_print(book, ws, folder: Path) -> None:
    other = book.add_worksheet("产品目录")
    other.add_table("A1:C4", {"data": [["LED", 3, 1.5], ["Panel", 5, 2.0], ["Strip", 8, 0.5]],
                              "columns": [{"header": "产品"}, {"header": "库存"},
                                          {"header": "单价"}]})
    book.define_name("客户列表", "=客户表!$A$3:$A$14")
    book.define_name("产品目录!本地名", "=产品目录!$A$1")
    ws.print_area("A1:F15")
    ws.repeat_rows(1)
    ws.set_landscape()
    ws.set_paper(9)
    image = folder / "header.png"
    image.write_bytes(PNG)
    ws.set_header("&L&G&C客户跟进表&R&D", {"image_left": str(image)})
    ws.set_footer("&C第 &P 页")
    ws.protect("", {"autofilter": True, "sort": True})
    ws.unprotect_range("A3:E14", "编辑区")
    ws.set_page_view()  # the page-layout view (Mac and Windows)


def _dynamic_arrays(book, ws, folder: Path) -> None:
    ws.write_dynamic_array_formula("H3:H5", "=SORT(D3:D5)", None, 0)
    ws.write_array_formula("I3:I3", "{=SUM(D3:D14*2)}", None, 24)


def _macros(book, ws, folder: Path) -> None:
    with zipfile.ZipFile(ROOT / "workbook" / "Customers.xlsm") as archive:
        project = archive.read("xl/vbaProject.bin")
    path = folder / "vbaProject.bin"
    path.write_bytes(project)
    book.add_vba_project(str(path))
    book.set_vba_name("ThisWorkbook")
    ws.set_vba_name("Sheet1")


BUILDERS: dict[str, Builder] = {
    "charts_pictures_shapes": _charts_pictures_shapes,
    "buttons_comments": _buttons_comments,
    "data_bars_sparklines": _data_bars_sparklines,
    "tables_names_print": _tables_names_print,
    "dynamic_arrays": _dynamic_arrays,
    "macros": _macros,
}


def make(name: str, folder: Path, file_name: str | None = None) -> Path:
    suffix = ".xlsm" if name == "macros" else ".xlsx"
    path = folder / f"{file_name or name}{suffix}"
    book = xlsxwriter.Workbook(str(path))
    ws = customer_sheet(book)
    BUILDERS[name](book, ws, folder)
    book.close()
    return path


def with_custom_xml(path: Path) -> Path:
    """Add a custom XML data part related from the workbook, as SharePoint does."""
    item = b'<?xml version="1.0"?><b:Sources xmlns:b="urn:x-test"/>'
    rel = (b'<Relationship Id="rIdCx1" Type="http://schemas.openxmlformats.org/'
           b'officeDocument/2006/relationships/customXml" Target="../customXml/item1.xml"/>')
    add_parts(path, {"customXml/item1.xml": item}, {
        "xl/_rels/workbook.xml.rels": lambda d: d.replace(b"</Relationships>",
                                                          rel + b"</Relationships>")})
    return path


#: Both XlsxWriter and LibreOffice write the first sheet (the customer sheet) here.
CUSTOMER_PART = "xl/worksheets/sheet1.xml"


def report_twice(path: Path) -> dict[str, bytes]:
    before = zip_parts(path)
    sheet = CUSTOMER_PART
    first = path.with_name(path.stem + "-1" + path.suffix)
    run(path, out=first, today=TODAY, report=True)
    check_kept(before, zip_parts(first), sheet)
    assert consistency_problems(zip_parts(first)) == []
    second = path.with_name(path.stem + "-2" + path.suffix)
    run(first, out=second, today=TODAY + dt.timedelta(days=7), report=True)
    after = zip_parts(second)
    check_kept(before, after, sheet)
    assert consistency_problems(after) == []
    assert re.search("客户等级".encode(), after[sheet]), "the grade column is there"
    assert len([n for n in after if n.startswith("xl/charts/")]) == \
        len([n for n in before if n.startswith("xl/charts/")]) + 2
    return after


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("corpus")
    files = {name: make(name, folder) for name in BUILDERS}
    files["custom_xml"] = with_custom_xml(make("charts_pictures_shapes", folder, "custom_xml"))
    return files


@pytest.mark.parametrize("name", [*BUILDERS, "custom_xml"])
def test_report_keeps_everything_of_the_team(corpus: dict[str, Path], name: str) -> None:
    report_twice(corpus[name])


def test_macros_and_their_code_names_survive(corpus: dict[str, Path]) -> None:
    after = report_twice(corpus["macros"])
    assert after["xl/vbaProject.bin"] == zip_parts(corpus["macros"])["xl/vbaProject.bin"]
    assert b'codeName="Sheet1"' in after["xl/worksheets/sheet1.xml"]


def libreoffice_convert(paths: list[Path], kind: str, out: Path) -> None:
    need("soffice")
    profile = out / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", kind, "--outdir", str(out), *map(str, paths)],
                   check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def libreoffice_saved(corpus: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
                      ) -> list[Path]:
    """The corpus saved again by LibreOffice: empty drawing parts, its own styles and
    custom properties, shared formulas written its way."""
    out = tmp_path_factory.mktemp("lo")
    sources = [corpus[n] for n in ("charts_pictures_shapes", "buttons_comments",
                                   "data_bars_sparklines", "tables_names_print")]
    libreoffice_convert(sources, "xlsx:Calc MS Excel 2007 XML", out)
    return sorted(out.glob("*.xlsx"))


def test_libreoffice_saved_workbooks_are_reported_not_refused(libreoffice_saved: list[Path]
                                                              ) -> None:
    assert len(libreoffice_saved) == 4
    for path in libreoffice_saved:
        before = zip_parts(path)
        out = path.with_name("reported-" + path.name)
        run(path, out=out, today=TODAY, report=True)
        after = zip_parts(out)
        for name, data in before.items():
            if name not in EDITABLE and name != CUSTOMER_PART:
                assert after[name] == data, (path.name, name)
        assert consistency_problems(after) == [], path.name


def test_every_output_validates_and_opens_in_libreoffice(
        corpus: dict[str, Path], libreoffice_saved: list[Path], tmp_path: Path) -> None:
    sources = [*corpus.values(), *libreoffice_saved]
    outputs = []
    for n, path in enumerate(sources):
        out = tmp_path / f"out{n}-{path.name}"
        run(path, out=out, today=TODAY, report=True)
        outputs.append(out)
    folder = tmp_path / "csv"
    folder.mkdir()
    libreoffice_convert(outputs, "csv:Text - txt - csv (StarCalc):44,34,76", folder)
    for out in outputs:
        text = (folder / (out.stem + ".csv")).read_bytes().decode("utf-8", "replace")
        assert "客户01 Trading" in text and "客户等级" in text, out.name
    before, after = problems(sources), problems(outputs)
    for source, out in zip(sources, outputs, strict=True):
        # What xltrade writes is valid; a team file LibreOffice saved with markup the
        # schemas reject keeps exactly those bytes, and nothing more is reported.
        assert after[out.name] <= before[source.name], (out.name, after[out.name])
    assert sum(not before[s.name] for s in sources) >= 7


def test_a_formula_replaced_by_a_computed_value_drops_the_calculation_chain(
        tmp_path: Path) -> None:
    """A formula typed into xltrade's own grade column (a workbook from before xltrade
    marked its columns: all six computed headers side by side): the chain naming those
    cells would make Excel repair the file, so it goes (Excel rebuilds it)."""
    path = tmp_path / "chain.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("客户表")
    for c, h in enumerate(["客户名称", "跟进阶段", "客户等级", "等级依据", "下次跟进", "跟进提醒",
                           "逾期天数", "跟进建议"]):
        ws.write_string(0, c, h)
    ws.write_string(1, 0, "Acme")
    ws.write_string(1, 1, "已报价")
    ws.write_formula(1, 2, '="B"', None, "B")
    book.close()
    chain = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="'
             + MAIN.encode() + b'"><c r="C2" i="1"/></calcChain>')
    rel = (b'<Relationship Id="rIdCc" Type="http://schemas.openxmlformats.org/officeDocument/'
           b'2006/relationships/calcChain" Target="calcChain.xml"/>')
    override = (b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.'
                b'openxmlformats-officedocument.spreadsheetml.calcChain+xml"/>')
    add_parts(path, {"xl/calcChain.xml": chain}, {
        "xl/_rels/workbook.xml.rels": lambda d: d.replace(b"</Relationships>",
                                                          rel + b"</Relationships>"),
        "[Content_Types].xml": lambda d: d.replace(b"</Types>", override + b"</Types>")})
    run(path, today=TODAY)
    after = zip_parts(path)
    assert "xl/calcChain.xml" not in after
    assert b"calcChain" not in after["xl/_rels/workbook.xml.rels"]
    assert b"calcChain" not in after["[Content_Types].xml"]
    grade = re.search(rb'<c r="C2"[^>]*>.*?</c>', after[CUSTOMER_PART])
    assert grade and b"<f>" not in grade.group() and b"inlineStr" in grade.group()
    assert not problems([path])[path.name]


@pytest.mark.parametrize("name", [*BUILDERS, "custom_xml"])
def test_recording_a_follow_up_keeps_everything_of_the_team(corpus: dict[str, Path],
                                                            name: str, tmp_path: Path) -> None:
    """xltrade log on every corpus workbook: the log is added, every part of the team's
    other than the customer sheet stays byte for byte, and the result is valid."""
    from xltrade.book.record import record
    from xltrade.sheets.recording import FollowUp

    path = tmp_path / corpus[name].name
    path.write_bytes(corpus[name].read_bytes())
    before = zip_parts(path)
    record(path, FollowUp(name="客户02 Trading", topic="价格更新", replied=True), today=TODAY)
    after = zip_parts(path)
    for part, data in before.items():
        if part not in EDITABLE and part != CUSTOMER_PART:
            assert after[part] == data, part
    assert consistency_problems(after) == []
    assert problems([path]) == {path.name: set()}
