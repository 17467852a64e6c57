"""Reading posts out of what Wix gives a blog's owner: a page capture (the text a
reader gets by selecting all on a post page, or saving it as text), a saved post
page (HTML with its images in a folder beside it), and the blog's RSS feed
(``/blog-feed.xml``), whose pictures are downloaded from the web
(:func:`feed_picture`, :func:`attach_pictures`).

Each reader returns :class:`WixPost` values: plain data, with the post's text
as Markdown blocks, and two lists of what could not be read: ``problems`` (the
post cannot be written: no title, no date, an image missing) and ``notes``
(written, but the author should know: text cut off, a date estimated).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

from dateutil import parser as date_parser

from blog_extras.content.paths import OLD_POST_PREFIXES, inside_folder, old_address_problem
from blog_extras.wix_import.markdown_out import (
    FoundImage,
    TooComplex,
    escape_text,
    html_to_markdown,
    without_controls,
)
from blog_extras.wix_import.media import (
    COVER,
    DEFAULT_MEDIA_URL,
    Picture,
    Staged,
    file_stem,
    lead_of,
    picture_from_src,
    with_cover,
    without_picture,
)
from blog_extras.wix_import.remote import (
    MAX_EXCERPT,
    MAX_LABEL,
    MAX_TITLE,
    blog_posting,
    one_line,
)


class NotWixError(ValueError):
    """The source is not something Wix produces; the message says why."""


@dataclass(frozen=True)
class Image:
    # The file on disk, beside the saved page; or its bytes, downloaded (and typed
    # by them) from a live blog's media host.
    source: Path | bytes
    name: str  # its file name in the post's folder
    alt: str

    def data(self) -> bytes:
        return self.source if isinstance(self.source, bytes) else self.source.read_bytes()


@dataclass
class WixPost:
    title: str = ""
    published: date | None = None
    updated: date | None = None
    date_estimated: bool = False  # the publication date was guessed
    updated_estimated: bool = False  # the "Updated:" date was (its year)
    author: str = ""
    views: int | None = None
    comments: int | None = None
    likes: int | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)  # Markdown, one block a paragraph
    images: list[Image] = field(default_factory=list)
    # Pictures still to be downloaded (a feed's), named in ``blocks`` by placeholder
    pictures: list[Picture] = field(default_factory=list)
    wix_path: str = ""
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The file's slug when the caller chose it (a whole-blog import plans every
    # post's file first, to point links between posts at them); "" = from the title.
    slug: str = ""
    # What the post was made from, fingerprinted (``wix.revision``): a whole-blog
    # import leaves a post whose source has not changed without downloading it again.
    revision: str = ""
    lead: int = 1  # how many blocks go above the excerpt separator
    # Other posts the page named (title, opening line), from its Recent Posts block
    mentioned: list[tuple[str, str]] = field(default_factory=list)


# A tag, closed or not, or an entity: markup, where only a name is expected.
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&[a-zA-Z#][a-zA-Z0-9]*;")


def _labels(names: list[str]) -> list[str]:
    return [label for label in (one_line(name, MAX_LABEL) for name in names) if label]


def clean_post(post: WixPost) -> None:
    """Control characters out of everything the importer stores or prints (they
    make the feed ill-formed, or a terminal obey them), and an author's name with
    markup refused: Material prints authors' names as HTML, and one is text."""
    post.title, post.author = one_line(post.title, MAX_TITLE), one_line(post.author, MAX_LABEL)
    post.categories, post.tags = _labels(post.categories), _labels(post.tags)
    post.blocks = [without_controls(block) for block in post.blocks]
    post.mentioned = [
        (one_line(title, MAX_TITLE), one_line(line, MAX_EXCERPT)) for title, line in post.mentioned
    ]
    if _MARKUP.search(post.author):
        post.notes.append(
            f"the author's name {post.author[:80]!r} holds markup; not kept as the author"
        )
        post.author = ""


