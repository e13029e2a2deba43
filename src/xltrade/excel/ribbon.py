"""The xltrade ribbon tab: an Office 2007 ``customUI/customUI.xml`` part, or our tab
added to the ribbon a team's workbook already has.

Every button calls the one VBA dispatcher ``XltradeRibbon(control As IRibbonControl)``
with its id; the icons are Office's own (imageMso). Labels are in the workbook's
language and each tip carries both languages.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from lxml import etree

from xltrade.book.packager import RIBBON_PART, RIBBON_REL_TYPE
from xltrade.rules.texts import Lang

NAMESPACE = "http://schemas.microsoft.com/office/2006/01/customui"
#: The Office 2010 form (``customUI14.xml``); Office 2010 and later read only this part
#: when a workbook has both.
NAMESPACE_2010 = "http://schemas.microsoft.com/office/2009/07/customui"
PART = RIBBON_PART
REL_TYPE = RIBBON_REL_TYPE
DISPATCHER = "XltradeRibbon"
TAB_ID = "xltradeTab"
#: Put before our control ids in a team ribbon that already uses one of them; the
#: dispatcher then strips it (``prefixed_dispatch``).
ID_PREFIX = "xltrade_"

#: group id -> (zh label, en label, buttons); button: id, imageMso, zh, en, zh tip, en tip
GROUPS: tuple[tuple[str, str, str, tuple[tuple[str, str, str, str, str, str], ...]], ...] = (
    ("xltradeFollowUp", "客户跟进", "Follow-up", (
        ("refresh", "Refresh", "刷新等级与日期", "Refresh grades",
         "重新计算每位客户的等级、下次跟进日期、提醒和建议，并标出逾期客户。",
         "Grade every customer, compute next follow-up dates, due status and suggestions, "
         "and highlight overdue rows."),
        ("weekly_report", "ChartInsert", "生成周报", "Weekly report",
         "刷新后重建“周报”表：关键数据、业务员、逾期和风险客户、下周计划、图表。",
         "Refresh, then rebuild the weekly report sheet: key figures, salespeople, overdue "
         "and at-risk customers, next week's plan, charts."),
        ("record_followup", "ReviewNewComment", "记录跟进", "Log follow-up",
         "先点客户所在行：在“跟进记录”里加一行（今天、客户、业务员），更新最近跟进和次数，光标停在备注。",
         "Click the customer's row first: adds today's follow-up to the log, updates the "
         "last contact and counts, and puts the cursor in the note."),
        ("customer_replied", "ReviewAcceptOrRejectChangeDialog", "客户已回复", "Customer replied",
         "先点客户所在行：把该客户最近一条跟进记为已回复，客户最后回复记为今天，未回复次数清零。",
         "Click the customer's row first: marks their latest follow-up replied, sets the "
         "last reply to today and the unanswered count to zero."),
    )),
    ("xltradeManager", "发给经理", "Manager", (
        ("email_manager", "FileSendAsAttachment", "邮件发给经理", "Email manager",
         "生成不含宏的周报副本，放进邮件草稿，检查后再发送。",
         "Make a macro-free copy of the report and put it in an email draft to review "
         "before sending."),
    )),
    ("xltradeSetup", "设置与帮助", "Setup", (
        ("open_settings", "ControlProperties", "打开设置", "Settings",
         "跟进间隔、节假日、经理邮箱等设置。", "Cadences, holidays, manager email and more."),
        ("help", "Help", "使用说明", "Help",
         "如何安装和使用 xltrade。", "How to install and use xltrade."),
    )),
)
BUTTON_IDS: tuple[str, ...] = tuple(b[0] for _, _, _, buttons in GROUPS for b in buttons)


def ribbon_xml(lang: Lang) -> str:
    """The customUI part for a workbook in ``lang``."""
    zh = lang == "zh"
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        f'<customUI xmlns="{NAMESPACE}">',
        "  <ribbon>",
        "    <tabs>",
        f'      <tab id="{TAB_ID}" label={quoteattr("xltrade 客户跟进" if zh else "xltrade")}>',
    ]
    for group_id, group_zh, group_en, buttons in GROUPS:
        group_label = quoteattr(group_zh if zh else group_en)
        lines.append(f'        <group id="{group_id}" label={group_label}>')
        for button_id, image, label_zh, label_en, tip_zh, tip_en in buttons:
            label = label_zh if zh else label_en
            tip = f"{tip_zh}\n{tip_en}" if zh else f"{tip_en}\n{tip_zh}"
            lines.append(
                f'          <button id="{button_id}" size="large" imageMso="{image}" '
                f"label={quoteattr(label)} screentip={quoteattr(label_en if zh else label_zh)} "
                f'supertip={quoteattr(tip)} onAction="{DISPATCHER}"/>')
        lines.append("        </group>")
    lines += ["      </tab>", "    </tabs>", "  </ribbon>", "</customUI>", ""]
    return "\n".join(lines)


def prefixed_dispatch(module_text: str) -> str:
    """xltrade's module with the dispatcher reading ids that carry ``ID_PREFIX``."""
    line = "    RunAction control.Id\n"
    if line not in module_text:
        raise ValueError("xltrade's module has no ribbon dispatcher line")
    return module_text.replace(
        line, f'    RunAction Mid$(control.Id, Len("{ID_PREFIX}") + 1)\n', 1)


