"""What reading the columns by meaning costs a run: finding the customer sheet and its
columns (with the values under the headers as evidence) on the sample workbook and on
the 45 header rows of ``tests/data/headers``, cold in a fresh process (OpenCC and the
word tables loaded) and warm; against the whole ``xltrade refresh`` of the same sample
measured in the same run.

    python benchmarks/bench_headers.py
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-18"

#: Run in a fresh interpreter: the first recognition pays for every load.
PROBE = r"""
import datetime as dt, json, sys, time
sys.path.insert(0, sys.argv[2])
from header_sheets import column_values, corpus
from xltrade.book.read import SheetReader
path, today = sys.argv[1], dt.date(2026, 11, 18)
reader = SheetReader(path)
sheets = [(n, reader.rows(n)[:110]) for n in reader.names]
sets = corpus()
# What any run imports anyway (pandas, the log, the parsers) is loaded first: the
# cost measured is that of the recognition itself, OpenCC and the word tables included.
import pandas, numpy
from xltrade.rules.log import MEDIUM_LOOKUP
from xltrade.rules import parsing, settings, vocabulary
start = time.perf_counter()
from xltrade.rules.layout import locate
from xltrade.rules.headers import recognise
layout = locate(sheets, "", {}, (), today)
cold = time.perf_counter() - start
warm = []
for _ in range(5):
    start = time.perf_counter()
    locate(sheets, "", {}, (), today)
    warm.append(time.perf_counter() - start)
start = time.perf_counter()
for s in sets:
    recognise({i: h for i, h in enumerate(s["headers"], 1)}, column_values(s), today,
              MEDIUM_LOOKUP, {})
corpus_time = time.perf_counter() - start
print(json.dumps({"cold": cold, "warm": min(warm), "corpus": corpus_time,
                  "columns": len(layout.columns)}))
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        sample = Path(folder) / "sample.xlsx"
        subprocess.run([sys.executable, "-m", "xltrade", "sample", str(sample), "--today",
                        TODAY], check=True, capture_output=True)
        probes = [json.loads(subprocess.run(
            [sys.executable, "-c", PROBE, str(sample), str(ROOT / "tests")], check=True,
            capture_output=True, text=True).stdout) for _ in range(3)]
        runs = []
        for _ in range(3):
            copy = Path(folder) / "run.xlsx"
            copy.write_bytes(sample.read_bytes())
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "xltrade", "refresh", str(copy), "--today",
                            TODAY], check=True, capture_output=True)
            runs.append(time.perf_counter() - start)
    cold = statistics.median(p["cold"] for p in probes)
    warm = statistics.median(p["warm"] for p in probes)
    run = statistics.median(runs)
    sets = statistics.median(p["corpus"] for p in probes)
    print(f"columns recognised on the sample: {probes[0]['columns']}")
    print(f"recognition, cold (first in a process): {cold * 1000:.1f} ms")
    print(f"recognition, warm:                      {warm * 1000:.1f} ms")
    print(f"corpus header rows with values:         {sets * 1000:.1f} ms")
    print(f"xltrade refresh of the same sample:     {run * 1000:.0f} ms")
    print(f"ratio cold recognition / whole run:     {cold / run:.3f}")


if __name__ == "__main__":
    main()
