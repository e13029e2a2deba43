"""Writing the customer workbook: computed columns, nothing else touched, safe text,
idempotent highlighting, macros kept, and the no-loss guard."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from conftest import TODAY, add_parts, days, zip_parts
from xltrade.book.run import run
from xltrade.errors import NoCustomerSheet, WorkbookLocked
from xltrade.sample import write_sample
from xltrade.sheets.highlight import is_own_formula

COMPUTED_ZH = ["客户等级", "等级依据", "下次跟进", "跟进提醒", "逾期天数", "跟进建议"]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return write_sample(tmp_path / "客户跟进表.xlsx", today=TODAY)


def cell_values(path: Path, data_only: bool = False) -> dict[str, dict[str, object]]:
    wb = openpyxl.load_workbook(path, data_only=data_only)
    return {ws.title: {c.coordinate: c.value for row in ws.iter_rows() for c in row
                       if c.value is not None} for ws in wb.worksheets}


def test_refresh_appends_computed_columns_and_changes_nothing_typed(sample: Path) -> None:
    before = cell_values(sample)
    styles_before = openpyxl.load_workbook(sample)["客户表"]
    run(sample, today=TODAY)
    after = cell_values(sample)
    wb = openpyxl.load_workbook(sample)
    ws = wb["客户表"]
    assert [ws.cell(row=3, column=c).value for c in range(24, 30)] == COMPUTED_ZH
    assert ws.cell(row=3, column=24).fill.start_color.rgb == "FF1F6F78"
    assert ws.cell(row=3, column=24).font.bold
    for coordinate, value in before["客户表"].items():
        assert after["客户表"][coordinate] == value, coordinate
    new_cells = set(after["客户表"]) - set(before["客户表"])
    assert {re.sub(r"\d", "", c) for c in new_cells} == {"X", "Y", "Z", "AA", "AB", "AC"}
    assert after["产品目录"] == before["产品目录"]
    # Styles, merged title, filter and frozen panes survive.
    assert {r.coord for r in ws.merged_cells.ranges} == \
        {r.coord for r in styles_before.merged_cells.ranges} == {"A1:W1"}
    # The filter now also covers the computed columns, down to the last customer.
    assert styles_before.auto_filter.ref == "A3:W65"
    assert ws.auto_filter.ref == "A3:AC65"
    assert ws.freeze_panes == "C4"
    assert ws["B3"].fill.start_color.rgb == styles_before["B3"].fill.start_color.rgb
    assert "设置" in wb.sheetnames


def test_second_run_updates_the_same_columns(sample: Path) -> None:
    run(sample, today=TODAY)
    first = cell_values(sample, data_only=True)["客户表"]
    run(sample, today=TODAY + dt.timedelta(days=1))
    wb = openpyxl.load_workbook(sample, data_only=True)
    ws = wb["客户表"]
    assert ws.max_column == 29
    assert [ws.cell(row=3, column=c).value for c in range(24, 30)] == COMPUTED_ZH
    assert ws["AB4"].value == first["AB4"] + 1  # one more day overdue


COMPUTED_EN = ["Grade reason", "Next follow-up", "Due", "Days overdue", "Suggested action"]


def test_a_team_grade_column_is_the_teams(make_workbook) -> None:
    """A column xltrade did not create is never written, whatever its header says: the
    team's own Grade stays, xltrade's grade goes beside it under a name of its own."""
    path = make_workbook(["Company", "Grade", "Stage", "Notes"],
                         [["Acme", "A", "quoted", "keep me"], ["Beta", "x", None, None]])
    for _ in range(2):
        run(path, today=TODAY)
        ws = openpyxl.load_workbook(path).active
        headers = [c.value for c in ws[1]]
        assert headers == ["Company", "Grade", "Stage", "Notes", "Grade (xltrade)", *COMPUTED_EN]
        assert [ws["B2"].value, ws["B3"].value] == ["A", "x"]
        assert [ws["E2"].value, ws["E3"].value] == ["B", "D"]
        assert ws["D2"].value == "keep me"


def test_computed_columns_of_an_older_workbook_are_found_anywhere(make_workbook) -> None:
    """A workbook written before xltrade marked its columns: the six computed headers
    side by side are its own, wherever they stand."""
    path = make_workbook(["Company", "Grade", *COMPUTED_EN, "Stage", "Notes"],
                         [["Acme", "old", None, None, None, None, None, "quoted", "keep me"]])
    run(path, today=TODAY)
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[1]] == ["Company", "Grade", *COMPUTED_EN, "Stage", "Notes"]
    assert ws["B2"].value == "B" and ws["I2"].value == "keep me"
    assert "_xltrade_grade" in openpyxl.load_workbook(path).defined_names


def test_xltrade_knows_its_columns_by_its_marks_when_they_move(make_workbook) -> None:
    """The team inserts a column of theirs where xltrade's columns were: Excel moves the
    marks with the cells, and xltrade writes where they point, not by header text."""
    path = make_workbook(["Company", "Stage"], [["Acme", "quoted"], ["Beta", None]])
    run(path, today=TODAY)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.insert_cols(3)  # as Excel does, with the names following their cells
    ws["C1"], ws["C2"], ws["C3"] = "客户等级", "their A", "their C"
    for name, defined in wb.defined_names.items():
        if name.startswith("_xltrade_"):
            sheet, cell = defined.attr_text.split("!")
            column = openpyxl.utils.column_index_from_string(cell.split("$")[1])
            defined.attr_text = f"{sheet}!${openpyxl.utils.get_column_letter(column + 1)}$1"
    wb.save(path)
    run(path, today=TODAY)
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[1]] == ["Company", "Stage", "客户等级", "Grade", *COMPUTED_EN]
    assert [ws["C2"].value, ws["C3"].value] == ["their A", "their C"]
    assert [ws["D2"].value, ws["D3"].value] == ["B", "D"]


def test_the_team_grade_overrides_when_settings_say_so(make_workbook, tmp_path: Path) -> None:
    path = make_workbook(["客户名称", "跟进阶段", "客户等级"],
                         [["Acme", "已报价", "A"], ["Beta", None, None]])
    run(path, today=TODAY)
    wb = openpyxl.load_workbook(path)
    settings = wb["设置"]
    row = next(r for r in settings.iter_rows() if r[0].value == "以团队等级为准")
    assert row[1].value == "否"
    row[1].value = "是"
    wb.save(path)
    run(path, today=TODAY)
    ws = openpyxl.load_workbook(path).worksheets[0]
    headers = [c.value for c in ws[1]]
    grade = headers.index("客户等级（xltrade）") + 1
    assert [ws.cell(2, grade).value, ws.cell(3, grade).value] == ["A", "D"]
    assert ws.cell(2, 3).value == "A"


def test_formula_looking_text_stays_text(make_workbook, tmp_path: Path) -> None:
    names = ["=SUM(1,2) Ltd", "+86 Trading", "-Minus Co", "@Home Inc", "#N/A Corp"]
    path = make_workbook(["客户名称", "电话", "询盘日期"],
                         [[n, "+86 138 0000 0000", days(-40)] for n in names])
    run(path, today=TODAY, report=True)
    wb = openpyxl.load_workbook(path)
    ws = wb["客户表"]
    assert [ws.cell(row=r, column=1).value for r in range(2, 7)] == names
    assert all(ws.cell(row=r, column=1).data_type == "s" for r in range(2, 7))
    report = wb["周报"]
    listed = {c.value for row in report.iter_rows() for c in row}
    assert set(names) <= listed
    for name, data in zip_parts(path).items():
        if name.startswith("xl/worksheets/sheet"):
            assert not re.search(rb"<f>[^<]*SUM\(1,2\)", data), name
            assert not re.search(rb'<c r="A\d+"[^>]*t="(?:str|e)"', data), name


def own_rules(path: Path) -> list[tuple[str, tuple[str, ...], int]]:
    ws = openpyxl.load_workbook(path)["客户表"]
    return sorted((str(cf.sqref), tuple(r.formula), r.priority)
                  for cf in ws.conditional_formatting for r in cf.rules)


def test_highlighting_is_idempotent_and_keeps_other_rules(sample: Path) -> None:
    wb = openpyxl.load_workbook(sample)
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill
    wb["客户表"].conditional_formatting.add("N4:N70", CellIsRule(
        operator="greaterThan", formula=["3"], fill=PatternFill(bgColor="FF00FF00")))
    wb.save(sample)
    run(sample, today=TODAY)
    once = own_rules(sample)
    run(sample, today=TODAY)
    run(sample, today=TODAY, report=True)
    assert own_rules(sample) == once
    formulas = [f for _, fs, _ in once for f in fs]
    assert "AND(ISNUMBER($Z4),$Z4<TODAY())" in formulas
    assert "AND(ISNUMBER($Z4),$Z4=TODAY())" in formulas
    assert {f'$X4="{g}"' for g in "ABCD"} <= set(formulas)
    assert "3" in formulas  # the team's own rule is still there
    ranges = {s for s, fs, _ in once if "TODAY" in fs[0]}
    assert ranges == {"A4:AC65"}


def test_rule_recognition_only_matches_own_shapes() -> None:
    assert is_own_formula("AND(ISNUMBER($Y4),$Y4<TODAY())")
    assert not is_own_formula("$Y4<TODAY()")
    assert not is_own_formula('$X4="VIP"')


def test_stale_values_are_cleared_from_rows_that_are_no_longer_customers(
        make_workbook) -> None:
    path = make_workbook(["客户名称", "阶段"], [["A公司", "已报价"], ["B公司", "已回复"]])
    run(path, today=TODAY)
    wb = openpyxl.load_workbook(path)
    wb.active["A3"] = "合计"
    wb.save(path)
    run(path, today=TODAY)
    ws = openpyxl.load_workbook(path).active
    assert ws["C2"].value == "B" and ws["C3"].value is None and ws["H3"].value is None


def test_data_issues_name_sheet_row_column_and_value(sample: Path) -> None:
    outcome = run(sample, today=TODAY)
    found = {(i.sheet, i.row, i.column, str(i.value), i.problem) for i in outcome.issues}
    assert ("客户表", 37, "最近跟进", "3/4/2026", "issue.ambiguous_date") in found
    assert ("客户表", 39, "订单数", "abc", "issue.bad_count") in found
    assert ("客户表", 39, "跟进阶段", "考虑中", "issue.bad_stage") in found
    assert ("客户表", 39, "手动等级", "E", "issue.bad_grade") in found
    assert ("客户表", 38, "最近跟进", "2026-12-18", "issue.future_date") in found
    # The bad cells did not stop the run: the row is graded and scheduled.
    assert outcome.result.loc[39, "grade"] == "D"
    assert len(outcome.table) == 60


def test_totals_blank_and_companyless_rows_are_skipped(sample: Path) -> None:
    outcome = run(sample, today=TODAY)
    ws = openpyxl.load_workbook(sample)["客户表"]
    totals_row = next(r for r in range(4, 80) if ws.cell(row=r, column=2).value == "合计")
    assert totals_row not in outcome.table.index
    assert ws.cell(row=totals_row, column=24).value is None
    assert any(i.problem == "issue.no_company" for i in outcome.issues)


def make_xlsm(path: Path, ribbon14: bool = False) -> dict[str, bytes]:
    """A macro workbook with a VBA project part and a 2007 ribbon (and optionally a
    2010 ribbon), as the ribbon build will make them."""
    vba = tmp_vba = path.with_name("vbaProject.bin")
    tmp_vba.write_bytes(b"\xd0\xcf\x11\xe0 fake but kept byte for byte " + bytes(range(256)))
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Customers")
    for c, h in enumerate(["Company", "Stage", "Last contact"]):
        sheet.write_string(0, c, h)
    sheet.write_string(1, 0, "Acme")
    sheet.write_string(1, 1, "quoted")
    book.add_vba_project(str(vba))
    book.close()
    ui = (b'<customUI xmlns="http://schemas.microsoft.com/office/2006/01/customui">'
          b'<ribbon><tabs><tab id="x" label="xltrade"/></tabs></ribbon></customUI>')
    rels = (b'<Relationship Id="rIdUI" Type="http://schemas.microsoft.com/office/2006/'
            b'relationships/ui/extensibility" Target="customUI/customUI.xml"/>')
    parts = {"customUI/customUI.xml": ui}
    if ribbon14:
        parts["customUI/customUI14.xml"] = ui.replace(b"2006/01", b"2009/07")
        rels += (b'<Relationship Id="rIdUI14" Type="http://schemas.microsoft.com/office/2007/'
                 b'relationships/ui/extensibility" Target="customUI/customUI14.xml"/>')
    add_parts(path, parts, {"_rels/.rels": lambda d: d.replace(b"</Relationships>",
                                                               rels + b"</Relationships>")})
    return zip_parts(path)


def test_xlsm_keeps_vba_project_and_ribbon(tmp_path: Path) -> None:
    path = tmp_path / "Customers.xlsm"
    before = make_xlsm(path)
    run(path, today=TODAY, report=True)
    after = zip_parts(path)
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
    assert after["customUI/customUI.xml"] == before["customUI/customUI.xml"]
    assert b"ui/extensibility" in after["_rels/.rels"]
    assert b"customUI/customUI.xml" in after["_rels/.rels"]
    assert b"vbaProject" in after["xl/_rels/workbook.xml.rels"]
    assert b"application/vnd.ms-excel.sheet.macroEnabled.main+xml" in \
        after["[Content_Types].xml"]
    assert openpyxl.load_workbook(path)["Customers"]["D2"].value == "B"


def test_office_2010_ribbon_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "Customers.xlsm"
    before = make_xlsm(path, ribbon14=True)
    run(path, today=TODAY)
    after = zip_parts(path)
    assert after["customUI/customUI14.xml"] == before["customUI/customUI14.xml"]
    assert after["_rels/.rels"] == before["_rels/.rels"]


def chart_and_image_book(path: Path) -> None:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("客户表")
    for c, h in enumerate(["客户名称", "订单数"]):
        sheet.write_string(0, c, h)
    for r in range(1, 4):
        sheet.write_string(r, 0, f"客户{r}")
        sheet.write_number(r, 1, r)
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": "=客户表!$B$2:$B$4"})
    sheet.insert_chart("E2", chart)
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
           b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00"
           b"\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")
    image = path.with_name("logo.png")
    image.write_bytes(png)
    sheet.insert_image("E20", str(image))
    book.close()


def test_chart_and_image_of_the_team_are_kept_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "team.xlsx"
    chart_and_image_book(path)
    before = zip_parts(path)
    run(path, today=TODAY, report=True)
    after = zip_parts(path)
    for name in ("xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/media/image1.png",
                 "xl/drawings/_rels/drawing1.xml.rels", "xl/worksheets/_rels/sheet1.xml.rels"):
        assert after[name] == before[name], name
    # The report's own charts are new parts beside them.
    assert len([n for n in after if n.startswith("xl/charts/chart")]) == 3
    assert b'<drawing r:id="rId' in after["xl/worksheets/sheet1.xml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["logo.png", "team.xlsx"]


def test_own_report_charts_do_not_block_the_next_run(sample: Path) -> None:
    run(sample, today=TODAY, report=True)
    assert any(n.startswith("xl/charts/chart") for n in zip_parts(sample))
    run(sample, today=TODAY, report=True)
    charts = [n for n in zip_parts(sample) if n.startswith("xl/charts/chart")]
    assert len(charts) == 2


def test_out_leaves_the_input_alone(sample: Path, tmp_path: Path) -> None:
    original = sample.read_bytes()
    out = tmp_path / "out.xlsx"
    run(sample, out=out, today=TODAY)
    assert sample.read_bytes() == original
    assert openpyxl.load_workbook(out)["客户表"]["X3"].value == "客户等级"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~xltrade")]


def test_open_in_excel_is_refused(sample: Path) -> None:
    (sample.parent / ("~$" + sample.name)).write_bytes(b"owner")
    original = sample.read_bytes()
    with pytest.raises(WorkbookLocked, match="open in Excel"):
        run(sample, today=TODAY)
    assert sample.read_bytes() == original


def test_no_customer_sheet(make_workbook) -> None:
    path = make_workbook(["Product", "Price"], [["LED", 3]])
    with pytest.raises(NoCustomerSheet):
        run(path, today=TODAY)


def test_header_detection_skips_title_rows_and_prefers_named_sheets(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    other = wb.active
    other.title = "Leads"
    other.append(["Company", "Stage"])
    other.append(["Lead Co", "new"])
    ws = wb.create_sheet("Customers")
    ws.append(["Team customer list"])
    ws.append([])
    ws.append(["ID", "Company name:", "Owner", "Status *", "Our notes"])
    ws.append([1, "Real Co", "Ann", "won", "x"])
    path = tmp_path / "two.xlsx"
    wb.save(path)
    outcome = run(path, today=TODAY)
    assert (outcome.layout.sheet, outcome.layout.header_row) == ("Customers", 3)
    assert list(outcome.table["company"]) == ["Real Co"]
    assert openpyxl.load_workbook(path)["Leads"].max_column == 2


def test_settings_sheet_is_created_and_its_values_change_results(sample: Path) -> None:
    run(sample, today=TODAY)
    wb = openpyxl.load_workbook(sample)
    ws = wb["设置"]
    labels = {ws.cell(row=r, column=1).value: r for r in range(3, ws.max_row + 1)}
    assert ws.cell(row=labels["A级跟进间隔（天）"], column=2).value == 14
    assert ws.cell(row=labels["周末"], column=2).value == "六,日"
    holidays = [ws.cell(row=r, column=2).value for r in range(3, ws.max_row + 1)
                if ws.cell(row=r, column=1).value == "节假日"]
    assert dt.datetime(2027, 1, 1) in holidays
    before = run(sample, today=TODAY).result.loc[5, "next_followup"]  # Berlin: A, last -3
    ws.cell(row=labels["A级跟进间隔（天）"], column=2).value = 30
    ws.cell(row=labels["B级沉默降级天数"], column=2).value = "很久"
    wb.save(sample)
    outcome = run(sample, today=TODAY)
    after = outcome.result.loc[5, "next_followup"]
    assert (after - before).days >= 14
    bad = [i for i in outcome.issues if i.sheet == "设置"]
    assert [(i.column, i.value, i.problem) for i in bad] == [
        ("B级沉默降级天数", "很久", "issue.setting_range")]
    assert outcome.settings.b_silence_days == 60


def test_not_a_workbook(tmp_path: Path) -> None:
    from xltrade.errors import NotAWorkbook
    bad = tmp_path / "notes.xlsx"
    bad.write_text("not a zip")
    with pytest.raises(NotAWorkbook):
        run(bad, today=TODAY)
    with pytest.raises(NotAWorkbook, match="no such file"):
        run(tmp_path / "missing.xlsx", today=TODAY)
    assert zipfile.is_zipfile(bad) is False
