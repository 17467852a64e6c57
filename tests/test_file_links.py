"""Addresses that work from disk (blog_extras/html/file_links.py), for the review copy:
a link to a folder names its index.html, a link from the site's root becomes
relative, and nothing else changes."""

from __future__ import annotations

import json

import pytest

from blog_extras.html.file_links import (
    file_address,
    file_page,
    file_search_index,
    refresh_content,
    settings_text,
)

# The folders of a small site that hold an index.html ("" is its root).
FOLDERS = {"", "miracle", "archive/2021", "blog", "blog/page/2", "post/old", "café"}


def is_folder(path: str) -> bool:
    return path in FOLDERS


@pytest.mark.parametrize(
    ("address", "page_dir", "expected"),
    [
        ("miracle/", "", "miracle/index.html"),
        ("miracle", "", "miracle/index.html"),
        ("miracle/#part", "", "miracle/index.html#part"),
        ("miracle/?h=film#part", "", "miracle/index.html?h=film#part"),
        (".", "", "index.html"),
        ("./", "", "index.html"),
        ("..", "miracle", "../index.html"),
        ("../", "miracle", "../index.html"),
        ("../..", "archive/2021", "../../index.html"),
        ("../../miracle/", "post/old", "../../miracle/index.html"),
        ("page/2/", "blog", "page/2/index.html"),
        ("caf%C3%A9/", "", "caf%C3%A9/index.html"),  # decoded to find it, written as it was
        # Written from the root of a site published at "/": made relative.
        ("/", "miracle", "../index.html"),
        ("/.", "", "index.html"),
        ("/archive/2021/", "miracle", "../archive/2021/index.html"),
        ("/assets/site.css", "archive/2021", "../../assets/site.css"),
    ],
)
def test_folders_name_their_index_and_root_addresses_become_relative(
    address: str, page_dir: str, expected: str
):
    assert file_address(address, page_dir, "/", is_folder) == expected


@pytest.mark.parametrize(
    ("address", "page_dir", "expected"),
    [
        ("/blog/", "", "index.html"),
        ("/blog", "miracle", "../index.html"),
        ("/blog/.", "", "index.html"),
        ("/blog/miracle/", "", "miracle/index.html"),
        ("/blog/assets/site.css", "", "assets/site.css"),
        ("/blog/feed.xml", "archive/2021", "../../feed.xml"),
        ("/elsewhere/page/", "", None),  # not below the published site's path
        ("/blogroll/", "", None),
    ],
)
def test_addresses_from_the_root_of_a_project_site(address: str, page_dir: str, expected):
    assert file_address(address, page_dir, "/blog/", is_folder) == expected


@pytest.mark.parametrize(
    "address",
    [
        "https://example.org/miracle/",  # another site, or the published one
        "//example.org/miracle/",
        "mailto:someone@example.org",
        "data:,",
        "#top",  # this page
        "?q=1",
        "",
        "feed.xml",  # a file: already works
        "assets/site.css",
        "missing/",  # no such folder: left for the link check to report
        "../../../etc/",  # outside the site
        "..",  # from the root: outside
    ],
)
def test_other_addresses_are_left_as_they_are(address: str):
    assert file_address(address, "", "/", is_folder) is None


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("0; url=../../miracle/", "0; url=../../miracle/index.html"),
        ("0;URL='../../miracle/'", "0;URL='../../miracle/index.html'"),
        ('5, url="../../miracle/#part"', '5, url="../../miracle/index.html#part"'),
        ("0; url=https://example.org/miracle/", None),
        ("30", None),
    ],
)
def test_refresh_of_the_old_address_pages(content: str, expected: str | None):
    assert refresh_content(content, "post/old", "/", is_folder) == expected


def test_material_settings_from_the_root_become_relative_and_others_stay():
    settings = {"base": "/blog/", "search": "/blog/assets/workers/search.js", "x": "</script>"}
    text = settings_text(json.dumps(settings), "", "/blog/")
    assert text is not None and "</" not in text  # safe inside a <script>
    assert json.loads(text) == {**settings, "base": ".", "search": "assets/workers/search.js"}
    assert settings_text(json.dumps({"base": "..", "search": "../s.js"}), "miracle", "/") is None
    assert settings_text("not json", "", "/") is None


PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">\
<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'sha256-x'">\
<link rel="stylesheet" href="../assets/site.css"><link rel="canonical" href="https://example.org/miracle/">\
<script>var theme = "../";</script>\
<script id="__config" type="application/json">{"base": "..", "search": "../s.js"}</script></head>\
<body><a href="..">Home</a> <a href="../archive/2021/">2021</a> <a href="#part">part</a>\
<a href="https://x.com/intent/post?url=https%3A%2F%2Fexample.org%2Fmiracle%2F">X</a>\
<img src="still.png" alt=""><p>Text with href="../" in it.</p>\
<script src="../bundle.js"></script></body></html>"""


def test_a_page_changes_only_in_its_links_to_folders():
    html = file_page(PAGE, "miracle", "/", is_folder)
    expected = PAGE.replace('href=".."', 'href="../index.html"').replace(
        'href="../archive/2021/"', 'href="../archive/2021/index.html"'
    )
    assert html == expected


def test_the_search_script_goes_before_the_first_script_of_pages_with_scripts():
    html = file_page(PAGE, "miracle", "/", is_folder, "../assets/file-search.js")
    assert html is not None
    assert '<script src="../assets/file-search.js"></script><script>var theme' in html
    assert html.count("file-search.js") == 1
    redirect = (
        '<html><head><meta http-equiv="refresh" content="0; url=../../miracle/"></head></html>'
    )
    with_shim = file_page(redirect, "post/old", "/", is_folder, "../../file-search.js")
    assert with_shim is not None and "file-search.js" not in with_shim  # no script, no search


def test_a_page_with_nothing_to_change_is_left_alone():
    page = (
        '<html><head></head><body><a href="feed.xml">Feed</a><a href="#top">Top</a></body></html>'
    )
    assert file_page(page, "", "/", is_folder) is None


def test_search_locations_name_files():
    index = {
        "config": {"lang": ["en"]},
        "docs": [
            {"location": "", "title": "Blog"},
            {"location": "#top", "title": "Top"},
            {"location": "miracle/", "title": "Miracle"},
            {"location": "miracle/#part", "title": "Part"},
            {"location": "feed.xml", "title": "Feed"},
        ],
    }
    locations = [doc["location"] for doc in file_search_index(index, is_folder)["docs"]]
    assert locations == [
        "index.html", "index.html#top", "miracle/index.html", "miracle/index.html#part", "feed.xml",
    ]  # fmt: skip
    assert index["docs"][2]["location"] == "miracle/"  # the published index is not changed
