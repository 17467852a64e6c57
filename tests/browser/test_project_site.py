"""The blog served where GitHub Pages puts a fork without a custom domain: below
``/<repo>/`` (a project site), as ``make build`` builds it for that address.

The fixture blog is built with ``SITE_URL`` set to the stand-in's own address,
``http://127.0.0.1:<port>/my-blog/``, as the workflows build it with
``https://<owner>.github.io/<repo>/``: the canonical links and the feed hold
that address, so the browser can follow them too. Every request a page makes
must succeed, and stay below the prefix; only the 404 page's own document
answers 404.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import feedparser
import pytest
from playwright.sync_api import Browser, Page, Response, expect

from tests.browser.github_pages import Answer, answer, pages_handler
from tests.project import copy_project
from tests.standins import serve

REPO_NAME = "my-blog"
PREFIX = f"/{REPO_NAME}/"
HARBOUR = Path(__file__).resolve().parents[1] / "fixtures/wix/editor-post_files/harbour.png"

POSTS = {
    "first-light.md": """---
title: First Light
date: 2021-03-01
categories: [Movies]
wix:
  path: /post/first-light
---

A film seen at dawn.

<!-- more -->

![The harbour at dawn](first-light/harbour.png)

Then [the second one](second-thoughts.md).
""",
    "second-thoughts.md": """---
title: Second Thoughts
date: 2022-05-10
categories: [Reflections]
views: 12
wix:
  path: /post/café-days
---

Thinking it over.

<!-- more -->

And over.
""",
    "third-reel.md": """---
title: Third Reel
date: 2022-06-01
categories: [Movies]
wix:
  path: /post/manu-bañó
---

The third one.

<!-- more -->

More of it.
""",
}


@pytest.fixture(scope="module")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A blog of its own posts, built by `make build` for a project site and served
    as GitHub Pages serves one; yields its address."""
    project = copy_project(tmp_path_factory.mktemp("project-site"), with_posts=False)
    for name, text in POSTS.items():
        project.write_post(name, text)
    (project.posts / "first-light").mkdir()
    (project.posts / "first-light" / "harbour.png").write_bytes(HARBOUR.read_bytes())
    with serve(pages_handler(project.site, PREFIX)) as port:
        address = f"http://127.0.0.1:{port}{PREFIX}"
        built = project.run("blog_extras.cli", "build", env={"SITE_URL": address})
        assert built.returncode == 0, built.stdout + built.stderr
        yield address


@dataclass
class Reader:
    """A browser tab that notes every request its pages make and how each ended."""

    page: Page
    address: str
    failed: list[str] = field(default_factory=list)
    answered: list[tuple[int, str]] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (message, page address)

    def __post_init__(self) -> None:
        self.page.on("request", lambda request: self.requested.append(request.url))
        self.page.on("requestfailed", lambda request: self.failed.append(request.url))
        self.page.on("response", self._response)
        self.page.on("pageerror", lambda error: self.errors.append((str(error), self.page.url)))
        self.page.on(
            "console",
            lambda msg: msg.type == "error" and self.errors.append((msg.text, msg.location["url"])),
        )

    def _response(self, response: Response) -> None:
        self.answered.append((response.status, response.url))

    def open(self, path: str) -> Response:
        response = self.page.goto(self.address + path)
        assert response is not None
        self.page.wait_for_load_state("networkidle")
        return response

    def assert_all_went_well(self, *, not_found: str = "") -> None:
        """No request failed or left the site, and every answer was a success, but
        the 404 status of the document at ``not_found``."""
        assert self.failed == []
        # Chromium logs the 404 status of a document it shows, the wanted one too.
        errors = [
            (message, url) for message, url in self.errors
            if not (not_found and url == self.address + not_found
                    and message.startswith("Failed to load"))
        ]  # fmt: skip
        assert errors == []
        leaving = [url for url in self.requested if not url.startswith((self.address, "data:"))]
        assert leaving == []
        bad = [(status, url) for status, url in self.answered if status >= 400]
        assert bad == ([(404, self.address + not_found)] if not_found else [])

    def assert_styled(self) -> None:
        """Material's stylesheet applies, and this blog's is loaded."""
        header = self.page.evaluate(
            "getComputedStyle(document.querySelector('.md-header')).backgroundColor"
        )
        assert header not in ("", "rgba(0, 0, 0, 0)", "transparent"), header
        blog_rules = self.page.evaluate(
            "[...document.styleSheets].filter(sheet => (sheet.href || '')"
            ".endsWith('/stylesheets/blog.css')).map(sheet => sheet.cssRules.length)"
        )
        assert blog_rules and blog_rules[0] > 0, blog_rules

    def assert_links_lead_somewhere(self) -> None:
        """Every link of the page to its own host stays below the prefix and answers
        with a page (redirects followed)."""
        hrefs = self.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        hrefs += self.page.eval_on_selector_all("link[href]", "links => links.map(l => l.href)")
        origin = self.address.removesuffix(PREFIX)
        for href in sorted({href.partition("#")[0] for href in hrefs}):
            if href.startswith(origin + "/"):
                assert href.startswith(self.address), f"{href} leaves the site"
                status = self.page.request.get(href).status
                assert status == 200, f"{href}: {status}"


@pytest.fixture
def reader(browser: Browser, project_site: str) -> Iterator[Reader]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield Reader(context.new_page(), project_site)
    context.close()


