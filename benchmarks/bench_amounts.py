"""How long reading written amounts takes, next to plain conversion of clean numbers.

Run: `python benchmarks/bench_amounts.py [N] [REPEAT]` (default 10,000,000 values, median of
3 runs). The values are amounts as a Flemish accounting export writes them: decimal comma,
thousands grouped with a dot, about one in five negative (`-1.234,56`, `(1.234,56)`,
`1.234,56-`), some with `€`. The baseline, measured on the same amounts in the same run, is
`pd.to_numeric` on the values already cleaned to plain `1234.56` text: the cost of the
conversion alone. `parse_amounts` adds style detection, checking every cell, and cleaning.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
from timing import median_seconds

from klantlib.core.amounts import parse_amounts

DISTINCT = 200_000


def written_amounts(n: int, seed: int = 7) -> tuple[pd.Series, pd.Series, np.ndarray]:
    """``n`` amounts as written text, the same as plain text, and their signs."""
    rng = np.random.default_rng(seed)
    cents = rng.integers(0, 10**9, DISTINCT) // rng.choice([1, 10, 100, 1000], DISTINCT)
    forms = rng.choice(
        ["{}", "-{}", "({})", "{}-", "€ {}", "€ -{}"],
        DISTINCT,
        p=[0.6, 0.08, 0.04, 0.04, 0.16, 0.08],
    )
    comma_to_dot = str.maketrans(",.", ".,")
    written, plain, sign = [], [], []
    for cent, form in zip(cents.tolist(), forms.tolist(), strict=True):
        number = f"{cent // 100:,}.{cent % 100:02d}"
        written.append(form.format(number.translate(comma_to_dot)))
        plain.append(f"{cent // 100}.{cent % 100:02d}")
        sign.append(-1.0 if "-" in form or "(" in form else 1.0)
    picks = rng.integers(0, DISTINCT, n)
    return (
        pd.Series(np.array(written, dtype=object)[picks], dtype="str"),
        pd.Series(np.array(plain, dtype=object)[picks], dtype="str"),
        np.array(sign)[picks],
    )


def main(n: int = 10_000_000, repeat: int = 3) -> int:
    written, plain, sign = written_amounts(n)
    read = parse_amounts(written, column="bedrag")
    expected = pd.to_numeric(plain).to_numpy() * sign
    assert np.array_equal(read.to_numpy(), expected), "parse_amounts read a value wrong"
    ours = median_seconds(lambda: parse_amounts(written, column="bedrag"), repeat)
    floor = median_seconds(lambda: pd.to_numeric(plain), repeat)
    try:
        import pyarrow

        arrow = f"pyarrow {pyarrow.__version__}"
    except ImportError:
        arrow = "no pyarrow"
    print(f"values: {n:,}  (pandas {pd.__version__}, {arrow}, str dtype {written.dtype!r})")
    print(f"parse_amounts, comma style (median of {repeat}): {ours:.2f} s")
    print(f"baseline pd.to_numeric on plain '1234.56' (median of {repeat}): {floor:.2f} s")
    print(f"ratio: {ours / floor:.1f}x")
    return 0


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:3]]
    sys.exit(main(*arguments))
