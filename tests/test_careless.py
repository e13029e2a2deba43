"""Careless use: the workbook is never overwritten by accident, two runs at once do not
lose a report, a symlinked workbook stays a link, a killed run leaves nothing behind,
and every failure is one line naming the user's file."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TODAY
from xltrade.sample import write_sample

DAY = "2026-11-18"


def cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xltrade", *args], capture_output=True,
                          text=True, cwd=cwd, env={**os.environ, **(env or {})}, timeout=300)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line_failure(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0, done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


@pytest.fixture
def team(tmp_path: Path) -> Path:
    return write_sample(tmp_path / "客户表.xlsx", today=TODAY)


@pytest.mark.parametrize("args", [
    ("mail", "{wb}", "--to", "boss@example.com", "--eml", "{wb}", "--today", "2026-11-18"),
    ("mail", "{wb}", "--to", "boss@example.com", "--eml", "{alias}", "--today", "2026-11-18"),
    ("report", "{wb}", "--out", "{wb}"),
    ("refresh", "{wb}", "--out", "{alias}"),
    ("snapshot", "{wb}", "--out", "{wb}"),
])
def test_an_output_that_is_the_workbook_is_refused(team: Path, args: tuple[str, ...]) -> None:
    alias = team.parent / "sub" / ".." / team.name
    (team.parent / "sub").mkdir()
    before = digest(team)
    done = cli(*(a.format(wb=team, alias=alias) for a in args))
    one_line_failure(done, "is the workbook itself")
    assert digest(team) == before


def test_a_draft_must_be_an_eml(team: Path) -> None:
    target = team.with_name("draft.xlsx")
    done = cli("mail", str(team), "--to", "boss@example.com", "--eml", str(target),
               "--today", "2026-11-18")
    one_line_failure(done, "draft.xlsx", ".eml")
    assert not target.exists()


def test_sample_never_replaces_a_file_unless_forced(team: Path) -> None:
    before = digest(team)
    done = cli("sample", str(team))
    one_line_failure(done, str(team), "already exists", "--force")
    assert digest(team) == before
    forced = cli("sample", str(team), "--force", "--today", "2026-11-20")
    assert forced.returncode == 0, forced.stderr
    assert digest(team) != before


@pytest.mark.parametrize("name", ["sample.txt", "sample.xlsm", "sample"])
def test_sample_refuses_a_name_it_cannot_honour(tmp_path: Path, name: str) -> None:
    done = cli("sample", str(tmp_path / name))
    one_line_failure(done, name, ".xlsx")
    assert list(tmp_path.iterdir()) == []


def has_report(path: Path) -> bool:
    from xltrade.book.package import Book

    with Book(path) as book:
        return "周报".encode() in book.read("xl/workbook.xml")


def test_two_runs_at_once_both_land(team: Path) -> None:
    """Two in-place reports started together: the second waits for the first and reads
    its result; the workbook ends with the report and is whole."""
    runs = [subprocess.Popen([sys.executable, "-m", "xltrade", "report", str(team),
                              "--today", "2026-11-18"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [r.communicate(timeout=300)[1] for r in runs]
    for code, err in zip((r.returncode for r in runs), errors, strict=True):
        assert code == 0 or (code == 1 and "another xltrade run" in err), err
    assert has_report(team)
    assert [p.name for p in team.parent.iterdir() if p.name.startswith(".~xltrade")] == []


def test_a_symlinked_workbook_stays_a_link(team: Path) -> None:
    os.chmod(team, 0o640)
    link = team.parent / "link.xlsx"
    link.symlink_to(team)
    done = cli("report", str(link), "--today", "2026-11-18")
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and link.resolve() == team.resolve()
    assert has_report(team)
    assert team.stat().st_mode & 0o777 == 0o640


def test_a_workbook_saved_meanwhile_is_not_overwritten(team: Path) -> None:
    """Someone saves the workbook while xltrade works: theirs stays, xltrade's result
    goes beside it, and the message says so."""
    from xltrade.book.run import run
    from xltrade.errors import XltradeError

    theirs = write_sample(team.with_name("other.xlsx"), today=TODAY, rows=3).read_bytes()

    def save_meanwhile(phase: str) -> None:
        if phase == "save":  # as Excel saves: a new file renamed over the old one
            fresh = team.with_name("fresh.tmp")
            fresh.write_bytes(theirs)
            os.replace(fresh, team)

    with pytest.raises(XltradeError, match="saved by someone else") as raised:
        run(team, today=TODAY, report=True, progress=save_meanwhile)
    assert team.read_bytes() == theirs
    (aside,) = [p for p in team.parent.iterdir() if "(xltrade " in p.name]
    assert aside.name in str(raised.value) and has_report(aside)


def test_a_workbook_written_over_in_place_meanwhile_is_left_alone(team: Path) -> None:
    from xltrade.book.run import run
    from xltrade.errors import XltradeError

    theirs = write_sample(team.with_name("other.xlsx"), today=TODAY, rows=3).read_bytes()

    def overwrite(phase: str) -> None:
        if phase == "save":
            team.write_bytes(theirs)

    with pytest.raises(XltradeError, match="saved by someone else"):
        run(team, today=TODAY, report=True, progress=overwrite)
    assert team.read_bytes() == theirs


def test_what_a_killed_run_left_is_removed_by_the_next(tmp_path: Path) -> None:
    big = write_sample(tmp_path / "big.xlsx", today=TODAY, rows=20_000)
    run = subprocess.Popen([sys.executable, "-m", "xltrade", "report", str(big),
                            "--today", "2026-11-18"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    left: list[Path] = []
    while run.poll() is None and not left:
        left = [p for p in tmp_path.iterdir() if p.name.startswith(".~xltrade-")
                and not p.name.endswith(".lock") and p.stat().st_size > 0]
    run.kill()
    run.wait()
    assert left, "the run finished before it could be killed while saving"
    before = big.read_bytes()
    assert zipfile_ok(big) and before == big.read_bytes()
    # A temp file of a live process (this one) is not touched.
    mine = tmp_path / f".~xltrade-{os.getpid()}-live.xlsx"
    mine.write_bytes(b"in progress")
    done = cli("refresh", str(big), "--today", "2026-11-18")
    assert done.returncode == 0, done.stderr
    names = {p.name for p in tmp_path.iterdir() if p.name.startswith(".~xltrade")}
    assert names == {mine.name}


def zipfile_ok(path: Path) -> bool:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.testzip() is None


def test_blank_cells_never_become_nan(make_workbook, tmp_path: Path) -> None:
    """Under pandas 2 and 3 alike (3 stores missing text as NaN unless told otherwise):
    blank country, owner, stage, medium and dates print, report and mail as blanks."""
    import json

    import pandas as pd

    from xltrade.book.package import Book
    from xltrade.book.read import SheetReader

    headers = ["客户名称", "国家", "业务员", "跟进阶段", "最近跟进", "跟进方式", "订单数"]
    rows = [["Acme", None, None, None, None, None, None],
            ["Berlin Haus", "德国", "张伟", "已报价", dt.date(2026, 11, 2), "邮件", 1],
            ["Lagos Co", "", "  ", "", "", "", ""]]
    path = make_workbook(headers, rows)
    done = cli("report", str(path), "--today", "2026-11-18", "--json")
    assert done.returncode == 0, done.stderr
    assert "nan" not in (done.stdout + done.stderr).lower().replace("nanjing", ""), (
        pd.__version__, done.stdout, done.stderr)
    summary = json.loads(done.stdout)
    assert summary["customers"] == 3
    reader = SheetReader(path)
    try:
        texts = [str(v) for name in reader.names for row in reader.rows(name) for v in row
                 if v is not None]
    finally:
        reader.close()
    assert not [t for t in texts if t.strip().lower() in ("nan", "nat", "none")], pd.__version__
    with Book(path) as book:
        assert b">nan<" not in book.read("xl/workbook.xml").lower()


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1989-12-31", "2200-01-01"])
def test_a_date_out_of_range_is_a_usage_error(team: Path, day: str) -> None:
    done = cli("report", str(team), "--today", day)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "1990-01-01 and 2199-12-31" in done.stderr


def test_output_survives_a_terminal_that_cannot_show_chinese(team: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "xltrade", "report", str(team), "--today",
                           "2026-11-18"], capture_output=True,
                          env={**os.environ, "PYTHONIOENCODING": "cp1252"}, timeout=300)
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    assert b"Traceback" not in done.stderr and b"?" in done.stdout
    assert has_report(team)


def _small_files() -> None:
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (4_000, 4_000))


@pytest.mark.parametrize(("args", "named"), [
    (("report", "{wb}", "--out", "{dir}/out.xlsx", "--today", DAY), "out.xlsx"),
    (("report", "{wb}", "--today", DAY), "客户表.xlsx"),
    (("snapshot", "{wb}", "--out", "{dir}/copy.xlsx"), "copy.xlsx"),
    # The report is made on a copy of the workbook: the message names the workbook.
    (("mail", "{wb}", "--to", "boss@example.com", "--eml", "{dir}/draft.eml", "--today", DAY),
     "客户表.xlsx"),
    (("sample", "{dir}/new.xlsx"), "new.xlsx"),
    (("adopt", "{wb}", "--out", "{dir}/macro.xlsm"), "macro.xlsm")])
def test_a_full_disk_is_one_line_naming_the_users_file(team: Path, args: tuple[str, ...],
                                                       named: str) -> None:
    """The disk fills (here: a file size limit, which fails writes the same way): one
    line, no temporary file named or left, the workbook as it was."""
    before = digest(team)
    command = [a.format(wb=team, dir=team.parent) for a in args]
    done = subprocess.run([sys.executable, "-m", "xltrade", *command], capture_output=True,
                          text=True, preexec_fn=_small_files, timeout=300)
    one_line_failure(done, named)
    assert ".~xltrade" not in done.stderr
    assert digest(team) == before
    assert [p.name for p in team.parent.iterdir() if p.name.startswith(".~xltrade")] == []