def wix_slug(title: str) -> str:
    """The slug Wix gives a post's address: lowercase words joined by hyphens."""
    text = unicodedata.normalize("NFKC", title).lower()
    words = re.findall(r"[^\W_]+", text)
    return "-".join(words)


def old_path(url: str) -> str:
    """A post's Wix address from its link, whatever site prefix (``/blog``) it had:
    ``/post/<slug>``, ``/single-post/<yyyy>/<mm>/<dd>/<slug>`` or
    ``/single-post/<slug>``; "" for a link to anything else. The new site answers
    that path on the domain the blog moves to."""
    path = unquote(urlsplit(url).path)
    for prefix in OLD_POST_PREFIXES:
        _, found, rest = path.partition(prefix)
        rest = rest.strip("/")
        single = prefix == "/post/" and "/" in rest
        if found and rest and not single:
            return prefix + rest
    return ""


def check_old_address(post: WixPost) -> None:
    """An old address the redirect pages cannot be built at is a problem of the post:
    ``/post/..`` would put its redirect over the new home page."""
    if post.wix_path:
        problem = old_address_problem(post.wix_path, OLD_POST_PREFIXES)
        if "file name" in problem:
            post.notes.append(
                f"no redirect from its old address: {problem} ({post.wix_path[:60]}...)"
            )
            post.wix_path = ""
        elif problem:
            post.problems.append(f"its old address {post.wix_path!r} cannot be used: {problem}")
            post.wix_path = ""


# -- Images -----------------------------------------------------------------------

# What a post may carry: raster images, known by their first bytes. Not SVG, which
# is a document that can hold scripts.
_IMAGE_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".avif": (b"\x00\x00\x00",),
}


def image_beside(page_folder: Path, src: str) -> tuple[Path | None, str]:
    """The image file a saved page's ``src`` names, and "" ; or None and why it is
    refused. It must be a relative address that, decoded and with every link
    followed, stays inside the page's own folder, and a PNG, JPEG, GIF, WebP or
    AVIF file whose first bytes say so."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith(("/", "\\")):
        return None, "not a file beside the page (only relative addresses are copied)"
    relative = unquote(parts.path)
    if not relative or "\0" in relative or "\\" in relative or relative.startswith("/"):
        return None, "not a file beside the page"
    normal = posixpath.normpath(relative)
    if normal == ".." or normal.startswith("../"):
        return None, "outside the saved page's folder"
    local = page_folder / normal
    if not local.exists() and not local.is_symlink():
        return None, "not found beside the page"
    if not inside_folder(page_folder, local):  # through a link
        return None, "outside the saved page's folder"
    if not local.is_file():
        return None, "not a file"
    suffix = local.suffix.lower()
    signatures = _IMAGE_SIGNATURES.get(suffix)
    if signatures is None:
        return None, f"not an image file ({suffix or 'no extension'}; PNG, JPEG, GIF or WebP)"
    with local.open("rb") as file:
        start = file.read(16)
    webp = suffix != ".webp" or start[8:12] == b"WEBP"
    avif = suffix != ".avif" or start[4:12] in (b"ftypavif", b"ftypavis")
    if not any(start.startswith(sign) for sign in signatures) or not (webp and avif):
        return None, f"its content is not a {suffix[1:].upper()} image"
    return local, ""


def safe_image_name(name: str, taken: set[str]) -> str:
    """A file name for the post's folder: letters, digits, '-', '_' and its extension,
    so that it needs no escaping in Markdown, and not one already taken."""
    stem, _, suffix = name.rpartition(".")
    stem = re.sub(r"[^\w-]+", "-", stem).strip("-")[:80] or "image"
    candidate, number = f"{stem}.{suffix.lower()}", 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}.{suffix.lower()}"
    taken.add(candidate)
    return candidate


def named_images(pictures: list[Picture], staged: Staged) -> tuple[list[Image], dict[str, str]]:
    """The files of a post's downloaded pictures (``staged``), each named once in
    the post's folder from its media id or address and the extension its bytes
    gave; and each downloaded picture's placeholder -> that name."""
    images: list[Image] = []
    names: dict[str, str] = {}
    taken: set[str] = set()
    by_file: dict[Path, str] = {}
    for picture in pictures:
        if picture.placeholder not in staged:
            continue
        file, extension = staged[picture.placeholder]
        if file not in by_file:
            by_file[file] = safe_image_name(f"{file_stem(picture)}.{extension}", taken)
            images.append(Image(file, by_file[file], picture.alt))
        names[picture.placeholder] = by_file[file]
    return images, names


