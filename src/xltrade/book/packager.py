"""Turning a workbook package into a macro-enabled one, at the zip level.

Adds ``xl/vbaProject.bin`` and the ribbon part with their relationships, switches the
workbook's content type, and writes every entry with a fixed timestamp so the same
inputs give the same file.

A team's own ribbon (``customUI.xml`` and/or ``customUI14.xml``) is kept and given our
tab by the ``merge_ribbon`` function the caller passes, rather than replaced. A team's
project signature (``vbaProjectSignature*.bin``) is dropped with the project it
signed: the project changed, and Office treats a signature that no longer matches as
tampering. An add-in (.xlam) or template becomes an ordinary macro-enabled workbook,
as the .xlsm it is written to.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable

MACRO_WORKBOOK = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PLAIN_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
#: Main-part types of the other workbook kinds a team may hand over.
OTHER_WORKBOOKS = (PLAIN_WORKBOOK,
                   "application/vnd.ms-excel.addin.macroEnabled.main+xml",
                   "application/vnd.ms-excel.template.macroEnabled.main+xml",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml")
VBA_CONTENT_TYPE = "application/vnd.ms-office.vbaProject"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
VBA_PART = "xl/vbaProject.bin"
#: Where a workbook keeps its ribbon (the Office 2007 customUI part) and how it is related.
RIBBON_PART = "customUI/customUI.xml"
RIBBON_REL_TYPE = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
#: The Office 2010 ribbon part (``customUI/customUI14.xml``).
RIBBON14_REL_TYPE = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)
FIXED_STAMP = "2026-01-01T00:00:00Z"


def _add_relationship(rels: bytes, rel_id: str, rel_type: str, target: str) -> bytes:
    text = rels.decode("utf-8")
    text = re.sub(rf'<Relationship [^>]*Type="{re.escape(rel_type)}"[^>]*/>', "", text)
    entry = f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"/>'
    return text.replace("</Relationships>", entry + "</Relationships>").encode("utf-8")


def _content_types(data: bytes, dropped: set[str]) -> bytes:
    text = data.decode("utf-8")
    for other in OTHER_WORKBOOKS:
        text = text.replace(f'ContentType="{other}"', f'ContentType="{MACRO_WORKBOOK}"')
    for part in dropped:
        text = re.sub(rf'<Override [^>]*PartName="/{re.escape(part)}"[^>]*/>', "", text,
                      flags=re.I)
    if 'Extension="bin"' not in text:
        text = text.replace(
            "</Types>", f'<Default Extension="bin" ContentType="{VBA_CONTENT_TYPE}"/></Types>')
    elif f'Extension="bin" ContentType="{VBA_CONTENT_TYPE}"' not in text and \
            f'PartName="/{VBA_PART}"' not in text:
        # .bin is taken (printer settings): the project needs its own override.
        text = text.replace("</Types>", f'<Override PartName="/{VBA_PART}" '
                                        f'ContentType="{VBA_CONTENT_TYPE}"/></Types>')
    return text.encode("utf-8")


def _fixed_core(data: bytes) -> bytes:
    text = data.decode("utf-8")
    text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                  rf"\g<1>{FIXED_STAMP}\g<3>", text)
    return text.encode("utf-8")


def _targets(parts: dict[str, bytes], rels: str, rel_types: tuple[str, ...]) -> list[str]:
    """Part names that ``rels`` points to with one of ``rel_types`` and that exist."""
    if rels not in parts:
        return []
    base = posixpath.dirname(posixpath.dirname(rels))  # xl/_rels/x.rels -> xl
    out = []
    for entry in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", parts[rels].decode("utf-8")):
        rel_type = re.search(r'\bType="([^"]*)"', entry)
        target = re.search(r'\bTarget="([^"]*)"', entry)
        if rel_type and target and rel_type.group(1) in rel_types and \
                'TargetMode="External"' not in entry:
            path = target.group(1)
            name = path.lstrip("/") if path.startswith("/") else \
                posixpath.normpath(posixpath.join(base, path))
            if name in parts:
                out.append(name)
    return out


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _old_project(parts: dict[str, bytes]) -> set[str]:
    """The team's project part (when not where ours goes), its signatures and their
    relationships: parts to drop when the project is replaced."""
    dropped: set[str] = set()
    for project in _targets(parts, "xl/_rels/workbook.xml.rels", (VBA_REL,)):
        if project != VBA_PART:
            dropped.add(project)
        rels = _rels_of(project)
        if rels in parts:
            dropped |= set(_targets(parts, rels, _all_types(parts[rels]))) | {rels}
    return dropped


def _all_types(rels: bytes) -> tuple[str, ...]:
    return tuple(re.findall(r'\bType="([^"]*)"', rels.decode("utf-8")))


def make_macro_workbook(package: bytes, vba_project: bytes, ribbon_xml: str,
                        merge_ribbon: Callable[[bytes], bytes] | None = None) -> bytes:
    """The macro-enabled package: ``package`` plus the VBA project and the ribbon. With
    ``merge_ribbon``, a ribbon part the package already has is passed through it
    instead of being replaced by ``ribbon_xml``."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    dropped = _old_project(parts)
    for name in dropped:
        del parts[name]
    parts["[Content_Types].xml"] = _content_types(parts["[Content_Types].xml"], dropped)
    parts["xl/_rels/workbook.xml.rels"] = _add_relationship(
        parts["xl/_rels/workbook.xml.rels"], "rIdVBA", VBA_REL, "vbaProject.bin")
    theirs = _targets(parts, "_rels/.rels", (RIBBON_REL_TYPE, RIBBON14_REL_TYPE))
    if merge_ribbon is not None and theirs:
        for name in theirs:
            parts[name] = merge_ribbon(parts[name])
    else:
        parts["_rels/.rels"] = _add_relationship(
            parts["_rels/.rels"], "rIdUI", RIBBON_REL_TYPE, RIBBON_PART)
        parts[RIBBON_PART] = ribbon_xml.encode("utf-8")
    if "docProps/core.xml" in parts:
        parts["docProps/core.xml"] = _fixed_core(parts["docProps/core.xml"])
    parts[VBA_PART] = vba_project
    return _zipped(parts)


def reproducible(package: bytes) -> bytes:
    """The package with every entry's time and the document's own dates fixed, so the
    same inputs give the same bytes."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    if "docProps/core.xml" in parts:
        parts["docProps/core.xml"] = _fixed_core(parts["docProps/core.xml"])
    return _zipped(parts)


def _zipped(parts: dict[str, bytes]) -> bytes:
    order = ["[Content_Types].xml", "_rels/.rels",
             *sorted(n for n in parts if n not in ("[Content_Types].xml", "_rels/.rels"))]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, parts[name])
    return out.getvalue()
