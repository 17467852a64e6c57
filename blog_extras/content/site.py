"""What the site shows around its posts, as plain values: the values of a post's
page (link previews, share links, Recent Posts), and the files the build adds
(the feed, robots.txt, the pages at old Wix addresses)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from blog_extras.content.feed import FEED_NAME, rss
from blog_extras.content.posts import (
    PostFacts,
    RecentPostsBlock,
    recent_posts,
    template_values,
)
from blog_extras.content.redirects import redirect_file, redirect_page
from blog_extras.content.seo import absolute_url, blog_posting, preview_tags
from blog_extras.content.share import share_links


@dataclass(frozen=True)
class SiteInfo:
    name: str
    description: str
    url: str  # the published address, "" when unknown
    author: str  # site_author, else the authors file's first, else the blog's name
    language: str


def site_info(
    *,
    name: str,
    description: str | None,
    url: str | None,
    site_author: str | None,
    first_author: str | None,
    language: str | None,
) -> SiteInfo:
    """What the site says of itself, from mkdocs.yml's settings (None where unset)
    and ``first_author``, the name of the first author of Material's authors file.

    Without ``site_author``, a personal blog's author is the one its authors file
    names first: the feed and BlogPosting data then carry the name the author
    gave, not the blog's."""
    return SiteInfo(
        name=name,
        description=description or "",
        url=url or "",
        author=site_author or first_author or name,
        language=language or "en",
    )


def recent_posts_values(
    newest: Sequence[PostFacts], key: str, limit: int, index_url: str
) -> dict[str, Any] | None:
    """The Recent Posts block below the post ``key``, as the template shows it; None
    when there is no other post to list."""
    others = recent_posts(newest, key, limit)
    return RecentPostsBlock(index_url, tuple(others)).template_values() if others else None


def post_page_values(post: PostFacts, site: SiteInfo, image_src: str | None) -> dict[str, Any]:
    """The values a post's page shows besides Recent Posts: its facts, its link
    previews and BlogPosting data, and its share links. ``image_src``: the src of
    its first image, as written in its HTML."""
    image = _image_address(image_src, post.url, site.url)
    address = absolute_url(site.url, post.url)
    return {
        "post_facts": template_values(post),
        "post_seo": {
            "tags": [
                {"attribute": tag.attribute, "key": tag.key, "value": tag.value}
                for tag in preview_tags(post, site.name, site.url, image)
            ],
            "json_ld": blog_posting(post, site.author, site.url, image),
        },
        "post_share": {
            "links": [
                {"label": link.label, "href": link.href, "new_tab": link.new_tab}
                for link in share_links(post.title, address)
            ],
            "address": address,
        },
    }


def _image_address(src: str | None, post_url: str, site_url: str) -> str | None:
    """The address of a post's first image, for link previews; None without one."""
    if src is None:
        return None
    if urlsplit(src).scheme:
        return src
    return absolute_url(site_url, posixpath.normpath(posixpath.join(post_url, src)))


def robots_txt(site_url: str) -> str:
    sitemap = f"Sitemap: {site_url.rstrip('/')}/sitemap.xml\n" if site_url else ""
    return f"User-agent: *\nAllow: /\n{sitemap}"


def site_files(
    newest: Sequence[PostFacts], posts: Iterable[PostFacts], site: SiteInfo
) -> dict[str, str]:
    """The files the build adds, by their path below site/: the feed of the newest
    posts, robots.txt, and a redirect page at each published post's old address."""
    files = {
        FEED_NAME: rss(
            newest, title=site.name, description=site.description, site_url=site.url,
            author=site.author, language=site.language,
        ),
        "robots.txt": robots_txt(site.url),
    }  # fmt: skip
    for post in posts:
        if post.old_path and post.is_published:
            files[redirect_file(post.old_path)] = redirect_page(
                post.title, post.old_path, post.url, site.url
            )
    return files
