"""Tables as a team reads them on the projector: headers and amounts in their language (edge)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

from klantlib.core.consensus import TEAM
from klantlib.core.customers import OPTIONAL_COLUMNS
from klantlib.core.method import SEGMENT_COLUMNS, Segmentation
from klantlib.core.pareto import ParetoPoint, customer_shares, pareto_point
from klantlib.core.questions import QUESTIONS
from klantlib.i18n import format_money, format_number, format_share, text
from klantlib.reports.reasons import (
    moves_with_reasons,
    question_label,
    question_text,
    segments_in_words,
)
from klantlib.store.session import Session

__all__ = [
    "answers_line",
    "customer_list_table",
    "escape_text",
    "favourites_table",
    "history_lines",
    "open_line",
    "pareto_line",
    "percent_text",
    "question_table",
    "segment_table",
    "session_line",
    "summary_table",
    "table_view",
    "thresholds_line",
]

# The classes MathJax 3 (JupyterLab, Voilà) and MathJax 2 skip: data text is never a formula.
NO_MATH = "mathjax_ignore tex2jax_ignore"

MONEY_COLUMNS = {"revenue", "potential_revenue", "gross_margin", "revenue_per_hour"}
_SHARES = {"revenue_share", "hours_share", "cumulative_share"}
_NUMBERS = {"hours": 1, "days_to_pay": 0}


def escape_text(value: object) -> str:
    """Any text as HTML shows it, never as markup: ``<``, ``>``, ``&`` and both quotes escaped.

    Every text that comes from data (names, ids, participants, notes, file names) goes through
    this, or through :func:`table_view`, wherever it becomes HTML."""
    return html.escape(str(value), quote=True)


def table_view(
    table: pd.DataFrame,
    formats: Mapping[str, Callable[[Any], str]] | None = None,
    *,
    headers: Sequence[str] | None = None,
    caption: str | None = None,
) -> Styler:
    """The one way the kit turns a table into HTML: a pandas ``Styler`` in which every cell,
    every header (``headers`` replaces the column names as shown) and the caption are escaped,
    so a customer called ``<img src=x onerror=…>`` is shown as those characters and never runs.

    ``formats`` maps columns to a function that writes a value (a formatter gets the value
    escaped when it is text). Style the result further with ``hide``, ``set_properties`` and
    ``set_table_styles``; do not call ``format`` or ``relabel_index`` on it again, which would
    drop the escaping of those cells. The table is marked for JupyterLab's and Voilà's math
    typesetter to leave alone, so ``$5 Deals $9`` stays text."""
    styler = table.style.format(escape="html").set_table_attributes(f'class="{NO_MATH}"')
    if formats:
        styler = styler.format(dict(formats), escape="html")
    styler = styler.format_index(escape="html", axis=0).format_index(escape="html", axis=1)
    if headers is not None:
        styler = styler.relabel_index([escape_text(h) for h in headers], axis="columns")
    if caption is not None:
        styler = styler.set_caption(escape_text(caption))
    return styler


def _number_format(lang: str | None, decimals: int) -> Callable[[float], str]:
    return lambda v: "" if pd.isna(v) else format_number(v, lang, decimals=decimals)


def _styled(table: pd.DataFrame, lang: str | None, *, caption: str | None = None) -> Styler:
    formats: dict[str, Callable[[float], str]] = {}
    for column in table.columns:
        if column in MONEY_COLUMNS:
            formats[column] = lambda v: "" if pd.isna(v) else format_money(v, lang)
        elif column in _SHARES:
            formats[column] = lambda v: "" if pd.isna(v) else format_share(v, lang)
        elif column in _NUMBERS:
            formats[column] = _number_format(lang, _NUMBERS[column])
    text_columns = [c for c in table.columns if c not in formats and not _is_number(table[c])]
    headers = [text(f"col.{c}", lang) for c in table.columns]
    return (
        table_view(table, formats, headers=headers, caption=caption)
        .hide(axis="index")
        .set_properties(**{"white-space": "nowrap"})
        .set_properties(subset=text_columns, **{"text-align": "left", "white-space": "normal"})
        .set_table_styles(
            [
                {"selector": f"th.col{table.columns.get_loc(c)}", "props": "text-align: left;"}
                for c in text_columns
            ]
        )
    )


def _is_number(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def segment_table(result: Segmentation, lang: str | None = None) -> Styler:
    """Every customer with band, score, segment and reason, for display in a notebook."""
    return _styled(segments_in_words(result.customers, SEGMENT_COLUMNS, lang), lang)


def customer_list_table(
    customers: pd.DataFrame, lang: str | None = None, *, limit: int | None = 100
) -> Styler:
    """The customer list, largest first: rank, id, name, revenue, share and running share.

    Optional columns the table has (potential revenue, margin, hours, days to pay, account
    manager) follow. Shares count a negative revenue as 0, as the Pareto chart does. With
    ``limit``, only the largest ``limit`` customers are shown and a caption says so; 50,000
    rows are no table to read on a projector.
    """
    shares = customer_shares(customers)
    columns = [
        "rank",
        "customer_id",
        "name",
        "revenue",
        "revenue_share",
        "cumulative_share",
        *(c for c in OPTIONAL_COLUMNS if c in shares.columns),
    ]
    shown = shares[columns] if limit is None else shares[columns].head(limit)
    caption = None
    if len(shown) < len(shares):
        caption = text(
            "list.truncated",
            lang,
            shown=format_number(len(shown), lang),
            total=format_number(len(shares), lang),
        )
    return _styled(shown, lang, caption=caption)


def percent_text(share: float, lang: str | None = None) -> str:
    """A share as a percentage number without the sign: 0.2 -> ``20``, 0.125 -> ``12,5``."""
    percent = share * 100
    decimals = 0 if abs(percent - round(percent)) < 1e-9 else 1
    return format_number(percent, lang, decimals=decimals)


def pareto_line(customers: pd.DataFrame | ParetoPoint, lang: str | None = None) -> str:
    """One sentence: the largest 20% of the customers (10 of 48) bring in 78.3% of revenue.

    Takes the customer table (the top 20% are used) or a :class:`ParetoPoint` for another share.
    """
    point = customers if isinstance(customers, ParetoPoint) else pareto_point(customers)
    return text(
        "pareto.line",
        lang,
        percent=percent_text(point.customer_share, lang),
        count=format_number(point.customers, lang),
        total=format_number(point.total_customers, lang),
        share=format_share(point.revenue_share, lang),
    )


def summary_table(result: Segmentation, lang: str | None = None) -> Styler:
    """Customers, revenue and shares per segment, for display in a notebook."""
    return _styled(result.summary.reset_index(), lang)


def thresholds_line(result: Segmentation, lang: str | None = None) -> str:
    """One sentence with the thresholds in use, and whether the kit suggested them."""
    key = "bands.suggested" if result.thresholds_suggested else "bands.chosen"
    return text(
        key,
        lang,
        low=format_money(result.thresholds.low, lang),
        high=format_money(result.thresholds.high, lang),
    )


def open_line(result: Segmentation, lang: str | None = None) -> str:
    """How many customers still have open questions (or that none have)."""
    total = len(result.scored)
    if result.open_customers == 0:
        said = text("answers.none_open", lang, total=total)
    else:
        said = text("answers.open", lang, count=result.open_customers, total=total)
    if result.set_aside:
        count = format_number(len(result.set_aside), lang)
        said += " " + text("answers.set_aside", lang, count=count)
    return said


def question_table(lang: str | None = None) -> Styler:
    """The four questions: short name and the question as put to the team."""
    table = pd.DataFrame(
        {
            "question": [question_label(q, lang) for q in QUESTIONS],
            "question_text": [question_text(q, lang) for q in QUESTIONS],
        }
    )
    return _styled(table, lang)


def history_lines(
    history: pd.DataFrame, names: Mapping[str, str], lang: str | None = None
) -> list[str]:
    """Who changed what, when: one line per change of :meth:`Session.history`, oldest first,
    in local time, with the customer's name from ``names`` (id -> name)."""
    lines = []
    for change in history.to_dict("records"):
        at = dt.datetime.fromisoformat(str(change["at"])).astimezone()
        field = str(change["field"])
        label = text(f"question.{field}" if field in QUESTIONS else f"form.field.{field}", lang)
        value = _history_value(field, change["value"], lang)
        undone = pd.notna(change["undoes"])
        cid = str(change["customer_id"])
        lines.append(
            text(
                "history.undo" if undone else "history.line",
                lang,
                at=at.strftime("%Y-%m-%d %H:%M:%S"),
                participant=change["participant"],
                id=cid,
                name=names.get(cid, "?"),
                field=label,
                value=value,
            )
        )
    return lines


