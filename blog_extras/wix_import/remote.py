"""One plain record of a post as a live Wix blog serves it, by either route of
``make import-wix SRC=https://site`` (issue 21): the public site (sitemaps and
post pages, :mod:`blog_extras.wix_import.site_route`) or the Blog REST API v3
(:mod:`blog_extras.wix_import.api_route`).

Everything fetched is untrusted. The readers here check every value's type and
size: a wrong one becomes ``None`` or "" and a line in the post's ``notes``,
never an exception, except :class:`RemoteError` with a one-line message when
there is no post to read at all. Text stays plain text (a ``<script>`` in a
title is kept as those characters): escaping happens when the post is written.

The fetcher protocol: the route drivers are handed plain callables (the HTTP
fetcher provides them, and adds the API key and site id, which never pass
through here):

- ``get_text(url) -> str``: a page, a sitemap;
- ``get_json(url) -> object``: JSON from a GET;
- ``post_json(url, body) -> object``: JSON from a POST of ``body`` as JSON.

Whatever those raise (their own errors for HTTP failures) passes through.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from blog_extras.authoring import safe_json
from blog_extras.wix_import import fetch

GetText = Callable[[str], str]
GetJson = Callable[[str], object]
PostJson = Callable[[str, dict], object]

# The host Wix serves uploaded pictures from (FACTS B.10). A picture there is kept
# by its media id, so that the importer fetches it from WIX_MEDIA_URL.
WIX_MEDIA_HOST = "static.wixstatic.com"

# Wix's own limits are 200 characters for a title, 500 for an excerpt, 100 for a
# slug (FACTS A.6); these leave room, and stop a hostile answer from filling memory.
MAX_TITLE = 1000
MAX_EXCERPT = 5000
MAX_LABEL = 200
MAX_SLUG = 400
MAX_MEDIA_ID = 200
MAX_COUNT = 10**12
MAX_LABELS = 100  # categories (Wix allows 10) or tags (Wix allows 30) on one post


class RemoteError(ValueError):
    """What a route read cannot be used at all (not a Wix post page, malformed XML
    or JSON, a paging cursor that repeats). The message is one line naming what
    and where."""


@dataclass(frozen=True)
class MediaRef:
    """A picture on Wix's media host: its media id (one safe path segment, such as
    ``38d615_206d...~mv2.jpg``), or, when it has none, an absolute https URL."""

    media_id: str = ""
    url: str = ""
    alt: str = ""
    width: int | None = None
    height: int | None = None


@dataclass
class RemotePost:
    """A post as the site or the API gave it, unconverted.

    ``address`` is its public URL with the path percent-encoded (an ASCII URL,
    whatever form the sitemap or the API wrote it in); ``slug`` is decoded and may
    be non-ASCII, or "" when Wix's slug is not one safe path segment (a note says
    so). ``rich_content`` is the Ricos document, untrusted; ``article_html`` the
    server-rendered post body, given only when there is no ``rich_content``.
    """

    address: str
    slug: str
    title: str
    first_published: datetime | None
    last_published: datetime | None
    excerpt: str = ""
    rich_content: object | None = None
    article_html: str = ""
    views: int | None = None
    comments: int | None = None
    likes: int | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    author: str = ""
    cover: MediaRef | None = None
    notes: list[str] = field(default_factory=list)


# -- Plain values -------------------------------------------------------------------


def one_line(value: object, limit: int) -> str:
    """A value from Wix as one line of printable text, at most ``limit`` characters
    long (the fetcher's rule, :func:`.fetch.one_line`, the one for every line the
    import shows or stores); "" for anything that is not a string."""
    return fetch.one_line(value, limit) if isinstance(value, str) else ""


def count(value: object) -> int | None:
    """A count (views, likes): a whole number from 0 up, else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    number = int(value)
    return number if 0 <= number <= MAX_COUNT else None


