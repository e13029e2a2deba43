"""``xltrade team``: the manager's team workbook from the salespeople's files (§9).

Every test writes real workbooks (openpyxl, ``xltrade sample``, ``xltrade report`` and
``xltrade snapshot``), runs the command line on them and reads back what it wrote.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from conftest import TODAY, add_parts, days, need
from package_checks import problems
from xltrade.cli import main as xltrade

HEADERS = ("客户名称", "联系人", "邮箱", "电话", "国家", "业务员", "跟进阶段", "询盘日期",
           "最近跟进", "客户最后回复", "订单数")


def salesperson_file(path: Path, owner: str, rows: Sequence[dict[str, object]],
                     settings: Sequence[tuple[str, object]] = ()) -> Path:
    """A salesperson's workbook as a team keeps it: a header row, then customers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "客户表"
    ws.append(list(HEADERS))
    for r in rows:
        ws.append([r.get("company"), r.get("contact"), r.get("email"), r.get("phone"),
                   r.get("country", "美国"), r.get("owner", owner), r.get("stage", "已报价"),
                   r.get("first", days(-60)), r.get("last", days(-3)), r.get("reply"),
                   r.get("orders")])
    if settings:
        sheet = wb.create_sheet("设置")
        sheet.append(["设置"])
        sheet.append(["设置项", "值"])
        for label, value in settings:
            sheet.append([label, value])
    wb.save(path)
    return path


def run_team(*args: object) -> tuple[int, dict[str, object] | None, str, str]:
    """The command line in a process of its own: exit status, JSON, stdout, stderr."""
    done = subprocess.run([sys.executable, "-m", "xltrade", "team", *map(str, args)],
                          capture_output=True, text=True, timeout=300)
    data = None
    if "--json" in map(str, args) and done.returncode == 0:
        data = json.loads(done.stdout)
    return done.returncode, data, done.stdout, done.stderr


def sheet_rows(path: Path, name: str) -> list[tuple[object, ...]]:
    wb = openpyxl.load_workbook(path)
    return [tuple(r) for r in wb[name].iter_rows(values_only=True)]


@pytest.fixture
def team(tmp_path: Path) -> dict[str, Path]:
    """Three salespeople: look-alikes that must stay apart, and real conflicts."""
    tom = salesperson_file(tmp_path / "tom.xlsx", "Tom", [
        {"company": "Global Trading Co", "email": "buyer1@gmail.com", "first": days(-90)},
        {"company": "ABC Trading Co., Ltd.", "email": "li@abc-trading.com", "first": days(-50)},
        {"company": "Delta Imports LLC", "phone": "(212) 555-0100", "country": "USA"},
        {"company": "Qingdao Harbor", "email": "sales@qq.com"},
        {"company": "Tom Only Ltd", "stage": "样品", "last": days(-40)},
    ])
    ann = salesperson_file(tmp_path / "ann.xlsx", "Ann", [
        {"company": "Global Trade Partners", "email": "buyer2@gmail.com"},
        {"company": "ＡＢＣ Trading Company Limited", "email": "wang@abc-trading.com",
         "first": days(-20)},
        {"company": "Delta Wholesale", "phone": "+1 212 555 0100", "country": "美国",
         "first": days(-100)},
        {"company": "Shanghai Port Supply", "email": "info@qq.com"},
        {"company": "Ann Only GmbH", "stage": "谈判中", "last": days(-10)},
    ])
    lee = salesperson_file(tmp_path / "lee.xlsx", "Lee", [
        {"company": "Lee Only S.A.", "stage": "已下单", "orders": 2, "last": days(-1)},
    ])
    return {"tom": tom, "ann": ann, "lee": lee}


