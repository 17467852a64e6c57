"""The one reader of Material for MkDocs' blog plugin, and the one place that changes it.

Everything this package knows about Material's blog comes through here: its
settings, the posts it resolved (their addresses, dates, categories, and
whether the build publishes them), its views and their pagination, and its
validation of a post's front matter. The rest of the package works on the
plain records this module returns, so a change in Material means a change in
this file only.

Material's rules are asked, never copied: a post's address is what Material
gave it (or, before a build, what Material's own formatting function gives),
and whether a post is published is Material's own exclusion rule.

The speed-ups (``blog_extras/speed/``) change Material for the length of one
build, and only through the functions of the last section: the YAML loader and
the Markdown converter its posts and excerpts use, its lists of posts and of a
view's pages, its walk of the views, and how an excerpt renders. Each change
that outlives the build's own posts and views has its undo here
(``None`` to :func:`read_front_matter_with` and :func:`convert_excerpts_with`,
:func:`walk_views_anew`), which ``speed/plugin.py`` calls when the build ends,
so a build without ``blog-speed`` runs Material as shipped.

Every use of a name Material or MkDocs keeps private is marked ``# Internals:``
so that ``grep -rn "# Internals:" blog_extras`` is the checklist for an upgrade.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from material.plugins.blog import structure as blog_structure
from material.plugins.blog.plugin import BlogPlugin
from material.plugins.blog.readtime import readtime as material_readtime
from material.plugins.blog.structure import Excerpt, Post, View
from material.plugins.blog.structure.config import PostConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from blog_extras.authoring import safe_yaml
from blog_extras.authoring.checks import display_path
from blog_extras.content.posts import CategoryLink, ResolvedPost
from blog_extras.html.text import plain

BLOG_PLUGIN = "material/blog"
TAGS_PLUGIN = "material/tags"


class MaterialBlogMissing(Exception):
    """mkdocs.yml does not enable Material's blog plugin."""


def blog_plugin(config: MkDocsConfig) -> BlogPlugin:
    blog = config.plugins.get(BLOG_PLUGIN)
    if not isinstance(blog, BlogPlugin):
        raise MaterialBlogMissing("mkdocs.yml does not enable Material's 'blog' plugin")
    return blog


# -- Settings ----------------------------------------------------------------------


@dataclass(frozen=True)
class BlogSettings:
    """Material's blog settings this package follows, as plain values."""

    post_dir: str  # below docs/
    excerpt_separator: str
    categories_allowed: tuple[str, ...]
    # Material holds back posts dated in the future (`draft_if_future_date`) in a
    # plain `mkdocs build` (one that does not publish drafts anyway).
    future_posts_wait: bool
    slugify: Callable[[str, str], str]  # Material's slug of a title
    slug_separator: str
    date_format: str  # Material's post_date_format: how every date of a post is written
    # Every plain setting (and the theme's language, which dates in addresses
    # follow): equal fingerprints, equal rules for posts.
    fingerprint: tuple[Any, ...]


def blog_settings(config: MkDocsConfig, drafts_published: bool | None = None) -> BlogSettings:
    """``drafts_published``: Material's ``draft`` as mkdocs.yml sets it, when read before
    Material turns it on for `mkdocs serve` (see :func:`drafts_published_by_build`)."""
    settings = blog_plugin(config).config
    published = settings.draft if drafts_published is None else drafts_published
    return BlogSettings(
        post_dir=posixpath.normpath(settings.post_dir.format(blog=settings.blog_dir)),
        excerpt_separator=settings.post_excerpt_separator,
        categories_allowed=tuple(settings.categories_allowed),
        future_posts_wait=settings.draft_if_future_date and not published,
        slugify=settings.post_slugify,
        slug_separator=settings.post_slugify_separator,
        date_format=settings.post_date_format,
        fingerprint=(
            config.theme.get("language"),
            *((key, repr(value)) for key, value in settings.items() if not callable(value)),
        ),
    )


def view_roots(config: MkDocsConfig) -> tuple[str, ...]:
    """The folders below the site where Material writes the blog's own pages:
    archive, category, author and numbered index pages (``blog/archive``...)."""
    settings = blog_plugin(config).config
    formats = (
        settings.archive_url_format, settings.categories_url_format,
        settings.pagination_url_format, settings.authors_profiles_url_format,
    )  # fmt: skip
    roots = []
    for url_format in formats:
        fixed = url_format.split("{", 1)[0].rsplit("/", 1)[0] if "{" in url_format else url_format
        if fixed.strip("/"):
            roots.append(posixpath.normpath(posixpath.join(settings.blog_dir, fixed.strip("/"))))
    return tuple(root.removeprefix("./") for root in roots)


