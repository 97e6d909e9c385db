"""The notebook's export button: the session's report in one click (edge).

:class:`ReportButton` runs the method on the session as it is at the moment of the click (the
team's answers, the stored bands, grid and plan) and writes the full report —
``segments.csv``, ``crm.csv``, ``report.xlsx``, ``report.html``, ``matrix.png`` and
``matrix.pdf`` — into ``data/rapporten/<session>/`` in the kit (git ignores it), then lists the
files written. Errors are shown in plain words and logged.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from klantlib.i18n import check_language, get_language, text
from klantlib.paths import REPORT_FOLDER
from klantlib.store.session import Session
from klantlib.widgets.widget_errors import ShownErrors

__all__ = ["REPORT_FOLDER", "ReportButton", "download_link"]

DOWNLOAD_LIMIT = 25 * 1024 * 1024
"""Larger files get no download link (the page would carry them whole); their path is shown."""


def download_link(path: Path) -> str:
    """``path`` as a link that downloads the file from the page itself (a ``data:`` address),
    for a page that serves no files, such as Voilà's: nothing is left readable on a server
    without its token. Empty for a file over :data:`DOWNLOAD_LIMIT`."""
    import base64
    import mimetypes

    if path.stat().st_size > DOWNLOAD_LIMIT:
        return ""
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64," + base64.b64encode(path.read_bytes()).decode("ascii")


logger = logging.getLogger(__name__)


class ReportButton(ShownErrors, widgets.VBox):
    """A button that writes the session's report; ``folder`` is where, ``written`` what."""

    _what = "Writing the report failed"
    _logger = logger

    def __init__(
        self,
        session: Session,
        *,
        participant: str | None = None,
        lang: str | None = None,
        folder: str | Path | None = None,
        file_link: Callable[[Path], str] | None = None,
    ) -> None:
        from klantlib.paths import kit_root

        self.session = session
        self.participant = participant or None
        self.lang = check_language(lang) if lang is not None else get_language()
        self.folder = (
            Path(folder) if folder is not None else kit_root() / REPORT_FOLDER / session.name
        )
        self.file_link = file_link  # a written file as a link on this page (default: JupyterLab's)
        self.written: dict[str, Path] = {}
        self.written_at: dt.datetime | None = None
        self.button = widgets.Button(
            description=text("report.button", self.lang),
            icon="file-text-o",
            button_style="primary",
            layout=widgets.Layout(width="auto"),
        )
        self.status = widgets.HTML()
        self.button.on_click(lambda _b: self._run(self._write))
        super().__init__([widgets.HBox([self.button]), self.status])  # the button its own size

    def _write(self) -> None:
        from klantlib.reports.report import write_session_report  # heavy: only when it writes

        self.written = write_session_report(
            self.session, self.folder, participant=self.participant, lang=self.lang
        )
        self.written_at = dt.datetime.now().astimezone()
        time = self.written_at.strftime("%H:%M:%S")
        heading = text("report.written", self.lang, time=time, folder=self._shown(self.folder))
        lines = [html.escape(heading)]
        lines += [self._line(name, path) for name, path in self.written.items()]
        self.status.value = "<div style='line-height: 1.5'>" + "<br>".join(lines) + "</div>"

    def _line(self, name: str, path: Path) -> str:
        """One written file as a link (a download where the page serves no files)."""
        href = self._link(path)
        if not href:
            return f"• {html.escape(name)} ({html.escape(self._shown(path))})"
        download = ""
        if href.startswith("data:"):
            download = f" download='{html.escape(path.name, quote=True)}'"
        return (
            f"• <a href='{html.escape(href, quote=True)}' target='_blank'"
            f" rel='noopener'{download}>{html.escape(name)}</a>"
        )

    def _link(self, path: Path) -> str:
        if self.file_link is not None:
            return self.file_link(path)
        return self._lab_link(path)

    def _lab_link(self, path: Path) -> str:
        """The file as JupyterLab opens it from the notebook's page: a path relative to the
        notebook's folder (the kernel's working folder), which the browser resolves against
        the notebook's address (``/lab/tree/<folder>/<notebook>``)."""
        relative = os.path.relpath(path.resolve(), Path.cwd().resolve())
        return urllib.parse.quote(Path(relative).as_posix())

    def _shown(self, path: Path) -> str:
        from klantlib.paths import kit_root

        try:
            return path.resolve().relative_to(kit_root().resolve()).as_posix()
        except ValueError:
            return str(path)
