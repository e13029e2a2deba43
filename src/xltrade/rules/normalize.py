"""Text normalisation shared by header, stage and buyer-type matching (spec §2.1)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_TRAILING = ":：*"


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
