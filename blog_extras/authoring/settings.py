"""The parts of mkdocs.yml this package's checks and tools need, read once."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.utils import markdown_extensions
from mkdocs.utils.meta import get_data

from blog_extras import material
from blog_extras.authoring.checks import CheckSettings
from blog_extras.content.feed import FEED_NAME
from blog_extras.content.paths import OLD_POST_PREFIXES
from blog_extras.content.web_address import site_address_problem


class SettingsError(Exception):
    """mkdocs.yml cannot be used; the message says why in plain words."""


def check_settings(config: MkDocsConfig, drafts_published: bool | None = None) -> CheckSettings:
    try:
        blog = material.blog_settings(config, drafts_published)
    except material.MaterialBlogMissing as error:
        raise SettingsError(str(error)) from None
    docs = Path(config.docs_dir)
    try:
        authors, authors_file = material.known_authors(config)
    except PluginError as error:
        raise SettingsError(str(error)) from None
    return CheckSettings(
        docs_dir=docs,
        post_dir=blog.post_dir,
        categories_allowed=blog.categories_allowed,
        slugify=blog.slugify,
        slug_separator=blog.slug_separator,
        material=partial(material.check_post, config),
        rules=blog.fingerprint,
        use_directory_urls=config.use_directory_urls,
        future_posts_wait=blog.future_posts_wait,
        reserved=site_addresses(docs, blog.post_dir, material.view_roots(config)),
        template_dirs=tuple(Path(folder) for folder in config.theme.dirs),
        markdown_extensions=tuple(config.markdown_extensions),
        markdown_configs=dict(config.mdx_configs),
        markdown_suffixes=tuple(markdown_extensions),
        page_settings=lambda text: get_data(text)[1],
        authors=authors,
        authors_file=docs / authors_file,
    )


# What the site writes itself, below its root, whatever the posts are.
SITE_OWN = (FEED_NAME, "robots.txt", "404.html", "sitemap.xml", "sitemap.xml.gz", "search",
            "assets")  # fmt: skip


def site_addresses(docs: Path, post_dir: str, view_roots: tuple[str, ...]) -> tuple[str, ...]:
    """Addresses no post may take: the site's own files, Material's blog pages, and
    the folders and files at the top of docs/ (but the one holding the posts)."""
    holding_posts = post_dir.split("/", 1)[0]
    top = (
        entry.name for entry in sorted(docs.iterdir()) if docs.is_dir()
        if entry.suffix != ".md" and entry.name != holding_posts
    )  # fmt: skip
    redirects = (prefix.strip("/") for prefix in OLD_POST_PREFIXES)  # the old Wix addresses
    return tuple(dict.fromkeys([*SITE_OWN, *redirects, *view_roots, *top]))


def load_site_config(config_file: str | Path) -> MkDocsConfig:
    try:
        return load_config(str(config_file))
    except ConfigurationError as error:
        raise SettingsError(f"{config_file}: {error}") from None
    except OSError as error:
        raise SettingsError(f"{config_file}: cannot be read ({error.strerror})") from None
    except ValueError as error:  # MkDocs' urlsplit of an address such as "https://[x"
        problem = site_address_problem(os.environ.get("SITE_URL", ""))
        raise SettingsError(problem or f"{config_file}: {' '.join(str(error).split())}") from None
