"""The Settings sheet (spec §7): its keys, defaults, and reading it back.

Reading is pure: it takes the sheet's rows as ``(row, label, value)`` and returns a
:class:`Settings` plus the data issues for bad values (whose defaults are used).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import holidays as holiday_calendars

from xltrade.rules.data_issues import DataIssue
from xltrade.rules.local_time import DEFAULT_ZONE, zone_named
from xltrade.rules.log import LOG_HEADER_LOOKUP
from xltrade.rules.normalize import normalize_label
from xltrade.rules.parsing import parse_count, parse_date
from xltrade.rules.setting_labels import ROW_ORDER, SETTING_LABELS, SETTING_LOOKUP
from xltrade.rules.texts import Lang, say
from xltrade.rules.vocabulary import (
    FIELD_ALIASES,
    FIELD_NAMES,
    GRADES,
    POOL_GRADES,
    STAGE_LOOKUP,
)
from xltrade.rules.weekdays import read_weekend, weekday_names

MAIL_METHODS = ("outlook", "eml", "smtp")
#: The largest value each number setting takes (the smallest is 1): a year between
#: follow-ups, ten years of silence or neglect, a hundred unanswered follow-ups.
BOUNDS = {"cadence": 365, "pool_days": 3650, "b_silence_days": 3650, "dormant_a_days": 3650,
          "unanswered_medium": 100, "unanswered_contact": 100, "unanswered_handover": 100}

_LIST_SPLIT = re.compile(r"[,，、;；\s]+")  # keeps 2026/1/2 and 2026-01-02 whole
_PASSWORD_LABEL = re.compile(r"password|passwd|pwd|密码|口令")
MASK = "******"
#: One plain address: no display name, no angle brackets, no comments or quotes.
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


def is_address(text: str) -> bool:
    """Whether ``text`` is one plain email address, the only form xltrade sends to."""
    return _EMAIL.fullmatch(text) is not None and len(text) <= 254


@dataclass(frozen=True)
class Settings:
    """Everything the rules can be told. Defaults are the spec's."""

    language: Lang | None = None
    customer_sheet: str | None = None
    cadence: dict[str, int] = field(
        default_factory=lambda: {"A": 14, "B": 7, "C": 21, "D": 28})
    #: Days without a follow-up before a B, C or D customer goes to the pool (公海, §9).
    pool_days: dict[str, int] = field(
        default_factory=lambda: {"B": 30, "C": 30, "D": 30})
    b_silence_days: int = 60
    dormant_a_days: int = 365
    unanswered_medium: int = 3
    unanswered_contact: int = 5
    unanswered_handover: int = 8
    weekend: tuple[int, ...] = (5, 6)
    #: The salespeople's zone: the buyer's working hours are shown in its time.
    time_zone: str = DEFAULT_ZONE
    holidays: frozenset[dt.date] = frozenset()
    stage_aliases: dict[str, str] = field(default_factory=dict)
    column_map: dict[str, str] = field(default_factory=dict)
    #: The team's own grade column is taken as the grade override.
    team_grade_wins: bool = False
    #: The follow-up log's fields under headers of the team's own (field -> header).
    log_column_map: dict[str, str] = field(default_factory=dict)
    manager_emails: tuple[str, ...] = ()
    email_subject: str = ""
    mail_method: str = "outlook"
    smtp_server: str = ""
    smtp_user: str = ""

    def weekmask(self) -> str:
        """numpy busday weekmask, Monday first: ``1111100`` for a Sat/Sun weekend."""
        return "".join("0" if day in self.weekend else "1" for day in range(7))


def default_holidays(today: dt.date) -> list[tuple[dt.date, str]]:
    """China's public holidays this year and next: the team's own days off."""
    return list(_china_holidays(today.year))


@functools.lru_cache(maxsize=4)
def _china_holidays(year: int) -> tuple[tuple[dt.date, str], ...]:
    # A run asks for them more than once (the defaults, then the Settings sheet it
    # writes), and the calendar loads its translations each time.
    calendar = holiday_calendars.country_holidays("CN", years=(year, year + 1),
                                                  language="zh_CN")
    return tuple(sorted(calendar.items()))


