"""``xltrade adopt`` adds xltrade's modules to a team's own VBA project and its tab to
the team's own ribbon, on real macro workbooks from public repositories (see
``data/macro-workbooks/SOURCES.md``): Chinese, Japanese and Cyrillic projects, forms,
extra references, locked and signed projects, ribbons of their own.

Everything is read back with tools independent of xltrade's VBA code: olefile for the
compound file, oletools (olevba) for module text and decompression, ElementTree for
the ribbon, and the offline ECMA-376 validator. Normalisations, declared here: the
``dir`` stream is compared decompressed (its compression is ours), and the
``_VBA_PROJECT`` stream is expected in its version-independent form.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import olefile
import pytest
from oletools.olevba import VBA_Parser, decompress_stream

from conftest import TODAY, add_parts, need
from package_checks import consistency_problems, problems, zip_parts
from test_build import POI_READER, code_only, modules_of, team_xlsm
from test_excel_saved import add_customer_sheet
from test_vba_project import parse_poi_output, poi_classpath
from xltrade.build import HELP_NAMES, adopt_workbook, build_workbook
from xltrade.excel import ribbon
from xltrade.excel.doctor import workbook_checks
from xltrade.sheets.settings import SETTINGS_NAMES
from xltrade.vba.merge import merge_project
from xltrade.vba.project import WORKBOOK_BASE, WORKSHEET_BASE, Module, build_project
from xltrade.vba.rename import rename_module
from xltrade.vba.team import free_name

ROOT = Path(__file__).resolve().parents[1]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CORPUS = Path(__file__).parent / "data" / "macro-workbooks"
#: Where a checkout of the project's shared folder keeps the same files.
SHARED_CORPUS = ROOT.parent / "shared" / "macro-workbooks"
RIBBON_TYPES = ("http://schemas.microsoft.com/office/2006/relationships/ui/extensibility",
                "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility")
CUSTOMUI_NS = (ribbon.NAMESPACE, ribbon.NAMESPACE_2010)
#: Streams adopt rewrites; every other stream of the team's keeps its bytes.
REWRITTEN = {"dir", "project", "projectwm", "_vba_project"}
OURS = ("xltrade", "xlwings", "Dictionary", "xlwings_udfs")


def listed() -> list[tuple[str, str]]:
    """(file, sha256) of every workbook SOURCES.md lists."""
    text = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    return re.findall(r"^\| `([^`]+)` \|[^\n]*\| ([0-9a-f]{64}) \|$", text, re.M)


FILES = listed()


def corpus_file(name: str, sha256: str) -> Path:
    path = next((p for p in (CORPUS / name, SHARED_CORPUS / name) if p.exists()),
                CORPUS / name)
    if not path.exists():
        # Third-party files are not part of the repository: they are placed beside it
        # (SOURCES.md says where each comes from). Without them the synthetic projects
        # below still cover code pages, designers, protection and renaming.
        pytest.skip(f"the macro workbook {name} is not in {CORPUS} or {SHARED_CORPUS} "
                    "(fetch it as SOURCES.md says)")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == sha256, f"{name} is not the listed file"
    return path


# --- reading a project with olefile and oletools only

@dataclass
class Project:
    streams: dict[str, bytes]        # "VBA/Module1" -> bytes
    clsids: dict[str, str]           # storage path -> CLSID text
    dir: bytes                       # decompressed
    project: bytes                   # the PROJECT stream
    wm: bytes                        # PROJECTwm ("" when missing)
    modules: list[tuple[str, str]]   # (module name, decoded text) in dir order


def read(path: Path) -> Project:
    parts = zip_parts(path)
    data = parts["xl/vbaProject.bin"]
    ole = olefile.OleFileIO(io.BytesIO(data))
    streams, clsids = {}, {}
    for entry in ole.listdir(streams=True, storages=True):
        key = "/".join(entry)
        if ole.get_type(entry) == olefile.STGTY_STORAGE:
            clsids[key] = ole.getclsid(entry)
        else:
            streams[key] = ole.openstream(entry).read()
    ole.close()
    parser = VBA_Parser(str(path))
    try:
        modules = [(name.rsplit(".", 1)[0], code)
                   for _, _, name, code in parser.extract_macros()]
    finally:
        parser.close()
    return Project(streams, clsids, decompress_stream(bytearray(streams["VBA/dir"])),
                   streams["PROJECT"], streams.get("PROJECTwm", b""), modules)


def dir_records(data: bytes) -> list[tuple[int, bytes]]:
    """(id, bytes as stored) of each record of a decompressed dir stream."""
    out, pos = [], 0
    while pos < len(data):
        record_id, size = struct.unpack_from("<HI", data, pos)
        size = 6 if record_id == 0x0009 else size
        out.append((record_id, data[pos:pos + 6 + size]))
        pos += 6 + size
    return out


def dir_parts(data: bytes) -> tuple[bytes, int, bytes, list[bytes]]:
    """(everything before PROJECTMODULES, the count, PROJECTCOOKIE, module groups)."""
    found = dir_records(data)
    at = next(i for i, (rid, _) in enumerate(found) if rid == 0x000F)
    head = b"".join(raw for _, raw in found[:at])
    count = struct.unpack("<H", found[at][1][6:8])[0]
    groups, group = [], b""
    for rid, raw in found[at + 2:]:
        if rid == 0x0010:
            break
        group += raw
        if rid == 0x002B:
            groups.append(group)
            group = b""
    return head, count, found[at + 1][1], groups


def code_page(data: bytes) -> int:
    return next(struct.unpack("<H", raw[6:8])[0] for rid, raw in dir_records(data)
                if rid == 0x0003)


def project_line(project: bytes, key: bytes) -> bytes | None:
    return next((line for line in project.split(b"\r\n") if line.startswith(key + b"=")),
                None)


# --- fixtures

@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The module texts a fresh ``xltrade build`` carries."""
    return modules_of(build_workbook(tmp_path_factory.mktemp("fresh") / "Customers.xlsm"))


