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

from klantlib.i18n import filled, format_money, format_number, text

__all__ = [
    "MAX_KEPT",
    "MAX_LISTED",
    "InputError",
    "KlantlibError",
    "Money",
    "Notice",
    "Problem",
    "Problems",
]

MAX_LISTED = 10
"""How many problems a message lists before it says '… and N more'."""

MAX_KEPT = 100
"""How many problems an error keeps; the others are only counted (a file of ten million bad
cells must not become ten million messages in memory)."""


@dataclass(frozen=True)
class Notice:
    """A warning or remark for the user: a catalogue key and its parameters."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        """The notice in ``lang`` (default: the current language); plurals follow the
        parameters as given (a list of one is one), before they are rendered as text."""
        return filled(self.key, lang, self.params, _render(self.params, lang))


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
    """The input is not usable: lists every problem found (the first ten and a count).

    ``problems`` are the first problems in the order found; ``count`` is how many there are
    in all, when only the first of them were kept (see :class:`Problems`).
    """

    def __init__(
        self, problems: list[Problem], *, source: str | None = None, count: int | None = None
    ) -> None:
        if not problems:
            raise ValueError("InputError needs at least one problem")
        self.problems = list(problems)
        self.count = max(len(self.problems), count or 0)
        self.source = source
        Exception.__init__(self, problems[0].key)
        self.notice = problems[0]

    def message(self, lang: str | None = None) -> str:
        if self.count == 1 and self.source is None:
            return self.problems[0].message(lang)
        listed = self.problems[:MAX_LISTED]
        lines = [f"- {p.message(lang)}" for p in listed]
        if self.count > len(listed):
            more = format_number(self.count - len(listed), lang)
            lines.append("- " + text("error.more_problems", lang, count=more))
        return text(
            "error.problems",
            lang,
            source=f"{self.source}: " if self.source else "",
            count=format_number(self.count, lang),
            lines="\n".join(lines),
        )

    def with_source(self, source: str) -> InputError:
        """The same problems, said to come from ``source`` (a file name)."""
        return InputError(self.problems, source=source, count=self.count)


class Problems:
    """Problems found so far, in the order found: the first :data:`MAX_KEPT` kept, all counted."""

    def __init__(self) -> None:
        self.kept: list[Problem] = []
        self.count = 0

    def add(self, problems: list[Problem], count: int | None = None) -> None:
        """``problems`` found next (``count``: how many in all, when only these were kept)."""
        self.kept += problems[: MAX_KEPT - len(self.kept)]
        self.count += max(len(problems), count or 0)

    def add_error(self, error: InputError) -> None:
        self.add(error.problems, error.count)

    def merge(self, other: Problems) -> None:
        self.add(other.kept, other.count)

    def __bool__(self) -> bool:
        return self.count > 0

    def error(self) -> InputError:
        """All of them as one error (there must be one)."""
        return InputError(self.kept, count=self.count)


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
