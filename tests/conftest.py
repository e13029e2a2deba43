"""Shared fixtures: workbooks written to disk by openpyxl, then run through xltrade."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from xltrade.rules.engine import evaluate
from xltrade.rules.layout import Layout
from xltrade.rules.settings import Settings
from xltrade.rules.table import RawRows, build_table


def need(*programs: str) -> None:
    """Skip when a system program is missing; in CI (XLTRADE_REQUIRE_TOOLS=1) fail."""
    missing = [p for p in programs if shutil.which(p) is None]
    if not missing:
        return
    missing_tool(f"needs {', '.join(missing)} (Debian: see .ci/run)")


def need_path(path: Path, what: str) -> None:
    """Skip when something outside this repository is missing (a checkout of the
    project's shared folder beside it); in CI fail."""
    if not path.exists():
        missing_tool(f"needs {what} at {path}")


def missing_tool(message: str) -> None:
    if os.environ.get("XLTRADE_REQUIRE_TOOLS") == "1":
        pytest.fail(message)
    pytest.skip(message)


#: A Wednesday, so "this week" has days on both sides.
TODAY = dt.date(2026, 11, 18)


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def raw_rows(records: Sequence[dict[str, object]]) -> RawRows:
    """RawRows as the sheet reader would give them, starting at sheet row 2."""
    fields = sorted({k for r in records for k in r} | {"company"})
    layout = Layout(sheet="客户表", header_row=1,
                    columns={f: i for i, f in enumerate(fields, start=1)},
                    headers={i: f for i, f in enumerate(fields, start=1)})
    return RawRows(layout=layout, rows=list(range(2, 2 + len(records))),
                   values={f: [r.get(f) for r in records] for f in fields})


def evaluate_records(records: Sequence[dict[str, object]], settings: Settings | None = None,
                     today: dt.date = TODAY, lang: str = "en"):
    """Typed table, results and issues for customer records given as field -> value."""
    settings = settings or Settings()
    table, issues = build_table(raw_rows(records), settings, today)
    result = evaluate(table, settings, today, lang)  # type: ignore[arg-type]
    return table, result, issues


def one(record: dict[str, object], **kw: object) -> pd.Series:
    record = {"company": "Test Co", **record}
    _, result, _ = evaluate_records([record], **kw)  # type: ignore[arg-type]
    return result.iloc[0]


@pytest.fixture
def make_workbook(tmp_path: Path) -> Callable[..., Path]:
    """Write a customer sheet: ``headers`` in ``header_row``, then ``rows``."""

    def make(headers: Sequence[str], rows: Sequence[Sequence[object]], name: str = "book.xlsx",
             header_row: int = 1, title: str = "客户表") -> Path:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = title
        for c, h in enumerate(headers, start=1):
            ws.cell(row=header_row, column=c, value=h)
        for r, values in enumerate(rows, start=header_row + 1):
            for c, v in enumerate(values, start=1):
                cell = ws.cell(row=r, column=c, value=v)
                if isinstance(v, str):
                    cell.data_type = "s"
        path = tmp_path / name
        wb.save(path)
        return path

    return make


def add_parts(path: Path, parts: dict[str, bytes], edits: dict[str, Callable[[bytes], bytes]]
              ) -> None:
    """Rewrite a zip package with extra parts and edited parts."""
    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in items:
            if info.filename in edits:
                data = edits[info.filename](data)
            dst.writestr(info.filename, data)
        for name, data in parts.items():
            dst.writestr(name, data)


def zip_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def suggestions(path: Path) -> dict[str, str]:
    """跟进建议 by the first column's value, for a sheet whose header row is its first
    read row (客户表 of a test workbook)."""
    from xltrade.book.read import SheetReader

    reader = SheetReader(path)
    try:
        rows = reader.rows("客户表")
    finally:
        reader.close()
    column = rows[0].index("跟进建议")
    return {str(r[0]): str(r[column] or "") for r in rows[1:] if r and r[0]}
