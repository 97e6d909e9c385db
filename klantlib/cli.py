"""The command line: ``python -m klantlib COMMAND ...`` (edge: arguments in, files and text out).

Commands: ``segment`` (from files, or from a session with ``--session``), ``load``,
``session create``, ``answers import``, ``answers export``, ``compare`` (who moved between two
segmentations, each a session or a ``segments.csv``), ``workshop`` (JupyterLab) and
``present`` (the workshop app as a page without code, for the projector). Bad input ends with
exit code 2 and a message in the chosen language, never a traceback.

Sessions and participants: ``segment --session`` and ``answers export`` use the one
participant of the session when ``--participant`` is not given; with several participants they
stop and name them (one participant's answers per file and per segmentation, never a silent
mix). ``segment --session`` takes the customers, thresholds and grid from the session;
``--bands`` still overrides the thresholds. ``answers export`` of a session without answers, or
for a participant who has not answered yet, writes a blank sheet to fill in; ``segment`` refuses
a participant who has not answered. How answer files are read and written:
:mod:`klantlib.store.answer_files`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from klantlib.core.amounts import parse_typed_amount
from klantlib.core.bands import Thresholds
from klantlib.core.consensus import TEAM
from klantlib.core.method import segment_customers
from klantlib.core.moves import REQUIRED as SEGMENT_TABLE_COLUMNS
from klantlib.core.moves import compare_segments, quarter_history, require_segment_columns
from klantlib.core.plan import plan_table
from klantlib.core.portfolios import check_manager
from klantlib.errors import KlantlibError, Money
from klantlib.i18n import LANGUAGES, format_money, format_number, format_share, text
from klantlib.ingest.loading import load_customers
from klantlib.ingest.reading import read_answers_csv, read_customers_csv, read_table_csv
from klantlib.reports.present import (
    history_lines,
    open_line,
    shown_path,
    thresholds_line,
    to_decide_text,
)
from klantlib.reports.quarter import (
    carried_lines,
    history_for_export,
    history_table,
    quarter_segments,
)
from klantlib.reports.reasons import moves_with_reasons
from klantlib.reports.report import write_report
from klantlib.store.answer_files import check_answer_file_kind, import_answers, write_answer_file
from klantlib.store.exports import out_folder, spreadsheet_safe, write_csv
from klantlib.store.segmentation import segment_session, session_to_decide
from klantlib.store.session import Session, check_participant
from klantlib.store.workspace import create_next_session, create_session, open_session, session_path

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["main", "parse_thresholds"]

EXIT_BAD_INPUT = 2


def parse_thresholds(value: str) -> Thresholds:
    """Two thresholds as people type them: ``10000,50000``, ``10.000;50.000``, ``€ 10 000;…``.

    Each is read as the band picker reads a typed amount
    (:func:`klantlib.core.amounts.parse_typed_amount`): ``10.000`` is ten thousand, the way a
    Flemish user writes it; with ``;`` between them a decimal comma is allowed too.
    """
    parts = re.split(r"[;,]" if ";" not in value else ";", value)
    if len(parts) != 2:
        raise KlantlibError("error.bands_format", value=value)
    amounts = []
    for part in parts:
        try:
            amount = parse_typed_amount(part)
        except KlantlibError:
            raise KlantlibError("error.threshold_not_number", value=part.strip()) from None
        if amount < 0:
            raise KlantlibError("error.negative_threshold", value=part.strip())
        amounts.append(amount)
    return Thresholds(*amounts)


def _language(argv: Sequence[str]) -> str:
    """The ``--lang`` on the command line, read before parsing so help and argparse's own
    messages are in that language; without it, the computer's language (English for an
    English locale, else Dutch)."""
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1] if arg.split("=", 1)[1] in LANGUAGES else "nl"
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
    return locale_language()


def locale_language() -> str:
    """``en`` when the computer's locale is English (``LC_ALL``, ``LC_MESSAGES``, ``LANG``),
    else ``nl``."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return "en" if value.lower().startswith("en") else "nl"
    return "nl"


