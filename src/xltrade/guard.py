"""The no-loss guard: find what an openpyxl save would drop, and save atomically.

openpyxl rewrites a workbook from what it understood. Parts it does not model
(drawings, slicers, the Office 2010 ribbon, ...) would silently vanish, so before a
save we list every part outside xltrade's own sheets that it cannot keep, and after
the save (to a temporary file) we check that no kept part went missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from xltrade.errors import WorkbookLocked, WouldLoseParts
from xltrade.package import Package, Part

_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml."
KEPT_CONTENT_TYPES = frozenset({
    _SML + "sheet.main+xml", _SML + "template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    _SML + "worksheet+xml", _SML + "sharedStrings+xml", _SML + "styles+xml",
    "application/vnd.openxmlformats-officedocument.theme+xml",
    "application/vnd.openxmlformats-package.core-properties+xml",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "application/vnd.openxmlformats-officedocument.custom-properties+xml",
    _SML + "comments+xml", "application/vnd.openxmlformats-officedocument.vmlDrawing",
    _SML + "table+xml", _SML + "pivotTable+xml", _SML + "pivotCacheDefinition+xml",
    _SML + "pivotCacheRecords+xml", _SML + "externalLink+xml",
})
#: Parts whose content lives on elsewhere (openpyxl writes strings inline in the
#: cells) or that the spreadsheet program rebuilds by itself: dropping them loses nothing.
REBUILT_REL_TYPES = frozenset({
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
})
VBA_CONTENT_TYPE = "application/vnd.ms-office.vbaProject"
RIBBON_2007_REL = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"

_DESCRIPTIONS = (
    ("drawing", "drawing (charts, pictures or shapes)"),
    ("chart", "chart"),
    ("image", "picture"),
    ("slicer", "slicer"),
    ("timeline", "timeline"),
    ("ctrlProp", "form control"),
    ("activeX", "ActiveX control"),
    ("oleObject", "embedded object"),
    ("package", "embedded object"),
    ("threadedComment", "threaded comment"),
    ("person", "threaded-comment authors"),
    ("sheetMetadata", "dynamic-array metadata"),
    ("rdRichValue", "rich values (data types, pictures in cells)"),
    ("customXml", "custom XML data"),
    ("connections", "data connections"),
    ("queryTable", "query table"),
    ("vbaProject", "VBA project"),
    ("webextension", "Office add-in data"),
    ("taskpane", "Office add-in task pane"),
    ("dialogsheet", "dialog sheet"),
    ("chartsheet", "chart sheet"),
)
RIBBON_2010_REL = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"


def describe(part: Part) -> str:
    """A reader's name for a part: what it is, where it sits."""
    if part.rel_type == RIBBON_2010_REL:
        what = "Office 2010 ribbon (customUI14.xml)"
    else:
        probe = f"{part.content_type} {part.rel_type} {part.name}".lower()
        what = next((text for key, text in _DESCRIPTIONS if key.lower() in probe), None) or (
            f"part {part.content_type or 'of unknown type'}")
    where = f" in sheet '{part.owner}'" if part.owner else ""
    return f"{what}{where} ({part.name})"


def _keepable(part: Part, keep_vba: bool) -> bool:
    if part.rel_type in REBUILT_REL_TYPES or part.content_type in KEPT_CONTENT_TYPES:
        return True
    if keep_vba:
        if part.content_type == VBA_CONTENT_TYPE or part.rel_type == RIBBON_2007_REL:
            return True
        if part.name.startswith("customUI/") and part.rel_type == IMAGE_REL:
            return True
    return False


def unkeepable_parts(package: Package, own_sheets: Iterable[str], keep_vba: bool) -> list[str]:
    """Parts outside xltrade's own sheets that an openpyxl save would drop."""
    own = set(own_sheets)
    return [describe(p) for p in package.walk()
            if p.owner not in own and not _keepable(p, keep_vba)]


def _kept_counts(package: Package, own: set[str]) -> Counter[str]:
    return Counter(p.content_type or p.rel_type for p in package.walk()
                   if p.owner not in own and p.rel_type not in REBUILT_REL_TYPES)


def missing_after_save(before: Package, after: Package, own_sheets: Iterable[str]) -> list[str]:
    """Kinds of part that the saved file has fewer of than the original."""
    own = set(own_sheets)
    old, new = _kept_counts(before, own), _kept_counts(after, own)
    return [f"{kind} ({old[kind] - new[kind]} of {old[kind]})"
            for kind in sorted(old) if new[kind] < old[kind]]


@contextlib.contextmanager
def loss_warnings() -> Iterator[list[str]]:
    """Collect openpyxl's warnings that it is dropping a feature while loading."""
    lost: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield lost
    for w in caught:
        text = str(w.message)
        if any(k in text.lower() for k in ("will be removed", "will be lost", "not supported",
                                           "unable to read", "cannot be")):
            lost.append(text.rstrip("."))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def lock_files(path: Path) -> list[Path]:
    """The owner files Office may keep beside a workbook it has open (``~$`` plus the
    name; Word-style, the name's first two characters replaced)."""
    return [path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:])]


def check_not_locked(path: Path) -> None:
    for lock in lock_files(path):
        if lock.exists():
            raise WorkbookLocked(
                f"{path}: the workbook is open in Excel ({lock.name} exists). Close it in "
                "Excel and run again, or write to another file with --out.")


def save_atomic(write: Callable[[str], None], target: Path,
                verify: Callable[[str], None] | None = None) -> None:
    """Write through ``write(tmp_path)`` into a temporary file beside ``target``, check it
    with ``verify``, then rename it over ``target``. The target is untouched on failure."""
    fd, tmp = tempfile.mkstemp(prefix=".~xltrade-", suffix=target.suffix,
                               dir=target.parent or Path("."))
    os.close(fd)
    try:
        write(tmp)
        if verify is not None:
            verify(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        if target.exists():
            shutil.copymode(target, tmp)
        else:
            # mkstemp makes the file private; a new workbook gets the usual rights.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise WorkbookLocked(f"{target}: cannot be replaced ({exc.strerror}); "
                                 "is it open in Excel?") from exc
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file renamed into place."""
    save_atomic(lambda tmp: _write_bytes(tmp, data), target)


def _write_bytes(path: str, data: bytes) -> None:
    Path(path).write_bytes(data)


def refuse(path: str, lost: list[str]) -> None:
    if lost:
        raise WouldLoseParts(path, lost)
