"""Fitting xltrade's modules into a team's VBA project: free names, code names for
sheets, and renaming our modules where the team already uses a name.

VBA names are case-insensitive: every comparison here is on case-folded names. A team
module keeps its name; one of ours that would clash takes an ``xltrade`` prefix
(``Dictionary`` becomes ``xltradeDictionary``) and every use of it in our own modules'
code is renamed with it, so nothing of the team's changes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from xltrade.vba.merge import TeamProject
from xltrade.vba.project import WORKBOOK_BASE, WORKSHEET_BASE, Module
from xltrade.vba.rename import rename_module

#: VBA allows module names of at most 31 characters.
MAX_NAME = 31
PREFIX = "xltrade"


def free_name(base: str, taken: set[str]) -> str:
    """``base`` when no module, stream or library uses it, else ``xltrade`` + Base, then
    with 2, 3, ... after it; the name is added to ``taken``."""
    prefixed = base if base.casefold().startswith(PREFIX) else PREFIX + base[0].upper() + \
        base[1:]
    candidates = itertools.chain([base, prefixed],
                                 (f"{prefixed[:MAX_NAME - 4]}{n}" for n in itertools.count(2)))
    name = next(c[:MAX_NAME] for c in candidates if c[:MAX_NAME].casefold() not in taken)
    taken.add(name.casefold())
    return name


def sheet_name(taken: set[str]) -> str:
    """The first ``SheetN`` no module uses, as Excel names a new sheet's module."""
    name = next(f"Sheet{n}" for n in itertools.count(1) if f"sheet{n}" not in taken)
    taken.add(name.casefold())
    return name


@dataclass
class CodeNames:
    """Code names for the workbook and its sheets, and the document modules to add for
    those the team's project has none for."""

    workbook: str = ""
    sheets: dict[str, str] = field(default_factory=dict)
    added: list[Module] = field(default_factory=list)


def code_names(team: TeamProject, workbook: str | None,
               sheets: Sequence[tuple[str, str | None, str | None]],
               taken: set[str]) -> CodeNames:
    """Workbook and sheet (title, current code name, preferred code name) -> the code
    names to use: a sheet whose code name is a document module of the project keeps it
    (spelled as the project spells it); any other gets its preferred name (xltrade's
    own sheets) or SheetN, and a new, empty document module, as Excel gives a sheet."""
    documents = team.documents()
    claimed: set[str] = set()
    out = CodeNames()

    def claim(name: str | None) -> str | None:
        if name and name.casefold() in documents and name.casefold() not in claimed:
            claimed.add(name.casefold())
            return documents[name.casefold()]
        return None

    out.workbook = claim(workbook) or claim(_workbook_module(team)) or ""
    if not out.workbook:
        out.workbook = free_name("ThisWorkbook", taken)
        out.added.append(Module(out.workbook, "document", "", WORKBOOK_BASE))
    for title, current, preferred in sheets:
        name = claim(current)
        if name is None:
            name = free_name(preferred, taken) if preferred else sheet_name(taken)
            out.added.append(Module(name, "document", "", WORKSHEET_BASE))
        out.sheets[title] = name
    return out


def _workbook_module(team: TeamProject) -> str | None:
    """The document module of the workbook itself (its VB_Base is the Workbook class)."""
    marker = f'Attribute VB_Base = "{WORKBOOK_BASE}"'.casefold()
    return next((m.name for m in team.modules
                 if m.kind == "document" and marker in m.text.casefold()), None)


def rename_modules(modules: Iterable[Module], renames: dict[str, str]) -> list[Module]:
    """``modules`` with every module in ``renames`` (old -> new) renamed, and every use
    of those names in all their code renamed with it."""
    out = []
    for module in modules:
        code = module.code
        for old, new in renames.items():
            code = rename_module(code, old, new)
        out.append(replace(module, name=renames.get(module.name, module.name), code=code))
    return out
