"""``mkdocs build`` on several processors: posts rendered and pages written in parallel.

MkDocs builds in two passes, one page after the other on one core: it reads
every page (renders its Markdown to HTML), then writes every page (lays it out
in the theme's templates and saves it). At 1000 posts the posts' Markdown is a
fifth of the build and the writing over half, and in both one page needs
nothing done for another. So, with ``n`` processes (:class:`ParallelBuild`):

* ``render_posts`` (just before MkDocs reads the pages) deals the posts out
  into ``n`` shares (every n-th post), forks a process per extra share, renders
  the Markdown of each share the way MkDocs does, and hands each post its result,
  which MkDocs then takes instead of rendering again. Everything else MkDocs
  does while reading (the plugins' page events) still happens in order, in the
  main process.
* ``start_writing`` (once every page is read) starts the other processes
  writing pages; each process, the main one included once it has written the
  theme's files, takes the next page nobody has taken yet, until none is left.

Forked processes start with everything the main process knew, so each page
comes out exactly as one process would make it (``tests/test_speedups.py``
compares every page). What a share leaves behind comes back to the main
process: rendered posts, the search index entries of the pages written (put
back in page order, so the index is the same file), and the number of warnings
logged (so ``--strict`` still fails). An error in a share is raised again in
the main process.

Used only where that is all a page leaves behind: ``mkdocs build`` (not
``serve``, which runs threads and rebuilds little), on Linux (elsewhere only
when ``build_workers`` asks for it, on systems that can fork), with more than
one processor, and when every plugin in mkdocs.yml is one whose
page events are known to keep nothing else (:data:`PAGE_LOCAL_PLUGINS`).
It relies on MkDocs 1.6's ``Page.render`` and ``mkdocs.commands.build._build_page``.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from blog_extras import engine

# Plugins whose page events change only the page at hand, or (search) whose
# leftovers this module carries back. Material's tags plugin collects the tags
# while pages are read, in the main process, and fills in the tags page in its
# on_env, before any page is written; writing a page only reads them (with its
# tags.json export off, as mkdocs.yml has it: else on_env writes that file).
PAGE_LOCAL_PLUGINS = frozenset(
    {"material/search", "material/blog", "material/tags", "blog-extras", "blog-speed",
     "search", "tags"}
)  # fmt: skip

# The pages `mkdocs build` writes (serve writes drafts too, but never forks).
_IN_BUILD = InclusionLevel.is_included

# Below this many pages, forking costs more than it saves.
MIN_PAGES = 200
MAX_WORKERS = 4


def available_processors() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def shares(count: int, parts: int) -> list[list[int]]:
    """Positions ``0 .. count-1`` dealt out into ``parts`` shares, every n-th, so
    that costlier pages (listing pages) spread evenly."""
    parts = max(1, min(parts, count))
    return [list(range(start, count, parts)) for start in range(parts)]


def workers_for(setting: int, command: str, plugin_names: Sequence[str]) -> tuple[int, str]:
    """How many processes build, and why only one when so."""
    if setting == 1:
        return 1, "build_workers: 1 in mkdocs.yml"
    if command not in ("build", "gh-deploy"):
        return 1, f"mkdocs {command}"
    if not hasattr(os, "fork"):
        return 1, "this system cannot fork"
    others = sorted(set(plugin_names) - PAGE_LOCAL_PLUGINS)
    if others:
        return 1, f"plugin {others[0]} may keep state from each page"
    if setting >= 2:
        return setting, ""
    if not sys.platform.startswith("linux"):
        # macOS can fork, but system frameworks some libraries load do not
        # survive it; Linux is where the site is published from (GitHub Actions).
        return 1, f"automatic only on Linux, this is {sys.platform} (set build_workers)"
    processors = available_processors()
    if processors < 2:
        return 1, "one processor"
    return min(processors, MAX_WORKERS), ""


# Forking ---------------------------------------------------------------------


class _Share:
    """A forked process doing one share of the work, seen from the main process."""

    def __init__(self, work: Callable[[], Any]) -> None:
        reader, writer = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        # Objects the forked process only reads stay shared with this one as long
        # as nothing writes to them; Python's collector would, on every
        # collection, unless they are frozen out of its reach.
        gc.freeze()
        pid = os.fork()
        if pid == 0:
            os.close(reader)
            _run_share(work, writer)  # never returns
        gc.unfreeze()
        os.close(writer)
        self._pid, self._reader = pid, reader

    def result(self) -> Any:
        """The share's result, once it is done; its warnings counted here; its
        error raised here."""
        chunks = []
        with os.fdopen(self._reader, "rb") as pipe:
            while chunk := pipe.read(1 << 16):
                chunks.append(chunk)
        _, status = os.waitpid(self._pid, 0)
        if not chunks:
            raise RuntimeError(f"a build process ended without a result (status {status})")
        outcome = pickle.loads(b"".join(chunks))
        for counter, counts in zip(_count_handlers(), outcome["warnings"], strict=False):
            for level, count in counts.items():
                counter.counts[level] += count
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    def stop(self) -> None:
        try:
            os.kill(self._pid, 9)
            os.waitpid(self._pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def _run_share(work: Callable[[], Any], writer: int) -> None:
    counters = _count_handlers()
    before = [dict(counter.counts) for counter in counters]
    outcome: dict[str, Any]
    try:
        outcome = {"value": work()}
    except BaseException as error:  # carried to the main process, raised there
        outcome = {"error": _portable(error)}
    outcome["warnings"] = [
        {level: count - was.get(level, 0) for level, count in counter.counts.items()}
        for counter, was in zip(counters, before, strict=True)
    ]
    try:
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(pickle.dumps(outcome))
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        # Leave without MkDocs' shutdown, which would remove the blog plugin's
        # temporary files the main process still uses.
        os._exit(0)


def _count_handlers() -> list[CountHandler]:
    return [handler for handler in engine.logger().handlers if isinstance(handler, CountHandler)]


def _portable(error: BaseException) -> BaseException:
    """The error itself when it survives pickling, else its text."""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        text = "".join(traceback.format_exception_only(type(error), error)).strip()
        return RuntimeError(text)


# Rendering posts ---------------------------------------------------------------


@dataclass(frozen=True)
class _Rendered:
    """What MkDocs' ``Page.render`` leaves on a page, in a form that pickles."""

    markdown: str
    content: str
    toc: Any
    title_from_render: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's path
    readtime: int | None


