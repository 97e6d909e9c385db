"""Nothing a participant saw as saved is lost: real processes write a session and are killed.

Each test starts a child Python process (a small script written to ``tmp_path``) that opens a
session and records changes as a participant's kernel would. A change counts as acknowledged
once the child has printed its line, which it only does after :meth:`Session.record` returned.
The parent kills the child with SIGKILL mid-write (or lets two children write at once) and then
checks the session file: every acknowledged change is there, intact, and SQLite finds no damage.
The random moments come from one seed per run (:data:`SEED`), named in a failure; set
``KLANTLIB_TEST_SEED`` to replay it.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pandas as pd
import pytest

from klantlib.core.questions import ANSWERS, QUESTIONS
from klantlib.store.session import FIELDS
from klantlib.store.workspace import create_session, open_session, session_path

ROOT = Path(__file__).resolve().parents[1]
NAME = "2026-Q4"
CUSTOMER_IDS = [f"{number:03d}" for number in range(1, 51)]  # "001" … "050"
WATCHDOG = 90  # seconds: a child still running then is killed, so a hang fails the test
SEED = int(os.environ.get("KLANTLIB_TEST_SEED") or random.SystemRandom().randrange(1 << 32))
"""The run's randomness (kill moments, pauses): a failure names it; run again with
``KLANTLIB_TEST_SEED=<seed>`` to replay it."""


def seeded(name: str) -> random.Random:
    """A random source for one test, from the run's seed."""
    return random.Random(f"{SEED}-{name}")


Plan = list[tuple[str, str, str | None]]

CHILD = r'''
"""A participant's kernel for tests/test_session_durability.py.

argv: mode, workspace, session name, participant, plan file (JSON).
"""
import contextlib
import json
import random
import sys
import time

from klantlib.store import session_file
from klantlib.store.workspace import open_session

mode, workspace, name, participant, plan_file = sys.argv[1:6]
with open(plan_file, encoding="utf-8") as file:
    plan = json.load(file)
session = open_session(name, workspace=workspace)

if mode == "no-commit":
    # Negative control: changes are acknowledged but the transaction is never committed.
    session._connection.execute("BEGIN IMMEDIATE")
    session_file.transaction = lambda connection: contextlib.nullcontext()
    mode = "stream"

if mode == "stream":
    # One change at a time, forever (round the plan), one line after each; until killed.
    changes = plan["changes"]
    i = 0
    while True:
        customer_id, field, value = changes[i % len(changes)]
        change = session.record(participant, customer_id, field, value)
        print(i, change.id, flush=True)
        i += 1
elif mode == "race":
    pauses = random.Random(plan["seed"])
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        sys.exit("no go")
    ids = []
    for change in plan["changes"]:
        ids.append(session.record(participant, *change).id)
        if plan["pause"]:
            time.sleep(pauses.uniform(0, plan["pause"]))
    print(json.dumps(ids), flush=True)
elif mode == "batch":
    for i, change in enumerate(plan["changes"]):
        print(i, session.record(participant, *change).id, flush=True)
    batch = [tuple(change) for change in plan["batch"]]
    print("batch", flush=True)
    stored = session.record_many(participant, batch)
    print("batch done", stored, flush=True)
    sys.stdin.read()  # wait to be killed
else:
    sys.exit(f"unknown mode {mode}")
'''


# ------------------------------------------------------------------------------------------
# Helpers
# ------------------------------------------------------------------------------------------


def customers() -> pd.DataFrame:
    """50 customers, ids with leading zeros, all revenues different."""
    return pd.DataFrame(
        {
            "customer_id": CUSTOMER_IDS,
            "name": [f"Klant {cid}" for cid in CUSTOMER_IDS],
            "revenue": [1_000.0 + 37.5 * ((n * 17) % 50) for n in range(len(CUSTOMER_IDS))],
        }
    )


def make_plan(participant: str, count: int, seed: int) -> Plan:
    """``count`` changes: mostly answers to the four questions, some notes, a few clears."""
    rng = random.Random(seed)
    plan: Plan = []
    for i in range(count):
        customer_id = rng.choice(CUSTOMER_IDS)
        roll = rng.random()
        if roll < 0.15:
            plan.append((customer_id, "note", f"{participant} #{i}: café “{customer_id}” 's"))
        elif roll < 0.18:
            plan.append((customer_id, rng.choice(QUESTIONS), None))
        else:
            plan.append((customer_id, rng.choice(QUESTIONS), rng.choice(ANSWERS)))
    return plan


def new_session(workspace: Path) -> Path:
    create_session(NAME, customers(), workspace=workspace).close()
    return session_path(NAME, workspace)


