"""Everything that runs inside Excel: the macros behind the ribbon buttons, the UDFs and
their VBA wrappers, the ribbon XML, the xlwings applier of sheet patches, the per-user
install and doctor probes, Outlook drafts.

The buttons call ``import xltrade.excel as x; x.refresh()`` (and ``weekly_report``,
``email_manager``, ``record_followup``, ``customer_replied``): those names are served
from :mod:`xltrade.excel.macros`, loaded only when a button asks, so the other modules
here import without xlwings' weight.
"""

from __future__ import annotations

from typing import Any

MACROS = ("refresh", "weekly_report", "email_manager", "record_followup", "customer_replied")


def __getattr__(name: str) -> Any:
    if name in MACROS:
        from xltrade.excel import macros

        return getattr(macros, name)
    raise AttributeError(f"module 'xltrade.excel' has no attribute {name!r}")
