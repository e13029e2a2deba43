"""跟进提醒 and 逾期天数 follow the day the file is opened: formulas over 下次跟进 and
TODAY(), with the run's values cached, agreeing with the red and amber rows."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from lxml import html

from conftest import TODAY, need
from xltrade.rules.texts import say
from xltrade.sample import write_sample
from xltrade.sheets.highlight import DUE_TODAY, OVERDUE

LATER = dt.date(2026, 12, 5)  # 17 days after the run


def refresh(path: Path) -> list[dict[str, object]]:
    done = subprocess.run([sys.executable, "-m", "xltrade", "refresh", str(path), "--today",
                           TODAY.isoformat(), "--json"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def columns(header: list[object], lang: str) -> dict[str, int]:
    names = {"zh": ("客户名称", "下次跟进", "跟进提醒", "逾期天数"),
             "en": ("客户名称", "Next follow-up", "Due", "Days overdue")}[lang]
    return dict(zip(("company", "next", "due", "days"), (header.index(n) for n in names),
                    strict=True))


def test_the_cells_are_formulas_holding_the_runs_values(tmp_path: Path) -> None:
    book = write_sample(tmp_path / "team.xlsx", today=TODAY)
    rows = {r["row"]: r for r in refresh(book)}
    formulas = openpyxl.load_workbook(book)["客户表"]
    cached = openpyxl.load_workbook(book, data_only=True)["客户表"]
    header = [c.value for c in formulas[3]]
    at = columns(header, "zh")
    for number, row in rows.items():
        due = formulas.cell(number, at["due"] + 1).value
        days = formulas.cell(number, at["days"] + 1).value
        assert isinstance(due, str) and due.startswith("=IF(ISNUMBER(") and "TODAY()" in due
        assert isinstance(days, str) and "TODAY()" in days
        assert cached.cell(number, at["due"] + 1).value == say(f"due.{row['due']}", "zh")
        # An empty text result reads back as a blank.
        assert cached.cell(number, at["days"] + 1).value == row["days_overdue"]


def opened_later(book: Path, out: Path) -> list[list[tuple[str, str | None]]]:
    """The customer sheet as LibreOffice shows it on ``LATER``: (text, background) per
    cell, conditional formats applied."""
    need("soffice", "faketime")
    profile = out / "profile"
    subprocess.run(["faketime", f"{LATER.isoformat()} 10:00:00", "soffice",
                    f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "html", "--outdir", str(out), str(book)],
                   check=True, capture_output=True, timeout=300)
    page = html.parse(str(out / (book.stem + ".html")))
    table = next(iter(page.iter("table")))
    return [[(td.text_content().strip(), td.get("bgcolor")) for td in tr.findall("td")]
            for tr in table.findall(".//tr")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seventeen_days_later_words_colours_and_days_agree(tmp_path: Path, lang: str) -> None:
    """Opened 17 days after the run, in a program that calculates: every row's 跟进提醒
    and 逾期天数 are those of the day it is opened, and red rows are exactly the
    overdue ones."""
    book = write_sample(tmp_path / "team.xlsx", today=TODAY)
    if lang == "en":
        in_english(book)
    customers = {str(r["company"]) for r in refresh(book)}
    shown = opened_later(book, tmp_path)
    header_row = next(i for i, r in enumerate(shown) if any(t == "客户名称" for t, _ in r))
    at = columns([t for t, _ in shown[header_row]], lang)
    sunday = LATER + dt.timedelta(days=6 - LATER.weekday())
    checked = overdue = 0
    for row in shown[header_row + 1:]:
        if len(row) <= at["days"] or row[at["company"]][0] not in customers:
            continue  # not a customer: a blank row, the total line
        text = row[at["next"]][0]
        due, days = row[at["due"]][0], row[at["days"]][0]
        colour = (row[at["company"]][1] or "").upper().lstrip("#")
        if not text:
            assert due == say("due.excluded", lang) and days == ""
            continue
        nxt = dt.date.fromisoformat(text)
        code = ("overdue" if nxt < LATER else "today" if nxt == LATER
                else "this_week" if nxt <= sunday else "later")
        assert due == say(f"due.{code}", lang), (row[at["company"]][0], text, due)
        assert days == str(max(0, (LATER - nxt).days))
        assert (colour == OVERDUE[0]) == (code == "overdue"), (row[at["company"]][0], colour)
        assert (colour == DUE_TODAY[0]) == (code == "today")
        checked += 1
        overdue += code == "overdue"
    assert checked >= 50 and overdue > 30


def in_english(book: Path) -> None:
    """The sample told to speak English (its Settings sheet), so the run writes English
    headers and words."""
    wb = openpyxl.load_workbook(book)
    settings = wb.create_sheet("Settings")
    settings["A3"], settings["B3"] = "Language", "en"
    wb.save(book)
