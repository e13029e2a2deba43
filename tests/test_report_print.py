"""What the manager sees: the weekly report rendered by LibreOffice to PDF (pages, the
title on page 1, numbers under their headers, no empty list column), the README's
main command on two different run dates, the filter over the computed columns, the
order of a new Settings sheet."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import TODAY, need
from xltrade.book.read import SheetReader
from xltrade.book.run import run
from xltrade.rules.setting_labels import ROW_ORDER, SETTING_LABELS
from xltrade.rules.settings import default_rows
from xltrade.sample import write_sample

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs"))
from render_report import render  # noqa: E402  (the script a person runs to look)


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need("soffice", "pdftotext")
    folder = tmp_path_factory.mktemp("print")
    sample = write_sample(folder / "客户跟进表.xlsx", today=TODAY)
    run(sample, today=TODAY, report=True)
    return render(sample, folder)


def words(pdf: Path) -> list[tuple[int, float, float, float, str]]:
    """(page, x min, x max, y, text) of every word, from pdftotext's bounding boxes."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    found = []
    for page, body in enumerate(re.split(r"<page ", html)[1:], start=1):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="[\d.]+">([^<]*)</word>', body):
            found.append((page, float(m.group(1)), float(m.group(3)), float(m.group(2)),
                          m.group(4)))
    return found


def test_the_report_prints_on_four_pages_with_its_title_first(report_pdf: Path) -> None:
    """Four pages for the sample's 60 customers: next week's plan gives each buyer's
    hours, which takes a second line, and the data issues then start a page of their
    own rather than being cut in two."""
    info = subprocess.run(["pdfinfo", str(report_pdf)], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert 1 <= pages <= 4
    first = [w for w in words(report_pdf) if w[0] == 1]
    assert any("客户跟进周报" in w[4] for w in first)
    # The footer names the week and counts the pages.
    assert any("2026-W47" in w[4] for w in first)


def test_each_salesperson_figure_sits_under_its_header(report_pdf: Path) -> None:
    """Customers, overdue and followed up stand right under their headers, with no
    wide list column between them; the grade mix adds up to the customers, the
    excluded named."""
    found = words(report_pdf)
    header = next(w for w in found if w[4] == "本周跟进")
    row_y = next(w[3] for w in found if w[4] == "张伟" and w[3] > header[3] and w[0] == header[0])
    labels = [w for w in found if w[0] == header[0] and abs(w[3] - header[3]) < 2]
    mix = next(w for w in labels if w[4] == "等级分布")
    line = [w for w in found if w[0] == header[0] and abs(w[3] - row_y) < 2]
    figures = [w for w in line if re.fullmatch(r"\d+", w[4]) and w[2] < mix[1]]
    assert len(figures) == len(labels) - 2 == 3  # customers, overdue, followed up
    for figure in figures:
        # Right-aligned under a right-aligned header: the right edges line up.
        nearest = min(labels, key=lambda label: abs(label[2] - figure[2]))
        assert abs(nearest[2] - figure[2]) < 3, (figure, nearest)
    # No gap wider than a column of figures between the salesperson and the grade mix.
    assert mix[1] - max(f[2] for f in figures) < 60
    text = " ".join(w[4] for w in sorted(line, key=lambda w: w[1]) if w[1] >= mix[1] - 1)
    counts = [int(n) for n in re.findall(r"[A-D] (\d+)", text)]
    excluded = re.search(r"不跟进 (\d+)", text)
    customers = int(min(figures, key=lambda w: w[1])[4])
    assert len(counts) == 4 and sum(counts) + (int(excluded.group(1)) if excluded else 0) \
        == customers, text


def test_no_line_is_a_lone_closing_bracket(report_pdf: Path) -> None:
    """A suggestion's last "）" never wraps onto a line of its own."""
    text = subprocess.run(["pdftotext", "-layout", str(report_pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert not [line for line in text.splitlines() if line.strip() in ("）", ")")]


def test_no_list_column_is_empty(report_pdf: Path) -> None:
    found = words(report_pdf)
    for title in ("逾期客户（最紧急在前）", "风险客户", "下周计划"):
        top = next(w for w in found if w[4].startswith(title.split("（")[0]))
        header_y = next(w[3] for w in found if w[0] == top[0] and w[3] > top[3]
                        and w[4] == "客户")
        header = sorted((w for w in found if w[0] == top[0] and abs(w[3] - header_y) < 2),
                        key=lambda w: w[1])
        assert len(header) == 8, [w[4] for w in header]
        below = [w for w in found if w[0] == top[0] and header_y + 5 < w[3] < header_y + 60]
        bounds = [h[1] for h in header] + [10_000]
        for column, (left, right) in enumerate(itertools.pairwise(bounds)):
            assert any(left - 40 <= w[1] < right for w in below), (title, header[column][4])


def test_the_filter_covers_the_computed_columns(tmp_path: Path) -> None:
    sample = write_sample(tmp_path / "客户跟进表.xlsx", today=TODAY)
    run(sample, today=TODAY)
    with zipfile.ZipFile(sample) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        book = archive.read("xl/workbook.xml").decode()
    reader = SheetReader(sample)
    try:
        header = reader.rows("客户表")[2]
    finally:
        reader.close()
    last = len([h for h in header if h is not None])
    assert header[last - 1] == "跟进建议"
    area = re.search(r'<autoFilter ref="A3:([A-Z]+)(\d+)"', sheet)
    assert area is not None
    letters = area.group(1)
    assert sum((ord(c) - 64) * 26 ** i for i, c in enumerate(reversed(letters))) == last
    assert f"$A$3:${letters}${area.group(2)}" in book


def test_a_new_settings_sheet_starts_with_what_a_user_fills_in() -> None:
    labels = [label for label, _, _ in default_rows("zh", TODAY)]
    first = {key: labels.index(SETTING_LABELS[key][0]) for key in ROW_ORDER}
    assert first["language"] == 0
    assert first["manager_email"] < first["mail_method"] < first["cadence_A"]
    assert all(first["holiday"] > first[k] for k in ROW_ORDER if k != "holiday")
    assert labels[-1] == SETTING_LABELS["holiday"][0]


def readme_command() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## Run it on the bundled workbook", 1)[1]
    line = re.search(r"```bash\n(xltrade report [^\n]+)\n```", section)
    assert line is not None
    return line.group(1).split()


@pytest.mark.parametrize("clock", ["2027-03-02 09:00:00", "2029-08-15 17:30:00"])
def test_the_readme_command_shows_a_live_week_on_any_day(clock: str, tmp_path: Path) -> None:
    """Run as a user would on a later day (the clock moved by faketime): the report
    shows the sample's week with its activity, not an empty week."""
    need("faketime")
    (tmp_path / "workbook").mkdir()
    shutil.copy(ROOT / "workbook" / "Customers.xlsm", tmp_path / "workbook")
    command = readme_command()
    done = subprocess.run(["faketime", clock, sys.executable, "-m", "xltrade", *command[1:]],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "2026-11-16 ~ 2026-11-22" in done.stdout
    reader = SheetReader(tmp_path / command[command.index("--out") + 1])
    try:
        rows = reader.rows("周报")
    finally:
        reader.close()
    figures = {row[0]: row[1] for row in rows if row and isinstance(row[1], int)}
    assert figures["本周新询盘"] > 0 and figures["本周已跟进客户"] > 0
    assert figures["下周需跟进"] > 0
