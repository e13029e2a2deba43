"""``xltrade doctor``: is this computer ready to run the buttons, and does a workbook
match it? Each probe looks for one of the failures users of xlwings workbooks meet
most (a Store Python, missing DLLs, non-ASCII paths, cloud paths, blocked macros, WPS
holding Excel's registration, macOS permissions) and says the fix in the workbook's
language. Probes ask the computer only through :class:`~xltrade.excel.machine.Machine`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

import xlwings

from xltrade.book.package import Book
from xltrade.book.packager import RIBBON14_REL_TYPE, RIBBON_REL_TYPE
from xltrade.book.read import SheetReader, check_extents
from xltrade.errors import XltradeError
from xltrade.excel.install import (
    MACOS,
    PINNED_XLWINGS,
    WINDOWS,
    config_file,
    interpreter_key,
    read_config,
    runpython_script,
)
from xltrade.excel.machine import Machine
from xltrade.excel.ribbon import PART as RIBBON_PART
from xltrade.excel.ribbon import carries_tab
from xltrade.excel.udf_wrappers import UDF_MODULE
from xltrade.rules.normalize import has_cjk
from xltrade.rules.texts import Lang, say
from xltrade.vba.reader import read_modules

MINIMUM_PYTHON = (3, 11)
#: Windows file attributes of a OneDrive file that is only in the cloud.
OFFLINE, RECALL_ON_OPEN, RECALL_ON_DATA_ACCESS = 0x1000, 0x40000, 0x400000
#: Zone.Identifier zones Office blocks macros for: Internet and Restricted sites.
BLOCKED_ZONES = ("3", "4")
EXCEL_CLSID_KEY = r"Excel.Application\CLSID"
WPS_MARKS = ("wps", "kingsoft", "\\et.exe", "ksolaunch")
VBOM_KEYS = (r"Software\Policies\Microsoft\Office\16.0\Excel\Security",
             r"Software\Microsoft\Office\16.0\Excel\Security")


@dataclass(frozen=True)
class Check:
    """One finding. ``blocking``: the buttons cannot work until it is fixed."""

    name: str
    ok: bool
    detail: str
    fix: str = ""
    blocking: bool = True

    def line(self, lang: Lang = "en") -> str:
        """The finding as one line in ``lang`` (and its fix on the next)."""
        mark = say("doctor.mark." + ("ok" if self.ok else "no" if self.blocking else "note"),
                   lang)
        label = _label(self.name, lang)
        text = f"{mark} {label}{'：' if lang == 'zh' else ': '}{self.detail}"
        return text + (f"\n      -> {self.fix}" if self.fix and not self.ok else "")


def _label(name: str, lang: Lang) -> str:
    try:
        return say(f"doctor.label.{name}", lang)
    except KeyError:
        return name


def _fail(name: str, lang: Lang, text: str, fix: str, blocking: bool = True,
          **values: object) -> Check:
    return Check(name, False, say(text, lang, **values), say(fix, lang, **values), blocking)


def _plain(path: str) -> bool:
    """A path every part of the Excel-to-Python chain reads right: ASCII, no spaces."""
    return path.isascii() and " " not in path


def python_checks(machine: Machine, lang: Lang) -> list[Check]:
    """The Python running xltrade, and the one this user's Excel is told to start."""
    found = ".".join(map(str, machine.version))
    checks = [Check("python", True, f"{machine.executable} ({found})")
              if machine.version[:2] >= MINIMUM_PYTHON else
              _fail("python", lang, "doctor.python_old", "doctor.fix.python", found=found),
              Check("xlwings", xlwings.__version__ == PINNED_XLWINGS,
                    say("doctor.xlwings_version", lang, installed=xlwings.__version__,
                        pinned=PINNED_XLWINGS),
                    f"pip install xlwings=={PINNED_XLWINGS}")]
    if machine.platform not in (WINDOWS, MACOS):
        return checks
    key = interpreter_key(machine.platform)
    config = {k.upper(): v for k, v in read_config(config_file(machine.platform, machine.home))}
    configured = config.get(key, "")
    for path in dict.fromkeys(p for p in (machine.executable, configured) if p):
        if machine.platform == WINDOWS and _store_python(path):
            checks.append(_fail("store python", lang, "doctor.store", "doctor.fix.store",
                                path=path))
    if not configured:
        checks.append(Check("interpreter", False, say("doctor.no_interpreter", lang),
                            say("doctor.fix.install", lang)))
        return checks
    if not machine.exists(Path(configured)):
        checks.append(_fail("interpreter", lang, "doctor.interpreter_gone",
                            "doctor.fix.install", setting=key, path=configured))
        return checks
    if not _same_python(configured, machine.executable, machine.platform):
        checks.append(_fail("interpreter", lang, "doctor.interpreter_other",
                            "doctor.fix.install", setting=key, path=configured,
                            this=machine.executable))
    else:
        checks.append(Check("interpreter", True, f"{key} = {configured}"))
    if machine.platform == WINDOWS:
        checks += _windows_python(machine, configured, lang)
    return checks


