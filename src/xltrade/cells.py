"""Cell values as openpyxl writes them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd


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
