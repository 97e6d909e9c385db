"""Build the kit's notebooks, Dutch and English, from one source.

Run ``python notebooks/build_notebooks.py`` after changing a text below; it rewrites every
``notebooks/<lang>/<name>.ipynb`` deterministically: no outputs, no execution counts, cell ids
derived from the notebook's name and the cell's position.

A notebook is a list of cells. A :class:`Markdown` cell has a Dutch and an English text; a
:class:`Code` cell is written once and shared by both languages; the :class:`Parameters` cell
comes first, is tagged ``parameters`` and is the only code that differs (``lang = "nl"`` or
``lang = "en"``). Add a notebook by adding a :class:`Notebook` to ``NOTEBOOKS``.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

LANGUAGES: tuple[str, ...] = ("nl", "en")

NOTEBOOK_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


def _clean(source: str) -> str:
    return textwrap.dedent(source).strip("\n")


@dataclass(frozen=True)
class Markdown:
    """Narrative: one text per language."""

    nl: str
    en: str


@dataclass(frozen=True)
class Code:
    """A code cell, the same in every language; ``hidden``: its source folded away in
    JupyterLab (a click on the dots shows it), for a notebook that is one screen."""

    source: str
    hidden: bool = False


@dataclass(frozen=True)
class Parameters:
    """The tagged first cell: ``lang`` (per language) and shared ``(name, value, comment)`` rows."""

    rows: tuple[tuple[str, str | int | None, str], ...]
    lang_comment: str = 'language of texts and tables: "nl" or "en"'
    hidden: bool = False

    def source(self, lang: str) -> str:
        rows = (("lang", lang, self.lang_comment), *self.rows)
        return "\n".join(
            f"{name} = {json.dumps(value) if isinstance(value, str) else repr(value)}"
            f"  # {DUTCH_COMMENTS[comment] if lang == 'nl' else comment}"
            for name, value, comment in rows
        )


DUTCH_COMMENTS: dict[str, str] = {
    'language of texts and tables: "nl" or "en"': 'taal van teksten en tabellen: "nl" of "en"',
    "for invoice lines: the year whose lines are added up": (
        "bij factuurlijnen: het jaar waarvan de lijnen opgeteld worden"
    ),
    "empty: the session's own file (chosen in 01); or a path": (
        "leeg: het eigen bestand van de sessie (gekozen in 01); of een pad"
    ),
    "session name; later notebooks save answers under it": (
        "naam van de sessie; de volgende notebooks bewaren de antwoorden eronder"
    ),
    "customer list (CSV)": "klantenlijst (CSV)",
    "answers (CSV)": "antwoorden (CSV)",
    "empty: the session's file (new: the sample); or a path": (
        "leeg: het bestand van de sessie (nieuw: het voorbeeld); of een pad"
    ),
    'None: the kit decides; "dmy" day first, "mdy" month first': (
        'None: de kit beslist; "dmy" dag eerst, "mdy" maand eerst'
    ),
    'None: the kit decides; "comma" for 1.234,56 or "dot" for 1,234.56': (
        'None: de kit beslist; "comma" voor 1.234,56 of "dot" voor 1,234.56'
    ),
    "session name: the thresholds are stored under it": (
        "naam van de sessie: de grenzen worden eronder bewaard"
    ),
    "session name: the answers are stored under it": (
        "naam van de sessie: de antwoorden worden eronder bewaard"
    ),
    "only your own customers: your name as the list has it": (
        "alleen je eigen klanten: je naam zoals de lijst ze schrijft"
    ),
    'your name, e.g. "An"; empty: the form asks': (
        'je naam, bv. "An"; leeg: het formulier vraagt hem'
    ),
    "€ gross margin per hour for a Marge yes; None: no hint": (
        "€ brutomarge per uur voor een ja op Marge; None: geen hint"
    ),
    "days: paying within the term suggests a Cashflow yes": (
        "dagen: wie binnen de termijn betaalt, krijgt een ja op Cashflow voorgesteld"
    ),
    "True: answer about what a customer could be": (
        "True: antwoord over wat een klant zou kunnen worden"
    ),
    'None: every question counts 1; e.g. {"margin": 2}': (
        'None: elke vraag telt 1; bv. {"margin": 2}'
    ),
    "session name": "naam van de sessie",
    "whose answers; empty: the team's": "wiens antwoorden; leeg: die van het team",
    "True: customer codes instead of names (to show outside)": (
        "True: klantcodes in plaats van namen (om buiten het team te tonen)"
    ),
    "session name: the plan is stored under it": (
        "naam van de sessie: het plan wordt eronder bewaard"
    ),
    "whose answers; empty: the team's (or the only one's)": (
        "wiens antwoorden; leeg: die van het team (of van de enige deelnemer)"
    ),
    "last quarter's session: its answers, bands, grid and plan carry over": (
        "vorig kwartaal: antwoorden, klassen, rooster en plan gaan mee"
    ),
    "empty: the upload below, or the sample's next quarter; or a path": (
        "leeg: de upload hieronder, of het voorbeeld een kwartaal later; of een pad"
    ),
    "this quarter's session name": "naam van de sessie van dit kwartaal",
    'who confirms the carried answers, e.g. "An"; empty: ask': (
        'wie de overgenomen antwoorden bevestigt, bv. "An"; leeg: vragen'
    ),
    "where the files go; empty: data/rapporten/<session>/": (
        "waar de bestanden komen; leeg: data/rapporten/<sessie>/"
    ),
}
"""The grey cell's comments as a Dutch notebook shows them: every comment has its Dutch."""


Cell = Markdown | Code | Parameters


@dataclass(frozen=True)
class Notebook:
    """One step of the flow: its file name per language and its cells."""

    names: dict[str, str]
    cells: tuple[Cell, ...]


def build_notebook(notebook: Notebook, lang: str) -> nbformat.NotebookNode:
    """The notebook in ``lang`` as an nbformat node, without outputs."""
    name = notebook.names[lang]
    cells = []
    with_widgets = not name.startswith("00_")
    flow: list[Cell] = []
    for cell in notebook.cells:
        flow.append(cell)
        if cell is SETUP_CODE and with_widgets:
            flow.append(AFTER_A_RESTART)
    for index, cell in enumerate(flow):
        cell_id = f"{name}-{index:02d}"
        folded = {"jupyter": {"source_hidden": True}} if getattr(cell, "hidden", False) else {}
        if isinstance(cell, Parameters):
            metadata = {**folded, "tags": ["parameters"]}
            cells.append(new_code_cell(cell.source(lang), id=cell_id, metadata=metadata))
        elif isinstance(cell, Code):
            cells.append(new_code_cell(_clean(cell.source), id=cell_id, metadata=folded))
        else:
            cells.append(new_markdown_cell(_clean(getattr(cell, lang)), id=cell_id))
    return new_notebook(cells=cells, metadata=NOTEBOOK_METADATA)


def build(out_root: Path) -> list[Path]:
    """Write every notebook in every language under ``out_root/<lang>/``; return the paths."""
    written = []
    for notebook in NOTEBOOKS:
        for lang in LANGUAGES:
            path = Path(out_root) / lang / f"{notebook.names[lang]}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(build_notebook(notebook, lang), path)
            written.append(path)
    return written


AFTER_A_RESTART = Markdown(
    nl="""
    *Na een herstart van de kernel, of als de knoppen een rood gebroken-schakelteken tonen:
    menu **Uitvoeren → Run All Cells**. Alles wat jullie al klikten, staat in de sessie en komt
    terug; ook je naam in het formulier.*
    """,
    en="""
    *After a kernel restart, or when the buttons show a red broken-link sign: menu
    **Run → Run All Cells**. Everything you already clicked is in the session and comes back;
    so does your name in the form.*
    """,
)
"""The one line every notebook with widgets gives about a restart, right after the set-up."""

SETUP_CODE = Code(
    """
    from IPython.display import display

    import klantlib

    display(klantlib.setup_notebook(lang))
    """
)
"""Every notebook's first code after the parameters: the language chosen and the kit checked."""

YEAR_ROW = ("year", None, "for invoice lines: the year whose lines are added up")
SESSION_FILE_ROWS: tuple[tuple[str, str | int | None, str], ...] = (
    ("customers_file", "", "empty: the session's own file (chosen in 01); or a path"),
    YEAR_ROW,
)
"""The parameters rows of the notebooks on one session: its customer file and year."""


# --------------------------------------------------------------------------------------------
# 00 Start here
# --------------------------------------------------------------------------------------------

