"""Timing shared by the benchmark scripts (run as ``python benchmarks/NAME.py``)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def seconds_each(function: Callable[[], object], repeat: int = 5) -> list[float]:
    """The wall-clock time of each of ``repeat`` calls of ``function``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def median_seconds(function: Callable[[], object], repeat: int = 5) -> float:
    """The median wall-clock time of ``repeat`` calls of ``function``."""
    return statistics.median(seconds_each(function, repeat))
