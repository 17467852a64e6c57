"""output.py: the files the build adds to site/, written only where they changed."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from blog_extras.output import OutsideSite, write_if_changed, write_site_files

LONG_AGO = 1_000_000_000_000_000_000  # nanoseconds: 2001


def test_a_new_file_is_written_with_its_folder(tmp_path: Path):
    assert write_if_changed(tmp_path / "post" / "old" / "index.html", "Moved: café")
    assert (tmp_path / "post" / "old" / "index.html").read_text(encoding="utf-8") == "Moved: café"


def test_a_file_that_holds_the_text_already_is_left_untouched(tmp_path: Path):
    """A preview rebuild does not rewrite the feed when no post changed."""
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss/>", encoding="utf-8")
    os.utime(feed, ns=(LONG_AGO, LONG_AGO))
    assert not write_if_changed(feed, "<rss/>")
    assert feed.stat().st_mtime_ns == LONG_AGO


def test_a_file_whose_text_changed_is_rewritten(tmp_path: Path):
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss>old</rss>", encoding="utf-8")
    assert write_if_changed(feed, "<rss>new</rss>")
    assert feed.read_text(encoding="utf-8") == "<rss>new</rss>"


def test_the_site_files_are_written_below_the_site(tmp_path: Path):
    write_site_files(tmp_path, {"robots.txt": "User-agent: *\n", "post/a/index.html": "A"})
    assert (tmp_path / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\n"
    assert (tmp_path / "post" / "a" / "index.html").read_text(encoding="utf-8") == "A"


@pytest.mark.parametrize("path", ["../escaped.html", "post/../../escaped.html", "..\\escaped.html"])
def test_a_file_outside_the_site_is_refused_and_nothing_is_written(tmp_path: Path, path: str):
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(OutsideSite, match="outside the site's folder"):
        write_site_files(site, {"robots.txt": "User-agent: *\n", path: "escaped"})
    assert [p.name for p in tmp_path.rglob("*")] == ["site"]


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("post/../index.html", "not a plain path below the site"),
        ("post/./a/index.html", "not a plain path below the site"),
        ("post//a/index.html", "not a plain path below the site"),
        ("about/index.html", "the site writes a page or file of its own there"),
    ],
)
def test_a_site_file_over_a_page_is_refused_and_nothing_is_written(
    tmp_path: Path, path: str, words: str
):
    """An old address's page may not replace the home page or another page, even
    where its path stays below the site once normalised."""
    with pytest.raises(OutsideSite, match=re.escape(words)):
        write_site_files(tmp_path, {"robots.txt": "x", path: "moved"}, {"about/index.html"})
    assert list(tmp_path.iterdir()) == []
