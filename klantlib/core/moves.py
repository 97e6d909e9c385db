"""Who moved between two segmentations, and why (core: tables in, tables out; no files).

:func:`compare_segments` takes two segment tables (an earlier and a later session, or two
``segments.csv`` files) and returns the customers whose segment changed, with what changed
(band and answers, as data: :func:`klantlib.reports.reasons.move_reasons` says it in a
language), and the number of customers for every pair of segments. :func:`quarter_history`
lines up more quarters: per customer its band, score and segment in each
(:mod:`klantlib.reports.quarter` turns both into tables to read).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from klantlib.core.questions import ANSWERS, QUESTIONS
from klantlib.errors import KlantlibError, Notice
from klantlib.i18n import LANGUAGES, text

__all__ = [
    "HISTORY_COLUMNS",
    "MOVE_COLUMNS",
    "TRANSITION_COLUMNS",
    "compare_segments",
    "quarter_history",
    "require_segment_columns",
]

MOVE_COLUMNS: tuple[str, ...] = ("customer_id", "name", "from_segment", "to_segment", "changes")
"""A move's columns. ``changes`` is the reason as data: a tuple of ``(what, before, after)``
with ``what`` ``band`` or a question (``("band", "small", "medium")``, ``("margin", "no",
"yes")``); empty for a new or lost customer (``from_segment`` / ``to_segment`` empty) and when
neither band nor answers changed (the grid or the weights did)."""
TRANSITION_COLUMNS: tuple[str, ...] = ("from_segment", "to_segment", "customers")
HISTORY_COLUMNS: tuple[str, ...] = ("customer_id", "name", "quarter", "band", "score", "segment")
REQUIRED: tuple[str, ...] = ("customer_id", "name", "segment")
_BANDS: tuple[str, ...] = ("small", "medium", "large")
_FORMULA_STARTS = ("=", "+", "-", "@")


def compare_segments(old: pd.DataFrame, new: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The moves and the transitions from segment table ``old`` to segment table ``new``.

    Both tables need ``customer_id``, ``name`` and ``segment``; ``band`` (as ``small`` or as
    the band's name in either language) and the question columns are compared for ``changes``
    when both tables have them. ``moves`` has one row per customer whose segment changed, plus new
    customers (``from_segment`` empty) and lost ones (``to_segment`` empty), sorted by
    ``to_segment``, ``from_segment``, ``customer_id``. ``transitions`` counts the customers of
    every pair of segments that occurs (staying in a segment included), sorted the same way.
    Neither input DataFrame is changed.
    """
    before, after = _table(old, "old"), _table(new, "new")
    rows = []
    for customer_id in sorted(set(before.index) | set(after.index)):
        was = before.loc[customer_id] if customer_id in before.index else None
        now = after.loc[customer_id] if customer_id in after.index else None
        latest = now if now is not None else was
        assert latest is not None  # the id comes from one of the two tables
        rows.append(
            {
                "customer_id": customer_id,
                "name": latest["name"],
                "from_segment": was["segment"] if was is not None else "",
                "to_segment": now["segment"] if now is not None else "",
                "changes": _changes(was, now),
            }
        )
    every = pd.DataFrame(rows, columns=list(MOVE_COLUMNS)).astype(
        {c: "string" for c in MOVE_COLUMNS if c != "changes"}
    )
    order = ["to_segment", "from_segment", "customer_id"]
    moved = every[every["from_segment"] != every["to_segment"]]
    moves = moved.sort_values(order, kind="stable").reset_index(drop=True)
    transitions = (
        every.groupby(["from_segment", "to_segment"], sort=False)
        .size()
        .rename("customers")
        .reset_index()
        .sort_values(["to_segment", "from_segment"], kind="stable")
        .reset_index(drop=True)
    )
    transitions["customers"] = transitions["customers"].astype("int64")
    return moves, transitions[list(TRANSITION_COLUMNS)]


