"""Checks on workbook packages that the tests share: what a report may change, that
everything else is kept byte for byte, schema validity by the offline ECMA-376
validator, and the cross-part consistency the schemas cannot see."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

from lxml import etree

from conftest import need_path

ROOT = Path(__file__).resolve().parents[1]
VALIDATOR = ROOT.parent / "shared" / "tools" / "ooxml-validate" / "ooxml-validate"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
#: Parts a report may change: everything else must stay byte for byte.
EDITABLE = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
            "xl/styles.xml", "docProps/app.xml", "xl/calcChain.xml"}


def zip_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def strip_own(xml: bytes, computed_from: int | None, printing_added: bool = False) -> bytes:
    """The sheet without what xltrade may change: computed-column cells, its own
    conditional formats, the dimension and filter ranges, row spans, added widths, and
    (``printing_added``) the page set-up it gives a sheet that had none."""
    root = etree.fromstring(xml)
    q = f"{{{MAIN}}}"
    if printing_added:
        for tag in ("pageSetup", "headerFooter"):
            for el in list(root.iter(f"{q}{tag}")):
                el.getparent().remove(el)
        for el in list(root.iter(f"{q}pageSetUpPr")):
            pr = el.getparent()
            pr.remove(el)
            if len(pr) == 0 and not pr.attrib:
                root.remove(pr)
    if computed_from is not None:
        for c in list(root.iter(f"{q}c")):
            letters = re.match(r"[A-Z]+", c.get("r", ""))
            if letters and column_index(letters.group()) >= computed_from:
                c.getparent().remove(c)
        for row in list(root.iter(f"{q}row")):
            if len(row) == 0 and set(row.attrib) == {"r"}:
                row.getparent().remove(row)
        for cf in list(root.iter(f"{q}conditionalFormatting")):
            if "TODAY()" in "".join(cf.itertext()) or re.search(
                    r'\$[A-Z]+\d+="[ABCD]"', "".join(cf.itertext())):
                cf.getparent().remove(cf)
        for col in list(root.iter(f"{q}col")):
            if int(col.get("min", "0")) >= computed_from:
                col.getparent().remove(col)
        for cols in list(root.iter(f"{q}cols")):
            if len(cols) == 0:
                root.remove(cols)
    for row in root.iter(f"{q}row"):
        row.attrib.pop("spans", None)
    for tag in ("dimension", "autoFilter"):
        for el in root.iter(f"{q}{tag}"):
            el.set("ref", "")
    return etree.tostring(root, method="c14n")


def check_kept(before: dict[str, bytes], after: dict[str, bytes], sheet: str) -> None:
    """Every part but the editable ones is the original; the customer sheet is the
    original plus xltrade's cells, rules, filter and dimension; cached values stay."""
    for name, data in before.items():
        if name in EDITABLE or name == sheet:
            continue
        assert name in after, f"{name} was dropped"
        assert after[name] == data, f"{name} changed"
    grade = re.search(r'<c r="([A-Z]+)\d+"[^>]*t="inlineStr"><is><t[^>]*>客户等级'.encode(),
                      after[sheet])
    assert grade, "the grade column is there"
    computed_from = column_index(grade.group(1).decode())
    # A sheet never set up for printing gets xltrade's page set-up; a team's own stays.
    added = b"pageSetup" not in before[sheet] and b"pageSetup" in after[sheet]
    if b"pageSetup" in before[sheet]:
        setup = re.compile(rb"<(?:\w+:)?pageSetup\b[^>]*>|<(?:\w+:)?headerFooter\b.*?"
                           rb"</(?:\w+:)?headerFooter>", re.S)
        assert setup.findall(before[sheet]) == setup.findall(after[sheet])
    assert strip_own(after[sheet], computed_from, added) == strip_own(before[sheet], None)
    cached = re.findall(rb"<f[ >].*?</c>", before[sheet])
    assert cached and all(c in after[sheet] for c in cached)


