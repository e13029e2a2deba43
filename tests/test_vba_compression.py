"""[MS-OVBA] 2.4.1 compression, checked against the spec's section 3.2 examples."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import xlwings
from hypothesis import given, settings
from hypothesis import strategies as st

from xltrade.vba.compression import compress, copy_token_help, decompress

EXAMPLES = [
    # 3.2.1 No Compression
    (b"abcdefghijklmnopqrstuv.",
     "01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E"),
    # 3.2.2 Normal Compression
    (b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa",
     "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 20 "
     "6D 6E 6F 70 06 71 02 70 04 00 72 73 74 75 76 10 77 78 79 7A 00 2C"),
    # 3.2.3 Maximum Compression: one literal and one overlapping copy
    (b"a" * 73, "01 03 B0 02 61 45 00"),
]


@pytest.mark.parametrize(("plain", "packed"), EXAMPLES)
def test_spec_examples_byte_for_byte(plain: bytes, packed: str) -> None:
    assert compress(plain) == bytes.fromhex(packed)
    assert decompress(bytes.fromhex(packed)) == plain


def test_copy_token_help_matches_the_spec_table() -> None:
    assert copy_token_help(1) == (4, 4098)
    assert copy_token_help(16) == (4, 4098)
    assert copy_token_help(17) == (5, 2050)
    assert copy_token_help(4096) == (12, 18)


def test_large_module_spans_chunks() -> None:
    source = (Path(xlwings.__file__).parent / "xlwings.bas").read_bytes()
    packed = compress(source)
    assert decompress(packed) == source
    assert len(packed) < len(source) // 2


def test_incompressible_chunk_is_stored_raw() -> None:
    rng = random.Random(1)
    noise = bytes(rng.randrange(256) for _ in range(4096))
    packed = compress(noise)
    assert packed[1:3] == b"\xff\x3f"  # flag 0: 4096 bytes as they are
    assert decompress(packed) == noise


@pytest.mark.parametrize("bad", [b"", b"\x02\x00\x00", b"\x01\x19", b"\x01\xff\x0f\x00"])
def test_malformed_containers_are_refused(bad: bytes) -> None:
    with pytest.raises(ValueError):
        decompress(bad)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=9000) | st.text(alphabet="ab \r\n", max_size=9000).map(str.encode))
def test_round_trip(data: bytes) -> None:
    assert decompress(compress(data)) == data
