"""Workbooks Excel opens that the cell reader cannot list whole: an Excel 4.0 macro
sheet, a sheet whose relationship is missing, a sheet whose part is missing, a sheet
relationship to a part that is not there; and sheets formatted down to their last row,
as LibreOffice and gnumeric write them (the size guard counts only cells that may hold
a value). xltrade reads around them and keeps them:
the report runs, every part it does not own stays byte for byte, the sheets stay
listed, and the manager's copy is made."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TODAY, zip_parts
from package_checks import EDITABLE, problems
from xltrade.book.read import SheetReader
from xltrade.book.run import run
from xltrade.book.snapshot import snapshot
from xltrade.sample import write_sample

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CUSTOMER_PART = "xl/worksheets/sheet1.xml"
MACRO_SHEET = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               b'<xm:macrosheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
               b'main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
               b'<sheetData><row r="1"><c r="A1" t="str"><f>RETURN()</f><v></v></c></row>'
               b'</sheetData></xm:macrosheet>')


FORMATTED_END = (b'<row r="5000" customFormat="1" s="0"><c r="A5000" s="0"/></row>'
                 b'<row r="1048576" customFormat="1" s="0" spans="1:1024">'
                 b'<c r="AMJ1048576" s="0"/></row></sheetData>')


def _listed(name: str, rid: str, sheet_id: int, state: str = "") -> Callable[[bytes], bytes]:
    extra = f' state="{state}"' if state else ""
    element = (f'<sheet xmlns:r="{R}" name="{name}" sheetId="{sheet_id}"{extra} '
               f'r:id="{rid}"/>').encode()
    return lambda d: d.replace(b"</sheets>", element + b"</sheets>")


def _rel(rid: str, kind: str, target: str) -> Callable[[bytes], bytes]:
    rel = f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'.encode()
    return lambda d: d.replace(b"</Relationships>", rel + b"</Relationships>")


def _chain(*edits: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    def apply(data: bytes) -> bytes:
        for edit in edits:
            data = edit(data)
        return data
    return apply


CASES: dict[str, tuple[dict[str, bytes], dict[str, Callable[[bytes], bytes]]]] = {
    "macro_sheet": ({"xl/macrosheets/sheet9.xml": MACRO_SHEET}, {
        "[Content_Types].xml": lambda d: d.replace(b"</Types>", (
            b'<Override PartName="/xl/macrosheets/sheet9.xml" ContentType="application/'
            b'vnd.ms-excel.macrosheet+xml"/></Types>')),
        "xl/_rels/workbook.xml.rels": _rel(
            "rIdM9", "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet",
            "macrosheets/sheet9.xml"),
        "xl/workbook.xml": _listed("Macro1", "rIdM9", 99, "hidden")}),
    "sheet_without_relationship": ({}, {"xl/workbook.xml": _listed("Ghost", "rIdGhost", 50)}),
    "sheet_without_part": ({}, {
        "xl/_rels/workbook.xml.rels": _rel("rIdX", f"{R}/worksheet", "worksheets/gone.xml"),
        "xl/workbook.xml": _listed("Gone", "rIdX", 51)}),
    # As LibreOffice and gnumeric write a sheet whose columns are formatted: empty rows
    # and cells with a style down to the sheet's last row, on every sheet.
    "formatted_rows_to_the_end": ({}, {
        "xl/worksheets/sheet1.xml": lambda d: d.replace(b"</sheetData>", FORMATTED_END),
        "xl/worksheets/sheet2.xml": lambda d: d.replace(b"</sheetData>", FORMATTED_END)}),
    "drawing_not_there": ({"xl/worksheets/_rels/sheet2.xml.rels": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
        b'"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
        b'Id="rId7" Type="' + f"{R}/drawing".encode() + b'" Target="../drawings/gone.xml"/>'
        b"</Relationships>")}, {}),
}


def rare(tmp_path: Path, case: str) -> Path:
    good = write_sample(tmp_path / "good.xlsx", today=TODAY)
    added, edits = CASES[case]
    path = tmp_path / f"{case}.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            data = src.read(name)
            out.writestr(name, edits[name](data) if name in edits else data)
        for name, data in added.items():
            out.writestr(name, data)
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_rare_parts_are_read_around_and_kept(tmp_path: Path, case: str) -> None:
    path = rare(tmp_path, case)
    original = Path(shutil.copy(path, tmp_path / f"original-{case}.xlsx"))
    before = zip_parts(path)
    outcome = run(path, today=TODAY, report=True)
    assert outcome.summary is not None and outcome.summary.figures["customers"] == 60
    after = zip_parts(path)
    for name, data in before.items():
        if name not in EDITABLE and name != CUSTOMER_PART:
            assert after.get(name) == data, name
    sheets = set(re.findall(rb'<sheet\b[^>]*\bname="([^"]*)"', after["xl/workbook.xml"]))
    listed = set(re.findall(rb'<sheet\b[^>]*\bname="([^"]*)"', before["xl/workbook.xml"]))
    assert listed < sheets and "周报".encode() in sheets  # theirs all kept, the report added
    reader = SheetReader(path)
    assert reader.rows("客户表")[2][23] == "客户等级"
    reader.close()
    manager = snapshot(path, tmp_path / "manager.xlsx")
    assert "周报".encode() in zip_parts(manager)["xl/workbook.xml"]
    # What xltrade wrote adds no schema problem to those the file came with.
    found = problems([original, path])
    assert found[path.name] <= found[original.name], found
