"""The report for a company with several account managers: the customers per segment and per
account manager, with the hours where known (sheet and section "per account manager"), and
the account manager and hours of every customer in the customers sheet."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from klantlib import segment_customers
from klantlib.core.plan import default_plan, plan_table
from klantlib.reports.report import EXPORT_COLUMNS, write_report
from tests.hostile import FORMULA_NAME, MANAGER, describe, hostile_customers, raw_markup
from tests.test_report import page, sheet_values

# Seven customers; thresholds 10,000 and 50,000. Segment A: 01, 03; B: 02, 04; C: 05, 06, 07.
# An: 02, 03, 06 (hours of 03 known); Pieter: 01, 05; none: 04, 07 (missing and empty).
CUSTOMERS = pd.DataFrame(
    {
        "customer_id": ["01", "02", "03", "04", "05", "07", "06"],
        "name": ["Een", "Twee", "Drie", "Vier", "Vijf", "Zeven", "Zes"],
        "revenue": [90_000.0, 60_000.0, 30_000.0, 30_000.0, 20_000.0, 5_000.0, 5_000.0],
        "hours": [120.0, None, 40.0, 30.0, 10.0, 5.0, None],
        "account_manager": ["Pieter", "An", "An", None, "Pieter", "", "An"],
    }
)
ANSWERS = pd.DataFrame(
    {
        "customer_id": ["01", "03", "04"],
        "marge": ["ja", "ja", "ja"],
        "cashflow": ["?", "ja", "ja"],
        "innovatie": ["?", "ja", "nee"],
        "netwerk": ["ja", "ja", "nee"],
    }
)
A, B, C = 16.0, 4 * 1.75 / 3, 0.25  # the default plan's hours per customer a year


@pytest.fixture
def result():
    return segment_customers(CUSTOMERS, ANSWERS, thresholds=(10_000, 50_000))


def written(tmp_path, result, **options):
    options.setdefault("lang", "nl")
    return write_report(result, tmp_path / "out", **options)


def workbook(files):
    return openpyxl.load_workbook(files["report.xlsx"])


def test_the_fixture_has_the_segments_it_says(result):
    segments = dict(zip(result.customers["customer_id"], result.customers["segment"], strict=True))
    assert segments == {
        "01": "A", "03": "A", "02": "B", "04": "B", "05": "C", "06": "C", "07": "C"
    }  # fmt: skip


# ------------------------------------------------------------------------------------------
# The sheet per account manager
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "sheets", "headers", "total"),
    [
        (
            "nl",
            ["klanten", "samenvatting", "per accountmanager", "plan"],
            [
                "accountmanager",
                "segment A",
                "segment B",
                "segment C",
                "klanten",
                "klanten met uren",
                "uren vandaag",
                "uren volgens plan",
            ],
            "totaal",
        ),
        (
            "en",
            ["customers", "summary", "per account manager", "plan"],
            [
                "account manager",
                "segment A",
                "segment B",
                "segment C",
                "customers",
                "customers with hours",
                "hours today",
                "hours in the plan",
            ],
            "total",
        ),
    ],
)
def test_sheet_per_account_manager_with_the_plans_hours(
    tmp_path, result, lang, sheets, headers, total
):
    """One row per manager by name, the customers without one as "—", a total row; the hours
    today of the customers whose hours are known, the plan's hours of every customer."""
    files = written(tmp_path, result, lang=lang, plan=plan_table(default_plan()))
    book = workbook(files)
    assert book.sheetnames == sheets
    rows = sheet_values(book[sheets[2]])
    assert rows[0] == headers
    assert rows[1:5] == [
        ["An", 1, 1, 1, 3, 1, 40, pytest.approx(A + B + C)],
        ["Pieter", 1, 0, 1, 2, 2, 130, pytest.approx(A + C)],
        ["—", 0, 1, 1, 2, 2, 35, pytest.approx(B + C)],
        [total, 2, 2, 3, 7, 5, 205, pytest.approx(2 * A + 2 * B + 3 * C)],
    ]
    assert all(cell.font.bold for cell in book[sheets[2]][5])
    assert book[sheets[2]]["G2"].number_format == "#,##0.0"
    notes = [row[0] for row in rows[5:] if row[0]]
    assert len(notes) == 2 and "5" in notes[0] and "7" in notes[0]


def test_without_a_plan_the_sheet_has_no_plan_hours_and_no_plan_note(tmp_path, result):
    rows = sheet_values(workbook(written(tmp_path, result, lang="en"))["per account manager"])
    assert rows[0][-1] == "hours today"
    assert rows[1] == ["An", 1, 1, 1, 3, 1, 40]
    assert [row[0] for row in rows[6:] if row[0]] == [
        "Hours today: the sum for the customers whose hours are known, 5 of the 7."
    ]


def test_a_plan_that_is_not_a_whole_plan_shows_no_plan_hours(tmp_path, result):
    """A plan table with only some of the plan's columns: the plan sheet shows it, the hours
    per manager leave the plan out (nothing to count them from)."""
    partial = pd.DataFrame(
        {"approach": ["proactive", "proactive", "reactive"], "contacts_per_year": [12, 4, 2]},
        index=pd.Index(["A", "B", "C"], name="segment"),
    )
    book = workbook(written(tmp_path, result, lang="en", plan=partial))
    assert "plan" in book.sheetnames
    assert sheet_values(book["per account manager"])[0][-1] == "hours today"


