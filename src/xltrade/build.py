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
import re
import tempfile
import zipfile
from importlib import resources
from pathlib import Path

import xlwings

from xltrade.book.guard import write_atomic
from xltrade.book.package import Book
from xltrade.book.packager import make_macro_workbook
from xltrade.book.read import SheetReader, check_extents
from xltrade.book.run import file_sheets, run
from xltrade.book.writer import BookWriter
from xltrade.errors import XltradeError
from xltrade.excel.ribbon import ribbon_xml
from xltrade.excel.udf_wrappers import MODULE_NAME as UDF_MODULE_NAME
from xltrade.excel.udf_wrappers import wrappers_module
from xltrade.rules.history import HISTORY_SHEET
from xltrade.rules.normalize import normalize_label
from xltrade.rules.texts import TEXTS, Lang, say
from xltrade.sample import write_sample
from xltrade.sheets.patch import LINE_POINTS, Block, PrintSetup, SheetPatch, text_lines
from xltrade.sheets.report import REPORT_NAMES
from xltrade.sheets.settings import SETTINGS_NAMES, settings_patch
from xltrade.sheets.values import find_layout, settings_of
from xltrade.vba.project import WORKBOOK_BASE, WORKSHEET_BASE, Module, build_project
from xltrade.vba.reader import ModuleSource, read_modules

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
    text = resources.files("xltrade.excel.vba_src").joinpath("xltrade.bas").read_text("ascii")
    return Module("xltrade", "standard", text)


def udf_module() -> Module:
    return Module(UDF_MODULE_NAME, "standard", wrappers_module())


#: A code name VBA accepts: an ASCII letter, then letters, digits or underscores.
_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,30}$")
#: Module names xltrade's own project uses.
OWN_MODULES = frozenset({"xltrade", "xlwings", "Dictionary", UDF_MODULE_NAME})


def valid_code_name(name: str | None) -> bool:
    return bool(name) and _IDENTIFIER.match(name or "") is not None


def code_names(sheets: list[tuple[str, str | None]], taken: set[str]) -> dict[str, str]:
    """Sheet name -> code name: xltrade's sheets get the fixed ones the VBA refers to, the
    team's keep theirs when VBA accepts them, others get SheetN."""
    own = {
        **dict.fromkeys(SETTINGS_NAMES, OWN_CODE_NAMES["settings"]),
        **dict.fromkeys(HELP_NAMES, OWN_CODE_NAMES["help"]),
        **dict.fromkeys(REPORT_NAMES, OWN_CODE_NAMES["report"]),
        HISTORY_SHEET: OWN_CODE_NAMES["history"], CONFIG_SHEET: OWN_CODE_NAMES["config"],
    }
    taken = {t.lower() for t in taken}
    out: dict[str, str] = {}
    for title, _ in sheets:
        if title in own:
            out[title] = own[title]
            taken.add(own[title].lower())
    number = 1
    for title, current in sheets:
        if title in own:
            continue
        if current and valid_code_name(current) and current.lower() not in taken:
            out[title] = current
        else:
            while f"sheet{number}" in taken:
                number += 1
            out[title] = f"Sheet{number}"
        taken.add(out[title].lower())
    return out


def _sheet_code_name(writer: BookWriter, title: str) -> str | None:
    part = writer.sheet_part(title)
    if part is None:
        return None
    m = re.search(rb'<(?:\w+:)?sheetPr\b[^>]*?codeName="([^"]*)"', writer.book.read(part))
    return m.group(1).decode("utf-8", "replace") if m else None


def team_modules(book: Book) -> list[ModuleSource]:
    """The VBA modules a workbook already has (none without a project)."""
    part = book.find("xl/vbaProject.bin")
    if part is None:
        return []
    data = book.read(part)
    try:
        modules = read_modules(data)
    except Exception as exc:  # a damaged or locked project: olefile and our reader
        raise XltradeError(f"{book.path}: its VBA project cannot be read ({exc}); unlock it "
                           "(VBA editor > Tools > VBAProject Properties > Protection) or "
                           "remove it, then run again") from exc
    # A workbook adopted before carries xltrade's own modules: they are made anew.
    modules = [m for m in modules if not _ours(m)]
    clash = sorted({m.name for m in modules} & OWN_MODULES)
    if clash:
        raise XltradeError(f"{book.path}: its VBA project already has a module named "
                           f"{', '.join(clash)}; rename it in the VBA editor, then run again")
    return modules


def _first_line(text: str) -> str:
    """A module's first line of code, after its attribute lines."""
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip() and not line.startswith("Attribute "):
            return line.strip()
    return ""


def _ours(module: ModuleSource) -> bool:
    """One of xltrade's own modules (from this release or an earlier one): its name and
    its opening line are those xltrade writes."""
    make = {"xltrade": xltrade_module, "xlwings": xlwings_module,
            "Dictionary": dictionary_class, UDF_MODULE_NAME: udf_module}.get(module.name)
    return make is not None and _first_line(module.text) == _first_line(make().code)


def _document_code(text: str) -> str:
    """A document module's code without its attribute lines."""
    lines = text.replace("\r\n", "\n").split("\n")
    while lines and lines[0].startswith("Attribute "):
        lines.pop(0)
    return "\n".join(lines)


