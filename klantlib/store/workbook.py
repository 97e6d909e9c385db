"""The kit's one writer of ``.xlsx`` files (edge): sheets of tables, formula-safe in one place.

Every workbook the kit writes — the report's, a participant's answer sheet — is written here,
streamed (50,000 customers stay quick) and atomically (:func:`written_atomically`). A text cell
that a spreadsheet would take for a formula or an error value (``=…``, ``+…``, ``#N/A``) is
written as text, with Excel's quote prefix so it stays text when someone edits it; numbers get
the number format of their column's kind (money, share, hours).
"""

from __future__ import annotations

import contextlib
import math
import numbers
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from klantlib.i18n import text
from klantlib.store.exports import FORMULA_STARTS, written_atomically

__all__ = [
    "HOURS_FORMAT",
    "MONEY_FORMAT",
    "PERCENT_FORMAT",
    "Sheet",
    "Table",
    "missing",
    "sheet_title",
    "text_value",
    "write_workbook",
]

MONEY_FORMAT = '"€" #,##0.00'
PERCENT_FORMAT = "0.0%"
HOURS_FORMAT = "#,##0.0"

_ERROR_CODES = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class Table:
    """A table as the report shows it: headers in the language, raw values, one kind per
    column (``money``, ``share``, ``hours``, ``whole`` or ``text``)."""

    headers: list[str]
    kinds: list[str]
    rows: list[list[object]]
    footer: list[object] | None = None
    notes: list[str] = field(default_factory=list)


def missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def text_value(value: object, lang: str) -> str:
    """A cell that is not a number, as text."""
    if isinstance(value, bool | np.bool_):
        return text("answer.yes" if value else "answer.no", lang)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(v) for v in value)
    return str(value)


@dataclass
class Sheet:
    title: str
    table: Table
    filtered: bool


def sheet_title(wanted: str, used: set[str]) -> str:
    """A sheet name Excel accepts: no ``[]:*?/\\``, at most 31 characters, not used yet."""
    title = _SHEET_NAME_FORBIDDEN.sub("_", _ILLEGAL_XML.sub("", wanted)).strip("' ") or "_"
    title = title[:31]
    number = 1
    candidate = title
    while candidate.casefold() in used:
        number += 1
        suffix = f" ({number})"
        candidate = title[: 31 - len(suffix)] + suffix
    used.add(candidate.casefold())
    return candidate


_FORMATS = {"money": MONEY_FORMAT, "share": PERCENT_FORMAT, "hours": HOURS_FORMAT}


def write_workbook(sheets: Sequence[Sheet], path: Path, lang: str) -> None:
    """Write ``sheets`` (titles made acceptable with :func:`sheet_title`) to ``path``: a bold
    header row that stays in view, columns as wide as their content (8 to 60 characters), a
    filter on sheets marked ``filtered``, a footer row and notes under the table."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)  # streams the rows: 50,000 customers stay quick
    bold = Font(bold=True)
    try:
        for sheet in sheets:
            _write_sheet(workbook.create_sheet(sheet.title), sheet, lang, bold)
        with written_atomically(path) as temporary:
            workbook.save(temporary)
    except BaseException:
        _discard(workbook)
        raise


def _discard(workbook: Any) -> None:
    """Close the streamed sheets of a workbook that was not saved and remove their temporary
    files (else they are closed half-way when Python collects them, with a warning)."""
    for worksheet in workbook.worksheets:
        writer = getattr(worksheet, "_writer", None)
        if writer is None:
            continue
        if not worksheet.closed:
            with contextlib.suppress(Exception):
                worksheet.close()
        with contextlib.suppress(Exception):
            writer.cleanup()


def _write_sheet(worksheet: Any, sheet: Sheet, lang: str, bold: Any) -> None:
    from openpyxl.utils import get_column_letter

    table = sheet.table
    for index, size in enumerate(_widths(table), start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = size
    worksheet.freeze_panes = "A2"
    if sheet.filtered:
        last = f"{get_column_letter(len(table.headers))}{len(table.rows) + 1}"
        worksheet.auto_filter.ref = f"A1:{last}"
    worksheet.append([_xlsx_cell(worksheet, h, "text", lang, bold) for h in table.headers])
    for row in table.rows:
        worksheet.append(
            [_xlsx_cell(worksheet, v, k, lang, None) for v, k in zip(row, table.kinds, strict=True)]
        )
    if table.footer is not None:
        footer = zip(table.footer, table.kinds, strict=True)
        worksheet.append([_xlsx_cell(worksheet, v, k, lang, bold) for v, k in footer])
    if table.notes:
        worksheet.append([])
        for note in table.notes:
            worksheet.append([_xlsx_cell(worksheet, note, "text", lang, None)])


def _xlsx_cell(worksheet: Any, value: object, kind: str, lang: str, font: Any) -> object:
    """What to append for one value: the plain value where that is safe, else a cell with the
    number format, the font, or text that must stay text."""
    from openpyxl.cell import WriteOnlyCell

    if missing(value):
        return None
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        value = int(value) if kind == "whole" else float(value)  # type: ignore[call-overload]
        if kind not in _FORMATS and font is None:
            return value
        written = WriteOnlyCell(worksheet, value=value)
        if kind in _FORMATS:
            written.number_format = _FORMATS[kind]
    else:
        value = _ILLEGAL_XML.sub("", text_value(value, lang))
        risky = value.startswith(FORMULA_STARTS) or value in _ERROR_CODES
        if not risky and font is None:
            return value
        written = WriteOnlyCell(worksheet)
        written.value = value
        written.data_type = "s"  # text, never a formula or an error value
        if risky:
            written.quotePrefix = True  # and it stays text when someone edits it in Excel
    if font is not None:
        written.font = font
    return written


def _widths(table: Table) -> list[float]:
    """Column widths (in characters) that fit the header and the longest value, 8 to 60."""
    widths = []
    for index, header in enumerate(table.headers):
        kind = table.kinds[index]
        longest = len(header)
        for row in table.rows:
            value = row[index]
            if missing(value):
                continue
            if kind in ("money", "hours") and isinstance(value, numbers.Real):
                size = len(f"{float(value):,.2f}") + (2 if kind == "money" else 0)
            elif kind == "share":
                size = 6
            else:
                size = len(str(value))
            longest = max(longest, size)
        widths.append(min(60.0, max(8.0, longest + 2.0)))
    return widths
