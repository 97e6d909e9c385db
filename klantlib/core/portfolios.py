"""Who answers what: the room's list and the account managers' portfolios (core).

A session of a few hundred customers cannot ask four questions about each in the room. The
facilitator chooses **the room's list** — the largest customers (20 by default), everyone's
favourites and any customer picked by hand — and the room answers those together; every other
customer is **for the account managers**, each answering their own **portfolio** (the
customers whose ``account_manager`` is them). These functions take tables and give tables or
ids back — no files, no widgets.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from klantlib.core.questions import QUESTIONS
from klantlib.errors import KlantlibError

__all__ = [
    "NO_MANAGER",
    "ROOM_LARGEST",
    "ROOM_OFFERED_FROM",
    "RoomChoice",
    "check_manager",
    "manager_keys",
    "manager_name",
    "managers",
    "person_key",
    "portfolio_mask",
    "portfolio_progress",
    "room_ids",
]

NO_MANAGER = "—"
"""How a customer without an account manager is listed per account manager."""

ROOM_LARGEST = 20
"""The room's list starts from this many largest customers (as the workshop does)."""

ROOM_OFFERED_FROM = 50
"""From this many customers the workshop app offers a room's list: more than a 90-minute
session can answer four questions about."""


@dataclass(frozen=True)
class RoomChoice:
    """What the room discusses: the ``largest`` customers by revenue, everyone's favourites
    when ``favourites``, and the customers ``picked`` by hand (ids)."""

    largest: int = ROOM_LARGEST
    favourites: bool = True
    picked: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if isinstance(self.largest, bool) or not isinstance(self.largest, int | np.integer):
            raise KlantlibError("error.room_largest", value=self.largest)
        if self.largest < 0:
            raise KlantlibError("error.room_largest", value=self.largest)
        object.__setattr__(self, "largest", int(self.largest))
        object.__setattr__(self, "picked", tuple(dict.fromkeys(str(c) for c in self.picked)))


def room_ids(
    customers: pd.DataFrame, choice: RoomChoice, favourites: Collection[str] = ()
) -> list[str]:
    """The ids on the room's list, largest revenue first (ties by id): the ``largest`` by
    revenue, plus ``favourites`` (when the choice takes them) and the ones picked by hand —
    only customers in ``customers``."""
    order = _revenue_order(customers)
    ids = customers["customer_id"].astype(str).to_numpy()[order]
    chosen = set(ids[: choice.largest])
    if choice.favourites:
        chosen |= {str(c) for c in favourites}
    chosen |= set(choice.picked)
    return [cid for cid in ids if cid in chosen]


def person_key(name: str) -> str:
    """A person's name as it is compared with an account manager: without case or extra
    spaces (``" an  "`` is ``"An"``)."""
    return " ".join(str(name).split()).casefold()


def manager_keys(customers: pd.DataFrame) -> np.ndarray | None:
    """Each customer's account manager as :func:`person_key` gives it (``None`` without one);
    ``None`` when the customers have no ``account_manager`` column."""
    if "account_manager" not in customers.columns:
        return None
    codes, names = pd.factorize(customers["account_manager"].astype(object), use_na_sentinel=True)
    keys = [person_key(str(v)) if str(v).strip() else None for v in names]
    return np.array([*keys, None], dtype=object)[codes]  # the sentinel -1: no manager


def managers(customers: pd.DataFrame) -> list[str]:
    """The account managers named in ``customers``, as first written, sorted without case."""
    if "account_manager" not in customers.columns:
        return []
    seen: dict[str, str] = {}
    for value in pd.unique(customers["account_manager"].astype(object)):
        if not _missing(value) and str(value).strip():
            seen.setdefault(person_key(str(value)), " ".join(str(value).split()))
    return sorted(seen.values(), key=lambda name: (name.casefold(), name))


def manager_name(customers: pd.DataFrame, name: str) -> str | None:
    """The account manager ``name`` is, as the list writes it; ``None``: nobody of that name."""
    key = person_key(name)
    return next((m for m in managers(customers) if person_key(m) == key), None)


def check_manager(customers: pd.DataFrame, name: str) -> str:
    """The account manager ``name`` is, as the list writes it; a name the list does not have
    is an error naming those it has."""
    found = manager_name(customers, name)
    if found is None:
        names = ", ".join(managers(customers)) or NO_MANAGER
        raise KlantlibError("error.unknown_manager", value=name, managers=names)
    return found


def portfolio_mask(customers: pd.DataFrame, manager: str) -> np.ndarray:
    """Which customers are ``manager``'s (compared as :func:`person_key`)."""
    keys = manager_keys(customers)
    if keys is None:
        return np.zeros(len(customers), dtype=bool)
    return keys == person_key(manager)


def portfolio_progress(
    customers: pd.DataFrame, sources: pd.DataFrame, room: Collection[str] = ()
) -> pd.DataFrame:
    """Per account manager (rows, sorted as :func:`managers`; customers without one last, as
    :data:`NO_MANAGER`): ``customers``, ``in_room`` (on the room's list), ``answered`` (all four
    questions have an answer that counts), ``open_questions`` (questions without one) and
    ``to_decide`` (customers whose answers differ). ``sources`` is
    :class:`klantlib.core.consensus.CountedAnswers`' ``sources`` for ``customers``."""
    columns = ["customers", "in_room", "answered", "open_questions", "to_decide"]
    if "account_manager" not in customers.columns:
        empty = pd.DataFrame(columns=columns, dtype="int64")
        empty.index.name = "account_manager"
        return empty
    from klantlib.core.consensus import COUNTED_SOURCES  # the rule imports this module

    marks = sources.set_index(sources["customer_id"].astype(str))[list(QUESTIONS)]
    marks = marks.reindex(customers["customer_id"].astype(str)).to_numpy(dtype=object)
    counted = np.isin(marks, COUNTED_SOURCES)
    keys = manager_keys(customers)
    assert keys is not None
    listed = managers(customers)
    names = {person_key(name): name for name in listed}
    who = np.array([names[k] if k is not None else NO_MANAGER for k in keys], dtype=object)
    frame = pd.DataFrame(
        {
            "manager": who,
            "customers": 1,
            "in_room": customers["customer_id"].astype(str).isin(set(room)).to_numpy(),
            "answered": counted.all(axis=1),
            "open_questions": (~counted).sum(axis=1),
            "to_decide": (marks == "to_decide").any(axis=1),
        }
    )
    table = frame.groupby("manager", sort=False)[columns].sum().astype("int64")
    order = [name for name in listed if name in table.index]
    order += [NO_MANAGER] if NO_MANAGER in table.index else []
    table = table.loc[order]
    table.index.name = "account_manager"
    return table


def _revenue_order(customers: pd.DataFrame) -> np.ndarray:
    """Positions of ``customers`` by revenue, largest first, ties by id."""
    revenue = customers["revenue"].astype(float).to_numpy()
    ids = customers["customer_id"].astype(str).to_numpy()
    return np.lexsort((ids, -revenue))


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))
