"""The report a team takes home after the session: every file in one call (edge).

:func:`write_report` writes into one folder, in the chosen language:

- ``segments.csv``: the segment table, as :func:`write_segments_csv` writes it (bands named
  and each customer's reason said in the chosen language);
- ``crm.csv``: ``customer_id,name,segment`` (UTF-8, comma), to import the segment as a tag in
  a CRM;
- ``report.xlsx``: sheet *customers* (id, name, revenue, band, score, segment, reason, and
  account manager and hours when the customers have them; by segment A, B, C, then largest
  revenue first, ties by id; the header row frozen, an autofilter, money in €), sheet
  *summary* (customers, revenue and share per segment, a total row, the thresholds in use),
  sheet *per account manager* when the customers have account managers (per manager the
  customers in A, B, C and in total, the hours today where known, and the plan's hours when a
  plan is given; a total row), sheet *plan* when a plan is given (one row per segment,
  whatever columns the plan has), and one sheet of answers per participant when answers are
  given;
- ``report.html``: one file that opens in any browser and prints: the thresholds, the matrix,
  the summary, the table per account manager, every customer and the plan. Its style is
  inside the file; it has no scripts and links to nothing (the matrix is embedded as a
  ``data:`` image);
- ``matrix.png`` and ``matrix.pdf`` when a ``matrix`` function is given: the same figure, the
  PDF one A4 landscape page.

No cell of the workbook is ever a formula: text is stored as text, also a name such as
``=SUM(A1)``, ``+32 475`` or ``#N/A``, and text a spreadsheet would read as a formula when it
is typed in again is marked with Excel's quote prefix. Names keep their quotes, semicolons and
accents exactly. The CSV files get the leading apostrophe of
:func:`klantlib.store.exports.spreadsheet_safe`.

Every file is first written into a hidden folder inside the output folder and moved into place
only when all of them are complete: a failure leaves no half file and no new file at all, and
a report already in the folder stays as it was.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import numbers
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from klantlib.core.method import Segmentation
from klantlib.core.plan import (
    APPROACHES,
    CHANNELS,
    SegmentPlan,
    plan_from_table,
    plan_hours_by_manager,
    segments_by_manager,
)
from klantlib.core.questions import QUESTIONS, answer_table
from klantlib.core.segments import SEGMENTS
from klantlib.errors import KlantlibError
from klantlib.i18n import (
    CATALOGUE,
    check_language,
    format_money,
    format_number,
    format_share,
    get_language,
    text,
)
from klantlib.reports.present import MONEY_COLUMNS, open_line, thresholds_line
from klantlib.reports.reasons import question_label, segments_in_words
from klantlib.store.exports import out_folder, owner_only, spreadsheet_safe, write_csv
from klantlib.store.workbook import (
    Sheet,
    Table,
    missing,
    sheet_title,
    text_value,
    write_workbook,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from klantlib.store.session import Session

__all__ = [
    "A4_LANDSCAPE",
    "EXPORT_COLUMNS",
    "REPORT_FILES",
    "segments_for_export",
    "write_report",
    "write_segments_csv",
    "write_session_report",
]

EXPORT_COLUMNS: tuple[str, ...] = (
    "customer_id",
    "name",
    "revenue",
    "band",
    "score",
    "segment",
    "reason",
)
"""The columns of ``segments.csv`` and of the workbook's sheet of customers."""

"""Where the notebooks write reports, relative to the kit's folder (git ignores it)."""

REPORT_FILES: tuple[str, ...] = (
    "segments.csv",
    "crm.csv",
    "report.xlsx",
    "report.html",
    "matrix.png",
    "matrix.pdf",
)
"""The files :func:`write_report` writes, in this order (the matrix files only with a matrix)."""

A4_LANDSCAPE: tuple[float, float] = (11.69, 8.27)
"""The matrix figure's size in inches: one A4 page, landscape."""

PNG_DPI = 150

CRM_COLUMNS: tuple[str, ...] = ("customer_id", "name", "segment")

