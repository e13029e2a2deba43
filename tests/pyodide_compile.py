"""Compile Python sources under the CPython that Pyodide ships (the one xlwings Lite
runs), by running the real Pyodide in Node.js: ``tests/pyodide/compile.mjs`` with the
pyodide npm package pinned in ``tests/pyodide/package.json``
(``npm ci --prefix tests/pyodide``). Offline: only the standard library is loaded."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "pyodide"
SCRIPT = FOLDER / "compile.mjs"
PACKAGE = FOLDER / "node_modules" / "pyodide"


def pyodide_available() -> str | None:
    """None when the check can run, else why not (for pytest.skip, or a CI failure)."""
    if shutil.which("node") is None:
        return "needs node (Node.js) to run Pyodide (Debian: apt-get install nodejs npm)"
    if not (PACKAGE / "package.json").is_file():
        return f"needs the pyodide npm package at {PACKAGE} (npm ci --prefix tests/pyodide)"
    return None


def pinned_version() -> str:
    """The Pyodide version ``tests/pyodide/package.json`` pins."""
    manifest = json.loads((FOLDER / "package.json").read_text(encoding="utf-8"))
    return str(manifest["dependencies"]["pyodide"])


def installed_version() -> str:
    """The Pyodide version installed in ``tests/pyodide/node_modules``."""
    manifest = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))
    return str(manifest["version"])


def compile_under_pyodide(files: dict[str, str]) -> tuple[str, dict[str, str]]:
    """Compile every source (file name -> text) with ``compile(source, name, "exec")``
    in Pyodide, SyntaxWarning as an error. Returns Pyodide's ``sys.version`` and the
    errors, file name -> message (empty when all compile). One Pyodide start per call:
    pass all files at once. RuntimeError when Pyodide is missing or could not run."""
    reason = pyodide_available()
    if reason is not None:
        raise RuntimeError(reason)
    node = shutil.which("node")
    assert node is not None
    ran = subprocess.run([node, str(SCRIPT)], input=json.dumps({"files": files}),
                         capture_output=True, text=True, encoding="utf-8", timeout=300,
                         check=False)
    if ran.returncode != 0:
        raise RuntimeError(f"{SCRIPT.name} exited {ran.returncode}: {ran.stderr.strip()}")
    answer = json.loads(ran.stdout)
    errors = {str(k): str(v) for k, v in answer["errors"].items()}
    return str(answer["python"]), errors
