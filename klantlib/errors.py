"""What can go wrong, said in the user's language.

Exceptions and notices carry a catalogue key and its parameters, so the same problem can be
shown in Dutch or English wherever it surfaces (command line, notebook, widget)::

    KlantlibError            base of every error the kit raises on purpose; a ValueError
    └── InputError           the data (a table, a file, a setting) is not usable as given;
                             carries every problem found, not only the first
    Notice                   a warning or remark that does not stop the work
"""

from __future__ import annotations

from dataclasses import dataclass, field

from klantlib.i18n import format_money, text

__all__ = ["MAX_LISTED", "InputError", "KlantlibError", "Money", "Notice", "Problem"]

MAX_LISTED = 10
"""How many problems a message lists before it says '… and N more'."""


@dataclass(frozen=True)
class Notice:
    """A warning or remark for the user: a catalogue key and its parameters."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        """The notice in ``lang`` (default: the current language)."""
        return text(self.key, lang, **_render(self.params, lang))


# One problem in the data: same shape as a notice, so both render the same way.
Problem = Notice


class KlantlibError(ValueError):
    """An error the kit raises on purpose, with a message in Dutch and English."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.notice = Notice(key, dict(params))
        super().__init__(key)

    def message(self, lang: str | None = None) -> str:
        """The error in ``lang`` (default: the current language)."""
        return self.notice.message(lang)

    def __str__(self) -> str:
        return self.message()


class InputError(KlantlibError):
    """The input is not usable: lists every problem found (the first ten and a count)."""

    def __init__(self, problems: list[Problem], *, source: str | None = None) -> None:
        if not problems:
            raise ValueError("InputError needs at least one problem")
        self.problems = list(problems)
        self.source = source
        Exception.__init__(self, problems[0].key)
        self.notice = problems[0]

    def message(self, lang: str | None = None) -> str:
        if len(self.problems) == 1 and self.source is None:
            return self.problems[0].message(lang)
        lines = [f"- {p.message(lang)}" for p in self.problems[:MAX_LISTED]]
        if len(self.problems) > MAX_LISTED:
            lines.append(
                "- " + text("error.more_problems", lang, count=len(self.problems) - MAX_LISTED)
            )
        return text(
            "error.problems",
            lang,
            source=f"{self.source}: " if self.source else "",
            count=len(self.problems),
            lines="\n".join(lines),
        )

    def with_source(self, source: str) -> InputError:
        """The same problems, said to come from ``source`` (a file name)."""
        return InputError(self.problems, source=source)


@dataclass(frozen=True)
class Money:
    """An amount in a message, written the way the reader's language writes money."""

    amount: float

    def message(self, lang: str | None = None) -> str:
        return format_money(self.amount, lang, cents=self.amount != round(self.amount))


def _render_one(value: object, lang: str | None) -> object:
    return value.message(lang) if isinstance(value, (Notice, Money)) else value


def _render(params: dict[str, object], lang: str | None) -> dict[str, object]:
    """Parameters that are texts, amounts or lists, rendered in ``lang`` for display."""
    return {
        name: ", ".join(str(_render_one(v, lang)) for v in value)
        if isinstance(value, (list, tuple))
        else _render_one(value, lang)
        for name, value in params.items()
    }
