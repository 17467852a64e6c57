"""A throwaway copy of a blog project for tests that run the project's commands as an
author would: the repository's overrides/ and the blog's look in docs/ (the
stylesheet, the assets), with the settings, posts and authors file of a fixture
blog, never the author's own mkdocs.yml, posts or authors file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# The seed blog: the three posts (and the index page) docs/ held when the blog moved
# off Wix, frozen here so that the tests of the tool never change with the author's
# posts. Its one fully imported post is what the importer makes of the Wix capture
# (tests/fixtures/wix-capture-miracle-in-cell-no-7.txt), byte for byte.
SEED_BLOG = Path(__file__).resolve().parent / "fixtures" / "seed-blog"
# Its settings: the mkdocs.yml the blog started with, frozen for the same reason
# (an author who renames the blog or replaces its categories changes no test).
SEED_CONFIG = SEED_BLOG / "mkdocs.yml"

# What every site takes from the repository's docs/ beside its content: the blog's
# look, which is the tool's (like overrides/). The authors file is the seed blog's
# own (tests/fixtures/seed-blog/docs/blog/.authors.yml, frozen): an author who
# renames or removes `me` in docs/blog/.authors.yml changes no test of the tool.
SITE_WIDE = ("assets", "stylesheets")


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def posts(self) -> Path:
        return self.root / "docs" / "blog" / "posts"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write_post(self, name: str, content: str | bytes) -> Path:
        path = self.posts / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def run(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """Run ``python -m <args>`` (or ``mkdocs ...``) in the project, as make does."""
        command = [sys.executable, "-m", *args]
        full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
        return subprocess.run(
            command, cwd=self.root, capture_output=True, text=True, env=full_env, timeout=120
        )


def copy_project(destination: Path, *, with_posts: bool = True, blog: Path = SEED_BLOG) -> Project:
    """The project with the content of the fixture blog ``blog`` (its docs/)."""
    shutil.copy(SEED_CONFIG, destination / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", destination / "overrides")
    shutil.copytree(blog / "docs", destination / "docs")
    for name in SITE_WIDE:
        shutil.copytree(REPO / "docs" / name, destination / "docs" / name, dirs_exist_ok=True)
    project = Project(destination)
    if not with_posts:
        for post in project.posts.glob("*.md"):
            post.unlink()
    return project
