"""Checking that the machine has what the kit needs, said in plain words (edge)."""

from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from importlib import metadata

from klantlib.i18n import text

__all__ = ["MINIMUM_VERSIONS", "EnvironmentCheck", "check_environment"]

MINIMUM_VERSIONS: dict[str, str] = {
    "Python": "3.11",
    "jupyterlab": "4.0",
    "ipywidgets": "8.0",
    "pandas": "2.2",
    "matplotlib": "3.8",
    "openpyxl": "3.1",
}


@dataclass(frozen=True)
class EnvironmentCheck:
    """The outcome: one line per component, and whether all is well."""

    lines: list[str]
    ok: bool

    def __str__(self) -> str:
        return "\n".join(self.lines)

    def _repr_markdown_(self) -> str:  # shown as a list in a notebook
        return "\n".join(f"- {line}" for line in self.lines)


def _as_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def check_environment(
    lang: str | None = None, *, versions: dict[str, str | None] | None = None
) -> EnvironmentCheck:
    """Check Python and the packages the kit needs against their minimum versions.

    ``versions`` replaces what is installed (name -> version, or None for missing); tests
    use it to see what a user with an old or broken installation would read.
    """
    found = dict(versions) if versions is not None else _installed()
    lines: list[str] = []
    ok = True
    for name, minimum in MINIMUM_VERSIONS.items():
        version = found.get(name)
        if version is None:
            lines.append(text("env.missing", lang, name=name))
            ok = False
        elif _as_tuple(version) < _as_tuple(minimum):
            lines.append(text("env.too_old", lang, name=name, version=version, minimum=minimum))
            ok = False
        else:
            lines.append(text("env.ok", lang, name=name, version=version))
    lines.append(text("env.all_ok" if ok else "env.problems", lang))
    return EnvironmentCheck(lines, ok)


def _installed() -> dict[str, str | None]:
    found: dict[str, str | None] = {"Python": platform.python_version()}
    for name in MINIMUM_VERSIONS:
        if name == "Python":
            continue
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found
