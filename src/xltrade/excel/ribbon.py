"""The xltrade ribbon tab: an Office 2007 ``customUI/customUI.xml`` part.

Every button calls the one VBA dispatcher ``XltradeRibbon(control As IRibbonControl)``
with its id; the icons are Office's own (imageMso). Labels are in the workbook's
language and each tip carries both languages.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from xltrade.book.packager import RIBBON_PART, RIBBON_REL_TYPE
from xltrade.rules.texts import Lang

NAMESPACE = "http://schemas.microsoft.com/office/2006/01/customui"
PART = RIBBON_PART
REL_TYPE = RIBBON_REL_TYPE
DISPATCHER = "XltradeRibbon"

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
        f'      <tab id="xltradeTab" label={quoteattr("xltrade 客户跟进" if zh else "xltrade")}>',
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
