"""The buyer's local time: their working hours on the follow-up day, in the
salesperson's time (客户当地时间; the practice texts: reply in the buyer's hours).

Zones come from the tz database (``zoneinfo``, with the ``tzdata`` package where the
system has none: Windows, Pyodide), never from a table of offsets, so daylight saving
is right on the day itself. A buyer's zone is, first that applies: the row's time zone
cell (a zone name such as America/Chicago, a city, or a region word such as 美西); the
row's city, when it is in one of the country's zones; the country's main zone. A
country whose zones differ on the day (the US, Australia, Brazil ...) says so, naming
the zone assumed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from xltrade.rules.normalize import fold
from xltrade.rules.texts import Lang, say

#: The buyer's working day, in their own time: when a mail is read and a call taken.
WORK_START, WORK_END = dt.time(9, 0), dt.time(17, 0)
DEFAULT_ZONE = "Asia/Shanghai"
#: The zone a country with several is taken at when the row names none: where most of
#: its business is. Other countries: the first zone the tz database lists for them.
MAIN_ZONE: dict[str, str] = {
    "CA": "America/Toronto", "AU": "Australia/Sydney", "BR": "America/Sao_Paulo",
    "RU": "Europe/Moscow", "UA": "Europe/Kyiv",
}
#: Chinese names of the zones' cities teams write, and the zones of big cities that
#: are not zone names themselves (Houston keeps Chicago's time).
CITY_ZONES: dict[str, str] = {
    "纽约": "America/New_York", "华盛顿": "America/New_York", "波士顿": "America/New_York",
    "迈阿密": "America/New_York", "亚特兰大": "America/New_York", "费城": "America/New_York",
    "芝加哥": "America/Chicago", "休斯顿": "America/Chicago", "达拉斯": "America/Chicago",
    "丹佛": "America/Denver", "凤凰城": "America/Phoenix", "洛杉矶": "America/Los_Angeles",
    "旧金山": "America/Los_Angeles", "西雅图": "America/Los_Angeles",
    "圣地亚哥": "America/Los_Angeles", "拉斯维加斯": "America/Los_Angeles",
    "多伦多": "America/Toronto", "蒙特利尔": "America/Toronto", "温哥华": "America/Vancouver",
    "卡尔加里": "America/Edmonton", "悉尼": "Australia/Sydney", "墨尔本": "Australia/Melbourne",
    "布里斯班": "Australia/Brisbane", "珀斯": "Australia/Perth", "阿德莱德": "Australia/Adelaide",
    "圣保罗": "America/Sao_Paulo", "里约热内卢": "America/Sao_Paulo", "马瑙斯": "America/Manaus",
    "莫斯科": "Europe/Moscow", "圣彼得堡": "Europe/Moscow", "新西伯利亚": "Asia/Novosibirsk",
    "海参崴": "Asia/Vladivostok", "符拉迪沃斯托克": "Asia/Vladivostok",
    "墨西哥城": "America/Mexico_City", "蒙特雷": "America/Monterrey", "坎昆": "America/Cancun",
    "雅加达": "Asia/Jakarta", "泗水": "Asia/Jakarta", "巴厘岛": "Asia/Makassar",
    "houston": "America/Chicago", "dallas": "America/Chicago", "san antonio": "America/Chicago",
    "austin": "America/Chicago", "miami": "America/New_York", "atlanta": "America/New_York",
    "boston": "America/New_York", "washington": "America/New_York",
    "philadelphia": "America/New_York", "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles", "san diego": "America/Los_Angeles",
    "las vegas": "America/Los_Angeles", "montreal": "America/Toronto", "ottawa": "America/Toronto",
    "calgary": "America/Edmonton", "rio de janeiro": "America/Sao_Paulo",
    "saint petersburg": "Europe/Moscow", "st petersburg": "Europe/Moscow",
    "surabaya": "Asia/Jakarta", "bali": "Asia/Makassar", "guadalajara": "America/Mexico_City",
}
#: Region words for a time zone cell: 美西 is the US Pacific time.
REGION_ZONES: dict[str, str] = {
    "美东": "America/New_York", "美国东部": "America/New_York", "eastern": "America/New_York",
    "美中": "America/Chicago", "美国中部": "America/Chicago", "central": "America/Chicago",
    "美国山地": "America/Denver", "mountain": "America/Denver",
    "美西": "America/Los_Angeles", "美国西部": "America/Los_Angeles",
    "pacific": "America/Los_Angeles", "澳东": "Australia/Sydney", "澳西": "Australia/Perth",
    "北京时间": "Asia/Shanghai",
}
#: Chinese names of the zones the texts name (the salesperson's, an assumed one).
ZONE_NAMES_ZH: dict[str, str] = {
    **{zone: city for city, zone in CITY_ZONES.items() if not city.isascii()},
    "Asia/Shanghai": "北京", "America/New_York": "纽约", "America/Chicago": "芝加哥",
    "America/Los_Angeles": "洛杉矶", "America/Toronto": "多伦多", "Australia/Sydney": "悉尼",
    "America/Sao_Paulo": "圣保罗", "Europe/Moscow": "莫斯科", "Europe/Kyiv": "基辅",
    "America/Mexico_City": "墨西哥城", "Asia/Jakarta": "雅加达", "Asia/Almaty": "阿拉木图",
    "America/Santiago": "圣地亚哥", "Europe/Madrid": "马德里", "Europe/Lisbon": "里斯本",
    "Europe/London": "伦敦", "Europe/Berlin": "柏林", "Europe/Paris": "巴黎",
    "Asia/Dubai": "迪拜", "Asia/Kolkata": "新德里", "Asia/Tokyo": "东京", "Asia/Seoul": "首尔",
    "Pacific/Auckland": "奥克兰", "Asia/Kuala_Lumpur": "吉隆坡", "Asia/Hong_Kong": "香港",
}


@lru_cache(maxsize=1)
def country_zones() -> dict[str, tuple[str, ...]]:
    """Country code -> its zones, as the tz database's ``zone.tab`` lists them."""
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    zones: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, _, zone, *_ = line.split("\t")
        zones.setdefault(code, []).append(zone)
    return {code: tuple(found) for code, found in zones.items()}


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Every way a zone is named in a cell: its full name, its city (New York,
    new_york), the Chinese and extra cities, the region words; folded."""
    names: dict[str, str] = {}
    for zones in country_zones().values():
        for zone in zones:
            names.setdefault(fold(zone), zone)
            city = zone.rsplit("/", 1)[-1].replace("_", " ")
            names.setdefault(fold(city), zone)
    for table in (CITY_ZONES, REGION_ZONES):
        for name, zone in table.items():
            names[fold(name)] = zone
    return names


@lru_cache(maxsize=512)
def zone_named(text: str) -> str | None:
    """The zone a time zone or city cell names, or ``None``: America/Chicago,
    Chicago, 芝加哥, 美中."""
    folded = fold(text).strip()
    if not folded:
        return None
    found = _names().get(folded) or _names().get(folded.replace(" ", "_"))
    if found:
        return found
    try:  # a zone the tables do not list by city: Etc/GMT+5 is refused below
        ZoneInfo(text.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return text.strip() if "/" in text and not text.strip().startswith("Etc/") else None


def main_zone(code: str) -> str | None:
    """The zone a country is taken at when the row names none."""
    zones = country_zones().get(code)
    if not zones:
        return None
    return MAIN_ZONE.get(code, zones[0])


@cache
def _zone(name: str) -> ZoneInfo:
    # ZoneInfo keeps only a few zones at hand; a country such as the US has 29.
    return ZoneInfo(name)


@lru_cache(maxsize=4096)
def several_zones(code: str, day: dt.date) -> bool:
    """Whether the country's zones keep different times on ``day``."""
    noon = dt.datetime.combine(day, dt.time(12))
    offsets = {_zone(z).utcoffset(noon) for z in country_zones().get(code, ())}
    return len(offsets) > 1


