"""Small value tests shared by the model modules."""

from __future__ import annotations

import math

import pandas as pd


def present(value) -> bool:
    """A real value: not None, NaN or pandas NA."""
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value is not pd.NA