def test_without_hours_the_sheet_counts_customers_only(tmp_path):
    result = segment_customers(CUSTOMERS.drop(columns="hours"), ANSWERS, thresholds=(1, 2))
    book = workbook(written(tmp_path, result, lang="en", plan=plan_table(default_plan())))
    rows = sheet_values(book["per account manager"])
    assert rows[0] == [
        "account manager", "segment A", "segment B", "segment C", "customers", "hours in the plan"
    ]  # fmt: skip
    assert [row[0] for row in rows[1:5]] == ["An", "Pieter", "—", "total"]
    assert [row[0] for row in rows[5:] if row[0]] == []  # no note on hours


@pytest.mark.parametrize("managers", [None, ["", None, "", "", "", "", ""]])
def test_without_account_managers_nothing_changes(tmp_path, managers):
    """No account_manager column, or one without a name in it: no sheet, no section, no
    column in the customers sheet."""
    customers = CUSTOMERS.drop(columns="account_manager")
    if managers is not None:
        customers = customers.assign(account_manager=managers)
    result = segment_customers(customers, ANSWERS, thresholds=(10_000, 50_000))
    files = written(tmp_path, result, lang="en")
    book = workbook(files)
    assert book.sheetnames == ["customers", "summary"]
    assert sheet_values(book["customers"])[0][-1] == "hours"
    assert "account manager" not in files["report.html"].read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------------
# The customers sheet and segments.csv
# ------------------------------------------------------------------------------------------


def test_customers_sheet_by_segment_with_manager_and_hours(tmp_path, result):
    """By segment A, B, C, then largest revenue first, ties by id; the account manager and the
    hours after the export's columns (empty where not known)."""
    rows = sheet_values(workbook(written(tmp_path, result, lang="en"))["customers"])
    assert rows[0][-3:] == ["reason", "account manager", "hours"]
    assert [row[0] for row in rows[1:]] == ["01", "03", "02", "04", "05", "06", "07"]
    assert [row[5] for row in rows[1:]] == ["A", "A", "B", "B", "C", "C", "C"]
    assert [row[-2:] for row in rows[1:3]] == [["Pieter", 120], ["An", 40]]
    assert rows[3][-2:] == ["An", None] and rows[4][-2:] == [None, 30]


def test_segments_csv_keeps_its_columns_and_order(tmp_path, result):
    """segments.csv is read by other tools: its columns and its order (largest first) stay."""
    table = pd.read_csv(written(tmp_path, result)["segments.csv"], dtype={"customer_id": str})
    assert list(table.columns) == list(EXPORT_COLUMNS)
    assert table["customer_id"].tolist() == ["01", "02", "03", "04", "05", "06", "07"]


# ------------------------------------------------------------------------------------------
# The page
# ------------------------------------------------------------------------------------------


def test_page_has_the_section_per_account_manager(tmp_path, result):
    """After the summary, before every customer; the same table, numbers in the language."""
    files = written(tmp_path, result, lang="nl", plan=plan_table(default_plan()))
    parsed = page(files["report.html"])
    assert parsed.headings[1:4] == ["Per segment", "Per accountmanager", "Alle klanten"]
    managers = parsed.tables[1]
    assert managers[0][:5] == ["accountmanager", "segment A", "segment B", "segment C", "klanten"]
    assert managers[1] == ["An", "1", "1", "1", "3", "1", "40,0", "18,6"]
    assert managers[-1][:5] == ["totaal", "2", "2", "3", "7"]
    content = files["report.html"].read_text(encoding="utf-8")
    assert "Uren vandaag: de som voor de klanten waarvan de uren bekend zijn, 5 van de 7." in (
        content
    )
    customers = parsed.tables[2]
    assert customers[0][-2:] == ["accountmanager", "uren"]
    assert [row[0] for row in customers[1:]] == ["01", "03", "02", "04", "05", "06", "07"]


def test_hostile_account_manager_names_are_text(tmp_path):
    """A manager named as markup or as a formula: text on the page and in the workbook, in
    the section per account manager and in the customers table."""
    customers = hostile_customers()
    customers.loc[0, "account_manager"] = FORMULA_NAME
    result = segment_customers(customers)
    files = written(tmp_path, result, lang="en", plan=plan_table(default_plan()))
    content = files["report.html"].read_text(encoding="utf-8")
    found = raw_markup(content)
    assert found == [], f"hostile text reached the HTML as markup: {describe(found)}"
    parsed = page(files["report.html"])
    managers = parsed.tables[1]
    assert [row[0] for row in managers[1:-1]] == sorted([FORMULA_NAME, MANAGER, "Pieter"])
    assert MANAGER in {row[-2] for row in parsed.tables[2]}
    book = workbook(files)
    sheet = book["per account manager"]
    names = [sheet.cell(row=r, column=1) for r in range(2, 5)]
    assert sorted(cell.value for cell in names) == sorted([FORMULA_NAME, MANAGER, "Pieter"])
    assert all(cell.data_type == "s" for cell in names)
    formula = next(cell for cell in names if cell.value == FORMULA_NAME)
    assert formula.quotePrefix
    types = {cell.data_type for ws in book for row in ws.iter_rows() for cell in row}
    assert "f" not in types and "e" not in types
