"""A headless LibreOffice for the scripts beside this one (run by the system Python
with its UNO bridge, python3-uno): start it with a throw-away profile, open a document
in it, and stop it whatever happens."""

import contextlib
import os
import subprocess
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


@contextlib.contextmanager
def desktop():
    """LibreOffice's Desktop, for as long as the block runs."""
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    pipe = f"xltrade{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    found = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("LibreOffice did not start")
        found = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        yield found
    finally:
        if found is not None:
            with contextlib.suppress(Exception):
                found.terminate()
        office.terminate()
        try:
            office.wait(30)
        except subprocess.TimeoutExpired:
            office.kill()


def load(office, path, *properties):
    """Open ``path`` hidden in ``office``."""
    return office.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)),
                                       "_blank", 0, (prop("Hidden", True), *properties))
