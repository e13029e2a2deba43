"""Exceptions xltrade raises for problems the user can act on; the CLI prints their
message as one line and exits 1."""

from __future__ import annotations


class XltradeError(Exception):
    """Base class: a problem with the user's file or request, stated in one line, in
    English and, where it has been written, in Chinese (``zh``)."""

    def __init__(self, message: str, zh: str | None = None) -> None:
        super().__init__(message)
        self.zh = zh

    def text(self, lang: str) -> str:
        """The message in ``lang`` ("zh" or "en")."""
        return self.zh if lang == "zh" and self.zh else str(self)


class NotAWorkbook(XltradeError):
    """The file is missing, is not a zip package, or has no workbook part."""


class WorkbookLocked(XltradeError):
    """The file is open in Excel (its ``~$`` lock file exists) or cannot be written."""


class NoCustomerSheet(XltradeError):
    """No sheet has a header row with a company column."""