def default_settings(today: dt.date) -> Settings:
    """The settings a workbook without a Settings sheet runs with: exactly what the Settings
    sheet xltrade writes for it says, so the first run and every later one agree."""
    return Settings(holidays=frozenset(day for day, _ in default_holidays(today)))


def mapping_text(name: str, header: str, lang: Lang) -> str:
    """One column mapping as Settings shows it: ``最近跟进=最后跟进日期``."""
    zh, en = FIELD_NAMES[name]
    return f"{zh if lang == 'zh' else en}={header}"


def default_rows(lang: Lang, today: dt.date, mapping: Iterable[tuple[str, str]] = ()
                 ) -> list[tuple[str, object, str]]:
    """The rows a new Settings sheet gets: (label, value, note), in ``lang``; the column
    mapping one row per ``(field, header)`` recognised."""
    base = Settings()
    values: dict[str, object] = {
        "language": lang,
        "customer_sheet": "",
        **{f"cadence_{g}": base.cadence[g] for g in GRADES},
        **{f"pool_days_{g}": base.pool_days[g] for g in POOL_GRADES},
        "b_silence_days": base.b_silence_days,
        "dormant_a_days": base.dormant_a_days,
        "unanswered_medium": base.unanswered_medium,
        "unanswered_contact": base.unanswered_contact,
        "unanswered_handover": base.unanswered_handover,
        "weekend": weekday_names(base.weekend, lang),
        "time_zone": base.time_zone,
        "stage_alias": "",
        "team_grade": "否" if lang == "zh" else "no",
        "column_map": "",
        "log_column_map": "",
        "manager_email": "",
        "email_subject": say("mail.subject", lang),
        "mail_method": base.mail_method,
        "smtp_server": "",
        "smtp_user": "",
    }
    rows: list[tuple[str, object, str]] = []
    for key in ROW_ORDER:
        zh, en, note_zh, note_en = SETTING_LABELS[key]
        label, note = (zh, note_zh) if lang == "zh" else (en, note_en)
        if key == "holiday":
            for day, name in default_holidays(today):
                rows.append((label, day, name))
            continue
        if key == "column_map":
            texts = [mapping_text(f, h, lang) for f, h in mapping] or [""]
            rows.extend((label, text, note if i == 0 else "") for i, text in enumerate(texts))
            continue
        rows.append((label, values[key], note))
    return rows


class _Reader:
    """Collects values and issues while reading the Settings rows."""

    def __init__(self, sheet: str) -> None:
        self.sheet = sheet
        self.issues: list[DataIssue] = []
        self.where: dict[str, tuple[int, str]] = {}

    def bad(self, row: int, label: str, value: object, default: object) -> None:
        self.issues.append(DataIssue(self.sheet, row, label, value, "issue.bad_setting",
                                     {"default": default}))

    def mapping(self, row: int, label: str, value: object,
                code_of: Callable[[str], str | None], into: dict[str, str],
                at: dict[str, tuple[int, str]]) -> None:
        """``field=header`` pairs into ``into``; the whole value reported when a pair
        is malformed or names no field."""
        pairs = _pairs(str(value))
        codes = [(code_of(f), h) for f, h in pairs] if pairs else None
        if codes is None or any(code is None for code, _ in codes):
            self.bad(row, label, value, "-")
            return
        for code, header in codes:
            assert code is not None
            into[code] = header
            at[code] = (row, label)

    def positive(self, row: int, label: str, value: object, default: int,
                 high: int) -> int:
        number, problem = parse_count(value)
        if problem or not isinstance(number, int) or not 1 <= number <= high:
            self.issues.append(DataIssue(self.sheet, row, label, value, "issue.setting_range",
                                         {"low": 1, "high": high, "default": default}))
            return default
        return number


