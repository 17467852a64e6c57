"""A local stand-in for a Wix site, Wix's media host and the Wix Blog REST API v3,
on 127.0.0.1, for the tests of the Wix importer. Three servers (three ports, so
three origins: a redirect between them is a redirect to another host) serve one
blog, configured per test with plain data (`Post`, `Category`, `Tag`, `Member`,
media bytes by id) and told to misbehave per path (`Misbehaviour`).

The shapes follow ../shared/wix/FACTS.md and ../shared/wix/samples/ (their sources
are named there):

The site (FACTS C, E):
  GET /robots.txt -> `robots_txt` (by default Wix's auto-generated one, ADOLF 2024:
      "User-agent: * / Allow: /", rules for other bots and a Sitemap line);
      `robots_txt = None` -> 404.
  GET /sitemap.xml -> <sitemapindex generatedBy="WIX"> naming pages-sitemap.xml and
      blog-posts-sitemap.xml (C.1).
  GET /blog-posts-sitemap.xml -> <urlset generatedBy="WIX"> with one <url> per post:
      <loc> (non-ASCII slugs percent-encoded), date-only <lastmod>, and
      <image:image><image:loc> of the cover when it has one (C.1; samples/*sitemap*.xml).
  GET /post/<slug> (percent-encoded) -> the post page (C.4, C.5): a <head> with
      <title>, canonical, og:*, article:published_time/modified_time; a
      <script type="application/json" id="wix-warmup-data"> whose
      appsWarmupData["14bcded7-0066-7c35-14d7-466cb3f09103"]["OldPostPageWarmupData-<slug>"]
      is a JSON *string* of {"data": {"postPage": {"post", "categories", "tags",
      "relatedPosts", "blog"}}} (post with richContent, metrics, owner, coverMedia,
      url, internalId); and the server-rendered article[data-hook="post"] in the
      generation `markup` names: "2025" (RUSSELL: post-title, avatar-image,
      user-name, time-ago, time-to-read hooks; post-description > data-rce-version >
      content-viewer; figure-IMAGE > image-viewer > wow-image; footer post-footer
      with ul[aria-label="Post categories"]) or "2024" (ADOLF: no post-title or
      time-ago hooks, title only in the head and the JSON; imageViewer; div#post-footer).
      `warmup = False` leaves the JSON out, as pages without it.
The media host (static.wixstatic.com/media/, FACTS C.4, B.10):
  GET /media/<id> and /media/<id>/v1/[crop/.../]fit|fill/w_<W>,h_<H>[,...]/<name> ->
      the bytes of `media[id]` (the original's, for a sized variant too), typed by
      the id's extension; 404 for an id it does not have, 400 for a malformed
      transformation.
The Blog REST API v3 (FACTS A; samples/api-docs/):
  Every call needs "Authorization: <api_key>" (the raw key, no "Bearer") and
  "wix-site-id: <site_id>"; without them, 403 with Wix's error body (A.2: 403 for a
  missing or wrong key or site id; the body's shape is guides/Errors.md's, its
  words are the stand-in's own).
  POST /blog/v3/posts/query (also /v3/posts/query, A.1) {"query": {"sort",
      "cursorPaging": {"limit", "cursor"?} | "paging": {"limit", "offset"}},
      "fieldsets": [...]} -> {"posts": [...], "pagingMetadata": {"count", "offset",
      "cursors": {"next"?}} (cursor paging) or {"count", "offset", "total"}}. Pages
      hold at most `page_size` posts, fewer than asked when it is smaller; newest
      first; a limit over 100 is a 400 with a validationError. richContent comes with
      RICH_CONTENT, metrics with METRICS, url with URL, contentText with CONTENT_TEXT.
  GET /blog/v3/categories?paging.limit=&paging.offset= -> {"categories", "metaData"};
  POST /blog/v3/categories/query {"query": {"paging": {"limit", "offset"}}} ->
      {"categories", "pagingMetadata": {"count", "offset", "total"}} (A.8).
  POST /blog/v3/tags/query {"query": {"paging": {"limit", "offset"}}} -> {"tags", "metaData"}.
  GET /members/v1/members/<id> -> {"member": {"id", "profile": {"nickname", "slug"}}};
      404 with Wix's error body for an unknown id.
  A 5xx answer's body is Wix's system error, {"message": "", "details": {}}; a 429's
  is RESOURCE_EXHAUSTED. No Retry-After is documented (A.10): one is sent only
  when a Misbehaviour asks for it.

`requests` records every request: which server, method, path (with query) and
headers, the Authorization value replaced by "[set]", so tests can check
politeness, retries and that the key goes nowhere but the API.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from urllib.parse import parse_qs, quote, unquote, urlsplit

from tests import standins
from tests.standins import QuietHandler

BLOG_APP_ID = "14bcded7-0066-7c35-14d7-466cb3f09103"

Role = Literal["site", "media", "api"]
# A sized variant's transformation (FACTS B.10): v1/[crop/.../]fit|fill/w_<W>,h_<H>
# [,al_c,q_<Q>,more options]/<name>. The stand-in serves the original's bytes for it.
_TRANSFORM = re.compile(
    r"v1/(?:crop/[a-z0-9_,]+/)?(fit|fill)/w_[1-9]\d*,h_[1-9]\d*(,[a-z0-9_.]+)*/[^/]+"
)

# Wix's auto-generated robots.txt (ADOLF 2024, FACTS E).
WIX_ROBOTS_TXT = """# Auto generated, go to SEO Tools > Robots.txt Editor to change this
User-agent: *
Allow: /

