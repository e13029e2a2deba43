"""The [MS-OVBA] 2.4.1 compression used for the ``dir`` stream and module source.

A CompressedContainer is a signature byte 0x01 then chunks, each holding up to 4096
bytes of data as literal bytes and copy tokens (LZ77 back-references within the
chunk). The matcher gives exactly what the spec's algorithm gives (the longest
earlier match, the nearest one on ties), found through a table of 3-byte prefixes
instead of a scan of the whole window.
"""

from __future__ import annotations

import struct
from collections import defaultdict

CHUNK = 4096
SIGNATURE = 0x01
MIN_MATCH = 3


def copy_token_help(difference: int) -> tuple[int, int]:
    """(bit count, maximum length) for a copy token ``difference`` bytes into a chunk."""
    bit_count = max((difference - 1).bit_length(), 4)
    return bit_count, (0xFFFF >> bit_count) + 3


def _match_length(chunk: bytes, candidate: int, current: int) -> int:
    end = len(chunk)
    length = 0
    # Overlapping matches are allowed: the copy reads bytes it has just written.
    while current + length < end and chunk[candidate + length] == chunk[current + length]:
        length += 1
    return length


def _compress_chunk(chunk: bytes) -> bytes:
    body = bytearray()
    seen: dict[bytes, list[int]] = defaultdict(list)
    pos = 0
    n = len(chunk)
    indexed = 0

    def remember(upto: int) -> None:
        nonlocal indexed
        while indexed < upto:
            if indexed + MIN_MATCH <= n:
                seen[chunk[indexed:indexed + MIN_MATCH]].append(indexed)
            indexed += 1

    while pos < n:
        flag_at = len(body)
        body.append(0)
        flags = 0
        for bit in range(8):
            if pos >= n:
                break
            remember(pos)
            best_length, best_candidate = 0, -1
            for candidate in reversed(seen.get(chunk[pos:pos + MIN_MATCH], ())):
                length = _match_length(chunk, candidate, pos)
                if length > best_length:
                    best_length, best_candidate = length, candidate
            if best_length >= MIN_MATCH:
                bit_count, maximum = copy_token_help(pos)
                length = min(best_length, maximum)
                offset = pos - best_candidate
                token = ((offset - 1) << (16 - bit_count)) | (length - MIN_MATCH)
                body += struct.pack("<H", token)
                flags |= 1 << bit
                pos += length
            else:
                body.append(chunk[pos])
                pos += 1
        body[flag_at] = flags
    if len(body) > CHUNK:
        # Incompressible: a raw chunk holds exactly 4096 bytes.
        header = (CHUNK + 2 - 3) | (0b011 << 12)
        return struct.pack("<H", header) + chunk.ljust(CHUNK, b"\x00")
    header = (len(body) + 2 - 3) | (0b011 << 12) | 0x8000
    return struct.pack("<H", header) + bytes(body)


def compress(data: bytes) -> bytes:
    """A CompressedContainer holding ``data``."""
    out = bytearray([SIGNATURE])
    for start in range(0, len(data), CHUNK):
        out += _compress_chunk(data[start:start + CHUNK])
    return bytes(out)


def decompress(container: bytes) -> bytes:
    """The data in a CompressedContainer; raises ValueError on a malformed one."""
    if not container or container[0] != SIGNATURE:
        raise ValueError("not a compressed container: the signature byte is not 0x01")
    out = bytearray()
    pos = 1
    while pos < len(container):
        if pos + 2 > len(container):
            raise ValueError(f"chunk header cut off at byte {pos}")
        (header,) = struct.unpack_from("<H", container, pos)
        if (header >> 12) & 0b111 != 0b011:
            raise ValueError(f"bad chunk signature at byte {pos}")
        end = min(pos + (header & 0x0FFF) + 3, len(container))
        pos += 2
        if not header & 0x8000:
            out += container[pos:pos + CHUNK]
            pos += CHUNK
            continue
        start = len(out)
        while pos < end:
            flags = container[pos]
            pos += 1
            for bit in range(8):
                if pos >= end:
                    break
                if not flags & (1 << bit):
                    out.append(container[pos])
                    pos += 1
                    continue
                (token,) = struct.unpack_from("<H", container, pos)
                pos += 2
                bit_count, _ = copy_token_help(len(out) - start)
                offset = (token >> (16 - bit_count)) + 1
                length = (token & (0xFFFF >> bit_count)) + 3
                if offset > len(out) - start:
                    raise ValueError(f"copy token reaches before its chunk at byte {pos - 2}")
                for _ in range(length):
                    out.append(out[-offset])
    return bytes(out)
