"""The route with a key: the Wix Blog REST API v3 (FACTS A.3-A.9).

Posts come from Query Posts with cursor paging and the fieldsets for the address,
the rich content and the counts; category and tag labels from their queries; the
author's name from the Members API. The calls go through the fetcher's
``post_json`` and ``get_json`` (:mod:`blog_extras.wix_import.remote`), which add
the key and the site id: neither passes through here.

An author's name is a nicety: a post whose author cannot be named (the key lacks
the "Read Members" permission, the member was deleted) is imported without it,
with a note. A post whose author could not be asked for at all (a 5xx after the
retries, no answer) fails alone, and the next run tries it again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

from blog_extras.wix_import.fetch import FetchError
from blog_extras.wix_import.remote import (
    MAX_LABEL,
    GetJson,
    PostJson,
    RemoteError,
    RemotePost,
    labels_of,
    one_line,
    post_from_v3,
)

PAGE_SIZE = 100  # the most Wix gives in one page (FACTS A.4, A.8)
POST_FIELDSETS = ["URL", "RICH_CONTENT", "METRICS"]
# A blog holds at most 100K posts (FACTS A.6): 1000 pages of 100, with room.
MAX_PAGES = 2000


def _object(answer: object, url: str) -> dict:
    if not isinstance(answer, dict):
        raise RemoteError(f"{url}: the answer is not a JSON object")
    return answer


def _items(answer: dict, name: str, url: str) -> list[dict]:
    items = answer.get(name, [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise RemoteError(f"{url}: the answer's {name!r} is not a list of objects")
    return items


def query_all_posts(post_json: PostJson, api_url: str) -> Iterator[dict]:
    """Every published post, page by page (``POST /blog/v3/posts/query`` with
    ``cursorPaging``), following ``pagingMetadata.cursors.next`` until there is
    none or a page is empty. Pages smaller than asked for are normal; a cursor that
    comes back a second time is a RemoteError (the paging would never end)."""
    url = api_url.rstrip("/") + "/blog/v3/posts/query"
    cursor = ""
    seen: set[str] = set()
    for _ in range(MAX_PAGES):
        paging: dict[str, object] = {"limit": PAGE_SIZE}
        if cursor:
            paging["cursor"] = cursor
        answer = _object(
            post_json(url, {"query": {"cursorPaging": paging}, "fieldsets": POST_FIELDSETS}), url
        )
        posts = _items(answer, "posts", url)
        yield from posts
        metadata = answer.get("pagingMetadata")
        cursors = metadata.get("cursors") if isinstance(metadata, dict) else None
        following = cursors.get("next") if isinstance(cursors, dict) else None
        if not posts or not isinstance(following, str) or not following:
            return
        if following in seen or following == cursor:
            raise RemoteError(f"{url}: the paging cursor repeats; the post list would never end")
        seen.add(following)
        cursor = following
    raise RemoteError(f"{url}: more than {MAX_PAGES} pages of posts; stopped")


def _total(answer: dict) -> int | None:
    """How many items the query has in all, when the answer says."""
    for key in ("pagingMetadata", "metaData"):
        metadata = answer.get(key)
        if isinstance(metadata, dict) and isinstance(metadata.get("total"), int):
            return metadata["total"]
    return None


def _offset_paged(post_json: PostJson, url: str, name: str) -> Iterator[dict]:
    """Every item of a query with offset paging (categories, tags): until the total
    is reached, when the answer gives one, else until a page is empty. A page
    shorter than asked for is no end: a server may give fewer than it is asked."""
    offset = 0
    for _ in range(MAX_PAGES):
        answer = _object(
            post_json(url, {"query": {"paging": {"limit": PAGE_SIZE, "offset": offset}}}), url
        )
        items = _items(answer, name, url)
        yield from items
        offset += len(items)
        total = _total(answer)
        if not items or (total is not None and offset >= total):
            return
    raise RemoteError(f"{url}: more than {MAX_PAGES} pages of {name}; stopped")


def category_labels(post_json: PostJson, api_url: str) -> dict[str, str]:
    """``{category id: label}`` for every category of the blog
    (``POST /blog/v3/categories/query``)."""
    url = api_url.rstrip("/") + "/blog/v3/categories/query"
    return labels_of(list(_offset_paged(post_json, url, "categories")))


def tag_labels(post_json: PostJson, api_url: str) -> dict[str, str]:
    """``{tag id: label}`` for every tag of the blog (``POST /blog/v3/tags/query``)."""
    url = api_url.rstrip("/") + "/blog/v3/tags/query"
    return labels_of(list(_offset_paged(post_json, url, "tags")))


def member_name(get_json: GetJson, api_url: str, member_id: str) -> str:
    """A member's public name (``profile.nickname``, ``GET /members/v1/members/{id}``);
    "" when the id is not a plain id or the member has no name."""
    if not member_id or len(member_id) > 100 or not member_id.replace("-", "").isalnum():
        return ""
    url = f"{api_url.rstrip('/')}/members/v1/members/{quote(member_id, safe='')}?fieldsets=PUBLIC"
    answer = _object(get_json(url), url)
    member = answer.get("member")
    profile = member.get("profile") if isinstance(member, dict) else None
    return one_line(profile.get("nickname"), MAX_LABEL) if isinstance(profile, dict) else ""


@dataclass(frozen=True)
class UnreadPost:
    """A listed post that cannot be written this run: ``error`` says why."""

    address: str
    error: FetchError


class _Authors:
    """Each member's name, asked for once a run. A refusal (4xx) leaves the post
    without its author's name and says why in a note; the first 403 or 401 (the
    key lacks "Read Members") is remembered, so no later post asks again. Any
    other failure is the member's posts' own: they fail, asked for once."""

    def __init__(self, get_json: GetJson, api_url: str) -> None:
        self.get_json, self.api_url = get_json, api_url
        self.known: dict[str, tuple[str, str]] = {}  # member id: (name, why there is none)
        self.failed: dict[str, FetchError] = {}
        self.refused = ""  # the note of the first 401 or 403

    def name_of(self, member: str) -> tuple[str, str]:
        """The member's name and, when there is none, why; FetchError when the
        question could not be answered."""
        if member in self.failed:
            raise self.failed[member]
        if member not in self.known:
            self.known[member] = self._ask(member)
        return self.known[member]

    def _ask(self, member: str) -> tuple[str, str]:
        if self.refused:
            return "", self.refused
        try:
            return member_name(self.get_json, self.api_url, member), ""
        except RemoteError as error:  # a malformed answer
            return "", f"no author's name: {error}"
        except FetchError as error:
            if error.status is None or error.status == 429 or not 400 <= error.status < 500:
                self.failed[member] = error
                raise
            if error.status in (401, 403):
                self.refused = (
                    f"no author's name: {error}; the API key needs the Read Members "
                    "permission for authors' names"
                )
                return "", self.refused
            return "", f"no author's name: {error}"


def api_posts(
    get_json: GetJson, post_json: PostJson, api_url: str, site: str
) -> Iterator[RemotePost | UnreadPost]:
    """Every published post as a record (or, when its author could not be asked
    for, as an UnreadPost): the labels fetched once, each author's name once.
    ``site`` is the site's address, for a post that has no ``url``."""
    categories = category_labels(post_json, api_url)
    tags = tag_labels(post_json, api_url)
    authors = _Authors(get_json, api_url)
    for post in query_all_posts(post_json, api_url):
        member = post.get("memberId")
        member = member if isinstance(member, str) else ""
        try:
            name, problem = authors.name_of(member)
        except FetchError as error:
            unnamed = post_from_v3(
                post, category_labels=categories, tag_labels=tags, author="", site=site
            )
            yield UnreadPost(unnamed.address, error)
            continue
        record = post_from_v3(
            post, category_labels=categories, tag_labels=tags, author=name, site=site
        )
        if problem:
            record.notes.append(problem)
        elif not record.author:
            record.notes.append("no author's name: Wix's data names no member with a name")
        yield record
