"""`blog review-copy` (make review-copy) as a command: it needs a built site, never
writes over it, and replaces the last copy whole. What the copy holds is tested
over the settings matrix (tests/test_settings_matrix.py) and in Chromium
(tests/browser/test_review_copy.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blog_extras.authoring.review_copy import SEARCH_SCRIPT, SEARCH_SHIM, review_copy
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
    (copy / "stale.html").write_text("from an older build", encoding="utf-8")
    assert review_copy(site, copy) == 0
    assert not (copy / "stale.html").exists()
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []
