"""Damaged and unusual workbooks made from good ones, for the fuzz tests.

Each mutation changes one part of a package. Most keep the XML well-formed and mean
the same to an XML parser (attribute quoting, spacing and order, CDATA, comments,
processing instructions, UTF-16, another namespace prefix, character references);
the others are corruptions a file meets in the world (truncation, numbers that are
not numbers, a list written twice, a missing relationship, an empty sheet name).
Every mutant is made from a seed and a number, so a failure can be made again.
"""

from __future__ import annotations

import codecs
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

Parts = dict[str, bytes]
Mutation = Callable[[Parts, str, random.Random], bool]

MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_TAG = re.compile(rb"""<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+="[^"]*")*)\s*(/?)>""")
_ATTR = re.compile(rb'([\w.:-]+)="([^"]*)"')


def read_parts(path: Path) -> tuple[list[zipfile.ZipInfo], Parts]:
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        return infos, {i.filename: z.read(i.filename) for i in infos}


def write_parts(path: Path, infos: list[zipfile.ZipInfo], parts: Parts) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in infos:
            if info.filename in parts:
                z.writestr(info, parts[info.filename])


def _tags(data: bytes, rng: random.Random, share: float,
          edit: Callable[[re.Match[bytes]], bytes]) -> bytes:
    """Each start tag edited with probability ``share``."""
    return _TAG.sub(lambda m: edit(m) if rng.random() < share else m.group(0), data)


def _rebuilt(m: re.Match[bytes], attrs: list[tuple[bytes, bytes]], *, eq: bytes = b"=",
             quote: bytes = b'"', before_end: bytes = b"") -> bytes:
    body = b"".join(b" " + k + eq + quote + v + quote for k, v in attrs)
    return b"<" + m.group(1) + body + before_end + m.group(3) + b">"


def spaces_around_equals(parts: Parts, name: str, rng: random.Random) -> bool:
    spacing = rng.choice([b" = ", b"= ", b" =", b"\n=\t"])
    parts[name] = _tags(parts[name], rng, 0.5,
                        lambda m: _rebuilt(m, _ATTR.findall(m.group(2)), eq=spacing))
    return True


def single_quotes(parts: Parts, name: str, rng: random.Random) -> bool:
    def edit(m: re.Match[bytes]) -> bytes:
        attrs = _ATTR.findall(m.group(2))
        if any(b"'" in v for _, v in attrs):
            return m.group(0)
        return _rebuilt(m, attrs, quote=b"'")
    parts[name] = _tags(parts[name], rng, 0.6, edit)
    return True


def space_before_close(parts: Parts, name: str, rng: random.Random) -> bool:
    data = _tags(parts[name], rng, 0.5,
                 lambda m: _rebuilt(m, _ATTR.findall(m.group(2)), before_end=b" \n"))
    parts[name] = re.sub(rb"</([\w.:-]+)>", lambda m: m.group(0)[:-1] + b" >"
                         if rng.random() < 0.5 else m.group(0), data)
    return True


def attribute_order(parts: Parts, name: str, rng: random.Random) -> bool:
    def edit(m: re.Match[bytes]) -> bytes:
        attrs = _ATTR.findall(m.group(2))
        rng.shuffle(attrs)
        return _rebuilt(m, attrs)
    parts[name] = _tags(parts[name], rng, 0.8, edit)
    return True


def cdata_text(parts: Parts, name: str, rng: random.Random) -> bool:
    """Element text as CDATA, some with markup-looking content (a value of its own)."""
    tricky = [b"</row>", b"</c></row>", b"</sheetData>", b"<c r=\"Z9\">", b"]]"]

    def edit(m: re.Match[bytes]) -> bytes:
        text = m.group(2)
        if b"]]>" in text or rng.random() < 0.5:
            return m.group(0)
        raw = (text.replace(b"&lt;", b"<").replace(b"&gt;", b">").replace(b"&quot;", b'"')
               .replace(b"&apos;", b"'").replace(b"&amp;", b"&"))
        if m.group(1).endswith(b"t") and rng.random() < 0.5:
            raw += rng.choice(tricky)
        return m.group(0)[:m.start(2) - m.start()] + b"<![CDATA[" + raw + b"]]>" + \
            m.group(0)[m.end(2) - m.start():]
    found = re.sub(rb"<((?:\w+:)?[tv])(?:\s[^>]*)?>([^<]*)</", edit, parts[name])
    parts[name] = found
    return True