def test_conflicts_pair_the_same_buyer_and_never_look_alikes(team: dict[str, Path],
                                                             tmp_path: Path) -> None:
    out = tmp_path / "团队周报.xlsx"
    code, data, _, err = run_team(team["tom"], team["ann"], team["lee"], "--out", out,
                                  "--today", TODAY, "--json")
    assert code == 0, err
    assert data is not None
    pairs = {(frozenset(c["company"] for c in conflict["customers"]), conflict["why"])
             for conflict in data["conflicts"]}
    assert pairs == {
        (frozenset({"ABC Trading Co., Ltd.", "ＡＢＣ Trading Company Limited"}), "name"),
        (frozenset({"Delta Imports LLC", "Delta Wholesale"}), "phone"),
    }
    abc = next(c for c in data["conflicts"] if c["why"] == "name")
    # Tom recorded the buyer 50 days ago, Ann 20: Tom first.
    assert [c["owner"] for c in abc["customers"]] == ["Tom", "Ann"]
    assert abc["customers"][0]["first_contact"] == days(-50).isoformat()
    assert {c["file"] for c in abc["customers"]} == {"tom.xlsx", "ann.xlsx"}
    assert all(isinstance(c["row"], int) for c in abc["customers"])
    # The 撞单 sheet names both companies, both salespeople, why and who was first.
    rows = sheet_rows(out, "撞单")
    found = [r for r in rows if r[2] in ("ABC Trading Co., Ltd.", "ＡＢＣ Trading Company Limited")]
    assert {r[3] for r in found} == {"Tom", "Ann"}
    assert {r[1] for r in found} == {"公司名相同"}
    assert [r[7] for r in found if r[3] == "Tom"] == ["✓"]


def test_json_has_the_keys_of_the_spec(team: dict[str, Path], tmp_path: Path) -> None:
    code, data, _, err = run_team(team["tom"], team["ann"], team["lee"], "--out",
                                  tmp_path / "t.xlsx", "--today", TODAY, "--json")
    assert code == 0, err
    assert data is not None
    assert {"week", "files", "skipped", "owners", "conflicts", "pool"} <= set(data)
    assert data["week"] == {"start": "2026-11-16", "end": "2026-11-22"}
    assert [f["path"] for f in data["files"]] == ["tom.xlsx", "ann.xlsx", "lee.xlsx"]
    assert all(set(f) == {"path", "owners", "customers", "week"} for f in data["files"])
    assert data["skipped"] == []
    owners = {o["owner"]: o for o in data["owners"]}
    assert set(owners) == {"Tom", "Ann", "Lee"}
    assert set(owners["Tom"]) == {"owner", "customers", "A", "B", "C", "D", "new_this_week",
                                  "followed_up_this_week", "followups_this_week",
                                  "replied_this_week", "overdue", "overdue_A", "overdue_B"}
    assert owners["Tom"]["customers"] == 5 and owners["Lee"]["customers"] == 1
    assert owners["Lee"]["A"] == 1


def test_pool_lists_neglected_customers_but_never_a(tmp_path: Path) -> None:
    mia = salesperson_file(tmp_path / "mia.xlsx", "Mia", [
        {"company": "Forgotten Buyer", "stage": "询价", "last": days(-45)},
        {"company": "Recent Buyer", "stage": "询价", "last": days(-5)},
        {"company": "Old Customer", "stage": "已下单", "orders": 3, "last": days(-80)},
    ])
    code, data, _, err = run_team(mia, "--out", tmp_path / "t.xlsx", "--today", TODAY,
                                  "--json")
    assert code == 0, err
    assert data is not None
    pooled = {p["company"]: p for p in data["pool"]}
    assert "Forgotten Buyer" in pooled and "Recent Buyer" not in pooled
    assert "Old Customer" not in pooled  # grade A
    assert pooled["Forgotten Buyer"]["days_without_followup"] == 45
    assert pooled["Forgotten Buyer"]["owner"] == "Mia"
    assert set(pooled["Forgotten Buyer"]) == {"company", "owner", "grade",
                                              "days_without_followup", "file", "row"}
    assert "Forgotten Buyer" in {r[0] for r in sheet_rows(tmp_path / "t.xlsx", "公海")}


def test_bad_files_are_skipped_with_their_reason(team: dict[str, Path],
                                                 tmp_path: Path) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    encrypted = tmp_path / "locked.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    products = tmp_path / "products.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["产品", "起订量"])  # type: ignore[union-attr]
    wb.save(products)
    code, data, _, err = run_team(team["tom"], text, encrypted, products, "--out",
                                  tmp_path / "t.xlsx", "--today", TODAY, "--json")
    assert code == 0, err
    assert data is not None
    skipped = {Path(str(s["path"])).name: s["reason"] for s in data["skipped"]}
    assert set(skipped) == {"notes.xlsx", "locked.xlsx", "products.xlsx"}
    assert "password" in skipped["locked.xlsx"].lower() or "加密" in skipped["locked.xlsx"]
    assert all(str(r).strip() and "Traceback" not in str(r) for r in skipped.values())
    # Each is named on stderr in one line; the team workbook is still written.
    assert len([line for line in err.splitlines() if line.startswith("跳过")]) == 3
    assert "Traceback" not in err
    assert (tmp_path / "t.xlsx").is_file()
    # None readable: exit 1, nothing written.
    code, _, _, err = run_team(text, encrypted, "--out", tmp_path / "none.xlsx")
    assert code == 1
    assert "Traceback" not in err and not (tmp_path / "none.xlsx").exists()


