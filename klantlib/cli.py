"""The command line: ``python -m klantlib COMMAND ...`` (edge: arguments in, files and text out).

Bad input ends with exit code 2 and a message in the chosen language, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from klantlib.bands import Thresholds
from klantlib.errors import KlantlibError
from klantlib.exports import spreadsheet_safe, write_csv, write_segments_csv
from klantlib.i18n import LANGUAGES, format_money, format_share, text
from klantlib.loading import load_customers
from klantlib.method import segment_customers
from klantlib.present import open_line, thresholds_line
from klantlib.reading import read_answers_csv, read_customers_csv

__all__ = ["main", "parse_thresholds"]

EXIT_BAD_INPUT = 2

_AMOUNT = re.compile(r"^\d{1,3}(\.\d{3})+$|^\d+(\.\d+)?$")


def parse_thresholds(value: str) -> Thresholds:
    """Two thresholds as people type them: ``10000,50000``, ``10.000;50.000``, ``€ 10 000;…``.

    A dot followed by groups of three digits is read as a thousands separator, the way a
    Flemish user writes ``10.000``.
    """
    parts = re.split(r"[;,]" if ";" not in value else ";", value)
    if len(parts) != 2:
        raise KlantlibError("error.bands_format", value=value)
    amounts = []
    for part in parts:
        cleaned = part.replace("€", "").replace("EUR", "").replace(" ", "").strip()
        if ";" in value and re.fullmatch(r"\d+,\d{1,2}", cleaned):  # 10000,50 with ; between
            cleaned = cleaned.replace(",", ".")
        if not _AMOUNT.match(cleaned):
            if cleaned.startswith("-") and _AMOUNT.match(cleaned[1:]):
                raise KlantlibError("error.negative_threshold", value=part.strip())
            raise KlantlibError("error.threshold_not_number", value=part.strip())
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
            cleaned = cleaned.replace(".", "")
        amounts.append(float(cleaned))
    return Thresholds(*amounts)


def _language(argv: Sequence[str]) -> str:
    """The ``--lang`` on the command line, read before parsing so help is in that language."""
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1] if arg.split("=", 1)[1] in LANGUAGES else "nl"
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
    return "nl"


def _parser(lang: str) -> argparse.ArgumentParser:
    def h(key: str) -> str:
        return text(f"cli.help.{key}", lang)

    parser = argparse.ArgumentParser(prog="python -m klantlib", description=h("prog"))
    commands = parser.add_subparsers(dest="command", required=True)

    segment = commands.add_parser("segment", help=h("segment"), description=h("segment"))
    segment.add_argument("customers", metavar="CUSTOMERS", help=h("customers"))
    segment.add_argument("--answers", required=True, metavar="ANSWERS", help=h("answers"))
    segment.add_argument("--bands", metavar="LOW,HIGH", help=h("bands"))
    segment.add_argument("--lang", choices=LANGUAGES, default="nl", help=h("lang"))
    segment.add_argument("--out", required=True, metavar="DIR", help=h("out"))

    load = commands.add_parser("load", help=h("load"), description=h("load"))
    load.add_argument("input", metavar="INPUT", help=h("input"))
    period = load.add_mutually_exclusive_group()
    period.add_argument("--year", type=int, metavar="YYYY", help=h("year"))
    period.add_argument("--from", dest="date_from", type=_date, metavar="DATE", help=h("from"))
    load.add_argument("--to", dest="date_to", type=_date, metavar="DATE", help=h("to"))
    load.add_argument("--sheet", metavar="NAME", help=h("sheet"))
    load.add_argument("--number-style", choices=("comma", "dot"), help=h("number_style"))
    load.add_argument(
        "--column", action="append", default=[], metavar="FIELD=HEADER", help=h("column")
    )
    load.add_argument("--lang", choices=LANGUAGES, default="nl", help=h("lang"))
    load.add_argument("--out", metavar="FILE", help=h("load_out"))

    workshop = commands.add_parser("workshop", help=h("workshop"), description=h("workshop"))
    workshop.add_argument("--port", type=int, default=8888, help=h("port"))
    workshop.add_argument("--lang", choices=LANGUAGES, default="nl", help=h("lang"))
    workshop.add_argument("--no-browser", action="store_true", help=h("no_browser"))
    return parser


def _segment(args: argparse.Namespace) -> int:
    lang = args.lang
    thresholds = parse_thresholds(args.bands) if args.bands else None
    customers = read_customers_csv(args.customers)
    answers = read_answers_csv(args.answers)
    result = segment_customers(customers, answers, thresholds=thresholds, lang=lang)
    print(thresholds_line(result, lang))
    for notice in result.notices:
        print(text("notice", lang, message=notice.message(lang)))
    path = write_segments_csv(result, Path(args.out), lang)
    print(text("cli.summary_title", lang))
    for segment, row in result.summary.iterrows():
        print(
            text(
                "cli.summary_line",
                lang,
                segment=segment,
                customers=int(row["customers"]),
                revenue=format_money(row["revenue"], lang),
                share=format_share(row["revenue_share"], lang),
            )
        )
    print(open_line(result, lang))
    print(text("cli.written", lang, path=str(path)))
    return 0


def _date(value: str) -> dt.date:
    """A date typed as 2025-12-31, 31/12/2025 or 31-12-2025."""
    for form in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value.strip(), form).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(value)


def _overrides(pairs: list[str]) -> dict[str, str]:
    overrides = {}
    for pair in pairs:
        field_name, separator, header = pair.partition("=")
        if not separator:
            raise KlantlibError("error.column_format", value=pair)
        overrides[field_name.strip()] = header.strip().strip('"')
    return overrides


def _load(args: argparse.Namespace) -> int:
    lang = args.lang
    table, report = load_customers(
        args.input,
        year=args.year,
        date_from=args.date_from,
        date_to=args.date_to,
        sheet=args.sheet,
        columns=_overrides(args.column),
        number_style=args.number_style,
    )
    for line in report.lines(lang):
        print(line)
    if args.out:
        print(text("cli.written", lang, path=str(write_csv(table, args.out))))
    else:
        sys.stdout.write(spreadsheet_safe(table).to_csv(index=False, float_format="%.2f"))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 fine, 2 bad input)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _language(argv)
    args = _parser(lang).parse_args(argv)
    try:
        if args.command == "segment":
            return _segment(args)
        if args.command == "load":
            return _load(args)
        from klantlib.workshop import run_workshop

        return run_workshop(port=args.port, lang=args.lang, open_browser=not args.no_browser)
    except KlantlibError as exc:
        print(text("error.shown", lang, message=exc.message(lang)), file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = text("error.file_unreadable", lang, path=exc.filename or "", reason=reason)
        print(text("error.shown", lang, message=message), file=sys.stderr)
        return EXIT_BAD_INPUT
