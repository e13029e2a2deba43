"""macOS Quick Actions: Finder > right-click > Quick Actions > "xltrade 团队汇总" runs
``python -m xltrade.cli.sendto team`` on the selected files and folders, as the Send To
entries do on Windows (:mod:`xltrade.cli.sendto`).

A Quick Action is an Automator service bundle in ``~/Library/Services``::

    xltrade 团队汇总.workflow/
        Contents/
            Info.plist       the Services entry: its name, Finder only, any file or folder
            document.wflow   the workflow: one "Run Shell Script" action

Both are written as Automator saves them (keys and values of bundles saved by Automator
2.10), with :mod:`plistlib`. The selected files reach the script as its arguments
(Automator's "Pass input: as arguments", ``"$@"``), never as text inside it; the script
holds only the interpreter's path, in double quotes, refused when it has a character
the quotes cannot hold.
"""

from __future__ import annotations

import plistlib
import subprocess
import uuid
from collections.abc import Mapping
from pathlib import Path

from xltrade.book.guard import write_atomic
from xltrade.errors import XltradeError
from xltrade.rules.texts import both

FINDER = "com.apple.finder"
FINDER_PATH = "/System/Library/CoreServices/Finder.app"
#: Any file or folder: Finder offers the entry wherever Send To would be offered, and
#: the command says which of the selected items it skipped and why.
FILE_TYPES = ["public.item"]
SHELL = "/bin/sh"
#: Inside double quotes the shell still expands these; a control character could end
#: the line.
UNQUOTABLE = '"$`\\'


def services_folder(home: Path) -> Path:
    """Where a user's Quick Actions live."""
    return home / "Library" / "Services"


def unquotable(interpreter: str) -> str:
    """The characters of ``interpreter`` that double quotes in a shell cannot hold."""
    found = {c for c in interpreter if c in UNQUOTABLE or ord(c) < 32 or ord(c) == 127}
    return " ".join(repr(c) for c in sorted(found))


def command_line(action: str, interpreter: str) -> str:
    """The shell script of a Quick Action: the interpreter quoted, the files as its
    arguments."""
    bad = unquotable(interpreter)
    if bad:
        raise XltradeError(*both("install.unquotable", path=interpreter, chars=bad))
    return f'"{interpreter}" -m xltrade.cli.sendto {action} "$@"'


def info_plist(name: str) -> dict[str, object]:
    """Contents/Info.plist: the Services menu entry, in Finder, for files and folders."""
    return {"NSServices": [{
        "NSMenuItem": {"default": name},
        "NSMessage": "runWorkflowAsService",
        "NSRequiredContext": {"NSApplicationIdentifier": FINDER},
        "NSSendFileTypes": FILE_TYPES,
    }]}


def _uuid(action: str, part: str) -> str:
    # The same bundle on every install: ids from the action, not from chance.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"xltrade:quick-action:{action}:{part}")).upper()


def run_shell_script(action: str, command: str) -> dict[str, object]:
    """Automator's "Run Shell Script" action running ``command`` with the input as
    arguments (``inputMethod`` 1; 0 would be standard input)."""
    bundle = "/System/Library/Automator/Run Shell Script.action"
    strings = {"Container": "List", "Types": ["com.apple.cocoa.string"]}
    parameters = ("COMMAND_STRING", "CheckedForUserDefaultShell", "inputMethod", "shell",
                  "source")
    defaults: list[tuple[str, object]] = [
        ("inputMethod", 0), ("CheckedForUserDefaultShell", False), ("source", ""),
        ("COMMAND_STRING", ""), ("shell", "/bin/sh")]
    return {
        "AMAccepts": {**strings, "Optional": True},
        "AMActionVersion": "2.0.3",
        "AMApplication": ["Automator"],
        "AMParameterProperties": {key: {} for key in parameters},
        "AMProvides": strings,
        "ActionBundlePath": bundle,
        "ActionName": "Run Shell Script",
        "ActionParameters": {"COMMAND_STRING": command, "CheckedForUserDefaultShell": True,
                             "inputMethod": 1, "shell": SHELL, "source": ""},
        "BundleIdentifier": "com.apple.RunShellScript",
        "CFBundleVersion": "2.0.3",
        "CanShowSelectedItemsWhenRun": False,
        "CanShowWhenRun": True,
        "Category": ["AMCategoryUtilities"],
        "Class Name": "RunShellScriptAction",
        "InputUUID": _uuid(action, "input"),
        "Keywords": ["Shell", "Script", "Command", "Run", "Unix"],
        "OutputUUID": _uuid(action, "output"),
        "UUID": _uuid(action, "action"),
        "UnlocalizedApplications": ["Automator"],
        "arguments": {str(i): {"default value": value, "name": key, "required": "0",
                               "type": "0", "uuid": str(i)}
                      for i, (key, value) in enumerate(defaults)},
        "isViewVisible": 1,
        "location": "309.000000:253.000000",
        "nibPath": f"{bundle}/Contents/Resources/Base.lproj/main.nib",
    }


def document_wflow(action: str, command: str) -> dict[str, object]:
    """Contents/document.wflow: a Quick Action receiving files or folders in Finder,
    running one shell script, giving nothing back."""
    return {
        "AMApplicationBuild": "523",
        "AMApplicationVersion": "2.10",
        "AMDocumentVersion": "2",
        "actions": [{"action": run_shell_script(action, command), "isViewVisible": 1}],
        "connectors": {},
        "workflowMetaData": {
            "applicationBundleID": FINDER,
            "applicationBundleIDsByPath": {FINDER_PATH: FINDER},
            "applicationPath": FINDER_PATH,
            "applicationPaths": [FINDER_PATH],
            "inputTypeIdentifier": "com.apple.Automator.fileSystemObject",
            "outputTypeIdentifier": "com.apple.Automator.nothing",
            "presentationMode": 15,
            "processesInput": False,
            "serviceApplicationBundleID": FINDER,
            "serviceApplicationPath": FINDER_PATH,
            "serviceInputTypeIdentifier": "com.apple.Automator.fileSystemObject",
            "serviceOutputTypeIdentifier": "com.apple.Automator.nothing",
            "serviceProcessesInput": False,
            "systemImageName": "NSActionTemplate",
            "useAutomaticInputType": False,
            "workflowTypeIdentifier": "com.apple.Automator.servicesMenu",
        },
    }


def add_quick_actions(home: Path, interpreter: str, entries: Mapping[str, str]) -> list[str]:
    """Write one bundle per entry (menu name -> action of :mod:`xltrade.cli.sendto`),
    replacing xltrade's earlier ones; what was done, one line each."""
    commands = {name: command_line(action, interpreter) for name, action in entries.items()}
    done = []
    for name, action in entries.items():
        contents = services_folder(home) / f"{name}.workflow" / "Contents"
        contents.mkdir(parents=True, exist_ok=True)
        write_atomic(contents / "Info.plist", plistlib.dumps(info_plist(name)))
        write_atomic(contents / "document.wflow",
                     plistlib.dumps(document_wflow(action, commands[name])))
        done.append(f"{contents.parent}: Finder > Quick Actions > {name}")
    refresh_services()
    return done


def refresh_services() -> None:
    """Ask macOS to list the new Services now rather than at the next log-in."""
    pbs = Path("/System/Library/CoreServices/pbs")
    if pbs.exists():
        subprocess.run([str(pbs), "-flush"], check=False, capture_output=True)