START_HERE = Notebook(
    names={"nl": "00_start_hier", "en": "00_start_here"},
    cells=(
        Parameters(
            rows=(
                ("session", "2026-Q4", "session name; later notebooks save answers under it"),
                ("customers_file", "../../data/voorbeeld/klanten.csv", "customer list (CSV)"),
                ("answers_file", "../../data/voorbeeld/antwoorden_an.csv", "answers (CSV)"),
            )
        ),
        Markdown(
            nl="""
            # Brengt onze favoriete klant ons echt het meeste op?

            Met sommige klanten bel je elke week, bij andere ga je graag langs. Maar zijn dat
            ook de klanten waar je bedrijf het meest aan heeft? Deze kit helpt je team om dat
            samen uit te zoeken, met jullie eigen klantenlijst, en om daarna de tijd anders te
            verdelen.

            ### Wat je leert

            1. **De klantenlijst** ordenen op jaaromzet, van de grootste naar de kleinste klant.
            2. Die lijst opdelen in drie **omzetklassen**: **klein**, **middel** en **groot**.
               Waar de grenzen liggen, kiezen jullie zelf; de kit doet een voorstel.
            3. Bij elke klant **vier vragen** stellen: **Marge**, **Cashflow**, **Innovatie** en
               **Netwerk**. Het antwoord is *ja*, *nee* of *weten we nog niet*.
            4. De **score** aflezen: hoe vaak het antwoord *ja* is, van 0 tot 4. *Weten we nog
               niet* telt niet als *nee*: het blijft zichtbaar als werk dat nog openstaat.
            5. Omzetklasse en score samen bepalen het **segment: A, B of C**. Een grote klant
               komt altijd in A of B terecht.
            6. Per segment een **plan** afspreken: werk je **proactief** (jij neemt het
               initiatief) of **reactief** (je helpt vlot wanneer de klant vraagt), en via welk
               kanaal: een bezoek, een videogesprek, de telefoon, e-mail of de nieuwsbrief.

            Het idee erachter: een klant in segment C is vaak even tevreden met een mail of een
            telefoontje als met een bezoek. Wie voor C op schaalbare kanalen overschakelt, houdt
            tijd over voor de klanten waar die tijd wel iets oplevert.

            ### Wat je nodig hebt en hoe lang het duurt

            - Ongeveer **10 minuten** om deze notebook door te nemen. Je hoeft niets te typen.
            - De **voorbeelddata** van de kit: een verzonnen Vlaamse kmo met enkele tientallen
              klanten. Je eigen export komt in de volgende notebooks aan bod.
            - Een cel uitvoeren: klik erin en druk **Shift + Enter**. Alles in één keer: menu
              **Uitvoeren → Run All Cells**.
            - De grijze cel helemaal bovenaan bevat de instellingen: de taal, de naam van de
              sessie en welke bestanden de kit leest. Daar hoef je nu niets aan te veranderen.
            """,
            en="""
            # Does our favourite customer really bring us the most?

            Some customers you call every week, others you are always glad to visit. But are
            those the customers your business gains the most from? This kit helps your team
            find out together, with your own customer list, and then spend its time
            differently.

            ### What you will learn

            1. Sort **the customer list** by annual revenue, from the largest customer down.
            2. Split that list into three **revenue bands**: **small**, **medium** and
               **large**. You choose the thresholds yourselves; the kit makes a suggestion.
            3. Ask **four questions** about every customer: **Margin**, **Cash flow**,
               **Innovation** and **Network**. The answer is *yes*, *no* or *not known yet*.
            4. Read the **score**: how many answers are *yes*, from 0 to 4. *Not known yet* is
               not the same as *no*: it stays visible as work still to do.
            5. Band and score together give the **segment: A, B or C**. A large customer always
               ends up in A or B.
            6. Agree a **plan** per segment: do you work **proactively** (you take the
               initiative) or **reactively** (you help promptly when the customer asks), and
               through which channel: a visit, a video call, the phone, e-mail or the
               newsletter.

            The idea behind it: a customer in segment C is often just as happy with an e-mail or
            a phone call as with a visit. Moving C to scalable channels frees time for the
            customers where that time does pay off.

            ### What you need and how long it takes

            - About **10 minutes** to go through this notebook. You do not need to type
              anything.
            - The kit's **sample data**: an invented Flemish SME with a few dozen customers.
              Your own export comes in the next notebooks.
            - To run a cell: click in it and press **Shift + Enter**. Everything at once: menu
              **Run → Run All Cells**.
            - The grey cell at the very top holds the settings: the language, the name of the
              session and which files the kit reads. You do not need to change anything there
              now.
            """,
        ),
        Markdown(
            nl="""
            ## Stap 1: is alles geïnstalleerd?

            De cel hieronder kijkt na of Python en de pakketten die de kit gebruikt aanwezig en
            recent genoeg zijn. Staat er onderaan dat alles klaar is, dan kan je verder. Zo
            niet, dan zegt een regel wat er ontbreekt en hoe je het oplost (meestal volstaat
            `make workshop` opnieuw); vraag het anders aan wie de kit voor jullie beheert.
            """,
            en="""
            ## Step 1: is everything installed?

            The cell below checks that Python and the packages the kit uses are present and
            recent enough. If the last line says all is set, carry on. If not, a line tells you
            what is missing and how to fix it (usually running `make workshop` again is
            enough); otherwise ask whoever looks after the kit for your team.
            """,
        ),
        SETUP_CODE,
        Markdown(
            nl="""
            ## Stap 2: zo verloopt een sessie met het team

            Reken op 60 tot 90 minuten, met iedereen samen voor één scherm of projector.

            | Tijd | Onderdeel | Wat er gebeurt |
            |---|---|---|
            | 10 min | Inleiding | De vraag van vandaag, de werkwijze, wie wat doet. |
            | 15 min | Omzetklassen | De klantenlijst overlopen, grenzen kiezen. |
            | 30–40 min | Vier vragen | Per klant: ja, nee of weten we nog niet. |
            | 10 min | Matrix | Waar belandt elke klant: A, B of C? Waar zijn de favorieten? |
            | 15 min | Plan | Per segment: proactief of reactief, kanalen, ritme, wie. |

            Maar een uur? Bespreek dan minder klanten in de zaal en houd de vragen op 20 minuten.

            **Rollen**

            - **De begeleider** (zaakvoerder of salesverantwoordelijke) zit aan de laptop bij de
              projector, bewaakt de tijd en klikt de antwoorden aan. Verder typt niemand.
            - **De deelnemers** (accountmanagers, binnendienst, wie de klanten kent) geven de
              antwoorden en zeggen welke klanten hun favorieten zijn.
            - **Iemand die de cijfers kent** (boekhouding of controller) weet of een omzet
              klopt, hoe snel een klant betaalt en hoeveel uren erin kruipen.

            **Op voorhand klaarzetten**

            - Een export met de omzet per klant (zonder btw) over het laatste volledige jaar, of
              de factuurlijnen van dat jaar; creditnota's tellen dan negatief mee.
            - Als je ze hebt: de uren per klant (een schatting helpt ook), de brutomarge, de
              betaaltermijn en de accountmanager.
            - Wie er komt.
            - Welke klanten jullie in de zaal bespreken: ongeveer de twintig grootste, plus de
              favorieten van iedereen. De rest vullen de accountmanagers later zelf in; de kit
              toont altijd hoeveel klanten nog open vragen hebben.

            **De vier vragen**, zoals de kit ze aan het team stelt:
            """,
            en="""
            ## Step 2: how a session with the team runs

            Allow 60 to 90 minutes, with everyone together in front of one screen or projector.

            | Time | Part | What happens |
            |---|---|---|
            | 10 min | Introduction | Today's question, how it works, who does what. |
            | 15 min | Revenue bands | Go through the customer list, choose the thresholds. |
            | 30–40 min | Four questions | Per customer: yes, no or not known yet. |
            | 10 min | Matrix | Where does each customer land: A, B or C? And the favourites? |
            | 15 min | Plan | Per segment: proactive or reactive, channels, rhythm, who. |

            Only an hour? Discuss fewer customers in the room and keep the questions to 20
            minutes.

            **Roles**

            - **The facilitator** (owner or sales lead) sits at the laptop by the projector,
              keeps time and clicks the answers. Nobody else types.
            - **The participants** (account managers, inside sales, whoever knows the
              customers) give the answers and say which customers are their favourites.
            - **Someone who knows the figures** (accounting or controller) can tell whether a
              revenue is right, how quickly a customer pays and how many hours it takes.

            **Prepare beforehand**

            - An export of revenue per customer (excluding VAT) for the last full year, or that
              year's invoice lines; credit notes then count as negative.
            - If you have them: hours per customer (an estimate helps too), gross margin, days
              to pay and account manager.
            - Who will attend.
            - Which customers you discuss in the room: roughly the twenty largest, plus
              everyone's favourites. Account managers fill in the rest later on their own; the
              kit always shows how many customers still have open questions.

            **The four questions**, as the kit puts them to the team:
            """,
        ),
        Code(
            """
            display(klantlib.question_table(lang))
            """
        ),
        Markdown(
            nl="""
            ## Stap 3: de hele methode in één keer, op de voorbeelddata

            Om te zien waar het naartoe gaat, laat de kit nu alle stappen na elkaar lopen. Hij
            leest de klantenlijst van de voorbeeld-kmo en de antwoorden die An, een van de
            accountmanagers daar, al heeft ingevuld.

            De omzetgrenzen kiest de kit hier zelf, met een vuistregel: de grote klanten brengen
            samen ongeveer 80% van de omzet binnen, de middelgrote de volgende 15% en de kleine
            de laatste 5%. In de notebook over omzetklassen leggen jullie je eigen grenzen vast.
            """,
            en="""
            ## Step 3: the whole method at once, on the sample data

            To show where this is heading, the kit now runs every step in one go. It reads the
            sample SME's customer list and the answers that An, one of its account managers,
            has already filled in.

            Here the kit picks the revenue thresholds itself, with a rule of thumb: the large
            customers together bring in about 80% of revenue, the medium ones the next 15% and
            the small ones the last 5%. In the notebook on revenue bands you set your own
            thresholds.
            """,
        ),
        Code(
            """
            result = klantlib.start_here_result(session, customers_file, answers_file, lang=lang)
            """
        ),
        Markdown(
            nl="**Welke omzetgrenzen gebruikt de kit, en hoeveel klanten hebben nog open vragen?**",
            en="**Which revenue thresholds does the kit use, and how many customers still have"
            " open questions?**",
        ),
        Code(
            """
            print(klantlib.thresholds_line(result, lang))
            print(klantlib.open_line(result, lang))
            """
        ),
        Markdown(
            nl="""
            **Is er iets om op te letten?** Een omzetklasse zonder klanten, of antwoorden bij
            een klantnummer dat niet in de lijst staat: zulke meldingen verschijnen hieronder.
            Blijft het leeg, dan is er niets te melden.
            """,
            en="""
            **Anything to watch out for?** A revenue band without customers, or answers for a
            customer id that is not in the list: such notices appear below. If nothing appears,
            there is nothing to report.
            """,
        ),
        Code(
            """
            for notice in result.notices:
                print(klantlib.text("notice", lang, message=notice.message(lang)))
            """
        ),
        Markdown(
            nl="""
            **Per segment.** Hoeveel klanten zitten in A, B en C, hoeveel omzet brengen ze
            binnen en welk deel van het totaal is dat? Omdat de voorbeeld-kmo haar uren per
            klant bijhoudt, zie je ook hoeveel tijd elk segment vraagt en wat een uur er
            oplevert. Vraagt C een groter deel van de uren dan van de omzet, dan ligt daar tijd
            om terug te winnen.
            """,
            en="""
            **Per segment.** How many customers are in A, B and C, how much revenue do they
            bring in and what part of the total is that? Because the sample SME keeps track of
            its hours per customer, you also see how much time each segment takes and what an
            hour yields. If C takes a bigger part of the hours than of the revenue, that is
            where time can be won back.
            """,
        ),
        Code(
            """
            display(klantlib.summary_table(result, lang))
            """
        ),
        Markdown(
            nl="""
            **Per klant**, de grootste bovenaan: de omzetklasse, de score, hoeveel vragen nog
            open staan, het segment en in één zin waarom. Zo'n zin leest als *B: groot, 1× ja:
            Netwerk; open: Marge*: een grote klant met één *ja* (op Netwerk), waarvan de vraag
            over marge nog beantwoord moet worden.
            """,
            en="""
            **Per customer**, the largest first: the revenue band, the score, how many questions
            are still open, the segment, and in one line why. Such a line reads like *B: large,
            1× yes: Network; open: Margin*: a large customer with one *yes* (on Network), whose
            margin question still has to be answered.
            """,
        ),
        Code(
            """
            display(klantlib.segment_table(result, lang))
            """
        ),
        Markdown(
            nl="""
            ## Samenvatting

            - De vraag van de workshop: brengt de klant waar we het liefst tijd in steken, ons
              ook het meeste op?
            - Omzet alleen zegt niet alles. Daarom krijgt elke klant naast een omzetklasse
              (klein, middel, groot) ook een score op vier vragen: Marge, Cashflow, Innovatie en
              Netwerk.
            - Samen geven ze een segment A, B of C, met per klant de reden erbij. Vragen waarop
              het antwoord nog niet gekend is, blijven zichtbaar als open werk.
            - Per segment kies je hoe je werkt en via welke kanalen, zodat de tijd gaat naar
              waar ze het meeste oplevert.

            ## Wat komt hierna

            De volgende notebooks nemen elk één stap voor hun rekening, nu met jullie eigen
            cijfers:

            1. **Omzetklassen**: de klantenlijst inlezen en samen de grenzen tussen klein,
               middel en groot kiezen.
            2. **Vier vragen**: klant per klant ja, nee of weten we nog niet aanklikken; elk
               antwoord wordt meteen bewaard.
            3. **De matrix**: waar elke klant en elke favoriet terechtkomt, en welk deel van tijd
               en omzet elk segment neemt.
            4. **Het plan**: per segment proactief of reactief, kanalen, ritme en eigenaar, en
               hoeveel tijd dat vrijmaakt.

            Ze volgen in deze map, genummerd in de volgorde van de sessie. Voor de sessie zelf,
            op de projector: **07 Werkplaats** zet alle stappen op één pagina, met knoppen en
            zonder code (of `make present`: dezelfde pagina zonder JupyterLab).
            """,
            en="""
            ## Summary

            - The workshop's question: does the customer we most like to spend time on also
              bring us the most?
            - Revenue alone does not tell the whole story. That is why every customer gets a
              score on four questions (Margin, Cash flow, Innovation and Network) next to a
              revenue band (small, medium, large).
            - Together they give a segment A, B or C, with the reason for each customer.
              Questions whose answer is not known yet stay visible as open work.
            - Per segment you choose how you work and through which channels, so time goes to
              where it pays off most.

            ## What comes next

            The next notebooks each take one step, now with your own figures:

            1. **Revenue bands**: read in the customer list and choose together where small,
               medium and large begin.
            2. **Four questions**: click yes, no or not known yet, customer by customer; every
               answer is saved at once.
            3. **The matrix**: where each customer and each favourite lands, and what part of
               time and revenue each segment takes.
            4. **The plan**: per segment proactive or reactive, channels, rhythm and owner, and
               how much time that frees.

            They follow in this folder, numbered in the order of the session. For the session
            itself, on the projector: **07 Workshop** puts every step on one page, with buttons
            and no code (or `make present`: the same page without JupyterLab).
            """,
        ),
    ),
)

