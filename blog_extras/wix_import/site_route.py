"""The route with no key: any public Wix blog, read from its sitemaps and its post
pages (FACTS C.1, C.4, C.5).

``/sitemap.xml`` is an index of sitemaps; ``blog-posts-sitemap.xml`` lists every
published post. Each post page embeds the Blog app's post data (a v3-like post
with its Ricos rich content, counts, owner, categories and tags) in
``<script id="wix-warmup-data">``; where that is missing, the post is read from
the server-rendered ``article[data-hook="post"]``, the head's meta tags and the
JSON-LD. Fetching is the caller's: see :mod:`blog_extras.wix_import.remote`.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from urllib.parse import urlsplit
from xml.etree import ElementTree

from selectolax.lexbor import LexborHTMLParser, LexborNode

from blog_extras.authoring import safe_json
from blog_extras.wix_import.remote import (
    MAX_EXCERPT,
    MAX_LABEL,
    MAX_LABELS,
    MAX_TITLE,
    GetText,
    MediaRef,
    RemoteError,
    RemotePost,
    blog_posting,
    canonical_url,
    dimension,
    iso_datetime,
    labels_of,
    media_ref_from,
    one_line,
    post_from_v3,
    safe_slug,
)
from blog_extras.wix_import.sources import old_path, parse_wix_date

# The Wix Blog app's id, the key of its entry in the page's warmup data (FACTS C.5).
BLOG_APP_ID = "14bcded7-0066-7c35-14d7-466cb3f09103"

# A sitemap holds at most 50 MB and 50,000 addresses (sitemaps.org); a post page of
# a long post is about 1.5 MB (ADOLF); a Wix blog holds at most 100K posts (FACTS
# A.6), so a few blog-posts sitemaps at most: more is no Wix blog, and not read.
MAX_SITEMAP_CHARS = 50_000_000
MAX_PAGE_CHARS = 20_000_000
MAX_SITEMAP_URLS = 50_000
MAX_CHILD_SITEMAPS = 100
MAX_POSTS = 100_000

_BLOG_SITEMAP = re.compile(r"blog-posts-sitemap[^/]*\.xml", re.IGNORECASE)


@dataclass(frozen=True)
class SitemapEntry:
    """A post the sitemap lists: its address (path percent-encoded) and its
    pictures. Its ``lastmod`` is not kept: a post's counts change without it, and
    it names only a day, so it cannot tell that a post is unchanged."""

    address: str
    images: tuple[MediaRef, ...] = ()


@dataclass
class SitemapResult:
    """What one sitemap gave: the blog-posts sitemaps an index names (``sitemaps``),
    or the posts a ``urlset`` lists (``posts``), and what was left out and why."""

    sitemaps: list[str] = field(default_factory=list)
    posts: list[SitemapEntry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


# -- Sitemaps -----------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


# Wix's free addresses, where a site lives in a folder (FACTS C.2).
FREE_HOSTS = (".wixsite.com", ".wixstudio.io", ".wixstudio.com")


def site_folder(url: str) -> str:
    """The path a site's pages live under: "/" for a site on its own domain,
    ``/<site>/`` for a free site (``user.wixsite.com/<site>``, FACTS C.2)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host.endswith(FREE_HOSTS):
        first = parts.path.strip("/").split("/")[0]
        return f"/{first}/" if first else "/"
    return "/"


