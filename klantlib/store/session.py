"""A workshop session, open (edge): its customers, settings and every answer ever given.

A session (``2026-Q4``) is one SQLite file (:mod:`klantlib.store.session_file`) in a workspace
folder (:mod:`klantlib.store.workspace` makes, finds and opens them). It holds:

- the customer table the session works on (as :func:`klantlib.core.customers.customer_table` gives
  it), the revenue thresholds and the segment grid;
- every change a participant makes, appended and never overwritten: an answer to one of the
  four questions (``yes``, ``no``, ``unknown``, or ``None`` when cleared), a note, a
  favourite mark, or an estimate of the time the customer takes (hours per year, or
  ``little`` / ``average`` / ``much``). The current value is the latest change; undo appends
  the value before the undone change, so "who changed what, when" is the history itself.

Each change is one committed transaction (WAL journal, ``synchronous=FULL``) before
:meth:`Session.record` returns: a widget shows an answer as saved only once it is on disk, and
a killed kernel or two participants writing at once lose nothing.
"""

from __future__ import annotations

import json
import math
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from klantlib.core.bands import Thresholds
from klantlib.core.consensus import TEAM
from klantlib.core.customers import OPTIONAL_COLUMNS
from klantlib.core.questions import ANSWERS, FIELDS, QUESTIONS, check_weights, max_score
from klantlib.core.segments import SegmentGrid
from klantlib.errors import InputError, KlantlibError, Notice
from klantlib.store import session_file
from klantlib.store.session_file import SUFFIX

if TYPE_CHECKING:
    from klantlib.core.plan import SegmentPlan
    from klantlib.core.portfolios import RoomChoice

__all__ = [
    "FIELDS",
    "TIME_WORDS",
    "TIME_WORDS_READ",
    "Change",
    "Session",
    "check_participant",
    "close_everywhere",
]


TIME_WORDS: tuple[str, ...] = ("little", "average", "much")
"""A time estimate in words, for when nobody knows the hours."""
TIME_WORDS_READ: dict[str, str] = {
    **{word: word for word in TIME_WORDS},
    "weinig": "little",
    "gemiddeld": "average",
    "veel": "much",
}
"""A time word as typed (lower case, English or Dutch) -> the word stored."""

_MAX_PARTICIPANT = 80
_MAX_NOTE = 2000


@dataclass(frozen=True)
class Change:
    """One change in a session's history."""

    id: int
    at: str  # ISO time in UTC, to the millisecond
    participant: str
    customer_id: str
    field: str
    value: str | None
    undoes: int | None = None  # the change this one undid