def problems(paths: list[Path]) -> dict[str, set[str]]:
    """Schema problems per file name, as the offline ECMA-376 validator reports them."""
    need_path(VALIDATOR, "the offline ECMA-376 validator (shared/tools/ooxml-validate)")
    env = {**os.environ, "PYTHON": sys.executable}  # the one with lxml, whatever PATH says
    checked = subprocess.run([str(VALIDATOR), "-q", *map(str, paths)], capture_output=True,
                             text=True, env=env, timeout=600)
    assert checked.returncode in (0, 1), checked.stdout + checked.stderr
    found: dict[str, set[str]] = {p.name: set() for p in paths}
    current = None
    for line in checked.stdout.splitlines():
        if line.startswith("/"):
            current = Path(line.split(":")[0]).name
        elif current and line.strip():
            found[current].add(line.strip())
    return found


# -- cross-part consistency ------------------------------------------------------------


def _xml(parts: dict[str, bytes], name: str) -> etree._Element:
    return etree.fromstring(parts[name])


def _rels(parts: dict[str, bytes], part: str) -> dict[str, tuple[str, str, str]]:
    """rId -> (type, resolved target, target mode) for one part's relationships."""
    folder = PurePosixPath(part).parent
    rels_name = str(folder / "_rels" / (PurePosixPath(part).name + ".rels")).lstrip("/")
    if part == "":
        rels_name = "_rels/.rels"
    found = {}
    if rels_name not in parts:
        return found
    for rel in _xml(parts, rels_name):
        target = rel.get("Target", "")
        mode = rel.get("TargetMode", "Internal")
        if mode == "Internal" and target.startswith("#"):
            mode = "Location"  # a place in the workbook (#'Sheet'!B4), not a part
        elif mode == "Internal":
            path = target.lstrip("/") if target.startswith("/") else os.path.normpath(
                str(folder / target)).lstrip("./")
            target = path
        found[rel.get("Id")] = (rel.get("Type", ""), target, mode)
    return found


def _place_sheet(target: str) -> str:
    """The sheet of a link to a place: ``#'Sheet name'!B4`` -> ``Sheet name``."""
    sheet = target[1:].rpartition("!")[0]
    return sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet


def _sheet_names(parts: dict[str, bytes]) -> set[str]:
    return {s.get("name", "") for s in _xml(parts, "xl/workbook.xml").iter(f"{{{MAIN}}}sheet")}


def _count(root: etree._Element, tag: str) -> int:
    found = root.find(f"{{{MAIN}}}{tag}")
    return 0 if found is None else len(found)


