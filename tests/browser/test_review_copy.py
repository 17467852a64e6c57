"""The review copy of a pull request (``make review-copy``) as a reviewer opens it:
unzipped, ``index.html`` double-clicked, so from disk (file://), in Chromium.

From the home page to a post, its Recent Posts and See All, the archive and a
category, search, an old address and the 404 page: each page loads with
Material's styles and this blog's, its images, no failed request and no
request elsewhere, and no console error. The Content-Security-Policy is still
enforced from disk: a script written into a post is refused, and said so.

Each page finishes loading before the test leaves it. A request Chromium cancels
because its page was left all the same (net::ERR_ABORTED: a favicon fetched after
the load event) is not a failure; any other failed request is, and so is a cancel
while the page is still shown.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, Request, expect

from blog_extras.authoring.review_copy import review_copy
from tests import mkdocs_yaml
from tests.sites import build_site
from tests.standins import QuietHandler, serve
from tests.test_images import png
from tests.test_settings_matrix import write_blog

# A GitHub Pages project site: MkDocs writes the 404 page's addresses from /my-blog/.
SITE_URL = "https://jane.github.io/my-blog/"
MIRACLE = "Miracle in Cell No. 7"
ATTEMPT = "An Attempt"


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The review copy of a small blog: the settings matrix's posts with the
    repository's settings, a picture in one post and a script in another."""
    root = tmp_path_factory.mktemp("review")
    config_file = write_blog(root, {})
    config = mkdocs_yaml.load(config_file)
    config["site_url"] = SITE_URL
    mkdocs_yaml.dump(config, config_file)
    posts = root / "docs" / "blog" / "posts"
    with (posts / "miracle.md").open("a", encoding="utf-8") as post:
        post.write("\n![A still from the film](miracle/still.png)\n")
    (posts / "miracle").mkdir()
    (posts / "miracle" / "still.png").write_bytes(png(40, 30))
    front = {"title": ATTEMPT, "date": date(2021, 1, 1), "categories": ["Reflections"]}
    (posts / "attempt.md").write_text(
        f"---\n{yaml.safe_dump(front)}---\n\nOpening words.\n\n<!-- more -->\n\n"
        "<script>window.ranInReviewCopy = true;</script>\n\nAfter the attempt.\n",
        encoding="utf-8",
    )
    build_site(config_file, root / "site")
    assert review_copy(root / "site", root / "review-copy") == 0
    return root / "review-copy"


# The favicon mkdocs.yml names (theme.favicon), below the site's root.
FAVICON = "assets/favicon.svg"


