"""Time of the xlwings Lite report's Python work against the command line's, on the
same generated Lite workbook of 10,000 customers, in the same run.

The Lite side runs the 生成周报 script (``xltrade.excel.lite.weekly_report``) on a
workbook already open in the test engine's Lite mode, as Lite hands a script a
workbook it has read: timed are reading the values, the rules and the writes. The
command line side is ``xltrade report``'s own run on the file (reading it, the rules,
writing the package), in process.

    python benchmarks/bench_lite.py            # 10k rows, 3 runs each
    python benchmarks/bench_lite.py --rows 2000 --repeat 5
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import xlwings as xw

import xlwings_engine
from xltrade.book.lite_parts import add_lite
from xltrade.book.package import Book
from xltrade.book.run import run
from xltrade.book.writer import BookWriter
from xltrade.excel import lite
from xltrade.lite_build import code_settings
from xltrade.sample import write_sample
from xltrade.sheets.lite_sheet import lite_sheet_patch

TODAY = dt.date(2026, 11, 18)


def lite_workbook(rows: int, folder: Path) -> Path:
    """The sample of ``rows`` customers as a Lite workbook, reported once."""
    path = write_sample(folder / f"lite-{rows}.xlsx", today=TODAY, rows=rows)
    run(path, today=TODAY, report=True)
    with Book(path) as book:
        writer = BookWriter(book)
        writer.apply(lite_sheet_patch("zh"))
        writer.finish()
        add_lite(book, code_settings())
        out = folder / f"lite-{rows}-ready.xlsx"
        book.save(out)
    return out


def time_cli(source: Path, folder: Path, repeat: int) -> list[float]:
    times = []
    for i in range(repeat):
        copy = folder / f"cli-{i}.xlsx"
        shutil.copy(source, copy)
        start = time.perf_counter()
        run(copy, today=TODAY, report=True)
        times.append(time.perf_counter() - start)
    return times


def time_lite(source: Path, repeat: int) -> list[float]:
    engine = xlwings_engine.register(lite=True)
    app = xw.App(impl=engine.impl.apps.add())
    times = []
    for _ in range(repeat):
        book = xw.Book(impl=app.impl.books.open(str(source)))  # Lite has read it: untimed
        start = time.perf_counter()
        asyncio.run(lite.weekly_report(book, today=TODAY))
        times.append(time.perf_counter() - start)
        assert len(app.impl.alerts) == 1 and "周报" in app.impl.alerts[0][1], app.impl.alerts
        app.impl.alerts.clear()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = lite_workbook(args.rows, folder)
        cli, lite_times = [], []
        for _ in range(args.repeat):  # alternated, so both see the same machine
            cli += time_cli(source, folder, 1)
            lite_times += time_lite(source, 1)
    c, s = statistics.median(cli), statistics.median(lite_times)
    print(f"{args.rows} customers: command line report {c:.2f} s | Lite 生成周报 {s:.2f} s | "
          f"ratio {s / c:.2f} (the line: 2.00)")


if __name__ == "__main__":
    main()
