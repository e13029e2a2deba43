"""The suggestion's texts about this buyer, in Chinese and English: how to deal with
their style, a complaint's steps, the checklist for a quote that went silent, and the
buyer's working hours in the salesperson's time. Merged into
:data:`xltrade.rules.texts.TEXTS`.

Written for xltrade from the ideas of the practice texts on buyer types, complaints,
quotes that "evaporate" and time differences.
"""

from __future__ import annotations

BUYER_TEXTS: dict[str, tuple[str, str]] = {
    # --- one line per buyer style: what works with this buyer
    "approach.analytical": ("分析型：给数据和证据（参数、检测报告），一次讲透一两点", "Analytical: data and evidence (specs, test reports), one or two points at a time"),
    "approach.haggler": ("砍价型：先讲价值再谈价，让步要换条件（数量、付款、交期）", "Haggler: value before price; concede only for terms (quantity, payment, lead time)"),
    "approach.hesitant": ("犹豫型：只给一两个选项，语气肯定，用封闭式问题定下一步", "Hesitant: one or two options, a sure tone, a closed question for the next step"),
    "approach.expert": ("专家型：尊重其专业，带去对方不知道的新东西，不争论", "Expert: respect what they know, bring them something new, never argue"),
    "approach.friendly": ("友好型：热情礼貌，耐心答疑，顺势推进到具体订单", "Friendly: warm and patient, and steer towards a concrete order"),
    # --- a complaint, or a complaining buyer: these steps come before anything else
    "complaint.steps": ("处理投诉：①听完并复述问题 ②认同感受，不争辩 ③给解决方案 ④只承诺做得到的，按约定时间答复", "Complaint: 1) hear it out, repeat it back 2) acknowledge the feeling, don't argue 3) offer a solution 4) promise only what you can keep, answer when you said"),
    # --- the quote that went silent: one step per follow-up, in this order
    "silent.step": ("报价后未回复（第 {n}/{of} 步）", "Silent after the quote (step {n}/{of}) "),
    "silent.self_check": ("自查：重看报价，核对产品参数是否符合对方要求，更正补充后再发", "self-check: does the offer and the product fit what they asked? Correct, complete, resend"),
    "silent.price": ("价格更新：说明价格变化、原因和条件", "price update: what changed, why, and on what terms"),
    "silent.delivery": ("确认送达：邮件可能进了垃圾箱，改用{medium}，问是否收到", "check delivery: the mail may be in spam, so try {medium}, and ask if it arrived"),
    "silent.delivery.any": ("电话/WhatsApp", "phone or WhatsApp"),
    "silent.away": ("对方可能出差或在考验你：简短问候，不催单", "they may be away or testing you: a short, friendly note, no pressure"),
    "silent.other_contact": ("换联系人：写给该公司的其他人（采购、老板）", "another contact: write to someone else there (purchasing, the owner)"),
    # --- the buyer's working hours in the salesperson's time, on the follow-up day
    "local.window": ("对方 {start}–{end} = {here} {our_start}–{our_end}", "their {start}–{end} = {our_start}–{our_end} {here}"),
    "local.next_day": ("次日 {time}", "{time} next day"),
    "local.previous_day": ("前一日 {time}", "{time} the day before"),
    "local.several": ("（{country}多时区，按{zone}）", " ({country}: several zones, {zone} assumed)"),
    # --- data issues
    "issue.bad_buyer_style": ("无法识别的客户性格（可选：分析型、砍价型、犹豫型、抱怨型、专家型、友好型），已忽略",
                              "unknown buyer style (Analytical, Price haggler, Hesitant, Complaining, Expert or Friendly): ignored"),
    "issue.bad_time_zone": ("无法识别的时区（请写城市或 America/Chicago 这样的时区名；UTC±N 不含夏令时），按国家计",
                            "unknown time zone (write a city or a zone name such as America/Chicago; UTC±N knows no daylight saving): the country's used"),
}
