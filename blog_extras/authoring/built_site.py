"""What a built site says about itself: the address it was built for.

The link check (``linkcheck.py``) and the review copy (``review_copy.py``) both
need it, and both read it from the built pages, not from mkdocs.yml or
``SITE_URL``: on GitHub Actions the plugin derives ``site_url`` from
``GITHUB_REPOSITORY``, which mkdocs.yml does not show, and the pages at hand
were built for the address they hold, whatever the environment now.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

HOME = "index.html"


def site_address(site: Path) -> str:
    """The address ``site`` was built for (``site_url``), from its home page's
    canonical link, where MkDocs writes it; "" when the site was built without
    one, or has no home page."""
    try:
        html = (site / HOME).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    link = LexborHTMLParser(html).css_first('link[rel="canonical"][href]')
    href = (link.attributes.get("href") or "").strip() if link is not None else ""
    parts = urlsplit(href)
    return href if parts.scheme in ("http", "https") and parts.netloc else ""


def served_prefix(address: str) -> str:
    """The path the site is served under: ``/my-blog/`` for
    ``https://jane.github.io/my-blog/`` (a GitHub Pages project site), ``/`` for
    a custom domain or no address (MkDocs' own default)."""
    path = urlsplit(address).path.strip("/")
    return f"/{path}/" if path else "/"
