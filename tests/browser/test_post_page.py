"""The Miracle post page of the seed blog (tests/fixtures/seed-blog/) as a reader's
browser shows it, on a desktop and a 360 px phone."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import Watched, screenshots_dir
from tests.capture import read_capture

CAPTURE = read_capture()


def test_post_shows_counts_and_recent_posts(watched: Watched, site_url: str):
    page = watched.page
    page.goto(site_url + "miracle-in-cell-no-7/")
    expect(page.get_by_role("heading", level=1)).to_have_text(CAPTURE.title)
    expect(page.locator("header.blog-post-header .blog-counts")).to_be_visible()
    expect(page.locator("header.blog-post-header .blog-counts")).to_have_text(
        "43 views · 0 comments", use_inner_text=True
    )
    recent = page.get_by_role("navigation", name="Recent posts")
    expect(recent).to_be_visible()
    expect(recent.get_by_role("heading", level=3)).to_have_text(
        [title for title, _ in CAPTURE.recent]
    )
    width = page.viewport_size["width"]
    page.screenshot(path=screenshots_dir() / f"miracle-{width}.png", full_page=True)
    assert watched.errors == []
    assert watched.foreign_requests == []


def test_see_all_leads_to_the_blog_index(watched: Watched, site_url: str):
    page = watched.page
    page.goto(site_url + "miracle-in-cell-no-7/")
    page.get_by_role("navigation", name="Recent posts").get_by_role("link", name="See All").click()
    expect(page).to_have_url(site_url)
    expect(page.locator("article.md-post--excerpt h2")).to_have_text(
        [CAPTURE.title, *[title for title, _ in CAPTURE.recent]]
    )
    expect(page.locator("article.md-post--excerpt .blog-counts").first).to_have_text(
        "43 views · 0 comments", use_inner_text=True
    )
    assert watched.errors == []


def test_recent_post_link_opens_that_post(watched: Watched, site_url: str):
    page = watched.page
    page.goto(site_url + "miracle-in-cell-no-7/")
    title, opening = CAPTURE.recent[1]
    page.get_by_role("navigation", name="Recent posts").get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("article")).to_contain_text(opening)
    assert watched.errors == []


def test_no_horizontal_scrolling(watched: Watched, site_url: str):
    page = watched.page
    for path in ["", "miracle-in-cell-no-7/", "being-certain-in-times-of-uncertainty/"]:
        page.goto(site_url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path or 'index'} scrolls sideways by {overflow}px"


def test_continue_reading_names_its_post_for_screen_readers_only(watched: Watched, site_url: str):
    page = watched.page
    page.goto(site_url)
    link = page.locator("article.md-post--excerpt .md-post__action a").first
    expect(link).to_have_accessible_name(f"Continue reading: {CAPTURE.title}")
    assert link.inner_text().strip() == "Continue reading"


def test_an_old_wix_link_lands_on_the_post(watched: Watched, site_url: str):
    page = watched.page
    page.goto(site_url + "post/miracle-in-cell-no-7")  # as the old links were written
    expect(page).to_have_url(site_url + "miracle-in-cell-no-7/")
    expect(page.get_by_role("heading", level=1)).to_have_text(CAPTURE.title)
    assert watched.errors == []


def test_search_index_is_fetched_only_when_searching(watched: Watched, site_url: str):
    page = watched.page
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url + "miracle-in-cell-no-7/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "search_index" in url]
    if page.viewport_size["width"] < 960:
        page.locator("label[for=__search]").first.click()  # the search icon, as on a phone
    else:
        page.keyboard.press("/")  # Material's keyboard shortcut
    page.locator("input[data-md-component=search-query]").press_sequentially("Korean")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_contain_text(CAPTURE.title)
    assert [url for url in fetched if url.endswith("search/search_index.json")]
    assert watched.errors == []


def test_copy_link_copies_and_says_so(browser, site_url: str):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "miracle-in-cell-no-7/")
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status")).to_contain_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()").endswith("/miracle-in-cell-no-7/")
    context.close()


def test_everything_works_from_the_keyboard_with_a_visible_focus(watched: Watched, site_url: str):
    page = watched.page
    page.goto(site_url + "miracle-in-cell-no-7/")
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """(() => {
              let e = document.activeElement;
              const name = e.getAttribute('aria-label') || e.textContent.trim().slice(0, 40);
              // A hidden input (the palette switch) shows its focus on its label.
              if (getComputedStyle(e).opacity === '0' && e.nextElementSibling) {
                e = e.nextElementSibling;
              }
              const style = getComputedStyle(e);
              return [name, style.outlineStyle !== 'none' && style.outlineWidth !== '0px'];
            })()"""
        )
        seen.append(focused[0])
        assert focused[1], f"no visible focus on {focused[0]!r}"
        if focused[0] == "See All":
            break
    assert "Copy link" in seen and "See All" in seen
