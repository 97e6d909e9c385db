"""Files of about 100 MB, ordinary and hostile: each one loads within 1 GiB peak, or is refused
with a message, never a traceback or a machine out of memory.

Run: `python benchmarks/bench_limits.py [--fresh] [--only NAME,…]`.

The files are written once under `out/bench/limits/` (git-ignored; `--fresh` writes them
again). Each is loaded by `klantlib.ingest.loading.load_customers` in a fresh subprocess, which
reports the outcome (customers, or the first line of the refusal), the seconds the load took,
and its own peak memory (VmHWM: interpreter and imports included).

The baseline, measured in the same run: the same subprocess loading the kit's 48-customer
sample (`data/voorbeeld/klanten.csv`): what the interpreter and the imports cost before any
file is large. Printed per file: outcome, seconds, peak MiB, and the peak above the baseline.
The goal: every peak <= 1024 MiB, every outcome the expected one (loaded, or refused by the
kit with a message). Exit status 1 when one is not.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "out" / "bench" / "limits"
GOAL_MIB = 1024.0
MB = 1 << 20
TARGET = 100 * MB

CHILD = r"""
import json, sys, time
from klantlib.errors import KlantlibError
from klantlib.ingest.loading import load_customers
path, year = sys.argv[1], (int(sys.argv[2]) if sys.argv[2] != "-" else None)
start = time.perf_counter()
try:
    table, _ = load_customers(path, year=year, progress=False)
    outcome = f"loaded: {len(table)} customers"
except KlantlibError as exc:
    outcome = "refused: " + exc.message("en").splitlines()[-1][:110]
