"""Run by the system Python with LibreOffice's UNO bridge (python3-uno), not by pytest:
open a workbook in headless LibreOffice, list its Basic/VBA modules with their types,
optionally run one macro, and print what it saw as JSON.

    python3 probe.py WORKBOOK [MACRO] [CELL]
"""

import json
import sys

from office import desktop, load, prop

MODULE_TYPES = {0: "unknown", 1: "normal", 2: "class", 3: "form", 4: "document"}


def main():
    path, macro, cell = [*sys.argv[1:], None, None][:3]
    with desktop() as office:
        doc = load(office, path, prop("MacroExecutionMode", 4))
        seen = {"libraries": {}, "sheets": list(doc.Sheets.ElementNames), "values": {}}
        for sheet_name in doc.Sheets.ElementNames:
            sheet = doc.Sheets.getByName(sheet_name)
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            last = cursor.getRangeAddress()
            block = sheet.getCellRangeByPosition(0, 0, last.EndColumn, last.EndRow)
            seen["values"][sheet_name] = {
                "visible": bool(sheet.IsVisible),
                "rows": [list(row) for row in block.getDataArray()]}
        libraries = doc.BasicLibraries
        for name in libraries.ElementNames:
            library = libraries.getByName(name)
            modules = {}
            for module in library.ElementNames:
                kind = None
                if libraries.hasByName(name) and hasattr(library, "hasModuleInfo") \
                        and library.hasModuleInfo(module):
                    kind = MODULE_TYPES.get(library.getModuleInfo(module).ModuleType)
                modules[module] = {"type": kind, "code": library.getByName(module)}
            seen["libraries"][name] = modules
        if macro:
            provider = doc.getScriptProvider()
            script = provider.getScript(
                f"vnd.sun.star.script:{macro}?language=Basic&location=document")
            script.invoke((), (), ())
            if cell:
                sheet, address = cell.split("!")
                seen["cell"] = doc.Sheets.getByName(sheet).getCellRangeByName(address).getString()
        doc.close(True)
        print(json.dumps(seen))


if __name__ == "__main__":
    main()
