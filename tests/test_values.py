"""Cell values as teams type them (spec §2.4, §3.2, §3.3): the stage, buyer-type and
date texts collected from public CRMs, templates and articles
(``tests/data/values/SOURCES.md``) read as a person reads them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from xltrade.rules.parsing import parse_date
from xltrade.rules.stages import read_buyer_type, stage_of

DATA = Path(__file__).parent / "data" / "values"


def load(name: str) -> list[dict]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


STAGES, BUYERS, DATES = load("stages.json"), load("buyer_types.json"), load("dates.json")


def test_the_value_corpus_is_large_and_sourced() -> None:
    assert len(STAGES) >= 150 and len(BUYERS) >= 30 and len(DATES) >= 60
    assert {e["lang"] for e in STAGES} == {"zh-Hans", "zh-Hant", "en"}
    assert all(e["source"] for e in STAGES + BUYERS)


@pytest.mark.parametrize("entry", STAGES, ids=[e["value"] for e in STAGES])
def test_stages_read_by_meaning(entry: dict) -> None:
    code, problem = stage_of(entry["value"])
    got = code or ("two" if problem == "issue.two_stages" else None)
    assert got == entry["stage"]
    if code is None:  # never silent: an unread stage is a data issue
        assert problem in ("issue.bad_stage", "issue.two_stages")


@pytest.mark.parametrize("entry", BUYERS, ids=[e["value"] for e in BUYERS])
def test_buyer_types_read_by_meaning(entry: dict) -> None:
    assert read_buyer_type(entry["value"]) == entry["type"]


@pytest.mark.parametrize("entry", DATES, ids=[f"{e['text']}-{e['column']}" for e in DATES])
def test_dates_read_as_typed(entry: dict) -> None:
    day, problem = parse_date(entry["text"], dt.date.fromisoformat(entry["today"]),
                              entry["column"] == "planned")
    got = day.isoformat() if isinstance(day, dt.date) else (
        "ambiguous" if problem == "issue.ambiguous_date" else "unreadable")
    assert got == entry["expected"], entry.get("note")


def test_year_less_dates_follow_the_column() -> None:
    today = dt.date(2026, 1, 10)
    assert parse_date("12月28日", today) == (dt.date(2025, 12, 28), None)
    assert parse_date("12月28日", today, planned=True) == (dt.date(2026, 12, 28), None)
    assert parse_date("1月10日", today, planned=True) == (dt.date(2026, 1, 10), None)
    assert parse_date("2月29日", dt.date(2026, 3, 1)) == (dt.date(2024, 2, 29), None)
    assert parse_date("11月3日") == (None, "issue.bad_date")  # no today, no guess


def test_settings_aliases_win_over_meaning() -> None:
    assert stage_of("打样")[0] == "sample"
    assert stage_of("打样", {"打样": "quoted"})[0] == "quoted"
