"""The pictures posts show: each must be a file of the site, and a photo should be
small enough for a phone.

``make check`` runs this after the post checks (``check.py``). A post's text is
read by Python-Markdown with the site's own extensions, as MkDocs reads it, so
what counts as an image is what the build makes an ``<img>`` of: ``![alt](path)``,
reference images and ``<img src="...">`` written as HTML, but nothing inside a
code block, a code span or an HTML comment. Pictures on other sites
(``https://...``, ``data:``) are left alone.

An image's path is read as MkDocs reads it: relative to the post's file (or, when
it starts with ``/``, to docs/). A path that leaves docs/ or names no file there
is an error; a photo heavier or wider than :data:`PHOTO_LIMIT` is a warning.

Python-Markdown keeps no line numbers, so the line named is the line of the post
holding the image's path as written, outside fenced code (the second such line
for the second image with that path, and so on).

The build's own checks do not run this: MkDocs' strict build already stops on a
missing image, and converting every post once more would slow every build.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from markdown import Markdown
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from selectolax.lexbor import LexborHTMLParser

from blog_extras.authoring.checks import CheckSettings, Finding, body_of, display_path
from blog_extras.content.paths import image_path_below_docs, inside_folder, stays_below
from blog_extras.html.images import image_size


class PhotoLimit(NamedTuple):
    kilobytes: int
    width: int  # pixels


# CONTRIBUTING's advice to authors: photos under about 300 KB, 1600 pixels wide.
PHOTO_LIMIT = PhotoLimit(kilobytes=300, width=1600)
# Pictures whose weight depends on their pixels (not SVG, which is drawn).
PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"})


def markdown_reader(settings: CheckSettings) -> Markdown:
    """A Python-Markdown converter with the site's extensions (``markdown_extensions``
    in mkdocs.yml), to be reset before each post."""
    return Markdown(
        extensions=list(settings.markdown_extensions),
        extension_configs=dict(settings.markdown_configs),
    )


def image_sources(body: str, reader: Markdown) -> list[str]:
    """The ``src`` of every image the post's text shows, in order, as written."""
    # Most posts have no picture: no need to convert them.
    if "![" not in body and "<img" not in body.lower():
        return []
    reader.reset()
    page = LexborHTMLParser(reader.convert(body))
    return [image.attributes.get("src") or "" for image in page.css("img[src]")]


def _fenced_lines(lines: list[str]) -> set[int]:
    """The lines of fenced code blocks, found by Python-Markdown's own pattern."""
    text = "\n".join(lines) + "\n"
    fenced: set[int] = set()
    for match in FencedBlockPreprocessor.FENCED_BLOCK_RE.finditer(text):
        first = text.count("\n", 0, match.start())
        fenced.update(range(first, first + match[0].count("\n") + 1))
    return fenced


def lines_of(body: str, first_line: int, sources: list[str]) -> list[int | None]:
    """The line of the post holding each image's path (``sources`` in order, the
    post's text starting on line ``first_line``): the n-th image with a path is on
    the n-th line holding that path outside fenced code."""
    lines = body.splitlines()
    fenced = _fenced_lines(lines) if "```" in body or "~~~" in body else set()
    seen: dict[str, int] = {}
    found: list[int | None] = []
    for src in sources:
        forms = {src, html.escape(src, quote=False), html.escape(src)}
        holding = [number for number, line in enumerate(lines) if any(f in line for f in forms)]
        holding = [number for number in holding if number not in fenced] or holding
        nth = seen.get(src, 0)
        seen[src] = nth + 1
        found.append(first_line + holding[min(nth, len(holding) - 1)] if holding else None)
    return found


def _close_name(file: Path) -> str | None:
    """A file beside ``file`` with a name close to its own (``Photo.JPG`` for
    ``photo.jpg``), when its folder exists."""
    try:
        names = [entry.name for entry in file.parent.iterdir() if entry.is_file()]
    except OSError:
        return None
    by_case = [name for name in names if name.lower() == file.name.lower()]
    close = by_case or difflib.get_close_matches(file.name, names, n=1, cutoff=0.7)
    return close[0] if close else None


