"""Money amounts as people and accounting packages write them.

A column of amounts from a spreadsheet or an export can hold real numbers (Excel cells) or
text written in one of two number styles::

    "dot"    decimal point:  1,234.56   1234.56   -1,234.56   (1,234.56)
    "comma"  decimal comma:  1.234,56   1234,56   1 234,56    € -1.234,56   1.234,56-

:func:`detect_number_style` decides the style of a column from the evidence in all its cells;
:func:`parse_amounts` reads the column into floats. Both work on the whole column at once
(pandas ``.str`` methods with regular expressions that Python's ``re`` and pyarrow's RE2
both accept), so ten million cells take seconds, not minutes.

Evidence rules (a value "fits" a style when it is a valid amount in that style):

- fits only one style: decisive. ``12,5``, ``1.234,56``, ``1.234.567`` and ``0,125`` say
  comma; ``12.5``, ``1,234.56`` and ``1,234,567`` say dot. A group of thousands never
  starts with 0, so ``0,125`` can only be a decimal.
- fits both styles and holds a ``.`` or ``,``: ambiguous. ``1.234`` is 1234 with a decimal
  comma but 1.234 with a decimal point; one separator followed by exactly three digits.
- fits both styles without ``.`` or ``,`` (``1234``, ``-5``, ``1 234``): no evidence; the
  value is the same in both styles. A space only ever groups thousands.

Decisive values of both styles in one column are a conflict; ambiguous values without any
decisive value make the column ambiguous. Both are errors unless the caller names the style.

Not amounts: a lone ``-`` (how Excel's accounting format shows zero, but also "unknown"),
two signs (``(-5)``, ``-5-``), a group that is not three digits (``12 5``), thousands
grouped with two different separators in one value (``1 234.567,89``), a separator without
digits on both sides (``,5``, ``12,``), other currencies (``$ 12``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from klantlib.errors import MAX_KEPT, InputError, KlantlibError, Notice, Problem

__all__ = [
    "parse_typed_amount",
    "AMOUNT_PATTERNS",
    "NUMBER_STYLES",
    "UNITS_PER_EURO",
    "cents_half_up",
    "detect_number_style",
    "parse_amounts",
    "to_units",
]

UNITS_PER_EURO = 10_000
"""Amounts are added up exactly as whole ten-thousandths of a euro: a half cent (10.125)
stays a half cent until the one rounding at the end."""


def to_units(amounts: np.ndarray) -> np.ndarray:
    """Euro amounts (floats as read from ``10.125`` or ``2.675``) as exact whole
    ten-thousandths (int64): the float's error is far below one unit."""
    return np.rint(np.asarray(amounts, dtype="float64") * UNITS_PER_EURO).astype(np.int64)