def _history_value(field: str, value: str | float | None, lang: str | None) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return text("history.cleared", lang)
    if field in QUESTIONS:
        return text(f"form.answer.{value}", lang)
    if field == "favourite":
        return text("history.favourite", lang)
    if field == "time":
        if value in ("little", "average", "much"):
            return text(f"form.time.{value}", lang)
        return text("history.hours", lang, hours=format_number(float(value), lang, decimals=1))
    return f"“{value}”"


def favourites_table(table: pd.DataFrame, lang: str | None = None) -> Styler:
    """Where each participant's favourite customers land (from
    :func:`klantlib.core.plan.favourites_by_segment`): A, B, C and the total, per participant."""
    headers = [
        text("plan.fav.participant", lang),
        *(f"{text('col.segment', lang)} {s}" for s in ("A", "B", "C")),
        text("plan.fav.total", lang),
    ]
    return table_view(table.reset_index(), headers=headers).hide(axis="index")


def moves_table(moves: pd.DataFrame, lang: str | None = None) -> Styler:
    """The customers that moved (:func:`klantlib.compare_segments`), for display: "—" where a
    customer was not in the list, and why each moved."""
    table = moves_with_reasons(moves, lang)
    for column in ("from_segment", "to_segment"):
        table[column] = table[column].fillna("").astype(str).replace("", "—")
    return _styled(table, lang)


