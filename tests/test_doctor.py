"""xltrade doctor's probes, each found and not found, on a machine of given answers:
the Windows registry, file streams and attributes, macOS commands. The probes read the
user's real xlwings config file and the real workbook; only the platform's answers are
given."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import xlwings

from xltrade.build import build_workbook
from xltrade.excel.doctor import Check, doctor, unblock
from xltrade.excel.install import config_file, runpython_script, write_config
from xltrade.excel.machine import LocalMachine

VENV = r"C:\xltrade\venv"
PYTHONW = VENV + r"\Scripts\pythonw.exe"
DLLS = {rf"{VENV}\xlwings64-{xlwings.__version__}.dll",
        rf"{VENV}\xlwings32-{xlwings.__version__}.dll"}
EXCEL_CLSID = "{00024500-0000-0000-C000-000000000046}"
EXCEL_EXE = r"C:\Program Files\Microsoft Office\Root\Office16\EXCEL.EXE /automation"
WPS_EXE = r"C:\Users\li\AppData\Local\Kingsoft\WPS Office\12.1.0\office6\et.exe /automation"
MOTW = "[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=https://mail.example.com/\r\n"


@dataclass
class Machine:
    """A computer's answers, as :class:`xltrade.excel.machine.Machine` asks for them."""

    home: Path
    platform: str = "win32"
    executable: str = VENV + r"\Scripts\python.exe"
    version: tuple[int, int, int] = (3, 11, 9)
    files: set[str] = field(default_factory=lambda: {PYTHONW, *DLLS})
    values: dict[tuple[str, str, str], str] = field(default_factory=lambda: {
        ("HKCR", r"Excel.Application\CLSID", ""): EXCEL_CLSID,
        ("HKCR", rf"CLSID\{EXCEL_CLSID}\LocalServer32", ""): EXCEL_EXE,
        ("HKCU", r"Software\Microsoft\Office\16.0\Excel\Security", "AccessVBOM"): "1"})
    zones: dict[str, str] = field(default_factory=dict)
    flags: dict[str, int] = field(default_factory=dict)
    environment: dict[str, str] = field(default_factory=dict)
    answers: dict[str, tuple[int, str]] = field(default_factory=dict)

    def env(self, name: str) -> str | None:
        return self.environment.get(name)

    def exists(self, path: Path) -> bool:
        return str(path) in self.files or path.exists()

    def registry(self, hive: str, key: str, value: str = "") -> str | None:
        return self.values.get((hive, key, value))

    def zone(self, path: Path) -> str | None:
        return self.zones.get(str(path))

    def remove_zone(self, path: Path) -> None:
        del self.zones[str(path)]

    def attributes(self, path: Path) -> int:
        return self.flags.get(str(path), 0)

    def run(self, *command: str) -> tuple[int, str]:
        return self.answers.get(command[0], (127, ""))


@pytest.fixture
def windows(tmp_path: Path) -> Machine:
    """A ready Windows computer: python.org Python in a venv, xltrade installed."""
    write_config(config_file("win32", tmp_path), {"INTERPRETER_WIN": PYTHONW})
    return Machine(tmp_path)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("doctor") / "Customers.xlsm")


def failed(checks: list[Check]) -> dict[str, Check]:
    return {c.name: c for c in checks if not c.ok}


def test_a_ready_windows_computer_and_workbook_pass(windows: Machine, workbook: Path) -> None:
    checks = doctor(workbook, windows)
    assert failed(checks) == {}
    assert {c.name for c in checks} >= {"python", "interpreter", "xlwings dll", "excel",
                                        "vba access", "ribbon", "xlwings module"}


def test_python_too_old(windows: Machine) -> None:
    windows.version = (3, 10, 11)
    found = failed(doctor(None, windows, "en"))["python"]
    assert "3.10.11 is too old" in found.detail and "python.org" in found.fix
    assert "只为我安装" in failed(doctor(None, windows, "zh"))["python"].fix


@pytest.mark.parametrize("where", ["running", "configured"])
def test_store_python_or_its_alias(windows: Machine, tmp_path: Path, where: str) -> None:
    store = r"C:\Users\li\AppData\Local\Microsoft\WindowsApps\python.exe"
    windows.files.add(store)
    if where == "running":
        windows.executable = store
    else:
        write_config(config_file("win32", tmp_path), {"INTERPRETER_WIN": store})
    found = failed(doctor(None, windows, "en"))["store python"]
    assert store in found.detail and "App execution aliases" in found.fix


