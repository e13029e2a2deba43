"""The xlwings Lite workbook: the same buttons with nothing to install.

xlwings Lite (an Office add-in) runs Python inside Excel for Windows, Mac and the web,
from code kept in the workbook (:mod:`xltrade.book.lite_parts`). The workbook carries
``main.py``, whose ``@script`` functions are the buttons (:mod:`xltrade.excel.lite`
does their work), and ``requirements.txt``, the packages Lite installs. xltrade
itself comes one of two ways: inside ``main.py``, as a zip of the modules the scripts
need (the default: nothing to publish), or from PyPI, pinned in ``requirements.txt``.

``build_lite_workbook`` writes the sample as such a workbook; ``adopt_lite`` turns a
team's own workbook into one through the package writer, every part of theirs kept.
"""

from __future__ import annotations

import ast
import base64
import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path
from typing import Literal

import xltrade
from xltrade.book.adoptable import read_team
from xltrade.book.guard import write_atomic
from xltrade.book.lite_parts import add_lite, lite_settings
from xltrade.book.package import Book
from xltrade.book.packager import FIXED_TIME, VBA_REL, reproducible
from xltrade.book.read import check_extents
from xltrade.book.writer import BookWriter
from xltrade.build import sample_book
from xltrade.errors import XltradeError
from xltrade.sheets.lite_sheet import LITE_SHEET, SCRIPTS, lite_sheet_patch
from xltrade.sheets.settings import settings_patch

Source = Literal["bundle", "pypi"]
#: The Pyodide Lite runs the code on (its CPython is 3.12) and the add-in version that
#: saved the workbooks this layout was read from.
PYODIDE_VERSION = "0.27.5"
PYODIDE_PYTHON = (3, 12)
ADDIN_VERSION = "1.0.0.0-18"
#: What the engine imports that is not in Python's library: wheels from PyPI or
#: packages built for Pyodide. xlwings is pinned as the desktop one is (0.37.5 is the
#: first with the conditional formats and dropdowns the scripts write).
REQUIREMENTS = ("xlwings==0.37.8", "pandas", "numpy", "holidays==0.109", "phonenumbers",
                "tzdata")
#: The module the scripts run; the bundle is it and every xltrade module it imports.
ENTRY = "xltrade.excel.lite"
SAMPLE_DAY = dt.date(2026, 11, 18)
_PACKAGE = Path(xltrade.__file__).parent


def _module_file(name: str) -> Path | None:
    path = _PACKAGE.parent.joinpath(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _run_on_import(tree: ast.Module) -> list[ast.AST]:
    """The nodes that run when the module is imported: not those inside functions,
    whose imports are loaded when called (the ribbon's macros, behind a name)."""
    out: list[ast.AST] = []
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        out.append(node)
        todo += [child for child in ast.iter_child_nodes(node)
                 if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)]
    return out


def _imports(name: str, source: str) -> set[str]:
    """The xltrade modules ``source`` (module ``name``) imports when it is imported."""
    found: set[str] = set()
    for node in _run_on_import(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("xltrade")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("xltrade"):
            base = node.module or ""
            found |= {f"{base}.{a.name}" if _module_file(f"{base}.{a.name}") else base
                      for a in node.names}
    return found - {name}


def bundled_modules() -> dict[str, str]:
    """Path in the zip -> source of every module the scripts need, with the packages
    they sit in."""
    seen: dict[str, Path] = {}
    todo = [ENTRY]
    while todo:
        name = todo.pop()
        path = _module_file(name)
        if name in seen or path is None:
            continue
        seen[name] = path
        parts = name.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]
        todo += sorted(_imports(name, path.read_text("utf-8")))
    return {str(path.relative_to(_PACKAGE.parent).as_posix()): path.read_text("utf-8")
            for _, path in sorted(seen.items())}


def bundle() -> bytes:
    """The modules as a zip, the same bytes for the same sources."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, source in bundled_modules().items():
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, source.encode("utf-8"))
    return out.getvalue()


_HEAD = '''"""xltrade for xlwings Lite: the buttons of the xltrade sheet and of this pane.

