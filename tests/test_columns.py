"""Recognising columns from their headers, in Dutch and English, and finding the header row."""

from __future__ import annotations

import pytest

from klantlib.errors import InputError
from klantlib.i18n import text
from klantlib.ingest.columns import find_header_row, normalise_header, recognise_columns


def fields(headers, overrides=None, **options):
    return recognise_columns(headers, overrides, **options).fields


def test_headers_are_compared_without_case_accents_punctuation_or_years():
    """'Omzet 2025 (excl. BTW)' reads as 'omzet excl btw'; 'Potentiële' as 'potentiele'."""
    assert normalise_header("Omzet 2025 (excl. BTW)") == "omzet excl btw"
    assert normalise_header("  Potentiële_omzet ") == "potentiele omzet"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["Klantnr", "Klant", "Omzet 2025 (excl. btw)", "Postcode", "BTW-nummer"],
            {"customer_id": "Klantnr", "name": "Klant", "revenue": "Omzet 2025 (excl. btw)"},
        ),
        (
            ["Relatienummer", "Relatie", "Jaaromzet"],
            {"customer_id": "Relatienummer", "name": "Relatie", "revenue": "Jaaromzet"},
        ),
        (
            ["Customer ID", "Customer", "Revenue", "Contact name"],
            {"customer_id": "Customer ID", "name": "Customer", "revenue": "Revenue"},
        ),
        (["Company", "Sales", "Region"], {"name": "Company", "revenue": "Sales"}),
        (["client", "turnover"], {"name": "client", "revenue": "turnover"}),
        (["Naam", "Totaal"], {"name": "Naam", "revenue": "Totaal"}),
    ],
)
def test_customer_list_headers_in_dutch_and_english(headers, expected):
    """Common customer-list headers map to id, name and revenue; other columns are ignored."""
    assert fields(headers) == expected


def test_invoice_lines_take_the_amount_excluding_vat():
    """Of 'Bedrag excl. BTW', 'BTW' and 'Totaal incl. BTW' only the first is revenue."""
    headers = [
        "Code",
        "Klantnummer",
        "Naam",
        "Bedrag excl. BTW",
        "BTW",
        "Totaal incl. BTW",
        "Factuurdatum",
        "Factuurnr",
    ]
    assert fields(headers) == {
        "customer_id": "Klantnummer",
        "name": "Naam",
        "revenue": "Bedrag excl. BTW",
        "date": "Factuurdatum",
        "invoice_number": "Factuurnr",
    }


def test_optional_columns_are_recognised():
    """Margin, hours, days to pay, potential and account manager are found by their names."""
    assert fields(
        ["klant", "omzet", "Brutomarge", "Uren", "Betaaltermijn", "Potentieel", "Verkoper"]
    ) == {
        "name": "klant",
        "revenue": "omzet",
        "gross_margin": "Brutomarge",
        "hours": "Uren",
        "days_to_pay": "Betaaltermijn",
        "potential_revenue": "Potentieel",
        "account_manager": "Verkoper",
    }


def test_two_candidates_for_revenue_are_listed_with_how_to_choose():
    """'Omzet 2024' and 'Omzet 2025': one message naming both and the --column option."""
    with pytest.raises(InputError) as caught:
        fields(["Klant", "Omzet 2024", "Omzet 2025"])
    assert caught.value.message("en") == text(
        "error.ambiguous_column",
        "en",
        field=text("field.revenue", "en"),
        headers="Omzet 2024, Omzet 2025",
        field_code="revenue",
        example="Omzet 2024",
    )


def test_the_year_settles_a_tie_between_year_columns():
    """With year 2025, 'Omzet 2025' is the revenue column."""
    assert fields(["Klant", "Omzet 2024", "Omzet 2025"], year=2025)["revenue"] == "Omzet 2025"


def test_an_override_wins_and_must_exist():
    """--column revenue=... picks that header; a header that is not there is named."""
    assert fields(["Klant", "Omzet 2024", "Omzet 2025"], {"revenue": "Omzet 2024"}) == {
        "name": "Klant",
        "revenue": "Omzet 2024",
    }
    with pytest.raises(InputError) as caught:
        fields(["Klant", "Omzet"], {"revenue": "Bedrag"})
    assert caught.value.message("nl") == text(
        "error.override_not_found", "nl", header="Bedrag", field="revenue", present="Klant, Omzet"
    )


def test_missing_revenue_lists_the_columns_present():
    """No revenue column: the message lists what is there and how to point to it."""
    with pytest.raises(InputError) as caught:
        fields(["Relatie", "Adres", "Gemeente"])
    # literal on purpose: the wording is what the user reads
    assert caught.value.message("nl") == (
        "Geen kolom gevonden voor: omzet. Aanwezige kolommen: Relatie, Adres, Gemeente. Geef de"
        ' juiste kolom aan met --column, bv. --column revenue="Bedrag".'
    )


def test_unknown_field_in_an_override_lists_the_fields():
    """--column turnover=... is refused with the fields the kit knows."""
    with pytest.raises(InputError) as caught:
        fields(["Klant", "Omzet"], {"turnover": "Omzet"})
    notice = caught.value.notice
    assert notice.key == "error.unknown_field"
    assert notice.params["field"] == "turnover"
    assert notice.params["fields"][:3] == ["customer_id", "name", "revenue"]


def test_header_row_is_found_below_title_rows():
    """Two title rows and a blank row above the header: the header is row index 3."""
    rows = [
        ["Omzetrapport 2025", None],
        ["Gegenereerd op 3/1/2026"],
        [],
        ["Klantnr", "Naam", "Omzet"],
        ["1", "a", "5"],
    ]
    assert find_header_row(rows) == 3


def test_without_a_recognisable_header_the_first_filled_row_is_taken():
    """No row looks like a header: the first non-empty row, so errors list its cells."""
    assert find_header_row([[], ["a", "b"], ["c", "d"]]) == 1
