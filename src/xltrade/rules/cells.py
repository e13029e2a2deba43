"""Cell values as openpyxl writes them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

#: Value types that are already plain: callers with many cells skip :func:`plain` for them.
PLAIN_TYPES = frozenset({str, int, bool, dt.date, type(None)})


def plain(value: object) -> object:
    """A Python value openpyxl writes as-is: dates as dates, NaN/NaT as blank."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime().date()
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value
