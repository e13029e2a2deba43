"""The form of XML xltrade edits as bytes, and the rewrite that brings any other
well-formed part into it.

xltrade edits its share of a package (the customer sheet, styles, the workbook part,
relationships, content types) by splicing bytes: it is fast, and every byte it does
not mean to change stays. Splicing needs the XML in *plain form*, the form Excel
writes:

- UTF-8, with at most the XML declaration before the root;
- no comments, CDATA sections, processing instructions or document type;
- attributes double-quoted, no space around ``=``, no ``<`` or ``>`` inside a value,
  no character reference but for tab, line feed and carriage return;
  end tags without space before ``>``;
- the root's namespace declared once, on the root, and its prefix never bound again.

A part in plain form is edited as it is. Any other well-formed part (single quotes,
spaces around ``=``, CDATA, comments, UTF-16, the main namespace under a second
prefix...) is first rewritten into plain form by a real XML parser (lxml), its
elements, attributes and text unchanged; the main namespace becomes the default one.
Comments and processing instructions are dropped, as Excel drops them when it saves.
A part that is not well-formed is refused in one line.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

from lxml import etree

from xltrade.book.xml_check import Syntax, check_well_formed, damaged
from xltrade.errors import XltradeError


class NotPlain(Exception):
    """The part is not in plain form: raised before any byte of the odd construct is
    edited, so the caller starts again from the rewritten part."""


_DECLARATION = re.compile(rb"""<\?xml(?:\s+([A-Za-z]+)\s*=\s*(?:"([^"]*)"|'([^']*)'))*\s*\?>""")
_DECL_ATTR = re.compile(rb"""([A-Za-z]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
#: A tag in plain form; in values, only the entities the rewrite writes itself.
_STRICT_TAG = re.compile(rb'<(?:/[A-Za-z_][\w.:-]*|[A-Za-z_][\w.:-]*'
                         rb'(?:[ \t\r\n]+[A-Za-z_][\w.:-]*="'
                         rb'(?:[^"<>&]|&(?:amp|lt|gt|quot|apos|#9|#10|#13);)*")*[ \t\r\n]*/?)>')
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*(?=[\s/>])")
_NS_DECL = re.compile(rb"""xmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')""")
#: Markup plain form has not: comments, CDATA, PIs, a DOCTYPE; an end tag with space.
_ODD_MARKUP = re.compile(rb"<(?:[!?]|/[\w:.-]+[^\w:.>-])")
#: Bytes scanned twice where chunks meet, so nothing is missed across the seam.
_SEAM = 256
DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def _declaration(data: bytes) -> tuple[int, bool]:
    """Where the content after the XML declaration starts, and whether the
    declaration (if any) allows plain form (UTF-8)."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]:
        return 0, False
    m = _DECLARATION.match(data)
    if m is None:
        return 0, not data.lstrip().startswith(b"<?")
    for name, double, single in _DECL_ATTR.findall(m.group(0)[5:-2]):
        value = double or single
        if name == b"encoding" and value.lower().replace(b"-", b"") != b"utf8":
            return m.end(), False
    return m.end(), True


def is_utf8(head: bytes) -> bool:
    """Whether a part whose first bytes are ``head`` is declared (or taken) as UTF-8."""
    return _declaration(head)[1]


def _namespaces_plain(body: bytes) -> bool:
    """The root's namespace is declared once, on the root, its prefix never again."""
    root = _ROOT.search(body)
    if root is None:
        return False
    prefix = (root.group(1) or b":")[:-1]
    end = _tag_end(body, root.start())
    declared = {(p or b"", d or s) for p, d, s in _NS_DECL.findall(body[root.start():end])}
    main = next((uri for p, uri in declared if p == prefix), None)
    if main is None or sum(1 for _, uri in declared if uri == main) != 1:
        return False
    return not any(p == prefix or (d or s) == main
                   for p, d, s in _NS_DECL.findall(body, end))


def _tag_end(data: bytes, start: int) -> int:
    m = re.compile(rb"""(?:[^>"']|"[^"]*"|'[^']*')*>""").match(data, start)
    return m.end() if m else len(data)


def is_plain(data: bytes) -> bool:
    """Whether a whole part is in plain form (it may still not be well-formed: see
    :func:`plain`)."""
    start, ok = _declaration(data)
    if not ok:
        return False
    body = data[start:]
    if body.count(b"<") != len(_STRICT_TAG.findall(body)):
        return False
    return _namespaces_plain(body)


def tags_plain(data: bytes) -> bool:
    """Every tag in a piece of a part is in plain form (after its XML declaration)."""
    at, ok = _declaration(data)
    return ok and data.count(b"<", at) == len(_STRICT_TAG.findall(data, at))


def checked(chunks: Iterable[bytes], where: str) -> Iterator[bytes]:
    """A part's chunks, passed on once each is known to be in plain form; the part is
    read by an XML parser on the way and refused (:func:`damaged`) before its end is
    passed on when it is not well-formed. :class:`NotPlain` is raised as soon as a
    chunk is not in plain form, or may not be (the rewrite then judges it exactly)."""
    syntax = Syntax(where)
    try:
        seam = head = b""
        main: tuple[bytes, bytes] | None = None  # the root's prefix and namespace
        declared: set[bytes] = set()
        for chunk in chunks:
            syntax.feed(chunk)
            at = 0
            if main is None:
                head += chunk
                found = _root(head)
                if found is None:
                    continue  # the root's start tag is not whole yet
                main, at = found
                declared.update(p for p, _, _ in _NS_DECL.findall(head, 0, at) if p)
                chunk, head = head, b""
            text = seam + chunk
            if _odd(text, at) or _rebinds(text, at, *main, declared) or \
                    not _prefixes_bound(text, at, declared):
                raise NotPlain
            seam = text[max(at, len(text) - _SEAM):]
            yield chunk
        syntax.finish()
        if head:
            raise NotPlain
    finally:
        syntax.stop()


def _odd(text: bytes, at: int) -> bool:
    """Markup plain form has not. Most pieces hold none of the bytes it starts with,
    which is known at the speed of a byte search; the others are searched for it."""
    if not any(b in text for b in _ODD_HINTS):
        return False
    return _ODD_MARKUP.search(text, at) is not None


#: Every odd construct holds one of these: "<!", "<?", or white space before ">".
#: Two bytes each, so text ("Why?", a line break in a cell) seldom holds one.
_ODD_HINTS = (b"<!", b"<?", b"\t>", b"\n>", b"\r>", b" >")
_QNAME_END = re.compile(rb"(?:^|[<\s/])([A-Za-z_][\w.-]*)$")
#: What follows a prefix's colon in a tag: a local name, then "=", space, "/" or ">".
_LOCAL_NAME = re.compile(rb"[A-Za-z_][\w.-]*[\s=/>]")


def _prefixes_bound(text: bytes, at: int, declared: set[bytes]) -> bool:
    """Whether every prefix a tag or attribute name seems to use here was declared
    before (in scope or not: libxml2, which checks the syntax, does not check
    prefixes). Text such as "Note:x" may look like a name too; then the exact check
    of the rewrite decides, which costs time, never a wrong edit."""
    if b":" not in text[at:]:
        return True
    pieces = text[at:].split(b":")
    for before, after in itertools.pairwise(pieces):
        if not _LOCAL_NAME.match(after):
            continue
        m = _QNAME_END.search(before[-64:])
        if m is not None and m.group(1) not in declared and m.group(1) not in _RESERVED:
            return False
    return True


_RESERVED = frozenset({b"xml", b"xmlns"})


def _root(head: bytes) -> tuple[tuple[bytes, bytes], int] | None:
    """The root's prefix and namespace, and where its start tag ends, once it is whole;
    :class:`NotPlain` when what comes before it or the tag itself is not plain."""
    if len(head) < 8 or (head.lstrip().startswith(b"<?") and b"?>" not in head):
        return None
    at, ok = _declaration(head)
    if not ok:
        raise NotPlain
    root = _ROOT.search(head, at)
    if root is None:
        return None
    end = _tag_end(head, root.start())
    if end == len(head) and not head.endswith(b">"):
        return None
    if _ODD_MARKUP.search(head, at, root.start()) or not _namespaces_plain(head[at:end]):
        raise NotPlain
    prefix = (root.group(1) or b":")[:-1]
    uri = next(d or s for p, d, s in _NS_DECL.findall(head, root.start(), end)
               if (p or b"") == prefix)
    return (prefix, uri), end


def _rebinds(text: bytes, at: int, prefix: bytes, uri: bytes,
             declared: set[bytes]) -> bool:
    """A namespace declaration after the root that binds the default namespace, the
    root's prefix, or the root's namespace under another prefix. The prefixes declared
    go to ``declared``."""
    for m in _NS_DECL.finditer(text, at):
        bound, double, single = m.groups()
        if bound is None or bound == prefix or (double or single) == uri:
            return True
        declared.add(bound)
    return False


def plain(data: bytes, where: str) -> bytes:
    """A whole part in plain form: as it is when it already is, else rewritten."""
    where = where or "a part"
    if is_plain(data):
        for _ in check_well_formed([data], where):
            pass
        return data
    out = b"".join(rewrite([data], where))
    if not is_plain(out):
        raise XltradeError(f"{where}: its XML uses namespaces in a way xltrade cannot edit "
                           "safely; open the workbook in Excel, save it, and run again")
    return out


# --- the rewrite

_ATTR_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_XML_NS = "http://www.w3.org/XML/1998/namespace"


class _Names:
    """Qualified names for the rewritten part: the main namespace is the default
    one; every other namespace keeps a prefix it was bound to where it is used."""

    def __init__(self, main: str | None) -> None:
        self.main = main
        self.made = 0
        self.scopes: list[dict[str, str]] = []  # prefixes made, element by element

    def element(self, el: etree._Element, extra: dict[str, str]) -> str:
        q = etree.QName(el)
        if q.namespace == self.main:
            return q.localname
        return self._prefixed(q.namespace, q.localname, el, extra)

    def attribute(self, key: str, el: etree._Element, extra: dict[str, str]) -> str:
        q = etree.QName(key)
        if q.namespace is None:
            return q.localname
        if q.namespace == _XML_NS:
            return "xml:" + q.localname
        return self._prefixed(q.namespace, q.localname, el, extra)

    def _prefixed(self, uri: str | None, local: str, el: etree._Element,
                  extra: dict[str, str]) -> str:
        if uri is None:
            return local
        made = [item for scope in reversed(self.scopes) for item in scope.items()]
        for prefix, bound in (*extra.items(), *made, *el.nsmap.items()):
            if prefix and bound == uri:
                return f"{prefix}:{local}"
        while True:
            self.made += 1
            prefix = f"ns{self.made}"
            if prefix not in el.nsmap:
                break
        extra[prefix] = uri
        return f"{prefix}:{local}"


def rewrite(chunks: Iterable[bytes], where: str) -> Iterator[bytes]:
    """The part read from ``chunks`` by lxml and written again in plain form, in
    pieces, holding only the element being written and its ancestors."""
    parser = etree.XMLPullParser(events=("start", "end", "start-ns"),
                                 resolve_entities=False, no_network=True, huge_tree=True,
                                 load_dtd=False, remove_comments=True, remove_pis=True,
                                 strip_cdata=True)
    out: list[str] = [DECLARATION.decode()]
    held = 0
    state = _Writer()
    try:
        # expat first: it is the stricter (an undeclared prefix is an error to it).
        for chunk in check_well_formed(chunks, where):
            parser.feed(chunk)
            held += state.write(parser.read_events(), out)
            if held > 1 << 20:
                yield "".join(out).encode("utf-8")
                out.clear()
                held = 0
        parser.close()
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        raise damaged(where, line, column, str(exc.msg).split(",")[0]) from None
    state.write(parser.read_events(), out)
    yield "".join(out).encode("utf-8")


class _Writer:
    def __init__(self) -> None:
        self.names: _Names | None = None
        self.declared: list[tuple[str | None, str]] = []
        self.open = False  # a start tag written without its closing ">"
        self.stack: list[str] = []

    def _text(self, text: str | None, out: list[str]) -> None:
        if text:
            self._close_start(out)
            out.append(text.translate(_TEXT_ESCAPES))

    def _close_start(self, out: list[str]) -> None:
        if self.open:
            out.append(">")
            self.open = False

    def write(self, events: Iterable[tuple[str, object]], out: list[str]) -> int:
        size = 0
        for event, item in events:
            if event == "start-ns":
                assert isinstance(item, tuple)
                self.declared.append(item)
                continue
            assert isinstance(item, etree._Element)
            el = item
            if event == "start":
                self._start(el, out)
            else:
                self._end(el, out)
            size += 64
        return size

    def _start(self, el: etree._Element, out: list[str]) -> None:
        parent = el.getparent()
        if parent is not None:
            previous = el.getprevious()
            if previous is not None:
                self._text(previous.tail, out)
                while el.getprevious() is not None:  # written: let it go
                    del parent[0]
            else:
                self._text(parent.text, out)
        self._close_start(out)
        if self.names is None:
            self.names = _Names(etree.QName(el).namespace)
        extra: dict[str, str] = {}
        name = self.names.element(el, extra)
        attrs = [f'{self.names.attribute(k, el, extra)}="{v.translate(_ATTR_ESCAPES)}"'
                 for k, v in el.attrib.items()]
        decls = []
        if parent is None and self.names.main is not None:
            decls.append(f'xmlns="{self.names.main.translate(_ATTR_ESCAPES)}"')
        for prefix, uri in self.declared:
            if prefix and uri != self.names.main:
                decls.append(f'xmlns:{prefix}="{uri.translate(_ATTR_ESCAPES)}"')
        self.declared = []
        decls += [f'xmlns:{p}="{u.translate(_ATTR_ESCAPES)}"' for p, u in extra.items()]
        out.append("<" + " ".join([name, *decls, *attrs]))
        self.names.scopes.append(extra)
        self.open = True
        self.stack.append(name)

    def _end(self, el: etree._Element, out: list[str]) -> None:
        if len(el):
            self._text(el[-1].tail, out)
            del el[:]
        else:
            self._text(el.text, out)
        name = self.stack.pop()
        assert self.names is not None
        self.names.scopes.pop()
        if self.open:
            out.append("/>")
            self.open = False
        else:
            out.append(f"</{name}>")
