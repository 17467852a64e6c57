"""Faster paths through Material's blog plugin (9.x) for blogs of thousands of posts.

Material's blog plugin does things whose cost grows with the blog, some faster
than the blog:

* It asks ``page in blog.posts`` and ``view in self._resolve_views(blog)`` for
  every page, and ``view.pages.index(view)`` for every listing page. Each is a
  linear scan calling ``Page.__eq__`` (which compares titles and files) on every
  element, so a build does posts x pages comparisons: over half of a 3000-post
  build. :class:`IdentityList` answers these in constant time by identity.
* It renders the whole Markdown of a post each time the post's excerpt appears
  on a listing page (blog index, archive, category), then keeps only the part
  before ``<!-- more -->``. ``HeadOnlyExcerpt`` (in ``blog_extras/material.py``,
  being all Material's excerpt) renders only that part.
* It builds a Markdown converter for every post's excerpt, and MkDocs one for
  every page: ``converters.py`` shares them.
* It reads every post's front matter with PyYAML's pure-Python loader;
  :func:`use_libyaml` switches it to libyaml's, which reads the same YAML
  several times faster.

All keep the HTML a reader gets exactly as it was (a test builds a blog with
and without them and compares every file). They reach Material only through
``blog_extras/material.py``, and last one build: ``plugin.py`` undoes what
would outlive it (the loader, the walk of the views) when the build ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig

from blog_extras import material


class IdentityList(list[Any]):
    """A list whose membership test and ``index`` go by identity, in constant time.

    Replaces the plain lists of Material's blog plugin, where ``x in posts``
    compares ``x`` with every post through ``Page.__eq__``.
    """

    def __init__(self, items: Iterable[Any] = ()) -> None:
        super().__init__(items)
        self._positions = {id(item): at for at, item in enumerate(self)}

    def __contains__(self, item: object) -> bool:
        return id(item) in self._positions

    def index(self, item: object, *args: Any) -> int:
        at = self._positions.get(id(item))
        if at is None or args:
            return super().index(item, *args)
        return at

    def _reindex(self) -> None:
        self._positions = {id(item): at for at, item in enumerate(self)}

    # Material and other plugins may still add pages; keep the index right.
    def append(self, item: Any) -> None:
        super().append(item)
        self._positions[id(item)] = len(self) - 1

    def extend(self, items: Iterable[Any]) -> None:
        super().extend(items)
        self._reindex()

    def insert(self, at: Any, item: Any) -> None:
        super().insert(at, item)
        self._reindex()

    def remove(self, item: Any) -> None:
        super().remove(item)
        self._reindex()


def cached_views(resolve: Callable[[Any], Iterable[Any]]) -> Callable[[Any], IdentityList]:
    """Material's ``_resolve_views`` walks the tree of views anew on each call, once
    per page; the views are fixed once the navigation is built, so walk once."""
    cache: dict[int, IdentityList] = {}

    def resolve_once(view: Any) -> IdentityList:
        key = id(view)
        if key not in cache:
            cache[key] = IdentityList(resolve(view))
        return cache[key]

    return resolve_once


def use_libyaml(enabled: bool) -> None:
    """Material reads every post's front matter with libyaml's loader (or its own)."""
    fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    material.read_front_matter_with(fast if enabled else None)


def index_posts(config: MkDocsConfig) -> None:
    """Constant-time ``post in blog.posts`` (once Material has resolved the posts)."""
    material.list_posts_with(config, IdentityList)


def index_views(config: MkDocsConfig) -> None:
    """Constant-time lookups in Material's views and their pages, and its tree of
    views walked once (once Material has attached the views to the navigation),
    until :func:`forget_views`."""
    material.list_view_pages_with(config, IdentityList)
    material.walk_views_once(config, cached_views)


def forget_views(blog: material.BlogPlugin) -> None:
    """Material walks its views itself again: its plugin object, which MkDocs keeps
    for the next build, holds nothing of this one."""
    material.walk_views_anew(blog)