User-agent: Googlebot
Disallow: *?lightbox=

User-agent: PetalBot
Disallow: /

User-agent: AhrefsBot
Crawl-delay: 10

Sitemap: {site_url}/sitemap.xml
"""


@dataclass
class Post:
    slug: str
    title: str
    first_published: str = "2024-01-09T10:38:28.756Z"
    last_published: str = ""  # "" = the first
    rich_content: dict[str, Any] = field(default_factory=dict)  # {} = one paragraph
    views: int = 0
    comments: int = 0
    likes: int = 0
    category_ids: list[str] = field(default_factory=list)
    tag_ids: list[str] = field(default_factory=list)
    member_id: str = "member-1"
    cover_media_id: str = ""  # a key of WixStandin.media, "" = no cover
    excerpt: str = ""
    id: str = ""  # "" = made from the slug
    page_slug: str = ""  # the slug its page's data names, "" = its own

    def __post_init__(self) -> None:
        self.last_published = self.last_published or self.first_published
        self.id = self.id or str(uuid.uuid5(uuid.NAMESPACE_URL, self.slug))
        if not self.rich_content:
            self.rich_content = paragraphs(f"The text of {self.title}.")


@dataclass
class Category:
    id: str
    label: str
    slug: str


@dataclass
class Tag:
    id: str
    label: str
    slug: str


@dataclass
class Member:
    id: str
    nickname: str
    slug: str


@dataclass
class Misbehaviour:
    """How one path misbehaves, for its next `times` requests (None: always):
    "status": answers `status` (Wix's error body; `retry_after` as the header's value);
    "slow": answers normally after `seconds`;
    "timeout": sends nothing for `seconds`, then closes;
    "malformed": 200 with a body that is not what was asked (broken JSON, no XML);
    "endless": 200 without Content-Length and bytes without end;
    "oversized": 200 announcing `size` bytes in Content-Length, and sending them;
    "trickle": 200, the real answer one byte every `seconds`;
    "redirect": 302 to `location`;
    "echo": 403 whose Wix message repeats the Authorization header it was sent, with
        `splice` (a control or invisible character, say) inserted after its 10th character."""

    mode: Literal[
        "status", "slow", "timeout", "malformed", "endless", "oversized", "trickle", "redirect",
        "echo",
    ]  # fmt: skip
    times: int | None = None
    status: int = 500
    retry_after: str | None = None
    seconds: float = 1.0
    size: int = 0
    location: str = ""
    splice: str = ""


@dataclass
class Recorded:
    role: Role
    method: str
    path: str
    headers: dict[str, str]  # lower-case names; Authorization's value is "[set]"
    at: float  # time.monotonic()
    client_port: int  # one port for the requests of one reused connection


def paragraphs(*texts: str) -> dict[str, Any]:
    """A Ricos document of plain paragraphs (FACTS B.1, B.2, B.4)."""
    return {
        "nodes": [
            {
                "type": "PARAGRAPH",
                "id": f"p{n}",
                "nodes": [
                    {
                        "type": "TEXT",
                        "id": "",
                        "nodes": [],
                        "textData": {"text": text, "decorations": []},
                    }
                ],
                "paragraphData": {},
            }
            for n, text in enumerate(texts)
        ],
        "metadata": {"version": 1, "id": "doc"},
        "documentStyle": {},
    }


def media_type(media_id: str) -> str:
    extension = media_id.rsplit(".", 1)[-1].lower() if "." in media_id else ""
    return {
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
        "webp": "image/webp", "avif": "image/avif",
    }.get(extension, "application/octet-stream")  # fmt: skip


def wix_error(message: str, code: str = "", description: str = "") -> dict[str, Any]:
    """Wix's error body (guides/Errors.md); a system error has neither message nor code."""
    details: dict[str, Any] = {}
    if code:
        details["applicationError"] = {"code": code, "description": description or message}
    return {"message": message, "details": details}