# argparse's own sentences, as its messages write them, and the catalogue key that says each
# in the run's language.
_ARGPARSE = [
    (re.compile(r"the following arguments are required: (?P<args>.+)"), "cli.argparse.required"),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), "cli.argparse.unrecognized"),
    (
        re.compile(
            r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"
        ),
        "cli.argparse.choice",
    ),
    (
        re.compile(r"argument (?P<arg>\S+): invalid \S+ value: (?P<value>.+)"),
        "cli.argparse.invalid",
    ),
    (re.compile(r"argument (?P<arg>\S+): expected one argument"), "cli.argparse.one_value"),
    (
        re.compile(r"argument (?P<arg>\S+): not allowed with argument (?P<other>\S+)"),
        "cli.argparse.not_with",
    ),
    (re.compile(r"one of the arguments (?P<args>.+) is required"), "cli.argparse.one_of"),
    (re.compile(r"argument (?P<arg>\S+): (?P<message>.+)"), "cli.argparse.argument"),
]


def _parser_class(lang: str) -> type[argparse.ArgumentParser]:
    """An ArgumentParser that speaks ``lang``: usage, section titles, help and errors."""

    class Parser(argparse.ArgumentParser):
        def __init__(self, *args: object, **kwargs: object) -> None:
            kwargs["add_help"] = False
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            self._positionals.title = text("cli.argparse.positionals", lang)
            self._optionals.title = text("cli.argparse.options", lang)
            self.add_argument("-h", "--help", action="help", help=text("cli.argparse.help", lang))

        def format_usage(self) -> str:
            return _usage(super().format_usage(), lang)

        def format_help(self) -> str:
            return _usage(super().format_help(), lang)

        def error(self, message: str) -> NoReturn:
            self.print_usage(sys.stderr)
            said = text("cli.argparse.error", lang, prog=self.prog, message=_said(message, lang))
            self.exit(EXIT_BAD_INPUT, said + "\n")

    return Parser


def _usage(shown: str, lang: str) -> str:
    return re.sub(r"^usage: ", text("cli.argparse.usage", lang) + " ", shown)


def _said(message: str, lang: str) -> str:
    """argparse's message in ``lang`` (a message it has no known form for stays as it is)."""
    for pattern, key in _ARGPARSE:
        found = pattern.fullmatch(message)
        if found:
            return text(key, lang, **found.groupdict())
    return message


