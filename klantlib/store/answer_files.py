"""Answer spreadsheets: a participant's answers read into a session and written out (edge).

An answer file has a header row and one row per customer: ``customer_id`` and any of the four
questions (Dutch or English names, any case: ``Marge``, ``margin``, ``INNOVATIE``), and
optionally ``note``/``notitie``, ``favourite``/``favoriet`` and ``time``/``tijd``. ``name``/
``naam`` and ``changed_at`` are allowed and not read (the session knows the name; the time of a
change is the time it is stored). Any other column is an error, so a misspelt question column
cannot be ignored without anyone noticing.

Reading (:func:`import_answers`):

- CSV (``,`` ``;`` tab or ``|``, UTF-8 with or without BOM, UTF-16, cp1252 — recognised by
  :func:`klantlib.ingest.sources.inspect_source`) or a spreadsheet (``.xlsx``, ``.xlsm``,
  ``.ods``, read with calamine by :func:`klantlib.ingest.sources.read_sheet`). The header is
  the first row that is not blank; blank rows are skipped, and rows keep the number a
  spreadsheet shows.
- **An empty cell stores nothing.** It means "not answered in this file", so it never erases
  what the participant already said in the session. ``?`` (or ``onbekend``/``unknown``) is an
  answer: "we do not know", stored as ``unknown``. In the favourite column ``ja``/``x``/``1``
  marks a favourite and ``nee``/``0`` takes the mark away.
- A customer id is read as text (``007`` stays ``007``). An id a spreadsheet turned into a
  number and so lost its leading zeros (``7``) is taken for the session's ``007`` when exactly
  one of its ids reads like that.
- Every cell is checked before anything is stored; any problem (unknown customer id, a value
  that is not an answer, a repeated id, an unknown column) rejects the whole file with one
  error naming the file and, per problem, row, column and value. The cells that differ from
  what the participant has now are then stored with one :meth:`Session.record_many`: one
  transaction, all or nothing. Importing the same file twice stores nothing the second time.

Writing (:func:`write_answer_file`): CSV or XLSX by the file's extension, one row per customer
of the session in session order. The kit's own columns keep their names in every language
(``customer_id``, ``name``, ``note``, ``favourite``, ``time``, ``changed_at``, as in
``segments.csv``); the four question columns are named in the output language, as in the
sample answer files (nl ``marge,cashflow,innovatie,netwerk``; en
``margin,cashflow,innovation,network``). Values are written in that language too: ``ja`` /
``nee`` / ``?`` (en ``yes`` / ``no`` / ``?``), a favourite as ``ja`` (``yes``), a time estimate
as hours (``12.5``) or as ``weinig`` / ``gemiddeld`` / ``veel`` (``little`` / ``average`` /
``much``); a field with no value stays empty. ``changed_at`` is the time (UTC) of the
participant's latest change to that customer. Text cells are protected against being taken for
a formula (a leading apostrophe, as :func:`klantlib.store.exports.spreadsheet_safe` does), in a way
reading undoes exactly. The file is written under a temporary name and renamed: a failed export
leaves no half file.

Round trip: reading a file this module wrote, into a session where the participant has said
nothing yet (or into the session it came from), and writing it again gives the same file except
``changed_at``.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from klantlib.core.customers import cell_text
from klantlib.core.portfolios import check_manager, portfolio_mask
from klantlib.core.questions import QUESTION_COLUMN_NAMES, QUESTIONS, parse_answer
from klantlib.errors import InputError, KlantlibError, Notice, Problems
from klantlib.i18n import get_language, text
from klantlib.ingest.sources import inspect_source, read_sheet
from klantlib.store.exports import write_csv
from klantlib.store.session import (
    FIELDS,
    TIME_WORDS,
    TIME_WORDS_READ,
    Session,
    check_participant,
    check_value,
)
from klantlib.store.workbook import Sheet, Table, sheet_title, write_workbook

__all__ = [
    "EXAMPLE_ANSWERS",
    "add_example_answers",
    "ANSWER_FILE_SUFFIXES",
    "ExportReport",
    "ImportReport",
    "answer_sheet",
    "check_answer_file_kind",
    "import_answers",
    "read_answer_file",
    "write_answer_file",
]

ANSWER_FILE_SUFFIXES = (".csv", ".xlsx")
"""The kinds of answer file :func:`write_answer_file` writes."""

_HEADERS: dict[str, str] = {
    **QUESTION_COLUMN_NAMES,
    "customerid": "customer_id",
    "name": "name",
    "naam": "name",
    "note": "note",
    "notitie": "note",
    "favourite": "favourite",
    "favorite": "favourite",
    "favoriet": "favourite",
    "time": "time",
    "tijd": "time",
    "changedat": "changed_at",
}
"""Headers an answer file may have, compared without case, spaces, dashes or underscores."""

_PROTECTED = re.compile(r"'*[=+\-@\t\r]")


# ------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRows:
    """What an answer file says: ``(customer_id, field, value as stored)`` per filled cell."""

    changes: list[tuple[str, str, str | None]]
    rows: int  # rows with a customer
    columns: dict[str, str]  # field -> header as in the file


def read_answer_file(path: str | Path, customer_ids: Collection[str], session: str) -> AnswerRows:
    """The filled cells of an answer file, checked against the session's ``customer_ids``.

    Every problem is collected into one :class:`InputError` naming the file; nothing is read
    half. ``session`` is the session's name, for the messages.
    """
    path = Path(path)
    rows = _file_rows(path)
    try:
        return _answer_rows(rows, set(customer_ids), session)
    except InputError as exc:
        raise exc.with_source(path.name) from None


def _file_rows(path: Path) -> list[tuple[int, Sequence[object]]]:
    """The non-blank rows of the file with the row number a spreadsheet shows."""
    source = inspect_source(path)
    cells: Sequence[Sequence[object]]
    if source.kind == "spreadsheet":
        cells = read_sheet(source)[1]
    else:
        try:
            content = path.read_bytes().decode(source.encoding or "utf-8", errors="replace")
        except OSError as exc:
            raise KlantlibError(
                "error.file_unreadable", path=path.name, reason=exc.strerror
            ) from exc
        try:
            cells = list(csv.reader(io.StringIO(content), delimiter=source.delimiter or ","))
        except csv.Error as exc:
            raise KlantlibError("error.file_unreadable", path=path.name, reason=str(exc)) from exc
    return [(number, row) for number, row in enumerate(cells, start=1) if not _blank_row(row)]


def _blank_row(row: Sequence[object]) -> bool:
    return all(_empty(cell) for cell in row)


def _empty(cell: object) -> bool:
    return cell_text(cell) == ""


def _answer_rows(
    rows: list[tuple[int, Sequence[object]]], known: set[str], session: str
) -> AnswerRows:
    if not rows:
        raise InputError([Notice("error.answers_no_rows")])
    header_row, header = rows[0]
    names = [cell_text(cell) for cell in header]
    body = rows[1:]
    problems = Problems()
    columns = _columns(header_row, header, body, problems)
    if "customer_id" not in columns.values():
        present = [name for name in names if name]
        problems.add(
            [Notice("error.missing_columns", {"missing": ["customer_id"], "present": present})]
        )
    elif not any(f in FIELDS for f in columns.values()):
        problems.add([Notice("error.answers_no_columns")])
    if problems:
        raise problems.error()
    if not body:
        raise InputError([Notice("error.answers_no_rows")])

    id_at = next(i for i, f in columns.items() if f == "customer_id")
    without_zeros = _without_leading_zeros(known)
    read = {i: f for i, f in columns.items() if f in FIELDS}
    changes: list[tuple[str, str, str | None]] = []
    first_row: dict[str, int] = {}
    for number, row in body:
        cid = _unprotect(cell_text(_at(row, id_at)))
        if cid not in known and cid.isdigit():  # 7 for 007: a spreadsheet dropped the zeros
            cid = without_zeros.get(cid.lstrip("0"), cid)
        if cid == "":
            problems.add([Notice("error.missing_value", {"row": number, "column": names[id_at]})])
        elif cid in first_row:
            problems.add(
                [
                    Notice(
                        "error.duplicate_id",
                        {
                            "row": number,
                            "column": names[id_at],
                            "value": cid,
                            "first_row": first_row[cid],
                        },
                    )
                ]
            )
        elif cid not in known:
            problem = Notice("error.session_unknown_customer", {"value": cid, "name": session})
            problems.add([_in_cell(number, names[id_at], problem)])
        else:
            first_row[cid] = number
        for index, field in read.items():
            raw = _at(row, index)
            if _empty(raw):
                continue
            try:
                value = _stored(field, raw)
            except _BadCell as bad:
                notice = Notice(bad.key, {"row": number, "column": names[index], "value": raw})
                problems.add([notice])
            except KlantlibError as exc:
                problems.add([_in_cell(number, names[index], exc.notice)])
            else:
                changes.append((cid, field, value))
    if problems:
        raise problems.error()
    return AnswerRows(changes, len(body), {f: names[i] for i, f in columns.items()})


def _in_cell(row: int, column: str, problem: Notice) -> Notice:
    return Notice("error.answers_cell", {"row": row, "column": column, "problem": problem})


def _without_leading_zeros(ids: Collection[str]) -> dict[str, str]:
    """Number ids without their leading zeros -> the id, where that is still one id only."""
    found: dict[str, list[str]] = {}
    for cid in ids:
        if cid.isdigit():
            found.setdefault(cid.lstrip("0"), []).append(cid)
    return {short: same[0] for short, same in found.items() if len(same) == 1}


def _columns(
    header_row: int,
    header: Sequence[object],
    body: list[tuple[int, Sequence[object]]],
    problems: Problems,
) -> dict[int, str]:
    """Column position -> field, for every column of the file; unknown headers are problems."""
    width = max(len(header), *(len(row) for _, row in body)) if body else len(header)
    columns: dict[int, str] = {}
    seen: dict[str, list[str]] = {}
    for index in range(width):
        name = cell_text(_at(header, index))
        if name == "":
            if any(not _empty(_at(row, index)) for _, row in body):
                problems.add(
                    [
                        Notice(
                            "error.answers_no_header",
                            {"column": _column_letter(index), "row": header_row},
                        )
                    ]
                )
            continue
        field = _HEADERS.get(re.sub(r"[\s_\-]", "", name).casefold())
        if field is None:
            problems.add([Notice("error.answers_unknown_column", {"column": name})])
            continue
        seen.setdefault(field, []).append(name)
        columns[index] = field
    for field, names in seen.items():
        if len(names) > 1:
            meaning = Notice(f"question.{field}") if field in QUESTIONS else field
            problems.add(
                [Notice("error.answers_duplicate_column", {"field": meaning, "columns": names})]
            )
    return columns


def _column_letter(index: int) -> str:
    """``A`` for the first column, ``AA`` for the 27th, as a spreadsheet names them."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _at(row: Sequence[object], index: int) -> object:
    return row[index] if index < len(row) else ""


