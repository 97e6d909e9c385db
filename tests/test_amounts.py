"""Reading money amounts as people and accounting packages write them."""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pandas.testing import assert_series_equal

from klantlib.core.amounts import NUMBER_STYLES, detect_number_style, parse_amounts
from klantlib.errors import InputError
from klantlib.i18n import text

try:
    import pyarrow  # noqa: F401

    STORAGES = ["python", "pyarrow"]
except ImportError:  # pragma: no cover - depends on the environment
    STORAGES = ["python"]


@pytest.fixture(scope="module", autouse=True, params=STORAGES)
def string_storage(request):
    """Every test runs with Python strings and, when pyarrow is installed, Arrow strings."""
    with pd.option_context("mode.string_storage", request.param):
        yield request.param


def read(*cells: object, style: str | None = None) -> list[float]:
    return parse_amounts(pd.Series(list(cells)), column="omzet", style=style).tolist()


def failure(values: list[object], style: str | None = None, **kwargs: object) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_amounts(pd.Series(values), column="omzet", style=style, **kwargs)
    return caught.value


COMMA_FORMS = [
    ("1234,56", 1234.56),
    ("1.234,56", 1234.56),
    ("1.234.567,89", 1234567.89),
    ("1 234,56", 1234.56),
    ("1\u00a0234,56", 1234.56),
    ("1\u202f234,56", 1234.56),
    ("12,5", 12.5),
    ("0,125", 0.125),
    ("1234,5678", 1234.5678),
    ("1.234.567", 1234567.0),
    (" 12,50 ", 12.5),
    ("€ 1.234,56", 1234.56),
    ("€1.234,56", 1234.56),
    ("1.234,56 €", 1234.56),
    ("EUR 1.234,56", 1234.56),
    ("1.234,56 eur", 1234.56),
    ("1.234,56\u00a0€", 1234.56),
    ("-123,45", -123.45),
    ("(123,45)", -123.45),
    ("( 123,45 )", -123.45),
    ("123,45-", -123.45),
    ("123,45 -", -123.45),
    ("− 123,45", -123.45),
    ("−123,45", -123.45),
    ("- 123", -123.0),
    ("€ -1.234,56", -1234.56),
    ("-€ 1.234,56", -1234.56),
    ("(€ 1.234,56)", -1234.56),
    ("1.234,56- EUR", -1234.56),
    ("+12,50", 12.5),
]

DOT_FORMS = [
    ("1234.56", 1234.56),
    ("1,234.56", 1234.56),
    ("1,234,567.89", 1234567.89),
    ("1 234.56", 1234.56),
    ("1\u00a0234.56", 1234.56),
    ("1\u202f234.56", 1234.56),
    ("12.5", 12.5),
    ("0.125", 0.125),
    ("1234.5678", 1234.5678),
    ("1,234,567", 1234567.0),
    (" 12.50 ", 12.5),
    ("€ 1,234.56", 1234.56),
    ("€1,234.56", 1234.56),
    ("1,234.56 €", 1234.56),
    ("EUR 1,234.56", 1234.56),
    ("1,234.56 eur", 1234.56),
    ("1,234.56\u00a0€", 1234.56),
    ("-123.45", -123.45),
    ("(123.45)", -123.45),
    ("( 123.45 )", -123.45),
    ("123.45-", -123.45),
    ("123.45 -", -123.45),
    ("− 123.45", -123.45),
    ("−123.45", -123.45),
    ("- 123", -123.0),
    ("€ -1,234.56", -1234.56),
    ("-€ 1,234.56", -1234.56),
    ("(€ 1,234.56)", -1234.56),
    ("1,234.56- EUR", -1234.56),
    ("+12.50", 12.5),
]

NOT_AMOUNTS = [
    "veel",
    "12a",
    "1.2.3,4,5",
    "€",
    "-",
    "--5",
    "(5",
    "-5-",
    "(-5)",
    "12 5",
    "12eur5",
    "$ 12",
    "1,5,",
    ",5",
    "1..5",
]


@pytest.mark.parametrize(("written", "expected"), COMMA_FORMS)
def test_each_comma_form_reads_as_its_amount(written, expected):
    """Every way of writing an amount with a decimal comma reads as that amount."""
    assert read(written, style="comma") == [expected]


@pytest.mark.parametrize(("written", "expected"), DOT_FORMS)
def test_each_dot_form_reads_as_its_amount(written, expected):
    """Every way of writing an amount with a decimal point reads as that amount."""
    assert read(written, style="dot") == [expected]


