"""The customer list as the team sees it: ranked, amounts and shares in their language."""

from __future__ import annotations

import pytest

from klantlib import customer_list_table, customer_table
from klantlib.reports.present import percent_text
from tests.conftest import customers_frame


def four_customers():
    """Revenues 50, 25, 25 (ids b and a) and -5, with an account manager."""
    return customer_table(
        customers_frame(
            [
                ("b", "Bakkerij", 25.0),
                ("c", "Café", -5.0),
                ("a", "Atelier", 25.0),
                ("d", "Dok", 50),
            ],
            account_manager=["An", "Pieter", "An", "Sofie"],
        )
    )


@pytest.mark.parametrize(
    ("lang", "headers"),
    [
        (
            "nl",
            [
                "nr.",
                "klantnr",
                "klant",
                "omzet",
                "aandeel omzet",
                "opgeteld aandeel",
                "accountmanager",
            ],
        ),
        (
            "en",
            [
                "no.",
                "customer id",
                "customer",
                "revenue",
                "share of revenue",
                "cumulative share",
                "account manager",
            ],
        ),
    ],
)
def test_headers_in_the_language_and_optional_columns_after(lang, headers):
    """Rank, id, name, revenue, share, running share, then the optional columns present."""
    html = customer_list_table(four_customers(), lang).to_html()
    for header in headers:
        assert f">{header}</th>" in html
    positions = [html.index(f">{header}</th>") for header in headers]
    assert positions == sorted(positions)


def test_rows_largest_first_with_money_and_shares_written_the_dutch_way():
    """Dok first (€ 50, 50,0%), ties by id, the credit-note customer last at 0,0% and 100,0%."""
    styler = customer_list_table(four_customers(), "nl")
    body = styler.to_html()
    for cell in (">Dok</td>", ">€ 50</td>", ">50,0%</td>", ">100,0%</td>", ">-€ 5</td>"):
        assert cell in body
    assert body.index(">Atelier<") < body.index(">Bakkerij<") < body.index(">Café<")
    assert list(styler.data["rank"]) == [1, 2, 3, 4]


def test_english_amounts():
    """€50 and 50.0% in English."""
    body = customer_list_table(four_customers(), "en").to_html()
    assert ">€50</td>" in body and ">50.0%</td>" in body


def test_long_lists_show_the_largest_and_say_so():
    """With a limit of 2, two rows and a caption naming how many customers there are."""
    styler = customer_list_table(four_customers(), "nl", limit=2)
    assert len(styler.data) == 2
    assert "De 2 grootste van 4 klanten; de andere staan niet in deze tabel." in styler.to_html()


def test_short_lists_have_no_caption():
    """All customers shown: no caption."""
    assert "<caption>" not in customer_list_table(four_customers(), "en").to_html()


@pytest.mark.parametrize(
    ("share", "lang", "expected"),
    [(0.2, "nl", "20"), (0.125, "nl", "12,5"), (0.125, "en", "12.5"), (1, "en", "100")],
)
def test_percent_text(share, lang, expected):
    """Whole percentages without decimals, others with one."""
    assert percent_text(share, lang) == expected