class Session:
    """An open session file. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.name = self.path.name.removesuffix(SUFFIX)
        self._connection = session_file.open_file(self.path)
        _OPEN.add(self)
        self._ids: list[str] | None = None  # the list never changes once the session is made
        self._id_set: set[str] = set()

    # ---- the session's setup

    def customers(self) -> pd.DataFrame:
        """The customer table, largest revenue first, as it was when the session was made."""
        table = pd.read_sql_query(
            "SELECT * FROM customers ORDER BY position", self._connection
        ).drop(columns="position")
        table["customer_id"] = table["customer_id"].astype("string")
        table["name"] = table["name"].astype("string")
        for column, kind in OPTIONAL_COLUMNS.items():
            if table[column].isna().all():
                table = table.drop(columns=column)
            elif kind == "number":
                table[column] = table[column].astype("float64")
            else:
                table[column] = table[column].astype("string")
        return table

    @property
    def thresholds(self) -> Thresholds | None:
        """The band thresholds chosen for the session, ``None`` until they are chosen."""
        stored = self._meta("thresholds")
        return Thresholds(*json.loads(stored)) if stored else None

    def set_thresholds(self, thresholds: Thresholds | None) -> None:
        self._set_meta(
            "thresholds",
            None if thresholds is None else json.dumps([thresholds.low, thresholds.high]),
        )

    @property
    def grid(self) -> SegmentGrid:
        """The segment grid of the session (the default grid unless the team changed it)."""
        cells = json.loads(self._meta("grid") or "null") or SegmentGrid.default().cells
        return SegmentGrid(cells, max_score=len(next(iter(cells.values()))) - 1)

    def set_grid(self, grid: SegmentGrid) -> None:
        most = max_score(self.weights)
        if grid.max_score != most:
            raise KlantlibError("error.grid_weights", grid=grid.max_score, score=most)
        self._set_meta("grid", json.dumps(dict(grid.cells)))

    @property
    def weights(self) -> dict[str, int]:
        """The weight of each question (all 1 unless the team chose otherwise)."""
        stored = self._meta("weights")
        return check_weights(json.loads(stored) if stored else None)

    def set_weights(self, weights: Mapping[str, int] | None) -> None:
        """Give the questions weights (``None``: all 1, the plain method). The score then runs
        to the sum of the weights; when that changes, the grid follows: it becomes the default
        grid on the new scale (a team's own grid for the old scale no longer fits)."""
        checked = check_weights(weights)
        plain = all(w == 1 for w in checked.values())
        most = sum(checked.values())
        with session_file.transaction(self._connection):
            if plain:
                self._connection.execute("DELETE FROM meta WHERE key = 'weights'")
            else:
                self._upsert("weights", json.dumps(checked))
            if self.grid.max_score != most:
                self._upsert("grid", json.dumps(dict(SegmentGrid.default(most).cells)))

    @property
    def margin_target(self) -> float | None:
        """The team's target gross margin per hour in € (Marge suggestions), if set."""
        stored = self._meta("margin_per_hour_target")
        return float(stored) if stored else None

    @property
    def payment_term(self) -> float:
        """The payment term in days that Cashflow suggestions compare with (default 30)."""
        from klantlib.core.suggestions import DEFAULT_PAYMENT_TERM_DAYS

        stored = self._meta("payment_term_days")
        return float(stored) if stored else DEFAULT_PAYMENT_TERM_DAYS

    def set_suggestion_rules(
        self, *, margin_target: float | None = None, payment_term: float | None = None
    ) -> None:
        """Set the Marge target (€ per hour; ``None`` clears it) and the payment term (days;
        ``None`` keeps the one stored)."""
        from klantlib.core.suggestions import check_rules

        term = self.payment_term if payment_term is None else payment_term
        check_rules(margin_target, term)
        self._set_meta(
            "margin_per_hour_target", None if margin_target is None else repr(float(margin_target))
        )
        self._set_meta("payment_term_days", repr(float(term)))

    def favourites(self) -> dict[str, set[str]]:
        """Per participant (the team left out), the customers they marked as favourite."""
        # one query: the latest favourite mark per participant and customer (SQLite takes the
        # bare columns from the row of max(id))
        rows = self._connection.execute(
            "SELECT participant, customer_id, value, max(id) FROM changes"
            " WHERE field = 'favourite' GROUP BY participant, customer_id"
        ).fetchall()
        marked: dict[str, set[str]] = {p: set() for p in self.participants() if p != TEAM}
        for participant, customer_id, value, _ in rows:
            if value == "yes" and participant in marked:
                marked[participant].add(customer_id)
        return marked

    @property
    def carried_from(self) -> str | None:
        """The previous session this one's answers were carried from, if any."""
        return self._meta("carried_from")

    def new_customers(self) -> list[str]:
        """Customer ids new in this session's list compared with the previous session."""
        return json.loads(self._meta("new_customers") or "[]")

    def gone_customers(self) -> list[tuple[str, str]]:
        """(id, name) of the previous session's customers no longer in this list."""
        return [tuple(pair) for pair in json.loads(self._meta("gone_customers") or "[]")]

    def to_confirm(self, participant: str) -> set[str]:
        """Customers whose answers for ``participant`` came from the previous session and
        that the participant has neither changed nor confirmed since."""
        until = int(self._meta("carried_until") or 0)
        if not until:
            return set()
        rows = self._connection.execute(
            "SELECT customer_id, max(id) FROM changes WHERE participant = ? GROUP BY customer_id",
            (check_participant(participant),),
        ).fetchall()
        return {cid for cid, latest in rows if latest <= until}

    def confirm(self, participant: str, customer_id: str) -> int:
        """The participant confirms a customer's carried answers as they are: every value they
        have for it is recorded again, now, in one transaction. Returns how many."""
        current = self.current(participant)
        rows = current[current["customer_id"] == str(customer_id)].to_dict("records")
        values = [(f, rows[0][f]) for f in FIELDS if rows and isinstance(rows[0][f], str)]
        return self.record_many(participant, [(customer_id, f, v) for f, v in values])

    def favourite_ids(self) -> set[str]:
        """Every customer some participant marked as favourite."""
        return set().union(*self.favourites().values())

    def whose_answers(self, participant: str | None = None) -> str | None:
        """Whose answers the matrix uses (:func:`klantlib.core.consensus.whose_answers`)."""
        from klantlib.core.consensus import whose_answers

        return whose_answers(
            self.participants(), check_participant(participant) if participant else None
        )

    @property
    def plan(self) -> dict[str, SegmentPlan]:
        """The plan per segment: the team's when stored, else the article's defaults."""
        from klantlib.core.plan import default_plan, plan_from_table

        stored = self._meta("plan")
        return plan_from_table(json.loads(stored)) if stored else default_plan()

    def set_plan(self, plan: Mapping[str, SegmentPlan] | None) -> None:
        """Store the plan (``None``: back to the defaults)."""
        from klantlib.core.plan import plan_from_table, plan_table

        if plan is None:
            self._set_meta("plan", None)
            return
        table = plan_table(plan).drop(columns="hours_per_customer").reset_index()
        records = table.to_dict("records")
        plan_from_table(records)  # every segment there and valid
        self._set_meta("plan", json.dumps(records))

    @property
    def answer_for_potential(self) -> bool:
        """Whether the team answers about what the customer could become (its potential)
        rather than what it is today. Off unless the team switches it on."""
        return self._meta("answer_for_potential") == "yes"

    def set_answer_for_potential(self, on: bool) -> None:
        self._set_meta("answer_for_potential", "yes" if on else None)

    @property
    def created_at(self) -> str:
        """When the session was made (ISO time, UTC)."""
        return self._meta("created_at") or ""

    @property
    def source(self) -> str | None:
        """The name of the file the customers came from, if it was given."""
        return self._meta("source")

    @property
    def source_key(self) -> str | None:
        """What tells the customers' file apart from another one: its content and the options
        it was read with (``None`` for a session made before the kit kept it)."""
        return self._meta("source_key")

    @property
    def last_participant(self) -> str | None:
        """Who last took the answer form in this session (offered again after a restart)."""
        return self._meta("last_participant")

    def set_last_participant(self, participant: str) -> None:
        self._set_meta("last_participant", check_participant(participant))

    @property
    def form_moves_on(self) -> bool:
        """Whether the answer form goes to the next open customer after a customer's fourth
        answer. On unless the team switched it off (kept, so a restart keeps the choice)."""
        return self._meta("form_moves_on") != "no"

    def set_form_moves_on(self, on: bool) -> None:
        self._set_meta("form_moves_on", None if on else "no")

    @property
    def room(self) -> RoomChoice | None:
        """What the room discusses (:class:`klantlib.core.portfolios.RoomChoice`); ``None``:
        no room's list, the room goes through every customer."""
        from klantlib.core.portfolios import RoomChoice

        stored = self._meta("room")
        if not stored:
            return None
        data = json.loads(stored)
        return RoomChoice(int(data["largest"]), bool(data["favourites"]), tuple(data["picked"]))

    def set_room(self, choice: RoomChoice | None) -> None:
        """Store the room's list (``None``: none, every customer is the room's again); the
        customers picked by hand must be the session's."""
        if choice is None:
            self._set_meta("room", None)
            return
        picked = [self._check_customer(c) for c in choice.picked]
        record = {"largest": choice.largest, "favourites": choice.favourites, "picked": picked}
        self._set_meta("room", json.dumps(record))

    def room_ids(self, customers: pd.DataFrame | None = None) -> list[str]:
        """The ids on the room's list, largest revenue first; empty without a room's list.
        ``customers``: the session's table when the caller has read it already."""
        from klantlib.core.portfolios import room_ids

        choice = self.room
        if choice is None:
            return []
        table = self.customers() if customers is None else customers
        return room_ids(table, choice, self.favourite_ids())

    @property
    def workshop_step(self) -> str | None:
        """The step the workshop app showed last (``None`` before it was opened)."""
        return self._meta("workshop_step")

    def set_workshop_step(self, step: str) -> None:
        self._set_meta("workshop_step", step)

    def form_customer(self, participant: str) -> str | None:
        """The customer the answer form showed ``participant`` last: where it opens again."""
        return self._meta(f"form_customer:{check_participant(participant)}")

    def set_form_customer(self, participant: str, customer_id: str) -> None:
        self._set_meta(f"form_customer:{check_participant(participant)}", str(customer_id))

    def has_changes(self) -> bool:
        """Whether anyone recorded anything in the session: an answer, note, favourite or time."""
        return self._connection.execute("SELECT 1 FROM changes LIMIT 1").fetchone() is not None

    def has_changes_since_carried(self) -> bool:
        """Whether anyone changed or confirmed anything after last quarter's answers were
        carried over (for a session not carried: whether anything was recorded at all)."""
        carried = int(self._meta("carried_until") or 0)
        row = self._connection.execute(
            "SELECT 1 FROM changes WHERE id > ? LIMIT 1", (carried,)
        ).fetchone()
        return row is not None  # a confirmation records the values again: a change too

    def has_decisions(self) -> bool:
        """Whether the team stored anything beyond the customers: answers and the like, the
        band thresholds, the grid, the plan or the room's list."""
        stored = self._connection.execute(
            "SELECT 1 FROM meta WHERE key IN ('thresholds', 'plan', 'room') LIMIT 1"
        ).fetchone()
        return self.has_changes() or stored is not None or self.grid != SegmentGrid.default()

    # ---- changes

    def record(self, participant: str, customer_id: str, field: str, value: object) -> Change:
        """Store one change; it is on disk when this returns."""
        participant = check_participant(participant)
        customer_id = self._check_customer(customer_id)
        field, stored = check_value(field, value)
        with session_file.transaction(self._connection):
            return self._insert(participant, customer_id, field, stored, None)

    def record_many(
        self,
        participant: str,
        changes: Iterable[tuple[str, str, object]],
        *,
        only_changed: bool = False,
    ) -> int:
        """Store ``(customer_id, field, value)`` changes in one transaction: all or none.

        Every bad change is reported in one :class:`InputError` and nothing is stored.
        ``only_changed`` skips changes equal to the participant's current value, compared
        inside the same transaction (so a change made meanwhile is never overlooked).
        Returns how many changes were stored.
        """
        participant = check_participant(participant)
        checked: list[tuple[str, str, str | None]] = []
        problems: list[Notice] = []
        for position, (customer_id, field, value) in enumerate(changes):
            try:
                cid = self._check_customer(customer_id)
                name, stored = check_value(field, value)
            except KlantlibError as exc:
                problems.append(
                    Notice("error.change_at", {"position": position + 1, "problem": exc.notice})
                )
                continue
            checked.append((cid, name, stored))
        if problems:
            raise InputError(problems)
        with session_file.transaction(self._connection):
            if only_changed:
                now = dict(
                    ((cid, name), value)
                    for cid, name, value in self._connection.execute(
                        "SELECT c.customer_id, c.field, c.value FROM changes c JOIN ("
                        " SELECT max(id) AS id FROM changes WHERE participant = ?"
                        " GROUP BY customer_id, field) latest ON c.id = latest.id",
                        (participant,),
                    )
                )
                checked = [c for c in checked if now.get((c[0], c[1])) != c[2]]
            at = session_file.now()
            self._connection.executemany(
                "INSERT INTO changes (at, participant, customer_id, field, value)"
                " VALUES (?, ?, ?, ?, ?)",
                ((at, participant, cid, name, stored) for cid, name, stored in checked),
            )
        return len(checked)

    def undo(
        self, participant: str, customer_id: str | None = None, field: str | None = None
    ) -> Change | None:
        """Undo the participant's latest change (of one customer, or one field of it) that is
        not undone yet, by appending the value it replaced. ``None`` when nothing is left."""
        participant = check_participant(participant)
        where, params = ["participant = ?", "undoes IS NULL"], [participant]
        if customer_id is not None:
            where.append("customer_id = ?")
            params.append(self._check_customer(customer_id))
        if field is not None:
            where.append("field = ?")
            params.append(check_field(field))
        with session_file.transaction(self._connection):
            target = self._connection.execute(
                f"SELECT id, customer_id, field FROM changes WHERE {' AND '.join(where)}"
                " AND id NOT IN (SELECT undoes FROM changes WHERE undoes IS NOT NULL"
                " AND participant = ?) ORDER BY id DESC LIMIT 1",
                [*params, participant],
            ).fetchone()
            if target is None:
                return None
            target_id, cid, name = target
            before = self._connection.execute(
                "SELECT value FROM changes WHERE participant = ? AND customer_id = ?"
                " AND field = ? AND id < ? AND undoes IS NULL AND id NOT IN"
                " (SELECT undoes FROM changes WHERE undoes IS NOT NULL AND participant = ?)"
                " ORDER BY id DESC LIMIT 1",
                (participant, cid, name, target_id, participant),
            ).fetchone()
            return self._insert(participant, cid, name, before[0] if before else None, target_id)

    # ---- reading back

    def participants(self) -> list[str]:
        """Everyone who made a change in this session, alphabetically."""
        rows = self._connection.execute("SELECT DISTINCT participant FROM changes").fetchall()
        return sorted((r[0] for r in rows), key=str.casefold)

    def current(self, participant: str) -> pd.DataFrame:
        """The participant's current values: one row per customer they said anything about,
        in customer order; columns ``customer_id``, the fields, and ``changed_at`` (the time of
        their latest change to that customer). A field never set or cleared is ``<NA>``."""
        participant = check_participant(participant)
        latest = pd.read_sql_query(
            "SELECT c.customer_id, c.field, c.value, c.at FROM changes c JOIN ("
            " SELECT max(id) AS id FROM changes WHERE participant = ?"
            " GROUP BY customer_id, field) latest ON c.id = latest.id",
            self._connection,
            params=(participant,),
        )
        order = self._order()
        columns = ["customer_id", *FIELDS, "changed_at"]
        if latest.empty:
            return pd.DataFrame({c: pd.Series([], dtype="string") for c in columns})
        wide = latest.pivot(index="customer_id", columns="field", values="value")
        wide = wide.reindex(columns=list(FIELDS)).astype("string")
        wide.columns.name = None
        wide["changed_at"] = latest.groupby("customer_id")["at"].max().astype("string")
        wide = wide.reset_index()
        wide["customer_id"] = wide["customer_id"].astype("string")
        wide = wide.sort_values("customer_id", key=lambda ids: ids.map(order))
        return wide[columns].reset_index(drop=True)

    def answer_table(self, participant: str) -> pd.DataFrame:
        """The participant's answers for every customer, as :func:`klantlib.answer_table`
        gives them: ``customer_id`` and the four questions, ``unknown`` where not answered."""
        current = self.current(participant).set_index("customer_id")
        ids = pd.Series(self.customer_ids(), dtype="string")
        table = pd.DataFrame({"customer_id": ids.astype("string")})
        for question in QUESTIONS:
            values = current[question].reindex(ids.to_numpy()) if len(current) else None
            table[question] = (
                pd.Series(values.to_numpy(), dtype="string").fillna("unknown")
                if values is not None
                else pd.Series(["unknown"] * len(ids), dtype="string")
            )
        return table

    def history(
        self, participant: str | None = None, customer_id: str | None = None
    ) -> pd.DataFrame:
        """Who changed what, when: every change in order (optionally of one participant
        and/or one customer), with ``undoes`` naming the change an undo reverted."""
        where, params = [], []
        if participant is not None:
            where.append("participant = ?")
            params.append(check_participant(participant))
        if customer_id is not None:
            where.append("customer_id = ?")
            params.append(str(customer_id))
        query = "SELECT id, at, participant, customer_id, field, value, undoes FROM changes"
        if where:
            query += " WHERE " + " AND ".join(where)
        table = pd.read_sql_query(query + " ORDER BY id", self._connection, params=params)
        for column in ("at", "participant", "customer_id", "field", "value"):
            table[column] = table[column].astype("string")
        table["undoes"] = table["undoes"].astype("Int64")
        return table

    # ---- the file

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Session({self.name!r}, path={str(self.path)!r})"

    # ---- inside

    def _insert(
        self, participant: str, customer_id: str, field: str, value: str | None, undoes: int | None
    ) -> Change:
        at = session_file.now()
        cursor = self._connection.execute(
            "INSERT INTO changes (at, participant, customer_id, field, value, undoes)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (at, participant, customer_id, field, value, undoes),
        )
        return Change(cursor.lastrowid or 0, at, participant, customer_id, field, value, undoes)

    def customer_ids(self) -> list[str]:
        """The customer ids in the list's order (read once: the list is fixed)."""
        if self._ids is None:
            rows = self._connection.execute(
                "SELECT customer_id FROM customers ORDER BY position"
            ).fetchall()
            self._ids = [r[0] for r in rows]
            self._id_set = set(self._ids)
        return self._ids

    def _check_customer(self, customer_id: object) -> str:
        self.customer_ids()
        cid = str(customer_id).strip() if customer_id is not None else ""
        if cid not in self._id_set:
            raise KlantlibError("error.session_unknown_customer", value=cid, name=self.name)
        return cid

    def _order(self) -> dict[str, int]:
        return {cid: position for position, cid in enumerate(self.customer_ids())}

    def _meta(self, key: str) -> str | None:
        row = self._connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _upsert(self, key: str, value: str) -> None:
        self._connection.execute(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = ?",
            (key, value, value),
        )

    def _set_meta(self, key: str, value: str | None) -> None:
        with session_file.transaction(self._connection):
            if value is None:
                self._connection.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                self._upsert(key, value)


# ------------------------------------------------------------------------------------------
# Checking what is stored
# ------------------------------------------------------------------------------------------


def check_participant(participant: object) -> str:
    """A participant's name, trimmed: not empty, at most 80 characters."""
    name = " ".join(str(participant).split()) if participant is not None else ""
    if not name or len(name) > _MAX_PARTICIPANT:
        raise KlantlibError("error.participant_name", value=name)
    return name


def check_field(field: object) -> str:
    if field not in FIELDS:
        raise KlantlibError("error.session_field", value=field, fields=list(FIELDS))
    return str(field)


def check_value(field: object, value: object) -> tuple[str, str | None]:
    """``(field, value as stored)``; ``None`` clears the field."""
    name = check_field(field)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return name, None
    if name in QUESTIONS:
        if value not in ANSWERS:
            raise KlantlibError("error.session_answer", value=value, field=name)
        return name, str(value)
    if name == "favourite":
        if value is True or value == "yes":
            return name, "yes"
        if value is False:
            return name, None
        raise KlantlibError("error.session_favourite", value=value)
    if name == "note":
        note = str(value).strip()
        if len(note) > _MAX_NOTE:
            raise KlantlibError("error.session_note", length=len(note), most=_MAX_NOTE)
        return name, note or None
    return name, _time_value(value)


def _time_value(value: object) -> str | None:
    if isinstance(value, str) and value.strip() in TIME_WORDS:
        return value.strip()
    try:
        hours = (
            float(str(value).strip().replace(",", "."))
            if isinstance(value, str)
            else float(
                value  # type: ignore[arg-type]
            )
        )
    except (TypeError, ValueError):
        raise KlantlibError("error.session_time", value=value) from None
    if not math.isfinite(hours) or hours < 0:
        raise KlantlibError("error.session_time", value=value)
    return repr(float(hours))


_OPEN: weakref.WeakSet[Session] = weakref.WeakSet()
"""Every session opened in this process, so a file can be closed everywhere before it moves."""


def close_everywhere(path: str | Path) -> int:
    """Close every session of this process open on ``path`` (before the file is moved or
    removed): a widget still holding it then fails in plain words on its next click instead of
    writing into a file that is gone. Returns how many were closed."""
    target = Path(path).resolve()
    closing = [s for s in list(_OPEN) if s.path.resolve() == target]
    for session in closing:
        session.close()
    return len(closing)
