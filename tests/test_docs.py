"""The documents say what the product does: the README's test prerequisites are the
ones CI installs, every field a column mapping may name is listed, the ribbon tab and
the Python install advice read the same in the docs and in the workbook, and what the
README's commands write in the checkout is ignored by git."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from xltrade.excel.ribbon import ribbon_xml
from xltrade.rules.texts import say
from xltrade.rules.vocabulary import FIELD_NAMES

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXCEL = (ROOT / "docs" / "excel.md").read_text(encoding="utf-8")


def packages(text: str) -> set[str]:
    found = re.search(r"apt-get install (.*?)(?:`|>/dev/null)", text, re.S)
    assert found
    return {w for w in found.group(1).replace("\\", " ").split() if not w.startswith("-")}


def test_the_readme_names_the_programs_ci_installs() -> None:
    assert packages(README) == packages((ROOT / ".ci" / "run").read_text(encoding="utf-8"))


def test_every_mapping_field_name_is_in_the_readme() -> None:
    for code, (zh, en) in FIELD_NAMES.items():
        assert f"| `{zh}` | `{en}` | `{code}` |" in README, code


def test_the_ribbon_tab_is_named_as_the_workbook_names_it() -> None:
    label = re.search(r'<tab id="xltradeTab" label="([^"]*)"', ribbon_xml("zh"))
    assert label and label.group(1) == "xltrade 客户跟进"
    assert EXCEL.count(label.group(1)) >= 4  # both languages, both check lists
    assert not re.search(r"\*xltrade\* (?:ribbon )?tab", EXCEL)


def test_python_install_advice_is_the_same_in_help_and_docs() -> None:
    for lang in ("zh", "en"):
        assert "Install Now" in say("help.install", lang)
    assert EXCEL.count("Install Now") == 2
    assert "Install for me" not in EXCEL + say("help.install", "en")


@pytest.mark.parametrize("path", ["周报.xlsm", "周报.eml", "客户跟进表.xlsx",
                                  "report-pages/report.pdf", "bundle/x.whl"])
def test_what_the_readme_writes_is_ignored_by_git(path: str) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout")
    assert path.split("/")[0] in README
    done = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
    assert done.returncode == 0, path