def first_author_name(config: MkDocsConfig) -> str | None:
    """The name of the first author of Material's authors file, as Material read it
    in its ``on_config``; None when its authors are off or the file lists none."""
    plugin = blog_plugin(config)
    if not plugin.config.authors:
        return None
    authors = getattr(plugin, "authors", None) or {}  # Internals: Material's resolved authors
    first = next(iter(authors.values()), None)
    name = getattr(first, "name", None)
    # Plain: the build escapes Material's authors for its templates (html/text.py).
    return plain(name) if isinstance(name, str) and name else None


def resolved_authors(config: MkDocsConfig) -> list[Any]:
    """The authors Material read from its authors file in its ``on_config``, the
    objects its templates print (none when its authors are off)."""
    plugin = blog_plugin(config)
    if not plugin.config.authors:
        return []
    return list(
        (getattr(plugin, "authors", None) or {}).values()
    )  # Internals: Material's resolved authors


def post_links(config: MkDocsConfig) -> list[Any]:
    """Every entry of every post's ``links:``, sections and what they hold, as
    Material resolved them in its ``on_env`` (links to pages made references)."""
    found: list[Any] = []

    def walk(items: Iterable[Any]) -> None:
        for item in items:
            found.append(item)
            walk(getattr(item, "children", None) or ())

    for post in posts(config):
        links = post.config.links
        if links:
            walk(links.items)
    return found


def authors_file(config: MkDocsConfig) -> str:
    """Material's authors file, below docs/."""
    settings = blog_plugin(config).config
    return posixpath.normpath(settings.authors_file.format(blog=settings.blog_dir))


def check_authors_file(config: MkDocsConfig) -> None:
    """Raise ``PluginError`` with a one-line message naming the file and line when
    Material's authors file (if its authors are on and the file is there) holds
    what Material's reader would choke on or loop over: YAML aliases, broken YAML.
    Run before Material reads it (its ``on_config``)."""
    if not blog_plugin(config).config.authors:
        return
    path = Path(config.docs_dir) / authors_file(config)
    if not path.is_file():
        return
    try:
        safe_yaml.load_file(path, display_path(path))
    except (safe_yaml.YamlFileError, OSError) as error:
        raise PluginError(str(error)) from None


def known_authors(config: MkDocsConfig) -> tuple[tuple[str, ...] | None, str]:
    """The keys of the authors in Material's authors file, in the file's order, as
    Material reads it (None when Material's authors are off), and that file's path
    below docs/. Raises ``PluginError`` with Material's message when the file is
    broken."""
    path = authors_file(config)
    if not blog_plugin(config).config.authors:
        return None, path
    check_authors_file(config)
    authors = blog_plugin(config)._resolve_authors(config)  # Internals: Material's reader
    return tuple(authors), path


def drafts_published_by_build(config: MkDocsConfig) -> bool:
    """Material's ``draft`` setting; read before Material's ``on_config``, which turns
    it on under `mkdocs serve` to show drafts in the preview."""
    return bool(blog_plugin(config).config.draft)


# -- Posts -------------------------------------------------------------------------


def posts(config: MkDocsConfig) -> list[Any]:
    """Material's post pages, in Material's order (pinned, then newest first)."""
    return list(blog_plugin(config).blog.posts)


def post_record(config: MkDocsConfig, post: Any, drafts_published: bool) -> ResolvedPost:
    blog = blog_plugin(config)
    dates = post.config.date
    title = post.meta.get("title")
    return ResolvedPost(
        key=post.file.src_uri,
        url=post.url,
        title=plain(title) if isinstance(title, str) else html.unescape(post.title or ""),
        title_in_body=bool(post._title_from_render),  # Internals: MkDocs' Page
        created=dates.created,
        updated=dates.get("updated"),
        is_draft=post.config.draft is True,
        is_published=_published(blog, post, drafts_published),
        readtime=post.config.readtime,
        categories=tuple(CategoryLink(view.name, view.url) for view in post.categories),
        meta=post.meta,
        content=post.content or "",
        authors=tuple(plain(author.name) for author in post.authors),
    )


def _published(blog: Any, post: Any, drafts_published: bool) -> bool:
    """Material's own rule, asked as a plain `mkdocs build` would ask it."""
    shown = blog.config.draft
    blog.config.draft = drafts_published
    try:
        return not blog._is_excluded(post)  # Internals: Material's exclusion rule
    finally:
        blog.config.draft = shown


def is_post_page(page: Any) -> TypeGuard[Post]:
    return isinstance(page, Post)


def is_listing_page(page: Any) -> bool:
    """The blog's index, an archive or category page, or one of their numbered pages."""
    return isinstance(page, View)


def blog_index_url(config: MkDocsConfig) -> str:
    return blog_plugin(config).blog.url