def sitemap_entries(xml_text: str, source_url: str) -> SitemapResult:
    """A Wix sitemap read: a ``sitemapindex`` gives the addresses of its
    ``blog-posts-sitemap*.xml`` children; a ``urlset`` gives the posts it lists.
    Only addresses on the sitemap's own site (``www.`` or not) and under its
    ``/post/`` or ``/single-post/`` count; the others are in ``skipped``.

    XML with a DOCTYPE or entities is refused, as the feed reader refuses it
    (``sources.read_feed``); malformed XML is a RemoteError naming the URL and line.
    """
    if len(xml_text) > MAX_SITEMAP_CHARS:
        raise RemoteError(f"{source_url}: the sitemap is larger than 50 MB; not read")
    text = xml_text.lstrip("\ufeff \t\r\n")
    if not text:
        raise RemoteError(f"{source_url}: the sitemap is empty")
    upper = text[:4096].upper()
    if "<!DOCTYPE" in upper or "<!ENTITY" in text.upper():
        raise RemoteError(f"{source_url}: a sitemap with a DOCTYPE or entities is not read")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        line, column = error.position
        reason = str(error).partition(":")[0]
        raise RemoteError(
            f"{source_url}: malformed XML at line {line}, column {column + 1} ({reason})"
        ) from None
    kind = _local(root.tag)
    result = SitemapResult()
    site_host, folder = _host(source_url), site_folder(source_url)

    def on_site(url: str) -> bool:
        return _host(url) == site_host and urlsplit(url).path.startswith(folder)

    if kind == "sitemapindex":
        for loc in _locs(root, "sitemap"):
            url = canonical_url(loc)
            name = urlsplit(url).path.rpartition("/")[2]
            known = url in result.sitemaps
            if url and not known and on_site(url) and _BLOG_SITEMAP.fullmatch(name):
                result.sitemaps.append(url)
        return result
    if kind != "urlset":
        raise RemoteError(f"{source_url} is not a sitemap (its root is <{kind[:40]}>)")
    seen: set[str] = set()
    for item in root:
        if _local(item.tag) != "url":
            continue
        if len(seen) >= MAX_SITEMAP_URLS:
            result.skipped.append(f"more than {MAX_SITEMAP_URLS} addresses; the rest not read")
            break
        loc = _child_text(item, "loc")
        url = canonical_url(loc)
        if not url or not on_site(url) or not old_path(url):
            result.skipped.append(f"{one_line(loc, 200)!r}: not a post of this site")
            continue
        if url in seen:
            continue
        seen.add(url)
        images = []
        for image in item:
            if _local(image.tag) == "image":
                ref = media_ref_from(_child_text(image, "loc"))
                if ref is not None:
                    images.append(ref)
        result.posts.append(SitemapEntry(url, tuple(images)))
    return result


def _locs(root: ElementTree.Element, child: str) -> Iterator[str]:
    for item in root:
        if _local(item.tag) == child:
            yield _child_text(item, "loc")


