"""The plan per segment and the time it takes: how much attention each segment gets (core).

A plan says per segment A, B and C: proactive or reactive, which channels (visit, video call,
phone, e-mail, newsletter), how many contacts a year, and who owns it. The defaults follow the
article: face-to-face and proactive for A, a lighter mix for B, scalable channels and reactive
for C. A team changes them; the session stores them.

:func:`plan_hours` answers the article's conclusion with numbers: the hours the plan needs per
segment (and per account manager) next to the hours spent today where they are known, and the
hours it frees. :func:`plan_notices` warns when the plan needs more hours than are spent today,
or when most customers end up in A (a plan cannot make everyone a favourite).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from klantlib.core.segments import SEGMENTS
from klantlib.errors import KlantlibError, Notice

__all__ = [
    "APPROACHES",
    "CHANNELS",
    "CHANNEL_HOURS",
    "SegmentPlan",
    "default_plan",
    "favourites_by_segment",
    "plan_from_table",
    "plan_hours",
    "plan_hours_by_manager",
    "plan_notices",
    "plan_table",
    "segments_by_manager",
]

CHANNELS: tuple[str, ...] = ("visit", "video", "phone", "email", "newsletter")
"""The channels, most personal first."""

CHANNEL_HOURS: Mapping[str, float] = {
    "visit": 2.5,  # on the road, the visit, the report
    "video": 1.0,
    "phone": 0.5,
    "email": 0.25,
    "newsletter": 0.0,  # written once for everyone
}
"""Hours one contact takes per channel, preparation and follow-up included."""

APPROACHES: tuple[str, ...] = ("proactive", "reactive")

MOST_IN_A = 0.5
"""Share of customers in A above which the plan warns that A is no longer a selection."""

NO_MANAGER = "—"
"""The row of the customers without an account manager, in the tables per account manager."""

BY_MANAGER_COLUMNS: tuple[str, ...] = (*SEGMENTS, "total", "customers_with_hours", "hours_today")
"""The columns of :func:`segments_by_manager`."""


@dataclass(frozen=True)
class SegmentPlan:
    """How one segment is served."""

    segment: str
    approach: str
    channels: tuple[str, ...]
    contacts_per_year: float
    owner: str = ""
    note: str = field(default="", compare=True)

    def __post_init__(self) -> None:
        if self.segment not in SEGMENTS:
            raise KlantlibError("error.plan_segment", value=self.segment)
        if self.approach not in APPROACHES:
            raise KlantlibError("error.plan_approach", value=self.approach)
        unknown = [c for c in self.channels if c not in CHANNELS]
        if unknown or not self.channels:
            raise KlantlibError("error.plan_channels", value=list(self.channels) or ["—"])
        contacts = self.contacts_per_year
        if (
            isinstance(contacts, bool)
            or not isinstance(contacts, int | float)
            or not math.isfinite(contacts)
            or not 0 <= contacts <= 365
        ):
            raise KlantlibError("error.plan_contacts", value=contacts)
        object.__setattr__(self, "channels", tuple(dict.fromkeys(self.channels)))
        object.__setattr__(self, "contacts_per_year", float(contacts))

    @property
    def hours_per_customer(self) -> float:
        """Hours a year one customer takes: contacts × the average hours of its channels
        (the channels are used in equal measure)."""
        per_contact = float(np.mean([CHANNEL_HOURS[c] for c in self.channels]))
        return self.contacts_per_year * per_contact


def default_plan() -> dict[str, SegmentPlan]:
    """The article's plan: A visited and called proactively every month, B a lighter
    proactive mix every quarter, C served reactively by e-mail and the newsletter."""
    return {
        "A": SegmentPlan("A", "proactive", ("visit", "video", "phone"), 12),
        "B": SegmentPlan("B", "proactive", ("video", "phone", "email"), 4),
        "C": SegmentPlan("C", "reactive", ("email", "newsletter"), 2),
    }


def plan_table(plan: Mapping[str, SegmentPlan]) -> pd.DataFrame:
    """The plan as a table, one row per segment A, B, C (channels joined by ``,``)."""
    rows = []
    for segment in SEGMENTS:
        part = asdict(plan[segment])
        part["channels"] = ",".join(part["channels"])
        part["hours_per_customer"] = plan[segment].hours_per_customer
        rows.append(part)
    return pd.DataFrame(rows).set_index("segment")


def plan_from_table(table: pd.DataFrame | Sequence[Mapping[str, Any]]) -> dict[str, SegmentPlan]:
    """The plan back from :func:`plan_table`'s columns (or records of them)."""
    records = table.reset_index().to_dict("records") if isinstance(table, pd.DataFrame) else table
    plan = {}
    for record in records:
        channels = record["channels"]
        if isinstance(channels, str):
            channels = tuple(c.strip() for c in channels.split(",") if c.strip())
        segment = SegmentPlan(
            str(record["segment"]),
            str(record["approach"]),
            tuple(channels),
            record["contacts_per_year"],
            str(record.get("owner") or ""),
            str(record.get("note") or ""),
        )
        plan[segment.segment] = segment
    missing = [s for s in SEGMENTS if s not in plan]
    if missing:
        raise KlantlibError("error.plan_missing", segments=missing)
    return plan


