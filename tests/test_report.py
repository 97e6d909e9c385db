"""The report: segments.csv, crm.csv, report.xlsx, report.html and the matrix as PNG and PDF."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from klantlib import KlantlibError, Thresholds, segment_customers
from klantlib.cli import main
from klantlib.reports.report import REPORT_FILES, write_report
from klantlib.store.answer_files import import_answers
from klantlib.store.workspace import create_session

plt = pytest.importorskip("matplotlib.pyplot")

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "voorbeeld"

TRICKY = [
    ("007", "=SUM(A1)", 80_000.0),
    ("012", 'Café "De Zon"; bv', 55_000.0),
    ("3", "+32 475", 20_000.0),
    ("4", "-5 korting", 12_000.0),
    ("5", "@home", 9_000.0),
    ("6", "Brasserie <b>&amp;</b> 't Hoekske", 500.0),
    ("7", "#N/A", 100.0),
]
NAMES = [name for _, name, _ in TRICKY]


@pytest.fixture(autouse=True)
def _no_figures_left():
    """Every test leaves no matplotlib figure open."""
    yield
    assert plt.get_fignums() == []


@pytest.fixture
def result():
    customers = pd.DataFrame(TRICKY, columns=["customer_id", "name", "revenue"])
    answers = pd.DataFrame(
        {
            "customer_id": ["007", "012", "3"],
            "marge": ["ja", "nee", "ja"],
            "netwerk": ["ja", "ja", "?"],
        }
    )
    return segment_customers(customers, answers, thresholds=(10_000, 50_000))


@pytest.fixture
def answers():
    return {
        "An": pd.DataFrame({"customer_id": ["007", "3"], "marge": ["ja", "nee"]}),
        "Pieter": pd.DataFrame({"customer_id": ["012"], "innovatie": ["?"]}),
    }


@pytest.fixture
def plan():
    return pd.DataFrame(
        {
            "approach": ["proactive", "proactive", "reactive"],
            "contacts_per_year": [12.0, 4.0, 2.0],
            "eigen kolom": ["=bezoek", "bel", "mail"],
        },
        index=pd.Index(["A", "B", "C"], name="segment"),
    )


calls: list[dict[str, object]] = []


def simple_matrix(result, *, lang=None, ax=None):
    """A stand-in for the matrix chart: a bar per segment on the Axes given."""
    calls.append({"lang": lang, "customers": len(result.customers)})
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    summary = result.summary
    ax.bar(list(summary.index), summary["customers"].tolist())
    ax.set_title(f"matrix ({lang})")
    return ax


def written(tmp_path, result, **options):
    options.setdefault("lang", "nl")
    return write_report(result, tmp_path / "out", **options)


def sheet_values(sheet) -> list[list[object]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".klantlib-"))


# ------------------------------------------------------------------------------------------
# The files
# ------------------------------------------------------------------------------------------


def test_every_file_is_written_into_a_new_folder(tmp_path, result, answers, plan):
    """All six files, in order, in a folder made on the way; no temporary file left."""
    files = write_report(
        result, tmp_path / "a" / "b", lang="en", answers=answers, plan=plan, matrix=simple_matrix
    )
    assert list(files) == list(REPORT_FILES)
    assert all(path == tmp_path / "a" / "b" / name for name, path in files.items())
    assert sorted(p.name for p in (tmp_path / "a" / "b").iterdir()) == sorted(REPORT_FILES)


def test_without_a_matrix_there_is_no_png_or_pdf(tmp_path, result):
    """No matrix function: the four table files only, and no image in the page."""
    files = written(tmp_path, result)
    assert list(files) == ["segments.csv", "crm.csv", "report.xlsx", "report.html"]
    assert "<img" not in files["report.html"].read_text(encoding="utf-8")


def test_segments_csv_is_the_one_the_segment_command_always_wrote(tmp_path, result):
    """segments.csv: the export's columns, Dutch bands, formula-looking names with an apostrophe."""
    table = pd.read_csv(written(tmp_path, result)["segments.csv"], dtype={"customer_id": str})
    assert list(table.columns) == [
        "customer_id",
        "name",
        "revenue",
        "band",
        "score",
        "segment",
        "reason",
    ]
    assert table["name"].tolist()[:3] == ["'=SUM(A1)", 'Café "De Zon"; bv', "'+32 475"]
    assert table["band"].tolist()[0] == "groot"