@dataclass
class Adopted:
    name: str
    team: Path      # the team's workbook, a customer sheet added
    out: Path       # adopted
    again: Path     # the adopted workbook adopted again
    before: Project
    after: Project


@pytest.fixture(scope="module", params=FILES, ids=[name for name, _ in FILES])
def adopted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> Adopted:
    name, sha256 = request.param
    folder = tmp_path_factory.mktemp("adopt")
    team = add_customer_sheet(corpus_file(name, sha256), folder / "team.xlsm")
    out = adopt_workbook(team, folder / "Customers.xlsm", today=TODAY)
    again = adopt_workbook(out, folder / "again.xlsm", today=TODAY)
    return Adopted(name, team, out, again, read(team), read(out))


def added_names(case: Adopted) -> list[str]:
    return [n for n, _ in case.after.modules[len(case.before.modules):]]


# --- the team's project stays

def test_every_team_stream_and_storage_keeps_its_bytes(adopted: Adopted) -> None:
    before, after = adopted.before, adopted.after
    kept = {k: v for k, v in before.streams.items() if k.rsplit("/", 1)[-1].lower()
            not in REWRITTEN}
    assert {k: after.streams.get(k) for k in kept} == kept
    assert {k: after.clsids.get(k) for k in before.clsids} == before.clsids
    new = set(after.streams) - set(before.streams)
    assert new == {f"VBA/{name}" for name in added_names(adopted)}
    assert after.streams["VBA/_VBA_PROJECT"] == bytes.fromhex("CC61FFFF000100")


def test_team_modules_keep_their_text_order_and_records(adopted: Adopted) -> None:
    before, after = adopted.before, adopted.after
    # olevba decodes each text in the project's code page: the same text, in order.
    assert after.modules[:len(before.modules)] == before.modules
    head, count, cookie, groups = dir_parts(before.dir)
    new_head, new_count, new_cookie, new_groups = dir_parts(after.dir)
    assert new_head == head  # information, code page, references: byte for byte
    assert new_cookie == cookie
    assert new_groups[:len(groups)] == groups
    assert new_count == len(new_groups) == count + len(added_names(adopted))


