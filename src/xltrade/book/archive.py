"""Opening a workbook file as a zip package, with limits against hostile files.

Every path that reads a workbook goes through :func:`open_archive`: it names what
kind of file it got when that is not an Office Open XML package (an old ``.xls``, an
encrypted workbook, a CSV, ...) and refuses entries that would exhaust memory (zip
bombs), that name the same part twice, or that climb out of the package (``..``).
Reading an entry never inflates more than the limits allow, whatever the archive
claims about its sizes.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from xltrade.errors import NotAWorkbook
from xltrade.rules.texts import both

#: Largest part we inflate (a worksheet of a million rows is about 200 MB).
MAX_PART_BYTES = 1 << 30
#: Largest sum of all parts.
MAX_TOTAL_BYTES = 2 << 30
#: Highest compression ratio tolerated for a part over RATIO_FLOOR bytes. Real XML
#: compresses 5-50x; zip bombs compress thousands of times.
MAX_RATIO = 400
RATIO_FLOOR = 16 << 20
MAX_ENTRIES = 20_000
_CHUNK = 1 << 20

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Files people mistake for a workbook, and the text that says what to do.
HINTS = {".xls": "error.hint.xls", ".xlsb": "error.hint.xlsb", ".ods": "error.hint.ods",
         ".csv": "error.hint.csv", ".txt": "error.hint.txt"}


@dataclass(frozen=True)
class Entry:
    """One zip entry: its name as stored and its size once inflated."""

    name: str
    size: int
    compressed: int


def _kind_of(path: Path, head: bytes) -> str | None:
    """Why ``path`` is not an OOXML package, when we can tell: a text key."""
    if head.startswith(OLE_MAGIC):
        return HINTS[".xls"] if path.suffix.lower() in (".xls", ".xlt") else "error.ole"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return None
    hint = HINTS.get(path.suffix.lower())
    if hint:
        return hint
    return "error.empty_file" if not head else "error.not_workbook"


#: Parts that are XML, and how much of one holds its prolog (where a DTD would be).
XML_SUFFIXES = (".xml", ".rels", ".vml")
_PROLOG = 4096


class Archive:
    """A workbook package opened for reading, its entries checked against the limits."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with open(path, "rb") as handle:
                head = handle.read(8)
        except IsADirectoryError:
            raise NotAWorkbook(*both("error.folder", path=path)) from None
        except FileNotFoundError:
            raise NotAWorkbook(*both("error.no_such_file", path=path)) from None
        problem = _kind_of(path, head)
        if problem:
            raise NotAWorkbook(*both(problem, path=path))
        if path.suffix.lower() in HINTS:
            raise NotAWorkbook(*both(HINTS[path.suffix.lower()], path=path))
        try:
            self._zip = zipfile.ZipFile(path)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise NotAWorkbook(*both("error.damaged", path=path, detail=exc)) from exc
        self.entries = self._check(infos)
        self._by_lower = {e.name.lower(): e.name for e in self.entries}

    def _check(self, infos: list[zipfile.ZipInfo]) -> list[Entry]:
        if len(infos) > MAX_ENTRIES:
            self._refuse(f"{len(infos)} entries")
        seen: set[str] = set()
        total = 0
        entries = []
        for info in infos:
            name = info.filename
            key = name.lower()
            parts = name.split("/")
            if name.startswith("/") or "\\" in name or ".." in parts or ":" in parts[0]:
                self._refuse(f"an entry that points outside the package ({name!r})")
            if key in seen:
                self._refuse(f"two entries named {name!r}")
            seen.add(key)
            if info.flag_bits & 0x1:
                raise NotAWorkbook(*both("error.encrypted", path=self.path))
            if info.file_size > MAX_PART_BYTES:
                self._refuse(f"{name} would inflate to {info.file_size:,} bytes")
            if (info.file_size > RATIO_FLOOR
                    and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
                self._refuse(f"{name} is compressed {info.file_size // max(info.compress_size, 1)}"
                             " times (a zip bomb?)")
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                self._refuse(f"its parts add up to more than {MAX_TOTAL_BYTES:,} bytes")
            if not name.endswith("/"):
                entries.append(Entry(name, info.file_size, info.compress_size))
        return entries

    def refuse_dtds(self) -> None:
        """Refuse a package with a DTD in any XML part (OPC forbids them; one can name
        files on this computer), whether or not xltrade reads that part: a part it
        copies unread would carry the DTD on to the manager's file."""
        for entry in self.entries:
            if not entry.name.lower().endswith(XML_SUFFIXES):
                continue
            try:
                with self._zip.open(entry.name) as stream:
                    head = stream.read(_PROLOG)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                raise NotAWorkbook(*both("error.damaged", path=self.path,
                                         detail=f"{entry.name}: {exc}")) from exc
            if head.startswith((b"\xff\xfe", b"\xfe\xff")):
                head = head.decode("utf-16", "replace").encode("utf-8")
            if b"<!DOCTYPE" in head:
                self._refuse(f"{entry.name} declares XML entities or a DTD")

    def _refuse(self, why: str) -> None:
        self.close()
        raise NotAWorkbook(*both("error.refused", path=self.path, why=why))

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def find(self, name: str) -> str | None:
        """The stored name of part ``name``, matched case-insensitively as Office does."""
        return self._by_lower.get(name.lstrip("/").lower())

    def date_time(self, name: str) -> tuple[int, int, int, int, int, int]:
        """The entry's time stamp (a fixed one for a part that is new)."""
        stored = self.find(name)
        if stored is None:
            return (2026, 1, 1, 0, 0, 0)
        return self._zip.getinfo(stored).date_time

    def read(self, name: str) -> bytes:
        """A part's bytes, inflating no more than its declared size and the limits."""
        return b"".join(self.chunks(name))

    def chunks(self, name: str) -> Iterator[bytes]:
        """A part's bytes in pieces, inflating no more than its declared size and the
        limits."""
        stored = self.find(name)
        if stored is None:
            raise KeyError(name)
        info = self._zip.getinfo(stored)
        limit = min(info.file_size, MAX_PART_BYTES)
        size = 0
        try:
            with self._zip.open(info) as stream:
                while True:
                    chunk = stream.read(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > limit:
                        self._refuse(f"{stored} holds more than it declares")
                    yield chunk
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise NotAWorkbook(f"{self.path}: damaged part {stored} ({exc}); open the "
                               "workbook in Excel and save it again") from exc


def open_archive(path: Path) -> Archive:
    return Archive(Path(path))


def normalize_part(base: str, target: str) -> str:
    """The part a relationship target names, relative to the part ``base``."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))
