"""Time and peak memory of ``xltrade team`` on a team's files, and how the 撞单 search
grows with the number of customers.

The files are generated sheets of one salesperson each (the sample's rows, renamed
owners; 2% of the buyers, with their email and phone, shared between salespeople, so
there are conflicts to find).
``xltrade report`` on one of the files is timed in the same run, as the baseline.

    python benchmarks/bench_team.py                  # 20 files of 5,000 customers
    python benchmarks/bench_team.py --files 5 --rows 2000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TODAY = dt.date(2026, 11, 18)
PEAK = ("import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")


def timed(command: list[str]) -> tuple[float, int]:
    """Seconds and peak memory (KB) of a command in a process of its own."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *command], check=True,
                          capture_output=True, text=True)
    return time.perf_counter() - start, int(done.stdout.split()[-1])


def make_files(folder: Path, files: int, rows: int) -> list[Path]:
    import openpyxl

    from xltrade.sample import write_sample

    base = write_sample(folder / "base.xlsx", today=TODAY, rows=rows)
    paths = []
    for n in range(files):
        wb = openpyxl.load_workbook(base)
        ws = wb["客户表"]
        owner = f"业务员{n + 1:02d}"
        pick = random.Random(n)
        for row in ws.iter_rows(min_row=4):
            if row[6].value:
                row[6].value = owner
            if row[1].value and pick.random() > 0.02:  # 2% of buyers shared with others
                row[1].value = f"{row[1].value} {n}-{row[0].row}"
                row[3].value = f"buyer{row[0].row}@firm{n}-{row[0].row}.com"
                row[4].value = f"+1 {200 + n} 555 {row[0].row:04d}"
        path = folder / f"{owner}.xlsx"
        wb.save(path)
        paths.append(path)
    base.unlink()
    return paths


def bench_conflicts(sizes: list[int]) -> list[tuple[int, float]]:
    """Seconds for the 撞单 search on ``size`` customers held by 20 salespeople."""
    import pandas as pd

    from xltrade.rules.conflicts import find_conflicts

    out = []
    for size in sizes:
        pick = random.Random(size)
        frame = pd.DataFrame({
            "company": [f"Buyer {pick.randrange(size)} Trading Co., Ltd." for _ in range(size)],
            "owner": [f"owner{i % 20}" for i in range(size)],
            "email": [f"a{i}@firm{pick.randrange(size * 2)}.com" for i in range(size)],
            "phone": [f"+1 212 {pick.randrange(200, 999)} {pick.randrange(1000, 9999)}"
                      for _ in range(size)],
            "country": ["USA"] * size, "file": [f"f{i % 20}.xlsx" for i in range(size)],
            "row": list(range(size)), "first_contact": [None] * size,
        })
        start = time.perf_counter()
        find_conflicts(frame)
        out.append((size, time.perf_counter() - start))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--rows", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_files(folder, args.files, args.rows)
        one = folder / "one.xlsx"
        shutil.copy(paths[0], one)
        base, base_kb = timed([sys.executable, "-m", "xltrade", "report", str(one),
                               "--today", TODAY.isoformat()])
        team, team_kb = timed([sys.executable, "-m", "xltrade", "team", *map(str, paths),
                               "--out", str(folder / "团队周报.xlsx"),
                               "--today", TODAY.isoformat()])
        print(f"report on one file of {args.rows} customers: {base:6.2f} s, "
              f"{base_kb / 1024:6.0f} MB")
        print(f"team of {args.files} files x {args.rows} customers: {team:6.2f} s "
              f"({team / base:.1f} x one report), peak memory {team_kb / 1024:6.0f} MB")
    timings = bench_conflicts([25_000, 50_000, 100_000])
    first_size, first_time = timings[0]
    for size, seconds in timings:
        print(f"撞单 search on {size:>7} customers: {seconds:6.2f} s "
              f"(x{seconds / first_time:.1f} for x{size / first_size:.0f} the customers)")


if __name__ == "__main__":
    main()
