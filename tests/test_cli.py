"""The command line: exit codes, one-line errors, and JSON on stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import TODAY
from xltrade.cli import build_parser, main
from xltrade.sample import write_sample

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return write_sample(tmp_path / "team.xlsx", today=TODAY)


def xltrade(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xltrade", *args], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_refresh_json_is_the_only_stdout(sample: Path) -> None:
    done = xltrade("refresh", str(sample), "--today", "2026-11-18", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) == 60
    assert list(rows[0]) == ["row", "company", "grade", "reason", "next_followup", "due",
                             "days_overdue", "suggestion"]
    assert rows[0]["row"] == 4 and rows[0]["company"] == "Acme Trading LLC"
    assert "客户表!37 [最近跟进] '3/4/2026'" in done.stderr


def test_report_json_and_out(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    done = xltrade("report", str(sample), "--out", str(out), "--today", "2026-11-18", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["week"]["start"] == "2026-11-16" and out.exists()


def test_plain_run_says_what_it_did(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(sample), "--today", "2026-11-18"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == f"周报已生成（2026-11-16 ~ 2026-11-22）：{sample}"
    assert captured.err.startswith("10 个数据问题")


@pytest.mark.parametrize("args", [[], ["refresh"], ["report", "x.xlsx", "--today", "18/11"],
                                  ["frobnicate", "x.xlsx"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    done = xltrade(*args)
    assert done.returncode == 2 and "usage:" in done.stderr


def test_failures_exit_1_with_one_line(tmp_path: Path, sample: Path) -> None:
    missing = xltrade("refresh", str(tmp_path / "nope.xlsx"))
    assert missing.returncode == 1
    assert missing.stderr.strip().count("\n") == 0 and "no such file" in missing.stderr
    text = tmp_path / "notes.xlsx"
    text.write_text("hello")
    broken = xltrade("report", str(text))
    assert broken.returncode == 1 and "not an Excel workbook" in broken.stderr
    (sample.parent / ("~$" + sample.name)).write_text("x")
    locked = xltrade("refresh", str(sample))
    # The sample is a Chinese team's workbook: its errors are in Chinese too.
    assert locked.returncode == 1 and "工作簿正在 Excel 中打开" in locked.stderr
    assert "Traceback" not in missing.stderr + broken.stderr + locked.stderr


def test_errors_speak_the_workbooks_language(tmp_path: Path, sample: Path) -> None:
    english = tmp_path / "english.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Company", "Stage"])
    wb.active.append(["Acme", "quoted"])
    wb.save(english)
    assert "没有叫 'Nobody' 的客户" in xltrade("log", str(sample), "--customer", "Nobody").stderr
    for path, words in ((english, "the workbook is open in Excel"),
                        (sample, "工作簿正在 Excel 中打开")):
        (path.parent / ("~$" + path.name)).write_text("x")
        done = xltrade("refresh", str(path))
        assert done.returncode == 1 and words in done.stderr, done.stderr


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, sub in commands.items():
        assert sub.description, name
        assert f"xltrade {name}" in readme, name
