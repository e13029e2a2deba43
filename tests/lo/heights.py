"""Run by the system Python with LibreOffice's UNO bridge (python3-uno), not by pytest:
open a workbook in headless LibreOffice and, for each sheet named, list the rows whose
text needs more height than the row has (LibreOffice's own optimal height, at the
column widths the sheet sets): wrapped text cut off when printed. Prints JSON.

    python3 heights.py WORKBOOK SHEET [SHEET ...]
"""

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue

#: 1/100 mm: half a millimetre of slack for rounding between programs.
SLACK = 50


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def short_rows(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    last = cursor.getRangeAddress()
    found = []
    for index in range(last.EndRow + 1):
        row = sheet.getRows().getByIndex(index)
        height = row.Height
        row.OptimalHeight = True
        needed = row.Height
        if needed > height + SLACK:
            texts = sheet.getCellRangeByPosition(0, index, last.EndColumn, index).getDataArray()
            found.append([index + 1, height, needed, [str(t) for t in texts[0] if t != ""]])
    return found


def main():
    path, *names = sys.argv[1:]
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    pipe = f"xltradeh{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
            (prop("Hidden", True),))
        seen = {name: short_rows(doc.Sheets.getByName(name)) for name in names}
        doc.close(True)
        print(json.dumps(seen, ensure_ascii=False))
    finally:
        with contextlib.suppress(Exception):
            desktop.terminate()
        office.terminate()
        try:
            office.wait(30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
