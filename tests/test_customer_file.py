"""One way in for the team's file: the rule that ties a customer file to a session."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from klantlib.core.bands import Thresholds
from klantlib.errors import KlantlibError
from klantlib.i18n import text
from klantlib.paths import kit_root
from klantlib.store.answer_files import add_example_answers
from klantlib.store.customer_file import resolve_path, session_header, use_customers_file
from klantlib.store.workspace import list_sessions, open_session

SAMPLE = kit_root() / "data" / "voorbeeld"


def header_start(lang: str, **params: object) -> str:
    """The session header up to the time the file was read (which changes every run)."""
    return text("file.header", lang, when="{when}", **params).split("{when}")[0]


def own_file(folder, name: str = "klanten_2025.csv", count: int = 20):
    """A team's own customer list of ``count`` customers."""
    path = folder / name
    pd.DataFrame(
        {
            "Klantnr": [f"K{i:03d}" for i in range(count)],
            "Klantnaam": [f"Eigen Klant {i}" for i in range(count)],
            "Omzet": [1000.0 * (count - i) for i in range(count)],
        }
    ).to_csv(path, index=False, sep=";")
    return path


@pytest.fixture
def workspace(tmp_path):
    return tmp_path / "sessies"


def test_a_new_session_is_made_from_the_file_and_says_so(tmp_path, workspace):
    """No session yet: made from the file, with what the kit understood of it."""
    opened = use_customers_file("2026-Q4", own_file(tmp_path), workspace=workspace)
    with opened.session as session:
        assert opened.how == "made"
        assert opened.report is not None
        assert len(session.customer_ids()) == 20
        assert session.source == "klanten_2025.csv"
        header = opened.lines("nl")[0]
        assert header.startswith(
            header_start("nl", name="2026-Q4", source="klanten_2025.csv", count=20)
        )


def test_the_same_file_opens_the_session_without_reading_it_again(tmp_path, workspace):
    """The same bytes (also a copy elsewhere, as an upload makes) open the session as it is."""
    path = own_file(tmp_path)
    use_customers_file("2026-Q4", path, workspace=workspace).session.close()
    copy = tmp_path / "kopie.csv"
    copy.write_bytes(path.read_bytes())
    for again in (path, copy):
        opened = use_customers_file("2026-Q4", again, workspace=workspace)
        with opened.session:
            assert (opened.how, opened.report) == ("opened", None)


def test_without_a_file_a_new_session_is_the_sample_and_an_old_one_stays(tmp_path, workspace):
    """customers_file empty: the kit's sample for a new session (said so), else as it is."""
    opened = use_customers_file("2026-Q4", "", workspace=workspace)
    with opened.session as session:
        assert opened.how == "sample"
        assert len(session.customer_ids()) == 48
        assert opened.lines("nl")[1] == text("file.sample_used", "nl")
    use_customers_file("eigen", own_file(tmp_path), workspace=workspace).session.close()
    opened = use_customers_file("eigen", None, workspace=workspace)
    with opened.session as session:
        assert opened.how == "opened"
        assert session.source == "klanten_2025.csv"


def test_an_untouched_session_takes_the_chosen_file(tmp_path, workspace):
    """Nothing of the team's in it: the session is made again from the chosen file."""
    use_customers_file("2026-Q4", None, workspace=workspace).session.close()
    opened = use_customers_file("2026-Q4", own_file(tmp_path), workspace=workspace)
    with opened.session as session:
        assert opened.how == "remade"
        assert opened.set_aside is None
        assert session.customers()["name"].iloc[0] == "Eigen Klant 0"
        assert opened.lines("en")[1] == text(
            "file.remade", "en", name="2026-Q4", previous="factuurlijnen.csv"
        )
    assert list_sessions(workspace) == ["2026-Q4"]


def test_the_sample_with_practice_answers_is_kept_aside(tmp_path, workspace):
    """A sample session with answers and bands: kept under another name, nothing lost."""
    with use_customers_file("2026-Q4", None, workspace=workspace).session as sample:
        add_example_answers(sample, "nl")
        sample.set_thresholds(Thresholds(3_000, 15_000))
        answers = len(sample.history())
    opened = use_customers_file("2026-Q4", own_file(tmp_path), workspace=workspace)
    with opened.session as session:
        assert opened.how == "remade"
        assert opened.set_aside == "2026-Q4-factuurlijnen"
        assert session.participants() == []
        assert session.thresholds is None
    with open_session("2026-Q4-factuurlijnen", workspace=workspace) as kept:
        assert len(kept.history()) == answers
        assert kept.thresholds == Thresholds(3_000, 15_000)


def test_a_session_with_the_teams_work_is_never_swapped(tmp_path, workspace):
    """Answers on the team's own file: another file is refused, with the ways on, and the
    session file is left byte for byte."""
    with use_customers_file("2026-Q4", own_file(tmp_path), workspace=workspace).session as s:
        s.record("An", "K001", "margin", "yes")
        path = s.path
    before = path.read_bytes()
    other = own_file(tmp_path, "klanten_2026.csv", count=5)
    with pytest.raises(KlantlibError) as refused:
        use_customers_file("2026-Q4", other, workspace=workspace)
    # literal on purpose: the wording is what the user reads
    assert refused.value.message("nl") == (
        "Sessie 2026-Q4 werkt al met klanten_2025.csv (20 klanten) en jullie hebben er al in"
        " gewerkt: de kit wisselt het bestand niet stil om voor klanten_2026.csv. Verder met"
        " klanten_2025.csv: maak customers_file in de grijze cel leeg. Met klanten_2026.csv"
        ' beginnen: typ in de grijze cel een nieuwe sessienaam, bv. session = "2026-Q4-b".'
    )
    assert path.read_bytes() == before
    assert list_sessions(workspace) == ["2026-Q4"]


