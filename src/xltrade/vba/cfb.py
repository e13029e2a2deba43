"""A writer for [MS-CFB] compound files (version 3, 512-byte sectors).

Enough for a VBA project: nested storages and streams, small streams in the mini
stream, large ones in regular sectors, DIFAT sectors past 109 FAT sectors (about
7 MB). Output is deterministic: no timestamps, siblings in the spec's order, laid out
as a balanced red-black tree.

``CompoundFile.read`` takes an existing file apart (through olefile) into the same
tree, every stream's bytes and every storage's CLSID as they were, so that a team's
project can be written back with streams added, changed or removed and nothing else
different: UserForm designer storages carry the CLSID of the form's class.
"""

from __future__ import annotations

import io
import struct
import uuid
from dataclasses import dataclass, field

import olefile

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
ENTRY_SIZE = 128
ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF
FATSECT = 0xFFFFFFFD
DIFSECT = 0xFFFFFFFC
NOSTREAM = 0xFFFFFFFF
SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
HEADER_DIFAT = 109

STORAGE, STREAM, ROOT = 1, 2, 5
RED, BLACK = 0, 1


@dataclass
class _Node:
    name: str
    kind: int
    data: bytes = b""
    children: dict[str, _Node] = field(default_factory=dict)
    clsid: bytes = bytes(16)
    # Filled in while laying out.
    id: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = BLACK
    start: int = ENDOFCHAIN
    size: int = 0


