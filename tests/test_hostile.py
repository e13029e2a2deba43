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


def _dtd_unread(out: zipfile.ZipFile, items: list) -> None:
    """An external entity in a part no command reads (the document's properties): the
    package is refused all the same, never copied on to the manager."""
    for name, data in items:
        out.writestr(name, b'<!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + data
                     if name == "docProps/core.xml" else data)


def _strict(out: zipfile.ZipFile, items: list) -> None:
    """The workbook saved as Strict Open XML: other namespaces and relationship types."""
    for name, data in items:
        if name.endswith((".xml", ".rels")):
            data = (data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                 b"http://purl.oclc.org/ooxml/spreadsheetml/main")
                    .replace(b"http://schemas.openxmlformats.org/officeDocument/2006/"
                             b"relationships", b"http://purl.oclc.org/ooxml/officeDocument/"
                             b"relationships"))
        out.writestr(name, data)


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
        "dtd_unread": rewrite(good, folder / "dtd_unread.xlsx", _dtd_unread),
        "strict": rewrite(good, folder / "strict.xlsx", _strict),
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
    loop = folder / "loop.xlsx"
    loop.symlink_to(loop)
    files["loop"] = loop
    files["xlsb"] = _zip(folder / "book.xlsb", {"[Content_Types].xml": b"<Types/>",
                                                "xl/workbook.bin": b"\x83\x01"})
    files["ods"] = _zip(folder / "book.ods", {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": b"<x/>"})
    csv = folder / "book.csv"
    csv.write_text("客户名称,跟进阶段\nAcme,已报价\n", "utf-8")
    files["csv"] = csv
    # One cell at the very last row and column: a reader holding the whole rectangle
    # would ask for 17 billion cells.
    files["huge"] = rewrite(good, folder / "huge.xlsx", _sheet_edit(
        lambda d: d.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" '
                            b't="inlineStr"><is><t>x</t></is></c></row></sheetData>')))
    # The team's header row already reaches column XFD: no room for computed columns.
    files["xfd"] = rewrite(good, folder / "xfd.xlsx", _sheet_edit(
        lambda d: d.replace(b"</row>", b'<c r="XFD3" t="inlineStr"><is><t>x</t></is></c>'
                            b"</row>", 3)))
    good.unlink()
    return files


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def _sheet_edit(edit: Callable[[bytes], bytes]) -> Callable[[zipfile.ZipFile, list], None]:
    def change(out: zipfile.ZipFile, items: list) -> None:
        for name, data in items:
            out.writestr(name, edit(data) if name == "xl/worksheets/sheet1.xml" else data)
    return change


COMMANDS = {
    "refresh": lambda p, o: ["refresh", str(p), "--out", str(o / "x.xlsx")],
    "report": lambda p, o: ["report", str(p), "--out", str(o / "x.xlsx")],
    "snapshot": lambda p, o: ["snapshot", str(p), "--out", str(o / "x.xlsx")],
    "adopt": lambda p, o: ["adopt", str(p), "--out", str(o / "x.xlsm")],
    "mail": lambda p, o: ["mail", str(p), "--to", "boss@example.com", "--eml",
                          str(o / "x.eml")],
    "report-in-place": lambda p, o: ["report", str(p)],
    "doctor": lambda p, o: ["doctor", str(p)],
}
EXPECTED = {"bomb": "zip bomb", "duplicate": "two entries", "climbing": "outside the package",
            "xxe": "entities", "dtd_unread": "entities", "truncated": "damaged",
            "encrypted": "password",
            "xls": ".xls", "empty": "empty", "folder": "folder", "loop": "symbolic links",
            "xlsb": ".xlsb", "ods": ".ods", "csv": "CSV", "huge": "far beyond any table",
            "xfd": "past the last column", "strict": "Strict Open XML"}
#: What adopt, snapshot and doctor never read: the cells.
CELLS_UNREAD = {("snapshot", "huge"), ("snapshot", "xfd"), ("doctor", "huge"),
                ("doctor", "xfd"), ("adopt", "xfd")}


def _digest(path: Path) -> str:
    if path.is_symlink() and not path.exists():
        return "link to " + str(path.readlink())
    return "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("kind", "command"), [
    (kind, command) for kind in sorted(EXPECTED) for command in sorted(COMMANDS)
    if (command, kind) not in CELLS_UNREAD])
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
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    if command == "doctor":  # a list of checks on stdout, the workbook's the failed one
        assert done.stderr == ""
        # In Chinese: an unreadable file has no language of its own to speak.
        lines = [line for line in done.stdout.splitlines() if line.startswith("需处理")]
        assert len(lines) == 1 and lines[0].startswith("需处理 工作簿："), done.stdout
    else:
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
    assert str(path) in lines[0] and EXPECTED[kind] in lines[0], lines[0]
    assert _digest(path) == before
    assert not any(tmp_path.iterdir())
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1 << 20  # KB: 1 GiB
