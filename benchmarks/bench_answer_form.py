"""The answer form on 50,000 customers: opening it and one answer click, next to baselines.

Run: `make bench` (or `python benchmarks/bench_answer_form.py [N]`). In a scratch folder it
makes a session of N customers (default 50,000, from `klantlib.sample`), gives 2,000 answers
so the participant has a history, and measures in-process:

* **open**: `open_session` + `AnswerForm(session, participant=...)` — the customers read, the
  participant's answers read, bands assigned, the widgets built and the first customer shown.
  Baseline in the same run: `pandas.read_csv` of the same customer table from a CSV file (the
  least a form that shows these customers has to do).
* **click**: one real `Button.click()` on an answer button — stored in SQLite (one committed
  transaction, WAL, synchronous FULL), the sheet, the progress and the card updated. Baseline
  in the same run: a bare `INSERT` + `COMMIT` of one row into a SQLite file with the same
  settings (the cost of making an answer durable at all).

The goal: open <= 1 s and click <= 50 ms (median). Exit status 1 when a goal is missed.
"""

from __future__ import annotations

import itertools
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from timing import median_seconds

from klantlib.core.questions import QUESTIONS
from klantlib.sample import generate_sample
from klantlib.store.workspace import create_session, open_session
from klantlib.widgets.answer_form import AnswerForm

GOAL_OPEN_SECONDS = 1.0
GOAL_CLICK_SECONDS = 0.050
CLICKS = 300


def bare_commit_seconds(folder: Path, count: int) -> list[float]:
    """One INSERT + COMMIT per row into a WAL SQLite file with synchronous FULL."""
    connection = sqlite3.connect(folder / "bare.sqlite", isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, customer TEXT, value TEXT)")
    times = []
    for i in range(count):
        start = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO t (customer, value) VALUES (?, ?)", (str(i), "yes"))
        connection.execute("COMMIT")
        times.append(time.perf_counter() - start)
    connection.close()
    return times


def answer_click_seconds(form: AnswerForm, clicks: int) -> list[float]:
    """Time ``clicks`` real clicks on the form's answer buttons, every question and answer in
    turn; after every 12 clicks (not timed) "next unanswered" moves on to another customer."""
    buttons = itertools.cycle([(q, a) for q in QUESTIONS for a in ("yes", "no", "unknown")])
    times = []
    for i in range(clicks):
        question, answer = next(buttons)
        button = form.buttons[question][answer]
        start = time.perf_counter()
        button.click()
        times.append(time.perf_counter() - start)
        if i % 12 == 11:
            form.next_open.click()
    return times


def main(n_customers: int = 50_000) -> int:
    customers = generate_sample(n_customers, year=2026).customers
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        csv_path = folder / "customers.csv"
        customers.to_csv(csv_path, index=False)
        with create_session("bench", customers, workspace=folder) as session:
            ids = session.customers()["customer_id"].tolist()
            history = [
                (ids[i % len(ids)], QUESTIONS[i % 4], ("yes", "no", "unknown")[i % 3])
                for i in range(2_000)
            ]
            session.record_many("An", history)

        def open_form() -> AnswerForm:
            return AnswerForm(open_session("bench", workspace=folder), participant="An", lang="nl")

        open_ours = median_seconds(open_form)
        open_floor = median_seconds(lambda: pd.read_csv(csv_path, dtype={"customer_id": str}))

        form = open_form()
        click_times = answer_click_seconds(form, CLICKS)
        stored = len(form.session.history(participant="An"))
        assert stored >= 2_000 + CLICKS, f"only {stored} changes stored"
        click_ours = statistics.median(click_times)
        click_floor = statistics.median(bare_commit_seconds(folder, CLICKS))

    print(f"customers: {n_customers:,}; participant history: 2,000 answers; clicks: {CLICKS}")
    print(
        f"open form (median of 5):   {open_ours:.3f} s   baseline pandas read_csv: "
        f"{open_floor:.3f} s   ratio {open_ours / open_floor:.1f}x   goal <= {GOAL_OPEN_SECONDS} s"
    )
    print(
        f"answer click (median):     {click_ours * 1000:.2f} ms  baseline bare INSERT+COMMIT: "
        f"{click_floor * 1000:.2f} ms   ratio {click_ours / click_floor:.1f}x   "
        f"goal <= {GOAL_CLICK_SECONDS * 1000:.0f} ms"
    )
    print(f"slowest click: {max(click_times) * 1000:.1f} ms")
    ok = open_ours <= GOAL_OPEN_SECONDS and click_ours <= GOAL_CLICK_SECONDS
    print("result:", "within goal" if ok else "OVER GOAL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000))