def plan_hours(segmented: pd.DataFrame, plan: Mapping[str, SegmentPlan]) -> pd.DataFrame:
    """Per segment: customers, hours the plan needs, hours spent today (where ``hours`` is
    known; NaN without), the hours the plan frees (today − plan, on the customers whose hours
    are known), revenue, share of revenue, share of today's hours and share of the plan's.

    With an ``account_manager`` column the same per account manager and segment follows in
    :func:`plan_hours_by_manager`.
    """
    segment = pd.Categorical(segmented["segment"].astype(str), categories=list(SEGMENTS))
    per_customer = pd.Series({s: plan[s].hours_per_customer for s in SEGMENTS})
    needed = segment.map(per_customer.to_dict()).astype(float)
    frame = pd.DataFrame(
        {
            "segment": segment,
            "revenue": segmented["revenue"].to_numpy(float),
            # in the shares a customer with more credit notes than invoices counts as 0
            "revenue_positive": segmented["revenue"].to_numpy(float).clip(min=0),
            "plan_hours": np.asarray(needed, dtype=float),
            "hours": (
                segmented["hours"].to_numpy(float)
                if "hours" in segmented.columns
                else np.full(len(segmented), np.nan)
            ),
        }
    )
    known = ~np.isnan(frame["hours"].to_numpy())
    frame["plan_hours_known"] = np.where(known, frame["plan_hours"], 0.0)
    grouped = frame.groupby("segment", observed=False)
    table = pd.DataFrame(
        {
            "customers": grouped.size().astype("int64"),
            "plan_hours": grouped["plan_hours"].sum(),
            "hours_today": grouped["hours"].sum(min_count=1),
            "revenue": grouped["revenue"].sum(),
        }
    )
    table["hours_freed"] = table["hours_today"] - grouped["plan_hours_known"].sum()
    revenue = grouped["revenue_positive"].sum()
    table["revenue_share"] = revenue / revenue.sum() if revenue.sum() else 0.0
    today = table["hours_today"]
    table["hours_share_today"] = today / today.sum() if today.sum() else np.nan
    table["plan_hours_share"] = (
        table["plan_hours"] / table["plan_hours"].sum() if table["plan_hours"].sum() else np.nan
    )
    table.index = pd.Index(list(SEGMENTS), name="segment")
    return table


