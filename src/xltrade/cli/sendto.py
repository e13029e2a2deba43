"""The path without macros: right-click a workbook > Send to > "xltrade 生成周报" or
"xltrade 邮件发给经理" runs the command line on it and shows the answer in a message box.
For WPS users, and for workbooks whose macros are blocked; the highlighting is native
conditional formatting, so it shows in WPS without Python.

The manager's entry, "xltrade 团队汇总", runs ``xltrade team`` on all the files (or
folders) sent to it at once, writes 团队周报-YYYY-MM-DD.xlsx beside the first of them
and opens it: the team workbook without a terminal.

The Send To entries and the macOS Quick Actions (``xltrade install --shortcuts``) run
``pythonw -m xltrade.cli.sendto report|mail|team FILE...``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from xltrade.cli import main as xltrade

ACTIONS = ("report", "mail", "team")
TITLE = "xltrade"
TEAM_NAME = "团队周报"


def draft_path(workbook: Path) -> Path:
    """Where the mail action puts the draft: beside the workbook."""
    return workbook.with_name(f"{workbook.stem}-周报邮件.eml")


def team_path(first: str, day: dt.date) -> Path:
    """Where the team action writes: 团队周报-DAY.xlsx in the folder holding the first
    item sent (beside a folder sent, not inside it), numbered -2, -3, ... rather than
    replace anything there."""
    folder = Path(os.path.abspath(first)).parent
    path, n = folder / f"{TEAM_NAME}-{day.isoformat()}.xlsx", 1
    while path.exists() or path.is_symlink():
        n += 1
        path = folder / f"{TEAM_NAME}-{day.isoformat()}-{n}.xlsx"
    return path


def run_action(action: str, paths: Sequence[str],
               today: dt.date | None = None) -> tuple[bool, str, list[Path]]:
    """Run ``action`` on each workbook (``team``: on all of them at once): whether all
    went well, what the command line said, and the files written to open for the user
    (the mail drafts, the team workbook)."""
    if action == "team":
        return run_team(paths, today)
    said, drafts, ok = [], [], True
    for name in paths:
        workbook = Path(name)
        argv = ["report", name] if action == "report" else \
            ["mail", name, "--eml", str(draft_path(workbook))]
        code, out = _run(argv)
        ok &= code == 0
        said.append(out or f"{workbook.name}: exit {code}")
        if code == 0 and action == "mail":
            drafts.append(draft_path(workbook))
    return ok, "\n\n".join(said), drafts


def run_team(paths: Sequence[str], today: dt.date | None = None) -> tuple[bool, str, list[Path]]:
    """``xltrade team`` on every file and folder sent, into a new dated workbook."""
    out = team_path(paths[0], today or dt.date.today())
    # Absolute paths: a name starting with "-" stays a file, never an option.
    argv = ["team", *(os.path.abspath(p) for p in paths), "--out", str(out)]
    if today:
        argv += ["--today", today.isoformat()]
    code, said = _run(argv)
    made = [out] if code == 0 and out.exists() else []
    return code == 0, said or f"{out.name}: exit {code}", made


def _run(argv: list[str]) -> tuple[int, str]:
    """The command line run here, in this process: its exit status and what it said."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = xltrade(argv)
        except SystemExit as exc:  # argparse's own refusals
            code = int(exc.code or 0)
    return code, out.getvalue().strip()


def show(text: str, ok: bool, platform: str = sys.platform,
         run: Callable[..., object] = subprocess.run) -> None:
    """The answer where a salesperson sees it: a message box on Windows, a dialog on
    macOS, the terminal elsewhere."""
    if platform == "win32":
        import ctypes

        icon = 0x40 if ok else 0x10  # MB_ICONINFORMATION / MB_ICONERROR
        ctypes.windll.user32.MessageBoxW(None, text, TITLE, icon)  # type: ignore[attr-defined]
    elif platform == "darwin":
        # The text goes in as an argument, never into the script's source.
        run(["osascript", "-e", "on run argv", "-e",
             f'display dialog (item 1 of argv) with title "{TITLE}" buttons {{"OK"}}',
             "-e", "end run", text], check=False)
    else:
        print(text, file=sys.stdout if ok else sys.stderr)


def open_file(path: Path, platform: str = sys.platform,
              run: Callable[..., object] = subprocess.run) -> None:
    """Open a file with its default program: a draft in the mail program, the team
    workbook in Excel or WPS."""
    if platform == "win32":
        os.startfile(path)  # type: ignore[attr-defined]
    elif platform == "darwin":
        run(["open", str(path)], check=False)


def main(argv: Sequence[str] | None = None, platform: str = sys.platform,
         run: Callable[..., object] = subprocess.run) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ACTIONS or len(args) < 2:
        show("usage: python -m xltrade.cli.sendto report|mail|team WORKBOOK...", False,
             platform, run)
        return 2
    ok, said, made = run_action(args[0], args[1:])
    for path in made:
        open_file(path, platform, run)
    show(said, ok, platform, run)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