# -- Dates and counts, as Wix writes them -----------------------------------

# Wix shows the dates of this year's posts without their year: "Nov 27", "27 Nov".
# Without a year, only a month's name tells a date from "12 views".
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
_NO_YEAR = re.compile(rf"{_MONTH} \d{{1,2}}|\d{{1,2}} {_MONTH}")
_DATE_LINE = re.compile(
    r"^(?P<updated>Updated:\s*)?(?P<date>[A-Za-z]{3,9}\.? \d{1,2}, \d{4}|"
    rf"\d{{1,2}} [A-Za-z]{{3,9}} \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|{_NO_YEAR.pattern})$"
)
_READ_TIME = re.compile(r"^\d+\s*min(ute)?s?( read)?$", re.IGNORECASE)
_COUNT = r"(\d{1,3}(?:,\d{3})*|\d+)"
_COUNTS_LINE = re.compile(rf"^{_COUNT} views?\s*(?:·\s*)?{_COUNT} comments?$")
_VIEWS_LINE = re.compile(rf"^{_COUNT} views?$")
_LEADING_COUNT = re.compile(rf"^{_COUNT}(?!\d)")
_COMMENTS_LINE = re.compile(rf"^{_COUNT} comments?$")
# Page furniture: Wix's skip links, share buttons, like button, navigation.
_FURNITURE = {
    "top of page", "bottom of page", "writer's picture", "writer\u2019s picture", "all posts",
    "log in / sign up", "log in", "sign up", "search", "facebook", "twitter", "x", "linkedin",
    "link copied", "copy link", "share", "post not marked as liked", "post marked as liked",
    "recent posts", "see all",
}  # fmt: skip


def parse_wix_date(text: str) -> date | None:
    """The day a date line names ("Mar 3, 2022", "Sept. 3, 2021", "3 March 2022",
    "2022-03-03"), read by python-dateutil once the line is known to be a date."""
    cleaned = " ".join(text.replace(".", " ").split())
    try:
        return date_parser.parse(cleaned, dayfirst=False, yearfirst=False, fuzzy=False).date()
    except (ValueError, OverflowError):  # dateutil's ParserError is a ValueError
        return None


def date_without_year(text: str, today: date) -> date | None:
    """The day of a date Wix shows without its year ("Nov 27"), which it does for
    this year's posts: this year's, unless that day is still to come, then the
    year before's (a post read in January from December's capture). A 29 February
    goes back to the last leap year. None: ``text`` is no such date."""
    if not _NO_YEAR.fullmatch(text):
        return None
    for year in range(today.year, today.year - 5, -1):
        day = parse_wix_date(f"{text} {year}")
        if day is not None and day <= today:
            return day
    return None


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def _is_furniture(line: str) -> bool:
    return line.casefold() in _FURNITURE or re.fullmatch(r"\d+", line) is not None


# -- Page captures (text) ------------------------------------------------------


