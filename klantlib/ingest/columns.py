"""Recognising what each column of an export holds, from its header, in Dutch or English.

Accounting and CRM packages name their columns in many ways (``Klantnr``, ``Relatienummer``,
``Omzet 2025 excl. btw``, ``Customer name``). This module maps headers to the kit's fields,
finds the header row below any title rows, and says precisely what it cannot decide.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from klantlib.errors import InputError, Notice

__all__ = [
    "FIELDS",
    "ColumnMap",
    "find_header_row",
    "may_include_vat",
    "normalise_header",
    "recognise_columns",
    "recognise_line_columns",
]

# field -> header words that name it. A header that IS one of these (after normalising) is a
# sure match; a header that CONTAINS one as whole words is a likely match.
FIELDS: dict[str, tuple[str, ...]] = {
    "customer_id": (
        "klantnr",
        "klantnummer",
        "klant nr",
        "klant id",
        "klantcode",
        "klantid",
        "relatienummer",
        "relatienr",
        "relatie nr",
        "relatiecode",
        "debiteurnummer",
        "debiteurnr",
        "debiteur nr",
        "debiteurcode",
        "code",
        "id",
        "nr",
        "nummer",
        "customer id",
        "customer number",
        "customer no",
        "customer code",
        "client id",
        "client number",
        "client code",
        "account number",
        "account id",
        # Exact, AccountView, Yuki and other Benelux packages; French and German; English
        "debiteur code",
        "klant code",
        "relatie code",
        "numero client",
        "n client",
        "no client",
        "code client",
        "kundennummer",
        "kunden nr",
        "kundennr",
        "debitornummer",
        "debitor nr",
        "debitorennummer",
        "customer ref",
        "contact id",
    ),
    "name": (
        "klant",
        "klantnaam",
        "klant naam",
        "relatie",
        "relatienaam",
        "naam",
        "debiteur",
        "debiteurnaam",
        "bedrijf",
        "bedrijfsnaam",
        "firma",
        "firmanaam",
        "organisatie",
        "customer",
        "customer name",
        "client",
        "client name",
        "company",
        "company name",
        "account",
        "account name",
        "name",
        "organisation",
        "organization",
        "debiteur omschrijving",
        "naam debiteur",
        "debiteur naam",
        "naam klant",
        "klant omschrijving",
        "relatie omschrijving",
        "nom du client",
        "nom client",
        "raison sociale",
        "kunde",
        "kundenname",
        "debitor",
        "debitorname",
        "firmenname",
        "billing name",
        "bill to",
        "sold to",
        "contact",
    ),
    "revenue": (
        "omzet",
        "jaaromzet",
        "omzet excl btw",
        "bedrag",
        "bedrag excl btw",
        "totaal",
        "totaal excl btw",
        "excl btw",
        "netto",
        "netto bedrag",
        "nettobedrag",
        "maatstaf van heffing",
        "revenue",
        "sales",
        "turnover",
        "amount",
        "net amount",
        "total",
        "total excl vat",
        "excl vat",
        "net sales",
        "net revenue",
        "tax excluded",
        "untaxed amount",
        "amount untaxed",
        "subtotal",
        "amount excl tax",
        "total excl tax",
        "excluding tax",
        "chiffre d affaires",
        "montant htva",
        "montant hors tva",
        "montant ht",
        "total htva",
        "umsatz",
        "nettobetrag",
        "netto betrag",
        "nettoumsatz",
        "bedrag exclusief btw",
    ),
    "date": (
        "factuurdatum",
        "datum",
        "boekdatum",
        "documentdatum",
        "date",
        "invoice date",
        "document date",
        "posting date",
        "date facture",
        "date de facture",
        "datum factuur",
        "rechnungsdatum",
        "belegdatum",
        "order date",
    ),
    "invoice_number": (
        "factuurnummer",
        "factuurnr",
        "factuur nr",
        "factuur",
        "documentnummer",
        "document nr",
        "boekstuknummer",
        "invoice number",
        "invoice no",
        "invoice",
        "document number",
    ),
    "potential_revenue": (
        "potentieel",
        "potentiele omzet",
        "potentiële omzet",
        "omzetpotentieel",
        "potential",
        "potential revenue",
        "potential sales",
    ),
    "gross_margin": ("brutomarge", "marge", "bruto marge", "gross margin", "margin"),
    "hours": ("uren", "aantal uren", "tijd uren", "hours", "time spent", "hours spent"),
    "days_to_pay": (
        "betaaltermijn",
        "betaaldagen",
        "dagen tot betaling",
        "gemiddelde betaaltermijn",
        "dso",
        "days to pay",
        "payment days",
        "average days to pay",
    ),
    "quantity": (
        "aantal",
        "hoeveelheid",
        "aantal stuks",
        "qty",
        "quantity",
        "quantite",
        "menge",
        "anzahl",
    ),
    "unit_price": (
        "eenheidsprijs",
        "prijs per stuk",
        "stukprijs",
        "prijs per eenheid",
        "verkoopprijs",
        "unit price",
        "price each",
        "unitprice",
        "prix unitaire",
        "einzelpreis",
        "stuckpreis",
    ),
    "status": (
        "status",
        "state",
        "payment status",
        "order status",
        "invoice status",
        "financial status",
        "betaalstatus",
        "factuurstatus",
        "statut",
        "etat",
        "zahlungsstatus",
    ),
    "currency": (
        "currency",
        "currency code",
        "valuta",
        "munt",
        "munteenheid",
        "devise",
        "wahrung",
        "waehrung",
    ),
    "account_manager": (
        "accountmanager",
        "account manager",
        "verkoper",
        "vertegenwoordiger",
        "sales rep",
        "salesperson",
        "owner",
    ),
}

# Words that rule a header out for a field, however much else fits: a VAT amount or a total
# including VAT is never revenue; a contact person's name is not the customer's name.
_EXCLUDED: dict[str, tuple[str, ...]] = {
    "revenue": (
        "incl",
        "inclusief",
        "btw bedrag",
        "vat amount",
        "potentieel",
        "potential",
        "marge",
        "margin",
        "btw",
        "vat",
    ),
    "name": (
        "contactpersoon",
        "contact person",
        "verkoper",
        "manager",
        "accountmanager",
        "straat",
        "adres",
        "email",
        "e mail",
        "gemeente",
        "stad",
        "city",
        "address",
    ),
    "customer_id": (
        "btw",
        "vat",
        "ondernemingsnummer",
        "postcode",
        "factuur",
        "invoice",
        "document",
        "order",
        "bestelling",
        "bestel",
        "transaction",
        "transactie",
        "payment",
        "betaling",
        "product",
        "artikel",
        "item",
        "sku",
        "row",
        "line",
        "lijn",
        "telefoon",
        "phone",
    ),
}
# "excl btw" inside a revenue header overrides the "btw" exclusion above.
_REVENUE_EXCL = (
    "excl",
    "exclusief",
    "zonder btw",
    "excl vat",
    "excluding",
    "excluded",
    "untaxed",
    "htva",
    "hors tva",
)

REQUIRED_FIELDS = ("name", "revenue")

# Headers so general that a more specific one beats them ("Code" loses to "Klantnummer").
_GENERIC = {
    "contact",
    "code",
    "id",
    "nr",
    "nummer",
    "naam",
    "name",
    "bedrag",
    "totaal",
    "amount",
    "total",
    "datum",
    "date",
    "account",
    "relatie",
    "debiteur",
    "factuur",
    "invoice",
}


# Revenue headers that say nothing about VAT: the amount may include it.
_VAT_SILENT = {"totaal", "total", "bedrag", "amount", "total amount", "totaalbedrag", "montant",
               "betrag", "gesamtbetrag", "grand total"}  # fmt: skip


def may_include_vat(header: str) -> bool:
    """Whether a revenue column's header leaves open that its amounts include VAT (a plain
    ``Total`` or ``Bedrag``): the report then says so, for the team to check."""
    return normalise_header(header) in _VAT_SILENT


def normalise_header(header: object) -> str:
    """Lower case, accents off, punctuation and years out, single spaces: ``omzet excl btw``."""
    text = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode()
    # CamelCase as some packages write it: "DebiteurOmschrijving" is "debiteur omschrijving"
    text = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", text)
    text = text.casefold().replace("_", " ")
    text = re.sub(r"\b(19|20)\d{2}\b", " ", text)  # "Omzet 2025" is still "omzet"
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def _contains(haystack: str, needle: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])", haystack) is not None


def _score(field_name: str, header: str) -> int:
    """3 for a sure match, 2 for a general word alone, 1 for a likely match, 0 for none."""
    if not header:
        return 0
    excluded = _EXCLUDED.get(field_name, ())
    if field_name == "revenue" and any(_contains(header, w) for w in _REVENUE_EXCL):
        excluded = tuple(w for w in excluded if w not in ("btw", "vat"))
        if any(_contains(header, w) for w in ("incl", "inclusief")):
            return 0
    if any(_contains(header, word) for word in excluded):
        return 0
    synonyms = FIELDS[field_name]
    if header in synonyms:
        return 2 if header in _GENERIC else 3
    return 1 if any(_contains(header, s) for s in synonyms) else 0


@dataclass(frozen=True)
class ColumnMap:
    """Which header holds each field; ``unused`` lists the headers no field took."""

    fields: dict[str, str]
    unused: list[str] = field(default_factory=list)

    def __contains__(self, field_name: str) -> bool:
        return field_name in self.fields

    def __getitem__(self, field_name: str) -> str:
        return self.fields[field_name]

    def get(self, field_name: str, default: str | None = None) -> str | None:
        """The header of ``field_name``, or ``default`` when no header names it."""
        return self.fields.get(field_name, default)


def recognise_line_columns(
    headers: Sequence[object],
    overrides: Mapping[str, str] | None = None,
    *,
    year: int | None = None,
) -> ColumnMap:
    """:func:`recognise_columns`, where a file without a revenue column may have a quantity
    and a unit price instead (invoice lines as some packages write them: the line's amount is
    quantity × unit price)."""
    try:
        return recognise_columns(headers, overrides, year=year)
    except InputError:
        found = recognise_columns(headers, overrides, required=("name",), year=year)
        if "revenue" in found or not ("quantity" in found and "unit_price" in found):
            raise
        return found


def recognise_columns(
    headers: Sequence[object],
    overrides: Mapping[str, str] | None = None,
    *,
    required: Sequence[str] = REQUIRED_FIELDS,
    year: int | None = None,
) -> ColumnMap:
    """Map each field to the one header that names it; ``overrides`` (field -> header) win.

    For each field the best-scoring header wins; a sure match beats a likely one. Two headers
    with the same best score for one field are an error listing both and how to choose
    (``--column FIELD=HEADER``). A required field no header names is an error listing the
    headers that are there. A header serves one field only: the id before the name (so
    ``Klantnr`` is never taken for the name ``Klant``). With ``year``, a tie between headers
    that differ by year (``Omzet 2024``, ``Omzet 2025``) goes to the one naming that year.
    """
    names = [str(h).strip() for h in headers]
    normalised = [normalise_header(h) for h in names]
    problems: list[Notice] = []
    chosen: dict[str, str] = {}
    taken: set[int] = set()
    undecided: set[str] = set()

    for field_name, header in (overrides or {}).items():
        if field_name not in FIELDS:
            problems.append(
                Notice("error.unknown_field", {"field": field_name, "fields": list(FIELDS)})
            )
        elif header.strip() not in names:
            problems.append(
                Notice(
                    "error.override_not_found",
                    {"field": field_name, "header": header, "present": names},
                )
            )
        else:
            chosen[field_name] = header.strip()
            taken.add(names.index(header.strip()))
    if problems:
        raise InputError(problems)

    for field_name in FIELDS:
        if field_name in chosen:
            continue
        scores = [(0 if i in taken else _score(field_name, h), i) for i, h in enumerate(normalised)]
        best = max((s for s, _ in scores), default=0)
        if best == 0:
            continue
        winners = [i for s, i in scores if s == best]
        if len(winners) > 1 and year is not None:
            of_year = [i for i in winners if str(year) in names[i]]
            winners = of_year if len(of_year) == 1 else winners
        if len(winners) > 1:
            undecided.add(field_name)
            problems.append(
                Notice(
                    "error.ambiguous_column",
                    {
                        "field": Notice(f"field.{field_name}"),
                        "field_code": field_name,
                        "headers": [names[i] for i in winners],
                        "example": names[winners[0]],
                    },
                )
            )
            continue
        chosen[field_name] = names[winners[0]]
        taken.add(winners[0])

    missing = [f for f in required if f not in chosen and f not in undecided]
    if missing:
        problems.append(
            Notice(
                "error.field_missing",
                {"fields": [Notice(f"field.{f}") for f in missing], "present": names},
            )
        )
    if problems:
        raise InputError(problems)
    unused = [h for i, h in enumerate(names) if i not in taken and h]
    return ColumnMap(dict(chosen), unused)


def find_header_row(
    rows: Sequence[Sequence[object]],
    overrides: Mapping[str, str] | None = None,
    *,
    look_at: int = 20,
) -> int:
    """The index of the header row among the first ``look_at`` rows (title rows above it).

    The header is the first row in which a revenue column and a name or id column are
    recognised in two different cells (a title like "Omzet per klant" is one cell). With none
    found, the first non-empty row is taken, so that the error about missing columns lists
    what that row holds.
    """
    first_filled = None
    for index, row in enumerate(rows[:look_at]):
        cells = [str(c).strip() for c in row if c is not None and str(c).strip() not in ("", "nan")]
        if not cells:
            continue
        if first_filled is None:
            first_filled = index
        if overrides and all(h.strip() in cells for h in overrides.values()):
            return index
        normalised = [normalise_header(c) for c in cells]
        revenue = {i for i, h in enumerate(normalised) if _score("revenue", h)}
        naming = {
            i for i, h in enumerate(normalised) if _score("name", h) or _score("customer_id", h)
        }
        if revenue and naming and len(revenue | naming) >= 2:
            return index
    return first_filled if first_filled is not None else 0
