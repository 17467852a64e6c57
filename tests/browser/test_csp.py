"""The Content-Security-Policy blocks script written into a post, and the site keeps
working under it (the tests of tests/browser/test_services.py also run under it,
with the counter and comment hosts configured and instant navigation on)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import static_handler
from tests.conftest import BlogBuilder
from tests.standins import serve

HOSTILE_BODY = """\
<script>window.ranInExcerpt = true;</script>

Opening words.

<!-- more -->

<script>window.ranInlineScript = true;</script>

<script>window.ranFixedMarkup =
'<div class="md-search" data-md-component="search" role="dialog">';</script>

<img src="missing.png" alt="" onerror="window.ranOnError = true">

<p>After the attempts.</p>
"""


@pytest.fixture
def hostile_site(blog: BlogBuilder) -> Iterator[str]:
    site = blog({
        "a.md": ({"title": "Attempt", "date": date(2021, 1, 2), "categories": ["Movies"]},
                 HOSTILE_BODY),
        "b.md": ({"title": "Other", "date": date(2021, 1, 1)}, "Korean movie text.\n"),
    })  # fmt: skip
    with serve(static_handler(site.root)) as port:
        yield f"http://127.0.0.1:{port}/"


def test_script_inside_a_post_does_not_run(browser: Browser, hostile_site: str):
    page = browser.new_page()
    violations: list[str] = []
    page.on(
        "console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text)
    )
    page.goto(hostile_site + "attempt/")
    expect(page.get_by_text("After the attempts.")).to_be_visible()
    page.wait_for_timeout(300)
    for attempt in ("ranInExcerpt", "ranInlineScript", "ranFixedMarkup", "ranOnError"):
        assert page.evaluate(f"window.{attempt}") is None, attempt
    assert violations  # the browser refused them, and said so
    page.close()


@pytest.mark.parametrize("listing", ["", "archive/2021/", "category/movies/"])
def test_script_in_an_excerpt_does_not_run_on_listing_pages(
    browser: Browser, hostile_site: str, listing: str
):
    page = browser.new_page()
    page.goto(hostile_site + listing)
    expect(page.get_by_text("Opening words.")).to_be_visible()
    page.wait_for_timeout(200)
    assert page.evaluate("window.ranInExcerpt") is None
    # The theme's own scripts still run: the palette is set from the first one.
    assert page.locator("body").get_attribute("data-md-color-scheme") in ("default", "slate")
    page.close()


def test_palette_switch_and_search_work_under_the_policy(browser: Browser, hostile_site: str):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(hostile_site + "other/")
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", before or "")
    page.keyboard.press("/")
    page.locator("input[data-md-component=search-query]").press_sequentially("Korean")
    expect(page.locator(".md-search-result__item").first).to_contain_text("Other")
    assert errors == []
    page.close()