@dataclass(frozen=True)
class BuyerZone:
    """A buyer's zone, and the country it was assumed for when the row named none and
    the country has several."""

    zone: str
    assumed_for: str | None = None


def buyer_zone(code: str | None, zone_cell: str | None, city: str | None) -> BuyerZone | None:
    """The buyer's zone from the row (see the module's order); ``None`` when neither a
    zone cell nor the country tells it. ``zone_cell`` is already checked readable."""
    if zone_cell:
        found = zone_named(zone_cell)
        if found:
            return BuyerZone(found)
    if code is None:
        return None
    zones = country_zones().get(code, ())
    if city:
        found = zone_named(city)
        if found in zones:
            return BuyerZone(found)
    main = main_zone(code)
    if main is None:
        return None
    return BuyerZone(main, code if len(zones) > 1 else None)


@dataclass(frozen=True)
class Window:
    """The buyer's working hours on a day, in the salesperson's zone."""

    day: dt.date
    start: dt.datetime
    end: dt.datetime


def window(day: dt.date, buyer: str, ours: str) -> Window | None:
    """The buyer's working hours on ``day`` (their date) in our zone; ``None`` when both
    zones keep the same time that day (nothing to convert)."""
    theirs, here = _zone(buyer), _zone(ours)
    start = dt.datetime.combine(day, WORK_START, tzinfo=theirs)
    if start.utcoffset() == start.astimezone(here).utcoffset():
        return None
    end = dt.datetime.combine(day, WORK_END, tzinfo=theirs)
    return Window(day, start.astimezone(here), end.astimezone(here))


def zone_label(zone: str, lang: Lang) -> str:
    """A zone as the texts name it: 北京, 纽约 (Chinese where known), Beijing, New York."""
    if lang == "zh" and zone in ZONE_NAMES_ZH:
        return ZONE_NAMES_ZH[zone]
    if zone == DEFAULT_ZONE:
        return "Beijing"
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def _clock(moment: dt.datetime | dt.time, day: dt.date | None, lang: Lang) -> str:
    """``21:00``, or ``次日 5:00`` when ``moment`` falls on the day after ``day``."""
    text = f"{moment.hour}:{moment.minute:02d}"
    if isinstance(moment, dt.datetime) and day is not None and moment.date() != day:
        key = "local.next_day" if moment.date() > day else "local.previous_day"
        text = say(key, lang, time=text)
    return text


def window_text(found: Window, zone: BuyerZone, ours: str, lang: Lang,
                country: object = None, note: bool = True) -> str:
    """对方 9:00–17:00 = 北京 21:00–次日 5:00, with (``note``) the zone assumed when the
    country has several."""
    day = found.day
    text = say("local.window", lang, start=_clock(WORK_START, None, lang),
               end=_clock(WORK_END, None, lang), here=zone_label(ours, lang),
               our_start=_clock(found.start, day, lang), our_end=_clock(found.end, day, lang))
    if note and zone.assumed_for and several_zones(zone.assumed_for, day):
        text += say("local.several", lang, country=country or "", zone=zone_label(zone.zone, lang))
    return text
