"""The manager's entry, "xltrade 团队汇总": Send To on Windows, a Quick Action on macOS,
both running ``python -m xltrade.cli.sendto team FILE...``: one dated team workbook
beside the first file sent, never over anything, opened, with what the command said."""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import TODAY
from xltrade.cli import main as xltrade
from xltrade.cli.sendto import main, run_action, team_path
from xltrade.errors import XltradeError
from xltrade.excel.install import QUICK_ACTIONS, SHORTCUTS, install
from xltrade.excel.quick_action import command_line, services_folder
from xltrade.sample import write_sample

TEAM_SHEETS = {"团队周报", "撞单", "公海", "全部客户"}


@pytest.fixture
def mailed(tmp_path: Path, make_workbook) -> list[Path]:
    """What a manager receives: the sample team sheet (three salespeople) and one
    salesperson's own sheet, in one folder."""
    folder = tmp_path / "本周收到"
    folder.mkdir()
    first = write_sample(folder / "华东组.xlsx", today=TODAY)
    own = make_workbook(["客户名称", "业务员", "跟进阶段", "询盘日期", "最近跟进"],
                        [["Nordic Pumps AB", "赵敏", "已报价", "2026-10-02", "2026-11-16"],
                         ["Acme Trading LLC", "赵敏", "询盘", "2026-11-17", "2026-11-17"]],
                        name="赵敏.xlsx")
    return [first, own.rename(folder / own.name)]


def test_the_team_workbook_is_dated_beside_the_first_item_and_replaces_nothing(
        tmp_path: Path) -> None:
    sent = tmp_path / "a.xlsx"
    assert team_path(str(sent), TODAY) == tmp_path / "团队周报-2026-11-18.xlsx"
    (tmp_path / "团队周报-2026-11-18.xlsx").write_bytes(b"last run")
    assert team_path(str(sent), TODAY) == tmp_path / "团队周报-2026-11-18-2.xlsx"
    (tmp_path / "团队周报-2026-11-18-2.xlsx").symlink_to(tmp_path / "gone")  # dangling
    assert team_path(str(sent), TODAY) == tmp_path / "团队周报-2026-11-18-3.xlsx"
    # A folder sent: beside it, never inside, where next week's run would read it.
    folder = tmp_path / "本周收到"
    folder.mkdir()
    assert team_path(str(folder), TODAY).parent == tmp_path


def test_send_to_team_writes_opens_and_shows(mailed: list[Path]) -> None:
    folder = mailed[0].parent
    ran: list[list[str]] = []
    code = main(["team", *map(str, mailed)], platform="darwin",
                run=lambda argv, check: ran.append(argv))
    out = folder / f"团队周报-{_today()}.xlsx"
    assert code == 0 and out.exists()
    assert set(openpyxl.load_workbook(out).sheetnames) >= TEAM_SHEETS
    (opened, dialog) = ran
    assert opened == ["open", str(out)]
    assert dialog[0] == "osascript" and "Traceback" not in dialog[-1]
    # Sent again the same day: a second workbook, the first left as it was.
    before = out.read_bytes()
    ok, said, made = run_action("team", [str(p) for p in mailed])
    assert ok and made == [folder / f"团队周报-{_today()}-2.xlsx"] and made[0].exists()
    assert out.read_bytes() == before
    assert said


def test_send_to_team_says_what_the_command_said(mailed: list[Path]) -> None:
    ok, said, made = run_action("team", [str(p) for p in mailed], today=TODAY)
    (out,) = made
    assert ok and out == mailed[0].parent / "团队周报-2026-11-18.xlsx"
    # The same as the command line run on the same files into another file.
    expected = mailed[0].parent / "by-hand.xlsx"
    code = xltrade(["team", *map(str, mailed), "--out", str(expected),
                    "--today", "2026-11-18"])
    assert code == 0
    assert openpyxl.load_workbook(out).sheetnames == \
        openpyxl.load_workbook(expected).sheetnames
    assert said and "Traceback" not in said


def test_send_to_team_a_folder(mailed: list[Path]) -> None:
    folder = mailed[0].parent
    ok, said, made = run_action("team", [str(folder)], today=TODAY)
    assert ok and made == [folder.parent / "团队周报-2026-11-18.xlsx"]
    assert str(made[0]) in said
    assert set(openpyxl.load_workbook(made[0]).sheetnames) >= TEAM_SHEETS


