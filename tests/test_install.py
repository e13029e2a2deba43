"""xltrade install (the user's own xlwings config) and xltrade doctor."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import xlwings
import xlwings.utils

from xltrade import build
from xltrade.build import build_workbook
from xltrade.cli import main
from xltrade.excel.doctor import doctor
from xltrade.excel.install import config_file, install
from xltrade.excel.machine import LocalMachine
from xltrade.vba.project import Module


def test_windows_install_writes_this_python_and_keeps_other_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = config_file("win32", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text('"SHOW CONSOLE","True"\n"INTERPRETER_WIN","C:\\old\\pythonw.exe"\n',
                    encoding="utf-8")
    done = install("win32", tmp_path)
    assert done and str(path) in done[0]
    # Read back the way xlwings itself reads the file.
    monkeypatch.setattr(xlwings, "USER_CONFIG_FILE", str(path))
    config = xlwings.utils.read_user_config()
    assert config["show console"] == "True"
    assert config["interpreter_win"] != "C:\\old\\pythonw.exe"
    assert Path(config["interpreter_win"]).exists()
    assert path.read_text(encoding="utf-8").count("INTERPRETER_WIN") == 1


def test_macos_install_also_enables_runpython(tmp_path: Path) -> None:
    install("darwin", tmp_path)
    assert "INTERPRETER_MAC" in config_file("darwin", tmp_path).read_text(encoding="utf-8")
    script = (tmp_path / "Library" / "Application Scripts" / "com.microsoft.Excel"
              / f"xlwings-{xlwings.__version__}.applescript")
    assert script.read_bytes() == (Path(xlwings.__file__).parent / script.name).read_bytes()


def test_install_elsewhere_changes_nothing(tmp_path: Path) -> None:
    assert install("linux", tmp_path) == [
        "Excel runs on Windows and macOS; nothing to set up on this system."]
    assert list(tmp_path.iterdir()) == []


def test_doctor_on_this_computer_and_the_built_workbook(tmp_path: Path) -> None:
    """The workbook's checks all pass for the built workbook; this Linux machine has no
    Excel, which the doctor says (a ready Windows machine is in test_doctor.py)."""
    workbook = build_workbook(tmp_path / "Customers.xlsm")
    install("win32", tmp_path)
    checks = doctor(workbook, LocalMachine("win32", tmp_path), "en")
    failed = {c.name for c in checks if not c.ok}
    assert failed == {"excel", "xlwings dll", "vba access"}, failed
    assert {c.name for c in checks} >= {"interpreter", "xlwings module", "workbook config"}
    assert main(["doctor", str(workbook), "--platform", "win32", "--home", str(tmp_path)]) == 1


def test_doctor_finds_what_is_wrong(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    original = build.xlwings_module

    def old_xlwings() -> Module:
        module = original()
        return Module("xlwings", "standard", module.code.replace(
            f"'Version: {xlwings.__version__}", "'Version: 0.30.0"))

    monkeypatch.setattr(build, "xlwings_module", old_xlwings)
    workbook = build_workbook(tmp_path / "old.xlsm")
    wb = openpyxl.load_workbook(workbook, keep_vba=True)
    # Settings in the shared workbook that decide which code the buttons run.
    for key, value in (("Interpreter_Win", r"\\fileserver\tools\python.exe"),
                       ("PYTHONPATH", r"\\fileserver\share\py"),
                       ("Add Workbook to PythonPath", True),
                       ("UDF Modules", "xltrade.udfs;helpers"),
                       ("Conda Env", "")):
        wb["xlwings.conf"].append([key, value])
    wb.save(workbook)
    failed = [c for c in doctor(workbook, LocalMachine("win32", tmp_path), "en") if not c.ok]
    assert {c.name for c in failed} == {"interpreter", "xlwings module", "workbook config",
                                        "excel", "vba access"}
    flagged = [c.detail for c in failed if c.name == "workbook config"]
    assert len(flagged) == 4  # the empty Conda Env changes nothing
    for key in ("INTERPRETER_WIN", "PYTHONPATH", "ADD WORKBOOK TO PYTHONPATH", "UDF MODULES"):
        assert any(f"sets {key} = " in d and "delete that row" in d for d in flagged), key
    assert main(["doctor", str(workbook), "--platform", "win32", "--home", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    # In the workbook's language (the sample is Chinese), labels included.
    assert "需处理 xlwings 模块：工作簿带的版本：0.30.0" in out and "fileserver" in out


def test_shortcuts_are_send_to_entries_that_run_the_command_line(
        tmp_path: Path, make_workbook, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Send To entries: their text, and the command in them run for real on a
    team sheet (what Windows does with the file sent to it). The manager's entry is
    run in test_sendto_team.py."""
    import shlex
    import subprocess
    import sys

    from xltrade.excel.install import SHORTCUTS, send_to_folder

    appdata = tmp_path / "Roaming"
    monkeypatch.setenv("APPDATA", str(appdata))
    done = install("win32", tmp_path, shortcuts=True)
    folder = send_to_folder(tmp_path, str(appdata))
    assert folder == appdata / "Microsoft" / "Windows" / "SendTo"
    assert sorted(p.name for p in folder.iterdir()) == sorted(SHORTCUTS)
    assert sum("Send to >" in line for line in done) == len(SHORTCUTS) == 3
    for name, action in SHORTCUTS.items():
        text = (folder / name).read_bytes().decode("utf-8")
        lines = text.split("\r\n")
        assert lines[0] == "@echo off" and lines[2] == "chcp 65001 >nul" and lines[-1] == ""
        assert lines[3] == f'start "" "{sys.executable}" -m xltrade.cli.sendto {action} %*'
    team = make_workbook(["客户名称", "跟进阶段", "最近跟进"],
                         [["Acme Ltd", "已报价", "2026-11-02"]])
    line = (folder / "xltrade 生成周报.cmd").read_bytes().decode("utf-8").split("\r\n")[3]
    command = [part.strip('"') for part in shlex.split(line, posix=False)][2:]
    command = [str(team) if part == "%*" else part for part in command]
    ran = subprocess.run(command, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    assert "周报已生成" in ran.stdout and str(team) in ran.stdout
    assert "周报" in openpyxl.load_workbook(team).sheetnames


def test_send_to_mail_writes_a_draft_or_says_what_is_missing(tmp_path: Path,
                                                            make_workbook) -> None:
    from xltrade.cli.sendto import draft_path, run_action

    team = make_workbook(["客户名称", "跟进阶段", "最近跟进"],
                         [["Acme Ltd", "已报价", "2026-11-02"]])
    ok, said, drafts = run_action("mail", [str(team)])
    assert not ok and drafts == [] and "no recipient" in said and "Traceback" not in said
    wb = openpyxl.load_workbook(team)
    settings = wb.create_sheet("设置")
    settings.append(["设置"])
    settings.append(["项目", "值"])
    settings.append(["经理邮箱", "boss@example.com"])
    wb.save(team)
    ok, said, drafts = run_action("mail", [str(team)])
    assert ok and drafts == [draft_path(team)] and draft_path(team).exists()
    assert "boss@example.com" in draft_path(team).read_text(encoding="utf-8")


def test_the_mac_dialog_gets_the_text_as_an_argument_never_as_script(tmp_path: Path) -> None:
    from xltrade.cli.sendto import show

    ran: list[list[str]] = []
    text = 'done" & (do shell script "touch /tmp/x") & "'
    show(text, True, platform="darwin", run=lambda argv, check: ran.append(argv))
    (argv,) = ran
    assert argv[0] == "osascript" and argv[-1] == text
    assert all(text not in part for part in argv[:-1])
