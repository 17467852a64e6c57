"""Quick preview: what ``make serve`` rebuilds after the author saves a post.

Plain ``mkdocs serve`` rebuilds the whole site on every save: half a minute on a
blog of a thousand posts. ``make serve`` passes ``--dirty``, with which MkDocs
re-renders only the pages whose source is newer than their output. On its own
that is wrong for a blog: the pages that show something of the edited post
(its card on the index, archive and category pages, and Recent Posts below other
posts) would stay stale, and Material regenerates every listing page on every
save anyway. :class:`QuickPreview` decides, at each rebuild, what to redo:

* When the only changes since the last build are edits to existing posts, and
  the blog's layout is the same (the same posts at the same addresses, on the
  same listing pages, in the same order, with the same categories), it rebuilds
  the edited posts and the listing pages that show them. The other posts on
  those listing pages are read again (their excerpts are part of the page) but
  not written. Post pages whose Recent Posts list now reads differently get
  that block replaced in their built HTML (:func:`replace_recent_block`), which
  costs a template render instead of a page build.
* Anything else (a post added, removed, re-dated or re-categorised, another
  page, mkdocs.yml, a theme override) rebuilds everything, as plain
  ``mkdocs serve`` would.

What a skipped post's rendering yielded (its plain-text excerpt, reading time,
title from a heading) is remembered from the build that rendered it, and so are
the search index entries of skipped pages. A test edits posts under the quick
preview and compares every page with a full build of the same files.

It relies on Material 9.8.1's blog internals (its views and pagination, as
``speedups.py`` does) and on MkDocs 1.6 asking ``File.is_modified()`` whether to
read and to write a page in a dirty build.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Template
from jinja2.bccache import Bucket
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from blog_extras import engine, material
from blog_extras.html.page import RECENT_END, RECENT_START

DIRTY_BUILD_WARNING = "A 'dirty' build is being performed"


@dataclass
class Plan:
    """What one rebuild reads and writes."""

    full: bool
    reason: str = ""
    write: set[str] = field(default_factory=set)  # source paths of pages to rebuild
    read: set[str] = field(default_factory=set)  # pages only read (for their excerpts)


def source_times(roots: Iterable[Path]) -> dict[str, int]:
    """Modification time of every file below (or at) each root, by path."""
    times: dict[str, int] = {}
    for root in roots:
        # MkDocs gives the config file's path relative on the first build only.
        root = root.absolute()
        if root.is_file():
            times[str(root)] = root.stat().st_mtime_ns
            continue
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = os.path.join(folder, name)
                try:
                    times[path] = os.stat(path).st_mtime_ns
                except FileNotFoundError:  # removed while we walked
                    continue
    return times


def changed_sources(before: Mapping[str, int], after: Mapping[str, int]) -> set[str]:
    """Paths added, removed or modified between two :func:`source_times`."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def blog_layout(config: Any, titles_in_footer: bool = False) -> tuple[Any, ...]:
    """Everything about the blog that pages other than a post's own page and its
    listing pages show: each post's address, dates, categories and draft state,
    and tags, and which posts each listing page holds, in order. With Material's
    ``navigation.footer`` each post page also shows the titles of the posts
    before and after it, a post with ``links:`` shows the titles of the
    pages it links to, and the tags page those of the posts with tags; then titles
    count too."""
    with_titles = titles_in_footer or material.any_post_links(config)
    return material.post_layout(config, with_titles), tuple(material.listing_pages(config).items())


def replace_recent_block(page_html: str, block_html: str) -> str | None:
    """``page_html`` with its Recent Posts block, between the comments the template
    writes around it, replaced; None if it has none. The block comes after the
    page's text, so the last opening mark is the template's."""
    start = page_html.rfind(RECENT_START)
    end = page_html.find(RECENT_END, start)
    new_start = block_html.find(RECENT_START)
    new_end = block_html.find(RECENT_END, new_start)
    if min(start, end, new_start, new_end) < 0:
        return None
    block = block_html[new_start : new_end + len(RECENT_END)]
    return page_html[:start] + block + page_html[end + len(RECENT_END) :]


