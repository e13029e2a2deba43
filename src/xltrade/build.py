"""Assembling the macro-enabled workbook: the team's sheets, xltrade's own sheets,
the VBA project (xlwings' module and class, xltrade's ribbon module, the UDF
wrappers, one document module per sheet) and the ribbon.

``build_workbook`` makes the bundled ``workbook/Customers.xlsm`` from the sample;
``adopt_workbook`` turns a team's existing workbook into one, keeping every cell,
style and sheet of theirs.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from importlib import resources
from pathlib import Path

import openpyxl
import xlwings
from openpyxl.workbook.workbook import Workbook

from xltrade.apply_openpyxl import apply
from xltrade.customer_sheet import find_sheet
from xltrade.guard import write_atomic
from xltrade.history import HISTORY_SHEET
from xltrade.packager import make_macro_workbook
from xltrade.patch import Block, SheetPatch
from xltrade.report_sheet import REPORT_NAMES
from xltrade.ribbon import ribbon_xml
from xltrade.sample import write_sample
from xltrade.settings_sheet import SETTINGS_NAMES, load_settings, settings_patch
from xltrade.texts import TEXTS, Lang, say
from xltrade.udf_wrappers import MODULE_NAME as UDF_MODULE_NAME
from xltrade.udf_wrappers import wrappers_module
from xltrade.vba.project import WORKBOOK_BASE, WORKSHEET_BASE, Module, build_project
from xltrade.vba.reader import read_modules
from xltrade.workbook import find_customer_sheet, open_workbook, run

#: The date the bundled sample is written around and computed at, so that building
#: twice gives the same file.
SAMPLE_DAY = dt.date(2026, 11, 18)
FIXED_TIME = dt.datetime(2026, 1, 1)
CONFIG_SHEET = "xlwings.conf"
HELP_NAMES = TEXTS["help.sheet"]
#: Keys a shared workbook may set. The interpreter keys are left out on purpose: an
#: empty cell would still override each person's own setting.
CONFIG = (("UDF Modules", "xltrade.udfs"), ("Use UDF Server", "True"),
          ("Show Console", "False"), ("Add Workbook to PythonPath", "False"))
#: xltrade's own sheets and the code names their document modules carry.
OWN_CODE_NAMES = {"settings": "SheetSettings", "help": "SheetHelp", "report": "SheetReport",
                  "history": "SheetHistory", "config": "SheetConfig"}


def xlwings_module() -> Module:
    """xlwings' VBA module, from the installed package, so version and DLL names match."""
    text = (Path(xlwings.__file__).parent / "xlwings.bas").read_text(encoding="cp1252")
    return Module("xlwings", "standard", text)


def dictionary_class() -> Module:
    """The ``Dictionary`` class xlwings needs on macOS, from xlwings' own workbook."""
    source = Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"
    with zipfile.ZipFile(source) as archive:
        project = archive.read("xl/vbaProject.bin")
    text = next(m.text for m in read_modules(project) if m.name == "Dictionary")
    return Module("Dictionary", "class", text)


def xltrade_module() -> Module:
    text = resources.files("xltrade.vba_src").joinpath("xltrade.bas").read_text("ascii")
    return Module("xltrade", "standard", text)


def udf_module() -> Module:
    return Module(UDF_MODULE_NAME, "standard", wrappers_module())


def project_modules(wb: Workbook, with_xlwings: bool = True) -> list[Module]:
    """Every module the workbook needs: one document module per sheet, named by the
    workbook's and sheets' code names, then the code modules."""
    modules = [Module(wb.code_name or "ThisWorkbook", "document", "", WORKBOOK_BASE)]
    for ws in wb.worksheets:
        code_name = ws.sheet_properties.codeName
        if not code_name:
            raise ValueError(f"sheet {ws.title!r} has no code name: call assign_code_names")
        modules.append(Module(code_name, "document", "", WORKSHEET_BASE))
    modules.append(xltrade_module())
    if with_xlwings:
        modules += [xlwings_module(), dictionary_class(), udf_module()]
    return modules


