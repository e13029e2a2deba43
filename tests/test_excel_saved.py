"""Workbooks that Excel itself saved (Windows, Mac, Excel Online; from Apache POI's
test data, see ``data/excel-saved/README.md``), with a customer sheet added the way a
team adds one: threaded comments, pivot caches, external links, printer settings.
``report`` runs twice on each; every part of theirs stays byte for byte, the package
stays consistent and valid, and LibreOffice opens the result."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from conftest import TODAY, need
from package_checks import EDITABLE, check_kept, consistency_problems, problems, zip_parts
from test_corpus import libreoffice_convert
from xltrade.book.run import run

SAVED = Path(__file__).parent / "data" / "excel-saved"
FILES = sorted(p.name for p in SAVED.glob("*.xlsx"))
CUSTOMER_PART = "xl/worksheets/customers.xml"
#: Excel for Mac's page-layout-view extension, as it saves it on a sheet.
MAC_PAGE_LAYOUT = ('<extLst><ext uri="{64002731-A6B0-56B0-2670-7721B7C09600}" '
                   'xmlns:mx="http://schemas.microsoft.com/office/mac/excel/2008/main">'
                   '<mx:PLV Mode="1" OnePage="0" WScale="0"/></ext></extLst>')
HEADERS = ["客户名称", "跟进阶段", "最近跟进", "订单数", "业务员", "合计"]


def _cell(ref: str, value: object) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def customer_sheet_xml() -> bytes:
    """A plain customer sheet: headers, ten customers, a formula column with cached
    values that must survive."""
    rows = ["<row r=\"1\">" + "".join(_cell(f"{c}1", h) for c, h in zip("ABCDEF", HEADERS,
                                                                          strict=True))
            + "</row>"]
    stages = ["已报价", "新询盘", "成交", "已回复", "样品"]
    for i in range(10):
        r = i + 2
        last = (dt.date(2026, 10, 1) + dt.timedelta(days=4 * i)).isoformat()
        owner = ["张伟", "李娜"][i % 2]
        cells = [_cell(f"A{r}", f"客户{i + 1:02d} Trading"), _cell(f"B{r}", stages[i % 5]),
                 _cell(f"C{r}", last), _cell(f"D{r}", i % 3), _cell(f"E{r}", owner),
                 f'<c r="F{r}"><f>D{r}*100</f><v>{(i % 3) * 100}</v></c>']
        rows.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<dimension ref="A1:F11"/><sheetData>' + "".join(rows) + "</sheetData>"
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
            'footer="0.3"/>' + MAC_PAGE_LAYOUT + "</worksheet>").encode()


def add_customer_sheet(source: Path, out: Path) -> Path:
    """Copy ``source`` with a customer sheet appended as the last tab, touching only
    the three entries that name it."""
    rel_type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    with zipfile.ZipFile(source) as src:
        items = [(i, src.read(i.filename)) for i in src.infolist()]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in items:
            if info.filename == "xl/workbook.xml":
                ids = [int(n) for n in re.findall(rb'sheetId="(\d+)"', data)]
                data = data.replace(b"</sheets>", (
                    f'<sheet name="客户表" sheetId="{max(ids) + 1}" r:id="rIdCustomers" '
                    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships"/></sheets>').encode())
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", (
                    f'<Relationship Id="rIdCustomers" Type="{rel_type}" '
                    'Target="worksheets/customers.xml"/></Relationships>').encode())
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", (
                    b'<Override PartName="/xl/worksheets/customers.xml" ContentType="application'
                    b'/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                    b"</Types>"))
            dst.writestr(info, data)
        dst.writestr(CUSTOMER_PART, customer_sheet_xml())
    return out


@pytest.fixture(scope="module")
def team_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("excel-saved")
    return {name: add_customer_sheet(SAVED / name, folder / name) for name in FILES}


def test_the_excel_saved_files_bring_what_the_other_writers_do_not() -> None:
    names = {n for f in FILES for n in zipfile.ZipFile(SAVED / f).namelist()}
    for part in ("xl/threadedComments/", "xl/persons/", "xl/pivotCache/",
                 "xl/externalLinks/", "xl/printerSettings/", "xl/connections.xml"):
        assert any(n.startswith(part) for n in names), part
    sheets = b"".join(zipfile.ZipFile(SAVED / f).read(n) for f in FILES
                      for n in zipfile.ZipFile(SAVED / f).namelist()
                      if n.startswith("xl/worksheets/sheet"))
    assert b"<mx:PLV" in sheets


@pytest.mark.parametrize("name", FILES)
def test_report_keeps_everything_excel_saved(team_files: dict[str, Path], name: str
                                             ) -> None:
    path = team_files[name]
    before = zip_parts(path)
    assert consistency_problems(before) == []
    first = path.with_name("first-" + name)
    run(path, out=first, today=TODAY, report=True)
    second = path.with_name("second-" + name)
    run(first, out=second, today=TODAY + dt.timedelta(days=7), report=True)
    for out in (first, second):
        after = zip_parts(out)
        check_kept(before, after, CUSTOMER_PART)
        assert consistency_problems(after) == [], out.name
        assert "周报".encode() in after["xl/workbook.xml"]
        # The rules go in before the sheet's extensions, which stay as they were.
        sheet = after[CUSTOMER_PART]
        assert sheet.index(b"<conditionalFormatting") < sheet.index(b"<extLst>")
        assert MAC_PAGE_LAYOUT.encode() in sheet
    assert problems([first, second]) == {first.name: set(), second.name: set()}


def test_libreoffice_opens_every_report(team_files: dict[str, Path], tmp_path: Path) -> None:
    need("soffice", "pdftotext")
    outputs = []
    for name, path in team_files.items():
        out = tmp_path / f"reported-{name}"
        run(path, out=out, today=TODAY, report=True)
        outputs.append(out)
    libreoffice_convert(outputs, "pdf", tmp_path)
    for out in outputs:
        pdf = tmp_path / (out.stem + ".pdf")
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        # The customer sheet with its grades, and the weekly report.
        assert "客户01 Trading" in text and "客户等级" in text, out.name
        assert "客户跟进周报" in text, out.name


@pytest.mark.parametrize("name", FILES)
def test_recording_a_follow_up_keeps_everything_excel_saved(team_files: dict[str, Path],
                                                            name: str, tmp_path: Path) -> None:
    """xltrade log on an Excel-saved workbook: the log sheet is added, every part of the
    team's other than the customer sheet and the package's index stays byte for byte,
    and the result is valid and consistent."""
    from xltrade.book.record import record
    from xltrade.sheets.recording import FollowUp

    path = tmp_path / name
    path.write_bytes(team_files[name].read_bytes())
    before = zip_parts(path)
    done, _ = record(path, FollowUp(name="客户03 Trading", medium="电话"), today=TODAY)
    assert (done.log_sheet, done.log_row) == ("跟进记录", 2)
    after = zip_parts(path)
    for part, data in before.items():
        if part in EDITABLE or part == CUSTOMER_PART:
            continue
        assert after[part] == data, part
    assert consistency_problems(after) == []
    assert problems([path]) == {path.name: set()}
