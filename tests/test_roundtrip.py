"""Whatever the team typed comes back unchanged after xltrade saved the workbook."""

from __future__ import annotations

import datetime as dt
import os
import pty
import subprocess
import sys
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TODAY
from xltrade.book.run import run
from xltrade.sample import write_sample

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
               max_size=40)
VALUE = st.one_of(
    st.none(), TEXT, st.sampled_from(["=SUM(1,2) Ltd", "+86 138", "-", "@x", "#N/A", "客户"]),
    st.integers(-10**9, 10**9), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(TEXT.filter(lambda s: s.strip() != ""), VALUE, VALUE, VALUE),
                min_size=1, max_size=8))
def test_typed_cells_come_back_unchanged(tmp_path_factory, rows) -> None:
    path = tmp_path_factory.mktemp("rt") / "book.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["客户名称", "最近跟进", "跟进次数", "我们的备注"])
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
    wb.save(path)
    before = [[c.value for c in row[:4]] for row in openpyxl.load_workbook(path).active]
    run(path, today=TODAY, report=True)
    after = [[c.value for c in row[:4]] for row in openpyxl.load_workbook(path)["Sheet"]]
    assert after == before


def test_progress_bar_on_a_terminal_for_a_large_sheet(tmp_path: Path) -> None:
    path = write_sample(tmp_path / "big.xlsx", today=TODAY, rows=6000)
    assert path.stat().st_size > 300_000
    leader, follower = pty.openpty()
    done = subprocess.run([sys.executable, "-m", "xltrade", "refresh", str(path)],
                          stdout=subprocess.PIPE, stderr=follower, timeout=300)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert done.returncode == 0
    assert b"[#####" in shown and b"save..." in shown
    quiet = subprocess.run([sys.executable, "-m", "xltrade", "refresh", str(path)],
                           capture_output=True, timeout=300)
    assert b"[" not in quiet.stderr
