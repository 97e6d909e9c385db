"""A team that answers apart and decides together: comparing answers, the team answer (core).

Each participant answers the four questions alone; the facilitator then looks at the answers
side by side and records the team's answer, which is what the matrix uses. These functions take
the answers as tables and give tables back — no files, no widgets:

- :func:`compare_answers`: per customer and question, every participant's answer, whether they
  agree, the majority and the team answer so far; disagreements first ("discuss these").
- :func:`agreed_answers`: the team answers one click can take over — where everyone who
  answered gave the same answer and the team has not decided otherwise.
- :func:`team_answers`: the answers the matrix uses for the team: the team's where it decided,
  else what everyone who answered agrees on, else open; :func:`whose_answers` says whether the
  matrix uses those or one participant's.
- :func:`agreement`: per participant and question, how often they say yes next to the team, and
  how often they give the team's answer — who is the optimist in the room.

An answer is ``yes``, ``no`` or ``unknown`` (``?``); ``None`` means not answered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from klantlib.core.questions import QUESTIONS
from klantlib.errors import KlantlibError

__all__ = [
    "TEAM",
    "agreed_answers",
    "agreement",
    "compare_answers",
    "majority",
    "team_answers",
    "whose_answers",
]

TEAM = "team"
"""The participant name under which the team answer is stored."""

_RESERVED = {"customer_id", "name", "question", "answered", "agree", "disagree", "majority", TEAM}


def whose_answers(participants: Sequence[str], participant: str | None = None) -> str | None:
    """Whose answers the matrix uses: ``participant`` when given; else, with several
    participants or a team answer, :data:`TEAM` (see :func:`team_answers`); else the only
    participant's (``None``: nobody answered yet)."""
    if participant:
        return participant
    if TEAM in participants or len(participants) > 1:
        return TEAM
    return participants[0] if participants else None


def team_answers(
    customers: pd.DataFrame, answers: Mapping[str, pd.DataFrame], team: pd.DataFrame | None
) -> pd.DataFrame:
    """The team's answers as the matrix uses them: the team answer where the team decided;
    where it did not, the answer everyone who answered agrees on (at least two); a
    disagreement or a question nobody answered stays open (``unknown``) — nobody's side is
    picked. ``answers`` and ``team`` as for :func:`compare_answers`; the result has
    ``customer_id`` and the four questions, one row per customer in ``customers``' order."""
    people = [p for p in answers if p != TEAM]
    compared = compare_answers(customers, {p: answers[p] for p in people}, team)
    agreed = compared[people].bfill(axis=1).iloc[:, 0] if people else None
    value = compared[TEAM].astype(object)
    if agreed is not None:
        fallback = agreed.where(compared["agree"].to_numpy(), None)
        value = value.where(value.notna(), fallback)
    compared = compared.assign(value=value.where(value.notna(), "unknown"))
    wide = compared.pivot(index="customer_id", columns="question", values="value")
    wide = wide.reindex(index=customers["customer_id"].astype(str), columns=list(QUESTIONS))
    table = wide.reset_index()
    table.columns.name = None
    return table.astype("string")


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
    if table is None or not len(table):
        return [None] * (len(ids) * len(QUESTIONS))
    wide = table.assign(customer_id=table["customer_id"].astype(str)).set_index("customer_id")
    wide = wide.reindex(index=ids, columns=list(QUESTIONS)).astype(object)
    values = wide.to_numpy(dtype=object).reshape(-1)
    return [None if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else v
            for v in values]  # fmt: skip


def _people(compared: pd.DataFrame) -> list[str]:
    start = list(compared.columns).index("question") + 1
    end = list(compared.columns).index("answered")
    return list(compared.columns[start:end])


def _share(mask: np.ndarray) -> float:
    return float(mask.mean()) if mask.size else float("nan")
