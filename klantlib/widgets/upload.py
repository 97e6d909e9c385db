"""Bringing your own export into the notebook: choose a file, see what was understood (edge).

:class:`CustomerFilePicker` stores the chosen file in a folder on this machine (by default
``data/eigen/`` in the kit, which git ignores), reads it with
:func:`klantlib.load_customers` and shows, in the team's language, what it understood or
why the file cannot be used. Nothing is sent anywhere: the browser hands the file to the local
kernel, and the kernel writes it to disk.
"""

from __future__ import annotations

import html
import io
import logging
import re
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from klantlib.errors import KlantlibError
from klantlib.i18n import check_language, get_language, text
from klantlib.ingest.loading import LoadOptions, LoadReport, load_customers
from klantlib.paths import UPLOAD_FOLDER, kit_root
from klantlib.store.customer_file import use_customers_file
from klantlib.store.exports import owner_only
from klantlib.widgets.widget_errors import error_html, run_shown, unexpected_message

__all__ = ["ACCEPTED_SUFFIXES", "CustomerFilePicker", "store_upload", "upload_folder"]

ACCEPTED_SUFFIXES: tuple[str, ...] = (
    ".csv",
    ".tsv",
    ".txt",
    ".prn",
    ".xlsx",
    ".xlsm",
    ".ods",
    ".xls",
)
"""The file types the picker offers; the reader recognises the content, not only the name."""

"""Where uploads go, relative to the kit's folder."""

logger = logging.getLogger(__name__)

_BLOCK = "line-height: 1.4;"  # the widget's own line height is one input row: too airy for text

_MAX_NAME_BYTES = 255
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')


def upload_folder() -> Path:
    """The default folder for uploaded files: ``data/eigen`` in the kit."""
    return kit_root() / UPLOAD_FOLDER


