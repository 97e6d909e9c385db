"""klantlib: the Klantwaarde workshop kit's logic.

Does our favourite customer really bring us the most? List customers by revenue, split them
into revenue bands, answer four yes/no questions per customer and see each land in segment
A, B or C. The core (tables in, tables out) is importable from here; reading files, the
command line and the workshop launcher sit at the edges.

    >>> from klantlib import segment_customers
    >>> result = segment_customers(customers, answers, thresholds=(10_000, 50_000), lang="nl")
    >>> result.segments      # id, name, revenue, band, score, open, segment, reason
    >>> result.summary       # per segment: customers, revenue, share (and hours)
"""

from klantlib.bands import (
    BANDS,
    Thresholds,
    assign_bands,
    band_summary,
    empty_band_notices,
    suggest_cumulative_share,
    suggest_natural_breaks,
    suggest_thirds,
)
from klantlib.customers import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, customer_table
from klantlib.environment import check_environment
from klantlib.errors import InputError, KlantlibError, Notice
from klantlib.i18n import (
    LANGUAGES,
    format_money,
    format_number,
    format_share,
    get_language,
    set_language,
    text,
)
from klantlib.method import Segmentation, segment_customers
from klantlib.present import segment_table, summary_table
from klantlib.questions import (
    ANSWERS,
    QUESTIONS,
    answer_table,
    match_answers,
    parse_answer,
    question_label,
    question_text,
    score,
)
from klantlib.reading import read_answers_csv, read_customers_csv
from klantlib.segments import SCORES, SEGMENTS, SegmentGrid, assign_segments, segment_summary

__version__ = "0.1.0"

__all__ = [
    "ANSWERS",
    "BANDS",
    "LANGUAGES",
    "OPTIONAL_COLUMNS",
    "QUESTIONS",
    "REQUIRED_COLUMNS",
    "SCORES",
    "SEGMENTS",
    "InputError",
    "KlantlibError",
    "Notice",
    "SegmentGrid",
    "Segmentation",
    "Thresholds",
    "answer_table",
    "assign_bands",
    "assign_segments",
    "band_summary",
    "check_environment",
    "customer_table",
    "empty_band_notices",
    "format_money",
    "format_number",
    "format_share",
    "get_language",
    "match_answers",
    "parse_answer",
    "question_label",
    "question_text",
    "read_answers_csv",
    "read_customers_csv",
    "score",
    "segment_customers",
    "segment_summary",
    "segment_table",
    "set_language",
    "suggest_cumulative_share",
    "suggest_natural_breaks",
    "suggest_thirds",
    "summary_table",
    "text",
]
