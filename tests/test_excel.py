"""The Excel layer run on Linux through an xlwings engine over openpyxl: the ribbon
macros give the same workbook as the command line, and report failures as a message."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import xlwings as xw

import xlwings_engine
from conftest import TODAY
from package_checks import problems
from test_build import modules_of
from xltrade.book.run import run
from xltrade.build import build_workbook
from xltrade.excel import macros as excel
from xltrade.excel.apply import cell_value
from xltrade.excel.udfs import xltrade_due, xltrade_grade, xltrade_next_followup

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("built") / "Customers.xlsm")


@pytest.fixture
def open_book() -> Iterator:
    engine = xlwings_engine.register()
    app = xw.App(impl=engine.impl.apps.add())

    def open_(path: Path) -> xw.Book:
        book = xw.Book(impl=app.impl.books.open(str(path)))
        book.set_mock_caller()
        return book

    yield open_
    if hasattr(xw.Book, "_mock_caller"):
        del xw.Book._mock_caller


def snapshot(path: Path) -> dict[str, object]:
    """What a person sees: sheets in order with visibility, every non-empty cell's
    value, type, number format, boldness and fill, conditional formats, charts, column
    widths (or hidden), dropdowns and tables."""
    wb = openpyxl.load_workbook(path)
    seen: dict[str, object] = {"sheets": [(ws.title, ws.sheet_state) for ws in wb.worksheets]}
    for ws in wb.worksheets:
        cells = {c.coordinate: (c.value, c.data_type, c.number_format, bool(c.font.bold),
                                c.fill.fgColor.rgb if c.fill.fill_type else None)
                 for row in ws.iter_rows() for c in row if c.value is not None}
        rules = sorted((str(cf.sqref), r.formula[0], r.priority, r.dxf.fill.fgColor.rgb)
                       for cf in ws.conditional_formatting for r in cf.rules)
        charts = [(c.anchor._from.col, c.anchor._from.row, c.title.tx.rich.p[0].r[0].t,
                   c.visible_cells_only) for c in ws._charts]
        # A hidden column has no width to see (openpyxl reads back one of its own).
        widths = {k: "hidden" if d.hidden else d.width
                  for k, d in ws.column_dimensions.items() if d.width or d.hidden}
        dropdowns = sorted((str(dv.sqref), dv.formula1)
                           for dv in ws.data_validations.dataValidation)
        tables = sorted((t.displayName, t.ref, t.tableStyleInfo.name)
                        for t in ws.tables.values())
        seen[ws.title] = (cells, rules, charts, widths, dropdowns, tables)
    return seen


def two_copies(built: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The built workbook twice: one for the command line, one for the buttons."""
    by_cli = tmp_path / "cli" / "Customers.xlsm"
    by_button = tmp_path / "excel" / "Customers.xlsm"
    for path in (by_cli, by_button):
        path.parent.mkdir()
        shutil.copy(built, path)
    return by_cli, by_button


def test_buttons_write_what_the_command_line_writes(built: Path, tmp_path: Path,
                                                    open_book) -> None:
    by_cli, by_button = two_copies(built, tmp_path)
    book = open_book(by_button)
    for day, report in ((TODAY, False), (TODAY, True), (TODAY + dt.timedelta(days=7), True)):
        run(by_cli, today=day, report=report)
        excel.run_book(book, today=day, report=report)
        book.save()
        assert snapshot(by_button) == snapshot(by_cli), (day, report)
    assert book.app.impl.alerts == []


def test_refresh_button_says_what_it_did(built: Path, tmp_path: Path, open_book) -> None:
    path = tmp_path / "Customers.xlsm"
    shutil.copy(built, path)
    book = open_book(path)
    excel.refresh()
    (title, message), = book.app.impl.alerts
    assert title == "xltrade" and message.startswith("已更新 60 位客户。")
    # The sample's messy cells are data issues whatever today's date is.
    assert re.search(r"有 \d+ 个数据问题", message)
    excel.weekly_report()
    assert book.app.impl.alerts[1][1].startswith("周报已生成（")


def test_failures_reach_the_user_as_a_message_not_a_traceback(tmp_path: Path,
                                                              open_book) -> None:
    path = tmp_path / "notes.xlsm"
    wb = openpyxl.Workbook()
    wb.active.append(["Product", "Price"])
    wb.save(path)
    book = open_book(path)
    excel.refresh()
    (_, message), = book.app.impl.alerts
    assert "no company column found" in message and "Traceback" not in message
    assert "sheet 'Sheet' row 1 (Product, Price)" in message
    assert "The workbook was not changed" in message


