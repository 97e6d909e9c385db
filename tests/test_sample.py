"""Tests for the fictional sample data generator (klantlib.sample)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from klantlib.sample import (
    ANSWER_COLUMNS,
    CUSTOMER_COLUMNS,
    INVOICE_LINE_COLUMNS,
    NEXT_QUARTER_FILE,
    QUESTION_COLUMNS,
    SampleData,
    generate_sample,
    main,
    write_next_quarter,
    write_sample,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
COMMITTED = REPO_ROOT / "data" / "voorbeeld"
FILES = ("klanten.csv", "factuurlijnen.csv", "antwoorden_an.csv", "antwoorden_pieter.csv")
YES = {"ja", "j", "x", "JA", "1"}
NO = {"nee", "n", "Nee", "0"}
UNKNOWN = {"", "?"}


@pytest.fixture(scope="module")
def sample() -> SampleData:
    """The default sample (48 customers)."""
    return generate_sample()


def _to_numbers(sheet: pd.DataFrame) -> pd.DataFrame:
    """The four answers as 1 (yes), 0 (no), -1 (unknown), indexed by customer_id."""
    codes = {**dict.fromkeys(YES, 1), **dict.fromkeys(NO, 0), **dict.fromkeys(UNKNOWN, -1)}
    values = sheet.set_index("customer_id")[list(QUESTION_COLUMNS)]
    return pd.DataFrame(
        np.vectorize(codes.__getitem__)(values.to_numpy(dtype=object)),
        index=values.index,
        columns=values.columns,
    )


def _bands(revenue: pd.Series, method: str) -> pd.Series:
    """Revenue band 2 (large) / 1 (medium) / 0 (small) for bands 80/15/5.

    ``cumulative``: the customers making the first 80% of revenue are large, the next 15%
    medium, the last 5% small. ``count``: the top 5% of customers are large, the next 15%
    medium, the other 80% small.
    """
    ordered = revenue.sort_values(ascending=False, kind="stable")
    if method == "cumulative":
        before = (ordered.cumsum() - ordered) / ordered.sum()
        band = np.where(before < 0.80, 2, np.where(before < 0.95, 1, 0))
    else:
        rank = np.arange(1, len(ordered) + 1) / len(ordered)
        band = np.where(rank <= 0.05, 2, np.where(rank <= 0.20, 1, 0))
    return pd.Series(band, index=ordered.index).reindex(revenue.index)


def test_committed_files_are_reproducible(tmp_path: Path) -> None:
    """Regenerating with the defaults gives byte-identical files to data/voorbeeld."""
    written = write_sample(generate_sample(), tmp_path)
    assert [p.name for p in written] == list(FILES)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (COMMITTED / name).read_bytes(), name


def test_committed_next_quarter_is_reproducible(tmp_path: Path) -> None:
    """`make sample` writes the same company a quarter later, byte for byte as committed."""
    path = write_next_quarter(generate_sample().customers, tmp_path, seed=2027)
    assert path.read_bytes() == (COMMITTED / NEXT_QUARTER_FILE).read_bytes()
    later = pd.read_csv(path, dtype={"customer_id": str})
    before = pd.read_csv(COMMITTED / "klanten.csv", dtype={"customer_id": str})
    assert later.columns.tolist() == before.columns.tolist()
    new = later[~later["customer_id"].isin(before["customer_id"])]
    assert len(new) == 2 and new.drop(columns="hours").notna().all().all()  # a full row
    assert before["customer_id"].iloc[0] in set(later["customer_id"])  # the largest stays


LARGE = REPO_ROOT / "data" / "voorbeeld_groot"


def test_committed_large_sample_is_reproducible_and_a_real_companys_size(tmp_path: Path) -> None:
    """`make sample` writes data/voorbeeld_groot byte for byte as committed: 400 customers of
    four account managers, each with a portfolio of their own, invoice lines and hours."""
    written = main(["--out", str(tmp_path), "--customers", "400"])
    for path in written:
        assert path.read_bytes() == (LARGE / path.name).read_bytes(), path.name
    customers = pd.read_csv(LARGE / "klanten.csv", dtype={"customer_id": str})
    assert len(customers) == 400 and customers["customer_id"].is_unique
    portfolios = customers["account_manager"].value_counts()
    assert sorted(portfolios.index) == ["An", "Jonas", "Pieter", "Sofie"]
    assert portfolios.min() >= 50
    assert customers["hours"].notna().mean() > 0.8
    lines = pd.read_csv(LARGE / "factuurlijnen.csv", dtype={"customer_id": str})
    assert set(lines["customer_id"]) == set(customers["customer_id"])


def test_main_writes_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The command line writes the four files and prints their paths."""
    written = main(["--out", str(tmp_path / "out"), "--customers", "30", "--seed", "7"])
    assert [p.name for p in written] == [*FILES, NEXT_QUARTER_FILE]
    printed = capsys.readouterr().out.splitlines()
    assert printed == [str(p) for p in written]
    raw = written[0].read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in raw


