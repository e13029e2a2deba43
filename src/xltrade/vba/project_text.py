"""Editing a VBA project's ``PROJECT`` ([MS-OVBA] 2.3.1) and ``PROJECTwm`` (2.3.3)
streams line by line, keeping every line that is not about an added or removed module
byte for byte.

The PROJECT stream is text in the project's code page: the ``ID`` line, one line per
module (``Document=``, ``Module=``, ``Class=``, ``Package=``/``BaseClass=``), then the
project's properties (``Name``, ``CMG``, ``DPB``, ``GC``: protection and password),
``[Host Extender Info]`` and the ``[Workspace]`` window positions. PROJECTwm maps each
module name in MBCS to its UTF-16 form. Lines are split as bytes on CRLF (neither byte
can be the trail byte of a double-byte character in GBK, Shift-JIS or Big5), so a line
is never decoded and encoded again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xltrade.vba.codepage import codec, encode

NEWLINE = b"\r\n"
#: The keys of the lines that name a module, and the kind each gives.
MODULE_KEYS = {b"Document": "document", b"Module": "standard", b"Class": "class",
               b"BaseClass": "designer"}


@dataclass(frozen=True)
class ModuleLine:
    """A module as the PROJECT stream names it."""

    kind: str
    name: str


def _module_line(line: bytes, code_page: int) -> ModuleLine | None:
    key, sep, value = line.partition(b"=")
    if not sep or key not in MODULE_KEYS:
        return None
    if key == b"Document":  # Document=Sheet1/&H00000000
        value = value.rsplit(b"/&H", 1)[0]
    return ModuleLine(MODULE_KEYS[key], value.decode(codec(code_page), "replace"))


def module_lines(project: bytes, code_page: int) -> list[ModuleLine]:
    """The modules the PROJECT stream names, in its order."""
    out = []
    for line in project.split(NEWLINE):
        if line.startswith(b"["):
            break
        found = _module_line(line, code_page)
        if found is not None:
            out.append(found)
    return out


def _line(module: ModuleLine) -> str:
    if module.kind == "document":
        return f"Document={module.name}/&H00000000"
    return f"{'Class' if module.kind == 'class' else 'Module'}={module.name}"


def edit_project(project: bytes, code_page: int, add: Sequence[ModuleLine],
                 remove: set[str]) -> bytes:
    """The PROJECT stream without the modules named in ``remove`` (case-folded names)
    and with a line for each of ``add`` after the last module line; their window
    entries likewise when it has a ``[Workspace]`` section."""
    lines = project.split(NEWLINE)
    kept: list[bytes] = []
    section = b""
    last_module = 0
    for line in lines:
        if line.startswith(b"["):
            section = line
        found = _module_line(line, code_page) if not section else None
        if found is not None and found.name.casefold() in remove:
            continue
        if section == b"[Workspace]" and _workspace_name(line, code_page) in remove:
            continue
        kept.append(line)
        if found is not None:
            last_module = len(kept)
    if not last_module and kept and kept[0].startswith(b"ID="):
        last_module = 1  # a project without modules: right after its ID
    new = [encode(_line(m), code_page) for m in add]
    kept[last_module:last_module] = new
    if b"[Workspace]" in kept:
        at = kept.index(b"[Workspace]") + 1
        while at < len(kept) and kept[at] and not kept[at].startswith(b"["):
            at += 1
        kept[at:at] = [encode(f"{m.name}=0, 0, 0, 0, C", code_page) for m in add]
    return NEWLINE.join(kept)


def _workspace_name(line: bytes, code_page: int) -> str | None:
    name, sep, _ = line.partition(b"=")
    return name.decode(codec(code_page), "replace").casefold() if sep else None


def _name_maps(data: bytes) -> list[tuple[bytes, str]]:
    """PROJECTwm's records: (bytes as stored, the UTF-16 name); ValueError when the
    stream is not a name map."""
    out: list[tuple[bytes, str]] = []
    pos = 0
    while True:
        if data[pos:pos + 2] == b"\x00\x00" or pos >= len(data):
            return out
        end = data.find(b"\x00", pos)
        if end < 0:
            raise ValueError("PROJECTwm: a name without its end")
        wide = end + 1
        while wide + 1 < len(data) and data[wide:wide + 2] != b"\x00\x00":
            wide += 2
        if wide + 1 >= len(data):
            raise ValueError("PROJECTwm: a Unicode name without its end")
        out.append((data[pos:wide + 2], data[end + 1:wide].decode("utf-16-le", "replace")))
        pos = wide + 2


def edit_name_map(data: bytes, code_page: int, add: Sequence[str], remove: set[str]) -> bytes:
    """PROJECTwm without the names in ``remove`` (case-folded) and with ``add``."""
    maps = _name_maps(data)
    used = sum(len(raw) for raw, _ in maps)
    kept = [raw for raw, name in maps if name.casefold() not in remove]
    new = [encode(name, code_page) + b"\x00" + name.encode("utf-16-le") + b"\x00\x00"
           for name in add]
    return b"".join(kept + new) + data[used:]