def test_text_that_excel_would_reread_is_written_as_text() -> None:
    assert cell_value("=SUM(1,2) Ltd") == "'=SUM(1,2) Ltd"
    assert cell_value("+86 138") == "'+86 138"
    assert cell_value("-x") == "'-x" and cell_value("@home") == "'@home"
    assert cell_value("3/4") == "'3/4" and cell_value("007") == "'007"
    assert cell_value("TRUE") == "'TRUE"
    assert cell_value("已逾期") == "已逾期" and cell_value("Acme Ltd") == "Acme Ltd"
    assert cell_value(dt.date(2026, 11, 18)) == dt.datetime(2026, 11, 18)


FORMULA_LIKE = ["=1+1", "\t=1+1", " =1+1", "\r=1+1", "\n@SUM(A1)", "\u3000=1+1",
                "＝1+1", "＋86 138", "－2", "＠cmd", "'quoted"]


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_both_writers_keep_formula_like_text_as_text(text: str, tmp_path: Path) -> None:
    """The button path marks the text for Excel (the apostrophe is not part of the
    value); the file path writes it as an inline string. Either way the cell holds the
    text, never a formula."""
    from xltrade.book.cellxml import cell

    assert cell_value(text) == "'" + text
    xml = cell(2, 3, text)
    assert 't="inlineStr"' in xml and "<f>" not in xml


def test_every_runpython_target_exists(built: Path) -> None:
    code = modules_of(built)["xltrade"]
    targets = re.findall(r'RunPython "import xltrade\.excel as x; x\.(\w+)\(\)"', code)
    assert set(targets) == {"refresh", "weekly_report", "email_manager", "record_followup",
                            "customer_replied"}
    assert all(callable(getattr(excel, t, None)) for t in targets)


