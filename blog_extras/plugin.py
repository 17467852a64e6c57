"""The MkDocs adapter: MkDocs events call into this package, nothing more.

It runs after Material's blog plugin, reads the posts that plugin resolved and
rendered, and gives the templates in ``overrides/`` what they lay out:
``post_facts`` and ``recent_posts`` on post pages, and ``blog_post_facts(key)``
for the excerpt cards of the blog index, archive and category pages.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .excerpt import plain_excerpt
from .posts import (
    CategoryLink,
    PostFacts,
    date_wording,
    is_published,
    published_newest_first,
    recent_posts,
)

log = logging.getLogger("mkdocs.plugins.blog_extras")


class BlogExtrasConfig(Config):
    # Settings for the Recent Posts block below each post
    recent_posts = config_options.Type(int, default=3)
    # Length of the plain-text teasers in Recent Posts, in characters
    excerpt_length = config_options.Type(int, default=200)


@dataclass(frozen=True)
class RecentPostsBlock:
    index_url: str
    posts: list[PostFacts]


class BlogExtrasPlugin(BasePlugin[BlogExtrasConfig]):
    def __init__(self) -> None:
        self._facts: dict[str, PostFacts] = {}
        self._newest: list[PostFacts] = []
        self._index_url = ""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.recent_posts < 0:
            raise PluginError("blog-extras: 'recent_posts' in mkdocs.yml must be 0 or more")
        if "material/blog" not in config.plugins:
            raise PluginError(
                "blog-extras: add Material's 'blog' plugin before 'blog-extras' in mkdocs.yml"
            )
        return config

    # After Material's blog plugin (its own on_env runs at the default priority),
    # and before any template renders, when every page's HTML already exists.
    @event_priority(-100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        blog = config.plugins["material/blog"]
        now = datetime.now(UTC)
        facts = [self._post_facts(post, blog.config, config, now) for post in blog.blog.posts]
        self._facts = {post.key: post for post in facts}
        self._newest = published_newest_first(facts)
        self._index_url = blog.blog.url
        _escape_titles(files)
        env.globals["blog_post_facts"] = self._facts.get
        return env

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        facts = self._facts.get(page.file.src_uri)
        if facts is None:
            return context
        context["post_facts"] = facts
        others = recent_posts(self._newest, facts.key, self.config.recent_posts)
        context["recent_posts"] = RecentPostsBlock(self._index_url, others) if others else None
        return context

    def _post_facts(
        self, post: Any, blog_config: Any, config: MkDocsConfig, now: datetime
    ) -> PostFacts:
        path = post.file.src_uri
        dates = post.config.date
        published: datetime = dates.created
        updated: datetime | None = dates.get("updated")
        label, text = date_wording(published, updated, config.theme.get("language") or "en")
        title = post.meta.get("title")
        return PostFacts(
            key=path,
            title=title if isinstance(title, str) else html.unescape(post.title or ""),
            url=post.url,
            published=published,
            updated=updated,
            excerpt=plain_excerpt(
                post.content or "", blog_config.post_excerpt_separator, self.config.excerpt_length
            ),
            views=_count(post.meta, "views", path),
            comments=_count(post.meta, "comments", path),
            readtime=post.config.readtime,
            categories=tuple(CategoryLink(view.name, view.url) for view in post.categories),
            is_published=is_published(post.config.draft, published, now),
            is_draft=post.config.draft is True,
            title_in_body=bool(post._title_from_render),
            date_label=label,
            date_text=text,
        )


def _count(meta: dict[str, Any], key: str, path: str) -> int:
    """A carried-over count from front matter; absent means none counted yet."""
    value = meta.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PluginError(f"{path}: '{key}' must be a whole number of 0 or more, not {value!r}")
    return value


def _escape_titles(files: Files) -> None:
    """Make front-matter titles safe for Material's templates.

    Material prints ``page.title`` and ``page.meta.title`` into the page without
    escaping (MkDocs' Jinja environment has autoescape off), so a title such as
    ``Tom & Jerry <3`` would become markup. Turning the front-matter title into
    its HTML-escaped form once, after this plugin has read the raw text for its
    own templates (which escape with ``| e``), keeps every place Material shows
    the title, the search index included, showing the text as written.
    """
    for file in files.documentation_pages():
        page = file.page
        if page is not None and isinstance(page.meta.get("title"), str):
            page.meta["title"] = html.escape(page.meta["title"], quote=True)
