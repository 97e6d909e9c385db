"""Who moved between two segmentations: ``compare_segments`` and ``python -m klantlib compare``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from klantlib.cli import main
from klantlib.core.bands import Thresholds
from klantlib.core.moves import MOVE_COLUMNS, TRANSITION_COLUMNS, compare_segments
from klantlib.errors import KlantlibError, Notice
from klantlib.i18n import text
from klantlib.reports.reasons import move_reasons
from klantlib.store.workspace import create_session

KIT = Path(__file__).resolve().parents[1]

OLD = pd.DataFrame(
    {
        "customer_id": ["1", "2", "3", "5", "6"],
        "name": ["Same", "Up", "Down", "Lost", "Both"],
        "segment": ["A", "B", "A", "C", "B"],
        "band": ["large", "medium", "large", "small", "large"],
        "margin": ["yes", "no", "yes", "no", "yes"],
        "cashflow": ["no", "no", "no", "no", "unknown"],
    }
)
NEW = pd.DataFrame(
    {
        "customer_id": ["6", "4", "3", "2", "1"],
        "name": ["Both", "New", "Down", "Up", "Same"],
        "segment": ["C", "A", "C", "A", "A"],
        "band": ["medium", "small", "large", "large", "large"],
        "margin": ["no", "yes", "no", "no", "yes"],
        "cashflow": ["no", "no", "no", "no", "no"],
    }
)
"""1 stays in A; 2 moves up (band); 3 moves down (answer); 4 is new; 5 is lost; 6 moves down
with a band and two answers changed."""


def moves_of(old=OLD, new=NEW) -> pd.DataFrame:
    return compare_segments(old, new)[0]


def reasons(moves: pd.DataFrame, lang: str = "nl") -> dict[str, str]:
    """Each move's reason, said at the edge in ``lang``."""
    return dict(zip(moves["customer_id"], move_reasons(moves, lang), strict=True))


def band_move(lang: str, before: str, after: str) -> str:
    """The catalogue's 'band medium → large'."""
    return text(
        "moves.band", lang, before=text(f"band.{before}", lang), after=text(f"band.{after}", lang)
    )


def answer_move(lang: str, question: str, before: str, after: str) -> str:
    """The catalogue's 'Margin yes → no'."""
    return text(
        "moves.answer",
        lang,
        question=text(f"question.{question}", lang),
        before=text(f"answer.{before}", lang),
        after=text(f"answer.{after}", lang),
    )


# ------------------------------------------------------------------------------------------
# the core
# ------------------------------------------------------------------------------------------


def test_moves_holds_each_changed_new_and_lost_customer_sorted():
    moves = moves_of()
    assert list(moves.columns) == list(MOVE_COLUMNS)
    assert moves[["customer_id", "from_segment", "to_segment"]].values.tolist() == [
        ["5", "C", ""],  # lost: to "" sorts first
        ["4", "", "A"],  # new
        ["2", "B", "A"],  # up
        ["3", "A", "C"],  # down
        ["6", "B", "C"],  # down
    ]
    assert "1" not in set(moves["customer_id"])  # same segment: no move
    assert moves.loc[moves["customer_id"] == "4", "name"].item() == "New"
    assert moves.loc[moves["customer_id"] == "5", "name"].item() == "Lost"


def test_reasons_in_dutch():
    # literal on purpose: the wording is what the user reads
    assert reasons(moves_of()) == {
        "2": "omzetklasse middel → groot",
        "3": "Marge ja → nee",
        "4": "nieuwe klant",
        "5": "niet meer in de lijst",
        "6": "omzetklasse groot → middel; Marge ja → nee; Cashflow ? → nee",
    }


def test_reasons_in_english():
    assert reasons(moves_of(), "en") == {
        "2": band_move("en", "medium", "large"),
        "3": answer_move("en", "margin", "yes", "no"),
        "4": text("moves.new", "en"),
        "5": text("moves.lost", "en"),
        "6": "; ".join(
            [
                band_move("en", "large", "medium"),
                answer_move("en", "margin", "yes", "no"),
                answer_move("en", "cashflow", "unknown", "no"),
            ]
        ),
    }


def test_the_core_keeps_what_changed_as_data():
    """No sentence in the core: band and answer changes as (what, before, after)."""
    changes = dict(zip(moves_of()["customer_id"], moves_of()["changes"], strict=True))
    assert changes == {
        "2": (("band", "medium", "large"),),
        "3": (("margin", "yes", "no"),),
        "4": (),
        "5": (),
        "6": (("band", "large", "medium"), ("margin", "yes", "no"), ("cashflow", "unknown", "no")),
    }