刷新 Refresh · 生成周报 Weekly report · 发给经理 Email manager · 记录跟进 Record
follow-up · 客户已回复 Customer replied. Each runs xltrade {version}'s rules on this
workbook, as the command line and the ribbon do. Written by `xltrade workbook --lite`:
change the customer sheet and 设置 (Settings), not this code.
"""

import xlwings as xw
from xlwings import script
'''
_LOADER = '''
import base64
import os
import sys
import tempfile

# xltrade's modules, a zip in base64 (it is not installed from PyPI here).
_ENGINE = (
{lines}
)


def _load_engine():
    path = os.path.join(tempfile.gettempdir(), "xltrade-{digest}.zip")
    if not os.path.exists(path):
        with open(path, "wb") as out:
            out.write(base64.b64decode("".join(_ENGINE)))
    if path not in sys.path:
        sys.path.insert(0, path)


_load_engine()
'''
_SCRIPT = '''

@script(button={button!r}, show_taskpane=True)
async def {name}(book: xw.Book):
    """{doc}"""
    await lite.{name}(book)
'''
_DOCS = {"refresh": "刷新 / Refresh: grades, next follow-up dates, due status, suggestions.",
         "weekly_report": "生成周报 / Weekly report: refresh, then the report sheet anew.",
         "email_manager": "发给经理 / Email manager: the report and a link to mail it.",
         "record_followup": "记录跟进 / Record follow-up: for the customer typed or selected.",
         "customer_replied": "客户已回复 / Customer replied: for the customer typed or selected."}


def main_py(source: Source = "bundle") -> str:
    """The workbook's ``main.py``: the scripts, and with ``bundle`` the engine."""
    text = _HEAD.format(version=xltrade.__version__)
    if source == "bundle":
        data = base64.b64encode(bundle()).decode("ascii")
        lines = "\n".join(f'    "{data[i:i + 76]}"' for i in range(0, len(data), 76))
        digest = hashlib.sha256(data.encode("ascii")).hexdigest()[:12]
        text += _LOADER.format(lines=lines, digest=digest)
    text += "\nfrom xltrade.excel import lite  # noqa: E402\n"
    for s in SCRIPTS:
        text += _SCRIPT.format(button=s.button_ref, name=s.name, doc=_DOCS[s.name])
    return text


def requirements_txt(source: Source = "bundle") -> str:
    lines = list(REQUIREMENTS)
    if source == "pypi":
        lines.append(f"xltrade=={xltrade.__version__}")
    return "\n".join(lines) + "\n"


def code_settings(source: Source = "bundle") -> dict[str, str]:
    """The add-in's settings, in the order Lite saves them."""
    return {"main.py": main_py(source), "pyodideVersion": PYODIDE_VERSION,
            "addinVersion": ADDIN_VERSION, "requirements.txt": requirements_txt(source)}


def build_lite_workbook(out: Path, today: dt.date = SAMPLE_DAY,
                        source: Source = "bundle") -> Path:
    """The sample team sheet, refreshed and reported as of ``today``, as a plain
    ``.xlsx`` with the button sheet and the Lite code; the same bytes every time."""
    with sample_book(today) as (book, writer, lang):
        writer.apply(lite_sheet_patch(lang))
        writer.finish()
        add_lite(book, code_settings(source))
        buffer = io.BytesIO()
        book.save(buffer)
    write_atomic(Path(out), reproducible(buffer.getvalue()))
    return Path(out)


def adopt_lite(source_path: Path, out: Path, today: dt.date | None = None,
               source: Source = "bundle") -> Path:
    """A team's workbook with the button sheet, Settings when it has none, and the Lite
    code; every part of theirs (a VBA project too) kept byte for byte."""
    source_path = Path(source_path)
    with Book(source_path) as book:
        if lite_settings(book) is not None:
            raise XltradeError(f"{source_path}: this workbook already carries xlwings Lite "
                               "code; run xltrade report on it, or adopt the team's original")
        check_extents(book)
        has_vba = any(r.type == VBA_REL for r in book.rels(book.workbook_part))
        if has_vba != (Path(out).suffix.lower() == ".xlsm"):
            kind = ".xlsm, to keep its macros" if has_vba else ".xlsx"
            raise XltradeError(f"{out}: the Lite copy of {source_path.name} must be an {kind}")
        team = read_team(book)
        if any(name.casefold() == LITE_SHEET for name in team.sheet_names):
            raise XltradeError(f"{source_path}: it has a sheet named '{LITE_SHEET}' already, "
                               "where the buttons go: rename that sheet and run again")
        writer = BookWriter(book)
        if not team.has_settings:
            writer.apply(settings_patch(team.lang, today or dt.date.today(), team.layout))
        writer.apply(lite_sheet_patch(team.lang))
        writer.finish()
        add_lite(book, code_settings(source))
        buffer = io.BytesIO()
        book.save(buffer)
    write_atomic(Path(out), buffer.getvalue())
    return Path(out)
