"""Writing the pages of a large blog from several processes at once.

MkDocs builds in two passes: it reads every page (renders its Markdown), then
writes every page (lays it out in the theme's templates and saves it). Once the
first pass is done, writing one page needs nothing written by another, yet
MkDocs writes them one after the other on one core; at 1000 posts that second
pass is over half of the build. :class:`ParallelWriter` deals the pages out
into shares (every n-th page, so listing pages, which cost more, spread
evenly), forks one process per extra share when MkDocs starts writing, and
lets each process write its own share. Forked processes start
with everything the first pass produced, so each page comes out exactly as a
single process would write it (``tests/test_speedups.py`` compares every page).

What the pages leave behind in memory comes back to the main process: the
search index entries of their pages (in page order, so the index is the same
file) and the number of warnings logged (so ``--strict`` still fails). An error
in a share is raised again in the main process.

It is used only where that is all a page leaves behind: ``mkdocs build`` (not
``serve``, which runs threads and rebuilds little), on systems that can fork,
with more than one processor, and when every plugin in mkdocs.yml is one whose
page events are known to keep nothing else (:data:`PAGE_LOCAL_PLUGINS`);
otherwise MkDocs writes the pages as usual. It replaces MkDocs' internal
``mkdocs.commands.build._build_page`` (MkDocs 1.6) while the pages are written.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.utils import CountHandler

log = logging.getLogger("mkdocs.plugins.blog_extras")

# Plugins whose page events change only the page at hand, or (search) whose
# leftovers this module carries back.
PAGE_LOCAL_PLUGINS = frozenset({"material/search", "material/blog", "blog-extras", "search"})

# Below this many pages, forking costs more than it saves.
MIN_PAGES = 200
MAX_WORKERS = 4


def available_processors() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def shares(count: int, parts: int) -> list[list[int]]:
    """Positions ``0 .. count-1`` dealt out into ``parts`` shares, every n-th."""
    parts = max(1, min(parts, count))
    return [list(range(start, count, parts)) for start in range(parts)]


def workers_for(setting: int, command: str, plugin_names: Sequence[str]) -> tuple[int, str]:
    """How many processes write the pages, and why not more when only one."""
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
    processors = available_processors()
    if processors < 2:
        return 1, "one processor"
    return min(processors, MAX_WORKERS), ""


class _Share:
    """A forked process writing some pages, seen from the main process."""

    def __init__(self, pid: int, reader: int) -> None:
        self.pid = pid
        self.reader = reader

    def result(self) -> dict[str, Any]:
        chunks = []
        with os.fdopen(self.reader, "rb") as pipe:
            while chunk := pipe.read(1 << 16):
                chunks.append(chunk)
        _, status = os.waitpid(self.pid, 0)
        if not chunks:
            raise RuntimeError(f"a page-writing process ended without a result ({status})")
        return pickle.loads(b"".join(chunks))

    def stop(self) -> None:
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


class ParallelWriter:
    """Installed for one ``mkdocs build``: ``start`` before MkDocs writes pages
    (``on_env``), ``finish`` once it has (``on_post_build``, before search)."""

    def __init__(self, workers: int, min_pages: int = MIN_PAGES) -> None:
        self.workers = workers
        self.min_pages = min_pages
        self._original: Callable[..., None] | None = None
        self._own: set[int] | None = None
        self._position: dict[int, int] = {}  # id of a page -> its place among the pages
        self._entries: dict[int, list[Any]] = {}  # search entries of each page, by place
        self._shares: list[_Share] = []
        self._search: Any = None

    def start(self, config: Any) -> None:
        if self.workers < 2:
            return
        self._original = mkdocs_build._build_page
        self._search = config.plugins.get("material/search") or config.plugins.get("search")

        def build_page(page: Any, config: Any, doc_files: Sequence[Any], *args: Any,
                       **kwargs: Any) -> None:  # fmt: skip
            if self._own is None:
                self._fork(page, config, doc_files, args, kwargs)
            if self._own is not None and id(page) in self._own:
                self._write(page, config, doc_files, *args, **kwargs)

        mkdocs_build._build_page = build_page

    def _fork(self, first: Any, config: Any, doc_files: Sequence[Any], args: Any,
              kwargs: Any) -> None:  # fmt: skip
        pages = [file.page for file in doc_files]
        self._position = {id(page): at for at, page in enumerate(pages)}
        if len(pages) < self.min_pages or first is not pages[0]:
            self._own = set(self._position)
            return
        runs = [[pages[at] for at in run] for run in shares(len(pages), self.workers)]
        self._own = {id(page) for page in runs[0]}
        dirty = args[2] if len(args) > 2 else kwargs.get("dirty", False)
        nav, env = args[0], args[1]
        for run in runs[1:]:
            reader, writer = os.pipe()
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:  # the forked process: write this share, report, leave
                os.close(reader)
                self._write_share(run, config, doc_files, nav, env, dirty, writer)
            os.close(writer)
            self._shares.append(_Share(pid, reader))

    def _write_share(self, run: list[Any], config: Any, doc_files: Sequence[Any], nav: Any,
                     env: Any, dirty: bool, writer: int) -> None:  # fmt: skip
        assert self._original is not None
        counters = _count_handlers()
        before = [dict(counter.counts) for counter in counters]
        result: dict[str, Any]
        try:
            for page in run:
                excluded = page.file.inclusion.is_excluded()
                self._write(page, config, doc_files, nav, env, dirty, excluded=excluded)
            result = {"entries": self._entries}
        except BaseException as error:  # carried to the main process, raised there
            result = {"error": _portable(error)}
        result["warnings"] = [
            {level: count - was.get(level, 0) for level, count in counter.counts.items()}
            for counter, was in zip(counters, before, strict=True)
        ]
        try:
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(pickle.dumps(result))
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            # Leave without MkDocs' shutdown (which would remove the blog plugin's
            # files the main process still uses).
            os._exit(0)

    def _write(self, page: Any, *args: Any, **kwargs: Any) -> None:
        """Write a page, keeping the search entries it added apart, by its place."""
        assert self._original is not None
        entries = self._search.search_index.entries if self._search else None
        before = len(entries) if entries is not None else 0
        self._original(page, *args, **kwargs)
        if entries is not None:
            self._entries[self._position[id(page)]] = entries[before:]
            del entries[before:]

    def finish(self) -> None:
        """Collect the other processes' search entries and warnings; raise their errors."""
        if self._original is None:
            return
        mkdocs_build._build_page = self._original
        self._original = None
        shares_, self._shares = self._shares, []
        results = [share.result() for share in shares_]
        counters = _count_handlers()
        for result in results:
            for counter, counts in zip(counters, result["warnings"], strict=False):
                for level, count in counts.items():
                    counter.counts[level] += count
        for result in results:
            if "error" in result:
                raise result["error"]
        if self._search is not None:
            for result in results:
                self._entries.update(result["entries"])
            # In page order, as one process would have added them.
            self._search.search_index.entries.extend(
                entry for at in sorted(self._entries) for entry in self._entries[at]
            )

    def abort(self) -> None:
        if self._original is not None:
            mkdocs_build._build_page = self._original
            self._original = None
        for share in self._shares:
            share.stop()
        self._shares = []


def _count_handlers() -> list[CountHandler]:
    return [
        handler
        for handler in logging.getLogger("mkdocs").handlers
        if isinstance(handler, CountHandler)
    ]


def _portable(error: BaseException) -> BaseException:
    """The error itself when it survives pickling, else its text."""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        text = "".join(traceback.format_exception_only(type(error), error)).strip()
        return RuntimeError(text)
