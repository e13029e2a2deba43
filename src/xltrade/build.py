"""Assembling the macro-enabled workbook: the team's sheets, xltrade's own sheets,
the VBA project (xlwings' module and class, xltrade's ribbon module, the UDF
wrappers, one document module per sheet) and the ribbon.

``build_workbook`` makes the bundled ``workbook/Customers.xlsm`` from the sample, with
a new VBA project. ``adopt_workbook`` turns a team's existing workbook into one,
keeping every cell, style and sheet of theirs; when it has a VBA project of its own,
xltrade's modules are added to that project (``xltrade.vba.merge``) and its ribbon
gains xltrade's tab, so their modules, forms, references, protection and buttons stay.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

import xlwings

from xltrade.book.adoptable import read_team
from xltrade.book.guard import write_atomic
from xltrade.book.package import Book
from xltrade.book.packager import RIBBON14_REL_TYPE, RIBBON_REL_TYPE, VBA_REL, make_macro_workbook
from xltrade.book.read import check_extents
from xltrade.book.run import run
from xltrade.book.writer import BookWriter
from xltrade.errors import XltradeError
from xltrade.excel.ribbon import clashes, merge_tab, prefixed_dispatch, ribbon_xml
from xltrade.excel.udf_wrappers import MODULE_NAME as UDF_MODULE_NAME
from xltrade.excel.udf_wrappers import wrappers_module
from xltrade.rules.history import HISTORY_SHEET
from xltrade.rules.normalize import normalize_label
from xltrade.rules.texts import TEXTS, Lang, say
from xltrade.sample import write_sample
from xltrade.sheets.patch import LINE_POINTS, Block, PrintSetup, SheetPatch, text_lines
from xltrade.sheets.report import REPORT_NAMES
from xltrade.sheets.settings import SETTINGS_NAMES, settings_patch
from xltrade.vba.merge import TeamModule, TeamProject, inspect_project, merge_project
from xltrade.vba.project import WORKBOOK_BASE, WORKSHEET_BASE, Module, build_project
from xltrade.vba.reader import read_modules
from xltrade.vba.team import code_names as team_code_names
from xltrade.vba.team import free_name, rename_modules

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


def own_code_name(title: str) -> str | None:
    """The code name xltrade's VBA knows one of xltrade's own sheets by."""
    own = {
        **dict.fromkeys(SETTINGS_NAMES, OWN_CODE_NAMES["settings"]),
        **dict.fromkeys(HELP_NAMES, OWN_CODE_NAMES["help"]),
        **dict.fromkeys(REPORT_NAMES, OWN_CODE_NAMES["report"]),
        HISTORY_SHEET: OWN_CODE_NAMES["history"], CONFIG_SHEET: OWN_CODE_NAMES["config"],
    }
    return own.get(title)


def code_names(sheets: list[tuple[str, str | None]], taken: set[str]) -> dict[str, str]:
    """Sheet name -> code name: xltrade's sheets get the fixed ones the VBA refers to, the
    team's keep theirs when VBA accepts them, others get SheetN."""
    taken = {t.lower() for t in taken}
    out: dict[str, str] = {}
    for title, _ in sheets:
        if (own := own_code_name(title)) is not None:
            out[title] = own
            taken.add(own.lower())
    number = 1
    for title, current in sheets:
        if own_code_name(title) is not None:
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


def _first_line(text: str) -> str:
    """A module's first line of code, after its attribute lines."""
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip() and not line.startswith("Attribute "):
            return line.strip()
    return ""


def _code(text: str) -> str:
    """A module's code without its attribute lines and with LF line ends."""
    lines = text.replace("\r\n", "\n").rstrip("\n").split("\n")
    return "\n".join(line for line in lines if not line.startswith("Attribute "))


def _ours(module: TeamModule) -> bool:
    """One of xltrade's own modules (of this release or an earlier one, perhaps renamed
    with the ``xltrade`` prefix), which adopting again replaces. A team's module named
    ``xlwings`` that is xlwings' own module counts too: a project can hold only one
    (two would make RunPython ambiguous), and ours is the version xltrade needs. A
    team's own ``Dictionary`` class or ``xlwings_udfs`` module is theirs unless its
    code is ours."""
    name = module.name.casefold()
    if name not in {n.casefold() for n in OWN_MODULES} and not name.startswith("xltrade"):
        return False
    text = module.text
    return (_first_line(text) == _first_line(xltrade_module().code)
            or (_first_line(text) == _first_line(udf_module().code)
                and '"xltrade.udfs"' in text)
            or (re.search(r"^'Version: ", text, re.M) is not None
                and "Function RunPython(" in text)
            or _code(text) == _code(dictionary_class().code))


