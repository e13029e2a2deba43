"""Install xltrade for one user, without administrator rights: a virtual environment in
a plain (ASCII, no spaces) folder, xltrade from the wheel placed beside this script (or
from an index given with --index-url), then ``xltrade install --shortcuts``, the
workbook, and ``xltrade doctor``.

Run by install-xltrade.cmd on Windows; on macOS and Linux run it with Python 3.11+:

    python3 install_xltrade.py [--index-url URL] [--target DIR] [--workbook PATH]

Only the standard library is used, and only syntax Python 3.7 reads, so that an old
Python still gets a clear message.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

MINIMUM = (3, 11)
HERE = Path(__file__).resolve().parent


def plain(path: str) -> bool:
    """A path every part of the Excel-to-Python chain reads right."""
    return path.isascii() and " " not in path


def default_target(env: Mapping[str, str], platform: str) -> str:
    """Where the virtual environment goes: the user's own programs folder when its path
    is plain, else a folder at the top of the system drive (no admin rights needed)."""
    if platform == "win32":
        base = env.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        candidate = base.rstrip("\\") + "\\xltrade"
        if plain(candidate):
            return candidate
        return env.get("SystemDrive", "C:") + "\\xltrade"
    candidate = str(Path.home() / ".local" / "share" / "xltrade")
    return candidate if plain(candidate) else f"/tmp/xltrade-{os.getuid()}"


def default_workbook(env: Mapping[str, str], platform: str) -> str:
    """Documents/xltrade/Customers.xlsm in the user's home."""
    if platform == "win32":
        home = env.get("USERPROFILE") or str(Path.home())
        return home.rstrip("\\") + "\\Documents\\xltrade\\Customers.xlsm"
    return str(Path.home() / "Documents" / "xltrade" / "Customers.xlsm")


def tool(venv: str, name: str, platform: str) -> str:
    """A program inside the virtual environment."""
    if platform == "win32":
        return venv.rstrip("\\") + f"\\Scripts\\{name}.exe"
    return str(Path(venv) / "bin" / name)


def wheels(folder: Path) -> list[str]:
    return sorted(str(p) for p in Path(folder).glob("xltrade-*.whl"))


def plan(args: argparse.Namespace, env: Mapping[str, str], platform: str, python: str,
         folder: Path) -> list[tuple[str, list[str]]]:
    """The commands, in order, as (what it does, command)."""
    venv = args.target or default_target(env, platform)
    workbook = args.workbook or default_workbook(env, platform)
    py = tool(venv, "python", platform)
    found = wheels(folder)
    if found:
        source = ["--find-links", str(folder), found[-1]]
    elif args.index_url:
        source = ["--index-url", args.index_url, "xltrade"]
    else:
        raise SystemExit("No xltrade wheel (xltrade-*.whl) beside this script, and no "
                         f"--index-url given: put the wheel file in {folder}")
    xltrade = tool(venv, "xltrade", platform)
    steps = [
        ("virtual environment", [python, "-m", "venv", venv]),
        ("pip", [py, "-m", "pip", "install", "--upgrade", "pip"]),
        ("xltrade", [py, "-m", "pip", "install", "--upgrade", *source]),
        ("Excel set-up", [xltrade, "install", "--shortcuts"]),
    ]
    if not Path(workbook).exists():
        steps.append(("workbook", [xltrade, "workbook", "--out", workbook]))
    steps.append(("check", [xltrade, "doctor", workbook]))
    return steps


def refuse(version: Sequence[int], executable: str) -> str | None:
    """Why this Python cannot be used, or None."""
    if tuple(version[:2]) < MINIMUM:
        return (f"Python {version[0]}.{version[1]} is too old: install Python 3.11 or newer "
                "from python.org (\"Install for me only\"), then run the installer again.")
    if "\\windowsapps\\" in executable.lower():
        return ("This is the Microsoft Store Python, which Excel cannot start: install "
                "Python from python.org (\"Install for me only\"), then run the installer "
                "again.")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-url", help="install xltrade from this package index "
                        "instead of a wheel beside this script")
    parser.add_argument("--target", help="the folder for xltrade's own Python "
                        "(default: %%LOCALAPPDATA%%\\xltrade, or C:\\xltrade when that "
                        "path is not plain ASCII)")
    parser.add_argument("--workbook", help="where to put Customers.xlsm (default: "
                        "Documents\\xltrade\\Customers.xlsm; an existing file is kept)")
    parser.add_argument("--dry-run", action="store_true", help="print the commands only")
    args = parser.parse_args(argv)
    problem = refuse(tuple(sys.version_info[:2]), sys.executable)
    if problem:
        print(problem)
        return 1
    steps = plan(args, os.environ, sys.platform, sys.executable, HERE)
    for what, command in steps:
        print("> " + " ".join(f'"{c}"' if " " in c else c for c in command))
        if args.dry_run:
            continue
        if what == "workbook":
            Path(command[-1]).parent.mkdir(parents=True, exist_ok=True)
        code = subprocess.call(command)
        if code != 0 and what != "check":
            print(f"The step '{what}' failed (exit {code}); nothing after it was done.")
            return code
    if not args.dry_run:
        print("\nDone. Open " + steps[-1][1][-1] + " in Excel: the buttons are on the "
              "xltrade tab. Without macros (WPS): right-click a workbook > Send to > "
              "xltrade 生成周报.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