# --------------------------------------------------------------------------------------------
# 01 The customer list
# --------------------------------------------------------------------------------------------

CUSTOMER_LIST = Notebook(
    names={"nl": "01_klantenlijst", "en": "01_customer_list"},
    cells=(
        Parameters(
            rows=(
                ("session", "2026-Q4", "session name; later notebooks save answers under it"),
                (
                    "customers_file",
                    "",
                    "empty: the session's file (new: the sample); or a path",
                ),
                YEAR_ROW,
                (
                    "number_style",
                    None,
                    'None: the kit decides; "comma" for 1.234,56 or "dot" for 1,234.56',
                ),
                ("date_order", None, 'None: the kit decides; "dmy" day first, "mdy" month first'),
            )
        ),
        Markdown(
            nl="""
            # 1. De klantenlijst

            Alles begint bij een eerlijk overzicht: welke klanten hebben jullie, en hoeveel
            omzet bracht elk van hen het voorbije jaar binnen? In deze notebook leest de kit
            jullie export in, toont hij wat hij erin gelezen heeft en zet hij de klanten op een
            rij, van de grootste naar de kleinste.

            ### Wat je leert

            - Een **klantenlijst** of de **factuurlijnen** van een jaar inlezen, zoals jullie
              boekhoudpakket of CRM ze exporteert (CSV of Excel). Factuurlijnen telt de kit per
              klant op; creditnota's gaan eraf.
            - Nakijken wat de kit **begrepen** heeft: welke kolom de omzet is, welke rijen hij
              oversloeg, hoeveel klanten hij vond.
            - Je **eigen bestand opladen**, zonder code te typen.
            - Zien **hoe geconcentreerd** jullie omzet is: welk deel komt van de grootste 20%
              van de klanten?

            ### Wat je nodig hebt en hoe lang het duurt

            - Ongeveer **15 minuten**, met het team erbij.
            - Een export van jullie omzet per klant (zonder btw) of van de factuurlijnen van
              het laatste volledige jaar. Zonder export werk je met de voorbeelddata van de kit:
              de factuurlijnen van een verzonnen Vlaamse kmo.
            - De grijze cel bovenaan zegt welk bestand de kit leest (`customers_file`) en, bij
              factuurlijnen, welk jaar hij optelt (`year`).
            - Alles in één keer uitvoeren: menu **Uitvoeren → Run All Cells**.
            """,
            en="""
            # 1. The customer list

            Everything starts with an honest overview: which customers do you have, and how
            much revenue did each of them bring in last year? In this notebook the kit reads
            your export, shows what it found in it and lines up the customers from the largest
            to the smallest.

            ### What you will learn

            - Read a **customer list** or a year's **invoice lines** as your accounting package
              or CRM exports them (CSV or Excel). The kit adds up invoice lines per customer;
              credit notes are subtracted.
            - Check what the kit **understood**: which column is the revenue, which rows it
              skipped, how many customers it found.
            - **Upload your own file** without typing any code.
            - See **how concentrated** your revenue is: what part comes from the largest 20% of
              the customers?

            ### What you need and how long it takes

            - About **15 minutes**, with the team present.
            - An export of your revenue per customer (excluding VAT) or of the invoice lines of
              the last full year. Without an export you work with the kit's sample data: the
              invoice lines of an invented Flemish SME.
            - The grey cell at the top says which file the kit reads (`customers_file`) and, for
              invoice lines, which year it adds up (`year`).
            - To run everything at once: menu **Run → Run All Cells**.
            """,
        ),
        Markdown(
            nl="""
            ## Stap 1: de kit klaarzetten

            Deze cel kiest de taal en kijkt na of alles geïnstalleerd is. Loopt er verderop iets
            mis met een bestand, dan krijg je één zin die zegt wat er scheelt, geen lange
            foutmelding.
            """,
            en="""
            ## Step 1: get the kit ready

            This cell picks the language and checks that everything is installed. If something
            goes wrong with a file further on, you get one sentence saying what is wrong, not a
            long error report.
            """,
        ),
        SETUP_CODE,
        Markdown(
            nl="""
            ## Stap 2: de sessie en haar klantenbestand

            De sessie uit de grijze cel bovenaan bewaart de klanten van één bestand; alle
            volgende notebooks werken ermee. Is de sessie nieuw en staat er bij
            `customers_file` niets, dan begint ze met de voorbeeldklanten van de kit. Kies je
            in stap 3 jullie eigen bestand, dan werkt de sessie daarna met dat bestand.

            Leest de kit een bestand, dan zoekt hij zelf de kopregel (ook onder een titel),
            herkent hij Nederlandse en Engelse kolomnamen, leest hij bedragen als `1.234,56` of
            `1,234.56`, en laat hij lege regels en totaalregels weg.
            """,
            en="""
            ## Step 2: the session and its customer file

            The session named in the grey cell at the top keeps the customers of one file; every
            notebook after this one works with it. If the session is new and `customers_file`
            is empty, it starts with the kit's sample customers. Choose your own file in step 3,
            and the session works with that file from then on.

            When the kit reads a file, it finds the header row itself (also below a title),
            recognises Dutch and English column names, reads amounts written as `1.234,56` or
            `1,234.56`, and leaves out blank and total rows.
            """,
        ),
        Code(
            """
            current_session = klantlib.open_notebook_session(
                session,
                customers_file,
                year=year,
                number_style=number_style,
                date_order=date_order,
                lang=lang,
                report=True,
            )
            table = current_session.customers()
            """
        ),
        Markdown(
            nl="""
            **Wat heeft de kit begrepen?** De eerste regel zegt welke sessie, welk bestand en
            hoeveel klanten. Las de kit het bestand nu pas in, dan volgt wat hij erin begrepen
            heeft: lees dat samen na voor je de cijfers vertrouwt. Is de juiste kolom als omzet
            genomen, klopt de periode, en is het aantal klanten wat jullie verwachten? Stond
            hierboven een zin die met *Fout* begint, dan noemt die het bestand, de rij zoals je
            rekenblad ze toont, de kolom en de waarde. Verbeter de export of pas de instellingen
            aan, en voer de cellen opnieuw uit.
            """,
            en="""
            **What did the kit understand?** The first line says which session, which file and
            how many customers. If the kit read the file just now, what it understood of it
            follows: read that together before you trust the figures. Was the right column taken
            as revenue, is the period right, and is the number of customers what you expect? If
            a sentence starting with *Error* appeared above, it names the file, the row as your
            spreadsheet shows it, the column and the value. Fix the export or change the
            settings, and run the cells again.
            """,
        ),
        Markdown(
            nl="""
            ## Stap 3: of je eigen bestand opladen

            Liever meteen met jullie eigen export werken? Kies het bestand met de knop
            hieronder. Het **blijft op deze computer**: de kit bewaart het in de map
            `data/eigen` van de kit (die nooit in git terechtkomt) en stuurt het nergens naartoe.
            Bij factuurlijnen telt de kit het jaar uit het vak op; laat het vak leeg als je
            bestand maar één jaar bevat.

            Onder de knop verschijnt wat de kit in het bestand gelezen heeft, of in gewone
            woorden wat er niet klopt. Is het in orde, dan tonen de lijst en de grafiek
            hieronder meteen jullie eigen klanten: je hoeft niets opnieuw uit te voeren.
            """,
            en="""
            ## Step 3: or upload your own file

            Rather work with your own export straight away? Choose the file with the button
            below. It **stays on this computer**: the kit stores it in the kit's `data/eigen`
            folder (which never goes into git) and sends it nowhere. For invoice lines the kit
            adds up the year in the box; leave the box empty if your file holds one year only.

            Below the button you see what the kit read in the file, or in plain words what is
            wrong with it. If it is right, the list and the chart below show your own customers
            straight away: there is nothing to run again.
            """,
        ),
        Code(
            """
            picker = klantlib.CustomerFilePicker(
                lang=lang,
                year=year,
                load_options={"number_style": number_style, "date_order": date_order},
                session=session,
            )
            display(picker)
            """
        ),
        Markdown(
            nl="""
            ## Stap 4: de klanten op een rij

            Hieronder staan de klanten uit het bestand van de instellingen, of uit je
            opgeladen bestand zodra je er een koos.
            """,
            en="""
            ## Step 4: the customers in a row

            Below are the customers from the file in the settings, or from your uploaded file
            as soon as you chose one.
            """,
        ),
        Markdown(
            nl="""
            De grootste klant staat bovenaan. Naast de omzet zie je welk deel van de totale
            omzet de klant binnenbrengt, en in **opgeteld aandeel** hoeveel de klanten tot en
            met die rij samen binnenbrengen. Een klant met meer creditnota's dan facturen staat
            onderaan en telt in de aandelen als 0. Bij een heel lange lijst toont de tabel de
            grootste 100 klanten.
            """,
            en="""
            The largest customer is at the top. Next to the revenue you see what part of the
            total revenue the customer brings in, and under **cumulative share** how much the
            customers down to that row bring in together. A customer with more credit notes
            than invoices sits at the bottom and counts as 0 in the shares. For a very long list
            the table shows the largest 100 customers.
            """,
        ),
        Code(
            """
            display(picker.view(klantlib.customer_list_table, table, lang))
            """
        ),
        Markdown(
            nl="""
            ## Stap 5: hoe is de omzet verdeeld?

            De grafiek zet de klanten van groot naar klein. Lees ze van links naar rechts: hoe
            verder je gaat, hoe meer klanten meetellen (onderaan) en hoeveel van de omzet die
            samen binnenbrengen (links). Brachten alle klanten evenveel op, dan lag de lijn op
            de grijze stippellijn. Hoe steiler ze begint, hoe meer van de omzet bij een paar
            grote klanten ligt. Het rode punt toont de grootste 20% van de klanten.
            """,
            en="""
            The chart lines the customers up from large to small. Read it from left to right:
            the further you go, the more customers are counted (along the bottom) and how much
            of the revenue they bring in together (up the side). If every customer brought in
            the same, the line would lie on the grey dotted line. The steeper it starts, the
            more of the revenue sits with a few large customers. The red point shows the
            largest 20% of the customers.
            """,
        ),
        Code(
            """
            display(picker.view(klantlib.pareto_chart, table, lang=lang))
            """
        ),
        Markdown(
            nl="**In één zin:**",
            en="**In one sentence:**",
        ),
        Code(
            """
            display(picker.view(klantlib.pareto_line, table, lang))
            """
        ),
        Markdown(
            nl="""
            **Om samen te bespreken**

            - Had je deze verdeling verwacht? Wie van de grootste klanten zien jullie zelden?
            - Welke kleine klanten vragen toch veel van jullie tijd?
            - Staan jullie favoriete klanten bovenaan de lijst, of ergens in het midden?
            """,
            en="""
            **To discuss together**

            - Did you expect this spread? Which of the largest customers do you rarely see?
            - Which small customers still take a lot of your time?
            - Are your favourite customers at the top of the list, or somewhere in the middle?
            """,
        ),
        Markdown(
            nl="""
            ## Samenvatting

            - De kit leest een klantenlijst of factuurlijnen zoals jullie pakket ze exporteert,
              en zegt wat hij begrepen heeft voor je op de cijfers verder bouwt.
            - Een eigen bestand laad je op met één knop; het blijft op deze computer, in
              `data/eigen`.
            - De klantenlijst staat van groot naar klein, met het aandeel van elke klant in de
              omzet en het opgetelde aandeel.
            - De grafiek en de zin eronder tonen welk deel van de omzet van de grootste 20% van
              de klanten komt.

            ## Wat komt hierna

            De volgende notebook, **02 Omzetklassen**, deelt deze lijst op in **klein**,
            **middel** en **groot**. De kit stelt grenzen voor; jullie beslissen samen waar ze
            liggen, en zien meteen hoeveel klanten en welk deel van de omzet in elke klasse
            valt.
            """,
            en="""
            ## Summary

            - The kit reads a customer list or invoice lines as your package exports them, and
              says what it understood before you build on the figures.
            - You upload a file of your own with one button; it stays on this computer, in
              `data/eigen`.
            - The customer list runs from large to small, with each customer's share of revenue
              and the cumulative share.
            - The chart and the sentence under it show what part of the revenue comes from the
              largest 20% of the customers.

            ## What comes next

            The next notebook, **02 Revenue bands**, splits this list into **small**,
            **medium** and **large**. The kit suggests thresholds; you decide together where
            they lie, and see at once how many customers and what part of the revenue fall in
            each band.
            """,
        ),
    ),
)

