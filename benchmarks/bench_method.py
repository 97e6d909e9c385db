"""How long the whole method takes on many customers, next to a bare pandas baseline.

Run: `make bench` (or `python benchmarks/bench_method.py [N]`). Prints the median of five runs
of `segment_customers` (checking every cell, bands, answers, segments and one reason per
customer) and of the baseline — the same band/score/segment arithmetic in a few vectorised
pandas lines without checks or reasons — measured on the same data in the same run.
The goal: 50,000 customers well under 2 s, and within 10× the baseline.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
from timing import median_seconds

from klantlib import QUESTIONS, parse_answer, segment_customers
from klantlib.sample import generate_sample

GOAL_SECONDS = 2.0
GOAL_RATIO = 10.0


def baseline(customers: pd.DataFrame, answers: pd.DataFrame, low: float, high: float) -> pd.Series:
    """Band, score and default-grid segment with plain pandas: the floor to compare with."""
    ordered = customers.sort_values(["revenue", "customer_id"], ascending=[False, True])
    band = np.searchsorted([low, high], ordered["revenue"].to_numpy(float), side="right")
    typed = answers.set_index("customer_id").reindex(ordered["customer_id"])
    yes = typed.apply(lambda column: column.map(parse_answer)).eq("yes").sum(axis=1)
    points = 2 * band + yes.to_numpy()
    return pd.Series(np.where(points >= 6, "A", np.where(points >= 4, "B", "C")))


def main(n_customers: int = 50_000) -> int:
    data = generate_sample(n_customers)
    customers = data.customers[["customer_id", "name", "revenue", "hours"]]
    answers = data.answers["An"]
    result = segment_customers(customers, answers)
    low, high = result.thresholds.low, result.thresholds.high
    assert len(QUESTIONS) == 4
    ours = median_seconds(lambda: segment_customers(customers, answers))
    floor = median_seconds(lambda: baseline(customers, answers, low, high))
    ratio = ours / floor
    print(f"customers: {n_customers:,}")
    print(f"segment_customers (median of 5): {ours:.3f} s")
    print(f"baseline pandas arithmetic (median of 5): {floor:.3f} s")
    print(f"ratio: {ratio:.1f}x (goal <= {GOAL_RATIO:.0f}x); goal time <= {GOAL_SECONDS} s")
    ok = ours <= GOAL_SECONDS and ratio <= GOAL_RATIO
    print("result:", "within goal" if ok else "OVER GOAL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000))
