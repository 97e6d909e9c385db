"""Hostile and awkward texts, as anyone with access to a CRM or a session could type them, and
the check that none of them reaches a page as markup. Shared by the unit, notebook and browser
tests of "data is never markup"."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pandas as pd

# Each would run, link or break out of an attribute if it reached HTML unescaped.
SCRIPT_NAME = "<script>alert('script')</script> Brouwerij"
IMAGE_NAME = "<img src=hostile-image.png onerror=alert(1)> Bakkerij"
LINK_NAME = '<a href="javascript:alert(2)">Klik hier</a> nv'
ATTRIBUTE_NAME = 'Garage " onmouseover="alert(3)" x=" Maes'
MATH_NAME = "Prijzen $x^2$ & $\\frac{1$ bv"
RTL_NAME = "\u202eGNIRTS Drukkerij"
EMOJI_NAME = "Bakkerij 🥐 Peeters 👩‍🍳"
LONG_NAME = "Vakantiecentrum " + "Zeer Lange Naam " * 30 + "bvba"  # 500 characters and more
FORMULA_NAME = '=HYPERLINK("http://example.invalid","Factuur")'

NAMES = [
    SCRIPT_NAME,
    IMAGE_NAME,
    LINK_NAME,
    ATTRIBUTE_NAME,
    MATH_NAME,
    RTL_NAME,
    EMOJI_NAME,
    LONG_NAME,
    FORMULA_NAME,
]

# Every address above starts with this: a request for one means a name became an element.
REQUEST_MARK = "hostile-"

# Participants and notes are typed in the room (or in an answer file from a laptop).
PARTICIPANTS = ["<b>An</b><img src=hostile-participant.png onerror=alert(4)>", "Pieter $5$ \"'"]
NOTE = "<script>alert('note')</script> belt terug"
OWNER = "<img src=hostile-owner.png onerror=alert(5)>"
MANAGER = "<svg onload=alert(6)>"

# Elements the kit never writes itself: one in a page that shows data came from the data.
_FOREIGN = {"script", "img", "svg", "a", "iframe", "object", "embed", "form", "math", "bdo"}


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _FOREIGN:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or "javascript:" in (value or "").lower():
                self.found.append(f"<{tag} {name}={value!r}>")


def hostile_customers(count: int = 12) -> pd.DataFrame:
    """A customer table whose names are the hostile ones (then plain ones up to ``count``),
    with hours and a hostile account manager, revenue spread over the three bands."""
    names = [*NAMES, *(f"Klant {i}" for i in range(len(NAMES), count))][:count]
    return pd.DataFrame(
        {
            "customer_id": [f"{i + 1:03d}" for i in range(count)],
            "name": names,
            "revenue": [100_000.0 / (i + 1) ** 1.3 for i in range(count)],
            "hours": [float(10 + 3 * i) for i in range(count)],
            "account_manager": [MANAGER if i % 2 else "Pieter" for i in range(count)],
        }
    )


def raw_markup(markup: str) -> list[str]:
    """The elements and attributes in ``markup`` that only hostile text can have put there: a
    script, image, link or the like, an ``on…`` handler, a ``javascript:`` address. Empty when
    all is well. Text that merely reads ``onerror=alert(1)`` is fine: it is text."""
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    return parser.found


def visible_text(markup: str) -> str:
    """The text a browser shows for ``markup``: entities decoded, tags dropped."""
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    return "".join(parser.text)


def html_in_widget_state(notebook) -> list[str]:
    """Every HTML text the notebook's widgets hold: HTML widget values, and the HTML outputs
    of its Output widgets."""
    state = notebook.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}
    )
    found = []
    for model in state.get("state", {}).values():
        name, values = model.get("model_name"), model.get("state", {})
        if name in ("HTMLModel", "HTMLMathModel"):
            found.append(str(values.get("value", "")))
        if name == "OutputModel":
            for output in values.get("outputs", []):
                found.append(str(output.get("data", {}).get("text/html", "")))
        if values.get("description_allow_html"):
            found.append(str(values.get("description", "")))
    return found


def html_in_outputs(notebook) -> list[str]:
    """Every ``text/html`` the notebook's cells show."""
    return [
        str(output.get("data", {}).get("text/html", ""))
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    ]


def describe(found: list[str]) -> str:
    return json.dumps(found[:5], ensure_ascii=False)