def _parser(lang: str) -> argparse.ArgumentParser:
    def h(key: str) -> str:
        return text(f"cli.help.{key}", lang)

    def date(value: str) -> dt.date:  # a typed date, its message in the run's language
        return _date(value, lang)

    parser = _parser_class(lang)(prog="python -m klantlib", description=h("prog"))
    commands = parser.add_subparsers(dest="command", required=True)

    segment = commands.add_parser("segment", help=h("segment"), description=h("segment"))
    segment.add_argument("customers", nargs="?", metavar="CUSTOMERS", help=h("customers"))
    segment.add_argument("--answers", metavar="ANSWERS", help=h("answers"))
    segment.add_argument("--session", metavar="NAME", help=h("segment_session"))
    segment.add_argument("--participant", metavar="P", help=h("participant_pick"))
    segment.add_argument("--workspace", metavar="DIR", help=h("workspace"))
    segment.add_argument("--bands", metavar="LOW,HIGH", help=h("bands"))
    segment.add_argument("--lang", choices=LANGUAGES, default=None, help=h("lang"))
    segment.add_argument("--out", required=True, metavar="DIR", help=h("out"))

    load = commands.add_parser("load", help=h("load"), description=h("load"))
    load.add_argument("input", metavar="INPUT", help=h("input"))
    period = load.add_mutually_exclusive_group()
    period.add_argument("--year", type=int, metavar="YYYY", help=h("year"))
    period.add_argument("--from", dest="date_from", type=date, metavar="DATE", help=h("from"))
    load.add_argument("--to", dest="date_to", type=date, metavar="DATE", help=h("to"))
    load.add_argument("--sheet", metavar="NAME", help=h("sheet"))
    load.add_argument("--number-style", choices=("comma", "dot"), help=h("number_style"))
    load.add_argument("--date-order", choices=("dmy", "mdy"), help=h("date_order"))
    load.add_argument("--currency", metavar="CODE", help=h("currency"))
    load.add_argument(
        "--column", action="append", default=[], metavar="FIELD=HEADER", help=h("column")
    )
    load.add_argument("--lang", choices=LANGUAGES, default=None, help=h("lang"))
    load.add_argument("--out", metavar="FILE", help=h("load_out"))

    session = commands.add_parser("session", help=h("session"), description=h("session"))
    session_commands = session.add_subparsers(dest="action", required=True)
    create = session_commands.add_parser(
        "create", help=h("session_create"), description=h("session_create")
    )
    create.add_argument("name", metavar="NAME", help=h("session_name"))
    create.add_argument("--customers", required=True, metavar="FILE", help=h("input"))
    create.add_argument("--bands", metavar="LOW,HIGH", help=h("session_bands"))
    create.add_argument("--year", type=int, metavar="YYYY", help=h("year"))
    create.add_argument("--sheet", metavar="NAME", help=h("sheet"))
    create.add_argument("--from-session", metavar="PREVIOUS", help=h("from_session"))
    create.add_argument("--workspace", metavar="DIR", help=h("workspace"))
    create.add_argument("--lang", choices=LANGUAGES, default=None, help=h("lang"))

    answers = commands.add_parser("answers", help=h("answers_cmd"), description=h("answers_cmd"))
    answer_commands = answers.add_subparsers(dest="action", required=True)
    into = answer_commands.add_parser(
        "import", help=h("answers_import"), description=h("answers_import")
    )
    into.add_argument("file", metavar="FILE", help=h("answers_file"))
    into.add_argument("--session", required=True, metavar="NAME", help=h("session_name"))
    into.add_argument("--participant", required=True, metavar="P", help=h("participant"))
    into.add_argument("--workspace", metavar="DIR", help=h("workspace"))
    into.add_argument("--lang", choices=LANGUAGES, default=None, help=h("lang"))
    out = answer_commands.add_parser(
        "export", help=h("answers_export"), description=h("answers_export")
    )
    out.add_argument("--session", required=True, metavar="NAME", help=h("session_name"))
    out.add_argument("--participant", metavar="P", help=h("participant_pick"))
    out.add_argument("--portfolio", metavar="MANAGER", help=h("answers_portfolio"))
    out.add_argument("--workspace", metavar="DIR", help=h("workspace"))
    out.add_argument("--lang", choices=LANGUAGES, default=None, help=h("lang"))
    out.add_argument("--out", required=True, metavar="FILE", help=h("answers_out"))

    log = answer_commands.add_parser(
        "history", help=h("answers_history"), description=h("answers_history")
    )
    log.add_argument("--session", required=True, metavar="NAME", help=h("session_name"))
    log.add_argument("--participant", metavar="P", help=h("participant_pick"))
    log.add_argument("--customer", metavar="ID", help=h("customer_pick"))
    log.add_argument("--workspace", metavar="DIR", help=h("workspace"))
    log.add_argument("--lang", choices=LANGUAGES, default=None, help=h("lang"))

    compare = commands.add_parser("compare", help=h("compare"), description=h("compare"))
    compare.add_argument("old", metavar="OLD", help=h("compare_old"))
    compare.add_argument("new", metavar="NEW", help=h("compare_new"))
    compare.add_argument("--out", required=True, metavar="DIR", help=h("compare_out"))
    compare.add_argument("--workspace", metavar="DIR", help=h("workspace"))
    compare.add_argument("--lang", choices=LANGUAGES, default=None, help=h("lang"))

    history = commands.add_parser("history", help=h("history"), description=h("history"))
    history.add_argument("session", metavar="SESSION", help=h("session_name"))
    history.add_argument("--customer", metavar="ID", help=h("history_customer"))
    history.add_argument("--all", action="store_true", help=h("history_all"))
    history.add_argument("--out", metavar="DIR", help=h("history_out"))
    history.add_argument("--workspace", metavar="DIR", help=h("workspace"))
    history.add_argument("--lang", choices=LANGUAGES, default=None, help=h("lang"))

    run = commands.add_parser("run", help=h("run"), description=h("run"))
    run.add_argument("notebook", metavar="NOTEBOOK", help=h("run_notebook"))
    run.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help=h("run_parameter"),
    )
    run.add_argument("--out", metavar="FILE", help=h("run_out"))
    run.add_argument("--lang", choices=LANGUAGES, default=None, help=h("lang"))

    workshop = commands.add_parser("workshop", help=h("workshop"), description=h("workshop"))
    workshop.add_argument("--port", type=int, default=8888, help=h("port"))
    workshop.add_argument("--lang", choices=LANGUAGES, default=None, help=h("lang"))
    workshop.add_argument("--no-browser", action="store_true", help=h("no_browser"))

    present = commands.add_parser("present", help=h("present"), description=h("present"))
    present.add_argument("--port", type=int, default=8888, help=h("port"))
    present.add_argument("--lang", choices=LANGUAGES, default=None, help=h("lang"))
    present.add_argument("--no-browser", action="store_true", help=h("no_browser"))
    return parser


