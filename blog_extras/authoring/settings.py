"""The parts of mkdocs.yml this package's checks and tools need, read once."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

from blog_extras import material
from blog_extras.authoring.checks import CheckSettings


class SettingsError(Exception):
    """mkdocs.yml cannot be used; the message says why in plain words."""


def check_settings(config: MkDocsConfig, drafts_published: bool | None = None) -> CheckSettings:
    try:
        blog = material.blog_settings(config, drafts_published)
    except material.MaterialBlogMissing as error:
        raise SettingsError(str(error)) from None
    return CheckSettings(
        docs_dir=Path(config.docs_dir),
        post_dir=blog.post_dir,
        categories_allowed=blog.categories_allowed,
        slugify=blog.slugify,
        slug_separator=blog.slug_separator,
        material=partial(material.check_post, config),
        rules=blog.fingerprint,
        use_directory_urls=config.use_directory_urls,
        future_posts_wait=blog.future_posts_wait,
    )


def load_site_config(config_file: str | Path) -> MkDocsConfig:
    try:
        return load_config(str(config_file))
    except ConfigurationError as error:
        raise SettingsError(f"{config_file}: {error}") from None
    except OSError as error:
        raise SettingsError(f"{config_file}: cannot be read ({error.strerror})") from None
