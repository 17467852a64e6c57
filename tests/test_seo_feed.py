"""Feed, link previews, structured data, sitemap and robots.txt of built blogs."""

from __future__ import annotations

import json
from datetime import date

import feedparser
import pytest

from tests.conftest import BlogBuilder
from tests.sites import BuiltSite, text_of

SITE = "https://reader.example/blog/"
# Quotes, an ampersand and angle brackets: plain text the post checks accept.
TRICKY = 'Tom & "Jerry": <3 > 2'


@pytest.fixture
def site(blog: BlogBuilder, monkeypatch: pytest.MonkeyPatch) -> BuiltSite:
    monkeypatch.setenv("SITE_URL", SITE)
    return blog({
        "a.md": ({"title": TRICKY, "slug": "tricky", "date": {"created": date(2021, 3, 1),
                  "updated": date(2021, 4, 2)}, "categories": ["Movies"], "views": 1234,
                  "comments": 2}, "Opening words & more.\n\n<!-- more -->\n\nRest.\n"),
        "b.md": ({"title": "Older", "date": date(2021, 1, 5)}, "Older text.\n"),
        "c.md": ({"title": "Draft", "date": date(2021, 6, 1), "draft": True}, "Secret.\n"),
    })  # fmt: skip


def head_meta(site: BuiltSite, slug: str, attribute: str, key: str) -> str:
    return site.soup(slug).select_one(f'meta[{attribute}="{key}"]')["content"]


def test_feed_is_valid_newest_first_with_dates_from_front_matter(site: BuiltSite):
    feed = feedparser.parse((site.root / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [entry.title for entry in feed.entries] == [TRICKY, "Older"]
    first = feed.entries[0]
    assert first.link == SITE + "tricky/"
    assert first.published_parsed[:3] == (2021, 3, 1)
    assert first.author == "My Blog"
    assert [tag.term for tag in first.tags] == ["Movies"]
    assert first.summary == "Opening words & more."
    assert feed.feed.link == SITE


def test_every_page_links_the_feed(site: BuiltSite):
    for slug in ["", "tricky", "older", "archive/2021"]:
        link = site.soup(slug).select_one('link[rel=alternate][type="application/rss+xml"]')
        assert link is not None, slug


def test_previews_carry_the_title_intact(site: BuiltSite):
    assert head_meta(site, "tricky", "property", "og:title") == TRICKY
    assert head_meta(site, "tricky", "name", "twitter:title") == TRICKY
    assert head_meta(site, "tricky", "property", "og:url") == SITE + "tricky/"
    assert head_meta(site, "tricky", "property", "og:description") == "Opening words & more."
    assert head_meta(site, "tricky", "name", "description") == "Opening words & more."
    assert text_of(site.soup("tricky").select_one("title")).startswith(TRICKY)
    canonical = site.soup("tricky").select_one("link[rel=canonical]")["href"]
    assert canonical == SITE + "tricky/"


def test_structured_data_is_a_blog_posting_with_its_view_count(site: BuiltSite):
    script = site.soup("tricky").select_one('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == TRICKY
    assert (data["datePublished"], data["dateModified"]) == ("2021-03-01", "2021-04-02")
    assert data["author"]["name"] == "My Blog"
    views = next(c for c in data["interactionStatistic"] if "ViewAction" in c["interactionType"])
    assert views["userInteractionCount"] == 1234


def test_sitemap_dates_posts_by_front_matter_and_robots_points_at_it(site: BuiltSite):
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE}tricky/</loc>\n         <lastmod>2021-04-02</lastmod>" in sitemap
    assert f"<loc>{SITE}older/</loc>\n         <lastmod>2021-01-05</lastmod>" in sitemap
    robots = (site.root / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE}sitemap.xml" in robots.splitlines()


def test_share_links_carry_the_post_address_and_title(site: BuiltSite):
    links = {
        text_of(a).split(" (")[0]: a["href"] for a in site.soup("tricky").select(".blog-share a")
    }
    assert set(links) == {"Facebook", "X", "WhatsApp", "E-mail"}
    address = "https%3A%2F%2Freader.example%2Fblog%2Ftricky%2F"
    assert links["Facebook"] == f"https://www.facebook.com/sharer/sharer.php?u={address}"
    assert links["X"].startswith(f"https://x.com/intent/post?url={address}&text=Tom+%26+")
    assert links["WhatsApp"].startswith("https://wa.me/?text=Tom+%26+%22Jerry%22")
    assert links["E-mail"].startswith("mailto:?subject=Tom%20%26%20%22Jerry%22")
    button = site.soup("tricky").select_one(".blog-share button")
    assert button["data-clipboard-text"] == SITE + "tricky/"
    # No script of any sharing service is on the page.
    assert not [s for s in site.soup("tricky").select("script[src]") if "//" in s["src"]]


def test_a_post_with_a_picture_previews_it(blog: BlogBuilder, monkeypatch: pytest.MonkeyPatch):
    from tests.test_images import png

    monkeypatch.setenv("SITE_URL", SITE)
    site = blog(
        {"p.md": ({"title": "Pictured", "date": date(2021, 1, 1)},
                  "Text.\n\n![A red square](pictured/red.png)\n")},
        files={"blog/posts/pictured/red.png": png(4, 4)},
    )  # fmt: skip
    image = SITE + "pictured/red.png"
    assert head_meta(site, "pictured", "property", "og:image") == image
    assert head_meta(site, "pictured", "name", "twitter:card") == "summary_large_image"
    script = site.soup("pictured").select_one('script[type="application/ld+json"]')
    assert json.loads(script.string)["image"] == image


def test_the_404_page_has_the_policy_and_the_fixes(site: BuiltSite):
    page = (site.root / "404.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in page
    assert 'role="dialog" aria-label="Search"' in page


def test_the_preview_has_no_policy_so_live_reload_runs(tmp_path):
    """`mkdocs serve` adds its own inline live-reload script to each page it serves."""
    from tests.project import copy_project
    from tests.sites import build_site

    project = copy_project(tmp_path)  # the seed blog
    preview = build_site(project.root / "mkdocs.yml", project.site, command="serve")
    page = preview.page("miracle-in-cell-no-7")
    assert 'http-equiv="Content-Security-Policy"' not in page
    assert 'aria-label="Search"' in page  # the other fixes still apply


def test_without_site_author_the_feed_names_the_first_author_of_the_authors_file(
    blog: BlogBuilder, monkeypatch: pytest.MonkeyPatch
):
    """A personal blog's feed and structured data carry the name its author wrote
    into .authors.yml (README's "Start your blog"), not the blog's name."""
    monkeypatch.setenv("SITE_URL", SITE)
    authors = (
        "authors:\n"
        "  jane:\n    name: 'Jane <Reyes> & co'\n    description: ''\n"
        "    avatar: assets/favicon.svg\n"
        "  sam:\n    name: Sam Lee\n    description: ''\n    avatar: assets/favicon.svg\n"
    )
    site = blog(
        {"a.md": ({"title": "Written", "date": date(2021, 3, 1)}, "Text.\n")},
        files={"blog/.authors.yml": authors.encode()},
    )
    feed = feedparser.parse((site.root / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries[0].author == "Jane <Reyes> & co"
    script = site.soup("written").select_one('script[type="application/ld+json"]')
    assert json.loads(script.string)["author"]["name"] == "Jane <Reyes> & co"
    assert "<Reyes>" not in script.string  # tojson writes < as \u003c