def test_crm_csv_is_id_name_segment(tmp_path, result):
    """crm.csv: exactly three columns, UTF-8, names quoted where CSV needs it, formula-safe."""
    content = written(tmp_path, result)["crm.csv"].read_bytes().decode("utf-8")
    assert content == (
        "customer_id,name,segment\n"
        "007,'=SUM(A1),A\n"
        '012,"Café ""De Zon""; bv",B\n'
        "3,'+32 475,C\n"
        "4,'-5 korting,C\n"
        "5,'@home,C\n"
        "6,Brasserie <b>&amp;</b> 't Hoekske,C\n"
        "7,#N/A,C\n"
    )


def test_out_dir_that_is_a_file_is_refused(tmp_path, result):
    """A file where the folder should be: a clear error, the file untouched."""
    target = tmp_path / "out"
    target.write_text("not a folder", encoding="utf-8")
    with pytest.raises(KlantlibError, match="exists and is not a folder|is geen map"):
        written(tmp_path, result)
    assert target.read_text(encoding="utf-8") == "not a folder"


def test_a_failure_half_way_leaves_no_file(tmp_path, result, monkeypatch):
    """The page fails after the CSVs and the workbook: no file at all, no temporary left."""
    import klantlib.reports.report

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(klantlib.reports.report, "_html", broken)
    with pytest.raises(OSError, match="No space left"):
        written(tmp_path, result, matrix=simple_matrix)
    assert list((tmp_path / "out").iterdir()) == []


def test_a_failure_keeps_the_previous_report_as_it_was(tmp_path, result, monkeypatch):
    """A second run that fails while saving the workbook leaves the first report intact."""
    first = written(tmp_path, result, matrix=simple_matrix)
    before = {name: path.read_bytes() for name, path in first.items()}

    def full_disk(self, filename):
        Path(filename).write_bytes(b"PK\x03\x04half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", full_disk)
    with pytest.raises(OSError):
        written(tmp_path, result, lang="en", matrix=simple_matrix)
    assert {name: path.read_bytes() for name, path in first.items()} == before
    assert leftovers(tmp_path / "out") == []


def test_a_failing_matrix_writes_nothing(tmp_path, result):
    """The matrix function raises: nothing is written, and its error comes through."""

    def broken(result, *, lang=None, ax=None):
        raise ValueError("no chart today")

    with pytest.raises(ValueError, match="no chart today"):
        written(tmp_path, result, matrix=broken)
    assert list((tmp_path / "out").iterdir()) == []


# ------------------------------------------------------------------------------------------
# report.xlsx
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "sheets", "headers"),
    [
        (
            "nl",
            ["klanten", "samenvatting", "plan", "antwoorden An", "antwoorden Pieter"],
            ["klantnr", "klant", "omzet", "omzetklasse", "score", "segment", "waarom"],
        ),
        (
            "en",
            ["customers", "summary", "plan", "answers An", "answers Pieter"],
            ["customer id", "customer", "revenue", "band", "score", "segment", "reason"],
        ),
    ],
)
def test_workbook_sheets_and_headers_are_in_the_language(
    tmp_path, result, answers, plan, lang, sheets, headers
):
    """Sheet names and the customer headers follow the language."""
    path = written(tmp_path, result, lang=lang, answers=answers, plan=plan)["report.xlsx"]
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == sheets
    assert sheet_values(book[sheets[0]])[0] == headers


def test_customers_sheet_has_every_customer_with_money_in_euro(tmp_path, result):
    """One row per customer, by segment, then largest first; revenue a number shown in €, band
    in the language."""
    book = openpyxl.load_workbook(written(tmp_path, result)["report.xlsx"])
    sheet = book["klanten"]
    rows = sheet_values(sheet)[1:]
    assert [row[0] for row in rows] == ["007", "012", "3", "4", "5", "6", "7"]
    assert rows[0][2:6] == [80_000, "groot", 2, "A"]
    assert rows[0][6] == "A: groot, 2× ja: Marge, Netwerk; open: Cashflow, Innovatie"
    money = [sheet.cell(row=r, column=3) for r in range(2, 9)]
    assert all(cell.data_type == "n" and "€" in cell.number_format for cell in money)
    assert all(cell.font.bold for cell in sheet[1])


def test_header_row_is_frozen_and_filtered(tmp_path, result, answers):
    """Customers and answer sheets: header frozen at A2 and an autofilter over the table."""
    book = openpyxl.load_workbook(written(tmp_path, result, answers=answers)["report.xlsx"])
    assert book["klanten"].freeze_panes == "A2"
    assert book["klanten"].auto_filter.ref == "A1:G8"
    assert book["antwoorden An"].freeze_panes == "A2"
    assert book["antwoorden An"].auto_filter.ref == "A1:F8"
    assert book["samenvatting"].freeze_panes == "A2"


