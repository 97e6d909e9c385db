"""Loading a team's own export into the canonical customer table (edge: a file in, a table out).

One path for every file: recognise the file (:mod:`klantlib.sources`), find the header row and
the columns (:mod:`klantlib.columns`), drop blank and total rows, read amounts
(:mod:`klantlib.amounts`) and, for invoice lines, dates and the period
(:mod:`klantlib.invoices`), then check the result as a customer table. Every problem names the
file, the row as a spreadsheet shows it, the column and the value; they come in one message.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from klantlib.amounts import detect_number_style, parse_amounts
from klantlib.columns import ColumnMap, find_header_row, recognise_columns
from klantlib.customers import OPTIONAL_COLUMNS, cell_text, customer_table
from klantlib.errors import InputError, Notice
from klantlib.i18n import format_number, text
from klantlib.invoices import aggregate_invoice_lines, choose_period, parse_dates
from klantlib.sources import SAMPLE_BYTES, Source, inspect_source, read_spreadsheet_rows

__all__ = ["LoadReport", "load_customers"]

HEADER_SEARCH_ROWS = 20
_TOTAL = re.compile(r"^\s*(sub|eind|grand\s*)?tota(a)?l\b|^\s*(som|sum)\s*$", re.IGNORECASE)
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


@dataclass(frozen=True)
class LoadReport:
    """What the loader understood of a file, to show the team before they trust the numbers."""

    file: str
    kind: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    header_row: int
    columns: dict[str, str]
    number_style: str | None
    data_rows: int
    skipped: list[tuple[int, str]] = field(default_factory=list)
    invoice_lines: bool = False
    period: str | None = None
    lines_used: int = 0
    lines_outside: int = 0
    credit_lines: int = 0
    merged_names: list[tuple[str, list[str]]] = field(default_factory=list)
    customers: int = 0

    def lines(self, lang: str | None = None) -> list[str]:
        """The report as sentences in ``lang``."""
        out = [text(f"load.kind.{self.kind}", lang, file=self.file)]
        if self.kind == "csv":
            out.append(
                text(
                    "load.text_format",
                    lang,
                    encoding=self.encoding,
                    delimiter=text(f"load.delimiter.{_DELIMITER_NAMES[self.delimiter]}", lang),
                )
            )
        elif self.sheet:
            out.append(text("load.sheet", lang, sheet=self.sheet))
        out.append(text("load.header_row", lang, row=self.header_row))
        mapped = [f"{text(f'field.{f}', lang)} ← '{h}'" for f, h in self.columns.items()]
        out.append(text("load.columns", lang, columns=", ".join(mapped)))
        style = self.number_style or "none"
        out.append(text("load.number_style", lang, style=text(f"load.style.{style}", lang)))
        for row, reason in self.skipped[:10]:
            out.append(
                text("load.skipped", lang, row=row, reason=text(f"load.skip.{reason}", lang))
            )
        if len(self.skipped) > 10:
            out.append(text("error.more_problems", lang, count=len(self.skipped) - 10))
        if self.invoice_lines:
            out.append(
                text(
                    "load.invoices",
                    lang,
                    period=self.period,
                    used=format_number(self.lines_used, lang),
                    outside=format_number(self.lines_outside, lang),
                    credits=format_number(self.credit_lines, lang),
                )
            )
            for shown, spellings in self.merged_names[:10]:
                out.append(text("load.merged", lang, name=shown, spellings=" / ".join(spellings)))
        out.append(text("load.customers", lang, count=format_number(self.customers, lang)))
        return out


def load_customers(
    path: str | Path,
    *,
    year: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    sheet: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, LoadReport]:
    """The canonical customer table from a customer list or invoice lines, and a report.

    ``columns`` maps fields to headers where the recognition needs help
    (``{"revenue": "Omzet 2025"}``). For invoice lines ``year`` or ``date_from``/``date_to``
    choose the period; without them the file must hold one year only.
    """
    source = inspect_source(path, sheet=sheet)
    try:
        return _load(source, year=year, date_from=date_from, date_to=date_to, columns=columns)
    except InputError as exc:
        raise exc.with_source(source.path.name) from None


def _load(
    source: Source,
    *,
    year: int | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    columns: Mapping[str, str] | None,
) -> tuple[pd.DataFrame, LoadReport]:
    table, header_index = _read_table(source, columns)
    first_row = header_index + 2  # the spreadsheet row of the first data row
    mapping = recognise_columns(list(table.columns), columns, year=year)
    keep, skipped = _rows_to_keep(table, mapping, first_row)
    rows = [first_row + i for i in range(len(table)) if keep[i]]

    problems: list[Notice] = []
    kept = pd.Series(keep, index=table.index)
    blanked = table.where(kept, "", axis=0)  # dropped rows read as empty: same positions
    style = _number_style(blanked[mapping["revenue"]], mapping["revenue"], first_row, None)
    numbers: dict[str, pd.Series] = {}
    for name in ("revenue", *(c for c, kind in OPTIONAL_COLUMNS.items() if kind == "number")):
        if name not in mapping:
            continue
        header = mapping[name]
        column_style = _number_style(blanked[header], header, first_row, style)
        numbers[name] = _collect(
            problems,
            lambda h=header, s=column_style: parse_amounts(
                blanked[h], column=h, style=s, first_row=first_row
            ),
        )

    invoice_lines = "date" in mapping and _repeats(blanked, mapping, keep)
    dates = None
    if invoice_lines:
        dates = _collect(
            problems,
            lambda: parse_dates(
                blanked[mapping["date"]], column=mapping["date"], first_row=first_row
            ),
        )
    if problems:
        raise InputError(problems)

    report = dict(
        file=source.path.name,
        kind=source.kind,
        encoding=source.encoding,
        delimiter=source.delimiter,
        sheet=source.sheet,
        header_row=header_index + 1,
        columns=dict(mapping.fields),
        number_style=style,
        data_rows=int(sum(keep)),
        skipped=skipped,
    )
    if invoice_lines:
        lines = pd.DataFrame(
            {"name": blanked[mapping["name"]], "revenue": numbers["revenue"], "date": dates}
        )
        if "customer_id" in mapping:
            lines["customer_id"] = blanked[mapping["customer_id"]].map(cell_text)
        period = choose_period(dates[kept], year=year, start=date_from, end=date_to)
        result = aggregate_invoice_lines(lines[kept], period)
        customers = customer_table(result.customers)
        report.update(
            invoice_lines=True,
            period=period.label(),
            lines_used=result.lines_used,
            lines_outside=result.lines_outside,
            credit_lines=result.credit_lines,
            merged_names=result.merged_names,
        )
    else:
        listed = pd.DataFrame(index=table.index)
        listed["customer_id"] = (
            table[mapping["customer_id"]] if "customer_id" in mapping else _numbered(table, mapping)
        )
        listed["name"] = table[mapping["name"]]
        for name, values in numbers.items():
            listed[name] = values
        if "account_manager" in mapping:
            listed["account_manager"] = table[mapping["account_manager"]]
        listed = listed.loc[kept].reset_index(drop=True)
        _check_one_name_per_id(listed, rows)
        customers = customer_table(listed, rows=rows)
    report["customers"] = len(customers)
    return customers, LoadReport(**report)


def _collect(problems: list[Notice], read: Callable[[], pd.Series]) -> pd.Series | None:
    """Run ``read``; keep its problems for one combined message."""
    try:
        return read()
    except InputError as exc:
        problems.extend(exc.problems)
        return None


def _read_table(source: Source, columns: Mapping[str, str] | None) -> tuple[pd.DataFrame, int]:
    """The file's data as text cells under its header row, and the header row's index."""
    if source.kind == "spreadsheet":
        rows = read_spreadsheet_rows(source)
        header_index = find_header_row(rows, columns, look_at=HEADER_SEARCH_ROWS)
        header = _unique_headers(rows[header_index] if rows else [])
        body = [list(r) + [""] * (len(header) - len(r)) for r in rows[header_index + 1 :]]
        table = pd.DataFrame([r[: len(header)] for r in body], columns=header, dtype=object)
        return table.fillna(""), header_index
    with source.path.open("rb") as stream:
        sample = stream.read(SAMPLE_BYTES).decode(source.encoding, errors="ignore")
    head = list(csv.reader(io.StringIO(sample), delimiter=source.delimiter))[:HEADER_SEARCH_ROWS]
    header_index = find_header_row(head, columns, look_at=HEADER_SEARCH_ROWS)
    header = _unique_headers(head[header_index] if head else [])
    table = pd.read_csv(
        source.path,
        encoding=source.encoding,
        sep=source.delimiter,
        header=None,
        names=header,
        skiprows=header_index + 1,
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
        index_col=False,
    )
    return table.fillna(""), header_index


def _unique_headers(cells: list[object]) -> list[str]:
    """Headers as text, empty ones named by position, repeats numbered (``Bedrag (2)``)."""
    seen: dict[str, int] = {}
    out = []
    for position, cell in enumerate(cells):
        name = cell_text(cell) or f"({position + 1})"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _rows_to_keep(
    table: pd.DataFrame, mapping: ColumnMap, first_row: int
) -> tuple[list[bool], list[tuple[int, str]]]:
    """Blank rows and total rows are dropped; each one is reported with its row."""
    cells = table.astype(str).apply(lambda c: c.str.strip())
    blank = (cells == "").all(axis=1).to_numpy()
    labels = [mapping[f] for f in ("name", "customer_id") if f in mapping]
    total = pd.Series(False, index=table.index)
    for label in labels:
        total |= cells[label].str.match(_TOTAL)
    keep, skipped = [], []
    for i, (is_blank, is_total) in enumerate(zip(blank, total.to_numpy(), strict=True)):
        if is_blank:
            keep.append(False)
            if i < len(table) - 1 and not blank[i + 1 :].all():
                skipped.append((first_row + i, "blank"))
        elif is_total:
            keep.append(False)
            skipped.append((first_row + i, "total"))
        else:
            keep.append(True)
    return keep, skipped


def _number_style(
    values: pd.Series, column: str, first_row: int, fallback: str | None
) -> str | None:
    """The column's own number style; where its evidence is only ambiguous or absent, the
    file's (the revenue column's) style. A conflict is left for ``parse_amounts`` to report."""
    try:
        return detect_number_style(values, column=column, first_row=first_row) or fallback
    except InputError as exc:
        if fallback is not None and all(p.key == "error.amount_ambiguous" for p in exc.problems):
            return fallback
        return None


def _repeats(table: pd.DataFrame, mapping: ColumnMap, keep: list[bool]) -> bool:
    """Invoice lines: some customer appears on more than one row."""
    key = mapping["customer_id"] if "customer_id" in mapping else mapping["name"]
    values = table.loc[keep, key].astype(str).str.strip().str.casefold()
    return bool(values.duplicated().any())


def _numbered(table: pd.DataFrame, mapping: ColumnMap) -> pd.Series:
    """Ids for a list without an id column: N1, N2, … in file order."""
    width = len(str(len(table)))
    return pd.Series([f"N{i + 1:0{width}d}" for i in range(len(table))], index=table.index)


def _check_one_name_per_id(listed: pd.DataFrame, rows: list[int]) -> None:
    """The same customer id with two different names is an error naming both rows."""
    ids = listed["customer_id"].map(cell_text)
    names = listed["name"].map(cell_text)
    first: dict[str, int] = {}
    problems = []
    for position, (cid, name) in enumerate(zip(ids, names, strict=True)):
        if not cid:
            continue
        if cid in first and names[first[cid]] != name:
            problems.append(
                Notice(
                    "error.id_two_names",
                    {
                        "row": rows[position],
                        "value": cid,
                        "name": name,
                        "first_row": rows[first[cid]],
                        "first_name": names[first[cid]],
                    },
                )
            )
        first.setdefault(cid, position)
    if problems:
        raise InputError(problems)
