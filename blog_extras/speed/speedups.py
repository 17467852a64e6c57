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
  before ``<!-- more -->``. :class:`HeadOnlyExcerpt` renders only that part.
* It builds a Markdown converter for every post's excerpt, and MkDocs one for
  every page: ``converters.py`` shares them.
* It reads every post's front matter with PyYAML's pure-Python loader;
  :func:`use_libyaml` switches it to libyaml's, which reads the same YAML
  several times faster.

All keep the HTML a reader gets exactly as it was (a test builds a blog with
and without them and compares every page). ``enabled: false`` under
``blog-speed`` in mkdocs.yml turns them off (``plugin.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import yaml
from material.plugins.blog import structure
from material.plugins.blog.structure import Excerpt


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


# Markdown after the separator that the part before it may depend on: reference
# links, footnotes and abbreviations defined further down the post.
_DEFINITIONS_BELOW = re.compile(r"^ {0,3}(\[[^\]]+\]:|\*\[[^\]]+\]:)", re.MULTILINE)


class HeadOnlyExcerpt(Excerpt):  # Internals: Material's Excerpt.render and its fields
    """Material's excerpt, rendering only the Markdown before the separator.

    Replaces ``Excerpt.render``, which converts the whole post for every listing
    page the post appears on and then drops what follows the separator. When the
    rest of the post defines references the excerpt may use, it falls back to
    rendering the whole post, as Material does.
    """

    # Material's Excerpt.render takes (page, separator), not Page.render's arguments.
    def render(self, page: Any, separator: str) -> None:  # type: ignore[override]
        post = self.post
        whole = post.markdown or ""
        head, found, rest = whole.partition(separator)
        if not found or _DEFINITIONS_BELOW.search(rest):
            super().render(page, separator)
            return
        post.markdown = head
        try:
            super().render(page, separator)
        finally:
            post.markdown = whole
        # Material's content keeps the line break that preceded the separator.
        self.content = (self.content or "") + "\n"
        # Templates only ask whether there is more ("Continue reading").
        self.more = rest if rest.strip() else ""  # type: ignore[assignment]


def use_libyaml(enabled: bool) -> None:
    """Material's posts call ``yaml.load(text, SafeLoader)`` with the name bound in its
    structure module; point that name at libyaml's loader (or back)."""
    fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = fast if enabled else yaml.SafeLoader
    structure.SafeLoader = loader  # type: ignore[misc]  # Internals: Material's YAML loader


def index_posts(blog: Any) -> None:
    """Constant-time ``post in blog.posts`` (once Material has resolved the posts)."""
    blog.blog.posts = IdentityList(blog.blog.posts)  # Internals: Material's post list


def index_views(blog: Any) -> None:
    """Constant-time lookups in Material's views and their pages, and its tree of
    views walked once (once Material has attached the views to the navigation)."""
    resolve = type(blog)._resolve_views  # Internals: Material's view tree
    for view in resolve(blog, blog.blog):
        view.pages = IdentityList(view.pages)
    blog._resolve_views = cached_views(resolve.__get__(blog))  # Internals: Material's view tree


def render_excerpt_head_only(page: Any) -> None:
    """A post's excerpt renders only the Markdown before the separator."""
    excerpt = getattr(page, "excerpt", None)
    if type(excerpt) is Excerpt:
        excerpt.__class__ = HeadOnlyExcerpt  # Internals: Material's Excerpt.render