def comments(parts: Parts, name: str, rng: random.Random) -> bool:
    notes = [b"<!-- </row> -->", b"<!-- </c> <c r=\"A1\"> -->", b"<!--</sheetData>-->",
             b"<!-- count=\"9\" r=\"7\" -->", b"<!---->"]
    parts[name] = re.sub(rb"(?<=>)(?=<[^/!?])", lambda _: rng.choice(notes)
                         if rng.random() < 0.2 else b"", parts[name])
    return True


def processing_instructions(parts: Parts, name: str, rng: random.Random) -> bool:
    parts[name] = re.sub(rb"(?<=>)(?=<[^/!?])", lambda _: b"<?xltrade-test a=\"</row>\"?>"
                         if rng.random() < 0.1 else b"", parts[name])
    return True


def utf16(parts: Parts, name: str, rng: random.Random) -> bool:
    try:
        text = parts[name].decode("utf-8")
    except UnicodeDecodeError:  # already re-encoded, or cut in the middle of a character
        return False
    declaration = '<?xml version="1.0" encoding="UTF-16" standalone="yes"?>'
    text, found = re.subn(r"^<\?xml[^>]*\?>", declaration, text)
    if not found:
        text = declaration + text
    if rng.random() < 0.5:
        parts[name] = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    else:
        parts[name] = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return True


def other_prefix(parts: Parts, name: str, rng: random.Random) -> bool:
    """The default namespace of the part bound to a prefix instead (``x:``)."""
    data = parts[name]
    root = re.search(rb'<([A-Za-z_][\w.-]*)\s[^>]*?xmlns="([^"]*)"', data)
    if root is None:
        return False
    prefix = rng.choice([b"x", b"main", b"ns0"])

    def tag(m: re.Match[bytes]) -> bytes:
        return b"<" + m.group(1) + prefix + b":" + m.group(2)
    data = re.sub(rb"<(/?)([A-Za-z_][\w.-]*)(?=[\s/>])", tag, data)
    data = data.replace(b'xmlns="' + root.group(2) + b'"',
                        b"xmlns:" + prefix + b'="' + root.group(2) + b'"', 1)
    parts[name] = data
    return True


def second_prefix(parts: Parts, name: str, rng: random.Random) -> bool:
    """Some elements under a second prefix for the same namespace, declared locally."""
    data = parts[name]
    root = re.search(rb'xmlns="([^"]*)"', data)
    if root is None:
        return False
    uri = root.group(1)

    count = 0

    def element(m: re.Match[bytes]) -> bytes:
        nonlocal count
        if b":" in m.group(1) or rng.random() > 0.2:
            return m.group(0)
        count += 1
        return (b"<y:" + m.group(1) + b' xmlns:y="' + uri + b'"' + m.group(2) + b"/>")
    data = re.sub(rb"<([A-Za-z_][\w.-]*)((?:\s+[\w.:-]+=\"[^\"]*\")*)\s*/>", element, data)
    parts[name] = data
    return count > 0


def character_references(parts: Parts, name: str, rng: random.Random) -> bool:
    def edit(m: re.Match[bytes]) -> bytes:
        attrs = [(k, b"".join(b"&#%d;" % c if rng.random() < 0.5 else bytes([c])
                              for c in v) if v.isascii() and b"&" not in v else v)
                 for k, v in _ATTR.findall(m.group(2))]
        return _rebuilt(m, attrs)
    parts[name] = _tags(parts[name], rng, 0.3, edit)
    return True


def pretty_printed(parts: Parts, name: str, rng: random.Random) -> bool:
    """Line breaks and indentation between elements (not inside text elements)."""
    parts[name] = re.sub(rb"(?<=>)(?=<(?!/?(?:\w+:)?(?:t|v|f)\b))",
                         lambda _: b"\r\n  " if rng.random() < 0.5 else b"\n", parts[name])
    return True


def truncated(parts: Parts, name: str, rng: random.Random) -> bool:
    data = parts[name]
    parts[name] = data[:rng.randrange(0, max(1, len(data)))]
    return True


_BAD_NUMBERS = [
    (rb'(<(?:\w+:)?dimension ref=")[^"]*"', rb'\g<1>A1:ZZZZ1"'),
    (rb'(<(?:\w+:)?dimension ref=")[^"]*"', rb'\g<1>1:4"'),
    (rb'(<(?:\w+:)?row\b[^>]*?spans=")[^"]*"', rb'\g<1>a:b"'),
    (rb'(<(?:\w+:)?col\b[^>]*?min=")[^"]*"', rb'\g<1>abc"'),
    (rb'(<(?:\w+:)?xf\b[^>]*?fontId=")[^"]*"', rb'\g<1>abc"'),
    (rb'(<(?:\w+:)?c\b[^>]*?s=")[^"]*"', rb'\g<1>x1"'),
    (rb'(<(?:\w+:)?sheet\b[^>]*?sheetId=")[^"]*"', rb'\g<1>one"'),
    (rb'(<(?:\w+:)?(?:fonts|cellXfs|fills)\b[^>]*?count=")[^"]*"', rb'\g<1>-3"'),
    (rb'(<(?:\w+:)?workbookView\b[^>]*?activeTab=")[^"]*"', rb'\g<1>99"'),
    (rb'(<(?:\w+:)?cfRule\b[^>]*?priority=")[^"]*"', rb'\g<1>high"'),
]


