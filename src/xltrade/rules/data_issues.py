"""Data issues: cells that could not be read, reported with sheet, row, column and value."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from xltrade.rules.texts import Lang, say


@dataclass(frozen=True)
class Phrase:
    """A part of a problem's text with words of its own (``same name``, ``row 40 Acme
    (Li Na)``): a texts key and its values, said in the language the problem is shown
    in, so an issue made before the language is known still reads in one language."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, lang: Lang) -> str:
        return say(self.key, lang, **{name: said(v, lang) for name, v in self.values})


def said(value: object, lang: Lang) -> object:
    """A problem's value as its text shows it: a :class:`Phrase` said in ``lang``, a
    tuple of them joined as a list in ``lang``, anything else as it is."""
    if isinstance(value, Phrase):
        return value.text(lang)
    if isinstance(value, tuple) and value and all(isinstance(v, Phrase) for v in value):
        return say("issue.list_separator", lang).join(v.text(lang) for v in value)
    return value


@dataclass(frozen=True)
class DataIssue:
    """One unreadable or suspicious cell. ``row`` is the sheet row as Excel shows it."""

    sheet: str
    row: int
    column: str
    value: object
    problem: str
    params: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def problem_text(self, lang: Lang) -> str:
        return say(self.problem, lang, **{k: said(v, lang) for k, v in self.params.items()})

    def value_text(self) -> str:
        return "" if self.value is None else str(self.value)

    def message(self, lang: Lang) -> str:
        """One line naming sheet, row, column and value, as printed on the command line
        (a column's issue names the column only; one of the sheet names neither)."""
        where = f"{self.sheet}!{self.row}" + (f" [{self.column}]" if self.column else "")
        shown = f" {self.value_text()!r}" if self.value is not None else ""
        return f"{where}{shown}: {self.problem_text(lang)}"

    def as_json(self, lang: Lang) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "value": self.value_text(),
                "problem": self.problem_text(lang)}


#: Rows named in a group's line before the rest are only counted.
SHOWN_ROWS = 6


@dataclass(frozen=True)
class IssueGroup:
    """One distinct problem with one value, and every row it was found on (54 rows of
    the same unknown stage are one line, not 54)."""

    first: DataIssue
    rows: tuple[int, ...]

    def rows_text(self, lang: Lang) -> str:
        shown = ", ".join(str(r) for r in self.rows[:SHOWN_ROWS])
        if len(self.rows) == 1:
            return shown
        more = " …" if len(self.rows) > SHOWN_ROWS else ""
        return shown + more + say("issue.rows", lang, n=len(self.rows))

    def message(self, lang: Lang) -> str:
        """The group as one line: sheet and rows, column, value, problem, and the count."""
        issue = self.first
        where = f"{issue.sheet}!{self.rows_text(lang)}" + (
            f" [{issue.column}]" if issue.column else "")
        shown = f" {issue.value_text()!r}" if issue.value is not None else ""
        return f"{where}{shown}: {issue.problem_text(lang)}"


def grouped(issues: Iterable[DataIssue]) -> list[IssueGroup]:
    """Issues with the same sheet, column, value and problem as one group, in the order
    their first row comes."""
    groups: dict[tuple[object, ...], list[DataIssue]] = {}
    for issue in issues:
        key = (issue.sheet, issue.column, issue.value_text(), issue.problem,
               tuple(sorted((k, str(v)) for k, v in issue.params.items())))
        groups.setdefault(key, []).append(issue)
    return [IssueGroup(members[0], tuple(i.row for i in members))
            for members in groups.values()]
