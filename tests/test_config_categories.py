"""config_categories.py: new categories land in mkdocs.yml's categories_allowed, with
the file's comments and layout kept, and each name read back exactly as given."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from mkdocs.utils import yaml_load

from blog_extras.authoring.config_categories import ConfigEditError, add_allowed_categories
from blog_extras.authoring.settings import load_site_config
from tests import mkdocs_yaml
from tests.project import SEED_BLOG

ROOT = Path(__file__).parents[1]
AWKWARD = [
    "Seoul: a diary", "C# and #hashtags", 'She said "hi"', "it's", "- dash first",
    "Café Bañó", "yes", "null", "2021", "[brackets], {braces}", "&anchor *alias", "  spaced  ",
    "!ENV", "% percent", "@at", "`tick`", "a\\b", "Movies ",
]  # fmt: skip


def allowed(text: str) -> list[str]:
    """categories_allowed as the tests' YAML loader and MkDocs' own read it."""
    ours = mkdocs_yaml.yaml.load(text, Loader=mkdocs_yaml._Loader)
    mkdocs = yaml_load(text)
    lists = []
    for config in (ours, mkdocs):
        plugins = config["plugins"]
        blog = next(p["blog"] for p in plugins if isinstance(p, dict) and "blog" in p)
        lists.append(blog["categories_allowed"])
    assert lists[0] == lists[1]
    return lists[0]


def config_with(blog_lines: str) -> str:
    return (
        "site_name: X\nplugins:\n  - search\n  # the blog\n  - blog:\n"
        + textwrap.indent(textwrap.dedent(blog_lines), "      ")
        + "  - blog-extras:\n      recent_posts: 3\n"
    )


def test_the_projects_mkdocs_yml_keeps_every_line_and_comment(tmp_path: Path):
    # The blog's mkdocs.yml as it started (the seed blog's frozen copy): the
    # author's own may list other categories.
    text = (SEED_BLOG / "mkdocs.yml").read_text(encoding="utf-8")
    changed, added = add_allowed_categories(text, ["Movies", *AWKWARD])
    assert added == AWKWARD  # Movies is there already
    assert allowed(changed) == ["Movies", "Reflections", *AWKWARD]
    old, new = text.splitlines(), changed.splitlines()
    at = old.index("        - Reflections") + 1
    assert new[:at] == old[:at] and new[at + len(AWKWARD) :] == old[at:]
    assert all(line.startswith("        - ") for line in new[at : at + len(AWKWARD)])
    # MkDocs' whole loader reads it too, with its !ENV settings.
    (tmp_path / "docs").symlink_to(ROOT / "docs")
    (tmp_path / "overrides").symlink_to(ROOT / "overrides")
    (tmp_path / "mkdocs.yml").write_text(changed, encoding="utf-8")
    config = load_site_config(tmp_path / "mkdocs.yml")
    assert list(config.plugins["material/blog"].config.categories_allowed) == [
        "Movies", "Reflections", *AWKWARD
    ]  # fmt: skip


def test_adding_nothing_new_changes_nothing():
    text = (SEED_BLOG / "mkdocs.yml").read_text(encoding="utf-8")
    assert add_allowed_categories(text, ["Movies", "Reflections"]) == (text, [])


@pytest.mark.parametrize(
    "blog_lines",
    [
        "blog_dir: .\ncategories_allowed: [Movies, Reflections]  # two\n",
        "blog_dir: .\ncategories_allowed:\n- Movies\n# a comment\n- Reflections\n",
        "categories_allowed: [\n  Movies,\n  Reflections,\n]\npost_readtime: true\n",
    ],
)
def test_flow_and_indentless_lists_take_the_names_in_their_style(blog_lines: str):
    changed, added = add_allowed_categories(config_with(blog_lines), ["Seoul: a diary", "Café"])
    assert added == ["Seoul: a diary", "Café"]
    assert allowed(changed) == ["Movies", "Reflections", "Seoul: a diary", "Café"]
    assert "# the blog" in changed and ("# two" in changed or "two" not in blog_lines)


@pytest.mark.parametrize(
    "blog_lines",
    [
        "blog_dir: .\n# the last setting\npost_readtime: true\n",
        "categories_allowed:\npost_readtime: true\n",
        "categories_allowed: []\n",
        "categories_allowed: ~\n",
    ],
)
def test_an_absent_or_empty_list_is_made(blog_lines: str):
    changed, added = add_allowed_categories(config_with(blog_lines), ["- dash first", "Movies"])
    assert added == ["- dash first", "Movies"]
    assert allowed(changed) == ["- dash first", "Movies"]
    assert yaml_load(changed)["plugins"][2] == {"blog-extras": {"recent_posts": 3}}


def test_a_blog_plugin_without_settings_gets_them():
    text = "site_name: X\nplugins:\n  - search\n  - blog\n  - blog-extras\n"
    changed, _ = add_allowed_categories(text, ["Movies"])
    assert yaml.safe_load(changed)["plugins"] == [
        "search", {"blog": {"categories_allowed": ["Movies"]}}, "blog-extras"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("names", "words"),
    [
        (["two\nlines"], "control character '\\n'"),
        (["bell\a"], "control character"),
        (["!!!"], "no letters or digits"),
        ([""], "empty"),
    ],
)
def test_names_that_cannot_be_categories_are_refused(names: list[str], words: str):
    text = (SEED_BLOG / "mkdocs.yml").read_text(encoding="utf-8")
    with pytest.raises(ConfigEditError, match=r"cannot be added to mkdocs\.yml") as error:
        add_allowed_categories(text, names)
    assert words in str(error.value)


def test_a_config_without_a_blog_plugin_is_refused():
    with pytest.raises(ConfigEditError, match="no 'blog' plugin"):
        add_allowed_categories("site_name: X\nplugins:\n  - search\n", ["Movies"])
