"""Setting up a notebook for the workshop: language, readable errors, environment check.

Imports nothing heavy at module level, so the check can still speak when a package is missing.
"""

from __future__ import annotations

import sys

from klantlib.environment import EnvironmentCheck, check_environment
from klantlib.errors import KlantlibError
from klantlib.headless import check_injected_parameters
from klantlib.i18n import check_language, set_language, text

__all__ = ["setup_notebook"]


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


def _show_message(
    shell: object,
    kind: type[BaseException],
    error: KlantlibError,
    traceback: object,
    tb_offset: int | None = None,
) -> None:
    """IPython hook: print the kit's error as one sentence on stderr (no traceback)."""
    print(text("error.shown", None, message=error.message()), file=sys.stderr)
