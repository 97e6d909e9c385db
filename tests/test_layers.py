"""The kit's layers: one folder a layer, and a lower layer never imports a higher one.

From the bottom: ``paths``, ``errors`` and ``i18n``; ``core`` (the method, tables in, tables
out); ``ingest`` (reading a team's files); ``store`` (the session store and the files written
from it); ``reports`` (tables, charts, report files); ``widgets`` (the notebooks' controls); at
the top the entry points (``cli``, ``headless``, ``notebook``, ``workshop``, ``sample``, the
package's public API). Every import counts, also one inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "klantlib"
BOTTOM = {"paths", "errors", "i18n"}
LAYERS = ["core", "ingest", "store", "reports", "widgets"]


def layer_of(module: str) -> int:
    """0 for the bottom modules, 1 to 5 for the layer folders, 6 for the entry points."""
    parts = module.split(".")
    if parts[0] != "klantlib":
        raise ValueError(module)
    if len(parts) == 1:
        return len(LAYERS) + 1  # the package's public API
    if parts[1] in BOTTOM:
        return 0
    if parts[1] in LAYERS:
        return LAYERS.index(parts[1]) + 1
    return len(LAYERS) + 1


def module_name(path: Path, package: Path = PACKAGE) -> str:
    relative = path.relative_to(package.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every klantlib module ``path`` imports, wherever the import is."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "klantlib":  # from klantlib import x: x may be a module
                for alias in node.names:
                    found.append((node.lineno, f"klantlib.{alias.name}"))
            elif node.module.startswith("klantlib."):
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("klantlib.")]
    return found


def upward_imports(package: Path = PACKAGE) -> list[str]:
    """Every import of a higher layer, as ``file:line: module -> module``."""
    wrong = []
    for path in sorted(package.rglob("*.py")):
        source = module_name(path, package)
        if source == "klantlib" or source == "klantlib.__main__":
            continue
        for line, target in imports(path):
            if layer_of(target) > layer_of(source):
                wrong.append(f"{path.relative_to(package.parent)}:{line}: {source} -> {target}")
    return wrong


def test_no_layer_imports_a_higher_one():
    assert upward_imports() == []


def test_every_module_is_in_a_layer():
    """The layer folders hold the modules; at the top only the bottom modules and the entry
    points, so a new module has to be put somewhere on purpose."""
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == BOTTOM | {"__init__", "__main__", "cli", "headless", "notebook", "workshop",
                            "environment", "sample"}  # fmt: skip
    for layer in LAYERS:
        assert (PACKAGE / layer / "__init__.py").is_file()


def test_the_check_fails_on_an_upward_import(tmp_path):
    """The check itself: a core module that imports a widget is caught, with its line."""
    package = tmp_path / "klantlib"
    (package / "core").mkdir(parents=True)
    (package / "widgets").mkdir()
    for folder in (package, package / "core", package / "widgets"):
        (folder / "__init__.py").write_text("")
    (package / "widgets" / "form.py").write_text("X = 1\n")
    (package / "core" / "bands.py").write_text(
        '"""A core module."""\n\n\ndef f():\n    from klantlib.widgets.form import X\n'
    )
    assert upward_imports(package) == [
        "klantlib/core/bands.py:5: klantlib.core.bands -> klantlib.widgets.form"
    ]


@pytest.mark.parametrize(
    ("module", "layer"),
    [("klantlib.paths", 0), ("klantlib.core.bands", 1), ("klantlib.widgets.upload", 5)],
)
def test_layers_count_from_the_bottom(module, layer):
    assert layer_of(module) == layer
