"""What a post's page shows around the post, and the files the build adds, as plain
values (blog_extras/content/site.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from blog_extras.content.posts import PostFacts
from blog_extras.content.site import (
    SiteInfo,
    post_page_values,
    robots_txt,
    site_files,
    site_info,
)
from tests.test_posts import _plain

SITE = SiteInfo("My Blog", "Reviews.", "https://blog.example.org/", "Ana", "en")


def post(key: str, *, old_path: str = "", published: bool = True) -> PostFacts:
    return PostFacts(
        key=f"blog/posts/{key}.md", title=key.title(), url=f"{key}/",
        published=datetime(2021, 5, 29, tzinfo=UTC), updated=None, excerpt="Opening.",
        carried_views=43, views=43, comments=0, readtime=2, categories=(),
        is_published=published, is_draft=not published, title_in_body=False,
        old_path=old_path, date_label="", date_text="May 29, 2021",
    )  # fmt: skip


def test_a_post_page_gets_plain_values_with_its_picture_at_its_address():
    values = post_page_values(post("miracle"), SITE, "red.png")
    assert _plain(values)
    tags = {tag["key"]: tag["value"] for tag in values["post_seo"]["tags"]}
    assert tags["og:image"] == "https://blog.example.org/miracle/red.png"
    assert values["post_seo"]["json_ld"]["image"] == "https://blog.example.org/miracle/red.png"
    assert values["post_share"]["address"] == "https://blog.example.org/miracle/"
    assert "og:image" not in {
        t["key"] for t in post_page_values(post("a"), SITE, None)["post_seo"]["tags"]
    }


def test_the_build_adds_the_feed_robots_and_redirects_of_published_posts_only():
    posts = [
        post("miracle", old_path="/post/miracle"),
        post("later", old_path="/post/later", published=False),
        post("plain"),
    ]
    files = site_files(posts[:1], posts, SITE)
    assert set(files) == {"feed.xml", "robots.txt", "post/miracle/index.html"}
    assert "<title>Miracle</title>" in files["feed.xml"]
    assert 'href="https://blog.example.org/miracle/"' in files["post/miracle/index.html"]
    assert robots_txt("") == "User-agent: *\nAllow: /\n"
    assert files["robots.txt"].endswith("Sitemap: https://blog.example.org/sitemap.xml\n")


def about(**settings) -> SiteInfo:
    unset = {"description": None, "url": None, "site_author": None, "first_author": None}
    return site_info(name="My Blog", language=None, **(unset | settings))


def test_the_blog_is_written_by_site_author_else_the_first_author_else_the_blog():
    """The name the feed and BlogPosting data give as the author."""
    assert about(site_author="Jane Roe", first_author="Ana").author == "Jane Roe"
    assert about(first_author="Ana").author == "Ana"
    assert about().author == "My Blog"


def test_unset_settings_give_an_english_site_with_no_address_or_description():
    assert about() == SiteInfo("My Blog", "", "", "My Blog", "en")
