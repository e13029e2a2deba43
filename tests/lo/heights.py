"""Run by the system Python with LibreOffice's UNO bridge (python3-uno), not by pytest:
open a workbook in headless LibreOffice and, for each sheet named, list the rows whose
text needs more height than the row has (LibreOffice's own optimal height, at the
column widths the sheet sets): wrapped text cut off when printed. Prints JSON.

    python3 heights.py WORKBOOK SHEET [SHEET ...]
"""

import json
import sys

from office import desktop, load

#: 1/100 mm: half a millimetre of slack for rounding between programs.
SLACK = 50


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
    with desktop() as office:
        doc = load(office, path)
        seen = {name: short_rows(doc.Sheets.getByName(name)) for name in names}
        doc.close(True)
        print(json.dumps(seen, ensure_ascii=False))


if __name__ == "__main__":
    main()