class WixStandin:
    def __init__(self) -> None:
        self.posts: list[Post] = []
        self.categories: list[Category] = []
        self.tags: list[Tag] = []
        self.members: list[Member] = [Member("member-1", "Ada Writer", "ada")]
        self.media: dict[str, bytes] = {}
        self.api_key = "IST.test-api-key-0123456789"
        self.site_id = "5d0b1b0e-0000-4000-8000-000000000001"
        self.markup: Literal["2024", "2025"] = "2025"
        self.warmup = True
        self.page_size = 100  # the most posts one API page holds
        self.other_sitemap_urls: list[str] = []  # listed beside the posts
        self.robots_txt: str | None = WIX_ROBOTS_TXT  # "{site_url}" filled in; None -> 404
        self.misbehaviour: dict[tuple[Role, str], Misbehaviour] = {}
        self.requests: list[Recorded] = []
        self.site_url = ""  # http://127.0.0.1:<port>
        self.media_url = ""  # http://127.0.0.1:<port>/media/ (as WIX_MEDIA_URL)
        self.api_url = ""  # http://127.0.0.1:<port> (as WIX_API_URL)
        self._lock = threading.Lock()

    def misbehave(self, role: Role, path: str, misbehaviour: Misbehaviour) -> None:
        """Make `path` (without its query) on the `role` server misbehave."""
        self.misbehaviour[(role, path)] = misbehaviour

    def requests_to(self, role: Role, path: str | None = None) -> list[Recorded]:
        return [
            r
            for r in self.requests
            if r.role == role and (path is None or r.path.split("?")[0] == path)
        ]

    def api_headers(self) -> dict[str, str]:
        return {"Authorization": self.api_key, "wix-site-id": self.site_id}

    def post_url(self, post: Post) -> str:
        return f"{self.site_url}/post/{quote(post.slug)}"

    def _take_misbehaviour(self, role: Role, path: str) -> Misbehaviour | None:
        with self._lock:
            misbehaviour = self.misbehaviour.get((role, path))
            if misbehaviour is None or misbehaviour.times == 0:
                return None
            if misbehaviour.times is not None:
                misbehaviour.times -= 1
            return misbehaviour

    # The shapes.

    def member(self, member_id: str) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)

    def post_json(self, post: Post, fieldsets: set[str], page: bool = False) -> dict[str, Any]:
        """A post as the API (fieldsets) or the page's warmup data (everything) has it."""
        data: dict[str, Any] = {
            "id": post.id,
            "title": post.title,
            "excerpt": post.excerpt or f"The text of {post.title}.",
            "slug": (post.page_slug or post.slug) if page else post.slug,
            "firstPublishedDate": post.first_published,
            "lastPublishedDate": post.last_published,
            "featured": False,
            "pinned": False,
            "categoryIds": list(post.category_ids),
            "tagIds": list(post.tag_ids),
            "memberId": post.member_id,
            "hashtags": [],
            "commentingEnabled": True,
            "minutesToRead": 1,
            "relatedPostIds": [],
            "pricingPlanIds": [],
        }
        if post.cover_media_id:
            image = {
                "id": post.cover_media_id,
                "url": self.media_url + post.cover_media_id,
                "width": 1200,
                "height": 800,
            }
            data["media"] = {"wixMedia": {"image": image}, "displayed": True, "custom": True}
            data["coverMedia"] = {
                "enabled": True,
                "image": image,
                "displayed": True,
                "custom": True,
            }
        if page or "URL" in fieldsets:
            data["url"] = {"base": self.site_url, "path": f"/post/{post.slug}"}
        if page or "RICH_CONTENT" in fieldsets:
            data["richContent"] = post.rich_content
        if page or "METRICS" in fieldsets:
            data["metrics"] = {"comments": post.comments, "likes": post.likes, "views": post.views}
        if "CONTENT_TEXT" in fieldsets:
            data["contentText"] = " ".join(_texts(post.rich_content))
        if page:
            member = self.member(post.member_id)
            data["owner"] = {
                "name": member.nickname if member else "",
                "slug": member.slug if member else "",
                "id": post.member_id,
                "siteMemberId": post.member_id,
            }
            data["internalId"] = hashlib.sha1(post.id.encode()).hexdigest()[:24]
            data["metrics"].update({"totalRatings": 0, "averageRating": 0})
        return data

    def category_json(self, category: Category) -> dict[str, Any]:
        count = sum(category.id in p.category_ids for p in self.posts)
        return {
            "id": category.id, "label": category.label, "slug": category.slug,
            "title": category.label, "description": "", "displayPosition": 0, "postCount": count,
            "url": {"base": self.site_url, "path": f"/blog/categories/{category.slug}"},
            "language": "en",
        }  # fmt: skip

    def tag_json(self, tag: Tag) -> dict[str, Any]:
        count = sum(tag.id in p.tag_ids for p in self.posts)
        return {
            "id": tag.id, "label": tag.label, "slug": tag.slug, "postCount": count,
            "publishedPostCount": count, "createdDate": "2024-01-01T00:00:00.000Z",
            "updatedDate": "2024-01-01T00:00:00.000Z", "language": "en",
            "url": {"base": self.site_url, "path": f"/blog/tags/{tag.slug}"},
        }  # fmt: skip

    def sitemap_index(self) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" generatedBy="WIX">\n'
            f"<sitemap><loc>{self.site_url}/pages-sitemap.xml</loc><lastmod>2025-07-25</lastmod></sitemap>\n"
            f"<sitemap><loc>{self.site_url}/blog-posts-sitemap.xml</loc><lastmod>2025-07-25</lastmod></sitemap>\n"
            "</sitemapindex>\n"
        )

    def posts_sitemap(self) -> str:
        rows = [f"<url><loc>{html.escape(url)}</loc></url>\n" for url in self.other_sitemap_urls]
        for post in self.posts:
            image = (
                f"<image:image>\n<image:loc>{html.escape(self.media_url + post.cover_media_id)}"
                "</image:loc>\n</image:image>\n"
                if post.cover_media_id
                else ""
            )
            rows.append(
                f"<url>\n<loc>{html.escape(self.post_url(post))}</loc>\n"
                f"<lastmod>{post.last_published[:10]}</lastmod>\n{image}</url>\n"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" generatedBy="WIX">\n'
            + "".join(rows)
            + "</urlset>\n"
        )

    def post_page(self, post: Post) -> str:
        categories = [c for c in self.categories if c.id in post.category_ids]
        tags = [t for t in self.tags if t.id in post.tag_ids]
        post_page = {
            "post": self.post_json(post, set(), page=True),
            "categories": [self.category_json(c) for c in categories],
            "tags": [self.tag_json(t) for t in tags],
            "relatedPosts": [],
            "blog": {"settings": {"ampEnabled": False, "comments": {"enabled": True}}},
        }
        entry = json.dumps({"data": {"postPage": post_page}, "status": 200})
        warmup = {"appsWarmupData": {BLOG_APP_ID: {f"OldPostPageWarmupData-{post.slug}": entry}}}
        # As in any script element, "<" is escaped so that no "</script>" can end it.
        island = json.dumps(warmup).replace("<", "\\u003c")
        member = self.member(post.member_id)
        author = html.escape(member.nickname if member else "")
        title = html.escape(post.title)
        url = html.escape(self.post_url(post))
        head = (
            f"<title>{title}</title>\n"
            '<meta name="generator" content="Wix.com Website Builder"/>\n'
            f'<link rel="canonical" href="{url}"/>\n'
            f'<meta property="og:title" content="{title}"/>\n'
            f'<meta property="og:url" content="{url}"/>\n'
            '<meta property="og:type" content="article"/>\n'
            f'<meta property="article:author" content="{author}"/>\n'
            f'<meta property="article:published_time" content="{post.first_published}"/>\n'
            f'<meta property="article:modified_time" content="{post.last_published}"/>\n'
        )
        if post.cover_media_id:
            head += f'<meta property="og:image" content="{html.escape(self.media_url + post.cover_media_id)}"/>\n'  # noqa: E501
        script = (
            f'<script type="application/json" id="wix-warmup-data">{island}</script>\n'
            if self.warmup
            else ""
        )
        article = (
            self._article_2025(post, categories)
            if self.markup == "2025"
            else self._article_2024(post)
        )
        return (
            f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n{head}</head>\n'
            f'<body>\n<main>\n<article class="blog-post" data-hook="post">{article}</article>\n'
            '<section data-hook="recent-posts"></section>\n'
            f"</main>\n{script}</body>\n</html>\n"
        )

    def _content(self, post: Post, image_hook: str) -> str:
        blocks = ['<div type="first" data-hook="rcv-block-first"></div>']
        for n, node in enumerate(post.rich_content.get("nodes", []), 1):
            blocks.append(f'<div data-breakout="normal">{self._block(node, image_hook)}</div>')
            blocks.append(
                f'<div type="{str(node.get("type", "")).lower()}" data-hook="rcv-block{n}"></div>'
            )
        blocks.append('<div type="last" data-hook="rcv-block-last"></div>')
        return (
            '<section data-hook="post-description"><div data-rce-version="10.137.1">'
            f'<div data-id="content-viewer">{"".join(blocks)}</div></div></section>'
        )

    def _block(self, node: dict[str, Any], image_hook: str) -> str:
        kind = node.get("type")
        node_id = html.escape(str(node.get("id", "")))
        if kind == "IMAGE":
            media_id = str(node.get("imageData", {}).get("image", {}).get("src", {}).get("id", ""))
            info = html.escape(
                json.dumps({"imageData": {"uri": media_id, "width": 0, "height": 0}})
            )
            src = html.escape(
                f"{self.media_url}{media_id}/v1/fill/w_147,h_110,al_c,q_80,blur_2/{media_id}"
            )
            return (
                f'<figure data-hook="figure-IMAGE"><div data-hook="{image_hook}">'
                f'<div data-hook="{image_hook}-{node_id}"><wow-image id="{html.escape(media_id)}" '
                f'data-image-info="{info}"><img src="{src}" alt=""></wow-image></div></div>'
                "</figure>"
            )
        text = _inline(node)
        if kind == "HEADING":
            level = int(node.get("headingData", {}).get("level", 2))
            return f'<h{level} id="viewer-{node_id}">{text}</h{level}>'
        return f'<p dir="auto" id="viewer-{node_id}">{text}</p>'

    def _article_2025(self, post: Post, categories: list[Category]) -> str:
        member = self.member(post.member_id)
        name = html.escape(member.nickname if member else "")
        shown_date = html.escape(post.first_published[:10])
        links = "".join(
            f'<li><a data-hook="link" href="{html.escape(self.site_url)}/blog/categories/'
            f'{html.escape(c.slug)}">{html.escape(c.label)}</a></li>'
            for c in categories
        )
        return (
            '<section data-hook="post-hero-image"></section><div><header>'
            f'<div data-hook="post-title"><h1 data-hook="post-title">{html.escape(post.title)}</h1></div>'  # noqa: E501
            f'<ul><li><span aria-label="Writer: {name}" data-hook="avatar-image" role="img"></span>'
            f'<span data-hook="profile-link"><span data-hook="user-name">{name}</span></span></li>'
            f'<li><span title="{shown_date}" class="time-ago" data-hook="time-ago">{shown_date}</span></li>'  # noqa: E501
            '<li><span title="1 min read" data-hook="time-to-read">1 min read</span></li></ul>'
            f"</header>{self._content(post, 'image-viewer')}"
            f'<footer data-hook="post-footer"><ul aria-label="Post categories">{links}</ul>'
            '<div data-hook="post-main-actions__stats"><div data-hook="post-stats"></div></div>'
            "</footer></div>"
        )

    def _article_2024(self, post: Post) -> str:
        member = self.member(post.member_id)
        name = html.escape(member.nickname if member else "")
        return (
            f'<div><span data-hook="user-name">{name}</span></div>'
            f"{self._content(post, 'imageViewer')}"
            '<div id="post-footer"></div>'
        )

    def query_posts(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        query = body.get("query") or {}
        fieldsets = {str(f) for f in body.get("fieldsets") or []}
        cursor_paging = query.get("cursorPaging")
        paging = cursor_paging if cursor_paging is not None else query.get("paging") or {}
        limit = int(paging.get("limit", 50))
        if not 0 <= limit <= 100:
            return 400, {
                "message": "Invalid query",
                "details": {"validationError": {"fieldViolations": [{
                    "field": "query.paging.limit", "description": "must not be greater than 100",
                    "violatedRule": "MAX", "data": {"threshold": 100},
                }]}},
            }  # fmt: skip
        offset = int(paging.get("offset", 0))
        if cursor_paging is not None and cursor_paging.get("cursor"):
            cursor = str(cursor_paging["cursor"])
            if not cursor.startswith("cursor-") or not cursor[7:].isdigit():
                return 400, wix_error("Invalid cursor", "INVALID_CURSOR")
            offset = int(cursor[7:])
        ordered = sorted(self.posts, key=lambda p: p.first_published, reverse=True)
        page = ordered[offset : offset + min(limit, self.page_size)]
        metadata: dict[str, Any] = {"count": len(page), "offset": offset}
        end = offset + len(page)
        if cursor_paging is not None:
            metadata["cursors"] = {"next": f"cursor-{end}"} if end < len(ordered) else {}
        else:
            metadata["total"] = len(ordered)
        return 200, {
            "posts": [self.post_json(p, fieldsets) for p in page],
            "pagingMetadata": metadata,
        }

    # The servers.

    def handler(self, role: Role) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(QuietHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as Wix's servers: connections reused

            def do_GET(self) -> None:
                self._answer("GET")

            def do_POST(self) -> None:
                self._answer("POST")

            def _answer(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                if "authorization" in headers:
                    headers["authorization"] = "[set]"
                standin.requests.append(
                    Recorded(
                        role, method, self.path, headers, time.monotonic(), self.client_address[1]
                    )
                )
                path = urlsplit(self.path).path
                misbehaviour = standin._take_misbehaviour(role, path)
                if misbehaviour is not None and self._misbehave(misbehaviour):
                    return
                if role == "api":
                    status, data = self._api(method, path, body)
                    self._send(status, "application/json", json.dumps(data).encode())
                    return
                answer = standin._site(path) if role == "site" else standin._media(path)
                self._send(*answer)

            def _api(self, method: str, path: str, body: bytes) -> tuple[int, Any]:
                if (
                    self.headers.get("Authorization") != standin.api_key
                    or self.headers.get("wix-site-id") != standin.site_id
                ):
                    return 403, wix_error(
                        "The API key, its permissions or the site id are not valid for this call",
                        "PERMISSION_DENIED",
                    )
                query = parse_qs(urlsplit(self.path).query)
                if method == "POST" and path in ("/blog/v3/posts/query", "/v3/posts/query"):
                    try:
                        request = json.loads(body or b"{}")
                    except ValueError:
                        return 400, wix_error("Request body is not JSON", "INVALID_ARGUMENT")
                    return standin.query_posts(request)
                if method == "GET" and path == "/blog/v3/categories":
                    limit = int(query.get("paging.limit", ["50"])[0])
                    offset = int(query.get("paging.offset", ["0"])[0])
                    rows = standin.categories[offset : offset + min(limit, 100)]
                    meta = {"count": len(rows), "offset": offset, "total": len(standin.categories)}
                    return 200, {
                        "categories": [standin.category_json(c) for c in rows],
                        "metaData": meta,
                    }
                if method == "POST" and path == "/blog/v3/categories/query":
                    paging = (json.loads(body or b"{}").get("query") or {}).get("paging") or {}
                    limit, offset = int(paging.get("limit", 50)), int(paging.get("offset", 0))
                    rows = standin.categories[offset : offset + min(limit, 100)]
                    meta = {"count": len(rows), "offset": offset, "total": len(standin.categories)}
                    return 200, {
                        "categories": [standin.category_json(c) for c in rows],
                        "pagingMetadata": meta,
                    }
                if method == "POST" and path in ("/blog/v3/tags/query", "/v3/tags/query"):
                    paging = (json.loads(body or b"{}").get("query") or {}).get("paging") or {}
                    limit, offset = int(paging.get("limit", 50)), int(paging.get("offset", 0))
                    rows = standin.tags[offset : offset + min(limit, 500)]
                    meta = {"count": len(rows), "offset": offset, "total": len(standin.tags)}
                    return 200, {"tags": [standin.tag_json(t) for t in rows], "metaData": meta}
                if method == "GET" and path.startswith("/members/v1/members/"):
                    member = standin.member(unquote(path.rsplit("/", 1)[1]))
                    if member is None:
                        return 404, wix_error("Member not found", "NOT_FOUND")
                    profile = {"nickname": member.nickname, "slug": member.slug}
                    return 200, {"member": {"id": member.id, "profile": profile}}
                return 404, wix_error("Not found", "NOT_FOUND")

            def _misbehave(self, misbehaviour: Misbehaviour) -> bool:
                """Answers as `misbehaviour` says; False when it only delays the answer."""
                mode = misbehaviour.mode
                try:
                    if mode == "status":
                        status = misbehaviour.status
                        if status == 429:
                            data = wix_error("Too many requests", "RESOURCE_EXHAUSTED")
                        elif status >= 500:
                            data = wix_error("")
                        else:
                            data = wix_error(f"HTTP {status}", "ERROR")
                        extra = (
                            {"Retry-After": misbehaviour.retry_after}
                            if misbehaviour.retry_after
                            else {}
                        )
                        self._send(status, "application/json", json.dumps(data).encode(), extra)
                    elif mode == "slow":
                        time.sleep(misbehaviour.seconds)
                        return False
                    elif mode == "timeout":
                        time.sleep(misbehaviour.seconds)
                        self.close_connection = True
                    elif mode == "malformed":
                        self._send(200, "application/json", b'{"posts": [{"id": "1", ')
                    elif mode == "redirect":
                        self.send_response(302)
                        self.send_header("Location", misbehaviour.location)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                    elif mode == "echo":
                        key = self.headers.get("Authorization") or ""
                        key = key[:10] + misbehaviour.splice + key[10:]
                        said = f"bad key {key}\n::error::injected"
                        body = json.dumps(wix_error(said, "PERMISSION_DENIED")).encode()
                        self._send(403, "application/json", body)
                    elif mode == "oversized":
                        self.send_response(200)
                        self.send_header("Content-Type", "application/octet-stream")
                        self.send_header("Content-Length", str(misbehaviour.size))
                        self.end_headers()
                        for _ in range(misbehaviour.size // 65536):
                            self.wfile.write(b"x" * 65536)
                        self.wfile.write(b"x" * (misbehaviour.size % 65536))
                    elif mode == "endless":
                        self.send_response(200)
                        self.send_header("Content-Type", "application/json")
                        self.send_header("Connection", "close")
                        self.end_headers()
                        self.close_connection = True
                        self.wfile.write(b'{"posts": [')
                        for _ in range(100_000):  # 6.5 GB at most, if nothing stops it
                            self.wfile.write(b"[" * 65536)
                    elif mode == "trickle":
                        body = b'{"posts": [], "pagingMetadata": {"count": 0}}'
                        self.send_response(200)
                        self.send_header("Content-Type", "application/json")
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        for byte in body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(misbehaviour.seconds)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the client gave up, as it should
                return True

            def _send(
                self,
                status: int,
                content_type: str,
                body: bytes,
                extra: dict[str, str] | None = None,
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (extra or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        return Handler

    def _site(self, path: str) -> tuple[int, str, bytes]:
        if path == "/robots.txt":
            if self.robots_txt is None:
                return 404, "text/html", b"<html>Not found</html>"
            text = self.robots_txt.replace("{site_url}", self.site_url)
            return 200, "text/plain; charset=utf-8", text.encode()
        if path == "/sitemap.xml":
            return 200, "application/xml; charset=utf-8", self.sitemap_index().encode()
        if path == "/blog-posts-sitemap.xml":
            return 200, "application/xml; charset=utf-8", self.posts_sitemap().encode()
        if path.startswith("/post/"):
            slug = unquote(path[len("/post/") :])
            post = next((p for p in self.posts if p.slug == slug), None)
            if post is not None:
                return 200, "text/html; charset=utf-8", self.post_page(post).encode()
        return 404, "text/html", b"<html><title>404</title>Page not found</html>"

    def _media(self, path: str) -> tuple[int, str, bytes]:
        media_id, _, transform = (
            path[len("/media/") :].partition("/") if path.startswith("/media/") else ("", "", "")
        )
        media_id = unquote(media_id)
        if transform and not _TRANSFORM.fullmatch(transform):
            return 400, "text/html", b"<html>Bad image transformation</html>"
        if media_id in self.media:
            return 200, media_type(media_id), self.media[media_id]
        return 404, "text/html", b"<html>Not found</html>"


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that leaves mid-answer (as the fetcher does at a size limit or a
        # deadline) is what the tests ask of it, not an error to print.
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


def serve(handler: type[BaseHTTPRequestHandler]) -> AbstractContextManager[int]:
    """tests/standins.py's serve, stopping within 0.05 s rather than 0.5 s: three
    servers a test, in many tests."""
    return standins.serve(handler, _Server, poll_seconds=0.05)


@contextmanager
def running(standin: WixStandin) -> Iterator[WixStandin]:
    """Serve the site, the media host and the API, each on its own port of 127.0.0.1."""
    with ExitStack() as stack:
        site = stack.enter_context(serve(standin.handler("site")))
        media = stack.enter_context(serve(standin.handler("media")))
        api = stack.enter_context(serve(standin.handler("api")))
        standin.site_url = f"http://127.0.0.1:{site}"
        standin.media_url = f"http://127.0.0.1:{media}/media/"
        standin.api_url = f"http://127.0.0.1:{api}"
        yield standin


def _texts(node: dict[str, Any]) -> Iterator[str]:
    text = node.get("textData", {}).get("text")
    if isinstance(text, str):
        yield text
    for child in node.get("nodes", []):
        yield from _texts(child)


def _inline(node: dict[str, Any]) -> str:
    """A block's text, with bold, italic, underline and links as Wix renders them."""
    out = []
    for child in node.get("nodes", []):
        if child.get("type") != "TEXT":
            out.append(_inline(child))
            continue
        text = html.escape(child.get("textData", {}).get("text", ""))
        for decoration in child.get("textData", {}).get("decorations", []):
            kind = decoration.get("type")
            if kind == "BOLD":
                text = f'<strong style="font-weight:700">{text}</strong>'
            elif kind == "ITALIC":
                text = f'<em style="font-style:italic">{text}</em>'
            elif kind == "UNDERLINE":
                text = f'<u style="text-decoration:underline">{text}</u>'
            elif kind == "LINK":
                url = html.escape(
                    str(decoration.get("linkData", {}).get("link", {}).get("url", ""))
                )
                text = f'<a data-hook="web-link" href="{url}" target="_blank" rel="noopener">{text}</a>'  # noqa: E501
        out.append(f"<span>{text}</span>")
    return "".join(out)
