"""Revenue bands: small / medium / large, split by two thresholds in €.

A threshold is the lower bound of the higher band: a customer exactly on a threshold goes up.
The suggestions return thresholds that are as round as possible without moving any customer
to another band than the rule itself would put it in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real

import jenkspy
import numpy as np
import pandas as pd

from klantlib.errors import InputError, KlantlibError, Money, Notice

__all__ = [
    "BANDS",
    "Thresholds",
    "assign_bands",
    "band_summary",
    "empty_band_notices",
    "suggest_cumulative_share",
    "suggest_natural_breaks",
    "suggest_share_of_total",
    "suggest_thirds",
    "with_potential_as_revenue",
]

BANDS: tuple[str, ...] = ("small", "medium", "large")
"""Band codes, lowest first; their index is the band's place on the y-axis (0, 1, 2)."""

NATURAL_BREAKS_SAMPLE = 5_000
"""Above this many customers, natural breaks are computed on evenly spaced order statistics."""

SHARE_OF_TOTAL_MEDIUM = 0.1
"""In :func:`suggest_share_of_total`, medium starts at this fraction of the large threshold."""


@dataclass(frozen=True)
class Thresholds:
    """Two revenue thresholds in €: ``medium`` starts at ``low``, ``large`` at ``high``."""

    low: float
    high: float

    def __post_init__(self) -> None:
        for value in (self.low, self.high):
            if not isinstance(value, (int, float)) or math.isnan(value):
                raise KlantlibError("error.threshold_not_number", value=value)
            if value < 0:
                raise KlantlibError("error.negative_threshold", value=Money(value))
        if not self.low < self.high:
            raise KlantlibError(
                "error.thresholds_not_increasing", low=Money(self.low), high=Money(self.high)
            )

    def band_of(self, revenue: float) -> str:
        """The band code for one revenue."""
        if revenue >= self.high:
            return "large"
        if revenue >= self.low:
            return "medium"
        return "small"


