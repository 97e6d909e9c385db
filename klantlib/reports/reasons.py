"""Words for what the core keeps as data (edge): the names of bands and questions, and why —
a customer's segment and a customer's move — said in a language.

The core keeps reasons as data — a customer's band, score, segment and answers
(:func:`klantlib.core.segments.assign_segments`), a move's ``changes``
(:func:`klantlib.core.moves.compare_segments`) — and these functions make the sentences that
``segments.csv``, ``moves.csv``, the report and the notebooks show.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from klantlib.core.bands import BANDS
from klantlib.core.questions import QUESTIONS
from klantlib.i18n import text

__all__ = [
    "band_name",
    "move_reasons",
    "moves_with_reasons",
    "question_label",
    "question_text",
    "segment_reasons",
    "segments_in_words",
]


def band_name(band: str, lang: str | None = None) -> str:
    """``small`` -> ``klein`` / ``small``; a value that is no band stays as it is."""
    return text(f"band.{band}", lang) if band in BANDS else band


def question_label(question: str, lang: str | None = None) -> str:
    """The short name of a question: ``Marge`` (nl) or ``Margin`` (en)."""
    return text(f"question.{question}", lang)


def question_text(question: str, lang: str | None = None) -> str:
    """The question as it is put to the team."""
    return text(f"question.{question}.text", lang)


def segment_reasons(customers: pd.DataFrame, lang: str | None = None) -> pd.Series:
    """Per customer of a segmented table (``band``, ``score``, ``segment`` and the questions),
    its reason in one line: ``B: groot, 1× ja: Netwerk; open: Marge``. Same index."""
    labels = np.array([question_label(q, lang) for q in QUESTIONS])
    band_labels = {b: text(f"band.{b}", lang) for b in BANDS}
    answers = customers[list(QUESTIONS)].to_numpy()
    yes, unknown = answers == "yes", answers == "unknown"
    reasons = []
    for segment, band, score, yes_row, open_row in zip(
        customers["segment"],
        customers["band"].astype(str),
        customers["score"].to_numpy(),
        yes,
        unknown,
        strict=True,
    ):
        reason = text("reason", lang, segment=segment, band=band_labels[band], score=int(score))
        if yes_row.any():
            reason = text(
                "reason.yes_list", lang, reason=reason, questions=", ".join(labels[yes_row])
            )
        if open_row.any():
            reason = text("reason.open", lang, reason=reason, questions=", ".join(labels[open_row]))
        reasons.append(reason)
    return pd.Series(reasons, index=customers.index, dtype="string")


def segments_in_words(
    customers: pd.DataFrame, columns: Sequence[str], lang: str | None = None
) -> pd.DataFrame:
    """``columns`` of a segmented customer table with the band named and, last, each
    customer's ``reason`` said in ``lang``: as ``segments.csv``, the workbook and the notebooks
    show them."""
    table = customers[list(columns)].copy()
    table["band"] = table["band"].astype(str).map(lambda b: band_name(b, lang))
    table["reason"] = segment_reasons(customers, lang)
    return table


def move_reasons(moves: pd.DataFrame, lang: str | None = None) -> pd.Series:
    """Per move of :func:`klantlib.core.moves.compare_segments`, why: "new customer", "no
    longer in the list", or what changed ("band klein → middel; Marge nee → ja"). Same index."""
    reasons = [
        _move_reason(str(was), str(now), changes, lang)
        for was, now, changes in zip(
            moves["from_segment"].fillna(""),
            moves["to_segment"].fillna(""),
            moves["changes"],
            strict=True,
        )
    ]
    return pd.Series(reasons, index=moves.index, dtype="string")


def moves_with_reasons(moves: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The moves with each customer's ``changes`` said as a ``reason`` in ``lang``: as
    ``moves.csv`` holds them and the notebooks show them."""
    table = moves.drop(columns="changes")
    table["reason"] = move_reasons(moves, lang)
    return table


def _move_reason(
    was: str, now: str, changes: tuple[tuple[str, str, str], ...], lang: str | None
) -> str:
    if not was:
        return text("moves.new", lang)
    if not now:
        return text("moves.lost", lang)
    parts = [
        text("moves.band", lang, before=band_name(before, lang), after=band_name(after, lang))
        if what == "band"
        else text(
            "moves.answer",
            lang,
            question=text(f"question.{what}", lang),
            before=text(f"answer.{before}", lang),
            after=text(f"answer.{after}", lang),
        )
        for what, before, after in changes
    ]
    return "; ".join(parts) if parts else text("moves.other", lang)
