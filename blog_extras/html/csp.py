"""A Content-Security-Policy for every page, as a ``<meta>`` at the top of its head.

Scripts run only from this site, from the configured counter and comment hosts,
and inline where the script is one the theme wrote: each of those is allowed by
its SHA-256 hash, computed from the finished page (``page.py``): only the
scripts the templates wrote, known by their mark (``theme_marks.py``). A
``<script>`` or an ``onerror=`` from a post, its front matter or the authors
file is not the theme's, gets no hash, and is blocked.

``'self'`` is every script file of the site: the theme's and this project's
only, since ``make check`` refuses any other file under ``docs/`` than posts,
pages, pictures and the blog's own look (``authoring/docs_files.py``). Naming
each file instead would need the site's full address in the policy (a source
with a path names a host), which the review copy opened from disk and the local
preview do not have.

``base-uri 'none'``: the theme writes no ``<base>``, and one from a post (the
page pass removes it) could not move the page's relative links elsewhere.

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
        "base-uri 'none'",
        "form-action 'self'",
    ]
    return "; ".join(" ".join(directive.split()) for directive in directives)
