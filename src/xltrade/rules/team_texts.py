"""The manager's team view's words, in Chinese and English (part of
:data:`xltrade.rules.texts.TEXTS`, kept apart only for its size)."""

from __future__ import annotations

TEAM_TEXTS: dict[str, tuple[str, str]] = {
    # --- the sheets of the team workbook (§9)
    "team.sheet": ("团队周报", "Team Report"),
    "team.conflicts_sheet": ("撞单", "Conflicts"),
    "team.pool_sheet": ("公海", "Pool"),
    "team.archive_sheet": ("全部客户", "All Customers"),
    "team.title": ("团队周报", "Team weekly report"),
    "team.week": ("报告周", "Week"),
    "team.as_of": ("统计日期", "As of"),
    "team.generated": ("由 xltrade 于 {day} 汇总 {n} 个文件：数字截至当天，以后打开也不变。",
                       "Made by xltrade on {day} from {n} file(s): the figures are those of "
                       "that day and do not change when opened later."),
    # --- files read and skipped
    "team.files": ("汇总的文件", "Files merged"),
    "team.file": ("文件", "File"),
    "team.owners": ("业务员", "Salespeople"),
    "team.customers": ("客户数", "Customers"),
    "team.last_report": ("最近周报", "Last report"),
    "team.no_report": ("（无）", "(none)"),
    "team.other_week": ("{week}：不是本周", "{week}: not this week"),
    "team.skipped": ("未汇总：{path}（{reason}）", "Not merged: {path} ({reason})"),
    "team.is_team_workbook": ("这是 xltrade 做的团队周报，不是业务员的客户表", "a team workbook made by xltrade, not a salesperson's customer sheet"),
    "team.older_copy": ("是 {newer} 的旧版本", "an older copy of {newer}"),
    # --- figures side by side
    "team.figures": ("各业务员与团队合计", "By salesperson, with the team total"),
    "team.figure": ("指标", "Figure"),
    "team.total": ("团队合计", "Team total"),
    "team.change": ("较上周", "Change"),
    "team.fig.customers": ("客户数", "Customers"),
    "team.fig.A": ("A 交易客户", "A customers"),
    "team.fig.B": ("B 在谈客户", "B in negotiation"),
    "team.fig.C": ("C 潜力客户", "C potential"),
    "team.fig.D": ("D 行业客户", "D industry contacts"),
    "team.fig.new_this_week": ("本周新询盘", "New inquiries this week"),
    "team.fig.followed_up_this_week": ("本周已跟进客户", "Customers followed up"),
    "team.fig.followups_this_week": ("本周跟进次数", "Follow-ups made"),
    "team.fig.replied_this_week": ("本周回复的客户", "Customers who replied"),
    "team.fig.overdue": ("已逾期", "Overdue"),
    "team.fig.overdue_A": ("逾期 A", "Overdue A"),
    "team.fig.overdue_B": ("逾期 B", "Overdue B"),
    "team.followups_note": ("跟进次数来自各文件的跟进记录表；没有跟进记录的业务员，按本周已跟进客户计。",
                            "Follow-ups made come from each file's follow-up log; for a "
                            "salesperson without one, the customers followed up are counted."),
    # --- lists
    "team.overdue_list": ("全团队逾期的 A/B 客户（最紧急在前）",
                          "Overdue A and B customers across the team (most urgent first)"),
    "team.promotions": ("本周升级的客户", "Customers whose grade went up"),
    "team.from": ("原等级", "From"),
    "team.to": ("现等级", "To"),
    "team.row": ("行号", "Row"),
    "team.more": ("……另有 {n} 位未列出，全部见“全部客户”表",
                  "... {n} more not listed: the All Customers sheet has them all"),
    "team.conflicts_line": ("撞单：{n} 组，见“撞单”表", "Conflicts: {n} group(s), see the Conflicts sheet"),
    "team.pool_line": ("公海：{n} 位客户，见“公海”表", "Pool: {n} customer(s), see the Pool sheet"),
    "team.chart_overdue": ("各业务员逾期客户", "Overdue customers by salesperson"),
    "team.chart_followups": ("各业务员本周跟进", "Follow-ups this week by salesperson"),
    "team.footer": ("团队周报 {week}", "Team report {week}"),
    # --- 撞单 sheet
    "team.conflicts_title": ("撞单：同一买家在两位以上业务员名下",
                             "Conflicts: one buyer held by two or more salespeople"),
    "team.conflicts_note": ("按公司名（去掉 Ltd、有限公司 等）、邮箱域名（gmail、qq 等免费邮箱除外）或电话号码判断；先录入者按首次联系日期。",
                            "Matched by company name (without Ltd, GmbH...), email domain "
                            "(free mail such as gmail never counts) or phone number; who "
                            "recorded the buyer first is by first contact date."),
    "team.group": ("组", "Group"),
    "team.why": ("依据", "Matched by"),
    "team.why.name": ("公司名相同", "same company name"),
    "team.why.email_domain": ("邮箱域名相同", "same email domain"),
    "team.why.phone": ("电话相同", "same phone number"),
    "team.first_contact": ("首次联系", "First contact"),
    "team.first": ("先录入", "Recorded first"),
    # --- 公海 sheet
    "team.pool_title": ("公海：长期未跟进的 B/C/D 客户", "Pool: B, C and D customers nobody has followed up"),
    "team.pool_note": ("超过各文件“设置”中公海天数（默认 30 天）未跟进；A 类客户从不列入。可重新分配给其他业务员。",
                       "No follow-up for longer than each file's pool days in Settings "
                       "(30 by default); A customers are never listed. They can be handed "
                       "to someone else."),
    "team.days_without": ("未跟进天数", "Days without follow-up"),
    # --- 全部客户 sheet
    "team.country": ("国家", "Country"),
    "team.stage": ("阶段", "Stage"),
    "team.last_contact": ("最近跟进", "Last follow-up"),
    "team.next": ("应跟进日期", "Follow-up date"),
    "team.days_overdue": ("逾期天数", "Days overdue"),
    "team.suggestion": ("建议", "Suggested action"),
    # --- the command line
    "cli.team": ("团队周报已写入 {path}：{files} 个文件，{customers} 位客户，撞单 {conflicts} 组，公海 {pool} 位",
                 "Team report written to {path}: {files} file(s), {customers} customers, "
                 "{conflicts} conflict group(s), {pool} in the pool"),
    "cli.team_skipped": ("跳过 {path}：{reason}", "Skipped {path}: {reason}"),
    "cli.team_none": ("没有可汇总的文件：{n} 个文件都无法读取", "Nothing to merge: none of the {n} file(s) could be read"),
    "cli.team_empty": ("没有找到工作簿（.xlsx/.xlsm）：{paths}", "No workbooks (.xlsx/.xlsm) found in {paths}"),
    "cli.team_out_is_input": ("{out}：是要汇总的文件之一，--out 请用另一个文件名",
                              "{out}: is one of the files to merge; give --out another name"),
}
