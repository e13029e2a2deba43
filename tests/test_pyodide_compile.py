"""The Python xlwings Lite will run (Pyodide's CPython, not ours) compiles the code
xltrade bundles: the pure layers (rules, sheets, errors), checked in the real Pyodide
under Node.js. Skips without node or ``npm ci --prefix tests/pyodide``; fails in CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import missing_tool
from pyodide_compile import (
    compile_under_pyodide,
    installed_version,
    pinned_version,
    pyodide_available,
)

SRC = Path(__file__).resolve().parent.parent / "src"

#: The layers with no Excel, file or CLI code, which the workbook will carry.
BUNDLED = [SRC / "xltrade" / "rules", SRC / "xltrade" / "sheets", SRC / "xltrade" / "errors.py"]

SAMPLES = {
    "new_syntax.py": (
        "type Point = tuple[float, float]\n"
        "def first[T](items: list[T]) -> T:\n"
        "    return items[0]\n"
        "label = f\"{'x' + \"y\"}\"\n"
    ),
    "broken.py": "def f(:\n    pass\n",
    "bad_escape.py": r'pattern = "\d+"' + "\n",
    "good_escape.py": r'pattern = r"\d+" + "\\d"' + "\n",
}


@pytest.fixture(scope="module")
def samples() -> tuple[str, dict[str, str]]:
    reason = pyodide_available()
    if reason is not None:
        missing_tool(reason)
    return compile_under_pyodide(SAMPLES)


def bundled_sources() -> dict[str, str]:
    files: list[Path] = []
    for path in BUNDLED:
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return {p.relative_to(SRC).as_posix(): p.read_text(encoding="utf-8") for p in files}


def test_pinned_pyodide_is_installed(samples: tuple[str, dict[str, str]]) -> None:
    assert pinned_version() == "0.27.5"
    assert installed_version() == pinned_version()


def test_python_is_pyodides_312(samples: tuple[str, dict[str, str]]) -> None:
    python, _ = samples
    assert python.startswith("3.12."), python


def test_312_syntax_compiles(samples: tuple[str, dict[str, str]]) -> None:
    _, errors = samples
    assert "new_syntax.py" not in errors, errors
    assert "good_escape.py" not in errors, errors


def test_syntax_error_is_reported_with_its_file(samples: tuple[str, dict[str, str]]) -> None:
    _, errors = samples
    assert errors["broken.py"].startswith("SyntaxError"), errors
    assert "broken.py" in errors["broken.py"] and "line 1" in errors["broken.py"]


def test_invalid_escape_is_an_error(samples: tuple[str, dict[str, str]]) -> None:
    _, errors = samples
    assert "invalid escape sequence" in errors["bad_escape.py"], errors
    assert set(errors) == {"broken.py", "bad_escape.py"}


def test_bundled_layers_compile_under_pyodide() -> None:
    reason = pyodide_available()
    if reason is not None:
        missing_tool(reason)
    files = bundled_sources()
    assert "xltrade/errors.py" in files and len(files) > 40, sorted(files)
    python, errors = compile_under_pyodide(files)
    assert python.startswith("3.12."), python
    assert errors == {}, "\n".join(f"{name}: {message}" for name, message in errors.items())