def test_project_id_protection_and_lines_are_kept(adopted: Adopted) -> None:
    before, after = adopted.before.project, adopted.after.project
    for key in (b"ID", b"CMG", b"DPB", b"GC", b"Name", b"VersionCompatible32"):
        assert project_line(after, key) == project_line(before, key), key
    old = before.split(b"\r\n")
    new = after.split(b"\r\n")
    assert [line for line in new if line in old] == [line for line in old if line in new]
    assert set(old) <= set(new)
    assert adopted.after.wm.startswith(adopted.before.wm[:-2])


def test_xltrade_modules_are_what_a_fresh_build_carries(adopted: Adopted,
                                                        fresh: dict[str, str]) -> None:
    added = added_names(adopted)
    texts = dict(adopted.after.modules)
    documents = [n for n in added if n not in OURS and not n.startswith("xltrade")]
    ours = [n for n in added if n not in documents]
    team = {n.casefold(): t for n, t in adopted.before.modules}
    dictionary = "Dictionary"
    if "dictionary" in team and code_only(team["dictionary"]) != code_only(fresh["Dictionary"]):
        dictionary = "xltradeDictionary"  # the team's own class keeps the name
    assert ours == ["xltrade", "xlwings", dictionary, "xlwings_udfs"]
    dispatch = fresh["xltrade"]
    for old, new in sheet_literals(adopted.out).items():
        dispatch = dispatch.replace(f'"{old}"', f'"{new}"')
    if ribbon_clash(adopted.team):
        dispatch = dispatch.replace("RunAction control.Id",
                                    'RunAction Mid$(control.Id, Len("xltrade_") + 1)')
    expected = {
        "xltrade": dispatch,
        "xlwings": fresh["xlwings"].replace("As Dictionary", f"As {dictionary}")
                                   .replace("New Dictionary", f"New {dictionary}"),
        dictionary: fresh["Dictionary"].replace('VB_Name = "Dictionary"',
                                                f'VB_Name = "{dictionary}"'),
        "xlwings_udfs": fresh["xlwings_udfs"]}
    assert {n: texts[n] for n in ours} == expected
    for name in documents:
        assert code_only(texts[name]).strip() == ""
        assert f'Attribute VB_Base = "{WORKSHEET_BASE}"' in texts[name]


def sheet_literals(path: Path) -> dict[str, str]:
    """The code names the Settings and Help buttons look for: those of the workbook's
    sheets with those titles (a team's own Help sheet keeps its code name)."""
    parts = zip_parts(path)
    rels = {r.get("Id"): r.get("Target", "") for r in
            ET.fromstring(parts["xl/_rels/workbook.xml.rels"])}
    out = {}
    for sheet in ET.fromstring(parts["xl/workbook.xml"]).iter(f"{{{MAIN}}}sheet"):
        key = {**dict.fromkeys(SETTINGS_NAMES, "SheetSettings"),
               **dict.fromkeys(HELP_NAMES, "SheetHelp")}.get(sheet.get("name", ""))
        if key:
            target = rels[sheet.get(f"{{{REL}}}id")].lstrip("/")
            part = target if target.startswith("xl/") else f"xl/{target}"
            code = re.search(rb'codeName="([^"]*)"', parts[part])
            assert code is not None
            out[key] = code.group(1).decode()
    return out


def test_code_names_match_document_modules(adopted: Adopted) -> None:
    parts = zip_parts(adopted.out)
    documents = {line.split(b"=", 1)[1].rsplit(b"/&H", 1)[0].decode(
        f"cp{code_page(adopted.after.dir)}").casefold()
        for line in adopted.after.project.split(b"\r\n") if line.startswith(b"Document=")}
    names = re.findall(rb'<(?:\w+:)?workbookPr\b[^>]*codeName="([^"]*)"',
                       parts["xl/workbook.xml"])
    for part, data in parts.items():
        if part.startswith("xl/worksheets/") and part.endswith(".xml"):
            names += re.findall(rb'<(?:\w+:)?sheetPr\b[^>]*codeName="([^"]*)"', data)
    sheets = len(re.findall(rb"<(?:\w+:)?sheet\b", parts["xl/workbook.xml"]))
    assert len(names) >= sheets + 1
    assert {n.decode().casefold() for n in names} <= documents


