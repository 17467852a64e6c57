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

# Every module of these packages, and these modules.
PURE_PACKAGES = ["content", "html"]
PURE_MODULES = [
    "authoring.checks", "authoring.yaml_words", "authoring.post_images",
    "wix_import.sources", "wix_import.markdown_out", "wix_import.ricos",
    "wix_import.remote", "wix_import.site_route", "wix_import.api_route",
]  # fmt: skip


def pure_modules() -> list[str]:
    found = list(PURE_MODULES)
    for package in PURE_PACKAGES:
        found += [f"{package}.{path.stem}" for path in sorted((PACKAGE / package).glob("*.py"))]
    return found


def imports_of(module: str) -> tuple[set[str], set[str]]:
    """The top-level packages a module imports, and the modules of this package it
    imports (dotted below blog_extras)."""
    path = PACKAGE / (module.replace(".", "/") + ".py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    outside, inside = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            outside |= {alias.name.partition(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            top, _, rest = node.module.partition(".")
            if top != "blog_extras":
                outside.add(top)
            elif rest and (PACKAGE / (rest.replace(".", "/") + ".py")).is_file():
                inside.add(rest)
            else:
                inside |= {f"{rest}.{alias.name}" if rest else alias.name for alias in node.names}
    return outside, inside


@pytest.mark.parametrize("module", pure_modules())
def test_pure_modules_import_neither_engine_nor_theme(module: str):
    seen, todo = set(), [module]
    while todo:
        current = todo.pop()
        if current in seen or current.endswith("__init__"):
            continue
        seen.add(current)
        outside, inside = imports_of(current)
        assert not outside & ENGINE_PACKAGES, f"{current} imports {outside & ENGINE_PACKAGES}"
        todo += sorted(inside)


def test_the_core_plugin_holds_no_speed_preview_or_parallel_code():
    _outside, inside = imports_of("plugin")
    assert not [module for module in inside if module.startswith("speed")], inside


def test_the_core_plugin_runs_its_page_events_in_order():
    """The output guard looks at the files once Material has added its pages, and
    the page pass sees each page after every other plugin has changed it: both
    depend on these priorities (MkDocs reads them from the decorator)."""
    from blog_extras.plugin import BlogExtrasPlugin

    assert BlogExtrasPlugin._on_files_guard_output.mkdocs_priority == -90  # type: ignore[attr-defined]
    assert BlogExtrasPlugin._on_files_leave_out_posts.mkdocs_priority > -50  # type: ignore[attr-defined]
    assert BlogExtrasPlugin.on_post_page.mkdocs_priority == -100  # type: ignore[attr-defined]
    # The templates' tags are marked before blog-speed starts writing pages (-110).
    assert BlogExtrasPlugin.on_env.mkdocs_priority > -110  # type: ignore[attr-defined]


def test_the_speed_ups_reach_material_only_through_material_py():
    """One module talks to Material (its changes included), so that an upgrade of
    Material is checked in one file."""
    for path in sorted((PACKAGE / "speed").glob("*.py")):
        outside, _inside = imports_of(f"speed.{path.stem}")
        assert "material" not in outside, f"speed/{path.name} imports Material"
