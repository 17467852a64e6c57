"""The author's own blog, docs/, whatever posts it holds.

These rules must hold after any post is added, edited, renamed or removed (and
with one post, or none): `make test`, and so the publish workflow, stays green
for every blog the tool builds correctly. Each test works out what the pages
must show from the posts themselves (their front matter, and what Material's
blog resolved in the build), never from a list of particular posts, titles,
counts or text. What the tool does with particular posts is tested on fixture
blogs instead (tests/fixtures/seed-blog/ and blogs the tests write).

* every post passes the post checks (`make check`);
* the site builds strictly, as `make build` builds it, with a page for every
  published post;
* every published post shows its Recent Posts: the `recent_posts` (mkdocs.yml)
  newest other published posts, newest first, never itself, and "See All"
  leading to the blog's index;
* counts appear only where someone counted: the views figure of a post (on its
  page, in Recent Posts, on the index, archive and category cards) is its
  `views:` plus the count docs/views.json holds for it, and none at all when it
  has neither; the comments figure is its `comments:`, or none;
* every link and image inside the site leads somewhere (`blog linkcheck`:
  lychee, offline);
* the Nu Html Checker finds no error on any page, and axe-core no violation on
  any page, in the light and the dark palette.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser

from blog_extras.authoring.checks import check_posts
from blog_extras.authoring.settings import check_settings, load_site_config
from blog_extras.authoring.views_snapshot import SNAPSHOT_NAME, read_snapshot
from blog_extras.content.counts import comments_phrase, views_phrase
from tests.browser.conftest import static_handler
from tests.checkers import axe_violations, html_errors
from tests.project import REPO
from tests.sites import BuiltSite, built_config, text_of
from tests.standins import serve

CONFIG = REPO / "mkdocs.yml"


@dataclass(frozen=True)
class Post:
    """A published post, as Material's blog resolved it in the build."""

    source: str  # below docs/
    url: str  # "my-trip/", below the site's root
    title: str  # as its own page's heading shows it
    created: datetime
    meta: dict[str, Any]  # its front matter


@dataclass(frozen=True)
class AuthorBlog:
    site: BuiltSite
    newest: list[Post]  # the published posts, newest first
    recent_posts: int  # how many Recent Posts lists (blog-extras in mkdocs.yml)
    index_url: str  # the blog's index page
    counted: dict[str, int]  # views counted since the move (docs/views.json), by post URL

    def post_at(self, url: str) -> Post:
        return next(post for post in self.newest if post.url == url)


def heading(page: BeautifulSoup) -> str:
    h1 = page.select_one("article.md-content__inner h1")
    assert h1 is not None
    for permalink in h1.select("a.headerlink"):
        permalink.decompose()
    return text_of(h1)


def snapshot_counts(config: Any) -> dict[str, int]:
    """docs/views.json (`make snapshot-views`), keyed by the post's URL below the site."""
    prefix = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    counts = read_snapshot(Path(config.docs_dir) / SNAPSHOT_NAME)
    return {
        address.removeprefix(prefix): count
        for address, count in counts.items()
        if address.startswith(prefix)
    }


@pytest.fixture(scope="module")
def author_blog(tmp_path_factory: pytest.TempPathFactory) -> AuthorBlog:
    """docs/, built strictly with the repository's mkdocs.yml, as `make build` does."""
    config = built_config(CONFIG, tmp_path_factory.mktemp("author-blog") / "site")
    site = BuiltSite(Path(config.site_dir))
    blog = config.plugins["material/blog"]
    # A plain build's Material keeps the published posts only (no drafts, and no
    # post dated later than today when `draft_if_future_date` is on).
    posts = [
        Post(
            source=post.file.src_uri,
            url=post.url,
            title=heading(site.soup(post.url)),
            created=post.config.date.created,
            meta=post.meta,
        )
        for post in blog.blog.posts
    ]
    # Newest first; posts of the same date by title (README), then by file.
    by_title = sorted(posts, key=lambda post: (post.title.casefold(), post.source))
    return AuthorBlog(
        site=site,
        newest=sorted(by_title, key=lambda post: post.created, reverse=True),
        recent_posts=config.plugins["blog-extras"].config.recent_posts,
        index_url=blog.blog.url,
        counted=snapshot_counts(config),
    )


def address(page_url: str, href: str) -> str:
    """The URL below the site's root that ``href``, on the page at ``page_url``, leads to."""
    return urljoin("/" + page_url, href).removeprefix("/")


