"""The VBA project writer, read back by independent tools: olefile/olevba (oletools)
and Apache POI's VBAMacroReader."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import olefile
import pytest
from oletools.olevba import VBA_Parser

from conftest import need
from xltrade.vba.compression import decompress
from xltrade.vba.project import (
    OFFICE,
    STDOLE,
    WORKBOOK_BASE,
    WORKSHEET_BASE,
    Module,
    build_project,
    dir_stream,
)

POI_READER = Path(__file__).parent / "java" / "ReadVba.java"
MODULES = [
    Module("Sheet1", "document", "", WORKSHEET_BASE),
    Module("ThisWorkbook", "document", "Private Sub Workbook_Open()\nEnd Sub\n", WORKBOOK_BASE),
    Module("Helpers", "standard",
           "Option Explicit\n\nFunction Twice(x)\n    Twice = 2 * x\nEnd Function"),
    Module("Counter", "class",
           "Public Count As Long\r\nPublic Sub Add()\r\n    Count = Count + 1\r\nEnd Sub\r\n"),
]


def test_same_modules_same_bytes() -> None:
    assert build_project(MODULES) == build_project(list(reversed(MODULES)))
    assert build_project(MODULES) != build_project(MODULES[:3])


def test_streams_and_their_order() -> None:
    ole = olefile.OleFileIO(io.BytesIO(build_project(MODULES)),
                            raise_defects=olefile.DEFECT_INCORRECT)
    assert sorted("/".join(p) for p in ole.listdir()) == [
        "PROJECT", "PROJECTwm", "VBA/Counter", "VBA/Helpers", "VBA/Sheet1", "VBA/ThisWorkbook",
        "VBA/_VBA_PROJECT", "VBA/dir"]
    assert ole.openstream("VBA/_VBA_PROJECT").read() == bytes.fromhex("CC61FFFF000100")
    project = ole.openstream("PROJECT").read().decode("cp1252").split("\r\n")
    assert project[1:5] == ["Document=ThisWorkbook/&H00000000",
                            "Document=Sheet1/&H00000000", "Module=Helpers", "Class=Counter"]
    assert any(line.startswith('GC="') for line in project)
    text = decompress(ole.openstream("VBA/Helpers").read()).decode("cp1252")
    assert text.startswith('Attribute VB_Name = "Helpers"\r\nOption Explicit\r\n')
    assert "\r\n\r\nFunction Twice(x)\r\n" in text and text.endswith("End Function\r\n")


def test_dir_stream_names_both_references_and_every_module() -> None:
    data = dir_stream("VBAProject", MODULES, references=(STDOLE, OFFICE))
    assert b"{00020430-0000-0000-C000-000000000046}" in data  # stdole
    assert b"{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}" in data  # Office: IRibbonControl
    for module in MODULES:
        assert module.name.encode("utf-16-le") in data


def test_olevba_reads_every_module_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "vbaProject.bin"
    path.write_bytes(build_project(MODULES))
    parser = VBA_Parser(str(path))
    found = {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
    parser.close()
    assert set(found) == {m.name for m in MODULES}
    for module in MODULES:
        assert found[module.name].replace("\r\n", "\n") == \
            module.text().replace("\r\n", "\n")


def test_apache_poi_reads_every_module_with_its_type(tmp_path: Path) -> None:
    need("java", "javac")
    jars = poi_classpath()
    path = tmp_path / "vbaProject.bin"
    path.write_bytes(build_project(MODULES))
    subprocess.run(["javac", "-d", str(tmp_path), "-cp", jars, str(POI_READER)], check=True,
                   timeout=180)
    out = subprocess.run(["java", "-cp", f"{jars}:{tmp_path}", "ReadVba", str(path)],
                         check=True, capture_output=True, text=True, timeout=180).stdout
    modules = parse_poi_output(out)
    assert {name: kind for name, (kind, _) in modules.items()} == {
        "Sheet1": "Document", "ThisWorkbook": "Document", "Helpers": "Module",
        "Counter": "Class"}
    for module in MODULES:
        assert modules[module.name][1].replace("\r\n", "\n") == \
            module.text().replace("\r\n", "\n")


def poi_classpath() -> str:
    folder = Path("/usr/share/java")
    jars = [folder / f"{name}.jar" for name in (
        "poi", "commons-io", "commons-collections4", "commons-math3", "commons-codec")]
    missing = [j.name for j in jars if not j.exists()]
    if missing:
        need(*("/nonexistent/" + m for m in missing))
    return ":".join(str(j) for j in jars)


def parse_poi_output(out: str) -> dict[str, tuple[str, str]]:
    modules: dict[str, tuple[str, str]] = {}
    name = kind = ""
    lines: list[str] = []
    for line in out.splitlines(keepends=True):
        if line.startswith("=== "):
            if name:
                modules[name] = (kind, "".join(lines))
            _, name, kind = line.split()
            lines = []
        else:
            lines.append(line)
    if name:
        modules[name] = (kind, "".join(lines))
    return modules


def test_non_ascii_source_is_refused() -> None:
    with pytest.raises(ValueError, match="1252"):
        build_project([Module("M", "standard", 'MsgBox "周报"')])
    with pytest.raises(ValueError, match="share a name"):
        build_project([Module("M", "standard", ""), Module("m", "standard", "")])