def test_transitions_count_every_pair_that_occurs():
    _, transitions = compare_segments(OLD, NEW)
    assert list(transitions.columns) == list(TRANSITION_COLUMNS)
    assert transitions.values.tolist() == [
        ["C", "", 1],
        ["", "A", 1],
        ["A", "A", 1],
        ["B", "A", 1],
        ["A", "C", 1],
        ["B", "C", 1],
    ]
    assert transitions["customers"].dtype == "int64"


def test_transitions_add_up_and_leave_out_empty_pairs():
    old = pd.DataFrame({"customer_id": list("abcd"), "name": list("abcd"), "segment": list("AABB")})
    new = old.assign(segment=list("ABBB"))
    moves, transitions = compare_segments(old, new)
    assert transitions.values.tolist() == [["A", "A", 1], ["A", "B", 1], ["B", "B", 2]]
    assert moves["customer_id"].tolist() == ["b"]


def test_without_band_or_answers_the_reason_says_so():
    old = OLD[["customer_id", "name", "segment"]]
    assert reasons(moves_of(old, NEW))["2"] == text("moves.other", "nl")
    assert reasons(moves_of(old, NEW), "en")["3"] == text("moves.other", "en")


def test_band_names_and_export_apostrophes_are_understood():
    """A segments.csv has bands in words and '-5 for -5: they match a session's table."""
    old = pd.DataFrame(
        {"customer_id": ["-5", "007"], "name": ["G", "B"], "segment": ["C", "B"],
         "band": ["small", "medium"]}
    )  # fmt: skip
    new = pd.DataFrame(
        {"customer_id": ["'-5", "007"], "name": ["G", "B"], "segment": ["D", "A"],
         "band": ["klein", "Large"]}
    )  # fmt: skip
    assert reasons(moves_of(old, new)) == {
        "-5": text("moves.other", "nl"),
        "007": band_move("nl", "medium", "large"),
    }


def test_same_tables_give_no_moves_and_inputs_are_unchanged():
    before = OLD.copy()
    moves, transitions = compare_segments(OLD, OLD)
    assert moves.empty and list(moves.columns) == list(MOVE_COLUMNS)
    assert transitions["customers"].sum() == len(OLD)
    pd.testing.assert_frame_equal(OLD, before)


def test_result_is_deterministic_whatever_the_row_order():
    shuffled = NEW.sample(frac=1, random_state=3)
    pd.testing.assert_frame_equal(moves_of(OLD, NEW), moves_of(OLD, shuffled))


def test_missing_columns_are_named():
    with pytest.raises(KlantlibError) as error:
        compare_segments(OLD.drop(columns="segment"), NEW)
    missing = Notice(
        "error.compare_columns",
        {
            "which": Notice("compare.old"),
            "missing": ["segment"],
            "columns": ["customer_id", "name", "band", "margin", "cashflow"],
        },
    )
    assert error.value.message("en") == missing.message("en")


def test_repeated_ids_are_refused():
    with pytest.raises(KlantlibError) as error:
        compare_segments(OLD, pd.concat([NEW, NEW.head(1)]))
    assert error.value.message("nl") == text(
        "error.compare_ids", "nl", which=text("compare.new", "nl"), ids="6"
    )


# ------------------------------------------------------------------------------------------
# the command line
# ------------------------------------------------------------------------------------------

CUSTOMERS = pd.DataFrame(
    {
        "customer_id": ["007", "012", "3", "-5"],
        "name": ["Bakkerij Peeters", "Hotel Ter Duinen", "Drukkerij Verbeke", "Garage Maes"],
        "revenue": [60000.0, 50000.0, 10000.0, 100.0],
    }
)


@pytest.fixture
def ws(tmp_path) -> Path:
    """Two sessions: 'Q1' and 'Q2' (one customer more; An answered more yes)."""
    folder = tmp_path / "sessies"
    bands = Thresholds(10000, 50000)
    with create_session("Q1", CUSTOMERS, thresholds=bands, workspace=folder) as session:
        session.record("An", "012", "margin", "yes")
    more = pd.concat(
        [CUSTOMERS, pd.DataFrame({"customer_id": ["9"], "name": ["Nieuw"], "revenue": [70000]})]
    )
    with create_session("Q2", more, thresholds=bands, workspace=folder) as session:
        for question in ("margin", "cashflow", "network"):
            session.record("An", "012", question, "yes")
        session.record("An", "007", "margin", "no")
    return folder


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_cli_compares_two_sessions(capsys, ws, tmp_path):
    out = tmp_path / "out"
    code, printed, err = run(capsys, "compare", "Q1", "Q2", "--workspace", ws, "--out", out)
    assert (code, err) == (0, "")
    moves = read(out / "moves.csv")
    assert moves.columns.tolist() == [*MOVE_COLUMNS[:-1], "reason"]
    assert moves.values.tolist() == [
        [
            "012",
            "Hotel Ter Duinen",
            "B",
            "A",
            answer_move("nl", "cashflow", "unknown", "yes")
            + "; "
            + answer_move("nl", "network", "unknown", "yes"),
        ],
        ["9", "Nieuw", "", "B", text("moves.new", "nl")],
    ]  # 007 answered Marge nee but stayed in B: no move
    transitions = read(out / "transitions.csv")
    assert transitions.columns.tolist() == list(TRANSITION_COLUMNS)
    assert transitions["customers"].astype(int).sum() == 5
    lines = printed.splitlines()
    assert text("compare.title", "nl") in lines
    new_line = text(
        "compare.line", "nl", before=text("compare.from_none", "nl"), after="B", customers=1
    )
    assert new_line in lines
    assert text("compare.count", "nl", count=2) in lines
    assert printed.count(text("cli.written", "nl", path="")) == 2