CUSTOMER_EXTRA_COLUMNS: tuple[str, ...] = ("account_manager", "hours")
"""Columns the sheet of customers adds after :data:`EXPORT_COLUMNS` when the customers have
them (``segments.csv`` keeps its columns)."""


def write_report(
    result: Segmentation,
    out_dir: str | Path,
    *,
    lang: str | None = None,
    answers: Mapping[str, pd.DataFrame] | None = None,
    plan: pd.DataFrame | None = None,
    matrix: Callable[..., Axes] | None = None,
    session: str | None = None,
    to_decide: pd.DataFrame | None = None,
) -> dict[str, Path]:
    """Write the report of ``result`` into ``out_dir`` (made when missing); file name -> path.

    ``answers`` maps each participant to their answers (as :meth:`Session.answer_table` gives
    them) for one sheet each; ``plan`` is the plan per segment (one row per segment, as
    :func:`klantlib.core.plan.plan_table` gives it); ``matrix`` draws the matrix when called as
    ``matrix(result, lang=lang, ax=ax)`` on an A4 landscape Axes (the figure is closed afterwards);
    ``session`` is the session's name, shown in the title; ``to_decide`` the customers whose
    answers differ without a team decision (as
    :func:`klantlib.store.segmentation.session_to_decide` gives them), listed in a sheet and a
    section of their own when there are any.
    """
    lang = check_language(lang) if lang is not None else get_language()
    out = out_folder(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out, prefix=".klantlib-report-"))
    try:
        staged = _write_files(result, staging, lang, answers, plan, matrix, session, to_decide)
        written = {}
        for name, path in staged.items():
            owner_only(path)  # customer data: the owner's only
            os.replace(path, out / name)
            written[name] = out / name
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_session_report(
    session: Session,
    out_dir: str | Path | None = None,
    *,
    participant: str | None = None,
    lang: str | None = None,
) -> dict[str, Path]:
    """Write the report of a session: its segmentation (the answers
    :meth:`Session.whose_answers` picks, or ``participant``'s), every participant's answers,
    its plan and the matrix, into ``out_dir`` (default ``data/rapporten/<session>/`` in the
    kit's folder); file name -> path."""
    from klantlib.core.plan import plan_table
    from klantlib.paths import REPORT_FOLDER, kit_root
    from klantlib.reports.matrix import matrix_chart
    from klantlib.store.segmentation import segment_session, session_to_decide

    lang = check_language(lang) if lang is not None else get_language()
    folder = Path(out_dir) if out_dir is not None else kit_root() / REPORT_FOLDER / session.name
    return write_report(
        segment_session(session, participant or None),
        folder,
        lang=lang,
        answers={p: session.answer_table(p) for p in session.participants()},
        plan=plan_table(session.plan),
        # the workshop's question on every export: where do the favourites land?
        # with a room's list, its customers are the ones named (and the favourites)
        matrix=functools.partial(
            matrix_chart,
            favourites=session.favourite_ids(),
            named=session.room_ids() or None,
        ),
        session=session.name,
        to_decide=None if participant else session_to_decide(session),
    )


def _write_files(
    result: Segmentation,
    folder: Path,
    lang: str,
    answers: Mapping[str, pd.DataFrame] | None,
    plan: pd.DataFrame | None,
    matrix: Callable[..., Axes] | None,
    session: str | None,
    to_decide: pd.DataFrame | None = None,
) -> dict[str, Path]:
    plan_frame = _plan_frame(plan) if plan is not None else None
    segments = _segments(result, lang)
    files: dict[str, Path] = {
        "segments.csv": write_csv(segments, folder / "segments.csv"),
        "crm.csv": write_csv(result.customers[list(CRM_COLUMNS)], folder / "crm.csv"),
    }
    images = _matrix_images(result, matrix, lang) if matrix is not None else None
    tables = _Tables(  # once, for the workbook and the page
        customers=_customer_table(result, segments, lang),
        summary=_summary_table(result, lang, session),
        plan=_plan_table(plan_frame, lang) if plan_frame is not None else None,
        managers=_manager_table(result, plan_frame, lang),
        to_decide=_decide_table(to_decide, lang),
    )
    files["report.xlsx"] = folder / "report.xlsx"
    write_workbook(_sheets(result, tables, lang, answers), files["report.xlsx"], lang)
    files["report.html"] = folder / "report.html"
    page = _html(result, tables, lang, images[0] if images else None, session)
    files["report.html"].write_text(page, encoding="utf-8", newline="\n")
    if images is not None:
        files["matrix.png"] = folder / "matrix.png"
        files["matrix.png"].write_bytes(images[0])
        files["matrix.pdf"] = folder / "matrix.pdf"
        files["matrix.pdf"].write_bytes(images[1])
    return files


