"""Text from front matter, made safe for the theme's templates.

MkDocs' templates do not escape what they print, and Material prints a page's
``title`` and ``description`` as they are: into ``<title>``, the page header,
the navigation, the footer, and the ``content`` attribute of
``<meta name="description">``. A title holding ``"><img src=x onerror=...`` would
become markup. Front matter is plain text, so both are escaped once, before any
template runs; ``markupsafe``'s escaped text is marked as such, so escaping it
again (a template's ``| e``, a second build of the preview) changes nothing.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from markupsafe import Markup, escape

TEXT_KEYS = ("title", "description")


def escape_front_matter(meta: MutableMapping[str, Any]) -> None:
    for key in TEXT_KEYS:
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = escape(value)


def plain(value: str) -> str:
    """The text itself, whether it was escaped (``Markup``) or not."""
    return value.unescape() if isinstance(value, Markup) else value
