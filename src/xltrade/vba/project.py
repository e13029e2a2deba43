"""A source-only VBA project: plain-text modules in, ``vbaProject.bin`` bytes out.

Follows [MS-OVBA] 2.3: the ``dir`` stream (project information, references,
modules), ``_VBA_PROJECT`` in its version-independent form (0xFFFF, no
performance cache) so that Office compiles from the source text, one compressed
stream per module with its text at offset 0, and the ``PROJECT`` and ``PROJECTwm``
streams. Same modules in, same bytes out.
"""

from __future__ import annotations

import struct
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from xltrade.vba.cfb import CompoundFile
from xltrade.vba.compression import compress
from xltrade.vba.obfuscation import encrypt_hex

ModuleKind = Literal["standard", "class", "document"]
CODEPAGE = 1252
ENCODING = "cp1252"
LCID = 0x0409
#: _VBA_PROJECT for a project without compiled code ([MS-OVBA] 2.3.4.1).
VBA_PROJECT_STREAM = bytes.fromhex("CC61FFFF000100")
WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
WORKSHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
CLASS_BASE = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"


@dataclass(frozen=True)
class Reference:
    """A registered type library the project refers to."""

    name: str
    libid: str


STDOLE = Reference(
    "stdole",
    r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\Windows\System32\stdole2.tlb"
    "#OLE Automation")
#: The Office type library: IRibbonControl lives here.
OFFICE = Reference(
    "Office",
    r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#C:\Program Files\Common Files"
    r"\Microsoft Shared\OFFICE16\MSO.DLL#Microsoft Office 16.0 Object Library")


@dataclass(frozen=True)
class Module:
    """One VBA module. ``code`` is the text after the ``Attribute`` lines."""

    name: str
    kind: ModuleKind
    code: str
    base: str = ""  # document modules: WORKBOOK_BASE or WORKSHEET_BASE
    attributes: tuple[str, ...] = ()  # extra lines, e.g. a class's VB_PredeclaredId

    def text(self) -> str:
        """The module's source as stored: attribute lines, then code, CRLF endings.
        Code that already starts with its ``Attribute VB_Name`` line is kept as it is."""
        if self.code.startswith("Attribute VB_Name"):
            return _crlf(self.code)
        lines = [f'Attribute VB_Name = "{self.name}"']
        if self.kind == "document":
            lines += [f'Attribute VB_Base = "{self.base}"', "Attribute VB_GlobalNameSpace = False",
                      "Attribute VB_Creatable = False", "Attribute VB_PredeclaredId = True",
                      "Attribute VB_Exposed = True", "Attribute VB_TemplateDerived = False",
                      "Attribute VB_Customizable = True"]
        elif self.kind == "class" and not self.attributes:
            lines += [f'Attribute VB_Base = "{CLASS_BASE}"',
                      "Attribute VB_GlobalNameSpace = False", "Attribute VB_Creatable = False",
                      "Attribute VB_PredeclaredId = False", "Attribute VB_Exposed = False"]
        lines += list(self.attributes)
        return "\r\n".join(lines) + "\r\n" + _crlf(self.code)


def _crlf(code: str) -> str:
    code = code.replace("\r\n", "\n").replace("\n", "\r\n")
    if code and not code.endswith("\r\n"):
        code += "\r\n"
    return code


def _bytes(text: str) -> bytes:
    try:
        return text.encode(ENCODING)
    except UnicodeEncodeError as exc:
        raise ValueError(f"VBA text must be code page 1252 (keep it ASCII): {text[:40]!r}") \
            from exc


def _record(record_id: int, data: bytes) -> bytes:
    return struct.pack("<HI", record_id, len(data)) + data


def _text_pair(record_id: int, reserved: int, text: str) -> bytes:
    """A record holding text twice: MBCS, then (after a reserved id) UTF-16."""
    unicode = text.encode("utf-16-le")
    return _record(record_id, _bytes(text)) + struct.pack("<HI", reserved, len(unicode)) + unicode


