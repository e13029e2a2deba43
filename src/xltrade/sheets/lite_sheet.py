"""The xlwings Lite workbook's button sheet (``xltrade``): big buttons for the scripts,
and the cell where the salesperson names the customer a follow-up is for.

Lite runs a script when the cell hidden under its button is selected, so that cell is
the selection while the script runs: recording a follow-up cannot take the customer
from the selection there, and takes it from :data:`CUSTOMER_CELL` instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from xltrade.rules.texts import Lang, say
from xltrade.sheets.patch import Button, PrintSetup, SheetPatch

LITE_SHEET = "xltrade"
#: Where the customer of a follow-up is typed (name or row on the customer sheet).
CUSTOMER_ROW, CUSTOMER_COLUMN = 11, 4
CUSTOMER_CELL = "D11"
#: Three button columns (B, D, F) with narrow gaps between them.
WIDTHS = {1: 2.0, 2: 20.0, 3: 2.0, 4: 20.0, 5: 2.0, 6: 20.0, 7: 2.0}


@dataclass(frozen=True)
class Script:
    """A Lite script with its sheet button: ``name`` is the function's and the
    shape's, ``text`` the key of the button's words."""

    name: str
    text: str
    anchor: str
    end: str
    cell: str

    @property
    def button_ref(self) -> str:
        """How ``@script(button=...)`` names the button: ``[shape]Sheet!Cell``."""
        return f"[xltrade_{self.name}]{LITE_SHEET}!{self.cell}"


#: The scripts, in the order of the buttons: the whole sheet, then one customer.
SCRIPTS = (
    Script("refresh", "lite.refresh", "B5", "C9", "B6"),
    Script("weekly_report", "lite.report", "D5", "E9", "D6"),
    Script("email_manager", "lite.mail", "F5", "G9", "F6"),
    Script("record_followup", "lite.record", "B13", "C17", "B14"),
    Script("customer_replied", "lite.replied", "D13", "E17", "D14"),
)


def lite_sheet_patch(lang: Lang) -> SheetPatch:
    """The button sheet, new, as the workbook's last sheet."""
    patch = SheetPatch(LITE_SHEET, rebuild=True)
    patch.put(1, 2, say("lite.title", lang), style="title")
    # One sentence a row: long rows run on to the right over empty cells, nothing cut.
    for row, line in enumerate(say("lite.intro", lang).split("\n"), start=2):
        patch.put(row, 2, line)
    patch.put(CUSTOMER_ROW, 2, say("lite.customer", lang), style="bold")
    patch.put(CUSTOMER_ROW, CUSTOMER_COLUMN, None, style="input")
    for row, line in enumerate(say("lite.customer_hint", lang).split("\n"), start=19):
        patch.put(row, 2, line)
    patch.widths = dict(WIDTHS)
    patch.buttons = [Button(f"xltrade_{s.name}", say(s.text, lang), s.anchor, s.end, s.cell)
                     for s in SCRIPTS]
    patch.print_setup = PrintSetup(landscape=False, fit_width=True, area="A1:G21")
    return patch
