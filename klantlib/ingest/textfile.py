"""A text export's rows in slices (edge: a file in, batches of cells out).

Every CSV/text file, five lines or ten million, is read the same way: the rows above the data
(title rows and the header) from the first bytes, then the data rows in slices of about
:data:`SLICE_BYTES`, each cut at the end of a row and parsed by ``pyarrow.csv`` in parallel
(Arrow's own threads), while the previous slice is being worked on. A batch holds one slice's
cells as Arrow arrays, with the spreadsheet row of its first row; rows follow each other, so
row ``first_row + i`` is the batch's ``i``-th row.

Cells stay in the file's bytes where that is safe: a cp1252 file's cells are Arrow ``binary``
(decoded only where text is needed, see :meth:`TextBatch.text`), a UTF-8 file's are Arrow
``string`` (checked as UTF-8 by the parser). UTF-16 files are turned into UTF-8 as they are
read. Rows pyarrow leaves out or refuses are put back as the rest of the kit sees them:

- an empty line is a row of empty cells (pyarrow skips it; its row number is counted);
- a slice with a row of fewer cells than the header, an empty line next to a quoted line
  break, or bytes that are not text in the file's encoding is read again with Python's
  :mod:`csv` (short rows padded with empty cells), so the row numbers stay exact;
- a row with more cells than the header is an error naming the row.

A text aligned with spaces (``delimiter == " "``) is cut at the character positions of its
``boundaries`` instead, line by line, with Arrow's string kernels. Ruler lines (``-----``) and
the header line printed again on a next page are rows of empty cells, and so is text under the
table that does not end in a number (its closing line); a line with a word that a boundary
would cut in two (text across the columns) is an error naming its row, so no cell is ever part
of its neighbour.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import mmap
import os
import queue
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from klantlib.errors import InputError, Notice, Problems
from klantlib.ingest.sources import CELL_LIMIT, RULE_TEXT, SAMPLE_BYTES, Source

__all__ = [
    "SLICE_BYTES",
    "TextBatch",
    "TextLayout",
    "cell_bytes",
    "decode",
    "head_records",
    "leading_bytes",
    "read_head",
    "read_text_batches",
    "stream_encoding",
]

SLICE_BYTES = 32 << 20
"""About how many bytes of the file one batch holds."""

_LINE_END = re.compile(rb"\r\n|\r|\n")
_BLOCK_BYTES = 8 << 20  # pyarrow's parse block: a slice is parsed in blocks, in parallel


@dataclass(frozen=True)
class TextLayout:
    """Where a text file's data starts and how its cells are read."""

    path: Path
    encoding: str  # of the bytes the batches hold: utf-16 files are read as utf-8
    file_encoding: str
    delimiter: str
    header: list[str]  # unique column names, one per cell of the header row
    data_start: int  # offset of the first data row in the (utf-8 for utf-16) bytes
    first_row: int  # the spreadsheet row of the first data row
    boundaries: tuple[int, ...] = ()  # where the columns start, for a space-aligned text
    header_line: str = ""  # that text's header line, as written (without its spaces around)


@dataclass
class TextBatch:
    """One slice of a text file: its cells per column, as Arrow arrays of equal length."""

    columns: dict[str, pa.Array]
    first_row: int
    size: int
    encoding: str  # of the binary arrays
    bytes_done: int  # how far into the file this batch reaches
    layout_rows: np.ndarray | None = None  # a report's rules, repeated header, closing text

    def text(self, header: str) -> pa.Array:
        """The column as Arrow ``string`` (dictionary columns keep their dictionary)."""
        array = self.columns[header]
        if pa.types.is_dictionary(array.type):
            return pa.DictionaryArray.from_arrays(
                array.indices, decode(array.dictionary, self.encoding)
            )
        return decode(array, self.encoding)


def decode(array: pa.Array, encoding: str) -> pa.Array:
    """Arrow binary cells in ``encoding`` as Arrow ``string``; string arrays as they are.

    Pure ASCII cells need no work; only cells with other bytes are decoded by Python.
    """
    if not pa.types.is_binary(array.type):
        return array
    as_text = array.view(pa.string())
    offsets, data, _ = cell_bytes(array)
    if not len(data) or data[offsets[0] : offsets[-1]].max(initial=0) < 0x80:
        return as_text
    ascii_ = pc.string_is_ascii(as_text).fill_null(True)
    other = np.flatnonzero(~ascii_.to_numpy(zero_copy_only=False))
    decoded = [v.decode(encoding, "replace") for v in array.take(other).to_pylist()]
    mask = np.zeros(len(array), dtype=bool)
    mask[other] = True
    return pc.replace_with_mask(as_text, pa.array(mask), pa.array(decoded, pa.string()))


