"""One buyer however a sheet writes it: keys from a company name (legal forms, case,
punctuation and full-width forms aside), an email address (its company's domain, never
a free-mail one) and a phone number (national and international forms of one number
are one key). Used to find 撞单 (:mod:`xltrade.rules.conflicts`) and the same
customer in two files.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import pandas as pd
import phonenumbers

from xltrade.rules.cells import plain
from xltrade.rules.countries import country_code
from xltrade.rules.parsing import parse_text


# Word lists read best as text: forms one per comma ("co, sa de cv"), domains by spaces.
def _listed(text: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(form.split()) for form in text.split(","))


def _one_word(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- Company names -----------------------------------------------------------------

#: Legal forms dropped from the end of a name, again and again ("Co., Ltd." is two),
#: written as the words left after normalising: initials lose their dots ("S.A." is
#: "sa") and accents go ("A.Ş." is "as"). Only legal forms: descriptive words such as
#: Trading, Industries, Group or Holdings stay, since dropping them makes different
#: buyers one ("Global Trading" and "Global Trade Partners" must stay apart).
LEGAL_SUFFIXES = _listed(
    # English-speaking markets, Hong Kong, Singapore, Malaysia, India.
    "llc, ltd, limited, co, company, corp, corporation, inc, incorporated, plc, llp, pllc, "
    "pty, pte, pvt, private limited, sdn bhd, bhd, and co, and company, public company limited, "
    "public limited company, pcl, "
    # Europe.
    "a s, gmbh, gesellschaft mit beschrankter haftung, aktiengesellschaft, se, "
    "ag, kg, sa, sas, sarl, eurl, srl, spa, sl, slu, bv, nv, bvba, ab, as, asa, aps, "
    "oy, oyj, sp z oo, sro, kft, doo, "
    # Latin America.
    "sa de cv, sab de cv, sab, ltda, eireli, sac, "
    # Russia and its neighbours (Latin and Cyrillic spellings), Turkey, the Gulf free zones.
    "jsc, ojsc, pjsc, cjsc, ooo, ооо, зао, оао, пао, sti, fze, fzco, fzc, fz llc, "
    # Japan, Korea, Indonesia: (株) and (주) as written after a name.
    "kk, kabushiki kaisha, tbk, 株, 주")
#: Legal forms written before the name: PT Astra, ООО "Ромашка", (株)トヨタ.
LEGAL_PREFIXES = _listed("the, pt, cv, ooo, ооо, зао, оао, пао, 株, 주")
_LONGEST_FORM = max(map(len, LEGAL_SUFFIXES | LEGAL_PREFIXES))
#: Chinese, Japanese and Korean legal forms, written without a space before them, so
#: matched as the end (or start) of a word; longest first. City prefixes (深圳市) stay:
#: two firms of one name in two cities are two buyers.
CJK_SUFFIXES: tuple[str, ...] = (
    "股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "公司",
    "株式会社", "有限会社", "合同会社", "주식회사", "유한회사",
)
CJK_PREFIXES: tuple[str, ...] = ("株式会社", "有限会社", "주식회사")
#: Shorter keys say too little to call two rows one buyer.
MIN_NAME_LENGTH = 2

#: Initials with dots, "L.L.C." or "s.a": joined into one word before other dots split.
_INITIALS = re.compile(r"(?<!\w)\w(?:\.\w)+\.?(?!\w)")
_APOSTROPHES = str.maketrans("", "", "'’`´")


class _FoldTable(dict[int, str]):
    # A str.translate table filled as characters are met: letters, marks and digits stay,
    # the rest is a space. Latin accents go, as typing often leaves them off (Société,
    # Societe); other scripts keep their marks, which carry meaning there.
    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = (" " if unicodedata.category(ch)[0] not in "LMN" else
                  "" if 0x300 <= code < 0x370 else
                  unicodedata.normalize("NFD", ch)[0] if code < 0x250 or 0x1E00 <= code < 0x1F00
                  else ch)
        self[code] = folded
        return folded


_FOLD = _FoldTable()
#: The words a legal form can end (start) with; CJK forms are checked apart.
_SUFFIX_EDGES = frozenset(form[-1] for form in LEGAL_SUFFIXES)
_PREFIX_EDGES = frozenset(form[0] for form in LEGAL_PREFIXES)


#: What separates words in a name of plain ASCII, once lower-cased: the ASCII part of
#: :data:`_FOLD`, as one expression, for the names most sheets hold.
_ASCII_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _words(text: str) -> list[str]:
    if text.isascii():  # its own NFKC form, and casefold is lower there
        s = text.lower()
        if "&" in s:
            s = s.replace("&", " and ")
        if "'" in s or "`" in s:
            s = s.translate(_APOSTROPHES)
        if "." in s:
            s = _INITIALS.sub(lambda m: m.group().replace(".", ""), s)
        return _ASCII_NOT_WORD.sub(" ", s).split()
    s = unicodedata.normalize("NFKC", text.replace("™", " ")).casefold()
    s = s.replace("&", " and ").translate(_APOSTROPHES)
    s = _INITIALS.sub(lambda m: m.group().replace(".", ""), s)
    return s.translate(_FOLD).split()


def _drop_form(words: list[str], at_end: bool) -> bool:
    """Drop one legal form from the end (or start) of ``words``; True when one was."""
    if not words:
        return False
    edge_word = words[-1] if at_end else words[0]
    # Most names end in no legal form: known at once from the last (first) word alone.
    if edge_word not in (_SUFFIX_EDGES if at_end else _PREFIX_EDGES) and edge_word.isascii():
        return False
    forms, cjk = (LEGAL_SUFFIXES, CJK_SUFFIXES) if at_end else (LEGAL_PREFIXES, CJK_PREFIXES)
    for n in range(_LONGEST_FORM, 0, -1):  # longest first: "sa de cv" before "cv"
        edge = slice(-n, None) if at_end else slice(0, n)
        if len(words) >= n and tuple(words[edge]) in forms:
            del words[edge]
            return True
    edge = slice(-1, None) if at_end else slice(0, 1)
    for form in cjk if words else ():
        word = words[edge][0]
        if word.endswith(form) if at_end else word.startswith(form):
            rest = word[: -len(form)] if at_end else word[len(form):]
            words[edge] = [rest] if rest else []
            return True
    return False


@lru_cache(maxsize=65536)
def _company_key(text: str) -> str:
    words = _words(text)
    while _drop_form(words, at_end=True) or _drop_form(words, at_end=False):
        pass
    # Spaces go too: "ABCTrading" and "ABC Trading" are one name typed two ways.
    key = "".join(words)
    return key if len(key) >= MIN_NAME_LENGTH else ""


def company_key(name: object) -> str:
    """The normalised company name two rows must share to be one buyer: NFKC, case,
    accents, punctuation and spaces folded, ``&`` read as "and", legal forms dropped.
    ``""`` (never matching) when nothing of at least two characters is left.

    >>> company_key("ＡＢＣ Trading Co., Ltd.") == company_key("abc trading company limited")
    True
    >>> company_key("深圳市华为技术有限公司")
    '深圳市华为技术'
    """
    text = cell_text(name)
    return _company_key(text) if text else ""


# --- Email domains -----------------------------------------------------------------

#: Free-mail and ISP mail domains: two buyers on one of them are not one buyer. The big
#: consumer providers worldwide, plus those common among buyers in the markets Chinese
#: exporters sell to (China, Korea, Russia, India, Europe, the Americas), taken from the
#: providers' own sign-up pages and the public free-mail lists used to screen sign-ups.
#: Compared with the registrable domain, so vip.163.com counts as 163.com.
FREE_MAIL_DOMAINS = _one_word("""
    gmail.com googlemail.com aol.com icloud.com me.com mac.com msn.com mail.com email.com
    usa.com inbox.com zoho.com zohomail.com fastmail.com hushmail.com tutanota.com tuta.io
    proton.me pm.me comcast.net verizon.net att.net sbcglobal.net bellsouth.net cox.net
    shaw.ca rogers.com sympatico.ca bigpond.com optusnet.com.au btinternet.com sky.com
    virginmedia.com web.de t-online.de freenet.de orange.fr wanadoo.fr free.fr laposte.net
    sfr.fr libero.it virgilio.it tiscali.it seznam.cz wp.pl o2.pl interia.pl onet.pl
    mail.ru bk.ru list.ru inbox.ru rambler.ru ukr.net terra.com.br uol.com.br bol.com.br
    qq.com foxmail.com 163.com 126.com yeah.net 188.com sina.com sina.cn sohu.com aliyun.com
    139.com 189.cn wo.cn tom.com 21cn.com hinet.net netvigator.com naver.com daum.net
    hanmail.net nate.com rediffmail.com emirates.net.ae
