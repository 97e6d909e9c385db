"""What kind of file a team brought, and its rows as text (edge: files in, rows out).

Recognises CSV/TSV/text exports (delimiter ``,`` ``;`` tab or ``|``, or columns aligned with
spaces as older systems and printed reports write them; UTF-8 with or without BOM, UTF-16 as
Excel's "Unicode text", or cp1252) and spreadsheets (``.xlsx``, ``.xlsm``, ``.ods``,
old ``.xls``, read with calamine). It decides nothing about columns or numbers: that is the
core's job.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from xml.etree import ElementTree

from klantlib.errors import KlantlibError

__all__ = [
    "CELL_LIMIT",
    "RULE_STARTS",
    "RULE_TEXT",
    "SPREADSHEET_SUFFIXES",
    "Source",
    "aligned_columns",
    "inspect_source",
    "read_sheet",
    "read_spreadsheet_rows",
]

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls")
DELIMITERS = (",", ";", "\t", "|")
SAMPLE_BYTES = 256 * 1024
CELL_LIMIT = 128 << 10
"""No cell of a customer list or an invoice line is longer (as Python's csv reader's limit)."""
SHEET_LIMIT_MB = 80
"""The most a spreadsheet's cells may weigh, unpacked (the sheet and the workbook's texts), in
MB. Reading a sheet takes all of it into memory at once, several times over; past this a
laptop could run out, so the team is asked to save the sheet as CSV, which is read in slices."""

SheetCell = int | float | str | bool | time | date | datetime | timedelta
"""A spreadsheet cell as calamine gives it (an empty cell is ``""``)."""

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and other old Office files)


@dataclass(frozen=True)
class Source:
    """A file as understood before its columns: kind, and for text its encoding and delimiter.

    A text file whose columns are aligned with spaces has the delimiter ``" "`` and
    ``boundaries``: the character positions where its second, third, … column start.
    """

    path: Path
    kind: str  # "csv" or "spreadsheet"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    boundaries: tuple[int, ...] = ()


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
    delimiter = detect_delimiter(text)
    aligned = aligned_columns(text)
    if aligned is not None and not _delimited(text, aligned[1], delimiter):
        return Source(path, "csv", encoding=encoding, delimiter=" ", boundaries=aligned[0])
    return Source(path, "csv", encoding=encoding, delimiter=delimiter)


def _delimited(text: str, header: str, delimiter: str) -> bool:
    """Whether a text that also looks aligned is a delimited file with padded cells: its
    header holds the delimiter, and below it the delimiter is not just a decimal comma (a bar,
    semicolon or tab never is one: psql pads its cells between bars)."""
    if delimiter not in header:
        return False
    if delimiter != ",":
        return True
    below = text.split(header, 1)[1]
    escaped = re.escape(delimiter)
    return re.search(rf"(?<!\d){escaped}|{escaped}(?!\d)", below) is not None


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


_CHUNK = re.compile(r"\S+(?: \S+)*")
"""Text between runs of two or more spaces: a label, or a cell, of a space-aligned line."""

RULE_TEXT = r"[\s\-=_+*.:|~]*"
"""A line (or cell) of a drawn rule: dashes, equals signs, plus signs, bars, … — the layout of
a printed report or a database tool's table, no data."""
RULE_STARTS = "-=_+*.:|~"
"""The characters a drawn rule starts with."""
ROW_COUNT_TEXT = r"\(\d[\d.,]* (?:rows?|rijen|rij|lignes?|Zeilen|Zeile)\)"
"""A database tool's count under its table, alone on its line: psql's ``(2 rows)``, in
English, Dutch, French or German — the report's layout, no customer."""
LAYOUT_STARTS = RULE_STARTS + "("
"""The characters a line of a report's layout (a rule, a row count) starts with."""
_RULER = re.compile(RULE_TEXT)

_ALIGNED_SEARCH_ROWS = 20
_ALIGNED_BODY_ROWS = 200


def aligned_columns(text: str) -> tuple[tuple[int, ...], str] | None:
    """Where the columns of a text aligned with spaces start, and its header line; None when
    the text is not laid out that way.

    A line near the top whose labels are separated by two or more spaces is a header when the
    lines under it leave a blank column of characters between each two of its labels (and
    between the cells of a column without a label). Labels may hold single spaces ("Omzet
    2025"); ruler lines (``-----  -----``) count as part of the layout. A line of text that runs
    across several labels (a title or a footer) says nothing about the columns: the loader
    names its row later. Of several candidates the one with the most columns wins, then the
    first. Each boundary is the middle of the blank between two columns, so a number that is
    longer than the ones above it, or a name that is, still falls in its own column.
    """
    if "\t" in text:
        return None
    lines = [line.replace("\f", "").rstrip() for line in text.splitlines()]
    if len(text) >= SAMPLE_BYTES - 4 and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut off
    best: tuple[int, tuple[int, ...], str] | None = None
    for index, line in enumerate(lines[:_ALIGNED_SEARCH_ROWS]):
        labels = [m.span() for m in _CHUNK.finditer(line)]
        if len(labels) < 2 or _RULER.fullmatch(line):
            continue
        found = _columns_under(labels, lines[index + 1 : index + 1 + _ALIGNED_BODY_ROWS])
        if found is not None and (best is None or len(found) + 1 > best[0]):
            best = (len(found) + 1, found, line)
    return None if best is None else (best[1], best[2])