def test_columns_and_types(sample: SampleData) -> None:
    """Tables have the documented columns, in order, with text ids."""
    assert tuple(sample.customers.columns) == CUSTOMER_COLUMNS
    assert tuple(sample.invoice_lines.columns) == INVOICE_LINE_COLUMNS
    assert sorted(sample.answers) == ["An", "Pieter"]
    for sheet in sample.answers.values():
        assert tuple(sheet.columns) == ANSWER_COLUMNS
        assert sheet["customer_id"].tolist() == sample.customers["customer_id"].tolist()
    assert pd.api.types.is_string_dtype(sample.customers["customer_id"])
    assert pd.api.types.is_string_dtype(sample.invoice_lines["customer_id"])
    assert sample.customers["hours"].isna().any()
    assert sample.customers["days_to_pay"].isna().any()


def test_revenue_equals_last_year_invoice_lines(sample: SampleData) -> None:
    """Revenue equals the sum of the customer's year-1 invoice lines, to the cent."""
    lines = sample.invoice_lines
    last_year = lines[lines["invoice_date"].str.startswith("2025-")]
    cents = (last_year["amount"] * 100).round().astype("int64")
    per_customer = cents.groupby(last_year["customer_id"]).sum()
    revenue_cents = (sample.customers.set_index("customer_id")["revenue"] * 100).round()
    assert (
        per_customer.reindex(revenue_cents.index).tolist() == revenue_cents.astype("int64").tolist()
    )
    sums = last_year.groupby("customer_id")["amount"].sum().round(2)
    customers = sample.customers.set_index("customer_id")
    assert (sums.reindex(customers.index) == customers["revenue"]).all()
    assert (customers["revenue"] > 0).all()
    assert set(lines["invoice_date"].str[:4]) == {"2024", "2025"}


def test_credit_notes_are_negative(sample: SampleData) -> None:
    """Credit notes exist, are a few percent of the lines and are negative."""
    lines = sample.invoice_lines
    credit = lines["invoice_number"].str.startswith("C")
    assert 0.01 <= credit.mean() <= 0.08
    assert (lines.loc[credit, "amount"] < 0).all()
    assert (lines.loc[~credit, "amount"] > 0).all()
    assert lines["invoice_number"].str.fullmatch(r"[FC]20(24|25)-\d{5}").all()
    assert (lines["amount"] == lines["amount"].round(2)).all()


def test_ids_and_names_unique(sample: SampleData) -> None:
    """Customer ids are unique text with some leading zeros; names are unique."""
    customers = sample.customers
    ids = customers["customer_id"]
    assert ids.is_unique
    assert ids.str.fullmatch(r"\d{5}").all()
    assert ids.str.startswith("0").sum() >= 3
    assert customers["name"].is_unique
    names = dict(zip(customers["customer_id"], customers["name"], strict=True))
    lines = sample.invoice_lines
    assert (lines["customer_id"].map(names) == lines["customer_name"]).all()


def test_names_unique_for_large_n() -> None:
    """Names stay unique for many customers (town and number suffixes)."""
    customers = generate_sample(5000).customers
    assert customers["name"].is_unique
    assert customers["customer_id"].is_unique
    assert customers["name"].str.contains(r" \(", regex=True).any()


def test_sorted_by_revenue(sample: SampleData) -> None:
    """Customers are sorted by revenue descending."""
    assert sample.customers["revenue"].is_monotonic_decreasing


def test_pareto_distribution(sample: SampleData) -> None:
    """The largest 20% of customers have 65-90% of revenue."""
    revenue = sample.customers["revenue"].sort_values(ascending=False)
    top = round(0.2 * len(revenue))
    share = revenue.iloc[:top].sum() / revenue.sum()
    assert 0.65 <= share <= 0.90


def test_participants_disagree_a_little(sample: SampleData) -> None:
    """An and Pieter disagree on 3-8 customers and each leaves a few unknowns."""
    an = _to_numbers(sample.answers["An"])
    pieter = _to_numbers(sample.answers["Pieter"])
    conflict = ((an >= 0) & (pieter >= 0) & (an != pieter)).any(axis=1)
    assert 3 <= conflict.sum() <= 8
    assert 3 <= (an != pieter).any(axis=1).sum() <= 8
    for sheet in (an, pieter):
        assert 2 <= (sheet == -1).to_numpy().sum() <= 12