seconds = time.perf_counter() - start
peak = 0.0
with open("/proc/self/status") as status:
    for line in status:
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
print(json.dumps({"outcome": outcome, "seconds": seconds, "peak": peak}))
"""


def _invoice_lines(path: Path, *, encoding: str = "utf-8", aligned: bool = False) -> None:
    """Invoice lines in a Flemish style up to about 100 MB: `;`, `1.234,56`, dd/mm/yyyy."""
    line = 0
    with path.open("w", encoding=encoding, newline="\n") as out:
        if aligned:
            out.write(f"{'Factuurdatum':<14}{'Klantnr':>8}  {'Klant':<28}{'Bedrag':>14}\n")
            out.write(f"{'-' * 12}  {'-' * 6}  {'-' * 26}  {'-' * 12}\n")
        else:
            out.write("Factuurdatum;Klantnr;Klant;Bedrag excl. btw\n")
        written = 0
        while written < TARGET:
            block = []
            for _ in range(10_000):
                line += 1
                customer = 1000 + (line * 7919) % 4000
                cents = (line * 104729) % 2_000_000 - 20_000
                amount = f"{cents // 100:,}".replace(",", ".") + f",{abs(cents) % 100:02d}"
                if cents < 0 and not amount.startswith("-"):
                    amount = "-" + amount
                date = f"{1 + line % 28:02d}/{1 + line % 12:02d}/2025"
                name = f"Klant {customer} & Zonen"
                if aligned:
                    block.append(f"{date:<14}{customer:>8}  {name:<28}{amount:>14}\n")
                else:
                    block.append(f"{date};{customer};{name};{amount}\n")
            text = "".join(block)
            out.write(text)
            written += len(text.encode(encoding))


def _one_cell(path: Path) -> None:
    with path.open("wb") as out:
        out.write(b'Klant;Omzet\nBakkerij Peeters;1200\nReus;"')
        for _ in range(TARGET // MB):
            out.write(b"x" * MB)


def _random_bytes(path: Path) -> None:
    with path.open("wb") as out:
        out.write(b"Klant;Omzet\nBakkerij Peeters;1200\n")
        for _ in range(TARGET // MB):
            out.write(os.urandom(MB))


def _no_line_ends(path: Path) -> None:
    with path.open("wb") as out:
        out.write(b"Klant;Omzet\n")
        for _ in range(TARGET // MB):
            out.write(b"Bakkerij Peeters;1200 " * (MB // 22))


def _xlsx_parts(sheet_xml: Callable[[object], None], path: Path) -> None:
    ns = "http://schemas.openxmlformats.org/"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{ns}package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{ns}package/2006/relationships"><Relationship Id="rId1"'
            f' Type="{ns}officeDocument/2006/relationships/officeDocument"'
            ' Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{ns}spreadsheetml/2006/main"'
            f' xmlns:r="{ns}officeDocument/2006/relationships"><sheets>'
            '<sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{ns}package/2006/relationships"><Relationship Id="rId1"'
            f' Type="{ns}officeDocument/2006/relationships/worksheet"'
            ' Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(
                f'<worksheet xmlns="{ns}spreadsheetml/2006/main"><sheetData>'.encode()
                + b'<row><c t="inlineStr"><is><t>Klantnr</t></is></c>'
                b'<c t="inlineStr"><is><t>Klant</t></is></c>'
                b'<c t="inlineStr"><is><t>Omzet</t></is></c></row>'
            )
            sheet_xml(out)
            out.write(b"</sheetData></worksheet>")


def _xlsx_giant_text(path: Path) -> None:
    """A 2 MB .xlsx whose one cell holds 2 GB of text (the issue's case)."""

    def rows(out) -> None:
        out.write(b'<row><c><v>1</v></c><c t="inlineStr"><is><t>')
        for _ in range(2048):
            out.write(b"A" * MB)
        out.write(b"</t></is></c><c><v>5</v></c></row>")

    _xlsx_parts(rows, path)


def _xlsx_near_limit(path: Path) -> None:
    """A sheet of customers just under the kit's limit for a sheet (75 MB of cells)."""

    def rows(out) -> None:
        written, number = 0, 0
        while written < 75 * MB:
            block = b"".join(
                b'<row><c><v>%d</v></c><c t="inlineStr"><is><t>Klant %d</t></is></c>'
                b"<c><v>%d.%02d</v></c></row>" % (n, n, n % 9973, n % 100)
                for n in range(number, number + 10_000)
            )
            number += 10_000
            out.write(block)
            written += len(block)

    _xlsx_parts(rows, path)


def _xlsx_over_limit(path: Path) -> None:
    """A sheet of invoice-line-like rows of about 400 MB of cells: a large export."""

    def rows(out) -> None:
        row = (
            b'<row><c><v>%d</v></c><c t="inlineStr"><is><t>Klant %d</t></is></c>'
            b"<c><v>%d</v></c></row>"
        )
        for start in range(0, 6_000_000, 10_000):
            block = range(start, start + 10_000)
            out.write(b"".join(row % (n % 4000, n % 4000, n) for n in block))

    _xlsx_parts(rows, path)


CASES: dict[str, tuple[str, Callable[[Path], None], int | None, str]] = {
    "csv-lines": ("lijnen.csv", _invoice_lines, 2025, "loaded"),
    "utf16-lines": (
        "lijnen-utf16.txt",
        lambda p: _invoice_lines(p, encoding="utf-16"),
        2025,
        "loaded",
    ),
    "aligned-lines": ("lijnen.prn", lambda p: _invoice_lines(p, aligned=True), 2025, "loaded"),
    "csv-one-cell": ("een-cel.csv", _one_cell, None, "refused"),
    "csv-no-line-ends": ("geen-regels.csv", _no_line_ends, None, "refused"),
    "random-bytes": ("willekeurig.csv", _random_bytes, None, "refused"),
    "xlsx-2gb-text": ("reuzentekst.xlsx", _xlsx_giant_text, None, "refused"),
    "xlsx-near-limit": ("bijna-grens.xlsx", _xlsx_near_limit, None, "loaded"),
    "xlsx-over-limit": ("groot.xlsx", _xlsx_over_limit, None, "refused"),
}


def measure(path: Path, year: int | None) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(year) if year else "-"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        return {"outcome": f"crashed: {tail[:110]}", "seconds": float("nan"), "peak": float("nan")}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="write the files again")
    parser.add_argument("--only", default="", help="comma-separated case names")
    args = parser.parse_args()
    chosen = [c for c in args.only.split(",") if c] or list(CASES)
    FOLDER.mkdir(parents=True, exist_ok=True)
    baseline = measure(ROOT / "data" / "voorbeeld" / "klanten.csv", None)
    print(f"baseline (48-customer sample): {baseline['peak']:.0f} MiB peak, {baseline['outcome']}")
    print(f"{'file':<18} {'size':>9}  {'seconds':>7} {'peak MiB':>8} {'+base':>6}  outcome")
    failed = False
    for name in chosen:
        file_name, make, year, expected = CASES[name]
        path = FOLDER / file_name
        if args.fresh or not path.exists():
            make(path)
        result = measure(path, year)
        size = f"{path.stat().st_size / MB:.1f} MB"
        ok = result["outcome"].startswith(expected) and result["peak"] <= GOAL_MIB
        failed |= not ok
        print(
            f"{name:<18} {size:>9}  {result['seconds']:7.2f} {result['peak']:8.0f}"
            f" {result['peak'] - baseline['peak']:6.0f}  {'ok ' if ok else 'NO '}"
            f"{result['outcome']}"
        )
    verdict = "NOT MET" if failed else "met"
    print(f"goal: every peak <= {GOAL_MIB:.0f} MiB and the expected outcome: {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
