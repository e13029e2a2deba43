// Compile Python sources under the CPython that Pyodide ships (the Python that
// xlwings Lite runs), offline, from the pyodide package installed beside this file.
//
// stdin:  {"files": {"main.py": "source", ...}}
// stdout: {"python": "<sys.version>", "errors": {"main.py": "message", ...}}
//
// Each file goes through compile(source, name, "exec") with SyntaxWarning turned
// into an error, so an invalid escape such as "\d" counts as a failure. Exit 0
// when the check ran (whatever it found), 2 when it could not run.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, "node_modules", "pyodide");

const CHECK = `
import json
import sys
import warnings


def describe(name: str, e: Exception) -> str:
    if isinstance(e, SyntaxError) and e.lineno is not None:
        return f"{type(e).__name__}: {e.msg} ({name}, line {e.lineno})"
    return f"{type(e).__name__}: {e} ({name})"


def check(request: str) -> str:
    files = json.loads(request)["files"]
    errors = {}
    for name, source in files.items():
        with warnings.catch_warnings():
            warnings.simplefilter("error", SyntaxWarning)
            try:
                compile(source, name, "exec", dont_inherit=True)
            except (SyntaxError, ValueError) as e:
                errors[name] = describe(name, e)
    return json.dumps({"python": sys.version, "errors": errors})


check
`;

async function main() {
  const request = readFileSync(0, "utf8");
  // Validate here so a malformed request is the caller's error, not Python's.
  const parsed = JSON.parse(request);
  if (parsed === null || typeof parsed.files !== "object" || Array.isArray(parsed.files)) {
    throw new Error('stdin must be {"files": {"name.py": "source", ...}}');
  }
  // A bare specifier resolves from this file's folder, whatever the current directory.
  const { loadPyodide } = await import("pyodide");
  const log = (msg) => process.stderr.write(msg + "\n");
  const pyodide = await loadPyodide({
    indexURL: packageDir + "/",
    packageCacheDir: packageDir + "/",
    lockFileURL: join(packageDir, "pyodide-lock.json"),
    stdout: log,
    stderr: log,
  });
  const check = pyodide.runPython(CHECK);
  const answer = check(request);
  check.destroy();
  process.stdout.write(answer + "\n");
}

main().catch((err) => {
  process.stderr.write(`compile.mjs: ${err && err.stack ? err.stack : err}\n`);
  process.exit(2);
});