def _segment(args: argparse.Namespace) -> int:
    lang = args.lang
    if args.session is not None:
        if args.customers is not None or args.answers is not None:
            raise KlantlibError("error.segment_session_and_files")
    elif args.customers is None or args.answers is None:
        raise KlantlibError("error.segment_needs_input")
    elif args.participant is not None or args.workspace is not None:
        raise KlantlibError("error.segment_session_options")
    thresholds = parse_thresholds(args.bands) if args.bands else None
    name: str | None = None
    sheets: dict[str, pd.DataFrame] | None = None  # answer sheets in the report
    plan: pd.DataFrame | None = None
    decide = ""  # the customers to decide, for a session
    undecided: pd.DataFrame | None = None  # the customers to decide, for the report
    drawn: dict[str, Any] = {}  # for a session: its favourites starred, its room's list named
    if args.session is None:
        assert args.customers is not None and args.answers is not None  # else refused above
        customers = read_customers_csv(args.customers)
        answers = read_answers_csv(args.answers)
        result = segment_customers(customers, answers, thresholds=thresholds)
    else:
        with open_session(args.session, workspace=args.workspace) as session:
            if args.participant is not None:
                _participant(session, args.participant, new_allowed=False)
            participant = session.whose_answers(args.participant)
            sheets = {p: session.answer_table(p) for p in session.participants()}
            result = segment_session(session, participant, thresholds=thresholds)
            name = session.name
            plan = plan_table(session.plan)
            to_decide = session_to_decide(session)
            decide = to_decide_text(to_decide, lang, quiet=True)
            drawn = {
                "favourites": session.favourite_ids(),
                "named": session.room_ids() or None,
            }
            undecided = None if args.participant else to_decide
        if participant is None:
            print(text("cli.session_no_answers", lang, name=name))
        elif participant == TEAM:  # the team's decisions, completed with what all agree on
            print(text("plan.answers_team", lang))
        else:
            print(text("cli.session_answers_of", lang, participant=participant, name=name))
    print(thresholds_line(result, lang))
    for notice in result.notices:
        print(text("notice", lang, message=notice.message(lang)))
    written = write_report(
        result,
        Path(args.out),
        lang=lang,
        answers=sheets,
        plan=plan,
        matrix=functools.partial(_matrix(), **drawn),
        to_decide=undecided,
        session=name,
    )
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
    if decide:
        print(decide)
    for path in written.values():
        print(text("cli.written", lang, path=str(path)))
    return 0


def _matrix() -> Callable[..., Any]:
    """The matrix chart for the report (matplotlib imported only when a report is made)."""
    from klantlib.reports.matrix import matrix_chart

    return matrix_chart


def _date(value: str, lang: str) -> dt.date:
    """A date typed as 2025-12-31, 31/12/2025, 31-12-2025 or 31.12.2025: the forms a date
    column of a file is read in (:func:`klantlib.ingest.invoices.date_form`), day first, as
    people here type a date."""
    import pandas as pd

    from klantlib.ingest.invoices import date_form

    form = date_form(pd.Series([value.strip()]), order="dmy")
    try:
        if form:
            return dt.datetime.strptime(value.strip(), form).date()
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(text("cli.bad_date", lang, value=value))


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
        date_order=args.date_order,
        currency=args.currency,
    )
    for line in report.lines(lang):
        print(line)
    if args.out:
        print(text("cli.written", lang, path=str(write_csv(table, args.out))))
    else:
        sys.stdout.write(spreadsheet_safe(table).to_csv(index=False, float_format="%.2f"))
    return 0


