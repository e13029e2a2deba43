"""Text normalisation shared by header, stage and buyer-type matching (spec §2.1).

Two levels: :func:`normalize_label` is the exact-match key (NFKC, spaces, case);
:func:`fold` reads text the way a person does before looking for meaning: also
traditional characters as simplified ones and ``snake_case``/``camelCase`` as words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from xltrade.rules.texts import Lang

_SPACES = re.compile(r"\s+")
_TRAILING = ":：*"
#: lowerUpper and ACRONYMWord boundaries: ``lastContactDate``, ``CRMStage``.
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


@lru_cache(maxsize=16384)
def _normalize_text(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    s = _SPACES.sub(" ", s).strip()
    s = s.casefold()
    # NFKC already maps the full-width colon to ":", but keep both for clarity.
    while s and s[-1] in _TRAILING:
        s = s[:-1].rstrip()
    return s


def normalize_label(text: object) -> str:
    """Normalise a header or vocabulary word: NFKC, trim, collapse spaces, case-fold,
    drop a trailing ``:``/``：``/``*``.

    >>> normalize_label("  Last   Contact： ")
    'last contact'
    """
    if text is None:
        return ""
    return _normalize_text(str(text))


def has_cjk(text: str) -> bool:
    """True when the text holds a CJK ideograph (used to pick the workbook language)."""
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


def lang_of(texts: Iterable[str]) -> Lang:
    """The language of a workbook told by its texts (sheet names, headers): Chinese
    when any of them is."""
    return "zh" if any(has_cjk(t) for t in texts) else "en"


@lru_cache(maxsize=1)
def _converter() -> Callable[[str], str]:
    """OpenCC's traditional-to-simplified conversion; where the library cannot be
    loaded (a browser Python without it), text stays as it is."""
    try:
        import opencc

        convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
        return convert
    except Exception:  # pragma: no cover - depends on the platform's wheels
        return lambda text: text


def simplified(text: str) -> str:
    """Traditional Chinese characters as simplified ones: 客戶名稱 → 客户名称."""
    return _converter()(text) if has_cjk(text) else text


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Text as a person reads it: NFKC, simplified characters, words split at
    ``_``/camelCase/line breaks, lower case, single spaces.

    >>> fold("lastContactDate")
    'last contact date'
    >>> fold("客戶名稱\\nCompany_Name")
    '客户名称 company name'
    """
    s = unicodedata.normalize("NFKC", text)
    s = _CAMEL.sub(" ", s)
    s = simplified(s)
    s = s.replace("_", " ")
    return _SPACES.sub(" ", s).strip().casefold()
