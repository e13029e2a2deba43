"""Saving safely: never over a workbook that is open in Excel, one xltrade run at a time
per workbook, always through a temporary file renamed into place (so a crash never
leaves half a workbook), never over a workbook that changed while xltrade worked, and
through a symlink to the file it names, keeping its owner and permission bits."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from xltrade.errors import WorkbookLocked, XltradeError
from xltrade.rules.texts import both

TEMP_PREFIX = ".~xltrade-"
#: A run's temporary file: the prefix, the process id, then mkstemp's random part.
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"(\d+)-")
#: Left-over files of unknown owner older than this are removed.
STALE_AFTER = dt.timedelta(hours=1)
#: How long a run waits for another run on the same workbook to finish.
LOCK_WAIT_SECONDS = 30.0


def lock_files(path: Path) -> list[Path]:
    """The owner files Office may keep beside a workbook it has open (``~$`` plus the
    name; Word-style, the name's first two characters replaced)."""
    return [path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:])]


def check_not_locked(path: Path) -> None:
    for lock in lock_files(path):
        if lock.exists():
            raise WorkbookLocked(*both("error.open_in_excel", path=path, lock=lock.name))


class ChangedMeanwhile(XltradeError):
    """The workbook was saved by someone else while xltrade worked on it."""


def real_path(path: Path) -> Path:
    """The file a path names, through any symlinks: what an in-place save replaces."""
    return Path(os.path.realpath(path))


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stale(path: Path, pid: int | None) -> bool:
    if pid is not None and pid != os.getpid() and not _alive(pid):
        return True
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return False
    return pid is None and age > STALE_AFTER.total_seconds()


def remove_stale_temps(folder: Path) -> None:
    """Remove what killed runs left in ``folder``: temporary files whose process is gone
    (or, when that cannot be told, that are over an hour old)."""
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if not entry.name.startswith(TEMP_PREFIX) or entry.name.endswith(".lock"):
                continue
            m = _TEMP_NAME.match(entry.name)
            if _stale(entry, int(m.group(1)) if m else None):
                with contextlib.suppress(OSError):
                    entry.unlink()


def _lock_owner(lock: Path) -> tuple[str, int | None]:
    try:
        host, _, pid = lock.read_text("ascii").partition(" ")
        return host, int(pid.split()[0])
    except (OSError, ValueError, IndexError):
        return "", None


@contextlib.contextmanager
def workbook_lock(workbook: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the lock file beside ``workbook`` for the duration: a second run on the
    same workbook waits for the first, then reads what it wrote."""
    lock = workbook.with_name(f"{TEMP_PREFIX}{workbook.name}.lock")
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except PermissionError:
            raise XltradeError(*both("error.folder_readonly", path=workbook)) from None
        except FileExistsError:
            host, pid = _lock_owner(lock)
            if (host == socket.gethostname() and pid is not None and _stale(lock, pid)) or (
                    pid is None and _stale(lock, None)):
                with contextlib.suppress(FileNotFoundError):
                    lock.unlink()
                continue
            if time.monotonic() > deadline:
                raise WorkbookLocked(*both("error.busy", path=workbook, lock=lock.name)) from None
            time.sleep(0.1)
    try:
        os.write(fd, f"{socket.gethostname()} {os.getpid()}".encode("ascii", "replace"))
        os.close(fd)
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            lock.unlink()


def file_state(path: Path) -> tuple[int, int]:
    """What tells that a file was saved again: its size and modification time."""
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def save_atomic(write: Callable[[str], None], target: Path,
                verify: Callable[[str], None] | None = None,
                unchanged: Callable[[], bool] | None = None) -> None:
    """Write through ``write(tmp_path)`` into a temporary file beside ``target``, check it
    with ``verify``, then rename it over ``target``; through a symlink, the file it names
    is replaced. The target is untouched on failure. When ``unchanged()`` says the
    workbook was saved by someone else meanwhile, it is left as it is and xltrade's
    result is kept beside it."""
    target = real_path(target)
    folder = target.parent
    if not folder.is_dir():
        raise XltradeError(*both("error.no_folder", path=target, folder=folder))
    remove_stale_temps(folder)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-",
                                   suffix=target.suffix, dir=folder)
    except OSError as exc:
        # Named for the user's file, not the temporary one beside it.
        raise XltradeError(*both("error.cannot_write", path=target,
                                 detail=exc.strerror or exc)) from exc
    os.close(fd)
    try:
        try:
            write(tmp)
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
        except OSError as exc:
            # Named for the user's file, not the temporary one beside it.
            raise XltradeError(*both("error.cannot_write", path=target,
                                     detail=exc.strerror or exc)) from exc
        if verify is not None:
            verify(tmp)
        _same_rights(target, tmp)
        if unchanged is not None and not unchanged():
            aside = _aside(target)
            os.replace(tmp, aside)
            raise ChangedMeanwhile(
                f"{target}: was saved by someone else while xltrade was working; it is "
                f"left as it is, and xltrade's result is in {aside.name}. Run again.")
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise WorkbookLocked(*both("error.cannot_replace", path=target,
                                       detail=exc.strerror)) from exc
    except ChangedMeanwhile:
        raise
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, Exception) and unchanged is not None and not unchanged():
            # Written over in place while being read: that, not the damage, is the news.
            raise ChangedMeanwhile(f"{target}: was saved by someone else while xltrade "
                                   "was working; it is left as it is. Run again.") from exc
        raise


def _same_rights(target: Path, tmp: str) -> None:
    if target.exists():
        shutil.copymode(target, tmp)
        st = target.stat()
        if hasattr(os, "chown"):
            # Only root may give a file away; others keep their own files anyway.
            with contextlib.suppress(OSError):
                os.chown(tmp, st.st_uid, st.st_gid)
    else:
        # mkstemp makes the file private; a new workbook gets the usual rights.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)


def _aside(target: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return target.with_name(f"{target.stem} (xltrade {stamp}){target.suffix}")


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file renamed into place."""
    save_atomic(lambda tmp: _write_bytes(tmp, data), target)


def _write_bytes(path: str, data: bytes) -> None:
    Path(path).write_bytes(data)
