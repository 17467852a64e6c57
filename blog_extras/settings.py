"""The parts of mkdocs.yml this package's checks and tools need, read once."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

from .checks import CheckSettings


class SettingsError(Exception):
    """mkdocs.yml cannot be used; the message says why in plain words."""


def check_settings(config: MkDocsConfig) -> CheckSettings:
    blog = config.plugins.get("material/blog")
    if blog is None:
        raise SettingsError("mkdocs.yml does not enable Material's 'blog' plugin")
    blog_dir = blog.config.blog_dir
    return CheckSettings(
        docs_dir=Path(config.docs_dir),
        post_dir=blog.config.post_dir.format(blog=blog_dir),
        blog_dir=blog_dir,
        post_url_format=blog.config.post_url_format,
        categories_allowed=tuple(blog.config.categories_allowed),
        slugify=blog.config.post_slugify,
        slug_separator=blog.config.post_slugify_separator,
        use_directory_urls=config.use_directory_urls,
    )


def load_site_config(config_file: str | Path) -> MkDocsConfig:
    try:
        return load_config(str(config_file))
    except ConfigurationError as error:
        raise SettingsError(f"{config_file}: {error}") from None
    except OSError as error:
        raise SettingsError(f"{config_file}: cannot be read ({error.strerror})") from None
