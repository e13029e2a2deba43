"""Reading an Office Open XML package (the zip inside .xlsx/.xlsm) at the part level.

Used to see what a workbook holds beyond cells: which parts hang off which sheet,
with which content type and relationship type. Only reads; never writes.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from defusedxml import ElementTree

CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
DOC_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@dataclass(frozen=True)
class Part:
    """A part reached through a relationship. ``owner`` is the sheet it hangs off, if any."""

    name: str
    content_type: str
    rel_type: str
    owner: str | None


def rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


class Package:
    """The parts and relationships of one workbook file."""

    def __init__(self, path: str) -> None:
        with zipfile.ZipFile(path) as archive:
            self.names = set(archive.namelist())
            self._archive_bytes = {n: archive.read(n) for n in self.names
                                   if n.endswith(".rels") or n == "[Content_Types].xml"}
            self.workbook_part = self._find_workbook()
            self._workbook_xml = archive.read(self.workbook_part) if self.workbook_part else b""
        self.defaults, self.overrides = self._content_types()

    def _find_workbook(self) -> str | None:
        for rel in self.relationships(""):
            if rel[1].endswith("/officeDocument"):
                return rel[2]
        return None

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        data = self._archive_bytes.get("[Content_Types].xml")
        defaults: dict[str, str] = {}
        overrides: dict[str, str] = {}
        if data is None:
            return defaults, overrides
        root = ElementTree.fromstring(data)
        for el in root.iter(f"{CT_NS}Default"):
            defaults[el.get("Extension", "").lower()] = el.get("ContentType", "")
        for el in root.iter(f"{CT_NS}Override"):
            overrides[el.get("PartName", "").lstrip("/")] = el.get("ContentType", "")
        return defaults, overrides

    def content_type(self, part: str) -> str:
        if part in self.overrides:
            return self.overrides[part]
        return self.defaults.get(posixpath.splitext(part)[1].lstrip(".").lower(), "")

    def relationships(self, source: str) -> list[tuple[str, str, str, bool]]:
        """(id, type, target part, external) for each relationship of ``source``
        (``""`` for the package root)."""
        name = "_rels/.rels" if source == "" else rels_name(source)
        data = self._archive_bytes.get(name)
        if data is None:
            return []
        root = ElementTree.fromstring(data)
        base = posixpath.dirname(source)
        out = []
        for el in root.iter(f"{REL_NS}Relationship"):
            target = el.get("Target", "")
            external = el.get("TargetMode") == "External"
            if not external:
                target = (target.lstrip("/") if target.startswith("/")
                          else posixpath.normpath(posixpath.join(base, target)))
            out.append((el.get("Id", ""), el.get("Type", ""), target, external))
        return out

    def sheet_parts(self) -> dict[str, str]:
        """Sheet name -> sheet part name."""
        if not self.workbook_part:
            return {}
        targets = {rid: target for rid, _, target, _ in self.relationships(self.workbook_part)}
        root = ElementTree.fromstring(self._workbook_xml)
        out = {}
        for el in root.iter(f"{MAIN_NS}sheet"):
            rid = el.get(f"{DOC_REL_NS}id")
            if rid in targets:
                out[el.get("name", "")] = targets[rid]
        return out

    def walk(self) -> Iterator[Part]:
        """Every part reachable from the package root, once, with the sheet it hangs off."""
        sheets = {part: name for name, part in self.sheet_parts().items()}
        seen: set[str] = set()
        stack: list[tuple[str, str | None]] = [("", None)]
        while stack:
            source, owner = stack.pop()
            for _, rel_type, target, external in self.relationships(source):
                if external or target in seen or target not in self.names:
                    continue
                seen.add(target)
                part_owner = sheets.get(target, owner)
                yield Part(target, self.content_type(target), rel_type, part_owner)
                stack.append((target, part_owner))