def test_output_never_overwrites_an_input(team: dict[str, Path]) -> None:
    before = team["tom"].read_bytes()
    code, _, _, err = run_team(team["tom"], team["ann"], "--out", team["tom"])
    assert code != 0
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert team["tom"].read_bytes() == before
    # A folder given as input holds the output's name too.
    code, _, _, err = run_team(team["tom"].parent, "--out", team["ann"])
    assert code != 0 and team["tom"].read_bytes() == before


def test_a_folder_reads_the_workbooks_in_it(team: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / "~$tom.xlsx").write_bytes(b"lock")  # Excel's lock file: never read
    out = tmp_path / "out" / "t.xlsx"
    out.parent.mkdir()
    code, data, _, err = run_team(tmp_path, "--out", out, "--today", TODAY, "--json")
    assert code == 0, err
    assert data is not None
    assert sorted(f["path"] for f in data["files"]) == ["ann.xlsx", "lee.xlsx", "tom.xlsx"]
    assert data["skipped"] == []


def _saved(path: Path, when: dt.datetime) -> None:
    """Date the workbook's last save, as Excel records it in the package."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    add_parts(path, {}, {"docProps/core.xml": lambda data: re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)})


def test_the_newer_of_two_copies_wins(team: dict[str, Path], tmp_path: Path) -> None:
    copy = tmp_path / "tom-old.xlsx"
    shutil.copy(team["tom"], copy)
    # The older copy has a customer the newer one has since closed as lost.
    wb = openpyxl.load_workbook(copy)
    wb["客户表"].append(["Dropped Buyer", None, None, None, "美国", "Tom", "已报价",
                        days(-70), days(-30)])
    wb.save(copy)
    _saved(copy, dt.datetime(2026, 11, 1, 9))
    _saved(team["tom"], dt.datetime(2026, 11, 17, 9))
    code, data, _, err = run_team(copy, team["tom"], team["ann"], "--out", tmp_path / "t.xlsx",
                                  "--today", TODAY, "--json")
    assert code == 0, err
    assert data is not None
    assert [f["path"] for f in data["files"]] == ["tom.xlsx", "ann.xlsx"]
    assert [Path(str(s["path"])).name for s in data["skipped"]] == ["tom-old.xlsx"]
    assert "tom.xlsx" in data["skipped"][0]["reason"]
    assert {o["owner"]: o["customers"] for o in data["owners"]}["Tom"] == 5


def test_a_customer_in_a_shared_sheet_and_an_own_file_counts_once(
        team: dict[str, Path], tmp_path: Path) -> None:
    shared = salesperson_file(tmp_path / "shared.xlsx", "Tom", [
        {"company": "Tom Only Ltd", "owner": "Tom", "last": days(-2)},
        {"company": "Zed Buyer", "owner": "Zoe"},
        {"company": "Yak Buyer", "owner": "Zoe"},
    ])
    _saved(team["tom"], dt.datetime(2026, 11, 10, 9))
    _saved(shared, dt.datetime(2026, 11, 17, 9))
    code, data, _, err = run_team(team["tom"], shared, "--out", tmp_path / "t.xlsx",
                                  "--today", TODAY, "--json")
    assert code == 0, err
    assert data is not None
    owners = {o["owner"]: o["customers"] for o in data["owners"]}
    assert owners == {"Tom": 5, "Zoe": 2}
    archive = sheet_rows(tmp_path / "t.xlsx", "全部客户")
    tom_only = [r for r in archive if r[1] == "Tom Only Ltd"]
    assert len(tom_only) == 1 and tom_only[0][8] == "shared.xlsx"  # the newer file's row


def test_each_file_keeps_its_own_settings(tmp_path: Path) -> None:
    """A file whose 设置 says B customers are followed up every 3 days is scheduled so,
    beside one with the default 7."""
    row = {"company": "Same Stage Buyer", "stage": "谈判中", "last": days(-1)}
    fast = salesperson_file(tmp_path / "fast.xlsx", "Fay", [row],
                            settings=[("B级跟进间隔（天）", 3)])
    slow = salesperson_file(tmp_path / "slow.xlsx", "Sam", [row])
    code, _, _, err = run_team(fast, slow, "--out", tmp_path / "t.xlsx", "--today", TODAY)
    assert code == 0, err
    archive = {r[0]: r for r in sheet_rows(tmp_path / "t.xlsx", "全部客户")[1:]}
    assert archive["Fay"][6] != archive["Sam"][6]
    assert archive["Fay"][6] < archive["Sam"][6]


def test_snapshots_mailed_by_salespeople_are_read(tmp_path: Path) -> None:
    """The manager receives macro-free snapshots made by ``xltrade snapshot``."""
    sources = []
    for name, owner in (("a", "张伟"), ("b", "李娜")):
        path = salesperson_file(tmp_path / f"{name}.xlsx", owner, [
            {"company": f"{owner} 的客户 Ltd", "last": days(-2), "reply": days(-2)},
            {"company": "Shared Buyer Co., Ltd.", "first": days(-30 if name == "a" else -10)},
        ])
        assert xltrade(["report", str(path), "--today", TODAY.isoformat()]) == 0
        snap = tmp_path / f"{name}-snapshot.xlsx"
        assert xltrade(["snapshot", str(path), "--out", str(snap)]) == 0
        sources.append(snap)
    out = tmp_path / "团队周报.xlsx"
    code, data, _, err = run_team(*sources, "--out", out, "--today", TODAY, "--json")
    assert code == 0, err
    assert data is not None
    assert [f["week"] for f in data["files"]] == ["2026-W47", "2026-W47"]
    assert [[c["owner"] for c in k["customers"]] for k in data["conflicts"]] == [["张伟", "李娜"]]
    assert {o["owner"]: o["replied_this_week"] for o in data["owners"]} == {"张伟": 1, "李娜": 1}
    assert not problems([out])[out.name]
    with zipfile.ZipFile(out) as package:
        assert not [n for n in package.namelist() if "vba" in n.lower()]


def test_the_team_workbook_opens_in_libreoffice(team: dict[str, Path], tmp_path: Path) -> None:
    need("soffice")
    out = tmp_path / "团队周报.xlsx"
    code, _, _, err = run_team(team["tom"], team["ann"], "--out", out, "--today", TODAY)
    assert code == 0, err
    assert not problems([out])[out.name]
    done = subprocess.run(["soffice", "--headless", "--convert-to",
                           "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
                           str(tmp_path / "csv"), str(out)], capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "csv" / "团队周报.csv").read_text(encoding="utf-8", errors="replace")
    assert "团队周报" in text and "Tom" in text and "Ann" in text


def test_english_files_give_an_english_team_workbook(tmp_path: Path) -> None:
    path = tmp_path / "en.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Customers"
    ws.append(["Company", "Email", "Country", "Sales Rep", "Stage", "First Contact",
               "Last Contact"])
    ws.append(["Acme Corp", "jo@acme.com", "USA", "Jo", "Quoted", days(-40), days(-35)])
    ws.append(["Acme Corporation", "al@acme.com", "USA", "Al", "Inquiry", days(-20), days(-3)])
    wb.save(path)
    out = tmp_path / "team.xlsx"
    code, data, _, err = run_team(path, "--out", out, "--today", TODAY, "--json")
    assert code == 0, err
    names = openpyxl.load_workbook(out).sheetnames
    assert names == ["Team Report", "Conflicts", "Pool", "All Customers"]
    assert data is not None and len(data["conflicts"]) == 1


def test_an_earlier_team_workbook_in_the_folder_is_not_read(team: dict[str, Path],
                                                            tmp_path: Path) -> None:
    """The Send To entry writes the team workbook beside the mailed files; selecting
    them all next week must not count its 全部客户 sheet as a salesperson's."""
    first = tmp_path / "团队周报-2026-11-11.xlsx"
    code, data, _, err = run_team(team["tom"], team["ann"], "--out", first, "--today", TODAY,
                                  "--json")
    assert code == 0, err
    assert data is not None
    code, again, _, err = run_team(tmp_path, "--out", tmp_path.parent / f"{tmp_path.name}.xlsx",
                                   "--today", TODAY, "--json")
    assert code == 0, err
    assert again is not None
    assert sorted(f["path"] for f in again["files"]) == ["ann.xlsx", "lee.xlsx", "tom.xlsx"]
    assert [Path(str(s["path"])).name for s in again["skipped"]] == [first.name]
    assert "团队周报" in str(again["skipped"][0]["reason"])
