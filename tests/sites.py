"""Building a site in-process and reading the HTML it produced."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig


@dataclass(frozen=True)
class BuiltSite:
    root: Path

    def page(self, url_path: str) -> str:
        """The HTML served at ``url_path`` (``""`` is the home page)."""
        path = self.root / url_path.strip("/") / "index.html"
        return path.read_text(encoding="utf-8")

    def soup(self, url_path: str) -> BeautifulSoup:
        return BeautifulSoup(self.page(url_path), "html.parser")

    def has_page(self, url_path: str) -> bool:
        return (self.root / url_path.strip("/") / "index.html").is_file()


def build_site(config_file: Path, site_dir: Path, command: str = "build") -> BuiltSite:
    """Build as ``mkdocs <command>`` would ("serve" builds as the preview does)."""
    built_config(config_file, site_dir, command)
    return BuiltSite(site_dir)


def built_config(config_file: Path, site_dir: Path, command: str = "build") -> MkDocsConfig:
    """Build as :func:`build_site` does, and return the configuration the build ran
    with: its plugins hold what they resolved (Material's blog, its posts)."""
    # MkDocs keeps the plugins that have on_startup or on_shutdown for the next
    # load_config of the process (for `mkdocs serve`). Each site built here gets
    # new ones, as `make build` does in a process of its own: Material's blog
    # removes its temporary folder on shutdown, and an instance used again cannot
    # remove it a second time when the blog has no post to write there.
    MkDocsConfig.plugins.plugin_cache.clear()
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command=command, dirty=False)
    build(config)
    config.plugins.on_shutdown()
    return config


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path below the site, as bytes."""
    return {
        str(path.relative_to(site)): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def text_of(element) -> str:
    """An element's text as a reader sees it: whitespace collapsed."""
    return " ".join(element.get_text().split())
