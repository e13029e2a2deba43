"""[MS-OVBA] 2.4.3 data encryption, used for the PROJECT stream's CMG, DPB and GC lines.

It is obfuscation, not security: the key is a checksum of the project id. The seed
and the ignored bytes may be anything; they are fixed here so that the same project
always gives the same bytes.
"""

from __future__ import annotations

import struct

VERSION = 2


def project_key(project_id: str) -> int:
    """Checksum of the project id text (``{GUID}``, braces included)."""
    return sum(project_id.encode("ascii")) & 0xFF


def encrypt(project_id: str, data: bytes, seed: int = 0x00) -> bytes:
    """Encrypted Data Structure (2.4.3.1) for ``data``."""
    key = project_key(project_id)
    version_enc = seed ^ VERSION
    key_enc = seed ^ key
    out = bytearray([seed, version_enc, key_enc])
    plain_1, enc_1, enc_2 = key, key_enc, version_enc
    ignored = bytes((seed & 6) // 2)
    for byte in ignored + struct.pack("<I", len(data)) + data:
        enc = byte ^ ((enc_2 + plain_1) & 0xFF)
        out.append(enc)
        enc_2, enc_1, plain_1 = enc_1, enc, byte
    return bytes(out)


def decrypt(encrypted: bytes) -> tuple[int, bytes]:
    """(project key, data) from an Encrypted Data Structure; ValueError when malformed."""
    if len(encrypted) < 7:
        raise ValueError("encrypted data too short")
    seed, version_enc, key_enc = encrypted[:3]
    if seed ^ version_enc != VERSION:
        raise ValueError("encrypted data has the wrong version")
    key = seed ^ key_enc
    plain_1, enc_1, enc_2 = key, key_enc, version_enc
    plain = bytearray()
    for enc in encrypted[3:]:
        byte = enc ^ ((enc_2 + plain_1) & 0xFF)
        plain.append(byte)
        enc_2, enc_1, plain_1 = enc_1, enc, byte
    ignored = (seed & 6) // 2
    (length,) = struct.unpack_from("<I", plain, ignored)
    data = bytes(plain[ignored + 4:ignored + 4 + length])
    if len(data) != length:
        raise ValueError("encrypted data is shorter than its length says")
    return key, data


def encrypt_hex(project_id: str, data: bytes, seed: int = 0x00) -> str:
    """The hex text a PROJECT stream line holds (``CMG="..."``)."""
    return encrypt(project_id, data, seed).hex().upper()