def dimension(value: object) -> int | None:
    """A picture's width or height (JSON-LD writes them as strings): a positive
    whole number of pixels, else None (Wix writes 0 when it does not know)."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    number = count(value)
    return number if number and number <= 100_000 else None


def iso_datetime(value: object) -> datetime | None:
    """Wix's ISO 8601 time (``2024-01-09T10:38:28.756Z``) as an aware UTC datetime;
    a time without a zone is taken as UTC. None for anything else."""
    if not isinstance(value, str) or not 10 <= len(value) <= 40:
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


_SAFE_SEGMENT = re.compile(r"[^/\\\x00-\x1f\x7f]+")


def safe_slug(value: str) -> str:
    """A decoded slug, or "" when it is not one safe path segment."""
    slug = unquote(value).strip()
    if not slug or len(slug) > MAX_SLUG or slug in (".", "..") or not _SAFE_SEGMENT.fullmatch(slug):
        return ""
    return slug


def canonical_url(url: str) -> str:
    """An http(s) URL with its path percent-encoded once (``bañó`` and ``ba%C3%B1%C3%B3``
    give the same address) and no fragment; "" for anything else."""
    url = url.strip() if isinstance(url, str) else ""
    if not url or len(url) > 4000 or _CONTROL.search(url):
        return ""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not host:
        return ""
    path = quote(unquote(parts.path), safe="/!$&'()*+,;=:@~-._")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path or "/", parts.query, ""))


_CONTROL = re.compile(r"[\x00-\x20\x7f]")


# -- Pictures -----------------------------------------------------------------------

# A Wix media id: letters, digits, "_", "~", "-", "." (ids seen: 38d615_<hex>~mv2.jpg,
# nsplsh_<hex>~mv2_d_5184_3456_s_4_2.jpg, <hex>.jpg; FACTS B.10).
_MEDIA_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_~.\-]*")
_WIX_IMAGE = re.compile(r"wix:image://v1/([^/#?]+)(?:/[^#]*)?(?:#(.*))?\Z")


def media_id(value: str) -> str:
    """``value`` as a Wix media id (``%7E`` read as ``~``, a leading ``media/``
    dropped), or "" when it is not one safe path segment."""
    text = unquote(value.strip())
    if text.startswith("media/"):
        text = text[len("media/") :]
    if len(text) > MAX_MEDIA_ID or ".." in text or not _MEDIA_ID.fullmatch(text):
        return ""
    return text


def media_id_in(value: object) -> str:
    """The Wix media id ``value`` names in any of Wix's shapes (an id, ``media/<id>``,
    ``wix:image://v1/<id>/...``, an address on Wix's media host), or "" (for any
    other address too)."""
    ref = _from_string(value, bare_id=True) if isinstance(value, str) else None
    return ref.media_id if ref is not None else ""


def media_ref_from(value: object, alt: object = "") -> MediaRef | None:
    """A picture in any of Wix's shapes, or None when there is none or it is unsafe:

    - ``{"id", "url", "width", "height", "altText"}`` (the API's and the post data's
      images), Ricos' ``{"src": {"id" | "url"}, "width", "height"}``;
    - ``wix:image://v1/<id>/<file>#originWidth=W&originHeight=H`` (Wix's SDK);
    - ``https://static.wixstatic.com/media/<id>[/v1/fill/...]`` (``//`` too);
    - any other https URL, kept as a URL.

    A media id that is not one safe path segment (``..``, ``/``, ``javascript:``,
    control characters, over 200 characters) gives None: never a URL instead.
    """
    alt_text = one_line(alt, MAX_LABEL)
    if isinstance(value, dict):
        alt_text = alt_text or one_line(value.get("altText") or value.get("alt"), MAX_LABEL)
        width, height = dimension(value.get("width")), dimension(value.get("height"))
        source = value.get("src") if isinstance(value.get("src"), dict) else value
        assert isinstance(source, dict)
        ref: MediaRef | None = None
        if isinstance(source.get("id"), str) and source["id"].strip():
            ref = _from_string(source["id"], bare_id=True)
        elif isinstance(source.get("url"), str):
            ref = _from_string(source["url"], bare_id=False)
        elif isinstance(source.get("custom"), str):  # the older Ricos shape
            ref = _from_string(source["custom"], bare_id=True)
        if ref is None:
            return None
        return MediaRef(ref.media_id, ref.url, alt_text, width or ref.width, height or ref.height)
    if isinstance(value, str):
        ref = _from_string(value, bare_id=False)
        if ref is not None and alt_text:
            return MediaRef(ref.media_id, ref.url, alt_text, ref.width, ref.height)
        return ref
    return None


def _from_string(text: str, *, bare_id: bool) -> MediaRef | None:
    text = text.strip()
    if not text or len(text) > 4000:
        return None
    image = _WIX_IMAGE.match(text)
    if image:
        found = media_id(image[1])
        if not found:
            return None
        origin = dict(
            pair.partition("=")[::2] for pair in (image[2] or "").split("&") if "=" in pair
        )
        return MediaRef(
            found,
            "",
            "",
            dimension(origin.get("originWidth")),
            dimension(origin.get("originHeight")),
        )
    if text.startswith("//"):
        text = "https:" + text
    if "://" not in text and ":" not in text.split("/")[0]:
        if not bare_id:
            return None
        found = media_id(text)
        return MediaRef(found) if found else None
    url = canonical_url(text)
    if not url:
        return None
    parts = urlsplit(url)
    if parts.hostname == WIX_MEDIA_HOST:
        segments = parts.path.split("/")
        if len(segments) < 3 or segments[1] != "media":
            return None
        found = media_id(segments[2])
        return MediaRef(found) if found else None
    if parts.scheme != "https":
        return None
    return MediaRef(url=url)


# -- The v3 post --------------------------------------------------------------------


def labels_of(items: object) -> dict[str, str]:
    """``{id: label}`` from a list of Wix categories or tags (``{"id", "label"}``)."""
    labels: dict[str, str] = {}
    if isinstance(items, list):
        for item in items[:10_000]:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                label = one_line(item.get("label") or item.get("title"), MAX_LABEL)
                if label:
                    labels[item["id"]] = label
    return labels


def post_from_v3(
    post: object,
    *,
    category_labels: Mapping[str, str],
    tag_labels: Mapping[str, str],
    author: str,
    site: str,
) -> RemotePost:
    """A Blog API v3 post (``POST /blog/v3/posts/query`` with the fieldsets URL,
    RICH_CONTENT and METRICS), or the v3-like post a post page embeds, as a record.

    ``category_labels`` and ``tag_labels`` name the post's ``categoryIds`` and
    ``tagIds``; ``author`` is the owner's name, found by the caller; ``site`` is the
    site's address, for the post's address when its ``url`` is missing or unusable.
    Raises RemoteError only when ``post`` is not a JSON object.
    """
    if not isinstance(post, dict):
        raise RemoteError(f"a post from {site} is not a JSON object")
    notes: list[str] = []
    name = one_line(post.get("id"), 100) or "a post"

    title = one_line(post.get("title"), MAX_TITLE)
    if not title:
        notes.append("no title in Wix's data")

    raw_slug = post.get("slug")
    raw_slug = raw_slug if isinstance(raw_slug, str) else ""
    slug = safe_slug(raw_slug)
    if raw_slug and not slug:
        notes.append(f"its slug {one_line(raw_slug, 80)!r} is not one path segment; not kept")
    address = _address(post.get("url"), site, slug, notes)
    if not raw_slug and address:
        slug = safe_slug(urlsplit(address).path.rstrip("/").rpartition("/")[2])
    if not address:
        raise RemoteError(f"{name} from {site} has neither a usable url nor a slug")

    first = iso_datetime(post.get("firstPublishedDate"))
    last = iso_datetime(post.get("lastPublishedDate"))
    if first is None:
        notes.append("no first-published date in Wix's data")

    rich = post.get("richContent")
    rich_content: object | None = None
    if isinstance(rich, dict) and isinstance(rich.get("nodes"), list):
        rich_content = rich
    elif rich is not None:
        notes.append("its rich content is not a Ricos document; not kept")

    metrics = post.get("metrics")
    if not isinstance(metrics, dict):
        metrics = post.get("postCountInfo")  # the post page's older name
    if isinstance(metrics, dict):
        views, comments, likes = (count(metrics.get(key)) for key in ("views", "comments", "likes"))
    else:
        views = comments = likes = None
        notes.append("no view, comment or like counts in Wix's data")

    return RemotePost(
        address=address,
        slug=slug,
        title=title,
        first_published=first,
        last_published=last,
        excerpt=one_line(post.get("excerpt"), MAX_EXCERPT),
        rich_content=rich_content,
        views=views,
        comments=comments,
        likes=likes,
        categories=_labels(post.get("categoryIds"), category_labels, "category", notes),
        tags=_labels(post.get("tagIds"), tag_labels, "tag", notes),
        author=one_line(author, MAX_LABEL),
        cover=cover_of(post),
        notes=notes,
    )


def _address(url: object, site: str, slug: str, notes: list[str]) -> str:
    if (
        isinstance(url, dict)
        and isinstance(url.get("base"), str)
        and isinstance(url.get("path"), str)
    ):
        path = url["path"]
        if path.startswith("/") and not path.startswith("//"):
            address = canonical_url(url["base"].rstrip("/") + path)
            if address:
                return address
        notes.append("its url in Wix's data is not a usable address")
    elif isinstance(url, str) and canonical_url(url):  # the SDK's form
        return canonical_url(url)
    if slug and canonical_url(site):
        return canonical_url(site.rstrip("/") + "/post/" + quote(slug, safe=""))
    return ""


def _labels(ids: object, labels: Mapping[str, str], kind: str, notes: list[str]) -> list[str]:
    if not isinstance(ids, list):
        return []
    found: list[str] = []
    unknown = 0
    for item in ids[:MAX_LABELS]:
        label = labels.get(item) if isinstance(item, str) else None
        if label is None:
            unknown += 1
        elif label not in found:
            found.append(label)
    if unknown:
        notes.append(f"{unknown} {kind} id(s) with no {kind} of that id; left out")
    return found


def cover_of(post: Mapping[str, object]) -> MediaRef | None:
    """The post's cover picture: ``media.wixMedia.image``, else the deprecated
    ``coverMedia.image`` (unless switched off), else ``heroImage``, else a video
    cover's thumbnail (``media.embedMedia.thumbnail``)."""
    media = post.get("media")
    media = media if isinstance(media, dict) else {}
    alt = media.get("altText")
    wix_media = media.get("wixMedia")
    if isinstance(wix_media, dict) and wix_media.get("image") is not None:
        return media_ref_from(wix_media.get("image"), alt)
    cover = post.get("coverMedia")
    if isinstance(cover, dict) and cover.get("enabled") is not False and cover.get("image"):
        return media_ref_from(cover.get("image"))
    if post.get("heroImage"):
        return media_ref_from(post.get("heroImage"))
    embed = media.get("embedMedia")
    if isinstance(embed, dict) and isinstance(embed.get("thumbnail"), dict):
        return media_ref_from(embed["thumbnail"], alt)
    return None


def blog_posting(json_ld: Iterable[str]) -> dict:
    """The first schema.org BlogPosting (or Article) among a page's JSON-LD blocks,
    ``@graph`` lists included, read leniently (Wix's JSON-LD may hold a raw line
    break inside a string, FACTS C.4); {} when there is none. A saved page and a
    fetched one are read alike."""
    for text in json_ld:
        try:
            data = safe_json.loads(re.sub(r"[\x00-\x1f]", " ", text))
        except ValueError:  # not JSON, Infinity, or nested too deep: not Wix's
            continue
        items = data if isinstance(data, list) else [data]
        for item in list(items):
            if isinstance(item, dict) and isinstance(item.get("@graph"), list):
                items.extend(item["@graph"])
        for item in items[:100]:
            if isinstance(item, dict) and item.get("@type") in (
                "BlogPosting",
                "Article",
                "NewsArticle",
            ):
                return item
    return {}