class Reviewer:
    """A browser tab on the review copy, with what went wrong while it was open."""

    def __init__(self, page: Page, home: str) -> None:
        self.page = page
        self.home = home
        self.failed: list[str] = []  # "address (reason)"
        self.elsewhere: list[str] = []
        self.errors: list[str] = []  # console errors and page errors, with the page
        # Navigations of the tab begun so far, and for each request, how many had
        # begun when it was sent: which page it was loading for.
        self.navigations = 0
        self.sent_during: dict[Request, int] = {}
        page.on("request", self.sent)
        page.on("requestfailed", self.request_failed)
        page.on("console", lambda msg: msg.type == "error" and self.note(msg.text))
        page.on("pageerror", lambda error: self.note(str(error)))

    def sent(self, request: Request) -> None:
        if request.is_navigation_request() and request.frame == self.page.main_frame:
            self.navigations += 1
        self.sent_during[request] = self.navigations
        if not request.url.startswith(self.home):
            self.elsewhere.append(request.url)

    def request_failed(self, request: Request) -> None:
        # Leaving a page before it has finished loading (a late favicon, a script of
        # a page clicked through) makes Chromium cancel what it still fetches for it,
        # as net::ERR_ABORTED: nothing is missing. Every other failure counts, and so
        # does a cancel while its page is still the one shown.
        # The favicon is the browser's own fetch, not the page's: Chromium may start
        # it for the page being left after the next navigation was requested, so it
        # cannot be told apart by when it was sent. A missing favicon still fails
        # (net::ERR_FILE_NOT_FOUND).
        left = self.sent_during.get(request, self.navigations) < self.navigations
        left = left or request.url.endswith("/" + FAVICON)
        if not (request.failure == "net::ERR_ABORTED" and left):
            self.failed.append(f"{request.url} ({request.failure})")

    def note(self, error: str) -> None:
        self.errors.append(f"{self.page.url.removeprefix(self.home)}: {error}")

    def at(self, path: str) -> None:
        expect(self.page).to_have_url(self.home + path)
        self.loaded()

    def loaded(self) -> None:
        """Wait for the page shown to finish loading, so that every file it asks for
        is fetched (and any failure seen) before the test moves on."""
        self.page.wait_for_load_state("load")

    def styled(self) -> None:
        """Material's stylesheet and this blog's apply."""
        style = self.page.evaluate(
            "[getComputedStyle(document.querySelector('.md-header')).position,"
            " getComputedStyle(document.querySelector('.md-content')).flexGrow]"
        )
        assert style == ["sticky", "1"], self.page.url
        recent = self.page.locator("nav.blog-recent")
        if recent.count():
            assert recent.evaluate("element => getComputedStyle(element).borderTopStyle") == "solid"


@pytest.fixture
def reviewer(browser: Browser, review: Path) -> Iterator[Reviewer]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield Reviewer(context.new_page(), review.resolve().as_uri() + "/")
    context.close()


def post_title(page: Page):
    return page.locator("header.blog-post-header h1")


def test_a_reviewer_clicks_through_the_posts_from_disk(reviewer: Reviewer):
    page = reviewer.page
    page.goto(reviewer.home + "index.html")
    reviewer.styled()
    page.locator("article.md-post--excerpt").get_by_role("link", name=MIRACLE).first.click()
    reviewer.at("miracle-in-cell-no-7/index.html")
    expect(post_title(page)).to_have_text(MIRACLE)
    reviewer.styled()
    still = page.get_by_role("img", name="A still from the film")
    expect(still).to_be_visible()
    assert still.evaluate("image => image.complete && image.naturalWidth") == 40

    recent = page.get_by_role("navigation", name="Recent posts")
    titles = recent.locator(".blog-recent__title a").all_inner_texts()
    assert titles == ["Being Certain", "The Corner", ATTEMPT]
    for title in titles:
        page.goto(reviewer.home + "miracle-in-cell-no-7/index.html")
        recent.get_by_role("link", name=title).click()
        expect(post_title(page)).to_have_text(title)
        reviewer.loaded()
        assert page.url.endswith("/index.html")
        reviewer.styled()
    page.get_by_role("navigation", name="Recent posts").get_by_role("link", name="See All").click()
    reviewer.at("index.html")
    expect(page.locator("article.md-post--excerpt h2")).to_have_count(4)

    sidebar = page.get_by_role("navigation", name="Navigation")
    sidebar.get_by_text("Archive", exact=True).first.click()
    sidebar.get_by_role("link", name="2021", exact=True).click()
    reviewer.at("archive/2021/index.html")
    reviewer.styled()
    expect(page.locator("article.md-post--excerpt h2")).to_have_count(4)
    page.locator("article.md-post--excerpt").get_by_role("link", name="Movies").first.click()
    reviewer.at("category/movies/index.html")
    reviewer.styled()
    expect(page.locator("article.md-post--excerpt h2")).to_have_count(2)
    page.get_by_role("link", name="Continue reading: The Corner").click()
    expect(post_title(page)).to_have_text("The Corner")
    reviewer.loaded()

    # From disk as on the site: the post's script was taken out of the page by the
    # page pass, and did not run; the page's policy still stands first in its head.
    page.goto(reviewer.home + "an-attempt/index.html")
    expect(page.get_by_text("After the attempt.")).to_be_visible()
    assert page.evaluate("window.ranInReviewCopy") is None
    assert page.locator("script", has_text="ranInReviewCopy").count() == 0
    assert page.locator('head > meta[http-equiv="Content-Security-Policy"]').count() == 1

    assert reviewer.failed == []
    assert reviewer.elsewhere == []
    assert reviewer.errors == []


