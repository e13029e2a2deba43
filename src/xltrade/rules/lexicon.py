"""Reading short texts (headers, stage words) as a sequence of concepts: the words
that carry meaning, found by longest match the way a reader picks out words.

Chinese has no spaces, so each run of ideographs is read left to right taking the
longest known word at each place (最后跟进日期 → 最后 · 跟进 · 日期, and 联系人 stays
one word, not 联系 + 人). Latin text is read word by word, again taking the longest
known phrase (``last name`` is one word, not ``last`` + ``name``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_PIECES = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+|[a-z0-9#@]+(?:['’][a-z]+)?")


def _is_cjk(piece: str) -> bool:
    return "\u3400" <= piece[0] <= "\u9fff"


@dataclass(frozen=True)
class Reading:
    """The concepts found in a text, in order, and what could not be read: Latin words
    and ideographs no word of the lexicon covers."""

    concepts: tuple[str, ...]
    unknown_words: tuple[str, ...]
    unknown_chars: str

    def has(self, concept: str) -> bool:
        return concept in self.concepts


class Lexicon:
    """Words and phrases (already folded) mapped to concepts. A concept of ``""`` marks
    a filler: read, and carrying no meaning."""

    def __init__(self, words: Mapping[str, Iterable[str]]) -> None:
        self.cjk: dict[str, str] = {}
        self.latin: dict[tuple[str, ...], str] = {}
        for concept, phrases in words.items():
            for phrase in phrases:
                if _is_cjk(phrase):
                    self.cjk[phrase] = concept
                else:
                    self.latin[tuple(map(_singular, _PIECES.findall(phrase)))] = concept
        self.cjk_longest = max(map(len, self.cjk), default=1)
        self.latin_longest = max(map(len, self.latin), default=1)

    def read(self, folded: str) -> Reading:
        concepts: list[str] = []
        unknown_words: list[str] = []
        unknown_chars: list[str] = []
        words: list[str] = []
        for piece in _PIECES.findall(folded):
            if _is_cjk(piece):
                self._latin(words, concepts, unknown_words)
                words = []
                self._cjk(piece, concepts, unknown_chars)
            else:
                words.append(_singular(piece))
        self._latin(words, concepts, unknown_words)
        return Reading(tuple(c for c in concepts if c), tuple(unknown_words),
                       "".join(unknown_chars))

    def _cjk(self, run: str, concepts: list[str], unknown: list[str]) -> None:
        i = 0
        while i < len(run):
            for size in range(min(self.cjk_longest, len(run) - i), 0, -1):
                concept = self.cjk.get(run[i:i + size])
                if concept is not None:
                    concepts.append(concept)
                    i += size
                    break
            else:
                unknown.append(run[i])
                i += 1

    def _latin(self, words: list[str], concepts: list[str], unknown: list[str]) -> None:
        i = 0
        while i < len(words):
            for size in range(min(self.latin_longest, len(words) - i), 0, -1):
                concept = self.latin.get(tuple(words[i:i + size]))
                if concept is not None:
                    concepts.append(concept)
                    i += size
                    break
            else:
                if not words[i].isdigit():
                    unknown.append(words[i])
                i += 1


#: Words that only look plural.
_NOT_PLURAL = frozenset({"times", "status", "sales", "news", "series", "yes", "this", "has",
                         "was", "is", "business", "address", "less", "us", "plus", "bus",
                         "analysis", "process", "basis", "canvas"})


def _singular(word: str) -> str:
    """``orders`` → ``order``, ``activities`` → ``activity``: enough for headers."""
    if word in _NOT_PLURAL:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word
