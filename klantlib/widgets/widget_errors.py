"""How every widget of the kit handles an error inside a click (edge).

ipywidgets only logs an exception raised in a callback, and JupyterLab shows nothing: a team
would click and see nothing happen. Every handler of the kit's widgets therefore runs through
:func:`run_shown`: a kit error is shown as its message, anything else is shown in plain words
and logged with its traceback — never swallowed.
"""

from __future__ import annotations

import html
import logging
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from klantlib.errors import KlantlibError
from klantlib.i18n import text

if TYPE_CHECKING:
    from ipywidgets import HTML

__all__ = ["ShownErrors", "error_html", "run_shown", "unexpected_message"]


def unexpected_message(exc: BaseException, lang: str | None) -> str:
    """ "Something unexpected went wrong (Kind: detail)", in ``lang``."""
    detail = str(exc) or type(exc).__name__
    return text("error.unexpected", lang, kind=type(exc).__name__, detail=detail)


def run_shown(
    action: Callable[[], object],
    *,
    lang: str | None,
    show: Callable[[str], None],
    logger: logging.Logger,
    what: str,
) -> None:
    """Run ``action``; on an error call ``show(message)`` with the message in ``lang``, and
    log an unexpected one (``what`` names the widget that failed)."""
    try:
        action()
    except KlantlibError as exc:
        show(text("error.shown", lang, message=exc.message(lang)))
    except sqlite3.OperationalError as exc:  # the session file: a full disk, a read-only folder
        logger.warning("%s: %s", what, exc)
        message = _storage_message(exc, lang)
        show(message if message is not None else unexpected_message(exc, lang))
    except Exception as exc:
        logger.exception(what)
        show(unexpected_message(exc, lang))


def _storage_message(exc: sqlite3.OperationalError, lang: str | None) -> str | None:
    """A full disk or a read-only folder in plain words; ``None`` for other storage faults.
    Nothing was stored then: the widget keeps showing what the session file holds."""
    from klantlib.store.session_file import storage_fault

    fault = storage_fault(exc)
    if fault is None:
        return None
    return text("error.shown", lang, message=text(f"error.click_{fault}", lang))


def error_html(message: str) -> str:
    """An error message as the kit's widgets show it: bold, red, line breaks kept."""
    return f"<b style='color: #b00020'>{html.escape(message).replace(chr(10), '<br>')}</b>"


class ShownErrors:
    """What every widget of the kit does alike, mixed into its ipywidgets class: texts in the
    widget's language (``self.lang``), handlers run through :func:`run_shown`, value handlers
    quiet while the widget sets values itself (``self._loading``), errors shown in
    ``self.status``. A widget names itself in ``_what`` (for the log) and its module's
    ``_logger``; one that shows errors elsewhere overrides :meth:`_show_error`."""

    lang: str
    status: HTML
    _what: str = "A widget of the kit failed"
    _logger: logging.Logger = logging.getLogger(__name__)
    _loading: bool = False

    def _t(self, key: str, **params: object) -> str:
        return text(key, self.lang, **params)

    def _run(self, action: Callable[[], object]) -> None:
        """Run a handler; any error is shown in the widget and logged, never lost."""
        run_shown(action, lang=self.lang, show=self._show_error, logger=self._logger,
                  what=self._what)  # fmt: skip

    def _guard(self, handler: Callable[[dict], None]) -> Callable[[dict], None]:
        """A value handler that does nothing while the widget sets values itself."""

        def observe(change: dict) -> None:
            if not self._loading:
                self._run(lambda: handler(change))

        return observe

    def _show_error(self, message: str) -> None:
        self.status.value = error_html(message)

    def _say(self, message: str, *, error: bool = False) -> None:
        """A line under the widget: green when all went well, red for an error."""
        colour = "#b00020" if error else "#1b5e20"
        escaped = html.escape(message).replace("\n", "<br>")
        self.status.value = f"<span style='color: {colour}'>{escaped}</span>"
