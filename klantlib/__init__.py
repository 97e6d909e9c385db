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

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# Public name -> the module that defines it. Imported on first use, so that
# `klantlib.check_environment` can still say what is missing when pandas is not installed.
_EXPORTS: dict[str, str] = {
    "ANSWERS": "klantlib.questions",
    "AnswerForm": "klantlib.answer_form",
    "ConsensusView": "klantlib.consensus_view",
    "GridEditor": "klantlib.grid_editor",
    "PlanEditor": "klantlib.plan_editor",
    "REPORT_FILES": "klantlib.report",
    "ReportButton": "klantlib.report_button",
    "add_example_answers": "klantlib.answer_files",
    "BANDS": "klantlib.bands",
    "BandPicker": "klantlib.band_picker",
    "band_chart": "klantlib.plots",
    "suggest_share_of_total": "klantlib.bands",
    "CustomerFilePicker": "klantlib.upload",
    "QuarterView": "klantlib.quarter_view",
    "InputError": "klantlib.errors",
    "KlantlibError": "klantlib.errors",
    "LANGUAGES": "klantlib.i18n",
    "LoadReport": "klantlib.loading",
    "Notice": "klantlib.errors",
    "OPTIONAL_COLUMNS": "klantlib.customers",
    "ParetoPoint": "klantlib.pareto",
    "QUESTIONS": "klantlib.questions",
    "REQUIRED_COLUMNS": "klantlib.customers",
    "SCORES": "klantlib.segments",
    "SEGMENTS": "klantlib.segments",
    "SegmentGrid": "klantlib.segments",
    "Segmentation": "klantlib.method",
    "Session": "klantlib.session",
    "Thresholds": "klantlib.bands",
    "answer_table": "klantlib.questions",
    "assign_bands": "klantlib.bands",
    "assign_segments": "klantlib.segments",
    "band_summary": "klantlib.bands",
    "check_environment": "klantlib.environment",
    "compare_segments": "klantlib.moves",
    "create_session": "klantlib.session",
    "customer_list_table": "klantlib.present",
    "customer_shares": "klantlib.pareto",
    "customer_table": "klantlib.customers",
    "empty_band_notices": "klantlib.bands",
    "favourites_by_segment": "klantlib.plan",
    "favourites_table": "klantlib.present",
    "format_money": "klantlib.i18n",
    "format_number": "klantlib.i18n",
    "format_share": "klantlib.i18n",
    "get_language": "klantlib.i18n",
    "list_sessions": "klantlib.session",
    "load_customers": "klantlib.loading",
    "match_answers": "klantlib.questions",
    "matrix_chart": "klantlib.matrix",
    "open_line": "klantlib.present",
    "open_session": "klantlib.session",
    "pareto_chart": "klantlib.plots",
    "pareto_line": "klantlib.present",
    "pareto_point": "klantlib.pareto",
    "parse_answer": "klantlib.questions",
    "question_label": "klantlib.questions",
    "question_table": "klantlib.present",
    "question_text": "klantlib.questions",
    "read_answers_csv": "klantlib.reading",
    "read_customers_csv": "klantlib.reading",
    "score": "klantlib.questions",
    "segment_customers": "klantlib.method",
    "segment_session": "klantlib.segmentation",
    "segment_summary": "klantlib.segments",
    "segment_table": "klantlib.present",
    "set_language": "klantlib.i18n",
    "setup_notebook": "klantlib.notebook",
    "open_notebook_session": "klantlib.notebook",
    "start_here_result": "klantlib.notebook",
    "start_session": "klantlib.session",
    "use_customers_file": "klantlib.customer_file",
    "session_header": "klantlib.customer_file",
    "suggest_cumulative_share": "klantlib.bands",
    "suggest_natural_breaks": "klantlib.bands",
    "suggest_thirds": "klantlib.bands",
    "summary_table": "klantlib.present",
    "text": "klantlib.i18n",
    "thresholds_line": "klantlib.present",
    "top_share": "klantlib.pareto",
    "write_report": "klantlib.report",
    "carried_lines": "klantlib.quarter",
    "create_next_session": "klantlib.session",
    "history_table": "klantlib.moves",
    "history_view": "klantlib.present",
    "moves_chart": "klantlib.moves_chart",
    "moves_table": "klantlib.present",
    "quarter_history": "klantlib.moves",
    "quarter_segments": "klantlib.quarter",
    "run_notebook": "klantlib.headless",
    "start_next_session": "klantlib.quarter",
    "transition_table": "klantlib.moves",
    "what_moved": "klantlib.quarter",
    "write_quarter_files": "klantlib.quarter",
    "write_session_report": "klantlib.report",
    "written_line": "klantlib.present",
}