def assign_code_names(wb: Workbook) -> None:
    """Give the workbook and every sheet a code name (VBA's name for it): xltrade's
    sheets get fixed ones the VBA refers to, the team's keep theirs or get SheetN."""
    wb.code_name = wb.code_name or "ThisWorkbook"
    own = {
        **dict.fromkeys(SETTINGS_NAMES, OWN_CODE_NAMES["settings"]),
        **dict.fromkeys(HELP_NAMES, OWN_CODE_NAMES["help"]),
        **dict.fromkeys(REPORT_NAMES, OWN_CODE_NAMES["report"]),
        HISTORY_SHEET: OWN_CODE_NAMES["history"], CONFIG_SHEET: OWN_CODE_NAMES["config"],
    }
    taken: set[str] = set()
    for ws in wb.worksheets:
        if ws.title in own:
            ws.sheet_properties.codeName = own[ws.title]
            taken.add(own[ws.title])
    number = 1
    for ws in wb.worksheets:
        name = ws.sheet_properties.codeName
        if ws.title in own or (name and name not in taken and name.isascii()):
            taken.add(name or "")
            continue
        while f"Sheet{number}" in taken:
            number += 1
        ws.sheet_properties.codeName = f"Sheet{number}"
        taken.add(f"Sheet{number}")


def config_patch() -> SheetPatch:
    """The hidden ``xlwings.conf`` sheet: keys in column A from A1, values in B."""
    patch = SheetPatch(CONFIG_SHEET, rebuild=True, hidden=True)
    patch.blocks.append(Block(1, 1, [list(pair) for pair in CONFIG]))
    return patch


def help_patch(lang: Lang) -> SheetPatch:
    """A sheet with the bilingual how-to, opened by the Help button (no Python needed)."""
    patch = SheetPatch(say("help.sheet", lang), names=HELP_NAMES, rebuild=True)
    patch.put(1, 1, say("help.title", lang), style="title")
    row = 3
    for key in ("help.what", "help.buttons", "help.install", "help.manager", "help.rules"):
        for language in (lang, "en" if lang == "zh" else "zh"):
            patch.put(row, 1, say(key + ".title", language), style="bold")
            patch.put(row + 1, 1, say(key, language), style="wrap")
            row += 3
    patch.widths = {1: 110}
    return patch


def _package(wb: Workbook, lang: Lang, with_xlwings: bool = True) -> bytes:
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "xltrade"
    assign_code_names(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    project = build_project(project_modules(wb, with_xlwings))
    return make_macro_workbook(buffer.getvalue(), project, ribbon_xml(lang))


def build_workbook(out: Path, today: dt.date = SAMPLE_DAY, with_xlwings: bool = True) -> Path:
    """Build the bundled workbook: the sample team sheet, refreshed and reported as of
    ``today``, with Settings, Help, the xlwings config, the VBA project and the ribbon."""
    with tempfile.TemporaryDirectory() as folder:
        sample = write_sample(Path(folder) / "客户跟进表.xlsx", today=today)
        outcome = run(sample, today=today, report=True)
        wb = openpyxl.load_workbook(sample)
    apply(wb, help_patch(outcome.lang))
    apply(wb, config_patch())
    wb.active = wb.sheetnames.index(outcome.layout.sheet)
    data = _package(wb, outcome.lang, with_xlwings)
    write_atomic(Path(out), data)
    return Path(out)


def adopt_workbook(source: Path, out: Path, today: dt.date | None = None) -> Path:
    """Turn a team's workbook into the macro-enabled one, keeping all of theirs."""
    wb, _, _ = open_workbook(Path(source))
    settings, _, has_settings = load_settings(wb)
    layout = find_customer_sheet(wb, settings)
    lang: Lang = settings.language or ("zh" if layout.chinese else "en")
    if not has_settings:
        apply(wb, settings_patch(lang, today or dt.date.today()))
    if find_sheet(wb, HELP_NAMES) is None:
        apply(wb, help_patch(lang))
    apply(wb, config_patch())
    data = _package(wb, lang)
    write_atomic(Path(out), data)
    return Path(out)