def bad_numbers(parts: Parts, name: str, rng: random.Random) -> bool:
    changed = False
    for pattern, replacement in rng.sample(_BAD_NUMBERS, 3):
        new = re.sub(pattern, replacement, parts[name], count=1)
        changed |= new != parts[name]
        parts[name] = new
    return changed


def styles_in_alternate_content(parts: Parts, name: str, rng: random.Random) -> bool:
    styles = next((n for n in parts if n.endswith("styles.xml")), None)
    if styles is None:
        return False
    data = parts[styles]
    m = re.search(rb"<((?:\w+:)?cellXfs)\b.*?</\1>", data, re.S)
    if m is None:
        return False
    mc = b"http://schemas.openxmlformats.org/markup-compatibility/2006"
    if rng.random() < 0.5:
        wrapped = (b'<mc:AlternateContent xmlns:mc="' + mc + b'"><mc:Choice Requires="x14" '
                   b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
                   + m.group(0) + b"</mc:Choice><mc:Fallback>" + m.group(0)
                   + b"</mc:Fallback></mc:AlternateContent>")
    else:
        wrapped = m.group(0) + m.group(0)  # a second cellXfs
    parts[styles] = data[:m.start()] + wrapped + data[m.end():]
    return True


def no_styles_relationship(parts: Parts, name: str, rng: random.Random) -> bool:
    rels = "xl/_rels/workbook.xml.rels"
    if rels not in parts:
        return False
    new = re.sub(rb"<Relationship\b[^>]*?/styles\"[^>]*/>", b"", parts[rels])
    changed = new != parts[rels]
    parts[rels] = new
    return changed


def empty_sheet_name(parts: Parts, name: str, rng: random.Random) -> bool:
    wb = "xl/workbook.xml"
    new = re.sub(rb'(<(?:\w+:)?sheet\b[^>]*?name=")[^"]*"', rb'\1"', parts.get(wb, b""),
                 count=1)
    changed = new != parts.get(wb)
    parts[wb] = new
    return changed


def gt_in_values(parts: Parts, name: str, rng: random.Random) -> bool:
    """Sheet names holding ``>`` and ``<``, the first written unescaped (XML allows it)."""
    wb = "xl/workbook.xml"
    if wb not in parts:
        return False
    parts[wb] = re.sub(rb'(<(?:\w+:)?sheet\b[^>]*?name=")([^"]*)"',
                       lambda m: m.group(1) + m.group(2) + b' >&lt;"', parts[wb])
    return True


#: Mutations that keep the XML well-formed and its meaning the same.
SAME_MEANING: list[Mutation] = [spaces_around_equals, single_quotes, space_before_close,
                                attribute_order, comments, processing_instructions, utf16,
                                other_prefix, second_prefix, character_references,
                                pretty_printed, gt_in_values, cdata_text]
#: Corruptions a file meets in the world.
DAMAGE: list[Mutation] = [truncated, bad_numbers, styles_in_alternate_content,
                          no_styles_relationship, empty_sheet_name]


def xml_parts(parts: Parts) -> list[str]:
    return sorted(n for n in parts if n.endswith((".xml", ".rels")))


def mutate(seed_path: Path, out: Path, number: int, customer_part: str) -> str:
    """Write mutant ``number`` of ``seed_path`` to ``out``; what was done, in words."""
    rng = random.Random(f"{seed_path.name}:{number}")
    infos, parts = read_parts(seed_path)
    edited = [customer_part, "xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
              "[Content_Types].xml", "docProps/app.xml"]
    done = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        pool = [n for n in edited if n in parts] if rng.random() < 0.8 else xml_parts(parts)
        name = rng.choice(pool)
        mutation = rng.choice(SAME_MEANING if rng.random() < 0.75 else DAMAGE)
        if mutation(parts, name, rng):
            done.append(f"{mutation.__name__}({name})")
    write_parts(out, infos, parts)
    return ", ".join(done) or "none"