def read_capture(text: str, source: str, today: date | None = None) -> list[WixPost]:
    """``today``: the day a date shown without its year is counted back from."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise NotWixError(f"{source} is empty")
    lowered = [line.casefold() for line in lines]
    if "top of page" not in lowered or "bottom of page" not in lowered:
        raise NotWixError(
            f"{source} does not look like a Wix page capture: Wix pages begin with "
            "'top of page' and end with 'bottom of page'"
        )
    lines = lines[
        lowered.index("top of page") + 1 : len(lowered) - lowered[::-1].index("bottom of page") - 1
    ]
    post = WixPost()

    body_start, extra = _read_header(lines, post, today or date.today())
    if not post.title:
        post.problems.append("no title")

    # The text, up to the counts line or the Recent Posts block.
    body: list[str] = list(extra)
    index = body_start
    while index < len(lines):
        line = lines[index]
        counts = _COUNTS_LINE.match(line)
        if counts:
            post.views, post.comments = _number(counts[1]), _number(counts[2])
            index += 1
            break
        if (
            _VIEWS_LINE.match(line)
            and index + 1 < len(lines)
            and _COMMENTS_LINE.match(lines[index + 1])
        ):
            post.views = _number(_VIEWS_LINE.match(line)[1])  # type: ignore[index]
            post.comments = _number(_COMMENTS_LINE.match(lines[index + 1])[1])  # type: ignore[index]
            index += 2
            break
        if line.casefold() in ("recent posts", "see all"):
            break
        if not _is_furniture(line):
            body.append(line)
        index += 1
    if post.views is None:
        post.notes.append("no view or comment counts in the capture")
    post.blocks = [_text_block(line) for line in body]
    if not post.blocks:
        post.problems.append("no text: nothing between the header and the end of the post")

    # Recent Posts: pairs of title and opening line, named for the report.
    rest = lines[index:]
    if "recent posts" in [line.casefold() for line in rest]:
        start = [line.casefold() for line in rest].index("recent posts") + 1
        entries = [line for line in rest[start:] if line.casefold() != "see all"
                   and not _is_furniture(line)]  # fmt: skip
        post.mentioned = list(zip(entries[::2], entries[1::2], strict=False))
    post.wix_path = "/post/" + wix_slug(post.title) if post.title else ""
    if post.title and not wix_slug(post.title):
        post.wix_path = ""
        post.problems.append("the title has no letters or digits, so no old address to keep")
    check_old_address(post)
    return [post]


# How far into a capture the header (title, author, dates, reading time) can reach.
_HEADER_LINES = 8


def _title_like(line: str) -> bool:
    return len(line) <= 150 and not line.endswith((".", "…", ":", ";", ","))


def _read_header(lines: list[str], post: WixPost, today: date) -> tuple[int, list[str]]:
    """Read the title, author and dates of a capture into ``post``: where its text
    starts, and any line of text found among the header lines.

    Wix places the header lines around the title in several ways: the title
    first, then the author, the date and the reading time; or the author, the
    date and the reading time above the title and "Updated: <date>" below it; or
    just the title and "Updated: <date>". The author is the line of text next to
    (just above) the first date; the title is the other one, or, when there is
    only one line of text above the last header line and the line after it reads
    like a title, the line after it.
    """
    window = lines[:_HEADER_LINES]
    kinds: dict[int, str] = {}
    for at, line in enumerate(window):
        match = _DATE_LINE.match(line)
        if match:
            kinds[at] = "updated" if match["updated"] else "created"
        elif _READ_TIME.match(line):
            kinds[at] = "readtime"
    dated = [at for at, kind in kinds.items() if kind != "readtime"]
    if not dated:
        post.problems.append("no date: the capture shows no publication or update date")
        text = [line for line in lines if not _is_furniture(line)]
        post.title = text[0] if text else ""
        if not post.title:
            post.problems.append("no title")
        return (lines.index(post.title) + 1 if post.title else len(lines)), []
    _read_dates(window, kinds, post, today)
    last = max(kinds)
    above = [at for at in range(last) if at not in kinds and not _is_furniture(lines[at])]
    after = last + 1
    extra: list[str] = []
    if len(above) >= 2:
        near_date = [at for at in above if at < min(dated)]
        author_at = near_date[-1] if near_date else None
        rest = [at for at in above if at != author_at]
        post.title = lines[rest[0]]
        post.author = lines[author_at] if author_at is not None else ""
        extra = [lines[at] for at in rest[1:]]
    elif len(above) == 1 and after < len(lines) and _title_like(lines[after]):
        post.author, post.title = lines[above[0]], lines[after]
        after += 1
    elif above:
        post.title = lines[above[0]]
    elif after < len(lines):
        post.title = lines[after]
        after += 1
    if not post.title:
        post.problems.append("no title")
    return after, extra


def _read_dates(window: list[str], kinds: dict[int, str], post: WixPost, today: date) -> None:
    """Both dates of the header: the publication date, and "Updated: <date>"."""
    for at, kind in sorted(kinds.items()):
        if kind == "readtime":
            continue
        match = _DATE_LINE.match(window[at])
        assert match is not None
        day = parse_wix_date(match["date"])
        if _NO_YEAR.fullmatch(match["date"]):
            day = date_without_year(match["date"], today)
            if day is not None and (
                (kind == "created" and post.published is None)
                or (kind == "updated" and post.updated is None)
            ):
                if kind == "created":
                    post.date_estimated = True
                else:
                    post.updated_estimated = True
                post.notes.append(
                    f"the date '{match['date']}' shows no year; read as {day.isoformat()} "
                    "(this year's, or last year's when that day is still to come)"
                )
        if day is None:
            post.problems.append(f"the date '{match['date']}' cannot be read")
        elif kind == "created" and post.published is None:
            post.published = day
        elif kind == "updated" and post.updated is None:
            post.updated = day
    if post.published is None and post.updated is not None:
        post.published = post.updated
        post.date_estimated = True
        post.notes.append("only the date of the last update is known; the post is dated on it")
    elif post.published and post.updated and post.updated < post.published:
        post.notes.append("its 'Updated:' date is before its publication date; not kept")
        post.updated = None


_BULLET = re.compile("^[\u2022\u25cf\u25aa\u25e6\u2023\u00b7\\-\u2013*]\\s+")


def _text_block(line: str) -> str:
    if _BULLET.match(line):
        return "- " + escape_text(_BULLET.sub("", line), whole_block=True)
    return escape_text(line, whole_block=True)


# -- Saved post pages (HTML) ------------------------------------------------------


# Wix's counters on a post page: the first text inside each starts with its count.
_COUNTER_HOOKS = ("views-counter", "comments-counter")


class _MetaReader(HTMLParser):
    """The head's metadata, JSON-LD blocks and the Wix markers of a saved page, and
    the counts shown in its counters (``counts``, by data-hook)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.json_ld: list[str] = []
        self.title = ""
        self.counts: dict[str, int] = {}
        self._in: str | None = None
        self._buffer: list[str] = []
        self._counter: str | None = None  # the counter whose first text comes next

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        hook = values.get("data-hook")
        if hook in _COUNTER_HOOKS and hook not in self.counts:
            self._counter = hook
        if tag == "meta":
            key = values.get("property") or values.get("name")
            if key and key not in self.meta:
                self.meta[key] = values.get("content", "")
        elif tag == "link" and values.get("rel") == "canonical":
            self.meta.setdefault("canonical", values.get("href", ""))
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._in, self._buffer = "json-ld", []
        elif tag == "title":
            self._in, self._buffer = "title", []

    def handle_endtag(self, tag: str) -> None:
        if self._in == "json-ld" and tag == "script":
            self.json_ld.append("".join(self._buffer))
            self._in = None
        elif self._in == "title" and tag == "title":
            self.title = " ".join("".join(self._buffer).split())
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buffer.append(data)
        if self._counter and data.strip():
            count = _LEADING_COUNT.match(data.strip())
            if count:
                self.counts[self._counter] = _number(count[1])
            self._counter = None


