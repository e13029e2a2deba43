"""Columns read by meaning (spec §2.1): the corpus of real header rows maps as a person
would map it, a renamed sheet gives the same grades and dates as the canonical one,
and what cannot be read is said."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from header_sheets import (
    ROWS,
    TODAY,
    column_values,
    corpus,
    value,
    write_sheet,
)
from xltrade.cli import main
from xltrade.rules.headers import read_header, recognise
from xltrade.rules.log import MEDIUM_LOOKUP
from xltrade.rules.vocabulary import FIELD_NAMES
from xltrade.sample import HEADER_ROW, HEADERS, write_sample

SETS = corpus()
RULE_FIELDS = ("company", "stage", "inquiry_type", "first_contact", "last_contact",
               "last_reply", "orders", "last_order", "unanswered", "followups", "medium",
               "grade_override", "planned", "country")
COMPARED = ("row", "company", "grade", "reason", "next_followup", "due", "days_overdue")


def test_the_corpus_is_real_and_large_enough() -> None:
    langs = [s["lang"] for s in SETS]
    assert len(SETS) >= 40
    assert langs.count("zh-Hans") >= 15 and langs.count("zh-Hant") >= 8
    assert langs.count("en") >= 15
    sources = (Path(__file__).parent / "data" / "headers" / "SOURCES.md").read_text("utf-8")
    for header_set in SETS:
        assert header_set["source"] and f"`{header_set['id']}`" in sources
        assert set(header_set["expected"]) <= set(header_set["headers"])
        assert set(header_set["expected"].values()) <= set(FIELD_NAMES)
        assert len(set(header_set["expected"].values())) == len(header_set["expected"])


@pytest.mark.parametrize("header_set", SETS, ids=[s["id"] for s in SETS])
def test_corpus_headers_map_as_a_person_would(header_set: dict) -> None:
    """Every field a person would map is mapped (to that column, or to an acceptable
    alternate), and no column is mapped to a field a person would not give it."""
    headers = {i: h for i, h in enumerate(header_set["headers"], start=1)}
    found = recognise(headers, column_values(header_set), TODAY, MEDIUM_LOOKUP, {})
    got = {headers[c]: f for f, c in found.columns.items()}
    expected, alternates = header_set["expected"], header_set.get("alternates", {})
    for header, name in expected.items():
        acceptable = {header} | {h for h, f in alternates.items() if f == name}
        assert any(got.get(h) == name for h in acceptable), (header, name, got)
    for header, name in got.items():
        assert name in (expected.get(header), alternates.get(header)), (header, name)


def refresh_json(path: Path, *extra: str) -> list[dict]:
    out = path.with_suffix(".json")
    import contextlib
    import io
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(io.StringIO()):
        code = main(["refresh", str(path), "--today", TODAY.isoformat(), "--json", *extra])
    assert code == 0
    out.write_text(buffer.getvalue(), encoding="utf-8")
    return [{k: r[k] for k in COMPARED} for r in json.loads(buffer.getvalue())]


@pytest.mark.parametrize("header_set", [s for s in SETS if "company" in s["expected"].values()],
                         ids=lambda s: s["id"])
def test_corpus_sheets_grade_and_schedule_as_the_canonical_sheet(tmp_path: Path,
                                                                 header_set: dict) -> None:
    """The same customers under the team's headers and under the spec's own: the same
    grades, reasons, next dates and due status, row for row."""
    columns = column_values(header_set)
    team = write_sheet(tmp_path / "team.xlsx", header_set["headers"], columns)
    fields = [f for f in header_set["expected"].values() if f in RULE_FIELDS]
    canonical = write_sheet(tmp_path / "canonical.xlsx", [FIELD_NAMES[f][0] for f in fields],
                            {i: [value(f, r) for r in range(ROWS)]
                             for i, f in enumerate(fields, start=1)})
    assert refresh_json(team) == refresh_json(canonical)


#: The sample's headers written as other teams write them.
RENAMED = {
    "zh": ("编号", "客户公司名称", "对接人", "电子邮箱", "联系电话/WhatsApp", "国家/地区", "负责业务员",
           "客户来源", "询盘类型", "客户状态", "首次询盘时间", "最后跟进日期", "最近回复时间", "成交次数",
           "最后下单日期", "联系次数", "连续未回复次数", "沟通方式", "指定等级", "下次跟进时间", "产品",
           "跟进记录"),
    "zh-Hant": ("序號", "客戶名稱（全稱）", "聯絡人", "電子郵件", "手機", "國家", "業務", "詢盤來源",
                "買家類型", "跟進進度", "詢盤日期", "上次跟進時間", "客戶最後回覆", "訂單數(次)",
                "最近下單日期", "跟進次數", "未回覆次數", "跟進方式", "手動等級", "下次跟進", "產品",
                "備註"),
    "en": ("ID", "Company Name", "Contact Person", "Email Address", "Phone Number",
           "Country/Region", "Sales Rep", "Lead Source", "Buyer Type", "Deal Stage",
           "Inquiry Date", "Last Contacted", "Last Reply Date", "Number of Orders",
           "Last Order Date", "Follow-up Count", "Unanswered Follow-ups", "Contact Method",
           "Grade Override", "Next Follow-up Date", "Product", "Notes"),
    "snake": ("customer_id", "companyName", "contact_name", "email", "phone", "country",
              "owner", "lead_source", "buyerType", "stage", "first_contact_date",
              "lastContactDate", "last_reply_date", "order_count", "lastOrderDate",
              "followup_count", "unanswered_count", "contact_method", "manual_grade",
              "next_followup_date", "product", "notes"),
    "bilingual": ("序号 No.", "客户名称 Company", "联系人 Contact", "邮箱 Email", "电话 Phone",
                  "国家 Country", "业务员 Sales", "来源 Source", "买家类型 Buyer type",
                  "阶段 Stage", "询盘日期 Inquiry date", "最近跟进\nLast follow-up",
                  "最后回复\nLast reply", "订单数 Orders", "最近下单 Last order",
                  "跟进次数 Follow-ups", "未回复 Unanswered", "跟进方式 Medium",
                  "手动等级 Manual grade", "下次跟进 Next follow-up", "产品 Product",
                  "备注 Notes"),
}


@pytest.fixture(scope="module")
def sample_results(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    path = write_sample(tmp_path_factory.mktemp("canonical") / "sample.xlsx", today=TODAY)
    return refresh_json(path)


@pytest.mark.parametrize("style", RENAMED)
def test_the_sample_with_every_header_renamed_gives_the_same_results(
        tmp_path: Path, style: str, sample_results: list[dict]) -> None:
    path = write_sample(tmp_path / "sample.xlsx", today=TODAY)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    for column, header in enumerate(RENAMED[style], start=1):
        assert ws.cell(HEADER_ROW, column).value == HEADERS[column - 1]
        ws.cell(HEADER_ROW, column).value = header
    wb.save(path)
    assert refresh_json(path) == sample_results


def test_header_normalisation() -> None:
    assert read_header("客戶名稱") == {"company": 4}
    assert read_header("客户名称（全称）") == {"company": 4}
    assert read_header("跟进次数(次)") == {"followups": 4}
    assert "last_contact" in read_header("最后跟进日期")
    assert "last_contact" in read_header("LAST_CONTACT_DATE")
    assert "last_contact" in read_header("lastContactDate")
    assert "planned" in read_header("下次跟进时间")
    assert "last_reply" in read_header("上次回覆")
    # Words that look like a field and are about something else.
    for trap in ("Last Name", "Last Modified Date", "最后更新时间", "Next Step", "产品名称",
                 "QQ号", "创建人", "Email Opt Out", "Lead Score"):
        assert not {"last_contact", "company", "planned", "first_contact", "email", "id",
                    "team_grade"} & set(read_header(trap)), trap


def _dated_sheet(path: Path, headers: list[str]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Customers"
    ws.append(headers)
    for i in range(6):
        ws.append([f"Buyer {i}", "quoted", TODAY - dt.timedelta(days=10 + i),
                   TODAY - dt.timedelta(days=40 + i)])
    wb.save(path)
    return path


def test_unrecognised_date_columns_are_named_on_every_run(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    path = _dated_sheet(tmp_path / "en.xlsx", ["Company", "Stage", "Col C", "Col D"])
    for _ in range(2):
        assert main(["refresh", str(path), "--today", TODAY.isoformat()]) == 0
        err = capsys.readouterr().err
        assert ("  Customers!1 [Col C]: column 'Col C' looks like dates but was not read as "
                "'Last contact': if it is, write Last contact=Col C in Settings' column "
                "mapping\n") in err
        assert "column 'Col D' looks like dates but was not read as 'Inquiry date'" in err
    zh = _dated_sheet(tmp_path / "zh.xlsx", ["客户名称", "跟进阶段", "C列", "D列"])
    assert main(["refresh", str(zh), "--today", TODAY.isoformat()]) == 0
    err = capsys.readouterr().err
    assert ("  Customers!1 [C列]: 列「C列」像日期，未被识别为「最近跟进」：如是，请在设置的列映射中写 "
            "最近跟进=C列\n") in err


def _no_company_sheet(path: Path, headers: list[str]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["2026 年客户名单"])
    ws.append(headers)
    for i in range(5):
        ws.append([f"ACME-{i}", "美国", "已报价", TODAY - dt.timedelta(days=9 + i)])
    wb.save(path)
    return path


def test_no_company_column_is_refused_in_one_line_then_run_with_map(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _no_company_sheet(tmp_path / "team.xlsx", ["代号", "国家", "阶段", "最后跟进"])
    before = path.read_bytes()
    assert main(["report", str(path), "--today", TODAY.isoformat()]) == 1
    err = capsys.readouterr().err
    assert err == (f"xltrade: {path}: 找不到客户名称列。看过：工作表「名单」第 2 行（代号、国家、阶段、最后跟进）。"
                   "请把客户名称那一列的表头改为「客户名称」，或在设置的列映射中写 客户名称=（你的表头），"
                   "命令行可加 --map 客户名称=代号\n")
    assert path.read_bytes() == before
    assert main(["report", str(path), "--today", TODAY.isoformat(),
                 "--map", "客户名称=代号"]) == 0
    settings = openpyxl.load_workbook(path)["设置"]
    mapping = [r[1] for r in settings.iter_rows(values_only=True) if r[0] == "列映射"]
    assert mapping == ["客户名称=代号", "国家=国家", "跟进阶段=阶段", "最近跟进=最后跟进"]
    # The next run reads the mapping from 设置, with no --map.
    capsys.readouterr()
    assert main(["refresh", str(path), "--today", TODAY.isoformat(), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["company"] for r in rows] == [f"ACME-{i}" for i in range(5)]
    assert {r["grade"] for r in rows} == {"B"}


def test_english_refusal_and_map_by_field_code(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["Code", "Stage"])
    wb.active.append(["X1", "quoted"])
    path = tmp_path / "en.xlsx"
    wb.save(path)
    assert main(["refresh", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"xltrade: {path}: no company column found. Looked at: sheet 'Sheet' row 1 (Code, "
        "Stage). Rename the company column's header to 'Company', or write "
        "company=<your header> in Settings' column mapping; on the command line add "
        "--map company=Code\n")
    assert main(["refresh", str(path), "--map", "company=Code", "--today",
                 TODAY.isoformat()]) == 0
    with pytest.raises(SystemExit):
        main(["refresh", str(path), "--map", "nonsense=Code"])


def test_settings_show_what_was_recognised(tmp_path: Path) -> None:
    path = write_sample(tmp_path / "s.xlsx", today=TODAY)
    assert main(["refresh", str(path), "--today", TODAY.isoformat()]) == 0
    settings = openpyxl.load_workbook(path)["设置"]
    mapping = [r[1] for r in settings.iter_rows(values_only=True) if r[0] == "列映射"]
    assert "客户名称=客户名称" in mapping and "最近跟进=最近跟进" in mapping
    assert len(mapping) == len(set(mapping)) == 22  # every column but 主要产品


def test_a_mapping_naming_no_column_is_said(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = _no_company_sheet(tmp_path / "team.xlsx", ["客户名称", "国家", "阶段", "最后跟进"])
    assert main(["refresh", str(path), "--today", TODAY.isoformat(),
                 "--map", "最近跟进=上次联系"]) == 0
    assert ("设置的列映射写的表头「上次联系」在客户表中找不到，「最近跟进」已按自动识别处理"
            in capsys.readouterr().err)


@pytest.mark.parametrize(("header", "field"), [
    ("跟进时间", "last_contact"), ("回访时间", "last_contact"), ("电话/微信", "phone"),
    ("Follow Up Date", "last_contact"), ("询盘时间", "first_contact"), ("最后回复", "last_reply"),
    ("最后跟进日期", "last_contact"), ("Date of Last Contact", "last_contact")])
def test_the_issues_own_headers_with_past_dates(header: str, field: str) -> None:
    """The headers a 200-row team sheet used, read with the dates under them."""
    past = [TODAY - dt.timedelta(days=3 + i) for i in range(10)]
    phones = [f"+86 138 0000 00{i:02d}" for i in range(10)]
    found = recognise({1: "客户名称", 2: header},
                      {1: [f"C{i}" for i in range(10)], 2: phones if field == "phone" else past},
                      TODAY, MEDIUM_LOOKUP, {})
    assert found.columns.get(field) == 2


def test_a_follow_up_date_with_days_ahead_is_the_planned_one() -> None:
    ahead = [TODAY + dt.timedelta(days=i) for i in range(-2, 8)]
    found = recognise({1: "Company", 2: "Follow Up Date"},
                      {1: [f"C{i}" for i in range(10)], 2: ahead}, TODAY, MEDIUM_LOOKUP, {})
    assert found.columns.get("planned") == 2 and "last_contact" not in found.columns