def set_sitemap_date(post: Any, day: str) -> None:
    """The sitemap's <lastmod> of a post (MkDocs writes ``page.update_date``)."""
    post.update_date = day


def readtime_of(config: MkDocsConfig) -> Callable[[str], int] | None:
    """Material's reading time of a post's HTML, when the blog shows one."""
    settings = blog_plugin(config).config
    if not settings.post_readtime:
        return None
    words_per_minute = settings.post_readtime_words_per_minute
    return lambda text: material_readtime(text, words_per_minute)


# -- Views (index, archive, category pages) ----------------------------------------


def views(config: MkDocsConfig) -> list[Any]:
    blog = blog_plugin(config)
    return list(blog._resolve_views(blog.blog))  # Internals: Material's view tree


def listing_pages(config: MkDocsConfig) -> dict[str, tuple[str, ...]]:
    """Source path of each listing page (index, archive, category, and their numbered
    pages): the view's name, then the posts it shows, in order, as Material
    paginates them."""
    blog = blog_plugin(config)
    pages: dict[str, tuple[str, ...]] = {}
    for view in views(config):
        listed = [post.file.src_uri for post in view.posts]
        paginated = blog._config_pagination(view)  # Internals: Material's pagination
        per_page = (
            blog._config_pagination_per_page(view)  # Internals: Material's pagination
            if paginated
            else len(listed)
        )
        for at, page in enumerate(view.pages or [view]):
            shown = listed[at * per_page : (at + 1) * per_page] if per_page else listed
            pages[page.file.src_uri] = (view.name or "", *shown)
    return pages


def post_layout(config: MkDocsConfig, with_titles: bool) -> tuple[tuple[Any, ...], ...]:
    """Each post's source, address, dates, categories, tags (the tags page lists
    them) and draft mark (and title)."""
    return tuple(
        (
            post.file.src_uri,
            post.url,
            tuple(sorted((name, str(value)) for name, value in post.config.date.items())),
            tuple(category.name for category in post.categories),
            _tags_as_written(post.meta.get("tags")),
            post.config.draft,
            post.meta.get("title") if with_titles else None,
        )
        for post in posts(config)
    )


def _tags_as_written(tags: Any) -> tuple[str, ...]:
    if not isinstance(tags, list):
        return ()
    return tuple(plain(tag) if isinstance(tag, str) else repr(tag) for tag in tags)


# -- Tags (Material's tags plugin) ---------------------------------------------------


def tags_listing_directive(config: MkDocsConfig) -> str | None:
    """The marker of the tags plugin's listings (``material/tags``); None when the
    plugin is off or lists nothing."""
    plugin = config.plugins.get(TAGS_PLUGIN)
    settings = getattr(plugin, "config", None)
    if settings is None or not settings.enabled or not settings.listings:
        return None
    return str(settings.listings_directive)


def slug_tags_as_written(config: MkDocsConfig) -> None:
    """Tag names reach the tags plugin escaped (``R&amp;D``, html/text.py): its
    anchors on the tags page are made from the names as written (``R&D``)."""
    plugin = config.plugins.get(TAGS_PLUGIN)
    settings = getattr(plugin, "config", None)
    if settings is None or getattr(settings.tags_slugify, "unescapes", False):
        return
    slugify = settings.tags_slugify

    def slug_as_written(text: str, separator: str) -> str:
        return str(slugify(html.unescape(text), separator))

    slug_as_written.unescapes = True  # type: ignore[attr-defined]
    settings.tags_slugify = slug_as_written


def post_metas(config: MkDocsConfig) -> list[dict[str, Any]]:
    """Every post's front matter, once Material's blog plugin has read the posts."""
    return [post.meta for post in posts(config)]


def any_post_links(config: MkDocsConfig) -> bool:
    """Whether a post has ``links:``, whose pages show other pages' titles, or
    ``tags:``, which the tags page lists by title."""
    return any("links" in post.meta or post.meta.get("tags") for post in posts(config))


# -- Front matter, before a build ----------------------------------------------------


def check_post(
    config: MkDocsConfig, meta: dict[str, Any], body: str, src_uri: str
) -> tuple[list[tuple[str, str]], str]:
    """Material's own validation of the post keys it reads, as (key, Material's
    message) pairs, and, when they pass, the address Material gives the post, by
    Material's own formatting of ``post_url_format`` ("" otherwise)."""
    post_config = PostConfig(src_uri)
    post_config.load_dict({key: meta[key] for key in meta.keys() & post_config.keys()})
    errors, _warnings = post_config.validate()
    if errors:
        return [(str(key), str(error)) for key, error in errors], ""
    file = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
    page = Page(None, file, config)
    page.markdown, page.meta = body, meta  # what Page.title reads, as for Material's posts
    page.config = post_config  # type: ignore[attr-defined]  # what Material's rule reads
    # Material's address rule reads of its Post only what this Page has.
    rule = blog_plugin(config)._format_path_for_post  # Internals: Material's address rule
    path = rule(page, config)  # type: ignore[arg-type]
    return [], File(path, config.docs_dir, config.site_dir, config.use_directory_urls).url


