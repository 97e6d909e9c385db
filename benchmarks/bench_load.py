"""Customer table from ten million invoice lines: klantlib next to DuckDB, side by side.

Run: `python benchmarks/bench_load.py [--lines N] [--style flemish,plain] [--repeat 3]`.

The requirement: a company with 10 million invoice lines gets its customer table within
1.2 times the time DuckDB's own `read_csv` + `GROUP BY` takes on the same file, with a peak
memory of at most 1 GiB. This benchmark measures exactly that, for each file style:

* `flemish`: `;` delimiter, Dutch headers (factuurnummer;factuurdatum;klantnummer;klantnaam;
  bedrag), amounts like `1.234,56` and `-123,45`, dates `dd/mm/yyyy`, CRLF line ends, cp1252;
* `plain`: `,` delimiter, the English column names of `klantlib.sample`, amounts like
  `1234.56`, ISO dates, LF line ends, UTF-8.

The file (about N lines, default 10,000,000, from `klantlib.sample.generate_sample`) is
written once under `out/bench/` (git-ignored) and reused by later runs (`--fresh` writes it
again). Each measured run is a fresh subprocess: first DuckDB (`read_csv` with the options
the style needs, `GROUP BY` customer id in SQL: the baseline), then
`klantlib.ingest.loading.load_customers(path, year=...)` (the whole customer table: headers
recognised, every amount and date checked, blank and total rows, the report), in rounds, so
that a slow spell of the machine hits both alike. Time is the load alone, after the imports;
peak memory is the subprocess's own high-water mark (VmHWM), interpreter and imports
included. Both tables must agree to the cent (revenue of the year before the workshop year).

A third run is a reference, not a candidate: DuckDB reading every cell as text and checking
it as klantlib does (klantlib's own amount pattern, strptime for dates, grouped by id and
name), without row numbers or a report. It shows what checking every cell costs DuckDB
itself, next to its plain typed read.

Printed per style: the median time of each, the ratios, each one's largest peak, and a verdict
line against the goal (ratio <= 1.2, klantlib's peak <= 1024 MiB).

Exit status: 0 when every style meets the goal, 1 when one does not, or the tables differ,
or a run fails.
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
# Reference: DuckDB doing the cell checks klantlib does, in SQL
# --------------------------------------------------------------------------------------------


def checked_duckdb(layout: Layout, threads: int | None):
    """DuckDB reading every cell as text and checking it the way klantlib does: each amount
    against klantlib's own amount pattern (RE2 in both), each date with strptime, customers
    grouped by id and name; any bad cell fails the run. No row numbers, no report: a lower
    bound for any engine that checks every cell, not a replacement for klantlib."""
    from klantlib.core.amounts import AMOUNT_PATTERNS

    con = duckdb_connection(threads)
    style = "comma" if layout.flemish else "dot"
    with open(layout.path, "rb") as file:
        header = file.readline().decode(layout.encoding).strip().split(layout.delimiter)
    position = {name: f"c{i}" for i, name in enumerate(header)}
    date, customer, amount = (position[c] for c in (layout.date, layout.customer, layout.amount))
    name = position[header[3]]
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(header))) + "}"
    digits = "[^0-9,]" if layout.flemish else "[^0-9.]"
    query = f"""
        WITH cells AS (
            SELECT {customer} AS customer_id, {name} AS name, coalesce({amount}, '') AS amount,
                   try_strptime(trim({date}), '{layout.date_format}')::DATE AS day,
                   regexp_full_match(coalesce({amount}, ''), $pattern) AS fits
            FROM read_csv($path, header = false, skip = 1, delim = '{layout.delimiter}',
                          quote = '"', escape = '"', encoding = '{layout.duckdb_encoding}',
                          columns = {columns})
        ), amounts AS (
            SELECT customer_id, name, day, fits,
                   CASE WHEN fits THEN
                       (CASE WHEN regexp_matches(amount, '[-\u2212(]') THEN -1 ELSE 1 END)
                       * CAST(replace(regexp_replace(amount, '{digits}', '', 'g'), ',', '.')
                              AS DOUBLE)
                   END AS revenue
            FROM cells
        ), parts AS (
            SELECT customer_id, name, count_if(NOT fits OR day IS NULL) AS bad,
                   sum(revenue) FILTER (WHERE year(day) = {REVENUE_YEAR}) AS revenue
            FROM amounts GROUP BY customer_id, name
        )
        SELECT customer_id, round(sum(revenue), 2) AS revenue, sum(bad) AS bad
        FROM parts GROUP BY customer_id HAVING count(revenue) > 0
    """
    result = con.execute(query, {"path": layout.path, "pattern": AMOUNT_PATTERNS[style]}).df()
    if result["bad"].sum():
        raise ValueError(f"{int(result['bad'].sum())} cells are not an amount or a date")
    return result[["customer_id", "revenue"]]


# --------------------------------------------------------------------------------------------
# klantlib: load_customers, the one path every file goes through
# --------------------------------------------------------------------------------------------


def klantlib_load(layout: Layout, threads: int | None):
    """klantlib.ingest.loading.load_customers(path, year=...): the whole customer table."""
    from klantlib.ingest.loading import load_customers

    if threads:
        import pyarrow as pa

        pa.set_cpu_count(threads)
    table, _ = load_customers(layout.path, year=REVENUE_YEAR, progress=False)
    return table[["customer_id", "revenue"]]


# name -> (function, the module(s) it imports before the clock starts, label)
CANDIDATES: dict[str, tuple[Callable, tuple[str, ...], str]] = {
    "baseline": (baseline_duckdb, ("duckdb",), "DuckDB read_csv + GROUP BY"),
    "klantlib": (klantlib_load, ("klantlib.ingest.loading",), "klantlib load_customers"),
    "checked": (checked_duckdb, ("duckdb",), "DuckDB + klantlib's cell checks"),
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


def run_child(name: str, spec: FileSpec, threads: int | None, result_path: Path) -> dict:
    """Start one child; return its report plus peak MiB (os.wait4) and wall seconds."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", name]
    command += ["--spec", spec.as_json(), "--result", str(result_path)]
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
    parser.add_argument(
        "--style", default="flemish,plain", help="file styles, comma-separated: flemish,plain"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (default 3)")
    parser.add_argument("--threads", type=int, help="threads for DuckDB and pyarrow")
    parser.add_argument("--fresh", action="store_true", help="write the test files again")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--write", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--encoding", help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def verdict(ratio: float, peak: float) -> str:
    misses = [
        f"time {ratio:.2f}x > {GOAL_RATIO}x" if ratio > GOAL_RATIO else "",
        f"memory {peak:.0f} MiB > {GOAL_MIB:.0f} MiB" if peak > GOAL_MIB else "",
    ]
    misses = [miss for miss in misses if miss]
    return "MEETS the goal" if not misses else "MISSES the goal: " + ", ".join(misses)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.write:  # in its own process, so that the harness stays small
        spec = FileSpec(args.lines, args.style, args.encoding)
        print(f"  written in {write_file(spec):.1f} s", flush=True)
        return 0
    if args.child:
        return child_main(args.child, args.spec, args.threads, args.result)
    styles = [style.strip() for style in args.style.split(",") if style.strip()]
    unknown = [style for style in styles if style not in ("flemish", "plain")]
    if unknown:
        print(f"unknown styles: {', '.join(unknown)}", file=sys.stderr)
        return 2
    verdicts = []
    for style in styles:
        spec = FileSpec(args.lines, style, "cp1252" if style == "flemish" else "utf-8")
        if args.fresh or not spec.path.exists():
            print(f"writing {spec.path.relative_to(ROOT)} ...", flush=True)
            command = [sys.executable, str(Path(__file__).resolve()), "--write"]
            command += ["--lines", str(args.lines), "--style", style, "--encoding", spec.encoding]
            subprocess.run(command, check=True, cwd=ROOT)
        verdicts.append(measure(spec, args))
    print()
    for style, ok in zip(styles, verdicts, strict=True):
        print(f"{style}: {'meets' if ok else 'does not meet'} the goal")
    return 0 if all(verdicts) else 1


def measure(spec: FileSpec, args: argparse.Namespace) -> bool:
    """Run both, compare their tables, print the numbers; True when the goal is met."""
    with spec.path.open("rb") as file:
        n_lines = sum(block.count(b"\n") for block in iter(lambda: file.read(1 << 24), b"")) - 1
    size_mib = spec.path.stat().st_size / 2**20
    print(
        f"\nfile: {spec.path.relative_to(ROOT)}: {n_lines:,} lines, {size_mib:,.0f} MiB, "
        f"style {spec.style}, {spec.encoding}; revenue year {REVENUE_YEAR}; "
        f"cores {os.cpu_count()}; threads {args.threads or 'engine default'}",
        flush=True,
    )
    runs: dict[str, list[dict]] = {name: [] for name in CANDIDATES}
    failed = False
    with tempfile.TemporaryDirectory() as scratch:
        for round_number in range(args.repeat):
            expected = None
            for name in CANDIDATES:
                result_path = Path(scratch) / f"{name}-{round_number}.pkl"
                report = run_child(name, spec, args.threads, result_path)
                runs[name].append(report)
                if "error" in report:
                    print(f"  {name} run {round_number + 1}: FAILED: {report['error']}")
                    failed = True
                    continue
                got = cents_by_customer(result_path)
                if expected is None:
                    expected = got
                    continue
                problem = difference(expected, got)
                if problem:
                    print(f"  {name} run {round_number + 1}: DIFFERS from DuckDB: {problem}")
                    failed = True
            print(f"  round {round_number + 1} of {args.repeat} done", flush=True)
    ok = print_table(runs) and not failed
    if not failed:
        print("klantlib's customer table equals DuckDB's to the cent in every run")
    return ok


def print_table(runs: dict[str, list[dict]]) -> bool:
    def median(name: str, key: str) -> float:
        values = [run[key] for run in runs[name] if "error" not in run]
        return statistics.median(values) if values else math.nan

    def peak(name: str) -> float:
        values = [run["peak_mib"] for run in runs[name] if "error" not in run]
        return max(values) if values else math.nan

    ours, base = median("klantlib", "seconds"), median("baseline", "seconds")
    print()
    print(f"{'':<32} {'median s':>8} {'peak MiB':>8} {'wall s':>7}  runs (s)")
    for name, (_, _, label) in CANDIDATES.items():
        times = ", ".join(f"{run['seconds']:.2f}" for run in runs[name] if "error" not in run)
        print(
            f"{label:<32} {median(name, 'seconds'):>8.2f} {peak(name):>8.0f} "
            f"{median(name, 'wall'):>7.2f}  {times}"
        )
    ratio = ours / base
    print(f"ratio klantlib / DuckDB (medians): {ratio:.2f}x")
    checked = median("checked", "seconds")
    print(
        f"ratio klantlib / DuckDB with klantlib's cell checks in SQL (reference): "
        f"{ours / checked:.2f}x; that reference / DuckDB: {checked / base:.2f}x"
    )
    threads = {
        key: value
        for name in runs
        for run in runs[name]
        for key, value in run.get("threads", {}).items()
    }
    print("threads: " + (", ".join(f"{k} {v}" for k, v in sorted(threads.items())) or "-"))
    line = verdict(ratio, peak("klantlib"))
    print(f"verdict: {line} (goal: <= {GOAL_RATIO}x DuckDB's time, <= {GOAL_MIB:.0f} MiB)")
    return line.startswith("MEETS")


if __name__ == "__main__":
    sys.exit(main())
