"""axe-core (npm) finds no violation on any kind of page, in the light and dark palette."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import static_handler
from tests.checked_site import PAGES, POSTS
from tests.checkers import axe_violations
from tests.conftest import BlogBuilder
from tests.standins import serve


@pytest.fixture
def checked_site(blog: BlogBuilder) -> Iterator[str]:
    site = blog(POSTS)
    with serve(static_handler(site.root)) as port:
        yield f"http://127.0.0.1:{port}/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations(browser: Browser, checked_site: str, scheme: str):
    # bypass_csp: the page's policy rightly refuses the injected checker.
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    found = {}
    for path, kind in PAGES.items():
        page.goto(checked_site + path)
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        violations = axe_violations(page)
        if violations:
            found[kind] = violations
    context.close()
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())
