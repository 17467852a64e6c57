"""The blog builds with the engines it may have to move to (README: "Platform").

* ProperDocs 1.6.7, the continuation of MkDocs 1.6, builds the same site as MkDocs
  (apart from the generator line), and its strict mode fails on a broken link in
  any post, even when another process rendered that post.
* Zensical, Material's successor, runs no MkDocs plugin but reads mkdocs.yml and
  the overrides: the posts still show their title, their text and the counts
  from their front matter, worded as blog_extras words them.

Each engine runs as a command, in a process of its own, as an author runs it
(ProperDocs answers ``import mkdocs`` with its own modules, for the whole process).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from benchmarks.synthetic import write_blog
from blog_extras.content.counts import comments_phrase, views_phrase
from tests.project import copy_project
from tests.sites import site_files, text_of
from tests.test_counts import COUNTS

BIN = Path(sys.executable).parent
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env=env, timeout=300, check=False
    )


def without_generator(files: dict[str, bytes]) -> dict[str, bytes]:
    return {
        name: GENERATOR.sub("", data.decode()).encode() if name.endswith(".html") else data
        for name, data in files.items()
    }


def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path: Path):
    project = copy_project(tmp_path).root  # the seed blog
    by_mkdocs = run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(tmp_path / "m")], project)
    assert by_mkdocs.returncode == 0, by_mkdocs.stderr
    by_properdocs = run(
        [str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml",
         "-d", str(tmp_path / "p")],
        project,
    )  # fmt: skip
    assert by_properdocs.returncode == 0, by_properdocs.stderr
    mkdocs_files, properdocs_files = site_files(tmp_path / "m"), site_files(tmp_path / "p")
    assert "miracle-in-cell-no-7/index.html" in mkdocs_files
    assert b"ProperDocs" in properdocs_files["miracle-in-cell-no-7/index.html"]
    assert without_generator(properdocs_files) == without_generator(mkdocs_files)


@pytest.fixture(scope="module")
def large_blog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A blog of 240 posts (over the 200 pages from which builds go parallel)."""
    root = tmp_path_factory.mktemp("large-blog")
    copy_project(root, with_posts=False)
    write_blog(root, 240)
    return root


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
@pytest.mark.parametrize("post", [0, 1, 239])
def test_a_strict_parallel_build_fails_on_a_broken_link_in_any_post(
    large_blog: Path, tmp_path: Path, engine: str, post: int
):
    root = tmp_path / "blog"
    shutil.copytree(large_blog, root)
    path = root / "docs" / "blog" / "posts" / f"post-number-{post}.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nSee [the lost post](no-such-post.md).\n",
        encoding="utf-8",
    )
    built = run([str(BIN / engine), "build", "--strict", "-f", "mkdocs.yml"], root)
    assert built.returncode != 0, built.stderr
    assert "no-such-post.md" in built.stderr


def test_zensical_builds_the_blog_with_the_overrides(tmp_path: Path):
    copy_project(tmp_path)
    built = run([str(BIN / "zensical"), "build", "-f", "mkdocs.yml"], tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    page = tmp_path / "site" / "miracle-in-cell-no-7" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    header = soup.select_one(".blog-post-header")
    assert header.select_one("h1").get_text() == "Miracle in Cell No. 7"
    assert text_of(header.select_one(".blog-counts")) == "43 views · 0 comments"
    assert "will always be the best" in text_of(soup.select_one(".md-content"))


def test_zensical_words_counts_as_blog_extras_does(tmp_path: Path):
    """Without our plugin, the overrides word the front matter's counts themselves
    (overrides/partials/post-counts.html): as counts.py words them."""
    project = copy_project(tmp_path, with_posts=False)
    for count in COUNTS:
        project.write_post(
            f"counted-{count}.md",
            f"---\ntitle: Counted {count}\ndate: 2021-01-01\nviews: {count}\n"
            f"comments: {count}\n---\n\nText.\n",
        )
    built = run([str(BIN / "zensical"), "build", "-f", "mkdocs.yml"], tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    for count in COUNTS:
        page = tmp_path / "site" / f"counted-{count}" / "index.html"
        header = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
            ".blog-post-header"
        )
        shown = [
            text_of(header.select_one(f".blog-counts__{kind}")) for kind in ("views", "comments")
        ]
        assert shown == [views_phrase(count), comments_phrase(count)], count
