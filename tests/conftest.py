"""Shared test helpers: tiny hand-made tables."""

from __future__ import annotations

import logging
import subprocess
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import HealthCheck, settings

# Property tests check behaviour, never time: no per-example deadline and no "too slow" health
# check, which fail on a busy machine (make test runs three lanes of tests side by side).
settings.register_profile("kit", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("kit")


def customers_frame(rows: list[tuple[str, str, object]], **extra: list[object]) -> pd.DataFrame:
    """A customer table from (id, name, revenue) rows plus optional extra columns."""
    frame = pd.DataFrame(rows, columns=["customer_id", "name", "revenue"])
    for column, values in extra.items():
        frame[column] = values
    return frame


@pytest.fixture
def five_customers() -> pd.DataFrame:
    """Five customers across three bands with thresholds 10,000 and 50,000."""
    return customers_frame(
        [
            ("003", "Drukkerij Verbeke", 10_000.0),
            ("001", "Bakkerij Peeters", 60_000.0),
            ("005", "Garage Maes", 100.0),
            ("002", "Hotel Ter Duinen", 50_000.0),
            ("004", "Schrijnwerkerij Claes", 9_999.99),
        ]
    )


def stop_process(process: subprocess.Popen, timeout: float = 10) -> None:
    """Wait for ``process`` to end; terminate it, then kill it, when it takes too long."""
    for ending in (None, process.terminate, process.kill):
        if ending is not None:
            ending()
        try:
            process.wait(timeout=timeout)
            return
        except subprocess.TimeoutExpired:
            continue


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        """The records so far; they no longer count against the test."""
        taken, self.records = self.records, []
        return taken


@pytest.fixture
def logged():
    """Warnings and errors logged during the test; the test fails on any it did not take.

    ipywidgets logs an exception raised in a callback instead of raising it, so a test that
    only sets values would pass when a handler crashed. A test expecting a logged error takes
    the records with ``logged.take()``.
    """
    collect = _Collect()
    root = logging.getLogger()
    root.addHandler(collect)
    try:
        yield collect
    finally:
        root.removeHandler(collect)
    left = collect.take()
    assert left == [], "logged during the test:\n" + "\n".join(r.getMessage() for r in left)


@pytest.fixture
def untouched_rcparams():
    """The test leaves matplotlib's global settings as it found them, and no figure open: a
    chart of the kit never sets a global style (use it with ``pytest.mark.usefixtures``)."""
    import matplotlib
    import matplotlib.pyplot as plt

    plt.get_backend()
    before = dict(matplotlib.rcParams)
    yield
    after = dict(matplotlib.rcParams)
    plt.close("all")
    changed = sorted(key for key in before if before[key] != after[key])
    assert changed == [], f"a chart changed matplotlib's global rcParams: {changed}"


def assert_large_type(ax, ticks) -> None:
    """Title, axis labels, the given tick labels and every text on the chart are set large
    enough for a projector (title 16 pt or more, the rest 13-14 pt or more)."""
    title = ax.get_title(loc="left")
    (title_text,) = [
        c for c in ax.get_children() if getattr(c, "get_text", None) and c.get_text() == title
    ]
    assert title_text.get_fontsize() >= 16
    assert ax.xaxis.label.get_fontsize() >= 14
    assert ax.yaxis.label.get_fontsize() >= 14
    assert all(t.get_fontsize() >= 13 for t in ticks)
    assert all(t.get_fontsize() >= 13 for t in ax.texts)


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def table_cells(markup: str) -> list[list[str]]:
    """The text of every cell of the HTML tables in ``markup``, row by row, as a browser
    shows it (entities decoded, tags dropped)."""
    parser = _Cells()
    parser.feed(markup)
    return parser.rows
