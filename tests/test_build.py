"""The macro workbook: built from sources, deterministic, committed as built, and read
back by independent tools (olevba, Apache POI, LibreOffice)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
import xlwings
from oletools.olevba import VBA_Parser

from conftest import TODAY, add_parts, need, zip_parts
from package_checks import consistency_problems
from test_vba_project import parse_poi_output, poi_classpath
from xltrade import build
from xltrade.book.run import run
from xltrade.build import CONFIG_SHEET, adopt_workbook, build_workbook
from xltrade.excel import ribbon
from xltrade.excel.udf_wrappers import UDF_MODULE, wrappers_module
from xltrade.excel.udfs import UDFS
from xltrade.sample import write_sample
from xltrade.vba.project import Module
from xltrade.vba.reader import read_modules
from xlwings_windows import load_xlwings_udfs

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "workbook" / "Customers.xlsm"
PROBE = Path(__file__).parent / "lo" / "probe.py"
POI_READER = Path(__file__).parent / "java" / "ReadVba.java"
CODE_MODULES = {"xltrade", "xlwings", "xlwings_udfs", "Dictionary"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("build") / "Customers.xlsm")


def modules_of(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def canonical(name: str, data: bytes) -> bytes:
    if name.endswith((".xml", ".rels")):
        return ET.canonicalize(data.decode("utf-8"), strip_text=True).encode("utf-8")
    return data


def test_build_is_reproducible_and_the_committed_workbook_is_current(built: Path,
                                                                     tmp_path: Path) -> None:
    again = build_workbook(tmp_path / "again.xlsm")
    assert again.read_bytes() == built.read_bytes()
    assert COMMITTED.exists(), "run: xltrade build --force"
    committed, fresh = zip_parts(COMMITTED), zip_parts(built)
    assert sorted(committed) == sorted(fresh)
    # Binary parts byte for byte; XML compared canonically (openpyxl may order
    # attributes differently across releases, which changes nothing).
    stale = [n for n in fresh if canonical(n, committed[n]) != canonical(n, fresh[n])]
    assert stale == [], (f"workbook/Customers.xlsm is out of date in {stale}: "
                         "run xltrade build --force")


def test_the_built_workbook_is_consistent_across_parts(built: Path) -> None:
    parts = zip_parts(built)
    assert consistency_problems(parts) == []
    # The customer sheet opens selected, and only it.
    selected = [n for n, data in parts.items()
                if n.startswith("xl/worksheets/sheet") and b'tabSelected="1"' in data]
    assert len(selected) == 1 and "客户表".encode() in parts["xl/workbook.xml"]


def test_olevba_reads_every_module_back_exactly(built: Path) -> None:
    found = modules_of(built)
    wb = openpyxl.load_workbook(built, keep_vba=True)
    code_names = {wb.code_name} | {ws.sheet_properties.codeName for ws in wb.worksheets}
    assert set(found) == code_names | CODE_MODULES
    xlwings_bas = (Path(xlwings.__file__).parent / "xlwings.bas").read_text("cp1252")
    ours = (ROOT / "src" / "xltrade" / "excel" / "vba_src" / "xltrade.bas").read_text("ascii")
    assert code_only(found["xlwings"]) == code_only(xlwings_bas)
    assert code_only(found["xltrade"]) == code_only(ours)
    assert code_only(found["xlwings_udfs"]) == code_only(wrappers_module())


def code_only(text: str) -> str:
    """Module text without its ``Attribute VB_`` lines, which readers show or hide."""
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join(line for line in lines if not line.startswith("Attribute VB_"))


def test_apache_poi_reads_every_module_with_its_type(built: Path, tmp_path: Path) -> None:
    need("java", "javac")
    jars = poi_classpath()
    subprocess.run(["javac", "-d", str(tmp_path), "-cp", jars, str(POI_READER)], check=True,
                   timeout=180)
    project = tmp_path / "vbaProject.bin"
    project.write_bytes(zip_parts(built)["xl/vbaProject.bin"])
    out = subprocess.run(["java", "-cp", f"{jars}:{tmp_path}", "ReadVba", str(project)],
                         check=True, capture_output=True, text=True, timeout=180).stdout
    poi = parse_poi_output(out)
    ours = {m.name: m for m in read_modules(project.read_bytes())}
    assert set(poi) == set(ours)
    for name, (kind, text) in poi.items():
        expected = {"xltrade": "Module", "xlwings": "Module", "xlwings_udfs": "Module",
                    "Dictionary": "Class"}.get(name, "Document")
        assert kind == expected, name
        assert text.replace("\r\n", "\n") == ours[name].text.replace("\r\n", "\n")


def test_package_parts_and_code_names_match(built: Path) -> None:
    parts = zip_parts(built)
    types = parts["[Content_Types].xml"].decode()
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types
    assert 'Extension="bin" ContentType="application/vnd.ms-office.vbaProject"' in types
    assert b"relationships/vbaProject" in parts["xl/_rels/workbook.xml.rels"]
    assert b"http://schemas.microsoft.com/office/2006/relationships/ui/extensibility" in \
        parts["_rels/.rels"]
    assert "customUI/customUI14.xml" not in parts  # openpyxl would drop its relationship
    project = parts["xl/vbaProject.bin"]
    documents = {m.name for m in read_modules(project) if m.kind == "other"} - {"Dictionary"}
    workbook_xml = parts["xl/workbook.xml"].decode()
    names = set(re.findall(r'codeName="([^"]+)"', workbook_xml))
    for name, data in parts.items():
        if name.startswith("xl/worksheets/sheet"):
            names |= set(re.findall(r'codeName="([^"]+)"', data.decode()))
    assert names == documents


def test_ribbon_buttons_call_the_dispatcher_which_exists(built: Path) -> None:
    xml = zip_parts(built)["customUI/customUI.xml"]
    root = ET.fromstring(xml)
    assert root.tag == f"{{{ribbon.NAMESPACE}}}customUI"
    buttons = root.findall(f".//{{{ribbon.NAMESPACE}}}button")
    assert [b.get("id") for b in buttons] == list(ribbon.BUTTON_IDS)
    assert {"refresh", "weekly_report", "email_manager", "open_settings", "help"} <= \
        set(ribbon.BUTTON_IDS)
    code = modules_of(built)["xltrade"]
    for button in buttons:
        assert button.get("imageMso") and button.get("label")
        action = button.get("onAction")
        assert re.search(rf"^Public Sub {action}\(control As IRibbonControl\)", code, re.M)
        assert f'Case "{button.get("id")}"' in code


def test_ribbon_icons_are_excels_own(built: Path) -> None:
    """Every icon is a control id in all of Microsoft's published Excel lists (an id from
    another Office program, such as Access's CreateReport, may show blank in Excel)."""
    listed = ROOT / "tests" / "data" / "excel-control-ids" / "excel-control-ids.txt"
    known = set(listed.read_text(encoding="utf-8").split())
    assert len(known) > 1500 and "CreateReport" not in known
    root = ET.fromstring(zip_parts(built)["customUI/customUI.xml"])
    icons = {b.get("id"): b.get("imageMso")
             for b in root.findall(f".//{{{ribbon.NAMESPACE}}}button")}
    assert {button: icon for button, icon in icons.items() if icon not in known} == {}