def project_modules(workbook_code_name: str, sheet_code_names: list[str],
                    with_xlwings: bool = True) -> list[Module]:
    """Every module a new project needs: one document module per sheet, named by the
    workbook's and sheets' code names, then xltrade's."""
    modules = [Module(workbook_code_name, "document", "", WORKBOOK_BASE)]
    modules += [Module(name, "document", "", WORKSHEET_BASE) for name in sheet_code_names]
    return modules + own_modules(with_xlwings)


def own_modules(with_xlwings: bool = True) -> list[Module]:
    """xltrade's standard and class modules."""
    modules = [xltrade_module()]
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


@dataclass(frozen=True)
class Ribbon:
    """How the ribbon goes in: the team's own ribbon parts, if any, get our tab; our
    control ids carry a prefix when theirs already use one of them."""

    lang: Lang
    theirs: bool = False
    prefixed: bool = False

    def merge(self) -> Callable[[bytes], bytes] | None:
        if not self.theirs:
            return None
        return lambda xml: merge_tab(xml, self.lang, self.prefixed)


def _package(book: Book, writer: BookWriter, ribbon: Ribbon,
             with_xlwings: bool = True) -> bytes:
    """The macro-enabled package with a new VBA project: code names assigned, the
    project and the ribbon."""
    sheets = [(t, _sheet_code_name(writer, t)) for t in writer.sheet_names()]
    current = writer.workbook.code_name()
    workbook_code = current if current and valid_code_name(current) else "ThisWorkbook"
    names = code_names(sheets, {workbook_code})
    writer.workbook.set_code_name(workbook_code)
    for title, _ in sheets:
        writer.set_sheet_code_name(title, names[title])
    writer.finish()
    buffer = io.BytesIO()
    book.save(buffer)
    modules = project_modules(workbook_code, [names[t] for t, _ in sheets], with_xlwings)
    if ribbon.prefixed:
        modules = [replace(m, code=prefixed_dispatch(m.code)) if m.name == "xltrade" else m
                   for m in modules]
    return make_macro_workbook(buffer.getvalue(), build_project(modules),
                               ribbon_xml(ribbon.lang), ribbon.merge())


def _merged_package(book: Book, writer: BookWriter, ribbon: Ribbon, project: bytes,
                    team: TeamProject) -> bytes:
    """The macro-enabled package with xltrade's modules added to the team's project."""
    removed = [m.name for m in team.modules if _ours(m)]
    taken = set(team.taken) - {name.casefold() for name in removed}
    titles = writer.sheet_names()
    names = team_code_names(
        team, writer.workbook.code_name(),
        [(t, _sheet_code_name(writer, t), own_code_name(t)) for t in titles], taken)
    if names.workbook != writer.workbook.code_name():
        writer.workbook.set_code_name(names.workbook)
    for title in titles:
        if names.sheets[title] != _sheet_code_name(writer, title) and \
                names.sheets[title].isascii():
            writer.set_sheet_code_name(title, names.sheets[title])
    writer.finish()
    buffer = io.BytesIO()
    book.save(buffer)
    ours = _fitted(own_modules(), taken, names.sheets, ribbon.prefixed)
    try:
        merged = merge_project(project, [*names.added, *ours], removed)
    except ValueError as exc:
        raise XltradeError(f"{book.path}: xltrade's macros cannot be added to its VBA "
                           f"project ({exc}); {NO_MACROS}") from exc
    return make_macro_workbook(buffer.getvalue(), merged, ribbon_xml(ribbon.lang),
                               ribbon.merge())


#: Where to send a team whose workbook cannot take xltrade's macros.
NO_MACROS = ("use xltrade without macros instead: xltrade report on the workbook itself, "
             "or right-click it > Send to > xltrade 生成周报")


