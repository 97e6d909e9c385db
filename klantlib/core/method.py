"""The whole method in one call: customers and answers in, segments and summary out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from klantlib.core.bands import (
    Thresholds,
    assign_bands,
    empty_band_notices,
    suggest_cumulative_share,
)
from klantlib.core.customers import customer_table
from klantlib.core.questions import QUESTIONS, answer_table, match_answers, max_score
from klantlib.core.segments import SegmentGrid, assign_segments, segment_summary
from klantlib.errors import Notice

__all__ = ["Segmentation", "segment_customers"]

SEGMENT_COLUMNS: tuple[str, ...] = (
    "customer_id",
    "name",
    "revenue",
    "band",
    "score",
    "open",
    "segment",
)


@dataclass(frozen=True)
class Segmentation:
    """The outcome of the method for one set of customers and answers.

    ``customers`` holds every customer with band, answers, score, open questions and segment,
    largest revenue first (together, the reason for the segment:
    :func:`klantlib.reports.reasons.segment_reasons` says it in a language). ``notices`` are
    warnings to show (empty bands, a risky grid, answers for unknown customers);
    ``stray_answer_ids`` lists those unknown ids. ``set_aside`` lists the customers nobody
    has answered yet that are left to the account managers (with a room's list): they keep a
    row in ``customers`` but are never counted as scored — not in :attr:`summary`, not in
    :attr:`scored`, and the matrix draws them apart.
    """

    customers: pd.DataFrame
    thresholds: Thresholds
    thresholds_suggested: bool
    grid: SegmentGrid
    notices: list[Notice] = field(default_factory=list)
    stray_answer_ids: list[str] = field(default_factory=list)
    set_aside: tuple[str, ...] = ()

    @property
    def segments(self) -> pd.DataFrame:
        """The segment table: id, name, revenue, band, score, open, segment."""
        return self.customers[list(SEGMENT_COLUMNS)]

    @property
    def scored(self) -> pd.DataFrame:
        """The customers with a place in the matrix: all but those set aside."""
        if not self.set_aside:
            return self.customers
        aside = self.customers["customer_id"].astype(str).isin(set(self.set_aside))
        return self.customers[~aside.to_numpy()]

    @property
    def open_customers(self) -> int:
        """How many scored customers still have at least one question not known yet."""
        return int((self.scored["open"] > 0).sum())

    @property
    def summary(self) -> pd.DataFrame:
        """Per segment: customers, revenue, share of revenue (and hours where known), over
        the scored customers."""
        return segment_summary(self.scored)


def segment_customers(
    customers: pd.DataFrame,
    answers: pd.DataFrame | None = None,
    *,
    thresholds: Thresholds | tuple[float, float] | None = None,
    grid: SegmentGrid | None = None,
    weights: Mapping[str, int] | None = None,
) -> Segmentation:
    """Run the method: canonical table, bands, answers, score and segment.

    Without ``thresholds`` the 80/15/5 cumulative-share suggestion is used (and
    ``thresholds_suggested`` is true). Without ``answers`` every question is unknown.
    ``weights`` (per question, default all 1) make the score the sum of the weights of the
    yes answers; the grid must then have a column per score (the default grid follows).
    Neither input DataFrame is changed.
    """
    table = customer_table(customers)
    if thresholds is None:
        chosen, suggested = suggest_cumulative_share(table), True
    else:
        chosen = thresholds if isinstance(thresholds, Thresholds) else Thresholds(*thresholds)
        suggested = False
    grid = grid or SegmentGrid.default(max_score(weights))
    banded = assign_bands(table, chosen)
    notices = empty_band_notices(banded) + grid.notices()
    if answers is None:
        answers = pd.DataFrame({"customer_id": table["customer_id"]})
    answered, stray = match_answers(banded, answer_table(answers))
    if stray:
        notices.append(
            Notice("notice.unknown_answer_ids", {"count": len(stray), "ids": stray[:10]})
        )
    segmented = assign_segments(answered, grid, weights=weights)
    ordered = [c for c in SEGMENT_COLUMNS if c in segmented.columns]
    rest = [c for c in segmented.columns if c not in ordered and c not in QUESTIONS]
    segmented = segmented[ordered + list(QUESTIONS) + rest]
    return Segmentation(segmented, chosen, suggested, grid, notices, stray)