def _store_python(path: str) -> bool:
    return "\\windowsapps\\" in path.lower().replace("/", "\\")


def _same_python(configured: str, running: str, platform: str) -> bool:
    """The configured interpreter is the running one, or its window-less twin."""
    if platform == WINDOWS:
        a, b = PureWindowsPath(configured), PureWindowsPath(running)
        return str(a.parent).lower() == str(b.parent).lower() and \
            a.stem.lower().rstrip("w") == b.stem.lower().rstrip("w")
    return Path(configured) == Path(running)


def _windows_python(machine: Machine, interpreter: str, lang: Lang) -> list[Check]:
    """The xlwings DLLs where its VBA module looks for them (the interpreter's folder,
    or the one above it in a virtual environment), and a path it can pass on."""
    checks = []
    folder = PureWindowsPath(interpreter).parent
    names = [f"xlwings64-{xlwings.__version__}.dll", f"xlwings32-{xlwings.__version__}.dll"]
    missing = [n for n in names if not any(machine.exists(Path(str(f / n)))
                                           for f in (folder, folder.parent))]
    if missing:
        checks.append(_fail("xlwings dll", lang, "doctor.dll", "doctor.fix.dll",
                            folder=str(folder), names=", ".join(missing),
                            version=xlwings.__version__))
    else:
        checks.append(Check("xlwings dll", True, f"{names[0]}, {names[1]}"))
    if not _plain(interpreter):
        checks.append(_fail("python path", lang, "doctor.python_path",
                            "doctor.fix.python_path", path=interpreter))
    profile = machine.env("USERPROFILE") or str(machine.home)
    if not profile.isascii():
        # The workbook's VBA reads the user's xlwings.conf under this folder.
        checks.append(_fail("user folder", lang, "doctor.profile", "doctor.fix.profile",
                            blocking=False, path=profile))
    return checks


def excel_checks(machine: Machine, lang: Lang) -> list[Check]:
    """Excel itself: on Windows, that Excel (not WPS) answers to Excel.Application and
    the VBA-access option; on macOS, RunPython's script and the Automation permission."""
    if machine.platform == WINDOWS:
        return _windows_excel(machine, lang)
    if machine.platform == MACOS:
        return _mac_excel(machine, lang)
    return []


def _windows_excel(machine: Machine, lang: Lang) -> list[Check]:
    checks = []
    clsid = machine.registry("HKCR", EXCEL_CLSID_KEY)
    server = machine.registry("HKCR", rf"CLSID\{clsid}\LocalServer32") if clsid else None
    if not clsid or not server:
        checks.append(_fail("excel", lang, "doctor.no_excel", "doctor.fix.no_excel"))
    elif any(mark in server.lower() for mark in WPS_MARKS):
        checks.append(_fail("excel", lang, "doctor.wps", "doctor.fix.wps", path=server))
    else:
        checks.append(Check("excel", True, server))
    trusted = next((v for v in (machine.registry("HKCU", k, "AccessVBOM") for k in VBOM_KEYS)
                    if v is not None), None)
    checks.append(Check("vba access", True, "AccessVBOM = 1") if trusted == "1" else
                  _fail("vba access", lang, "doctor.vbom", "doctor.fix.vbom", blocking=False))
    return checks