#: Children of ``<ribbon>`` that come before ``<tabs>`` in both schemas' sequence.
_BEFORE_TABS = ("officeMenu", "qat")


def merge_tab(team_xml: bytes, lang: Lang, prefixed: bool = False) -> bytes:
    """A team's customUI part with the xltrade tab added to its tabs, in the part's own
    namespace; an xltrade tab already there (an earlier adopt or build) is replaced,
    not repeated. Their tabs, callbacks and ``onLoad`` stay. ``prefixed`` gives our
    controls ids starting with ``ID_PREFIX``, for a ribbon that already uses one of
    ours (ids must be unique in the part). ValueError when the part is not a customUI
    part or an id still clashes."""
    root = _without_our_tab(team_xml)
    namespace = etree.QName(root).namespace
    tab = _our_tab(lang, namespace)
    if prefixed:
        for element in tab.iter():
            if element.get("id"):
                element.set("id", ID_PREFIX + element.get("id", ""))
    clash = sorted(_ids(root) & _ids(tab))
    if clash:
        raise ValueError(f"its ribbon already has a control with the id {clash[0]!r} that "
                         "the xltrade tab uses; rename that control's id in their ribbon")
    _child(_child(root, namespace, "ribbon", ("commands",)), namespace, "tabs",
           _BEFORE_TABS).append(tab)
    return bytes(etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8",
                                standalone=True))


def carries_tab(xml: bytes) -> bool:
    """True when a customUI part holds the xltrade tab (ours alone, or merged into a
    team's ribbon, ``customUI.xml`` or ``customUI14.xml``)."""
    try:
        root = _parse(xml)
    except ValueError:
        return False
    return any(el.get("id") in (TAB_ID, ID_PREFIX + TAB_ID) for el in root.iter()
               if isinstance(el.tag, str) and etree.QName(el).localname == "tab")


def clashes(team_xml: bytes) -> bool:
    """True when the team's ribbon (our tab aside) uses an id of one of our controls."""
    return bool(_ids(_without_our_tab(team_xml)) & _ids(_our_tab("en", NAMESPACE)))


def _ids(root: etree._Element) -> set[str]:
    return {el.get("id", "") for el in root.iter() if el.get("id")}


def _without_our_tab(team_xml: bytes) -> etree._Element:
    root = _parse(team_xml)
    namespace = etree.QName(root).namespace
    if namespace not in (NAMESPACE, NAMESPACE_2010) or \
            etree.QName(root).localname != "customUI":
        raise ValueError("its ribbon part is not an Office customUI part")
    for old in list(root.iter(f"{{{namespace}}}tab")):
        if old.get("id") in (TAB_ID, ID_PREFIX + TAB_ID):
            parent = old.getparent()
            assert parent is not None
            parent.remove(old)
    return root


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"its ribbon part is not well-formed XML ({exc})") from None
    if tree.docinfo.doctype:
        raise ValueError("its ribbon part declares a DTD")
    return tree.getroot()


def _our_tab(lang: Lang, namespace: str) -> etree._Element:
    """Our tab, its elements moved into ``namespace``."""
    ours = etree.fromstring(ribbon_xml(lang).encode("utf-8"))
    tab = next(ours.iter(f"{{{NAMESPACE}}}tab"))
    for element in tab.iter():
        element.tag = f"{{{namespace}}}{etree.QName(element).localname}"
    tab.tail = None
    return tab


def _child(parent: etree._Element, namespace: str, name: str,
           before: tuple[str, ...]) -> etree._Element:
    """``parent``'s child ``name``, added where the schema's sequence puts it (after the
    children named in ``before``) when missing."""
    found = parent.find(f"{{{namespace}}}{name}")
    if found is not None:
        return found
    at = 0
    for index, child in enumerate(parent):
        if isinstance(child.tag, str) and etree.QName(child).localname in before:
            at = index + 1
    element = etree.Element(f"{{{namespace}}}{name}")
    parent.insert(at, element)
    return element
