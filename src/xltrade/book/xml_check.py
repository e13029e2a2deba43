"""Whether a part is well-formed XML, checked while its chunks stream past: by
expat in the caller's thread, or by libxml2 in a thread of its own (it lets go of the
interpreter while it parses, so checking a large sheet costs little more than splicing
it)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from xml.parsers import expat

from lxml import etree

from xltrade.errors import XltradeError


def _checker(where: str) -> expat.XMLParserType:
    # Namespace processing on, so an undeclared prefix is an error too; no handlers,
    # so the parse runs in C and builds nothing.
    return expat.ParserCreate(namespace_separator=" ")


def _feed(parser: expat.XMLParserType, chunk: bytes, where: str, last: bool = False) -> None:
    try:
        parser.Parse(chunk, last)
    except expat.ExpatError as exc:
        raise damaged(where, exc.lineno, exc.offset, expat.errors.messages[exc.code]) from None


def damaged(where: str, line: int, column: int, what: str) -> XltradeError:
    where = f"{where}: " if where else ""
    return XltradeError(f"{where}the XML is damaged (line {line}, column {column}: {what}); "
                        "open the workbook in Excel, save it, and run again")


def check_well_formed(chunks: Iterable[bytes], where: str) -> Iterator[bytes]:
    """The chunks as they come, read through an XML parser on the way: a part that is
    not well-formed is refused before its end is passed on."""
    parser = _checker(where)
    for chunk in chunks:
        _feed(parser, chunk, where)
        yield chunk
    _feed(parser, b"", where, last=True)


class Syntax:
    """libxml2 reading a part in a thread of its own, chunk by chunk."""

    _END: object = object()
    _STOP: object = object()

    def __init__(self, where: str) -> None:
        self.where = where
        self.error: XltradeError | None = None
        self._queue: queue.Queue[object] = queue.Queue(maxsize=16)
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name="xltrade-xml-check")
        self._thread.start()

    def _run(self) -> None:
        parser = etree.XMLParser(target=_NoTree(), huge_tree=True, resolve_entities=False,
                                 no_network=True, load_dtd=False)
        while True:
            item = self._queue.get()
            if item is self._STOP:
                return
            if self.error is None:
                try:
                    if item is self._END:
                        parser.close()
                    else:
                        parser.feed(item)
                except etree.XMLSyntaxError as exc:
                    line, column = exc.position if exc.position else (0, 0)
                    self.error = damaged(self.where, line, column,
                                         str(exc.msg).split(",")[0])
            if item is self._END:
                return

    def feed(self, chunk: bytes) -> None:
        if self.error is not None:
            raise self.error
        if chunk:
            self._queue.put(chunk)

    def finish(self) -> None:
        """Wait for the parser to reach the part's end; refuse it if it is damaged."""
        self._queue.put(self._END)
        self._thread.join()
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        if self._thread.is_alive():
            self._queue.put(self._STOP)
            self._thread.join()


class _NoTree:
    """A parser target that builds nothing: only the syntax is checked."""

    def close(self) -> None:
        return None
