"""A Content-Security-Policy for every page, as a ``<meta>`` at the top of its head.

Scripts run only from this site, from the configured counter and comment hosts,
and inline where the script is one the theme wrote: each of those is allowed by
its SHA-256 hash, computed from the finished page (``page.py``). A ``<script>``
or an ``onerror=`` inside a post is not the theme's, gets no hash, and is
blocked.

Styles may be inline (``'unsafe-inline'`` for styles only): Material sets
style attributes from its JavaScript, and a style cannot run code.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

# Script types a browser runs (the JavaScript MIME types, and modules).
EXECUTABLE_TYPES = frozenset({
    "", "text/javascript", "application/javascript", "application/ecmascript",
    "application/x-javascript", "text/ecmascript", "text/jscript", "module",
})  # fmt: skip


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
