"""Paths and web addresses that come from untrusted text: front matter, imported
pages, feeds. Each function says whether one is safe to build from, and why not.

Safe means: it names a place inside the site (no ``..``, not even encoded), it
is made of characters that need no escaping in a web address or a file name,
and each part fits in a file name.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

# Letters and digits of any script, "_" and "-": what Material's own slugs hold.
_SLUG = re.compile(r"[^\W_][\w-]*")
# The old Wix blog's folders of posts, where the build writes the redirect pages:
# /post/<slug> (Wix Blog), and /single-post/<yyyy>/<mm>/<dd>/<slug> or
# /single-post/<slug> (its older blog app).
OLD_POST_PREFIXES = ("/post/", "/single-post/")
# Most file systems allow 255 bytes in a file name; keep a margin for suffixes.
MAX_SEGMENT_BYTES = 200
# A post's file name and address made from a long title are cut to this, after a
# word (the importer and `make post` alike).
SLUG_BYTES = 100


def slug_problem(slug: str) -> str:
    """Why ``slug`` cannot be a post's address, or ""."""
    if not slug:
        return "it is empty"
    if not _SLUG.fullmatch(slug):
        return (
            "it may hold only letters, digits, '-' and '_', starting with a letter or digit "
            "(no '/', '.', spaces or '%')"
        )
    if len(slug.encode()) > MAX_SEGMENT_BYTES:
        return f"it is longer than {MAX_SEGMENT_BYTES} bytes, too long for a file name"
    return ""


def shorten_slug(slug: str, limit: int = SLUG_BYTES) -> str:
    """``slug`` cut after a whole word so that it fits in ``limit`` bytes."""
    if len(slug.encode()) <= limit:
        return slug
    cut = slug.encode()[:limit].decode("utf-8", "ignore")
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-")


def address_problem(url: str) -> str:
    """Why a page address below the site (``2021/05/my-post/``) cannot be written,
    or ""."""
    parts = [part for part in url.split("/") if part]
    if not parts:
        return "it is the site's home page"
    for part in parts:
        decoded = unquote(part)
        if decoded in (".", "..") or "/" in decoded or "\\" in decoded:
            return "it leaves its folder ('..')"
        if len(decoded.encode()) > MAX_SEGMENT_BYTES:
            return (
                f"a part of it is {len(decoded.encode())} bytes long, more than a file name "
                "can hold"
            )
    return ""


def old_address_problem(path: str, prefixes: tuple[str, ...]) -> str:
    """Why ``path``, a post's address on the old blog (``/post/my-post``), cannot get
    a redirect page, or "". ``prefixes``: the old blog's folders of posts."""
    if not isinstance(path, str) or any(ord(char) < 32 for char in path):
        return "it is not a single line of text"
    if not any(path.startswith(prefix) for prefix in prefixes):
        return f"it does not start with {' or '.join(prefixes)}"
    parts = path.strip("/").split("/")
    if any(not part for part in parts):
        return "it has an empty part ('//')"
    problem = address_problem(path)
    if problem:
        return problem
    words = (unquote(part).replace(".", "-").replace("~", "-") for part in parts)
    if not all(_SLUG.fullmatch(word) for word in words):
        return "it holds characters other than letters, digits, '-', '_', '.' and '~'"
    return ""


def stays_below(relative: str) -> bool:
    """Whether ``relative`` (a path below the output folder, from a page's address or
    a file's destination) stays below that folder once normalised."""
    if relative.startswith(("/", "\\")) or "\\" in relative or "\0" in relative:
        return False
    normal = posixpath.normpath(relative)
    return normal != ".." and not normal.startswith("../") and not Path(normal).is_absolute()


def site_file_problem(path: str, taken: Collection[str] = ()) -> str:
    """Why the build may not add a file of its own (the feed, an old address's page)
    at ``path`` below the site, or "": it must be a plain path below the site, and
    not where MkDocs writes a page or a file of ``docs/`` (``taken``), which it would
    silently replace (``post/../index.html`` is the home page)."""
    if not stays_below(path):
        return "it leads outside the site's folder"
    if posixpath.normpath(path) != path:
        return "it is not a plain path below the site ('..', '.' or '//' in it)"
    if path in taken:
        return "the site writes a page or file of its own there"
    return ""


class Output(NamedTuple):
    """A file the build writes."""

    source: str  # its path below docs/ (or Material's own folder for its pages)
    destination: str  # its path below site/
    is_page: bool  # a page made from Markdown, not a file copied as it is


def output_problem(outputs: Iterable[Output]) -> str:
    """Why the build must not write ``outputs``, or "": a file would land outside
    the site's folder, or a page where another file is written (the later one
    would silently replace the earlier, and a post would vanish). The checks
    refuse the slugs that lead there first; this holds for any other plugin's
    pages too."""
    outputs = list(outputs)
    pages = {output.destination for output in outputs if output.is_page}
    written: dict[str, str] = {}  # destination: the source written there last
    for output in outputs:
        source, destination = output.source, output.destination
        if not stays_below(destination):
            return f"{source}: would be written to {destination}, outside the site's folder."
        if destination in written and destination in pages:
            return (
                f"{source} and {written[destination]} would both be written to {destination}: "
                "give one a different address (its 'slug:')."
            )
        written[destination] = source
    return ""


def inside_folder(folder: Path, path: Path) -> bool:
    """Whether ``path``, with every link followed, is inside ``folder`` (also
    resolved). A path that cannot be resolved (a loop) is not."""
    try:
        resolved = path.resolve(strict=True)
        root = folder.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return resolved == root or root in resolved.parents


def image_path_below_docs(src: str, page_src_uri: str) -> str | None:
    """Where ``src``, an image of the page ``page_src_uri`` (its path below docs/),
    points below docs/, normalised: relative to the page's file, or to docs/ when
    it starts with ``/`` (where it lands on a site served at its domain's root).
    None for a picture of another site, or a ``src`` with no path. The path may
    still leave docs/ (``../photo.jpg``): :func:`stays_below` says whether it does.

    The build sizes the images it finds this way, and ``make check`` names those
    missing: both read a ``src`` alike."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_src_uri), path))
