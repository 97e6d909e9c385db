"""Who moved between two segmentations, and why (core: tables in, tables out; no files).

:func:`compare_segments` takes two segment tables (an earlier and a later session, or two
``segments.csv`` files) and returns the customers whose segment changed, with the reason said
in the user's language, and the number of customers for every pair of segments.
"""

from __future__ import annotations

import pandas as pd

from klantlib.errors import KlantlibError, Notice
from klantlib.i18n import LANGUAGES, text
from klantlib.questions import ANSWERS, QUESTIONS

__all__ = ["MOVE_COLUMNS", "TRANSITION_COLUMNS", "compare_segments"]

MOVE_COLUMNS: tuple[str, ...] = ("customer_id", "name", "from_segment", "to_segment", "reason")
TRANSITION_COLUMNS: tuple[str, ...] = ("from_segment", "to_segment", "customers")
REQUIRED: tuple[str, ...] = ("customer_id", "name", "segment")
_BANDS: tuple[str, ...] = ("small", "medium", "large")
_FORMULA_STARTS = ("=", "+", "-", "@")


def compare_segments(
    old: pd.DataFrame, new: pd.DataFrame, *, lang: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The moves and the transitions from segment table ``old`` to segment table ``new``.

    Both tables need ``customer_id``, ``name`` and ``segment``; ``band`` (as ``small`` or as
    the band's name in either language) and the question columns are used for the reason when
    both tables have them. ``moves`` has one row per customer whose segment changed, plus new
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
        rows.append(
            {
                "customer_id": customer_id,
                "name": (now if now is not None else was)["name"],
                "from_segment": was["segment"] if was is not None else "",
                "to_segment": now["segment"] if now is not None else "",
                "reason": _reason(was, now, lang),
            }
        )
    every = pd.DataFrame(rows, columns=list(MOVE_COLUMNS), dtype="string")
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


def _table(segments: pd.DataFrame, which: str) -> pd.DataFrame:
    """The table as text indexed by id: ids, names and segments as typed (no apostrophe that a
    spreadsheet-safe export put before ``-5``), bands as ``small``/``medium``/``large``."""
    missing = [c for c in REQUIRED if c not in segments.columns]
    if missing:
        raise KlantlibError(
            "error.compare_columns",
            which=Notice(f"compare.{which}"),
            missing=missing,
            columns=[str(c) for c in segments.columns] or ["—"],
        )
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


def _band_name(band: str, lang: str | None) -> str:
    return text(f"band.{band}", lang) if band in _BANDS else band


def _reason(was: pd.Series | None, now: pd.Series | None, lang: str | None) -> str:
    """Why the customer moved: band and answer changes, or new / no longer in the list."""
    if was is None:
        return text("moves.new", lang)
    if now is None:
        return text("moves.lost", lang)
    parts = []
    if "band" in was.index and "band" in now.index and was["band"] != now["band"]:
        parts.append(
            text(
                "moves.band",
                lang,
                before=_band_name(was["band"], lang),
                after=_band_name(now["band"], lang),
            )
        )
    for question in QUESTIONS:
        if question in was.index and question in now.index and was[question] != now[question]:
            parts.append(
                text(
                    "moves.answer",
                    lang,
                    question=text(f"question.{question}", lang),
                    before=text(f"answer.{was[question]}", lang),
                    after=text(f"answer.{now[question]}", lang),
                )
            )
    return "; ".join(parts) if parts else text("moves.other", lang)