def test_package_is_consistent_and_valid(adopted: Adopted) -> None:
    parts = zip_parts(adopted.out)
    assert consistency_problems(parts) == []
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in \
        parts["[Content_Types].xml"].decode()
    assert not [n for n in parts if "vbaProjectSignature" in n]
    assert problems([adopted.out]) == {adopted.out.name: set()}


# --- the ribbon

def ribbon_parts(path: Path) -> dict[str, bytes]:
    parts = zip_parts(path)
    rels = ET.fromstring(parts["_rels/.rels"])
    targets = [r.get("Target", "").lstrip("/") for r in rels
               if r.get("Type") in RIBBON_TYPES]
    return {t: parts[t] for t in targets if t in parts}


def our_button_ids() -> set[str]:
    return set(ribbon.BUTTON_IDS)


def ribbon_clash(team: Path) -> bool:
    ids = {el.get("id") for xml in ribbon_parts(team).values()
           for el in ET.fromstring(xml).iter() if el.get("id")}
    return bool(ids & (our_button_ids() | {g for g, *_ in ribbon.GROUPS} | {ribbon.TAB_ID}))


def tabs(xml: bytes) -> list[ET.Element]:
    root = ET.fromstring(xml)
    namespace = root.tag[1:].split("}")[0]
    return root.findall(f".//{{{namespace}}}tab")


def is_ours(tab: ET.Element) -> bool:
    return tab.get("id") in (ribbon.TAB_ID, ribbon.ID_PREFIX + ribbon.TAB_ID)


def our_tab(xml: bytes) -> ET.Element:
    (tab,) = [t for t in tabs(xml) if is_ours(t)]
    return tab


def test_team_ribbon_keeps_its_tabs_and_gains_ours_once(adopted: Adopted) -> None:
    theirs = ribbon_parts(adopted.team)
    ours = ribbon_parts(adopted.out)
    if not theirs:
        assert list(ours) == [ribbon.PART]
        return
    assert set(ours) == set(theirs)
    for part, xml in theirs.items():
        before, after = ET.fromstring(xml), ET.fromstring(ours[part])
        assert after.tag == before.tag  # their namespace version
        assert after.attrib == before.attrib  # onLoad and the rest
        assert [ET.tostring(t) for t in tabs(xml)] == \
            [ET.tostring(t) for t in tabs(ours[part]) if not is_ours(t)]
        our_tab(ours[part])
        ids = [el.get("id") for el in after.iter() if el.get("id")]
        assert len(ids) == len(set(ids))
    for xml in ribbon_parts(adopted.again).values():
        our_tab(xml)  # once, not twice


def test_ribbon_buttons_reach_the_dispatcher(adopted: Adopted) -> None:
    code = dict(adopted.after.modules)["xltrade"]
    for xml in ribbon_parts(adopted.out).values():
        buttons = [el for el in our_tab(xml).iter() if el.tag.endswith("}button")]
        assert len(buttons) == len(ribbon.BUTTON_IDS)
        for button in buttons:
            action = button.get("onAction")
            assert re.search(rf"^Public Sub {action}\(control As IRibbonControl\)", code, re.M)
            button_id = button.get("id", "")
            if button_id.startswith(ribbon.ID_PREFIX):
                assert 'RunAction Mid$(control.Id, Len("xltrade_") + 1)' in code
                button_id = button_id[len(ribbon.ID_PREFIX):]
            assert f'Case "{button_id}"' in code


def test_adopting_again_replaces_only_xltrades_modules(adopted: Adopted) -> None:
    again = read(adopted.again)
    first = adopted.after
    added = added_names(adopted)
    ours = [n for n in added if n in OURS or n.startswith("xltrade")]
    kept = [m for m in first.modules if m[0] not in ours]
    assert again.modules[:len(kept)] == kept
    assert [n for n, _ in again.modules[len(kept):]] == ours
    assert dict(again.modules) == dict(first.modules)
    assert project_line(again.project, b"DPB") == project_line(first.project, b"DPB")