def quarter_history(quarters: Sequence[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """Every customer's band, score and segment in each quarter, oldest quarter first.

    ``quarters`` is a sequence of (quarter name, segment table) pairs in time order, each table
    as :func:`compare_segments` takes it (``band`` and ``score`` are used when present). The
    result has :data:`HISTORY_COLUMNS`, one row per customer per quarter the customer is listed
    in (a customer who left has no row for the later quarters), the name as that quarter's table
    spells it, band as ``small``/``medium``/``large``, score as a nullable integer. Sorted by
    customer id, then quarter order. Quarter names must differ; the tables are not changed.
    """
    names = [str(name) for name, _ in quarters]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise KlantlibError("error.history_quarters", names=repeated)
    frames = []
    for position, (name, segments) in enumerate(quarters):
        table = _table(segments, "quarter")
        scores = (
            pd.to_numeric(segments["score"].to_numpy(), errors="coerce")
            if "score" in segments.columns
            else [pd.NA] * len(segments)
        )
        frames.append(
            pd.DataFrame(
                {
                    "customer_id": table.index.to_numpy(),
                    "name": table["name"].to_numpy(),
                    "quarter": str(name),
                    "band": table["band"].to_numpy() if "band" in table.columns else "",
                    "score": scores,  # _table keeps the rows in order
                    "segment": table["segment"].to_numpy(),
                    "_position": position,
                }
            )
        )
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=_HISTORY_TYPES[c]) for c in HISTORY_COLUMNS})
    history = pd.concat(frames, ignore_index=True)
    history = history.sort_values(["customer_id", "_position"], kind="stable")
    history = history.drop(columns="_position").reset_index(drop=True)
    return history.astype(_HISTORY_TYPES)[list(HISTORY_COLUMNS)]


_HISTORY_TYPES = {
    "customer_id": "string",
    "name": "string",
    "quarter": "string",
    "band": "string",
    "score": "Int64",
    "segment": "string",
}


def require_segment_columns(
    table: pd.DataFrame, columns: Sequence[str], which: Notice | str
) -> None:
    """Refuse ``table`` when it lacks one of ``columns``, naming what it has."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise KlantlibError(
            "error.compare_columns",
            which=which,
            missing=missing,
            columns=[str(c) for c in table.columns] or ["—"],
        )


def _table(segments: pd.DataFrame, which: str) -> pd.DataFrame:
    """The table as text indexed by id: ids, names and segments as typed (no apostrophe that a
    spreadsheet-safe export put before ``-5``), bands as ``small``/``medium``/``large``."""
    require_segment_columns(segments, REQUIRED, Notice(f"compare.{which}"))
    columns = [c for c in (*REQUIRED, "band", *QUESTIONS) if c in segments.columns]
    table = segments[columns].astype(object).where(segments[columns].notna(), "")
    table = table.map(lambda v: _unsafe(str(v).strip()))
    repeated = sorted(set(table["customer_id"][table["customer_id"].duplicated()]))
    if repeated or (table["customer_id"] == "").any():
        raise KlantlibError(
            "error.compare_ids",
            which=Notice(f"compare.{which}"),
            ids=repeated[:10] or [Notice("compare.empty_id")],
        )
    if "band" in table.columns:
        table["band"] = table["band"].map(_band_key)
    for question in QUESTIONS:
        if question in table.columns:
            table[question] = table[question].map(lambda v: v if v in ANSWERS else "unknown")
    return table.set_index("customer_id")


def _unsafe(value: str) -> str:
    """``'-5`` as a spreadsheet-safe export wrote it, back to ``-5``."""
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_STARTS) else value


def _band_key(value: str) -> str:
    """``klein``/``small``/``Small`` → ``small``; anything else stays as it is."""
    for band in _BANDS:
        names = {band, *(text(f"band.{band}", lang) for lang in LANGUAGES)}
        if value.casefold() in names:
            return band
    return value


def _changes(was: pd.Series | None, now: pd.Series | None) -> tuple[tuple[str, str, str], ...]:
    """What changed for a customer in both tables: band, then the questions in order."""
    if was is None or now is None:
        return ()
    return tuple(
        (what, str(was[what]), str(now[what]))
        for what in ("band", *QUESTIONS)
        if what in was.index and what in now.index and was[what] != now[what]
    )
