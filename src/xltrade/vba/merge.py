"""Adding modules to a team's own VBA project instead of building a new one.

Everything of the team's stays as it is: every module stream (source and compiled
code), the designer storages of their UserForms with their CLSIDs, ``PROJECTlk`` and
any other stream, the references, the code page, the project id, the protection and
password (the PROJECT stream's ``CMG``, ``DPB`` and ``GC`` lines), and the order of
the modules. Only these change:

- ``dir`` ([MS-OVBA] 2.3.4.2): a MODULE record group per added module is appended and
  PROJECTMODULES counts them; every other record, PROJECTCOOKIE included, is written
  back byte for byte (then compressed again).
- ``PROJECT`` (2.3.1): a ``Module=``/``Class=``/``Document=`` line per added module
  after the team's own, and a ``[Workspace]`` entry; ``PROJECTwm`` (2.3.3): a name map
  entry per added module.
- ``_VBA_PROJECT`` (2.3.4.1) is written in its version-independent form, the 7 bytes
  ``CC 61 FF FF 00 01 00``. Why: the team's stream carries the version of the Office
  that saved it and a performance cache, and [MS-OVBA] 1.6 says that when that version
  matches the running Office, the caches (this stream's, the ``__SRP_`` streams' and
  the compiled code before each module's source, at MODULEOFFSET) are used instead of
  the source text. Those caches know nothing of the added modules: an Office of the
  same version would load a project whose compiled state contradicts its module list
  (the same mechanism lets compiled code run in place of different source, "VBA
  stomping"). Version 0xFFFF is what the spec says to write and makes every Office
  ignore all caches and compile from the source text, which is kept unchanged; the
  caches themselves stay in place, ignored, and Office writes fresh ones when the
  workbook is next saved. EPPlus writes the same 7 bytes when it saves a project it
  loaded and changed.
- The added modules' streams hold their source at offset 0 (no compiled code).

A locked project (password in ``DPB``, "Lock project for viewing" in ``CMG``) stays
locked: [MS-OVBA] 2.3.1.16 makes DPB a salted hash of the password, and 2.3.1.15/17
make CMG and GC protection and visibility flags, each obfuscated with a key taken from
the ``ID`` line only (2.4.3). None of them covers the module list, and none of those
lines or the ID is touched, so the team's password still opens it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import olefile

from xltrade.vba.cfb import CompoundFile
from xltrade.vba.codepage import codec, encode
from xltrade.vba.compression import compress
from xltrade.vba.dirstream import module_records, records
from xltrade.vba.project import VBA_PROJECT_STREAM, Module
from xltrade.vba.project_text import ModuleLine, edit_name_map, edit_project, module_lines
from xltrade.vba.reader import read_dir, read_project

REFERENCENAME = 0x0016
PROJECTNAME = 0x0004


@dataclass(frozen=True)
class TeamModule:
    name: str
    kind: str  # "standard", "class", "document" or "designer"
    text: str


@dataclass(frozen=True)
class TeamProject:
    """What adding modules needs to know of a team's project."""

    code_page: int
    modules: tuple[TeamModule, ...]
    #: Names a new module must not take (case-folded): modules, streams and storages,
    #: references and the project itself.
    taken: frozenset[str]

    def documents(self) -> dict[str, str]:
        """Document modules: case-folded name -> name."""
        return {m.name.casefold(): m.name for m in self.modules if m.kind == "document"}


def inspect_project(data: bytes) -> TeamProject:
    """A team's project: its code page, modules with their kinds and text, and the
    names in use; ValueError (or olefile's error) when unreadable."""
    source = read_project(data)
    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        storage, info = read_dir(ole)
        taken = {p[-1].casefold() for p in ole.listdir(streams=True, storages=True)}
        project = _stream(ole, storage[:-1], "PROJECT")
    finally:
        ole.close()
    kinds = {m.name.casefold(): m.kind for m in module_lines(project, info.code_page)}
    text_codec = codec(info.code_page)
    for record in records(info.head):
        if record.id in (REFERENCENAME, PROJECTNAME):
            taken.add(record.body.decode(text_codec, "replace").casefold())
    modules = tuple(
        TeamModule(m.name, kinds.get(m.name.casefold(),
                                     "standard" if m.kind == "standard" else "class"), m.text)
        for m in source.modules)
    taken |= {m.name.casefold() for m in modules}
    return TeamProject(info.code_page, modules, frozenset(taken))


def _stream(ole: olefile.OleFileIO, storage: list[str], name: str) -> bytes:
    for path in ole.listdir():
        if path[:-1] == storage and path[-1].casefold() == name.casefold():
            return bytes(ole.openstream(path).read())
    raise ValueError(f"the {name} stream is missing")


def merge_project(data: bytes, add: Sequence[Module], remove: Iterable[str] = ()) -> bytes:
    """The team's project with the modules named in ``remove`` taken out and ``add``
    added after theirs; ValueError when a name is taken or a text cannot be written in
    the project's code page."""
    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        storage, info = read_dir(ole)
    finally:
        ole.close()
    cfb = CompoundFile.read(data)
    vba, root = "/".join(storage), "/".join(storage[:-1])
    removing = {name.casefold() for name in remove}
    streams = cfb.children(vba)
    kept = []
    for module in info.modules:
        if module.name.casefold() in removing:
            cfb.remove(f"{vba}/{_actual(streams, module.stream)}")
        else:
            kept.append(module)
    taken = {m.name.casefold() for m in kept} | {s.casefold() for s in cfb.children(vba)}
    for new in add:
        if new.name.casefold() in taken:
            raise ValueError(f"the project already has a module or stream named {new.name}")
        taken.add(new.name.casefold())
        cfb.add_stream(f"{vba}/{new.name}", compress(encode(new.text(), info.code_page)))
    added = [module_records(m.name, m.kind == "standard", info.code_page) for m in add]
    directory = replace(info, modules=(*kept, *added))
    streams = cfb.children(vba)
    cfb.add_stream(f"{vba}/{_actual(streams, 'dir')}", compress(directory.to_bytes()))
    cfb.add_stream(f"{vba}/{_actual(streams, '_VBA_PROJECT')}", VBA_PROJECT_STREAM)
    _edit_root_streams(cfb, root, info.code_page, add, removing)
    return cfb.to_bytes()


def _edit_root_streams(cfb: CompoundFile, root: str, code_page: int,
                       add: Sequence[Module], removing: set[str]) -> None:
    """PROJECT and PROJECTwm, which sit beside the VBA storage."""
    streams = cfb.children(root)
    prefix = f"{root}/" if root else ""
    name = _actual(streams, "PROJECT")
    if name not in streams:
        raise ValueError("the PROJECT stream is missing")
    lines = [ModuleLine(m.kind, m.name) for m in add]
    cfb.add_stream(prefix + name, edit_project(streams[name], code_page, lines, removing))
    wm = _actual(streams, "PROJECTwm")
    if wm in streams:  # optional in [MS-OVBA]: left out when the team has none
        cfb.add_stream(prefix + wm, edit_name_map(streams[wm], code_page,
                                                  [m.name for m in add], removing))


def _actual(streams: dict[str, bytes], name: str) -> str:
    """The stored spelling of a stream name ([MS-OVBA] names are case-insensitive)."""
    return next((s for s in streams if s.casefold() == name.casefold()), name)