def _pairs(text: str) -> list[tuple[str, str]] | None:
    pairs = []
    for part in re.split(r"[;；\n]+", text):
        if not part.strip():
            continue
        left, sep, right = part.partition("=")
        if not sep:
            left, sep, right = part.partition("＝")
        if not sep or not left.strip() or not right.strip():
            return None
        pairs.append((left.strip(), right.strip()))
    return pairs


def _log_field_code(text: str) -> str | None:
    return LOG_HEADER_LOOKUP.get(normalize_label(text))


_FIELD_CODES: dict[str, str] = {
    **{normalize_label(alias): name for name, aliases in FIELD_ALIASES.items()
       for alias in aliases},
    **{normalize_label(n): name for name, names in FIELD_NAMES.items() for n in names},
    **{name: name for name in FIELD_NAMES},
}


def _field_code(text: str) -> str | None:
    return _FIELD_CODES.get(normalize_label(text))


def parse_mapping(text: str) -> dict[str, str] | None:
    """``field=header`` pairs (field by code or by name in either language), or
    ``None`` when a pair is malformed or names no field."""
    pairs = _pairs(text)
    if not pairs:
        return None
    codes = [(_field_code(f), h) for f, h in pairs]
    if any(code is None for code, _ in codes):
        return None
    return {code: header for code, header in codes if code is not None}


