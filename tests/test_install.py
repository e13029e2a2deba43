"""xltrade install (the user's own xlwings config) and xltrade doctor."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import xlwings
import xlwings.utils

from xltrade import build
from xltrade.build import build_workbook
from xltrade.cli import main
from xltrade.excel.doctor import doctor
from xltrade.excel.install import config_file, install
from xltrade.excel.machine import LocalMachine
from xltrade.vba.project import Module


def test_windows_install_writes_this_python_and_keeps_other_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = config_file("win32", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text('"SHOW CONSOLE","True"\n"INTERPRETER_WIN","C:\\old\\pythonw.exe"\n',
                    encoding="utf-8")
    done = install("win32", tmp_path)
    assert done and str(path) in done[0]
    # Read back the way xlwings itself reads the file.
    monkeypatch.setattr(xlwings, "USER_CONFIG_FILE", str(path))
    config = xlwings.utils.read_user_config()
    assert config["show console"] == "True"
    assert config["interpreter_win"] != "C:\\old\\pythonw.exe"
    assert Path(config["interpreter_win"]).exists()
    assert path.read_text(encoding="utf-8").count("INTERPRETER_WIN") == 1


def test_macos_install_also_enables_runpython(tmp_path: Path) -> None:
    install("darwin", tmp_path)
    assert "INTERPRETER_MAC" in config_file("darwin", tmp_path).read_text(encoding="utf-8")
    script = (tmp_path / "Library" / "Application Scripts" / "com.microsoft.Excel"
              / f"xlwings-{xlwings.__version__}.applescript")
    assert script.read_bytes() == (Path(xlwings.__file__).parent / script.name).read_bytes()


def test_install_elsewhere_changes_nothing(tmp_path: Path) -> None:
    assert install("linux", tmp_path) == [
        "Excel runs on Windows and macOS; nothing to set up on this system."]
    assert list(tmp_path.iterdir()) == []


def test_doctor_on_this_computer_and_the_built_workbook(tmp_path: Path) -> None:
    """The workbook's checks all pass for the built workbook; this Linux machine has no
    Excel, which the doctor says (a ready Windows machine is in test_doctor.py)."""
    workbook = build_workbook(tmp_path / "Customers.xlsm")
    install("win32", tmp_path)
    checks = doctor(workbook, LocalMachine("win32", tmp_path), "en")
    failed = {c.name for c in checks if not c.ok}
    assert failed == {"excel", "xlwings dll", "vba access"}, failed
    assert {c.name for c in checks} >= {"interpreter", "xlwings module", "workbook config"}
    assert main(["doctor", str(workbook), "--platform", "win32", "--home", str(tmp_path)]) == 1


def test_doctor_finds_what_is_wrong(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    original = build.xlwings_module

    def old_xlwings() -> Module:
        module = original()
        return Module("xlwings", "standard", module.code.replace(
            f"'Version: {xlwings.__version__}", "'Version: 0.30.0"))

    monkeypatch.setattr(build, "xlwings_module", old_xlwings)
    workbook = build_workbook(tmp_path / "old.xlsm")
    wb = openpyxl.load_workbook(workbook, keep_vba=True)
    # Settings in the shared workbook that decide which code the buttons run.
    for key, value in (("Interpreter_Win", r"\\fileserver\tools\python.exe"),
                       ("PYTHONPATH", r"\\fileserver\share\py"),
                       ("Add Workbook to PythonPath", True),
                       ("UDF Modules", "xltrade.udfs;helpers"),
                       ("Conda Env", "")):
        wb["xlwings.conf"].append([key, value])
    wb.save(workbook)
    failed = [c for c in doctor(workbook, LocalMachine("win32", tmp_path), "en") if not c.ok]
    assert {c.name for c in failed} == {"interpreter", "xlwings module", "workbook config",
                                        "excel", "vba access"}
    flagged = [c.detail for c in failed if c.name == "workbook config"]
    assert len(flagged) == 4  # the empty Conda Env changes nothing
    for key in ("INTERPRETER_WIN", "PYTHONPATH", "ADD WORKBOOK TO PYTHONPATH", "UDF MODULES"):
        assert any(f"sets {key} = " in d and "delete that row" in d for d in flagged), key
    assert main(["doctor", str(workbook), "--platform", "win32", "--home", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "workbook carries 0.30.0" in out and "fileserver" in out
