"""The installer a salesperson double-clicks: the Windows batch file read as cmd.exe
reads it, the plan its Python part makes for a Windows user, and that Python part run
for real here (a wheel built from this checkout, a fresh virtual environment, the
workbook written and checked)."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
sys.path.insert(0, str(INSTALLER))
import install_xltrade  # noqa: E402


def test_the_batch_file_finds_python_and_hands_over_its_arguments() -> None:
    data = (INSTALLER / "install-xltrade.cmd").read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b""), "cmd.exe needs CRLF line ends"
    text = data.decode("utf-8")
    lines = [line.strip() for line in text.split("\r\n")]
    assert lines[0] == "@echo off" and "chcp 65001 >nul" in lines
    # The py launcher of python.org's Python first; then python, unless it is the Store
    # alias, which exits 9009.
    assert lines.index('py -3 "%HERE%install_xltrade.py" %*') < \
        lines.index('python "%HERE%install_xltrade.py" %*')
    assert "if not errorlevel 9009 goto done" in lines
    labels = {line[1:] for line in lines if line.startswith(":")}
    assert set(re.findall(r"goto (\w+)", text)) <= labels
    assert lines[-2] == "pause"  # the window stays open to be read
    assert "python.org" in text and "只为我安装" in text


def plan(env: dict[str, str], folder: Path, **options: str | None) -> list[list[str]]:
    args = argparse.Namespace(index_url=None, target=None, workbook=None)
    for key, value in options.items():
        setattr(args, key, value)
    steps = install_xltrade.plan(args, env, "win32", r"C:\Python312\python.exe", folder)
    return [command for _, command in steps]


def test_a_windows_user_with_a_chinese_name_gets_a_plain_folder(tmp_path: Path) -> None:
    (tmp_path / "xltrade-0.1.0-py3-none-any.whl").write_bytes(b"")
    chinese = {"LOCALAPPDATA": r"C:\Users\李娜\AppData\Local", "SystemDrive": "C:",
               "USERPROFILE": r"C:\Users\李娜"}
    commands = plan(chinese, tmp_path)
    assert commands[0] == [r"C:\Python312\python.exe", "-m", "venv", r"C:\xltrade"]
    assert commands[2][:4] == [r"C:\xltrade\Scripts\python.exe", "-m", "pip", "install"]
    assert commands[2][-3:] == ["--find-links", str(tmp_path),
                                str(tmp_path / "xltrade-0.1.0-py3-none-any.whl")]
    assert commands[3] == [r"C:\xltrade\Scripts\xltrade.exe", "install", "--shortcuts"]
    workbook = r"C:\Users\李娜\Documents\xltrade\Customers.xlsm"
    assert commands[-2] == [r"C:\xltrade\Scripts\xltrade.exe", "workbook", "--out", workbook]
    assert commands[-1] == [r"C:\xltrade\Scripts\xltrade.exe", "doctor", workbook]
    plain = {"LOCALAPPDATA": r"C:\Users\li\AppData\Local", "USERPROFILE": r"C:\Users\li"}
    assert plan(plain, tmp_path)[0][-1] == r"C:\Users\li\AppData\Local\xltrade"


def test_without_a_wheel_an_index_is_needed(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="put the wheel file in"):
        plan({}, tmp_path)
    commands = plan({}, tmp_path, index_url="https://pypi.example.com/simple")
    assert commands[2][-3:] == ["--index-url", "https://pypi.example.com/simple", "xltrade"]


def test_an_old_or_store_python_is_refused_with_what_to_do() -> None:
    assert "3.10 is too old" in (install_xltrade.refuse((3, 10), "C:\\Python310\\python.exe")
                                 or "")
    store = r"C:\Users\li\AppData\Local\Microsoft\WindowsApps\python.exe"
    assert "Microsoft Store" in (install_xltrade.refuse((3, 12), store) or "")
    assert install_xltrade.refuse((3, 11), sys.executable) is None


def test_the_installer_installs_xltrade_and_the_workbook_for_real(tmp_path: Path) -> None:
    """A wheel of this checkout beside the script, as a salesperson receives them; the
    dependencies come from the package index (pip's cache in CI)."""
    bundle = tmp_path / "bundle"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(ROOT),
                            "-w", str(bundle)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    (bundle / "install_xltrade.py").write_bytes((INSTALLER / "install_xltrade.py").read_bytes())
    workbook = tmp_path / "Documents" / "xltrade" / "Customers.xlsm"
    done = subprocess.run([sys.executable, str(bundle / "install_xltrade.py"), "--target",
                           str(tmp_path / "venv"), "--workbook", str(workbook)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert workbook.read_bytes() == (ROOT / "workbook" / "Customers.xlsm").read_bytes()
    # doctor speaks the workbook's language (the bundled one is Chinese).
    assert "正常 xlwings 模块" in done.stdout and "需处理" not in done.stdout
    # A second run keeps the workbook the user may have filled in.
    workbook.write_bytes(b"their customers")
    again = subprocess.run([sys.executable, str(bundle / "install_xltrade.py"), "--target",
                            str(tmp_path / "venv"), "--workbook", str(workbook),
                            "--dry-run"], capture_output=True, text=True)
    assert again.returncode == 0 and "workbook --out" not in again.stdout
    assert workbook.read_bytes() == b"their customers"