def dir_stream(project_name: str, modules: Sequence[Module],
               references: Sequence[Reference]) -> bytes:
    """The decompressed ``dir`` stream ([MS-OVBA] 2.3.4.2)."""
    out = bytearray()
    out += _record(0x0001, struct.pack("<I", 1))          # PROJECTSYSKIND: Win32
    out += _record(0x0002, struct.pack("<I", LCID))       # PROJECTLCID
    out += _record(0x0014, struct.pack("<I", LCID))       # PROJECTLCIDINVOKE
    out += _record(0x0003, struct.pack("<H", CODEPAGE))   # PROJECTCODEPAGE
    out += _record(0x0004, _bytes(project_name))          # PROJECTNAME
    out += _text_pair(0x0005, 0x0040, "")                 # PROJECTDOCSTRING
    out += _text_pair(0x0006, 0x003D, "")                 # PROJECTHELPFILEPATH
    out += _record(0x0007, struct.pack("<I", 0))          # PROJECTHELPCONTEXT
    out += _record(0x0008, struct.pack("<I", 0))          # PROJECTLIBFLAGS
    out += struct.pack("<HIIH", 0x0009, 4, 1, 0)          # PROJECTVERSION 1.0
    out += _text_pair(0x000C, 0x003C, "")                 # PROJECTCONSTANTS
    for ref in references:
        out += _text_pair(0x0016, 0x003E, ref.name)       # REFERENCENAME
        libid = _bytes(ref.libid)
        body = struct.pack("<I", len(libid)) + libid + struct.pack("<IH", 0, 0)
        out += _record(0x000D, body)                      # REFERENCEREGISTERED
    out += _record(0x000F, struct.pack("<H", len(modules)))  # PROJECTMODULES
    out += _record(0x0013, struct.pack("<H", 0xFFFF))        # PROJECTCOOKIE
    for module in modules:
        name_unicode = module.name.encode("utf-16-le")
        out += _record(0x0019, _bytes(module.name))            # MODULENAME
        out += _record(0x0047, name_unicode)                   # MODULENAMEUNICODE
        out += _text_pair(0x001A, 0x0032, module.name)         # MODULESTREAMNAME
        out += _text_pair(0x001C, 0x0048, "")                  # MODULEDOCSTRING
        out += _record(0x0031, struct.pack("<I", 0))           # MODULEOFFSET: text first
        out += _record(0x001E, struct.pack("<I", 0))           # MODULEHELPCONTEXT
        out += _record(0x002C, struct.pack("<H", 0xFFFF))      # MODULECOOKIE
        out += _record(0x0021 if module.kind == "standard" else 0x0022, b"")  # MODULETYPE
        out += _record(0x002B, b"")                            # module terminator
    out += _record(0x0010, b"")                                # dir terminator
    return bytes(out)


def project_id(project_name: str, modules: Sequence[Module]) -> str:
    """A GUID that is the same for the same project, so builds are reproducible."""
    seed = project_name + "|" + "|".join(m.name for m in modules)
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "xltrade:" + seed)).upper() + "}"


def project_stream(project_name: str, modules: Sequence[Module], guid: str) -> bytes:
    """The ``PROJECT`` stream: the project's properties as text ([MS-OVBA] 2.3.1)."""
    lines = [f'ID="{guid}"']
    for module in modules:
        if module.kind == "document":
            lines.append(f"Document={module.name}/&H00000000")
        elif module.kind == "class":
            lines.append(f"Class={module.name}")
        else:
            lines.append(f"Module={module.name}")
    lines += [
        f'Name="{project_name}"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        f'CMG="{encrypt_hex(guid, bytes(4), seed=0x11)}"',   # no protection
        f'DPB="{encrypt_hex(guid, bytes(1), seed=0x13)}"',   # no password
        f'GC="{encrypt_hex(guid, bytes([0xFF]), seed=0x15)}"',  # visible
        "",
        "[Host Extender Info]",
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
        "",
        "[Workspace]",
        *(f"{m.name}=0, 0, 0, 0, C" for m in modules),
        "",
    ]
    return _bytes("\r\n".join(lines))


def projectwm_stream(modules: Sequence[Module]) -> bytes:
    """``PROJECTwm``: each module name in MBCS and UTF-16, kept uncompressed."""
    out = bytearray()
    for module in modules:
        out += _bytes(module.name) + b"\x00" + module.name.encode("utf-16-le") + b"\x00\x00"
    return bytes(out + b"\x00\x00")


def order(modules: Sequence[Module]) -> list[Module]:
    """Document modules first (workbook, then sheets), then standard, then class."""
    rank = {"document": 0, "standard": 1, "class": 2}
    return sorted(modules, key=lambda m: (rank[m.kind], m.base != WORKBOOK_BASE))


def build_project(modules: Sequence[Module], project_name: str = "VBAProject",
                  references: Sequence[Reference] = (STDOLE, OFFICE)) -> bytes:
    """The bytes of ``xl/vbaProject.bin`` holding ``modules``."""
    names = [m.name.casefold() for m in modules]
    if len(set(names)) != len(names):
        raise ValueError("two modules share a name")
    modules = order(modules)
    guid = project_id(project_name, modules)
    cfb = CompoundFile()
    cfb.add_stream("PROJECT", project_stream(project_name, modules, guid))
    cfb.add_stream("PROJECTwm", projectwm_stream(modules))
    cfb.add_stream("VBA/_VBA_PROJECT", VBA_PROJECT_STREAM)
    cfb.add_stream("VBA/dir", compress(dir_stream(project_name, modules, references)))
    for module in modules:
        cfb.add_stream(f"VBA/{module.name}", compress(_bytes(module.text())))
    return cfb.to_bytes()
