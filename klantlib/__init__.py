# ruff: noqa: F401  (the imports under TYPE_CHECKING name the public API for type checkers)
"""klantlib: the Klantwaarde workshop kit's logic.

Does our favourite customer really bring us the most? List customers by revenue, split them
into revenue bands, answer four yes/no questions per customer and see each land in segment
A, B or C. The core (tables in, tables out) is importable from here; reading files, the
command line and the workshop launcher sit at the edges.

    >>> from klantlib import segment_customers
    >>> result = segment_customers(customers, answers, thresholds=(10_000, 50_000))
    >>> result.segments      # id, name, revenue, band, score, open, segment
    >>> result.summary       # per segment: customers, revenue, share (and hours)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# The public API, by the module that defines each name: the one list of it. A name is
# imported on first use, so that `klantlib.check_environment` can still say what is missing
# when pandas is not installed. (The imports under TYPE_CHECKING below are for editors and
# type checkers; a test checks that they name exactly these.)
_PUBLIC: dict[str, tuple[str, ...]] = {
    "klantlib.core.bands": (
        "assign_bands",
        "band_summary",
        "BANDS",
        "empty_band_notices",
        "suggest_cumulative_share",
        "suggest_natural_breaks",
        "suggest_share_of_total",
        "suggest_thirds",
        "Thresholds",
    ),
    "klantlib.core.consensus": (
        "counted_answers",
        "CountedAnswers",
    ),
    "klantlib.core.customers": (
        "customer_table",
        "OPTIONAL_COLUMNS",
        "REQUIRED_COLUMNS",
    ),
    "klantlib.core.method": (
        "segment_customers",
        "Segmentation",
    ),
    "klantlib.core.moves": (
        "compare_segments",
        "quarter_history",
    ),
    "klantlib.core.pareto": (
        "customer_shares",
        "pareto_point",
        "ParetoPoint",
        "top_share",
    ),
    "klantlib.core.plan": ("favourites_by_segment",),
    "klantlib.core.questions": (
        "answer_table",
        "ANSWERS",
        "match_answers",
        "parse_answer",
        "QUESTIONS",
        "score",
    ),
    "klantlib.core.segments": (
        "assign_segments",
        "SCORES",
        "segment_summary",
        "SegmentGrid",
        "SEGMENTS",
    ),
    "klantlib.environment": ("check_environment",),
    "klantlib.errors": (
        "InputError",
        "KlantlibError",
        "Notice",
    ),
    "klantlib.headless": ("run_notebook",),
    "klantlib.i18n": (
        "format_money",
        "format_number",
        "format_share",
        "get_language",
        "LANGUAGES",
        "set_language",
        "text",
    ),
    "klantlib.ingest.loading": (
        "load_customers",
        "LoadReport",
    ),
    "klantlib.ingest.reading": (
        "read_answers_csv",
        "read_customers_csv",
    ),
    "klantlib.notebook": (
        "open_notebook_session",
        "setup_notebook",
        "start_here_result",
        "workshop_app",
    ),
    "klantlib.reports.matrix": ("matrix_chart",),
    "klantlib.reports.moves_chart": ("moves_chart",),
    "klantlib.reports.plots": (
        "band_chart",
        "pareto_chart",
    ),
    "klantlib.reports.present": (
        "answers_line",
        "customer_list_table",
        "favourites_table",
        "history_view",
        "moves_table",
        "open_line",
        "pareto_line",
        "portfolio_progress_table",
        "question_table",
        "segment_table",
        "session_line",
        "summary_table",
        "thresholds_line",
        "to_decide_text",
        "written_line",
    ),
    "klantlib.reports.quarter": (
        "carried_lines",
        "history_table",
        "quarter_segments",
        "start_next_session",
        "transition_table",
        "what_moved",
        "write_quarter_files",
    ),
    "klantlib.reports.reasons": (
        "move_reasons",
        "question_label",
        "question_text",
        "segment_reasons",
    ),
    "klantlib.reports.report": (
        "REPORT_FILES",
        "write_report",
        "write_session_report",
    ),
    "klantlib.store.answer_files": ("add_example_answers",),
    "klantlib.store.customer_file": (
        "session_header",
        "use_customers_file",
    ),
    "klantlib.store.segmentation": (
        "segment_session",
        "session_set_aside",
        "session_to_decide",
    ),
    "klantlib.store.session": ("Session",),
    "klantlib.store.workspace": (
        "create_next_session",
        "create_session",
        "list_sessions",
        "open_session",
        "start_session",
    ),
    "klantlib.widgets.answer_form": ("AnswerForm",),
    "klantlib.widgets.band_picker": ("BandPicker",),
    "klantlib.widgets.consensus_view": ("ConsensusView",),
    "klantlib.widgets.grid_editor": ("GridEditor",),
    "klantlib.widgets.plan_editor": ("PlanEditor",),
    "klantlib.widgets.quarter_view": ("QuarterView",),
    "klantlib.widgets.report_button": ("ReportButton",),
    "klantlib.widgets.room_picker": ("RoomPicker",),
    "klantlib.widgets.upload": ("CustomerFilePicker",),
    "klantlib.widgets.workshop_app": ("WorkshopApp",),
}
_EXPORTS: dict[str, str] = {name: module for module, names in _PUBLIC.items() for name in names}
__all__ = sorted(_EXPORTS)


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
    from klantlib.core.consensus import CountedAnswers, counted_answers
    from klantlib.core.customers import (
        OPTIONAL_COLUMNS,
        REQUIRED_COLUMNS,
        customer_table,
    )
    from klantlib.core.method import (
        Segmentation,
        segment_customers,
    )
    from klantlib.core.moves import (
        compare_segments,
        quarter_history,
    )
    from klantlib.core.pareto import (
        ParetoPoint,
        customer_shares,
        pareto_point,
        top_share,
    )
    from klantlib.core.plan import favourites_by_segment
    from klantlib.core.questions import (
        ANSWERS,
        QUESTIONS,
        answer_table,
        match_answers,
        parse_answer,
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
        workshop_app,
    )
    from klantlib.reports.matrix import matrix_chart
    from klantlib.reports.moves_chart import moves_chart
    from klantlib.reports.plots import (
        band_chart,
        pareto_chart,
    )
    from klantlib.reports.present import (
        answers_line,
        customer_list_table,
        favourites_table,
        history_view,
        moves_table,
        open_line,
        pareto_line,
        portfolio_progress_table,
        question_table,
        segment_table,
        session_line,
        summary_table,
        thresholds_line,
        to_decide_text,
        written_line,
    )
    from klantlib.reports.quarter import (
        carried_lines,
        history_table,
        quarter_segments,
        start_next_session,
        transition_table,
        what_moved,
        write_quarter_files,
    )
    from klantlib.reports.reasons import (
        move_reasons,
        question_label,
        question_text,
        segment_reasons,
    )
    from klantlib.reports.report import REPORT_FILES, write_report, write_session_report
    from klantlib.store.answer_files import add_example_answers
    from klantlib.store.customer_file import session_header, use_customers_file
    from klantlib.store.segmentation import (
        segment_session,
        session_set_aside,
        session_to_decide,
    )
    from klantlib.store.session import Session
    from klantlib.store.workspace import (
        create_next_session,
        create_session,
        list_sessions,
        open_session,
        start_session,
    )
    from klantlib.widgets.answer_form import AnswerForm
    from klantlib.widgets.band_picker import BandPicker
    from klantlib.widgets.consensus_view import ConsensusView
    from klantlib.widgets.grid_editor import GridEditor
    from klantlib.widgets.plan_editor import PlanEditor
    from klantlib.widgets.quarter_view import QuarterView
    from klantlib.widgets.report_button import ReportButton
    from klantlib.widgets.room_picker import RoomPicker
    from klantlib.widgets.upload import (
        CustomerFilePicker,
    )
    from klantlib.widgets.workshop_app import WorkshopApp