def shown_path(path: str | Path) -> str:
    """A path as the user reads it: from the kit's folder when it is inside it
    (``data/rapporten/2027-Q1``), else in full."""
    from klantlib.paths import kit_root

    full, root = Path(path).resolve(), kit_root().resolve()
    return full.relative_to(root).as_posix() if full.is_relative_to(root) else str(full)


def written_line(written: Mapping[str, Path], lang: str | None = None) -> str:
    """ "Geschreven in data/rapporten/2027-Q1: moves.csv, …": the files written, by folder,
    each folder shown from the kit's folder when it is inside it."""
    by_folder: dict[str, list[str]] = {}
    for name, path in written.items():
        by_folder.setdefault(shown_path(Path(path).parent), []).append(name)
    return "\n".join(
        text("files.written", lang, folder=folder, files=", ".join(names))
        for folder, names in by_folder.items()
    )


def history_view(
    history: pd.DataFrame, lang: str | None = None, *, changed_only: bool = False
) -> Styler:
    """:func:`klantlib.history_table` for display: no row numbers, text to the left."""
    from klantlib.reports.quarter import history_table

    table = history_table(history, lang=lang, changed_only=changed_only)
    return (
        table_view(table)
        .hide(axis="index")
        .set_properties(**{"text-align": "left", "white-space": "nowrap"})
        .set_table_styles([{"selector": "th", "props": "text-align: left;"}])
    )


def session_line(session: Session, lang: str | None = None) -> str:
    """One sentence for the team: the session, its customers, where they came from, who
    answered so far."""
    people = session.participants()
    return text(
        "session.line",
        lang,
        name=session.name,
        count=format_number(len(session.customer_ids()), lang),
        source=session.source or "—",
        people=", ".join(people) if people else text("session.nobody_yet", lang),
    )


def answers_line(session: Session, participant: str | None = None, lang: str | None = None) -> str:
    """One sentence: whose answers the matrix and the plan use (see
    :func:`klantlib.core.consensus.whose_answers`)."""
    who = session.whose_answers(participant)
    if who == TEAM:
        return text("plan.answers_team", lang)
    return text("plan.answers_of", lang, who=who or text("session.nobody_yet", lang))


def to_decide_text(
    session: Session | pd.DataFrame,
    lang: str | None = None,
    *,
    limit: int = 10,
    quiet: bool = False,
) -> str:
    """The customers still to decide (answers that differ, no team decision), one line each
    with the questions, the first ``limit`` of them; or that there is nothing to decide
    (``quiet``: an empty text then). ``session``: the session, or its
    :func:`klantlib.store.segmentation.session_to_decide` table when read already."""
    from klantlib.store.segmentation import session_to_decide

    table = session if isinstance(session, pd.DataFrame) else session_to_decide(session)
    if table.empty:
        return "" if quiet else text("decide.none", lang)
    lines = [text("decide.line", lang, count=format_number(len(table), lang))]
    for row in table.head(limit).to_dict("records"):
        questions = ", ".join(text(f"question.{q}", lang) for q in row["questions"])
        lines.append(
            text(
                "decide.customer",
                lang,
                id=row["customer_id"],
                name=row["name"],
                questions=questions,
            )
        )
    if len(table) > limit:
        lines.append(text("decide.more", lang, count=format_number(len(table) - limit, lang)))
    return "\n".join(lines)


def portfolio_progress_table(table: pd.DataFrame, lang: str | None = None) -> Styler | None:
    """Per account manager (:func:`klantlib.core.portfolios.portfolio_progress`): their
    customers, how many are on the room's list, how many have all four answers that count (by
    the rule of :func:`klantlib.counted_answers`), the questions still open and the customers
    to decide; a total row. ``None`` when the customers have no account managers."""
    if table.empty:
        return None
    total = pd.DataFrame([table.sum()], index=[text("report.total", lang)])
    shown = pd.concat([table, total]).reset_index(names="account_manager")
    headers = [text(f"progress.col.{c}", lang) for c in shown.columns]
    number = _number_format(lang, 0)
    formats = {c: number for c in shown.columns[1:]}
    return (
        table_view(shown, formats, headers=headers, caption=text("progress.caption", lang))
        .hide(axis="index")
        .set_properties(subset=["account_manager"], **{"text-align": "left"})
    )