class _BadCell(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _stored(field: str, raw: object) -> str | None:
    """A filled cell as the session stores it; :class:`_BadCell` or a KlantlibError if not."""
    if field in QUESTIONS:
        try:
            return check_value(field, parse_answer(raw))[1]
        except ValueError:
            raise _BadCell("error.bad_answer") from None
    if field == "favourite":
        try:
            answer = parse_answer(raw)
        except ValueError:
            answer = "unknown"
        if answer == "unknown":
            raise _BadCell("error.answers_favourite")
        return check_value(field, answer == "yes")[1]
    if field == "time":
        if isinstance(raw, str) and raw.strip().casefold() in TIME_WORDS_READ:
            return TIME_WORDS_READ[raw.strip().casefold()]
        if isinstance(raw, bool):
            raise _BadCell("error.answers_time")
        try:
            return check_value(field, raw)[1]
        except KlantlibError:
            raise _BadCell("error.answers_time") from None
    return check_value(field, _unprotect(cell_text(raw)))[1]


# ------------------------------------------------------------------------------------------
# Importing into a session
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    """What :func:`import_answers` did."""

    file: str
    participant: str
    rows: int  # rows with a customer
    cells: int  # filled cells
    stored: int  # changes stored (the cells that differ from what the participant had)
    new_participant: bool  # the participant had said nothing in the session before


def import_answers(session: Session, participant: str, path: str | Path) -> ImportReport:
    """Store the answers in ``path`` as ``participant``'s, all in one transaction.

    Only cells that differ from the participant's current values are stored, so importing the
    same file again stores nothing. Problems reject the whole file and nothing is stored.
    """
    participant = check_participant(participant)
    new = participant not in session.participants()
    sheet = read_answer_file(path, session.customer_ids(), session.name)
    stored = session.record_many(participant, sheet.changes, only_changed=True)
    return ImportReport(Path(path).name, participant, sheet.rows, len(sheet.changes), stored, new)


# ------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportReport:
    """What :func:`write_answer_file` wrote."""

    path: Path
    customers: int
    answered: int  # customers the participant said anything about


def answer_sheet(
    session: Session,
    participant: str | None,
    lang: str | None = None,
    *,
    portfolio: str | None = None,
) -> pd.DataFrame:
    """The participant's answer sheet as written: one row per customer, all cells text.

    Headers and values are in ``lang`` (see the module's description); an empty cell is
    ``""``. Without a participant the sheet is blank, for someone to fill in. With a
    ``portfolio`` (an account manager's name) only that account manager's customers.
    """
    customers = session.customers()
    if portfolio is not None:
        mine = portfolio_mask(customers, check_manager(customers, portfolio))
        customers = customers[mine].reset_index(drop=True)
    ids = customers["customer_id"].tolist()
    if participant is None:
        current = pd.DataFrame(columns=["customer_id", *FIELDS, "changed_at"])
    else:
        current = session.current(participant)
    current = current.set_index("customer_id").reindex(ids)
    sheet = pd.DataFrame({"customer_id": ids, "name": customers["name"].tolist()}, dtype=object)
    for field in (*FIELDS, "changed_at"):
        values = [_shown(field, _value(v), lang) for v in current[field].tolist()]
        header = text(f"cli.column.{field}", lang) if field in QUESTIONS else field
        sheet[header] = pd.Series(values, dtype=object)
    return sheet.map(_protect)


def _value(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _shown(field: str, value: str | None, lang: str | None) -> str:
    """A stored value as the sheet shows it in ``lang``."""
    if value is None:
        return ""
    if field in QUESTIONS:
        return text(f"answer.{value}", lang)
    if field == "favourite":
        return text("answer.yes", lang)
    if field == "time":
        if value in TIME_WORDS:
            return text(f"cli.time.{value}", lang)
        hours = float(value)
        return str(int(hours)) if hours.is_integer() else repr(hours)
    return value


def _protect(value: object) -> object:
    """Text a spreadsheet could take for a formula gets a leading apostrophe.

    As :func:`klantlib.store.exports.spreadsheet_safe`, and also text that already starts with
    apostrophes before such a character, so that :func:`_unprotect` gives back the text exactly.
    """
    if isinstance(value, str) and _PROTECTED.match(value):
        return "'" + value
    return value


def _unprotect(value: str) -> str:
    """Undo :func:`_protect`: ``'=A1`` is the text ``=A1``; ``'t Hoekske`` stays as it is."""
    return value[1:] if value.startswith("'") and _PROTECTED.match(value[1:]) else value


def check_answer_file_kind(path: str | Path) -> Path:
    """``path`` if an answer file can be written there: ``.csv`` or ``.xlsx``, not a folder."""
    path = Path(path)
    if path.suffix.lower() not in ANSWER_FILE_SUFFIXES:
        raise KlantlibError(
            "error.answers_export_kind", path=path.name, kinds=list(ANSWER_FILE_SUFFIXES)
        )
    if path.is_dir():
        raise KlantlibError("error.answers_out_is_dir", path=str(path))
    return path


def write_answer_file(
    session: Session,
    participant: str | None,
    path: str | Path,
    lang: str | None = None,
    *,
    portfolio: str | None = None,
) -> ExportReport:
    """Write the participant's answer sheet to ``path`` (``.csv`` or ``.xlsx``), atomically;
    with a ``portfolio``, only that account manager's customers (to answer on another laptop
    and import again)."""
    path = check_answer_file_kind(path)
    sheet = answer_sheet(session, participant, lang, portfolio=portfolio)
    if path.suffix.lower() == ".csv":
        write_csv(sheet, path)
    else:
        _write_xlsx(sheet, path, text("cli.answers_sheet", lang), lang)
    answered = sheet["changed_at"].ne("").sum()
    return ExportReport(path, len(sheet), int(answered))


def _write_xlsx(sheet: pd.DataFrame, path: Path, title: str, lang: str | None) -> None:
    """The answer sheet as a workbook: one sheet, hours as numbers, the rest as text (a note
    kept by :func:`_protect` stays text)."""
    time_at = list(sheet.columns).index("time")
    rows: list[list[object]] = []
    for values in sheet.itertuples(index=False):
        cells: list[object] = []
        for index, value in enumerate(values):
            if value == "":
                cells.append(None)
            elif index == time_at and _is_hours(value):
                hours = float(value)
                cells.append(int(hours) if hours.is_integer() else hours)
            else:
                cells.append(str(value))
        rows.append(cells)
    table = Table(
        headers=[str(c) for c in sheet.columns], kinds=["text"] * sheet.shape[1], rows=rows
    )
    used: set[str] = set()
    write_workbook([Sheet(sheet_title(title, used), table, False)], path, lang or get_language())


def _is_hours(value: object) -> bool:
    try:
        return math.isfinite(float(str(value)))
    except ValueError:
        return False


EXAMPLE_ANSWERS: dict[str, str] = {
    "An": "antwoorden_an.csv",
    "Pieter": "antwoorden_pieter.csv",
}
"""The sample's example participants and their answer files in ``data/voorbeeld/``."""

_SAMPLE_SOURCES = {"klanten.csv", "factuurlijnen.csv"}


def add_example_answers(session: Session, lang: str | None = None) -> str:
    """Put the sample's example answers (An and Pieter, who disagree on some customers) in a
    session made from the kit's sample data, once; say what was done in one sentence.

    A session of your own customers is left alone (its sentence says so), and so is an example
    participant who already has answers in the session.
    """
    from klantlib.paths import SAMPLE_FOLDER, kit_root

    folder = kit_root() / SAMPLE_FOLDER
    if not is_sample_session(session):
        return text("examples.own_data", lang)
    added = []
    known = session.participants()
    for participant, name in EXAMPLE_ANSWERS.items():
        if participant in known:
            continue
        import_answers(session, participant, folder / name)
        added.append(participant)
    if not added:
        return text("examples.already", lang, people=", ".join(EXAMPLE_ANSWERS))
    return text("examples.added", lang, people=", ".join(added))


def is_sample_session(session: Session) -> bool:
    """Whether the session holds the kit's sample customers. A team's own export may well be
    called ``klanten.csv`` too: the name alone does not make it the sample, and it must never
    get An's and Pieter's answers."""
    from klantlib.paths import SAMPLE_FOLDER, kit_root

    if session.source not in _SAMPLE_SOURCES:
        return False
    ids = set(session.customer_ids())
    for name in EXAMPLE_ANSWERS.values():
        path = kit_root() / SAMPLE_FOLDER / name
        with open(path, encoding="utf-8", newline="") as handle:
            if not all(row["customer_id"] in ids for row in csv.DictReader(handle)):
                return False
    return True