# ------------------------------------------------------------------------------------------
# The matrix
# ------------------------------------------------------------------------------------------


def _matrix_images(
    result: Segmentation, matrix: Callable[..., Axes], lang: str
) -> tuple[bytes, bytes]:
    """The matrix figure as PNG and as a one-page A4 landscape PDF; the figure is closed."""
    import matplotlib.pyplot as plt

    # Drawn on an A4 figure from the start: the chart fits its names to the room it has, so
    # the figure must not be resized after drawing.
    figure, ax = plt.subplots(figsize=A4_LANDSCAPE, layout="constrained")
    try:
        matrix(result, lang=lang, ax=ax)
        png, pdf = io.BytesIO(), io.BytesIO()
        figure.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
        figure.savefig(
            pdf,
            format="pdf",
            metadata={"Title": text("report.title", lang), "Creator": None, "CreationDate": None},
        )
    finally:
        plt.close(figure)
    return png.getvalue(), pdf.getvalue()


# ------------------------------------------------------------------------------------------
# Tables, once for the workbook and the page
# ------------------------------------------------------------------------------------------


def _header(column: str, lang: str) -> str:
    key = f"col.{column}"
    return text(key, lang) if key in CATALOGUE else column


def _kind(column: str, values: pd.Series) -> str:
    if column in MONEY_COLUMNS:
        return "money"
    if column.endswith("share"):
        return "share"
    if "hours" in column:
        return "hours"
    if pd.api.types.is_integer_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return "whole"
    return "text"


def _segments(result: Segmentation, lang: str | None) -> pd.DataFrame:
    """The segment table in words: bands named, each customer's reason said, in ``lang``."""
    return segments_in_words(result.customers, EXPORT_COLUMNS[:-1], lang)


def segments_for_export(result: Segmentation, lang: str | None = None) -> pd.DataFrame:
    """The segment table as ``segments.csv`` holds it: bands named and reasons said in
    ``lang``, text cells spreadsheet-safe."""
    return spreadsheet_safe(_segments(result, lang))


