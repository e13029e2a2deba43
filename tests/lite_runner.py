"""Run one script of a Lite workbook's own ``main.py`` on a copy of that workbook, as
xlwings Lite does: the scripts from the code stored in the workbook, xltrade from the
bundle inside it (never the installed package), the workbook through the test engine's
Lite mode. Prints what the script said and where xltrade was loaded from, as JSON.

    python lite_runner.py WORKBOOK SCRIPT [--customer NAME | --select SHEET!CELL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import types
import zipfile
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).parent))

import xlwings as xw

import xlwings_engine

WE = "{http://schemas.microsoft.com/office/webextensions/webextension/2010/11}"


def stored_code(path: Path) -> str:
    """main.py as the workbook stores it (read without xltrade)."""
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.startswith("xl/webextensions/webextension"):
                root = etree.fromstring(package.read(name))
                for prop in root.iter(f"{WE}property"):
                    if prop.get("name") == "main.py":
                        return str(json.loads(prop.get("value")))
    raise SystemExit(f"{path}: no main.py")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("workbook", type=Path)
    parser.add_argument("script")
    parser.add_argument("--customer")
    parser.add_argument("--select")
    parser.add_argument("--code", type=Path, help="main.py (default: the workbook's own)")
    args = parser.parse_args()
    code = args.code.read_text("utf-8") if args.code else stored_code(args.workbook)
    engine = xlwings_engine.register(lite=True)
    app = xw.App(impl=engine.impl.apps.add())
    book = xw.Book(impl=app.impl.books.open(str(args.workbook)))
    if args.customer is not None:
        book.sheets["xltrade"]["D11"].value = args.customer
        book.sheets["xltrade"]["D14"].select()  # the button's cell, as Lite selects it
    elif args.select:
        sheet, cell = args.select.split("!")
        book.sheets[sheet].activate()
        book.sheets[sheet][cell].select()
    module = types.ModuleType("main")
    sys.modules["main"] = module
    exec(compile(code, "main.py", "exec"), module.__dict__)
    asyncio.run(getattr(module, args.script)(book))
    book.save()
    print(json.dumps({"alerts": app.impl.alerts, "xltrade": sys.modules["xltrade"].__file__},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
