"""Render the weekly report as the manager sees it: PDF and PNG pages, for a person to
look at after changing the layout.

    python docs/render_report.py                      # the sample, as of 2026-11-18
    python docs/render_report.py Customers.xlsm out/  # a workbook already reported

Needs LibreOffice (soffice) and poppler (pdftoppm). Writes <out>/report.pdf and
<out>/report-1.png, report-2.png, ...
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

SAMPLE_DAY = dt.date(2026, 11, 18)


def only_sheet(source: Path, target: Path, keep: str) -> Path:
    """A copy of the workbook with only ``keep`` listed, so a PDF holds just that sheet;
    its print names (area, title rows) move with it."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/workbook.xml":
                data = _one_sheet(data.decode("utf-8"), keep).encode("utf-8")
            out.writestr(info, data)
    return target


def _one_sheet(text: str, keep: str) -> str:
    sheets = re.findall(r"<sheet\b[^>]*/>", text)
    index = next(i for i, s in enumerate(sheets) if f'name="{keep}"' in s)
    text = re.sub(r"<sheet\b[^>]*/>",
                  lambda m: m.group(0) if f'name="{keep}"' in m.group(0) else "", text)

    def local(m: re.Match[str]) -> str:
        found = re.search(r'localSheetId="(\d+)"', m.group(0))
        if not found or int(found.group(1)) != index:
            return ""
        return m.group(0).replace(found.group(0), 'localSheetId="0"')

    text = re.sub(r"<definedName\b.*?</definedName>", local, text, flags=re.S)
    return re.sub(r'\s(?:activeTab|firstSheet)="\d+"', "", text)


def render(workbook: Path, out: Path, sheet: str = "周报") -> Path:
    """``out``/report.pdf of one sheet of ``workbook``, rendered by LibreOffice."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        single = only_sheet(workbook, Path(folder) / "report.xlsx", sheet)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile",
                        "--headless", "--convert-to", "pdf", "--outdir", str(out),
                        str(single)], check=True, capture_output=True, timeout=300)
    return out / "report.pdf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", type=Path, nargs="?")
    parser.add_argument("out", type=Path, nargs="?", default=Path("report-pages"))
    args = parser.parse_args()
    workbook = args.workbook
    if workbook is None:
        from xltrade.book.run import run
        from xltrade.sample import write_sample

        args.out.mkdir(parents=True, exist_ok=True)
        workbook = write_sample(args.out / "客户跟进表.xlsx", today=SAMPLE_DAY, force=True)
        run(workbook, today=SAMPLE_DAY, report=True)
    pdf = render(workbook, args.out)
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf), str(args.out / "report")],
                   check=True)
    print("\n".join(str(p) for p in sorted(args.out.glob("report*"))))


if __name__ == "__main__":
    main()