def test_column_widths_fit_their_content(tmp_path, result):
    """Widths between 8 and 60 characters; the name column wider than the score column."""
    sheet = openpyxl.load_workbook(written(tmp_path, result)["report.xlsx"])["klanten"]
    widths = {c: sheet.column_dimensions[c].width for c in "ABCDEFG"}
    assert all(8 <= width <= 60 for width in widths.values())
    assert widths["B"] >= len("Brasserie <b>&amp;</b> 't Hoekske") > widths["E"]


def test_summary_sheet_has_customers_revenue_and_share_per_segment(tmp_path, result):
    """A, B, C and a total; money in €, shares as a percentage; the thresholds line below."""
    sheet = openpyxl.load_workbook(written(tmp_path, result, lang="en")["report.xlsx"])["summary"]
    rows = sheet_values(sheet)
    assert rows[0] == ["segment", "customers", "revenue", "share of revenue"]
    assert rows[1:5] == [
        ["A", 1, 80_000, pytest.approx(80 / 176.6)],
        ["B", 1, 55_000, pytest.approx(55 / 176.6)],
        ["C", 5, pytest.approx(41_600), pytest.approx(41.6 / 176.6)],
        ["total", 7, pytest.approx(176_600), pytest.approx(1.0)],
    ]
    assert sheet["C2"].number_format.startswith('"€"')
    assert sheet["D2"].number_format == "0.0%"
    notes = [row[0] for row in rows[5:] if row[0]]
    assert notes[0] == "Revenue bands: medium from €10,000, large from €50,000."


def test_no_cell_is_ever_a_formula(tmp_path, result, answers, plan):
    """Names like =SUM(A1), +32 475, -5 korting, @home, #N/A are text in every sheet."""
    path = written(tmp_path, result, answers=answers, plan=plan)["report.xlsx"]
    book = openpyxl.load_workbook(path)
    types = {cell.data_type for sheet in book for row in sheet.iter_rows() for cell in row}
    assert "f" not in types and "e" not in types
    sheet = book["klanten"]
    for row in range(2, 9):
        name = sheet.cell(row=row, column=2)
        assert name.data_type == "s"
        assert name.quotePrefix == name.value.startswith(("=", "+", "-", "@", "#"))
    assert book["plan"]["D2"].value == "=bezoek" and book["plan"]["D2"].data_type == "s"


def test_names_with_quotes_semicolons_and_accents_round_trip_exactly(tmp_path, result, answers):
    """The names read back from the workbook are the names given, character for character."""
    book = openpyxl.load_workbook(written(tmp_path, result, answers=answers)["report.xlsx"])
    assert [row[1] for row in sheet_values(book["klanten"])[1:]] == NAMES
    assert [row[1] for row in sheet_values(book["antwoorden Pieter"])[1:]] == NAMES


def test_plan_sheet_has_one_row_per_segment_with_its_own_columns(tmp_path, result, plan):
    """The plan's index becomes the segment column; unknown columns keep their name."""
    book = openpyxl.load_workbook(written(tmp_path, result, plan=plan)["report.xlsx"])
    assert sheet_values(book["plan"]) == [
        ["segment", "aanpak", "contacten per jaar", "eigen kolom"],
        ["A", "proactief", 12, "=bezoek"],
        ["B", "proactief", 4, "bel"],
        ["C", "reactief", 2, "mail"],
    ]


def test_the_plan_of_a_session_reads_in_the_reports_language(tmp_path):
    """A Dutch report of a stored plan: headers, approach and channels in Dutch, in the
    workbook and on the page alike (no 'proactive', no 'visit,video')."""
    from klantlib.core.bands import Thresholds
    from klantlib.core.plan import default_plan
    from klantlib.reports.report import write_session_report
    from klantlib.store.workspace import create_session

    customers = pd.DataFrame(
        {"customer_id": ["1", "2"], "name": ["Een", "Twee"], "revenue": [9_000.0, 100.0]}
    )
    with create_session("s", customers, workspace=tmp_path / "w") as session:
        session.set_thresholds(Thresholds(1_000, 5_000))
        session.set_plan(default_plan())
        files = write_session_report(session, tmp_path / "r", lang="nl")
    rows = sheet_values(openpyxl.load_workbook(files["report.xlsx"])["plan"])
    assert rows[0][:4] == ["segment", "aanpak", "kanalen", "contacten per jaar"]
    assert rows[1][:4] == ["A", "proactief", "bezoek, videogesprek, telefoon", 12]
    assert rows[3][:3] == ["C", "reactief", "e-mail, nieuwsbrief"]
    page_text = files["report.html"].read_text(encoding="utf-8")
    for english in ("proactive", "reactive", "visit", "approach", "channels", "newsletter"):
        assert english not in page_text


