"""The full report of the sample session, next to a plain pandas + matplotlib baseline.

Run: `make bench` (or `python benchmarks/bench_report.py`). In a scratch folder it makes a
session of the sample customers (`data/voorbeeld/klanten.csv`, thresholds € 10,000 and
€ 50,000) with An's answers (`antwoorden_an.csv`), and measures in-process, median of 3:

* **report**: open the session, segment An's answers, and `write_report` with An's answer
  sheet and the matrix: segments.csv, crm.csv, report.xlsx, report.html, matrix.png and
  matrix.pdf, with the matrix of `klantlib.reports.matrix.matrix_chart`.
* **baseline** in the same run: the same tables written with plain pandas
  (`DataFrame.to_csv` twice, `DataFrame.to_excel` of the customers, summary and answer sheets,
  `DataFrame.to_html` of the customers and summary) and the same matrix figure saved as PNG and
  PDF: what any report of these tables costs, without formats, protection or atomic writes.

The goal: the report within 10 s. Exit status 1 when it is missed.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from timing import median_seconds

from klantlib.core.bands import Thresholds
from klantlib.core.method import segment_customers
from klantlib.reports.reasons import segment_reasons
from klantlib.reports.report import A4_LANDSCAPE, write_report
from klantlib.store.answer_files import import_answers
from klantlib.store.workspace import create_session, open_session

GOAL_SECONDS = 10.0
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "voorbeeld"


def the_matrix() -> tuple[str, Callable]:
    from klantlib.reports.matrix import matrix_chart

    return "klantlib.reports.matrix.matrix_chart", matrix_chart


def report(workspace: Path, out: Path, matrix: Callable) -> dict[str, Path]:
    with open_session("bench", workspace=workspace) as session:
        answers = {p: session.answer_table(p) for p in session.participants()}
        result = segment_customers(
            session.customers(),
            answers["An"],
            thresholds=session.thresholds,
            grid=session.grid,
        )
    return write_report(result, out, lang="nl", answers=answers, matrix=matrix, session="bench")


def baseline(workspace: Path, out: Path, matrix: Callable) -> None:
    with open_session("bench", workspace=workspace) as session:
        answers = session.answer_table("An")
        result = segment_customers(session.customers(), answers, thresholds=session.thresholds)
    out.mkdir(parents=True, exist_ok=True)
    table = result.segments.assign(reason=segment_reasons(result.customers, "nl"))
    table.to_csv(out / "segments.csv", index=False)
    table[["customer_id", "name", "segment"]].to_csv(out / "crm.csv", index=False)
    with pd.ExcelWriter(out / "report.xlsx", engine="openpyxl") as excel:
        table.to_excel(excel, sheet_name="klanten", index=False)
        result.summary.to_excel(excel, sheet_name="samenvatting")
        answers.to_excel(excel, sheet_name="antwoorden An", index=False)
    page = result.summary.to_html() + table.to_html(index=False)
    (out / "report.html").write_text(page, encoding="utf-8")
    figure = matrix(result, lang="nl").figure
    figure.set_size_inches(*A4_LANDSCAPE)
    figure.savefig(out / "matrix.png", dpi=150)
    figure.savefig(out / "matrix.pdf")
    plt.close(figure)


def main() -> int:
    customers = pd.read_csv(SAMPLE / "klanten.csv", dtype={"customer_id": str})
    matrix_name, matrix = the_matrix()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        with create_session(
            "bench", customers, thresholds=Thresholds(10_000, 50_000), workspace=folder
        ) as session:
            import_answers(session, "An", SAMPLE / "antwoorden_an.csv")
        files = report(folder, folder / "report", matrix)
        ours = median_seconds(lambda: report(folder, folder / "report", matrix), repeat=3)
        floor = median_seconds(lambda: baseline(folder, folder / "baseline", matrix), repeat=3)
        sizes = ", ".join(
            f"{name} {path.stat().st_size / 1024:.0f} KB" for name, path in files.items()
        )

    print(f"customers: {len(customers)}; answers: An; thresholds € 10,000 / € 50,000")
    print(f"matrix: {matrix_name}")
    print(f"files: {sizes}")
    print(
        f"full report (median of 3): {ours:.3f} s   baseline pandas to_csv/to_excel/to_html +"
        f" savefig png/pdf: {floor:.3f} s   ratio {ours / floor:.1f}x   goal <= {GOAL_SECONDS} s"
    )
    ok = ours <= GOAL_SECONDS
    print("result:", "within goal" if ok else "OVER GOAL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