def consistency_problems(parts: dict[str, bytes]) -> list[str]:
    """What Excel would repair but no schema sees: indices out of range, sheet names and
    ids not unique, relationships to missing parts, parts without a content type,
    defined names on missing sheets, an active tab that is hidden or not the selected one."""
    found: list[str] = []
    lower = {n.lower(): n for n in parts}
    types = _xml(parts, "[Content_Types].xml")
    defaults = {d.get("Extension", "").lower() for d in types if d.tag == f"{{{CT}}}Default"}
    overrides = {o.get("PartName", "").lstrip("/").lower()
                 for o in types if o.tag == f"{{{CT}}}Override"}
    for name in parts:
        if name.endswith("/") or name == "[Content_Types].xml":
            continue
        if name.lower() not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
            found.append(f"{name}: no content type")
    for name in parts:
        if not name.endswith(".rels"):
            continue
        source = name.replace("_rels/", "").removesuffix(".rels")
        source = "" if name == "_rels/.rels" else source
        for rid, (_, target, mode) in _rels(parts, source).items():
            if mode == "Internal" and target.lower() not in lower:
                found.append(f"{name} {rid}: {target} is missing")
            elif mode == "Location" and _place_sheet(target) not in _sheet_names(parts):
                found.append(f"{name} {rid}: {target} names no sheet of the workbook")

    styles = _xml(parts, "xl/styles.xml")
    xfs, dxfs = _count(styles, "cellXfs"), _count(styles, "dxfs")
    fonts, fills, borders = (_count(styles, t) for t in ("fonts", "fills", "borders"))
    for xf in styles.iterfind(f"{{{MAIN}}}cellXfs/{{{MAIN}}}xf"):
        for attr, limit in (("fontId", fonts), ("fillId", fills), ("borderId", borders)):
            if int(xf.get(attr, "0")) >= limit:
                found.append(f"styles.xml: xf {attr}={xf.get(attr)} of {limit}")
    strings = 0
    if "xl/sharedStrings.xml" in parts:
        strings = len(_xml(parts, "xl/sharedStrings.xml").findall(f"{{{MAIN}}}si"))

    book = _xml(parts, "xl/workbook.xml")
    book_rels = _rels(parts, "xl/workbook.xml")
    sheets = book.findall(f"{{{MAIN}}}sheets/{{{MAIN}}}sheet")
    names = [s.get("name", "").lower() for s in sheets]
    ids = [s.get("sheetId") for s in sheets]
    if len(set(names)) != len(names):
        found.append(f"workbook.xml: sheet names not unique: {names}")
    if len(set(ids)) != len(ids):
        found.append(f"workbook.xml: sheet ids not unique: {ids}")
    visible = [s.get("state", "visible") == "visible" for s in sheets]
    view = book.find(f"{{{MAIN}}}bookViews/{{{MAIN}}}workbookView")
    active = int(view.get("activeTab", "0")) if view is not None else 0
    if not (0 <= active < len(sheets)) or not visible[active]:
        found.append(f"workbook.xml: activeTab {active} is not a visible sheet")
    selected = []
    for n, sheet in enumerate(sheets):
        rid = sheet.get(f"{{{REL}}}id")
        if rid not in book_rels:
            found.append(f"workbook.xml: sheet {sheet.get('name')} has no part")
            continue
        part = lower.get(book_rels[rid][1].lower())
        if part is None:
            continue
        root = _xml(parts, part)
        for v in root.iterfind(f"{{{MAIN}}}sheetViews/{{{MAIN}}}sheetView"):
            if v.get("tabSelected") in ("1", "true"):
                selected.append(n)
        for c in root.iter(f"{{{MAIN}}}c"):
            if int(c.get("s", "0")) >= xfs:
                found.append(f"{part} {c.get('r')}: style {c.get('s')} of {xfs}")
            value = c.find(f"{{{MAIN}}}v")
            if c.get("t") == "s" and value is not None and int(value.text) >= strings:
                found.append(f"{part} {c.get('r')}: string {value.text} of {strings}")
        for row in root.iter(f"{{{MAIN}}}row"):
            if row.get("s") is not None and int(row.get("s")) >= xfs:
                found.append(f"{part} row {row.get('r')}: style {row.get('s')} of {xfs}")
        for rule in root.iter(f"{{{MAIN}}}cfRule"):
            if rule.get("dxfId") is not None and int(rule.get("dxfId")) >= dxfs:
                found.append(f"{part}: rule dxfId {rule.get('dxfId')} of {dxfs}")
    # No tabSelected at all is how some writers leave it and Excel selects the active
    # tab; two selected tabs open as a group, where every edit hits both sheets.
    if selected not in ([active], []):
        found.append(f"selected tabs {selected}, active tab {active}")
    for name in book.iterfind(f"{{{MAIN}}}definedNames/{{{MAIN}}}definedName"):
        local = name.get("localSheetId")
        if local is not None and not 0 <= int(local) < len(sheets):
            found.append(f"defined name {name.get('name')}: localSheetId {local}")
        for quoted, bare in re.findall(r"'((?:[^']|'')+)'!|([^\s'!=,(:]+)!", name.text or ""):
            target = (quoted.replace("''", "'") or bare).lower()
            if target not in names and not target.startswith(("[", "#")):
                found.append(f"defined name {name.get('name')}: no sheet {target}")
    return found