def test_answer_sheets_show_each_participants_answers(tmp_path, result, answers):
    """One sheet per participant: every customer, answers as ja / nee / ?, in their order."""
    book = openpyxl.load_workbook(written(tmp_path, result, answers=answers)["report.xlsx"])
    rows = sheet_values(book["antwoorden An"])
    assert rows[0] == ["klantnr", "klant", "Marge", "Cashflow", "Innovatie", "Netwerk"]
    assert rows[1] == ["007", "=SUM(A1)", "ja", "?", "?", "?"]
    assert rows[3] == ["3", "+32 475", "nee", "?", "?", "?"]
    assert rows[2] == ["012", 'Café "De Zon"; bv', None, None, None, None]


def test_sheet_names_are_ones_excel_accepts(tmp_path, result):
    """Forbidden characters replaced, at most 31 characters, never the same name twice."""
    odd = pd.DataFrame({"customer_id": ["007"], "marge": ["ja"]})
    names = {"a/b:c*?[x]": odd, "Een heel erg lange naam van een deelnemer": odd, "A/B:C": odd}
    book = openpyxl.load_workbook(written(tmp_path, result, answers=names)["report.xlsx"])
    titles = book.sheetnames[2:]
    assert titles[0] == "antwoorden a_b_c___x_"
    assert all(len(t) <= 31 and not re.search(r"[\[\]:*?/\\]", t) for t in titles)
    assert len({t.casefold() for t in titles}) == 3


# ------------------------------------------------------------------------------------------
# report.html
# ------------------------------------------------------------------------------------------


