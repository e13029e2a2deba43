"""Showing the manager's email as a draft: classic Outlook on Windows (COM), else an
``.eml`` draft opened in the default mail program. Nothing is ever sent from here:
the salesperson reviews and sends it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

OUTBOX = Path.home() / ".xltrade" / "outbox"


def outlook_draft(subject: str, to: Sequence[str], html: str, attachment: Path) -> bool:
    """Open a classic Outlook draft; False where there is no classic Outlook (other
    systems, the new Outlook, which has no COM, or Outlook not installed)."""
    if sys.platform != "win32":
        return False
    try:
        import win32com.client  # pywin32 comes with xlwings on Windows
    except ImportError:
        return False
    try:
        item = win32com.client.Dispatch("Outlook.Application").CreateItem(0)  # olMailItem
        item.To = "; ".join(to)
        item.Subject = subject
        item.HTMLBody = html
        item.Attachments.Add(str(attachment))
        item.Display(False)
    except Exception:  # COM errors: Outlook missing, blocked or the new Outlook
        return False
    return True


def open_file(path: Path) -> None:
    """Open a file in its default program (the mail program for an .eml)."""
    if sys.platform == "win32":
        os.startfile(path)  # type: ignore[attr-defined]
    elif sys.platform == "darwin":
        subprocess.run(["open", str(path)], check=False)
    else:
        subprocess.run(["xdg-open", str(path)], check=False)
