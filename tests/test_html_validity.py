"""The Nu Html Checker (npm vnu-jar, run with Java) finds no error on any kind of page."""

from __future__ import annotations

from tests.checked_site import PAGES, POSTS
from tests.checkers import html_errors
from tests.conftest import BlogBuilder


def test_no_html_errors_on_every_kind_of_page(blog: BlogBuilder):
    site = blog(POSTS)
    files = [
        site.root / (path if path.endswith(".html") else path + "index.html") for path in PAGES
    ]
    errors = html_errors(files, site.root)
    assert errors == [], "\n".join(errors)
