"""Data issues: cells that could not be read, reported with sheet, row, column and value."""

from __future__ import annotations

from dataclasses import dataclass, field

from xltrade.rules.texts import Lang, say


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
        return say(self.problem, lang, **self.params)

    def value_text(self) -> str:
        return "" if self.value is None else str(self.value)

    def message(self, lang: Lang) -> str:
        """One line naming sheet, row, column and value, as printed on the command line."""
        return (f"{self.sheet}!{self.row} [{self.column}] "
                f"{self.value_text()!r}: {self.problem_text(lang)}")

    def as_json(self, lang: Lang) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "value": self.value_text(),
                "problem": self.problem_text(lang)}
