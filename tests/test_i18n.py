"""The catalogue of user-facing strings and the number formats."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from klantlib import format_money, format_number, format_share, get_language, set_language, text
from klantlib.i18n import CATALOGUE

PACKAGE = Path(__file__).resolve().parents[1] / "klantlib"


def fields(template: str) -> set[str]:
    """The placeholders of a catalogue text: its str.format names and its plurals' names."""
    plurals = set(re.findall(r"\{(\w+)\|", template))
    plain = re.sub(r"\{\w+\|[^{}|]*\|[^{}|]*\}", "", template)
    return {name for _, name, _, _ in string.Formatter().parse(plain) if name} | plurals


def test_a_plural_follows_its_number_or_list():
    """1 klant, 0 klanten, 2 customers; a list of one column is 'De kolom … ontbreekt'."""
    assert text("cli.new_customers", "nl", count=1, ids="7") == "Nieuw in de lijst: 1 klant: 7"
    assert text("cli.new_customers", "nl", count=0, ids="") == "Nieuw in de lijst: 0 klanten: "
    assert text("cli.new_customers", "en", count="2", ids="7, 8").startswith(
        "New in the list: 2 customers"
    )
    from klantlib.errors import KlantlibError

    one = KlantlibError("error.missing_columns", missing=["revenue"], present=["a", "b"])
    assert one.message("nl") == "De kolom revenue ontbreekt. Aanwezige kolommen: a, b."
    two = KlantlibError("error.missing_columns", missing=["name", "revenue"], present=["a"])
    assert two.message("en") == "Columns name, revenue missing. Columns present: a."


def test_no_text_fakes_a_plural_any_more():
    """No "klant(en)", "probleem/problemen" or "customer(s)": a plural is written as one."""
    faked = re.compile(r"\w\((?:en|s|men|len)\)|probleem/problemen|vraag/vragen|telt/tellen")
    assert [k for k, texts in CATALOGUE.items() if any(faked.search(t) for t in texts)] == []


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_text_has_both_languages_with_the_same_placeholders(key):
    """Dutch and English are both filled in and take the same parameters."""
    nl, en = CATALOGUE[key]
    assert nl.strip() and en.strip()
    assert fields(nl) == fields(en)


def test_every_key_the_code_uses_is_in_the_catalogue():
    """Keys named in klantlib's code (text(...), Notice(...), errors) all exist."""
    used: set[str] = set()
    pattern = re.compile(r"""(?:text|Notice|KlantlibError)\(\s*["']([a-z_]+\.[a-z_.]+)["']""")
    for source in PACKAGE.rglob("*.py"):
        used |= set(pattern.findall(source.read_text(encoding="utf-8")))
    assert used, "the scan found no keys"
    assert sorted(used - set(CATALOGUE)) == []


def test_money_is_written_the_way_each_language_writes_it():
    """€ 12.500 in Dutch, €12,500 in English; cents only when asked."""
    assert format_money(12_500, "nl") == "€ 12.500"
    assert format_money(12_500, "en") == "€12,500"
    assert format_money(1_234.5, "nl", cents=True) == "€ 1.234,50"
    assert format_number(1_234.5, "nl", decimals=1) == "1.234,5"
    assert format_share(0.538, "nl") == "53,8%"
    assert format_share(0.538, "en") == "53.8%"


def test_current_language_is_used_when_none_is_given():
    """After set_language('en') texts come in English; Dutch is the default."""
    assert get_language() == "nl"
    try:
        set_language("en")
        assert text("band.large") == "large"
    finally:
        set_language("nl")
    assert text("band.large") == "groot"


def test_unknown_language_is_refused_with_the_choices():
    """'fr' is not offered: the message lists nl and en."""
    with pytest.raises(ValueError, match=r"'lang' must be one of \['nl', 'en'\] \(got 'fr'\)"):
        text("band.large", "fr")


def test_public_api_lists_exactly_what_it_exports():
    """Every name in klantlib.__all__ can be imported, and nothing exported is unlisted."""
    import klantlib

    assert set(klantlib.__all__) == set(klantlib._EXPORTS)
    for name in klantlib.__all__:
        assert getattr(klantlib, name) is not None, name


def test_the_type_checkers_imports_name_the_same_public_api():
    """The imports under ``TYPE_CHECKING`` in ``klantlib/__init__.py`` (for editors) import
    each public name from the module the one list says, and nothing else."""
    import ast

    import klantlib

    tree = ast.parse(Path(klantlib.__file__).read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.dump(n))
    imported = {
        alias.name: node.module
        for node in ast.walk(block)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == klantlib._EXPORTS