""")
#: Providers with one domain per country (yahoo.co.uk, hotmail.fr, gmx.de, yandex.ru):
#: matched by the registrable domain's first label.
FREE_MAIL_BRANDS = _one_word(
    "yahoo ymail rocketmail hotmail outlook live windowslive gmx yandex protonmail")
#: Second levels under a country code that are not an owner's name (acme.co.uk,
#: acme.com.cn): there the registrable domain is the last three labels. A plain rule
#: rather than the full Public Suffix List; it covers the domains buyers write.
GENERIC_SECOND_LEVELS = _one_word(
    "co com net org gov edu ac ne or go gen ltd plc biz info nom firm mil sch")
EMAIL_SPLIT = re.compile(r"[;,\s/|<>()\[\]\"'、]+")
_DOMAIN = re.compile(r"^(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}$")


def registrable_domain(domain: str) -> str:
    """The part of a domain its owner registered: sales.acme.com is acme.com, and
    mail.acme.co.uk is acme.co.uk. Subdomains of one company are that company."""
    labels = domain.split(".")
    generic = (len(labels) >= 3 and len(labels[-1]) == 2
               and labels[-2] in GENERIC_SECOND_LEVELS)
    return ".".join(labels[-3:] if generic else labels[-2:])


#: Domains and top levels reserved for examples and tests (RFC 2606, 6761): no buyer
#: writes from them, so a sheet's placeholders (buyer1@example.com) are never one buyer.
RESERVED_DOMAINS = _one_word("example.com example.net example.org example test invalid localhost")


def is_free_mail(domain: str) -> bool:
    """True for a free-mail or ISP domain (gmail.com, qq.com, vip.163.com) or an example."""
    registered = registrable_domain(domain.lower())
    return (registered in FREE_MAIL_DOMAINS or registered.split(".")[0] in FREE_MAIL_BRANDS
            or bool({registered, registered.rsplit(".", 1)[-1]} & RESERVED_DOMAINS))


def email_domains(cell: object) -> set[str]:
    """The company domains in an email cell: each address (split by ``;``, ``,``,
    spaces, ``/``) gives its registrable domain, lower-case; free-mail domains give none.

    >>> sorted(email_domains("tom@sales.acme.com; Ann <ann@gmail.com>"))
    ['acme.com']
    """
    text = _nfkc(cell_text(cell))
    if "@" not in text:
        return set()
    keys = (domain_key(p.rsplit("@", 1)[1].strip(".").lower())
            for p in EMAIL_SPLIT.split(text) if "@" in p)
    return {key for key in keys if key}


@lru_cache(maxsize=65536)
def domain_key(domain: str) -> str | None:
    if not _DOMAIN.match(domain) or is_free_mail(domain):
        return None
    return registrable_domain(domain)


def _nfkc(text: str) -> str:
    # Plain ASCII is its own NFKC form: most cells skip the normalisation.
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


# --- Phone numbers -----------------------------------------------------------------

#: Fewer digits than this is an extension or a typo, not a number to match on.
MIN_PHONE_DIGITS = 7
_PHONE_SPLIT = re.compile(r"[/;,\n\r|、]+")
_PHONE_START = re.compile(r"[+\d]")
NOT_DIGIT = re.compile(r"\D")
_INTERNATIONAL = re.compile(r"\+[\d\s().\-]*")


def _parsed(text: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None


def _phone_key(piece: str, region: str | None) -> str | None:
    start = _PHONE_START.search(piece)
    if start is None:
        return None
    text = piece[start.start():].strip()
    if text.startswith("00"):
        # 0086... is how the team writes international numbers, whatever the country.
        text = "+" + text[2:]
    if text.startswith("+"):
        # The country is in the number: the row's does not matter, so one number
        # however spaced is read once.
        # Up to the first letter: "ext. 12" or "x12" after a number is its extension.
        number = _INTERNATIONAL.match(text.replace("(0)", ""))
        return international_key(NOT_DIGIT.sub("", number.group() if number else ""))
    return _national_key(text, region)


@lru_cache(maxsize=65536)
def international_key(digits: str) -> str | None:
    """The key of ``+digits``. A number written with its country code is its own key
    once the country code is known (country codes are prefix-free): only one whose
    national part starts with the country's trunk prefix ("+44 (0)20", "+86 0755")
    needs the parser, which drops the prefix where the country does."""
    if not MIN_PHONE_DIGITS + 1 <= len(digits) <= 15 or digits[0] == "0":
        return None
    for code in (1, 2, 3):
        if digits[:code] in _COUNTRY_CODE_TEXTS:
            break
    else:
        return None
    national = digits[code:]
    if national.startswith(_trunk_prefix(int(digits[:code])) or "-"):
        number = _parsed("+" + digits, None)
        if number is None:
            return None
        national = phonenumbers.national_significant_number(number)
        digits = f"{number.country_code}{national}"
    return None if _nobodys(national) else "+" + digits


_COUNTRY_CODE_TEXTS = frozenset(map(str, phonenumbers.COUNTRY_CODE_TO_REGION_CODE))


@cache
def _trunk_prefix(country_code: int) -> str:
    """The digit(s) dialled before a national number inside the country ("0" in
    China and the UK), ``""`` where there is none."""
    region = phonenumbers.region_code_for_country_code(country_code)
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region, None)
    return (meta.national_prefix or "") if meta is not None else ""


@lru_cache(maxsize=65536)
def _national_key(text: str, region: str | None) -> str | None:
    if sum(ch.isdigit() for ch in text) < MIN_PHONE_DIGITS:
        return None
    number = _parsed(text, region) if text.startswith("+") or region else None
    if not text.startswith("+") and (number is None or not phonenumbers.is_valid_number(number)):
        # Excel drops the + of an international number typed into a number cell: read
        # it so when the row's country does not make it valid, and only if valid then.
        guess = _parsed("+" + text, None)
        if guess is not None and phonenumbers.is_valid_number(guess):
            number = guess
    if number is None or not phonenumbers.is_possible_number(number):
        return None
    if _nobodys(phonenumbers.national_significant_number(number)):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _nobodys(national: str) -> bool:
    """Too short to call a buyer, or one digit over and over (0000000 is no one's)."""
    return len(national) < MIN_PHONE_DIGITS or len(set(national)) == 1


def phone_keys(cell: object, country: object = None) -> set[str]:
    """E.164 forms of the numbers in a phone cell (split by ``/``, ``;``, ``,``, new
    lines), read with the row's country when they have no ``+`` or ``00``. Numbers that
    cannot be read, or are too short to be possible, give none.

    >>> phone_keys("(212) 555-0100", "美国") == phone_keys(12125550100.0) == {"+12125550100"}
    True
    """
    text = _nfkc(cell_text(cell))
    if not text:
        return set()
    region = _region(cell_text(country))
    keys = (_phone_key(piece, region) for piece in _PHONE_SPLIT.split(text))
    return {key for key in keys if key}


@lru_cache(maxsize=4096)
def _region(country: str) -> str | None:
    """A sheet names a few countries many times: each is looked up once."""
    return country_code(country or None)


def plain_value(value: object) -> object:
    """A cell as a plain Python value, every kind of missing (NaN, NaT, NA) as None."""
    if value is pd.NA or value is pd.NaT:
        return None
    return plain(value)


def cell_text(value: object) -> str:
    """A cell as text: blank (None, NaN, NaT, "") as ``""``, 8613800138000.0 as digits."""
    if type(value) is str:  # most cells: skip the conversions
        return value.strip()
    return parse_text(plain_value(value)) or ""


def forget_keys() -> None:
    """Drop the keys remembered while reading one table: a sheet's customers repeat
    within it, not in the next, and 100,000 rows' keys would otherwise stay in memory
    for the rest of the run."""
    for remembered in (_company_key, domain_key, international_key, _national_key):
        remembered.cache_clear()