def test_search_works_from_disk(reviewer: Reviewer):
    page = reviewer.page
    page.goto(reviewer.home + "category/movies/index.html")
    page.get_by_role("textbox", name="Search").press_sequentially("Corner")
    result = page.locator(".md-search-result__link").first
    expect(result).to_contain_text("The Corner")
    result.click()
    expect(post_title(page)).to_have_text("The Corner")
    assert page.url.startswith(reviewer.home + "the-corner/index.html")
    assert (reviewer.failed, reviewer.elsewhere, reviewer.errors) == ([], [], [])


def test_an_old_address_and_the_404_page_work_from_disk(reviewer: Reviewer):
    page = reviewer.page
    page.goto(reviewer.home + "post/miracle-in-cell-no-7/index.html")
    reviewer.at("miracle-in-cell-no-7/index.html")
    expect(post_title(page)).to_have_text(MIRACLE)
    page.goto(reviewer.home + "404.html")
    reviewer.styled()
    page.get_by_role("link", name="My Blog").first.click()
    reviewer.at("index.html")
    assert (reviewer.failed, reviewer.elsewhere, reviewer.errors) == ([], [], [])


# --- What counts as a failed request ----------------------------------------------

SLOW_IMAGE = "/slow.png"


@pytest.fixture
def slow_site() -> Iterator[str]:
    """A page on 127.0.0.1 whose image is answered only at the end of the test, so
    the page is still loading when the test leaves it."""
    released = threading.Event()

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            if self.path == SLOW_IMAGE:
                released.wait(timeout=30)
            image = f'<img src="{SLOW_IMAGE}" alt="">' if self.path == "/" else ""
            body = f"<p>{self.path}</p>{image}".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with serve(Handler) as port:
        yield f"http://127.0.0.1:{port}/"
        released.set()


def open_slow_page(reviewer: Reviewer) -> None:
    """Open the slow page and return while its image is still loading."""
    with reviewer.page.expect_request(f"**{SLOW_IMAGE}"):
        reviewer.page.goto(reviewer.home, wait_until="commit")


def test_leaving_a_page_still_loading_is_no_failed_request(tab: Page, slow_site: str):
    reviewer = Reviewer(tab, slow_site)
    open_slow_page(reviewer)
    with tab.expect_event("requestfailed"):  # Chromium cancels the image
        tab.goto(slow_site + "next.html")
    assert reviewer.failed == []


def test_a_request_cancelled_on_the_page_still_shown_is_a_failure(tab: Page, slow_site: str):
    reviewer = Reviewer(tab, slow_site)
    open_slow_page(reviewer)
    with tab.expect_event("requestfailed"):
        tab.evaluate("window.stop()")
    assert reviewer.failed == [f"{slow_site}slow.png (net::ERR_ABORTED)"]


def test_a_missing_file_is_a_failure_even_when_the_page_is_left(tab: Page, tmp_path: Path):
    (tmp_path / "index.html").write_text('<img src="missing.png" alt="">', encoding="utf-8")
    (tmp_path / "next.html").write_text("<p>Next</p>", encoding="utf-8")
    reviewer = Reviewer(tab, tmp_path.as_uri() + "/")
    tab.goto(reviewer.home + "index.html")
    tab.goto(reviewer.home + "next.html")
    assert reviewer.failed == [f"{reviewer.home}missing.png (net::ERR_FILE_NOT_FOUND)"]
