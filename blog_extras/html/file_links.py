"""Addresses that work from disk, for the review copy of the built site
(``blog review-copy``, ``authoring/review_copy.py``).

The published site uses folder addresses (``miracle-in-cell-no-7/``), which a
web server answers with the folder's ``index.html``. A browser opening the site
from disk (``file://``) shows the folder's listing instead. In the review copy,
every address inside the site that names a folder names its ``index.html``,
and an address written from the site's root (``/blog/assets/...``, as MkDocs
writes the 404 page) becomes relative to the page. Everything else is left as
it is: absolute addresses (canonical, link previews, share links, the feed)
keep naming the published site, and a page's text and scripts, hence its
Content-Security-Policy hashes, are the published page's.

The rule is one for every link, whoever wrote it: Material's navigation, the
blog's cards and pagination, Recent Posts, the old-address redirect pages (their
``refresh``), links in posts, and the locations of the search index.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

INDEX = "index.html"
LINK_ATTRIBUTES = ("href", "src")
# Material's settings for its scripts on every page: JSON data, not code, so not
# hashed in the page's policy. The 404 page has its addresses written from the
# site's root, as its links.
MATERIAL_SETTINGS = 'script#__config[type="application/json"]'
MATERIAL_SETTINGS_ADDRESSES = ("base", "search")
# `<meta http-equiv="refresh" content="0; url=../../post/">`: the delay, then the address.
_REFRESH = re.compile(
    r"(?P<head>\s*[\d.]*\s*[;,]\s*(?:url\s*=\s*)?)(?P<quote>['\"]?)(?P<url>.*)", re.I
)

# Whether a path below the site ("" for its root; decoded, normalised, never
# leaving the site) is a folder holding an index.html.
IsFolder = Callable[[str], bool]


def file_address(address: str, page_dir: str, site_path: str, is_folder: IsFolder) -> str | None:
    """``address`` (an href or src of a page in ``page_dir``, its folder below the
    site, "" for the root) as it works from disk, or None when it needs no change:
    it works already, names another site, or leads outside this one.
    ``site_path``: the path of the published site's address (``/`` or ``/blog/``),
    the start of the addresses written from its root."""
    parts = urlsplit(address)
    path = parts.path
    if parts.scheme or parts.netloc or not path:  # another site, or this page ("#top")
        return None
    from_root = path.startswith("/")
    if from_root:
        relative = relative_path(path, page_dir, site_path)
        if relative is None:
            return None
        path = relative
    target = posixpath.normpath(posixpath.join(page_dir, unquote(path)))
    target = "" if target == "." else target
    if target == ".." or target.startswith(("../", "/")):
        return None
    if is_folder(target):
        path = INDEX if path in (".", "./") else path.rstrip("/") + "/" + INDEX
    elif not from_root:
        return None
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def relative_path(path: str, page_dir: str, site_path: str) -> str | None:
    """``path``, written from the root of the published site (``/blog/feed.xml``),
    relative to a page in ``page_dir`` (``feed.xml``); None when it is not below
    ``site_path``."""
    if path + "/" == site_path:
        path = site_path
    if not path.startswith(site_path):
        return None
    return posixpath.relpath(path[len(site_path) :] or ".", page_dir or ".")


def refresh_content(content: str, page_dir: str, site_path: str, is_folder: IsFolder) -> str | None:
    """The ``content`` of a ``<meta http-equiv="refresh">`` with its address working
    from disk, or None when it needs no change."""
    match = _REFRESH.fullmatch(content)
    if match is None:
        return None
    quote, url = match["quote"], match["url"]
    if quote and url.endswith(quote):
        url = url[: -len(quote)]
    new = file_address(url.strip(), page_dir, site_path, is_folder)
    if new is None:
        return None
    return f"{match['head']}{quote}{new}{quote}"


def settings_text(text: str, page_dir: str, site_path: str) -> str | None:
    """Material's settings (``text``, JSON) with their addresses written from the
    site's root made relative, or None when none is."""
    try:
        settings = json.loads(text)
    except ValueError:
        return None
    if not isinstance(settings, dict):
        return None
    changed = False
    for key in MATERIAL_SETTINGS_ADDRESSES:
        value = settings.get(key)
        if isinstance(value, str) and value.startswith("/"):
            relative = relative_path(value, page_dir, site_path)
            if relative is not None:
                settings[key] = relative
                changed = True
    if not changed:
        return None
    # As Jinja's tojson writes it, safe inside <script>.
    dumped = json.dumps(settings)
    return dumped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def file_page(
    html: str, page_dir: str, site_path: str, is_folder: IsFolder, script_src: str | None = None
) -> str | None:
    """The page ``html`` (in ``page_dir`` below the site) with every address working
    from disk and, when ``script_src`` is given and the page runs scripts, a
    ``<script src>`` of it before its first script; None when nothing changes."""
    tree = LexborHTMLParser(html)
    changed = False
    for node in tree.css("[href], [src]"):
        for name in LINK_ATTRIBUTES:
            value = node.attributes.get(name)
            new = file_address(value, page_dir, site_path, is_folder) if value else None
            if new is not None and new != value:
                node.attrs[name] = new
                changed = True
    for node in tree.css("meta[http-equiv][content]"):
        if (node.attributes.get("http-equiv") or "").strip().lower() != "refresh":
            continue
        content = refresh_content(
            node.attributes.get("content") or "", page_dir, site_path, is_folder
        )
        if content is not None:
            node.attrs["content"] = content
            changed = True
    settings = tree.css_first(MATERIAL_SETTINGS)
    text = settings_text(settings.text(), page_dir, site_path) if settings is not None else None
    if settings is not None and text is not None:
        settings.replace_with(_element("script", text, settings.attributes))
        changed = True
    first_script = tree.css_first("script")
    if script_src and first_script is not None:
        first_script.insert_before(_element("script", "", {"src": script_src}))
        changed = True
    return tree.html if changed else None


def _element(tag: str, text: str, attributes: dict[str, str | None]) -> LexborNode:
    """A new element ``tag`` holding ``text`` (raw: for scripts, already safe)."""
    element = LexborHTMLParser(f"<{tag}>{text}</{tag}>").css_first(tag)
    assert element is not None
    for name, value in attributes.items():
        element.attrs[name] = value or ""
    return element


def file_search_index(index: dict[str, Any], is_folder: IsFolder) -> dict[str, Any]:
    """MkDocs' search index (``search/search_index.json``) with each document's
    location (below the site: ``miracle/#part``) working from disk."""
    docs = []
    for doc in index.get("docs", []):
        location = doc.get("location")
        if isinstance(location, str):
            # The root's own location is "": the home page, not "this page".
            address = location if urlsplit(location).path else "./" + location
            new = file_address(address, "", "/", is_folder)
            doc = {**doc, "location": new} if new is not None else doc
        docs.append(doc)
    return {**index, "docs": docs}