SETUP_STEP: tuple[Cell, ...] = (
    Markdown(nl="## Stap 1: de kit klaarzetten", en="## Step 1: get the kit ready"),
    SETUP_CODE,
)
"""Step 1 of the notebooks after the first two: the language chosen and the kit checked."""


# --------------------------------------------------------------------------------------------
# 02 The revenue bands
# --------------------------------------------------------------------------------------------

REVENUE_BANDS = Notebook(
    names={"nl": "02_omzetklassen", "en": "02_revenue_bands"},
    cells=(
        Parameters(
            rows=(
                ("session", "2026-Q4", "session name: the thresholds are stored under it"),
                *SESSION_FILE_ROWS,
            )
        ),
        Markdown(
            nl="""
            # 2. Omzetklassen

            De klantenlijst staat van groot naar klein. Nu delen jullie ze op in drie
            **omzetklassen**: **klein**, **middel** en **groot**. Daarvoor zijn twee grenzen in
            euro nodig: vanaf welk bedrag is een klant middel, en vanaf welk bedrag groot? Een
            klant die precies op een grens zit, gaat naar de hogere klasse. Er is geen juist
            antwoord: het zijn jullie grenzen, en ze moeten kloppen met hoe jullie je klanten
            kennen. De kit doet voorstellen en rekent meteen uit wat elke keuze betekent.

            ### Wat je leert

            - Twee **omzetgrenzen** kiezen: een bedrag typen, of schuiven.
            - De vier **voorstellen** van de kit naast elkaar leggen.
            - Meteen zien **hoeveel klanten** en **welk deel van de omzet** in elke klasse valt.
            - De gekozen grenzen **bewaren** in de sessie, zodat de volgende notebooks ze
              gebruiken.

            ### Wat je nodig hebt en hoe lang het duurt

            - Ongeveer **15 minuten**, met het team rond het scherm.
            - De sessie uit de grijze cel bovenaan: dezelfde naam als in de andere notebooks.
              Bestaat ze nog niet, dan maakt de kit ze aan met het klantenbestand uit die cel.
            - Geen code: je typt bedragen en klikt op knoppen.
            - Alles in één keer uitvoeren: menu **Uitvoeren → Run All Cells**.
            """,
            en="""
            # 2. Revenue bands

            The customer list runs from large to small. Now you split it into three **revenue
            bands**: **small**, **medium** and **large**. That takes two thresholds in euro: from
            what amount is a customer medium, and from what amount large? A customer exactly on
            a threshold goes to the higher band. There is no right answer: these are your
            thresholds, and they should match how you know your customers. The kit makes
            suggestions and works out at once what each choice means.

            ### What you will learn

            - Choose two **revenue thresholds**: type an amount, or slide.
            - Compare the kit's four **suggestions**.
            - See at once **how many customers** and **what part of the revenue** fall in each
              band.
            - **Store** the chosen thresholds in the session, so the next notebooks use them.

            ### What you need and how long it takes

            - About **15 minutes**, with the team around the screen.
            - The session named in the grey cell at the top: the same name as in the other
              notebooks. If it does not exist yet, the kit makes it from the customer file named
              in that cell.
            - No code: you type amounts and click buttons.
            - To run everything at once: menu **Run → Run All Cells**.
            """,
        ),
        *SETUP_STEP,
        Markdown(
            nl="""
            ## Stap 2: de sessie openen

            Bestaat de sessie al, dan opent de kit ze, met de grenzen die er misschien al in
            bewaard zijn. Is ze nieuw, dan leest de kit eerst het klantenbestand in.
            """,
            en="""
            ## Step 2: open the session

            If the session exists, the kit opens it, with any thresholds already stored in it.
            If it is new, the kit first reads the customer file.
            """,
        ),
        Code(
            """
            current_session = klantlib.open_notebook_session(session, customers_file, year=year)
            """
        ),
        Markdown(
            nl="""
            ## Stap 3: de grenzen kiezen

            Bovenaan staan de twee grenzen: **Middel vanaf** en **Groot vanaf**. Tik een bedrag
            in het vak (`10.000`, `€ 10 000` of `10000`; bevestig met Enter) of sleep de
            schuifregelaar. Zodra je loslaat, tonen de tabel en de grafiek de nieuwe verdeling.

            Of kies een **voorstel** van de kit:

            - **80/15/5 van de omzet**: de grootste klanten die samen 80% van de omzet
              binnenbrengen zijn groot, de volgende 15% middel, de laatste 5% klein. Zolang
              jullie niets bewaard hebben, opent de kit met dit voorstel.
            - **Derden op aantal klanten**: evenveel klanten in elke klasse.
            - **Natuurlijke breuken**: de grenzen liggen waar de omzetten vanzelf in drie groepen
              uiteenvallen, bij de grootste sprongen.
            - **Groot vanaf … % van de totale omzet**: een vuistregel. Een klant die alleen al 1
              à 3% van jullie omzet binnenbrengt, is groot; middel begint bij een tiende
              daarvan. Tik het percentage in het kleine vak (standaard 2).

            De kit rondt een voorstel af op een rond bedrag, zonder dat een klant daardoor van
            klasse verandert.

            Heeft jullie bestand een kolom met **potentiële omzet**, dan verschijnt ook het vak
            *Potentiële omzet tonen*: tabel, grafiek en voorstellen laten dan zien wat elke
            klant zou kunnen kopen. De segmenten in de volgende notebooks rekenen met de huidige
            omzet.

            **Bewaren.** Schuiven en voorstellen bekijken verandert niets in de sessie. Zijn
            jullie het eens, klik dan **Bewaren**. De regel naast de knop zegt pas dat de grenzen
            bewaard zijn als ze in de sessie staan. Open je deze notebook later opnieuw, dan
            staan de bewaarde grenzen er weer.
            """,
            en="""
            ## Step 3: choose the thresholds

            At the top are the two thresholds: **Medium from** and **Large from**. Type an
            amount in the box (`10,000`, `€10 000` or `10000`; confirm with Enter) or drag the
            slider. As soon as you let go, the table and the chart show the new split.

            Or pick one of the kit's **suggestions**:

            - **80/15/5 of revenue**: the largest customers that together bring in 80% of
              revenue are large, the next 15% medium, the last 5% small. As long as you have
              stored nothing, the kit opens with this suggestion.
            - **Thirds by number of customers**: as many customers in each band.
            - **Natural breaks**: the thresholds lie where the revenues fall apart into three
              groups by themselves, at the biggest jumps.
            - **Large from … % of total revenue**: a rule of thumb. A customer that alone brings
              in 1 to 3% of your revenue is large; medium starts at a tenth of that. Type the
              percentage in the small box (2 by default).

            The kit rounds a suggestion to a round amount, without moving any customer to
            another band.

            If your file has a **potential revenue** column, the box *Show potential revenue*
            appears too: table, chart and suggestions then show what each customer could buy.
            The segments in the next notebooks use current revenue.

            **Store.** Sliding and looking at suggestions changes nothing in the session. When
            you agree, click **Store**. The line next to the button only says the thresholds
            are stored once they are in the session. If you open this notebook again later, the
            stored thresholds are there again.
            """,
        ),
        Code(
            """
            picker = klantlib.BandPicker(current_session, lang=lang)
            display(picker)
            """
        ),
        Markdown(
            nl="""
            **Hoe lees je de grafiek?** Elk punt is een klant, van de grootste links naar de
            kleinste rechts; de hoogte is de jaaromzet. Die hoogte loopt op een
            *logaritmische schaal*: van € 1.000 naar € 10.000 is even hoog als van € 10.000 naar
            € 100.000. Zo passen de grootste en de kleinste klanten op één beeld, en zie je ook
            de grens tussen klein en middel goed. De gekleurde stroken zijn de drie klassen, de
            stippellijnen jullie grenzen. Bij elke strook staat hoeveel klanten erin vallen en
            welk deel van de omzet ze samen binnenbrengen.
            """,
            en="""
            **How to read the chart.** Each point is a customer, from the largest on the left to
            the smallest on the right; the height is the annual revenue. That height runs on a
            *logarithmic scale*: from €1,000 to €10,000 is as high as from €10,000 to €100,000.
            So the largest and the smallest customers fit in one picture, and the threshold
            between small and medium is easy to see too. The coloured stripes are the three
            bands, the dashed lines your thresholds. Each stripe says how many customers fall in
            it and what part of the revenue they bring in together.
            """,
        ),
        Markdown(
            nl="""
            **Om samen te bespreken**

            - Staan de klanten die jullie als groot ervaren ook in groot? Wie verrast jullie?
            - Hoeveel klanten kunnen jullie echt persoonlijk opvolgen? Past dat bij het aantal
              grote klanten?
            - Welke klanten zitten net onder een grens? Wat zou hen erover brengen?

            ## Samenvatting

            - Twee grenzen in euro delen de klanten op in klein, middel en groot; een klant op
              een grens gaat naar boven.
            - De kit stelt grenzen voor op vier manieren, en toont bij elke keuze meteen hoeveel
              klanten en welk deel van de omzet in elke klasse valt.
            - De grenzen staan pas vast als jullie op **Bewaren** klikken; daarna gebruiken alle
              notebooks van de sessie ze.

            ## Wat komt hierna

            In **03 Vier vragen** stellen jullie over elke klant vier vragen: Marge, Cashflow,
            Innovatie en Netwerk. Samen met de omzetklasse van hier bepaalt de score in welk
            segment, A, B of C, de klant valt.
            """,
            en="""
            **To discuss together**

            - Are the customers you think of as large also in large? Who surprises you?
            - How many customers can you really follow up in person? Does that match the number
              of large customers?
            - Which customers sit just under a threshold? What would bring them over it?

            ## Summary

            - Two thresholds in euro split the customers into small, medium and large; a
              customer on a threshold goes up.
            - The kit suggests thresholds in four ways, and shows with every choice how many
              customers and what part of the revenue fall in each band.
            - The thresholds are fixed only when you click **Store**; from then on every notebook
              of the session uses them.

            ## What comes next

            In **03 Four questions** you ask four questions about every customer: Margin, Cash
            flow, Innovation and Network. Together with the revenue band chosen here, the score
            decides which segment, A, B or C, the customer falls in.
            """,
        ),
    ),
)

