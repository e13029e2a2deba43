"""Time of ``xltrade log`` (recording one follow-up) against ``xltrade report`` on the
same workbook: 10k customers and a follow-up log of 50k rows, in the same run.

    python benchmarks/bench_log.py
    python benchmarks/bench_log.py --customers 10000 --log-rows 50000 --repeat 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TODAY = dt.date(2026, 11, 18)
MEDIA = ("邮件", "电话", "WhatsApp", "微信")
TOPICS = ("补充完善报价", "价格更新", "新产品推荐", "公司动态", "展会邀请", "来访邀请")


def workbook(folder: Path, customers: int, log_rows: int) -> tuple[Path, str]:
    """The sample sheet of ``customers`` with a log of ``log_rows`` follow-ups (dated
    over the last year, seeded); and one customer's name to record a follow-up with."""
    import openpyxl

    from xltrade.sample import write_sample

    path = write_sample(folder / "team.xlsx", today=TODAY, rows=customers)
    wb = openpyxl.load_workbook(path)
    sheet = wb["客户表"]
    names = [str(c.value) for c in sheet["B"][3:] if c.value]
    owners = {str(r[1].value): r[6].value for r in sheet.iter_rows(min_row=4) if r[1].value}
    log = wb.create_sheet("跟进记录")
    log.append(["日期", "客户名称", "业务员", "跟进方式", "话题", "联系人", "客户已回复", "备注"])
    rng = random.Random(7)
    for _ in range(log_rows):
        name = rng.choice(names)
        log.append([TODAY - dt.timedelta(days=rng.randint(0, 365)), name, owners.get(name),
                    rng.choice(MEDIA), rng.choice(TOPICS), None, rng.choice(("是", "否", "否")),
                    None])
    wb.save(path)
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    unique = next(n for n in names if counts[n] == 1)
    return path, unique


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--log-rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source, name = workbook(Path(tmp), args.customers, args.log_rows)
        report, log = [], []
        for i in range(args.repeat):
            a, b = Path(tmp) / f"report-{i}.xlsx", Path(tmp) / f"log-{i}.xlsx"
            shutil.copy(source, a)
            shutil.copy(source, b)
            report.append(timed([sys.executable, "-m", "xltrade", "report", str(a),
                                 "--today", TODAY.isoformat()]))
            log.append(timed([sys.executable, "-m", "xltrade", "log", str(b), "--customer",
                              name, "--medium", "电话", "--today", TODAY.isoformat()]))
    r, lg = statistics.median(report), statistics.median(log)
    print(f"{args.customers} customers, {args.log_rows} log rows: xltrade report {r:.2f} s | "
          f"xltrade log {lg:.2f} s | ratio {lg / r:.2f}")


if __name__ == "__main__":
    main()