def test_interpreter_not_set_gone_or_another(windows: Machine, tmp_path: Path) -> None:
    path = config_file("win32", tmp_path)
    path.unlink()
    assert "xltrade install" in failed(doctor(None, windows, "en"))["interpreter"].fix
    write_config(path, {"INTERPRETER_WIN": r"C:\Python39\pythonw.exe"})
    assert "does not exist" in failed(doctor(None, windows, "en"))["interpreter"].detail
    windows.files.add(r"C:\Anaconda3\pythonw.exe")
    write_config(path, {"INTERPRETER_WIN": r"C:\Anaconda3\pythonw.exe"})
    other = failed(doctor(None, windows, "en"))["interpreter"]
    assert "another Python" in other.detail and windows.executable in other.detail


def test_the_xlwings_dlls_beside_the_interpreter(windows: Machine) -> None:
    windows.files -= DLLS
    found = failed(doctor(None, windows, "en"))["xlwings dll"]
    assert f"xlwings64-{xlwings.__version__}.dll" in found.detail
    assert f"xlwings32-{xlwings.__version__}.dll" in found.detail
    assert f"xlwings=={xlwings.__version__}" in found.fix
    # In a plain (not virtual) installation they sit beside python.exe itself.
    windows.files |= {rf"{VENV}\Scripts\xlwings64-{xlwings.__version__}.dll",
                      rf"{VENV}\Scripts\xlwings32-{xlwings.__version__}.dll"}
    assert "xlwings dll" not in failed(doctor(None, windows, "en"))


def test_a_python_path_with_chinese_characters(windows: Machine, tmp_path: Path) -> None:
    home = r"C:\Users\李娜\xltrade"
    windows.executable = home + r"\Scripts\python.exe"
    windows.files |= {home + r"\Scripts\pythonw.exe", *(d.replace(VENV, home) for d in DLLS)}
    write_config(config_file("win32", tmp_path),
                 {"INTERPRETER_WIN": home + r"\Scripts\pythonw.exe"})
    found = failed(doctor(None, windows, "zh"))["python path"]
    assert "李娜" in found.detail and "C:\\xltrade" in found.fix and found.blocking


def test_a_user_folder_with_chinese_characters_is_a_warning(windows: Machine) -> None:
    windows.environment["USERPROFILE"] = r"C:\Users\李娜"
    found = failed(doctor(None, windows, "en"))["user folder"]
    assert "李娜" in found.detail and not found.blocking and "workbook's folder" in found.fix
    windows.environment["USERPROFILE"] = r"C:\Users\lina"
    assert "user folder" not in failed(doctor(None, windows, "en"))


def test_a_workbook_at_a_web_address(windows: Machine) -> None:
    url = "https://contoso-my.sharepoint.com/personal/li/Documents/Customers.xlsm"
    found = failed(doctor(url, windows, "en"))["location"]
    assert url in found.detail and "Save As" in found.fix and found.blocking


def test_an_online_only_file(windows: Machine, workbook: Path) -> None:
    windows.flags[str(workbook)] = 0x400000 | 0x20  # recall on data access, archive
    found = failed(doctor(workbook, windows, "en"))["location"]
    assert "online-only" in found.detail and "Always keep on this device" in found.fix


def test_a_workbook_in_a_onedrive_folder_is_a_warning(windows: Machine, tmp_path: Path,
                                                      workbook: Path) -> None:
    windows.environment["OneDrive"] = str(workbook.parent)
    checks = doctor(workbook, windows, "en")
    found = failed(checks)["location"]
    assert "OneDrive" in found.detail and not found.blocking
    assert found.line().startswith("-- ")


def test_the_mark_of_the_web_and_fix_asks_first(windows: Machine, workbook: Path) -> None:
    windows.zones[str(workbook)] = MOTW
    found = failed(doctor(workbook, windows, "en"))["blocked"]
    assert "internet" in found.detail and "doctor --fix" in found.fix
    asked: list[str] = []
    said = unblock(workbook, windows, "en", lambda q: asked.append(q) or "n")
    assert asked and "Only for a file you trust" in asked[0]
    assert said is not None and said.startswith("Left as it was")
    assert str(workbook) in windows.zones
    said = unblock(workbook, windows, "zh", lambda q: "y")
    assert said is not None and said.startswith("已解除锁定")
    assert str(workbook) not in windows.zones
    assert "blocked" not in failed(doctor(workbook, windows, "en"))
    assert unblock(workbook, windows, "en", lambda q: "y") is None  # nothing to remove


def test_a_trusted_zone_is_not_blocked(windows: Machine, workbook: Path) -> None:
    windows.zones[str(workbook)] = "[ZoneTransfer]\r\nZoneId=1\r\n"  # the local intranet
    assert "blocked" not in failed(doctor(workbook, windows, "en"))