def merge_search_entries(
    previous: list[dict[str, Any]], current: list[dict[str, Any]], rebuilt: set[str]
) -> list[dict[str, Any]]:
    """The search index entries of a preview: the previous build's for pages not
    rebuilt, then this build's. An entry's page is its location before '#'."""
    kept = [entry for entry in previous if _page_of(entry) not in rebuilt]
    return kept + current


def _page_of(entry: dict[str, Any]) -> str:
    return str(entry["location"]).partition("#")[0]


class RecentPostsRefresher:
    """Rewrites the Recent Posts block of built post pages.

    Most post pages show the same list with the same relative links, so each
    distinct block is rendered once. ``context`` is MkDocs' template context
    without a page; ``template`` is overrides/partials/recent-posts.html.
    """

    def __init__(self, template: Template, context: Mapping[str, Any]) -> None:
        self._template = template
        self._context = context
        self._rendered: dict[tuple[Any, ...], str] = {}

    def refresh(self, post: Any, block: dict[str, Any] | None) -> bool:
        """Put ``block`` (the template values of a Recent Posts block) in the post's
        built page; False when the page has no Recent Posts block to replace."""
        if block is None:
            return False
        urls = [block["index_url"], *(shown["url"] for shown in block["posts"])]
        links = tuple(get_relative_url(url, post.url) for url in urls)
        key = (json.dumps(block, sort_keys=True), links)
        if key not in self._rendered:
            context = {**self._context, "page": post, "recent_posts": block}
            context["base_url"] = get_relative_url(".", post.url)
            self._rendered[key] = self._template.render(context)
        # Rewritten in place, not opened for writing ("w" empties the file first):
        # Linux's ext4 writes a file emptied and rewritten out to disk when it is
        # closed, which made this eight times slower over a thousand pages.
        with open(post.file.abs_dest_path, "r+b") as page:
            updated = replace_recent_block(page.read().decode("utf-8"), self._rendered[key])
            if updated is None:
                return False
            page.seek(0)
            page.write(updated.encode("utf-8"))
            page.truncate()
        return True


def _set_modified(file: File, modified: bool) -> None:
    # MkDocs (1.6) reads and writes a page in a dirty build when this says so.
    file.is_modified = lambda: modified  # type: ignore[method-assign]  # Internals: dirty builds


class _HideDirtyWarning(logging.Filter):
    """MkDocs warns on every dirty build that pages may be stale; the quick
    preview keeps them right, so the warning would only alarm the author."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_BUILD_WARNING)


class TemplateCache(BytecodeCache):
    """Compiled templates kept between rebuilds (MkDocs makes a new Jinja
    environment for each). Jinja checks each against its template's source."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass(frozen=True)
class _Reading:
    """What MkDocs' reading of a page (its Markdown rendered, the plugins' page
    events) left on it, given back to the page when a rebuild does not read it."""

    markdown: str
    meta: dict[str, Any]
    title_from_render: str | None
    content: str
    readtime: int | None  # a post's reading time, as Material's blog worked it out


@dataclass(frozen=True)
class _Snapshot:
    """What a build saw: the watched files' times, and the blog's layout."""

    sources: dict[str, int]
    layout: tuple[Any, ...]

    def post_paths(self) -> set[str]:
        return {post[0] for post in self.layout[0]}


