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
    "ANSWERS": "klantlib.core.questions",
    "AnswerForm": "klantlib.widgets.answer_form",
    "ConsensusView": "klantlib.widgets.consensus_view",
    "GridEditor": "klantlib.widgets.grid_editor",
    "PlanEditor": "klantlib.widgets.plan_editor",
    "REPORT_FILES": "klantlib.reports.report",
    "ReportButton": "klantlib.widgets.report_button",
    "add_example_answers": "klantlib.store.answer_files",
    "BANDS": "klantlib.core.bands",
    "BandPicker": "klantlib.widgets.band_picker",
    "band_chart": "klantlib.reports.plots",
    "suggest_share_of_total": "klantlib.core.bands",
    "CustomerFilePicker": "klantlib.widgets.upload",
    "QuarterView": "klantlib.widgets.quarter_view",
    "InputError": "klantlib.errors",
    "KlantlibError": "klantlib.errors",
    "LANGUAGES": "klantlib.i18n",
    "LoadReport": "klantlib.ingest.loading",
    "Notice": "klantlib.errors",
    "OPTIONAL_COLUMNS": "klantlib.core.customers",
    "ParetoPoint": "klantlib.core.pareto",
    "QUESTIONS": "klantlib.core.questions",
    "REQUIRED_COLUMNS": "klantlib.core.customers",
    "SCORES": "klantlib.core.segments",
    "SEGMENTS": "klantlib.core.segments",
    "SegmentGrid": "klantlib.core.segments",
    "Segmentation": "klantlib.core.method",
    "Session": "klantlib.store.session",
    "Thresholds": "klantlib.core.bands",
    "answer_table": "klantlib.core.questions",
    "assign_bands": "klantlib.core.bands",
    "assign_segments": "klantlib.core.segments",
    "band_summary": "klantlib.core.bands",
    "check_environment": "klantlib.environment",
    "compare_segments": "klantlib.core.moves",
    "create_session": "klantlib.store.session",
    "customer_list_table": "klantlib.reports.present",
    "customer_shares": "klantlib.core.pareto",
    "customer_table": "klantlib.core.customers",
    "empty_band_notices": "klantlib.core.bands",
    "favourites_by_segment": "klantlib.core.plan",
    "favourites_table": "klantlib.reports.present",
    "format_money": "klantlib.i18n",
    "format_number": "klantlib.i18n",
    "format_share": "klantlib.i18n",
    "get_language": "klantlib.i18n",
    "list_sessions": "klantlib.store.session",
    "load_customers": "klantlib.ingest.loading",
    "match_answers": "klantlib.core.questions",
    "matrix_chart": "klantlib.reports.matrix",
    "open_line": "klantlib.reports.present",
    "open_session": "klantlib.store.session",
    "pareto_chart": "klantlib.reports.plots",
    "pareto_line": "klantlib.reports.present",
    "pareto_point": "klantlib.core.pareto",
    "parse_answer": "klantlib.core.questions",
    "question_label": "klantlib.core.questions",
    "question_table": "klantlib.reports.present",
    "question_text": "klantlib.core.questions",
    "read_answers_csv": "klantlib.ingest.reading",
    "read_customers_csv": "klantlib.ingest.reading",
    "score": "klantlib.core.questions",
    "segment_customers": "klantlib.core.method",
    "segment_session": "klantlib.store.segmentation",
    "segment_summary": "klantlib.core.segments",
    "segment_table": "klantlib.reports.present",
    "set_language": "klantlib.i18n",
    "setup_notebook": "klantlib.notebook",
    "open_notebook_session": "klantlib.notebook",
    "start_here_result": "klantlib.notebook",
    "start_session": "klantlib.store.session",
    "use_customers_file": "klantlib.store.customer_file",
    "session_header": "klantlib.store.customer_file",
    "suggest_cumulative_share": "klantlib.core.bands",
    "suggest_natural_breaks": "klantlib.core.bands",
    "suggest_thirds": "klantlib.core.bands",
    "summary_table": "klantlib.reports.present",
    "text": "klantlib.i18n",
    "thresholds_line": "klantlib.reports.present",
    "top_share": "klantlib.core.pareto",
    "write_report": "klantlib.reports.report",
    "carried_lines": "klantlib.reports.quarter",
    "create_next_session": "klantlib.store.session",
    "history_table": "klantlib.core.moves",
    "history_view": "klantlib.reports.present",
    "moves_chart": "klantlib.reports.moves_chart",
    "moves_table": "klantlib.reports.present",
    "quarter_history": "klantlib.core.moves",
    "quarter_segments": "klantlib.reports.quarter",
    "run_notebook": "klantlib.headless",
    "start_next_session": "klantlib.reports.quarter",
    "transition_table": "klantlib.core.moves",
    "what_moved": "klantlib.reports.quarter",
    "write_quarter_files": "klantlib.reports.quarter",
    "write_session_report": "klantlib.reports.report",
    "written_line": "klantlib.reports.present",
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
    from klantlib.core.bands import (
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
    from klantlib.core.customers import (
        OPTIONAL_COLUMNS,
        REQUIRED_COLUMNS,
        customer_table,
    )
    from klantlib.core.method import (
        Segmentation,
        segment_customers,
    )
    from klantlib.core.moves import history_table, quarter_history, transition_table
    from klantlib.core.pareto import (
        ParetoPoint,
        customer_shares,
        pareto_point,
        top_share,
    )
    from klantlib.core.questions import (
        ANSWERS,
        QUESTIONS,
        answer_table,
        match_answers,
        parse_answer,
        question_label,
        question_text,
        score,
    )
    from klantlib.core.segments import (
        SCORES,
        SEGMENTS,
        SegmentGrid,
        assign_segments,
        segment_summary,
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
    from klantlib.ingest.loading import (
        LoadReport,
        load_customers,
    )
    from klantlib.ingest.reading import (
        read_answers_csv,
        read_customers_csv,
    )
    from klantlib.notebook import (
        open_notebook_session,
        setup_notebook,
        start_here_result,
    )
    from klantlib.reports.moves_chart import moves_chart
    from klantlib.reports.plots import (
        band_chart,
        pareto_chart,
    )
    from klantlib.reports.present import (
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
    from klantlib.reports.quarter import (
        carried_lines,
        quarter_segments,
        start_next_session,
        what_moved,
        write_quarter_files,
    )
    from klantlib.reports.report import write_session_report
    from klantlib.store.customer_file import session_header, use_customers_file
    from klantlib.store.segmentation import segment_session
    from klantlib.store.session import (
        Session,
        create_next_session,
        create_session,
        list_sessions,
        open_session,
        start_session,
    )
    from klantlib.widgets.quarter_view import QuarterView
    from klantlib.widgets.upload import (
        CustomerFilePicker,
    )
