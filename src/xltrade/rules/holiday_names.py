"""Chinese names of the public holidays of the main export markets, for a Chinese
workbook: the holidays package names most of them only in English.

Names are matched after dropping what the package adds in brackets (estimated, in
lieu); a name not in the table stays in English.
"""

from __future__ import annotations

import re

#: English name (as the holidays package writes it) -> Chinese.
CHINESE: dict[str, str] = {
    # Shared by many countries
    "New Year's Day": "元旦", "New Year's Eve": "除夕（新年前夜）",
    "Christmas Day": "圣诞节", "Christmas": "圣诞节", "Christmas Eve": "平安夜",
    "Second Day of Christmas": "圣诞节第二天", "Boxing Day": "节礼日",
    "Good Friday": "耶稣受难日", "Holy Saturday": "圣周六", "Black Saturday": "圣周六",
    "Maundy Thursday": "濯足节", "Easter Sunday": "复活节", "Easter Monday": "复活节星期一",
    "Ascension Day": "耶稣升天节", "Pentecost": "圣灵降临节",
    "Pentecost Monday": "圣灵降临节星期一", "Corpus Christi": "基督圣体节",
    "Assumption Day": "圣母升天节", "Assumption Of Mary Day": "圣母升天节",
    "All Saints' Day": "诸圣节", "All Souls' Day": "万灵节", "Epiphany": "主显节",
    "Immaculate Conception": "圣母无原罪瞻礼", "Coptic Christmas Day": "科普特圣诞节",
    "Labor Day": "劳动节", "International Labor Day": "国际劳动节", "May Day": "五一劳动节",
    "Workers' Day": "劳动节", "Worker's Day": "劳动节", "National Labor Day": "劳动节",
    "Independence Day": "独立日", "National Day": "国庆日", "National Holiday": "国家假日",
    "Constitution Day": "宪法日", "Republic Day": "共和国日", "Victory Day": "胜利日",
    "Liberation Day": "解放日", "Memorial Day": "阵亡将士纪念日", "Youth Day": "青年节",
    "Children's Day": "儿童节", "Family Day": "家庭日", "Revolution Day": "革命纪念日",
    "Chinese New Year": "春节", "Chinese New Year (Second Day)": "春节（第二天）",
    "Lunar New Year": "春节", "Lunar New Year's Eve": "除夕",
    "Korean New Year": "春节（韩国）", "Vesak Day": "卫塞节",
    "Eid al-Fitr": "开斋节", "Eid al-Fitr Holiday": "开斋节假期",
    "Eid al-Fitr (Second Day)": "开斋节（第二天）", "Eid al-Fitr Second Day": "开斋节（第二天）",
    "Eid al-Fitr (additional holiday)": "开斋节（加放）",
    "Eid al-Adha": "宰牲节（古尔邦节）", "Eid al-Adha Holiday": "宰牲节假期",
    "Day of Arafah": "阿拉法特日", "Islamic New Year": "伊斯兰新年",
    "Prophet's Birthday": "先知诞辰", "Prophet Muhammad's Birthday": "先知诞辰",
    "Isra' and Mi'raj": "登霄节", "Ashura": "阿舒拉节", "Diwali": "排灯节",
    "Bridge Public Holiday": "桥休假日",
    # United States, Canada, United Kingdom, Australia
    "Martin Luther King Jr. Day": "马丁·路德·金纪念日", "Washington's Birthday": "总统日",
    "Juneteenth National Independence Day": "六月节", "Columbus Day": "哥伦布日",
    "Veterans Day": "退伍军人节", "Thanksgiving Day": "感恩节", "Canada Day": "加拿大国庆日",
    "Spring Bank Holiday": "春季银行假日", "Australia Day": "澳大利亚国庆日",
    "ANZAC Day": "澳新军团日",
    # Europe
    "German Unity Day": "德国统一日", "Armistice Day": "停战纪念日",
    "King's Day": "国王节", "National Unity Day": "国家统一日",
    "Saint Stephen's Day": "圣斯德望节",
    "Saint Francis of Assisi, Patron Saint of Italy": "圣方济各节（意大利主保）",
    "National Independence Day": "独立日", "National Day of the Third of May": "五三宪法日",
    # Japan
    "Coming of Age Day": "成人节", "Foundation Day": "建国纪念日",
    "Emperor's Birthday": "天皇诞辰", "Vernal Equinox Day": "春分", "Showa Day": "昭和日",
    "Greenery Day": "绿之日", "Marine Day": "海之日", "Mountain Day": "山之日",
    "Respect for the Aged Day": "敬老日", "Autumnal Equinox Day": "秋分",
    "Sports Day": "体育日", "Culture Day": "文化日", "Labor Thanksgiving Day": "勤劳感谢日",
    # Korea
    "Independence Movement Day": "三一节", "Buddha's Birthday": "佛诞日",
    "National Foundation Day": "开天节", "Hangul Day": "韩文日", "Chuseok": "中秋节（韩国）",
    "The day preceding Chuseok": "中秋节前一天", "The second day of Chuseok": "中秋节第二天",
    "The day preceding Korean New Year": "除夕（韩国）",
    "The second day of Korean New Year": "春节第二天（韩国）",
    "Local Election Day": "地方选举日",
    # Middle East and Turkey
    "National Day Holiday": "国庆假期", "Founding Day Holiday": "建国日假期",
    "Commemoration of Atatürk, Youth and Sports Day": "青年与体育节",
    "National Sovereignty and Children's Day": "国家主权和儿童节",
    "Democracy and National Unity Day": "民主与民族团结日",
    "Labor and Solidarity Day": "劳动与团结日",
    "Spring Festival": "春节（闻风节）", "Sinai Liberation Day": "西奈解放日",
    "Armed Forces Day": "建军节", "July 23 Revolution Day": "七月革命纪念日",
    "June 30 Revolution Day": "六三〇革命纪念日",
    "January 25th Revolution and National Police Day": "一月革命和警察节",
    # South and Southeast Asia
    "Holi": "洒红节", "Maha Shivaratri": "湿婆节", "Ram Navami": "罗摩诞辰节",
    "Mahavira's Birthday": "大雄诞辰", "Buddha Purnima": "佛陀诞辰",
    "Dr. B. R. Ambedkar's Birthday": "安贝德卡尔诞辰", "Mahatma Gandhi's Birthday": "甘地诞辰",
    "Dussehra": "十胜节", "Guru Nanak's Birthday": "古鲁那纳克诞辰",
    "Janmashtami (Vaishnava)": "黑天诞辰",
    "Hung Kings' Commemoration Day": "雄王纪念日",
    "Liberation Day/Reunification Day": "南方解放和国家统一日",
    "Vietnam Cultural Day": "越南文化日", "29 of Lunar New Year": "腊月二十九",
    "Second Day of Lunar New Year": "正月初二", "Third Day of Lunar New Year": "正月初三",
    "Fourth Day of Lunar New Year": "正月初四", "Fifth Day of Lunar New Year": "正月初五",
    "Makha Bucha": "万佛节", "Visakha Bucha": "卫塞节", "Asarnha Bucha": "三宝佛节",
    "Buddhist Lent Day": "守夏节", "Songkran Festival": "宋干节（泼水节）",
    "Chakri Memorial Day": "却克里王朝纪念日", "Coronation Day": "加冕纪念日",
    "HM King Maha Vajiralongkorn's Birthday": "泰国国王诞辰",
    "HM Queen Suthida's Birthday": "泰国王后诞辰",
    "HM Queen Sirikit The Queen Mother's Birthday": "诗丽吉太后诞辰（母亲节）",
    "National Mother's Day": "母亲节", "National Father's Day": "父亲节",
    "HM King Bhumibol Adulyadej Memorial Day": "普密蓬国王纪念日",
    "HM King Bhumibol Adulyadej the Great's Birthday": "普密蓬国王诞辰（父亲节）",
    "HM King Chulalongkorn Memorial Day": "朱拉隆功国王纪念日",
    "National Children's Day": "儿童节",
    "Birthday of HM Yang di-Pertuan Agong": "马来西亚最高元首诞辰",
    "Malaysia Day": "马来西亚日", "Pancasila Day": "建国五项原则日",
    "Day of Silence": "安宁日（静居日）",
    "Day of Valor": "英勇日", "National Heroes Day": "民族英雄日", "Bonifacio Day": "博尼法西奥日",
    "Rizal Day": "黎刹日", "Ninoy Aquino Day": "尼诺伊·阿基诺日",
    # Africa
    "Democracy Day": "民主日", "Presidential Inauguration Day": "总统就职日",
    "Human Rights Day": "人权日", "Freedom Day": "自由日", "National Women's Day": "妇女节",
    "Heritage Day": "传统文化日", "Day of Reconciliation": "和解日",
    "Day of Goodwill": "友好日", "Local Government Elections": "地方选举日",
    # Latin America
    "Carnival Monday": "狂欢节星期一", "Carnival Tuesday": "狂欢节星期二",
    "Universal Fraternization Day": "元旦（博爱日）", "Tiradentes' Day": "拔牙者日",
    "Our Lady of Aparecida": "阿帕雷西达圣母节", "Republic Proclamation Day": "共和国成立日",
    "National Day of Zumbi and Black Awareness": "黑人觉醒日",
    "Benito Juárez's birthday": "胡亚雷斯诞辰",
    "May Revolution Day": "五月革命纪念日", "National Sovereignty Day": "国家主权日",
    "National Day of Remembrance for Truth and Justice": "真相与正义纪念日",
    "Veteran's Day and the Fallen in the Malvinas War": "马岛战争纪念日",
    "Respect for Cultural Diversity Day": "文化多样性日",
    "Pass to the Immortality of General Don José de San Martín": "圣马丁将军逝世纪念日",
    "Pass to the Immortality of General Don Manuel Belgrano": "贝尔格拉诺将军逝世纪念日",
    "Pass to the Immortality of General Don Martín Miguel de Güemes": "格梅斯将军逝世纪念日",
    "Navy Day": "海军节", "Army Day": "建军节", "Reformation Day": "宗教改革日",
    "National Indigenous Peoples Day": "原住民日", "Our Lady of Mount Carmel": "加尔默罗圣母节",
    "Saint Peter and Saint Paul's Day": "圣彼得和圣保罗节",
    "Meeting of Two Worlds' Day": "两个世界相遇日",
}
_BRACKETS = re.compile(r"\s*\((?:estimated|in lieu|observed(?:, estimated)?)\)")
_ESTIMATED = re.compile(r"\(estimated\)|\(observed, estimated\)")


def chinese_name(name: str) -> str:
    """The Chinese name of a holiday the holidays package named in English; the name
    itself when there is none. Several holidays on one day come joined with ``; ``."""
    return "；".join(_one(part) for part in name.split("; "))


def _one(name: str) -> str:
    base = _BRACKETS.sub("", name).strip()
    chinese = CHINESE.get(base)
    if chinese is None:
        return name
    return chinese + ("（预计）" if _ESTIMATED.search(name) else "")
