"""``python -m klantlib``: see :mod:`klantlib.cli`."""

import sys

from klantlib.cli import main

sys.exit(main())
