"""Setting up a salesperson's computer (``xltrade install``); :mod:`.doctor` checks it.

The interpreter goes into the user's own xlwings config file, never into the shared
workbook: the workbook travels between computers, and an interpreter path set there
(even an empty cell) would override everyone's own setting.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import sys
from pathlib import Path

import xlwings

from xltrade.book.guard import write_atomic
from xltrade.excel.quick_action import add_quick_actions, command_line

PINNED_XLWINGS = "0.37.8"
WINDOWS, MACOS = "win32", "darwin"


def config_file(platform: str, home: Path) -> Path:
    """Where xlwings reads the user's config on ``platform``."""
    if platform == MACOS:
        return home / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / "xlwings.conf"
    return home / ".xlwings" / "xlwings.conf"


def interpreter_key(platform: str) -> str:
    return "INTERPRETER_MAC" if platform == MACOS else "INTERPRETER_WIN"


def this_interpreter(platform: str) -> str:
    """The Python running xltrade; on Windows its window-less twin ``pythonw.exe``."""
    executable = Path(sys.executable)
    if platform == WINDOWS:
        quiet = executable.with_name("pythonw.exe")
        if quiet.exists():
            return str(quiet)
    return str(executable)


def read_config(path: Path) -> list[tuple[str, str]]:
    """The ``"KEY","value"`` lines of an xlwings config file."""
    if not path.exists():
        return []
    rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
    return [(row[0], row[1] if len(row) > 1 else "") for row in rows if row]


def write_config(path: Path, values: dict[str, str]) -> None:
    """Set ``values`` in the config file, keeping every other line."""
    lines = [(k, v) for k, v in read_config(path)
             if k.upper() not in {key.upper() for key in values}]
    lines += list(values.items())
    text = "".join(f'"{k}","{v}"\n' for k, v in lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))


#: Send To entries: file name -> the action of :mod:`xltrade.cli.sendto`. The third is
#: the manager's: the files sent to it become one team workbook.
SHORTCUTS = {"xltrade 生成周报.cmd": "report", "xltrade 邮件发给经理.cmd": "mail",
             "xltrade 团队汇总.cmd": "team"}
#: The same entries as macOS Quick Actions: menu name -> action.
QUICK_ACTIONS = {name.removesuffix(".cmd"): action for name, action in SHORTCUTS.items()}


def send_to_folder(home: Path, appdata: str | None = None) -> Path:
    """Windows' Send To folder (right-click a file > Send to)."""
    roaming = Path(appdata) if appdata else home / "AppData" / "Roaming"
    return roaming / "Microsoft" / "Windows" / "SendTo"


def shortcut_text(action: str, interpreter: str) -> str:
    """A Send To entry: runs the action on the files sent to it, without a console
    window left open. UTF-8, so an interpreter under a Chinese path still works."""
    return ("@echo off\r\n"
            "rem xltrade: written by xltrade install --shortcuts\r\n"
            "chcp 65001 >nul\r\n"
            f'start "" "{interpreter}" -m xltrade.cli.sendto {action} %*\r\n')


def add_shortcuts(home: Path, interpreter: str, appdata: str | None = None) -> list[str]:
    folder = send_to_folder(home, appdata)
    folder.mkdir(parents=True, exist_ok=True)
    done = []
    for name, action in SHORTCUTS.items():
        write_atomic(folder / name, shortcut_text(action, interpreter).encode("utf-8"))
        done.append(f"{folder / name}: Send to > {name[:-4]}")
    return done


def install(platform: str = sys.platform, home: Path | None = None,
            shortcuts: bool = False) -> list[str]:
    """Point this user's Excel at this Python; on macOS also let Excel run it; with
    ``shortcuts``, add the Send To entries (Windows) or the Quick Actions (macOS). What
    was done, one line each; an interpreter path a Quick Action cannot quote is refused
    before anything is written."""
    home = home or Path.home()
    if platform not in (WINDOWS, MACOS):
        return ["Excel runs on Windows and macOS; nothing to set up on this system."]
    path = config_file(platform, home)
    key = interpreter_key(platform)
    interpreter = this_interpreter(platform)
    if shortcuts and platform == MACOS:
        command_line("team", interpreter)  # refuses a path it cannot quote, first
    write_config(path, {key: interpreter})
    done = [f"{path}: {key} = {interpreter}"]
    if platform == MACOS:
        # What `xlwings runpython install` does: Excel may only run scripts from here.
        script = runpython_script(home)
        script.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(xlwings.__file__).parent / script.name, script)
        done.append(f"{script}: RunPython enabled")
    if shortcuts and platform == WINDOWS:
        done += add_shortcuts(home, interpreter, os.environ.get("APPDATA"))
    elif shortcuts:
        done += add_quick_actions(home, interpreter, QUICK_ACTIONS)
    return done


def runpython_script(home: Path) -> Path:
    """Where Excel for Mac runs RunPython's AppleScript from (it may run no other)."""
    return (home / "Library" / "Application Scripts" / "com.microsoft.Excel"
            / f"xlwings-{xlwings.__version__}.applescript")