def test_email_button_shows_a_draft_and_sends_nothing(built: Path, tmp_path: Path,
                                                      open_book,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "Customers.xlsm"
    shutil.copy(built, path)
    wb = openpyxl.load_workbook(path, keep_vba=True)
    for row in wb["设置"].iter_rows(min_row=3):
        if row[0].value == "经理邮箱":
            row[1].value = "boss@example.com"
    wb.save(path)
    opened: list[Path] = []
    monkeypatch.setattr(excel, "OUTBOX", tmp_path / "outbox")
    monkeypatch.setattr(excel, "open_file", opened.append)
    book = open_book(path)
    excel.email_manager()
    (draft,) = opened
    assert draft.suffix == ".eml" and draft.parent == tmp_path / "outbox"
    msg = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert msg["X-Unsent"] == "1" and msg["To"] == "boss@example.com"
    (attachment,) = list(msg.iter_attachments())
    assert attachment.get_filename().startswith("周报-")
    (_, message), = book.app.impl.alerts
    assert "请检查后发送" in message and str(draft) in message
    # The button saved the refreshed workbook before making the copy.
    assert "周报" in openpyxl.load_workbook(path, keep_vba=True).sheetnames


def test_email_button_asks_for_the_manager_address_first(built: Path, tmp_path: Path,
                                                         open_book) -> None:
    path = tmp_path / "Customers.xlsm"
    shutil.copy(built, path)
    book = open_book(path)
    excel.email_manager()
    (_, message), = book.app.impl.alerts
    assert "经理邮箱" in message


def test_udfs_give_the_columns_the_command_line_writes(built: Path, tmp_path: Path) -> None:
    path = tmp_path / "Customers.xlsm"
    shutil.copy(built, path)
    run(path, today=TODAY)
    # What the file holds as values: 跟进提醒 is a formula whose saved value is the run's.
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb["客户表"]
    table = [[c.value for c in row] for row in ws.iter_rows(min_row=3, max_col=23)]
    settings = [[c.value for c in row] for row in wb["设置"].iter_rows(min_row=3, max_col=2)]
    today = dt.datetime(2026, 11, 18)
    columns = {"X": xltrade_grade(table, today, settings),
               "Z": xltrade_next_followup(table, today, settings),
               "AA": xltrade_due(table, 46344.0, settings)}  # a date as Excel's serial number
    for letter, column in columns.items():
        written = [ws[f"{letter}{r}"].value for r in range(3, 3 + len(table))]
        assert [row[0] if row[0] != "" else None for row in column] == written, letter


def test_recording_buttons_write_what_xltrade_log_writes(built: Path, tmp_path: Path,
                                                         open_book) -> None:
    """The same follow-ups recorded with the 记录跟进 button and with ``xltrade log``
    give the same workbook; the button leaves the cursor in the new row's note."""
    import subprocess
    import sys

    by_cli, by_button = two_copies(built, tmp_path)
    book = open_book(by_button)
    customers = book.sheets["客户表"]
    names = [str(v) for v in customers.range("B4:B10").value]
    for name in names[1:3]:
        row = 4 + names.index(name)
        customers.range((row, 2)).select()
        excel.record_followup()
        done = subprocess.run([sys.executable, "-m", "xltrade", "log", str(by_cli),
                               "--customer", name], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert book.app.impl.alerts == []
    selection = book.app.selection
    assert (selection.sheet.name, selection.row, selection.column) == ("跟进记录", 3, 8)
    book.save()
    seen = snapshot(by_button)
    assert seen == snapshot(by_cli)
    # The log is a table that took in both rows, with its three dropdowns.
    _, _, _, _, dropdowns, tables = seen["跟进记录"]
    assert tables == [("跟进记录表", "A1:H3", "TableStyleMedium2")]
    assert [ref for ref, _ in dropdowns] == ["D2:D5001", "E2:E5001", "G2:G5001"]


def test_the_replied_button_marks_the_latest_follow_up(built: Path, tmp_path: Path,
                                                       open_book) -> None:
    path = tmp_path / "Customers.xlsm"
    shutil.copy(built, path)
    book = open_book(path)
    customers = book.sheets["客户表"]
    for _ in range(2):
        customers.range((5, 2)).select()  # the button leaves the cursor in the log
        excel.record_followup()
    customers.range((5, 2)).select()
    excel.customer_replied()
    assert book.app.impl.alerts == []
    book.save()
    wb = openpyxl.load_workbook(path)
    log = [[c.value for c in row] for row in wb["跟进记录"].iter_rows(min_row=2)]
    assert [r[6] for r in log] == ["否", "是"]
    header = [c.value for c in wb["客户表"][3]]
    row = {h: c.value for h, c in zip(header, wb["客户表"][5], strict=False)}
    assert row["未回复次数"] == 0
    assert row["客户最后回复"].date() == dt.date.today()


def test_recording_off_a_customer_row_says_so(built: Path, tmp_path: Path,
                                              open_book) -> None:
    path = tmp_path / "Customers.xlsm"
    shutil.copy(built, path)
    book = open_book(path)
    book.sheets["设置"].range("A5").select()
    excel.record_followup()
    (_, message), = book.app.impl.alerts
    assert "请先点选工作表「客户表」中某位客户所在行的单元格" in message
    assert "Traceback" not in message


def test_recording_adds_missing_count_columns_styled_like_the_team_header(
        tmp_path: Path, open_book) -> None:
    """A team sheet without 跟进次数, 未回复次数 and 客户最后回复: the first recording adds
    them at the right, in the team's header style, through the button as through the
    command line; nothing else of the team's changes."""
    import subprocess
    import sys

    from openpyxl.styles import Font, PatternFill

    def team(path: Path) -> Path:
        path.parent.mkdir()
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "客户表"
        ws.append(["客户名称", "业务员", "跟进阶段", "最近跟进"])
        for cell in ws[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="C00000")
        ws.append(["Acme Ltd", "张伟", "已报价", dt.date(2026, 11, 1)])
        ws.append(["Berlin Haus", "李娜", "新询盘", dt.date(2026, 11, 5)])
        wb.save(path)
        return path

    by_cli, by_button = team(tmp_path / "cli" / "team.xlsx"), team(tmp_path / "xl" / "team.xlsx")
    done = subprocess.run([sys.executable, "-m", "xltrade", "log", str(by_cli), "--customer",
                           "Acme Ltd", "--replied"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    book = open_book(by_button)
    book.sheets["客户表"].range((2, 1)).select()
    excel.record_followup()
    book.sheets["客户表"].range((2, 1)).select()  # back from the log's note cell
    excel.customer_replied()
    assert book.app.impl.alerts == []
    book.save()
    for path in (by_cli, by_button):
        ws = openpyxl.load_workbook(path)["客户表"]
        header = [c.value for c in ws[1]]
        assert header[:4] == ["客户名称", "业务员", "跟进阶段", "最近跟进"]
        added = {h: i for i, h in enumerate(header)
                 if h in ("跟进次数", "未回复次数", "客户最后回复")}
        # At the right of the team's table; xltrade's computed columns come after.
        assert sorted(added.values()) == [4, 5, 6] and header.index("跟进建议") > 6
        for i in added.values():
            cell = ws.cell(row=1, column=i + 1)
            assert cell.font.bold and cell.fill.fgColor.rgb.endswith("C00000")
        acme = {h: c.value for h, c in zip(header, ws[2], strict=False)}
        assert (acme["跟进次数"], acme["未回复次数"]) == (1, 0)
        assert acme["客户最后回复"].date() == acme["最近跟进"].date() == dt.date.today()
        assert [c.value for c in ws[3]][:4] == ["Berlin Haus", "李娜", "新询盘",
                                                 dt.datetime(2026, 11, 5)]
    cli, button = snapshot(by_cli), snapshot(by_button)
    assert cli["客户表"] == button["客户表"]
    assert problems([by_cli]) == {by_cli.name: set()}
