"""What a reader's browser fetches on a first visit of a page, in gzip bytes.

Read from the built files, so the figure is deterministic: the page, its
stylesheets, scripts and images, the favicon, and what Material's bundle loads
at start (the search worker, and the sitemap that instant navigation reads).
Search (its worker and index) is counted apart: it is fetched only when a search
starts.
tests/browser/test_page_weight.py checks in Chromium that this list is what a
first visit really requests.
"""

from __future__ import annotations

import gzip
import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        rel = values.get("rel", "").split()
        if tag == "link" and {"stylesheet", "icon", "preload", "modulepreload"} & set(rel):
            self.urls.append(values["href"])
        elif (tag == "script" and values.get("src")) or (
            tag == "img" and values.get("src") and values.get("loading") != "lazy"
        ):
            self.urls.append(values["src"])
        elif tag == "script" and values.get("id") == "__config":
            self._in_config = True

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_config = False


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def first_visit(site: Path, page_url: str) -> dict[str, int]:
    """Site-relative path of each resource a first visit of ``page_url`` fetches,
    with its gzip size."""
    page_url = page_url.strip("/") + "/" if page_url.strip("/") else ""
    html_path = site / page_url / "index.html"
    html = html_path.read_bytes()
    parser = _Resources()
    parser.feed(html.decode("utf-8"))
    base = "http://site/" + page_url
    paths = [page_url + "index.html"]
    for url in parser.urls:
        absolute = urljoin(base, url)
        if urlsplit(absolute).netloc == "site":
            paths.append(urlsplit(absolute).path.lstrip("/"))
    config = json.loads(parser.config) if parser.config.strip() else {}
    # The search worker and index wait for a search (overrides/assets/javascripts/light-start.js).
    if "navigation.instant" in config.get("features", []):
        paths.append("sitemap.xml")
    return {path: gzip_size((site / path).read_bytes()) for path in dict.fromkeys(paths)}


def search_bytes(site: Path) -> int:
    """What starting a search adds: the worker script and the index."""
    workers = list((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    files = [*workers, site / "search" / "search_index.json"]
    return sum(gzip_size(path.read_bytes()) for path in files)