def _mac_excel(machine: Machine, lang: Lang) -> list[Check]:
    script = runpython_script(machine.home)
    checks = [Check("runpython", True, str(script)) if machine.exists(script) else
              _fail("runpython", lang, "doctor.mac_script", "doctor.fix.install",
                    path=str(script))]
    running, _ = machine.run("pgrep", "-x", "Microsoft Excel")
    if running != 0:
        checks.append(_fail("automation", lang, "doctor.mac_unchecked",
                            "doctor.fix.mac_unchecked", blocking=False))
        return checks
    code, out = machine.run("osascript", "-e",
                            'tell application id "com.microsoft.Excel" to get name')
    if code != 0 and "-1743" in out:
        checks.append(_fail("automation", lang, "doctor.mac_automation",
                            "doctor.fix.mac_automation"))
    else:
        checks.append(Check("automation", code == 0, out.strip() or "Microsoft Excel"))
    return checks


def place_checks(workbook: str, machine: Machine, lang: Lang) -> list[Check]:
    """Where the workbook is: a web address, an online-only file, a OneDrive folder, a
    path with non-ASCII characters, a file Windows marked as from the internet."""
    if re.match(r"https?://", workbook, re.I):
        return [_fail("location", lang, "doctor.url", "doctor.fix.url", path=workbook)]
    path = Path(workbook)
    checks = []
    if machine.platform == WINDOWS:
        if machine.attributes(path) & (OFFLINE | RECALL_ON_OPEN | RECALL_ON_DATA_ACCESS):
            checks.append(_fail("location", lang, "doctor.cloud_only",
                                "doctor.fix.cloud_only", path=workbook))
        clouds = [machine.env(n) for n in ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")]
        if any(c and _inside(workbook, c) for c in clouds):
            checks.append(_fail("location", lang, "doctor.onedrive", "doctor.fix.onedrive",
                                blocking=False, path=workbook))
        if _blocked_zone(machine.zone(path)):
            checks.append(_fail("blocked", lang, "doctor.motw", "doctor.fix.motw",
                                path=workbook))
    if not _plain(workbook):
        checks.append(_fail("workbook path", lang, "doctor.workbook_path",
                            "doctor.fix.workbook_path", blocking=False, path=workbook))
    return checks


def _inside(path: str, folder: str) -> bool:
    """Whether ``path`` lies in ``folder``, as Windows compares paths (case-blind)."""
    inner, outer = PureWindowsPath(path.lower()), PureWindowsPath(folder.lower())
    return outer in inner.parents


def _blocked_zone(zone: str | None) -> bool:
    m = re.search(r"^\s*ZoneId\s*=\s*(\d+)", zone or "", re.M | re.I)
    return bool(m and m.group(1) in BLOCKED_ZONES)


def workbook_language(path: Path) -> Lang:
    """Chinese for a workbook with Chinese sheet names (客户表, 设置), else English."""
    try:
        reader = SheetReader(path)
    except (XltradeError, OSError):
        return "zh"
    try:
        return "zh" if any(has_cjk(n) for n in reader.names) else "en"
    finally:
        reader.close()


def doctor_language(workbook: Path | str | None) -> Lang:
    """The workbook's language, Chinese without one."""
    return workbook_language(Path(workbook)) if workbook is not None and \
        Path(workbook).exists() else "zh"


def doctor(workbook: Path | str | None, machine: Machine, lang: Lang | None = None
           ) -> list[Check]:
    """Every check for this computer, and for ``workbook`` when given."""
    lang = lang or doctor_language(workbook)
    checks = python_checks(machine, lang) + excel_checks(machine, lang)
    if workbook is not None:
        checks += place_checks(str(workbook), machine, lang)
        if not re.match(r"https?://", str(workbook), re.I):
            checks += workbook_checks(Path(workbook), lang)
    return checks


def unblock(workbook: Path, machine: Machine, lang: Lang,
            ask: Callable[[str], str] = input) -> str | None:
    """Remove the Mark of the Web from ``workbook`` once the user says yes; what was
    done, or ``None`` when the file carries no blocking mark."""
    if machine.platform != WINDOWS or not _blocked_zone(machine.zone(workbook)):
        return None
    answer = ask(say("doctor.ask_unblock", lang, path=workbook)).strip().lower()
    if answer not in ("y", "yes", "是", "好"):
        return say("doctor.left", lang, path=workbook)
    machine.remove_zone(workbook)
    return say("doctor.unblocked", lang, path=workbook)


def workbook_checks(path: Path, lang: Lang = "en") -> list[Check]:
    """The macro workbook: its ribbon, its xlwings module against the installed one, its
    macros, and nothing in its config that decides which code runs. A plain workbook
    is one finding: how to get the buttons."""
    try:
        with Book(path) as book:
            project = book.read("xl/vbaProject.bin") if book.exists("xl/vbaProject.bin") \
                else b""
            # The tab may be in a team's own ribbon part (customUI14.xml), merged by adopt.
            tab = any(carries_tab(book.read(r.part)) for r in book.rels("")
                      if r.type in (RIBBON_REL_TYPE, RIBBON14_REL_TYPE) and not r.external
                      and book.exists(r.part))
            check_extents(book)
            config = _config_rows(path) if book.exists("xl/workbook.xml") else {}
    except (XltradeError, OSError) as exc:
        reason = str(exc) if isinstance(exc, XltradeError) else f"{path}: {exc.strerror}"
        return [Check("workbook", False, reason)]
    if not project and not tab:
        out = path.with_name(path.stem + (".xlsm" if path.suffix.lower() != ".xlsm"
                                          else "-xltrade.xlsm"))
        return [Check("workbook", False, say("doctor.plain", lang, path=path),
                      say("doctor.fix.adopt", lang, path=path, out=out.name))]
    rebuild = say("doctor.fix.rebuild", lang, path=path)
    checks = [Check("ribbon", tab,
                    say("doctor.ribbon_part", lang, part=RIBBON_PART), rebuild)]
    modules = {m.name: m.text for m in read_modules(project)} if project else {}
    embedded = next((line.split(":", 1)[1].strip() for line in modules.get("xlwings", "")
                     .splitlines() if line.startswith("'Version:")), None)
    checks.append(Check("xlwings module", embedded == xlwings.__version__,
                        say("doctor.module", lang,
                            embedded=embedded or say("doctor.module_none", lang),
                            installed=xlwings.__version__), rebuild))
    checks.append(Check("macros", "xltrade" in modules, say("doctor.macros", lang), rebuild))
    risky = risky_config(config, lang)
    checks.append(Check("workbook config", not risky and config.get("UDF MODULES")
                        == UDF_MODULE, say("doctor.config", lang, module=UDF_MODULE)
                        if not risky else risky[0]))
    checks += [Check("workbook config", False, line) for line in risky[1:]]
    return checks


#: xlwings.conf keys that decide which Python, and which code, the buttons run.
CODE_KEYS = ("INTERPRETER", "INTERPRETER_WIN", "INTERPRETER_MAC", "PYTHONPATH",
             "CONDA PATH", "CONDA ENV", "ADD WORKBOOK TO PYTHONPATH", "UDF MODULES")


def risky_config(config: dict[str, object], lang: Lang = "en") -> list[str]:
    """What the workbook's own xlwings.conf says about which code runs, beyond xltrade's
    one UDF module: each with how to remove it."""
    found = []
    for key in CODE_KEYS:
        value = config.get(key)
        if value is None or str(value).strip() == "":
            continue
        if key == "UDF MODULES" and str(value).strip() == UDF_MODULE:
            continue
        if key == "ADD WORKBOOK TO PYTHONPATH" and str(value).strip().lower() == "false":
            continue
        found.append(say("doctor.risky", lang, setting=key, value=str(value)[:80]))
    return found


def _config_rows(path: Path) -> dict[str, object]:
    reader = SheetReader(path)
    try:
        if "xlwings.conf" not in reader.names:
            return {}
        return {str(r[0]).strip().upper(): r[1] for r in reader.rows("xlwings.conf")
                if r and r[0] is not None and len(r) > 1}
    finally:
        reader.close()