# --------------------------------------------------------------------------------------------
# 03 The four questions
# --------------------------------------------------------------------------------------------

FOUR_QUESTIONS = Notebook(
    names={"nl": "03_vier_vragen", "en": "03_four_questions"},
    cells=(
        Parameters(
            rows=(
                ("session", "2026-Q4", "session name: the answers are stored under it"),
                *SESSION_FILE_ROWS,
                ("participant", "", 'your name, e.g. "An"; empty: the form asks'),
                ("account_manager", "", "only your own customers: your name as the list has it"),
                ("margin_target", 80, "€ gross margin per hour for a Marge yes; None: no hint"),
                ("payment_term", 30, "days: paying within the term suggests a Cashflow yes"),
                ("answer_for_potential", False, "True: answer about what a customer could be"),
                ("weights", None, 'None: every question counts 1; e.g. {"margin": 2}'),
            )
        ),
        Markdown(
            nl="""
            # 3. De vier vragen

            Omzet alleen zegt niet wat een klant jullie oplevert. Daarom stellen jullie over
            elke klant vier vragen: **Marge**, **Cashflow**, **Innovatie** en **Netwerk**. Elk
            ja telt een punt; samen met de omzetklasse bepaalt de score in welk segment de klant
            valt.

            ### Wat je leert

            - De vier vragen beantwoorden, **één klant tegelijk**, met één klik per antwoord.
            - Waarom **?** geen nee is: een open vraag telt niet mee in de score, maar blijft
              zichtbaar als werk dat nog moet gebeuren.
            - Met **meerdere deelnemers** werken: ieder antwoordt onder de eigen naam, de
              antwoorden blijven apart.
            - Zien **hoe ver** het team staat en in welk segment elke klant nu valt.

            ### Wat je nodig hebt en hoe lang het duurt

            - Reken op **30 tot 45 minuten** voor 20 klanten met het team rond het scherm.
            - Geen code: tik je naam, klik Ja, Nee of ?, en ga naar de volgende klant.
            - **Elke klik wordt meteen bewaard** in de sessie (een bestand in `data/sessies`
              dat nooit in git komt). Valt de computer uit, sluit je de notebook of voer je alles
              opnieuw uit: de antwoorden blijven staan.
            - Alles in één keer uitvoeren: menu **Uitvoeren → Run All Cells**.
            """,
            en="""
            # 3. The four questions

            Revenue alone does not say what a customer brings you. That is why you ask four
            questions about every customer: **Margin**, **Cash flow**, **Innovation** and
            **Network**. Each yes counts one point; together with the revenue band the score
            decides which segment the customer falls in.

            ### What you will learn

            - Answer the four questions, **one customer at a time**, with one click per answer.
            - Why **?** is not a no: an open question does not count in the score, but stays
              visible as work still to be done.
            - Work with **several participants**: everyone answers under their own name, and the
              answers stay apart.
            - See **how far** the team is and which segment each customer falls in now.

            ### What you need and how long it takes

            - Count on **30 to 45 minutes** for 20 customers with the team around the screen.
            - No code: type your name, click Yes, No or ?, and go to the next customer.
            - **Every click is stored at once** in the session (a file in `data/sessies` that
              never goes into git). If the computer fails, you close the notebook or you run
              everything again: the answers stay.
            - To run everything at once: menu **Run → Run All Cells**.
            """,
        ),
        *SETUP_STEP,
        Markdown(
            nl="""
            ## Stap 2: de sessie openen

            Bestaat de sessie uit de grijze cel al, dan opent de kit ze met alle antwoorden die
            er al in staan. Is ze nieuw, dan leest de kit eerst het klantenbestand in en maakt ze
            aan. De klanten van een sessie veranderen daarna niet meer: zo blijven de antwoorden
            bij de juiste klant. Met de voorbeelddata van de kit antwoordden twee
            voorbeelddeelnemers (An en Pieter) al, zodat je de teamstap hieronder kunt proberen.
            """,
            en="""
            ## Step 2: open the session

            If the session named in the grey cell exists, the kit opens it with every answer
            already in it. If it is new, the kit first reads the customer file and makes it.
            The customers of a session do not change after that: so the answers stay with the
            right customer. With the kit's sample data, two example participants (An and
            Pieter) have already answered, so you can try the team step below.
            """,
        ),
        Code(
            """
            current_session = klantlib.open_notebook_session(session, customers_file, year=year)
            current_session.set_suggestion_rules(
                margin_target=margin_target,
                payment_term=payment_term,
            )
            current_session.set_answer_for_potential(answer_for_potential)
            current_session.set_weights(weights)
            print(klantlib.add_example_answers(current_session, lang))
            print(klantlib.session_line(current_session, lang))
            """
        ),
        Markdown(
            nl="""
            ## Stap 3: de vragen

            Lees ze één keer samen. Antwoord over wat de klant **vandaag** is; twijfel je, klik
            dan **?** en zoek het later uit.
            """,
            en="""
            ## Step 3: the questions

            Read them together once. Answer about what the customer is **today**; if in doubt,
            click **?** and find out later.
            """,
        ),
        Code(
            """
            display(klantlib.question_table(lang))
            """
        ),
        Markdown(
            nl="""
            ## Stap 4: wie bespreekt de zaal? (bij honderden klanten)

            Een sessie van anderhalf uur haalt geen vier vragen over honderden klanten. De
            facilitator kiest dan **de lijst van de zaal**: de grootste klanten (20 is een
            goed begin), ieders favorieten, en elke klant die je erbij zoekt. Vink **Een lijst
            voor de zaal** aan; elke wijziging is meteen bewaard. Het formulier, het samen
            beslissen en de voortgang werken dan op die lijst.

            De andere klanten zijn **voor de accountmanagers**: ieder beantwoordt de eigen
            klanten, op eigen tempo. Zet daarvoor je naam bij `account_manager` bovenaan (zoals
            de kolom accountmanager ze schrijft) en voer alles uit: het formulier toont dan
            alleen jouw klanten, en je antwoordt onder je eigen naam. Welk antwoord telt, staat
            in de README ("Whose answer counts"): dat van het team, anders waar iedereen het
            over eens is, anders dat van de accountmanager.

            Oefenen op die schaal: zet bovenaan een nieuwe `session` en `customers_file =
            "data/voorbeeld_groot/klanten.csv"` (400 klanten, vier accountmanagers).
            """,
            en="""
            ## Step 4: who does the room discuss? (with hundreds of customers)

            A session of an hour and a half cannot ask four questions about hundreds of
            customers. The facilitator then chooses **the room's list**: the largest customers
            (20 is a good start), everyone's favourites, and any customer you look up. Tick
            **A list for the room**; every change is stored at once. The form, deciding
            together and the progress then work on that list.

            The other customers are **for the account managers**: each answers their own
            customers, at their own pace. Put your name at `account_manager` at the top (as the
            account manager column writes it) and run everything: the form then shows only your
            customers, and you answer under your own name. Which answer counts is in the README
            ("Whose answer counts"): the team's, else what everyone agrees on, else the account
            manager's.

            To practise at that size: a new `session` and `customers_file =
            "data/voorbeeld_groot/klanten.csv"` at the top (400 customers, four account
            managers).
            """,
        ),
        Code(
            """
            display(klantlib.RoomPicker(current_session, lang=lang))
            """
        ),
        Markdown(
            nl="""
            ## Stap 5: antwoorden

            1. Tik je **naam** bovenaan (of kies ze als je al eerder antwoordde).
            2. Klik per vraag **Ja**, **Nee** of **?**. Klik je nog eens op het gekozen antwoord,
               dan wis je het.
            3. Na het vierde antwoord toont het formulier zelf de volgende klant met open
               vragen. **Ongedaan maken** zet je laatste wijziging terug en toont die klant
               weer. Wil je zelf bladeren, vink dan het vakje naast **Ongedaan maken** uit en
               gebruik **Volgende onbeantwoorde**.

            Op de kaart staat wat de gegevens al weten: omzet, klasse, marge, betaaltermijn en
            uren. Onderaan kun je een **notitie** schrijven (bewaard zodra je naast het vak
            klikt), de klant als **favoriet** markeren en inschatten hoeveel **tijd** hij vraagt.
            Met de filters werk je per klasse, alleen de onbeantwoorde of alleen de favorieten.

            Bij **Marge** en **Cashflow** staat soms een **voorstel** uit de gegevens, met de
            reden: de brutomarge per uur tegenover jullie doel (`margin_target` bovenaan), de
            betaaltermijn tegenover `payment_term`. Een voorstel telt pas als je het overneemt;
            met één knop neem je alle voorstellen voor een vraag over waar je nog niet
            antwoordde, bij de klanten die het formulier toont (de filters gelden).
            Innovatie en Netwerk kent geen enkele kolom: die beantwoorden jullie
            altijd zelf.
            """,
            en="""
            ## Step 5: answer

            1. Type your **name** at the top (or choose it if you answered before).
            2. For each question click **Yes**, **No** or **?**. Clicking the chosen answer
               again clears it.
            3. After the fourth answer the form shows the next customer with open questions
               itself. **Undo** takes back your last change and shows that customer again. To
               browse yourself, untick the box beside **Undo** and use **Next unanswered**.

            The card shows what the data already knows: revenue, band, margin, days to pay and
            hours. At the bottom you can write a **note** (stored as soon as you click outside
            the box), mark the customer as a **favourite** and estimate how much **time** it
            takes. With the filters you work per band, on the unanswered only or on the
            favourites only.

            For **Margin** and **Cash flow** the data sometimes gives a **suggestion**, with its
            reason: the gross margin per hour against your target (`margin_target` at the top),
            the days to pay against `payment_term`. A suggestion only counts once you accept
            it; one button accepts every suggestion for a question where you have not answered
            yet, for the customers the form shows (the filters apply). No column knows
            Innovation and Network: you always answer those yourselves.
            """,
        ),
        Code(
            """
            form = klantlib.AnswerForm(
                current_session,
                participant=participant or None,
                manager=account_manager or None,
                lang=lang,
            )
            display(form)
            """
        ),
        Markdown(
            nl="""
            ## Stap 6: waar staan we?

            Klik **Bijwerken** wanneer je wilt zien hoe de klanten nu over de segmenten verdeeld
            zijn, met jouw antwoorden tot nu toe. Een onbeantwoorde vraag telt als open, niet als
            nee.
            """,
            en="""
            ## Step 6: where are we?

            Click **Update** whenever you want to see how the customers are now spread over the
            segments, with your answers so far. An unanswered question counts as open, not as
            no.
            """,
        ),
        Code(
            """
            display(form.overview())
            """
        ),
        Markdown(
            nl="""
            ## Stap 7: samen beslissen

            Voor de facilitator, als iedereen apart geantwoord heeft (op de eigen laptop, of
            om beurt op dit scherm). Per klant staan ieders antwoorden naast elkaar; de klanten
            waarover jullie het oneens zijn (⚠) komen eerst. Bespreek ze en klik het
            **antwoord van het team**. Waar iedereen hetzelfde zei, neemt één knop alle
            antwoorden in één keer over. De matrix gebruikt het antwoord van het team; ieders
            eigen antwoorden blijven bewaard. Klik **Antwoorden opnieuw lezen** als iemand
            intussen nog antwoordde.

            Antwoordde iemand op de eigen laptop? Die maakt daar een bestand met
            `python -m klantlib answers export --session 2026-Q4 --participant Naam --out
            naam.xlsx`; jij voegt het onderaan toe met de naam erbij. Zet een sessie niet op
            een netwerkschijf: het sessiebestand hoort op één computer.
            """,
            en="""
            ## Step 7: decide together

            For the facilitator, once everyone has answered apart (on their own laptop, or in
            turn on this screen). For each customer everyone's answers stand side by side; the
            customers you disagree on (⚠) come first. Discuss them and click the **team's
            answer**. Where everyone said the same, one button takes over all those answers at
            once. The matrix uses the team's answer; everyone's own answers stay stored. Click
            **Read the answers again** if someone answered meanwhile.

            Did someone answer on their own laptop? They make a file there with
            `python -m klantlib answers export --session 2026-Q4 --participant Name --out
            name.xlsx`; you add it at the bottom, with their name. Do not put a session on a
            network drive: the session file belongs on one computer.
            """,
        ),
        Code(
            """
            team = klantlib.ConsensusView(current_session, lang=lang)
            display(team)
            """
        ),
        Markdown(
            nl="""
            **Wie is de optimist?** Per deelnemer en per vraag: hoe vaak zegt die persoon ja,
            hoe vaak zegt het team ja bij dezelfde klanten, en hoe vaak is zijn of haar antwoord
            ook dat van het team. Voer de cel opnieuw uit nadat het team beslist heeft.
            """,
            en="""
            **Who is the optimist?** Per participant and per question: how often does this
            person say yes, how often does the team say yes for the same customers, and how
            often is their answer also the team's. Run the cell again after the team decided.
            """,
        ),
        Code(
            """
            display(team.agreement_table())
            """
        ),
        Markdown(
            nl="""
            **Om samen te bespreken**

            - Bij welke klanten twijfelden jullie het langst, en waarom?
            - Welke vraag kreeg het vaakst een **?** Wie zoekt dat uit, en tegen wanneer?
            - Staan jullie favoriete klanten waar je ze verwachtte?

            ## Samenvatting

            - Elke deelnemer beantwoordt de vier vragen onder de eigen naam; elke klik wordt
              meteen bewaard in de sessie.
            - **?** is een eerlijk antwoord: het telt niet als ja en blijft als open vraag staan.
            - De voortgang bovenaan en de verdeling hierboven tonen hoe ver jullie staan.

            ## Wat komt hierna

            Met de antwoorden komt elke klant in de **matrix** terecht: omzetklasse tegen score,
            met de segmenten A, B en C. Daarna beslissen jullie per segment hoeveel tijd en welk
            kanaal elke klant krijgt.
            """,
            en="""
            **To discuss together**

            - Which customers did you hesitate over longest, and why?
            - Which question got a **?** most often? Who finds out, and by when?
            - Are your favourite customers where you expected them?

            ## Summary

            - Every participant answers the four questions under their own name; every click is
              stored in the session at once.
            - **?** is an honest answer: it does not count as yes and stays as an open question.
            - The progress at the top and the spread above show how far you are.

            ## What comes next

            With the answers every customer lands in the **matrix**: revenue band against
            score, with the segments A, B and C. Then you decide per segment how much time and
            which channel each customer gets.
            """,
        ),
    ),
)