def _missing(src: str, file: Path) -> str:
    message = f"the image {src} is missing: there is no file {display_path(file)}"
    close = _close_name(file)
    if close:
        written = src.rsplit("/", 1)[0] + "/" + close if "/" in src else close
        return f"{message}; did you mean {written}? (capitals count)"
    return f"{message}; check the file name (capitals count), or add the picture there"


def _size_text(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{round(size / 1000)} KB"


def photo_warning(file: Path, size: int, width: int | None) -> str | None:
    """What to say of a photo of ``size`` bytes and ``width`` pixels (None: unknown)
    heavier or wider than :data:`PHOTO_LIMIT`; None when it is within it."""
    limit = PHOTO_LIMIT
    too_wide = width is not None and width > limit.width
    if size <= limit.kilobytes * 1000 and not too_wide:
        return None
    measured = _size_text(size) + (f" and {width} pixels wide" if width else "")
    advice = (
        f"resize it to {limit.width} pixels wide"
        if too_wide or width is None
        else "save it again with more compression (as a JPEG of about 80% quality)"
    )
    return (
        f"the photo {display_path(file)} is {measured}, more than the {limit.kilobytes} KB "
        f"and {limit.width} pixels recommended: {advice}, so that the page loads quickly "
        "on a phone"
    )


def check_post_images(
    docs: Path, post: Path, raw: bytes, reader: Markdown, warned: set[Path] | None = None
) -> Iterator[Finding]:
    """The missing images of one post, ``raw`` its file's content (errors), and its
    photos over the limit (warnings; ``warned`` holds the photos already named,
    each is named once)."""
    try:
        found = body_of(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        found = None
    if found is None:
        return  # the post checks say what is wrong with the file
    body, first_line = found
    sources = image_sources(body, reader)
    if not sources:
        return
    src_uri = post.relative_to(docs).as_posix()
    path = display_path(post)
    lines = lines_of(body, first_line, sources)
    for src, line in zip(sources, lines, strict=True):
        target = image_path_below_docs(src, src_uri)
        if target is None:
            continue
        if not stays_below(target):
            yield Finding(
                path,
                f"the image {src} points outside docs/, where the site's files are: put the "
                f"picture in the post's folder ({display_path(post.with_suffix(''))}/)",
                line,
            )
            continue
        file = docs / target
        if not file.is_file():
            yield Finding(path, _missing(src, file), line)
            continue
        if not inside_folder(docs, file):
            continue  # a link out of docs/: the post checks name it (checks._check_links)
        if file.suffix.lower() not in PHOTO_SUFFIXES or (warned is not None and file in warned):
            continue
        size = image_size(file)
        warning = photo_warning(file, file.stat().st_size, size[0] if size else None)
        if warning:
            if warned is not None:
                warned.add(file)
            yield Finding(path, warning, line, kind="warning")


def check_images(settings: CheckSettings, sources: Mapping[Path, bytes]) -> list[Finding]:
    """The images of every post of the site. ``sources``: the posts' files as the
    post checks read them (``Report.sources``); a post they did not read (they stop
    before reading any when a link leaves docs/) is read here."""
    docs = settings.docs_dir
    post_root = docs / settings.post_dir
    posts = sorted(post_root.rglob("*.md")) if post_root.is_dir() else []
    reader = markdown_reader(settings)
    warned: set[Path] = set()
    findings: list[Finding] = []
    for post in posts:
        if post.is_symlink() and not inside_folder(docs, post):
            continue  # the post checks name the link; what it points at is no post
        try:
            raw = sources[post] if post in sources else post.read_bytes()
        except OSError:
            continue  # the post checks say what is wrong with the file
        findings.extend(check_post_images(docs, post, raw, reader, warned))
    return findings