def write_segments_csv(result: Segmentation, out_dir: str | Path, lang: str | None = None) -> Path:
    """Write ``segments.csv`` (UTF-8, comma, ``.`` decimals) into ``out_dir``; returns its path."""
    out = out_folder(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return write_csv(_segments(result, lang), out / "segments.csv")


def _customer_table(result: Segmentation, segments: pd.DataFrame, lang: str) -> Table:
    """Every customer by segment A, B, C, then largest revenue first (ties by id), with the
    account manager and the hours when the customers have them."""
    customers = result.customers
    extra = [c for c in CUSTOMER_EXTRA_COLUMNS if _known_anywhere(customers, c)]
    shown = segments.assign(**{c: customers[c] for c in extra})
    order = pd.DataFrame(
        {
            "segment": customers["segment"].astype(str),
            "revenue": customers["revenue"].astype(float),
            "customer_id": customers["customer_id"].astype(str),
        }
    ).sort_values(["segment", "revenue", "customer_id"], ascending=[True, False, True])
    shown = shown.loc[order.index]
    rows = [list(row) for row in shown.itertuples(index=False, name=None)]
    kinds = ["text", "text", "money", "text", "whole", "text", "text"]
    kinds += [_kind(c, shown[c]) for c in extra]
    return Table([_header(c, lang) for c in [*EXPORT_COLUMNS, *extra]], kinds, rows)


def _known_anywhere(customers: pd.DataFrame, column: str) -> bool:
    """Whether ``column`` is there with at least one value (an empty text is no value)."""
    if column not in customers.columns:
        return False
    values = customers[column]
    if pd.api.types.is_numeric_dtype(values):
        return bool(values.notna().any())
    return bool((values.fillna("").astype(str).str.strip() != "").any())


def _manager_table(result: Segmentation, plan: pd.DataFrame | None, lang: str) -> Table | None:
    """Per account manager: customers in A, B, C and in total, the customers whose hours are
    known and those hours, and the hours the plan needs when a whole plan is given; a total
    row. None when the customers have no account managers."""
    customers = result.scored  # those set aside have no segment yet (the notes say so)
    if not _known_anywhere(result.customers, "account_manager"):
        return None
    table = segments_by_manager(customers)
    columns = [*SEGMENTS, "total"]
    headers = [text("col.account_manager", lang)]
    headers += [f"{text('col.segment', lang)} {s}" for s in SEGMENTS]
    headers.append(text("col.customers", lang))
    hours = _known_anywhere(customers, "hours")
    if hours:
        columns += ["customers_with_hours", "hours_today"]
        headers += [
            text("report.col.customers_with_hours", lang),
            text("plan.col.hours_today", lang),
        ]
    segment_plans = _segment_plans(plan) if plan is not None else None
    if segment_plans is not None:
        table["plan_hours"] = plan_hours_by_manager(customers, segment_plans)["plan_hours"]
        columns.append("plan_hours")
        headers.append(text("plan.col.plan_hours", lang))
    shown = table[columns]
    kinds = ["text"] + [_MANAGER_KINDS.get(c, "whole") for c in columns]
    rows = [[name, *values] for name, *values in shown.itertuples(index=True, name=None)]
    footer: list[object] = [text("report.total", lang)]
    footer += [shown[c].sum(min_count=1) for c in columns]
    notes = []
    if result.set_aside:
        count = format_number(len(result.set_aside), lang)
        notes.append(text("answers.set_aside", lang, count=count))
    known, total = int(table["customers_with_hours"].sum()), int(table["total"].sum())
    if hours and known < total:
        notes.append(text("report.managers_hours_note", lang, known=known, total=total))
        if segment_plans is not None:
            notes.append(text("report.managers_plan_note", lang))
    return Table(headers, kinds, rows, footer, notes)


def _decide_table(to_decide: pd.DataFrame | None, lang: str) -> Table | None:
    """The customers to decide: id, name, account manager (when known) and the questions
    whose answers differ; ``None`` when there are none."""
    if to_decide is None or to_decide.empty:
        return None
    columns = [c for c in ("customer_id", "name", "account_manager") if c in to_decide.columns]
    rows = [
        [*(record[c] for c in columns),
         ", ".join(text(f"question.{q}", lang) for q in record["questions"])]
        for record in to_decide.to_dict("records")
    ]  # fmt: skip
    headers = [_header(c, lang) for c in columns] + [text("report.col.to_decide", lang)]
    return Table(headers, ["text"] * len(headers), rows)


_MANAGER_KINDS = {"hours_today": "hours", "plan_hours": "hours"}


def _segment_plans(plan: pd.DataFrame) -> dict[str, SegmentPlan] | None:
    """The plan per segment behind a plan table, to count its hours; None when the table is
    not a whole plan (only some of the plan's columns, a segment missing, a value the plan
    cannot have): the plan sheet shows it as it is, the hours are left out."""
    needed = {"segment", "approach", "channels", "contacts_per_year"}
    if not needed <= {str(c) for c in plan.columns}:
        return None
    try:
        return plan_from_table(plan)
    except KlantlibError:
        return None


def _summary_table(result: Segmentation, lang: str, session: str | None) -> Table:
    summary = result.summary.reset_index()
    columns = list(summary.columns)
    kinds = ["text"] + [_kind(c, summary[c]) for c in columns[1:]]
    rows = [list(row) for row in summary.itertuples(index=False, name=None)]
    footer: list[object] = [text("report.total", lang)]
    for column in columns[1:]:
        footer.append(None if column == "revenue_per_hour" else summary[column].sum())
    notes = [_title_line(result, lang, session), open_line(result, lang)]
    notes += [notice.message(lang) for notice in result.notices]
    return Table([_header(c, lang) for c in columns], kinds, rows, footer, notes)


def _plan_frame(plan: pd.DataFrame) -> pd.DataFrame:
    """The plan with its segment (the index, when named or not a plain count) as a column."""
    if plan.index.name is not None or not isinstance(plan.index, pd.RangeIndex):
        plan = plan.reset_index()
    return plan


def _plan_table(plan: pd.DataFrame, lang: str) -> Table:
    """The plan in the report's language: headers, approach and channels in words."""
    shown = plan.copy()
    if "approach" in shown.columns:
        shown["approach"] = shown["approach"].map(
            lambda a: text(f"plan.approach.{a}", lang) if a in APPROACHES else a
        )
    if "channels" in shown.columns:
        shown["channels"] = shown["channels"].map(lambda c: _channels_text(c, lang))
    columns = [str(c) for c in shown.columns]
    kinds = [_kind(c, shown[column]) for c, column in zip(columns, shown.columns, strict=True)]
    rows = [list(row) for row in shown.itertuples(index=False, name=None)]
    return Table([_header(c, lang) for c in columns], kinds, rows)


def _channels_text(channels: object, lang: str) -> object:
    """``visit,video`` -> ``bezoek, videogesprek``: the plan's channels in words."""
    if not isinstance(channels, str):
        return channels
    parts = [c.strip() for c in channels.split(",") if c.strip()]
    return ", ".join(text(f"plan.channel.{c}", lang) if c in CHANNELS else c for c in parts)


def _answer_table(result: Segmentation, answers: pd.DataFrame, lang: str) -> Table:
    """A participant's answers in the language, one row per customer of ``result`` in its
    order (empty cells for a customer the table does not have)."""
    canonical = answer_table(answers).set_index("customer_id")
    ids = result.customers["customer_id"]
    shown = {a: text(f"answer.{a}", lang) for a in ("yes", "no", "unknown")}
    columns = [ids.tolist(), result.customers["name"].tolist()]
    for question in QUESTIONS:
        values = canonical[question].reindex(ids.to_numpy()).astype(object)
        columns.append([shown.get(v) if isinstance(v, str) else None for v in values])
    headers = [_header("customer_id", lang), _header("name", lang)]
    headers += [question_label(q, lang) for q in QUESTIONS]
    return Table(
        headers, ["text"] * len(headers), [list(row) for row in zip(*columns, strict=True)]
    )


def _title_line(result: Segmentation, lang: str, session: str | None) -> str:
    line = thresholds_line(result, lang)
    return text("report.session_line", lang, name=session, bands=line) if session else line


# ------------------------------------------------------------------------------------------
# The workbook
# ------------------------------------------------------------------------------------------


@dataclass
class _Tables:
    """The report's tables, built once for the workbook and the page."""

    customers: Table
    summary: Table
    plan: Table | None
    managers: Table | None = None
    to_decide: Table | None = None


def _sheets(
    result: Segmentation,
    tables: _Tables,
    lang: str,
    answers: Mapping[str, pd.DataFrame] | None,
) -> list[Sheet]:
    sheets = [
        Sheet(text("report.sheet.customers", lang), tables.customers, True),
        Sheet(text("report.sheet.summary", lang), tables.summary, False),
    ]
    if tables.managers is not None:
        sheets.append(Sheet(text("report.sheet.managers", lang), tables.managers, False))
    if tables.to_decide is not None:
        sheets.append(Sheet(text("report.sheet.to_decide", lang), tables.to_decide, True))
    if tables.plan is not None:
        sheets.append(Sheet(text("report.sheet.plan", lang), tables.plan, False))
    for participant, table in (answers or {}).items():
        title = text("report.sheet.answers", lang, participant=participant)
        sheets.append(Sheet(title, _answer_table(result, table, lang), True))
    used: set[str] = set()
    for sheet in sheets:
        sheet.title = sheet_title(sheet.title, used)
    return sheets


# ------------------------------------------------------------------------------------------
# The page
# ------------------------------------------------------------------------------------------

_STYLE = """
body { font-family: "Segoe UI", Calibri, Arial, sans-serif; color: #222; margin: 2em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
p.lead { color: #444; margin-top: 0; }
p.note { color: #444; font-size: 0.9em; }
ul.notices { color: #8a4b00; }
img.matrix { max-width: 100%; height: auto; border: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { padding: 0.25em 0.6em; border-bottom: 1px solid #e2e2e2; text-align: left;
  vertical-align: top; }
th { background: #f2f2f2; }
td.num, th.num { text-align: right; white-space: nowrap; }
tfoot td { font-weight: bold; border-top: 2px solid #999; }
@page { size: A4 landscape; margin: 12mm; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
""".strip()


def _html(
    result: Segmentation,
    tables: _Tables,
    lang: str,
    png: bytes | None,
    session: str | None,
) -> str:
    def e(value: object) -> str:
        return html.escape(str(value), quote=True)

    title = text("report.title", lang)
    heading = f"{title} — {session}" if session else title
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(heading)}</title>",
        f"<style>\n{_STYLE}\n</style>",
        "</head>",
        "<body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="lead">{e(_title_line(result, lang, session))}<br>'
        f"{e(open_line(result, lang))}</p>",
    ]
    if result.notices:
        parts.append('<ul class="notices">')
        parts += [f"<li>{e(n.message(lang))}</li>" for n in result.notices]
        parts.append("</ul>")
    if png is not None:
        data = base64.b64encode(png).decode("ascii")
        parts += [
            f"<h2>{e(text('report.matrix', lang))}</h2>",
            f'<img class="matrix" src="data:image/png;base64,{data}"'
            f' alt="{e(text("report.matrix_alt", lang))}">',
        ]
    parts += [f"<h2>{e(text('report.summary', lang))}</h2>", _html_table(tables.summary, lang)]
    if tables.managers is not None:
        parts += [
            f"<h2>{e(text('report.managers', lang))}</h2>",
            _html_table(tables.managers, lang),
        ]
        parts += [f'<p class="note">{e(note)}</p>' for note in tables.managers.notes]
    if tables.to_decide is not None:
        parts += [
            f"<h2>{e(text('report.to_decide', lang))}</h2>",
            f'<p class="note">{e(text("report.to_decide_note", lang))}</p>',
            _html_table(tables.to_decide, lang),
        ]
    parts += [
        f"<h2>{e(text('report.customers', lang))}</h2>",
        _html_table(tables.customers, lang),
    ]
    if tables.plan is not None:
        parts += [
            f"<h2>{e(text('report.plan', lang))}</h2>",
            _html_table(tables.plan, lang),
        ]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _html_table(table: Table, lang: str) -> str:
    def e(value: object) -> str:
        return html.escape(str(value), quote=True)

    def row(values: Iterable[object], tag: str) -> str:
        cells = []
        for value, kind in zip(values, table.kinds, strict=True):
            shown = _shown(value, kind, lang)
            number = kind != "text" or (
                isinstance(value, numbers.Real) and not isinstance(value, bool)
            )
            css = ' class="num"' if number else ""
            cells.append(f"<{tag}{css}>{e(shown)}</{tag}>")
        return "<tr>" + "".join(cells) + "</tr>"

    lines = ["<table>", "<thead>", row(table.headers, "th"), "</thead>", "<tbody>"]
    lines += [row(values, "td") for values in table.rows]
    lines.append("</tbody>")
    if table.footer is not None:
        lines += ["<tfoot>", row(table.footer, "td"), "</tfoot>"]
    lines.append("</table>")
    return "\n".join(lines)


def _shown(value: object, kind: str, lang: str) -> str:
    """A value as the page shows it, in the language."""
    if missing(value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return _number_text(float(value), kind, lang)
    return text_value(value, lang)


@functools.lru_cache(maxsize=4096)
def _number_text(value: float, kind: str, lang: str) -> str:
    if kind == "money":
        return format_money(value, lang)
    if kind == "share":
        return format_share(value, lang)
    if kind == "hours":
        return format_number(value, lang, decimals=1)
    return format_number(value, lang, decimals=0 if value.is_integer() else 2)
