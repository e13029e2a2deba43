"""Careless use: the workbook is never overwritten by accident, two runs at once do not
lose a report, a symlinked workbook stays a link, a killed run leaves nothing behind,
and every failure is one line naming the user's file."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TODAY
from xltrade.sample import write_sample


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
