"""Hostile and broken packages on every command that reads a workbook: one line on
stderr naming the file, exit 1, no traceback, the input unchanged, memory bounded."""

from __future__ import annotations

import hashlib
import resource
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TODAY
from xltrade.sample import write_sample

XXE = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
       b'<Relationship Id="rId1" Type="&x;" Target="xl/workbook.xml"/></Relationships>')


def rewrite(source: Path, target: Path, change: Callable[[zipfile.ZipFile, list], None]
            ) -> Path:
    with zipfile.ZipFile(source) as archive:
        items = [(i.filename, archive.read(i.filename)) for i in archive.infolist()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        change(out, items)
    return target


def _bomb(out: zipfile.ZipFile, items: list) -> None:
    for name, data in items:
        out.writestr(name, data)
    out.writestr("xl/media/bomb.bin", b"\0" * (64 << 20))


def _duplicate(out: zipfile.ZipFile, items: list) -> None:
    for name, data in items:
        out.writestr(name, data)
    with pytest.warns(UserWarning):
        out.writestr(items[-1][0], items[-1][1])


def _climbing(out: zipfile.ZipFile, items: list) -> None:
    for name, data in items:
        out.writestr(name, data)
    out.writestr("../../evil.txt", b"x")


def _xxe(out: zipfile.ZipFile, items: list) -> None:
    for name, data in items:
        out.writestr(name, XXE if name == "_rels/.rels" else data)


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("broken")
    good = write_sample(folder / "good.xlsx", today=TODAY)
    files = {
        "bomb": rewrite(good, folder / "bomb.xlsx", _bomb),
        "duplicate": rewrite(good, folder / "duplicate.xlsx", _duplicate),
        "climbing": rewrite(good, folder / "climbing.xlsx", _climbing),
        "xxe": rewrite(good, folder / "xxe.xlsx", _xxe),
    }
    truncated = folder / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    files["truncated"] = truncated
    encrypted = folder / "encrypted.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    files["encrypted"] = encrypted
    old = folder / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    files["xls"] = old
    empty = folder / "empty.xlsx"
    empty.write_bytes(b"")
    files["empty"] = empty
    files["folder"] = folder / "a-folder.xlsx"
    files["folder"].mkdir()
    good.unlink()
    return files


COMMANDS = {
    "refresh": lambda p, o: ["refresh", str(p), "--out", str(o / "x.xlsx")],
    "report": lambda p, o: ["report", str(p), "--out", str(o / "x.xlsx")],
    "snapshot": lambda p, o: ["snapshot", str(p), "--out", str(o / "x.xlsx")],
    "adopt": lambda p, o: ["adopt", str(p), "--out", str(o / "x.xlsm")],
    "mail": lambda p, o: ["mail", str(p), "--to", "boss@example.com", "--eml",
                          str(o / "x.eml")],
}
EXPECTED = {"bomb": "zip bomb", "duplicate": "two entries", "climbing": "outside the package",
            "xxe": "entities", "truncated": "damaged", "encrypted": "password",
            "xls": ".xls", "empty": "empty", "folder": "folder"}


def _digest(path: Path) -> str:
    return "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_broken_input_is_one_line_exit_1_and_untouched(broken: dict[str, Path], kind: str,
                                                       command: str, tmp_path: Path) -> None:
    path = broken[kind]
    before = _digest(path)
    code = ("import resource, sys\n"
            "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
            "from xltrade.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    done = subprocess.run([sys.executable, "-c", code, *COMMANDS[command](path, tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert str(path) in lines[0] and EXPECTED[kind] in lines[0], lines[0]
    assert _digest(path) == before
    assert not any(tmp_path.iterdir())
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1 << 20  # KB: 1 GiB
