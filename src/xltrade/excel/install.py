"""Setting up a salesperson's computer (``xltrade install``); :mod:`.doctor` checks it.

The interpreter goes into the user's own xlwings config file, never into the shared
workbook: the workbook travels between computers, and an interpreter path set there
(even an empty cell) would override everyone's own setting.
"""

from __future__ import annotations

import csv
import io
import shutil
import sys
from pathlib import Path

import xlwings

from xltrade.book.guard import write_atomic

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


def install(platform: str = sys.platform, home: Path | None = None) -> list[str]:
    """Point this user's Excel at this Python; on macOS also let Excel run it. What was
    done, one line each."""
    home = home or Path.home()
    if platform not in (WINDOWS, MACOS):
        return ["Excel runs on Windows and macOS; nothing to set up on this system."]
    path = config_file(platform, home)
    key = interpreter_key(platform)
    interpreter = this_interpreter(platform)
    write_config(path, {key: interpreter})
    done = [f"{path}: {key} = {interpreter}"]
    if platform == MACOS:
        # What `xlwings runpython install` does: Excel may only run scripts from here.
        script = runpython_script(home)
        script.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(xlwings.__file__).parent / script.name, script)
        done.append(f"{script}: RunPython enabled")
    return done


def runpython_script(home: Path) -> Path:
    """Where Excel for Mac runs RunPython's AppleScript from (it may run no other)."""
    return (home / "Library" / "Application Scripts" / "com.microsoft.Excel"
            / f"xlwings-{xlwings.__version__}.applescript")
