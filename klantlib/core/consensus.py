"""A team that answers apart and decides together: comparing answers, the team answer (core).

Each participant answers the four questions alone; the facilitator then looks at the answers
side by side and records the team's answer, which is what the matrix uses. These functions take
the answers as tables and give tables back — no files, no widgets:

- :func:`compare_answers`: per customer and question, every participant's answer, whether they
  agree, the majority and the team answer so far; disagreements first ("discuss these").
- :func:`agreed_answers`: the team answers one click can take over — where everyone who
  answered gave the same answer and the team has not decided otherwise.
- :func:`counted_answers`: the one rule for whose answer counts — the team's where the room
  decided, else what everyone who answered agrees on, else the account manager's own answer;
  answers that differ without a team decision are "to decide", never resolved by picking a
  side. :func:`team_answers` gives its answers; :func:`whose_answers` says whether the matrix
  uses those or one participant's.
- :func:`agreement`: per participant and question, how often they say yes next to the team, and
  how often they give the team's answer — who is the optimist in the room.

An answer is ``yes``, ``no`` or ``unknown`` (``?``); ``None`` means not answered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from klantlib.core.portfolios import manager_keys, person_key
from klantlib.core.questions import ANSWERS, QUESTIONS
from klantlib.errors import KlantlibError

__all__ = [
    "COUNTED_SOURCES",
    "SOURCES",
    "TEAM",
    "CountedAnswers",
    "agreed_answers",
    "agreement",
    "compare_answers",
    "counted_answers",
    "majority",
    "team_answers",
    "whose_answers",
]

TEAM = "team"
"""The participant name under which the team answer is stored."""

_RESERVED = {"customer_id", "name", "question", "answered", "agree", "disagree", "majority", TEAM}


def whose_answers(participants: Sequence[str], participant: str | None = None) -> str | None:
    """Whose answers the matrix uses: ``participant`` when given; else, with several
    participants or a team answer, :data:`TEAM` (the rule of :func:`counted_answers`); else
    the only participant's, all of them (``None``: nobody answered yet)."""
    if participant:
        return participant
    if TEAM in participants or len(participants) > 1:
        return TEAM
    return participants[0] if participants else None


def counted_answers(
    customers: pd.DataFrame, answers: Mapping[str, pd.DataFrame], team: pd.DataFrame | None
) -> CountedAnswers:
    """The one rule for whose answer counts, per customer and question:

    1. the team's answer where the room decided (``team``);
    2. else, when at least two people answered and all gave the same answer, that answer;
    3. else, when only the customer's account manager answered, the account manager's answer
       (``customers["account_manager"]``, matched with the participant's name without case or
       extra spaces);
    4. else nothing counts: answers that differ are **to decide** (listed, never resolved by
       picking a side), one answer by someone else than the account manager waits for more,
       and a question nobody answered stays open. All three count as ``unknown`` (``?``).

    ``answers`` maps a participant to their current answers (``customer_id`` and the question
    columns; missing or ``None`` = not answered; a :data:`TEAM` entry is left out), ``team``
    holds the team's answers in the same shape. One row per customer in ``customers``' order.
    """
    ids = customers["customer_id"].astype(str).tolist()
    people = [p for p in answers if p != TEAM]
    managers = manager_keys(customers)
    values: dict[str, np.ndarray] = {}
    sources: dict[str, np.ndarray] = {}
    for question in QUESTIONS:
        decided = _column(team, ids, question)
        given = [_column(answers[p], ids, question) for p in people]
        count = np.zeros(len(ids), dtype=int)
        seen = {answer: np.zeros(len(ids), dtype=bool) for answer in ANSWERS}
        own = np.full(len(ids), None, dtype=object)  # the account manager's answer
        for person, column in zip(people, given, strict=True):
            answered = column != None  # noqa: E711 (element-wise)
            count += answered
            for answer, mask in seen.items():
                mask |= column == answer
            if managers is not None:
                theirs = managers == person_key(person)
                own[theirs] = column[theirs]
        distinct = sum(mask.astype(int) for mask in seen.values())
        single = np.full(len(ids), None, dtype=object)
        for answer, mask in seen.items():
            single[mask & (distinct == 1)] = answer
        has_team = decided != None  # noqa: E711
        agreed = ~has_team & (distinct == 1) & (count >= 2)
        by_manager = ~has_team & (count == 1) & (own != None)  # noqa: E711
        to_decide = ~has_team & (distinct > 1)
        lone = ~has_team & (count == 1) & ~by_manager
        values[question] = np.select(
            [has_team, agreed, by_manager], [decided, single, own], default="unknown"
        )
        sources[question] = np.select(
            [has_team, agreed, by_manager, to_decide, lone],
            ["team", "agreed", "account_manager", "to_decide", "one_answer"],
            default="open",
        )
    frame = {"customer_id": pd.array(ids, dtype="string")}
    return CountedAnswers(
        pd.DataFrame({**frame, **{q: pd.array(values[q], dtype="string") for q in QUESTIONS}}),
        pd.DataFrame({**frame, **{q: pd.array(sources[q], dtype="string") for q in QUESTIONS}}),
    )


