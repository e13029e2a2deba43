"""The xlwings Lite workbook: the add-in's parts and code, built reproducibly and valid;
its scripts, run from the code stored in the workbook (xltrade from the bundle inside
it) through the test engine's Lite mode, write what the command line writes; the
package writer keeps the Lite parts, the manager's snapshot drops them; ``adopt
--lite`` keeps every part of the team's."""

from __future__ import annotations

import ast
import datetime as dt
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from conftest import TODAY, missing_tool, zip_parts
from package_checks import consistency_problems, problems
from pyodide_compile import compile_under_pyodide, pyodide_available
from test_excel import snapshot
from xltrade.book.lite_parts import LITE_ADDIN, TASKPANES_REL, lite_settings
from xltrade.book.package import Book
from xltrade.book.run import run
from xltrade.lite_build import PYODIDE_PYTHON, build_lite_workbook, bundled_modules, main_py
from xltrade.sample import write_sample
from xltrade.sheets.lite_sheet import SCRIPTS

RUNNER = Path(__file__).parent / "lite_runner.py"
WE = "{http://schemas.microsoft.com/office/webextensions/webextension/2010/11}"
#: What Lite cannot write as desktop Excel does, by design (docs/excel.md): the report's
#: chart data columns stay visible (Lite cannot make a chart draw hidden cells).
LITE_DATA_COLUMNS = ("J", "K")


@pytest.fixture(scope="module")
def lite_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_lite_workbook(tmp_path_factory.mktemp("lite") / "Customers.xlsx")


def xltrade(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xltrade", *map(str, args)],
                          capture_output=True, text=True)


def lite_run(path: Path, script: str, *extra: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, str(RUNNER), str(path), script, *extra],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def seen_like_lite(path: Path, reported: bool = False) -> dict[str, object]:
    """The snapshot of a file the command line wrote, as Lite would have written it
    (``reported``: the report sheet rebuilt, by Lite with its chart data visible)."""
    seen = snapshot(path)
    for name, value in seen.items():
        if name == "sheets":
            continue
        cells, rules, charts, widths, dropdowns, tables = value  # type: ignore[misc]
        charts = [(col, row, title, None) for col, row, title, _ in charts]
        if reported and name == "周报":
            widths = {k: (8.0 if k in LITE_DATA_COLUMNS and w == "hidden" else w)
                      for k, w in widths.items()}
        seen[name] = (cells, rules, charts, widths, dropdowns, tables)
    return seen


def seen_by_lite(path: Path) -> dict[str, object]:
    seen = snapshot(path)
    for name, value in seen.items():
        if name != "sheets":
            cells, rules, charts, widths, dropdowns, tables = value  # type: ignore[misc]
            seen[name] = (cells, rules, [(c, r, t, None) for c, r, t, _ in charts], widths,
                          dropdowns, tables)
    return seen


# --- the file ---------------------------------------------------------------------

def test_the_workbook_carries_lite_with_its_code(lite_book: Path, tmp_path: Path) -> None:
    parts = zip_parts(lite_book)
    extension = etree.fromstring(parts["xl/webextensions/webextension1.xml"])
    assert extension.find(f"{WE}reference").get("id") == LITE_ADDIN
    with Book(lite_book) as book:
        settings = lite_settings(book)
    assert settings is not None
    assert list(settings) == ["main.py", "pyodideVersion", "addinVersion", "requirements.txt"]
    code = settings["main.py"]
    assert code == main_py() and len(code.encode()) < 1_000_000
    scripts = {node.name: node for node in ast.parse(code).body
               if isinstance(node, ast.AsyncFunctionDef)}
    assert list(scripts) == [s.name for s in SCRIPTS]
    for s in SCRIPTS:
        decorator = scripts[s.name].decorator_list[0]
        assert isinstance(decorator, ast.Call) and decorator.func.id == "script"  # type: ignore[attr-defined]
        button = next(k.value.value for k in decorator.keywords  # type: ignore[attr-defined]
                      if k.arg == "button")
        assert button == s.button_ref
    assert "xlwings==0.37.8" in settings["requirements.txt"].splitlines()
    # The pane opens with the workbook.
    assert b'visibility="1"' in parts["xl/webextensions/taskpanes.xml"]
    # Each script's button: a shape of its name over the cell it links to.
    drawing = next(v for k, v in parts.items() if k.startswith("xl/drawings/drawing")
                   and b"xltrade_refresh" in v)
    for s in SCRIPTS:
        assert f'name="xltrade_{s.name}"'.encode() in drawing
    rels = b"".join(v for k, v in parts.items() if k.startswith("xl/drawings/_rels/"))
    for s in SCRIPTS:
        assert f"Target=\"#'xltrade'!{s.cell}\"".encode() in rels
    assert consistency_problems(parts) == []
    again = build_lite_workbook(tmp_path / "again.xlsx")
    assert again.read_bytes() == lite_book.read_bytes()
    assert problems([lite_book]) == {lite_book.name: set()}