def _fitted(modules: list[Module], taken: set[str], sheets: dict[str, str],
            prefixed: bool) -> list[Module]:
    """xltrade's modules renamed where the team's project already uses their names,
    pointing at the code names xltrade's sheets actually have."""
    renames = {m.name: free_name(m.name, taken) for m in modules}
    fitted = rename_modules(modules, {old: new for old, new in renames.items() if old != new})
    literals = {OWN_CODE_NAMES[key]: sheets[title] for key, title_names in
                (("settings", SETTINGS_NAMES), ("help", HELP_NAMES))
                for title in sheets if title in title_names}
    out = []
    for module in fitted:
        code = module.code
        if renames.get("xltrade") == module.name:
            for old, new in literals.items():
                code = code.replace(f'"{old}"', f'"{new}"')
            if prefixed:
                code = prefixed_dispatch(code)
        out.append(replace(module, code=code))
    return out


@contextlib.contextmanager
def sample_book(today: dt.date) -> Iterator[tuple[Book, BookWriter, Lang]]:
    """The sample team sheet, refreshed and reported as of ``today``, open for
    xltrade's own sheets and parts to be added; with the language it is written in."""
    with tempfile.TemporaryDirectory() as folder:
        sample = write_sample(Path(folder) / "客户跟进表.xlsx", today=today)
        outcome = run(sample, today=today, report=True)
        with Book(sample) as book:
            yield book, BookWriter(book), outcome.lang


def build_workbook(out: Path, today: dt.date = SAMPLE_DAY, with_xlwings: bool = True) -> Path:
    """Build the bundled workbook: the sample team sheet, refreshed and reported as of
    ``today``, with Settings, Help, the xlwings config, the VBA project and the ribbon."""
    with sample_book(today) as (book, writer, lang):
        writer.apply(help_patch(lang))
        writer.apply(config_patch())
        data = _package(book, writer, Ribbon(lang), with_xlwings)
    write_atomic(Path(out), data)
    return Path(out)


def adopt_workbook(source: Path, out: Path, today: dt.date | None = None) -> Path:
    """Turn a team's workbook into the macro-enabled one, keeping all of theirs: every
    part, every cell and style, and its VBA project, to which xltrade's modules are
    added."""
    source = Path(source)
    with Book(source) as book:
        project, team = _team_project(book)
        check_extents(book)
        theirs = read_team(book)
        lang, layout, has_settings = theirs.lang, theirs.layout, theirs.has_settings
        ribbon = _team_ribbon(book, lang)
        writer = BookWriter(book)
        names = {normalize_label(n) for n in writer.sheet_names()}
        if not has_settings:
            writer.apply(settings_patch(lang, today or dt.date.today(), layout))
        if not names & {normalize_label(n) for n in HELP_NAMES}:
            writer.apply(help_patch(lang))
        writer.apply(config_patch())
        data = _package(book, writer, ribbon) if team is None else \
            _merged_package(book, writer, ribbon, project, team)
    write_atomic(Path(out), data)
    return Path(out)


def _team_project(book: Book) -> tuple[bytes, TeamProject | None]:
    """The team's VBA project (bytes and what it holds), or none."""
    part = next((r.part for r in book.rels(book.workbook_part)
                 if r.type == VBA_REL and not r.external and book.exists(r.part)), None)
    if part is None:
        return b"", None
    data = book.read(part)
    try:
        return data, inspect_project(data)
    except Exception as exc:  # olefile's and our reader's errors: a damaged project
        raise XltradeError(f"{book.path}: its VBA project cannot be read ({exc}); open it in "
                           f"Excel and save it again, or {NO_MACROS}") from exc


def _team_ribbon(book: Book, lang: Lang) -> Ribbon:
    """Whether the team has a ribbon of its own, and whether its ids clash with ours."""
    parts = [r.part for r in book.rels("") if r.type in (RIBBON_REL_TYPE, RIBBON14_REL_TYPE)
             and not r.external and book.exists(r.part)]
    try:
        prefixed = any(clashes(book.read(part)) for part in parts)
        for part in parts:  # any problem shows now, in one line, not while packaging
            merge_tab(book.read(part), lang, prefixed)
    except ValueError as exc:
        raise XltradeError(f"{book.path}: {exc}; fix its ribbon with the Office RibbonX "
                           f"editor, or {NO_MACROS}") from exc
    return Ribbon(lang, theirs=bool(parts), prefixed=prefixed)