def cell_bytes(array: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(offsets, bytes, valid) of a binary or string array, as numpy views: cell ``i`` is
    ``bytes[offsets[i]:offsets[i + 1]]``, null where not ``valid[i]``."""
    large = pa.types.is_large_binary(array.type) or pa.types.is_large_string(array.type)
    validity, offsets, data = array.buffers()[:3]
    width = np.int64 if large else np.int32
    offsets = np.frombuffer(offsets, dtype=width)[array.offset : array.offset + len(array) + 1]
    data = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8)
    valid = (
        np.ones(len(array), dtype=bool)
        if validity is None or array.null_count == 0
        else array.is_valid().to_numpy(zero_copy_only=False)
    )
    return offsets, data, valid


def leading_bytes(array: pa.Array, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The first ``count`` bytes of each cell (0 past its end; shape ``(len, count)``) and
    each cell's length (-1 for null), from the array's buffers without copying the cells."""
    offsets, data, valid = cell_bytes(array)
    lengths = np.diff(offsets)
    if not valid.all():
        lengths = np.where(valid, lengths, -1)
    out = np.zeros((len(array), count), dtype=np.uint8)
    if len(data):
        last = len(data) - 1
        for i in range(count):
            out[:, i] = np.where(lengths > i, data[np.minimum(offsets[:-1] + i, last)], 0)
    return out, lengths


def read_head(source: Source) -> list[bytes]:
    """The first lines of the file (with their line ends) as bytes.

    UTF-16 is turned into UTF-8 first, so the bytes are ASCII-compatible either way.
    """
    with _open_bytes(source.path, source.encoding) as stream:
        return _lines(stream.read(SAMPLE_BYTES))


def _lines(data: bytes) -> list[bytes]:
    """``data`` cut after each line end (``\\r\\n``, ``\\n`` or ``\\r``), ends kept."""
    out, start = [], 0
    for match in _LINE_END.finditer(data):
        out.append(data[start : match.end()])
        start = match.end()
    if start < len(data):
        out.append(data[start:])
    return out


def _records_or_stop(reader, first_row: int, problems: list[Notice]) -> Iterator[list[str]]:
    """The reader's records; a cell larger than csv's limit ends them with a problem naming
    its row, instead of an exception."""
    try:
        yield from reader
    except csv.Error:
        problems.append(Notice("error.cell_too_large", {"row": first_row + reader.line_num - 1}))


def head_records(
    lines: Sequence[bytes], encoding: str, delimiter: str, boundaries: Sequence[int] = ()
) -> Iterator[tuple]:
    """(cells, lines read so far) for each record at the top of the file, ``lines`` from
    :func:`read_head` and ``encoding`` from :func:`stream_encoding`; a space-aligned text's
    lines are cut at ``boundaries``."""
    text = (line.decode(encoding, errors="ignore") for line in lines)
    if delimiter == " ":
        for number, line in enumerate(text, start=1):
            yield cut_line(line, boundaries), number
        return
    reader = csv.reader(text, delimiter=delimiter)
    try:
        for cells in reader:
            yield cells, reader.line_num
    except csv.Error as exc:  # a cell larger than any customer list holds
        raise InputError([Notice("error.cell_too_large", {"row": reader.line_num})]) from exc


def cut_line(line: str, boundaries: Sequence[int]) -> list[str]:
    """A line of a space-aligned text as its cells, cut at ``boundaries``, spaces trimmed."""
    line = line.replace("\f", "")
    edges = (0, *boundaries, None)
    return [line[lo:hi].strip() for lo, hi in zip(edges, edges[1:], strict=False)]


def stream_encoding(encoding: str | None) -> str:
    """The encoding of the bytes read from a file in ``encoding`` (UTF-16 is read as UTF-8)."""
    return "utf-8" if encoding and encoding.startswith("utf-16") else (encoding or "utf-8")


def read_text_batches(
    layout: TextLayout,
    *,
    dictionary: Sequence[str] = (),
    slice_bytes: int = SLICE_BYTES,
    prefetch: bool = True,
) -> Iterator[TextBatch]:
    """The data rows of the file in batches of about ``slice_bytes``; ``dictionary`` names
    the columns to read as Arrow dictionaries (few distinct values, such as dates)."""
    batches = _batches(layout, dictionary, slice_bytes)
    return _prefetched(batches) if prefetch else batches


def _batches(
    layout: TextLayout, dictionary: Sequence[str], slice_bytes: int
) -> Iterator[TextBatch]:
    first_row = layout.first_row
    problems = Problems()
    for (data, done), last in _and_last(_file_slices(layout, slice_bytes)):
        if data is None:  # the next row is too long to be a row
            problems.add([Notice("error.row_too_large", {"row": first_row})])
            break
        layout_rows = None
        if layout.delimiter == " ":
            columns, rows, slice_problems, layout_rows = _parse_aligned(
                data, layout, first_row, dictionary, last=last
            )
        else:
            columns, rows, slice_problems = _parse_slice(data, layout, first_row, dictionary)
        data.release()
        problems.add(slice_problems)
        if not problems:
            yield TextBatch(columns, first_row, rows, layout.encoding, done, layout_rows)
        first_row += rows
    if problems:
        raise problems.error()


_T = TypeVar("_T")


def _and_last(items: Iterable[_T]) -> Iterator[tuple[_T, bool]]:
    """Each item, and whether it is the last."""
    iterator = iter(items)
    try:
        previous = next(iterator)
    except StopIteration:
        return
    for item in iterator:
        yield previous, False
        previous = item
    yield previous, True


class _Slice:
    """Bytes ``lo:hi`` of a buffer (a memory map of the file, or bytes read), searched in
    place: positions are counted from ``lo``."""

    def __init__(self, buffer, lo: int, hi: int, mapped: mmap.mmap | None = None) -> None:
        self.buffer, self.lo, self.hi, self.mapped = buffer, lo, hi, mapped

    def __len__(self) -> int:
        return self.hi - self.lo

    def find(self, sub: bytes, start: int = 0, end: int | None = None) -> int:
        stop = self.hi if end is None else self.lo + end
        at = self.buffer.find(sub, self.lo + start, stop)
        return at - self.lo if at >= 0 else -1

    def rfind(self, sub: bytes, start: int = 0, end: int | None = None) -> int:
        stop = self.hi if end is None else self.lo + end
        at = self.buffer.rfind(sub, self.lo + start, stop)
        return at - self.lo if at >= 0 else -1

    def count(self, byte: bytes, start: int = 0, end: int | None = None) -> int:
        stop = self.hi if end is None else self.lo + end
        if stop <= self.lo + start:
            return 0
        view = np.frombuffer(
            self.buffer, np.uint8, count=stop - self.lo - start, offset=self.lo + start
        )
        return int(np.count_nonzero(view == byte[0]))

    def startswith(self, prefix: bytes) -> bool:
        return self.find(prefix, 0, len(prefix)) == 0

    def view(self) -> memoryview:
        return memoryview(self.buffer)[self.lo : self.hi]

    def tobytes(self) -> bytes:
        return bytes(self.view())

    def release(self) -> None:
        """Let go of the file's pages once the slice is parsed (they are in the parsed cells)."""
        if self.mapped is not None:
            with contextlib.suppress(OSError, ValueError):
                self.mapped.madvise(mmap.MADV_DONTNEED)


ROW_LIMIT = 4 << 20
"""No row of a customer list or of invoice lines is longer, in bytes: a file whose next row
would be is refused before it is taken into memory (a file without line ends)."""


def _too_long(data: _Slice) -> bool:
    """Whether the first row in ``data`` is longer than :data:`ROW_LIMIT`."""
    return (
        len(data) > ROW_LIMIT
        and data.find(b"\n", 0, ROW_LIMIT) < 0
        and data.find(b"\r", 0, ROW_LIMIT) < 0  # old Mac line ends
    )


def _file_slices(layout: TextLayout, slice_bytes: int) -> Iterator[tuple[_Slice | None, int]]:
    """The data part of the file in slices of about ``slice_bytes`` that end at a row end,
    with how far into the file each one reaches; ``None`` (and the end) when the next row is
    longer than :data:`ROW_LIMIT`."""
    if layout.file_encoding.startswith("utf-16"):
        with _open_bytes(layout.path, layout.file_encoding) as stream:
            stream.read(layout.data_start)
            yield from _stream_slices(stream, slice_bytes)
        return
    with layout.path.open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        start = layout.data_start
        page = mmap.ALLOCATIONGRANULARITY
        while start < size:
            end = min(start + slice_bytes, size)
            base = start - start % page
            mapped = mmap.mmap(file.fileno(), end - base, offset=base, access=mmap.ACCESS_READ)
            whole = _Slice(mapped, start - base, end - base, mapped)
            if _too_long(whole):
                mapped.close()
                yield None, start  # the caller names the row
                return
            cut = len(whole) if end == size else _row_end(whole)
            if cut == 0:  # one row longer than a slice: take more
                mapped.close()
                slice_bytes *= 2
                continue
            yield _Slice(mapped, start - base, start - base + cut, mapped), start + cut
            start += cut


class _Transcoded(io.RawIOBase):
    """A UTF-16 text file read as UTF-8 bytes."""

    def __init__(self, path: Path, encoding: str) -> None:
        self._raw = path.open("rb")
        self._reader = codecs.getreader(encoding)(self._raw, "replace")
        self._pending = bytearray()
        self._first = True

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while len(self._pending) < len(buffer):
            chunk = self._reader.read(1 << 22)
            if not chunk:
                break
            if self._first:
                chunk, self._first = chunk.removeprefix("\ufeff"), False
            self._pending += chunk.encode("utf-8")
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        del self._pending[:size]
        return size

    def tell(self) -> int:
        return self._raw.tell()

    def close(self) -> None:
        self._raw.close()
        super().close()


def _open_bytes(path: Path, encoding: str | None):
    if encoding and encoding.startswith("utf-16"):
        return io.BufferedReader(_Transcoded(path, encoding), 1 << 20)
    return path.open("rb")


def _position(stream) -> int:
    raw = getattr(stream, "raw", stream)
    return raw.tell()


def _stream_slices(stream, slice_bytes: int) -> Iterator[tuple[_Slice | None, int]]:
    """Like :func:`_file_slices`, from a stream of bytes (a UTF-16 file read as UTF-8)."""
    carry = b""
    size = slice_bytes
    while True:
        buffer = bytearray(len(carry) + size)
        buffer[: len(carry)] = carry
        view = memoryview(buffer)
        filled = len(carry)
        while filled < len(buffer):
            got = stream.readinto(view[filled:])
            if not got:
                break
            filled += got
        if _too_long(_Slice(buffer, 0, filled)):
            yield None, _position(stream)  # the caller names the row
            return
        if filled < len(buffer):
            if filled:
                yield _Slice(buffer, 0, filled), _position(stream)
            return
        cut = _row_end(_Slice(buffer, 0, filled))
        if cut == 0:  # one row longer than a slice: take more
            carry, size = bytes(view[:filled]), size * 2
            continue
        carry = bytes(view[cut:filled])
        yield _Slice(buffer, 0, cut), _position(stream) - len(carry)


def _row_end(data: _Slice) -> int:
    """Where the last complete row in ``data`` ends (0: none).

    A line break inside a quoted value does not end a row: the cut is made where the
    quotes before it are balanced.
    """
    cut = data.rfind(b"\n") + 1
    if cut == 0 or data.find(b'"', 0, cut) < 0:
        return cut
    quotes = data.count(b'"', 0, cut)
    while cut > 0 and quotes % 2:  # 0 when no row ends outside quotes: take more
        previous = data.rfind(b"\n", 0, cut - 1) + 1
        quotes -= data.count(b'"', previous, cut)
        cut = previous
    return cut


def _parse_slice(
    data: _Slice, layout: TextLayout, first_row: int, dictionary: Sequence[str]
) -> tuple[dict[str, pa.Array], int, list[Notice]]:
    """The slice's cells per column, how many rows it holds, and the problems in it."""
    quoted = data.find(b'"') >= 0
    text = pa.string() if layout.encoding.startswith("utf-8") else pa.binary()
    types = {
        name: pa.dictionary(pa.int32(), text) if name in dictionary else text
        for name in layout.header
    }
    empty: list[int] | None = []
    try:  # an empty line is a short row: with empty lines the first try fails
        table = _read_csv(data, layout, types, quoted=quoted, skip_empty=len(types) == 1)
    except pa.ArrowInvalid:
        empty = None if quoted else _empty_lines(data)
        if not empty:  # a short or long row, or bytes that are not UTF-8
            return _parse_with_csv(data, layout, first_row, dictionary)
        try:
            table = _read_csv(data, layout, types, quoted=quoted, skip_empty=True)
        except pa.ArrowInvalid:
            return _parse_with_csv(data, layout, first_row, dictionary)
    table = table.unify_dictionaries().combine_chunks()
    columns = {
        name: table.column(name).chunk(0) if table.num_rows else pa.array([], types[name])
        for name in layout.header
    }
    if empty:
        rows = table.num_rows + len(empty)
        positions = np.full(rows, -1, dtype=np.int64)
        positions[np.setdiff1d(np.arange(rows), empty)] = np.arange(table.num_rows)
        take = pa.array(positions, mask=positions < 0)
        columns = {name: array.take(take) for name, array in columns.items()}
        return columns, rows, []
    return columns, table.num_rows, []


def _read_csv(data: _Slice, layout: TextLayout, types: dict, *, quoted: bool, skip_empty: bool):
    return pacsv.read_csv(
        pa.py_buffer(data.view()),
        read_options=pacsv.ReadOptions(
            column_names=layout.header, block_size=_BLOCK_BYTES, encoding="utf8"
        ),
        parse_options=pacsv.ParseOptions(
            delimiter=layout.delimiter,
            newlines_in_values=quoted,
            ignore_empty_lines=skip_empty,
        ),
        convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False),
    )