def sort_key(name: str) -> tuple[int, str]:
    """[MS-CFB] 2.6.4 order: shorter names first, then by upper-cased name (each
    character on its own, so that no name changes length: Cyrillic and Greek module
    names compare as the spec says)."""
    upper = "".join(c.upper() if len(c.upper()) == 1 else c for c in name)
    return (len(name.encode("utf-16-le")) // 2, upper)


class CompoundFile:
    """Storages and streams in, the compound file's bytes out."""

    def __init__(self) -> None:
        self.root = _Node("Root Entry", ROOT)

    @classmethod
    def read(cls, data: bytes) -> CompoundFile:
        """Every storage (with its CLSID) and stream of an existing compound file."""
        ole = olefile.OleFileIO(io.BytesIO(data))
        try:
            out = cls()
            out.root.clsid = _clsid_bytes(ole.root.clsid)
            for path in ole.listdir(streams=True, storages=True):
                if ole.get_type(path) == olefile.STGTY_STORAGE:
                    out.add_storage("/".join(path), _clsid_bytes(ole.getclsid(path)))
                else:
                    out.add_stream("/".join(path), bytes(ole.openstream(path).read()))
            return out
        finally:
            ole.close()

    def _storage(self, path: tuple[str, ...]) -> _Node:
        node = self.root
        for name in path:
            node = node.children.setdefault(name, _Node(name, STORAGE))
            if node.kind != STORAGE:
                raise ValueError(f"{'/'.join(path)}: a stream is in the way")
        return node

    def add_storage(self, path: str, clsid: bytes = bytes(16)) -> None:
        """Add (or find) a storage and give it ``clsid``."""
        self._storage(tuple(path.split("/"))).clsid = clsid

    def add_stream(self, path: str, data: bytes) -> None:
        """Add a stream; ``path`` separates storages with ``/`` (``VBA/dir``)."""
        *folders, name = path.split("/")
        if len(name) > 31:
            raise ValueError(f"{name!r}: names have at most 31 characters")
        self._storage(tuple(folders)).children[name] = _Node(name, STREAM, data)

    def children(self, path: str) -> dict[str, bytes]:
        """The streams directly in storage ``path`` ("" for the root), by name."""
        node = self._storage(tuple(path.split("/"))) if path else self.root
        return {n.name: n.data for n in node.children.values() if n.kind == STREAM}

    def remove(self, path: str) -> None:
        """Remove a stream (or a storage with all it holds)."""
        *folders, name = path.split("/")
        self._storage(tuple(folders)).children.pop(name, None)

    def to_bytes(self) -> bytes:
        nodes = self._number()
        for node in nodes:
            if node.kind in (STORAGE, ROOT) and node.children:
                ordered = sorted(node.children.values(), key=lambda n: sort_key(n.name))
                node.child = _balance(ordered, 0, len(ordered) - 1, 0, _depth(len(ordered)))
        return _Layout(nodes).render()

    def _number(self) -> list[_Node]:
        nodes: list[_Node] = []
        queue = [self.root]
        while queue:
            node = queue.pop(0)
            node.id = len(nodes)
            nodes.append(node)
            queue.extend(sorted(node.children.values(), key=lambda n: sort_key(n.name)))
        return nodes


def _depth(count: int) -> int:
    """Depth of the deepest level of a balanced tree of ``count`` nodes (root is 0)."""
    return max(count.bit_length() - 1, 0)


def _balance(nodes: list[_Node], low: int, high: int, depth: int, deepest: int) -> int:
    """Link nodes[low..high] as a balanced tree; the deepest level of an incomplete tree
    is red, the rest black, which keeps every path's black count equal."""
    if low > high:
        return NOSTREAM
    middle = (low + high) // 2
    node = nodes[middle]
    node.left = _balance(nodes, low, middle - 1, depth + 1, deepest)
    node.right = _balance(nodes, middle + 1, high, depth + 1, deepest)
    perfect = len(nodes) == (1 << (deepest + 1)) - 1
    node.color = RED if depth == deepest and deepest > 0 and not perfect else BLACK
    return node.id


class _Layout:
    """Places streams in sectors and writes the header, FAT, mini FAT and directory."""

    def __init__(self, nodes: list[_Node]) -> None:
        self.nodes = nodes
        self.fat: list[int] = []
        self.body = bytearray()

    def _chain(self, data: bytes) -> int:
        """Append ``data`` in fresh sectors; the first sector's number."""
        if not data:
            return ENDOFCHAIN
        count = -(-len(data) // SECTOR)
        first = len(self.fat)
        self.fat.extend(range(first + 1, first + count))
        self.fat.append(ENDOFCHAIN)
        self.body += data.ljust(count * SECTOR, b"\x00")
        return first

    def _fat_sizes(self) -> tuple[int, int]:
        """(FAT sectors, DIFAT sectors) that cover every sector, themselves included."""
        per_sector = SECTOR // 4
        fat_count = difat_count = 0
        while fat_count * per_sector < len(self.fat) + fat_count + difat_count:
            fat_count += 1
            difat_count = -(-max(fat_count - HEADER_DIFAT, 0) // (per_sector - 1))
        return fat_count, difat_count

    def render(self) -> bytes:
        mini = bytearray()
        minifat: list[int] = []
        for node in self.nodes:
            if node.kind != STREAM:
                continue
            node.size = len(node.data)
            if node.size >= MINI_CUTOFF:
                node.start = self._chain(node.data)
            elif node.size:
                count = -(-node.size // MINI_SECTOR)
                node.start = len(minifat)
                minifat.extend(range(node.start + 1, node.start + count))
                minifat.append(ENDOFCHAIN)
                mini += node.data.ljust(count * MINI_SECTOR, b"\x00")
        root = self.nodes[0]
        root.start = self._chain(bytes(mini)) if mini else ENDOFCHAIN
        root.size = len(mini)
        minifat_bytes = b"".join(struct.pack("<I", v) for v in minifat)
        per_sector = SECTOR // 4
        if minifat:
            padded = minifat_bytes + struct.pack("<I", FREESECT) * (-len(minifat) % per_sector)
            minifat_start = self._chain(padded)
        else:
            minifat_start = ENDOFCHAIN
        minifat_sectors = -(-len(minifat) // per_sector)
        directory = b"".join(_entry(n) for n in self.nodes)
        directory += _empty_entry() * (-len(self.nodes) % (SECTOR // ENTRY_SIZE))
        directory_start = self._chain(directory)
        fat_count, difat_count = self._fat_sizes()
        fat_start = len(self.fat)
        self.fat.extend([FATSECT] * fat_count)
        difat_start = len(self.fat)
        self.fat.extend([DIFSECT] * difat_count)
        self.fat.extend([FREESECT] * (fat_count * per_sector - len(self.fat)))
        self.body += b"".join(struct.pack("<I", v) for v in self.fat)
        fat_sectors = list(range(fat_start, fat_start + fat_count))
        self.body += _difat_sectors(fat_sectors[HEADER_DIFAT:], difat_start, difat_count)
        difat = fat_sectors[:HEADER_DIFAT]
        difat += [FREESECT] * (HEADER_DIFAT - len(difat))
        header = struct.pack(
            "<8s16sHHHHH6sIIIIIIIII",
            SIGNATURE, b"\x00" * 16, 0x003E, 0x0003, 0xFFFE, 9, 6, b"\x00" * 6,
            0, fat_count, directory_start, 0, MINI_CUTOFF, minifat_start, minifat_sectors,
            difat_start if difat_count else ENDOFCHAIN, difat_count,
        ) + struct.pack(f"<{HEADER_DIFAT}I", *difat)
        return header + bytes(self.body)


def _difat_sectors(fat_sectors: list[int], first: int, count: int) -> bytes:
    """The DIFAT sectors listing the FAT sectors the header has no room for: 127
    entries each, then the number of the next DIFAT sector."""
    per_sector = SECTOR // 4 - 1
    out = bytearray()
    for n in range(count):
        entries = fat_sectors[n * per_sector:(n + 1) * per_sector]
        entries += [FREESECT] * (per_sector - len(entries))
        following = first + n + 1 if n + 1 < count else ENDOFCHAIN
        out += struct.pack(f"<{per_sector + 1}I", *entries, following)
    return bytes(out)


def _clsid_bytes(text: str) -> bytes:
    """olefile's CLSID text (``""`` for none) as the 16 bytes of a directory entry."""
    return uuid.UUID(text).bytes_le if text else bytes(16)


def _entry(node: _Node) -> bytes:
    name = node.name.encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name, len(name) + 2, node.kind, node.color, node.left, node.right, node.child,
        node.clsid, 0, 0, 0, node.start if node.kind != STORAGE else 0,
        node.size if node.kind != STORAGE else 0,
    )


def _empty_entry() -> bytes:
    return struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM,
                       b"\x00" * 16, 0, 0, 0, 0, 0)
