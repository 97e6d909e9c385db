"""What kind of file a team brought, and its rows as text (edge: files in, rows out).

Recognises CSV/TSV/text exports (delimiter ``,`` ``;`` tab or ``|``; UTF-8 with or without BOM,
UTF-16 as Excel's "Unicode text", or cp1252) and spreadsheets (``.xlsx``, ``.xlsm``, ``.ods``,
old ``.xls``, read with calamine). It decides nothing about columns or numbers: that is the
core's job.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from klantlib.errors import KlantlibError

__all__ = [
    "SPREADSHEET_SUFFIXES",
    "Source",
    "inspect_source",
    "read_sheet",
    "read_spreadsheet_rows",
]

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls")
DELIMITERS = (",", ";", "\t", "|")
SAMPLE_BYTES = 256 * 1024

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and other old Office files)


@dataclass(frozen=True)
class Source:
    """A file as understood before its columns: kind, and for text its encoding and delimiter."""

    path: Path
    kind: str  # "csv" or "spreadsheet"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None


def inspect_source(path: str | Path, *, sheet: str | None = None) -> Source:
    """Recognise the file: spreadsheet or text, and for text the encoding and the delimiter."""
    path = Path(path)
    if not path.is_file():
        raise KlantlibError("error.file_not_found", path=str(path))
    try:
        with path.open("rb") as stream:
            head = stream.read(SAMPLE_BYTES)
    except OSError as exc:
        raise KlantlibError("error.file_unreadable", path=str(path), reason=exc.strerror) from exc
    if not head.strip():
        raise KlantlibError("error.file_empty", path=str(path))
    if head.startswith((_ZIP, _OLE2)) or path.suffix.lower() in SPREADSHEET_SUFFIXES:
        return Source(path, "spreadsheet", sheet=sheet)
    encoding = detect_encoding(head)
    if encoding is None:
        raise KlantlibError("error.not_text", path=str(path))
    text = _decode_sample(head, encoding)
    return Source(path, "csv", encoding=encoding, delimiter=detect_delimiter(text))


def detect_encoding(head: bytes) -> str | None:
    """``utf-8-sig``, ``utf-16``, ``utf-8`` or ``cp1252`` from the first bytes; None if binary."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in head:
        # UTF-16 without a BOM: every other byte is zero for Latin text
        odd, even = head[1::2], head[0::2]
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "utf-16-be"
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut off at the sample's end
            if _UTF8_LETTER.search(head):
                # UTF-8 with a few lines that are not (one pasted from an older system): read
                # as UTF-8, so those lines are named as errors instead of every accented name
                # turning into mojibake ("CafÃ©").
                return "utf-8"
            return "cp1252" if _looks_like_text(head) else None
    return "utf-8"


_UTF8_LETTER = re.compile(rb"[\xC3\xC5][\x80-\xBF]|\xE2\x80[\x90-\xBF]|\xE2\x82\xAC")
"""An accented letter, a quote or dash, or € as UTF-8 writes them."""


def _looks_like_text(head: bytes) -> bool:
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return control < 0.01 * len(head)


def _decode_sample(head: bytes, encoding: str) -> str:
    return head.decode(encoding, errors="ignore")


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the sample's lines into the same number of fields most often.

    Title rows and totals have fewer fields; lines with a single field say nothing. Ties go to
    the delimiter giving more fields, then to the order ``;`` ``,`` tab ``|``.
    """
    lines = [line for line in text.splitlines()[:200] if line.strip()]
    if len(text) >= SAMPLE_BYTES - 4 and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut off
    best: tuple[int, int, int] = (0, 0, 0)
    chosen = ","
    for order, delimiter in enumerate((";", ",", "\t", "|")):
        try:
            counts = [
                len(row) for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
            ]
        except csv.Error:  # a cell larger than csv's limit: no table with this delimiter
            continue
        counts = [c for c in counts if c > 1]
        if not counts:
            continue
        mode = max(set(counts), key=lambda c: (counts.count(c), c))
        score = (counts.count(mode), mode, -order)
        if score > best:
            best, chosen = score, delimiter
    return chosen


def read_spreadsheet_rows(source: Source) -> list[list[object]]:
    """Every row of the chosen (or first) sheet, from row 1, cells as the reader gives them.

    Numbers come as floats, dates as dates, text as text, empty cells as ``""``. Row ``i`` of
    the list is spreadsheet row ``i + 1``.
    """
    return read_sheet(source)[1]


def read_sheet(source: Source) -> tuple[str, list[list[object]]]:
    """The name of the chosen (or first) sheet and its rows, as :func:`read_spreadsheet_rows`."""
    from python_calamine import CalamineError, CalamineWorkbook

    path = source.path
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        if path.suffix.lower() == ".xls" or path.read_bytes()[:8] == _OLE2:
            raise KlantlibError("error.old_xls", path=path.name) from exc
        raise KlantlibError("error.file_unreadable", path=path.name, reason=str(exc)) from exc
    names = list(workbook.sheet_names)
    if source.sheet is not None and source.sheet not in names:
        raise KlantlibError(
            "error.sheet_not_found", path=path.name, sheet=source.sheet, sheets=names
        )
    name = source.sheet or names[0]
    return name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
