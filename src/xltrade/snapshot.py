"""A macro-free copy of a workbook for the manager, made at the package level.

The VBA project, the ribbon and their relationships are dropped and the workbook's
content type switched to a plain workbook; every other part (sheets with their cached
values, styles, conditional formats, charts) is copied byte for byte.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

from defusedxml import ElementTree

from xltrade.errors import NotAWorkbook
from xltrade.guard import write_atomic
from xltrade.package import REL_NS, rels_name

PLAIN = {
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml":
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml":
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
}
#: Relationships to what only runs with macros: the VBA project, its signatures, the
#: ribbon (Office 2007 and 2010 forms) and xlwings' add-in data.
MACRO_RELS = (
    "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
    "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility",
    "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility",
    "http://schemas.microsoft.com/office/2006/relationships/vbaProjectSignature",
    "http://schemas.microsoft.com/office/2014/relationships/vbaProjectSignatureAgile",
    "http://schemas.microsoft.com/office/2020/07/relationships/vbaProjectSignatureV3",
)
VBA_TYPES = ("application/vnd.ms-office.vbaProject",
             "application/vnd.ms-office.vbaProjectSignature",
             "application/vnd.ms-office.vbaProjectSignatureAgile",
             "application/vnd.ms-office.vbaProjectSignatureV3")


def _macro_targets(parts: dict[str, bytes]) -> set[str]:
    """Every part reached only through a macro relationship, with its own rels."""
    dropped: set[str] = set()
    for name, data in parts.items():
        if not name.endswith(".rels"):
            continue
        folder = posixpath.dirname(posixpath.dirname(name))
        for rel in ElementTree.fromstring(data).iter(f"{REL_NS}Relationship"):
            if rel.get("Type") in MACRO_RELS and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(folder, target))
                dropped.add(path)
    for path in list(dropped):
        dropped.add(rels_name(path))
    return dropped


def _strip_rels(data: bytes) -> bytes:
    text = data.decode("utf-8")
    for rel_type in MACRO_RELS:
        text = re.sub(rf'<Relationship\b[^>]*Type="{re.escape(rel_type)}"[^>]*/>', "", text)
    return text.encode("utf-8")


def _content_types(data: bytes, dropped: set[str]) -> bytes:
    text = data.decode("utf-8")
    for macro, plain in PLAIN.items():
        text = text.replace(f'ContentType="{macro}"', f'ContentType="{plain}"')
    for part in dropped:
        text = re.sub(rf'<Override\b[^>]*PartName="/{re.escape(part)}"[^>]*/>', "", text)
    for vba in VBA_TYPES:
        text = re.sub(rf'<Default\b[^>]*ContentType="{re.escape(vba)}"[^>]*/>', "", text)
    return text.encode("utf-8")


def macro_free(package: bytes) -> bytes:
    """The package without its VBA project and ribbon, everything else unchanged."""
    try:
        with zipfile.ZipFile(io.BytesIO(package)) as source:
            infos = source.infolist()
            parts = {info.filename: source.read(info.filename) for info in infos}
    except zipfile.BadZipFile as exc:
        raise NotAWorkbook(f"not an Excel workbook ({exc})") from exc
    dropped = _macro_targets(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in infos:
            name = info.filename
            if name in dropped:
                continue
            data = parts[name]
            if name.endswith(".rels"):
                data = _strip_rels(data)
            elif name == "[Content_Types].xml":
                data = _content_types(data, dropped)
            target.writestr(info, data)
    return out.getvalue()


def snapshot(workbook: Path, out: Path) -> Path:
    """Write the macro-free copy of ``workbook`` to ``out`` (an .xlsx)."""
    if out.suffix.lower() != ".xlsx":
        raise NotAWorkbook(f"{out}: the manager's copy must be an .xlsx file")
    if not workbook.exists():
        raise NotAWorkbook(f"{workbook}: no such file")
    write_atomic(out, macro_free(workbook.read_bytes()))
    return out
