"""The manager's team view from workbook files: each salesperson's file read and
evaluated without writing to it, and the team workbook written fresh.

A file that cannot be read (not a workbook, encrypted, damaged, no customer sheet)
is skipped with its reason, and the rest goes on.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import openpyxl

from xltrade.book.guard import save_atomic
from xltrade.book.package import Book
from xltrade.book.read import SheetReader, check_extents
from xltrade.book.run import file_sheets
from xltrade.book.writer import BookWriter
from xltrade.errors import XltradeError
from xltrade.rules.schedule import week_of
from xltrade.rules.team import FileView, TeamView, merge
from xltrade.rules.texts import LANGS, Lang, both, say
from xltrade.sheets.team_report import team_patches
from xltrade.sheets.values import evaluate_values

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
#: Files read side by side at most: each process holds one file's sheet at a time.
MAX_WORKERS = 4
_MODIFIED = re.compile(rb"<dcterms:modified[^>]*>([^<]+)</dcterms:modified>")


def workbook_files(paths: Iterable[Path]) -> list[Path]:
    """The workbooks named, a folder standing for the workbooks in it (not below it);
    Excel's lock files (``~$...``) left out."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.is_file()
                                and p.suffix.lower() in WORKBOOK_SUFFIXES
                                and not p.name.startswith("~$")))
        else:
            found.append(path)
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(os.path.realpath(path), path)
    return list(unique.values())


def _saved_at(book: Book, path: Path) -> tuple[dt.datetime, dt.datetime]:
    """When the workbook was last saved: as it records it (Excel writes the time into
    the package), or else the file's own time; then the file's own time."""
    file_time = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(tzinfo=None)
    try:
        core = book.read("docProps/core.xml")
    except (KeyError, XltradeError):
        core = b""
    m = _MODIFIED.search(core)
    if m is not None:
        try:
            saved = dt.datetime.fromisoformat(m.group(1).decode().strip().replace("Z", "+00:00"))
            return saved.astimezone(dt.UTC).replace(tzinfo=None), file_time
        except ValueError:
            pass
    return file_time, file_time


def _is_team_workbook(names: Iterable[str]) -> bool:
    """A team workbook xltrade wrote (a manager may select it with the mailed files): its
    全部客户 sheet would read as a salesperson's customers."""
    found = set(names)
    return any({say("team.sheet", lang), say("team.archive_sheet", lang)} <= found
               for lang in LANGS)


def read_file(path: Path, today: dt.date, week: dt.date | None) -> FileView:
    """One salesperson's file evaluated as of ``today`` under its own settings."""
    with Book(path) as book:
        check_extents(book)
        reader = SheetReader(path, book)
        try:
            if _is_team_workbook(reader.names):
                raise XltradeError(*both("team.is_team_workbook"))
            outcome, last = evaluate_values(file_sheets(book, reader), today=today, week=week)
        finally:
            reader.close()
        saved = _saved_at(book, path)
    assert outcome.summary is not None
    return FileView(name=path.name, table=outcome.table, result=outcome.result,
                    summary=outcome.summary, settings=outcome.settings, lang=outcome.lang,
                    saved_at=saved, last_week=last.week_start if last else None)


#: Why a file could not be read, in English and in Chinese.
Reason = tuple[str, str]


def _read_one(path: Path, today: dt.date, week: dt.date | None) -> FileView | Reason:
    """The file's view, or why it could not be read."""
    try:
        return read_file(path, today, week)
    except XltradeError as exc:
        return _reason(exc.text("en"), path), _reason(exc.text("zh"), path)
    except Exception as exc:  # a file no reader foresaw: skipped, the rest goes on
        text = f"{type(exc).__name__}: {exc}".splitlines()[0]
        return text, text


def read_files(paths: list[Path], today: dt.date, week: dt.date | None,
               skipped: Callable[[Path, Reason], None]) -> list[FileView]:
    """The files that could be read, in the order given; ``skipped`` is told of each
    one that could not. Several files are read side by side, one process a core."""
    workers = min(len(paths), os.cpu_count() or 1, MAX_WORKERS)
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            read = list(pool.map(_read_one, paths, [today] * len(paths), [week] * len(paths)))
    else:
        read = [_read_one(path, today, week) for path in paths]
    views = []
    names: dict[str, int] = {}
    for path, view in zip(paths, read, strict=True):
        if isinstance(view, tuple):
            skipped(path, view)
            continue
        # Two files of one name from two folders stay apart in the team workbook.
        names[view.name] = names.get(view.name, 0) + 1
        if names[view.name] > 1:
            view.name = str(path)
        views.append(view)
    return views


def _reason(message: str, path: Path) -> str:
    """The error's line without the file's name in front: the listing names it."""
    text = message.splitlines()[0] if message else "?"
    for prefix in (f"{path}: ", f"{path.name}: "):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def team_view(paths: list[Path], today: dt.date, week: dt.date | None,
              lang: Lang | None = None) -> TeamView:
    failed: list[tuple[Path, Reason]] = []
    views = read_files(paths, today, week, lambda p, reason: failed.append((p, reason)))
    language: Lang = lang or _majority([v.lang for v in views])
    skipped: list[dict[str, object]] = [
        {"path": str(p), "reason": zh if language == "zh" else en} for p, (en, zh) in failed]
    return merge(views, skipped, today, week_of(week or today)[0], language)


def _majority(langs: list[Lang]) -> Lang:
    return "en" if langs and langs.count("en") > len(langs) / 2 else "zh"


def _empty_workbook(view: TeamView) -> bytes:
    wb = openpyxl.Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = say("team.sheet", view.lang)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_team_workbook(view: TeamView, out: Path) -> Path:
    """The team workbook, written fresh to ``out`` (atomically: a reader of ``out``
    never sees half a file)."""
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "team.xlsx"
        base.write_bytes(_empty_workbook(view))
        with Book(base) as book:
            writer = BookWriter(book)
            for patch in team_patches(view):
                writer.apply(patch)
            writer.finish()
            save_atomic(book.save, out)
    return out
