"""How long the customer matrix takes for many customers, next to a bare scatter baseline.

Run: `make bench` (or `python benchmarks/bench_matrix.py [N]`). Prints the median of three
runs of `matrix_chart` plus saving the figure as PNG, and of the baseline — one plain
matplotlib scatter of the same points (score × band, no cells, names or layout) saved the same
way — measured on the same data in the same run. The goal: 50,000 customers in at most 3 s.

A second case draws the same 50,000 with all but the largest 1,000 (one in 50) set aside, the
account managers' customers without answers yet: it must take no longer than the first.
"""

from __future__ import annotations

import io
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from timing import median_seconds  # noqa: E402

from klantlib import segment_customers  # noqa: E402
from klantlib.core.bands import BANDS  # noqa: E402
from klantlib.reports.matrix import MATRIX_FIGURE_SIZE, matrix_chart  # noqa: E402
from klantlib.sample import generate_sample  # noqa: E402

GOAL_SECONDS = 3.0
REPEAT = 3


def ours(result, favourites: list[str], set_aside: list[str] | None = None) -> None:
    """The matrix with names, favourites and hours, saved as PNG (into memory); with
    ``set_aside``, those customers are left out and counted under the title."""
    ax = matrix_chart(result, lang="nl", favourites=favourites, set_aside=set_aside or ())
    ax.figure.savefig(io.BytesIO(), format="png", dpi=100)
    plt.close(ax.figure)


def baseline(x: np.ndarray, y: np.ndarray) -> None:
    """One plain scatter of the same number of points, saved the same way: the floor."""
    figure, ax = plt.subplots(figsize=MATRIX_FIGURE_SIZE, layout="constrained")
    ax.scatter(x, y, s=4)
    figure.savefig(io.BytesIO(), format="png", dpi=100)
    plt.close(figure)


def main(n_customers: int = 50_000) -> int:
    data = generate_sample(n_customers)
    customers = data.customers[["customer_id", "name", "revenue", "hours"]]
    result = segment_customers(customers, data.answers["An"])
    table = result.customers
    favourites = list(table["customer_id"].iloc[::5_000])
    rng = np.random.default_rng(0)
    band = table["band"].astype(str).map({b: i for i, b in enumerate(BANDS)}).to_numpy(float)
    x = table["score"].to_numpy(float) + rng.uniform(-0.4, 0.4, len(table))
    y = band + rng.uniform(-0.4, 0.4, len(table))
    by_size = table.sort_values(["revenue", "customer_id"], ascending=[False, True])
    set_aside = list(by_size["customer_id"].iloc[max(n_customers // 50, 1) :])
    ours(result, favourites)  # once to warm up fonts and imports
    chart = median_seconds(lambda: ours(result, favourites), repeat=REPEAT)
    floor = median_seconds(lambda: baseline(x, y), repeat=REPEAT)
    aside = median_seconds(lambda: ours(result, favourites, set_aside), repeat=REPEAT)
    print(f"customers: {n_customers:,}")
    print(f"matrix_chart + savefig PNG (median of {REPEAT}): {chart:.3f} s")
    print(f"baseline bare scatter + savefig PNG (median of {REPEAT}): {floor:.3f} s")
    print(f"ratio: {chart / floor:.1f}x; goal time <= {GOAL_SECONDS} s")
    print(
        f"matrix_chart with {len(set_aside):,} set aside + savefig PNG (median of {REPEAT}):"
        f" {aside:.3f} s; goal: no longer than all {n_customers:,} drawn"
    )
    ok = chart <= GOAL_SECONDS and aside <= chart
    print("result:", "within goal" if ok else "OVER GOAL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000))
