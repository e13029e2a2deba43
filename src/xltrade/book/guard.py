"""Saving safely: never over a workbook that is open in Excel, and always through a
temporary file renamed into place, so a crash never leaves half a workbook."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from xltrade.errors import WorkbookLocked


def lock_files(path: Path) -> list[Path]:
    """The owner files Office may keep beside a workbook it has open (``~$`` plus the
    name; Word-style, the name's first two characters replaced)."""
    return [path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:])]


def check_not_locked(path: Path) -> None:
    for lock in lock_files(path):
        if lock.exists():
            raise WorkbookLocked(
                f"{path}: the workbook is open in Excel ({lock.name} exists). Close it in "
                "Excel and run again, or write to another file with --out.")


def save_atomic(write: Callable[[str], None], target: Path,
                verify: Callable[[str], None] | None = None) -> None:
    """Write through ``write(tmp_path)`` into a temporary file beside ``target``, check it
    with ``verify``, then rename it over ``target``. The target is untouched on failure."""
    fd, tmp = tempfile.mkstemp(prefix=".~xltrade-", suffix=target.suffix,
                               dir=target.parent or Path("."))
    os.close(fd)
    try:
        write(tmp)
        if verify is not None:
            verify(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        if target.exists():
            shutil.copymode(target, tmp)
        else:
            # mkstemp makes the file private; a new workbook gets the usual rights.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise WorkbookLocked(f"{target}: cannot be replaced ({exc.strerror}); "
                                 "is it open in Excel?") from exc
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file renamed into place."""
    save_atomic(lambda tmp: _write_bytes(tmp, data), target)


def _write_bytes(path: str, data: bytes) -> None:
    Path(path).write_bytes(data)