@pytest.mark.parametrize(
    ("forms", "style"), [(COMMA_FORMS, "comma"), (DOT_FORMS, "dot")], ids=NUMBER_STYLES[::-1]
)
def test_a_column_of_all_forms_is_recognised_and_read(forms, style):
    """A column holding every form of one style is detected as that style and read."""
    column = pd.Series([written for written, _ in forms])
    assert detect_number_style(column, column="omzet") == style
    assert parse_amounts(column, column="omzet").tolist() == [amount for _, amount in forms]


@pytest.mark.parametrize("written", NOT_AMOUNTS)
@pytest.mark.parametrize("style", NUMBER_STYLES)
def test_text_that_is_no_amount_is_refused(written, style):
    """Words, stray letters, repeated signs or broken groups are not amounts."""
    problem = failure([written], style=style).problems[0]
    assert (problem.key, problem.params["value"]) == ("error.amount_not_number", written)


def test_empty_cells_become_nan():
    """None, NaN, pd.NA, empty text and spaces only (also no-break) are empty cells."""
    values = read("12,5", None, math.nan, pd.NA, "", "   ", "\u00a0\u202f")
    assert values[0] == 12.5
    assert all(math.isnan(v) for v in values[1:])


def test_excel_numbers_pass_through_unchanged():
    """A column of real numbers comes back as the same floats, index and name."""
    numbers = pd.Series([1234.56, -0.1, 1e-9, 12_345_678.901, math.nan], index=[4, 3, 9, 8, 7])
    assert_series_equal(parse_amounts(numbers, column="omzet"), numbers)
    whole = pd.Series([1, -2, 3], name="omzet")
    assert_series_equal(parse_amounts(whole, column="omzet"), whole.astype("float64"))
    nullable = pd.Series([1.5, None], dtype="Float64")
    assert parse_amounts(nullable, column="omzet").tolist()[0] == 1.5


def test_excel_numbers_and_text_mix_in_one_column():
    """Number cells pass through; text cells next to them are read in their style."""
    cells = pd.Series([1234.5, "1.234,50", None, 7, Decimal("0.10"), "€ -3,25"], dtype=object)
    values = parse_amounts(cells, column="omzet").tolist()
    assert math.isnan(values[2])
    assert values[:2] + values[3:] == [1234.5, 1234.5, 7.0, 0.1, -3.25]


def test_result_keeps_the_index_and_name_and_leaves_the_input_alone():
    """The result is float64 on the input's index; the caller's Series is not changed."""
    column = pd.Series(["1,5", "2"], index=["a", "b"], name="Bedrag")
    before = column.copy()
    result = parse_amounts(column, column="Bedrag")
    assert_series_equal(result, pd.Series([1.5, 2.0], index=["a", "b"], name="Bedrag"))
    assert_series_equal(column, before)


def test_two_decimals_read_as_the_nearest_float():
    """Each amount is exactly float() of the decimal written, also for big amounts."""
    written = ["0,10", "0,20", "0,30", "1.234.567,89", "-9.999.999.999.999,99"]
    expected = [float(w.replace(".", "").replace(",", ".")) for w in written]
    assert read(*written) == expected == [0.1, 0.2, 0.3, 1234567.89, -9999999999999.99]


@pytest.mark.parametrize(
    ("values", "style"),
    [
        (["12,5"], "comma"),
        (["1.234,56"], "comma"),
        (["1.234.567"], "comma"),
        (["0,125"], "comma"),
        (["1 234,5"], "comma"),
        (["1.234", "12,50"], "comma"),
        (["12.5"], "dot"),
        (["1,234.56"], "dot"),
        (["1,234,567"], "dot"),
        (["0.125"], "dot"),
        (["12,345", "7.25"], "dot"),
    ],
)
def test_decisive_evidence_decides_the_style(values, style):
    """A separator before 1-2 or 4+ digits, both separators, or a repeated one decide."""
    assert detect_number_style(pd.Series(values), column="omzet") == style


@pytest.mark.parametrize(
    "values",
    [
        ["1234", "-5", "(12)"],
        ["1 234", "12 345 678"],
        [1234.56, 12.5],
        [None, "", "  "],
        [],
        ["veel", "1234"],
    ],
)
def test_no_evidence_gives_no_style(values):
    """Whole numbers, space groups, real numbers and empty cells say nothing."""
    assert detect_number_style(pd.Series(values, dtype=object), column="omzet") is None


def example(lang: str, row: int, value: str) -> str:
    """The catalogue's "row 2: '12,5'" in a message's list of examples."""
    return text("error.amount_example", lang, row=row, value=value)


def not_an_amount(lang: str, row: int, value: str, example: str) -> str:
    """One problem line of an error: the catalogue's "- row 3, column 'omzet': ..."."""
    return "- " + text(
        "error.amount_not_number", lang, row=row, column="omzet", value=value, example=example
    )


