"""What the templates show about a post, and which posts Recent Posts lists.

Everything here is prepared once per build from data Material's blog plugin
already holds, so that a page only looks values up: choosing the recent posts
of a page walks at most ``limit + 1`` entries of a list sorted once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from babel.dates import format_date

from blog_extras.content.counts import comments_phrase, views_phrase
from blog_extras.content.excerpt import plain_excerpt


@dataclass(frozen=True)
class CategoryLink:
    name: str
    url: str


@dataclass(frozen=True)
class ResolvedPost:
    """A post as Material's blog plugin resolved it (``material.py`` reads it), in plain
    values: nothing here is computed again by this package."""

    key: str  # source path below docs/
    url: str
    title: str  # plain text: front matter's title, else the first heading
    title_in_body: bool  # the title is the post's first heading, shown by its text
    created: datetime
    updated: datetime | None
    is_draft: bool  # marked `draft: true`
    is_published: bool  # what a plain `mkdocs build` publishes, by Material's rule
    readtime: int | None
    categories: tuple[CategoryLink, ...]
    meta: dict[str, Any]
    content: str  # the post's HTML
    authors: tuple[str, ...] = ()  # their names, from Material's authors file


@dataclass(frozen=True)
class PostFacts:
    """One post as the overrides show it. Text values are plain text, never HTML."""

    key: str  # the post's source path below docs/, unique within a site
    title: str
    url: str
    published: datetime
    updated: datetime | None
    excerpt: str
    # None: nobody counted. A count nobody knows is shown as nothing, never as 0.
    carried_views: int | None  # counted on the old Wix blog (front matter)
    views: int | None  # carried over plus counted since, as far as the build knows
    comments: int | None
    readtime: int | None
    categories: tuple[CategoryLink, ...]
    is_published: bool
    is_draft: bool
    title_in_body: bool
    old_path: str  # the post's address on the old Wix blog, "/post/<slug>", or ""
    date_label: str  # "Updated: " for a post updated since publication, else ""
    date_text: str  # the date as readers read it, "May 29, 2021"
    authors: tuple[str, ...] = ()  # names, shown by the date as Wix showed them

    @property
    def shown_date(self) -> datetime:
        return self.updated or self.published

    @property
    def views_text(self) -> str:
        return views_phrase(self.views)

    @property
    def comments_text(self) -> str:
        return comments_phrase(self.comments)


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def post_facts(
    post: ResolvedPost,
    *,
    excerpt: str,
    counted_views: int | None,
    locale: str,
    date_format: str = "medium",
) -> PostFacts:
    """``excerpt``: the plain-text teaser; ``counted_views``: views counted since the
    move (the snapshot of GoatCounter's counts), None when it has none for the post;
    ``date_format``: Material's ``post_date_format``, so that every date agrees."""
    label, text = date_wording(post.created, post.updated, locale, date_format)
    carried = _count(post.meta.get("views"))
    if carried is None and counted_views is None:
        views = None
    else:
        views = (carried or 0) + (counted_views or 0)
    return PostFacts(
        key=post.key,
        title=post.title,
        url=post.url,
        published=post.created,
        updated=post.updated,
        excerpt=excerpt,
        carried_views=carried,
        views=views,
        comments=_count(post.meta.get("comments")),
        readtime=post.readtime,
        categories=post.categories,
        is_published=post.is_published,
        is_draft=post.is_draft,
        title_in_body=post.title_in_body,
        old_path=old_wix_path(post.meta),
        date_label=label,
        date_text=text,
        authors=post.authors,
    )


def facts_of_posts(
    posts: Iterable[ResolvedPost],
    *,
    counted_views: Mapping[str, int],
    site_path: str,
    excerpt_separator: str,
    excerpt_length: int,
    locale: str,
    date_format: str,
) -> list[PostFacts]:
    """The facts of every post, in the order of ``posts``. ``counted_views``: the
    snapshot of GoatCounter's counts, by the path readers visit (``site_path``, the
    path the site is served under, then the post's address); ``excerpt_separator``
    and ``excerpt_length``: where a post's plain-text teaser ends, and its longest."""
    return [
        post_facts(
            post,
            excerpt=plain_excerpt(post.content, excerpt_separator, excerpt_length),
            counted_views=counted_views.get(site_path + post.url),
            locale=locale,
            date_format=date_format,
        )
        for post in posts
    ]


def template_values(post: PostFacts) -> dict[str, Any]:
    """What the overrides show of a post: strings, numbers, lists and dicts only, so
    that the templates need no call into Python (and render under Zensical too)."""
    return {
        "title": post.title,
        "url": post.url,
        "title_in_body": post.title_in_body,
        "date_label": post.date_label,
        "date_text": post.date_text,
        "date_iso": post.shown_date.isoformat(),
        "readtime": post.readtime,
        "views": post.views,
        "carried_views": post.carried_views,
        "views_text": post.views_text,
        "comments": post.comments,
        "comments_text": post.comments_text,
        "excerpt": post.excerpt,
        "categories": [{"name": link.name, "url": link.url} for link in post.categories],
        "is_draft": post.is_draft,
        "authors_text": ", ".join(post.authors),
    }


def old_wix_path(meta: dict[str, Any]) -> str:
    """The post's address on the old Wix blog (front matter ``wix.path``), or ""."""
    wix = meta.get("wix")
    path = wix.get("path") if isinstance(wix, dict) else None
    return path if isinstance(path, str) else ""


def date_wording(
    published: datetime, updated: datetime | None, locale: str, date_format: str = "medium"
) -> tuple[str, str]:
    """The label and date of a post's date line: Wix showed "Updated: May 29, 2021".
    ``date_format``: a Babel format (Material's ``post_date_format``): "medium" is
    Wix's "Mar 3, 2022"."""
    if updated is not None:
        return "Updated: ", format_date(updated, format=date_format, locale=locale)
    return "", format_date(published, format=date_format, locale=locale)


def published_newest_first(posts: Iterable[PostFacts]) -> list[PostFacts]:
    """The published posts by publication date, newest first.

    Equal dates go by title, then path, so the order never depends on the order
    files happen to be read in. Drafts and scheduled posts are left out even
    while previewing, so the preview's lists show what readers will get.
    """
    published = [post for post in posts if post.is_published]
    by_title = sorted(published, key=lambda post: (post.title.casefold(), post.key))
    return sorted(by_title, key=lambda post: post.published, reverse=True)


def recent_posts(newest: Sequence[PostFacts], current_key: str, limit: int) -> list[PostFacts]:
    """The ``limit`` first posts of ``newest`` other than the current one.

    ``newest`` comes from :func:`published_newest_first`, so this looks at no
    more than ``limit + 1`` entries, whatever the size of the blog.
    """
    return [post for post in newest[: limit + 1] if post.key != current_key][:limit]


@dataclass(frozen=True)
class RecentPostsBlock:
    index_url: str
    posts: tuple[PostFacts, ...]

    def template_values(self) -> dict[str, Any]:
        return {
            "index_url": self.index_url,
            "posts": [template_values(post) for post in self.posts],
        }
