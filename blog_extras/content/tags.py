"""The tags page: Material's tags plugin lists every tag of the posts on the page
whose text holds its listing marker (``<!-- material/tags -->``, docs/tags.md).

A blog whose posts have no tags would show that page in its navigation with
nothing on it but its title: then it is left out of the build altogether (no
navigation entry, no page, no search entry), and comes back with the first post
that has a tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any


def holds_tags_listing(markdown: str, directive: str) -> bool:
    """Whether a page's Markdown holds the tags plugin's listing marker."""
    return re.search(rf"<!--\s*{re.escape(directive)}\b", markdown, re.IGNORECASE) is not None


def any_tags(metas: Iterable[Mapping[str, Any]]) -> bool:
    """Whether any post's front matter names a tag."""
    return any(isinstance(meta.get("tags"), list) and meta["tags"] for meta in metas)
