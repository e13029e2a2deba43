"""Reading module source text out of an existing VBA project (``vbaProject.bin``).

Used to take the ``Dictionary`` class from xlwings' own workbook at build time and,
by ``xltrade doctor``, to read which xlwings module a workbook carries. Parses the
``dir`` stream ([MS-OVBA] 2.3.4.2) for each module's stream and text offset.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

import olefile

from xltrade.vba.compression import decompress

#: Records whose Size field is followed by a second, Unicode part.
_PAIRED = {0x0005: 0x0040, 0x0006: 0x003D, 0x000C: 0x003C, 0x0016: 0x003E, 0x001A: 0x0032,
           0x001C: 0x0048}


@dataclass(frozen=True)
class ModuleSource:
    name: str
    kind: str  # "standard", or "other" for document and class modules
    text: str


def _records(data: bytes) -> list[tuple[int, bytes]]:
    out = []
    pos = 0
    while pos + 6 <= len(data):
        record_id, size = struct.unpack_from("<HI", data, pos)
        pos += 6
        if record_id == 0x0009:  # PROJECTVERSION: Size is reserved, the body is 6 bytes
            size = 6
        body = data[pos:pos + size]
        pos += size
        out.append((record_id, body))
        if record_id in _PAIRED and pos + 6 <= len(data):
            reserved, second = struct.unpack_from("<HI", data, pos)
            if reserved == _PAIRED[record_id]:
                pos += 6 + second
    return out


def read_modules(project: bytes) -> list[ModuleSource]:
    """Every module's name, kind and source text (code page 1252)."""
    ole = olefile.OleFileIO(io.BytesIO(project))
    try:
        storage = next(p[:-1] for p in ole.listdir() if p[-1] == "dir")
        data = decompress(ole.openstream([*storage, "dir"]).read())
        modules: list[ModuleSource] = []
        name = stream = ""
        offset = 0
        kind = "other"
        for record_id, body in _records(data):
            if record_id == 0x0019:
                name = body.decode("cp1252")
            elif record_id == 0x001A:
                stream = body.decode("cp1252")
            elif record_id == 0x0031:
                (offset,) = struct.unpack("<I", body)
            elif record_id in (0x0021, 0x0022):
                kind = "standard" if record_id == 0x0021 else "other"
            elif record_id == 0x002B:
                raw = ole.openstream([*storage, stream]).read()
                text = decompress(raw[offset:]).decode("cp1252")
                modules.append(ModuleSource(name, kind, text))
                kind = "other"
        return modules
    finally:
        ole.close()
