"""Text from front matter and the authors file, made safe for the theme's templates.

MkDocs' templates do not escape what they print, and Material prints a page's
``title`` and ``description`` as they are: into ``<title>``, the page header,
the navigation, the footer, and the ``content`` attribute of
``<meta name="description">``; its ``subtitle`` and ``status`` in the navigation
of every page, and its ``author`` in ``<head>``. A post's ``links:`` (their
titles, and the settings of the pages they lead to) and its authors' names,
descriptions, addresses and pictures are printed as they are in its sidebar. A
title holding ``"><img src=x onerror=...`` would become markup. All of it is
plain text, so each is escaped once, before any template runs; ``markupsafe``'s
escaped text is marked as such, so escaping it again (a template's ``| e``, a
second build of the preview) changes nothing.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from markupsafe import Markup, escape

# Every front-matter key a template of Material's prints as it is.
TEXT_KEYS = ("title", "description", "subtitle", "status", "author")
# Every key of an author (Material's authors file) its templates print.
AUTHOR_KEYS = ("name", "description", "url", "avatar")


def escape_front_matter(meta: MutableMapping[str, Any]) -> None:
    for key in TEXT_KEYS:
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = escape(value)


def escape_tags(meta: MutableMapping[str, Any]) -> None:
    """A post's ``tags:``, which Material's tags plugin, its templates and its search
    results print as they are (on the post, the tags page and its contents)."""
    tags = meta.get("tags")
    if isinstance(tags, list):
        meta["tags"] = [escape(tag) if isinstance(tag, str) else tag for tag in tags]


def escape_link(item: Any) -> None:
    """One entry of a post's ``links:`` (MkDocs' Link or Section, or Material's
    Reference, which carries a copy of the settings of the page it leads to)."""
    for key in ("title", "url"):  # a section has no url
        if isinstance(getattr(item, key, None), str):
            setattr(item, key, escape(getattr(item, key)))
    meta = getattr(item, "meta", None)
    if isinstance(meta, MutableMapping):
        escape_front_matter(meta)


def escape_author(author: MutableMapping[str, Any]) -> None:
    """An author of Material's authors file: its addresses are printed into
    attributes, its name and description as text."""
    for key in AUTHOR_KEYS:
        value = author.get(key)
        if isinstance(value, str):
            author[key] = escape(value)


def plain(value: str) -> str:
    """The text itself, whether it was escaped (``Markup``) or not."""
    return value.unescape() if isinstance(value, Markup) else value
