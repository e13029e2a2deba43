"""What ``xltrade doctor`` asks of the computer, behind one small interface: the
platform, the running Python, environment variables, files, the Windows registry,
a file's internet mark and attributes, and a command's answer.

:class:`LocalMachine` asks the real one. Tests give :func:`~xltrade.excel.doctor.doctor`
a machine of their own answers, so every probe's branches run on any system.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

#: Registry hives by name, as the probes give them.
HIVES = ("HKCU", "HKLM", "HKCR")


class Machine(Protocol):
    platform: str
    executable: str
    version: tuple[int, int, int]
    home: Path

    def env(self, name: str) -> str | None: ...

    def exists(self, path: Path) -> bool: ...

    def registry(self, hive: str, key: str, value: str = "") -> str | None:
        """A registry value as text (``""``: the key's default value); ``None`` when
        missing or not on Windows."""
        ...

    def zone(self, path: Path) -> str | None:
        """The text of the file's ``Zone.Identifier`` stream (the Mark of the Web)."""
        ...

    def remove_zone(self, path: Path) -> None: ...

    def attributes(self, path: Path) -> int:
        """The Windows file attributes (0 elsewhere)."""
        ...

    def run(self, *command: str) -> tuple[int, str]:
        """A command's exit code and output; (127, "") when it cannot start."""
        ...


@dataclass
class LocalMachine:
    """This computer. ``platform`` and ``home`` may be given to check a set-up for
    another system (the interpreter config of a Windows user, say)."""

    platform: str = sys.platform
    home: Path = field(default_factory=Path.home)
    executable: str = sys.executable
    version: tuple[int, int, int] = (sys.version_info.major, sys.version_info.minor,
                                     sys.version_info.micro)

    def env(self, name: str) -> str | None:
        return os.environ.get(name)

    def exists(self, path: Path) -> bool:
        return path.exists()

    def registry(self, hive: str, key: str, value: str = "") -> str | None:
        if sys.platform != "win32":
            return None
        import winreg

        root = {"HKCU": winreg.HKEY_CURRENT_USER, "HKLM": winreg.HKEY_LOCAL_MACHINE,
                "HKCR": winreg.HKEY_CLASSES_ROOT}[hive]
        try:
            with winreg.OpenKey(root, key) as handle:
                data, _ = winreg.QueryValueEx(handle, value)
        except OSError:
            return None
        return str(data)

    def zone(self, path: Path) -> str | None:
        if sys.platform != "win32":
            return None
        try:
            with open(f"{path}:Zone.Identifier", encoding="utf-8", errors="replace") as stream:
                return stream.read()
        except OSError:
            return None

    def remove_zone(self, path: Path) -> None:
        os.remove(f"{path}:Zone.Identifier")

    def attributes(self, path: Path) -> int:
        try:
            return int(getattr(os.stat(path), "st_file_attributes", 0))
        except OSError:
            return 0

    def run(self, *command: str) -> tuple[int, str]:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            return 127, ""
        return done.returncode, done.stdout + done.stderr