def cents_half_up(units: np.ndarray) -> np.ndarray:
    """Whole ten-thousandths rounded once to cents, a half cent away from zero as bookkeeping
    rounds (10.125 → 10.13, -10.125 → -10.13); euros as floats."""
    units = np.asarray(units, dtype=np.int64)
    per_cent = UNITS_PER_EURO // 100
    cents = np.sign(units) * ((np.abs(units) + per_cent // 2) // per_cent)
    return cents / 100


NUMBER_STYLES: tuple[str, ...] = ("dot", "comma")
"""``"dot"``: ``.`` is the decimal point (``1,234.56``); ``"comma"``: ``,`` is (``1.234,56``)."""

MAX_EXAMPLES = 3
"""How many example cells an ambiguous-column message shows."""

_DECIMAL = {"dot": ".", "comma": ","}
_GROUP = {"dot": ",", "comma": "."}
_EXAMPLE = {"dot": "1,234.56", "comma": "1.234,56", None: "1234"}
_OTHER = {"dot": "comma", "comma": "dot"}
_STYLE_NAME = {
    "dot": Notice("error.amount_style_dot"),
    "comma": Notice("error.amount_style_comma"),
}

# The patterns are written for both Python's re and RE2 (pyarrow): no look-arounds, no
# back-references, no inline flags, and spaces listed one by one (RE2's \s is ASCII only).
_SPACE_CHARS = " \u00a0\u2007\u2009\u202f"  # space, no-break, figure, thin, narrow no-break
_S = f"[\t{_SPACE_CHARS}]*"
_CURRENCY = "(?:€|[Ee][Uu][Rr])"
_BLANK = _S
_NEGATIVE = "[-\u2212(]"  # in a valid amount these only ever mark it negative


def _amount_pattern(style: str) -> str:
    """A regular expression for a whole cell holding one amount written in ``style``."""
    decimal, group = (f"\\{_DECIMAL[style]}", f"\\{_GROUP[style]}")
    first = "[1-9][0-9]{0,2}"  # a group of thousands never starts with 0
    whole = f"(?:[0-9]+|{first}(?:{group}[0-9]{{3}})+|{first}(?:[{_SPACE_CHARS}][0-9]{{3}})+)"
    number = f"{whole}(?:{decimal}[0-9]+)?"
    before = f"{_S}(?:{_CURRENCY}{_S})?"
    after = f"(?:{_S}{_CURRENCY})?{_S}"
    # One branch per first character, so a failing cell is given up quickly: a sign, a
    # digit (plain or with a minus at the end) or an opening bracket.
    signed = f"[-\u2212+]{_S}(?:{_CURRENCY}{_S})?{number}{after}"
    plain = f"{number}{after}(?:[-\u2212]{after})?"
    brackets = f"\\({_S}(?:{_CURRENCY}{_S})?{number}{after}\\){after}"
    return f"{before}(?:{signed}|{plain}|{brackets})"


AMOUNT_PATTERNS: dict[str, str] = {style: _amount_pattern(style) for style in NUMBER_STYLES}
"""Per style, the regular expression (for Python's ``re`` and RE2) a whole cell holding one
amount matches; what :func:`parse_amounts` accepts as text."""


@dataclass(frozen=True)
class _Cells:
    """A column split by what its cells hold; positions, not index labels."""

    numbers: np.ndarray  # float64: the number cells, NaN elsewhere
    text: pd.Series | None  # "str" dtype: the text cells, NaN elsewhere; None if no text
    other: np.ndarray  # bool: cells that are neither empty, a number nor text (True, dates)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal | np.number) and not isinstance(
        value, bool | np.bool_
    )


def _cells(values: pd.Series) -> _Cells:
    """Split ``values`` into number cells, text cells and anything else."""
    size = len(values)
    nothing = np.zeros(size, dtype=bool)
    dtype = values.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return _Cells(np.full(size, np.nan), None, ~values.isna().to_numpy(bool))
    if pd.api.types.is_numeric_dtype(dtype):
        return _Cells(values.to_numpy(dtype="float64", na_value=np.nan), None, nothing)
    if isinstance(dtype, pd.StringDtype):
        return _Cells(np.full(size, np.nan), _as_text(values), nothing)
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind in ("string", "empty"):
        return _Cells(np.full(size, np.nan), _as_text(values), nothing)
    objects = values.to_numpy(dtype=object, copy=True)
    missing = values.isna().to_numpy(bool)
    if kind in ("floating", "integer", "mixed-integer-float", "decimal"):
        objects[missing] = np.nan
        return _Cells(objects.astype("float64"), None, nothing)
    # A mixed column (an Excel export with some text cells): look at each cell's type.
    is_number = values.map(_is_number).to_numpy(bool) & ~missing
    is_text = values.map(lambda value: isinstance(value, str)).to_numpy(bool)
    numbers = objects.copy()
    numbers[~is_number] = np.nan
    texts = objects.copy()
    texts[~is_text] = None
    return _Cells(
        numbers.astype("float64"),
        pd.Series(texts, dtype="str") if is_text.any() else None,
        ~(is_number | is_text | missing),
    )


def _as_text(values: pd.Series) -> pd.Series:
    """The cells as a "str" Series (missing = NaN) with positions as index."""
    return values.astype("str").reset_index(drop=True)


def _fits(text: pd.Series, style: str) -> np.ndarray:
    """Which cells hold one amount written in ``style``."""
    return text.str.fullmatch(AMOUNT_PATTERNS[style]).to_numpy(dtype=bool, na_value=False)


def _example(first_row: int, position: int, value: object) -> Notice:
    return Notice("error.amount_example", {"row": first_row + position, "value": value})


def _check_style(style: str | None) -> None:
    if style is not None and style not in NUMBER_STYLES:
        raise ValueError(f"'style' must be one of {list(NUMBER_STYLES)} (got {style!r})")


def _decide(
    text: pd.Series, column: str, first_row: int
) -> tuple[str | None, dict[str, np.ndarray]]:
    """The style the evidence shows, and which cells fit each style."""
    fits = {style: _fits(text, style) for style in NUMBER_STYLES}
    only = {
        "comma": fits["comma"] & ~fits["dot"],
        "dot": fits["dot"] & ~fits["comma"],
    }
    if only["comma"].any() and only["dot"].any():
        params: dict[str, object] = {"column": column}
        for style, mask in only.items():
            first = int(np.argmax(mask))
            params[f"{style}_count"] = int(mask.sum())
            params[f"{style}_example"] = _example(first_row, first, text.iat[first])
        raise InputError([Notice("error.amount_conflict", params)])
    for style in NUMBER_STYLES:
        if only[style].any():
            return style, fits
    both = fits["comma"] & fits["dot"]
    if both.any():
        separated = text.str.contains("[.,]", regex=True).to_numpy(dtype=bool, na_value=False)
        ambiguous = np.flatnonzero(both & separated)
        if ambiguous.size:
            examples = [_example(first_row, int(p), text.iat[p]) for p in ambiguous[:MAX_EXAMPLES]]
            raise InputError(
                [Notice("error.amount_ambiguous", {"column": column, "examples": examples})]
            )
    return None, fits


def detect_number_style(values: pd.Series, *, column: str, first_row: int = 2) -> str | None:
    """The number style (``"dot"`` or ``"comma"``) the cells of ``values`` show.

    ``None`` when no cell tells: whole numbers only (``1234``, ``-5``, ``1 234``), numbers
    from Excel, empty cells. Raises :class:`InputError` naming ``column`` when cells show
    both styles (with a count and an example of each) or when the only evidence is
    ambiguous (``1.234``, ``12,345``: a separator followed by exactly three digits).
    Example rows are counted as a spreadsheet shows them: position 0 is ``first_row``.
    Text that is not an amount in either style gives no evidence (:func:`parse_amounts`
    reports it).
    """
    text = _cells(values).text
    if text is None:
        return None
    return _decide(text, column, first_row)[0]


def parse_amounts(
    values: pd.Series, *, column: str, style: str | None = None, first_row: int = 2
) -> pd.Series:
    """Read a column of amounts into floats (NaN for empty cells), same index and name.

    Numbers (Excel cells) pass through unchanged. Text may carry spaces (also no-break and
    narrow no-break), ``€`` or ``EUR`` (any case) before or after, and a minus written as
    ``-123,45``, ``- 123``, ``− 123,45`` (the typographic minus), ``(123,45)`` or
    ``123,45-``. Thousands are grouped with the style's group separator or a space.

    ``style`` (``"dot"`` or ``"comma"``) says how the text is written; ``None`` lets
    :func:`detect_number_style` decide from the evidence, and raises its errors. With a
    style given, no detection happens: cells written in the other style are errors.

    Every cell that is not an amount becomes a problem naming its row (position 0 is
    ``first_row``), ``column`` and the value; all are raised together as one
    :class:`InputError`. Each result is the float nearest to the decimal written, exactly
    as ``float("1234.56")``.
    """
    _check_style(style)
    cells = _cells(values)
    text = cells.text
    fits: dict[str, np.ndarray] = {}
    if text is not None and style is None:
        style, fits = _decide(text, column, first_row)
    reading = style or "dot"  # no evidence: only whole numbers, the same in both styles
    fit = np.zeros(len(values), dtype=bool)
    if text is not None:
        fit = fits[reading] if reading in fits else _fits(text, reading)
    bad = _bad_cells(cells, fit)
    result = cells.numbers
    if text is not None and fit.any() and not bad.any():
        amounts = _plain_amounts(text, fit, reading)
        if amounts is None:
            digits = text.where(fit).str.replace(f"[^0-9{_DECIMAL[reading]}]", "", regex=True)
            if reading == "comma":
                digits = digits.str.replace(",", ".", regex=False)
            amounts = digits.astype("float64").to_numpy()
            negative = text.str.contains(_NEGATIVE, regex=True).to_numpy(dtype=bool, na_value=False)
            amounts = np.where(negative, -amounts, amounts)
        result = np.where(fit, amounts, result)
        bad = fit & np.isinf(result)  # hundreds of digits: too large for any amount
    if bad.any():
        positions = np.flatnonzero(bad)
        problems = _problems(values, text, positions[:MAX_KEPT], style, column, first_row)
        raise InputError(problems, count=positions.size)
    return pd.Series(result, index=values.index, name=values.name, dtype="float64")


def _plain_amounts(text: pd.Series, fit: np.ndarray, style: str) -> np.ndarray | None:
    """The fitting cells as floats when all of them are plain (``-1.234,56``, ``1234.56``).

    The fast path for long columns: the group separator out, a decimal comma to a point and
    one cast, all in Arrow. ``None`` when some fitting cell has more than digits, separators
    and a leading minus (``€``, spaces, brackets, a minus at the end): the caller then reads
    the column with regular expressions. Cells that do not fit become NaN.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    cells = pa.array(text.array)
    if isinstance(cells, pa.ChunkedArray):
        cells = cells.combine_chunks()
    if not fit.all():
        cells = pc.if_else(pa.array(fit), cells, pa.scalar(None, cells.type))
    steps = [(_GROUP[style], "")]  # the group separator out …
    if style == "comma":
        steps.append((",", "."))  # … then a decimal comma to a point
    for separator, point in steps:
        if _holds_byte(cells, separator):
            cells = pc.replace_substring(cells, separator, point)
    try:
        numbers = pc.cast(cells, pa.float64())
    except pa.ArrowInvalid:  # a cell that is not plain: the regular expressions read it
        return None
    return numbers.to_numpy(zero_copy_only=False)


def _holds_byte(cells, character: str) -> bool:
    """Whether any cell of an Arrow string array holds ``character`` (one ASCII byte)."""
    data = cells.buffers()[2]
    return data is not None and re.search(re.escape(character.encode()), data) is not None


def _bad_cells(cells: _Cells, fit: np.ndarray) -> np.ndarray:
    """Cells that are neither empty, a number, nor text that ``fit`` says is an amount."""
    bad = cells.other.copy()
    text = cells.text
    if text is not None:
        unfit = np.flatnonzero(text.notna().to_numpy(dtype=bool) & ~fit)
        if unfit.size:
            blank = text.iloc[unfit].str.fullmatch(_BLANK).to_numpy(dtype=bool, na_value=False)
            bad[unfit[~blank]] = True
    return bad


def _problems(
    values: pd.Series,
    text: pd.Series | None,
    positions: np.ndarray,
    style: str | None,
    column: str,
    first_row: int,
) -> list[Problem]:
    """One problem per bad cell, in row order; says so when it is in the other style."""
    other = _OTHER.get(style) if style is not None else None
    in_other = np.zeros(positions.size, dtype=bool)
    if other is not None and text is not None:
        in_other = _fits(text.iloc[positions], other)
    problems: list[Problem] = []
    raw = values.iloc[positions].tolist()
    for position, value, other_style in zip(positions.tolist(), raw, in_other, strict=True):
        where = {"row": first_row + position, "column": column, "value": value}
        if other_style:
            assert style is not None and other is not None  # only a style with an other is here
            names = {"style": _STYLE_NAME[style], "other": _STYLE_NAME[other]}
            problems.append(Notice("error.amount_other_style", {**where, **names}))
        else:
            example = {"example": _EXAMPLE[style]}
            problems.append(Notice("error.amount_not_number", {**where, **example}))
    return problems


def parse_typed_amount(typed: str) -> float:
    """One amount in euro as someone types it (a threshold in the band picker or on the
    command line): ``10.000``, ``€ 10 000``, ``10000``, ``10,000``,
    ``12.500,50`` or ``12,500.50``.

    The number style is what the text shows; a single ``.`` or ``,`` before three digits is a
    thousands separator (a threshold of ten euro is written ``10``, not ``10.000``).
    """
    value = str(typed).strip()
    if not value:
        raise KlantlibError("picker.no_amount")
    fits = {
        style: re.fullmatch(pattern, value) is not None
        for style, pattern in AMOUNT_PATTERNS.items()
    }
    if fits["comma"] and fits["dot"]:
        style = "comma" if "." in value else "dot"
    elif fits["comma"] or fits["dot"]:
        style = "comma" if fits["comma"] else "dot"
    else:
        raise KlantlibError("picker.bad_amount", value=value)
    amounts = parse_amounts(pd.Series([value], dtype=object), column="", style=style)
    amount = float(amounts.iloc[0])
    if not math.isfinite(amount):
        raise KlantlibError("picker.bad_amount", value=value)
    return amount