def _render_posts(
    posts: Sequence[Any],
    config: Any,
    files: Any,
    workers: int,
    readtime: Callable[[str], int] | None,
) -> None:
    """Render the posts' Markdown in ``workers`` processes; MkDocs' reading then
    takes each post's result instead of rendering it (see module docstring).

    ``readtime`` (Material's reading time, when the blog computes it) is worked
    out here too, from the same HTML the blog plugin would read it from.
    """
    if len(posts) < 2:
        return
    runs = [[posts[at] for at in run] for run in shares(len(posts), workers)]
    started = [_Share(partial(_render, run, config, files, readtime)) for run in runs[1:]]
    try:
        results = _render(runs[0], config, files, readtime)
        while started:
            results.update(started[0].result())
            started.pop(0)
    finally:
        for share in started:
            share.stop()
    for post in posts:
        if post.file.src_uri in results:
            rendered = _Prerendered(post, results[post.file.src_uri])
            post.render = rendered  # Internals: MkDocs' Page.render, replaced


def _render(
    posts: Sequence[Any], config: Any, files: Any, readtime: Callable[[str], int] | None
) -> dict[str, _Rendered]:
    results = {}
    for post in posts:
        markdown = post.markdown
        config._current_page = post  # Internals: MkDocs' page being rendered
        try:
            Page.render(post, config, files)
        except Exception:
            continue  # MkDocs renders it again while reading, and reports the error
        finally:
            config._current_page = None  # Internals: MkDocs' page being rendered
        links = post.links_to_anchors
        results[post.file.src_uri] = _Rendered(
            markdown=markdown,
            content=post.content,
            toc=post.toc,
            title_from_render=post._title_from_render,  # Internals: MkDocs' Page
            present_anchor_ids=post.present_anchor_ids,
            links_to_anchors=(
                None if links is None else {file.src_uri: found for file, found in links.items()}
            ),
            readtime=readtime(post.content) if readtime and not post.config.readtime else None,
        )
    return results


class _Prerendered:
    """Stands in for ``Page.render`` on one post, giving the result rendered
    beforehand; renders for real if a plugin changed the Markdown since."""

    def __init__(self, post: Any, rendered: _Rendered) -> None:
        self._post, self._rendered = post, rendered

    def __call__(self, config: Any, files: Any) -> None:
        post, rendered = self._post, self._rendered
        del post.render  # back to Page.render for any later call
        if post.markdown != rendered.markdown:
            post.render(config, files)
            return
        post.content = rendered.content
        post.toc = rendered.toc
        post._title_from_render = rendered.title_from_render  # Internals: MkDocs' Page
        post.present_anchor_ids = rendered.present_anchor_ids
        if rendered.links_to_anchors is not None:
            post.links_to_anchors = {
                files.get_file_from_path(path): found
                for path, found in rendered.links_to_anchors.items()
            }
        if rendered.readtime is not None:
            post.config.readtime = rendered.readtime