def test_the_code_compiles_under_the_python_of_the_pyodide_it_pins(lite_book: Path) -> None:
    reason = pyodide_available()
    if reason:
        missing_tool(reason)
    files = {"main.py": main_py(), **bundled_modules()}
    version, errors = compile_under_pyodide(files)
    assert version.startswith("{}.{}.".format(*PYODIDE_PYTHON)) and errors == {}


def test_the_bundle_holds_what_the_scripts_import_and_no_file_or_desktop_code() -> None:
    names = set(bundled_modules())
    assert "xltrade/excel/lite.py" in names and "xltrade/rules/engine.py" in names
    assert not {n for n in names if n.startswith(("xltrade/book/", "xltrade/cli/"))
                or n in ("xltrade/mail.py", "xltrade/excel/macros.py")}


# --- the scripts --------------------------------------------------------------------

def two_copies(lite_book: Path, tmp_path: Path) -> tuple[Path, Path]:
    by_cli, by_lite = tmp_path / "cli" / "Customers.xlsx", tmp_path / "lite" / "Customers.xlsx"
    for path in (by_cli, by_lite):
        path.parent.mkdir()
        shutil.copy(lite_book, path)
    return by_cli, by_lite


@pytest.mark.parametrize("script", ["refresh", "weekly_report"])
def test_lite_scripts_write_what_the_command_line_writes(lite_book: Path, tmp_path: Path,
                                                         script: str) -> None:
    by_cli, by_lite = two_copies(lite_book, tmp_path)
    today = dt.date.today()  # the scripts compute as of the day they run
    run(by_cli, today=today, report=script == "weekly_report")
    said = lite_run(by_lite, script)
    # xltrade came from the bundle stored in the workbook, not from this checkout.
    assert ".zip" in str(said["xltrade"])
    assert len(said["alerts"]) == 1 and "xltrade" in said["alerts"][0][0]  # type: ignore[index]
    assert seen_by_lite(by_lite) == seen_like_lite(by_cli, script == "weekly_report")


def test_lite_recording_writes_what_xltrade_log_writes(lite_book: Path, tmp_path: Path) -> None:
    by_cli, by_lite = two_copies(lite_book, tmp_path)
    ws = openpyxl.load_workbook(lite_book, read_only=True)["客户表"]
    name = str(next(ws.iter_rows(min_row=5, max_row=5, min_col=2, max_col=2,
                                 values_only=True))[0])
    done = xltrade("log", by_cli, "--customer", name)
    assert done.returncode == 0, done.stderr
    said = lite_run(by_lite, "record_followup", "--customer", name)
    assert name in said["alerts"][0][1]  # type: ignore[index]
    seen, expected = seen_by_lite(by_lite), seen_like_lite(by_cli)
    # The name the salesperson typed on the button sheet is theirs, not xltrade's.
    typed = seen["xltrade"][0].pop("D11")  # type: ignore[index]
    assert typed[0] == name
    assert seen == expected


def test_lite_recording_without_a_customer_says_how(lite_book: Path, tmp_path: Path) -> None:
    path = tmp_path / "Customers.xlsx"
    shutil.copy(lite_book, path)
    said = lite_run(path, "record_followup", "--select", "xltrade!D14")
    assert "客户名称或行号" in said["alerts"][0][1]  # type: ignore[index]
    assert zip_parts(path)["xl/worksheets/sheet1.xml"]  # opened and saved, nothing else


def test_lite_mail_is_a_link_to_the_managers_address(lite_book: Path, tmp_path: Path) -> None:
    path = tmp_path / "Customers.xlsx"
    code = tmp_path / "main.py"
    with Book(lite_book) as book:
        stored = lite_settings(book)
    assert stored is not None
    code.write_text(stored["main.py"], encoding="utf-8")
    wb = openpyxl.load_workbook(lite_book)
    settings = wb["设置"]
    row = next(r for r in range(1, settings.max_row + 1)
               if str(settings.cell(r, 1).value or "").startswith("经理邮箱"))
    settings.cell(row, 2).value = "boss@example.com"
    wb.save(path)
    said = lite_run(path, "email_manager", "--code", str(code))
    assert "D1" in said["alerts"][0][1]  # type: ignore[index]
    link = openpyxl.load_workbook(path)["周报"]["D1"].hyperlink
    assert link is not None and link.target.startswith("mailto:boss@example.com?subject=")


# --- the package writer -------------------------------------------------------------

