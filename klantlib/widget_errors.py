"""How every widget of the kit handles an error inside a click (edge).

ipywidgets only logs an exception raised in a callback, and JupyterLab shows nothing: a team
would click and see nothing happen. Every handler of the kit's widgets therefore runs through
:func:`run_shown`: a kit error is shown as its message, anything else is shown in plain words
and logged with its traceback — never swallowed.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable

from klantlib.errors import KlantlibError
from klantlib.i18n import text

__all__ = ["error_html", "run_shown", "unexpected_message"]


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
    except Exception as exc:
        logger.exception(what)
        show(unexpected_message(exc, lang))


def error_html(message: str) -> str:
    """An error message as the kit's widgets show it: bold, red, line breaks kept."""
    return f"<b style='color: #b00020'>{html.escape(message).replace(chr(10), '<br>')}</b>"