def test_a_workbook_path_with_spaces_is_a_warning(windows: Machine, tmp_path: Path,
                                                  workbook: Path) -> None:
    spaced = tmp_path / "客户 资料" / "Customers.xlsm"
    spaced.parent.mkdir()
    spaced.write_bytes(workbook.read_bytes())
    found = failed(doctor(spaced, windows))["workbook path"]
    assert not found.blocking and "D:\\xltrade" in found.fix  # in the workbook's Chinese


@pytest.mark.parametrize(("server", "says"), [(WPS_EXE, "points to WPS"),
                                              (None, "not registered")])
def test_wps_holding_excels_registration_or_no_excel(windows: Machine, server: str | None,
                                                     says: str) -> None:
    key = ("HKCR", rf"CLSID\{EXCEL_CLSID}\LocalServer32", "")
    if server is None:
        del windows.values[key]
    else:
        windows.values[key] = server
    found = failed(doctor(None, windows, "en"))["excel"]
    assert says in found.detail and found.blocking
    assert ("Quick Repair" if server else "--shortcuts") in found.fix


def test_vba_access_off_is_only_a_warning(windows: Machine) -> None:
    del windows.values[("HKCU", r"Software\Microsoft\Office\16.0\Excel\Security",
                        "AccessVBOM")]
    checks = doctor(None, windows, "en")
    found = failed(checks)["vba access"]
    assert "not for the buttons" in found.detail and not found.blocking
    # Set by the IT department's policy instead: that counts.
    windows.values[("HKCU", r"Software\Policies\Microsoft\Office\16.0\Excel\Security",
                    "AccessVBOM")] = "1"
    assert "vba access" not in failed(doctor(None, windows, "en"))


@pytest.fixture
def mac(tmp_path: Path) -> Machine:
    write_config(config_file("darwin", tmp_path), {"INTERPRETER_MAC": sys.executable})
    script = runpython_script(tmp_path)
    script.parent.mkdir(parents=True)
    script.write_text("-- xlwings", encoding="utf-8")
    return Machine(tmp_path, platform="darwin", executable=sys.executable, files=set(),
                   answers={"pgrep": (0, "812\n"), "osascript": (0, "Microsoft Excel\n")})


def test_a_ready_mac(mac: Machine) -> None:
    assert failed(doctor(None, mac, "en")) == {}


def test_mac_without_the_runpython_script(mac: Machine, tmp_path: Path) -> None:
    runpython_script(tmp_path).unlink()
    found = failed(doctor(None, mac, "en"))["runpython"]
    assert "applescript" in found.detail and "xltrade install" in found.fix


def test_mac_without_the_automation_permission(mac: Machine) -> None:
    mac.answers["osascript"] = (1, "execution error: Not authorized to send Apple events to "
                                   "Microsoft Excel. (-1743)")
    found = failed(doctor(None, mac, "en"))["automation"]
    assert "-1743" in found.detail and "Privacy & Security > Automation" in found.fix


def test_mac_with_excel_closed_is_not_checked(mac: Machine) -> None:
    mac.answers["pgrep"] = (1, "")
    found = failed(doctor(None, mac, "en"))["automation"]
    assert not found.blocking and "Open Excel" in found.fix


def test_this_linux_machine_answers_for_itself(tmp_path: Path) -> None:
    """The real machine on Linux: no registry, no streams, no attributes; commands run."""
    here = LocalMachine()
    assert here.registry("HKCR", r"Excel.Application\CLSID") is None
    assert here.zone(tmp_path) is None and here.attributes(tmp_path / "none") == 0
    assert here.run("true") == (0, "") and here.run("no-such-program-xltrade")[0] == 127


def test_the_command_prints_fixes_and_fails_only_on_blocking_findings(
        tmp_path: Path, workbook: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "xltrade", "doctor", str(workbook),
                           "--platform", "darwin", "--home", str(tmp_path), "--lang", "en"],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "NO  interpreter:" in done.stdout
    assert "      -> Run, with the Python that has xltrade: xltrade install" in done.stdout


def test_a_plain_workbook_gets_one_finding_saying_how_to_get_the_buttons(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Not four NO lines without a fix: what the file is, and xltrade adopt."""
    from xltrade.cli import main
    from xltrade.sample import write_sample

    plain = write_sample(tmp_path / "客户表.xlsx", today=dt.date(2026, 11, 18))
    assert main(["doctor", str(plain), "--platform", "linux"]) == 1
    out = capsys.readouterr().out
    assert "需处理 工作簿：" in out and "是普通工作簿" in out
    assert f"xltrade adopt {plain} --out 客户表.xlsm" in out
    assert "ok " not in out and "NO " not in out  # labels in the workbook's language
    english = [c.line("en") for c in doctor(plain, LocalMachine("linux", tmp_path), "en")]
    assert any(line.startswith("NO  workbook: ") and "plain workbook" in line
               for line in english)