# Writing pages -----------------------------------------------------------------


class ParallelBuild:
    """The parallel parts of one ``mkdocs build``, in the order MkDocs reaches them:
    :meth:`render_posts` just before it reads the pages (``on_nav``),
    :meth:`start_writing` once every page is read (the end of ``on_env``),
    :meth:`finish` once it has written its pages (``on_post_build``, before the
    search plugin writes the index), :meth:`abort` on an error.

    Whether the build goes parallel is decided once, in :meth:`render_posts`.
    Pages are not dealt out in advance: each process takes the next page not yet
    taken (a counter in shared memory), so the main process, which also copies
    the theme's files and writes the sitemap, simply writes fewer.
    """

    def __init__(self, workers: int, min_pages: int = MIN_PAGES) -> None:
        self.workers = workers
        self.min_pages = min_pages
        self.active = False
        self._original: Callable[..., None] | None = None
        self._pages: list[Any] = []
        self._position: dict[int, int] = {}  # id of a page -> its place among the pages
        self._entries: dict[int, list[Any]] = {}  # search entries of each page, by place
        self._shares: list[_Share] = []
        self._search: Any = None
        self._taken: Any = None  # how many pages the processes have taken, shared
        self._lock: Any = None

    def render_posts(
        self, posts: Sequence[Any], config: Any, files: Any, readtime: Callable[[str], int] | None
    ) -> None:
        self._pages = [file.page for file in files.documentation_pages(inclusion=_IN_BUILD)]
        self.active = self.workers > 1 and len(self._pages) >= self.min_pages
        if self.active:
            _render_posts(posts, config, files, self.workers, readtime)

    def start_writing(self, config: Any, nav: Any, env: Any, dirty: bool) -> None:
        """Start the other processes writing pages, while this one copies the
        theme's files and writes the sitemap, then joins in."""
        if not self.active:
            return
        pages = self._pages
        self._original = mkdocs_build._build_page  # Internals: MkDocs' page writer
        self._search = config.plugins.get("material/search") or config.plugins.get("search")
        self._position = {id(page): at for at, page in enumerate(pages)}
        self._taken = multiprocessing.RawValue("q", 0)
        self._lock = multiprocessing.Lock()
        doc_files = [page.file for page in pages]

        def write_pages() -> dict[int, list[Any]]:
            while (at := self._take()) is not None:
                page = pages[at]
                excluded = page.file.inclusion.is_excluded()
                self._write(page, config, doc_files, nav, env, dirty, excluded=excluded)
            return self._entries

        self._shares = [_Share(write_pages) for _ in range(self.workers - 1)]

        def build_page(page: Any, *args: Any, **kwargs: Any) -> None:
            # MkDocs' own loop. Its first page starts this process taking pages
            # like the others; any page not among those (none in MkDocs 1.6) is
            # written as usual.
            if id(page) not in self._position:
                self._write(page, *args, **kwargs)
                return
            kwargs.pop("excluded", None)
            while (at := self._take()) is not None:
                taken = pages[at]
                excluded = taken.file.inclusion.is_excluded()
                self._write(taken, *args, excluded=excluded, **kwargs)

        mkdocs_build._build_page = build_page  # Internals: MkDocs' page writer

    def _take(self) -> int | None:
        with self._lock:
            at: int = self._taken.value
            if at >= len(self._pages):
                return None
            self._taken.value = at + 1
            return at

    def _write(self, page: Any, *args: Any, **kwargs: Any) -> None:
        """Write a page, keeping the search entries it added apart, by its place."""
        assert self._original is not None
        entries = self._search.search_index.entries if self._search else None
        before = len(entries) if entries is not None else 0
        self._original(page, *args, **kwargs)
        if entries is not None and id(page) in self._position:
            self._entries[self._position[id(page)]] = entries[before:]
            del entries[before:]

    def finish(self) -> None:
        """Collect the other processes' search entries; raise their errors."""
        if self._original is None:
            return
        mkdocs_build._build_page = self._original  # Internals: MkDocs' page writer
        self._original = None
        while self._shares:  # those left on an error are stopped by abort()
            self._entries.update(self._shares[0].result())
            self._shares.pop(0)
        if self._search is not None:
            # In page order, as one process would have added them.
            self._search.search_index.entries.extend(
                entry for at in sorted(self._entries) for entry in self._entries[at]
            )

    def abort(self) -> None:
        if self._original is not None:
            mkdocs_build._build_page = self._original  # Internals: MkDocs' page writer
            self._original = None
        for share in self._shares:
            share.stop()
        self._shares = []
