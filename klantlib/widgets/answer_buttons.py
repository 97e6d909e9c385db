"""The Ja / Nee / ? buttons of a question, as the answer form and the team view show them (edge).

A click calls ``on_answer(question, answer)``; :func:`paint` colours the answer given (green
yes, red no, amber "we do not know yet") and leaves the others grey.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from klantlib.core.questions import ANSWERS, QUESTIONS
from klantlib.i18n import text

__all__ = ["ANSWER_STYLES", "answer_buttons", "paint"]

ANSWER_STYLES = {"yes": "success", "no": "danger", "unknown": "warning"}
"""The button style of the answer given."""


def answer_buttons(
    lang: str, tips: str, on_answer: Callable[[str, str], None]
) -> dict[str, dict[str, widgets.Button]]:
    """Per question a button per answer, labelled in ``lang``, with the tooltip
    ``<tips>.<answer>`` from the catalogue."""
    buttons: dict[str, dict[str, widgets.Button]] = {}
    for question in QUESTIONS:
        row = {}
        for answer in ANSWERS:
            button = widgets.Button(
                description=text(f"form.answer.{answer}", lang),
                tooltip=text(f"{tips}.{answer}", lang),
                layout=widgets.Layout(width="5.5em"),
            )
            button.on_click(lambda _b, q=question, a=answer: on_answer(q, a))
            row[answer] = button
        buttons[question] = row
    return buttons


def paint(row: dict[str, widgets.Button], value: object) -> None:
    """Show ``value`` (an answer, or nothing) as the chosen button of the row."""
    for answer, button in row.items():
        button.button_style = ANSWER_STYLES[answer] if value == answer else ""
