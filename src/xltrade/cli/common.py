"""What the commands share: argument types, the workbook arguments, the progress bar,
the data-issue listing."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from xltrade.errors import XltradeError
from xltrade.rules.data_issues import DataIssue
from xltrade.rules.texts import Lang, say

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    Commands = argparse._SubParsersAction

MAX_ISSUE_LINES = 50
PHASES = ("load", "compute", "write", "save")


def not_the_input(out: Path, source: Path, flag: str) -> None:
    """Refuse an output path that is the input workbook itself (by any name)."""
    same = os.path.realpath(out) == os.path.realpath(source)  # no error on a link loop
    if not same and os.path.isfile(out) and os.path.isfile(source):
        same = out.samefile(source)
    if same:
        hint = " (leave out --out to update the workbook in place)" if flag == "--out" else ""
        raise XltradeError(f"{out}: is the workbook itself; {flag} must name another "
                           f"file{hint}")


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


def print_issues(issues: Sequence[DataIssue], lang: Lang, stream: TextIO) -> None:
    if not issues:
        return
    stream.write(say("cli.issues", lang, n=len(issues)) + "\n")
    for issue in issues[:MAX_ISSUE_LINES]:
        stream.write("  " + issue.message(lang) + "\n")
    if len(issues) > MAX_ISSUE_LINES:
        stream.write(f"  ... (+{len(issues) - MAX_ISSUE_LINES})\n")


