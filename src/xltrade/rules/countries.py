"""Country names (Chinese, English, ISO codes) to ISO 3166 alpha-2 codes, and their
public holidays from the ``holidays`` package (used for greetings, spec §4.3)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import holidays as holiday_calendars
from holidays.registry import COUNTRIES

from xltrade.rules.holiday_names import chinese_name
from xltrade.rules.normalize import normalize_label
from xltrade.rules.texts import Lang

#: Common Chinese names of trading partners. English names and ISO codes come from
#: the holidays package's own registry, so every country it knows is reachable.
CHINESE_NAMES: dict[str, str] = {
    "美国": "US", "美國": "US", "加拿大": "CA", "墨西哥": "MX", "巴西": "BR", "阿根廷": "AR",
    "智利": "CL", "秘鲁": "PE", "哥伦比亚": "CO", "委内瑞拉": "VE", "厄瓜多尔": "EC",
    "英国": "GB", "英國": "GB", "爱尔兰": "IE", "法国": "FR", "德国": "DE", "德國": "DE",
    "意大利": "IT", "西班牙": "ES", "葡萄牙": "PT", "荷兰": "NL", "比利时": "BE",
    "卢森堡": "LU", "瑞士": "CH", "奥地利": "AT", "瑞典": "SE", "挪威": "NO", "丹麦": "DK",
    "芬兰": "FI", "冰岛": "IS", "波兰": "PL", "捷克": "CZ", "斯洛伐克": "SK", "匈牙利": "HU",
    "罗马尼亚": "RO", "保加利亚": "BG", "希腊": "GR", "克罗地亚": "HR", "塞尔维亚": "RS",
    "斯洛文尼亚": "SI", "乌克兰": "UA", "俄罗斯": "RU", "白俄罗斯": "BY", "立陶宛": "LT",
    "拉脱维亚": "LV", "爱沙尼亚": "EE", "土耳其": "TR", "以色列": "IL", "沙特阿拉伯": "SA",
    "沙特": "SA", "阿联酋": "AE", "阿拉伯联合酋长国": "AE", "卡塔尔": "QA", "科威特": "KW",
    "阿曼": "OM", "巴林": "BH", "约旦": "JO", "黎巴嫩": "LB", "伊朗": "IR", "伊拉克": "IQ",
    "埃及": "EG", "摩洛哥": "MA", "阿尔及利亚": "DZ", "突尼斯": "TN", "尼日利亚": "NG",
    "加纳": "GH", "肯尼亚": "KE", "坦桑尼亚": "TZ", "埃塞俄比亚": "ET", "南非": "ZA",
    "安哥拉": "AO", "印度": "IN", "巴基斯坦": "PK", "孟加拉": "BD", "孟加拉国": "BD",
    "斯里兰卡": "LK", "尼泊尔": "NP", "日本": "JP", "韩国": "KR", "韓國": "KR",
    "越南": "VN", "泰国": "TH", "马来西亚": "MY", "新加坡": "SG", "印度尼西亚": "ID",
    "印尼": "ID", "菲律宾": "PH", "柬埔寨": "KH", "缅甸": "MM", "老挝": "LA",
    "哈萨克斯坦": "KZ", "乌兹别克斯坦": "UZ", "蒙古": "MN", "澳大利亚": "AU", "澳洲": "AU",
    "新西兰": "NZ", "中国": "CN", "中國": "CN", "香港": "HK", "中国香港": "HK",
    "台湾": "TW", "中国台湾": "TW", "澳门": "MO",
}
ENGLISH_ALIASES: dict[str, str] = {
    "usa": "US", "u.s.a.": "US", "u.s.": "US", "america": "US", "united states of america": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB", "england": "GB",
    "uae": "AE", "u.a.e.": "AE", "emirates": "AE", "korea": "KR", "south korea": "KR",
    "russia": "RU", "vietnam": "VN", "viet nam": "VN", "turkey": "TR", "türkiye": "TR",
    "holland": "NL", "the netherlands": "NL", "czech republic": "CZ", "czechia": "CZ",
    "ksa": "SA", "iran": "IR", "hong kong": "HK", "taiwan": "TW", "macau": "MO",
}
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _build_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for module_name, (class_name, alpha2, alpha3, *_) in COUNTRIES.items():
        for name in (module_name.replace("_", " "), _CAMEL.sub(" ", class_name), alpha2, alpha3):
            lookup.setdefault(normalize_label(name), alpha2)
    for name, code in {**ENGLISH_ALIASES, **CHINESE_NAMES}.items():
        lookup[normalize_label(name)] = code
    return lookup


COUNTRY_LOOKUP: dict[str, str] = _build_lookup()


def country_code(name: object) -> str | None:
    """ISO alpha-2 code for a country written in Chinese, English, alpha-2 or alpha-3."""
    if name is None:
        return None
    return COUNTRY_LOOKUP.get(normalize_label(name))


_SKIP_NAMES = re.compile(r"observed|substitute|alternative holiday|day off|补假|调休|休息日", re.I)


@lru_cache(maxsize=512)
def public_holidays(code: str, years: tuple[int, ...], lang: Lang
                    ) -> tuple[tuple[dt.date, str], ...]:
    """Sorted (date, name) of a country's public holidays, without observed-day duplicates.

    Names come in Chinese where the calendar has them, or from xltrade's own table of the
    main export markets' holidays (:mod:`xltrade.rules.holiday_names`), else in English.
    """
    probe = holiday_calendars.country_holidays(code, years=())
    supported = getattr(probe, "supported_languages", ())
    wanted = ("zh_CN", "en_US") if lang == "zh" else ("en_US",)
    language = next((x for x in wanted if x in supported), None)
    calendar = holiday_calendars.country_holidays(code, years=years, language=language)
    # A Chinese workbook gets Chinese names where the calendar has none of its own.
    named = ((day, chinese_name(name) if lang == "zh" and language != "zh_CN" else name)
             for day, name in calendar.items() if not _SKIP_NAMES.search(name))
    return tuple(sorted(named))


def country_name(code: str, lang: Lang) -> str:
    """A country's name in the workbook's language: 美国, United States."""
    if lang == "zh":
        found = next((name for name, c in CHINESE_NAMES.items() if c == code), None)
        if found:
            return found
    entry = next((v for v in COUNTRIES.values() if v[1] == code), None)
    return _CAMEL.sub(" ", entry[0]) if entry else code
