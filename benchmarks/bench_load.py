"""Engine spike: revenue per customer from a large invoice-lines CSV, next to DuckDB.

Run: `python benchmarks/bench_load.py [--lines N] [--style flemish|plain] [--keep]`.

The harness writes an invoice-lines CSV of about N lines (default 10,000,000) from
`klantlib.sample.generate_sample` under `out/bench/` (git-ignored), in one of two styles:

* `flemish`: `;` delimiter, Dutch headers (factuurnummer;factuurdatum;klantnummer;klantnaam;
  bedrag), amounts like `1.234,56` and `-123,45`, dates `dd/mm/yyyy`, CRLF line ends and
  cp1252 (the default; `--encoding utf-8` or `utf-8-sig` for the other exports);
* `plain`: `,` delimiter, the English column names of `klantlib.sample`, amounts like
  `1234.56`, ISO dates, LF line ends, UTF-8.

It then times the baseline (DuckDB's own `read_csv` + `GROUP BY`) and each candidate engine,
EACH RUN IN A FRESH SUBPROCESS, in rounds (baseline, a, a2, ... then again), `--repeat`
times (default 3), so that a slow spell of the machine hits every candidate alike. Time is
the load function alone (after the imports); the peak memory is the subprocess's own high
water mark (VmHWM in /proc/self/status; not ru_maxrss, which on Linux starts from the
parent's size at fork), so it includes the interpreter and the imports. The table shows the
median time, the ratio to the baseline's median, the largest peak, the median wall time of
the whole process and whether the goal is met (<= 1.2x the baseline, <= 1024 MiB). Every
candidate's customer table (customer_id as text with leading zeros, revenue of year - 1)
must equal the baseline's to the cent.

Candidates (`--only a,f`): a/a2/a3 pyarrow streaming (open_csv; dataset scanner; open_csv
with the amount typed by the reader), b pyarrow read_csv of the whole file, f/f3 pyarrow
read_csv per 64 MiB slice of the file (text amount; typed amount), c pandas
read_csv(engine="pyarrow"), d DuckDB all_varchar + SQL parsing, e DuckDB's typed read_csv
with store_rejects (bad lines with their line numbers). `--threads N` sets DuckDB's and
pyarrow's threads, `--block-mib` pyarrow's CSV block size.

The generated CSV is deleted at the end unless `--keep`; a kept file is reused by the next
run with the same lines, style and encoding.

Exit status: 0 (the harness reports, it does not judge the goal), 1 when a candidate's
table differs from the baseline's or a run fails.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "out" / "bench"

YEAR = 2026  # the workshop year: revenue is for YEAR - 1, the file covers YEAR - 2 and YEAR - 1
REVENUE_YEAR = YEAR - 1
GOAL_RATIO = 1.2
GOAL_MIB = 1024.0

ENGLISH_HEADER = ("invoice_number", "invoice_date", "customer_id", "customer_name", "amount")
DUTCH_HEADER = ("factuurnummer", "factuurdatum", "klantnummer", "klantnaam", "bedrag")
# Lines per generated customer and year: generate_sample gives about 1.017 times the target.
LINES_PER_CUSTOMER_YEAR = 100.0
LINE_FACTOR = 1.017


# --------------------------------------------------------------------------------------------
# The test file
# --------------------------------------------------------------------------------------------


class FileSpec:
    """Where the CSV of a run lives and how it is written."""

    def __init__(self, lines: int, style: str, encoding: str) -> None:
        self.lines = lines
        self.style = style
        self.encoding = encoding
        self.path = BENCH_DIR / f"invoice_lines_{style}_{encoding}_{lines}.csv"

    @property
    def flemish(self) -> bool:
        return self.style == "flemish"

    @property
    def header(self) -> tuple[str, ...]:
        return DUTCH_HEADER if self.flemish else ENGLISH_HEADER

    def as_json(self) -> str:
        return json.dumps(
            {
                "path": str(self.path),
                "style": self.style,
                "encoding": self.encoding,
                "header": list(self.header),
            }
        )


def sample_size(lines: int) -> tuple[int, float]:
    """(n_customers, lines_per_customer_per_year) that give about `lines` invoice lines."""
    per_year = min(LINES_PER_CUSTOMER_YEAR, max(1.6, lines / (2 * 10 * LINE_FACTOR)))
    customers = max(10, round(lines / (2 * per_year * LINE_FACTOR)))
    return customers, per_year


def flemish_amount(cents: int) -> str:
    """1234.56 EUR in cents -> '1.234,56'; -12345 -> '-123,45'."""
    return f"{cents / 100:,.2f}".translate(str.maketrans(",.", ".,"))


def write_file(spec: FileSpec) -> float:
    """Generate the sample and write it as `spec` says; return the seconds it took."""
    import numpy as np

    from klantlib.sample import generate_sample

    start = time.perf_counter()
    customers, per_year = sample_size(spec.lines)
    lines = generate_sample(
        customers, year=YEAR, lines_per_customer_per_year=per_year
    ).invoice_lines
    cents = np.rint(lines["amount"].to_numpy() * 100).astype(np.int64).tolist()
    if spec.flemish:
        amounts = [flemish_amount(c) for c in cents]
        iso = lines["invoice_date"]
        dates = {d: f"{d[8:10]}/{d[5:7]}/{d[0:4]}" for d in iso.unique().tolist()}
        lines = lines.assign(invoice_date=iso.map(dates))
    else:
        amounts = [f"{c / 100:.2f}" for c in cents]
    lines = lines.assign(amount=amounts)
    lines.columns = list(spec.header)
    spec.path.parent.mkdir(parents=True, exist_ok=True)
    partial = spec.path.with_suffix(".partial")
    lines.to_csv(
        partial,
        sep=";" if spec.flemish else ",",
        index=False,
        encoding=spec.encoding,
        lineterminator="\r\n" if spec.flemish else "\n",
        chunksize=500_000,
    )
    partial.replace(spec.path)
    return time.perf_counter() - start


# --------------------------------------------------------------------------------------------
# How each engine reads the file: the layout of a style
# --------------------------------------------------------------------------------------------


# What the child's engine ran with, reported back to the parent.
THREADS_USED: dict[str, int] = {}


class Layout:
    """Column names and number/date conventions of a test file (from FileSpec.as_json)."""

    def __init__(self, spec: dict) -> None:
        self.path: str = spec["path"]
        self.flemish = spec["style"] == "flemish"
        self.encoding: str = spec["encoding"]
        header = spec["header"]
        self.date, self.customer, self.amount = header[1], header[2], header[4]
        self.delimiter = ";" if self.flemish else ","
        self.decimal = "," if self.flemish else "."
        self.thousands = "." if self.flemish else ","
        self.date_format = "%d/%m/%Y" if self.flemish else "%Y-%m-%d"

    @property
    def duckdb_encoding(self) -> str:
        # DuckDB reads utf-8, utf-16 and latin-1 itself; cp1252 needs the `encodings`
        # extension (downloaded at run time). Latin-1 equals cp1252 except 0x80-0x9F.
        return "latin-1" if self.encoding == "cp1252" else "utf-8"


def duckdb_connection(threads: int | None):
    import duckdb

    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    THREADS_USED["duckdb threads"] = con.execute("SELECT current_setting('threads')").fetchone()[0]
    return con


# --------------------------------------------------------------------------------------------
# Baseline: DuckDB's own read_csv (its own number and date parsing) + GROUP BY
# --------------------------------------------------------------------------------------------


def baseline_duckdb(layout: Layout, threads: int | None):
    """DuckDB's read_csv with the options the style needs, GROUP BY customer_id in SQL."""
    con = duckdb_connection(threads)
    options = {"encoding": layout.duckdb_encoding}
    if layout.flemish:
        options.update(
            delim=";", decimal_separator=",", thousands=".", dateformat=layout.date_format
        )
    # customer ids keep their leading zeros: the sniffer would make them BIGINT
    types = f"{{'{layout.customer}': 'VARCHAR', '{layout.amount}': 'DOUBLE'}}"
    args = "".join(f", {key} = '{value}'" for key, value in options.items())
    query = f"""
        SELECT "{layout.customer}" AS customer_id, round(sum("{layout.amount}"), 2) AS revenue
        FROM read_csv($path{args}, types = {types})
        WHERE "{layout.date}" >= DATE '{REVENUE_YEAR}-01-01'
          AND "{layout.date}" < DATE '{REVENUE_YEAR + 1}-01-01'
        GROUP BY 1
    """
    return con.execute(query, {"path": layout.path}).df()


