"""Sums to the cent: invoice lines added up exactly and rounded once, half up."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klantlib.core.amounts import cents_half_up, to_units
from klantlib.ingest.loading import load_customers


def write_lines(path: Path, amounts: list[str]) -> Path:
    rows = [
        f"F{i},2025-03-{1 + i % 28:02d},C{i % 2},Klant {i % 2},{a}" for i, a in enumerate(amounts)
    ]
    path.write_text("\n".join(["Factuur,Datum,Klantnr,Klant,Bedrag", *rows]) + "\n", "utf-8")
    return path


def half_up(total: Decimal) -> float:
    return float(total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def test_a_customer_whose_lines_add_up_to_a_half_cent_gets_it_rounded_up(tmp_path):
    """0.005 + 0.10 + 0.10 is 0.205: 0.21, not the 0.20 a float sum and round gives."""
    path = write_lines(tmp_path / "lijnen.csv", ["0.005", "1", "0.10", "1", "0.10", "1"])
    table, _ = load_customers(path, year=2025)
    assert table.set_index("customer_id")["revenue"].to_dict() == {"C0": 0.21, "C1": 3.0}


def test_single_amounts_with_a_half_cent_round_up(tmp_path):
    """A customer list with 10.125 and 2.675: 10.13 and 2.68 (floats would give 10.12, 2.67)."""
    path = tmp_path / "klanten.csv"
    path.write_text("Klantnr,Klant,Omzet\n1,Een,10.125\n2,Twee,2.675\n3,Drie,-1.005\n", "utf-8")
    table, _ = load_customers(path, number_style="dot")  # three decimals: the style is said
    assert table.set_index("customer_id")["revenue"].to_dict() == {
        "1": 10.13,
        "2": 2.68,
        "3": -1.01,
    }


def test_rounding_is_half_away_from_zero():
    units = to_units(np.array([10.125, 2.675, -10.125, 0.004, 0.005, -0.005]))
    assert cents_half_up(units).tolist() == [10.13, 2.68, -10.13, 0.0, 0.01, -0.01]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    thousandths=st.lists(st.integers(-(10**9), 10**9), min_size=2, max_size=40),
    slice_bytes=st.integers(64, 4096),
)
def test_every_customer_is_the_exact_sum_rounded_once(tmp_path, thousandths, slice_bytes):
    """Amounts with three decimals, read in any slicing: each customer's revenue is the exact
    decimal sum of its lines, rounded once to the cent, half up."""
    amounts = [str(Decimal(t) / 1000) for t in thousandths]
    path = write_lines(tmp_path / "lijnen.csv", amounts)
    table, _ = load_customers(
        path, year=2025, number_style="dot", slice_bytes=slice_bytes, progress=False
    )
    expected = {
        f"C{c}": half_up(sum((Decimal(a) for i, a in enumerate(amounts) if i % 2 == c), Decimal(0)))
        for c in (0, 1)
    }
    assert table.set_index("customer_id")["revenue"].to_dict() == expected
