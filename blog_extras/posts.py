"""What the templates show about a post, and which posts Recent Posts lists.

Everything here is prepared once per build from data Material's blog plugin
already holds, so that a page only looks values up: choosing the recent posts
of a page walks at most ``limit + 1`` entries of a list sorted once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from babel.dates import format_date

from .counts import comments_phrase, views_phrase


@dataclass(frozen=True)
class CategoryLink:
    name: str
    url: str


@dataclass(frozen=True)
class PostFacts:
    """One post as the overrides show it. Text values are plain text, never HTML."""

    key: str  # the post's source path below docs/, unique within a site
    title: str
    url: str
    published: datetime
    updated: datetime | None
    excerpt: str
    carried_views: int  # counted on the old Wix blog (front matter)
    views: int  # carried over plus counted since, as far as the build knows
    comments: int
    readtime: int | None
    categories: tuple[CategoryLink, ...]
    is_published: bool
    is_draft: bool
    title_in_body: bool
    old_path: str  # the post's address on the old Wix blog, "/post/<slug>", or ""
    date_label: str  # "Updated: " for a post updated since publication, else ""
    date_text: str  # the date as readers read it, "May 29, 2021"

    @property
    def shown_date(self) -> datetime:
        return self.updated or self.published

    @property
    def views_text(self) -> str:
        return views_phrase(self.views)

    @property
    def comments_text(self) -> str:
        return comments_phrase(self.comments)


def old_wix_path(meta: dict[str, Any]) -> str:
    """The post's address on the old Wix blog (front matter ``wix.path``), or ""."""
    wix = meta.get("wix")
    path = wix.get("path") if isinstance(wix, dict) else None
    return path if isinstance(path, str) else ""


def date_wording(published: datetime, updated: datetime | None, locale: str) -> tuple[str, str]:
    """The label and date of a post's date line: Wix showed "Updated: May 29, 2021"."""
    if updated is not None:
        return "Updated: ", format_date(updated, format="long", locale=locale)
    return "", format_date(published, format="long", locale=locale)


def is_published(draft: bool | None, published: datetime, now: datetime) -> bool:
    """Whether a plain ``mkdocs build`` puts the post on the live site.

    Mirrors Material's blog plugin with ``draft_if_future_date`` on: an explicit
    ``draft`` wins; otherwise a post is held back until its date has come.
    """
    if draft is not None:
        return not draft
    return published <= now


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