# -- What the speed-ups change in Material, for one build (blog_extras/speed/) -------

# Material's own, as its structure module bound them, to be put back.
_MATERIAL_YAML_LOADER = blog_structure.SafeLoader  # Internals: Material's YAML loader
_MATERIAL_MARKDOWN = blog_structure.Markdown  # Internals: Material's excerpt converter

# Material's walk of its tree of views: a view, then every view below it.
ViewWalk = Callable[[Any], Iterable[Any]]


def read_front_matter_with(loader: type[Any] | None) -> None:
    """Material reads each post's front matter with ``yaml.load(text, SafeLoader)``,
    the name its structure module imported: that name now gives ``loader``
    (None: Material's own again)."""
    chosen = _MATERIAL_YAML_LOADER if loader is None else loader
    blog_structure.SafeLoader = chosen  # type: ignore[misc]  # Internals: Material's YAML loader


def convert_excerpts_with(factory: Callable[..., Any] | None) -> None:
    """Material gives each excerpt the converter ``Markdown(**options)`` makes, the name
    its structure module imported: that name now gives ``factory`` (None:
    Material's own again)."""
    chosen = _MATERIAL_MARKDOWN if factory is None else factory
    blog_structure.Markdown = chosen  # type: ignore[assignment,misc]  # Internals: Material's excerpt converter


def list_posts_with(config: MkDocsConfig, make_list: Callable[[list[Any]], list[Any]]) -> None:
    """Material's list of the blog's posts, made again by ``make_list`` from the same
    posts in the same order (once Material has resolved them, ``on_files``). The
    list belongs to this build's blog: the next build resolves a new one."""
    root = blog_plugin(config).blog
    root.posts = make_list(root.posts)  # Internals: Material's post list


def list_view_pages_with(config: MkDocsConfig, make_list: Callable[[list[Any]], list[Any]]) -> None:
    """Each view's list of its numbered pages, made again by ``make_list`` (once
    Material has made the pages, ``on_files``); this build's views, like the posts."""
    plugin = blog_plugin(config)
    for view in _material_walk(plugin)(plugin.blog):
        view.pages = make_list(view.pages)  # Internals: Material's pages of a view


def walk_views_once(config: MkDocsConfig, remember: Callable[[ViewWalk], ViewWalk]) -> None:
    """Material walks its tree of views anew each time it asks (for every page); it
    asks ``remember(its walk)`` instead until :func:`walk_views_anew`. This one
    is kept by Material's plugin object, which MkDocs keeps from build to build."""
    plugin = blog_plugin(config)
    walk = remember(_material_walk(plugin))
    plugin._resolve_views = walk  # type: ignore[assignment,method-assign]  # Internals: Material's view tree


def walk_views_anew(plugin: BlogPlugin) -> None:
    """Material walks its views its own way again (nothing happens if it already did)."""
    vars(plugin).pop("_resolve_views", None)  # Internals: Material's view tree


def _material_walk(plugin: BlogPlugin) -> ViewWalk:
    """Material's own walk, whatever the plugin object holds in its place."""
    walk: ViewWalk = type(plugin)._resolve_views.__get__(plugin)  # Internals: Material's view tree
    return walk


# Markdown after the separator that the part before it may depend on: reference
# links, footnotes and abbreviations defined further down the post.
_DEFINITIONS_BELOW = re.compile(r"^ {0,3}(\[[^\]]+\]:|\*\[[^\]]+\]:)", re.MULTILINE)


class HeadOnlyExcerpt(Excerpt):  # Internals: Material's Excerpt.render and its fields
    """Material's excerpt, rendering only the Markdown before the separator.

    Replaces ``Excerpt.render``, which converts the whole post for every listing
    page the post appears on and then drops what follows the separator. When the
    rest of the post defines references the excerpt may use, it falls back to
    rendering the whole post, as Material does. (A speed-up, here rather than in
    ``speed/`` because all of it is Material's excerpt: its fields and its render.)
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


def render_excerpt_head_only(page: Any) -> None:
    """A post's excerpt renders only the Markdown before the separator (this build's
    excerpt: the next build gives the post a new one)."""
    excerpt = getattr(page, "excerpt", None)
    if type(excerpt) is Excerpt:
        excerpt.__class__ = HeadOnlyExcerpt  # Internals: Material's Excerpt.render