# --------------------------------------------------------------------------------------------
# Candidate a: pyarrow.csv.open_csv streaming, compute per batch, partial group_by sums
# --------------------------------------------------------------------------------------------

# Tricks shared by the pyarrow candidates:
# * only the three needed columns are converted (include_columns);
# * customer id and amount stay binary: no UTF-8 validation, and cp1252 files need no
#   transcoding (all bytes that matter are ASCII; text columns would be decoded per
#   customer at the end, not per line);
# * the date is dictionary-encoded by the reader (a few hundred distinct dates per batch),
#   so strptime parses (and validates) the dictionary, not every line;
# * amounts: two literal replace_substring calls (thousands out, decimal comma to point)
#   and a cast to float64; revenue is the float sum rounded to cents at the end;
# * batches are computed in a small thread pool (pyarrow compute releases the GIL) while
#   the reader parses the next block.
PYARROW_BLOCK_MIB = 4


def _pyarrow_options(
    layout: Layout, *, only_needed: bool = True, typed_amount: bool = False
) -> tuple:
    """(ReadOptions, ParseOptions, ConvertOptions) for the three needed columns.

    typed_amount: the reader itself converts the amount to float64 (with the file's decimal
    point, in its own threads); it fails on thousands separators.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    read = pacsv.ReadOptions(block_size=PYARROW_BLOCK_MIB << 20)
    parse = pacsv.ParseOptions(delimiter=layout.delimiter)
    convert = pacsv.ConvertOptions(
        # the dataset scanner projects the columns itself (include_columns breaks it)
        include_columns=[layout.date, layout.customer, layout.amount] if only_needed else [],
        column_types={
            layout.date: pa.dictionary(pa.int32(), pa.string()),
            layout.customer: pa.binary(),
            layout.amount: pa.float64() if typed_amount else pa.binary(),
        },
        decimal_point=layout.decimal,
    )
    return read, parse, convert


def _pyarrow_partial(batch, layout: Layout):
    """One batch -> table (customer_id, amount_sum) for the revenue year."""
    import pyarrow as pa
    import pyarrow.compute as pc

    dates = batch.column(layout.date)
    years = pc.year(pc.strptime(dates.dictionary, layout.date_format, "s"))
    keep = pc.take(pc.equal(years, REVENUE_YEAR), dates.indices)
    amount = pc.filter(batch.column(layout.amount), keep)
    if not pa.types.is_floating(amount.type):
        amount = pc.replace_substring(amount, layout.thousands, "")
        if layout.decimal != ".":
            amount = pc.replace_substring(amount, layout.decimal, ".")
        amount = pc.cast(amount.cast(pa.string()), pa.float64())
    table = pa.table(
        {"customer_id": pc.filter(batch.column(layout.customer), keep), "amount": amount}
    )
    return table.group_by("customer_id", use_threads=False).aggregate([("amount", "sum")])


def _pyarrow_combine(parts):
    """Partial sums -> pandas DataFrame (customer_id as text, revenue rounded to cents)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    total = pa.concat_tables(parts).group_by("customer_id").aggregate([("amount_sum", "sum")])
    return pa.table(
        {
            "customer_id": total.column("customer_id").cast(pa.string()),
            "revenue": pc.round(total.column("amount_sum_sum"), 2),
        }
    ).to_pandas()