def test_vba_never_builds_python_from_workbook_text(built: Path) -> None:
    code = modules_of(built)["xltrade"]
    calls = re.findall(r"RunPython (.*)", code)
    assert len(calls) == 5
    for call in calls:
        assert re.fullmatch(r'"import xltrade\.excel as x; x\.\w+\(\)"', call.strip()), call
    assert "InterpreterReady() Then RunPython" in code


def test_udf_wrappers_match_what_xlwings_generates() -> None:
    udfs = load_xlwings_udfs()
    import io
    import types

    module = types.ModuleType("xltrade_udfs_for_xlwings")
    for spec in UDFS:
        declared = spec.function
        for name, options in spec.args.items():
            declared = udfs.xlarg(name, **options)(declared)
        setattr(module, spec.name, udfs.xlfunc(declared))

    class Book:
        Name = "Customers.xlsm"

    generated = io.StringIO()
    udfs.generate_vba_wrapper(UDF_MODULE, module, generated, Book())
    assert wrappers_module() == build.udf_module().code
    assert wrappers_module().split("\n", 2)[2] == generated.getvalue()


def test_embedded_xlwings_module_is_the_installed_version(built: Path) -> None:
    code = modules_of(built)["xlwings"]
    assert f"'Version: {xlwings.__version__}" in code
    assert f'"xlwings64-{xlwings.__version__}.dll"' in code
    assert xlwings.__version__ == "0.37.8"


