"""A workbook package opened for editing: parts are read on demand, changed or added
parts are kept in memory, and :meth:`Book.save` writes a new zip in which every
other part is the original's, byte for byte.

Relationships and content types are read with a safe XML parser; edits to them are
made on the text, so whatever else those parts hold stays exactly as it was.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.sax.saxutils import quoteattr

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeTree

from xltrade.book.archive import Archive, normalize_part, open_archive
from xltrade.book.xml_form import plain
from xltrade.errors import NotAWorkbook
from xltrade.rules.texts import both

CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
RELS_CONTENT_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
#: Deflate level for the customer sheet xltrade splices (the other parts use 6).
FAST_LEVEL = 1
#: A part written as chunks stays in memory up to this size, then goes to a temp file.
SPOOL_IN_MEMORY = 8 << 20
Spool = tempfile.SpooledTemporaryFile

@dataclass(frozen=True)
class Rel:
    """One relationship: ``part`` is the target resolved to a part name."""

    id: str
    type: str
    target: str
    part: str
    external: bool


def _joined(chunks: Iterable[bytes], size: int) -> Iterator[bytes]:
    """The chunks joined into pieces of about ``size`` bytes: one compressor call per
    piece instead of one per row."""
    pending: list[bytes] = []
    held = 0
    for chunk in chunks:
        pending.append(chunk)
        held += len(chunk)
        if held >= size:
            yield b"".join(pending)
            pending, held = [], 0
    yield b"".join(pending)


def rels_name(part: str) -> str:
    """The relationships part of ``part`` (``""`` for the package root)."""
    if part == "":
        return "_rels/.rels"
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def relative(source: str, part: str) -> str:
    """A relationship target from ``source`` to ``part``."""
    return posixpath.relpath(part, posixpath.dirname(source) or ".")


def parse_xml(data: bytes, where: str) -> SafeTree.Element:
    try:
        return SafeTree.fromstring(data)
    except DefusedXmlException as exc:
        raise NotAWorkbook(f"{where}: refused: it declares XML entities or a DTD "
                           f"({type(exc).__name__})") from exc
    except SafeTree.ParseError as exc:
        raise NotAWorkbook(f"{where}: damaged XML ({exc}); open the workbook in Excel and "
                           "save it again") from exc


class Book:
    """The parts of one workbook file, with the changes made to them so far."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.archive: Archive = open_archive(self.path)
        self.archive.refuse_dtds()
        self._changed: dict[str, bytes | Spool] = {}
        self._deleted: set[str] = set()
        self._added: list[str] = []
        self._rels_cache: dict[str, list[Rel]] = {}
        if self.archive.find("[Content_Types].xml") is None:
            raise NotAWorkbook(f"{self.path}: not an Excel workbook (no [Content_Types].xml)")
        self.workbook_part = self._find_workbook()

    def close(self) -> None:
        self.archive.close()
        for data in self._changed.values():
            if not isinstance(data, bytes):
                data.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- parts
    def find(self, name: str) -> str | None:
        """The part's name as stored, matched case-insensitively; ``None`` when absent."""
        key = name.lstrip("/").lower()
        for changed in self._changed:
            if changed.lower() == key:
                return changed
        stored = self.archive.find(name)
        if stored is None or stored in self._deleted:
            return None
        return stored

    def exists(self, name: str) -> bool:
        return self.find(name) is not None

    def read(self, name: str) -> bytes:
        found = self.find(name)
        if found is None:
            raise KeyError(name)
        if found in self._changed:
            data = self._changed[found]
            if not isinstance(data, bytes):
                data.seek(0)
                return data.read()
            return data
        return self.archive.read(found)

    def read_plain(self, name: str) -> bytes:
        """A part xltrade is about to edit, in plain form (:mod:`xml_form`)."""
        return plain(self.read(name), f"{self.path}: {self.find(name)}")

    def chunks(self, name: str) -> Iterator[bytes]:
        """A part's bytes in pieces, for parts too large to hold twice."""
        found = self.find(name)
        if found is None:
            raise KeyError(name)
        if found in self._changed:
            data = self._changed[found]
            if isinstance(data, bytes):
                yield data
                return
            data.seek(0)
            while piece := data.read(1 << 20):
                yield piece
            return
        yield from self.archive.chunks(found)

    def write(self, name: str, data: bytes | Iterable[bytes]) -> None:
        """Store a part's new content: bytes, or chunks as they are made, which go to a
        temporary file past a few megabytes (a spliced sheet of 100k rows is not held
        in memory)."""
        found = self.find(name) or name.lstrip("/")
        if found not in self._changed and self.archive.find(found) is None:
            self._added.append(found)
        self._deleted.discard(found)
        if not isinstance(data, bytes):
            # Owned by the book and closed with it.
            spool: Spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
            try:
                for piece in _joined(data, 1 << 20):
                    spool.write(piece)
            except BaseException:
                spool.close()
                raise
            data = spool
        old = self._changed.get(found)
        if old is not None and not isinstance(old, bytes):
            old.close()  # after the new content is made: it may have been read from this
        self._changed[found] = data
        self._rels_cache.pop(found, None)

    def delete(self, name: str) -> None:
        found = self.find(name)
        if found is None:
            return
        self._changed.pop(found, None)
        if found in self._added:
            self._added.remove(found)
        else:
            self._deleted.add(found)
        self._rels_cache.pop(found, None)

    def names(self) -> list[str]:
        stored = [e.name for e in self.archive.entries if e.name not in self._deleted]
        return stored + [n for n in self._added if n not in stored]

    def free_name(self, pattern: str) -> str:
        """The first part name ``pattern.format(n)`` (n = 1, 2, ...) not in use."""
        n = 1
        while self.exists(pattern.format(n)):
            n += 1
        return pattern.format(n)

    # --- relationships
    def rels(self, source: str) -> list[Rel]:
        name = rels_name(source)
        found = self.find(name)
        if found is None:
            return []
        if found not in self._rels_cache:
            root = parse_xml(self.read(found), f"{self.path}: {found}")
            out = []
            for el in root.iter(f"{REL_NS}Relationship"):
                target = el.get("Target", "")
                # A link to a place in the workbook ("#Sheet!B4") names no part either.
                external = el.get("TargetMode") == "External" or target.startswith("#")
                part = target if external else normalize_part(source or "/", target)
                if not external and (stored := self.find(part)):
                    part = stored
                out.append(Rel(el.get("Id", ""), el.get("Type", ""), target, part, external))
            self._rels_cache[found] = out
        return self._rels_cache[found]

    def add_rel(self, source: str, rel_type: str, part: str, *, external: bool = False) -> str:
        """Add a relationship from ``source`` to ``part``; its new id. With ``external``,
        ``part`` is the target as written (a place in the workbook, ``#Sheet!B4``)."""
        taken = {r.id for r in self.rels(source)}
        n = len(taken) + 1
        while f"rId{n}" in taken:
            n += 1
        rel_id = f"rId{n}"
        name = rels_name(source)
        text = (self.read_plain(name).decode("utf-8") if self.exists(name) else
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                'relationships"/>')
        root = re.search(r"<(\w+:)?Relationships\b", text)
        prefix = root.group(1) or "" if root else ""
        entry = (f"<{prefix}Relationship Id={quoteattr(rel_id)} Type={quoteattr(rel_type)} "
                 f"Target={quoteattr(part if external else relative(source, part))}/>")
        closing = re.search(r"</(?:\w+:)?Relationships>\s*$", text)
        if closing:
            text = text[:closing.start()] + entry + text[closing.start():]
        else:
            text = re.sub(r"<((?:\w+:)?Relationships\b[^>]*?)\s*/>",
                          lambda m: f"<{m.group(1)}>{entry}</{prefix}Relationships>", text,
                          count=1)
        if not self.exists(name):
            self.set_default("rels", RELS_CONTENT_TYPE)
        self.write(name, text.encode("utf-8"))
        return rel_id

    def remove_rel(self, source: str, rel_id: str) -> None:
        name = rels_name(source)
        if not self.exists(name):
            return
        text = self.read_plain(name).decode("utf-8")
        text = re.sub(rf'<(?:\w+:)?Relationship\b[^>]*\bId="{re.escape(rel_id)}"[^>]*?/>',
                      "", text)
        self.write(name, text.encode("utf-8"))

    # --- content types
    def _types(self) -> SafeTree.Element:
        return parse_xml(self.read("[Content_Types].xml"), f"{self.path}: [Content_Types].xml")

    def content_type(self, part: str) -> str:
        root = self._types()
        key = "/" + part.lstrip("/").lower()
        for el in root.iter(f"{CT_NS}Override"):
            if el.get("PartName", "").lower() == key:
                return el.get("ContentType", "")
        ext = posixpath.splitext(part)[1].lstrip(".").lower()
        for el in root.iter(f"{CT_NS}Default"):
            if el.get("Extension", "").lower() == ext:
                return el.get("ContentType", "")
        return ""

    def _edit_types(self, edit: str, remove: str | None = None) -> None:
        text = self.read_plain("[Content_Types].xml").decode("utf-8")
        root = re.search(r"<(\w+:)?Types\b", text)
        prefix = (root.group(1) or "") if root else ""
        edit = edit.replace("<", "<" + prefix)
        if remove:
            text = re.sub(remove, "", text, flags=re.I)
        text = re.sub(r"(</(?:\w+:)?Types>\s*)$", lambda m: edit + m.group(1), text, count=1)
        self.write("[Content_Types].xml", text.encode("utf-8"))

    def set_override(self, part: str, content_type: str) -> None:
        name = "/" + part.lstrip("/")
        self._edit_types(
            f"<Override PartName={quoteattr(name)} ContentType={quoteattr(content_type)}/>",
            rf'<(?:\w+:)?Override\b[^>]*PartName="{re.escape(name)}"[^>]*/>')

    def remove_override(self, part: str) -> None:
        name = "/" + part.lstrip("/")
        self._edit_types("", rf'<(?:\w+:)?Override\b[^>]*PartName="{re.escape(name)}"[^>]*/>')

    def set_default(self, extension: str, content_type: str) -> None:
        root = self._types()
        if any(el.get("Extension", "").lower() == extension
               for el in root.iter(f"{CT_NS}Default")):
            return
        self._edit_types(f"<Default Extension={quoteattr(extension)} "
                         f"ContentType={quoteattr(content_type)}/>")

    def remove_default(self, content_type: str) -> None:
        """Drop the extension default for ``content_type`` (when no part needs it)."""
        self._edit_types("", rf'<(?:\w+:)?Default\b[^>]*ContentType="{re.escape(content_type)}"'
                             r"[^>]*/>")

    # --- walking
    def _find_workbook(self) -> str:
        for rel in self.rels(""):
            if rel.type == STRICT_OFFICE_DOCUMENT:
                raise NotAWorkbook(*both("error.strict", path=self.path))
            if rel.type == OFFICE_DOCUMENT and not rel.external and self.exists(rel.part):
                return rel.part
        raise NotAWorkbook(f"{self.path}: not an Excel workbook (no workbook part)")

    def walk(self) -> Iterator[tuple[str, Rel]]:
        """(source, relationship) for every internal part reachable from the root, once."""
        seen: set[str] = set()
        stack = [""]
        while stack:
            source = stack.pop()
            for rel in self.rels(source):
                if rel.external:
                    continue
                yield source, rel
                key = rel.part.lower()
                if key not in seen and self.exists(rel.part):
                    seen.add(key)
                    stack.append(rel.part)

    def owned_parts(self, part: str, keep: set[str] | None = None) -> list[str]:
        """``part`` and every part reached only through it (its drawings, charts, ...)."""
        keep = keep or set()
        inbound: dict[str, set[str]] = {}
        for source, rel in self.walk():
            inbound.setdefault(rel.part.lower(), set()).add(source.lower())
        owned = [part]
        stack = [part]
        while stack:
            source = stack.pop()
            for rel in self.rels(source):
                key = rel.part.lower()
                if rel.external or key in {o.lower() for o in owned} or key in keep:
                    continue
                if inbound.get(key, set()) <= {o.lower() for o in owned}:
                    owned.append(rel.part)
                    stack.append(rel.part)
        return owned

    # --- saving
    def save(self, target: str | Path | IO[bytes]) -> None:
        """Write the package to ``target``: original entries in their order (unchanged
        ones byte for byte), then new parts."""
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as out:
            for name in self.names():
                data = self._changed.get(name)
                if data is None:
                    data = self.archive.read(name)
                info = zipfile.ZipInfo(name, date_time=self.archive.date_time(name))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                if not isinstance(data, bytes):
                    # A spliced customer sheet: tens of megabytes at 100k rows, where
                    # deflate's fastest level takes a third of the time for a file about
                    # a third larger.
                    info._compresslevel = FAST_LEVEL  # type: ignore[attr-defined]
                    data.seek(0)
                    with out.open(info, "w", force_zip64=True) as stream:
                        shutil.copyfileobj(data, stream, 1 << 20)
                else:
                    out.writestr(info, data, compresslevel=6)