def _iso_date(value: object) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return parse_wix_date(value)


def read_saved_page(html: str, page_path: Path) -> list[WixPost]:
    source = page_path.name
    if not html.strip():
        raise NotWixError(f"{source} is empty")
    head = _MetaReader()
    head.feed(html)
    generator = head.meta.get("generator", "")
    if "wix" not in generator.casefold() and 'data-hook="post-' not in html:
        raise NotWixError(
            f"{source} does not look like a saved Wix post page (no 'Wix.com' generator tag "
            "and no Wix post markup)"
        )
    posting = blog_posting(head.json_ld)
    post = WixPost()
    post.title = str(posting.get("headline") or head.meta.get("og:title") or "").strip()
    published = _iso_date(posting.get("datePublished") or head.meta.get("article:published_time"))
    modified = _iso_date(posting.get("dateModified") or head.meta.get("article:modified_time"))
    post.published = published
    post.updated = modified if modified and published and modified > published else None
    if published is None and modified is not None:
        post.published = post.updated = modified
        post.date_estimated = True
        post.notes.append("only the date of the last update is known; the post is dated on it")
    author = posting.get("author")
    if isinstance(author, dict):
        post.author = str(author.get("name") or "")
    elif isinstance(author, list) and author and isinstance(author[0], dict):
        post.author = str(author[0].get("name") or "")
    section = posting.get("articleSection")
    post.categories = [section] if isinstance(section, str) and section else []
    if isinstance(section, list):
        post.categories = [str(item) for item in section if item]
    keywords = posting.get("keywords")
    if isinstance(keywords, str):
        post.tags = [word.strip() for word in keywords.split(",") if word.strip()]
    elif isinstance(keywords, list):
        post.tags = [str(word) for word in keywords if word]
    url = str(posting.get("url") or head.meta.get("og:url") or head.meta.get("canonical") or "")
    post.wix_path = old_path(url)

    try:
        content = html_to_markdown(html, container=_content_marker(html))
    except TooComplex as error:
        raise NotWixError(f"{source}: {error}") from None
    post.blocks = content.blocks
    taken: set[str] = set()
    for image in content.images:
        local, why = image_beside(page_path.parent, image.src)
        if local is None:
            post.problems.append(f"image {image.src[:200]!r} not copied: {why}")
            continue
        name = safe_image_name(local.name, taken)
        post.images.append(Image(local, name, image.alt))
        post.blocks = [block.replace(image.placeholder, name) for block in post.blocks]
    post.views = head.counts.get("views-counter")
    post.comments = head.counts.get("comments-counter")
    if post.views is None:
        post.notes.append("no view or comment counts in the page")
    require_essentials(post)
    if not post.wix_path and post.title:
        post.wix_path = "/post/" + wix_slug(post.title)
    check_old_address(post)
    return [post]