@contextmanager
def child(
    tmp_path: Path, mode: str, participant: str, plan: dict[str, object]
) -> Iterator[subprocess.Popen[str]]:
    """A child process writing session ``NAME`` in ``tmp_path``; killed and reaped on exit."""
    script = tmp_path / "kernel.py"
    if not script.exists():
        script.write_text(CHILD, encoding="utf-8")
    plan_file = tmp_path / f"plan-{participant}.json"
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    with (
        open(tmp_path / f"stderr-{participant}.txt", "w", encoding="utf-8") as stderr,
        subprocess.Popen(
            [sys.executable, str(script), mode, str(tmp_path), NAME, participant, str(plan_file)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            encoding="utf-8",
            cwd=tmp_path,
            env=env,
        ) as process,
    ):
        watchdog = threading.Timer(WATCHDOG, process.kill)
        watchdog.start()
        try:
            yield process
        finally:
            watchdog.cancel()
            if process.poll() is None:
                process.kill()
            process.wait()


def child_errors(tmp_path: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(tmp_path.glob("stderr-*.txt")))


def read_line(process: subprocess.Popen[str], tmp_path: Path) -> str:
    line = process.stdout.readline()
    assert line.endswith("\n"), f"the child stopped early:\n{child_errors(tmp_path)}"
    return line.rstrip("\n")


def sigkill(process: subprocess.Popen[str]) -> list[str]:
    """Kill ``process`` at once; the complete lines it printed that were not read yet."""
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL
    rest = process.stdout.read()
    return rest.split("\n")[:-1]  # the last piece is empty or a line cut off by the kill


def assert_sound(path: Path) -> None:
    """SQLite reads the file (after WAL recovery) without finding any damage."""
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def stored_changes(workspace: Path) -> pd.DataFrame:
    with open_session(NAME, workspace=workspace) as session:
        return session.history()


def as_plan(rows: pd.DataFrame) -> Plan:
    return [
        (row.customer_id, row.field, None if pd.isna(row.value) else row.value)
        for row in rows.itertuples(index=False)
    ]


def check_stream(workspace: Path, participant: str, plan: Plan, acknowledged: list[str]) -> int:
    """Every acknowledged change is stored with its id and value; nothing else but the one
    change that may have been committed just before the kill. Returns how many are stored."""
    numbered = [tuple(map(int, line.split())) for line in acknowledged]
    assert [i for i, _ in numbered] == list(range(len(numbered))), "lines lost or out of order"
    history = stored_changes(workspace)
    assert len(history) >= len(numbered), (
        f"{len(numbered) - len(history)} of {len(numbered)} acknowledged changes are lost"
    )
    assert len(history) <= len(numbered) + 1
    assert history["id"].tolist()[: len(numbered)] == [change_id for _, change_id in numbered]
    assert history["id"].is_monotonic_increasing and history["id"].is_unique
    assert set(history["participant"]) <= {participant}
    assert history["undoes"].isna().all()
    expected = [plan[i % len(plan)] for i in range(len(history))]
    assert as_plan(history) == expected, "a stored change is not the change that was recorded"
    return len(history)


# ------------------------------------------------------------------------------------------
# 1. SIGKILL while recording one change at a time
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("acknowledged", [1, 300, 1_000, "random"])
def test_every_acknowledged_answer_survives_a_sigkill(tmp_path, acknowledged):
    """The child records answers one by one and says so after each; it is killed with SIGKILL
    after N lines were read. Every acknowledged answer is stored with its value, at most the
    one being written at the kill is extra, and the file passes SQLite's integrity check."""
    n = seeded("sigkill").randint(1, 2_000) if acknowledged == "random" else acknowledged
    path = new_session(tmp_path)
    plan = make_plan("An", 2_000, seed=n)
    with child(tmp_path, "stream", "An", {"changes": plan}) as process:
        read = [read_line(process, tmp_path) for _ in range(n)]
        rest = sigkill(process)
    assert_sound(path)
    stored = check_stream(tmp_path, "An", plan, read + rest)
    assert stored >= n, f"N = {n}, seed {SEED}"


def test_the_sigkill_check_catches_answers_acknowledged_before_they_are_committed(tmp_path):
    """Negative control: a child that acknowledges changes it never commits fails the check."""
    path = new_session(tmp_path)
    plan = make_plan("An", 2_000, seed=1)
    with child(tmp_path, "no-commit", "An", {"changes": plan}) as process:
        read = [read_line(process, tmp_path) for _ in range(300)]
        rest = sigkill(process)
    assert_sound(path)
    with pytest.raises(AssertionError, match="acknowledged changes are lost"):
        check_stream(tmp_path, "An", plan, read + rest)


# ------------------------------------------------------------------------------------------
# 2. Two participants writing at the same time
# ------------------------------------------------------------------------------------------


def expected_current(plan: Plan, order: list[str]) -> pd.DataFrame:
    """What :meth:`Session.current` should show after ``plan``: the last value per field."""
    latest: dict[str, dict[str, str | None]] = {}
    for customer_id, field, value in plan:
        latest.setdefault(customer_id, {})[field] = value
    ids = [cid for cid in order if cid in latest]
    table = pd.DataFrame({"customer_id": pd.Series(ids, dtype="string")})
    for field in FIELDS:
        values = [latest[cid].get(field) for cid in ids]
        table[field] = pd.Series([pd.NA if v is None else v for v in values], dtype="string")
    return table


@pytest.mark.slow
@pytest.mark.parametrize("pause", [0, 0.001], ids=["flat-out", "paced"])
def test_two_participants_writing_at_once_lose_nothing_and_mix_nothing(tmp_path, pause):
    """Two processes, started together by a 'go' line, each record 1,000 changes as their own
    participant. All 2,000 are stored, each under the right name, in the order each process
    made them; ids only go up; each participant's current values are what they last wrote.

    Flat out, one process holds SQLite's write lock nearly all the time and the other mostly
    waits for it (SQLite's busy wait is not fair), so their changes need not interleave; with a
    pause of up to a millisecond between changes they do, and the test checks that they did.
    """
    path = new_session(tmp_path)
    plans = {"An": make_plan("An", 1_000, seed=11), "Pieter": make_plan("Pieter", 1_000, seed=12)}
    with (
        child(
            tmp_path, "race", "An", {"changes": plans["An"], "pause": pause, "seed": SEED}
        ) as first,
        child(
            tmp_path,
            "race",
            "Pieter",
            {"changes": plans["Pieter"], "pause": pause, "seed": SEED + 1},
        ) as second,  # fmt: skip
    ):
        processes = {"An": first, "Pieter": second}
        for process in processes.values():
            assert read_line(process, tmp_path) == "ready"
        for process in processes.values():
            process.stdin.write("go\n")
            process.stdin.flush()
        returned = {}
        for participant, process in processes.items():
            out, _ = process.communicate(timeout=WATCHDOG)
            assert process.returncode == 0, child_errors(tmp_path)
            returned[participant] = json.loads(out.splitlines()[-1])

    assert_sound(path)
    with open_session(NAME, workspace=tmp_path) as session:
        history = session.history()
        order = session.customers()["customer_id"].tolist()
        current = {p: session.current(p) for p in plans}
        assert session.participants() == ["An", "Pieter"]
    assert len(history) == 2_000
    assert history["id"].is_monotonic_increasing and history["id"].is_unique
    for participant, plan in plans.items():
        ids = returned[participant]
        assert len(ids) == len(plan)
        assert all(a < b for a, b in zip(ids, ids[1:], strict=False)), participant
        mine = history[history["participant"] == participant]
        assert mine["id"].tolist() == ids
        assert as_plan(mine) == plan, f"{participant}'s changes are not what they recorded"
        pd.testing.assert_frame_equal(
            current[participant].drop(columns="changed_at"),
            expected_current(plan, order),
            check_names=False,  # current() names its columns axis "field"
        )
    if pause:  # the two really wrote at the same time: their changes interleave
        who = history["participant"].tolist()
        switches = sum(a != b for a, b in zip(who, who[1:], strict=False))
        assert switches >= 20, f"the two processes barely overlapped ({switches} switches)"


# ------------------------------------------------------------------------------------------
# 3. SIGKILL inside record_many
# ------------------------------------------------------------------------------------------


BATCH = 200_000


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["checking", "inserting", "random"])
def test_a_batch_killed_midway_is_stored_whole_or_not_at_all(tmp_path, moment):
    """A child records a few answers, then a batch of 200,000 notes with ``record_many`` and is
    killed with SIGKILL while checking the batch, while inserting it (the WAL file is growing
    with the uncommitted batch), or after a random delay. Afterwards the session holds the
    answers and either the whole batch or none of it, and the next writer gets on with it."""
    path = new_session(tmp_path)
    singles = make_plan("An", 20, seed=3)
    batch = [(CUSTOMER_IDS[i % len(CUSTOMER_IDS)], "note", f"bulk {i}") for i in range(BATCH)]
    wal = path.with_name(path.name + "-wal")
    with child(tmp_path, "batch", "An", {"changes": singles, "batch": batch}) as process:
        read = [read_line(process, tmp_path) for _ in singles]
        assert read_line(process, tmp_path) == "batch"
        if moment == "inserting":
            start = wal.stat().st_size
            deadline = time.monotonic() + WATCHDOG
            while wal.stat().st_size < start + 4_000_000 and process.poll() is None:
                assert time.monotonic() < deadline, "the batch never reached the WAL"
                time.sleep(0.002)
            assert process.poll() is None, "the batch was done before the kill"
        elif moment == "random":
            time.sleep(seeded("batch").uniform(0, 0.8))
        rest = sigkill(process)

    assert_sound(path)
    history = stored_changes(tmp_path)
    assert history["id"].tolist()[: len(read)] == [int(line.split()[1]) for line in read]
    assert as_plan(history.iloc[: len(singles)]) == singles
    in_batch = as_plan(history.iloc[len(singles) :])
    assert len(in_batch) in (0, BATCH), f"{len(in_batch)} of {BATCH} of the batch, seed {SEED}"
    assert in_batch in ([], batch)
    if rest == [f"batch done {BATCH}"]:
        assert in_batch == batch, "record_many returned but its batch is not stored"

    with open_session(NAME, workspace=tmp_path) as session:  # the lock was not left behind
        session.record("Pieter", "007", "margin", "yes")
        assert session.current("Pieter").loc[0, "margin"] == "yes"
    assert_sound(path)
