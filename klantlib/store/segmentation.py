"""A session's segmentation: the one path from what a session holds to the matrix (and the
suggestions its rules give).

Every route that shows or writes a session's segments — the command line (``segment
--session``, ``compare``), the notebooks, the answer form's overview, the report, the quarter
comparison and the headless run — calls :func:`segment_session`, so they cannot drift apart:
the same customers, thresholds (stored, else the 80/15/5 suggestion), grid and weights, and the
answers :func:`klantlib.core.consensus.whose_answers` picks — for the team, the one rule for
whose answer counts (:func:`klantlib.core.consensus.counted_answers`: the team's decision, else
what everyone who answered agrees on, else the account manager's own answer; answers that
differ are "to decide").
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from klantlib.core.bands import Thresholds
from klantlib.core.consensus import TEAM, CountedAnswers, counted_answers
from klantlib.core.method import Segmentation, segment_customers
from klantlib.core.questions import QUESTIONS
from klantlib.core.suggestions import suggest_answers
from klantlib.store.session import Session

__all__ = [
    "segment_session",
    "session_answers",
    "session_counted",
    "session_set_aside",
    "session_suggestions",
    "session_to_decide",
]


def session_answers(
    session: Session,
    participant: str | None = None,
    customers: pd.DataFrame | None = None,
    *,
    counted: CountedAnswers | None = None,
) -> pd.DataFrame | None:
    """The answer table the matrix uses for ``participant`` (or, without one, as
    :meth:`Session.whose_answers` picks); ``None`` when nobody answered yet. ``counted``:
    :func:`session_counted` when the caller has it already."""
    who = session.whose_answers(participant)
    if who is None:
        return None
    if who != TEAM:
        return session.answer_table(who)
    return (counted or session_counted(session, customers)).answers


def session_counted(session: Session, customers: pd.DataFrame | None = None) -> CountedAnswers:
    """The session's answers by the one rule for whose answer counts
    (:func:`klantlib.core.consensus.counted_answers`), with where each answer came from."""
    customers = session.customers() if customers is None else customers
    people = [p for p in session.participants() if p != TEAM]
    answers = {p: session.current(p) for p in people}
    return counted_answers(customers, answers, session.current(TEAM))


def session_to_decide(session: Session, customers: pd.DataFrame | None = None) -> pd.DataFrame:
    """The customers whose answers differ where the team has not decided
    (:meth:`CountedAnswers.to_decide`)."""
    customers = session.customers() if customers is None else customers
    return session_counted(session, customers).to_decide(customers)


def segment_session(
    session: Session,
    participant: str | None = None,
    *,
    thresholds: Thresholds | None = None,
) -> Segmentation:
    """The method run on ``session``: its customers, ``thresholds`` (else the stored ones, else
    the suggestion), grid and weights, with the answers :func:`session_answers` gives, and the
    customers :func:`session_set_aside` gives set aside."""
    customers = session.customers()
    who = session.whose_answers(participant)
    counted = session_counted(session, customers) if who == TEAM else None  # read once
    result = segment_customers(
        customers,
        session_answers(session, participant, customers, counted=counted),
        thresholds=thresholds or session.thresholds,
        grid=session.grid,
        weights=session.weights,
    )
    aside = _set_aside(session, who, customers, counted)
    return dataclasses.replace(result, set_aside=tuple(aside)) if aside else result


def session_suggestions(session: Session, customers: pd.DataFrame | None = None) -> pd.DataFrame:
    """What the data suggests for Marge and Cashflow, with the session's rules (its margin
    target and payment term); ``customers``: the session's table when the caller has read it."""
    return suggest_answers(
        session.customers() if customers is None else customers,
        margin_per_hour_target=session.margin_target,
        payment_term_days=session.payment_term,
    )


def session_set_aside(
    session: Session, participant: str | None = None, customers: pd.DataFrame | None = None
) -> list[str]:
    """The customers "for the account managers" that nobody has answered yet: with a room's
    list, those off the list without a single answer the matrix counts (by the rule of
    :func:`klantlib.core.consensus.counted_answers`; ``participant``'s when given, and while
    one person answers alone, theirs).
    The matrix leaves them out of its cells and says how many; empty without a room's list."""
    customers = session.customers() if customers is None else customers
    return _set_aside(session, session.whose_answers(participant), customers, None)


def _set_aside(
    session: Session, who: str | None, customers: pd.DataFrame, counted: CountedAnswers | None
) -> list[str]:
    """:func:`session_set_aside` for the answers of ``who`` (as :meth:`Session.whose_answers`
    gives it); ``counted``: the team's counted answers when the caller has them."""
    room = set(session.room_ids(customers))
    if not room:
        return []
    if who == TEAM:
        counted = counted or session_counted(session, customers)
        answered = set(counted.answers["customer_id"].astype(str)[counted.counts().any(axis=1)])
    elif who is not None:
        current = session.current(who)
        given = current[list(QUESTIONS)].notna().any(axis=1).to_numpy()
        answered = set(current["customer_id"].astype(str)[given])
    else:
        answered = set()
    ids = customers["customer_id"].astype(str)
    return [cid for cid in ids if cid not in room and cid not in answered]
