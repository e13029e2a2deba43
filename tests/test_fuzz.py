"""``xltrade report`` on a few hundred damaged and unusual workbooks (see
:mod:`fuzz_mutations`): never a traceback, never an internal error; a refusal is one
line naming the file; a result has only well-formed XML in the parts it changed,
opens wherever its source opened, and keeps every value of the team's.

A few hundred cases run by default; ``pytest -m fuzz`` runs thousands more.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from python_calamine import CalamineWorkbook

from fuzz_mutations import mutate
from test_excel_saved import CUSTOMER_PART, FILES, SAVED, add_customer_sheet
from xltrade.cli import main

TODAY = dt.date(2026, 11, 18)
PLAIN_SEED = "openpyxl-team.xlsx"
SEEDS = [*FILES, PLAIN_SEED]
#: Mutants per seed in every run, and with ``-m fuzz``.
QUICK = 45
MORE = 400
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def _plain_seed(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户表"
    ws.append(["客户名称", "国家", "跟进阶段", "最近跟进", "业务员", "备注"])
    for i in range(12):
        ws.append([f"Buyer {i} & Sons <Ltd>", "德国", ["已报价", "新询盘", "成交"][i % 3],
                   dt.date(2026, 10, 1) + dt.timedelta(days=3 * i), ["张伟", "李娜"][i % 2],
                   "=B2&\"x\"" if i == 3 else f"note {i}"])
    wb.create_sheet("产品").append(["LED", 3.5])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    folder = tmp_path_factory.mktemp("fuzz-seeds")
    out = {name: (add_customer_sheet(SAVED / name, folder / name), CUSTOMER_PART)
           for name in FILES}
    out[PLAIN_SEED] = (_plain_seed(folder / PLAIN_SEED), "xl/worksheets/sheet1.xml")
    return out


def _serial(value: object) -> object:
    """Dates as the numbers they are stored as: whether a number reads as a date
    depends on its cell format, which a rewritten styles part may make readable."""
    if isinstance(value, dt.datetime):
        return (value - dt.datetime(1899, 12, 30)).total_seconds() / 86400
    if isinstance(value, dt.date):
        return float((value - dt.date(1899, 12, 30)).days)
    return value


def _values(path: Path) -> dict[str, list[list[object]]] | None:
    """Every sheet's cell values as the cell reader sees them; ``None`` when it cannot."""
    try:
        book = CalamineWorkbook.from_path(str(path))
        try:
            return {name: [[_serial(v) for v in row] for row in book.get_sheet_by_name(
                name).to_python(skip_empty_area=False)] for name in book.sheet_names}
        finally:
            book.close()
    except Exception:
        return None


def _opens(path: Path) -> bool:
    with path.open("rb") as stream:  # closed even when openpyxl fails half-way
        try:
            openpyxl.load_workbook(stream).close()
            return True
        except Exception:
            return False


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def check_mutant(source: Path, out: Path, what: str) -> None:
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        code = main(["report", str(source), "--out", str(out), "--today", TODAY.isoformat()])
    message = stderr.getvalue().strip()
    assert code in (0, 1), f"{what}: exit {code}: {message}"
    if code == 1:
        assert "\n" not in message, f"{what}: more than one line: {message}"
        assert str(source) in message, f"{what}: the file is not named: {message}"
        assert not out.exists(), what
        return
    before, after = _parts(source), _parts(out)
    for name, data in after.items():
        if name.endswith((".xml", ".rels")) and before.get(name) != data:
            try:
                etree.fromstring(data, _SAFE)
            except etree.XMLSyntaxError as exc:
                raise AssertionError(f"{what}: {name} is not well-formed: {exc}") from None
    if _opens(source):
        assert _opens(out), f"{what}: openpyxl opened the source but not the result"
    kept = _values(source)
    if kept is not None:
        now = _values(out)
        assert now is not None, f"{what}: the result's cells cannot be read"
        for sheet, rows in kept.items():
            assert sheet in now, f"{what}: sheet {sheet!r} lost"
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value != "":
                        got = now[sheet][r][c] if r < len(now[sheet]) and c < len(
                            now[sheet][r]) else None
                        assert got == value, f"{what}: {sheet}!R{r + 1}C{c + 1}: {value!r} " \
                                             f"became {got!r}"


def _case(seeds: dict[str, tuple[Path, str]], tmp_path: Path, seed: str, number: int) -> None:
    path, customer_part = seeds[seed]
    source = tmp_path / f"m{number}-{seed}"
    what = f"{seed} #{number}: " + mutate(path, source, number, customer_part)
    check_mutant(source, tmp_path / f"out-{number}-{seed}", what)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("number", range(QUICK))
def test_report_on_a_mutant(seeds: dict[str, tuple[Path, str]], tmp_path: Path, seed: str,
                            number: int) -> None:
    _case(seeds, tmp_path, seed, number)


@pytest.mark.fuzz
@pytest.mark.parametrize("seed", SEEDS)
def test_report_on_many_mutants(seeds: dict[str, tuple[Path, str]], tmp_path: Path,
                                seed: str) -> None:
    failures = []
    for number in range(QUICK, QUICK + MORE):
        try:
            _case(seeds, tmp_path, seed, number)
        except AssertionError as exc:
            failures.append(str(exc).splitlines()[0])
    assert failures == []