def test_whole_numbers_read_the_same_without_a_style():
    """Without evidence whole numbers are read as they are, grouped or not."""
    assert read("1234", "-5", "(12)", "1 234", "€ 7") == [1234.0, -5.0, -12.0, 1234.0, 7.0]


CONFLICT = ["12,5", "1.234", "3.5", "7,25", "8,10"]


def test_conflicting_styles_are_an_error_with_an_example_of_each():
    """A column with decimal commas and decimal points names both, with counts."""
    with pytest.raises(InputError) as caught:
        detect_number_style(pd.Series(CONFLICT), column="omzet")
    # literal on purpose: the wording is what the user reads
    assert caught.value.message("nl") == (
        "Kolom 'omzet' mengt twee schrijfwijzen: 3 cellen met een decimale komma"
        " (bv. rij 2: '12,5') en 1 cel met een decimale punt (bv. rij 4: '3.5')."
        " Zet de kolom in één schrijfwijze, of kies zelf welke geldt (--number-style comma"
        ' of dot; in de notebook number_style="comma" of "dot"): de cellen in de'
        " andere schrijfwijze worden dan als fout gemeld."
    )
    assert caught.value.message("en") == text(
        "error.amount_conflict",
        "en",
        column="omzet",
        comma_count=3,
        comma_example=example("en", 2, "12,5"),
        dot_count=1,
        dot_example=example("en", 4, "3.5"),
    )
    assert failure(CONFLICT).message("en") == caught.value.message("en")


def test_choosing_the_style_reports_the_cells_written_the_other_way():
    """With the style given, a cell in the other style is an error that says so."""
    error = failure(CONFLICT, style="comma")
    for lang in ("nl", "en"):
        assert error.message(lang) == text(
            "error.amount_other_style",
            lang,
            row=4,
            column="omzet",
            value="3.5",
            other=text("error.amount_style_dot", lang),
            style=text("error.amount_style_comma", lang),
        )


AMBIGUOUS = ["1.234", "5", "12.345", "", "999.000", "7.500"]


def test_only_ambiguous_evidence_is_an_error_with_examples_and_a_way_out():
    """'1.234' alone cannot tell thousands from decimals: the message says what to do."""
    with pytest.raises(InputError) as caught:
        detect_number_style(pd.Series(AMBIGUOUS), column="omzet", first_row=5)
    # literal on purpose: the wording is what the user reads
    assert caught.value.message("nl") == (
        "Kolom 'omzet': aan de bedragen (bv. rij 5: '1.234', rij 7: '12.345',"
        " rij 9: '999.000') is niet te zien of de punt of de komma de decimalen aangeeft."
        " '1.234' kan duizend tweehonderdvierendertig zijn, of 1 komma 234. Exporteer de"
        " bedragen met twee cijfers na de komma, of kies zelf de schrijfwijze: decimale"
        " komma (1.234,56: --number-style comma) of decimale punt (1,234.56: --number-style"
        ' dot); in de notebook number_style="comma" of "dot".'
    )
    examples = [example("en", 5, "1.234"), example("en", 7, "12.345"), example("en", 9, "999.000")]
    assert caught.value.message("en") == text(
        "error.amount_ambiguous", "en", column="omzet", examples=", ".join(examples)
    )
    assert failure(AMBIGUOUS).problems[0].key == "error.amount_ambiguous"


def test_choosing_the_style_reads_an_ambiguous_column():
    """The caller's style settles what '1.234' means."""
    comma = read(*AMBIGUOUS, style="comma")
    dot = read(*AMBIGUOUS, style="dot")
    assert comma[:3] + comma[4:] == [1234.0, 5.0, 12345.0, 999000.0, 7500.0]
    assert dot[:3] + dot[4:] == [1.234, 5.0, 12.345, 999.0, 7.5]


def test_every_bad_cell_is_reported_at_once_with_row_column_and_value():
    """All cells that are not amounts come in one error, by spreadsheet row."""
    error = failure(["12,50", "veel", None, "12a", True, "1.2.3,4,5"])
    # literal on purpose: the wording is what the user reads
    assert error.message("nl") == (
        "4 problemen gevonden:\n"
        "- rij 3, kolom 'omzet': 'veel' is geen bedrag (schrijf bv. 1.234,56)\n"
        "- rij 5, kolom 'omzet': '12a' is geen bedrag (schrijf bv. 1.234,56)\n"
        "- rij 6, kolom 'omzet': 'True' is geen bedrag (schrijf bv. 1.234,56)\n"
        "- rij 7, kolom 'omzet': '1.2.3,4,5' is geen bedrag (schrijf bv. 1.234,56)"
    )
    bad = [(3, "veel"), (5, "12a"), (6, "True"), (7, "1.2.3,4,5")]
    lines = "\n".join(not_an_amount("en", row, value, "1.234,56") for row, value in bad)
    assert error.message("en") == text("error.problems", "en", source="", count=4, lines=lines)