def test_xlwings_config_sheet_leaves_the_interpreter_to_each_computer(built: Path) -> None:
    wb = openpyxl.load_workbook(built, keep_vba=True)
    ws = wb[CONFIG_SHEET]
    assert ws.sheet_state == "hidden"
    rows = [(r[0].value, r[1].value) for r in ws.iter_rows(max_col=2)]
    assert all(key and value for key, value in rows)  # no blank rows: xlwings stops there
    keys = {key.upper().replace("_", " ") for key, _ in rows}
    assert "UDF MODULES" in keys
    assert not {k for k in keys if "INTERPRETER" in k}
    assert dict(rows)["UDF Modules"] == "xltrade.udfs"


def test_cli_runs_keep_the_macros_ribbon_and_code_names(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "team.xlsm"
    shutil.copy(built, copy)
    before = zip_parts(copy)
    run(copy, today=TODAY, report=True)
    run(copy, today=TODAY, report=True)
    after = zip_parts(copy)
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
    assert after["customUI/customUI.xml"] == before["customUI/customUI.xml"]
    old = openpyxl.load_workbook(built, keep_vba=True)
    new = openpyxl.load_workbook(copy, keep_vba=True)
    assert {ws.title: ws.sheet_properties.codeName for ws in new.worksheets} == \
        {ws.title: ws.sheet_properties.codeName for ws in old.worksheets}


def test_libreoffice_imports_every_module_with_its_type_and_runs_a_macro(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice cannot compile xlwings' module, so this project leaves it out and
    adds a pure-VBA self-test."""
    need("soffice", "/usr/bin/python3")
    original = build.project_modules

    def with_self_test(workbook_code, sheet_codes, with_xlwings=True):  # type: ignore[no-untyped-def]
        modules = original(workbook_code, sheet_codes, False)
        modules.append(Module("SelfTest", "standard",
                              'Option Explicit\nSub SelfTest()\n    ThisWorkbook.Worksheets(1)'
                              '.Range("AD1").Value = "ok " & Twice(21)\nEnd Sub\n'
                              "Function Twice(x)\n    Twice = 2 * x\nEnd Function\n"))
        modules.append(Module("Counter", "class", "Public Count As Long\n"))
        return modules

    monkeypatch.setattr(build, "project_modules", with_self_test)
    path = build_workbook(tmp_path / "selftest.xlsm")
    out = subprocess.run(["/usr/bin/python3", str(PROBE), str(path),
                          "VBAProject.SelfTest.SelfTest", "客户表!AD1"],
                         capture_output=True, text=True, timeout=300, check=True).stdout
    seen = json.loads(out)
    modules = seen["libraries"]["VBAProject"]
    wb = openpyxl.load_workbook(path, keep_vba=True)
    documents = {wb.code_name} | {ws.sheet_properties.codeName for ws in wb.worksheets}
    assert {name: m["type"] for name, m in modules.items()} == {
        **dict.fromkeys(documents, "document"), "xltrade": "normal", "SelfTest": "normal",
        "Counter": "class"}
    assert "Public Sub XltradeRibbon(control As IRibbonControl)" in modules["xltrade"]["code"]
    assert seen["cell"] == "ok 42"


def test_adopt_keeps_the_teams_sheets_styles_merges_and_filter(tmp_path: Path) -> None:
    team = tmp_path / "team.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户"
    ws["A1"] = "华东外贸部 客户表"
    ws.merge_cells("A1:E1")
    ws.append([])
    ws.append(["客户名称", "业务员", "阶段", "最近跟进", "我们的备注"])
    ws.append(["Acme", "张伟", "已报价", TODAY, "重点"])
    ws["A3"].font = openpyxl.styles.Font(bold=True, color="FFFF0000")
    ws.auto_filter.ref = "A3:E4"
    ws.column_dimensions["A"].width = 33
    extra = wb.create_sheet("产品")
    extra.append(["LED", 3.5])
    wb.save(team)
    out = adopt_workbook(team, tmp_path / "Customers.xlsm", today=TODAY)
    assert consistency_problems(zip_parts(out)) == []
    adopted = openpyxl.load_workbook(out, keep_vba=True)
    sheet = adopted["客户"]
    assert [c.value for c in sheet[3]] == ["客户名称", "业务员", "阶段", "最近跟进", "我们的备注"]
    assert sheet["A1"].value == "华东外贸部 客户表"
    assert {r.coord for r in sheet.merged_cells.ranges} == {"A1:E1"}
    assert sheet.auto_filter.ref == "A3:E4"
    assert sheet["A3"].font.bold and sheet["A3"].font.color.rgb == "FFFF0000"
    assert sheet.column_dimensions["A"].width == 33
    assert [c.value for c in adopted["产品"][1]] == ["LED", 3.5]
    assert {"设置", "使用说明", CONFIG_SHEET} <= set(adopted.sheetnames)
    assert set(modules_of(out)) >= CODE_MODULES
    assert zipfile.is_zipfile(out) and team.exists()


def team_xlsm(path: Path, code_name: str) -> Path:
    """A team's macro workbook with a module of its own, its ThisWorkbook code, and a
    sheet whose code name tries to smuggle a line into the VBA project."""
    modules = [Module("ThisWorkbook", "document",
                      "Private Sub Workbook_Open()\n    Debug.Print 1\nEnd Sub\n",
                      build.WORKBOOK_BASE),
               Module("Sheet1", "document", "", build.WORKSHEET_BASE),
               Module("TeamTools", "standard",
                      "Public Function Margin(p, c)\n    Margin = p - c\nEnd Function\n")]
    project = path.with_name("team.bin")
    project.write_bytes(build.build_project(modules))
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("客户")
    for c, h in enumerate(["客户名称", "阶段"]):
        sheet.write_string(0, c, h)
    sheet.write_string(1, 0, "Acme")
    sheet.write_string(1, 1, "已报价")
    book.add_vba_project(str(project))
    book.set_vba_name("ThisWorkbook")
    sheet.set_vba_name("Sheet1")
    book.close()
    evil = code_name.replace("&", "&amp;").replace('"', "&quot;").replace("\n", "&#10;")
    edit = {"xl/worksheets/sheet1.xml":
            lambda d: d.replace(b'codeName="Sheet1"', f'codeName="{evil}"'.encode())}
    add_parts(path, {}, edit)
    return path


def test_adopt_keeps_the_teams_vba_and_never_copies_a_code_name_into_it(tmp_path: Path
                                                                        ) -> None:
    evil = 'X"\nPublic Const PWN = 1'
    team = team_xlsm(tmp_path / "team.xlsm", evil)
    out = adopt_workbook(team, tmp_path / "Customers.xlsm", today=TODAY)
    assert consistency_problems(zip_parts(out)) == []
    modules = modules_of(out)
    assert "Margin = p - c" in modules["TeamTools"]
    assert "Workbook_Open" in modules["ThisWorkbook"]
    assert set(modules) >= CODE_MODULES
    assert not any("PWN" in code for code in modules.values())
    sheet = zip_parts(out)["xl/worksheets/sheet1.xml"]
    assert b"PWN" not in sheet and re.search(rb'codeName="Sheet\d+"', sheet)


def test_adopt_renames_its_module_when_the_team_has_one_of_that_name(tmp_path: Path
                                                                      ) -> None:
    """The team's own module named ``xltrade`` stays as it is; xltrade's takes another
    name, and the ribbon still reaches its dispatcher (a Sub name, not a module's)."""
    team = tmp_path / "team.xlsm"
    team_xlsm(team, "Sheet1")
    modules = [Module("ThisWorkbook", "document", "", build.WORKBOOK_BASE),
               Module("Sheet1", "document", "", build.WORKSHEET_BASE),
               Module("xltrade", "standard", "Sub Mine()\nEnd Sub\n")]
    clash = build.build_project(modules)
    add_parts(team, {}, {"xl/vbaProject.bin": lambda d: clash})
    out = adopt_workbook(team, tmp_path / "Customers.xlsm", today=TODAY)
    found = modules_of(out)
    assert code_only(found["xltrade"]).strip() == "Sub Mine()\nEnd Sub"
    assert code_only(found["xltrade2"]) == code_only(build.xltrade_module().code)
    assert {"xlwings", "Dictionary", "xlwings_udfs"} <= set(found)
    assert consistency_problems(zip_parts(out)) == []


def test_xltrade_workbook_writes_the_bundled_workbook(tmp_path: Path) -> None:
    """What a salesperson gets from the package is the repository's Customers.xlsm, byte
    for byte; an existing file (their customers, perhaps) is never replaced unasked."""
    import sys

    out = tmp_path / "我的客户" / "Customers.xlsm"
    done = subprocess.run([sys.executable, "-m", "xltrade", "workbook", "--out", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == COMMITTED.read_bytes()
    out.write_bytes(b"their own workbook")
    again = subprocess.run([sys.executable, "-m", "xltrade", "workbook", "--out", str(out)],
                           capture_output=True, text=True)
    assert again.returncode == 1 and "--force" in again.stderr
    assert out.read_bytes() == b"their own workbook"
    wrong = subprocess.run([sys.executable, "-m", "xltrade", "workbook", "--out",
                            str(tmp_path / "c.xlsx")], capture_output=True, text=True)
    assert wrong.returncode == 1 and ".xlsm" in wrong.stderr


def test_adopting_an_adopted_workbook_makes_xltrades_modules_anew(tmp_path: Path) -> None:
    """Its xltrade, xlwings, Dictionary and UDF modules are xltrade's own: they are
    replaced by this release's, once each, and the team's own module stays."""
    first = adopt_workbook(team_xlsm(tmp_path / "team.xlsm", "Sheet1"),
                           tmp_path / "first.xlsm", today=TODAY)
    again = adopt_workbook(first, tmp_path / "again.xlsm", today=TODAY)
    modules = modules_of(again)
    assert modules["xltrade"] == modules_of(first)["xltrade"]
    assert "Margin = p - c" in modules["TeamTools"]
    assert set(modules) >= CODE_MODULES
    assert consistency_problems(zip_parts(again)) == []


@pytest.mark.parametrize("command", ["build", "adopt", "workbook", "sample"])
def test_no_command_replaces_a_file_unasked(tmp_path: Path, command: str) -> None:
    """build, adopt, workbook and sample all refuse an existing file without --force,
    and say so; with --force they replace it."""
    import sys

    suffix = ".xlsx" if command == "sample" else ".xlsm"
    out = tmp_path / f"theirs{suffix}"
    out.write_bytes(b"their own workbook")
    team = write_sample(tmp_path / "team.xlsx", today=TODAY)
    args = {"build": ["build", "--out", str(out)],
            "adopt": ["adopt", str(team), "--out", str(out)],
            "workbook": ["workbook", "--out", str(out)],
            "sample": ["sample", str(out)]}[command]
    done = subprocess.run([sys.executable, "-m", "xltrade", *args], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1 and "--force" in done.stderr and done.stderr.count("\n") == 1
    assert out.read_bytes() == b"their own workbook"
    forced = subprocess.run([sys.executable, "-m", "xltrade", *args, "--force"],
                            capture_output=True, text=True, timeout=120)
    assert forced.returncode == 0, forced.stderr
    assert zipfile.is_zipfile(out)