__all__ = [
    "ANSWERS",
    "AnswerForm",
    "ConsensusView",
    "GridEditor",
    "PlanEditor",
    "REPORT_FILES",
    "ReportButton",
    "add_example_answers",
    "BANDS",
    "BandPicker",
    "band_chart",
    "suggest_share_of_total",
    "CustomerFilePicker",
    "QuarterView",
    "InputError",
    "KlantlibError",
    "LANGUAGES",
    "LoadReport",
    "Notice",
    "OPTIONAL_COLUMNS",
    "ParetoPoint",
    "QUESTIONS",
    "REQUIRED_COLUMNS",
    "SCORES",
    "SEGMENTS",
    "SegmentGrid",
    "Segmentation",
    "Session",
    "Thresholds",
    "answer_table",
    "assign_bands",
    "assign_segments",
    "band_summary",
    "check_environment",
    "compare_segments",
    "create_session",
    "customer_list_table",
    "customer_shares",
    "customer_table",
    "empty_band_notices",
    "favourites_by_segment",
    "favourites_table",
    "format_money",
    "format_number",
    "format_share",
    "get_language",
    "list_sessions",
    "load_customers",
    "match_answers",
    "matrix_chart",
    "open_line",
    "open_session",
    "pareto_chart",
    "pareto_line",
    "pareto_point",
    "parse_answer",
    "question_label",
    "question_table",
    "question_text",
    "read_answers_csv",
    "read_customers_csv",
    "score",
    "segment_customers",
    "segment_session",
    "segment_summary",
    "segment_table",
    "set_language",
    "setup_notebook",
    "open_notebook_session",
    "start_here_result",
    "start_session",
    "session_header",
    "use_customers_file",
    "suggest_cumulative_share",
    "suggest_natural_breaks",
    "suggest_thirds",
    "summary_table",
    "text",
    "thresholds_line",
    "top_share",
    "write_report",
    "carried_lines",
    "create_next_session",
    "history_table",
    "history_view",
    "moves_chart",
    "moves_table",
    "quarter_history",
    "quarter_segments",
    "run_notebook",
    "start_next_session",
    "transition_table",
    "what_moved",
    "write_quarter_files",
    "write_session_report",
    "written_line",
]


def __getattr__(name: str) -> object:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'klantlib' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


if TYPE_CHECKING:  # pragma: no cover - for editors and type checkers only
    from klantlib.bands import (
        BANDS,
        Thresholds,
        assign_bands,
        band_summary,
        empty_band_notices,
        suggest_cumulative_share,
        suggest_natural_breaks,
        suggest_share_of_total,
        suggest_thirds,
    )
    from klantlib.customer_file import session_header, use_customers_file
    from klantlib.customers import (
        OPTIONAL_COLUMNS,
        REQUIRED_COLUMNS,
        customer_table,
    )
    from klantlib.environment import (
        check_environment,
    )
    from klantlib.errors import (
        InputError,
        KlantlibError,
        Notice,
    )
    from klantlib.headless import run_notebook
    from klantlib.i18n import (
        LANGUAGES,
        format_money,
        format_number,
        format_share,
        get_language,
        set_language,
        text,
    )
    from klantlib.loading import (
        LoadReport,
        load_customers,
    )
    from klantlib.method import (
        Segmentation,
        segment_customers,
    )
    from klantlib.moves import history_table, quarter_history, transition_table
    from klantlib.moves_chart import moves_chart
    from klantlib.notebook import (
        open_notebook_session,
        setup_notebook,
        start_here_result,
    )
    from klantlib.pareto import (
        ParetoPoint,
        customer_shares,
        pareto_point,
        top_share,
    )
    from klantlib.plots import (
        band_chart,
        pareto_chart,
    )
    from klantlib.present import (
        customer_list_table,
        favourites_table,
        history_view,
        moves_table,
        open_line,
        pareto_line,
        question_table,
        segment_table,
        summary_table,
        thresholds_line,
        written_line,
    )
    from klantlib.quarter import (
        carried_lines,
        quarter_segments,
        start_next_session,
        what_moved,
        write_quarter_files,
    )
    from klantlib.quarter_view import QuarterView
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
    from klantlib.reading import (
        read_answers_csv,
        read_customers_csv,
    )
    from klantlib.report import write_session_report
    from klantlib.segmentation import segment_session
    from klantlib.segments import (
        SCORES,
        SEGMENTS,
        SegmentGrid,
        assign_segments,
        segment_summary,
    )
    from klantlib.session import (
        Session,
        create_next_session,
        create_session,
        list_sessions,
        open_session,
        start_session,
    )
    from klantlib.upload import (
        CustomerFilePicker,
    )
