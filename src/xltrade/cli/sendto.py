"""The path without macros: right-click a workbook > Send to > "xltrade 生成周报" or
"xltrade 邮件发给经理" runs the command line on it and shows the answer in a message box.
For WPS users, and for workbooks whose macros are blocked; the highlighting is native
conditional formatting, so it shows in WPS without Python.

The Send To entries (``xltrade install --shortcuts``) run
``pythonw -m xltrade.cli.sendto report|mail FILE...``.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from xltrade.cli import main as xltrade

ACTIONS = ("report", "mail")
TITLE = "xltrade"


def draft_path(workbook: Path) -> Path:
    """Where the mail action puts the draft: beside the workbook."""
    return workbook.with_name(f"{workbook.stem}-周报邮件.eml")


def run_action(action: str, paths: Sequence[str]) -> tuple[bool, str, list[Path]]:
    """Run ``action`` on each workbook: whether all went well, what the command line
    said, and the drafts written (to open for the user)."""
    said, drafts, ok = [], [], True
    for name in paths:
        workbook = Path(name)
        argv = ["report", name] if action == "report" else \
            ["mail", name, "--eml", str(draft_path(workbook))]
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            try:
                code = xltrade(argv)
            except SystemExit as exc:  # argparse's own refusals
                code = int(exc.code or 0)
        ok &= code == 0
        said.append(out.getvalue().strip() or f"{workbook.name}: exit {code}")
        if code == 0 and action == "mail":
            drafts.append(draft_path(workbook))
    return ok, "\n\n".join(said), drafts


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
    """Open a draft in the mail program that handles .eml files."""
    if platform == "win32":
        os.startfile(path)  # type: ignore[attr-defined]
    elif platform == "darwin":
        run(["open", str(path)], check=False)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in ACTIONS or len(args) < 2:
        show("usage: python -m xltrade.cli.sendto report|mail WORKBOOK...", False)
        return 2
    ok, said, drafts = run_action(args[0], args[1:])
    for draft in drafts:
        open_file(draft)
    show(said, ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