class Page(HTMLParser):
    """What a page holds: its tags with attributes, and the text of every table cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.tables: list[list[list[str]]] = []
        self.headings: list[str] = []
        self._cell: list[str] | None = None
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("h1", "h2"):
            self._heading = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None
        elif tag in ("h1", "h2") and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None

    def handle_data(self, data):
        for part in (self._cell, self._heading):
            if part is not None:
                part.append(data)


def page(path: Path) -> Page:
    parsed = Page()
    parsed.feed(path.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


def test_page_is_one_file_without_scripts_or_links(tmp_path, result, plan):
    """No script, no stylesheet link, and every src or href is a data: URI."""
    parsed = page(written(tmp_path, result, plan=plan, matrix=simple_matrix)["report.html"])
    names = [tag for tag, _ in parsed.tags]
    assert "script" not in names and "link" not in names and "iframe" not in names
    assert "style" in names
    references = [
        value for _, attrs in parsed.tags for key, value in attrs.items() if key in ("src", "href")
    ]
    assert references and all(value.startswith("data:") for value in references)
    assert not any(key.startswith("on") for _, attrs in parsed.tags for key in attrs)


def test_page_embeds_the_matrix_png(tmp_path, result):
    """The image in the page is matrix.png; the matrix was drawn once, in the language."""
    calls.clear()
    files = written(tmp_path, result, lang="en", matrix=simple_matrix)
    images = [attrs for tag, attrs in page(files["report.html"]).tags if tag == "img"]
    assert len(images) == 1
    prefix = "data:image/png;base64,"
    assert images[0]["src"].startswith(prefix)
    assert base64.b64decode(images[0]["src"][len(prefix) :]) == files["matrix.png"].read_bytes()
    assert images[0]["alt"]
    assert calls == [{"lang": "en", "customers": 7}]


def test_page_has_the_title_summary_customers_and_plan_in_the_language(tmp_path, result, plan):
    """Headings in English, the thresholds line, and the three tables in that order."""
    path = written(tmp_path, result, lang="en", plan=plan, matrix=simple_matrix, session="Q4")
    parsed = page(path["report.html"])
    assert parsed.headings == [
        "Customer value: segments A, B and C",
        "The matrix",
        "Per segment",
        "All customers",
        "Plan per segment",
    ]
    content = path["report.html"].read_text(encoding="utf-8")
    assert '<html lang="en">' in content
    assert "Session Q4. Revenue bands: medium from €10,000, large from €50,000." in content
    summary, customers, plan_table = parsed.tables
    assert summary[0] == ["segment", "customers", "revenue", "share of revenue"]
    assert summary[1] == ["A", "1", "€80,000", "45.3%"]
    assert summary[-1][0] == "total"
    assert customers[0] == [
        "customer id",
        "customer",
        "revenue",
        "band",
        "score",
        "segment",
        "reason",
    ]
    assert len(customers) == 1 + len(TRICKY)
    assert plan_table[1] == ["A", "proactive", "12", "=bezoek"]


def test_page_escapes_every_name(tmp_path, result):
    """Names come back exactly from the parsed page; markup in a name is shown, not obeyed."""
    path = written(tmp_path, result)["report.html"]
    customers = page(path).tables[1]
    assert [row[1] for row in customers[1:]] == NAMES
    content = path.read_text(encoding="utf-8")
    assert "<b>" not in content
    assert "Brasserie &lt;b&gt;&amp;amp;&lt;/b&gt; &#x27;t Hoekske" in content
    assert "Café &quot;De Zon&quot;; bv" in content


def test_page_and_pdf_are_the_same_on_a_second_run(tmp_path, result):
    """The same inputs give the same page and the same PDF, byte for byte."""
    first = write_report(result, tmp_path / "1", lang="nl", matrix=simple_matrix)
    second = write_report(result, tmp_path / "2", lang="nl", matrix=simple_matrix)
    for name in ("report.html", "matrix.pdf", "crm.csv", "segments.csv"):
        assert first[name].read_bytes() == second[name].read_bytes(), name


# ------------------------------------------------------------------------------------------
# matrix.png and matrix.pdf
# ------------------------------------------------------------------------------------------


def test_pdf_is_one_a4_landscape_page(tmp_path, result):
    """One page, 841.7 × 595.4 points (A4 landscape), whatever size the chart was drawn at."""
    pdf = written(tmp_path, result, matrix=simple_matrix)["matrix.pdf"].read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert len(boxes) == 1
    x0, y0, width, height = (float(v) for v in boxes[0])
    assert (x0, y0) == (0, 0)
    assert width == pytest.approx(841.89, abs=1) and height == pytest.approx(595.28, abs=1)


def test_png_is_the_same_figure_at_a4_proportions(tmp_path, result):
    """matrix.png is a PNG of 11.69 × 8.27 inches at 150 dpi."""
    png = written(tmp_path, result, matrix=simple_matrix)["matrix.png"].read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1753, 1240) or (width, height) == (1754, 1240)


# ------------------------------------------------------------------------------------------
# The command line
# ------------------------------------------------------------------------------------------


def test_segment_command_writes_the_report_and_names_every_file(tmp_path, capsys):
    """segment --out DIR: the report's files, one 'Written:' line for each, in English."""
    out = tmp_path / "out"
    code = main(
        [
            "segment",
            str(SAMPLE / "klanten.csv"),
            "--answers",
            str(SAMPLE / "antwoorden_an.csv"),
            "--bands",
            "10000,50000",
            "--lang",
            "en",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Written")]
    names = sorted(p.name for p in out.iterdir())
    assert lines == [f"Written: {out / name}" for name in REPORT_FILES if name in names]
    assert {"segments.csv", "crm.csv", "report.xlsx", "report.html"} <= set(names)
    sheets = openpyxl.load_workbook(out / "report.xlsx").sheetnames
    assert sheets == ["customers", "summary", "per account manager"]  # the sample has managers


def test_segment_from_a_session_puts_every_participants_answers_in_the_workbook(tmp_path):
    """segment --session: a sheet of answers per participant, the session named on the page."""
    customers = pd.read_csv(SAMPLE / "klanten.csv", dtype={"customer_id": str})
    bands = Thresholds(10_000, 50_000)
    with create_session("Q4", customers, thresholds=bands, workspace=tmp_path) as session:
        import_answers(session, "An", SAMPLE / "antwoorden_an.csv")
        import_answers(session, "Pieter", SAMPLE / "antwoorden_pieter.csv")
    out = tmp_path / "out"
    args = ["segment", "--session", "Q4", "--workspace", str(tmp_path), "--out", str(out)]
    assert main([*args, "--participant", "An"]) == 0
    book = openpyxl.load_workbook(out / "report.xlsx")
    assert book.sheetnames == [
        "klanten",
        "samenvatting",
        "per accountmanager",
        "plan",
        "antwoorden An",
        "antwoorden Pieter",
    ]
    assert "Sessie Q4. " in (out / "report.html").read_text(encoding="utf-8")
