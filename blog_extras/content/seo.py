"""What search engines, feed readers and link previews read about a post.

Plain data for the templates (``partials/post-meta-tags.html``), which escape
every value, and the JSON-LD object, which they serialise with ``tojson``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from blog_extras.content.posts import PostFacts


@dataclass(frozen=True)
class PreviewTag:
    attribute: str  # "property" for Open Graph, "name" for Twitter
    key: str
    value: str


def absolute_url(site_url: str, url: str) -> str:
    """The post's address on the published site; site-relative without a site_url."""
    return site_url.rstrip("/") + "/" + url if site_url else "/" + url


def preview_tags(
    post: PostFacts, site_name: str, site_url: str, image: str | None
) -> list[PreviewTag]:
    address = absolute_url(site_url, post.url)
    tags = [
        PreviewTag("property", "og:type", "article"),
        PreviewTag("property", "og:site_name", site_name),
        PreviewTag("property", "og:title", post.title),
        PreviewTag("property", "og:description", post.excerpt),
        PreviewTag("property", "og:url", address),
        PreviewTag("property", "article:published_time", post.published.date().isoformat()),
        PreviewTag("name", "twitter:card", "summary_large_image" if image else "summary"),
        PreviewTag("name", "twitter:title", post.title),
        PreviewTag("name", "twitter:description", post.excerpt),
    ]
    if post.updated:
        tags.append(
            PreviewTag("property", "article:modified_time", post.updated.date().isoformat())
        )
    if image:
        tags += [
            PreviewTag("property", "og:image", image),
            PreviewTag("name", "twitter:image", image),
        ]
    return tags


def blog_posting(post: PostFacts, author: str, site_url: str, image: str | None) -> dict[str, Any]:
    """schema.org BlogPosting, with the view count as an InteractionCounter."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "description": post.excerpt,
        "url": absolute_url(site_url, post.url),
        "mainEntityOfPage": absolute_url(site_url, post.url),
        "datePublished": post.published.date().isoformat(),
        "dateModified": (post.updated or post.published).date().isoformat(),
    }
    # Only the counts somebody counted.
    counters = [
        {
            "@type": "InteractionCounter",
            "interactionType": f"https://schema.org/{action}",
            "userInteractionCount": count,
        }
        for action, count in (("ViewAction", post.views), ("CommentAction", post.comments))
        if count is not None
    ]
    if counters:
        data["interactionStatistic"] = counters
    if author:
        # site_author in mkdocs.yml names a person; without it, the blog itself.
        data["author"] = {"@type": "Person", "name": author}
    if post.categories:
        data["articleSection"] = [category.name for category in post.categories]
    if image:
        data["image"] = image
    return data