# --------------------------------------------------------------------------------------------
# 04 The matrix
# --------------------------------------------------------------------------------------------

MATRIX = Notebook(
    names={"nl": "04_matrix", "en": "04_matrix"},
    cells=(
        Parameters(
            rows=(
                ("session", "2026-Q4", "session name"),
                *SESSION_FILE_ROWS,
                ("participant", "", "whose answers; empty: the team's"),
                ("anonymous", False, "True: customer codes instead of names (to show outside)"),
            )
        ),
        Markdown(
            nl="""
            # 4. De matrix

            Hier komt alles samen: elke klant staat in het vak van zijn omzetklasse (van onder
            naar boven) en zijn score op de vier vragen (van links naar rechts). De kleur van
            het vak is het segment: A, B of C. Dit is het beeld dat het team onthoudt.

            ### Wat je leert

            - De **matrix** lezen: welke grote klanten scoren laag, welke kleine klanten hoog?
            - Zien waar jullie **favorieten** (★) staan.
            - Het **rooster** aanpassen als het team een vak anders wil indelen.

            ### Wat je nodig hebt en hoe lang het duurt

            - Ongeveer **15 minuten**, met het team voor het scherm.
            - De sessie met de omzetklassen (notebook 02) en de antwoorden (notebook 03).
            - Alles in één keer uitvoeren: menu **Uitvoeren → Run All Cells**.
            """,
            en="""
            # 4. The matrix

            Here everything comes together: every customer stands in the cell of its revenue
            band (bottom to top) and its score on the four questions (left to right). The
            colour of the cell is the segment: A, B or C. This is the picture the team
            remembers.

            ### What you will learn

            - Read the **matrix**: which large customers score low, which small ones high?
            - See where your **favourites** (★) are.
            - Change the **grid** when the team wants a cell in another segment.

            ### What you need and how long it takes

            - About **15 minutes**, with the team in front of the screen.
            - The session with the revenue bands (notebook 02) and the answers (notebook 03).
            - To run everything at once: menu **Run → Run All Cells**.
            """,
        ),
        *SETUP_STEP,
        Markdown(nl="## Stap 2: de sessie", en="## Step 2: the session"),
        Code(
            """
            current_session = klantlib.open_notebook_session(session, customers_file, year=year)
            print(klantlib.add_example_answers(current_session, lang))
            result = klantlib.segment_session(current_session, participant or None)
            print(klantlib.answers_line(current_session, participant or None, lang))
            print(klantlib.thresholds_line(result, lang))
            if not participant:
                print(klantlib.to_decide_text(current_session, lang))
            """
        ),
        Markdown(
            nl="""
            ## Stap 3: de matrix

            Het getal rechtsboven in elk vak telt zijn klanten. De grootste klanten dragen hun
            naam (met een lijst van de zaal, notebook 03: de klanten op die lijst), de rest is
            een bol. Een ster is een favoriet van iemand in het team; een grotere bol vraagt
            meer uren per jaar. Voor buiten het team: zet `anonymous = True` bovenaan.
            """,
            en="""
            ## Step 3: the matrix

            The number at the top right of each cell counts its customers. The largest
            customers carry their name (with a room's list, notebook 03: the customers on that
            list), the rest are dots. A star is a favourite of someone in the team; a larger
            dot takes more hours a year. For outside the team: set `anonymous = True` at the
            top.
            """,
        ),
        Code(
            """
            chart = klantlib.matrix_chart(
                result,
                lang=lang,
                anonymous=anonymous,
                favourites=current_session.favourite_ids(),
                named=current_session.room_ids() or None,
            )
            """
        ),
        Markdown(
            nl="""
            ## Stap 4: het rooster

            Het rooster zegt welk segment elk vak krijgt. Het standaardrooster komt uit het
            artikel: een grote klant is altijd A of B. Wil het team het anders, kies dan per vak
            A, B of C; de kit waarschuwt als een keuze vreemd uitvalt (een grote klant in C, een
            hogere score die een lager segment geeft). **Bewaren** zet het rooster in de sessie;
            voer daarna de matrix hierboven opnieuw uit.
            """,
            en="""
            ## Step 4: the grid

            The grid says which segment each cell gets. The default grid comes from the article:
            a large customer is always A or B. If the team wants otherwise, choose A, B or C per
            cell; the kit warns when a choice looks odd (a large customer in C, a higher score
            that gives a lower segment). **Store** puts the grid in the session; then run the
            matrix above again.
            """,
        ),
        Code(
            """
            display(klantlib.GridEditor(current_session, lang=lang))
            """
        ),
        Markdown(
            nl="""
            **Om samen te bespreken**

            - Welke grote klant staat verder naar links dan jullie dachten?
            - Welke kleine klant scoort hoog: is dat een groeikans?
            - Staan jullie favorieten in A?

            ## Samenvatting

            - Elke klant staat in het vak van zijn omzetklasse en score; de kleur is het
              segment.
            - Het rooster is van het team en wordt in de sessie bewaard.

            ## Wat komt hierna

            In **05 Actieplan** beslissen jullie hoeveel tijd en welk kanaal elk segment krijgt.
            """,
            en="""
            **To discuss together**

            - Which large customer stands further left than you thought?
            - Which small customer scores high: is that a chance to grow?
            - Are your favourites in A?

            ## Summary

            - Every customer stands in the cell of its revenue band and score; the colour is the
              segment.
            - The grid belongs to the team and is stored in the session.

            ## What comes next

            In **05 Action plan** you decide how much time and which channel each segment gets.
            """,
        ),
    ),
)