def read_settings(rows: Iterable[tuple[int, object, object]], sheet: str,
                  today: dt.date | None = None) -> tuple[Settings, list[DataIssue]]:
    """Build :class:`Settings` from ``(row, label, value)`` rows of the Settings sheet.

    Unknown labels are reported; a bad value is reported and its default kept. With
    ``today``, a sheet with no holiday row at all gets the default holidays, as every
    other missing setting gets its default; a holiday row left blank means none.
    """
    reader = _Reader(sheet)
    base = Settings()
    kw: dict[str, object] = {}
    cadence = dict(base.cadence)
    pool_days = dict(base.pool_days)
    holiday_set: set[dt.date] = set()
    stage_aliases: dict[str, str] = {}
    column_map: dict[str, str] = {}
    log_map: dict[str, str] = {}
    log_mapped_at: dict[str, tuple[int, str]] = {}
    mapped_at: dict[str, tuple[int, str]] = {}
    emails: list[str] = []
    for row, raw_label, value in rows:
        if raw_label is None or not str(raw_label).strip():
            continue
        label = str(raw_label).strip()
        key = SETTING_LOOKUP.get(normalize_label(label))
        if _PASSWORD_LABEL.search(normalize_label(label)):
            # Never echoed: not in the report, the mail or the terminal.
            shown = MASK if value not in (None, "") else None
            reader.issues.append(DataIssue(sheet, row, label, shown,
                                           "issue.password_in_settings"))
            continue
        if key is None:
            reader.issues.append(DataIssue(sheet, row, label, value, "issue.unknown_setting"))
            continue
        reader.where[key] = (row, label)
        blank = value is None or (isinstance(value, str) and not value.strip())
        if blank:
            continue
        text = str(value).strip()
        if key == "language":
            lang = normalize_label(text)
            mapped = {"zh": "zh", "中文": "zh", "chinese": "zh", "en": "en", "english": "en",
                      "英文": "en", "auto": None, "自动": None}
            if lang in mapped:
                kw["language"] = mapped[lang]
            else:
                reader.bad(row, label, value, "auto")
        elif key == "customer_sheet":
            kw["customer_sheet"] = text
        elif key.startswith("cadence_"):
            grade = key[-1]
            cadence[grade] = reader.positive(row, label, value, base.cadence[grade],
                                             BOUNDS["cadence"])
        elif key.startswith("pool_days_"):
            grade = key[-1]
            pool_days[grade] = reader.positive(row, label, value, base.pool_days[grade],
                                               BOUNDS["pool_days"])
        elif key in BOUNDS:
            kw[key] = reader.positive(row, label, value, getattr(base, key), BOUNDS[key])
        elif key == "weekend":
            days = read_weekend(text)
            if days is None:
                reader.bad(row, label, value, weekday_names(base.weekend, "en"))
            else:
                kw["weekend"] = days
        elif key == "time_zone":
            zone = zone_named(text)
            if zone is None:
                reader.bad(row, label, value, base.time_zone)
            else:
                kw["time_zone"] = zone
        elif key == "holiday":
            for part in _LIST_SPLIT.split(text) if isinstance(value, str) else [value]:
                if part == "":
                    continue
                day, problem = parse_date(part)
                if problem or not isinstance(day, dt.date):
                    reader.bad(row, label, part, "-")
                else:
                    holiday_set.add(day)
        elif key == "stage_alias":
            pairs = _pairs(text)
            if pairs is None or any(normalize_label(s) not in STAGE_LOOKUP for _, s in pairs):
                reader.bad(row, label, value, "-")
            else:
                for alias, stage in pairs:
                    stage_aliases[normalize_label(alias)] = STAGE_LOOKUP[normalize_label(stage)]
        elif key == "team_grade":
            answer = normalize_label(text)
            if answer in ("是", "yes", "y", "true", "1", "否", "no", "n", "false", "0"):
                kw["team_grade_wins"] = answer in ("是", "yes", "y", "true", "1")
            else:
                reader.bad(row, label, value, "否/no")
        elif key == "column_map":
            reader.mapping(row, label, value, _field_code, column_map, mapped_at)
        elif key == "log_column_map":
            reader.mapping(row, label, value, _log_field_code, log_map, log_mapped_at)
        elif key == "manager_email":
            addresses = [a for a in _LIST_SPLIT.split(text) if a]
            if not all(is_address(a) for a in addresses):
                reader.bad(row, label, value, "-")
            else:
                emails.extend(addresses)
        elif key == "email_subject":
            kw["email_subject"] = text
        elif key == "smtp_server":
            if re.fullmatch(r"[A-Za-z0-9.-]+(:\d{1,5})?", text):
                kw["smtp_server"] = text
            else:
                reader.bad(row, label, value, "-")
        elif key == "smtp_user":
            kw["smtp_user"] = text
        elif key == "mail_method":
            method = normalize_label(text)
            if method in MAIL_METHODS:
                kw["mail_method"] = method
            else:
                reader.bad(row, label, value, base.mail_method)
    _check_thresholds(kw, base, reader)
    _drop_clashes(column_map, mapped_at, reader)
    _drop_clashes(log_map, log_mapped_at, reader)
    if "holiday" not in reader.where and today is not None:
        holiday_set = set(default_settings(today).holidays)
    settings = Settings(cadence=cadence, pool_days=pool_days, holidays=frozenset(holiday_set),
                        stage_aliases=stage_aliases, column_map=column_map, log_column_map=log_map,
                        manager_emails=tuple(emails), **kw)  # type: ignore[arg-type]
    return settings, reader.issues


THRESHOLDS = ("unanswered_medium", "unanswered_contact", "unanswered_handover")


def _drop_clashes(column_map: dict[str, str], mapped_at: dict[str, tuple[int, str]],
                  reader: _Reader) -> None:
    """Two fields mapped to one column: neither is trusted, and both are reported."""
    by_header: dict[str, list[str]] = {}
    for code, header in column_map.items():
        by_header.setdefault(normalize_label(header), []).append(code)
    for codes in by_header.values():
        if len(codes) < 2:
            continue
        for code in codes:
            row, label = mapped_at[code]
            header = column_map.pop(code)
            reader.issues.append(DataIssue(reader.sheet, row, label, f"{code}={header}",
                                           "issue.mapping_clash", {"header": header}))


def _check_thresholds(kw: dict[str, object], base: Settings, reader: _Reader) -> None:
    """The three unanswered thresholds must rise; otherwise the ones set fall back."""
    levels = [int(kw.get(k, getattr(base, k))) for k in THRESHOLDS]  # type: ignore[call-overload]
    if levels[0] < levels[1] < levels[2]:
        return
    for k in THRESHOLDS:
        if k in kw:
            row, label = reader.where[k]
            reader.bad(row, label, kw.pop(k), getattr(base, k))
