"""Every quarter again (edge): a new session from the last one, what moved, the files to keep.

The notebook ``06_nieuw_kwartaal`` / ``06_new_quarter`` and the command line call these; the
comparisons themselves are pure functions in :mod:`klantlib.core.moves`; here they become
tables to read (:func:`history_table`, :func:`transition_table`) and files to keep.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from klantlib.core.moves import (
    HISTORY_COLUMNS,
    TRANSITION_COLUMNS,
    compare_segments,
    quarter_history,
    require_segment_columns,
)
from klantlib.core.segments import SEGMENTS
from klantlib.errors import KlantlibError, Notice
from klantlib.i18n import check_language, format_number, get_language, text
from klantlib.reports.reasons import band_name, moves_with_reasons
from klantlib.store.exports import out_folder, write_csv, written_atomically
from klantlib.store.segmentation import segment_session
from klantlib.store.session import Session
from klantlib.store.workspace import create_next_session, open_session, session_path

__all__ = [
    "QUARTER_FILES",
    "QuarterMoves",
    "carried_lines",
    "history_for_export",
    "history_table",
    "quarter_segments",
    "start_next_session",
    "transition_table",
    "what_moved",
    "write_quarter_files",
]

QUARTER_FILES: tuple[str, ...] = ("moves.csv", "transitions.csv", "history.csv", "moves.png")
"""What :func:`write_quarter_files` writes."""

MAX_QUARTERS = 40
"""How far back :func:`quarter_segments` follows the chain of sessions (ten years)."""


def start_next_session(
    name: str,
    customers_file: str | Path,
    previous: str,
    *,
    year: int | None = None,
    number_style: str | None = None,
    workspace: str | Path | None = None,
) -> Session:
    """This quarter's session ``name``: opened when it exists (made earlier from the session
    ``previous``; the file is then not read again), else made from ``customers_file`` with the
    answers, bands, grid and plan of ``previous`` carried over.

    A session ``name`` that exists but was not made from ``previous`` is refused: its answers
    would be compared with the wrong quarter."""
    if session_path(name, workspace).is_file():
        session = open_session(name, workspace=workspace)
        if session.carried_from != previous:
            carried = session.carried_from
            session.close()
            raise KlantlibError(
                "error.next_session_other",
                name=name,
                previous=previous,
                carried=carried or "—",
            )
        return session
    from klantlib.ingest.loading import load_customers

    with open_session(previous, workspace=workspace) as last:
        if last.name == name:
            raise KlantlibError("error.next_session_same", name=name)
        customers, _ = load_customers(customers_file, year=year, number_style=number_style)
        return create_next_session(
            name, customers, last, workspace=workspace, source=Path(customers_file).name
        )


def carried_lines(session: Session, lang: str | None = None) -> list[str]:
    """What came over from the previous session, in sentences: per participant the customers
    whose answers are still to confirm, the customers new in the list, the ones gone."""
    lang = check_language(lang) if lang is not None else get_language()
    lines = []
    for participant in session.participants():
        count = len(session.to_confirm(participant))
        lines.append(text("cli.carried", lang, participant=participant, count=count))
    customers = session.customers()
    names = dict(zip(customers["customer_id"], customers["name"], strict=True))
    new = [f"{cid} {names.get(cid, '')}".strip() for cid in session.new_customers()]
    lines.append(text("cli.new_customers", lang, count=len(new), ids=", ".join(new[:20]) or "—"))
    gone = session.gone_customers()
    listed = ", ".join(f"{cid} {name}" for cid, name in gone[:20]) or "—"
    lines.append(text("cli.gone_customers", lang, count=len(gone), names=listed))
    return lines


def quarter_segments(session: Session) -> list[tuple[str, pd.DataFrame]]:
    """(session name, segment table) of ``session`` and of the sessions it was carried from,
    oldest first. The chain stops at a session no longer in the workspace."""
    chain = [(session.name, segment_session(session).customers)]
    seen = {session.name}
    previous = session.carried_from
    folder = session.path.parent
    while previous and previous not in seen and len(chain) < MAX_QUARTERS:
        if not session_path(previous, folder).is_file():
            break
        with open_session(previous, workspace=folder) as earlier:
            chain.append((earlier.name, segment_session(earlier).customers))
            seen.add(earlier.name)
            previous = earlier.carried_from
    return chain[::-1]


@dataclass(frozen=True)
class QuarterMoves:
    """What moved between the last two of a run of quarters, and the history over all."""

    before: str
    """Last quarter's name."""
    after: str
    """This quarter's name."""
    moves: pd.DataFrame
    """:func:`klantlib.compare_segments`' moves: each customer that changed, and why."""
    transitions: pd.DataFrame
    """Customers per pair of segments, from last quarter to this one."""
    history: pd.DataFrame
    """:func:`klantlib.quarter_history` over every quarter."""


def what_moved(
    quarters: Sequence[tuple[str, pd.DataFrame]], *, lang: str | None = None
) -> QuarterMoves:
    """Compare the last two of ``quarters`` (as :func:`quarter_segments` gives them) and line
    up the history over all of them."""
    lang = check_language(lang) if lang is not None else get_language()
    if len(quarters) < 2:
        raise KlantlibError("error.quarters_too_few", count=format_number(len(quarters), lang))
    (before, old), (after, new) = quarters[-2], quarters[-1]
    moves, transitions = compare_segments(old, new)
    return QuarterMoves(before, after, moves, transitions, quarter_history(quarters))


