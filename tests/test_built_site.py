"""The address a built site was built for, as the link check and the review copy
read it: its home page's canonical link."""

from __future__ import annotations

from pathlib import Path

import pytest

from blog_extras.authoring.built_site import served_prefix, site_address


def home(root: Path, html: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.html").write_text(html, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("html", "address"),
    [
        ('<link rel="canonical" href="https://jane.github.io/my-blog/">', "https://jane.github.io/my-blog/"),
        ('<link rel="canonical" href=" https://blog.example.com/\n">', "https://blog.example.com/"),
        # MkDocs writes no canonical link without site_url.
        ("<html><head></head><body><p>home</p></body></html>", ""),
        ('<link rel="canonical" href="./">', ""),
        ('<link rel="canonical" href="ftp://example.com/">', ""),
        ('<link rel="canonical">', ""),
    ],
    ids=["project-site", "spaces", "none", "relative", "not-web", "no-href"],
)  # fmt: skip
def test_the_address_is_the_home_pages_canonical_link(tmp_path: Path, html: str, address: str):
    assert site_address(home(tmp_path / "site", html)) == address


def test_a_site_without_a_home_page_has_no_address(tmp_path: Path):
    assert site_address(tmp_path) == ""


def test_a_home_page_that_is_not_utf8_is_still_read(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_bytes(
        b'<title>\xff</title><link rel="canonical" href="https://jane.github.io/blog/">'
    )
    assert site_address(site) == "https://jane.github.io/blog/"


@pytest.mark.parametrize(
    ("address", "prefix"),
    [
        ("https://jane.github.io/my-blog/", "/my-blog/"),
        ("https://jane.github.io/my-blog", "/my-blog/"),
        ("https://blog.example.com/", "/"),
        ("https://blog.example.com", "/"),
        ("https://example.com/a/b", "/a/b/"),
        ("", "/"),
    ],
)
def test_the_prefix_is_the_path_of_the_address(address: str, prefix: str):
    assert served_prefix(address) == prefix