def plan_hours_by_manager(segmented: pd.DataFrame, plan: Mapping[str, SegmentPlan]) -> pd.DataFrame:
    """Hours the plan needs and hours spent today per account manager (rows) and in total;
    empty when the customers have no ``account_manager``."""
    if "account_manager" not in segmented.columns:
        return pd.DataFrame(columns=["plan_hours", "hours_today", "hours_freed"])
    per_customer = {s: plan[s].hours_per_customer for s in SEGMENTS}
    frame = pd.DataFrame(
        {
            "manager": _managers(segmented),
            "plan_hours": segmented["segment"].astype(str).map(per_customer).astype(float),
            "hours": (segmented["hours"].astype(float) if "hours" in segmented.columns else np.nan),
        }
    )
    grouped = frame.groupby("manager", sort=True)
    table = pd.DataFrame(
        {
            "plan_hours": grouped["plan_hours"].sum(),
            "hours_today": grouped["hours"].sum(min_count=1),
        }
    )
    table["hours_freed"] = table["hours_today"] - table["plan_hours"]
    table.index.name = "account_manager"
    return table


def segments_by_manager(segmented: pd.DataFrame) -> pd.DataFrame:
    """Per account manager (rows, by name; the customers without one as ``—``): how many
    customers in A, B and C, in ``total``, how many of them have their hours known
    (``customers_with_hours``) and the sum of those hours (``hours_today``, NaN when none is
    known). Empty, with these columns, when the customers have no ``account_manager``."""
    if "account_manager" not in segmented.columns:
        empty = {c: pd.Series(dtype="int64") for c in BY_MANAGER_COLUMNS}
        empty["hours_today"] = pd.Series(dtype="float64")
        return pd.DataFrame(empty, index=pd.Index([], dtype="str", name="account_manager"))
    segment = segmented["segment"].astype(str).to_numpy(object)
    frame = pd.DataFrame(
        {
            "manager": _managers(segmented).to_numpy(object),
            **{s: (segment == s).astype("int64") for s in SEGMENTS},
            "hours": (
                segmented["hours"].to_numpy(float)
                if "hours" in segmented.columns
                else np.full(len(segmented), np.nan)
            ),
        }
    )
    grouped = frame.groupby("manager", sort=True)
    table = grouped[list(SEGMENTS)].sum().astype("int64")
    table["total"] = grouped.size().astype("int64")
    table["customers_with_hours"] = grouped["hours"].count().astype("int64")
    table["hours_today"] = grouped["hours"].sum(min_count=1).astype("float64")
    table.index = pd.Index(table.index.astype("str"), name="account_manager")
    table.columns = pd.Index(BY_MANAGER_COLUMNS)
    return table


def _managers(segmented: pd.DataFrame) -> pd.Series:
    """Each customer's account manager, :data:`NO_MANAGER` for a customer without one."""
    return segmented["account_manager"].fillna("").astype(str).replace("", NO_MANAGER)


def plan_notices(hours: pd.DataFrame) -> list[Notice]:
    """Warnings on a plan's hours (from :func:`plan_hours`): more hours than spent today,
    most customers in A."""
    found = []
    today = hours["hours_today"].sum(min_count=1)
    needed = float(hours["plan_hours"].sum())
    if pd.notna(today) and needed > today:
        found.append(
            Notice("warning.plan_more_hours", {"needed": round(needed), "today": round(today)})
        )
    total = int(hours["customers"].sum())
    in_a = int(hours.loc["A", "customers"])
    if total and in_a / total > MOST_IN_A:
        found.append(Notice("warning.plan_most_in_a", {"count": in_a, "total": total}))
    return found


def favourites_by_segment(
    segmented: pd.DataFrame, favourites: Mapping[str, set[str]]
) -> pd.DataFrame:
    """Where the favourites land: per participant (rows) how many of their favourite
    customers are in A, B and C, and in total."""
    segment_of = dict(
        zip(segmented["customer_id"].astype(str), segmented["segment"].astype(str), strict=True)
    )
    rows = {}
    for participant, ids in favourites.items():
        counts = pd.Series([segment_of.get(str(c)) for c in ids], dtype=object).value_counts()
        rows[participant] = [int(counts.get(s, 0)) for s in SEGMENTS]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=list(SEGMENTS))
    table["total"] = table.sum(axis=1) if len(table) else pd.Series(dtype="int64")
    table.index.name = "participant"
    return table
