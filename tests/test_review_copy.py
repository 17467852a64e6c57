"""`blog review-copy` (make review-copy) as a command: it needs a built site, never
writes over it, and replaces the last copy whole. What the copy holds is tested
over the settings matrix (tests/test_settings_matrix.py) and in Chromium
(tests/browser/test_review_copy.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from blog_extras.authoring.review_copy import MARKER, SEARCH_SCRIPT, SEARCH_SHIM, review_copy
from tests.project import Project

HOME = (
    '<html><head><link rel="canonical" href="https://jane.github.io/blog/">'
    '<script src="bundle.js"></script></head>'
    '<body><a href="post/">Post</a><a href="/blog/feed.xml">Feed</a></body></html>'
)


def make_site(root: Path) -> Path:
    site = root / "site"
    (site / "post").mkdir(parents=True)
    (site / "search").mkdir()
    (site / "index.html").write_text(HOME, encoding="utf-8")
    (site / "post" / "index.html").write_text('<a href="..">Home</a>', encoding="utf-8")
    (site / "feed.xml").write_text("<rss/>", encoding="utf-8")
    index = {"config": {}, "docs": [{"location": "post/", "title": "Post", "text": ""}]}
    (site / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    return site


def test_the_command_copies_the_built_site(tmp_path: Path):
    site = make_site(tmp_path)
    result = Project(tmp_path).run("blog_extras.cli", "review-copy", "site", "review-copy")
    assert result.returncode == 0, result.stderr
    assert "open review-copy/index.html" in result.stdout
    copy = tmp_path / "review-copy"
    home = (copy / "index.html").read_text(encoding="utf-8")
    assert 'href="post/index.html"' in home and 'href="feed.xml"' in home
    assert f'<script src="{SEARCH_SHIM}"></script><script src="bundle.js">' in home
    assert (copy / "post" / "index.html").read_text(encoding="utf-8") == (
        '<html><head></head><body><a href="../index.html">Home</a></body></html>'
    )
    assert '"location": "post/index.html"' in (copy / SEARCH_SCRIPT).read_text(encoding="utf-8")
    assert "FrameWorker" in (copy / SEARCH_SHIM).read_text(encoding="utf-8")
    assert (copy / "feed.xml").read_bytes() == (site / "feed.xml").read_bytes()


def test_on_github_the_runs_summary_tells_reviewers_how_to_open_it(tmp_path: Path):
    make_site(tmp_path)
    summary = tmp_path / "summary.md"
    summary.write_text("Earlier steps.\n", encoding="utf-8")
    github = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = Project(tmp_path).run("blog_extras.cli", "review-copy", env=github)
    assert result.returncode == 0, result.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("Earlier steps.\n") and "Download **review-copy**" in text
    assert "double-click `index.html`" in text
    # Elsewhere, or when the summary cannot be written, only the copy is made.
    github["GITHUB_STEP_SUMMARY"] = str(tmp_path / "no-such-folder" / "summary.md")
    result = Project(tmp_path).run("blog_extras.cli", "review-copy", env=github)
    assert result.returncode == 0 and "could not write the run's summary" in result.stderr


def test_without_a_built_site_it_says_to_build_first(tmp_path: Path, capsys):
    assert review_copy(tmp_path / "site", tmp_path / "review-copy") == 1
    assert "run 'make build' first" in capsys.readouterr().err
    assert not (tmp_path / "review-copy").exists()


@pytest.mark.parametrize("destination", ["site", ".", "site/copy"])
def test_it_never_writes_over_the_site(tmp_path: Path, destination: str, capsys):
    site = make_site(tmp_path)
    before = sorted(path.relative_to(site) for path in site.rglob("*"))
    assert review_copy(site, tmp_path / destination) == 1
    assert "cannot be" in capsys.readouterr().err
    assert sorted(path.relative_to(site) for path in site.rglob("*")) == before


def test_a_new_copy_replaces_the_last_one_whole(tmp_path: Path):
    site = make_site(tmp_path)
    copy = tmp_path / "review-copy"
    assert review_copy(site, copy) == 0
    assert (copy / MARKER).is_file()
    (copy / "stale.html").write_text("from an older build", encoding="utf-8")
    assert review_copy(site, copy) == 0
    assert not (copy / "stale.html").exists()
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


# --- Folders the copy must not replace ------------------------------------------


def make_project(root: Path) -> Path:
    """A project: its built site, its sources, and a folder of the author's."""
    make_site(root)
    for name, text in {
        "mkdocs.yml": "site_name: Blog\n",
        "docs/index.md": "# Home\n",
        "overrides/main.html": "{% extends 'base.html' %}\n",
        "notes/ideas.md": "Ideas\n",
        "todo.txt": "Write\n",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def tree(root: Path) -> list[tuple[str, int, int]]:
    """Every entry below ``root`` with its time and size: what "nothing touched" means."""
    return sorted(
        (path.relative_to(root).as_posix(), path.stat().st_mtime_ns, path.stat().st_size)
        for path in [root, *root.rglob("*")]
    )


@pytest.mark.parametrize(
    ("destination", "reason"),
    [
        ("docs", "it is docs/ or lies in it"),
        ("docs/review-copy", "it is docs/ or lies in it"),
        ("overrides", "it is overrides/ or lies in it"),
        (".", "it is site/, or holds it"),
        ("site/review-copy", "it is site/, or holds it, or lies in it"),
        ("notes", "it holds files and no .review-copy file, so it is no review copy"),
        ("todo.txt", "it is a file, not a folder"),
    ],
)
def test_it_refuses_a_folder_that_is_no_review_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, destination: str, reason: str
):
    monkeypatch.chdir(make_project(tmp_path))
    before = tree(tmp_path)
    assert review_copy(Path("site"), Path(destination)) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"error: {Path(destination)} cannot be the review copy: {reason}")
    assert error.count("\n") == 1
    assert tree(tmp_path) == before


def test_the_sources_are_refused_even_marked_or_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    monkeypatch.chdir(make_project(tmp_path))
    (tmp_path / "docs" / MARKER).write_text("", encoding="utf-8")
    shutil.rmtree(tmp_path / "overrides")
    before = tree(tmp_path)
    for destination in ("docs", "overrides", str(tmp_path / "docs")):
        assert review_copy(Path("site"), Path(destination)) == 1
        assert "holds the blog's sources" in capsys.readouterr().err
    assert tree(tmp_path) == before


def test_the_project_is_refused_from_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    project = make_project(tmp_path / "project")
    monkeypatch.chdir(tmp_path)  # not the project: its folders are known by the site's
    before = tree(project)
    for destination in ("project/docs", "project/overrides", "project"):
        assert review_copy(project / "site", Path(destination)) == 1
    assert tree(project) == before


def test_an_empty_folder_or_an_earlier_copy_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(make_project(tmp_path))
    (tmp_path / "empty").mkdir()
    assert review_copy(Path("site"), Path("empty")) == 0
    assert (tmp_path / "empty" / "index.html").is_file()
    assert (tmp_path / "empty" / MARKER).is_file()
    assert review_copy(Path("site"), Path("empty")) == 0


def test_the_command_refuses_to_replace_docs(tmp_path: Path):
    make_project(tmp_path)
    before = tree(tmp_path)
    result = Project(tmp_path).run("blog_extras.cli", "review-copy", "site", "docs")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "docs cannot be the review copy" in result.stderr
    assert tree(tmp_path) == before
