"""Time and peak memory of ``xltrade report`` against openpyxl's own load+save of the
same file, and the pure core (grading + schedule + suggestion + summary) on a large
table.

Both whole-file runs are fresh processes in the same run, on copies of the same
generated sheet, so the ratios compare like with like on whatever machine runs it.

    python benchmarks/bench_report.py            # 10k and 100k rows
    python benchmarks/bench_report.py --rows 10000 --repeat 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TODAY = dt.date(2026, 11, 18)
OPENPYXL_ROUND_TRIP = (
    "import sys, openpyxl\n"
    "wb = openpyxl.load_workbook(sys.argv[1])\n"
    "wb.save(sys.argv[1])\n"
)
# The same with Python's cycle collector off, as xltrade runs: shows how much of the
# difference is that switch rather than less work.
OPENPYXL_ROUND_TRIP_NO_GC = "import gc\ngc.disable()\n" + OPENPYXL_ROUND_TRIP


#: Runs a command and prints its peak resident memory (KB), so each figure is one
#: process's own.
PEAK = ("import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
PEAKS: dict[str, int] = {}


def timed(command: list[str], key: str = "") -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *command], check=True,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if key:
        PEAKS[key] = max(PEAKS.get(key, 0), int(done.stdout.split()[-1]))
    return seconds


def bench_file(rows: int, repeat: int, folder: Path) -> tuple[float, float, float]:
    """Median seconds: openpyxl load+save, the same with gc off, xltrade report. Peak
    memory of the first and last goes to PEAKS."""
    from xltrade.sample import write_sample

    source = write_sample(folder / f"team-{rows}.xlsx", today=TODAY, rows=rows)
    runs: dict[str, list[float]] = {"plain": [], "nogc": [], "ours": []}
    commands = {
        "plain": ([sys.executable, "-c", OPENPYXL_ROUND_TRIP], f"openpyxl-{rows}"),
        "nogc": ([sys.executable, "-c", OPENPYXL_ROUND_TRIP_NO_GC], ""),
        "ours": ([sys.executable, "-m", "xltrade", "report", "--today", TODAY.isoformat()],
                 f"xltrade-{rows}"),
    }
    kinds = list(commands)
    for i in range(repeat):
        # Each round starts with another command: a process run right after another
        # tends to be slower on a shared machine, and no command should always be it.
        for kind in kinds[i % 3:] + kinds[:i % 3]:
            copy = folder / f"{kind}-{rows}-{i}.xlsx"
            shutil.copy(source, copy)
            command, key = commands[kind]
            runs[kind].append(timed([*command, str(copy)], key))
    plain, no_gc, ours = (statistics.median(runs[kind]) for kind in kinds)
    return plain, no_gc, ours


def bench_core(rows: int, repeat: int) -> tuple[float, float]:
    """Seconds for reading values into the typed table, and for the rules plus summary."""
    from xltrade.rules.engine import evaluate
    from xltrade.rules.layout import Layout
    from xltrade.rules.settings import Settings
    from xltrade.rules.summary import summarize
    from xltrade.rules.table import RawRows, build_table
    from xltrade.sample import random_rows

    records = random_rows(rows, TODAY)
    mapping = {"company": "company", "country": "country", "owner": "owner",
               "inquiry_type": "type", "stage": "stage", "first_contact": "first",
               "last_contact": "last", "last_reply": "reply", "orders": "orders",
               "last_order": "last_order", "followups": "followups",
               "unanswered": "unanswered", "medium": "medium"}
    layout = Layout(sheet="bench", header_row=1,
                    columns={f: i for i, f in enumerate(mapping, start=1)})
    raw = RawRows(layout=layout, rows=list(range(2, rows + 2)),
                  values={f: [r[k] for r in records] for f, k in mapping.items()})
    settings = Settings()
    read_times, core_times = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        table, issues = build_table(raw, settings, TODAY)
        middle = time.perf_counter()
        result = evaluate(table, settings, TODAY, "zh")
        summarize(table, result, issues, settings, TODAY, TODAY - dt.timedelta(days=2), None,
                  "zh")
        end = time.perf_counter()
        read_times.append(middle - start)
        core_times.append(end - middle)
    return statistics.median(read_times), statistics.median(core_times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--core-rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            base, no_gc, ours = bench_file(rows, args.repeat if rows <= 10_000 else 1,
                                           Path(tmp))
            print(f"{rows:>7} rows: openpyxl load+save {base:6.2f} s (gc off {no_gc:6.2f} s) | "
                  f"xltrade report {ours:6.2f} s | ratio {ours / base:.2f} "
                  f"(against gc off {ours / no_gc:.2f})")
            base_mb, ours_mb = PEAKS[f"openpyxl-{rows}"] / 1024, PEAKS[f"xltrade-{rows}"] / 1024
            print(f"{rows:>7} rows: peak memory openpyxl {base_mb:6.0f} MB | xltrade "
                  f"{ours_mb:6.0f} MB | ratio {ours_mb / base_mb:.2f}")
    read, core = bench_core(args.core_rows, args.repeat)
    print(f"core on {args.core_rows} rows: reading cells into the table {read:.2f} s, "
          f"grading + schedule + suggestion + summary {core:.2f} s")


if __name__ == "__main__":
    main()
