"""The words of the xlwings Lite workbook: its button sheet and what its scripts say,
in Chinese and English (part of :data:`xltrade.rules.texts.TEXTS`, kept apart only for
its size)."""

from __future__ import annotations

LITE_TEXTS: dict[str, tuple[str, str]] = {
    "lite.title": ("xltrade：点按钮即可，电脑上无需安装 Python",
                   "xltrade: click a button, nothing to install"),
    "lite.intro": ("按钮由 xlwings Lite 加载项运行（Windows、Mac 和网页版 Excel 都可以）。\n"
                   "第一次打开时，Excel 会询问是否添加 xlwings Lite、是否信任本工作簿的代码：请选择信任。",
                   "The buttons run in the xlwings Lite add-in (Excel for Windows, Mac, web).\n"
                   "The first time, Excel asks to add xlwings Lite and to trust this "
                   "workbook's code: trust it."),
    "cli.lite_workbook": ("xltrade Lite 工作簿已生成：{path}\n用 Excel（Windows、Mac 或网页版）打开，信任 xlwings Lite 后，点“xltrade”表上的按钮（或 xlwings Lite 窗格里的同名按钮）。",
                          "xltrade Lite workbook written: {path}\nOpen it in Excel (Windows, Mac or the web), trust xlwings Lite, then click the buttons on the xltrade sheet (or the same ones in the xlwings Lite pane)."),
    "lite.refresh": ("刷新", "Refresh"),
    "lite.report": ("生成周报", "Weekly report"),
    "lite.mail": ("发给经理", "Email manager"),
    "lite.record": ("记录跟进", "Record follow-up"),
    "lite.replied": ("客户已回复", "Customer replied"),
    "lite.customer": ("客户（名称或行号）", "Customer (name or row)"),
    "lite.customer_hint": ("在黄色格子里填写客户名称（或客户表中的行号），再点“记录跟进”或“客户已回复”。\n"
                           "从 xlwings Lite 窗格运行时，也可以直接选中客户表中该客户的一行。",
                           "Type the customer's name (or its row on the customer sheet) in "
                           "the yellow cell,\nthen click Record follow-up or Customer replied. "
                           "From the xlwings Lite pane,\nselecting a cell in the customer's "
                           "row works too."),
    "lite.no_customer": ("请在“xltrade”表的“{label}”格子里填写客户名称或行号，或者在客户表中选中该客户的一行后，从 "
                         "xlwings Lite 窗格运行。",
                         "Type the customer's name or row in the '{label}' cell of the xltrade "
                         "sheet, or select a cell in the customer's row and run it from the "
                         "xlwings Lite pane."),
    "lite.recorded": ("已记录：{company}（{day}）。", "Recorded: {company} ({day})."),
    "lite.replied_done": ("已标记回复：{company}（{day}）。", "Marked as replied: {company} ({day})."),
    "lite.failed": ("xltrade 没有完成：{reason}\n工作簿没有被改动。", "xltrade did not finish: "
                    "{reason}\nThe workbook was not changed."),
    "lite.failed_writing": ("xltrade 写入时中断：{reason}\n请再点一次按钮。",
                            "xltrade stopped while writing: {reason}\nClick the button again."),
    "lite.mail_link": ("点此写邮件给经理", "Click to write to the manager"),
    "lite.mail_ready": ("周报已生成。点“周报”表 {cell} 的链接，在邮件程序里打开写给经理的邮件；"
                        "附件请用 Excel 的“共享 > 发送副本”附上本工作簿（它不含宏，任何 Excel 都能打开）。",
                        "The weekly report is ready. Click the link in {cell} of the report "
                        "sheet to open the mail to your manager in your mail program; attach "
                        "this workbook with Excel's Share > Send a copy (it has no macros and "
                        "opens in any Excel)."),
}
