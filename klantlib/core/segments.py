"""The segment grid (band × score → A/B/C), each customer's segment, the summary.

A customer's reason is not a sentence here: its band, score, segment and answers are the
reason, and an edge (:func:`klantlib.reports.reasons.segment_reasons`) says it in a language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from klantlib.core.bands import BANDS
from klantlib.core.questions import QUESTIONS, max_score, score
from klantlib.errors import InputError, KlantlibError, Notice

__all__ = [
    "SCORES",
    "SEGMENTS",
    "SegmentGrid",
    "assign_segments",
    "segment_summary",
]

SEGMENTS: tuple[str, ...] = ("A", "B", "C")
"""Segments, best first."""

SCORES: tuple[int, ...] = (0, 1, 2, 3, 4)
"""The possible scores: the number of yes answers."""

_RANK = {"A": 2, "B": 1, "C": 0}


@dataclass(frozen=True)
class SegmentGrid:
    """Which segment each cell of band × score gets.

    ``cells[band]`` is a string of five letters, one per score 0..4, e.g. the default
    ``{"small": "CCCCB", "medium": "CCBBA", "large": "BBAAA"}``. With weights per question
    the score runs from 0 to ``max_score`` (the sum of the weights) and each row has
    ``max_score + 1`` letters.
    """

    cells: Mapping[str, str]
    max_score: int = len(SCORES) - 1

    def __post_init__(self) -> None:
        bands = list(self.cells)
        width = self.max_score + 1
        if sorted(bands) != sorted(BANDS) or any(len(self.cells[b]) != width for b in bands):
            shape = {str(b): len(str(v)) for b, v in self.cells.items()}
            raise InputError([Notice("error.grid_shape", {"shape": shape})])
        problems = [
            Notice(
                "error.grid_cell",
                {"band": Notice(f"band.{band}"), "score": s, "value": self.cells[band][s]},
            )
            for band in BANDS
            for s in self.scores
            if self.cells[band][s] not in SEGMENTS
        ]
        if problems:
            raise InputError(problems)
        object.__setattr__(self, "cells", {band: self.cells[band] for band in BANDS})

    @property
    def scores(self) -> range:
        """The scores the grid has a column for: 0 to ``max_score``."""
        return range(self.max_score + 1)

    @classmethod
    def default(cls, max_score: int = len(SCORES) - 1) -> SegmentGrid:
        """Points = 2 × band index + score; A from 6 points, B from 4, else C.

        On another score scale (weights) the score counts in proportion: points = 2 × band
        index + 4 × score / ``max_score``, so the plain scale gives the article's grid."""
        full = len(SCORES) - 1
        return cls.from_points(
            lambda band_index, s: 2 * band_index + full * s / max_score,
            a_from=6,
            b_from=4,
            max_score=max_score,
        )

    @classmethod
    def from_points(
        cls,
        points: Callable[[int, int], float],
        *,
        a_from: float,
        b_from: float,
        max_score: int = len(SCORES) - 1,
    ) -> SegmentGrid:
        """A grid from a points rule ``points(band_index, score)`` and two cut-offs."""

        def letter(p: float) -> str:
            return "A" if p >= a_from - 1e-9 else "B" if p >= b_from - 1e-9 else "C"

        cells = {
            b: "".join(letter(points(i, s)) for s in range(max_score + 1))
            for i, b in enumerate(BANDS)
        }
        return cls(cells, max_score)

    @classmethod
    def from_rows(
        cls,
        rows: Sequence[Sequence[str]] | Mapping[str, Sequence[str]],
        *,
        max_score: int = len(SCORES) - 1,
    ) -> SegmentGrid:
        """A grid from three rows (small, medium, large) of five letters (``max_score + 1``
        with weights); case and spaces free.

        Rows may be strings (``"CCCCB"``), lists of letters, or a mapping band -> row.
        """
        items = rows.items() if isinstance(rows, Mapping) else zip(BANDS, rows, strict=False)
        cells = {
            str(band): "".join(str(c).strip().upper() for c in row if str(c).strip())
            for band, row in items
        }
        if not isinstance(rows, Mapping) and len(rows) != len(BANDS):
            raise InputError([Notice("error.grid_shape", {"shape": len(rows)})])
        return cls(cells, max_score)

    def segment(self, band: str, score: int) -> str:
        """The segment for a customer in ``band`` with ``score`` yes answers."""
        return self.cells[band][score]

    def to_frame(self) -> pd.DataFrame:
        """The grid as a table: bands as rows (large on top), scores 0..4 as columns."""
        return pd.DataFrame(
            [list(self.cells[b]) for b in reversed(BANDS)],
            index=pd.Index(list(reversed(BANDS)), name="band"),
            columns=pd.Index(list(self.scores), name="score"),
        )

    def notices(self) -> list[Notice]:
        """Warnings for a grid that a team may regret: large in C, or a step that lowers."""
        found: list[Notice] = []
        for s in self.scores:
            if self.cells["large"][s] == "C":
                found.append(Notice("warning.grid_large_in_c", {"score": s}))
        for band in BANDS:
            row = self.cells[band]
            for s in self.scores[:-1]:
                if _RANK[row[s + 1]] < _RANK[row[s]]:
                    found.append(
                        Notice(
                            "warning.grid_right_lowers",
                            {
                                "band": Notice(f"band.{band}"),
                                "here": row[s],
                                "there": row[s + 1],
                                "score": s,
                                "next": s + 1,
                            },
                        )
                    )
        for lower, upper in zip(BANDS, BANDS[1:], strict=False):
            for s in self.scores:
                here, there = self.cells[lower][s], self.cells[upper][s]
                if _RANK[there] < _RANK[here]:
                    found.append(
                        Notice(
                            "warning.grid_up_lowers",
                            {
                                "score": s,
                                "here": here,
                                "there": there,
                                "band": Notice(f"band.{lower}"),
                                "upper": Notice(f"band.{upper}"),
                            },
                        )
                    )
        return found