def write_quarter_files(
    moved: QuarterMoves, folder: str | Path | None = None, *, lang: str | None = None
) -> dict[str, Path]:
    """Write ``moves.csv``, ``transitions.csv``, the chart ``moves.png`` and ``history.csv``
    of ``moved`` into ``folder`` (default ``data/rapporten/<this quarter>/`` in the kit's
    folder); file name -> path."""
    import matplotlib.pyplot as plt

    from klantlib.reports.moves_chart import moves_chart

    if folder is None:
        from klantlib.paths import REPORT_FOLDER, kit_root

        folder = kit_root() / REPORT_FOLDER / moved.after
    out = out_folder(folder)
    written = {
        "moves.csv": write_csv(moves_with_reasons(moved.moves, lang), out / "moves.csv"),
        "transitions.csv": write_csv(moved.transitions, out / "transitions.csv"),
        "history.csv": write_csv(history_for_export(moved.history, lang), out / "history.csv"),
    }
    figure, ax = plt.subplots(figsize=(11.0, 7.0))
    try:
        moves_chart(moved.transitions, before=moved.before, after=moved.after, lang=lang, ax=ax)
        with written_atomically(out / "moves.png") as temporary:
            figure.savefig(temporary, dpi=150, bbox_inches="tight")
    finally:
        plt.close(figure)
    written["moves.png"] = out / "moves.png"
    return written


def history_for_export(history: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The history over quarters as exported: bands named in ``lang``, as ``segments.csv``
    names them (the column names stay the kit's, so the files read back)."""
    table = history.copy()
    table["band"] = table["band"].map(lambda b: band_name(b, lang))
    return table


def history_table(
    history: pd.DataFrame, *, lang: str | None = None, changed_only: bool = False
) -> pd.DataFrame:
    """One row per customer, one column per quarter: "B · groot · 2" (segment, band, score),
    "—" where the customer was not in the list. With ``changed_only``, only customers whose
    segment changed or who arrived or left along the way. Rows: by segment in the last quarter
    the customer is in (A, B, C; customers no longer listed last), then by customer id."""
    require_segment_columns(history, HISTORY_COLUMNS, Notice("compare.history"))
    quarters = list(dict.fromkeys(history["quarter"].astype(str)))
    id_column, name_column = text("col.customer_id", lang), text("col.name", lang)
    rows = []
    for customer_id, rows_of in history.groupby(history["customer_id"].astype(str), sort=True):
        cells = {
            str(q): _history_cell(r, lang)
            for q, r in zip(rows_of["quarter"], rows_of.to_dict("records"), strict=True)
        }
        segments = rows_of["segment"].astype(str).tolist()
        changed = len(set(segments)) > 1 or len(cells) < len(quarters)
        if changed_only and not changed:
            continue
        gone = str(rows_of["quarter"].iloc[-1]) != quarters[-1]
        last = segments[-1]
        rank = len(SEGMENTS) if gone else _segment_rank(last)
        rows.append(
            (
                rank,
                customer_id,
                {
                    id_column: customer_id,
                    name_column: str(rows_of["name"].iloc[-1]),
                    **{q: cells.get(q, "—") for q in quarters},
                },
            )
        )
    rows.sort(key=lambda row: (row[0], row[1]))
    return pd.DataFrame(
        [row for _, _, row in rows], columns=[id_column, name_column, *quarters], dtype="string"
    )


def _history_cell(row: dict, lang: str | None) -> str:
    parts = [str(row["segment"])]
    if str(row["band"]):
        parts.append(band_name(str(row["band"]), lang))
    if not pd.isna(row["score"]):
        parts.append(format_number(int(row["score"]), lang or get_language()))
    return " · ".join(parts)


def _segment_rank(segment: str) -> int:
    return SEGMENTS.index(segment) if segment in SEGMENTS else len(SEGMENTS)


def transition_table(transitions: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """The transitions as a grid to read: a row per segment last quarter (A, B, C, then new
    customers), a column per segment now (A, B, C, then no longer in the list), the number of
    customers in each cell (0 where none), and a total row and column."""
    require_segment_columns(transitions, TRANSITION_COLUMNS, Notice("compare.transitions"))
    counts = transitions.groupby(
        [
            transitions["from_segment"].fillna("").astype(str),
            transitions["to_segment"].fillna("").astype(str),
        ]
    )["customers"].sum()
    others = sorted({s for pair in counts.index for s in pair if s and s not in SEGMENTS})
    sources = [*SEGMENTS, *others, ""]
    targets = [*SEGMENTS, *others, ""]
    grid = pd.DataFrame(
        [[int(counts.get((a, b), 0)) for b in targets] for a in sources],
        index=[a or text("moves_chart.new", lang) for a in sources],
        columns=[b or text("moves_chart.gone", lang) for b in targets],
        dtype="int64",
    )
    total = text("moves.total", lang)
    grid[total] = grid.sum(axis=1)
    grid.loc[total] = grid.sum(axis=0)
    grid.columns.name = text("moves.from_to", lang)  # shown in the corner, one header row
    return grid
