"""The MkDocs adapter: MkDocs events call into this package, nothing more. The
plugin holds its settings and the state of a build (and of `mkdocs serve` between
builds); the rules are in the modules it calls.

Before a build it checks the posts (``authoring/checks.py``) and fills in what
GitHub's environment tells (``content/github.py``). Once Material's blog plugin
has resolved and rendered the posts, it reads them (through ``material.py``) and
gives the templates in ``overrides/`` the plain values they lay out:
``post_facts``, ``post_seo``, ``post_share`` and ``recent_posts`` on post pages,
``blog_cards`` for the excerpt cards of the blog index, archive and category
pages, ``blog_services`` on every page; the templates' own tags are marked as
they load (``html/theme_marks.py``). Each page then gets
its one HTML pass (``html/page.py``), and the build its own files: the feed,
robots.txt and the old addresses' pages (``content/site.py``, ``output.py``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from blog_extras import engine, material
from blog_extras.authoring import preview_errors
from blog_extras.authoring.built_site import served_prefix
from blog_extras.authoring.checks import check_posts
from blog_extras.authoring.settings import check_settings
from blog_extras.authoring.views_snapshot import SNAPSHOT_NAME, SnapshotError, read_snapshot
from blog_extras.config import BlogExtrasConfig
from blog_extras.content.github import GitHubEnvironmentError, github_settings_for_build
from blog_extras.content.paths import Output, output_problem
from blog_extras.content.posts import (
    PostFacts,
    facts_of_posts,
    published_newest_first,
    template_values,
)
from blog_extras.content.services import ServiceConfigError, Services, resolve_services
from blog_extras.content.site import (
    SiteInfo,
    post_page_values,
    recent_posts_values,
    site_files,
    site_info,
)
from blog_extras.content.tags import any_tags, holds_tags_listing
from blog_extras.content.web_address import site_address_problem
from blog_extras.html.fixes import LISTING, NOT_FOUND, OTHER, POST, missed_fix_warnings
from blog_extras.html.images import LazyImages, first_image
from blog_extras.html.page import (
    MissingPolicySlot,
    ThemeMark,
    UnsafeSerialization,
    finish_page,
)
from blog_extras.html.text import escape_author, escape_front_matter, escape_link, escape_tags
from blog_extras.html.theme_marks import mark_theme
from blog_extras.output import OutsideSite, write_site_files

log = get_plugin_logger(__name__)


def _report_unmarked_script(template: str, values: list[str]) -> None:
    log.warning(
        f"the template {template} has an inline script printing {', '.join(values)}, which "
        "may come from a page: it gets no hash in the page's policy, and does not run"
    )


class BlogExtrasPlugin(BasePlugin[BlogExtrasConfig]):
    def __init__(self) -> None:
        self._facts: dict[str, PostFacts] = {}
        self._newest: list[PostFacts] = []
        self._index_url = ""
        self._site = SiteInfo("", "", "", "", "en")
        self.services: Services | None = None
        self._policy_origins: list[str] = []
        self._policy_frames: list[str] = []
        self._mark = ThemeMark.new()
        self._missed_fixes: set[tuple[str, str]] = set()  # reported already
        self._written_by_mkdocs: frozenset[str] = frozenset()
        self._command = "build"
        self._dirty = False
        self._drafts_published = False  # Material's `draft`, as a plain build has it
        # The post checks of unchanged files, kept between `mkdocs serve` rebuilds.
        self._checked: dict[tuple[Any, ...], Any] = {}

    @property
    def _serving(self) -> bool:
        return self._command == "serve"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command, self._dirty = command, dirty
        # New for each `mkdocs serve`: MkDocs keeps one instance of this plugin per
        # process (for it has this event). Made here only: MkDocs and ProperDocs run
        # this event first for build and gh-deploy too. Under `mkdocs serve`, the post
        # checks' errors go to the browser.
        self._preview = preview_errors.PreviewErrors(serving=self._serving)

    # Before Material's blog plugin (default priority), which turns drafts on under
    # `mkdocs serve`: what a plain build publishes is read here.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.recent_posts < 0:
            raise PluginError("blog-extras: 'recent_posts' in mkdocs.yml must be 0 or more")
        if material.BLOG_PLUGIN not in config.plugins:
            raise PluginError(
                "blog-extras: add Material's 'blog' plugin before 'blog-extras' in mkdocs.yml"
            )
        self._drafts_published = material.drafts_published_by_build(config)
        # Before Material reads its authors file, which a YAML alias would make loop.
        material.check_authors_file(config)
        self._use_github_environment(config)
        problem = site_address_problem(config.site_url or "")
        if problem:
            # Printed into every page's <head>, and the base of the feed's addresses.
            raise PluginError(problem)
        try:
            self.services = resolve_services(self.config, serving=self._serving)
        except ServiceConfigError as error:
            raise PluginError(f"blog-extras in mkdocs.yml: {error}") from None
        self._policy_origins = self.services.origins()
        self._policy_frames = self.services.frame_origins()
        # A new token for the marks on the templates' own tags, in every build.
        self._mark = ThemeMark.new()
        material.slug_tags_as_written(config)
        config.markdown_extensions.append(LazyImages(engine.site_image_file))  # type: ignore[arg-type]
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Before MkDocs empties site/ or Material reads a post: a broken post stops
        # the build here with a message naming it, and the last good site stays.
        settings = check_settings(config, self._drafts_published)
        report = check_posts(settings, memo=self._checked)
        for notice in report.notices:
            log.info(str(notice))
        post_root = settings.docs_dir / settings.post_dir
        # `mkdocs serve` ends when its first build fails, before the browser could
        # be told why: that build goes on without the posts.
        left_out = self._preview.leave_out_posts(report.errors, post_root, settings.post_dir)
        if not report.errors:
            return
        problems = "\n".join(str(error) for error in report.errors)
        if left_out:
            log.error(f"{problems}\nThe preview leaves the posts out until they are fixed.")
            return
        raise PluginError(f"{problems}\nNothing was built: fix the posts and build again.")

    # After Material's blog plugin has attached its views and their pages to the
    # navigation (-50), before blog-speed's quick preview decides what to rebuild
    # (-60). `make serve` runs `mkdocs serve --dirty` for that quick preview, which
    # marks, page by page, what each rebuild reads and writes. Without it (its line
    # taken out of mkdocs.yml, `enabled: false`, an untested version) MkDocs would
    # read and write only the edited files, leaving the listing pages and Recent
    # Posts stale: every page is rebuilt instead, as a plain `mkdocs serve` does.
    @event_priority(-55)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self._dirty:
            engine.rebuild_every_page(files)
        return nav

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[[], None]
    ) -> LiveReloadServer:
        self._preview.show_in_browser(
            server, Path(config.site_dir), watched=engine.logger(), log=log
        )
        return server

    # After Material's blog plugin (its own on_env runs at the default priority),
    # and before any template renders, when every page's HTML already exists.
    @event_priority(-100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self._read_posts(config)
        # Once the posts' own titles are read, and before any template runs.
        for file in files.documentation_pages():
            if file.page is not None:
                escape_front_matter(file.page.meta)
        # Material resolved the posts' links in its own on_env, copying the settings
        # of the pages they lead to before those were escaped above.
        for item in material.post_links(config):
            escape_link(item)
        for author in material.resolved_authors(config):
            escape_author(author)
        # The excerpt cards of the index, archive and category pages, by address.
        env.globals["blog_cards"] = {
            facts.url: template_values(facts) for facts in self._facts.values()
        }
        services = self.services
        env.globals["blog_services"] = (
            services.page_config() if services and services.enabled else None
        )
        # The templates' own <script>, <meta> and <link> carry the build's token
        # (html/theme_marks.py), which the page pass trusts and takes off.
        mark_theme(env, self._mark.token, _report_unmarked_script)
        return env

    # First, before Material's blog plugin reads the posts (-50).
    @event_priority(100)
    def _on_files_leave_out_posts(self, files: Files, *, config: MkDocsConfig) -> Files:
        for file in self._preview.left_out(files):
            files.remove(file)
        return files

    # Last, once Material has added its blog's pages (-50): nothing the build writes
    # may land outside site/, or on a file another one writes.
    @event_priority(-90)
    def _on_files_guard_output(self, files: Files, *, config: MkDocsConfig) -> Files:
        outputs = (
            Output(file.src_uri, file.dest_uri, file.is_documentation_page()) for file in files
        )
        problem = output_problem(outputs)
        if problem:
            raise PluginError(f"{problem} Nothing was built.")
        # What the build's own files (the feed, the old addresses' pages) may not replace.
        self._written_by_mkdocs = frozenset(file.dest_uri for file in files)
        return files

    # Once Material's blog plugin has read the posts (-50): a tags page with no
    # tag to list is left out (content/tags.py).
    @event_priority(-60)
    def _on_files_leave_out_empty_tags_page(self, files: Files, *, config: MkDocsConfig) -> Files:
        directive = material.tags_listing_directive(config)
        if directive is None or any_tags(material.post_metas(config)):
            return files
        posts = {post.file.src_uri for post in material.posts(config)}
        for file in files.documentation_pages():
            own_page = file.generated_by is None and file.src_uri not in posts
            if own_page and holds_tags_listing(file.content_string, directive):
                files.remove(file)
        return files

    on_files = CombinedEvent(
        _on_files_leave_out_posts, _on_files_leave_out_empty_tags_page, _on_files_guard_output
    )

    # Before Material's tags plugin reads a page's tags (-50), and its search plugin.
    @event_priority(-40)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        escape_tags(page.meta)
        return markdown

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        facts = self._facts.get(page.file.src_uri)
        if facts is None:
            return context
        values = cast(dict[str, Any], context)  # this blog's own keys beside MkDocs'
        values.update(post_page_values(facts, self._site, first_image(page.content or "")))
        values["recent_posts"] = self.recent_posts_values(facts.key)
        # Material prints page.meta.description unescaped into <meta name=description>.
        if not page.meta.get("description"):
            page.meta["description"] = escape(facts.excerpt)
        return context

    def recent_posts_values(self, key: str) -> dict[str, Any] | None:
        """The Recent Posts block of the post ``key`` (the preview asks it too)."""
        return recent_posts_values(self._newest, key, self.config.recent_posts, self._index_url)

    # Last, after every other change to the page.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self._facts:
            kind = POST
        else:
            kind = LISTING if material.is_listing_page(page) else OTHER
        return self._finish_page(output, page.file.src_uri, kind)

    @event_priority(-100)
    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # The 404 page is rendered apart from the pages, as a template of the theme.
        if not template_name.endswith(".html"):
            return output_content
        return self._finish_page(output_content, template_name, NOT_FOUND)

    def _finish_page(self, html_text: str, name: str, kind: str) -> str:
        """The one HTML pass (html/page.py): Material's markup fixed, and the page's
        policy in its slot."""
        # `mkdocs serve` adds its live-reload script to each page as it serves it,
        # inline and different every time: no policy could allow it by hash.
        origins = None if self._serving else self._policy_origins
        try:
            finished = finish_page(html_text, self._mark, kind, origins, self._policy_frames)
        except MissingPolicySlot as error:
            raise PluginError(
                f"{name}: {error}. The build stopped: no page goes out without its policy."
            ) from None
        except UnsafeSerialization as error:
            raise PluginError(
                f"{name}: {error}. The build stopped; simplify the page's HTML."
            ) from None
        for warning in missed_fix_warnings(finished.missed_fixes, kind, name, self._missed_fixes):
            log.warning(warning)
        return finished.html

    # Before Material's search plugin writes the index (default priority).
    @event_priority(50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        files = site_files(self._newest, self._facts.values(), self._site)
        try:
            write_site_files(Path(config.site_dir), files, self._written_by_mkdocs)
        except OutsideSite as error:
            raise PluginError(str(error)) from None

    def _use_github_environment(self, config: MkDocsConfig) -> None:
        """On GitHub Actions, fill in what mkdocs.yml leaves unset (content/github.py):
        the repository, for "Edit this page", and the published address."""
        try:
            settings = github_settings_for_build(
                os.environ,
                docs_dir=config.docs_dir,
                config_file=config.config_file_path or "mkdocs.yml",
                edit_branch=self.config.edit_branch,
                has_repo_url=bool(config.repo_url),
                has_site_url=bool(config.site_url),
            )
        except GitHubEnvironmentError as error:
            raise PluginError(str(error)) from None
        settings.fill_in(config)

    def _read_posts(self, config: MkDocsConfig) -> None:
        """Every post's facts, from what Material resolved and rendered."""
        self._site = site_info(
            name=config.site_name,
            description=config.site_description,
            url=config.site_url,  # as filled in from GitHub's environment
            site_author=config.site_author,
            first_author=material.first_author_name(config),  # read in Material's on_config
            language=config.theme.get("language"),
        )
        settings = material.blog_settings(config)
        pages = material.posts(config)
        try:
            counted = read_snapshot(Path(config.docs_dir) / SNAPSHOT_NAME)
        except SnapshotError as error:
            raise PluginError(str(error)) from None
        facts = facts_of_posts(
            (material.post_record(config, page, self._drafts_published) for page in pages),
            counted_views=counted,
            site_path=served_prefix(self._site.url),
            excerpt_separator=settings.excerpt_separator,
            excerpt_length=self.config.excerpt_length,
            locale=self._site.language,
            date_format=settings.date_format,
        )
        self._facts = {post.key: post for post in facts}
        self._newest = published_newest_first(facts)
        self._index_url = material.blog_index_url(config)
        # The sitemap's <lastmod> of a post: its own date, not the day of the build.
        for page, shown in zip(pages, facts, strict=True):
            material.set_sitemap_date(page, shown.shown_date.date().isoformat())
