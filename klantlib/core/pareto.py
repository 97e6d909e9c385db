"""How revenue is spread over customers: cumulative shares and the top X% (pure core).

Tables in, numbers and tables out; no files, no plots. The rules, the same everywhere (the
customer list, the Pareto chart, the sentence under it):

- customers are ordered by revenue, largest first, ties broken by ``customer_id``;
- a negative revenue (more credit notes than invoices) counts as 0 in every share, so the
  cumulative share never falls and never passes 100%;
- "the top X% of n customers" is ``X% × n`` rounded to the nearest whole customer (halves go
  up), and at least one customer: the top 20% of 48 customers are 10 (9.6 rounded), of 7 are 1
  (1.4), of 3 are 1 (0.6, but never none);
- when no customer has a positive revenue every share is 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from klantlib.core.customers import require_columns
from klantlib.errors import InputError, KlantlibError, Notice

__all__ = ["ParetoPoint", "customer_shares", "pareto_point", "top_count", "top_share"]


@dataclass(frozen=True)
class ParetoPoint:
    """The top ``customer_share`` of the customers and what they bring in."""

    customer_share: float
    """The share of customers asked for (0.2 for the top 20%)."""
    customers: int
    """How many customers that is (see :func:`top_count`)."""
    total_customers: int
    revenue: float
    """Their revenue, negative revenues counted as 0."""
    total_revenue: float
    """Everyone's revenue, negative revenues counted as 0."""

    @property
    def revenue_share(self) -> float:
        """The share of revenue the top customers bring in, 0 to 1."""
        return self.revenue / self.total_revenue if self.total_revenue > 0 else 0.0

    @property
    def actual_customer_share(self) -> float:
        """``customers / total_customers``: where the point lies on the Pareto curve."""
        return self.customers / self.total_customers


def top_count(total: int, share: float = 0.2) -> int:
    """How many of ``total`` customers form the top ``share``: rounded, halves up, at least 1.

    ``share`` must lie in (0, 1]; anything else raises :class:`KlantlibError`.
    """
    _check_share(share)
    if total <= 0:
        return 0
    exact = Decimal(str(share)) * total  # decimal: 0.3 × 5 is exactly 1.5, which rounds to 2
    rounded = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return min(total, max(1, rounded))


def customer_shares(customers: pd.DataFrame) -> pd.DataFrame:
    """The customers largest first, with each one's share of revenue and the running total.

    Returns a new table with the input's columns plus ``rank`` (1, 2, …),
    ``revenue_share`` (this customer's share, negative revenue counted as 0),
    ``cumulative_share`` (the share of the customers up to and including this one) and
    ``customer_share`` (the share of customers up to and including this one: rank / n).
    """
    ordered = _ordered(customers)
    positive = ordered["revenue"].fillna(0.0).clip(lower=0.0).to_numpy(dtype="float64")
    total = positive.sum()
    count = len(ordered)
    result = ordered.copy()
    result.insert(0, "rank", np.arange(1, count + 1, dtype="int64"))
    if total > 0:
        result["revenue_share"] = positive / total
        cumulative = np.minimum(np.cumsum(positive) / total, 1.0)
    else:
        result["revenue_share"] = 0.0
        cumulative = np.zeros(count)
    result["cumulative_share"] = cumulative
    result["customer_share"] = np.arange(1, count + 1, dtype="float64") / count
    return result


def pareto_point(customers: pd.DataFrame, share: float = 0.2) -> ParetoPoint:
    """The top ``share`` of the customers (see :func:`top_count`) and their revenue."""
    ordered = _ordered(customers)
    positive = ordered["revenue"].fillna(0.0).clip(lower=0.0).to_numpy(dtype="float64")
    count = top_count(len(ordered), share)
    return ParetoPoint(
        customer_share=float(share),
        customers=count,
        total_customers=len(ordered),
        revenue=float(positive[:count].sum()),
        total_revenue=float(positive.sum()),
    )


def top_share(customers: pd.DataFrame, share: float = 0.2) -> float:
    """The share of revenue (0 to 1) the top ``share`` of the customers bring in.

    >>> top_share(customers)        # the largest 20% bring in, say, 0.783 of revenue
    """
    return pareto_point(customers, share).revenue_share


def _check_share(share: float) -> None:
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
        raise KlantlibError("error.bad_top_share", value=share)


def _ordered(customers: pd.DataFrame) -> pd.DataFrame:
    """Largest revenue first, ties by customer id; a missing column or no rows is an error."""
    require_columns(customers, ("customer_id", "revenue"))
    if len(customers) == 0:
        raise InputError([Notice("error.no_customers")])
    table = customers.assign(customer_id=customers["customer_id"].astype("string"))
    return table.sort_values(
        ["revenue", "customer_id"], ascending=[False, True], kind="mergesort", na_position="last"
    ).reset_index(drop=True)