def test_another_year_of_the_same_invoice_lines_is_another_file(workspace):
    """The same invoice lines added up for another year are other customers' revenue."""
    lines = SAMPLE / "factuurlijnen.csv"
    use_customers_file("s", lines, year=2025, workspace=workspace).session.close()
    opened = use_customers_file("s", lines, year=2024, workspace=workspace)
    with opened.session:
        assert opened.how == "remade"


def test_a_path_from_the_kits_folder_can_be_pasted(tmp_path, monkeypatch):
    """data/voorbeeld/klanten.csv, as the kit shows paths, works from the notebook's folder."""
    monkeypatch.chdir(tmp_path)
    assert resolve_path("data/voorbeeld/klanten.csv") == kit_root() / "data/voorbeeld/klanten.csv"
    own = own_file(tmp_path)
    assert resolve_path("klanten_2025.csv") == own.relative_to(tmp_path)
    missing = re.escape(text("error.file_not_found", "nl", path="nergens.csv"))
    with pytest.raises(KlantlibError, match=missing):
        use_customers_file("s", "nergens.csv", workspace=tmp_path / "w").session.close()


def test_the_header_names_session_file_count_and_time(tmp_path, workspace):
    with use_customers_file("2026-Q4", own_file(tmp_path), workspace=workspace).session as s:
        line = session_header(s, "en")
    assert line.startswith(header_start("en", name="2026-Q4", source="klanten_2025.csv", count=20))


def test_a_new_quarter_takes_another_export_until_someone_confirmed(tmp_path, workspace):
    """With last quarter named, the session is carried from it; another export replaces it
    while nobody confirmed or changed anything, and is refused after that."""
    with use_customers_file("2026-Q4", own_file(tmp_path), workspace=workspace).session as last:
        last.record("An", "K001", "margin", "yes")
    first = own_file(tmp_path, "export_q1.csv", count=18)
    opened = use_customers_file("2027-Q1", first, workspace=workspace, previous="2026-Q4")
    with opened.session as now:
        assert (opened.how, now.carried_from) == ("made", "2026-Q4")
        assert now.to_confirm("An") == {"K001"}
    again = use_customers_file("2027-Q1", first, workspace=workspace, previous="2026-Q4")
    with again.session:
        assert again.how == "opened"
    second = own_file(tmp_path, "export_q1_juist.csv", count=19)
    remade = use_customers_file("2027-Q1", second, workspace=workspace, previous="2026-Q4")
    with remade.session as now:
        assert (remade.how, now.source, now.carried_from) == (
            "remade",
            "export_q1_juist.csv",
            "2026-Q4",
        )
        assert len(now.customer_ids()) == 19
        assert now.to_confirm("An") == {"K001"}
        now.confirm("An", "K001")
    with pytest.raises(KlantlibError) as refused:
        use_customers_file("2027-Q1", first, workspace=workspace, previous="2026-Q4")
    assert refused.value.notice.key == "error.session_other_file"
    with pytest.raises(KlantlibError) as unknown:
        use_customers_file("2027-Q1", second, workspace=workspace, previous="2026-Q3")
    assert unknown.value.notice.key == "error.next_session_other"
    assert unknown.value.notice.params["previous"] == "2026-Q3"


def test_a_session_still_open_is_closed_and_moved_whole_before_another_file_comes(
    tmp_path, workspace
):
    """A notebook re-run leaves the old session open in the kernel, its last changes still in
    the write-ahead log: setting it aside closes it and moves it with its log, so nothing of
    it is read into the new session and nothing written is lost."""
    sqlite3 = pytest.importorskip("sqlite3")
    old = use_customers_file("2026-Q4", None, workspace=workspace).session  # the sample
    old.record("An", "12552", "margin", "yes")  # in the log, not yet in the file
    opened = use_customers_file("2026-Q4", own_file(tmp_path), workspace=workspace)
    with opened.session as new:
        assert new.source == "klanten_2025.csv"
        assert new.participants() == []
        assert len(new.customer_ids()) == 20
    with open_session(opened.set_aside, workspace=workspace) as kept:
        assert kept.current("An").set_index("customer_id").loc["12552", "margin"] == "yes"
    with pytest.raises(sqlite3.ProgrammingError):  # the old widget's next click fails loudly
        old.record("An", "12552", "cashflow", "no")


def test_the_start_notebook_shows_the_teams_customers_once_they_chose_their_file(
    tmp_path, workspace, monkeypatch, capsys
):
    """Notebook 00 runs the method on the sample only while the session is not the team's."""
    from klantlib.notebook import start_here_result

    monkeypatch.setenv("KLANTLIB_WORKSPACE", str(workspace))
    sample = (SAMPLE / "klanten.csv", SAMPLE / "antwoorden_an.csv")
    assert len(start_here_result("2026-Q4", *map(str, sample), lang="nl").customers) == 48
    use_customers_file("2026-Q4", None, workspace=workspace).session.close()
    assert len(start_here_result("2026-Q4", *map(str, sample), lang="nl").customers) == 48
    use_customers_file("2026-Q4", own_file(tmp_path), workspace=workspace).session.close()
    capsys.readouterr()
    result = start_here_result("2026-Q4", *map(str, sample), lang="nl")
    assert sorted(result.customers["name"]) == sorted(f"Eigen Klant {i}" for i in range(20))
    own_data = text("start.own_data", "nl", name="2026-Q4", source="klanten_2025.csv")
    assert own_data in capsys.readouterr().out
