"""Deterministic generator of fictional sample data for the workshop.

The fictional company is *Verbeke Grootkeukens bv*, a Flemish SME that sells and services
professional kitchen equipment (ovens, dishwashers, cooling) for bakeries, butchers,
restaurants, hotels, caterers and care homes. Every name and number is made up.

:func:`generate_sample` returns three kinds of tables:

* ``customers``: one row per customer with revenue, potential, gross margin, hours,
  days to pay and account manager;
* ``invoice_lines``: invoice and credit-note lines over the two last full years
  (``year - 2`` and ``year - 1``); a customer's ``revenue`` is exactly the sum of its
  lines dated in ``year - 1``;
* ``answers``: the four yes/no questions (marge, cashflow, innovatie, netwerk) as two
  participants ("An" and "Pieter") typed them in a spreadsheet.

The same arguments always give the same output: all randomness comes from
``numpy.random.default_rng(seed)``. Generation is vectorised, so a large sample (tens of
thousands of customers, millions of invoice lines) takes seconds.

Regenerate the committed sample with ``python -m klantlib.sample --out data/voorbeeld``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd

__all__ = [
    "ANSWER_COLUMNS",
    "CUSTOMER_COLUMNS",
    "INVOICE_LINE_COLUMNS",
    "PARTICIPANTS",
    "SampleData",
    "generate_sample",
    "main",
    "next_quarter",
    "write_next_quarter",
    "write_sample",
]

CUSTOMER_COLUMNS: tuple[str, ...] = (
    "customer_id",
    "name",
    "revenue",
    "potential_revenue",
    "gross_margin",
    "hours",
    "days_to_pay",
    "account_manager",
)
INVOICE_LINE_COLUMNS: tuple[str, ...] = (
    "invoice_number",
    "invoice_date",
    "customer_id",
    "customer_name",
    "amount",
)
QUESTION_COLUMNS: tuple[str, ...] = ("marge", "cashflow", "innovatie", "netwerk")
ANSWER_COLUMNS: tuple[str, ...] = ("customer_id", *QUESTION_COLUMNS, "favoriet")
PARTICIPANTS: tuple[str, ...] = ("An", "Pieter")
FAVOURITES_EACH = 3
"""How many favourites each participant marks, among the customers they manage."""
FAVOURITE_TASTE: dict[str, str] = {"An": "hours_per_euro", "Pieter": "hours"}
"""What makes a favourite: An likes the customers she visits most for what they buy (so the
matrix can show a favourite in C), Pieter the ones he spends the most hours on."""

ACCOUNT_MANAGERS: tuple[str, ...] = ("An", "Pieter", "Sofie", "Jonas")
ACCOUNT_MANAGER_WEIGHTS: tuple[float, ...] = (0.3, 0.3, 0.2, 0.2)

# File names written by write_sample, in the order they are written.
CUSTOMERS_FILE = "klanten.csv"
INVOICE_LINES_FILE = "factuurlijnen.csv"
NEXT_QUARTER_FILE = "klanten_volgend_kwartaal.csv"
"""The same customers a quarter later (:func:`next_quarter`), for the quarterly re-run."""

# Trades: (name, probability of a house name like "De Kroon" instead of a family name,
# size class 0 small shop / 1 horeca / 2 large kitchen, institution). Institutions are a vzw.
_TRADES: tuple[tuple[str, float, int, bool], ...] = (
    ("Bakkerij", 0.0, 0, False),
    ("Slagerij", 0.0, 0, False),
    ("Beenhouwerij", 0.0, 0, False),
    ("Patisserie", 0.1, 0, False),
    ("Chocolaterie", 0.1, 0, False),
    ("Vishandel", 0.0, 0, False),
    ("Kaasmakerij", 0.2, 0, False),
    ("Frituur", 0.5, 0, False),
    ("Broodjeszaak", 0.3, 0, False),
    ("IJssalon", 0.4, 0, False),
    ("Crêperie", 0.5, 0, False),
    ("Pizzeria", 0.6, 1, False),
    ("Bistro", 0.6, 1, False),
    ("Eetcafé", 0.7, 1, False),
    ("Taverne", 0.8, 1, False),
    ("Brasserie", 0.7, 1, False),
    ("Restaurant", 0.6, 1, False),
    ("Traiteur", 0.0, 1, False),
    ("Feestzaal", 0.8, 1, False),
    ("Hotel", 0.8, 2, False),
    ("Brouwerij", 0.5, 2, False),
    ("Cateringbedrijf", 0.1, 2, False),
    ("Woonzorgcentrum", 1.0, 2, True),
    ("Jeugdherberg", 1.0, 2, True),
    ("Vakantiecentrum", 1.0, 2, True),
)
_FAMILY_NAMES: tuple[str, ...] = (
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Van den Broeck",
    "Hermans",
    "Vermeulen",
    "Pauwels",
    "Aerts",
    "Michiels",
    "De Clercq",
    "Verstraete",
    "Martens",
    "Claeys",
    "Vandenberghe",
    "Van Damme",
    "De Vos",
    "Hendrickx",
    "Van de Velde",
    "Bogaert",
    "Smets",
    "Coppens",
    "Segers",
    "Lemmens",
    "Verhoeven",
    "Vermeiren",
    "Stevens",
    "Cools",
    "Verbeke",
    "De Backer",
    "Van Acker",
    "Baert",
    "Mattheeuws",
    "Dewitte",
    "Vanhove",
    "Moens",
    "D'Hondt",
    "Vlaeminck",
    "Van Hecke",
    "Desmet",
    "Dierickx",
    "Geerts",
    "Luyten",
    "Thys",
)
_HOUSE_NAMES: tuple[str, ...] = (
    "De Kroon",
    "Ter Duinen",
    "Het Anker",
    "De Zwaan",
    "'t Hof",
    "De Linde",
    "De Gouden Leeuw",
    "Het Pleintje",
    "De Molen",
    "Ter Beuken",
    "De Sleutel",
    "Sint-Jan",
    "Den Engel",
    "De Klok",
    "Het Wit Paard",
    "De Vijvers",
    "Ter Heide",
    "Het Zonneke",
    "De Zeemeeuw",
    "Ons Huis",
    "De Notelaar",
    "Ter Leie",
    "De Zonnebloem",
    "'t Kasteeltje",
)
_LEGAL_FORMS: tuple[str, ...] = ("", " bv", " nv", " bvba", " cv")
_LEGAL_FORM_WEIGHTS: tuple[float, ...] = (0.35, 0.4, 0.1, 0.1, 0.05)
_TOWNS: tuple[str, ...] = (
    "Gent",
    "Aalst",
    "Kortrijk",
    "Hasselt",
    "Mechelen",
    "Brugge",
    "Leuven",
    "Roeselare",
    "Sint-Niklaas",
    "Genk",
    "Oostende",
    "Turnhout",
    "Dendermonde",
    "Lokeren",
    "Ieper",
    "Tienen",
    "Lier",
    "Geel",
    "Waregem",
    "Tongeren",
)

# Typed variants in the answer sheets, and how often each participant uses them.
_YES_VARIANTS: tuple[str, ...] = ("ja", "j", "x", "JA", "1")
_NO_VARIANTS: tuple[str, ...] = ("nee", "n", "Nee", "0")
_UNKNOWN_VARIANTS: tuple[str, ...] = ("", "?")
_TYPING_STYLE: dict[str, tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]]] = {
    "An": ((0.8, 0.08, 0.0, 0.07, 0.05), (0.84, 0.08, 0.08, 0.0), (0.7, 0.3)),
    "Pieter": ((0.78, 0.0, 0.1, 0.05, 0.07), (0.85, 0.0, 0.08, 0.07), (0.4, 0.6)),
}

# Revenue model: lognormal with median 4000 EUR, heavy tail (top 20% ~ 80% of revenue).
_REVENUE_MEDIAN = 4000.0
_REVENUE_SIGMA = 1.75
_REVENUE_MIN = 100.0  # added to every target
_EXTRA_LINES_PER_INVOICE = 0.6  # Poisson mean; an invoice has 1 + Poisson(0.6) lines
_CREDIT_NOTE_RATE = 0.07  # chance per invoice (after the first) of a credit note
_MARGIN_PER_HOUR_THRESHOLD = 80.0  # EUR gross margin per hour: "marge" is yes above this
_CASHFLOW_DAYS = 30  # "cashflow" is yes when customers pay within this many days
# Belgian public holidays on fixed dates (no invoices on these days).
_FIXED_HOLIDAYS: tuple[str, ...] = ("01-01", "05-01", "07-21", "08-15", "11-01", "11-11", "12-25")


@dataclass(frozen=True, eq=False)
class SampleData:
    """Fictional sample data: customers, their invoice lines and two answer sheets.

    Attributes:
        customers: one row per customer, columns :data:`CUSTOMER_COLUMNS`, sorted by
            revenue descending (ties by customer_id).
        invoice_lines: invoice and credit-note lines, columns :data:`INVOICE_LINE_COLUMNS`,
            sorted by date, then invoices before credit notes, then number.
        answers: participant name -> answer sheet with columns :data:`ANSWER_COLUMNS`,
            all text, in the same row order as ``customers``.
    """

    customers: pd.DataFrame
    invoice_lines: pd.DataFrame
    answers: dict[str, pd.DataFrame]


def generate_sample(
    n_customers: int = 48,
    *,
    seed: int = 2026,
    year: int = 2026,
    lines_per_customer_per_year: float = 12.0,
) -> SampleData:
    """Generate fictional customers, invoice lines and answer sheets.

    Args:
        n_customers: number of customers (at least 10).
        seed: seed for ``numpy.random.default_rng``; same arguments give identical output.
        year: the workshop year; revenue is for ``year - 1``, invoice lines cover
            ``year - 2`` and ``year - 1``.
        lines_per_customer_per_year: approximate mean number of invoice lines per customer
            per year; raise it to make large benchmark sets (50_000 customers with 100
            lines per year gives about 10 million lines).

    Returns:
        The generated :class:`SampleData`.
    """
    if n_customers < 10:
        raise ValueError(f"n_customers must be at least 10, got {n_customers}")
    if lines_per_customer_per_year < 1:
        raise ValueError("lines_per_customer_per_year must be at least 1")
    rng_customers, rng_lines, rng_answers = np.random.default_rng(seed).spawn(3)

    n = n_customers
    id_numbers, width = _customer_id_numbers(rng_customers, n)
    ids = np.array([str(i).zfill(width) for i in id_numbers.tolist()], dtype=object)
    targets, active, size = _revenue_targets(rng_customers, n)
    names = _company_names(rng_customers, size)

    lines, revenue_cents = _invoice_lines(
        rng_lines,
        ids=ids,
        names=names,
        targets=targets,
        active=active,
        year=year,
        lines_per_customer_per_year=lines_per_customer_per_year,
    )
    customers = _customers_table(rng_customers, ids, id_numbers, names, revenue_cents)
    answers = _answer_sheets(rng_answers, customers)
    return SampleData(customers=customers, invoice_lines=lines, answers=answers)


def next_quarter(
    customers: pd.DataFrame,
    *,
    seed: int = 0,
    leave: float = 0.05,
    arrive: float = 0.05,
    change: float = 0.2,
) -> pd.DataFrame:
    """The same company a quarter later: a new customer table from ``customers``.

    Deterministic for a ``seed``: about ``leave`` of the customers are gone (a tenth of that
    among the largest fifth), about ``change``
    of the rest grow or shrink (revenue × 0.4 to 2.5), and about ``arrive`` × the count are new
    (ids above the largest one, their own names). Others keep their revenue within ±5%. Gross
    margin follows the revenue; potential revenue is at least the new revenue. A new customer's
    other columns (potential, margin, hours, days to pay, account manager) are those of an
    existing customer scaled to its revenue. The result is sorted like a customer table
    (largest revenue first, ties by id); the caller's table is not changed.
    """
    rng = np.random.default_rng(seed)
    table = customers.copy()
    n = len(table)
    # the largest fifth of the customers rarely leaves: ten times less often than the rest
    largest = table["revenue"].rank(ascending=False, method="first").to_numpy() <= n / 5
    stays = rng.random(n) >= np.where(largest, leave / 10, leave)
    if not stays.any():
        stays[0] = True
    table = table.loc[stays].reset_index(drop=True)
    factor = rng.uniform(0.95, 1.05, len(table))
    moved = rng.random(len(table)) < change
    factor[moved] = np.exp(rng.uniform(np.log(0.4), np.log(2.5), int(moved.sum())))
    old_revenue = table["revenue"].to_numpy(float)
    table["revenue"] = np.round(old_revenue * factor, 2)
    if "gross_margin" in table.columns:
        table["gross_margin"] = np.round(table["gross_margin"].to_numpy(float) * factor, 2)
    if "potential_revenue" in table.columns:
        potential = table["potential_revenue"].to_numpy(float)
        table["potential_revenue"] = np.where(
            potential < table["revenue"], np.round(table["revenue"] * 1.2, -2), potential
        )
    count = max(1, round(arrive * n)) if arrive > 0 else 0
    if count:
        width = max(len(str(c)) for c in customers["customer_id"].astype(str))
        first = max(int(c) for c in customers["customer_id"].astype(str) if c.isdigit()) + 1
        ids = [f"{first + i:0{width}d}" for i in range(count)]
        taken = set(customers["name"].astype(str))
        names = [x for x in _company_names(rng, np.ones(count * 3)) if x not in taken][:count]
        revenue = np.round(rng.lognormal(np.log(8_000), 0.8, count), 2)
        new = pd.DataFrame({"customer_id": ids, "name": names, "revenue": revenue})
        donors = table.iloc[rng.integers(0, len(table), count)].reset_index(drop=True)
        scale = revenue / np.maximum(donors["revenue"].to_numpy(float), 1.0)
        for column in table.columns.difference(new.columns, sort=False):
            if column in ("gross_margin", "hours"):
                new[column] = np.round(
                    donors[column].to_numpy(float) * scale, 2 if column == "gross_margin" else 1
                )
            elif column == "potential_revenue":
                new[column] = np.maximum(np.round(revenue * 1.3, -2), 100.0)
            else:
                new[column] = donors[column].to_numpy()
        table = pd.concat([table, new.astype(table.dtypes.to_dict())], ignore_index=True)
    table["customer_id"] = table["customer_id"].astype(str)
    order = np.lexsort((table["customer_id"].to_numpy(), -table["revenue"].to_numpy(float)))
    return table.iloc[order].reset_index(drop=True)


def _customer_id_numbers(rng: np.random.Generator, n: int) -> tuple[np.ndarray, int]:
    """Draw unique customer numbers (ascending) and the id width (at least 5 digits).

    Numbers come from 1..max(20_000, 3 * n), so about half or more of the zero-padded ids
    start with "0". Everything per customer is generated in this ascending order, which
    the invoice numbering relies on.
    """
    pool = max(20_000, 3 * n)
    numbers = np.sort(rng.choice(pool, size=n, replace=False) + 1)
    return numbers, max(5, len(str(pool)))


def _company_names(rng: np.random.Generator, size: np.ndarray) -> np.ndarray:
    """Build unique fictional company names from trades, family/house names and legal forms.

    ``size`` (0..1, the customer's revenue quantile) steers the trade: small customers are
    mostly shops, large ones mostly hotels, caterers, breweries and care homes.
    """
    n = len(size)
    trade_names = np.array([t[0] for t in _TRADES], dtype=object)
    house_prob = np.array([t[1] for t in _TRADES])
    trade_class = np.array([t[2] for t in _TRADES])
    institution = np.array([t[3] for t in _TRADES])

    size_class = (size >= 0.55).astype(np.int64) + (size >= 0.85)
    shuffle = rng.random(n) < 0.2
    size_class[shuffle] = rng.integers(0, 3, size=int(shuffle.sum()))
    trade = np.empty(n, dtype=np.int64)
    pick = rng.random(n)
    for c in range(3):
        members = np.flatnonzero(trade_class == c)
        mine = size_class == c
        trade[mine] = members[(pick[mine] * len(members)).astype(np.int64)]
    use_house = rng.random(n) < house_prob[trade]
    family = np.array(_FAMILY_NAMES, dtype=object)[rng.integers(0, len(_FAMILY_NAMES), size=n)]
    house = np.array(_HOUSE_NAMES, dtype=object)[rng.integers(0, len(_HOUSE_NAMES), size=n)]
    legal = np.array(_LEGAL_FORMS, dtype=object)[
        rng.choice(len(_LEGAL_FORMS), size=n, p=_LEGAL_FORM_WEIGHTS)
    ]
    legal = np.where(institution[trade], " vzw", legal)
    base = trade_names[trade] + " " + np.where(use_house, house, family) + legal

    # Names that occur more than once get a town, e.g. "Bakkerij Maes bv (Lier)";
    # what still collides gets a number: "Bakkerij Maes bv (Lier) 2".
    town = np.array(_TOWNS, dtype=object)[rng.integers(0, len(_TOWNS), size=n)]
    base_series = pd.Series(base, dtype=object)
    duplicated = base_series.duplicated(keep=False).to_numpy()
    with_town = np.where(duplicated, base + " (" + town + ")", base)
    counter = pd.Series(with_town, dtype=object).groupby(with_town, sort=False).cumcount()
    counter = counter.to_numpy()
    number = np.array([f" {c + 1}" if c else "" for c in counter], dtype=object)
    names = with_town + number
    if len(set(names)) != n:  # pragma: no cover - guaranteed by construction
        raise AssertionError("company names are not unique")
    return names


def _standard_normal_quantiles(u: np.ndarray) -> np.ndarray:
    """Inverse of the standard normal CDF, element-wise."""
    inv_cdf = NormalDist().inv_cdf
    return np.fromiter((inv_cdf(float(x)) for x in u), dtype=float, count=len(u))


def _revenue_targets(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Target revenue per customer for (year-2, year-1), activity per year and size quantile.

    Year-1 targets are a stratified lognormal sample, so the Pareto shape (roughly 80% of
    revenue from 20% of customers) holds for every size. Year-2 follows from a growth
    factor; about 10% of customers changed a lot and about 5% are new (no year-2 lines).
    """
    strata = rng.permutation(n)
    u = (strata + 0.25 + 0.5 * rng.random(n)) / n
    z = _standard_normal_quantiles(u)
    last = _REVENUE_MIN + _REVENUE_MEDIAN * np.exp(_REVENUE_SIGMA * z)

    growth = rng.lognormal(0.04, 0.18, size=n)  # last year / year before
    n_big_change = max(3, round(0.1 * n))
    n_new = max(1, round(0.05 * n))
    chosen = rng.choice(n, size=n_big_change + n_new, replace=False)
    big_change, new = chosen[:n_big_change], chosen[n_big_change:]
    grew = rng.random(n_big_change) < 0.5
    growth[big_change] = np.where(
        grew, rng.uniform(2.5, 5.0, n_big_change), rng.uniform(0.2, 0.45, n_big_change)
    )
    before = np.maximum(last / growth, _REVENUE_MIN)
    active = np.ones((n, 2), dtype=bool)
    active[new, 0] = False
    targets = np.column_stack([np.where(active[:, 0], before, 0.0), last])
    return targets, active, u


def _invoice_lines(
    rng: np.random.Generator,
    *,
    ids: np.ndarray,
    names: np.ndarray,
    targets: np.ndarray,
    active: np.ndarray,
    year: int,
    lines_per_customer_per_year: float,
) -> tuple[pd.DataFrame, np.ndarray]:
    """Generate invoice lines (vectorised) and each customer's year-1 revenue in cents.

    Works on customer-year cells (cell = 2 * customer + year_index). Every active cell has
    one or more invoices of one or more lines, and possibly credit notes (one negative
    line each). Line weights are scaled to the cell's target and rounded to cents, so the
    revenue computed from the lines is exact in cents.
    """
    n = len(ids)
    years = np.array([year - 2, year - 1])
    cell_target = targets.ravel()
    cell_active = active.ravel()
    cell_year = np.tile(np.arange(2), n)
    cell_customer = np.repeat(np.arange(n), 2)

    # Invoices per cell: more for bigger customers, mean set by lines_per_customer_per_year.
    lines_per_invoice = 1 + _EXTRA_LINES_PER_INVOICE
    mean_invoices = max(lines_per_customer_per_year / lines_per_invoice, 1.0)
    median = float(np.median(targets[:, 1]))
    lam = np.where(cell_active, (np.maximum(cell_target, 1.0) / median) ** 0.45, 0.0)
    lam *= (mean_invoices - 1.0) / lam[cell_active].mean()
    n_invoices = np.where(cell_active, 1 + rng.poisson(lam), 0)
    n_credits = rng.binomial(np.maximum(n_invoices - 1, 0), _CREDIT_NOTE_RATE)
    n_docs = n_invoices + n_credits

    # Documents (invoices and credit notes).
    total_docs = int(n_docs.sum())
    doc_cell = np.repeat(np.arange(2 * n), n_docs)
    doc_start = np.cumsum(n_docs) - n_docs
    pos_in_cell = np.arange(total_docs) - np.repeat(doc_start, n_docs)
    doc_credit = pos_in_cell >= np.repeat(n_invoices, n_docs)
    doc_year = cell_year[doc_cell]
    doc_customer = cell_customer[doc_cell]

    # Dates: a working day in the document's year (no weekends or fixed public holidays).
    first_days = np.array([f"{y}-01-01" for y in years], dtype="datetime64[D]")
    holidays = np.array(
        [f"{y}-{md}" for y in years for md in _FIXED_HOLIDAYS], dtype="datetime64[D]"
    )
    calendar = np.busdaycalendar(holidays=holidays)
    working_days = np.busday_count(
        first_days,
        np.array([f"{y + 1}-01-01" for y in years], dtype="datetime64[D]"),
        busdaycal=calendar,
    )
    offsets = np.floor(rng.random(total_docs) * working_days[doc_year]).astype(np.int64)
    doc_date = np.busday_offset(first_days[doc_year], offsets, roll="forward", busdaycal=calendar)

    # Lines: invoices have 1 + Poisson lines, a credit note has a single line.
    n_lines_doc = np.where(doc_credit, 1, 1 + rng.poisson(_EXTRA_LINES_PER_INVOICE, total_docs))
    line_doc = np.repeat(np.arange(total_docs), n_lines_doc)
    line_cell = doc_cell[line_doc]
    line_credit = doc_credit[line_doc]
    total_lines = len(line_doc)
    weight = np.where(
        line_credit,
        rng.uniform(0.1, 0.8, total_lines),
        rng.lognormal(0.0, 0.9, total_lines),
    )
    positive_sum = np.bincount(
        line_cell, weights=np.where(line_credit, 0.0, weight), minlength=2 * n
    )
    credit_sum = np.bincount(line_cell, weights=np.where(line_credit, weight, 0.0), minlength=2 * n)
    # Credit notes never take back more than half of a customer's invoiced amount in a year.
    shrink = np.ones(2 * n)
    too_much = credit_sum > 0.5 * positive_sum
    shrink[too_much] = 0.5 * positive_sum[too_much] / credit_sum[too_much]
    weight = np.where(line_credit, weight * shrink[line_cell], weight)
    net = positive_sum - credit_sum * shrink
    scale = np.divide(cell_target, net, out=np.zeros(2 * n), where=net > 0)
    cents = np.rint(weight * scale[line_cell] * 100.0).astype(np.int64)
    cents = np.where(line_credit, -np.maximum(cents, 1), np.maximum(cents, 100))

    cell_cents = np.bincount(line_cell, weights=cents, minlength=2 * n).astype(np.int64)
    revenue_cents = cell_cents[1::2]
    if not (revenue_cents > 0).all():  # pragma: no cover - guaranteed by construction
        raise AssertionError("every customer needs a positive year-1 revenue")

    # Documents were made in customer-number order (customers are sorted by number), so a
    # stable sort on a small integer key (radix sort) orders them by key, then customer.
    day0 = first_days[0]
    day_index = doc_date.astype(np.int64) - day0.astype(np.int64)
    n_days = int(day_index.max()) + 1

    # Numbering: per year and kind, by date, then customer number: F2025-00001, C2025-00001.
    number_key = (doc_credit * n_days + day_index).astype(np.int16)
    number_order = np.argsort(number_key, kind="stable")
    group = (doc_year * 2 + doc_credit)[number_order]
    group_sizes = np.bincount(group, minlength=4)
    seq_width = max(5, len(str(int(group_sizes.max()))))
    doc_number = np.empty(total_docs, dtype=object)
    for g in np.unique(group).tolist():  # at most four groups
        prefix = f"{'C' if g % 2 else 'F'}{years[g // 2]}-"
        numbers = [f"{prefix}{i:0{seq_width}d}" for i in range(1, int(group_sizes[g]) + 1)]
        doc_number[number_order[group == g]] = numbers

    # Output order: by date, invoices before credit notes, then number; an invoice's lines
    # stay together in their original order (no sort over lines needed).
    doc_order = np.argsort((day_index * 2 + doc_credit).astype(np.int16), kind="stable")
    line_start = np.cumsum(n_lines_doc) - n_lines_doc
    counts = n_lines_doc[doc_order]
    out_start = np.cumsum(counts) - counts
    line_order = np.repeat(line_start[doc_order] - out_start, counts) + np.arange(total_lines)
    line_doc = line_doc[line_order]
    line_customer = doc_customer[line_doc]
    date_table = np.arange(day0, day0 + n_days).astype(str).astype(object)

    lines = pd.DataFrame(
        {
            "invoice_number": pd.array(doc_number[line_doc], dtype="str"),
            "invoice_date": pd.array(date_table[day_index[line_doc]], dtype="str"),
            "customer_id": pd.array(ids[line_customer], dtype="str"),
            "customer_name": pd.array(names[line_customer], dtype="str"),
            "amount": cents[line_order] / 100.0,
        },
        copy=False,
    )
    return lines, revenue_cents


def _customers_table(
    rng: np.random.Generator,
    ids: np.ndarray,
    id_numbers: np.ndarray,
    names: np.ndarray,
    revenue_cents: np.ndarray,
) -> pd.DataFrame:
    """Build the customers table from the year-1 revenue, sorted by revenue descending."""
    n = len(ids)
    revenue = revenue_cents / 100.0

    potential_factor = 1.0 + rng.lognormal(np.log(0.35), 0.7, size=n)
    below = rng.random(n) < 0.08  # some estimates are lower than what the customer buys now
    potential_factor[below] = rng.uniform(0.8, 0.98, size=int(below.sum()))
    potential = np.maximum(np.round(revenue * potential_factor, -2), 100.0)

    margin_rate = np.clip(rng.normal(0.31, 0.07, size=n), 0.12, 0.55)
    gross_margin = np.round(revenue * margin_rate, 2)

    revenue_per_hour = rng.lognormal(np.log(260.0), 0.45, size=n)
    hours = np.maximum(np.round(revenue / revenue_per_hour, 1), 0.5)
    days_to_pay = np.clip(np.round(rng.lognormal(np.log(32.0), 0.45, size=n)), 5, 150)

    manager_index = rng.choice(len(ACCOUNT_MANAGERS), size=n, p=ACCOUNT_MANAGER_WEIGHTS)
    managers = np.array(ACCOUNT_MANAGERS, dtype=object)[manager_index]

    # Sort by revenue descending, ties by customer_id; the largest customer keeps its data.
    order = np.lexsort((id_numbers, -revenue_cents))
    rest = np.arange(1, n)
    hours = hours[order]
    days_to_pay = days_to_pay[order]
    hours[rng.choice(rest, size=max(1, round(0.06 * n)), replace=False)] = np.nan
    days_to_pay[rng.choice(rest, size=max(1, round(0.04 * n)), replace=False)] = np.nan

    return pd.DataFrame(
        {
            "customer_id": pd.array(ids[order], dtype="str"),
            "name": pd.array(names[order], dtype="str"),
            "revenue": revenue[order],
            "potential_revenue": potential[order],
            "gross_margin": gross_margin[order],
            "hours": hours,
            "days_to_pay": days_to_pay,
            "account_manager": pd.array(managers[order], dtype="str"),
        }
    )


def _answer_sheets(rng: np.random.Generator, customers: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Derive the participants' answer sheets from the customer data.

    Truth per question is 1 (yes), 0 (no) or -1 (nobody knows). Each participant starts
    from the truth; a few customers get a conflicting answer from one participant, and
    each participant leaves a few extra cells empty. Values are then typed in the
    participant's style ("ja", "j", "x", "JA", "1", "nee", "n", "Nee", "0", "?", "").
    """
    n = len(customers)
    revenue = customers["revenue"].to_numpy()
    hours = customers["hours"].to_numpy()
    days = customers["days_to_pay"].to_numpy()
    margin_per_hour = customers["gross_margin"].to_numpy() / hours

    truth = np.empty((n, 4), dtype=np.int64)
    truth[:, 0] = np.where(
        np.isnan(margin_per_hour), -1, margin_per_hour >= _MARGIN_PER_HOUR_THRESHOLD
    )
    truth[:, 1] = np.where(np.isnan(days), -1, days <= _CASHFLOW_DAYS)
    size_rank = 1.0 - np.argsort(np.argsort(-revenue, kind="stable"), kind="stable") / n
    truth[:, 2] = rng.random(n) < 0.2 + 0.35 * size_rank  # bigger customers innovate more
    truth[:, 3] = rng.random(n) < 0.3
    truth[0, 2:] = 1  # the largest customer is a showcase: innovative and well connected

    sheets = {name: truth.copy() for name in PARTICIPANTS}

    # Disagreements: on about 10% of the customers (at least 3) one participant answers
    # the opposite on one question. The largest customer is never disputed.
    n_disputed = max(3, round(0.1 * n))
    disputed = rng.choice(np.arange(1, n), size=n_disputed, replace=False)
    disputed_question = np.argmax(
        np.where(truth[disputed] >= 0, rng.random((n_disputed, 4)), -1.0), axis=1
    )
    who = rng.integers(0, len(PARTICIPANTS), size=n_disputed)
    for p, name in enumerate(PARTICIPANTS):
        mine = who == p
        rows, cols = disputed[mine], disputed_question[mine]
        sheets[name][rows, cols] = 1 - truth[rows, cols]

    # Each participant leaves a few extra unknowns, half of them on disputed customers
    # (on another question), so the number of customers with any difference stays small.
    undisputed = np.setdiff1d(np.arange(1, n), disputed)
    n_blank = max(2, round(0.04 * n))
    for name in PARTICIPANTS:
        on_disputed = rng.choice(n_disputed, size=n_blank // 2, replace=False)
        other_question = (disputed_question[on_disputed] + rng.integers(1, 4, n_blank // 2)) % 4
        sheets[name][disputed[on_disputed], other_question] = -1
        elsewhere = rng.choice(undisputed, size=n_blank - n_blank // 2, replace=False)
        sheets[name][elsewhere, rng.integers(0, 4, size=len(elsewhere))] = -1

    answers: dict[str, pd.DataFrame] = {}
    for name in PARTICIPANTS:
        yes_p, no_p, unknown_p = _TYPING_STYLE[name]
        shape = (n, 4)
        yes = np.array(_YES_VARIANTS, dtype=object)[rng.choice(5, size=shape, p=yes_p)]
        no = np.array(_NO_VARIANTS, dtype=object)[rng.choice(4, size=shape, p=no_p)]
        unknown = np.array(_UNKNOWN_VARIANTS, dtype=object)[rng.choice(2, size=shape, p=unknown_p)]
        values = sheets[name]
        typed = np.where(values == 1, yes, np.where(values == 0, no, unknown))
        frame = {"customer_id": customers["customer_id"].copy()}
        for q, column in enumerate(QUESTION_COLUMNS):
            frame[column] = pd.array(typed[:, q], dtype="str")
        frame["favoriet"] = pd.array(np.where(_favourites(customers, name), "ja", ""), dtype="str")
        answers[name] = pd.DataFrame(frame)
    return answers


def _favourites(customers: pd.DataFrame, participant: str) -> np.ndarray:
    """Which customers ``participant`` marks as favourite: among the customers they manage,
    the :data:`FAVOURITES_EACH` first by their :data:`FAVOURITE_TASTE` (ties by id). No
    randomness, so the other columns of the sample stay as they were."""
    hours = customers["hours"].to_numpy(dtype=float)
    liking = hours
    if FAVOURITE_TASTE.get(participant) == "hours_per_euro":
        liking = hours / np.maximum(customers["revenue"].to_numpy(dtype=float), 1.0)
    mine = (customers["account_manager"].to_numpy() == participant) & ~np.isnan(hours)
    ids = customers["customer_id"].to_numpy()
    order = [i for i in np.lexsort((ids, -np.nan_to_num(liking))) if mine[i]]
    marked = np.zeros(len(customers), dtype=bool)
    marked[order[:FAVOURITES_EACH]] = True
    return marked


def _format_column(values: pd.Series, fmt: str) -> pd.Series:
    """Format a float column as text with ``fmt``; NaN becomes an empty string."""
    return pd.Series(
        ["" if np.isnan(v) else fmt % v for v in values.to_numpy(dtype=float)],
        index=values.index,
        dtype="str",
    )


_CSV_OPTIONS = {"index": False, "encoding": "utf-8", "lineterminator": "\n", "na_rep": ""}
"""How every sample file is written: UTF-8, no index column, \\n line ends, empty = unknown."""


def write_sample(data: SampleData, out_dir: str | Path) -> list[Path]:
    """Write the sample as CSV files into ``out_dir`` and return the paths written.

    Files: ``klanten.csv``, ``factuurlijnen.csv`` and ``antwoorden_<participant>.csv``
    (lower-case participant name). UTF-8 without BOM, comma-separated, '.' as decimal
    point, '\\n' line endings, no index column; money with 2 decimals, hours with 1,
    days to pay as whole numbers, unknown values as empty cells. Output is byte-identical
    for identical data.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = [_write_customers(data.customers, out / CUSTOMERS_FILE)]
    path = out / INVOICE_LINES_FILE
    data.invoice_lines.to_csv(path, float_format="%.2f", **_CSV_OPTIONS)
    written.append(path)
    for name, sheet in data.answers.items():
        path = out / f"antwoorden_{name.lower()}.csv"
        sheet.to_csv(path, **_CSV_OPTIONS)
        written.append(path)
    return written


def write_next_quarter(customers: pd.DataFrame, out_dir: str | Path, *, seed: int) -> Path:
    """Write :func:`next_quarter` of ``customers`` as ``klanten_volgend_kwartaal.csv`` into
    ``out_dir``, in the format of ``klanten.csv``; return its path."""
    return _write_customers(next_quarter(customers, seed=seed), Path(out_dir) / NEXT_QUARTER_FILE)


def _write_customers(table: pd.DataFrame, path: Path) -> Path:
    customers = table.copy()
    customers["hours"] = _format_column(customers["hours"], "%.1f")
    customers["days_to_pay"] = _format_column(customers["days_to_pay"], "%.0f")
    path.parent.mkdir(parents=True, exist_ok=True)
    customers.to_csv(path, float_format="%.2f", **_CSV_OPTIONS)
    return path


def main(argv: Sequence[str] | None = None) -> list[Path]:
    """Command line: ``python -m klantlib.sample --out DIR [--customers N] [--seed S]``."""
    parser = argparse.ArgumentParser(
        prog="python -m klantlib.sample",
        description=(
            "Generate the fictional sample data (customers, invoice lines, answers, and the"
            " customers a quarter later)."
        ),
    )
    parser.add_argument("--out", default="data/voorbeeld", help="output folder")
    parser.add_argument("--customers", type=int, default=48, help="number of customers")
    parser.add_argument("--seed", type=int, default=2026, help="random seed")
    parser.add_argument("--year", type=int, default=2026, help="workshop year")
    parser.add_argument(
        "--lines-per-customer-per-year",
        type=float,
        default=12.0,
        help="mean invoice lines per customer per year (raise for benchmarks)",
    )
    args = parser.parse_args(argv)
    data = generate_sample(
        args.customers,
        seed=args.seed,
        year=args.year,
        lines_per_customer_per_year=args.lines_per_customer_per_year,
    )
    written = write_sample(data, args.out)
    written.append(write_next_quarter(data.customers, args.out, seed=args.seed + 1))
    for path in written:
        print(path)
    return written


if __name__ == "__main__":
    main()
