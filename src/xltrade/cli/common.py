"""What the commands share: argument types, the workbook arguments, the progress bar,
the data-issue listing."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from xltrade.errors import XltradeError
from xltrade.rules.data_issues import DataIssue, grouped
from xltrade.rules.normalize import has_cjk, lang_of
from xltrade.rules.texts import Lang, both, say

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    Commands = argparse._SubParsersAction

MAX_ISSUE_LINES = 50
PHASES = ("load", "compute", "write", "save")


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (through links, or by another name)."""
    same = os.path.realpath(a) == os.path.realpath(b)  # no error on a link loop
    if not same and os.path.isfile(a) and os.path.isfile(b):
        same = a.samefile(b)
    return same


def not_the_input(out: Path, source: Path, flag: str) -> None:
    """Refuse an output path that is the input workbook itself (by any name)."""
    if same_file(out, source):
        hint = " (leave out --out to update the workbook in place)" if flag == "--out" else ""
        raise XltradeError(f"{out}: is the workbook itself; {flag} must name another "
                           f"file{hint}")


def never_replace(out: Path, force: bool) -> None:
    """Refuse to replace a file that is there unless told: it may be a team's workbook.
    Every command that writes a new file asks the same way."""
    if (out.exists() or out.is_symlink()) and not force:
        raise XltradeError(*both("error.exists", path=out))


def lite_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lite", action="store_true",
                        help="for xlwings Lite: no macros, the buttons run in Excel for "
                             "Windows, Mac and the web with nothing to install")
    parser.add_argument("--code-from", dest="code_from", choices=("bundle", "pypi"),
                        default="bundle",
                        help="with --lite: carry xltrade's code inside the workbook "
                             "(bundle, the default) or have Lite install it from PyPI")


def force_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="replace PATH when it exists (it is never replaced otherwise)")


#: Dates a run may be asked about: follow-ups are computed years ahead of them.
FIRST_DAY, LAST_DAY = dt.date(1990, 1, 1), dt.date(2199, 12, 31)


def date_arg(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD expected): {text!r}") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(f"{text}: give a date between {FIRST_DAY} and "
                                         f"{LAST_DAY}")
    return day


class ProgressBar:
    """Phases of a run as a bar on stderr, shown only for large files on a terminal."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled

    def __call__(self, phase: str) -> None:
        if not self.enabled:
            return
        done = PHASES.index(phase) if phase in PHASES else 0
        bar = "#" * (done * 5) + "-" * ((len(PHASES) - done) * 5)
        self.stream.write(f"\r[{bar}] {phase}...   ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 40 + "\r")
            self.stream.flush()


def workbook_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workbook", type=Path, metavar="WORKBOOK",
                        help="the team's .xlsx or .xlsm customer workbook")
    parser.add_argument("--out", type=Path, metavar="PATH",
                        help="write to this file instead of updating WORKBOOK in place")
    parser.add_argument("--today", type=date_arg, metavar="YYYY-MM-DD",
                        help="compute as of this date (default: today)")
    parser.add_argument("--map", type=map_arg, action="append", default=[],
                        metavar="FIELD=HEADER",
                        help="read the column with this header as this field, e.g. "
                             "--map company=客户名 (repeat for more; a new Settings sheet "
                             "keeps them)")


def map_arg(text: str) -> dict[str, str]:
    """``--map company=客户名``: fields named in either language, several with ``;``."""
    from xltrade.rules.settings import parse_mapping

    pairs = parse_mapping(text)
    if pairs is None:
        raise argparse.ArgumentTypeError(
            f"{text!r}: write field=header, e.g. company=客户名 or 客户名称=客户名 "
            "(fields: company, stage, last_contact, ... or their Chinese names)")
    return pairs


#: A workbook larger than this is not opened again just to pick a message's language.
PROBE_MAX_BYTES = 20_000_000


def message_lang(workbook: Path | None) -> Lang:
    """The language to tell the user about ``workbook`` in: ``XLTRADE_LANG``, else the
    workbook's own (Chinese when its sheet names or top rows are), else the system's."""
    chosen = os.environ.get("XLTRADE_LANG", "")
    if chosen in ("zh", "en"):
        return "zh" if chosen == "zh" else "en"
    if workbook is not None:
        if has_cjk(str(workbook)):
            return "zh"
        with contextlib.suppress(Exception):  # a file that cannot be read says nothing
            if 0 < workbook.stat().st_size <= PROBE_MAX_BYTES:
                from xltrade.book.package import Book
                from xltrade.book.read import SheetReader, check_extents

                with Book(workbook) as book:  # the same guards as a run, first
                    check_extents(book)
                reader = SheetReader(workbook)
                try:
                    texts = list(reader.names)
                    for name in reader.names[:3]:
                        texts += [str(c) for row in reader.rows(name)[:10] for c in row if c]
                finally:
                    reader.close()
                return lang_of(texts)
    system = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or \
        os.environ.get("LANG", "")
    return "zh" if system.lower().startswith("zh") else "en"


def print_issues(issues: Sequence[DataIssue], lang: Lang, stream: TextIO,
                 in_report: bool = False) -> None:
    """The data issues, one line per distinct problem and value with its rows."""
    if not issues:
        return
    stream.write(say("cli.issues.report" if in_report else "cli.issues", lang,
                     n=len(issues)) + "\n")
    groups = grouped(issues)
    for group in groups[:MAX_ISSUE_LINES]:
        stream.write("  " + group.message(lang) + "\n")
    if len(groups) > MAX_ISSUE_LINES:
        stream.write(f"  ... (+{len(groups) - MAX_ISSUE_LINES})\n")