def test_cli_compares_two_segment_files_in_english(capsys, tmp_path):
    old, new = tmp_path / "old.csv", tmp_path / "new"
    old.write_text(
        "customer_id,name,revenue,band,score,segment,reason\n"
        "007,Bakkerij Peeters,60000.00,groot,1,B,x\n"
        "'-5,Garage Maes,100.00,klein,0,D,x\n"
        "3,Drukkerij Verbeke,10000.00,middel,0,C,x\n",
        encoding="utf-8",
    )
    new.mkdir()
    (new / "segments.csv").write_text(
        "customer_id,name,revenue,band,score,segment,reason\n"
        "007,Bakkerij Peeters,60000.00,large,2,A,x\n"
        "3,Drukkerij Verbeke,10000.00,small,0,D,x\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, printed, err = run(capsys, "compare", old, new, "--out", out, "--lang", "en")
    assert (code, err) == (0, "")
    moves = read(out / "moves.csv")
    assert moves.values.tolist() == [
        ["'-5", "Garage Maes", "D", "", text("moves.lost", "en")],  # formula-safe again
        ["007", "Bakkerij Peeters", "B", "A", text("moves.other", "en")],
        ["3", "Drukkerij Verbeke", "C", "D", band_move("en", "medium", "small")],
    ]
    assert read(out / "transitions.csv").values.tolist() == [
        ["D", "", "1"],
        ["B", "A", "1"],
        ["C", "D", "1"],
    ]
    # literal on purpose: the wording is what the user reads
    assert printed.splitlines()[:5] == [
        "From → to: customers",
        "  D → (gone): 1",
        "  B → A: 1",
        "  C → D: 1",
        "3 customers changed segment, new and lost customers included.",
    ]


def test_cli_unknown_session_lists_the_sessions(capsys, ws, tmp_path):
    code, printed, err = run(
        capsys, "compare", "Q1", "Q3", "--workspace", ws, "--out", tmp_path / "o"
    )
    assert code == 2 and printed == ""
    not_found = text("error.session_not_found", "nl", name="Q3", folder=ws, sessions="Q1, Q2")
    assert err.strip() == text("error.shown", "nl", message=not_found)
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()


def test_cli_csv_without_segment_columns_lists_its_columns(capsys, ws, tmp_path):
    wrong = tmp_path / "klanten.csv"
    wrong.write_text("klantnr,naam,omzet\n1,A,10\n", encoding="utf-8")
    code, _, err = run(
        capsys, "compare", wrong, "Q1", "--workspace", ws, "--out", tmp_path / "o", "--lang", "en"
    )
    assert code == 2
    not_a_table = Notice(
        "error.compare_columns",
        {
            "which": "klanten.csv",
            "missing": ["customer_id", "name", "segment"],
            "columns": ["klantnr", "naam", "omzet"],
        },
    )
    assert err.strip() == text("error.shown", "en", message=not_a_table.message("en"))


def test_cli_missing_file_and_out_that_is_a_file(capsys, ws, tmp_path):
    code, _, err = run(
        capsys, "compare", tmp_path / "nope.csv", "Q1", "--workspace", ws, "--out", tmp_path
    )
    assert code == 2 and "nope.csv" in err
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "compare", "Q1", "Q2", "--workspace", ws, "--out", blocker)
    assert code == 2
    assert text("error.out_not_dir", "nl", path=blocker) in err


def test_cli_compare_in_a_fresh_process(ws, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "klantlib", "compare", "Q2", "Q1", "--workspace", str(ws),
         "--out", str(tmp_path / "o"), "--lang", "en"],
        capture_output=True, text=True, timeout=120, check=False, cwd=KIT,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    gone = text("compare.line", "en", before="B", after=text("compare.to_none", "en"), customers=1)
    assert gone in result.stdout.splitlines()
    assert (tmp_path / "o" / "moves.csv").is_file()
    assert (tmp_path / "o" / "transitions.csv").is_file()
