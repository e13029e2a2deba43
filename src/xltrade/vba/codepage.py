"""The text encoding of a VBA project: its PROJECTCODEPAGE ([MS-OVBA] 2.3.4.2.1.5) as a
Python codec.

Module source, module names and the PROJECT stream are stored in the project's code
page (MBCS): 1252 for a Western Excel, 936 (GBK) for a Chinese one, 932 (Shift-JIS)
for a Japanese one, 1251 for a Cyrillic one. Reading them as 1252 turns Chinese into
mojibake, and writing our text in any other code page than the project's breaks it.
"""

from __future__ import annotations

import codecs

#: Code pages whose Python codec is not simply ``cp<number>``.
_CODECS = {
    65001: "utf-8",
    10000: "mac_roman",
    10001: "shift_jis",   # Mac Japanese
    10002: "big5",        # Mac Traditional Chinese
    10006: "mac_greek",
    10007: "mac_cyrillic",
    10008: "gb2312",      # Mac Simplified Chinese
    10029: "mac_latin2",
    10079: "mac_iceland",
    10081: "mac_turkish",
    20127: "ascii",
    20936: "gb2312",
    28591: "latin_1",
    **{28590 + n: f"iso8859_{n}" for n in range(2, 10)},
    28605: "iso8859_15",
    51932: "euc_jp",
    51949: "euc_kr",
    54936: "gb18030",
}


def codec(code_page: int) -> str:
    """The Python codec for a Windows or Mac code page; ValueError when there is none,
    or when it is not an ANSI code page (one where ASCII is itself, as VBA needs)."""
    name = _CODECS.get(code_page, f"cp{code_page}")
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"code page {code_page} is not one Python can read") from None
    if "A".encode(info.name) != b"A":  # UTF-16, EBCDIC: never a VBA project's MBCS
        raise ValueError(f"code page {code_page} is not an ANSI code page")
    return info.name


def encode(text: str, code_page: int) -> bytes:
    """``text`` in the project's code page; ValueError naming the text when it has a
    character the code page lacks."""
    try:
        return text.encode(codec(code_page))
    except UnicodeEncodeError as exc:
        bad = text[exc.start:exc.end]
        raise ValueError(f"{bad!r} cannot be written in code page {code_page}") from None


def decode(data: bytes, code_page: int) -> str:
    """Bytes of the project's code page as text; ValueError when they are not valid."""
    try:
        return data.decode(codec(code_page))
    except UnicodeDecodeError as exc:
        raise ValueError(f"text that is not valid code page {code_page} "
                         f"(byte {exc.start})") from None