def _empty_lines(data: _Slice) -> list[int] | None:
    """The positions (line numbers from 0) of the empty lines in ``data``, ``None`` when its
    line ends are too irregular to count (a lone ``\\r`` ending an empty line)."""
    if data.find(b"\r\r") >= 0:
        return None
    starts = []
    if data.startswith(b"\n") or data.startswith(b"\r\n"):
        starts.append(0)
    for pattern in (b"\n\n", b"\n\r\n"):
        at = data.find(pattern)
        while at >= 0:
            starts.append(at + 1)
            at = data.find(pattern, at + 1)
    starts.sort()
    lines, counted, before = [], 0, 0
    for start in starts:
        before += data.count(b"\n", counted, start)
        counted = start
        lines.append(before)
    return lines


def _parse_with_csv(
    data: _Slice, layout: TextLayout, first_row: int, dictionary: Sequence[str]
) -> tuple[dict[str, pa.Array], int, list[Notice]]:
    """The careful reader for a slice pyarrow refuses: Python's csv, row by row."""
    raw = data.tobytes()
    try:
        text = raw.decode(layout.encoding)
    except UnicodeDecodeError as exc:
        row = first_row + raw.count(b"\n", 0, exc.start)
        return {}, 0, [Notice("error.not_encoding", {"row": row, "encoding": layout.encoding})]
    width = len(layout.header)
    cells: list[list[str]] = [[] for _ in range(width)]
    problems: list[Notice] = []
    rows = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=layout.delimiter)
    records = _records_or_stop(reader, first_row, problems)
    for rows, record in enumerate(records, start=1):
        if len(record) > width:
            problems.append(
                Notice(
                    "error.too_many_cells",
                    {"row": first_row + rows - 1, "count": len(record), "expected": width},
                )
            )
            continue
        record += [""] * (width - len(record))
        for column, value in zip(cells, record, strict=True):
            column.append(value)
    columns = {}
    binary = not layout.encoding.startswith("utf-8")
    for name, values in zip(layout.header, cells, strict=True):
        # the same types as pyarrow gives: a cp1252 file's cells as its bytes
        if binary:
            array = pa.array([v.encode(layout.encoding) for v in values], pa.binary())
        else:
            array = pa.array(values, pa.string())
        columns[name] = array.dictionary_encode() if name in dictionary else array
    return columns, rows, problems