def test_rows_count_from_first_row_and_long_lists_are_cut_at_ten():
    """first_row shifts the rows; after ten problems the message gives a count."""
    error = failure([f"x{i}" for i in range(25)], first_row=10)
    assert len(error.problems) == 25
    assert [p.params["row"] for p in error.problems[:2]] == [10, 11]
    message = error.message("en")
    first = not_an_amount("en", 10, "x0", "1234")
    assert message.startswith(text("error.problems", "en", source="", count=25, lines=first))
    tenth = not_an_amount("en", 19, "x9", "1234")
    assert message.endswith(f"{tenth}\n- " + text("error.more_problems", "en", count=15))


def test_an_unknown_style_is_refused_with_the_choices():
    """style='komma' is a programming mistake: the message lists dot and comma."""
    with pytest.raises(ValueError, match=r"'style' must be one of \['dot', 'comma'\]"):
        parse_amounts(pd.Series(["1"]), column="omzet", style="komma")


# Property tests: amounts written every way a person or package writes them.

NEGATIVE_FORMS = ["-{}", "- {}", "\u2212{}", "\u2212 {}", "({})", "{}-"]
CURRENCY_FORMS = ["{}", "€ {}", "€{}", "{} €", "EUR {}", "{} eur", "{}\u00a0€"]
GROUPS = {"comma": ["", ".", " ", "\u00a0", "\u202f"], "dot": ["", ",", " ", "\u00a0", "\u202f"]}

amounts = st.decimals(
    min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=2, allow_nan=False
)


@st.composite
def written_amounts(draw, style: str) -> tuple[str, Decimal]:
    """An amount and how someone could write it in ``style``."""
    amount = draw(amounts)
    whole, cents = f"{abs(amount):.2f}".split(".")
    group = draw(st.sampled_from(GROUPS[style]))
    if group:
        head = len(whole) % 3 or 3
        whole = group.join([whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)])
    text = whole + ("," if style == "comma" else ".") + cents
    if amount < 0:
        text = draw(st.sampled_from(NEGATIVE_FORMS)).format(text)
    return draw(st.sampled_from(CURRENCY_FORMS)).format(text), amount


@given(st.sampled_from(NUMBER_STYLES).flatmap(lambda s: st.tuples(st.just(s), written_amounts(s))))
def test_any_written_amount_reads_back_exactly(case):
    """An amount with two decimals, written any way, reads as float() of its decimal."""
    style, (written, amount) = case
    column = pd.Series([written])
    assert detect_number_style(column, column="omzet") == style
    assert parse_amounts(column, column="omzet").tolist() == [float(str(amount))]
    assert parse_amounts(column, column="omzet", style=style).tolist() == [float(str(amount))]


@given(
    st.sampled_from(NUMBER_STYLES).flatmap(
        lambda s: st.tuples(
            st.just(s),
            st.lists(st.one_of(written_amounts(s), st.sampled_from([None, "", " "])), min_size=1),
        )
    )
)
def test_a_column_of_written_amounts_and_empty_cells_reads_back_exactly(case):
    """A whole column mixing forms and empty cells reads back cell for cell."""
    style, cells = case
    column = pd.Series([c[0] if isinstance(c, tuple) else c for c in cells], dtype=object)
    expected = [float(str(c[1])) if isinstance(c, tuple) else None for c in cells]
    result = parse_amounts(column, column="omzet").tolist()
    assert [None if math.isnan(v) else v for v in result] == expected
    if any(isinstance(c, tuple) for c in cells):
        assert detect_number_style(column, column="omzet") == style


def test_numpy_float_cells_pass_through():
    """numpy floats in an object column are numbers, not text."""
    cells = pd.Series([np.float64(2.5), "3,5"], dtype=object)
    assert read(*cells) == [2.5, 3.5]


@pytest.mark.parametrize(
    "style, cells, expected",
    [
        ("dot", ["1,234.56", "-12.5", "1,000,000.01"], [1234.56, -12.5, 1_000_000.01]),
        ("comma", ["1.234,56", "-12,5", "1.000.000,01"], [1234.56, -12.5, 1_000_000.01]),
    ],
)
def test_grouped_plain_amounts_take_the_fast_path_in_both_styles(style, cells, expected):
    """Thousands separators come out in one Arrow pass in either style, and the result is what
    the regular expressions read."""
    from klantlib.core.amounts import _plain_amounts

    fast = _plain_amounts(pd.Series(cells, dtype="str"), np.ones(len(cells), bool), style)
    assert fast is not None
    assert fast.tolist() == pytest.approx(expected)
    read = parse_amounts(pd.Series(cells), column="amount", style=style)
    assert read.tolist() == pytest.approx(expected)