def team_answers(
    customers: pd.DataFrame, answers: Mapping[str, pd.DataFrame], team: pd.DataFrame | None
) -> pd.DataFrame:
    """The answers the matrix uses for the team: :func:`counted_answers`' ``answers``
    (``customer_id`` and the four questions, ``unknown`` where nothing counts)."""
    return counted_answers(customers, answers, team).answers


@dataclass(frozen=True)
class CountedAnswers:
    """What :func:`counted_answers` gives: ``answers`` (the value that counts per customer and
    question, ``unknown`` where nothing does) and ``sources`` (per customer and question, which
    part of the rule gave it: one of :data:`SOURCES`), both with ``customer_id`` first."""

    answers: pd.DataFrame
    sources: pd.DataFrame

    def counts(self) -> np.ndarray:
        """Per customer (rows, in order) and question (columns): whether an answer counts
        (the team's, an agreed one or the account manager's)."""
        return np.isin(self.sources[list(QUESTIONS)].to_numpy(dtype=object), COUNTED_SOURCES)

    def to_decide(self, customers: pd.DataFrame) -> pd.DataFrame:
        """The customers whose answers differ on some question the team has not decided:
        ``customer_id``, ``name``, ``account_manager`` (when known) and ``questions`` (the
        questions to decide, in the method's order), in ``customers``' order."""
        marks = self.sources[list(QUESTIONS)].to_numpy(dtype=object) == "to_decide"
        rows = np.flatnonzero(marks.any(axis=1))
        table = customers.iloc[rows].reset_index(drop=True)
        picked = [c for c in ("customer_id", "name", "account_manager") if c in table.columns]
        table = table[picked].copy()
        table["customer_id"] = table["customer_id"].astype("string")
        table["questions"] = [
            [q for q, on in zip(QUESTIONS, marks[row], strict=True) if on] for row in rows
        ]
        return table


SOURCES: tuple[str, ...] = (
    "team",
    "agreed",
    "account_manager",
    "to_decide",
    "one_answer",
    "open",
)
"""Which part of the rule gave an answer (:func:`counted_answers`): the first three count,
the last three leave the question ``unknown``."""
COUNTED_SOURCES: tuple[str, ...] = SOURCES[:3]
"""The parts of the rule whose answer counts."""


def _column(table: pd.DataFrame | None, ids: list[str], question: str) -> np.ndarray:
    """One question of a wide answers table in ``ids`` order (object: ``None`` = not answered)."""
    if table is None or not len(table) or question not in table.columns:
        return np.full(len(ids), None, dtype=object)
    column = pd.Series(
        table[question].astype(object).to_numpy(),
        index=table["customer_id"].astype(str).to_numpy(),
    )
    column = column[~column.index.duplicated(keep="last")].reindex(ids)
    values = column.to_numpy(dtype=object, copy=True)
    values[pd.isna(values)] = None
    return values


def majority(answers: Sequence[str | None]) -> str | None:
    """The answer more than half of the given answers share; ``None`` without one (a tie, or
    nobody answered). Not-answered (``None``) does not count."""
    given = [a for a in answers if a is not None]
    if not given:
        return None
    answer, count = Counter(given).most_common(1)[0]
    return answer if count * 2 > len(given) else None


