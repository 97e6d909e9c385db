"""Answers the data can suggest: Marge from margin per hour, Cashflow from days to pay (core).

A suggestion is only a suggestion: it says which answer the data points to and why, and counts
only when someone accepts it. Innovatie and Netwerk are never suggested — no column knows them.

- **Marge**: gross margin per hour spent (``gross_margin / hours``) against a target in € per
  hour the team sets; no target, no suggestion. At or above the target: yes.
- **Cashflow**: average days to pay (``days_to_pay``) against the payment term (default 30
  days). Within the term: yes.

A customer without the numbers a rule needs (empty, or no hours) gets no suggestion for it.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from klantlib.errors import KlantlibError

__all__ = ["DEFAULT_PAYMENT_TERM_DAYS", "SUGGESTED_QUESTIONS", "check_rules", "suggest_answers"]

DEFAULT_PAYMENT_TERM_DAYS = 30.0
"""The payment term a Cashflow suggestion compares with unless the team sets another."""

SUGGESTED_QUESTIONS: tuple[str, ...] = ("margin", "cashflow")
"""The questions the data can suggest an answer to."""

COLUMNS = ["customer_id", "question", "answer", "value", "limit"]


def suggest_answers(
    customers: pd.DataFrame,
    *,
    margin_per_hour_target: float | None = None,
    payment_term_days: float = DEFAULT_PAYMENT_TERM_DAYS,
) -> pd.DataFrame:
    """One row per suggestion: ``customer_id``, ``question`` (``margin`` or ``cashflow``),
    ``answer`` (``yes``/``no``), ``value`` (margin per hour, or days to pay) and ``limit`` (the
    target or the term it was compared with); customers in the table's order, Marge first.
    The caller's table is not changed."""
    check_rules(margin_per_hour_target, payment_term_days)
    parts = []
    ids = customers["customer_id"].astype(str).to_numpy()
    if (
        margin_per_hour_target is not None
        and "gross_margin" in customers.columns
        and "hours" in customers.columns
    ):
        margin = pd.to_numeric(customers["gross_margin"], errors="coerce").to_numpy(float)
        hours = pd.to_numeric(customers["hours"], errors="coerce").to_numpy(float)
        known = ~np.isnan(margin) & ~np.isnan(hours) & (hours > 0)
        per_hour = np.divide(margin, hours, out=np.full(len(margin), np.nan), where=known)
        parts.append(
            pd.DataFrame(
                {
                    "customer_id": ids[known],
                    "question": "margin",
                    "answer": np.where(per_hour[known] >= margin_per_hour_target, "yes", "no"),
                    "value": per_hour[known],
                    "limit": float(margin_per_hour_target),
                }
            )
        )
    if "days_to_pay" in customers.columns:
        days = pd.to_numeric(customers["days_to_pay"], errors="coerce").to_numpy(float)
        known = ~np.isnan(days)
        parts.append(
            pd.DataFrame(
                {
                    "customer_id": ids[known],
                    "question": "cashflow",
                    "answer": np.where(days[known] <= payment_term_days, "yes", "no"),
                    "value": days[known],
                    "limit": float(payment_term_days),
                }
            )
        )
    if not parts:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in COLUMNS})
    return pd.concat(parts, ignore_index=True)[COLUMNS]


def check_rules(target: float | None, term: float) -> None:
    """Refuse a Marge target that is not a number of 0 or more, or a payment term that is not
    a number above 0."""
    if target is not None and (
        not isinstance(target, int | float) or not math.isfinite(target) or target < 0
    ):
        raise KlantlibError("error.margin_target", value=target)
    if not isinstance(term, int | float) or not math.isfinite(term) or term <= 0:
        raise KlantlibError("error.payment_term", value=term)