# --------------------------------------------------------------------------------------------
# 05 The action plan
# --------------------------------------------------------------------------------------------

ACTION_PLAN = Notebook(
    names={"nl": "05_actieplan", "en": "05_action_plan"},
    cells=(
        Parameters(
            rows=(
                ("session", "2026-Q4", "session name: the plan is stored under it"),
                *SESSION_FILE_ROWS,
                ("participant", "", "whose answers; empty: the team's (or the only one's)"),
                ("report_folder", "", "where the files go; empty: data/rapporten/<session>/"),
            )
        ),
        Markdown(
            nl="""
            # 5. Het actieplan

            Nu elke klant in een segment staat, beslissen jullie hoeveel aandacht elk segment
            krijgt: wie wordt bezocht, gebeld, gemaild of krijgt de nieuwsbrief, hoe vaak, en
            wie is eigenaar. En jullie beantwoorden de vraag uit de titel met cijfers: brengt
            onze favoriete klant ons echt het meeste op?

            ### Wat je leert

            - Per segment een **aanpak** kiezen: proactief of reactief, kanalen, ritme, eigenaar.
            - Zien hoeveel **uren** het plan vraagt tegenover de uren die jullie er vandaag aan
              besteden, per segment en per accountmanager, en hoeveel uren het vrijmaakt.
            - Zien **waar jullie favorieten** terechtkomen, en welk deel van de tijd en van de
              omzet elk segment vraagt.

            ### Wat je nodig hebt en hoe lang het duurt

            - Ongeveer **20 minuten**, met het team.
            - De sessie uit de vorige stappen (de antwoorden van het team, of van één deelnemer).
            - Alles in één keer uitvoeren: menu **Uitvoeren → Run All Cells**.
            """,
            en="""
            # 5. The action plan

            Now that every customer is in a segment, you decide how much attention each segment
            gets: who is visited, called, e-mailed or gets the newsletter, how often, and who
            owns it. And you answer the question in the title with numbers: does our favourite
            customer really bring us the most?

            ### What you will learn

            - Choose an **approach** per segment: proactive or reactive, channels, rhythm, owner.
            - See how many **hours** the plan needs against the hours you spend today, per
              segment and per account manager, and how many hours it frees.
            - See **where your favourites** land, and what part of the time and of the revenue
              each segment takes.

            ### What you need and how long it takes

            - About **20 minutes**, with the team.
            - The session from the previous steps (the team's answers, or one participant's).
            - To run everything at once: menu **Run → Run All Cells**.
            """,
        ),
        *SETUP_STEP,
        Markdown(
            nl="""
            ## Stap 2: de sessie en de segmenten

            De kit neemt het antwoord van het team; waar het team nog niet besliste, wat
            iedereen eensgezind antwoordde (een meningsverschil blijft een open vraag). Wil je
            de antwoorden van één persoon, vul dan `participant` in bovenaan.
            """,
            en="""
            ## Step 2: the session and the segments

            The kit takes the team's answer; where the team has not decided yet, what everyone
            answered alike (a disagreement stays an open question). For one person's answers,
            fill in `participant` at the top.
            """,
        ),
        Code(
            """
            current_session = klantlib.open_notebook_session(session, customers_file, year=year)
            print(klantlib.add_example_answers(current_session, lang))
            result = klantlib.segment_session(current_session, participant or None)
            print(klantlib.answers_line(current_session, participant or None, lang))
            display(klantlib.summary_table(result, lang))
            """
        ),
        Markdown(
            nl="""
            ## Stap 3: het plan per segment

            De kit begint met het plan uit het artikel: proactief en van aangezicht tot
            aangezicht voor A, een lichtere mix voor B, schaalbare kanalen en reactief voor C.
            Pas het aan; de uren eronder rekenen meteen mee. Een contact kost gemiddeld: bezoek
            2,5 uur, videogesprek 1 uur, telefoon een half uur, e-mail een kwartier, nieuwsbrief
            niets extra. **Bewaren** zet het plan in de sessie.
            """,
            en="""
            ## Step 3: the plan per segment

            The kit starts from the article's plan: proactive and face to face for A, a lighter
            mix for B, scalable channels and reactive for C. Change it; the hours below follow
            at once. A contact takes on average: visit 2.5 hours, video call 1 hour, phone half
            an hour, e-mail a quarter, newsletter nothing extra. **Store** puts the plan in the
            session.
            """,
        ),
        Code(
            """
            display(klantlib.PlanEditor(current_session, result, lang=lang))
            """
        ),
        Markdown(
            nl="""
            ## Stap 4: brengt onze favoriete klant ons echt het meeste op?

            Per deelnemer: in welk segment staan de klanten die hij of zij als favoriet
            aanduidde? Staan ze in C, dan krijgen jullie favorieten meer tijd dan wat ze
            opbrengen.
            """,
            en="""
            ## Step 4: does our favourite customer really bring us the most?

            Per participant: which segment are the customers they marked as favourite in? If
            they are in C, your favourites get more time than they bring in.
            """,
        ),
        Code(
            """
            marked = current_session.favourites()
            favourites = klantlib.favourites_by_segment(result.customers, marked)
            display(klantlib.favourites_table(favourites, lang))
            """
        ),
        Markdown(
            nl="""
            ## Stap 5: het rapport

            Eén klik schrijft alles wat het team meeneemt in de map `data/rapporten/` van de
            kit: `report.xlsx` (klanten, samenvatting, plan, ieders antwoorden), `report.html`
            (één bestand om te mailen of af te drukken), de matrix als `matrix.png` en
            `matrix.pdf` (A4 liggend), `segments.csv` en `crm.csv` (klantnummer, naam en
            segment, om in jullie CRM in te lezen). Het rapport gebruikt de sessie zoals ze op
            het moment van de klik is, met het **bewaarde** plan: klik eerst **Bewaren** in het
            plan hierboven. Onder de knop staat wanneer het rapport geschreven is, met een link
            naar elk bestand.
            """,
            en="""
            ## Step 5: the report

            One click writes everything the team takes away into the kit's `data/rapporten/`
            folder: `report.xlsx` (customers, summary, plan, everyone's answers), `report.html`
            (one file to mail or print), the matrix as `matrix.png` and `matrix.pdf` (A4
            landscape), `segments.csv` and `crm.csv` (customer id, name and segment, to load
            into your CRM). The report uses the session as it is at the moment of the click,
            with the **stored** plan: click **Store** in the plan above first. Under the button
            you see when the report was written, with a link to each file.
            """,
        ),
        Code(
            """
            folder = report_folder or None
            button = klantlib.ReportButton(current_session, participant=participant, folder=folder)
            display(button)
            """
        ),
        Markdown(
            nl="""
            **Om samen te bespreken**

            - Welke klanten krijgen vandaag meer tijd dan hun segment verdient?
            - Wie neemt de klanten van A op zich, en wanneer is het eerste contact?
            - Wat doen jullie met de uren die het plan vrijmaakt?

            ## Samenvatting

            - Elk segment heeft een aanpak, kanalen, een ritme en een eigenaar, bewaard in de
              sessie.
            - De uren van het plan staan naast de uren van vandaag: zo zie je wat het oplevert.
            - De favorieten van het team staan waar de cijfers ze zetten, niet waar het gevoel ze
              zet.

            ## Wat komt hierna

            Over een kwartaal doen jullie het opnieuw met nieuwe cijfers, en zien jullie welke
            klanten van segment veranderden.
            """,
            en="""
            **To discuss together**

            - Which customers get more time today than their segment deserves?
            - Who takes on the customers in A, and when is the first contact?
            - What will you do with the hours the plan frees?

            ## Summary

            - Every segment has an approach, channels, a rhythm and an owner, stored in the
              session.
            - The plan's hours stand next to today's hours: so you see what it brings.
            - The team's favourites stand where the figures put them, not where the feeling puts
              them.

            ## What comes next

            In a quarter you do it again with new figures, and see which customers changed
            segment.
            """,
        ),
    ),
)

# --------------------------------------------------------------------------------------------
# 06 A new quarter
# --------------------------------------------------------------------------------------------