def _child_text(element: ElementTree.Element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def blog_sitemap(get_text: GetText, site_url: str) -> SitemapResult:
    """Every post a Wix site's sitemaps list, from its address (the home page, its
    blog, or one of its posts): ``/sitemap.xml``, then each ``blog-posts-sitemap``
    the index names; at most MAX_POSTS, and what was left out, and why. A site
    whose sitemaps list no post is a RemoteError."""
    site = canonical_url(site_url)
    if not site:
        raise RemoteError(f"{one_line(site_url, 200)!r} is not an http(s) address")
    parts = urlsplit(site)
    root = f"{parts.scheme}://{parts.netloc}{site_folder(site)}"
    index_url = root + "sitemap.xml"
    first = sitemap_entries(get_text(index_url), index_url)
    found = SitemapResult(posts=first.posts, skipped=first.skipped)
    seen = {entry.address for entry in first.posts}
    if len(first.sitemaps) > MAX_CHILD_SITEMAPS:
        more = f"more than {MAX_CHILD_SITEMAPS} sitemaps of posts; the rest not read"
        found.skipped.append(f"{index_url}: {more}")
    for child in first.sitemaps[:MAX_CHILD_SITEMAPS]:
        listed = sitemap_entries(get_text(child), child)
        found.skipped.extend(listed.skipped)
        for entry in listed.posts:
            if entry.address not in seen:
                seen.add(entry.address)
                found.posts.append(entry)
        if len(found.posts) > MAX_POSTS:
            more = f"more than {MAX_POSTS:,} posts, more than a Wix blog holds; the rest not read"
            found.skipped.append(more)
            del found.posts[MAX_POSTS:]
            break
    if not found.posts:
        raise RemoteError(
            f"{index_url} lists no blog posts (no blog-posts-sitemap.xml with /post/ addresses):"
            " is this a Wix blog?"
        )
    return found


def read_post(get_text: GetText, entry: SitemapEntry) -> RemotePost:
    """The post at a sitemap entry, fetched and read; the sitemap's first picture
    is its cover when the page names none."""
    post = post_from_page(get_text(entry.address), entry.address)
    if post.cover is None and entry.images:
        post.cover = entry.images[0]
        post.notes.append("the cover is the sitemap's picture of the post")
    return post


# -- Post pages ---------------------------------------------------------------------


def post_from_page(html: str, url: str) -> RemotePost:
    """A Wix post page read: the Blog app's post data in ``wix-warmup-data`` first
    (2024's ``OldPostPageWarmupData-<slug>`` key, or any key of the Blog app's
    entry whose value holds ``data.postPage.post``), else the server-rendered
    ``article[data-hook="post"]`` with the head's meta tags and JSON-LD, in either
    page generation (2024 has no title or date hooks in the article, 2025 has).

    A page with neither is not a Wix post page: RemoteError.
    """
    address = canonical_url(url)
    if not address:
        raise RemoteError(f"{one_line(url, 200)!r} is not an http(s) address")
    if len(html) > MAX_PAGE_CHARS:
        raise RemoteError(f"{address}: the page is larger than 20 MB; not read")
    tree = LexborHTMLParser(html)
    article = tree.css_first('article[data-hook="post"]')
    page_data, problem = _warmup_post_page(tree)
    if page_data is None:
        if article is None:
            reason = (
                f"its post data cannot be read ({problem})"
                if problem
                else ('no Wix post data and no article[data-hook="post"]')
            )
            raise RemoteError(f"{address} is not a readable Wix post page: {reason}")
        post = _post_from_article(tree, article, address)
        if problem:
            post.notes.insert(0, f"its post data cannot be read ({problem}); read from its HTML")
        return post

    owner = page_data["post"].get("owner")
    author = one_line(owner.get("name"), MAX_LABEL) if isinstance(owner, dict) else ""
    origin = f"{urlsplit(address).scheme}://{urlsplit(address).netloc}"
    post = post_from_v3(
        page_data["post"],
        category_labels=labels_of(page_data.get("categories")),
        tag_labels=labels_of(page_data.get("tags")),
        author=author,
        site=origin,
    )
    # The page's own address, the one the sitemap lists and the old links use, and
    # so its old address: not the slug its data names, which could be another
    # post's (that post would then be dropped as a duplicate).
    post.address = address
    post.slug = safe_slug(urlsplit(address).path.rstrip("/").rpartition("/")[2])
    if post.rich_content is None and article is not None:
        post.article_html = _article_body(article)
        post.notes.append("no rich content in the post data; its text is the page's HTML")
    if not post.title or post.first_published is None or not post.author:
        facts = _post_from_article(tree, article, address) if article is not None else None
        if facts is not None:
            post.title = post.title or facts.title
            post.first_published = post.first_published or facts.first_published
            post.last_published = post.last_published or facts.last_published
            post.author = post.author or facts.author
    return post


def _warmup_post_page(tree: LexborHTMLParser) -> tuple[dict | None, str]:
    """The Blog app's ``postPage`` (holding a ``post`` object) from the page's
    warmup data; or None, and why when the data is there but unreadable."""
    script = tree.css_first("script#wix-warmup-data")
    if script is None:
        return None, ""
    try:
        data = safe_json.loads(script.text(deep=True))
    except ValueError as error:
        return None, f"wix-warmup-data is not JSON: {one_line(str(error), 120)}"
    apps = data.get("appsWarmupData") if isinstance(data, dict) else None
    blog = apps.get(BLOG_APP_ID) if isinstance(apps, dict) else None
    if not isinstance(blog, dict):
        return None, ""
    keys = sorted(
        blog,
        key=lambda key: (
            not key.startswith("OldPostPageWarmupData-"),
            "postpage" not in key.casefold(),
        ),
    )
    problem = ""
    for key in keys[:50]:
        value = blog[key]
        if isinstance(value, str):
            if '"postPage"' not in value:
                continue
            try:
                value = safe_json.loads(value)
            except ValueError as error:
                problem = f"its {one_line(key, 60)!r} is not JSON: {one_line(str(error), 120)}"
                continue
        if not isinstance(value, dict):
            continue
        body = value.get("data") if isinstance(value.get("data"), dict) else value
        page = body.get("postPage") if isinstance(body, dict) else None
        if isinstance(page, dict) and isinstance(page.get("post"), dict):
            return page, ""
    return None, problem


def _meta(tree: LexborHTMLParser) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        key = node.attributes.get("property") or node.attributes.get("name")
        content = node.attributes.get("content")
        if key and content is not None and key not in found:
            found[key] = content
    return found


def _text(node: LexborNode | None) -> str:
    return one_line(node.text(deep=True), MAX_TITLE) if node is not None else ""


def _article_body(article: LexborNode) -> str:
    body = article.css_first('[data-hook="post-description"]')
    return (body or article).html or ""


def _post_from_article(tree: LexborHTMLParser, article: LexborNode, address: str) -> RemotePost:
    meta = _meta(tree)
    posting = blog_posting(
        script.text(deep=True) for script in tree.css('script[type="application/ld+json"]')
    )
    notes: list[str] = []

    def unescaped(value: object) -> str:  # JSON-LD's headline is HTML-escaped
        return one_line(html_lib.unescape(value), MAX_TITLE) if isinstance(value, str) else ""

    title = (
        _text(article.css_first('h1[data-hook="post-title"]'))
        or one_line(meta.get("og:title"), MAX_TITLE)
        or unescaped(posting.get("headline"))
        or _text(tree.css_first("title"))
    )
    if not title:
        notes.append("no title in the page")

    first = iso_datetime(posting.get("datePublished")) or iso_datetime(
        meta.get("article:published_time")
    )
    last = iso_datetime(posting.get("dateModified")) or iso_datetime(
        meta.get("article:modified_time")
    )
    if first is None:
        shown = article.css_first('[data-hook="time-ago"]')
        day = parse_wix_date(shown.attributes.get("title") or "") if shown is not None else None
        if day is not None:
            first = datetime.combine(day, time(), tzinfo=UTC)
            notes.append("only the day of publishing is known (from the page's date line)")
        else:
            notes.append("no publishing date in the page")

    author_data = posting.get("author")
    if isinstance(author_data, list) and author_data:
        author_data = author_data[0]
    author = (
        _text(article.css_first('[data-hook="user-name"]'))
        or (one_line(author_data.get("name"), MAX_LABEL) if isinstance(author_data, dict) else "")
        or one_line(meta.get("article:author"), MAX_LABEL)
    )[:MAX_LABEL]

    categories: list[str] = []
    # 2025: ul[aria-label="Post categories"]; 2024: a.post-categories-list__link
    links = article.css('ul[aria-label="Post categories"] a') or article.css(
        "a.post-categories-list__link"
    )
    for link in links[:MAX_LABELS]:
        label = one_line(link.text(deep=True), MAX_LABEL)
        if label and label not in categories:
            categories.append(label)

    cover = media_ref_from(meta.get("og:image"), meta.get("og:image:alt", ""))
    if cover is not None:
        cover = MediaRef(
            cover.media_id,
            cover.url,
            cover.alt,
            dimension(meta.get("og:image:width")),
            dimension(meta.get("og:image:height")),
        )
    elif isinstance(posting.get("image"), dict):
        image = posting["image"]
        cover = media_ref_from(image.get("url"))
        if cover is not None:
            cover = MediaRef(
                cover.media_id,
                cover.url,
                "",
                dimension(image.get("width")),
                dimension(image.get("height")),
            )

    notes.append("no view, comment or like counts in the page")
    return RemotePost(
        address=address,
        slug=safe_slug(urlsplit(address).path.rstrip("/").rpartition("/")[2]),
        title=title,
        first_published=first,
        last_published=last,
        excerpt=one_line(meta.get("description") or meta.get("og:description"), MAX_EXCERPT),
        article_html=_article_body(article),
        categories=categories,
        author=author,
        cover=cover,
        notes=notes,
    )
