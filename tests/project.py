"""A throwaway copy of the blog project (mkdocs.yml, overrides, posts) for tests that run
the project's commands as an author would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


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


def copy_project(destination: Path, *, with_posts: bool = True) -> Project:
    shutil.copy(REPO / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", destination / "overrides")
    shutil.copytree(REPO / "docs", destination / "docs")
    project = Project(destination)
    if not with_posts:
        for post in project.posts.glob("*.md"):
            post.unlink()
    return project