def lite_parts(path: Path) -> dict[str, bytes]:
    return {k: v for k, v in zip_parts(path).items() if k.startswith("xl/webextensions/")}


def test_commands_keep_the_lite_parts_and_the_snapshot_drops_them(lite_book: Path,
                                                                 tmp_path: Path) -> None:
    path = tmp_path / "Customers.xlsx"
    shutil.copy(lite_book, path)
    kept = lite_parts(path)
    assert len(kept) == 3
    for command in (["report", path, "--today", TODAY], ["refresh", path, "--today", TODAY],
                    ["log", path, "--customer", "Prime Retail 00005", "--today", TODAY]):
        done = xltrade(*command)
        assert done.returncode == 0, done.stderr
        assert lite_parts(path) == kept, command[0]
        parts = zip_parts(path)
        assert TASKPANES_REL.encode() in parts["_rels/.rels"]
        assert consistency_problems(parts) == []
    copy = tmp_path / "manager.xlsx"
    done = xltrade("snapshot", path, "--out", copy)
    assert done.returncode == 0, done.stderr
    parts = zip_parts(copy)
    assert not any(k.startswith("xl/webextensions/") for k in parts)
    assert b"webextension" not in parts["_rels/.rels"] + parts["[Content_Types].xml"]
    assert consistency_problems(parts) == []
    assert problems([path, copy]) == {path.name: set(), copy.name: set()}


# --- adopt --lite -------------------------------------------------------------------

def test_adopt_lite_keeps_every_part_of_the_team(tmp_path: Path) -> None:
    team = write_sample(tmp_path / "team.xlsx", today=TODAY)
    out = tmp_path / "team-lite.xlsx"
    done = xltrade("adopt", team, "--lite", "--out", out)
    assert done.returncode == 0, done.stderr
    before, after = zip_parts(team), zip_parts(out)
    # Only the parts that list sheets, relationships and types change; the rest is theirs.
    edited = {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
              "xl/_rels/workbook.xml.rels", "docProps/app.xml", "xl/styles.xml"}
    assert {k: v for k, v in before.items() if k not in edited} == \
        {k: v for k, v in after.items() if k in before and k not in edited}
    with Book(out) as book:
        assert lite_settings(book) is not None
    assert consistency_problems(after) == []
    assert problems([out]) == {out.name: set()}
    again = xltrade("adopt", out, "--lite", "--out", tmp_path / "twice.xlsx")
    assert again.returncode == 1 and "already carries xlwings Lite code" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1


def test_adopt_lite_keeps_a_teams_macros_in_an_xlsm(tmp_path: Path) -> None:
    from xltrade.build import build_workbook

    macro = build_workbook(tmp_path / "team.xlsm")
    wrong = xltrade("adopt", macro, "--lite", "--out", tmp_path / "team-lite.xlsx")
    assert wrong.returncode == 1 and ".xlsm, to keep its macros" in wrong.stderr
    out = tmp_path / "team-lite.xlsm"
    done = xltrade("adopt", macro, "--lite", "--out", out)
    assert done.returncode == 0, done.stderr
    assert zip_parts(out)["xl/vbaProject.bin"] == zip_parts(macro)["xl/vbaProject.bin"]
    with zipfile.ZipFile(out) as package:
        assert "xl/webextensions/webextension1.xml" in package.namelist()


def test_from_pypi_the_workbook_pins_xltrade_and_carries_no_bundle(tmp_path: Path) -> None:
    out = tmp_path / "L.xlsx"
    done = xltrade("workbook", "--lite", "--code-from", "pypi", "--out", out)
    assert done.returncode == 0, done.stderr
    with Book(out) as book:
        settings = lite_settings(book)
    assert settings is not None
    from xltrade import __version__

    assert f"xltrade=={__version__}" in settings["requirements.txt"].splitlines()
    assert "_ENGINE" not in settings["main.py"] and len(settings["main.py"]) < 5_000
    ast.parse(settings["main.py"])


def test_recording_from_the_pane_takes_the_selected_row(lite_book: Path, tmp_path: Path) -> None:
    by_cli, by_lite = two_copies(lite_book, tmp_path)
    ws = openpyxl.load_workbook(lite_book, read_only=True)["客户表"]
    name = str(next(ws.iter_rows(min_row=7, max_row=7, min_col=2, max_col=2,
                                 values_only=True))[0])
    done = xltrade("log", by_cli, "--customer", name)
    assert done.returncode == 0, done.stderr
    said = lite_run(by_lite, "record_followup", "--select", "客户表!C7")
    assert name in said["alerts"][0][1]  # type: ignore[index]
    assert seen_by_lite(by_lite) == seen_like_lite(by_cli)
