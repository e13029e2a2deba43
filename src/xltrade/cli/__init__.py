"""The ``xltrade`` command line: one module per command, each a thin shell over the
layers below.

Exit status: 0 on success (data issues are reported, not fatal), 2 on a usage
error, 1 on a failure, with a one-line reason on stderr.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from xltrade import __version__
from xltrade.cli import (
    adopt,
    build,
    install,
    log,
    mail,
    report,
    sample,
    snapshot,
    team,
    workbook,
)
from xltrade.cli.common import message_lang
from xltrade.errors import XltradeError
from xltrade.rules.texts import say

#: In the order ``xltrade --help`` lists them.
COMMANDS = (report, log, sample, workbook, build, adopt, snapshot, team, mail, install)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xltrade",
        description="Grade customers, schedule follow-ups and build the weekly report "
                    "in the team's Excel customer sheet.")
    parser.add_argument("--version", action="version", version=f"xltrade {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add(commands)
    return parser


def _few_collections() -> None:
    """A command reads a sheet into many small objects that all live to the end of the
    run; the cycle collector would walk them again and again for nothing. It still
    runs, only far less often."""
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)


def console() -> int:
    """The ``xltrade`` program: :func:`main` in a process of its own."""
    _few_collections()
    _safe_output()
    return main()


def _safe_output() -> None:
    """Messages name Chinese sheets and files: on a terminal or pipe whose encoding
    cannot show them (cp1252, ascii), they print with ``?`` rather than crash after the
    work is done."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
        return code
    except XltradeError as exc:
        print(f"xltrade: {exc.text(message_lang(getattr(args, 'workbook', None)))}",
              file=sys.stderr)
        return 1
    except PermissionError as exc:
        print(f"xltrade: {exc.filename}: permission denied (is it open in Excel?)",
              file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"xltrade: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a case no check foresaw: still one line, naming the file
        return _unforeseen(args, exc)


def _unforeseen(args: argparse.Namespace, exc: Exception) -> int:
    path = next((getattr(args, key) for key in ("workbook", "source", "path", "out")
                 if getattr(args, key, None)), "")
    what = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
    lang = message_lang(getattr(args, "workbook", None))
    print(f"xltrade: {say('error.internal', lang, path=path, what=what)}", file=sys.stderr)
    return 2