def _participant(session: Session, given: str | None, *, new_allowed: bool) -> str | None:
    """The participant to use: the one given, else the session's only one (``None``: nobody
    answered yet). Several participants and none given is an error naming them; so is a given
    name that did not answer, unless ``new_allowed``."""
    known = session.participants()
    if given is not None:
        participant = check_participant(given)
        if participant not in known and not new_allowed:
            raise KlantlibError(
                "error.session_participant_unknown",
                participant=participant,
                name=session.name,
                participants=known or ["—"],
            )
        return participant
    if len(known) > 1:
        raise KlantlibError("error.session_participants", name=session.name, participants=known)
    return known[0] if known else None


def _session_create(args: argparse.Namespace) -> int:
    lang = args.lang
    thresholds = parse_thresholds(args.bands) if args.bands else None
    path = session_path(args.name, args.workspace)
    if path.exists():  # said before the file is read (create_session checks again)
        raise KlantlibError("error.session_exists", name=path.stem, folder=str(path.parent))
    customers, report = load_customers(args.customers, year=args.year, sheet=args.sheet)
    for line in report.lines(lang):
        print(line)
    if args.from_session:
        with open_session(args.from_session, workspace=args.workspace) as previous:
            session = create_next_session(
                args.name,
                customers,
                previous,
                workspace=args.workspace,
                source=Path(args.customers).name,
            )
        if thresholds is not None:
            session.set_thresholds(thresholds)
        thresholds = session.thresholds
    else:
        session = create_session(
            args.name,
            customers,
            thresholds=thresholds,
            workspace=args.workspace,
            source=Path(args.customers).name,
        )
    with session:
        count = len(session.customers())
        name, path = session.name, session.path
        carried = carried_lines(session, lang) if args.from_session else []
    bands = (
        text(
            "cli.session_bands",
            lang,
            low=Money(thresholds.low).message(lang),
            high=Money(thresholds.high).message(lang),
        )
        if thresholds is not None
        else text("cli.session_no_bands", lang)
    )
    print(
        text(
            "cli.session_created",
            lang,
            name=name,
            customers=format_number(count, lang),
            bands=bands,
            path=str(path),
        )
    )
    for line in carried:
        print(line)
    return 0


def _answers_import(args: argparse.Namespace) -> int:
    lang = args.lang
    with open_session(args.session, workspace=args.workspace) as session:
        report = import_answers(session, args.participant, args.file)
        if report.new_participant:
            others = [p for p in session.participants() if p != report.participant]
            print(
                text(
                    "cli.answers_new_participant",
                    lang,
                    participant=report.participant,
                    name=session.name,
                    participants=", ".join(others) or "—",
                )
            )
        name = session.name
    print(
        text(
            "cli.answers_imported",
            lang,
            file=report.file,
            rows=format_number(report.rows, lang),
            cells=format_number(report.cells, lang),
            stored=format_number(report.stored, lang),
            participant=report.participant,
            name=name,
        )
    )
    return 0


def _answers_export(args: argparse.Namespace) -> int:
    lang = args.lang
    check_answer_file_kind(args.out)
    with open_session(args.session, workspace=args.workspace) as session:
        # an account manager's portfolio is answered under their own name
        given = args.participant
        if given is None and args.portfolio is not None:
            given = check_manager(session.customers(), args.portfolio)
        participant = _participant(session, given, new_allowed=True)
        report = write_answer_file(session, participant, args.out, lang, portfolio=args.portfolio)
        name = session.name
    if participant is None:
        customers = format_number(report.customers, lang)
        print(text("cli.answers_blank", lang, name=name, customers=customers))
    else:
        print(
            text(
                "cli.answers_exported",
                lang,
                participant=participant,
                answered=format_number(report.answered, lang),
                customers=format_number(report.customers, lang),
                name=name,
            )
        )
    print(text("cli.written", lang, path=str(report.path)))
    return 0


def _answers_history(args: argparse.Namespace) -> int:
    lang = args.lang
    with open_session(args.session, workspace=args.workspace) as session:
        history = session.history(participant=args.participant, customer_id=args.customer)
        customers = session.customers()
    names = dict(zip(customers["customer_id"], customers["name"], strict=True))
    lines = history_lines(history, names, lang)
    for line in lines or [text("history.none", lang)]:
        print(line)
    return 0


