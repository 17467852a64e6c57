"""Faster paths through Material's blog plugin (9.x) for blogs of thousands of posts.

Material's blog plugin does two things whose cost grows faster than the blog:

* It asks ``page in blog.posts`` and ``view in self._resolve_views(blog)`` for
  every page, and ``view.pages.index(view)`` for every listing page. Each is a
  linear scan calling ``Page.__eq__`` (which compares titles and files) on every
  element, so a build does posts x pages comparisons: over half of a 3000-post
  build. :class:`IdentityList` answers these in constant time by identity.
* It renders the whole Markdown of a post each time the post's excerpt appears
  on a listing page (blog index, archive, category), then keeps only the part
  before ``<!-- more -->``. :class:`HeadOnlyExcerpt` renders only that part.

* It builds a Markdown converter for every post's excerpt, in the one process
  that reads the posts (over half of that step at 1000 posts: a converter costs
  more to build than an excerpt costs to convert). :class:`SharedConverters`
  gives every excerpt one converter per set of extensions, reset before each
  excerpt, with that excerpt's own tree processors put back in.
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
from markdown import Markdown
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


class _ExcerptProcessors:
    """The tree processors Material registers on one excerpt's converter (its links
    to posts and to pages), kept by name with their priorities.

    Material finds its own again with ``get_index_for_name`` and ``[...]``; here the
    name serves as the index."""

    def __init__(self) -> None:
        self.registered: dict[str, tuple[Any, float]] = {}

    def register(self, item: Any, name: str, priority: float) -> None:
        self.registered[name] = (item, priority)

    def get_index_for_name(self, name: str) -> str:
        if name not in self.registered:
            raise ValueError(f"no tree processor named {name!r}")
        return name

    def __getitem__(self, name: str) -> Any:
        return self.registered[name][0]


class ExcerptConverter:
    """What an excerpt holds instead of its own Markdown converter: its tree
    processors, and a converter it shares with every excerpt of the same options."""

    def __init__(self, shared: Markdown) -> None:
        self._shared = shared
        self.treeprocessors = _ExcerptProcessors()
        self.toc_tokens: list[Any] = []

    def convert(self, text: str) -> str:
        shared = self._shared
        # A converter after reset() is one just built (Python-Markdown's contract).
        shared.reset()
        for name, (item, priority) in self.treeprocessors.registered.items():
            shared.treeprocessors.register(item, name, priority)  # replaces the last one's
        html = shared.convert(text)
        self.toc_tokens = getattr(shared, "toc_tokens", [])
        return html


class SharedConverters:
    """Stands in for ``Markdown`` where Material builds an excerpt's converter: one
    real converter per set of options, for every excerpt of a build.

    Excerpts are converted one at a time (Material's excerpts are not thread-safe
    either), and each build starts with none (:meth:`clear`): an extension object
    of the last build may hold that build's files."""

    def __init__(self) -> None:
        self._converters: dict[str, Markdown] = {}

    def __call__(self, **options: Any) -> ExcerptConverter:
        key = repr(sorted(options.items()))
        shared = self._converters.get(key)
        if shared is None:
            shared = self._converters[key] = Markdown(**options)
        return ExcerptConverter(shared)

    def clear(self) -> None:
        self._converters.clear()


SHARED_CONVERTERS = SharedConverters()


def share_excerpt_converters(enabled: bool) -> None:
    """Material's excerpts build their converter with the name ``Markdown`` bound in
    its structure module; point that name at :data:`SHARED_CONVERTERS` (or back)."""
    SHARED_CONVERTERS.clear()
    # The converter name Material's structure module binds.
    structure.Markdown = SHARED_CONVERTERS if enabled else Markdown  # type: ignore[assignment,misc]  # Internals:


def use_libyaml(enabled: bool) -> None:
    """Material's posts call ``yaml.load(text, SafeLoader)`` with the name bound in its
    structure module; point that name at libyaml's loader (or back)."""
    fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    # The loader name Material's structure module binds.
    structure.SafeLoader = fast if enabled else yaml.SafeLoader  # type: ignore[misc]  # Internals:


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