def test_answers_have_typed_variants(sample: SampleData) -> None:
    """Answers are text with several spreadsheet-style variants."""
    seen: set[str] = set()
    for sheet in sample.answers.values():
        seen |= set(sheet[list(QUESTION_COLUMNS)].to_numpy().ravel().tolist())
    assert seen <= YES | NO | UNKNOWN
    assert {"ja", "nee", "", "?"} <= seen
    assert len(seen & YES) >= 4
    assert len(seen & NO) >= 3


def test_answers_follow_data(sample: SampleData) -> None:
    """Known cashflow answers mostly match days_to_pay <= 30."""
    an = _to_numbers(sample.answers["An"])
    days = sample.customers.set_index("customer_id")["days_to_pay"]
    known = (an["cashflow"] >= 0) & days.notna()
    agree = (an.loc[known, "cashflow"] == (days[known] <= 30).astype(int)).mean()
    assert agree >= 0.85


@pytest.mark.parametrize("method", ["cumulative", "count"])
@pytest.mark.parametrize("participant", ["An", "Pieter"])
def test_all_segments_occur(sample: SampleData, method: str, participant: str) -> None:
    """With bands 80/15/5 and the default grid, segments A, B and C all occur."""
    customers = sample.customers.set_index("customer_id")
    band = _bands(customers["revenue"], method)
    yes = (_to_numbers(sample.answers[participant]) == 1).sum(axis=1)
    points = 2 * band + yes.reindex(customers.index)
    segment = np.where(points >= 6, "A", np.where(points >= 4, "B", "C"))
    assert set(segment) == {"A", "B", "C"}


def test_revenue_changes_between_years(sample: SampleData) -> None:
    """Some customers changed a lot between the two years, some are new."""
    lines = sample.invoice_lines
    year = lines["invoice_date"].str[:4]
    totals = lines.groupby([lines["customer_id"], year])["amount"].sum().unstack(fill_value=0.0)
    assert (totals["2024"] == 0).any()
    ratio = totals["2025"] / totals["2024"].where(totals["2024"] > 0)
    assert ((ratio > 2) | (ratio < 0.5)).sum() >= 2


def test_deterministic_and_seed_dependent() -> None:
    """generate_sample(5000) is deterministic and a different seed differs."""
    first = generate_sample(5000)
    second = generate_sample(5000)
    assert_frame_equal(first.customers, second.customers)
    assert_frame_equal(first.invoice_lines, second.invoice_lines)
    for name in first.answers:
        assert_frame_equal(first.answers[name], second.answers[name])
    other = generate_sample(5000, seed=1)
    assert not first.customers.equals(other.customers)
    assert not first.invoice_lines.equals(other.invoice_lines)


def test_year_and_line_volume() -> None:
    """The year parameter moves the dates and lines_per_customer_per_year scales lines."""
    data = generate_sample(200, year=2030, lines_per_customer_per_year=40)
    lines = data.invoice_lines
    assert set(lines["invoice_date"].str[:4]) == {"2028", "2029"}
    assert lines["invoice_number"].str[1:5].isin(["2028", "2029"]).all()
    assert 30 * 2 * 200 <= len(lines) <= 50 * 2 * 200
    assert lines["invoice_date"].is_monotonic_increasing
    weekday = pd.to_datetime(lines["invoice_date"]).dt.day_of_week
    assert (weekday < 5).all()


def test_too_few_customers_rejected() -> None:
    """Fewer than 10 customers is an error."""
    with pytest.raises(ValueError, match="at least 10"):
        generate_sample(5)


def test_each_participant_marks_three_of_their_own_customers_as_favourite(
    sample: SampleData,
) -> None:
    """An's taste puts favourites in small customers she visits a lot, Pieter's in the ones he
    spends the most hours on; both only among the customers they manage."""
    customers = sample.customers.set_index("customer_id")
    for name, sheet in sample.answers.items():
        marked = sheet.loc[sheet["favoriet"] == "ja", "customer_id"]
        assert len(marked) == 3
        assert set(sheet["favoriet"]) == {"ja", ""}
        assert (customers.loc[marked, "account_manager"] == name).all()
    an = sample.answers["An"].set_index("customer_id")["favoriet"] == "ja"
    pieter = sample.answers["Pieter"].set_index("customer_id")["favoriet"] == "ja"
    per_euro = customers["hours"] / customers["revenue"]
    assert per_euro[an].min() > per_euro[~an & (customers["account_manager"] == "An")].max()
    hours = customers["hours"]
    assert hours[pieter].min() > hours[~pieter & (customers["account_manager"] == "Pieter")].max()