NEW_QUARTER = Notebook(
    names={"nl": "06_nieuw_kwartaal", "en": "06_new_quarter"},
    cells=(
        Parameters(
            rows=(
                (
                    "previous_session",
                    "2026-Q4",
                    "last quarter's session: its answers, bands, grid and plan carry over",
                ),
                (
                    "customers_file",
                    "",
                    "empty: the upload below, or the sample's next quarter; or a path",
                ),
                ("session", "2027-Q1", "this quarter's session name"),
                YEAR_ROW,
                ("participant", "", 'who confirms the carried answers, e.g. "An"; empty: ask'),
                ("report_folder", "", "where the files go; empty: data/rapporten/<session>/"),
            )
        ),
        Markdown(
            nl="""
            # 6. Een nieuw kwartaal

            Een kwartaal later is de klantenlijst veranderd: klanten groeiden of kromp, nieuwe
            klanten kwamen erbij, andere zijn weg. Jullie beginnen niet opnieuw: de antwoorden,
            de omzetklassen, het rooster en het plan van vorig kwartaal gaan mee. Jullie kijken
            alleen na wat veranderde, en zien welke klanten van segment wisselden en waarom.

            ### Wat je leert

            - Een nieuwe sessie maken uit de **nieuwe export** en de **sessie van vorig
              kwartaal**. Wat meekomt, staat gemarkeerd als *uit vorig kwartaal — bevestig of
              pas aan*; een **nieuwe klant** begint zonder antwoorden.
            - De **verschuivingen** lezen: hoeveel klanten gingen van A naar B, welke klanten
              zijn nieuw of weg, en per klant waarom (een andere omzetklasse, een ander
              antwoord).
            - De **geschiedenis** van een klant over de kwartalen: segment, omzetklasse, score.

            ### Wat je nodig hebt en hoe lang het duurt

            - Ongeveer **15 minuten**, met het team.
            - De sessie van vorig kwartaal (bovenaan: `previous_session`) en de nieuwe export
              (`customers_file`). Met de voorbeelddata: eerst notebooks 02 tot 05 op sessie
              2026-Q4, dan deze.
            - Alles in één keer uitvoeren: menu **Uitvoeren → Run All Cells**. Zonder JupyterLab kan
              het ook, met één commando: zie de README, *Elk kwartaal opnieuw*.

            De sessie van vorig kwartaal blijft zoals ze was: de kit leest ze alleen.
            """,
            en="""
            # 6. A new quarter

            A quarter later the customer list has changed: customers grew or shrank, new
            customers came, others are gone. You do not start again: last quarter's answers,
            bands, grid and plan carry over. You only check what changed, and see which
            customers changed segment and why.

            ### What you will learn

            - Make a new session from the **new export** and **last quarter's session**. What
              comes over is marked *from last quarter — confirm or change*; a **new customer**
              starts without answers.
            - Read the **moves**: how many customers went from A to B, which customers are new
              or gone, and for each customer why (another band, another answer).
            - A customer's **history** over the quarters: segment, band, score.

            ### What you need and how long it takes

            - About **15 minutes**, with the team.
            - Last quarter's session (at the top: `previous_session`) and the new export
              (`customers_file`). With the sample data: first notebooks 02 to 05 on session
              2026-Q4, then this one.
            - To run everything at once: menu **Run → Run All Cells**. It also works without
              JupyterLab, in one command: see the README, *Every quarter again*.

            Last quarter's session stays as it was: the kit only reads it.
            """,
        ),
        *SETUP_STEP,
        Markdown(
            nl="""
            ## Stap 2: de nieuwe export

            Kies de export van dit kwartaal met de knop (of typ het pad bij `customers_file` in
            de grijze cel). Het bestand blijft op deze computer, in `data/eigen`. Onder de knop
            staat wat de kit erin begrepen heeft. Koos je een bestand nadat alles al liep, voer
            dan de cellen vanaf stap 3 opnieuw uit: klik in de cel van stap 3 en kies menu
            **Uitvoeren → Run Selected Cell and All Below**.
            """,
            en="""
            ## Step 2: the new export

            Choose this quarter's export with the button (or type its path at `customers_file`
            in the grey cell). The file stays on this computer, in `data/eigen`. Below the button
            you see what the kit understood of it. If you chose a file after everything ran, run
            the cells from step 3 again: click in step 3's cell and choose menu
            **Run → Run Selected Cell and All Below**.
            """,
        ),
        Code(
            """
            picker = klantlib.CustomerFilePicker(lang=lang, year=year, run_below=True)
            display(picker)
            """
        ),
        Markdown(
            nl="""
            ## Stap 3: de sessie van dit kwartaal

            Bestaat de sessie van dit kwartaal nog niet, dan leest de kit de nieuwe export en
            neemt hij over uit de vorige sessie: de antwoorden van iedereen (en van het team),
            de notities, favorieten en uren, de omzetklassen, het rooster en het plan. Bestaat
            ze al met dit bestand, dan opent de kit ze, met wat jullie intussen bevestigden.
            Kozen jullie een ander bestand en bevestigde of veranderde nog niemand iets, dan
            maakt de kit de sessie opnieuw met dat bestand; anders zegt hij hoe verder.
            """,
            en="""
            ## Step 3: this quarter's session

            If this quarter's session does not exist yet, the kit reads the new export and takes
            over from the previous session: everyone's answers (and the team's), the notes,
            favourites and hours, the bands, the grid and the plan. If it exists with this file,
            the kit opens it, with what you have confirmed since. If you chose another file and
            nobody confirmed or changed anything yet, the kit makes the session again with that
            file; otherwise it says how to go on.
            """,
        ),
        Code(
            """
            current_session = klantlib.open_notebook_session(
                session, picker.path or customers_file, year=year, previous=previous_session
            )
            for line in klantlib.carried_lines(current_session, lang):
                print(line)
            """
        ),
        Markdown(
            nl="""
            ## Stap 4: de antwoorden nakijken

            Elke klant met antwoorden uit vorig kwartaal draagt de vlag *uit 2026-Q4 — bevestig
            of pas aan*. Vink **alleen te bevestigen** aan en loop ze door, van de eerste af:
            klopt alles nog, klik dan **Klopt nog: bevestigen**; is er iets veranderd, klik het
            nieuwe antwoord. Naast je naam staat hoeveel er nog te bevestigen zijn. Een nieuwe
            klant heeft de vlag *nieuwe klant* en nog geen antwoorden. Zolang niemand een
            antwoord aanpast, telt dat van vorig kwartaal mee.
            """,
            en="""
            ## Step 4: check the answers

            Every customer with answers from last quarter carries the flag *from 2026-Q4 —
            confirm or change*. Tick **to confirm only** and go through them from the first: if
            everything still holds, click **Still right: confirm**; if something changed, click
            the new answer. Beside your name you see how many are still to confirm. A new
            customer has the flag *new customer* and no answers yet. As long as nobody changes
            an answer, last quarter's counts.
            """,
        ),
        Code(
            """
            form = klantlib.AnswerForm(current_session, participant=participant or None, lang=lang)
            display(form)
            """
        ),
        Markdown(
            nl="""
            ## Stap 5: wie veranderde van segment, en de bestanden

            Hieronder, van boven naar onder:

            - **Van → naar**: links het segment van vorig kwartaal, rechts dat van nu; *nieuw*
              en *weg* zijn klanten die bijkwamen of uit de lijst verdwenen. De kit neemt de
              antwoorden van het team, zoals in de matrix.
            - **Per klant** die van segment veranderde, en waarom: een andere omzetklasse, een
              ander antwoord op een van de vier vragen, of nieuw in de lijst of eruit verdwenen.
            - **De geschiedenis**: per klant die ooit van segment veranderde, segment ·
              omzetklasse · score in elk kwartaal, van het oudste naar dit. Een streepje
              betekent dat de klant toen niet in de lijst stond.
            - **De bestanden** in `data/rapporten/` onder de naam van deze sessie (of in de map
              van `report_folder` bovenaan): `moves.csv`, `transitions.csv`, `history.csv`,
              `moves.png` en het rapport van dit kwartaal (`segments.csv`, `crm.csv`,
              `report.xlsx`, `report.html`, de matrix).

            Bevestigen of veranderen jullie hierboven een antwoord, dan zegt de regel naast
            **Bijwerken** dat dit niet meer actueel is. Eén klik op **Bijwerken** rekent alles
            opnieuw uit en schrijft de bestanden opnieuw.
            """,
            en="""
            ## Step 5: who changed segment, and the files

            Below, from top to bottom:

            - **From → to**: on the left last quarter's segment, on the right today's; *new* and
              *gone* are customers who arrived or left the list. The kit takes the team's
              answers, as in the matrix.
            - **Each customer** that changed segment, and why: another band, another answer to
              one of the four questions, or new in the list or gone from it.
            - **The history**: for each customer that ever changed segment, segment · band ·
              score in each quarter, from the oldest to this one. A dash means the customer was
              not in the list then.
            - **The files** in `data/rapporten/` under this session's name (or in the
              `report_folder` given at the top): `moves.csv`, `transitions.csv`, `history.csv`,
              `moves.png` and this quarter's report (`segments.csv`, `crm.csv`, `report.xlsx`,
              `report.html`, the matrix).

            When you confirm or change an answer above, the line beside **Update** says this is
            out of date. One click on **Update** works everything out again and writes the files
            again.
            """,
        ),
        Code(
            """
            folder = report_folder or None
            view = klantlib.QuarterView(current_session, form=form, folder=folder, lang=lang)
            display(view)
            print(klantlib.written_line(view.written, lang))
            """
        ),
        Markdown(
            nl="""
            **Om samen te bespreken**

            - Welke klanten zakten van A naar B of C: ligt het aan de omzet of aan een antwoord?
            - Zijn de nieuwe klanten al beantwoord? Wie neemt ze op zich?
            - Krijgen de klanten die wegvielen nog tijd in het plan?

            ## Samenvatting

            - Een nieuw kwartaal begint van het vorige: antwoorden, klassen, rooster en plan
              gaan mee, de vorige sessie blijft onaangeroerd.
            - Het team bevestigt of past aan; nieuwe klanten vallen op.
            - De verschuivingen en de geschiedenis staan in tabellen, een grafiek en bestanden.

            ## Wat komt hierna

            Pas waar nodig het plan aan (notebook 05 op de sessie van dit kwartaal), en doe het
            over drie maanden opnieuw.
            """,
            en="""
            **To discuss together**

            - Which customers dropped from A to B or C: is it the revenue or an answer?
            - Are the new customers answered yet? Who takes them on?
            - Do the customers that left still get time in the plan?

            ## Summary

            - A new quarter starts from the last one: answers, bands, grid and plan carry over,
              the previous session stays untouched.
            - The team confirms or changes; new customers stand out.
            - The moves and the history are in tables, a chart and files.

            ## What comes next

            Change the plan where needed (notebook 05 on this quarter's session), and do it
            again in three months.
            """,
        ),
    ),
)

WORKSHOP = Notebook(
    names={"nl": "07_werkplaats", "en": "07_workshop"},
    cells=(
        Parameters(
            (
                ("session", "2026-Q4", "session name"),
                ("customers_file", "", "empty: the session's file (new: the sample); or a path"),
                ("year", None, "for invoice lines: the year whose lines are added up"),
                ("report_folder", "", "where the files go; empty: data/rapporten/<session>/"),
            ),
            hidden=True,
        ),
        Code(
            """
            import klantlib

            klantlib.workshop_app(
                session,
                customers_file,
                year=year,
                report_folder=report_folder,
                lang=lang,
            )
            """,
            hidden=True,
        ),
        Markdown(
            nl="""
            **Werkplaats** · de hele workshop op één pagina: kies **Run › Run All Cells** en werk
            met de knoppen, stap na stap. Elke klik wordt bewaard. De sessie kiezen: klik op de
            puntjes bovenaan. Op de projector zonder code: `make present`.
            """,
            en="""
            **Workshop** · the whole session on one page: choose **Run › Run All Cells** and work
            with the buttons, step by step. Every click is stored. To choose the session: click
            the dots at the top. On the projector without code: `make present`.
            """,
        ),
    ),
)

NOTEBOOKS: tuple[Notebook, ...] = (
    START_HERE,
    CUSTOMER_LIST,
    REVENUE_BANDS,
    FOUR_QUESTIONS,
    MATRIX,
    ACTION_PLAN,
    NEW_QUARTER,
    WORKSHOP,
)
"""Every notebook of the flow, in order."""


def main() -> None:
    """Rebuild the notebooks beside this script."""
    root = Path(__file__).resolve().parent
    for path in build(root):
        print(path.relative_to(root))


if __name__ == "__main__":
    main()
