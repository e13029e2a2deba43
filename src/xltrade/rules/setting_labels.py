"""The Settings sheet's keys: their labels and notes in both languages, and the order
a new Settings sheet lists them in."""

from __future__ import annotations

from xltrade.rules.normalize import normalize_label
from xltrade.rules.vocabulary import GRADES, POOL_GRADES

#: key -> (zh label, en label, zh note, en note)
SETTING_LABELS: dict[str, tuple[str, str, str, str]] = {
    "language": ("语言", "Language", "zh 或 en；留空则按表头自动判断",
                 "zh or en; blank: chosen from the headers"),
    "customer_sheet": ("客户表名称", "Customer sheet", "留空则自动查找",
                       "blank: found automatically"),
    "cadence_A": ("A级跟进间隔（天）", "Cadence A (days)", "交易客户", "customers"),
    "cadence_B": ("B级跟进间隔（天）", "Cadence B (days)", "在谈客户", "in negotiation"),
    "cadence_C": ("C级跟进间隔（天）", "Cadence C (days)", "潜力客户", "potential"),
    "cadence_D": ("D级跟进间隔（天）", "Cadence D (days)", "行业客户", "industry contacts"),
    "pool_days_B": ("B级公海天数", "Pool days B",
                    "多少天未跟进即进入经理的公海清单；到期前 7 天在周报中提醒",
                    "days without a follow-up before the customer goes on the manager's "
                    "pool list; the weekly report warns 7 days ahead"),
    "pool_days_C": ("C级公海天数", "Pool days C", "同上，C级客户", "the same, for C"),
    "pool_days_D": ("D级公海天数", "Pool days D", "同上，D级客户；A级客户从不进入公海",
                    "the same, for D; A customers never go to the pool"),
    "b_silence_days": ("B级沉默降级天数", "B silence days",
                       "报价后客户沉默超过此天数，降为C级",
                       "a B customer silent longer than this becomes C"),
    "dormant_a_days": ("老客户激活天数", "Dormant A days",
                       "A级客户上次下单超过此天数，建议激活",
                       "suggest reactivating an A customer whose last order is older"),
    "unanswered_medium": ("未回复：换跟进方式", "Unanswered: switch medium",
                          "连续未回复达到此次数，建议换方式", "unanswered follow-ups"),
    "unanswered_contact": ("未回复：换联系人", "Unanswered: new contact",
                           "连续未回复达到此次数，建议换联系人", "unanswered follow-ups"),
    "unanswered_handover": ("未回复：换同事跟进", "Unanswered: hand over",
                            "连续未回复达到此次数，建议换同事", "unanswered follow-ups"),
    "weekend": ("周末", "Weekend days", "不安排跟进的星期，如：六,日",
                "days with no follow-ups, e.g. Sat,Sun"),
    "time_zone": ("我方时区", "Our time zone",
                  "业务员所在的时区，用来换算客户当地的上班时间，如 Asia/Shanghai、Europe/Berlin",
                  "where the salespeople are, to show the buyer's working hours in your "
                  "time, e.g. Asia/Shanghai, Europe/Berlin"),
    "holiday": ("节假日", "Holiday", "每行一个日期；跟进日期会顺延到下一个工作日",
                "one date a row; follow-ups move to the next working day"),
    "stage_alias": ("阶段别名", "Stage alias", "格式：别名=阶段，如 打样=sample",
                    "alias=stage, e.g. mock-up=sample"),
    "column_map": ("列映射", "Column mapping",
                   "每行一列：字段=你的表头，如 最近跟进=最后跟进日期"
                   "（这几行是自动识别的结果，可修改）",
                   "one a row: field=your header, e.g. Last contact=Last Contacted (these "
                   "rows: what was recognised; change them if wrong)"),
    "team_grade": ("以团队等级为准", "Use team grade",
                   "是：表中你们自己的等级列（如 客户等级）作为手动等级；否：只在旁边显示",
                   "yes: your own grade column overrides xltrade's grade; no: shown only"),
    "log_column_map": ("跟进记录列映射", "Log column mapping",
                       "跟进记录表的列，格式：字段=表头，如 日期=联系时间",
                       "the follow-up log's columns: field=header, e.g. date=Contacted on"),
    "manager_email": ("经理邮箱", "Manager email", "多个地址用逗号分隔",
                      "several addresses: separate with commas"),
    "email_subject": ("邮件主题", "Email subject", "{week} 会替换为报告周",
                      "{week} becomes the report week"),
    "mail_method": ("发送方式", "Mail method", "outlook、eml 或 smtp", "outlook, eml or smtp"),
    "smtp_server": ("SMTP 服务器", "SMTP server", "发送方式为 smtp 时填写，如 smtp.example.com:587",
                    "for the smtp method, e.g. smtp.example.com:587"),
    "smtp_user": ("SMTP 用户名", "SMTP user",
                  "密码不写在这里：用环境变量 XLTRADE_SMTP_PASSWORD 或系统钥匙串",
                  "never the password: it comes from XLTRADE_SMTP_PASSWORD or the keyring"),
}
SETTING_LOOKUP: dict[str, str] = {
    normalize_label(label): key
    for key, (zh, en, _, _) in SETTING_LABELS.items()
    for label in (zh, en, key)
}

#: A new Settings sheet in the order a user fills it in: language and where the report
#: goes first, then the rules' numbers, then the long holiday list at the end.
ROW_ORDER = ("language", "manager_email", "mail_method", "email_subject", "smtp_server",
             "smtp_user", "customer_sheet", *(f"cadence_{g}" for g in GRADES),
             *(f"pool_days_{g}" for g in POOL_GRADES), "b_silence_days", "dormant_a_days",
             "unanswered_medium", "unanswered_contact", "unanswered_handover", "weekend",
             "time_zone", "stage_alias", "team_grade", "column_map", "log_column_map",
             "holiday")
