"""Every quarter again: the history over quarters, the from -> to grid, the next session from
the last one, the chain of sessions, the files, and ``python -m klantlib history``."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from klantlib.cli import main
from klantlib.core.bands import Thresholds
from klantlib.core.moves import HISTORY_COLUMNS, compare_segments, quarter_history
from klantlib.errors import KlantlibError, Notice
from klantlib.i18n import text
from klantlib.reports.present import written_line
from klantlib.reports.quarter import (
    QUARTER_FILES,
    carried_lines,
    history_table,
    quarter_segments,
    start_next_session,
    transition_table,
    what_moved,
    write_quarter_files,
)
from klantlib.store.workspace import create_session, open_session, session_path
from tests.test_next_quarter import Q3 as CUSTOMERS_Q1  # 007, 012, 3
from tests.test_next_quarter import Q4 as CUSTOMERS_Q2  # 012 grew, 3 left, 44 arrived

Q1 = pd.DataFrame(
    {
        "customer_id": ["1", "2", "3"],
        "name": ["Bakkerij Peeters", "Slagerij Maes", "Café Sport"],
        "band": ["large", "medium", "small"],
        "score": [3, 1, 0],
        "segment": ["A", "B", "C"],
    }
)
Q2 = pd.DataFrame(
    {
        "customer_id": ["2", "1", "4"],
        "name": ["Slagerij Maes bv", "Bakkerij Peeters", "Hotel Zon"],
        "band": ["groot", "groot", "klein"],  # the Dutch band names read too
        "score": [2, 3, 4],
        "segment": ["A", "A", "B"],
    }
)


def test_quarter_history_is_one_row_per_customer_per_quarter():
    history = quarter_history([("Q1", Q1), ("Q2", Q2)])
    expected = pd.DataFrame(
        {
            "customer_id": ["1", "1", "2", "2", "3", "4"],
            "name": [
                "Bakkerij Peeters",
                "Bakkerij Peeters",
                "Slagerij Maes",
                "Slagerij Maes bv",
                "Café Sport",
                "Hotel Zon",
            ],
            "quarter": ["Q1", "Q2", "Q1", "Q2", "Q1", "Q2"],
            "band": ["large", "large", "medium", "large", "small", "small"],
            "score": pd.array([3, 3, 1, 2, 0, 4], dtype="Int64"),
            "segment": ["A", "A", "B", "A", "C", "B"],
        }
    ).astype({c: "string" for c in ("customer_id", "name", "quarter", "band", "segment")})
    assert_frame_equal(history, expected)


def test_quarter_history_leaves_the_tables_alone_and_needs_distinct_names():
    before = Q1.copy()
    quarter_history([("Q1", Q1)])
    assert_frame_equal(Q1, before)
    with pytest.raises(KlantlibError) as error:
        quarter_history([("Q1", Q1), ("Q1", Q2)])
    assert error.value.message("en") == text("error.history_quarters", "en", names="Q1")
    assert quarter_history([]).columns.tolist() == list(HISTORY_COLUMNS)


def test_quarter_history_without_band_or_score_leaves_them_empty():
    history = quarter_history([("Q1", Q1[["customer_id", "name", "segment"]])])
    assert history["band"].tolist() == ["", "", ""]
    assert history["score"].isna().all()


def test_history_table_puts_the_quarters_side_by_side():
    history = quarter_history([("Q1", Q1), ("Q2", Q2)])
    table = history_table(history, lang="nl")
    expected = pd.DataFrame(
        {
            "klantnr": ["1", "2", "4", "3"],  # A, A, B, then the customer gone
            "klant": ["Bakkerij Peeters", "Slagerij Maes bv", "Hotel Zon", "Café Sport"],
            "Q1": ["A · groot · 3", "B · middel · 1", "—", "C · klein · 0"],
            "Q2": ["A · groot · 3", "A · groot · 2", "B · klein · 4", "—"],
        },
        dtype="string",
    )
    assert_frame_equal(table, expected)
    changed = history_table(history, lang="en", changed_only=True)
    assert changed["customer id"].tolist() == ["2", "4", "3"]  # 1 stayed in A
    assert changed.columns.tolist() == ["customer id", "customer", "Q1", "Q2"]
    assert changed.iloc[0, 2] == "B · medium · 1"


def test_history_table_names_missing_columns():
    with pytest.raises(KlantlibError) as error:
        history_table(pd.DataFrame({"customer_id": ["1"]}), lang="en")
    not_a_table = Notice(
        "error.compare_columns",
        {
            "which": Notice("compare.history"),
            "missing": ["name", "quarter", "band", "score", "segment"],
            "columns": ["customer_id"],
        },
    )
    assert error.value.message("en") == not_a_table.message("en")


def test_transition_table_reads_from_rows_to_columns_with_totals():
    _, transitions = compare_segments(Q1, Q2)
    grid = transition_table(transitions, lang="nl")
    expected = pd.DataFrame(
        [[1, 0, 0, 0, 1], [1, 0, 0, 0, 1], [0, 0, 0, 1, 1], [0, 1, 0, 0, 1], [2, 1, 0, 1, 4]],
        index=["A", "B", "C", "nieuw", "totaal"],
        columns=pd.Index(["A", "B", "C", "weg", "totaal"], name="van ↓ naar →"),
    )
    assert_frame_equal(grid, expected)
    english = transition_table(transitions, lang="en")
    assert english.index.tolist()[-2:] == ["new", "total"]
    assert english.columns.tolist()[-2:] == ["gone", "total"]


def test_transition_table_reads_a_transitions_csv_back(tmp_path):
    """Empty cells (new, gone) as a spreadsheet gives them back: NaN, not ''."""
    _, transitions = compare_segments(Q1, Q2)
    file = tmp_path / "transitions.csv"
    transitions.to_csv(file, index=False)
    again = pd.read_csv(file)
    assert_frame_equal(transition_table(again, lang="en"), transition_table(transitions, lang="en"))


# sessions: a quarter from the last one ---------------------------------------------------------


@pytest.fixture
def last_quarter(tmp_path):
    with create_session("2026-Q4", CUSTOMERS_Q1, workspace=tmp_path) as made:
        made.set_thresholds(Thresholds(10_000, 50_000))
        for question in ("margin", "cashflow", "innovation", "network"):
            made.record("An", "007", question, "yes")
            made.record("An", "012", question, "no")
    return tmp_path


def test_start_next_session_carries_then_reopens(last_quarter, tmp_path):
    file = tmp_path / "q1.csv"
    CUSTOMERS_Q2.to_csv(file, index=False)
    with start_next_session("2027-Q1", file, previous="2026-Q4", workspace=tmp_path) as made:
        assert made.carried_from == "2026-Q4"
        assert made.to_confirm("An") == {"007", "012"}
        made.confirm("An", "007")
    file.unlink()  # reopening does not read the file again
    with start_next_session("2027-Q1", file, previous="2026-Q4", workspace=tmp_path) as again:
        assert again.to_confirm("An") == {"012"}
        # literal on purpose: the wording is what the user reads
        assert carried_lines(again, "en") == [
            "An: 1 customer with last quarter's answers, to confirm",
            "New in the list: 1 customer: 44 Slagerij Maes",
            "No longer in the list: 1 customer: 3 Café Sport",
        ]


def test_start_next_session_refuses_the_wrong_previous_or_the_same_name(last_quarter, tmp_path):
    file = tmp_path / "q1.csv"
    CUSTOMERS_Q2.to_csv(file, index=False)
    with pytest.raises(KlantlibError) as error:
        start_next_session("2026-Q4", file, previous="2026-Q4", workspace=tmp_path)
    assert error.value.message("en") == text(
        "error.next_session_other", "en", name="2026-Q4", previous="2026-Q4", carried="—"
    )
    with pytest.raises(KlantlibError) as error:
        start_next_session("2027-Q1", file, previous="2026-Q3", workspace=tmp_path)
    assert "2026-Q4" in error.value.message("en")  # the sessions that do exist are listed
    assert not session_path("2027-Q1", tmp_path).exists()


def test_quarter_segments_follow_the_chain_back_and_stop_at_a_missing_session(
    last_quarter, tmp_path
):
    file = tmp_path / "q.csv"
    CUSTOMERS_Q2.to_csv(file, index=False)
    start_next_session("2027-Q1", file, previous="2026-Q4", workspace=tmp_path).close()
    CUSTOMERS_Q2.assign(revenue=[80_000.0, 8_000.0, 3_000.0]).to_csv(file, index=False)
    with start_next_session("2027-Q2", file, previous="2027-Q1", workspace=tmp_path) as latest:
        quarters = quarter_segments(latest)
        assert [name for name, _ in quarters] == ["2026-Q4", "2027-Q1", "2027-Q2"]
        history = quarter_history(quarters)
        peeters = history[history["customer_id"] == "012"]
        assert peeters["band"].tolist() == ["medium", "large", "small"]
        assert peeters["segment"].tolist() == ["C", "B", "C"]  # all "no": large is B at least
        session_path("2026-Q4", tmp_path).unlink()
        assert [name for name, _ in quarter_segments(latest)] == ["2027-Q1", "2027-Q2"]


def test_write_quarter_files_writes_moves_transitions_history_and_chart(tmp_path):
    out = tmp_path / "rapport"
    written = write_quarter_files(what_moved([("Q1", Q1), ("Q2", Q2)], lang="en"), out, lang="en")
    assert list(written) == list(QUARTER_FILES)
    moves = pd.read_csv(out / "moves.csv", dtype=str, keep_default_na=False)
    assert moves.columns.tolist() == ["customer_id", "name", "from_segment", "to_segment", "reason"]
    assert moves.set_index("customer_id").loc["4", "reason"] == text("moves.new", "en")
    history = pd.read_csv(out / "history.csv", dtype=str, keep_default_na=False)
    assert history.columns.tolist() == list(HISTORY_COLUMNS)
    assert len(history) == 6
    assert set(history["band"]) <= {"small", "medium", "large"}  # as segments.csv names them
    written = write_quarter_files(what_moved([("Q1", Q1), ("Q2", Q2)], lang="nl"), out, lang="nl")
    dutch = pd.read_csv(out / "history.csv", dtype=str, keep_default_na=False)
    assert set(dutch["band"]) <= {"klein", "middel", "groot"}
    assert dutch["band"].tolist() == [
        {"small": "klein", "medium": "middel", "large": "groot"}[b] for b in history["band"]
    ]
    assert (out / "moves.png").read_bytes().startswith(b"\x89PNG")
    with pytest.raises(KlantlibError) as error:
        what_moved([("Q1", Q1)], lang="en")
    assert error.value.message("en") == text("error.quarters_too_few", "en", count=1)


def test_written_line_groups_the_files_by_folder(tmp_path):
    written = {"moves.csv": tmp_path / "a" / "moves.csv", "crm.csv": tmp_path / "a" / "crm.csv"}
    assert written_line(written, "nl") == text(
        "files.written", "nl", folder=tmp_path / "a", files="moves.csv, crm.csv"
    )


def test_history_command_prints_the_customers_that_moved(last_quarter, tmp_path, capsys):
    file = tmp_path / "q1.csv"
    CUSTOMERS_Q2.to_csv(file, index=False)
    start_next_session("2027-Q1", file, previous="2026-Q4", workspace=tmp_path).close()
    code = main(["history", "2027-Q1", "--workspace", str(tmp_path), "--lang", "en",
                 "--out", str(tmp_path / "out")])  # fmt: skip
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == text("cli.history_title", "en", quarters="2026-Q4, 2027-Q1")
    rows = {line.split()[0]: line for line in lines[2:-1]}  # between header and "Written:"
    assert set(rows) == {"012", "44", "3"}  # moved, new, gone; 007 stayed in A
    assert rows["44"].split()[-6:] == ["—", "C", "·", "small", "·", "0"]  # new: nothing before
    assert rows["3"].split()[-6:] == ["C", "·", "small", "·", "0", "—"]  # gone: nothing after
    saved = pd.read_csv(tmp_path / "out" / "history.csv", dtype=str, keep_default_na=False)
    assert set(saved["customer_id"]) == {"007", "012", "3", "44"}
    code = main(["history", "2027-Q1", "--customer", "007", "--workspace", str(tmp_path),
                 "--lang", "en"])  # fmt: skip
    assert code == 0
    assert "A · large · 4" in capsys.readouterr().out
    code = main(["history", "2027-Q1", "--customer", "999", "--workspace", str(tmp_path),
                 "--lang", "en"])  # fmt: skip
    assert code == 2
    unknown = text("error.session_unknown_customer", "en", value="999", name="2027-Q1")
    assert unknown in capsys.readouterr().err


def test_previous_session_is_never_changed(last_quarter, tmp_path):
    path = session_path("2026-Q4", tmp_path)
    before = path.read_bytes()
    file = tmp_path / "q1.csv"
    CUSTOMERS_Q2.to_csv(file, index=False)
    with start_next_session("2027-Q1", file, previous="2026-Q4", workspace=tmp_path) as made:
        made.record("An", "007", "margin", "no")
        write_quarter_files(what_moved(quarter_segments(made)), tmp_path / "out")
    with open_session("2026-Q4", workspace=tmp_path) as last:
        assert last.current("An").set_index("customer_id").loc["007", "margin"] == "yes"
    assert path.read_bytes() == before


def test_history_view_shows_the_table_without_row_numbers():
    from klantlib.reports.present import history_view

    html = history_view(quarter_history([("Q1", Q1), ("Q2", Q2)]), "nl").to_html()
    assert ">A · groot · 3</td>" in html and ">Slagerij Maes bv</td>" in html
    assert "row_heading" not in html  # no 0, 1, 2 … before the customers
