"""Tables as a team reads them on the projector: headers and amounts in their language (edge)."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from klantlib.i18n import format_money, format_number, format_share, text
from klantlib.method import Segmentation
from klantlib.questions import QUESTIONS, question_label, question_text

__all__ = [
    "open_line",
    "question_table",
    "segment_table",
    "summary_table",
    "thresholds_line",
]

_MONEY = {"revenue", "potential_revenue", "gross_margin", "revenue_per_hour"}
_SHARES = {"revenue_share", "hours_share"}
_NUMBERS = {"hours": 1, "days_to_pay": 0}


def _styled(table: pd.DataFrame, lang: str | None) -> Styler:
    formats = {}
    for column in table.columns:
        if column in _MONEY:
            formats[column] = lambda v: "" if pd.isna(v) else format_money(v, lang)
        elif column in _SHARES:
            formats[column] = lambda v: "" if pd.isna(v) else format_share(v, lang)
        elif column in _NUMBERS:
            decimals = _NUMBERS[column]
            formats[column] = lambda v, d=decimals: (
                "" if pd.isna(v) else format_number(v, lang, decimals=d)
            )
    text_columns = [c for c in table.columns if c not in formats and not _is_number(table[c])]
    styler = (
        table.style.format(formats)
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
    labels = {c: text(f"col.{c}", lang) for c in table.columns}
    return styler.relabel_index([labels[c] for c in table.columns], axis="columns")


def _is_number(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def segment_table(result: Segmentation, lang: str | None = None) -> Styler:
    """Every customer with band, score, segment and reason, for display in a notebook."""
    table = result.segments.copy()
    table["band"] = table["band"].astype(str).map(lambda b: text(f"band.{b}", lang))
    return _styled(table, lang)


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
    if result.open_customers == 0:
        return text("answers.none_open", lang, total=len(result.customers))
    return text("answers.open", lang, count=result.open_customers, total=len(result.customers))


def question_table(lang: str | None = None) -> Styler:
    """The four questions: short name and the question as put to the team."""
    table = pd.DataFrame(
        {
            "question": [question_label(q, lang) for q in QUESTIONS],
            "question_text": [question_text(q, lang) for q in QUESTIONS],
        }
    )
    return _styled(table, lang)
