"""Setting up a salesperson's computer (``xltrade install``) and checking it
(``xltrade doctor``).

The interpreter goes into the user's own xlwings config file, never into the shared
workbook: the workbook travels between computers, and an interpreter path set there
(even an empty cell) would override everyone's own setting.
"""

from __future__ import annotations

import csv
import io
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import xlwings

from xltrade.book.guard import write_atomic
from xltrade.book.package import Book
from xltrade.book.read import SheetReader, check_extents
from xltrade.errors import XltradeError
from xltrade.excel.ribbon import PART as RIBBON_PART
from xltrade.excel.udf_wrappers import UDF_MODULE
from xltrade.vba.reader import read_modules

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
        scripts = home / "Library" / "Application Scripts" / "com.microsoft.Excel"
        scripts.mkdir(parents=True, exist_ok=True)
        name = f"xlwings-{xlwings.__version__}.applescript"
        shutil.copy(Path(xlwings.__file__).parent / name, scripts / name)
        done.append(f"{scripts / name}: RunPython enabled")
    return done


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def doctor(workbook: Path | None = None, platform: str = sys.platform,
           home: Path | None = None) -> list[Check]:
    """Is this computer ready, and does the workbook match it?"""
    home = home or Path.home()
    checks = [
        Check("python", sys.version_info >= (3, 11),
              f"{sys.executable} ({sys.version.split()[0]})"),
        Check("xlwings", xlwings.__version__ == PINNED_XLWINGS,
              f"{xlwings.__version__} installed, {PINNED_XLWINGS} expected"),
    ]
    if platform in (WINDOWS, MACOS):
        key = interpreter_key(platform)
        config = dict((k.upper(), v) for k, v in read_config(config_file(platform, home)))
        value = config.get(key, "")
        checks.append(Check("interpreter", bool(value) and Path(value).exists(),
                            f"{key} = {value or '(not set: run xltrade install)'}"))
    if workbook is not None:
        checks += _workbook_checks(workbook)
    return checks


def _workbook_checks(path: Path) -> list[Check]:
    try:
        with Book(path) as book:
            names = {n.lower() for n in book.names()}
            project = book.read("xl/vbaProject.bin") if book.exists("xl/vbaProject.bin") \
                else b""
            check_extents(book)
            config = _config_rows(path) if book.exists("xl/workbook.xml") else {}
    except (XltradeError, OSError) as exc:
        reason = str(exc) if isinstance(exc, XltradeError) else f"{path}: {exc.strerror}"
        return [Check("workbook", False, reason)]
    checks = [Check("ribbon", RIBBON_PART.lower() in names, RIBBON_PART)]
    modules = {m.name: m.text for m in read_modules(project)} if project else {}
    embedded = next((line.split(":", 1)[1].strip() for line in modules.get("xlwings", "")
                     .splitlines() if line.startswith("'Version:")), None)
    checks.append(Check("xlwings module", embedded == xlwings.__version__,
                        f"workbook carries {embedded or 'none'}, "
                        f"{xlwings.__version__} installed"))
    checks.append(Check("macros", "xltrade" in modules, "xltrade module"))
    risky = risky_config(config)
    checks.append(Check("workbook config", not risky and config.get("UDF MODULES")
                        == UDF_MODULE, f"UDF Modules = {UDF_MODULE}, nothing else that "
                        "decides which code runs" if not risky else risky[0]))
    checks += [Check("workbook config", False, line) for line in risky[1:]]
    return checks


#: xlwings.conf keys that decide which Python, and which code, the buttons run.
CODE_KEYS = ("INTERPRETER", "INTERPRETER_WIN", "INTERPRETER_MAC", "PYTHONPATH",
             "CONDA PATH", "CONDA ENV", "ADD WORKBOOK TO PYTHONPATH", "UDF MODULES")


def risky_config(config: dict[str, object]) -> list[str]:
    """What the workbook's own xlwings.conf says about which code runs, beyond xltrade's
    one UDF module: each with how to remove it."""
    found = []
    for key in CODE_KEYS:
        value = config.get(key)
        if value is None or str(value).strip() == "":
            continue
        if key == "UDF MODULES" and str(value).strip() == UDF_MODULE:
            continue
        if key == "ADD WORKBOOK TO PYTHONPATH" and str(value).strip().lower() == "false":
            continue
        found.append(f"xlwings.conf sets {key} = {str(value)[:80]}: it decides which code "
                     "the buttons run; unhide the xlwings.conf sheet (right-click a tab > "
                     "Unhide), delete that row and save")
    return found


def _config_rows(path: Path) -> dict[str, object]:
    reader = SheetReader(path)
    try:
        if "xlwings.conf" not in reader.names:
            return {}
        return {str(r[0]).strip().upper(): r[1] for r in reader.rows("xlwings.conf")
                if r and r[0] is not None and len(r) > 1}
    finally:
        reader.close()
