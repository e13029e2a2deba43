"""Recording a follow-up in a workbook file (``xltrade log``): the plan of
:mod:`xltrade.sheets.recording` applied to the package with the rules' refresh, in
one save."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from xltrade.book.run import run
from xltrade.sheets.patch import SheetPatch
from xltrade.sheets.planning import Outcome
from xltrade.sheets.recording import FollowUp, Recorded, plan_record
from xltrade.sheets.values import SheetLike


def record(path: Path, follow_up: FollowUp, today: dt.date | None = None
           ) -> tuple[Recorded, Outcome]:
    """Record ``follow_up`` in the workbook at ``path``, in place."""
    today = today or dt.date.today()
    done: list[Recorded] = []

    def edit(sheets: list[SheetLike]) -> tuple[list[SheetLike], list[SheetPatch]]:
        sheets, patches, recorded = plan_record(sheets, follow_up, today, str(path))
        done.append(recorded)
        return sheets, patches

    outcome = run(path, today=today, edit=edit)
    return done[0], outcome