class QuickPreview:
    """The state a dirty ``mkdocs serve`` keeps from one build to the next."""

    def __init__(self) -> None:
        self._last: _Snapshot | None = None  # of the last build that succeeded
        self._this: _Snapshot | None = None
        self._read: dict[str, _Reading] = {}  # by source path
        self.search_entries: list[dict[str, Any]] = []
        self.templates = TemplateCache()
        self.plan = Plan(full=True)

    @staticmethod
    def hide_dirty_warning() -> None:
        """For this build: the engine's logger outlives it (``show_dirty_warning``)."""
        logger = engine.logger("commands.build")
        if not any(isinstance(known, _HideDirtyWarning) for known in logger.filters):
            logger.addFilter(_HideDirtyWarning())

    @staticmethod
    def show_dirty_warning() -> None:
        """MkDocs warns of dirty builds again (as it should without the quick preview)."""
        logger = engine.logger("commands.build")
        for known in [known for known in logger.filters if isinstance(known, _HideDirtyWarning)]:
            logger.removeFilter(known)

    def choose(
        self, *, files: Any, config: Any, watched: Iterable[Path], titles_in_footer: bool
    ) -> Plan:
        """Decide what this build reads and writes, and mark the pages for MkDocs.

        Call once the blog's views and pagination exist (``on_nav``), before
        MkDocs reads any page.
        """
        self._this = _Snapshot(source_times(watched), blog_layout(config, titles_in_footer))
        posts = {post.file.abs_src_path: post.file.src_uri for post in material.posts(config)}
        plan = self._plan(self._this, posts, material.listing_pages(config))
        pages = files.documentation_pages()
        for file in pages:
            _set_modified(file, plan.full or file.src_uri in plan.write | plan.read)
        self.plan = plan
        self._restore_unread(pages)
        return plan

    def _plan(
        self, this: _Snapshot, posts: dict[str, str], listings: dict[str, tuple[str, ...]]
    ) -> Plan:
        last = self._last
        if last is None:
            return Plan(full=True, reason="first build")
        changed = changed_sources(last.sources, this.sources)
        if not changed:
            return Plan(full=False, reason="nothing changed")
        were_posts = last.post_paths()
        not_posts = [path for path in changed if posts.get(path) not in were_posts]
        if not_posts:
            return Plan(full=True, reason=f"{_short(sorted(not_posts)[0])} changed")
        if this.layout != last.layout:
            return Plan(full=True, reason="a post's date, address or categories changed")
        if not set(posts.values()) <= self._read.keys():
            return Plan(full=True, reason="a post was never rendered")
        edited = {posts[path] for path in changed}
        listing = {page for page, shown in listings.items() if edited & set(shown[1:])}
        neighbours = {post for page in listing for post in listings[page][1:]} - edited
        return Plan(full=False, write=edited | listing, read=neighbours)

    def after_reading(self, files: Any) -> None:
        """Once MkDocs has read the pages it was told to (``on_env``): remember
        what reading gave, and do not write again the pages read only for their
        excerpts."""
        for file in files.documentation_pages():
            page = file.page
            if page is not None and page.content is not None and file.is_modified():
                self._read[file.src_uri] = _Reading(
                    page.markdown, page.meta,
                    page._title_from_render,  # Internals: MkDocs' Page
                    page.content,
                    page.config.readtime if material.is_post_page(page) else None,
                )  # fmt: skip
            if not self.plan.full and file.src_uri in self.plan.read:
                _set_modified(file, False)

    def _restore_unread(self, pages: Iterable[File]) -> None:
        """Pages MkDocs will not read again get back what reading them gave last
        time: the navigation and the 404 page show their titles, the blog's lists
        their excerpts and reading times."""
        for file in pages:
            page = file.page
            remembered = self._read.get(file.src_uri)
            if page is None or remembered is None or file.is_modified():
                continue
            page._title_from_render = remembered.title_from_render  # Internals: MkDocs' Page
            page.content = remembered.content
            if page.markdown is None:  # posts keep theirs: Material reads them first
                page.markdown, page.meta = remembered.markdown, dict(remembered.meta)
            if material.is_post_page(page) and not page.config.readtime:
                page.config.readtime = remembered.readtime

    def complete_search_index(self, search_plugin: Any, built: set[str]) -> None:
        """Give Material's search plugin, before it writes the index, the entries
        of the pages this build did not write (``built``: those it did), from the
        last build. Material's own merge assumes a single page per rebuild."""
        if search_plugin is None or getattr(search_plugin, "search_index", None) is None:
            return
        current = search_plugin.search_index.entries
        entries = (
            list(current)
            if self.plan.full
            else merge_search_entries(self.search_entries, current, built)
        )
        search_plugin.search_index.entries = entries
        search_plugin.search_index_prev = None
        self.search_entries = entries

    def remember(self) -> None:
        """The build succeeded: what it saw is the base of the next one."""
        self._last = self._this


def _short(path: str) -> str:
    return os.path.relpath(path) if os.path.isabs(path) else path