@pytest.fixture(scope="module")
def poi_reader(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], str]:
    """Apache POI's VBAMacroReader, compiled once: path -> its listing."""
    need("java", "javac")
    jars = poi_classpath()
    classes = tmp_path_factory.mktemp("poi")
    subprocess.run(["javac", "-d", str(classes), "-cp", jars, str(POI_READER)], check=True,
                   timeout=180)

    def run(path: Path) -> str:
        return subprocess.run(["java", "-Dfile.encoding=UTF-8", "-cp", f"{jars}:{classes}",
                               "ReadVba", str(path)], check=True, capture_output=True,
                              timeout=180).stdout.decode("utf-8")

    return run


def test_apache_poi_reads_the_team_modules_as_before_and_ours(
        adopted: Adopted, poi_reader: Callable[[Path], str]) -> None:
    """POI reads the team's modules from the adopted file exactly as from theirs (POI and
    olevba differ on a few Shift-JIS characters and a name's case, the same for both
    files), and xltrade's modules with the text olevba reads."""
    before = parse_poi_output(poi_reader(adopted.team))
    after = parse_poi_output(poi_reader(adopted.out))
    assert {name: after.get(name) for name in before} == before
    texts = dict(adopted.after.modules)
    for name in added_names(adopted):
        assert after[name][1].replace("\r\n", "\n") == texts[name].replace("\r\n", "\n")


def test_doctor_finds_the_tab_and_the_macros(adopted: Adopted) -> None:
    checks = {c.name: c.ok for c in workbook_checks(adopted.out)}
    assert checks["ribbon"] and checks["macros"] and checks["xlwings module"]


def test_the_corpus_covers_what_it_must() -> None:
    pages, forms, locked, references, ribbons = set(), False, False, set(), False
    for name, sha256 in FILES:
        path = corpus_file(name, sha256)
        project = read(path)
        pages.add(code_page(project.dir))
        forms |= any("\x03VBFrame" in key for key in project.streams)
        dpb = project_line(project.project, b"DPB") or b""
        locked |= len(dpb) > 40
        references |= {raw[6:].decode("latin-1") for rid, raw in dir_records(project.dir)
                       if rid == 0x0016}
        ribbons |= bool(ribbon_parts(path))
    assert {932, 936, 1251, 1252} <= pages
    assert forms and locked and ribbons
    assert {"Scripting", "MSForms"} <= references


# --- without the corpus

def test_a_workbook_xltrade_built_keeps_one_tab_and_one_set_of_modules(tmp_path: Path) -> None:
    committed = ROOT / "workbook" / "Customers.xlsm"
    out = adopt_workbook(committed, tmp_path / "again.xlsm", today=TODAY)
    before, after = modules_of(committed), modules_of(out)
    assert after == before
    xml = ribbon_parts(out)[ribbon.PART]
    assert [t.get("id") for t in tabs(xml)] == [ribbon.TAB_ID]
    assert problems([out]) == {out.name: set()}


def test_xlwings_own_workbook_keeps_one_xlwings_module(tmp_path: Path) -> None:
    """xlwings' quickstart workbook has xlwings' module and Dictionary class: a project
    holds one xlwings module (two would make RunPython ambiguous), the pinned one."""
    import xlwings

    source = Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"
    team = add_customer_sheet(source, tmp_path / "team.xlsm")
    out = adopt_workbook(team, tmp_path / "Customers.xlsm", today=TODAY)
    names = [n for n, _ in read(out).modules]
    assert names.count("xlwings") == 1 and f"'Version: {xlwings.__version__}" in \
        modules_of(out)["xlwings"]
    assert len([n for n in names if n.casefold().endswith("dictionary")]) == 1
    # Their own docProps/core.xml breaks the schema already; xltrade adds nothing to it.
    assert problems([out])[out.name] == problems([source])[source.name]


