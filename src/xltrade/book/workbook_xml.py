"""Editing ``workbook.xml`` and ``docProps/app.xml`` in place: adding, renaming and
hiding sheets while every other entry (defined names, views, calculation settings,
extensions) stays as it was, with sheet-index references shifted where a sheet is
inserted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import unescape

from xltrade.book.cellxml import escape_attr

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass
class SheetEntry:
    name: str
    sheet_id: int
    rel_id: str
    state: str


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def _name_of(element: str) -> str:
    found = re.search(r'\bname="([^"]*)"', element)
    return _unescape(found.group(1)) if found else ""


class WorkbookXml:
    """``workbook.xml`` being edited."""

    def __init__(self, data: bytes) -> None:
        self.text = data.decode("utf-8")
        root = re.search(r"<(\w+:)?workbook\b", self.text)
        self.p = (root.group(1) or "") if root else ""
        self._sheet_re = re.compile(rf"<{re.escape(self.p)}sheet\b[^>]*?/>")

    def sheets(self) -> list[SheetEntry]:
        out = []
        for m in self._sheet_re.finditer(self.text):
            attrs = m.group(0)
            name = re.search(r'\bname="([^"]*)"', attrs)
            sid = re.search(r'\bsheetId="(\d+)"', attrs)
            rid = re.search(r'\b[\w.-]+:id="([^"]*)"', attrs)
            state = re.search(r'\bstate="(\w+)"', attrs)
            out.append(SheetEntry(_unescape(name.group(1)) if name else "",
                                  int(sid.group(1)) if sid else 0,
                                  rid.group(1) if rid else "",
                                  state.group(1) if state else "visible"))
        return out

    @property
    def date1904(self) -> bool:
        m = re.search(rf"<{re.escape(self.p)}workbookPr\b[^>]*?date1904=\"(1|true)\"",
                      self.text)
        return m is not None

    def _sheet_match(self, name: str) -> re.Match[str]:
        for m in self._sheet_re.finditer(self.text):
            found = re.search(r'\bname="([^"]*)"', m.group(0))
            if found and _unescape(found.group(1)) == name:
                return m
        raise KeyError(name)

    def add_sheet(self, name: str, rel_id: str, position: int | None, hidden: bool) -> int:
        """Insert a sheet entry at ``position`` (0-based; ``None`` for the end); the index
        it got. Sheet-index references at or after it move along."""
        entries = self.sheets()
        index = len(entries) if position is None else max(0, min(position, len(entries)))
        sheet_id = max([e.sheet_id for e in entries] + [0]) + 1
        state = ' state="hidden"' if hidden else ""
        element = (f'<{self.p}sheet name="{escape_attr(name)}" sheetId="{sheet_id}"{state} '
                   f'xmlns:r="{R_NS}" r:id="{rel_id}"/>')
        matches = list(self._sheet_re.finditer(self.text))
        if index < len(matches):
            at = matches[index].start()
        elif matches:
            at = matches[-1].end()
        else:
            sheets = re.search(rf"<{re.escape(self.p)}sheets\b[^>]*?(/?)>", self.text)
            assert sheets is not None
            if sheets.group(1):
                self.text = (self.text[:sheets.start()] + f"<{self.p}sheets></{self.p}sheets>"
                             + self.text[sheets.end():])
                sheets = re.search(rf"<{re.escape(self.p)}sheets\b[^>]*?>", self.text)
                assert sheets is not None
            at = sheets.end()
        self.text = self.text[:at] + element + self.text[at:]
        if index < len(entries):
            self._shift(index)
        return index

    def _shift(self, index: int) -> None:
        """Indexes of sheets at or after ``index`` grow by one."""
        def bump(m: re.Match[str]) -> str:
            n = int(m.group(2))
            return f'{m.group(1)}"{n + 1 if n >= index else n}"'

        self.text = re.sub(r'(\blocalSheetId=)"(\d+)"', bump, self.text)
        view = re.search(rf"<{re.escape(self.p)}workbookView\b[^>]*?>", self.text)
        if view:
            edited = re.sub(r'(\b(?:activeTab|firstSheet)=)"(\d+)"', bump, view.group(0))
            self.text = self.text[:view.start()] + edited + self.text[view.end():]

    def set_sheet(self, name: str, *, new_name: str | None = None,
                  hidden: bool | None = None) -> None:
        m = self._sheet_match(name)
        element = m.group(0)
        if new_name is not None and new_name != name:
            element = re.sub(r'\bname="[^"]*"', f'name="{escape_attr(new_name)}"', element,
                             count=1)
        if hidden is not None:
            element = re.sub(r'\sstate="\w+"', "", element)
            if hidden:
                element = element.replace(f"<{self.p}sheet ", f'<{self.p}sheet state="hidden" ',
                                          1)
        self.text = self.text[:m.start()] + element + self.text[m.end():]

    def defined_names(self) -> list[str]:
        """The names the workbook defines (tables may not take them)."""
        return [unescape(m.group(1)) for m in re.finditer(
            rf'<{re.escape(self.p)}definedName\b[^>]*?\bname="([^"]*)"', self.text)]

    def set_filter_range(self, index: int, sheet: str, area: str) -> None:
        """Point the sheet's ``_xlnm._FilterDatabase`` name at ``area`` (absolute)."""
        quoted = "'" + sheet.replace("'", "''") + "'"
        first, _, last = area.partition(":")
        absolute = "$" + re.sub(r"(\d+)", r"$\1", first) + ":$" + re.sub(r"(\d+)", r"$\1", last)
        pattern = re.compile(rf"(<{re.escape(self.p)}definedName\b[^>]*?name=\"_xlnm\."
                             rf"_FilterDatabase\"[^>]*?localSheetId=\"{index}\"[^>]*>)(.*?)"
                             rf"(</{re.escape(self.p)}definedName>)")
        self.text = pattern.sub(lambda m: m.group(1) + escape_attr(f"{quoted}!{absolute}")
                                .replace("&quot;", '"') + m.group(3), self.text)

    def global_names(self) -> dict[str, str]:
        """Workbook-level names and what they refer to (sheet-local ones aside)."""
        out = {}
        for m in re.finditer(rf"<{re.escape(self.p)}definedName\b([^>]*)>(.*?)"
                             rf"</{re.escape(self.p)}definedName>", self.text, re.S):
            name = re.search(r'\bname="([^"]*)"', m.group(1))
            if name and "localSheetId" not in m.group(1):
                out[unescape(name.group(1))] = unescape(m.group(2))
        return out

    def set_defined_name(self, name: str, index: int | None, value: str, *,
                         replace: bool = True, hidden: bool = False) -> None:
        """Set the name ``name``, local to the sheet at ``index`` or the workbook's with
        ``None``, to ``value``, adding it, and the definedNames element, when missing; an
        existing one is left as it is unless ``replace``."""
        p = re.escape(self.p)
        scope = f' localSheetId="{index}"' if index is not None else ""
        flag = ' hidden="1"' if hidden else ""
        element = (f'<{self.p}definedName name="{escape_attr(name)}"{flag}{scope}>'
                   f"{escape_attr(value).replace('&quot;', chr(34))}</{self.p}definedName>")
        where = (rf'[^>]*?localSheetId="{index}"' if index is not None
                 else r'(?![^>]*localSheetId)')
        existing = re.compile(rf'<{p}definedName\b[^>]*?name="{re.escape(name)}"{where}'
                              rf'[^>]*>.*?</{p}definedName>', re.S | re.I)
        if existing.search(self.text):
            if replace:
                self.text = existing.sub(lambda _: element, self.text, count=1)
            return
        closing = re.search(rf"</{p}definedNames>", self.text)
        if closing:
            self.text = self.text[:closing.start()] + element + self.text[closing.start():]
            return
        empty = re.search(rf"<{p}definedNames\s*/>", self.text)
        if empty:  # as some writers leave it: an empty, self-closed element
            block = f"<{self.p}definedNames>{element}</{self.p}definedNames>"
            self.text = self.text[:empty.start()] + block + self.text[empty.end():]
            return
        # definedNames follows sheets, functionGroups and externalReferences.
        after = None
        for tag in ("externalReferences", "functionGroups", "sheets"):
            after = re.search(rf"</{p}{tag}>|<{p}{tag}\b[^>]*/>", self.text)
            if after:
                break
        assert after is not None, "a workbook has its sheets"
        block = f"<{self.p}definedNames>{element}</{self.p}definedNames>"
        self.text = self.text[:after.end()] + block + self.text[after.end():]

    def set_active_tab(self, index: int) -> None:
        """Open the workbook on the sheet at ``index`` (and scroll the tabs back to the
        first when it would be hidden from view)."""
        view = re.search(rf"<{re.escape(self.p)}workbookView\b[^>]*?/?>", self.text)
        if view is None:
            return
        tag = re.sub(r'\s(?:activeTab|firstSheet)="\d+"', "", view.group(0))
        tag = tag.replace(f"<{self.p}workbookView", f'<{self.p}workbookView activeTab="{index}"',
                          1)
        self.text = self.text[:view.start()] + tag + self.text[view.end():]

    def active_tab(self) -> int:
        m = re.search(r'\bactiveTab="(\d+)"', self.text)
        return int(m.group(1)) if m else 0

    def set_code_name(self, code_name: str) -> None:
        """The workbook's VBA code name on ``workbookPr`` (added when missing)."""
        p = re.escape(self.p)
        pr = re.search(rf"<{p}workbookPr\b[^>]*?/?>", self.text)
        if pr is None:
            anchor = re.search(rf"<{p}workbook\b[^>]*>", self.text)
            assert anchor is not None
            after = anchor.end()
            version = re.search(rf"<{p}fileVersion\b[^>]*?(?:/>|>.*?</{p}fileVersion>)",
                                self.text, re.S)
            if version:
                after = version.end()
            self.text = (self.text[:after] + f'<{self.p}workbookPr codeName="{code_name}"/>'
                         + self.text[after:])
            return
        element = re.sub(r'\scodeName="[^"]*"', "", pr.group(0))
        element = element.replace(f"<{self.p}workbookPr", f'<{self.p}workbookPr '
                                  f'codeName="{code_name}"', 1)
        self.text = self.text[:pr.start()] + element + self.text[pr.end():]

    def code_name(self) -> str | None:
        m = re.search(rf"<{re.escape(self.p)}workbookPr\b[^>]*?codeName=\"([^\"]*)\"", self.text)
        return m.group(1) if m else None

    def to_bytes(self) -> bytes:
        return self.text.encode("utf-8")

    def without_sheets(self, names: set[str]) -> bytes:
        """The part with the sheets ``names`` left out of its list (for a reader that
        must not see them); this object is not changed."""
        kept = self._sheet_re.sub(
            lambda m: "" if _name_of(m.group(0)) in names else m.group(0), self.text)
        return kept.encode("utf-8")