def _columns_under(labels: list[tuple[int, int]], body: list[str]) -> tuple[int, ...] | None:
    starts = [start for start, _ in labels]
    rows = []
    for line in body:
        chunks = [m.span() for m in _CHUNK.finditer(line)]
        if not chunks:
            continue
        if any(sum(lo <= s < hi for s in starts) > 1 for lo, hi in chunks):
            continue  # text across the columns: a title or a footer
        rows.append(chunks)
    if all(_RULER.fullmatch(line) for line in body if line.strip()):
        return None  # no line of cells under it
    width = max([end for _, end in labels] + [end for chunks in rows for _, end in chunks])
    occupied = bytearray(width + 1)
    for spans in [labels, *rows]:
        for start, end in spans:
            occupied[start:end] = b"\x01" * (end - start)
    segments = [m.span() for m in re.finditer(b"\x01+", bytes(occupied))]
    if len(segments) < 2:
        return None
    holding = [sum(lo <= s < hi for s in starts) for lo, hi in segments]
    if max(holding) > 1 or sum(holding) < 2:
        return None  # two labels over one column of cells: not aligned
    return tuple(
        (left_end + right_start + 1) // 2
        for (_, left_end), (right_start, _) in zip(segments, segments[1:], strict=False)
    )


def read_spreadsheet_rows(source: Source) -> list[list[SheetCell]]:
    """Every row of the chosen (or first) sheet, from row 1, cells as the reader gives them.

    Numbers come as floats, dates as dates, text as text, empty cells as ``""``. Row ``i`` of
    the list is spreadsheet row ``i + 1``.
    """
    return read_sheet(source)[1]


def read_sheet(source: Source) -> tuple[str, list[list[SheetCell]]]:
    """The name of the chosen (or first) sheet and its rows, as :func:`read_spreadsheet_rows`."""
    from python_calamine import CalamineError, CalamineWorkbook

    path = source.path
    _check_size(path, source.sheet)
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


def _check_size(path: Path, sheet: str | None) -> None:
    """Refuse a spreadsheet whose cells, unpacked, are larger than :data:`SHEET_LIMIT_MB`.

    An ``.xlsx`` is a zip: a 2 MB file may unpack to gigabytes (one cell of repeated text).
    The parts the sheet is read from are unpacked here as a stream and counted, without
    keeping them, so a file that lies about its sizes is caught too."""
    limit = SHEET_LIMIT_MB << 20
    refused = KlantlibError("error.sheet_too_large", path=path.name, limit=SHEET_LIMIT_MB)
    if not zipfile.is_zipfile(path):
        if path.stat().st_size > limit:
            raise refused
        return
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for name in _sheet_parts(archive, sheet):
                with archive.open(name) as part:
                    while chunk := part.read(1 << 20):
                        total += len(chunk)
                        if total > limit:
                            raise refused
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError) as exc:
        raise KlantlibError("error.file_unreadable", path=path.name, reason=str(exc)) from exc


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _sheet_parts(archive: zipfile.ZipFile, sheet: str | None) -> list[str]:
    """The zip entries a sheet is read from: an ``.ods``'s content, or an ``.xlsx``'s shared
    texts and the sheet (every sheet when the workbook does not say which file is which)."""
    names = set(archive.namelist())
    if "content.xml" in names:
        return ["content.xml"]
    parts = [name for name in ("xl/sharedStrings.xml",) if name in names]
    sheets = sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    try:
        chosen = _sheet_file(archive, sheet)
    except (KeyError, ElementTree.ParseError, ValueError):
        chosen = None
    return parts + ([chosen] if chosen in names else sheets)


def _sheet_file(archive: zipfile.ZipFile, sheet: str | None) -> str | None:
    for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
        if archive.getinfo(name).file_size > 4 << 20:
            return None  # not a workbook's index: count every sheet
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    entries = workbook.findall(f"{_MAIN}sheets/{_MAIN}sheet")
    entry = next((e for e in entries if sheet is None or e.get("name") == sheet), None)
    if entry is None:
        return None
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    wanted = entry.get(f"{_REL}id")
    for rel in rels.findall(f"{_PACKAGE_REL}Relationship"):
        if rel.get("Id") == wanted:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None