def _segment_table(source: str, workspace: str | None) -> pd.DataFrame:
    """The segment table of ``source``: a ``segments.csv`` (or the folder holding one), else the
    session of that name, segmented with its own thresholds, grid and answers."""
    path = Path(source)
    if path.is_dir():
        path = path / "segments.csv"
    if path.is_file() or path.suffix.casefold() in (".csv", ".tsv", ".txt"):
        table = read_table_csv(path)  # every cell text: ids keep their leading zeros
        require_segment_columns(table, SEGMENT_TABLE_COLUMNS, path.name)
        return table
    with open_session(source, workspace=workspace) as session:
        return segment_session(session).customers


def _compare(args: argparse.Namespace) -> int:
    lang = args.lang
    out = out_folder(args.out)
    old = _segment_table(args.old, args.workspace)
    new = _segment_table(args.new, args.workspace)
    moves, transitions = compare_segments(old, new)
    print(text("compare.title", lang))
    for row in transitions.itertuples(index=False):
        print(
            text(
                "compare.line",
                lang,
                before=row.from_segment or text("compare.from_none", lang),
                after=row.to_segment or text("compare.to_none", lang),
                customers=format_number(row.customers, lang),
            )
        )
    print(text("compare.count", lang, count=format_number(len(moves), lang)))
    for name, table in (
        ("moves.csv", moves_with_reasons(moves, lang)),
        ("transitions.csv", transitions),
    ):
        print(text("cli.written", lang, path=str(write_csv(table, out / name))))
    return 0


def _history(args: argparse.Namespace) -> int:
    lang = args.lang
    with open_session(args.session, workspace=args.workspace) as session:
        quarters = quarter_segments(session)
    history = quarter_history(quarters)
    if args.customer is not None:
        history = history[history["customer_id"] == str(args.customer).strip()]
        if history.empty:
            raise KlantlibError(
                "error.session_unknown_customer", value=args.customer, name=session.name
            )
    names = ", ".join(name for name, _ in quarters)
    print(text("cli.history_title", lang, quarters=names))
    changed_only = not args.all and args.customer is None
    table = history_table(history, lang=lang, changed_only=changed_only)
    print(table.to_string(index=False) if len(table) else text("cli.history_none", lang))
    if args.out:
        print(
            text(
                "cli.written",
                lang,
                path=str(
                    write_csv(history_for_export(history, lang), Path(args.out) / "history.csv")
                ),
            )
        )
    return 0


def _run(args: argparse.Namespace) -> int:
    from klantlib.headless import find_notebook, run_notebook

    lang = args.lang
    notebook = find_notebook(args.notebook, lang)
    given = dict(args.parameter)  # a name given twice: the last value counts
    out, printed = run_notebook(notebook, given, out=args.out, lang=lang)
    for line in printed:
        print(line)
    print(text("run.done", lang, notebook=notebook.stem, out=shown_path(out)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 fine, 2 bad input)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _language(argv)
    args = _parser(lang).parse_args(argv)
    if getattr(args, "lang", None) is None:
        args.lang = lang  # the computer's language when --lang is not given
    try:
        if args.command == "segment":
            return _segment(args)
        if args.command == "load":
            return _load(args)
        if args.command == "session":
            return _session_create(args)
        if args.command == "answers":
            actions = {
                "import": _answers_import,
                "export": _answers_export,
                "history": _answers_history,
            }
            return actions[args.action](args)
        if args.command == "compare":
            return _compare(args)
        if args.command == "history":
            return _history(args)
        if args.command == "run":
            return _run(args)
        if args.command == "present":
            from klantlib.workshop import run_present

            return run_present(port=args.port, lang=args.lang, open_browser=not args.no_browser)
        from klantlib.workshop import run_workshop

        return run_workshop(port=args.port, lang=args.lang, open_browser=not args.no_browser)
    except KlantlibError as exc:
        print(text("error.shown", lang, message=exc.message(lang)), file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader stopped (``load … | head``): end quietly, as Unix tools do. Output still
        # buffered for the closed pipe is dropped, so Python does not complain at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = text("error.file_unreadable", lang, path=exc.filename or "", reason=reason)
        print(text("error.shown", lang, message=message), file=sys.stderr)
        return EXIT_BAD_INPUT
    except sqlite3.Error as exc:
        message = text("error.session_storage", lang, reason=str(exc))
        print(text("error.shown", lang, message=message), file=sys.stderr)
        return EXIT_BAD_INPUT
