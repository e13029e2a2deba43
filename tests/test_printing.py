"""Every sheet xltrade writes prints readably on A4 in both languages, as LibreOffice
lays it out: no row too short for its wrapped text (LibreOffice's own optimal height),
the 设置 sheet one portrait page wide with names, values and notes side by side, the
log and the Help one page wide, the customer sheet across as many landscape pages as
keep its text readable, with its header row on every page."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import TODAY, need
from xltrade.book.run import run
from xltrade.sample import write_sample

ROOT = Path(__file__).resolve().parents[1]
HEIGHTS = Path(__file__).parent / "lo" / "heights.py"
sys.path.insert(0, str(ROOT / "docs"))
from render_report import render  # noqa: E402

SHEETS = {"zh": {"customers": "客户表", "report": "周报", "settings": "设置",
                 "help": "使用说明", "log": "跟进记录"},
          "en": {"customers": "客户表", "report": "Weekly Report", "settings": "Settings",
                 "help": "Help", "log": "Follow-ups"}}


#: The sample's headers as an English-speaking team writes them.
ENGLISH = ["No.", "Company", "Contact", "Email", "Phone", "Country", "Owner", "Lead source",
           "Buyer type", "Stage", "First contact", "Last contact", "Last reply", "Orders",
           "Last order", "Follow-ups", "Unanswered", "Medium", "Grade override",
           "Planned follow-up", "Products", "Notes", "Buyer style"]


def xltrade(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "xltrade", *args], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module", params=["zh", "en"])
def book(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> tuple[str, Path]:
    """The sample made a macro workbook (with Help), refreshed with a report and one
    follow-up logged, in ``lang``."""
    lang = request.param
    folder = tmp_path_factory.mktemp(f"print-{lang}")
    team = write_sample(folder / "team.xlsx", today=TODAY)
    if lang == "en":
        wb = openpyxl.load_workbook(team)
        for cell, header in zip(wb["客户表"][3], ENGLISH, strict=True):
            cell.value = header
        wb.save(team)
    path = folder / "Customers.xlsm"
    xltrade("adopt", str(team), "--out", str(path))
    run(path, today=TODAY, report=True)
    xltrade("log", str(path), "--customer", "Berlin Haus GmbH", "--medium", "email")
    return lang, path


def pages(pdf: Path) -> list[tuple[float, float, str]]:
    """(width, height, text) of each page."""
    info = subprocess.run(["pdfinfo", "-l", "999", str(pdf)], capture_output=True,
                          text=True, check=True).stdout
    sizes = [(float(w), float(h)) for w, h in
             re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]
    texts = [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf),
                             "-"], capture_output=True, text=True, check=True).stdout
             for n in range(1, len(sizes) + 1)]
    return [(w, h, t) for (w, h), t in zip(sizes, texts, strict=True)]


def printed(path: Path, sheet: str, out: Path) -> list[tuple[float, float, str]]:
    need("soffice", "pdftotext", "pdfinfo")
    return pages(render(path, out / re.sub(r"\W", "_", sheet), sheet))


def test_no_row_is_too_short_for_its_text(book: tuple[str, Path]) -> None:
    """LibreOffice's own measure: each row is as tall as its wrapped text needs, so
    nothing is cut in half on paper (a title, a Help paragraph, a long setting note)."""
    need("soffice")
    if not Path("/usr/bin/python3").exists():
        pytest.skip("needs the system python3 with LibreOffice's UNO bridge")
    lang, path = book
    names = [SHEETS[lang][k] for k in ("report", "settings", "help", "log")]
    done = subprocess.run(["/usr/bin/python3", str(HEIGHTS), str(path), *names],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {name: [] for name in names}


def test_settings_print_one_portrait_page_wide(book: tuple[str, Path], tmp_path: Path
                                              ) -> None:
    lang, path = book
    found = printed(path, SHEETS[lang]["settings"], tmp_path)
    header = ("设置项", "说明") if lang == "zh" else ("Setting", "Note")
    first_note = "zh 或 en" if lang == "zh" else "zh or en"
    assert 2 <= len(found) <= 3
    assert first_note in found[0][2]
    for width, height, text in found:
        assert width < height  # portrait
        # The header row on every page, names and notes on the same page.
        assert all(h in text for h in header), text[:200]


def test_help_and_log_print_one_page_wide(book: tuple[str, Path], tmp_path: Path) -> None:
    lang, path = book
    helped = printed(path, SHEETS[lang]["help"], tmp_path)
    assert 1 <= len(helped) <= 3 and all(w < h for w, h, _ in helped)
    logged = printed(path, SHEETS[lang]["log"], tmp_path)
    (page,) = logged
    assert page[0] > page[1]  # landscape
    assert "Berlin Haus GmbH" in page[2]


def test_the_customer_sheet_prints_readably_across_pages(book: tuple[str, Path],
                                                         tmp_path: Path) -> None:
    """29 columns: two landscape pages across, not one page of 3-point text; the
    header row and the customer's name on every page."""
    lang, path = book
    found = printed(path, SHEETS[lang]["customers"], tmp_path)
    assert len(found) == 2
    due = "跟进提醒" if lang == "zh" else "Due"
    for width, height, text in found:
        assert width > height
        assert ("客户名称" if lang == "zh" else "Company") in text
        assert "Riyadh Build Materials" in text
    assert due in found[1][2] and due not in found[0][2]
    # Words at least 5 points tall (about 6.5-point text): one page across gave 2.5.
    boxes = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "客户表" / "report.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    heights = sorted(float(y2) - float(y1) for y1, y2 in re.findall(
        r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes))
    assert heights[len(heights) // 2] >= 5, heights[len(heights) // 2]
