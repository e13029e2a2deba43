"""Recognising the customer sheet's columns by meaning (spec §2.1).

A header is normalised (:func:`~xltrade.rules.normalize.fold`: NFKC, simplified
characters, snake/camel case), its brackets and units set aside, and read as the
concepts that carry meaning (:mod:`xltrade.rules.header_words`). Each field it could
be gets a tier: 4 for one of the spec's own names, 3 for a clear reading, 1-2 for a
weak one. The column's values then weigh in (a column of dates is not the company),
and the columns are matched to fields one to one. Where two columns could be one
field that changes grades or dates, or one header two such fields, nothing is
guessed: the recognition says so, and the run reports it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from xltrade.rules.header_words import RECIPES, WORDS
from xltrade.rules.lexicon import Lexicon, Reading
from xltrade.rules.normalize import fold, normalize_label
from xltrade.rules.parsing import parse_count, parse_date, parse_grade
from xltrade.rules.stages import read_buyer_type, read_stage
from xltrade.rules.vocabulary import FIELD_ALIASES, TEAM_GRADE_ALIASES

#: Fields whose absence or misreading changes a grade or a date (spec §2.1).
DECISIVE: tuple[str, ...] = ("company", "stage", "first_contact", "last_contact", "last_reply",
                             "orders", "last_order", "planned", "inquiry_type",
                             "grade_override")
DATE_LIKE = ("first_contact", "last_contact", "last_reply", "last_order", "planned")
COUNT_LIKE = ("orders", "followups", "unanswered")
#: When tiers are equal, the field listed first is preferred.
FIELD_ORDER: tuple[str, ...] = (
    "company", "last_contact", "last_reply", "first_contact", "last_order", "planned",
    "stage", "orders", "followups", "unanswered", "inquiry_type", "grade_override",
    "team_grade", "owner", "country", "email", "phone", "contact", "source", "medium",
    "notes", "id", "buyer_style", "time_zone", "city")
EXACT = 4
SAMPLE_ROWS = 100
_MIN_EVIDENCE = 3
_BRACKETS = re.compile(r"[(\[{<【〔《]([^)\]}>】〕》]*)[)\]}>】〕》]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_LATIN = re.compile(r"[a-z][a-z0-9 #@.'-]*")
_LEXICON = Lexicon(WORDS)
_PHONE = re.compile(r"^\+?[\d\s().\-/]{7,24}$")
_COMPANY_WORDS = re.compile(
    r"\b(?:ltd|llc|l\.l\.c|inc|co|corp|gmbh|s\.?a|s\.?r\.?l|pty|pvt|trading|import|export|"
    r"group|industr\w*|company|limited|bv|ag|oy|ab|sp\.?\s*z)\b|公司|集团|商行|工厂|贸易",
    re.I)


def _exact_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for name, aliases in (*FIELD_ALIASES.items(), ("team_grade", TEAM_GRADE_ALIASES)):
        for alias in aliases:
            table.setdefault(fold(alias), name)
    return table


_EXACT = _exact_table()


def _apply(reading: Reading) -> dict[str, float]:
    concepts = set(reading.concepts)
    if not concepts or "BLOCK" in concepts:
        return {}
    penalty = 1 if reading.unknown_words or len(reading.unknown_chars) >= 2 else 0
    only_time = "TIME" in concepts and "DATE" not in concepts
    found: dict[str, float] = {}
    for recipe in RECIPES:
        if not all(group & concepts for group in recipe.needs):
            continue
        allowed = recipe.may.union(*recipe.needs)
        if not concepts <= allowed:
            continue
        half = 0.5 if only_time and recipe.field in DATE_LIKE and recipe.tier >= 1 else 0
        tier = recipe.tier - penalty - half
        if tier >= 0 and tier > found.get(recipe.field, -1):
            found[recipe.field] = tier
    return found


def _parts(text: str) -> tuple[str, list[str]]:
    """The header without bracketed asides, and the asides: 客户名称（全称）, 次数(次)."""
    inside = [m.group(1) for m in _BRACKETS.finditer(text) if m.group(1).strip()]
    outside = _BRACKETS.sub(" ", text).strip(" :*：-/|")
    return outside, inside


@lru_cache(maxsize=8192)
def read_header(text: str) -> dict[str, float]:
    """The fields a header could name, each with its tier (4 the spec's own name, 3
    clear, 1-2 weak, 0 only with the column's values to back it).

    >>> read_header("最後跟進日期")
    {'last_contact': 3}
    >>> read_header("Last Name")
    {'contact': 1}
    """
    folded = fold(text)
    if not folded:
        return {}
    outside, inside = _parts(folded)
    for candidate in (outside, *inside):
        found = _read(candidate.strip("*"), _LEXICON.read(candidate)) or _bilingual(candidate)
        if found:
            return found
    return {}


def _read(text: str, reading: Reading) -> dict[str, float]:
    """One of the spec's own names, else what the words say."""
    key = normalize_label(text)
    return {_EXACT[key]: float(EXACT)} if key in _EXACT else _apply(reading)


def _bilingual(text: str) -> dict[str, float]:
    """``客户名称 Company``, ``最后跟进 Last follow-up``: each language read alone, and
    taken when they agree or only one of them says something."""
    cjk = " ".join(_CJK.findall(text))
    latin = " ".join(_LATIN.findall(text))
    if not cjk or not latin:
        return {}
    readings: list[dict[str, float]] = []
    for part in (cjk, latin):
        reading = _LEXICON.read(part)
        if "BLOCK" in reading.concepts:
            return {}  # QQ号, 微信 ID: about something else, whatever the other part says
        readings.append(_read(part, reading))
    first, second = readings
    if first and second:
        best_first = max(first, key=first.__getitem__)
        return first if best_first in second else {}
    return first or second


@dataclass(frozen=True)
class Profile:
    """What a column's values look like: shares of the filled cells (of a sample)."""

    filled: int = 0
    dates: float = 0.0
    future: float = 0.0
    counts: float = 0.0
    emails: float = 0.0
    phones: float = 0.0
    stages: float = 0.0
    buyer_types: float = 0.0
    media: float = 0.0
    grades: float = 0.0
    companies: float = 0.0


def profile(values: Sequence[object], today: dt.date, media: Mapping[str, str]) -> Profile:
    """The :class:`Profile` of up to :data:`SAMPLE_ROWS` filled cells."""
    sample = [v for v in values if v is not None and str(v).strip()][:SAMPLE_ROWS]
    n = len(sample)
    if not n:
        return Profile()
    dates = future = counts = emails = phones = grades = companies = 0
    texts: list[str] = []
    for value in sample:
        text = str(value).strip()
        texts.append(text)
        day, problem = parse_date(value, today=today)
        if problem is None and isinstance(day, dt.date) and not _is_count_like(value):
            dates += 1
            future += day > today
            continue
        if problem == "issue.ambiguous_date":
            dates += 1
            continue
        if parse_count(value)[1] is None:
            counts += 1
        emails += "@" in text and "." in text.rpartition("@")[2]
        phones += bool(_PHONE.match(text)) and sum(ch.isdigit() for ch in text) >= 7
        grades += parse_grade(value)[1] is None
        companies += bool(_COMPANY_WORDS.search(text))
    distinct = list(dict.fromkeys(texts))
    stages = sum(read_stage(t) is not None for t in distinct) / len(distinct)
    buyers = sum(read_buyer_type(t) is not None for t in distinct) / len(distinct)
    known_media = sum(normalize_label(t) in media for t in distinct) / len(distinct)
    return Profile(n, dates / n, future / max(dates, 1), counts / n, emails / n, phones / n,
                   stages, buyers, known_media, grades / n, companies / n)


def _is_count_like(value: object) -> bool:
    """Small whole numbers are counts, not days of 1900."""
    return isinstance(value, int | float) and not isinstance(value, bool) and value < 20000


def _by_values(evidence: Profile) -> dict[str, float]:
    """Fields a header that says nothing can still be, when its values leave no doubt:
    邮件/电话/WhatsApp are media, addresses with @ are emails. Never a field that
    changes grades or dates: those are pointed out instead."""
    if evidence.filled < _MIN_EVIDENCE:
        return {}
    if evidence.media >= 0.6:
        return {"medium": 1}
    if evidence.emails >= 0.8:
        return {"email": 1}
    if evidence.phones >= 0.8:
        return {"phone": 1}
    return {}


def weigh(name: str, tier: float, evidence: Profile) -> float:
    """The tier of ``name`` for a column once its values are looked at; below 1 means
    the values say it is not that field."""
    if evidence.filled < _MIN_EVIDENCE:
        return tier
    if name in DATE_LIKE:
        if evidence.dates < 0.5:
            return -1
        if name == "planned" and evidence.future >= 0.2:
            return tier + 2
        if name != "planned" and evidence.future > 0.5:
            return -1
        if name == "last_contact" and tier == 0 and evidence.future <= 0.2:
            return 1  # 跟进日期, Contact Date: the dates are past, so it is the last one
    elif name in COUNT_LIKE:
        if evidence.counts < 0.5 or evidence.dates > 0.5:
            return -1
        if tier == 0 and evidence.counts >= 0.8:
            return 1
    elif name in ("company", "contact"):
        # A header that says exactly 客户名称 / Company is read as the team wrote it,
        # whatever was typed under it (it is their column of names, however odd).
        if name == "company" and tier >= 4:
            return tier
        if evidence.dates + evidence.counts + evidence.emails > 0.5:
            return -1
        if name == "company" and tier < 3 and evidence.companies >= 0.2:
            return tier + 1
    elif name == "email":
        return tier if evidence.emails >= 0.3 else -1
    elif name == "phone":
        return tier if evidence.phones >= 0.3 else -1
    elif name == "medium":
        return tier if evidence.media >= 0.3 else -1
    elif name == "source":
        return -1 if evidence.media >= 0.5 else tier
    elif name == "stage":
        return tier if evidence.stages >= 0.2 else -1
    elif name == "inquiry_type":
        if evidence.buyer_types < 0.2:
            return -1
        return max(tier, 2) if evidence.buyer_types >= 0.5 else tier
    elif name == "team_grade":
        return 3 if evidence.grades >= 0.6 else tier
    elif name == "notes":
        return -1 if evidence.dates > 0.8 else tier
    return tier


@dataclass
class Recognition:
    """Columns (1-based) matched to fields, and what could not be decided."""

    columns: dict[str, int] = field(default_factory=dict)
    #: Decisive fields that two or more columns could be: field -> columns.
    ambiguous: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: Columns whose header could be two decisive fields: column -> fields.
    two_fields: dict[int, tuple[str, ...]] = field(default_factory=dict)
    #: Columns the values ruled out for what their header says: column -> field.
    vetoed: dict[int, str] = field(default_factory=dict)
    #: Columns left unread that look like a missing field (their values, or a word of
    #: their header): column -> the field they may be.
    lookalikes: dict[int, str] = field(default_factory=dict)


def recognise(headers: Mapping[int, str], values: Mapping[int, Sequence[object]],
              today: dt.date, media: Mapping[str, str], fixed: Mapping[str, int],
              skip: frozenset[int] = frozenset()) -> Recognition:
    """Match the columns ``headers`` (column -> text) to fields. ``values`` gives each
    column's cells below the header; ``fixed`` are the columns the Settings mapping
    names (they always win); ``skip`` are columns that are xltrade's own."""
    out = Recognition(columns=dict(fixed))
    taken = set(fixed.values()) | set(skip)
    profiles: dict[int, Profile] = {}

    def evidence_of(column: int) -> Profile:
        if column not in profiles:
            profiles[column] = profile(values.get(column, ()), today, media)
        return profiles[column]

    edges: list[tuple[float, int, int, str]] = []
    for column, text in headers.items():
        if column in taken:
            continue
        readings = read_header(text)
        evidence = evidence_of(column)
        if not readings:
            readings = _by_values(evidence)
        for name, tier in readings.items():
            if name in out.columns:
                continue
            weighed = weigh(name, tier, evidence)
            if weighed >= 1:
                edges.append((weighed, FIELD_ORDER.index(name), column, name))
            elif tier >= 1:
                out.vetoed.setdefault(column, name)
    edges.sort(key=lambda e: (-e[0], e[1], e[2]))
    blocked: set[str] = set()
    for tier, _, column, name in edges:
        if name in out.columns or name in blocked or column in taken:
            continue
        rivals = tuple(c for t, _, c, n in edges
                       if t == tier and n == name and c != column and c not in taken)
        other = tuple(n for t, _, c, n in edges
                      if t == tier and c == column and n != name and n not in out.columns
                      and n not in blocked)
        if rivals and name in DECISIVE and name != "company":
            out.ambiguous[name] = (column, *rivals)
            blocked.add(name)
            continue
        if other and name in DECISIVE and any(n in DECISIVE for n in other):
            out.two_fields[column] = (name, *other)
            taken.add(column)
            continue
        if rivals and name == "company":
            out.ambiguous[name] = (column, *rivals)
        out.columns[name] = column
        taken.add(column)
    for column in list(out.vetoed):
        if column in taken:
            del out.vetoed[column]
    out.lookalikes = _lookalikes(headers, evidence_of, out, taken)
    return out


#: Fields whose absence is said on every run (spec §2.1).
NEVER_SILENT: tuple[str, ...] = ("company", "stage", "first_contact", "last_contact",
                                 "last_reply", "orders", "last_order")
_LIKELY_DATES = ("last_contact", "first_contact", "last_reply", "last_order")
#: A missing date field a header's words point to, most telling first.
_DATE_HINTS = (("REPLY", "last_reply"), ("ORDER", "last_order"), ("FIRST", "first_contact"),
               ("CREATED", "first_contact"), ("INQUIRY", "first_contact"),
               ("NEXT", "planned"), ("FOLLOW", "last_contact"), ("CONTACT", "last_contact"),
               ("LAST", "last_contact"))


def _lookalikes(headers: Mapping[int, str], evidence_of: Callable[[int], Profile],
                out: Recognition, taken: set[int]) -> dict[int, str]:
    missing = [f for f in NEVER_SILENT if f not in out.columns]
    if not missing:
        return {}
    found: dict[int, str] = {}
    unhinted: list[int] = []
    for column, text in headers.items():
        if column in taken or column in out.two_fields:
            continue
        if column in out.vetoed and out.vetoed[column] in missing:
            found[column] = out.vetoed[column]
            continue
        evidence = evidence_of(column)
        if evidence.filled < _MIN_EVIDENCE:
            continue
        concepts = set(_LEXICON.read(fold(text)).concepts)
        if evidence.dates >= 0.6 and evidence.future <= 0.5:
            hinted = [f for c, f in _DATE_HINTS if c in concepts and f in missing]
            if hinted:
                found[column] = hinted[0]
            else:
                unhinted.append(column)
        elif "stage" in missing and evidence.stages >= 0.3:
            found[column] = "stage"
        elif "orders" in missing and "ORDER" in concepts and evidence.counts >= 0.6:
            found[column] = "orders"
    # Dates under headers that say nothing: the likeliest missing field first, one each.
    free = [f for f in _LIKELY_DATES if f in missing and f not in found.values()]
    for column, name in zip(unhinted, free, strict=False):
        found[column] = name
    return found


def header_score(cells: Sequence[object], fixed: Mapping[str, str]) -> tuple[int, bool]:
    """How much a row looks like the header row: columns read as some field with a tier
    of 2 or more, and whether one could be the company (or is mapped to it)."""
    wanted = {normalize_label(h): f for f, h in fixed.items()}
    score, company = 0, False
    filled = [c for c in cells if c is not None and str(c).strip()]
    if len(filled) == 1 and normalize_label(filled[0]) not in wanted and \
            read_header(str(filled[0])).get("company") != EXACT:
        return 0, False  # a title above the table, not a header row
    for cell in cells:
        if cell is None or not str(cell).strip():
            continue
        mapped = wanted.get(normalize_label(cell))
        readings: dict[str, float] = {mapped: EXACT} if mapped else read_header(str(cell))
        if any(t >= 2 for t in readings.values()):
            score += 1
        company = company or readings.get("company", 0) >= 1
    return score, company
