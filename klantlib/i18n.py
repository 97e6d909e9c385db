"""The one catalogue of user-facing text, in Dutch and English.

Every sentence a user reads (messages, labels, reasons, table headers) is looked up here
with :func:`text`; nothing else in the kit writes user-facing sentences itself. Money and
numbers are formatted with Babel for the language's locale (``nl_BE`` / ``en_GB``).
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Mapping
from typing import Literal

__all__ = [
    "LANGUAGES",
    "Language",
    "check_language",
    "format_money",
    "format_number",
    "format_share",
    "get_language",
    "set_language",
    "template",
    "text",
    "with_plurals",
]

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")
_LOCALES = {"nl": "nl_BE", "en": "en_GB"}
_current: list[Language] = ["nl"]

# key -> (Dutch, English). Placeholders use str.format names; {count|klant|klanten} is a word
# that follows the number (or list) count (see with_plurals).
CATALOGUE: dict[str, tuple[str, str]] = {
    # bands
    "band.small": ("klein", "small"),
    "band.medium": ("middel", "medium"),
    "band.large": ("groot", "large"),
    # answers
    "answer.yes": ("ja", "yes"),
    "answer.no": ("nee", "no"),
    "answer.unknown": ("?", "?"),
    # questions: short label and the question as put to the team
    "question.margin": ("Marge", "Margin"),
    "question.cashflow": ("Cashflow", "Cash flow"),
    "question.innovation": ("Innovatie", "Innovation"),
    "question.network": ("Netwerk", "Network"),
    "question.margin.text": (
        "Verdienen we aan deze klant genoeg in verhouding tot de tijd die hij ons kost?",
        "Do we earn enough on this customer for the time it takes us?",
    ),
    "question.cashflow.text": (
        "Beslist deze klant vlot en betaalt hij op tijd?",
        "Does this customer decide quickly and pay on time?",
    ),
    "question.innovation.text": (
        "Mogen we bij deze klant nieuwe ideeën voorstellen, en leren we zelf iets van hem?",
        "Does this customer let us bring new ideas, and do we learn from it?",
    ),
    "question.network.text": (
        "Is dit een naam om mee uit te pakken, of opent deze klant deuren naar anderen?",
        "Is this a name worth showing, or does this customer open doors to others?",
    ),
    # reasons: "B: groot, 1× ja: Netwerk; open: Marge"
    "reason": ("{segment}: {band}, {score}× ja", "{segment}: {band}, {score}× yes"),
    "reason.yes_list": ("{reason}: {questions}", "{reason}: {questions}"),
    "reason.open": ("{reason}; open: {questions}", "{reason}; open: {questions}"),
    # column headers for display
    "col.customer_id": ("klantnr", "customer id"),
    "col.name": ("klant", "customer"),
    "col.revenue": ("omzet", "revenue"),
    "col.potential_revenue": ("potentiële omzet", "potential revenue"),
    "col.gross_margin": ("brutomarge", "gross margin"),
    "col.hours": ("uren", "hours"),
    "col.days_to_pay": ("betaaltermijn (dagen)", "days to pay"),
    "col.account_manager": ("accountmanager", "account manager"),
    "col.band": ("omzetklasse", "band"),
    "col.score": ("score", "score"),
    "col.open": ("open vragen", "open questions"),
    "col.segment": ("segment", "segment"),
    "col.reason": ("waarom", "reason"),
    "col.from_segment": ("vorig kwartaal", "last quarter"),
    "col.to_segment": ("nu", "now"),
    "col.customers": ("klanten", "customers"),
    "col.revenue_share": ("aandeel omzet", "share of revenue"),
    "col.hours_share": ("aandeel uren", "share of hours"),
    "col.revenue_per_hour": ("omzet per uur", "revenue per hour"),
    "col.lower_bound": ("vanaf", "from"),
    "col.question": ("vraag", "question"),
    "col.question_text": ("wat we ons afvragen", "what we ask ourselves"),
    # errors: customer table
    "error.missing_columns": (
        "{missing|De kolom|De kolommen} {missing} {missing|ontbreekt|ontbreken}. Aanwezige"
        " kolommen: {present}.",
        "{missing|Column|Columns} {missing} missing. Columns present: {present}.",
    ),
    "error.no_customers": (
        "De klantenlijst is leeg: er is geen enkele klant om in te delen.",
        "The customer list is empty: there is no customer to segment.",
    ),
    "error.bad_number": (
        "rij {row}, kolom '{column}': '{value}' is geen bedrag"
        " (schrijf bv. 12500.50, zonder valutateken)",
        "row {row}, column '{column}': '{value}' is not an amount"
        " (write e.g. 12500.50, without a currency sign)",
    ),
    "error.missing_value": (
        "rij {row}, kolom '{column}': de cel is leeg",
        "row {row}, column '{column}': the cell is empty",
    ),
    "error.duplicate_id": (
        "rij {row}, kolom '{column}': klantnummer '{value}' staat er al op rij {first_row}",
        "row {row}, column '{column}': customer id '{value}' already on row {first_row}",
    ),
    "error.problems": (
        "{source}{count} {count|probleem|problemen} gevonden:\n{lines}",
        "{source}{count} {count|problem|problems} found:\n{lines}",
    ),
    "error.more_problems": ("… en nog {count} andere", "… and {count} more"),
    # errors: bands
    "error.negative_threshold": (
        "Een omzetgrens kan niet negatief zijn (gekregen: {value}).",
        "A revenue threshold cannot be negative (got {value}).",
    ),
    "error.thresholds_not_increasing": (
        "De grens voor 'groot' ({high}) moet hoger liggen dan de grens voor 'middel' ({low}).",
        "The threshold for 'large' ({high}) must be higher than the one for 'medium' ({low}).",
    ),
    "error.threshold_not_number": (
        "De omzetgrens '{value}' is geen getal.",
        "The revenue threshold '{value}' is not a number.",
    ),
    "error.bands_format": (
        "Geef twee omzetgrenzen, bv. --bands 10000,50000 (gekregen: '{value}').",
        "Give two revenue thresholds, e.g. --bands 10000,50000 (got '{value}').",
    ),
    "error.too_few_for_suggestion": (
        "Te weinig verschillende positieve omzetten ({count}) om drie omzetklassen voor te"
        " stellen; kies de grenzen zelf: typ ze in notebook 02 en klik Bewaren (of --bands"
        " LAAG,HOOG op de opdrachtregel).",
        "Too few different positive revenues ({count}) to suggest three bands; choose the"
        " thresholds yourself: type them in notebook 02 and click Store (or --bands LOW,HIGH on"
        " the command line).",
    ),
    "error.bad_shares": (
        "De aandelen voor groot, middel en klein moeten positief zijn en samen 100% maken"
        " (gekregen: {shares}).",
        "The shares for large, medium and small must be positive and add up to 100%"
        " (got {shares}).",
    ),
    "warning.empty_band": (
        "Omzetklasse '{band}' is leeg: geen enkele klant valt erin met deze grenzen.",
        "Band '{band}' is empty: no customer falls in it with these thresholds.",
    ),
    # errors: answers
    "error.bad_answer": (
        "rij {row}, kolom '{column}': '{value}' is geen antwoord"
        " (gebruik ja, nee of ?; ook j, n, x, 1, 0 of een lege cel)",
        "row {row}, column '{column}': '{value}' is not an answer"
        " (use yes, no or ?; also y, n, x, 1, 0 or an empty cell)",
    ),
    "error.duplicate_question_column": (
        "De vraag '{question}' staat in twee kolommen: {columns}. Houd er één.",
        "The question '{question}' is in two columns: {columns}. Keep one.",
    ),
    "notice.unknown_answer_ids": (
        "{count} {count|antwoord hoort|antwoorden horen} bij een klantnummer dat niet in de"
        " klantenlijst staat en {count|telt|tellen} niet mee: {ids}",
        "{count} answer {count|row belongs|rows belong} to a customer id that is not in the"
        " customer list and {count|is|are} not used: {ids}",
    ),
    # errors: segment grid
    "error.grid_shape": (
        "Het segmentrooster moet 3 rijen (klein, middel, groot) en 5 kolommen (score 0 tot 4)"
        " hebben; gekregen: {shape}.",
        "The segment grid must have 3 rows (small, medium, large) and 5 columns (score 0 to 4);"
        " got {shape}.",
    ),
    "error.grid_cell": (
        "Cel {band}, score {score} van het segmentrooster: '{value}' is geen A, B of C.",
        "Cell {band}, score {score} of the segment grid: '{value}' is not A, B or C.",
    ),
    "warning.grid_large_in_c": (
        "Een grote klant met score {score} komt in segment C terecht.",
        "A large customer with score {score} lands in segment C.",
    ),
    "warning.grid_right_lowers": (
        "Een {band} klant zakt van {here} naar {there} als de score van {score} naar {next}"
        " stijgt.",
        "A {band} customer drops from {here} to {there} when its score rises from {score} to"
        " {next}.",
    ),
    "warning.grid_up_lowers": (
        "Bij score {score} zakt een klant van {here} naar {there} als hij van {band} naar"
        " {upper} gaat.",
        "At score {score} a customer drops from {here} to {there} when it moves from {band} to"
        " {upper}.",
    ),
    # recognising columns
    "field.customer_id": ("klantnummer", "customer id"),
    "field.name": ("klantnaam", "customer name"),
    "field.revenue": ("omzet", "revenue"),
    "field.date": ("factuurdatum", "invoice date"),
    "field.invoice_number": ("factuurnummer", "invoice number"),
    "field.potential_revenue": ("potentiële omzet", "potential revenue"),
    "field.gross_margin": ("brutomarge", "gross margin"),
    "field.hours": ("uren", "hours"),
    "field.days_to_pay": ("betaaltermijn", "days to pay"),
    "field.account_manager": ("accountmanager", "account manager"),
    "field.status": ("status", "status"),
    "field.currency": ("munt", "currency"),
    "field.quantity": ("aantal", "quantity"),
    "field.unit_price": ("eenheidsprijs", "unit price"),
    "error.unknown_field": (
        "'{field}' is geen veld dat de kit kent; kies uit: {fields}.",
        "'{field}' is not a field the kit knows; choose from: {fields}.",
    ),
    "error.override_not_found": (
        "Kolom '{header}' (opgegeven voor {field}) staat niet in het bestand."
        " Aanwezige kolommen: {present}.",
        "Column '{header}' (given for {field}) is not in the file. Columns present: {present}.",
    ),
    "error.ambiguous_column": (
        "Meerdere kolommen kunnen de {field} zijn: {headers}. Kies er één, bv. met"
        ' --column {field_code}="{example}".',
        "Several columns could hold the {field}: {headers}. Choose one, e.g. with"
        ' --column {field_code}="{example}".',
    ),
    "error.repeated_column": (
        "Twee kolommen heten '{header}' (kolommen {letters}); de kit kiest er niet zelf een"
        ' voor de {field}. Zeg welke: --column {field_code}="{first}" voor de eerste,'
        ' --column {field_code}="{second}" voor de tweede.',
        "Two columns are called '{header}' (columns {letters}); the kit does not pick one for"
        ' the {field} itself. Say which: --column {field_code}="{first}" for the first,'
        ' --column {field_code}="{second}" for the second.',
    ),
    "error.date_order": (
        "Datumvolgorde '{value}' bestaat niet: kies dmy (dag eerst, 10/06/2025 is 10 juni) of"
        " mdy (maand eerst, 10/06/2025 is 6 oktober).",
        "Date order '{value}' does not exist: choose dmy (day first, 10/06/2025 is 10 June) or"
        " mdy (month first, 10/06/2025 is October 6).",
    ),
    "error.date_order_unknown": (
        "De datums in kolom '{column}' (zoals {example}) kunnen dag/maand of maand/dag zijn:"
        " geen enkele heeft een dag boven 12. Zeg hoe ze gelezen worden: --date-order dmy"
        ' (dag eerst) of --date-order mdy (maand eerst); in een notebook date_order = "dmy"'
        ' of "mdy" in de grijze cel.',
        "The dates in column '{column}' (such as {example}) can be day/month or month/day: none"
        " has a day above 12. Say how to read them: --date-order dmy (day first) or"
        ' --date-order mdy (month first); in a notebook date_order = "dmy" or "mdy" in'
        " the grey cell.",
    ),
    "error.date_order_mixed": (
        "Kolom '{column}' heeft datums met de dag eerst ({day_first}) en met de maand eerst"
        " ({month_first}): één volgorde per kolom. Verbeter de export, of kies met"
        " --date-order dmy of mdy; wat niet past, wordt dan gemeld.",
        "Column '{column}' has dates with the day first ({day_first}) and with the month"
        " first ({month_first}): one order per column. Fix the export, or choose with"
        " --date-order dmy or mdy; what does not fit is then reported.",
    ),
    "error.formula_without_value": (
        "rij {row}, kolom '{column}': de cel bevat een formule ({value}) zonder berekende"
        " waarde. Open het bestand in Excel (of LibreOffice), bewaar het, en lees het opnieuw"
        " in.",
        "row {row}, column '{column}': the cell holds a formula ({value}) without a calculated"
        " value. Open the file in Excel (or LibreOffice), save it, and read it again.",
    ),
    "error.cell_too_large": (
        "rij {row}: een cel is groter dan 128 KiB, meer dan een klantenlijst of factuurlijn ooit"
        " bevat. Kijk de export na (een aanhalingsteken dat nooit sluit?) en lees ze opnieuw in.",
        "row {row}: a cell is larger than 128 KiB, more than a customer list or invoice line"
        " ever holds. Check the export (a quote that never closes?) and read it again.",
    ),
    "error.field_missing": (
        "Geen kolom gevonden voor: {fields}. Aanwezige kolommen: {present}. Geef de juiste"
        ' kolom aan met --column, bv. --column revenue="Bedrag".',
        "No column found for: {fields}. Columns present: {present}. Point to the right"
        ' column with --column, e.g. --column revenue="Amount".',
    ),
    # amounts
    "error.amount_not_number": (
        "rij {row}, kolom '{column}': '{value}' is geen bedrag (schrijf bv. {example})",
        "row {row}, column '{column}': '{value}' is not an amount (write e.g. {example})",
    ),
    "error.amount_other_style": (
        "rij {row}, kolom '{column}': '{value}' is geschreven met {other}, maar de kolom"
        " gebruikt {style}",
        "row {row}, column '{column}': '{value}' is written with {other}, but the column"
        " uses {style}",
    ),
    "error.amount_conflict": (
        "Kolom '{column}' mengt twee schrijfwijzen: {comma_count}"
        " {comma_count|cel|cellen} met een decimale komma (bv. {comma_example}) en {dot_count}"
        " {dot_count|cel|cellen} met een decimale punt"
        " (bv. {dot_example}). Zet de kolom in één schrijfwijze, of kies zelf welke geldt"
        ' (--number-style comma of dot; in de notebook number_style="comma" of "dot"):'
        " de cellen in de andere schrijfwijze worden dan als fout gemeld.",
        "Column '{column}' mixes two ways of writing amounts: {comma_count}"
        " {comma_count|cell|cells} with a decimal comma (e.g. {comma_example}) and {dot_count}"
        " {dot_count|cell|cells} with a decimal point"
        " (e.g. {dot_example}). Write the column one way, or choose which way applies"
        ' (--number-style comma or dot; in the notebook number_style="comma" or "dot"):'
        " the cells written the other way are then reported as errors.",
    ),
    # errors: sessions
    "error.session_name_reserved": (
        "'{value}' kan geen sessienaam zijn: Windows houdt die naam voor een apparaat en kan"
        " er geen bestand van maken. Kies een andere, bv. 2026-Q4.",
        "'{value}' cannot be a session name: Windows keeps that name for a device and cannot"
        " make a file of it. Choose another, e.g. 2026-Q4.",
    ),
    "error.session_name_dot": (
        "'{value}' kan geen sessienaam zijn: een naam die op een punt eindigt, kan Windows niet"
        " maken. Laat de punt weg.",
        "'{value}' cannot be a session name: Windows cannot make a name that ends in a dot."
        " Leave the dot out.",
    ),
    "cli.argparse.usage": ("gebruik:", "usage:"),
    "cli.argparse.positionals": ("argumenten", "positional arguments"),
    "cli.argparse.options": ("opties", "options"),
    "cli.argparse.help": ("toon deze hulp en stop", "show this help message and exit"),
    "cli.argparse.error": ("{prog}: fout: {message}", "{prog}: error: {message}"),
    "cli.argparse.required": (
        "deze argumenten ontbreken: {args}",
        "the following arguments are required: {args}",
    ),
    "cli.argparse.unrecognized": ("onbekende argumenten: {args}", "unrecognized arguments: {args}"),
    "cli.argparse.choice": (
        "argument {arg}: {value} kan niet; kies uit {choices}",
        "argument {arg}: {value} is not a choice; choose from {choices}",
    ),
    "cli.argparse.invalid": (
        "argument {arg}: {value} is geen geldige waarde",
        "argument {arg}: {value} is not a valid value",
    ),
    "cli.argparse.one_value": (
        "argument {arg}: er hoort één waarde bij",
        "argument {arg}: expected one value",
    ),
    "cli.argparse.not_with": (
        "argument {arg} gaat niet samen met {other}",
        "argument {arg} is not allowed with {other}",
    ),
    "cli.argparse.one_of": (
        "één van deze argumenten is nodig: {args}",
        "one of these is required: {args}",
    ),
    "cli.argparse.argument": ("argument {arg}: {message}", "argument {arg}: {message}"),
    "cli.bad_date": (
        "'{value}' is geen datum. Schrijf ze als 2025-12-31, 31/12/2025, 31-12-2025 of 31.12.2025.",
        "'{value}' is not a date. Write it as 2025-12-31, 31/12/2025, 31-12-2025 or 31.12.2025.",
    ),
    "error.session_name": (
        "'{value}' kan geen sessienaam zijn: gebruik letters, cijfers, spaties, '.', '_' of"
        " '-' (bv. 2026-Q4), hoogstens 64 tekens.",
        "'{value}' cannot be a session name: use letters, digits, spaces, '.', '_' or '-'"
        " (e.g. 2026-Q4), at most 64 characters.",
    ),
    "error.session_exists": (
        "Sessie '{name}' bestaat al in {folder}. Kies een andere naam, of open de sessie om"
        " verder te werken.",
        "Session '{name}' already exists in {folder}. Choose another name, or open the session"
        " to carry on.",
    ),
    "error.session_not_found": (
        "Sessie '{name}' bestaat niet in {folder}. Sessies daar: {sessions}.",
        "Session '{name}' does not exist in {folder}. Sessions there: {sessions}.",
    ),
    "error.session_unreadable": (
        "{path} is geen sessiebestand van deze kit (of van een andere versie).",
        "{path} is not a session file of this kit (or of another version).",
    ),
    "error.session_newer": (
        "{path} is gemaakt door een nieuwere versie van de kit. Werk de kit bij (git pull,"
        " dan make workshop) om deze sessie te openen; ze blijft zoals ze is.",
        "{path} was made by a newer version of the kit. Update the kit (git pull, then make"
        " workshop) to open this session; it stays as it is.",
    ),
    "error.session_read_only": (
        "De sessie {path} kan niet geopend worden om te schrijven: de map {folder} is alleen"
        " leesbaar (of het bestand is dat). Kies een map waarin je mag schrijven, bv. met de"
        " omgevingsvariabele KLANTLIB_WORKSPACE, of vraag schrijfrechten.",
        "Session {path} cannot be opened for writing: the folder {folder} is read-only (or the"
        " file is). Choose a folder you may write to, e.g. with the environment variable"
        " KLANTLIB_WORKSPACE, or ask for write access.",
    ),
    "error.disk_full": (
        "De schijf is vol: {path} kan niets meer bewaren. Maak ruimte vrij en probeer opnieuw;"
        " wat al bewaard was, blijft.",
        "The disk is full: {path} cannot store anything more. Free some space and try again;"
        " what was stored stays.",
    ),
    "error.click_disk_full": (
        "De schijf is vol: deze klik is niet bewaard (alles van daarvoor wel). Maak ruimte vrij"
        " en klik opnieuw.",
        "The disk is full: this click was not stored (everything before it was). Free some"
        " space and click again.",
    ),
    "error.click_read_only": (
        "De sessiemap is alleen leesbaar: deze klik is niet bewaard. Vraag schrijfrechten, of"
        " open de sessie op een plaats waar je mag schrijven.",
        "The session folder is read-only: this click was not stored. Ask for write access, or"
        " open the session where you may write.",
    ),
    "error.session_unknown_customer": (
        "Klantnummer '{value}' zit niet in sessie '{name}'.",
        "Customer id '{value}' is not in session '{name}'.",
    ),
    "error.change_at": ("wijziging {position}: {problem}", "change {position}: {problem}"),
    "error.participant_name": (
        "'{value}' kan geen naam van een deelnemer zijn: tik een naam van 1 tot 80 tekens.",
        "'{value}' cannot be a participant's name: type a name of 1 to 80 characters.",
    ),
    "error.session_field": (
        "'{value}' is niets wat een sessie bewaart; wel: {fields}.",
        "'{value}' is nothing a session stores; it stores: {fields}.",
    ),
    "error.session_answer": (
        "'{value}' is geen antwoord op {field}: yes, no of unknown.",
        "'{value}' is not an answer to {field}: yes, no or unknown.",
    ),
    "error.session_favourite": (
        "'{value}' is geen favoriet-markering: yes, of leeg.",
        "'{value}' is not a favourite mark: yes, or empty.",
    ),
    "error.session_note": (
        "Een notitie van {length} tekens is te lang: hoogstens {most}.",
        "A note of {length} characters is too long: at most {most}.",
    ),
    "error.session_time": (
        "'{value}' is geen tijdsinschatting: een aantal uren per jaar (bv. 12,5), of little,"
        " average of much.",
        "'{value}' is not a time estimate: hours per year (e.g. 12.5), or little, average or much.",
    ),
    "error.year_and_period": (
        "Kies een jaar (--year {year}) of een periode (--from en --to), niet allebei.",
        "Choose a year (--year {year}) or a period (--from and --to), not both.",
    ),
    "error.period_reversed": (
        "De periode begint na ze eindigt: van {start} tot {end}. Wissel de twee datums om.",
        "The period starts after it ends: from {start} to {end}. Swap the two dates.",
    ),
    "error.no_lines_in_period": (
        "Geen enkele factuurlijn valt in de periode {period}: de lijnen in het bestand lopen"
        " van {first} tot {last}. Kies een jaar of periode binnen die datums.",
        "No invoice line falls in the period {period}: the lines in the file run from {first}"
        " to {last}. Choose a year or period within those dates.",
    ),
    "error.number_style": (
        "Onbekende schrijfwijze voor bedragen: '{value}'. Kies comma (1.234,56) of dot (1,234.56).",
        "Unknown way of writing amounts: '{value}'. Choose comma (1.234,56) or dot (1,234.56).",
    ),
    "error.amount_ambiguous": (
        "Kolom '{column}': aan de bedragen (bv. {examples}) is niet te zien of de punt of de"
        " komma de decimalen aangeeft. '1.234' kan duizend tweehonderdvierendertig zijn, of"
        " 1 komma 234. Exporteer de bedragen met twee cijfers na de komma, of kies zelf de"
        " schrijfwijze: decimale komma (1.234,56: --number-style comma) of decimale punt"
        ' (1,234.56: --number-style dot); in de notebook number_style="comma" of "dot".',
        "Column '{column}': the amounts (e.g. {examples}) do not show whether the point or"
        " the comma marks the decimals. '1.234' can be one thousand two hundred and"
        " thirty-four, or 1 point 234. Export the amounts with two decimals, or choose the"
        " way they are written: decimal comma (1.234,56: --number-style comma) or decimal"
        ' point (1,234.56: --number-style dot); in the notebook number_style="comma" or'
        ' "dot".',
    ),
    "error.amount_example": ("rij {row}: '{value}'", "row {row}: '{value}'"),
    "error.amount_style_comma": (
        "een decimale komma (zoals 1.234,56)",
        "a decimal comma (like 1.234,56)",
    ),
    "error.amount_style_dot": (
        "een decimale punt (zoals 1,234.56)",
        "a decimal point (like 1,234.56)",
    ),
    # invoice lines
    "error.bad_date": (
        "rij {row}, kolom '{column}': '{value}' is geen datum (schrijf bv. 31/12/2025 of"
        " 2025-12-31)",
        "row {row}, column '{column}': '{value}' is not a date (write e.g. 31/12/2025 or"
        " 2025-12-31)",
    ),
    "error.several_years": (
        "De factuurlijnen lopen over meerdere jaren: {years}. Kies één jaar (in de notebook:"
        " year = {last}; op de opdrachtregel: --year {last}) of een periode (--from en --to).",
        "The invoice lines span several years: {years}. Choose one year (in the notebook:"
        " year = {last}; on the command line: --year {last}) or a period (--from and --to).",
    ),
    # loading a file: what was understood
    "load.kind.csv": ("{file}: tekstbestand (CSV)", "{file}: text file (CSV)"),
    "load.kind.spreadsheet": ("{file}: rekenblad", "{file}: spreadsheet"),
    "load.text_format": (
        "tekenset {encoding}, scheidingsteken: {delimiter}",
        "encoding {encoding}, delimiter: {delimiter}",
    ),
    "load.delimiter.comma": ("komma", "comma"),
    "load.delimiter.semicolon": ("puntkomma", "semicolon"),
    "load.delimiter.tab": ("tab", "tab"),
    "load.delimiter.pipe": ("verticale streep |", "vertical bar |"),
    "load.delimiter.spaces": (
        "geen (kolommen uitgelijnd met spaties)",
        "none (columns aligned with spaces)",
    ),
    "load.sheet": ("tabblad '{sheet}'", "sheet '{sheet}'"),
    "load.header_row": ("kopregel op rij {row}", "header on row {row}"),
    "load.columns": ("kolommen: {columns}", "columns: {columns}"),
    "load.number_style": ("bedragen: {style}", "amounts: {style}"),
    "load.style.comma": ("decimale komma (1.234,56)", "decimal comma (1.234,56)"),
    "load.style.dot": ("decimaal punt (1,234.56)", "decimal point (1,234.56)"),
    "load.style.none": ("gehele getallen of echte getallen", "whole numbers or real numbers"),
    "load.skipped": ("rij {row} overgeslagen: {reason}", "row {row} skipped: {reason}"),
    "load.skip.blank": ("lege rij", "blank row"),
    "load.skip.total": ("totaalrij", "total row"),
    "load.skip.layout": (
        "opmaak van het overzicht (een lijn, de kopregel opnieuw, tekst onder de tabel)",
        "the report's layout (a rule, the header again, text under the table)",
    ),
    "load.status_left_out": (
        "lijnen niet meegeteld door hun status: {statuses}",
        "lines left out for their status: {statuses}",
    ),
    "load.other_currency": (
        "alleen de lijnen in {currency} opgeteld; {count} {count|lijn|lijnen} in een andere munt"
        " niet meegeteld",
        "only the lines in {currency} added up; {count} {count|line|lines} in another currency"
        " left out",
    ),
    "error.unknown_status": (
        "Kolom '{column}' heeft statussen die de kit niet kent: {values} (de eerste op rij"
        " {row}). Tellen die lijnen"
        " mee als omzet of niet? Zet ze in de export om naar bv. 'betaald' of 'geannuleerd',"
        " of laat de kolom weg.",
        "Column '{column}' has statuses the kit does not know: {values} (the first on row"
        " {row}). Do those lines"
        " count as revenue or not? Change them in the export to e.g. 'paid' or 'cancelled', or"
        " leave the column out.",
    ),
    "error.several_currencies": (
        "Kolom '{column}' heeft lijnen in meer dan één munt ({currencies}): die mag de kit niet"
        " bij elkaar optellen. Kies er één met --currency, bv. --currency EUR.",
        "Column '{column}' has lines in more than one currency ({currencies}): the kit may not"
        " add those up. Choose one with --currency, e.g. --currency EUR.",
    ),
    "error.currency_not_found": (
        "Munt {currency} komt niet voor in het bestand; wel: {currencies}.",
        "Currency {currency} is not in the file; these are: {currencies}.",
    ),
    "load.from_quantity": (
        "geen kolom met het bedrag per lijn: elke lijn is aantal × eenheidsprijs, exact tot op"
        " de cent opgeteld",
        "no column with each line's amount: each line is quantity × unit price, added up exactly"
        " to the cent",
    ),
    "load.maybe_vat": (
        "let op: de omzet komt uit kolom '{column}', die niet zegt of de btw erin zit. Staat er"
        ' een kolom zonder btw in het bestand, kies die met --column revenue="…".',
        "note: the revenue comes from column '{column}', which does not say whether VAT is in"
        ' it. If the file has a column without VAT, choose it with --column revenue="…".',
    ),
    "load.kept_total": (
        "rij {row} lijkt op een totaal ('{label}') maar is als klant meegeteld: ze heeft een"
        " eigen klantnummer, of is meer dan alleen het woord totaal",
        "row {row} looks like a total ('{label}') but is counted as a customer: it has a"
        " customer id of its own, or is more than just the word total",
    ),
    "load.invoices": (
        "factuurlijnen: {used} {used|lijn|lijnen} in {period} opgeteld per klant ({credits}"
        " creditnota's"
        " afgetrokken), {outside} {outside|lijn|lijnen} buiten die periode",
        "invoice lines: {used} {used|line|lines} in {period} added up per customer ({credits}"
        " credit"
        " notes subtracted), {outside} {outside|line|lines} outside that period",
    ),
    "load.merged": (
        "samengevoegd als één klant '{name}': {spellings}",
        "merged as one customer '{name}': {spellings}",
    ),
    "load.same_name": (
        "'{name}' staat op rijen {rows}: zonder klantnummers houdt de kit die rijen apart, als"
        " verschillende klanten. Is het één klant, tel de omzet dan samen in het bestand, of"
        " voeg een kolom met klantnummers toe.",
        "'{name}' is on rows {rows}: without customer ids the kit keeps those rows apart, as"
        " different customers. If it is one customer, add up the revenue in the file, or add a"
        " column of customer ids.",
    ),
    "load.customers": ("{count} {count|klant|klanten}", "{count} {count|customer|customers}"),
    "load.progress": ("{file} inlezen", "Reading {file}"),
    "error.too_many_cells": (
        "rij {row} heeft {count} cellen, maar de kopregel maar {expected}",
        "row {row} has {count} cells, but the header row only {expected}",
    ),
    "error.row_too_large": (
        "rij {row} is langer dan 4 MB zonder einde van de regel: geen klantenlijst of factuurlijn"
        " is zo lang. Kijk de export na (regeleinden weggevallen?) en lees ze opnieuw in.",
        "row {row} runs on for more than 4 MB without a line end: no customer list or invoice"
        " line is that long. Check the export (line ends lost?) and read it again.",
    ),
    "error.across_columns": (
        "rij {row}: de tekst loopt over de kolommen heen (bij teken {position}), dus de cellen"
        " zijn niet te scheiden. Verwijder die lijn, of bewaar het overzicht als CSV of Excel"
        " in het pakket dat het maakte.",
        "row {row}: the text runs across the columns (at character {position}), so its cells"
        " cannot be told apart. Delete that line, or save the report as CSV or Excel in the"
        " package that made it.",
    ),
    "error.not_encoding": (
        "rij {row}: de tekst is geen geldige {encoding}. Bewaar het bestand opnieuw als"
        " 'CSV UTF-8'.",
        "row {row}: the text is not valid {encoding}. Save the file again as 'CSV UTF-8'.",
    ),
    "error.id_two_names": (
        "rij {row}: klantnummer '{value}' heet hier '{name}', maar op rij {first_row}"
        " '{first_name}'. Eén klantnummer hoort bij één klant.",
        "row {row}: customer id '{value}' is called '{name}' here, but '{first_name}' on row"
        " {first_row}. One customer id belongs to one customer.",
    ),
    # errors: files and command line
    "error.file_not_found": ("Bestand niet gevonden: {path}", "File not found: {path}"),
    "error.file_unreadable": (
        "{path} kan niet gelezen worden: {reason}",
        "{path} cannot be read: {reason}",
    ),
    "error.file_empty": (
        "{path} is leeg: er staat geen kopregel in.",
        "{path} is empty: there is no header row.",
    ),
    "error.not_text": (
        "{path} is geen tekstbestand (CSV). Bewaar het in Excel als 'CSV UTF-8'.",
        "{path} is not a text (CSV) file. Save it from Excel as 'CSV UTF-8'.",
    ),
    "error.sheet_too_large": (
        "{path}: dit tabblad bevat uitgepakt meer dan {limit} MB aan cellen; zo'n rekenblad in"
        " één keer inlezen kan meer geheugen vragen dan deze computer heeft. Bewaar het"
        " tabblad in Excel als 'CSV UTF-8' (Bestand → Opslaan als) en lees dat bestand in:"
        " een CSV leest de kit in stukken, hoe groot ook.",
        "{path}: this sheet holds more than {limit} MB of cells, unpacked; reading such a"
        " spreadsheet at once can take more memory than this computer has. Save the sheet in"
        " Excel as 'CSV UTF-8' (File → Save As) and read that file: the kit reads a CSV in"
        " slices, however large.",
    ),
    "error.old_xls": (
        "{path} is een oud Excel-bestand (.xls) dat niet gelezen kan worden. Open het in Excel"
        " en bewaar het als 'Excel-werkmap (.xlsx)'.",
        "{path} is an old Excel file (.xls) that cannot be read. Open it in Excel and save it"
        " as 'Excel Workbook (.xlsx)'.",
    ),
    "error.sheet_not_found": (
        "{path} heeft geen tabblad '{sheet}'. Tabbladen: {sheets}.",
        "{path} has no sheet '{sheet}'. Sheets: {sheets}.",
    ),
    "error.out_not_dir": (
        "{path} bestaat al en is geen map.",
        "{path} exists and is not a folder.",
    ),
    "error.unexpected": (
        "Er liep iets onverwachts mis ({kind}: {detail}). Meld dit aan wie de kit beheert.",
        "Something unexpected went wrong ({kind}: {detail}). Report this to whoever runs the kit.",
    ),
    # command line output
    "bands.suggested": (
        "Omzetklassen volgens 80/15/5 van de omzet: middel vanaf {low}, groot vanaf {high}.",
        "Revenue bands by 80/15/5 of revenue: medium from {low}, large from {high}.",
    ),
    "bands.chosen": (
        "Omzetklassen: middel vanaf {low}, groot vanaf {high}.",
        "Revenue bands: medium from {low}, large from {high}.",
    ),
    "answers.none_open": (
        "Alle {total} {total|klant|klanten} hebben op elke vraag een antwoord.",
        "All {total} {total|customer|customers} have an answer to every question.",
    ),
    "answers.open": (
        "{count} van {total} {total|klant|klanten} hebben nog open vragen (? telt niet als ja).",
        "{count} of {total} {total|customer|customers} still have open questions (? does not"
        " count as yes).",
    ),
    "cli.written": ("Geschreven: {path}", "Written: {path}"),
    "cli.summary_title": ("Per segment:", "Per segment:"),
    "cli.summary_line": (
        "  {segment}: {customers} {customers|klant|klanten}, {revenue} omzet ({share})",
        "  {segment}: {customers} {customers|customer|customers}, {revenue} revenue ({share})",
    ),
    "notice": ("Let op: {message}", "Note: {message}"),
    "error.shown": ("Fout: {message}", "Error: {message}"),
    # command line help
    "cli.help.prog": (
        "Klantwaarde: klanten indelen in omzetklassen en segmenten A/B/C.",
        "Klantwaarde: sort customers into revenue bands and segments A/B/C.",
    ),
    "cli.help.segment": (
        "klanten en antwoorden inlezen en segments.csv schrijven",
        "read customers and answers and write segments.csv",
    ),
    "cli.help.customers": (
        "CSV met customer_id,name,revenue",
        "CSV with customer_id,name,revenue",
    ),
    "cli.help.answers": (
        "CSV met customer_id en marge,cashflow,innovatie,netwerk",
        "CSV with customer_id and margin,cashflow,innovation,network",
    ),
    "cli.help.bands": (
        "twee omzetgrenzen in euro, bv. 10000,50000 (standaard: 80/15/5 van de omzet)",
        "two revenue thresholds in euro, e.g. 10000,50000 (default: 80/15/5 of revenue)",
    ),
    "cli.help.lang": (
        "taal van de uitvoer (nl of en)",
        "language of the output (nl or en)",
    ),
    "cli.help.out": (
        "map waarin segments.csv komt",
        "folder to write segments.csv into",
    ),
    "cli.help.workshop": (
        "JupyterLab starten op 127.0.0.1, met toegangssleutel, bij het eerste notebook",
        "start JupyterLab on 127.0.0.1, with an access key, at the first notebook",
    ),
    "cli.help.port": (
        "poort (standaard 8888, of de eerste vrije daarna)",
        "port (default 8888, or the first free one after it)",
    ),
    "cli.help.present": (
        "de workshop als één pagina zonder code (voor de projector) op 127.0.0.1, met"
        " toegangssleutel",
        "the workshop as one page without code (for the projector) on 127.0.0.1, with an"
        " access key",
    ),
    "cli.help.no_browser": (
        "geen browser openen",
        "do not open a browser",
    ),
    "cli.help.load": (
        "een export (klantenlijst of factuurlijnen) inlezen als klantentabel",
        "read an export (customer list or invoice lines) as a customer table",
    ),
    "cli.help.input": (
        "CSV, TSV, tekst, .xlsx, .xlsm, .ods of .xls",
        "CSV, TSV, text, .xlsx, .xlsm, .ods or .xls",
    ),
    "cli.help.year": (
        "factuurlijnen van dit jaar optellen",
        "add up the invoice lines of this year",
    ),
    "cli.help.from": ("eerste dag van de periode", "first day of the period"),
    "cli.help.to": ("laatste dag van de periode", "last day of the period"),
    "cli.help.sheet": ("het tabblad om te lezen", "the sheet to read"),
    "cli.help.number_style": (
        "hoe de bedragen geschreven zijn, als de kit het niet kan zien: comma (1.234,56) of"
        " dot (1,234.56)",
        "how the amounts are written, when the kit cannot tell: comma (1.234,56) or dot (1,234.56)",
    ),
    "cli.help.currency": (
        "bij factuurlijnen in meer munten: de munt om op te tellen, bv. EUR",
        "for invoice lines in several currencies: the one to add up, e.g. EUR",
    ),
    "cli.help.date_order": (
        "hoe datums als 10/06/2025 gelezen worden, als de kit het niet kan zien: dmy (dag"
        " eerst) of mdy (maand eerst)",
        "how dates like 10/06/2025 are read, when the kit cannot tell: dmy (day first) or mdy"
        " (month first)",
    ),
    # command line: sessions and answer files
    "cli.help.session": ("workshopsessies beheren", "manage workshop sessions"),
    "cli.help.session_create": (
        "een nieuwe sessie maken met de klanten uit een bestand",
        "create a new session with the customers from a file",
    ),
    "cli.help.session_name": (
        "naam van de sessie, bv. 2026-Q4",
        "name of the session, e.g. 2026-Q4",
    ),
    "cli.help.session_bands": (
        "twee omzetgrenzen in euro voor de sessie, bv. 10000,50000 (mag ook later)",
        "two revenue thresholds in euro for the session, e.g. 10000,50000 (may come later)",
    ),
    "cli.help.workspace": (
        "map met de sessies (standaard: $KLANTLIB_WORKSPACE, anders data/sessies in de kit)",
        "folder holding the sessions (default: $KLANTLIB_WORKSPACE, else data/sessies in the kit)",
    ),
    "cli.help.segment_session": (
        "klanten, omzetgrenzen en antwoorden uit deze sessie nemen in plaats van uit bestanden",
        "take customers, thresholds and answers from this session instead of from files",
    ),
    "cli.help.participant": ("naam van wie de antwoorden gaf", "name of whoever gave the answers"),
    "cli.help.participant_pick": (
        "wiens antwoorden (nodig als meerdere deelnemers antwoordden)",
        "whose answers (needed when several participants answered)",
    ),
    "cli.help.answers_cmd": (
        "antwoorden in een sessie inlezen of eruit wegschrijven",
        "read answers into a session or write them out",
    ),
    "cli.help.answers_import": (
        "antwoorden uit een CSV- of Excel-bestand in een sessie bewaren (alles of niets)",
        "store answers from a CSV or Excel file in a session (all or nothing)",
    ),
    "cli.help.answers_file": (
        "CSV, .xlsx of .ods met customer_id en marge, cashflow, innovatie, netwerk (en eventueel"
        " notitie, favoriet, tijd); een lege cel bewaart niets",
        "CSV, .xlsx or .ods with customer_id and margin, cashflow, innovation, network (and"
        " optionally note, favourite, time); an empty cell stores nothing",
    ),
    "cli.help.answers_portfolio": (
        "alleen de klanten van deze accountmanager (zoals de kolom accountmanager ze"
        " schrijft), om op een andere laptop te beantwoorden; zonder --participant onder die"
        " naam",
        "only this account manager's customers (as the account manager column writes the"
        " name), to answer on another laptop; without --participant under that name",
    ),
    "cli.help.answers_export": (
        "de antwoorden van een deelnemer schrijven als CSV of Excel",
        "write a participant's answers as CSV or Excel",
    ),
    "cli.help.answers_out": (
        "bestand om te schrijven: .csv of .xlsx",
        "file to write: .csv or .xlsx",
    ),
    "cli.column.margin": ("marge", "margin"),
    "cli.column.cashflow": ("cashflow", "cashflow"),
    "cli.column.innovation": ("innovatie", "innovation"),
    "cli.column.network": ("netwerk", "network"),
    "cli.time.little": ("weinig", "little"),
    "cli.time.average": ("gemiddeld", "average"),
    "cli.time.much": ("veel", "much"),
    "cli.answers_sheet": ("Antwoorden", "Answers"),
    "cli.session_created": (
        "Sessie '{name}' gemaakt: {customers} {customers|klant|klanten}, {bands}. Bewaard in"
        " {path}",
        "Session '{name}' created: {customers} {customers|customer|customers}, {bands}. Stored in"
        " {path}",
    ),
    "cli.session_bands": (
        "omzetklassen middel vanaf {low}, groot vanaf {high}",
        "revenue bands medium from {low}, large from {high}",
    ),
    "cli.session_no_bands": ("omzetklassen nog niet gekozen", "revenue bands not chosen yet"),
    "cli.session_answers_of": (
        "Antwoorden van {participant} uit sessie '{name}'.",
        "Answers of {participant} from session '{name}'.",
    ),
    "cli.session_no_answers": (
        "Nog geen antwoorden in sessie '{name}': elke vraag is nog open.",
        "No answers in session '{name}' yet: every question is still open.",
    ),
    "cli.answers_imported": (
        "{file}: {rows} {rows|rij|rijen} gelezen, {cells} ingevulde {cells|cel|cellen};"
        " {stored} {stored|wijziging|wijzigingen} bewaard voor {participant} in sessie"
        " '{name}'.",
        "{file}: {rows} {rows|row|rows} read, {cells} filled {cells|cell|cells}; {stored}"
        " {stored|change|changes} stored for {participant} in session '{name}'.",
    ),
    "cli.answers_new_participant": (
        "{participant} is nieuw in sessie '{name}' (wie er al antwoordde: {participants}).",
        "{participant} is new in session '{name}' (who answered before: {participants}).",
    ),
    "cli.answers_exported": (
        "Antwoorden van {participant} in sessie '{name}': {answered} van {customers}"
        " {customers|klant|klanten}.",
        "Answers of {participant} in session '{name}': {answered} of {customers}"
        " {customers|customer|customers}.",
    ),
    "cli.answers_blank": (
        "Nog geen antwoorden in sessie '{name}': een leeg antwoordenblad met {customers}"
        " {customers|klant|klanten}.",
        "No answers in session '{name}' yet: a blank answer sheet with {customers}"
        " {customers|customer|customers}.",
    ),
    "error.segment_needs_input": (
        "Geef een klantenbestand en --answers ANTWOORDEN, of --session NAAM.",
        "Give a customer file and --answers ANSWERS, or --session NAME.",
    ),
    "error.segment_session_and_files": (
        "Geef ofwel een klantenbestand met --answers, ofwel --session, niet allebei.",
        "Give either a customer file with --answers, or --session, not both.",
    ),
    "error.segment_session_options": (
        "--participant en --workspace horen bij --session NAAM.",
        "--participant and --workspace go with --session NAME.",
    ),
    "error.session_participants": (
        "In sessie '{name}' antwoordden meerdere deelnemers: {participants}. Kies wiens"
        " antwoorden met --participant.",
        "Several participants answered in session '{name}': {participants}. Choose whose"
        " answers with --participant.",
    ),
    "error.session_participant_unknown": (
        "{participant} heeft niets geantwoord in sessie '{name}'. Deelnemers: {participants}.",
        "{participant} has not answered anything in session '{name}'. Participants:"
        " {participants}.",
    ),
    "error.session_storage": (
        "Het sessiebestand kan niet gelezen of geschreven worden: {reason}",
        "The session file cannot be read or written: {reason}",
    ),
    "error.answers_no_rows": (
        "er staan geen rijen met antwoorden in",
        "there are no rows of answers in it",
    ),
    "error.answers_no_columns": (
        "er staat geen kolom met antwoorden in: verwacht marge, cashflow, innovatie, netwerk,"
        " notitie, favoriet of tijd",
        "there is no column of answers in it: expected margin, cashflow, innovation, network,"
        " note, favourite or time",
    ),
    "error.answers_unknown_column": (
        "kolom '{column}' hoort niet in een antwoordenbestand; wel: customer_id, name,"
        " marge/margin, cashflow, innovatie/innovation, netwerk/network, notitie/note,"
        " favoriet/favourite, tijd/time, changed_at",
        "column '{column}' does not belong in an answer file; these do: customer_id, name,"
        " margin/marge, cashflow, innovation/innovatie, network/netwerk, note/notitie,"
        " favourite/favoriet, time/tijd, changed_at",
    ),
    "error.answers_duplicate_column": (
        "de kolommen {columns} betekenen allebei '{field}': houd er één",
        "the columns {columns} both mean '{field}': keep one",
    ),
    "error.answers_no_header": (
        "kolom {column} heeft geen kop op rij {row}, maar wel ingevulde cellen",
        "column {column} has no header on row {row}, but filled cells",
    ),
    "error.answers_cell": (
        "rij {row}, kolom '{column}': {problem}",
        "row {row}, column '{column}': {problem}",
    ),
    "error.answers_favourite": (
        "rij {row}, kolom '{column}': '{value}' is geen favoriet-markering (gebruik ja of x,"
        " nee, of een lege cel)",
        "row {row}, column '{column}': '{value}' is not a favourite mark (use yes or x, no, or"
        " an empty cell)",
    ),
    "error.answers_time": (
        "rij {row}, kolom '{column}': '{value}' is geen tijdsinschatting (een aantal uren per"
        " jaar, bv. 12,5, of weinig, gemiddeld of veel)",
        "row {row}, column '{column}': '{value}' is not a time estimate (hours per year, e.g."
        " 12.5, or little, average or much)",
    ),
    "error.answers_export_kind": (
        "{path}: antwoorden worden geschreven als {kinds}; kies een van die extensies.",
        "{path}: answers are written as {kinds}; choose one of those extensions.",
    ),
    "error.answers_out_is_dir": (
        "{path} is een map; geef een bestandsnaam, bv. antwoorden.xlsx.",
        "{path} is a folder; give a file name, e.g. answers.xlsx.",
    ),
    "cli.help.column": (
        'welke kolom een veld bevat, bv. revenue="Omzet 2025" (herhaalbaar)',
        'which column holds a field, e.g. revenue="Omzet 2025" (repeatable)',
    ),
    "cli.help.load_out": (
        "CSV-bestand om te schrijven (anders: de tabel op het scherm)",
        "CSV file to write (otherwise: the table on screen)",
    ),
    "error.column_format": (
        "--column verwacht VELD=KOP, bv. revenue=\"Omzet 2025\" (gekregen: '{value}').",
        "--column expects FIELD=HEADER, e.g. revenue=\"Omzet 2025\" (got '{value}').",
    ),
    # workshop launcher
    "workshop.present": (
        "De workshoppagina draait. Open deze link in je browser (de sleutel erin is je"
        " toegang):\n  {url}\nStoppen: Ctrl+C in dit venster.",
        "The workshop page is running. Open this link in your browser (the key in it is your"
        " access):\n  {url}\nStop: Ctrl+C in this window.",
    ),
    "workshop.open": (
        "De workshop draait. Open deze link in je browser (de sleutel erin is je toegang):\n"
        "  {url}\nStoppen: Ctrl+C in dit venster.",
        "The workshop is running. Open this link in your browser (the key in it is your"
        " access):\n  {url}\nStop: Ctrl+C in this window.",
    ),
    # environment check
    "env.ok": ("{name} {version}: in orde", "{name} {version}: OK"),
    "env.missing": (
        "{name} ontbreekt. Installeer de kit opnieuw met 'make workshop'.",
        "{name} is missing. Install the kit again with 'make workshop'.",
    ),
    "env.too_old": (
        "{name} {version} is te oud; de kit heeft minstens {minimum} nodig."
        " Installeer opnieuw met 'make workshop'.",
        "{name} {version} is too old; the kit needs at least {minimum}."
        " Install again with 'make workshop'.",
    ),
    "env.all_ok": (
        "Alles klaar: de kit kan starten.",
        "All set: the kit is ready.",
    ),
    "env.problems": (
        "Er is iets niet in orde; zie hierboven.",
        "Something is not right; see above.",
    ),
    # the customer list and how revenue is spread over customers
    "col.rank": ("nr.", "no."),
    "col.cumulative_share": ("opgeteld aandeel", "cumulative share"),
    "list.truncated": (
        "De {shown} grootste van {total} {total|klant|klanten}; de andere staan niet in deze"
        " tabel.",
        "The {shown} largest of {total} {total|customer|customers}; the others are not in this"
        " table.",
    ),
    "pareto.line": (
        "De grootste {percent}% van de klanten ({count} van {total}) brengt {share} van de"
        " omzet binnen.",
        "The largest {percent}% of customers ({count} of {total}) bring in {share} of revenue.",
    ),
    "pareto.title": (
        "Hoeveel van de omzet komt van de grootste klanten?",
        "How much of the revenue comes from the largest customers?",
    ),
    "pareto.x_label": (
        "aandeel van de klanten, grootste eerst",
        "share of customers, largest first",
    ),
    "pareto.y_label": ("aandeel van de omzet, opgeteld", "share of revenue, added up"),
    "pareto.point": (
        "grootste {percent}% ({count} van {total} {total|klant|klanten}):\n{share} van de omzet,"
        " {revenue}",
        "largest {percent}% ({count} of {total} {total|customer|customers}):\n{share} of revenue,"
        " {revenue}",
    ),
    "pareto.equal": ("als elke klant evenveel bracht", "if every customer brought the same"),
    "error.bad_top_share": (
        "Het aandeel van de klanten moet tussen 0 en 1 liggen (0,2 is 20%); gekregen: {value}.",
        "The share of customers must lie between 0 and 1 (0.2 is 20%); got {value}.",
    ),
    # uploading your own file
    "upload.button": ("Kies een bestand", "Choose a file"),
    "upload.year": ("Jaar", "Year"),
    "upload.year_placeholder": ("leeg: het hele bestand", "empty: the whole file"),
    "upload.help": (
        "Een klantenlijst of factuurlijnen: CSV, TSV, tekst (ook met spaties uitgelijnd, .prn),"
        " .xlsx, .xlsm, .ods of .xls. Het"
        " jaar telt voor factuurlijnen. Je bestand wordt bewaard in {folder} op deze computer"
        " en gaat nergens anders heen.",
        "A customer list or invoice lines: CSV, TSV, text (also aligned with spaces, .prn),"
        " .xlsx, .xlsm, .ods or .xls. The year"
        " counts for invoice lines. Your file is stored in {folder} on this computer and goes"
        " nowhere else.",
    ),
    "upload.waiting": ("Nog geen bestand gekozen.", "No file chosen yet."),
    # choosing the revenue bands: suggestion by share of total, chart, picker
    "error.share_of_total_range": (
        "Het aandeel van de totale omzet moet groter zijn dan 0 en kleiner dan 1, bv. 0.02 voor"
        " 2% (gekregen: {value}).",
        "The share of total revenue must be above 0 and below 1, e.g. 0.02 for 2% (got {value}).",
    ),
    "error.share_of_total_none_large": (
        "Geen enkele klant brengt {line} of meer binnen (dat deel van de totale omzet van"
        " {total}); de grootste brengt {largest}. Kies een kleiner aandeel of een ander voorstel.",
        "No customer brings in {line} or more (that share of the total revenue of {total});"
        " the largest brings {largest}. Choose a smaller share or another suggestion.",
    ),
    "error.share_of_total_all_large": (
        "Elke klant brengt minstens {line} binnen (dat deel van de totale omzet van {total}; de"
        " kleinste brengt {smallest}): dan is iedereen groot. Kies een groter aandeel of een"
        " ander voorstel.",
        "Every customer brings in at least {line} (that share of the total revenue of {total};"
        " the smallest brings {smallest}): then everyone is large. Choose a larger share or"
        " another suggestion.",
    ),
    "error.no_potential_revenue": (
        "Deze klantenlijst heeft geen kolom met potentiële omzet (potential_revenue)."
        " Aanwezige kolommen: {columns}.",
        "This customer list has no potential revenue column (potential_revenue)."
        " Columns present: {columns}.",
    ),
    "col.approach": ("aanpak", "approach"),
    "col.channels": ("kanalen", "channels"),
    "col.contacts_per_year": ("contacten per jaar", "contacts a year"),
    "col.owner": ("eigenaar", "owner"),
    "col.note": ("notitie", "note"),
    "col.hours_per_customer": ("uren per klant per jaar", "hours per customer a year"),
    "col.range": ("grenzen", "range"),
    "col.potential_share": ("aandeel potentiële omzet", "share of potential revenue"),
    "chart.title": (
        "Omzetklassen: waar leggen we de grenzen?",
        "Revenue bands: where do we draw the lines?",
    ),
    "chart.title_potential": (
        "Omzetklassen op potentiële omzet",
        "Revenue bands on potential revenue",
    ),
    "chart.x_label": ("klanten, grootste eerst", "customers, largest first"),
    "chart.y_label": ("jaaromzet (logaritmische schaal)", "annual revenue (log scale)"),
    "chart.y_label_potential": (
        "potentiële omzet (logaritmische schaal)",
        "potential revenue (log scale)",
    ),
    "chart.threshold": ("{band} vanaf {amount}", "{band} from {amount}"),
    "chart.band": (
        "{band}: {customers}, {share} van de omzet",
        "{band}: {customers}, {share} of revenue",
    ),
    "chart.band_potential": (
        "{band}: {customers}, {share} van de potentiële omzet",
        "{band}: {customers}, {share} of potential revenue",
    ),
    "chart.customers": ("{count} {count|klant|klanten}", "{count} {count|customer|customers}"),
    "chart.customer_one": ("{count} klant", "{count} customer"),
    "chart.not_shown": (
        "({count} {count|klant|klanten} zonder positieve omzet niet getoond:"
        " {count|die is|die zijn} klein)",
        "({count} {count|customer|customers} without positive revenue not shown:"
        " {count|it is|they are} small)",
    ),
    "picker.low": ("Middel vanaf", "Medium from"),
    "picker.high": ("Groot vanaf", "Large from"),
    "picker.amount_placeholder": ("bv. 10.000", "e.g. 10,000"),
    "picker.suggest": ("Voorstel:", "Suggestion:"),
    "picker.button.cumulative_share": ("80/15/5 van de omzet", "80/15/5 of revenue"),
    "picker.button.thirds": ("Derden op aantal klanten", "Thirds by number of customers"),
    "picker.button.natural_breaks": ("Natuurlijke breuken", "Natural breaks"),
    "picker.button.share_of_total": ("Groot vanaf", "Large from"),
    "picker.share_unit": ("% van de totale omzet", "% of total revenue"),
    "picker.tip.cumulative_share": (
        "Groot: de grootste klanten die samen 80% van de omzet binnenbrengen; middel: de"
        " volgende 15%; klein: de laatste 5%.",
        "Large: the largest customers that together bring in 80% of revenue; medium: the next"
        " 15%; small: the last 5%.",
    ),
    "picker.tip.thirds": (
        "Evenveel klanten in elke klasse.",
        "As many customers in each band.",
    ),
    "picker.tip.natural_breaks": (
        "De grenzen liggen waar de omzetten vanzelf in drie groepen uiteenvallen.",
        "The thresholds lie where the revenues fall apart into three groups by themselves.",
    ),
    "picker.tip.share_of_total": (
        "Groot: elke klant met minstens dit deel van de totale omzet (vuistregel 1 à 3%);"
        " middel: vanaf een tiende daarvan.",
        "Large: every customer with at least this share of total revenue (rule of thumb 1 to"
        " 3%); medium: from a tenth of that.",
    ),
    "picker.rule.cumulative_share": ("80/15/5 van de omzet", "80/15/5 of revenue"),
    "picker.rule.thirds": ("derden op aantal klanten", "thirds by number of customers"),
    "picker.rule.natural_breaks": ("natuurlijke breuken", "natural breaks"),
    "picker.rule.share_of_total": (
        "groot vanaf {percent}% van de totale omzet, middel vanaf {tenth}%",
        "large from {percent}% of total revenue, medium from {tenth}%",
    ),
    "picker.potential": ("Potentiële omzet tonen", "Show potential revenue"),
    "picker.potential_on": (
        "Je bekijkt nu de potentiële omzet.",
        "You are now looking at potential revenue.",
    ),
    "picker.potential_off": (
        "Je bekijkt weer de huidige omzet.",
        "You are looking at current revenue again.",
    ),
    "picker.potential_note": (
        "Tabel, grafiek en voorstellen rekenen nu met de potentiële omzet (een klant zonder"
        " potentiële omzet telt met zijn huidige omzet). De segmenten in de volgende notebooks"
        " gebruiken de huidige omzet.",
        "Table, chart and suggestions now use potential revenue (a customer without one counts"
        " with its current revenue). The segments in the next notebooks use current revenue.",
    ),
    "picker.store": ("Bewaren", "Store"),
    "picker.store_tip": (
        "Deze grenzen vastleggen in de sessie: de volgende notebooks gebruiken ze.",
        "Fix these thresholds in the session: the next notebooks use them.",
    ),
    "picker.state_stored": (
        "✓ Deze grenzen zijn bewaard in sessie {name}.",
        "✓ These thresholds are stored in session {name}.",
    ),
    "picker.state_none": (
        "Nog niet bewaard: sessie {name} heeft nog geen omzetklassen. Klik Bewaren als het"
        " team akkoord is.",
        "Not stored yet: session {name} has no revenue bands yet. Click Store when the team"
        " agrees.",
    ),
    "picker.state_other": (
        "Nog niet bewaard. In sessie {name} staat nog: middel vanaf {low}, groot vanaf {high}."
        " Klik Bewaren om die te vervangen.",
        "Not stored yet. Session {name} still holds: medium from {low}, large from {high}."
        " Click Store to replace them.",
    ),
    "picker.opened_stored": (
        "De omzetklassen van sessie {name}: middel vanaf {low}, groot vanaf {high}.",
        "The revenue bands of session {name}: medium from {low}, large from {high}.",
    ),
    "picker.opened_suggestion": (
        "Sessie {name} heeft nog geen omzetklassen. Dit is een voorstel van de kit (80/15/5"
        " van de omzet): middel vanaf {low}, groot vanaf {high}.",
        "Session {name} has no revenue bands yet. This is the kit's suggestion (80/15/5 of"
        " revenue): medium from {low}, large from {high}.",
    ),
    "picker.opened_fallback": (
        "Geen voorstel mogelijk: {message} Voorlopig: middel vanaf {low}, groot vanaf {high}.",
        "No suggestion possible: {message} For now: medium from {low}, large from {high}.",
    ),
    "picker.suggested": (
        "Voorstel ({rule}): middel vanaf {low}, groot vanaf {high}.",
        "Suggestion ({rule}): medium from {low}, large from {high}.",
    ),
    "picker.moved": (
        "Nu: middel vanaf {low}, groot vanaf {high}.",
        "Now: medium from {low}, large from {high}.",
    ),
    "picker.stored": (
        "Bewaard om {at}: middel vanaf {low}, groot vanaf {high}.",
        "Stored at {at}: medium from {low}, large from {high}.",
    ),
    "picker.not_stored": (
        "De sessie gaf andere grenzen terug dan bewaard werden. Klik opnieuw op Bewaren.",
        "The session gave back other thresholds than were stored. Click Store again.",
    ),
    "picker.no_amount": (
        "Tik een bedrag in euro, bv. 10.000.",
        "Type an amount in euro, e.g. 10,000.",
    ),
    "picker.bad_amount": (
        "'{value}' is geen bedrag: tik bv. 10.000, € 10 000 of 10000.",
        "'{value}' is not an amount: type e.g. 10,000, €10 000 or 10000.",
    ),
    "picker.bad_share": (
        "'{value}' is geen percentage tussen 0 en 100: tik bv. 2 of 2,5.",
        "'{value}' is not a percentage between 0 and 100: type e.g. 2 or 2.5.",
    ),
    "picker.range.large": ("vanaf {high}", "from {high}"),
    "picker.range.medium": ("{low} tot {high}", "{low} to {high}"),
    "picker.range.small": ("onder {low}", "under {low}"),
    # sessions
    "session.line": (
        "Sessie {name}: {count} {count|klant|klanten} uit {source}. Antwoorden van: {people}.",
        "Session {name}: {count} {count|customer|customers} from {source}. Answers from: {people}.",
    ),
    "session.nobody_yet": ("nog niemand", "nobody yet"),
    "workshop.newer": (
        "De kit heeft een nieuwe versie van {copy}. Jullie kopie blijft zoals ze is; wis ze"
        " (of geef ze een andere naam) om bij de volgende start de nieuwe te krijgen.",
        "The kit has a new version of {copy}. Your copy stays as it is; remove it (or rename"
        " it) to get the new one at the next start.",
    ),
    "upload.date_order": ("Datums", "Dates"),
    "upload.date_order.auto": ("de kit beslist", "the kit decides"),
    "upload.date_order.dmy": ("dag eerst (31/12/2025)", "day first (31/12/2025)"),
    "upload.date_order.mdy": ("maand eerst (12/31/2025)", "month first (12/31/2025)"),
    "upload.run_below": (
        "Voer nu de cellen hieronder opnieuw uit, zodat ze dit bestand gebruiken: klik in de"
        " cel van de volgende stap en kies Uitvoeren → Run Selected Cell and All Below.",
        "Now run the cells below again, so they use this file: click in the next step's cell"
        " and choose Run → Run Selected Cell and All Below.",
    ),
    # the quarter's moves, from the answers as they are now
    "quarter.update": ("Bijwerken", "Update"),
    "quarter.computed": (
        "Berekend om {at} uit de antwoorden van dat moment; de bestanden zijn geschreven.",
        "Worked out at {at} from the answers at that moment; the files are written.",
    ),
    "quarter.stale": (
        "Niet meer actueel: om {at} veranderde een antwoord. Klik Bijwerken.",
        "Out of date: an answer changed at {at}. Click Update.",
    ),
    "quarter.grid": ("Van → naar", "From → to"),
    "quarter.moves": ("Per klant die van segment veranderde", "Each customer that changed segment"),
    "quarter.history": ("De geschiedenis over de kwartalen", "The history over the quarters"),
    "quarter.files": ("De bestanden", "The files"),
    "start.own_data": (
        "Jullie sessie {name} werkt met jullie eigen bestand ({source}): hieronder jullie"
        " klanten met de antwoorden tot nu toe, niet de voorbeeld-kmo.",
        "Your session {name} works with your own file ({source}): below are your customers"
        " with the answers so far, not the sample company.",
    ),
    "start.own_customers": (
        "Jullie sessie {name} werkt met jullie eigen klanten: hieronder die klanten met de"
        " antwoorden tot nu toe, niet de voorbeeld-kmo.",
        "Your session {name} works with your own customers: below are those customers with"
        " the answers so far, not the sample company.",
    ),
    # the team's customer file and the session it feeds
    "file.header": (
        "Sessie {name} · bestand {source} · {count} {count|klant|klanten} · ingelezen op {when}",
        "Session {name} · file {source} · {count} {count|customer|customers} · read on {when}",
    ),
    "file.sample_used": (
        "Dit zijn de voorbeeldklanten van de kit. Werk je met jullie eigen klanten, kies dan"
        " jullie bestand in notebook 01 (of typ het pad bij customers_file in de grijze cel).",
        "These are the kit's sample customers. To work with your own customers, choose your"
        " file in notebook 01 (or type its path at customers_file in the grey cell).",
    ),
    "file.remade": (
        "Sessie {name} werkt nu met dit bestand in plaats van {previous}; de volgende notebooks"
        " gebruiken het.",
        "Session {name} now works with this file instead of {previous}; the next notebooks use it.",
    ),
    "file.set_aside": (
        "Wat er in de sessie met het vorige bestand stond, is bewaard als sessie {aside}.",
        "What the session held with the previous file is kept as session {aside}.",
    ),
    "error.session_other_file": (
        "Sessie {name} werkt al met {source} ({count} {count|klant|klanten}) en jullie hebben er"
        " al in"
        " gewerkt: de kit wisselt het bestand niet stil om voor {file}. Verder met {source}:"
        " maak customers_file in de grijze cel leeg. Met {file} beginnen: typ in de grijze cel"
        ' een nieuwe sessienaam, bv. session = "{name}-b".',
        "Session {name} already works with {source} ({count} {count|customer|customers}) and you"
        " have worked in"
        " it: the kit does not silently swap it for {file}. To carry on with {source}: empty"
        " customers_file in the grey cell. To start with {file}: type a new session name in the"
        ' grey cell, e.g. session = "{name}-b".',
    ),
    "error.participant_reserved": (
        "Deze namen kan een deelnemer niet dragen, de kit gebruikt ze zelf: {names}.",
        "A participant cannot be called this, the kit uses these names itself: {names}.",
    ),
    "history.line": (
        "{at}  {participant}  {id} {name}: {field} → {value}",
        "{at}  {participant}  {id} {name}: {field} → {value}",
    ),
    "history.undo": (
        "{at}  {participant}  {id} {name}: {field} → {value} (ongedaan gemaakt)",
        "{at}  {participant}  {id} {name}: {field} → {value} (undone)",
    ),
    "history.cleared": ("gewist", "cleared"),
    "history.favourite": ("ja", "yes"),
    "history.hours": ("{hours} uur per jaar", "{hours} hours a year"),
    "history.none": ("Nog geen enkele wijziging.", "No change yet."),
    "cli.help.answers_history": (
        "wie wat wanneer veranderde in een sessie, van oud naar nieuw",
        "who changed what, when in a session, oldest first",
    ),
    "cli.help.customer_pick": (
        "alleen de wijzigingen voor deze klant (klantnummer)",
        "only the changes for this customer (customer id)",
    ),
    # the customer matrix (klantlib/matrix.py)
    "matrix.title": (
        "Klantenmatrix: omzetklasse × score geeft het segment",
        "Customer matrix: revenue band × score gives the segment",
    ),
    "matrix.x_label": (
        "score: aantal keer ja op de vier vragen",
        "score: number of yes answers to the four questions",
    ),
    "matrix.x_label_weighted": (
        "score: som van de gewichten van de ja-antwoorden",
        "score: sum of the weights of the yes answers",
    ),
    "matrix.y_label": ("omzetklasse", "revenue band"),
    "matrix.lane.small": ("{band}:\nonder {high}", "{band}:\nbelow {high}"),
    "matrix.lane.medium": ("{band}:\nvanaf {low}\ntot {high}", "{band}:\nfrom {low}\nbelow {high}"),
    "matrix.lane.large": ("{band}:\nvanaf {low}", "{band}:\nfrom {low}"),
    "matrix.code": ("K{number}", "C{number}"),
    "matrix.favourite": ("favoriet", "favourite"),
    "matrix.hours": ("{hours} uur per jaar", "{hours} hours a year"),
    "matrix.hours_unknown": ("uren onbekend", "hours unknown"),
    "matrix.count": ("klanten in het vak", "customers in the cell"),
    "matrix.set_aside": (
        "{count} {count|klant|klanten} nog zonder antwoord (voor de accountmanagers): niet in de"
        " matrix",
        "{count} {count|customer|customers} without answers yet (for the account managers): not"
        " in the matrix",
    ),
    # weights per question
    "error.weight": (
        "Het gewicht van {question} moet een geheel getal van 1 tot {most} zijn (gekregen:"
        " {value}).",
        "The weight of {question} must be a whole number from 1 to {most} (got {value}).",
    ),
    "error.weights_question": (
        "Onbekende vraag in de gewichten: {questions}. De vragen heten: {known}.",
        "Unknown question in the weights: {questions}. The questions are: {known}.",
    ),
    "error.grid_weights": (
        "Het rooster heeft scores 0 tot {grid}, maar met deze gewichten loopt de score van 0"
        " tot {score}.",
        "The grid has scores 0 to {grid}, but with these weights the score runs from 0 to {score}.",
    ),
    # the report: segments.csv, crm.csv, report.xlsx, report.html, the matrix
    "report.title": ("Klantwaarde: segmenten A, B en C", "Customer value: segments A, B and C"),
    "report.session_line": ("Sessie {name}. {bands}", "Session {name}. {bands}"),
    "report.matrix": ("De matrix", "The matrix"),
    "report.matrix_alt": (
        "De klanten per omzetklasse en score, met hun segment",
        "The customers by revenue band and score, with their segment",
    ),
    "report.summary": ("Per segment", "Per segment"),
    "report.customers": ("Alle klanten", "All customers"),
    "report.plan": ("Plan per segment", "Plan per segment"),
    "report.total": ("totaal", "total"),
    "report.sheet.customers": ("klanten", "customers"),
    "report.sheet.summary": ("samenvatting", "summary"),
    "report.sheet.plan": ("plan", "plan"),
    "report.sheet.answers": ("antwoorden {participant}", "answers {participant}"),
    "report.managers": ("Per accountmanager", "Per account manager"),
    "report.sheet.managers": ("per accountmanager", "per account manager"),
    "report.sheet.to_decide": ("te beslissen", "to decide"),
    "report.to_decide": ("Te beslissen", "To decide"),
    "report.to_decide_note": (
        "Klanten met antwoorden die verschillen en nog geen beslissing van het team: ze tellen"
        " als open vragen tot het team beslist.",
        "Customers whose answers differ and that the team has not decided yet: they count as"
        " open questions until the team decides.",
    ),
    "report.col.to_decide": ("vragen te beslissen", "questions to decide"),
    "report.col.customers_with_hours": ("klanten met uren", "customers with hours"),
    "report.managers_hours_note": (
        "Uren vandaag: de som voor de klanten waarvan de uren bekend zijn, {known} van de {total}.",
        "Hours today: the sum for the customers whose hours are known, {known} of the {total}.",
    ),
    "report.managers_plan_note": (
        "Uren volgens plan: voor alle klanten, ook die waarvan de uren nog niet bekend zijn.",
        "Hours in the plan: for every customer, also those whose hours are not known yet.",
    ),
    # suggestions from data
    "error.margin_target": (
        "'{value}' kan geen margedoel zijn: een bedrag in € per uur, 0 of meer.",
        "'{value}' cannot be a margin target: an amount in € per hour, 0 or more.",
    ),
    "error.payment_term": (
        "'{value}' kan geen betaaltermijn zijn: een aantal dagen, meer dan 0.",
        "'{value}' cannot be a payment term: a number of days, more than 0.",
    ),
    "suggest.margin": (
        "Voorstel: {answer} — {value} brutomarge per uur, doel {limit} per uur",
        "Suggestion: {answer} — {value} gross margin per hour, target {limit} per hour",
    ),
    "suggest.cashflow": (
        "Voorstel: {answer} — betaalt gemiddeld na {value} dagen, termijn {limit} dagen",
        "Suggestion: {answer} — pays after {value} days on average, term {limit} days",
    ),
    "suggest.accept": ("Voorstel overnemen", "Accept suggestion"),
    "suggest.accept_all": (
        "Alle voorstellen voor {question} overnemen ({count})",
        "Accept all suggestions for {question} ({count})",
    ),
    "suggest.accepted_all": (
        "{count} {count|voorstel|voorstellen} voor {question} overgenomen (alleen waar je nog"
        " niet antwoordde).",
        "{count} {count|suggestion|suggestions} for {question} accepted (only where you had not"
        " answered yet).",
    ),
    # moves between two segmentations (compare)
    "moves.new": ("nieuwe klant", "new customer"),
    "moves.lost": ("niet meer in de lijst", "no longer in the list"),
    "moves.band": ("omzetklasse {before} → {after}", "band {before} → {after}"),
    "moves.answer": ("{question} {before} → {after}", "{question} {before} → {after}"),
    "moves.other": (
        "geen verschil in omzetklasse of antwoorden gevonden (andere indeling?)",
        "no change in band or answers found (another grid?)",
    ),
    "compare.old": ("de oude segmenttabel", "the old segment table"),
    "compare.new": ("de nieuwe segmenttabel", "the new segment table"),
    "compare.empty_id": ("een leeg klantnummer", "an empty customer id"),
    "compare.title": ("Van → naar: klanten", "From → to: customers"),
    "compare.line": ("  {before} → {after}: {customers}", "  {before} → {after}: {customers}"),
    "compare.from_none": ("(nieuw)", "(new)"),
    "compare.to_none": ("(weg)", "(gone)"),
    "compare.count": (
        "{count} {count|klant|klanten} van segment veranderd, nieuwe en verdwenen klanten"
        " meegeteld.",
        "{count} {count|customer|customers} changed segment, new and lost customers included.",
    ),
    "compare.quarter": ("een kwartaal", "a quarter"),
    "compare.history": ("de geschiedenis", "the history"),
    "compare.transitions": ("de tabel van → naar", "the from → to table"),
    "moves.total": ("totaal", "total"),
    "moves.from_to": ("van ↓ naar →", "from ↓ to →"),
    "error.history_quarters": (
        "Elk kwartaal heeft een eigen naam nodig; deze komen meer dan eens voor: {names}.",
        "Every quarter needs a name of its own; these occur more than once: {names}.",
    ),
    "error.compare_columns": (
        "{which} is geen segmenttabel: {missing|kolom|kolommen} {missing}"
        " {missing|ontbreekt|ontbreken}. Wel aanwezig: {columns}.",
        "{which} is not a segment table: {missing|column|columns} {missing} missing. Present:"
        " {columns}.",
    ),
    "error.compare_ids": (
        "{which} heeft klantnummers die dubbel of leeg zijn: {ids}.",
        "{which} has customer ids that are repeated or empty: {ids}.",
    ),
    "cli.help.compare": (
        "vergelijk twee segmentaties: wie verschoof van segment, en waarom",
        "compare two segmentations: who moved to another segment, and why",
    ),
    "cli.help.compare_old": (
        "de vorige: een sessienaam of een segments.csv (of de map ervan)",
        "the earlier one: a session name or a segments.csv (or its folder)",
    ),
    "cli.help.compare_new": (
        "de nieuwe: een sessienaam of een segments.csv (of de map ervan)",
        "the later one: a session name or a segments.csv (or its folder)",
    ),
    "cli.help.compare_out": (
        "map voor moves.csv en transitions.csv",
        "folder for moves.csv and transitions.csv",
    ),
    # the chart of moves (klantlib/moves_chart.py)
    "moves_chart.title": (
        "Wie veranderde van segment: {count} van {total} {total|klant|klanten}",
        "Who changed segment: {count} of {total} {total|customer|customers}",
    ),
    "moves_chart.title_one": (
        "Wie veranderde van segment: {count} van {total} klant",
        "Who changed segment: {count} of {total} customer",
    ),
    "moves_chart.before": ("vorig kwartaal", "last quarter"),
    "moves_chart.after": ("dit kwartaal", "this quarter"),
    "moves_chart.box": ("{name} · {count}", "{name} · {count}"),
    "moves_chart.new": ("nieuw", "new"),
    "moves_chart.gone": ("weg", "gone"),
    "moves_chart.note": (
        "Volle kleur: van segment veranderd, in de kleur van het nieuwe segment."
        "\nBleek: in hetzelfde segment gebleven. Weg: niet meer in de lijst.",
        "Full colour: changed segment, in the colour of the new segment."
        "\nPale: stayed in the same segment. Gone: no longer in the list.",
    ),
    "moves_chart.empty": ("Geen klanten om te vergelijken.", "No customers to compare."),
    "moves_chart.error_columns": (
        "Dit is geen tabel van overgangen tussen segmenten: {missing|kolom|kolommen} {missing}"
        " {missing|ontbreekt|ontbreken}."
        " Wel aanwezig: {columns}.",
        "This is not a table of moves between segments: {missing|column|columns} {missing}"
        " missing."
        " Present: {columns}.",
    ),
    "moves_chart.error_segments": (
        "Onbekend segment in de tabel van overgangen: {segments}. Alleen A, B, C of leeg"
        " (nieuw of weg) kan.",
        "Unknown segment in the table of moves: {segments}. Only A, B, C or empty"
        " (new or gone) will do.",
    ),
    "moves_chart.error_counts": (
        "De kolom customers moet hele aantallen van 0 of meer bevatten, niet {values}.",
        "The column customers must hold whole numbers of 0 or more, not {values}.",
    ),
    # a new quarter
    "cli.help.run": (
        "voer een notebook van begin tot eind uit zonder JupyterLab (met papermill)",
        "run a notebook top to bottom without JupyterLab (with papermill)",
    ),
    "cli.help.run_notebook": (
        "de notebook: een pad, of een naam van de kit zoals 06_nieuw_kwartaal",
        "the notebook: a path, or one of the kit's names such as 06_new_quarter",
    ),
    "cli.help.run_parameter": (
        "geef parameter NAAM de waarde WAARDE (mag vaker)",
        "give parameter NAME the value VALUE (may be repeated)",
    ),
    "cli.help.run_out": (
        "waar de uitgevoerde notebook komt (standaard data/rapporten/<sessie>/)",
        "where the executed notebook goes (default data/rapporten/<session>/)",
    ),
    "cli.help.history": (
        "segment, omzetklasse en score per klant over de kwartalen van een sessie",
        "segment, band and score per customer over the quarters of a session",
    ),
    "cli.help.history_all": (
        "ook de klanten die niet van segment veranderden",
        "also the customers who did not change segment",
    ),
    "cli.help.history_out": ("map voor history.csv", "folder for history.csv"),
    "cli.help.history_customer": (
        "alleen deze klant (klantnummer), ook als hij niet van segment veranderde",
        "only this customer (customer id), also when it did not change segment",
    ),
    "cli.history_title": (
        "Kwartalen: {quarters}. Per klant: segment · omzetklasse · score.",
        "Quarters: {quarters}. Per customer: segment · band · score.",
    ),
    "cli.history_none": (
        "Geen enkele klant veranderde van segment over deze kwartalen.",
        "No customer changed segment over these quarters.",
    ),
    "cli.help.from_session": (
        "de sessie van vorig kwartaal: antwoorden, klassen en rooster gaan mee",
        "last quarter's session: answers, bands and grid carry over",
    ),
    "cli.carried": (
        "{participant}: {count} {count|klant|klanten} met antwoorden uit vorig kwartaal, te"
        " bevestigen",
        "{participant}: {count} {count|customer|customers} with last quarter's answers, to confirm",
    ),
    "cli.new_customers": (
        "Nieuw in de lijst: {count} {count|klant|klanten}: {ids}",
        "New in the list: {count} {count|customer|customers}: {ids}",
    ),
    "cli.gone_customers": (
        "Niet meer in de lijst: {count} {count|klant|klanten}: {names}",
        "No longer in the list: {count} {count|customer|customers}: {names}",
    ),
    "error.next_session_other": (
        "De sessie '{name}' bestaat al, maar komt niet uit '{previous}' (wel uit: {carried}). "
        "Kies een andere naam voor dit kwartaal, of de juiste vorige sessie.",
        "The session '{name}' exists already, but was not made from '{previous}' (but from: "
        "{carried}). Choose another name for this quarter, or the right previous session.",
    ),
    "error.next_session_same": (
        "Het nieuwe kwartaal heeft een eigen sessienaam nodig, niet '{name}' van het vorige.",
        "The new quarter needs a session name of its own, not '{name}' of the previous one.",
    ),
    # running a notebook headless (python -m klantlib run)
    "error.notebook_not_found": (
        "Notebook '{notebook}' niet gevonden. De notebooks van de kit: {known}.",
        "Notebook '{notebook}' not found. The kit's notebooks: {known}.",
    ),
    "error.unknown_parameter": (
        "{notebook} kent {hints|deze parameter|deze parameters} niet: {hints}. De parameters"
        " zijn: {known}. "
        "Er is niets uitgevoerd.",
        "{notebook} has no such {hints|parameter|parameters}: {hints}. The parameters are:"
        " {known}. "
        "Nothing was run.",
    ),
    "run.did_you_mean": ("'{name}' (bedoel je '{known}'?)", "'{name}' (did you mean '{known}'?)"),
    "run.no_such": ("'{name}'", "'{name}'"),
    "run.this_notebook": ("Deze notebook", "This notebook"),
    "error.parameter_value": (
        "Parameter '{name}' verwacht {kind}, niet '{value}'.",
        "Parameter '{name}' takes {kind}, not '{value}'.",
    ),
    "run.kind_bool": ("True of False (ja of nee)", "True or False (yes or no)"),
    "run.kind_int": ("een geheel getal", "a whole number"),
    "run.kind_float": ("een getal", "a number"),
    "error.run_failed": (
        "{notebook} stopte in cel [{cell}]: {message} De notebook met wat er wel liep: {out}",
        "{notebook} stopped in cell [{cell}]: {message} The notebook with what did run: {out}",
    ),
    "run.done": (
        "{notebook} is helemaal uitgevoerd. De notebook met alle uitkomsten: {out}",
        "{notebook} ran top to bottom. The notebook with every outcome: {out}",
    ),
    "error.quarters_too_few": (
        "Om te vergelijken zijn minstens twee kwartalen nodig; er is er {count}.",
        "Comparing needs at least two quarters; there is {count}.",
    ),
    "files.written": ("Geschreven in {folder}: {files}", "Written in {folder}: {files}"),
    # the report button
    "report.button": ("Rapport maken", "Make the report"),
    "report.written": (
        "Rapport geschreven om {time} in {folder}, met het plan zoals het bewaard is:",
        "Report written at {time} in {folder}, with the plan as it is stored:",
    ),
    # the grid editor
    "grid.score": ("score {score}", "score {score}"),
    "grid.store": ("Bewaren", "Store"),
    "grid.reset": ("Standaard", "Default"),
    "grid.state_stored": (
        "✓ Dit rooster is bewaard in de sessie.",
        "✓ This grid is stored in the session.",
    ),
    "grid.state_changed": (
        "Gewijzigd, nog niet bewaard: klik Bewaren.",
        "Changed, not stored yet: click Store.",
    ),
    # the plan per segment
    "error.session_whose": (
        "In sessie '{name}' antwoordden meerdere deelnemers ({participants}) en het team"
        ' besliste nog niets: kies wiens antwoorden (participant = "An"), of laat het team'
        " eerst beslissen in notebook 03.",
        "Several participants answered in session '{name}' ({participants}) and the team has"
        ' not decided yet: choose whose answers (participant = "An"), or let the team decide'
        " first in notebook 03.",
    ),
    "plan.answers_of": (
        "De matrix en het plan gebruiken de antwoorden van: {who}.",
        "The matrix and the plan use the answers of: {who}.",
    ),
    "plan.answers_team": (
        "De matrix en het plan tellen per vraag één antwoord: dat van het team waar het"
        " besliste, anders wat iedereen die antwoordde eensgezind zei, anders het eigen"
        " antwoord van de accountmanager. Antwoorden die verschillen blijven een open vraag tot"
        " het team beslist (te beslissen).",
        "The matrix and the plan count one answer per question: the team's where it decided,"
        " else what everyone who answered agrees on, else the account manager's own answer."
        " Answers that differ stay an open question until the team decides (to decide).",
    ),
    "error.room_largest": (
        "Het aantal grootste klanten voor de lijst van de zaal moet een geheel getal vanaf 0"
        " zijn, niet '{value}'.",
        "The number of largest customers on the room's list must be a whole number from 0,"
        " not '{value}'.",
    ),
    "room.use": ("Een lijst voor de zaal", "A list for the room"),
    "room.largest": ("de grootste", "the largest"),
    "room.favourites": (
        "en ieders favorieten ({count})",
        "and everyone's favourites ({count})",
    ),
    "room.search_placeholder": ("klant zoeken: naam of nummer", "find a customer: name or id"),
    "room.add": ("Op de lijst", "Add to the list"),
    "room.remove": ("Van de lijst", "Take off the list"),
    "room.search_first": (
        "Zoek eerst een klant (naam of nummer) en kies hem in de lijst ernaast.",
        "First find a customer (name or id) and choose it in the list beside it.",
    ),
    "room.nothing_found": ("Geen klant gevonden met '{text}'.", "No customer found with '{text}'."),
    "room.found_many": (
        "{count} klanten gevonden; de eerste {shown} staan in de lijst: typ meer van de naam.",
        "{count} customers found; the first {shown} are in the list: type more of the name.",
    ),
    "room.stored": ("Lijst van de zaal bewaard om {at}.", "The room's list stored at {at}."),
    "room.none": (
        "Geen lijst voor de zaal: de zaal gaat door alle {total} klanten.",
        "No list for the room: the room goes through all {total} customers.",
    ),
    "room.summary": (
        "Lijst van de zaal: {count} {count|klant|klanten} ({largest} grootste, {favourites}"
        " favorieten erbij, {picked} met de hand); {others} {others|klant|klanten} voor de"
        " accountmanagers.",
        "The room's list: {count} {count|customer|customers} ({largest} largest, {favourites}"
        " favourites added, {picked} by hand); {others} {others|customer|customers} for the"
        " account managers.",
    ),
    "progress.caption": (
        "Per accountmanager: wat nog te doen is (een antwoord telt zoals de regel zegt)",
        "Per account manager: what is left to do (an answer counts as the rule says)",
    ),
    "progress.col.account_manager": ("accountmanager", "account manager"),
    "progress.col.customers": ("klanten", "customers"),
    "progress.col.in_room": ("in de zaal", "in the room"),
    "progress.col.answered": ("beantwoord", "answered"),
    "progress.col.open_questions": ("open vragen", "open questions"),
    "progress.col.to_decide": ("te beslissen", "to decide"),
    "answers.set_aside": (
        "{count} {count|klant|klanten} voor de accountmanagers nog zonder antwoord: niet in de"
        " matrix en niet in de tellingen.",
        "{count} {count|customer|customers} for the account managers without answers yet: not"
        " in the matrix, not in the counts.",
    ),
    "decide.none": (
        "Niets te beslissen: geen klant met antwoorden die verschillen zonder beslissing van"
        " het team.",
        "Nothing to decide: no customer with answers that differ and no team decision.",
    ),
    "decide.line": (
        "Te beslissen: {count} {count|klant|klanten} met antwoorden die verschillen en nog"
        " geen beslissing van het team (ze tellen als open vragen tot het team beslist).",
        "To decide: {count} {count|customer|customers} whose answers differ and that the team"
        " has not decided yet (they count as open questions until the team decides).",
    ),
    "decide.customer": ("  {id} {name}: {questions}", "  {id} {name}: {questions}"),
    "decide.more": ("  … en nog {count}", "  … and {count} more"),
    "plan.fav.participant": ("deelnemer", "participant"),
    "plan.fav.total": ("favorieten", "favourites"),
    "plan.segment": ("Segment {s}", "Segment {s}"),
    "plan.approach.proactive": ("proactief", "proactive"),
    "plan.approach.reactive": ("reactief", "reactive"),
    "plan.channel.visit": ("bezoek", "visit"),
    "plan.channel.video": ("videogesprek", "video call"),
    "plan.channel.phone": ("telefoon", "phone"),
    "plan.channel.email": ("e-mail", "e-mail"),
    "plan.channel.newsletter": ("nieuwsbrief", "newsletter"),
    "plan.contacts": ("contacten/jaar", "contacts/year"),
    "plan.owner": ("eigenaar", "owner"),
    "plan.state_stored": (
        "✓ Dit plan is bewaard in de sessie.",
        "✓ This plan is stored in the session.",
    ),
    "plan.state_changed": (
        "Gewijzigd, nog niet bewaard: klik Bewaren.",
        "Changed, not stored yet: click Store.",
    ),
    "plan.col.segment": ("segment", "segment"),
    "plan.col.customers": ("klanten", "customers"),
    "plan.col.revenue_share": ("aandeel omzet", "share of revenue"),
    "plan.col.hours_today": ("uren vandaag", "hours today"),
    "plan.col.hours_share_today": ("aandeel tijd vandaag", "share of time today"),
    "plan.col.plan_hours": ("uren volgens plan", "hours in the plan"),
    "plan.col.hours_freed": ("uren vrij", "hours freed"),
    "plan.col.manager": ("accountmanager", "account manager"),
    "error.plan_segment": (
        "'{value}' is geen segment: A, B of C.",
        "'{value}' is no segment: A, B or C.",
    ),
    "error.plan_approach": (
        "'{value}' is geen aanpak: proactive of reactive.",
        "'{value}' is no approach: proactive or reactive.",
    ),
    "error.plan_channels": (
        "Kanalen {value}: kies er minstens één uit visit, video, phone, email, newsletter.",
        "Channels {value}: choose at least one of visit, video, phone, email, newsletter.",
    ),
    "error.plan_contacts": (
        "'{value}' contacten per jaar kan niet: een getal van 0 tot 365.",
        "'{value}' contacts a year is not possible: a number from 0 to 365.",
    ),
    "error.plan_missing": (
        "Het plan mist {segments|segment|segmenten}: {segments}.",
        "The plan misses {segments|segment|segments}: {segments}.",
    ),
    "warning.plan_more_hours": (
        "Dit plan vraagt {needed} uur per jaar, meer dan de {today} uur die jullie er vandaag"
        " aan besteden.",
        "This plan needs {needed} hours a year, more than the {today} hours you spend today.",
    ),
    "warning.plan_most_in_a": (
        "{count} van {total} {total|klant|klanten} staan in A: dan is A geen keuze meer. Kijk de"
        " grenzen of"
        " het rooster nog eens na.",
        "{count} of {total} {total|customer|customers} are in A: then A is no longer a choice."
        " Look at the"
        " thresholds or the grid again.",
    ),
    # the team's consensus view
    "examples.added": (
        "Voorbeeldantwoorden toegevoegd van: {people}. Zij zijn het niet over elke klant eens:"
        " zo zie je hoe het team samen beslist.",
        "Example answers added from: {people}. They do not agree on every customer: so you see"
        " how the team decides together.",
    ),
    "examples.already": (
        "De voorbeeldantwoorden van {people} staan al in de sessie.",
        "The example answers of {people} are already in the session.",
    ),
    "examples.own_data": (
        "Deze sessie werkt met jullie eigen klanten: geen voorbeeldantwoorden toegevoegd.",
        "This session works with your own customers: no example answers added.",
    ),
    "team.summary": (
        "{people} {people|deelnemer|deelnemers} · {discuss} {discuss|klant|klanten} om te"
        " bespreken · team besliste {decided} van {total} {total|klant|klanten}",
        "{people} {people|participant|participants} · {discuss} {discuss|customer|customers} to"
        " discuss · the team decided {decided} of {total} {total|customer|customers}",
    ),
    "team.next_open": ("Volgende om te bespreken", "Next to discuss"),
    "team.take_agreed": (
        "Neem de {count} eensgezinde antwoorden over",
        "Take over the {count} agreed answers",
    ),
    "team.refresh": ("Antwoorden opnieuw lezen", "Read the answers again"),
    "team.refreshed": (
        "Antwoorden opnieuw gelezen van: {people}.",
        "Answers read again from: {people}.",
    ),
    "team.team_answer": ("Antwoord van het team:", "The team's answer:"),
    "team.answer_tip.yes": ("Het team zegt ja", "The team says yes"),
    "team.answer_tip.no": ("Het team zegt nee", "The team says no"),
    "team.answer_tip.unknown": (
        "Het team weet het nog niet: open vraag",
        "The team does not know yet: an open question",
    ),
    "team.saved": (
        "Teamantwoord op {question} bewaard.",
        "Team answer to {question} stored.",
    ),
    "team.agreed_taken": (
        "{count} eensgezinde antwoorden als teamantwoord bewaard.",
        "{count} agreed answers stored as team answers.",
    ),
    "team.nothing_open": (
        "Geen meningsverschillen meer zonder teamantwoord.",
        "No disagreements left without a team answer.",
    ),
    "team.no_customers": ("Deze sessie heeft geen klanten.", "This session has no customers."),
    "team.card_line": (
        "klantnr {id} · omzet {revenue} · klant {number} van {count} · {flag}",
        "customer id {id} · revenue {revenue} · customer {number} of {count} · {flag}",
    ),
    "team.discuss": ("⚠ om te bespreken", "⚠ to discuss"),
    "team.agreed_here": ("geen meningsverschil", "no disagreement"),
    "team.col.participant": ("deelnemer", "participant"),
    "team.col.question": ("vraag", "question"),
    "team.col.answered": ("antwoorden", "answers"),
    "team.col.yes_share": ("zegt ja", "says yes"),
    "team.col.team_yes_share": ("team zegt ja", "team says yes"),
    "team.col.agreement": ("zelfde als team", "same as team"),
    "team.all_questions": ("alle vragen", "all questions"),
    "team.other_laptops": (
        "Antwoorden van een andere laptop toevoegen (het bestand van 'answers export'):",
        "Add answers from another laptop (the file from 'answers export'):",
    ),
    "team.upload": ("Antwoordbestand kiezen", "Choose an answer file"),
    "team.upload_who_first": (
        "Tik eerst de naam van wie deze antwoorden gaf, en kies dan het bestand opnieuw.",
        "First type the name of whoever gave these answers, then choose the file again.",
    ),
    "team.uploaded": (
        "{file}: {stored} {stored|antwoord|antwoorden} van {participant} toegevoegd.",
        "{file}: {stored} {stored|answer|answers} from {participant} added.",
    ),
    # the answer form
    "form.who": ("Wie", "Who"),
    "form.who_placeholder": ("je naam, bv. An", "your name, e.g. An"),
    "form.choose_who": (
        "Tik eerst je naam bovenaan: zo blijven ieders antwoorden apart.",
        "First type your name at the top: that keeps everyone's answers apart.",
    ),
    "form.hello": (
        "Dag {name}: je antwoorden worden bij elke klik bewaard. Ben je iemand anders, typ dan"
        " je naam in het vak Wie.",
        "Hello {name}: your answers are stored with every click. Someone else? Type your name"
        " in the Who box.",
    ),
    "form.previous": ("Vorige", "Previous"),
    "form.next": ("Volgende", "Next"),
    "form.next_unanswered": ("Volgende onbeantwoorde", "Next unanswered"),
    "form.undo": ("Ongedaan maken", "Undo"),
    "form.search_placeholder": ("zoek op naam of nummer", "search by name or id"),
    "form.band": ("Klasse", "Band"),
    "form.all_bands": ("alle", "all"),
    "form.only_unanswered": ("alleen onbeantwoord", "unanswered only"),
    "form.only_favourites": ("alleen favorieten", "favourites only"),
    "form.only_room": ("lijst van de zaal ({count})", "the room's list ({count})"),
    "form.portfolio": ("Portefeuille", "Portfolio"),
    "form.all_managers": ("iedereen", "everyone"),
    "form.progress_room": ("Lijst van de zaal: ", "The room's list: "),
    "form.progress_portfolio": ("Portefeuille van {manager}: ", "{manager}'s portfolio: "),
    "form.for_managers": (
        "{count} {count|klant|klanten} voor de accountmanagers",
        "{count} {count|customer|customers} for the account managers",
    ),
    "error.unknown_manager": (
        "Geen accountmanager '{value}' in de klantenlijst van deze sessie; wel: {managers}.",
        "No account manager '{value}' in this session's customer list; there are: {managers}.",
    ),
    # the workshop app: one page of steps
    "app.title": ("Klantwaarde-workshop", "Customer value workshop"),
    "app.step_bar": ("{number}. {step}", "{number}. {step}"),
    "app.step.customers": ("Klanten", "Customers"),
    "app.step.bands": ("Omzetklassen", "Revenue bands"),
    "app.step.questions": ("Vier vragen", "Four questions"),
    "app.step.together": ("Samen beslissen", "Decide together"),
    "app.step.matrix": ("Matrix", "Matrix"),
    "app.step.plan": ("Actieplan", "Action plan"),
    "app.step.report": ("Rapport", "Report"),
    "app.next": ("Volgende stap: {step}", "Next step: {step}"),
    "app.anonymous": ("Anoniem", "Anonymous"),
    "app.anonymous_tip": (
        "Klantcodes in plaats van namen in de matrix, om buiten het team te tonen",
        "Customer codes instead of names in the matrix, to show outside the team",
    ),
    "app.grid": (
        "Welk segment krijgt elk vak van de matrix?",
        "Which segment does each cell of the matrix get?",
    ),
    "form.move_on": (
        "na het vierde antwoord naar de volgende open klant",
        "after the fourth answer, on to the next open customer",
    ),
    "form.moved_on": (
        "✓ {name}: vier antwoorden opgeslagen ({at}). Verder met de volgende open klant;"
        " ‘Ongedaan maken’ brengt je terug.",
        "✓ {name}: four answers stored ({at}). On to the next open customer;"
        " ‘Undo’ takes you back.",
    ),
    "form.progress": (
        "{answered} van {total} {total|klant|klanten} beantwoord, {open} met open vragen",
        "{answered} of {total} {total|customer|customers} answered, {open} with open questions",
    ),
    "form.to_confirm_left": (
        "nog {count} te bevestigen",
        "{count} still to confirm",
    ),
    "form.card_line": (
        "klantnr {id} · omzet {revenue} · klasse {band} · klant {number} van {count}",
        "customer id {id} · revenue {revenue} · band {band} · customer {number} of {count}",
    ),
    "form.answer.yes": ("Ja", "Yes"),
    "form.answer.no": ("Nee", "No"),
    "form.answer.unknown": ("?", "?"),
    "form.answer_tip.yes": (
        "Ja (klik nog eens om te wissen)",
        "Yes (click again to clear)",
    ),
    "form.answer_tip.no": ("Nee (klik nog eens om te wissen)", "No (click again to clear)"),
    "form.answer_tip.unknown": (
        "Weten we nog niet: telt als open vraag (klik nog eens om te wissen)",
        "Not known yet: counts as an open question (click again to clear)",
    ),
    "form.verdict": (
        "Score {score} van {most} · segment {segment}",
        "Score {score} of {most} · segment {segment}",
    ),
    "form.verdict_open": (
        "Score {score} van {most} · segment {segment} (nog {missing} {missing|vraag|vragen}"
        " zonder antwoord)",
        "Score {score} of {most} · segment {segment} ({missing} {missing|question|questions}"
        " still unanswered)",
    ),
    "form.favourite": ("Favoriet", "Favourite"),
    "form.favourite_tip": (
        "Een van jouw favoriete klanten? (klik nog eens om te wissen)",
        "One of your favourite customers? (click again to clear)",
    ),
    "form.time": ("Tijd", "Time"),
    "form.time_placeholder": (
        "uren per jaar, of weinig / gemiddeld / veel",
        "hours per year, or little / average / much",
    ),
    "form.time.little": ("weinig", "little"),
    "form.time.average": ("gemiddeld", "average"),
    "form.time.much": ("veel", "much"),
    "form.bad_time": (
        "'{value}' is geen tijd: tik een aantal uren per jaar (bv. 12,5), of weinig, gemiddeld"
        " of veel. Niets bewaard.",
        "'{value}' is not a time: type hours per year (e.g. 12.5), or little, average or much."
        " Nothing stored.",
    ),
    "form.note_placeholder": (
        "notitie bij deze klant (wordt bewaard als je naast het vak klikt)",
        "note on this customer (stored when you click outside the box)",
    ),
    "form.field.note": ("notitie", "note"),
    "form.days": ("{days} dagen", "{days} days"),
    "form.update": ("Bijwerken", "Update"),
    "form.only_to_confirm": ("alleen te bevestigen", "to confirm only"),
    "form.confirm": ("Klopt nog: bevestigen", "Still right: confirm"),
    "form.confirm_tip": (
        "De antwoorden van vorig kwartaal kloppen nog voor deze klant",
        "Last quarter's answers are still right for this customer",
    ),
    "form.confirmed": ("Bevestigd om {at}", "Confirmed at {at}"),
    "form.flag_to_confirm": (
        "uit {previous} — bevestig of pas aan",
        "from {previous} — confirm or change",
    ),
    "form.flag_new": ("nieuwe klant dit kwartaal", "new customer this quarter"),
    "form.bands": (
        "klassen: middel vanaf {low}, groot vanaf {high} ({how})",
        "bands: medium from {low}, large from {high} ({how})",
    ),
    "form.bands_stored": ("bewaard in de sessie", "stored in the session"),
    "form.bands_given": ("voor deze vorm gekozen", "chosen for this form"),
    "form.bands_suggested": (
        "voorstel 80/15/5: kies en bewaar ze in notebook 02",
        "80/15/5 suggestion: choose and store them in notebook 02",
    ),
    "form.potential_note": (
        "Deze sessie antwoordt voor het potentieel: wat kan deze klant worden, niet wat hij"
        " vandaag is.",
        "This session answers for the potential: what this customer could become, not what it"
        " is today.",
    ),
    "form.field.favourite": ("favoriet", "favourite"),
    "form.field.time": ("tijd", "time"),
    "form.saved": ("{field} bewaard om {at}", "{field} stored at {at}"),
    "form.undone": ("{field} ongedaan gemaakt om {at}", "{field} undone at {at}"),
    "form.nothing_to_undo": (
        "Er is niets meer ongedaan te maken.",
        "There is nothing left to undo.",
    ),
    "form.all_answered": (
        "Alle klanten hier zijn beantwoord.",
        "Every customer here is answered.",
    ),
    "form.none_match": (
        "Geen enkele klant past bij deze filters.",
        "No customer matches these filters.",
    ),
    "upload.reading": ("{file} wordt ingelezen …", "Reading {file} …"),
    "upload.stored": ("Bewaard als {path}", "Stored as {path}"),
    "upload.bad_year": (
        "'{value}' is geen jaartal. Schrijf bv. 2025, of laat het vak leeg.",
        "'{value}' is not a year. Write e.g. 2025, or leave the box empty.",
    ),
}


def check_language(lang: str) -> Language:
    """Return ``lang`` if the kit speaks it, else raise ``ValueError`` naming the choices."""
    if lang not in LANGUAGES:
        raise ValueError(f"'lang' must be one of {list(LANGUAGES)} (got {lang!r})")
    return lang


def set_language(lang: str) -> None:
    """Set the language used when no ``lang`` is passed (for example in ``str(error)``)."""
    _current[0] = check_language(lang)


def get_language() -> Language:
    """The language used when no ``lang`` is passed; Dutch unless :func:`set_language` said."""
    return _current[0]


def template(key: str, lang: str | None = None) -> str:
    """The catalogue text for ``key`` in ``lang`` as written, placeholders and plurals in it."""
    lang = check_language(lang) if lang is not None else get_language()
    try:
        nl, en = CATALOGUE[key]
    except KeyError:
        raise KeyError(f"no text {key!r} in the catalogue") from None
    return nl if lang == "nl" else en


_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")
"""``{count|klant|klanten}``: a word that follows the number (or the list) ``count``."""


def with_plurals(template: str, params: Mapping[str, object]) -> str:
    """``template`` with each ``{name|one|other}`` replaced by ``one`` when ``name`` is 1 (or a
    list of one), else by ``other``: Dutch and English both say "1 klant", "0 klanten"."""
    if "|" not in template:  # most texts: no plural, nothing to look for
        return template
    return _PLURAL.sub(lambda m: m[2] if _is_one(params.get(m[1])) else m[3], template)


def _is_one(value: object) -> bool:
    if isinstance(value, (list, tuple, set, frozenset)):
        return len(value) == 1
    if isinstance(value, str):
        return value.strip() == "1"
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and value == 1


def text(key: str, lang: str | None = None, /, **params: object) -> str:
    """The catalogue text for ``key`` in ``lang`` (default: the current language), filled in."""
    return filled(key, lang, params)


def filled(
    key: str,
    lang: str | None,
    params: Mapping[str, object],
    shown: Mapping[str, object] | None = None,
) -> str:
    """The catalogue text for ``key``, its plurals chosen by ``params`` (a count, or a list of
    one), filled in with ``shown`` (the same values as text, e.g. a list joined; default
    ``params``)."""
    written = with_plurals(template(key, lang), params)
    return written.format(**(params if shown is None else shown)) if params else written


def format_money(amount: float, lang: str | None = None, *, cents: bool = False) -> str:
    """An amount in euro as the language writes it: ``€ 12.500`` (nl) or ``€12,500`` (en)."""
    lang = check_language(lang) if lang is not None else get_language()
    from babel.numbers import format_currency  # imported late: check_environment needs none

    pattern = ("¤ #,##0" if lang == "nl" else "¤#,##0") + (".00" if cents else "")
    return format_currency(
        amount, "EUR", format=pattern, locale=_LOCALES[lang], currency_digits=False
    )


def format_number(value: float, lang: str | None = None, *, decimals: int = 0) -> str:
    """A number with the language's separators: ``1.234,5`` (nl) or ``1,234.5`` (en)."""
    lang = check_language(lang) if lang is not None else get_language()
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_LOCALES[lang])


def format_share(share: float, lang: str | None = None) -> str:
    """A share (0.8) as a percentage the language writes: ``80,0%`` (nl) or ``80.0%`` (en)."""
    lang = check_language(lang) if lang is not None else get_language()
    from babel.numbers import format_percent

    return format_percent(share, format="#,##0.0%", locale=_LOCALES[lang])