def store_upload(name: str, content: bytes, folder: str | Path) -> Path:
    """Write ``content`` under ``folder`` with the uploaded file's name; never overwrite.

    Only the file's own name is kept (no folders), with characters a file system refuses
    replaced by ``_``. When that name is taken by a different file, ``(2)``, ``(3)``, … is added
    before the suffix; when it holds exactly these bytes already, that file is used again.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    base = _UNSAFE.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip().strip(".")
    if not base:
        base = "upload"
    stem, suffix = _split_name(base)
    if len(base.encode("utf-8")) > _MAX_NAME_BYTES:  # file systems refuse over 255 bytes
        room = _MAX_NAME_BYTES - len(suffix.encode("utf-8")) - 8  # and " (99)" to spare
        stem = stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip() or "upload"
        base = stem + suffix
    number = 1
    while True:
        candidate = folder / (base if number == 1 else f"{stem} ({number}){suffix}")
        try:
            with candidate.open("xb") as stream:  # "x": fails instead of overwriting
                owner_only(candidate)  # a team's export: the owner's only, from the start
                stream.write(content)
            return candidate
        except FileExistsError:
            if candidate.is_file() and candidate.read_bytes() == content:
                return candidate
            number += 1


def _show_in(area: widgets.Output, result: object) -> None:
    """Put what a drawing function gave in ``area``: text as text, a matplotlib chart as its
    image (and closed, so the notebook does not show it a second time), else as a notebook
    displays it (a table as HTML)."""
    from IPython.display import Image

    if result is None:
        return
    if isinstance(result, str):
        area.append_stdout(result + "\n")
        return
    figure = result.get_figure() if hasattr(result, "get_figure") else None
    if figure is None and hasattr(result, "savefig"):
        figure = result
    if figure is not None:
        import matplotlib.pyplot as plt

        png = io.BytesIO()
        figure.savefig(png, format="png", dpi=figure.dpi, bbox_inches="tight")
        plt.close(figure)
        area.append_display_data(Image(data=png.getvalue(), format="png"))
        return
    area.append_display_data(result)


def _show_error_in(area: widgets.Output, message: str) -> None:
    from IPython.display import HTML

    area.append_display_data(HTML(error_html(message)))


def _split_name(name: str) -> tuple[str, str]:
    path = Path(name)
    return (path.stem, path.suffix) if path.suffix and path.stem else (name, "")


Callback = Callable[["CustomerFilePicker"], object]


class CustomerFilePicker(widgets.VBox):
    """Upload a customer list or invoice lines, and see what the kit understood of it.

    Children, as attributes: ``upload`` (the file button), ``year`` (optional, for invoice
    lines), ``help`` (what is accepted and where it is stored) and ``status`` (what was
    understood, or what is wrong, in plain words).

    After a file is read, ``table`` holds the customer table and ``report`` the
    :class:`~klantlib.LoadReport`; both are ``None`` before that, and again after a file
    that cannot be used (then ``error`` holds the message shown). Functions registered with
    :meth:`on_loaded` are called with the picker after every successful read. Changing the year
    reads the last file again.
    """

    def __init__(
        self,
        *,
        lang: str | None = None,
        year: int | None = None,
        folder: str | Path | None = None,
        load_options: LoadOptions | None = None,
        session: str | None = None,
        workspace: str | Path | None = None,
        run_below: bool = False,
    ) -> None:
        self.lang = check_language(lang) if lang is not None else get_language()
        self.session_name = session
        self.run_below = run_below  # the cells below use the file once they run again
        self.workspace = workspace
        self.session_lines: list[str] = []  # what became of the session with the last file
        self.folder = Path(folder) if folder is not None else upload_folder()
        self.load_options = LoadOptions(**(load_options or {}))
        self.table: pd.DataFrame | None = None
        self.report: LoadReport | None = None
        self.path: Path | None = None
        self.error: str | None = None
        self._callbacks: list[Callback] = []

        self.upload = widgets.FileUpload(
            accept=",".join(ACCEPTED_SUFFIXES),
            multiple=False,
            description=text("upload.button", self.lang),
            button_style="primary",
            layout=widgets.Layout(width="auto"),
        )
        self.year = widgets.Text(
            value="" if year is None else str(year),
            placeholder=text("upload.year_placeholder", self.lang),
            description=text("upload.year", self.lang),
            continuous_update=False,
            layout=widgets.Layout(width="20em"),
        )
        help_text = text("upload.help", self.lang, folder=self._shown(self.folder))
        self.help = widgets.HTML(
            f"<div style='{_BLOCK} color: #555'>{html.escape(help_text)}</div>"
        )
        self.status = widgets.HTML()
        self._show([text("upload.waiting", self.lang)])
        self.date_order = widgets.Dropdown(
            options=[
                (text("upload.date_order.auto", self.lang), None),
                (text("upload.date_order.dmy", self.lang), "dmy"),
                (text("upload.date_order.mdy", self.lang), "mdy"),
            ],
            value=self.load_options.get("date_order"),
            description=text("upload.date_order", self.lang),
            layout=widgets.Layout(width="auto"),
        )
        super().__init__(
            [
                widgets.HBox(
                    [self.upload, self.year, self.date_order],
                    layout=widgets.Layout(flex_flow="row wrap"),  # a narrow column: two rows
                ),
                self.help,
                self.status,
            ]
        )
        self.upload.observe(self._on_upload, names="value")
        self.year.observe(self._on_year, names="value")
        self.date_order.observe(self._on_year, names="value")  # read the file again, too

    def on_loaded(self, callback: Callback, *, remove: bool = False) -> None:
        """Call ``callback(picker)`` after every file read successfully (``remove`` to stop)."""
        if remove:
            self._callbacks.remove(callback)
        else:
            self._callbacks.append(callback)

    def view(
        self,
        show: Callable[..., object],
        fallback: pd.DataFrame,
        /,
        *args: object,
        **kwargs: object,
    ) -> widgets.Output:
        """An area showing ``show(customers, *args, **kwargs)``: for ``fallback`` until a file
        is read, then for the file's customers, drawn again after every file read.

        Text is printed, a matplotlib chart (an ``Axes`` or ``Figure``) shown as an image, and
        anything else displayed as a notebook shows it (a table). An error while drawing is
        shown in the area in plain words and logged.
        """
        area = widgets.Output()

        def draw(_picker: CustomerFilePicker | None = None) -> None:
            customers = self.table if self.table is not None else fallback
            area.outputs = ()
            run_shown(  # an error is shown where the result would be (and logged)
                lambda: _show_in(area, show(customers, *args, **kwargs)),
                lang=self.lang,
                show=lambda message: _show_error_in(area, message),
                logger=logger,
                what=f"Drawing {getattr(show, '__name__', show)} failed",
            )

        draw()
        self.on_loaded(draw)
        return area

    @property
    def status_text(self) -> str:
        """What the status area says, as plain text (one line per sentence)."""
        body = re.sub(r"<br\s*/?>", "\n", self.status.value)
        return html.unescape(re.sub(r"<[^>]+>", "", body)).strip()

    # ----------------------------------------------------------------------------------------

    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        self.table = self.report = self.error = None
        try:
            uploaded = files[0]
            name = str(uploaded["name"])
            self._show([text("upload.reading", self.lang, file=name)])
            self.path = store_upload(name, bytes(uploaded["content"]), self.folder)
            # The bytes are on disk now: drop them from the widget, so they are not kept in the
            # browser's copy of its state (nor in a notebook saved with widget state).
            self.upload.value = ()
            self._read()
        except Exception as exc:  # shown in the widget and logged, never lost
            self._unexpected(exc)

    def _on_year(self, change: dict) -> None:
        if self.path is None:
            return
        try:
            self._read()
        except Exception as exc:  # shown in the widget and logged, never lost
            self._unexpected(exc)

    def _read(self) -> None:
        """Read the stored file; show the report, or the problem in plain words."""
        assert self.path is not None
        stored = text("upload.stored", self.lang, path=self._shown(self.path))
        self.table = self.report = None
        year_text = self.year.value.strip()
        if year_text and not re.fullmatch(r"\d{4}", year_text):
            self._fail([stored], text("upload.bad_year", self.lang, value=year_text))
            return
        try:
            options = {**self.load_options, "date_order": self.date_order.value}
            table, report = load_customers(
                self.path, year=int(year_text) if year_text else None, **options
            )
        except KlantlibError as exc:
            self._fail([stored], text("error.shown", self.lang, message=exc.message(self.lang)))
            return
        lines = [stored, *report.lines(self.lang)]
        if self.session_name is not None:
            try:
                self.session_lines = self._use(table, report, int(year_text) if year_text else None)
            except KlantlibError as exc:
                self._fail(lines, text("error.shown", self.lang, message=exc.message(self.lang)))
                return
            lines += self.session_lines
        if self.run_below:
            lines.append(text("upload.run_below", self.lang))
        self.table, self.report, self.error = table, report, None
        self._show(lines)
        for callback in list(self._callbacks):
            callback(self)

    def _use(self, table: pd.DataFrame, report: LoadReport, year: int | None) -> list[str]:
        """The file becomes the customers of the session, by :mod:`klantlib.store.customer_file`'s
        rule; what became of the session, in lines for the team. The session is closed again:
        the notebooks after this one open it themselves."""
        assert self.session_name is not None  # only called for a session
        opened = use_customers_file(
            self.session_name,
            self.path,
            year=year,
            number_style=self.load_options.get("number_style"),
            date_order=self.date_order.value,
            workspace=self.workspace,
            loaded=(table, report),
        )
        with opened.session:
            return opened.lines(self.lang)

    def _fail(self, lines: list[str], message: str) -> None:
        self.error = message
        self._show(lines, error=message)

    def _unexpected(self, exc: Exception) -> None:
        logger.exception("The customer file picker failed")
        self._fail([], unexpected_message(exc, self.lang))

    def _show(self, lines: list[str], *, error: str | None = None) -> None:
        parts = [html.escape(line) for line in lines]
        if error is not None:
            parts.append(error_html(error))
        self.status.value = f"<div style='{_BLOCK}'>" + "<br>".join(parts) + "</div>"

    def _shown(self, path: Path) -> str:
        """A path as the team reads it: relative to the kit when it lies inside it."""
        try:
            return path.resolve().relative_to(kit_root().resolve()).as_posix()
        except ValueError:
            return path.name if path.is_file() else str(path)
