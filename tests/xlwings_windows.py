"""Load xlwings' Windows-only UDF module on Linux, to compare our generated VBA
wrappers with what xlwings itself generates. Only the names that module imports
from pywin32 are stubbed; none of them is called by the wrapper generator."""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any


def load_xlwings_udfs() -> Any:
    stubs = {
        "pythoncom": types.ModuleType("pythoncom"),
        "pywintypes": types.ModuleType("pywintypes"),
        "win32com": types.ModuleType("win32com"),
        "win32com.client": types.ModuleType("win32com.client"),
    }
    stubs["win32com.client"].Dispatch = None  # type: ignore[attr-defined]
    stubs["pywintypes"].com_error = Exception  # type: ignore[attr-defined]
    stubs["pythoncom"].CoInitialize = lambda: None  # type: ignore[attr-defined]
    saved = {name: sys.modules.get(name) for name in stubs}
    sys.modules.update(stubs)
    try:
        sys.modules.pop("xlwings.udfs", None)
        return importlib.import_module("xlwings.udfs")
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
        sys.modules.pop("xlwings.udfs", None)
