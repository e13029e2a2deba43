"""Adding xltrade's cell formats to a workbook's ``styles.xml`` without renumbering
what is there.

New fonts, fills, number formats, cell formats (``cellXfs``) and conditional
formats (``dxfs``) are appended at the end of their lists; an entry identical to one
already present is reused, so running again never grows the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from xml.sax.saxutils import quoteattr

from xltrade.errors import NotAWorkbook

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#: Children of styleSheet in schema order: where a missing list goes.
_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles",
          "dxfs", "tableStyles", "colors", "extLst")
#: Number formats Excel knows by id, so they need no numFmt entry.
BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "@": 49}
#: Built-in number format ids that show a date or time.
DATE_FORMAT_IDS = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})


@dataclass(frozen=True)
class Look:
    """What a cell format changes on top of the one it starts from."""

    bold: bool = False
    size: float | None = None
    font_color: str | None = None
    fill: str | None = None
    number_format: str | None = None
    wrap: bool = False
    align: str | None = None  # horizontal alignment


def _element(tag: str, prefix: str) -> str:
    return f"(?:{re.escape(prefix)})?{tag}" if prefix else tag


class StyleBook:
    """``styles.xml`` being edited."""

    def __init__(self, data: bytes | None, where: str = "styles.xml",
                 cell_formats: int = 1) -> None:
        """``data`` is the part; without one, a minimal style sheet with
        ``cell_formats`` plain cell formats (cells of a workbook without styles may
        still name some)."""
        if not data:
            xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            cell_formats = max(1, min(cell_formats, 65_000))
            data = (f'<styleSheet xmlns="{MAIN_NS}"><fonts count="1"><font><sz val="11"/>'
                    '<name val="Calibri"/></font></fonts><fills count="2"><fill>'
                    '<patternFill patternType="none"/></fill><fill><patternFill '
                    'patternType="gray125"/></fill></fills><borders count="1"><border><left/>'
                    '<right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs '
                    'count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
                    f'</cellStyleXfs><cellXfs count="{cell_formats}">{xf * cell_formats}'
                    '</cellXfs></styleSheet>').encode()
        self.where = where
        self.text = data.decode("utf-8")
        root = re.search(r"<(\w+:)?styleSheet\b", self.text)
        if root is None:
            raise NotAWorkbook(f"{where}: has no styleSheet; open the workbook in Excel, save "
                               "it, and run again")
        self.prefix = root.group(1) or ""
        self._check_lists()
        self.changed = False
        self._cache: dict[tuple[int, Look], int] = {}

    def _check_lists(self) -> None:
        """Each list xltrade appends to is there once, as a child of the root: a list
        inside ``mc:AlternateContent`` or a second one would be read by Excel
        differently from how xltrade counts it."""
        p = re.escape(self.prefix)
        hidden = "".join(m.group(0) for m in re.finditer(
            r"<(\w+:)?AlternateContent\b.*?</\1?AlternateContent>", self.text, re.S))
        for tag in _ORDER[:-1]:
            found = len(re.findall(rf"<{p}{tag}[\s/>]", self.text))
            if found > 1 or re.search(rf"<{p}{tag}[\s/>]", hidden):
                raise NotAWorkbook(f"{self.where}: its cell formats ({tag}) are written in a "
                                   "way xltrade cannot add to safely; open the workbook in "
                                   "Excel, save it, and run again")

    # --- lists
    def _list(self, tag: str) -> tuple[int, int, list[str]] | None:
        """(start, end, entries) of a list element such as ``fonts``."""
        p = re.escape(self.prefix)
        match = re.search(rf"<{p}{tag}\b[^>]*?(?:/>|>(.*?)</{p}{tag}>)", self.text, re.S)
        if match is None:
            return None
        return match.start(), match.end(), self._children(match.group(1) or "")

    def _children(self, inner: str) -> list[str]:
        """Top-level child elements of a list, as text."""
        out = []
        pos = 0
        p = re.escape(self.prefix)
        opener = re.compile(rf"<({p}[A-Za-z]\w*)\b[^>]*?(/?)>")
        while True:
            m = opener.search(inner, pos)
            if m is None:
                break
            if m.group(2):
                out.append(m.group(0))
                pos = m.end()
                continue
            tag = m.group(1)
            depth = 1
            scan = re.compile(rf"<(/?){re.escape(tag)}\b[^>]*?(/?)>")
            q = m.end()
            while depth:
                n = scan.search(inner, q)
                if n is None:
                    raise NotAWorkbook(f"{self.where}: damaged; open the workbook in "
                                       "Excel, save it, and run again")
                if n.group(1):
                    depth -= 1
                elif not n.group(2):
                    depth += 1
                q = n.end()
            out.append(inner[m.start():q])
            pos = q
        return out

    def entries(self, tag: str) -> list[str]:
        found = self._list(tag)
        return found[2] if found else []

    def _append(self, tag: str, entry: str) -> int:
        """Index of ``entry`` in list ``tag``, appending it when not already there."""
        found = self._list(tag)
        if found is None:
            self._insert_list(tag, entry)
            return 0
        start, end, children = found
        if entry in children:
            return children.index(entry)
        p = self.prefix
        head = re.match(rf"<{re.escape(p)}{tag}\b([^>]*?)/?>", self.text[start:end])
        assert head is not None
        attrs = re.sub(r'\scount="[^"]*"', "", head.group(1))
        count = len(children) + 1
        body = "".join(children) + entry
        self.text = (self.text[:start] + f'<{p}{tag}{attrs} count="{count}">{body}</{p}{tag}>'
                     + self.text[end:])
        self.changed = True
        return count - 1

    def _insert_list(self, tag: str, entry: str) -> None:
        p = self.prefix
        element = f'<{p}{tag} count="1">{entry}</{p}{tag}>'
        later = _ORDER[_ORDER.index(tag) + 1:]
        for following in later:
            m = re.search(rf"<{re.escape(p)}{following}\b", self.text)
            if m:
                self.text = self.text[:m.start()] + element + self.text[m.start():]
                break
        else:
            m = re.search(rf"</{re.escape(p)}styleSheet>", self.text)
            assert m is not None
            self.text = self.text[:m.start()] + element + self.text[m.start():]
        self.changed = True

    # --- pieces
    def number_format(self, code: str) -> int:
        if code in BUILTIN_FORMATS:
            return BUILTIN_FORMATS[code]
        ids = []
        for entry in self.entries("numFmts"):
            m = re.search(r'numFmtId="(\d+)"', entry)
            c = re.search(r'formatCode="([^"]*)"', entry)
            if m:
                ids.append(int(m.group(1)))
                if c and c.group(1) == code:
                    return int(m.group(1))
        new_id = max([163, *ids]) + 1
        self._append("numFmts", f'<{self.prefix}numFmt numFmtId="{new_id}" '
                                f"formatCode={quoteattr(code)}/>")
        return new_id

    def _font(self, base_id: int, look: Look) -> int:
        fonts = self.entries("fonts")
        base = fonts[base_id] if base_id < len(fonts) else (fonts[0] if fonts else "<font/>")
        p = self.prefix
        inner = re.sub(rf"^<{re.escape(p)}font\b[^>]*?(?:/>|>)|</{re.escape(p)}font>$", "",
                       base)
        drop = ["b"] if look.bold else []
        drop += ["sz"] if look.size else []
        drop += ["color"] if look.font_color else []
        for tag in drop:
            inner = re.sub(rf"<{re.escape(p)}{tag}\b[^>]*?(?:/>|>.*?</{re.escape(p)}{tag}>)",
                           "", inner)
        extra = ""
        if look.bold:
            extra += f'<{p}b/>'
        if look.size:
            extra += f'<{p}sz val="{look.size:g}"/>'
        if look.font_color:
            extra += f'<{p}color rgb="FF{look.font_color}"/>'
        return self._append("fonts", f"<{p}font>{extra}{inner}</{p}font>")

    def _fill(self, color: str) -> int:
        p = self.prefix
        return self._append("fills", f'<{p}fill><{p}patternFill patternType="solid">'
                                     f'<{p}fgColor rgb="FF{color}"/><{p}bgColor indexed="64"/>'
                                     f"</{p}patternFill></{p}fill>")

    def xf(self, look: Look, base: int = 0) -> int:
        """A cell format: cell format ``base`` with ``look`` on top."""
        key = (base, look)
        if key in self._cache:
            return self._cache[key]
        xfs = self.entries("cellXfs")
        p = self.prefix
        source = xfs[base] if base < len(xfs) else (xfs[0] if xfs else
                                                     f'<{p}xf numFmtId="0" fontId="0" '
                                                     'fillId="0" borderId="0" xfId="0"/>')
        head = re.match(rf"<{re.escape(p)}xf\b([^>]*?)(/?)>", source)
        assert head is not None
        attrs = {k: unescape(v) for k, v in re.findall(r'([\w:.-]+)="([^"]*)"', head.group(1))}
        body = "" if head.group(2) else source[head.end():source.rindex("<")]
        if look.bold or look.size or look.font_color:
            font = attrs.get("fontId", "0")
            attrs["fontId"] = str(self._font(int(font) if font.isdigit() else 0, look))
            attrs["applyFont"] = "1"
        if look.fill:
            attrs["fillId"] = str(self._fill(look.fill))
            attrs["applyFill"] = "1"
        if look.number_format:
            attrs["numFmtId"] = str(self.number_format(look.number_format))
            attrs["applyNumberFormat"] = "1"
        if look.wrap or look.align:
            body = re.sub(rf"<{re.escape(p)}alignment\b[^>]*?/>", "", body)
            align = f'<{p}alignment'
            if look.align:
                align += f' horizontal="{look.align}"'
            if look.wrap:
                align += ' vertical="top" wrapText="1"'
            body = align + "/>" + body
            attrs["applyAlignment"] = "1"
        text = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items())
        entry = f"<{p}xf {text}/>" if not body else f"<{p}xf {text}>{body}</{p}xf>"
        index = self._append("cellXfs", entry)
        self._cache[key] = index
        return index

    def dxf(self, fill: str, font_color: str | None) -> int:
        """A conditional format's look: a fill and, optionally, a font colour."""
        p = self.prefix
        font = f'<{p}font><{p}color rgb="FF{font_color}"/></{p}font>' if font_color else ""
        return self._append("dxfs", f"<{p}dxf>{font}<{p}fill><{p}patternFill "
                                    f'patternType="solid"><{p}fgColor rgb="FF{fill}"/>'
                                    f'<{p}bgColor rgb="FF{fill}"/></{p}patternFill></{p}fill>'
                                    f"</{p}dxf>")

    def date_styles(self) -> set[int]:
        """Indexes of the cell formats that show dates (for reading values)."""
        custom = {}
        for entry in self.entries("numFmts"):
            m = re.search(r'numFmtId="(\d+)"', entry)
            c = re.search(r'formatCode="([^"]*)"', entry)
            if m and c:
                custom[int(m.group(1))] = c.group(1)
        out = set()
        for i, entry in enumerate(self.entries("cellXfs")):
            m = re.search(r'numFmtId="(\d+)"', entry)
            fmt = int(m.group(1)) if m else 0
            if fmt in DATE_FORMAT_IDS or (fmt in custom and is_date_format(custom[fmt])):
                out.add(i)
        return out

    def to_bytes(self) -> bytes:
        return self.text.encode("utf-8")


def is_date_format(code: str) -> bool:
    """Whether a number format code shows a date or time (quoted text and colours aside)."""
    plain = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code.lower())
    return bool(re.search(r"[dmyhs]", plain)) and "general" not in plain
