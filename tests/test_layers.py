"""The package's layers import one way: no module imports a layer above its own.

shared plumbing < catalogue/ (reading) < finding/ < views/ < the faces (cli, entry, browse).
An import only for type checking is not an import at run time and is allowed anywhere.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "neurobenefits"

SHARED = {"errors", "exitcodes", "signals", "terminal", "streams", "__init__"}
FACES = {"cli", "entry", "usage", "pager", "__main__", "browse", "commands", "endings", "quick"}
RANKS = {"shared": 0, "catalogue": 1, "finding": 2, "views": 3, "faces": 4}

# Imports that go up, each with the reason it is right.
ALLOWED_UPWARD = {
    # A stream that cannot take Unicode folds letters the way search folds them, so that
    # what is shown in ASCII is what a search for it would match.
    ("terminal", "finding.text"),
}


def layer_of(dotted: str) -> str:
    head = dotted.split(".")[0]
    if head in RANKS:
        return head
    if head in FACES:
        return "faces"
    if head in SHARED:
        return "shared"
    raise AssertionError(f"{dotted}: a module in no layer; add it to tests/test_layers.py")


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def run_time_imports(relative: Path, source: str) -> list[str]:
    """The package modules a module imports when it runs (dotted, relative to the package).

    `relative` is the module's path inside the package, e.g. catalogue/model.py.
    """
    package = list(relative.with_suffix("").parts[:-1])
    tree = ast.parse(source)
    skip = _type_checking_lines(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.lineno in skip:
            continue
        if node.level == 0:
            if (node.module or "").startswith("neurobenefits."):
                found.append(node.module.removeprefix("neurobenefits."))  # type: ignore[union-attr]
            continue
        base = package[: len(package) - (node.level - 1)]
        origin = [*base, *(node.module or "").split(".")] if node.module else base
        found.extend(_imported(origin, alias.name) for alias in node.names)
    return found


def _imported(origin: list[str], name: str) -> str:
    """`from origin import name`: the submodule `name` if there is one, else `origin` itself."""
    folder = PACKAGE.joinpath(*origin)
    if (folder / f"{name}.py").is_file() or (folder / name / "__init__.py").is_file():
        return ".".join([*origin, name])
    return ".".join(origin) or "__init__"


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_imports_no_layer_above_its_own(path: Path) -> None:
    relative = path.relative_to(PACKAGE)
    own = ".".join(relative.with_suffix("").parts)
    own_rank = RANKS[layer_of(own)]
    imports = run_time_imports(relative, path.read_text(encoding="utf-8"))
    upward = [
        name
        for name in imports
        if RANKS[layer_of(name)] > own_rank and (own, name) not in ALLOWED_UPWARD
    ]
    assert upward == [], f"{own} ({layer_of(own)}) imports a layer above: {upward}"


def test_the_check_sees_an_upward_import_and_skips_type_checking_ones() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "from ..errors import CatalogueError\n"
        "from .spec import LIMITS\n"
        "if TYPE_CHECKING:\n"
        "    from ..views.plain import details\n"
        "def later():\n"
        "    from ..views import render\n"
    )
    imports = run_time_imports(Path("catalogue/model.py"), source)
    assert imports == ["errors", "catalogue.spec", "views.render"]
    assert [layer_of(name) for name in imports] == ["shared", "catalogue", "views"]


def test_a_module_in_no_layer_is_named() -> None:
    with pytest.raises(AssertionError, match="somewhere: a module in no layer"):
        layer_of("somewhere")
