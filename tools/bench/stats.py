"""Percentiles, one definition for every bench and the scale test, so their p50 and p95 compare."""

import math
from typing import Sequence


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with at least `fraction` of the values at or
    below it. Always a value that was measured (never interpolated), so a p95 of 20 latencies is the
    19th slowest one, not a blend of two."""
    if not values:
        raise ValueError("no values")
    if not 0 < fraction <= 1:
        raise ValueError("fraction must be in (0, 1]")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]