_RULER_LINE = f"^{RULE_TEXT}$"


def _parse_aligned(
    data: _Slice, layout: TextLayout, first_row: int, dictionary: Sequence[str], *, last: bool
) -> tuple[dict[str, pa.Array], int, list[Notice], np.ndarray]:
    """A slice of a space-aligned text: each line cut at the layout's boundaries.

    Also gives the layout rows (rules, the header printed again, and on the file's last slice
    the text after the last row of cells), which are rows of empty cells. Text across the
    columns anywhere else is an error naming its row."""
    buffer = np.frombuffer(data.view(), dtype=np.uint8)
    ends = np.flatnonzero(buffer == 10) + 1
    if not len(ends) or ends[-1] != len(buffer):
        ends = np.append(ends, len(buffer))
    offsets = np.concatenate(([0], ends)).astype(np.int32)
    too_long = np.flatnonzero(np.diff(offsets) > CELL_LIMIT)
    if too_long.size:  # a cell, or a line, larger than any customer list or report holds
        notice = Notice("error.cell_too_large", {"row": first_row + int(too_long[0])})
        return {}, 0, [notice], np.zeros(0, dtype=bool)
    raw = pa.Array.from_buffers(
        pa.binary(), len(ends), [None, pa.py_buffer(offsets), pa.py_buffer(data.view())]
    )
    encoding = stream_encoding(layout.file_encoding)
    if encoding.startswith("utf-8"):
        try:
            lines = raw.cast(pa.string())
        except pa.ArrowInvalid:
            bad = next(i for i, line in enumerate(raw.to_pylist()) if not _is_utf8(line))
            notice = Notice("error.not_encoding", {"row": first_row + bad, "encoding": encoding})
            return {}, 0, [notice], np.zeros(0, dtype=bool)
    else:
        lines = decode(raw, encoding)
    lines = pc.replace_substring(lines, "\f", "")
    trimmed = pc.utf8_trim_whitespace(lines)
    layout_rows = pc.match_substring_regex(lines, _RULER_LINE).to_numpy(zero_copy_only=False)
    layout_rows &= pc.not_equal(trimmed, "").to_numpy(zero_copy_only=False)
    if layout.header_line:
        layout_rows |= pc.equal(trimmed, layout.header_line).to_numpy(zero_copy_only=False)
    across = np.zeros(len(ends), dtype=bool)
    for boundary in layout.boundaries:
        if boundary >= 1:
            cut = pc.match_substring_regex(lines, f"^.{{{boundary - 1}}}\\S\\S")
            across |= cut.to_numpy(zero_copy_only=False)
    across &= ~layout_rows
    if across.any() and last:
        # Text after the last row of cells whose last word has no digit ("*** Einde van de
        # lijst, 5 klanten ***") is the report's closing text: layout, named in the report. A
        # line there that ends in a number may be a customer whose name pushed its amount out
        # of its column ("Café De Kroon 800"): an error.
        cells_rows = np.flatnonzero(
            ~across & ~layout_rows & (trimmed.to_numpy(zero_copy_only=False) != "")
        )
        after = cells_rows[-1] + 1 if cells_rows.size else 0
        wordy = ~pc.match_substring_regex(lines, r"\d\S*\s*$").to_numpy(zero_copy_only=False)
        closing = across & wordy
        closing[:after] = False
        layout_rows |= closing
        across &= ~closing
    if across.any():
        problems = [
            Notice(
                "error.across_columns",
                {
                    "row": first_row + int(i),
                    "position": _cut_at(lines[int(i)].as_py(), layout.boundaries),
                },
            )
            for i in np.flatnonzero(across)[:10].tolist()
        ]
        return {}, 0, problems, np.zeros(0, dtype=bool)
    edges = (0, *layout.boundaries, None)
    blank = pa.array(layout_rows)
    columns = {}
    for name, lo, hi in zip(layout.header, edges, edges[1:], strict=False):
        stop = hi if hi is not None else np.iinfo(np.int32).max
        cells = pc.utf8_trim_whitespace(pc.utf8_slice_codeunits(lines, lo, stop))
        cells = pc.if_else(blank, "", cells)
        columns[name] = cells.dictionary_encode() if name in dictionary else cells
    return columns, len(ends), [], layout_rows


def _cut_at(line: str, boundaries: Sequence[int]) -> int:
    """The character position (from 1) where a boundary cuts a word of ``line``."""
    for boundary in boundaries:
        if (
            1 <= boundary < len(line)
            and not line[boundary - 1].isspace()
            and not line[boundary].isspace()
        ):
            return boundary + 1
    return 0


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _prefetched(batches: Iterator[TextBatch]) -> Iterator[TextBatch]:
    """``batches``, the next one read in a thread while the caller works on the current."""
    results: queue.Queue = queue.Queue(maxsize=1)
    stop = threading.Event()
    done = object()

    def produce() -> None:
        try:
            for batch in batches:
                while not stop.is_set():
                    try:
                        results.put(batch, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            results.put(done)
        except BaseException as exc:  # handed to the caller
            results.put(exc)

    thread = threading.Thread(target=produce, name="klantlib-reader", daemon=True)
    thread.start()
    try:
        while True:
            item = results.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()
