"""``blog linkcheck site``: every link and image inside the built site
must lead somewhere (``make linkcheck``).

Works offline on the files, like lychee's ``--offline`` mode: each ``href``,
``src`` and ``srcset`` in every page, raw HTML in posts included, that points
inside the site must name a file that exists, and a ``#fragment`` on a page
must name an element ``id`` of that page. Links to other sites are not
fetched.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK_ATTRIBUTES = {"href", "src", "poster", "data"}
_EXTERNAL_SCHEMES = ("http:", "https:", "mailto:", "tel:", "data:", "javascript:", "blob:")


@dataclass(frozen=True)
class BrokenLink:
    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"error: {self.page}: broken link to {self.target} ({self.reason})"


class _PageScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif tag == "base" and name == "href":
                self.base = value
            elif name in _LINK_ATTRIBUTES and tag != "base":
                # <link rel=canonical|alternate> may point at the published address.
                self.links.append(value)
            elif name == "srcset":
                self.links.extend(part.split()[0] for part in value.split(",") if part.strip())


def _scan(path: Path) -> _PageScanner:
    scanner = _PageScanner()
    scanner.feed(path.read_text(encoding="utf-8", errors="replace"))
    scanner.close()
    return scanner


def _resolve(site: Path, page: Path, path_part: str) -> Path:
    if path_part.startswith("/"):
        return site / unquote(path_part).lstrip("/")
    return page.parent / unquote(path_part)


def _target_file(candidate: Path) -> Path | None:
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_site(site: Path) -> Iterator[BrokenLink]:
    site = site.resolve()
    pages = sorted(site.rglob("*.html"))
    scans = {page: _scan(page) for page in pages}
    for page, scan in scans.items():
        shown = page.relative_to(site).as_posix()
        for link in scan.links:
            if not link or link.startswith(_EXTERNAL_SCHEMES) or link.startswith("//"):
                continue
            parts = urlsplit(link)
            if parts.scheme:
                continue
            target = _target_file(_resolve(site, page, parts.path)) if parts.path else page
            if target is None or site not in (target.resolve(), *target.resolve().parents):
                yield BrokenLink(shown, link, "no such file in the site")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = scans[target.resolve()].ids if target.resolve() in scans else set()
                if unquote(parts.fragment) not in ids:
                    yield BrokenLink(shown, link, f"no element with id '{parts.fragment}'")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the links of a built site, offline.")
    parser.add_argument("site", type=Path, help="the built site folder, usually site/")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site} holds no built site; run 'make build' first", file=sys.stderr)
        return 1
    broken = list(check_site(args.site))
    for link in broken:
        print(link, file=sys.stderr)
    pages = len(list(args.site.rglob("*.html")))
    if broken:
        print(f"{len(broken)} broken link(s) in {pages} pages.", file=sys.stderr)
        return 1
    print(f"All links inside the site lead somewhere ({pages} pages checked).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
