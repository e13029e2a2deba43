"""The xlwings Lite add-in's parts of a workbook package: where Lite keeps its Python
code ([MS-OWEXML] web extension settings).

The package relates ``xl/webextensions/taskpanes.xml`` (the task panes the workbook
opens), which relates ``webextension1.xml``: the add-in (store id ``wa200008175``) and
its settings, ``main.py`` and ``requirements.txt`` among them. Each setting is a JSON
string, written as Office writes it (``/`` as ``\\/``, other text as it is) and then
escaped as an XML attribute.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from xml.sax.saxutils import escape

from xltrade.book.package import Book, parse_xml
from xltrade.errors import XltradeError

LITE_ADDIN = "wa200008175"
TASKPANES_REL = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes"
WEBEXTENSION_REL = "http://schemas.microsoft.com/office/2011/relationships/webextension"
TASKPANES_TYPE = "application/vnd.ms-office.webextensiontaskpanes+xml"
WEBEXTENSION_TYPE = "application/vnd.ms-office.webextension+xml"
WE_NS = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11"
WETP_NS = "http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TASKPANES_PART = "xl/webextensions/taskpanes.xml"
#: The same id in every workbook xltrade writes, so building twice gives the same file.
EXTENSION_ID = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "xltrade:xlwings-lite")).upper() + "}"
#: Task pane width, in pixels, as Lite's own workbooks save it.
PANE_WIDTH = 438


def setting_value(text: str) -> str:
    """A setting as the ``value`` attribute holds it (without the quotes around it)."""
    return escape(json.dumps(text, ensure_ascii=False).replace("/", "\\/"), {'"': "&quot;"})


def webextension_xml(settings: Mapping[str, str]) -> bytes:
    """The Lite add-in's part with ``settings`` (name -> text), in the given order."""
    properties = "".join(f'<we:property name="{escape(name)}" value="{setting_value(text)}"/>'
                         for name, text in settings.items())
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<we:webextension xmlns:we="{WE_NS}" id="{EXTENSION_ID}">'
        f'<we:reference id="{LITE_ADDIN}" version="1.0.0.0" store="en-US" storeType="OMEX"/>'
        f'<we:alternateReferences><we:reference id="{LITE_ADDIN}" version="1.0.0.0" '
        f'store="{LITE_ADDIN.upper()}" storeType="OMEX"/></we:alternateReferences>'
        f"<we:properties>{properties}</we:properties>"
        f'<we:bindings/><we:snapshot xmlns:r="{R_NS}"/></we:webextension>').encode()


def _pane(rel_id: str) -> str:
    # visibility 1: the pane opens with the workbook, and Excel offers to add Lite to a
    # computer that does not have it yet.
    return (f'<wetp:taskpane dockstate="right" visibility="1" width="{PANE_WIDTH}" row="2">'
            f'<wetp:webextensionref xmlns:r="{R_NS}" r:id="{rel_id}"/></wetp:taskpane>')


def lite_settings(book: Book) -> dict[str, str] | None:
    """The settings of the workbook's xlwings Lite add-in (``main.py``, ...), or
    ``None`` when it has none."""
    for rel in book.rels(""):
        if rel.type != TASKPANES_REL or rel.external or not book.exists(rel.part):
            continue
        for pane in book.rels(rel.part):
            if pane.type != WEBEXTENSION_REL or pane.external or not book.exists(pane.part):
                continue
            root = parse_xml(book.read(pane.part), f"{book.path}: {pane.part}")
            reference = root.find(f"{{{WE_NS}}}reference")
            if reference is None or reference.get("id", "").lower() != LITE_ADDIN:
                continue
            found: dict[str, str] = {}
            for prop in root.iter(f"{{{WE_NS}}}property"):
                try:
                    value = json.loads(prop.get("value", ""))
                except ValueError:
                    value = prop.get("value", "")
                found[prop.get("name", "")] = value if isinstance(value, str) else str(value)
            return found
    return None


def add_lite(book: Book, settings: Mapping[str, str]) -> None:
    """Give the workbook the Lite add-in with ``settings``, its pane opening with the
    workbook. Task panes of other add-ins stay; a workbook that carries Lite code
    already is refused, since its code would be lost."""
    if lite_settings(book) is not None:
        raise XltradeError(f"{book.path}: this workbook already carries xlwings Lite code; "
                           "xltrade would replace it: copy your code out first, or run "
                           "xltrade report on the workbook instead")
    part = book.free_name("xl/webextensions/webextension{}.xml")
    book.write(part, webextension_xml(settings))
    book.set_override(part, WEBEXTENSION_TYPE)
    panes = next((r.part for r in book.rels("") if r.type == TASKPANES_REL
                  and not r.external and book.exists(r.part)), None)
    if panes is None:
        panes = TASKPANES_PART
        book.write(panes, b"")  # reserve the name before relating it
        rel_id = book.add_rel(panes, WEBEXTENSION_REL, part)
        book.write(panes, ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                           f'<wetp:taskpanes xmlns:wetp="{WETP_NS}">{_pane(rel_id)}'
                           "</wetp:taskpanes>").encode())
        book.set_override(panes, TASKPANES_TYPE)
        book.add_rel("", TASKPANES_REL, panes)
        return
    rel_id = book.add_rel(panes, WEBEXTENSION_REL, part)
    text = book.read_plain(panes).decode("utf-8")
    parse_xml(text.encode("utf-8"), f"{book.path}: {panes}")
    prefix = re.search(r"<(\w+:)?taskpanes\b", text)
    tag = prefix.group(1) if prefix and prefix.group(1) else ""
    # Declared on the pane itself: the list may use another prefix, or none.
    pane = _pane(rel_id).replace("<wetp:taskpane ", f'<wetp:taskpane xmlns:wetp="{WETP_NS}" ', 1)
    closing = text.rfind(f"</{tag}taskpanes>")
    if closing < 0:
        raise XltradeError(f"{book.path}: its task pane list ({panes}) cannot be read; "
                           "save it again in Excel")
    book.write(panes, (text[:closing] + pane + text[closing:]).encode("utf-8"))