def test_a_team_ribbon_with_our_ids_gets_prefixed_ones(tmp_path: Path) -> None:
    team = team_xlsm(tmp_path / "team.xlsm", "Sheet1")
    theirs = (f'<customUI xmlns="{ribbon.NAMESPACE_2010}" onLoad="TeamLoad"><ribbon><tabs>'
              '<tab id="teamTab" label="Team"><group id="g" label="G">'
              '<button id="help" label="Help" onAction="TeamHelp"/></group></tab>'
              "</tabs></ribbon></customUI>").encode()
    rel = ('<Relationship Id="rIdTeamUI" Type="http://schemas.microsoft.com/office/2007/'
           'relationships/ui/extensibility" Target="customUI/customUI14.xml"/>')
    add_parts(team, {"customUI/customUI14.xml": theirs},
              {"_rels/.rels": lambda d: d.replace(b"</Relationships>",
                                                  rel.encode() + b"</Relationships>")})
    out = adopt_workbook(team, tmp_path / "Customers.xlsm", today=TODAY)
    xml = ribbon_parts(out)["customUI/customUI14.xml"]
    root = ET.fromstring(xml)
    assert root.get("onLoad") == "TeamLoad"
    assert [t.get("id") for t in tabs(xml)] == ["teamTab", ribbon.ID_PREFIX + ribbon.TAB_ID]
    ids = {el.get("id") for el in tabs(xml)[-1].iter() if el.get("id")}
    assert {ribbon.ID_PREFIX + b for b in ribbon.BUTTON_IDS} <= ids
    assert 'RunAction Mid$(control.Id, Len("xltrade_") + 1)' in modules_of(out)["xltrade"]
    assert "customUI/customUI.xml" not in zip_parts(out)


def test_a_team_ribbon_without_tabs_gets_them(tmp_path: Path) -> None:
    theirs = (f'<customUI xmlns="{ribbon.NAMESPACE}"><commands><command idMso="FileSave" '
              'enabled="false"/></commands></customUI>').encode()
    merged = ET.fromstring(ribbon.merge_tab(theirs, "en"))
    assert [child.tag.split("}")[1] for child in merged] == ["commands", "ribbon"]
    assert [t.get("id") for t in merged.iter(f"{{{ribbon.NAMESPACE}}}tab")] == [ribbon.TAB_ID]


def chinese_project(text: str) -> bytes:
    """A code page 936 project: our 1252 writer's bytes with the code page record and
    the module stream changed, as a Chinese Excel writes them."""
    from xltrade.vba.cfb import CompoundFile
    from xltrade.vba.compression import compress

    modules = [Module("ThisWorkbook", "document", "", WORKBOOK_BASE),
               Module("Sheet1", "document", "", WORKSHEET_BASE),
               Module("Tools", "standard", "Sub A()\nEnd Sub\n")]
    cfb = CompoundFile.read(build_project(modules))
    directory = decompress_stream(bytearray(cfb.children("VBA")["dir"]))
    directory = directory.replace(struct.pack("<HIH", 3, 2, 1252), struct.pack("<HIH", 3, 2, 936))
    cfb.add_stream("VBA/dir", compress(bytes(directory)))
    source = f'Attribute VB_Name = "Tools"\r\n{text}'.encode("cp936")
    cfb.add_stream("VBA/Tools", compress(source))
    return cfb.to_bytes()


def test_text_is_written_in_the_projects_code_page_or_refused() -> None:
    project = chinese_project("' 客户跟进\r\nSub A()\r\nEnd Sub\r\n")
    merged = merge_project(project, [Module("Extra", "standard", "' 周报\nSub B()\nEnd Sub\n")])
    path = io.BytesIO(merged)
    ole = olefile.OleFileIO(path)
    text = bytes(decompress_stream(bytearray(ole.openstream("VBA/Extra").read())))
    tools = bytes(decompress_stream(bytearray(ole.openstream("VBA/Tools").read())))
    ole.close()
    assert text.decode("cp936").startswith('Attribute VB_Name = "Extra"\r\n\' 周报\r\n')
    assert "客户跟进" in tools.decode("cp936")
    with pytest.raises(ValueError, match="code page 936"):
        merge_project(project, [Module("Extra", "standard", "' ₩ won\n")])
    with pytest.raises(ValueError, match="code page 1252"):
        merge_project(build_project([Module("Sheet1", "document", "", WORKSHEET_BASE)]),
                      [Module("Extra", "standard", "' 周报\n")])


