"""The four questions and their answers: yes, no, or not known yet.

"Not known" is not "no": it does not add to the score, and it is counted as open work.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from klantlib.core.customers import customer_ids, require_columns, spreadsheet_row
from klantlib.errors import InputError, KlantlibError, Notice, Problem

__all__ = [
    "ANSWERS",
    "FIELDS",
    "QUESTIONS",
    "QUESTION_COLUMN_NAMES",
    "MAX_WEIGHT",
    "answer_table",
    "check_weights",
    "max_score",
    "match_answers",
    "parse_answer",
    "score",
]

QUESTIONS: tuple[str, ...] = ("margin", "cashflow", "innovation", "network")
"""The four questions, in the order the method asks them."""

ANSWERS: tuple[str, ...] = ("yes", "no", "unknown")
"""The three answers a question can have."""

FIELDS: tuple[str, ...] = (*QUESTIONS, "note", "favourite", "time")
"""What a participant can say about a customer: the four questions, a note, a favourite mark
and an estimate of the time the customer takes."""

QUESTION_COLUMN_NAMES: dict[str, str] = {
    "margin": "margin",
    "marge": "margin",
    "cashflow": "cashflow",
    "innovation": "innovation",
    "innovatie": "innovation",
    "network": "network",
    "netwerk": "network",
}
"""Column headers for each question, compared without case, spaces, dashes or underscores."""

_SPELLINGS: dict[str, str] = {
    **dict.fromkeys(["ja", "j", "yes", "y", "1", "true", "waar", "x"], "yes"),
    **dict.fromkeys(["nee", "n", "no", "0", "false", "onwaar"], "no"),
    **dict.fromkeys(["", "?", "onbekend", "unknown"], "unknown"),
}


def parse_answer(value: object) -> str:
    """``yes``, ``no`` or ``unknown`` for what someone typed in a spreadsheet cell.

    Case and surrounding spaces do not matter. Yes: ja, j, yes, y, 1, true, waar, x.
    No: nee, n, no, 0, false, onwaar. Unknown: an empty cell, ``?``, onbekend, unknown.
    Anything else raises ``ValueError``.
    """
    if value is None or value is pd.NA:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isnan(value):
            return "unknown"
        if value in (0.0, 1.0):
            value = int(value)
    key = str(value).strip().casefold()
    try:
        return _SPELLINGS[key]
    except KeyError:
        raise ValueError(f"not an answer: {value!r}") from None


def answer_table(answers: pd.DataFrame) -> pd.DataFrame:
    """Canonical answers: ``customer_id`` plus one column per question (yes/no/unknown).

    Question columns may carry their English or Dutch names in any case (``Marge``,
    ``innovatie``, ``Network``). A missing question column means unknown for every customer.
    Every problem (bad values, repeated ids, the same question twice) is collected into one
    :class:`InputError` naming row, column and value. The caller's DataFrame is not changed.
    """
    require_columns(answers, ("customer_id",))
    problems: list[Problem] = []
    found: dict[str, list[str]] = {}
    for column in answers.columns:
        question = QUESTION_COLUMN_NAMES.get(re.sub(r"[\s_\-]", "", str(column)).casefold())
        if question is not None:
            found.setdefault(question, []).append(str(column))
    for question, names in found.items():
        if len(names) > 1:
            problems.append(
                Notice(
                    "error.duplicate_question_column",
                    {"question": Notice(f"question.{question}"), "columns": names},
                )
            )

    ids = customer_ids(answers["customer_id"], problems)

    table = pd.DataFrame({"customer_id": pd.Series(ids, dtype="string")})
    for question in QUESTIONS:
        columns = found.get(question)
        if not columns:
            table[question] = pd.Series(["unknown"] * len(ids), dtype="string")
            continue
        parsed: list[str] = []
        for position, raw in enumerate(answers[columns[0]].tolist()):
            try:
                parsed.append(parse_answer(raw))
            except ValueError:
                problems.append(
                    Notice(
                        "error.bad_answer",
                        {"row": spreadsheet_row(position), "column": columns[0], "value": raw},
                    )
                )
                parsed.append("unknown")
        table[question] = pd.Series(parsed, dtype="string")
    if problems:
        problems.sort(key=lambda p: p.params.get("row", 0))  # type: ignore[arg-type,return-value]
        raise InputError(problems)
    return table


def match_answers(customers: pd.DataFrame, answers: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Customers with their answers, and the answer ids that match no customer.

    A customer without an answer row gets four unknowns. Answer rows for ids that are not in
    the customer list are returned (sorted) so the caller can report them; they are not used.
    """
    answered = customers.drop(columns=[q for q in QUESTIONS if q in customers.columns])
    merged = answered.merge(answers, on="customer_id", how="left", validate="one_to_one")
    for question in QUESTIONS:
        merged[question] = merged[question].fillna("unknown").astype("string")
    known = set(customers["customer_id"])
    stray = sorted(cid for cid in answers["customer_id"] if cid not in known)
    return merged, stray


def score(answers: pd.DataFrame, weights: Mapping[str, int] | None = None) -> pd.Series:
    """The score per row: the number of yes answers (0 to 4), or with ``weights`` the sum of
    the weights of the questions answered yes (0 to the sum of the weights)."""
    yes = answers[list(QUESTIONS)] == "yes"
    if weights is None:
        return yes.sum(axis=1).astype("int64")
    checked = check_weights(weights)
    yes_numbers = yes.fillna(False).to_numpy(dtype=bool).astype("int64")
    per_question = np.array([checked[q] for q in QUESTIONS], dtype="int64")
    return pd.Series(yes_numbers @ per_question, index=answers.index, dtype="int64")


MAX_WEIGHT = 5
"""The largest weight a question can get."""


def check_weights(weights: Mapping[str, int] | None) -> dict[str, int]:
    """Weights per question, every question present, each a whole number from 1 to 5;
    ``None`` gives the plain method's weights (all 1)."""
    if weights is None:
        return dict.fromkeys(QUESTIONS, 1)
    unknown = sorted(str(q) for q in weights if q not in QUESTIONS)
    if unknown:
        raise KlantlibError("error.weights_question", questions=unknown, known=list(QUESTIONS))
    checked = {}
    for question in QUESTIONS:
        value = weights.get(question, 1)
        whole = isinstance(value, int | float) and not isinstance(value, bool)
        if not whole or value != int(value) or not 1 <= int(value) <= MAX_WEIGHT:
            label = Notice(f"question.{question}")
            raise KlantlibError("error.weight", question=label, value=value, most=MAX_WEIGHT)
        checked[question] = int(value)
    return checked


def max_score(weights: Mapping[str, int] | None) -> int:
    """The highest score with these weights (checked): 4 in the plain method."""
    return sum(check_weights(weights).values())