def _content_marker(html: str) -> str:
    for marker in ('data-hook="post-description"', 'data-hook="post-content"'):
        if marker in html:
            return marker
    return "<article"


def require_essentials(post: WixPost, no_date: str = "no date") -> None:
    """What a post cannot be written without (a title, a date, text), each missing
    one a problem of the post; ``no_date`` says which date is missing."""
    if not post.title:
        post.problems.append("no title")
    if post.published is None:
        post.problems.append(no_date)
    if not post.blocks:
        post.problems.append("no text")


# -- The blog's feed (RSS) ---------------------------------------------------------

_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


def read_feed(text: str, source: str) -> list[WixPost]:
    if not text.strip():
        raise NotWixError(f"{source} is empty")
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        raise NotWixError(f"{source}: a feed with a DOCTYPE or entities is not read")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise NotWixError(f"{source} is not a readable RSS feed ({error})") from None
    channel = root.find("channel")
    items = channel.findall("item") if channel is not None else []
    if root.tag != "rss" or channel is None:
        raise NotWixError(f"{source} is not an RSS feed")
    links = [item.findtext("link") or "" for item in items]
    if not any(old_path(link) for link in links):
        raise NotWixError(
            f"{source} is not a Wix blog feed: none of its items links to a Wix post "
            "(/post/… or /single-post/…)"
        )
    posts = []
    for item, link in zip(items, links, strict=True):
        post = WixPost()
        post.title = " ".join((item.findtext("title") or "").split())
        post.wix_path = old_path(link)
        if not post.wix_path:
            post.problems.append(f"skipped: its link {link[:120]!r} is not a Wix post address")
            posts.append(post)
            continue
        when = item.findtext("pubDate")
        if when:
            try:
                post.published = parsedate_to_datetime(when).date()
            except (TypeError, ValueError):
                post.problems.append(f"the date '{when}' cannot be read")
        post.author = (item.findtext(_CREATOR) or "").strip()
        post.categories = [
            c.text.strip() for c in item.findall("category") if c.text and c.text.strip()
        ]
        full = item.findtext(_CONTENT)
        html = full if full else item.findtext("description") or ""
        try:
            content = html_to_markdown(f"<article>{html}</article>", container="<article")
        except TooComplex as error:
            raise NotWixError(f"{source}: the item {post.title[:80]!r}: {error}") from None
        post.blocks = content.blocks
        if not full:
            post.notes.append("text cut off: the feed holds only the opening of the post")
            if post.blocks and not post.blocks[-1].endswith((".", "!", "?", "\u2026")):
                post.blocks[-1] += "\u2026"
        _feed_pictures(post, content.images, item.find("enclosure"))
        post.notes.append("no view or comment counts in the feed")
        require_essentials(post)
        check_old_address(post)
        posts.append(post)
    return posts


