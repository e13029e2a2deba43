"""Reading module source text out of an existing VBA project (``vbaProject.bin``).

Used to take the ``Dictionary`` class from xlwings' own workbook at build time, by
``xltrade adopt`` to see which modules a team's project has, and by ``xltrade doctor``
to read which xlwings module a workbook carries. Parses the ``dir`` stream ([MS-OVBA]
2.3.4.2) for each module's stream and text offset, and reads the text in the project's
own code page (PROJECTCODEPAGE), not an assumed one.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import olefile

from xltrade.vba.codepage import codec
from xltrade.vba.compression import decompress
from xltrade.vba.dirstream import DirStream, parse


@dataclass(frozen=True)
class ModuleSource:
    name: str
    kind: str  # "standard", or "other" for document and class modules
    text: str


@dataclass(frozen=True)
class ProjectSource:
    """A project's code page and its modules in the dir stream's order."""

    code_page: int
    modules: tuple[ModuleSource, ...]


def vba_storage(ole: olefile.OleFileIO) -> list[str]:
    """The path of the storage holding ``dir`` (``VBA`` in an .xlsm's project)."""
    for path in ole.listdir():
        if path[-1].lower() == "dir":
            return list(path[:-1])
    raise ValueError("no dir stream: not a VBA project")


def open_stream(ole: olefile.OleFileIO, storage: list[str], name: str) -> bytes:
    """A stream of ``storage`` by name, matched without regard to case as [MS-OVBA]
    names are."""
    for path in ole.listdir():
        if len(path) == len(storage) + 1 and path[:-1] == storage and \
                path[-1].casefold() == name.casefold():
            return bytes(ole.openstream(path).read())
    raise ValueError(f"the stream of module {name!r} is missing")


def read_dir(ole: olefile.OleFileIO) -> tuple[list[str], DirStream]:
    storage = vba_storage(ole)
    return storage, parse(decompress(open_stream(ole, storage, "dir")))


def read_project(project: bytes) -> ProjectSource:
    """Every module's name, kind and source text, decoded in the project's code page;
    ValueError (or olefile's own error) when the project cannot be read."""
    ole = olefile.OleFileIO(io.BytesIO(project))
    try:
        storage, info = read_dir(ole)
        text_codec = codec(info.code_page)
        modules = []
        for module in info.modules:
            raw = open_stream(ole, storage, module.stream)
            text = decompress(raw[module.offset:]).decode(text_codec, "replace")
            modules.append(ModuleSource(module.name,
                                        "standard" if module.procedural else "other", text))
        return ProjectSource(info.code_page, tuple(modules))
    finally:
        ole.close()


def read_modules(project: bytes) -> list[ModuleSource]:
    """Every module's name, kind and source text."""
    return list(read_project(project).modules)