def assign_segments(
    answered: pd.DataFrame,
    grid: SegmentGrid | None = None,
    *,
    weights: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """A copy of banded, answered customers with ``score``, ``open`` and ``segment``.

    ``answered`` has a ``band`` column and one column per question (yes/no/unknown).
    ``open`` counts the questions still unknown. Band, score, segment and the answers are
    the customer's reason; :func:`klantlib.reports.reasons.segment_reasons` says it in one
    line: ``B: groot, 1× ja: Netwerk; open: Marge``.
    """
    most = max_score(weights)
    grid = grid or SegmentGrid.default(most)
    if grid.max_score != most:
        raise KlantlibError("error.grid_weights", grid=grid.max_score, score=most)
    result = answered.copy()
    result["score"] = score(result, weights)
    result["open"] = (result[list(QUESTIONS)] == "unknown").sum(axis=1).astype("int64")
    bands = result["band"].astype(str).to_numpy()
    scores = result["score"].to_numpy()
    result["segment"] = pd.Series(
        [grid.segment(b, int(s)) for b, s in zip(bands, scores, strict=True)],
        index=result.index,
        dtype="string",
    )
    return result


def segment_summary(segmented: pd.DataFrame) -> pd.DataFrame:
    """Per segment A, B, C: customers, revenue and share of revenue.

    When an ``hours`` column has known values, also hours, share of hours and revenue per
    hour (revenue of the customers whose hours are known, divided by those hours).
    """
    segment = pd.Categorical(segmented["segment"].astype(str), categories=list(SEGMENTS))
    grouped = segmented.groupby(segment, observed=False)
    summary = pd.DataFrame(
        {
            "customers": grouped.size().astype("int64"),
            "revenue": grouped["revenue"].sum().astype("float64"),
        }
    )
    total = summary["revenue"].sum()
    summary["revenue_share"] = summary["revenue"] / total if total else 0.0
    if "hours" in segmented.columns and segmented["hours"].notna().any():
        known = segmented["hours"].notna()
        hours = grouped["hours"].sum(min_count=1).astype("float64")
        revenue_known = segmented["revenue"].where(known).groupby(segment, observed=False).sum()
        summary["hours"] = hours.fillna(0.0)
        summary["hours_share"] = summary["hours"] / summary["hours"].sum()
        summary["revenue_per_hour"] = (revenue_known / hours).astype("float64")
    summary.index = pd.Index(list(SEGMENTS), name="segment")
    return summary