def feed_picture(src: str, alt: str, placeholder: str) -> tuple[Picture | None, str]:
    """The picture a feed's image address names, to download; or None and why it
    is left out. Only https addresses are fetched: a Wix media address by its media
    id, from ``WIX_MEDIA_URL``; any other https address as it is."""
    parts = urlsplit(src)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return None, "an image inside the feed (data:); only images on a web host are downloaded"
    if scheme == "http":
        return None, "an http address; only https images are downloaded (http can be altered)"
    if not scheme:
        return None, "a relative address; the feed names no host to download it from"
    if scheme != "https":
        return None, f"a {scheme[:20]}: address; only https images are downloaded"
    picture = picture_from_src(src, alt, placeholder, DEFAULT_MEDIA_URL)
    return (picture, "") if picture else (None, "not an address an image can be downloaded from")


def _feed_pictures(post: WixPost, found: list[FoundImage], enclosure: Element | None) -> None:
    """The item's images, and its cover (``<enclosure>``, FACTS C.3) as its first
    picture unless the text starts with it, as pictures to download; each one that
    cannot be is left out of the text, with a note saying why."""
    for image in found:
        picture, why = feed_picture(image.src, image.alt, image.placeholder)
        if picture is None:
            post.notes.append(f"the image {image.src[:120]!r} was left out: {why}")
            post.blocks = without_picture(post.blocks, image.placeholder)
        else:
            post.pictures.append(picture)
    url = enclosure.get("url", "") if enclosure is not None else ""
    kind = enclosure.get("type", "image/") if enclosure is not None else ""
    if url and kind.startswith("image/"):
        cover, why = feed_picture(url, post.title, COVER)
        if cover is None:
            post.notes.append(f"the cover {url[:120]!r} was left out: {why}")
        else:
            post.blocks, post.pictures = with_cover(post.blocks, post.pictures, cover)
    elif url:
        post.notes.append(f"the enclosure {url[:120]!r} was left out: not an image ({kind[:40]})")
    post.lead = lead_of(post.blocks)


def attach_pictures(post: WixPost, staged: Staged, notes: list[str]) -> None:
    """The post's downloaded pictures (``staged``) become its images, named in its
    text; the others are left out of it, with ``notes`` saying why."""
    images, names = named_images(post.pictures, staged)
    for picture in post.pictures:
        if picture.placeholder not in names:
            post.blocks = without_picture(post.blocks, picture.placeholder)
    for placeholder, name in names.items():
        post.blocks = [block.replace(f"]({placeholder})", f"]({name})") for block in post.blocks]
    post.images, post.pictures = images, []
    post.notes.extend(notes)
    post.lead = lead_of(post.blocks)
    if not post.blocks:
        post.problems.append("no text: the post held only images, and none could be downloaded")