def _pooled(function, batches, workers: int) -> list:
    """function(batch) for every batch, at most workers + 1 batches in flight, in order."""
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    results = []
    with ThreadPoolExecutor(workers) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.submit(function, batch))
            if len(pending) > workers:
                results.append(pending.popleft().result())
        results.extend(future.result() for future in pending)
    return results


def _pyarrow_threads(threads: int | None) -> int:
    import pyarrow as pa

    if threads:
        pa.set_cpu_count(threads)
    THREADS_USED["pyarrow cpu_count"] = pa.cpu_count()
    THREADS_USED["pyarrow io_thread_count"] = pa.io_thread_count()
    return pa.cpu_count()


def candidate_pyarrow_stream(layout: Layout, threads: int | None):
    """a. pyarrow.csv.open_csv streaming; batch compute in a thread pool; partial sums."""
    import pyarrow.csv as pacsv

    workers = _pyarrow_threads(threads)
    reader = pacsv.open_csv(layout.path, *_pyarrow_options(layout))
    return _pyarrow_combine(_pooled(lambda b: _pyarrow_partial(b, layout), reader, workers))


def candidate_pyarrow_typed(layout: Layout, threads: int | None):
    """a3. Like a, but first let the reader convert the amount itself; a conversion error
    (a thousands separator, or a bad amount) restarts the file on a's text path."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    workers = _pyarrow_threads(threads)
    try:
        reader = pacsv.open_csv(layout.path, *_pyarrow_options(layout, typed_amount=True))
        parts = _pooled(lambda b: _pyarrow_partial(b, layout), reader, workers)
    except pa.ArrowInvalid:
        return candidate_pyarrow_stream(layout, threads)
    return _pyarrow_combine(parts)


# --------------------------------------------------------------------------------------------
# Candidate b: pyarrow.csv.read_csv of the whole file, then the same compute
# --------------------------------------------------------------------------------------------


def candidate_pyarrow_whole(layout: Layout, threads: int | None):
    """b. pyarrow.csv.read_csv (multi-threaded parse of the whole file), same compute."""
    import pyarrow.csv as pacsv

    workers = _pyarrow_threads(threads)
    table = pacsv.read_csv(layout.path, *_pyarrow_options(layout))
    batches = table.to_batches()
    del table
    return _pyarrow_combine(_pooled(lambda b: _pyarrow_partial(b, layout), batches, workers))


# --------------------------------------------------------------------------------------------
# Candidate f: pyarrow.csv.read_csv on consecutive slices of the file: the parallel parse of
# b with the bounded memory of a
# --------------------------------------------------------------------------------------------

SLICE_MIB = 64  # bytes of CSV per read_csv call; its blocks are parsed in parallel


def _line_slices(path: str, slice_bytes: int):
    """(header line, then) zero-copy buffers of whole lines, about slice_bytes each.

    Each slice is its own read-only mmap (page-aligned start), released after use, so the
    resident memory stays about one slice. Cuts only at line ends, so it assumes no value
    holds a line break (as pyarrow's default newlines_in_values=False does too).
    """
    import mmap

    import pyarrow as pa

    page = mmap.ALLOCATIONGRANULARITY
    with open(path, "rb") as file:
        header = file.readline()
        yield header
        size = os.fstat(file.fileno()).st_size
        start = len(header)
        while start < size:
            end = min(start + slice_bytes, size)
            base = start - start % page
            view = mmap.mmap(file.fileno(), end - base, offset=base, access=mmap.ACCESS_READ)
            if end < size:
                cut = view.rfind(b"\n", start - base) + 1
                if cut == 0:  # a line longer than a slice: take more
                    view.close()
                    slice_bytes *= 2
                    continue
                end = base + cut
            yield pa.py_buffer(view)[start - base : end - base]
            view.madvise(mmap.MADV_DONTNEED)
            start = end


def candidate_pyarrow_slices(layout: Layout, threads: int | None, typed_amount: bool = False):
    """f. read_csv per 64 MiB slice (its blocks parsed in parallel), the compute of a."""
    import csv
    import io

    import pyarrow as pa
    import pyarrow.csv as pacsv

    workers = _pyarrow_threads(threads)
    slices = _line_slices(layout.path, SLICE_MIB << 20)
    header = next(slices).decode("latin-1").lstrip("\ufeff\u00ef\u00bb\u00bf")
    names = next(csv.reader(io.StringIO(header), delimiter=layout.delimiter))
    read, parse, convert = _pyarrow_options(layout, typed_amount=typed_amount)
    read = pacsv.ReadOptions(column_names=names, block_size=read.block_size)
    parts = []
    rows_before = 0  # data rows in earlier slices: spreadsheet row = rows_before + i + 2
    for buffer in slices:
        table = pacsv.read_csv(pa.BufferReader(buffer), read, parse, convert)
        rows_before += table.num_rows
        batches = table.to_batches()
        del table
        parts += _pooled(lambda b: _pyarrow_partial(b, layout), batches, workers)
    return _pyarrow_combine(parts)


def candidate_pyarrow_slices_typed(layout: Layout, threads: int | None):
    """f3. f with the amount converted by the reader (as a3); on a conversion error
    (thousands separators, a bad amount) the file restarts on f's text path."""
    import pyarrow as pa

    try:
        return candidate_pyarrow_slices(layout, threads, typed_amount=True)
    except pa.ArrowInvalid:
        return candidate_pyarrow_slices(layout, threads)


# --------------------------------------------------------------------------------------------
# Candidate a2: pyarrow.dataset scanner (streaming; the cleaning runs as expressions in
# Arrow's own thread pool), partial group_by sums per batch
# --------------------------------------------------------------------------------------------


def candidate_pyarrow_dataset(layout: Layout, threads: int | None):
    """a2. pyarrow.dataset CSV scan, amount cleaning as projected expressions."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    _pyarrow_threads(threads)
    read, parse, convert = _pyarrow_options(layout, only_needed=False)
    csv_format = ds.CsvFileFormat(read_options=read, parse_options=parse, convert_options=convert)
    dataset = ds.dataset(layout.path, format=csv_format)
    amount = pc.replace_substring(pc.field(layout.amount), layout.thousands, "")
    if layout.decimal != ".":
        amount = pc.replace_substring(amount, layout.decimal, ".")
    columns = {
        "date": pc.field(layout.date),
        "customer_id": pc.field(layout.customer),
        "amount": amount.cast(pa.string()).cast(pa.float64()),
    }
    scanner = dataset.scanner(columns=columns, batch_readahead=8, fragment_readahead=1)
    parts = []
    for batch in scanner.to_batches():
        dates = batch.column(0)
        years = pc.year(pc.strptime(dates.dictionary, layout.date_format, "s"))
        keep = pc.take(pc.equal(years, REVENUE_YEAR), dates.indices)
        table = pa.Table.from_batches([batch]).filter(keep)
        parts.append(
            table.group_by("customer_id", use_threads=False).aggregate([("amount", "sum")])
        )
    return _pyarrow_combine(parts)


# --------------------------------------------------------------------------------------------
# Candidate c: pandas read_csv(engine="pyarrow", dtype=str) + .str cleaning + groupby
# --------------------------------------------------------------------------------------------


def candidate_pandas_pyarrow(layout: Layout, threads: int | None):
    """c. pandas.read_csv with the pyarrow engine, all text; vectorised .str cleaning."""
    import pandas as pd

    _pyarrow_threads(threads)
    frame = pd.read_csv(
        layout.path,
        sep=layout.delimiter,
        engine="pyarrow",
        dtype=str,
        usecols=[layout.date, layout.customer, layout.amount],
        encoding=layout.encoding,
    )
    dates = pd.to_datetime(frame[layout.date], format=layout.date_format, cache=True)
    frame = frame[(dates.dt.year == REVENUE_YEAR).to_numpy()]
    amount = frame[layout.amount].str.replace(layout.thousands, "", regex=False)
    if layout.decimal != ".":
        amount = amount.str.replace(layout.decimal, ".", regex=False)
    revenue = amount.astype("float64").groupby(frame[layout.customer].to_numpy()).sum()
    return pd.DataFrame({"customer_id": revenue.index, "revenue": revenue.round(2).to_numpy()})


# --------------------------------------------------------------------------------------------
# Candidate d: DuckDB reads every column as text, klantlib parses in SQL
# --------------------------------------------------------------------------------------------


def candidate_duckdb_sql(layout: Layout, threads: int | None):
    """d. DuckDB read_csv(all_varchar), amounts and dates parsed by klantlib's SQL."""
    con = duckdb_connection(threads)
    amount = f"replace(\"{layout.amount}\", '{layout.thousands}', '')"
    if layout.decimal != ".":
        amount = f"replace({amount}, '{layout.decimal}', '.')"
    date = f"strptime(\"{layout.date}\", '{layout.date_format}')::DATE"
    query = f"""
        SELECT "{layout.customer}" AS customer_id,
               CAST(sum(CAST({amount} AS DECIMAL(18, 2))) AS DOUBLE) AS revenue
        FROM read_csv($path, delim = '{layout.delimiter}', header = true, all_varchar = true,
                      encoding = '{layout.duckdb_encoding}')
        WHERE {date} >= DATE '{REVENUE_YEAR}-01-01' AND {date} < DATE '{REVENUE_YEAR + 1}-01-01'
        GROUP BY 1
    """
    return con.execute(query, {"path": layout.path}).df()


# --------------------------------------------------------------------------------------------
# Candidate e: the baseline's own typed read_csv, plus what klantlib needs for its error
# messages: store_rejects keeps the bad lines (with their line numbers) in a table
# --------------------------------------------------------------------------------------------


def _duckdb_read_options(layout: Layout) -> str:
    options = {"encoding": layout.duckdb_encoding, "delim": layout.delimiter, "header": "true"}
    if layout.flemish:
        options.update(decimal_separator=",", thousands=".", dateformat=layout.date_format)
    return "".join(f", {key} = '{value}'" for key, value in options.items())


def candidate_duckdb_rejects(layout: Layout, threads: int | None):
    """e. DuckDB read_csv with explicit options and types; bad lines go to reject_errors,
    whose `line` is the line number in the file (the spreadsheet row when no value holds
    a line break); any reject is an error for klantlib."""
    con = duckdb_connection(threads)
    types = (
        f"{{'{layout.date}': 'DATE', '{layout.customer}': 'VARCHAR', "
        f"'{layout.amount}': 'DECIMAL(18, 2)'}}"
    )
    query = f"""
        SELECT "{layout.customer}" AS customer_id,
               CAST(sum("{layout.amount}") AS DOUBLE) AS revenue
        FROM read_csv($path{_duckdb_read_options(layout)}, types = {types},
                      auto_detect = true, store_rejects = true)
        WHERE "{layout.date}" >= DATE '{REVENUE_YEAR}-01-01'
          AND "{layout.date}" < DATE '{REVENUE_YEAR + 1}-01-01'
        GROUP BY 1
    """
    result = con.execute(query, {"path": layout.path}).df()
    rejects = con.execute(
        "SELECT line, column_name, error_type, csv_line FROM reject_errors ORDER BY line LIMIT 5"
    ).fetchall()
    if rejects:
        line, column, kind, text = rejects[0]
        raise ValueError(f"row {line}, column {column}: {kind}: {text!r}")
    return result


# name -> (function, the engine module(s) it imports, label)
CANDIDATES: dict[str, tuple[Callable, tuple[str, ...], str]] = {
    "baseline": (baseline_duckdb, ("duckdb",), "DuckDB read_csv + GROUP BY (baseline)"),
    "a": (candidate_pyarrow_stream, ("pyarrow.csv", "pyarrow.compute"), "pyarrow open_csv stream"),
    "a2": (
        candidate_pyarrow_dataset,
        ("pyarrow.dataset", "pyarrow.compute"),
        "pyarrow dataset stream",
    ),
    "a3": (
        candidate_pyarrow_typed,
        ("pyarrow.csv", "pyarrow.compute"),
        "pyarrow open_csv stream, typed amount",
    ),
    "b": (candidate_pyarrow_whole, ("pyarrow.csv", "pyarrow.compute"), "pyarrow read_csv whole"),
    "f": (
        candidate_pyarrow_slices,
        ("pyarrow.csv", "pyarrow.compute"),
        "pyarrow read_csv per 64 MiB slice",
    ),
    "f3": (
        candidate_pyarrow_slices_typed,
        ("pyarrow.csv", "pyarrow.compute"),
        "pyarrow read_csv per slice, typed amount",
    ),
    "c": (candidate_pandas_pyarrow, ("pandas",), "pandas read_csv(engine=pyarrow)"),
    "d": (candidate_duckdb_sql, ("duckdb",), "DuckDB all_varchar + SQL parsing"),
    "e": (candidate_duckdb_rejects, ("duckdb",), "DuckDB typed read_csv + store_rejects"),
}


# --------------------------------------------------------------------------------------------
# One measured run: a fresh subprocess per candidate and repetition
# --------------------------------------------------------------------------------------------


def child_main(name: str, spec_json: str, threads: int | None, result_path: str) -> int:
    """Run one candidate in this (fresh) process; print its timings as one JSON line."""
    import importlib

    start = time.perf_counter()
    function, modules, _ = CANDIDATES[name]
    for module in modules:
        importlib.import_module(module)
    engine_imported = time.perf_counter()
    import pandas  # noqa: F401  (every candidate returns a pandas DataFrame)

    imported = time.perf_counter()
    try:
        result = function(Layout(json.loads(spec_json)), threads)
    except Exception as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
        print(json.dumps({"error": f"{type(error).__name__}: {message}"[:300]}))
        raise
    seconds = time.perf_counter() - imported
    result.to_pickle(result_path)
    report = {
        "peak_mib": peak_mib(),
        "seconds": seconds,
        "engine_import": engine_imported - start,
        "import": imported - start,
        "threads": THREADS_USED,
    }
    print(json.dumps(report))
    return 0


def peak_mib() -> float | None:
    """This process's peak resident memory in MiB (VmHWM), None where /proc is missing.

    Not ru_maxrss: on Linux a child's ru_maxrss starts from its parent's memory at fork
    (or vfork), so a parent that generated the file would show in every child.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def run_child(
    name: str, spec: FileSpec, threads: int | None, block_mib: int, result_path: Path
) -> dict:
    """Start one child; return its report plus peak MiB (os.wait4) and wall seconds."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", name]
    command += ["--spec", spec.as_json(), "--result", str(result_path)]
    command += ["--block-mib", str(block_mib)]
    if threads:
        command += ["--threads", str(threads)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        # wait4 reaps the child and gives its own rusage (RUSAGE_CHILDREN would be the max
        # over all children so far); Popen must not wait for it again.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    lines = stdout.strip().splitlines()
    report = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
    if process.returncode != 0:
        last = stderr.strip().splitlines()[-1:] or ["no output"]
        return {"error": report.get("error", last[0])}
    if report.get("peak_mib") is None:
        report["peak_mib"] = usage.ru_maxrss / 1024  # KiB; an upper bound, see peak_mib()
    report["wall"] = wall
    return report


# --------------------------------------------------------------------------------------------
# Checking: every candidate's table equals the baseline's to the cent
# --------------------------------------------------------------------------------------------


def cents_by_customer(result_path: Path):
    """A result pickle -> Series of revenue in whole cents, indexed by customer id text."""
    import pandas as pd

    frame = pd.read_pickle(result_path)
    ids = frame["customer_id"]
    if not (pd.api.types.is_string_dtype(ids) or ids.dtype == object):
        raise TypeError(f"customer_id must be text, got {ids.dtype}")
    cents = (frame["revenue"].astype("float64") * 100).round().astype("int64")
    return pd.Series(cents.to_numpy(), index=ids.astype(str).to_numpy()).sort_index()


def difference(expected, got) -> str | None:
    """None when equal to the cent, else a one-line description."""
    if got.index.has_duplicates:
        return f"{int(got.index.duplicated().sum())} customer ids occur more than once"
    missing = expected.index.difference(got.index)
    extra = got.index.difference(expected.index)
    if len(missing) or len(extra):
        return (
            f"{len(missing)} customers missing (e.g. {list(missing[:3])}), "
            f"{len(extra)} extra (e.g. {list(extra[:3])})"
        )
    wrong = got.reindex(expected.index) != expected
    if wrong.any():
        first = wrong.idxmax()
        return (
            f"{int(wrong.sum())} revenues differ, e.g. {first}: "
            f"{got[first] / 100:.2f} instead of {expected[first] / 100:.2f}"
        )
    return None


# --------------------------------------------------------------------------------------------
# The harness
# --------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=10_000_000, help="about this many lines")
    parser.add_argument("--style", choices=("flemish", "plain"), default="flemish")
    parser.add_argument(
        "--encoding",
        choices=("cp1252", "utf-8", "utf-8-sig"),
        help="file encoding (default: cp1252 for flemish, utf-8 for plain)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated CSV for reuse")
    parser.add_argument("--repeat", type=int, default=3, help="runs per candidate (default 3)")
    parser.add_argument(
        "--threads", type=int, help="threads for DuckDB and pyarrow (default: their own)"
    )
    parser.add_argument(
        "--block-mib",
        type=int,
        default=PYARROW_BLOCK_MIB,
        help=f"pyarrow CSV block size in MiB (default {PYARROW_BLOCK_MIB})",
    )
    parser.add_argument(
        "--only", help=f"comma-separated candidates (default all): {','.join(CANDIDATES)}"
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--write", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def verdict(ratio: float, peak: float) -> str:
    checks = (("time", ratio <= GOAL_RATIO), ("memory", peak <= GOAL_MIB))
    misses = [what for what, ok in checks if not ok]
    return "yes" if not misses else "no: " + ", ".join(misses)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    encoding = args.encoding or ("cp1252" if args.style == "flemish" else "utf-8")
    spec = FileSpec(args.lines, args.style, encoding)
    if args.write:  # in its own process, so that the harness stays small
        print(f"  written in {write_file(spec):.1f} s", flush=True)
        return 0
    if args.child:
        global PYARROW_BLOCK_MIB
        PYARROW_BLOCK_MIB = args.block_mib
        return child_main(args.child, args.spec, args.threads, args.result)

    names = ["baseline"] + [
        name for name in (args.only.split(",") if args.only else CANDIDATES) if name != "baseline"
    ]
    unknown = [name for name in names if name not in CANDIDATES]
    if unknown:
        print(f"unknown candidates: {', '.join(unknown)}", file=sys.stderr)
        return 2
    generated = not spec.path.exists()
    if generated:
        print(f"writing {spec.path.relative_to(ROOT)} ...", flush=True)
        command = [sys.executable, str(Path(__file__).resolve()), "--write"]
        command += ["--lines", str(args.lines), "--style", args.style, "--encoding", encoding]
        subprocess.run(command, check=True, cwd=ROOT)
    try:
        return measure(spec, names, args)
    finally:
        if generated and not args.keep:
            spec.path.unlink(missing_ok=True)


def measure(spec: FileSpec, names: list[str], args: argparse.Namespace) -> int:
    with spec.path.open("rb") as file:
        n_lines = sum(block.count(b"\n") for block in iter(lambda: file.read(1 << 24), b"")) - 1
    size_mib = spec.path.stat().st_size / 2**20
    print(
        f"file: {spec.path.relative_to(ROOT)}: {n_lines:,} lines, {size_mib:,.0f} MiB, "
        f"style {spec.style}, {spec.encoding}; revenue year {REVENUE_YEAR}; "
        f"cores {os.cpu_count()}; threads {args.threads or 'engine default'}; "
        f"pyarrow blocks {args.block_mib} MiB",
        flush=True,
    )
    runs: dict[str, list[dict]] = {name: [] for name in names}
    failed: list[str] = []
    expected = None
    with tempfile.TemporaryDirectory() as scratch:
        # Rounds (baseline, a, b, ..., then again) so that a slow spell of the machine
        # hits every candidate alike.
        for round_number in range(args.repeat):
            for name in names:
                result_path = Path(scratch) / f"{name}-{round_number}.pkl"
                report = run_child(name, spec, args.threads, args.block_mib, result_path)
                runs[name].append(report)
                if "error" in report:
                    print(f"  {name} run {round_number + 1}: FAILED: {report['error']}")
                    failed.append(name)
                    continue
                got = cents_by_customer(result_path)
                if expected is None:
                    expected = got
                    continue
                problem = difference(expected, got)
                if problem:
                    print(f"  {name} run {round_number + 1}: DIFFERS from baseline: {problem}")
                    failed.append(name)
            print(f"  round {round_number + 1} of {args.repeat} done", flush=True)
    print_table(names, runs)
    if failed:
        print(f"FAILED or DIFFERENT: {', '.join(sorted(set(failed)))}")
        return 1
    print(f"all {len(names) - 1} candidates equal the baseline to the cent")
    return 0


def print_table(names: list[str], runs: dict[str, list[dict]]) -> None:
    def median(name: str, key: str) -> float:
        values = [run[key] for run in runs[name] if "error" not in run]
        return statistics.median(values) if values else math.nan

    base = median("baseline", "seconds")
    print()
    print(
        f"{'candidate':<44} {'median s':>8} {'ratio':>6} {'peak MiB':>8} "
        f"{'wall s':>7} {'import s':>8}  meets <={GOAL_RATIO}x and <={GOAL_MIB:.0f} MiB"
    )
    for name in names:
        label = f"{name}: {CANDIDATES[name][2]}" if name != "baseline" else CANDIDATES[name][2]
        ok = [run for run in runs[name] if "error" not in run]
        if not ok:
            print(f"{label:<44} failed")
            continue
        seconds = median(name, "seconds")
        ratio = seconds / base
        peak = max(run["peak_mib"] for run in ok)
        print(
            f"{label:<44} {seconds:>8.3f} {ratio:>6.2f} {peak:>8.0f} "
            f"{median(name, 'wall'):>7.2f} {median(name, 'import'):>8.2f}  "
            f"{verdict(ratio, peak) if name != 'baseline' else '-'}"
        )
    threads = {
        key: value
        for name in names
        for run in runs[name]
        for key, value in run.get("threads", {}).items()
    }
    print(
        "median s: the load alone; wall s: the whole process (interpreter start, imports, "
        "load, saving the result); import s: engine + pandas imports"
    )
    print("threads used: " + (", ".join(f"{k} {v}" for k, v in sorted(threads.items())) or "-"))


if __name__ == "__main__":
    sys.exit(main())
