"""Running every rule over the customer table: grade, schedule and suggestion.

This is the one function the command line, the Excel macros and the UDFs share.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from xltrade.rules.grading import grade, reason_texts
from xltrade.rules.log import Log, apply_log
from xltrade.rules.schedule import schedule
from xltrade.rules.settings import Settings
from xltrade.rules.suggestion import suggest
from xltrade.rules.texts import Lang, say

RESULT_COLUMNS = ("grade", "reason", "grade_reason", "next_followup", "due", "due_text",
                  "days_overdue", "suggestion", "excluded", "silence_days",
                  "silent_after", "suggestion_brief", "local_hours")


def evaluate(table: pd.DataFrame, settings: Settings, today: dt.date, lang: Lang,
             log: Log | None = None) -> pd.DataFrame:
    """Everything xltrade computes for each customer row, indexed like ``table``; with
    the follow-up ``log``, from what was actually done (the table is updated from it
    where the log is newer)."""
    if log is not None:
        apply_log(table, log)
    graded = grade(table, settings, today)
    scheduled = schedule(table, graded, settings, today)
    result = pd.concat([graded, scheduled], axis=1)
    result["grade_reason"] = reason_texts(table, graded, lang)
    due_labels = {code: say(f"due.{code}", lang)
                  for code in ("overdue", "today", "this_week", "later", "excluded")}
    result["due_text"] = result["due"].map(due_labels)
    result["suggestion"], result["suggestion_brief"], result["local_hours"] = suggest(
        table, graded, scheduled, settings, today, lang, log)
    return result[list(RESULT_COLUMNS)]


def computed_values(result: pd.DataFrame) -> dict[str, list[object]]:
    """The computed columns' cell values (spec §2.3), by field, as written to the sheet:
    dates as dates, blanks as ``None``."""
    # numpy's own tolist gives datetime.date (None for NaT) and Python numbers.
    return {
        "grade": result["grade"].tolist(),
        "grade_reason": result["grade_reason"].tolist(),
        "next_followup": result["next_followup"].to_numpy(dtype="datetime64[D]").tolist(),
        "due": result["due_text"].tolist(),
        "days_overdue": [None if v != v else int(v)
                         for v in result["days_overdue"].to_numpy(dtype=float).tolist()],
        "suggestion": result["suggestion"].tolist(),
    }


def per_customer_json(table: pd.DataFrame, result: pd.DataFrame) -> list[dict[str, object]]:
    """The per-customer JSON of spec §6 (``xltrade refresh --json``)."""
    out: list[dict[str, object]] = []
    for row, company, grade_, reason, nxt, due, overdue, suggestion in zip(
            table.index, table["company"], result["grade"], result["reason"],
            result["next_followup"], result["due"], result["days_overdue"],
            result["suggestion"], strict=True):
        out.append({
            "row": int(row),
            "company": company,
            "grade": grade_,
            "reason": reason,
            "next_followup": None if pd.isna(nxt) else pd.Timestamp(nxt).date().isoformat(),
            "due": due,
            "days_overdue": None if pd.isna(overdue) else int(overdue),
            "suggestion": suggestion,
        })
    return out
