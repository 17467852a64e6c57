"""Shared fixtures: build real sites from this repository's mkdocs.yml and overrides,
with the posts of a fixture blog or of a blog a test writes (never the author's own
posts: tests/test_author_blog.py alone builds docs/)."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from playwright.sync_api import Browser, Page, sync_playwright

from tests import mkdocs_yaml
from tests.chromium import CHROMIUM_FLAGS, chromium_path
from tests.project import SEED_BLOG, SEED_CONFIG, copy_project
from tests.sites import BuiltSite, build_site

REPO = Path(__file__).resolve().parent.parent

# Variables that change what a build produces. CI sets some of them (GitHub
# Actions sets GITHUB_*); the tests start without any and set what each needs.
BUILD_ENVIRONMENT = (
    "GITHUB_ACTIONS", "GITHUB_REPOSITORY", "GITHUB_SERVER_URL", "SITE_URL",
    "BLOG_GOATCOUNTER", "BLOG_GOATCOUNTER_SCRIPT", "BLOG_GISCUS_ORIGIN", "GOATCOUNTER_TOKEN",
)  # fmt: skip


@pytest.fixture(scope="session", autouse=True)
def clean_build_environment() -> Iterator[None]:
    saved = {name: os.environ.pop(name) for name in BUILD_ENVIRONMENT if name in os.environ}
    yield
    os.environ.update(saved)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The seed blog (tests/fixtures/seed-blog/), built strictly with this repository's
    mkdocs.yml and overrides, as `make build` builds it."""
    project = copy_project(tmp_path_factory.mktemp("seed-blog"))
    return build_site(project.root / "mkdocs.yml", project.site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium, once per session (tests/chromium.py)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    """A page of its own browser context: no cookies, storage or cache shared."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


BlogBuilder = Callable[..., BuiltSite]


@pytest.fixture
def blog(tmp_path: Path) -> BlogBuilder:
    """Build a blog of the given posts (:func:`blog_builder`)."""
    return blog_builder(tmp_path)


def blog_builder(tmp_path: Path) -> BlogBuilder:
    """Build a blog of the given posts with this repository's configuration.

    ``posts`` maps a file name in docs/blog/posts/ to its front matter (a dict)
    and body; ``blog_extras`` and ``blog_speed`` set settings of those plugins
    (``blog_speed=False`` takes its line out of mkdocs.yml); ``files`` adds other
    files below docs/ (images).
    """

    def make(
        posts: dict[str, tuple[dict[str, Any], str]],
        blog_extras: dict[str, Any] | None = None,
        files: dict[str, bytes] | None = None,
        blog_speed: dict[str, Any] | Literal[False] | None = None,
    ) -> BuiltSite:
        docs = tmp_path / "docs"
        (docs / "blog" / "posts").mkdir(parents=True)
        (docs / "index.md").write_text("# Blog\n", encoding="utf-8")
        shutil.copy(SEED_BLOG / "docs" / "tags.md", docs / "tags.md")
        (docs / "assets").mkdir()
        (docs / "assets" / "favicon.svg").write_bytes(
            (REPO / "docs/assets/favicon.svg").read_bytes()
        )
        (docs / "stylesheets").mkdir()
        (docs / "stylesheets" / "blog.css").write_text(
            (REPO / "docs" / "stylesheets" / "blog.css").read_text(encoding="utf-8"),
            encoding="utf-8",
        )
        for name, (front_matter, body) in posts.items():
            text = "---\n" + yaml.safe_dump(front_matter, allow_unicode=True) + "---\n\n"
            text += textwrap.dedent(body).strip() + "\n"
            (docs / "blog" / "posts" / name).write_text(text, encoding="utf-8")
        for name, data in (files or {}).items():
            (docs / name).parent.mkdir(parents=True, exist_ok=True)
            (docs / name).write_bytes(data)

        config = mkdocs_yaml.load(SEED_CONFIG)
        config["docs_dir"] = str(docs)
        config["theme"]["custom_dir"] = str(REPO / "overrides")
        if blog_extras:
            for plugin in config["plugins"]:
                if isinstance(plugin, dict) and "blog-extras" in plugin:
                    plugin["blog-extras"].update(blog_extras)
        if blog_speed is False:
            config["plugins"].remove("blog-speed")
        elif blog_speed:
            at = config["plugins"].index("blog-speed")
            config["plugins"][at] = {"blog-speed": blog_speed}
        config_file = tmp_path / "mkdocs.yml"
        mkdocs_yaml.dump(config, config_file)
        return build_site(config_file, tmp_path / "site")

    return make
