"""[MS-OVBA] 2.4.3 data encryption for the PROJECT stream's CMG, DPB and GC."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from xltrade.vba.obfuscation import decrypt, encrypt, project_key

#: The spec's sample project (section 3.1) and its visibility line GC="...".
SPEC_ID = "{917DED54-440B-4FD1-A5C1-74ACF261E600}"
SPEC_GC = "1517CAF1D6F9D7F9D706"


def test_spec_sample_decrypts_to_visible_with_the_project_key() -> None:
    key, data = decrypt(bytes.fromhex(SPEC_GC))
    assert data == b"\xff"
    assert key == project_key(SPEC_ID) == 0xDF


def test_same_seed_gives_the_spec_header_bytes() -> None:
    ours = encrypt(SPEC_ID, b"\xff", seed=0x15)
    assert ours[:3] == bytes.fromhex(SPEC_GC)[:3]  # seed, version, key
    assert len(ours) == len(bytes.fromhex(SPEC_GC))


@given(st.binary(max_size=40), st.integers(0, 255), st.uuids())
def test_round_trip(data: bytes, seed: int, guid) -> None:
    project = "{" + str(guid).upper() + "}"
    assert decrypt(encrypt(project, data, seed)) == (project_key(project), data)