def assign_bands(customers: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """A copy of ``customers`` with a ``band`` column (``small``/``medium``/``large``)."""
    revenue = customers["revenue"].to_numpy(dtype="float64")
    index = np.searchsorted([thresholds.low, thresholds.high], revenue, side="right")
    banded = customers.copy()
    banded["band"] = pd.Categorical.from_codes(index, categories=list(BANDS), ordered=True)
    return banded


def empty_band_notices(banded: pd.DataFrame) -> list[Notice]:
    """A warning for each band that no customer falls in."""
    present = set(banded["band"].astype(str))
    return [
        Notice("warning.empty_band", {"band": Notice(f"band.{band}")})
        for band in BANDS
        if band not in present
    ]


def band_summary(banded: pd.DataFrame) -> pd.DataFrame:
    """Per band (large first): customers, revenue and share of revenue."""
    grouped = banded.groupby("band", observed=False)["revenue"]
    summary = pd.DataFrame(
        {"customers": grouped.size().astype("int64"), "revenue": grouped.sum().astype("float64")}
    )
    total = summary["revenue"].sum()
    summary["revenue_share"] = summary["revenue"] / total if total else 0.0
    summary = summary.loc[list(reversed(BANDS))]
    summary.index = pd.Index([str(b) for b in summary.index], name="band")
    return summary


def suggest_cumulative_share(
    customers: pd.DataFrame, shares: Sequence[float] = (0.80, 0.15, 0.05)
) -> Thresholds:
    """Thresholds so large customers bring ``shares[0]`` of revenue and medium ``shares[1]``.

    Walking down from the largest customer, a customer is large while the customers before it
    bring less than the large share; the customer that crosses the line is still large. Medium
    follows the same way up to ``shares[0] + shares[1]``.
    """
    if len(shares) != 3 or any(s <= 0 for s in shares) or not math.isclose(sum(shares), 1.0):
        raise KlantlibError("error.bad_shares", shares=list(shares))
    revenue = _sorted_revenue(customers)
    before = np.concatenate([[0.0], np.cumsum(revenue)[:-1]]) / revenue.sum()
    n_large = int(np.sum(before < shares[0] - 1e-12))
    n_upper = int(np.sum(before < shares[0] + shares[1] - 1e-12))
    n_large = max(1, min(n_large, len(revenue) - 2))
    n_upper = max(n_large + 1, min(n_upper, len(revenue) - 1))
    return _thresholds_from_counts(revenue, n_large, n_upper)


def suggest_thirds(customers: pd.DataFrame) -> Thresholds:
    """Thresholds that split the customers in three groups as equal in number as possible."""
    revenue = _sorted_revenue(customers)
    n = len(revenue)
    n_large = math.ceil(n / 3)
    n_upper = n_large + math.ceil((n - n_large) / 2)
    return _thresholds_from_counts(revenue, n_large, n_upper)


def suggest_natural_breaks(customers: pd.DataFrame) -> Thresholds:
    """Thresholds at the natural breaks of the revenues (Fisher-Jenks, three classes).

    Up to 5,000 customers the breaks are exact; above, they are computed on 5,000 evenly
    spaced order statistics of the revenues, which is deterministic and seconds faster.
    """
    revenue = _sorted_revenue(customers)[::-1]  # ascending
    values = revenue
    if len(values) > NATURAL_BREAKS_SAMPLE:
        picks = np.linspace(0, len(values) - 1, NATURAL_BREAKS_SAMPLE).round().astype(int)
        values = values[picks]
    breaks = jenkspy.jenks_breaks(values.tolist(), n_classes=3)
    # jenks gives each class's inclusive upper bound; a band starts just above it
    upper_small, upper_medium = float(breaks[1]), float(breaks[2])
    descending = revenue[::-1]
    n_upper = int(np.sum(descending > upper_small))
    n_large = int(np.sum(descending > upper_medium))
    n_large = max(1, n_large)
    n_upper = max(n_large + 1, min(n_upper, len(descending) - 1))
    return _thresholds_from_counts(descending, n_large, n_upper)


def suggest_share_of_total(customers: pd.DataFrame, share: float = 0.02) -> Thresholds:
    """Thresholds by a rule of thumb: a customer bringing ``share`` of our revenue is large.

    Large starts at ``share`` of the total revenue (1–3% is the usual rule of thumb, 2% by
    default); medium starts at a tenth of that (:data:`SHARE_OF_TOTAL_MEDIUM`): a customer
    buying a tenth of what makes a customer large is medium. One rule for both lines, whatever
    the number of customers, and on a logarithmic chart medium is exactly one step of ten
    below large.

    The total counts positive revenues only (a customer with more credit notes than invoices
    counts as 0, as in the customer list); the lines are taken to the cent, and a customer
    exactly on one goes up. Each threshold is the roundest amount that is not above its line
    and puts the same customers above it: 2% of 745,090.93 is 14,901.82; no customer lies
    between 13,862 and that line, so large starts at 14,000. The suggestion never asks more
    than the share, and moves nobody to another band than the exact rule would.

    A share outside (0, 1) is an error (write 2% as 0.02), and so is a share that no customer
    reaches or that every customer reaches: the rule then splits nothing. A medium or small
    band may stay empty (few customers, all of a size): :func:`empty_band_notices` says so.
    """
    if isinstance(share, bool) or not isinstance(share, Real) or not 0 < share < 1:  # NaN too
        raise KlantlibError("error.share_of_total_range", value=share)
    revenue = _sorted_revenue(customers)
    total = float(revenue.sum())
    high_line = _to_the_cent(share * total)
    low_line = _to_the_cent(high_line * SHARE_OF_TOTAL_MEDIUM)
    if revenue[0] < high_line:
        raise KlantlibError(
            "error.share_of_total_none_large",
            line=Money(high_line),
            total=Money(total),
            largest=Money(float(revenue[0])),
        )
    if revenue[-1] >= high_line:
        raise KlantlibError(
            "error.share_of_total_all_large",
            line=Money(high_line),
            total=Money(total),
            smallest=Money(float(revenue[-1])),
        )
    high = _roundest_between(_largest_below(revenue, high_line), high_line)
    low = _roundest_between(_largest_below(revenue, low_line), min(low_line, high))
    return Thresholds(low=low, high=high)


def with_potential_as_revenue(customers: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``customers`` whose ``revenue`` is the potential revenue.

    A customer without a potential revenue keeps its revenue: nothing more is known about it
    than what it buys now. Without a ``potential_revenue`` column this is an error that lists
    the columns there are.
    """
    if "potential_revenue" not in customers.columns:
        raise KlantlibError(
            "error.no_potential_revenue", columns=[str(c) for c in customers.columns]
        )
    potential = pd.to_numeric(customers["potential_revenue"], errors="coerce").astype("float64")
    revenue = customers["revenue"].astype("float64")
    return customers.assign(revenue=potential.fillna(revenue))


def _sorted_revenue(customers: pd.DataFrame) -> np.ndarray:
    """Positive revenues, largest first; at least three different values or a clear error.

    Customers without positive revenue (credit notes outweighing invoices) take no part in a
    suggestion: every suggested threshold is above zero, so they are always small.
    """
    revenue = customers["revenue"].to_numpy(dtype="float64")
    revenue = np.sort(revenue[revenue > 0])[::-1]
    distinct = len(np.unique(revenue))
    if distinct < 3:
        raise InputError([Notice("error.too_few_for_suggestion", {"count": distinct})])
    return revenue


def _thresholds_from_counts(revenue: np.ndarray, n_large: int, n_upper: int) -> Thresholds:
    """Round thresholds putting the ``n_large`` largest in large and the next ones in medium.

    Ties move up: a customer with the same revenue as the smallest large customer is large.
    Where ties would leave a band empty, the split moves to the nearest different revenue, so
    each band keeps at least one customer.
    """
    ascending = np.unique(revenue)  # at least three values, see _sorted_revenue
    high_floor = max(revenue[n_large - 1], ascending[2])
    low_floor = revenue[n_upper - 1]
    if low_floor >= high_floor:
        low_floor = ascending[ascending < high_floor][-1]
    low_floor = max(low_floor, ascending[1])
    high = _roundest_between(float(ascending[ascending < high_floor][-1]), float(high_floor))
    low = _roundest_between(float(ascending[ascending < low_floor][-1]), float(low_floor))
    return Thresholds(low=low, high=high)


def _to_the_cent(amount: float) -> float:
    """An amount to the cent, so that 2% of 50,000 is exactly 1,000 (not 1,000.0000000000001);
    amounts under half a cent stay as they are (they must stay above 0)."""
    return round(amount, 2) or amount


def _largest_below(descending: np.ndarray, line: float) -> float:
    """The largest revenue below ``line`` (0 when there is none: every threshold is above 0)."""
    below = descending[descending < line]
    return float(below[0]) if below.size else 0.0


def _roundest_between(above: float, at_most: float) -> float:
    """The roundest amount ``t`` with ``above < t <= at_most`` (48,000 in (47,900, 48,213])."""
    top = math.floor(round(at_most * 100, 6))  # in cents
    if top > 0:
        unit = 10 ** len(str(top))
        while unit >= 1:
            for multiple in (5, 2, 1):
                candidate = top // (unit * multiple) * (unit * multiple)
                if above < candidate / 100 <= at_most:
                    return candidate / 100
            unit //= 10
    return at_most