def figure(container: Tag, selector: str) -> str:
    """The count a reader sees in ``container`` ("" when none is shown)."""
    element = container.select_one(selector)
    return "" if element is None or element.has_attr("hidden") else text_of(element)


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def counts_of(blog: AuthorBlog, post: Post) -> tuple[str, str]:
    """The views and comments figures the post must show ("" where nobody counted)."""
    carried, counted = _count(post.meta.get("views")), blog.counted.get(post.url)
    views = None if carried is None and counted is None else (carried or 0) + (counted or 0)
    # Worded by counts.py, whose wording tests/test_counts.py checks.
    return views_phrase(views), comments_phrase(_count(post.meta.get("comments")))


def shown_counts(container: Tag) -> tuple[str, str]:
    return figure(container, ".blog-counts__views"), figure(container, ".blog-counts__comments")


def test_every_post_passes_the_post_checks():
    report = check_posts(check_settings(load_site_config(CONFIG)))
    assert report.errors == [], "\n".join(map(str, report.errors))


def test_the_blog_builds_strictly_with_a_page_for_every_published_post(author_blog: AuthorBlog):
    assert author_blog.site.has_page(author_blog.index_url)
    for post in author_blog.newest:
        assert author_blog.site.has_page(post.url), post.source
        assert post.title, f"{post.source}: its page shows no title"


def test_every_post_shows_the_newest_other_posts_as_recent_posts(author_blog: AuthorBlog):
    for post in author_blog.newest:
        others = [other for other in author_blog.newest if other is not post]
        expected = [(other.url, other.title) for other in others[: author_blog.recent_posts]]
        block = author_blog.site.soup(post.url).select_one("article nav.blog-recent")
        if not expected:
            assert block is None, f"{post.source}: Recent Posts with no other post to list"
            continue
        assert block is not None, f"{post.source}: no Recent Posts"
        links = block.select(".blog-recent__title a")
        shown = [(address(post.url, link["href"]), text_of(link)) for link in links]
        assert shown == expected, post.source
        see_all = block.find("a", string="See All")
        assert see_all is not None, post.source
        assert address(post.url, see_all["href"]) == address("", author_blog.index_url)


def test_counts_appear_only_where_someone_counted(author_blog: AuthorBlog):
    site = author_blog.site
    for post in author_blog.newest:
        page = site.soup(post.url)
        header = page.select_one("article header.blog-post-header")
        assert header is not None, post.source
        assert shown_counts(header) == counts_of(author_blog, post), post.source
        for item in page.select("article nav.blog-recent li"):
            listed = author_blog.post_at(address(post.url, item.select_one("h3 a")["href"]))
            assert shown_counts(item) == counts_of(author_blog, listed), (post.source, listed.url)
    # The excerpt cards of the index, archive and category pages (and their next pages).
    cards_seen = 0
    for path in sorted(site.root.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        if "md-post--excerpt" not in html:
            continue
        page_url = path.parent.relative_to(site.root).as_posix().removeprefix(".") + "/"
        for card in BeautifulSoup(html, "html.parser").select("article.md-post--excerpt"):
            listed = author_blog.post_at(address(page_url, card.select_one("h2 a")["href"]))
            assert shown_counts(card) == counts_of(author_blog, listed), (page_url, listed.url)
            cards_seen += 1
    assert cards_seen >= len(author_blog.newest)  # every post is on the index at least


def test_every_link_and_image_leads_somewhere(author_blog: AuthorBlog):
    result = subprocess.run(
        [sys.executable, "-m", "blog_extras.cli", "linkcheck", str(author_blog.site.root)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def site_pages(site: BuiltSite) -> list[Path]:
    """Every page of the site: its 404 page and each index.html."""
    return [site.root / "404.html", *sorted(site.root.rglob("index.html"))]


def sends_on(page: Path) -> bool:
    """An old address's page, which sends readers on to the post at once."""
    return 'http-equiv="refresh"' in page.read_text(encoding="utf-8")


def test_no_html_errors_on_any_page(author_blog: AuthorBlog):
    errors = html_errors(site_pages(author_blog.site), author_blog.site.root)
    assert errors == [], "\n".join(errors)


@pytest.fixture(scope="module")
def served_author_blog(author_blog: AuthorBlog) -> Iterator[str]:
    with serve(static_handler(author_blog.site.root)) as port:
        yield f"http://127.0.0.1:{port}/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations_on_any_page(
    browser: Browser, author_blog: AuthorBlog, served_author_blog: str, scheme: str
):
    # bypass_csp: the page's policy rightly refuses the injected checker.
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    found = {}
    expected = "slate" if scheme == "dark" else "default"
    for path in site_pages(author_blog.site):
        if sends_on(path):
            continue  # its post is checked
        url = path.relative_to(author_blog.site.root).as_posix().removesuffix("index.html")
        page.goto(served_author_blog + url)
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected, url
        violations = axe_violations(page)
        if violations:
            found[url or "index"] = violations
    context.close()
    assert found == {}, "\n".join(f"{url}: {v}" for url, v in found.items())
