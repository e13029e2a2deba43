"""Turning a workbook package into a macro-enabled one, at the zip level.

Adds ``xl/vbaProject.bin`` and the ribbon part with their relationships, switches the
workbook's content type, and writes every entry with a fixed timestamp so the same
inputs give the same file.
"""

from __future__ import annotations

import io
import re
import zipfile

MACRO_WORKBOOK = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PLAIN_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
VBA_CONTENT_TYPE = "application/vnd.ms-office.vbaProject"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
VBA_PART = "xl/vbaProject.bin"
#: Where a workbook keeps its ribbon (the Office 2007 customUI part) and how it is related.
RIBBON_PART = "customUI/customUI.xml"
RIBBON_REL_TYPE = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)
FIXED_STAMP = "2026-01-01T00:00:00Z"


def _add_relationship(rels: bytes, rel_id: str, rel_type: str, target: str) -> bytes:
    text = rels.decode("utf-8")
    text = re.sub(rf'<Relationship [^>]*Type="{re.escape(rel_type)}"[^>]*/>', "", text)
    entry = f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"/>'
    return text.replace("</Relationships>", entry + "</Relationships>").encode("utf-8")


def _content_types(data: bytes) -> bytes:
    text = data.decode("utf-8").replace(f'ContentType="{PLAIN_WORKBOOK}"',
                                        f'ContentType="{MACRO_WORKBOOK}"')
    if 'Extension="bin"' not in text:
        text = text.replace(
            "</Types>", f'<Default Extension="bin" ContentType="{VBA_CONTENT_TYPE}"/></Types>')
    return text.encode("utf-8")


def _fixed_core(data: bytes) -> bytes:
    text = data.decode("utf-8")
    text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                  rf"\g<1>{FIXED_STAMP}\g<3>", text)
    return text.encode("utf-8")


def make_macro_workbook(package: bytes, vba_project: bytes, ribbon_xml: str) -> bytes:
    """The macro-enabled package: ``package`` plus the VBA project and the ribbon."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["[Content_Types].xml"] = _content_types(parts["[Content_Types].xml"])
    parts["xl/_rels/workbook.xml.rels"] = _add_relationship(
        parts["xl/_rels/workbook.xml.rels"], "rIdVBA", VBA_REL, "vbaProject.bin")
    parts["_rels/.rels"] = _add_relationship(
        parts["_rels/.rels"], "rIdUI", RIBBON_REL_TYPE, RIBBON_PART)
    if "docProps/core.xml" in parts:
        parts["docProps/core.xml"] = _fixed_core(parts["docProps/core.xml"])
    parts[VBA_PART] = vba_project
    parts[RIBBON_PART] = ribbon_xml.encode("utf-8")
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
