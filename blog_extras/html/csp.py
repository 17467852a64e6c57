"""A Content-Security-Policy for every page, as a ``<meta>`` at the top of its head.

Scripts run only from this site, from the configured counter and comment hosts,
and inline where the script is one the theme wrote: each of those is allowed by
its SHA-256 hash, computed from the finished page. A ``<script>`` or an
``onerror=`` inside a post is not the theme's, gets no hash, and is blocked.

Styles may be inline (``'unsafe-inline'`` for styles only): Material sets
style attributes from its JavaScript, and a style cannot run code.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = '<meta charset="utf-8">'


def inline_scripts(html: str) -> list[str]:
    """The bodies of the inline scripts a browser would run."""
    found = []
    for match in _SCRIPT.finditer(html):
        attributes = match["attributes"]
        if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE):
            continue
        kind = _TYPE.search(attributes)
        if (kind[1].lower() if kind else "") in _EXECUTABLE:
            found.append(match["body"])
    return found


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(theme_scripts: Iterable[str], origins: Iterable[str], frames: Iterable[str]) -> str:
    hashes = sorted({script_hash(body) for body in theme_scripts})
    others = sorted(set(origins))
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *hashes, *others]),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: " + " ".join(others),
        "connect-src 'self' " + " ".join(others),
        "font-src 'self' data:",
        "worker-src 'self'",
        "frame-src " + (" ".join(sorted(set(frames))) or "'none'"),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(" ".join(directive.split()) for directive in directives)


def with_policy(html: str, post_content: str, origins: Iterable[str], frames: Iterable[str]) -> str:
    """``html`` with its policy. Inline scripts found in ``post_content`` (the page's own
    Markdown) are not the theme's and get no hash."""
    authored = inline_scripts(post_content)
    theme = [body for body in inline_scripts(html) if body not in authored]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(theme, origins, frames)}">'
    if _CHARSET in html:
        return html.replace(_CHARSET, _CHARSET + "\n    " + meta, 1)
    return html
