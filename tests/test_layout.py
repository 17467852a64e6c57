"""The package's layout holds: pure modules stay free of the engine and the theme.

Only the adapters (the plugin, its settings, ``material.py``, ``engine.py``, the
speed-ups and the command-line tools that load mkdocs.yml) may import MkDocs or
Material. Everything else works on plain data, so it survives a change of
engine, and is tested without building a site.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "blog_extras"
ENGINE_PACKAGES = {"mkdocs", "material", "properdocs", "zensical"}

PURE_MODULES = [
    "checks", "counts", "csp", "excerpt", "feed", "html_fixes", "images", "markdown_out",
    "posts", "redirects", "seo", "services", "share", "wix_sources",
]  # fmt: skip


def imports_of(module: str) -> tuple[set[str], set[str]]:
    """The top-level packages a module imports, and the package modules it imports."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    outside, inside = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            outside |= {alias.name.partition(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if node.module:
                    inside.add(node.module.partition(".")[0])
                else:
                    inside |= {alias.name for alias in node.names}
            elif node.module:
                outside.add(node.module.partition(".")[0])
    return outside, inside


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_modules_import_neither_engine_nor_theme(module: str):
    seen, todo = set(), [module]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        outside, inside = imports_of(current)
        assert not outside & ENGINE_PACKAGES, f"{current} imports {outside & ENGINE_PACKAGES}"
        todo += sorted(inside)