def test_the_stand_in_answers_as_github_pages_does(tmp_path: Path):
    site = tmp_path / "site"
    (site / "post").mkdir(parents=True)
    for name in ("index.html", "404.html", "post/index.html"):
        (site / name).write_text(name)
    (tmp_path / "secret.txt").write_text("not the site's")
    assert answer(site, PREFIX, "/my-blog/") == Answer(200, site / "index.html")
    assert answer(site, PREFIX, "/my-blog/post/") == Answer(200, site / "post/index.html")
    assert answer(site, PREFIX, "/my-blog") == Answer(301, location="/my-blog/")
    assert answer(site, PREFIX, "/my-blog/post?x=1") == Answer(301, location="/my-blog/post/?x=1")
    for missing in ("/my-blog/gone/", "/my-blog/post/gone", "/my-blog/../secret.txt",
                    "/my-blog/%2e%2e/secret.txt"):  # fmt: skip
        assert answer(site, PREFIX, missing) == Answer(404, site / "404.html"), missing
    for outside in ("/", "/post/", "/index.html", "/my-blogger/"):
        assert answer(site, PREFIX, outside) == Answer(404), outside


def test_the_home_page_and_a_post_opened_from_it_work_below_the_prefix(reader: Reader):
    reader.open("")
    reader.assert_styled()
    reader.assert_links_lead_somewhere()
    reader.page.get_by_role("link", name="First Light", exact=True).first.click()
    expect(reader.page).to_have_url(reader.address + "first-light/")
    expect(reader.page.get_by_role("heading", level=1)).to_have_text("First Light")
    reader.page.wait_for_load_state("networkidle")
    picture = reader.page.get_by_role("img", name="The harbour at dawn")
    assert picture.evaluate("image => image.complete && image.naturalWidth") > 0
    reader.assert_styled()
    reader.assert_links_lead_somewhere()
    reader.assert_all_went_well()


def test_category_and_archive_pages_work_below_the_prefix(reader: Reader):
    reader.open("")
    reader.page.locator("article.md-post--excerpt").filter(has_text="Third Reel").get_by_role(
        "link", name="Movies"
    ).click()
    expect(reader.page).to_have_url(reader.address + "category/movies/")
    expect(reader.page.locator("article.md-post--excerpt h2")).to_have_text(
        ["Third Reel", "First Light"]
    )
    reader.page.wait_for_load_state("networkidle")
    reader.assert_styled()
    reader.assert_links_lead_somewhere()
    reader.open("archive/2021/")
    expect(reader.page.locator("article.md-post--excerpt h2")).to_have_text(["First Light"])
    reader.assert_styled()
    reader.assert_links_lead_somewhere()
    reader.assert_all_went_well()


def test_old_addresses_lead_to_their_posts_below_the_prefix(reader: Reader):
    for old, new, title in [
        ("post/first-light", "first-light/", "First Light"),
        ("post/café-days", "second-thoughts/", "Second Thoughts"),
    ]:
        reader.open(old)
        expect(reader.page).to_have_url(reader.address + new)
        expect(reader.page.get_by_role("heading", level=1)).to_have_text(title)
    reader.assert_all_went_well()


@pytest.mark.parametrize(
    "old",
    ["post/manu-bañó/", "post/manu-ba%C3%B1%C3%B3/", "post/manu-bañó", "post/manu-ba%C3%B1%C3%B3"],
)
def test_an_old_non_ascii_address_redirects_in_both_its_forms(reader: Reader, old: str):
    """A browser sends the address typed or linked with "ñ" percent-encoded, as it
    sends the encoded form itself; GitHub Pages serves the file by the decoded path."""
    reader.open(old)
    encoded = reader.address + "post/manu-ba%C3%B1%C3%B3"
    assert reader.requested[0] in (encoded, encoded + "/")
    expect(reader.page).to_have_url(reader.address + "third-reel/")
    expect(reader.page.get_by_role("heading", level=1)).to_have_text("Third Reel")
    reader.assert_all_went_well()


def test_a_missing_address_gets_the_sites_404_page_with_everything_it_needs(reader: Reader):
    missing = "no/such/page/here"
    response = reader.open(missing)
    assert response.status == 404
    expect(reader.page.locator("h1")).to_have_text("404 - Not found")
    reader.assert_styled()
    reader.assert_links_lead_somewhere()
    # Search, started from a page that may be at any depth, finds the posts.
    reader.page.keyboard.press("/")
    reader.page.locator("input[data-md-component=search-query]").press_sequentially("dawn")
    expect(reader.page.locator(".md-search-result__item").first).to_contain_text("First Light")
    reader.page.wait_for_load_state("networkidle")
    reader.assert_all_went_well(not_found=missing)


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urlopen(Request(url), timeout=10) as response:
            return response.status, response.read()
    except HTTPError as error:
        return error.code, b""


def test_the_feed_and_its_links_are_below_the_prefix(reader: Reader):
    reader.open("")
    feed_link = reader.page.locator('link[rel=alternate][type="application/rss+xml"]')
    assert feed_link.evaluate("link => link.href") == reader.address + "feed.xml"
    status, data = fetch(reader.address + "feed.xml")
    assert status == 200
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.link == reader.address
    assert [entry.title for entry in feed.entries] == [
        "Third Reel",
        "Second Thoughts",
        "First Light",
    ]
    for entry in feed.entries:
        assert entry.link.startswith(reader.address), entry.link
        reader.open(entry.link.removeprefix(reader.address))
        canonical = reader.page.locator("link[rel=canonical]").get_attribute("href")
        assert canonical == entry.link
        expect(reader.page.get_by_role("heading", level=1)).to_have_text(entry.title)
    reader.assert_all_went_well()


def test_the_sitemap_lists_addresses_below_the_prefix(project_site: str):
    status, data = fetch(project_site + "sitemap.xml")
    assert status == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    found = [
        loc.text or "" for loc in ElementTree.fromstring(data).findall("s:url/s:loc", namespace)
    ]
    assert project_site + "first-light/" in found
    for address in found:
        assert address.startswith(project_site), address
        assert fetch(address)[0] == 200, address
