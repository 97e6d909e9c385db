"""Column words that Benelux and English-language packages write, and VAT kept out."""

from __future__ import annotations

from pathlib import Path

import pytest

from klantlib.i18n import text
from klantlib.ingest.columns import normalise_header, recognise_columns
from klantlib.ingest.loading import load_customers


@pytest.mark.parametrize(
    "headers, expected",
    [
        (
            ["DebiteurCode", "DebiteurOmschrijving", "Omzet"],
            {"customer_id": "DebiteurCode", "name": "DebiteurOmschrijving", "revenue": "Omzet"},
        ),
        (
            ["Debiteurnummer", "Naam debiteur", "Bedrag excl. btw"],
            {
                "customer_id": "Debiteurnummer",
                "name": "Naam debiteur",
                "revenue": "Bedrag excl. btw",
            },
        ),
        (
            ["N° client", "Nom du client", "Chiffre d'affaires", "Date facture"],
            {
                "customer_id": "N° client",
                "name": "Nom du client",
                "revenue": "Chiffre d'affaires",
                "date": "Date facture",
            },
        ),
        (
            ["Kundennummer", "Kunde", "Nettobetrag", "Rechnungsdatum"],
            {
                "customer_id": "Kundennummer",
                "name": "Kunde",
                "revenue": "Nettobetrag",
                "date": "Rechnungsdatum",
            },
        ),
        (
            ["Billing Name", "Net amount"],
            {"name": "Billing Name", "revenue": "Net amount"},
        ),
        (["ContactName", "Total"], {"name": "ContactName", "revenue": "Total"}),
        (["Client", "Montant HTVA", "Montant TVAC"], {"name": "Client", "revenue": "Montant HTVA"}),
    ],
)
def test_package_words_are_recognised(headers, expected):
    """Exact-style, French, German and English columns map to the kit's fields."""
    assert recognise_columns(headers).fields == expected


def test_camel_case_headers_read_as_words():
    assert normalise_header("DebiteurOmschrijving") == "debiteur omschrijving"
    assert normalise_header("BTWNummer") == "btw nummer"


def test_the_amount_without_vat_wins_over_the_total(tmp_path):
    """An invoice list with Tax Excluded and Total (incl. VAT): the revenue is without VAT."""
    path = tmp_path / "facturen.csv"
    path.write_text(
        "Number,Customer,Date,Tax Excluded,Total\n"
        "F1,Alpha,2025-01-02,100.00,121.00\n"
        "F2,Alpha,2025-02-02,50.00,60.50\n"
        "F3,Beta,2025-03-02,10.00,12.10\n",
        encoding="utf-8",
    )
    table, report = load_customers(path, year=2025)
    assert report.columns["revenue"] == "Tax Excluded"
    assert table.set_index("name")["revenue"].to_dict() == {"Alpha": 150.0, "Beta": 10.0}
    assert not report.revenue_may_include_vat
    for untaxed in ("Untaxed Amount", "Subtotal", "Net amount"):
        path.write_text(
            f"Customer,{untaxed},Total\nAlpha,100.00,121.00\nBeta,10.00,12.10\n", "utf-8"
        )
        assert load_customers(path)[1].columns["revenue"] == untaxed


def test_a_plain_total_alone_is_used_and_the_report_says_it_may_hold_vat(tmp_path):
    path = tmp_path / "facturen.csv"
    path.write_text("Customer,Total\nAlpha,121.00\nBeta,12.10\n", encoding="utf-8")
    table, report = load_customers(path)
    assert report.revenue_may_include_vat
    assert text("load.maybe_vat", "nl", column="Total") in report.lines("nl")
    assert text("load.maybe_vat", "en", column="Total") in report.lines("en")


def test_a_contact_person_is_not_the_customer(tmp_path: Path):
    assert recognise_columns(["Klant", "Contactpersoon", "Omzet"]).fields["name"] == "Klant"
    assert recognise_columns(["Customer", "Contact name", "Sales"]).fields["name"] == "Customer"


def test_an_order_or_line_number_is_never_the_customer_id():
    """Order ID, Row ID, Transaction ID: one per line, not per customer."""
    for header in ("Order ID", "Row ID", "Transaction ID", "Payment ID", "Bestelnummer"):
        fields = recognise_columns([header, "Customer Name", "Sales"]).fields
        assert "customer_id" not in fields, header


def test_lines_with_quantity_and_unit_price_but_no_total_are_multiplied(tmp_path):
    """Invoice lines with Aantal and Eenheidsprijs only: each line is their product, exactly,
    and the report says so."""
    path = tmp_path / "lijnen.csv"
    path.write_text(
        "Factuurdatum;Klant;Artikel;Aantal;Eenheidsprijs\n"
        "02/01/2025;Alpha;Bloem;3;19,99\n"
        "15/01/2025;Alpha;Pot;2;0,335\n"
        "16/01/2025;Beta;Bloem;1;19,99\n"
        "17/01/2025;Beta;Korting;-1;5,00\n",
        encoding="utf-8",
    )
    table, report = load_customers(path, year=2025, number_style="comma")
    assert table.set_index("name")["revenue"].to_dict() == {"Alpha": 60.64, "Beta": 14.99}
    assert report.revenue_from_quantity
    assert text("load.from_quantity", "en") in report.lines("en")


def test_a_revenue_column_wins_over_quantity_and_price():
    fields = recognise_columns(["Klant", "Aantal", "Eenheidsprijs", "Bedrag"]).fields
    assert fields["revenue"] == "Bedrag"