def app_titles(data: bytes, sheets_before: list[str], sheets_after: list[str]) -> bytes:
    """``app.xml`` with the worksheet titles brought up to date, when it lists exactly
    the sheets it should; otherwise unchanged (the file stays valid either way)."""
    text = data.decode("utf-8")
    pairs = re.search(r"<(\w+:)?HeadingPairs>.*?</\1?HeadingPairs>", text, re.S)
    titles = re.search(r"(<(\w+:)?TitlesOfParts>\s*<(\w+:)vector\b[^>]*>)(.*?)(</\3vector>)",
                       text, re.S)
    if pairs is None or titles is None:
        return data
    count = re.search(r"<(\w+:)i4>(\d+)</\1i4>", pairs.group(0))
    if count is None or int(count.group(2)) != len(sheets_before):
        return data
    vt = titles.group(3)
    items = re.findall(rf"<{re.escape(vt)}lpstr>(.*?)</{re.escape(vt)}lpstr>", titles.group(4),
                       re.S)
    if [_unescape(i) for i in items[:len(sheets_before)]] != sheets_before:
        return data
    new_items = [escape_attr(s).replace("&quot;", '"') for s in sheets_after] + \
        items[len(sheets_before):]
    body = "".join(f"<{vt}lpstr>{i}</{vt}lpstr>" for i in new_items)
    head = re.sub(r'\bsize="\d+"', f'size="{len(new_items)}"', titles.group(1))
    text = text[:titles.start()] + head + body + titles.group(5) + text[titles.end():]
    pairs = re.search(r"<(\w+:)?HeadingPairs>.*?</\1?HeadingPairs>", text, re.S)
    assert pairs is not None
    count = re.search(r"<(\w+:)i4>(\d+)</\1i4>", pairs.group(0))
    assert count is not None
    start = pairs.start() + count.start(2)
    text = text[:start] + str(len(sheets_after)) + text[pairs.start() + count.end(2):]
    return text.encode("utf-8")