def test_send_to_team_with_nothing_readable_writes_nothing(tmp_path: Path) -> None:
    note = tmp_path / "说明.txt"
    note.write_text("not a workbook", encoding="utf-8")
    ran: list[list[str]] = []
    assert main(["team", str(note)], platform="darwin",
                run=lambda argv, check: ran.append(argv)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["说明.txt"]
    (dialog,) = ran  # nothing to open: only the message
    assert "说明.txt" in dialog[-1] and "Traceback" not in dialog[-1]


def test_the_windows_entry_runs_team_on_all_the_files(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    done = install("win32", tmp_path, shortcuts=True)
    entry = (tmp_path / "Roaming" / "Microsoft" / "Windows" / "SendTo" / "xltrade 团队汇总.cmd")
    assert any(str(entry) in line and "Send to > xltrade 团队汇总" in line for line in done)
    assert entry.read_bytes().decode("utf-8") == (
        "@echo off\r\n"
        "rem xltrade: written by xltrade install --shortcuts\r\n"
        "chcp 65001 >nul\r\n"
        f'start "" "{sys.executable}" -m xltrade.cli.sendto team %*\r\n')
    assert SHORTCUTS["xltrade 生成周报.cmd"] == "report"
    assert SHORTCUTS["xltrade 邮件发给经理.cmd"] == "mail"


# --- macOS Quick Actions


def bundle(home: Path, name: str) -> tuple[dict, dict]:
    contents = services_folder(home) / f"{name}.workflow" / "Contents"
    with (contents / "Info.plist").open("rb") as info, \
            (contents / "document.wflow").open("rb") as document:
        return plistlib.load(info), plistlib.load(document)


def test_macos_install_adds_the_quick_actions(tmp_path: Path) -> None:
    done = install("darwin", tmp_path, shortcuts=True)
    assert sorted(p.name for p in services_folder(tmp_path).iterdir()) == [
        "xltrade 团队汇总.workflow", "xltrade 生成周报.workflow", "xltrade 邮件发给经理.workflow"]
    assert sum("Finder > Quick Actions >" in line for line in done) == 3
    for name, action in QUICK_ACTIONS.items():
        info, document = bundle(tmp_path, name)
        (service,) = info["NSServices"]
        assert service["NSMenuItem"] == {"default": name}
        assert service["NSMessage"] == "runWorkflowAsService"
        assert service["NSRequiredContext"] == {"NSApplicationIdentifier": "com.apple.finder"}
        assert service["NSSendFileTypes"] == ["public.item"]  # files and folders
        (step,) = document["actions"]
        shell = step["action"]
        assert shell["BundleIdentifier"] == "com.apple.RunShellScript"
        assert shell["Class Name"] == "RunShellScriptAction"
        assert shell["ActionParameters"] == {
            "COMMAND_STRING": f'"{sys.executable}" -m xltrade.cli.sendto {action} "$@"',
            "CheckedForUserDefaultShell": True, "inputMethod": 1,  # as arguments
            "shell": "/bin/sh", "source": ""}
        meta = document["workflowMetaData"]
        assert meta["workflowTypeIdentifier"] == "com.apple.Automator.servicesMenu"
        assert meta["serviceInputTypeIdentifier"] == "com.apple.Automator.fileSystemObject"
        assert meta["serviceApplicationBundleID"] == "com.apple.finder"
        assert len({shell["UUID"], shell["InputUUID"], shell["OutputUUID"]}) == 3
    # Installing again gives the same bundles.
    first = bundle(tmp_path, "xltrade 团队汇总")
    install("darwin", tmp_path, shortcuts=True)
    assert bundle(tmp_path, "xltrade 团队汇总") == first


def test_the_quick_action_hands_file_names_over_as_arguments(
        tmp_path: Path, mailed: list[Path]) -> None:
    """The shell script the Quick Action holds, run as Automator runs it (``sh -c
    SCRIPT sh FILE...``), on files whose names are shell code: they stay names."""
    folder = mailed[0].parent
    hostile = [folder / 'it\'s "$(touch pwned)" `id`;.xlsx', folder / "-$HOME & x.xlsx"]
    for source, target in zip(mailed, hostile, strict=True):
        source.rename(target)
    install("darwin", tmp_path, shortcuts=True)
    _info, document = bundle(tmp_path, "xltrade 团队汇总")
    script = document["actions"][0]["action"]["ActionParameters"]["COMMAND_STRING"]
    ran = subprocess.run(["/bin/sh", "-c", script, "sh", *map(str, hostile)], cwd=tmp_path,
                         capture_output=True, text=True, env={**os.environ, "HOME": "/nowhere"})
    assert ran.returncode == 0, ran.stderr
    out = folder / f"团队周报-{_today()}.xlsx"
    assert out.exists() and set(openpyxl.load_workbook(out).sheetnames) >= TEAM_SHEETS
    assert not list(tmp_path.rglob("pwned"))
    assert hostile[0].exists() and hostile[1].exists()


def test_an_interpreter_path_the_quotes_cannot_hold_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert command_line("team", "/Users/王 芳/xltrade/bin/python") == \
        '"/Users/王 芳/xltrade/bin/python" -m xltrade.cli.sendto team "$@"'
    for bad in ('/Users/a"b/python', "/Users/$USER/python", "/Users/a`b/python",
                "/Users/a\\b/python", "/Users/a\nb/python"):
        with pytest.raises(XltradeError):
            command_line("team", bad)
    odd = tmp_path / "py$thon"
    odd.mkdir()
    (odd / "python").symlink_to(sys.executable)
    monkeypatch.setattr(sys, "executable", str(odd / "python"))
    home = tmp_path / "home"
    code = xltrade(["install", "--shortcuts", "--platform", "darwin", "--home", str(home)])
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1 and "'$'" in err
    assert not home.exists()  # nothing written, not even the config


def _today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()