def test_module_names_clash_case_insensitively() -> None:
    taken = {"dictionary", "xltradedictionary", "sheet1"}
    assert free_name("Dictionary", taken) == "xltradeDictionary2"
    assert free_name("xltrade", taken) == "xltrade"
    assert free_name("xltrade", taken) == "xltrade2"
    with pytest.raises(ValueError, match="already has"):
        merge_project(build_project([Module("Sheet1", "document", "", WORKSHEET_BASE)]),
                      [Module("SHEET1", "standard", "")])


def test_a_project_over_seven_megabytes_is_written_back() -> None:
    """Past 109 FAT sectors the compound file needs DIFAT sectors (a project with many
    forms and pictures in them)."""
    import os

    from xltrade.vba.cfb import CompoundFile

    big = os.urandom(8 << 20)
    project = CompoundFile.read(build_project([Module("Sheet1", "document", "",
                                                      WORKSHEET_BASE)]))
    project.add_stream("Form1/o", big)
    merged = merge_project(project.to_bytes(), [Module("Extra", "standard", "Sub B()\nEnd Sub\n")])
    ole = olefile.OleFileIO(io.BytesIO(merged), raise_defects=olefile.DEFECT_INCORRECT)
    assert ole.openstream("Form1/o").read() == big
    assert ole.exists("VBA/Extra")
    ole.close()


def test_renaming_touches_code_only() -> None:
    code = ('Attribute VB_Name = "Dictionary"\r\nDim d As Dictionary\r\n'
            'Set d = New dictionary \' a Dictionary\r\n'
            'Set s = CreateObject("Scripting.Dictionary"): x = s.Dictionary\r\n')
    assert rename_module(code, "Dictionary", "xltradeDictionary") == (
        'Attribute VB_Name = "xltradeDictionary"\r\nDim d As xltradeDictionary\r\n'
        'Set d = New xltradeDictionary \' a Dictionary\r\n'
        'Set s = CreateObject("Scripting.Dictionary"): x = s.Dictionary\r\n')


def test_a_damaged_project_is_refused_in_one_line(tmp_path: Path) -> None:
    team = team_xlsm(tmp_path / "团队.xlsm", "Sheet1")
    add_parts(team, {}, {"xl/vbaProject.bin": lambda d: d[:600]})
    out = tmp_path / "Customers.xlsm"
    done = subprocess.run([sys.executable, "-m", "xltrade", "adopt", str(team), "--out",
                           str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert str(team) in done.stderr and "VBA project" in done.stderr
    assert "Traceback" not in done.stderr and not out.exists()


def test_a_locked_project_stays_locked_and_gains_the_modules(tmp_path: Path) -> None:
    name, sha256 = next(f for f in FILES if f[0] == "Locked_with_macro.xlsm")
    team = add_customer_sheet(corpus_file(name, sha256), tmp_path / "team.xlsm")
    out = adopt_workbook(team, tmp_path / "Customers.xlsm", today=TODAY)
    before, after = read(team), read(out)
    dpb = project_line(before.project, b"DPB") or b""
    assert len(dpb) > 40 and project_line(after.project, b"DPB") == dpb
    assert project_line(after.project, b"ID") == b'ID="{00000000-0000-0000-0000-000000000000}"'
    assert set(OURS) <= {n for n, _ in after.modules}


def test_an_addin_becomes_a_macro_workbook(adopted: Adopted) -> None:
    with zipfile.ZipFile(adopted.out) as archive:
        types = archive.read("[Content_Types].xml").decode()
    assert "addin.macroEnabled" not in types and "template.m" not in types
