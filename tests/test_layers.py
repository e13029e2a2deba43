"""The package's layers: imports point only downwards, and each module stays small.

rules (pure) < sheets (patches as data) < book and vba (the workbook file) < mail <
excel (inside Excel) < build, lite_build and sample < cli < the entry points. A module may import
from its own layer or any below, never from one above; imports inside functions count.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "xltrade"

#: Layer of each top-level name under ``xltrade``; higher may import lower.
LAYERS = {
    "__init__": 0, "errors": 0,
    "rules": 1,
    "sheets": 2,
    "book": 3, "vba": 3,
    "mail": 4,
    "excel": 5,
    "build": 6, "sample": 6, "lite_build": 6,
    "cli": 7,
    "__main__": 8, "udfs": 8,
}
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS[parts[1] if len(parts) > 1 else "__init__"]


def imported(source: str, module: str, is_package: bool) -> set[str]:
    """The ``xltrade`` modules a module's source imports, wherever the import is."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "xltrade"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.split(".")[0] != "xltrade":
                continue
            for alias in node.names:
                # ``from xltrade import mail`` imports the module xltrade.mail.
                candidate = f"{base}.{alias.name}"
                sub = SRC.parent.joinpath(*candidate.split("."))
                found.add(candidate if sub.with_suffix(".py").exists() or sub.is_dir()
                          else base)
    return found


def upward_imports(files: dict[str, tuple[str, bool]]) -> list[str]:
    wrong = []
    for module, (source, is_package) in sorted(files.items()):
        for target in sorted(imported(source, module, is_package)):
            if target != "xltrade" and layer(target) > layer(module):
                wrong.append(f"{module} imports {target}")
    return wrong


def package_files() -> dict[str, tuple[str, bool]]:
    return {module_name(p): (p.read_text("utf-8"), p.name == "__init__.py")
            for p in SRC.rglob("*.py")}


def test_every_module_has_a_layer() -> None:
    for module in package_files():
        layer(module)  # a KeyError names a module outside the plan


def test_imports_point_only_downwards() -> None:
    assert upward_imports(package_files()) == []


@pytest.mark.parametrize(("module", "line"), [
    ("xltrade.rules.grading", "from xltrade.sheets.patch import SheetPatch"),
    ("xltrade.sheets.report", "    from xltrade.book.writer import BookWriter"),
    ("xltrade.book.writer", "from xltrade import mail"),
    ("xltrade.rules.table", "import xltrade.excel.udfs"),
    ("xltrade.excel.macros", "from ..cli import main"),
])
def test_an_upward_import_is_caught(module: str, line: str) -> None:
    files = package_files()
    source, is_package = files[module]
    body = f"def later() -> None:\n{line}\n" if line.startswith(" ") else line + "\n"
    files[module] = (source + "\n" + body, is_package)
    assert upward_imports(files), line


def test_no_module_is_over_400_lines() -> None:
    long = {m: len(s.splitlines()) for m, (s, _) in package_files().items()
            if len(s.splitlines()) > MAX_LINES}
    assert long == {}


def test_the_rules_touch_no_workbook_excel_or_file_library() -> None:
    banned = {"openpyxl", "xlwings", "zipfile", "python_calamine", "lxml", "defusedxml"}
    for module, (source, _) in package_files().items():
        if not module.startswith("xltrade.rules"):
            continue
        for node in ast.walk(ast.parse(source)):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not {n.split(".")[0] for n in names} & banned, (module, names)


def test_what_handed_out_workbooks_call_still_imports() -> None:
    """Workbooks already handed out call modules by name: the buttons through RunPython,
    the UDF wrappers through CallUDF, xlwings' UDF import through the config sheet. Each
    name read out of the committed workbook imports and has what is called."""
    from oletools.olevba import VBA_Parser

    from xltrade.book.package import Book

    committed = SRC.parents[1] / "workbook" / "Customers.xlsm"
    parser = VBA_Parser(str(committed))
    try:
        code = "\n".join(c for _, _, _, c in parser.extract_macros())
    finally:
        parser.close()
    buttons = set(re.findall(r'RunPython "import ([\w.]+) as \w+; \w+\.(\w+)\(\)"', code))
    udfs = set(re.findall(r'CallUDF\("(xltrade[\w.]*)", "(\w+)"', code))
    assert {f for _, f in buttons} == {"refresh", "weekly_report", "email_manager",
                                       "record_followup", "customer_replied"}
    assert {f for _, f in udfs} == {"xltrade_grade", "xltrade_next_followup", "xltrade_due"}
    with Book(committed) as book:
        config = next(book.read(p) for p in book.names() if p.startswith("xl/worksheets/")
                      and b"UDF Modules" in book.read(p))
    named = re.search(rb"UDF Modules.*?<t[^>]*>([\w.]+)</t>", config)
    assert named is not None
    udf_module = named.group(1).decode()
    for module, function in [*buttons, *udfs, *((udf_module, f) for _, f in udfs)]:
        assert callable(getattr(importlib.import_module(module), function)), (module, function)