def project_modules(workbook_code_name: str, sheet_code_names: list[str],
                    with_xlwings: bool = True, team: list[ModuleSource] | None = None,
                    renamed: dict[str, str] | None = None) -> list[Module]:
    """Every module the workbook needs: one document module per sheet, named by the
    workbook's and sheets' code names (with the team's code in them, when it had
    some), the team's own modules, then xltrade's."""
    renamed = renamed or {}
    team = team or []
    by_name = {renamed.get(m.name, m.name): m for m in team}
    documents = {workbook_code_name, *sheet_code_names}
    modules = [Module(workbook_code_name, "document",
                      _document_code(by_name[workbook_code_name].text)
                      if workbook_code_name in by_name else "", WORKBOOK_BASE)]
    for code_name in sheet_code_names:
        code = _document_code(by_name[code_name].text) if code_name in by_name else ""
        modules.append(Module(code_name, "document", code, WORKSHEET_BASE))
    for m in team:
        name = renamed.get(m.name, m.name)
        if name in documents:
            continue
        modules.append(Module(name, "standard" if m.kind == "standard" else "class", m.text))
    modules.append(xltrade_module())
    if with_xlwings:
        modules += [xlwings_module(), dictionary_class(), udf_module()]
    return modules


def config_patch() -> SheetPatch:
    """The hidden ``xlwings.conf`` sheet: keys in column A from A1, values in B."""
    patch = SheetPatch(CONFIG_SHEET, rebuild=True, hidden=True)
    patch.blocks.append(Block(1, 1, [list(pair) for pair in CONFIG]))
    return patch


HELP_WIDTH = 72  # characters: one portrait A4 page wide, in any program


def help_patch(lang: Lang) -> SheetPatch:
    """A sheet with the bilingual how-to, opened by the Help button (no Python needed)."""
    patch = SheetPatch(say("help.sheet", lang), names=HELP_NAMES, rebuild=True)
    patch.put(1, 1, say("help.title", lang), style="title")
    row = 3
    for key in ("help.what", "help.buttons", "help.install", "help.manager", "help.rules"):
        for language in (lang, "en" if lang == "zh" else "zh"):
            patch.put(row, 1, say(key + ".title", language), style="bold")
            text = say(key, language)
            patch.put(row + 1, 1, text, style="wrap")
            # Rows do not grow for wrapped text on their own in Excel: give them room,
            # a line to spare, as programs break lines a little differently.
            patch.heights[row + 1] = LINE_POINTS * (text_lines(text, HELP_WIDTH) + 1)
            row += 3
    patch.widths = {1: HELP_WIDTH}
    # Printed (or made a PDF), the page fits the column rather than cutting lines off.
    patch.print_setup = PrintSetup(landscape=False, fit_width=True, area=f"A1:A{row}",
                                   footer_left=patch.name, footer_right=say("report.page", lang))
    return patch


def _package(book: Book, writer: BookWriter, lang: Lang, with_xlwings: bool = True,
             team: list[ModuleSource] | None = None) -> bytes:
    """The macro-enabled package: code names assigned, the VBA project and the ribbon."""
    team = team or []
    sheets = [(t, _sheet_code_name(writer, t)) for t in writer.sheet_names()]
    current = writer.workbook.code_name()
    workbook_code = current if current and valid_code_name(current) else "ThisWorkbook"
    names = code_names(sheets, {workbook_code})
    renamed = {old: names[title] for title, old in sheets if old and old != names[title]}
    if current and current != workbook_code:
        renamed[current] = workbook_code
    writer.workbook.set_code_name(workbook_code)
    for title, _ in sheets:
        writer.set_sheet_code_name(title, names[title])
    writer.finish()
    buffer = io.BytesIO()
    book.save(buffer)
    project = build_project(project_modules(workbook_code, [names[t] for t, _ in sheets],
                                            with_xlwings, team, renamed))
    return make_macro_workbook(buffer.getvalue(), project, ribbon_xml(lang))


def build_workbook(out: Path, today: dt.date = SAMPLE_DAY, with_xlwings: bool = True) -> Path:
    """Build the bundled workbook: the sample team sheet, refreshed and reported as of
    ``today``, with Settings, Help, the xlwings config, the VBA project and the ribbon."""
    with tempfile.TemporaryDirectory() as folder:
        sample = write_sample(Path(folder) / "客户跟进表.xlsx", today=today)
        outcome = run(sample, today=today, report=True)
        with Book(sample) as book:
            writer = BookWriter(book)
            writer.apply(help_patch(outcome.lang))
            writer.apply(config_patch())
            data = _package(book, writer, outcome.lang, with_xlwings)
    write_atomic(Path(out), data)
    return Path(out)


def adopt_workbook(source: Path, out: Path, today: dt.date | None = None) -> Path:
    """Turn a team's workbook into the macro-enabled one, keeping all of theirs: every
    part, every cell and style, and the VBA modules it already has."""
    source = Path(source)
    with Book(source) as book:
        team = team_modules(book)
        check_extents(book)
        reader = SheetReader(source)
        try:
            sheets = file_sheets(book, reader)
            settings, _, has_settings = settings_of(sheets)
            layout = find_layout(sheets, settings)
        finally:
            reader.close()
        lang: Lang = settings.language or ("zh" if layout.chinese else "en")
        writer = BookWriter(book)
        names = {normalize_label(n) for n in writer.sheet_names()}
        if not has_settings:
            writer.apply(settings_patch(lang, today or dt.date.today(), layout))
        if not names & {normalize_label(n) for n in HELP_NAMES}:
            writer.apply(help_patch(lang))
        writer.apply(config_patch())
        data = _package(book, writer, lang, team=team)
    write_atomic(Path(out), data)
    return Path(out)
