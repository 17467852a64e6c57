"""Untrusted paths and addresses: what may be built from, and what is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup

from blog_extras.authoring.safe_build import replace_folder, safe_build
from blog_extras.content.paths import (
    Output,
    address_problem,
    image_path_below_docs,
    inside_folder,
    old_address_problem,
    output_problem,
    slug_problem,
    stays_below,
)
from blog_extras.html.text import escape_front_matter, plain


@pytest.mark.parametrize("slug", ["my-post", "post_2", "café-crème", "映画", "a"])
def test_plain_slugs_pass(slug: str):
    assert slug_problem(slug) == ""


@pytest.mark.parametrize(
    "slug", ["", "../x", "a/b", ".", "..", "feed.xml", "%2e%2e", "a b", "-dash-first", "a\\b",
             "x" * 201]
)  # fmt: skip
def test_unsafe_slugs_are_refused(slug: str):
    assert slug_problem(slug)


@pytest.mark.parametrize(
    ("url", "words"),
    [("", "home page"), ("/", "home page"), ("a/../b/", "leaves its folder"),
     ("%2E%2E/", "leaves its folder"), ("a%2Fb/", "leaves its folder"),
     (("漢" * 90) + "/", "more than a file name can hold")],
)  # fmt: skip
def test_unwritable_addresses_are_refused(url: str, words: str):
    assert words in address_problem(url)


def test_an_ordinary_address_passes():
    assert address_problem("2021/05/29/miracle-in-cell-no-7/") == ""


@pytest.mark.parametrize(
    ("path", "words"),
    [("/post/..", "leaves its folder"), ("/post/%2E%2E", "leaves its folder"),
     ("/post/%2e%2e/x", "leaves its folder"), ("/blog/x", "does not start with /post/"),
     ("/post//x", "empty part"), ("/post/a\n::error::", "single line"),
     ("/post/a<b", "characters other than")],
)  # fmt: skip
def test_unsafe_old_addresses_are_refused(path: str, words: str):
    assert words in old_address_problem(path, ("/post/",))


def test_an_old_wix_address_passes():
    assert old_address_problem("/post/miracle-in-cell-no-7", ("/post/",)) == ""
    assert old_address_problem("/post/caf%C3%A9", ("/post/",)) == ""


@pytest.mark.parametrize(
    ("src", "target"),
    [
        ("my-post/photo.jpg", "blog/posts/my-post/photo.jpg"),
        ("./my-post/../my-post/photo.jpg", "blog/posts/my-post/photo.jpg"),
        ("my-post/my%20photo.jpg?v=2#top", "blog/posts/my-post/my photo.jpg"),
        ("../../assets/avatar.svg", "assets/avatar.svg"),
        ("../../../secret.png", "../secret.png"),
        ("/assets/photo.png", "assets/photo.png"),
        ("https://example.org/photo.jpg", None),
        ("//cdn.example.org/photo.jpg", None),
        ("data:image/png;base64,AAAA", None),
        ("#top", None),
    ],
)
def test_an_image_path_is_read_as_mkdocs_reads_it(src: str, target: str | None):
    assert image_path_below_docs(src, "blog/posts/my-post.md") == target


SITE = [
    Output("index.md", "index.html", is_page=True),
    Output("blog/posts/a.md", "a/index.html", is_page=True),
    Output("blog/posts/a/photo.jpg", "blog/posts/a/photo.jpg", is_page=False),
    Output("assets/logo.svg", "assets/logo.svg", is_page=False),
]


def test_a_site_whose_files_each_have_their_own_place_may_be_built():
    assert output_problem(SITE) == ""


def test_a_file_written_outside_the_site_folder_stops_the_build():
    outside = Output("blog/posts/b.md", "../b/index.html", is_page=True)
    assert output_problem([*SITE, outside]) == (
        "blog/posts/b.md: would be written to ../b/index.html, outside the site's folder."
    )


@pytest.mark.parametrize("is_page", [True, False])
def test_a_page_and_another_file_at_one_place_stop_the_build_naming_both(is_page: bool):
    second = Output("blog/posts/b.md" if is_page else "a/index.html", "a/index.html", is_page)
    problem = output_problem([*SITE, second])
    assert problem.startswith(f"{second.source} and blog/posts/a.md would both be written to")
    assert "its 'slug:'" in problem
    # Whichever comes first: the page may be the later one.
    assert output_problem([second, *SITE]).startswith(f"blog/posts/a.md and {second.source}")


def test_inside_the_output_folder():
    assert stays_below("post/x/index.html")
    assert not stays_below("../x/index.html")
    assert not stays_below("a/../../x")
    assert not stays_below("/etc/passwd")
    assert not stays_below("a\\..\\..\\x")


def test_links_are_followed_before_judging(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "in.md").write_text("x")
    (docs / "link-in.md").symlink_to(docs / "in.md")
    (docs / "link-out.md").symlink_to(tmp_path)
    (docs / "loop.md").symlink_to(docs / "loop.md")
    assert inside_folder(docs, docs / "link-in.md")
    assert not inside_folder(docs, docs / "link-out.md")
    assert not inside_folder(docs, docs / "loop.md")


def test_front_matter_text_is_escaped_once():
    meta = {"title": '"><img src=x onerror=alert(1) x=', "description": "Tom & Jerry", "views": 3}
    escape_front_matter(meta)
    assert meta["title"] == "&#34;&gt;&lt;img src=x onerror=alert(1) x="
    escape_front_matter(meta)  # a second build of the preview
    assert meta["title"] == "&#34;&gt;&lt;img src=x onerror=alert(1) x="
    assert meta["description"] == "Tom &amp; Jerry" and meta["views"] == 3
    assert plain(meta["title"]) == '"><img src=x onerror=alert(1) x='
    assert plain("plain") == "plain" and isinstance(meta["title"], Markup)


def test_a_folder_is_replaced_whole(tmp_path: Path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("old")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "index.html").write_text("new")
    replace_folder(tmp_path / "new", tmp_path / "site")
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failed_build_leaves_the_site_and_no_folder_behind(tmp_path: Path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("last good")
    failing = ["sh", "-c", 'echo half > "$0/index.html"; exit 3']
    assert safe_build("mkdocs.yml", tmp_path / "site", command=failing) == 3
    assert (tmp_path / "site" / "index.html").read_text() == "last good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    working = ["sh", "-c", 'echo new > "$0/index.html"']
    assert safe_build("mkdocs.yml", tmp_path / "site", command=working) == 0
    assert (tmp_path / "site" / "index.html").read_text() == "new\n"
    assert oct((tmp_path / "site").stat().st_mode & 0o777) == "0o755"
