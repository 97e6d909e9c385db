"""Setting up a notebook for the workshop: language, readable errors, environment check.

Imports nothing heavy at module level, so the check can still speak when a package is missing.
"""

from __future__ import annotations

import sys

from klantlib.environment import EnvironmentCheck, check_environment
from klantlib.errors import KlantlibError
from klantlib.headless import check_injected_parameters
from klantlib.i18n import check_language, set_language, text

__all__ = ["open_notebook_session", "setup_notebook", "start_here_result", "workshop_app"]


def setup_notebook(lang: str) -> EnvironmentCheck:
    """Use ``lang`` for the kit's texts, show the kit's errors as plain sentences, check.

    In IPython, an error the kit raises on purpose (a bad file, a wrong threshold) is shown as
    its message in ``lang`` instead of a traceback; any other error keeps its traceback. In a
    run by papermill, a given parameter the notebook does not have is refused (see
    :func:`klantlib.headless.check_injected_parameters`).
    Returns the environment check, which a notebook displays.
    """
    set_language(check_language(lang))
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to set up
        shell = None
    else:
        shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((KlantlibError,), _show_message)
        check_injected_parameters()  # a mistyped name given to papermill stops the run here
    return check_environment(lang)


def open_notebook_session(
    session: str,
    customers_file: str | None = None,
    *,
    year: int | None = None,
    number_style: str | None = None,
    date_order: str | None = None,
    lang: str | None = None,
    report: bool = False,
    previous: str | None = None,
):
    """The session a notebook works with (:func:`klantlib.use_customers_file`'s rule), and on
    top of the notebook the line that says which session, which file, how many customers, read
    when — plus what became of the session with this file, and with ``report`` what the kit
    understood of the file when it read it now. ``previous``: last quarter's session, for a new
    quarter's (its answers, bands, grid and plan carry over)."""
    from klantlib.store.customer_file import use_customers_file

    opened = use_customers_file(
        session,
        customers_file,
        year=year,
        number_style=number_style,
        date_order=date_order,
        previous=previous,
    )
    for line in opened.lines(lang):
        print(line)
    if report and opened.report is not None:
        print()
        for line in opened.report.lines(lang):
            print(line)
    return opened.session


def start_here_result(
    session: str, customers_file: str, answers_file: str, *, lang: str | None = None
):
    """Notebook 00's run of the whole method: on the kit's sample (``customers_file`` and
    ``answers_file``) while the team has not chosen its own file; once session ``session``
    holds the team's own customers, on those, with the answers given so far (and a line that
    says so) — no notebook shows the sample after a team chose its file."""
    from klantlib.core.method import segment_customers
    from klantlib.ingest.reading import read_answers_csv, read_customers_csv
    from klantlib.store.answer_files import is_sample_session
    from klantlib.store.segmentation import segment_session
    from klantlib.store.workspace import open_session, session_path

    if session_path(session).is_file():
        with open_session(session) as current:
            if not is_sample_session(current):
                if current.source:
                    print(text("start.own_data", lang, name=current.name, source=current.source))
                else:  # made by the command line or another program from a table
                    print(text("start.own_customers", lang, name=current.name))
                return segment_session(current, None)
    customers = read_customers_csv(customers_file)
    return segment_customers(customers, read_answers_csv(answers_file))


def workshop_app(
    session: str,
    customers_file: str | None = None,
    *,
    year: int | None = None,
    report_folder: str | None = None,
    lang: str,
):
    """The workshop on one page (:class:`klantlib.widgets.workshop_app.WorkshopApp`) for the
    notebook ``werkplaats`` / ``workshop`` and for ``make present``: the notebook set up as
    :func:`setup_notebook` does, the environment check shown only when something is wrong.
    Served by Voilà, where JupyterLab cannot open the report's files, the report's links
    download them from the page itself."""
    import html
    import os

    from klantlib.widgets.report_button import download_link
    from klantlib.widgets.workshop_app import WorkshopApp

    check = setup_notebook(lang)
    in_voila = "VOILA_KERNEL_ID" in os.environ or "VOILA_REQUEST_URL" in os.environ
    app = WorkshopApp(
        session,
        lang=lang,
        customers_file=customers_file or None,
        year=year,
        report_folder=report_folder or None,
        file_link=download_link if in_voila else None,
    )
    if not check.ok:
        app.status.value = f"<pre>{html.escape(str(check))}</pre>"
    return app


def _show_message(
    shell: object,
    kind: type[BaseException],
    error: KlantlibError,
    traceback: object,
    tb_offset: int | None = None,
) -> None:
    """IPython hook: print the kit's error as one sentence on stderr (no traceback)."""
    print(text("error.shown", None, message=error.message()), file=sys.stderr)
