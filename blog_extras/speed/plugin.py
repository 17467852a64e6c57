"""``blog-speed``: the optional plugin that makes builds and previews faster.

It holds every speed-up of this project, and nothing a reader gets depends on
it: the same site comes out, file for file, with it in mkdocs.yml or without
(``tests/test_speedups.py`` compares them) and the same previews
(``tests/test_preview.py``).

* quicker paths through Material's blog plugin (``speedups.py``);
* ``mkdocs build`` on several processors (``parallel.py``);
* ``make serve`` rebuilding only what an edit changes (``preview.py``), with
  Python's full garbage collections run between rebuilds (``collector.py``).

All three lean on private parts of MkDocs 1.6 and Material 9.8 (Material's
only through ``blog_extras/material.py``), so the plugin runs only on the
versions it was tested with (:data:`TESTED`). On any other version it switches
itself off and says so in one line: the build is slower, never broken and
never different. List it after ``blog-extras`` in mkdocs.yml.

It changes code that outlives a build (MkDocs' and Material's module-level
names, the engine's logger, the plugin objects MkDocs keeps for the next
rebuild of ``make serve``) for one build at a time: from its ``on_config`` on,
and back as it was (:func:`undo_patches`) once the build is over, last of
every plugin's ``on_post_build``, or on ``on_build_error`` or
``on_shutdown``. So a build without it, such as the rebuild ``make serve``
runs after its line is taken out of mkdocs.yml (MkDocs then never calls this
plugin again), runs MkDocs and Material as shipped. What it leaves on the
build's own pages, posts, views and files goes with them; the one thing that
lasts a few seconds longer is the collector's deferral, which ends with its
collection (``collector.py`` says why).
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import get_context
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory
from mkdocs.utils.templates import TemplateContext

from blog_extras import engine, material
from blog_extras.plugin import BlogExtrasPlugin
from blog_extras.speed import converters, speedups
from blog_extras.speed.collector import CollectWhenIdle
from blog_extras.speed.parallel import MIN_PAGES, ParallelBuild, workers_for
from blog_extras.speed.preview import QuickPreview, RecentPostsRefresher

log = get_plugin_logger(__name__)

# The versions whose internals the speed-ups were written and tested against.
TESTED: dict[str, frozenset[str]] = {
    "mkdocs": frozenset({"1.6.1"}),
    "properdocs": frozenset({"1.6.7"}),
    "mkdocs-material": frozenset({"9.8.1"}),
}


class SpeedConfig(Config):
    enabled = config_options.Type(bool, default=True)
    # Processes building in `mkdocs build`: 0 = on Linux, one per processor (at
    # most 4) for sites of 200 pages or more; 1 = one; n = n
    build_workers = config_options.Type(int, default=0)


def untested_version(installed: dict[str, str | None]) -> str:
    """Why the speed-ups cannot run with these installed versions, or ""."""
    for package, version in installed.items():
        if version is not None and version not in TESTED.get(package, frozenset()):
            tested = ", ".join(sorted(TESTED.get(package, frozenset()))) or "none"
            return f"{package} {version} is not a version they were tested with ({tested})"
    return ""


def installed_versions() -> dict[str, str | None]:
    """The running engine's version and Material's."""
    found: dict[str, str | None] = {}
    for package in (engine.name(), "mkdocs-material"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = None
    return found


class BlogSpeedPlugin(BasePlugin[SpeedConfig]):
    def __init__(self) -> None:
        self.active = False
        self._command = "build"
        self._dirty = False
        # Set under `mkdocs serve --dirty` (make serve): see preview.py.
        self._preview: QuickPreview | None = None
        self._collector = CollectWhenIdle()  # full collections between previews
        self._parallel = ParallelBuild(1)
        self._built: set[str] = set()  # addresses of the pages this build wrote
        self._recent_shown: dict[str, Any] = {}  # each post page's Recent Posts
        self._env: Environment | None = None
        self._nav: Navigation | None = None
        self._files: Files | None = None
        self._blog: material.BlogPlugin | None = None  # Material's, once changed

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command, self._dirty = command, dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        why_not = "" if self.config.enabled else "enabled: false"
        why_not = why_not or untested_version(installed_versions())
        if why_not and self.config.enabled:
            log.info(f"Speed-ups off: {why_not}. The build is slower; nothing else changes.")
        self.active = not why_not
        if not self.active:
            self._preview = None
            self._parallel = ParallelBuild(1)
            self._collector.stop()
            return config
        # For this build only: _end_build() undoes each.
        speedups.use_libyaml(True)
        converters.share_converters(True)
        if self._dirty and self._preview is None:
            self._preview = QuickPreview()
        if self._preview:
            QuickPreview.hide_dirty_warning()
            self._collector.build_starts()
        setting = self.config.build_workers
        workers, why_one = workers_for(setting, self._command, list(config.plugins))
        if why_one:
            log.debug(f"The site is built by one process: {why_one}")
        self._parallel = ParallelBuild(workers, min_pages=0 if setting >= 2 else MIN_PAGES)
        return config

    # After Material's blog plugin has resolved the posts and views (-50).
    @event_priority(-60)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.active:
            speedups.index_posts(config)
        return files

    # After Material's blog plugin has attached the views to the navigation (-50).
    @event_priority(-60)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if not self.active:
            return nav
        self._blog = material.blog_plugin(config)
        speedups.index_views(config)
        self._nav, self._files, self._built = nav, files, set()
        if self._preview:
            self._choose_what_to_rebuild(config, files)
        self._parallel.render_posts(
            material.posts(config), config, files, material.readtime_of(config)
        )
        return nav

    # After Material's blog plugin has given each post its excerpt (-50).
    @event_priority(-60)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.active:
            material.render_excerpt_head_only(page)
        return markdown

    # Before blog-extras reads the posts (-100): the preview restores what pages
    # it did not read again gave last time.
    @event_priority(-90)
    def _on_env_before_posts_are_read(
        self, env: Environment, *, config: MkDocsConfig, files: Files
    ) -> Environment:
        if self._preview:
            self._preview.after_reading(files)
        return env

    # Last of all, once blog-extras has given the templates their values: pages
    # are written from here on, some of them by other processes.
    @event_priority(-110)
    def _on_env_ready_to_write(
        self, env: Environment, *, config: MkDocsConfig, files: Files
    ) -> Environment:
        if not self.active:
            return env
        self._env = env
        if self._preview:
            env.bytecode_cache = self._preview.templates
        # MkDocs makes a new environment for every build, so templates cannot
        # change under it; Jinja would otherwise check each template's file
        # every time a page includes it (tens of thousands of checks).
        env.auto_reload = False
        self._parallel.start_writing(config, self._nav, env, dirty=self._dirty)
        return env

    on_env = CombinedEvent(_on_env_before_posts_are_read, _on_env_ready_to_write)

    # After blog-extras has given a post page its Recent Posts (default priority).
    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self._preview:
            self._built.add(page.url)
            self._recent_shown[page.file.src_uri] = context.get("recent_posts")
        return context

    # Before Material's search plugin writes the index (default priority), and
    # before blog-extras writes the feed (50).
    @event_priority(60)
    def _on_post_build_finish(self, *, config: MkDocsConfig) -> None:
        self._parallel.finish()
        if self._preview:
            self._finish_preview(config)

    # After every plugin's post_build (MkDocs' "last" is -100): the build is over.
    @event_priority(-1000)
    def _on_post_build_undo(self, *, config: MkDocsConfig) -> None:
        self._end_build()

    on_post_build = CombinedEvent(_on_post_build_finish, _on_post_build_undo)

    def on_build_error(self, *, error: Exception) -> None:
        self._end_build()

    def on_shutdown(self) -> None:
        undo_patches(self._blog, self._parallel)
        self._collector.stop()

    def _end_build(self) -> None:
        undo_patches(self._blog, self._parallel)
        if self._preview:
            self._collector.build_ends()

    # -- Quick preview ---------------------------------------------------------------

    def _choose_what_to_rebuild(self, config: MkDocsConfig, files: Files) -> None:
        assert self._preview is not None
        plan = self._preview.choose(
            files=files,
            config=config,
            watched=_watched_paths(config),
            titles_in_footer="navigation.footer" in config.theme.get("features", []),
        )
        if plan.full and plan.reason != "first build":
            log.info(f"Rebuilding everything: {plan.reason}")
            # Pages of removed or moved posts must not linger in the preview.
            clean_directory(config.site_dir)

    def _finish_preview(self, config: MkDocsConfig) -> None:
        """Recent Posts refreshed on the post pages not rebuilt, and the search index
        completed with the entries of those pages."""
        preview = self._preview
        assert preview is not None and self._env is not None
        assert self._nav is not None and self._files is not None
        core = config.plugins["blog-extras"]
        assert isinstance(core, BlogExtrasPlugin)
        refreshed = 0
        if not preview.plan.full:
            refresher = RecentPostsRefresher(
                self._env.get_template("partials/recent-posts.html"),
                get_context(self._nav, self._files, config),
            )
            for post in material.posts(config):
                key = post.file.src_uri
                if post.url in self._built:
                    continue
                block = core.recent_posts_values(key)
                if _same(self._recent_shown.get(key), block):
                    continue
                self._recent_shown[key] = block
                if refresher.refresh(post, block):
                    refreshed += 1
                else:
                    log.warning(f"Recent Posts of {key} could not be refreshed: save the post")
        preview.complete_search_index(config.plugins.get("material/search"), self._built)
        preview.remember()
        if not preview.plan.full:
            log.info(
                f"Quick preview: rebuilt {len(self._built)} pages, "
                f"refreshed Recent Posts on {refreshed}"
            )


def undo_patches(blog: material.BlogPlugin | None, parallel: ParallelBuild) -> None:
    """Everything the speed-ups changed that outlives a build, back as MkDocs and
    Material have it: MkDocs' page writer (``parallel``'s other processes
    stopped), the Markdown converters of MkDocs' pages and Material's excerpts,
    Material's YAML loader, Material's walk of its views (``blog``: its plugin
    object), and MkDocs' warning of dirty builds. Nothing happens to what is
    already back, so it may run more than once (a strict build's warnings fail it
    after ``on_post_build``)."""
    parallel.abort()
    converters.share_converters(False)
    speedups.use_libyaml(False)
    QuickPreview.show_dirty_warning()
    if blog is not None:
        speedups.forget_views(blog)


def _same(shown: Any, block: Any) -> bool:
    return json.dumps(shown, sort_keys=True) == json.dumps(block, sort_keys=True)


def _watched_paths(config: MkDocsConfig) -> list[Path]:
    """What `mkdocs serve` watches: a change to any of it may change any page."""
    paths = [Path(config.docs_dir), Path(config.config_file_path)]
    if config.theme.custom_dir:
        paths.append(Path(config.theme.custom_dir))
    paths += [Path(path) for path in config.watch]
    return paths
