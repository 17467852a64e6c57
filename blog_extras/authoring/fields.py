"""The values of front matter and of the authors file that the theme prints, checked.

Material prints a page's ``subtitle``, ``status`` and ``author``, a post's
``links:`` and its authors' names, descriptions, addresses and pictures into
every page's HTML; ``icon`` names a file its templates include. The build
escapes the text it prints (``html/text.py``); these checks refuse, before it,
what is not plain text at all (a tag, an ``&code;``, a control character that
XML and the CI log cannot carry), addresses a reader's click would run
(``javascript:``, ``data:``), and an icon the theme does not have.

Each function here is pure: a value in, why it cannot be used (or "") out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pymdownx.slugs import slugify

# Material's tags plugin's anchor of a tag on the tags page (its default slug).
_TAG_SLUG = slugify(case="lower")

# A tag, closed or not ("<img src=x onerror=..." is one too), or an entity.
HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&[a-zA-Z#][a-zA-Z0-9]*;")
# What may not appear in an address written into an attribute: HTML would end the
# attribute at a quote, a browser drops whitespace and control characters from a
# scheme ("java\tscript:" runs), and a backslash is read as "/".
_URL_FORBIDDEN = re.compile(r"[\s\"'<>`\\\x00-\x1f\x7f]")
# Material's icons: a set and a name, lowercase words joined by "-"
# (material/arrow-left, fontawesome/brands/github).
_ICON = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)+")
# A page's status is a class name in Material's navigation ("md-status--new").
_STATUS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A post's tags: each is a heading on the tags page and a link on the post, so a
# few words each, and a few dozen at most (Wix allows 30 per post).
MAX_TAG_LENGTH = 100
MAX_TAGS = 50


def control_problem(text: str) -> str:
    """Why ``text`` cannot be a line of text (a control character), or ""."""
    for char in text:
        if not char.isprintable() and char != " ":
            return f"it holds the control character {char!r}; remove it"
    return ""


def text_problem(value: Any, *, markup_allowed: bool = False) -> str:
    """Why ``value`` cannot be a line of plain text shown on the site, or "".
    ``markup_allowed``: text the build escapes anyway, where an ``<`` is meant."""
    if not isinstance(value, str):
        return "it must be text"
    problem = control_problem(value)
    if problem:
        return problem
    if not markup_allowed and HTML.search(value):
        return "it holds HTML; write plain text (no <tags> or &codes;)"
    return ""


def url_problem(value: Any) -> str:
    """Why ``value`` cannot be an address a page links to or shows, or "": it must be
    a web address (http or https) or a file of the site (a path, ``assets/me.png``)."""
    if not isinstance(value, str) or not value:
        return "it must be a web address or a file of the site"
    if _URL_FORBIDDEN.search(value):
        return "it holds a space, a quote, '<', '>' or a control character"
    parts = urlsplit(value)
    if parts.scheme and parts.scheme not in ("http", "https"):  # urlsplit lowercases it
        return (
            f"'{parts.scheme}:' addresses are not allowed; use an http(s) address or a "
            "file of the site"
        )
    if parts.scheme and not parts.netloc:
        return f"it names no site after '{parts.scheme}:'; write {parts.scheme}://site/..."
    elif value.startswith("//"):
        return "it names another site without http(s); write https:// in front"
    return ""


def icon_problem(value: Any, theme_dirs: Iterable[Path]) -> str:
    """Why ``value`` cannot be a page's ``icon:``, or "": Material includes the file
    ``.icons/<value>.svg`` of the theme, and a build without it stops."""
    if not isinstance(value, str) or not _ICON.fullmatch(value):
        return "it must name one of the theme's icons, such as material/book"
    if not any((folder / ".icons" / f"{value}.svg").is_file() for folder in theme_dirs):
        return f"the theme has no icon '{value}'"
    return ""


def status_problem(value: Any) -> str:
    """Why ``value`` cannot be a page's ``status:`` (``new``, ``deprecated``), or ""."""
    if not isinstance(value, str) or not _STATUS.fullmatch(value):
        return "it must be one word of lowercase letters, digits and '-', such as new"
    return ""


# Where an entry of ``links:`` is: its index in its list, then, for ``Title: ...``,
# the title (as text), and so on down a section's list: ``(2, "Section", 0)``.
LinkPlace = tuple[int | str, ...]


def link_problems(items: Any, place: LinkPlace = ()) -> Iterator[tuple[str, LinkPlace]]:
    """Why each entry of a post's ``links:`` cannot be used, and where the entry is
    (:data:`LinkPlace`, ``()`` for ``links:`` itself). An entry is an address
    (``blog/posts/other.md``, ``https://...``), ``Title: address``, or
    ``Section: [entries]``, as in MkDocs' ``nav``."""
    if not isinstance(items, list):
        yield "'links' must be a list of addresses, or of 'Title: address'", place
        return
    for index, item in enumerate(items):
        if isinstance(item, dict):
            for title, target in item.items():
                entry = (*place, index, str(title))
                problem = text_problem(title)
                if problem:
                    yield f"the title {title!r} in 'links' cannot be used: {problem}", entry
                if isinstance(target, list):
                    yield from link_problems(target, entry)
                    continue
                problem = url_problem(target)
                if problem:
                    yield f"the address {target!r} in 'links' cannot be used: {problem}", entry
        else:
            problem = url_problem(item)
            if problem:
                yield (
                    f"the address {item!r} in 'links' cannot be used: {problem}",
                    (*place, index),
                )


def tag_problems(tags: Any) -> Iterator[str]:
    """Why a post's ``tags:`` cannot be used: Material's tags plugin prints each
    name on the post and the tags page, so each must be a short line of plain text."""
    if not isinstance(tags, list):
        yield "'tags' must be a list, such as 'tags: [Seoul, Films]'"
        return
    if len(tags) > MAX_TAGS:
        yield f"'tags' lists {len(tags)} tags; at most {MAX_TAGS} are allowed"
        return
    for tag in tags:
        if not isinstance(tag, str):
            yield f"the tag {tag!r} must be text; put it in quotes"
            continue
        problem = text_problem(tag)
        if not problem and not any(char.isalnum() for char in tag):
            problem = "it has no letters or digits to name its place on the tags page"
        if not problem and len(tag) > MAX_TAG_LENGTH:
            problem = f"it is {len(tag)} characters long; {MAX_TAG_LENGTH} at most"
        if problem:
            yield f"the tag {tag!r} cannot be used: {problem}"


def tag_anchor(name: str) -> str:
    """The anchor Material's tags plugin gives a tag on the tags page: tags with one
    anchor ("Seoul", "seoul", "R&D", "RD") would share its heading."""
    return str(_TAG_SLUG(name, "-"))
