"""Pages that keep the old Wix addresses (``/post/<slug>``) working.

Each is a small HTML page at the old address that sends the reader on to the
post's new address at once (a ``refresh`` with no delay, which needs no script
and so passes a strict Content-Security-Policy), tells search engines the new
address is the one to rank (``rel=canonical``), and keeps a plain link for
anything that follows neither.
"""

from __future__ import annotations

import posixpath
from html import escape
from urllib.parse import unquote


def redirect_page(title: str, old_path: str, new_url: str, site_url: str) -> str:
    """The redirect page served at ``old_path`` for the post at ``new_url`` (site-relative)."""
    here = old_path.strip("/") + "/"
    relative = posixpath.relpath(new_url or ".", here) if new_url else posixpath.relpath(".", here)
    relative = relative.rstrip("/") + "/" if not relative.endswith(".html") else relative
    canonical = site_url.rstrip("/") + "/" + new_url if site_url else relative
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        '<meta name="robots" content="noindex">\n'
        # No favicon request (and no 404) on a page that is left at once.
        '<link rel="icon" href="data:,">\n'
        f'<meta http-equiv="refresh" content="0; url={escape(relative)}">\n'
        "</head>\n<body>\n"
        f'<p>This post has moved to <a href="{escape(relative)}">{escape(title)}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def redirect_file(old_path: str) -> str:
    """Where, below site/, the redirect page for ``old_path`` goes: at the decoded
    path, for GitHub Pages (like any static server) finds a file by the decoded
    request path, and a browser sends ``/post/bañó`` percent-encoded whether it
    was written plain or encoded. ``/post/ba%C3%B1%C3%B3`` goes to ``post/bañó/``."""
    return posixpath.join(old_address_key(old_path), "index.html")


def old_address_key(old_path: str) -> str:
    """The one form of an old address, written plain or percent-encoded."""
    return unquote(old_path).strip("/")
