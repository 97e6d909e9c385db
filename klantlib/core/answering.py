"""One participant's answers over the customers, as the answer form works with them (core).

:class:`AnswerSheet` holds the customers (with their band), the participant's current values
per field, and the segment grid; it answers what the form asks — which customers pass the
filters, which is the next unanswered one, how far the team is, what the score and segment of
a customer are — without widgets or files. Large customer lists stay quick: values live in one
array per field, filters are array operations, and a change updates the counts of one customer.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from klantlib.core.bands import Thresholds, assign_bands
from klantlib.core.portfolios import manager_keys, person_key
from klantlib.core.questions import FIELDS, QUESTIONS, check_weights, max_score
from klantlib.core.segments import SegmentGrid

__all__ = ["AnswerSheet", "Progress", "SheetFilter"]


@dataclass(frozen=True)
class Progress:
    """How far a participant is: ``answered`` customers (all four questions have an answer,
    ``?`` included) out of ``total``; ``open`` of them have at least one ``?``."""

    answered: int
    open: int
    total: int


@dataclass(frozen=True)
class SheetFilter:
    """Which customers the form goes through: a band (``None``: all), only those not yet
    answered, only favourites, a piece of the name or id, only the room's list, and one
    account manager's portfolio (``None``: everyone's)."""

    band: str | None = None
    unanswered: bool = False
    favourites: bool = False
    search: str = ""
    to_confirm: bool = False
    room: bool = False
    manager: str | None = None


class AnswerSheet:
    """The customers in order and one participant's current value of every field."""

    def __init__(
        self,
        customers: pd.DataFrame,
        current: pd.DataFrame,
        *,
        thresholds: Thresholds,
        grid: SegmentGrid,
        weights: Mapping[str, int] | None = None,
    ) -> None:
        banded = assign_bands(customers, thresholds)
        self.customers = banded.reset_index(drop=True)
        self.thresholds = thresholds
        self.weights = check_weights(weights)
        self.max_score = max_score(self.weights)
        self.grid = grid
        self.ids = self.customers["customer_id"].astype(str).to_numpy()
        self.position = {cid: i for i, cid in enumerate(self.ids)}
        self.bands = self.customers["band"].astype(str).to_numpy()
        # for the search: names without case, and ids, as numpy text arrays
        self._names = self.customers["name"].astype(str).str.casefold().to_numpy(dtype=str)
        self._id_text = self.ids.astype(str)
        size = len(self.ids)
        self.values: dict[str, np.ndarray] = {f: np.full(size, None, dtype=object) for f in FIELDS}
        if len(current):
            rows = np.array([self.position.get(str(c), -1) for c in current["customer_id"]])
            known = rows >= 0
            for field in FIELDS:
                column = current[field].astype(object).to_numpy()[known]
                column = np.where(pd.isna(column), None, column)
                self.values[field][rows[known]] = column
        self._answered = self._answered_mask()
        self._open = self._open_mask()
        self.to_confirm = np.zeros(size, dtype=bool)  # carried from last quarter, unconfirmed
        self.new = np.zeros(size, dtype=bool)  # new in the list this quarter
        self.in_room = np.zeros(size, dtype=bool)  # on the room's list
        self._managers = manager_keys(self.customers)  # account managers, as compared

    def set_room(self, ids: Collection[str]) -> None:
        """The customers on the room's list (ids)."""
        self.in_room = np.isin(self.ids, list(ids))

    def mark(
        self, *, to_confirm: Collection[str] = frozenset(), new: Collection[str] = frozenset()
    ) -> None:
        """Flag customers carried from last quarter (to confirm) and customers new in the list."""
        self.to_confirm = np.isin(self.ids, list(to_confirm))
        self.new = np.isin(self.ids, list(new))

    # ---- one customer

    def __len__(self) -> int:
        return len(self.ids)

    def value(self, position: int, field: str) -> str | None:
        return self.values[field][position]

    def set(self, position: int, field: str, value: str | None) -> None:
        """Take a value the store has saved (the sheet itself stores nothing)."""
        self.values[field][position] = value
        if field in QUESTIONS:
            answers = [self.values[q][position] for q in QUESTIONS]
            self._answered[position] = all(a is not None for a in answers)
            self._open[position] = self._answered[position] and "unknown" in answers

    def score(self, position: int) -> int:
        """Yes answers so far, each counted with its question's weight (``?`` and unanswered
        count as no yes)."""
        return sum(self.weights[q] for q in QUESTIONS if self.values[q][position] == "yes")

    def missing(self, position: int) -> int:
        """Questions without an answer yet (``?`` is an answer)."""
        return sum(self.values[q][position] is None for q in QUESTIONS)

    def segment(self, position: int) -> str:
        """The segment the customer is in with its answers so far."""
        return self.grid.segment(self.bands[position], self.score(position))

    # ---- the whole sheet

    def progress(self, among: np.ndarray | None = None) -> Progress:
        """How far the participant is over every customer, or over the positions ``among``."""
        if among is None:
            return Progress(int(self._answered.sum()), int(self._open.sum()), len(self.ids))
        answered, open_ = self._answered[among], self._open[among]
        return Progress(int(answered.sum()), int(open_.sum()), len(among))

    def portfolio(self, manager: str) -> np.ndarray:
        """Positions of ``manager``'s customers (their account manager), in customer order."""
        return np.flatnonzero(self._in_portfolio(manager))

    def matching(self, sheet_filter: SheetFilter) -> np.ndarray:
        """Positions of the customers that pass ``sheet_filter``, in customer order."""
        keep = np.ones(len(self.ids), dtype=bool)
        if sheet_filter.band is not None:
            keep &= self.bands == sheet_filter.band
        if sheet_filter.unanswered:
            keep &= ~self._answered
        if sheet_filter.favourites:
            keep &= self.values["favourite"] == "yes"
        if sheet_filter.to_confirm:
            keep &= self.to_confirm
        if sheet_filter.room:
            keep &= self.in_room
        if sheet_filter.manager is not None:
            keep &= self._in_portfolio(sheet_filter.manager)
        if sheet_filter.search.strip():
            needle = sheet_filter.search.strip().casefold()
            found = np.char.find(self._names, needle) >= 0
            found |= np.char.find(self._id_text, needle) >= 0
            keep &= found
        return np.flatnonzero(keep)

    def is_answered(self, position: int) -> bool:
        """Whether the customer has all four answers (``?`` counts as an answer)."""
        return bool(self._answered[position])

    def next_unanswered(self, after: int, among: np.ndarray | None = None) -> int | None:
        """The first customer after ``after`` (then from the top) without all four answers,
        among the positions ``among`` (default: all); ``None`` when every one is answered."""
        positions = np.arange(len(self.ids)) if among is None else among
        open_ = positions[~self._answered[positions]]
        if not open_.size:
            return None
        later = open_[open_ > after]
        return int(later[0]) if later.size else int(open_[0])

    def facts(self, position: int) -> Mapping[str, Any]:
        """What the data knows of the customer: its row as a mapping."""
        return self.customers.iloc[position].to_dict()

    # ---- inside

    def _in_portfolio(self, manager: str) -> np.ndarray:
        """Per customer: whether ``manager`` is its account manager."""
        if self._managers is None:
            return np.zeros(len(self.ids), dtype=bool)
        return self._managers == person_key(manager)

    def _answered_mask(self) -> np.ndarray:
        mask = np.ones(len(self.ids), dtype=bool)
        for question in QUESTIONS:
            mask &= self.values[question] != None  # noqa: E711  (element-wise)
        return mask

    def _open_mask(self) -> np.ndarray:
        unknown = np.zeros(len(self.ids), dtype=bool)
        for question in QUESTIONS:
            unknown |= self.values[question] == "unknown"
        return self._answered & unknown
