"""Every piece of user-facing text, in Chinese and English, in one place.

Call :func:`say` with a key, the workbook language (``"zh"`` or ``"en"``) and the
values the text names. Keys are grouped by where the text appears.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from xltrade.rules.buyer_texts import BUYER_TEXTS
from xltrade.rules.lite_texts import LITE_TEXTS
from xltrade.rules.setup_texts import SETUP_TEXTS
from xltrade.rules.team_texts import TEAM_TEXTS

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

TEXTS: dict[str, tuple[str, str]] = {
    **SETUP_TEXTS, **BUYER_TEXTS, **TEAM_TEXTS, **LITE_TEXTS,
    # --- grade names (§3.1)
    "grade.A": ("交易客户", "customer"),
    "grade.B": ("在谈客户", "in negotiation"),
    "grade.C": ("潜力客户", "potential"),
    "grade.D": ("行业客户", "industry contact"),
    # --- grade reasons (§3.4), one line each
    "reason.manual": ("手动指定为 {grade} 级", "Set by hand to {grade}"),
    "reason.excluded.invalid": ("无效询盘，不跟进", "Invalid inquiry: not followed up"),
    "reason.excluded.spy": ("同行或窃取情报，不跟进", "Competitor fishing for prices: not followed up"),
    "reason.lost": ("已丢单或暂停，保持联系", "Lost or on hold: kept warm"),
    "reason.ordered.orders": ("已下单 {orders} 次", "{orders} order(s) so far"),
    "reason.ordered.last_order": ("最近下单 {date}", "Last order {date}"),
    "reason.ordered.stage": ("阶段为成交", "Stage is ordered"),
    "reason.negotiating": ("在谈：{stage}", "In negotiation: {stage}"),
    "reason.hot_inquiry": ("真实买家的询盘，尽快推进", "Inquiry from a real buyer: push it forward"),
    "reason.two_way.stage": ("客户已回复，有双向沟通", "Customer replied: two-way contact"),
    "reason.two_way.reply": ("客户 {date} 回复过", "Customer replied on {date}"),
    "reason.nurture": ("{type}买家，需要培育", "{type} buyer: needs nurturing"),
    "reason.no_two_way": ("尚无双向沟通", "No two-way contact yet"),
    "reason.no_two_way.sample_seeker": ("只要免费样品，尚无实质沟通",
                                        "Only wants free samples: no real contact yet"),
    "reason.silent.quote": ("报价后沉默 {days} 天（自客户上次回复）",
                            "Quoted, then silent {days} days since their last reply"),
    "reason.silent.inquiry": ("询盘后沉默 {days} 天（自客户上次回复）",
                              "Inquired, then silent {days} days since their last reply"),
    "reason.silent.never": ("询盘 {days} 天来客户从未回复",
                            "No reply in the {days} days since the inquiry"),
    # --- stage and buyer-type names used inside reasons
    "stage.quoted": ("已报价", "quoted"),
    "stage.sample": ("样品阶段", "samples"),
    "stage.negotiating": ("谈判中", "negotiating"),
    "buyer_type.newcomer": ("准备入市型", "Market-entry"),
    "buyer_type.researcher": ("信息收集型", "Information-gathering"),
    # --- due status (§4.2)
    "due.overdue": ("已逾期", "Overdue"),
    "due.today": ("今天", "Today"),
    "due.this_week": ("本周", "This week"),
    "due.later": ("已安排", "Scheduled"),
    "due.excluded": ("不跟进", "Excluded"),
    # --- suggested actions (§4.3)
    "suggest.handover": ("换同事跟进（已连续 {n} 次未回复）",
                         "Hand over to a colleague ({n} follow-ups unanswered)"),
    "suggest.new_contact": ("换联系人：写给该公司的其他人（已连续 {n} 次未回复）",
                            "Write to another person at the company ({n} unanswered)"),
    "suggest.switch_medium": ("换跟进方式：{medium}（已连续 {n} 次未回复，别放弃）",
                              "Switch medium: {medium} ({n} unanswered: don't give up)"),
    "suggest.switch_medium.email": ("改用电话/WhatsApp", "try phone or WhatsApp"),
    "suggest.switch_medium.other": ("改用邮件或换个渠道", "try email or another channel"),
    "suggest.switch_medium.to": ("改用{medium}", "try {medium}"),
    "suggest.reactivate": ("老客户激活：上次下单已过 {days} 天",
                           "Reactivate: last order {days} days ago"),
    "suggest.greeting": ("节日问候：{holiday}（{date}）", "Holiday greeting: {holiday} ({date})"),
    "suggest.none": ("", ""),
    "topic.0": ("补充完善报价", "Send a revised or completed offer"),
    "topic.1": ("价格更新", "Price update"),
    "topic.2": ("新产品推荐", "New product"),
    "topic.3": ("公司动态", "Company news"),
    "topic.4": ("展会邀请", "Trade-show invitation"),
    "topic.5": ("来访邀请（参观工厂）", "Invite them to visit the factory"),
    # --- data issues (§2.4)
    "issue.ambiguous_date": ("日期有歧义（日/月无法区分），按空白处理",
                             "ambiguous date (day and month both 12 or less): treated as blank"),
    "issue.bad_date": ("无法识别的日期，按空白处理", "not a date: treated as blank"),
    "issue.future_date": ("日期晚于今天，按空白处理", "date is after today: treated as blank"),
    "issue.bad_count": ("无法识别的次数，按空白处理", "not a count: treated as blank"),
    "issue.negative_count": ("次数为负数，按空白处理", "negative count: treated as blank"),
    "issue.bad_grade": ("无法识别的等级（应为 A–D），已忽略",
                        "not a grade (A to D expected): ignored"),
    "issue.bad_stage": ("无法识别的阶段，按空白处理", "unknown stage: treated as blank"),
    "issue.bad_buyer_type": ("无法识别的买家类型，按空白处理", "unknown buyer type: treated as blank"),
    "issue.no_company": ("有内容但没有客户名称，已跳过", "values but no company: row skipped"),
    "issue.duplicate": ("客户名称重复（另见第 {rows} 行）", "duplicate company (also row {rows})"),
    "issue.unknown_country": ("无法识别的国家，节日问候不可用",
                              "unknown country: no holiday greetings"),
    "issue.bad_setting": ("设置值无效，已使用默认值 {default}",
                          "bad setting: default {default} used"),
    "error.not_address": ("不是邮箱地址：{value}（多个地址用逗号分隔）", "not an email address: {value} (separate addresses with commas)"),
    "error.exists": ("{path}：已存在，可能存有你的客户；请换一个文件名，或加 --force 替换它", "{path}: already exists and may hold your customers; choose another name, or add --force to replace it"),
    "error.strict": ("{path}：保存成了“Strict Open XML 电子表格”格式，xltrade 不能安全地修改它：请在 Excel 中 文件 > 另存为，选“Excel 工作簿 (*.xlsx)”", "{path}: saved as a Strict Open XML spreadsheet, which xltrade cannot edit safely: in Excel, File > Save As and choose \"Excel Workbook (*.xlsx)\""),
    "error.xml_form": ("{path}：工作表“{sheet}”的 XML 写法特殊，xltrade 不能安全地修改它：请在 Excel 中打开并保存一次，再运行", "{path}: sheet '{sheet}' is written in an XML form xltrade cannot edit safely: open the workbook in Excel, save it, and run again"),
    "error.internal": ("{path}：xltrade 无法处理这个文件（内部错误 {what}）；文件没有被改动。请在 Excel 中打开并保存一次再试；仍不行，请把文件发给维护者", "{path}: xltrade could not handle this file (internal error {what}); the file was not changed. Open it in Excel, save it and try again; if that does not help, send the file to the maintainers"),
    "error.no_folder": ("{path}：文件夹 {folder} 不存在；请先建好它，或写到已有的文件夹", "{path}: the folder {folder} does not exist; create it first, or write to a folder that exists"),
    "error.no_such_file": ("{path}：文件不存在", "{path}: no such file"),
    "error.folder": ("{path}：这是文件夹，不是工作簿", "{path}: is a folder, not a workbook"),
    "error.not_workbook": ("{path}：不是 Excel 工作簿（应为 .xlsx 或 .xlsm）", "{path}: not an Excel workbook (.xlsx or .xlsm expected)"),
    "error.empty_file": ("{path}：空文件", "{path}: an empty file"),
    "error.ole": ("{path}：已加密（打开需要密码）或是 Excel 97-2003 文件：请去掉密码（文件 > 信息 > 保护工作簿）或另存为 .xlsx 后再运行",
                  "{path}: encrypted (password to open) or an Excel 97-2003 file: remove the password (File > Info > Protect Workbook) or save it as .xlsx, then run again"),
    "error.hint.xls": ("{path}：Excel 97-2003 工作簿（.xls）：请在 Excel 中打开并另存为 .xlsx", "{path}: an Excel 97-2003 workbook (.xls): open it in Excel and save it as .xlsx"),
    "error.hint.xlsb": ("{path}：二进制工作簿（.xlsb）：请在 Excel 中打开并另存为 .xlsx", "{path}: a binary workbook (.xlsb): open it in Excel and save it as .xlsx"),
    "error.hint.ods": ("{path}：OpenDocument 表格（.ods）：请另存为 .xlsx", "{path}: an OpenDocument spreadsheet (.ods): save it as .xlsx (Excel 2007-365)"),
    "error.hint.csv": ("{path}：CSV 文本文件：请在 Excel 中打开并另存为 .xlsx", "{path}: a CSV text file: open it in Excel and save it as .xlsx"),
    "error.hint.txt": ("{path}：文本文件：请在 Excel 中打开并另存为 .xlsx", "{path}: a text file: open it in Excel and save it as .xlsx"),
    "error.damaged": ("{path}：工作簿已损坏或不完整（{detail}）：请在 Excel 中打开并重新保存", "{path}: damaged or incomplete workbook ({detail}); open it in Excel and save it again"),
    "error.encrypted": ("{path}：工作簿已加密：请去掉密码后再运行", "{path}: the package is encrypted: remove the password and run again"),
    "error.refused": ("{path}：已拒绝：{why}", "{path}: refused: {why}"),
    "error.open_in_excel": ("{path}：工作簿正在 Excel 中打开（有 {lock}）。请在 Excel 中关闭后再运行，或用 --out 写到另一个文件",
                            "{path}: the workbook is open in Excel ({lock} exists). Close it in Excel and run again, or write to another file with --out."),
    "error.busy": ("{path}：另一个 xltrade 正在更新这个工作簿；请等它结束再试（如没有在运行，删除 {lock}）",
                   "{path}: another xltrade run is updating this workbook; try again when it has finished (or delete {lock} if none is running)"),
    "error.cannot_replace": ("{path}：无法替换（{detail}）；是否在 Excel 中打开了？", "{path}: cannot be replaced ({detail}); is it open in Excel?"),
    "error.cannot_write": ("{path}：无法写入（{detail}）；请腾出磁盘空间或写到其他文件夹", "{path}: could not be written ({detail}); free some disk space, or write to another folder"),
    "error.folder_readonly": ("{path}：无法在所在文件夹中写入；请把工作簿复制到你自己的文件夹", "{path}: cannot write in its folder; copy the workbook to a folder of your own"),
    "error.unreadable": ("{path}：无法读取（{detail}）；请在 Excel 中打开并重新保存", "{path}: cannot be read ({detail}); open it in Excel and save it again"),
    "error.same_kind": ("{path}：输出文件必须与输入同类（{suffix}）；--out 请用相同的扩展名", "{path}: the output must keep the input's kind ({suffix}); give --out the same extension"),
    "error.out_suffix": ("{path}：输出文件必须是 .xlsx 或 .xlsm", "{path}: the output must be an .xlsx or .xlsm file"),
    "error.record.click_row": ("{where}：请先点选工作表「{sheet}」中某位客户所在行的单元格",
                               "{where}: click a cell in a customer's row on the sheet '{sheet}' first"),
    "error.record.future": ("{day}：不能记录未来日期的跟进", "{day}: a follow-up cannot be recorded in the future"),
    "error.record.log_headers": ("{where}：工作表「{sheet}」没有 日期 和 客户名称 表头；请在表头行加上，或在设置的 跟进记录列映射 中写明",
                                 "{where}: sheet '{sheet}' has no Date and Company header; add them to its header row, or name its headers in Settings (Log column mapping)"),
    "error.record.unknown_medium": ("'{text}'：不是已知的跟进方式（{known}）", "'{text}': not a medium xltrade knows ({known})"),
    "error.record.unknown_topic": ("'{text}'：不是已知的话题（{known}）", "'{text}': not a topic xltrade knows ({known})"),
    "error.record.same_name": ("{where}：有 {n} 位客户都叫 '{name}'：{listed}；请先让名称不同",
                               "{where}: {n} customers are called '{name}': {listed}; make their names differ first"),
    "error.record.did_you_mean": ("{where}：没有叫 '{name}' 的客户；是不是：{listed}？",
                                  "{where}: no customer is called '{name}'; did you mean: {listed}?"),
    "error.record.no_customer": ("{where}：没有叫 '{name}' 的客户", "{where}: no customer is called '{name}'"),
    "error.no_company": ("找不到客户名称列。看过：{seen}。请把客户名称那一列的表头改为「客户名称」，或在设置的列映射中写 客户名称=（你的表头），命令行可加 --map 客户名称={example}",
                         "no company column found. Looked at: {seen}. Rename the company column's header to 'Company', or write company=<your header> in Settings' column mapping; on the command line add --map company={example}"),
    "error.no_company.sheet": ("工作表「{sheet}」第 {row} 行（{headers}）", "sheet '{sheet}' row {row} ({headers})"),
    "error.no_company.empty": ("空", "empty"),
    "issue.two_stages": ("同时写了两个阶段，无法判断，按空白处理", "names two stages: treated as blank"),
    "issue.map_no_column": ("设置的列映射写的表头「{header}」在客户表中找不到，「{field}」已按自动识别处理",
                            "the column mapping names a header the customer sheet does not have: '{field}' is recognised automatically"),
    "issue.ambiguous_field": ("列「{headers}」都像「{field}」，未采用任何一列：请在设置的列映射中写 {field}=（正确的表头）",
                              "columns '{headers}' could each be '{field}', so none was used: write {field}=<the right header> in Settings' column mapping"),
    "issue.ambiguous_company": ("列「{headers}」都像「{field}」，已采用第一列：如不对，请在设置的列映射中写 {field}=（正确的表头）",
                                "columns '{headers}' could each be '{field}'; the first was used: if wrong, write {field}=<the right header> in Settings' column mapping"),
    "issue.two_fields": ("列「{header}」可能是「{first}」也可能是「{second}」，未采用：请在设置的列映射中写 {first}={header} 或 {second}={header}",
                         "column '{header}' could be '{first}' or '{second}', so it was not used: write {first}={header} or {second}={header} in Settings' column mapping"),
    "issue.lookalike.date": ("列「{header}」像日期，未被识别为「{field}」：如是，请在设置的列映射中写 {field}={header}",
                             "column '{header}' looks like dates but was not read as '{field}': if it is, write {field}={header} in Settings' column mapping"),
    "issue.lookalike.stage": ("列「{header}」像阶段，未被识别为「{field}」：如是，请在设置的列映射中写 {field}={header}",
                              "column '{header}' looks like stages but was not read as '{field}': if it is, write {field}={header} in Settings' column mapping"),
    "issue.lookalike.count": ("列「{header}」像次数，未被识别为「{field}」：如是，请在设置的列映射中写 {field}={header}",
                              "column '{header}' looks like counts but was not read as '{field}': if it is, write {field}={header} in Settings' column mapping"),
    "issue.fields_missing": ("客户表中没有这些列，相关规则按空白处理：{fields}（如有，请在设置的列映射中写 字段=表头）",
                             "the customer sheet has no column for: {fields}; the rules treat them as blank (if it has one, map it in Settings' column mapping: field=header)"),
    "issue.unknown_setting": ("无法识别的设置项，已忽略", "unknown setting: ignored"),
    "issue.log_unknown_customer": ("跟进记录里的客户不在客户表中，已忽略", "no such customer in the customer sheet: row ignored"),
    "issue.log_no_date": ("跟进记录没有日期，已忽略", "no date: row ignored"),
    "issue.log_bad_medium": ("无法识别的跟进方式，按空白处理", "unknown medium: treated as blank"),
    "issue.log_bad_topic": ("无法识别的话题，按空白处理", "unknown topic: treated as blank"),
    "issue.setting_range": ("应为 {low} 到 {high} 之间的整数，已使用默认值 {default}",
                            "a whole number from {low} to {high} expected: default {default} used"),
    "issue.mapping_clash": ("与另一字段映射到同一列“{header}”，两者都已忽略",
                            "mapped to the same column '{header}' as another field: both ignored"),
    "issue.password_in_settings": ("看起来是密码：不会显示或发送。密码请放在系统钥匙串或环境变量 XLTRADE_SMTP_PASSWORD 中",
                                   "looks like a password: never shown or sent. Keep it in the system keyring or XLTRADE_SMTP_PASSWORD"),
    # --- report sheet (§6)
    "report.sheet": ("周报", "Weekly Report"),
    "report.title": ("客户跟进周报", "Customer follow-up weekly report"),
    "report.workbook": ("工作簿", "Workbook"),
    "report.week": ("报告周", "Week"),
    "report.as_of": ("统计日期", "As of"),
    "report.generated": ("由 xltrade 于 {day} 生成：本表数字截至当天，以后打开也不变；客户表的跟进提醒和逾期天数则按打开当天更新。",
                         "Made by xltrade on {day}: the figures here stay as of that day; the customer sheet's Due and Days overdue follow the day it is opened."),
    "report.rebuilt": ("每次运行重建本表，请勿在此输入", "Rebuilt on every run: do not type here"),
    "report.key_figures": ("关键数据", "Key figures"),
    "report.figure": ("指标", "Figure"),
    "report.this_week": ("本周", "This report"),
    "report.previous": ("上次", "Previous"),
    "report.change": ("变化", "Change"),
    "fig.customers": ("客户总数", "Customers"),
    "fig.excluded": ("不跟进（无效/同行）", "Excluded (invalid/competitor)"),
    "fig.grade_A": ("A 交易客户", "A customers"),
    "fig.grade_B": ("B 在谈客户", "B in negotiation"),
    "fig.grade_C": ("C 潜力客户", "C potential"),
    "fig.grade_D": ("D 行业客户", "D industry contacts"),
    "fig.new_this_week": ("本周新询盘", "New inquiries this week"),
    "fig.followed_up_this_week": ("本周已跟进客户", "Customers followed up this week"),
    "fig.touches_this_week": ("本周跟进次数（跟进记录）", "Follow-ups logged this week"),
    "fig.touched_more_than_once": ("本周多次跟进的客户", "Customers followed up more than once"),
    "report.media": ("本周跟进方式", "Follow-ups by medium"),
    "medium.email": ("邮件", "Email"),
    "medium.phone": ("电话", "Phone"),
    "medium.whatsapp": ("WhatsApp", "WhatsApp"),
    "medium.wechat": ("微信", "WeChat"),
    "medium.visit": ("拜访", "Visit"),
    "medium.fair": ("展会", "Trade show"),
    "medium.other": ("其他", "Other"),
    "fig.replied_this_week": ("本周回复的客户", "Customers who replied this week"),
    "fig.overdue": ("已逾期", "Overdue"),
    "fig.overdue_A": ("逾期 A", "Overdue A"),
    "fig.overdue_B": ("逾期 B", "Overdue B"),
    "fig.overdue_C": ("逾期 C", "Overdue C"),
    "fig.overdue_D": ("逾期 D", "Overdue D"),
    "fig.due_today": ("今天到期", "Due today"),
    "fig.due_rest_of_week": ("本周内还需跟进", "Due later this week"),
    "fig.due_next_week": ("下周需跟进", "Due next week"),
    "report.owners": ("按业务员", "By salesperson"),
    "report.owner": ("业务员", "Salesperson"),
    "report.no_owner": ("（未填写）", "(none)"),
    "report.customers": ("客户数", "Customers"),
    "report.grade_mix": ("等级分布", "By grade"),
    "report.followed_up": ("本周跟进", "Followed up this week"),
    "report.touches": ("跟进次数", "Follow-ups made"),
    "report.overdue": ("逾期", "Overdue"),
    "report.overdue_list": ("逾期客户（最紧急在前）", "Overdue customers (most urgent first)"),
    "report.row": ("行号", "Row"),
    "report.company": ("客户", "Customer"),
    "report.grade": ("等级", "Grade"),
    "report.next": ("应跟进日期", "Follow-up date"),
    "report.days_overdue": ("逾期天数", "Days overdue"),
    "report.days_silent": ("未回复天数", "Days without reply"),
    "report.footer": ("周报 {week}", "Weekly report {week}"),
    "report.page": ("第 &P 页，共 &N 页", "Page &P of &N"),
    "computed.beside_team": ("{header}（xltrade）", "{header} (xltrade)"),
    "report.suggestion": ("建议", "Suggested action"),
    "report.at_risk": ("风险客户", "At-risk customers"),
    "report.reason": ("原因", "Reason"),
    "risk.demoted": ("{reason}，已降为 C", "{reason}: now C"),
    "risk.unanswered": ("连续 {n} 次未回复", "{n} follow-ups unanswered"),
    # --- 公海 and 撞单 (§9) in a salesperson's own 周报 and data issues
    "report.pool_soon": ("即将进入公海", "Going to the pool soon"),
    "report.pool_soon_note": ("B、C、D 级客户未跟进满公海天数（{days} 天，见设置）即进入经理的公海清单；以下客户 {soon} 天内就会进入，请先跟进。", "A B, C or D customer with no follow-up for its pool days ({days} days; see Settings) goes on the manager's pool list; these get there within {soon} days: follow them up first."),
    "report.days_without_followup": ("未跟进天数", "Days without follow-up"),
    "report.more_pool": ("……另有 {n} 位客户即将进入公海，未列出：按客户表的最近跟进日期排序可找到", "... {n} more customers going to the pool soon, not listed: sort the customer sheet by last contact to find them"),
    "pool.days_left": ("{n} 天后进入公海", "Goes to the pool in {n} day(s)"),
    "issue.conflict": ("撞单：本行（{owner}）与{others}是同一买家（{why}）；{first}", "conflict: this row ({owner}) and {others} are the same buyer ({why}); {first}"),
    "issue.list_separator": ("、", "; "),
    "conflict.other": ("第 {row} 行 {company}（{owner}）", "row {row} {company} ({owner})"),
    "conflict.more": ("另 {n} 行", "{n} more rows"),
    "conflict.why.name": ("同名", "same name"),
    "conflict.why.email_domain": ("同邮箱域名 {match}", "same email domain {match}"),
    "conflict.why.phone": ("同电话 {match}", "same phone number {match}"),
    "conflict.first": ("{owner} 先录入（询盘日期 {date}）", "{owner} recorded it first (inquiry date {date})"),
    "conflict.first_unknown": ("没有询盘日期，无法判断谁先录入", "no inquiry date tells who recorded it first"),
    "report.plan": ("下周计划", "Next week's plan"),
    "report.day": ("日期", "Day"),
    "report.grade_changes": ("等级变化（与上次报告相比）", "Grade changes since the previous report"),
    "report.from": ("原等级", "From"),
    "report.to": ("现等级", "To"),
    "report.new_customer": ("新增", "new"),
    "report.no_previous": ("没有上次报告，下次运行后显示变化",
                           "No previous report yet: changes show from the next run"),
    "report.issues": ("数据问题", "Data issues"),
    "report.column": ("列", "Column"),
    "report.value": ("原值", "Value"),
    "report.problem": ("问题", "Problem"),
    "report.none": ("无", "None"),
    "report.more_customers": ("……另有 {n} 位客户未列出，全部见客户表",
                              "... {n} more customers not listed: the customer sheet has them all"),
    "report.more_overdue": ("……另有 {n} 位逾期客户未列出：即客户表中的红色行",
                            "... {n} more overdue customers not listed: the red rows of the customer sheet"),
    "report.more_changes": ("……另有 {n} 位客户的等级有变化，未列出",
                            "... {n} more customers changed grade, not listed"),
    "report.more_issues": ("……另有 {n} 项数据问题未列出，请在客户表中核对这些行",
                           "... {n} more data issues not listed: check those rows of the customer sheet"),
    "report.chart_grades": ("客户等级分布", "Customers by grade"),
    "report.chart_days": ("本周每日跟进", "Follow-ups per day this week"),
    "report.count": ("数量", "Count"),
    "weekday.0": ("周一", "Mon"),
    "weekday.1": ("周二", "Tue"),
    "weekday.2": ("周三", "Wed"),
    "weekday.3": ("周四", "Thu"),
    "weekday.4": ("周五", "Fri"),
    "weekday.5": ("周六", "Sat"),
    "weekday.6": ("周日", "Sun"),
    # --- settings sheet (§7)
    "settings.sheet": ("设置", "Settings"),
    "settings.key": ("设置项", "Setting"),
    "settings.value": ("值", "Value"),
    "settings.note": ("说明", "Notes"),
    "settings.title": ("xltrade 设置（可修改“值”列；无效的值会被报告并使用默认值）",
                       "xltrade settings (edit the Value column; a bad value is reported and "
                       "its default used)"),
    # --- help sheet (the Help button)
    "help.sheet": ("使用说明", "Help"),
    "help.title": ("xltrade 使用说明", "How to use xltrade"),
    "help.what.title": ("xltrade 做什么", "What xltrade does"),
    "help.what": ("在客户表右侧自动加上：客户等级（A/B/C/D）及依据、下次跟进日期、跟进提醒、逾期天数、跟进建议。"
                  "逾期的行标红，今天要跟进的行标黄。“周报”表给经理看：关键数据、业务员、逾期和风险客户、下周计划、图表。\n"
                  "您输入的内容不会被改动：xltrade 只写它自己的列和表。",
                  "Adds to the right of your customer table: grade (A/B/C/D) and why, next follow-up "
                  "date, due status, days overdue and a suggested action. Overdue rows turn red, "
                  "rows due today amber. The weekly report sheet is for the manager: key figures, "
                  "salespeople, overdue and at-risk customers, next week's plan, charts.\n"
                  "Nothing you typed is changed: xltrade writes only its own columns and sheets."),
    "help.buttons.title": ("功能区按钮", "Ribbon buttons"),
    "help.buttons": ("刷新等级与日期：重新计算所有客户。\n生成周报：刷新后重建“周报”表。\n"
                     "记录跟进：先点客户所在行，在“跟进记录”里加一行并更新最近跟进和次数，再在备注里写几句。\n"
                     "客户已回复：先点客户所在行，把最近一条跟进记为已回复，未回复次数清零。\n"
                     "邮件发给经理：生成不含宏的周报副本并放进邮件草稿。\n打开设置：跟进间隔、节假日、经理邮箱等。\n"
                     "使用说明：本页。",
                     "Refresh grades: recompute every customer.\nWeekly report: refresh, then rebuild "
                     "the report sheet.\nLog follow-up: click the customer's row first; adds today's "
                     "follow-up to the log and updates the counts, then type a note.\nCustomer "
                     "replied: click the customer's row first; marks the latest follow-up replied "
                     "and the unanswered count zero.\nEmail manager: a macro-free copy of the report "
                     "in an email draft.\nSettings: cadences, holidays, manager email.\nHelp: this "
                     "page."),
    "help.install.title": ("第一次使用（每台电脑一次）", "First use (once per computer)"),
    "help.install": ("1. 没有 Python 时，从 python.org 安装 Python 3.11 或更新版本，安装时选“Install Now”（只为当前用户安装，不需要管理员；不要用微软应用商店的 Python）。\n"
                     "2. 双击安装文件夹里的 install-xltrade.cmd（Mac：在终端运行 python3 install_xltrade.py），最后每行都是“正常”就装好了。\n"
                     "3. 关闭并重新打开本工作簿，点击“启用内容”。从邮件或微信收到的工作簿先解除锁定：右键文件 > 属性 > 勾选“解除锁定”。\n"
                     "不装 Python 也能查看所有数据、周报和设置；只有刷新和生成周报需要 Python。用 WPS 时：右键工作簿 > 发送到 > xltrade 生成周报。",
                     "1. Without Python, install Python 3.11 or newer from python.org and choose "
                     "\"Install Now\" (for you only, no admin; not the Microsoft Store Python).\n2. Double-click "
                     "install-xltrade.cmd in the install folder (Mac: python3 install_xltrade.py in "
                     "Terminal); every line it ends with should say ok (正常 in a Chinese workbook).\n3. Close and reopen this "
                     "workbook and click Enable Content. A workbook received by mail or chat: "
                     "right-click the file > Properties > tick Unblock first.\nWithout Python you "
                     "can still read every value, the report and the settings; only refreshing needs "
                     "Python. With WPS: right-click the workbook > Send to > xltrade 生成周报."),
    "help.manager.title": ("给经理", "For the manager"),
    "help.manager": ("经理收到的是不含宏的 .xlsx：手机、WPS、LibreOffice 或禁用宏的 Excel 都能打开，"
                     "颜色标记和图表照常显示。",
                     "The manager receives a macro-free .xlsx: it opens on a phone, in WPS, "
                     "LibreOffice or Excel with macros blocked, with its colours and charts."),
    "help.rules.title": ("分级规则", "How grades are given"),
    "help.rules": ("A 交易客户：已下单。B 在谈客户：已报价/寄样/PI，或真实买家的新询盘。"
                   "C 潜力客户：有双向沟通，或新手/信息收集型买家。D 行业客户：尚无双向沟通、只要样品、已丢单。"
                   "报价后沉默超过 60 天的 B 会降为 C。无效询盘和同行不跟进。",
                   "A customer: has ordered. B in negotiation: quoted, samples or PI, or a fresh "
                   "inquiry from a real buyer. C potential: two-way contact, or a newcomer or "
                   "researcher. D industry contact: no two-way contact yet, sample hunters, lost "
                   "deals. A B customer silent for over 60 days after the quote becomes C. Invalid "
                   "inquiries and competitors are not followed up."),
    # --- Excel buttons
    "excel.refreshed": ("已更新 {n} 位客户。", "{n} customers updated."),
    "excel.reported": ("周报已生成（{week}）。", "Weekly report for {week} is ready."),
    "excel.issues": ("有 {n} 个数据问题，已列在“周报”表末尾（点“生成周报”查看）。",
                     "{n} data issue(s): listed at the end of the weekly report."),
    "excel.failed": ("xltrade 没有完成：{reason}\n工作簿没有被改动。详细信息：{log}",
                     "xltrade did not finish: {reason}\nThe workbook was not changed. "
                     "Details: {log}"),
    "excel.failed_writing": ("xltrade 写入时中断：{reason}\n部分列可能已更新，请再点一次按钮。详细信息：{log}",
                             "xltrade stopped while writing: {reason}\nSome columns may be "
                             "updated; click the button again. Details: {log}"),
    "excel.no_manager": ("请先在“设置”表的“经理邮箱”里填写经理的邮件地址。",
                         "Put the manager's address in Settings (Manager email) first."),
    "excel.drafted": ("周报邮件草稿已打开（{where}），请检查后发送。",
                      "The report email is open as a draft ({where}): check it, then send."),
    # --- Send To (Windows) and Quick Actions (macOS)
    "install.unquotable": ("{path}：这个 Python 的路径含有 {chars}，快速操作的命令无法用引号包住它；什么都没有设置。请把 xltrade 装在路径不含这些字符的文件夹里（例如 ~/.local/share/xltrade）",
                           "{path}: this Python's path contains {chars}, which a Quick Action's command cannot hold in quotes; nothing was set up. Install xltrade in a folder whose path has none of them (such as ~/.local/share/xltrade)"),
    # --- mail to the manager
    "mail.subject": ("客户跟进周报 {week}", "Customer follow-up report {week}"),
    "mail.greeting": ("您好：", "Hello,"),
    "mail.intro": ("附件是本周（{start} ~ {end}）的客户跟进周报《{name}》，不含宏，手机和 WPS 也能打开。本周关键数据：",
                   "Attached is the customer follow-up report for {start} to {end} ({name}), "
                   "without macros, so it opens anywhere. This week's key figures:"),
    "mail.footer": ("由 xltrade 生成。", "Made by xltrade."),
    "mail.urgent": ("逾期的 A、B 级客户（最紧急在前）", "Overdue A and B customers (most urgent first)"),
    "mail.more": ("……另有 {n} 位，见附件", "... {n} more: see the attachment"),
    "cli.mailed": ("周报已发送给 {to}", "Weekly report sent to {to}"),
    "cli.drafted": ("邮件草稿已保存：{path}", "Email draft written: {path}"),
    "cli.snapshot": ("不含宏的副本已生成：{path}", "Macro-free copy written: {path}"),
    # --- command line
    "cli.done_refresh": ("已更新 {n} 位客户：{path}", "Updated {n} customers: {path}"),
    "cli.done_report": ("周报已生成（{week}）：{path}", "Weekly report for {week} written: {path}"),
    "cli.issues": ("{n} 个数据问题：", "{n} data issue(s):"),
    "cli.issues.report": ("{n} 个数据问题（也列在周报中）：", "{n} data issue(s), also listed in the weekly report:"),
    "issue.rows": ("（共 {n} 行）", " ({n} rows)"),
    "cli.sample": ("示例客户表已生成：{path}", "Sample customer sheet written: {path}"),
    "cli.built": ("带功能区的工作簿已生成：{path}", "Macro workbook with the ribbon written: {path}"),
    "cli.logged": ("已记录与 {customer} 的跟进：{sheet} 第 {row} 行", "Follow-up with {customer} recorded: {sheet} row {row}"),
    "cli.adopted": ("已转换为带功能区的工作簿：{path}", "Converted to the macro workbook: {path}"),
}


def both(key: str, **values: object) -> tuple[str, str]:
    """A message in English and Chinese, as an error carries it: ``(en, zh)``."""
    return say(key, "en", **values), say(key, "zh", **values)


def say(key: str, lang: Lang, **values: object) -> str:
    """The text for ``key`` in ``lang`` with ``values`` filled in."""
    return _say(key, lang, tuple(values.items()))


@lru_cache(maxsize=8192)
def _say(key: str, lang: Lang, values: tuple[tuple[str, object], ...]) -> str:
    # Whole sheets repeat the same few texts: formatting each once is enough.
    zh, en = TEXTS[key]
    template = zh if lang == "zh" else en
    return template.format(**dict(values)) if values else template