def compare_answers(
    customers: pd.DataFrame,
    answers: Mapping[str, pd.DataFrame],
    team: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every participant's answer per customer and question, side by side.

    ``customers`` has ``customer_id`` and ``name`` in the order to show; ``answers`` maps a
    participant to their current answers (``customer_id`` and the question columns, missing or
    ``None`` = not answered); ``team`` holds the team answers so far in the same shape.

    One row per customer and question: ``customer_id``, ``name``, ``question``, one column per
    participant (in the order given), ``answered`` (how many answered), ``agree`` (all who
    answered gave the same answer, and at least two answered), ``disagree`` (two different
    answers), ``majority`` and ``team``. Rows of customers with a disagreement come first, then
    the rest, each in customer order (questions in the method's order).
    """
    clash = sorted(set(answers) & _RESERVED)
    if clash:
        raise KlantlibError("error.participant_reserved", names=clash)
    ids = customers["customer_id"].astype(str).tolist()
    frame = pd.DataFrame(
        {
            "customer_id": np.repeat(ids, len(QUESTIONS)),
            "name": np.repeat(customers["name"].astype(str).tolist(), len(QUESTIONS)),
            "question": QUESTIONS * len(ids),
        }
    )
    people = list(answers)
    # object columns: "not answered" stays None (a text column would make it NaN)
    for person in people:
        frame[person] = pd.Series(_long(answers[person], ids), dtype=object)
    frame["team"] = pd.Series(_long(team, ids), dtype=object)
    given = frame[people].to_numpy(dtype=object) if people else np.empty((len(frame), 0))
    frame["answered"] = (given != None).sum(axis=1).astype(int)  # noqa: E711 (element-wise)
    distinct = [len({a for a in row if a is not None}) for row in given]
    frame["disagree"] = np.array(distinct) > 1
    frame["agree"] = (np.array(distinct) == 1) & (frame["answered"].to_numpy() >= 2)
    frame["majority"] = pd.Series([majority(list(row)) for row in given], dtype=object)
    order = pd.Series(range(len(ids)), index=ids)
    customer_disagrees = frame.groupby("customer_id")["disagree"].transform("any")
    frame["_first"] = ~customer_disagrees
    frame["_order"] = frame["customer_id"].map(order)
    frame["_q"] = frame["question"].map({q: i for i, q in enumerate(QUESTIONS)})
    frame = frame.sort_values(["_first", "_order", "_q"], kind="stable")
    columns = ["customer_id", "name", "question", *people, "answered", "agree", "disagree"]
    return frame[[*columns, "majority", "team"]].reset_index(drop=True)


def agreed_answers(compared: pd.DataFrame) -> list[tuple[str, str, str]]:
    """``(customer_id, question, answer)`` for every row where everyone who answered agrees
    (two or more) and the team answer is still open or different: what "take over all agreed
    answers" stores."""
    rows = compared[compared["agree"]]
    people = _people(compared)
    changes = []
    for row in rows.to_dict("records"):
        answer = next(row[p] for p in people if row[p] is not None)
        if row["team"] != answer:
            changes.append((str(row["customer_id"]), str(row["question"]), answer))
    return changes


def agreement(compared: pd.DataFrame) -> pd.DataFrame:
    """Per participant and question: how many answers they gave, their share of yes, the
    team's share of yes on the same customers, and how often their answer is the team's.

    Only customers with a team answer count for the comparison columns; a share is NaN when
    there is nothing to count. A final row per participant (question ``all``) sums the four.
    """
    people = _people(compared)
    rows = []
    for person in people:
        for question in (*QUESTIONS, "all"):
            part = compared if question == "all" else compared[compared["question"] == question]
            mine = part[person].to_numpy(dtype=object)
            team = part["team"].to_numpy(dtype=object)
            answered = mine != None  # noqa: E711
            both = answered & (team != None)  # noqa: E711
            rows.append(
                {
                    "participant": person,
                    "question": question,
                    "answered": int(answered.sum()),
                    "yes_share": _share(mine[answered] == "yes"),
                    "team_yes_share": _share(team[both] == "yes"),
                    "own_yes_share_same": _share(mine[both] == "yes"),
                    "agreement": _share(mine[both] == team[both]),
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "participant",
            "question",
            "answered",
            "yes_share",
            "team_yes_share",
            "own_yes_share_same",
            "agreement",
        ],
    )


def _long(table: pd.DataFrame | None, ids: list[str]) -> list[str | None]:
    """A wide answers table as one value per (customer, question), in ``ids`` order."""
    columns = [_column(table, ids, question) for question in QUESTIONS]
    return np.column_stack(columns).reshape(-1).tolist() if ids else []


def _people(compared: pd.DataFrame) -> list[str]:
    start = list(compared.columns).index("question") + 1
    end = list(compared.columns).index("answered")
    return list(compared.columns[start:end])


def _share(mask: np.ndarray) -> float:
    return float(mask.mean()) if mask.size else float("nan")
