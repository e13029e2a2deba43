"""The decompressed ``dir`` stream of a VBA project ([MS-OVBA] 2.3.4.2), read as records
that are kept byte for byte.

Every record is ``Id (2 bytes), Size (4 bytes), Size bytes`` except PROJECTVERSION,
whose Size field says 4 but which is followed by 6 bytes. The stream is the project's
information and references (``head``), PROJECTMODULES (the module count),
PROJECTCOOKIE, one MODULE record group per module, and the terminator. Adding a module
appends a group and raises the count; everything else is written back as it was read.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

from xltrade.vba.codepage import codec, encode

PROJECTCODEPAGE = 0x0003
PROJECTVERSION = 0x0009
PROJECTMODULES = 0x000F
DIR_TERMINATOR = 0x0010
PROJECTCOOKIE = 0x0013
MODULENAME = 0x0019
MODULESTREAMNAME = 0x001A
MODULETYPE_PROCEDURAL = 0x0021
MODULETYPE_OTHER = 0x0022  # document, class and designer modules
MODULE_TERMINATOR = 0x002B
MODULEOFFSET = 0x0031
MODULESTREAMNAME_UNICODE = 0x0032
MODULENAME_UNICODE = 0x0047


@dataclass(frozen=True)
class Record:
    """One record: its id, its data, and its bytes as stored (header included)."""

    id: int
    body: bytes
    raw: bytes


@dataclass(frozen=True)
class ModuleRecords:
    """One module's records, from MODULENAME to its terminator, as stored."""

    name: str
    stream: str
    offset: int
    procedural: bool
    raw: bytes


@dataclass(frozen=True)
class DirStream:
    code_page: int
    head: bytes
    cookie: bytes
    modules: tuple[ModuleRecords, ...]
    tail: bytes

    def to_bytes(self) -> bytes:
        """The stream with ``modules`` (and their count); all else as read."""
        count = struct.pack("<HIH", PROJECTMODULES, 2, len(self.modules))
        return self.head + count + self.cookie + b"".join(m.raw for m in self.modules) \
            + self.tail


def records(data: bytes) -> list[Record]:
    """Every record of a decompressed dir stream, in order; ValueError when one runs
    past the end."""
    out: list[Record] = []
    pos = 0
    while pos < len(data):
        if pos + 6 > len(data):
            raise ValueError("the dir stream ends inside a record header")
        record_id, size = struct.unpack_from("<HI", data, pos)
        if record_id == PROJECTVERSION:  # Size is reserved (4); the data is 6 bytes
            size = 6
        end = pos + 6 + size
        if end > len(data):
            raise ValueError(f"dir record 0x{record_id:04X} runs past the end of the stream")
        out.append(Record(record_id, data[pos + 6:end], data[pos:end]))
        pos = end
        if record_id == DIR_TERMINATOR:
            break
    return out


def parse(data: bytes) -> DirStream:
    """The dir stream's parts; ValueError when it is not one."""
    found = records(data)
    ids = [r.id for r in found]
    if PROJECTCODEPAGE not in ids or PROJECTMODULES not in ids:
        raise ValueError("the dir stream has no code page or no module count")
    code_page = struct.unpack("<H", found[ids.index(PROJECTCODEPAGE)].body[:2])[0]
    codec(code_page)  # refuse a code page we cannot read before anything else
    at = ids.index(PROJECTMODULES)
    head = b"".join(r.raw for r in found[:at])
    count = found[at].raw
    rest = found[at + 1:]
    cookie = b""
    if rest and rest[0].id == PROJECTCOOKIE:
        cookie = rest.pop(0).raw
    modules: list[ModuleRecords] = []
    group: list[Record] = []
    for record in rest:
        if record.id == DIR_TERMINATOR:
            break
        group.append(record)
        if record.id == MODULE_TERMINATOR:
            modules.append(_module(group, code_page))
            group = []
    if group:
        raise ValueError("the dir stream ends inside a module record")
    used = len(head) + len(count) + len(cookie) + sum(len(m.raw) for m in modules)
    return DirStream(code_page, head, cookie, tuple(modules), data[used:])


def _module(group: Sequence[Record], code_page: int) -> ModuleRecords:
    """A module's name, stream and source offset from its records. The Unicode forms
    win: they hold the name whatever the code page."""
    by_id = {r.id: r.body for r in group}
    name = _text(by_id, MODULENAME_UNICODE, MODULENAME, code_page)
    stream = _text(by_id, MODULESTREAMNAME_UNICODE, MODULESTREAMNAME, code_page) or name
    if not name or MODULEOFFSET not in by_id:
        raise ValueError("a module record has no name or no source offset")
    (offset,) = struct.unpack("<I", by_id[MODULEOFFSET][:4])
    return ModuleRecords(name, stream, offset, MODULETYPE_PROCEDURAL in by_id,
                         b"".join(r.raw for r in group))


def _text(by_id: dict[int, bytes], unicode_id: int, mbcs_id: int, code_page: int) -> str:
    if by_id.get(unicode_id):
        return by_id[unicode_id].decode("utf-16-le", "replace")
    return by_id.get(mbcs_id, b"").decode(codec(code_page), "replace")


def _record(record_id: int, data: bytes) -> bytes:
    return struct.pack("<HI", record_id, len(data)) + data


def module_records(name: str, procedural: bool, code_page: int) -> ModuleRecords:
    """The records of a module xltrade adds: source at offset 0 (no compiled code),
    its stream named as the module."""
    mbcs = encode(name, code_page)
    unicode = name.encode("utf-16-le")
    raw = (_record(MODULENAME, mbcs) + _record(MODULENAME_UNICODE, unicode)
           + _record(MODULESTREAMNAME, mbcs) + _record(MODULESTREAMNAME_UNICODE, unicode)
           + _record(0x001C, b"") + _record(0x0048, b"")     # MODULEDOCSTRING, empty
           + _record(MODULEOFFSET, struct.pack("<I", 0))
           + _record(0x001E, struct.pack("<I", 0))           # MODULEHELPCONTEXT
           + _record(0x002C, struct.pack("<H", 0xFFFF))      # MODULECOOKIE
           + _record(MODULETYPE_PROCEDURAL if procedural else MODULETYPE_OTHER, b"")
           + _record(MODULE_TERMINATOR, b""))
    return ModuleRecords(name, name, 0, procedural, raw)
